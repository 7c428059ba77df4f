// A second engine worker in the page (the page's own engine), for the tests to compare what the
// views draw with: the long-memory experiment run to the end, or any list of calls.

// install defines, in the page, globalThis.__testEngine(url) → {call(op, args) → envelope, terminate()}:
// a new engine worker, ready; every call resolves with the worker's {ok, result} or {ok: false, error}.
const install = (page) => page.evaluate(() => {
  globalThis.__testEngine ??= async (url) => {
    const w = new Worker(url);
    let next = 1;
    const pending = new Map();
    await new Promise((resolve, reject) => {
      w.onmessage = (ev) => {
        const m = ev.data;
        if (m.ready) return resolve();
        if (m.fatal) return reject(new Error(m.fatal.message));
        if (m.progress) return;
        const done = pending.get(m.id);
        pending.delete(m.id);
        done?.({ ok: m.ok, result: m.result, error: m.error });
      };
    });
    return {
      call: (op, args) => new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        w.postMessage({ id, op, args });
      }),
      terminate: () => w.terminate(),
    };
  };
});

// engineCalls sends the calls ([[op, args], …]) to a new engine worker (url: the page's bundled
// one unless told) all at once, without waiting for answers, and returns the answers in order as
// {ok, result} or {ok: false, error}. With pause, it waits for the answers of the calls before that
// index, and calls globalThis.__paused() in the page if it is defined, before it sends the rest.
export async function engineCalls(page, calls, { pause = calls.length, url = 'gen/worker.js' } = {}) {
  await install(page);
  return page.evaluate(async ([calls, pause, url]) => {
    const engine = await globalThis.__testEngine(url);
    const first = await Promise.all(calls.slice(0, pause).map(([op, args]) => engine.call(op, args)));
    globalThis.__paused?.();
    const rest = await Promise.all(calls.slice(pause).map(([op, args]) => engine.call(op, args)));
    engine.terminate();
    return [...first, ...rest];
  }, [calls, pause, url]);
}

// engineRun runs the experiment in a worker of its own (the page's engine) to the end; with calls
// ([[op, args], …]) it makes those calls instead and returns their results. An error rejects.
export async function engineRun(page, spec, calls = null) {
  if (calls) {
    const answers = await engineCalls(page, calls, { url: 'engine/worker.js' });
    const failed = answers.find((a) => !a.ok);
    if (failed) throw new Error(failed.error.message);
    return answers.map((a) => a.result);
  }
  await install(page);
  return page.evaluate(async (spec) => {
    const engine = await globalThis.__testEngine('engine/worker.js');
    const run = async (op, args) => {
      const a = await engine.call(op, args);
      if (!a.ok) throw new Error(a.error.message);
      return a.result;
    };
    let st = await run('memory_start', spec);
    while (!st.done) st = await run('memory_run', { batches: 1000 });
    engine.terminate();
    return st;
  }, spec);
}
