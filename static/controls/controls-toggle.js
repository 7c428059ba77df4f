// The controls' disclosure on narrow screens: the views come first and the
// sidebar (model and input) opens under this button, which also sums up what is
// chosen (cell, n, TIME_STEPS, data). On wide screens CSS hides the button and
// the sidebar always shows.

import { parseData } from '../state.js';

const CELL_NAMES = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };

// createControlsToggle(button, {t}) → {update(state)}
export function createControlsToggle(button, { t }) {
  const summary = button.querySelector('.controls-summary');
  const html = document.documentElement;
  button.addEventListener('click', () => {
    const open = !html.classList.contains('controls-open');
    html.classList.toggle('controls-open', open);
    button.setAttribute('aria-expanded', String(open));
  });
  return {
    update(state) {
      const d = parseData(state.data);
      let data = '';
      if (d?.kind === 'stock') data = state.stock?.code === d.code ? `${d.code} ${state.stock.name}` : d.code;
      else if (d?.kind === 'sine') data = t('input.sine');
      else if (d?.kind === 'text') data = t('present.text', { text: d.text });
      else if (d) data = t('input.seq');
      summary.textContent = `${CELL_NAMES[state.cell]} · n = ${state.units} · T = ${state.result?.steps?.length || state.steps} · ${data}`;
    },
  };
}
