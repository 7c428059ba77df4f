// Number display. Every number shown from a trace is an element carrying
// the DOM contract of DESIGN §4: data-symbol (x, h, c, i, f, g, o, z, r, n,
// y), data-t, data-unit and data-value (the full-precision value, as the
// engine sent it); the text is only a rounded rendering of that value.

// fmt renders v with `digits` decimals (a minus sign, not a hyphen).
export function fmt(v, digits = 3) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const s = Number(v).toFixed(digits);
  return (s.startsWith('-') && Number(s) === 0 ? s.slice(1) : s).replace('-', '−');
}

// numberAttrs sets the DOM contract's attributes on el.
export function numberAttrs(el, symbol, t, unit, value) {
  el.dataset.symbol = symbol;
  el.dataset.t = String(t);
  el.dataset.unit = String(unit);
  el.dataset.value = String(value);
  return el;
}

// numberEl makes a <tag class="num"> showing value rounded, with the contract's attributes.
export function numberEl(symbol, t, unit, value, { digits = 3, tag = 'span' } = {}) {
  const el = document.createElement(tag);
  el.className = 'num';
  el.textContent = fmt(value, digits);
  return numberAttrs(el, symbol, t, unit, value);
}

// el is a small element builder: el('td', {class: 'x'}, 'text', child…).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}
