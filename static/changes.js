// How a change reaches the store: a change that needs numbers (the model or
// the data) goes through the engine (a Web Worker running the Go engine) and
// is committed only when it answers, so a refused input keeps the last good
// state; any other change is committed at once.

import { StaleLoad } from './engine/session.js';
import { toError } from './errors.js';

const ENGINE_KEYS = ['cell', 'units', 'seed', 'steps', 'data', 'end', 'model', 'nfrom'];
const SPEC_KEYS = ['cell', 'units', 'seed', 'steps']; // changing one goes back to a seeded model

// createChanges(store) → {load(patch, opts), change(patch), ready(session)}:
// change is what every control calls; until ready hands over the engine's
// session (engine/session.js), changes that need the engine are refused.
export function createChanges(store) {
  let session = null;

  // load commits patch once the engine has traced the state it makes; it
  // resolves true, false (refused: the last good state stays) or 'stale'.
  // first is a load of that state already under way (boot.js's).
  async function load(patch, { keepError = false, first = null } = {}) {
    const next = { ...store.get(), ...patch };
    store.set({ busy: true });
    try {
      const { result, stock, fallback } = await (first || session.load(next));
      const T = result.steps.length;
      const commit = { ...patch, result, stock, t: Math.min(Math.max(next.t, 1), T), busy: false };
      if (next.unit >= result.model.units) commit.unit = 0;
      if (!keepError) commit.error = null;
      // A link naming the trained or imported model: its weights are not in the URL.
      if (fallback) Object.assign(commit, { model: 'seed', modelNote: null, error: { code: 'model_fallback', message: '', message_zh: '', detail: { source: fallback } } });
      store.set(commit);
      return true;
    } catch (err) {
      if (err instanceof StaleLoad) return 'stale';
      console.warn('unroll:', err?.code || '', err?.message || err);
      store.set({ busy: false, error: toError(err) });
      return false;
    }
  }

  // change is what every control calls.
  function change(patch) {
    if (!('model' in patch) && store.get().model !== 'seed' && SPEC_KEYS.some((k) => k in patch && patch[k] !== store.get()[k])) {
      patch = { ...patch, model: 'seed', modelNote: null };
    }
    // The neuron view needs the terms of the pre-activations, which a trace adds when asked.
    const toNeurons = patch.view === 'neurons' && store.get().view !== 'neurons';
    if (toNeurons || Object.keys(patch).some((k) => ENGINE_KEYS.includes(k))) {
      if (!session) return Promise.resolve(false);
      return load(patch);
    }
    store.set(patch);
    return Promise.resolve(true);
  }

  return {
    load,
    change,
    ready(s) {
      session = s;
    },
  };
}
