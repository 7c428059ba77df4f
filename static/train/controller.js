// The training workflow of the page: fetch the stock's months, prepare the
// windows (train_prepare), train in the engine's worker (op "train": chunks
// of train_run with progress, pause, resume and stop), then predict on the
// test range. It feeds the panel and the training views (static/train/views/)
// and tells the app when a trained model became the engine's current model.
// Every number comes from the engine; this file moves results around.

import { createPanel } from './panel.js';
import { createTextSource } from './text-source.js';
import { toError } from '../errors.js';
import { TRAIN_KEYS } from '../state.js';
import { nextFrame } from '../ticker.js';
import { createHistoryExport, exportName } from '../lessons/export.js';
import ENGINE from '../gen/limits.js'; // the engine's feature sets, target and split (core/lecture)

const FEATURES = ENGINE.features;
const SPLIT = ENGINE.split;

// prepareArgs are train_prepare's arguments (without the series) for a panel config.
export function prepareArgs(c, stock = {}) {
  return {
    stock: { code: c.code, name: stock.name || '', from: c.from, to: c.to, source: stock.source || '' },
    features: FEATURES[c.features] || FEATURES.close,
    target: ENGINE.target,
    steps: c.steps,
    forecast: c.target || 'price',
    ...(c.walk && { walk_forward: { every: 0, epochs: 0 } }),
    split: { ...SPLIT },
    model: { cell: c.cell, units: c.units, seed: c.seed },
    train: { epochs: c.epochs, batch: c.batch, lr: c.lr, optimizer: c.optimizer },
  };
}

const fresh = () => ({
  status: 'idle', // idle | loading | preparing | training | paused | predicting | done | stopped | error
  config: null,
  prepare: null, // PrepareResult
  progress: null, // the last progress message
  batches: [], // every progress message of this training (the loss chart's faint line)
  history: [], // [{epoch, loss, val_loss}]
  predict: null, // PredictResult
  model: null, // ModelInfo of the trained model, once adopted
  elapsedMs: 0,
  error: null, // text
  text: null, // a next-character model's training: {prepare, score} (text-source.js)
});

// createTrainController({engine, t, errorText, getState, onTrained(model, note), onStepThrough(),
//   onSettings(patch)}) → {update(state)}; mounts the panel in #train-panel and the views in #train-*.
// onSettings gets the panel's settings as the state's training keys (the URL hash carries them);
// update(state) fills the panel with them (a link never starts a training).
export function createTrainController({ engine, t, errorText, getState, onTrained, onStepThrough, onSettings = () => {} }) {
  const q = (sel) => document.querySelector(sel);
  let ts = fresh();
  let lang = null;
  let shownSettings = {};
  const views = {}; // stages, loss, pred, code: H9's views, once loaded

  const panel = createPanel(q('#train-panel'), {
    t,
    onTrain: (c) => start(c),
    onPause: () => control('train_pause', 'paused'),
    onResume: () => control('train_resume', 'training'),
    onStop: () => control('train_stop', null),
    onStepThrough: () => onStepThrough(),
  });
  // With a Text source the training is a next-character model's (text-source.js).
  const textSource = createTextSource(q('#train-text-card'), { t });
  const codeArgs = (c, stock) => (textSource.text() === null ? prepareArgs(c, stock) : textSource.args(c));
  const redrawCode = () => {
    const c = panel.config();
    if (c && ts.status !== 'training' && ts.status !== 'paused') views.code?.update(getState(), codeArgs(c));
  };
  // The settings go to the page state (and so the hash) as they change; a stock picked
  // from the search list changes no field, hence the look after a click too.
  const report = () => onSettings(panel.settings());
  q('#train-panel').addEventListener('change', () => {
    redrawCode();
    report();
  });
  q('#train-panel').addEventListener('click', () => setTimeout(report, 0));

  // The views load on their own: the panel works before (and without) them.
  // Each import is written out so that a bundler sees it.
  const mount = async (name, load, sel) => {
    try {
      const mod = await load();
      views[name] = mod.create(q(sel), { t });
    } catch (err) {
      console.warn('unroll: training view', name, err);
    }
  };
  const loaded = Promise.all([
    mount('stages', () => import('./views/stages.js'), '#train-stages'),
    mount('loss', () => import('./views/losschart.js'), '#train-loss'),
    mount('pred', () => import('./views/predchart.js'), '#train-pred'),
    mount('code', () => import('./views/kerascode.js'), '#train-code'),
    mount('why', () => import('./views/why.js'), '#train-why'),
    mount('textscore', () => import('./views/textscore.js'), '#train-textscore'),
  ]).then(() => redrawViews(getState()));

  function redrawViews(state) {
    views.stages?.update(state, ts.prepare);
    views.loss?.update(state, { epochs: ts.config?.epochs || 0, history: ts.history, batch_progress: ts.batches });
    views.pred?.update(state, ts.predict);
    views.why?.update(state, ts.predict);
    const c = ts.config || panel.config();
    if (c) views.code?.update(state, codeArgs(c, ts.prepare?.stock));
    views.textscore?.update(state, ts.text && { ...ts.text, history: ts.history });
  }

  // The loss chart gets progress in bunches, CHART_MS apart: it redraws once
  // per bunch rather than after every chunk of batches.
  const CHART_MS = 100;
  let pending = [];
  let chartTimer = 0;
  function flushChart() {
    clearTimeout(chartTimer);
    chartTimer = 0;
    for (const p of pending) {
      if ('val_loss' in p) views.loss?.addEpoch(p);
      else views.loss?.addBatch(p);
    }
    pending = [];
  }
  function toChart(p) {
    pending.push(p);
    if (!chartTimer) chartTimer = setTimeout(flushChart, CHART_MS);
  }

  // render draws the panel once per animation frame, however often progress arrives.
  function render() {
    nextFrame(drawPanel);
  }
  // The training history's CSV, under the loss chart, once a training has ended.
  const historyButton = document.createElement('button');
  q('#train-loss').after(historyButton);
  const historyExport = createHistoryExport(historyButton, { t, history: () => ts.history, name: () => exportName('history', getState(), 'csv') });
  function drawPanel() {
    panel.update(getState(), ts);
    historyExport.update(ts.status === 'done' || ts.status === 'stopped');
  }
  const set = (patch) => {
    ts = { ...ts, ...patch };
    render();
  };

  const message = (err) => errorText(toError(err));

  async function control(op, status) {
    try {
      await engine.call(op, {});
      if (status && (ts.status === 'training' || ts.status === 'paused')) set({ status });
    } catch (err) {
      set({ error: message(err) });
    }
  }

  function onProgress(p) {
    if (p.epoch_end) {
      const rec = { epoch: p.epoch, loss: p.loss, val_loss: p.val_loss ?? null };
      ts.history = [...ts.history, rec];
      toChart(rec);
    } else {
      ts.progress = p;
      ts.batches.push(p);
      toChart(p);
    }
    render();
  }

  // startText trains a next-character model on the Text source's text (train_text_prepare:
  // core/lecture's TextJob), then measures it and the bigram baseline on the held-out part.
  async function startText(c) {
    const args = textSource.args(c);
    const sample = textSource.sample();
    views.code?.update(getState(), args);
    set({ status: 'preparing' });
    const prepare = await engine.call('train_text_prepare', args);
    set({ status: 'training', text: { prepare, score: null } });
    redrawViews(getState());
    const res = await engine.call('train', {}, { onProgress });
    flushChart();
    set({ status: 'predicting', model: res.model, elapsedMs: res.elapsed_ms, history: res.history.map((h) => ({ ...h, val_loss: h.val_loss ?? null })) });
    const score = await engine.call('predict', {});
    set({ text: { prepare, score } });
    redrawViews(getState());
    if (res.model) onTrained(res.model, { text: args.name, epochs: res.history.length, sample });
    set({ status: res.stopped ? 'stopped' : 'done' });
  }

  async function start(c) {
    ts = { ...fresh(), status: 'loading', config: c };
    render();
    await loaded;
    const state = getState();
    pending = [];
    views.loss?.reset(c.epochs);
    views.stages?.update(state, null);
    views.pred?.update(state, null);
    views.why?.update(state, null);
    views.textscore?.update(state, null);
    try {
      if (textSource.text() !== null) return await startText(c);
      // The stock picker loads the months it names (its progress bar and its messages).
      const body = await panel.loadSeries();
      if (!body) {
        set({ status: 'idle' });
        return;
      }
      c.code = body.code;
      Object.assign(c, body.requested || {});
      const args = prepareArgs(c, body);
      views.code?.update(getState(), args);
      const rows = body.rows;
      args.series = {
        dates: rows.map((r) => r.date),
        columns: Object.fromEntries(args.features.map((f) => [f, rows.map((r) => r[f] ?? null)])),
      };
      set({ status: 'preparing' });
      const prepare = await engine.call('train_prepare', args);
      set({ prepare, status: 'training' });
      views.stages?.update(getState(), prepare);
      const res = await engine.call('train', {}, { onProgress });
      flushChart();
      // Done (or stopped) once the predictions are drawn and the model is handed to the page.
      set({ status: 'predicting', model: res.model, elapsedMs: res.elapsed_ms, history: res.history.map((h) => ({ ...h, val_loss: h.val_loss ?? null })) });
      const predict = await engine.call('predict', {});
      set({ predict });
      views.pred?.update(getState(), predict);
      views.why?.update(getState(), predict);
      if (res.model) {
        onTrained(res.model, { stock: c.code, name: body.name || '', from: c.from, to: c.to, epochs: res.history.length });
      }
      set({ status: res.stopped ? 'stopped' : 'done' });
    } catch (err) {
      console.warn('unroll: training:', err?.code || '', err?.message || err);
      set({ status: 'error', error: message(err) });
    }
  }

  return {
    update(state) {
      textSource.update(state);
      if (TRAIN_KEYS.some((k) => !Object.is(state[k], shownSettings[k]))) {
        shownSettings = state;
        panel.apply(state);
        redrawCode();
      }
      if (state.lang !== lang) {
        lang = state.lang;
        redrawViews(state);
      }
      render();
    },
    // for tests and measurements
    get state() {
      return ts;
    },
  };
}
