// Heatmap view: the hidden state s_t (and, for LSTM, the cell state c_t) over time × units, with the
// current step marked and later steps dimmed. create(container, opts) → {update(state, result),
// destroy()}. opts: {t(key, params), onSelectStep(t), onHover(info|null)}.
import { duration, animate } from '../config.js';
import { el, fmt, numAttrs } from '../format.js';
import { activationScale, cellKind, currentT, shown, sym, mathText } from './common.js';
import { sizedView } from './sized.js';
import { createTooltip, tipTitle, tipLine } from './tooltip.js';
import { symText, showStep } from './svg.js';

const d3 = globalThis.d3;
const M = { left: 64, right: 12, top: 30, bottom: 34 };

export function create(container, opts = {}) {
  const msg = opts.t || ((k) => k);
  container.classList.add('views-host', 'view-heatmap');
  const panels = el('div', { class: 'heat-panels' });
  container.append(panels);
  const tip = createTooltip(container);
  let maps = [];

  function build(state, result, width) {
    const kind = cellKind(state, result);
    const series = [{ symbol: 'h', key: 'views.heat.h', get: (s) => s.h }];
    if (kind === 'lstm' && result.steps[0].c) series.push({ symbol: 'c', key: 'views.heat.c', get: (s) => s.c });
    const side = series.length > 1 && width >= 860;
    panels.classList.toggle('side', side);
    panels.replaceChildren();
    maps = series.map((s) => buildMap(s, result, side ? (width - 24) / 2 : width));
  }

  function buildMap(series, result, w) {
    const T = result.steps.length;
    const units = result.steps[0][series.symbol].length;
    const values = result.steps.map(series.get);
    const maxAbs = series.symbol === 'c' ? Math.max(1, d3.max(values.flat(), (v) => Math.abs(v)) || 1) : 1;
    const color = activationScale(maxAbs);
    const cellH = Math.max(4, Math.min(28, Math.floor(240 / units)));
    const innerW = Math.max(60, w - M.left - M.right);
    const x = d3.scaleBand().domain(d3.range(1, T + 1)).range([0, innerW]).paddingInner(T > 30 ? 0 : 0.06);
    const height = M.top + units * cellH + M.bottom;

    const panel = el('figure', { class: `heat-panel sym-${series.symbol}` });
    const caption = el('figcaption', { class: 'heat-title' }, mathText(msg(series.key)));
    const legend = el('span', { class: 'heat-legend' }, `${fmt(-maxAbs, maxAbs === 1 ? 0 : 2)} … +${fmt(maxAbs, maxAbs === 1 ? 0 : 2)}`);
    caption.append(legend);
    panel.append(caption);
    panels.append(panel);
    const svg = d3.select(panel).append('svg').attr('class', 'heat-svg').attr('viewBox', `0 0 ${w} ${height}`).attr('role', 'group').attr('aria-label', msg(series.key));
    const g = svg.append('g').attr('transform', `translate(${M.left},${M.top})`);

    const cols = g
      .selectAll('g.heat-col')
      .data(values.map((v, k) => ({ t: k + 1, v })))
      .join('g')
      .attr('class', 'heat-col')
      .attr('data-t', (d) => d.t)
      .attr('transform', (d) => `translate(${x(d.t)},0)`);
    // Each step's column is one keyboard stop: focus shows its values, Enter steps there.
    cols
      .attr('tabindex', 0)
      .attr('role', 'button')
      .attr('aria-label', (d) => `${shown(series.symbol)}_${d.t}: ${d.v.slice(0, 8).map((v) => fmt(v)).join(', ')}${d.v.length > 8 ? ', …' : ''}`)
      .on('focus', function (event, d) {
        tip.show(this, tipTitle(sym(shown(series.symbol), d.t)), tipLine(el('span', { class: 'num' }, d.v.slice(0, 8).map((v) => fmt(v)).join(', '))));
      })
      .on('blur', () => tip.hide())
      .on('keydown', (event, d) => {
        if (event.key !== 'Enter' || !opts.onSelectStep) return;
        event.preventDefault();
        event.stopPropagation();
        opts.onSelectStep(d.t);
      });
    svg.on('click', (event) => {
      const col = event.target.closest && event.target.closest('.heat-col');
      if (col && opts.onSelectStep) opts.onSelectStep(d3.select(col).datum().t);
    });
    cols
      .selectAll('rect.heat-cell')
      .data((d) => d.v.map((v, j) => ({ t: d.t, j, v })))
      .join('rect')
      .attr('class', 'heat-cell')
      .attr('y', (d) => d.j * cellH)
      .attr('width', x.bandwidth() + (T > 30 ? 0.4 : 0))
      .attr('height', cellH - (cellH > 8 ? 1 : 0))
      .attr('fill', (d) => color(d.v))
      .each(function (d) {
        numAttrs(this, series.symbol, d.t, d.j, d.v);
      });
    // One listener for all cells (a map can hold thousands): the tooltip of the cell under the pointer.
    let hovered = null;
    const leave = () => {
      hovered = null;
      tip.hide();
      if (opts.onHover) opts.onHover(null);
    };
    svg.on('pointerover', (event) => {
      const cell = event.target.closest && event.target.closest('.heat-cell');
      if (!cell) return hovered && leave();
      if (cell === hovered) return;
      hovered = cell;
      const d = d3.select(cell).datum();
      tip.show(cell, tipTitle(sym(shown(series.symbol), d.t), ' ', msg('views.unit', { j: d.j + 1 })), tipLine(el('span', { class: 'num' }, fmt(d.v))));
      if (opts.onHover) opts.onHover({ symbol: series.symbol, t: d.t, unit: d.j, value: d.v });
    });
    svg.on('pointerleave', leave);

    // Axes: units down the side, steps along the top.
    const uStride = Math.max(1, Math.ceil(14 / cellH));
    g.append('g')
      .attr('class', 'heat-axis')
      .selectAll('text')
      .data(d3.range(units).filter((j) => j % uStride === 0))
      .join('text')
      .attr('x', -8)
      .attr('y', (j) => j * cellH + cellH / 2)
      .attr('dy', '0.35em')
      .attr('text-anchor', 'end')
      .text((j) => j + 1);
    symText(svg.append('text').attr('class', 'heat-axis-title').attr('x', 8).attr('y', M.top - 10), `${shown(series.symbol)}_t`);
    const tStride = Math.max(1, Math.ceil(26 / x.bandwidth()));
    g.append('g')
      .attr('class', 'heat-axis steps')
      .selectAll('text')
      .data(d3.range(1, T + 1))
      .join('text')
      .attr('class', 'heat-step')
      .attr('data-k', (k) => k)
      .attr('x', (k) => x(k) + x.bandwidth() / 2)
      .attr('y', -9)
      .attr('text-anchor', 'middle')
      .text((k) => k);
    svg.append('text').attr('class', 'heat-axis-title').attr('x', M.left + innerW).attr('y', height - 8).attr('text-anchor', 'end').text(msg('views.heat.time'));
    const marker = g.append('rect').attr('class', 'heat-current').attr('y', -3).attr('height', units * cellH + 5).attr('rx', 3);
    return { svg, x, marker, tStride, T };
  }

  function paint(state, result) {
    const now = currentT(state, result);
    const ms = duration(state);
    for (const m of maps) {
      m.svg.selectAll('.heat-col').classed('future', (d) => d.t > now).classed('current', (d) => d.t === now);
      m.svg.selectAll('.heat-step').each(function () {
        const k = +this.getAttribute('data-k');
        d3.select(this)
          .classed('current', k === now)
          .attr('display', showStep(k, now, m.T, m.tStride, m.x.bandwidth()) ? null : 'none');
      });
      const fresh = m.marker.attr('x') === null;
      animate(m.marker, fresh ? 0 : ms)
        .attr('x', m.x(now) - 2)
        .attr('width', m.x.bandwidth() + 4);
    }
  }

  return sizedView(container, { build, paint, tip, className: 'view-heatmap' });
}

export { create as createHeatmap };
