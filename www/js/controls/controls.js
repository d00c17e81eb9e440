// @ts-check
// The form controls: writes a config into them, reads the user's edits back as a
// config patch, and refuses out-of-range values with a message next to the
// control. A refused edit stays in its control so the user can fix it, with a
// notice by the run bar naming it; every valid edit applies at once.

import { datasetOptions, fillPreviews, filterDatasets, markPreview } from './datasets.js';
import { etaText, refreshDependents } from './dependents.js';
import { formElements, messageSlots, writeForm } from './form.js';
import { createLayerList } from './layers.js';
import * as messages from './messages.js';
import { formValues, patchFrom } from './patch.js';
import { mergeProblems, refusedFields, withoutFields } from './refused.js';
import { parseWhole } from './typed.js';

/** @typedef {import('../lib/dom.js').Root} Root */
/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('./messages.js').MessageSlot} MessageSlot */
/** @typedef {import('./form.js').FormParts} FormParts */
/** @typedef {ReturnType<typeof createLayerList>} LayerList */
/** @typedef {import('./typed.js').TypedRanges} TypedRanges */

/** How each field is named in the messages the user reads (messages.js). */
export const FIELD_LABELS = messages.FIELD_LABELS;

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
 * Takes note of what is typed in `fields`, for putting it back once the form
 * has been rewritten with the running config.
 * @param {FormParts} f
 * @param {LayerList} layers
 * @param {HTMLElement[]} fields
 * @returns {() => void}  puts the typed values back
 */
function keepTyped(f, layers, fields) {
  const { unitsList } = layers;
  const inputs = /** @type {(HTMLInputElement | HTMLSelectElement)[]} */ (fields.filter((el) => !unitsList.contains(el) && 'value' in el));
  const statics = inputs.map((el) => /** @type {const} */ ([el, el.value]));
  const layered = fields.some((el) => el === f.layerCount || unitsList.contains(el));
  const kept = layered
    ? {
      count: f.layerCount.value,
      units: layers.unitInputs().map((el) => el.value),
      phis: layers.layerActivations().map((el) => el.value),
      rates: layers.dropoutInputs().map((el) => el.value),
    }
    : null;
  return () => {
    for (const [el, value] of statics) el.value = value;
    if (!kept) return;
    f.layerCount.value = kept.count;
    layers.sync(kept.units.length);
    layers.unitInputs().forEach((el, i) => { el.value = kept.units[i]; });
    layers.layerActivations().forEach((el, i) => { el.value = kept.phis[i]; });
    layers.dropoutInputs().forEach((el, i) => { el.value = kept.rates[i]; });
  };
}

/**
 * The control a refused field is typed in.
 * @param {FormParts} f
 * @param {LayerList} layers
 * @param {string} name  a ControlName of patch.js
 * @returns {HTMLElement | undefined}
 */
function controlOf(f, layers, name) {
  const [kind, rest] = name.split(':');
  if (kind === 'key') return f.keyed.find((el) => el.dataset.key === rest);
  if (kind === 'units') return layers.unitInputs()[Number(rest)];
  if (kind === 'dropout') return layers.dropoutInputs()[Number(rest)];
  return {
    learningRate: f.learningRateTyped,
    initRange: f.initRange,
    noise: f.noise,
    trainRatio: f.trainRatio,
    layerCount: f.layerCount,
    batchSize: f.batchSize,
  }[kind];
}

/**
 * The core's refusal, line by line, as messages by field and the controls
 * to mark.
 * @param {FormParts} f
 * @param {LayerList} layers
 * @param {string} message
 * @returns {{ problems: Map<MessageSlot, string>, invalid: HTMLElement[] }}
 */
function coreProblems(f, layers, message) {
  const { problems, marks } = messages.readRefusal(message, f.keyedLabels);
  /** @type {HTMLElement[]} */
  const invalid = [];
  for (const { field, layer } of marks) {
    if (f.keyedLabels.has(field)) {
      const control = f.keyed.find((el) => el.dataset.key === field);
      if (control) invalid.push(control);
    }
    if (field === 'hidden' && layer !== undefined) {
      const input = layers.unitInputs()[layer];
      if (input) invalid.push(input);
    } else if (field === 'batchSize') {
      invalid.push(f.batchSize);
    } else if (field === 'learningRate') {
      invalid.push(f.learningRateTyped);
    } else if (field === 'initRange') {
      invalid.push(f.initRange);
    }
  }
  return { problems, invalid };
}

/**
 * Wires the form controls and the play/step/reset buttons.
 * @param {Root} doc
 * @param {ControlHandlers} handlers
 * @param {() => ReadContext} context
 * @param {TypedRanges} ranges  what may be typed (`typedRanges` of the core's schema)
 * @returns {Controls}
 */
export function createControls(doc, handlers, context, ranges) {
  const f = formElements(doc);
  const labelOf = (/** @type {string} */ field) => messages.labelOf(field, f.keyedLabels);
  const shown = messages.createMessages(doc, { ...f, slots: messageSlots(doc, f) }, labelOf);
  const layers = createLayerList(doc, f, ranges);

  /**
   * Reads the whole form. Every field that is out of range gets a message.
   * @returns {{ patch: Partial<Config>, problems: Map<MessageSlot, string>, invalid: HTMLElement[] }}
   */
  function read() {
    const { patch, problems, invalid } = patchFrom(formValues(f, layers), { ...context(), ranges }, labelOf);
    return { patch, problems, invalid: invalid.map((name) => /** @type {HTMLElement} */ (controlOf(f, layers, name))) };
  }

  /**
   * Hands on every valid edit, whatever another field holds. A field refused
   * here or by the core keeps what the user typed and its message; the core's
   * refusal of some fields does not hold back the others (they are applied
   * without the fields it names).
   */
  function commit() {
    const { patch, problems, invalid } = read();
    const restoreTyped = keepTyped(f, layers, invalid);
    let refusals = [handlers.onChange(patch)];
    const first = refusals[0];
    /** @type {() => void} */
    let restoreRefused = () => {};
    if (first !== null) {
      const named = coreProblems(f, layers, first);
      restoreRefused = keepTyped(f, layers, named.invalid);
      const rest = withoutFields(patch, refusedFields(first));
      if (Object.keys(rest).length < Object.keys(patch).length) refusals.push(handlers.onChange(rest));
    }
    restoreTyped();
    restoreRefused();
    refusals = refusals.filter((r) => r !== null);
    const lines = [...new Set(refusals.join('\n').split('\n'))].join('\n');
    const core = lines === '' ? { problems: new Map(), invalid: [] } : coreProblems(f, layers, lines);
    shown.show(mergeProblems(problems, core.problems), [...invalid, ...core.invalid], true);
  }

  wireForm(f, layers, handlers, ranges.layers, {
    commit,
    /** Live feedback while typing: messages only, nothing is applied. */
    preview() {
      const { problems, invalid } = read();
      shown.show(problems, invalid, false);
    },
  });

  return {
    write(config, info) {
      writeForm(doc, f, layers, config, info);
      shown.show(new Map(), [], false);
    },

    showCoreError(message) {
      const { problems, invalid } = coreProblems(f, layers, message);
      shown.show(problems, invalid, true);
    },

    showPageError(message) {
      shown.show(new Map([['page', message]]), [], true);
    },

    setPreviews(pictures) {
      fillPreviews(f.previews, f.dataset, pictures);
      filterDatasets(f.previews, f.problem.value);
      markPreview(f.previews, f.dataset.value);
    },

    showLearningRate(eta) {
      // Every frame: unchanged text is left alone (no layout).
      const text = etaText(eta);
      if (f.etaNow.textContent !== text) f.etaNow.textContent = text;
    },

    labelOf,

    setPlaying(playing) {
      f.play.classList.toggle('is-playing', playing);
      f.play.setAttribute('aria-label', playing ? 'Pause' : 'Play');
      f.play.title = playing
        ? 'Pause gradient descent'
        : 'Run gradient descent: train epoch after epoch until paused';
    },
  };
}

/**
 * The form's events: display settings apply at once, every other change and
 * Enter commit the form, typing previews its messages.
 * @param {FormParts} f
 * @param {LayerList} layers
 * @param {ControlHandlers} handlers
 * @param {import('./typed.js').TypedRange} layerCount  how many hidden layers there may be
 * @param {{ commit: () => void, preview: () => void }} form
 */
function wireForm(f, layers, handlers, layerCount, { commit, preview }) {
  const doc = f.form.ownerDocument;
  /** Display settings apply at once and never rebuild the network. */
  const displayInputs = new Set([f.showTest, f.discretize, f.colorBlind, f.speed, f.showAugmented, f.showDeltas]);

  /** @param {number} delta */
  function changeLayerCount(delta) {
    const current = parseWhole(f.layerCount.value);
    const base = Number.isNaN(current) ? layers.unitInputs().length : current;
    const next = Math.min(layerCount.high, Math.max(layerCount.low, base + delta));
    f.layerCount.value = String(next);
    layers.sync(next);
    commit();
  }

  f.form.addEventListener('submit', (event) => { event.preventDefault(); commit(); });
  f.form.addEventListener('input', (event) => {
    if (event.target === f.noise) f.noiseValue.value = `${f.noise.value} %`;
    if (event.target === f.trainRatio) f.trainRatioValue.value = `${f.trainRatio.value} %`;
    if (event.target instanceof HTMLInputElement && (event.target.type === 'number' || event.target.type === 'text')) preview();
  });
  f.form.addEventListener('change', (event) => {
    if (displayInputs.has(/** @type {any} */ (event.target))) {
      handlers.onDisplay({
        showTest: f.showTest.checked,
        discretize: f.discretize.checked,
        colorBlind: f.colorBlind.checked,
        speed: Number(f.speed.value),
        showAugmented: f.showAugmented.checked,
        showDeltas: f.showDeltas.checked,
      });
      return;
    }
    refreshDependents(doc, f.form);
    if (event.target === f.learningRate) f.learningRateTyped.value = f.learningRate.value;
    if (event.target === f.activation) for (const el of layers.layerActivations()) el.value = f.activation.value;
    if (event.target === f.problem) {
      filterDatasets(f.previews, f.problem.value);
      const first = datasetOptions(f.dataset, f.problem.value)[0];
      if (first) f.dataset.value = first.value;
    }
    if (event.target === f.layerCount) {
      const count = parseWhole(f.layerCount.value);
      if (count >= layerCount.low && count <= layerCount.high) layers.sync(count);
    }
    commit();
  });
  f.layersAdd.addEventListener('click', () => changeLayerCount(+1));
  f.layersRemove.addEventListener('click', () => changeLayerCount(-1));
  f.play.addEventListener('click', () => handlers.onPlayToggle());
  f.step.addEventListener('click', () => handlers.onStep());
  f.reset.addEventListener('click', () => handlers.onReset());
  f.regenerate.addEventListener('click', () => handlers.onRegenerate());
  // The text boxes apply on Enter (submit) and on leaving them (change).
  f.previews.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-dataset]');
    if (!button) return;
    f.dataset.value = button.getAttribute('data-dataset') ?? f.dataset.value;
    markPreview(f.previews, f.dataset.value);
    commit();
  });
}
