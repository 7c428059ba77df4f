// tfjs.mjs times training epochs of the lecture's workload on TensorFlow.js 4.22 (npm), with the
// `cpu` or `wasm` backend, the same workload as bench/epoch (same random walk, same windows):
//
//   node bench/tfjs.mjs --backend cpu|wasm [--models rnn50,lstm50,gru50] [--warmup 2] [--epochs 5]
//
// Per-epoch times go to stderr; stdout gets `cpu_ms <model> tfjs-<backend> <median>` (the process's
// CPU time) and `epoch_ms <model> tfjs-<backend> <median>` (wall time) per model.
// The wasm backend loads its .wasm files from node_modules (no network).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from './args.mjs';

// The workload; bench/epoch/workload.go holds the same numbers.
const UNITS = 50, STEPS = 10, WINDOWS = 1000, BATCH = 32, LR = 0.001, WALK_SEED = 42;

const args = () => parseArgs({ backend: 'cpu', models: 'rnn50,lstm50,gru50', warmup: 2, epochs: 5 });

// mulberry32, as in bench/epoch/workload.go.
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

// walk: n points, uniform steps in [-0.5, 0.5), min-max scaled to [0, 1].
function walk(n, seed) {
  const next = rng(seed);
  const w = new Float64Array(n);
  for (let k = 1; k < n; k++) w[k] = w[k - 1] + next() - 0.5;
  let lo = w[0], hi = w[0];
  for (const v of w) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return w.map((v) => (v - lo) / (hi - lo));
}

function windows(series, steps) {
  const n = series.length - steps;
  const x = new Float32Array(n * steps), y = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < steps; t++) x[k * steps + t] = series[k + t];
    y[k] = series[k + steps];
  }
  return { x: tf.tensor3d(x, [n, steps, 1]), y: tf.tensor2d(y, [n, 1]) };
}

// layer builds the recurrent layer with the options of Unroll's (core/nn Init, Keras's defaults), set
// explicitly where TF.js's defaults differ: Glorot uniform kernels (TF.js: Glorot normal), the LSTM's
// unit_forget_bias (TF.js: off), sigmoid gates (TF.js: hard sigmoid); the recurrent kernels orthogonal,
// biases zero, tanh, no unrolling, as TF.js does by default. One option cannot match: TF.js's GRU has
// only reset_after=false, while Unroll's gru50 is Keras's default reset_after=true (a second bias row;
// the same three products per step). TF.js computes in float32, Unroll in float64.
function layer(model) {
  const common = {
    units: UNITS, inputShape: [STEPS, 1], kernelInitializer: 'glorotUniform',
    recurrentInitializer: 'orthogonal', biasInitializer: 'zeros', activation: 'tanh', unroll: false,
  };
  switch (model) {
    case 'rnn50': return tf.layers.simpleRNN(common);
    case 'lstm50': return tf.layers.lstm({ ...common, recurrentActivation: 'sigmoid', unitForgetBias: true });
    case 'gru50': return tf.layers.gru({ ...common, recurrentActivation: 'sigmoid' });
  }
  throw new Error(`unknown model ${model} (want rnn50, lstm50 or gru50)`);
}

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

async function timeModel(name, data, a, runtime) {
  tf.util.seedrandom?.(1);
  const model = tf.sequential({ layers: [layer(name), tf.layers.dense({ units: 1, kernelInitializer: 'glorotUniform' })] });
  model.compile({ optimizer: tf.train.adam(LR), loss: 'meanSquaredError' });
  const times = [], cpus = [];
  let start = 0, cpu0 = null;
  await model.fit(data.x, data.y, {
    epochs: a.warmup + a.epochs,
    batchSize: BATCH,
    shuffle: true,
    verbose: 0,
    yieldEvery: 'never',
    callbacks: {
      onEpochBegin: async () => { start = performance.now(); cpu0 = process.cpuUsage(); },
      onEpochEnd: async (e, logs) => {
        const ms = performance.now() - start;
        const c = process.cpuUsage(cpu0);
        const cpu = (c.user + c.system) / 1000; // the process's CPU time: a busy machine disturbs it less
        process.stderr.write(`${name} ${runtime} epoch ${e + 1}: ${ms.toFixed(1)} ms (cpu ${cpu.toFixed(1)} ms), loss ${logs.loss.toFixed(5)}\n`);
        if (e >= a.warmup) { times.push(ms); cpus.push(cpu); }
      },
    },
  });
  model.dispose();
  return { ms: median(times), cpu: median(cpus) };
}

async function main() {
  const a = args();
  if (a.backend === 'wasm') {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(join(dist, '/'));
  }
  if (!(await tf.setBackend(a.backend))) throw new Error(`backend ${a.backend} did not start`);
  await tf.ready();
  const runtime = `tfjs-${a.backend}`;
  if (a.backend === 'wasm') {
    const env = tf.env();
    process.stderr.write(`tfjs-wasm: simd ${await env.getAsync('WASM_HAS_SIMD_SUPPORT')}, ` +
      `threads ${await env.getAsync('WASM_HAS_MULTITHREAD_SUPPORT')}\n`);
  }
  const data = windows(walk(WINDOWS + STEPS, WALK_SEED), STEPS);
  for (const name of a.models.split(',')) {
    const { ms, cpu } = await timeModel(name, data, a, runtime);
    process.stdout.write(`cpu_ms ${name} ${runtime} ${cpu.toFixed(1)}\n`);
    process.stdout.write(`epoch_ms ${name} ${runtime} ${ms.toFixed(1)}\n`);
  }
}

main().catch((e) => { console.error(`tfjs.mjs: ${e.stack || e}`); process.exit(1); });
