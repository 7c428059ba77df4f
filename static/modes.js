// The page's modes and what each shows: step through (with the order demo and
// the sequence shapes in its place when demo=order, and the neuron demo beside
// its views), train (train/controller.js) and Why LSTM (memory/view.js). The
// training panel and the Why LSTM view load the first time their mode shows,
// once the engine is up. Nothing here computes a model value.

import { formatData } from './state.js';
import { createOrderDemo } from './demos/order.js';
import { createShapes } from './demos/shapes.js';
import { createNeuronDemo, NEURON_DATA } from './demos/neuron.js';
import { createGenerateDemo } from './demos/generate.js';

// createModes({t, store, change, errorText, modelFiles, engine: () => {engine, session}})
//   → {render(state)}: shows and hides the modes' parts and updates the one that shows.
export function createModes({ t, store, change, errorText, modelFiles, engine: up }) {
  const q = (sel) => document.querySelector(sel);
  const html = document.documentElement;
  let trainer = null;
  let trainerLoading = null;
  let memoryView = null;
  let memoryLoading = null;

  // A trained model (a training's, or the neuron demo's) becomes the step-through model.
  const adopt = (model, patch) => {
    up().session.holds('trained', model);
    change({ model: 'trained', cell: model.cell, units: model.units, end: '', ...patch });
  };
  const demos = [
    createOrderDemo(q('#demo-order'), { t, call: () => up().engine?.call, errorText, onCell: (cell) => change({ cell }) }),
    createShapes(q('#shapes'), { t }),
  ];
  // The neuron demo trains its model in the worker, then steps through "neuron" with it.
  const neuronDemo = createNeuronDemo(q('#demo-neuron-body'), {
    t, errorText, engine: () => up().engine,
    onTrained: (model, note) => adopt(model, { modelNote: note, data: NEURON_DATA }),
  });
  // The one-to-many demo trains the same model, then steps through what it wrote.
  const generateDemo = createGenerateDemo(q('#demo-generate-body'), {
    t, errorText, engine: () => up().engine, onChange: (patch) => change(patch),
    onGenerated: (model, note, text) => adopt(model, { modelNote: note, data: `text:${text}` }),
  });

  // The training workflow loads the first time train mode shows. Its trained model is stepped
  // through on the training range; with no end the engine opens the window on the last day
  // the training scaler was fitted on.
  function ensureTrainer() {
    const engine = up().engine;
    if (trainer || trainerLoading || !engine) return;
    trainerLoading = import('./train/controller.js').then(({ createTrainController }) => {
      trainer = createTrainController({
        engine, t, errorText,
        getState: () => store.get(),
        onTrained: (model, note) => adopt(model, {
          modelNote: note, steps: model.steps, // a character model is stepped through on the start of its text
          data: note.sample ? `text:${note.sample}` : formatData({ kind: 'stock', code: note.stock, from: note.from, to: note.to }),
        }),
        onStepThrough: () => change({ mode: 'step' }),
        onSettings: (patch) => change(patch),
      });
      trainer.update(store.get());
    }).catch((err) => console.warn('unroll: training panel:', err));
  }

  // The Why LSTM view loads the first time memory mode shows.
  function ensureMemory() {
    const engine = up().engine;
    if (memoryView || memoryLoading || !engine) return;
    memoryLoading = import('./memory/view.js').then(({ createMemoryView }) => {
      memoryView = createMemoryView(q('#memory-mode'), {
        engine, t, onChange: (patch) => change(patch),
        onStepThrough: (model, patch) => adopt(model, { mode: 'step', demo: '', ...patch }), // a trained cell on its held-out sequence
      });
      memoryView.update(store.get());
    }).catch((err) => console.warn('unroll: Why LSTM view:', err));
  }

  function render(state) {
    const train = state.mode === 'train';
    const memory = state.mode === 'memory';
    const demo = !train && !memory && state.demo === 'order'; // the neuron demo shows beside the step-through views
    if (train || memory || state.demo) up().engine?.warm?.(); // they train or run demos: app.wasm (engine/worker.js)
    html.dataset.mode = state.mode;
    q('.layout').hidden = train || demo || memory;
    q('#playback').hidden = train || demo || memory;
    q('#demo-mode').hidden = !demo;
    q('#demo-toggle').setAttribute('aria-pressed', String(demo));
    if (demo) for (const d of demos) d.update(state);
    q('#memory-mode').hidden = !memory;
    if (memory) ensureMemory();
    if (memory) memoryView?.update(state);
    q('#train-mode').hidden = !train;
    q('#view-toggle').hidden = train || demo || memory; // unrolled or rolled concerns the step-through view only
    for (const b of document.querySelectorAll('#mode-toggle [data-mode]')) b.setAttribute('aria-pressed', String(b.dataset.mode === state.mode));
    modelFiles.update(state);
    neuronDemo.update(state);
    generateDemo.update(state);
    if (train) ensureTrainer();
    trainer?.update(state);
  }
  return { render };
}
