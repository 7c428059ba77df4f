// The rolled (loop) form the lecture draws: x → s (with the recurrent W loop) → o, showing the
// current step's values, beside a note on Keras's unroll= flag.
import { SIZE } from '../config.js';
import { fmt, numAttrs, el } from '../format.js';
import { activationScale, inkOn, signColor, currentT, stepAt, cellKind, drawnGraph } from './common.js';
import { symText, addMarkers, interactive } from './svg.js';
import { edgeStats, weightTip } from './graph-tips.js';

const d3 = globalThis.d3;
const KERAS = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };

export function createRolled(body, deps) {
  const wrap = el('div', { class: 'rolled' });
  const figure = el('div', { class: 'rolled-figure' });
  const note = el('div', { class: 'keras-note' });
  wrap.append(figure, note);
  body.append(wrap);
  const svg = d3.select(figure).append('svg').attr('class', 'rolled-svg').attr('viewBox', '0 0 460 340');
  const markers = addMarkers(svg, ['pos', 'neg', 'zero']);
  const root = svg.append('g');

  function render(state, result) {
    const msg = deps.msg;
    const kind = cellKind(state, result);
    const now = currentT(state, result);
    const T = result.steps.length;
    const step = stepAt(result, now);
    const color = activationScale(1);
    const stats = edgeStats(result);
    const maxAbs = d3.max(Object.values(stats), (s) => s.mean_abs) || 1;
    const widthOf = d3.scaleLinear().domain([0, maxAbs]).range([SIZE.edgeMin, SIZE.edgeMax]);
    const { counts } = drawnGraph(result);
    const arrow = (w) => markers[stats[w].mean > 0 ? 'pos' : stats[w].mean < 0 ? 'neg' : 'zero'];
    svg.attr('aria-label', msg('views.graph.rolledTitle'));
    root.selectAll('*').remove();

    const cx = 250;
    const y = { o: 56, s: 172, x: 288 };
    const sW = 64;
    const sH = 96;

    root.append('text').attr('class', 'rolled-step').attr('x', 8).attr('y', 22).text(`t = ${now} / ${T}`);
    for (const [k, yy] of [['y', y.o], ['h', y.s], ['x', y.x]]) {
      const text = msg(`views.gate.${k}`);
      const cut = text.lastIndexOf(' ');
      const g = root.append('g').attr('class', `row-label sym-${k}`).attr('transform', `translate(8,${yy})`);
      g.append('text').attr('class', 'row-word').attr('y', -6).text(cut > 0 ? text.slice(0, cut) : text);
      symText(g.append('text').attr('class', 'row-sym').attr('y', 18), cut > 0 ? text.slice(cut + 1) : '');
    }

    // Edges U, V and the W loop.
    const edges = [
      { w: 'U', d: `M${cx},${y.x - 26} L${cx},${y.s + sH / 2 + 4}`, lx: cx + 10, ly: (y.x + y.s + sH / 2) / 2 + 4 },
      { w: 'V', d: `M${cx},${y.s - sH / 2 - 1} L${cx},${y.o + 30}`, lx: cx + 10, ly: (y.o + y.s - sH / 2) / 2 + 8 },
      {
        w: 'W',
        d: `M${cx + sW / 2},${y.s - 22} C${cx + 150},${y.s - 90} ${cx + 150},${y.s + 90} ${cx + sW / 2 + 3},${y.s + 22}`,
        lx: cx + 124,
        ly: y.s + 6,
      },
    ];
    const eg = root
      .selectAll('g.edge')
      .data(edges)
      .join('g')
      .attr('class', (e) => `edge w-${e.w}`);
    eg.append('path')
      .attr('class', 'edge-line')
      .attr('d', (e) => e.d)
      .attr('fill', 'none')
      .attr('stroke', (e) => signColor(stats[e.w].mean))
      .attr('stroke-width', (e) => widthOf(stats[e.w].mean_abs))
      .attr('marker-end', (e) => arrow(e.w));
    eg.append('path').attr('class', 'edge-hit').attr('d', (e) => e.d).attr('fill', 'none');
    eg.append('text').attr('class', 'edge-label big').attr('x', (e) => e.lx).attr('y', (e) => e.ly).text((e) => e.w);
    symText(root.append('text').attr('class', 'loop-note').attr('x', cx + 150).attr('y', y.s + 50).attr('text-anchor', 'middle'), 's_t−1');
    interactive(eg, (e) => msg(`views.graph.weight.${e.w}`), {
      show: (event, e, node, pin) => {
        deps.tip.show(node, weightTip(msg, kind, result, e.w, counts.get(e.w) || 0));
        if (pin) deps.tip.pin(node);
      },
      hide: () => deps.tip.hide(),
    });

    // Nodes with the values of step t.
    const xg = root.append('g').attr('class', 'node kind-x sym-x current').attr('transform', `translate(${cx},${y.x})`);
    const xv = step.x;
    const xr = xv.length === 1 ? 26 : 0;
    if (xr) {
      numAttrs(xg.append('circle').attr('class', 'node-shape unit').attr('r', xr).attr('fill', color(xv[0])), 'x', now, 0, xv[0]);
      numAttrs(xg.append('text').attr('class', 'node-value').attr('dy', '0.35em').attr('text-anchor', 'middle').attr('fill', inkOn(xv[0])), 'x', now, 0, xv[0]).text(fmt(xv[0], 2));
    } else {
      strip(xg, 'x', xv, sW, 40);
    }
    symText(xg.append('text').attr('class', 'node-caption').attr('x', 34).attr('y', 24), `x_${now}`);

    const sg = root.append('g').attr('class', 'node kind-s sym-h current').attr('transform', `translate(${cx},${y.s})`);
    strip(sg, 'h', step.h, sW, sH);
    symText(sg.append('text').attr('class', 'node-caption').attr('x', -sW / 2 - 8).attr('y', sH / 2).attr('text-anchor', 'end'), `s_${now}`);

    const og = root.append('g').attr('class', `node kind-o sym-y${now < T ? ' future' : ' current'}`).attr('transform', `translate(${cx},${y.o})`);
    const out = result.output || [];
    const ov = out.length === 1 ? out[0] : null;
    og.append('circle').attr('class', 'node-shape unit').attr('r', 28).attr('fill', ov === null ? '#fff' : color(ov));
    if (ov !== null) {
      numAttrs(og.select('circle'), 'y', T, 0, ov);
      numAttrs(og.append('text').attr('class', 'node-value').attr('dy', '0.35em').attr('text-anchor', 'middle').attr('fill', inkOn(ov)), 'y', T, 0, ov).text(fmt(ov, 2));
    }
    symText(og.append('text').attr('class', 'node-caption').attr('x', 38).attr('y', 6), now < T ? `o_T (T = ${T})` : 'o_T');

    function strip(g, symbol, values, w, h) {
      const sh = h / Math.max(1, values.length);
      g.selectAll('rect.unit')
        .data(values)
        .join('rect')
        .attr('class', 'unit')
        .attr('x', -w / 2)
        .attr('width', w)
        .attr('y', (v, j) => -h / 2 + j * sh)
        .attr('height', sh + 0.2)
        .attr('fill', (v) => color(v))
        .each(function (v, j) {
          numAttrs(this, symbol, now, j, v);
        });
      g.append('rect').attr('class', 'node-frame').attr('x', -w / 2).attr('y', -h / 2).attr('width', w).attr('height', h).attr('rx', 5);
      if (values.length <= 6 && sh >= 15) {
        g.selectAll('text.unit-value')
          .data(values)
          .join('text')
          .attr('class', 'unit-value')
          .attr('y', (v, j) => -h / 2 + (j + 0.5) * sh)
          .attr('dy', '0.35em')
          .attr('text-anchor', 'middle')
          .attr('fill', (v) => inkOn(v))
          .text((v) => fmt(v, 2))
          .each(function (v, j) {
            numAttrs(this, symbol, now, j, v);
          });
      }
    }

    // The Keras note.
    const units = result.model ? result.model.units : step.h.length;
    const inputs = result.model ? result.model.inputs : step.x.length;
    note.replaceChildren(
      el('h4', {}, msg('views.keras.title')),
      el('pre', { class: 'code' }, el('code', {}, `model.add(${(result.model && result.model.keras) || KERAS[kind]}(units=${units},\n    input_shape=(${T}, ${inputs}),\n    unroll=False))`)),
      el('p', { class: 'keras-false' }, msg('views.keras.false')),
      el('p', { class: 'keras-true' }, msg('views.keras.true')),
      el('p', { class: 'keras-same' }, msg('views.keras.same')),
    );
  }

  return {
    render,
    destroy() {
      wrap.remove();
    },
  };
}
