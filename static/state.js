// The one store of the page, and its round trip through the URL hash
// (DESIGN §4): everything needed to reproduce a view is in the hash, so an
// instructor can prepare a link per lesson, e.g.
//
//   #cell=lstm&units=4&seed=1&steps=10&data=stock:2330:2024-01:2024-06&t=3&unit=0&lang=zh-TW&view=unrolled
//
// Views read the state and never write it; controls ask the app to change it.

export const CELLS = ['rnn', 'lstm', 'gru'];
export const VIEWS = ['unrolled', 'rolled'];
export const MODES = ['step', 'train'];
export const MODEL_SOURCES = ['seed', 'trained', 'imported'];
export const SPEEDS = [0.5, 1, 2, 4]; // time steps per second while playing
export const LIMITS = { units: [1, 64], steps: [1, 60], seed: [0, Number.MAX_SAFE_INTEGER] };
export const DEFAULT_DATA = 'stock:2330:2024-01:2024-06';

// The training panel's settings (train mode; train/panel.js), in the hash so a
// link can open the panel with a prepared configuration (never starting it):
// tstock=CODE:YYYY-MM:YYYY-MM, tfeat=close|ohlcv, tcell, tunits, tsteps, tseed,
// tepochs, tbatch, tlr, topt=adam|rmsprop|sgd. Written only when not the default.
export const TRAIN_SETTINGS = Object.freeze({
  tstock: '2330:2015-01:2024-12',
  tfeat: 'close',
  tcell: 'lstm',
  tunits: 32,
  tsteps: 10,
  tseed: 1,
  tepochs: 10,
  tbatch: 32,
  tlr: 0.001,
  topt: 'adam',
});
export const TRAIN_KEYS = Object.keys(TRAIN_SETTINGS);
export const TRAIN_LIMITS = { tunits: [1, 64], tsteps: [2, 60], tseed: LIMITS.seed, tepochs: [1, 500], tbatch: [1, 4096], tlr: [1e-6, 1] };
export const OPTIMIZERS = ['adam', 'rmsprop', 'sgd'];
// Below this many test windows (days predicted) a test RMSE rests on a few days: the page says so.
export const MIN_TEST_WINDOWS = 20;

// Hash keys, in the order they are written.
const HASH_KEYS = ['mode', 'model', 'cell', 'units', 'seed', 'steps', 'data', 'end', 't', 'unit', 'lang', 'view', 'speed', 'present', ...TRAIN_KEYS];

export const DEFAULTS = Object.freeze({
  cell: 'rnn',
  units: 4,
  seed: 1,
  steps: 10,
  data: DEFAULT_DATA,
  end: '', // last day of a stock window (YYYY-MM-DD); '' means the last fetched day
  t: 1,
  unit: 0, // the unit the equation and cell views detail (0-based)
  lang: 'zh-TW',
  view: 'unrolled',
  speed: 1,
  present: false,
  mode: 'step', // 'step' (step through) | 'train' (train a model); written only when 'train'
  model: 'seed', // the step-through model: 'seed' | 'trained' | 'imported'; written only when not 'seed'
  ...TRAIN_SETTINGS, // the training panel's settings; each written only when not its default
  // Not in the hash:
  playing: false,
  highlight: null, // 'g' | 'n' | 'i' while the parameter formula is hovered or focused
  result: null, // the TraceResult on screen (see wasm/bridge)
  stock: null, // {code, name, market, source, dates, from, to} of the fetched series
  error: null, // {code, message, message_zh, detail} shown to the user, or null
  busy: false, // an engine call or fetch is in flight
  modelNote: null, // what is known of a trained or imported model: {name, stock, from, to, epochs}
});

const intIn = ([lo, hi]) => (s) => {
  if (!/^\d{1,16}$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) && n >= lo && n <= hi ? n : undefined;
};

const PARSERS = {
  cell: (s) => (CELLS.includes(s.toLowerCase()) ? s.toLowerCase() : undefined),
  units: intIn(LIMITS.units),
  seed: intIn(LIMITS.seed),
  steps: intIn(LIMITS.steps),
  data: (s) => (parseData(s) ? s : undefined),
  end: (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined),
  t: intIn([1, 10000]),
  unit: intIn([0, LIMITS.units[1] - 1]),
  lang: (s) => (s === 'en' ? 'en' : s === 'zh-TW' || s === 'zh' ? 'zh-TW' : undefined),
  view: (s) => (VIEWS.includes(s) ? s : undefined),
  speed: (s) => (SPEEDS.includes(Number(s)) ? Number(s) : undefined),
  present: (s) => (s === '1' ? true : s === '0' ? false : undefined),
  mode: (s) => (MODES.includes(s) ? s : undefined),
  model: (s) => (MODEL_SOURCES.includes(s) ? s : undefined),
  tstock: (s) => {
    const d = parseData(`stock:${s}`);
    return d?.kind === 'stock' ? `${d.code}:${d.from}:${d.to}` : undefined;
  },
  tfeat: (s) => (s === 'close' || s === 'ohlcv' ? s : undefined),
  tcell: (s) => (CELLS.includes(s.toLowerCase()) ? s.toLowerCase() : undefined),
  tunits: intIn(TRAIN_LIMITS.tunits),
  tsteps: intIn(TRAIN_LIMITS.tsteps),
  tseed: intIn(TRAIN_LIMITS.tseed),
  tepochs: intIn(TRAIN_LIMITS.tepochs),
  tbatch: intIn(TRAIN_LIMITS.tbatch),
  tlr: (s) => {
    if (!/^(\d{1,8}(\.\d{0,12})?|\.\d{1,12})(e-?\d{1,2})?$/i.test(s)) return undefined;
    const n = Number(s);
    return n >= TRAIN_LIMITS.tlr[0] && n <= TRAIN_LIMITS.tlr[1] ? n : undefined;
  },
  topt: (s) => (OPTIMIZERS.includes(s.toLowerCase()) ? s.toLowerCase() : undefined),
};

// parseData reads the data key: seq:V1,V2,…  |  stock:CODE:YYYY-MM:YYYY-MM  |
// sine  |  sine:PERIOD. A typed sequence is checked by the engine (which
// reports bad entries with their position); here only its shape is read.
export function parseData(s) {
  if (typeof s !== 'string') return null;
  if (s.startsWith('seq:')) return { kind: 'seq', text: s.slice(4) };
  let m = /^stock:([0-9A-Za-z]{4,6}):(\d{4}-\d{2}):(\d{4}-\d{2})$/.exec(s);
  if (m && m[2] <= m[3]) return { kind: 'stock', code: m[1].toUpperCase(), from: m[2], to: m[3] };
  m = /^sine(?::(\d{1,4}(?:\.\d+)?))?$/.exec(s);
  if (m) return { kind: 'sine', period: m[1] ? Number(m[1]) : 10 };
  return null;
}

// formatData is parseData's inverse.
export function formatData(d) {
  if (d.kind === 'seq') return `seq:${d.text}`;
  if (d.kind === 'stock') return `stock:${d.code}:${d.from}:${d.to}`;
  return d.period && d.period !== 10 ? `sine:${d.period}` : 'sine';
}

// parseHash returns the state a hash describes (defaults for missing keys)
// and the keys whose values were invalid (they fall back to the defaults).
export function parseHash(hash) {
  const state = {};
  const invalid = [];
  const body = (hash || '').replace(/^#/, '');
  for (const part of body.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (!Object.hasOwn(PARSERS, key)) continue;
    let raw;
    try {
      raw = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1));
    } catch {
      invalid.push(key);
      continue;
    }
    const v = PARSERS[key](raw);
    if (v === undefined) invalid.push(key);
    else state[key] = v;
  }
  return { state, invalid };
}

const encode = (v) => encodeURIComponent(String(v)).replace(/%3A/gi, ':').replace(/%2C/gi, ',');

// toHash writes the hash keys of state (end only when set, present only when on,
// mode only when train, model only when not seed, the training settings only
// when not their defaults).
export function toHash(state) {
  const parts = [];
  for (const key of HASH_KEYS) {
    const v = state[key];
    if (key === 'end' && !v) continue;
    if ((key === 'mode' && v === 'step') || (key === 'model' && v === 'seed')) continue;
    if (key in TRAIN_SETTINGS && (v === undefined || Object.is(v, TRAIN_SETTINGS[key]))) continue;
    if (key === 'present') {
      if (v) parts.push('present=1');
      continue;
    }
    parts.push(`${key}=${encode(v)}`);
  }
  return '#' + parts.join('&');
}

// createStore holds the state. set(patch) merges and notifies subscribers
// with (state, changedKeys) when anything changed; the state object handed
// out is frozen, so a view cannot write it by accident.
export function createStore(initial) {
  let state = Object.freeze({ ...DEFAULTS, ...initial });
  const subscribers = new Set();
  return {
    get: () => state,
    set(patch) {
      const changed = Object.keys(patch).filter((k) => !Object.is(state[k], patch[k]));
      if (changed.length === 0) return;
      state = Object.freeze({ ...state, ...patch });
      for (const fn of subscribers) fn(state, new Set(changed));
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}

// hashKeysChanged reports whether any serialised key is among changed.
export function hashKeysChanged(changed) {
  return HASH_KEYS.some((k) => changed.has(k));
}
