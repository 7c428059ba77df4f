// Playback: first / previous / play-pause / next / last, a scrubber over the
// time steps and a speed choice (the keyboard's ← → Home End Space, in
// keys.js, call go and toggle). Playing advances t at `speed` steps per second
// on the page's one ticker and stops at the last step.

import { addTick } from '../ticker.js';

// createPlayback(root, {t, onStep(t), onPlaying(bool), onSpeed(s)}) → {update(state), go(t), toggle()}
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
    go,
    toggle,
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
