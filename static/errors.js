// What the page tells the user when something fails: an error as the store
// keeps it ({code, message, message_zh, detail, fromApi}), and its text in
// the page's language.

import { t, has } from './i18n.js';
import { ApiError } from './api.js';

// toError turns whatever was thrown (an engine error, an ApiError, an Error)
// into the store's error.
export const toError = (err) => ({
  code: err?.code || 'internal',
  message: err?.message || String(err),
  message_zh: err?.message_zh || err?.message || String(err),
  detail: err?.detail || null,
  fromApi: err instanceof ApiError,
});

// badHash is the error of a link whose keys (invalid) had values the page
// does not accept.
export const badHash = (invalid) => ({ code: 'bad_hash', message: '', message_zh: '', detail: { keys: invalid.join(', ') } });

// errorText is an error's message in lang: the catalogue's entry for its
// code, else the message the engine or the API sent.
export function errorText(err, lang) {
  const key = `error.${err.code}`;
  const own = lang === 'en' ? err.message : err.message_zh || err.message;
  // The data service's messages name the stock and range: prefer them.
  if (err.fromApi && own) return own;
  if (has(key)) return t(key, err.detail || {});
  return own;
}
