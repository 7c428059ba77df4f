// The presentation strip: in presentation mode the sidebar is hidden, and this
// compact row in the top bar switches the cell, the units n and the data
// without leaving the mode. The data menu lists the data shown in this visit
// (the current one first), the default stock window and the sine wave; a code
// typed in the box loads that stock over the same months. Errors of a change
// are shown beside it, since the sidebar's message box is hidden.

import { el } from '../format.js';
import { CELLS, LIMITS, DEFAULT_DATA, parseData, formatData } from '../state.js';

const CELL_NAMES = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
const CODE_RE = /^\s*([0-9A-Za-z]{4,6})\s*$/;

// createPresentStrip(root, {t, onChange(patch), errorText(err)}) → {update(state)}
export function createPresentStrip(root, { t, onChange, errorText }) {
  const cells = CELLS.map((c) => el('button', { type: 'button', 'data-cell': c, 'aria-pressed': 'false' }, CELL_NAMES[c]));
  const cellGroup = el('div', { class: 'seg seg-buttons strip-cells', role: 'group' }, ...cells);
  const minus = el('button', { type: 'button', class: 'strip-step', 'data-delta': '-1' }, '−');
  const plus = el('button', { type: 'button', class: 'strip-step', 'data-delta': '1' }, '+');
  const unitsOut = el('output', { class: 'strip-units-value', 'aria-live': 'polite' });
  const unitsLabel = el('span', { class: 'strip-label' });
  const units = el('div', { class: 'strip-units', role: 'group' }, unitsLabel, minus, unitsOut, plus);
  const dataLabel = el('span', { class: 'visually-hidden' });
  const select = el('select', { class: 'strip-data', id: 'strip-data' });
  const codeLabel = el('span', { class: 'visually-hidden' });
  const code = el('input', { type: 'text', class: 'strip-code', id: 'strip-code', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', maxlength: '6', size: '6' });
  const codeForm = el('form', { class: 'strip-code-form' }, el('label', {}, codeLabel, code));
  const error = el('span', { class: 'strip-error', role: 'alert' });
  root.replaceChildren(cellGroup, units, el('label', { class: 'strip-data-label' }, dataLabel, select), codeForm, error);

  let state = null;
  const seen = []; // data shown in this visit, most recent first: [{data, label}]

  for (const b of cells) b.addEventListener('click', () => onChange({ cell: b.dataset.cell }));
  // Clicks count from the last one asked for, so two quick clicks while the engine still works on
  // the first make two steps.
  let wanted = null;
  for (const b of [minus, plus]) {
    b.addEventListener('click', () => {
      const [lo, hi] = LIMITS.units;
      const from = wanted ?? state.units;
      const n = Math.min(hi, Math.max(lo, from + Number(b.dataset.delta)));
      if (n === from) return;
      wanted = n;
      unitsOut.textContent = String(n);
      onChange({ units: n }).then((ok) => {
        if (wanted === n || ok === false) wanted = null;
      });
    });
  }
  select.addEventListener('change', () => onChange({ data: select.value, end: '' }));
  codeForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const m = CODE_RE.exec(code.value);
    const cur = parseData(state.data);
    const months = cur?.kind === 'stock' ? cur : parseData(DEFAULT_DATA);
    if (!m) {
      error.textContent = t('present.code_invalid');
      return;
    }
    onChange({ data: formatData({ kind: 'stock', code: m[1].toUpperCase(), from: months.from, to: months.to }), end: '' });
  });

  // label names data in the menu: a stock by its code and name (when loaded) and months.
  function label(data, stock) {
    const d = parseData(data);
    if (!d) return data;
    if (d.kind === 'sine') return t('present.sine', { period: d.period });
    if (d.kind === 'seq') return t('present.seq');
    if (d.kind === 'text') return t('present.text', { text: d.text });
    const name = stock && stock.code === d.code ? ` ${stock.name}` : '';
    return `${d.code}${name} · ${d.from}…${d.to}`;
  }

  function remember(state) {
    if (!state.result) return;
    const at = seen.findIndex((s) => s.data === state.data);
    const entry = { data: state.data, label: label(state.data, state.stock) };
    if (at >= 0) seen.splice(at, 1);
    seen.unshift(entry);
    if (seen.length > 8) seen.length = 8;
  }

  function drawMenu(state) {
    const list = [...seen];
    for (const data of [DEFAULT_DATA, 'sine']) if (!list.some((s) => s.data === data)) list.push({ data, label: label(data, null) });
    select.replaceChildren(...list.map((s) => el('option', { value: s.data }, s.label)));
    select.value = state.data;
  }

  return {
    update(next) {
      const prev = state;
      state = next;
      root.hidden = !next.present || next.mode !== 'step';
      if (!prev || prev.lang !== next.lang) {
        cellGroup.setAttribute('aria-label', t('model.cell'));
        units.setAttribute('aria-label', t('model.units'));
        unitsLabel.textContent = 'n';
        minus.setAttribute('aria-label', t('present.units_less'));
        plus.setAttribute('aria-label', t('present.units_more'));
        dataLabel.textContent = t('panel.input');
        codeLabel.textContent = t('present.code');
        code.placeholder = t('present.code_placeholder');
      }
      for (const b of cells) b.setAttribute('aria-pressed', String(b.dataset.cell === next.cell));
      unitsOut.textContent = String(wanted ?? next.units);
      minus.disabled = next.units <= LIMITS.units[0];
      plus.disabled = next.units >= LIMITS.units[1];
      if (!prev || prev.result !== next.result || prev.lang !== next.lang || prev.data !== next.data) {
        remember(next);
        drawMenu(next);
      }
      if (!prev || prev.error !== next.error || prev.lang !== next.lang) {
        error.textContent = next.error ? errorText(next.error) : '';
        if (!next.error && prev && prev.data !== next.data) code.value = '';
      }
    },
  };
}
