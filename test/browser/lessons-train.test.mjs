// Lessons and exports that need a training: the training history's CSV has one row per epoch
// trained, with the numbers the loss chart shows (its dots' data-value, the trainer's history);
// a lesson whose check is {"trained": true} fires once the model has trained.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useServerAndBrowser, withPage as shared, waitHash, hashState } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const withPage = (hash, fn) => shared(browser, server.url, { hash, viewport: { width: 1280, height: 800 } }, fn);

// A training takes seconds on an idle machine, several times that on a busy one.
const TRAINING_MS = 300000;
const finished = (page) =>
  page.waitForFunction(() => ['done', 'stopped', 'error'].includes(document.querySelector('#train-panel')?.dataset.trainState), null, { timeout: TRAINING_MS });

// A small training: 2330 over two years, an LSTM of 4 units, 3 epochs.
const SMALL = 'mode=train&tstock=2330:2023-01:2024-12&tcell=lstm&tunits=4&tsteps=5&tseed=1&tepochs=3&tbatch=32';

test('the training history exports as CSV: one row per epoch, the numbers the loss chart shows', async () => {
  await withPage(`#${SMALL}`, async (page) => {
    await page.waitForSelector('#train-form');
    assert.ok(await page.isHidden('#train-mode .history-export'), 'nothing to export before a training');
    await page.click('#train-start');
    await finished(page);
    assert.equal(await page.$eval('#train-panel', (e) => e.dataset.trainState), 'done');
    const epochs = Number(await page.$eval('#train-result', (e) => e.dataset.epochs));
    assert.equal(epochs, 3);
    await page.waitForSelector('#train-mode .history-export:not([hidden])');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#train-mode .history-export')]);
    assert.equal(dl.suggestedFilename(), await page.evaluate(() => {
      const h = Object.fromEntries(location.hash.slice(1).split('&').map((p) => p.split('=')));
      return `unroll-history-${h.cell}-n${h.units}-${h.model}-t${h.t}.csv`;
    }));
    assert.match(dl.suggestedFilename(), /^unroll-history-lstm-n4-trained-t\d+\.csv$/);
    const [header, ...rows] = fs.readFileSync(await dl.path(), 'utf8').trim().split('\n');
    assert.equal(header, 'epoch,loss,val_loss');
    assert.equal(rows.length, epochs, 'one row per epoch trained');
    // The loss chart's dots carry every epoch's loss and val_loss (the DOM contract).
    const shown = await page.$$eval('#train-loss circle[data-symbol][data-epoch]', (els) =>
      Object.fromEntries(els.map((e) => [`${e.dataset.symbol}|${e.dataset.epoch}`, Number(e.dataset.value)])));
    rows.forEach((row, k) => {
      const [epoch, loss, val] = row.split(',').map(Number);
      assert.equal(epoch, k + 1);
      assert.ok(Number.isFinite(loss) && Number.isFinite(val), `row ${k + 1}: ${row}`);
      assert.equal(loss, shown[`loss|${epoch}`], `epoch ${epoch}: loss`);
      assert.equal(val, shown[`val_loss|${epoch}`], `epoch ${epoch}: val_loss`);
    });
    // The chart's last epoch readout says the same.
    const read = await page.$eval('#train-loss .tv-read-loss [data-value]', (e) => Number(e.dataset.value));
    assert.equal(read, Number(rows[rows.length - 1].split(',')[1]));
  });
});

test('a lesson whose check is "trained" fires once the model has trained', async () => {
  const n = 1 + (await import('../../static/lessons/u12.js')).default.lessons.findIndex((l) => l.ask?.check?.trained && l.state.includes('mode=train'));
  assert.ok(n > 1, 'the built-in set has a lesson that asks for a training in Train mode');
  await withPage(`#lesson=u12/${n - 1}`, async (page) => {
    await page.waitForSelector(`#lesson-panel[data-lesson="u12/${n - 1}"]`);
    await page.keyboard.press('PageDown');
    await waitHash(page, 'lesson', `u12/${n}`);
    await waitHash(page, 'mode', 'train');
    await page.waitForSelector(`#lesson-panel[data-lesson="u12/${n}"]`);
    await page.waitForSelector('#train-form');
    assert.equal(await page.getAttribute('#lesson-panel .lesson-ask', 'data-check'), 'open');
    assert.equal(await page.textContent('#lesson-panel .lesson-status'), '還沒做到。');
    // The lesson's model, trained briefly: one epoch on one year.
    await page.fill('#train-stock-from', '2024-01');
    await page.fill('#train-stock-to', '2024-12');
    await page.fill('#train-form [name="epochs"]', '1');
    await page.press('#train-form [name="epochs"]', 'Tab');
    await waitHash(page, 'tepochs', 1);
    assert.equal(await page.getAttribute('#lesson-panel .lesson-ask', 'data-check'), 'open', 'changing the settings is not training');
    await page.click('#train-start');
    await finished(page);
    assert.equal(await page.$eval('#train-panel', (e) => e.dataset.trainState), 'done');
    await page.waitForSelector('#lesson-panel .lesson-ask[data-check="met"]');
    assert.equal(await page.textContent('#lesson-panel .lesson-status'), '✓ 做到了！');
    await waitHash(page, 'model', 'trained'); // the link follows the store
    assert.equal((await hashState(page)).lesson, `u12/${n}`, 'the lesson stays');
  });
});

test('the Why LSTM run exports its history as CSV: a row per cell and measurement, the last ones as shown', async () => {
  await withPage('#mode=memory&gap=4&cells=rnn,lstm&mepochs=2&mseed=3', async (page) => {
    await page.waitForSelector('#memory-mode[data-memory="idle"] #mem-start');
    assert.ok(await page.isHidden('#memory-mode .history-export'), 'nothing to export before a run');
    await page.click('#mem-start');
    await page.waitForSelector('#memory-mode[data-memory="done"]', { timeout: TRAINING_MS });
    await page.waitForSelector('#memory-mode .history-export:not([hidden])');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#memory-mode .history-export')]);
    assert.equal(dl.suggestedFilename(), 'unroll-memory-history-L4-rnn-lstm-seed3.csv');
    const [header, ...rows] = fs.readFileSync(await dl.path(), 'utf8').trim().split('\n');
    assert.equal(header, 'cell,updates,accuracy,loss');
    const byCell = { SimpleRNN: [], LSTM: [] };
    for (const row of rows) {
      const [cell, ...v] = row.split(',');
      byCell[cell].push(v.map(Number));
    }
    for (const [cell, key] of [['SimpleRNN', 'rnn'], ['LSTM', 'lstm']]) {
      const pts = byCell[cell];
      assert.ok(pts.length >= 2, `${cell}: ${pts.length} rows`);
      assert.equal(pts[0][0], 0, `${cell}: the first row is before any update`);
      const shown = Number(await page.$eval(`#memory-mode [data-symbol="acc"][data-cell="${key}"]`, (e) => e.dataset.value));
      assert.equal(pts[pts.length - 1][1], shown, `${cell}: the last accuracy is the one on screen`);
    }
  });
});
