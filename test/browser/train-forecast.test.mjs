// The forecast targets in Train mode: the lecture's close first, the window-relative move and
// daily log returns, each in the URL (ttarget), trained through the panel; the "why" view's numbers
// are the engine's (its predict reply, recorded as the worker sends it), and its sentences are the
// ones those numbers call for. Walk-forward evaluation (twalk) is said on the page; the Keras code
// follows the target; a log-return model steps through with its own scaler and exports its target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPage, waitHash, hashState, shotPath, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

// recordPredicts keeps every predict reply the engine worker sends (the object with `why` and
// `rmse`), before the page reads it.
function recordPredicts() {
  globalThis.__predicts = [];
  const find = (v) => {
    if (!v || typeof v !== 'object') return null;
    if ('why' in v && 'rmse' in v) return v;
    for (const x of Object.values(v)) {
      const hit = find(x);
      if (hit) return hit;
    }
    return null;
  };
  const desc = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
  Object.defineProperty(Worker.prototype, 'onmessage', {
    configurable: true,
    get() {
      return desc.get.call(this);
    },
    set(fn) {
      desc.set.call(this, (ev) => {
        let data = ev.data;
        if (typeof data === 'string' && data.includes('"rmse_ratio"')) data = JSON.parse(data);
        const hit = find(data);
        if (hit) globalThis.__predicts.push(JSON.parse(JSON.stringify(hit)));
        return fn(ev);
      });
    },
  });
}

const HASH = '#mode=train&tstock=2330:2021-01:2024-12&tunits=8&tepochs=2';
const TRAINING_MS = 300000;
const state = (page) => page.$eval('#train-panel', (e) => e.dataset.trainState);

async function train(page) {
  const before = await page.evaluate(() => globalThis.__predicts.length);
  await page.click('#train-start');
  await page.waitForFunction(() => ['done', 'stopped', 'error'].includes(document.querySelector('#train-panel')?.dataset.trainState), null, { timeout: TRAINING_MS });
  assert.equal(await state(page), 'done', await page.textContent('#train-error'));
  await page.waitForFunction((n) => globalThis.__predicts.length > n, before);
  const P = await page.evaluate(() => globalThis.__predicts.at(-1));
  await page.waitForFunction((t) => document.querySelector('#train-why')?.dataset.target === t, P.target);
  return P;
}

// why reads the why view's numbers: data-key (and data-series) → data-value.
const why = (page) =>
  page.$$eval('#train-why [data-symbol="why"]', (els) => Object.fromEntries(els.map((e) => [e.dataset.series ? `${e.dataset.key}.${e.dataset.series}` : e.dataset.key, Number(e.dataset.value)])));
const shownMsgs = (page) => page.$$eval('#train-why [data-msg]', (els) => els.map((e) => e.dataset.msg));

test('the three forecast targets train from the panel; the why view shows the engine\'s numbers and the sentences they call for', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: HASH, init: recordPredicts, viewport: { width: 1366, height: 900 } });
  try {
    await page.waitForSelector('#train-form button[name="t-target"]');
    const buttons = await page.$$eval('#train-form button[name="t-target"]', (bs) => bs.map((b) => ({ value: b.value, text: b.textContent, pressed: b.getAttribute('aria-pressed') })));
    assert.deepEqual(buttons.map((b) => b.value), ['price', 'window', 'logret'], 'the lecture\'s way first');
    assert.match(buttons[0].text, /講義/);
    assert.equal(buttons.find((b) => b.pressed === 'true').value, 'logret', 'log returns by default (they tie the baseline)');
    assert.ok(!('ttarget' in (await hashState(page))), 'the default target stays out of the hash');
    assert.match(await page.textContent('#train-sees'), /對數報酬率/);

    const results = {};
    for (const target of ['price', 'window', 'logret']) {
      await page.click(`#train-form button[name="t-target"][value="${target}"]`);
      if (target === 'logret') await page.waitForFunction(() => !/[#&]ttarget=/.test(location.hash));
      else await waitHash(page, 'ttarget', target);
      const P = await train(page);
      results[target] = P;
      assert.equal(P.target, target);
      const got = await why(page);
      const want = {
        'rmse.model': P.rmse.model, 'rmse.baseline': P.rmse.baseline, 'mae.model': P.mae.model, 'mae.baseline': P.mae.baseline,
        'direction.model': P.direction.model, 'direction.up': P.direction.up,
        corr_shifted: P.why.corr_shifted, corr_aligned: P.why.corr_aligned, corr_move: P.why.corr_move, mean_move: P.why.mean_move,
      };
      if (target === 'price') {
        Object.assign(want, {
          train_min: P.why.train_closes[0], train_max: P.why.train_closes[1], test_min: P.why.test_closes[0], test_max: P.why.test_closes[1],
          outside: P.why.outside, outside_share: P.why.outside_share,
        });
        // The engine's count agrees with its own arrays.
        const [lo, hi] = P.why.train_closes;
        assert.equal(P.why.outside, P.test.actual.filter((a) => a < lo || a > hi).length);
      }
      assert.deepEqual(got, want, `${target}: the why view's numbers are the engine's`);

      // The sentences the numbers call for.
      const msgs = await shownMsgs(page);
      const r = P.why.rmse_ratio;
      const verdict = Math.abs(r - 1) <= 0.05 ? 'fc.why.err.tie' : r > 1 ? 'fc.why.err.worse' : 'fc.why.err.better';
      assert.ok(msgs.includes(verdict), `${target}: ratio ${r} → ${verdict} in ${msgs}`);
      const lag = P.why.corr_shifted > P.why.corr_aligned;
      const shift = !lag ? 'fc.why.shift.own' : P.why.mean_move < P.mae.baseline ? 'fc.why.shift.copies' : 'fc.why.shift.lags';
      assert.ok(msgs.includes(shift), `${target}: ${shift} in ${msgs}`);
      assert.ok(msgs.includes(P.direction.model > P.direction.up ? 'fc.why.dir.above' : 'fc.why.dir.notAbove'));
      assert.equal(msgs.includes('fc.why.range.text'), target === 'price', 'the scaler\'s range is drawn for the price target only');
      if (target === 'price') assert.equal(msgs.includes('fc.why.range.above'), P.why.test_closes[1] > P.why.train_closes[1]);
      const text = await page.textContent('#train-why');
      assert.ok(text.includes(P.rmse.model.toFixed(2)) && text.includes(P.rmse.baseline.toFixed(2)), 'the RMSEs as shown');
      assert.ok(text.includes(`${(100 * P.direction.model).toFixed(1)}%`), 'the direction accuracy as shown');

      // The Keras code does what this target does.
      const code = await page.textContent('#train-code code');
      const marker = { price: 'scaler.fit(data[:n_train + TIME_STEPS])', window: '/ last[k] - 1', logret: 'np.log(close[1:] / close[:-1])' }[target];
      assert.ok(code.includes(marker), `${target}: the Keras code has ${marker}`);
      await page.evaluate(() => document.querySelector('#train-why').scrollIntoView());
      await page.screenshot({ path: shotPath(`train-forecast-${target}`) });
    }
    // Every target is tested on the same days against the same baseline.
    assert.deepEqual(results.window.test.dates, results.price.test.dates);
    assert.deepEqual(results.logret.test.dates, results.price.test.dates);
    assert.equal(results.logret.rmse.baseline, results.price.rmse.baseline);

    // A log-return model steps through with its own scaler, which says what it scales, and exports its target.
    await page.click('#train-step-through');
    await waitHash(page, 'model', 'trained');
    await page.waitForSelector('#series .series-scaler');
    assert.match(await page.textContent('#series .series-scaler'), /對數報酬率/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#model-io .io-export')]);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(file.meta.forecast, 'logret');
    assert.equal(file.scaler.of, 'logret');
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('walk-forward evaluation is in the link, sent to the engine and said on the page; five features take the price target', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: `${HASH}&ttarget=price&twalk=1`, init: recordPredicts });
  try {
    await page.waitForFunction(() => document.querySelector('#train-walk')?.checked === true);
    assert.match(await page.textContent('#train-sees'), /20 個交易日/);
    const P = await train(page);
    assert.equal(P.target, 'price');
    assert.deepEqual(P.walk_forward, { every: 0, epochs: 0 });
    assert.ok((await shownMsgs(page)).includes('fc.why.walk'));
    assert.match(await page.textContent('#train-code code'), /向前滾動評估/);

    // Choosing log returns takes the close alone; choosing five features takes the price target back.
    await page.click('#train-form button[name="t-features"][value="ohlcv"]');
    await page.click('#train-form button[name="t-target"][value="logret"]');
    await page.waitForFunction(() => document.querySelector('#train-form button[name="t-features"][aria-pressed="true"]')?.value === 'close');
    await page.click('#train-form button[name="t-features"][value="ohlcv"]');
    await waitHash(page, 'ttarget', 'price');
    await waitHash(page, 'tfeat', 'ohlcv');
    await page.click('#train-walk');
    await page.waitForFunction(() => !/[#&]twalk=/.test(location.hash));
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});
