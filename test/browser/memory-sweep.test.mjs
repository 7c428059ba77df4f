// The Why LSTM view's accuracy-vs-gap sweep (static/memory/sweep.js): the sweep button trains the
// chosen cells at every gap; each point of the chart is the engine's held-out accuracy (checked
// against the same experiments run by a second engine worker), the chance level is drawn, the
// caption follows the points, the link records the gaps and reproduces the points from the seed,
// and Cancel stops a sweep and leaves the gaps out of the link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useServerAndBrowser, shotPath, hashState, waitHash } from './helpers.mjs';
import { engineRun } from './memory-engine.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const GAPS = [10, 20, 50, 100];
const PRESET = '#mode=memory&cells=rnn,lstm&mepochs=1&mseed=3';
const KEY = { SimpleRNN: 'rnn', LSTM: 'lstm', GRU: 'gru' };
const HOLD = 0.9;

const points = (page) => page.$$eval('#mem-sweep-chart circle.sweep-point', (els) => els.map((e) => ({
  cell: e.dataset.cell, gap: Number(e.dataset.gap), value: Number(e.dataset.value), symbol: e.dataset.symbol,
})).sort((a, b) => (a.cell === b.cell ? a.gap - b.gap : a.cell < b.cell ? -1 : 1)));

test('the sweep draws every cell’s held-out accuracy at every gap, the engine’s numbers, and the link reproduces it', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: PRESET, viewport: { width: 1280, height: 800 } });
  let first;
  try {
    await page.waitForSelector('#mem-sweep-view[data-sweep="idle"] #mem-sweep:not([disabled])');
    await page.click('#mem-sweep');
    await page.waitForSelector('#mem-sweep-view[data-sweep="done"]', { timeout: 300000 });
    await waitHash(page, 'sweep', GAPS.join(','));
    first = await points(page);
    assert.equal(first.length, 2 * GAPS.length, 'one point per cell and gap');
    assert.equal(await page.$$eval('#mem-sweep-chart path.curve', (els) => els.length), 2, 'one line per cell');
    assert.equal(await page.$$eval('#mem-sweep-chart line.chance', (els) => els.length), 1, 'the chance level is drawn');

    // Every point against the engine's own run of the same experiment.
    for (const gap of [GAPS[0], GAPS[GAPS.length - 1]]) {
      const want = await engineRun(page, { length: gap, cells: ['rnn', 'lstm'], seed: 3, init: 'chrono', epochs: 1 });
      for (const c of want.cells) {
        const p = first.find((q) => q.cell === KEY[c.cell] && q.gap === gap);
        assert.equal(p.value, c.points[c.points.length - 1].accuracy, `${c.cell} L = ${gap}`);
        assert.equal(p.symbol, 'acc');
      }
    }

    // The caption: per cell, the last gap up to which every accuracy was at least HOLD.
    const caps = await page.$$eval('#mem-sweep-caption .mem-sweep-cap', (els) => els.map((e) => ({ cell: e.dataset.cell, held: Number(e.dataset.held), text: e.textContent })));
    assert.deepEqual(caps.map((c) => c.cell), ['rnn', 'lstm']);
    for (const c of caps) {
      const mine = first.filter((p) => p.cell === c.cell);
      const fall = mine.findIndex((p) => p.value < HOLD);
      const held = fall < 0 ? mine[mine.length - 1].gap : fall === 0 ? 0 : mine[fall - 1].gap;
      assert.equal(c.held, held, `${c.cell}: ${c.text}`);
      if (fall >= 0) {
        assert.match(c.text, new RegExp(`L = ${mine[fall].gap}`), c.text);
        const shown = await page.$eval(`#mem-sweep-caption .mem-sweep-cap[data-cell="${c.cell}"] .num[data-symbol="acc"]`, (e) => Number(e.dataset.value));
        assert.equal(shown, mine[fall].value);
      } else assert.match(c.text, new RegExp(`一直到 L = ${held}`), c.text);
    }
    const text = await page.textContent('#mem-sweep-view');
    assert.ok(!/null|undefined|NaN|\{\w+\}/.test(text), text);
    await page.screenshot({ path: shotPath('memory-sweep-1280-zh'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }

  // The link runs the sweep again and gets the same points.
  const again = await openPage(browser, server.url, { hash: `${PRESET}&sweep=${GAPS.join(',')}`, viewport: { width: 1280, height: 800 } });
  try {
    await again.page.waitForSelector('#mem-sweep-view[data-sweep="done"]', { timeout: 300000 });
    assert.deepEqual(await points(again.page), first);
    assert.equal((await hashState(again.page)).sweep, GAPS.join(','));
    assert.deepEqual(again.problems, []);
  } finally {
    await again.context.close();
  }
});

test('Cancel stops a sweep, keeps the gaps that finished and leaves the sweep out of the link', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#mode=memory&cells=rnn&mepochs=100&lang=en', viewport: { width: 1024, height: 768 } });
  try {
    await page.waitForSelector('#mem-sweep-view[data-sweep="idle"] #mem-sweep:not([disabled])');
    await page.click('#mem-sweep');
    await page.waitForFunction(() => /Sweeping: L = 10, [1-9]\d* \//.test(document.querySelector('#mem-sweep-view .mem-status').textContent));
    assert.ok(await page.isDisabled('#mem-start'), 'no training while the sweep runs');
    await page.click('#mem-sweep-stop');
    await page.waitForSelector('#mem-sweep-view[data-sweep="stopped"]');
    assert.equal(await page.$$eval('#mem-sweep-chart circle.sweep-point', (els) => els.length), 0, 'L = 10 did not finish');
    assert.match(await page.textContent('#mem-sweep-view .mem-status'), /^Cancelled/);
    assert.equal((await hashState(page)).sweep, undefined);
    assert.ok(!(await page.isDisabled('#mem-start')));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
