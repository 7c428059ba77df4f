// The drawing pad: a strip of T slots over the input, one per x_t. Drawing on it with a mouse, a
// finger or a pen (pointer events) sets the inputs under the pointer, and the page re-traces
// through the engine while the pointer moves (the drawn sequence becomes a typed sequence, seq:…,
// which the model reads as it is: a stock window's scaled prices stay in [0, 1]). "Reset to data"
// puts back the source the drawing started from. One trace is in flight at a time; the pad sends
// the latest drawing when it answers. Nothing here computes a model value.
import { el, fmt } from '../format.js';
import { parseData } from '../state.js';
import { watchSize } from '../views/resize.js';

const d3 = globalThis.d3;
const HEIGHT = 96;
const LEFT = 44;
const PAD_Y = 10;

// rangeOf is the drawable range and snap of a source: a stock window's scaled prices lie in [0, 1];
// a typed sequence or a sine takes any value, so its range is its values' with [−1, 1] inside.
export function rangeOf(kind, values) {
  if (kind === 'prices') return { lo: 0, hi: 1, snap: 0.01 };
  const lo = Math.min(-1, ...values);
  const hi = Math.max(1, ...values);
  return { lo, hi, snap: 10 ** (Math.floor(Math.log10(hi - lo)) - 2) };
}

// createPad(container, {t, change, toggleBefore}) → {update(state)}: the button that opens and
// closes the pad (state.pad) goes before toggleBefore.
export function createPad(container, { t: msg, change, toggleBefore }) {
  const toggle = el('button', { type: 'button', class: 'pad-toggle', 'aria-pressed': 'false', 'aria-controls': container.id });
  toggleBefore.before(toggle);
  toggle.addEventListener('click', () => change({ pad: !state.pad }));
  const head = el('div', { class: 'pad-head' });
  const hint = el('span', { class: 'pad-hint' });
  const reset = el('button', { type: 'button', class: 'pad-reset' });
  head.append(hint, reset);
  container.append(head);
  const svg = d3.select(container).append('svg').attr('class', 'pad-svg').attr('height', HEIGHT);
  let state = null;
  let values = null; // the strip's values: the trace's x_t, or what is being drawn
  let range = null; // fixed while a stroke lasts
  let source = null; // {data, end} the drawing started from
  let sent = new Set(); // the data the drawing asked for
  let lastSlot = null;
  let inFlight = false;
  let pending = false;
  let width = 0;

  const usable = (s) => s.result && s.result.input && s.result.model.inputs === 1 && s.result.input.kind !== 'text' && s.mode === 'step' && s.demo !== 'order';
  const slotW = () => (width - LEFT - 8) / values.length;
  const yOf = (v) => PAD_Y + (1 - (v - range.lo) / (range.hi - range.lo)) * (HEIGHT - 2 * PAD_Y);

  function paint() {
    width = Math.max(240, size.width() || 600);
    svg.attr('width', width).attr('viewBox', `0 0 ${width} ${HEIGHT}`);
    const w = slotW();
    const y0 = yOf(Math.min(Math.max(0, range.lo), range.hi));
    svg.selectAll('text.pad-axis').data([range.hi, range.lo]).join('text').attr('class', 'pad-axis')
      .attr('x', LEFT - 6).attr('y', (v, k) => (k ? HEIGHT - PAD_Y : PAD_Y + 8)).attr('text-anchor', 'end').text((v) => fmt(v, 2));
    svg.selectAll('rect.pad-slot').data(values).join('rect')
      .attr('class', (v, k) => `pad-slot${k + 1 === state.t ? ' is-current' : ''}`)
      .attr('x', (v, k) => LEFT + k * w).attr('width', w).attr('y', 0).attr('height', HEIGHT);
    svg.selectAll('line.pad-stem').data(values).join('line').attr('class', 'pad-stem')
      .attr('x1', (v, k) => LEFT + (k + 0.5) * w).attr('x2', (v, k) => LEFT + (k + 0.5) * w).attr('y1', y0).attr('y2', (v) => yOf(v));
    svg.selectAll('circle.pad-dot').data(values).join('circle').attr('class', 'pad-dot')
      .attr('cx', (v, k) => LEFT + (k + 0.5) * w).attr('cy', (v) => yOf(v)).attr('r', Math.max(3, Math.min(7, w / 4)));
  }

  // send asks for a trace of the drawing; while one is in flight, the latest drawing waits.
  function send() {
    if (inFlight) {
      pending = true;
      return;
    }
    inFlight = true;
    pending = false;
    const data = `seq:${values.map((v) => String(v)).join(',')}`;
    sent.add(data);
    performance.mark('pad:send');
    change({ data }).finally(() => {
      performance.measure('pad:drawn', 'pad:send');
      inFlight = false;
      if (pending) send();
    });
  }

  function drawAt(ev) {
    const box = svg.node().getBoundingClientRect();
    const x = ev.clientX - box.left;
    const y = ev.clientY - box.top;
    const slot = Math.max(0, Math.min(values.length - 1, Math.floor((x - LEFT) / slotW())));
    let v = range.lo + (1 - (y - PAD_Y) / (HEIGHT - 2 * PAD_Y)) * (range.hi - range.lo);
    v = Math.max(range.lo, Math.min(range.hi, Math.round(v / range.snap) * range.snap));
    v = Number(v.toFixed(Math.max(0, -Math.floor(Math.log10(range.snap)))));
    // A quick stroke skips slots: fill the ones between with the new value.
    const from = lastSlot === null ? slot : lastSlot;
    for (let k = Math.min(from, slot); k <= Math.max(from, slot); k++) values[k] = v;
    lastSlot = slot;
    if (!source) source = { data: state.data, end: state.end };
    paint();
    send();
  }

  svg.on('pointerdown', (ev) => {
    if (!values) return;
    ev.preventDefault();
    try {
      svg.node().setPointerCapture(ev.pointerId);
    } catch {
      // a synthetic event has no pointer to capture
    }
    lastSlot = null;
    drawAt(ev);
  });
  svg.on('pointermove', (ev) => {
    if (lastSlot !== null && (ev.buttons || ev.pointerType === 'touch')) drawAt(ev);
  });
  const end = () => {
    lastSlot = null;
  };
  svg.on('pointerup', end).on('pointercancel', end);
  // The strip's width as last observed (reading it while drawing would force a layout of the page).
  const size = watchSize(head, () => values && paint());
  reset.addEventListener('click', () => {
    if (!source) return;
    const back = source;
    source = null;
    sent = new Set();
    change({ data: back.data, end: back.end });
  });

  return {
    update(s) {
      state = s;
      toggle.hidden = !usable(s);
      toggle.textContent = msg('pad.toggle');
      toggle.setAttribute('aria-pressed', String(!!s.pad));
      container.hidden = !s.pad || !usable(s);
      if (container.hidden) return;
      // A source other than the drawing (a new stock, a typed sequence) ends the drawing's memory.
      if (source && s.data !== source.data && !sent.has(s.data)) {
        source = null;
        sent = new Set();
      }
      hint.textContent = msg('pad.hint');
      reset.textContent = msg('pad.reset');
      reset.hidden = !source;
      if (lastSlot !== null) return; // mid-stroke: the strip shows what is drawn
      values = s.result.input.scaled.map((row) => row[0]);
      const from = source ? (parseData(source.data)?.kind === 'stock' ? 'prices' : 'seq') : s.result.input.kind;
      range = rangeOf(from, values);
      paint();
    },
  };
}
