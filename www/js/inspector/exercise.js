// @ts-check
// The settings of a textbook exercise in the inspector's editor: layer sizes
// (e.g. 2-2-2), hidden and output φ, the "train biases" switch and η. What an
// exercise may hold (the limits) is the core's: read with exerciseLimits(),
// the sizes checked with checkExerciseSizes(), everything else when the
// exercise is built.

import { parseNumber } from '../lib/notation.js';
import { numberBox } from '../lib/dom.js';

/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').ExerciseSpec} ExerciseSpec */
/** @typedef {import('../../pkg/backprop_playground.js').Activation} ActivationName */

const PHI_NAMES = /** @type {Readonly<Record<string, string>>} */ ({
  sigmoid: 'sigmoid σ', tanh: 'tanh', relu: 'ReLU', linear: 'linear (identity)',
});

/** The textbook's usual start: 2 inputs, 2 hidden sigmoid units, 2 sigmoid outputs. */
export const DEFAULT_SIZES = [2, 2, 2];

/**
 * Reads "2-2-2" (or "2, 3, 2", "2 3 2"): the sizes, or why not (the core checks the limits).
 * @param {string} text
 * @param {CoreModule} core
 * @returns {{ ok: true, sizes: number[] } | { ok: false, message: string }}
 */
export function parseSizes(text, core) {
  const parts = text.trim().split(/\s*[-–,×x\s]\s*/).filter((p) => p !== '');
  const sizes = parts.map(Number);
  if (parts.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 0)) {
    return { ok: false, message: `Layer sizes “${text.trim()}” is not a list of whole numbers: write inputs-hidden…-outputs, e.g. 2-2-2.` };
  }
  try {
    core.checkExerciseSizes(sizes);
  } catch (err) {
    return { ok: false, message: `${err instanceof Error ? err.message : String(err)}.` };
  }
  return { ok: true, sizes };
}

/**
 * @param {Document} doc
 * @param {string} id
 * @param {string} labelText
 * @param {HTMLElement} control
 */
function field(doc, id, labelText, control) {
  const wrap = doc.createElement('div');
  wrap.className = 'insp-editor-field';
  const label = doc.createElement('label');
  label.htmlFor = id;
  label.textContent = labelText;
  control.id = id;
  wrap.append(label, control);
  return wrap;
}

/**
 * @param {Document} doc
 * @param {readonly ActivationName[]} names
 * @param {string} title
 */
function phiSelect(doc, names, title) {
  const select = doc.createElement('select');
  for (const name of names) select.append(new Option(PHI_NAMES[name] ?? name, name));
  select.title = title;
  return select;
}

/**
 * @param {Document} doc
 * @param {CoreModule} core
 */
export function createExerciseSettings(doc, core) {
  const limits = core.exerciseLimits();
  const element = doc.createElement('fieldset');
  element.className = 'insp-editor-settings';
  const legend = doc.createElement('legend');
  legend.textContent = 'Its network';
  const sizes = doc.createElement('input');
  sizes.type = 'text';
  sizes.autocomplete = 'off';
  sizes.spellcheck = false;
  sizes.className = 'insp-sizes';
  sizes.dataset.field = 'Layer sizes';
  sizes.dataset.core = 'sizes';
  sizes.title = `Units per layer, inputs first: e.g. 2-2-2 or 3-2-1. 1 to ${limits.maxInputs} inputs, 0 to ${limits.maxHiddenLayers} hidden layers of 1 to ${limits.maxUnits} units, 1 to ${limits.maxOutputs} outputs. The grid follows when you leave the box`;
  const hidden = phiSelect(doc, limits.hiddenActivations, 'φ of every hidden unit');
  hidden.dataset.core = 'hiddenActivation';
  const output = phiSelect(doc, limits.outputActivations, 'φ of every output unit; the loss is ½ Σₖ (yₖ − ŷₖ)² over the outputs');
  output.dataset.core = 'outputActivation';
  const eta = numberBox(doc, 'insp-cell');
  eta.dataset.field = 'η';
  eta.dataset.core = 'eta';
  eta.title = `The learning rate η: each step moves wᵢⱼ by −η oᵢ δⱼ (above 0, at most ${limits.maxLearningRate})`;
  const train = doc.createElement('input');
  train.type = 'checkbox';
  train.title = 'On: gradient descent moves every threshold w₀ⱼ by −η δⱼ. Off: the thresholds keep their typed values (many textbook examples hold them)';
  const trainWrap = doc.createElement('div');
  trainWrap.className = 'insp-editor-field insp-editor-switch';
  const trainLabel = doc.createElement('label');
  train.id = 'insp-editor-train-biases';
  trainLabel.htmlFor = train.id;
  trainLabel.textContent = 'Train biases';
  trainWrap.append(train, trainLabel);
  const loss = doc.createElement('p');
  loss.className = 'insp-editor-loss';
  loss.textContent = 'Loss: L = ½ Σₖ (yₖ − ŷₖ)², summed over the outputs; plain gradient descent, one example per step.';
  element.append(
    legend,
    field(doc, 'insp-editor-sizes', 'Layer sizes', sizes),
    field(doc, 'insp-editor-hidden-phi', 'φ of hidden units', hidden),
    field(doc, 'insp-editor-output-phi', 'φ of outputs', output),
    field(doc, 'insp-editor-eta', 'η', eta),
    trainWrap,
    loss,
  );

  return {
    element,
    limits,
    sizesInput: sizes,
    /** @param {ExerciseSpec} spec */
    fill(spec) {
      sizes.value = spec.sizes.join('-');
      hidden.value = spec.hiddenActivation;
      output.value = spec.outputActivation;
      eta.value = String(spec.learningRate);
      train.checked = spec.trainBiases;
      hidden.disabled = spec.sizes.length <= 2;
    },
    /** @param {number[]} shape  the grid's sizes: φ of hidden units only with hidden layers */
    follow(shape) {
      hidden.disabled = shape.length <= 2;
    },
    /**
     * Everything but the sizes, the grid and the example; a bad η is named in `problems`.
     * @param {string[]} problems
     */
    read(problems) {
      const parsed = parseNumber(eta.value);
      if (!parsed.ok) {
        problems.push(`η ${parsed.message}.`);
        eta.setAttribute('aria-invalid', 'true');
      }
      return {
        hiddenActivation: /** @type {ActivationName} */ (hidden.value),
        outputActivation: /** @type {ActivationName} */ (output.value),
        trainBiases: train.checked,
        learningRate: parsed.ok ? parsed.value : NaN,
      };
    },
  };
}
