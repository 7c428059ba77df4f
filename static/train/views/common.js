// Helpers shared by the training views (static/train/views/): colours of the parts of a series,
// number formats in NT$ and for losses, date parsing, and small DOM/SVG builders. Nothing here
// computes a model value: every number drawn comes from the engine's results.
import { el, MINUS } from '../../format.js';

const d3 = globalThis.d3;

// Colours of the time-ordered split (train / validation / test) and of the curves. The CSS custom
// properties in train.css (--tv-*) mirror these.
export const PART = {
  train: '#0369a1',
  val: '#b45309',
  test: '#7c3aed',
};
export const CURVE = {
  loss: '#0369a1',
  val_loss: '#c2410c',
  batch: '#94a3b8',
  actual: '#0f172a',
  predicted: '#c2410c',
  baseline: '#64748b',
  window: '#0f766e',
};
export const PARTS = ['train', 'val', 'test'];

const fmtInt = d3.format(',d');
const fmtMoney2 = d3.format(',.2f');
const fmtMoney0 = d3.format(',.0f');

// int formats a count: 1,947.
export function int(v) {
  return Number.isFinite(v) ? fmtInt(v) : '—';
}

// price formats an NT$ amount with two decimals (no currency sign): 1,085.50.
export function price(v, digits = 2) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return (digits === 0 ? fmtMoney0 : digits === 2 ? fmtMoney2 : d3.format(`,.${digits}f`))(v).replace('-', MINUS);
}

// value formats a feature value: prices with two decimals, large counts (volume) as integers.
export function value(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return Math.abs(v) >= 1e5 ? int(Math.round(v)) : price(v);
}

// lossText formats an MSE: 3 significant digits, exponent notation below 0.01.
export function lossText(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v !== 0 && Math.abs(v) < 1e-2) return v.toExponential(2).replace('e-', 'e\u2212');
  return v.toPrecision(3);
}

const parse = d3.utcParse('%Y-%m-%d');
const cache = new Map();
// day parses "2024-01-02" as a UTC date (memoised: the same dates are parsed on every redraw).
export function day(s) {
  let d = cache.get(s);
  if (!d) {
    d = parse(String(s).slice(0, 10));
    if (cache.size > 20000) cache.clear();
    cache.set(s, d);
  }
  return d;
}

// xSub writes x with a numeric subscript in Unicode (x₁₀), for plain text and SVG labels.
export function xSub(n, letter = 'x') {
  return letter + String(n).replace(/\d/g, (c) => '₀₁₂₃₄₅₆₇₈₉'[c]);
}

// dateTick labels a UTC date axis tick: the year on 1 January, the month on the first of a month,
// else month and day (zh-TW: 2025, 3月, 03-17; en: 2025, Mar, Mar 17).
export function dateTick(lang) {
  const en = lang === 'en';
  const year = d3.utcFormat('%Y');
  const month = d3.utcFormat(en ? '%b' : '%-m月');
  const dayF = d3.utcFormat(en ? '%b %-d' : '%m-%d');
  return (d) => (d3.utcYear(d) >= d ? year(d) : d3.utcMonth(d) >= d ? month(d) : dayF(d));
}

// swatch is a small coloured line or box for a legend.
export function swatch(kind, cls) {
  return el('span', { class: `tv-swatch tv-swatch-${kind} ${cls || ''}`.trim(), 'aria-hidden': 'true' });
}

// toggle builds a two-state button (aria-pressed).
export function toggleButton(label, pressed, onClick, cls = '') {
  const b = el('button', { type: 'button', class: `tv-toggle ${cls}`.trim(), 'aria-pressed': String(!!pressed) }, label);
  b.addEventListener('click', () => onClick(b.getAttribute('aria-pressed') !== 'true'));
  return b;
}

// axisLabel writes an axis title into an SVG group.
export function axisLabel(g, text, x, y, anchor = 'start', rotate = false) {
  const t = g
    .append('text')
    .attr('class', 'tv-axis-label')
    .attr('x', x)
    .attr('y', y)
    .attr('text-anchor', anchor)
    .text(text);
  if (rotate) t.attr('transform', `rotate(-90,${x},${y})`);
  return t;
}

// styleAxis marks a d3 axis group (or a transition on one) for the views' axis look (train.css).
export function styleAxis(g) {
  (g.selection ? g.selection() : g).classed('tv-axis', true);
  return g;
}

// besideTip moves a shown tooltip (an element of host) beside anchor instead of above it, so that
// it does not hide the curves next to the hovered day: to the right of the anchor, or to its left
// near the right edge, vertically centred on it within host.
export function besideTip(host, anchor) {
  const tip = host.querySelector(':scope > .views-tooltip');
  if (!tip || tip.hidden) return;
  const hb = host.getBoundingClientRect();
  const ab = anchor.getBoundingClientRect();
  const w = tip.offsetWidth;
  const h = tip.offsetHeight;
  const cx = ab.left + ab.width / 2 - hb.left;
  let left = cx + 18;
  if (left + w > hb.width - 4) left = cx - 18 - w;
  const top = Math.max(4, Math.min(ab.top + ab.height / 2 - hb.top - h / 2, hb.height - h - 4));
  tip.style.left = `${Math.round(Math.max(4, left))}px`;
  tip.style.top = `${Math.round(top)}px`;
}

// nearestIndex returns the index of the date in sorted dates (UTC Date[]) nearest to d.
export function nearestIndex(dates, d) {
  const i = d3.bisectCenter(dates, d);
  return Math.max(0, Math.min(dates.length - 1, i));
}
