// The "why" view after training: the engine's explanation of the forecast (predict's `why`, `rmse`,
// `mae`, `direction`, `target`, `walk_forward`), drawn and put into sentences. For the price target
// the closes the scaler saw are drawn against the test range's; for every target the model's errors
// sit beside the baseline's, and the prediction moved one day back is drawn over the actual close
// (the "it just copies yesterday" check) with both correlations. Which sentence is shown depends on
// the run's numbers; none is computed here.
//
// create(container, opts) → {update(state, predict), destroy()}
//   opts: {t(key, params)}
//   Numbers carry data-symbol="why", data-key (the engine's field) and data-value; the error table's
//   cells also data-series (model | baseline | up).
import { el, num, MINUS } from '../../format.js';
import { CURVE, day, dateTick, price, styleAxis, swatch } from './common.js';

const d3 = globalThis.d3;
const TIE = 0.05; // within 5% of the baseline's RMSE, the page calls it a tie
const NO_SKILL = 0.1; // a predicted move that correlates below this with the actual move says almost nothing
const SHIFT_DAYS = 60; // the shift chart shows the test range's last days, where a one-day lag is visible
const W = 640;
const fixed = (v, d) => (Number.isFinite(v) ? v.toFixed(d).replace('-', MINUS) : '—');
const pct = (v) => fixed(100 * v, 1);

export function create(container, opts = {}) {
  const msg = opts.t || ((k) => k);
  container.classList.add('views-host', 'fc-why');
  let last = null;
  let lang = null;

  const n = (key, value, text, data = {}) => num('why', null, null, value, { text, data: { key, ...data } });
  const para = (key, vars, cls = '') => el('p', { class: `fc-why-text ${cls}`.trim(), 'data-msg': key }, msg(key, vars));

  // rangeChart draws the closes the scaler saw and the test range's as two bars on one NT$ axis,
  // with the test days' closes as ticks.
  function rangeChart(why, actual) {
    const h = 110;
    const M = { left: 16, right: 16, top: 8, bottom: 28 };
    const lo = Math.min(why.train_closes[0], why.test_closes[0]);
    const hi = Math.max(why.train_closes[1], why.test_closes[1]);
    const x = d3.scaleLinear().domain([lo, hi]).nice().range([M.left, W - M.right]);
    const svg = d3.create('svg').attr('class', 'fc-why-range').attr('viewBox', `0 0 ${W} ${h}`).attr('role', 'img').attr('aria-label', msg('fc.why.range.title'));
    const rows = [
      { key: 'train', r: why.train_closes, y: M.top + 6 },
      { key: 'test', r: why.test_closes, y: M.top + 42 },
    ];
    for (const row of rows) {
      svg.append('rect').attr('class', `fc-why-bar ${row.key}`).attr('x', x(row.r[0])).attr('width', Math.max(1, x(row.r[1]) - x(row.r[0]))).attr('y', row.y).attr('height', 22);
      svg.append('text').attr('class', 'fc-why-bar-label').attr('x', x(row.r[0]) + 4).attr('y', row.y + 15).text(msg(`fc.why.range.${row.key}`));
    }
    svg.append('g').attr('class', 'fc-why-ticks').selectAll('line').data(actual).join('line').attr('x1', x).attr('x2', x).attr('y1', M.top + 66).attr('y2', M.top + 74);
    svg.append('g').attr('transform', `translate(0,${h - M.bottom + 6})`).call(d3.axisBottom(x).ticks(6).tickFormat(d3.format(',.0f'))).call(styleAxis);
    return el('figure', { class: 'fc-why-figure' }, svg.node());
  }

  // shiftChart draws the actual close of day k and the prediction for day k+1 over the last days.
  function shiftChart(T, state) {
    const h = 220;
    const M = { left: 64, right: 16, top: 10, bottom: 28 };
    const count = T.dates.length - 1; // pairs (actual k, predicted k+1)
    const from = Math.max(0, count - SHIFT_DAYS);
    const idx = d3.range(from, count);
    const dates = idx.map((k) => day(T.dates[k]));
    const x = d3.scaleUtc().domain(d3.extent(dates)).range([M.left, W - M.right]);
    const vals = idx.flatMap((k) => [T.actual[k], T.predicted[k + 1]]);
    const y = d3.scaleLinear().domain(d3.extent(vals)).nice().range([h - M.bottom, M.top]);
    const svg = d3.create('svg').attr('class', 'fc-why-shift').attr('viewBox', `0 0 ${W} ${h}`).attr('role', 'img').attr('aria-label', msg('fc.why.shift.title'));
    svg.append('g').attr('transform', `translate(0,${h - M.bottom})`).call(d3.axisBottom(x).ticks(5).tickFormat(dateTick(state.lang))).call(styleAxis);
    svg.append('g').attr('transform', `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(5).tickFormat(d3.format(',.0f'))).call(styleAxis);
    const line = (get) => d3.line().x((_, j) => x(dates[j])).y((k) => y(get(k)))(idx);
    svg.append('path').attr('class', 'tv-curve actual').attr('stroke', CURVE.actual).attr('d', line((k) => T.actual[k]));
    svg.append('path').attr('class', 'tv-curve predicted').attr('stroke', CURVE.predicted).attr('d', line((k) => T.predicted[k + 1]));
    return el('figure', { class: 'fc-why-figure' }, svg.node());
  }

  function errorTable(P) {
    const cell = (key, series, v, text) => el('td', {}, n(key, v, text, { series }));
    const row = (label, key, m, b, text) => el('tr', {}, el('th', { scope: 'row' }, msg(label)), cell(key, 'model', m, text(m)), cell(key, 'baseline', b, text(b)));
    const d = P.direction;
    return el(
      'table',
      { class: 'fc-why-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, msg('fc.why.err.measure')), el('th', { scope: 'col' }, msg('fc.why.err.model')), el('th', { scope: 'col' }, msg('fc.why.err.baseline')))),
      el(
        'tbody',
        {},
        row('fc.why.err.rmse', 'rmse', P.rmse.model, P.rmse.baseline, price),
        row('fc.why.err.mae', 'mae', P.mae.model, P.mae.baseline, price),
        el('tr', {}, el('th', { scope: 'row' }, msg('fc.why.err.dir')), cell('direction', 'model', d.model, `${pct(d.model)}%`), el('td', {}, `${msg('fc.why.err.up')} `, n('direction', d.up, `${pct(d.up)}%`, { series: 'up' }))),
      ),
    );
  }

  function render(state, P) {
    const why = P.why;
    const T = P.test;
    const parts = [el('h3', { class: 'view-title' }, msg('fc.why.title'))];
    parts.push(para('fc.why.target', { target: msg(`fc.target.${P.target}`) }));
    if (P.walk_forward) parts.push(para('fc.why.walk'));
    if (P.target === 'price') {
      const [lo, hi] = why.train_closes;
      const [tlo, thi] = why.test_closes;
      parts.push(el('h4', {}, msg('fc.why.range.title')), rangeChart(why, T.actual));
      parts.push(
        el('p', { class: 'fc-why-legend' }, swatch('box', 'part-train'), ` ${msg('fc.why.range.train')} `, n('train_min', lo, price(lo)), '–', n('train_max', hi, price(hi)), '　', swatch('box', 'part-test'), ` ${msg('fc.why.range.test')} `, n('test_min', tlo, price(tlo)), '–', n('test_max', thi, price(thi)), '　', n('outside', why.outside, String(why.outside)), ' / ', String(T.actual.length), ' = ', n('outside_share', why.outside_share, `${pct(why.outside_share)}%`)),
      );
      parts.push(para('fc.why.range.text', { lo: price(lo), hi: price(hi), tlo: price(tlo), thi: price(thi), n: T.actual.length, out: why.outside, pct: pct(why.outside_share) }));
      if (thi > hi) parts.push(para('fc.why.range.above', { hi: price(hi) }));
      if (tlo < lo) parts.push(para('fc.why.range.below', { lo: price(lo) }));
    }
    parts.push(el('h4', {}, msg('fc.why.err.title')), errorTable(P));
    const ratio = why.rmse_ratio;
    const off = pct(Math.abs(ratio - 1));
    if (Math.abs(ratio - 1) <= TIE) {
      parts.push(para('fc.why.err.tie', { pct: off }, 'tie'));
      if (Math.abs(why.corr_move) < NO_SKILL) parts.push(para('fc.why.honest', { move: fixed(why.corr_move, 3) }));
    } else parts.push(para(ratio > 1 ? 'fc.why.err.worse' : 'fc.why.err.better', { pct: off }, ratio > 1 ? 'worse' : 'better'));
    const d = P.direction;
    parts.push(para('fc.why.dir.text', { days: d.days, acc: pct(d.model), up: pct(d.up) }));
    parts.push(para(d.model > d.up ? 'fc.why.dir.above' : 'fc.why.dir.notAbove'));
    if (T.dates.length > 2) {
      parts.push(el('h4', {}, msg('fc.why.shift.title')), shiftChart(T, state));
      parts.push(el('p', { class: 'fc-why-legend' }, swatch('line', 'actual'), ` ${msg('fc.why.shift.actual')}　`, swatch('line', 'predicted'), ` ${msg('fc.why.shift.pred')}　`, msg('fc.why.shift.last', { n: Math.min(SHIFT_DAYS, T.dates.length - 1) })));
      const r = (key, label, v) => el('span', { class: 'fc-why-corr' }, `${msg(label)} r = `, n(key, v, fixed(v, key === 'corr_move' ? 3 : 4)));
      parts.push(el('p', { class: 'fc-why-corrs' }, r('corr_shifted', 'fc.why.corr.shifted', why.corr_shifted), r('corr_aligned', 'fc.why.corr.aligned', why.corr_aligned), r('corr_move', 'fc.why.corr.move', why.corr_move), el('span', { class: 'fc-why-corr' }, `${msg('fc.why.meanMove')} `, n('mean_move', why.mean_move, price(why.mean_move)))));
      const vars = { shifted: fixed(why.corr_shifted, 4), aligned: fixed(why.corr_aligned, 4), mean: price(why.mean_move), actual: price(P.mae.baseline) };
      const lag = why.corr_shifted > why.corr_aligned;
      parts.push(para(!lag ? 'fc.why.shift.own' : why.mean_move < P.mae.baseline ? 'fc.why.shift.copies' : 'fc.why.shift.lags', vars));
      parts.push(para('fc.why.move', { move: fixed(why.corr_move, 3) }));
    }
    parts.push(el('p', { class: 'fc-why-sees' }, el('strong', {}, msg('fc.why.sees')), msg(`fc.sees.${P.target}`)));
    container.replaceChildren(...parts);
    container.dataset.target = P.target;
  }

  return {
    update(state, predict) {
      if (!predict || !predict.why || !predict.test || !predict.test.dates || !predict.test.dates.length) {
        last = null;
        container.classList.add('is-empty');
        container.replaceChildren(el('h3', { class: 'view-title' }, msg('fc.why.title')), el('p', { class: 'tv-placeholder' }, msg('fc.why.empty')));
        delete container.dataset.target;
        return;
      }
      if (predict === last && state.lang === lang) return;
      last = predict;
      lang = state.lang;
      container.classList.remove('is-empty');
      render(state, predict);
    },
    destroy() {
      container.replaceChildren();
      container.classList.remove('views-host', 'fc-why');
    },
  };
}
