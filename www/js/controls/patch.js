// @ts-check
// The form read into a config patch: what is typed and chosen (`formValues`),
// then, without the DOM, the patch of every valid field and a message for each
// refused one (`patchFrom`). A refused field is left out of the patch.

import { FIELD_LABELS } from './messages.js';
import { batchProblem, numberProblem, parseWhole, typedProblem } from './typed.js';

/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('./messages.js').MessageSlot} MessageSlot */
/** @typedef {import('./form.js').FormParts} FormParts */
/** @typedef {ReturnType<typeof import('./layers.js').createLayerList>} LayerList */
/** @typedef {import('./typed.js').TypedRanges} TypedRanges */

/**
 * A `data-key` field as typed or chosen.
 * @typedef {object} KeyedValue
 * @property {string} key    the config field
 * @property {string} value
 * @property {boolean} select    a menu (else a text box)
 * @property {boolean} nullable  a menu whose empty choice is the core's "automatic" (null)
 * @property {boolean} number    a menu of numbers
 * @property {boolean} integer   a box of whole numbers
 */

/**
 * What the form holds, as text.
 * @typedef {object} FormValues
 * @property {string} dataset
 * @property {string} activation
 * @property {string} regularization
 * @property {string} regularizationRate
 * @property {string} learningRate  the typed η
 * @property {KeyedValue[]} keyed
 * @property {string} initRange
 * @property {string} noise
 * @property {string} trainRatio
 * @property {string} layerCount
 * @property {string[]} units     per hidden layer
 * @property {string[]} phis      per hidden layer
 * @property {string[]} dropout   per hidden layer
 * @property {string} batchSize
 */

/**
 * A refused control: `learningRate`, `initRange`, `noise`, `trainRatio`,
 * `layerCount`, `batchSize`, `units:<layer>`, `dropout:<layer>` or `key:<config field>`.
 * @typedef {string} ControlName
 */

/**
 * @param {FormParts} f
 * @param {LayerList} layers
 * @returns {FormValues}
 */
export function formValues(f, layers) {
  return {
    dataset: f.dataset.value,
    activation: f.activation.value,
    regularization: f.regularization.value,
    regularizationRate: f.regularizationRate.value,
    learningRate: f.learningRateTyped.value,
    keyed: f.keyed.map((el) => ({
      key: el.dataset.key ?? '',
      value: el.value,
      select: el instanceof HTMLSelectElement,
      nullable: el.hasAttribute('data-nullable'),
      number: el.hasAttribute('data-number'),
      integer: el.hasAttribute('data-integer'),
    })),
    initRange: f.initRange.value,
    noise: f.noise.value,
    trainRatio: f.trainRatio.value,
    layerCount: f.layerCount.value,
    units: layers.unitInputs().map((el) => el.value),
    phis: layers.layerActivations().map((el) => el.value),
    dropout: layers.dropoutInputs().map((el) => el.value),
    batchSize: f.batchSize.value,
  };
}

/**
 * The config patch of a form's values. Every field that is out of range gets
 * a message and is left out; `invalid` names the refused controls in the
 * order they are met.
 * @param {FormValues} values
 * @param {{ applied: Config, trainCount: number, ranges: TypedRanges }} context  the running config, its
 *   training points and what may be typed (the core's schema)
 * @param {(field: string) => string} label  how messages name a config field
 * @returns {{ patch: Partial<Config>, problems: Map<MessageSlot, string>, invalid: ControlName[] }}
 */
export function patchFrom(values, { applied, trainCount, ranges }, label) {
  /** @type {Map<MessageSlot, string>} */
  const problems = new Map();
  /** @type {ControlName[]} */
  const invalid = [];
  /** @type {Partial<Config>} */
  const patch = {
    dataset: /** @type {Config['dataset']} */ (values.dataset),
    activation: /** @type {Config['activation']} */ (values.activation),
    regularization: /** @type {Config['regularization']} */ (values.regularization),
    regularizationRate: Number(values.regularizationRate),
  };

  // The typed η wins: the menu only offers round values and writes them into the box.
  const rateProblem = typedProblem(values.learningRate, ranges.learningRate);
  if (rateProblem) { problems.set('learningRate', `${FIELD_LABELS.learningRate}: ${rateProblem}`); invalid.push('learningRate'); }
  else patch.learningRate = Number(values.learningRate.trim());

  for (const el of values.keyed) {
    if (el.select) {
      // An empty choice of a nullable field is the core's "automatic" (null).
      // A menu of numbers (`data-number`) gives a number.
      /** @type {any} */ (patch)[el.key] = el.value === '' && el.nullable ? null : el.number ? Number(el.value) : el.value;
      continue;
    }
    const problem = numberProblem(el.value, el.integer);
    if (problem === null) {
      /** @type {any} */ (patch)[el.key] = Number(el.value.trim());
    } else {
      problems.set(el.key, `${label(el.key)}: ${problem}`);
      invalid.push(`key:${el.key}`);
    }
  }

  const alphaProblem = typedProblem(values.initRange, ranges.initRange);
  if (alphaProblem) { problems.set('initRange', `${FIELD_LABELS.initRange}: ${alphaProblem}`); invalid.push('initRange'); }
  else patch.initRange = Number(values.initRange.trim());

  const noiseProblem = typedProblem(values.noise, ranges.noise);
  if (noiseProblem) { problems.set('noise', `${FIELD_LABELS.noise}: ${noiseProblem}`); invalid.push('noise'); }
  else patch.noise = Number(values.noise.trim());

  const ratioProblem = typedProblem(values.trainRatio, ranges.trainRatio);
  if (ratioProblem) { problems.set('trainRatio', `${FIELD_LABELS.trainRatio}: ${ratioProblem}`); invalid.push('trainRatio'); }
  else patch.trainRatio = Number(values.trainRatio.trim());

  readLayers(values, patch, problems, invalid, ranges);

  // The training set's size is only known for the data that is running; with
  // other data the core judges the batch size and its message lands here too.
  const sameData = patch.dataset === applied.dataset && patch.trainRatio === applied.trainRatio;
  const batch = batchProblem(values.batchSize, ranges.batch, sameData, trainCount);
  if (batch) {
    problems.set('batchSize', `${FIELD_LABELS.batchSize}: ${batch}`);
    invalid.push('batchSize');
  } else {
    patch.batchSize = parseWhole(values.batchSize);
  }
  return { patch, problems, invalid };
}

/**
 * The hidden layers into `patch`: their φ and dropout rates (empty when all
 * alike), and their units unless a count or a layer is refused; the messages
 * of the layers go together under 'hidden'.
 * @param {FormValues} values
 * @param {Partial<Config>} patch
 * @param {Map<MessageSlot, string>} problems
 * @param {ControlName[]} invalid
 * @param {TypedRanges} ranges
 */
function readLayers(values, patch, problems, invalid, ranges) {
  /** @type {string[]} */
  const hiddenLines = [];
  const countProblem = typedProblem(values.layerCount, ranges.layers);
  if (countProblem) {
    hiddenLines.push(`${FIELD_LABELS.hidden}: ${countProblem}`);
    invalid.push('layerCount');
  }
  /** @type {number[]} */
  const hidden = [];
  values.units.forEach((raw, i) => {
    const problem = typedProblem(raw, ranges.units);
    if (problem) {
      hiddenLines.push(`Hidden layer ${i + 1}: ${problem}`);
      invalid.push(`units:${i}`);
    } else {
      hidden.push(parseWhole(raw));
    }
  });
  const phis = values.phis.map((v) => /** @type {Config['activation']} */ (v));
  patch.hiddenActivations = phis.every((a) => a === values.activation) ? [] : phis;
  /** @type {number[]} */
  const rates = [];
  values.dropout.forEach((raw, i) => {
    const problem = typedProblem(raw, ranges.dropout);
    if (problem) {
      hiddenLines.push(`Dropout of hidden layer ${i + 1}: ${problem}`);
      invalid.push(`dropout:${i}`);
    } else {
      rates.push(Number(raw.trim()));
    }
  });
  patch.dropout = rates.every((r) => r === 0) ? [] : rates;
  if (hiddenLines.length > 0) problems.set('hidden', hiddenLines.join('\n'));
  else patch.hidden = hidden;
}
