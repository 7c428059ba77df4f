// The order demo (demo=order): 我愛貓 and 貓愛我 as a feed-forward network on the bag of words
// and a recurrent network reading one character at a time answer them (the engine's order_demo,
// lecture.Order): the two bags, the two networks' outputs side by side, the two last states s_T,
// and the task's other sentences. Every number is a DOM number (format.js); every caption is
// chosen and filled from the numbers shown. Nothing here computes a model value.
import { el, fmt, num } from '../format.js';
import { usesKeys } from '../controls/keys.js';

const CELL_NAMES = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
const same = (a, b) => a.length === b.length && a.every((v, j) => v === b[j]);
const argmax = (p) => p.indexOf(Math.max(...p)); // which class the network answers (the largest shown)

// createOrderDemo(container, {t, call(op, args), errorText, onCell(cell)}) → {update(state)}: asks
// the engine for the order demo of the state's cell, units and seed when demo=order shows, and
// draws it; its cell buttons ask for another cell.
// container's data-state is loading, ready or error (what tests wait for).
export function createOrderDemo(container, { t, call, errorText, onCell }) {
  let key = '';
  let active = false; // the demo shows
  let step = 0; // the hidden states' step, 1 … T; 0: the last
  // ← → Home End step the hidden states, as they step the other views (controls/keys.js leaves them to this demo),
  // while the demo is on screen: once it is left (update is not called then), they are the step-through's again.
  document.addEventListener('keydown', (ev) => {
    if (!active || container.closest('[hidden]') || !answer || ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || usesKeys(ev.target)) return;
    const [a, b] = answer.res.sentences;
    const T = Math.min(a.tokens.length, b.tokens.length);
    const now = step || T;
    const next = { ArrowRight: now + 1, ArrowLeft: now - 1, Home: 1, End: T }[ev.key];
    if (next === undefined) return;
    ev.preventDefault();
    step = Math.max(1, Math.min(T, next));
    container.querySelector('.order-final')?.replaceWith(statesTable(answer.res, t, step));
  });
  let drawn = '';
  let answer = null;
  let failure = null;

  function update(state) {
    active = state.demo === 'order' && state.mode === 'step';
    if (state.demo !== 'order' || !call()) return;
    const k = `${state.cell}|${state.units}|${state.seed}`;
    if (k !== key) {
      key = k;
      answer = null;
      failure = null;
      container.dataset.state = 'loading';
      container.replaceChildren(el('p', { class: 'loading' }, t('demo.loading')));
      call()('order_demo', { cell: state.cell, units: state.units, seed: state.seed }).then(
        (res) => {
          if (key !== k) return;
          answer = { res, cell: state.cell, seed: state.seed };
          step = 0;
          drawn = '';
          update(state);
        },
        (err) => {
          if (key !== k) return;
          failure = err;
          drawn = '';
          update(state);
        },
      );
      return;
    }
    if (drawn === `${k}|${state.lang}`) return;
    if (failure) {
      container.dataset.state = 'error';
      container.replaceChildren(el('p', { class: 'error', role: 'alert' }, errorText(failure)));
    } else if (answer) {
      container.replaceChildren(...draw(answer, t, cellButtons(state, t, onCell), step));
      container.dataset.state = 'ready';
    } else return;
    drawn = `${k}|${state.lang}`;
  }
  return { update };
}

// cellButtons switch the recurrent network's cell (the page's cell key).
function cellButtons(state, t, onCell) {
  return el('div', { class: 'seg seg-buttons demo-cells', role: 'group', 'aria-label': t('model.cell') },
    Object.entries(CELL_NAMES).map(([cell, name]) =>
      el('button', { type: 'button', 'aria-pressed': String(cell === state.cell), onclick: () => onCell(cell) }, name)));
}

// statesTable shows both sentences' hidden states s_t after step (1 … T; 0: the last, s_T).
function statesTable(res, t, step) {
  const [a, b] = res.sentences;
  const T = Math.min(a.tokens.length, b.tokens.length);
  const k = step ? Math.min(step, T) : T;
  const read = (s) => res.vocab[s.tokens[k - 1]];
  return el('table', { class: 'order-final', 'data-step': k },
    el('caption', {}, k === T ? t('order.final') : t('order.state_at', { t: k, a: a.text, b: b.text, ca: read(a), cb: read(b) }), ' ',
      el('span', { class: 'order-keys' }, t('order.keys', { t: k, T }))),
    el('tr', {}, el('th', { scope: 'col' }, t('order.unit')), el('th', { scope: 'col', lang: 'zh-Hant-TW' }, a.text), el('th', { scope: 'col', lang: 'zh-Hant-TW' }, b.text)),
    Array.from({ length: a.final.length }, (_, j) => el('tr', {}, el('th', { scope: 'row' }, String(j)),
      [a, b].map((s, n) => el('td', {}, num('h', k, j, s.states[k - 1][j], { data: { sentence: n } }))))));
}

function draw({ res, cell, seed }, t, cells, step = 0) {
  const S = res.sentences;
  const [a, b] = S;
  const T = (s) => s.tokens.length;
  const label = (c) => t(`order.class.${c}`);
  const p = (v) => fmt(v);
  const out = [
    el('div', { class: 'demo-head' }, el('h2', { class: 'demo-title', id: 'h-order' }, t('order.title')), cells),
    el('p', { class: 'demo-lecture' }, t('order.lecture')),
    el('p', { class: 'demo-task' }, t('order.task', { count: S.length, cell: CELL_NAMES[cell] || cell, n: units, seed, epochs: res.epochs })),
  ];

  // The two sentences: what each network reads.
  const card = (s, k) =>
    el('div', { class: 'order-sentence', 'data-sentence': k },
      el('p', { class: 'order-text', lang: 'zh-Hant-TW' }, s.text),
      el('p', { class: 'order-should' }, t('order.should', { label: label(s.label) })),
      el('p', { class: 'order-reads' }, t('order.reads'),
        s.tokens.map((tok, i) => el('span', { class: 'order-token' }, i > 0 ? ' → ' : '', el('span', { class: 'sym-x' }, `x${sub(i + 1)}`), ` ${res.vocab[tok]}`))),
      el('table', { class: 'order-bag' },
        el('caption', {}, t('order.bag')),
        el('tr', {}, el('th', { scope: 'row' }, t('order.char')), res.vocab.map((c) => el('th', { scope: 'col', lang: 'zh-Hant-TW' }, c))),
        el('tr', {}, el('th', { scope: 'row' }, t('order.count')),
          s.bag.map((v, j) => el('td', {}, num('x', null, j, v, { digits: 0, data: { net: 'bag', sentence: k } }))))));
  out.push(el('div', { class: 'order-pair' }, card(a, 0), card(b, 1)));
  out.push(el('p', { class: 'order-cap', 'data-cap': 'bag' },
    t(same(a.bag, b.bag) ? 'order.cap.bag_same' : 'order.cap.bag_diff', { a: a.text, b: b.text })));

  // The two networks' outputs, side by side.
  const outputs = (net, field, s, k) =>
    el('td', {},
      el('ul', { class: 'order-probs' }, s[field].map((v, c) =>
        el('li', { class: argmax(s[field]) === c ? 'is-answer' : null }, `${label(c)} `,
          num('y', net === 'rnn' ? T(s) : null, c, v, { data: { net, sentence: k } })))),
      el('span', { class: 'order-answer' }, t('order.answer', { label: label(argmax(s[field])) })));
  out.push(el('table', { class: 'order-outputs' },
    el('caption', {}, t('order.outputs')),
    el('tr', {}, el('td', {}), el('th', { scope: 'col', lang: 'zh-Hant-TW' }, a.text), el('th', { scope: 'col', lang: 'zh-Hant-TW' }, b.text)),
    el('tr', { 'data-net': 'ff' }, el('th', { scope: 'row' }, t('order.ff')), outputs('ff', 'feed_forward', a, 0), outputs('ff', 'feed_forward', b, 1)),
    el('tr', { 'data-net': 'rnn' }, el('th', { scope: 'row' }, t('order.rnn')), outputs('rnn', 'recurrent', a, 0), outputs('rnn', 'recurrent', b, 1))));
  const ffSame = same(a.feed_forward, b.feed_forward);
  out.push(el('p', { class: 'order-cap', 'data-cap': 'ff' }, ffSame
    ? t('order.cap.ff_same', { a0: p(a.feed_forward[0]), b0: p(b.feed_forward[0]), a1: p(a.feed_forward[1]), b1: p(b.feed_forward[1]) })
    : t('order.cap.ff_diff', { a0: p(a.feed_forward[0]), b0: p(b.feed_forward[0]) })));
  if (a.best_bag && a.best_bag.every((v) => v === a.best_bag[0])) {
    out.push(el('p', { class: 'order-cap', 'data-cap': 'best' }, t('order.cap.best', { p: p(a.best_bag[0]) })));
  }
  const la = argmax(a.recurrent);
  const lb = argmax(b.recurrent);
  out.push(el('p', { class: 'order-cap', 'data-cap': 'rnn' }, t(la !== lb ? 'order.cap.rnn_diff' : 'order.cap.rnn_same', {
    a: a.text, b: b.text, la: label(la), lb: label(lb), pa: p(a.recurrent[la]), pb: p(b.recurrent[lb]),
  })));

  // The hidden states, side by side: the last ones first; the step keys go back through them.
  out.push(statesTable(res, t, step));

  // The task's other sentences.
  const rows = S.slice(2).map((s, i) => {
    const k = i + 2;
    const right = argmax(s.recurrent) === s.label;
    return el('tr', { 'data-sentence': k },
      el('td', { lang: 'zh-Hant-TW' }, s.text),
      el('td', {}, label(s.label)),
      el('td', {}, num('y', T(s), s.label, s.recurrent[s.label], { data: { net: 'rnn', sentence: k } }), ' ', el('span', { class: right ? 'is-right' : 'is-wrong' }, t(right ? 'order.right' : 'order.wrong'))),
      el('td', {}, num('y', null, s.label, s.feed_forward[s.label], { data: { net: 'ff', sentence: k } })));
  });
  // Focusable: on a phone the table scrolls sideways, and the keyboard must reach it (its caption names it).
  out.push(el('table', { class: 'order-others', tabindex: '0' },
    el('caption', {}, t('order.others')),
    el('tr', {}, ['order.sentence', 'order.label', 'order.p_right', 'order.ff_p_right'].map((m) => el('th', { scope: 'col' }, t(m)))),
    rows));
  const right = S.filter((s) => argmax(s.recurrent) === s.label).length;
  out.push(el('p', { class: 'order-cap', 'data-cap': 'right' }, t('order.cap.right', { right, count: S.length })));
  return [el('div', { class: 'order-body' }, out)];
}

const sub = (n) => String(n).split('').map((c) => '₀₁₂₃₄₅₆₇₈₉'[+c]).join('');
