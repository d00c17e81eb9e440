// @ts-check
// The inspector's exercise editor: every weight w_ij and threshold w_0j and
// one training example, typed by hand, either for the running network (its
// shape from the Network panel, an example ⟨x₁, x₂⟩ → y) or for a network of
// its own, a textbook exercise (any small layer sizes, k sigmoid or linear
// outputs with real targets, ½ squared error summed over them, thresholds
// trained or held, η). A bad value is refused with a message naming its
// field; nothing changes until every field is good, and what was typed stays
// in its box. The limits are the core's (exerciseLimits).

import { DEFAULT_SIZES, createExerciseSettings, parseSizes } from './exercise.js';
import { blankSpec, exampleBoxes, inputSymbol, modeTexts, readBox, readLayers, weightGrids } from './editor-fields.js';
import { FEATURE_SYMBOLS, fmt } from '../lib/notation.js';

/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').ExerciseSpec} ExerciseSpec */
/** @typedef {import('../../pkg/backprop_playground.js').LayerValues} LayerValues */
/** @typedef {import('../../pkg/backprop_playground.js').Example} Example */
/** @typedef {import('./editor-fields.js').WeightBox} WeightBox */
/** @typedef {import('./editor-fields.js').ValueBox} ValueBox */

/**
 * @typedef {object} EditorHandlers
 * @property {CoreModule} core
 * @property {(layers: LayerValues[], example: Example) => string | null} onSet
 *   sets the running network and the example; returns the core's refusal, or null
 * @property {(spec: ExerciseSpec) => { message: string, field: string } | null} onSetExercise
 *   inspects a textbook exercise; returns the core's refusal (and the field it names), or null
 */

/**
 * The editor's elements, put into `root`: the choice of network, the
 * exercise's settings, the grids, the example, the buttons and the messages.
 * @param {HTMLDetailsElement} root
 * @param {CoreModule} core
 */
function editorParts(root, core) {
  const doc = root.ownerDocument;
  root.classList.add('insp-editor');
  const summary = doc.createElement('summary');
  summary.textContent = 'Set up an exercise: type the weights, the thresholds and one example';
  summary.title = 'A small editor for a teacher: every w_ij and threshold w_0j and one training example, for the running network or for a textbook exercise’s own network';
  const networkSelect = doc.createElement('select');
  networkSelect.id = 'insp-editor-network';
  networkSelect.title = 'Whose weights to type: the running network’s (its shape from the Network panel), or a textbook exercise’s own network (any small layer sizes, several outputs, real targets)';
  networkSelect.append(
    new Option('this run’s network: ⟨x₁, x₂⟩ → its classes or values', 'run'),
    new Option('a network of its own: a textbook exercise (k outputs, real targets)', 'own'),
  );
  const networkField = doc.createElement('div');
  networkField.className = 'insp-editor-field insp-editor-which';
  const networkLabel = doc.createElement('label');
  networkLabel.htmlFor = networkSelect.id;
  networkLabel.textContent = 'Weights of';
  networkField.append(networkLabel, networkSelect);
  const intro = doc.createElement('p');
  intro.className = 'insp-editor-intro';
  const settings = createExerciseSettings(doc, core);
  const grids = doc.createElement('div');
  grids.className = 'insp-editor-grids';
  const example = doc.createElement('fieldset');
  example.className = 'insp-editor-example';
  const buttons = doc.createElement('div');
  buttons.className = 'insp-editor-buttons';
  const set = doc.createElement('button');
  set.type = 'button';
  set.className = 'button insp-primary';
  set.id = 'insp-editor-set';
  const refill = doc.createElement('button');
  refill.type = 'button';
  refill.className = 'button';
  refill.id = 'insp-editor-refill';
  buttons.append(set, refill);
  const messages = doc.createElement('ul');
  messages.className = 'insp-editor-msgs';
  messages.id = 'insp-editor-msgs';
  messages.setAttribute('role', 'alert');
  root.replaceChildren(summary, networkField, intro, settings.element, grids, example, buttons, messages);
  return { networkSelect, intro, settings, grids, example, set, refill, messages };
}

/** @typedef {ReturnType<typeof messageList>} Messages */

/**
 * The editor's list of messages: cleared, shown, or a refusal by the core
 * with the box it names marked.
 * @param {HTMLElement} root
 * @param {HTMLElement} messages
 */
function messageList(root, messages) {
  const doc = root.ownerDocument;
  /** @param {string[]} list */
  const show = (list) => {
    messages.replaceChildren(...list.map((text) => {
      const li = doc.createElement('li');
      li.textContent = text;
      return li;
    }));
  };
  return {
    show,
    clear() {
      messages.replaceChildren();
      messages.classList.remove('is-ok');
      for (const input of root.querySelectorAll('input')) input.removeAttribute('aria-invalid');
    },
    /** @param {string[]} list  a success */
    ok(list) {
      show(list);
      messages.classList.add('is-ok');
    },
    /**
     * Marks the box the core named and shows its refusal.
     * @param {string} message
     * @param {(input: HTMLInputElement) => boolean} named
     */
    refused(message, named) {
      for (const input of root.querySelectorAll('input')) {
        if (named(/** @type {HTMLInputElement} */ (input))) input.setAttribute('aria-invalid', 'true');
      }
      show([message, 'Nothing was changed: the inspector keeps what it showed.']);
    },
  };
}

/** @typedef {ReturnType<typeof createExerciseSettings>} Settings */

/**
 * Reads the run's boxes and sets the running network and example; returns
 * the problems found (nothing is set then).
 * @param {EditorHandlers} handlers
 * @param {WeightBox[]} cells
 * @param {ValueBox[]} values
 * @param {Settings['limits']} limits
 * @param {Messages} msgs
 * @returns {string[]}
 */
function setRun(handlers, cells, values, limits, msgs) {
  /** @type {string[]} */
  const problems = [];
  const layers = readLayers(cells, limits.maxWeight, problems);
  const [x1, x2, y] = values.map((v) => readBox(v.input, limits.maxValue, problems));
  if (problems.length > 0) return problems;
  const refusal = handlers.onSet(layers, { x1, x2, y });
  if (refusal !== null) {
    // The core names the field (e.g. "y = 3 is not a class…"): mark it too.
    const field = refusal.split(' ')[0];
    msgs.refused(refusal, (input) => input.dataset.field === field);
    return [];
  }
  msgs.ok([`Set. The inspector now steps the example ⟨${fmt(x1)}, ${fmt(x2)}⟩ → y = ${fmt(y)}.`]);
  return [];
}

/**
 * Reads the exercise's boxes and inspects it; returns the problems found
 * (nothing is set then) and the exercise set, if it was.
 * @param {EditorHandlers} handlers
 * @param {Settings} settings
 * @param {number[]} ownSizes
 * @param {WeightBox[]} cells
 * @param {ValueBox[]} values
 * @param {Messages} msgs
 * @returns {{ problems: string[], spec: ExerciseSpec | null }}
 */
function setOwn(handlers, settings, ownSizes, cells, values, msgs) {
  const { limits } = settings;
  /** @type {string[]} */
  const problems = [];
  const parsed = parseSizes(settings.sizesInput.value, handlers.core);
  if (!parsed.ok || parsed.sizes.join('-') !== ownSizes.join('-')) {
    settings.sizesInput.setAttribute('aria-invalid', 'true');
    return { problems: [parsed.ok ? `Layer sizes ${parsed.sizes.join('-')} is not the grid’s shape ${ownSizes.join('-')}: leave the box to rebuild the grid.` : parsed.message], spec: null };
  }
  const chosen = settings.read(problems);
  const layers = readLayers(cells, limits.maxWeight, problems);
  const inputs = values.filter((v) => v.kind === 'input').map((v) => readBox(v.input, limits.maxValue, problems));
  const targets = values.filter((v) => v.kind === 'target').map((v) => readBox(v.input, limits.maxValue, problems));
  if (problems.length > 0) return { problems, spec: null };
  /** @type {ExerciseSpec} */
  const spec = { sizes: ownSizes, ...chosen, layers, examples: [{ inputs, targets }] };
  const refusal = handlers.onSetExercise(spec);
  if (refusal !== null) {
    msgs.refused(refusal.message, (input) => input.dataset.core === refusal.field);
    return { problems: [], spec: null };
  }
  msgs.ok([`Set. The inspector now steps the exercise ${ownSizes.join('-')}: ⟨${inputs.map(fmt).join(', ')}⟩ → ⟨${targets.map(fmt).join(', ')}⟩, on its own network.`]);
  return { problems: [], spec };
}

/**
 * Shows the texts and settings of `mode`.
 * @param {ReturnType<typeof editorParts>} parts
 * @param {'run' | 'own'} mode
 */
function showMode({ networkSelect, settings, intro, set, refill }, mode) {
  networkSelect.value = mode;
  settings.element.hidden = mode === 'run';
  const texts = modeTexts(mode);
  intro.textContent = texts.intro;
  set.textContent = texts.set;
  set.title = texts.setTitle;
  refill.textContent = texts.refill;
  refill.title = texts.refillTitle;
}

/**
 * Puts the weight grids in `grids`; returns their boxes.
 * @param {HTMLElement} grids
 * @param {number[]} sizes
 * @param {(l: number, i: number | null, j: number) => string} valueOf
 * @param {string[]} inputNames
 */
function fillGrids(grids, sizes, valueOf, inputNames) {
  const built = weightGrids(grids.ownerDocument, sizes, valueOf, inputNames);
  grids.replaceChildren(...built.tables);
  return built.cells;
}

/**
 * Puts the example's boxes in `example`: ⟨x₁, x₂⟩ → y for the run,
 * x₁…xₘ → y₁…yₖ for an exercise; returns them.
 * @param {HTMLElement} example
 * @param {'run' | 'own'} mode
 * @param {number[]} ownSizes
 * @param {{ x: string[], y: string[] }} typed
 */
function fillExample(example, mode, ownSizes, typed) {
  const doc = example.ownerDocument;
  const legend = doc.createElement('legend');
  legend.textContent = 'Training example';
  example.replaceChildren(legend);
  const built = exampleBoxes(doc, mode, ownSizes, typed);
  example.append(...built.wraps);
  return built.values;
}

/**
 * @param {HTMLDetailsElement} root
 * @param {EditorHandlers} handlers
 */
export function createEditor(root, handlers) {
  const parts = editorParts(root, handlers.core);
  const { networkSelect, settings, grids, example, set, refill, messages } = parts;
  const { limits } = settings;
  const msgs = messageList(root, messages);

  /** @type {'run' | 'own'} */
  let mode = 'run';
  /** @type {WeightBox[]} */
  let cells = [];
  /** @type {ValueBox[]} */
  let values = [];
  let shape = '';
  /** The own network's sizes the grid shows. */
  let ownSizes = DEFAULT_SIZES;
  /** What was last typed for the own network (kept while the run's network is edited). */
  /** @type {ExerciseSpec | null} */
  let ownSpec = null;

  /** @param {ExerciseSpec} spec */
  function fillOwn(spec) {
    ownSizes = spec.sizes;
    settings.fill(spec);
    cells = fillGrids(grids, spec.sizes, (l, i, j) => String(i === null ? spec.layers[l].biases[j] : spec.layers[l].weights[i][j]),
      Array.from({ length: spec.sizes[0] }, (_, i) => inputSymbol(i + 1)));
    const first = spec.examples[0];
    values = fillExample(example, mode, ownSizes, { x: first.inputs.map(String), y: first.targets.map(String) });
    msgs.clear();
  }

  /**
   * Builds the grids for `pg`'s network and fills every box from it.
   * @param {Run} pg
   * @param {{ x1: number, x2: number, y: number } | null} current
   */
  function fillRun(pg, current) {
    const { layers } = pg.weights();
    const sizes = Array.from(pg.layerSizes());
    const inputNames = pg.featureNames().map((f) => FEATURE_SYMBOLS[f]);
    shape = sizes.join('-') + inputNames.join();
    cells = fillGrids(grids, sizes, (l, i, j) => String(i === null ? layers[l].biases[j] : layers[l].weights[i][j]), inputNames);
    // Full precision: setting what was filled in changes nothing.
    const typed = values.filter((v) => v.kind === 'x1' || v.kind === 'x2' || v.kind === 'y').map((v) => v.input.value);
    values = fillExample(example, mode, ownSizes, current
      ? { x: [String(current.x1), String(current.x2)], y: [String(current.y)] }
      : { x: typed.slice(0, 2), y: typed.slice(2) });
    msgs.clear();
  }

  /** The own network's grid follows a new sizes box, keeping what was typed where it still fits. */
  function reshape() {
    msgs.clear();
    const parsed = parseSizes(settings.sizesInput.value, handlers.core);
    if (!parsed.ok) {
      settings.sizesInput.setAttribute('aria-invalid', 'true');
      msgs.show([parsed.message, `The grid keeps its shape ${ownSizes.join('-')}.`]);
      return;
    }
    const typed = new Map(cells.map(({ input, l, i, j }) => [`${l}:${i}:${j}`, input.value]));
    const x = values.filter((v) => v.kind === 'input').map((v) => v.input.value);
    const y = values.filter((v) => v.kind === 'target').map((v) => v.input.value);
    ownSizes = parsed.sizes;
    settings.follow(ownSizes);
    cells = fillGrids(grids, ownSizes, (l, i, j) => typed.get(`${l}:${i}:${j}`) ?? '0',
      Array.from({ length: ownSizes[0] }, (_, i) => inputSymbol(i + 1)));
    values = fillExample(example, mode, ownSizes, { x, y });
  }
  settings.sizesInput.addEventListener('change', reshape);

  set.addEventListener('click', () => {
    msgs.clear();
    let problems;
    if (mode === 'run') problems = setRun(handlers, cells, values, limits, msgs);
    else {
      const result = setOwn(handlers, settings, ownSizes, cells, values, msgs);
      if (result.spec) ownSpec = result.spec;
      problems = result.problems;
    }
    if (problems.length > 0) {
      msgs.show([...problems, 'Nothing was changed: the inspector keeps what it showed.']);
      const first = root.querySelector('[aria-invalid="true"]');
      if (first instanceof HTMLInputElement) first.focus();
    }
  });

  showMode(parts, mode);

  return {
    /**
     * Follows what the inspector shows: the running network (refilled when
     * its shape changed, or when `force`; otherwise what was typed stays),
     * or the exercise it holds.
     * @param {Run} pg
     * @param {{ x1: number, x2: number, y: number } | null} current  the run's example being inspected
     * @param {ExerciseSpec | null} exercise  the exercise being inspected, if any
     * @param {boolean} force
     */
    sync(pg, current, exercise, force) {
      if (exercise && force) {
        mode = 'own';
        showMode(parts, mode);
        fillOwn(exercise);
        return;
      }
      if (mode === 'own') {
        if (force && !exercise) {
          mode = 'run';
          showMode(parts, mode);
          fillRun(pg, current);
        } else if (cells.length === 0) fillOwn(ownSpec ?? blankSpec(DEFAULT_SIZES));
        return;
      }
      const sizes = Array.from(pg.layerSizes());
      const names = pg.featureNames().map((f) => FEATURE_SYMBOLS[f]);
      if (!force && sizes.join('-') + names.join() === shape) return;
      fillRun(pg, current);
    },
    /** @param {(mode: 'run' | 'own') => void} listener  called when "Refill" is pressed */
    onRefill(listener) {
      refill.addEventListener('click', () => {
        messages.classList.remove('is-ok');
        listener(mode);
      });
    },
    /** @param {(mode: 'run' | 'own') => void} listener  called when the network choice changes */
    onMode(listener) {
      networkSelect.addEventListener('change', () => {
        mode = networkSelect.value === 'own' ? 'own' : 'run';
        showMode(parts, mode);
        listener(mode);
      });
    },
    /** @param {Run} pg  fills the run's boxes (after a switch back to the run) */
    fillRun(pg) {
      fillRun(pg, null);
    },
    /** @param {ExerciseSpec | null} spec  fills the exercise's boxes: `spec`, the last typed, or a blank 2-2-2 */
    fillOwn(spec) {
      fillOwn(spec ?? ownSpec ?? blankSpec(DEFAULT_SIZES));
    },
  };
}
