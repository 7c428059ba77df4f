// For the room: in presentation mode the QR code decodes (jsQR, in the test) to the link of
// the view on screen, and follows the view; out of presentation mode its button is hidden.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useServerAndBrowser, withPage as shared, waitHash } from './helpers.mjs';

const jsQR = createRequire(import.meta.url)('jsqr');

let server;
let browser;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const withPage = (hash, viewport, fn) => shared(browser, server.url, { hash, viewport }, fn);

// decodeQr draws the dialog's SVG on a canvas in the page and decodes its pixels here.
async function decodeQr(page) {
  const { width, height, data } = await page.evaluate(async () => {
    const svg = document.querySelector('#qr-dialog .qr-code svg');
    const img = new Image();
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 600;
    const ctx = canvas.getContext('2d');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(img, 0, 0, 600, 600);
    const d = ctx.getImageData(0, 0, 600, 600);
    return { width: d.width, height: d.height, data: [...d.data] };
  });
  const code = jsQR(Uint8ClampedArray.from(data), width, height);
  assert.ok(code, 'the QR code decodes');
  return code.data;
}

test('the QR code in presentation mode decodes to the link of the view on screen', async () => {
  await withPage('#cell=lstm&units=3&seed=2&data=sine&t=4', { width: 1024, height: 768 }, async (page) => {
    assert.ok(await page.isHidden('#qr-toggle'), 'no QR button outside presentation mode');
    await page.keyboard.press('p');
    await waitHash(page, 'present', 1);
    await page.click('#qr-toggle');
    await page.waitForSelector('#qr-dialog[open] .qr-code svg');
    const side = await page.$eval('#qr-dialog .qr-code svg', (e) => e.getBoundingClientRect().width);
    assert.ok(side >= 500, `the code is ${side} px wide at 1024×768`);
    const url = await decodeQr(page);
    const here = await page.evaluate(() => location.href);
    assert.equal(url, here.replace('&present=1', ''), 'the link of this view, out of presentation mode');
    assert.match(url, /cell=lstm&units=3&seed=2&steps=10&data=sine&t=4/);
    // The code follows the view: a step later, t=5.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#qr-dialog').open);
    assert.equal((await page.evaluate(() => location.hash)).includes('present=1'), true, 'Esc closed the dialog only');
    await page.click('#pb-next');
    await waitHash(page, 't', 5);
    await page.click('#qr-toggle');
    await page.waitForSelector('#qr-dialog[open]');
    assert.match(await decodeQr(page), /&t=5&/);
  });
});
