// Model files: export the engine's model as an Unroll model file (a
// download), import one (or a TF.js Layers model) from either model card's
// file picker or from files dropped anywhere on the page. An imported model
// becomes the step-through model; if the data on screen cannot go through it,
// the state's own model goes back into the engine and the card says why.

import { DEFAULT_DATA, parseData } from '../state.js';
import { createModelCard } from './modelcard.js';
import { importArgs, download, installDrop, ImportFileError } from './io.js';

// createModelFiles(roots, {t, store, change(patch), reload(), errorText(err), toError(err)})
//   → {update(state), ready({engine, session})}: one model card per root; the
//   engine and its session are handed over once they are up.
export function createModelFiles(roots, { t, store, change, reload, errorText, toError }) {
  let engine = null;
  let session = null;
  const cards = roots.map((root) => createModelCard(root, { t, onExport: exportModel, onImport: importFiles }));
  const tell = (...args) => {
    for (const c of cards) c.message(...args);
  };

  async function exportModel() {
    try {
      const res = await engine.call('export_model', {});
      download(res.file, res.name);
      tell('ok', 'io.exported', { name: res.name });
    } catch (err) {
      tell('error', 'io.export_failed', {}, () => errorText(toError(err)));
    }
  }

  async function importFiles(files) {
    let name = [...files].map((f) => f.name).join(', ');
    try {
      const req = await importArgs(files);
      name = req.name;
      const res = await engine.call('import_model', req.args);
      const m = res.model;
      session.holds('imported', m);
      const patch = { model: 'imported', modelNote: { name }, cell: m.cell, units: m.units, steps: m.steps };
      // A model reading several values per day needs prices with all their columns.
      if (m.inputs > 1 && parseData(store.get().data)?.kind !== 'stock') Object.assign(patch, { data: DEFAULT_DATA, end: '' });
      if ((await change(patch)) === false) {
        // The data on screen cannot go through it: the state's own model goes back into the engine.
        const failed = store.get().error;
        await reload();
        throw Object.assign(new Error(failed ? errorText(failed) : ''), { message_zh: failed ? errorText(failed) : '' });
      }
      tell('ok', 'io.imported', { name, keras: m.keras, units: m.units, inputs: m.inputs, total: m.params.total });
    } catch (err) {
      const text = err instanceof ImportFileError ? () => t(`io.${err.code}`, err.detail) : () => (store.get().lang === 'en' ? err.message : err.message_zh || err.message);
      tell('error', 'io.import_failed', { name }, text);
    }
  }

  installDrop((files) => importFiles(files));

  return {
    update(state) {
      for (const c of cards) c.update(state);
      document.body.dataset.dropText = t('io.drop');
    },
    ready(up) {
      ({ engine, session } = up);
    },
  };
}
