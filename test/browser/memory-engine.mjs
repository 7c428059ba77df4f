// The long-memory experiment run to the end by a second engine worker in the page (app.wasm, the
// page's own engine), for the Why LSTM tests to compare what the view draws with.

// engineRun runs the experiment in a worker of its own (the page's engine, app.wasm) to the end.
export function engineRun(page, spec) {
  return page.evaluate(async (spec) => {
    const w = new Worker('engine/worker.js');
    let next = 1;
    const pending = new Map();
    const ready = new Promise((resolve, reject) => {
      w.onmessage = (ev) => {
        const m = ev.data;
        if (m.ready) return resolve();
        if (m.fatal) return reject(new Error(m.fatal.message));
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.ok) p.resolve(m.result);
        else p.reject(new Error(m.error.message));
      };
    });
    const call = (op, args) => new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      w.postMessage({ id, op, args });
    });
    await ready;
    let st = await call('memory_start', spec);
    while (!st.done) st = await call('memory_run', { batches: 1000 });
    w.terminate();
    return st;
  }, spec);
}
