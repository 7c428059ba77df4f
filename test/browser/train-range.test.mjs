// Train mode, small things around a training: a short range warns that its
// test RMSE rests on fewer than 20 windows (and the default range does not);
// the unrolled/rolled switch is hidden there; the trained model's seed field
// says "trained model" without an error style.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitHash, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const QUICK = 'tepochs=1&tunits=2&tcell=rnn';

async function train(page) {
  await page.waitForSelector('#train-start', { state: 'visible' });
  await page.click('#train-start');
  await page.waitForFunction(() => ['done', 'stopped', 'error'].includes(document.querySelector('#train-result')?.dataset.status), null, { timeout: 120000 });
  assert.equal(await page.$eval('#train-result', (e) => e.dataset.status), 'done');
  await page.waitForSelector('#train-pred .tv-pred-legend [data-symbol="rmse"]');
}

const warning = (page) => page.$eval('#train-pred .tv-few-windows', (e) => ({
  visible: !e.hidden && e.getClientRects().length > 0,
  windows: Number(e.dataset.windows),
  text: e.textContent,
}));

test('a short range warns that the test RMSE rests on few windows; its trained seed field is no error', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: `#mode=train&tstock=2330:2024-11:2024-12&${QUICK}` });
  try {
    assert.equal(await page.isVisible('#view-toggle'), false, 'no unrolled/rolled switch in Train mode');
    await train(page);
    const w = await warning(page);
    assert.ok(w.visible, 'the warning is on screen');
    assert.ok(w.windows > 0 && w.windows < 20, `${w.windows} test windows`);
    assert.ok(w.text.includes(`只有 ${w.windows} 個視窗`) && w.text.includes('少於 20 個'), w.text);
    assert.match(await page.textContent('#train-result .train-few-windows'), /少於 20 個/);
    // The same in English.
    await page.click('#lang-toggle');
    await waitHash(page, 'lang', 'en');
    await page.waitForFunction(() => /fewer than 20/.test(document.querySelector('#train-pred .tv-few-windows').textContent));
    assert.match((await warning(page)).text, new RegExp(`only ${w.windows} windows`));

    // Step through the trained model: its seed field says so, with no error style.
    await page.click('#train-step-through');
    await waitHash(page, 'model', 'trained');
    assert.equal(await page.isVisible('#view-toggle'), true, 'the switch is back in the step-through view');
    const seed = await page.$eval('#seed', (e) => ({
      value: e.value,
      placeholder: e.placeholder,
      invalid: e.matches(':invalid'),
      aria: e.getAttribute('aria-invalid'),
      border: getComputedStyle(e).borderTopColor,
    }));
    assert.deepEqual({ value: seed.value, placeholder: seed.placeholder, invalid: seed.invalid, aria: seed.aria }, { value: '', placeholder: 'trained model', invalid: false, aria: null });
    assert.notEqual(seed.border, 'rgb(185, 28, 28)', 'not the error colour');
    assert.equal(seed.border, await page.$eval('#units', (e) => getComputedStyle(e).borderTopColor), 'the border of any field');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.querySelector('#seed').placeholder === '已訓練模型');
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('the default range gives enough test windows: no warning', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: `#mode=train&${QUICK}` });
  try {
    await train(page);
    const w = await warning(page);
    assert.equal(w.visible, false);
    assert.ok(w.windows >= 20, `${w.windows} test windows`);
    assert.equal(await page.$$eval('#train-result .train-few-windows', (els) => els.length), 0);
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});
