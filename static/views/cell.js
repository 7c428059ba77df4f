// Cell view: the current step inside one cell, for one unit: an LSTM cell (forget σ, input σ,
// candidate tanh, output σ, the cell-state highway), a GRU cell, or a SimpleRNN cell.
// create(container, opts) → {update(state, result), destroy()}.
//
// opts: {t(key, params), onSelectStep(t), onHover(info|null), onSelectUnit?(j)}. The unit shown
// is state.unit (0-based) when set; without onSelectUnit, picking a unit stays inside the view.
import { duration } from '../config.js';
import { el, num, fmt, setText } from '../format.js';
import { cellKind, currentT, stepAt, mathText, activationScale } from './common.js';
import { createUnitPicker, resolveUnit } from './units.js';
import { addMarkers } from './svg.js';
import { watchSize } from './resize.js';
import { nextFrame } from '../ticker.js';
import * as lstm from './cell-lstm.js';
import * as gru from './cell-gru.js';
import * as rnn from './cell-rnn.js';

const d3 = globalThis.d3;
const DRAWERS = { lstm, gru, rnn };

export function create(container, opts = {}) {
  const msg = opts.t || ((k) => k);
  container.classList.add('views-host', 'view-cell');
  const title = el('h3', { class: 'view-title' });
  const picker = createUnitPicker(msg, (j) => pick(j));
  const figure = el('div', { class: 'cell-figure' });
  const strip = el('div', { class: 'cell-values' });
  container.append(el('div', { class: 'view-head' }, title), picker.node, figure, strip);
  const color = activationScale(1);
  const svg = d3.select(figure).append('svg').attr('class', 'cell-svg').attr('role', 'group');
  let markers = addMarkers(svg, ['wire']);
  let root = svg.append('g');
  let paint = null;
  let key = '';
  let local = 0;
  let last = null;
  let stripFor = ''; // the value strip's structure: cell kind and unit
  let stripParts = []; // [{swatch, num}] in values() order

  // --cell-scale: how large the diagram is drawn (px per viewBox unit), for the styles that keep
  // its numbers legible when it is drawn small (presentation mode, style.css).
  function measure() {
    const box = svg.node().viewBox.baseVal;
    const w = size.width();
    const h = size.height();
    if (!box || !box.width || !w) return;
    const scale = Math.min(w / box.width, h ? h / box.height : Infinity);
    figure.style.setProperty('--cell-scale', scale.toFixed(3));
  }
  const size = watchSize(figure, measure, { height: true });

  function pick(j) {
    if (opts.onSelectUnit) opts.onSelectUnit(j);
    if (!last || !Number.isInteger(last[0].unit) || !opts.onSelectUnit) {
      local = j;
      if (last) render(...last);
    }
  }

  // Hovering a value reports it to the page.
  svg.on('pointerover', (event) => {
    const n = event.target.closest && event.target.closest('[data-symbol]');
    if (opts.onHover) opts.onHover(n ? { symbol: n.dataset.symbol, t: Number(n.dataset.t), unit: Number(n.dataset.unit), value: Number(n.dataset.value) } : null);
  });

  function render(state, result) {
    const kind = cellKind(state, result);
    const model = result.model || {};
    const k = [kind, state.lang, model.activation, model.recurrent_activation].join('|');
    const fresh = k !== key;
    if (fresh) {
      svg.selectAll('*').remove();
      markers = addMarkers(svg, ['wire']);
      root = svg.append('g').attr('class', `cell-${kind}`);
      svg.attr('viewBox', DRAWERS[kind].VIEWBOX.join(' '));
      paint = DRAWERS[kind].build(root, msg, model);
      root.selectAll('path[marker-end]').attr('marker-end', markers.wire);
      key = k;
      nextFrame(measure); // another diagram, another viewBox
    }
    const t = currentT(state, result);
    const step = stepAt(result, t);
    const j = resolveUnit(state, local, step.h.length);
    setText(title, msg(`views.cell.title.${kind}`, { t, j: j + 1 }));
    svg.attr('aria-label', title.textContent);
    picker.update(step.h, t, j);
    picker.node.hidden = step.h.length < 2;
    paint({ step, t, j, ms: fresh ? 0 : duration(state), model }); // a new diagram appears at once
    const vals = values(kind, step, t, j);
    const sk = `${kind}|${j}|${vals.length}`;
    if (sk !== stripFor) {
      const chips = vals.map(chip);
      stripParts = chips.map((c) => ({ swatch: c.querySelector('.swatch'), num: c.querySelector('.num') }));
      strip.replaceChildren(...chips);
      stripFor = sk;
      return;
    }
    // Same values, another step: rewrite them in place.
    vals.forEach((d, k) => {
      const p = stripParts[k];
      p.swatch.style.background = color(d.value);
      setText(p.num, fmt(d.value));
      p.num.setAttribute('data-t', String(d.t));
      p.num.setAttribute('data-value', String(d.value));
    });
  }

  // The values entering and leaving the cell for unit j, in HTML so they stay legible.
  function values(kind, step, t, j) {
    const v = [{ symbol: 'x', label: 'x_t', t, unit: 0, value: step.x[0] }];
    v.push({ symbol: 'h', label: 's_{t−1}', t: t - 1, unit: j, value: step.s_prev[j] });
    if (kind === 'lstm') {
      v.push({ symbol: 'c', label: 'c_{t−1}', t: t - 1, unit: j, value: step.c_prev[j] });
      v.push({ symbol: 'c', label: 'c_t', t, unit: j, value: step.c[j], out: true });
    }
    v.push({ symbol: 'h', label: 's_t', t, unit: j, value: step.h[j], out: true });
    return v;
  }

  function chip(d) {
    const sw = el('span', { class: 'swatch' });
    sw.style.background = color(d.value);
    return el('span', { class: `cell-value sym-${d.symbol}${d.out ? ' out' : ''}` }, sw, mathText(d.label), ' = ', num(d.symbol, d.t, d.unit, d.value));
  }

  return {
    update(state, result) {
      if (!result || !result.steps || !result.steps.length) return;
      last = [state, result];
      render(state, result);
    },
    destroy() {
      size.stop();
      svg.remove();
      container.replaceChildren();
      container.classList.remove('views-host', 'view-cell');
    },
  };
}

export { create as createCell };
