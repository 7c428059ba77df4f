// Prediction chart: on the test range, the actual close, the model's prediction and the last-value
// baseline ("tomorrow = today"), in NT$, with the RMSE of each (from the engine) in the legend, a
// hover readout of one day's three values, and a zoom on the last ZOOM_DAYS trading days.
//
// create(container, opts) → {update(state, predict), setZoom(on), destroy()}
//   opts: {t(key, params), onHover?(info|null), zoom?: false}
//   predict: the result of op `predict`: {test: {dates, actual, predicted, baseline} (NT$),
//            rmse: {model, baseline} (NT$), mae?: {model, baseline}}
//   Numbers in the tooltip and legend carry data-symbol ("actual", "y" for the model's output,
//   "baseline", "rmse", "mae"), data-value and data-index / data-date / data-series.
import { el, num } from '../../format.js';
import { createTooltip, tipTitle, tipLine } from '../../views/tooltip.js';
import { duration, animate } from '../../config.js';
import { MIN_TEST_WINDOWS } from '../../state.js';
import { besideTip, CURVE, day, dateTick, price, swatch, styleAxis, axisLabel, nearestIndex } from './common.js';
import { watchSize } from '../../views/resize.js';

const d3 = globalThis.d3;
const M = { left: 76, right: 22, top: 16, bottom: 34 };
export const ZOOM_DAYS = 60;
const SERIES = [
  { key: 'actual', symbol: 'actual' },
  { key: 'predicted', symbol: 'y' },
  { key: 'baseline', symbol: 'baseline' },
];
const CELL = { rnn: 'SimpleRNN', simplernn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
let clipSeq = 0;

export function create(container, opts = {}) {
  const msg = opts.t || ((k) => k);
  container.classList.add('views-host', 'tv-pred');
  const title = el('h3', { class: 'view-title' });
  const zoomBox = el('div', { class: 'view-toggle tv-zoom', role: 'group' });
  const legend = el('div', { class: 'tv-legend tv-pred-legend' });
  const verdict = el('p', { class: 'tv-verdict' });
  const fewWindows = el('p', { class: 'tv-few-windows', role: 'note', hidden: true });
  const figure = el('figure', { class: 'tv-pred-figure' });
  const placeholder = el('p', { class: 'tv-placeholder' });
  container.append(el('div', { class: 'view-head' }, title, zoomBox), placeholder, legend, verdict, fewWindows, figure);
  const tip = createTooltip(container);

  const clipId = `tv-pred-clip-${++clipSeq}`;
  const svg = d3.select(figure).append('svg').attr('class', 'tv-pred-svg').attr('role', 'img');
  const clipRect = svg.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const gGrid = svg.append('g').attr('class', 'tv-grid');
  const gX = svg.append('g');
  const gY = svg.append('g');
  const gTitles = svg.append('g');
  const plot = svg.append('g').attr('clip-path', `url(#${clipId})`);
  const paths = Object.fromEntries(SERIES.map((s) => [s.key, plot.append('path').attr('class', `tv-curve ${s.key}`).attr('stroke', CURVE[s.key])]));
  const gDots = plot.append('g').attr('class', 'tv-dots');
  const gHover = svg.append('g').attr('class', 'tv-hover').attr('display', 'none');
  const rule = gHover.append('line').attr('class', 'tv-rule');
  const hoverDots = Object.fromEntries(SERIES.map((s) => [s.key, gHover.append('circle').attr('class', `tv-hover-dot ${s.key}`).attr('r', 5).attr('fill', CURVE[s.key])]));
  const overlay = svg.append('rect').attr('class', 'tv-overlay');

  let zoom = !!opts.zoom;
  let last = null; // [state, predict, dates]
  let lang = null;
  let geo = null;

  function head(state, P) {
    title.textContent = msg('tv.pred.title');
    zoomBox.setAttribute('aria-label', msg('tv.pred.zoomLabel'));
    zoomBox.replaceChildren(
      ...[false, true].map((z) => {
        const b = el('button', { type: 'button', class: 'toggle-btn', 'aria-pressed': String(zoom === z), 'data-zoom': String(z) }, z ? msg('tv.pred.zoomLast', { n: ZOOM_DAYS }) : msg('tv.pred.zoomAll'));
        b.addEventListener('click', () => api.setZoom(z));
        return b;
      }),
    );
    const rmse = P.rmse || {};
    const mae = P.mae || {};
    const item = (key, label, r, m) =>
      el(
        'span',
        { class: `tv-legend-item ${key}` },
        swatch('line', key),
        el('span', {}, label),
        r !== undefined ? el('span', { class: 'tv-rmse' }, 'RMSE NT$ ', num('rmse', null, null, r, { text: price(r), data: { series: key } })) : null,
        m !== undefined ? el('span', { class: 'tv-mae' }, 'MAE ', num('mae', null, null, m, { text: price(m), data: { series: key } })) : null,
      );
    legend.replaceChildren(
      item('actual', msg('tv.pred.actual')),
      item('predicted', P.model && P.model.cell ? msg('tv.pred.predictedBy', { cell: CELL[String(P.model.cell).toLowerCase()] || P.model.cell, units: P.model.units }) : msg('tv.pred.predicted'), rmse.model, mae.model),
      item('baseline', msg('tv.pred.baseline'), rmse.baseline, mae.baseline),
    );
    verdict.replaceChildren();
    if (Number.isFinite(rmse.model) && Number.isFinite(rmse.baseline) && rmse.baseline > 0) {
      const pct = Math.round((100 * Math.abs(rmse.model - rmse.baseline)) / rmse.baseline);
      const better = rmse.model < rmse.baseline;
      verdict.className = `tv-verdict ${better ? 'better' : 'worse'}`;
      verdict.append(msg(better ? 'tv.pred.better' : 'tv.pred.worse', { pct, model: price(rmse.model), baseline: price(rmse.baseline) }));
    }
    // Too few test windows: the RMSE above is a matter of luck.
    const n = P.test.dates.length;
    fewWindows.hidden = n >= MIN_TEST_WINDOWS;
    fewWindows.dataset.windows = String(n);
    fewWindows.textContent = n < MIN_TEST_WINDOWS ? msg('tv.pred.fewWindows', { n, min: MIN_TEST_WINDOWS }) : '';
  }

  function draw(ms) {
    const [, P, dates] = last;
    const T = P.test;
    const n = dates.length;
    const width = Math.max(320, size.width() || 720);
    const height = Math.round(Math.max(240, Math.min(380, width * 0.4)));
    svg.attr('viewBox', `0 0 ${width} ${height}`).attr('aria-label', msg('tv.pred.title'));
    const w = width - M.left - M.right;
    const h = height - M.top - M.bottom;
    const from = zoom ? Math.max(0, n - ZOOM_DAYS) : 0;
    const x = d3.scaleUtc().domain([dates[from], dates[n - 1]]).range([0, w]);
    const vis = d3.range(from, n);
    const lo = d3.min(vis, (i) => Math.min(T.actual[i], T.predicted[i], T.baseline[i]));
    const hi = d3.max(vis, (i) => Math.max(T.actual[i], T.predicted[i], T.baseline[i]));
    const y = d3.scaleLinear().domain([lo, hi]).nice().range([h, 0]);
    const t = (sel) => (geo ? animate(sel, ms) : sel);
    t(gX.attr('transform', `translate(${M.left},${M.top + h})`)).call(d3.axisBottom(x).ticks(Math.max(3, Math.floor(w / 110))).tickFormat(dateTick(last[0].lang)).tickSizeOuter(0)).call(styleAxis);
    t(gY.attr('transform', `translate(${M.left},${M.top})`)).call(d3.axisLeft(y).ticks(6).tickFormat(d3.format(',.0f')).tickSizeOuter(0)).call(styleAxis);
    gGrid.attr('transform', `translate(${M.left},${M.top})`).selectAll('line').data(y.ticks(6)).join('line').attr('x2', w).attr('y1', y).attr('y2', y);
    gTitles.selectAll('*').remove();
    axisLabel(gTitles, msg('tv.pred.yAxis'), 16, M.top + h / 2, 'middle', true);
    clipRect.attr('x', M.left).attr('y', M.top - 6).attr('width', w).attr('height', h + 12);
    const px = (i) => M.left + x(dates[i]);
    for (const s of SERIES) {
      const vals = T[s.key];
      t(paths[s.key]).attr('d', d3.line().defined((i) => Number.isFinite(vals[i])).x(px).y((i) => M.top + y(vals[i]))(d3.range(n)));
    }
    const dots = zoom ? vis.flatMap((i) => SERIES.map((s) => ({ i, s }))) : [];
    gDots
      .selectAll('circle')
      .data(dots, (d) => `${d.s.key}${d.i}`)
      .join('circle')
      .attr('class', (d) => `tv-dot ${d.s.key}`)
      .attr('fill', (d) => CURVE[d.s.key])
      .attr('r', 2.8)
      .attr('cx', (d) => px(d.i))
      .attr('cy', (d) => M.top + y(T[d.s.key][d.i]));
    overlay.attr('x', M.left).attr('y', M.top).attr('width', w).attr('height', h);
    geo = { x, y, h, from };
  }

  function hover(event) {
    if (!geo || !last) return;
    const [, P, dates] = last;
    const T = P.test;
    const [mx] = d3.pointer(event, svg.node());
    const i = Math.max(geo.from, nearestIndex(dates, geo.x.invert(mx - M.left)));
    const cx = M.left + geo.x(dates[i]);
    gHover.attr('display', null);
    rule.attr('x1', cx).attr('x2', cx).attr('y1', M.top).attr('y2', M.top + geo.h);
    for (const s of SERIES) hoverDots[s.key].attr('cx', cx).attr('cy', M.top + geo.y(T[s.key][i]));
    const attrs = (key) => ({ index: i, date: T.dates[i], series: key });
    const line = (s, label) => {
      const v = T[s.key][i];
      const err = s.key === 'actual' ? null : v - T.actual[i];
      return tipLine(
        swatch('line', s.key),
        ` ${label} `,
        num(s.symbol, null, null, v, { text: price(v), data: attrs(s.key) }),
        err === null ? null : el('span', { class: 'tip-note' }, ` (${msg('tv.pred.error')} ${err >= 0 ? '+' : ''}${price(err)})`),
      );
    };
    tip.show(hoverDots.actual.node(), tipTitle(T.dates[i]), line(SERIES[0], msg('tv.pred.actual')), line(SERIES[1], msg('tv.pred.predictedShort')), line(SERIES[2], msg('tv.pred.baselineShort')));
    besideTip(container, hoverDots.actual.node());
    if (opts.onHover) opts.onHover({ index: i, date: T.dates[i], actual: T.actual[i], predicted: T.predicted[i], baseline: T.baseline[i] });
  }
  overlay.on('pointermove', hover).on('pointerleave', () => {
    gHover.attr('display', 'none');
    tip.hide();
    if (opts.onHover) opts.onHover(null);
  });

  const size = watchSize(figure, () => last && draw(0));

  const api = {
    update(state, predict) {
      if (!predict || !predict.test || !predict.test.dates || !predict.test.dates.length) {
        // No prediction (yet): say what will appear here.
        last = null;
        geo = null;
        tip.hide(true);
        container.classList.add('is-empty');
        fewWindows.hidden = true;
        title.textContent = msg('tv.pred.title');
        placeholder.textContent = msg('tv.pred.empty');
        zoomBox.replaceChildren();
        return;
      }
      container.classList.remove('is-empty');
      const fresh = !last || last[1] !== predict;
      if (!fresh && state.lang === lang) {
        last[0] = state;
        return;
      }
      tip.hide(true);
      gHover.attr('display', 'none');
      if (fresh) geo = null;
      last = [state, predict, fresh ? predict.test.dates.map(day) : last[2]];
      lang = state.lang;
      head(state, predict);
      draw(0);
    },
    setZoom(on) {
      if (zoom === !!on) return;
      zoom = !!on;
      if (!last) return;
      tip.hide(true);
      gHover.attr('display', 'none');
      head(last[0], last[1]);
      draw(duration(last[0], 450));
    },
    destroy() {
      size.stop();
      svg.interrupt();
      tip.destroy();
      container.replaceChildren();
      container.classList.remove('views-host', 'tv-pred');
    },
  };
  return api;
}

export { create as createPredChart };
