// @ts-check
// The form's elements, found once by id, and a running config written into
// them.

import { markPreview, filterDatasets } from './datasets.js';
import { refreshDependents } from './dependents.js';

/** @typedef {import('../lib/dom.js').Root} Root */
/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {ReturnType<typeof import('./layers.js').createLayerList>} LayerList */

/**
 * @template {HTMLElement} T
 * @param {Root} doc
 * @param {string} id
 * @param {new (...args: any[]) => T} type
 * @returns {T}
 */
export function element(doc, id, type) {
  const el = doc.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing or not a ${type.name}`);
  return el;
}

/**
 * Every element of the form and the run bar that the controls use.
 * @param {Root} doc
 */
export function formElements(doc) {
  const form = element(doc, 'controls', HTMLFormElement);
  /** Simple config fields: `data-key` names the config field; text boxes hold numbers. */
  const keyed = /** @type {(HTMLInputElement | HTMLSelectElement)[]} */ (Array.from(form.querySelectorAll('[data-key]')));
  return {
    form,
    dataset: element(doc, 'dataset', HTMLSelectElement),
    noise: element(doc, 'noise', HTMLInputElement),
    noiseValue: element(doc, 'noise-value', HTMLOutputElement),
    trainRatio: element(doc, 'train-ratio', HTMLInputElement),
    trainRatioValue: element(doc, 'train-ratio-value', HTMLOutputElement),
    layerCount: element(doc, 'layer-count', HTMLInputElement),
    layersAdd: element(doc, 'layers-add', HTMLButtonElement),
    layersRemove: element(doc, 'layers-remove', HTMLButtonElement),
    unitsList: element(doc, 'units-list', HTMLOListElement),
    activation: element(doc, 'activation', HTMLSelectElement),
    learningRate: element(doc, 'learning-rate', HTMLSelectElement),
    learningRateTyped: element(doc, 'learning-rate-typed', HTMLInputElement),
    regularization: element(doc, 'regularization', HTMLSelectElement),
    regularizationRate: element(doc, 'regularization-rate', HTMLSelectElement),
    problem: element(doc, 'problem', HTMLSelectElement),
    speed: element(doc, 'speed', HTMLSelectElement),
    initRange: element(doc, 'init-range', HTMLInputElement),
    regenerate: element(doc, 'regenerate', HTMLButtonElement),
    showTest: element(doc, 'show-test', HTMLInputElement),
    discretize: element(doc, 'discretize', HTMLInputElement),
    colorBlind: element(doc, 'color-blind', HTMLInputElement),
    previews: element(doc, 'dataset-previews', HTMLElement),
    showAugmented: element(doc, 'show-augmented', HTMLInputElement),
    showDeltas: element(doc, 'show-deltas', HTMLInputElement),
    etaNow: element(doc, 'eta-now', HTMLElement),
    keyed,
    /** @type {Map<string, string>} */
    keyedLabels: new Map(keyed.map((el) => [el.dataset.key ?? '', el.labels?.[0]?.textContent?.trim() ?? el.dataset.key ?? ''])),
    batchSize: element(doc, 'batch-size', HTMLInputElement),
    batchRange: element(doc, 'batch-size-range', HTMLElement),
    play: element(doc, 'play', HTMLButtonElement),
    step: element(doc, 'step', HTMLButtonElement),
    reset: element(doc, 'reset', HTMLButtonElement),
    announcer: element(doc, 'announcer', HTMLElement),
    refusedNotice: element(doc, 'refused-notice', HTMLButtonElement),
  };
}

/** @typedef {ReturnType<typeof formElements>} FormParts */

/**
 * Where each field's message goes: `<field>-msg`, and `page-msg` for the rest.
 * @param {Root} doc
 * @param {FormParts} parts
 * @returns {Record<string, HTMLElement>}
 */
export function messageSlots(doc, { keyed }) {
  /** @type {Record<string, HTMLElement>} */
  const slots = {
    dataset: element(doc, 'dataset-msg', HTMLElement),
    noise: element(doc, 'noise-msg', HTMLElement),
    trainRatio: element(doc, 'trainRatio-msg', HTMLElement),
    hidden: element(doc, 'hidden-msg', HTMLElement),
    activation: element(doc, 'activation-msg', HTMLElement),
    learningRate: element(doc, 'learningRate-msg', HTMLElement),
    batchSize: element(doc, 'batchSize-msg', HTMLElement),
    regularization: element(doc, 'regularization-msg', HTMLElement),
    regularizationRate: element(doc, 'regularizationRate-msg', HTMLElement),
    initRange: element(doc, 'initRange-msg', HTMLElement),
    problem: element(doc, 'problem-msg', HTMLElement),
    page: element(doc, 'page-msg', HTMLElement),
  };
  for (const el of keyed) slots[el.dataset.key ?? ''] = element(doc, `${el.dataset.key}-msg`, HTMLElement);
  return slots;
}

/**
 * Selects the option of `select` whose value is `value`; a value the menu lacks
 * (from a script or a typed box) gets an option of its own rather than showing a lie.
 * @param {HTMLSelectElement} select
 * @param {number} value
 */
export function selectNumber(select, value) {
  const match = Array.from(select.options).find((o) => Number(o.value) === value);
  if (match) {
    select.value = match.value;
    return;
  }
  for (const o of Array.from(select.options)) if (o.dataset.custom) o.remove();
  const option = new Option(String(value), String(value), true, true);
  option.dataset.custom = 'true';
  const after = Array.from(select.options).find((o) => Number(o.value) > value);
  select.add(option, after ?? null);
  select.value = option.value;
}

/**
 * Shows a running config in the form (messages aside).
 * @param {Root} doc
 * @param {FormParts} f
 * @param {LayerList} layers
 * @param {Config} config
 * @param {{ trainCount: number, classification: boolean }} info
 */
export function writeForm(doc, f, layers, config, { trainCount, classification }) {
  f.problem.value = classification ? 'classification' : 'regression';
  filterDatasets(f.previews, f.problem.value);
  f.dataset.value = config.dataset;
  markPreview(f.previews, f.dataset.value);
  f.noise.value = String(config.noise);
  f.noiseValue.value = `${config.noise} %`;
  f.trainRatio.value = String(config.trainRatio);
  f.trainRatioValue.value = `${config.trainRatio} %`;
  f.layerCount.value = String(config.hidden.length);
  layers.sync(config.hidden.length, config.hidden);
  layers.layerActivations().forEach((el, i) => { el.value = config.hiddenActivations[i] ?? config.activation; });
  layers.dropoutInputs().forEach((el, i) => { el.value = String(config.dropout[i] ?? 0); });
  f.activation.value = config.activation;
  selectNumber(f.learningRate, config.learningRate);
  f.learningRateTyped.value = String(config.learningRate);
  f.regularization.value = config.regularization;
  selectNumber(f.regularizationRate, config.regularizationRate);
  f.initRange.value = String(config.initRange);
  for (const el of f.keyed) {
    const value = /** @type {any} */ (config)[el.dataset.key ?? ''];
    if (el instanceof HTMLSelectElement && el.hasAttribute('data-number')) selectNumber(el, value);
    else el.value = value === null ? '' : String(value);
  }
  refreshDependents(doc, f.form);
  f.batchSize.value = String(config.batchSize);
  f.batchSize.max = String(trainCount);
  f.batchRange.textContent = `1 – ${trainCount}`;
}
