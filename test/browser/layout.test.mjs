// The page at the sizes a class uses: a phone (one column that fits, the views
// first, the controls folded, the playback bar pinned), a projector in
// presentation mode (the graph, the step's equations and the cell on one
// screen, every number at least 20 px, a strip to switch cell, units and data;
// Train mode keeps its start button), and a 1024 px screen outside the mode (the
// x_t circles keep their numbers). Everything is measured from the DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitHash, useServerAndBrowser, shotPath, withPage as shared } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const withPage = (hash, viewport, fn) => shared(browser, server.url, { hash, viewport }, fn);

// overflow is how far the page is wider than its viewport (0: no sideways scrolling).
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

// box reads an element's rectangle in the viewport.
const box = (page, sel) => page.$eval(sel, (e) => {
  const r = e.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
});

// drawnSizes returns, for every number (DOM contract or price) shown inside root, the size its
// font is drawn at in px: the computed font size, times the SVG's scale for text in a diagram.
const drawnSizes = (page, root) => page.$$eval(`${root} [data-value]`, (els) => els
  .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && e.textContent.trim() !== '')
  .map((e) => {
    const size = parseFloat(getComputedStyle(e).fontSize);
    const scale = e instanceof SVGElement ? Math.abs(e.getScreenCTM().d) : 1; // glyph height: the vertical scale
    return { symbol: e.dataset.symbol, text: e.textContent.trim(), px: size * scale };
  }));

for (const [width, height] of [[360, 740], [390, 844]]) {
  test(`a ${width} px phone: one column that fits, the graph first, the playback bar always in view`, async () => {
    await withPage('#cell=lstm&units=8', { width, height }, async (page) => {
      assert.equal(await overflow(page), 0, 'no sideways scrolling');
      // The graph comes right after the folded controls, within the first screen.
      const graph = await box(page, '#graph');
      assert.ok(graph.top < height * 0.4, `the graph starts at ${graph.top} px`);
      assert.equal(await page.isVisible('#units'), false, 'the controls are folded');
      assert.match(await page.textContent('#controls-summary'), /LSTM · n = 8 · T = 10 · 2330/);
      // The playback bar is pinned: in view at the top of the page and after scrolling to the end.
      for (const y of [0, 100000]) {
        await page.evaluate((v) => window.scrollTo(0, v), y);
        const bar = await box(page, '#pb-next');
        assert.ok(bar.top >= 0 && bar.bottom <= height, `the next button is in view (scrolled to ${y}): ${bar.top}–${bar.bottom}`);
      }
      await page.click('#pb-next');
      await waitHash(page, 't', 2);
      // Unfolded, the controls fit too, and work.
      await page.click('#controls-toggle');
      assert.equal(await page.getAttribute('#controls-toggle', 'aria-expanded'), 'true');
      assert.equal(await page.isVisible('#units'), true);
      assert.equal(await overflow(page), 0, 'no sideways scrolling with the controls open');
      await page.fill('#units', '3');
      await page.press('#units', 'Enter');
      await waitHash(page, 'units', 3);
      assert.match(await page.textContent('#controls-summary'), /n = 3/);
      assert.equal(await overflow(page), 0, 'no sideways scrolling after a change');
      await page.screenshot({ path: shotPath(`phone-${width}`), fullPage: true });
    });
  });
}

test('train mode on a phone fits its width', async () => {
  await withPage('#mode=train', { width: 390, height: 844 }, async (page) => {
    await page.waitForSelector('#train-start');
    assert.equal(await overflow(page), 0, 'no sideways scrolling');
  });
});

// overlaps lists the pairs of texts under sel whose boxes (glyph boxes, ascent to descent) meet.
const overlaps = (page, sel) => page.$$eval(sel, (els) => {
  const texts = els.filter((e) => e.getClientRects().length && e.textContent.trim()).map((e) => [e, e.getBoundingClientRect()]);
  const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const out = [];
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) if (meet(texts[i][1], texts[j][1])) out.push(`${texts[i][0].textContent} × ${texts[j][0].textContent}`);
  return out;
});

// The projector: every panel of the first screen inside the viewport, between the top bar and the
// playback bar, and every number in them drawn at 20 px or more.
for (const [width, height] of [[1024, 768], [1280, 720]]) {
  for (const cell of ['rnn', 'lstm', 'gru']) {
    test(`presentation mode at ${width}×${height} (${cell}): graph, equations and cell on one screen, numbers ≥ 20 px`, async () => {
      await withPage(`#present=1&cell=${cell}&t=3`, { width, height }, async (page) => {
        assert.equal(await overflow(page), 0, 'no sideways scrolling');
        const top = (await box(page, '.topbar')).bottom;
        const bottom = (await box(page, '#playback')).top;
        for (const sel of ['.panel-graph', '.panel-equation', '.panel-cell']) {
          const r = await box(page, sel);
          assert.ok(r.top >= top - 1 && r.bottom <= bottom + 1 && r.height > 150, `${sel} (${Math.round(r.top)}–${Math.round(r.bottom)}) lies between ${top} and ${bottom}`);
        }
        // The panels' contents fit them: the equations and the cell need no scrolling, at this step
        // and at the last (where the output o_T joins the equations).
        const fit = async (when) => {
          for (const sel of ['.panel-equation', '.panel-cell']) {
            const [sh, ch] = await page.$eval(sel, (e) => [e.scrollHeight, e.clientHeight]);
            assert.ok(sh <= ch + 1, `${sel} shows all of its content ${when} (${sh} px in ${ch})`);
          }
        };
        await fit('at t = 3');
        await page.keyboard.press('End');
        await waitHash(page, 't', 10);
        await page.waitForSelector('#equation .eq-output');
        await fit('at the last step');
        await page.keyboard.press('Home');
        await waitHash(page, 't', 1);
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        await waitHash(page, 't', 3);
        const sizes = [
          ...(await drawnSizes(page, '#graph')),
          ...(await drawnSizes(page, '#equation')),
          ...(await drawnSizes(page, '#cell')),
        ];
        assert.ok(sizes.length > 20, `numbers found: ${sizes.length}`);
        const small = sizes.filter((s) => s.px < 19.95);
        assert.deepEqual(small, [], 'every number is drawn at 20 px or more');
        // The x_t circles keep their numbers, and the dates and prices show under them.
        assert.ok(sizes.some((s) => s.symbol === 'x' && /^\d\.\d\d$/.test(s.text)), 'x_t values in the graph');
        const dates = await page.$$eval('.graph-svg .date, .graph-svg .raw', (els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
        assert.ok(dates.length >= 10 && dates.every((px) => px >= 20), `dates and prices at 20 px: ${dates}`);
        // The playback bar's buttons are in view.
        const next = await box(page, '#pb-next');
        assert.ok(next.bottom <= height);
        // The SimpleRNN cell's numbers, grown to 20 px, keep clear of its labels (above the boxes here).
        if (cell === 'rnn') assert.deepEqual(await overlaps(page, '#cell .cell-svg text'), [], 'no label and number overlap in the cell');
        await page.screenshot({ path: shotPath(`present-${width}-${cell}`) });
      });
    });
  }
}

test('presentation mode: the strip switches cell, units and data without leaving the mode', async () => {
  await withPage('#present=1&cell=rnn&units=4', { width: 1024, height: 768 }, async (page) => {
    assert.equal(await page.isVisible('#present-strip'), true);
    assert.equal(await page.isVisible('#units'), false, 'the sidebar is hidden');
    await page.click('#present-strip [data-cell="lstm"]');
    await waitHash(page, 'cell', 'lstm');
    assert.equal(await page.getAttribute('#present-strip [data-cell="lstm"]', 'aria-pressed'), 'true');
    await page.waitForSelector('#equation .gate-f');
    await page.click('#present-strip [data-delta="1"]');
    await waitHash(page, 'units', 5);
    assert.equal(await page.$eval('#param-total', (e) => Number(e.dataset.value)), 4 * (5 * (5 + 1) + 5) + 6);
    await page.click('#present-strip [data-delta="-1"]');
    await page.click('#present-strip [data-delta="-1"]');
    await waitHash(page, 'units', 3);
    await page.selectOption('#strip-data', 'sine');
    await waitHash(page, 'data', 'sine');
    await page.fill('#strip-code', '2317');
    await page.press('#strip-code', 'Enter');
    await waitHash(page, 'data', 'stock:2317:2024-01:2024-06');
    await page.waitForFunction(() => [...document.querySelectorAll('#strip-data option')].some((o) => o.selected && /2317/.test(o.textContent)));
    // A bad code is refused with a message in the strip; the data stays.
    await page.fill('#strip-code', '12');
    await page.press('#strip-code', 'Enter');
    await page.waitForFunction(() => document.querySelector('.strip-error').textContent.includes('2330'));
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('present')), true, 'still presenting');
  });
});

test('presentation mode keeps Train mode\'s start, pause and stop', async () => {
  await withPage('#present=1&mode=train', { width: 1024, height: 768 }, async (page) => {
    await page.waitForSelector('#train-start');
    const start = await box(page, '#train-start');
    assert.ok(start.top >= 0 && start.bottom <= 768, `the start button is in view: ${start.top}–${start.bottom}`);
    assert.equal(await page.isEnabled('#train-start'), true);
    assert.equal(await page.isVisible('#present-strip'), false, 'the step-through strip is not shown in Train mode');
  });
});

test('outside presentation mode at 1024 px the x_t circles keep their numbers', async () => {
  await withPage('#cell=gru&t=4', { width: 1024, height: 768 }, async (page) => {
    const xs = await page.$$eval('.graph-svg .node-value[data-symbol="x"]', (els) => els.map((e) => e.textContent));
    assert.equal(xs.length, 10);
    assert.equal(await overflow(page), 0);
  });
});

// Every size a class uses, in every mode: no sideways scrolling, and in the step-through the
// playback bar's buttons in view.
test('no sideways scrolling and the playback bar in view at 390, 1024, 1280 and 1440 px, in every mode', async () => {
  for (const [width, height] of [[390, 844], [1024, 768], [1280, 720], [1440, 900]]) {
    for (const hash of ['#cell=lstm&units=16', '#present=1&cell=gru&lang=en', '#mode=train', '#mode=train&present=1&lang=en']) {
      await withPage(hash, { width, height }, async (page) => {
        if (hash.includes('mode=train')) await page.waitForSelector('#train-start');
        assert.equal(await overflow(page), 0, `${width}×${height} ${hash}: no sideways scrolling`);
        if (!hash.includes('mode=train')) {
          for (const sel of ['#pb-prev', '#pb-play', '#pb-next']) {
            const r = await box(page, sel);
            assert.ok(r.top >= 0 && r.bottom <= height && r.right <= width, `${width}×${height} ${hash}: ${sel} in view`);
          }
        }
      });
    }
  }
});
