// A second engine worker in the page (app.wasm, the page's own engine), for the tests to compare
// what the views draw with: the long-memory experiment run to the end, or any list of calls.

// engineRun runs the experiment in a worker of its own (the page's engine, app.wasm) to the end;
// with calls ([[op, args], …]) it makes those calls instead and returns their results.
export function engineRun(page, spec, calls = null) {
  return page.evaluate(async ([spec, calls]) => {
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
    if (calls) {
      const out = [];
      for (const [op, args] of calls) out.push(await call(op, args));
      w.terminate();
      return out;
    }
    let st = await call('memory_start', spec);
    while (!st.done) st = await call('memory_run', { batches: 1000 });
    w.terminate();
    return st;
  }, [spec, calls]);
}
