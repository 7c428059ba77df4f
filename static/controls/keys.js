// The page's keyboard shortcuts. In step-through mode ← → step time, Home and
// End jump to the first and last step and Space plays or pauses, wherever the
// focus is but in a field that uses those keys itself (a text or number field,
// a slider, a list box); Space on a focused button plays or pauses too (Enter
// still presses the button). P switches presentation mode, Esc leaves it.
// Keys typed in the training panel are its own.

// Input types that take no typing and no arrow keys: the step keys pass over them.
const KEYLESS_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'image', 'color']);

// Widgets that move with the arrow keys themselves.
const KEYED_ROLES = '[role="slider"], [role="spinbutton"], [role="listbox"], [role="tablist"], [role="menu"], [role="grid"]';

// usesKeys reports whether el handles ← → Home End Space itself.
export function usesKeys(el) {
  const tag = el?.tagName;
  if (tag === 'INPUT') return !KEYLESS_INPUTS.has(el.type);
  return tag === 'TEXTAREA' || tag === 'SELECT' || !!el?.isContentEditable || !!el?.closest?.(KEYED_ROLES);
}

// installKeys(doc, {trainPanel, getState(), playback: {go(t), toggle()}, onPresent(on)})
export function installKeys(doc, { trainPanel, getState, playback, onPresent }) {
  trainPanel.addEventListener('keydown', (ev) => ev.stopPropagation());

  // stepKey handles a key of the time steps; it reports whether it did.
  function stepKey(ev, state) {
    if (!state.result || state.mode !== 'step' || state.demo === 'order' || usesKeys(ev.target)) return false; // demos/order.js steps its own
    const T = state.result.steps.length;
    switch (ev.key) {
      case 'ArrowRight':
        playback.go(state.t + 1);
        return true;
      case 'ArrowLeft':
        playback.go(state.t - 1);
        return true;
      case 'Home':
        playback.go(1);
        return true;
      case 'End':
        playback.go(T);
        return true;
      case ' ':
      case 'Spacebar':
        if (!ev.repeat) playback.toggle(); // held down: one toggle
        return true;
      default:
        return false;
    }
  }

  doc.addEventListener('keydown', (ev) => {
    if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const state = getState();
    if (stepKey(ev, state)) {
      ev.preventDefault();
      return;
    }
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(ev.target?.tagName)) return;
    if (ev.key === 'p' || ev.key === 'P') onPresent(!state.present);
    else if (ev.key === 'Escape' && state.present) onPresent(false);
  });
}
