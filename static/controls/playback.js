// Playback: first / previous / play-pause / next / last, a scrubber over the
// time steps, a speed choice, and the keyboard (← → Home End Space) anywhere
// on the page but in a text field or a slider. Playing advances t at `speed`
// steps per second on the page's one ticker and stops at the last step.

import { addTick } from '../ticker.js';

// Input types that take no typing and no arrow keys: the step keys pass over them.
const KEYLESS_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'image', 'color']);

// Widgets that move with the arrow keys themselves.
const KEYED_ROLES = '[role="slider"], [role="spinbutton"], [role="listbox"], [role="tablist"], [role="menu"], [role="grid"]';

// usesKeys reports whether el handles ← → Home End Space itself.
function usesKeys(el) {
  const tag = el?.tagName;
  if (tag === 'INPUT') return !KEYLESS_INPUTS.has(el.type);
  return tag === 'TEXTAREA' || tag === 'SELECT' || !!el?.isContentEditable || !!el?.closest?.(KEYED_ROLES);
}

// createPlayback(root, {t, onStep(t), onPlaying(bool), onSpeed(s)}) → {update(state)}
export function createPlayback(root, { t, onStep, onPlaying, onSpeed }) {
  const q = (sel) => root.querySelector(sel);
  const play = q('#pb-play');
  const scrub = q('#pb-scrub');
  const label = q('#pb-t');
  const speed = q('#pb-speed');
  let state = null;
  let stopTick = null;
  let acc = 0;

  const T = () => state?.result?.steps?.length || 1;
  const go = (t) => state && onStep(Math.min(Math.max(1, t), T()));

  q('#pb-first').addEventListener('click', () => go(1));
  q('#pb-prev').addEventListener('click', () => go(state.t - 1));
  q('#pb-next').addEventListener('click', () => go(state.t + 1));
  q('#pb-last').addEventListener('click', () => go(T()));
  play.addEventListener('click', () => toggle());
  scrub.addEventListener('input', () => go(Number(scrub.value)));
  speed.addEventListener('change', () => onSpeed(Number(speed.value)));

  function toggle() {
    if (!state) return;
    if (state.playing) return onPlaying(false);
    if (state.t >= T()) onStep(1); // play again from the start
    onPlaying(true);
  }

  // The keys drive time wherever the focus is, except in a field that uses
  // them itself (a text or number field, a slider, a list box). Space on a
  // focused button plays or pauses too (Enter still presses the button).
  document.addEventListener('keydown', (ev) => {
    if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || !state?.result || state.mode !== 'step') return;
    if (usesKeys(ev.target)) return;
    switch (ev.key) {
      case 'ArrowRight':
        go(state.t + 1);
        break;
      case 'ArrowLeft':
        go(state.t - 1);
        break;
      case 'Home':
        go(1);
        break;
      case 'End':
        go(T());
        break;
      case ' ':
      case 'Spacebar':
        if (ev.repeat) break; // held down: one toggle
        toggle();
        break;
      default:
        return;
    }
    ev.preventDefault();
  });

  function tick(now, dt) {
    if (!state?.playing) return;
    acc += dt;
    const every = 1000 / state.speed;
    if (acc < every) return;
    acc = 0;
    if (state.t >= T()) onPlaying(false);
    else onStep(state.t + 1);
  }

  return {
    update(next) {
      state = next;
      const n = T();
      scrub.max = String(n);
      scrub.value = String(next.t);
      scrub.disabled = !next.result;
      const date = next.result?.input?.dates?.[next.t - 1];
      label.textContent = t('playback.step', { t: next.t, T: n }) + (date ? ` · ${date}` : '');
      scrub.setAttribute('aria-valuetext', label.textContent);
      play.setAttribute('aria-pressed', String(next.playing));
      play.classList.toggle('playing', next.playing);
      const name = t(next.playing ? 'playback.pause' : 'playback.play');
      play.setAttribute('aria-label', name);
      play.title = name;
      speed.value = String(next.speed);
      if (next.playing && !stopTick) {
        acc = 0;
        stopTick = addTick(tick);
      } else if (!next.playing && stopTick) {
        stopTick();
        stopTick = null;
      }
    },
  };
}
