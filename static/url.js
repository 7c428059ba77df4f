// The URL hash follows the store (state.js's table of keys), and a hash opened
// later (a prepared lesson link, the back button) restores its view.

import { toHash, hashPatch, hashKeysChanged } from './state.js';
import { badHash } from './errors.js';

// syncHash(store, {ready(), change(patch)}) → {write()}: from the moment
// ready() is true, changes of hash keys are written (coalesced: stepping,
// playing or scrubbing would otherwise replace the URL many times a second,
// which browsers throttle). A hash someone else set since the last write (a
// typed URL, a lesson link) is left for the hashchange handler to bring in.
export function syncHash(store, { ready, change }) {
  let timer = 0;
  let written = '';

  function write() {
    const hash = toHash(store.get());
    if (hash !== location.hash) history.replaceState(null, '', hash);
    written = location.hash;
  }

  store.subscribe((state, changed) => {
    if (!ready() || !hashKeysChanged(changed) || timer) return;
    timer = setTimeout(() => {
      timer = 0;
      if (location.hash === written) write();
    }, 100);
  });

  window.addEventListener('hashchange', () => {
    written = location.hash;
    const { patch, invalid } = hashPatch(store.get(), location.hash);
    change(patch).then((ok) => {
      if (ok === false) write(); // refused: the URL shows the last good state again
      if (invalid.length) store.set({ error: badHash(invalid) });
    });
  });

  return { write };
}
