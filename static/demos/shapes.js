// The four shapes of a recurrent network's input and output (the lecture: one to one, one to
// many, many to one, many to many), each a small unrolled graph drawn in the unrolled graph's
// style (x_t below, s_t in the middle, o_t above; edges U, W, V): which inputs and which outputs
// exist. Each names the lecture's example and links to the demo that uses the shape.
import { el } from '../format.js';
import { symText, addMarkers } from '../views/svg.js';

const d3 = globalThis.d3;

// SHAPES: T steps; the steps that have an input x_t and an output o_t; the demo's link.
export const SHAPES = [
  { id: 'one_one', T: 1, inputs: [1], outputs: [1], href: '#demo=order' },
  { id: 'one_many', T: 3, inputs: [1], outputs: [1, 2, 3], href: '#demo=generate' },
  { id: 'many_one', T: 3, inputs: [1, 2, 3], outputs: [3], href: '#demo=order' },
  { id: 'many_many', T: 3, inputs: [1, 2, 3], outputs: [1, 2, 3], href: '#demo=neuron' },
];

const W = 270;
const H = 176;
const Y = { o: 30, s: 92, x: 154 };
const R = 15;

// createShapes(container, {t}) → {update(state)}: the four figures, redrawn on a language change.
export function createShapes(container, { t }) {
  let lang = null;
  function draw(state) {
    container.replaceChildren(
      el('h2', { class: 'demo-title', id: 'h-shapes' }, t('shapes.title')),
      el('p', { class: 'demo-lecture' }, t('shapes.lecture')),
      el('div', { class: 'shapes-grid' }, SHAPES.map((s) => figure(s, state))),
    );
  }
  function figure(s, state) {
    const name = t(`shapes.${s.id}`);
    const fig = el('figure', { class: 'shape', 'data-shape': s.id, 'data-inputs': s.inputs.length, 'data-outputs': s.outputs.length });
    fig.append(el('figcaption', { class: 'shape-name' }, name));
    const svg = d3.select(fig).append('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('class', 'shape-svg')
      .attr('role', 'img').attr('aria-label', t('shapes.figure', { name, inputs: s.inputs.length, outputs: s.outputs.length }));
    const markers = addMarkers(svg, ['U', 'W', 'V']);
    const cx = (k) => (W / (s.T + 1)) * k;
    const edge = (w, x1, y1, x2, y2) => {
      const g = svg.append('g').attr('class', `edge w-${w}`);
      g.append('line').attr('class', 'edge-line').attr('x1', x1).attr('y1', y1).attr('x2', x2).attr('y2', y2).attr('marker-end', markers[w]);
      const horizontal = y1 === y2;
      g.append('text').attr('class', 'edge-label').attr('x', (x1 + x2) / 2 + (horizontal ? 0 : 7)).attr('y', (y1 + y2) / 2 + (horizontal ? -6 : 5)).text(w);
    };
    const node = (sym, k, y, shape) => {
      const g = svg.append('g').attr('class', `shape-node sym-${sym === 's' ? 'h' : sym === 'o' ? 'y' : 'x'}`).attr('data-node', `${sym}_${k}`);
      if (shape === 'rect') g.append('rect').attr('class', 'node-shape').attr('x', cx(k) - 18).attr('y', y - 16).attr('width', 36).attr('height', 32).attr('rx', 7);
      else g.append('circle').attr('class', 'node-shape').attr('cx', cx(k)).attr('cy', y).attr('r', R);
      symText(g.append('text').attr('class', 'shape-sym').attr('x', cx(k)).attr('y', y + 5).attr('text-anchor', 'middle'), s.T === 1 ? sym : `${sym}_${k}`);
    };
    for (let k = 1; k <= s.T; k++) {
      if (s.inputs.includes(k)) edge('U', cx(k), Y.x - R, cx(k), Y.s + 17);
      if (s.outputs.includes(k)) edge('V', cx(k), Y.s - 17, cx(k), Y.o + R);
      if (k < s.T) edge('W', cx(k) + 19, Y.s, cx(k + 1) - 19, Y.s);
    }
    for (let k = 1; k <= s.T; k++) {
      node('s', k, Y.s, 'rect');
      if (s.inputs.includes(k)) node('x', k, Y.x);
      if (s.outputs.includes(k)) node('o', k, Y.o);
    }
    const here = state.demo === 'order' && s.href === '#demo=order';
    fig.append(
      el('p', { class: 'shape-example' }, t(`shapes.${s.id}.ex`)),
      el('a', { class: 'shape-link', href: s.href, 'data-demo': s.href.slice('#demo='.length), 'aria-current': here ? 'page' : null }, `→ ${t(`shapes.${s.id}.link`)}`),
    );
    return fig;
  }
  return {
    update(state) {
      if (state.lang === lang) return;
      lang = state.lang;
      draw(state);
    },
  };
}
