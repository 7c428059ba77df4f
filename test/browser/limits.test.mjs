// Number fields out of range: units n, TIME_STEPS and the seed in the model
// panel, and the training panel's numbers, name the allowed range (from
// state.js's LIMITS and TRAIN_LIMITS) next to the field, in zh-TW or English;
// the typed value stays, marked, and the model stays the last good one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, hashState, waitHash, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const total = (page) => page.$eval('#param-total', (e) => Number(e.dataset.value));

// type enters text in a field and commits it (Enter, then the focus leaves).
async function type(page, sel, text) {
  await page.fill(sel, text);
  await page.press(sel, 'Enter');
  await page.locator(sel).blur();
}

// shown reads what the limit message says and how the field looks.
const shown = (page, sel, box) => page.evaluate(([s, b]) => {
  const input = document.querySelector(s);
  const msg = document.querySelector(b);
  return {
    value: input.value,
    invalid: input.getAttribute('aria-invalid'),
    message: msg.hidden ? '' : msg.textContent,
    visible: !msg.hidden && msg.getClientRects().length > 0,
    border: getComputedStyle(input).borderTopColor,
  };
}, [sel, box]);

const RED = 'rgb(185, 28, 28)'; // --error

for (const [lang, hash, words] of [
  ['zh-TW', '', { units: /神經元數量 n：請輸入 1 到 64 之間的整數/, kept: /模型維持上一個有效的設定/, steps: /TIME_STEPS：請輸入 1 到 60 之間的整數/, seed: /隨機種子：請輸入 0 到 9,007,199,254,740,991 之間的整數/ }],
  ['en', '&lang=en', { units: /Units n: enter a whole number from 1 to 64/, kept: /The model keeps the last valid setting/, steps: /TIME_STEPS: enter a whole number from 1 to 60/, seed: /Seed: enter a whole number from 0 to 9,007,199,254,740,991/ }],
]) {
  test(`units out of range name the range 1–64 (${lang}) and keep the model`, async () => {
    const { page, context, problems } = await openPage(browser, server.url, { hash: `#cell=lstm&units=4&seed=1&data=sine${hash}` });
    try {
      const good = await total(page);
      assert.equal(good, 4 * (4 * (4 + 1) + 4) + 5, 'LSTM(4) and Dense(1)');
      for (const text of ['999', '0', '65', '-3', '2.5']) {
        await type(page, '#units', text);
        await page.waitForSelector('#model-limit:not([hidden])');
        const s = await shown(page, '#units', '#model-limit');
        assert.match(s.message, words.units, `${text}: ${s.message}`);
        assert.ok(s.message.includes(text), `the message repeats what was typed (${text}): ${s.message}`);
        assert.match(s.message, words.kept);
        assert.ok(s.visible, 'the message is on screen');
        assert.equal(s.value, text, 'the field keeps what was typed');
        assert.equal(s.invalid, 'true');
        assert.equal(s.border, RED, 'the field is marked');
        assert.equal(await total(page), good, `${text}: the model stays LSTM(4)`);
        assert.equal((await hashState(page)).units, '4', 'the URL keeps the last good model');
      }
      // A step of time leaves the typed value and its message in place.
      await page.click('#pb-next');
      await waitHash(page, 't', 2);
      assert.equal((await shown(page, '#units', '#model-limit')).value, '2.5');
      assert.match((await shown(page, '#units', '#model-limit')).message, words.units);
      // TIME_STEPS and the seed say their own ranges.
      await type(page, '#steps', '61');
      await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#model-limit').textContent), words.steps.source);
      await type(page, '#seed', '-1');
      await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#model-limit').textContent), words.seed.source);
      // Corrected: the messages go, the model follows.
      await type(page, '#units', '2');
      await type(page, '#steps', '10');
      await type(page, '#seed', '1');
      await waitHash(page, 'units', 2);
      await page.waitForSelector('#model-limit', { state: 'hidden' });
      await page.waitForFunction(() => document.querySelector('#param-total').dataset.value === String(4 * (2 * (2 + 1) + 2) + 3));
      const s = await shown(page, '#units', '#model-limit');
      assert.equal(s.invalid, null);
      assert.notEqual(s.border, RED);
      assert.deepEqual(problems, [], 'no console errors');
    } finally {
      await context.close();
    }
  });
}

test('the message follows the language', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#cell=rnn&units=4&seed=1&data=sine' });
  try {
    await type(page, '#units', '65');
    await page.waitForFunction(() => /1 到 64/.test(document.querySelector('#model-limit').textContent));
    await page.click('#lang-toggle');
    await page.waitForFunction(() => /from 1 to 64 \(you typed “65”\)/.test(document.querySelector('#model-limit').textContent));
    // A link that sets units replaces the typed value and its message.
    await page.evaluate(() => { location.hash = '#cell=rnn&units=3&seed=1&data=sine&lang=en'; });
    await page.waitForSelector('#model-limit', { state: 'hidden' });
    assert.equal(await page.inputValue('#units'), '3');
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('the training panel names the range of a field out of range, and does not start', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#mode=train' });
  try {
    await page.waitForSelector('#train-form [name="units"]', { state: 'visible' });
    await type(page, '#train-form [name="units"]', '65');
    await page.waitForSelector('#train-limit-model:not([hidden])');
    assert.match(await page.textContent('#train-limit-model'), /請輸入 1 到 64 之間的整數（輸入的是「65」）/);
    await type(page, '#train-form [name="lr"]', '2');
    await page.waitForSelector('#train-limit-fit:not([hidden])');
    assert.match(await page.textContent('#train-limit-fit'), /請輸入 0\.000001 到 1 之間的數（輸入的是「2」）/);
    await page.click('#train-start');
    await page.waitForSelector('#train-error:not([hidden])');
    assert.equal(await page.$eval('#train-result', (e) => e.dataset.status), 'idle', 'no training starts');
    assert.equal(await page.getAttribute('#train-form [name="units"]', 'aria-invalid'), 'true');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => /enter a whole number from 1 to 64 \(you typed “65”\)/.test(document.querySelector('#train-limit-model').textContent));
    await type(page, '#train-form [name="units"]', '8');
    await page.waitForSelector('#train-limit-model', { state: 'hidden' });
    assert.equal(await page.getAttribute('#train-form [name="units"]', 'aria-invalid'), null);
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});
