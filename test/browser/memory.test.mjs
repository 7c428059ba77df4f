// The Why LSTM view (static/memory/view.js, mode=memory): a small preset of the long-memory
// experiment trains SimpleRNN, LSTM and GRU side by side in the page's engine; the view shows
// three curves, and per cell a gradient chart whose bars carry the engine's ‖∂L/∂x_t‖ (and
// ‖∂L/∂c_t‖ for LSTM) before and after training, checked against the same experiment run by a
// second engine worker in the page; the captions agree with those numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useServerAndBrowser, shotPath, hashState } from './helpers.mjs';
import { engineRun } from './memory-engine.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const GAP = 6;
const PRESET = `#mode=memory&gap=${GAP}&mepochs=2&mseed=2`;
const SPEC = { length: GAP, cells: ['rnn', 'lstm', 'gru'], seed: 2, init: 'chrono', epochs: 2 };

const bars = (page) => page.$$eval('#mem-grads rect.bar', (els) => els.map((e) => ({
  cell: e.dataset.cell, phase: e.dataset.phase, symbol: e.dataset.symbol, t: Number(e.dataset.t), value: Number(e.dataset.value),
})));

const KEY = { SimpleRNN: 'rnn', LSTM: 'lstm', GRU: 'gru' };

test('three cells train side by side; every gradient bar is the engine’s number and the captions follow them', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: PRESET, viewport: { width: 1280, height: 800 } });
  try {
    await page.waitForSelector('#memory-mode[data-memory="idle"] #mem-start');
    assert.equal(await page.inputValue('#mem-gap'), String(GAP), 'the slider shows the link’s gap');
    await page.click('#mem-start');
    await page.waitForSelector('#memory-mode[data-memory="done"]', { timeout: 240000 });

    // Three curves per chart, each with points.
    for (const chart of ['#mem-acc', '#mem-loss']) {
      const curves = await page.$$eval(`${chart} path.curve`, (els) => els.map((e) => ({ cell: e.dataset.cell, d: e.getAttribute('d') || '' })));
      assert.deepEqual(curves.map((c) => c.cell), ['rnn', 'lstm', 'gru'], chart);
      for (const c of curves) assert.ok(c.d.split(/[ML]/).length > 3, `${chart} ${c.cell}: ${c.d}`);
    }
    assert.equal(await page.$$eval('#mem-acc line.chance', (els) => els.length), 1, 'the chance level is drawn');

    // The bars against the engine's numbers.
    const want = await engineRun(page, SPEC);
    const got = await bars(page);
    let checked = 0;
    for (const c of want.cells) {
      for (const phase of ['before', 'after']) {
        for (const symbol of c.cell === 'LSTM' ? ['dx', 'dc'] : ['dx']) {
          const vals = c[phase][symbol];
          assert.equal(vals.length, GAP);
          const mine = got.filter((b) => b.cell === KEY[c.cell] && b.phase === phase && b.symbol === symbol).sort((a, b) => a.t - b.t);
          assert.deepEqual(mine.map((b) => b.t), [1, 2, 3, 4, 5, 6], `${c.cell} ${phase} ${symbol}: one bar per step`);
          assert.deepEqual(mine.map((b) => b.value), vals, `${c.cell} ${phase} ${symbol}`);
          checked += vals.length;
        }
      }
      if (c.cell !== 'LSTM') assert.equal(got.filter((b) => b.cell === KEY[c.cell] && b.symbol === 'dc').length, 0, `${c.cell} has no cell state c`);
    }
    assert.equal(checked, got.length, 'every bar was checked');
    assert.equal(got.length, 2 * GAP * 4);

    // The accuracy caption: each cell's number is the engine's last held-out accuracy.
    const acc = await page.$$eval('#mem-acc-caption .num[data-symbol="acc"]', (els) => els.map((e) => [e.dataset.cell, Number(e.dataset.value)]));
    assert.deepEqual(acc, want.cells.map((c) => [KEY[c.cell], c.points[c.points.length - 1].accuracy]));

    // The comparison caption: for each gated cell, the ratio of the bars at t = 1 after training,
    // and a sentence that says whether it is larger than the SimpleRNN's.
    const first = (cell) => got.find((b) => b.cell === cell && b.phase === 'after' && b.symbol === 'dx' && b.t === 1).value;
    const cmp = await page.$$eval('#mem-cmp .mem-cmp', (els) => els.map((e) => ({
      cell: e.dataset.cell, larger: e.dataset.larger, ratio: Number(e.querySelector('[data-symbol="ratio"]').dataset.value), text: e.textContent,
    })));
    assert.deepEqual(cmp.map((c) => c.cell), ['lstm', 'gru']);
    for (const c of cmp) {
      const r = first(c.cell) / first('rnn');
      assert.equal(c.ratio, r, `${c.cell}: the ratio of the bars`);
      assert.equal(c.larger, String(r > 1));
      assert.match(c.text, r > 1 ? /是 SimpleRNN 的 .+ 倍/ : /沒有比 SimpleRNN 的/, c.text);
    }
    // Each cell's ratio line names its own bars' numbers.
    const ratios = await page.$$eval('#mem-grads .mem-ratio .num[data-symbol="dx"]', (els) => els.map((e) => [e.dataset.cell, e.dataset.phase, Number(e.dataset.t), Number(e.dataset.value)]));
    for (const [cell, phase, t, v] of ratios) {
      assert.equal(v, got.find((b) => b.cell === cell && b.phase === phase && b.symbol === 'dx' && b.t === t).value, `${cell} ${phase} t=${t}`);
    }
    assert.equal(ratios.length, 3 * 2 * 2);
    // Per cell, what training did to the first bar: after over before, from the bars.
    const changes = await page.$$eval('#mem-grads .mem-change', (els) => els.map((e) => ({
      cell: e.dataset.cell, symbol: e.dataset.symbol, change: e.dataset.change, ratio: Number(e.querySelector('[data-symbol="ratio"]').dataset.value),
    })));
    assert.deepEqual(changes.map((c) => `${c.cell}:${c.symbol}`), ['rnn:dx', 'lstm:dx', 'lstm:dc', 'gru:dx']);
    for (const c of changes) {
      const at1 = (phase) => got.find((b) => b.cell === c.cell && b.phase === phase && b.symbol === c.symbol && b.t === 1).value;
      const r = at1('after') / at1('before');
      assert.equal(c.ratio, r, `${c.cell} ${c.symbol}`);
      assert.equal(c.change, r > 1.01 ? 'up' : r < 0.99 ? 'down' : 'same');
    }
    assert.deepEqual(await page.$$eval('#mem-phase-legend [data-phase]', (els) => els.map((e) => e.dataset.phase)), ['before', 'after'], 'the bars’ key');
    // The gates' products in the initialisation's sentence are the engine's.
    const ret = await page.$$eval('.mem-why .num[data-symbol="ret"]', (els) => els.map((e) => [e.dataset.cell, e.dataset.phase, Number(e.dataset.value)]));
    assert.deepEqual(ret, want.cells.filter((c) => c.cell !== 'SimpleRNN').flatMap((c) => [[KEY[c.cell], 'before', c.before.retention], [KEY[c.cell], 'after', c.after.retention]]));

    const text = await page.textContent('#memory-mode');
    assert.ok(!/null|undefined|NaN|\{\w+\}/.test(text), text);
    assert.deepEqual(await page.evaluate(() => [document.documentElement.scrollWidth <= innerWidth]), [true], 'no sideways scroll');
    const h = await hashState(page);
    assert.equal(h.mode, 'memory');
    assert.equal(h.gap, String(GAP));
    await page.screenshot({ path: shotPath('memory-1280-zh'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the view fits a phone and 1024 px in English, and Stop ends a run where it is', async () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1024, height: 768 }]) {
    const { page, context, problems } = await openPage(browser, server.url, { hash: `#mode=memory&gap=40&mepochs=100&lang=en`, viewport });
    try {
      await page.waitForSelector('#memory-mode[data-memory="idle"] #mem-start');
      await page.click('#mem-start');
      await page.waitForFunction(() => document.querySelectorAll('#mem-acc path.curve').length === 3 && document.querySelectorAll('#mem-grads rect.bar').length > 0);
      await page.click('#mem-stop');
      await page.waitForSelector('#memory-mode[data-memory="stopped"]');
      const status = await page.textContent('.mem-status');
      assert.match(status, /^Stopped: \d+ updates per cell\.$/, status);
      assert.equal(await page.$$eval('#mem-grads rect.bar.after', (els) => els.length), 40 * 4, 'after-training bars of where the run stopped');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(wide <= 0, `${viewport.width} px: ${wide} px of sideways scroll`);
      await page.screenshot({ path: shotPath(`memory-${viewport.width}-en`), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});
