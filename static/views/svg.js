// SVG helpers shared by the graph and cell views: notation text with subscripts, arrow markers,
// and hover/focus wiring for elements that show a tooltip.

let markerSeq = 0;

// symText writes notation like "s_t−1", "x_3", "o^{閘}" or "s_t → t + 1" into a d3 <text> (or
// <tspan>) selection: a letter followed by "_" gets the rest of the word as a subscript, and a
// letter followed by "^{…}" gets a mark above (the LSTM output gate's, o^{閘}).
export function symText(text, str) {
  text.selectAll('tspan').remove();
  text.text(null);
  const s = String(str);
  const re = /([A-Za-z\u0370-\u03ff])(?:\^\{([^}]+)\})?(?:_(\{[^}]+\}|[A-Za-z0-9\u2032\u2212]+))?/gu;
  // Baseline shifts are tracked in em of the text's own size; a tspan's dy is in its own em.
  let shift = 0;
  const span = (str, cls, size, to) => {
    const t = text.append('tspan');
    if (cls) t.attr('class', cls);
    if (size !== 1) t.attr('font-size', `${size}em`);
    if (to !== shift) t.attr('dy', `${+((to - shift) / size).toFixed(3)}em`);
    shift = to;
    return t.text(str);
  };
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (!m[2] && !m[3]) continue;
    if (m.index > last) span(s.slice(last, m.index), null, 1, 0);
    span(m[1], m[2] ? 'sym-main marked' : 'sym-main', 1, 0);
    if (m[2]) span(m[2], 'sym-mark', 0.6, -0.55);
    if (m[3]) span(m[3].replace(/^\{|\}$/g, ''), 'sym-sub', 0.72, 0.22);
    last = m.index + m[0].length;
  }
  if (last < s.length) span(s.slice(last), null, 1, 0);
  else if (shift !== 0) span('\u200b', null, 1, 0);
  return text;
}

// addMarkers defines arrowheads (one per class) in svg's <defs>; returns {name: "url(#id)"}.
export function addMarkers(svg, names) {
  const defs = svg.append('defs');
  const urls = {};
  const seq = ++markerSeq;
  for (const name of names) {
    const id = `views-arrow-${seq}-${name}`;
    defs
      .append('marker')
      .attr('id', id)
      .attr('class', `arrow arrow-${name}`)
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 9)
      .attr('refY', 5)
      .attr('markerUnits', 'userSpaceOnUse')
      .attr('markerWidth', 11)
      .attr('markerHeight', 11)
      .attr('orient', 'auto-start-reverse')
      .append('path')
      .attr('d', 'M0,0 L10,5 L0,10 z');
    urls[name] = `url(#${id})`;
  }
  return urls;
}

// interactive makes a d3 selection focusable and wires hover, focus, tap and Enter.
// handlers: {show(event, d, node), hide(), activate(event, d)}.
export function interactive(sel, label, handlers) {
  sel
    .attr('tabindex', 0)
    .attr('role', handlers.activate ? 'button' : 'img')
    .attr('aria-label', label)
    .on('pointerenter focus', function (event, d) {
      handlers.show(event, d, this);
    })
    .on('pointerleave blur', () => handlers.hide())
    .on('click', function (event, d) {
      event.stopPropagation();
      handlers.show(event, d, this, true);
      if (handlers.activate) handlers.activate(event, d);
    })
    .on('keydown', (event, d) => {
      if (event.key === 'Enter' && handlers.activate) {
        event.preventDefault();
        event.stopPropagation();
        handlers.activate(event, d);
      }
    });
  return sel;
}

// showStep decides whether step k's label is drawn: always for the current step, the first and
// the last; otherwise every stride-th, unless it would crowd one of those.
export function showStep(k, now, T, stride, colW, minPx = 26) {
  if (k === now) return true;
  const clear = (p) => Math.abs(k - p) * colW >= minPx;
  if (k === 1 || k === T) return clear(now);
  return k % stride === 0 && clear(now) && clear(1) && clear(T);
}
