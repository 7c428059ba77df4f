// The engine's two builds in its worker (static/engine/worker.js): first.wasm
// answers the first view; the first operation it does not have loads
// app.wasm, which takes over with the model first.wasm held and gives the
// same numbers. If app.wasm cannot be loaded, that operation says so (in
// both languages) and the first engine goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { useServerAndBrowser, waitReady } from './helpers.mjs';
import { engineCalls } from './memory-engine.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const SPEC = { spec: { cell: 'lstm', units: 3, seed: 7, steps: 10 } };
const INPUT = { input: { kind: 'seq', text: '0.3,-0.1,0.8,0.5' } };

// open loads the page (which runs its own engine) and records the requests for
// app.wasm, the workers' included.
async function open(route = null) {
  const context = await browser.newContext();
  context.setDefaultTimeout(60000);
  if (route) await context.route('**/gen/app.wasm', route);
  const whole = [];
  context.on('request', (req) => {
    if (new URL(req.url()).pathname === '/gen/app.wasm') whole.push(req.url());
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.goto(server.url);
  await waitReady(page);
  return { context, page, whole, problems };
}

test('the first operation first.wasm lacks loads app.wasm, which holds the same model and gives the same numbers', async () => {
  const { context, page, whole, problems } = await open();
  try {
    const before = await engineCalls(page, [['set_model', SPEC], ['trace', INPUT], ['info', {}]]);
    assert.ok(before.every((a) => a.ok), JSON.stringify(before.map((a) => a.error)));
    assert.deepEqual(whole, [], 'set_model, trace and info need only first.wasm');

    // Sent together: the export waits for app.wasm, and the trace after it waits for the export.
    const after = await engineCalls(page, [['set_model', SPEC], ['trace', INPUT], ['export_model', {}], ['trace', INPUT], ['info', {}]]);
    assert.ok(after.every((a) => a.ok), JSON.stringify(after.map((a) => a.error)));
    assert.equal(whole.length, 1, 'app.wasm fetched once');
    const file = JSON.parse(after[2].result.file);
    assert.equal(JSON.stringify(after[2].result.model), JSON.stringify(before[2].result.model), 'the exported model is the one set');
    assert.ok(JSON.stringify(file).includes('"lstm"') || JSON.stringify(file).toLowerCase().includes('lstm'), 'an LSTM model file');
    assert.deepEqual(after[3].result, before[1].result, 'app.wasm traces the model exactly as first.wasm did');
    assert.deepEqual(after[1].result, before[1].result);
    assert.deepEqual(after[4].result.model, before[2].result.model);

    // use_model has no trained model to give back in either engine.
    const [, none] = await engineCalls(page, [['set_model', SPEC], ['use_model', { source: 'trained' }]]);
    assert.equal(none.error?.code, 'no_model');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('when app.wasm cannot be loaded, the operation that needs it says so in both languages and first.wasm goes on', async () => {
  let refuse = true;
  const { context, page, whole, problems } = await open((r) => (refuse ? r.fulfill({ status: 503, body: 'busy' }) : r.continue()));
  try {
    const got = await engineCalls(page, [['set_model', SPEC], ['trace', INPUT], ['export_model', {}], ['trace', INPUT], ['info', {}]]);
    assert.ok(got[0].ok && got[1].ok, 'the first engine works');
    assert.equal(got[2].ok, false);
    assert.equal(got[2].error.code, 'engine_load');
    assert.match(got[2].error.message_zh, /無法載入引擎/);
    assert.match(got[2].error.message, /could not be loaded/);
    assert.ok(got[3].ok, 'the trace after the refusal is answered');
    assert.deepEqual(got[3].result, got[1].result, 'by the same model');
    assert.equal(got[4].result.model.cell, 'lstm');
    assert.ok(whole.length >= 1, 'app.wasm was asked for');

    // The next operation that needs app.wasm tries again.
    await page.exposeFunction('__allow', () => {
      refuse = false;
    });
    await page.evaluate(() => {
      globalThis.__paused = () => globalThis.__allow();
    });
    const again = await engineCalls(page, [['set_model', SPEC], ['export_model', {}], ['export_model', {}]], { pause: 2 });
    assert.equal(again[1].error?.code, 'engine_load', 'refused while app.wasm is refused');
    assert.ok(again[2].ok, `loaded on the next try: ${JSON.stringify(again[2].error)}`);
    assert.equal(again[2].result.model.cell, 'lstm');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('Train mode has app.wasm loaded before its first run is asked for', async () => {
  const { context, page, whole, problems } = await open();
  try {
    assert.deepEqual(whole, []);
    const fetched = context.waitForEvent('requestfinished', { predicate: (r) => new URL(r.url()).pathname === '/gen/app.wasm' });
    await page.click('#mode-toggle [data-mode="train"]');
    await fetched;
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('first.wasm is the smaller download by far', () => {
  const br = (name) => statSync(new URL(`../../static/gen/z/gen/${name}.br`, import.meta.url)).size;
  // Linking training, the demos or the model-file import into the first engine would take most of this away.
  assert.ok(br('first.wasm') < br('app.wasm') - 100000, `first.wasm ${br('first.wasm')} bytes brotli, app.wasm ${br('app.wasm')}`);
});
