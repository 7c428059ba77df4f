// A lesson set loaded by its URL (#lessons=, same origin): the server serves a directory of
// lesson files (unroll serve --lessons-dir DIR, under /lessons-local/). A good file opens its
// first lesson's state; a bad one is refused with the lesson and the field named, and the page
// stays as it was; a URL on another origin is refused by name, without a request.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useServerAndBrowser, withPage as shared, waitHash, hashState } from './helpers.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unroll-lessons-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const mine = {
  id: 'mine',
  title: { 'zh-TW': '我的課', en: 'My lessons' },
  lessons: [
    { id: 'one', title: { 'zh-TW': '第一課', en: 'One' }, body: { 'zh-TW': '看 GRU。', en: 'Look at a GRU.' }, state: 'cell=gru&units=3&seed=2&data=sine&t=4', focus: ['cell'] },
    { id: 'two', title: { 'zh-TW': '第二課', en: 'Two' }, body: { 'zh-TW': '看 LSTM。', en: 'Look at an LSTM.' }, state: 'cell=lstm&units=2&seed=2&data=sine' },
  ],
};
const bad = structuredClone(mine);
bad.lessons[1].state = 'cell=elman&units=2';
fs.writeFileSync(path.join(dir, 'mine.json'), JSON.stringify(mine));
fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
}, ['--lessons-dir', dir]);

const withPage = (hash, fn, allow = []) => shared(browser, server.url, { hash, viewport: { width: 1280, height: 800 }, allow }, fn);
const hValues = (page) =>
  page.$$eval('#views [data-symbol="h"][data-value]', (els) => els.map((e) => `${e.dataset.t}|${e.dataset.unit}|${e.dataset.value}`).sort());

test('#lessons= a same-origin file opens its first lesson with that lesson\'s state', async () => {
  await withPage('#lessons=/lessons-local/mine.json', async (page) => {
    await page.waitForSelector('#lesson-panel[data-lesson="mine/1"]');
    await waitHash(page, 'cell', 'gru');
    await page.waitForSelector('html:not(.busy)');
    const hash = await hashState(page);
    for (const [k, v] of Object.entries({ cell: 'gru', units: '3', seed: '2', data: 'sine', t: '4', lesson: 'mine/1', lessons: '/lessons-local/mine.json' })) assert.equal(hash[k], v, k);
    assert.equal(await page.textContent('#lesson-panel .lesson-title'), '第一課');
    assert.equal(await page.textContent('#lesson-panel .lesson-set'), '我的課');
    assert.ok(await page.$eval('#cell', (e) => e.classList.contains('lesson-focus')));
    await page.waitForSelector('#views [data-symbol="h"][data-t="4"][data-unit="2"]');
    await page.keyboard.press('PageDown');
    await page.waitForSelector('#lesson-panel[data-lesson="mine/2"]');
    await waitHash(page, 'cell', 'lstm');
  });
});

test('a bad lesson file by URL names the lesson and the field; the page stays as it was', async () => {
  await withPage('#cell=rnn&units=2&seed=1&data=sine&t=2', async (page) => {
    await page.waitForSelector('#views [data-symbol="h"][data-t="2"]');
    const before = await hashState(page);
    const numbers = await hValues(page);
    await page.evaluate(() => { location.hash += '&lessons=/lessons-local/bad.json'; });
    await page.waitForSelector('#lesson-panel .lesson-error:not([hidden])');
    assert.equal(await page.textContent('#lesson-panel .lesson-error'), '課程檔有誤：第 2 課的「state.cell」不是頁面認得的網址狀態');
    const after = await hashState(page);
    delete after.lessons;
    assert.deepEqual(after, before, 'the state is what it was');
    assert.deepEqual(await hValues(page), numbers, 'the numbers on screen are the same');
    assert.equal(await page.getAttribute('#lesson-panel', 'data-lesson'), '');
    // The same page then loads a good file.
    await page.evaluate(() => { location.hash = location.hash.replace('bad.json', 'mine.json'); });
    await page.waitForSelector('#lesson-panel[data-lesson="mine/1"]');
    await waitHash(page, 'cell', 'gru');
    assert.ok(await page.isHidden('#lesson-panel .lesson-error'));
  });
});

test('a lesson file on another origin is refused by name, with no request made', async () => {
  for (const url of ['https://example.com/lessons.json', '//example.com/lessons.json', '/\\example.com/lessons.json']) {
    await withPage(`#cell=rnn&units=2&seed=1&data=sine&lessons=${encodeURIComponent(url)}`, async (page) => {
      await page.waitForSelector('#lesson-panel .lesson-error:not([hidden])');
      assert.equal(await page.textContent('#lesson-panel .lesson-error'), '課程檔有誤：「lessons」必須和這個頁面同一個來源', url);
      const hash = await hashState(page);
      assert.equal(hash.cell, 'rnn');
      assert.equal(hash.lesson, undefined);
      // A request to another origin would be a CSP error on the console (withPage checks) and a resource entry.
      const asked = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((u) => !u.startsWith(location.origin)));
      assert.deepEqual(asked, [], `${url}: no request to another origin`);
    });
  }
});
