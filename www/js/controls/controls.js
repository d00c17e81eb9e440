// @ts-check
// The form controls: writes a config into them, reads the user's edits back as a
// config patch, and refuses out-of-range values with a message next to the
// control. A refused edit stays in its control so the user can fix it, with a
// notice by the run bar naming it; every valid edit applies at once.

import { REFUSED_MORE, mergeProblems, refusedFields, refusedSummary, withoutFields } from './refused.js';

/** @typedef {import('../types').Config} Config */

/** Limits a user can type past; the selects and sliders cannot leave theirs. */
const LIMITS = Object.freeze({
  layers: { min: 0, max: 8 },
  units: { min: 1, max: 32 },
  batch: { min: 1, max: 5000 },
  noise: { min: 0, max: 50 },
  trainRatio: { min: 10, max: 90 },
});

/** Units given to a hidden layer that the + button adds after no layer at all. */
const NEW_LAYER_UNITS = 4;

/** Largest η the core accepts (crate/src/config.rs MAX_LEARNING_RATE). */
const MAX_LEARNING_RATE = 10;
/** Largest α the core accepts for the initial-weight range. */
const MAX_INIT_RANGE = 10;

/** @typedef {'dataset' | 'noise' | 'trainRatio' | 'hidden' | 'activation' | 'learningRate' | 'batchSize' | 'regularization' | 'regularizationRate' | 'initRange' | 'problem' | 'dropout' | 'hiddenActivations'} FieldName */
/** @typedef {string} MessageSlot  a field's config name, or 'page' */

/** How each field is named in the messages the user reads. */
export const FIELD_LABELS = Object.freeze({
  dataset: 'Dataset',
  noise: 'Noise',
  trainRatio: 'Training data',
  hidden: 'Hidden layers',
  activation: 'Activation',
  learningRate: 'Learning rate η',
  batchSize: 'Batch size',
  regularization: 'Regularization',
  regularizationRate: 'Rate γ',
  initRange: 'Initial weights ±α',
  problem: 'Problem type',
  dropout: 'Dropout',
  hiddenActivations: 'Layer activations',
});

/** How messages name the fields that have no control of their own in the form. */
const OTHER_LABELS = Object.freeze({
  features: 'Input features',
  numPoints: 'Number of points',
  dataSeed: 'Data seed',
  seed: 'Seed',
  classes: 'Classes',
  customPoints: 'Drawn points',
  customProblem: 'Problem type',
  initBias: 'Initial bias',
  hiddenActivations: 'Layer activations',
  dropout: 'Dropout',
});

/** One line per choice, in the course's words, shown under its menu. */
const EXPLAIN = Object.freeze({
  loss: {
    squaredError: 'L = ½ Σ (y − ŷ)², averaged over the examples: the notes\' loss; δ at the output is (ŷ − y)·φ′(net).',
    binaryCrossEntropy: 'L = −[y log ŷ + (1 − y) log(1 − ŷ)] on a sigmoid output: δ at the output is simply ŷ − y.',
    softmaxCrossEntropy: 'k outputs through softmax, L = −log ŷ of the true class: δ at output j is ŷ_j − y_j.',
  },
  optimizer: {
    sgd: 'Δw = −η ∂L/∂w: a step downhill, its size set by η alone.',
    momentum: 'Δw_t = −η ∂L/∂w + μ Δw_{t−1}: the last step carries on, smoothing a zig-zag path.',
    nesterov: 'Momentum that looks ahead: the step is corrected by the gradient where momentum is taking the weights.',
    adagrad: 'Divides η by the root of each weight\'s summed g²: rarely moved weights keep larger steps; steps only shrink.',
    rmsProp: 'Divides η by the root of a running mean of g² (decay ρ): per-weight step sizes that can grow again.',
    adam: 'Momentum (β₁) and RMSProp (β₂) together, bias-corrected: the usual first choice.',
  },
  schedule: {
    constant: 'η stays as set.',
    stepDecay: 'η is multiplied by the factor every so many epochs.',
    reduceOnPlateau: 'η is multiplied by the factor when the training loss reaches a plateau (no improvement for “patience” epochs).',
  },
  init: {
    uniform: 'Each weight drawn uniformly from [−α, α]; biases start at 0.1.',
    xavier: 'Uniform with a range set by the layer sizes (√(6 / (n_in + n_out))): keeps tanh and sigmoid layers\' outputs in range.',
    he: 'Scaled for ReLU layers (√(6 / n_in)): keeps the signal from dying out in deep ReLU stacks.',
    equal: 'Every weight equal to α: all units of a layer compute the same thing and learn the same thing — they never differ.',
    zero: 'Every weight zero: the same symmetry, and with tanh or ReLU no gradient reaches the hidden weights at all.',
  },
  activation: {
    step: 'The perceptron\'s step function: its derivative is 0 almost everywhere, so δ_j = 0 and gradient descent gets no signal — training stalls.',
  },
});

/**
 * Page settings that are not part of the core's config: what is drawn and how fast.
 * @typedef {object} DisplayPatch
 * @property {boolean} [showTest]
 * @property {boolean} [discretize]
 * @property {boolean} [colorBlind]
 * @property {number} [speed]  epochs per 1/60 s (app/state.js `epochRate`)
 * @property {boolean} [showAugmented]  draw this epoch's augmented training points
 * @property {boolean} [showDeltas]  the |δ_j| gauges on the network's nodes
 */

/**
 * @typedef {object} ControlHandlers
 * @property {(patch: Partial<Config>) => string | null} onChange
 *   a valid edit of the form; returns the core's refusal, or null once applied
 * @property {() => void} onPlayToggle
 * @property {() => void} onStep
 * @property {() => void} onReset
 * @property {() => void} onRegenerate  new data from a new data seed, same network
 * @property {(patch: DisplayPatch) => void} onDisplay
 */

/**
 * What reading the form needs to know about the running network.
 * @typedef {object} ReadContext
 * @property {Config} applied     the running config
 * @property {number} trainCount  its number of training points
 */

/**
 * @typedef {object} Controls
 * @property {(config: Config, info: { trainCount: number, classification: boolean }) => void} write
 *   shows a running config in the form and clears every message
 * @property {(previews: Map<string, HTMLCanvasElement>) => void} setPreviews
 *   puts a small picture of each dataset into its quick-pick button
 * @property {(message: string) => void} showCoreError
 *   shows the core's refusal of a config next to the fields it names
 * @property {(message: string) => void} showPageError
 * @property {(playing: boolean) => void} setPlaying
 * @property {(eta: number) => void} showLearningRate  the η the next epoch uses
 * @property {(field: string) => string} labelOf  how messages name a config field
 */

/**
 * @template {HTMLElement} T
 * @param {Document} doc
 * @param {string} id
 * @param {new (...args: any[]) => T} type
 * @returns {T}
 */
function element(doc, id, type) {
  const el = doc.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing or not a ${type.name}`);
  return el;
}

/**
 * A whole number, or NaN for anything else (empty, fractional, text).
 * @param {string} raw
 */
function parseWhole(raw) {
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
function decimalProblem(raw, limit, closedLow) {
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
function rangeProblem(raw, limit, unit) {
  const value = parseWhole(raw);
  if (raw.trim() === '') return `enter a whole number from ${limit.min} to ${limit.max}.`;
  if (Number.isNaN(value)) return `“${raw.trim()}” is not a whole number; ${limit.min} to ${limit.max} allowed.`;
  if (value < limit.min || value > limit.max) {
    return `${value}${unit} is out of range; ${limit.min} to ${limit.max} allowed.`;
  }
  return null;
}

/**
 * Selects the option of `select` whose value is `value`; a value the menu lacks
 * (from a script or a typed box) gets an option of its own rather than showing a lie.
 * @param {HTMLSelectElement} select
 * @param {number} value
 */
function selectNumber(select, value) {
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
 * Wires the form controls and the play/step/reset buttons.
 * @param {Document} doc
 * @param {ControlHandlers} handlers
 * @param {() => ReadContext} context
 * @returns {Controls}
 */
export function createControls(doc, handlers, context) {
  const form = element(doc, 'controls', HTMLFormElement);
  const dataset = element(doc, 'dataset', HTMLSelectElement);
  const noise = element(doc, 'noise', HTMLInputElement);
  const noiseValue = element(doc, 'noise-value', HTMLOutputElement);
  const trainRatio = element(doc, 'train-ratio', HTMLInputElement);
  const trainRatioValue = element(doc, 'train-ratio-value', HTMLOutputElement);
  const layerCount = element(doc, 'layer-count', HTMLInputElement);
  const layersAdd = element(doc, 'layers-add', HTMLButtonElement);
  const layersRemove = element(doc, 'layers-remove', HTMLButtonElement);
  const unitsList = element(doc, 'units-list', HTMLOListElement);
  const activation = element(doc, 'activation', HTMLSelectElement);
  const learningRate = element(doc, 'learning-rate', HTMLSelectElement);
  const learningRateTyped = element(doc, 'learning-rate-typed', HTMLInputElement);
  const regularization = element(doc, 'regularization', HTMLSelectElement);
  const regularizationRate = element(doc, 'regularization-rate', HTMLSelectElement);
  const problem = element(doc, 'problem', HTMLSelectElement);
  const speed = element(doc, 'speed', HTMLSelectElement);
  const initRange = element(doc, 'init-range', HTMLInputElement);
  const regenerate = element(doc, 'regenerate', HTMLButtonElement);
  const showTest = element(doc, 'show-test', HTMLInputElement);
  const discretize = element(doc, 'discretize', HTMLInputElement);
  const colorBlind = element(doc, 'color-blind', HTMLInputElement);
  const previews = element(doc, 'dataset-previews', HTMLElement);
  const showAugmented = element(doc, 'show-augmented', HTMLInputElement);
  const showDeltas = element(doc, 'show-deltas', HTMLInputElement);
  const etaNow = element(doc, 'eta-now', HTMLElement);
  /** Simple config fields: `data-key` names the config field; text boxes hold numbers. */
  const keyed = /** @type {(HTMLInputElement | HTMLSelectElement)[]} */ (Array.from(form.querySelectorAll('[data-key]')));
  /** @type {Map<string, string>} */
  const keyedLabels = new Map(keyed.map((el) => [el.dataset.key ?? '', el.labels?.[0]?.textContent?.trim() ?? el.dataset.key ?? '']));
  const batchSize = element(doc, 'batch-size', HTMLInputElement);
  const batchRange = element(doc, 'batch-size-range', HTMLElement);
  const play = element(doc, 'play', HTMLButtonElement);
  const step = element(doc, 'step', HTMLButtonElement);
  const reset = element(doc, 'reset', HTMLButtonElement);
  const announcer = element(doc, 'announcer', HTMLElement);
  const refusedNotice = element(doc, 'refused-notice', HTMLButtonElement);
  // The notice's text, then its second sentence (which a phone leaves out): built once.
  const refusedText = doc.createTextNode('');
  const refusedMore = doc.createElement('span');
  refusedMore.className = 'refused-more';
  refusedMore.textContent = ` ${REFUSED_MORE}`;
  refusedNotice.replaceChildren(refusedText, refusedMore);
  /** The first control whose value is refused: where the notice takes the focus. */
  /** @type {HTMLElement | null} */
  let refusedFirst = null;

  /** @type {Record<MessageSlot, HTMLElement>} */
  const messages = {
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
  for (const el of keyed) messages[el.dataset.key ?? ''] = element(doc, `${el.dataset.key}-msg`, HTMLElement);

  /** The label a message names a field by. */
  function labelOf(/** @type {string} */ field) {
    return Object.hasOwn(FIELD_LABELS, field)
      ? FIELD_LABELS[/** @type {FieldName} */ (field)]
      : keyedLabels.get(field) ?? /** @type {Record<string, string>} */ (OTHER_LABELS)[field] ?? field;
  }

  /** Shows the fields that apply to the chosen optimizer, schedule, …, and the one-line explanations. */
  function refreshDependents() {
    for (const wrapper of form.querySelectorAll('[data-when]')) {
      const [key, values] = (wrapper.getAttribute('data-when') ?? '').split('=');
      const control = /** @type {HTMLSelectElement | null} */ (form.querySelector(`[data-key="${key}"], select[name="${key}"]`));
      /** @type {HTMLElement} */ (wrapper).hidden = !!control && !values.split(',').includes(control.value);
    }
    for (const [key, lines] of Object.entries(EXPLAIN)) {
      const slot = doc.getElementById(`${key}-explain`);
      const control = /** @type {HTMLSelectElement | null} */ (doc.getElementById(key));
      if (!slot || !control) continue;
      const line = /** @type {Record<string, string>} */ (lines)[control.value] ?? '';
      slot.textContent = line;
      slot.hidden = line === '';
    }
  }

  /** The dataset options of one problem type. */
  function datasetOptions(kind = problem.value) {
    return Array.from(dataset.querySelectorAll(`optgroup[data-problem="${kind}"] option`))
      .map((o) => /** @type {HTMLOptionElement} */ (o));
  }

  /**
   * Shows the preview buttons of the chosen problem type. The select keeps every
   * dataset, grouped: picking one of the other kind switches the problem type.
   */
  function filterDatasets() {
    for (const button of previews.querySelectorAll('button')) {
      /** @type {HTMLButtonElement} */ (button).hidden = button.getAttribute('data-problem') !== problem.value;
    }
  }

  /** Marks the preview button of the chosen dataset. */
  function markPreview() {
    for (const button of previews.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-dataset') === dataset.value));
    }
  }

  /** @returns {HTMLInputElement[]} */
  function unitInputs() {
    return Array.from(unitsList.querySelectorAll('input[data-units]'));
  }

  /** @returns {HTMLSelectElement[]} each hidden layer's φ */
  function layerActivations() {
    return Array.from(unitsList.querySelectorAll('select[data-layer-activation]'));
  }

  /** @returns {HTMLInputElement[]} each hidden layer's dropout rate */
  function dropoutInputs() {
    return Array.from(unitsList.querySelectorAll('input[data-dropout]'));
  }

  /**
   * Makes the list hold one units input per hidden layer, keeping what is typed
   * in the layers that stay.
   * @param {number} count
   * @param {number[]} [values]  units to show; by default keep or copy the last layer
   */
  function syncUnits(count, values) {
    const items = Array.from(unitsList.children);
    for (const item of items.slice(count)) item.remove();
    for (let i = items.length; i < count; i += 1) {
      const previous = unitInputs().at(-1);
      const li = doc.createElement('li');
      li.className = 'units-item';
      const label = doc.createElement('label');
      label.htmlFor = `units-${i}`;
      label.textContent = `Layer ${i + 1}`;
      const input = doc.createElement('input');
      input.type = 'number';
      input.id = `units-${i}`;
      input.name = `units-${i}`;
      input.min = String(LIMITS.units.min);
      input.max = String(LIMITS.units.max);
      input.step = '1';
      input.inputMode = 'numeric';
      input.value = previous ? previous.value : String(NEW_LAYER_UNITS);
      input.title = `Number of hidden nodes in layer ${i + 1}, ${LIMITS.units.min} to ${LIMITS.units.max}. Too few cannot fit the data; too many can over-fit`;
      input.setAttribute('aria-describedby', 'hidden-msg');
      input.dataset.units = '';
      const suffix = doc.createElement('span');
      suffix.className = 'units-suffix';
      suffix.textContent = 'units';
      suffix.setAttribute('aria-hidden', 'true');
      const phi = /** @type {HTMLSelectElement} */ (activation.cloneNode(true));
      phi.id = `layer-activation-${i}`;
      phi.name = phi.id;
      phi.removeAttribute('data-key');
      phi.dataset.layerActivation = '';
      phi.setAttribute('aria-label', `Activation φ of hidden layer ${i + 1}`);
      phi.setAttribute('aria-describedby', 'hidden-msg');
      phi.title = `φ of hidden layer ${i + 1} alone; the Activation menu above sets every layer at once`;
      phi.value = layerActivations().at(-1)?.value ?? activation.value;
      const drop = doc.createElement('input');
      drop.type = 'text';
      drop.inputMode = 'decimal';
      drop.autocomplete = 'off';
      drop.id = `dropout-${i}`;
      drop.name = drop.id;
      drop.dataset.dropout = '';
      drop.value = dropoutInputs().at(-1)?.value ?? '0';
      drop.setAttribute('aria-label', `Dropout rate p of hidden layer ${i + 1}`);
      drop.setAttribute('aria-describedby', 'hidden-msg');
      drop.title = `Dropout p of hidden layer ${i + 1}: while training, each unit is switched off with probability p (and the others scaled by 1/(1 − p)); never when evaluating. 0 to 0.9`;
      // Short visible labels; the aria-labels say the whole thing.
      const phiLabel = doc.createElement('label');
      phiLabel.className = 'units-suffix';
      phiLabel.htmlFor = phi.id;
      phiLabel.textContent = 'φ';
      const dropLabel = doc.createElement('label');
      dropLabel.className = 'units-suffix';
      dropLabel.htmlFor = drop.id;
      dropLabel.textContent = 'dropout';
      // Each label stays with its field when a narrow column wraps the row.
      const units = doc.createElement('span');
      units.className = 'units-pair';
      units.append(label, input, suffix);
      const phiPair = doc.createElement('span');
      phiPair.className = 'units-pair';
      phiPair.append(phiLabel, phi);
      const dropPair = doc.createElement('span');
      dropPair.className = 'units-pair';
      dropPair.append(dropLabel, drop);
      li.append(units, phiPair, dropPair);
      unitsList.append(li);
    }
    if (values) unitInputs().forEach((input, i) => { input.value = String(values[i]); });
    layersRemove.disabled = count <= LIMITS.layers.min;
    layersAdd.disabled = count >= LIMITS.layers.max;
  }

  /**
   * Reads the whole form. Every field that is out of range gets a message.
   * @returns {{ patch: Partial<Config>, problems: Map<MessageSlot, string>, invalid: HTMLElement[] }}
   */
  function read() {
    const { applied, trainCount } = context();
    /** @type {Map<MessageSlot, string>} */
    const problems = new Map();
    /** @type {HTMLElement[]} */
    const invalid = [];
    /** @type {Partial<Config>} */
    const patch = {
      dataset: /** @type {Config['dataset']} */ (dataset.value),
      activation: /** @type {Config['activation']} */ (activation.value),
      regularization: /** @type {Config['regularization']} */ (regularization.value),
      regularizationRate: Number(regularizationRate.value),
    };

    // The typed η wins: the menu only offers round values and writes them into the box.
    const rateProblem = decimalProblem(learningRateTyped.value, { min: 0, max: MAX_LEARNING_RATE }, false);
    if (rateProblem) { problems.set('learningRate', `${FIELD_LABELS.learningRate}: ${rateProblem}`); invalid.push(learningRateTyped); }
    else patch.learningRate = Number(learningRateTyped.value.trim());

    for (const el of keyed) {
      const key = el.dataset.key ?? '';
      if (el instanceof HTMLSelectElement) {
        // An empty choice of a nullable field is the core's "automatic" (null).
        // A menu of numbers (`data-number`) gives a number.
        /** @type {any} */ (patch)[key] = el.value === '' && el.hasAttribute('data-nullable')
          ? null
          : el.hasAttribute('data-number') ? Number(el.value) : el.value;
        continue;
      }
      const integer = el.hasAttribute('data-integer');
      const text = el.value.trim();
      const value = Number(text);
      const ok = text !== '' && Number.isFinite(value) && (!integer || Number.isInteger(value));
      if (ok) {
        /** @type {any} */ (patch)[key] = value;
      } else {
        const what = integer ? 'a whole number' : 'a number';
        problems.set(key, `${labelOf(key)}: ${text === '' ? `enter ${what}.` : `“${text}” is not ${what}.`}`);
        invalid.push(el);
      }
    }

    const alphaProblem = decimalProblem(initRange.value, { min: 0, max: MAX_INIT_RANGE }, true);
    if (alphaProblem) { problems.set('initRange', `${FIELD_LABELS.initRange}: ${alphaProblem}`); invalid.push(initRange); }
    else patch.initRange = Number(initRange.value.trim());

    const noiseProblem = rangeProblem(noise.value, LIMITS.noise, ' %');
    if (noiseProblem) { problems.set('noise', `${FIELD_LABELS.noise}: ${noiseProblem}`); invalid.push(noise); }
    else patch.noise = parseWhole(noise.value);

    const ratioProblem = rangeProblem(trainRatio.value, LIMITS.trainRatio, ' %');
    if (ratioProblem) { problems.set('trainRatio', `${FIELD_LABELS.trainRatio}: ${ratioProblem}`); invalid.push(trainRatio); }
    else patch.trainRatio = parseWhole(trainRatio.value);

    /** @type {string[]} */
    const hiddenLines = [];
    const countProblem = rangeProblem(layerCount.value, LIMITS.layers, ' layers');
    if (countProblem) {
      hiddenLines.push(`${FIELD_LABELS.hidden}: ${countProblem}`);
      invalid.push(layerCount);
    }
    /** @type {number[]} */
    const hidden = [];
    unitInputs().forEach((input, i) => {
      const problem = rangeProblem(input.value, LIMITS.units, ' units');
      if (problem) {
        hiddenLines.push(`Hidden layer ${i + 1}: ${problem}`);
        invalid.push(input);
      } else {
        hidden.push(parseWhole(input.value));
      }
    });
    const phis = layerActivations().map((el) => /** @type {Config['activation']} */ (el.value));
    patch.hiddenActivations = phis.every((a) => a === activation.value) ? [] : phis;
    /** @type {number[]} */
    const rates = [];
    dropoutInputs().forEach((input, i) => {
      const problem = decimalProblem(input.value, { min: 0, max: 0.9 }, true);
      if (problem) {
        hiddenLines.push(`Dropout of hidden layer ${i + 1}: ${problem}`);
        invalid.push(input);
      } else {
        rates.push(Number(input.value.trim()));
      }
    });
    patch.dropout = rates.every((r) => r === 0) ? [] : rates;
    if (hiddenLines.length > 0) problems.set('hidden', hiddenLines.join('\n'));
    else patch.hidden = hidden;

    // The training set's size is only known for the data that is running; with
    // other data the core judges the batch size and its message lands here too.
    const sameData = patch.dataset === applied.dataset && patch.trainRatio === applied.trainRatio;
    const batchLimit = sameData ? { min: LIMITS.batch.min, max: trainCount } : LIMITS.batch;
    const batchProblem = rangeProblem(batchSize.value, batchLimit, '');
    if (batchProblem) {
      const why = sameData && parseWhole(batchSize.value) > trainCount
        ? `${parseWhole(batchSize.value)} is larger than the ${trainCount} training points; 1 to ${trainCount} allowed.`
        : batchProblem;
      problems.set('batchSize', `${FIELD_LABELS.batchSize}: ${why}`);
      invalid.push(batchSize);
    } else {
      patch.batchSize = parseWhole(batchSize.value);
    }
    return { patch, problems, invalid };
  }

  /**
   * Shows exactly these messages; every other message is cleared.
   * @param {Map<MessageSlot, string>} problems
   * @param {HTMLElement[]} invalid  controls to mark aria-invalid
   * @param {boolean} announce       also read the messages out (on commit, not per keystroke)
   */
  function show(problems, invalid, announce) {
    for (const [slot, el] of Object.entries(messages)) {
      const text = problems.get(/** @type {MessageSlot} */ (slot)) ?? '';
      el.textContent = text;
      el.classList.toggle('is-visible', text !== '');
    }
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of invalid) el.setAttribute('aria-invalid', 'true');
    if (announce) announcer.textContent = Array.from(problems.values()).join(' ');
    refusedFirst = invalid[0] ?? null;
    const refused = Array.from(problems.keys()).filter((slot) => slot !== 'page');
    const summary = refusedSummary(refused.map(labelOf));
    refusedNotice.hidden = summary === '';
    if (refusedText.data !== summary) refusedText.data = summary;
  }

  /**
   * Hands on every valid edit, whatever another field holds. A field refused
   * here or by the core keeps what the user typed and its message; the core's
   * refusal of some fields does not hold back the others (they are applied
   * without the fields it names).
   */
  function commit() {
    const { patch, problems, invalid } = read();
    const restoreTyped = keepTyped(invalid);
    let refusals = [handlers.onChange(patch)];
    const first = refusals[0];
    /** @type {() => void} */
    let restoreRefused = () => {};
    if (first !== null) {
      const named = coreProblems(first);
      restoreRefused = keepTyped(named.invalid);
      const rest = withoutFields(patch, refusedFields(first));
      if (Object.keys(rest).length < Object.keys(patch).length) refusals.push(handlers.onChange(rest));
    }
    restoreTyped();
    restoreRefused();
    refusals = refusals.filter((r) => r !== null);
    const lines = [...new Set(refusals.join('\n').split('\n'))].join('\n');
    const core = lines === '' ? { problems: new Map(), invalid: [] } : coreProblems(lines);
    show(mergeProblems(problems, core.problems), [...invalid, ...core.invalid], true);
  }

  /**
   * Takes note of what is typed in `fields`, for putting it back once the form
   * has been rewritten with the running config.
   * @param {HTMLElement[]} fields
   * @returns {() => void}  puts the typed values back
   */
  function keepTyped(fields) {
    const inputs = /** @type {(HTMLInputElement | HTMLSelectElement)[]} */ (fields.filter((el) => !unitsList.contains(el) && 'value' in el));
    const statics = inputs.map((el) => /** @type {const} */ ([el, el.value]));
    const layered = fields.some((el) => el === layerCount || unitsList.contains(el));
    const layers = layered
      ? {
        count: layerCount.value,
        units: unitInputs().map((el) => el.value),
        phis: layerActivations().map((el) => el.value),
        rates: dropoutInputs().map((el) => el.value),
      }
      : null;
    return () => {
      for (const [el, value] of statics) el.value = value;
      if (!layers) return;
      layerCount.value = layers.count;
      syncUnits(layers.units.length);
      unitInputs().forEach((el, i) => { el.value = layers.units[i]; });
      layerActivations().forEach((el, i) => { el.value = layers.phis[i]; });
      dropoutInputs().forEach((el, i) => { el.value = layers.rates[i]; });
    };
  }

  /**
   * The core's refusal, line by line, as messages by field and the controls
   * to mark.
   * @param {string} message
   * @returns {{ problems: Map<MessageSlot, string>, invalid: HTMLElement[] }}
   */
  function coreProblems(message) {
    /** @type {Map<MessageSlot, string>} */
    const problems = new Map();
    /** @type {HTMLElement[]} */
    const invalid = [];
    for (const line of message.split('\n').map((l) => l.trim()).filter(Boolean)) {
      const match = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(line);
      const field = match && (Object.hasOwn(FIELD_LABELS, match[1]) || keyedLabels.has(match[1]))
        ? match[1]
        : null;
      const slot = field === 'dropout' || field === 'hiddenActivations' ? 'hidden' : field ?? 'page';
      const text = field ? `${labelOf(field)}: ${line}` : line;
      if (field && keyedLabels.has(field)) {
        const control = keyed.find((el) => el.dataset.key === field);
        if (control) invalid.push(control);
      }
      problems.set(slot, problems.has(slot) ? `${problems.get(slot)}\n${text}` : text);
      if (field === 'hidden' && match?.[2] !== undefined) {
        const input = unitInputs()[Number(match[2])];
        if (input) invalid.push(input);
      } else if (field === 'batchSize') {
        invalid.push(batchSize);
      } else if (field === 'learningRate') {
        invalid.push(learningRateTyped);
      } else if (field === 'initRange') {
        invalid.push(initRange);
      }
    }
    return { problems, invalid };
  }

  /** Live feedback while typing: messages only, nothing is applied. */
  function preview() {
    const { problems, invalid } = read();
    show(problems, invalid, false);
  }

  /** @param {number} delta */
  function changeLayerCount(delta) {
    const current = parseWhole(layerCount.value);
    const base = Number.isNaN(current) ? unitInputs().length : current;
    const next = Math.min(LIMITS.layers.max, Math.max(LIMITS.layers.min, base + delta));
    layerCount.value = String(next);
    syncUnits(next);
    commit();
  }

  /** Display settings apply at once and never rebuild the network. */
  const displayInputs = new Set([showTest, discretize, colorBlind, speed, showAugmented, showDeltas]);

  form.addEventListener('submit', (event) => { event.preventDefault(); commit(); });
  form.addEventListener('input', (event) => {
    if (event.target === noise) noiseValue.value = `${noise.value} %`;
    if (event.target === trainRatio) trainRatioValue.value = `${trainRatio.value} %`;
    if (event.target instanceof HTMLInputElement && (event.target.type === 'number' || event.target.type === 'text')) preview();
  });
  form.addEventListener('change', (event) => {
    if (displayInputs.has(/** @type {any} */ (event.target))) {
      handlers.onDisplay({
        showTest: showTest.checked,
        discretize: discretize.checked,
        colorBlind: colorBlind.checked,
        speed: Number(speed.value),
        showAugmented: showAugmented.checked,
        showDeltas: showDeltas.checked,
      });
      return;
    }
    refreshDependents();
    if (event.target === learningRate) learningRateTyped.value = learningRate.value;
    if (event.target === activation) for (const el of layerActivations()) el.value = activation.value;
    if (event.target === problem) {
      filterDatasets();
      const first = datasetOptions()[0];
      if (first) dataset.value = first.value;
    }
    if (event.target === layerCount) {
      const count = parseWhole(layerCount.value);
      if (count >= LIMITS.layers.min && count <= LIMITS.layers.max) syncUnits(count);
    }
    commit();
  });
  layersAdd.addEventListener('click', () => changeLayerCount(+1));
  layersRemove.addEventListener('click', () => changeLayerCount(-1));
  refusedNotice.addEventListener('click', () => {
    if (!refusedFirst) return;
    refusedFirst.scrollIntoView({ block: 'center' });
    refusedFirst.focus();
  });
  play.addEventListener('click', () => handlers.onPlayToggle());
  step.addEventListener('click', () => handlers.onStep());
  reset.addEventListener('click', () => handlers.onReset());
  regenerate.addEventListener('click', () => handlers.onRegenerate());
  // The text boxes apply on Enter (submit) and on leaving them (change).
  previews.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-dataset]');
    if (!button) return;
    dataset.value = button.getAttribute('data-dataset') ?? dataset.value;
    markPreview();
    commit();
  });

  return {
    write(config, { trainCount, classification }) {
      problem.value = classification ? 'classification' : 'regression';
      filterDatasets();
      dataset.value = config.dataset;
      markPreview();
      noise.value = String(config.noise);
      noiseValue.value = `${config.noise} %`;
      trainRatio.value = String(config.trainRatio);
      trainRatioValue.value = `${config.trainRatio} %`;
      layerCount.value = String(config.hidden.length);
      syncUnits(config.hidden.length, config.hidden);
      layerActivations().forEach((el, i) => { el.value = config.hiddenActivations[i] ?? config.activation; });
      dropoutInputs().forEach((el, i) => { el.value = String(config.dropout[i] ?? 0); });
      activation.value = config.activation;
      selectNumber(learningRate, config.learningRate);
      learningRateTyped.value = String(config.learningRate);
      regularization.value = config.regularization;
      selectNumber(regularizationRate, config.regularizationRate);
      initRange.value = String(config.initRange);
      for (const el of keyed) {
        const value = /** @type {any} */ (config)[el.dataset.key ?? ''];
        if (el instanceof HTMLSelectElement && el.hasAttribute('data-number')) selectNumber(el, value);
        else el.value = value === null ? '' : String(value);
      }
      refreshDependents();
      batchSize.value = String(config.batchSize);
      batchSize.max = String(trainCount);
      batchRange.textContent = `1 – ${trainCount}`;
      show(new Map(), [], false);
    },

    showCoreError(message) {
      const { problems, invalid } = coreProblems(message);
      show(problems, invalid, true);
    },

    showPageError(message) {
      show(new Map([['page', message]]), [], true);
    },

    setPreviews(pictures) {
      previews.replaceChildren();
      for (const option of dataset.querySelectorAll('option')) {
        const picture = pictures.get(option.value);
        if (!picture) continue;
        const button = doc.createElement('button');
        button.type = 'button';
        button.className = 'dataset-preview';
        button.dataset.dataset = option.value;
        button.dataset.problem = option.parentElement?.getAttribute('data-problem') ?? '';
        button.title = option.textContent ?? option.value;
        button.setAttribute('aria-label', option.textContent ?? option.value);
        picture.setAttribute('aria-hidden', 'true');
        button.append(picture);
        previews.append(button);
      }
      filterDatasets();
      markPreview();
    },

    showLearningRate(eta) {
      // Every frame: unchanged text is left alone (no layout).
      const text = Number.isFinite(eta) ? Number(eta.toPrecision(4)).toString() : '–';
      if (etaNow.textContent !== text) etaNow.textContent = text;
    },

    labelOf,

    setPlaying(playing) {
      play.classList.toggle('is-playing', playing);
      play.setAttribute('aria-label', playing ? 'Pause' : 'Play');
      play.title = playing
        ? 'Pause gradient descent'
        : 'Run gradient descent: train epoch after epoch until paused';
    },
  };
}
