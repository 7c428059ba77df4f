// Equation view: the current step's equations with the trace's numbers substituted.
// create(container, opts) → {update(state, result), destroy()}.
//
// opts: {t(key, params), onSelectStep(t), onHover(info|null), onSelectUnit?(j)}. The unit shown
// is state.unit (0-based) when set; without onSelectUnit, picking a unit is kept inside the view.
import { el, setText } from '../format.js';
import { cellKind, currentT, gateOrder, stepAt, weightsOf } from './common.js';
import { createUnitPicker, resolveUnit } from './units.js';
import { buildRows, outputRow, mathText, compactVector, createBinder } from './equation-rows.js';

export function create(container, opts = {}) {
  const msg = opts.t || ((k) => k);
  container.classList.add('views-host', 'view-equation');
  const title = el('h3', { class: 'view-title' });
  const expand = el('button', { type: 'button', class: 'eq-expand', 'aria-pressed': 'false' });
  const head = el('div', { class: 'view-head' }, title, expand);
  const picker = createUnitPicker(msg, (j) => pick(j));
  const given = el('div', { class: 'eq-given' });
  const grid = el('div', { class: 'eq-grid' });
  const note = el('p', { class: 'eq-note' });
  // A text's x_t is one-hot: U x_t is the column of U for the step's character.
  const onehot = el('p', { class: 'eq-note eq-onehot', hidden: true });
  container.append(head, picker.node, given, onehot, grid, note);
  let local = 0;
  let expanded = false;
  let last = null;
  const bind = createBinder();
  let built = null; // what the equations were built for: [result, kind, unit, expanded, lang]
  let dateNode = null;
  let outputBlock = null; // o_T = V s_T + b_V, shown at t = T

  function pick(j) {
    if (opts.onSelectUnit) opts.onSelectUnit(j);
    if (!last || !Number.isInteger(last[0].unit) || !opts.onSelectUnit) {
      local = j;
      if (last) render(...last);
    }
  }

  expand.addEventListener('click', () => {
    expanded = !expanded;
    if (last) render(...last);
  });

  // Hovering a number reports it (symbol, t, unit, value) to the page.
  const hover = (event) => {
    const n = event.target.closest && event.target.closest('[data-symbol]');
    if (!opts.onHover) return;
    if (!n) return opts.onHover(null);
    opts.onHover({ symbol: n.dataset.symbol, t: Number(n.dataset.t), unit: Number(n.dataset.unit), value: Number(n.dataset.value) });
  };
  grid.addEventListener('pointerover', hover);
  grid.addEventListener('pointerleave', () => opts.onHover && opts.onHover(null));

  // The right-hand side: the formula, then "= vector" (wraps under the formula when narrow).
  function rhs(formula, vector) {
    return el('span', { class: 'rhs' }, el('span', { class: 'rhs-formula' }, formula), el('span', { class: 'rhs-value' }, el('span', { class: 'eq-sign' }, '='), vector));
  }

  function line(cls, ...cells) {
    return cells.map((c, k) => el('div', { class: `eq-cell ${cls} c${k}` }, c));
  }

  function render(state, result) {
    const kind = cellKind(state, result);
    const t = currentT(state, result);
    const T = result.steps.length;
    const step = stepAt(result, t);
    const j = resolveUnit(state, local, step.h.length);
    setText(title, msg('views.eq.title', { t }));
    const text = result.input?.kind === 'text';
    onehot.hidden = !text;
    if (text) onehot.replaceChildren(mathText(msg('views.eq.onehot', { char: result.input.chars[t - 1], k: result.input.tokens[t - 1] })));
    setText(expand, msg(expanded ? 'views.eq.collapse' : 'views.eq.expand'));
    expand.setAttribute('aria-pressed', String(expanded));
    picker.update(step.h, t, j);
    const compact = Boolean(state.present);
    container.classList.toggle('eq-compact', compact);
    const hot = text ? result.input.tokens[t - 1] : -1; // a one-hot x_t's 1, kept in view: rebuilt every step
    const key = [result, kind, j, expanded, state.lang, compact, hot];
    if (built && key.every((v, k) => v === built[k])) {
      // Only t changed: the same equations, their numbers rewritten in place.
      bind.update(step, t);
      if (dateNode) setText(dateNode, result.input.dates[t - 1]);
    } else {
      build(state, result, { kind, t, step, j, compact, hot });
      built = key;
    }
    // The output layer's equation, after the last step only.
    if (outputBlock && (t === T) !== outputBlock.isConnected) {
      if (t === T) grid.append(outputBlock);
      else outputBlock.remove();
    }
  }

  // compact (presentation mode): one line a row, its symbol then the selected unit's arithmetic,
  // so that a projector shows every equation of the step in large type.
  function build(state, result, { kind, t, step, j, compact, hot }) {
    const model = result.model || {};
    const weights = weightsOf(result);
    const order = gateOrder(result);
    bind.at(step, t);
    const B = bind.num;

    // What the step starts from: x_t, s_{t−1} (and c_{t−1}).
    // Compact: the selected unit's s_{t−1} and c_{t−1}, as its rows below use them.
    const prev = (symbol, label, get) => (compact
      ? el('span', { class: 'given' }, mathText(label), ' = ', B(symbol, -1, j, (s) => get(s)[j]))
      : el('span', { class: 'given' }, mathText(label), ' = ', compactVector(B, symbol, -1, get(step), get, j, pick)));
    const gv = [
      el('span', { class: 'given' }, mathText('x_t'), ' = ', compactVector(B, 'x', 0, step.x, (s) => s.x, -1, () => {}, hot)),
      compact ? el('span', { class: 'given unit-tag' }, msg('views.eq.unitLine', { j: j + 1 })) : null,
      prev('h', 's_{t−1}', (s) => s.s_prev),
    ].filter(Boolean);
    if (kind === 'lstm' && step.c_prev) gv.push(prev('c', 'c_{t−1}', (s) => s.c_prev));
    const date = result.input && result.input.dates ? result.input.dates[t - 1] : null;
    dateNode = date ? el('span', { class: 'given-date' }, date) : null;
    if (dateNode) gv.push(dateNode);
    given.replaceChildren(...gv);

    const rows = buildRows({ kind, model, step, j, msg, weights, order, pick, bind, expanded, hot });
    const cells = [];
    const unitTag = el('span', { class: 'unit-tag' }, msg('views.eq.unitLine', { j: j + 1 }));
    for (const row of rows) {
      const block = el('div', { class: `eq-block gate-${row.key === 'hl' || row.key === 'hg' ? 'h' : row.key}` });
      if (compact && row.unitLine) {
        block.append(...line('eq-unit', el('span', { class: 'lhs' }, row.lhs), '=', el('span', { class: 'unit-line' }, ...row.unitLine)));
        cells.push(block);
        continue;
      }
      block.append(
        ...line('eq-main', el('span', { class: 'lhs' }, row.lhs, row.caption ? el('span', { class: 'caption' }, mathText(row.caption)) : null), '=', rhs(row.formula, row.vector)),
      );
      if (row.unitLine) block.append(...line('eq-unit', unitTag.cloneNode(true), '=', el('span', { class: 'unit-line' }, ...row.unitLine)));
      if (expanded && row.expansion) block.append(...line('eq-exp', '', '', el('span', { class: 'expansion' }, ...row.expansion)));
      if (expanded && row.expansion2) block.append(...line('eq-exp', '', '', el('span', { class: 'expansion' }, ...row.expansion2)));
      cells.push(block);
    }
    outputBlock = null;
    if (result.output && result.output.length) {
      const o = outputRow(result, result.steps.length, msg);
      outputBlock = el('div', { class: 'eq-block sym-y eq-output' });
      outputBlock.append(el('div', { class: 'eq-cell eq-caption' }, msg('views.eq.output')));
      outputBlock.append(...line('eq-main', el('span', { class: 'lhs' }, o.lhs, el('span', { class: 'caption' }, mathText(o.caption))), '=', rhs(o.formula, o.vector)));
      if (o.unitLine) outputBlock.append(...line('eq-unit', '', '=', el('span', { class: 'unit-line' }, ...o.unitLine)));
    }
    grid.replaceChildren(...cells);
    const notes = kind === 'rnn' ? [] : [msg('views.eq.hadamard')];
    if (kind === 'lstm') notes.push(msg('views.eq.gateMark'));
    note.replaceChildren(...notes.flatMap((n, k) => (k ? [' ', mathText(n)] : [mathText(n)])));
  }

  return {
    update(state, result) {
      if (!result || !result.steps || !result.steps.length) return;
      last = [state, result];
      render(state, result);
    },
    destroy() {
      container.replaceChildren();
      container.classList.remove('views-host', 'view-equation');
    },
  };
}

export { create as createEquation };
