// The one client of the data service (web/, DESIGN §2): the API's JSON and
// its errors, the month arithmetic of its ranges, and a stock's daily rows over
// any range of months, asked for in the pieces the service allows. Answers are
// kept for the page's lifetime: per (code, from, to) for fetchRange, per closed
// month for loadSeries (so a retry after an error resumes where it stopped).

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

// getJSON fetches one API answer. Failures become ApiError with the
// service's code and zh/en messages (with retryAfter in seconds for 503,
// from the Retry-After header); an answer that is not JSON, or that check
// (if given) refuses, is a failure too. An abort through signal rejects with
// the AbortError itself.
export async function getJSON(url, { signal, check } = {}) {
  let resp;
  try {
    resp = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw new ApiError(0, { code: 'fetch_failed', message: `Could not reach the server: ${err.message}`, message_zh: `無法連線到伺服器：${err.message}` });
  }
  let body = null;
  try {
    body = await resp.json();
  } catch {
    // not JSON: reported below
  }
  if (resp.ok && body && (!check || check(body))) return body;
  const e = new ApiError(resp.status, body?.error || { code: 'fetch_failed', message: `HTTP ${resp.status}`, message_zh: `HTTP ${resp.status}` });
  const after = Number(resp.headers.get('Retry-After'));
  if (after > 0) e.retryAfter = after;
  throw e;
}

// ---- months ("YYYY-MM") ----

export const FIRST_MONTH = '2010-01'; // web.FirstMonth: the earliest month the service serves
// MAX_MONTHS is the data service's longest range per request (web.DefaultMaxMonths).
export const MAX_MONTHS = 36;

// monthIndex counts months ("YYYY-MM" → year × 12 + month − 1); monthOf is its inverse.
export const monthIndex = (ym) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
export const monthOf = (k) => `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;

// monthsBetween lists the months from..to inclusive.
export function monthsBetween(from, to) {
  const out = [];
  for (let k = monthIndex(from); k <= monthIndex(to); k++) out.push(monthOf(k));
  return out;
}

// monthPieces cuts the months from..to into consecutive [first, last] pieces of at most size months.
export function monthPieces(from, to, size = MAX_MONTHS) {
  const pieces = [];
  const last = monthIndex(to);
  for (let k = monthIndex(from); k <= last; k += size) pieces.push([monthOf(k), monthOf(Math.min(k + size - 1, last))]);
  return pieces;
}

// thisMonth is the current month in Taipei, as the service counts it. Taipei
// is UTC+8 all year (no daylight saving time since 1979), so plain arithmetic
// does it; a time-zone Intl.DateTimeFormat cost some 20-50 ms of the page's
// start (loading the zone data) for the same answer.
export function thisMonth(now = new Date()) {
  const taipei = new Date(now.getTime() + 8 * 3600 * 1000);
  return `${taipei.getUTCFullYear()}-${String(taipei.getUTCMonth() + 1).padStart(2, '0')}`;
}

// ---- the service ----

let health = null;

// serverInfo resolves with the server's /healthz: {offline, offline_codes}.
export function serverInfo() {
  health ||= getJSON('healthz').catch(() => ({ offline: false, offline_codes: [] }));
  return health;
}

// pageStarted resolves once the page's first view is up (html[data-engine] no
// longer "loading"), at once where there is no such page: requests that only a
// hint needs wait for it, so that they do not compete with the first view's.
export function pageStarted() {
  const html = globalThis.document?.documentElement;
  if (!html || html.dataset.engine !== 'loading') return Promise.resolve();
  return new Promise((resolve) => {
    const seen = new MutationObserver(() => {
      if (html.dataset.engine === 'loading') return;
      seen.disconnect();
      resolve();
    });
    seen.observe(html, { attributes: true, attributeFilter: ['data-engine'] });
  });
}

// searchStocks resolves with the hits for q: [{code, name, market, type, offline, offline_range?}].
export function searchStocks(q, { signal, limit = 8 } = {}) {
  return getJSON(`api/v1/stocks?q=${encodeURIComponent(q)}&limit=${limit}`, { signal });
}

const dailyURL = (code, from, to) => `api/v1/stocks/${encodeURIComponent(code)}/daily?from=${from}&to=${to}`;
const hasRows = (body) => Array.isArray(body.rows);

const cache = new Map();

// fetchDaily resolves with {code, name, market, source, rows: [{date, close, …}]}.
export function fetchDaily(code, from, to) {
  const key = `${code}:${from}:${to}`;
  if (!cache.has(key)) {
    const p = getJSON(dailyURL(code, from, to), { check: hasRows });
    p.catch(() => cache.delete(key)); // errors are not kept
    cache.set(key, p);
  }
  return cache.get(key);
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

// ---- the stock picker's load: month by month, with progress ----
//
// A server that asks the exchanges gets one request per month (each may wait
// for the server's polite spacing, so the progress is the months as they
// arrive); a server serving the shipped offline data gets pieces of up to
// MAX_MONTHS months (one quick answer each).

const memo = new Map(); // "CODE:YYYY-MM" → one month's part (closed months only)

// A part is one month (or piece) of an answer: its rows and where they came from.
const partOf = (body, rows) => ({
  name: body.name || '', market: body.market || '', source: body.source || '', rows,
  fallback: !!body.fallback, notice: body.notice || '', notice_zh: body.notice_zh || '',
});

// loadSeries resolves with the rows of code from..to, in the API's form plus
// what the page shows: {code, name, market, source, rows, range: {from, to},
// requested: {from, to}, fallback, notice, notice_zh, notices: [{en, zh}]}.
// source is "offline" if any month came from the shipped data, else
// "upstream" if any came from the exchange, else "cache".
// onProgress({done, total, month}) counts months. within ({from, to}
// dates), if given, is where data can be (the offline data's range on a
// server that serves only that): months outside it are not asked for.
export async function loadSeries(code, from, to, { onProgress = () => {}, signal, within = null } = {}) {
  const months = monthsBetween(from, to);
  const total = months.length;
  const now = thisMonth();
  const got = new Map();
  let lastMiss = null;
  for (const m of months) if (memo.has(`${code}:${m}`)) got.set(m, memo.get(`${code}:${m}`));
  const tick = (month, queue = null) => onProgress({ done: got.size, total, month, queue });
  const keep = (m, part) => {
    got.set(m, part);
    if (m < now) memo.set(`${code}:${m}`, part);
  };
  const url = (a, b) => dailyURL(code, a, b);

  // pieces asks for the missing months in runs of at most MAX_MONTHS consecutive months.
  async function pieces(list) {
    for (let k = 0; k < list.length; ) {
      let e = k;
      while (e + 1 < list.length && e + 1 - k < MAX_MONTHS && monthIndex(list[e + 1]) === monthIndex(list[e]) + 1) e++;
      const [a, b] = [list[k], list[e]];
      let body = null;
      try {
        body = await getJSON(url(a, b), { signal, check: hasRows });
      } catch (err) {
        if (err?.code !== 'not_found') throw err;
        lastMiss = err;
      }
      for (const m of list.slice(k, e + 1)) {
        keep(m, partOf(body || {}, body ? body.rows.filter((r) => r.date.startsWith(m)) : []));
      }
      tick(b);
      k = e + 1;
    }
  }

  const outside = (m) => m < within.from.slice(0, 7) || m > within.to.slice(0, 7);
  // (All outside: the service is asked, and its message names the range it has.)
  if (within && !months.every(outside)) {
    for (const m of months) if (outside(m)) got.set(m, partOf({}, []));
  }
  tick(null);
  const missing = months.filter((m) => !got.has(m));
  const { offline } = await serverInfo();
  if (offline || missing.length === 0) {
    await pieces(missing);
  } else {
    // The last month first: if the exchanges do not know the code, one
    // request for the rest lets the service say so at once.
    const order = [missing[missing.length - 1], ...missing.slice(0, -1)];
    for (const [k, m] of order.entries()) {
      let body;
      try {
        body = await whileQueued(getJSON(url(m, m), { signal, check: hasRows }), code, m, (q) => tick(m, q));
      } catch (err) {
        if (err?.code !== 'not_found') throw err;
        lastMiss = err;
        keep(m, partOf({}, []));
        tick(m);
        if (k === 0 && order.length > 1) {
          await pieces(order.slice(1));
          break;
        }
        continue;
      }
      keep(m, partOf(body, body.rows));
      tick(m);
      // The exchange failed and the service fell back to the shipped data:
      // the rest in pieces, rather than one failing exchange call per month.
      if (body.fallback) {
        await pieces(order.slice(k + 1).sort());
        break;
      }
    }
  }
  return combine(code, from, to, months.map((m) => got.get(m)), lastMiss);
}

// QUEUE_POLL_MS is how often a month that waits for the exchange asks where it stands.
export const QUEUE_POLL_MS = 1000;

// whileQueued resolves like pending (a month's request) and, until it settles,
// asks the service every QUEUE_POLL_MS where that month's fetch stands:
// onQueue({position, wait}) while it waits in the exchange queue (wait in
// seconds), onQueue(null) once it does not.
async function whileQueued(pending, code, month, onQueue) {
  let settled = false;
  const done = pending.finally(() => { settled = true; });
  (async () => {
    while (!settled) {
      await Promise.race([done.catch(() => {}), new Promise((r) => setTimeout(r, QUEUE_POLL_MS))]);
      if (settled) break;
      const q = await getJSON(`api/v1/stocks/${encodeURIComponent(code)}/queue?month=${month}`).catch(() => null);
      if (!settled) onQueue(q?.queued ? { position: q.position, wait: q.wait_s } : null);
    }
  })();
  return done;
}

function combine(code, from, to, parts, lastMiss) {
  const rows = parts.flatMap((p) => p.rows);
  if (rows.length === 0) {
    throw lastMiss || new ApiError(404, { code: 'not_found', message: `No trading data for ${code} from ${from} to ${to}.`, message_zh: `${code} 在 ${from} 至 ${to} 之間沒有交易資料。` });
  }
  const full = parts.filter((p) => p.rows.length);
  const sources = new Set(full.map((p) => p.source));
  const notices = [];
  for (const p of full) {
    if (p.notice_zh && !notices.some((n) => n.zh === p.notice_zh)) notices.push({ en: p.notice, zh: p.notice_zh });
  }
  return {
    code,
    name: full.find((p) => p.name)?.name || '',
    market: full.find((p) => p.market)?.market || '',
    source: ['offline', 'upstream', 'cache'].find((s) => sources.has(s)) || full[0].source,
    rows,
    range: { from: rows[0].date, to: rows[rows.length - 1].date },
    requested: { from, to },
    fallback: full.some((p) => p.fallback),
    notice: notices.map((n) => n.en).join(' '),
    notice_zh: notices.map((n) => n.zh).join(''),
    notices,
  };
}
