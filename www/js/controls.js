// @ts-check
// The form controls: writes a config into them, reads the user's edits back as a
// config patch, and refuses out-of-range values with a message next to the
// control. A refused edit stays in its control so the user can fix it; the
// running network is untouched until the whole form is valid.

/** @typedef {import('./types').Config} Config */

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

/** @typedef {'dataset' | 'noise' | 'trainRatio' | 'hidden' | 'activation' | 'learningRate' | 'batchSize'} FieldName */
/** @typedef {FieldName | 'page'} MessageSlot */

/** How each field is named in the messages the user reads. */
export const FIELD_LABELS = Object.freeze({
  dataset: 'Dataset',
  noise: 'Noise',
  trainRatio: 'Training data',
  hidden: 'Hidden layers',
  activation: 'Activation',
  learningRate: 'Learning rate η',
  batchSize: 'Batch size',
});

/**
 * @typedef {object} ControlHandlers
 * @property {(patch: Partial<Config>) => void} onChange  a valid edit of the form
 * @property {() => void} onPlayToggle
 * @property {() => void} onStep
 * @property {() => void} onReset
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
 * @property {(message: string) => void} showCoreError
 *   shows the core's refusal of a config next to the fields it names
 * @property {(message: string) => void} showPageError
 * @property {(playing: boolean) => void} setPlaying
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
  const batchSize = element(doc, 'batch-size', HTMLInputElement);
  const batchRange = element(doc, 'batch-size-range', HTMLElement);
  const play = element(doc, 'play', HTMLButtonElement);
  const step = element(doc, 'step', HTMLButtonElement);
  const reset = element(doc, 'reset', HTMLButtonElement);
  const announcer = element(doc, 'announcer', HTMLElement);
  const legendNeg = element(doc, 'legend-neg', HTMLElement);
  const legendPos = element(doc, 'legend-pos', HTMLElement);

  /** @type {Record<MessageSlot, HTMLElement>} */
  const messages = {
    dataset: element(doc, 'dataset-msg', HTMLElement),
    noise: element(doc, 'noise-msg', HTMLElement),
    trainRatio: element(doc, 'trainRatio-msg', HTMLElement),
    hidden: element(doc, 'hidden-msg', HTMLElement),
    activation: element(doc, 'activation-msg', HTMLElement),
    learningRate: element(doc, 'learningRate-msg', HTMLElement),
    batchSize: element(doc, 'batchSize-msg', HTMLElement),
    page: element(doc, 'page-msg', HTMLElement),
  };

  /** @returns {HTMLInputElement[]} */
  function unitInputs() {
    return Array.from(unitsList.querySelectorAll('input'));
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
      const suffix = doc.createElement('span');
      suffix.className = 'units-suffix';
      suffix.textContent = 'units';
      suffix.setAttribute('aria-hidden', 'true');
      li.append(label, input, suffix);
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
      learningRate: Number(learningRate.value),
    };

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
  }

  /** Validates the form; when all of it is valid, hands the edit on. */
  function commit() {
    const { patch, problems, invalid } = read();
    show(problems, invalid, true);
    if (problems.size === 0) handlers.onChange(patch);
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

  form.addEventListener('submit', (event) => { event.preventDefault(); commit(); });
  form.addEventListener('input', (event) => {
    if (event.target === noise) noiseValue.value = `${noise.value} %`;
    if (event.target === trainRatio) trainRatioValue.value = `${trainRatio.value} %`;
    if (event.target instanceof HTMLInputElement && event.target.type === 'number') preview();
  });
  form.addEventListener('change', (event) => {
    if (event.target === layerCount) {
      const count = parseWhole(layerCount.value);
      if (count >= LIMITS.layers.min && count <= LIMITS.layers.max) syncUnits(count);
    }
    commit();
  });
  layersAdd.addEventListener('click', () => changeLayerCount(+1));
  layersRemove.addEventListener('click', () => changeLayerCount(-1));
  play.addEventListener('click', () => handlers.onPlayToggle());
  step.addEventListener('click', () => handlers.onStep());
  reset.addEventListener('click', () => handlers.onReset());

  return {
    write(config, { trainCount, classification }) {
      dataset.value = config.dataset;
      noise.value = String(config.noise);
      noiseValue.value = `${config.noise} %`;
      trainRatio.value = String(config.trainRatio);
      trainRatioValue.value = `${config.trainRatio} %`;
      layerCount.value = String(config.hidden.length);
      syncUnits(config.hidden.length, config.hidden);
      activation.value = config.activation;
      const rate = Array.from(learningRate.options).find((o) => Number(o.value) === config.learningRate);
      if (rate) {
        learningRate.value = rate.value;
      } else {
        // A scripted config may use a rate the menu lacks; show it rather than lie.
        const option = new Option(String(config.learningRate), String(config.learningRate), true, true);
        learningRate.add(option);
      }
      batchSize.value = String(config.batchSize);
      batchSize.max = String(trainCount);
      batchRange.textContent = `1 – ${trainCount}`;
      legendNeg.textContent = classification ? 'negative (y = 0)' : 'y = −1';
      legendPos.textContent = classification ? 'positive (y = 1)' : 'y = +1';
      show(new Map(), [], false);
    },

    showCoreError(message) {
      /** @type {Map<MessageSlot, string>} */
      const problems = new Map();
      /** @type {HTMLElement[]} */
      const invalid = [];
      for (const line of message.split('\n').map((l) => l.trim()).filter(Boolean)) {
        const match = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(line);
        const field = match && Object.hasOwn(FIELD_LABELS, match[1])
          ? /** @type {FieldName} */ (match[1])
          : null;
        const slot = field ?? 'page';
        const text = field ? `${FIELD_LABELS[field]}: ${line}` : line;
        problems.set(slot, problems.has(slot) ? `${problems.get(slot)}\n${text}` : text);
        if (field === 'hidden' && match?.[2] !== undefined) {
          const input = unitInputs()[Number(match[2])];
          if (input) invalid.push(input);
        } else if (field === 'batchSize') {
          invalid.push(batchSize);
        }
      }
      show(problems, invalid, true);
    },

    showPageError(message) {
      show(new Map([['page', message]]), [], true);
    },

    setPlaying(playing) {
      play.classList.toggle('is-playing', playing);
      play.setAttribute('aria-label', playing ? 'Pause' : 'Play');
      play.title = playing
        ? 'Pause gradient descent'
        : 'Run gradient descent: train epoch after epoch until paused';
    },
  };
}
