// The gradient-flow chart (static/views/gradflow.js): one bar per step whose
// data-value is the trace's grad_norms (‖∂L/∂s_t‖, computed in Go); on the
// default 2330 window a seeded SimpleRNN's earliest bar is shorter than its
// last (the vanishing gradient); switching to LSTM draws the chart anew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitHash, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const bars = (page) => page.$$eval('#gradflow rect.gf-bar[data-symbol="dLds"]', (els) => els.map((e) => ({ t: Number(e.dataset.t), value: Number(e.dataset.value), current: e.classList.contains('current') })));

test('the gradient chart has one bar per step, shrinking back in time for a SimpleRNN, and redraws for an LSTM', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#cell=rnn&units=4&seed=1&t=3' });
  try {
    await page.waitForSelector('#gradflow rect.gf-bar');
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
    await page.waitForFunction((old) => !old.isConnected && document.querySelector('#gradflow rect.gf-bar'), first);
    const lstm = await bars(page);
    assert.equal(lstm.length, 10);
    for (const b of lstm) assert.ok(Number.isFinite(b.value) && b.value >= 0, `LSTM bar t = ${b.t}: ${b.value}`);
    assert.notDeepEqual(lstm.map((b) => b.value), rnn.map((b) => b.value), 'the LSTM has its own gradients');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
