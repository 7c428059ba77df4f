// Input controls: which sequence goes into the model. A stock window (code,
// range of months, window end over the fetched trading days), a typed
// sequence (fed unscaled), or the sine preset. Forms commit on submit; the
// app keeps the last good state when the engine refuses what was typed, and
// this file shows its message (state.error) in the current language.

import { formatData, parseData } from '../state.js';

// createInputControls(root, {t, onData(data, extra), onEnd(date), errorText(error)}) → {update(state)}
export function createInputControls(root, { t, onData, onEnd, errorText }) {
  const q = (sel) => root.querySelector(sel);
  const radios = [...root.querySelectorAll('input[name="source"]')];
  const forms = { stock: q('#src-stock'), seq: q('#src-seq'), sine: q('#src-sine') };
  const code = q('#stock-code');
  const from = q('#stock-from');
  const to = q('#stock-to');
  const badge = q('#stock-badge');
  const endSlider = q('#window-end');
  const windowLabel = q('#window-label');
  const seqText = q('#seq-text');
  const period = q('#sine-period');
  const errorBox = q('#input-error');

  let shown = null; // which form is visible (a choice of this panel, not page state)
  let lastData = null;
  let lastState = null;
  let lastError = null;

  function show(kind) {
    shown = kind;
    for (const [k, f] of Object.entries(forms)) f.hidden = k !== kind;
    for (const r of radios) r.checked = r.value === kind;
  }

  for (const r of radios) {
    r.addEventListener('change', () => {
      if (!r.checked) return;
      show(r.value);
      // The sine preset needs nothing more: show it at once.
      if (r.value === 'sine' && parseData(lastState?.data)?.kind !== 'sine') {
        onData(formatData({ kind: 'sine', period: Number(period.value) || 10 }), { end: '' });
      }
    });
  }

  forms.stock.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = `stock:${code.value.trim().toUpperCase()}:${from.value}:${to.value}`;
    if (!parseData(data)) {
      errorBox.hidden = false;
      errorBox.textContent = t('error.bad_stock_form');
      return;
    }
    onData(data, { end: '' });
  });
  endSlider.addEventListener('input', () => {
    const dates = lastState?.stock?.dates;
    if (dates) onEnd(dates[Number(endSlider.value)]);
  });
  forms.seq.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onData(`seq:${seqText.value}`, { end: '' });
  });
  forms.sine.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!period.checkValidity()) {
      period.reportValidity();
      return;
    }
    onData(formatData({ kind: 'sine', period: Number(period.value) }), { end: '' });
  });

  function updateStock(state, data) {
    if (data?.kind === 'stock' && state.data !== lastData) {
      code.value = data.code;
      from.value = data.from;
      to.value = data.to;
    }
    const s = state.stock;
    const win = state.result?.input?.window;
    const isStock = data?.kind === 'stock' && s && win;
    endSlider.disabled = !isStock;
    if (!isStock) {
      badge.textContent = '';
      windowLabel.textContent = '';
      return;
    }
    badge.textContent = t('input.badge', {
      name: s.name || '',
      code: s.code,
      source: t(`input.source_${s.source}`),
      first: s.dates[0],
      last: s.dates[s.dates.length - 1],
    });
    endSlider.min = String(state.steps - 1);
    endSlider.max = String(s.dates.length - 1);
    if (document.activeElement !== endSlider) endSlider.value = String(win.end);
    const dates = state.result.input.dates;
    windowLabel.textContent = t('input.window', { start: dates[0], end: dates[dates.length - 1], steps: dates.length });
    endSlider.setAttribute('aria-valuetext', windowLabel.textContent);
  }

  return {
    update(state) {
      const data = parseData(state.data);
      if (state.data !== lastData) {
        if (data) show(data.kind);
        if (data?.kind === 'seq') seqText.value = data.text;
        if (data?.kind === 'sine') period.value = String(data.period);
      }
      if (shown === null) show('stock');
      if (!period.value) period.value = '10';
      lastState = state;
      updateStock(state, data);
      lastData = state.data;
      const err = state.error;
      const wasHidden = errorBox.hidden;
      errorBox.hidden = !err;
      errorBox.textContent = err ? errorText(err) : '';
      if (err && (wasHidden || err !== lastError)) errorBox.scrollIntoView({ block: 'nearest' });
      lastError = err;
    },
  };
}
