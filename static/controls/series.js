// The input sequence as a table (t, date, raw close, x_t fed to the model)
// with the current step marked, and the model's output after the last step
// (o, its price in NT$, and the actual next close). Every number comes from
// the TraceResult; x and o carry the DOM contract (data-symbol x / y).

import { el, fmt, numberEl } from '../format.js';

// createSeries(container, {t, onSelectStep(t)}) → {update(state)}
export function createSeries(container, { t, onSelectStep }) {
  let drawnFor = null;
  let drawnLang = null;
  let rows = [];

  container.addEventListener('click', (ev) => {
    const row = ev.target.closest('tr[data-step]');
    if (row) onSelectStep(Number(row.dataset.step));
  });
  container.addEventListener('keydown', (ev) => {
    const row = ev.target.closest('tr[data-step]');
    if (row && (ev.key === 'Enter' || ev.key === ' ')) {
      ev.preventDefault();
      ev.stopPropagation();
      onSelectStep(Number(row.dataset.step));
    }
  });

  function draw(result) {
    const inp = result.input;
    const prices = inp.kind === 'prices';
    const head = el('tr', {},
      el('th', { scope: 'col' }, t('series.t')),
      prices ? el('th', { scope: 'col' }, t('series.date')) : null,
      prices ? el('th', { scope: 'col' }, t('series.price')) : null,
      el('th', { scope: 'col' }, t('series.x')));
    rows = result.steps.map((step, k) => {
      const tr = el('tr', { 'data-step': step.t, tabindex: '-1' },
        el('th', { scope: 'row' }, String(step.t)),
        prices ? el('td', {}, inp.dates[k]) : null,
        prices ? el('td', { class: 'num-cell' }, el('span', { class: 'num', 'data-symbol': 'price', 'data-t': step.t, 'data-value': inp.raw[k][0] }, fmt(inp.raw[k][0], 1))) : null,
        el('td', { class: 'num-cell' }, ...step.x.map((v, j) => numberEl('x', step.t, j, v, { digits: 4 }))));
      return tr;
    });
    const table = el('table', { class: 'series-table' },
      el('caption', {}, t('series.caption')),
      el('thead', {}, head),
      el('tbody', {}, ...rows));
    const T = result.steps.length;
    const out = el('dl', { class: 'series-output' },
      el('dt', {}, t('series.output')),
      el('dd', {}, ...result.output.map((v, j) => numberEl('y', T, j, v, { digits: 4 }))));
    if (result.output_raw) {
      out.append(el('dt', {}, t('series.output_raw')),
        el('dd', {}, ...result.output_raw.map((v) => el('span', { class: 'num', 'data-symbol': 'price', 'data-role': 'prediction', 'data-value': v }, `NT$ ${fmt(v, 1)}`))));
    }
    if (inp.next) {
      out.append(el('dt', {}, t('series.next', { date: inp.next.date })),
        el('dd', {}, el('span', { class: 'num', 'data-symbol': 'price', 'data-role': 'actual', 'data-value': inp.next.raw }, `NT$ ${fmt(inp.next.raw, 1)}`)));
    }
    const notes = [];
    if (inp.scaler) {
      notes.push(el('p', { class: 'hint' }, t('series.scaler', { fit: inp.scaler.fit_days, min: fmt(inp.scaler.min[0], 1), max: fmt(inp.scaler.max[0], 1) })));
    }
    if (result.model.source === 'seed') notes.push(el('p', { class: 'hint' }, t('series.untrained')));
    container.replaceChildren(table, out, ...notes);
  }

  return {
    update(state) {
      const result = state.result;
      if (!result) return;
      if (result !== drawnFor || state.lang !== drawnLang) {
        draw(result);
        drawnFor = result;
        drawnLang = state.lang;
      }
      for (const tr of rows) {
        const on = Number(tr.dataset.step) === state.t;
        tr.classList.toggle('current', on);
        if (on) tr.setAttribute('aria-current', 'step');
        else tr.removeAttribute('aria-current');
        tr.classList.toggle('future', Number(tr.dataset.step) > state.t);
      }
    },
  };
}
