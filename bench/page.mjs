// Cold loads of the default view in headless Chromium against
// `bin/unroll serve --offline`: for each of RUNS loads (a new browser context,
// so an empty cache) the first contentful paint, the time from navigation to
// html[data-engine=ready], and what went over the wire before ready (bytes as
// the network reported them, compressed where the server compressed, and the
// number of requests, the worker's included; a request counts when the
// browser's timing says it started before ready). Prints the medians as
// `name value` lines, like `make bench`:
//
//   page_fcp_ms 412
//   page_ready_ms 988
//   page_bytes 873210
//   page_requests 11
//
// Usage: node bench/page.mjs [--runs 7] [--hash '#cell=lstm'] [--verbose]
import { parseArgs } from 'node:util';
import { startServer, launchBrowser } from '../test/browser/helpers.mjs';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    hash: { type: 'string', default: '' },
    verbose: { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(opts.runs) || 7);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// The moment data-engine turns ready, relative to navigation, told on the
// console. The load waits for that message rather than for a selector: a
// selector wait makes Playwright compile its injected script in the page as
// it loads (about 100 ms of the page's thread here), which held back the
// parser and the first paint it measures.
const READY = 'bench-page:ready';
const markReady = (ready) => {
  new MutationObserver(() => {
    if (document.documentElement.dataset.engine !== 'ready' || globalThis.__readyAt) return;
    globalThis.__readyAt = performance.now();
    console.debug(ready);
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-engine'] });
};

// load opens the page once in a fresh context (an empty cache) and returns its numbers.
async function load(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce' });
  await context.addInitScript(markReady, READY);
  const page = await context.newPage();
  let waiting = true;
  const pending = [];
  // The context's requests include the engine worker's. Each resolves with its
  // start (ms since the epoch, as the browser timed it) and its size.
  context.on('request', (req) => {
    if (!waiting || req.url().startsWith('data:')) return;
    pending.push(new Promise((resolve) => {
      const size = req.response().then((res) => (res ? res.finished() : null)).then(() => req.sizes()).then(
        (s) => s.responseBodySize + s.responseHeadersSize,
        () => 0,
      );
      size.then((bytes) => resolve({ url: req.url(), start: req.timing().startTime, bytes }));
    }));
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForEvent('console', { predicate: (m) => m.text() === READY, timeout: 120000 });
  const m = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    ready: globalThis.__readyAt ?? NaN,
    readyEpoch: performance.timeOrigin + (globalThis.__readyAt ?? NaN),
  }));
  waiting = false; // what starts after this started after ready
  // Only the requests that started before ready count.
  const before = (await Promise.all(pending)).filter((r) => !(r.start > m.readyEpoch));
  const bytes = before.reduce((a, r) => a + r.bytes, 0);
  await context.close();
  return { fcp: m.fcp, ready: m.ready, bytes, requests: before.length, urls: before.map((r) => r.url) };
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const url = server.url + opts.hash;
  const all = [];
  for (let i = 0; i < runs; i++) {
    const r = await load(browser, url);
    all.push(r);
    if (opts.verbose) {
      console.error(`load ${i + 1}: fcp ${r.fcp.toFixed(0)} ms, ready ${r.ready.toFixed(0)} ms, ${r.bytes} bytes, ${r.requests} requests`);
      if (i === 0) for (const u of r.urls) console.error(`  ${u}`);
    }
  }
  console.log(`page_fcp_ms ${median(all.map((r) => r.fcp)).toFixed(0)}`);
  console.log(`page_ready_ms ${median(all.map((r) => r.ready)).toFixed(0)}`);
  console.log(`page_bytes ${median(all.map((r) => r.bytes)).toFixed(0)}`);
  console.log(`page_requests ${median(all.map((r) => r.requests))}`);
} finally {
  await browser.close();
  await server.stop();
}
