// The order demo (#demo=order): 我愛貓 and 貓愛我 have one bag of words, so the feed-forward
// network's outputs on screen are equal, while the recurrent network's differ and give the two
// sentences different classes; every number equals the engine's answer for the same model
// (fixtures/order-rnn.json, which go test ./wasm/bridge/ keeps equal to order_demo). The four
// shapes are drawn with their links; a phone needs no sideways scrolling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, useServerAndBrowser, withPage as shared, shotPath, waitHash } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const withPage = (hash, viewport, fn) => shared(browser, server.url, { hash, viewport }, fn);
const fixture = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/browser/fixtures/order-rnn.json'), 'utf8'));

// orderNumbers reads the demo's DOM numbers: {symbol, t, unit, value, net, sentence}.
const orderNumbers = (page) => page.$$eval('#demo-order [data-symbol][data-value]', (els) => els.map((e) => ({
  symbol: e.dataset.symbol,
  t: e.dataset.t === undefined ? null : Number(e.dataset.t),
  unit: Number(e.dataset.unit),
  value: Number(e.dataset.value),
  net: e.dataset.net || null,
  sentence: Number(e.dataset.sentence),
  text: e.textContent,
})));

const ready = (page) => page.waitForSelector('#demo-order[data-state="ready"]');
const pick = (nums, symbol, net, sentence) => nums.filter((n) => n.symbol === symbol && n.net === net && n.sentence === sentence).sort((a, b) => a.unit - b.unit);
// Go computes both sides (native for the fixture, WebAssembly in the page): the last bits may differ.
const close = (got, want, what) => assert.ok(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${what}: page ${got}, engine ${want}`);

test('feed-forward outputs equal, recurrent outputs differ, as the engine computed them', async () => {
  await withPage('#demo=order', { width: 1280, height: 800 }, async (page) => {
    await ready(page);
    assert.equal(await page.isVisible('.layout'), false, 'the step-through views give way to the demo');
    assert.equal(await page.getAttribute('#demo-toggle', 'aria-pressed'), 'true');
    const nums = await orderNumbers(page);
    const [a, b] = fixture.sentences;
    assert.equal(a.text, '我愛貓');
    assert.equal(b.text, '貓愛我');
    assert.deepEqual(await page.$$eval('.order-pair .order-text', (els) => els.map((e) => e.textContent)), [a.text, b.text]);

    const ffA = pick(nums, 'y', 'ff', 0).map((n) => n.value);
    const ffB = pick(nums, 'y', 'ff', 1).map((n) => n.value);
    const rnnA = pick(nums, 'y', 'rnn', 0);
    const rnnB = pick(nums, 'y', 'rnn', 1);
    assert.equal(ffA.length, 2);
    assert.deepEqual(ffA, ffB, 'the feed-forward network answers the two sentences alike');
    assert.equal(rnnA.length, 2);
    assert.notDeepEqual(rnnA.map((n) => n.value), rnnB.map((n) => n.value), 'the recurrent network answers them differently');
    const argmax = (ns) => ns.reduce((m, n) => (n.value > m.value ? n : m)).unit;
    assert.notEqual(argmax(rnnA), argmax(rnnB), 'different classes');
    assert.equal(argmax(rnnA), a.label);
    assert.equal(argmax(rnnB), b.label);
    assert.deepEqual(pick(nums, 'x', 'bag', 0).map((n) => n.value), pick(nums, 'x', 'bag', 1).map((n) => n.value), 'one bag of words');

    // Every number equals the engine's.
    let checked = 0;
    fixture.sentences.forEach((s, k) => {
      for (const [symbol, net, field] of [['y', 'ff', 'feed_forward'], ['y', 'rnn', 'recurrent'], ['x', 'bag', 'bag']]) {
        for (const n of pick(nums, symbol, net, k)) {
          close(n.value, s[field][n.unit], `${s.text} ${net} ${n.unit}`);
          checked++;
        }
      }
      for (const n of pick(nums, 'h', null, k)) {
        assert.equal(n.t, s.tokens.length, 's_T is the state after the last character');
        close(n.value, s.final[n.unit], `${s.text} s_T ${n.unit}`);
        checked++;
      }
    });
    assert.equal(pick(nums, 'h', null, 0).length, a.final.length);
    assert.ok(checked >= 2 * (2 + 2 + fixture.vocab.length + a.final.length) + 2 * (fixture.sentences.length - 2), `${checked} numbers checked`);
    assert.equal(checked, nums.length, 'every number on the demo is one of the engine’s');

    // ← → Home End step the hidden states back from s_T, as in the other views: every s_t is the engine's.
    const T = a.tokens.length;
    for (const [key, k] of [['ArrowLeft', T - 1], ['Home', 1], ['ArrowRight', 2], ['End', T]]) {
      await page.keyboard.press(key);
      await page.waitForSelector(`#demo-order .order-final[data-step="${k}"]`);
      const hs = await orderNumbers(page);
      for (const [n, s] of [a, b].entries()) {
        const shown = pick(hs, 'h', null, n);
        assert.equal(shown.length, a.final.length);
        for (const h of shown) {
          assert.equal(h.t, k, `${key}: the states after step ${k}`);
          close(h.value, s.states[k - 1][h.unit], `${s.text} s_${k} ${h.unit}`);
        }
      }
    }
    assert.match(await page.textContent('#demo-order .order-final caption'), new RegExp(`第 ${T} / ${T} 步`));

    // Captions say what the numbers show.
    const cap = (name) => page.textContent(`[data-cap="${name}"]`);
    assert.match(await cap('ff'), new RegExp(`${ffA[0].toFixed(3)} 和 ${ffB[0].toFixed(3)}`));
    assert.match(await cap('rnn'), /「我愛貓」判為「我」是主詞.*「貓愛我」判為「我」是受詞/);
    await page.screenshot({ path: shotPath('order-1280-zh-TW') });
  });
});

test('the four shapes, each linked to its demo; a phone scrolls only down', async () => {
  await withPage('#demo=order&lang=en', { width: 390, height: 844 }, async (page) => {
    await ready(page);
    const shapes = await page.$$eval('#shapes .shape', (els) => els.map((e) => ({
      id: e.dataset.shape,
      inputs: e.querySelectorAll('[data-node^="x_"]').length,
      outputs: e.querySelectorAll('[data-node^="o_"]').length,
      states: e.querySelectorAll('[data-node^="s_"]').length,
      href: e.querySelector('a.shape-link').getAttribute('href'),
    })));
    assert.deepEqual(shapes, [
      { id: 'one_one', inputs: 1, outputs: 1, states: 1, href: '#demo=order' },
      { id: 'one_many', inputs: 1, outputs: 3, states: 3, href: '#demo=generate' },
      { id: 'many_one', inputs: 3, outputs: 1, states: 3, href: '#demo=order' },
      { id: 'many_many', inputs: 3, outputs: 3, states: 3, href: '#demo=neuron' },
    ]);
    assert.match(await page.textContent('#shapes'), /translation/);
    assert.match(await page.textContent('#shapes'), /speech classification/);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'no sideways scrolling');
    await page.screenshot({ path: shotPath('order-390-en'), fullPage: true });

    // The header button leaves the demo and comes back to it.
    await page.click('#demo-toggle');
    await page.waitForSelector('#demo-mode', { state: 'hidden' });
    await waitHash(page, 'cell', 'rnn');
    assert.ok(!(await page.evaluate(() => location.hash)).includes('demo='), 'the hash drops the demo');
    await page.click('#demo-toggle');
    await page.waitForSelector('#demo-mode', { state: 'visible' });
    await waitHash(page, 'demo', 'order');
  });
});

test('another cell: the demo asks the engine again, and the feed-forward outputs stay equal', async () => {
  await withPage('#demo=order&lang=en', { width: 1024, height: 768 }, async (page) => {
    await ready(page);
    const before = pick(await orderNumbers(page), 'y', 'rnn', 0).map((n) => n.value);
    await page.click('.demo-cells button:has-text("LSTM")');
    await waitHash(page, 'cell', 'lstm');
    await page.waitForFunction(() => document.querySelector('#demo-order[data-state="ready"] .demo-task')?.textContent.includes('LSTM'));
    assert.equal(await page.getAttribute('.demo-cells button:has-text("LSTM")', 'aria-pressed'), 'true');
    const nums = await orderNumbers(page);
    assert.notDeepEqual(pick(nums, 'y', 'rnn', 0).map((n) => n.value), before, 'the LSTM answers with its own numbers');
    assert.deepEqual(pick(nums, 'y', 'ff', 0).map((n) => n.value), pick(nums, 'y', 'ff', 1).map((n) => n.value));
    assert.match(await page.textContent('[data-cap="right"]'), /answers \d+ of 12 sentences right/);
  });
});

test('left, the demo gives the step keys back: ← → Home End step the unrolled views again', async () => {
  await withPage('#demo=order&t=2', { width: 1366, height: 768 }, async (page) => {
    await ready(page);
    await page.click('#demo-toggle');
    await page.waitForFunction(() => !/[#&]demo=/.test(location.hash));
    await page.waitForSelector('#graph .graph-svg');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await waitHash(page, 't', 3);
    await page.keyboard.press('End');
    await waitHash(page, 't', 10);
    await page.keyboard.press('Home');
    await waitHash(page, 't', 1);
  });
});
