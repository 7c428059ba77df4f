// Model controls: cell type, units n, TIME_STEPS, seed (with re-roll), and the
// live parameter count g × (n × (n + i) + n). The count and its terms come
// from the engine's ModelInfo.params; this file only places them. Hovering or
// focusing g, n or i asks the app to highlight the matching part of the
// diagrams (state.highlight).

import { el, num, numAttrs } from '../format.js';
import { LIMITS } from '../state.js';
import { checkNumber, limitText } from './limits.js';

const LABELS = { units: 'model.units', steps: 'model.steps', seed: 'model.seed' };

// createModelControls(root, {t, onChange(patch), onHighlight(key|null)}) → {update(state)}
export function createModelControls(root, { t, onChange, onHighlight }) {
  const cells = [...root.querySelectorAll('#cell-group button[name="cell"]')];
  const fields = {
    units: root.querySelector('#units'),
    steps: root.querySelector('#steps'),
    seed: root.querySelector('#seed'),
  };
  const params = root.querySelector('#params');
  // A value out of range: what is allowed, under the fields, until it is corrected.
  const limitBox = el('p', { class: 'error field-error', id: 'model-limit', role: 'alert', hidden: true });
  const stepsNote = el('p', { class: 'hint', id: 'steps-note', hidden: true });
  // A trained or imported model has no seed: the field says so and this note explains.
  const seedNote = el('p', { class: 'hint', id: 'seed-note', hidden: true });
  root.querySelector('#model-form').after(limitBox, stepsNote, seedNote);
  let seeded = true;
  const typedBad = {}; // field → its failed check, while it shows an out-of-range value
  const shownValue = {}; // field → the state's value it last showed
  for (const [key, input] of Object.entries(fields)) {
    input.min = String(LIMITS[key][0]);
    input.max = String(LIMITS[key][1]);
  }

  for (const b of cells) b.addEventListener('click', () => onChange({ cell: b.value }));
  for (const [key, input] of Object.entries(fields)) {
    input.addEventListener('change', () => {
      const bad = checkNumber(input.value, LIMITS[key]);
      if (bad) typedBad[key] = bad;
      else delete typedBad[key];
      showLimits();
      if (bad) return; // the model stays the last good one
      const v = Number(input.value);
      // A seed typed while the model is trained or imported goes back to a seeded model, even the same seed.
      onChange(key === 'seed' && !seeded ? { seed: v, model: 'seed', modelNote: null } : { [key]: v });
    });
  }

  // showLimits marks the fields holding an out-of-range value and says what each allows.
  function showLimits() {
    const lines = [];
    for (const [key, input] of Object.entries(fields)) {
      const bad = typedBad[key];
      if (bad) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-errormessage', limitBox.id);
        lines.push(limitText(t, t(LABELS[key]), bad));
      } else {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-errormessage');
      }
    }
    if (lines.length) lines.push(t('model.kept'));
    const text = lines.join('\n');
    limitBox.hidden = !text;
    if (limitBox.textContent !== text) limitBox.textContent = text;
  }

  root.querySelector('#model-form').addEventListener('submit', (ev) => ev.preventDefault());
  root.querySelector('#reroll').addEventListener('click', () => {
    // A fresh seed is a choice, not a computation of the model.
    onChange({ seed: Math.floor(Math.random() * 1e6) });
  });

  // Highlight g, n or i while a term of the formula is hovered or focused.
  const highlight = (ev) => {
    const key = ev.target.closest?.('[data-param]')?.dataset.param;
    if (key) onHighlight(key);
  };
  const clear = (ev) => {
    if (ev.target.closest?.('[data-param]')) onHighlight(null);
  };
  params.addEventListener('pointerover', highlight);
  params.addEventListener('pointerout', clear);
  params.addEventListener('focusin', highlight);
  params.addEventListener('focusout', clear);

  let drawn = '';

  function term(key, text, focusable) {
    return el('span', { class: `param-term param-${key}`, 'data-param': key, tabindex: focusable ? '0' : null }, text);
  }

  // A term's value: a number element (format.js) whose symbol names the term (param.g, param.n, …).
  function value(key, v) {
    return num(`param.${key}`, null, null, v, { text: String(v), class: `param-value param-${key}`, data: { param: key } });
  }

  function drawParams(state) {
    const info = state.result?.model;
    const key = info ? `${state.lang}|${JSON.stringify(info.params)}|${info.outputs}|${info.reset_after}|${state.result.input?.kind}` : state.lang;
    if (key === drawn) return;
    drawn = key;
    if (!info) {
      params.replaceChildren();
      return;
    }
    const p = info.params;
    const gru = Boolean(info.reset_after); // Keras GRU reset_after: a second bias row, g × n more
    const text = state.result.input?.kind === 'text'; // one-hot characters: i = K (the vocabulary size), and a Dense(K, softmax) head
    const title = el('div', { class: 'params-title' }, t('params.title'));
    const symbolic = el('div', { class: 'formula' }, '= ',
      term('g', 'g', true), ' × (', term('n', 'n', true), ' × (', term('n', 'n'), ' + ', term('i', 'i', true), ') + ', term('n', 'n'), ')',
      gru ? ' + ' : null, gru ? term('g', 'g') : null, gru ? ' × ' : null, gru ? term('n', 'n') : null);
    const numeric = el('div', { class: 'formula formula-values' }, ' = ',
      value('g', p.g), ' × (', value('n', p.n), ' × (', value('n', p.n), ' + ', value('i', p.i), ') + ', value('n', p.n), ')',
      gru ? ' + ' : null, gru ? value('g', p.g) : null, gru ? ' × ' : null, gru ? value('n', p.n) : null,
      ' = ', numAttrs(el('strong', { class: 'param-rnn', id: 'param-rnn' }, String(p.rnn)), 'param.rnn', null, null, p.rnn));
    const legend = el('ul', { class: 'param-legend' },
      el('li', { 'data-param': 'g' }, t('params.g')),
      el('li', { 'data-param': 'n' }, t('params.n')),
      el('li', { 'data-param': 'i' }, t(text ? 'params.i_text' : 'params.i')));
    const extra = gru ? el('p', { class: 'param-note' }, t('params.gru_extra')) : null;
    const totals = el('p', { class: 'param-totals' },
      t(text ? 'params.dense_text' : 'params.dense', { dense: p.dense, K: p.i, out: info.outputs ?? 1 }), ' · ',
      numAttrs(el('strong', { id: 'param-total' }, t('params.total', { total: p.total })), 'param.total', null, null, p.total));
    params.replaceChildren(...[title, symbolic, numeric, extra, legend, totals].filter(Boolean));
  }

  // stepsNoteText says how many steps the trace on screen has when its data, not TIME_STEPS, sets them ('' otherwise).
  function stepsNoteText(state) {
    const r = state.result;
    const kind = r?.input?.kind;
    const T = r?.steps?.length;
    if (!T || (kind !== 'seq' && kind !== 'text' && T === state.steps)) return '';
    if (kind === 'seq') return t('model.steps_typed', { T });
    if (kind !== 'text') return t('model.steps_data', { T });
    const generated = state.demo === 'generate' && state.modelNote?.generated === r.input.chars.join('');
    return t(generated ? 'model.steps_generated' : 'model.steps_text', { T, chars: T - 1 });
  }

  return {
    update(state) {
      for (const b of cells) b.setAttribute('aria-pressed', String(b.value === state.cell));
      seeded = state.model === 'seed';
      for (const [key, input] of Object.entries(fields)) {
        const want = key === 'seed' && !seeded ? '' : String(state[key]);
        // A new value from elsewhere (a link, a trained model) replaces an out-of-range one.
        if (shownValue[key] !== want) delete typedBad[key];
        shownValue[key] = want;
        if (!typedBad[key] && document.activeElement !== input) input.value = want;
      }
      showLimits(); // (in the current language)
      // Not an error: a trained or imported model has no seed, and the empty field says which it is.
      fields.seed.placeholder = seeded ? '' : t(state.model === 'imported' ? 'model.seed_imported' : 'model.seed_trained');
      fields.seed.classList.toggle('no-seed', !seeded);
      if (seeded) fields.seed.removeAttribute('aria-describedby');
      else fields.seed.setAttribute('aria-describedby', 'seed-note');
      seedNote.hidden = seeded;
      if (!seeded) seedNote.textContent = t('model.seed_none');
      // A typed sequence, a text or a demo's data sets its own length; TIME_STEPS is the window of prices and the sine.
      const note = stepsNoteText(state);
      stepsNote.hidden = !note;
      if (note) stepsNote.textContent = note;
      if (note) fields.steps.setAttribute('aria-describedby', 'steps-note');
      else fields.steps.removeAttribute('aria-describedby');
      drawParams(state);
      params.dataset.highlight = state.highlight || '';
    },
  };
}
