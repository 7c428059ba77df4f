// The page's one animation ticker: a requestAnimationFrame loop that runs only
// while someone listens. add(fn) calls fn(now, dt) every frame until the
// returned function is called.

const listeners = new Set();
let frame = 0;
let last = 0;

function loop(now) {
  const dt = last ? now - last : 0;
  last = now;
  for (const fn of [...listeners]) fn(now, dt);
  frame = listeners.size ? requestAnimationFrame(loop) : 0;
  if (!frame) last = 0;
}

export function addTick(fn) {
  listeners.add(fn);
  if (!frame) frame = requestAnimationFrame(loop);
  return () => listeners.delete(fn);
}
