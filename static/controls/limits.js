// The number fields' range check and its message. The ranges are the page's
// one table in state.js (LIMITS, TRAIN_LIMITS); this file only compares a
// typed text with one of them and says, in the page's language, which values
// are allowed.

// checkNumber returns null when text is a number in [lo, hi] (a whole number
// when integer), else what the message needs: {lo, hi, value, integer}.
export function checkNumber(text, [lo, hi], { integer = true } = {}) {
  const s = String(text ?? '').trim();
  const v = Number(s);
  const ok = s !== '' && Number.isFinite(v) && v >= lo && v <= hi && (!integer || Number.isInteger(v));
  return ok ? null : { lo, hi, value: s, integer };
}

// Large bounds (the seed's 2^53 − 1) with digit grouping, so that they can be read.
const bound = (n) => (Number.isInteger(n) && Math.abs(n) >= 1e5 ? n.toLocaleString('en-US') : String(n));

// limitText is the message for a failed check of the field called label:
// the allowed range, and the typed value when there is one.
export function limitText(t, label, bad) {
  const key = `limit.${bad.integer ? 'int' : 'number'}${bad.value === '' ? '_empty' : ''}`;
  return t(key, { name: label, lo: bound(bad.lo), hi: bound(bad.hi), value: bad.value });
}
