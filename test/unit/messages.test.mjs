// The message catalogue (static/messages.js and the files it merges): every
// key in zh-TW and English, the same placeholders in both, each key defined
// once, and every key the page names present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installDom } from './dom.mjs';
import { catalogue, catalogueFiles, duplicateKeys, mergeInto } from '../../static/messages.js';
import * as i18n from '../../static/i18n.js';

const STATIC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../static');
const read = (name) => fs.readFileSync(path.join(STATIC, name), 'utf8');

// Placeholders are {name}; ^{…} and _{…} are notation (a mark, a subscript), not placeholders.
const placeholders = (s) => [...new Set([...s.matchAll(/(?<![\^_])\{(\w+)\}/g)].map((m) => m[1]))].sort();

test('every key has a zh-TW and an English text', () => {
  const bad = Object.entries(catalogue).filter(
    ([, pair]) => !Array.isArray(pair) || pair.length !== 2 || pair.some((s) => typeof s !== 'string' || s.trim() === ''),
  );
  assert.deepEqual(bad, []);
  assert.ok(Object.keys(catalogue).length > 300);
});

test('zh-TW and English use the same placeholders', () => {
  const bad = Object.entries(catalogue)
    .filter(([, [zh, en]]) => placeholders(zh).join() !== placeholders(en).join())
    .map(([key, pair]) => `${key}: ${JSON.stringify(pair)}`);
  assert.deepEqual(bad, []);
  assert.deepEqual(placeholders('輸出閘 o^{閘}_t，第 {t} 步'), ['t']);
});

test('zh-TW comes first: a zh-TW text that differs from the English is Chinese', () => {
  // The exceptions name something in the other language on purpose, or are Keras's argument names.
  const exceptions = ['lang.toggle', 'train.epochs', 'train.batch'];
  const cjk = /[\u3000-\u9fff\uff00-\uffef]/;
  const bad = Object.entries(catalogue)
    .filter(([key, [zh, en]]) => zh !== en && !cjk.test(zh) && !exceptions.includes(key))
    .map(([key, pair]) => `${key}: ${JSON.stringify(pair)}`);
  assert.deepEqual(bad, []);
});

test('no key is defined in two catalogue files', () => {
  assert.deepEqual(duplicateKeys, []);
  // The same, read from the files themselves: messages.js's own keys and each merged file's.
  const own = [...read('messages.js').split('export const catalogue = {')[1].split('\n};')[0].matchAll(/^\s+'([^']+)':/gm)].map((m) => m[1]);
  const owner = new Map(own.map((k) => [k, 'messages.js']));
  const clashes = [];
  for (const [name, file] of Object.entries(catalogueFiles)) {
    for (const key of Object.keys(file)) {
      if (owner.has(key)) clashes.push(`${key}: ${owner.get(key)} and ${name}`);
      else owner.set(key, name);
    }
  }
  assert.deepEqual(clashes, []);
  assert.equal(owner.size, Object.keys(catalogue).length, 'the catalogue is the union of the files');
});

test('a key defined twice is reported, and the first definition kept', () => {
  const target = { 'a.x': ['甲', 'A'] };
  const dups = mergeInto(target, {
    'one.js': { 'b.x': ['乙', 'B'] },
    'two.js': { 'a.x': ['丙', 'C'], 'c.x': ['丁', 'D'] },
    'three.js': { 'b.x': ['戊', 'E'] },
  });
  assert.deepEqual(dups, ['a.x (two.js)', 'b.x (three.js)']);
  assert.deepEqual(target, { 'a.x': ['甲', 'A'], 'b.x': ['乙', 'B'], 'c.x': ['丁', 'D'] });
});

test('no key is written twice inside one file', () => {
  // An object literal keeps the last of two equal keys without a word: read the source.
  for (const name of ['messages.js', ...Object.keys(catalogueFiles)]) {
    const text = read(name);
    const counts = new Map();
    for (const [, key] of text.matchAll(/^\s+'([a-z][\w-]*(?:\.[\w-]+)+)':/gm)) counts.set(key, (counts.get(key) || 0) + 1);
    const bad = [...counts].filter(([, n]) => n !== 1).map(([k, n]) => `${k} ×${n}`);
    assert.deepEqual(bad, [], name);
    assert.ok(counts.size > 10, `${name}: keys found`);
  }
});

test('every key the page names is in the catalogue', () => {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'gen') walk(p);
      else if (e.name.endsWith('.js')) files.push(p);
    }
  };
  walk(STATIC);
  const missing = [];
  let seen = 0;
  for (const f of files) {
    // t('key'), msg('key'), L('key'), say('key'): the lookups' names in static/.
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/\b(?:t|msg|L|say)\(\s*'([a-z][\w-]*(?:\.[\w-]+)+)'/g)) {
      seen++;
      if (!Object.hasOwn(catalogue, m[1])) missing.push(`${m[1]} (${path.relative(STATIC, f)})`);
    }
  }
  const html = read('index.html');
  for (const [, key] of html.matchAll(/data-i18n="([^"]+)"/g)) if (!Object.hasOwn(catalogue, key)) missing.push(`${key} (index.html)`);
  for (const [, list] of html.matchAll(/data-i18n-attr="([^"]+)"/g)) {
    for (const pair of list.split(';')) {
      const key = pair.split(':')[1]?.trim();
      if (key && !Object.hasOwn(catalogue, key)) missing.push(`${key} (index.html)`);
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(seen > 100, `${seen} lookups found`);
});

test('t fills placeholders in the current language and falls back to the key', () => {
  installDom();
  try {
    i18n.setLang('zh-TW');
    assert.equal(i18n.t('playback.step', { t: 3, T: 10 }), '時間步 t = 3 / 10');
    assert.equal(document.documentElement.lang, 'zh-Hant-TW');
    i18n.setLang('en');
    assert.equal(i18n.getLang(), 'en');
    assert.equal(document.documentElement.lang, 'en');
    assert.equal(i18n.t('playback.step', { t: 3, T: 10 }), 'Time step t = 3 / 10');
    assert.equal(i18n.t('playback.step', { t: 3 }), 'Time step t = 3 / {T}', 'a missing value leaves its placeholder');
    assert.equal(i18n.t('no.such.key'), 'no.such.key');
    assert.equal(i18n.has('no.such.key'), false);
    assert.equal(i18n.has('views.gate.o'), true, 'merged keys are found');
    i18n.setLang('fr');
    assert.equal(i18n.getLang(), 'zh-TW', 'an unknown language falls back to zh-TW');
  } finally {
    i18n.setLang('zh-TW');
  }
});

test('i18nText fills a marked element\'s placeholders from its data-i18n-vars', () => {
  installDom();
  try {
    i18n.setLang('en');
    const note = { dataset: { i18n: 'train.split_note', i18nVars: JSON.stringify({ train: '70', val: '15', test: '15' }) } };
    assert.match(i18n.i18nText(note), /^Split in time order: first 70% train, next 15% validation, last 15% test;/);
    i18n.setLang('zh-TW');
    assert.match(i18n.i18nText(note), /^依時間順序切分：前 70% 訓練、接著 15% 驗證、最後 15% 測試/);
    assert.equal(i18n.i18nText({ dataset: { i18n: 'playback.step' } }), '時間步 t = {t} / {T}', 'without vars the text is the entry');
  } finally {
    i18n.setLang('zh-TW');
  }
});

test('a count of one reads in the singular in English through a key_one form', () => {
  installDom();
  try {
    // (a key such as shapes.one_one, "one to one", is not a singular: it has no shapes.one)
    const ones = Object.keys(catalogue).filter((k) => k.endsWith('_one') && Object.hasOwn(catalogue, k.slice(0, -'_one'.length)));
    assert.ok(ones.includes('views.neurons.rest_one') && ones.includes('views.neurons.restHidden_one'));
    for (const k of ones) {
      const base = k.slice(0, -'_one'.length);
      assert.deepEqual(placeholders(catalogue[k][1]), placeholders(catalogue[base][1]), `${k}: the same placeholders as ${base}`);
    }
    i18n.setLang('en');
    assert.equal(i18n.t('views.neurons.rest', { n: 1 }), '1 smaller term');
    assert.equal(i18n.t('views.neurons.rest', { n: 2 }), '2 smaller terms');
    assert.equal(i18n.t('views.neurons.rest', { n: 0 }), '0 smaller terms');
    assert.equal(i18n.t('views.neurons.restHidden', { n: 1 }), 'terms of 1 hidden unit');
    i18n.setLang('zh-TW');
    assert.equal(i18n.t('views.neurons.rest', { n: 1 }), '其餘 1 項');
    assert.equal(i18n.t('views.neurons.rest', { n: 3 }), '其餘 3 項');
  } finally {
    i18n.setLang('zh-TW');
  }
});
