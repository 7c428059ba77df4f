// Screenshots of each view at 1366×768 (into /tmp/shots, to look at), and
// the measurements the performance budget asks for (printed, never
// asserted): time to data-engine=ready, app.wasm sizes, per-step re-render.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openPage, shotPath, ROOT, SHOTS, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const VIEWS = [
  ['rnn-stock-zh', '#cell=rnn&units=4&seed=1&data=stock:2330:2024-01:2024-06&t=4'],
  ['lstm-stock-zh', '#cell=lstm&units=4&seed=1&data=stock:2330:2024-01:2024-06&t=6'],
  ['gru-seq-en', '#cell=gru&units=3&seed=2&data=seq:0.1,0.5,-0.2,0.8,0.3,-0.6&t=3&lang=en'],
  ['rolled-lstm-zh', '#cell=lstm&units=4&seed=1&data=sine&t=5&view=rolled'],
  ['present-lstm', '#cell=lstm&units=4&seed=1&data=stock:2330:2024-01:2024-06&t=10&present=1'],
  ['error-zh', '#cell=rnn&units=4&seed=1&data=sine'],
];

for (const [name, hash] of VIEWS) {
  test(`screenshot ${name}`, async () => {
    const { page, context, problems } = await openPage(browser, server.url, { hash });
    try {
      if (name.startsWith('error')) {
        await page.click('#source-group button[value="seq"]');
        await page.fill('#seq-text', '1, 2, three');
        await page.click('#src-seq button[type="submit"]');
        await page.waitForSelector('#input-error:not([hidden])');
      }
      await page.screenshot({ path: shotPath(name) });
      if (name === 'rnn-stock-zh') {
        await page.$eval('.sidebar', (e) => e.scrollTo(0, e.scrollHeight));
        await page.screenshot({ path: shotPath(`${name}-sidebar`) });
      }
      if (name === 'lstm-stock-zh') {
        await page.setViewportSize({ width: 1920, height: 1080 });
        await page.screenshot({ path: shotPath(`${name}-1920`) });
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

// The stock picker: its list open (1366×768 and 1920×1080), and a refused range in English.
for (const [name, viewport] of [['stock-picker-zh', { width: 1366, height: 768 }], ['stock-picker-zh-1920', { width: 1920, height: 1080 }]]) {
  test(`screenshot ${name}`, async () => {
    const { page, context, problems } = await openPage(browser, server.url, { hash: '#cell=lstm&units=4&seed=1&data=stock:2330:2024-01:2024-06&t=3', viewport });
    try {
      await page.waitForSelector('#stock-badge .sp-source');
      await page.$eval('#stock-code', (e) => e.scrollIntoView({ block: 'center' }));
      await page.fill('#stock-code', '台');
      await page.waitForSelector('#stock-list [role="option"]');
      await page.keyboard.press('ArrowDown');
      await page.screenshot({ path: shotPath(name) });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('screenshot stock-error-en', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#cell=rnn&units=4&seed=1&data=stock:2317:2025-03:2025-08&lang=en' });
  try {
    await page.fill('#stock-from', '2025-08');
    await page.fill('#stock-to', '2025-03');
    await page.click('#stock-load');
    await page.waitForSelector('#stock-error:not([hidden])');
    await page.$eval('#stock-code', (e) => e.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: shotPath('stock-error-en') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('measurements', async () => {
  const m = {};
  const wasm = path.join(ROOT, 'static/gen/app.wasm');
  m.wasm_bytes = statSync(wasm).size;
  m.wasm_gz_bytes = statSync(path.join(ROOT, 'static/gen/z/gen/app.wasm.gz')).size;
  m.wasm_br_bytes = statSync(path.join(ROOT, 'static/gen/z/gen/app.wasm.br')).size;
  m.first_wasm_bytes = statSync(path.join(ROOT, 'static/gen/first.wasm')).size;
  m.first_wasm_br_bytes = statSync(path.join(ROOT, 'static/gen/z/gen/first.wasm.br')).size;
  const ready = [];
  const perStep = { rnn: [], lstm: [], gru: [] };
  for (let k = 0; k < 3; k++) {
    for (const cell of ['rnn', 'lstm', 'gru']) {
      const { page, context } = await openPage(browser, server.url, { hash: `#cell=${cell}&units=4&seed=1&t=1` });
      if (cell === 'rnn') ready.push(await page.evaluate(() => globalThis.__readyAt));
      // A step: the keydown handler re-renders synchronously; the frame after includes layout and paint.
      const times = await page.evaluate(async () => {
        const out = [];
        for (let s = 0; s < 9; s++) {
          const t0 = performance.now();
          document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
          const sync = performance.now() - t0;
          // The views' own User Timing of this render (app.js measures each view).
          const views = Object.fromEntries(performance.getEntriesByType('measure').filter((e) => e.name.startsWith('render:')).map((e) => [e.name.slice(7), e.duration]));
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          out.push({ sync, frame: performance.now() - t0, views });
        }
        return out;
      });
      perStep[cell].push(...times);
      await context.close();
    }
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  m.ready_ms_median = median(ready);
  m.ready_ms = ready;
  for (const [cell, times] of Object.entries(perStep)) {
    m[`step_sync_ms_median_${cell}`] = median(times.map((x) => x.sync));
    m[`step_frame_ms_median_${cell}`] = median(times.map((x) => x.frame));
    m[`step_sync_ms_max_${cell}`] = Math.max(...times.map((x) => x.sync));
    const names = [...new Set(times.flatMap((x) => Object.keys(x.views)))];
    m[`step_view_ms_median_${cell}`] = Object.fromEntries(names.map((n) => [n, median(times.map((x) => x.views[n] ?? 0))]));
  }
  writeFileSync(path.join(SHOTS, 'measurements.json'), JSON.stringify(m, null, 2));
  console.log('# measurements', JSON.stringify(m));
});
