// The engine's Web Worker (a classic worker, so that it can importScripts Go's
// wasm_exec.js). It starts app.wasm, whose main registers
// globalThis.unroll.call(op, argsJSON) and calls globalThis.unrollReady(),
// then answers the page's messages:
//
//   page → worker  {id, op, args}
//   worker → page  {id, ok: true, result} | {id, ok: false, error: {code, message, message_zh}}
//   worker → page  {ready: true, ms} once the engine is up, or {fatal: {code, message, message_zh}}
//   worker → page  {id, progress: {...}} while the op "train" runs (see training.js)

//
// Every number is computed by the Go engine; this file only moves JSON.
/* global Go */
'use strict';

// app.wasm starts downloading before the scripts below arrive.
const WASM_URL = '../gen/app.wasm';
const wasmResponse = fetch(WASM_URL);
wasmResponse.catch(() => {}); // reported by instantiate

importScripts('../gen/wasm_exec.js', 'training.js');

const started = performance.now();
const queue = []; // messages that arrive before the engine is ready
let engine = null;

self.onmessage = (ev) => {
  if (engine) answer(ev.data);
  else queue.push(ev.data);
};

// callGo runs one engine operation and returns its envelope {ok, result} or {ok: false, error}.
function callGo(op, args) {
  try {
    return JSON.parse(engine.call(String(op), JSON.stringify(args ?? {})));
  } catch (err) {
    // Only a dead Go instance gets here: Call recovers its own panics.
    return { ok: false, error: { code: 'engine_dead', message: String(err), message_zh: String(err) } };
  }
}

// The training loop (training.js) runs train_run a chunk at a time and
// answers pause, resume and stop between chunks.
const trainer = self.createTrainer({ callGo, post: (msg) => self.postMessage(msg) });

function answer(msg) {
  const { id, op, args } = msg || {};
  if (trainer.handles(op)) return trainer.handle(id, op, args);
  self.postMessage({ id, ...callGo(op, args) });
}

async function instantiate(go) {
  const url = WASM_URL;
  try {
    return await WebAssembly.instantiateStreaming(wasmResponse, go.importObject);
  } catch (err) {
    // A server that does not send application/wasm: fall back to bytes.
    const resp = await fetch(url);
    if (!resp.ok) throw new Error(`${url}: HTTP ${resp.status}`);
    return WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
  }
}

async function start() {
  const go = new Go();
  const readyFromGo = new Promise((resolve) => {
    self.unrollReady = resolve;
  });
  const { instance } = await instantiate(go);
  go.run(instance).then(() => {
    engine = null;
    self.postMessage({ fatal: { code: 'engine_exit', message: 'The engine stopped.', message_zh: '引擎已停止。' } });
  });
  await readyFromGo;
  engine = self.unroll;
  self.postMessage({ ready: true, ms: performance.now() - started });
  for (const msg of queue.splice(0)) answer(msg);
}

start().catch((err) => {
  self.postMessage({ fatal: { code: 'engine_load', message: String(err), message_zh: `引擎無法載入：${err}` } });
});
