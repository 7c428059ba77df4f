// Stages view: the lecture's data pipeline as a storyboard of four steps the student can page
// through: ① the closing prices, ② sliding windows of TIME_STEPS days (animated), ③ min-max scaling
// fitted on the training part only, ④ the time-ordered train / validation / test split.
//
// create(container, opts) → {update(state, prepare), setStage(i), stage(), destroy()}
//   opts: {t(key, params), onHover?(info|null), onStage?(i), stage?: 0..3}
//   state: reads lang and reducedMotion (and stock {code, name} when prepare has none).
//   prepare: the PrepareResult of op `train_prepare` (PLAN.md, training data contract):
//     {rows, dates, raw:{<feature>:[..]}, scaled:{<feature>:[..]}, scaler:{features, min, max},
//      fit_rows:{start, end}, windows, window_dates, split:{train, val, test}, batches_per_epoch, model}
//   Fields this view also reads (asked of train_prepare; all optional):
//     steps, target ("close"), stock: {code, name, from, to, source},
//     windows_preview: [{dates:[T dates], x:[T raw values, or T×features], x_scaled:[same shape],
//                        y (raw next close), y_scaled, y_date}]   (the first ~5 windows)
// The view draws only what the engine returned: it never windows, scales or splits anything itself.
import { el } from '../../format.js';
import { createTooltip } from '../../views/tooltip.js';
import { duration, reducedMotion } from '../../config.js';
import { day, toggleButton } from './common.js';
import { watchSize } from '../../views/resize.js';
import { createSeriesChart } from './stages-chart.js';
import { stageText, windowTable, scaledTable } from './stages-text.js';

export const STAGES = ['prices', 'windows', 'scaling', 'split'];
const SLIDE_MS = 1400; // one window per SLIDE_MS while the windows stage plays

export function create(container, opts = {}) {
  const msg = opts.t || ((k) => k);
  container.classList.add('views-host', 'tv-stages');
  const title = el('h3', { class: 'view-title' });
  const tabs = el('div', { class: 'tv-tabs', role: 'tablist' });
  const prev = el('button', { type: 'button', class: 'tv-nav tv-prev' });
  const next = el('button', { type: 'button', class: 'tv-nav tv-next' });
  const head = el('div', { class: 'view-head' }, title, el('div', { class: 'tv-stage-nav' }, prev, tabs, next));
  const figure = el('figure', { class: 'tv-stage-figure' });
  const text = el('div', { class: 'tv-stage-text', 'aria-live': 'polite' });
  const extra = el('div', { class: 'tv-stage-extra' });
  const body = el('div', { class: 'tv-stage-body' }, figure, text, extra);
  const placeholder = el('p', { class: 'tv-placeholder' });
  container.append(head, placeholder, body);
  const tip = createTooltip(container);
  const chart = createSeriesChart(figure, tip, { msg, onHover: opts.onHover });

  let stage = Math.max(0, Math.min(STAGES.length - 1, opts.stage | 0));
  let last = null; // [state, prepare, derived]
  let builtLang = '';
  let windowK = 0;
  let playing = true;
  let timer = 0;

  prev.addEventListener('click', () => setStage(stage - 1));
  next.addEventListener('click', () => setStage(stage + 1));
  tabs.addEventListener('keydown', (event) => {
    const d = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!d) return;
    event.preventDefault();
    event.stopPropagation(); // the page's ← → step through time; here they change the stage
    setStage(stage + d);
    tabs.querySelector('[aria-selected="true"]')?.focus();
  });

  // derive collects what the drawing needs from the PrepareResult (no computation of model values).
  function derive(state, p) {
    const features = p.features || (p.scaler && p.scaler.features) || Object.keys(p.raw || {});
    const target = p.target || (features.includes('close') ? 'close' : features[0]);
    const fi = Math.max(0, features.indexOf(target));
    const steps = p.steps || (p.model && p.model.steps) || p.rows - p.windows;
    return {
      p,
      features,
      target,
      fi,
      steps,
      dates: p.dates.map(day),
      raw: p.raw[target],
      scaled: p.scaled[target],
      wdates: p.window_dates.map(day),
      stock: p.stock || state.stock || {},
      preview: Array.isArray(p.windows_preview) ? p.windows_preview : [],
    };
  }

  function stopTimer() {
    clearInterval(timer);
    timer = 0;
  }

  function startTimer() {
    stopTimer();
    if (!last || stage !== 1 || !playing || reducedMotion(last[0]) || last[2].preview.length < 2) return;
    timer = setInterval(() => {
      windowK = (windowK + 1) % last[2].preview.length;
      paintWindow();
    }, SLIDE_MS);
  }

  function paintWindow() {
    const [state, , d] = last;
    chart.moveWindow(d, windowK, duration(state, 500));
    for (const row of extra.querySelectorAll('.tv-wrow')) row.classList.toggle('current', Number(row.dataset.window) === windowK);
  }

  function drawTabs() {
    tabs.setAttribute('aria-label', msg('tv.stages.label'));
    tabs.replaceChildren(
      ...STAGES.map((s, i) => {
        const b = el('button', { type: 'button', role: 'tab', class: 'tv-tab', 'aria-selected': String(i === stage), tabindex: i === stage ? 0 : -1, 'data-stage': s }, el('span', { class: 'tv-tab-n' }, String(i + 1)), msg(`tv.stage.${s}.tab`));
        b.addEventListener('click', () => setStage(i));
        return b;
      }),
    );
    prev.textContent = `‹ ${msg('tv.stages.prev')}`;
    next.textContent = `${msg('tv.stages.next')} ›`;
    prev.disabled = stage === 0;
    next.disabled = stage === STAGES.length - 1;
  }

  function drawExtra(d) {
    extra.replaceChildren();
    if (stage === 1 && d.preview.length) {
      const canPlay = !reducedMotion(last[0]) && d.preview.length > 1;
      const play = canPlay
        ? toggleButton(msg(playing ? 'tv.windows.pause' : 'tv.windows.play'), playing, (on) => {
            playing = on;
            drawExtra(d);
            startTimer();
            extra.querySelector('.tv-play')?.focus();
          }, 'tv-play')
        : null;
      const table = windowTable(d, msg, (k) => {
        windowK = k;
        playing = false;
        stopTimer();
        drawExtra(d);
      });
      extra.append(el('div', { class: 'tv-extra-head' }, el('span', { class: 'tv-extra-title' }, msg('tv.windows.table', { n: d.preview.length })), play), table);
      paintWindow();
    } else if (stage === 2 && d.preview.length) {
      extra.append(el('div', { class: 'tv-extra-head' }, el('span', { class: 'tv-extra-title' }, msg('tv.scaling.table'))), scaledTable(d, msg));
    }
  }

  function render() {
    if (!last) return;
    const [state, , d] = last;
    tip.hide(true);
    stopTimer();
    container.dataset.stage = STAGES[stage];
    title.textContent = msg('tv.stages.title');
    drawTabs();
    const width = Math.max(320, size.width() || 640);
    chart.draw(d, STAGES[stage], width, duration(state), windowK, state.lang);
    text.replaceChildren(...stageText(STAGES[stage], d, msg).filter(Boolean));
    drawExtra(d);
    startTimer();
  }

  function setStage(i) {
    const s = Math.max(0, Math.min(STAGES.length - 1, i | 0));
    if (s === stage) return;
    stage = s;
    render();
    if (opts.onStage) opts.onStage(stage);
  }

  const size = watchSize(figure, () => render());

  return {
    update(state, prepare) {
      if (!prepare || !prepare.dates || !prepare.raw || !prepare.scaled) {
        // No PrepareResult (yet): say what will appear here.
        last = null;
        stopTimer();
        tip.hide(true);
        container.classList.add('is-empty');
        title.textContent = msg('tv.stages.title');
        placeholder.textContent = msg('tv.stages.empty');
        drawTabs();
        return;
      }
      container.classList.remove('is-empty');
      if (last && last[1] === prepare && state.lang === builtLang) {
        last[0] = state;
        return;
      }
      if (!last || last[1] !== prepare) windowK = 0;
      last = [state, prepare, derive(state, prepare)];
      builtLang = state.lang;
      render();
    },
    setStage,
    stage: () => stage,
    destroy() {
      stopTimer();
      size.stop();
      chart.destroy();
      tip.destroy();
      container.replaceChildren();
      container.classList.remove('views-host', 'tv-stages');
      delete container.dataset.stage;
    },
  };
}

export { create as createStages };
