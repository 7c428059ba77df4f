// A unit picker shared by the equation and cell views: one chip per unit of s_t, coloured by its
// value, the selected one outlined. The selection is the page's (state.unit, set through
// opts.onSelectUnit) or, without that callback, the view's own.
import { el, fmt, activationScale, inkOn } from './format.js';

// resolveUnit returns the unit (0-based) a view shows: state.unit when set, else local, clamped.
export function resolveUnit(state, local, units) {
  const u = Number.isInteger(state && state.unit) ? state.unit : local;
  return Math.max(0, Math.min(units - 1, u || 0));
}

// createUnitPicker returns {node, update(values, t, selected)}; pick(j) is called on a chip click.
export function createUnitPicker(msg, pick) {
  const node = el('div', { class: 'unit-picker', role: 'group' });
  const color = activationScale(1);
  return {
    node,
    update(values, t, selected) {
      node.setAttribute('aria-label', msg('views.units'));
      const dense = values.length > 12;
      node.classList.toggle('dense', dense);
      const chips = values.map((v, j) => {
        const b = el(
          'button',
          {
            type: 'button',
            class: `unit-chip${j === selected ? ' selected' : ''}`,
            'aria-pressed': String(j === selected),
            'aria-label': `${msg('views.unit', { j: j + 1 })}: ${fmt(v)}`,
            title: `${msg('views.unit', { j: j + 1 })}: ${fmt(v)}`,
          },
          dense && j !== selected ? '' : String(j + 1),
        );
        b.dataset.unit = String(j);
        b.style.background = color(v);
        b.style.color = inkOn(v);
        b.addEventListener('click', () => pick(j));
        return b;
      });
      node.replaceChildren(el('span', { class: 'unit-picker-label' }, msg('views.units')), ...chips);
    },
  };
}
