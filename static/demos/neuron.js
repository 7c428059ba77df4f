// The neuron demo (demo=neuron): a next-character LSTM trained in the page's worker on the
// engine's built-in corpus (core/lecture's NeuronCorpus, a fixed seed), then the step-through
// view reads "neuron" with it. At every step this panel puts the RNN's prediction beside the
// bigram baseline's (the engine's exact bigram table of the same corpus: it sees only the current
// character). Every number is the engine's (result.probs / result.top and result.bigram); the
// captions are chosen by comparing the numbers shown, so they never say what the numbers do not.
// createNeuronDemo(container, {t, engine(), onTrained(model, note), errorText}) → {update(state)}
import { el, num, fmt, setText } from '../format.js';

export const NEURON_TEXT = 'neuron';
export const NEURON_DATA = `text:${NEURON_TEXT}`;

// shown makes a space or a line break visible.
const shown = (c) => (c === ' ' ? '␣' : c === '\n' ? '↵' : c);

export function createNeuronDemo(container, { t, engine, onTrained, errorText }) {
  const status = el('p', { class: 'demo-status', role: 'status' });
  const table = el('table', { class: 'demo-compare' });
  const caption = el('p', { class: 'demo-caption' });
  container.append(status, caption, table);
  let phase = 'idle'; // idle | training | trained | failed
  let progress = null;
  let failure = null;

  async function train() {
    phase = 'training';
    draw(null);
    try {
      const e = engine();
      await e.call('train_text_prepare', { demo: 'neuron' });
      const res = await e.call('train', {}, { onProgress: (p) => { if (!p.epoch_end) { progress = p; draw(null); } } });
      phase = 'trained';
      container.dataset.phase = phase;
      onTrained(res.model, { text: 'neuron', epochs: res.history.length });
    } catch (err) {
      phase = 'failed';
      failure = err;
      draw(null);
    }
  }

  function draw(state) {
    container.dataset.phase = phase;
    if (phase === 'training') {
      const p = progress;
      setText(status, p ? t('demo.neuron.training', { epoch: p.epoch, epochs: p.epochs }) : t('demo.neuron.preparing'));
    } else if (phase === 'failed') setText(status, errorText(failure));
    else setText(status, t('demo.neuron.trained'));
    const result = state?.result;
    const ready = phase === 'trained' && result?.bigram && result.input?.kind === 'text' && result.model.source === 'trained';
    table.hidden = !ready;
    caption.hidden = !ready;
    if (ready) compare(state, result);
  }

  // compare fills the table (one row per step: the character read, the RNN's and the bigram's
  // first choice with its probability, the actual next character and the probability each gave it)
  // and the current step's caption.
  function compare(state, result) {
    const inp = result.input;
    const T = inp.tokens.length;
    const now = Math.max(1, Math.min(T, state.t));
    const head = el('tr', {}, ...['t', 'read', 'rnn', 'bigram', 'next', 'p_rnn', 'p_bigram'].map((k) => el('th', { scope: 'col' }, t(`demo.neuron.col.${k}`))));
    const rows = inp.tokens.map((tok, s) => {
      const step = s + 1;
      const rnn = result.top[s][0];
      const bi = result.bigram.top[s][0];
      const next = s + 1 < T ? inp.tokens[s + 1] : null;
      const ok = (k) => (next === null ? null : k === next ? 'hit' : 'miss');
      return el('tr', { 'data-step': step, class: step === now ? 'current' : null },
        el('th', { scope: 'row' }, String(step)),
        el('td', { class: 'demo-char' }, inp.chars[s]),
        el('td', { class: ok(rnn) }, `「${shown(inp.vocab[rnn])}」 `, num('y', step, rnn, result.probs[s][rnn], { digits: 3, data: { role: 'rnn-top' } })),
        el('td', { class: ok(bi) }, `「${shown(inp.vocab[bi])}」 `, num('bigram', step, bi, result.bigram.probs[s][bi], { digits: 3, data: { role: 'bigram-top' } })),
        el('td', { class: 'demo-char' }, next === null ? '—' : shown(inp.vocab[next])),
        el('td', {}, next === null ? '—' : num('y', step, next, result.probs[s][next], { digits: 3, data: { role: 'rnn-next' } })),
        el('td', {}, next === null ? '—' : num('bigram', step, next, result.bigram.probs[s][next], { digits: 3, data: { role: 'bigram-next' } })));
    });
    table.replaceChildren(el('caption', {}, t('demo.neuron.table')), el('thead', {}, head), el('tbody', {}, ...rows));
    setText(caption, captionAt(result, now - 1));
  }

  // captionAt says what step s's numbers show: which first choices are right, and which model
  // gives the actual next character the higher probability.
  function captionAt(result, s) {
    const inp = result.input;
    const T = inp.tokens.length;
    const vars = { t: s + 1, prefix: inp.chars.slice(0, s + 1).join(''), char: inp.chars[s] };
    if (s + 1 >= T) return t('demo.neuron.cap_end', vars);
    const next = inp.tokens[s + 1];
    const rnn = result.top[s][0];
    const bi = result.bigram.top[s][0];
    const pr = result.probs[s][next];
    const pb = result.bigram.probs[s][next];
    Object.assign(vars, { next: shown(inp.vocab[next]), rnn: shown(inp.vocab[rnn]), bigram: shown(inp.vocab[bi]), pr: fmt(pr, 3), pb: fmt(pb, 3) });
    const key = rnn === next ? (bi === next ? 'both' : 'rnn') : bi === next ? 'bigram' : 'neither';
    const more = pr > pb ? 'more' : pr < pb ? 'less' : 'same';
    return `${t(`demo.neuron.cap_${key}`, vars)} ${t(`demo.neuron.cap_${more}`, vars)}`;
  }

  return {
    update(state) {
      const section = container.closest('section') || container;
      section.hidden = state.demo !== 'neuron' || state.mode !== 'step';
      if (section.hidden) return;
      if (phase === 'idle' && engine()) train();
      draw(state);
    },
  };
}
