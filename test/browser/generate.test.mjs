// The one-to-many demo (demo=generate): the page trains the neuron demo's LSTM, the engine writes
// gchars characters after one start character (greedy, or sampled with a temperature and a seed,
// all in the URL), and the step-through reads what it wrote: x_1 given, an arrow from every o_t to
// x_{t+1}, the softmax of o_t at every step. The probabilities on screen are `unroll predict`'s for
// the model file the page exports; greedy, every written character is predict's first choice;
// the same seed writes the same text; the captions say what the numbers show; the equation's
// one-hot x_t shows its 1 at every step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openPage, waitHash, hashState, shotPath, BIN, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const shown = (c) => (c === '␣' ? ' ' : c === '↵' ? '\n' : c);
// vis is a character as the page writes it (space and line break made visible), escaped for a RegExp.
const vis = (c) => (c === ' ' ? '␣' : c === '\n' ? '↵' : c).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// written waits until the panel shows a text other than before, and the URL's data is that text.
async function written(page, before = null) {
  await page.waitForFunction((was) => {
    const text = document.querySelector('#demo-generate-body')?.dataset.text;
    return text && text !== was && decodeURIComponent(location.hash).includes(`data=text:${text}&`);
  }, before);
  return page.$eval('#demo-generate-body', (e) => e.dataset.text);
}

// stepTo clicks step t in the panel's text and waits for the views to show it.
async function stepTo(page, t) {
  await page.click(`#demo-generate-body .gen-char[data-t="${t}"]`);
  await page.waitForFunction((k) => Number(document.querySelector('#next .next-bars [data-symbol="y"]')?.dataset.t) === k
    && document.querySelector('#demo-generate-body .gen-char.current')?.dataset.t === String(k), t);
}

// checkAgainstPredict steps through text and compares every step's five bars and the caption's
// numbers with `unroll predict` on the exported model file.
async function checkAgainstPredict(page, file, text, { greedy }) {
  const chars = [...text];
  const predicted = JSON.parse(execFileSync(BIN, ['predict', '--model', file, '--text', text, '--top', '5'], { encoding: 'utf8' }));
  assert.equal(predicted.steps.length, chars.length);
  for (const step of predicted.steps) {
    await stepTo(page, step.t);
    const bars = await page.$$eval('#next .next-bar', (lis) => lis.map((li) => {
      const n = li.querySelector('[data-symbol="y"]');
      return { char: li.querySelector('.next-char').textContent, text: n.textContent, value: Number(n.dataset.value), t: Number(n.dataset.t) };
    }));
    assert.deepEqual(bars.map((b) => shown(b.char)), step.next.map((n) => n.char), `step ${step.t}: the same five characters`);
    assert.deepEqual(bars.map((b) => b.text), step.next.map((n) => n.p.toFixed(3)), `step ${step.t}: the same probabilities, to the digits shown`);
    for (const [k, b] of bars.entries()) assert.ok(Math.abs(b.value - step.next[k].p) < 1e-9, `step ${step.t}: ${b.value} against ${step.next[k].p}`);
    // The equation's x_t never hides its one 1, whichever character the step reads.
    const hot = await page.evaluate((k) => {
      const x = document.querySelector(`#graph .node.sym-x [data-symbol="x"][data-t="${k}"]`);
      const e = document.querySelector(`#equation .vec.sym-x [data-symbol="x"][data-unit="${x.dataset.unit}"]`);
      return e && { value: Number(e.dataset.value), shown: e.getClientRects().length > 0 && e.textContent.trim() !== '' };
    }, step.t);
    assert.ok(hot && hot.value === 1 && hot.shown, `step ${step.t}: the equation shows x_t's 1 (${JSON.stringify(hot)})`);
    const caption = await page.$eval('#demo-generate-body .gen-caption', (e) => ({
      text: e.textContent, nums: [...e.querySelectorAll('[data-symbol="y"]')].map((n) => ({ t: Number(n.dataset.t), value: Number(n.dataset.value) })),
    }));
    assert.match(caption.text, step.t === 1 ? /x_1 =「n」是唯一給定的字元/ : new RegExp(`x_${step.t} =「${vis(chars[step.t - 1])}」是 o_${step.t - 1} 選出的字元`));
    for (const n of caption.nums) assert.equal(n.t, step.t, 'the caption\'s numbers are this step\'s');
    if (step.t === chars.length) {
      assert.match(caption.text, /生成到此為止/);
      assert.equal(caption.nums[0].value, bars[0].value, 'the end names the most likely character');
      continue;
    }
    const next = chars[step.t];
    const p = predicted.steps[step.t - 1].next.find((n) => n.char === next)?.p;
    if (greedy) {
      assert.equal(step.next[0].char, next, `step ${step.t}: greedy wrote predict's first choice`);
      assert.match(caption.text, new RegExp(`最可能的字元是「${vis(next)}」`));
    } else {
      assert.match(caption.text, new RegExp(`抽出「${vis(next)}」`));
      assert.match(caption.text, step.next[0].char === next ? /正是最可能的字元/ : /最可能的是/);
    }
    if (p !== undefined) assert.ok(Math.abs(caption.nums[0].value - p) < 1e-9, `step ${step.t}: the caption gives the written character ${caption.nums[0].value}, predict ${p}`);
  }
}

test('the one-to-many demo writes from one character, feeds each output back, and its probabilities are unroll predict\'s', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#demo=generate&gchars=9&lang=zh-TW', viewport: { width: 1280, height: 800 } });
  try {
    await page.waitForSelector('#demo-generate-body[data-phase="trained"]', { timeout: 240000 });
    const greedy = await written(page);
    assert.equal([...greedy].length, 10, 'the start character and 9 written');
    assert.equal(greedy[0], 'n');
    await waitHash(page, 'model', 'trained');
    // The sidebar's step count is the run's: the start character and the 9 written, as the scrubber has them.
    await page.waitForSelector('#steps-note:not([hidden])');
    assert.equal(await page.textContent('#steps-note'), '這個示範給 1 個開頭字元、生成 9 個字元：T = 10 個時間步；TIME_STEPS 用於股價視窗與正弦波。');
    assert.equal(await page.getAttribute('#pb-scrub', 'max'), '10');
    assert.equal(await page.getAttribute('#steps', 'aria-describedby'), 'steps-note');
    // x_1 alone is given: one arrow from each o_t to x_{t+1}, none into x_1.
    const arrows = await page.$$eval('#graph g.edge.feedback', (gs) => gs.map((g) => Number(g.dataset.t)));
    assert.deepEqual(arrows, [2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const xs = await page.$$eval('#graph .node.sym-x .node-char', (ts) => ts.map((e) => e.textContent).join(''));
    assert.equal(xs, greedy, 'the inputs are the text written');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#model-io .io-export')]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'unroll-gen-')), 'neuron.json');
    writeFileSync(file, readFileSync(await download.path()));
    await checkAgainstPredict(page, file, greedy, { greedy: true });
    await page.screenshot({ path: shotPath('generate-greedy-1280-zh') });

    // Sampled: the temperature and the seed go to the URL; the same seed writes the same text.
    await page.check('#demo-generate-body input[value="sampled"]');
    await waitHash(page, 'gtemp', '1');
    const sampled = await written(page, greedy);
    await page.fill('#gen-seed', '2');
    await page.press('#gen-seed', 'Enter');
    await waitHash(page, 'gseed', '2');
    const other = await written(page, sampled);
    await page.fill('#gen-seed', '1');
    await page.press('#gen-seed', 'Enter');
    assert.equal(await written(page, other), sampled, 'seed 1 writes the same text again');
    await checkAgainstPredict(page, file, sampled, { greedy: false });
    const state = await hashState(page);
    assert.equal(state.demo, 'generate');
    assert.equal(state.gtemp, '1');
    assert.equal(state.gchars, '9');
    await page.screenshot({ path: shotPath('generate-sampled-1280-zh') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => document.documentElement.clientWidth === 390);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling on a phone');
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test("a text's length, not TIME_STEPS, sets T, and the sidebar says so; a sine wave has no such note", async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#data=text:hello&steps=10&lang=en' });
  try {
    await page.waitForSelector('#steps-note:not([hidden])');
    assert.equal(await page.textContent('#steps-note'), 'The text has 5 characters: T = 5 steps; TIME_STEPS sets the price window and the sine.');
    assert.equal(await page.getAttribute('#pb-scrub', 'max'), '5');
    await page.evaluate(() => { location.hash = '#data=sine&steps=10&lang=en'; });
    await page.waitForSelector('#steps-note[hidden]', { state: 'attached' });
    assert.equal(await page.getAttribute('#pb-scrub', 'max'), '10');
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('a long text in narrow columns: the k=… captions under x_t do not run into each other; the current step\'s shows', async () => {
  const text = encodeURIComponent('ne character neuron r');
  for (const [width, height] of [[1024, 768], [390, 844]]) {
    const { page, context, problems } = await openPage(browser, server.url, { hash: `#cell=lstm&units=4&data=text:${text}&t=5&lang=en`, viewport: { width, height } });
    try {
      await page.waitForSelector('#graph .node.sym-x[data-t="5"] .node-caption');
      const boxes = await page.$$eval('#graph .node.sym-x .node-caption', (cs) => cs.filter((c) => c.getClientRects().length && getComputedStyle(c).display !== 'none' && c.getAttribute('display') !== 'none')
        .map((c) => { const b = c.getBoundingClientRect(); return { t: Number(c.parentNode.dataset.t), left: b.left, right: b.right }; }));
      assert.ok(boxes.some((b) => b.t === 5), `${width} px: the current step's caption shows`);
      const sorted = boxes.sort((a, b) => a.left - b.left);
      for (let k = 1; k < sorted.length; k++) assert.ok(sorted[k].left >= sorted[k - 1].right, `${width} px: the captions of steps ${sorted[k - 1].t} and ${sorted[k].t} overlap`);
      assert.deepEqual(problems, [], 'no console errors');
    } finally {
      await context.close();
    }
  }
});
