// The Text source in Train mode: when the page's data is a text (data=text:…), the training is a
// next-character model (many to many) on a text, the same core/lecture TextJob as `unroll train
// --text` (train_text_prepare): one-hot inputs, a target at every step, Dense(VOCAB, softmax),
// the first 90% of the characters trained on and the last 10% held out. This card holds the text
// (the data's characters to start with; a longer text can be pasted: the windows need it), and
// #train-mode's data-source says which kind of training the panel runs (train.css hides the stock
// parts for a text). Nothing here computes a model value.
// createTextSource(container, {t}) → {text(), args(c), sample(), update(state)}
import { el, setText } from '../format.js';
import { parseData } from '../state.js';

const SAMPLE = 40; // characters of the text the trained model is stepped through on

// textOf is the state's text, or null when its data is not one.
export const textOf = (state) => {
  const d = parseData(state.data);
  return d?.kind === 'text' ? d.text : null;
};

export function createTextSource(container, { t }) {
  const mode = document.getElementById('train-mode');
  const title = el('h2', { id: 'h-train-text' });
  const area = el('textarea', { id: 'train-text', rows: 6, spellcheck: 'false' });
  const label = el('label', { class: 'field wide' }, el('span', {}), area);
  const hint = el('p', { class: 'hint' });
  const count = el('p', { class: 'hint', id: 'train-text-count' });
  container.append(title, label, count, hint);
  let data = null; // the data text the area was filled from

  const chars = () => [...area.value];
  const showCount = () => setText(count, t('ttext.count', { chars: chars().length, vocab: new Set(chars()).size }));
  area.addEventListener('input', showCount);

  return {
    // text is the training text, or null when the page's data is not a text.
    text: () => (data === null ? null : area.value),
    // args are train_text_prepare's arguments (lecture.TextSpec) for a panel config.
    args: (c) => ({
      text: area.value, name: t('ttext.name'), steps: c.steps,
      model: { cell: c.cell, units: c.units, seed: c.seed },
      train: { epochs: c.epochs, batch: c.batch, lr: c.lr, optimizer: c.optimizer },
    }),
    // sample is the start of the text, which the trained model is stepped through on.
    sample: () => chars().slice(0, SAMPLE).join(''),
    update(state) {
      const text = textOf(state);
      container.hidden = text === null;
      mode.dataset.source = text === null ? 'stock' : 'text';
      const loss = document.getElementById('train-loss');
      if (loss) loss.dataset.loss = text === null ? 'mse' : 'ce'; // the loss chart's y axis: cross-entropy
      // A new data text fills the area, unless it is the start of the text there (the trained model's sample).
      if (text !== null && text !== data) {
        if (data === null || !area.value.startsWith(text)) area.value = text;
        data = text;
      }
      if (text === null) data = null;
      setText(title, t('ttext.title'));
      setText(label.firstChild, t('ttext.label'));
      setText(hint, t('ttext.hint'));
      showCount();
    },
  };
}
