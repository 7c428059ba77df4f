// prefers-reduced-motion: under "reduce" a step is drawn final at once: no D3 transition is
// started (config.js animate), no element runs a CSS transition or animation, nothing plays by
// itself; the numbers are those of the new step. Without the preference the same step does
// start transitions (so the test can tell the two apart).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, withPage as shared, waitHash } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const HASH = '#cell=lstm&units=3&seed=2&data=seq:0.5,-0.2,0.8,0.1,-0.6&t=2';
const withPage = (reducedMotion, fn) => shared(browser, server.url, { hash: HASH, reducedMotion, viewport: { width: 1280, height: 800 } }, fn);

// countTransitions makes the page count every D3 transition started from now on. The page's d3 is
// bundled, not a global, so the count comes from where D3 keeps an element's transitions: the first
// transition scheduled on an element sets its __transition (deleted again when they end), which a
// setter on Element.prototype sees.
const countTransitions = (page) =>
  page.evaluate(() => {
    globalThis.__transitions = 0;
    Object.defineProperty(Element.prototype, '__transition', {
      configurable: true,
      get() { return undefined; },
      set(v) {
        globalThis.__transitions++;
        Object.defineProperty(this, '__transition', { value: v, writable: true, configurable: true, enumerable: true });
      },
    });
  });

// motion reads what moves now: D3 transitions started, D3 transitions scheduled on elements, running animations.
const motion = (page) =>
  page.evaluate(() => ({
    started: globalThis.__transitions,
    scheduled: [...document.querySelectorAll('*')].filter((e) => e.__transition && Object.keys(e.__transition).length).length,
    animations: document.getAnimations().map((a) => `${a.constructor.name} ${a.transitionProperty || a.animationName || ''} on ${a.effect?.target?.id || a.effect?.target?.getAttribute?.('class') || a.effect?.target?.tagName}`),
  }));

// step presses → and waits for step t to be drawn as the current one.
async function step(page, t) {
  await page.keyboard.press('ArrowRight');
  await waitHash(page, 't', t);
  await page.waitForSelector(`#graph .node.current[data-t="${t}"]`);
  await page.waitForSelector(`#cell [data-symbol="h"][data-t="${t}"]`);
}

test('with reduced motion a step is final at once: no transition, no animation, nothing plays', async () => {
  await withPage('reduce', async (page) => {
    assert.equal(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), true);
    assert.equal(await page.getAttribute('#pb-play', 'aria-pressed'), 'false', 'nothing plays by itself');
    await countTransitions(page);
    for (const t of [3, 4]) {
      await step(page, t);
      const m = await motion(page);
      assert.deepEqual(m, { started: 0, scheduled: 0, animations: [] }, `after the step to t=${t}`);
    }
    // The step's numbers are there at once: the cell shows s_4 of the trace the graph draws.
    const cell = await page.$eval('#cell [data-symbol="h"][data-t="4"][data-unit="0"]', (e) => e.dataset.value);
    const graph = await page.$eval('#views [data-symbol="h"][data-t="4"][data-unit="0"]', (e) => e.dataset.value);
    assert.equal(cell, graph);
    // The CSS of moving parts has no duration left.
    const durations = await page.$$eval('#graph .node, #graph .edge, .heat-col', (els) => [...new Set(els.map((e) => getComputedStyle(e).transitionDuration))]);
    assert.ok(durations.every((d) => d.split(',').every((x) => parseFloat(x) === 0)), `transition durations: ${durations}`);
    assert.equal(await page.getAttribute('#pb-play', 'aria-pressed'), 'false');
  });
});

test('without the preference the same step is animated', async () => {
  await withPage('no-preference', async (page) => {
    await countTransitions(page);
    await step(page, 3);
    const m = await motion(page);
    assert.ok(m.started > 0, `D3 transitions started: ${m.started}`);
  });
});
