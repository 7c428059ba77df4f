// The guided lessons (static/lessons/): every built-in lesson opens from its link with no
// console error and sets the state it names, outlining elements that exist; PageDown / PageUp
// move between lessons and update the URL while → ← step time, and in presentation mode → ←
// move between lessons; a lesson's check fires when its condition is met; a bad lesson file is
// refused with a message naming the lesson and the field, and leaves the page as it was; a good
// one opens; "copy this view as a lesson" gives the state on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, withPage as shared, hashState, waitHash, shotPath } from './helpers.mjs';
import u12 from '../../static/lessons/u12.js';
import { KEYS } from '../../static/state.js';

// A key left out of the hash has its default (state.js's table).
const DEFAULT = Object.fromEntries(KEYS.map((r) => [r.key, r.format(r.default)]));

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const withPage = (hash, viewport, fn) => shared(browser, server.url, { hash, viewport }, fn);
// atLesson waits until the panel shows lesson id and its state is on screen.
const atLesson = async (page, id) => {
  await waitHash(page, 'lesson', id);
  await page.waitForSelector(`#lesson-panel[data-lesson="${id}"]`);
  await page.waitForSelector('html:not(.busy)');
};
const named = (lesson) => Object.fromEntries(lesson.state.split('&').map((p) => p.split('=')).map(([k, v]) => [k, decodeURIComponent(v)]));

test('every built-in lesson opens from its link and sets the state it names', async () => {
  for (const [k, lesson] of u12.lessons.entries()) {
    const n = k + 1;
    await withPage(`#lesson=u12/${n}`, { width: 1280, height: 800 }, async (page) => {
      await page.waitForSelector(`#lesson-panel[data-lesson="u12/${n}"]`);
      const hash = await hashState(page);
      for (const [key, v] of Object.entries(named(lesson))) assert.equal(hash[key] ?? DEFAULT[key], v, `lesson ${n} (${lesson.id}): ${key}`);
      assert.equal(hash.lesson, `u12/${n}`);
      assert.equal(await page.textContent('#lesson-panel .lesson-title'), lesson.title['zh-TW']);
      assert.equal(await page.textContent('#lesson-panel .lesson-count'), `第 ${n} / ${u12.lessons.length} 課`);
      assert.equal(await page.getAttribute(`#lesson-panel .lesson-dots button[data-n="${n}"]`, 'aria-current'), 'step');
      for (const id of lesson.focus || []) {
        assert.ok(await page.$eval(`#${id}`, (e) => e.classList.contains('lesson-focus')), `lesson ${n}: #${id} is outlined`);
      }
    });
  }
});

test('PageDown / PageUp move between lessons, → ← step time; in presentation → ← move between lessons', async () => {
  await withPage('#lesson=u12/3', { width: 1280, height: 800 }, async (page) => {
    assert.match(await page.textContent('#lesson-panel .lesson-keys'), /PageDown \/ PageUp：下一課、上一課 · ← →：時間步/);
    await page.keyboard.press('PageDown');
    await atLesson(page, 'u12/4');
    await waitHash(page, 'view', 'rolled');
    await page.keyboard.press('PageUp');
    await atLesson(page, 'u12/3');
    await waitHash(page, 't', 3);
    await page.keyboard.press('ArrowRight');
    await waitHash(page, 't', 4);
    assert.equal((await hashState(page)).lesson, 'u12/3', '→ steps time, the lesson stays');
    await page.keyboard.press('p');
    await waitHash(page, 'present', 1);
    assert.match(await page.textContent('#lesson-panel .lesson-keys'), /簡報模式：→ ←/);
    await page.keyboard.press('ArrowRight');
    await atLesson(page, 'u12/4');
    assert.equal((await hashState(page)).present, '1', 'presentation mode stays on');
    await page.keyboard.press('ArrowLeft');
    await atLesson(page, 'u12/3');
    await page.click('#lesson-panel .lesson-dots button[data-n="9"]');
    await atLesson(page, 'u12/9');
    await waitHash(page, 'cell', 'lstm');
    await page.screenshot({ path: shotPath('lessons-present-1280') });
  });
});

test('a lesson check fires when the student changes x_1', async () => {
  await withPage('#lesson=u12/3', { width: 1280, height: 800 }, async (page) => {
    assert.equal(await page.getAttribute('#lesson-panel .lesson-ask', 'data-check'), 'open');
    const s3 = await page.$eval('[data-symbol="h"][data-t="3"][data-unit="0"]', (e) => e.dataset.value);
    await page.fill('#seq-text', '0.9, -0.2, 0.8, 0.1, -0.6');
    await page.press('#seq-text', 'Enter');
    await page.waitForSelector('#lesson-panel .lesson-ask[data-check="met"]');
    assert.equal(await page.textContent('#lesson-panel .lesson-status'), '✓ 做到了！');
    const s3after = await page.$eval('[data-symbol="h"][data-t="3"][data-unit="0"]', (e) => e.dataset.value);
    assert.notEqual(s3after, s3, 's_3 moved with x_1');
  });
});

test('a check on the state fires (switch to the unrolled view)', async () => {
  await withPage('#lesson=u12/4', { width: 1280, height: 800 }, async (page) => {
    assert.equal(await page.getAttribute('#lesson-panel .lesson-ask', 'data-check'), 'open');
    await page.click('#view-toggle [data-view="unrolled"]');
    await page.waitForSelector('#lesson-panel .lesson-ask[data-check="met"]');
  });
});

const file = (obj) => ({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(typeof obj === 'string' ? obj : JSON.stringify(obj)) });
const mine = {
  id: 'mine',
  title: { 'zh-TW': '我的課', en: 'My lessons' },
  lessons: [
    { id: 'one', title: { 'zh-TW': '第一課', en: 'One' }, body: { 'zh-TW': '看 GRU。', en: 'Look at a GRU.' }, state: 'cell=gru&units=3&seed=2&data=sine', focus: ['cell'] },
    { id: 'two', title: { 'zh-TW': '第二課', en: 'Two' }, body: { 'zh-TW': '看 LSTM。', en: 'Look at an LSTM.' }, state: 'cell=lstm&units=2&seed=2&data=sine' },
  ],
};

test('a bad lesson file names the lesson and the field and leaves the page as it was; a good one opens', async () => {
  await withPage('#cell=rnn&units=2&seed=1&data=sine&t=2', { width: 1280, height: 800 }, async (page) => {
    await page.click('#lesson-toggle');
    await atLesson(page, 'u12/1');
    await page.click('#lesson-panel .lesson-tools summary');
    const before = await page.evaluate(() => location.hash);
    const bad = structuredClone(mine);
    delete bad.lessons[1].body.en;
    await page.setInputFiles('#lesson-panel .lesson-file input', file(bad));
    await page.waitForSelector('#lesson-panel .lesson-error:not([hidden])');
    assert.equal(await page.textContent('#lesson-panel .lesson-error'), '課程檔有誤：第 2 課的「body」應該有非空白的 zh-TW 和 en 兩種文字');
    assert.equal(await page.evaluate(() => location.hash), before, 'the page stays as it was');
    await page.setInputFiles('#lesson-panel .lesson-file input', file('{"id": "mine", '));
    await page.waitForFunction(() => /不是有效的 JSON/.test(document.querySelector('#lesson-panel .lesson-error').textContent));
    // A file over the size limit is refused by its size, before it is read.
    await page.setInputFiles('#lesson-panel .lesson-file input', { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(2 * 2 ** 20 + 1, 32) });
    await page.waitForFunction(() => /超過 1 MB 的上限/.test(document.querySelector('#lesson-panel .lesson-error').textContent));
    assert.equal(await page.evaluate(() => location.hash), before, 'a refused file leaves the page as it was');
    await page.setInputFiles('#lesson-panel .lesson-file input', file(mine));
    await atLesson(page, 'mine/1');
    await waitHash(page, 'cell', 'gru');
    assert.equal(await page.textContent('#lesson-panel .lesson-title'), '第一課');
    assert.ok(await page.isHidden('#lesson-panel .lesson-error'));
    await page.keyboard.press('PageDown');
    await atLesson(page, 'mine/2');
    await waitHash(page, 'cell', 'lstm');
  });
});

test('copy this view as a lesson gives the JSON of the state on screen', async () => {
  await withPage('#lesson=u12/9', { width: 1280, height: 800 }, async (page) => {
    await page.click('#cell-group button[value="gru"]');
    await waitHash(page, 'cell', 'gru');
    await page.click('#lesson-panel .lesson-tools summary');
    await page.click('#lesson-panel .lesson-copy');
    const json = JSON.parse(await page.inputValue('#lesson-panel .lesson-json'));
    const hash = await hashState(page);
    const state = Object.fromEntries(json.state.split('&').map((p) => p.split('=')).map(([k, v]) => [k, decodeURIComponent(v)]));
    assert.equal(state.cell, 'gru');
    for (const k of ['cell', 'units', 'seed', 'data', 't', 'view']) assert.equal(state[k], hash[k], k);
    assert.equal(state.lesson, undefined);
    assert.equal(state.lang, undefined);
    assert.deepEqual(Object.keys(json), ['id', 'title', 'body', 'state', 'focus']);
  });
});

// barRows reads the top bar: the distinct tops of its visible buttons, and the groups whose buttons sit on several rows.
const barRows = (page) =>
  page.evaluate(() => {
    const top = (b) => Math.round(b.getBoundingClientRect().top);
    const shown = (sel) => [...document.querySelectorAll(sel)].filter((b) => b.offsetParent);
    const rows = new Set(shown('.topbar button').map(top));
    const split = ['#mode-toggle', '#view-toggle', '.topbar-end'].filter((g) => new Set(shown(`${g} button`).map(top)).size > 1);
    const tall = shown('.topbar button').filter((b) => b.getBoundingClientRect().height > 48).map((b) => b.textContent);
    return { rows: rows.size, split, tall };
  });

test('the top bar beside the open lesson panel: one row at 1280 px, whole groups on rows at 1024 px and on a phone', async () => {
  for (const [width, height, rows] of [[1280, 800, 1], [1366, 768, 1], [1024, 768, 2], [390, 844, 3]]) {
    await withPage('#lesson=u12/3', { width, height }, async (page) => {
      await page.waitForSelector('#lesson-panel[data-lesson="u12/3"]');
      const bar = await barRows(page);
      assert.ok(bar.rows <= rows, `${width}×${height}: ${bar.rows} rows of buttons`);
      assert.deepEqual(bar.split, [], `${width}×${height}: no group of buttons split over rows`);
      assert.deepEqual(bar.tall, [], `${width}×${height}: no button's words wrap`);
      await page.screenshot({ path: shotPath(`lessons-bar-${width}`) });
    });
  }
});

test('presenting beside the open lesson panel on a 1024×768 projector: two rows in the top bar, the cell\'s numbers clear of their labels', async () => {
  await withPage('#lesson=u12/3&present=1', { width: 1024, height: 768 }, async (page) => {
    await page.waitForSelector('#lesson-panel[data-lesson="u12/3"]');
    await page.waitForSelector('#cell .term-value[data-value]');
    // Each term box of the SimpleRNN cell: its label (W s_{t−1}, b, U x_t) above its number, not under it.
    const boxes = await page.$$eval('#cell .term-label', (labels) => labels.map((l) => {
      const v = l.parentNode.querySelector('.term-value');
      const a = l.getBoundingClientRect();
      const b = v.getBoundingClientRect();
      return { label: l.textContent, value: v.textContent, labelBottom: a.bottom, valueTop: b.top, valueHeight: b.height };
    }));
    assert.equal(boxes.length, 3, 'three term boxes');
    // (The boxes are the fonts' line boxes, so a little overlap is the space above the digits.)
    for (const b of boxes) {
      const overlap = b.labelBottom - b.valueTop;
      assert.ok(overlap < 0.35 * b.valueHeight, `${b.label}: the number ${b.value} (${b.valueHeight.toFixed(1)} px high) runs ${overlap.toFixed(1)} px into the label`);
    }
    const bar = await barRows(page);
    assert.ok(bar.rows <= 2, `${bar.rows} rows of buttons`);
    assert.deepEqual(bar.split, [], 'no group of buttons split over rows');
    await page.screenshot({ path: shotPath('lessons-present-1024') });
  });
});
