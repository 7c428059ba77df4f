// Accessibility: axe-core (node_modules/axe-core) finds no serious or critical
// violation in the page's views — the default step-through, LSTM with n = 8,
// GRU, presentation mode, English, Train mode after a training, Why LSTM
// (mode=memory), and the order, neuron and one-to-many demos — and a visible
// focus ring follows the keyboard. The other views (the rolled graph, the
// neuron view, a text source, the drawing pad, a lesson) and the 390 px phone
// layout too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, openPage, useServerAndBrowser, waitHash } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const TRAINING_MS = 300000;

// axe sets inline styles while it measures, which the page's CSP refuses
// (and Chromium logs): those messages alone are expected once axe has run.
const AXE_CSP = /Applying inline style violates the following Content Security Policy/;

// withPage opens hash, runs fn(page, serious), and checks the console: clean
// before axe first ran, and nothing but axe's own CSP messages after.
async function withPage(browser, url, { hash, viewport }, fn) {
  const { page, context, problems } = await openPage(browser, url, { hash, ...(viewport ? { viewport } : {}) });
  let before = null;
  // serious runs axe on the page as it is and returns its serious and critical
  // violations, each as "rule: target (summary)".
  const serious = async () => {
    before ??= [...problems];
    await page.evaluate(AXE);
    return page.evaluate(async () => {
      const { violations } = await globalThis.axe.run(document, { resultTypes: ['violations'] });
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary.replace(/\s+/g, ' ')})`));
    });
  };
  try {
    await fn(page, serious);
    assert.deepEqual(before ?? problems, [], 'no console errors before axe ran');
    assert.deepEqual(problems.slice((before ?? problems).length).filter((p) => !AXE_CSP.test(p)), [], 'no console errors after');
  } finally {
    await context.close();
  }
}

const STATES = [
  ['the default view', '#', '#views [data-symbol="h"]'],
  ['LSTM with units 8', '#cell=lstm&units=8', '#views [data-symbol="c"]'],
  ['GRU with units 8', '#cell=gru&units=8', '#views [data-symbol="z"]'],
  ['presentation mode', '#present=1', 'html.present #views [data-symbol="h"]'],
  ['English', '#lang=en&cell=lstm', 'html[lang="en"] #views [data-symbol="c"]'],
  ['Why LSTM', '#mode=memory', '#memory-mode[data-memory="idle"] #mem-start'],
  ['the order demo', '#demo=order', '#demo-order[data-state="ready"]'],
  ['the rolled graph', '#view=rolled&cell=lstm', '#views [data-symbol="c"]'],
  ['the neuron view (LSTM)', '#view=neurons&cell=lstm', '#views .nn-node[data-symbol="c"]'],
  ['the neuron view of a text', '#view=neurons&data=text:hello%20world', '#views .nn-node[data-symbol="x"]'],
  ['a text source', '#data=text:%E6%88%91%E6%84%9B%E8%B2%93&cell=gru', '#views [data-symbol="z"]'],
  ['the drawing pad', '#pad=1', '.pad-svg .pad-dot'],
  ['the gradient of s_t', '#grad=s&cell=lstm', '#views [data-symbol="c"]'],
  ['a lesson', '#lesson=u12/3', '#lesson-panel[data-lesson="u12/3"]'],
  ['Train mode in English, presenting', '#mode=train&lang=en&present=1', 'html[lang="en"] #train-form'],
  ['the phone layout', '#', '#views [data-symbol="h"]', { width: 390, height: 844 }],
  ['the phone layout, LSTM neurons', '#view=neurons&cell=lstm', '#views .nn-node[data-symbol="c"]', { width: 390, height: 844 }],
  ['the phone layout, Train mode', '#mode=train', '#train-form', { width: 390, height: 844 }],
  ['the phone layout, Why LSTM', '#mode=memory', '#memory-mode[data-memory="idle"] #mem-start', { width: 390, height: 844 }],
  ['the phone layout, the order demo in English', '#demo=order&lang=en', 'html[lang="en"] #demo-order[data-state="ready"]', { width: 390, height: 844 }],
];

for (const [name, hash, ready, viewport] of STATES) {
  test(`axe: no serious or critical violation in ${name}`, async () => {
    await withPage(browser, server.url, { hash, viewport }, async (page, serious) => {
      await page.waitForSelector(ready, { state: 'attached' });
      assert.deepEqual(await serious(), []);
    });
  });
}

test('axe: Train mode after a training, then its step-through', async () => {
  await withPage(browser, server.url, { hash: '#mode=train&tstock=2330:2021-01:2024-12&tunits=8&tepochs=2&tcell=lstm' }, async (page, serious) => {
    await page.waitForSelector('#train-form');
    assert.deepEqual(await serious(), [], 'before training');
    await page.click('#train-start');
    await page.waitForFunction(() => ['done', 'stopped', 'error'].includes(document.querySelector('#train-panel')?.dataset.trainState), null, { timeout: TRAINING_MS });
    assert.equal(await page.$eval('#train-result', (e) => e.dataset.status), 'done');
    assert.deepEqual(await serious(), [], 'after training');
  });
});

// A text's x_t node draws its character and k=…: its name starts with both.
for (const demo of ['neuron', 'generate']) {
  test(`axe: the ${demo} demo, trained`, async () => {
    await withPage(browser, server.url, { hash: `#demo=${demo}` }, async (page, serious) => {
      await page.waitForSelector(`#demo-${demo}-body[data-phase="trained"]`, { timeout: TRAINING_MS });
      assert.deepEqual(await serious(), []);
    });
  });
}

test('the keyboard focus is drawn: a graph node and a heatmap column show a ring; Enter on a column steps there', async () => {
  await withPage(browser, server.url, { hash: '#cell=lstm&units=4&t=1' }, async (page) => {
    await page.waitForSelector('#views [data-symbol="c"]');
    for (const [sel, shape] of [['#graph g.node.kind-x.future[data-t="2"]', '.node-shape, .node-frame'], ['#heatmap .heat-col[data-t="3"]', '.heat-cell']]) {
      const target = page.locator(sel).first();
      const stroke = () => target.evaluate((e, s) => Math.max(...[...e.querySelectorAll(s)].map((c) => parseFloat(getComputedStyle(c).strokeWidth) || 0)), shape);
      const before = await stroke();
      await target.focus();
      assert.equal(await target.evaluate((e) => document.activeElement === e && e.matches(':focus-visible')), true, `${sel} focused`);
      const after = await stroke();
      assert.ok(after >= 2 && after > before, `${sel}: a ring drawn on focus (stroke ${before} → ${after})`);
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /[#&]t=3(&|$)/.test(location.hash));
  });
});

test('the unrolled graph is one Tab stop: ↑ ↓ move within a step, ← → step the page and take the focus along', async () => {
  await withPage(browser, server.url, { hash: '#cell=lstm&units=4&t=3' }, async (page) => {
    await page.waitForSelector('#graph g.node.kind-s[data-t="3"]');
    const inGraph = () => page.evaluate(() => document.querySelector('#graph .graph-svg').contains(document.activeElement));
    const focused = () => page.evaluate(() => {
      const e = document.activeElement;
      return { t: Number(e.dataset.t), kind: [...e.classList].find((c) => c.startsWith('kind-') || c.startsWith('w-')) };
    });
    // Only one of the graph's nodes and weights is in the Tab order: the current step's s_t.
    const stops = await page.$$eval('#graph .graph-svg [tabindex]', (els) => els.filter((e) => e.tabIndex >= 0).map((e) => e.getAttribute('class')));
    assert.equal(stops.length, 1, `graph stops: ${stops.join(' | ')}`);
    await page.focus('#view-toggle button[data-view="rolled"]');
    let presses = 0;
    while (!(await inGraph()) && presses < 80) {
      await page.keyboard.press('Tab');
      presses++;
    }
    assert.deepEqual(await focused(), { t: 3, kind: 'kind-s' });
    await page.keyboard.press('Tab');
    assert.equal(await inGraph(), false, 'one Tab leaves the graph');
    await page.keyboard.press('Shift+Tab');
    assert.deepEqual(await focused(), { t: 3, kind: 'kind-s' }, 'Shift+Tab comes back to it');
    // ↓ goes down the column, to the weights and x_t under s_t; ↑ comes back.
    await page.keyboard.press('ArrowDown');
    const below = await focused();
    assert.equal(below.t, 3);
    assert.notEqual(below.kind, 'kind-s');
    await page.keyboard.press('ArrowUp');
    assert.deepEqual(await focused(), { t: 3, kind: 'kind-s' });
    // → steps the page and the focus goes along; Tab comes back to where the focus was.
    await page.keyboard.press('ArrowRight');
    await waitHash(page, 't', 4);
    assert.deepEqual(await focused(), { t: 4, kind: 'kind-s' });
    await page.keyboard.press('End');
    await waitHash(page, 't', 10);
    assert.deepEqual(await focused(), { t: 10, kind: 'kind-s' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    assert.deepEqual(await focused(), { t: 10, kind: 'kind-s' });
  });
});
