// The training panel: the lecture's choices as a form (stock and months,
// features → INPUT_SIZE, cell, units, TIME_STEPS, seed, epochs, batch size,
// learning rate, optimizer), the Train button, and while training a progress
// bar with epoch, batch and time left, and pause / resume / stop. It shows
// what the controller reports; it computes nothing.
//
// The panel's data-train-state is the controller's status as drawn (idle |
// loading | preparing | training | paused | predicting | done | stopped |
// error), set with the buttons in the same update: pause and stop are enabled
// exactly while it is training or paused, and done or stopped come once the
// test-range predictions are drawn and the trained model is handed to the page.

import { el } from '../format.js';
import { createStockPicker } from '../controls/stock.js';
import { TRAIN_KEYS, TRAIN_SETTINGS, TRAIN_LIMITS, MIN_TEST_WINDOWS, parseTrainStock, formatTrainStock } from '../state.js';
import { checkNumber, limitText } from '../controls/limits.js';
import { nextFrame } from '../ticker.js';
import { i18nText } from '../i18n.js';
import ENGINE from '../gen/limits.js'; // the engine's split (core/lecture)

// splitPercents are the engine's time-ordered split as whole percentages, for the note under the form.
const splitPercents = () => {
  const pc = (x) => String(Math.round(x * 1000) / 10);
  const { train, val } = ENGINE.split;
  return { train: pc(train), val: pc(val), test: pc(1 - train - val) };
};

// The form's defaults: the training keys' defaults (state.js), by field.
const S = TRAIN_SETTINGS;
export const TRAIN_DEFAULTS = Object.freeze({
  ...parseTrainStock(S.tstock), // code, from, to
  features: S.tfeat, // 'close' | 'ohlcv'
  cell: S.tcell,
  units: S.tunits,
  steps: S.tsteps,
  seed: S.tseed,
  epochs: S.tepochs,
  batch: S.tbatch,
  lr: S.tlr,
  optimizer: S.topt,
  target: S.ttarget, // 'price' | 'window' | 'logret'
  walk: S.twalk,
});

// Ranges of the numeric fields: the page's limits of the training keys (state.js).
const BOUNDS = { units: TRAIN_LIMITS.tunits, steps: TRAIN_LIMITS.tsteps, seed: TRAIN_LIMITS.tseed, epochs: TRAIN_LIMITS.tepochs, batch: TRAIN_LIMITS.tbatch, lr: TRAIN_LIMITS.tlr };
const NUMERIC = Object.keys(BOUNDS);
const LABELS = { units: 'train.units', steps: 'train.steps', seed: 'train.seed', epochs: 'train.epochs', batch: 'train.batch', lr: 'train.lr' };
const CODE_RE = /^\s*([0-9A-Za-z]{4,6})(?=\s|$)/;

const fmtTime = (ms) => {
  if (!Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};

// createPanel(container, {t, onTrain(config), onPause(), onResume(), onStop(), onStepThrough()})
//   → {update(state, ts), config(), settings(), apply(state), loadSeries()}; ts is the controller's
//   state (see controller.js). settings() and apply() are the form as the page state's training
//   keys (state.js TRAIN_SETTINGS: tstock, tfeat, tcell, tunits, …), which the URL hash carries.
// The stock and its months are chosen with the page's stock picker (controls/stock.js);
// loadSeries() loads what it names, with its progress bar.
export function createPanel(container, { t, onTrain, onPause, onResume, onStop, onStepThrough }) {
  const L = (key, vars) => el('span', { 'data-i18n': key, ...(vars && { 'data-i18n-vars': JSON.stringify(vars) }) }, t(key, vars));
  const num = (name, attrs = {}) => el('input', { name, type: 'number', required: true, inputmode: 'decimal', ...attrs });
  // A segmented choice: buttons of one name, the chosen one pressed.
  const choice = (name, value, key, text) => el('button', { type: 'button', name, value, 'aria-pressed': 'false' }, key ? L(key) : text);
  const field = (key, input, cls = 'field') => el('label', { class: cls }, L(key), input);

  // The data: a stock and its months, in the stock picker (its own form, before ours).
  const stockBox = el('fieldset', { class: 'train-group train-stock' }, el('legend', {}, L('train.data')));
  container.append(stockBox);
  const d = TRAIN_DEFAULTS;
  const picker = createStockPicker(stockBox, { t, idPrefix: 'train-stock', initial: { code: d.code, name: '台積電', from: d.from, to: d.to } });
  const stockInput = (part) => stockBox.querySelector(`#train-stock-${part}`);

  const f = {
    units: num('units', { min: BOUNDS.units[0], max: BOUNDS.units[1], step: 1 }),
    steps: num('steps', { min: BOUNDS.steps[0], max: BOUNDS.steps[1], step: 1 }),
    seed: num('seed', { min: BOUNDS.seed[0], max: BOUNDS.seed[1], step: 1 }),
    epochs: num('epochs', { min: BOUNDS.epochs[0], max: BOUNDS.epochs[1], step: 1 }),
    batch: num('batch', { min: BOUNDS.batch[0], max: BOUNDS.batch[1], step: 1 }),
    lr: num('lr', { min: BOUNDS.lr[0], max: BOUNDS.lr[1], step: 'any' }),
    optimizer: el('select', { name: 'optimizer' }, ...['adam', 'rmsprop', 'sgd'].map((o) => el('option', { value: o }, o === 'adam' ? 'Adam' : o === 'rmsprop' ? 'RMSprop' : 'SGD'))),
  };
  // A value out of range: what is allowed, under the row of its field.
  const limitBoxes = {
    model: el('p', { class: 'error field-error', id: 'train-limit-model', role: 'alert', hidden: true }),
    fit: el('p', { class: 'error field-error', id: 'train-limit-fit', role: 'alert', hidden: true }),
  };
  const ROW = { units: 'model', steps: 'model', seed: 'model', epochs: 'fit', batch: 'fit', lr: 'fit' };
  const typedBad = {}; // field → its failed check
  const start = el('button', { type: 'submit', class: 'train-start', id: 'train-start' }, L('train.start'));
  // The forecast target (the lecture's first) and walk-forward evaluation, with what the target may see.
  const walk = el('input', { type: 'checkbox', name: 'walk', id: 'train-walk' });
  const sees = el('p', { class: 'hint train-sees', id: 'train-sees' });
  const form = el('form', { class: 'train-form', id: 'train-form', novalidate: true },
    el('fieldset', { class: 'seg seg-buttons train-features' }, el('legend', {}, L('train.features')),
      choice('t-features', 'close', 'train.features_close'), choice('t-features', 'ohlcv', 'train.features_ohlcv')),
    el('fieldset', { class: 'seg seg-buttons train-target' }, el('legend', {}, L('fc.target')), ...ENGINE.forecasts.map((v) => choice('t-target', v, `fc.target.${v}`))),
    el('label', { class: 'train-walk' }, walk, ' ', L('fc.walk')),
    sees,
    el('fieldset', { class: 'train-group' }, el('legend', {}, L('train.model')),
      el('div', { class: 'seg seg-buttons train-cell', role: 'group' }, choice('t-cell', 'rnn', null, 'SimpleRNN'), choice('t-cell', 'lstm', null, 'LSTM'), choice('t-cell', 'gru', null, 'GRU')),
      el('div', { class: 'field-row' }, field('train.units', f.units), field('train.steps', f.steps), field('train.seed', f.seed)),
      limitBoxes.model),
    el('fieldset', { class: 'train-group' }, el('legend', {}, L('train.fit')),
      el('div', { class: 'field-row' }, field('train.epochs', f.epochs), field('train.batch', f.batch), field('train.lr', f.lr), field('train.optimizer', f.optimizer)),
      limitBoxes.fit),
    el('p', { class: 'hint' }, L('train.split_note', splitPercents())),
    start);

  const bar = el('progress', { id: 'train-progress', max: '1', value: '0' });
  const progressText = el('p', { class: 'train-progress-text', id: 'train-progress-text', 'aria-live': 'off' });
  const pause = el('button', { type: 'button', id: 'train-pause', class: 'train-pause' });
  const stop = el('button', { type: 'button', id: 'train-stop', class: 'train-stop' }, L('train.stop'));
  const summary = el('p', { class: 'train-summary', id: 'train-summary' });
  const result = el('p', { class: 'train-result', id: 'train-result', role: 'status' });
  const stepThrough = el('button', { type: 'button', id: 'train-step-through', class: 'train-step-through', hidden: true }, L('train.step_through'));
  const error = el('p', { class: 'error', id: 'train-error', role: 'alert', hidden: true });
  const status = el('div', { class: 'train-status', hidden: true }, bar, progressText, el('div', { class: 'train-buttons' }, pause, stop));
  container.append(form, status, summary, result, stepThrough, error);

  // Defaults.
  for (const k of ['units', 'steps', 'seed', 'epochs', 'batch', 'lr', 'optimizer']) f[k].value = String(d[k]);
  const press = (name, value) => {
    for (const b of form.querySelectorAll(`button[name="${name}"]`)) b.setAttribute('aria-pressed', String(b.value === value));
  };
  const pressed = (name) => form.querySelector(`button[name="${name}"][aria-pressed="true"]`)?.value;
  press('t-features', d.features);
  press('t-cell', d.cell);
  press('t-target', d.target);
  walk.checked = d.walk;
  // Window and log-return targets read the close alone: choosing the five features chooses the
  // price target (before the choice is pressed, below), choosing another target the close alone.
  form.querySelector('button[name="t-features"][value="ohlcv"]').addEventListener('click', () => press('t-target', 'price'));
  const syncTarget = () => {
    const target = pressed('t-target') || 'price';
    if (target !== 'price' && pressed('t-features') === 'ohlcv') press('t-features', 'close');
    sees.textContent = [t(`fc.sees.${target}`), walk.checked ? t('fc.walk.note') : '', target !== 'price' ? t('fc.close_only') : ''].filter(Boolean).join(' ');
  };
  syncTarget();
  form.addEventListener('change', syncTarget);
  // A choice is a change of the form, as a field's is (the controller listens for those).
  for (const b of form.querySelectorAll('.seg-buttons button')) {
    b.addEventListener('click', () => {
      press(b.name, b.value);
      form.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }

  const checkField = (k) => checkNumber(f[k].value, BOUNDS[k], { integer: k !== 'lr' });

  // showLimits marks the fields holding an out-of-range value and says, under their row, what each allows.
  function showLimits() {
    const lines = { model: [], fit: [] };
    for (const k of NUMERIC) {
      const bad = typedBad[k];
      if (bad) {
        f[k].setAttribute('aria-invalid', 'true');
        f[k].setAttribute('aria-errormessage', limitBoxes[ROW[k]].id);
        lines[ROW[k]].push(limitText(t, t(LABELS[k]), bad));
      } else {
        f[k].removeAttribute('aria-invalid');
        f[k].removeAttribute('aria-errormessage');
      }
    }
    for (const [row, box] of Object.entries(limitBoxes)) {
      const text = lines[row].join('\n');
      box.hidden = !text;
      if (box.textContent !== text) box.textContent = text;
    }
  }
  for (const k of NUMERIC) {
    f[k].addEventListener('change', () => {
      const bad = checkField(k);
      if (bad) typedBad[k] = bad;
      else delete typedBad[k];
      showLimits();
    });
  }

  // config reads the form; it returns null (and marks the fields) when a value is out of range.
  function config() {
    const n = {};
    for (const k of NUMERIC) {
      const bad = checkField(k);
      if (bad) typedBad[k] = bad;
      else delete typedBad[k];
      n[k] = Number(f[k].value);
    }
    showLimits();
    if (NUMERIC.some((k) => typedBad[k])) return null;
    // The stock as the picker names it (the picker checks it when it loads).
    const code = (CODE_RE.exec(stockInput('code')?.value || '')?.[1] || '').toUpperCase();
    return {
      code, from: stockInput('from')?.value || '', to: stockInput('to')?.value || '',
      features: pressed('t-features') || 'close',
      cell: pressed('t-cell') || 'lstm',
      target: pressed('t-target') || 'price',
      walk: walk.checked,
      ...n,
      optimizer: f.optimizer.value,
    };
  }

  // Hash key → form field of the numeric and select settings.
  const FIELD = { tunits: 'units', tsteps: 'steps', tseed: 'seed', tepochs: 'epochs', tbatch: 'batch', tlr: 'lr', topt: 'optimizer' };

  // settings is the form as training keys, leaving out fields whose value is not valid now.
  function settings() {
    const out = {};
    const code = (CODE_RE.exec(stockInput('code')?.value || '')?.[1] || '').toUpperCase();
    const a = stockInput('from')?.value || '';
    const b = stockInput('to')?.value || '';
    const stock = code && parseTrainStock(formatTrainStock({ code, from: a, to: b }));
    if (stock) out.tstock = formatTrainStock(stock);
    const feat = pressed('t-features');
    if (feat) out.tfeat = feat;
    const cell = pressed('t-cell');
    if (cell) out.tcell = cell;
    const target = pressed('t-target');
    if (target) out.ttarget = target;
    out.twalk = walk.checked;
    for (const [key, k] of Object.entries(FIELD)) {
      if (k === 'optimizer') {
        out[key] = f.optimizer.value;
        continue;
      }
      if (!checkField(k)) out[key] = Number(f[k].value);
    }
    return out;
  }

  // apply fills the form with the state's training keys that changed since the last apply
  // (a field already showing the value is left as typed).
  let applied = {};
  function apply(state) {
    const cur = settings();
    for (const key of TRAIN_KEYS) {
      const v = state[key];
      if (v === undefined || Object.is(applied[key], v)) continue;
      applied[key] = v;
      if (Object.is(cur[key], v)) continue;
      if (key === 'tstock') {
        picker.set(parseTrainStock(v));
      } else if (key === 'tfeat') {
        press('t-features', v);
        if (v === 'ohlcv') press('t-target', 'price');
      }
      else if (key === 'tcell') press('t-cell', v);
      else if (key === 'ttarget' || key === 'twalk') {
        if (key === 'ttarget') press('t-target', state.tfeat === 'ohlcv' ? 'price' : v); // five features: the price target
        else walk.checked = v;
        syncTarget();
      }
      else {
        const input = f[FIELD[key]];
        input.value = String(v);
        delete typedBad[FIELD[key]];
        showLimits();
      }
    }
  }

  let formError = false; // the form was refused: its fields say why
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const c = config();
    formError = !c;
    error.hidden = !!c;
    if (!c) {
      error.textContent = t('train.bad_form');
      return;
    }
    onTrain(c);
    // The progress and the pause and stop buttons sit below the form: bring them into view.
    nextFrame(() => status.scrollIntoView({ block: 'nearest' }));
  });
  pause.addEventListener('click', () => (pause.dataset.paused === 'true' ? onResume() : onPause()));
  stop.addEventListener('click', () => onStop());
  stepThrough.addEventListener('click', () => onStepThrough());

  let lang = null;
  return {
    config,
    settings,
    apply,
    loadSeries: () => picker.load(),
    update(state, ts) {
      if (state.lang !== lang) {
        lang = state.lang;
        for (const s of container.querySelectorAll('[data-i18n]')) s.textContent = i18nText(s);
        picker.relabel();
        showLimits();
        syncTarget();
      }
      const running = ts.status === 'training' || ts.status === 'paused';
      const busy = running || ts.status === 'loading' || ts.status === 'preparing' || ts.status === 'predicting';
      start.disabled = busy;
      for (const fs of form.querySelectorAll('fieldset')) fs.disabled = busy;
      stockBox.disabled = busy && ts.status !== 'loading'; // the picker's cancel works while it loads
      status.hidden = !(busy || ts.progress);
      pause.disabled = !running;
      stop.disabled = !running;
      pause.dataset.paused = String(ts.status === 'paused');
      pause.setAttribute('aria-pressed', String(ts.status === 'paused'));
      pause.textContent = t(ts.status === 'paused' ? 'train.resume' : 'train.pause');

      const p = ts.progress;
      if (ts.status === 'loading') {
        bar.removeAttribute('value');
        progressText.textContent = t('train.loading', { code: ts.config?.code || '' });
      } else if (ts.status === 'preparing') {
        bar.removeAttribute('value');
        progressText.textContent = t('train.preparing');
      } else if (p) {
        bar.value = p.steps ? p.step / p.steps : 0;
        const parts = [t('train.progress', p), t('train.loss_now', { loss: Number.isFinite(p.epoch_loss) ? p.epoch_loss.toPrecision(4) : '—' })];
        if (ts.status === 'paused') parts.push(t('train.paused'));
        else if (ts.status === 'predicting') parts.push(t('train.predicting'));
        else if (running && p.eta_ms !== null && p.eta_ms !== undefined) parts.push(t('train.eta', { eta: fmtTime(p.eta_ms) }));
        else parts.push(t('train.elapsed', { elapsed: fmtTime(p.elapsed_ms) }));
        progressText.textContent = parts.join(' · ');
      }
      bar.dataset.step = String(p?.step ?? 0);
      const pr = ts.prepare;
      summary.textContent = pr ? t('train.rows', { rows: pr.rows, windows: pr.windows, batches: pr.batches_per_epoch, batch: pr.train.batch }) : '';
      const lines = [];
      if (ts.status === 'done') lines.push(t('train.done', { epochs: ts.history.length, elapsed: fmtTime(ts.elapsedMs) }));
      if (ts.status === 'stopped') lines.push(t('train.stopped', { epochs: ts.history.length }));
      if (ts.predict) lines.push(t('train.rmse', { model: ts.predict.rmse.model.toFixed(2), baseline: ts.predict.rmse.baseline.toFixed(2) }));
      const spans = lines.map((line) => el('span', { class: 'train-result-line' }, line));
      const windows = ts.predict?.test?.dates?.length ?? MIN_TEST_WINDOWS;
      if (windows < MIN_TEST_WINDOWS) spans.push(el('span', { class: 'train-result-line train-few-windows' }, t('tv.pred.fewWindows', { n: windows, min: MIN_TEST_WINDOWS })));
      result.replaceChildren(...spans);
      result.dataset.status = ts.status;
      container.dataset.trainState = ts.status;
      result.dataset.epochs = String(ts.history.length);
      result.dataset.elapsedMs = String(ts.elapsedMs || 0);
      stepThrough.hidden = !(ts.status === 'done' || ts.status === 'stopped') || !ts.model;
      if (formError && !NUMERIC.some((k) => typedBad[k])) formError = false;
      error.hidden = !ts.error && !formError;
      if (ts.error) error.textContent = ts.error;
      else if (formError) error.textContent = t('train.bad_form');
    },
  };
}
