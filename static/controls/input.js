// Input controls: which sequence goes into the model. A stock window (the
// stock picker of stock.js: a stock, a range of months, loaded with progress;
// then the window end over the fetched trading days), a typed sequence (fed
// unscaled), the sine preset, or a text (one character per step, one-hot). Forms commit on submit; the app keeps the
// last good state when the engine refuses what was typed, and this file shows
// its message (state.error) in the current language.

import { formatData, parseData, DEFAULT_DATA, LIMITS, SINE_PERIOD } from '../state.js';
import { fetchRange } from '../api.js';
import { createStockPicker } from './stock.js';

// createInputControls(root, {t, onData(data, extra), onEnd(date), errorText(error)}) → {update(state)}
export function createInputControls(root, { t, onData, onEnd, errorText }) {
  const q = (sel) => root.querySelector(sel);
  const sources = [...root.querySelectorAll('#source-group button[name="source"]')];
  const forms = { stock: q('#src-stock'), seq: q('#src-seq'), sine: q('#src-sine'), text: q('#src-text') };
  const textText = q('#text-text');
  const endSlider = q('#window-end');
  const windowLabel = q('#window-label');
  const seqText = q('#seq-text');
  const period = q('#sine-period');
  const errorBox = q('#input-error');
  period.min = String(LIMITS.period[0]);
  period.max = String(LIMITS.period[1]);

  let shown = null; // which form is visible (a choice of this panel, not page state)
  let lastData = null;
  let lastState = null;
  let lastError = null;
  let lastLang = null;
  let badgeFor = null; // the stock data whose series the picker's badge shows
  let pickerFilled = false;

  // The picker loads a range (month by month, with progress) and asks for it;
  // if the engine refuses it, the picker goes back to the series on screen.
  const picker = createStockPicker(q('#stock-picker'), {
    t,
    initial: null, // the state's data fills it
    loadOnPick: true,
    onChange: async (series) => {
      badgeFor = formatData({ kind: 'stock', code: series.code, ...series.requested });
      const ok = await onData(badgeFor, { end: '' });
      if (ok === false) {
        // The form and the badge go back to the series on screen (the message says why).
        const d = parseData(lastState?.data);
        if (d?.kind === 'stock') picker.set({ code: d.code, name: lastState.stock?.code === d.code ? lastState.stock.name : '', from: d.from, to: d.to });
        showBadge(lastState?.data);
      }
    },
  });

  // showBadge shows the series of stock data (from api.js's cache: no new request).
  function showBadge(data) {
    const d = parseData(data);
    if (d?.kind !== 'stock') return;
    badgeFor = data;
    fetchRange(d.code, d.from, d.to).then((body) => badgeFor === data && picker.show(body), () => {});
  }

  function show(kind) {
    shown = kind;
    for (const [k, f] of Object.entries(forms)) f.hidden = k !== kind;
    for (const b of sources) b.setAttribute('aria-pressed', String(b.value === kind));
  }

  for (const b of sources) {
    b.addEventListener('click', () => {
      show(b.value);
      // The sine preset needs nothing more: show it at once.
      if (b.value === 'sine' && parseData(lastState?.data)?.kind !== 'sine') {
        onData(formatData({ kind: 'sine', period: Number(period.value) || SINE_PERIOD }), { end: '' });
      }
    });
  }

  endSlider.addEventListener('input', () => {
    const dates = lastState?.stock?.dates;
    if (dates) onEnd(dates[Number(endSlider.value)]);
  });
  forms.seq.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onData(formatData({ kind: 'seq', text: seqText.value }), { end: '' });
  });
  forms.text.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (textText.value) onData(formatData({ kind: 'text', text: textText.value }), { end: '' });
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
      picker.set({ code: data.code, name: state.stock?.code === data.code ? state.stock.name : '', from: data.from, to: data.to });
      pickerFilled = true;
    } else if (!pickerFilled) {
      picker.set(parseData(DEFAULT_DATA)); // a typed sequence on screen: the picker offers the default stock
      pickerFilled = true;
    }
    if (data?.kind === 'stock' && state.stock && badgeFor !== state.data) showBadge(state.data);
    if (state.lang !== lastLang) {
      picker.relabel();
      lastLang = state.lang;
    }
    const s = state.stock;
    const win = state.result?.input?.window;
    const isStock = data?.kind === 'stock' && s && win;
    endSlider.disabled = !isStock;
    if (!isStock) {
      windowLabel.textContent = '';
      return;
    }
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
        if (data?.kind === 'text') textText.value = data.text;
        if (data?.kind === 'sine') period.value = String(data.period);
      }
      if (shown === null) show('stock');
      if (!period.value) period.value = String(SINE_PERIOD);
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
