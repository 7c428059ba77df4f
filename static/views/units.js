// A unit picker shared by the equation and cell views: one chip per unit of s_t, coloured by its
// value, the selected one outlined. The selection is the page's (state.unit, set through
// opts.onSelectUnit) or, without that callback, the view's own.
import { el, fmt } from '../format.js';
import { activationScale, inkOn } from './common.js';

// resolveUnit returns the unit (0-based) a view shows: state.unit when set, else local, clamped.
export function resolveUnit(state, local, units) {
  const u = Number.isInteger(state && state.unit) ? state.unit : local;
  return Math.max(0, Math.min(units - 1, u || 0));
}

// createUnitPicker returns {node, update(values, t, selected)}; pick(j) is called on a chip click.
// The chips are made once per number of units and language; a step only recolours and relabels them.
export function createUnitPicker(msg, pick) {
  const node = el('div', { class: 'unit-picker', role: 'group' });
  const color = activationScale(1);
  let chips = [];
  let madeFor = '';
  node.addEventListener('click', (ev) => {
    const b = ev.target.closest && ev.target.closest('.unit-chip');
    if (b && node.contains(b)) pick(Number(b.dataset.unit));
  });

  function make(n) {
    node.setAttribute('aria-label', msg('views.units'));
    node.classList.toggle('dense', n > 12);
    chips = Array.from({ length: n }, (_, j) => el('button', { type: 'button', class: 'unit-chip', 'data-unit': j }));
    node.replaceChildren(el('span', { class: 'unit-picker-label' }, msg('views.units')), ...chips);
  }

  return {
    node,
    update(values, t, selected) {
      const key = `${values.length}|${msg('views.units')}`;
      if (key !== madeFor) {
        make(values.length);
        madeFor = key;
      }
      const dense = values.length > 12;
      values.forEach((v, j) => {
        const b = chips[j];
        const on = j === selected;
        const label = `${msg('views.unit', { j: j + 1 })}: ${fmt(v)}`;
        b.classList.toggle('selected', on);
        b.setAttribute('aria-pressed', String(on));
        if (b.getAttribute('aria-label') !== label) {
          b.setAttribute('aria-label', label);
          b.title = label;
        }
        const text = dense && !on ? '' : String(j + 1);
        if (b.textContent !== text) b.textContent = text;
        b.style.background = color(v);
        b.style.color = inkOn(v);
      });
    },
  };
}
