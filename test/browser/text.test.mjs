// Text in the page: the Text data source (data=text:…) reads one character per step with x_t
// one-hot, the next-character view shows the engine's softmax after each character (the five
// most likely, the text's next character marked, and every character's probability, summing to
// 1), and the neuron demo (demo=neuron) trains its LSTM in the page, steps through "neuron" with
// the RNN beside the bigram baseline and says only what its numbers show. The probabilities on
// screen are `unroll predict`'s for the model file the page exports, to the digits shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openPage, waitHash, shotPath, BIN, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

// nextShown reads the next-character view: the step it shows, its five bars (character,
// vocabulary index, probability as shown and as sent, marked or not) and every character's probability.
const nextShown = (page) =>
  page.$eval('#next', (root) => ({
    t: [...root.querySelectorAll('.next-bars [data-symbol="y"]')].map((e) => Number(e.dataset.t)),
    bars: [...root.querySelectorAll('.next-bar')].map((li) => {
      const n = li.querySelector('[data-symbol="y"]');
      return { char: li.querySelector('.next-char').textContent, unit: Number(n.dataset.unit), text: n.textContent, value: Number(n.dataset.value), marked: li.classList.contains('next-true') };
    }),
    all: [...root.querySelectorAll('.next-all-list [data-symbol="y"]')].map((e) => ({ unit: Number(e.dataset.unit), value: Number(e.dataset.value) })),
  }));

// stepTo presses → until the view shows step t (waiting on the state, never on time).
async function stepTo(page, t) {
  await page.locator('#views').focus();
  for (;;) {
    const now = await page.$eval('#next .next-bars [data-symbol="y"]', (e) => Number(e.dataset.t));
    if (now === t) return;
    await page.keyboard.press(now < t ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForFunction((was) => Number(document.querySelector('#next .next-bars [data-symbol="y"]')?.dataset.t) !== was, now);
  }
}

test('the Text source reads one character per step: one-hot x_t, i = K (the vocabulary size), o_t at every step, the next character\'s distribution', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#cell=gru&units=4&seed=3&data=text:' + encodeURIComponent('我愛貓 neuron') });
  try {
    await page.waitForSelector('#next .next-bar');
    // Ten characters, ten steps, a vocabulary of nine: x_t is the character with its one 1.
    const xs = await page.$$eval('#graph .sym-x [data-symbol="x"]', (els) => els.map((e) => ({ t: Number(e.dataset.t), unit: Number(e.dataset.unit), value: Number(e.dataset.value) })));
    assert.equal(xs.length, 10);
    assert.ok(xs.every((x) => x.value === 1), 'x_t is drawn by its one 1');
    const chars = await page.$$eval('#graph .node-char', (els) => els.map((e) => e.textContent));
    assert.deepEqual(chars, [...'我愛貓 neuron']);
    assert.equal(await page.$eval('#params .param-value[data-param="i"]', (e) => Number(e.dataset.value)), 9, 'i = K, the vocabulary size');
    assert.equal(await page.$$eval('#graph .node.sym-y', (els) => els.length), 10, 'o_t at every step');
    assert.match(await page.$eval('#equation .eq-onehot', (e) => e.textContent), /U\s*x.*欄/);
    // Every step: the five bars are the five largest of the whole distribution, which sums to 1.
    for (const t of [1, 4, 9]) {
      await stepTo(page, t);
      const s = await nextShown(page);
      assert.equal(s.all.length, 9);
      const sum = s.all.reduce((a, b) => a + b.value, 0);
      assert.ok(Math.abs(sum - 1) < 1e-9, `step ${t}: the probabilities sum to ${sum}`);
      const sorted = [...s.all].sort((a, b) => b.value - a.value).slice(0, 5).map((p) => p.value);
      assert.deepEqual(s.bars.map((b) => b.value), sorted, `step ${t}: the bars are the five most likely`);
      assert.ok(s.t.every((k) => k === t));
      const next = [...'我愛貓 neuron'][t];
      const marked = s.bars.filter((b) => b.marked).map((b) => b.char);
      assert.ok(marked.length <= 1 && (marked.length === 0 || marked[0] === (next === ' ' ? '␣' : next)), `step ${t}: marked ${marked}`);
    }
    // The hash keeps the text, URL-encoded.
    assert.match(await page.evaluate(() => location.hash), /data=text:%E6%88%91%E6%84%9B%E8%B2%93%20neuron/);
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('the neuron demo trains in the page, its probabilities are unroll predict\'s and its captions match its numbers', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#demo=neuron&lang=zh-TW', viewport: { width: 1280, height: 800 } });
  try {
    await page.waitForSelector('#demo-neuron-body[data-phase="trained"] table.demo-compare tbody tr', { timeout: 240000 });
    await waitHash(page, 'model', 'trained');
    await waitHash(page, 'data', 'text:neuron');
    await page.waitForFunction(() => document.querySelectorAll('#demo-neuron-body tbody tr').length === 6);
    // The page's model file, read by the command line.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#model-io .io-export')]);
    const dir = mkdtempSync(path.join(tmpdir(), 'unroll-text-'));
    const file = path.join(dir, 'neuron.json');
    writeFileSync(file, readFileSync(await download.path()));
    const predicted = JSON.parse(execFileSync(BIN, ['predict', '--model', file, '--text', 'neuron', '--top', '5'], { encoding: 'utf8' }));
    assert.equal(predicted.steps.length, 6);
    for (const step of predicted.steps) {
      await stepTo(page, step.t);
      const s = await nextShown(page);
      assert.deepEqual(s.bars.map((b) => (b.char === '␣' ? ' ' : b.char)), step.next.map((n) => n.char), `step ${step.t}: the same five characters`);
      assert.deepEqual(s.bars.map((b) => b.text), step.next.map((n) => n.p.toFixed(3)), `step ${step.t}: the same probabilities, to the digits shown`);
      const sum = s.all.reduce((a, b) => a + b.value, 0);
      assert.ok(Math.abs(sum - 1) < 1e-9, `step ${step.t}: the probabilities sum to ${sum}`);
      // The comparison row and the caption of this step say what its numbers show.
      const row = await page.$eval(`#demo-neuron-body tbody tr[data-step="${step.t}"]`, (tr) => {
        const v = (role) => tr.querySelector(`[data-role="${role}"]`);
        return {
          rnnTop: Number(v('rnn-top').dataset.unit), bigramTop: Number(v('bigram-top').dataset.unit),
          rnnNext: v('rnn-next') && Number(v('rnn-next').dataset.value), bigramNext: v('bigram-next') && Number(v('bigram-next').dataset.value),
          nextUnit: v('rnn-next') && Number(v('rnn-next').dataset.unit), rnnTopText: v('rnn-top').textContent,
        };
      });
      assert.equal(row.rnnTopText, step.next[0].p.toFixed(3), 'the RNN\'s first choice is predict\'s');
      const caption = await page.$eval('#demo-neuron-body .demo-caption', (e) => e.textContent);
      if (step.t === 6) {
        assert.match(caption, /讀完了/);
        continue;
      }
      const right = (k) => k === row.nextUnit;
      if (right(row.rnnTop) && !right(row.bigramTop)) assert.match(caption, /RNN 讀過.*猜對了；bigram.*猜錯了/);
      else if (right(row.rnnTop) && right(row.bigramTop)) assert.match(caption, /兩者都猜對/);
      else if (right(row.bigramTop)) assert.match(caption, /bigram.*猜對了；RNN.*猜錯了/);
      else assert.match(caption, /都猜錯了/);
      assert.match(caption, row.rnnNext > row.bigramNext ? /高於/ : row.rnnNext < row.bigramNext ? /低於/ : /相同/);
      if (step.t === 4) {
        // At r the bigram table knows only "r"; the RNN remembers "neu" and puts the "o" of neuron first.
        assert.ok(right(row.rnnTop) && !right(row.bigramTop), 'at r the RNN is right and the bigram wrong');
        assert.match(caption, /讀過「neur」/);
      }
    }
    await page.screenshot({ path: shotPath('text-neuron-1280-zh') });
    await page.click('#lang-toggle');
    await waitHash(page, 'lang', 'en');
    await page.waitForFunction(() => /Step \d/.test(document.querySelector('#demo-neuron-body .demo-caption')?.textContent || ''));
    await page.screenshot({ path: shotPath('text-neuron-1280-en') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => document.documentElement.clientWidth === 390);
    await page.screenshot({ path: shotPath('text-neuron-390-en'), fullPage: true });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling on a phone');
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});
