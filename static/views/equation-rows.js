// The equations of each cell as rows for the equation view: the symbolic form, the whole vector
// (compact), the arithmetic of one unit with the trace's numbers, and optionally the products
// behind U x_t and W s_{t−1}. Every number comes from the TraceResult; none is computed here.
import { el, fmt, num, numText } from '../format.js';
import { fnSymbol, gateAct, gateColumn, gateTerms, mathText, weightsOf } from './common.js';

const d3 = globalThis.d3;

export { mathText };

// createBinder keeps the numbers that follow the step, so that a change of t only rewrites them in
// place (a d3 data join over the existing spans) instead of rebuilding the equations.
// at(step, t) starts a build; num(symbol, dt, unit, get, opts) makes the span of get(step) at step
// t + dt and remembers it; update(step, t) refreshes every remembered span.
export function createBinder() {
  let bound = [];
  let cur = null;
  return {
    at(step, t) {
      cur = { step, t };
      bound = [];
    },
    num(symbol, dt, unit, get, opts = {}) {
      const span = num(symbol, cur.t + dt, unit, get(cur.step), opts);
      bound.push({ span, dt, get, opts });
      return span;
    },
    update(step, t) {
      cur = { step, t };
      d3.selectAll(bound.map((b) => b.span))
        .data(bound)
        .each(function (b) {
          const v = b.get(step);
          const text = numText(v, b.opts);
          if (this.textContent !== text) this.textContent = text;
          this.setAttribute('data-t', String(t + b.dt));
          this.setAttribute('data-value', String(v));
        });
    },
  };
}

const fn = (f, inner) => (f ? `${f}(${inner})` : `(${inner})`);

// Templates per cell: [row key, lhs, formula, function kind ("act" | "rec")]. The LSTM output
// gate is written with its mark (oGate, "o^{閘}"), so that it never reads as the output o_T; its
// weights and bias keep the plain subscript (U_o, W_o, b_o).
function templates(kind, model, oGate) {
  const A = fnSymbol(model.activation, 'tanh');
  const R = fnSymbol(model.recurrent_activation, 'sigmoid');
  const gate = (g, F, name = g) => [g, `${name}_t`, fn(F, `U_${g} x_t + W_${g} s_{t−1} + b_${g}`), F];
  if (kind === 'lstm') {
    return [gate('i', R), gate('f', R), gate('g', A), gate('o', R, oGate), ['c', 'c_t', 'f_t ⊙ c_{t−1} + i_t ⊙ g_t'], ['hl', 's_t', `${oGate}_t ⊙ ${fn(A, 'c_t')}`, A]];
  }
  if (kind === 'gru') {
    const n = model.reset_after === false ? fn(A, 'U_n x_t + W_n (r_t ⊙ s_{t−1}) + b_n') : fn(A, 'U_n x_t + r_t ⊙ (W_n s_{t−1} + b′_n) + b_n');
    return [gate('z', R), gate('r', R), ['n', 'n_t', n, A], ['hg', 's_t', 'z_t ⊙ s_{t−1} + (1 − z_t) ⊙ n_t']];
  }
  return [['h', 's_t', fn(A, 'U x_t + W s_{t−1} + b'), A]];
}

// compactVector shows the vector get(step) as [a b … j … n] keeping the selected entry and, for a
// one-hot x_t, its one 1 (hot: its index; -1 for none), so the 1 is never elided; entries pick a
// unit. Its numbers are bound (B is a binder's num) and follow the step (a hot index belongs to
// one step: its caller rebuilds the vector when the step changes).
export function compactVector(B, symbol, dt, values, get, selected, pick, hot = -1) {
  const n = values.length;
  const keep = new Set(n <= 5 ? values.map((_, j) => j) : [0, 1, selected, hot, n - 1]);
  const span = el('span', { class: `vec sym-${symbol}` }, '[');
  let prev = -1;
  for (let j = 0; j < n; j++) {
    if (!keep.has(j)) continue;
    if (j > prev + 1) span.append(el('span', { class: 'vec-gap' }, '…'));
    const entry = B(symbol, dt, j, (s) => get(s)[j], { class: `vec-entry${j === selected ? ' selected' : ''}${j === hot ? ' hot' : ''}` });
    entry.setAttribute('role', 'button');
    entry.setAttribute('tabindex', '0');
    entry.addEventListener('click', () => pick(j));
    entry.addEventListener('keydown', (e) => e.key === 'Enter' && pick(j));
    span.append(entry);
    prev = j;
  }
  span.append(']');
  return span;
}

// products renders a row of a matrix times a vector as "M₀×a₀ + M₁×a₁ + …" (the weight first, as
// in U x_t; the first factors of count terms), then "= total".
function products(factors, count, total) {
  const line = el('span', { class: 'products' });
  factors.forEach((f, k) => {
    if (k > 0) line.append(' + ');
    f.forEach((x, q) => {
      if (q > 0) line.append(el('span', { class: 'op' }, '×'));
      line.append(x);
    });
  });
  if (count > factors.length) line.append(el('span', { class: 'vec-gap' }, ` + … (${count})`));
  line.append(' = ', total);
  return line;
}

// weight renders one weight entry with its data attributes (fixed for a model: not bound).
function weight(sym, m, row, col) {
  const v = m && m[row] ? m[row][col] : NaN;
  return num(sym, null, null, v, { class: `w-num sym-${sym}`, term: true, data: { row, col } });
}

// buildRows returns [{key, lhs, caption, formula, vector, unitLine, expansion}] for step t (the
// expansions only when expanded). Every number is bound through ctx.bind, so the rows can follow
// another step in place.
export function buildRows(ctx) {
  const { kind, model, step, j, msg, weights, order, pick, bind, expanded, hot = -1 } = ctx;
  const B = bind.num;
  const n = step.h.length;
  const max = 4; // terms shown of U x_t and W s_{t−1}
  // The terms of U x_t shown: the first few, or for a one-hot x_t its one 1 (the others are 0).
  const xs = hot >= 0 ? [hot] : step.x.slice(0, max).map((_, k) => k);
  const rows = [];
  for (const [key, lhs, formula, F] of templates(kind, model, msg('views.sym.oGate'))) {
    const row = { key, lhs: mathText(lhs), formula: mathText(formula) };
    const G = (s) => gateTerms(s, key);
    const A = (s) => gateAct(s, key);
    if (G(step)) {
      row.caption = msg(`views.gate.${key}`);
      row.vector = compactVector(B, key, 0, A(step), A, j, pick);
      const f = F || '';
      row.unitLine = [
        `${f}( `,
        B(`${key}.ux`, 0, j, (s) => G(s).ux[j]),
        ' + ',
        B(`${key}.ws`, 0, j, (s) => G(s).ws[j], { term: true }),
        ' + ',
        B(`${key}.b`, 0, j, (s) => G(s).b[j], { term: true }),
        ' )',
        el('span', { class: 'unit-pre' }, ` = ${f}(`, B(`${key}.pre`, 0, j, (s) => G(s).pre[j]), ')'),
        ' = ',
        B(key, 0, j, (s) => A(s)[j], { class: 'result' }),
      ];
      if (!expanded) {
        rows.push(row);
        continue;
      }
      const col = gateColumn(order, key, n, j);
      const ux = xs.map((k) => [weight('U', weights.U && weights.U.values, k, col), B('x', 0, k, (s) => s.x[k], { term: true })]);
      row.expansion = [el('span', { class: 'exp-k' }, mathText(kind === 'rnn' ? 'U x_t' : `U_${key} x_t`)), ' = ', products(ux, step.x.length, B(`${key}.ux`, 0, j, (s) => G(s).ux[j]))];
      if (!(kind === 'gru' && key === 'n')) {
        const ws = step.s_prev.slice(0, max).map((v, k) => [weight('W', weights.W && weights.W.values, k, col), B('h', -1, k, (s) => s.s_prev[k], { term: true })]);
        row.expansion2 = [el('span', { class: 'exp-k' }, mathText(kind === 'rnn' ? 'W s_{t−1}' : `W_${key} s_{t−1}`)), ' = ', products(ws, step.s_prev.length, B(`${key}.ws`, 0, j, (s) => G(s).ws[j]))];
      } else {
        row.expansion2 = [el('span', { class: 'exp-note' }, mathText(msg(model.reset_after === false ? 'views.eq.resetBefore' : 'views.eq.resetAfter')))];
      }
    } else if (key === 'c') {
      row.caption = msg('views.gate.c');
      row.vector = compactVector(B, 'c', 0, step.c, (s) => s.c, j, pick);
      row.unitLine = [
        B('f', 0, j, (s) => s.gates.f[j]), ' × ', B('c', -1, j, (s) => s.c_prev[j], { term: true }), ' + ',
        B('i', 0, j, (s) => s.gates.i[j]), ' × ', B('g', 0, j, (s) => s.gates.g[j], { term: true }), ' = ',
        B('c', 0, j, (s) => s.c[j], { class: 'result' }),
      ];
    } else if (key === 'hl') {
      row.caption = msg('views.gate.h');
      row.vector = compactVector(B, 'h', 0, step.h, (s) => s.h, j, pick);
      row.unitLine = [B('o', 0, j, (s) => s.gates.o[j]), ` × ${F}(`, B('c', 0, j, (s) => s.c[j]), ') = ', B('h', 0, j, (s) => s.h[j], { class: 'result' })];
    } else if (key === 'hg') {
      row.caption = msg('views.gate.h');
      row.vector = compactVector(B, 'h', 0, step.h, (s) => s.h, j, pick);
      const z = (s) => s.gates.z[j];
      row.unitLine = [
        B('z', 0, j, z), ' × ', B('h', -1, j, (s) => s.s_prev[j], { term: true }), ' + (1 − ', B('z', 0, j, z), ') × ',
        B('n', 0, j, (s) => s.gates.n[j], { term: true }), ' = ', B('h', 0, j, (s) => s.h[j], { class: 'result' }),
      ];
    }
    rows.push(row);
  }
  return rows;
}

// outputEntries are the numbers of o_T, apart; of more than five (a softmax head's K logits) the
// first two, the largest and the last, the others elided.
function outputEntries(out, T) {
  const top = out.indexOf(Math.max(...out));
  const keep = out.length <= 5 ? out.map((_, k) => k) : [...new Set([0, 1, top, out.length - 1])].sort((a, b) => a - b);
  return keep.flatMap((k, i) => [i === 0 ? '' : k > keep[i - 1] + 1 ? el('span', { class: 'vec-gap' }, ' … ') : ' ', num('y', T, k, out[k], { class: 'result' })]);
}

// outputRow is the output layer's equation after the last step: o_T = V s_T + b_V (V and b_V are
// the Dense layer's kernel and bias, the trace's weights V and b_v), with the products of one
// output written out when the network has a single output.
export function outputRow(result, T, msg) {
  const out = result.output || [];
  const raw = result.output_raw || null;
  const { V } = weightsOf(result);
  const sT = result.steps[T - 1].h;
  const row = {
    key: 'y',
    lhs: mathText('o_T'),
    caption: msg('views.gate.y'),
    formula: mathText('V s_T + b_V'),
    vector: el('span', { class: 'vec sym-y' }, '[', ...outputEntries(out, T), ']', raw ? el('span', { class: 'raw-out' }, ` → NT$ ${raw.map((v) => fmt(v, 2)).join(', ')}`) : null),
  };
  if (out.length === 1 && V && V.bias) {
    const max = 4;
    const factors = sT.slice(0, max).map((v, k) => [weight('V', V.values, k, 0), num('h', T, k, v, { term: true })]);
    const bias = num('b_v', null, null, V.bias[0], { class: 'w-num sym-b_v', term: true, data: { row: 0, col: 0 } });
    const line = products(factors, sT.length, num('y', T, 0, out[0], { class: 'result' }));
    line.insertBefore(el('span', { class: 'bias-term' }, ' + ', bias), line.lastChild.previousSibling);
    row.unitLine = [line];
  }
  return row;
}
