// The stock picker's search box: an ARIA combobox (WAI-ARIA 1.2 "list
// autocomplete") over GET /api/v1/stocks?q=, by code or Chinese name.
// Typing asks the server (debounced, stale answers dropped); ↓/↑ move through
// the list, Enter picks, Esc closes it (a second Esc restores the picked
// stock), a click or tap picks too. Used by controls/stock.js.

import { el } from '../format.js';
import { searchStocks } from '../api.js';

const DEBOUNCE_MS = 120;
const CODE_RE = /^\s*([0-9A-Za-z]{4,6})(?=\s|$)/;

export const hitLabel = (hit) => (hit.name ? `${hit.code} ${hit.name}` : hit.code);

// createStockSearch({t, id, onPick(hit)}) → {node, input, code(), hit(), set(hit), relabel(), close()}
// hit: {code, name, market, type?, offline?, offline_range?}
export function createStockSearch({ t, id, onPick }) {
  const input = el('input', {
    id: `${id}-code`, type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': `${id}-list`, autocomplete: 'off', spellcheck: 'false', maxlength: '20', inputmode: 'search',
  });
  const label = el('label', { for: input.id, class: 'sp-label' });
  const list = el('ul', { id: `${id}-list`, role: 'listbox', class: 'sp-list', hidden: true });
  const status = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const node = el('div', { class: 'sp-search' }, label, el('div', { class: 'sp-combo' }, input, list), status);

  let hits = []; // the list's hits
  let active = -1; // the highlighted option
  let picked = null; // the stock chosen (or set by the host)
  let seq = 0; // the latest query
  let timer = 0;
  let aborter = null;

  function relabel() {
    label.textContent = t('stock.label');
    input.placeholder = t('stock.placeholder');
    list.setAttribute('aria-label', t('stock.list'));
    if (hits.length) render();
  }

  function render() {
    list.replaceChildren(...hits.map((h, k) => {
      const tags = [el('span', { class: 'sp-tag' }, t(`stock.market.${h.market}`))];
      if (h.offline) {
        const r = h.offline_range;
        tags.push(el('span', { class: 'sp-tag sp-tag-offline', title: r ? t('stock.offline_range', { from: r.from, to: r.to }) : '' }, t('stock.offline_tag')));
      }
      const li = el('li', { id: `${id}-opt-${k}`, role: 'option', 'aria-selected': String(k === active), 'data-code': h.code, class: 'sp-option' });
      // Spaces between the parts, so that the option reads "2330 台積電 上市".
      for (const part of [el('span', { class: 'sp-code' }, h.code), el('span', { class: 'sp-name' }, h.name), ...tags]) li.append(part, ' ');
      return li;
    }));
  }

  function open(show) {
    list.hidden = !show;
    input.setAttribute('aria-expanded', String(show));
    if (!show) {
      active = -1;
      input.removeAttribute('aria-activedescendant');
    }
  }

  function move(k) {
    if (!hits.length) return;
    if (list.hidden) open(true);
    active = (k + hits.length) % hits.length;
    for (const [j, li] of [...list.children].entries()) li.setAttribute('aria-selected', String(j === active));
    const li = list.children[active];
    input.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  }

  function pick(hit) {
    picked = hit;
    input.value = hitLabel(hit);
    open(false);
    onPick(hit);
  }

  async function query(q) {
    const my = ++seq;
    aborter?.abort();
    aborter = new AbortController();
    status.textContent = t('stock.searching');
    let found;
    try {
      found = await searchStocks(q, { signal: aborter.signal });
    } catch {
      found = []; // a failed search is an empty list; loading reports real errors
    }
    if (my !== seq) return;
    hits = Array.isArray(found) ? found : [];
    active = -1;
    render();
    open(hits.length > 0 && document.activeElement === input);
    status.textContent = hits.length ? t('stock.results', { n: hits.length }) : t('stock.no_results', { q });
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) {
      seq++;
      hits = [];
      render();
      open(false);
      return;
    }
    timer = setTimeout(() => query(q), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.isComposing) return; // an IME (注音, 倉頡) is composing a character
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      const step = ev.key === 'ArrowDown' ? 1 : -1;
      move(active < 0 ? (step > 0 ? 0 : hits.length - 1) : active + step);
    } else if (ev.key === 'Enter' && !list.hidden && active >= 0) {
      ev.preventDefault(); // picks; does not submit the form
      pick(hits[active]);
    } else if (ev.key === 'Escape') {
      if (!list.hidden) {
        ev.preventDefault();
        ev.stopPropagation();
        open(false);
      } else if (picked && input.value !== hitLabel(picked)) {
        ev.preventDefault();
        input.value = hitLabel(picked);
      }
    } else if (ev.key === 'Tab') {
      open(false);
    }
  });
  input.addEventListener('blur', () => setTimeout(() => open(false), 0));
  // pointerdown keeps the focus in the box; click picks.
  list.addEventListener('pointerdown', (ev) => ev.preventDefault());
  list.addEventListener('mousedown', (ev) => ev.preventDefault());
  list.addEventListener('click', (ev) => {
    const li = ev.target.closest('[role="option"]');
    if (li) pick(hits[[...list.children].indexOf(li)]);
  });

  relabel();
  return {
    node,
    input,
    // code is the stock code the box names: the picked stock, a typed code, or
    // a name typed in full that the last search matched exactly.
    code() {
      const text = input.value.trim();
      if (picked && text === hitLabel(picked)) return picked.code;
      const m = CODE_RE.exec(text);
      if (m) return m[1].toUpperCase();
      const exact = hits.find((h) => h.name === text);
      return exact ? exact.code : text.toUpperCase();
    },
    // hit is the picked stock when the box still shows it.
    hit: () => (picked && input.value.trim() === hitLabel(picked) ? picked : null),
    set(hit) {
      picked = hit;
      input.value = hitLabel(hit);
    },
    relabel,
    close: () => open(false),
  };
}
