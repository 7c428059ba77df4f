// Next-character view: after the character read at step t, the model's distribution of the next
// one (the softmax of o_t, computed by the engine: result.probs, with its five most likely
// characters result.top), as bars; the character that really comes next in the text is marked.
// Every probability is a number element with the DOM contract (data-symbol y, data-t, data-unit =
// the vocabulary index, data-value). Below the bars, every character's probability, which sum to 1.
// create(container, opts) → {update(state, result), destroy()}. opts: {t(key, params)}.
import { el, num, setText } from '../format.js';
import { currentT } from './common.js';

export function create(container, opts = {}) {
  const msg = opts.t || ((k) => k);
  container.classList.add('views-host', 'view-next');
  const section = container.closest('section');
  const caption = el('p', { class: 'next-caption' });
  const bars = el('ol', { class: 'next-bars' });
  const actual = el('p', { class: 'next-actual' });
  const all = el('details', { class: 'next-all' });
  const allSummary = el('summary', {});
  const allList = el('ol', { class: 'next-all-list' });
  all.append(allSummary, allList);
  container.append(caption, bars, actual, all);

  function render(state, result) {
    const inp = result.input;
    const t = currentT(state, result);
    const p = result.probs[t - 1];
    const next = t < inp.tokens.length ? inp.tokens[t] : null; // the text's next character, when there is one
    setText(caption, msg('views.next.caption', { t, char: inp.chars[t - 1] }));
    const top = result.top[t - 1];
    bars.replaceChildren(...top.map((k) => bar(t, k, p[k], inp.vocab[k], k === next)));
    if (next === null) actual.replaceChildren(msg('views.next.end'));
    else if (top.includes(next)) actual.replaceChildren(msg('views.next.actual_top', { char: inp.vocab[next] }));
    else actual.replaceChildren(msg('views.next.actual', { char: inp.vocab[next] }), ' ', num('y', t, next, p[next], { digits: 3, class: 'next-p', data: { role: 'actual' } }));
    setText(allSummary, msg('views.next.all', { K: inp.vocab.length }));
    allList.replaceChildren(...p.map((v, k) => el('li', { class: k === next ? 'next-true' : null },
      el('span', { class: 'next-char' }, shownChar(inp.vocab[k])), ' ', num('y', t, k, v, { digits: 3, data: { role: 'all' } }))));
  }

  // bar is one of the five: the character, a bar as long as its probability, the number.
  function bar(t, k, v, char, isNext) {
    const fill = el('span', { class: 'next-fill' });
    fill.style.setProperty('width', `${Math.max(0, Math.min(1, v)) * 100}%`);
    return el('li', { class: `next-bar${isNext ? ' next-true' : ''}`, 'data-unit': k },
      el('span', { class: 'next-char' }, shownChar(char)),
      el('span', { class: 'next-track' }, fill),
      num('y', t, k, v, { digits: 3, class: 'next-p', data: { role: 'top' } }),
      isNext ? el('span', { class: 'next-mark' }, msg('views.next.mark')) : null);
  }

  // shownChar makes a space or a line break visible.
  function shownChar(c) {
    return c === ' ' ? '␣' : c === '\n' ? '↵' : c;
  }

  return {
    update(state, result) {
      const show = Boolean(result && result.probs && result.input?.kind === 'text');
      if (section) section.hidden = !show;
      if (!show) return;
      render(state, result);
    },
    destroy() {
      container.replaceChildren();
    },
  };
}
