// The Why LSTM view's accuracy-vs-gap sweep: every chosen cell trained at each gap of a list, one
// experiment per gap in the engine's worker (memory_start, memory_run until done), with the view's
// seed, epochs and initialisation; a D3 chart of the held-out accuracy after training, one line per
// cell, the chance level drawn; a caption made from the points. The gaps go to the URL (`sweep`) when
// the sweep ends, and a link that names them runs it again: same seed, same numbers.
//
// createSweep({engine, t, tx, onChange, busy, onRunning}) → {node, update(state), running()}
//   busy(): the view's own training runs; onRunning(): the sweep has started or ended
//   node.dataset.sweep: idle | running | done | stopped | error
//   each point: circle.sweep-point[data-symbol="acc"][data-cell][data-gap][data-value]
import { el, num } from '../format.js';

const d3 = globalThis.d3;
const KEY = { SimpleRNN: 'rnn', LSTM: 'lstm', GRU: 'gru' };
const COLOR = { SimpleRNN: '#64748b', LSTM: '#0369a1', GRU: '#b45309' };
export const SWEEP_GAPS = '10,20,50,100'; // the gaps `unroll experiment memory` compares by default (core/memory)
export const HOLD = 0.9; // a cell "holds" a gap when its held-out accuracy is at least this
const CHUNK = 32; // updates per memory_run call: one epoch, so a cancel answers quickly
const W = 480;
const H = 220;
const M = { left: 52, right: 12, top: 12, bottom: 34 };

// signature names what a sweep depends on: the same signature gives the same points.
const signature = (s) => [s.sweep || SWEEP_GAPS, s.cells, s.init, s.mepochs, s.mseed].join('|');

export function createSweep({ engine, t, tx, onChange, busy, onRunning }) {
  const title = el('h2');
  const explain = el('p', { class: 'mem-explain' });
  const startBtn = el('button', { type: 'button', id: 'mem-sweep' });
  const stopBtn = el('button', { type: 'button', id: 'mem-sweep-stop', disabled: true });
  const status = el('p', { class: 'mem-status', 'aria-live': 'polite' });
  const body = el('div', { class: 'view-body mem-chart', id: 'mem-sweep-chart' });
  const legend = el('div', { class: 'mem-legend' });
  const caption = el('p', { class: 'mem-caption', id: 'mem-sweep-caption' });
  const node = el('section', { class: 'view mem-sweep', id: 'mem-sweep-view' },
    title, explain, el('div', { class: 'mem-row' }, startBtn, stopBtn), status, body, legend, caption);
  node.dataset.sweep = 'idle';

  let cur = null;
  let res = null; // {sig, gaps, chance, cells: [{cell, points: [{gap, accuracy}]}]}
  let run = null; // {stop} while running
  let progress = null; // {gap, updates, total}
  let failure = null;

  startBtn.addEventListener('click', () => start(cur.sweep || SWEEP_GAPS));
  stopBtn.addEventListener('click', () => run && (run.stop = true));

  async function start(gapList) {
    if (run || busy()) return;
    const gaps = gapList.split(',').map(Number);
    const s = cur;
    run = { stop: false };
    failure = null;
    res = { sig: signature({ ...s, sweep: gapList }), gaps, chance: 0.25, cells: s.cells.split(',').map((c) => ({ cell: c, points: [] })) };
    node.dataset.sweep = 'running';
    render();
    onRunning();
    try {
      for (const gap of gaps) {
        let st = await engine.call('memory_start', { length: gap, cells: s.cells.split(','), seed: s.mseed, init: s.init, epochs: s.mepochs });
        res.chance = st.chance;
        res.cells = st.cells.map((c, k) => ({ cell: c.cell, points: res.cells[k]?.points ?? [] }));
        while (!st.done && !run.stop) {
          progress = { gap, updates: Math.min(...st.cells.map((c) => c.updates)), total: st.cells[0].total };
          render();
          st = await engine.call('memory_run', { batches: CHUNK });
        }
        if (!st.done) {
          await engine.call('memory_stop', {});
          break;
        }
        st.cells.forEach((c, k) => res.cells[k].points.push({ gap, accuracy: c.points[c.points.length - 1].accuracy }));
        render();
      }
      node.dataset.sweep = run.stop ? 'stopped' : 'done';
    } catch (err) {
      failure = err;
      node.dataset.sweep = 'error';
    }
    const done = node.dataset.sweep === 'done';
    run = null;
    progress = null;
    render();
    onRunning();
    // A finished sweep goes into the link; a cancelled one leaves it out.
    if (done && cur.sweep !== gapList) onChange({ sweep: gapList });
    else if (!done && cur.sweep) onChange({ sweep: '' });
  }

  function render() {
    if (!cur) return;
    title.textContent = t('mem.sweep.title');
    explain.textContent = t('mem.sweep.explain', { gaps: (cur.sweep || SWEEP_GAPS).split(',').join(', '), hold: HOLD.toFixed(2) });
    startBtn.textContent = t('mem.sweep.start');
    stopBtn.textContent = t('mem.sweep.stop');
    startBtn.disabled = Boolean(run) || busy();
    stopBtn.disabled = !run;
    const state = node.dataset.sweep;
    if (failure) status.textContent = cur.lang === 'en' ? failure.message : failure.message_zh || failure.message;
    else if (state === 'running' && progress) status.textContent = t('mem.sweep.running', progress);
    else status.textContent = state === 'idle' || state === 'running' ? '' : t(`mem.sweep.${state}`);
    const cells = res?.cells ?? [];
    legend.replaceChildren(...cells.map((c) => el('span', { class: 'mem-legend-item' }, el('i', { class: 'mem-swatch', 'data-cell': KEY[c.cell] }), c.cell)));
    chart(cells);
    renderCaption(cells);
  }

  function chart(cells) {
    const w = W - M.left - M.right;
    const h = H - M.top - M.bottom;
    const gaps = res?.gaps ?? (cur.sweep || SWEEP_GAPS).split(',').map(Number);
    const x = d3.scaleLinear().domain([0, d3.max(gaps)]).nice().range([0, w]);
    const y = d3.scaleLinear().domain([0, 1]).range([h, 0]);
    const svg = d3.select(body).selectAll('svg').data([0]).join('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('role', 'img').attr('aria-label', t('mem.sweep.title'));
    const g = svg.selectAll('g.plot').data([0]).join('g').attr('class', 'plot').attr('transform', `translate(${M.left},${M.top})`);
    g.selectAll('g.x').data([0]).join('g').attr('class', 'x axis').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).tickValues(gaps).tickFormat(d3.format('d')).tickSizeOuter(0));
    g.selectAll('g.y').data([0]).join('g').attr('class', 'y axis').call(d3.axisLeft(y).ticks(5).tickSizeOuter(0));
    g.selectAll('text.xlabel').data([0]).join('text').attr('class', 'xlabel mem-axis-label').attr('x', w).attr('y', h + 30).attr('text-anchor', 'end').text(t('mem.sweep.axis'));
    const chance = [res?.chance ?? 0.25];
    g.selectAll('line.chance').data(chance).join('line').attr('class', 'chance').attr('x1', 0).attr('x2', w).attr('y1', (v) => y(v)).attr('y2', (v) => y(v));
    g.selectAll('text.chance').data(chance).join('text').attr('class', 'chance mem-axis-label').attr('x', w - 2).attr('y', (v) => y(v) - 4).attr('text-anchor', 'end').text((v) => t('mem.chance', { chance: v.toFixed(2) }));
    // Cells at the same accuracy would hide each other: each is drawn a few pixels apart (its place in the list).
    const dodge = (cell) => (cells.findIndex((c) => c.cell === cell) - (cells.length - 1) / 2) * 5;
    const line = (c) => d3.line().x((p) => x(p.gap) + dodge(c.cell)).y((p) => y(p.accuracy))(c.points);
    g.selectAll('path.curve').data(cells, (c) => c.cell).join('path').attr('class', 'curve')
      .attr('data-cell', (c) => KEY[c.cell]).attr('stroke', (c) => COLOR[c.cell]).attr('d', line);
    const pts = cells.flatMap((c) => c.points.map((p) => ({ ...p, cell: c.cell })));
    g.selectAll('circle.sweep-point').data(pts, (p) => `${p.cell}:${p.gap}`).join((enter) => enter.append('circle').call((c) => c.append('title')))
      .attr('class', 'sweep-point').attr('r', 4).attr('fill', (p) => COLOR[p.cell])
      .attr('cx', (p) => x(p.gap) + dodge(p.cell)).attr('cy', (p) => y(p.accuracy))
      .attr('data-symbol', 'acc').attr('data-cell', (p) => KEY[p.cell]).attr('data-gap', (p) => p.gap).attr('data-value', (p) => String(p.accuracy))
      .select('title').text((p) => `${p.cell} L = ${p.gap}: ${p.accuracy.toFixed(3)}`);
  }

  // The caption says, per cell, up to which gap its accuracy stayed at HOLD or above, and where
  // it first fell below, with the numbers.
  function renderCaption(cells) {
    if (!res || node.dataset.sweep === 'running' || !cells.some((c) => c.points.length)) return caption.replaceChildren();
    const acc = (c, p) => num('acc', null, null, p.accuracy, { digits: 2, data: { cell: KEY[c.cell], gap: p.gap } });
    const out = cells.map((c) => {
      const fall = c.points.findIndex((p) => p.accuracy < HOLD);
      const last = c.points[c.points.length - 1];
      const vars = { cell: c.cell, hold: HOLD.toFixed(2) };
      let key = 'mem.sweep.held';
      let held = last.gap;
      if (fall === 0) {
        key = 'mem.sweep.never';
        held = 0;
        Object.assign(vars, { gap: c.points[0].gap, acc: acc(c, c.points[0]) });
      } else if (fall > 0) {
        key = 'mem.sweep.fell';
        held = c.points[fall - 1].gap;
        Object.assign(vars, { gap: held, fell: c.points[fall].gap, acc: acc(c, c.points[fall]) });
      } else vars.gap = held;
      return el('span', { class: 'mem-sweep-cap', 'data-cell': KEY[c.cell], 'data-held': held }, ...tx(key, vars), ' ');
    });
    caption.replaceChildren(...out);
  }

  return {
    node,
    running: () => Boolean(run),
    update(state) {
      cur = state;
      // A result whose settings are no longer the page's is dropped, and the link forgets it.
      if (!run && res && res.sig !== signature(state)) {
        res = null;
        node.dataset.sweep = 'idle';
        if (state.sweep) return onChange({ sweep: '' });
      }
      render();
      // A link that names a sweep shows it: the same seed trains the same models again.
      if (state.sweep && !res && !run && !busy()) start(state.sweep);
    },
  };
}
