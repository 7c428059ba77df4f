// Stepping through a model trained in the page: the series table, its scaler
// note and the gradient chart show the training's own numbers. The default
// window ends on the last trading day the training scaler saw (so the next
// trading day, the one a prediction is compared with, is known and is the
// gradient's target), the note gives the days it was fitted on, and a model
// reading open, high, low, close and volume shows the close where it says
// close, with x_t as a vector that stays inside the sidebar. The expected
// numbers come from the exported model file (what the engine recorded) and
// from `unroll fetch` on the same shipped prices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { openPage, waitHash, shotPath, BIN, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

// The training panel's default range (2330, 2015-01 … 2024-12), as `unroll fetch` gives it offline.
function fetchDays(features) {
  const out = execFileSync(BIN, ['fetch', '2330', '--from', '2015-01', '--to', '2024-12', '--offline', '--format', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  // Trading days as training keeps them: every feature the model reads has a value.
  return JSON.parse(out).rows.filter((r) => features.every((f) => r[f] !== null && r[f] !== undefined));
}

// trainAndStep trains with the link's settings, waits for the end, steps through the trained model
// and exports it; it returns the exported model file.
async function trainAndStep(page) {
  await page.waitForSelector('#train-form');
  await page.waitForFunction(() => document.querySelector('#train-result')?.dataset.status === 'idle');
  await page.click('#train-start');
  await page.waitForFunction(() => ['done', 'stopped', 'error'].includes(document.querySelector('#train-result')?.dataset.status), null, { timeout: 240000 });
  assert.equal(await page.$eval('#train-result', (e) => e.dataset.status), 'done');
  await page.click('#train-step-through');
  await waitHash(page, 'model', 'trained');
  await page.waitForFunction(() => document.querySelector('#model-io .model-source')?.dataset.source === 'trained');
  await page.waitForSelector('#series .series-scaler');
  await page.waitForSelector('#views .gf-bar');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#model-io .io-export')]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

// shown reads the series table: per step its date, the close shown (data-value) and x_t (data-value, per unit).
const shown = (page) =>
  page.$$eval('#series tbody tr:not(.x-row)', (trs) =>
    trs.map((tr) => {
      const t = tr.dataset.step;
      return {
        date: tr.querySelector('td')?.textContent,
        close: Number(tr.querySelector('[data-symbol="price"]')?.dataset.value),
        x: [...document.querySelectorAll(`#series [data-symbol="x"][data-t="${t}"]`)].map((e) => Number(e.dataset.value)),
      };
    }));

test('a trained model steps through the last days its scaler saw, with the fit days and a real next-day target', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#mode=train&ttarget=price&tepochs=1' });
  try {
    const file = await trainAndStep(page);
    const sc = file.scaler;
    const days = fetchDays(['close']);
    // What the engine recorded: the training part, the first rows trading days.
    assert.ok(sc.rows > 1000 && sc.rows < days.length, `fitted on ${sc.rows} of ${days.length} days`);
    assert.equal(sc.first, days[0].date);
    assert.equal(sc.last, days[sc.rows - 1].date);

    // The note says so (not 0 days).
    const note = page.locator('#series .series-scaler');
    assert.equal(Number(await note.getAttribute('data-fit-days')), sc.rows);
    assert.equal(await note.getAttribute('data-fit-last'), sc.last);
    const text = await note.textContent();
    assert.ok(text.includes(sc.rows.toLocaleString('en-US')), `note “${text}” gives ${sc.rows} days`);
    assert.ok(text.includes(sc.first) && text.includes(sc.last), `note “${text}” names ${sc.first} … ${sc.last}`);

    // The window: the 10 trading days ending on the last fitted day, scaled into [0, 1].
    const rows = await shown(page);
    assert.equal(rows.length, 10);
    assert.deepEqual(rows.map((r) => r.date), days.slice(sc.rows - 10, sc.rows).map((d) => d.date));
    assert.deepEqual(rows.map((r) => r.close), days.slice(sc.rows - 10, sc.rows).map((d) => d.close));
    for (const r of rows) assert.ok(r.x[0] >= 0 && r.x[0] <= 1, `x on ${r.date} = ${r.x[0]} lies in [0, 1]`);

    // The next trading day exists and is the actual close shown.
    const next = days[sc.rows];
    assert.equal(Number(await page.$eval('#series [data-role="actual"]', (e) => e.dataset.value)), next.close);
    assert.match(await page.$eval('#series .series-output', (e) => e.textContent), new RegExp(next.date));

    // The gradient's loss compares o_T with that close, scaled: not the y = 0 fallback.
    const y = Number(await page.$eval('#views .gf-loss', (e) => e.dataset.target ?? 'NaN'));
    const want = (next.close - sc.min[0]) / (sc.max[0] - sc.min[0]);
    assert.ok(Math.abs(y - want) <= 1e-12, `gradient target ${y}, the next close scaled is ${want}`);
    assert.ok(y > 0);
    assert.match(await page.$eval('#views .gf-loss', (e) => e.textContent), new RegExp(next.date));
    await page.evaluate(() => document.querySelector('#series').scrollIntoView());
    await page.screenshot({ path: shotPath('train-step-close') });
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('a model of open, high, low, close and volume shows the close as the close, and x_t as a vector inside the sidebar', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#mode=train&tfeat=ohlcv&tunits=8&tepochs=1' });
  try {
    const file = await trainAndStep(page);
    const sc = file.scaler;
    const features = ['open', 'high', 'low', 'close', 'volume'];
    assert.deepEqual(sc.features, features);
    const days = fetchDays(features);
    assert.equal(sc.last, days[sc.rows - 1].date);
    const byDate = new Map(days.map((d) => [d.date, d]));

    const rows = await shown(page);
    assert.equal(rows.length, 10);
    assert.equal(rows[9].date, sc.last, 'the window ends on the last fitted day');
    let differs = 0;
    for (const r of rows) {
      const day = byDate.get(r.date);
      assert.ok(day, `${r.date} is a trading day`);
      assert.equal(r.close, day.close, `the close column on ${r.date} is the close (open ${day.open})`);
      if (day.open !== day.close) differs++;
      // x_t holds the five features of the day, scaled with the training scaler.
      assert.equal(r.x.length, 5);
      features.forEach((f, j) => {
        const want = (day[f] - sc.min[j]) / (sc.max[j] - sc.min[j]);
        assert.ok(Math.abs(r.x[j] - want) <= 1e-12, `x_${f} on ${r.date}: ${r.x[j]}, want ${want}`);
      });
    }
    assert.ok(differs > 0, 'some day opens at another price than it closes, so the check can tell them apart');

    // The scaler note gives the close's range, over the fitted days.
    const closes = days.slice(0, sc.rows).map((d) => d.close);
    const text = await page.$eval('#series .series-scaler', (e) => e.textContent);
    assert.equal(sc.min[3], Math.min(...closes));
    assert.ok(text.includes(sc.min[3].toFixed(1)) && text.includes(sc.max[3].toFixed(1)), `note “${text}” gives the close's min ${sc.min[3]} and max ${sc.max[3]}`);
    assert.ok(!text.includes(sc.min[0].toFixed(1)) || sc.min[0] === sc.min[3], `note “${text}” does not give the open's min ${sc.min[0]}`);

    // x_t as a vector: readable, wrapping inside its cell and the sidebar, never overflowing.
    await page.evaluate(() => document.querySelector('#series').scrollIntoView());
    const fit = await page.$$eval('#series td.x-vec', (tds) => {
      const box = document.querySelector('#series').getBoundingClientRect();
      return tds.map((td) => {
        const r = td.getBoundingClientRect();
        return { scroll: td.scrollWidth, client: td.clientWidth, left: r.left >= box.left - 0.5, right: r.right <= box.right + 0.5, text: td.textContent };
      });
    });
    assert.equal(fit.length, 10);
    for (const c of fit) {
      assert.ok(c.scroll <= c.client, `x_t cell “${c.text}” overflows (${c.scroll} > ${c.client})`);
      assert.ok(c.left && c.right, `x_t cell “${c.text}” lies inside the sidebar's table`);
      assert.match(c.text, /^\[\S+( \S+){4}\]$/, 'five numbers, separated, in brackets');
    }
    const series = await page.$eval('#series', (e) => [e.scrollWidth, e.clientWidth]);
    assert.ok(series[0] <= series[1], `the series table overflows its box (${series[0]} > ${series[1]})`);
    assert.match(await page.$eval('#series thead', (e) => e.textContent), /\[開 高 低 收 量\]/);
    assert.equal(await page.$eval('#series [data-symbol="x"][data-t="1"][data-unit="3"]', (e) => e.title), '收盤價');
    await page.locator('#series').screenshot({ path: shotPath('train-step-ohlcv-series') });
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('typed and sine inputs have captions of their own; typed full-width numbers are read', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: `#data=${encodeURIComponent('seq:５，－０．５，１２')}` });
  try {
    await page.waitForFunction(() => document.querySelectorAll('#series [data-symbol="x"]').length === 3);
    assert.deepEqual(await page.$$eval('#series [data-symbol="x"]', (els) => els.map((e) => Number(e.dataset.value))), [5, -0.5, 12]);
    const seqCaption = await page.$eval('#series caption', (e) => e.textContent);
    assert.match(seqCaption, /你輸入的數字/);
    assert.doesNotMatch(seqCaption, /收盤價/, 'a typed sequence is not prices');
    assert.equal(await page.isHidden('#input-error'), true);
    await page.click('#lang-toggle');
    await page.evaluate(() => { location.hash = location.hash.replace(/data=[^&]*/, 'data=sine'); });
    await page.waitForFunction(() => /sin\(2π\(t−1\)\/10\)/.test(document.querySelector('#series caption')?.textContent || ''));
    assert.doesNotMatch(await page.$eval('#series caption', (e) => e.textContent), /NT\$|close/i);
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});
