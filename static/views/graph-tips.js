// Tooltip contents of the graph views: a node's exact values, a weight's matrix and summary.
import { el, fmt, num } from '../format.js';
import { dims, shown, sym, mathText, weightsOf } from './common.js';
import { tipTitle, tipLine, matrixView } from './tooltip.js';

// edgeStats gives, per weight U, W, V, the engine's statistics its edges are drawn with: mean
// (its sign colours the edge) and mean_abs (it sets the edge's width); zero for a missing one.
export function edgeStats(result) {
  const w = weightsOf(result);
  return Object.fromEntries(['U', 'W', 'V'].map((k) => [k, w[k] || { mean: 0, mean_abs: 0 }]));
}

// gateGroups marks the gate blocks (Keras order) of a matrix's columns (the engine names them in
// the matrix's gates); text is the gate's on-screen symbol (the LSTM output gate's carries its mark).
export function gateGroups(kind, m, msg = (k) => k) {
  const gates = (m && m.gates) || [];
  if (gates.length < 2) return [];
  const n = m.cols / gates.length;
  return gates.map((g, k) => ({ from: k * n, to: (k + 1) * n, label: g, text: kind === 'lstm' && g === 'o' ? msg('views.sym.oGate') : g }));
}

// The product each weight makes in the equations on screen.
const PRODUCT = { U: 'U x_t', W: 'W s_{t−1}', V: 'V s_T' };

// mathShape is a weight's shape as the equations use it (U x_t with column vectors: U is
// units × inputs, W units × units, V outputs × units), per gate; Keras stores the transpose.
export function mathShape(kind, m) {
  const rows = m ? m.rows : 0;
  const cols = rows ? m.cols : 0;
  const gates = gateGroups(kind, m);
  const per = gates.length ? cols / gates.length : cols;
  return { shape: `${per}×${rows}`, gates: gates.map((g) => g.label) };
}

// weightTip builds the tooltip for weight w ("U" | "W" | "V"), with the engine's statistics of it.
export function weightTip(msg, kind, result, w, count, edge) {
  const m = weightsOf(result)[w];
  const values = m ? m.values : [];
  const ms = mathShape(kind, m);
  const parts = [
    tipTitle(el('span', { class: `w-badge sym-${w}` }, w), ' ', msg(`views.graph.weight.${w}`)),
  ];
  if (edge) parts.push(tipLine(el('span', { class: 'tip-edge' }, idSym(edge.from), ' → ', idSym(edge.to))));
  parts.push(tipLine(w === 'V' ? mathText(msg('views.graph.once')) : msg('views.graph.shared', { w, n: count })));
  // U_i、U_f、… per gate (the stacked U is their column), or U alone.
  const names = ms.gates.length ? ms.gates.map((g) => `${w}_${g}`).join(msg('views.sep')) : w;
  const shape = ms.gates.length ? msg('views.graph.shapeGates', { names, shape: ms.shape }) : msg('views.graph.shape', { name: w, shape: ms.shape, product: PRODUCT[w] });
  parts.push(tipLine(el('span', { class: 'tip-shape' }, mathText(shape))));
  parts.push(tipLine(msg('views.graph.edgeStats', { mean: fmt(m ? m.mean : 0), meanAbs: fmt(m ? m.mean_abs : 0) })));
  if (w === 'V' && m && m.bias && m.bias.length === 1) {
    const bV = num('b_v', null, null, m.bias[0], { data: { row: 0, col: 0 } });
    parts.push(tipLine(mathText(msg('views.graph.bV')), ' ', bV));
  }
  parts.push(tipLine(el('span', { class: 'tip-note' }, msg('views.graph.edgeRule'))));
  if (values.length) {
    // The table is the matrix as stored (Keras's kernel, the transpose), and says so.
    const groups = gateGroups(kind, m, msg);
    const layout = [msg(`views.graph.layout.${w}`, { shape: dims(values), name: names })];
    if (groups.length) layout.push(msg('views.graph.layoutGates', { gates: groups.map((g) => g.text).join(msg('views.sep')) }));
    parts.push(tipLine(el('span', { class: 'tip-note tip-layout' }, mathText(layout.join(' ')))));
    parts.push(matrixView(w, values, groups));
  }
  return parts;
}

// A node id of the engine's graph: "x/1", "h0/5" (layer 0, t = 5), "y/10".
const ID_RE = /^([a-z]+)\d*\/(\d+)$/;

// idName writes a node id as the lecture names the node: "x1", "s5", "o10".
export function idName(id) {
  const m = String(id).match(ID_RE);
  return m ? `${shown(m[1])}${m[2]}` : String(id);
}

// idSym renders a node id as notation: x_1, s_5, o_10.
function idSym(id) {
  const m = String(id).match(ID_RE);
  return m ? sym(shown(m[1]), m[2]) : el('span', {}, id);
}

function unitList(msg, symbol, t, values, max = 12) {
  if (values.length === 1) return tipLine(num(symbol, t, 0, values[0], { class: 'tip-big' }));
  const list = el('div', { class: 'tip-units' });
  values.slice(0, max).forEach((v, j) => {
    list.append(
      el('span', { class: 'tip-unit' }, el('span', { class: 'tip-k' }, msg('views.unit', { j: j + 1 })), num(symbol, t, j, v)),
    );
  });
  if (values.length > max) list.append(el('span', { class: 'tip-k' }, msg('views.eq.more', { n: values.length - max })));
  return list;
}

// nodeTip builds the tooltip for a graph node {kind: "x"|"h"|"y", t, value: [..]}.
export function nodeTip(msg, result, node, now) {
  const parts = [];
  const future = node.t > now;
  const input = result.input || {};
  if (node.kind === 'x') {
    const date = input.dates ? input.dates[node.t - 1] : '';
    parts.push(tipTitle(sym('x', node.t), ' ', mathText(msg('views.gate.x')), date ? el('span', { class: 'tip-k' }, ` ${date}`) : null));
    parts.push(tipLine(el('span', { class: 'tip-k' }, msg('views.graph.scaled')), ' '));
    parts.push(unitList(msg, 'x', node.t, node.value));
    const raw = input.raw ? input.raw[node.t - 1] : null;
    if (raw && input.scaler) parts.push(tipLine(el('span', { class: 'tip-k' }, `${msg('views.graph.raw')} `), raw.map((v) => fmt(v, 2)).join(', ')));
  } else if (node.kind === 'h') {
    parts.push(tipTitle(sym(shown('h'), node.t), ' ', mathText(msg('views.gate.h'))));
    if (node.t === 0) parts.push(tipLine(msg('views.graph.initial')));
    parts.push(unitList(msg, 'h', node.t, node.value));
  } else {
    parts.push(tipTitle(sym(shown('y'), 'T'), ' ', msg('views.graph.output')));
    parts.push(unitList(msg, 'y', node.t, node.value));
    if (result.output_raw) {
      parts.push(tipLine(el('span', { class: 'tip-k' }, `${msg('views.graph.outputRaw')} `), result.output_raw.map((v) => fmt(v, 2)).join(', ')));
    }
  }
  if (future && node.kind !== 'x') parts.push(tipLine(el('span', { class: 'tip-note' }, msg('views.future', { t: now }))));
  else if (node.t > 0) parts.push(tipLine(el('span', { class: 'tip-note' }, msg('views.graph.selectStep'))));
  return parts;
}

// nodeLabel is a node's aria-label: "s_3: 0.120, −0.450, …" (the output: "o_T: …").
// It holds the node's visible text: a one-number node's value as drawn (two
// decimals), s₀'s caption.
// A text's x_t starts with its character and one-hot index as drawn: "e k=3: x_2, …".
export function nodeLabel(node, input = null, msg = null) {
  const name = node.kind === 'y' ? 'o_T' : node.t === 0 ? `${shown(node.kind)}₀` : `${shown(node.kind)}_${node.t}`;
  if (node.kind === 'x' && input?.kind === 'text') {
    const vars = { char: input.chars[node.t - 1], k: input.tokens[node.t - 1], t: node.t };
    return msg ? msg('views.graph.xChar', vars) : `${vars.char} k=${vars.k}: ${name}`;
  }
  const vals = node.value.length === 1 ? fmt(node.value[0], 2) : node.value.slice(0, 4).map((v) => fmt(v)).join(', ');
  return `${name}: ${vals}${node.value.length > 4 ? ', …' : ''}`;
}
