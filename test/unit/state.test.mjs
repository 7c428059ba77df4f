// The URL state (static/state.js): every hash key round-trips through toHash
// and parseHash, invalid values are reported and fall back to the defaults,
// and the keys written only when not their default are left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHash, toHash, hashPatch, parseData, formatData, parseTrainStock, formatTrainStock, KEYS, DEFAULTS, TRAIN_SETTINGS, TRAIN_KEYS, createStore, hashKeysChanged } from '../../static/state.js';

// A value other than the default for every key toHash writes, in the order it writes them.
const NON_DEFAULT = {
  mode: 'train',
  demo: 'order',
  model: 'imported',
  cell: 'gru',
  units: 64,
  seed: Number.MAX_SAFE_INTEGER,
  steps: 60,
  data: 'seq:0.1,0.5,-0.2',
  end: '2024-06-28',
  t: 7,
  unit: 3,
  lang: 'en',
  view: 'rolled',
  nfrom: 11,
  ngate: 'f',
  pad: true,
  grad: 's',
  speed: 0.5,
  present: true,
  tstock: '2317:2018-01:2019-06',
  tfeat: 'ohlcv',
  tcell: 'rnn',
  tunits: 8,
  tsteps: 20,
  tseed: 5,
  tepochs: 50,
  tbatch: 64,
  tlr: 0.0005,
  topt: 'rmsprop',
  ttarget: 'window',
  twalk: true,
  gap: 50,
  cells: 'rnn,lstm',
  init: 'keras',
  mepochs: 2,
  mseed: 3,
  sweep: '5,10,35',
  gstart: '我',
  gchars: 7,
  gtemp: 0.8,
  gseed: 5,
  lesson: 'u12/7',
  lessons: '/lessons/mine.json',
};

// A value no key accepts, per key.
const BAD = {
  mode: 'play',
  demo: 'sine',
  model: 'random',
  cell: 'cnn',
  units: '0',
  seed: '-1',
  steps: '61',
  data: 'stock:2330:2024-06:2024-01',
  end: '2024-6-1',
  t: '0',
  unit: '64',
  lang: 'fr',
  view: 'flat',
  nfrom: '0',
  ngate: 'h',
  pad: 'on',
  grad: 'h',
  speed: '3',
  present: 'yes',
  tstock: '2330:2024-13:2024-12',
  tfeat: 'volume',
  tcell: 'transformer',
  tunits: '65',
  tsteps: '1',
  tseed: '1.5',
  tepochs: '501',
  tbatch: '0',
  tlr: '2',
  topt: 'adagrad',
  ttarget: 'close',
  twalk: 'yes',
  gap: '101',
  cells: 'rnn,cnn',
  init: 'zero',
  mepochs: '0',
  mseed: '-1',
  sweep: '10,5',
  gstart: 'ab',
  gchars: '41',
  gtemp: '2.5',
  gseed: 'x',
  lesson: 'u12',
  lessons: 'my lessons.json', // a URL has no space (another origin is the lesson panel's to refuse, by name)
};

const keysOf = (hash) => hash.replace(/^#/, '').split('&').filter(Boolean).map((p) => p.split('=')[0]);

test('every hash key round-trips through toHash and parseHash', () => {
  const state = { ...DEFAULTS, ...NON_DEFAULT };
  const hash = toHash(state);
  assert.deepEqual(keysOf(hash), Object.keys(NON_DEFAULT), 'toHash writes exactly the keys this test covers, in order');
  const { state: back, invalid } = parseHash(hash);
  assert.deepEqual(invalid, []);
  assert.deepEqual(back, NON_DEFAULT);
});

test('each key alone round-trips, for several values', () => {
  const more = {
    demo: ['neuron', 'generate'],
    model: ['trained'],
    cell: ['lstm', 'rnn'],
    units: [1, 17],
    seed: [0, 123456],
    steps: [1, 25],
    data: ['sine', 'sine:7', 'stock:2454:2020-01:2020-12', 'seq:1, 2,3', 'seq:'],
    t: [1, 10000],
    unit: [0, 63],
    lang: ['zh-TW'],
    view: ['unrolled'],
    speed: [1, 2, 4],
    tlr: [1e-6, 1, 0.01],
    topt: ['sgd'],
  };
  for (const [key, values] of Object.entries({ ...Object.fromEntries(Object.entries(NON_DEFAULT).map(([k, v]) => [k, [v]])), ...more })) {
    for (const v of values) {
      const { state, invalid } = parseHash(toHash({ ...DEFAULTS, [key]: v }));
      assert.deepEqual(invalid, [], `${key}=${v}`);
      assert.deepEqual(state[key] ?? DEFAULTS[key], v, `${key}=${v}`);
    }
  }
});

test('the defaults of mode, demo, model, end, present and the training settings are left out', () => {
  const hash = toHash(DEFAULTS);
  assert.deepEqual(keysOf(hash), ['cell', 'units', 'seed', 'steps', 'data', 't', 'unit', 'lang', 'view', 'speed']);
  for (const key of ['mode', 'demo', 'model', 'end', 'present', ...TRAIN_KEYS]) assert.ok(!keysOf(hash).includes(key), key);
  // A training setting equal to its default is left out even among others that are not.
  assert.deepEqual(keysOf(toHash({ ...DEFAULTS, tunits: 8, tlr: TRAIN_SETTINGS.tlr })).filter((k) => k.startsWith('t') && k !== 't'), ['tunits']);
  assert.deepEqual(parseHash(hash), { state: Object.fromEntries(keysOf(hash).map((k) => [k, DEFAULTS[k]])), invalid: [] });
});

test('invalid values are reported and left to the defaults', () => {
  const bad = BAD;
  assert.deepEqual(Object.keys(bad).sort(), Object.keys(NON_DEFAULT).sort(), 'one bad value per key');
  const hash = '#' + Object.entries(bad).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  const { state, invalid } = parseHash(hash);
  assert.deepEqual(state, {});
  assert.deepEqual(invalid, Object.keys(bad));
});

test('numbers must be plain integers in range', () => {
  for (const v of ['1e1', '4.0', '+4', ' 4', '0x4', '', '99999999999999999']) {
    assert.deepEqual(parseHash(`#units=${encodeURIComponent(v)}`).invalid, ['units'], JSON.stringify(v));
  }
  assert.deepEqual(parseHash('#units=64&steps=1').state, { units: 64, steps: 1 });
  assert.deepEqual(parseHash('#tlr=1e-7').invalid, ['tlr'], 'below the smallest learning rate');
  assert.deepEqual(parseHash('#tlr=.5').state, { tlr: 0.5 });
});

test('parseHash: a missing value, a bad escape, unknown keys and case', () => {
  assert.deepEqual(parseHash('#units&lang=%E0%A4%A&foo=1&&cell=LSTM&tcell=Gru&topt=SGD&lang=zh'), {
    state: { cell: 'lstm', tcell: 'gru', topt: 'sgd', lang: 'zh-TW' },
    invalid: ['units', 'lang'],
  });
  assert.deepEqual(parseHash(''), { state: {}, invalid: [] });
  assert.deepEqual(parseHash(undefined), { state: {}, invalid: [] });
  assert.deepEqual(parseHash('#present=1').state, { present: true });
  assert.deepEqual(parseHash('#present=0').state, { present: false });
});

test('toHash keeps : and , readable and escapes the rest', () => {
  const hash = toHash({ ...DEFAULTS, data: 'seq:0.1, -2,3&t=9' });
  assert.match(hash, /&data=seq:0\.1,%20-2,3%26t%3D9&/);
  assert.equal(parseHash(hash).state.data, 'seq:0.1, -2,3&t=9');
  assert.equal(parseHash(hash).state.t, DEFAULTS.t);
});

test('parseData reads the three kinds of data and formatData writes them back', () => {
  assert.deepEqual(parseData('stock:2330:2024-01:2024-06'), { kind: 'stock', code: '2330', from: '2024-01', to: '2024-06' });
  assert.deepEqual(parseData('stock:00631l:2024-01:2024-01'), { kind: 'stock', code: '00631L', from: '2024-01', to: '2024-01' });
  assert.deepEqual(parseData('seq:0.1,0.5'), { kind: 'seq', text: '0.1,0.5' });
  assert.deepEqual(parseData('sine'), { kind: 'sine', period: 10 });
  assert.deepEqual(parseData('sine:2.5'), { kind: 'sine', period: 2.5 });
  assert.deepEqual(parseData('memory:20:3'), { kind: 'memory', length: 20, seed: 3 });
  assert.equal(formatData(parseData('memory:20:3')), 'memory:20:3');
  assert.equal(parseData('memory:101:3'), null);
  for (const s of ['stock:2330:2024-01:2024-06', 'seq:0.1,0.5', 'sine', 'sine:7']) assert.equal(formatData(parseData(s)), s);
  assert.equal(formatData(parseData('sine:10')), 'sine', 'the default period is not written');
  for (const s of ['stock:23:2024-01:2024-06', 'stock:2330:2024-06:2024-01', 'stock:2330:2024-1:2024-06', 'sine:', 'sin', 'csv:1,2', 'text:', '', null, 42]) {
    assert.equal(parseData(s), null, JSON.stringify(s));
  }
});

test('a text is data: its characters round-trip through the hash, URL-encoded', () => {
  assert.deepEqual(parseData('text:我愛貓'), { kind: 'text', text: '我愛貓' });
  for (const s of ['text:neuron', 'text:貓愛我 & a:b,c=d']) assert.equal(formatData(parseData(s)), s);
  const hash = toHash({ ...DEFAULTS, data: 'text:貓愛我 & t=9' });
  assert.match(hash, /&data=text:%E8%B2%93%E6%84%9B%E6%88%91%20%26%20t%3D9&/);
  assert.equal(parseHash(hash).state.data, 'text:貓愛我 & t=9');
});

test('the store merges, freezes and reports the changed keys', () => {
  const store = createStore({ units: 8 });
  assert.equal(store.get().units, 8);
  assert.equal(store.get().cell, DEFAULTS.cell);
  assert.ok(Object.isFrozen(store.get()));
  const seen = [];
  const off = store.subscribe((s, changed) => seen.push([...changed]));
  store.set({ units: 8 });
  store.set({ units: 9, cell: 'lstm', busy: false });
  store.set({ playing: true });
  off();
  store.set({ t: 5 });
  assert.deepEqual(seen, [['units', 'cell'], ['playing']]);
  assert.equal(hashKeysChanged(new Set(seen[0])), true);
  assert.equal(hashKeysChanged(new Set(seen[1])), false, 'playing is not in the hash');
});

test('the table: every row round-trips, its default is omitted or written, a bad value is reported', () => {
  assert.deepEqual(KEYS.map((r) => r.key), Object.keys(NON_DEFAULT), 'one row per key, in the order written');
  assert.deepEqual(Object.keys(BAD), KEYS.map((r) => r.key));
  const written = keysOf(toHash(DEFAULTS));
  for (const row of KEYS) {
    const { key } = row;
    assert.ok(Object.is(DEFAULTS[key], row.default), `${key}: DEFAULTS holds the row's default`);
    // (A key left out at its default need not read its default: end's '' is not a day.)
    for (const v of row.omit ? [NON_DEFAULT[key]] : [row.default, NON_DEFAULT[key]]) {
      assert.ok(Object.is(row.parse(row.format(v)), v), `${key}: parse(format(${v}))`);
      assert.deepEqual(parseHash(toHash({ ...DEFAULTS, [key]: v })).state[key] ?? DEFAULTS[key], v, `${key}=${v} through the hash`);
    }
    assert.equal(written.includes(key), !row.omit, `${key}: the default is ${row.omit ? 'left out' : 'written'}`);
    assert.ok(keysOf(toHash({ ...DEFAULTS, [key]: NON_DEFAULT[key] })).includes(key), `${key}: another value is written`);
    assert.equal(row.parse(BAD[key]), undefined, `${key}: ${BAD[key]} is refused`);
    assert.deepEqual(parseHash(`#${key}=${encodeURIComponent(BAD[key])}`), { state: {}, invalid: [key] });
  }
  assert.deepEqual(TRAIN_KEYS, KEYS.filter((r) => r.train).map((r) => r.key));
});

// Links as the page read and wrote them before the table: what they parse to,
// the keys reported, and the hash the page writes back.
const LINKS = [
  ['#cell=lstm&units=4&seed=7&data=stock:2330:2024-01:2024-06&t=3&lang=zh-TW', { cell: 'lstm', units: 4, seed: 7, data: 'stock:2330:2024-01:2024-06', t: 3, lang: 'zh-TW' }, [], '#cell=lstm&units=4&seed=7&steps=10&data=stock:2330:2024-01:2024-06&t=3&unit=0&lang=zh-TW&view=unrolled&speed=1'],
  ['#cell=rnn&units=2&seed=1&data=sine&t=1&speed=0.5', { cell: 'rnn', units: 2, seed: 1, data: 'sine', t: 1, speed: 0.5 }, [], '#cell=rnn&units=2&seed=1&steps=10&data=sine&t=1&unit=0&lang=zh-TW&view=unrolled&speed=0.5'],
  ['#model=trained&cell=lstm&units=4&seed=1&data=sine', { model: 'trained', cell: 'lstm', units: 4, seed: 1, data: 'sine' }, [], '#model=trained&cell=lstm&units=4&seed=1&steps=10&data=sine&t=1&unit=0&lang=zh-TW&view=unrolled&speed=1'],
  ['#mode=train&tfeat=ohlcv&tunits=8&tepochs=1', { mode: 'train', tfeat: 'ohlcv', tunits: 8, tepochs: 1 }, [], '#mode=train&cell=rnn&units=4&seed=1&steps=10&data=stock:2330:2024-01:2024-06&t=1&unit=0&lang=zh-TW&view=unrolled&speed=1&tfeat=ohlcv&tunits=8&tepochs=1'],
  ['#mode=train&tunits=999&tlr=abc&topt=sgd', { mode: 'train', topt: 'sgd' }, ['tunits', 'tlr'], '#mode=train&cell=rnn&units=4&seed=1&steps=10&data=stock:2330:2024-01:2024-06&t=1&unit=0&lang=zh-TW&view=unrolled&speed=1&topt=sgd'],
  ['#mode=train&tstock=2330:2024-11:2024-12&tlr=1e-6&tcell=GRU', { mode: 'train', tstock: '2330:2024-11:2024-12', tlr: 0.000001, tcell: 'gru' }, [], '#mode=train&cell=rnn&units=4&seed=1&steps=10&data=stock:2330:2024-01:2024-06&t=1&unit=0&lang=zh-TW&view=unrolled&speed=1&tstock=2330:2024-11:2024-12&tcell=gru&tlr=0.000001'],
  ['#data=seq%3A%EF%BC%95%EF%BC%8C%EF%BC%8D%EF%BC%90%EF%BC%8E%EF%BC%95%EF%BC%8C%EF%BC%91%EF%BC%92', { data: 'seq:５，－０．５，１２' }, [], '#cell=rnn&units=4&seed=1&steps=10&data=seq:%EF%BC%95%EF%BC%8C%EF%BC%8D%EF%BC%90%EF%BC%8E%EF%BC%95%EF%BC%8C%EF%BC%91%EF%BC%92&t=1&unit=0&lang=zh-TW&view=unrolled&speed=1'],
  ['#data=sine:10&present=1&view=rolled&end=2024-05-31&unit=3', { data: 'sine:10', present: true, view: 'rolled', end: '2024-05-31', unit: 3 }, [], '#cell=rnn&units=4&seed=1&steps=10&data=sine:10&end=2024-05-31&t=1&unit=3&lang=zh-TW&view=rolled&speed=1&present=1'],
  ['#present=0&lang=zh&end=2024-5-31&speed=2', { present: false, lang: 'zh-TW', speed: 2 }, ['end'], '#cell=rnn&units=4&seed=1&steps=10&data=stock:2330:2024-01:2024-06&t=1&unit=0&lang=zh-TW&view=unrolled&speed=2'],
];

test('links parse to the same state and are written back the same', () => {
  for (const [hash, state, invalid, back] of LINKS) {
    assert.deepEqual(parseHash(hash), { state, invalid }, hash);
    assert.equal(toHash({ ...DEFAULTS, ...state }), back, hash);
    assert.equal(toHash({ ...DEFAULTS, ...parseHash(back).state }), back, `${back} is written as it is read`);
  }
});

test('hashPatch: a later link sets what it names and resets what it leaves out', () => {
  const cur = { ...DEFAULTS, mode: 'train', model: 'trained', cell: 'lstm', units: 8, present: true, end: '2024-05-31', tunits: 8, tlr: 0.01 };
  // Keys always written stay as they are when left out; present (written only when on) stays on.
  assert.deepEqual(hashPatch(cur, '#units=8&t=3'), { patch: { t: 3, mode: 'step', model: 'seed', tunits: 32, tlr: 0.001 }, invalid: [] });
  // The window's end goes back to its default only with other data.
  assert.deepEqual(hashPatch(cur, '#mode=train&model=trained&tunits=8&tlr=0.01&data=sine').patch, { data: 'sine', end: '' });
  assert.deepEqual(hashPatch(cur, '#mode=train&model=trained&tunits=8&tlr=0.01&units=4&end=2024-05-31').patch, { units: 4 });
  assert.deepEqual(hashPatch(cur, '#mode=train&model=trained&tunits=8&tlr=0.01&units=0'), { patch: {}, invalid: ['units'] });
  assert.deepEqual(hashPatch(DEFAULTS, toHash(DEFAULTS)), { patch: {}, invalid: [] });
});

test('the training stock and the data share one form', () => {
  assert.deepEqual(parseTrainStock('00631l:2024-01:2024-03'), { code: '00631L', from: '2024-01', to: '2024-03' });
  assert.equal(formatTrainStock({ code: '2330', from: '2015-01', to: '2024-12' }), TRAIN_SETTINGS.tstock);
  assert.equal(formatTrainStock(parseTrainStock(TRAIN_SETTINGS.tstock)), TRAIN_SETTINGS.tstock);
  for (const s of ['2330:2024-12:2024-01', '23:2024-01:2024-02', 'sine', '']) assert.equal(parseTrainStock(s), null, s);
});
