// Visual constants of the page, in one place. static/views.css declares the same values as CSS custom
// properties (see CSS_VARS below); keep the two in step.

// Sign colours: positive values and weights warm, negative cool (the diverging scale's two ends).
export const SIGN = {
  pos: '#c2410c',
  neg: '#1d4ed8',
  zero: '#f4f4f5',
};

// Node activation colour scale: diverging over [-1, 0, 1], clamped. The exponent < 1 makes small
// activations (|v| ≈ 0.1, common right after initialisation) visible: colour = f(sign(v)·|v|^exponent).
export const ACTIVATION = {
  domain: [-1, 0, 1],
  range: [SIGN.neg, SIGN.zero, SIGN.pos],
  exponent: 0.5,
};

// One colour per symbol of the lecture's notation (labels, outlines, gate fills).
export const SYMBOL = {
  x: '#475569', // input x_t
  h: '#0f766e', // hidden state s_t (h_t)
  c: '#92400e', // LSTM cell state (the highway)
  y: '#334155', // output layer o_T (data-symbol y)
  i: '#15803d', // input gate
  f: '#b91c1c', // forget gate
  g: '#7c3aed', // candidate
  o: '#a21caf', // LSTM output gate (its own colour: never read as the output o_T)
  z: '#b45309', // GRU update gate
  r: '#15803d', // GRU reset gate
  n: '#7c3aed', // GRU candidate
  U: '#0369a1',
  W: '#be185d',
  V: '#4d7c0f',
};

export const INK = {
  text: '#0f172a',
  muted: '#64748b',
  faint: '#cbd5e1',
  panel: '#ffffff',
  current: '#fde68a', // band behind the current step
  currentStroke: '#0f172a',
};

// The neuron view (view=neurons) draws at most this many steps and units at once (a class's sizes).
export const NEURONS = { steps: 20, units: 16 };

export const SIZE = {
  font: 16, // base font, px
  fontSmall: 13,
  fontLarge: 20,
  mono: 'ui-monospace, "SFMono-Regular", "Cascadia Mono", "Noto Sans Mono", Menlo, Consolas, monospace',
  sans: '"Noto Sans TC", "PingFang TC", "Microsoft JhengHei", system-ui, sans-serif',
  nodeRadius: 20, // x and o nodes at comfortable spacing
  stateWidth: 46, // s_t node (a strip of units)
  stateHeight: 64,
  edgeMin: 1.5, // edge width for |weight| = 0
  edgeMax: 8,
  futureOpacity: 0.22, // steps after t: not yet computed
  digits: 3, // decimals shown on screen
};

export const DURATION = {
  step: 320, // ms, transition between steps
  hover: 120,
};

// True when motion should be avoided: the page state says so, or the system asks for it.
export function reducedMotion(state) {
  if (state && state.reducedMotion) return true;
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function duration(state, ms = DURATION.step) {
  return reducedMotion(state) ? 0 : ms;
}

// animate is the one way the page moves a drawing: sel's D3 transition of ms (duration(state)
// gives 0 under prefers-reduced-motion), or, for 0 ms, sel itself with any transition under way
// cut short, so that nothing is scheduled and the new values are final at once.
export function animate(sel, ms, ease) {
  if (!(ms > 0)) return sel.interrupt();
  const tr = sel.transition().duration(ms);
  return ease ? tr.ease(ease) : tr;
}

// The CSS custom properties static/views.css mirrors (name → value).
export const CSS_VARS = {
  '--sign-pos': SIGN.pos,
  '--sign-neg': SIGN.neg,
  '--sign-zero': SIGN.zero,
  ...Object.fromEntries(Object.entries(SYMBOL).map(([k, v]) => [`--sym-${k}`, v])),
  '--ink': INK.text,
  '--ink-muted': INK.muted,
  '--ink-faint': INK.faint,
  '--panel': INK.panel,
  '--current': INK.current,
  '--current-stroke': INK.currentStroke,
  '--font-base': `${SIZE.font}px`,
  '--font-small': `${SIZE.fontSmall}px`,
  '--font-large': `${SIZE.fontLarge}px`,
  '--future-opacity': String(SIZE.futureOpacity),
  '--dur-step': `${DURATION.step}ms`,
  '--dur-hover': `${DURATION.hover}ms`,
};
