// Hostile files through the model card's file picker: a 50 MB JSON file, a
// JSON nested 100,000 deep, a .bin shorter than its model.json declares, shards
// above their limit, and models with 10^6 units (an Unroll model file and a
// TF.js model.json). Each gets a message naming the problem (zh-TW, the page's
// language), the page's memory does not grow by the file, and the engine still
// answers: it stays ready and a step still moves s_t.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, withPage, useServerAndBrowser, waitHash } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const LIMITS = fs.readFileSync(path.join(ROOT, 'static/gen/limits.js'), 'utf8');
const modelMB = JSON.parse(/"modelBytes":(\d+)/.exec(LIMITS)[1]) / 2 ** 20;
const shardMB = JSON.parse(/"shardBytes":(\d+)/.exec(LIMITS)[1]) / 2 ** 20;

const fixture = (name, dir = 'lstm') => fs.readFileSync(path.join(ROOT, 'testdata/tfjs', dir, name));
const file = (name, buffer, mimeType = 'application/json') => ({ name, mimeType, buffer: Buffer.from(buffer) });

// big writes a file of size bytes (JSON: an array of zeros) into a temporary
// directory: Playwright takes buffers only below 50 MB.
function big(dir, name, size) {
  const p = path.join(dir, name);
  const fd = fs.openSync(p, 'w');
  const chunk = Buffer.from('0,'.repeat(1 << 19));
  fs.writeSync(fd, '[');
  for (let n = 1; n < size - 2; n += chunk.length) fs.writeSync(fd, chunk, 0, Math.min(chunk.length, size - 2 - n));
  fs.writeSync(fd, '0]');
  fs.closeSync(fd);
  return p;
}

// copy puts the fixture's file into dir (paths and buffers do not mix in one setInputFiles).
function copy(dir, name) {
  fs.writeFileSync(path.join(dir, name), fixture(name));
  return path.join(dir, name);
}

function tfjsModel(edit) {
  const mj = JSON.parse(fixture('model.json'));
  edit(mj);
  return JSON.stringify(mj);
}

const unrollFile = (units) => JSON.stringify({
  format: 'unroll-model', version: 1,
  layers: [
    { type: 'LSTM', units, input_dim: 1, activation: 'tanh', weights: { kernel: [[0]], recurrent_kernel: [[0]], bias: [0] } },
    { type: 'Dense', units: 1, activation: 'linear', weights: { kernel: [[0]], bias: [0] } },
  ],
});

// heapMB is the page's used JavaScript heap after a garbage collection.
async function heapMB(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
}

test('hostile model files get a message naming the problem, and the engine keeps working', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unroll-hostile-'));
  const cases = [
    ['a 50 MB JSON file', () => [big(dir, 'huge.json', 50 * 2 ** 20)], new RegExp(`huge\\.json」有 50\\.0 MB，超過模型檔的上限 ${modelMB} MB，沒有讀取`)],
    ['shards above their limit', () => [copy(dir, 'model.json'), big(dir, 'weights.bin', (shardMB + 1) * 2 ** 20)],
      new RegExp(`權重檔（\\.bin）合計 ${shardMB + 1}\\.0 MB，超過上限 ${shardMB} MB`)],
    ['JSON nested 100,000 deep', () => [file('nested.json', '['.repeat(100000) + ']'.repeat(100000))], /這不是 Unroll 能讀取的模型檔：.*exceeded max depth/],
    ['a .bin shorter than model.json declares', () => [file('model.json', fixture('model.json')), file('weights.bin', fixture('weights.bin').subarray(0, 200), 'application/octet-stream')],
      /權重的形狀與模型層不符：.*shards hold 200 bytes/],
    ['an Unroll model file with 10^6 units', () => [file('million.json', unrollFile(1e6))], /模型超出 Unroll 接受的範圍：.*units 1000000 out of range 1\.\.1024/],
    ['a TF.js model with 10^6 units', () => [file('model.json', tfjsModel((mj) => { mj.modelTopology.config.layers[0].config.units = 1e6; })), file('weights.bin', fixture('weights.bin'), 'application/octet-stream')],
      /模型超出 Unroll 接受的範圍：.*units 1000000 is above the limit of 1024/],
    ['a TF.js weight of shape [1e9, 4]', () => [file('model.json', tfjsModel((mj) => { mj.weightsManifest[0].weights[0].shape = [1e9, 4]; })), file('weights.bin', fixture('weights.bin'), 'application/octet-stream')],
      /模型超出 Unroll 接受的範圍：.*dimension 1000000000 is not in 0\.\.4096/],
  ];
  try {
    await withPage(browser, server.url, { hash: '#data=seq:0.3,-0.1,0.8,0.5,0.9&units=3&t=1' }, async (page) => {
      const cdp = await page.context().newCDPSession(page);
      const s = (t) => page.$eval(`#cell [data-symbol="h"][data-t="${t}"][data-unit="0"]`, (e) => Number(e.dataset.value));
      await page.waitForSelector('#cell [data-symbol="h"][data-t="1"]');
      const heapBefore = await heapMB(cdp);
      let t = 1;
      for (const [name, files, message] of cases) {
        const msg = page.locator('#model-io .io-message');
        await page.setInputFiles('#model-io input.io-file', files());
        await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#model-io .io-message.error')?.textContent || ''), message.source);
        const text = await msg.textContent();
        assert.match(text, /^無法匯入 .+，目前的模型保持不變。/, `${name}: ${text}`);
        // The engine still answers: ready, the seeded model still on screen, and a step moves s_t.
        assert.equal(await page.getAttribute('html', 'data-engine'), 'ready', name);
        assert.equal(await page.getAttribute('#model-io .model-source', 'data-source'), 'seed', name);
        const before = await s(t);
        await page.locator('main').click({ position: { x: 5, y: 5 } });
        await page.keyboard.press(t < 5 ? 'ArrowRight' : 'Home');
        t = t < 5 ? t + 1 : 1;
        await waitHash(page, 't', t);
        await page.waitForSelector(`#cell [data-symbol="h"][data-t="${t}"]`);
        assert.notEqual(await s(t), before, `${name}: s_t moved with the step`);
      }
      // Refused by size, the large files were never read into the page.
      const heapAfter = await heapMB(cdp);
      assert.ok(heapAfter - heapBefore < 16, `the page's heap grew from ${heapBefore.toFixed(1)} MB to ${heapAfter.toFixed(1)} MB`);
      // And a good model (one input per step, as the data on screen) still imports after them.
      const good = (name) => fixture(name, 'functional_lstm');
      await page.setInputFiles('#model-io input.io-file', [file('model.json', good('model.json')), file('weights.bin', good('weights.bin'), 'application/octet-stream')]);
      await page.waitForSelector('#model-io .io-message.ok', { state: 'attached' });
      assert.equal(await page.getAttribute('#model-io .model-source', 'data-source'), 'imported', await page.textContent('#model-io .io-message'));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
