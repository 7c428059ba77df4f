// The Cloudflare Worker (cmd/worker) in the local Workers runtime: `wrangler
// dev` (workerd on loopback) against loopback fake exchanges serving recorded
// bodies. Run with `node --test test/worker/`; needs Go and node_modules.
//
// 2026-08 is a closed month (the fixtures' data ends there and the clock is
// later), so its second request must come from the Workers Cache API: each
// request starts a fresh Go instance, so nothing else could remember it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { startFake } from './fake-upstream.mjs';
import { buildDir, buildWorker, goroot, root, startWorker, workerDeps } from './harness.mjs';

let twse, tpex, worker;
let failed = false;

before(async () => {
  const size = buildWorker();
  console.log(`app.wasm: ${size.raw} bytes, ${size.gzip} bytes gzip -9`);
  twse = await startFake('twse');
  tpex = await startFake('tpex');
  worker = await startWorker({ vars: { TWSE_BASE: twse.base, TPEX_BASE: tpex.base } });
}, { timeout: 900_000 });

after(async () => {
  const log = worker ? await worker.stop() : '';
  if (failed && log) console.log(`wrangler dev output:\n${log.replace(/^/gm, '  ')}`);
  await twse?.close();
  await tpex?.close();
});

// get fetches path from the Worker and parses JSON bodies.
async function get(p) {
  const res = await fetch(worker.base + p, { signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  let json;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try { json = JSON.parse(text); } catch { /* asserted by the caller */ }
  }
  return { res, text, json };
}

// check runs fn and marks the run failed (so wrangler's log is printed) if it throws.
async function check(fn) {
  try { await fn(); } catch (e) { failed = true; throw e; }
}

const upstreamCalls = (fake, pred) => fake.requests.filter((r) => pred(r.path)).length;
const twse2330Aug = (p) => p.includes('stockNo=2330') && p.includes('date=20260801');

describe('worker', { concurrency: false }, () => {
  test('links neither gonum nor unroll/core (size limit)', () => check(() => {
    const deps = workerDeps();
    const bad = deps.filter((d) => d.startsWith('gonum.org/') || d === 'unroll/core' || d.startsWith('unroll/core/'));
    assert.deepEqual(bad, [], `cmd/worker must not import: ${bad.join(', ')}`);
  }));

  test('fits the free plan with room: under 2.5 MiB compressed (3 MiB allowed)', () => check(() => {
    // As wrangler measures an upload: gzip (zlib's default level) of all modules.
    // Linking net/http's own transport (an *http.Client anywhere the Worker
    // reaches: TLS, X.509, the dialer) adds some 0.8 MiB and fails this.
    const modules = ['worker.mjs', 'runtime.mjs', 'wasm_exec.js', 'app.wasm'].map((f) => readFileSync(path.join(buildDir, f)));
    const raw = modules.reduce((n, b) => n + b.length, 0);
    const gz = gzipSync(Buffer.concat(modules)).length;
    const target = 2.5 * 1024 * 1024;
    console.log(`worker upload: ${(raw / 1024).toFixed(0)} KiB, gzip ${(gz / 1024).toFixed(0)} KiB (free plan: 3072 KiB)`);
    assert.ok(gz < target, `the Worker is ${gz} bytes compressed, over the ${target} target (the free plan allows 3 MiB)`);
  }));

  test('wasm_exec.js is this Go release\'s, apart from the runtime-context patch', () => check(() => {
    // workers-assets-gen ships Go's lib/wasm/wasm_exec.js with one change: run()
    // takes the Worker's context and exposes it to Go as globalThis.context.
    const generated = readFileSync(path.join(buildDir, 'wasm_exec.js'), 'utf8');
    const unpatched = generated
      .replace('async run(instance, context) {', 'async run(instance) {')
      .replace(/\n\t*const globalProxy = new Proxy\(globalThis, \{[\s\S]*?\n\t*\}\)\n/, '\n')
      .replaceAll('globalProxy', 'globalThis');
    const upstream = readFileSync(path.join(goroot(), 'lib/wasm/wasm_exec.js'), 'utf8');
    assert.ok(unpatched.trimEnd() === upstream.trimEnd(),
      'cmd/worker/build/wasm_exec.js (from workers-assets-gen) differs from $(go env GOROOT)/lib/wasm/wasm_exec.js ' +
      'beyond the runtime-context patch: the Go toolchain and github.com/syumai/workers are out of step');
  }));

  test('GET /healthz answers 200', () => check(async () => {
    const { res } = await get('/healthz');
    assert.equal(res.status, 200);
  }));

  test('a closed month comes from the upstream, then from the Cache API', () => check(async () => {
    const first = await get('/api/v1/stocks/2330/daily?from=2026-08&to=2026-08');
    assert.equal(first.res.status, 200, first.text);
    const body = first.json;
    assert.ok(body, `not JSON: ${first.text.slice(0, 200)}`);
    assert.equal(body.code, '2330');
    assert.equal(body.name, '台積電');
    assert.equal(body.market, 'twse');
    assert.equal(body.source, 'upstream');
    assert.equal(body.rows.length, 21);
    // Exact values of twse_stock_day_2330_202608_rwd.json (TWSE reports shares and NT$).
    assert.deepEqual(body.rows[0], {
      date: '2026-08-03', open: 2390, high: 2395, low: 2365, close: 2370,
      volume: 35209944, turnover: 83673350698, change: -55, transactions: 174489,
    });
    assert.deepEqual(body.rows[2], {
      date: '2026-08-05', open: 2385, high: 2415, low: 2370, close: 2405,
      volume: 36782301, turnover: 88157683613, change: 85, transactions: 119876,
    });
    assert.deepEqual(body.rows[20], {
      date: '2026-08-31', open: 2395, high: 2405, low: 2375, close: 2405,
      volume: 32792740, turnover: 78563954428, change: -15, transactions: 106512,
    });
    assert.equal(upstreamCalls(twse, twse2330Aug), 1, `TWSE requests: ${JSON.stringify(twse.requests)}`);

    const again = await get('/api/v1/stocks/2330/daily?from=2026-08&to=2026-08');
    assert.equal(again.res.status, 200, again.text);
    assert.equal(again.json.source, 'cache');
    assert.deepEqual(again.json.rows, body.rows);
    assert.equal(upstreamCalls(twse, twse2330Aug), 1,
      `the repeat reached the upstream: TWSE requests ${JSON.stringify(twse.requests)}`);
  }));

  // tpex_tradingStock_6488_202608.json, first row: 15,388 張 and 13,694,380 仟元.
  const tpexFirstRow = {
    date: '2026-08-03', open: 870, high: 930, low: 843, close: 866,
    volume: 15388000, turnover: 13694380000, change: 11, transactions: 23455,
  };

  test('a TPEx code (6488) is read from TPEx, in shares and NT$', () => check(async () => {
    const { res, json, text } = await get('/api/v1/stocks/6488/daily?from=2026-08&to=2026-08');
    assert.equal(res.status, 200, text);
    assert.equal(json.code, '6488');
    assert.equal(json.name, '環球晶');
    assert.equal(json.market, 'tpex');
    assert.equal(json.source, 'upstream');
    assert.equal(json.rows.length, 21);
    assert.deepEqual(json.rows[0], tpexFirstRow);
    assert.equal(upstreamCalls(tpex, (p) => p.includes('code=6488') && p.includes('date=2026/08/01')), 1,
      `TPEx requests: ${JSON.stringify(tpex.requests)}`);
  }));

  test('an unlisted code falls back from TWSE (no data) to TPEx', () => check(async () => {
    const { res, json, text } = await get('/api/v1/stocks/9999/daily?from=2026-08&to=2026-08');
    assert.equal(res.status, 200, text);
    assert.equal(json.market, 'tpex');
    assert.equal(json.name, '測試櫃買');
    assert.deepEqual(json.rows[0], tpexFirstRow);
    assert.equal(upstreamCalls(twse, (p) => p.includes('stockNo=9999')), 1, `TWSE requests: ${JSON.stringify(twse.requests)}`);
    assert.equal(upstreamCalls(tpex, (p) => p.includes('code=9999')), 1, `TPEx requests: ${JSON.stringify(tpex.requests)}`);
  }));

  test('a code neither exchange knows is a 404 JSON error', () => check(async () => {
    const { res, json, text } = await get('/api/v1/stocks/5555/daily?from=2026-08&to=2026-08');
    assert.equal(res.status, 404, text);
    assert.equal(json?.error?.code, 'not_found', text);
  }));

  test('invalid input is a 400 JSON error and never reaches the upstream', () => check(async () => {
    const before = twse.requests.length + tpex.requests.length;
    for (const [p, code] of [
      ['/api/v1/stocks/12/daily?from=2026-08&to=2026-08', 'invalid_code'],
      ['/api/v1/stocks/2330x!/daily?from=2026-08&to=2026-08', 'invalid_code'],
      ['/api/v1/stocks/2330/daily?from=2026-13&to=2026-08', 'invalid_range'],
      ['/api/v1/stocks/2330/daily?from=2026-09&to=2026-08', 'invalid_range'],
    ]) {
      const { res, json, text } = await get(p);
      assert.equal(res.status, 400, `${p}: ${text}`);
      assert.ok(json?.error, `${p}: not a JSON error: ${text}`);
      assert.equal(json.error.code, code, p);
      assert.ok(json.error.message && json.error.message_zh, `${p}: both messages: ${text}`);
    }
    assert.equal(twse.requests.length + tpex.requests.length, before);
  }));

  test('GET /api/v1/stocks?q=台積 finds 2330', () => check(async () => {
    const { res, json, text } = await get('/api/v1/stocks?q=' + encodeURIComponent('台積'));
    assert.equal(res.status, 200, text);
    assert.ok(Array.isArray(json), text);
    assert.ok(json.some((s) => s.code === '2330' && s.name === '台積電' && s.market === 'twse'), text);
  }));

  test('the page is served as a static asset, with the API\'s security headers', () => check(async () => {
    const want = readFileSync(path.join(root, 'static/index.html'), 'utf8');
    const { res, text } = await get('/');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(text, want);
    // static/_headers must agree with web.Secure (seen on the Worker's own answers).
    const api = (await get('/healthz')).res.headers;
    for (const h of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options',
      'cross-origin-opener-policy', 'cross-origin-resource-policy']) {
      assert.ok(api.get(h), `the API sets ${h}`);
      assert.equal(res.headers.get(h), api.get(h), `${h} of the page (static/_headers) and of the API (web.Secure)`);
    }
  }));

  test('Go sources in static/ are not published (static/.assetsignore)', () => check(async () => {
    const { res } = await get('/embed.go');
    assert.equal(res.status, 404);
  }));
});
