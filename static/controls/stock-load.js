// The stock picker's side of the data service (web/, DESIGN §2): search, the
// server's mode, and a stock's daily rows over a range of months with real
// progress. A server that asks the exchanges gets one request per month (each
// may wait for the server's polite spacing, so the progress is the months as
// they arrive); a server serving the shipped offline data gets pieces of up to
// PIECE months (one quick answer each). Closed months already loaded are kept
// for the page's lifetime, so a retry after an error resumes where it stopped.

import { ApiError, monthIndex, monthOf } from '../api.js';

export const FIRST_MONTH = '2010-01'; // web.FirstMonth: the earliest month the service serves
export const PIECE = 36; // web.DefaultMaxMonths: the longest range of one request

export { monthIndex, monthOf }; // api.js's month arithmetic, for the picker

// monthsBetween lists the months from..to inclusive ("YYYY-MM").
export function monthsBetween(from, to) {
  const out = [];
  for (let k = monthIndex(from); k <= monthIndex(to); k++) out.push(monthOf(k));
  return out;
}

// thisMonth is the current month in Taipei, as the service counts it.
export function thisMonth(now = new Date()) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get('year')}-${get('month')}`;
}

// checkQuery mirrors the service's checks (web.ValidateQuery) so that a bad
// query never leaves the page: null, or {key, vars} of a stock.* message.
export function checkQuery(code, from, to, maxMonths) {
  if (!/^[0-9A-Z]{4,6}$/.test(code)) return { key: 'stock.bad_code', vars: { code } };
  const month = /^\d{4}-(0[1-9]|1[0-2])$/;
  if (!month.test(from) || !month.test(to)) return { key: 'stock.bad_month', vars: {} };
  const now = thisMonth();
  if (from > to) return { key: 'stock.from_after_to', vars: { from, to } };
  if (to > now) return { key: 'stock.future', vars: { month: to, now } };
  if (from < FIRST_MONTH) return { key: 'stock.too_early', vars: { first: FIRST_MONTH } };
  const n = monthIndex(to) - monthIndex(from) + 1;
  if (n > maxMonths) return { key: 'stock.too_long', vars: { n, max: maxMonths } };
  return null;
}

// getJSON fetches one API answer; failures become ApiError (with retryAfter
// in seconds for 503, from the Retry-After header).
async function getJSON(url, signal) {
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
  if (resp.ok && body) return body;
  const e = new ApiError(resp.status, body?.error || { code: 'fetch_failed', message: `HTTP ${resp.status}`, message_zh: `HTTP ${resp.status}` });
  const after = Number(resp.headers.get('Retry-After'));
  if (after > 0) e.retryAfter = after;
  return Promise.reject(e);
}

let health = null;

// serverInfo resolves with the server's /healthz: {offline, offline_codes}.
export function serverInfo() {
  health ||= getJSON('healthz').catch(() => ({ offline: false, offline_codes: [] }));
  return health;
}

// searchStocks resolves with the hits for q: [{code, name, market, type, offline, offline_range?}].
export function searchStocks(q, { signal, limit = 8 } = {}) {
  return getJSON(`api/v1/stocks?q=${encodeURIComponent(q)}&limit=${limit}`, signal);
}

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
  const tick = (month) => onProgress({ done: got.size, total, month });
  const keep = (m, part) => {
    got.set(m, part);
    if (m < now) memo.set(`${code}:${m}`, part);
  };
  const url = (a, b) => `api/v1/stocks/${encodeURIComponent(code)}/daily?from=${a}&to=${b}`;

  // pieces asks for the missing months in runs of at most PIECE consecutive months.
  async function pieces(list) {
    for (let k = 0; k < list.length; ) {
      let e = k;
      while (e + 1 < list.length && e + 1 - k < PIECE && monthIndex(list[e + 1]) === monthIndex(list[e]) + 1) e++;
      const [a, b] = [list[k], list[e]];
      let body = null;
      try {
        body = await getJSON(url(a, b), signal);
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
        body = await getJSON(url(m, m), signal);
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
