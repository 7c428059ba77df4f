// The page's wiring: the store (state.js) round-trips the URL hash (url.js);
// controls ask for changes, which changes.js commits (through the engine when
// they need numbers); every committed state is handed to the controls and the
// views. The keyboard is keys.js's, model files are model-files.js's, and what
// the start falls back to is boot-fallback.js's; the modes (step through and its demos,
// train, Why LSTM) are modes.js's. Nothing here computes a model value.

import { createStore, parseHash } from './state.js';
import { t, setLang, applyI18n } from './i18n.js';
import { booted } from './boot.js';
import { firstView } from './boot-fallback.js';
import { syncHash } from './url.js';
import { errorText as errorIn, toError } from './errors.js';
import { createChanges } from './changes.js';
import { createModelControls } from './controls/model.js';
import { createInputControls } from './controls/input.js';
import { createPlayback } from './controls/playback.js';
import { installKeys } from './controls/keys.js';
import { createSeries } from './controls/series.js';
import { createPresentStrip } from './controls/present-strip.js';
import { createControlsToggle } from './controls/controls-toggle.js';
import { createPad } from './controls/pad.js';
import { create as createGraph } from './views/graph.js';
import { create as createEquation } from './views/equation.js';
import { create as createCell } from './views/cell.js';
import { create as createHeatmap } from './views/heatmap.js';
import { create as createGradflow } from './views/gradflow.js';
import { create as createNext } from './views/nextchar.js';
import { create as createNeurons } from './views/neurons.js';
import { create as createMemoryNotes } from './memory/notes.js';
import { createModelFiles } from './train/model-files.js';
import { createModes } from './modes.js';
import { createLessonPanel } from './lessons/panel.js';
import { createRoomQr } from './lessons/qr.js';
import { createExports } from './lessons/export.js';

const html = document.documentElement;
// What the views draw from (the rest, such as busy or error, concerns the controls only;
// highlight is drawn by style.css from html[data-highlight]).
const VIEW_KEYS = ['result', 't', 'unit', 'view', 'lang', 'reducedMotion', 'present', 'grad', 'ngate'];
const motionQuery = matchMedia('(prefers-reduced-motion: reduce)');

const initial = parseHash(location.hash);
const store = createStore({ ...initial.state, reducedMotion: motionQuery.matches });
let session = null;
let engine = null;

const errorText = (err) => errorIn(err, store.get().lang);

const { load, change, ready: engineReady } = createChanges(store);

const selectStep = (step) => change({ t: step, playing: false });
const q = (sel) => document.querySelector(sel);
const viewOpts = { t, onSelectStep: selectStep, onSelect: selectStep, onHover: () => {}, onSelectUnit: (unit) => change({ unit }) };
const playback = createPlayback(q('#playback'), {
  t,
  onStep: (step) => change({ t: step }),
  onPlaying: (playing) => change({ playing }),
  onSpeed: (speed) => change({ speed }),
});
const parts = [
  createModelControls(document.body, { t, onChange: change, onHighlight: (h) => store.set({ highlight: h }) }),
  createInputControls(document.body, { t, onData: (data, extra = {}) => change({ data, ...extra }), onEnd: (end) => change({ end }), errorText }),
  playback,
  createSeries(q('#series'), { t, onSelectStep: selectStep }),
  createPresentStrip(q('#present-strip'), { t, onChange: change, errorText }),
  createControlsToggle(q('#controls-toggle'), { t }),
  createPad(q('#pad'), { t, change, toggleBefore: q('#series') }),
];
const views = [
  ['graph', createGraph(q('#graph'), viewOpts)],
  ['equation', createEquation(q('#equation'), viewOpts)],
  ['cell', createCell(q('#cell'), viewOpts)],
  ['heatmap', createHeatmap(q('#heatmap'), viewOpts)],
  ['gradflow', createGradflow(q('#gradflow'), { ...viewOpts, onChange: change })],
  ['next', createNext(q('#next'), viewOpts)],
  ['neurons', createNeurons(q('#neurons'), { ...viewOpts, onChange: change })],
  ['memory-notes', createMemoryNotes(q('#memory-notes'), { t, onChange: change })],
];
const modelFiles = createModelFiles([q('#model-io'), q('#train-io')], { t, store, change, reload: () => load({}, { keepError: true }), errorText, toError });
const lessons = createLessonPanel(q('#lesson-panel'), { t, store, change, opener: q('#lesson-toggle') });
const roomQr = createRoomQr(q('#qr-toggle'), { t });
const exportsMenu = createExports(q('#export-menu'), { t, store });
const modes = createModes({ t, store, change, errorText, modelFiles, engine: () => ({ engine, session }) });

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
  q('.panel-graph').hidden = state.view === 'neurons';
  q('.panel-neurons').hidden = state.view !== 'neurons';
  modes.render(state);
  lessons.update(state);
  roomQr.update(state);
  exportsMenu.update(state);
  // User Timing of the last render only (read by the page tests' measurements).
  performance.clearMeasures();
  const t0 = performance.now();
  for (const p of parts) p.update(state);
  performance.measure('render:controls', { start: t0, end: performance.now() });
  // The step-through views draw only while they show (a training updates the
  // step-through state in the background; switching back draws it).
  if (state.result && state.mode === 'step' && (!changed || changed.has('mode') || VIEW_KEYS.some((k) => changed.has(k)))) {
    for (const [name, v] of views) {
      if (name === 'graph' && state.view === 'neurons') continue; // the neuron view shows in its place
      const t0 = performance.now();
      v.update(state, state.result);
      performance.measure(`render:${name}`, { start: t0, end: performance.now() });
    }
  }
}

store.subscribe(render);
const url = syncHash(store, { ready: () => html.dataset.engine === 'ready', change });
render(store.get(), null);

// Header controls and the keyboard.
q('#lang-toggle').addEventListener('click', () => change({ lang: store.get().lang === 'en' ? 'zh-TW' : 'en' }));
q('#present-toggle').addEventListener('click', () => change({ present: !store.get().present }));
q('#demo-toggle').addEventListener('click', () => change(store.get().demo === 'order' && store.get().mode === 'step' ? { demo: '' } : { demo: 'order', mode: 'step' }));
for (const b of document.querySelectorAll('#view-toggle [data-view]')) b.addEventListener('click', () => change({ view: b.dataset.view }));
for (const b of document.querySelectorAll('#mode-toggle [data-mode]')) b.addEventListener('click', () => change({ mode: b.dataset.mode }));
installKeys(document, { trainPanel: q('#train-mode'), getState: store.get, playback, onPresent: (present) => change({ present }) });
motionQuery.addEventListener('change', () => change({ reducedMotion: motionQuery.matches }));

const onEngine = (up) => {
  ({ engine, session } = up);
  engineReady(session);
  modelFiles.ready(up);
};
firstView(booted, { store, load, invalid: initial.invalid, errorText, onEngine }).then((ok) => {
  if (ok === null) return; // no engine: the page says why
  url.write();
  html.dataset.engine = ok ? 'ready' : 'error';
  modes.render(store.get()); // a mode or demo waiting for the engine asks it now
});
