// The lesson sets' schema and checks (static/lessons/schema.js), and the
// built-in U12 set against them, without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSet, checkMet, watched, LessonError } from '../../static/lessons/schema.js';
import { parseHash } from '../../static/state.js';
import u12 from '../../static/lessons/u12.js';

test('the U12 set is valid, every lesson names a state the page accepts', () => {
  assert.equal(validateSet(u12), u12);
  assert.ok(u12.lessons.length >= 15);
  assert.equal(new Set(u12.lessons.map((l) => l.id)).size, u12.lessons.length, 'lesson ids are unique');
  for (const l of u12.lessons) assert.deepEqual(parseHash(l.state).invalid, [], l.id);
});

const lesson = (over) => ({ id: 'a', title: { 'zh-TW': '甲', en: 'A' }, body: { 'zh-TW': '乙', en: 'B' }, state: 'cell=lstm', ...over });

test('a bad set names the lesson and the field', () => {
  const cases = [
    [[], 0, '(file)'],
    [{ id: 'Bad Id', title: { 'zh-TW': '甲', en: 'A' }, lessons: [lesson()] }, 0, 'id'],
    [{ id: 'mine', title: { 'zh-TW': '甲' }, lessons: [lesson()] }, 0, 'title'],
    [{ id: 'mine', title: { 'zh-TW': '甲', en: 'A' }, lessons: [] }, 0, 'lessons'],
    [{ id: 'mine', title: { 'zh-TW': '甲', en: 'A' }, lessons: [lesson(), lesson({ body: { en: 'B' } })] }, 2, 'body'],
    [{ id: 'mine', title: { 'zh-TW': '甲', en: 'A' }, lessons: [lesson({ state: 'cell=cnn' })] }, 1, 'state.cell'],
    [{ id: 'mine', title: { 'zh-TW': '甲', en: 'A' }, lessons: [lesson({ ask: { question: { 'zh-TW': '問', en: 'Q' }, check: { guess: 1 } } })] }, 1, 'ask.check'],
  ];
  for (const [set, n, field] of cases) {
    assert.throws(() => validateSet(set), (err) => err instanceof LessonError && err.lesson === n && err.field === field, `${n} ${field}`);
  }
});

test('checks: changed against the baseline, state, trained', () => {
  const s = { cell: 'rnn', model: 'seed', result: { steps: [{ x: [0.5] }, { x: [0.1] }] } };
  const base = watched('x1', s);
  assert.equal(checkMet({ changed: 'x1' }, s, base), false);
  assert.equal(checkMet({ changed: 'x1' }, { ...s, result: { steps: [{ x: [0.7] }, { x: [0.1] }] } }, base), true);
  assert.equal(checkMet({ changed: 'x1' }, s, undefined), false, 'no baseline yet: not met');
  assert.equal(checkMet({ changed: 'units' }, { ...s, units: 8 }, watched('units', { ...s, units: 4 })), true);
  assert.equal(checkMet({ state: { cell: 'lstm' } }, s), false);
  assert.equal(checkMet({ state: { cell: 'lstm', steps: 5 } }, { ...s, cell: 'lstm', steps: 5 }), true);
  assert.equal(checkMet({ trained: true }, s), false);
  assert.equal(checkMet({ trained: true }, { ...s, model: 'trained' }), true);
});
