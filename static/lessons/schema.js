// A lesson set's schema (README.md, "Lessons") and the named checks a lesson's
// ask.check is made of. Pure: no DOM, so the unit tests read it in Node.
//
//   {"changed": "x1"}            the input x_1 (any x_N) or a state key differs from when the lesson opened
//   {"state": {"cell": "lstm"}}  every named state key has that value
//   {"trained": true}            the step-through model is a trained one

import { parseHash } from '../state.js';

const LANGS = ['zh-TW', 'en'];
const CHECKS = ['changed', 'state', 'trained'];

// LessonError names the lesson (its index from 1, or 0 for the set) and the field.
// A lesson file larger than this is refused before it is read (the built-in set is about 40 KB).
export const MAX_LESSON_BYTES = 2 ** 20;

export class LessonError extends Error {
  constructor(lesson, field, reason) {
    super(`${lesson ? `lesson ${lesson}` : 'set'}: ${field}: ${reason}`);
    Object.assign(this, { lesson, field, reason });
  }
}

const text2 = (v) => v && typeof v === 'object' && LANGS.every((l) => typeof v[l] === 'string' && v[l].trim() !== '');

// validateSet returns the set, or throws a LessonError for the first bad field.
export function validateSet(set) {
  if (!set || typeof set !== 'object' || Array.isArray(set)) throw new LessonError(0, '(file)', 'not_object');
  if (typeof set.id !== 'string' || !/^[a-z0-9-]{1,32}$/.test(set.id)) throw new LessonError(0, 'id', 'bad_id');
  if (!text2(set.title)) throw new LessonError(0, 'title', 'bad_text');
  if (!Array.isArray(set.lessons) || set.lessons.length === 0 || set.lessons.length > 200) throw new LessonError(0, 'lessons', 'bad_list');
  set.lessons.forEach((l, k) => validateLesson(l, k + 1));
  return set;
}

function validateLesson(l, n) {
  if (!l || typeof l !== 'object') throw new LessonError(n, '(lesson)', 'not_object');
  if (typeof l.id !== 'string' || l.id === '') throw new LessonError(n, 'id', 'bad_id');
  if (!text2(l.title)) throw new LessonError(n, 'title', 'bad_text');
  if (!text2(l.body)) throw new LessonError(n, 'body', 'bad_text');
  if (typeof l.state !== 'string') throw new LessonError(n, 'state', 'bad_state');
  const { invalid } = parseHash(l.state);
  if (invalid.length) throw new LessonError(n, `state.${invalid[0]}`, 'bad_state');
  if (l.focus !== undefined && !(Array.isArray(l.focus) && l.focus.every((id) => typeof id === 'string'))) throw new LessonError(n, 'focus', 'bad_focus');
  if (l.ask === undefined) return;
  if (!l.ask || !text2(l.ask.question)) throw new LessonError(n, 'ask.question', 'bad_text');
  const c = l.ask.check;
  const kind = c && typeof c === 'object' ? Object.keys(c) : [];
  if (kind.length !== 1 || !CHECKS.includes(kind[0])) throw new LessonError(n, 'ask.check', 'bad_check');
  if (kind[0] === 'changed' && (typeof c.changed !== 'string' || c.changed === '')) throw new LessonError(n, 'ask.check.changed', 'bad_check');
  if (kind[0] === 'state' && !(c.state && typeof c.state === 'object')) throw new LessonError(n, 'ask.check.state', 'bad_check');
}

// watched is the value a changed-check follows: x_N of the trace on screen
// ("x1"), or a state key.
export function watched(name, state) {
  const m = /^x(\d+)$/.exec(name);
  if (m) return JSON.stringify(state.result?.steps?.[Number(m[1]) - 1]?.x ?? null);
  return JSON.stringify(state[name] ?? null);
}

// checkMet reports whether check holds for state; baseline is watched()'s
// value when the lesson's own state was on screen.
export function checkMet(check, state, baseline) {
  if (!check) return false;
  if ('trained' in check) return (state.model === 'trained') === Boolean(check.trained);
  if ('state' in check) return Object.entries(check.state).every(([k, v]) => String(state[k]) === String(v));
  if ('changed' in check) return baseline !== undefined && watched(check.changed, state) !== baseline;
  return false;
}
