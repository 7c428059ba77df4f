// The page's side of the engine: one Web Worker running the Go engine, spoken to
// by messages (see worker.js), so the page never blocks while Go computes.
//
//   const engine = await createEngine();
//   const model = await engine.call('set_model', {spec: {cell: 'lstm', units: 4, seed: 1, steps: 10}});
//   const trace = await engine.call('trace', {input: {kind: 'seq', text: '0.1,0.5'}});
//   const done = await engine.call('train', {}, {onProgress});  // after train_prepare; see training.js
//
// call resolves with the operation's result or rejects with an EngineError
// carrying the engine's {code, message, message_zh, detail}.

export class EngineError extends Error {
  constructor(error) {
    super(error?.message || 'engine error');
    this.name = 'EngineError';
    this.code = error?.code || 'internal';
    this.message_zh = error?.message_zh || this.message;
    this.detail = error?.detail || null;
  }
}

// createEngine resolves once the engine is running, with
// {call(op, args, {onProgress}), warm(), loadMs, terminate()}. It takes over the
// worker index.html's inline script started, if the page has it, or starts
// one (from the page's folder, so that the bundled page finds it too).
export function createEngine(url = new URL('engine/worker.js', document.baseURI)) {
  const boot = globalThis.unrollEarlyWorker;
  delete globalThis.unrollEarlyWorker;
  const worker = boot ? boot.worker : new Worker(url);
  const pending = new Map();
  let nextId = 1;
  let fatal = null;

  return new Promise((resolve, reject) => {
    const fail = (error) => {
      fatal = new EngineError(error);
      for (const p of pending.values()) p.reject(fatal);
      pending.clear();
      reject(fatal);
    };
    const onError = (message) =>
      fail({ code: 'engine_load', message: message || 'worker error', message_zh: `引擎錯誤：${message || ''}` });
    const onMessage = (msg) => {
      msg = msg || {};
      if (msg.fatal) return fail(msg.fatal);
      if (msg.ready) {
        return resolve({
          loadMs: msg.ms,
          call(op, args, { onProgress } = {}) {
            if (fatal) return Promise.reject(fatal);
            const id = nextId++;
            return new Promise((res, rej) => {
              pending.set(id, { resolve: res, reject: rej, onProgress });
              worker.postMessage({ id, op, args });
            });
          },
          // warm lets the engine load what the page is about to ask of it (training,
          // the demos: app.wasm), before it is asked; calls work without it.
          warm() {
            if (!fatal) worker.postMessage({ warm: true });
          },
          terminate() {
            worker.terminate();
            fail({ code: 'engine_closed', message: 'The engine was closed.', message_zh: '引擎已關閉。' });
          },
        });
      }
      const p = pending.get(msg.id);
      if (!p) return;
      if (msg.progress) {
        p.onProgress?.(msg.progress);
        return;
      }
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new EngineError(msg.error));
    };
    worker.onerror = (ev) => {
      ev.preventDefault?.();
      onError(ev.message);
    };
    worker.onmessage = (ev) => onMessage(ev.data);
    for (const ev of boot ? boot.early : []) {
      if ('error' in ev) onError(ev.error);
      else onMessage(ev.data);
    }
  });
}
