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
import { FEATURE_SYMBOLS, fmt, nodeNumbers, parseNumber, sub, weightName } from '../lib/notation.js';

/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../types').ExerciseSpec} ExerciseSpec */

/**
 * @typedef {object} EditorHandlers
 * @property {CoreModule} core
 * @property {(layers: { weights: number[][], biases: number[] }[], example: { x1: number, x2: number, y: number }) => string | null} onSet
 *   sets the running network and the example; returns the core's refusal, or null
 * @property {(spec: ExerciseSpec) => { message: string, field: string } | null} onSetExercise
 *   inspects a textbook exercise; returns the core's refusal (and the field it names), or null
 */

/** @param {number} n */
const inputSymbol = (n) => `x${sub(n)}`;

/**
 * A textbook exercise of `sizes` with every weight, threshold and value 0.
 * @param {number[]} sizes
 * @returns {ExerciseSpec}
 */
function blankSpec(sizes) {
  return {
    sizes,
    hiddenActivation: 'sigmoid',
    outputActivation: 'sigmoid',
    trainBiases: true,
    learningRate: 0.5,
    layers: sizes.slice(1).map((units, l) => ({
      weights: Array.from({ length: sizes[l] }, () => Array(units).fill(0)),
      biases: Array(units).fill(0),
    })),
    examples: [{ inputs: Array(sizes[0]).fill(0), targets: Array(sizes[sizes.length - 1]).fill(0) }],
  };
}

/**
 * @param {Document} doc
 * @param {string} id
 * @param {string} label
 * @param {string} value
 * @param {string} tip
 * @param {string} core  the field's name in the core's refusals
 */
function valueField(doc, id, label, value, tip, core) {
  const wrap = doc.createElement('div');
  wrap.className = 'insp-editor-field';
  const l = doc.createElement('label');
  l.htmlFor = id;
  l.textContent = label;
  const input = doc.createElement('input');
  input.type = 'text';
  input.id = id;
  input.inputMode = 'decimal';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.title = tip;
  input.value = value;
  input.dataset.field = label;
  input.dataset.core = core;
  wrap.append(l, input);
  return { wrap, input };
}

/**
 * @param {HTMLDetailsElement} root
 * @param {EditorHandlers} handlers
 */
export function createEditor(root, handlers) {
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
  const settings = createExerciseSettings(doc, handlers.core);
  const { limits } = settings;
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

  /** @type {'run' | 'own'} */
  let mode = 'run';
  /** @type {{ input: HTMLInputElement, l: number, i: number | null, j: number }[]} */
  let cells = [];
  /** @type {{ input: HTMLInputElement, kind: 'x1' | 'x2' | 'y' | 'input' | 'target', index: number }[]} */
  let values = [];
  let shape = '';
  /** The own network's sizes the grid shows. */
  let ownSizes = DEFAULT_SIZES;
  /** What was last typed for the own network (kept while the run's network is edited). */
  /** @type {ExerciseSpec | null} */
  let ownSpec = null;

  function showMode() {
    networkSelect.value = mode;
    settings.element.hidden = mode === 'run';
    intro.textContent = mode === 'run'
      ? 'The grid follows the running network’s shape: change the layers or the inputs in the Network panel. wᵢⱼ is the weight from node i (row) to node j (column); w₀ⱼ is node j’s threshold.'
      : 'A network of its own, for a worked example from a textbook or tutorial: its inputs hold their own values, each output has a real target, and L = ½ Σₖ (yₖ − ŷₖ)². The running network and its data are not changed. wᵢⱼ is the weight from node i (row) to node j (column); w₀ⱼ is node j’s threshold (bias).';
    set.textContent = mode === 'run' ? 'Set network and example' : 'Set exercise and example';
    set.title = mode === 'run'
      ? 'Put these weights and thresholds into the running network and inspect this example; nothing changes if a field is refused'
      : 'Build this exercise’s network and inspect its example, step by step; nothing changes if a field is refused';
    refill.textContent = mode === 'run' ? 'Refill from the network' : 'Refill from the exercise';
    refill.title = mode === 'run'
      ? 'Replace what is typed by the running network’s current weights and thresholds'
      : 'Replace what is typed by the inspected exercise as it stands now (after every applied update)';
  }

  /**
   * The weight grids, one table per layer.
   * @param {number[]} sizes
   * @param {(l: number, i: number | null, j: number) => string} valueOf
   * @param {string[]} inputNames
   */
  function buildGrid(sizes, valueOf, inputNames) {
    const numbers = nodeNumbers(sizes);
    cells = [];
    grids.replaceChildren();
    for (let l = 0; l + 1 < sizes.length; l++) {
      const table = doc.createElement('table');
      table.className = 'insp-editor-grid';
      const caption = doc.createElement('caption');
      caption.textContent = `Layer ${l + 1}: nodes ${numbers[l].join(', ')} → ${numbers[l + 1].join(', ')}`;
      table.append(caption);
      const head = doc.createElement('tr');
      const corner = doc.createElement('th');
      corner.textContent = 'i \\ j';
      corner.scope = 'col';
      head.append(corner);
      for (const j of numbers[l + 1]) {
        const th = doc.createElement('th');
        th.scope = 'col';
        th.textContent = String(j);
        head.append(th);
      }
      table.append(head);
      const rows = [...numbers[l].map((_, i) => /** @type {number | null} */ (i)), null];
      for (const i of rows) {
        const tr = doc.createElement('tr');
        const th = doc.createElement('th');
        th.scope = 'row';
        th.textContent = i === null ? 'w₀' : `${numbers[l][i]}${l === 0 ? ` (${inputNames[i]})` : ''}`;
        tr.append(th);
        numbers[l + 1].forEach((to, j) => {
          const from = i === null ? 0 : numbers[l][i];
          const name = weightName(from, to);
          const td = doc.createElement('td');
          const input = doc.createElement('input');
          input.type = 'text';
          input.inputMode = 'decimal';
          input.autocomplete = 'off';
          input.spellcheck = false;
          input.className = 'insp-cell';
          input.value = valueOf(l, i, j);
          input.dataset.field = name.text;
          input.dataset.key = name.key;
          input.dataset.core = `w${from},${to}`;
          const what = i === null ? `the threshold of node ${to}` : `the weight from node ${from} to node ${to}`;
          input.setAttribute('aria-label', `${name.text}, ${what}`);
          input.title = `${name.text}: ${what}${i === null ? ' (net_j = Σ_i w_ij o_i + w₀ⱼ)' : ''}`;
          td.append(input);
          tr.append(td);
          cells.push({ input, l, i, j });
        });
        table.append(tr);
      }
      grids.append(table);
    }
  }

  /**
   * The example's boxes: ⟨x₁, x₂⟩ → y for the run, x₁…xₘ → y₁…yₖ for an exercise.
   * @param {{ x: string[], y: string[] }} typed
   */
  function buildExample(typed) {
    const legend = doc.createElement('legend');
    legend.textContent = 'Training example';
    example.replaceChildren(legend);
    values = [];
    if (mode === 'run') {
      for (const [kind, label, tip, value] of /** @type {const} */ ([
        ['x1', 'x₁', 'x₁ of the example: the input features are computed from ⟨x₁, x₂⟩', typed.x[0]],
        ['x2', 'x₂', 'x₂ of the example', typed.x[1]],
        ['y', 'y', 'The target y: 0 to 1 for one sigmoid output (a probability), the class 0 … k − 1 with k outputs, a real number for regression', typed.y[0]],
      ])) {
        const { wrap, input } = valueField(doc, `insp-editor-${kind}`, label, value ?? '', tip, kind);
        example.append(wrap);
        values.push({ input, kind, index: 0 });
      }
      return;
    }
    const [m, k] = [ownSizes[0], ownSizes[ownSizes.length - 1]];
    for (let i = 0; i < m; i++) {
      const { wrap, input } = valueField(doc, `insp-editor-x${i + 1}`, inputSymbol(i + 1), typed.x[i] ?? '0',
        `The value of input node ${i + 1}`, `x${i + 1}`);
      example.append(wrap);
      values.push({ input, kind: 'input', index: i });
    }
    const outputs = nodeNumbers(ownSizes)[ownSizes.length - 1];
    for (let j = 0; j < k; j++) {
      const { wrap, input } = valueField(doc, `insp-editor-y${j + 1}`, `y${sub(j + 1)}`, typed.y[j] ?? '0',
        `The target of output node ${outputs[j]}: any real number (e.g. 0.01 or 0.99)`, `y${j + 1}`);
      example.append(wrap);
      values.push({ input, kind: 'target', index: j });
    }
  }

  /** @param {ExerciseSpec} spec */
  function fillOwn(spec) {
    ownSizes = spec.sizes;
    settings.fill(spec);
    buildGrid(spec.sizes, (l, i, j) => String(i === null ? spec.layers[l].biases[j] : spec.layers[l].weights[i][j]),
      Array.from({ length: spec.sizes[0] }, (_, i) => inputSymbol(i + 1)));
    const first = spec.examples[0];
    buildExample({ x: first.inputs.map(String), y: first.targets.map(String) });
    clearMessages();
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
    buildGrid(sizes, (l, i, j) => String(i === null ? layers[l].biases[j] : layers[l].weights[i][j]), inputNames);
    // Full precision: setting what was filled in changes nothing.
    const typed = values.filter((v) => v.kind === 'x1' || v.kind === 'x2' || v.kind === 'y').map((v) => v.input.value);
    buildExample(current
      ? { x: [String(current.x1), String(current.x2)], y: [String(current.y)] }
      : { x: typed.slice(0, 2), y: typed.slice(2) });
    clearMessages();
  }

  /** The own network's grid follows a new sizes box, keeping what was typed where it still fits. */
  function reshape() {
    clearMessages();
    const parsed = parseSizes(settings.sizesInput.value, handlers.core);
    if (!parsed.ok) {
      settings.sizesInput.setAttribute('aria-invalid', 'true');
      showMessages([parsed.message, `The grid keeps its shape ${ownSizes.join('-')}.`]);
      return;
    }
    const typed = new Map(cells.map(({ input, l, i, j }) => [`${l}:${i}:${j}`, input.value]));
    const x = values.filter((v) => v.kind === 'input').map((v) => v.input.value);
    const y = values.filter((v) => v.kind === 'target').map((v) => v.input.value);
    ownSizes = parsed.sizes;
    settings.follow(ownSizes);
    buildGrid(ownSizes, (l, i, j) => typed.get(`${l}:${i}:${j}`) ?? '0',
      Array.from({ length: ownSizes[0] }, (_, i) => inputSymbol(i + 1)));
    buildExample({ x, y });
  }
  settings.sizesInput.addEventListener('change', reshape);

  function clearMessages() {
    messages.replaceChildren();
    messages.classList.remove('is-ok');
    for (const input of root.querySelectorAll('input')) input.removeAttribute('aria-invalid');
  }

  /** @param {string[]} list */
  function showMessages(list) {
    messages.replaceChildren(...list.map((text) => {
      const li = doc.createElement('li');
      li.textContent = text;
      return li;
    }));
  }

  /**
   * Reads one box: a number within ±limit, or a message naming its field.
   * @param {HTMLInputElement} input
   * @param {number} limit
   * @param {string[]} problems
   */
  function read(input, limit, problems) {
    const parsed = parseNumber(input.value);
    const name = input.dataset.field ?? input.id;
    if (!parsed.ok) {
      problems.push(`${name} ${parsed.message}.`);
      input.setAttribute('aria-invalid', 'true');
      return NaN;
    }
    if (Math.abs(parsed.value) > limit) {
      problems.push(`${name} = ${input.value.trim()} is out of range: −${limit} to ${limit} allowed.`);
      input.setAttribute('aria-invalid', 'true');
      return NaN;
    }
    input.removeAttribute('aria-invalid');
    return parsed.value;
  }

  /**
   * Every weight box, read.
   * @param {string[]} problems
   */
  function readLayers(problems) {
    const layers = /** @type {{ weights: number[][], biases: number[] }[]} */ ([]);
    for (const { input, l, i, j } of cells) {
      const value = read(input, limits.maxWeight, problems);
      layers[l] ??= { weights: [], biases: [] };
      if (i === null) layers[l].biases[j] = value;
      else (layers[l].weights[i] ??= [])[j] = value;
    }
    return layers;
  }

  /**
   * Marks the box the core named and shows its refusal.
   * @param {string} message
   * @param {(input: HTMLInputElement) => boolean} named
   */
  function refused(message, named) {
    for (const input of root.querySelectorAll('input')) {
      if (named(/** @type {HTMLInputElement} */ (input))) input.setAttribute('aria-invalid', 'true');
    }
    showMessages([message, 'Nothing was changed: the inspector keeps what it showed.']);
  }

  function setRun() {
    /** @type {string[]} */
    const problems = [];
    const layers = readLayers(problems);
    const [x1, x2, y] = values.map((v) => read(v.input, limits.maxValue, problems));
    if (problems.length > 0) return problems;
    const refusal = handlers.onSet(layers, { x1, x2, y });
    if (refusal !== null) {
      // The core names the field (e.g. "y = 3 is not a class…"): mark it too.
      const field = refusal.split(' ')[0];
      refused(refusal, (input) => input.dataset.field === field);
      return [];
    }
    showMessages([`Set. The inspector now steps the example ⟨${fmt(x1)}, ${fmt(x2)}⟩ → y = ${fmt(y)}.`]);
    messages.classList.add('is-ok');
    return [];
  }

  function setOwn() {
    /** @type {string[]} */
    const problems = [];
    const parsed = parseSizes(settings.sizesInput.value, handlers.core);
    if (!parsed.ok || parsed.sizes.join('-') !== ownSizes.join('-')) {
      settings.sizesInput.setAttribute('aria-invalid', 'true');
      return [parsed.ok ? `Layer sizes ${parsed.sizes.join('-')} is not the grid’s shape ${ownSizes.join('-')}: leave the box to rebuild the grid.` : parsed.message];
    }
    const chosen = settings.read(problems);
    const layers = readLayers(problems);
    const inputs = values.filter((v) => v.kind === 'input').map((v) => read(v.input, limits.maxValue, problems));
    const targets = values.filter((v) => v.kind === 'target').map((v) => read(v.input, limits.maxValue, problems));
    if (problems.length > 0) return problems;
    /** @type {ExerciseSpec} */
    const spec = { sizes: ownSizes, ...chosen, layers, examples: [{ inputs, targets }] };
    const refusal = handlers.onSetExercise(spec);
    if (refusal !== null) {
      refused(refusal.message, (input) => input.dataset.core === refusal.field);
      return [];
    }
    ownSpec = spec;
    showMessages([`Set. The inspector now steps the exercise ${ownSizes.join('-')}: ⟨${inputs.map(fmt).join(', ')}⟩ → ⟨${targets.map(fmt).join(', ')}⟩, on its own network.`]);
    messages.classList.add('is-ok');
    return [];
  }

  set.addEventListener('click', () => {
    clearMessages();
    const problems = mode === 'run' ? setRun() : setOwn();
    if (problems.length > 0) {
      showMessages([...problems, 'Nothing was changed: the inspector keeps what it showed.']);
      const first = root.querySelector('[aria-invalid="true"]');
      if (first instanceof HTMLInputElement) first.focus();
    }
  });

  showMode();

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
        showMode();
        fillOwn(exercise);
        return;
      }
      if (mode === 'own') {
        if (force && !exercise) {
          mode = 'run';
          showMode();
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
        showMode();
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
