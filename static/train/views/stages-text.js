// Text of the stages view: the explanation beside the chart for each stage, the table of the first
// windows (x_1 … x_T → y) and the first window before and after scaling. Every number comes from the
// PrepareResult (windows_preview, scaler, split, fit_rows); none is computed here.
import { el, fmt, num } from '../../format.js';
import { sym } from '../../views/common.js';
import { PARTS, int, value, swatch, xSub } from './common.js';

const d3 = globalThis.d3;

const p = (...c) => (c[0] && c[0].constructor === Object ? el('p', c[0], ...c.slice(1)) : el('p', {}, ...c));
const h = (text) => el('h4', { class: 'tv-stage-title' }, text);

// stageText returns the nodes explaining one stage.
export function stageText(mode, d, msg) {
  const P = d.p;
  const n = d.dates.length;
  const I = d.features.length;
  switch (mode) {
    case 'prices':
      return [
        h(msg('tv.stage.prices.title')),
        p(msg('tv.prices.stock', { name: d.stock.name || '', code: d.stock.code || '', first: P.dates[0], last: P.dates[n - 1], rows: int(P.rows ?? n) })),
        p(msg('tv.prices.what')),
        d.raw.some((v) => v === null) ? p(msg('tv.prices.gaps')) : null,
        P.dropped > 0 ? p({ class: 'tv-note' }, msg('tv.prices.dropped', { n: int(P.dropped) })) : null,
        p({ class: 'tv-kv' }, msg('tv.prices.features', { list: d.features.join(', '), n: I })),
      ];
    case 'windows':
      return [
        h(msg('tv.stage.windows.title', { T: d.steps })),
        p(msg('tv.windows.what', { T: d.steps, next: d.steps + 1, xT: xSub(d.steps) })),
        p(msg('tv.windows.count', { rows: int(P.rows ?? n), T: d.steps, n: int(P.windows) })),
        p({ class: 'tv-code-line' }, `input_shape = (TIME_STEPS, INPUT_SIZE) = (${d.steps}, ${I})`),
        I > 1 ? p({ class: 'tv-note' }, msg('tv.windows.multi', { n: I, target: d.target })) : null,
        d.preview.length ? null : p({ class: 'tv-note' }, msg('tv.windows.noPreview')),
      ];
    case 'scaling':
      return scalingText(d, msg);
    default:
      return splitText(d, msg);
  }
}

// formula renders x′ = (x − min) / (max − min) with the numbers given (DOM nodes or strings).
function formula(xv, minv, maxv, result) {
  const frac = (top, bottom) => el('span', { class: 'tv-frac' }, el('span', { class: 'tv-frac-top' }, ...top), el('span', { class: 'tv-frac-bottom' }, ...bottom));
  return el('div', { class: 'tv-formula' }, sym('x′'), ' = ', frac([xv, ' − ', minv], [maxv, ' − ', minv]), result ? [' = ', result] : null);
}

function scalingText(d, msg) {
  const P = d.p;
  const sc = P.scaler;
  const fit = P.fit_rows;
  const lo = sc.min[d.fi];
  const hi = sc.max[d.fi];
  const maxScaled = d3.max(d.scaled);
  // window and logret scale a relative move, not the close: say so, and show no close in the formula.
  const moves = P.forecast && P.forecast !== 'price';
  const show = moves ? fmt : value;
  const nodes = [
    h(msg('tv.stage.scaling.title')),
    formula(sym('x'), 'min', 'max'),
    d.features.length > 1
      ? null
      : p(
      { class: 'tv-kv' },
      `${moves ? msg(`fc.scaled.${P.forecast}`) : d.target}: min = `,
      num('min', null, null, lo, { text: show(lo), data: { feature: d.target } }),
      ', max = ',
      num('max', null, null, hi, { text: show(hi), data: { feature: d.target } }),
    ),
    moves ? p({ class: 'tv-note' }, msg(`fc.stage.${P.forecast}`)) : null,
    p(msg('tv.scaling.fit', { n: int(fit.end - fit.start), first: P.dates[fit.start], last: P.dates[fit.end - 1] })),
    moves ? null : formula(value(d.raw[0]), value(lo), value(hi), num('x_scaled', null, null, d.scaled[0], { text: fmt(d.scaled[0]), data: { row: 0, date: P.dates[0] } })),
    moves ? null : p({ class: 'tv-note' }, msg('tv.scaling.example', { date: P.dates[0] })),
    p({ class: 'tv-why' }, el('strong', {}, msg('tv.scaling.whyHead')), ' ', msg('tv.scaling.why')),
    maxScaled > 1 ? p({ class: 'tv-over' }, msg('tv.scaling.over', { max: fmt(maxScaled) })) : null,
  ];
  if (d.features.length > 1) {
    const table = el('table', { class: 'tv-minmax' }, el('tr', {}, el('th', {}, msg('tv.scaling.feature')), el('th', {}, 'min'), el('th', {}, 'max')));
    sc.features.forEach((f, j) => table.append(el('tr', {}, el('th', {}, f), el('td', {}, num('min', null, null, sc.min[j], { text: value(sc.min[j]), data: { feature: f } })), el('td', {}, num('max', null, null, sc.max[j], { text: value(sc.max[j]), data: { feature: f } })))));
    nodes.splice(3, 0, table);
  }
  return nodes;
}

function splitText(d, msg) {
  const P = d.p;
  const total = P.windows;
  const list = el('ul', { class: 'tv-split-list' });
  for (const part of PARTS) {
    const r = P.split[part];
    if (!r || r.end <= r.start) continue;
    list.append(
      el(
        'li',
        { class: `part-${part}`, 'data-part': part },
        swatch('box', `part-${part}`),
        el('strong', {}, msg(`tv.part.${part}`)),
        ' ',
        num('count', null, null, r.end - r.start, { text: int(r.end - r.start), data: { part } }),
        ` ${msg('tv.split.windows')} `,
        el('span', { class: 'tv-muted' }, `(${Math.round((100 * (r.end - r.start)) / total)}%) · ${P.window_dates[r.start]} – ${P.window_dates[r.end - 1]}`),
      ),
    );
  }
  return [
    h(msg('tv.stage.split.title')),
    list,
    p({ class: 'tv-why' }, el('strong', {}, msg('tv.split.whyHead')), ' ', msg('tv.split.why')),
    p(msg('tv.split.roles')),
    P.batches_per_epoch ? p({ class: 'tv-note' }, msg('tv.split.batches', { b: int(P.batches_per_epoch) })) : null,
  ];
}

// columns picks the time steps shown in a table row: all of them up to 12, else the first 4, a gap
// (null) and the last 3.
function columns(T) {
  if (T <= 12) return d3.range(T);
  return [0, 1, 2, 3, null, T - 3, T - 2, T - 1];
}

const at = (x, s, fi) => (Array.isArray(x[s]) ? x[s][fi] : x[s]);

function headRow(T, msg, first) {
  return el(
    'tr',
    {},
    el('th', { class: 'tv-wcol-k' }, first),
    ...columns(T).map((s) => el('th', {}, s === null ? '…' : sym('x', String(s + 1)))),
    el('th', { class: 'tv-arrow' }, '→'),
    el('th', {}, sym('y'), ' ', el('span', { class: 'tv-muted' }, msg('tv.windows.next'))),
  );
}

// windowTable lists the preview windows; clicking (or Enter on) a row calls onPick(k).
export function windowTable(d, msg, onPick) {
  const T = d.preview[0].dates.length;
  const table = el('table', { class: 'tv-wtable' }, el('thead', {}, headRow(T, msg, '#')));
  const body = el('tbody');
  d.preview.forEach((w, k) => {
    const tr = el('tr', { class: 'tv-wrow', 'data-window': k, tabindex: 0, title: `${w.dates[0]} – ${w.dates[w.dates.length - 1]}` });
    tr.append(el('th', { class: 'tv-wcol-k' }, String(k + 1), el('div', { class: 'tv-wdate' }, `${w.dates[0].slice(5)}–${w.dates[w.dates.length - 1].slice(5)}`)));
    for (const s of columns(T)) {
      if (s === null) tr.append(el('td', { class: 'tv-gap' }, '…'));
      else tr.append(el('td', {}, num('x', null, null, at(w.x, s, d.fi), { text: value(at(w.x, s, d.fi)), data: { window: k, t: s + 1, date: w.dates[s] } })));
    }
    const yDate = w.y_date || d.p.window_dates[k];
    tr.append(el('td', { class: 'tv-arrow' }, '→'), el('td', { class: 'tv-y' }, num('y', null, null, w.y, { text: value(w.y), data: { window: k, date: yDate } }), el('div', { class: 'tv-wdate' }, yDate.slice(5))));
    tr.addEventListener('click', () => onPick(k));
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onPick(k);
      }
    });
    body.append(tr);
  });
  table.append(body);
  return el('div', { class: 'tv-table-wrap' }, table);
}

// scaledTable shows the first window as prices and as the scaled numbers the model reads.
export function scaledTable(d, msg) {
  const w = d.preview[0];
  const T = w.dates.length;
  const row = (label, xs, yv, symbol, show) =>
    el(
      'tr',
      {},
      el('th', { class: 'tv-wcol-k' }, label),
      ...columns(T).map((s) => (s === null ? el('td', { class: 'tv-gap' }, '…') : el('td', {}, num(symbol, null, null, at(xs, s, d.fi), { text: show(at(xs, s, d.fi)), data: { window: 0, t: s + 1 } })))),
      el('td', { class: 'tv-arrow' }, '→'),
      el('td', { class: 'tv-y' }, num(symbol === 'x' ? 'y' : 'y_scaled', null, null, yv, { text: show(yv), data: { window: 0 } })),
    );
  const table = el(
    'table',
    { class: 'tv-wtable tv-scaled' },
    el('thead', {}, headRow(T, msg, '')),
    el('tbody', {}, row(msg('tv.scaling.rowRaw'), w.x, w.y, 'x', value), row(msg('tv.scaling.rowScaled'), w.x_scaled, w.y_scaled, 'x_scaled', fmt)),
  );
  return el('div', { class: 'tv-table-wrap' }, table);
}

