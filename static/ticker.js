// The page's one animation ticker: every requestAnimationFrame of the page is
// this one loop, which runs only while someone waits for a frame.
// addTick(fn) calls fn(now, dt) every frame until the returned function is
// called; nextFrame(fn) calls fn(now) once, on the next frame (asked again
// before that frame, it is still called once).

const listeners = new Set();
const once = new Set();
let frame = 0;
let last = 0;

// call runs one callback; one that throws is reported as uncaught and the loop goes on.
function call(fn, ...args) {
  try {
    fn(...args);
  } catch (err) {
    reportError(err);
  }
}

// frame stays set while the callbacks run, so that what they ask for waits
// for the next frame of this loop rather than starting a second one.
function loop(now) {
  const dt = last ? now - last : 0; // from the previous frame of a running addTick, 0 on its first
  const due = [...once];
  once.clear();
  for (const fn of due) call(fn, now);
  for (const fn of [...listeners]) call(fn, now, dt);
  last = listeners.size ? now : 0;
  frame = listeners.size || once.size ? requestAnimationFrame(loop) : 0;
}

const wake = () => {
  if (!frame) frame = requestAnimationFrame(loop);
};

export function addTick(fn) {
  listeners.add(fn);
  wake();
  return () => listeners.delete(fn);
}

export function nextFrame(fn) {
  once.add(fn);
  wake();
  return () => once.delete(fn);
}
