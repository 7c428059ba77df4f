// The neuron view's panel: the hovered or focused unit's pre-activation as the sum of its largest
// terms, `0.42·x₃ + (−0.31)·s₂[1] + … + b = pre → act`, every number the engine's (a term carries
// data-from, data-weight and data-value; the sum and the activation the DOM contract).
import { el, num, fmt, MINUS } from '../format.js';
import { mathText } from './common.js';

const SHOWN_TERMS = 6;
const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const sub = (t) => String(t).split('').map((d) => SUBSCRIPT[+d]).join('');

// sourceName is how a term's source reads: x₃, x₃[2], x₃「a」, s₂[1]. Units count from 1, as
// in the cell view and the equations; an input's index k from 0, as a one-hot index does.
function sourceName(id, graph) {
  const [kind, t, k] = id.split('/');
  if (kind === 'x') {
    const node = graph.inputs.find((n) => n.id === id);
    if (node && node.label !== null) return `x${sub(t)}「${node.label}」`;
    return graph.inputs.filter((n) => n.t === Number(t)).length > 1 ? `x${sub(t)}[${k}]` : `x${sub(t)}`;
  }
  return `s${sub(t)}[${Number(k) + 1}]`;
}

// targetName is the panel's left-hand side: s₃[1], i₃[1], o₁₀.
function targetName(info, msg) {
  if (info.symbol === 'y') return `o${sub(info.t)}${info.unit ? `[${info.unit + 1}]` : ''}`;
  const s = info.symbol === 'h' ? 's' : info.symbol === 'o' ? msg('views.sym.oGate').replace(/\^\{(.+)\}/, '$1') : info.symbol;
  return `${s}${sub(info.t)}[${info.unit + 1}]`;
}

// renderPanel(node, {info, graph, msg, fn}) draws info (termsOf's) into node.
export function renderPanel(node, { info, graph, msg, fn }) {
  if (!info) {
    node.replaceChildren(el('p', { class: 'nn-hint' }, msg('views.neurons.hint')));
    return;
  }
  const parts = [];
  info.terms.slice(0, SHOWN_TERMS).forEach((l, k) => {
    const w = fmt(l.weight);
    const term = el(
      'span',
      { class: `nn-term sym-${l.kind}`, 'data-from': l.from, 'data-to': l.to, 'data-weight': String(l.weight), 'data-value': String(l.contrib), title: `${l.kind}: ${fmt(l.contrib)}` },
      `${w.startsWith(MINUS) ? `(${w})` : w}·${sourceName(l.from, graph)}`,
    );
    if (k > 0) parts.push(' + ');
    parts.push(term);
  });
  const rest = info.terms.length - SHOWN_TERMS;
  if (rest > 0) parts.push(' + ', el('span', { class: 'nn-rest' }, msg('views.neurons.rest', { n: rest })));
  if (info.hidden > 0) parts.push(' + ', el('span', { class: 'nn-rest' }, msg('views.neurons.restHidden', { n: info.hidden })));
  parts.push(' + ', el('span', { class: 'nn-bias' }, 'b '), num(info.symbol === 'y' ? 'b_v' : `${info.symbol}.b`, info.t, info.unit, info.bias, { term: true, class: 'nn-b' }));
  const lhs = targetName(info, msg);
  const rows = [
    el('p', { class: 'nn-sum' }, el('strong', {}, info.symbol === 'y' ? lhs : msg('views.neurons.pre', { name: lhs })), ' = ', ...parts),
    el('p', { class: 'nn-total' }, '= ', num(info.symbol === 'y' ? 'y' : `${info.symbol}.pre`, info.t, info.unit, info.pre, { class: 'nn-pre' }),
      info.act === null ? null : [' → ', `${fn}(…) = `, num(info.symbol, info.t, info.unit, info.act, { class: 'nn-act' })]),
    el('p', { class: 'nn-note' }, mathText(msg(info.symbol === 'n' ? 'views.neurons.noteGruN' : 'views.neurons.note'))),
  ];
  node.replaceChildren(...rows);
}
