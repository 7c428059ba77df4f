// Train mode with a Text source (data=text:…): the page trains a next-character model (many to
// many) on the text, the same TextJob as `unroll train --text`: its loss, val_loss and held-out
// accuracy beside the bigram baseline's are the command line's for the same text and settings,
// the captions follow those numbers, the Keras code is the text model's, and the trained model is
// exported as an Unroll model file whose predictions are the step-through's.
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

const TEXT = 'a neuron reads a number and fires. a neural network is many neurons. a recurrent network reads one character at a time and remembers the state. 我愛貓，貓愛我。';

test('a Text source trains a next-character model: the command line\'s numbers, captions from them, Keras code and a model file', async () => {
  const hash = `#mode=train&data=text:${encodeURIComponent(TEXT)}&tcell=gru&tunits=8&tsteps=6&tepochs=3&lang=zh-TW`;
  const { page, context, problems } = await openPage(browser, server.url, { hash, viewport: { width: 1280, height: 900 } });
  try {
    await page.waitForSelector('#train-text', { state: 'visible' });
    assert.equal(await page.$eval('#train-text', (e) => e.value), TEXT, 'the card holds the data\'s text');
    assert.equal(await page.isVisible('#train-panel .train-stock'), false, 'no stock to pick for a text');
    // The Keras code of the text model, with the same text.
    await page.waitForFunction(() => /return_sequences=True/.test(document.querySelector('#train-code code')?.textContent || ''));
    const code = await page.$eval('#train-code code', (e) => e.textContent);
    for (const line of ['GRU(8, return_sequences=True, input_shape=(TIME_STEPS, VOCAB))', "Dense(VOCAB, activation='softmax')", "loss='categorical_crossentropy'", 'TIME_STEPS = 6', `text = ${JSON.stringify(TEXT)}`, 'epochs=3, batch_size=32']) {
      assert.ok(code.includes(line), `the Keras code has ${line}`);
    }

    await page.click('#train-start');
    await page.waitForSelector('#train-panel[data-train-state="done"]', { timeout: 180000 });
    await page.waitForSelector('#train-textscore [data-symbol="accuracy"]');
    const shown = await page.$eval('#train-textscore', (root) => {
      const v = (s) => Number(root.querySelector(`[data-symbol="${s}"]`).dataset.value);
      return { accuracy: v('accuracy'), baseline: v('baseline_accuracy'), loss: v('loss'), val: v('val_loss'), caps: [...root.querySelectorAll('.tv-caption')].map((p) => ({ cap: p.dataset.cap, text: p.textContent })) };
    });

    // The command line trains the same model on the same text.
    const dir = mkdtempSync(path.join(tmpdir(), 'unroll-train-text-'));
    writeFileSync(path.join(dir, 'text.txt'), TEXT);
    const out = execFileSync(BIN, ['train', '--text', path.join(dir, 'text.txt'), '--cell', 'gru', '--units', '8', '--steps', '6', '--epochs', '3',
      '--seed', '1', '--batch', '32', '--lr', '0.001', '--optimizer', 'adam', '--out', path.join(dir, 'cli.json')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const cli = JSON.parse(out.trim().split('\n').pop());
    assert.equal(cli.epochs.length, 3);
    const last = cli.epochs[2];
    const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    assert.ok(close(shown.loss, last.loss), `loss: page ${shown.loss}, command line ${last.loss}`);
    assert.ok(close(shown.val, last.val_loss), `val_loss: page ${shown.val}, command line ${last.val_loss}`);
    assert.ok(close(shown.accuracy, cli.accuracy), `accuracy: page ${shown.accuracy}, command line ${cli.accuracy}`);
    assert.ok(close(shown.baseline, cli.baseline_accuracy), `baseline: page ${shown.baseline}, command line ${cli.baseline_accuracy}`);
    assert.match(await page.$eval('#train-textscore', (e) => e.textContent), new RegExp(`字彙表大小 K = ${cli.vocab}（`));
    // The captions say what the numbers show.
    const [acc, loss] = shown.caps;
    assert.equal(acc.cap, shown.accuracy > shown.baseline ? 'above' : shown.accuracy < shown.baseline ? 'below' : 'same');
    assert.ok(acc.text.includes(shown.accuracy.toFixed(3)) && acc.text.includes(shown.baseline.toFixed(3)), acc.text);
    assert.equal(loss.cap, shown.val > shown.loss ? 'val_above' : shown.val < shown.loss ? 'val_below' : 'val_same');
    await page.screenshot({ path: shotPath('train-text-1280-zh') });

    // The trained model is the step-through's, on the start of the text; the card keeps the whole text.
    await waitHash(page, 'model', 'trained');
    const sample = [...TEXT].slice(0, 40).join('');
    assert.equal((await hashState(page)).data, `text:${sample}`);
    assert.equal(await page.$eval('#train-text', (e) => e.value), TEXT);
    // Its model file predicts what the step-through shows.
    await page.click('#train-step-through');
    await page.waitForSelector('html[data-mode="step"]');
    await page.waitForSelector('#next .next-bar');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#model-io .io-export')]);
    const file = path.join(dir, 'page.json');
    writeFileSync(file, readFileSync(await download.path()));
    const predicted = JSON.parse(execFileSync(BIN, ['predict', '--model', file, '--text', sample, '--top', '5'], { encoding: 'utf8' }));
    const bars = await page.$$eval('#next .next-bar [data-symbol="y"]', (ns) => ns.map((n) => ({ t: Number(n.dataset.t), text: n.textContent })));
    assert.deepEqual(bars.map((b) => b.t), [1, 1, 1, 1, 1]);
    assert.deepEqual(bars.map((b) => b.text), predicted.steps[0].next.map((n) => n.p.toFixed(3)), 'step 1: predict\'s probabilities');
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});
