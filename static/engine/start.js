// Starts the engine's Web Worker as early as the page can: this small classic
// script runs from <head> before the style sheets and the page's modules
// arrive, so the engine downloads and compiles meanwhile. Messages the worker
// sends before engine/client.js takes it over are kept for it (see
// createEngine). Under the page's CSP this must be a file, not inline.
(function () {
  'use strict';
  var worker = new Worker('gen/worker.js'); // engine/worker.js and what it loads, bundled
  var early = [];
  worker.onmessage = function (ev) { early.push({ data: ev.data }); };
  worker.onerror = function (ev) {
    ev.preventDefault();
    early.push({ error: ev.message || 'worker error' });
  };
  globalThis.unrollEarlyWorker = { worker: worker, early: early };
})();
