// @ts-check
// Numbers as the readouts, charts and gauges write them.

import { sup } from './notation.js';

/**
 * A loss as text: four decimals, three significant digits in scientific
 * notation when it gets tiny (a loss near zero: "7.13e-6", as narrow as
 * "0.0024", so readouts side by side never run into each other) or huge (a
 * run that is diverging). Never "NaN": a value that is not a number reads
 * "–", an overflow "∞".
 * @param {number} loss
 */
export function formatLoss(loss) {
  if (Number.isNaN(loss)) return '–';
  if (!Number.isFinite(loss)) return loss > 0 ? '∞' : '−∞';
  if (Math.abs(loss) >= 1e5) return loss.toExponential(2);
  if (loss !== 0 && Math.abs(loss) < 0.001) return loss.toExponential(2);
  return loss.toFixed(4);
}

/**
 * An accuracy as a percentage with one decimal; '–' when there is none.
 * @param {number | null} fraction
 */
export function formatAccuracy(fraction) {
  return fraction === null ? '–' : `${(fraction * 100).toFixed(1)} %`;
}

/**
 * A gradient magnitude as text: three significant digits, or a power of ten
 * written as a student would (3.2×10⁻⁵) when it is very small or large.
 * @param {number} value
 */
export function formatMagnitude(value) {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return '–';
  const size = Math.abs(value);
  if (size >= 1e-3 && size < 1e4) return String(Number(value.toPrecision(3)));
  let exponent = Math.floor(Math.log10(size));
  let mantissa = Number((value / 10 ** exponent).toFixed(1));
  if (Math.abs(mantissa) >= 10) {
    exponent += 1;
    mantissa /= 10;
  }
  return `${mantissa}×10${sup(exponent)}`;
}
