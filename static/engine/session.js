// What the page asks of the engine for one state: the model (set_model, only
// when its spec changed) and the trace of the input the state names. Loads
// run one at a time, in order, and a load superseded before it starts is
// skipped. A load that fails puts the previous model back, so the engine
// always holds the model of the state on screen.

import { fetchDaily } from '../api.js';
import { parseData } from '../state.js';

export const FIT_FRAC = 0.7; // the training part, on which the price scaler is fitted

export class StaleLoad extends Error {}

const specOf = (s) => ({ cell: s.cell, units: s.units, inputs: 1, seed: s.seed, steps: s.steps });

// createSession(engine) → {load(state) → Promise<{result, stock}>}
export function createSession(engine) {
  let specKey = null; // the spec the engine holds
  let spec = null;
  let chain = Promise.resolve();
  let latest = 0;

  async function setSpec(next) {
    const key = JSON.stringify(next);
    if (key === specKey) return;
    await engine.call('set_model', { spec: next });
    spec = next;
    specKey = key;
  }

  // inputFor turns the state's data into the trace request's input.
  async function inputFor(state) {
    const data = parseData(state.data);
    if (!data) throw Object.assign(new Error('bad data'), { code: 'bad_request' });
    if (data.kind === 'seq') return { input: { kind: 'seq', text: data.text }, stock: null };
    if (data.kind === 'sine') return { input: { kind: 'sine', period: data.period }, stock: null };
    const body = await fetchDaily(data.code, data.from, data.to);
    const days = body.rows.filter((r) => r.close !== null && r.close !== undefined);
    if (days.length === 0) throw Object.assign(new Error('no rows'), { code: 'no_rows', message_zh: '沒有交易資料' });
    const dates = days.map((r) => r.date);
    // The window ends on the last trading day on or before state.end ('' = the last one).
    let end = dates.length - 1;
    if (state.end) {
      end = -1;
      for (let k = 0; k < dates.length && dates[k] <= state.end; k++) end = k;
      end = Math.max(end, 0);
    }
    const stock = { code: body.code || data.code, name: body.name || '', market: body.market || '', source: body.source || '', dates, from: data.from, to: data.to };
    return { input: { kind: 'prices', series: days.map((r) => r.close), dates, end, fit_frac: FIT_FRAC }, stock };
  }

  async function run(state, id) {
    if (id !== latest) throw new StaleLoad('superseded');
    const before = spec;
    const { input, stock } = await inputFor(state);
    await setSpec(specOf(state));
    try {
      const result = await engine.call('trace', { input });
      return { result, stock };
    } catch (err) {
      if (before && specKey !== JSON.stringify(before)) {
        await setSpec(before).catch(() => {});
      }
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
  };
}
