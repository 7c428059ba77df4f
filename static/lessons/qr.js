// The room's QR code: in presentation mode a button in the top bar shows, large
// enough to scan from the back of a classroom, a QR code of the link of the
// view on screen (state.js's hash of the current state, as url.js writes it, out of presentation mode),
// so that students open the same step on their phones. Made in the page
// (qrcode-generator, copied to gen/ by make assets): no network beyond the
// page's own server, which sends the code maker when presentation mode first
// shows the button (the default view goes without it).

import { toHash } from '../state.js';

let qrcode = null;
let loading = null;
// loadQr fetches the code maker once.
function loadQr() {
  loading ||= import('../gen/qrcode.mjs').then((m) => { qrcode = m.default; });
  return loading;
}

const SVG = 'http://www.w3.org/2000/svg';

// qrSvg draws text as an SVG QR code (error correction M, a 4-module quiet zone), once loadQr has resolved.
function qrSvg(text) {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  let d = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + 4} ${r + 4}h1v1h-1z`;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${n + 8} ${n + 8}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  const bg = document.createElementNS(SVG, 'rect');
  for (const [k, v] of [['width', n + 8], ['height', n + 8], ['fill', '#fff']]) bg.setAttribute(k, v);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  svg.append(bg, path);
  return svg;
}

// createRoomQr(button, {t}) → {update(state)}: the button (shown in presentation
// mode) opens a dialog with the QR code of the current link; Esc or a click closes it.
export function createRoomQr(button, { t }) {
  const dialog = document.createElement('dialog');
  dialog.className = 'qr-dialog';
  dialog.id = 'qr-dialog';
  dialog.innerHTML = '<h2 class="qr-title"></h2><div class="qr-code"></div><p class="qr-url"></p><button type="button" class="qr-close"></button>';
  document.body.append(dialog);
  let state = null;
  let shown = '';

  const link = (s) => location.origin + location.pathname + toHash({ ...s, present: false }); // phones open the ordinary page
  function draw() {
    const url = link(state);
    if (url === shown) return;
    shown = url;
    dialog.querySelector('.qr-code').replaceChildren(qrSvg(url));
    dialog.querySelector('.qr-url').textContent = url;
    dialog.dataset.url = url;
  }
  // The dialog opens with its code drawn: never an empty or an earlier one.
  button.addEventListener('click', () => loadQr().then(() => {
    draw();
    if (!dialog.open) dialog.showModal();
  }));
  dialog.querySelector('.qr-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (ev) => { if (ev.target === dialog) dialog.close(); });
  // Esc closes the dialog only (not presentation mode too).
  dialog.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') ev.stopPropagation(); });

  return {
    update(s) {
      state = s;
      button.hidden = !s.present;
      if (s.present) loadQr().catch(() => {}); // ready by the time it is clicked; a failure shows at the click
      button.textContent = t('qr.toggle');
      button.title = t('qr.title');
      dialog.querySelector('.qr-title').textContent = t('qr.title');
      dialog.querySelector('.qr-close').textContent = t('qr.close');
      if (!s.present && dialog.open) dialog.close();
      if (dialog.open) draw();
    },
  };
}
