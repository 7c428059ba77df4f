// What the page falls back to when its start goes wrong. If the engine cannot
// start, the page says why and stays without numbers. If the linked state
// cannot be shown (a stock the data service does not have, a typed sequence
// the engine refuses), the default data is tried, then the sine wave, and the
// first failure's message stays on screen. A link with values the page does
// not accept says which keys it left at their defaults.

import { DEFAULT_DATA, formatData } from './state.js';
import { badHash, toError } from './errors.js';

// firstView(booted, {store, load(patch, opts), invalid, errorText(err), onEngine({engine, session})})
// resolves with whether a first view is on screen, or null when the engine did
// not start. booted is boot.js's; onEngine is called as soon as the engine is up.
export async function firstView(booted, { store, load, invalid, errorText, onEngine }) {
  let up;
  try {
    up = await booted;
  } catch (err) {
    document.documentElement.dataset.engine = 'error';
    const box = document.querySelector('#page-error');
    box.hidden = false;
    box.textContent = errorText(toError(err));
    return null;
  }
  onEngine(up);
  let ok = await load({}, { first: up.first });
  for (const data of [DEFAULT_DATA, formatData({ kind: 'sine' })]) {
    if (ok || store.get().data === data) continue;
    const failed = store.get().error;
    ok = await load({ data, end: '' }, { keepError: true });
    if (ok && failed) store.set({ error: failed });
  }
  if (ok && invalid.length && !store.get().error) store.set({ error: badHash(invalid) });
  return ok;
}
