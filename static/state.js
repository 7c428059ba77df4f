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
// The ranges of the numbers a user types: the model's units n, TIME_STEPS and
// seed, and the sine wave's period (the engine refuses others).
export const LIMITS = { units: [1, 64], steps: [1, 60], seed: [0, Number.MAX_SAFE_INTEGER], period: [2, 1000] };
export const DEFAULT_DATA = 'stock:2330:2024-01:2024-06';
// The training panel's ranges, per hash key.
export const TRAIN_LIMITS = { tunits: [1, 64], tsteps: [2, 60], tseed: LIMITS.seed, tepochs: [1, 500], tbatch: [1, 4096], tlr: [1e-6, 1] };
export const OPTIMIZERS = ['adam', 'rmsprop', 'sgd'];
// Below this many test windows (days predicted) a test RMSE rests on a few days: the page says so.
export const MIN_TEST_WINDOWS = 20;

// The sine wave's default period, in time steps (written as plain `sine`).
export const SINE_PERIOD = 10;

// Parsers of hash values: each returns the value, or undefined when s is not one.
const intIn = ([lo, hi]) => (s) => {
  if (!/^\d{1,16}$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) && n >= lo && n <= hi ? n : undefined;
};
const oneOf = (list) => (s) => (list.includes(s) ? s : undefined);
const oneOfAnyCase = (list) => (s) => (list.includes(s.toLowerCase()) ? s.toLowerCase() : undefined);
const numberIn = ([lo, hi]) => (s) => {
  if (!/^(\d{1,8}(\.\d{0,12})?|\.\d{1,12})(e-?\d{1,2})?$/i.test(s)) return undefined;
  const n = Number(s);
  return n >= lo && n <= hi ? n : undefined;
};

// KEYS is the URL hash, one row per key in the order the keys are written:
//   parse(text) → value, or undefined when text is not a value of the key;
//   format(value) → text (String when not given; parse(format(v)) is v);
//   default: the value of a key the hash does not name;
//   omit: the key is written only when its value is not the default;
//   absent: what a hash opened later (a lesson link, the back button) that does
//     not name the key does to it: 'reset' puts the default back, 'reset-with-data'
//     does so only when the hash changes the data; otherwise the value stays.
export const KEYS = Object.freeze([
  // 'step' (step through) | 'train' (train a model)
  { key: 'mode', parse: oneOf(MODES), default: 'step', omit: true, absent: 'reset' },
  // the step-through model; a trained or imported model's weights are not in the URL
  { key: 'model', parse: oneOf(MODEL_SOURCES), default: 'seed', omit: true, absent: 'reset' },
  { key: 'cell', parse: oneOfAnyCase(CELLS), default: 'rnn' },
  { key: 'units', parse: intIn(LIMITS.units), default: 4 },
  { key: 'seed', parse: intIn(LIMITS.seed), default: 1 },
  { key: 'steps', parse: intIn(LIMITS.steps), default: 10 },
  // seq:V1,V2,… | stock:CODE:YYYY-MM:YYYY-MM | sine | sine:PERIOD (see parseData)
  { key: 'data', parse: (s) => (parseData(s) ? s : undefined), default: DEFAULT_DATA },
  // the last day of a stock window (YYYY-MM-DD); '' means the last day the scaler was fitted on
  { key: 'end', parse: (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined), default: '', omit: true, absent: 'reset-with-data' },
  { key: 't', parse: intIn([1, 10000]), default: 1 },
  // the unit the equation and cell views detail (0-based)
  { key: 'unit', parse: intIn([0, LIMITS.units[1] - 1]), default: 0 },
  { key: 'lang', parse: (s) => (s === 'en' ? 'en' : s === 'zh-TW' || s === 'zh' ? 'zh-TW' : undefined), default: 'zh-TW' },
  { key: 'view', parse: oneOf(VIEWS), default: 'unrolled' },
  { key: 'speed', parse: (s) => (SPEEDS.includes(Number(s)) ? Number(s) : undefined), default: 1 },
  // presentation mode, written only when on; a lesson link opened while presenting keeps it on
  { key: 'present', parse: (s) => (s === '1' ? true : s === '0' ? false : undefined), format: (v) => (v ? '1' : '0'), default: false, omit: true },
  // The training panel's settings (train mode; train/panel.js), so that a link can
  // open the panel with a prepared configuration (never starting it).
  { key: 'tstock', parse: (s) => formatTrainStock(parseTrainStock(s)), default: '2330:2015-01:2024-12', omit: true, absent: 'reset', train: true },
  { key: 'tfeat', parse: oneOf(['close', 'ohlcv']), default: 'close', omit: true, absent: 'reset', train: true },
  { key: 'tcell', parse: oneOfAnyCase(CELLS), default: 'lstm', omit: true, absent: 'reset', train: true },
  { key: 'tunits', parse: intIn(TRAIN_LIMITS.tunits), default: 32, omit: true, absent: 'reset', train: true },
  { key: 'tsteps', parse: intIn(TRAIN_LIMITS.tsteps), default: 10, omit: true, absent: 'reset', train: true },
  { key: 'tseed', parse: intIn(TRAIN_LIMITS.tseed), default: 1, omit: true, absent: 'reset', train: true },
  { key: 'tepochs', parse: intIn(TRAIN_LIMITS.tepochs), default: 10, omit: true, absent: 'reset', train: true },
  { key: 'tbatch', parse: intIn(TRAIN_LIMITS.tbatch), default: 32, omit: true, absent: 'reset', train: true },
  { key: 'tlr', parse: numberIn(TRAIN_LIMITS.tlr), default: 0.001, omit: true, absent: 'reset', train: true },
  { key: 'topt', parse: oneOfAnyCase(OPTIMIZERS), default: 'adam', omit: true, absent: 'reset', train: true },
].map((row) => Object.freeze({ format: String, ...row })));

const ROW = new Map(KEYS.map((row) => [row.key, row]));
const HASH_KEYS = KEYS.map((row) => row.key);

// TRAIN_SETTINGS are the training panel's keys and their defaults.
export const TRAIN_SETTINGS = Object.freeze(Object.fromEntries(KEYS.filter((r) => r.train).map((r) => [r.key, r.default])));
export const TRAIN_KEYS = Object.keys(TRAIN_SETTINGS);

export const DEFAULTS = Object.freeze({
  ...Object.fromEntries(KEYS.map((r) => [r.key, r.default])),
  // Not in the hash:
  playing: false,
  highlight: null, // 'g' | 'n' | 'i' while the parameter formula is hovered or focused
  result: null, // the TraceResult on screen (see wasm/bridge)
  stock: null, // {code, name, market, source, dates, from, to} of the fetched series
  error: null, // {code, message, message_zh, detail} shown to the user, or null
  busy: false, // an engine call or fetch is in flight
  modelNote: null, // what is known of a trained or imported model: {name, stock, from, to, epochs}
});

// parseData reads the data key: seq:V1,V2,…  |  stock:CODE:YYYY-MM:YYYY-MM  |
// sine  |  sine:PERIOD. A typed sequence is checked by the engine (which
// reports bad entries with their position, and a sine period outside
// LIMITS.period); here only its shape is read.
export function parseData(s) {
  if (typeof s !== 'string') return null;
  if (s.startsWith('seq:')) return { kind: 'seq', text: s.slice(4) };
  let m = /^stock:([0-9A-Za-z]{4,6}):(\d{4}-\d{2}):(\d{4}-\d{2})$/.exec(s);
  if (m && m[2] <= m[3]) return { kind: 'stock', code: m[1].toUpperCase(), from: m[2], to: m[3] };
  m = /^sine(?::(\d{1,4}(?:\.\d+)?))?$/.exec(s);
  if (m) return { kind: 'sine', period: m[1] ? Number(m[1]) : SINE_PERIOD };
  return null;
}

// formatData is parseData's inverse.
export function formatData(d) {
  if (d.kind === 'seq') return `seq:${d.text}`;
  if (d.kind === 'stock') return `stock:${d.code}:${d.from}:${d.to}`;
  return d.period && d.period !== SINE_PERIOD ? `sine:${d.period}` : 'sine';
}

// parseTrainStock reads the tstock key, CODE:YYYY-MM:YYYY-MM (the stock data's
// form without its kind), as {code, from, to}, or null.
export function parseTrainStock(s) {
  const d = parseData(`stock:${s}`);
  return d?.kind === 'stock' ? { code: d.code, from: d.from, to: d.to } : null;
}

// formatTrainStock is parseTrainStock's inverse (undefined for null).
export function formatTrainStock(d) {
  return d ? formatData({ kind: 'stock', ...d }).slice('stock:'.length) : undefined;
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
    if (!ROW.has(key)) continue;
    let raw;
    try {
      raw = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1));
    } catch {
      invalid.push(key);
      continue;
    }
    const v = ROW.get(key).parse(raw);
    if (v === undefined) invalid.push(key);
    else state[key] = v;
  }
  return { state, invalid };
}

const encode = (v) => encodeURIComponent(v).replace(/%3A/gi, ':').replace(/%2C/gi, ',');

// toHash writes the hash keys of state, in the table's order, leaving out
// the omitted keys whose value is their default (or missing).
export function toHash(state) {
  const parts = [];
  for (const { key, format, omit } of KEYS) {
    const v = state[key];
    if (omit && (v === undefined || v === null || Object.is(v, ROW.get(key).default))) continue;
    parts.push(`${key}=${encode(format(v))}`);
  }
  return '#' + parts.join('&');
}

// hashPatch is the change to state that opening hash asks for: the keys it
// names with other values than state's, and the keys it leaves out that go
// back to their defaults (see KEYS' absent); invalid lists the keys whose
// values were not valid (they are left as they are).
export function hashPatch(state, hash) {
  const { state: next, invalid } = parseHash(hash);
  const patch = {};
  for (const [k, v] of Object.entries(next)) if (!Object.is(state[k], v)) patch[k] = v;
  for (const row of KEYS) {
    if (row.key in next || !row.absent || Object.is(state[row.key], row.default)) continue;
    if (row.absent === 'reset' || (row.absent === 'reset-with-data' && 'data' in patch)) patch[row.key] = row.default;
  }
  return { patch, invalid };
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
