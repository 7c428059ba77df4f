// tfjs-softmax.mjs: the fixtures of next-character models (one-hot inputs, return_sequences=True,
// Dense(V, activation='softmax')) that scripts/make-tfjs-fixture.mjs writes:
//
//   - TF.js Layers models in testdata/tfjs/<cell>_softmax_seq/ (model.json, weights, outputs.json:
//     the softmax TF.js predicts at every step), for core/tfjs's import;
//   - reference cases in testdata/softmaxvectors/ (the test-vector format of testdata/testvectors/
//     with config.dense_activation "softmax" and config.loss "categorical_crossentropy"): states,
//     outputs, loss and every weight's gradient, computed by TF.js, for core/refcase.
//
// Every function takes the fixture script's helpers as h: {rng, grid, setSeededWeights,
// artifactsOf, writeFixture, predict}.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// VOCAB is the fixtures' characters, in increasing code-point order (index k = input k = output k):
// the letters of "neuron".
export const VOCAB = ['e', 'n', 'o', 'r', 'u'];

// indexSeqs draws batch sequences of steps indices in 0..V−1; the first is "neuron" when asked.
function indexSeqs(h, seed, batch, steps, neuron) {
  const next = h.rng(seed);
  const seqs = [];
  for (let b = 0; b < batch; b++) {
    seqs.push(Array.from({ length: steps }, () => Math.floor(next() * VOCAB.length)));
  }
  if (neuron) [...'neuron'].slice(0, steps).forEach((c, t) => { seqs[0][t] = VOCAB.indexOf(c); });
  return seqs;
}

const oneHot = (k) => VOCAB.map((_, j) => (j === k ? 1 : 0));

// cellLayer is one recurrent layer of a fixture: the lecture's cells with sigmoid gates (Keras's
// default; TF.js's GRU has reset_after false).
function cellLayer(tf, layer, opts) {
  const make = { SimpleRNN: tf.layers.simpleRNN, LSTM: tf.layers.lstm, GRU: tf.layers.gru }[layer];
  return make(layer === 'SimpleRNN' ? opts : { recurrentActivation: 'sigmoid', ...opts });
}

// softmaxImportFixtures writes the three TF.js models: SimpleRNN with Dense(V, softmax); LSTM with
// the vocabulary in userDefinedMetadata (what model.setUserDefinedMetadata and
// tensorflowjs_converter --metadata vocab:FILE write); GRU with a linear Dense and an
// Activation('softmax') layer after it.
export async function softmaxImportFixtures(tf, h) {
  const steps = 6, units = 4, V = VOCAB.length;
  const specs = [
    { name: 'simplernn_softmax_seq', layer: 'SimpleRNN', seed: 701 },
    { name: 'lstm_softmax_seq', layer: 'LSTM', seed: 702, vocab: true },
    { name: 'gru_softmax_seq', layer: 'GRU', seed: 703, activationLayer: true },
  ];
  for (const s of specs) {
    const layers = [
      cellLayer(tf, s.layer, { units, inputShape: [steps, V], returnSequences: true }),
      tf.layers.dense({ units: V, activation: s.activationLayer ? 'linear' : 'softmax' }),
    ];
    if (s.activationLayer) layers.push(tf.layers.activation({ activation: 'softmax' }));
    const model = tf.sequential({ layers });
    h.setSeededWeights(model, s.seed);
    const x = indexSeqs(h, s.seed + 1, 2, steps, true).map((seq) => seq.map(oneHot));
    const extra = s.vocab ? { userDefinedMetadata: { vocab: VOCAB } } : {};
    h.writeFixture(s.name, await h.artifactsOf(model), [], x, await h.predict(model, x), extra);
  }
}

// rows cuts flat values into r rows of c.
const rows = (a, r, c) => Array.from({ length: r }, (_, i) => a.slice(i * c, (i + 1) * c));

// softmaxCases writes the reference cases into dir.
export async function softmaxCases(tf, h, dir) {
  mkdirSync(dir, { recursive: true });
  const units = 4, V = VOCAB.length, steps = 6, batch = 2;
  const cases = [
    { layer: 'SimpleRNN', id: 'simplernn_v5_u4_t6_b2_softmax_seq', seed: 2101, gates: 1 },
    { layer: 'LSTM', id: 'lstm_v5_u4_t6_b2_softmax_seq', seed: 2102, gates: 4 },
    { layer: 'GRU', id: 'gru_v5_u4_t6_b2_resetafter_false_softmax_seq', seed: 2103, gates: 3 },
  ];
  for (const c of cases) {
    const gn = c.gates * units;
    const next = h.rng(c.seed);
    const w = {
      rnn: {
        kernel: rows(h.grid(next, V * gn, 0.8), V, gn),
        recurrent_kernel: rows(h.grid(next, units * gn, 0.8), units, gn),
        bias: h.grid(next, gn, 0.5),
      },
      dense: { kernel: rows(h.grid(next, units * V, 0.8), units, V), bias: h.grid(next, V, 0.2) },
    };
    // Inputs are one-hot characters; the target of step t is the character at t+1. The last step
    // has no next character, and the second sequence's first step has no target either: a step
    // without a target is a row of zeros, left out of the loss's average.
    const seqs = indexSeqs(h, c.seed + 1, batch, steps + 1, true);
    const inputs = seqs.map((s) => s.slice(0, steps).map(oneHot));
    const targets = seqs.map((s, b) => s.slice(1, steps + 1).map((k, t) => {
      const none = t === steps - 1 || (b === 1 && t === 0);
      return none ? VOCAB.map(() => 0) : oneHot(k);
    }));
    const counted = targets.flat().filter((r) => r.some((v) => v !== 0)).length;

    const rec = cellLayer(tf, c.layer, { units, inputShape: [steps, V], returnSequences: true });
    const model = tf.sequential({ layers: [rec, tf.layers.dense({ units: V, activation: 'softmax' })] });
    model.setWeights([w.rnn.kernel, w.rnn.recurrent_kernel, w.rnn.bias, w.dense.kernel, w.dense.bias]
      .map((a) => tf.tensor(a)));
    const X = tf.tensor(inputs);
    const Y = tf.tensor(targets);
    const expected = {
      h: await tf.model({ inputs: model.inputs, outputs: rec.output }).predict(X).array(),
    };
    if (c.layer === 'LSTM') expected.c = await lstmCells(tf, w, units, inputs);
    expected.output = await model.predict(X).array();
    // categorical_crossentropy on the softmax outputs, averaged over the steps that have targets;
    // its gradient with respect to every trainable weight.
    const vars = model.trainableWeights.map((v) => v.val);
    const { value, grads } = tf.variableGrads(() => tf.tidy(() => {
      const p = model.apply(X, { training: false });
      return tf.neg(tf.sum(tf.mul(Y, tf.log(p)))).div(counted);
    }), vars);
    expected.loss = (await value.data())[0];
    const g = await Promise.all(vars.map((v) => grads[v.name].array()));
    expected.grads = { rnn: { kernel: g[0], recurrent_kernel: g[1], bias: g[2] }, dense: { kernel: g[3], bias: g[4] } };

    const config = {
      units, input_dim: V, timesteps: steps, batch, activation: 'tanh', use_bias: true, return_sequences: true,
      dense_activation: 'softmax', loss: 'categorical_crossentropy',
      param_count_rnn: c.gates * (units * (units + V) + units), param_count_dense: units * V + V,
    };
    if (c.layer !== 'SimpleRNN') config.recurrent_activation = 'sigmoid';
    if (c.layer === 'GRU') config.reset_after = false;
    const out = {
      format_version: 1, id: c.id, layer: c.layer, seed: c.seed, config, vocab: VOCAB, weights: w, inputs, targets,
      expected,
      provenance: {
        expected: `TF.js ${tf.version.tfjs} (tf.layers ${c.layer.toLowerCase()} returnSequences + dense softmax, ${tf.getBackend()} backend, float32); ` +
          'loss -sum(y log p) / (steps with a target), gradients by tf.variableGrads',
      },
      suggested_tolerance: { vs_expected_float32_oracle: 1e-5 },
    };
    writeFileSync(join(dir, `${c.id}.json`), JSON.stringify(out, null, 1) + '\n');
    console.log(`${join(dir, c.id)}.json: loss ${expected.loss}, ${counted} steps with a target`);
  }
}

// lstmCells is the LSTM's cell state c_t after every step: the carry an LSTM with the same weights
// returns (returnState) for every prefix x_1..x_t.
async function lstmCells(tf, w, units, inputs) {
  const layer = tf.layers.lstm({ units, recurrentActivation: 'sigmoid', returnState: true });
  const input = tf.input({ shape: [null, VOCAB.length] });
  const m = tf.model({ inputs: input, outputs: layer.apply(input) });
  layer.setWeights([w.rnn.kernel, w.rnn.recurrent_kernel, w.rnn.bias].map((a) => tf.tensor(a)));
  const steps = inputs[0].length;
  const c = inputs.map(() => []);
  for (let t = 1; t <= steps; t++) {
    const [, , carry] = m.predict(tf.tensor(inputs.map((s) => s.slice(0, t))));
    (await carry.array()).forEach((row, b) => c[b].push(row));
  }
  return c;
}
