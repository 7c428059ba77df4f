// A tooltip shared by the views: one element per view, shown next to a hovered or focused target.
// Content is built with DOM nodes (no HTML strings). Also renders a weight matrix compactly.
import { el, num, numAttrs } from '../format.js';
import { activationScale, mathText } from './common.js';
import { symText } from './svg.js';

const d3 = globalThis.d3;

// createTooltip appends a tooltip element to host (which the views make position: relative).
export function createTooltip(host) {
  const tip = el('div', { class: 'views-tooltip', role: 'tooltip', 'aria-live': 'polite' });
  tip.hidden = true;
  host.append(tip);
  let pinnedTo = null;

  function place(target) {
    const hb = host.getBoundingClientRect();
    const tb = target.getBoundingClientRect();
    tip.hidden = false;
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    let left = tb.left - hb.left + tb.width / 2 - w / 2;
    left = Math.max(4, Math.min(left, hb.width - w - 4));
    let top = tb.top - hb.top - h - 10;
    if (top < 4) top = tb.bottom - hb.top + 10;
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(top)}px`;
  }

  return {
    // show fills the tooltip with nodes and places it next to target (an Element).
    show(target, ...content) {
      tip.replaceChildren(...content.flat().filter(Boolean));
      place(target);
    },
    // pin keeps the tooltip until hide(true) (used for taps).
    pin(target) {
      pinnedTo = target;
    },
    pinned() {
      return pinnedTo;
    },
    hide(force) {
      if (pinnedTo && !force) return;
      pinnedTo = null;
      tip.hidden = true;
    },
    destroy() {
      tip.remove();
    },
  };
}

// tipTitle builds the first line of a tooltip.
export function tipTitle(...parts) {
  return el('div', { class: 'tip-title' }, ...parts);
}

export function tipLine(...parts) {
  return el('div', { class: 'tip-line' }, ...parts);
}

// matrixView renders a weight matrix (rows × cols): numbers when small, a colour grid otherwise.
// Cells carry data-symbol, data-row, data-col and data-value. colGroups: [{from, to, label, text?}]
// marks the gate blocks of a Keras kernel; text is the gate's on-screen symbol (default: label).
export function matrixView(symbol, m, colGroups = []) {
  const rows = m.length;
  const cols = rows ? m[0].length : 0;
  const maxAbs = d3.max(m.flat(), (v) => Math.abs(v)) || 1;
  const color = activationScale(maxAbs);
  const wrap = el('div', { class: `matrix sym-${symbol}` });
  if (rows * cols <= 40) {
    // One table per gate block, side by side as long as they fit the tooltip, then wrapped: a
    // kernel of several gates (LSTM's U is 16 columns wide) stays within the tooltip.
    const blocks = colGroups.length > 1 ? colGroups : [{ from: 0, to: cols }];
    if (blocks.length > 1) wrap.classList.add('matrix-gates');
    for (const g of blocks) {
      const table = el('table', { class: 'matrix-numbers' });
      if (colGroups.length > 1) table.append(el('tr', {}, el('th', { colspan: g.to - g.from, class: `gate-${g.label}` }, mathText(g.text || g.label))));
      m.forEach((row, r) => {
        const cells = row.slice(g.from, g.to).map((v, k) => num(symbol, null, null, v, { tag: 'td', digits: 2, class: v < 0 ? 'neg' : 'pos', data: { row: r, col: g.from + k } }));
        table.append(el('tr', {}, cells));
      });
      wrap.append(table);
    }
    return wrap;
  }
  // A colour grid sized to stay within the tooltip.
  const cell = Math.max(1, Math.min(14, Math.floor(320 / cols), Math.floor(200 / rows)));
  const svg = d3
    .create('svg')
    .attr('class', 'matrix-grid')
    .attr('width', cols * cell)
    .attr('height', rows * cell + (colGroups.length > 1 ? 16 : 0))
    .attr('role', 'img')
    .attr('aria-label', `${symbol} ${rows}×${cols}`);
  const g = svg.append('g').attr('transform', `translate(0,${colGroups.length > 1 ? 16 : 0})`);
  if (rows * cols <= 4000) {
    g.selectAll('rect')
      .data(m.flatMap((row, r) => row.map((v, c) => ({ r, c, v }))))
      .join('rect')
      .attr('x', (d) => d.c * cell)
      .attr('y', (d) => d.r * cell)
      .attr('width', cell)
      .attr('height', cell)
      .attr('fill', (d) => color(d.v))
      .attr('data-row', (d) => d.r)
      .attr('data-col', (d) => d.c)
      .each(function (d) {
        numAttrs(this, symbol, null, null, d.v);
      });
  }
  if (colGroups.length > 1) {
    for (const grp of colGroups) {
      svg
        .append('text')
        .attr('class', `matrix-group gate-${grp.label}`)
        .attr('x', ((grp.from + grp.to) / 2) * cell)
        .attr('y', 12)
        .attr('text-anchor', 'middle')
        .call((text) => symText(text, grp.text || grp.label));
      if (grp.from > 0) {
        g.append('line')
          .attr('class', 'matrix-divider')
          .attr('x1', grp.from * cell)
          .attr('x2', grp.from * cell)
          .attr('y1', 0)
          .attr('y2', rows * cell);
      }
    }
  }
  wrap.append(svg.node());
  return wrap;
}
