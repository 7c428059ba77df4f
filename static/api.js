// The data service (web/, DESIGN §2): daily prices of one stock over a range
// of months. Answers are kept per (code, from, to) for the page's lifetime.

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = error?.code || 'fetch_failed';
    this.message_zh = error?.message_zh || this.message;
    this.detail = error?.detail || null;
  }
}

const cache = new Map();

// fetchDaily resolves with {code, name, market, source, rows: [{date, close, …}]}.
export function fetchDaily(code, from, to) {
  const key = `${code}:${from}:${to}`;
  if (!cache.has(key)) {
    const url = `api/v1/stocks/${encodeURIComponent(code)}/daily?from=${from}&to=${to}`;
    const request = fetch(url, { headers: { Accept: 'application/json' } }).catch((err) => {
      throw new ApiError(0, { code: 'fetch_failed', message: `Could not reach the server: ${err.message}`, message_zh: `無法連線到伺服器：${err.message}` });
    });
    const p = request.then(async (resp) => {
      let body = null;
      try {
        body = await resp.json();
      } catch {
        // not JSON: reported below
      }
      if (!resp.ok || !body || !Array.isArray(body.rows)) {
        throw new ApiError(resp.status, body?.error || { code: 'fetch_failed', message: `HTTP ${resp.status}`, message_zh: `HTTP ${resp.status}` });
      }
      return body;
    });
    p.catch(() => cache.delete(key)); // errors are not kept
    cache.set(key, p);
  }
  return cache.get(key);
}
