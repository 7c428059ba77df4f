// Stepping rewrites the views in place (a change of t alone rebuilds nothing):
// the same elements stay on the page, their numbers follow the step and still
// equal `unroll trace`; and the graph's head holds no stray text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, numbers, cliTrace, compareWithCli, waitHash, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

test('keys step through the views in place, and every number still equals the CLI', async () => {
  const input = [0.3, -0.1, 0.8, 0.5];
  for (const cell of ['rnn', 'lstm', 'gru']) {
    const { page, context, problems } = await openPage(browser, server.url, { hash: `#cell=${cell}&units=3&seed=2&data=seq:${input.join(',')}&t=1` });
    try {
      await page.click('#equation .eq-expand'); // the products behind U x_t and W s_{t−1} too
      await page.waitForSelector('#equation .expansion');
      // Mark the elements drawn at t = 1.
      await page.evaluate(() => {
        globalThis.__kept = ['#equation .eq-block', '#equation .expansion .num', '#cell .cell-value .num', '#graph .node.kind-s', '#heatmap .heat-cell', '#equation .unit-chip']
          .map((sel) => document.querySelector(sel));
      });
      const found = await numbers(page);
      await page.locator('main').click({ position: { x: 5, y: 5 } });
      for (let t = 2; t <= input.length; t++) {
        await page.keyboard.press('ArrowRight');
        await waitHash(page, 't', t);
        found.push(...(await numbers(page)));
      }
      const same = await page.evaluate(() => globalThis.__kept.map((n) => n !== null && n.isConnected));
      assert.deepEqual(same, [true, true, true, true, true, true], `${cell}: the elements of t = 1 are still the ones on the page`);
      const res = compareWithCli(found, cliTrace({ cell, units: 3, seed: 2, input }), assert);
      assert.ok(res.checked > 40, `${cell}: ${res.checked} numbers checked`);
      const head = await page.textContent('#graph .view-head');
      assert.ok(!/null|undefined/.test(head), `graph head: ${head}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});
