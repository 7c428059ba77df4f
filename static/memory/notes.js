// Notes beside the step-through views while they show a model trained in the Why LSTM experiment
// on one held-out sequence (data=memory:L:SEED): where the trace shows the memory at work, each
// sentence made from the moments core/memory found in the trace (memory_model's answer) and each
// with a button that steps there. The sentences that make a claim ("the forget gate stays near 1")
// choose their wording from the numbers. Nothing here computes a model value.
//
// create(container, {t, onChange}) → {update(state, result), destroy()}
//   each number: .num with data-symbol (i, f, z, c, h, cos), data-t, data-unit, data-value
import { el, num, fmt } from '../format.js';
import { parseData } from '../state.js';
import { mathText } from '../views/common.js';
import { sequenceOf } from './sequences.js';

const GATE_HIGH = 0.9; // a memory gate at or above this keeps 90% or more of the memory per step
const ALIGNED = 0.5; // cos(v_1, v_L) at or above this: v_L still points much the way x_1 set it

export function create(container, { t, onChange }) {
  const panel = container.closest('section') || container;
  const title = el('h3', { class: 'mn-title' });
  const list = el('ul', { class: 'mn-list' });
  container.append(title, list);
  panel.hidden = true;

  // fill writes a message whose placeholders may be DOM nodes, the text in math type.
  const fill = (key, vars) => {
    const marks = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v instanceof Node ? `\u0000${k}\u0000` : v]));
    return t(key, marks).split('\u0000').map((part, i) => (i % 2 ? vars[part] : mathText(part)));
  };
  const at = (m) => num(m.symbol, m.t, m.unit, m.value, { digits: 3 });
  const go = (m) => el('button', { type: 'button', class: 'mn-go', 'data-t': m.t, 'data-unit': m.unit, onclick: () => onChange({ t: m.t, unit: m.unit, playing: false }) }, t('mem.note.go', { t: m.t }));

  function notes(mo) {
    const L = mo.length;
    const gate = mo.cell === 'LSTM' ? 'f' : 'z';
    const out = [];
    if (mo.open) out.push(['open', mo.open, fill(`mem.note.open.${mo.cell === 'LSTM' ? 'lstm' : 'gru'}`, { unit: mo.open.unit + 1, v: at(mo.open) })]);
    if (mo.keep) {
      const high = mo.keep.value >= GATE_HIGH;
      out.push(['keep', mo.keep, fill(high ? 'mem.note.keep.high' : 'mem.note.keep.low', { gate, unit: mo.keep.unit + 1, L, v: at(mo.keep), t: mo.keep.t, high: fmt(GATE_HIGH, 1) })]);
    }
    const sym = mo.from.symbol === 'c' ? 'c' : 's';
    out.push(['carry', mo.to, fill(mo.keep ? 'mem.note.carry.kept' : 'mem.note.carry.rnn', { sym, unit: mo.from.unit + 1, L, from: at(mo.from), to: at(mo.to) })]);
    const cos = num('cos', null, null, mo.cosine, { digits: 2 });
    out.push(['cos', { t: L, unit: mo.from.unit }, fill(mo.cosine >= ALIGNED ? 'mem.note.cos.kept' : 'mem.note.cos.drift', { sym, L, cos, aligned: fmt(ALIGNED, 1) })]);
    out.push(['answer', { t: L, unit: mo.from.unit }, fill(mo.named === mo.answer ? 'mem.note.right' : 'mem.note.wrong', { L, named: mo.named + 1, answer: mo.answer + 1 })]);
    return out;
  }

  return {
    update(state, result) {
      const d = parseData(state.data);
      const q = d?.kind === 'memory' && result?.model?.source === 'trained' ? sequenceOf(state.data, result.model.cell) : null;
      panel.hidden = !q;
      if (!q) return list.replaceChildren();
      title.textContent = t('mem.note.title', { cell: result.model.keras, L: q.moments.length });
      list.replaceChildren(...notes(q.moments).map(([kind, m, text]) => el('li', { class: 'mn-note', 'data-note': kind, 'aria-current': m.t === state.t ? 'step' : null }, ...text, ' ', go(m))));
    },
    destroy() {
      container.replaceChildren();
    },
  };
}

export { create as createMemoryNotes };
