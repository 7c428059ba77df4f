// Starts what the first picture needs before the rest of the page's modules
// have arrived: the engine (taking over the worker index.html's inline script
// started, which is loading and compiling first.wasm meanwhile), the stock
// prices a link names, and the first trace of the linked state. app.js picks
// them up here.

import { createEngine } from './engine/client.js';
import { createSession } from './engine/session.js';
import { parseHash, parseData, DEFAULTS } from './state.js';
import { fetchRange } from './api.js';
import { openLessonLink } from './lessons/link.js';

const linked = { ...DEFAULTS, ...parseHash(await openLessonLink(location.hash)).state }; // a lesson link opens its lesson's state (its text loaded first)

const data = parseData(linked.data);
if (data?.kind === 'stock') fetchRange(data.code, data.from, data.to).catch(() => {}); // kept by api.js

// booted resolves with {engine, session, first}: first is the load of the
// linked state (a promise of {result, stock}), started as soon as the engine is up.
export const booted = createEngine().then((engine) => {
  const session = createSession(engine);
  const first = session.load(linked);
  first.catch(() => {}); // reported by app.js
  return { engine, session, first };
});
booted.catch(() => {}); // reported by app.js

// The page as served (index.html with its style sheet) is already the right
// first picture, empty but for the loading note, of a state that steps
// through in Chinese without a lesson, a demo or the presentation: let the
// browser paint it before app.js builds the controls and views, which would
// otherwise hold the first paint until they are done. Other states are first
// painted as they are drawn, so that no other view or language shows first.
const servedShows = (s) => s.lang === 'zh-TW' && s.mode === 'step' && !s.demo && !s.present && s.view === 'unrolled' && !s.lesson && !s.lessons;
if (servedShows(linked) && document.visibilityState === 'visible') {
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
