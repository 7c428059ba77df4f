// The step keys after a click on a segmented button: ← → Home End step time
// and Space plays or pauses wherever the focus is (a button of the cell, the
// data source, the mode or the view switch), but not in a text field or a
// slider; Enter still presses the focused button. At a projector's 1366×768
// and a phone's 390×844.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, hashState, waitHash, useServerAndBrowser } from './helpers.mjs';

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

// stepTime presses → twice, ←, End, Home and checks t after each, and that
// the cell and the data stay as they were.
async function stepTime(page, what) {
  const before = await hashState(page);
  const T = Number(await page.$eval('#pb-scrub', (e) => e.max));
  for (const [key, t] of [['ArrowRight', 2], ['ArrowRight', 3], ['ArrowLeft', 2], ['End', T], ['Home', 1]]) {
    await page.keyboard.press(key);
    await waitHash(page, 't', t);
  }
  const after = await hashState(page);
  assert.equal(after.cell, before.cell, `${what}: the arrows leave the cell alone`);
  assert.equal(after.data, before.data, `${what}: the arrows leave the data alone`);
}

const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return `${e.tagName} ${e.getAttribute('name') || e.dataset.mode || e.dataset.view || e.id}=${e.value || ''}`;
});

for (const viewport of VIEWPORTS) {
  test(`keys step time after a click on each segmented button (${viewport.width}×${viewport.height})`, async () => {
    const { page, context, problems } = await openPage(browser, server.url, { hash: '#cell=rnn&units=2&seed=1&data=sine&t=1', viewport });
    try {
      // On a phone the controls are folded under a button: open them (the keys must still step
      // time after that button too).
      if (await page.isVisible('#controls-toggle')) {
        await page.click('#controls-toggle');
        await page.waitForSelector('#cell-group', { state: 'visible' });
        assert.match(await focused(page), /^BUTTON/);
        await stepTime(page, 'controls');
      }
      // The cell: LSTM pressed, then the arrows move t, not the cell.
      await page.click('#cell-group button[value="lstm"]');
      await waitHash(page, 'cell', 'lstm');
      assert.equal(await page.getAttribute('#cell-group button[value="lstm"]', 'aria-pressed'), 'true');
      assert.equal(await page.getAttribute('#cell-group button[value="rnn"]', 'aria-pressed'), 'false');
      assert.match(await focused(page), /^BUTTON cell=lstm/);
      await stepTime(page, 'cell');

      // The data source.
      await page.click('#source-group button[value="seq"]');
      assert.equal(await page.getAttribute('#source-group button[value="seq"]', 'aria-pressed'), 'true');
      await page.waitForSelector('#src-seq', { state: 'visible' });
      assert.match(await focused(page), /^BUTTON source=seq/);
      await stepTime(page, 'source');
      assert.equal(await page.getAttribute('#source-group button[value="seq"]', 'aria-pressed'), 'true', 'the source stays');

      // The mode switch: to Train and back, then the keys step again.
      await page.click('#mode-toggle [data-mode="train"]');
      await waitHash(page, 'mode', 'train');
      await page.click('#mode-toggle [data-mode="step"]');
      await page.waitForFunction(() => !/[#&]mode=/.test(location.hash));
      await page.waitForSelector('#views', { state: 'visible' });
      assert.match(await focused(page), /^BUTTON step/);
      await stepTime(page, 'mode');

      // The view switch (in the top bar; at 390 px it may need scrolling into view).
      await page.click('#view-toggle [data-view="rolled"]');
      await waitHash(page, 'view', 'rolled');
      assert.match(await focused(page), /^BUTTON rolled/);
      await stepTime(page, 'view');
      assert.equal((await hashState(page)).view, 'rolled');

      // Enter presses the focused button.
      await page.focus('#cell-group button[value="gru"]');
      await page.keyboard.press('Enter');
      await waitHash(page, 'cell', 'gru');
      assert.deepEqual(problems, [], 'no console errors');
    } finally {
      await context.close();
    }
  });
}

test('Space plays and pauses while a button has the focus, and types in a text field', async () => {
  const { page, context, problems } = await openPage(browser, server.url, { hash: '#cell=rnn&units=2&seed=1&data=sine&t=1&speed=0.5' });
  const playing = () => page.getAttribute('#pb-play', 'aria-pressed');
  try {
    await page.click('#cell-group button[value="gru"]');
    await waitHash(page, 'cell', 'gru');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('#pb-play').getAttribute('aria-pressed') === 'true');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('#pb-play').getAttribute('aria-pressed') === 'false');
    // Space did not press the focused button again (GRU stays, and it is still the focus).
    assert.equal((await hashState(page)).cell, 'gru');
    assert.match(await focused(page), /^BUTTON cell=gru/);

    // On the source button: Space plays; the source stays.
    await page.click('#source-group button[value="seq"]');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('#pb-play').getAttribute('aria-pressed') === 'true');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('#pb-play').getAttribute('aria-pressed') === 'false');
    assert.equal(await page.getAttribute('#source-group button[value="seq"]', 'aria-pressed'), 'true');

    // In the sequence field, the keys type and move the caret: time stays.
    const t = (await hashState(page)).t;
    await page.fill('#seq-text', '1,2');
    await page.focus('#seq-text');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Space');
    await page.keyboard.press('Home');
    assert.equal(await page.inputValue('#seq-text'), '1, 2');
    assert.equal(await playing(), 'false');
    assert.equal((await hashState(page)).t, t);
    // In the units field, the arrows are the field's own.
    await page.focus('#units');
    await page.keyboard.press('ArrowRight');
    assert.equal((await hashState(page)).t, t);
    assert.deepEqual(problems, [], 'no console errors');
  } finally {
    await context.close();
  }
});
