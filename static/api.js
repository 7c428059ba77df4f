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

// MAX_MONTHS is the data service's longest range per request (web.DefaultMaxMonths).
export const MAX_MONTHS = 36;

// monthIndex counts months ("YYYY-MM" → year × 12 + month − 1); monthOf is its inverse.
export const monthIndex = (ym) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
export const monthOf = (k) => `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;

// monthPieces cuts the months from..to into consecutive [first, last] pieces of at most size months.
export function monthPieces(from, to, size = MAX_MONTHS) {
  const pieces = [];
  const last = monthIndex(to);
  for (let k = monthIndex(from); k <= last; k += size) pieces.push([monthOf(k), monthOf(Math.min(k + size - 1, last))]);
  return pieces;
}

// fetchRange is fetchDaily over any range of months: it asks for pieces of at
// most MAX_MONTHS months at once and joins their rows in date order.
// onProgress(done, total) follows the pieces. It resolves like fetchDaily.
export async function fetchRange(code, from, to, { onProgress } = {}) {
  const pieces = monthPieces(from, to);
  if (pieces.length <= 1) return fetchDaily(code, from, to);
  let done = 0;
  onProgress?.(0, pieces.length);
  const bodies = await Promise.all(pieces.map(([a, b]) => fetchDaily(code, a, b).then((body) => {
    onProgress?.(++done, pieces.length);
    return body;
  })));
  // Mixed pieces are labelled by the least fresh source among them.
  const sources = new Set(bodies.map((b) => b.source));
  return {
    ...bodies[0],
    source: ['offline', 'cache', 'upstream'].find((s) => sources.has(s)) || bodies[0].source,
    rows: bodies.flatMap((b) => b.rows),
  };
}

// keepDaily stores body (a series loaded elsewhere, such as the stock
// picker's month-by-month load) as the answer for code from..to and for the
// pieces fetchRange asks for, so that it is not fetched again.
export function keepDaily(code, from, to, body) {
  cache.set(`${code}:${from}:${to}`, Promise.resolve(body));
  for (const [a, b] of monthPieces(from, to)) {
    const rows = body.rows.filter((r) => r.date.slice(0, 7) >= a && r.date.slice(0, 7) <= b);
    cache.set(`${code}:${a}:${b}`, Promise.resolve({ ...body, rows }));
  }
}
