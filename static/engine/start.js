// Starts the engine's Web Worker as early as the page can: this small classic
// script runs from <head> before the style sheets and the page's modules
// arrive, so app.wasm downloads and compiles meanwhile. Messages the worker
// sends before engine/client.js takes it over are kept for it (see
// createEngine). started resolves once the worker runs: starting it takes a
// moment of this thread, which boot.js gives it before the page's own work.
// Under the page's CSP this must be a file, not inline.
(function () {
  'use strict';
  var worker = new Worker('gen/worker.js'); // engine/worker.js and what it loads, bundled
  var early = [];
  var onStart;
  var started = new Promise(function (resolve) { onStart = resolve; });
  worker.onmessage = function (ev) {
    onStart();
    early.push({ data: ev.data });
  };
  worker.onerror = function (ev) {
    ev.preventDefault();
    onStart();
    early.push({ error: ev.message || 'worker error' });
  };
  globalThis.unrollEarlyWorker = { worker: worker, early: early, started: started };
})();
