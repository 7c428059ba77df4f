// The unrolled graph: x_1…x_T → s_1…s_T → o, drawn from result.graph (nodes and edges are the
// engine's data). Nodes are coloured by activation, edges by the sign and size of their weight
// matrix; the current step is emphasised and later steps dimmed.
import { SIZE, duration, animate } from '../config.js';
import { fmt, numAttrs } from '../format.js';
import { activationScale, inkOn, signColor, currentT, cellKind, drawnGraph, shown } from './common.js';
import { symText, addMarkers, interactive, showStep } from './svg.js';
import { edgeStats, idName, weightTip, nodeTip, nodeLabel } from './graph-tips.js';

const d3 = globalThis.d3;
const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

// layout computes the geometry for T steps in width px. mode: 'normal'; 'compact' on a phone
// (row labels reduced to their symbols); 'present' on a projector (larger nodes, for the larger
// type of presentation mode). valueFont is the px size of the numbers inside nodes (graph.css),
// which are drawn only where a circle is wide enough for them.
const MODES = {
  normal: { padL: 112, padR: 16, s0w: 60, rMax: SIZE.nodeRadius, sh: SIZE.stateHeight, valueFont: 12, dateGap: 58, stepGap: 30,
    y: { step: 20, o: 76, s: 172, x: 268, date: 310, raw: 330 }, height: [300, 344] },
  compact: { padL: 44, padR: 6, s0w: 30, rMax: SIZE.nodeRadius, sh: SIZE.stateHeight, valueFont: 12, dateGap: 58, stepGap: 30,
    y: { step: 20, o: 76, s: 172, x: 268, date: 310, raw: 330 }, height: [300, 344] },
  present: { padL: 112, padR: 12, s0w: 60, rMax: 26, sh: 60, valueFont: 20, dateGap: 76, stepGap: 44,
    y: { step: 20, o: 58, s: 132, x: 206, date: 256, raw: 280 }, height: [236, 288] },
};

function layout(T, width, hasLabels, mode) {
  const m = MODES[mode] || MODES.normal;
  const s0w = T > 30 ? Math.min(40, m.s0w) : m.s0w;
  const colW = (width - m.padL - m.padR - s0w) / T;
  const r = clamp(colW * (mode === 'present' ? 0.4 : 0.32), 5, m.rMax);
  return {
    mode,
    padL: m.padL,
    s0w,
    colW,
    cx: (k) => (k === 0 ? m.padL + s0w / 2 - 4 : m.padL + s0w + (k - 0.5) * colW),
    r,
    showValues: 2 * r >= 2.4 * m.valueFont, // "0.90" in the monospaced font
    dateGap: m.dateGap,
    stepGap: m.stepGap,
    sw: clamp(colW * 0.48, 6, SIZE.stateWidth),
    sh: m.sh,
    y: m.y,
    height: m.height[hasLabels ? 1 : 0],
  };
}

// feedsBack reports whether the text on screen is what the one-to-many demo wrote
// (demos/generate.js): then x_1 alone was given and every x_{t+1} is o_t's choice, fed back.
const feedsBack = (state, input) => state.demo === 'generate' && input?.kind === 'text' && state.modelNote?.generated === input.chars.join('');

// every returns the label stride so labels stay at least minPx apart.
const every = (colW, minPx) => Math.max(1, Math.ceil(minPx / colW));

export function createUnrolled(body, deps) {
  const svg = d3.select(body).append('svg').attr('class', 'graph-svg').attr('role', 'group').attr('tabindex', -1); // -1: not a Tab stop itself (Chromium would make it one); its nodes and weights rove
  const markers = addMarkers(svg, ['pos', 'neg', 'zero', 'hl', 'fb']);
  const root = svg.append('g');
  let key = '';
  let built = null;
  let L = null;

  function highlight(w) {
    svg.classed('hl', !!w);
    for (const k of ['U', 'W', 'V']) svg.classed(`hl-${k}`, w === k);
  }

  // The graph is one keyboard stop (a roving tabindex): Tab reaches the node or weight focused
  // last, else the current step's s_t. ↑ ↓ move within a step's column; ← → Home End, which
  // step the page (controls/keys.js), take the focus to the same node or weight at that step.
  let home = null; // the element Tab comes back to, while it is drawn
  let steps = { now: 1, T: 1 };
  const stops = () => root.selectAll('.node[tabindex], .edge[tabindex]').nodes();
  const kindOf = (e) => [...e.classList].find((c) => c.startsWith('kind-') || c.startsWith('w-'));
  const midY = (e) => {
    const r = e.getBoundingClientRect();
    return r.top + r.height / 2;
  };
  function rove() {
    const all = stops();
    if (!all.includes(home)) home = null;
    const target = home || all.find((e) => e.classList.contains('kind-s') && +e.dataset.t === steps.now) || all[0];
    for (const e of all) e.setAttribute('tabindex', e === target ? 0 : -1);
  }
  svg.on('focusin', (ev) => {
    if (!stops().includes(ev.target)) return;
    home = ev.target;
    rove();
  });
  svg.on('keydown.rove', (ev) => {
    const from = ev.target;
    if (ev.altKey || ev.ctrlKey || ev.metaKey || !stops().includes(from)) return;
    let next = null;
    if (ev.key === 'ArrowUp' || ev.key === 'ArrowDown') {
      ev.preventDefault();
      const column = stops().filter((e) => e.dataset.t === from.dataset.t).sort((a, b) => midY(a) - midY(b));
      next = column[column.indexOf(from) + (ev.key === 'ArrowUp' ? -1 : 1)];
    } else {
      const { now, T } = steps;
      const t = { ArrowLeft: now - 1, ArrowRight: now + 1, Home: 1, End: T }[ev.key];
      if (t === undefined) return;
      const at = Math.min(Math.max(t, 1), T);
      next = stops().find((e) => kindOf(e) === kindOf(from) && +e.dataset.t === at);
    }
    if (!next) return;
    home = next;
    rove();
    next.focus();
  });

  function build(state, result, width, mode) {
    const msg = deps.msg;
    const T = result.steps.length;
    const input = result.input || {};
    const hasLabels = !!(input.dates && input.dates.length === T);
    L = layout(T, width, hasLabels, mode);
    svg.attr('data-layout', mode);
    svg.attr('viewBox', `0 0 ${width} ${L.height}`).attr('aria-label', msg('views.graph.title'));
    root.selectAll('*').remove();

    // Background: current-step band and clickable columns.
    root.append('rect').attr('class', 'step-band').attr('rx', 8);
    const cols = root
      .append('g')
      .attr('class', 'columns')
      .selectAll('rect')
      .data(d3.range(1, T + 1))
      .join('rect')
      .attr('class', 'column-hit')
      .attr('x', (k) => L.cx(k) - L.colW / 2)
      .attr('width', L.colW)
      .attr('y', 0)
      .attr('height', L.height)
      .on('click', (event, k) => deps.onSelectStep && deps.onSelectStep(k));
    cols.append('title').text((k) => msg('views.step', { t: k }));

    // Row labels: the lecture's layers.
    const rows = [
      ['y', L.y.o],
      ['h', L.y.s],
      ['x', L.y.x],
    ];
    const lab = root.append('g').attr('class', 'row-labels');
    for (const [k, yy] of rows) {
      const text = msg(k === 'y' && result.outputs ? 'views.gate.y_seq' : `views.gate.${k}`); // o_t at every step, or o_T
      const cut = text.lastIndexOf(' ');
      const g = lab.append('g').attr('class', `row-label sym-${k}`).attr('transform', `translate(12,${yy})`);
      if (mode !== 'compact') g.append('text').attr('class', 'row-word').attr('y', -6).text(cut > 0 ? text.slice(0, cut) : text);
      symText(g.append('text').attr('class', 'row-sym').attr('y', 18), cut > 0 ? text.slice(cut + 1) : '');
    }

    // Step numbers along the top, dates and raw prices along the bottom.
    root
      .append('g')
      .attr('class', 'step-labels')
      .selectAll('text')
      .data(d3.range(1, T + 1))
      .join('text')
      .attr('class', 'step-label')
      .attr('x', (k) => L.cx(k))
      .attr('y', L.y.step)
      .attr('text-anchor', 'middle')
      .attr('data-k', (k) => k)
      .text((k) => (k === 1 && L.colW >= 44 ? `t = ${k}` : k));
    if (hasLabels) {
      const ds = every(L.colW, L.dateGap);
      const g = root.append('g').attr('class', 'date-labels');
      const idx = d3.range(1, T + 1).filter((k) => (T - k) % ds === 0);
      g.selectAll('text.date')
        .data(idx)
        .join('text')
        .attr('class', 'date')
        .attr('x', (k) => L.cx(k))
        .attr('y', L.y.date)
        .attr('text-anchor', 'middle')
        .text((k) => String(input.dates[k - 1]).slice(5));
      if (input.raw && input.raw[0] && input.raw[0].length === 1) {
        g.selectAll('text.raw')
          .data(idx)
          .join('text')
          .attr('class', 'raw')
          .attr('x', (k) => L.cx(k))
          .attr('y', L.y.raw)
          .attr('text-anchor', 'middle')
          .text((k) => fmt(input.raw[k - 1][0], input.raw[k - 1][0] >= 100 ? 0 : 2));
      }
    }

    // Edges, from the engine's edge list; the first, s_0 → s_1, starts at the small s_0.
    const { nodes, edges: drawn, counts } = drawnGraph(result);
    const stats = edgeStats(result);
    const maxAbs = d3.max(Object.values(stats), (s) => s.mean_abs) || 1;
    const edgeWidth = d3.scaleLinear().domain([0, maxAbs]).range([SIZE.edgeMin, SIZE.edgeMax]);
    const row = { x: L.y.x, h: L.y.s, y: L.y.o };
    const pos = (n) => ({ x: L.cx(n.t), y: row[n.kind], kind: n.kind });
    const ends = (a, b) => {
      if (a.kind === 'h' && b.kind === 'h') return [a.x + L.sw / 2 + 1, a.y, b.x - L.sw / 2 - 2, b.y];
      const ra = a.kind === 'x' ? L.r : a.kind === 'h' ? L.sh / 2 : L.r * 1.1;
      const rb = b.kind === 'h' ? L.sh / 2 : L.r * 1.1;
      const dir = Math.sign(b.y - a.y) || 1;
      return [a.x, a.y + dir * (ra + 1), b.x, b.y - dir * (rb + 3)];
    };
    const edgeData = drawn.map((e) => {
      const b = nodes.get(e.to);
      const p = e.initial ? [L.cx(0) + 12, L.y.s, L.cx(1) - L.sw / 2 - 2, L.y.s] : ends(pos(nodes.get(e.from)), pos(b));
      return { ...e, t: b.t, p, st: stats[e.kind] };
    });
    const arrows = L.colW >= 26;
    const eg = root.append('g').attr('class', 'edges');
    const edges = eg
      .selectAll('g.edge')
      .data(edgeData)
      .join('g')
      .attr('class', (e) => `edge w-${e.kind}${e.initial ? ' initial' : ''}`)
      .attr('data-t', (e) => e.t);
    edges
      .append('line')
      .attr('class', 'edge-line')
      .attr('x1', (e) => e.p[0])
      .attr('y1', (e) => e.p[1])
      .attr('x2', (e) => e.p[2])
      .attr('y2', (e) => e.p[3])
      .attr('stroke', (e) => signColor(e.st.mean))
      .attr('stroke-width', (e) => edgeWidth(e.st.mean_abs))
      .attr('marker-end', (e) => (arrows ? markers[e.st.mean > 0 ? 'pos' : e.st.mean < 0 ? 'neg' : 'zero'] : null));
    // A wide transparent stroke makes thin edges easy to hover and tap.
    edges
      .append('line')
      .attr('class', 'edge-hit')
      .attr('x1', (e) => e.p[0])
      .attr('y1', (e) => e.p[1])
      .attr('x2', (e) => e.p[2])
      .attr('y2', (e) => e.p[3]);
    if (L.colW >= 40) {
      edges
        .filter((e) => !e.initial)
        .append('text')
        .attr('class', 'edge-label')
        .attr('x', (e) => (e.p[0] + e.p[2]) / 2 + (e.kind === 'W' ? 0 : 9))
        .attr('y', (e) => (e.p[1] + e.p[3]) / 2 + (e.kind === 'W' ? -8 : 5))
        .attr('text-anchor', (e) => (e.kind === 'W' ? 'middle' : 'start'))
        .text((e) => e.kind);
    }
    interactive(edges.filter((e) => !e.initial), (e) => `${e.kind}: ${idName(e.from)} → ${idName(e.to)}`, {
      show: (event, e, node, pin) => {
        highlight(e.kind);
        deps.tip.show(node, weightTip(msg, cellKind(state, result), result, e.kind, counts.get(e.kind) || 0, e));
        if (pin) deps.tip.pin(node);
        deps.onHover && deps.onHover({ weight: e.kind, from: idName(e.from), to: idName(e.to) });
      },
      hide: () => {
        highlight(null);
        deps.tip.hide();
        deps.onHover && deps.onHover(null);
      },
    });

    // Feedback (one to many): from o_t, above, down to x_{t+1}, below, beside the column.
    if (feedsBack(state, input)) {
      const fb = root.append('g').attr('class', 'feedback');
      for (let k = 1; k < T; k++) {
        const [x0, y0, x1, y1] = [L.cx(k) + L.sw / 2 + 2, L.y.o, L.cx(k + 1) - L.r - 2, L.y.x];
        const g = fb.append('g').attr('class', 'edge feedback').attr('data-t', k + 1);
        g.append('path').attr('class', 'feedback-line')
          .attr('d', `M${x0},${y0} C${x0 + L.colW * 0.35},${y0} ${x1 - L.colW * 0.35},${y1} ${x1},${y1}`)
          .attr('marker-end', arrows ? markers.fb : null);
        g.append('title').text(msg('views.graph.feedback', { t: k, next: k + 1, char: input.chars[k] }));
      }
    }

    // Nodes: x and o as circles (one value) or unit strips; s_t always a strip of units.
    const ng = root.append('g').attr('class', 'nodes');
    // s_0 first (as its edge), then x_t, s_t and o_T in the engine's order.
    const nodeData = [...nodes.values()].sort((a, b) => (b.t === 0) - (a.t === 0));
    const groups = ng
      .selectAll('g.node')
      .data(nodeData, (n) => n.id)
      .join('g')
      .attr('class', (n) => `node kind-${shown(n.kind)} sym-${n.kind}${n.t === 0 ? ' initial' : ''}`)
      .attr('data-t', (n) => n.t)
      .attr('transform', (n) => `translate(${n.t === 0 ? L.cx(0) : L.cx(n.t)},${pos(n).y})`);
    groups.each(function (n) {
      const g = d3.select(this);
      const symbol = n.kind;
      // A text's x_t is drawn as its character with the one-hot index k (the one 1 of the vector).
      if (n.kind === 'x' && input.kind === 'text') {
        const k = input.tokens[n.t - 1];
        numAttrs(g.append('circle').attr('class', 'node-shape unit onehot').attr('r', L.r), symbol, n.t, k, n.value[k]);
        g.append('text').attr('class', 'node-char').attr('dy', '0.35em').attr('text-anchor', 'middle').attr('fill', inkOn(n.value[k])).text(input.chars[n.t - 1]);
        // A space between the two texts (not drawn) keeps them apart as words in the node's text: "n k=18".
        g.node().append(' ');
        g.append('text').attr('class', 'node-caption').attr('y', L.r + 12).attr('text-anchor', 'middle').text(`k=${k}`);
        return;
      }
      const round = n.kind !== 'h' && n.value.length === 1;
      if (round) {
        const r = n.kind === 'y' ? L.r * 1.1 : L.r;
        numAttrs(g.append('circle').attr('class', 'node-shape unit').attr('r', r), symbol, n.t, 0, n.value[0]);
        if (L.showValues) {
          numAttrs(g.append('text').attr('class', 'node-value').attr('dy', '0.35em').attr('text-anchor', 'middle'), symbol, n.t, 0, n.value[0]).text(fmt(n.value[0], 2));
        }
        return;
      }
      const w = n.t === 0 ? 20 : L.sw;
      const h = n.t === 0 ? L.sh * 0.8 : n.kind === 'h' ? L.sh : L.r * 2;
      const sh = h / Math.max(1, n.value.length);
      g.selectAll('rect.unit')
        .data(n.value)
        .join('rect')
        .attr('class', 'unit')
        .attr('x', -w / 2)
        .attr('width', w)
        .attr('y', (v, j) => -h / 2 + j * sh)
        .attr('height', sh + 0.2)
        .each(function (v, j) {
          numAttrs(this, symbol, n.t, j, v);
        });
      g.append('rect').attr('class', 'node-frame').attr('x', -w / 2).attr('y', -h / 2).attr('width', w).attr('height', h).attr('rx', 4);
      if (n.value.length === 1 && w >= 36) {
        numAttrs(g.append('text').attr('class', 'node-value').attr('dy', '0.35em').attr('text-anchor', 'middle'), symbol, n.t, 0, n.value[0]).text(fmt(n.value[0], 2));
      }
      if (n.t === 0) g.append('text').attr('class', 'node-caption').attr('y', h / 2 + 16).attr('text-anchor', 'middle').text('s₀');
    });
    // A node's colour is its value (fixed for this result); steps only change classes.
    const color = activationScale(1);
    groups.selectAll('.unit').attr('fill', function () {
      return color(+this.getAttribute('data-value'));
    });
    groups.selectAll('.node-value').attr('fill', function () {
      return inkOn(+this.getAttribute('data-value'));
    });
    interactive(groups, (n) => nodeLabel(n, input, msg), {
      show: (event, n, node, pin) => {
        const now = currentT(deps.state(), result);
        deps.tip.show(node, nodeTip(msg, result, n, now));
        if (pin) deps.tip.pin(node);
        deps.onHover && deps.onHover({ symbol: n.kind, t: n.t, value: n.value });
      },
      hide: () => {
        deps.tip.hide();
        deps.onHover && deps.onHover(null);
      },
      activate: (event, n) => n.t > 0 && deps.onSelectStep && deps.onSelectStep(n.t),
    });
  }

  // paint colours the nodes and marks the current and future steps (transitions between steps).
  function paint(state, result) {
    const now = currentT(state, result);
    const ms = duration(state);
    const band = root.select('.step-band');
    animate(band, band.attr('x') === null ? 0 : ms, d3.easeCubicOut)
      .attr('x', L.cx(now) - L.colW / 2 + 1)
      .attr('width', Math.max(4, L.colW - 2))
      .attr('y', 4)
      .attr('height', L.height - 8);
    root.selectAll('.node, .edge').each(function () {
      const k = +this.getAttribute('data-t');
      d3.select(this).classed('future', k > now).classed('current', k === now);
    });
    const stride = every(L.colW, L.stepGap);
    const T = result.steps.length;
    root.selectAll('.step-label').each(function () {
      const k = +this.getAttribute('data-k');
      d3.select(this)
        .classed('current', k === now)
        .classed('future', k > now)
        .attr('display', showStep(k, now, T, stride, L.colW) ? null : 'none');
    });
    // A text's k=… captions are wider than the step numbers: in narrow columns only the current step's shows.
    const captions = L.colW >= L.stepGap * 1.25;
    root.selectAll('.node-caption').attr('display', function () { return captions || +this.parentNode.dataset.t === now ? null : 'none'; });
    steps = { now, T };
    rove();
  }

  return {
    render(state, result, width, mode = 'normal') {
      const k = [result.steps.length, width, state.lang, mode, feedsBack(state, result.input)].join('|');
      if (k !== key || result !== built) {
        build(state, result, width, mode);
        key = k;
        built = result;
      }
      paint(state, result);
    },
    highlight,
    destroy() {
      svg.remove();
    },
  };
}
