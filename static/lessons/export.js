// Exports for slides and homework: CSV of the trace on screen (the engine's
// numbers, one row per step: t, x, every unit of s and c, every gate), and SVG
// and PNG of a view's drawing. Files are named after the view, the model and
// the step, e.g. unroll-graph-lstm-n4-seed1-t3.svg.

// traceCsv writes result's steps: t, x1…xi, s1…sn, c1…cn (LSTM), then each gate of gate_order, unit by unit.
export function traceCsv(result) {
  const steps = result.steps;
  const i = steps[0].x.length;
  const n = steps[0].h.length;
  const gates = result.gate_order?.filter((g) => steps[0].gates?.[g]) ?? [];
  const cols = (name, k) => Array.from({ length: k }, (_, j) => `${name}${j + 1}`);
  const header = ['t', ...cols('x', i), ...cols('s', n), ...(steps[0].c ? cols('c', n) : []), ...gates.flatMap((g) => cols(g, n))];
  const rows = steps.map((st) => [st.t, ...st.x, ...st.h, ...(st.c || []), ...gates.flatMap((g) => st.gates[g])].map(String).join(','));
  return [header.join(','), ...rows].join('\n') + '\n';
}

// historyCsv writes a training history, one row per record: the fields of the first record in
// its order (epoch, loss, val_loss for Train mode), then any other field a later record has; a
// missing value is empty.
export function historyCsv(history) {
  const cols = [];
  for (const rec of history) for (const k of Object.keys(rec)) if (!cols.includes(k)) cols.push(k);
  const cell = (v) => (v === null || v === undefined ? '' : String(v));
  return [cols.join(','), ...history.map((rec) => cols.map((k) => cell(rec[k])).join(','))].join('\n') + '\n';
}

// exportName is the file name of an export of view for state.
export function exportName(view, state, ext) {
  const model = state.model === 'seed' ? `${state.cell}-n${state.units}-seed${state.seed}` : `${state.cell}-n${state.units}-${state.model}`;
  return `unroll-${view}-${model}-t${state.t}.${ext}`;
}

const STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline'];

// standaloneSvg copies svg with its computed styles written on every element (as presentation
// attributes), so the file looks as the page does.
export function standaloneSvg(svg) {
  const copy = svg.cloneNode(true);
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [copy, ...copy.querySelectorAll('*')];
  src.forEach((el, k) => {
    const cs = getComputedStyle(el);
    for (const p of STYLE_PROPS) dst[k].setAttribute(p, cs.getPropertyValue(p)); // presentation attributes: no inline style under the page's CSP
  });
  const box = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', Math.round(box.width));
  copy.setAttribute('height', Math.round(box.height));
  return new XMLSerializer().serializeToString(copy);
}

export function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

async function svgToPng(text, w, h) {
  const img = new Image();
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = w * 2;
  canvas.height = h * 2;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

// The views whose drawing exports, by the id of their body.
const VIEWS = ['graph', 'cell', 'heatmap', 'gradflow'];

// createExports(el, {t, store}) → {update(state)}: a menu of the exports in the playback bar.
export function createExports(el, { t, store }) {
  el.innerHTML = `<summary></summary><div class="export-items">
    <button type="button" data-export="csv"></button>
    <label><span></span><select class="export-view">${VIEWS.map((v) => `<option value="${v}"></option>`).join('')}</select></label>
    <button type="button" data-export="svg">SVG</button><button type="button" data-export="png">PNG</button></div>`;
  el.addEventListener('click', async (ev) => {
    const kind = ev.target.closest('button[data-export]')?.dataset.export;
    const s = store.get();
    if (!kind || !s.result) return;
    if (kind === 'csv') return download(exportName('trace', s, 'csv'), new Blob([traceCsv(s.result)], { type: 'text/csv' }));
    const view = el.querySelector('.export-view').value;
    const svg = document.querySelector(`#${view} svg`);
    if (!svg) return;
    const text = standaloneSvg(svg);
    if (kind === 'svg') return download(exportName(view, s, 'svg'), new Blob([text], { type: 'image/svg+xml' }));
    const box = svg.getBoundingClientRect();
    download(exportName(view, s, 'png'), await svgToPng(text, Math.round(box.width), Math.round(box.height)));
  });
  return {
    update() {
      el.querySelector('summary').textContent = t('export.menu');
      el.querySelector('[data-export="csv"]').textContent = t('export.csv');
      el.querySelector('label span').textContent = t('export.view');
      for (const o of el.querySelectorAll('.export-view option')) o.textContent = t(`export.view.${o.value}`);
    },
  };
}

// createHistoryExport(button, {t, history(), name()}) → {update(ready)}: the button saves a
// training history the page received from the engine (history(): one record per row) as CSV
// (historyCsv) under name(); it shows once a training has ended and there is a history.
export function createHistoryExport(button, { t, history, name }) {
  button.type = 'button';
  button.classList.add('history-export');
  button.dataset.export = 'history';
  button.addEventListener('click', () => {
    const h = history();
    if (h.length) download(name(), new Blob([historyCsv(h)], { type: 'text/csv' }));
  });
  return {
    update(ready) {
      button.hidden = !ready || !history().length;
      button.textContent = t('export.history');
    },
  };
}
