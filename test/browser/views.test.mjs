// Browser tests of the views (static/views/) on the fixtures in test/browser/fixtures/, through the
// harness page test/browser/views-harness.html, in headless Chromium. Checks: no console error;
// every number drawn carries the DOM contract's attributes and equals the fixture's value; the
// current step is marked and later steps dimmed; clicks, keys and hover work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, serveHarness, launchBrowser } from './helpers.mjs';

let server;
let browser;
let base;

before(async () => {
  server = await serveHarness();
  base = `http://127.0.0.1:${server.address().port}/test/browser/views-harness.html`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(query, viewport = { width: 1366, height: 768 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}?${query}`);
  await page.waitForSelector('html[data-ready="true"]');
  return { page, errors };
}

const fixture = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'test/browser/fixtures', name), 'utf8'));
// weight is the engine's shared matrix U, W or V of the first layer ({values, bias, ...}).
const weight = (res, kind) => res.graph.weights.find((w) => w.kind === kind && (kind === 'V' || w.layer === 0));

// expected returns the fixture's value for a drawn number's attributes.
function expected(res, a) {
  const t = Number(a.t);
  const u = Number(a.unit);
  const step = res.steps[Math.max(0, t - 1)];
  if (['U', 'W', 'V'].includes(a.symbol)) return weight(res, a.symbol).values[a.row][a.col];
  if (a.symbol === 'b') return weight(res, 'U').bias[a.col];
  if (a.symbol === 'b_v') return weight(res, 'V').bias[a.col];
  if (a.symbol === 'x') return step.x[u];
  if (a.symbol === 'h') return t === 0 ? res.steps[0].s_prev[u] : step.h[u];
  if (a.symbol === 'c') return t === 0 ? res.steps[0].c_prev[u] : step.c[u];
  if (a.symbol === 'y') return res.output[u];
  const [gate, part] = a.symbol.split('.');
  return part ? step.terms[gate][part][u] : step.gates[gate][u];
}

for (const [name, t] of [
  ['trace-rnn.json', 3],
  ['trace-lstm.json', 4],
  ['trace-gru.json', 10],
  ['trace-gru-reset-before.json', 2],
  ['trace-lstm-u16-t60.json', 37],
]) {
  test(`views draw ${name} at t=${t} with the fixture's numbers`, async () => {
    const res = fixture(name);
    const { page, errors } = await open(`fixture=${name}&t=${t}`);
    await page.click('.eq-expand');
    const attrs = await page.$$eval('[data-symbol]', (els) => els.map((e) => ({ ...e.dataset })));
    assert.ok(attrs.length > res.steps.length * 2, `only ${attrs.length} numbers drawn`);
    let worst = '';
    for (const a of attrs) {
      assert.ok(a.value !== undefined, `${a.symbol} has no data-value`);
      if (!['U', 'W', 'V', 'b', 'b_v'].includes(a.symbol)) assert.ok(a.t !== undefined && a.unit !== undefined, `${a.symbol} lacks data-t/data-unit`);
      const want = expected(res, a);
      if (String(want) !== a.value && !worst) worst = `${JSON.stringify(a)} expected ${want}`;
    }
    assert.equal(worst, '', worst);
    const current = await page.$$eval(`.graph-svg .node.current`, (els) => els.map((e) => e.getAttribute('data-t')));
    assert.ok(current.length > 0 && current.every((k) => Number(k) === t));
    const future = await page.$$eval('.graph-svg .node', (els) => els.filter((e) => e.classList.contains('future')).map((e) => Number(e.getAttribute('data-t'))));
    assert.ok(future.every((k) => k > t));
    assert.equal(future.length > 0, t < res.steps.length);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('a heatmap column click and Enter on a graph node select a step', async () => {
  const { page, errors } = await open('fixture=trace-lstm.json&t=2');
  await page.click('.heat-col[data-t="7"] .heat-cell');
  assert.equal(await page.textContent('#tlabel'), 't = 7 / 10');
  await page.focus('.graph-svg .node.kind-s[data-t="5"]');
  await page.keyboard.press('Enter');
  assert.equal(await page.textContent('#tlabel'), 't = 5 / 10');
  assert.deepEqual(errors, []);
  await page.close();
});

test('hovering a U edge highlights every U edge and shows the matrix', async () => {
  const { page, errors } = await open('fixture=trace-rnn.json&t=5');
  await page.hover('.graph-svg .edge.w-U[data-t="3"] .edge-hit', { force: true });
  assert.equal(await page.getAttribute('.graph-svg', 'class'), 'graph-svg hl hl-U');
  const cells = await page.$$eval('#graph .views-tooltip:not([hidden]) [data-symbol="U"]', (els) => els.length);
  assert.equal(cells, 4); // the kernel Keras stores for U: 1×4 for 4 units
  assert.deepEqual(errors, []);
  await page.close();
});

test('rolled form, English, 1920×1080', async () => {
  const { page, errors } = await open('fixture=trace-gru.json&t=6&view=rolled&lang=en', { width: 1920, height: 1080 });
  assert.ok(await page.isVisible('.rolled-svg'));
  assert.ok(!(await page.isVisible('.graph-svg')));
  assert.match(await page.textContent('.keras-note'), /unroll=True/);
  const h = await page.$$eval('.rolled-svg rect.unit[data-symbol="h"]', (els) => els.map((e) => Number(e.dataset.t)));
  assert.deepEqual([...new Set(h)], [6]);
  assert.deepEqual(errors, []);
  await page.close();
});

// The symbols of an equation row: [{name, mark, sub}] in order, as drawn.
function symbols(page, selector) {
  return page.$eval(selector, (el) =>
    [...el.querySelectorAll('.sym')].map((s) => ({
      name: s.querySelector('i').textContent,
      mark: s.querySelector('.sym-mark')?.textContent ?? '',
      sub: s.querySelector('sub')?.textContent ?? '',
      color: getComputedStyle(s).color,
    })),
  );
}

for (const [lang, mark] of [
  ['zh-TW', '閘'],
  ['en', 'gate'],
]) {
  test(`at an LSTM's last step the output o_T and the output gate are told apart (${lang})`, async () => {
    const res = fixture('trace-lstm.json');
    const T = res.steps.length;
    const { page, errors } = await open(`fixture=trace-lstm.json&t=${T}&lang=${lang}`);
    await page.waitForSelector('.eq-output');
    const gate = await symbols(page, '.eq-block.gate-o .eq-main.c0 .lhs');
    const out = await symbols(page, '.eq-output .eq-main.c0 .lhs');
    // The gate: o with its mark; the output layer: o_T, unmarked.
    assert.deepEqual([gate[0].name, gate[0].mark, gate[0].sub], ['o', mark, 't']);
    assert.deepEqual([out[0].name, out[0].mark, out[0].sub], ['o', '', 'T']);
    assert.notEqual(gate[0].color, out[0].color);
    // s_t = o^閘_t ⊙ tanh(c_t) uses the gate's symbol.
    const hl = await symbols(page, '.eq-block.gate-h .eq-main .rhs-formula');
    assert.deepEqual([hl[0].name, hl[0].mark, hl[0].sub], ['o', mark, 't']);
    // Biases: the gate's b_o, the output layer's b_V.
    const gateF = await symbols(page, '.eq-block.gate-o .eq-main .rhs-formula');
    const outF = await symbols(page, '.eq-output .eq-main .rhs-formula');
    const bias = (syms) => syms.filter((x) => x.name === 'b').map((x) => x.sub);
    assert.deepEqual(bias(gateF), ['o']);
    assert.deepEqual(bias(outF), ['V']);
    assert.deepEqual(outF.map((x) => x.name + x.sub), ['V', 'sT', 'bV']);
    // b_V's number is the trace's Dense bias, and the output the trace's output.
    assert.equal(await page.getAttribute('.eq-output [data-symbol="b_v"]', 'data-value'), String(weight(res, 'V').bias[0]));
    assert.equal(await page.getAttribute('.eq-output .unit-line [data-symbol="y"]', 'data-value'), String(res.output[0]));
    // The cell diagram's output gate carries the same mark.
    assert.equal((await page.textContent('#cell .gate-o .gate-sym')).replace(/\u200b/g, ''), `o${mark}`);
    // No notation markup is left in text or labels.
    const labels = await page.$$eval('[aria-label]', (els) => els.map((e) => e.getAttribute('aria-label')));
    assert.deepEqual(labels.filter((l) => l.includes('^{')), []);
    assert.doesNotMatch(await page.textContent('body'), /\^\{/);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

// tipShape focuses weight w's legend chip and returns its tooltip's shape line and layout note.
async function tipShape(page, w) {
  await page.focus(`#graph .w-chip.sym-${w}`);
  await page.waitForFunction((w) => document.querySelector('#graph .views-tooltip:not([hidden]) .w-badge')?.textContent === w, w);
  return page.$eval('#graph .views-tooltip', (tip) => ({
    shape: tip.querySelector('.tip-shape').textContent,
    layout: tip.querySelector('.tip-layout').textContent,
  }));
}

for (const [name, gated] of [
  ['trace-rnn.json', false],
  ['trace-lstm.json', true],
  ['trace-gru.json', true],
]) {
  test(`${name}: the U, W, V tooltips give the shapes of U x_t, W s_{t−1}, V s_T (units 4, inputs 1)`, async () => {
    const res = fixture(name);
    assert.equal(res.model.units, 4);
    assert.equal(res.model.inputs, 1);
    const { page, errors } = await open(`fixture=${name}&t=${res.steps.length}`);
    const want = { U: '4×1', W: '4×4', V: '1×4' };
    for (const w of ['U', 'W', 'V']) {
      const tip = await tipShape(page, w);
      assert.match(tip.shape, new RegExp(`${want[w]}`), `${w}: ${tip.shape}`);
      assert.equal((tip.shape.match(/\d+×\d+/g) || []).length, 1, tip.shape);
      if (gated && w !== 'V') assert.match(tip.shape, new RegExp(`${w}[a-z]、`), `${w} is given per gate: ${tip.shape}`);
      // The table below is the stored (transposed) kernel, and says so.
      const m = weight(res, w).values;
      assert.match(tip.layout, new RegExp(`${m.length}×${m[0].length}`));
      assert.match(tip.layout, /轉置/);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('V is used once, after the last step, and its tooltip shows b_V', async () => {
  const res = fixture('trace-rnn.json');
  const { page, errors } = await open('fixture=trace-rnn.json&t=4&lang=en');
  await page.hover('.graph-svg .edge.w-V .edge-hit', { force: true });
  await page.waitForSelector('#graph .views-tooltip:not([hidden]) [data-symbol="b_v"]');
  const text = await page.textContent('#graph .views-tooltip');
  assert.match(text, /V is used once/);
  assert.doesNotMatch(text, /at every step/);
  assert.equal(await page.getAttribute('#graph .views-tooltip [data-symbol="b_v"]', 'data-value'), String(weight(res, 'V').bias[0]));
  assert.deepEqual(errors, []);
  await page.close();
});

test('views.css declares the colours of static/config.js', async () => {
  const { page, errors } = await open('fixture=trace-rnn.json&t=1');
  const diff = await page.evaluate(async () => {
    const { CSS_VARS } = await import('../../static/config.js');
    const root = getComputedStyle(document.documentElement);
    return Object.entries(CSS_VARS)
      .filter(([k, v]) => root.getPropertyValue(k).trim().toLowerCase() !== String(v).toLowerCase())
      .map(([k, v]) => `${k}: css ${root.getPropertyValue(k).trim()} config ${v}`);
  });
  assert.deepEqual(diff, []);
  assert.deepEqual(errors, []);
  await page.close();
});
