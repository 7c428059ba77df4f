// The engine worker's training loop (a classic script, loaded by worker.js
// with importScripts). The Go engine trains a few mini-batches per train_run
// call; this loop calls it in chunks of about BUDGET_MS, reports progress
// after every chunk and yields to the worker's event loop between chunks, so
// that pause, resume and stop (and any other operation, such as predict or
// trace) are answered while training goes on.
//
//   page → worker  {id, op: "train", args: {budget_ms?}}      runs the prepared training
//   worker → page  {id, progress: {epoch, epochs, batch, batches, loss, epoch_loss,
//                                  step, steps, elapsed_ms, eta_ms}}          after every chunk
//   worker → page  {id, progress: {epoch_end: true, epoch, loss, val_loss}}  after every epoch
//   worker → page  {id, ok: true, result: {history, stopped, model, elapsed_ms}} at the end
//   page → worker  {id, op: "train_pause" | "train_resume" | "train_stop"} → {id, ok, result}
//
// Times are the worker's clock, paused time excluded. No number of the model
// is computed here.
'use strict';

self.createTrainer = function createTrainer({ callGo, post }) {
  const BUDGET_MS = 25; // a chunk's target duration
  const MAX_CHUNK = 1000; // batches in one train_run call at most
  let run = null; // {id, chunk, perBatch, activeMs, paused, timer}

  // yieldThen runs fn as a new task, after the messages already queued.
  const channel = new MessageChannel();
  let next = null;
  channel.port1.onmessage = () => {
    const fn = next;
    next = null;
    fn?.();
  };
  const yieldThen = (fn) => {
    next = fn;
    channel.port2.postMessage(0);
  };

  const fail = (id, code, en, zh) => post({ id, ok: false, error: { code, message: en, message_zh: zh } });

  function finish(env) {
    const r = run;
    run = null;
    if (!env.ok) return post({ id: r.id, ok: false, error: env.error });
    const res = env.result;
    post({ id: r.id, ok: true, result: { history: res.history, stopped: res.stopped, model: res.model || null, elapsed_ms: r.activeMs } });
  }

  function chunk() {
    if (!run || run.paused) return;
    const t0 = performance.now();
    const env = callGo('train_run', { batches: run.chunk });
    const dt = performance.now() - t0;
    run.activeMs += dt;
    if (!env.ok) return finish(env);
    const res = env.result;
    const p = res.progress;
    const done = p.step - run.lastStep;
    run.lastStep = p.step;
    // The next chunk's size, from the time per batch of this one (an epoch's
    // validation makes a chunk slower: smooth it).
    if (done > 0) {
      const per = dt / done;
      run.perBatch = run.perBatch ? 0.7 * run.perBatch + 0.3 * per : per;
      run.chunk = Math.max(1, Math.min(MAX_CHUNK, Math.floor(run.budget / run.perBatch)));
    }
    for (const ep of res.epoch_ends) post({ id: run.id, progress: { epoch_end: true, ...ep } });
    const eta = p.step > 0 ? (run.activeMs / p.step) * (p.steps - p.step) : null;
    post({ id: run.id, progress: { ...p, elapsed_ms: run.activeMs, eta_ms: eta } });
    if (res.done) return finish(env);
    yieldThen(chunk);
  }

  function stop(id) {
    const env = callGo('train_stop', {});
    if (run) {
      run.paused = true;
      finish(env);
    }
    post({ id, ...env });
  }

  return {
    handles: (op) => op === 'train' || op === 'train_pause' || op === 'train_resume' || op === 'train_stop' || (op === 'train_prepare' && run !== null),
    handle(id, op, args) {
      switch (op) {
        case 'train':
          if (run) return fail(id, 'training_busy', 'A training is already running.', '已有一個訓練正在進行。');
          run = { id, chunk: 1, perBatch: 0, activeMs: 0, lastStep: 0, paused: false, budget: Number(args?.budget_ms) > 0 ? Number(args.budget_ms) : BUDGET_MS };
          return yieldThen(chunk);
        case 'train_pause':
          if (run) run.paused = true;
          return post({ id, ok: true, result: { paused: Boolean(run) } });
        case 'train_resume':
          if (run && run.paused) {
            run.paused = false;
            yieldThen(chunk);
          }
          return post({ id, ok: true, result: { paused: false, running: Boolean(run) } });
        case 'train_stop':
          return stop(id);
        case 'train_prepare': // while a training runs: stop it first
          return fail(id, 'training_busy', 'Stop the running training first.', '請先停止正在進行的訓練。');
      }
      return undefined;
    },
  };
};
