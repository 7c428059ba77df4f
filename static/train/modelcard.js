// The model's source (seeded, trained or imported) and its file buttons:
// export the current model as an Unroll model file, import one (or a TF.js
// model.json with its .bin shards). Mounted in the step-through model card and
// in the training sidebar; the app does the work (onExport, onImport).

import { el } from '../format.js';

let cards = 0;

// createModelCard(container, {t, onExport(), onImport(files)}) → {update(state), message(kind, text)}
export function createModelCard(container, { t, onExport, onImport }) {
  const id = `model-file-${++cards}`;
  const source = el('strong', { class: 'model-source-text', 'data-role': 'model-source' });
  const line = el('p', { class: 'model-source' }, el('span', { class: 'model-source-label' }), ' ', source);
  const exportBtn = el('button', { type: 'button', class: 'io-export' });
  const input = el('input', { type: 'file', id, class: 'visually-hidden io-file', accept: '.json,.bin,application/json,application/octet-stream', multiple: true });
  const importLabel = el('label', { for: id, class: 'io-import', role: 'button', tabindex: '0' });
  const hint = el('p', { class: 'hint io-hint' });
  const msg = el('p', { class: 'io-message', role: 'status', hidden: true });
  container.append(line, el('div', { class: 'io-buttons' }, exportBtn, importLabel, input), hint, msg);

  exportBtn.addEventListener('click', () => onExport());
  input.addEventListener('change', () => {
    if (input.files.length) onImport(input.files);
    input.value = '';
  });
  importLabel.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      input.click();
    }
  });

  let shown = null; // [kind, key, vars, extra] of the message, redrawn in the current language

  function sourceText(state) {
    const m = state.result?.model;
    if (!m) return '';
    const note = state.modelNote || {};
    if (m.source === 'trained' && note.memory) return t('mem.source', note.memory);
    if (m.source === 'trained' && note.text) return t('io.source_trained_text', { text: note.text, epochs: note.epochs ?? '' });
    if (m.source === 'trained') {
      return t('io.source_trained', { stock: note.stock || '', from: note.from || '', to: note.to || '', epochs: note.epochs ?? '' });
    }
    if (m.source === 'imported') return t('io.source_imported', { name: note.name || m.keras });
    return t('io.source_seed', { seed: m.seed ?? state.seed });
  }

  function drawMessage() {
    msg.hidden = !shown;
    if (!shown) return;
    const [kind, key, vars, extra] = shown;
    msg.className = `io-message ${kind === 'error' ? 'error' : 'ok'}`;
    const text = typeof extra === 'function' ? extra() : extra || '';
    msg.textContent = [t(key, vars), text].filter(Boolean).join(' ');
  }

  return {
    update(state) {
      line.firstChild.textContent = t('io.source');
      const m = state.result?.model;
      line.dataset.source = m?.source || '';
      source.textContent = sourceText(state);
      exportBtn.textContent = t('io.export');
      exportBtn.disabled = !m;
      importLabel.textContent = t('io.import');
      hint.textContent = t('io.import_hint');
      drawMessage();
    },
    // message shows t(key, vars) followed by extra (text, or a function of
    // the current language); kind 'error' or 'ok'; null clears it.
    message(kind, key, vars, extra) {
      shown = kind ? [kind, key, vars, extra] : null;
      drawMessage();
    },
  };
}
