// The parts of d3 the page uses, for the bundle (scripts/bundle.mjs): its
// modules read `globalThis.d3`, which the bundle replaces by this object, so
// only these functions (and what they need) are bundled instead of all of
// d3.min.js. The unbundled sources (the views' harness, the unit tests) still
// take the whole d3 from a global. A function missing here fails the bundle's
// check in scripts/bundle.mjs.
import { bisectCenter, extent, max, min, range } from 'd3';
import { axisBottom, axisLeft } from 'd3';
import { easeCubicOut } from 'd3';
import { format, utcFormat, utcParse } from 'd3';
import { interpolateLab } from 'd3';
import { scaleBand, scaleLinear, scaleLog, scalePoint, scalePow, scaleUtc } from 'd3';
import { create, pointer, select, selectAll } from 'd3';
import { line } from 'd3';
import { transition } from 'd3'; // selection.transition(), a side effect of d3-transition
import { utcMonth, utcYear } from 'd3';

export const unrollD3 = Object.freeze({
  bisectCenter, extent, max, min, range,
  axisBottom, axisLeft,
  easeCubicOut,
  format, utcFormat, utcParse,
  interpolateLab,
  scaleBand, scaleLinear, scaleLog, scalePoint, scalePow, scaleUtc,
  create, pointer, select, selectAll,
  line,
  transition,
  utcMonth, utcYear,
});
