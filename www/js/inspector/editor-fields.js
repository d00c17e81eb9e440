// @ts-check
// The exercise editor's parts: its texts for each choice of network, its
// boxes (the weight grids, the example's values) and how a box is read.
// The editor (editor.js) puts them together and keeps the state.

import { nodeNumbers, parseNumber, sub, weightName } from '../lib/notation.js';
import { numberBox } from '../lib/dom.js';

/** @typedef {import('../../pkg/backprop_playground.js').ExerciseSpec} ExerciseSpec */
/** @typedef {import('../../pkg/backprop_playground.js').LayerValues} LayerValues */
/** @typedef {{ input: HTMLInputElement, l: number, i: number | null, j: number }} WeightBox */
/** @typedef {{ input: HTMLInputElement, kind: 'x1' | 'x2' | 'y' | 'input' | 'target', index: number }} ValueBox */

/** @param {number} n */
export const inputSymbol = (n) => `x${sub(n)}`;

/**
 * A textbook exercise of `sizes` with every weight, threshold and value 0.
 * @param {number[]} sizes
 * @returns {ExerciseSpec}
 */
export function blankSpec(sizes) {
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
 * The editor's texts for the running network ('run') or an exercise's own.
 * @param {'run' | 'own'} mode
 */
export function modeTexts(mode) {
  return {
    intro: mode === 'run'
      ? 'The grid follows the running network’s shape: change the layers or the inputs in the Network panel. wᵢⱼ is the weight from node i (row) to node j (column); w₀ⱼ is node j’s threshold.'
      : 'A network of its own, for a worked example from a textbook or tutorial: its inputs hold their own values, each output has a real target, and L = ½ Σₖ (yₖ − ŷₖ)². The running network and its data are not changed. wᵢⱼ is the weight from node i (row) to node j (column); w₀ⱼ is node j’s threshold (bias).',
    set: mode === 'run' ? 'Set network and example' : 'Set exercise and example',
    setTitle: mode === 'run'
      ? 'Put these weights and thresholds into the running network and inspect this example; nothing changes if a field is refused'
      : 'Build this exercise’s network and inspect its example, step by step; nothing changes if a field is refused',
    refill: mode === 'run' ? 'Refill from the network' : 'Refill from the exercise',
    refillTitle: mode === 'run'
      ? 'Replace what is typed by the running network’s current weights and thresholds'
      : 'Replace what is typed by the inspected exercise as it stands now (after every applied update)',
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
export function valueField(doc, id, label, value, tip, core) {
  const wrap = doc.createElement('div');
  wrap.className = 'insp-editor-field';
  const l = doc.createElement('label');
  l.htmlFor = id;
  l.textContent = label;
  const input = numberBox(doc);
  input.id = id;
  input.title = tip;
  input.value = value;
  input.dataset.field = label;
  input.dataset.core = core;
  wrap.append(l, input);
  return { wrap, input };
}

/**
 * The weight grids, one table per layer: wᵢⱼ from node i (row) to node j
 * (column), the thresholds w₀ⱼ last.
 * @param {Document} doc
 * @param {number[]} sizes
 * @param {(l: number, i: number | null, j: number) => string} valueOf
 * @param {string[]} inputNames
 * @returns {{ tables: HTMLTableElement[], cells: WeightBox[] }}
 */
export function weightGrids(doc, sizes, valueOf, inputNames) {
  const numbers = nodeNumbers(sizes);
  /** @type {WeightBox[]} */
  const cells = [];
  /** @type {HTMLTableElement[]} */
  const tables = [];
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
        const input = numberBox(doc, 'insp-cell');
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
    tables.push(table);
  }
  return { tables, cells };
}

/**
 * The example's boxes: ⟨x₁, x₂⟩ → y for the run, x₁…xₘ → y₁…yₖ for an
 * exercise of `ownSizes`.
 * @param {Document} doc
 * @param {'run' | 'own'} mode
 * @param {number[]} ownSizes
 * @param {{ x: string[], y: string[] }} typed
 * @returns {{ wraps: HTMLElement[], values: ValueBox[] }}
 */
export function exampleBoxes(doc, mode, ownSizes, typed) {
  /** @type {HTMLElement[]} */
  const wraps = [];
  /** @type {ValueBox[]} */
  const values = [];
  if (mode === 'run') {
    for (const [kind, label, tip, value] of /** @type {const} */ ([
      ['x1', 'x₁', 'x₁ of the example: the input features are computed from ⟨x₁, x₂⟩', typed.x[0]],
      ['x2', 'x₂', 'x₂ of the example', typed.x[1]],
      ['y', 'y', 'The target y: 0 to 1 for one sigmoid output (a probability), the class 0 … k − 1 with k outputs, a real number for regression', typed.y[0]],
    ])) {
      const { wrap, input } = valueField(doc, `insp-editor-${kind}`, label, value ?? '', tip, kind);
      wraps.push(wrap);
      values.push({ input, kind, index: 0 });
    }
    return { wraps, values };
  }
  const [m, k] = [ownSizes[0], ownSizes[ownSizes.length - 1]];
  for (let i = 0; i < m; i++) {
    const { wrap, input } = valueField(doc, `insp-editor-x${i + 1}`, inputSymbol(i + 1), typed.x[i] ?? '0',
      `The value of input node ${i + 1}`, `x${i + 1}`);
    wraps.push(wrap);
    values.push({ input, kind: 'input', index: i });
  }
  const outputs = nodeNumbers(ownSizes)[ownSizes.length - 1];
  for (let j = 0; j < k; j++) {
    const { wrap, input } = valueField(doc, `insp-editor-y${j + 1}`, `y${sub(j + 1)}`, typed.y[j] ?? '0',
      `The target of output node ${outputs[j]}: any real number (e.g. 0.01 or 0.99)`, `y${j + 1}`);
    wraps.push(wrap);
    values.push({ input, kind: 'target', index: j });
  }
  return { wraps, values };
}

/**
 * Reads one box: a number within ±limit, or a message naming its field
 * pushed to `problems` (and the box marked invalid).
 * @param {HTMLInputElement} input
 * @param {number} limit
 * @param {string[]} problems
 */
export function readBox(input, limit, problems) {
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
 * Every weight box, read into layers.
 * @param {WeightBox[]} cells
 * @param {number} limit
 * @param {string[]} problems
 */
export function readLayers(cells, limit, problems) {
  const layers = /** @type {LayerValues[]} */ ([]);
  for (const { input, l, i, j } of cells) {
    const value = readBox(input, limit, problems);
    layers[l] ??= { weights: [], biases: [] };
    if (i === null) layers[l].biases[j] = value;
    else (layers[l].weights[i] ??= [])[j] = value;
  }
  return layers;
}
