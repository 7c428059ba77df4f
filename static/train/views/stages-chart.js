// The series chart of the stages view: the whole close series (prices), its scaled form with the
// rows the scaler saw (scaling), the split bands (split), and a zoom on the first days with a window
// of TIME_STEPS days sliding along (windows). Everything drawn is read from the PrepareResult.
import { el, fmt, num } from '../../format.js';
import { animate } from '../../config.js';
import { tipTitle, tipLine } from '../../views/tooltip.js';
import { besideTip, dateTick, PART, PARTS, int, price, value, styleAxis, axisLabel, nearestIndex, xSub } from './common.js';

const d3 = globalThis.d3;
const M = { left: 72, right: 20, top: 34, bottom: 34 };

export function createSeriesChart(figure, tip, { msg, onHover }) {
  const svg = d3.select(figure).append('svg').attr('class', 'tv-series');
  const gBands = svg.append('g').attr('class', 'tv-bands');
  const gGrid = svg.append('g').attr('class', 'tv-grid');
  const gX = svg.append('g');
  const gY = svg.append('g');
  const gTitles = svg.append('g');
  const line = svg.append('path').attr('class', 'tv-line');
  const gAnno = svg.append('g').attr('class', 'tv-anno');
  const gHover = svg.append('g').attr('class', 'tv-hover').attr('display', 'none');
  const rule = gHover.append('line').attr('class', 'tv-rule');
  const dot = gHover.append('circle').attr('class', 'tv-hover-dot').attr('r', 5);
  const overlay = svg.append('rect').attr('class', 'tv-overlay');
  let geo = null;

  function frame(width) {
    const height = Math.round(Math.max(250, Math.min(360, width * 0.4)));
    svg.attr('viewBox', `0 0 ${width} ${height}`);
    return { width, height, w: width - M.left - M.right, h: height - M.top - M.bottom };
  }

  function axes(x, y, f, yFormat, xTicks) {
    const xa = d3.axisBottom(x).tickSizeOuter(0);
    if (xTicks) xTicks(xa);
    gX.attr('transform', `translate(${M.left},${M.top + f.h})`).call(xa).call(styleAxis);
    gY.attr('transform', `translate(${M.left},${M.top})`).call(d3.axisLeft(y).ticks(6).tickFormat(yFormat).tickSizeOuter(0)).call(styleAxis);
    gGrid
      .attr('transform', `translate(${M.left},${M.top})`)
      .selectAll('line')
      .data(y.ticks(6))
      .join('line')
      .attr('x2', f.w)
      .attr('y1', (v) => y(v))
      .attr('y2', (v) => y(v));
  }

  // full draws the whole series (prices, scaling, split).
  function full(d, mode, f, ms, lang) {
    const scaledMode = mode === 'scaling';
    const vals = scaledMode ? d.scaled : d.raw;
    const x = d3.scaleUtc().domain(d3.extent(d.dates)).range([0, f.w]);
    const ext = d3.extent(vals.filter((v) => v !== null && Number.isFinite(v)));
    const y = d3
      .scaleLinear()
      .domain(scaledMode ? [Math.min(0, ext[0]), Math.max(1, ext[1])] : ext)
      .nice()
      .range([f.h, 0]);
    axes(x, y, f, scaledMode ? d3.format('.1f') : d3.format(',.0f'), (a) => a.ticks(Math.max(2, Math.floor(f.w / 80))).tickFormat(dateTick(lang)));
    gTitles.selectAll('*').remove();
    axisLabel(gTitles, msg(scaledMode ? 'tv.axis.scaled' : 'tv.axis.close', { feature: msg(`tv.feature.${d.target}`) }), 8, 16);
    const path = d3
      .line()
      .defined((i) => vals[i] !== null && Number.isFinite(vals[i]))
      .x((i) => M.left + x(d.dates[i]))
      .y((i) => M.top + y(vals[i]));
    const dAttr = path(d3.range(vals.length));
    const morph = geo && geo.d === d && geo.mode !== 'windows' && ms > 0;
    line.attr('display', null).classed('scaled', scaledMode);
    animate(line, morph ? ms : 0).attr('d', dAttr);
    gAnno.selectAll('*').remove();
    gBands.selectAll('*').remove();
    gBands.attr('transform', `translate(${M.left},${M.top})`);
    gAnno.attr('transform', `translate(${M.left},${M.top})`);
    const at = (s) => x(d.dates[Math.max(0, Math.min(d.dates.length - 1, s))]);
    if (mode === 'scaling') scalingMarks(d, x, y, f, at);
    if (mode === 'split') splitMarks(d, x, f);
    if (mode === 'prices') {
      const n = vals.length - 1;
      gAnno.append('circle').attr('class', 'tv-end-dot').attr('cx', x(d.dates[n])).attr('cy', y(vals[n])).attr('r', 4);
      gAnno.append('text').attr('class', 'tv-end-label').attr('x', x(d.dates[n]) - 8).attr('y', y(vals[n]) - 10).attr('text-anchor', 'end').text(price(vals[n], 0));
    }
    overlay.attr('display', null).attr('x', M.left).attr('y', M.top).attr('width', f.w).attr('height', f.h);
    geo = { d, mode, x, y, vals };
  }

  function scalingMarks(d, x, y, f, at) {
    const fit = d.p.fit_rows || { start: 0, end: 0 };
    const x0 = at(fit.start);
    const x1 = at(fit.end - 1);
    gBands.append('rect').attr('class', 'tv-fit-band').attr('x', x0).attr('width', Math.max(1, x1 - x0)).attr('height', f.h);
    gBands.append('rect').attr('class', 'tv-unseen-band').attr('x', x1).attr('width', Math.max(0, f.w - x1)).attr('height', f.h);
    if (y.domain()[1] > 1) gBands.append('rect').attr('class', 'tv-over-band').attr('x', x1).attr('width', Math.max(0, f.w - x1)).attr('y', y(y.domain()[1])).attr('height', y(1) - y(y.domain()[1]));
    const seen = gBands.append('text').attr('class', 'tv-band-label fit').attr('x', x0 + 6).attr('y', -10).text(msg('tv.scaling.seen', { n: int(fit.end - fit.start) }));
    const unseen = gBands.append('text').attr('class', 'tv-band-label unseen').attr('x', f.w - 4).attr('y', -10).attr('text-anchor', 'end').text(msg('tv.scaling.unseen'));
    apart(seen, unseen);
    for (const v of [0, 1]) {
      gAnno.append('line').attr('class', 'tv-ref').attr('x2', f.w).attr('y1', y(v)).attr('y2', y(v));
      gAnno.append('text').attr('class', 'tv-ref-label').attr('x', v ? 6 : Math.min(x1 + 6, f.w - 190)).attr('y', y(v) - 5).text(msg(v ? 'tv.scaling.ref1' : 'tv.scaling.ref0'));
    }
  }

  // apart lifts label b one line up when it would overlap label a (both on the same baseline).
  function apart(a, b) {
    const ra = a.node().getBBox();
    const rb = b.node().getBBox();
    if (ra.width && rb.width && ra.x + ra.width + 10 > rb.x) b.attr('y', Number(b.attr('y')) - 17);
  }

  function splitMarks(d, x, f) {
    const split = d.p.split;
    const wd = d.wdates;
    const edge = (k) => (k >= wd.length ? f.w : x(wd[k]));
    const labels = [];
    gBands.append('rect').attr('class', 'tv-lead-band').attr('width', edge(0)).attr('height', f.h);
    for (const part of PARTS) {
      const r = split[part];
      if (!r || r.end <= r.start) continue;
      const x0 = edge(r.start);
      const x1 = edge(r.end);
      gBands.append('rect').attr('class', `tv-part-band part-${part}`).attr('x', x0).attr('width', Math.max(1, x1 - x0)).attr('height', f.h).attr('fill', PART[part]);
      if (r.start > 0) gBands.append('line').attr('class', 'tv-part-edge').attr('x1', x0).attr('x2', x0).attr('y1', -4).attr('y2', f.h).attr('stroke', PART[part]);
      const label = gBands.append('text').attr('class', `tv-band-label part-${part}`).attr('fill', PART[part]).attr('y', -10);
      label.text(`${msg(`tv.part.${part}`)} ${int(r.end - r.start)}`);
      const mid = (x0 + x1) / 2;
      label.attr('x', mid).attr('text-anchor', 'middle');
      if (labels.length) apart(labels[labels.length - 1], label);
      labels.push(label);
    }
  }

  // zoom draws the first days with the preview windows (windows stage).
  function zoom(d, f, k, ms) {
    const rowOf = d.rowOf || (d.rowOf = new Map(d.p.dates.map((s, i) => [s, i])));
    const pv = d.preview;
    const lastP = pv[pv.length - 1];
    const lo = pv.length ? rowOf.get(pv[0].dates[0]) ?? 0 : 0;
    const hiTarget = pv.length ? rowOf.get(lastP.y_date ?? d.p.window_dates[pv.length - 1]) ?? lo + d.steps : lo + d.steps;
    const rows = d3.range(lo, Math.min(d.raw.length, hiTarget + 4));
    const x = d3.scalePoint().domain(rows).range([0, f.w]).padding(0.5);
    const y = d3.scaleLinear().domain(d3.extent(rows, (i) => d.raw[i])).nice().range([f.h, 0]);
    if (y.domain()[0] === y.domain()[1]) y.domain([y.domain()[0] - 1, y.domain()[1] + 1]);
    const stride = Math.max(1, Math.ceil(56 / x.step()));
    const span = y.domain()[1] - y.domain()[0];
    axes(x, y, f, d3.format(span > 10 ? ',.0f' : ',.1f'), (a) => a.tickValues(rows.filter((i, j) => j % stride === 0)).tickFormat((i) => d.p.dates[i].slice(5)));
    gTitles.selectAll('*').remove();
    axisLabel(gTitles, msg('tv.axis.close', { feature: msg(`tv.feature.${d.target}`) }), 8, 16);
    line.interrupt().attr('display', 'none');
    gBands.selectAll('*').remove();
    gBands.attr('transform', `translate(${M.left},${M.top})`);
    gAnno.selectAll('*').remove();
    gAnno.attr('transform', `translate(${M.left},${M.top})`);
    gAnno.append('rect').attr('class', 'tv-window').attr('y', -4).attr('height', f.h + 4).attr('rx', 6);
    gAnno.append('line').attr('class', 'tv-target-col').attr('y1', -4).attr('y2', f.h);
    gAnno.append('text').attr('class', 'tv-window-label').attr('y', 16);
    gAnno.append('text').attr('class', 'tv-target-label').attr('y', 16).attr('text-anchor', 'middle').text('y');
    gAnno.append('path').attr('class', 'tv-zoom-line').attr('d', d3.line().x((i) => x(i)).y((i) => y(d.raw[i]))(rows));
    gAnno
      .selectAll('circle.tv-dot')
      .data(rows)
      .join('circle')
      .attr('class', 'tv-dot')
      .attr('data-row', (i) => i)
      .attr('cx', (i) => x(i))
      .attr('cy', (i) => y(d.raw[i]))
      .attr('r', Math.max(3, Math.min(6, x.step() / 5)));
    overlay.attr('display', 'none');
    gHover.attr('display', 'none');
    geo = { d, mode: 'windows', x, y, f, rowOf };
    move(d, k, 0);
  }

  function move(d, k, ms) {
    if (!geo || geo.mode !== 'windows' || !d.preview[k]) return;
    const { x, rowOf } = geo;
    const pv = d.preview[k];
    const a = rowOf.get(pv.dates[0]) ?? 0;
    const b = a + pv.dates.length - 1;
    const yr = rowOf.get(pv.y_date ?? d.p.window_dates[k]) ?? b + 1;
    const s = x.step();
    const tr = (sel) => animate(sel, ms);
    tr(gAnno.select('.tv-window')).attr('x', x(a) - s / 2 + 2).attr('width', x(b) - x(a) + s - 4);
    tr(gAnno.select('.tv-target-col')).attr('x1', x(yr)).attr('x2', x(yr));
    tr(gAnno.select('.tv-window-label')).attr('x', x(a) - s / 2 + 10);
    gAnno.select('.tv-window-label').text(msg('tv.windows.label', { k: k + 1, T: pv.dates.length, xT: xSub(pv.dates.length) }));
    tr(gAnno.select('.tv-target-label')).attr('x', x(yr));
    gAnno.selectAll('circle.tv-dot').classed('in-x', (i) => i >= a && i <= b).classed('is-y', (i) => i === yr);
  }

  function showHover(event) {
    if (!geo || geo.mode === 'windows') return;
    const { d, x, y, vals } = geo;
    const [px] = d3.pointer(event, svg.node());
    const i = nearestIndex(d.dates, x.invert(px - M.left));
    if (vals[i] === null || !Number.isFinite(vals[i])) return;
    gHover.attr('display', null);
    rule.attr('x1', M.left + x(d.dates[i])).attr('x2', M.left + x(d.dates[i])).attr('y1', M.top).attr('y2', M.top + y.range()[0]);
    dot.attr('cx', M.left + x(d.dates[i])).attr('cy', M.top + y(vals[i]));
    const k = i - d.steps; // the window whose target is row i (windows are numbered by their target)
    const part = k >= 0 ? PARTS.find((p) => d.p.split[p] && k >= d.p.split[p].start && k < d.p.split[p].end) : null;
    const attrs = { row: i, date: d.p.dates[i] };
    tip.show(
      dot.node(),
      tipTitle(d.p.dates[i]),
      tipLine(el('span', { class: 'tip-k' }, `${msg('tv.tip.value', { feature: msg(`tv.feature.${d.target}`) })} `), num('x', null, null, d.raw[i], { text: value(d.raw[i]), data: attrs })),
      tipLine(el('span', { class: 'tip-k' }, `${msg('tv.tip.scaled')} `), num('x_scaled', null, null, d.scaled[i], { text: fmt(d.scaled[i]), data: attrs })),
      part ? tipLine(el('span', { class: 'tip-k' }, `${msg('tv.tip.part')} `), msg(`tv.part.${part}`)) : tipLine(el('span', { class: 'tip-note' }, msg('tv.tip.leadOnly'))),
    );
    besideTip(figure.parentElement.closest('.views-host') || figure.parentElement, dot.node());
    if (onHover) onHover({ row: i, date: d.p.dates[i], value: d.raw[i], scaled: d.scaled[i], part });
  }

  overlay.on('pointermove', showHover).on('pointerleave', () => {
    gHover.attr('display', 'none');
    tip.hide();
    if (onHover) onHover(null);
  });

  return {
    draw(d, mode, width, ms, k, lang) {
      const f = frame(width);
      svg.attr('aria-label', msg(`tv.stage.${mode}.title`));
      gHover.attr('display', 'none');
      if (mode === 'windows') zoom(d, f, k, ms);
      else full(d, mode, f, ms, lang);
    },
    moveWindow: move,
    destroy() {
      svg.interrupt().remove();
    },
  };
}
