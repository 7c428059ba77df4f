// Message lookup for the one catalogue in messages.js: zh-TW first, English
// second. t(key, vars) fills {name} placeholders from vars.

import { catalogue } from './messages.js';

export const LANGS = ['zh-TW', 'en'];

let current = 'zh-TW';

export function setLang(lang) {
  current = LANGS.includes(lang) ? lang : 'zh-TW';
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-Hant-TW';
}

export function getLang() {
  return current;
}

// has reports whether the catalogue knows key.
export function has(key) {
  return Object.hasOwn(catalogue, key);
}

// t returns the message for key in the current language (falling back to
// zh-TW, then to the key itself) with {name} replaced by vars.name. When
// vars.n is 1 and the catalogue has key_one (an English singular), that is used.
export function t(key, vars) {
  const entry = (vars?.n === 1 && catalogue[`${key}_one`]) || catalogue[key];
  let text = key;
  if (entry) text = entry[current === 'en' ? 1 : 0] ?? entry[0];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

// i18nText is the text of an element marked data-i18n="key", with the
// placeholders filled from its data-i18n-vars (JSON), when it has them.
export function i18nText(el) {
  const vars = el.dataset.i18nVars;
  return t(el.dataset.i18n, vars ? JSON.parse(vars) : undefined);
}

// applyI18n translates the static page: [data-i18n] sets textContent (see
// i18nText); [data-i18n-attr="attr:key;attr:key"] sets attributes
// (aria-label, title, placeholder).
export function applyI18n(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = i18nText(el);
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}
