// Development harness for static/views/: renders every view from a fixture TraceResult.
// Query: ?fixture=trace-lstm.json&t=3&view=rolled&lang=en&only=graph,cell&unit=1
import { viewMessages } from '../../static/views/messages.views.js';

const FIXTURES = ['trace-rnn.json', 'trace-lstm.json', 'trace-gru.json', 'trace-gru-reset-before.json', 'trace-rnn-u1.json', 'trace-lstm-u16-t60.json'];
const q = new URLSearchParams(location.search);
const state = {
  cell: 'lstm',
  units: 4,
  steps: 10,
  t: Number(q.get('t')) || 3,
  lang: q.get('lang') || 'zh-TW',
  view: q.get('view') || 'unrolled',
  unit: q.has('unit') ? Number(q.get('unit')) : undefined,
  reducedMotion: q.has('reduced'),
};
let fixture = q.get('fixture') || 'trace-lstm.json';
let result = null;
const only = q.get('only') ? q.get('only').split(',') : null;
if (q.has('nosidebar')) document.getElementById('layout').classList.add('nosidebar');

function t(key, params = {}) {
  const pair = viewMessages[key];
  const s = pair ? pair[state.lang === 'en' ? 1 : 0] ?? pair[0] : key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
}

const views = [];
const opts = {
  t,
  onSelectStep: (k) => set({ t: k }),
  onHover: (info) => { window.lastHover = info; },
  onViewChange: (v) => set({ view: v }),
  onSelectUnit: (j) => set({ unit: j }),
};
async function addView(id, path) {
  if (only && !only.includes(id)) return;
  try {
    const mod = await import(path);
    views.push(mod.create(document.getElementById(id), opts));
  } catch (err) {
    if (!String(err).includes('Failed to fetch')) throw err;
  }
}
function set(patch) {
  Object.assign(state, patch);
  render();
}
function render() {
  if (!result) return;
  state.t = Math.max(1, Math.min(result.steps.length, state.t));
  document.getElementById('tlabel').textContent = `t = ${state.t} / ${result.steps.length}`;
  for (const v of views) v.update({ ...state }, result);
}
async function load(name) {
  fixture = name;
  result = await (await fetch(`fixtures/${name}`)).json();
  state.cell = result.model.cell;
  state.units = result.model.units;
  state.steps = result.steps.length;
  render();
  document.documentElement.dataset.ready = 'true';
}

const sel = document.getElementById('fixture');
for (const f of FIXTURES) sel.append(new Option(f.replace(/^trace-|\.json$/g, ''), f));
sel.value = fixture;
sel.addEventListener('change', () => load(sel.value));
document.getElementById('prev').addEventListener('click', () => set({ t: state.t - 1 }));
document.getElementById('next').addEventListener('click', () => set({ t: state.t + 1 }));
document.getElementById('view').addEventListener('click', () => set({ view: state.view === 'rolled' ? 'unrolled' : 'rolled' }));
document.getElementById('lang').addEventListener('click', () => set({ lang: state.lang === 'en' ? 'zh-TW' : 'en' }));
document.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowRight') set({ t: state.t + 1 });
  if (e.key === 'ArrowLeft') set({ t: state.t - 1 });
});

await addView('graph', '../../static/views/graph.js');
await addView('equation', '../../static/views/equation.js');
await addView('cell', '../../static/views/cell.js');
await addView('heatmap', '../../static/views/heatmap.js');
await load(fixture);
