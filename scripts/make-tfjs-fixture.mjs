// make-tfjs-fixture.mjs writes the TensorFlow.js Layers fixtures in testdata/tfjs/ that core/tfjs
// imports in its tests. Each fixture is a directory with model.json, its weight shard(s), and
// outputs.json: the inputs fed and the predictions TF.js made for them, so the Go import can be
// checked against TF.js itself.
//
//   node scripts/make-tfjs-fixture.mjs [outdir] [vectordir]
//
// outdir defaults to testdata/tfjs; vectordir, where the reference cases of softmax models go
// (scripts/tfjs-softmax.mjs), to testdata/softmaxvectors.
//
// Weights come from a fixed-seed generator and are rounded to multiples of 2^-10, so they are exact
// in float32 and float64; the `cpu` backend makes the predictions. Nothing is downloaded.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { softmaxCases, softmaxImportFixtures } from './tfjs-softmax.mjs';

const outDir = process.argv[2] || 'testdata/tfjs';
const vectorDir = process.argv[3] || 'testdata/softmaxvectors';

// mulberry32: a small deterministic generator, so the fixtures do not depend on TF.js's RNG.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// grid draws n values in [-scale, scale], multiples of 2^-10.
function grid(next, n, scale) {
  return Array.from({ length: n }, () => Math.round((next() * 2 - 1) * scale * 1024) / 1024);
}

// setSeededWeights replaces every weight of the model with seeded values.
function setSeededWeights(model, seed) {
  const next = rng(seed);
  model.setWeights(model.getWeights().map((w) => tf.tensor(grid(next, w.size, 0.8), w.shape)));
}

function seqInputs(seed, batch, steps, inputs) {
  const next = rng(seed);
  const x = [];
  for (let b = 0; b < batch; b++) {
    const s = [];
    for (let t = 0; t < steps; t++) s.push(grid(next, inputs, 1));
    x.push(s);
  }
  return x;
}

// artifactsOf saves the model through a custom handler and returns what TF.js model.save writes.
async function artifactsOf(model) {
  let saved;
  await model.save(tf.io.withSaveHandler(async (a) => {
    saved = a;
    return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
  }));
  const data = Array.isArray(saved.weightData) ? tf.io.concatenateArrayBuffers(saved.weightData) : saved.weightData;
  return { topology: saved.modelTopology, specs: saved.weightSpecs, data: new Uint8Array(data) };
}

// writeFixture writes model.json, the shards (data cut at the given byte offsets) and outputs.json.
function writeFixture(name, { topology, specs, data }, shardCuts, x, y, extra = {}) {
  const dir = join(outDir, name);
  mkdirSync(dir, { recursive: true });
  const cuts = [0, ...shardCuts, data.length];
  const paths = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const p = cuts.length === 2 ? 'weights.bin' : `group1-shard${k + 1}of${cuts.length - 1}.bin`;
    writeFileSync(join(dir, p), data.subarray(cuts[k], cuts[k + 1]));
    paths.push(p);
  }
  const modelJSON = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: null,
    modelTopology: topology,
    weightsManifest: [{ paths, weights: specs }],
    ...extra,
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(modelJSON, null, 1) + '\n');
  const outputs = {
    tfjs_version: tf.version.tfjs,
    backend: tf.getBackend(),
    note: 'outputs = TF.js predict(inputs) in float32; inputs are [batch][steps][inputs]',
    inputs: x,
    outputs: y,
  };
  writeFileSync(join(dir, 'outputs.json'), JSON.stringify(outputs) + '\n');
  console.log(`${dir}: ${paths.length} shard(s), ${data.length} bytes`);
}

async function predict(model, x) {
  const out = model.predict(tf.tensor(x));
  return out.array();
}

// fromModel builds, seeds, saves and records one TF.js model.
async function fromModel(name, model, seed, x, shardCuts = []) {
  setSeededWeights(model, seed);
  const art = await artifactsOf(model);
  writeFixture(name, art, shardCuts, x, await predict(model, x));
  return art;
}

// f16 converts a float32 value to IEEE half precision bits (round to nearest even).
function f16(v) {
  const f = new Float32Array([v]);
  const u = new Uint32Array(f.buffer)[0];
  const sign = (u >>> 16) & 0x8000;
  const exp = ((u >>> 23) & 0xff) - 127 + 15;
  let mant = u & 0x7fffff;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && (h & 1))) h++;
    return sign | h;
  }
  if (exp >= 31) return sign | 0x7c00;
  let h = (exp << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++;
  return sign | h;
}

// quantize re-encodes float32 artifacts as the converter's --quantize_uint8/uint16/float16 would.
function quantize(art, dtype) {
  const f32 = new Float32Array(art.data.buffer, art.data.byteOffset, art.data.length / 4);
  const chunks = [];
  const specs = [];
  let off = 0;
  for (const s of art.specs) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const vals = f32.subarray(off, off + n);
    off += n;
    if (dtype === 'float16') {
      chunks.push(new Uint8Array(Uint16Array.from(vals, f16).buffer));
      specs.push({ ...s, quantization: { dtype: 'float16' } });
      continue;
    }
    const levels = dtype === 'uint8' ? 255 : 65535;
    let min = Math.min(...vals);
    const max = Math.max(...vals);
    const scale = max > min ? (max - min) / levels : 1;
    const q = Array.from(vals, (v) => Math.round((v - min) / scale));
    const arr = dtype === 'uint8' ? Uint8Array.from(q) : Uint16Array.from(q);
    chunks.push(new Uint8Array(arr.buffer));
    specs.push({ ...s, quantization: { dtype, scale, min } });
  }
  const total = chunks.reduce((a, c) => a + c.length, 0);
  const data = new Uint8Array(total);
  let p = 0;
  for (const c of chunks) { data.set(c, p); p += c.length; }
  return { topology: art.topology, specs, data };
}

// loadAndPredict loads artifacts the way tf.loadLayersModel does and predicts: the reference for the
// quantized fixtures is TF.js's own decoding of them.
async function loadAndPredict(art, x) {
  const m = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: art.topology, weightSpecs: art.specs, weightData: art.data.slice().buffer,
  }));
  return predict(m, x);
}

// gruResetAfter evaluates a Keras GRU(reset_after=True) + Dense with raw tf ops (TF.js layers cannot
// build that cell); the equations are tf.keras 2's GRUCell.
function gruResetAfter(x, k, rk, bias, dk, db, units, act) {
  return tf.tidy(() => {
    const X = tf.tensor(x);
    const [batch, steps] = X.shape;
    const K = tf.tensor(k); const R = tf.tensor(rk);
    const B = tf.tensor(bias); // [2, 3n]
    const b0 = B.slice([0, 0], [1, -1]).reshape([-1]);
    const b1 = B.slice([1, 0], [1, -1]).reshape([-1]);
    let h = tf.zeros([batch, units]);
    const split = (m) => tf.split(m, 3, -1);
    for (let t = 0; t < steps; t++) {
      const xt = X.slice([0, t, 0], [-1, 1, -1]).reshape([batch, -1]);
      const [xz, xr, xh] = split(tf.add(tf.matMul(xt, K), b0));
      const [hz, hr, hh] = split(tf.add(tf.matMul(h, R), b1));
      const z = act(tf.add(xz, hz));
      const r = act(tf.add(xr, hr));
      const n = tf.tanh(tf.add(xh, tf.mul(r, hh)));
      h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), n));
    }
    return tf.add(tf.matMul(h, tf.tensor(dk)), tf.tensor(db)).arraySync();
  });
}

// kerasGRU writes a model.json shaped as tensorflowjs_converter writes a tf.keras 2 h5 model
// (model_config wrapper, an InputLayer, Keras weight names, bias (2, 3n)).
function kerasGRU() {
  const units = 3, inputs = 2, steps = 4;
  const next = rng(505);
  const k = grid(next, inputs * 3 * units, 0.8);
  const rk = grid(next, units * 3 * units, 0.8);
  const bias = grid(next, 2 * 3 * units, 0.5);
  const dk = grid(next, units, 0.8);
  const db = grid(next, 1, 0.2);
  const rows = (a, r, c) => Array.from({ length: r }, (_, i) => a.slice(i * c, (i + 1) * c));
  const x = seqInputs(506, 3, steps, inputs);
  const y = gruResetAfter(x, rows(k, inputs, 3 * units), rows(rk, units, 3 * units), rows(bias, 2, 3 * units),
    rows(dk, units, 1), db, units, tf.sigmoid);
  const topology = {
    keras_version: '2.15.0',
    backend: 'tensorflow',
    model_config: {
      class_name: 'Sequential',
      config: {
        name: 'sequential',
        layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: [null, steps, inputs], dtype: 'float32', sparse: false, ragged: false, name: 'gru_input' } },
          { class_name: 'GRU', config: { name: 'gru', trainable: true, dtype: 'float32', return_sequences: false, return_state: false, go_backwards: false, stateful: false, unroll: false, time_major: false, units, activation: 'tanh', recurrent_activation: 'sigmoid', use_bias: true, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, recurrent_initializer: { class_name: 'Orthogonal', config: { gain: 1.0, seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} }, dropout: 0.0, recurrent_dropout: 0.0, implementation: 2, reset_after: true } },
          { class_name: 'Dense', config: { name: 'dense', trainable: true, dtype: 'float32', units: 1, activation: 'linear', use_bias: true } },
        ],
      },
    },
    training_config: { loss: 'mse', optimizer_config: { class_name: 'Adam', config: { learning_rate: 0.001 } } },
  };
  const specs = [
    { name: 'dense/kernel', shape: [units, 1], dtype: 'float32' },
    { name: 'dense/bias', shape: [1], dtype: 'float32' },
    { name: 'gru/gru_cell/kernel', shape: [inputs, 3 * units], dtype: 'float32' },
    { name: 'gru/gru_cell/recurrent_kernel', shape: [units, 3 * units], dtype: 'float32' },
    { name: 'gru/gru_cell/bias', shape: [2, 3 * units], dtype: 'float32' },
  ];
  const data = new Uint8Array(Float32Array.from([...dk, ...db, ...k, ...rk, ...bias]).buffer);
  writeFixture('keras_gru_reset_after', { topology, specs, data }, [], x, y, {
    format: 'layers-model', generatedBy: 'keras v2.15.0', convertedBy: 'TensorFlow.js Converter v4.22.0',
  });
}

async function main() {
  await tf.setBackend('cpu');
  await tf.ready();

  // The lecture's shape of model, small: LSTM with sigmoid gates (Keras's default) and Dense(1).
  const lstm = tf.sequential({ layers: [
    tf.layers.lstm({ units: 4, inputShape: [5, 2], recurrentActivation: 'sigmoid' }),
    tf.layers.dense({ units: 1 }),
  ] });
  const lstmArt = await fromModel('lstm', lstm, 101, seqInputs(102, 3, 5, 2));

  // GRU (TF.js: reset_after false) with TF.js's default hard_sigmoid gates, a Dropout (identity when
  // predicting) and weights split over two shards mid-tensor.
  const gru = tf.sequential({ layers: [
    tf.layers.gru({ units: 4, inputShape: [5, 2] }),
    tf.layers.dropout({ rate: 0.3 }),
    tf.layers.dense({ units: 1 }),
  ] });
  await fromModel('gru', gru, 201, seqInputs(202, 3, 5, 2), [30]);

  // Stacked SimpleRNNs returning sequences, variable length input, Dense(2, relu) at every step.
  const rnn = tf.sequential({ layers: [
    tf.layers.simpleRNN({ units: 3, inputShape: [null, 2], returnSequences: true }),
    tf.layers.simpleRNN({ units: 4, returnSequences: true }),
    tf.layers.dense({ units: 2, activation: 'relu' }),
  ] });
  await fromModel('simplernn_stacked', rnn, 301, seqInputs(302, 2, 6, 2));

  // A functional chain: Input → LSTM → Dense.
  const input = tf.input({ shape: [6, 1] });
  const h = tf.layers.lstm({ units: 3, name: 'encoder' }).apply(input);
  const o = tf.layers.dense({ units: 1, name: 'head' }).apply(h);
  await fromModel('functional_lstm', tf.model({ inputs: input, outputs: o }), 401, seqInputs(402, 2, 6, 1));

  kerasGRU();

  // The LSTM fixture's weights quantized as tensorflowjs_converter does; TF.js decodes and predicts.
  const qx = seqInputs(102, 3, 5, 2);
  for (const dtype of ['uint8', 'float16']) {
    const q = quantize(lstmArt, dtype);
    writeFixture(`lstm_${dtype}`, q, [], qx, await loadAndPredict(q, qx));
  }

  // Next-character models: one-hot inputs, return_sequences, a softmax head.
  const helpers = { rng, grid, setSeededWeights, artifactsOf, writeFixture, predict };
  await softmaxImportFixtures(tf, helpers);
  await softmaxCases(tf, helpers, vectorDir);
}

main().catch((e) => { console.error(e); process.exit(1); });
