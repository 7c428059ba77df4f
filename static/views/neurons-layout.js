// Geometry of the neuron view: one column per step, outputs o_t on top, the units s_t[j] (with
// c_t[j] beside them for LSTM) in the middle, the inputs x_t[k] below. Pure arithmetic on the
// drawing's sizes; no model value.

const LEFT = 64; // row labels
const RIGHT = 16;
const MIN_COL = 30; // narrower than this, the drawing scrolls sideways

// layout(graph, width, present) → {width, height, r, linkMax, colW, colX(t), at(id) → {x, y}, labels}
export function layout(graph, width, present) {
  const steps = graph.to - graph.from + 1;
  const w = Math.max(width, LEFT + RIGHT + steps * MIN_COL);
  const colW = (w - LEFT - RIGHT) / steps;
  const rows = graph.shown;
  const rowH = Math.max(14, Math.min(present ? 32 : 28, Math.floor(420 / Math.max(rows, 1))));
  const r = Math.max(3.5, Math.min(rowH * 0.38, colW * (graph.cells.length ? 0.16 : 0.22), present ? 12 : 10));
  const inRows = graph.text ? 1 : Math.max(1, ...graph.inputs.map((d) => d.row + 1));
  const yOut = 22;
  const yUnits = yOut + 56;
  const yIn = yUnits + (rows - 1) * rowH + 56;
  const height = yIn + (inRows - 1) * rowH + (graph.text ? 44 : 30);
  const colX = (t) => LEFT + (t - graph.from + 0.5) * colW;
  const cellDx = graph.cells.length ? r * 2.4 : 0;
  const unitX = (t) => colX(t) - cellDx / 2;
  const outs = new Map(); // outputs per step, stacked when there are several
  for (const o of graph.outputs) outs.set(o.t, (outs.get(o.t) || 0) + 1);

  function at(id) {
    const [kind, ts, ks] = id.split('/');
    const t = Number(ts);
    const k = Number(ks);
    switch (kind) {
      case 'x':
        return { x: colX(t), y: yIn + (graph.text ? 0 : k) * rowH };
      case 'c':
        return { x: unitX(t) + cellDx, y: yUnits + k * rowH };
      case 'y':
        return { x: colX(t) + (outs.get(t) > 1 ? (k - (outs.get(t) - 1) / 2) * r * 2.4 : 0), y: yOut };
      default: // h; a link from s_{from−1} has no node: it starts left of the first column
        return { x: unitX(t), y: yUnits + k * rowH };
    }
  }

  const labels = [
    { x: 8, y: yOut + 4, text: 'o_t', anchor: 'start', cls: 'sym-y' },
    { x: 8, y: yUnits + ((rows - 1) * rowH) / 2 + 4, text: graph.cells.length ? 's_t · c_t' : 's_t', anchor: 'start', cls: 'sym-h' },
    { x: 8, y: yIn + ((inRows - 1) * rowH) / 2 + 4, text: 'x_t', anchor: 'start', cls: 'sym-x' },
  ];
  const stride = colW < 24 ? Math.ceil(24 / colW) : 1;
  for (let t = graph.from; t <= graph.to; t++) {
    if ((t - graph.from) % stride === 0 || t === graph.to) labels.push({ x: colX(t), y: height - (graph.text ? 22 : 6), text: String(t), cls: 'nn-t' });
  }
  for (const d of graph.inputs) if (d.label !== null) labels.push({ x: colX(d.t), y: height - 4, text: d.label, cls: 'nn-char' });
  for (const d of graph.outputs) if (d.label !== null) labels.push({ x: at(d.id).x, y: yOut - r - 4, text: d.label, cls: 'nn-char' });
  const linkMax = Math.max(1, Math.min(4, rowH / 7, colW / 14));
  return { width: w, height, r, linkMax, colW, colX, at, labels };
}
