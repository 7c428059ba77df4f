// Controls: keys and buttons step and play; cell, units and language switch;
// a URL restores its view; typed and stock inputs work; bad typed input shows
// a message and keeps the last good state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashState, waitHash, numbers, useServerAndBrowser, withPage as shared } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

// withPage opens hash on the shared server and browser (helpers.mjs withPage).
const withPage = (hash, fn, allow = []) => shared(browser, server.url, { hash, allow }, fn);

const scrub = (page) => page.$eval('#pb-scrub', (e) => Number(e.value));

test('keys step through time', async () => {
  await withPage('#cell=rnn&units=3&seed=1&data=sine&t=1', async (page) => {
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await waitHash(page, 't', 2);
    await page.keyboard.press('ArrowRight');
    await waitHash(page, 't', 3);
    await page.keyboard.press('ArrowLeft');
    await waitHash(page, 't', 2);
    await page.keyboard.press('End');
    await waitHash(page, 't', 10);
    assert.equal(await scrub(page), 10);
    await page.keyboard.press('ArrowRight'); // stays at the last step
    await page.keyboard.press('Home');
    await waitHash(page, 't', 1);
    await page.keyboard.press('ArrowLeft'); // stays at the first step
    assert.equal((await hashState(page)).t, '1');
  });
});

test('buttons step, and Space and the play button play to the end', async () => {
  await withPage('#cell=lstm&units=2&seed=1&data=seq:1,2,3,4&t=1&speed=4', async (page) => {
    await page.click('#pb-next');
    await waitHash(page, 't', 2);
    await page.click('#pb-last');
    await waitHash(page, 't', 4);
    await page.click('#pb-prev');
    await waitHash(page, 't', 3);
    await page.click('#pb-first');
    await waitHash(page, 't', 1);
    // Play with the button: it reaches the last step and stops.
    await page.click('#pb-play');
    await waitHash(page, 't', 4);
    await page.waitForFunction(() => document.querySelector('#pb-play').getAttribute('aria-pressed') === 'false');
    // Space (focus not in a text field) plays again from the start. The play may be
    // over before a look at the button, so its aria-pressed values are recorded.
    await page.evaluate(() => {
      const play = document.querySelector('#pb-play');
      globalThis.__pressed = [];
      new MutationObserver(() => globalThis.__pressed.push(play.getAttribute('aria-pressed'))).observe(play, { attributes: true, attributeFilter: ['aria-pressed'] });
    });
    await page.locator('#h-model').click();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => globalThis.__pressed.includes('true') && globalThis.__pressed.at(-1) === 'false');
    await waitHash(page, 't', 4);
    // The scrubber is a range input: keyboard and value both move t.
    await page.focus('#pb-scrub');
    await page.keyboard.press('ArrowLeft');
    await waitHash(page, 't', 3);
  });
});

test('every control is reachable by keyboard', async () => {
  await withPage('#data=sine', async (page) => {
    const seen = new Set();
    for (let k = 0; k < 400 && !seen.has('pb-speed'); k++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('name') || document.activeElement?.dataset?.view || '');
      if (id) seen.add(id);
    }
    for (const id of ['lang-toggle', 'present-toggle', 'cell', 'units', 'steps', 'seed', 'reroll', 'source', 'pb-first', 'pb-prev', 'pb-play', 'pb-next', 'pb-last', 'pb-scrub', 'pb-speed']) {
      assert.ok(seen.has(id), `${id} is reachable with Tab (reached: ${[...seen].join(' ')})`);
    }
  });
});

test('switching cell type and units rebuilds the model and the parameter count', async () => {
  await withPage('#cell=rnn&units=4&seed=1&data=sine', async (page) => {
    const total = () => page.$eval('#param-rnn', (e) => Number(e.dataset.value));
    assert.equal(await total(), 1 * (4 * (4 + 1) + 4));
    // The formula's n, g and i are tied to the diagrams.
    await page.hover('.param-term.param-n');
    await page.waitForFunction(() => document.documentElement.dataset.highlight === 'n');
    await page.focus('.param-term.param-i');
    await page.waitForFunction(() => document.documentElement.dataset.highlight === 'i');
    await page.click('#cell-group button[value="lstm"]');
    await waitHash(page, 'cell', 'lstm');
    await page.waitForFunction(() => document.querySelector('#param-rnn').dataset.value === '96');
    assert.ok((await numbers(page)).some((n) => n.symbol === 'f'), 'the forget gate is shown');
    await page.fill('#units', '2');
    await page.press('#units', 'Enter');
    await page.locator('#units').blur();
    await waitHash(page, 'units', 2);
    await page.waitForFunction(() => document.querySelector('#param-rnn').dataset.value === '32');
    await page.click('#cell-group button[value="gru"]');
    await waitHash(page, 'cell', 'gru');
    // GRU(2), reset_after: 3 × (2 × (2 + 1) + 2) + 3 × 2 = 30.
    await page.waitForFunction(() => document.querySelector('#param-rnn').dataset.value === '30');
    assert.ok((await numbers(page)).some((n) => n.symbol === 'z'), 'the update gate is shown');
    const seed = (await hashState(page)).seed;
    await page.click('#reroll');
    await page.waitForFunction((s) => !location.hash.includes(`seed=${s}&`), seed);
  });
});

test('the language toggle switches every text and the URL', async () => {
  await withPage('#data=sine', async (page) => {
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant-TW');
    assert.match(await page.textContent('#h-model'), /模型/);
    await page.click('#lang-toggle');
    await waitHash(page, 'lang', 'en');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('#h-model'), 'Model');
    assert.match(await page.textContent('#lang-toggle'), /中文/);
    const body = await page.textContent('body');
    assert.ok(!/[遺忘閘輸入閘]/.test(await page.textContent('.playback')), 'playback is in English');
    assert.ok(body.length > 0);
    await page.click('#lang-toggle');
    await waitHash(page, 'lang', 'zh-TW');
  });
});

test('opening a URL restores its view', async () => {
  const hash = '#cell=gru&units=3&seed=5&steps=10&data=seq:0.5,-0.5,0.25,1,0&t=4&unit=2&lang=en&view=rolled&speed=2';
  await withPage(hash, async (page) => {
    const st = await hashState(page);
    assert.deepEqual({ ...st }, {
      cell: 'gru', units: '3', seed: '5', steps: '10', data: 'seq:0.5,-0.5,0.25,1,0', t: '4', unit: '2', lang: 'en', view: 'rolled', speed: '2',
    });
    assert.equal(await page.getAttribute('#cell-group button[value="gru"]', 'aria-pressed'), 'true');
    assert.equal(await page.inputValue('#units'), '3');
    assert.equal(await scrub(page), 4);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getAttribute('#view-toggle [data-view="rolled"]', 'aria-pressed'), 'true');
    assert.equal(await page.inputValue('#pb-speed'), '2');
    assert.equal(await page.inputValue('#seq-text'), '0.5,-0.5,0.25,1,0');
    // Changing the view updates the hash.
    await page.click('#view-toggle [data-view="unrolled"]');
    await waitHash(page, 'view', 'unrolled');
  });
});

test('a typed sequence goes in unscaled; bad input shows a message and keeps the last good state', async () => {
  await withPage('#cell=rnn&units=2&seed=1&data=sine', async (page) => {
    await page.click('#source-group button[value="seq"]');
    await page.fill('#seq-text', '0.3, -0.7, 2');
    await page.click('#src-seq button[type="submit"]');
    await waitHash(page, 'data', 'seq:0.3, -0.7, 2');
    const xs = (await numbers(page)).filter((n) => n.symbol === 'x').map((n) => n.value);
    assert.deepEqual([...new Set(xs)].sort(), [-0.7, 0.3, 2]);
    const good = await hashState(page);
    const goodNumbers = JSON.stringify(await numbers(page));

    for (const [text, pattern] of [
      ['0.1, abc, 0.3', /第 2 個值（「abc」）不是數字/],
      ['', /請至少輸入一個數字/],
      [Array(201).fill('0.5').join(','), /序列有 201 個時間步，最多只能有 200 個/],
    ]) {
      await page.fill('#seq-text', text);
      await page.click('#src-seq button[type="submit"]');
      await page.waitForFunction((p) => new RegExp(p).test(document.querySelector('#input-error').textContent), pattern.source);
      assert.equal(await page.isVisible('#input-error'), true);
      assert.deepEqual(await hashState(page), good, 'the URL keeps the last good state');
      assert.equal(JSON.stringify(await numbers(page)), goodNumbers, 'the numbers keep the last good state');
    }
    // The message follows the language.
    await page.click('#lang-toggle');
    await page.waitForFunction(() => /at most 200/.test(document.querySelector('#input-error').textContent));
    // A good sequence clears it.
    await page.fill('#seq-text', '1,2');
    await page.click('#src-seq button[type="submit"]');
    await waitHash(page, 'data', 'seq:1,2');
    assert.equal(await page.isVisible('#input-error'), false);
  });
});

test('a bad sequence in a link falls back and says so', async () => {
  await withPage('#data=seq:1,zz,3', async (page) => {
    assert.match(await page.textContent('#input-error'), /不是數字/);
    assert.notEqual((await hashState(page)).data, 'seq:1,zz,3');
    // Editing the URL of an open page: a good hash is brought in, a bad one is refused.
    await page.evaluate(() => { location.hash = '#cell=lstm&units=2&seed=4&data=seq:0.5,0.25&t=2'; });
    await page.waitForFunction(() => document.querySelector('#pb-scrub').max === '2' && document.querySelector('#pb-scrub').value === '2');
    await page.evaluate(() => { location.hash = '#cell=lstm&units=2&seed=4&data=seq:0.5,oops&t=2'; });
    await page.waitForFunction(() => /「oops」/.test(document.querySelector('#input-error').textContent));
    await waitHash(page, 'data', 'seq:0.5,0.25');
  });
});

test('the stock window moves over the fetched days, and another range loads', async () => {
  await withPage('#cell=rnn&units=2&seed=1&data=stock:2330:2024-01:2024-06', async (page) => {
    const dates = () => page.$$eval('.series-table tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
    const before = await dates();
    assert.equal(before.length, 10);
    assert.equal(before[9], '2024-05-13', 'the default window ends on the last day the scaler saw (84 of 117 days)');
    assert.match(await page.textContent('#stock-badge'), /2330/);
    const prices = (await numbers(page)).filter((n) => n.symbol === 'price');
    assert.ok(prices.every((p) => p.value > 100), 'raw closes are shown in NT$');
    // Move the window end with the keyboard.
    await page.focus('#window-end');
    for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((last) => document.querySelector('.series-table tbody tr:last-child td:nth-child(2)').textContent !== last, before[9]);
    await page.waitForFunction(() => /[#&]end=2024-0[45]-\d\d/.test(location.hash));
    const st = await hashState(page);
    assert.ok(st.end < before[9]);
    // Another range.
    await page.fill('#stock-from', '2023-01');
    await page.fill('#stock-to', '2023-03');
    await page.click('#src-stock button[type="submit"]');
    await waitHash(page, 'data', 'stock:2330:2023-01:2023-03');
    assert.match((await dates())[9], /^2023-03-/);
    assert.equal((await hashState(page)).end, undefined);
    // A stock without data: the service's message (in the stock picker), and the last good state kept.
    await page.fill('#stock-code', '9999');
    await page.click('#src-stock button[type="submit"]');
    await page.waitForFunction(() => /9999/.test(document.querySelector('#stock-error').textContent));
    assert.equal((await hashState(page)).data, 'stock:2330:2023-01:2023-03');
    assert.match((await dates())[9], /^2023-03-/);
  }, [/status of 404/]);
});
