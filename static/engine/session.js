// What the page asks of the engine for one state: the model (set_model with
// the state's spec for a seeded model, use_model for the trained or imported
// one; only when it is not already the engine's) and the trace of the input
// the state names. Loads run one at a time, in order, and a load superseded
// before it starts is skipped. A load that fails puts the previous model back,
// so the engine always holds the model of the state on screen.
//
// A state asking for the trained or imported model when the engine has none
// (a reloaded link with model=trained: weights do not live in the URL) gets
// the seeded model of its spec instead, and the load says so: {fallback}.

import { fetchRange } from '../api.js';
import { parseData } from '../state.js';
import ENGINE from '../gen/limits.js';
import { NEURONS } from '../config.js';
import { sequenceOf } from '../memory/sequences.js';

export const FIT_FRAC = ENGINE.split.train; // the training part, on which the price scaler is fitted (core/lecture)

export class StaleLoad extends Error {}

const specOf = (s) => ({ cell: s.cell, units: s.units, inputs: 1, seed: s.seed, steps: s.steps });
const COLUMNS = ENGINE.features.ohlcv.filter((c) => c !== ENGINE.target); // sent beside the closes

// createSession(engine) → {load(state) → Promise<{result, stock, fallback}>, holds(source, model)}
export function createSession(engine) {
  let held = null; // {key, op, args, inputs}: what the engine holds, and how to ask for it again
  let chain = Promise.resolve();
  let latest = 0;

  async function hold(want) {
    if (held?.key === want.key) return;
    const res = await engine.call(want.op, want.args);
    held = { ...want, inputs: res?.model?.inputs ?? 1 };
  }

  // setModel makes the engine hold the state's model; it returns the source
  // it could not restore, if any.
  async function setModel(state) {
    const source = state.model === 'trained' || state.model === 'imported' ? state.model : null;
    if (source) {
      try {
        await hold({ key: source, op: 'use_model', args: { source } });
        return null;
      } catch (err) {
        if (err?.code !== 'no_model') throw err;
      }
    }
    const spec = specOf(state);
    await hold({ key: JSON.stringify(spec), op: 'set_model', args: { spec } });
    return source;
  }

  // inputFor turns the state's data into the trace request's input.
  async function inputFor(state, inputs) {
    const data = parseData(state.data);
    if (!data) throw Object.assign(new Error('bad data'), { code: 'bad_request' });
    if (data.kind === 'seq') return { input: { kind: 'seq', text: data.text }, stock: null };
    if (data.kind === 'sine') return { input: { kind: 'sine', period: data.period }, stock: null };
    if (data.kind === 'text') return { input: { kind: 'text', text: data.text }, stock: null };
    if (data.kind === 'memory') { // the Why LSTM sequence, kept in this page with its trained model
      const q = sequenceOf(state.data);
      if (!q) throw Object.assign(new Error('The Why LSTM sequence is not in this page: train the experiment again.'), { code: 'memory_gone', message_zh: '這個頁面沒有這條「為什麼需要 LSTM」序列：請重新訓練那個實驗。' });
      return { input: { kind: 'seq', values: q.x }, stock: null };
    }
    const body = await fetchRange(data.code, data.from, data.to);
    const days = body.rows.filter((r) => r.close !== null && r.close !== undefined);
    if (days.length === 0) throw Object.assign(new Error('no rows'), { code: 'no_rows', message_zh: '沒有交易資料' });
    const dates = days.map((r) => r.date);
    const stock = { code: body.code || data.code, name: body.name || '', market: body.market || '', source: body.source || '', dates, from: data.from, to: data.to };
    const input = { kind: 'prices', series: days.map((r) => r.close), dates, fit_frac: FIT_FRAC };
    // The window ends on the last trading day on or before state.end; with no
    // state.end the engine picks the default (the last day the scaler saw).
    if (state.end) {
      let end = -1;
      for (let k = 0; k < dates.length && dates[k] <= state.end; k++) end = k;
      input.end = Math.max(end, 0);
    }
    // A model reading several values per day gets the other columns too.
    if (inputs > 1) input.columns = Object.fromEntries(COLUMNS.map((c) => [c, days.map((r) => r[c] ?? null)]));
    return { input, stock };
  }

  async function run(state, id) {
    if (id !== latest) throw new StaleLoad('superseded');
    const before = held;
    const fallback = await setModel(state);
    try {
      const { input, stock } = await inputFor(state, held?.inputs ?? 1);
      // The neuron view draws every weight's term of the pre-activations (nn.Contrib).
      const contrib = state.view === 'neurons' ? { contrib: { from: state.nfrom, to: state.nfrom + NEURONS.steps - 1, units: NEURONS.units } } : {};
      const result = await engine.call('trace', { input, ...contrib });
      return { result, stock, fallback };
    } catch (err) {
      if (before && held?.key !== before.key) await hold(before).catch(() => {});
      throw err;
    }
  }

  return {
    load(state) {
      const id = ++latest;
      const p = chain.then(() => run(state, id));
      chain = p.catch(() => {});
      return p;
    },
    // holds tells the session that the engine now holds the trained or
    // imported model (training ended, a file was imported): model is its ModelInfo.
    holds(source, model) {
      held = { key: source, op: 'use_model', args: { source }, inputs: model?.inputs ?? 1 };
    },
  };
}
