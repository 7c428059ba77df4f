// The page's one animation ticker (static/ticker.js): one requestAnimationFrame
// loop for everyone, running only while someone waits for a frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';

// A hand-driven requestAnimationFrame: frame(now) runs what was asked for.
const asked = [];
globalThis.requestAnimationFrame = (fn) => asked.push(fn);
globalThis.reportError = (err) => reported.push(err.message);
const reported = [];
function frame(now) {
  const due = asked.splice(0);
  for (const fn of due) fn(now);
  return due.length;
}

const { addTick, nextFrame } = await import('../../static/ticker.js');

test('addTick and nextFrame share one loop that stops when nobody waits', () => {
  const seen = [];
  const stop = addTick((now, dt) => seen.push(['tick', now, dt]));
  const draw = (now) => seen.push(['draw', now]);
  nextFrame(draw);
  nextFrame(draw); // asked twice before the frame: drawn once
  nextFrame((now) => seen.push(['once', now]));
  assert.equal(asked.length, 1, 'one requestAnimationFrame for all of them');
  assert.equal(frame(100), 1);
  assert.equal(frame(116), 1);
  stop();
  assert.equal(frame(132), 1);
  assert.equal(asked.length, 0, 'nobody waits: the loop stops');
  assert.deepEqual(seen, [['draw', 100], ['once', 100], ['tick', 100, 0], ['tick', 116, 16]]);
});

test('a tick started later counts dt from its own first frame; a callback that throws is reported', () => {
  const seen = [];
  nextFrame(() => {
    throw new Error('boom');
  });
  const stop = addTick((now, dt) => seen.push(dt));
  frame(1000);
  frame(1010);
  stop();
  frame(1020);
  assert.deepEqual(seen, [0, 10]);
  assert.deepEqual(reported, ['boom']);
  const cancel = nextFrame(() => seen.push('cancelled'));
  cancel();
  frame(1030);
  assert.deepEqual(seen, [0, 10]);
  assert.equal(asked.length, 0);
});
