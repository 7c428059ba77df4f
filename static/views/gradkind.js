// The quantities the gradient-flow view (gradflow.js) can draw, by the hash key grad: the trace's
// field, the DOM contract's symbol and the notation. A pure module: no DOM, no model value.

export const QUANTITIES = Object.freeze({
  x: { field: 'grad_input_norms', symbol: 'dLdx', text: '‖∂L/∂x_t‖', at: (t) => `‖∂L/∂x_{${t}}‖` },
  s: { field: 'grad_norms', symbol: 'dLds', text: '‖∂L/∂s_t‖', at: (t) => `‖∂L/∂s_{${t}}‖` },
  c: { field: 'grad_cell_norms', symbol: 'dLdc', text: '‖∂L/∂c_t‖', at: (t) => `‖∂L/∂c_{${t}}‖` },
});

const has = (result, k) => Array.isArray(result?.[QUANTITIES[k].field]) && result[QUANTITIES[k].field].length > 0;

// gradKind is the quantity drawn: the state's, when the trace has it (c only for an LSTM), else
// ‖∂L/∂x_t‖, else ‖∂L/∂s_t‖.
export function gradKind(state, result) {
  const want = QUANTITIES[state?.grad] ? state.grad : 'x';
  if (has(result, want)) return want;
  return has(result, 'x') ? 'x' : 's';
}

// ratioKind names what the ratio of the first bar to the last shows: vanish (below 1/10: the
// earliest input reaches the loss far less), grow (above 10), flat (in between), none (no ratio).
export function ratioKind(r) {
  if (!Number.isFinite(r)) return 'none';
  if (r < 0.1) return 'vanish';
  if (r > 10) return 'grow';
  return 'flat';
}
