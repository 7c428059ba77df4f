// The lifecycle shared by views that draw to their container's width: build
// when the result, the language or the width changes; paint on every update
// (a step only repaints); and the width from watchSize (resize.js), so a step
// never forces a layout of the page by reading clientWidth.
import { watchSize } from './resize.js';

// sizedView(container, {build(state, result, width), paint(state, result), tip, className, minWidth, key})
// key(state, result), when given, names more of what the drawing depends on: a new key builds anew.
// → {update(state, result), destroy()}
export function sizedView(container, { build, paint, tip, className, minWidth = 320, key = () => '' }) {
  let last = null;
  let width = 0; // the width drawn for
  let built = null;
  let builtLang = '';
  let builtKey = '';

  const size = watchSize(container, ({ width: w }) => {
    if (last && Math.max(minWidth, w) !== width) {
      width = Math.max(minWidth, w);
      build(last[0], last[1], width);
      paint(...last);
    }
  });

  return {
    update(state, result) {
      if (!result || !result.steps || !result.steps.length) return;
      last = [state, result];
      tip.hide(true);
      const w = Math.max(minWidth, size.width() || 960);
      if (result !== built || w !== width || state.lang !== builtLang || key(state, result) !== builtKey) {
        width = w;
        build(state, result, width);
        built = result;
        builtLang = state.lang;
        builtKey = key(state, result);
      }
      paint(state, result);
    },
    destroy() {
      size.stop();
      tip.destroy();
      container.replaceChildren();
      container.classList.remove('views-host', className);
    },
  };
}
