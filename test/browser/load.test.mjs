// Loading the page: what the default view asks the server for before
// html[data-engine=ready] (the bundled page, one worker script, first.wasm
// and the data; no d3.min.js, no shared chunks, no favicon, not app.wasm), what waits until the
// first view is up, and that the files loaded later (Train mode, Why LSTM,
// the lessons' text, the QR code maker) take the page's modules from app.js
// instead of fetching them again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, waitReady, waitHash } from './helpers.mjs';
import u12 from '../../static/lessons/u12.js';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

// open loads the default view in a fresh context (an empty cache), recording
// every request (the engine worker's too) with its start as the browser timed it.
async function open(hash = '') {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce' });
  context.setDefaultTimeout(60000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  // The moment the page turns ready, on the browser's clock.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.documentElement.dataset.engine === 'ready' && !globalThis.__readyEpoch) globalThis.__readyEpoch = performance.timeOrigin + performance.now();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-engine'] });
  });
  const requests = [];
  context.on('requestfinished', (req) => {
    if (!req.url().startsWith('data:')) requests.push({ path: new URL(req.url()).pathname + new URL(req.url()).search, start: req.timing().startTime });
  });
  context.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  // Every title the lesson panel shows while it is shown, from the first.
  await page.addInitScript(() => {
    globalThis.__titles = [];
    new MutationObserver(() => {
      const panel = document.getElementById('lesson-panel');
      const title = panel && !panel.hidden ? panel.querySelector('.lesson-title')?.textContent : null;
      if (title != null && globalThis.__titles.at(-1) !== title) globalThis.__titles.push(title);
    }).observe(document, { attributes: true, childList: true, characterData: true, subtree: true });
  });
  await page.goto(server.url + hash);
  await waitReady(page);
  const readyAt = await page.evaluate(() => globalThis.__readyEpoch);
  return { context, page, problems, requests, readyAt };
}

const BEFORE_READY = [
  /^\/$/, /^\/gen\/page\/app\.css$/, /^\/gen\/page\/app\.js$/, /^\/gen\/worker\.js$/,
  /^\/gen\/first\.wasm$/, /^\/api\/v1\/stocks\/2330\/daily\?from=\d{4}-\d{2}&to=\d{4}-\d{2}$/,
];

test('the default view asks for the page, its bundle, one worker script, first.wasm and the data before ready; the hint’s requests come after, and app.wasm never', async () => {
  const { context, page, problems, requests, readyAt } = await open();
  try {
    // The stock picker's hint asks /healthz and the search once the first view is up.
    await page.waitForFunction(() => /2015-01-05/.test(document.querySelector('#stock-picker')?.textContent || ''));
    const before = requests.filter((r) => r.start <= readyAt).map((r) => r.path);
    for (const p of before) assert.ok(BEFORE_READY.some((re) => re.test(p)), `unexpected request before ready: ${p}`);
    assert.equal(new Set(before).size, before.length, `a file asked for twice: ${before.join(' ')}`);
    assert.ok(before.length <= 12, `${before.length} requests before ready`);
    for (const p of ['/healthz', '/api/v1/stocks?q=2330&limit=5']) {
      assert.ok(requests.some((x) => x.path === p), `${p} asked for`);
      assert.ok(!before.includes(p), `${p} waits for the first view`);
    }
    // Another seeded model and its trace are first.wasm's work alone.
    await page.click('#cell-group button[value="gru"]');
    await waitHash(page, 'cell', 'gru');
    await page.waitForSelector('[data-symbol="z"]');
    assert.ok(!requests.some((r) => r.path === '/gen/app.wasm'), 'app.wasm is not fetched for the first view');
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('Train mode (with its views) and Why LSTM load one file each and take the rest, d3 included, from app.js', async () => {
  const { context, page, problems, requests } = await open();
  try {
    await page.click('#mode-toggle [data-mode="train"]');
    await page.waitForSelector('#train-loss svg .tick'); // a d3 axis in a training view
    await page.click('#mode-toggle [data-mode="memory"]');
    await page.waitForSelector('#memory-mode svg .tick');
    const paths = requests.map((r) => r.path).filter((p) => !p.startsWith('/api/')); // the files
    assert.ok(paths.some((p) => /^\/gen\/page\/train-controller-\w+\.js$/.test(p)), 'Train mode is a file of its own');
    assert.ok(paths.some((p) => /^\/gen\/page\/memory-view-\w+\.js$/.test(p)), 'Why LSTM is a file of its own');
    assert.equal(paths.filter((p) => p === '/gen/page/app.js').length, 1, 'app.js once');
    assert.equal(paths.filter((p) => p.startsWith('/gen/page/') && !/\/app\.(js|css)$/.test(p)).length, 2, `one file each: ${paths.join(' ')}`);
    assert.equal(new Set(paths).size, paths.length, `a file asked for twice: ${paths.join(' ')}`);
    // The language is one state: switching it relabels the lazily loaded panel too.
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.click('#mode-toggle [data-mode="train"]');
    await page.waitForFunction(() => /Training: loss and validation loss/.test(document.querySelector('#train-mode')?.textContent || ''));
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});

const lazyFiles = (requests, name) => requests.map((r) => r.path).filter((p) => new RegExp(`^/gen/page/${name}-\\w+\\.js$`).test(p));

test('the lessons\' text and the QR code maker are files of their own, fetched when the panel or the QR dialog first opens', async () => {
  const { context, page, problems, requests } = await open();
  try {
    await page.waitForFunction(() => /2015-01-05/.test(document.querySelector('#stock-picker')?.textContent || ''));
    assert.deepEqual(lazyFiles(requests, 'lessons-u12'), [], 'no lessons\' text for the default view');
    assert.deepEqual(lazyFiles(requests, 'gen-qrcode'), [], 'no QR code maker for the default view');
    await page.click('#lesson-toggle');
    await page.waitForFunction(() => document.querySelector('#lesson-panel')?.dataset.lesson === 'u12/1');
    assert.equal(await page.textContent('#lesson-panel .lesson-title'), u12.lessons[0].title['zh-TW']);
    assert.equal(lazyFiles(requests, 'lessons-u12').length, 1, 'the lessons\' text once');
    await page.keyboard.press('p');
    await page.click('#qr-toggle');
    await page.waitForSelector('#qr-dialog[open] .qr-code svg path');
    assert.equal(lazyFiles(requests, 'gen-qrcode').length, 1, 'the QR code maker once');
    assert.deepEqual(await page.evaluate(() => globalThis.__titles), [u12.lessons[0].title['zh-TW']], 'the panel showed lesson 1 only');
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('a lesson link opens its lesson at once: the first title the panel shows is that lesson\'s', async () => {
  const { context, page, problems } = await open('#lesson=u12/3');
  try {
    await page.waitForFunction(() => document.querySelector('#lesson-panel')?.dataset.lesson === 'u12/3');
    assert.equal(await page.textContent('#lesson-panel .lesson-title'), u12.lessons[2].title['zh-TW']);
    assert.deepEqual(await page.evaluate(() => globalThis.__titles), [u12.lessons[2].title['zh-TW']], 'no other lesson\'s title shown first');
    assert.match(await page.evaluate(() => location.hash), /lesson=u12\/3/);
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});
