// Model files in and out of the page: the arguments of the engine's
// import_model from files the student picked or dropped (an Unroll model
// file, or a TF.js model.json with its .bin weight shards), a download of the
// engine's export, and drag and drop onto the page. Reading and checking a
// model is the engine's business: this file only moves bytes, and refuses by
// size, before reading them, files above the engine's limits (modelBytes for
// the .json, shardBytes for the .bin files together), so that a huge file
// never reaches the page's memory or the engine's.

import ENGINE from '../gen/limits.js';

// isTFJS tells a TF.js Layers model.json (it has a modelTopology) from an
// Unroll model file, even when the text is cut short.
const isTFJS = (text) => /"modelTopology"\s*:/.test(text.slice(0, 4096));

// toBase64 encodes bytes for the JSON message to the engine.
export function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export class ImportFileError extends Error {
  constructor(code, detail = {}) {
    super(code);
    this.code = code;
    this.detail = detail;
  }
}

// importArgs turns picked files into {args, name} for import_model: the
// .json file (model.json first when there are several) and every other file
// as a weight shard, keyed by its name (the manifest's paths end in it).
export async function importArgs(files) {
  const list = [...files];
  const jsons = list.filter((f) => /\.json$/i.test(f.name));
  if (jsons.length === 0) throw new ImportFileError('no_json');
  const main = jsons.find((f) => f.name === 'model.json') || jsons[0];
  const shards = list.filter((f) => !/\.json$/i.test(f.name));
  const mb = (n) => (n / 2 ** 20).toFixed(1);
  if (main.size > ENGINE.modelBytes) throw new ImportFileError('too_large', { name: main.name, size: mb(main.size), limit: ENGINE.modelBytes / 2 ** 20 });
  const shardBytes = shards.reduce((n, f) => n + f.size, 0);
  if (shardBytes > ENGINE.shardBytes) throw new ImportFileError('shards_too_large', { size: mb(shardBytes), limit: ENGINE.shardBytes / 2 ** 20 });
  let text;
  try {
    text = await main.text();
  } catch (err) {
    throw new ImportFileError('read_failed', { error: String(err?.message || err) });
  }
  if (shards.length > 0 || isTFJS(text)) {
    const encoded = {};
    for (const f of shards) encoded[f.name] = toBase64(await f.arrayBuffer());
    return { name: main.name, args: { tfjs: { model_json: text, shards: encoded }, name: main.name } };
  }
  return { name: main.name, args: { file: text, name: main.name } };
}

// download saves text as a file named name (Blob + a.download).
export function download(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// installDrop calls onFiles(files) for files dropped anywhere on the page,
// marking <html class="dropping"> while files are dragged over it.
export function installDrop(onFiles) {
  const html = document.documentElement;
  let depth = 0;
  const hasFiles = (ev) => [...(ev.dataTransfer?.types || [])].includes('Files');
  document.addEventListener('dragenter', (ev) => {
    if (!hasFiles(ev)) return;
    depth++;
    html.classList.add('dropping');
  });
  document.addEventListener('dragleave', (ev) => {
    if (!hasFiles(ev)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) html.classList.remove('dropping');
  });
  document.addEventListener('dragover', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    ev.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth = 0;
    html.classList.remove('dropping');
    if (ev.dataTransfer.files.length) onFiles(ev.dataTransfer.files);
  });
}
