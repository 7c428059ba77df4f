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

// expected returns the fixture's value for a drawn number's attributes.
function expected(res, a) {
  const t = Number(a.t);
  const u = Number(a.unit);
  const step = res.steps[Math.max(0, t - 1)];
  if (['U', 'W', 'V'].includes(a.symbol)) return res.graph.weights[a.symbol][a.row][a.col];
  if (a.symbol === 'b') return res.graph.weights.b[a.col];
  if (a.symbol === 'x') return step.x[u];
  if (a.symbol === 'h') return t === 0 ? res.steps[0].s_prev[u] : step.h[u];
  if (a.symbol === 'c') return t === 0 ? res.steps[0].c_prev[u] : step.c[u];
  if (a.symbol === 'y') return res.output[u];
  const [gate, part] = a.symbol.split('.');
  return step.gates[gate][part || 'act'][u];
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
      if (!['U', 'W', 'V', 'b'].includes(a.symbol)) assert.ok(a.t !== undefined && a.unit !== undefined, `${a.symbol} lacks data-t/data-unit`);
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
  assert.equal(cells, 4); // U is 1×4 for 4 units
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
