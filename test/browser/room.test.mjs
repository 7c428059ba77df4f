// For the room: in presentation mode the QR code decodes (jsQR, in the test) to the link of
// the view on screen, and follows the view; out of presentation mode its button is hidden.
// The exports download with the view, the model and the step in their names, and the trace
// CSV's numbers equal `unroll trace`'s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { useServerAndBrowser, withPage as shared, waitHash, cliTrace } from './helpers.mjs';

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

// save runs click and resolves with the download's name and bytes.
async function save(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: dl.suggestedFilename(), body: fs.readFileSync(await dl.path()) };
}

test('exports: the trace CSV equals unroll trace, SVG and PNG of a view, named after view, model and step', async () => {
  const input = [0.5, -0.2, 0.8, 0.1];
  await withPage(`#cell=lstm&units=3&seed=2&data=seq:${input.join(',')}&t=2`, { width: 1280, height: 800 }, async (page) => {
    await page.click('#export-menu summary');
    const csv = await save(page, () => page.click('#export-menu [data-export="csv"]'));
    assert.equal(csv.name, 'unroll-trace-lstm-n3-seed2-t2.csv');
    const [header, ...rows] = csv.body.toString('utf8').trim().split('\n');
    assert.equal(header, 't,x1,s1,s2,s3,c1,c2,c3,i1,i2,i3,f1,f2,f3,g1,g2,g3,o1,o2,o3');
    const tr = cliTrace({ cell: 'lstm', units: 3, seed: 2, input });
    assert.equal(rows.length, tr.steps.length);
    let checked = 0;
    tr.steps.forEach((st, k) => {
      const want = [st.t, ...st.x, ...st.h, ...st.c, ...['i', 'f', 'g', 'o'].flatMap((g) => st.gates[g])];
      const got = rows[k].split(',').map(Number);
      assert.equal(got.length, want.length);
      got.forEach((v, j) => {
        // Go computes both sides (native and WebAssembly): the last bits may differ.
        assert.ok(Math.abs(v - want[j]) <= 1e-12 * Math.max(1, Math.abs(want[j])), `row ${k + 1} ${header.split(',')[j]}: CSV ${v}, CLI ${want[j]}`);
        checked++;
      });
    });
    assert.equal(checked, 4 * 20);
    const svg = await save(page, () => page.click('#export-menu [data-export="svg"]'));
    assert.equal(svg.name, 'unroll-graph-lstm-n3-seed2-t2.svg');
    assert.match(svg.body.toString('utf8'), /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    await page.selectOption('#export-menu .export-view', 'cell');
    const png = await save(page, () => page.click('#export-menu [data-export="png"]'));
    assert.equal(png.name, 'unroll-cell-lstm-n3-seed2-t2.png');
    assert.deepEqual([...png.body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
    assert.ok(png.body.length > 2000, `the PNG has a picture (${png.body.length} bytes)`);
  });
});
