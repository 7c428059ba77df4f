// Gradient-flow view: for L = (o_T − y)² on the current window, one bar per step t = 1..T on a log
// scale of the quantity state.grad names (computed in Go by backpropagation through time, in the
// trace): x, ‖∂L/∂x_t‖ (grad_input_norms), how much the loss depends on the input at step t, which
// every cell has, so it compares cells; s, ‖∂L/∂s_t‖ of the first layer's hidden state (grad_norms),
// which for LSTM misses the path along c; c, ‖∂L/∂c_t‖ along an LSTM's cell state
// (grad_cell_norms). The current step is marked; the caption compares the first bar with the last.
// create(container, opts) → {update(state, result), destroy()}.
// opts: {t(key, params), onSelectStep(t), onChange(patch)}.
// DOM contract: each bar is a rect.gf-bar with data-symbol dLdx | dLds | dLdc, data-t and
// data-value (full precision); it has no data-unit (the norm runs over all units). The caption
// p.gf-loss carries data-target, the y of the loss (absent when the input has no next value and
// y = 0); p.gf-note's numbers are the first and last bars' and their ratio (data-symbol="ratio").
import { el, fmt, num, numAttrs, pow10, sci } from '../format.js';
import { gradKind, QUANTITIES, ratioKind } from './gradkind.js';
import { currentT, mathText } from './common.js';
import { sizedView } from './sized.js';
import { createTooltip, tipTitle, tipLine } from './tooltip.js';
import { showStep } from './svg.js';

const d3 = globalThis.d3;
const M = { left: 58, right: 12, top: 12, bottom: 42 };
const HEIGHT = 200;

export function create(container, opts = {}) {
  const msg = opts.t || ((k) => k);

  // lossText says which y the loss compares o_T with: the next trading day's close (its date and price
  // when the input names them), or y = 0 when the input has no next value.
  function lossText(result) {
    const y = result.grad_target;
    if (y === null || y === undefined) return msg('views.grad.lossZero');
    const next = result.input?.next;
    if (next && next.scaled === y) return msg('views.grad.lossNext', { date: next.date, price: fmt(next.raw, 1), y: fmt(y, 4) });
    return msg('views.grad.loss', { y: fmt(y, 4) });
  }
  container.classList.add('views-host', 'view-gradflow');
  const title = el('h3', { class: 'gf-title' });
  const caption = el('p', { class: 'gf-loss' });
  const chart = el('div', { class: 'gf-chart' });
  const note = el('p', { class: 'gf-note' });
  const picker = el('div', { class: 'gf-pick', role: 'group' });
  container.append(title, picker, caption, chart, note);
  // fill writes a message whose placeholders may be DOM nodes (numbers), the text in math type.
  const fill = (key, vars) => {
    const marks = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v instanceof Node ? `\u0000${k}\u0000` : v]));
    return msg(key, marks).split('\u0000').map((part, i) => (i % 2 ? vars[part] : mathText(part)));
  };
  const tip = createTooltip(container);
  let drawn = null;

  function build(state, result, width) {
    const kind = gradKind(state, result);
    const q = QUANTITIES[kind];
    const norms = result[q.field];
    chart.replaceChildren();
    drawn = null;
    title.replaceChildren(mathText(msg('views.grad.title', { q: q.text })));
    picker.setAttribute('aria-label', msg('views.grad.pick'));
    const had = picker.contains(document.activeElement) ? document.activeElement.dataset.grad : null; // the picked button keeps the focus
    picker.replaceChildren(...Object.entries(QUANTITIES).filter(([, v]) => Array.isArray(result[v.field]) && result[v.field].length).map(([k, v]) =>
      el('button', { type: 'button', class: 'gf-pick-btn', 'data-grad': k, 'aria-pressed': String(k === kind), onclick: () => opts.onChange?.({ grad: k }) }, mathText(msg(`views.grad.pick.${k}`, { q: v.text })))));
    if (had) picker.querySelector(`[data-grad="${had}"]`)?.focus();
    caption.replaceChildren(mathText(lossText(result)));
    if (result.grad_target === null || result.grad_target === undefined) delete caption.dataset.target;
    else caption.dataset.target = String(result.grad_target);
    if (!Array.isArray(norms) || !norms.length) {
      caption.replaceChildren(msg('views.grad.none'));
      note.textContent = '';
      return;
    }
    const T = norms.length;
    const positive = norms.filter((v) => v > 0 && Number.isFinite(v));
    const hi = positive.length ? d3.max(positive) : 1;
    const lo = positive.length ? d3.min(positive) : 0.1;
    const kLo = Math.floor(Math.log10(lo)) - (lo === hi ? 1 : 0);
    const kHi = Math.ceil(Math.log10(hi));
    const innerW = Math.max(60, width - M.left - M.right);
    const innerH = HEIGHT - M.top - M.bottom;
    const x = d3.scaleBand().domain(d3.range(1, T + 1)).range([0, innerW]).paddingInner(T > 30 ? 0.1 : 0.2);
    const y = d3.scaleLog().domain([10 ** kLo, 10 ** Math.max(kHi, kLo + 1)]).range([innerH, 0]).clamp(true);
    const svg = d3.select(chart).append('svg').attr('class', 'gf-svg').attr('viewBox', `0 0 ${width} ${HEIGHT}`).attr('role', 'img').attr('aria-label', msg('views.grad.title'));
    const g = svg.append('g').attr('transform', `translate(${M.left},${M.top})`);
    const decades = d3.range(kLo, Math.max(kHi, kLo + 1) + 1);
    const dStride = Math.max(1, Math.ceil(decades.length / 5));
    const grid = g.append('g').attr('class', 'gf-axis');
    grid
      .selectAll('line')
      .data(decades)
      .join('line')
      .attr('class', 'gf-grid')
      .attr('x1', 0)
      .attr('x2', innerW)
      .attr('y1', (k) => y(10 ** k))
      .attr('y2', (k) => y(10 ** k));
    grid
      .selectAll('text')
      .data(decades.filter((k, i) => i % dStride === 0))
      .join('text')
      .attr('x', -8)
      .attr('y', (k) => y(10 ** k))
      .attr('dy', '0.35em')
      .attr('text-anchor', 'end')
      .text(pow10);
    const bars = g
      .selectAll('rect.gf-bar')
      .data(norms.map((v, k) => ({ t: k + 1, v })))
      .join('rect')
      .attr('class', 'gf-bar')
      .each(function (d) {
        numAttrs(this, q.symbol, d.t, null, d.v);
      })
      .attr('x', (d) => x(d.t))
      .attr('width', x.bandwidth())
      .attr('y', (d) => (d.v > 0 ? y(d.v) : innerH))
      .attr('height', (d) => (d.v > 0 ? innerH - y(d.v) : 0));
    svg.on('click', (event) => {
      const bar = event.target.closest && event.target.closest('.gf-bar');
      if (bar && opts.onSelectStep) opts.onSelectStep(d3.select(bar).datum().t);
    });
    svg.on('pointerover', (event) => {
      const bar = event.target.closest && event.target.closest('.gf-bar');
      if (!bar) return tip.hide();
      const d = d3.select(bar).datum();
      tip.show(bar, tipTitle(mathText(q.at(d.t))), tipLine(num(q.symbol, d.t, null, d.v, { text: sci(d.v) })));
    });
    svg.on('pointerleave', () => tip.hide());
    const tStride = Math.max(1, Math.ceil(26 / x.bandwidth()));
    g.append('g')
      .attr('class', 'gf-axis steps')
      .selectAll('text')
      .data(d3.range(1, T + 1))
      .join('text')
      .attr('class', 'gf-step')
      .attr('data-k', (k) => k)
      .attr('x', (k) => x(k) + x.bandwidth() / 2)
      .attr('y', innerH + 16)
      .attr('text-anchor', 'middle')
      .text((k) => k);
    svg.append('text').attr('class', 'gf-axis-title').attr('x', M.left + innerW).attr('y', HEIGHT - 2).attr('text-anchor', 'end').text(msg('views.heat.time'));
    const readout = el('p', { class: 'gf-readout' });
    chart.append(readout);
    drawn = { svg, bars, x, tStride, T, readout, norms, q };
    // The caption compares the first bar with the last, and says what the ratio shows.
    const first = norms[0];
    const last = norms[T - 1];
    const ratio = first / last;
    const vars = {
      first: num(q.symbol, 1, null, first, { text: sci(first) }),
      last: num(q.symbol, T, null, last, { text: sci(last) }),
      ratio: num('ratio', null, null, ratio, { text: Number.isFinite(ratio) ? (ratio >= 10 ? String(Math.round(ratio)) : ratio >= 1e-3 ? ratio.toPrecision(2) : sci(ratio)) : '—' }),
      q1: q.at(1), qT: q.at(T),
    };
    note.dataset.kind = ratioKind(ratio);
    const key = note.dataset.kind === 'none' ? 'none_ratio' : note.dataset.kind;
    note.replaceChildren(...fill(`views.grad.${key}`, vars), ' ', mathText(msg(`views.grad.what.${kind}`)));
  }

  function paint(state, result) {
    if (!drawn) return;
    const now = currentT(state, result);
    drawn.bars.classed('current', (d) => d.t === now);
    drawn.svg.selectAll('.gf-step').each(function () {
      const k = +this.getAttribute('data-k');
      d3.select(this)
        .classed('current', k === now)
        .attr('display', showStep(k, now, drawn.T, drawn.tStride, drawn.x.bandwidth()) ? null : 'none');
    });
    drawn.readout.replaceChildren(mathText(msg('views.grad.readout', { t: now, q: drawn.q.at(now), v: sci(drawn.norms[now - 1]) })));
  }

  return sizedView(container, { build, paint, tip, className: 'view-gradflow', key: (state, result) => gradKind(state, result) });
}

export { create as createGradflow };
