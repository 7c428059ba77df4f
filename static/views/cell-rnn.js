// The SimpleRNN cell: U x_t, W s_{t−1} and b meet in a sum (the pre-activation), which passes
// through tanh to give s_t. A small plot places this step's (pre-activation, s_t) on the curve.
import { fmt, numAttrs } from '../format.js';
import { animate } from '../config.js';
import { fnSymbol, gateTerms } from './common.js';
import { wire, opNode, gateBox, endLabel } from './cell-parts.js';
import { symText } from './svg.js';

const d3 = globalThis.d3;
export const VIEWBOX = [0, 8, 560, 432];

// Shapes of the activation functions, only to draw the reference curve (the point on it comes
// from the trace).
const CURVES = {
  tanh: Math.tanh,
  σ: (v) => 1 / (1 + Math.exp(-v)),
  hσ: (v) => Math.max(0, Math.min(1, 0.2 * v + 0.5)),
  relu: (v) => Math.max(0, v),
  '': (v) => v,
};

function termBox(g, x, y, label, sym) {
  const b = g.append('g').attr('class', `term term-${sym.replace('.', '-')}`).attr('transform', `translate(${x},${y})`);
  b.append('rect').attr('x', -62).attr('y', -30).attr('width', 124).attr('height', 60).attr('rx', 8);
  symText(b.append('text').attr('class', 'term-label').attr('text-anchor', 'middle').attr('y', -7), label);
  const v = b.append('text').attr('class', 'term-value').attr('text-anchor', 'middle').attr('y', 19);
  return (t, j, value) => numAttrs(v, sym, t, j, value).text(fmt(value));
}

export function build(g, msg, model) {
  const A = fnSymbol(model.activation, 'tanh');
  const curve = CURVES[A] || Math.tanh;
  const y = { w: 130, b: 225, u: 320 };
  const X = { term: 150, sum: 248, act: 374, exit: 442 };
  g.append('rect').attr('class', 'cell-body').attr('x', 70).attr('y', 64).attr('width', 350).attr('height', 322).attr('rx', 18);

  wire(g, [[4, y.w], [X.term - 62, y.w]], 'wire-h');
  wire(g, [[4, y.u], [X.term - 62, y.u]], 'wire-x');
  const terms = {
    ws: termBox(g, X.term, y.w, 'W s_t−1', 'h.ws'),
    b: termBox(g, X.term, y.b, 'b', 'h.b'),
    ux: termBox(g, X.term, y.u, 'U x_t', 'h.ux'),
  };
  for (const yy of [y.w, y.b, y.u]) wire(g, [[X.term + 62, yy], [X.term + 78, yy], [X.sum - 15, y.b]], 'wire-sum');
  opNode(g, X.sum, y.b, '+', 'op-sum');
  const pre = g.append('text').attr('class', 'pre-value').attr('x', (X.sum + X.act - 40) / 2).attr('y', y.b - 14).attr('text-anchor', 'middle');
  wire(g, [[X.sum + 15, y.b], [X.act - 40, y.b]], 'wire-sum');
  const act = gateBox(g, { x: X.act, y: y.b, name: 'h', fn: A || 'linear', caption: msg('views.gate.h'), diverging: true });
  wire(g, [[X.act + 40, y.b], [X.exit, y.b], [X.exit, 412], [552, 412]], 'wire-h out', 'arrow').attr('stroke-width', 4);
  wire(g, [[X.exit, y.b], [X.exit, 36], [20, 36], [20, y.w - 26]], 'wire-h loop');
  symText(g.append('text').attr('class', 'loop-caption').attr('x', 235).attr('y', 28).attr('text-anchor', 'middle'), 's_t → t + 1');

  endLabel(g, 6, y.w - 10, 's_t−1', 'start', 'sym-h');
  endLabel(g, 6, y.u - 10, 'x_t', 'start', 'sym-x');
  endLabel(g, 552, 402, 's_t', 'end', 'sym-h');

  // The activation curve with this step's point.
  const plot = g.append('g').attr('class', 'act-plot').attr('transform', 'translate(450,112)');
  const W = 92;
  const H = 110;
  const sx = d3.scaleLinear().domain([-3, 3]).range([0, W]).clamp(true);
  const lo = A === 'σ' || A === 'hσ' ? -0.1 : -1.1;
  const sy = d3.scaleLinear().domain([lo, 1.1]).range([H, 0]);
  plot.append('rect').attr('class', 'plot-bg').attr('width', W).attr('height', H).attr('rx', 6);
  plot.append('line').attr('class', 'plot-axis').attr('x1', 0).attr('x2', W).attr('y1', sy(0)).attr('y2', sy(0));
  plot.append('line').attr('class', 'plot-axis').attr('x1', sx(0)).attr('x2', sx(0)).attr('y1', 0).attr('y2', H);
  const xs = d3.range(-3, 3.001, 0.05);
  plot.append('path').attr('class', 'plot-curve').attr('d', d3.line().x(sx).y((v) => sy(curve(v)))(xs));
  const guide = plot.append('path').attr('class', 'plot-guide');
  const dot = plot.append('circle').attr('class', 'plot-dot').attr('r', 7);
  plot.append('text').attr('class', 'plot-caption').attr('x', W / 2).attr('y', -10).attr('text-anchor', 'middle').text(msg('views.cell.curve', { fn: A || 'linear' }));

  return ({ step, t, j, ms }) => {
    const G = gateTerms(step, 'h');
    const s = step.h[j]; // the block's activation: s_t itself
    terms.ws(t, j, G.ws[j]);
    terms.b(t, j, G.b[j]);
    terms.ux(t, j, G.ux[j]);
    numAttrs(pre, 'h.pre', t, j, G.pre[j]).text(fmt(G.pre[j]));
    act(s, t, j, ms);
    const px = sx(G.pre[j]);
    const py = sy(s);
    animate(dot, ms).attr('cx', px).attr('cy', py);
    animate(guide, ms).attr('d', `M${px},${sy(0)} V${py} H${sx(0)}`);
  };
}
