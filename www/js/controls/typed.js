// @ts-check
// Typed values of the form: the ranges a user can type past, as the core's
// schema gives them (crate/src/schema.rs), and why a typed text is not an
// acceptable number (a message to show next to its field, saying what is
// allowed in the core's words), or null when it is. Plain functions, checked
// by tests/unit/controls.test.mjs.

/** @typedef {import('../../pkg/backprop_playground.js').Schema} Schema */
/** @typedef {import('../../pkg/backprop_playground.js').NumberRange} NumberRange */

/**
 * A typed number's range (low, high, lowOpen, integer, as the core's
 * `NumberRange`) and what it allows in the core's words, e.g. "η above 0 and
 * at most 10", "1 to 32 units".
 * @typedef {Pick<NumberRange, 'low' | 'high' | 'lowOpen' | 'integer'> & { allowed: string }} TypedRange
 */

/**
 * The ranges of what a user can type past; the selects and sliders cannot
 * leave theirs (noise and the training share are sliders, checked all the same).
 * @typedef {object} TypedRanges
 * @property {TypedRange} learningRate
 * @property {TypedRange} initRange
 * @property {TypedRange} noise
 * @property {TypedRange} trainRatio
 * @property {TypedRange} layers   how many hidden layers
 * @property {TypedRange} units    per hidden layer
 * @property {TypedRange} dropout  per hidden layer
 * @property {TypedRange} batch    before the training set's size is known
 */

/** Units given to a hidden layer that the + button adds after no layer at all. */
export const NEW_LAYER_UNITS = 4;

/**
 * The typed values' ranges, read from the core's schema.
 * @param {Schema} schema
 * @returns {TypedRanges}
 */
export function typedRanges(schema) {
  /** @param {string} name  a setting of the schema that has a range */
  const of = (name) => {
    const setting = schema.settings.find((s) => s.name === name);
    if (!setting?.range || !setting.allowed) throw new Error(`the core's schema gives no range for ${name}`);
    return typed(setting.range, setting.allowed);
  };
  return Object.freeze({
    learningRate: of('learningRate'),
    initRange: of('initRange'),
    noise: of('noise'),
    trainRatio: of('trainRatio'),
    layers: typed(schema.limits.hiddenLayers, schema.limits.hiddenLayersAllowed),
    units: of('hidden'),
    dropout: of('dropout'),
    batch: of('batchSize'),
  });
}

/**
 * @param {NumberRange} range
 * @param {string} allowed
 * @returns {TypedRange}
 */
function typed({ low, high, lowOpen, integer }, allowed) {
  return Object.freeze({ low, high, lowOpen, integer, allowed });
}

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
 * Why `raw` is not a number `range` allows (a whole one where it wants one),
 * or null when it is; accepts "0.05", "5e-2", ".05".
 * @param {string} raw
 * @param {TypedRange} range
 */
export function typedProblem(raw, range) {
  const text = raw.trim();
  const what = range.integer ? 'a whole number' : 'a number';
  if (text === '') return `enter ${what}: ${range.allowed}.`;
  const value = Number(text);
  const written = Number.isFinite(value) && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text);
  if (!written || (range.integer && !Number.isInteger(value))) return `“${text}” is not ${what}; ${range.allowed} allowed.`;
  const low = range.lowOpen ? value <= range.low : value < range.low;
  if (low || value > range.high) return `${value} is out of range; ${range.allowed} allowed.`;
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
 * is only known for the data that is running (`sameData`): then it bounds the
 * batch; with other data the core judges the batch size against it.
 * @param {string} raw
 * @param {TypedRange} range  the batch size's range before the training set is known
 * @param {boolean} sameData
 * @param {number} trainCount  the running data's training points
 */
export function batchProblem(raw, range, sameData, trainCount) {
  if (!sameData) return typedProblem(raw, range);
  const known = { ...range, high: Math.min(range.high, trainCount), allowed: `${range.low} to ${trainCount}` };
  const problem = typedProblem(raw, known);
  const value = parseWhole(raw);
  return problem && value > known.high ? `${value} is larger than the ${trainCount} training points; ${known.allowed} allowed.` : problem;
}
