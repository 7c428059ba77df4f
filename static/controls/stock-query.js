// The stock picker's check of a query before it leaves the page: it mirrors
// the data service's checks (web.ValidateQuery) and says what is wrong in the
// picker's words (a stock.* message).

import { monthIndex, thisMonth, FIRST_MONTH } from '../api.js';

// checkQuery returns null, or {key, vars} of a stock.* message.
export function checkQuery(code, from, to, maxMonths) {
  if (!/^[0-9A-Z]{4,6}$/.test(code)) return { key: 'stock.bad_code', vars: { code } };
  const month = /^\d{4}-(0[1-9]|1[0-2])$/;
  if (!month.test(from) || !month.test(to)) return { key: 'stock.bad_month', vars: {} };
  const now = thisMonth();
  if (from > to) return { key: 'stock.from_after_to', vars: { from, to } };
  if (to > now) return { key: 'stock.future', vars: { month: to, now } };
  if (from < FIRST_MONTH) return { key: 'stock.too_early', vars: { first: FIRST_MONTH } };
  const n = monthIndex(to) - monthIndex(from) + 1;
  if (n > maxMonths) return { key: 'stock.too_long', vars: { n, max: maxMonths } };
  return null;
}
