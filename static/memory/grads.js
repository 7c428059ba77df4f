// The Why LSTM view's gradient charts (memory/view.js): per cell, one held-out sequence's
// ‖∂L/∂x_t‖ (and ‖∂L/∂c_t‖ for LSTM) before and after training on a shared log scale, with a legend
// and captions made from the bars. Every number is the engine's (memory.State's probes).
import { el, num, numAttrs, sci, pow10 } from '../format.js';

const d3 = globalThis.d3;
const KEY = { SimpleRNN: 'rnn', LSTM: 'lstm', GRU: 'gru' };
const COLOR = { SimpleRNN: '#64748b', LSTM: '#0369a1', GRU: '#b45309' };
const M = { left: 52, right: 12, top: 12, bottom: 34 };

// ratioText writes a ratio of two gradient norms for a caption: 340, 12, 3.4, 0.052, 1.2×10⁻⁵.
export function ratioText(r) {
  if (!Number.isFinite(r)) return '—';
  if (r >= 10) return String(Math.round(r));
  if (r >= 1e-3) return r.toPrecision(2);
  return sci(r);
}

export function renderGrads(gradGrid, cells, { t, tx }) {
  const all = cells.flatMap((c) => [c.before, c.after].filter(Boolean).flatMap((p) => [...p.dx, ...(p.dc || [])])).filter((v) => v > 0);
  const lo = all.length ? Math.min(...all) : 1e-6;
  const hi = all.length ? Math.max(...all) : 1;
  const y = d3.scaleLog().domain([lo, hi > lo ? hi : lo * 10]).nice();
  const panels = cells.map((c) => {
    const charts = [barChart(c, 'dx', y, t)];
    if (c.before.dc) charts.push(barChart(c, 'dc', y, t));
    const caps = [['before', c.before], ['after', c.after]].filter(([, p]) => p).map(([phase, p]) => el('p', { class: 'mem-ratio' }, ...tx('mem.grad.ratio', {
      phase: t(`mem.${phase}`),
      first: num('dx', 1, null, p.dx[0], { text: sci(p.dx[0]), data: { cell: KEY[c.cell], phase } }),
      last: num('dx', p.dx.length, null, p.dx[p.dx.length - 1], { text: sci(p.dx[p.dx.length - 1]), data: { cell: KEY[c.cell], phase } }),
      ratio: ratioText(p.dx[0] / p.dx[p.dx.length - 1]),
    })));
    if (c.after) caps.push(...['dx', 'dc'].filter((sym) => c.before[sym] && c.after[sym]).map((sym) => changeCaption(c, sym, t, tx)));
    return el('figure', { class: 'mem-grad', 'data-cell': KEY[c.cell] }, el('figcaption', {}, el('i', { class: 'mem-swatch', 'data-cell': KEY[c.cell] }), c.cell), ...charts, ...caps);
  });
  gradGrid.replaceChildren(...panels);
}

// changeCaption says what training did to a cell's first bar (‖∂L/∂x_1‖ or ‖∂L/∂c_1‖): after over
// before, with both numbers; data-change: up, down or same (within 1%).
function changeCaption(c, sym, t, tx) {
  const b = c.before[sym][0];
  const a = c.after[sym][0];
  const r = a / b;
  const data = { cell: KEY[c.cell] };
  const change = !Number.isFinite(r) ? 'none' : r > 1.01 ? 'up' : r < 0.99 ? 'down' : 'same';
  return el('p', { class: 'mem-change', 'data-cell': KEY[c.cell], 'data-symbol': sym, 'data-change': change }, ...tx(`mem.grad.change.${change}`, {
    cell: c.cell,
    q: t(`mem.grad.${sym}1`),
    before: num(sym, 1, null, b, { text: sci(b), data: { ...data, phase: 'before' } }),
    after: num(sym, 1, null, a, { text: sci(a), data: { ...data, phase: 'after' } }),
    ratio: num('ratio', null, null, r, { text: ratioText(r), data }),
  }));
}

// phaseLegend fills node with the bars' key: light before training, dark after.
export function phaseLegend(node, t) {
  node.replaceChildren(...['before', 'after'].map((phase) => el('span', { class: 'mem-legend-item' },
    el('i', { class: `mem-phase-swatch ${phase}`, 'data-phase': phase }), t(`mem.legend.${phase}`))));
}

function barChart(c, sym, y, t) {
  const H = 170;
  const BW = 360; // narrower than the curves' viewBox: the chart sits in a third of the width
  const w = BW - M.left - M.right;
  const h = H - M.top - M.bottom;
  const L = c.before[sym].length;
  const x = d3.scaleBand().domain(d3.range(1, L + 1)).range([0, w]).paddingInner(L > 40 ? 0 : 0.15);
  const wrap = el('div', { class: 'mem-bars', 'data-symbol': sym });
  const svg = d3.select(wrap).append('svg').attr('viewBox', `0 0 ${BW} ${H}`).attr('role', 'img').attr('aria-label', `${c.cell} ${t(`mem.grad.${sym}`)}`);
  const g = svg.append('g').attr('transform', `translate(${M.left},${M.top})`);
  y.range([h, 0]).clamp(true);
  const ticks = y.ticks().filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  const step = Math.max(1, Math.ceil(ticks.length / 4));
  g.append('g').attr('class', 'y axis').call(d3.axisLeft(y).tickValues(ticks.filter((v, k) => k % step === 0)).tickFormat((v) => pow10(Math.round(Math.log10(v)))).tickSizeOuter(0));
  const every = Math.max(1, Math.ceil(L / 10));
  g.append('g').attr('class', 'x axis').attr('transform', `translate(0,${h})`)
    .call(d3.axisBottom(x).tickValues(d3.range(1, L + 1).filter((v) => v === 1 || v % every === 0)).tickSizeOuter(0));
  g.append('text').attr('class', 'mem-axis-label').attr('x', w).attr('y', h + 30).attr('text-anchor', 'end').text(`t · ${t(`mem.grad.${sym}`)}`);
  const bw = x.bandwidth() / 2;
  for (const [phase, p] of [['before', c.before], ['after', c.after]]) {
    if (!p) continue;
    p[sym].forEach((v, k) => {
      const top = v > 0 ? y(v) : h;
      const rect = g.append('rect').attr('class', `bar ${phase}`).attr('fill', COLOR[c.cell])
        .attr('x', x(k + 1) + (phase === 'after' ? bw : 0)).attr('width', Math.max(0.5, bw)).attr('y', top).attr('height', Math.max(0, h - top));
      numAttrs(rect, sym, k + 1, null, v);
      rect.attr('data-cell', KEY[c.cell]).attr('data-phase', phase);
      rect.append('title').text(`${t(`mem.${phase}`)} t = ${k + 1}: ${sci(v)}`);
    });
  }
  return wrap;
}
