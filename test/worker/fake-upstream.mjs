// A loopback stand-in for the TWSE and TPEx servers: it answers the two
// upstream endpoints of DESIGN.md §2 with the recorded bodies the Go client's
// tests use (web/twse/testdata/, provenance in its README) and
// counts every request it sees, so a test can tell a cache hit from a miss.

import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixtures = new URL('../../web/twse/testdata/', import.meta.url);

export function fixture(name) {
  return readFileSync(fileURLToPath(new URL(name, fixtures)));
}

// TWSE STOCK_DAY bodies by `${stockNo} ${YYYYMM}`; anything else gets the
// recorded no-data answer, as TWSE gives for a TPEx code.
const twseBodies = {
  '2330 202608': 'twse_stock_day_2330_202608_rwd.json',
};

// TPEx tradingStock bodies by `${code} ${YYYY/MM}`; anything else gets an
// empty table for the requested month. 9999 is not in the shipped code list,
// so the service must try TWSE first (no data) and fall back to TPEx: it gets
// the recorded 6488 body relabelled as 9999.
const tpexBodies = {
  '6488 2026/08': () => fixture('tpex_tradingStock_6488_202608.json'),
  '9999 2026/08': () => {
    const b = JSON.parse(fixture('tpex_tradingStock_6488_202608.json'));
    b.code = '9999';
    b.name = '測試櫃買';
    b.tables[0].subtitle = b.tables[0].subtitle.replace('6488 環球晶', '9999 測試櫃買');
    return JSON.stringify(b);
  },
};

function tpexNoData(code, date) {
  const compact = date.replaceAll('/', '');
  return JSON.stringify({
    tables: [{ title: '個股日成交資訊', date: compact, data: [], fields: [], notes: [], totalCount: 0 }],
    date: compact, code, name: '', stat: 'ok',
  });
}

// route returns [status, body] for one upstream request.
function route(market, url) {
  const q = url.searchParams;
  if (market === 'twse' && url.pathname === '/rwd/zh/afterTrading/STOCK_DAY') {
    const key = `${q.get('stockNo')} ${(q.get('date') ?? '').slice(0, 6)}`;
    return [200, fixture(twseBodies[key] ?? 'twse_stock_day_nodata.json')];
  }
  if (market === 'tpex' && url.pathname === '/www/zh-tw/afterTrading/tradingStock') {
    const date = q.get('date') ?? '';
    const key = `${q.get('code')} ${date.slice(0, 7)}`;
    const body = tpexBodies[key];
    return [200, body ? body() : tpexNoData(q.get('code') ?? '', date)];
  }
  return [404, JSON.stringify({ error: 'not an upstream endpoint' })];
}

// startFake starts one fake exchange (market 'twse' or 'tpex') on a free
// loopback port. It resolves to {base, requests, close}: requests lists every
// request as {method, path} in arrival order.
export function startFake(market) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://upstream.test');
    requests.push({ method: req.method, path: url.pathname + url.search });
    const [status, body] = route(market, url);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        base: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}
