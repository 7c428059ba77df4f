// The lifecycle shared by views that draw to their container's width: build
// when the result, the language or the width changes; paint on every update
// (a step only repaints); and a ResizeObserver for the width, so a step never
// forces a layout of the page by reading clientWidth.

// sizedView(container, {build(state, result, width), paint(state, result), tip, className, minWidth})
// → {update(state, result), destroy()}
export function sizedView(container, { build, paint, tip, className, minWidth = 320 }) {
  let last = null;
  let width = 0; // the width drawn for
  let seen = 0; // the container's width, from the observer
  let built = null;
  let builtLang = '';

  const ro = new ResizeObserver((entries) => {
    const w = Math.floor(entries[entries.length - 1].contentRect.width);
    if (!w) return;
    seen = w;
    if (last && Math.max(minWidth, w) !== width) {
      width = Math.max(minWidth, w);
      build(last[0], last[1], width);
      paint(...last);
    }
  });
  ro.observe(container);

  return {
    update(state, result) {
      if (!result || !result.steps || !result.steps.length) return;
      last = [state, result];
      tip.hide(true);
      if (!seen) seen = Math.floor(container.clientWidth || 960); // once, before the observer reports
      const w = Math.max(minWidth, seen);
      if (result !== built || w !== width || state.lang !== builtLang) {
        width = w;
        build(state, result, width);
        built = result;
        builtLang = state.lang;
      }
      paint(state, result);
    },
    destroy() {
      ro.disconnect();
      tip.destroy();
      container.replaceChildren();
      container.classList.remove('views-host', className);
    },
  };
}
