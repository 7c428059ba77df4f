// A lesson path walked with the keyboard alone: from the page, Tab reaches the lesson button,
// Enter opens the lessons, the dots and PageDown / PageUp (→ / ← in presentation mode) move
// between lessons and the view and the URL follow; the controls a lesson points at are reached
// by Tab and work with Enter and the arrows; every element focused on the way shows a
// focus ring, and focus stays where it was when the view redraws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, withPage as shared, waitHash, hashState } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const withPage = (hash, fn) => shared(browser, server.url, { hash, viewport: { width: 1280, height: 800 } }, fn);

// focused describes the focused element and whether it shows a focus ring: its own outline or
// box-shadow, or (an SVG part) a :focus-visible rule that draws on its shapes.
const focused = (page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    const name = `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.getAttribute('class') ? `.${e.getAttribute('class').split(' ')[0]}` : ''} “${(e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 24)}”`;
    if (e === document.body) return { name, body: true, ring: false };
    const cs = getComputedStyle(e);
    const drawn = (st) => (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0) || st.boxShadow !== 'none';
    let ring = e.matches(':focus-visible') && drawn(cs);
    // A month field's calendar button is Chromium's own part: the field is not :focus then, and its ring is the browser's.
    if (e.type === 'month' && !e.matches(':focus')) return { name, body: false, ring: true };
    if (!ring && e.matches(':focus-visible')) {
      const rules = [];
      const walk = (list) => { for (const r of list) if (r.selectorText) rules.push(r.selectorText); else if (r.cssRules) walk(r.cssRules); };
      for (const sheet of document.styleSheets) walk(sheet.cssRules);
      ring = rules.flatMap((s) => s.split(',')).some((sel) => {
        const i = sel.indexOf(':focus-visible');
        const rest = i < 0 ? '' : sel.slice(i + ':focus-visible'.length).trim();
        if (!rest) return false;
        try {
          return e.matches(sel.slice(0, i + ':focus-visible'.length)) && e.querySelector(`:scope ${rest}`) !== null;
        } catch {
          return false;
        }
      });
    }
    return { name, body: false, ring };
  });

// tabTo presses Tab (Shift+Tab when back) until the focused element matches sel, checking the ring
// of every element on the way; it fails after max presses.
// (The unrolled graph is one stop, its nodes and weights reached with the arrow keys.)
async function tabTo(page, sel, { back = false, max = 400 } = {}) {
  for (let k = 0; k < max; k++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (!f.body) assert.ok(f.ring, `${f.name} shows a focus ring`);
    if (await page.evaluate((s) => document.activeElement.matches(s), sel)) return;
  }
  assert.fail(`${sel} was not reached in ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

const atLesson = async (page, n) => {
  await waitHash(page, 'lesson', `u12/${n}`);
  await page.waitForSelector(`#lesson-panel[data-lesson="u12/${n}"]`);
  await page.waitForSelector('html:not(.busy)');
};
const stillFocused = async (page, sel, what) => assert.ok(await page.evaluate((s) => document.activeElement.matches(s), sel), `focus stays on ${sel} ${what}`);

test('a lesson path by keyboard alone: Tab, Enter, arrows, PageDown / PageUp, and a focus ring all the way', async () => {
  await withPage('#cell=rnn&units=4&seed=1&data=sine&t=2', async (page) => {
    assert.ok((await focused(page)).body, 'focus starts at the page');
    await tabTo(page, '#lesson-toggle');
    await page.keyboard.press('Enter');
    await atLesson(page, 1);

    // The dots: Tab to lesson 3, Enter opens it; focus stays on the dots.
    await tabTo(page, '#lesson-panel .lesson-dots button[data-n="3"]');
    await page.keyboard.press('Enter');
    await atLesson(page, 3);
    await stillFocused(page, '#lesson-panel .lesson-dots button[data-n="3"]', 'after the lesson opened');
    let hash = await hashState(page);
    assert.equal(hash.t, '3');
    assert.equal(hash.data, 'seq:0.5,-0.2,0.8,0.1,-0.6');

    // Lesson 3 points at the graph: Tab reaches it at the current step, Home takes the step and
    // the focus to step 1, Enter selects the focused step.
    await tabTo(page, '#graph .node.kind-s[data-t="3"]');
    await page.keyboard.press('Home');
    await waitHash(page, 't', 1);
    await stillFocused(page, '#graph .node.kind-s[data-t="1"]', 'after Home');
    await page.keyboard.press('Enter');
    await stillFocused(page, '#graph .node[data-t="1"]', 'after the step changed');

    // PageDown: lesson 4 (the rolled view); its view buttons are reached by Shift+Tab, Enter meets the check.
    await page.keyboard.press('PageDown');
    await atLesson(page, 4);
    await waitHash(page, 'view', 'rolled');
    await tabTo(page, '#view-toggle [data-view="unrolled"]', { back: true });
    await page.keyboard.press('Enter');
    await waitHash(page, 'view', 'unrolled');
    await page.waitForSelector('#lesson-panel .lesson-ask[data-check="met"]');
    await stillFocused(page, '#view-toggle [data-view="unrolled"]', 'after the view changed');

    // PageUp back to lesson 3; in presentation mode → and ← move between lessons.
    await page.keyboard.press('PageUp');
    await atLesson(page, 3);
    await waitHash(page, 't', 3);
    await page.keyboard.press('p');
    await waitHash(page, 'present', 1);
    await page.keyboard.press('ArrowRight');
    await atLesson(page, 4);
    await page.keyboard.press('ArrowLeft');
    await atLesson(page, 3);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !/present=1/.test(location.hash));

    // Lesson 8 by its dot: the gradient chart's picker, the heatmap's steps and the cell switch the
    // lesson asks for work with Enter (in the step-through, Space plays and pauses wherever the focus is).
    await tabTo(page, '#lesson-panel .lesson-dots button[data-n="8"]');
    await page.keyboard.press('Enter');
    await atLesson(page, 8);
    await waitHash(page, 'steps', 30);
    assert.equal((await hashState(page)).grad ?? 'x', 'x');
    await tabTo(page, '#gradflow .gf-pick-btn[data-grad="s"]');
    await page.keyboard.press('Enter');
    await waitHash(page, 'grad', 's');
    await stillFocused(page, '#gradflow .gf-pick-btn[data-grad="s"]', 'after the chart redrew');
    await tabTo(page, '#heatmap .heat-col');
    const col = await page.evaluate(() => document.activeElement.getAttribute('data-t') ?? document.activeElement.__data__?.t);
    await page.keyboard.press('Enter');
    await waitHash(page, 't', col);
    await tabTo(page, '#cell-group button[value="lstm"]', { back: true });
    await page.keyboard.press('Enter');
    await waitHash(page, 'cell', 'lstm');
    await page.waitForSelector('#lesson-panel .lesson-ask[data-check="met"]');
    hash = await hashState(page);
    assert.equal(hash.lesson, 'u12/8');
  });
});
