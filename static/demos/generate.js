// The one-to-many demo (demo=generate): the neuron demo's next-character LSTM, trained in the page's
// worker on the engine's built-in corpus (fixed seed), writes gchars characters after one start
// character (the engine's generate: greedy, or drawn from softmax(o_t / τ) with a seed). The text it
// wrote becomes the step-through's data: x_1 is the only character given, and each o_t's choice is
// fed back as x_{t+1} (the unrolled graph draws those arrows; the next-character view shows the
// engine's softmax of o_t at every step). The panel holds the settings (all in the URL), the text
// and the current step's caption, made from the numbers of the trace on screen.
// createGenerateDemo(container, {t, engine(), onGenerated(model, note, text),
//   onChange(patch), errorText}) → {update(state)}. container's data-phase is idle, training,
//   trained or failed; data-text is the text on screen once it is written.
import { el, num, fmt, setText } from '../format.js';
import { GENERATE_LIMITS, LIMITS } from '../state.js';

const shown = (c) => (c === ' ' ? '␣' : c === '\n' ? '↵' : c);
const TEMP_STEP = 0.1;

export function createGenerateDemo(container, { t, engine, onGenerated, onChange, errorText }) {
  const status = el('p', { class: 'demo-status', role: 'status' });
  const form = el('form', { class: 'gen-form' });
  const strip = el('ol', { class: 'gen-text' });
  const caption = el('p', { class: 'demo-caption gen-caption' });
  container.append(status, form, strip, caption);
  let phase = 'idle'; // idle | training | trained | failed
  let progress = null;
  let failure = null;
  let model = null; // the trained model's ModelInfo
  let asked = ''; // the spec of the last generation asked for
  let made = null; // {spec, text}: the last generation written
  let lastTemp = 1; // the temperature sampling goes back to after greedy
  let latest = null; // the last state update saw

  const specOf = (s) => ({ prompt: s.gstart, chars: s.gchars, temperature: s.gtemp, seed: s.gseed });

  async function train() {
    phase = 'training';
    draw(latest);
    try {
      const e = engine();
      await e.call('train_text_prepare', { demo: 'neuron' });
      const res = await e.call('train', {}, { onProgress: (p) => { if (!p.epoch_end) { progress = p; draw(null); } } });
      model = { ...res.model, epochs: res.history.length };
      phase = 'trained';
      generate(latest);
    } catch (err) {
      phase = 'failed';
      failure = err;
    }
    draw(latest);
  }

  // generate asks the engine for the state's generation, once per spec.
  async function generate(state) {
    const spec = specOf(state);
    const key = JSON.stringify(spec);
    if (key === asked) return;
    asked = key;
    try {
      const res = await engine().call('generate', spec);
      if (asked !== key) return;
      made = { spec, text: res.prompt + res.text };
      failure = null;
      onGenerated(model, { text: 'neuron', epochs: model.epochs, generated: made.text }, made.text);
    } catch (err) {
      if (asked !== key) return;
      failure = err;
      draw(state);
    }
  }

  function field(label, input) {
    return el('label', { class: 'field' }, el('span', {}, label), input);
  }

  // The settings, built once the model is trained; each change goes to the URL through onChange.
  const start = el('input', { type: 'text', id: 'gen-start', size: 3, autocomplete: 'off', spellcheck: 'false' });
  const chars = el('input', { type: 'number', id: 'gen-chars', min: GENERATE_LIMITS.chars[0], max: GENERATE_LIMITS.chars[1], step: 1 });
  const temp = el('input', { type: 'range', id: 'gen-temp', min: TEMP_STEP, max: GENERATE_LIMITS.temp[1], step: TEMP_STEP });
  const tempOut = el('output', { for: 'gen-temp', class: 'gen-temp-value' });
  const seed = el('input', { type: 'number', id: 'gen-seed', min: LIMITS.seed[0], max: LIMITS.seed[1], step: 1 });
  const modes = { greedy: el('input', { type: 'radio', name: 'gen-mode', value: 'greedy' }), sampled: el('input', { type: 'radio', name: 'gen-mode', value: 'sampled' }) };
  const modeText = { greedy: el('span', {}), sampled: el('span', {}) };
  const labels = { start: el('span', {}), chars: el('span', {}), temp: el('span', {}), seed: el('span', {}), mode: el('legend', {}) };
  form.append(
    el('label', { class: 'field' }, labels.start, start), el('label', { class: 'field' }, labels.chars, chars),
    el('fieldset', { class: 'gen-modes' }, labels.mode, ...['greedy', 'sampled'].map((m) => el('label', { class: 'gen-mode' }, modes[m], modeText[m]))),
    el('label', { class: 'field' }, labels.temp, el('span', { class: 'gen-temp' }, temp, tempOut)), el('label', { class: 'field' }, labels.seed, seed));
  start.addEventListener('change', () => { const c = [...start.value][0]; if (c) onChange({ gstart: c }); });
  chars.addEventListener('change', () => { const n = Number(chars.value); if (Number.isInteger(n) && n >= GENERATE_LIMITS.chars[0] && n <= GENERATE_LIMITS.chars[1]) onChange({ gchars: n }); });
  temp.addEventListener('input', () => setText(tempOut, fmt(Number(temp.value), 1)));
  temp.addEventListener('change', () => onChange({ gtemp: Number(temp.value) }));
  seed.addEventListener('change', () => { const n = Number(seed.value); if (Number.isSafeInteger(n) && n >= LIMITS.seed[0] && n <= LIMITS.seed[1]) onChange({ gseed: n }); });
  for (const m of Object.values(modes)) m.addEventListener('change', () => onChange({ gtemp: modes.greedy.checked ? 0 : lastTemp }));
  form.addEventListener('submit', (ev) => ev.preventDefault());

  // controls shows the state's settings (leaving alone the field being edited).
  function controls(state) {
    const greedy = state.gtemp === 0;
    if (!greedy) lastTemp = state.gtemp;
    const set = (input, v) => { if (document.activeElement !== input) input.value = String(v); };
    set(start, state.gstart);
    set(chars, state.gchars);
    set(temp, lastTemp);
    set(seed, state.gseed);
    setText(tempOut, fmt(lastTemp, 1));
    modes.greedy.checked = greedy;
    modes.sampled.checked = !greedy;
    temp.disabled = greedy;
    seed.disabled = greedy;
    for (const k of Object.keys(labels)) setText(labels[k], t(`gen.${k}`));
    for (const m of Object.keys(modeText)) setText(modeText[m], t(`gen.${m}`));
  }

  // The trace on screen is of the text written, read by the trained model.
  const onScreen = (state) => {
    const r = state?.result;
    return made && r?.input?.kind === 'text' && r.model?.source === 'trained' && r.input.chars.join('') === made.text ? r : null;
  };

  function draw(state) {
    container.dataset.phase = phase;
    if (phase === 'training') setText(status, progress ? t('demo.neuron.training', { epoch: progress.epoch, epochs: progress.epochs }) : t('demo.neuron.preparing'));
    else if (phase === 'failed' || failure) setText(status, errorText(failure));
    else if (phase === 'trained') setText(status, t('gen.trained', { epochs: model.epochs }));
    if (!state) return;
    if (phase === 'trained') controls(state);
    form.hidden = phase !== 'trained';
    const result = onScreen(state);
    strip.hidden = !result;
    caption.hidden = !result;
    if (!result) return;
    container.dataset.text = made.text;
    const now = Math.max(1, Math.min(result.input.chars.length, state.t));
    strip.replaceChildren(...result.input.chars.map((c, s) => el('li', {},
      el('button', { type: 'button', class: `gen-char${s === 0 ? ' given' : ''}${s + 1 === now ? ' current' : ''}`, 'data-t': s + 1,
        title: t(s === 0 ? 'gen.given' : 'gen.fed', { t: s + 1, prev: s }), onclick: () => onChange({ t: s + 1 }) }, shown(c)))));
    caption.replaceChildren(...captionAt(result, now));
  }

  // captionAt says what step s's numbers show: where x_t came from, what o_t chose and with which probability.
  function captionAt(result, now) {
    const inp = result.input;
    const T = inp.tokens.length;
    const s = now - 1;
    const top = result.top[s][0];
    const p = (k) => num('y', now, k, result.probs[s][k], { digits: 3, data: { role: 'caption' } });
    const parts = [t(now === 1 ? 'gen.cap.given' : 'gen.cap.fed', { t: now, prev: now - 1, char: shown(inp.chars[s]) }), ' '];
    const vars = { t: now, next: now + 1, top: shown(inp.vocab[top]) };
    if (now === T) return [...parts, t('gen.cap.end', vars), ' ', p(top), t('gen.cap.close')];
    const chosen = inp.tokens[now];
    Object.assign(vars, { char: shown(inp.vocab[chosen]), temp: fmt(made.spec.temperature, 1), seed: made.spec.seed });
    if (made.spec.temperature === 0) {
      return chosen === top
        ? [...parts, t('gen.cap.greedy', vars), ' ', p(chosen), t('gen.cap.fed_next', vars)]
        : [...parts, t('gen.cap.greedy_other', vars), ' ', p(chosen), t('gen.cap.fed_next', vars)];
    }
    return [...parts, t(chosen === top ? 'gen.cap.drawn_top' : 'gen.cap.drawn', vars), ' ', p(chosen), chosen === top ? '' : [t('gen.cap.top', vars), ' ', p(top)], t('gen.cap.fed_next', vars)];
  }

  return {
    update(state) {
      const section = container.closest('section') || container;
      section.hidden = state.demo !== 'generate' || state.mode !== 'step';
      if (section.hidden) return;
      latest = state;
      if (phase === 'idle' && engine()) train();
      else if (phase === 'trained') generate(state);
      draw(state);
    },
  };
}
