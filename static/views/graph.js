// Graph view: the unrolled network (x_1…x_T → s_1…s_T → o) or the rolled loop form, switched by
// state.view ("unrolled" | "rolled"). create(container, opts) → {update(state, result), destroy()}.
//
// opts: {t(key, params), onSelectStep(t), onHover(info|null), onViewChange?(view)}. When
// onViewChange is given the view draws its own unrolled/rolled toggle; otherwise the page does.
import { el, fmt, setText } from '../format.js';
import { cellKind, activationScale, drawnGraph } from './common.js';
import { createTooltip } from './tooltip.js';
import { createUnrolled } from './graph-unrolled.js';
import { createRolled } from './graph-rolled.js';
import { weightTip } from './graph-tips.js';
import { watchSize } from './resize.js';

const d3 = globalThis.d3;

// The narrowest width the graph is drawn for (a 360 px phone's panel), and the width under which
// its row labels shrink to their symbols.
const MIN_WIDTH = 300;
const COMPACT_BELOW = 560;

// layoutMode picks the unrolled graph's geometry: larger type in presentation mode, compact row
// labels on a narrow screen.
function layoutMode(state, width) {
  if (width < COMPACT_BELOW) return 'compact';
  return state.present ? 'present' : 'normal';
}

export function create(container, opts = {}) {
  const msg = opts.t || ((k) => k);
  container.classList.add('views-host', 'view-graph');
  const head = el('div', { class: 'view-head' });
  const title = el('h3', { class: 'view-title' });
  const legend = el('div', { class: 'graph-legend' });
  const toggle = el('div', { class: 'view-toggle', role: 'group' });
  // (append would write a null child as the text "null")
  head.append(...[title, opts.onViewChange ? toggle : null, legend].filter(Boolean));
  const body = el('div', { class: 'graph-body' });
  container.append(head, body);
  const tip = createTooltip(container);
  let last = null;
  let width = 0; // the width drawn for
  let legendFor = null; // [result, lang, kind] the legend was drawn for

  const deps = {
    msg,
    tip,
    onSelectStep: opts.onSelectStep,
    onHover: opts.onHover,
    state: () => (last ? last[0] : {}),
  };
  const unrolled = createUnrolled(body, deps);
  const rolled = createRolled(body, deps);

  const hideTip = () => tip.hide(true);
  body.addEventListener('click', hideTip);

  function drawLegend(state, result) {
    const kind = cellKind(state, result);
    const { counts } = drawnGraph(result);
    const chips = ['U', 'W', 'V'].map((w) => {
      const chip = el('button', { type: 'button', class: `w-chip sym-${w}`, 'aria-label': msg(`views.graph.weight.${w}`) }, w);
      const show = () => {
        unrolled.highlight(w);
        tip.show(chip, weightTip(msg, kind, result, w, counts.get(w) || 0));
      };
      const hide = () => {
        unrolled.highlight(null);
        tip.hide(true);
      };
      chip.addEventListener('pointerenter', show);
      chip.addEventListener('focus', show);
      chip.addEventListener('pointerleave', hide);
      chip.addEventListener('blur', hide);
      return chip;
    });
    const scale = activationScale(1);
    const bar = d3.create('svg').attr('class', 'act-bar').attr('width', 120).attr('height', 14).attr('aria-hidden', 'true');
    bar
      .selectAll('rect')
      .data(d3.range(24))
      .join('rect')
      .attr('x', (k) => k * 5)
      .attr('width', 5.4)
      .attr('height', 14)
      .attr('fill', (k) => scale(-1 + (2 * k + 1) / 24));
    legend.replaceChildren(
      el('span', { class: 'legend-group' }, ...chips),
      el('span', { class: 'legend-group act-legend' }, el('span', { class: 'legend-k' }, msg('views.graph.legendAct')), fmt(-1, 0), bar.node(), `+${fmt(1, 0)}`),
    );
  }

  function drawToggle(state) {
    if (!opts.onViewChange) return;
    toggle.setAttribute('aria-label', msg('views.graph.toggle'));
    toggle.replaceChildren(
      ...['unrolled', 'rolled'].map((v) => {
        const b = el('button', { type: 'button', class: 'toggle-btn', 'aria-pressed': String(state.view === v || (v === 'unrolled' && state.view !== 'rolled')) }, msg(`views.graph.toggle.${v}`));
        b.addEventListener('click', () => opts.onViewChange(v));
        return b;
      }),
    );
  }

  function draw(state, result) {
    const view = state.view === 'rolled' ? 'rolled' : 'unrolled';
    container.classList.toggle('is-rolled', view === 'rolled');
    setText(title, msg(view === 'rolled' ? 'views.graph.rolledTitle' : result?.outputs ? 'views.graph.title_seq' : 'views.graph.title'));
    drawToggle(state);
    const kind = cellKind(state, result);
    if (!legendFor || legendFor[0] !== result || legendFor[1] !== state.lang || legendFor[2] !== kind) {
      drawLegend(state, result);
      legendFor = [result, state.lang, kind];
    }
    // The body's width as last observed: reading clientWidth here would force a layout of the
    // whole page on every step.
    width = Math.max(MIN_WIDTH, size.width() || 960);
    if (view === 'rolled') rolled.render(state, result);
    else unrolled.render(state, result, width, layoutMode(state, width));
  }

  const size = watchSize(body, ({ width: w }) => {
    if (last && Math.max(MIN_WIDTH, w) !== width) draw(...last);
  });

  return {
    update(state, result) {
      if (!result || !result.steps || !result.steps.length || !result.graph) return;
      last = [state, result];
      tip.hide(true);
      draw(state, result);
    },
    destroy() {
      size.stop();
      body.removeEventListener('click', hideTip);
      unrolled.destroy();
      rolled.destroy();
      tip.destroy();
      container.replaceChildren();
      container.classList.remove('views-host', 'view-graph', 'is-rolled');
    },
  };
}

export { create as createGraph };
