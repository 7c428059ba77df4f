// The engine's Web Worker (a classic worker, so that it can importScripts Go's
// wasm_exec.js). It runs the engine in one of two builds, each of whose main
// registers globalThis.unroll = {call(op, argsJSON), ops} and calls
// globalThis.unrollReady():
//
// - first.wasm (unroll/wasm/first), started at once: the operations of a page
//   stepping through a seeded model (its unroll.ops), in a smaller file that
//   downloads and compiles sooner;
// - app.wasm (unroll/wasm), every operation: loaded the first time the page
//   asks for one first.wasm does not have. It is given the model first.wasm
//   holds (the last set_model it accepted: its only state), and answers
//   everything from then on. Messages wait, in order, while it loads.
//
// If first.wasm cannot start, app.wasm is the engine from the beginning.
//
//   page → worker  {id, op, args}
//   worker → page  {id, ok: true, result} | {id, ok: false, error: {code, message, message_zh}}
//   worker → page  {ready: true, ms} once the engine is up, or {fatal: {code, message, message_zh}}
//   worker → page  {id, progress: {...}} while the op "train" runs (see training.js)
//   page → worker  {warm: true}: start loading app.wasm now, if it is not the engine yet

//
// Every number is computed by the Go engine; this file only moves JSON.
/* global Go */
'use strict';

// first.wasm starts downloading before the scripts below arrive.
const FIRST_URL = '../gen/first.wasm';
const WHOLE_URL = '../gen/app.wasm';
const firstResponse = fetch(FIRST_URL);
firstResponse.catch(() => {}); // reported by instantiate

importScripts('../gen/wasm_exec.js', 'training.js');

const started = performance.now();
const queue = []; // messages not answered yet: before an engine is ready, and while app.wasm loads
let engine = null; // the running engine's globalThis.unroll
let only = null; // the operations it answers (a Set), or null for every one
let whole = null; // the load of app.wasm, while it runs
let held = null; // the arguments of the last set_model the first engine accepted

self.onmessage = (ev) => {
  if (ev.data?.warm) return void (engine && only && loadWhole()); // the page will soon need app.wasm
  queue.push(ev.data);
  pump();
};

// pump answers the waiting messages in order, until one needs app.wasm and it is not running yet.
function pump() {
  while (engine && queue.length) {
    if (only && !only.has(queue[0]?.op)) return loadWhole();
    answer(queue.shift());
  }
}

// callGo runs one engine operation and returns its envelope {ok, result} or {ok: false, error}.
function callGo(op, args) {
  try {
    const env = JSON.parse(engine.call(String(op), JSON.stringify(args ?? {})));
    if (only && op === 'set_model' && env.ok) held = args;
    return env;
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

async function instantiate(go, url, response) {
  try {
    return await WebAssembly.instantiateStreaming(response, go.importObject);
  } catch (err) {
    // A server that does not send application/wasm: fall back to bytes.
    const resp = await fetch(url);
    if (!resp.ok) throw new Error(`${url}: HTTP ${resp.status}`);
    return WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
  }
}

// run starts one build and resolves with its globalThis.unroll once it is ready.
async function run(url, response) {
  const go = new Go();
  const ready = new Promise((resolve) => {
    self.unrollReady = resolve;
  });
  const { instance } = await instantiate(go, url, response);
  let u = null;
  go.run(instance).then(() => {
    if (!u || engine !== u) return;
    engine = null;
    self.postMessage({ fatal: { code: 'engine_exit', message: 'The engine stopped.', message_zh: '引擎已停止。' } });
  });
  await ready;
  u = self.unroll;
  return u;
}

// use makes u the running engine.
function use(u) {
  engine = u;
  only = Array.isArray(u.ops) ? new Set(u.ops) : null;
}

// loadWhole loads app.wasm, gives it the first engine's model and makes it
// the engine. If that fails, the message waiting for it gets the error and
// the first engine goes on; the next such message tries again.
function loadWhole() {
  if (whole) return;
  whole = run(WHOLE_URL, fetch(WHOLE_URL)).then((u) => {
    if (held) {
      const env = JSON.parse(u.call('set_model', JSON.stringify(held)));
      if (!env.ok) throw new Error(env.error?.message || 'set_model failed');
    }
    use(u);
  });
  whole.then(() => {
    whole = null;
    pump();
  }, (err) => {
    whole = null;
    if (queue.length && only && !only.has(queue[0]?.op)) {
      self.postMessage({
        id: queue.shift()?.id,
        ok: false,
        error: { code: 'engine_load', message: `The engine’s training and demo part could not be loaded: ${err}`, message_zh: `無法載入引擎的訓練與示範部分：${err}` },
      });
    }
    pump();
  });
}

async function start() {
  let u;
  try {
    u = await run(FIRST_URL, firstResponse);
  } catch {
    u = await run(WHOLE_URL, fetch(WHOLE_URL)); // no first.wasm: the whole engine from the start
  }
  use(u);
  self.postMessage({ ready: true, ms: performance.now() - started });
  pump();
}

start().catch((err) => {
  self.postMessage({ fatal: { code: 'engine_load', message: String(err), message_zh: `引擎無法載入：${err}` } });
});
