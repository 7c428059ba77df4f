// The neuron view's network as data: a node per input x_t[k] (the one-hot index for a text), per unit
// s_t[j] (and c_t[j] for LSTM) and per output o_t[k], and a link per weight of one gate's U and W
// and of V, each with the engine's weight (graph.weights) and the term it adds at its step
// (result.contrib: weight × the activation it carries). Nothing here computes a model value.
import { NEURONS } from '../config.js';
import { gateOrder, weightsOf } from './common.js';

// Node and link ids: "x/3/0" (x_3[0]), "h/3/1" (s_3[1]), "c/3/1", "y/10/0" (o_10[0]).
export const nodeId = (kind, t, k) => `${kind}/${t}/${k}`;

// stepWindows are the first steps of the ranges a student can pick for T steps.
export function stepWindows(T) {
  const out = [];
  for (let from = 1; from <= Math.max(1, T - NEURONS.steps + 1); from += NEURONS.steps / 2) out.push(from);
  const last = Math.max(1, T - NEURONS.steps + 1);
  if (out[out.length - 1] !== last) out.push(last);
  return out;
}

// neuronGraph(result, gate) → {gate, gates, n, shown, T, from, to, text, inputs, units, cells,
// outputs, links}, or null when the trace has no contrib. gate is one of the cell's gates (the
// first when it is not).
export function neuronGraph(result, gate) {
  const C = result && result.contrib;
  if (!C || !C.steps || !C.steps.length) return null;
  const gates = gateOrder(result);
  if (!gates.includes(gate)) gate = gates[0];
  const gi = gates.indexOf(gate);
  const { U, W, V } = weightsOf(result);
  const n = result.model.units;
  const shown = C.units; // units 0..shown−1 are drawn
  const text = result.input && result.input.kind === 'text';
  const tokens = (result.input && result.input.tokens) || [];
  const chars = (result.input && result.input.chars) || [];
  const g = { gate, gates, n, shown, T: result.steps.length, from: C.from, to: C.to, text, inputs: [], units: [], cells: [], outputs: [], links: [] };
  const outputs = new Map(); // step → its o_t
  if (result.outputs) result.outputs.forEach((o, k) => outputs.set(k + 1, o));
  else outputs.set(result.steps.length, result.output);

  for (const sc of C.steps) {
    const t = sc.t;
    const step = result.steps[t - 1];
    const terms = sc.gates[gate];
    const rows = text ? [tokens[t - 1]] : step.x.map((_, k) => k);
    for (const k of rows) {
      const id = nodeId('x', t, k);
      g.inputs.push({ id, kind: 'x', t, k, row: text ? 0 : k, value: step.x[k], label: text ? chars[t - 1] : null });
      for (let j = 0; j < shown; j++) {
        g.links.push({ kind: 'U', t, from: id, to: nodeId('h', t, j), weight: U.values[k][gi * n + j], contrib: terms.u[k][j] });
      }
    }
    for (let j = 0; j < shown; j++) {
      g.units.push({ id: nodeId('h', t, j), kind: 'h', t, k: j, value: step.h[j] });
      if (step.c) g.cells.push({ id: nodeId('c', t, j), kind: 'c', t, k: j, value: step.c[j] });
    }
    if (t > C.from) {
      for (let m = 0; m < shown; m++) {
        for (let j = 0; j < shown; j++) {
          g.links.push({ kind: 'W', t, from: nodeId('h', t - 1, m), to: nodeId('h', t, j), weight: W.values[m][gi * n + j], contrib: terms.w[m][j] });
        }
      }
    }
    if (sc.v && outputs.has(t)) {
      // A text's o_t has one logit per character: the view draws the most likely one.
      const ks = text ? [result.top[t - 1][0]] : outputs.get(t).map((_, k) => k);
      for (const k of ks) {
        const id = nodeId('y', t, k);
        g.outputs.push({ id, kind: 'y', t, k, value: outputs.get(t)[k], label: text ? result.input.vocab[k] : null });
        for (let j = 0; j < shown; j++) {
          g.links.push({ kind: 'V', t, from: nodeId('h', t, j), to: id, weight: V.values[j][k], contrib: sc.v[j][k] });
        }
      }
    }
  }
  return g;
}

// termsOf(result, graph, id) → {symbol, t, unit, pre, act, bias, terms: [link…] by |term|, largest
// first} for a unit (the selected gate's pre-activation) or an output node; null for others.
export function termsOf(result, graph, id) {
  const [kind, ts, ks] = id.split('/');
  const t = Number(ts);
  const k = Number(ks);
  const sc = result.contrib.steps.find((s) => s.t === t);
  if (!sc || (kind !== 'h' && kind !== 'y')) return null;
  const terms = graph.links.filter((l) => l.to === id).sort((a, b) => Math.abs(b.contrib) - Math.abs(a.contrib));
  const step = result.steps[t - 1];
  if (kind === 'y') {
    const o = graph.outputs.find((n) => n.id === id);
    return { symbol: 'y', t, unit: k, pre: o.value, act: null, bias: weightsOf(result).V.bias[k], terms, hidden: result.model.units - graph.shown };
  }
  const gate = graph.gate;
  const act = gate === 'h' ? step.h[k] : step.gates[gate][k];
  return { symbol: gate, t, unit: k, pre: step.terms[gate].pre[k], act, bias: sc.gates[gate].b[k], terms, hidden: result.model.units - graph.shown };
}
