// A prepared training link (DESIGN §4): #mode=train with the training
// settings (tstock, tfeat, tcell, tunits, tsteps, tseed, tepochs, tbatch, tlr,
// topt) opens the training panel filled in, without starting a training;
// changing a setting updates the hash (a default setting leaves it); invalid
// values fall back to the defaults with the "invalid settings" message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitHash, hashState, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

// panel reads the training form as shown.
const panel = (page) =>
  page.evaluate(() => {
    const v = (sel) => document.querySelector(sel)?.value;
    const checked = (name) => document.querySelector(`#train-form button[name="${name}"][aria-pressed="true"]`)?.value;
    return {
      code: (/^\s*(\S+)/.exec(v('#train-stock-code') || '') || [])[1],
      from: v('#train-stock-from'),
      to: v('#train-stock-to'),
      features: checked('t-features'),
      cell: checked('t-cell'),
      units: v('#train-form [name="units"]'),
      steps: v('#train-form [name="steps"]'),
      seed: v('#train-form [name="seed"]'),
      epochs: v('#train-form [name="epochs"]'),
      batch: v('#train-form [name="batch"]'),
      lr: v('#train-form [name="lr"]'),
      optimizer: v('#train-form [name="optimizer"]'),
    };
  });

const LINK = '#mode=train&tstock=2317:2020-01:2023-06&tfeat=ohlcv&tcell=gru&tunits=8&tsteps=20&tseed=5&tepochs=3&tbatch=64&tlr=0.005&topt=rmsprop';

test('a training link opens the panel with its settings, and the panel writes them back', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: LINK });
  try {
    await page.waitForSelector('#train-form [name="units"]', { state: 'visible' });
    await page.waitForFunction(() => document.querySelector('#train-form [name="units"]').value === '8');
    assert.deepEqual(await panel(page), {
      code: '2317', from: '2020-01', to: '2023-06', features: 'ohlcv', cell: 'gru',
      units: '8', steps: '20', seed: '5', epochs: '3', batch: '64', lr: '0.005', optimizer: 'rmsprop',
    });
    // The link prepares; it never starts a training.
    await page.waitForFunction(() => document.querySelector('#train-result')?.dataset.status === 'idle');
    assert.equal(await page.isDisabled('#train-start'), false);
    const h = await hashState(page);
    assert.equal(h.mode, 'train');
    assert.equal(h.tstock, '2317:2020-01:2023-06');
    assert.equal(h.tunits, '8');
    assert.equal(h.tlr, '0.005');

    // Changing a setting in the panel updates the hash; its default leaves the hash.
    await page.fill('#train-form [name="units"]', '16');
    await page.press('#train-form [name="units"]', 'Tab');
    await waitHash(page, 'tunits', '16');
    await page.click('#train-form button[name="t-cell"][value="lstm"]');
    await page.waitForFunction(() => !/[#&]tcell=/.test(location.hash));
    await page.selectOption('#train-form [name="optimizer"]', 'sgd');
    await waitHash(page, 'topt', 'sgd');
    await page.fill('#train-stock-to', '2024-03');
    await page.press('#train-stock-to', 'Tab');
    await waitHash(page, 'tstock', '2317:2020-01:2024-03');
    const after = await hashState(page);
    assert.equal(after.tepochs, '3', 'the other settings stay');

    // Opening another link (hashchange) restores its settings; keys it leaves out go back to the defaults.
    await page.evaluate(() => { location.hash = '#mode=train&tepochs=7'; });
    await page.waitForFunction(() => document.querySelector('#train-form [name="epochs"]').value === '7');
    const p = await panel(page);
    assert.equal(p.units, '32');
    assert.equal(p.optimizer, 'adam');
    assert.equal(p.code, '2330');
    assert.equal(p.from, '2015-01');
    assert.equal(p.to, '2024-12');
    assert.equal(await page.evaluate(() => document.querySelector('#train-result')?.dataset.status), 'idle');
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('invalid training settings in a link fall back to the defaults with a message', async () => {
  const { page, context } = await openPage(browser, server.url, { hash: '#mode=train&tunits=999&tlr=abc&topt=sgd' });
  try {
    await page.waitForFunction(() => document.querySelector('#train-form [name="optimizer"]')?.value === 'sgd');
    assert.equal(await page.inputValue('#train-form [name="units"]'), '32');
    assert.equal(await page.inputValue('#train-form [name="lr"]'), '0.001');
    assert.match(await page.textContent('#input-error'), /tunits, tlr/);
    const h = await hashState(page);
    assert.equal(h.topt, 'sgd');
    assert.ok(!('tunits' in h) && !('tlr' in h), 'the hash shows the defaults used');
  } finally {
    await context.close();
  }
});
