// Development harness for static/train/views/: renders every training view from the fixtures in
// fixtures/ (made by make-fixtures.mjs, following the training data contract).
// Query: ?fixture=close|ohlcv&lang=en&stage=0..3&train=full|stream|empty&zoom=1&reduced=1&only=stages,loss
import { trainViewMessages } from '../../../static/train/views/messages.js';

const q = new URLSearchParams(location.search);
const state = { lang: q.get('lang') || 'zh-TW', reducedMotion: q.has('reduced') };
const only = q.get('only') ? q.get('only').split(',') : null;
if (q.has('nosidebar')) document.getElementById('layout').classList.add('nosidebar');

function t(key, params = {}) {
  const pair = trainViewMessages[key];
  const s = pair ? pair[state.lang === 'en' ? 1 : 0] ?? pair[0] : key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
}

const views = {};
const data = {};
const opts = { t, onHover: (info) => { window.lastHover = info; }, stage: Number(q.get('stage')) || 0, zoom: q.has('zoom') };

async function mount(id, path) {
  if (only && !only.includes(id)) return;
  const mod = await import(path);
  views[id] = mod.create(document.getElementById(id), opts);
}

let streaming = 0;
// stream feeds the loss chart the recorded progress messages, a few per animation frame, as the
// training controller would while the worker trains.
function stream(history) {
  cancelAnimationFrame(streaming);
  views.loss.reset(history.epochs);
  const msgs = history.batch_progress;
  let i = 0;
  const perFrame = Number(q.get('per')) || 4;
  const tick = () => {
    for (let k = 0; k < perFrame && i < msgs.length; k++, i++) {
      const p = msgs[i];
      views.loss.addBatch(p);
      if (p.batch === p.batches) views.loss.addEpoch({ epoch: p.epoch, ...history.history[p.epoch - 1] });
    }
    if (i < msgs.length) streaming = requestAnimationFrame(tick);
    else document.documentElement.dataset.trained = 'true';
  };
  streaming = requestAnimationFrame(tick);
}

function render() {
  views.stages?.update({ ...state }, data.prepare);
  views.pred?.update({ ...state }, data.predict);
  views.keras?.update({ ...state }, data.config);
  if (views.loss) {
    const mode = q.get('train') || 'full';
    views.loss.update({ ...state }, mode === 'full' ? data.history : null);
  }
}

async function load(name) {
  for (const kind of ['prepare', 'history', 'predict', 'config']) data[kind] = await (await fetch(`fixtures/${kind}-${name}.json`)).json();
  render();
  if (views.loss && q.get('train') === 'stream') stream(data.history);
  document.documentElement.dataset.ready = 'true';
}

document.getElementById('fixture').value = q.get('fixture') || 'close';
document.getElementById('fixture').addEventListener('change', (e) => load(e.target.value));
document.getElementById('lang').addEventListener('click', () => {
  state.lang = state.lang === 'en' ? 'zh-TW' : 'en';
  render();
});
document.getElementById('train').addEventListener('click', () => stream(data.history));

await mount('stages', '../../../static/train/views/stages.js');
await mount('loss', '../../../static/train/views/losschart.js');
await mount('pred', '../../../static/train/views/predchart.js');
await mount('keras', '../../../static/train/views/kerascode.js');
window.__views = views;
window.__data = data;
await load(q.get('fixture') || 'close');
