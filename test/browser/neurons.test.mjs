// The neuron view (view=neurons) and the drawing pad: as many nodes and links as the model has
// units and weights, every link's weight the model's, every number the CLI's; a drag and a tap on
// the pad change x_t and the page shows the trace of the drawn sequence; the keyboard reaches every
// unit. The pad test prints how long one redraw takes (a measurement, not an assertion).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BIN, openPage, numbers, cliTrace, compareWithCli, hashState, useServerAndBrowser, waitReady, shotPath, waitHash } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const SEQ = [0.1, 0.5, -0.2, 0.9, -1.5, 0.3, 0.7, -0.4, 0.2, 0.6];
const GATES = { lstm: ['i', 'f', 'g', 'o'], gru: ['z', 'r', 'n'], rnn: ['h'] };

// links reads every link the neuron view draws.
const links = (page) =>
  page.$$eval('#neurons line.nn-link', (ls) => ls.map((l) => ({ from: l.dataset.from, to: l.dataset.to, kind: l.dataset.kind, weight: Number(l.dataset.weight), contrib: Number(l.dataset.contrib) })));

// settled waits until the page is not busy and the neuron view has drawn.
const settled = (page) => page.waitForFunction(() => !document.documentElement.classList.contains('busy') && document.querySelector('#neurons .nn-node'));

// cliContrib runs `unroll trace --contrib` (args: the model and the input flags).
const cliContrib = (...args) => JSON.parse(execFileSync(BIN, ['trace', ...args, '--contrib'], { encoding: 'utf8' }));

// checkWeights compares every link's weight with the CLI trace's matrices (Keras layout: column
// gate·n + j), and its term with the CLI's contrib (native Go against the page's WebAssembly: the
// activations may differ in the last bits, hence 1e-12).
function checkWeights(found, tr, gate, n) {
  const W = Object.fromEntries(tr.graph.weights.map((w) => [w.name, w.values]));
  const gi = tr.gate_order.indexOf(gate);
  for (const l of found) {
    const [, , k] = l.from.split('/').map(Number);
    const [, t, j] = l.to.split('/').map(Number);
    const want = l.kind === 'U' ? W.U0[k][gi * n + j] : l.kind === 'W' ? W.W0[k][gi * n + j] : W.V[k][j];
    assert.equal(l.weight, want, `${l.kind} ${l.from} → ${l.to}`);
    const sc = tr.contrib.steps[t - tr.contrib.from];
    const term = l.kind === 'U' ? sc.gates[gate].u[k][j] : l.kind === 'W' ? sc.gates[gate].w[k][j] : sc.v[k][j];
    assert.ok(Math.abs(l.contrib - term) <= 1e-12 * Math.max(1, Math.abs(term)), `term of ${l.from} → ${l.to}: page ${l.contrib}, CLI ${term}`);
  }
}

for (const cell of ['lstm', 'gru', 'rnn']) {
  test(`${cell}: nodes and links count the model's units and weights, each weight the model's, each number the CLI's`, async () => {
    const units = 8;
    const T = SEQ.length;
    const { page, context, problems } = await openPage(browser, server.url, { hash: `#cell=${cell}&units=${units}&seed=3&view=neurons&data=seq:${SEQ.join(',')}&t=${T}` });
    try {
      await settled(page);
      const tr = cliContrib('--cell', cell, '--units', String(units), '--seed', '3', '--input', SEQ.join(','));
      const nodes = await page.$$eval('#neurons g.nn-node', (ns) => ns.map((n) => n.dataset.symbol));
      const count = (s) => nodes.filter((x) => x === s).length;
      assert.equal(count('x'), T);
      assert.equal(count('h'), units * T);
      assert.equal(count('c'), cell === 'lstm' ? units * T : 0);
      assert.equal(count('y'), 1);
      for (const gate of GATES[cell]) {
        if (gate !== GATES[cell][0]) {
          await page.click(`#neurons .nn-gate.sym-${gate}`);
          await page.waitForSelector(`#neurons .nn-gate.sym-${gate}[aria-pressed="true"]`);
        }
        const found = await links(page);
        // inputs × units × T + units² × (T − 1) + units × outputs
        assert.equal(found.length, 1 * units * T + units * units * (T - 1) + units * 1, `links of gate ${gate}`);
        checkWeights(found, tr, gate, units);
      }
      // Hover a unit: its incoming links are marked, and the panel lists terms the links carry.
      await page.hover('#neurons g.nn-node[data-id="h/4/2"]');
      await page.waitForSelector('#neurons .nn-panel .nn-term');
      const lit = await page.$$eval('#neurons line.nn-link.in', (ls) => ls.map((l) => l.dataset.to));
      assert.equal(lit.length, 1 + units, 'x_4 and s_3 feed s_4[2]');
      assert.ok(lit.every((to) => to === 'h/4/2'));
      const terms = await page.$$eval('#neurons .nn-panel .nn-term', (ts) => ts.map((t) => Number(t.dataset.value)));
      for (let k = 1; k < terms.length; k++) assert.ok(Math.abs(terms[k - 1]) >= Math.abs(terms[k]), 'largest first');
      const res = compareWithCli(await numbers(page), tr, assert);
      console.log(`# ${cell}(${units}): ${res.checked} numbers equal the CLI`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('a text: one input node per step (its one-hot index), the most likely next character as o_t', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#cell=lstm&units=4&seed=1&view=neurons&data=text:hello&t=5' });
  try {
    await settled(page);
    const xs = await page.$$eval('#neurons g.nn-node[data-symbol="x"]', (ns) => ns.map((n) => [n.dataset.unit, n.dataset.value]));
    const tr = cliContrib('--cell', 'lstm', '--units', '4', '--seed', '1', '--text', 'hello');
    assert.deepEqual(xs, tr.tokens.map((k) => [String(k), '1']));
    const found = await links(page);
    assert.equal(found.length, 4 * 5 + 16 * 4 + 4 * 5, 'U from the hot index, W, and V to one output per step');
    const ys = await page.$$eval('#neurons g.nn-node[data-symbol="y"]', (ns) => ns.map((n) => Number(n.dataset.unit)));
    assert.deepEqual(ys, tr.top.map((row) => row[0]));
    checkWeights(found, tr, 'i', 4);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the keyboard reaches every unit: Tab into the view, arrows between units and steps', async () => {
  const units = 4;
  const T = 5;
  const { page, context, problems } = await openPage(browser, server.url, { hash: `#cell=gru&units=${units}&seed=1&view=neurons&data=seq:${SEQ.slice(0, T).join(',')}&t=1` });
  try {
    await settled(page);
    await page.focus('#neurons .nn-gate.sym-n');
    await page.keyboard.press('Tab');
    const seen = new Set();
    const active = () => page.evaluate(() => document.activeElement?.dataset?.id || '');
    let id = await active();
    assert.equal(id, 'h/1/0', 'Tab goes from the gates to the unit the page points at');
    for (let t = 1; t <= T; t++) {
      for (let j = 0; j < units; j++) {
        seen.add(await active());
        if (j < units - 1) await page.keyboard.press(t % 2 ? 'ArrowDown' : 'ArrowUp');
      }
      if (t < T) await page.keyboard.press('ArrowRight');
    }
    const all = await page.$$eval('#neurons g.nn-node[data-symbol="h"]', (ns) => ns.map((n) => n.dataset.id));
    assert.deepEqual([...seen].sort(), all.sort());
    // → moves the page's step too: the scrubber, then the link (written after the step is drawn).
    await page.waitForFunction((t) => document.querySelector('#pb-scrub').value === String(t), T);
    await waitHash(page, 't', T);
    assert.equal((await hashState(page)).t, String(T), '→ moves the page to the next step too');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// slotBox is the pad's slot k (0-based) on the screen.
const slotBox = (page, k) => page.locator('#pad rect.pad-slot').nth(k).boundingBox();

test('drawing on the pad changes x_t and the page shows unroll trace of the drawn sequence; reset to data', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#cell=lstm&units=8&seed=2&view=neurons&pad=1&t=10', viewport: { width: 1280, height: 800 } });
  try {
    await settled(page);
    const before = await hashState(page);
    const box = await slotBox(page, 2);
    await page.mouse.move(box.x + box.width / 2, box.y + 12);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 2, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelector('#neurons g.nn-node[data-id="x/3/0"]')?.dataset.value === '0' && !document.documentElement.classList.contains('busy'));
    // (the hash is written shortly after the last change)
    await page.waitForFunction(() => /data=seq:[^,&]+,[^,&]+,0(,|&)/.test(location.hash));
    const state = await hashState(page);
    assert.match(state.data, /^seq:/);
    const input = state.data.slice(4).split(',').map(Number);
    assert.equal(input.length, 10);
    assert.equal(input[2], 0, 'x_3 drawn down to 0 (the bottom of a stock window’s [0, 1])');
    const res = compareWithCli(await numbers(page), cliTrace({ cell: 'lstm', units: 8, seed: 2, input }), assert);
    assert.ok(res.symbols.includes('x') && res.symbols.includes('h') && res.symbols.includes('c'));
    console.log(`# drawn sequence: ${res.checked} numbers equal the CLI`);
    await page.screenshot({ path: shotPath('neurons-pad-1280') });

    // One redraw: a pointer move on the pad until the neuron view has drawn the new trace.
    const times = await page.evaluate(async () => {
      const svg = document.querySelector('#pad svg');
      const view = document.querySelector('#neurons');
      const slots = [...svg.querySelectorAll('rect.pad-slot')];
      const out = [];
      for (let k = 0; k < 20; k++) {
        const r = slots[k % slots.length].getBoundingClientRect();
        const y = r.top + 12 + (k % 5) * ((r.height - 24) / 5);
        const drawn = Number(view.dataset.drawn);
        const t0 = performance.now();
        const ev = (type) => new PointerEvent(type, { clientX: r.left + r.width / 2, clientY: y, buttons: 1, pointerId: 1, bubbles: true });
        svg.dispatchEvent(ev('pointerdown'));
        svg.dispatchEvent(ev('pointerup'));
        while (Number(view.dataset.drawn) === drawn || document.documentElement.classList.contains('busy')) await new Promise((ok) => setTimeout(ok, 0));
        // (app.js keeps the User Timing of the last render only: read it before the next)
        const m = (name) => performance.getEntriesByName(name).at(-1)?.duration ?? NaN;
        const views = performance.getEntriesByType('measure').filter((e) => e.name.startsWith('render:')).reduce((s, e) => s + e.duration, 0);
        out.push({ total: performance.now() - t0, neurons: m('render:neurons'), views });
      }
      return out;
    });
    const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
    console.log(`# redraw after a pointer event on the pad, LSTM n=8, T=10 (20 events): the neuron view's draw median ${median(times.map((x) => x.neurons))} ms, every view's draw median ${median(times.map((x) => x.views))} ms; pointer event to every view drawn (engine trace included) median ${median(times.map((x) => x.total))} ms, min ${Math.min(...times.map((x) => x.total)).toFixed(1)} ms`);

    await page.click('#pad .pad-reset');
    await page.waitForFunction((d) => decodeURIComponent(location.hash).includes(`data=${d}`), before.data);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('touch: a tap on the pad sets x_t, in the equations view too', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
  context.setDefaultTimeout(60000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    await page.goto(`${server.url}#cell=rnn&units=4&seed=1&pad=1&t=3`);
    await waitReady(page);
    const box = await slotBox(page, 2);
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height - 3);
    await page.waitForFunction(() => /data=seq:/.test(location.hash) && !document.documentElement.classList.contains('busy'));
    const input = (await hashState(page)).data.slice(4).split(',').map(Number);
    assert.equal(input[2], 0);
    const found = (await numbers(page)).filter((n) => n.symbol === 'x' && n.t === 3 && n.visible);
    assert.ok(found.length > 0 && found.every((n) => n.value === 0), 'the equations show x_3 = 0');
    compareWithCli(await numbers(page), cliTrace({ cell: 'rnn', units: 4, seed: 1, input }), assert);
    await page.screenshot({ path: shotPath('pad-touch-390') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('more than 20 steps: the view says what it hides and a menu picks the steps', async () => {
  const seq = Array.from({ length: 30 }, (_, k) => ((k % 7) - 3) / 4);
  const { page, context, problems } = await openPage(browser, server.url, { hash: `#cell=rnn&units=3&seed=1&view=neurons&data=seq:${seq.join(',')}&t=25` });
  try {
    await settled(page);
    const ts = async () => [...new Set(await page.$$eval('#neurons g.nn-node[data-symbol="h"]', (ns) => ns.map((n) => Number(n.dataset.t))))];
    assert.deepEqual(await ts(), Array.from({ length: 20 }, (_, k) => k + 1));
    assert.match(await page.textContent('#neurons .nn-hidden-note'), /1–20.*30/);
    await page.selectOption('#neurons .nn-range select', '11');
    await page.waitForFunction(() => /[#&]nfrom=11(&|$)/.test(location.hash) && document.querySelector('#neurons g.nn-node[data-id="h/30/0"]'));
    assert.deepEqual(await ts(), Array.from({ length: 20 }, (_, k) => k + 11));
    assert.equal((await links(page)).length, 3 * 20 + 9 * 19 + 3, 'W links start inside the range');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the panel counts the terms it leaves out in the singular for one, in the plural for more (English)', async () => {
  // SimpleRNN, one input: s_t[j] at t ≥ 2 has 1 + n terms, 6 shown; n = 6 leaves 1 out, n = 7 leaves 2.
  const seq = SEQ.slice(0, 4).join(',');
  const { page, context, problems } = await openPage(browser, server.url, { hash: `#cell=rnn&units=6&seed=1&view=neurons&data=seq:${seq}&t=3&unit=0&lang=en` });
  try {
    await settled(page);
    const rest = () => page.waitForFunction(() => document.querySelectorAll('#neurons .nn-panel .nn-term').length === 6 && document.querySelector('#neurons .nn-panel .nn-rest')?.textContent);
    assert.equal(await (await rest()).jsonValue(), '1 smaller term');
    await page.evaluate((s) => { location.hash = `#cell=rnn&units=7&seed=1&view=neurons&data=seq:${s}&t=3&unit=0&lang=en`; }, seq);
    await page.waitForSelector('#neurons g.nn-node[data-id="h/3/6"]');
    assert.equal(await (await rest()).jsonValue(), '2 smaller terms');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the gate picked is in the link: ngate opens the view on that gate, a pick writes it, the first gate leaves it out', async () => {
  const units = 3;
  const seq = SEQ.slice(0, 4).join(',');
  const { page, context, problems } = await openPage(browser, server.url, { hash: `#cell=lstm&units=${units}&seed=2&view=neurons&data=seq:${seq}&t=4&ngate=g` });
  try {
    await settled(page);
    await page.waitForSelector('#neurons .nn-gate.sym-g[aria-pressed="true"]');
    assert.deepEqual(await page.$$eval('#neurons .nn-gate[aria-pressed="true"]', (bs) => bs.length), 1);
    const tr = cliContrib('--cell', 'lstm', '--units', String(units), '--seed', '2', '--input', seq);
    checkWeights(await links(page), tr, 'g', units);
    await page.click('#neurons .nn-gate.sym-f');
    await waitHash(page, 'ngate', 'f');
    await page.waitForSelector('#neurons .nn-gate.sym-f[aria-pressed="true"]');
    checkWeights(await links(page), tr, 'f', units);
    await page.click('#neurons .nn-gate.sym-i');
    await page.waitForFunction(() => !/[#&]ngate=/.test(location.hash) && /[#&]view=neurons/.test(location.hash));
    await page.waitForSelector('#neurons .nn-gate.sym-i[aria-pressed="true"]');
    checkWeights(await links(page), tr, 'i', units);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('on a phone (390 px) the panel\'s sentences wrap inside the view, in English and in zh-TW', async () => {
  for (const lang of ['en', 'zh-TW']) {
    const { page, context, problems } = await openPage(browser, server.url, { hash: `#cell=gru&units=4&seed=1&view=neurons&ngate=n&t=3&lang=${lang}`, viewport: { width: 390, height: 844 } });
    try {
      await settled(page);
      await page.waitForSelector('#neurons .nn-panel .nn-note');
      const out = await page.$$eval('#neurons .nn-panel *', (els) => els.filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > innerWidth + 1).map((e) => `${e.tagName}.${e.className} ${e.textContent.slice(0, 40)}`));
      assert.deepEqual(out, [], `${lang}: nothing in the panel reaches past the screen's edge`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});
