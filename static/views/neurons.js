// Neuron view (view=neurons): the unrolled network at the level of units, in the spirit of Harley's
// node-link pictures. Every input x_t[k], unit s_t[j] (and c_t[j]) and output o_t is a node coloured
// by its value; every weight of one gate's U and W, and of V, is a link coloured by its sign, as
// wide as |w| (against the matrix's largest |w|) and as opaque as the term it adds at its step.
// Hovering or focusing a unit brightens its incoming links and lists its largest terms.
// create(container, opts) → {update(state, result), destroy()}; opts: {t, onSelectStep, onSelectUnit,
// onChange(patch)} (patch: nfrom, the first step drawn; ngate, the gate picked). Every number is
// the engine's (neurons-graph.js reads them).
import { el, setText } from '../format.js';
import { SIGN, NEURONS } from '../config.js';
import { activationScale, cellKind, fnSymbol, mathText } from './common.js';
import { neuronGraph, termsOf, nodeId, stepWindows } from './neurons-graph.js';
import { layout } from './neurons-layout.js';
import { renderPanel } from './neurons-panel.js';
import { watchSize } from './resize.js';

const d3 = globalThis.d3;

export function create(container, opts = {}) {
  const msg = opts.t || ((k) => k);
  container.classList.add('views-host', 'view-neurons');
  const title = el('h3', { class: 'view-title' });
  const gateBox = el('div', { class: 'nn-gates seg-buttons', role: 'group' });
  const rangeBox = el('div', { class: 'nn-range' });
  const note = el('p', { class: 'nn-hidden-note', role: 'status' });
  const scroller = el('div', { class: 'nn-scroll' });
  const panel = el('div', { class: 'nn-panel', 'aria-live': 'polite' });
  container.append(el('div', { class: 'view-head' }, title, gateBox, rangeBox), note, scroller, panel);
  const svg = d3.select(scroller).append('svg').attr('class', 'nn-svg').attr('tabindex', -1).attr('role', 'group');
  const gBand = svg.append('g').attr('class', 'nn-bands');
  const gLinks = svg.append('g').attr('class', 'nn-links');
  const gNodes = svg.append('g').attr('class', 'nn-nodes');
  const gLabels = svg.append('g').attr('class', 'nn-labels');

  let gate = null; // the gate whose U and W links show (state.ngate; null: the cell's first)
  let last = null; // [state, result]
  let graph = null;
  let drawnFor = null; // [result, gate, width, lang]
  let focusId = null; // the node hovered or focused
  let incoming = new Map(); // node id → its incoming link elements
  let pos = null;
  let geometry = ''; // what the positions were drawn for: a new trace of the same shape moves nothing

  function drawGates(state, result) {
    const order = result.gate_order || [];
    gateBox.hidden = order.length < 2;
    gateBox.setAttribute('aria-label', msg('views.neurons.gate'));
    gateBox.replaceChildren(
      ...order.map((g) => {
        const b = el('button', { type: 'button', class: `nn-gate sym-${g}`, 'aria-pressed': String(g === graph.gate) }, mathText(msg(`views.gate.${g}`)));
        // The cell's first gate is the default, left out of the link.
        b.addEventListener('click', () => opts.onChange && opts.onChange({ ngate: g === order[0] ? '' : g }));
        return b;
      }),
    );
  }

  function drawRange(state) {
    const { T, from, to, n, shown } = graph;
    const windows = stepWindows(T);
    rangeBox.replaceChildren();
    if (windows.length > 1) {
      const sel = el('select', { 'aria-label': msg('views.neurons.range') });
      for (const f of windows) {
        const o = el('option', { value: String(f) }, msg('views.neurons.rangeOption', { a: f, b: Math.min(T, f + NEURONS.steps - 1) }));
        if (f === from) o.selected = true;
        sel.append(o);
      }
      sel.addEventListener('change', () => opts.onChange && opts.onChange({ nfrom: Number(sel.value) }));
      rangeBox.append(el('label', {}, msg('views.neurons.range'), ' ', sel));
    }
    const hidden = [];
    if (from > 1 || to < T) hidden.push(msg('views.neurons.hiddenSteps', { a: from, b: to, T }));
    if (shown < n) hidden.push(msg('views.neurons.hiddenUnits', { shown, n }));
    if (graph.text) hidden.push(msg('views.neurons.textOut'));
    note.hidden = hidden.length === 0;
    setText(note, hidden.join(' '));
    void state;
  }

  function build(state, result, width) {
    graph = neuronGraph(result, gate);
    if (!graph) return;
    pos = layout(graph, width, state.present);
    const geom = [graph.from, graph.to, graph.shown, graph.inputs.map((d) => d.id).join(), graph.outputs.map((d) => d.id).join(), graph.cells.length, width, state.present].join('|');
    const moved = geom !== geometry;
    geometry = geom;
    svg.attr('width', pos.width).attr('height', pos.height).attr('viewBox', `0 0 ${pos.width} ${pos.height}`);
    svg.attr('aria-label', msg('views.neurons.aria', { n: graph.units.length + graph.inputs.length + graph.outputs.length + graph.cells.length, links: graph.links.length }));
    const maxAbs = { U: 0, W: 0, V: 0 };
    for (const w of (result.graph && result.graph.weights) || []) if (w.layer <= 0) maxAbs[w.kind] = Math.max(maxAbs[w.kind] || 0, w.max_abs);
    const cmax = d3.max(graph.links, (l) => Math.abs(l.contrib)) || 1;
    const width1 = (l) => 0.4 + (pos.linkMax - 0.4) * (Math.abs(l.weight) / (maxAbs[l.kind] || 1));
    const opacity = (l) => 0.05 + 0.95 * Math.sqrt(Math.abs(l.contrib) / cmax);
    const links = gLinks
      .selectAll('line')
      .data(graph.links, (l) => `${l.from}>${l.to}`)
      .join('line');
    if (moved) {
      links
        .attr('class', (l) => `nn-link nn-${l.kind}`)
        .attr('data-from', (l) => l.from)
        .attr('data-to', (l) => l.to)
        .attr('data-kind', (l) => l.kind)
        .attr('data-t', (l) => l.t)
        .attr('x1', (l) => pos.at(l.from).x)
        .attr('y1', (l) => pos.at(l.from).y)
        .attr('x2', (l) => pos.at(l.to).x)
        .attr('y2', (l) => pos.at(l.to).y);
    }
    links
      .attr('data-weight', (l) => l.weight)
      .attr('data-contrib', (l) => l.contrib)
      .attr('stroke', (l) => (l.weight > 0 ? SIGN.pos : l.weight < 0 ? SIGN.neg : '#94a3b8'))
      .attr('stroke-width', width1)
      .attr('stroke-opacity', opacity);
    incoming = new Map();
    links.each(function (l) {
      if (!incoming.has(l.to)) incoming.set(l.to, []);
      incoming.get(l.to).push(this);
    });

    const nodes = [...graph.inputs, ...graph.units, ...graph.cells, ...graph.outputs];
    const scaleOf = (kind) => activationScale(kind === 'h' ? 1 : d3.max(nodes.filter((d) => d.kind === kind), (d) => Math.abs(d.value)) || 1);
    const scales = { x: scaleOf('x'), h: scaleOf('h'), c: scaleOf('c'), y: scaleOf('y') };
    const focusable = (d) => d.kind === 'h' || d.kind === 'y';
    gNodes
      .selectAll('g.nn-node')
      .data(nodes, (d) => d.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', (d) => `nn-node nn-node-${d.kind}`);
        g.append('circle');
        return g;
      })
      .attr('transform', (d) => `translate(${pos.at(d.id).x},${pos.at(d.id).y})`)
      .attr('data-id', (d) => d.id)
      .attr('data-symbol', (d) => d.kind)
      .attr('data-t', (d) => d.t)
      .attr('data-unit', (d) => d.k)
      .attr('data-value', (d) => d.value)
      .attr('role', (d) => (focusable(d) ? 'button' : 'img'))
      .attr('tabindex', (d) => (focusable(d) ? -1 : null))
      .attr('aria-label', (d) => nodeLabel(d))
      .select('circle')
      .attr('r', (d) => (d.kind === 'c' ? pos.r * 0.7 : pos.r))
      .attr('fill', (d) => scales[d.kind](d.value));

    const labels = [...pos.labels];
    gLabels
      .selectAll('text')
      .data(labels)
      .join('text')
      .attr('class', (d) => `nn-label ${d.cls || ''}`)
      .attr('x', (d) => d.x)
      .attr('y', (d) => d.y)
      .attr('text-anchor', (d) => d.anchor || 'middle')
      .text((d) => d.text);
    gBand
      .selectAll('rect')
      .data(d3.range(graph.from, graph.to + 1))
      .join('rect')
      .attr('class', 'nn-band')
      .attr('data-t', (t) => t)
      .attr('x', (t) => pos.colX(t) - pos.colW / 2)
      .attr('width', pos.colW)
      .attr('y', 0)
      .attr('height', pos.height);
  }

  function nodeLabel(d) {
    const name = { x: 'x', h: 's', c: 'c', y: 'o' }[d.kind];
    const label = d.label ? `「${d.label}」` : '';
    return `${name}_${d.t}[${d.kind === 'x' ? d.k : d.k + 1}]${label} = ${d.value}`;
  }

  // paint marks the current step and the focus (a step only repaints).
  function paint(state, result) {
    if (!graph) return;
    const t = state.t;
    gBand.selectAll('rect').classed('is-current', (s) => s === t);
    gNodes.selectAll('g.nn-node').classed('is-future', (d) => d.t > t);
    gLinks.selectAll('line').classed('is-future', (l) => l.t > t);
    const home = homeId(state);
    gNodes.selectAll('g.nn-node').filter((d) => d.kind === 'h' || d.kind === 'y').attr('tabindex', (d) => (d.id === (focusId || home) ? 0 : -1));
    showFocus(focusId, result, home);
  }

  // homeId is the unit the page's state points at, when it is drawn.
  function homeId(state) {
    const t = Math.min(Math.max(state.t, graph.from), graph.to);
    return nodeId('h', t, Math.min(state.unit, graph.shown - 1));
  }

  function showFocus(id, result, home) {
    for (const el of svg.node().querySelectorAll('.nn-link.in')) el.classList.remove('in');
    svg.classed('nn-focusing', !!id);
    if (id) for (const l of incoming.get(id) || []) l.classList.add('in');
    gNodes.selectAll('g.nn-node').classed('is-focus', (d) => d.id === (id || home));
    const fn = graph.gate === 'h' ? fnSymbol(result.model.activation, 'tanh') : ['g', 'n'].includes(graph.gate) ? fnSymbol(result.model.activation, 'tanh') : fnSymbol(result.model.recurrent_activation, 'sigmoid');
    const target = id || home;
    const info = termsOf(result, graph, target);
    renderPanel(panel, { info: info && target.startsWith('y') ? { ...info } : info, graph, msg, fn: target.startsWith('y') ? '' : fn });
  }

  function setFocus(id) {
    focusId = id;
    if (last) paint(...last);
  }

  const nodeOf = (ev) => ev.target.closest && ev.target.closest('g.nn-node');
  svg.on('pointerover', (ev) => {
    const n = nodeOf(ev);
    if (n && (n.dataset.symbol === 'h' || n.dataset.symbol === 'y')) setFocus(n.dataset.id);
  });
  svg.on('pointerleave', () => {
    if (!container.contains(document.activeElement) || !nodeOf({ target: document.activeElement })) setFocus(null);
  });
  svg.on('focusin', (ev) => {
    const n = nodeOf(ev);
    if (n) setFocus(n.dataset.id);
  });
  svg.on('focusout', (ev) => {
    if (!ev.relatedTarget || !svg.node().contains(ev.relatedTarget)) setFocus(null);
  });
  svg.on('click', (ev) => {
    const n = nodeOf(ev);
    if (!n) return;
    opts.onSelectStep && opts.onSelectStep(Number(n.dataset.t));
    if (n.dataset.symbol === 'h') opts.onSelectUnit && opts.onSelectUnit(Number(n.dataset.unit));
  });
  // Keys on a unit: ↑ ↓ the unit, ← → the step (the page's step follows), Enter selects it.
  svg.on('keydown', (ev) => {
    const n = nodeOf(ev);
    if (!n || !graph) return;
    let t = Number(n.dataset.t);
    let k = Number(n.dataset.unit);
    const kind = n.dataset.symbol;
    if (ev.key === 'ArrowUp' || ev.key === 'ArrowDown') {
      k += ev.key === 'ArrowUp' ? -1 : 1;
      if (kind !== 'h' || k < 0 || k >= graph.shown) return;
    } else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight') {
      t += ev.key === 'ArrowLeft' ? -1 : 1;
      if (t < graph.from || t > graph.to) return ev.preventDefault();
      if (kind === 'y') k = Math.min(k, graph.shown - 1);
    } else if (ev.key === 'Enter') {
      opts.onSelectStep && opts.onSelectStep(t);
      if (kind === 'h') opts.onSelectUnit && opts.onSelectUnit(k);
      return ev.preventDefault();
    } else return;
    ev.preventDefault();
    const next = gNodes.select(`g.nn-node[data-id="${nodeId('h', t, k)}"]`).node();
    if (!next) return;
    focusId = next.dataset.id;
    if (last) paint(...last);
    next.focus();
    if (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight') opts.onSelectStep && opts.onSelectStep(t);
  });

  function draw(state, result) {
    const width = Math.max(300, size.width() || 960);
    const kind = cellKind(state, result);
    setText(title, msg(`views.neurons.title.${kind}`));
    gate = state.ngate || null;
    if (!drawnFor || drawnFor[0] !== result || drawnFor[1] !== gate || drawnFor[2] !== width || drawnFor[3] !== state.lang || drawnFor[4] !== state.present) {
      build(state, result, width);
      drawnFor = [result, gate, width, state.lang, state.present];
      if (!graph) {
        note.hidden = false;
        setText(note, msg('views.neurons.none'));
        return;
      }
      drawGates(state, result);
      drawRange(state);
      if (focusId && !gNodes.select(`g.nn-node[data-id="${focusId}"]`).node()) focusId = null;
    }
    paint(state, result);
    container.dataset.drawn = String((Number(container.dataset.drawn) || 0) + 1);
  }

  const size = watchSize(scroller, () => {
    if (last) draw(...last);
  });

  return {
    update(state, result) {
      if (state.view !== 'neurons' || !result || !result.steps || !result.steps.length) return;
      last = [state, result];
      draw(state, result);
    },
    destroy() {
      size.stop();
      container.replaceChildren();
      container.classList.remove('views-host', 'view-neurons');
    },
  };
}
