// Keras code view: the Python that builds and trains the page's model in Keras on Google Colab
// (keras-template.js), lightly highlighted, with a copy button.
//
// create(container, opts) → {update(state, config), text(), destroy()}
//   opts: {t(key, params)}
//   config: the train_prepare arguments {stock:{code, name, from, to}, features, target, steps,
//           split:{train, val}, model:{cell, units, seed}, train:{epochs, batch, lr, optimizer}};
//           missing fields fall back to state.cell / state.units / state.steps, then the lecture's;
//           or, for a next-character model, train_text_prepare's {text, steps, model, train} (keras-text.js).
import { el } from '../../format.js';
import { kerasCode, highlight, normalize } from './keras-template.js';
import { kerasTextCode, normalizeText } from './keras-text.js';

// A next-character model's config is train_text_prepare's arguments, which carry the text.
const isText = (config) => typeof config?.text === 'string';

const STATUS_MS = 2500;

export function create(container, opts = {}) {
  const msg = opts.t || ((k) => k);
  container.classList.add('views-host', 'tv-keras');
  const title = el('h3', { class: 'view-title' });
  const copy = el('button', { type: 'button', class: 'tv-copy' });
  const status = el('span', { class: 'tv-copy-status', role: 'status', 'aria-live': 'polite' });
  const intro = el('p', { class: 'tv-keras-intro' });
  const summary = el('p', { class: 'tv-keras-summary' });
  const code = el('code', { class: 'language-python' });
  const pre = el('pre', { class: 'tv-code', tabindex: 0 }, code);
  const after = el('p', { class: 'tv-keras-after' });
  container.append(el('div', { class: 'view-head' }, title, status, copy), intro, summary, pre, after);
  let source = '';
  let key = '';
  let timer = 0;

  function say(k) {
    clearTimeout(timer);
    status.textContent = msg(k);
    status.dataset.state = k.split('.').pop();
    timer = setTimeout(() => {
      status.textContent = '';
      delete status.dataset.state;
    }, STATUS_MS);
  }

  // selectCode selects the code text so that Ctrl+C (or the menu) copies it.
  function selectCode() {
    const range = document.createRange();
    range.selectNodeContents(code);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  async function onCopy() {
    try {
      if (!navigator.clipboard || !navigator.clipboard.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(source);
      say('tv.keras.copied');
    } catch {
      selectCode();
      let ok = false;
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
      say(ok ? 'tv.keras.copied' : 'tv.keras.selected');
    }
  }
  copy.addEventListener('click', onCopy);

  function render(state, config) {
    const text = isText(config);
    const c = text ? normalizeText(config) : normalize(config, state);
    title.textContent = msg('tv.keras.title');
    copy.textContent = msg('tv.keras.copy');
    intro.textContent = msg(text ? 'tv.keras.intro_text' : 'tv.keras.intro');
    summary.replaceChildren(
      ...[
        ['layer', text ? `${c.layer}(units=${c.units}, return_sequences=True)` : `${c.layer}(units=${c.units})`],
        ['steps', `TIME_STEPS = ${c.steps}`],
        ['inputs', text ? 'INPUT_SIZE = VOCAB' : `INPUT_SIZE = ${c.features.length}`],
        ['fit', `epochs=${c.epochs}, batch_size=${c.batch}`],
        ['opt', `${c.optimizer}(learning_rate=${c.lr})`],
      ].map(([k, text]) => el('span', { class: `tv-chip tv-chip-${k}` }, text)),
    );
    after.textContent = msg('tv.keras.after');
    source = text ? kerasTextCode(config) : kerasCode(config, state);
    const lines = source.replace(/\n$/, '').split('\n'); // source ends with one newline
    code.replaceChildren(
      ...lines.flatMap((line) => [
        ...highlight(line).map(([kind, text]) => (kind ? el('span', { class: `tok-${kind}` }, text) : document.createTextNode(text))),
        '\n',
      ]),
    );
    container.dataset.units = String(c.units);
    container.dataset.steps = String(c.steps);
  }

  return {
    update(state, config) {
      const k = `${state && state.lang}|${JSON.stringify(isText(config) ? config : normalize(config || {}, state || {}))}`;
      if (k === key) return;
      key = k;
      render(state || {}, config || {});
    },
    text: () => source,
    destroy() {
      clearTimeout(timer);
      container.replaceChildren();
      container.classList.remove('views-host', 'tv-keras');
    },
  };
}

export { create as createKerasCode };
