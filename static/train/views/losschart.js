// Loss chart: live training curves, loss and val_loss per epoch with the per-batch loss as a faint
// line, after tensorflow/playground's linechart (reset / addDataPoint / redraw). Points are streamed
// in by the training controller; redraws are batched into one per animation frame and only update
// the scales, the axes and a few paths, so a redraw stays well under a few milliseconds.
//
// create(container, opts) → {update(state, data), reset(epochs?), addBatch(progress),
//                            addEpoch({epoch, loss, val_loss}), destroy()}
//   opts: {t(key, params), onHover?(info|null), log?: true}
//   addBatch(progress): a train_run progress message {epoch, epochs, batch, batches, loss, ...}
//     (1-based epoch and batch); plotted at x = epoch − 1 + batch / batches.
//   addEpoch({epoch, loss, val_loss}): an epoch-end message; plotted at x = epoch.
//   update(state, data): redraw from a whole history, data = {epochs?, history: [{loss, val_loss}],
//     batch_progress?: [progress…]} (e.g. after training, or a restored result); reads state.lang.
import { el, num } from '../../format.js';
import { createTooltip, tipTitle, tipLine } from '../../views/tooltip.js';
import { besideTip, CURVE, lossText, swatch, toggleButton, styleAxis, axisLabel } from './common.js';
import { watchSize } from '../../views/resize.js';
import { nextFrame } from '../../ticker.js';

const d3 = globalThis.d3;
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
// powerText labels a log-scale tick: 0.1, 0.01, then 10⁻³, 10⁻⁴ …
function powerText(v) {
  const e = Math.round(Math.log10(v));
  if (e >= -2 && e <= 3) return d3.format('~g')(v);
  return `10${e < 0 ? '⁻' : ''}${String(Math.abs(e)).replace(/\d/g, (c) => SUP[c])}`;
}
const M = { left: 64, right: 22, top: 30, bottom: 40 };

export function create(container, opts = {}) {
  const msg = opts.t || ((k) => k);
  container.classList.add('views-host', 'tv-loss');
  const title = el('h3', { class: 'view-title' });
  const legend = el('div', { class: 'tv-legend' });
  const logBox = el('span', { class: 'tv-log-box' });
  const readout = el('div', { class: 'tv-readout', 'aria-live': 'off' });
  const figure = el('figure', { class: 'tv-loss-figure' });
  container.append(el('div', { class: 'view-head' }, title, legend, logBox), readout, figure);
  const tip = createTooltip(container);

  const svg = d3.select(figure).append('svg').attr('class', 'tv-loss-svg').attr('role', 'img');
  const gGrid = svg.append('g').attr('class', 'tv-grid');
  const gX = svg.append('g');
  const gY = svg.append('g');
  const gTitles = svg.append('g');
  const batchPath = svg.append('path').attr('class', 'tv-curve batch').attr('stroke', CURVE.batch);
  const lossPath = svg.append('path').attr('class', 'tv-curve loss').attr('stroke', CURVE.loss);
  const valPath = svg.append('path').attr('class', 'tv-curve val_loss').attr('stroke', CURVE.val_loss);
  const gDots = svg.append('g').attr('class', 'tv-dots');
  const rule = svg.append('line').attr('class', 'tv-rule').attr('display', 'none');
  const overlay = svg.append('rect').attr('class', 'tv-overlay');
  const empty = svg.append('text').attr('class', 'tv-empty').attr('text-anchor', 'middle');

  let batches = []; // [{x, v}]
  let epochs = []; // [{epoch, loss, val_loss}]
  let total = 0; // epochs planned
  let latest = null; // last progress message
  let log = opts.log !== false;
  let lang = null;
  let cancelRedraw = () => {};
  const size = watchSize(figure, ({ width: w }) => {
    width = Math.max(320, w);
    schedule();
  });
  let width = Math.max(320, size.width() || 720);
  let geo = null;

  function labels() {
    title.textContent = msg('tv.loss.title');
    legend.replaceChildren(
      el('span', { class: 'tv-legend-item' }, swatch('line', 'loss'), 'loss', el('span', { class: 'tv-muted' }, ` ${msg('tv.loss.train')}`)),
      el('span', { class: 'tv-legend-item' }, swatch('line', 'val_loss'), 'val_loss', el('span', { class: 'tv-muted' }, ` ${msg('tv.loss.val')}`)),
      el('span', { class: 'tv-legend-item' }, swatch('line', 'batch'), msg('tv.loss.batch')),
    );
    logBox.replaceChildren(
      toggleButton(msg('tv.loss.log'), log, (on) => {
        log = on;
        logBox.firstChild.setAttribute('aria-pressed', String(on));
        schedule();
      }),
    );
    empty.text(msg('tv.loss.empty'));
  }

  function schedule() {
    cancelRedraw = nextFrame(redraw); // once per frame, however often asked
  }

  // Running extents of the values (all, and positive only for the log scale), kept as points come.
  let ext = { lo: Infinity, loPos: Infinity, hi: -Infinity };
  function see(v) {
    if (!Number.isFinite(v)) return;
    if (v < ext.lo) ext.lo = v;
    if (v > 0 && v < ext.loPos) ext.loPos = v;
    if (v > ext.hi) ext.hi = v;
  }
  // The batch line is built incrementally while the scales stay the same (the usual case: the
  // x domain is the planned epochs and a nice log domain rarely changes): only new points are
  // appended, and points closer than half a pixel to the last one are skipped.
  let batchKey = '';
  let batchD = '';
  let batchDone = 0;
  let batchLastX = -Infinity;
  let axisKey = '';

  function redraw() {
    const height = Math.round(Math.max(220, Math.min(320, width * 0.36)));
    const w = width - M.left - M.right;
    const h = height - M.top - M.bottom;
    const lastX = Math.max(batches.length ? batches[batches.length - 1].x : 0, epochs.length ? epochs[epochs.length - 1].epoch : 0);
    const x = d3.scaleLinear().domain([0, Math.max(1, total, Math.ceil(lastX))]).range([0, w]);
    let lo = log ? ext.loPos : Math.min(0, ext.lo);
    let hi = ext.hi;
    if (!(hi >= lo) || (log && !(hi > 0))) [lo, hi] = log ? [1e-4, 1] : [0, 1];
    const y = log ? d3.scaleLog().domain([lo, hi === lo ? lo * 10 : hi]).nice() : d3.scaleLinear().domain([lo, hi || 1]).nice();
    y.range([h, 0]).clamp(true);
    const key = `${width}|${log}|${x.domain()}|${y.domain()}`;
    const rescaled = key !== axisKey;
    if (rescaled) {
      axisKey = key;
      svg.attr('viewBox', `0 0 ${width} ${height}`).attr('aria-label', msg('tv.loss.title'));
      const yTicks = log ? y.ticks(5).filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9) : y.ticks(5);
      const xa = d3.axisBottom(x).ticks(Math.min(10, x.domain()[1])).tickFormat(d3.format('d')).tickSizeOuter(0);
      gX.attr('transform', `translate(${M.left},${M.top + h})`).call(xa).call(styleAxis);
      gY.attr('transform', `translate(${M.left},${M.top})`).call(d3.axisLeft(y).tickValues(yTicks).tickFormat(log ? powerText : d3.format('~g')).tickSizeOuter(0)).call(styleAxis);
      gGrid.attr('transform', `translate(${M.left},${M.top})`).selectAll('line').data(yTicks).join('line').attr('x2', w).attr('y1', y).attr('y2', y);
      gTitles.selectAll('*').remove();
      axisLabel(gTitles, msg('tv.loss.xAxis'), M.left + w, height - 4, 'end');
      axisLabel(gTitles, msg(container.dataset.loss === 'ce' ? 'tv.loss.yAxis_ce' : 'tv.loss.yAxis'), 8, 14); // data-loss: text-source.js
      overlay.attr('x', M.left).attr('y', M.top).attr('width', w).attr('height', h);
      empty.attr('x', M.left + w / 2).attr('y', M.top + h / 2);
    }
    const px = (v) => M.left + x(v);
    const py = (v) => M.top + y(v);
    const ok = (v) => Number.isFinite(v) && (!log || v > 0);
    if (key !== batchKey || batchDone > batches.length) {
      batchKey = key;
      batchD = '';
      batchDone = 0;
      batchLastX = -Infinity;
    }
    let gap = batchD === '';
    for (; batchDone < batches.length; batchDone++) {
      const b = batches[batchDone];
      if (!ok(b.v)) {
        gap = true;
        continue;
      }
      const bx = px(b.x);
      if (!gap && bx - batchLastX < 0.5) continue;
      batchD += `${gap ? 'M' : 'L'}${bx.toFixed(1)},${py(b.v).toFixed(1)}`;
      batchLastX = bx;
      gap = false;
    }
    batchPath.attr('d', batchD || null);
    const line = (k) => d3.line().defined((e) => ok(e[k])).x((e) => px(e.epoch)).y((e) => py(e[k]))(epochs);
    lossPath.attr('d', line('loss'));
    valPath.attr('d', line('val_loss'));
    // Dots on the epochs while there are few enough to tell apart; only new ones are placed unless
    // the scales changed.
    const dots = epochs.length <= 60 ? epochs.flatMap((e) => ['loss', 'val_loss'].filter((k) => ok(e[k])).map((k) => ({ k, e, v: e[k] }))) : [];
    const sel = gDots
      .selectAll('circle')
      .data(dots, (d) => `${d.k}${d.e.epoch}:${d.v}`)
      .join((enter) => enter.append('circle').attr('class', (d) => `tv-dot ${d.k}`).attr('fill', (d) => CURVE[d.k]).attr('r', 3.5).classed('new', true)
        .attr('data-symbol', (d) => d.k).attr('data-epoch', (d) => d.e.epoch).attr('data-value', (d) => d.v)); // the DOM contract: each epoch's value
    (rescaled ? sel : sel.filter('.new')).classed('new', false).attr('cx', (d) => px(d.e.epoch)).attr('cy', (d) => py(d.v));
    empty.attr('display', batches.length || epochs.length ? 'none' : null);
    geo = { x, y, w, h };
    drawReadout();
  }

  function drawReadout() {
    const e = epochs[epochs.length - 1];
    const parts = [];
    if (latest) parts.push(el('span', {}, msg('tv.loss.at', { epoch: latest.epoch, epochs: latest.epochs || total || '?', batch: latest.batch, batches: latest.batches })));
    else if (e) parts.push(el('span', {}, msg('tv.loss.epochOf', { epoch: e.epoch, epochs: total || e.epoch })));
    if (latest) parts.push(el('span', {}, `${msg('tv.loss.batchNow')} `, num('loss_batch', null, null, latest.loss, { text: lossText(latest.loss), data: { epoch: latest.epoch, batch: latest.batch } })));
    if (e) {
      parts.push(el('span', { class: 'tv-read-loss' }, 'loss ', num('loss', null, null, e.loss, { text: lossText(e.loss), data: { epoch: e.epoch } })));
      if (Number.isFinite(e.val_loss)) parts.push(el('span', { class: 'tv-read-val' }, 'val_loss ', num('val_loss', null, null, e.val_loss, { text: lossText(e.val_loss), data: { epoch: e.epoch } })));
    }
    readout.replaceChildren(...parts);
  }

  function hover(event) {
    if (!geo || !epochs.length) return;
    const [mx] = d3.pointer(event, svg.node());
    const ep = Math.round(geo.x.invert(mx - M.left));
    const e = epochs.find((d) => d.epoch === ep) || epochs[Math.max(0, Math.min(epochs.length - 1, d3.bisectCenter(epochs.map((d) => d.epoch), ep)))];
    rule.attr('display', null).attr('x1', M.left + geo.x(e.epoch)).attr('x2', M.left + geo.x(e.epoch)).attr('y1', M.top).attr('y2', M.top + geo.h);
    const target = gDots.selectAll('circle').filter((d) => d.e === e).node() || rule.node();
    tip.show(
      target,
      tipTitle(msg('tv.loss.epoch', { epoch: e.epoch })),
      tipLine(swatch('line', 'loss'), ' loss ', num('loss', null, null, e.loss, { text: lossText(e.loss), data: { epoch: e.epoch } })),
      Number.isFinite(e.val_loss) ? tipLine(swatch('line', 'val_loss'), ' val_loss ', num('val_loss', null, null, e.val_loss, { text: lossText(e.val_loss), data: { epoch: e.epoch } })) : null,
    );
    besideTip(container, target);
    if (opts.onHover) opts.onHover({ epoch: e.epoch, loss: e.loss, val_loss: e.val_loss });
  }
  overlay.on('pointermove', hover).on('pointerleave', () => {
    rule.attr('display', 'none');
    tip.hide();
    if (opts.onHover) opts.onHover(null);
  });

  const api = {
    reset(epochsPlanned) {
      batches = [];
      epochs = [];
      latest = null;
      ext = { lo: Infinity, loPos: Infinity, hi: -Infinity };
      batchKey = '';
      total = Number(epochsPlanned) || 0;
      tip.hide(true);
      schedule();
    },
    addBatch(p) {
      if (!p || !Number.isFinite(p.loss)) return;
      if (p.epochs) total = p.epochs;
      latest = p;
      const x = p.batches ? p.epoch - 1 + p.batch / p.batches : p.epoch;
      batches.push({ x, v: p.loss });
      see(p.loss);
      schedule();
    },
    addEpoch(e) {
      if (!e || !Number.isFinite(e.epoch)) return;
      const i = epochs.findIndex((d) => d.epoch === e.epoch);
      const point = { epoch: e.epoch, loss: e.loss, val_loss: e.val_loss };
      if (i >= 0) epochs[i] = point;
      else epochs.push(point);
      see(point.loss);
      see(point.val_loss);
      schedule();
    },
    update(state, data) {
      if (state && state.lang !== lang) {
        lang = state.lang;
        axisKey = '';
        labels();
      }
      if (data && Array.isArray(data.history)) {
        api.reset(data.epochs || data.history.length);
        for (const p of data.batch_progress || []) api.addBatch(p);
        latest = null;
        data.history.forEach((h, i) => api.addEpoch({ epoch: h.epoch ?? i + 1, loss: h.loss, val_loss: h.val_loss }));
      }
      schedule();
    },
    destroy() {
      cancelRedraw();
      size.stop();
      tip.destroy();
      container.replaceChildren();
      container.classList.remove('views-host', 'tv-loss');
    },
  };
  labels();
  schedule();
  return api;
}

export { create as createLossChart };
