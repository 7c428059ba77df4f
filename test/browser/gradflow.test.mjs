// The gradient-flow chart (static/views/gradflow.js): one bar per step whose data-value is the
// trace's ‖∂L/∂x_t‖ by default, ‖∂L/∂s_t‖ or an LSTM's ‖∂L/∂c_t‖ when picked (grad=s|c), each equal
// to a second engine worker's numbers; the caption's ratio and its sentence follow the bars; on the
// default 2330 window a seeded SimpleRNN's earliest ‖∂L/∂s_t‖ is shorter than its last (the
// vanishing gradient); switching to LSTM draws the chart anew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitHash, useServerAndBrowser, hashState } from './helpers.mjs';
import { engineRun } from './memory-engine.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const bars = (page, symbol = 'dLds') => page.$$eval(`#gradflow rect.gf-bar[data-symbol="${symbol}"]`, (els) => els.map((e) => ({ t: Number(e.dataset.t), value: Number(e.dataset.value), current: e.classList.contains('current') })));

test('the gradient chart has one bar per step, shrinking back in time for a SimpleRNN, and redraws for an LSTM', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#cell=rnn&units=4&seed=1&t=3&grad=s' });
  try {
    await page.waitForSelector('#gradflow rect.gf-bar[data-symbol="dLds"]');
    const rnn = await bars(page);
    assert.equal(rnn.length, 10, 'TIME_STEPS = 10 bars');
    assert.deepEqual(rnn.map((b) => b.t), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const b of rnn) assert.ok(Number.isFinite(b.value) && b.value >= 0, `bar t = ${b.t}: ${b.value}`);
    assert.ok(rnn[0].value < rnn[rnn.length - 1].value, `SimpleRNN: ‖∂L/∂s_1‖ = ${rnn[0].value} < ‖∂L/∂s_10‖ = ${rnn[9].value}`);
    assert.deepEqual(rnn.filter((b) => b.current).map((b) => b.t), [3], 'the current step is marked');
    const text = await page.textContent('#gradflow');
    assert.match(text, /梯度消失/);
    // Text in the page's font; only the symbols in the math font.
    const fonts = await page.evaluate(() => {
      const f = (sel) => getComputedStyle(document.querySelector(sel)).fontFamily;
      return { page: f('body'), title: f('#gradflow .gf-title .math'), caption: f('#gradflow .gf-loss .math'), sym: f('#gradflow .gf-title .sym') };
    });
    assert.equal(fonts.title, fonts.page, `title: ${fonts.title}`);
    assert.equal(fonts.caption, fonts.page, `caption: ${fonts.caption}`);
    assert.ok(!/serif/.test(fonts.title.replace(/sans-serif/g, '')), fonts.title);
    assert.match(fonts.sym, /Math/, 'symbols in the math font');
    assert.ok(!/null|undefined|NaN/.test(text), text);

    const first = await page.$('#gradflow rect.gf-bar');
    await page.click('#cell-group button[value="lstm"]');
    await waitHash(page, 'cell', 'lstm');
    await page.waitForFunction((old) => !old.isConnected && document.querySelector('#gradflow rect.gf-bar[data-symbol="dLds"]'), first);
    const lstm = await bars(page);
    assert.equal(lstm.length, 10);
    for (const b of lstm) assert.ok(Number.isFinite(b.value) && b.value >= 0, `LSTM bar t = ${b.t}: ${b.value}`);
    assert.notDeepEqual(lstm.map((b) => b.value), rnn.map((b) => b.value), 'the LSTM has its own gradients');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// ratioKind as the page states it (views/gradkind.js): below 1/10 vanish, above 10 grow.
const kindOf = (r) => (!Number.isFinite(r) ? 'none' : r < 0.1 ? 'vanish' : r > 10 ? 'grow' : 'flat');

async function checkNote(page, symbol, got) {
  const note = await page.$eval('#gradflow .gf-note', (e) => ({
    kind: e.dataset.kind, text: e.textContent,
    nums: [...e.querySelectorAll('.num')].map((n) => ({ symbol: n.dataset.symbol, t: n.dataset.t ? Number(n.dataset.t) : null, value: Number(n.dataset.value) })),
  }));
  const T = got.length;
  const r = got[0].value / got[T - 1].value;
  assert.equal(note.kind, kindOf(r), note.text);
  assert.deepEqual(note.nums, [{ symbol, t: 1, value: got[0].value }, { symbol, t: T, value: got[T - 1].value }, { symbol: 'ratio', t: null, value: r }]);
  assert.match(note.text, { vanish: /梯度消失/, flat: /看不出明顯的梯度消失/, grow: /反而比最後一步大/ }[note.kind], note.text);
}

test('‖∂L/∂x_t‖ is drawn by default, ‖∂L/∂s_t‖ and an LSTM’s ‖∂L/∂c_t‖ when picked, each the engine’s numbers', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#cell=rnn&units=4&seed=1&data=sine&t=2' });
  try {
    await page.waitForSelector('#gradflow rect.gf-bar[data-symbol="dLdx"]');
    const trace = async (cell) => (await engineRun(page, null, [['set_model', { spec: { cell, units: 4, inputs: 1, seed: 1, steps: 10 } }], ['trace', { input: { kind: 'sine' } }]]))[1];
    const rnn = await trace('rnn');
    const dx = await bars(page, 'dLdx');
    assert.deepEqual(dx.map((b) => b.value), rnn.grad_input_norms, '‖∂L/∂x_t‖ by default');
    assert.equal(dx.length, 10);
    await checkNote(page, 'dLdx', dx);
    assert.deepEqual(await page.$$eval('#gradflow .gf-pick-btn', (els) => els.map((e) => [e.dataset.grad, e.getAttribute('aria-pressed')])), [['x', 'true'], ['s', 'false']], 'a SimpleRNN has no c');
    assert.match(await page.textContent('#gradflow .gf-title'), /∂L\/∂x/);

    await page.click('#gradflow .gf-pick-btn[data-grad="s"]');
    await waitHash(page, 'grad', 's');
    await page.waitForSelector('#gradflow rect.gf-bar[data-symbol="dLds"]');
    const ds = await bars(page, 'dLds');
    assert.deepEqual(ds.map((b) => b.value), rnn.grad_norms, '‖∂L/∂s_t‖ when picked');
    await checkNote(page, 'dLds', ds);
    assert.match(await page.textContent('#gradflow .gf-note'), /隱藏狀態 st 的梯度/);

    await page.click('#cell-group button[value="lstm"]');
    await waitHash(page, 'cell', 'lstm');
    await page.waitForSelector('#gradflow .gf-pick-btn[data-grad="c"]');
    await page.click('#gradflow .gf-pick-btn[data-grad="c"]');
    await waitHash(page, 'grad', 'c');
    await page.waitForSelector('#gradflow rect.gf-bar[data-symbol="dLdc"]');
    const lstm = await trace('lstm');
    const dc = await bars(page, 'dLdc');
    assert.deepEqual(dc.map((b) => b.value), lstm.grad_cell_norms, '‖∂L/∂c_t‖ for LSTM');
    await checkNote(page, 'dLdc', dc);

    // Back to a SimpleRNN, which has no c: the chart draws ‖∂L/∂x_t‖.
    await page.click('#cell-group button[value="rnn"]');
    await waitHash(page, 'cell', 'rnn');
    await page.waitForFunction(() => document.querySelector('#gradflow rect.gf-bar[data-symbol="dLdx"]'));
    assert.equal((await hashState(page)).grad, 'c', 'the link keeps the choice');
    const text = await page.textContent('#gradflow');
    assert.ok(!/null|undefined|NaN|\{\w+\}/.test(text), text);
    await page.screenshot({ path: '/tmp/shots-memory/gradflow-x.png', fullPage: false });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
