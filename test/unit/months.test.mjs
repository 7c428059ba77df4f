// Month arithmetic of the data service's client (static/api.js): months as
// "YYYY-MM", ranges cut into the service's pieces, Taipei's current month; and
// the checks a query passes before it leaves the stock picker
// (static/controls/stock-query.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monthIndex, monthOf, monthsBetween, monthPieces, thisMonth, MAX_MONTHS, FIRST_MONTH } from '../../static/api.js';
import { checkQuery } from '../../static/controls/stock-query.js';
import { catalogue } from '../../static/messages.js';

test('monthIndex and monthOf are inverses, across year ends', () => {
  assert.equal(monthIndex('2024-01'), 2024 * 12);
  assert.equal(monthIndex('2024-12') - monthIndex('2024-01'), 11);
  assert.equal(monthOf(monthIndex('2024-12') + 1), '2025-01');
  assert.equal(monthOf(monthIndex('2025-01') - 1), '2024-12');
  assert.equal(monthOf(monthIndex('2010-03') + 36), '2013-03');
  for (let k = monthIndex('1999-01'); k <= monthIndex('2031-12'); k++) assert.equal(monthIndex(monthOf(k)), k);
});

test('monthsBetween lists every month, inclusive', () => {
  assert.deepEqual(monthsBetween('2023-11', '2024-02'), ['2023-11', '2023-12', '2024-01', '2024-02']);
  assert.deepEqual(monthsBetween('2024-05', '2024-05'), ['2024-05']);
  assert.deepEqual(monthsBetween('2024-06', '2024-05'), []);
  assert.equal(monthsBetween('2015-01', '2026-06').length, 138);
});

test('monthPieces cuts a range into consecutive pieces of at most MAX_MONTHS', () => {
  assert.equal(MAX_MONTHS, 36);
  assert.deepEqual(monthPieces('2015-01', '2024-12'), [
    ['2015-01', '2017-12'],
    ['2018-01', '2020-12'],
    ['2021-01', '2023-12'],
    ['2024-01', '2024-12'],
  ]);
  assert.deepEqual(monthPieces('2024-01', '2024-06'), [['2024-01', '2024-06']]);
  assert.deepEqual(monthPieces('2021-07', '2024-06'), [['2021-07', '2024-06']], 'exactly 36 months: one piece');
  assert.deepEqual(monthPieces('2021-07', '2024-07'), [['2021-07', '2024-06'], ['2024-07', '2024-07']]);
  assert.deepEqual(monthPieces('2024-11', '2025-02', 3), [['2024-11', '2025-01'], ['2025-02', '2025-02']]);
  // The pieces cover the range once, in order.
  const pieces = monthPieces('2010-01', '2026-06');
  assert.deepEqual(pieces.flatMap(([a, b]) => monthsBetween(a, b)), monthsBetween('2010-01', '2026-06'));
});

test('thisMonth is the month in Taipei (UTC+8)', () => {
  assert.equal(thisMonth(new Date('2024-12-31T15:59:59Z')), '2024-12');
  assert.equal(thisMonth(new Date('2024-12-31T16:00:00Z')), '2025-01');
  assert.equal(thisMonth(new Date('2024-02-29T23:00:00Z')), '2024-03');
  assert.match(thisMonth(), /^\d{4}-\d{2}$/);
});

test('thisMonth agrees with the Asia/Taipei time zone at the month boundaries and in between', () => {
  assert.equal(thisMonth(new Date('2023-02-28T15:59:59.999Z')), '2023-02');
  assert.equal(thisMonth(new Date('2023-02-28T16:00:00Z')), '2023-03');
  assert.equal(thisMonth(new Date('2026-06-30T16:00:00+00:00')), '2026-07');
  assert.equal(thisMonth(new Date('2026-07-01T07:59:59+08:00')), '2026-07');
  const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit' });
  const inTaipei = (d) => {
    const parts = zone.formatToParts(d);
    return `${parts.find((p) => p.type === 'year').value}-${parts.find((p) => p.type === 'month').value}`;
  };
  // Every month end from 2010 to 2031, a second either side of midnight in Taipei, and every 7 hours of 2024.
  for (let y = 2010; y <= 2031; y++) {
    for (let m = 1; m <= 12; m++) {
      const midnight = Date.UTC(y, m, 1) - 8 * 3600 * 1000; // the first of the next month, 00:00 in Taipei
      for (const t of [midnight - 1000, midnight, midnight + 1000]) assert.equal(thisMonth(new Date(t)), inTaipei(new Date(t)), new Date(t).toISOString());
    }
  }
  for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 7 * 3600 * 1000) assert.equal(thisMonth(new Date(t)), inTaipei(new Date(t)));
});

test('checkQuery turns a bad query into a stock.* message with its values', () => {
  const cases = [
    [['23', '2024-01', '2024-06', 36], 'stock.bad_code'],
    [['2330', '2024-13', '2024-06', 36], 'stock.bad_month'],
    [['2330', '2024-1', '2024-06', 36], 'stock.bad_month'],
    [['2330', '2024-06', '2024-01', 36], 'stock.from_after_to'],
    [['2330', '2024-01', '2999-01', 36], 'stock.future'],
    [['2330', '2009-12', '2010-06', 36], 'stock.too_early'],
    [['2330', '2015-01', '2024-12', 36], 'stock.too_long'],
  ];
  for (const [args, key] of cases) {
    const got = checkQuery(...args);
    assert.equal(got?.key, key, args.join(' '));
    assert.ok(Object.hasOwn(catalogue, key), `${key} is in the catalogue`);
    // Every placeholder of the message has its value.
    for (const text of catalogue[key]) for (const [, name] of text.matchAll(/\{(\w+)\}/g)) assert.ok(name in got.vars, `${key}: {${name}}`);
  }
  assert.deepEqual(checkQuery('2330', '2015-01', '2024-12', 120), null);
  assert.deepEqual(checkQuery('00631L', FIRST_MONTH, FIRST_MONTH, 1), null);
  assert.deepEqual(checkQuery('2330', '2015-01', '2024-12', 36).vars, { n: 120, max: 36 });
});
