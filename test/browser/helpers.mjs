// Shared set-up of the browser tests: the real server (bin/unroll serve
// --offline on a free loopback port), Debian's Chromium through
// playwright-core, the CLI's trace for comparison, and readers of the DOM
// contract (DESIGN §4).
import { before, after } from 'node:test';
import { spawn, execFileSync } from 'node:child_process';
import fs, { mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.UNROLL_BIN || path.join(ROOT, 'bin/unroll');
export const SHOTS = process.env.UNROLL_SHOTS || '/tmp/shots';

// startServer runs `unroll serve --offline --addr 127.0.0.1:0` (and the extra
// arguments) and resolves with {url, stop()} once it prints its URL.
export function startServer(extra = []) {
  const proc = spawn(BIN, ['serve', '--offline', '--addr', '127.0.0.1:0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log += chunk;
      const m = /Unroll: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log);
      if (m) {
        proc.stdout.off('data', onData);
        resolve({
          url: m[1],
          stop: () =>
            new Promise((done) => {
              if (proc.exitCode !== null) return done();
              proc.once('exit', () => done());
              proc.kill('SIGTERM');
            }),
        });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (c) => (log += c));
    proc.once('exit', (code) => reject(new Error(`unroll serve exited (${code}) before printing its URL:\n${log}`)));
    proc.once('error', reject);
  });
}

// The page's policy, as static/_headers gives it: under it a violation is a
// console error, which fails the tests.
export const CSP = fs.readFileSync(path.join(ROOT, 'static/_headers'), 'utf8').match(/Content-Security-Policy:\s*(.+)/)[1].trim();
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

// serveHarness serves the repository's static/ and test/browser/ under the
// page's CSP on a free loopback port (d3 from node_modules when static/gen/
// has not been built), for the views' harness pages; it resolves with the
// http.Server.
export function serveHarness() {
  return new Promise((resolve) => {
    const s = http.createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      let file = path.normalize(path.join(ROOT, decodeURIComponent(url.pathname)));
      const allowed = [path.join(ROOT, 'static'), path.join(ROOT, 'test/browser')].some((d) => file.startsWith(d + path.sep));
      if (url.pathname === '/static/gen/d3.min.js' && !fs.existsSync(file)) file = path.join(ROOT, 'node_modules/d3/dist/d3.min.js');
      else if (!allowed) file = '';
      fs.readFile(file, (err, body) => {
        if (err) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-security-policy': CSP }).end(body);
      });
    });
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

// useServerAndBrowser starts the server and Chromium before a file's tests
// and stops them after; ready(server, browser) receives them.
export function useServerAndBrowser(ready, serveArgs = []) {
  let server;
  let browser;
  before(async () => {
    server = await startServer(serveArgs);
    browser = await launchBrowser();
    ready(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic', '--disable-features=WebUIOmniboxPopup',
    ],
  });
}

// openPage opens url (with an optional hash) at 1366×768 and waits for the
// engine; problems collects console errors, page errors and failed requests.
// init, if given, is a script run in the page before its own (e.g. an observer).
export async function openPage(browser, url, { hash = '', reducedMotion = 'reduce', viewport = { width: 1366, height: 768 }, init = null } = {}) {
  const context = await browser.newContext({ viewport, reducedMotion });
  // Playwright's 30 s for a wait or an action is short on a busy machine; the waits are for states, not time.
  context.setDefaultTimeout(60000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  // Record when the engine reports ready (for the measurements).
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.documentElement.dataset.engine === 'ready' && !globalThis.__readyAt) globalThis.__readyAt = performance.now();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-engine'] });
  });
  if (init) await page.addInitScript(init);
  await page.goto(url + hash);
  await waitReady(page);
  return { page, context, problems };
}

// withPage opens url + hash (openPage's options), runs fn(page), and checks the console stayed
// clean but for problems matching allow (Chromium logs an HTTP error a test provokes); the page's
// context is closed however fn ends.
export async function withPage(browser, url, { allow = [], ...opts }, fn) {
  const { page, context, problems } = await openPage(browser, url, opts);
  try {
    await fn(page);
    assert.deepEqual(problems.filter((p) => !allow.some((re) => re.test(p))), [], 'no console errors');
  } finally {
    await context.close();
  }
}

export async function waitReady(page) {
  await page.waitForSelector('html[data-engine="ready"]', { timeout: 60000 });
}

// hashState reads the page's hash as an object.
export async function hashState(page) {
  const hash = await page.evaluate(() => location.hash);
  return Object.fromEntries(hash.replace(/^#/, '').split('&').filter(Boolean).map((p) => {
    const i = p.indexOf('=');
    return [p.slice(0, i), decodeURIComponent(p.slice(i + 1))];
  }));
}

// waitHash waits until the hash's key has the value.
export async function waitHash(page, key, value) {
  await page.waitForFunction(([k, v]) => new RegExp(`[#&]${k}=${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(&|$)`).test(decodeURIComponent(location.hash)), [key, String(value)]);
}

// numbers reads every element carrying the DOM contract.
export async function numbers(page) {
  return page.$$eval('[data-symbol][data-value]', (els) =>
    els.map((e) => ({
      symbol: e.dataset.symbol,
      t: Number(e.dataset.t),
      unit: Number(e.dataset.unit),
      value: Number(e.dataset.value),
      visible: e.getClientRects().length > 0,
    })));
}

// trace runs `unroll trace` for a seeded model.
export function cliTrace({ cell, units, seed, input }) {
  const out = execFileSync(BIN, ['trace', '--cell', cell, '--units', String(units), '--seed', String(seed), '--input', input.join(',')], { encoding: 'utf8' });
  return JSON.parse(out);
}

// expected maps "symbol|t|unit" to the CLI's value: x, h, c, the gate
// activations, and y (the output after the last step).
export function expectedValues(tr) {
  const want = new Map();
  for (const st of tr.steps) {
    st.x.forEach((v, j) => want.set(`x|${st.t}|${j}`, v));
    st.h.forEach((v, j) => want.set(`h|${st.t}|${j}`, v));
    (st.c || []).forEach((v, j) => want.set(`c|${st.t}|${j}`, v));
    for (const [g, vals] of Object.entries(st.gates || {})) vals.forEach((v, j) => want.set(`${g}|${st.t}|${j}`, v));
  }
  tr.output.forEach((v, j) => want.set(`y|${tr.steps.length}|${j}`, v));
  return want;
}

const CONTRACT = new Set(['x', 'h', 'c', 'i', 'f', 'g', 'o', 'z', 'r', 'n', 'y']);

// compareWithCli checks every contract number on the page against the CLI
// and returns {checked, maxDiff, symbols}. Go computes both sides (native and
// WebAssembly); they may differ in the last bits where the native math
// library uses assembly, hence the 1e-12 relative tolerance.
export function compareWithCli(found, tr, assert) {
  const want = expectedValues(tr);
  let checked = 0;
  let maxDiff = 0;
  const symbols = new Set();
  for (const n of found) {
    // The contract's symbols; others (prices in NT$, pre-activations like "f.pre") have no CLI counterpart.
    if (!CONTRACT.has(n.symbol)) continue;
    const key = `${n.symbol}|${n.t}|${n.unit}`;
    if (n.t === 0 && (n.symbol === 'h' || n.symbol === 'c')) {
      assert.equal(n.value, 0, `the initial state ${key} is zero`); // s_0 = c_0 = 0, as Keras starts
      continue;
    }
    assert.ok(want.has(key), `the page shows ${key} = ${n.value}, which the CLI trace does not have`);
    const w = want.get(key);
    const d = Math.abs(n.value - w);
    maxDiff = Math.max(maxDiff, d);
    assert.ok(d <= 1e-12 * Math.max(1, Math.abs(w)), `${key}: page ${n.value}, CLI ${w}`);
    checked++;
    symbols.add(n.symbol);
  }
  return { checked, maxDiff, symbols: [...symbols].sort() };
}

export function shotPath(name) {
  mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, `${name}.png`);
}
