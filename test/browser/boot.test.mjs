// The page's start when the engine cannot start: the page still builds its
// controls and views and says why, instead of waiting for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

// Records, on the page's clock, when the model controls are first filled in (a cell button pressed).
function recordOrder() {
  globalThis.__order = {};
  new MutationObserver(() => {
    if (!globalThis.__order.controls && document.querySelector('#cell-group [aria-pressed="true"]')) globalThis.__order.controls = performance.now();
  }).observe(document, { attributes: true, subtree: true, childList: true, attributeFilter: ['aria-pressed'] });
}

async function open({ route = null } = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce' });
  context.setDefaultTimeout(60000);
  if (route) await context.route(route.url, route.handler);
  await context.addInitScript(recordOrder);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.goto(server.url);
  return { context, page, problems };
}

for (const [name, url] of [['the engine (first.wasm and app.wasm)', '**/gen/*.wasm'], ['the worker script', '**/gen/worker.js']]) {
  test(`without ${name} the page builds its controls and says the engine could not be loaded`, async () => {
    const { context, page, problems } = await open({ route: { url, handler: (r) => r.fulfill({ status: 404, body: 'not here' }) } });
    try {
      await page.waitForSelector('html[data-engine="error"]');
      await page.waitForSelector('#page-error:not([hidden])');
      assert.match(await page.textContent('#page-error'), /引擎/);
      assert.ok(await page.evaluate(() => globalThis.__order.controls > 0), 'the controls were filled in');
      assert.notEqual(await page.inputValue('#units'), '', 'the units field shows the default');
      // Chromium logs the refused file; nothing else may go wrong.
      assert.deepEqual(problems.filter((p) => !/404|Not Found|Failed to load/i.test(p)), [], 'no other console errors');
    } finally {
      await context.close();
    }
  });
}

test('without first.wasm the worker starts app.wasm for the first view', async () => {
  const { context, page, problems } = await open({ route: { url: '**/gen/first.wasm', handler: (r) => r.fulfill({ status: 404, body: 'not here' }) } });
  try {
    await page.waitForSelector('html[data-engine="ready"]');
    await page.waitForSelector('#graph [data-symbol="h"][data-value]');
    assert.deepEqual(problems.filter((p) => !/404|Not Found|Failed to load/i.test(p)), [], 'no other console errors');
  } finally {
    await context.close();
  }
});
