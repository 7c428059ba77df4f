// The input sequence as a table (t, date, raw close, x_t fed to the model)
// with the current step marked, and the model's output after the last step
// (o, its price in NT$, and the actual next close). Every number comes from
// the TraceResult; x and o carry the DOM contract (data-symbol x / y). For
// prices the trace names the features of a row and which one is the close
// (input.features, input.target): a model reading several values per day
// shows x_t as the vector [o h l c v].

import { el, fmt, grouped, num } from '../format.js';

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

  // drawText is a text's table: t, the character and x_t as the one-hot vector's one 1 (its
  // vocabulary index, data-unit); the distributions after each character are the next-character view's.
  function drawText(result) {
    const inp = result.input;
    rows = result.steps.map((step, k) => el('tr', { 'data-step': step.t, tabindex: '-1' },
      el('th', { scope: 'row' }, String(step.t)),
      el('td', { class: 'text-char' }, inp.chars[k]),
      el('td', { class: 'num-cell' }, t('series.onehot', { k: inp.tokens[k] }), ' ',
        num('x', step.t, inp.tokens[k], step.x[inp.tokens[k]], { text: '1', class: 'onehot-one' }))));
    const table = el('table', { class: 'series-table' },
      el('caption', {}, t('series.caption_text', { K: inp.vocab.length })),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('series.t')), el('th', { scope: 'col' }, t('series.char')), el('th', { scope: 'col' }, t('series.x_onehot')))),
      el('tbody', {}, ...rows));
    const notes = result.model.source === 'seed' ? [el('p', { class: 'hint' }, t('series.untrained_text'))] : [];
    container.replaceChildren(table, ...notes);
  }

  function draw(result) {
    const inp = result.input;
    if (inp.kind === 'text') return drawText(result);
    const prices = inp.kind === 'prices';
    const target = inp.target ?? 0;
    const features = inp.features || [];
    const vector = result.steps.some((step) => step.x.length > 1);
    // A vector x_t gets a row of its own under each day's date and close, spanning their columns.
    const xHead = el('th', { scope: 'col', class: vector ? 'x-vec' : null, colspan: vector && prices ? 2 : null },
      vector && features.length ? t('series.x_vec', { names: features.map((f) => t(`series.short.${f}`)).join(' ') }) : t('series.x'));
    const tHead = el('th', { scope: 'col', rowspan: vector && prices ? 2 : null }, t('series.t'));
    const heads = [el('tr', { class: vector && prices ? 'x-main' : null },
      tHead,
      prices ? el('th', { scope: 'col' }, t('series.date')) : null,
      prices ? el('th', { scope: 'col' }, t('series.price')) : null,
      vector && prices ? null : xHead)];
    if (vector && prices) heads.push(el('tr', { class: 'x-row' }, xHead));
    rows = result.steps.flatMap((step, k) => {
      const close = prices ? inp.raw[k][target] : null;
      const xCell = vector ? xVector(step, features) : el('td', { class: 'num-cell' }, ...step.x.map((v, j) => num('x', step.t, j, v, { digits: 4 })));
      const split = vector && prices;
      const tr = el('tr', { 'data-step': step.t, tabindex: '-1', class: split ? 'x-main' : null },
        el('th', { scope: 'row', rowspan: split ? 2 : null }, String(step.t)),
        prices ? el('td', {}, inp.dates[k]) : null,
        prices ? el('td', { class: 'num-cell' }, num('price', step.t, null, close, { digits: 1 })) : null,
        split ? null : xCell);
      if (!split) return [tr];
      xCell.colSpan = 2;
      return [tr, el('tr', { 'data-step': step.t, class: 'x-row' }, xCell)];
    });
    const table = el('table', { class: 'series-table' },
      el('caption', {}, caption(inp, vector)),
      el('thead', {}, ...heads),
      el('tbody', {}, ...rows));
    const T = result.steps.length;
    const out = el('dl', { class: 'series-output' },
      el('dt', {}, t('series.output')),
      el('dd', {}, ...result.output.map((v, j) => num('y', T, j, v, { digits: 4 }))));
    if (result.output_raw) {
      out.append(el('dt', {}, t('series.output_raw')),
        el('dd', {}, ...result.output_raw.map((v) => num('price', null, null, v, { text: `NT$ ${fmt(v, 1)}`, data: { role: 'prediction' } }))));
    }
    if (inp.next) {
      out.append(el('dt', {}, t('series.next', { date: inp.next.date })),
        el('dd', {}, num('price', null, null, inp.next.raw, { text: `NT$ ${fmt(inp.next.raw, 1)}`, data: { role: 'actual' } })));
    }
    const notes = [];
    if (inp.scaler) notes.push(scalerNote(inp.scaler, target, features.length));
    if (result.model.source === 'seed') notes.push(el('p', { class: 'hint' }, t('series.untrained')));
    container.replaceChildren(table, out, ...notes);
  }

  // xVector is the x_t cell of a model reading several values per day: [v1 v2 …], each value named
  // by its feature on hover, wrapping inside the sidebar.
  function xVector(step, features) {
    const names = step.x.map((_, j) => (features[j] ? t(`series.feature.${features[j]}`) : `x${j + 1}`));
    const nums = step.x.map((v, j) => {
      const n = num('x', step.t, j, v, { digits: 3 });
      n.title = names[j];
      return n;
    });
    const parts = [el('span', { class: 'x-bracket', 'aria-hidden': 'true' }, '[')];
    nums.forEach((n, j) => parts.push(n, j < nums.length - 1 ? ' ' : ''));
    parts.push(el('span', { class: 'x-bracket', 'aria-hidden': 'true' }, ']'));
    return el('td', { class: 'num-cell x-vec', title: step.x.map((v, j) => `${names[j]} ${fmt(v, 4)}`).join(' · ') }, ...parts);
  }

  // caption names what the rows hold: prices (in NT$, possibly as a vector of features), typed numbers, or a sine.
  function caption(inp, vector) {
    if (inp.kind === 'seq') return t('series.caption_seq');
    if (inp.kind === 'sine') return t('series.caption_sine', { period: inp.period });
    return t(vector ? 'series.caption_vec' : 'series.caption');
  }

  // scalerNote says which days the min-max scaler was fitted on and the close's range; a model
  // file's scaler that does not say gets its own wording.
  function scalerNote(sc, target, nFeatures) {
    const range = { min: fmt(sc.min[target], 1), max: fmt(sc.max[target], 1) };
    const days = grouped(Number(sc.fit_days));
    let text;
    if (!(sc.fit_days > 0)) text = t('series.scaler_file', range);
    else if (sc.fit_first && sc.fit_last) text = t('series.scaler', { ...range, fit: days, first: sc.fit_first, last: sc.fit_last });
    else text = t('series.scaler_days', { ...range, fit: days });
    if (nFeatures > 1) text += t('series.scaler_each', { n: nFeatures - 1 });
    if (sc.of) text = t('fc.series.scaler', { fit: days, first: sc.fit_first || '', last: sc.fit_last || '', what: t(`fc.scaled.${sc.of}`), min: fmt(sc.min[target], 4), max: fmt(sc.max[target], 4) });
    return el('p', { class: 'hint series-scaler', 'data-fit-days': sc.fit_days, 'data-fit-last': sc.fit_last || null }, text);
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
