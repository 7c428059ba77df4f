// Stepping through a model trained in the Why LSTM view (memory/view.js → memory_model → the
// step-through views, memory/notes.js): the trained LSTM and SimpleRNN open on the held-out
// sequence; the notes' numbers are the moments the engine finds (checked against a second engine
// worker's memory_model), each note's button steps there, and the cell view then shows the same
// number; the forget gate's lowest value over the gap is the lowest the cell view shows.
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

const L = 8;
const SPEC = { length: L, cells: ['rnn', 'lstm'], seed: 2, init: 'chrono', epochs: 4 };
const PRESET = `#mode=memory&gap=${L}&cells=rnn,lstm&mepochs=4&mseed=2`;

const noteNums = (page) => page.$$eval('#memory-notes .mn-note', (els) => Object.fromEntries(els.map((e) => [e.dataset.note,
  [...e.querySelectorAll('.num')].map((n) => ({ symbol: n.dataset.symbol, t: n.dataset.t ? Number(n.dataset.t) : null, unit: n.dataset.unit ? Number(n.dataset.unit) : null, value: Number(n.dataset.value) }))])));
const shown = (page, sym, t, unit) => page.waitForSelector(`#cell [data-symbol="${sym}"][data-t="${t}"][data-unit="${unit}"]`, { state: 'attached' }).then((e) => e.getAttribute('data-value')).then(Number);
const moment = (m) => ({ symbol: m.symbol, t: m.t, unit: m.unit, value: m.value });

async function openTrained(page, cell) {
  await page.click(`#mode-toggle [data-mode="memory"]`);
  await page.waitForSelector(`#mem-steps button[data-cell="${cell}"]`);
  await page.click(`#mem-steps button[data-cell="${cell}"]`);
  await waitHash(page, 'data', `memory:${L}:2`);
  await waitHash(page, 'cell', cell);
  await page.waitForSelector(`.panel-memory-notes:not([hidden]) .mn-note[data-note="answer"]`);
}

test('the trained LSTM and SimpleRNN step through the held-out sequence; the notes are the trace’s numbers', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: PRESET, viewport: { width: 1280, height: 900 } });
  try {
    await page.waitForSelector('#memory-mode[data-memory="idle"] #mem-start');
    assert.equal(await page.$$eval('#mem-steps button', (els) => els.length), 0, 'nothing to step through before training');
    await page.click('#mem-start');
    await page.waitForSelector('#memory-mode[data-memory="done"]', { timeout: 240000 });
    const [, , lstm, rnn] = await engineRun(page, null, [['memory_start', SPEC], ['memory_run', { batches: 1000 }], ['memory_model', { cell: 'lstm' }], ['memory_model', { cell: 'rnn' }]]);

    // The LSTM.
    await openTrained(page, 'lstm');
    const h = await hashState(page);
    assert.equal(h.model, 'trained');
    assert.equal(h.mode, undefined, 'step-through mode');
    const mo = lstm.memory;
    let notes = await noteNums(page);
    assert.deepEqual(Object.keys(notes), ['open', 'keep', 'carry', 'cos', 'answer']);
    assert.deepEqual(notes.open, [moment(mo.open)]);
    assert.deepEqual(notes.keep, [moment(mo.keep)]);
    assert.deepEqual(notes.carry, [moment(mo.from), moment(mo.to)]);
    assert.deepEqual(notes.cos, [{ symbol: 'cos', t: null, unit: null, value: mo.cosine }]);
    assert.equal(mo.open.symbol, 'i');
    assert.equal(mo.keep.symbol, 'f');
    // The page opens at t = 1 on the unit whose input gate opens most: the cell view shows i_1.
    assert.equal(await shown(page, 'i', 1, mo.open.unit), mo.open.value);
    const text = await page.textContent('#memory-notes');
    assert.match(text, new RegExp(`單元 ${mo.open.unit + 1} 的輸入閘 i 打開到`));
    assert.match(text, mo.keep.value >= 0.9 ? /每一步幾乎原封不動/ : /每一步都丟掉一部分記憶/);
    assert.match(text, mo.cosine >= 0.5 ? /大致還指向/ : /漂離了/);
    assert.match(text, mo.named === mo.answer ? /答對了/ : /答錯了/);

    // The forget gate's button steps to its lowest value; stepping t = 2…L, the cell view's f of that
    // unit never goes lower, and c_1, c_L are the carry note's.
    await page.click('#memory-notes .mn-note[data-note="keep"] .mn-go');
    await waitHash(page, 'unit', mo.keep.unit);
    assert.equal(await shown(page, 'f', mo.keep.t, mo.keep.unit), mo.keep.value);
    await page.keyboard.press('Home');
    assert.equal(await shown(page, 'c', 1, mo.keep.unit), mo.from.value);
    const f = [];
    for (let t = 2; t <= L; t++) {
      await page.keyboard.press('ArrowRight');
      f.push([t, await shown(page, 'f', t, mo.keep.unit)]);
    }
    assert.equal(await shown(page, 'c', L, mo.keep.unit), mo.to.value);
    const low = f.reduce((a, b) => (b[1] < a[1] ? b : a));
    assert.deepEqual(low, [mo.keep.t, mo.keep.value], `f of unit ${mo.keep.unit}: ${JSON.stringify(f)}`);
    await page.screenshot({ path: shotPath('memory-step-lstm'), fullPage: false });

    // The SimpleRNN: no gate, its strongest unit after x_1 and the cosine.
    await openTrained(page, 'rnn');
    notes = await noteNums(page);
    assert.deepEqual(Object.keys(notes), ['carry', 'cos', 'answer']);
    assert.deepEqual(notes.carry, [moment(rnn.memory.from), moment(rnn.memory.to)]);
    assert.equal(rnn.memory.from.symbol, 'h');
    assert.deepEqual(notes.cos, [{ symbol: 'cos', t: null, unit: null, value: rnn.memory.cosine }]);
    await page.click('#memory-notes .mn-note[data-note="carry"] .mn-go');
    await waitHash(page, 't', L);
    assert.equal(await shown(page, 'h', L, rnn.memory.to.unit), rnn.memory.to.value);
    const all = await page.textContent('#memory-notes');
    assert.ok(!/null|undefined|NaN|\{\w+\}/.test(all), all);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
