// The page's wiring: the store (state.js) round-trips the URL hash; controls
// ask for changes; changes that need numbers go through the engine (a Web
// Worker running the Go engine) and are committed only when it answers, so a
// refused input keeps the last good state; every committed state is handed to
// the views. Nothing here computes a model value.

import { createStore, parseHash, toHash, hashKeysChanged, DEFAULT_DATA, TRAIN_SETTINGS } from './state.js';
import { t, setLang, applyI18n, has } from './i18n.js';
import { booted } from './boot.js';
import { StaleLoad } from './engine/session.js';
import { ApiError } from './api.js';
import { createModelControls } from './controls/model.js';
import { createInputControls } from './controls/input.js';
import { createPlayback } from './controls/playback.js';
import { createSeries } from './controls/series.js';
import { createPresentStrip } from './controls/present-strip.js';
import { createControlsToggle } from './controls/controls-toggle.js';
import { create as createGraph } from './views/graph.js';
import { create as createEquation } from './views/equation.js';
import { create as createCell } from './views/cell.js';
import { create as createHeatmap } from './views/heatmap.js';
import { create as createGradflow } from './views/gradflow.js';
import { createModelCard } from './train/modelcard.js';
import { importArgs, download, installDrop, ImportFileError } from './train/io.js';

const html = document.documentElement;
const ENGINE_KEYS = ['cell', 'units', 'seed', 'steps', 'data', 'end', 'model'];
const SPEC_KEYS = ['cell', 'units', 'seed', 'steps']; // changing one goes back to a seeded model
// What the views draw from (the rest, such as busy or error, concerns the controls only;
// highlight is drawn by style.css from html[data-highlight]).
const VIEW_KEYS = ['result', 't', 'unit', 'view', 'lang', 'reducedMotion', 'present'];
const motionQuery = matchMedia('(prefers-reduced-motion: reduce)');

const initial = parseHash(location.hash);
const store = createStore({ ...initial.state, reducedMotion: motionQuery.matches });
let session = null;
let engine = null;
let trainer = null; // the training workflow (train/controller.js), loaded on first use

// errorText is an error's message in the current language: the catalogue's
// entry for its code, else the message the engine or the API sent.
function errorText(err) {
  const key = `error.${err.code}`;
  const own = store.get().lang === 'en' ? err.message : err.message_zh || err.message;
  // The data service's messages name the stock and range: prefer them.
  if (err.fromApi && own) return own;
  if (has(key)) return t(key, err.detail || {});
  return own;
}

const toError = (err) => ({
  code: err?.code || 'internal',
  message: err?.message || String(err),
  message_zh: err?.message_zh || err?.message || String(err),
  detail: err?.detail || null,
  fromApi: err instanceof ApiError,
});

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
  if (Object.keys(patch).some((k) => ENGINE_KEYS.includes(k))) {
    if (!session) return Promise.resolve(false);
    return load(patch);
  }
  store.set(patch);
  return Promise.resolve(true);
}

const selectStep = (step) => change({ t: step, playing: false });
const q = (sel) => document.querySelector(sel);
const viewOpts = {
  t,
  onSelectStep: selectStep,
  onSelect: selectStep,
  onHover: () => {},
  onSelectUnit: (unit) => change({ unit }),
};
const parts = [
  createModelControls(document.body, { t, onChange: change, onHighlight: (h) => store.set({ highlight: h }) }),
  createInputControls(document.body, { t, onData: (data, extra = {}) => change({ data, ...extra }), onEnd: (end) => change({ end }), errorText }),
  createPlayback(q('#playback'), {
    t,
    onStep: (step) => change({ t: step }),
    onPlaying: (playing) => change({ playing }),
    onSpeed: (speed) => change({ speed }),
  }),
  createSeries(q('#series'), { t, onSelectStep: selectStep }),
  createPresentStrip(q('#present-strip'), { t, onChange: change, errorText }),
  createControlsToggle(q('#controls-toggle'), { t }),
];
const views = [
  ['graph', createGraph(q('#graph'), viewOpts)],
  ['equation', createEquation(q('#equation'), viewOpts)],
  ['cell', createCell(q('#cell'), viewOpts)],
  ['heatmap', createHeatmap(q('#heatmap'), viewOpts)],
  ['gradflow', createGradflow(q('#gradflow'), viewOpts)],
];

function render(state, changed) {
  if (!changed || changed.has('lang')) {
    setLang(state.lang);
    applyI18n();
    document.title = t('app.title');
  }
  html.classList.toggle('present', state.present);
  html.dataset.cell = state.cell;
  if (state.highlight) html.dataset.highlight = state.highlight;
  else delete html.dataset.highlight;
  html.classList.toggle('busy', state.busy);
  q('#present-toggle').setAttribute('aria-pressed', String(state.present));
  for (const b of document.querySelectorAll('#view-toggle [data-view]')) {
    b.setAttribute('aria-pressed', String(b.dataset.view === state.view));
  }
  q('#h-graph').textContent = t(state.view === 'rolled' ? 'panel.graph_rolled' : 'panel.graph');
  renderMode(state);
  // User Timing of the last render only (read by the page tests' measurements).
  performance.clearMeasures();
  const t0 = performance.now();
  for (const p of parts) p.update(state);
  performance.measure('render:controls', { start: t0, end: performance.now() });
  // The step-through views draw only while they show (a training updates the
  // step-through state in the background; switching back draws it).
  if (state.result && state.mode === 'step' && (!changed || changed.has('mode') || VIEW_KEYS.some((k) => changed.has(k)))) {
    for (const [name, v] of views) {
      const t0 = performance.now();
      v.update(state, state.result);
      performance.measure(`render:${name}`, { start: t0, end: performance.now() });
    }
  }
}

store.subscribe(render);
// The hash follows the state; writes are coalesced (stepping, playing or
// scrubbing would otherwise replace the URL many times a second, which
// browsers throttle).
// A hash someone else set since the last write (a typed URL, a lesson link)
// is left for the hashchange handler to bring in.
let hashTimer = 0;
let written = '';
function writeHash() {
  const hash = toHash(store.get());
  if (hash !== location.hash) history.replaceState(null, '', hash);
  written = location.hash;
}
store.subscribe((state, changed) => {
  if (html.dataset.engine !== 'ready' || !hashKeysChanged(changed) || hashTimer) return;
  hashTimer = setTimeout(() => {
    hashTimer = 0;
    if (location.hash === written) writeHash();
  }, 100);
});
// ---- modes: step through | train ----
const modelCards = [
  createModelCard(q('#model-io'), { t, onExport: exportModel, onImport: importFiles }),
  createModelCard(q('#train-io'), { t, onExport: exportModel, onImport: importFiles }),
];

function renderMode(state) {
  const train = state.mode === 'train';
  html.dataset.mode = state.mode;
  q('.layout').hidden = train;
  q('#playback').hidden = train;
  q('#train-mode').hidden = !train;
  q('#view-toggle').hidden = train; // unrolled or rolled concerns the step-through view only
  for (const b of document.querySelectorAll('#mode-toggle [data-mode]')) b.setAttribute('aria-pressed', String(b.dataset.mode === state.mode));
  for (const c of modelCards) c.update(state);
  document.body.dataset.dropText = t('io.drop');
  if (train) ensureTrainer();
  trainer?.update(state);
}

// ensureTrainer loads the training workflow the first time train mode shows.
let trainerLoading = null;
function ensureTrainer() {
  if (trainer || trainerLoading || !engine) return;
  trainerLoading = import('./train/controller.js').then(({ createTrainController }) => {
    trainer = createTrainController({
      engine,
      t,
      errorText,
      getState: () => store.get(),
      onTrained,
      onStepThrough: () => change({ mode: 'step' }),
      onSettings: (patch) => change(patch),
    });
    trainer.update(store.get());
  }).catch((err) => console.warn('unroll: training panel:', err));
}

// onTrained: the engine adopted the trained model; the step-through view shows it
// on the training range (any window of it, with the training scaler). With no end
// the engine opens the window on the last day that scaler was fitted on.
function onTrained(model, note) {
  session.holds('trained', model);
  change({
    model: 'trained', modelNote: note, cell: model.cell, units: model.units, steps: model.steps,
    data: `stock:${note.stock}:${note.from}:${note.to}`, end: '',
  });
}

async function exportModel() {
  try {
    const res = await engine.call('export_model', {});
    download(res.file, res.name);
    for (const c of modelCards) c.message('ok', 'io.exported', { name: res.name });
  } catch (err) {
    for (const c of modelCards) c.message('error', 'io.export_failed', {}, () => errorText(toError(err)));
  }
}

async function importFiles(files) {
  let name = [...files].map((f) => f.name).join(', ');
  try {
    const req = await importArgs(files);
    name = req.name;
    const res = await engine.call('import_model', req.args);
    const m = res.model;
    session.holds('imported', m);
    const patch = { model: 'imported', modelNote: { name }, cell: m.cell, units: m.units, steps: m.steps };
    // A model reading several values per day needs prices with all their columns.
    if (m.inputs > 1 && !store.get().data.startsWith('stock:')) Object.assign(patch, { data: DEFAULT_DATA, end: '' });
    if ((await change(patch)) === false) {
      // The data on screen cannot go through it: the state's own model goes back into the engine.
      const failed = store.get().error;
      await load({}, { keepError: true });
      throw Object.assign(new Error(failed ? errorText(failed) : ''), { message_zh: failed ? errorText(failed) : '' });
    }
    for (const c of modelCards) c.message('ok', 'io.imported', { name, keras: m.keras, units: m.units, inputs: m.inputs, total: m.params.total });
  } catch (err) {
    const text = err instanceof ImportFileError ? () => t(`io.${err.code}`, err.detail) : () => (store.get().lang === 'en' ? err.message : err.message_zh || err.message);
    for (const c of modelCards) c.message('error', 'io.import_failed', { name }, text);
  }
}

render(store.get(), null);

// Header controls.
q('#lang-toggle').addEventListener('click', () => change({ lang: store.get().lang === 'en' ? 'zh-TW' : 'en' }));
q('#present-toggle').addEventListener('click', () => change({ present: !store.get().present }));
for (const b of document.querySelectorAll('#view-toggle [data-view]')) {
  b.addEventListener('click', () => change({ view: b.dataset.view }));
}
for (const b of document.querySelectorAll('#mode-toggle [data-mode]')) {
  b.addEventListener('click', () => change({ mode: b.dataset.mode }));
}
// Keys typed in the training panel are its own (the step-through shortcuts listen on document).
q('#train-mode').addEventListener('keydown', (ev) => ev.stopPropagation());
installDrop((files) => importFiles(files));
document.addEventListener('keydown', (ev) => {
  const tag = ev.target?.tagName;
  if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(tag)) return;
  if (ev.key === 'p' || ev.key === 'P') change({ present: !store.get().present });
  else if (ev.key === 'Escape' && store.get().present) change({ present: false });
});
motionQuery.addEventListener('change', () => change({ reducedMotion: motionQuery.matches }));

// Opening another hash (a prepared lesson link, or the back button) restores its view.
window.addEventListener('hashchange', () => {
  written = location.hash;
  const { state: next, invalid } = parseHash(location.hash);
  const cur = store.get();
  const patch = {};
  for (const [k, v] of Object.entries(next)) if (!Object.is(cur[k], v)) patch[k] = v;
  // mode and model are written only when not their defaults.
  if (!('mode' in next) && cur.mode !== 'step') patch.mode = 'step';
  if (!('model' in next) && cur.model !== 'seed') patch.model = 'seed';
  // So are the training settings.
  for (const [k, v] of Object.entries(TRAIN_SETTINGS)) if (!(k in next) && !Object.is(cur[k], v)) patch[k] = v;
  if (!('end' in next) && cur.end && 'data' in patch) patch.end = '';
  change(patch).then((ok) => {
    if (ok === false) writeHash(); // refused: the URL shows the last good state again
    if (invalid.length) store.set({ error: { code: 'bad_hash', message: '', message_zh: '', detail: { keys: invalid.join(', ') } } });
  });
});

async function start() {
  let first;
  try {
    ({ session, first, engine } = await booted);
  } catch (err) {
    html.dataset.engine = 'error';
    const box = q('#page-error');
    box.hidden = false;
    box.textContent = errorText(toError(err));
    return;
  }
  let ok = await load({}, { first });
  // A link whose data cannot be shown falls back to the default data, then to the sine wave.
  for (const data of [DEFAULT_DATA, 'sine']) {
    if (ok || store.get().data === data) continue;
    const failed = store.get().error;
    ok = await load({ data, end: '' }, { keepError: true });
    if (ok && failed) store.set({ error: failed });
  }
  if (ok && initial.invalid.length && !store.get().error) {
    store.set({ error: { code: 'bad_hash', message: '', message_zh: '', detail: { keys: initial.invalid.join(', ') } } });
  }
  writeHash();
  html.dataset.engine = ok ? 'ready' : 'error';
  if (store.get().mode === 'train') ensureTrainer();
}

start();
