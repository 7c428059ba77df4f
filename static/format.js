// Number display and the element builder of the page. Every number shown
// from a trace is an element carrying the DOM contract of DESIGN §4:
// data-symbol (x, h, c, i, f, g, o, z, r, n, y), data-t, data-unit and
// data-value (the full-precision value, as the engine sent it); the text is
// only a rounded rendering of that value. Nothing here computes a model value.
import { SIZE } from './config.js';

export const MINUS = '\u2212';

// fmt formats a number for the screen: fixed decimals, a true minus sign, no "-0.000"; a dash for
// a missing value, ∞ for an infinite one, and an exponent from 100 000 on.
export function fmt(v, digits = SIZE.digits) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : `${MINUS}∞`;
  let s = Math.abs(v) >= 1e5 ? v.toExponential(2) : v.toFixed(digits);
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return s.replace('-', MINUS);
}

// sci formats a number in scientific notation with 3 significant digits, a true minus sign and a
// superscript power of ten: 1.23×10⁻⁴ (a gradient norm). Exponent 0 shows the mantissa alone.
export function sci(v) {
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const [m, e] = v.toExponential(2).split('e');
  return +e === 0 ? m.replace('-', MINUS) : `${m.replace('-', MINUS)}×${pow10(+e)}`;
}

// pow10 writes 10^k with superscript digits: 10⁻³.
export function pow10(k) {
  const sup = String(Math.abs(k)).split('').map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[+c]).join('');
  return `10${k < 0 ? '⁻' : ''}${sup}`;
}

// numText is the text num shows for value with opts (text, digits, term): opts.text when given,
// else the value rounded to opts.digits; with term (a number that follows an operator) a negative
// goes in parentheses.
export function numText(value, opts = {}) {
  if (opts.text !== undefined && opts.text !== null) return opts.text;
  const s = fmt(value, opts.digits);
  return opts.term && s.startsWith(MINUS) ? `(${s})` : s;
}

// numAttrs sets the DOM contract's attributes on a DOM element or a d3 selection of one. A number
// of no time step or unit (a price, a loss) passes null for t and unit, and has no such attribute.
export function numAttrs(target, symbol, t, unit, value) {
  const node = target && target.node ? target.node() : target;
  node.setAttribute('data-symbol', symbol);
  if (t !== null) node.setAttribute('data-t', String(t));
  if (unit !== null) node.setAttribute('data-unit', String(unit));
  node.setAttribute('data-value', String(value));
  return target;
}

// grouped writes an integer with commas between thousands, as toLocaleString('en-US') does, without
// the locale data that its first call loads (20-70 ms of the page's start in Chromium).
export function grouped(n) {
  if (!Number.isSafeInteger(n)) return Number.isFinite(n) ? n.toLocaleString('en-US') : String(n);
  const s = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${s}` : s;
}

// num makes the element of one number: <span class="num"> with the DOM contract's attributes,
// showing the value rounded to opts.digits. opts: term (a negative in parentheses, after an
// operator), class (more classes), focusable, tag (another element than span), text (the text to
// show instead, e.g. a price in NT$) and data ({name: value}: more data-* attributes, such as the
// date or the training epoch of the number).
export function num(symbol, t, unit, value, opts = {}) {
  const node = el(opts.tag || 'span', { class: `num ${opts.class || ''}`.trim(), tabindex: opts.focusable ? 0 : null }, numText(value, opts));
  numAttrs(node, symbol, t, unit, value);
  for (const [k, v] of Object.entries(opts.data || {})) setAttr(node, `data-${k}`, v);
  return node;
}

// el builds an HTML element: el('span', {class: 'a', 'data-x': 1, onclick: f}, child, 'text', [more]).
// An attribute that is undefined, null or false is left out, true writes it empty; text sets the
// text; a function under on… listens to that event. Children may be nodes, text or arrays of them.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else setAttr(node, k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// setAttr writes an attribute the way el does: undefined, null or false leave it out, true writes it empty.
function setAttr(node, k, v) {
  if (v === undefined || v === null || v === false) return;
  node.setAttribute(k, v === true ? '' : String(v));
}

// setText sets a node's text only when it differs (an unchanged write still dirties layout).
export function setText(node, s) {
  if (node.textContent !== s) node.textContent = s;
}
