// Browser tests of the training views (static/train/views/) through the harness page
// test/browser/train-views/harness.html, on the fixtures in test/browser/train-views/fixtures/
// (training data contract), in headless Chromium under the page's CSP. Checks: no console error;
// every view renders its parts; the numbers drawn carry data-value equal to the fixture's; stage
// navigation, the window table, hover, zoom, the log toggle and the copy button work; the Keras
// code follows the configuration.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, serveHarness, launchBrowser } from './helpers.mjs';

const FIX = path.join(ROOT, 'test/browser/train-views/fixtures');
const fixture = (kind, name) => JSON.parse(fs.readFileSync(path.join(FIX, `${kind}-${name}.json`), 'utf8'));

let server;
let browser;
let base;

before(async () => {
  server = await serveHarness();
  base = `http://127.0.0.1:${server.address().port}/test/browser/train-views/harness.html`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(query, { viewport = { width: 1366, height: 768 }, reducedMotion = 'reduce', permissions = [] } = {}) {
  const context = await browser.newContext({ viewport, reducedMotion, permissions });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}?${query}`);
  await page.waitForSelector('html[data-ready="true"]');
  return { page, context, errors };
}

const values = (page, sel) => page.$$eval(sel, (els) => els.map((e) => Number(e.dataset.value)));

test('every training view renders from the fixtures, without console errors', async () => {
  const { page, context, errors } = await open('fixture=close');
  assert.equal(await page.$$eval('#stages .tv-tab', (els) => els.length), 4);
  assert.ok(await page.isVisible('#stages .tv-series path.tv-line'));
  assert.equal(await page.$$eval('#loss .tv-dots circle', (els) => els.length), 40); // 20 epochs × loss, val_loss
  assert.match(await page.getAttribute('#loss .tv-curve.batch', 'd'), /^M/);
  for (const key of ['actual', 'predicted', 'baseline']) assert.match(await page.getAttribute(`#pred .tv-curve.${key}`, 'd'), /^M/);
  const pred = fixture('predict', 'close');
  assert.deepEqual(await values(page, '#pred [data-symbol="rmse"]'), [pred.rmse.model, pred.rmse.baseline]);
  const code = await page.textContent('#keras code');
  for (const want of [
    '!pip install twstock',
    "twstock.Stock('2330')",
    'stock.fetch_from(2015, 1)',
    'TIME_STEPS = 10',
    'INPUT_SIZE = 1',
    'model = Sequential()',
    'model.add(LSTM(input_shape=(TIME_STEPS, INPUT_SIZE), units=50, unroll=False))',
    'model.add(Dense(1))',
    "model.compile(optimizer=Adam(learning_rate=0.001), loss='mse')",
    'epochs=20, batch_size=32',
    'validation_data=(X_val, y_val)',
    'scaler.fit(data[:n_train + TIME_STEPS])',
    "model.save('unroll_model.h5')",
    '!tensorflowjs_converter --input_format keras unroll_model.h5 tfjs_model/',
    // Keras 3 in Colab: how to train with Keras 2 instead.
    '!pip install tf_keras',
    "os.environ['TF_USE_LEGACY_KERAS'] = '1'",
    'import tf_keras as keras',
  ]) assert.ok(code.includes(want), `Keras code lacks ${want}`);
  assert.equal(code, await page.evaluate(() => window.__views.keras.text()));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the stages step through prices, windows, scaling and split with the engine numbers', async () => {
  const prep = fixture('prepare', 'close');
  const { page, context, errors } = await open('fixture=close');
  assert.equal(await page.getAttribute('#stages', 'data-stage'), 'prices');
  await page.click('#stages .tv-next');
  assert.equal(await page.getAttribute('#stages', 'data-stage'), 'windows');
  // The table lists windows_preview as sent: x_1…x_T and y.
  const rows = await page.$$('#stages .tv-wrow');
  assert.equal(rows.length, prep.windows_preview.length);
  assert.deepEqual(await values(page, '#stages .tv-wrow[data-window="2"] [data-symbol="x"]'), prep.windows_preview[2].x);
  assert.deepEqual(await values(page, '#stages .tv-wrow [data-symbol="y"]'), prep.windows_preview.map((w) => w.y));
  // Reduced motion: no autoplay, no play button; a click picks a window.
  assert.equal(await page.$('#stages .tv-play'), null);
  const before = await page.getAttribute('#stages .tv-window', 'x');
  await page.click('#stages .tv-wrow[data-window="3"]');
  assert.ok(await page.$eval('#stages .tv-wrow[data-window="3"]', (e) => e.classList.contains('current')));
  assert.notEqual(await page.getAttribute('#stages .tv-window', 'x'), before);
  assert.equal(await page.$$eval('#stages .tv-dot.in-x', (els) => els.length), prep.steps);
  // Scaling: the scaler's min and max, the first scaled value, the first window scaled.
  await page.click('#stages .tv-tab[data-stage="scaling"]');
  assert.deepEqual(await values(page, '#stages [data-symbol="min"], #stages [data-symbol="max"]'), [prep.scaler.min[0], prep.scaler.max[0]]);
  assert.deepEqual(await values(page, '#stages .tv-formula [data-symbol="x_scaled"]'), [prep.scaled.close[0]]);
  assert.deepEqual(await values(page, '#stages .tv-scaled [data-symbol="x_scaled"]'), prep.windows_preview[0].x_scaled);
  assert.ok(await page.isVisible('#stages .tv-fit-band'));
  assert.match(await page.textContent('#stages .tv-why'), /資料洩漏/);
  // Split: the counts of the three parts.
  await page.keyboard.press('Tab'); // focus leaves the tab; arrows on the tab list move the stage
  await page.focus('#stages .tv-tab[aria-selected="true"]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('#stages', 'data-stage'), 'split');
  const counts = await values(page, '#stages [data-symbol="count"]');
  assert.deepEqual(counts, ['train', 'val', 'test'].map((p) => prep.split[p].end - prep.split[p].start));
  assert.equal(await page.$$eval('#stages .tv-part-band', (els) => els.length), 3);
  // Hover on the series: a tooltip with the day's close and scaled value.
  const box = await (await page.$('#stages .tv-overlay')).boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  const tip = await page.$$eval('#stages .views-tooltip:not([hidden]) [data-row]', (els) => els.map((e) => ({ ...e.dataset })));
  assert.equal(tip.length, 2);
  const row = Number(tip[0].row);
  assert.equal(Number(tip[0].value), prep.raw.close[row]);
  assert.equal(Number(tip[1].value), prep.scaled.close[row]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the window slides by itself when motion is allowed', async () => {
  const { page, context, errors } = await open('fixture=close&stage=1', { reducedMotion: 'no-preference' });
  assert.ok(await page.isVisible('#stages .tv-play'));
  // The window moves on every 1.4 s, round the table: the rows that become current are recorded,
  // since a busy machine may show a row for less than a look.
  await page.evaluate(() => {
    globalThis.__current = [];
    const stages = document.querySelector('#stages');
    new MutationObserver(() => globalThis.__current.push(stages.querySelector('.tv-wrow.current')?.dataset.window))
      .observe(stages, { subtree: true, attributes: true, attributeFilter: ['class'] });
  });
  await page.waitForFunction(() => new Set(globalThis.__current.filter(Boolean)).size >= 2);
  await page.click('#stages .tv-play');
  assert.equal(await page.getAttribute('#stages .tv-play', 'aria-pressed'), 'false');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the loss chart streams batches and epochs, and switches to a linear scale', async () => {
  const hist = fixture('history', 'close');
  const { page, context, errors } = await open('fixture=close&only=loss&train=stream&per=40');
  await page.waitForSelector('html[data-trained="true"]');
  await page.waitForFunction(() => document.querySelectorAll('#loss .tv-dots circle').length === 40);
  const last = hist.history[hist.history.length - 1];
  assert.deepEqual(await values(page, '#loss .tv-readout [data-symbol="loss"], #loss .tv-readout [data-symbol="val_loss"]'), [last.loss, last.val_loss]);
  const logTicks = await page.$$eval('#loss .tv-axis .tick text', (els) => els.map((e) => e.textContent));
  await page.click('#loss .tv-toggle');
  assert.equal(await page.getAttribute('#loss .tv-toggle', 'aria-pressed'), 'false');
  await page.waitForFunction((old) => [...document.querySelectorAll('#loss .tv-axis .tick text')].map((e) => e.textContent).join() !== old, logTicks.join());
  // Many points at once: they are drawn in one frame.
  await page.evaluate(() => {
    const v = window.__views.loss;
    v.reset(100);
    for (let e = 1; e <= 100; e++) {
      for (let b = 1; b <= 60; b++) v.addBatch({ epoch: e, epochs: 100, batch: b, batches: 60, loss: 0.01 / e });
      v.addEpoch({ epoch: e, loss: 0.01 / e, val_loss: null });
    }
  });
  await page.waitForSelector('#loss .tv-readout [data-symbol="loss"][data-epoch="100"]');
  assert.equal(await page.$$eval('#loss .tv-dots circle', (els) => els.length), 0); // too many epochs for dots
  assert.equal((await page.getAttribute('#loss .tv-curve.loss', 'd')).split('L').length, 100);
  assert.equal(await page.$('#loss .tv-read-val'), null); // no validation part: no val_loss shown
  assert.deepEqual(errors, []);
  await context.close();
});

test('the prediction chart reads a day on hover and zooms to the last 60 days', async () => {
  const pred = fixture('predict', 'close');
  const { page, context, errors } = await open('fixture=close&only=pred');
  const box = await (await page.$('#pred .tv-overlay')).boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  const tip = await page.$$eval('#pred .views-tooltip:not([hidden]) [data-index]', (els) => els.map((e) => ({ ...e.dataset })));
  assert.deepEqual(tip.map((d) => d.symbol), ['actual', 'y', 'baseline']);
  const i = Number(tip[0].index);
  assert.deepEqual(tip.map((d) => Number(d.value)), [pred.test.actual[i], pred.test.predicted[i], pred.test.baseline[i]]);
  assert.equal(tip[0].date, pred.test.dates[i]);
  await page.click('#pred .toggle-btn[data-zoom="true"]');
  assert.equal(await page.getAttribute('#pred .toggle-btn[data-zoom="true"]', 'aria-pressed'), 'true');
  assert.equal(await page.$$eval('#pred .tv-dots circle', (els) => els.length), 3 * 60);
  assert.match(await page.textContent('#pred .tv-verdict'), /RMSE/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the copy button copies the code, or selects it when the clipboard is unavailable', async () => {
  const { page, context, errors } = await open('fixture=close&only=keras', { permissions: ['clipboard-read', 'clipboard-write'] });
  // The status says "copied" (or "selected") for 2.5 s: its states are recorded.
  await page.evaluate(() => {
    globalThis.__copy = [];
    const s = document.querySelector('#keras .tv-copy-status');
    new MutationObserver(() => s.dataset.state && globalThis.__copy.push(s.dataset.state)).observe(s, { attributes: true, attributeFilter: ['data-state'] });
  });
  await page.click('#keras .tv-copy');
  await page.waitForFunction(() => globalThis.__copy.includes('copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.evaluate(() => window.__views.keras.text()));
  // Without the async clipboard: the code is selected (and copied with execCommand when allowed).
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
  await page.click('#keras .tv-copy');
  await page.waitForFunction(() => globalThis.__copy.length >= 2);
  const selected = await page.evaluate(() => String(getSelection()));
  assert.ok(selected.includes('model = Sequential()'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('INPUT_SIZE 5 with a GRU, in English at 1920×1080', async () => {
  const prep = fixture('prepare', 'ohlcv');
  const { page, context, errors } = await open('fixture=ohlcv&lang=en&stage=2', { viewport: { width: 1920, height: 1080 } });
  assert.equal(await page.$$eval('#stages .tv-minmax tr', (els) => els.length), 1 + prep.scaler.features.length);
  assert.deepEqual(await values(page, '#stages .tv-minmax [data-symbol="max"]'), prep.scaler.max);
  assert.match(await page.textContent('#stages .tv-tab[aria-selected="true"]'), /Min-max scaling/);
  const code = await page.textContent('#keras code');
  for (const want of ['model.add(GRU(input_shape=(TIME_STEPS, INPUT_SIZE), units=32, unroll=False))', 'TIME_STEPS = 20', 'INPUT_SIZE = 5', 'r.open, r.high, r.low, r.close, r.capacity', 'TARGET = 3', 'RMSprop(learning_rate=0.005)', 'epochs=12, batch_size=64', 'fetch_from(2023, 1)', 'datetime.datetime(2026, 7, 1)']) {
    assert.ok(code.includes(want), `Keras code lacks ${want}`);
  }
  assert.match(await page.textContent('#keras .tv-keras-intro'), /Colab/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('without results the stages and prediction views say what will appear', async () => {
  const { page, context, errors } = await open('fixture=close');
  await page.evaluate(() => {
    window.__views.stages.update({ lang: 'zh-TW' }, null);
    window.__views.pred.update({ lang: 'zh-TW' }, null);
    window.__views.loss.reset(10);
  });
  assert.ok(await page.isVisible('#stages .tv-placeholder'));
  assert.ok(!(await page.isVisible('#stages .tv-stage-body')));
  assert.ok(await page.isVisible('#pred .tv-placeholder'));
  assert.ok(!(await page.isVisible('#pred .tv-pred-figure')));
  await page.waitForFunction(() => document.querySelector('#loss .tv-empty')?.getAttribute('display') === null);
  // And they come back with data.
  await page.evaluate(() => window.__views.stages.update({ lang: 'zh-TW' }, window.__data.prepare));
  assert.ok(await page.isVisible('#stages .tv-series path.tv-line'));
  assert.deepEqual(errors, []);
  await context.close();
});
