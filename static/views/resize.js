// The size of an element, from a ResizeObserver. A view that draws to its container's size reads
// the size the observer last reported: reading clientWidth while drawing would force a layout of
// the whole page on every step.

// watchSize(node, onResize, {height}) → {width(), height(), stop()}
//
// onResize({width, height}) runs when node's content box changes width (and height too, with
// height: true). Sizes are whole pixels, rounded as clientWidth and clientHeight round them; a node
// that is not displayed (width 0) reports nothing and keeps its last size. width() and height()
// return the last size reported; asked before the first report, they read node's size once (a
// layout: 0 while node is not displayed) and keep it until the observer reports.
export function watchSize(node, onResize, { height: withHeight = false } = {}) {
  let size = null;
  const ro = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1].contentRect;
    const next = { width: Math.round(box.width), height: Math.round(box.height) };
    if (!next.width) return;
    const changed = !size || next.width !== size.width || (withHeight && next.height !== size.height);
    size = next;
    if (changed) onResize(next);
  });
  ro.observe(node);

  function current() {
    if (!size) size = { width: node.clientWidth, height: node.clientHeight };
    return size;
  }
  return {
    width: () => current().width,
    height: () => current().height,
    stop: () => ro.disconnect(),
  };
}
