// The stock picker: a stock (searched by code or Chinese name), a range of
// months, a progress bar while the months load, a badge with the data's
// source and the dates it covers, the service's notice when it fell back to
// the shipped offline data, and a clear zh-TW/English message for every error.
// The step-through input panel uses it; any panel that needs a daily series
// can (the training panel).
//
// API
//   const picker = createStockPicker(container, {
//     t,              // the page's t(key, vars) (i18n.js)
//     onChange,       // onChange(series) after a range loaded (may return a promise)
//     idPrefix,       // ids of the parts, default "stock": #stock-code (the search box),
//                     // #stock-from, #stock-to, #stock-load, #stock-progress, #stock-badge,
//                     // #stock-notice, #stock-error; use another prefix for a second picker
//     initial,        // {code, name?, from, to} shown at first (default 2330, 2024-01…2024-06;
//                     // null: empty until set() is called)
//     maxMonths,      // the longest range (default 240); longer ranges load in 36-month pieces
//     loadOnPick,     // load as soon as a stock is picked from the list (default false)
//   });
//   picker.value()                       → {code, from, to} as the form names them (unchecked)
//   picker.set({code, name?, from, to})  fills the form (does not load)
//   picker.show(series)                  shows the badge and notice of a series loaded elsewhere
//   picker.load()                        loads what the form names → Promise<series | null>
//   picker.relabel()                     re-renders every text (after a language change)
//   picker.destroy()
//
//   series = {code, name, market, source: "upstream"|"cache"|"offline", rows: [{date, open, high,
//             low, close, volume, …}], range: {from, to} (first and last row dates), requested:
//             {from, to} (months), fallback, notice, notice_zh (the notices joined), notices: [{en, zh}]}
// A loaded series is also kept by api.js (keepDaily), so the engine session and
// fetchRange find it without asking the server again.

import { el } from '../format.js';
import { getLang, has } from '../i18n.js';
import { keepDaily, loadSeries, pageStarted, serverInfo, searchStocks, thisMonth, monthIndex, monthOf, FIRST_MONTH } from '../api.js';
import { createStockSearch } from './stock-search.js';
import { checkQuery } from './stock-query.js';

const DEFAULT = { code: '2330', name: '台積電', from: '2024-01', to: '2024-06' };
// The service's answers that no retry changes (web/errors.go).
const GONE = new Set(['not_found', 'invalid_code', 'invalid_range']);

// withDates splits text into text and <span class="sp-date"> for each date, so a
// line never breaks inside "2024-06-28".
function withDates(text) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(/\d{4}-\d{2}(?:-\d{2})?/g)) {
    out.push(text.slice(last, m.index), el('span', { class: 'sp-date' }, m[0]));
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out.filter((p) => p !== '');
}

export function createStockPicker(container, { t, onChange = () => {}, idPrefix = 'stock', initial = DEFAULT, maxMonths = 240, loadOnPick = false } = {}) {
  const id = idPrefix;
  const search = createStockSearch({ t, id, onPick: (hit) => picked(hit) });
  const from = el('input', { id: `${id}-from`, type: 'month', required: true, placeholder: 'YYYY-MM', pattern: '\\d{4}-\\d{2}' });
  const to = el('input', { id: `${id}-to`, type: 'month', required: true, placeholder: 'YYYY-MM', pattern: '\\d{4}-\\d{2}' });
  const fromLabel = el('span');
  const toLabel = el('span');
  const hint = el('p', { class: 'sp-hint', hidden: true });
  const loadBtn = el('button', { type: 'submit', id: `${id}-load`, class: 'sp-load' });
  const cancelBtn = el('button', { type: 'button', class: 'sp-cancel', hidden: true });
  const bar = el('progress', { max: '1', value: '0' });
  const barText = el('span', { class: 'sp-progress-text' });
  const progress = el('div', { id: `${id}-progress`, class: 'sp-progress', role: 'status', hidden: true }, bar, barText);
  const badge = el('p', { id: `${id}-badge`, class: 'sp-badge', 'aria-live': 'polite' });
  const notice = el('p', { id: `${id}-notice`, class: 'sp-notice', hidden: true });
  const error = el('p', { id: `${id}-error`, class: 'error sp-error', role: 'alert', hidden: true });
  const form = el('form', { class: 'stock-picker', novalidate: true },
    search.node, hint,
    el('div', { class: 'field-row sp-range' },
      el('label', { class: 'field' }, fromLabel, from),
      el('label', { class: 'field' }, toLabel, to)),
    el('div', { class: 'sp-actions' }, loadBtn, cancelBtn, progress),
    badge, notice, error);
  container.append(form);

  let hitInfo = null; // the search hit of the stock in the box (offline range, market)
  let server = { offline: false, offline_codes: [] };
  let shown = null; // the series the badge describes
  let failure = null; // {key, vars} or an ApiError shown in the error line
  let running = null; // {controller, code, done, total, month} of the load under way
  let placed = null; // {code, name, from, to}: what the host set or the last load loaded

  // ---- texts ----
  function relabel() {
    search.relabel();
    fromLabel.textContent = t('stock.from');
    toLabel.textContent = t('stock.to');
    loadBtn.textContent = t('stock.load');
    cancelBtn.textContent = t('stock.cancel');
    renderHint();
    renderProgress();
    renderBadge();
    renderError();
  }

  function renderHint() {
    const parts = [];
    const r = hitInfo?.offline_range;
    if (r) {
      const use = el('button', { type: 'button', class: 'sp-use link-button' }, t('stock.offline_use'));
      use.addEventListener('click', () => useRange(r.from.slice(0, 7), r.to.slice(0, 7)));
      parts.push(el('span', {}, t('stock.offline_range', { from: r.from, to: r.to })), ' ', use);
    }
    if (server.offline && hitInfo && !hitInfo.offline) parts.push(el('span', { class: 'sp-warn' }, t('stock.offline_only', { codes: server.offline_codes.join(', ') })));
    hint.replaceChildren(...parts);
    hint.hidden = parts.length === 0;
    // The months that can be asked for: the offline data's when the server serves only that.
    const lo = server.offline && r ? r.from.slice(0, 7) : FIRST_MONTH;
    const hi = server.offline && r ? r.to.slice(0, 7) : thisMonth();
    for (const input of [from, to]) {
      input.min = lo;
      input.max = hi;
    }
  }

  function renderProgress() {
    progress.hidden = !running;
    cancelBtn.hidden = !running;
    form.setAttribute('aria-busy', String(!!running));
    if (!running) return;
    bar.max = running.total || 1;
    bar.value = running.done;
    const vars = { code: running.code, done: running.done, total: running.total, month: running.month };
    barText.textContent = t(running.month ? 'stock.progress_month' : 'stock.progress', vars) +
      (running.queue ? t('stock.queue', running.queue) : '');
  }

  function renderBadge() {
    const s = shown;
    if (!s || !s.rows?.length) {
      badge.replaceChildren();
      notice.hidden = true;
      return;
    }
    const range = s.range || { from: s.rows[0].date, to: s.rows[s.rows.length - 1].date };
    const days = s.rows.filter((r) => r.close !== null && r.close !== undefined).length;
    const chip = el('span', { class: `sp-source sp-source-${s.source}`, title: t(`stock.source_title.${s.source}`) }, t(`stock.source.${s.source}`));
    const parts = [chip, ' ', el('span', { class: 'sp-desc' }, ...withDates(t('stock.badge', { name: s.name || '', code: s.code, first: range.from, last: range.to, days })))];
    const req = s.requested;
    if (req && (range.from.slice(0, 7) > req.from || range.to.slice(0, 7) < req.to)) {
      parts.push(el('span', { class: 'sp-partial' }, ' ', ...withDates(t('stock.partial', { from: req.from, to: req.to }))));
    }
    badge.replaceChildren(...parts);
    const text = noticeText(s, range);
    notice.hidden = !text;
    notice.replaceChildren(...withDates(text));
    notice.classList.toggle('sp-fallback', !!s.fallback);
  }

  // noticeText is the service's notice in the page's language. A fallback
  // (the exchange failed) is always said; for offline data the badge already
  // says where the rows come from, so only the notice's further remarks (such
  // as the note on volumes) are shown. A series joined from several answers
  // gets one summary naming its whole range, then their remarks.
  function noticeText(s, range) {
    const en = getLang() === 'en';
    const list = s.notices || (s.notice_zh || s.notice ? [{ en: s.notice, zh: s.notice_zh }] : []);
    if (list.length === 0) return '';
    if (list.length === 1 && s.fallback) return en ? list[0].en || list[0].zh : list[0].zh || list[0].en;
    const rest = new Set();
    for (const n of list) {
      const text = en ? n.en || '' : n.zh || '';
      const cut = en ? text.indexOf('. ') : text.indexOf('。');
      if (cut >= 0 && cut + 1 < text.trim().length) rest.add(text.slice(cut + 1).trim());
    }
    if (!s.fallback) return [...rest].join(en ? ' ' : '');
    return [t('stock.notice_fallback', { from: range.from, to: range.to }), ...rest].join(en ? ' ' : '');
  }

  function renderError() {
    error.hidden = !failure;
    error.textContent = failure ? errorText(failure) : '';
  }

  // errorText: the catalogue's sentence for the error's code, then the
  // service's own message (it names the stock and the months).
  function errorText(f) {
    if (f.key) return t(f.key, f.vars);
    if (f.code === 'other') return f.message;
    if (f.code === 'rate_limited' || f.code === 'unavailable') return t(`stock.error.${f.code}`, { seconds: f.retryAfter || 5 });
    const own = getLang() === 'en' ? f.message : f.message_zh || f.message;
    const head = has(`stock.error.${f.code}`) ? t(`stock.error.${f.code}`) : t('stock.error.other', { status: f.status ?? '' });
    return own && own !== head ? `${head} ${own}` : head;
  }

  // ---- actions ----
  function useRange(a, b) {
    // The offline range, or its last maxMonths months.
    from.value = monthIndex(b) - monthIndex(a) + 1 > maxMonths ? monthOf(monthIndex(b) - maxMonths + 1) : a;
    to.value = b;
  }

  function picked(hit) {
    hitInfo = hit;
    renderHint();
    if (loadOnPick) load();
  }

  // lookUp fetches the hit of a code set by the host (for its offline range).
  let lookingUp = '';
  async function lookUp(code) {
    if (lookingUp === code) return;
    lookingUp = code;
    await pageStarted();
    const hits = await searchStocks(code, { limit: 5 }).catch(() => []);
    lookingUp = '';
    const hit = Array.isArray(hits) ? hits.find((h) => h.code === code) : null;
    if (hit && search.code() === code) {
      hitInfo = hit;
      search.set(hit);
      renderHint();
    }
  }

  async function load() {
    const code = search.code();
    search.close();
    const bad = checkQuery(code, from.value, to.value, maxMonths);
    failure = bad;
    renderError();
    if (bad) return null;
    running?.controller.abort();
    const me = { controller: new AbortController(), code, done: 0, total: 0, month: null };
    running = me;
    renderProgress();
    try {
      const series = await loadSeries(code, from.value, to.value, {
        signal: me.controller.signal,
        within: server.offline && hitInfo?.code === code ? hitInfo.offline_range : null,
        onProgress: (p) => {
          if (running !== me) return;
          Object.assign(me, p);
          renderProgress();
        },
      });
      if (running !== me) return null;
      keepDaily(series.code, from.value, to.value, series);
      shown = series;
      placed = { code: series.code, name: series.name, from: from.value, to: to.value };
      if (hitInfo?.code !== series.code) {
        hitInfo = null;
        lookUp(series.code);
      }
      running = null;
      renderProgress();
      renderBadge();
      await onChange(series);
      return series;
    } catch (err) {
      if (running !== me) return null;
      running = null;
      renderProgress();
      if (err?.name === 'AbortError') return null;
      failure = err?.code ? err : { code: 'other', message: String(err?.message || err), message_zh: String(err?.message || err) };
      renderError();
      // The service has nothing for that stock or those months: the form goes back to what is
      // loaded (the message names what was asked). After a passing failure (503, no connection)
      // it keeps what was typed, for "press Load again".
      if (placed && GONE.has(failure.code)) set(placed);
      return null;
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  cancelBtn.addEventListener('click', () => {
    running?.controller.abort();
    running = null;
    renderProgress();
  });

  function set({ code, name, from: a, to: b }) {
    if (search.code() !== code || !search.hit()) {
      search.set({ code, name: name || (hitInfo?.code === code ? hitInfo.name : '') });
      if (hitInfo?.code !== code) {
        hitInfo = null;
        lookUp(code);
      }
    }
    if (a) from.value = a;
    if (b) to.value = b;
    placed = { code, name: name || '', from: from.value, to: to.value };
    renderHint();
  }

  pageStarted().then(serverInfo).then((info) => {
    server = info;
    renderHint();
  });
  if (initial) set(initial);
  relabel();

  return {
    element: form,
    value: () => ({ code: search.code(), from: from.value, to: to.value }),
    set,
    show(series) {
      shown = series;
      renderBadge();
    },
    load,
    relabel,
    destroy() {
      running?.controller.abort();
      form.remove();
    },
  };
}
