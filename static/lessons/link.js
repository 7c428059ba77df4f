// A lesson link: lesson=SET/N (N from 1) names a lesson of a set; a link naming
// only a built-in lesson (and the reader's language and presentation mode)
// opens that lesson's whole state. boot.js reads the page's first state
// through openLessonLink, so the first picture is already the lesson's.
// The built-in sets' text is a file of its own, fetched only when a lesson
// is asked for (a link, the panel's button): the default view goes without.

import { DEFAULTS, parseHash, toHash } from '../state.js';

// The built-in sets by id, filled by loadBuiltIn; BUILT_IN_IDS names them before.
export const BUILT_IN = new Map();
export const BUILT_IN_IDS = new Set(['u12']);
let loading = null;
// loadBuiltIn fetches the built-in sets once; it resolves with BUILT_IN.
export function loadBuiltIn() {
  loading ||= import('./u12.js').then(({ default: set }) => BUILT_IN.set(set.id, set));
  return loading;
}
// Keys a lesson's hash never sets: the reader's language and presentation mode, and the lesson itself.
export const READER_KEYS = ['lang', 'present', 'lesson', 'lessons'];

// parseLesson reads lesson=SET/N as {set, n}, or null.
export function parseLesson(s) {
  const m = /^([a-z0-9-]{1,32})\/(\d{1,3})$/.exec(s || '');
  return m ? { set: m[1], n: Number(m[2]) } : null;
}

// lessonHash is the full hash of lesson n of set, keeping the reader's keys of state.
export function lessonHash(set, n, state) {
  const named = parseHash(set.lessons[n - 1].state).state;
  const reader = Object.fromEntries(READER_KEYS.map((k) => [k, state[k]]));
  return toHash({ ...DEFAULTS, ...named, ...reader, lesson: `${set.id}/${n}` });
}

// openLessonLink: a link naming only a built-in lesson (and the reader's keys)
// opens that lesson's state; it resolves with the hash to read the page from.
export async function openLessonLink(hash) {
  const { state } = parseHash(hash);
  const at = parseLesson(state.lesson);
  if (at && BUILT_IN_IDS.has(at.set)) await loadBuiltIn();
  const set = at && BUILT_IN.get(at.set);
  if (!set || at.n > set.lessons.length || Object.keys(state).some((k) => !READER_KEYS.includes(k))) return hash;
  const full = lessonHash(set, at.n, { ...DEFAULTS, ...state });
  history.replaceState(null, '', full);
  return full;
}

