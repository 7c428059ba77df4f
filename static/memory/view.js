// The Why LSTM view (mode=memory): the long-memory experiment of core/memory run in the engine's
// worker (memory_start, then memory_run a chunk at a time, memory_stop), every cell on the same
// data. It draws the held-out accuracy and loss after every chunk, one held-out sequence's
// ‖∂L/∂x_t‖ (and ‖∂L/∂c_t‖ for LSTM) before and after training, and captions made from those
// numbers. Nothing here computes a model value: every number drawn is the engine's.
//
// createMemoryView(root, {engine, t, onChange}) → {update(state)}
//   root.dataset.memory: idle | running | done | stopped | error (the run's state, for tests too)
import { el, num, numAttrs, sci, pow10 } from '../format.js';
import { MEMORY_LIMITS, LIMITS, CELLS } from '../state.js';
import { createSweep } from './sweep.js';
import { renderGrads, ratioText, phaseLegend } from './grads.js';
import { keepSequence } from './sequences.js';
import { createHistoryExport } from '../lessons/export.js';

const d3 = globalThis.d3;
const KEY = { SimpleRNN: 'rnn', LSTM: 'lstm', GRU: 'gru' };
const NAME = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
const COLOR = { SimpleRNN: '#64748b', LSTM: '#0369a1', GRU: '#b45309' };
const CHUNK = 8; // updates of every cell per memory_run call
const W = 480; // the charts' viewBox width
const M = { left: 52, right: 12, top: 12, bottom: 34 };


export function createMemoryView(root, { engine, t, onChange, onStepThrough }) {
  root.dataset.memory = 'idle';
  // ---- the settings ----
  const gapIn = el('input', { type: 'range', id: 'mem-gap', min: MEMORY_LIMITS.gap[0], max: MEMORY_LIMITS.gap[1], step: 1 });
  const gapOut = el('output', { for: 'mem-gap', class: 'mem-gap-out' });
  const cellBoxes = CELLS.map((c) => el('input', { type: 'checkbox', name: 'mem-cell', value: c }));
  const initRadios = ['chrono', 'keras'].map((v) => el('input', { type: 'radio', name: 'mem-init', value: v }));
  const epochsIn = el('input', { type: 'number', min: MEMORY_LIMITS.epochs[0], max: MEMORY_LIMITS.epochs[1], step: 1, id: 'mem-epochs' });
  const seedIn = el('input', { type: 'number', min: LIMITS.seed[0], max: LIMITS.seed[1], step: 1, id: 'mem-seed' });
  const startBtn = el('button', { type: 'button', class: 'primary', id: 'mem-start' });
  const stopBtn = el('button', { type: 'button', id: 'mem-stop', disabled: true });
  const status = el('p', { class: 'mem-status', 'aria-live': 'polite' });
  const initWhy = el('p', { class: 'mem-why' });
  const labels = {};
  const label = (key, ...children) => (labels[key] = el('span', { class: 'mem-label' })) && el('label', { class: 'field mem-field' }, labels[key], ...children);
  const settings = el('form', { class: 'mem-form', onsubmit: (e) => e.preventDefault() },
    label('mem.gap', el('span', { class: 'mem-gap-row' }, gapIn, gapOut)),
    el('fieldset', { class: 'mem-fieldset' }, (labels['mem.cells'] = el('legend')), ...CELLS.map((c, k) => el('label', { class: 'mem-check' }, cellBoxes[k], NAME[c]))),
    el('fieldset', { class: 'mem-fieldset' }, (labels['mem.init'] = el('legend')), ...initRadios.map((r) => el('label', { class: 'mem-check' }, r, (labels[`mem.init.${r.value}`] = el('span'))))),
    initWhy,
    el('div', { class: 'mem-row' }, label('mem.epochs', epochsIn), label('mem.seed', seedIn)),
    el('div', { class: 'mem-row' }, startBtn, stopBtn),
    status,
  );
  const sideTitle = el('h2');
  const task = el('p', { class: 'mem-task' });
  const engineNote = el('p', { class: 'mem-task', id: 'mem-engine' });
  const aside = el('aside', { class: 'sidebar' }, el('section', { class: 'card' }, sideTitle, task, settings, engineNote));
  // ---- the views ----
  const accTitle = el('h2');
  const lossTitle = el('h2');
  const accBody = el('div', { class: 'view-body mem-chart', id: 'mem-acc' });
  const lossBody = el('div', { class: 'view-body mem-chart', id: 'mem-loss' });
  const accCaption = el('p', { class: 'mem-caption', id: 'mem-acc-caption' });
  const gradTitle = el('h2');
  const gradExplain = el('p', { class: 'mem-explain' });
  const cmpCaption = el('p', { class: 'mem-caption', id: 'mem-cmp' });
  const gradGrid = el('div', { class: 'mem-grads', id: 'mem-grads' });
  const phaseKey = el('div', { class: 'mem-legend', id: 'mem-phase-legend' });
  const stepExplain = el('p', { class: 'mem-explain' });
  const stepRow = el('div', { class: 'mem-row mem-steps', id: 'mem-steps' });
  const legend = el('div', { class: 'mem-legend' });
  // The run's history as CSV: a row per cell and measurement (updates, held-out accuracy, loss), as the engine sent it.
  const historyButton = el('button');
  const historyExport = createHistoryExport(historyButton, {
    t,
    history: () => (st?.cells ?? []).flatMap((c) => c.points.map((p) => ({ cell: c.cell, ...p }))),
    name: () => `unroll-memory-history-L${st.length}-${st.cells.map((c) => KEY[c.cell]).join('-')}-seed${st.seed}.csv`,
  });
  const main = el('div', { class: 'train-main mem-main', tabindex: '-1' },
    el('section', { class: 'view' }, el('div', { class: 'mem-charts' },
      el('div', {}, accTitle, accBody), el('div', {}, lossTitle, lossBody)), legend, accCaption, historyButton),
    el('section', { class: 'view' }, gradTitle, gradExplain, phaseKey, cmpCaption, gradGrid, stepExplain, stepRow),
  );
  let fresh = false; // the engine's experiment is this view's last run (a sweep replaces it)
  const sweep = createSweep({ engine, t, tx, onChange, busy: () => Boolean(run), onRunning: () => ((fresh = fresh && !sweep.running()), render()) });
  main.append(sweep.node);
  root.replaceChildren(aside, main);

  let cur = null; // the page's state
  let st = null; // the engine's memory.State of the last call
  let run = null; // {stop} while a run goes on
  let failure = null;

  gapIn.addEventListener('input', () => (gapOut.textContent = gapIn.value));
  gapIn.addEventListener('change', () => onChange({ gap: Number(gapIn.value) }));
  for (const b of cellBoxes) {
    b.addEventListener('change', () => {
      const cells = CELLS.filter((c, k) => cellBoxes[k].checked);
      if (cells.length) onChange({ cells: cells.join(',') });
      else b.checked = true;
    });
  }
  for (const r of initRadios) r.addEventListener('change', () => r.checked && onChange({ init: r.value }));
  const numberField = (input, key, [lo, hi]) => input.addEventListener('change', () => {
    const v = Number(input.value);
    if (Number.isInteger(v) && v >= lo && v <= hi) onChange({ [key]: v });
    else input.value = cur[key];
  });
  numberField(epochsIn, 'mepochs', MEMORY_LIMITS.epochs);
  numberField(seedIn, 'mseed', LIMITS.seed);
  startBtn.addEventListener('click', () => start());
  stopBtn.addEventListener('click', () => run && (run.stop = true));

  async function start() {
    if (run || !cur || sweep.running()) return;
    run = { stop: false };
    failure = null;
    fresh = true;
    const spec = { length: cur.gap, cells: cur.cells.split(','), seed: cur.mseed, init: cur.init, epochs: cur.mepochs };
    root.dataset.memory = 'running';
    render();
    try {
      st = await engine.call('memory_start', spec);
      render();
      while (!st.done && !run.stop) {
        st = await engine.call('memory_run', { batches: CHUNK });
        render();
      }
      if (!st.done) st = await engine.call('memory_stop', {});
      root.dataset.memory = st.stopped ? 'stopped' : 'done';
    } catch (err) {
      failure = err;
      root.dataset.memory = 'error';
    }
    run = null;
    render();
    sweep.update(cur);
  }

  // tx fills a message whose placeholders may be DOM nodes (numbers): → [text | node, …].
  function tx(key, vars) {
    const marks = {};
    for (const [k, v] of Object.entries(vars)) marks[k] = v instanceof Node ? `\u0000${k}\u0000` : v;
    return t(key, marks).split('\u0000').map((part, i) => (i % 2 ? vars[part] : part));
  }

  function render() {
    if (!cur) return;
    const lang = cur.lang;
    sideTitle.textContent = t('mem.title');
    task.textContent = t('mem.task', { chance: '0.25', units: st?.units ?? 16 });
    engineNote.textContent = t('mem.engine');
    for (const [k, node] of Object.entries(labels)) node.textContent = t(k);
    startBtn.textContent = t('mem.start');
    stopBtn.textContent = t('mem.stop');
    startBtn.disabled = Boolean(run) || sweep.running();
    stopBtn.disabled = !run;
    accTitle.textContent = t('mem.acc.title');
    lossTitle.textContent = t('mem.loss.title');
    gradTitle.textContent = t('mem.grad.title');
    gradExplain.textContent = t('mem.grad.explain');
    phaseLegend(phaseKey, t);
    renderWhy();
    renderStatus();
    const cells = st?.cells ?? [];
    legend.replaceChildren(...cells.map((c) => el('span', { class: 'mem-legend-item' }, el('i', { class: 'mem-swatch', 'data-cell': KEY[c.cell] }), c.cell)));
    lineChart(accBody, cells, 'accuracy', false);
    lineChart(lossBody, cells, 'loss', true);
    historyExport.update(!run && fresh && (root.dataset.memory === 'done' || root.dataset.memory === 'stopped'));
    renderAccCaption(cells);
    renderGrads(gradGrid, cells, { t, tx });
    renderComparison(cells);
    renderSteps(cells);
    root.lang = lang;
  }

  function renderStatus() {
    const cells = st?.cells ?? [];
    const updates = cells.length ? Math.min(...cells.map((c) => c.updates)) : 0;
    const total = cells.length ? cells[0].total : 0;
    const state = root.dataset.memory;
    if (failure) status.textContent = cur.lang === 'en' ? failure.message : failure.message_zh || failure.message;
    else if (state === 'idle') status.textContent = t('mem.status.idle');
    else status.textContent = t(`mem.status.${state}`, { updates, total });
  }

  function renderWhy() {
    const parts = [t('mem.init.why'), ' '];
    if (cur.init === 'keras') {
      const L = st?.length ?? cur.gap;
      parts.push(...tx('mem.init.keras_why', { n: L - 1, pow: sci(Math.pow(1 / (1 + Math.exp(-1)), L - 1)) }));
    } else parts.push(t('mem.init.chrono_why'));
    for (const c of st?.cells ?? []) {
      if (c.before.retention === undefined) continue;
      const after = c.after?.retention;
      parts.push(' ', ...tx('mem.retention', {
        cell: c.cell,
        gate: c.cell === 'LSTM' ? 'f' : 'z',
        before: num('ret', null, null, c.before.retention, { text: sci(c.before.retention), data: { cell: KEY[c.cell], phase: 'before' } }),
        after: after === undefined ? '—' : num('ret', null, null, after, { text: sci(after), data: { cell: KEY[c.cell], phase: 'after' } }),
      }));
    }
    initWhy.replaceChildren(...parts);
  }

  function lastPoint(c) {
    return c.points[c.points.length - 1];
  }

  function renderAccCaption(cells) {
    if (!cells.length) return accCaption.replaceChildren();
    const list = [];
    for (const c of cells) {
      if (list.length) list.push(lang() === 'en' ? ', ' : '、');
      const p = lastPoint(c);
      list.push(`${c.cell} `, num('acc', null, null, p.accuracy, { digits: 2, data: { cell: KEY[c.cell] } }));
    }
    const parts = tx('mem.acc.caption', { list: el('span', {}, ...list), chance: num('chance', null, null, st.chance, { digits: 2 }) });
    if (root.dataset.memory === 'done' && cells.length > 1) {
      const accs = cells.map((c) => lastPoint(c).accuracy);
      const hi = Math.max(...accs);
      const lo = Math.min(...accs);
      const names = (v) => cells.filter((c, k) => accs[k] === v).map((c) => c.cell).join(' / ');
      parts.push(' ', hi === lo ? t('mem.acc.tie') : t('mem.acc.best', { best: names(hi), worst: names(lo) }));
    }
    accCaption.replaceChildren(...parts);
  }

  const lang = () => cur.lang;

  function lineChart(body, cells, field, log) {
    const H = 200;
    const w = W - M.left - M.right;
    const h = H - M.top - M.bottom;
    const total = cells.length ? Math.max(...cells.map((c) => c.total)) : 1;
    const x = d3.scaleLinear().domain([0, Math.max(1, total)]).range([0, w]);
    const vals = cells.flatMap((c) => c.points.map((p) => p[field])).filter((v) => Number.isFinite(v) && (!log || v > 0));
    let y;
    if (log) {
      const lo = vals.length ? Math.min(...vals) : 0.01;
      const hi = vals.length ? Math.max(...vals) : 10;
      y = d3.scaleLog().domain([lo, hi > lo ? hi : lo * 10]).nice();
    } else y = d3.scaleLinear().domain([0, 1]);
    y.range([h, 0]).clamp(true);
    const svg = d3.select(body).selectAll('svg').data([0]).join('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('role', 'img')
      .attr('aria-label', t(field === 'loss' ? 'mem.loss.title' : 'mem.acc.title'));
    const g = svg.selectAll('g.plot').data([0]).join('g').attr('class', 'plot').attr('transform', `translate(${M.left},${M.top})`);
    g.selectAll('g.x').data([0]).join('g').attr('class', 'x axis').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(5).tickSizeOuter(0));
    g.selectAll('g.y').data([0]).join('g').attr('class', 'y axis').call(log ? d3.axisLeft(y).ticks(4, '~g') : d3.axisLeft(y).ticks(5).tickSizeOuter(0));
    g.selectAll('text.xlabel').data([0]).join('text').attr('class', 'xlabel mem-axis-label').attr('x', w).attr('y', h + 30).attr('text-anchor', 'end').text(t('mem.axis.updates'));
    const chance = field === 'accuracy' && st ? [st.chance] : [];
    g.selectAll('line.chance').data(chance).join('line').attr('class', 'chance').attr('x1', 0).attr('x2', w).attr('y1', (v) => y(v)).attr('y2', (v) => y(v));
    g.selectAll('text.chance').data(chance).join('text').attr('class', 'chance mem-axis-label').attr('x', w - 2).attr('y', (v) => y(v) - 4).attr('text-anchor', 'end').text((v) => t('mem.chance', { chance: v.toFixed(2) }));
    const line = d3.line().x((p) => x(p.updates)).y((p) => y(p[field])).defined((p) => Number.isFinite(p[field]) && (!log || p[field] > 0));
    g.selectAll('path.curve').data(cells, (c) => c.cell).join('path').attr('class', 'curve')
      .attr('data-cell', (c) => KEY[c.cell]).attr('stroke', (c) => COLOR[c.cell]).attr('d', (c) => line(c.points));
  }

  // A finished (or stopped) run's cells can be stepped through on the probe sequence.
  function renderSteps(cells) {
    const ready = fresh && !run && cells.length > 0 && cells.every((c) => c.after);
    stepExplain.textContent = ready ? t('mem.step.explain') : '';
    stepRow.replaceChildren(...(ready ? cells : []).map((c) => el('button', { type: 'button', class: 'mem-step', 'data-cell': KEY[c.cell], onclick: () => stepThrough(KEY[c.cell]) }, t('mem.step', { cell: c.cell }))));
  }

  async function stepThrough(cell) {
    try {
      const res = await engine.call('memory_model', { cell });
      const data = `memory:${st.length}:${st.seed}`;
      keepSequence(data, res);
      onStepThrough(res.model, { data, t: 1, unit: res.memory.open?.unit ?? res.memory.from.unit, modelNote: { memory: { L: st.length, seed: st.seed } } });
    } catch (err) {
      failure = err;
      render();
    }
  }

  function renderComparison(cells) {
    const rnn = cells.find((c) => c.cell === 'SimpleRNN');
    const gated = cells.filter((c) => c.cell !== 'SimpleRNN');
    if (!rnn?.after || !gated.length || gated.some((c) => !c.after)) {
      cmpCaption.replaceChildren(rnn && gated.length ? t('mem.pending') : '');
      return;
    }
    const out = [];
    for (const c of gated) {
      const r = c.after.dx[0] / rnn.after.dx[0];
      const data = { cell: KEY[c.cell], phase: 'after' };
      const vars = {
        cell: c.cell,
        ratio: num('ratio', null, null, r, { text: ratioText(r), data }),
        cell_v: num('dx', 1, null, c.after.dx[0], { text: sci(c.after.dx[0]), data }),
        rnn_v: num('dx', 1, null, rnn.after.dx[0], { text: sci(rnn.after.dx[0]), data: { cell: 'rnn', phase: 'after' } }),
        acc: num('acc', null, null, lastPoint(c).accuracy, { digits: 2, data: { cell: KEY[c.cell] } }),
        rnn_acc: num('acc', null, null, lastPoint(rnn).accuracy, { digits: 2, data: { cell: 'rnn' } }),
      };
      out.push(el('span', { class: 'mem-cmp', 'data-cell': KEY[c.cell], 'data-larger': String(r > 1) }, ...tx(r > 1 ? 'mem.cmp.larger' : 'mem.cmp.smaller', vars)), ' ');
    }
    cmpCaption.replaceChildren(...out);
  }

  return {
    update(state) {
      cur = state;
      if (document.activeElement !== gapIn) gapIn.value = state.gap;
      gapOut.textContent = String(state.gap);
      const on = state.cells.split(',');
      cellBoxes.forEach((b, k) => (b.checked = on.includes(CELLS[k])));
      for (const r of initRadios) r.checked = r.value === state.init;
      epochsIn.value = state.mepochs;
      seedIn.value = state.mseed;
      render();
      sweep.update(state);
    },
  };
}
