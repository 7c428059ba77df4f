// Writes the fixtures of the training views' harness (test/browser/train-views/fixtures/) from the
// shipped 2330 closes (web/offline/data/2330.csv), following the training data contract: the
// PrepareResult of `train_prepare` (windows, split and scaler exactly as core/series.Prepare does
// them), a loss history, and a `predict` result. The loss values and the predictions are made up
// (plausible, seeded); they only give the views realistic numbers to draw.
// Run: node test/browser/train-views/make-fixtures.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const OUT = path.join(HERE, 'fixtures');

const lines = fs.readFileSync(path.join(ROOT, 'web/offline/data/2330.csv'), 'utf8').trim().split('\n');
const header = lines[0].split(',');
const all = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, j) => [header[j], j === 0 ? v : Number(v)])));

// A small seeded PRNG (mulberry32) and a normal deviate.
function rng(seed) {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { u, n: () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u()) };
}

function prepare({ from, to, features, steps, split, model, train }) {
  const rows = all.filter((r) => r.date.slice(0, 7) >= from && r.date.slice(0, 7) <= to);
  const n = rows.length;
  const nw = n - steps;
  const nTrain = Math.floor(split.train * nw + 1e-9);
  const nVal = Math.floor(split.val * nw + 1e-9);
  const fitEnd = nTrain + steps;
  const min = features.map((f) => Math.min(...rows.slice(0, fitEnd).map((r) => r[f])));
  const max = features.map((f) => Math.max(...rows.slice(0, fitEnd).map((r) => r[f])));
  const raw = Object.fromEntries(features.map((f) => [f, rows.map((r) => r[f])]));
  const scaled = Object.fromEntries(features.map((f, j) => [f, rows.map((r) => (r[f] - min[j]) / (max[j] - min[j]))]));
  const target = features.indexOf('close');
  const cell = model.cell;
  const g = { rnn: 1, lstm: 4, gru: 3 }[cell];
  const u = model.units;
  const i = features.length;
  const rnn = g * (u * (u + i) + u) + (cell === 'gru' ? g * u : 0);
  const pick = (f, k) => (features.length === 1 ? raw[f][k] : features.map((ff) => raw[ff][k]));
  const pickS = (f, k) => (features.length === 1 ? scaled[f][k] : features.map((ff) => scaled[ff][k]));
  return {
    rows: n,
    dates: rows.map((r) => r.date),
    raw,
    scaled,
    scaler: { features, min, max },
    fit_rows: { start: 0, end: fitEnd },
    windows: nw,
    window_dates: rows.slice(steps).map((r) => r.date),
    split: { train: { start: 0, end: nTrain }, val: { start: nTrain, end: nTrain + nVal }, test: { start: nTrain + nVal, end: nw } },
    batches_per_epoch: Math.ceil(nTrain / train.batch),
    steps,
    target: 'close',
    stock: { code: '2330', name: '台積電', from, to, source: 'offline' },
    windows_preview: Array.from({ length: 5 }, (_, k) => ({
      dates: rows.slice(k, k + steps).map((r) => r.date),
      x: Array.from({ length: steps }, (_, s) => pick('close', k + s)),
      x_scaled: Array.from({ length: steps }, (_, s) => pickS('close', k + s)),
      y: raw.close[k + steps],
      y_scaled: scaled.close[k + steps],
      y_date: rows[k + steps].date,
    })),
    model: {
      cell: { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' }[cell], units: u, inputs: i, steps, seed: model.seed,
      activation: 'tanh', recurrent_activation: 'sigmoid', params: { g, n: u, i, rnn, dense: u + 1, total: rnn + u + 1 }, source: 'seed',
    },
    _target_index: target,
  };
}

function history(prep, epochs, seed) {
  const r = rng(seed);
  const hist = [];
  const batches = [];
  const B = prep.batches_per_epoch;
  for (let e = 1; e <= epochs; e++) {
    const base = 2.6e-4 + 0.03 * Math.exp(-(e - 1) * 0.9) + 0.004 * Math.exp(-(e - 1) * 0.25);
    for (let b = 1; b <= B; b++) {
      const frac = (e - 1 + b / B);
      const lvl = 2.6e-4 + 0.03 * Math.exp(-(frac - 0.3) * 0.9) + 0.004 * Math.exp(-frac * 0.25);
      batches.push({ epoch: e, epochs, batch: b, batches: B, loss: Math.max(2e-5, Math.min(0.25, lvl * Math.exp(0.45 * r.n()))) });
    }
    hist.push({ loss: base, val_loss: 6.5e-4 + 0.02 * Math.exp(-(e - 1) * 0.7) + 1.5e-4 * r.n() * Math.exp(-e * 0.1) });
  }
  return { epochs, batches_per_epoch: B, history: hist, batch_progress: batches };
}

function predict(prep, seed) {
  const r = rng(seed);
  const { start, end } = prep.split.test;
  const T = prep.steps;
  const c = prep.raw.close;
  const dates = [];
  const actual = [];
  const predicted = [];
  const baseline = [];
  let drift = 0;
  for (let k = start; k < end; k++) {
    const last = c[k + T - 1];
    const prev = c[k + T - 2];
    drift = 0.8 * drift + 0.004 * r.n();
    dates.push(prep.window_dates[k]);
    actual.push(c[k + T]);
    baseline.push(last);
    predicted.push(Math.round((last * (0.985 + drift) + 0.1 * (last - prev)) * 100) / 100);
  }
  const rmse = (p) => Math.sqrt(p.reduce((s, v, k) => s + (v - actual[k]) ** 2, 0) / p.length);
  const mae = (p) => p.reduce((s, v, k) => s + Math.abs(v - actual[k]), 0) / p.length;
  return {
    test: { dates, actual, predicted, baseline },
    rmse: { model: rmse(predicted), baseline: rmse(baseline) },
    mae: { model: mae(predicted), baseline: mae(baseline) },
  };
}

const configs = {
  close: {
    stock: { code: '2330', name: '台積電', from: '2015-01', to: '2026-06', source: 'offline' },
    features: ['close'], target: 'close', steps: 10, split: { train: 0.7, val: 0.15 },
    model: { cell: 'lstm', units: 50, seed: 1 }, train: { epochs: 20, batch: 32, lr: 0.001, optimizer: 'adam' },
  },
  ohlcv: {
    stock: { code: '2330', name: '台積電', from: '2023-01', to: '2026-06', source: 'offline' },
    features: ['open', 'high', 'low', 'close', 'volume'], target: 'close', steps: 20, split: { train: 0.7, val: 0.15 },
    model: { cell: 'gru', units: 32, seed: 7 }, train: { epochs: 12, batch: 64, lr: 0.005, optimizer: 'rmsprop' },
  },
};

fs.mkdirSync(OUT, { recursive: true });
for (const [name, cfg] of Object.entries(configs)) {
  const prep = prepare({ ...cfg, from: cfg.stock.from, to: cfg.stock.to });
  delete prep._target_index;
  // Six significant digits keep the files small; the views draw whatever the files hold.
  const round = (k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v);
  const write = (file, obj) => fs.writeFileSync(path.join(OUT, file), JSON.stringify(obj, round) + '\n');
  write(`config-${name}.json`, cfg);
  write(`prepare-${name}.json`, prep);
  write(`history-${name}.json`, history(prep, cfg.train.epochs, name === 'close' ? 11 : 12));
  write(`predict-${name}.json`, predict(prep, name === 'close' ? 21 : 22));
  console.log(name, prep.rows, 'rows', prep.windows, 'windows', JSON.stringify(prep.split), prep.scaler.min, prep.scaler.max);
}
