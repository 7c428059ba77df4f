// Small helpers shared by the views: the activation colour scale, reading a TraceResult, and the
// lecture's notation in HTML. Numbers are formatted by ../format.js. Nothing here computes a model
// value.
import { ACTIVATION, SIGN } from '../config.js';
import { el } from '../format.js';

// Diverging colour for an activation value in [-max, max] (clamped), with a power curve so that
// small values still show (config ACTIVATION.exponent).
export function activationScale(max = 1) {
  const d3 = globalThis.d3; // the page's d3 (gen/d3.min.js), read when a scale is made
  const colour = d3.scaleLinear().domain(ACTIVATION.domain).range(ACTIVATION.range).interpolate(d3.interpolateLab).clamp(true);
  const mag = d3.scalePow().exponent(ACTIVATION.exponent).domain([0, max || 1]).range([0, 1]).clamp(true);
  return (v) => colour(Math.sign(v) * mag(Math.abs(v)));
}

// Ink that stays readable on top of an activation colour.
export function inkOn(v, max = 1) {
  return Math.pow(Math.abs(v) / (max || 1), ACTIVATION.exponent) > 0.62 ? '#ffffff' : '#0f172a';
}

export function signColor(v) {
  if (v > 0) return SIGN.pos;
  if (v < 0) return SIGN.neg;
  return '#94a3b8';
}

// cellKind names the cell of a result: "rnn" | "lstm" | "gru".
export function cellKind(state, result) {
  const name = String((result && result.model && result.model.cell) || (state && state.cell) || '').toLowerCase();
  if (name.includes('lstm')) return 'lstm';
  if (name.includes('gru')) return 'gru';
  return 'rnn';
}

// The trace names the hidden state h and the output y (as the DOM does: data-symbol, DESIGN.md
// §4); the lecture writes them s_t and o_t. shown is the one place that turns the one into the other.
const SHOWN = { h: 's', y: 'o' };
export const shown = (symbol) => SHOWN[symbol] || symbol;

// gateOrder is the order of the gates in a step's gates and in the kernels' column blocks (Keras
// order, the lecture's names: h | i, f, g, o | z, r, n), as the trace gives it.
export function gateOrder(result) {
  return (result && result.gate_order) || [];
}

// A step's gates are each gate's activation ({i: [..], f: [..], ...}) and its terms each gate's
// parts ({i: {ux, ws, b, pre}, ...}, pre = ux + ws + b). A SimpleRNN has no gates: its one block h
// has terms, and its activation is s_t, the step's h. gateAct and gateTerms read them by name.
export function gateAct(step, name) {
  return name === 'h' ? step.h : step.gates && step.gates[name];
}

export function gateTerms(step, name) {
  return step.terms && step.terms[name];
}

// gateColumn is the column of a gate's unit j in the Keras kernel layout (blocks i,f,c,o / z,r,h).
export function gateColumn(order, gate, units, j) {
  return order.indexOf(gate) * units + j;
}

// weightsOf returns the first layer's shared matrices of a trace's graph, {U, W, V}: each the
// engine's matrix {values, gates, bias, mean, mean_abs, max_abs, norm}, or null.
export function weightsOf(result) {
  const list = (result && result.graph && result.graph.weights) || [];
  const find = (kind) => list.find((w) => w.kind === kind && (kind === 'V' || w.layer === 0)) || null;
  return { U: find('U'), W: find('W'), V: find('V') };
}

// drawnGraph is the part of the engine's graph the views draw: x_t, the first layer's s_t (with
// s_0) and o_t by id, the edges among them in order (initial: the one from s_0, drawn first), and
// how many edges after s_0 use each weight (counts.get("U" | "W" | "V")).
export function drawnGraph(result) {
  const g = (result && result.graph) || {};
  const nodes = new Map((g.nodes || []).filter((n) => n.layer <= 0).map((n) => [n.id, n]));
  const edges = (g.edges || [])
    .filter((e) => nodes.has(e.from) && nodes.has(e.to))
    .map((e) => ({ ...e, initial: nodes.get(e.from).t === 0 }))
    .sort((a, b) => b.initial - a.initial);
  const counts = new Map();
  for (const e of edges) if (!e.initial) counts.set(e.kind, (counts.get(e.kind) || 0) + 1);
  return { nodes, edges, counts };
}

// The symbol an activation function is written with.
export function fnSymbol(name, fallback) {
  switch (String(name || fallback || '').toLowerCase()) {
    case 'sigmoid':
      return 'σ';
    case 'hard_sigmoid':
      return 'hσ';
    case 'relu':
      return 'relu';
    case 'linear':
      return '';
    default:
      return 'tanh';
  }
}

// stepAt returns the trace step for t (1-based), or undefined.
export function stepAt(result, t) {
  if (!result || !result.steps) return undefined;
  return result.steps.find((s) => s.t === t) || result.steps[t - 1];
}

export function stepCount(result) {
  return result && result.steps ? result.steps.length : 0;
}

// currentT clamps state.t into 1..T.
export function currentT(state, result) {
  const T = stepCount(result);
  const t = Math.round(Number(state && state.t) || T);
  return Math.max(1, Math.min(T, t));
}

// sym renders a symbol with an optional subscript and superscript: sym('s', 't−1').
export function sym(name, sub, cls) {
  return el('span', { class: `sym ${cls || ''}`.trim() }, el('i', {}, name), sub ? el('sub', {}, sub) : null);
}

// A lone letter (not part of a word like "tanh"), with an optional mark "^{…}" and an optional
// subscript: "{…}", or letters, digits, ′ and − ("t−1").
const SYM_RE = /(?<![A-Za-z])([A-Za-z][\u2032]?)(?![A-Za-z])(?:\^\{([^}]+)\})?(?:_(\{[^}]+\}|[A-Za-z0-9\u2032\u2212]+))?/gu;

// mathText renders "σ(U_i x_t + W_i s_{t−1} + b_i)" with italic symbols and subscripts. A mark
// written "o^{閘}_t" (the LSTM output gate, told apart from the output o_T) is set above the
// subscript, and the symbol gets the class "marked".
export function mathText(str) {
  const span = el('span', { class: 'math' });
  let last = 0;
  for (const m of str.matchAll(SYM_RE)) {
    if (m.index > last) span.append(str.slice(last, m.index));
    const mark = m[2] || null;
    const sub = m[3] ? m[3].replace(/^\{|\}$/g, '') : null;
    const subNode = sub ? el('sub', {}, sub) : null;
    const tail = mark ? el('span', { class: 'sym-supsub' }, el('sup', { class: 'sym-mark' }, mark), subNode) : subNode;
    span.append(el('span', { class: mark ? 'sym marked' : 'sym' }, el('i', {}, m[1]), tail));
    last = m.index + m[0].length;
  }
  if (last < str.length) span.append(str.slice(last));
  return span;
}

// plainText writes notation for an attribute (aria-label): "o^{閘}_t" → "o閘_t", "s_{t−1}" → "s_t−1".
export function plainText(str) {
  return String(str).replace(/\^\{([^}]+)\}/g, '$1').replace(/_\{([^}]+)\}/g, '_$1');
}

// dims returns "rows×cols" of a matrix.
export function dims(m) {
  return m && m.length ? `${m.length}×${m[0].length}` : '0×0';
}
