// The equations of each cell as rows for the equation view: the symbolic form, the whole vector
// (compact), the arithmetic of one unit with the trace's numbers, and optionally the products
// behind U x_t and W s_{t−1}. Every number comes from the TraceResult; none is computed here.
import { el, fmt, fmtTerm, num, fnSymbol, gateColumn, mathText } from './format.js';

export { mathText };

const fn = (f, inner) => (f ? `${f}(${inner})` : `(${inner})`);

// Templates per cell: [row key, lhs, formula, function kind ("act" | "rec")].
function templates(kind, model) {
  const A = fnSymbol(model.activation, 'tanh');
  const R = fnSymbol(model.recurrent_activation, 'sigmoid');
  const gate = (g, F) => [g, `${g}_t`, fn(F, `U_${g} x_t + W_${g} s_{t−1} + b_${g}`), F];
  if (kind === 'lstm') {
    return [gate('i', R), gate('f', R), gate('g', A), gate('o', R), ['c', 'c_t', 'f_t ⊙ c_{t−1} + i_t ⊙ g_t'], ['hl', 's_t', `o_t ⊙ ${fn(A, 'c_t')}`, A]];
  }
  if (kind === 'gru') {
    const n = model.reset_after === false ? fn(A, 'U_n x_t + W_n (r_t ⊙ s_{t−1}) + b_n') : fn(A, 'U_n x_t + r_t ⊙ (W_n s_{t−1} + b′_n) + b_n');
    return [gate('z', R), gate('r', R), ['n', 'n_t', n, A], ['hg', 's_t', 'z_t ⊙ s_{t−1} + (1 − z_t) ⊙ n_t']];
  }
  return [['h', 's_t', fn(A, 'U x_t + W s_{t−1} + b'), A]];
}

// compactVector shows a vector as [a b … j … n] keeping the selected entry; entries pick a unit.
export function compactVector(symbol, t, values, selected, pick) {
  const n = values.length;
  const keep = new Set(n <= 5 ? values.map((_, j) => j) : [0, 1, selected, n - 1]);
  const span = el('span', { class: `vec sym-${symbol}` }, '[');
  let prev = -1;
  for (let j = 0; j < n; j++) {
    if (!keep.has(j)) continue;
    if (j > prev + 1) span.append(el('span', { class: 'vec-gap' }, '…'));
    const entry = num(symbol, t, j, values[j], { class: `vec-entry${j === selected ? ' selected' : ''}` });
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

// products renders Σ_k a[k]·M[k][col] as "a₀×M₀ + a₁×M₁ + …" (at most max terms), then "= total".
function products(factors, total, totalAttrs, max = 4) {
  const line = el('span', { class: 'products' });
  factors.slice(0, max).forEach((f, k) => {
    if (k > 0) line.append(' + ');
    f.forEach((x, q) => {
      if (q > 0) line.append(el('span', { class: 'op' }, '×'));
      line.append(x);
    });
  });
  if (factors.length > max) line.append(el('span', { class: 'vec-gap' }, ` + … (${factors.length})`));
  line.append(' = ', num(...totalAttrs, total));
  return line;
}

// weight renders one weight entry with its data attributes.
function weight(sym, m, row, col) {
  const v = m && m[row] ? m[row][col] : NaN;
  const s = el('span', { class: `num w-num sym-${sym}`, 'data-symbol': sym, 'data-row': row, 'data-col': col, 'data-value': String(v) }, fmtTerm(v));
  return s;
}

// buildRows returns [{key, lhs, caption, formula, vector, unitLine, expansion}] for step t.
export function buildRows(ctx) {
  const { kind, model, step, prev, t, j, msg, weights, pick } = ctx;
  const n = step.h.length;
  const rows = [];
  for (const [key, lhs, formula, F] of templates(kind, model)) {
    const row = { key, lhs: mathText(lhs), formula: mathText(formula) };
    const gate = step.gates[key];
    if (gate) {
      const symbol = key;
      row.caption = msg(`views.gate.${key}`);
      row.vector = compactVector(symbol, t, gate.act, j, pick);
      const f = F || '';
      row.unitLine = [
        `${f}( `,
        num(`${key}.ux`, t, j, gate.ux[j]),
        ' + ',
        num(`${key}.ws`, t, j, gate.ws[j], { term: true }),
        ' + ',
        num(`${key}.b`, t, j, gate.b[j], { term: true }),
        ` ) = ${f}(`,
        num(`${key}.pre`, t, j, gate.pre[j]),
        ') = ',
        num(symbol, t, j, gate.act[j], { class: 'result' }),
      ];
      const col = gateColumn(kind, key, n, j);
      const ux = step.x.map((x, k) => [num('x', t, k, x, { term: true }), weight('U', weights.U, k, col)]);
      row.expansion = [el('span', { class: 'exp-k' }, mathText(kind === 'rnn' ? 'U x_t' : `U_${key} x_t`)), ' = ', products(ux, gate.ux[j], [`${key}.ux`, t, j])];
      if (!(kind === 'gru' && key === 'n')) {
        const ws = step.s_prev.map((s, k) => [num('h', t - 1, k, s, { term: true }), weight('W', weights.W, k, col)]);
        row.expansion2 = [el('span', { class: 'exp-k' }, mathText(kind === 'rnn' ? 'W s_{t−1}' : `W_${key} s_{t−1}`)), ' = ', products(ws, gate.ws[j], [`${key}.ws`, t, j])];
      } else {
        row.expansion2 = [el('span', { class: 'exp-note' }, mathText(msg(model.reset_after === false ? 'views.eq.resetBefore' : 'views.eq.resetAfter')))];
      }
    } else if (key === 'c') {
      row.caption = msg('views.gate.c');
      row.vector = compactVector('c', t, step.c, j, pick);
      const g = step.gates;
      row.unitLine = [num('f', t, j, g.f.act[j]), ' × ', num('c', t - 1, j, step.c_prev[j], { term: true }), ' + ', num('i', t, j, g.i.act[j]), ' × ', num('g', t, j, g.g.act[j], { term: true }), ' = ', num('c', t, j, step.c[j], { class: 'result' })];
    } else if (key === 'hl') {
      row.caption = msg('views.gate.h');
      row.vector = compactVector('h', t, step.h, j, pick);
      row.unitLine = [num('o', t, j, step.gates.o.act[j]), ` × ${F}(`, num('c', t, j, step.c[j]), ') = ', num('h', t, j, step.h[j], { class: 'result' })];
    } else if (key === 'hg') {
      row.caption = msg('views.gate.h');
      row.vector = compactVector('h', t, step.h, j, pick);
      const z = step.gates.z.act[j];
      row.unitLine = [num('z', t, j, z), ' × ', num('h', t - 1, j, step.s_prev[j], { term: true }), ' + (1 − ', num('z', t, j, z), ') × ', num('n', t, j, step.gates.n.act[j], { term: true }), ' = ', num('h', t, j, step.h[j], { class: 'result' })];
    }
    rows.push(row);
  }
  return rows;
}

// outputRow is the output layer's equation after the last step.
export function outputRow(result, T) {
  const out = result.output || [];
  const raw = result.output_raw || null;
  return {
    key: 'y',
    lhs: mathText('o'),
    formula: mathText('V s_T + b_o'),
    vector: el('span', { class: 'vec sym-y' }, '[', ...out.map((v, k) => num('y', T, k, v, { class: 'result' })), ']', raw ? el('span', { class: 'raw-out' }, ` → NT$ ${raw.map((v) => fmt(v, 2)).join(', ')}`) : null),
  };
}
