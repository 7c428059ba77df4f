// The stock picker (static/controls/stock.js) in the step-through input panel:
// search by name and code, keyboard choice, a range loaded with progress and
// the source badge, client-side range checks, the service's errors (404, 503
// with Retry-After) and its fallback notice. The server runs --offline; a few
// answers are replaced with page.route where a test needs the online service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitReady, hashState, waitHash, numbers, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const HASH = '#cell=rnn&units=2&seed=1&data=stock:2330:2024-01:2024-06';

// withPage opens hash (after routes(context) is set up), runs fn, and checks
// the console stayed clean but for messages matching allow.
async function withPage(hash, fn, { allow = [], routes = null } = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce' });
  if (routes) await routes(context);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  try {
    await page.goto(server.url + hash);
    await waitReady(page);
    await fn(page);
    assert.deepEqual(problems.filter((p) => !allow.some((re) => re.test(p))), [], 'no console errors');
  } finally {
    await context.close();
  }
}

const text = (page, sel) => page.textContent(sel).then((s) => s.replace(/\s+/g, ' ').trim());
const lastDate = (page) => page.$eval('.series-table tbody tr:last-child td:nth-child(2)', (td) => td.textContent);

// recordProgress collects the progress line's texts as they change.
const recordProgress = (page) => page.evaluate(() => {
  globalThis.__progress = [];
  const box = document.querySelector('#stock-progress');
  new MutationObserver(() => globalThis.__progress.push(box.textContent)).observe(box, { subtree: true, childList: true, characterData: true });
});

test('search by name and code; a stock picked with the keyboard loads with its badge', async () => {
  await withPage(HASH, async (page) => {
    await page.waitForFunction(() => /台積電 2330/.test(document.querySelector('#stock-badge').textContent));
    assert.match(await text(page, '#stock-badge'), /離線 台積電 2330 · 2024-01-02 至 2024-06-28 · \d+ 個交易日/);
    const input = page.locator('#stock-code');
    assert.equal(await input.getAttribute('role'), 'combobox');

    // By name: 台積 lists 2330.
    await input.fill('台積');
    await page.waitForSelector('#stock-list [role="option"][data-code="2330"]');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    assert.match(await text(page, '#stock-list [data-code="2330"]'), /2330 台積電 上市 有離線資料/);
    // Esc closes the list and keeps the text.
    await page.keyboard.press('Escape');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.isVisible('#stock-list'), false);

    // By code, chosen with ↓ and Enter: the range loads at once, month by month in progress.
    await input.fill('2317');
    await page.waitForSelector('#stock-list [role="option"][data-code="2317"]');
    await page.keyboard.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    assert.equal(await page.getAttribute(`#${active}`, 'data-code'), '2317');
    assert.equal(await page.getAttribute(`#${active}`, 'aria-selected'), 'true');
    await recordProgress(page);
    await page.keyboard.press('Enter');
    await waitHash(page, 'data', 'stock:2317:2024-01:2024-06');
    await page.waitForFunction(() => /2317/.test(document.querySelector('.sp-source + .sp-desc')?.textContent || ''));
    const badge = await text(page, '#stock-badge');
    assert.match(badge, /^離線 鴻海 2317 · 2024-01-02 至 2024-06-28 · \d+ 個交易日$/);
    assert.equal(await page.getAttribute('#stock-badge .sp-source', 'class'), 'sp-source sp-source-offline');
    assert.equal(await input.inputValue(), '2317 鴻海');
    assert.match(await text(page, '.sp-hint'), /離線資料：2015-01-05 至 \d{4}-\d\d-\d\d/);
    assert.equal(await lastDate(page), '2024-05-13', 'the default window ends on the last day the scaler saw');
    const seen = await page.evaluate(() => globalThis.__progress);
    assert.ok(seen.some((s) => /載入 2317：6 \/ 6 個月/.test(s)), `progress in months: ${seen.join(' | ')}`);
    await page.waitForSelector('#stock-progress', { state: 'hidden' });
    // The prices on screen are 2317's.
    const prices = (await numbers(page)).filter((n) => n.symbol === 'price');
    assert.ok(prices.length >= 10 && prices.every((p) => p.value > 50 && p.value < 300), 'closes of 2317 in NT$');
  });
});

test('a range is checked before anything is asked, in zh-TW and English; the last good state stays', async () => {
  await withPage(HASH, async (page) => {
    let requests = 0;
    page.on('request', (r) => /\/daily\?/.test(r.url()) && requests++);
    await page.fill('#stock-from', '2024-06');
    await page.fill('#stock-to', '2024-01');
    await page.click('#stock-load');
    await page.waitForSelector('#stock-error:not([hidden])');
    assert.equal(await text(page, '#stock-error'), '起始月份（2024-06）晚於結束月份（2024-01）。');
    await page.fill('#stock-from', '2009-06');
    await page.fill('#stock-to', '2009-08');
    await page.click('#stock-load');
    assert.equal(await text(page, '#stock-error'), '資料從 2010-01 開始。');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => /Data starts at 2010-01/.test(document.querySelector('#stock-error').textContent));
    assert.equal(await text(page, 'label[for="stock-code"]'), 'Stock (code or name)');
    // '23' lists the codes that start with it, over the Load button: Esc closes the list first.
    await page.fill('#stock-code', '23');
    await page.waitForSelector('#stock-list [role="option"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#stock-list', { state: 'hidden' });
    await page.click('#stock-load');
    assert.match(await text(page, '#stock-error'), /^Enter a stock code of 4 to 6 characters/);
    assert.equal(requests, 0, 'no request for a refused query');
    assert.equal((await hashState(page)).data, 'stock:2330:2024-01:2024-06');
    assert.equal(await lastDate(page), '2024-05-13');
  });
});

test('the service’s errors: 404 with its message, 503 with Retry-After; the last good state stays', async () => {
  await withPage(HASH, async (page) => {
    await page.fill('#stock-code', '9999');
    await page.click('#stock-load');
    await page.waitForSelector('#stock-error:not([hidden])');
    assert.match(await text(page, '#stock-error'), /^查無資料。 9999 沒有離線資料；離線資料只有 0050, 2317, 2330, 2454。$/);
    // The form goes back to what is loaded; the message stays.
    await page.waitForFunction(() => /^2330\b/.test(document.querySelector('#stock-code').value));
    assert.deepEqual([await page.inputValue('#stock-from'), await page.inputValue('#stock-to')], ['2024-01', '2024-06']);
    assert.equal(await page.isVisible('#stock-error'), true);
    assert.match(await text(page, '#stock-badge'), /台積電 2330/);
    // Months the offline data does not cover: the service names the range it has, and the hint offers it.
    await page.fill('#stock-code', '2330');
    await page.fill('#stock-from', '2012-01');
    await page.fill('#stock-to', '2012-06');
    await page.click('#stock-load');
    await page.waitForFunction(() => /2015-01-05/.test(document.querySelector('#stock-error').textContent));
    assert.match(await text(page, '#stock-error'), /^查無資料。 2330 的離線資料只涵蓋 2015-01-05 至 \d{4}-\d\d-\d\d。$/);
    await page.waitForFunction(() => document.querySelector('#stock-from').value === '2024-01');
    assert.equal(await page.inputValue('#stock-to'), '2024-06');
    await page.route('**/api/v1/stocks/2454/daily*', (route) => route.fulfill({
      status: 503,
      headers: { 'Retry-After': '7', 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests are waiting for the exchange; try again in 7 s.', message_zh: '等待向交易所查詢的請求太多，請 7 秒後再試。' } }),
    }));
    await page.fill('#stock-code', '2454');
    await page.click('#stock-load');
    await page.waitForFunction(() => /503/.test(document.querySelector('#stock-error').textContent));
    assert.equal(await text(page, '#stock-error'), '等待向交易所查詢的請求太多（503），請 7 秒後再按「載入」；已載入的月份會保留。');
    assert.match(await page.inputValue('#stock-code'), /^2454\b/, 'after a passing failure the typed stock stays, for Load again');
    assert.equal((await hashState(page)).data, 'stock:2330:2024-01:2024-06');
    assert.match(await text(page, '#stock-badge'), /台積電 2330/);
  }, { allow: [/status of 404/, /status of 503/] });
});

test('an online service: one request per month, and its fallback notice when the exchange fails', async () => {
  const asked = [];
  const routes = async (context) => {
    // The page believes the server asks the exchanges; the offline server answers each month.
    await context.route('**/healthz', (route) => route.fulfill({ json: { status: 'ok', offline: false, offline_codes: [] } }));
    await context.route('**/api/v1/stocks/*/daily*', async (route) => {
      const url = new URL(route.request().url());
      asked.push(`${url.searchParams.get('from')}..${url.searchParams.get('to')}`);
      if (!url.pathname.includes('/0050/')) return route.continue();
      const resp = await route.fetch();
      const body = await resp.json();
      body.fallback = true;
      body.notice = `The exchange could not be reached: showing the offline data shipped with Unroll (${body.range.from} – ${body.range.to}).`;
      body.notice_zh = `無法連線到交易所，改用 Unroll 內建的離線資料（${body.range.from} 至 ${body.range.to}）。`;
      return route.fulfill({ json: body });
    });
  };
  await withPage(HASH, async (page) => {
    await page.fill('#stock-code', '2454');
    await page.fill('#stock-from', '2024-02');
    await page.fill('#stock-to', '2024-04');
    await recordProgress(page);
    await page.click('#stock-load');
    await waitHash(page, 'data', 'stock:2454:2024-02:2024-04');
    assert.deepEqual(asked.slice(-3), ['2024-04..2024-04', '2024-02..2024-02', '2024-03..2024-03']);
    const seen = await page.evaluate(() => globalThis.__progress);
    for (const k of [1, 2, 3]) assert.ok(seen.some((s) => s.includes(`${k} / 3`)), `month ${k} of 3 shown: ${seen.join(' | ')}`);
    // 0050: the first month falls back to the shipped data; the rest comes in one piece.
    asked.length = 0;
    await page.fill('#stock-code', '0050');
    await page.fill('#stock-from', '2023-01');
    await page.fill('#stock-to', '2023-06');
    await page.click('#stock-load');
    await waitHash(page, 'data', 'stock:0050:2023-01:2023-06');
    assert.deepEqual(asked, ['2023-06..2023-06', '2023-01..2023-05']);
    await page.waitForSelector('#stock-notice:not([hidden])');
    assert.equal(await text(page, '#stock-notice'), '無法連線到交易所，改用 Unroll 內建的離線資料（2023-01-03 至 2023-06-30）。');
    assert.equal(await page.getAttribute('#stock-notice', 'class'), 'sp-notice sp-fallback');
  }, { routes });
});

test('a month waiting for the exchange shows its place in the queue and the wait, as the service tells it', async () => {
  let queue = { queued: true, position: 3, wait_s: 6 };
  let release;
  const held = new Promise((r) => { release = r; });
  const routes = async (context) => {
    await context.route('**/healthz', (route) => route.fulfill({ json: { status: 'ok', offline: false, offline_codes: [] } }));
    await context.route('**/api/v1/stocks/2454/queue*', (route) => route.fulfill({ json: { code: '2454', month: '2024-03', cached: false, waiting: 4, ...queue } }));
    await context.route('**/api/v1/stocks/2454/daily*', async (route) => {
      if (new URL(route.request().url()).searchParams.get('from') === '2024-03') await held;
      return route.continue();
    });
  };
  await withPage(HASH, async (page) => {
    await page.fill('#stock-code', '2454');
    await page.fill('#stock-from', '2024-02');
    await page.fill('#stock-to', '2024-03');
    await page.click('#stock-load');
    await page.waitForFunction(() => /載入 2454：0 \/ 2 個月（2024-03）.*第 3 位，約 6 秒/.test(document.querySelector('#stock-progress').textContent));
    queue = { queued: true, position: 1, wait_s: 2 };
    await page.waitForFunction(() => /第 1 位，約 2 秒/.test(document.querySelector('#stock-progress').textContent));
    release();
    await waitHash(page, 'data', 'stock:2454:2024-02:2024-03');
    await page.waitForSelector('#stock-progress', { state: 'hidden' });
  }, { routes });
});
