// @ts-check
// Typed values of the form: the limits a user can type past, and why a typed
// text is not an acceptable number (a message to show next to its field), or
// null when it is. Plain functions, checked by tests/unit/controls.test.mjs.

/** Limits a user can type past; the selects and sliders cannot leave theirs. */
export const LIMITS = Object.freeze({
  layers: { min: 0, max: 8 },
  units: { min: 1, max: 32 },
  batch: { min: 1, max: 5000 },
  noise: { min: 0, max: 50 },
  trainRatio: { min: 10, max: 90 },
});

/** Units given to a hidden layer that the + button adds after no layer at all. */
export const NEW_LAYER_UNITS = 4;

/** Largest η the core accepts (crate/src/config.rs MAX_LEARNING_RATE). */
export const MAX_LEARNING_RATE = 10;
/** Largest α the core accepts for the initial-weight range. */
export const MAX_INIT_RANGE = 10;
/** Dropout rates allowed per hidden layer. */
export const DROPOUT_LIMIT = Object.freeze({ min: 0, max: 0.9 });

/**
 * A whole number, or NaN for anything else (empty, fractional, text).
 * @param {string} raw
 */
export function parseWhole(raw) {
  const text = raw.trim();
  if (text === '') return NaN;
  const value = Number(text);
  return Number.isInteger(value) ? value : NaN;
}

/**
 * Why `raw` is not a number in (min, max] (or [min, max] with `closedLow`), or
 * null when it is; accepts "0.05", "5e-2", ".05".
 * @param {string} raw
 * @param {{ min: number, max: number }} limit
 * @param {boolean} closedLow
 */
export function decimalProblem(raw, limit, closedLow) {
  const text = raw.trim();
  if (text === '') return `enter a number ${closedLow ? 'from' : 'above'} ${limit.min} ${closedLow ? 'to' : 'and at most'} ${limit.max}.`;
  const value = Number(text);
  if (!Number.isFinite(value) || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    return `“${text}” is not a number; ${closedLow ? `${limit.min} to ${limit.max}` : `above ${limit.min} and at most ${limit.max}`} allowed.`;
  }
  const low = closedLow ? value < limit.min : value <= limit.min;
  if (low || value > limit.max) {
    return `${value} is out of range; ${closedLow ? `${limit.min} to ${limit.max}` : `above ${limit.min} and at most ${limit.max}`} allowed.`;
  }
  return null;
}

/**
 * Why `raw` is not a whole number in [min, max], or null when it is.
 * @param {string} raw
 * @param {{ min: number, max: number }} limit
 * @param {string} unit  e.g. " units", appended to the value in the message
 */
export function rangeProblem(raw, limit, unit) {
  const value = parseWhole(raw);
  if (raw.trim() === '') return `enter a whole number from ${limit.min} to ${limit.max}.`;
  if (Number.isNaN(value)) return `“${raw.trim()}” is not a whole number; ${limit.min} to ${limit.max} allowed.`;
  if (value < limit.min || value > limit.max) {
    return `${value}${unit} is out of range; ${limit.min} to ${limit.max} allowed.`;
  }
  return null;
}

/**
 * Why `raw` is not a number (a whole one with `integer`), or null when it is;
 * the range of these fields is the core's to judge.
 * @param {string} raw
 * @param {boolean} integer
 */
export function numberProblem(raw, integer) {
  const text = raw.trim();
  const value = Number(text);
  const ok = text !== '' && Number.isFinite(value) && (!integer || Number.isInteger(value));
  if (ok) return null;
  const what = integer ? 'a whole number' : 'a number';
  return text === '' ? `enter ${what}.` : `“${text}” is not ${what}.`;
}

/**
 * Why `raw` is not a batch size, or null when it is. The training set's size
 * is only known for the data that is running (`sameData`); with other data the
 * core judges the batch size.
 * @param {string} raw
 * @param {boolean} sameData
 * @param {number} trainCount  the running data's training points
 */
export function batchProblem(raw, sameData, trainCount) {
  const limit = sameData ? { min: LIMITS.batch.min, max: trainCount } : LIMITS.batch;
  const problem = rangeProblem(raw, limit, '');
  if (!problem) return null;
  return sameData && parseWhole(raw) > trainCount
    ? `${parseWhole(raw)} is larger than the ${trainCount} training points; 1 to ${trainCount} allowed.`
    : problem;
}
