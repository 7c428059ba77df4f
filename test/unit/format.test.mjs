// Number formatting and the element builders (static/format.js): a true minus
// sign, no negative zero, the DOM contract's attributes; and the views' helpers
// (static/views/common.js): the notation parser mathText and the trace
// readers; run against the few lines of DOM in dom.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installDom, Element } from './dom.mjs';
import * as page from '../../static/format.js';
import * as views from '../../static/views/common.js';

installDom();

const MINUS = '\u2212';

test('fmt writes a minus sign, never a hyphen', () => {
  const { fmt } = page;
  assert.equal(fmt(-1.5), `${MINUS}1.500`);
  assert.equal(fmt(0.12345), '0.123');
  assert.equal(fmt(-0.12346, 4), `${MINUS}0.1235`);
  assert.equal(fmt(2, 0), '2');
  assert.ok(!fmt(-123.456).includes('-'));
  assert.equal(page.MINUS, MINUS);
});

test('fmt shows no negative zero', () => {
  const { fmt } = page;
  assert.equal(fmt(-0), '0.000');
  assert.equal(fmt(-0.0004), '0.000', 'rounds to zero: no sign');
  assert.equal(fmt(-0.0004, 1), '0.0');
  assert.equal(fmt(-0.4, 0), '0');
  assert.equal(fmt(-0.0005), `${MINUS}0.001`, 'rounds away from zero: the sign stays');
});

test('fmt writes a dash for a missing value', () => {
  for (const v of [null, undefined, NaN]) assert.equal(page.fmt(v), '—');
});

test('fmt writes infinities and large numbers compactly', () => {
  assert.equal(page.fmt(Infinity), '∞');
  assert.equal(page.fmt(-Infinity), `${MINUS}∞`);
  assert.equal(page.fmt(123456), '1.23e+5');
  assert.equal(page.fmt(-123456), `${MINUS}1.23e+5`);
  assert.equal(page.fmt(99999.5, 1), '99999.5');
  assert.equal(page.numText(-2, { term: true }), `(${MINUS}2.000)`, 'a negative term is bracketed');
  assert.equal(page.numText(2, { term: true, digits: 1 }), '2.0');
  assert.equal(page.numText(-2, { digits: 1 }), `${MINUS}2.0`);
  assert.equal(page.numText(-2, { text: 'NT$ 2' }), 'NT$ 2');
});

test('number elements carry the DOM contract at full precision', () => {
  const v = -0.123456789012345;
  const contract = (n) => ['data-symbol', 'data-t', 'data-unit', 'data-value'].map((k) => n.getAttribute(k));
  const a = page.num('h', 3, 1, v);
  assert.deepEqual(contract(a), ['h', '3', '1', String(v)]);
  assert.equal(a.tagName, 'SPAN');
  assert.equal(a.textContent, `${MINUS}0.123`);
  assert.equal(a.className, 'num');
  const b = page.num('c', 2, 0, v, { term: true, digits: 2, class: 'result', focusable: true, tag: 'td' });
  assert.deepEqual(contract(b), ['c', '2', '0', String(v)]);
  assert.equal(b.textContent, `(${MINUS}0.12)`);
  assert.equal([b.tagName, b.className, b.getAttribute('tabindex')].join(), 'TD,num result,0');
  assert.equal(Number(b.getAttribute('data-value')), v, 'data-value reads back exactly');
  // A number of no time step or unit: its own text, more data attributes, no data-t or data-unit.
  const c = page.num('rmse', null, null, 1234.5, { text: '1,234.50', data: { series: 'model', epoch: 3, none: null } });
  assert.deepEqual(contract(c), ['rmse', null, null, '1234.5']);
  assert.equal(c.textContent, '1,234.50');
  assert.deepEqual([c.getAttribute('data-series'), c.getAttribute('data-epoch'), c.getAttribute('data-none')], ['model', '3', null]);
  // numAttrs also takes a d3-like selection ({node()}).
  const node = new Element('text');
  const sel = { node: () => node };
  assert.equal(page.numAttrs(sel, 'y', 10, 0, 1.25), sel);
  assert.equal(node.getAttribute('data-value'), '1.25');
});

// parts lists mathText's output as text runs and symbols: 'text' or {sym, sub?, mark?}.
function parts(span) {
  assert.equal(span.className, 'math');
  return span.childNodes.map((n) => {
    if (!(n instanceof Element)) return n.textContent;
    const [i, tail] = n.children;
    assert.equal(i.tagName, 'I');
    const out = { sym: i.textContent };
    if (n.className === 'sym marked') {
      const [sup, sub] = tail.children;
      out.mark = sup.textContent;
      if (sub) out.sub = sub.textContent;
    } else {
      assert.equal(n.className, 'sym');
      if (tail) out.sub = tail.textContent;
    }
    return out;
  });
}

test('mathText sets symbols in italics with their subscripts', () => {
  assert.deepEqual(parts(views.mathText('σ(U_i x_t + W_i s_{t−1} + b_i)')), [
    'σ(',
    { sym: 'U', sub: 'i' },
    ' ',
    { sym: 'x', sub: 't' },
    ' + ',
    { sym: 'W', sub: 'i' },
    ' ',
    { sym: 's', sub: 't−1' },
    ' + ',
    { sym: 'b', sub: 'i' },
    ')',
  ]);
  assert.equal(views.mathText('s_t = tanh(U x_t + W s_{t−1} + b)').textContent, 'st = tanh(U xt + W st−1 + b)');
});

test('mathText leaves words alone and marks the output gate', () => {
  assert.deepEqual(parts(views.mathText('tanh(c_t)')), ['tanh(', { sym: 'c', sub: 't' }, ')']);
  assert.deepEqual(parts(views.mathText('o^{閘}_t ⊙ tanh(c_t)')), [{ sym: 'o', mark: '閘', sub: 't' }, ' ⊙ tanh(', { sym: 'c', sub: 't' }, ')']);
  assert.deepEqual(parts(views.mathText('h̃ = n′_t')).filter((p) => typeof p !== 'string'), [{ sym: 'h' }, { sym: 'n′', sub: 't' }]);
  assert.deepEqual(parts(views.mathText('輸出 o_T')), ['輸出 ', { sym: 'o', sub: 'T' }]);
  assert.deepEqual(parts(views.mathText('')), []);
});

test('plainText writes notation for an attribute', () => {
  assert.equal(views.plainText('o^{閘}_t'), 'o閘_t');
  assert.equal(views.plainText('s_{t−1} + W'), 's_t−1 + W');
  assert.equal(views.plainText(42), '42');
});

test('el builds elements with attributes, text and listeners', () => {
  const clicked = () => {};
  const a = page.el('button', { class: 'b', type: 'button', disabled: true, hidden: false, title: null, onclick: clicked }, 'Go ', [null, 1]);
  assert.equal(a.tagName, 'BUTTON');
  assert.equal(a.className, 'b');
  assert.equal(a.getAttribute('disabled'), '');
  assert.equal(a.getAttribute('hidden'), null);
  assert.equal(a.getAttribute('title'), null);
  assert.equal(a.listeners.get('click'), clicked);
  assert.equal(a.textContent, 'Go 1');
  const b = page.el('td', { class: 'x', colspan: 2 }, 'a', false, page.el('b', {}, 'c'));
  assert.equal(b.getAttribute('colspan'), '2');
  assert.equal(b.textContent, 'ac');
});

test('trace readers: cellKind, gateOrder, gateAct, gateTerms, gateColumn, stepAt, currentT, fnSymbol', () => {
  assert.equal(views.cellKind({ cell: 'rnn' }, { model: { cell: 'LSTM' } }), 'lstm');
  assert.equal(views.cellKind({ cell: 'gru' }, null), 'gru');
  assert.equal(views.cellKind({}, {}), 'rnn');
  const lstm = views.gateOrder({ gate_order: ['i', 'f', 'g', 'o'] });
  assert.equal(views.gateColumn(lstm, 'g', 4, 1), 9, 'Keras blocks i, f, c, o');
  assert.equal(views.gateColumn(['z', 'r', 'n'], 'n', 3, 2), 8, 'Keras blocks z, r, h');
  assert.deepEqual(views.gateOrder({}), []);
  const lstmStep = { h: [0.1], gates: { f: [0.7] }, terms: { f: { ux: [0.2], ws: [0.3], b: [1], pre: [1.5] } } };
  assert.deepEqual(views.gateAct(lstmStep, 'f'), [0.7]);
  assert.deepEqual(views.gateTerms(lstmStep, 'f').pre, [1.5]);
  assert.equal(views.gateTerms(lstmStep, 'c'), undefined);
  const rnnStep = { h: [0.4], terms: { h: { ux: [0.1], ws: [0.2], b: [0.1], pre: [0.4] } } };
  assert.deepEqual(views.gateAct(rnnStep, 'h'), [0.4], "a SimpleRNN's block h is s_t");
  assert.equal(views.gateAct(rnnStep, 'i'), undefined, 'a SimpleRNN has no gates');
  const result = { steps: [{ t: 1 }, { t: 2 }, { t: 3 }] };
  assert.equal(views.stepAt(result, 2), result.steps[1]);
  assert.equal(views.stepAt(null, 1), undefined);
  assert.equal(views.currentT({ t: 9 }, result), 3);
  assert.equal(views.currentT({ t: 0 }, result), 3, 'no t: the last step');
  assert.equal(views.currentT({ t: -4 }, result), 1);
  assert.deepEqual(['sigmoid', 'hard_sigmoid', 'relu', 'linear', 'tanh', undefined].map((f) => views.fnSymbol(f)), ['σ', 'hσ', 'relu', '', 'tanh', 'tanh']);
  assert.equal(views.dims([[1, 2, 3], [4, 5, 6]]), '2×3');
});

test('the wire says h and y; the screen writes s and o', () => {
  assert.deepEqual(['x', 'h', 'c', 'y', 'f'].map(views.shown), ['x', 's', 'c', 'o', 'f']);
});

test('the graph readers take the first layer from the engine graph', () => {
  const w = (name, kind, layer) => ({ name, kind, layer, values: [[1]], mean: 1, mean_abs: 1 });
  const result = {
    graph: {
      nodes: [
        { id: 'x/1', kind: 'x', layer: -1, t: 1 },
        { id: 'h0/0', kind: 'h', layer: 0, t: 0 },
        { id: 'h0/1', kind: 'h', layer: 0, t: 1 },
        { id: 'h1/0', kind: 'h', layer: 1, t: 0 },
        { id: 'h1/1', kind: 'h', layer: 1, t: 1 },
        { id: 'y/1', kind: 'y', layer: -1, t: 1 },
      ],
      edges: [
        { from: 'x/1', to: 'h0/1', kind: 'U', layer: 0 },
        { from: 'h0/0', to: 'h0/1', kind: 'W', layer: 0 },
        { from: 'h0/1', to: 'h1/1', kind: 'U', layer: 1 },
        { from: 'h1/0', to: 'h1/1', kind: 'W', layer: 1 },
        { from: 'h1/1', to: 'y/1', kind: 'V', layer: -1 },
      ],
      weights: [w('U0', 'U', 0), w('W0', 'W', 0), w('U1', 'U', 1), w('W1', 'W', 1), w('V', 'V', -1)],
    },
  };
  const { U, W, V } = views.weightsOf(result);
  assert.deepEqual([U.name, W.name, V.name], ['U0', 'W0', 'V']);
  const g = views.drawnGraph(result);
  assert.deepEqual([...g.nodes.keys()], ['x/1', 'h0/0', 'h0/1', 'y/1']);
  assert.deepEqual(g.edges.map((e) => [e.from, e.initial]), [['h0/0', true], ['x/1', false]], 'the edge from s_0 first');
  assert.deepEqual([...g.counts], [['U', 1]], 'counts leave out the edge from s_0');
  assert.deepEqual(views.weightsOf({}), { U: null, W: null, V: null });
});

test('the activation colour scale uses the page d3, read when a scale is made', async () => {
  globalThis.d3 = await import('d3');
  try {
    const scale = views.activationScale(1);
    assert.notEqual(scale(1), scale(-1));
    assert.equal(scale(2), scale(1), 'clamped');
    assert.equal(scale(0), views.activationScale(4)(0));
    assert.equal(views.signColor(0.5), views.signColor(3));
    assert.notEqual(views.signColor(-1), views.signColor(1));
  } finally {
    delete globalThis.d3;
  }
});

test('sci writes 3 significant digits with a superscript power of ten and a minus sign', () => {
  assert.equal(page.sci(0.000123456), '1.23×10⁻⁴');
  assert.equal(page.sci(-2500), '\u22122.50×10³');
  assert.equal(page.sci(4.5), '4.50');
  assert.equal(page.sci(0), '0');
  assert.equal(page.sci(Infinity), '—');
  assert.equal(page.pow10(-12), '10⁻¹²');
});

test('grouped writes integers as toLocaleString(\'en-US\') does', () => {
  for (const n of [0, 7, 83, 999, 1000, 12345, 100000, 1234567, -1000, -987654321, 2 ** 53 - 1, 1.5, NaN]) {
    assert.equal(page.grouped(n), n.toLocaleString('en-US'), String(n));
  }
  assert.equal(page.grouped(1234567), '1,234,567');
});
