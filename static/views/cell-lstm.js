// The LSTM cell diagram: the cell-state highway c_{t−1} → × f → + (i × g) → c_t along the top,
// the four gates (forget σ, input σ, candidate tanh, output σ) fed by s_{t−1} and x_t, and
// s_t = o × tanh(c_t) leaving on the right. Gates fill as they open; wires thicken with the gate.
import { fmt } from '../format.js';
import { fnSymbol } from './common.js';
import { wire, opNode, gateBox, endLabel, strength } from './cell-parts.js';

export const VIEWBOX = [0, 62, 500, 330];

export function build(g, msg, model) {
  const A = fnSymbol(model.activation, 'tanh');
  const R = fnSymbol(model.recurrent_activation, 'sigmoid');
  const y = { c: 100, ig: 176, tanh: 176, gate: 256, bus: 350 };
  const X = { f: 96, i: 182, g: 268, o: 354, out: 432, x: 139 };
  const r = 15; // operator radius
  const gh = 36; // half a gate box's height
  const gw = 38; // half a gate box's width

  g.append('rect').attr('class', 'cell-body').attr('x', 44).attr('y', 70).attr('width', 424).attr('height', 304).attr('rx', 18);
  const hw = g.append('g').attr('class', 'highway');
  hw.append('text').attr('class', 'highway-label').attr('x', (X.f + X.g) / 2).attr('y', y.c - 10).attr('text-anchor', 'middle').text(msg('views.cell.highway'));

  // Highway c_{t−1} → × f → + i·g → c_t.
  const cIn = wire(hw, [[4, y.c], [X.f - r, y.c]], 'wire-c');
  const cKept = wire(hw, [[X.f + r, y.c], [X.g - r, y.c]], 'wire-c');
  const cOut = wire(hw, [[X.g + r, y.c], [494, y.c]], 'wire-c', 'arrow');
  wire(hw, [[X.out, y.c], [X.out, y.tanh - 14]], 'wire-c thin');

  // s_{t−1} and x_t join into the bus feeding the gates.
  wire(g, [[4, y.bus], [X.o, y.bus]], 'wire-h');
  wire(g, [[X.x, 392], [X.x, y.bus]], 'wire-x');
  for (const k of ['f', 'i', 'g', 'o']) wire(g, [[X[k], y.bus], [X[k], y.gate + gh]], 'wire-h thin');

  // Gate outputs.
  const fWire = wire(g, [[X.f, y.gate - gh], [X.f, y.c + r]], 'wire-gate gate-f');
  const iWire = wire(g, [[X.i, y.gate - gh], [X.i, y.ig], [X.g - r, y.ig]], 'wire-gate gate-i');
  const gWire = wire(g, [[X.g, y.gate - gh], [X.g, y.ig + r]], 'wire-gate gate-g');
  const igWire = wire(g, [[X.g, y.ig - r], [X.g, y.c + r]], 'wire-gate gate-i');
  const oWire = wire(g, [[X.o + gw, y.gate], [X.out - r, y.gate]], 'wire-gate gate-o');
  wire(g, [[X.out, y.tanh + 14], [X.out, y.gate - r]], 'wire-c thin');
  const hOut = wire(g, [[X.out, y.gate + r], [X.out, y.bus], [494, y.bus]], 'wire-h out', 'arrow');

  opNode(g, X.f, y.c, '×', 'op-f');
  opNode(g, X.g, y.c, '+', 'op-c');
  opNode(g, X.g, y.ig, '×', 'op-ig');
  opNode(g, X.out, y.gate, '×', 'op-o');
  const tanhC = g.append('g').attr('class', 'op-fn').attr('transform', `translate(${X.out},${y.tanh})`);
  tanhC.append('ellipse').attr('rx', 30).attr('ry', 14);
  tanhC.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em').text(A);

  const gates = {
    f: gateBox(g, { x: X.f, y: y.gate, name: 'f', fn: R, caption: msg('views.gate.f') }),
    i: gateBox(g, { x: X.i, y: y.gate, name: 'i', fn: R, caption: msg('views.gate.i') }),
    g: gateBox(g, { x: X.g, y: y.gate, name: 'g', fn: A, caption: msg('views.gate.g'), diverging: true }),
    o: gateBox(g, { x: X.o, y: y.gate, name: 'o', fn: R, caption: msg('views.gate.o') }),
  };
  const keep = g.append('text').attr('class', 'gate-note gate-f').attr('x', X.f + 20).attr('y', y.c + 34);
  const letIn = g.append('text').attr('class', 'gate-note gate-i').attr('x', X.g + 20).attr('y', y.c + 34);

  endLabel(g, 6, y.c - 10, 'c_t−1', 'start', 'sym-c');
  endLabel(g, 494, y.c - 10, 'c_t', 'end', 'sym-c');
  endLabel(g, 6, y.bus - 10, 's_t−1', 'start', 'sym-h');
  endLabel(g, X.x + 10, 388, 'x_t', 'start', 'sym-x');
  endLabel(g, 494, y.bus - 10, 's_t', 'end', 'sym-h');

  return ({ step, t, j, ms }) => {
    const G = step.gates;
    for (const k in gates) gates[k](G[k][j], t, j, ms);
    strength(fWire, G.f[j], ms);
    strength(cKept, G.f[j], ms, 10);
    strength(iWire, G.i[j], ms);
    strength(gWire, G.g[j], ms);
    strength(igWire, G.i[j], ms);
    strength(oWire, G.o[j], ms);
    strength(hOut, G.o[j], ms);
    strength(cIn, 1, ms, 10);
    strength(cOut, 1, ms, 10);
    keep.text(msg('views.cell.keep', { p: fmt(G.f[j] * 100, 0) }));
    letIn.text(msg('views.cell.let', { p: fmt(G.i[j] * 100, 0) }));
  };
}
