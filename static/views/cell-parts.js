// Drawing pieces of the cell diagrams: wires, operator nodes (× + 1−), gate boxes that fill as the
// gate opens, and value labels carrying the DOM contract's attributes.
import { fmt, numAttrs } from '../format.js';
import { animate } from '../config.js';
import { activationScale, plainText } from './common.js';
import { symText } from './svg.js';

const d3 = globalThis.d3;
const color = activationScale(1);

// wire draws a polyline through points [[x, y], ...]; returns the path selection.
export function wire(g, points, cls = '', arrowUrl = null) {
  return g
    .append('path')
    .attr('class', `wire ${cls}`)
    .attr('d', d3.line()(points))
    .attr('fill', 'none')
    .attr('marker-end', arrowUrl);
}

// opNode draws an operator circle (⊗ as "×", ⊕ as "+", or "1−").
export function opNode(g, x, y, op, cls = '') {
  const n = g.append('g').attr('class', `op-node ${cls}`).attr('transform', `translate(${x},${y})`);
  n.append('circle').attr('r', op === '1−' ? 19 : 15);
  n.append('text').attr('text-anchor', 'middle').attr('dy', '0.36em').text(op);
  return n;
}

// gateBox draws a gate: its function (σ / tanh), its value, a fill that rises as it opens, and a
// caption. Returns update(value, t, unit, ms).
export function gateBox(g, { x, y, name, fn, caption, w = 76, h = 72, diverging = false }) {
  const box = g.append('g').attr('class', `gate gate-${name}`).attr('transform', `translate(${x},${y})`);
  box.append('rect').attr('class', 'gate-bg').attr('x', -w / 2).attr('y', -h / 2).attr('width', w).attr('height', h).attr('rx', 8);
  // σ gates fill from the bottom as they open (0..1); tanh values grow a bar from the centre of
  // the bottom strip, left for negative, right for positive.
  if (diverging) box.append('rect').attr('class', 'gate-track').attr('x', -w / 2 + 5).attr('width', w - 10).attr('y', h / 2 - 13).attr('height', 9).attr('rx', 4);
  const fill = box.append('rect').attr('class', 'gate-fill').attr('rx', 4);
  if (diverging) {
    fill.attr('y', h / 2 - 13).attr('height', 9).attr('x', 0).attr('width', 0);
    box.append('line').attr('class', 'gate-mid').attr('x1', 0).attr('x2', 0).attr('y1', h / 2 - 16).attr('y2', h / 2 - 1);
  } else {
    fill.attr('x', -w / 2 + 3).attr('width', w - 6).attr('y', h / 2 - 3).attr('height', 0);
  }
  box.append('rect').attr('class', 'gate-frame').attr('x', -w / 2).attr('y', -h / 2).attr('width', w).attr('height', h).attr('rx', 8);
  box.append('text').attr('class', 'gate-fn').attr('text-anchor', 'end').attr('x', w / 2 - 8).attr('y', -h / 2 + 21).text(fn);
  const val = box.append('text').attr('class', 'gate-value').attr('text-anchor', 'middle').attr('y', diverging ? 8 : 14);
  // The caption "遺忘閘 f" puts its word under the box and its symbol in the box's corner.
  const cut = caption.lastIndexOf(' ');
  symText(box.append('text').attr('class', 'gate-sym').attr('x', -w / 2 + 7).attr('y', -h / 2 + 20), cut > 0 ? caption.slice(cut + 1) : '');
  captionText(box.append('text').attr('class', 'gate-caption').attr('text-anchor', 'middle').attr('y', h / 2 + 20), cut > 0 ? caption.slice(0, cut) : caption);
  return (value, t, unit, ms) => {
    numAttrs(val, name, t, unit, value).text(fmt(value));
    box.attr('aria-label', `${plainText(caption)}: ${fmt(value)}`);
    if (diverging) {
      const v = Math.max(-1, Math.min(1, value));
      const half = (Math.abs(v) * (w - 10)) / 2;
      animate(fill.attr('fill', color(v)), ms).attr('x', v >= 0 ? 0 : -half).attr('width', half);
    } else {
      const hh = Math.max(0, Math.min(1, value)) * (h - 6);
      animate(fill, ms).attr('y', h / 2 - 3 - hh).attr('height', hh);
    }
    box.classed('closed', !diverging && value < 0.2).classed('open', !diverging && value > 0.8);
  };
}

// endLabel names a wire's end with its symbol (e.g. "c_t−1"); the values sit in the view's
// value strip, in HTML, so they stay legible however small the diagram is drawn.
export function endLabel(g, x, y, label, anchor = 'start', cls = '') {
  symText(g.append('text').attr('class', `end-label ${cls}`).attr('x', x).attr('y', y).attr('text-anchor', anchor), label);
}

// captionText writes a gate's caption under its box, one word per line when it has several
// ("forget gate" → "forget" / "gate"); Chinese captions stay on one line.
function captionText(text, caption) {
  const words = caption.split(' ');
  if (words.length === 1) return text.text(caption);
  words.forEach((w, k) => text.append('tspan').attr('x', 0).attr('dy', k ? '1.1em' : 0).text(w));
  return text;
}

// strength sets a wire's width from a gate value in [0, 1] (how much passes through).
export function strength(path, value, ms, max = 9) {
  const v = Math.max(0, Math.min(1, Math.abs(value)));
  animate(path, ms).attr('stroke-width', 1.5 + v * (max - 1.5)).attr('stroke-opacity', 0.35 + 0.65 * v);
}
