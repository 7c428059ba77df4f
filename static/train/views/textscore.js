// A next-character model's result on the held-out part (Train mode with a Text source): top-1
// accuracy of the model beside the exact bigram baseline's on the same held-out characters (the
// engine's lecture.TextScore), and the last epoch's loss and val_loss; every caption is chosen and
// filled from these numbers. create(container, {t}) → {update(state, {score, history, prepare})}
import { el, num, fmt } from '../../format.js';

export function create(container, { t }) {
  container.classList.add('views-host', 'tv-textscore');
  function update(state, data) {
    const section = container.closest('section');
    const score = data?.score;
    if (section) section.hidden = !data;
    if (!data) return;
    const out = [el('h3', { class: 'view-title' }, t('ttext.result'))];
    const prep = data.prepare;
    if (prep) out.push(el('p', { class: 'tv-text-data' }, t('ttext.prepared', { vocab: prep.vocab, windows: prep.windows, held_out: prep.held_out })));
    if (!score) {
      out.push(el('p', { class: 'tv-muted' }, t('ttext.waiting')));
      container.replaceChildren(...out);
      return;
    }
    const row = (key, symbol, v) => {
      const fill = el('span', { class: 'tv-acc-fill' });
      fill.style.setProperty('width', `${Math.max(0, Math.min(1, v)) * 100}%`);
      return el('li', { class: `tv-acc tv-acc-${symbol}` }, el('span', { class: 'tv-acc-name' }, t(key)),
        el('span', { class: 'tv-acc-track' }, fill), num(symbol, null, null, v, { digits: 3 }));
    };
    out.push(el('p', {}, t('ttext.targets', { n: score.targets })),
      el('ul', { class: 'tv-acc-list' }, row('ttext.model', 'accuracy', score.accuracy), row('ttext.bigram', 'baseline_accuracy', score.baseline_accuracy)));
    const a = fmt(score.accuracy, 3);
    const b = fmt(score.baseline_accuracy, 3);
    const cmp = score.accuracy > score.baseline_accuracy ? 'above' : score.accuracy < score.baseline_accuracy ? 'below' : 'same';
    out.push(el('p', { class: 'tv-caption', 'data-cap': cmp }, t(`ttext.cap.${cmp}`, { a, b })));
    const last = data.history?.[data.history.length - 1];
    if (last && Number.isFinite(last.val_loss)) {
      const rel = last.val_loss > last.loss ? 'val_above' : last.val_loss < last.loss ? 'val_below' : 'val_same';
      // The two losses are DOM numbers inside the sentence.
      const nums = { '\u0001': num('loss', null, null, last.loss, { digits: 4, data: { epoch: data.history.length } }), '\u0002': num('val_loss', null, null, last.val_loss, { digits: 4, data: { epoch: data.history.length } }) };
      const text = t(`ttext.cap.${rel}`, { epochs: data.history.length, loss: '\u0001', val: '\u0002' });
      out.push(el('p', { class: 'tv-caption', 'data-cap': rel }, text.split(/([\u0001\u0002])/).map((s) => nums[s] || s)));
    }
    container.replaceChildren(...out);
  }
  return { update, destroy: () => container.replaceChildren() };
}
