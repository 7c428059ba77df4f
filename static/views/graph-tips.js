// Tooltip contents of the graph views: a node's exact values, a weight's matrix and summary.
import { el, fmt, num, dims, GATES, sym, mathText } from './format.js';
import { tipTitle, tipLine, matrixView } from './tooltip.js';

const d3 = globalThis.d3;

// weightStats summarises a matrix for the per-step edge: mean (its sign colours the edge) and
// mean |w| (its size sets the edge width).
export function weightStats(m) {
  const flat = (m || []).flat();
  return {
    mean: flat.length ? d3.mean(flat) : 0,
    meanAbs: flat.length ? d3.mean(flat, (v) => Math.abs(v)) : 0,
    shape: dims(m),
  };
}

// gateGroups marks the gate blocks (Keras order) of a kernel's columns.
export function gateGroups(kind, cols, weight) {
  if (weight === 'V') return [];
  const gates = kind === 'lstm' ? ['i', 'f', 'g', 'o'] : GATES[kind];
  if (gates.length < 2) return [];
  const n = cols / gates.length;
  return gates.map((g, k) => ({ from: k * n, to: (k + 1) * n, label: g }));
}

// weightTip builds the tooltip for weight w ("U" | "W" | "V").
export function weightTip(msg, kind, result, w, count, edge) {
  const m = result.graph && result.graph.weights ? result.graph.weights[w] : null;
  const st = weightStats(m);
  const parts = [
    tipTitle(el('span', { class: `w-badge sym-${w}` }, w), ' ', msg(`views.graph.weight.${w}`)),
  ];
  if (edge) parts.push(tipLine(el('span', { class: 'tip-edge' }, idSym(edge.from), ' → ', idSym(edge.to))));
  parts.push(tipLine(msg('views.graph.shared', { w, n: count })));
  parts.push(
    tipLine(
      msg('views.graph.edgeStats', { shape: st.shape, mean: fmt(st.mean), meanAbs: fmt(st.meanAbs) }),
    ),
  );
  parts.push(tipLine(el('span', { class: 'tip-note' }, msg('views.graph.edgeRule'))));
  if (m && m.length) parts.push(matrixView(w, m, gateGroups(kind, m[0].length, w)));
  return parts;
}

// idSym renders a node id ("s5", "x1", "o10") as notation.
function idSym(id) {
  const m = String(id).match(/^([a-z]+)(\d+)$/);
  return m ? sym(m[1], m[2]) : el('span', {}, id);
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

// nodeTip builds the tooltip for a graph node {kind: "x"|"s"|"o", t, value: [..]}.
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
  } else if (node.kind === 's') {
    parts.push(tipTitle(sym('s', node.t), ' ', mathText(msg('views.gate.h'))));
    if (node.t === 0) parts.push(tipLine(msg('views.graph.initial')));
    parts.push(unitList(msg, 'h', node.t, node.value));
  } else {
    parts.push(tipTitle(sym('o', ''), ' ', msg('views.graph.output')));
    parts.push(unitList(msg, 'y', node.t, node.value));
    if (result.output_raw) {
      parts.push(tipLine(el('span', { class: 'tip-k' }, `${msg('views.graph.outputRaw')} `), result.output_raw.map((v) => fmt(v, 2)).join(', ')));
    }
  }
  if (future && node.kind !== 'x') parts.push(tipLine(el('span', { class: 'tip-note' }, msg('views.future', { t: now }))));
  else if (node.t > 0) parts.push(tipLine(el('span', { class: 'tip-note' }, msg('views.graph.selectStep'))));
  return parts;
}

// nodeLabel is a node's aria-label: "s_3: 0.120, −0.450, …".
export function nodeLabel(node) {
  const name = node.kind === 'o' ? 'o' : `${node.kind}_${node.t}`;
  const vals = node.value.slice(0, 4).map((v) => fmt(v)).join(', ');
  return `${name}: ${vals}${node.value.length > 4 ? ', …' : ''}`;
}
