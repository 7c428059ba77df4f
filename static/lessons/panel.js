// The lesson panel: a lesson set (lessons/u12.js, or an instructor's file)
// walked through beside the views. A lesson is data; the panel opens its state
// (a URL hash, through the page's own hashchange path), outlines its focus
// elements, and evaluates its ask.check against the page state. PageDown /
// PageUp move between lessons; in presentation mode → / ← do too (a clicker
// sends them), elsewhere they keep stepping time. The lesson in the URL is
// lesson=SET/N (from 1); lessons=<same-origin URL> loads a set from a file.

import { DEFAULTS, parseHash, toHash } from '../state.js';
import { usesKeys } from '../controls/keys.js';
import { validateSet, checkMet, watched, LessonError, MAX_LESSON_BYTES } from './schema.js';
import { BUILT_IN, BUILT_IN_IDS, READER_KEYS, loadBuiltIn, parseLesson, lessonHash } from './link.js';

// The state view a changed-check watches: the lesson's keys equal what it named, and nothing in flight.
const showsLesson = (lesson, state) => !state.busy && state.result && Object.entries(parseHash(lesson.state).state).every(([k, v]) => String(state[k]) === String(v));

// createLessonPanel(el, {t, store, change, toolbar}) → {update(state)}
export function createLessonPanel(el, { t, store, change, opener }) {
  const html = document.documentElement;
  const sets = new Map(); // an instructor's; the built-in ones are BUILT_IN's once loaded
  let collapsed = false;
  let error = null; // {key, vars} of the last failed load
  let loadedUrl = '';
  let at = null; // {set, n} shown
  let baseline; // watched() when the lesson's own state showed
  let met = false;
  let focused = [];

  el.innerHTML = `
    <div class="lesson-head">
      <button type="button" class="lesson-collapse" aria-expanded="true" aria-controls="lesson-content"></button>
      <span class="lesson-set"></span>
      <button type="button" class="lesson-close icon-button">×</button>
    </div>
    <div class="lesson-content" id="lesson-content">
      <ol class="lesson-dots"></ol>
      <h2 class="lesson-title" id="lesson-title" tabindex="-1"></h2>
      <div class="lesson-body"></div>
      <div class="lesson-ask" data-check="open" hidden><p class="lesson-question"></p><p class="lesson-status" role="status"></p></div>
      <div class="lesson-nav">
        <button type="button" class="lesson-prev"></button>
        <span class="lesson-count"></span>
        <button type="button" class="lesson-next"></button>
      </div>
      <p class="lesson-keys"></p>
      <details class="lesson-tools">
        <summary></summary>
        <label class="lesson-file"><span></span><input type="file" accept=".json,application/json"></label>
        <button type="button" class="lesson-copy"></button>
        <textarea class="lesson-json" readonly rows="6" hidden></textarea>
      </details>
      <p class="lesson-error error" role="alert" hidden></p>
    </div>`;
  const $ = (sel) => el.querySelector(sel);

  const setOf = (id) => BUILT_IN.get(id) ?? sets.get(id);
  const current = () => (at ? setOf(at.set) : null);
  const lessonOf = () => current()?.lessons[at.n - 1] ?? null;

  // The lesson asked for last: the URL's, ahead of the store while a lesson's state loads.
  const asked = () => {
    const a = parseLesson(parseHash(location.hash).state.lesson);
    return a && a.set === at?.set ? a : at;
  };

  function go(n) {
    const set = current();
    if (!set || n < 1 || n > set.lessons.length) return;
    location.hash = lessonHash(set, n, store.get());
  }

  function fail(err) {
    error = err instanceof LessonError
      ? { key: err.lesson ? 'lesson.error.field' : 'lesson.error.set_field', vars: { lesson: err.lesson, field: err.field, reason: t(`lesson.error.${err.reason}`, { limit: MAX_LESSON_BYTES / 2 ** 20 }) } }
      : { key: 'lesson.error.load', vars: { detail: String(err?.message || err) } };
    render(store.get());
  }

  // adopt validates a parsed set and opens its first lesson; a bad set leaves the page as it was.
  function adopt(obj) {
    const set = validateSet(obj);
    if (BUILT_IN_IDS.has(set.id)) throw new LessonError(0, 'id', 'taken');
    sets.set(set.id, set);
    error = null;
    return set;
  }

  async function loadUrl(url) {
    loadedUrl = url;
    const hadOnlyLesson = Object.keys(parseHash(location.hash).state).every((k) => READER_KEYS.includes(k));
    try {
      const u = new URL(url, location.href);
      if (u.origin !== location.origin) throw new LessonError(0, 'lessons', 'origin');
      const res = await fetch(u);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      if (Number(res.headers.get('content-length')) > MAX_LESSON_BYTES) throw new LessonError(0, '(file)', 'too_large');
      const body = await res.text();
      if (body.length > MAX_LESSON_BYTES) throw new LessonError(0, '(file)', 'too_large');
      let obj;
      try { obj = JSON.parse(body); } catch { throw new LessonError(0, '(file)', 'bad_json'); }
      const set = adopt(obj);
      const want = parseLesson(store.get().lesson);
      if (want?.set === set.id && hadOnlyLesson) whenReady(() => go(want.n));
      else if (!want) whenReady(() => { at = { set: set.id, n: 1 }; go(1); });
      else render(store.get());
    } catch (err) {
      fail(err);
    }
  }

  function whenReady(fn) {
    if (html.dataset.engine === 'ready') return fn();
    const mo = new MutationObserver(() => {
      if (html.dataset.engine !== 'ready') return;
      mo.disconnect();
      fn();
    });
    mo.observe(html, { attributes: true, attributeFilter: ['data-engine'] });
  }

  $('.lesson-prev').addEventListener('click', () => go(asked().n - 1));
  $('.lesson-next').addEventListener('click', () => go(asked().n + 1));
  $('.lesson-close').addEventListener('click', () => { error = null; change({ lesson: '' }); });
  $('.lesson-collapse').addEventListener('click', () => { collapsed = !collapsed; render(store.get()); });
  opener.addEventListener('click', () => {
    if (store.get().lesson) { collapsed = !collapsed; render(store.get()); return; }
    loadBuiltIn().then(() => {
      if (store.get().lesson) return; // a lesson opened meanwhile
      at = { set: [...BUILT_IN_IDS][0], n: 1 };
      go(1);
    });
  });
  $('.lesson-dots').addEventListener('click', (ev) => {
    const b = ev.target.closest('button[data-n]');
    if (b) go(Number(b.dataset.n));
  });
  $('.lesson-file input').addEventListener('change', async (ev) => {
    const file = ev.target.files?.[0];
    ev.target.value = '';
    if (!file) return;
    try {
      if (file.size > MAX_LESSON_BYTES) throw new LessonError(0, '(file)', 'too_large');
      let obj;
      try { obj = JSON.parse(await file.text()); } catch { throw new LessonError(0, '(file)', 'bad_json'); }
      const set = adopt(obj);
      at = { set: set.id, n: 1 };
      go(1);
    } catch (err) {
      fail(err);
    }
  });
  // Copy this view as a lesson: the JSON of the current state, for an instructor's file.
  $('.lesson-copy').addEventListener('click', () => {
    const s = store.get();
    const hash = toHash({ ...s, lesson: DEFAULTS.lesson, lessons: DEFAULTS.lessons }).replace(/^#/, '').split('&').filter((p) => !/^(lang|present)=/.test(p)).join('&');
    const json = JSON.stringify({ id: 'my-lesson', title: { 'zh-TW': '', en: '' }, body: { 'zh-TW': '', en: '' }, state: hash, focus: [] }, null, 2);
    const area = $('.lesson-json');
    area.hidden = false;
    area.value = json;
    area.select();
    navigator.clipboard?.writeText(json).catch(() => {}); // the text stays selected to copy by hand
  });

  // The keys: in the capture phase, so that they come before the step keys.
  document.addEventListener('keydown', (ev) => {
    if (!at || !current() || ev.altKey || ev.ctrlKey || ev.metaKey || ev.defaultPrevented) return;
    const page = ev.key === 'PageDown' || ev.key === 'PageUp';
    const arrow = store.get().present && (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft');
    if ((!page && !arrow) || usesKeys(ev.target)) return;
    ev.preventDefault();
    go(asked().n + (ev.key === 'PageDown' || ev.key === 'ArrowRight' ? 1 : -1));
  }, true);

  function setFocus(ids) {
    for (const e of focused) e.classList.remove('lesson-focus');
    focused = ids.map((id) => document.getElementById(id)).filter(Boolean);
    for (const e of focused) e.classList.add('lesson-focus');
  }

  function render(state) {
    const want = parseLesson(state.lesson);
    const set = want && setOf(want.set);
    const lesson = set?.lessons[want.n - 1];
    // A built-in lesson before its text has arrived: no lesson shows until it has.
    if (want && !set && BUILT_IN_IDS.has(want.set)) loadBuiltIn().then(() => render(store.get()));
    if (!lesson) {
      if (at) setFocus([]);
      at = null;
    } else if (!at || at.set !== want.set || at.n !== want.n) {
      at = want;
      met = false;
      baseline = undefined;
      setFocus(lesson.focus || []);
    }
    const lang = state.lang === 'en' ? 'en' : 'zh-TW';
    el.hidden = !lesson && !error;
    html.classList.toggle('lesson-open', !el.hidden && !collapsed);
    html.classList.toggle('lesson-collapsed', !el.hidden && collapsed);
    opener.setAttribute('aria-pressed', String(!el.hidden));
    el.classList.toggle('collapsed', collapsed);
    $('.lesson-collapse').setAttribute('aria-expanded', String(!collapsed));
    $('.lesson-collapse').textContent = collapsed ? '‹' : '›';
    $('.lesson-collapse').setAttribute('aria-label', t(collapsed ? 'lesson.expand' : 'lesson.collapse'));
    $('.lesson-close').setAttribute('aria-label', t('lesson.close'));
    $('.lesson-set').textContent = set ? set.title[lang] : t('lesson.panel');
    $('.lesson-keys').textContent = t(state.present ? 'lesson.keys_present' : 'lesson.keys');
    $('.lesson-tools summary').textContent = t('lesson.tools');
    $('.lesson-file span').textContent = t('lesson.file');
    $('.lesson-copy').textContent = t('lesson.copy');
    $('.lesson-prev').textContent = t('lesson.prev');
    $('.lesson-next').textContent = t('lesson.next');
    $('.lesson-error').hidden = !error;
    $('.lesson-error').textContent = error ? t(error.key, error.vars) : '';
    el.dataset.lesson = lesson ? state.lesson : '';
    for (const sel of ['.lesson-dots', '.lesson-title', '.lesson-body', '.lesson-nav']) $(sel).hidden = !lesson;
    $('.lesson-ask').hidden = !lesson?.ask;
    if (state.lessons !== loadedUrl && state.lessons) loadUrl(state.lessons);
    if (!lesson) return;

    // The dots are made once per set (a focused dot keeps its focus); the current one is marked.
    if ($('.lesson-dots').dataset.for !== `${set.id}/${set.lessons.length}`) {
      $('.lesson-dots').innerHTML = set.lessons.map((l, k) => `<li><button type="button" data-n="${k + 1}"></button></li>`).join('');
      $('.lesson-dots').dataset.for = `${set.id}/${set.lessons.length}`;
    }
    for (const b of el.querySelectorAll('.lesson-dots button')) {
      if (Number(b.dataset.n) === at.n) b.setAttribute('aria-current', 'step');
      else b.removeAttribute('aria-current');
    }
    set.lessons.forEach((l, k) => $(`.lesson-dots button[data-n="${k + 1}"]`).setAttribute('aria-label', t('lesson.dot', { n: k + 1, title: l.title[lang] })));
    $('.lesson-title').textContent = lesson.title[lang];
    $('.lesson-body').textContent = lesson.body[lang];
    $('.lesson-count').textContent = t('lesson.count', { n: at.n, total: set.lessons.length });
    $('.lesson-prev').disabled = at.n <= 1;
    $('.lesson-next').disabled = at.n >= set.lessons.length;
    if (lesson.ask) {
      const check = lesson.ask.check;
      if (baseline === undefined && showsLesson(lesson, state)) baseline = watched(check.changed ?? '', state);
      met ||= baseline !== undefined && checkMet(check, state, baseline);
      $('.lesson-ask').dataset.check = met ? 'met' : 'open';
      $('.lesson-question').textContent = lesson.ask.question[lang];
      $('.lesson-status').textContent = t(met ? 'lesson.met' : 'lesson.open');
    }
  }

  return { update: render };
}
