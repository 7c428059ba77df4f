// The page loads cleanly, and every number it shows from a trace equals what
// `unroll trace` computes for the same URL state (DESIGN §4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, numbers, cliTrace, compareWithCli, hashState, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

// check opens hash, walks every step (views may show only the current step's
// numbers) and compares what is on the page with the CLI.
async function check(hash, { cell, units, seed }) {
  const { page, context, problems } = await openPage(browser, server.url, { hash });
  try {
    const state = await hashState(page);
    assert.equal(state.cell, cell);
    const T = Number(await page.getAttribute('#pb-scrub', 'max'));
    const found = [];
    for (let t = 1; t <= T; t++) {
      await page.evaluate((step) => {
        location.hash = location.hash.replace(/([#&])t=\d+/, `$1t=${step}`);
      }, t);
      await page.waitForFunction((step) => document.querySelector('#pb-scrub').value === String(step), t);
      found.push(...(await numbers(page)));
    }
    const xs = new Map();
    for (const n of found) if (n.symbol === 'x' && n.unit === 0) xs.set(n.t, n.value);
    assert.equal(xs.size, T, 'every x_t is on the page');
    const input = [...xs.keys()].sort((a, b) => a - b).map((t) => xs.get(t));
    const tr = cliTrace({ cell, units, seed, input });
    const res = compareWithCli(found, tr, assert);
    const want = cell === 'lstm' ? ['c', 'f', 'g', 'h', 'i', 'o', 'x', 'y'] : cell === 'gru' ? ['h', 'n', 'r', 'x', 'y', 'z'] : ['h', 'x', 'y'];
    for (const s of want) assert.ok(res.symbols.includes(s), `the page shows ${s} (it shows ${res.symbols})`);
    console.log(`# ${cell}(${units}) seed ${seed}: ${res.checked} numbers equal the CLI, largest difference ${res.maxDiff}`);
    assert.deepEqual(problems, []);
    return input;
  } finally {
    await context.close();
  }
}

test('the default page (2330 prices, SimpleRNN) matches unroll trace', async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  const state = await hashState(page);
  await context.close();
  assert.equal(state.data, 'stock:2330:2024-01:2024-06');
  assert.deepEqual(problems, []);
  const input = await check('', { cell: state.cell, units: Number(state.units), seed: Number(state.seed) });
  assert.equal(input.length, 10, 'TIME_STEPS = 10 by default');
  for (const v of input) assert.ok(v >= 0 && v <= 1 + 1e-12, `scaled close ${v} is in [0, 1] (the default window lies in the scaler's fit part)`);
});

test('LSTM on a typed sequence matches unroll trace, unscaled', async () => {
  const input = await check('#cell=lstm&units=3&seed=7&data=seq:0.1,0.5,-0.2,0.9,-1.5', { cell: 'lstm', units: 3, seed: 7 });
  assert.deepEqual(input, [0.1, 0.5, -0.2, 0.9, -1.5]);
});

test('GRU on prices matches unroll trace', async () => {
  await check('#cell=gru&units=2&seed=3&steps=6&data=stock:2330:2024-03:2024-05', { cell: 'gru', units: 2, seed: 3 });
});

test('SimpleRNN on the sine preset matches unroll trace', async () => {
  await check('#cell=rnn&units=5&seed=11&steps=8&data=sine', { cell: 'rnn', units: 5, seed: 11 });
});
