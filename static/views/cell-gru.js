// The GRU cell diagram (Keras): s_t = z ⊙ s_{t−1} + (1 − z) ⊙ n along the top; the update gate z
// decides how much of s_{t−1} to keep, the reset gate r how much of s_{t−1} enters the candidate n.
import { fmt } from '../format.js';
import { fnSymbol } from './common.js';
import { wire, opNode, gateBox, endLabel, strength } from './cell-parts.js';

export const VIEWBOX = [0, 62, 500, 330];

export function build(g, msg, model) {
  const A = fnSymbol(model.activation, 'tanh');
  const R = fnSymbol(model.recurrent_activation, 'sigmoid');
  const y = { s: 100, mix: 176, gate: 262, bus: 350 };
  const X = { z: 110, one: 186, r: 256, rs: 334, n: 412, down: 56, x: 83 };
  const r = 15; // operator radius
  const gh = 36; // half a gate box's height
  const gw = 38; // half a gate box's width

  g.append('rect').attr('class', 'cell-body').attr('x', 36).attr('y', 70).attr('width', 430).attr('height', 304).attr('rx', 18);

  // The state path s_{t−1} → × z → + (1 − z)·n → s_t.
  const sIn = wire(g, [[4, y.s], [X.z - r, y.s]], 'wire-h');
  const sKept = wire(g, [[X.z + r, y.s], [X.n - r, y.s]], 'wire-h');
  const sOut = wire(g, [[X.n + r, y.s], [494, y.s]], 'wire-h out', 'arrow');
  wire(g, [[X.down, y.s], [X.down, y.bus], [X.n, y.bus]], 'wire-h');
  wire(g, [[X.x, 392], [X.x, y.bus]], 'wire-x');

  for (const k of ['z', 'r', 'n']) wire(g, [[X[k], y.bus], [X[k], y.gate + gh]], 'wire-h thin');
  wire(g, [[X.rs, y.bus], [X.rs, y.gate + r]], 'wire-h thin');

  const zWire = wire(g, [[X.z, y.gate - gh], [X.z, y.s + r]], 'wire-gate gate-z');
  const oneWire = wire(g, [[X.z, y.mix], [X.one - 19, y.mix]], 'wire-gate gate-z thin');
  const mixWire = wire(g, [[X.one + 19, y.mix], [X.n - r, y.mix]], 'wire-gate gate-z');
  const rWire = wire(g, [[X.r + gw, y.gate], [X.rs - r, y.gate]], 'wire-gate gate-r');
  const rsWire = wire(g, [[X.rs + r, y.gate], [X.n - gw, y.gate]], 'wire-gate gate-r');
  const nWire = wire(g, [[X.n, y.gate - gh], [X.n, y.mix + r]], 'wire-gate gate-n');
  const addWire = wire(g, [[X.n, y.mix - r], [X.n, y.s + r]], 'wire-gate gate-n');

  opNode(g, X.z, y.s, '×', 'op-z');
  opNode(g, X.n, y.s, '+', 'op-h');
  opNode(g, X.one, y.mix, '1−', 'op-one');
  opNode(g, X.n, y.mix, '×', 'op-zn');
  opNode(g, X.rs, y.gate, '×', 'op-r');

  const gates = {
    z: gateBox(g, { x: X.z, y: y.gate, name: 'z', fn: R, caption: msg('views.gate.z') }),
    r: gateBox(g, { x: X.r, y: y.gate, name: 'r', fn: R, caption: msg('views.gate.r') }),
    n: gateBox(g, { x: X.n, y: y.gate, name: 'n', fn: A, caption: msg('views.gate.n'), diverging: true }),
  };
  const keep = g.append('text').attr('class', 'gate-note gate-z').attr('x', X.z + 20).attr('y', y.s + 34);

  endLabel(g, 6, y.s - 10, 's_t−1', 'start', 'sym-h');
  endLabel(g, 494, y.s - 10, 's_t', 'end', 'sym-h');
  endLabel(g, X.x + 10, 388, 'x_t', 'start', 'sym-x');

  return ({ step, t, j, ms }) => {
    const G = step.gates;
    for (const k in gates) gates[k](G[k][j], t, j, ms);
    strength(zWire, G.z[j], ms);
    strength(sKept, G.z[j], ms, 10);
    strength(oneWire, G.z[j], ms);
    strength(mixWire, 1 - G.z[j], ms);
    strength(rWire, G.r[j], ms);
    strength(rsWire, G.r[j], ms);
    strength(nWire, G.n[j], ms);
    strength(addWire, 1 - G.z[j], ms);
    strength(sIn, 1, ms, 10);
    strength(sOut, 1, ms, 10);
    keep.text(msg('views.cell.keep', { p: fmt(G.z[j] * 100, 0) }));
  };
}
