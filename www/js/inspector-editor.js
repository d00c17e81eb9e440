// @ts-check
// The inspector's exercise editor: every weight w_ij and threshold w_0j of the
// running network and one training example, typed by hand. A bad value is
// refused with a message naming its field; nothing changes until every field
// is good, and what was typed stays in its box.

import { FEATURE_SYMBOLS, fmt, nodeNumbers, parseNumber, weightName } from './inspector-notation.js';

/** @typedef {import('./types').Playground} Playground */
/** @typedef {import('./types').LayerWeights} LayerWeights */

/** Largest magnitude of a typed weight or threshold (the core's limit). */
const MAX_WEIGHT = 1000;
/** Largest magnitude of a typed x₁, x₂ or y (the core's limit). */
const MAX_EXAMPLE = 1000;

/**
 * @typedef {object} EditorHandlers
 * @property {(layers: { weights: number[][], biases: number[] }[], example: { x1: number, x2: number, y: number }) => string | null} onSet
 *   sets the network and the example; returns the core's refusal, or null
 */

/**
 * @param {HTMLDetailsElement} root
 * @param {EditorHandlers} handlers
 */
export function createEditor(root, handlers) {
  const doc = root.ownerDocument;
  root.classList.add('insp-editor');
  const summary = doc.createElement('summary');
  summary.textContent = 'Set up an exercise: type the weights, the thresholds and one example';
  summary.title = 'A small editor for a teacher: every w_ij and threshold w_0j of the network and one training example ⟨x₁, x₂⟩ → y';
  const intro = doc.createElement('p');
  intro.className = 'insp-editor-intro';
  intro.textContent = 'The grid follows the network’s shape: change the layers or the inputs in the Network panel. '
    + 'wᵢⱼ is the weight from node i (row) to node j (column); w₀ⱼ is node j’s threshold.';
  const grids = doc.createElement('div');
  grids.className = 'insp-editor-grids';
  const example = doc.createElement('fieldset');
  example.className = 'insp-editor-example';
  const legend = doc.createElement('legend');
  legend.textContent = 'Training example';
  example.append(legend);
  /** @type {Record<'x1' | 'x2' | 'y', HTMLInputElement>} */
  const exampleInputs = /** @type {any} */ ({});
  for (const [key, label, tip] of /** @type {const} */ ([
    ['x1', 'x₁', 'x₁ of the example: the input features are computed from ⟨x₁, x₂⟩'],
    ['x2', 'x₂', 'x₂ of the example'],
    ['y', 'y', 'The target y: 0 to 1 for one sigmoid output (a probability), the class 0 … k − 1 with k outputs, a real number for regression'],
  ])) {
    const wrap = doc.createElement('div');
    wrap.className = 'insp-editor-field';
    const l = doc.createElement('label');
    l.htmlFor = `insp-editor-${key}`;
    l.textContent = label;
    const input = doc.createElement('input');
    input.type = 'text';
    input.id = `insp-editor-${key}`;
    input.inputMode = 'decimal';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.title = tip;
    input.dataset.field = label;
    wrap.append(l, input);
    example.append(wrap);
    exampleInputs[key] = input;
  }
  const buttons = doc.createElement('div');
  buttons.className = 'insp-editor-buttons';
  const set = doc.createElement('button');
  set.type = 'button';
  set.className = 'button insp-primary';
  set.id = 'insp-editor-set';
  set.textContent = 'Set network and example';
  set.title = 'Put these weights and thresholds into the running network and inspect this example; nothing changes if a field is refused';
  const refill = doc.createElement('button');
  refill.type = 'button';
  refill.className = 'button';
  refill.id = 'insp-editor-refill';
  refill.textContent = 'Refill from the network';
  refill.title = 'Replace what is typed by the running network’s current weights and thresholds';
  buttons.append(set, refill);
  const messages = doc.createElement('ul');
  messages.className = 'insp-editor-msgs';
  messages.id = 'insp-editor-msgs';
  messages.setAttribute('role', 'alert');
  root.replaceChildren(summary, intro, grids, example, buttons, messages);

  /** @type {{ input: HTMLInputElement, l: number, i: number | null, j: number }[]} */
  let cells = [];
  let shape = '';

  /**
   * Builds the grids for `pg`'s network and fills every box from it.
   * @param {Playground} pg
   */
  function fill(pg) {
    const { layers } = pg.weights();
    const sizes = Array.from(pg.layerSizes());
    const numbers = nodeNumbers(sizes);
    const inputNames = pg.featureNames().map((f) => FEATURE_SYMBOLS[f]);
    shape = sizes.join('-') + inputNames.join();
    cells = [];
    grids.replaceChildren();
    layers.forEach((layer, l) => {
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
      const rows = [...layer.weights.map((row, i) => ({ i: /** @type {number | null} */ (i), row })), { i: null, row: layer.biases }];
      for (const { i, row } of rows) {
        const tr = doc.createElement('tr');
        const th = doc.createElement('th');
        th.scope = 'row';
        th.textContent = i === null ? 'w₀' : `${numbers[l][i]}${l === 0 ? ` (${inputNames[i]})` : ''}`;
        tr.append(th);
        row.forEach((value, j) => {
          const from = i === null ? 0 : numbers[l][i];
          const to = numbers[l + 1][j];
          const name = weightName(from, to).text;
          const td = doc.createElement('td');
          const input = doc.createElement('input');
          input.type = 'text';
          input.inputMode = 'decimal';
          input.autocomplete = 'off';
          input.spellcheck = false;
          input.className = 'insp-cell';
          input.value = String(value);
          input.dataset.field = name;
          input.dataset.key = weightName(from, to).key;
          const what = i === null ? `the threshold of node ${to}` : `the weight from node ${from} to node ${to}`;
          input.setAttribute('aria-label', `${name}, ${what}`);
          input.title = `${name}: ${what}${i === null ? ' (net_j = Σ_i w_ij o_i + w₀ⱼ)' : ''}`;
          td.append(input);
          tr.append(td);
          cells.push({ input, l, i, j });
        });
        table.append(tr);
      }
      grids.append(table);
    });
    clearMessages();
  }

  function clearMessages() {
    messages.replaceChildren();
    messages.classList.remove('is-ok');
    for (const input of root.querySelectorAll('input')) input.removeAttribute('aria-invalid');
  }

  /**
   * @param {string[]} list
   */
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

  set.addEventListener('click', () => {
    clearMessages();
    /** @type {string[]} */
    const problems = [];
    const layers = /** @type {{ weights: number[][], biases: number[] }[]} */ ([]);
    for (const { input, l, i, j } of cells) {
      const value = read(input, MAX_WEIGHT, problems);
      layers[l] ??= { weights: [], biases: [] };
      if (i === null) layers[l].biases[j] = value;
      else (layers[l].weights[i] ??= [])[j] = value;
    }
    const x1 = read(exampleInputs.x1, MAX_EXAMPLE, problems);
    const x2 = read(exampleInputs.x2, MAX_EXAMPLE, problems);
    const y = read(exampleInputs.y, MAX_EXAMPLE, problems);
    if (problems.length > 0) {
      showMessages([...problems, 'Nothing was changed: the network keeps its weights.']);
      const first = root.querySelector('[aria-invalid="true"]');
      if (first instanceof HTMLInputElement) first.focus();
      return;
    }
    const refusal = handlers.onSet(layers, { x1, x2, y });
    if (refusal !== null) {
      // The core names the field (e.g. "y = 3 is not a class…"): mark it too.
      const field = refusal.split(' ')[0];
      for (const input of root.querySelectorAll('input')) {
        if (/** @type {HTMLInputElement} */ (input).dataset.field === field) input.setAttribute('aria-invalid', 'true');
      }
      showMessages([refusal, 'Nothing was changed: the network keeps its weights.']);
      return;
    }
    showMessages([`Set. The inspector now steps the example ⟨${fmt(x1)}, ${fmt(x2)}⟩ → y = ${fmt(y)}.`]);
    messages.classList.add('is-ok');
  });

  return {
    /**
     * Follows the running network: refills the boxes when its shape changed
     * (or when `force`), otherwise keeps what was typed.
     * @param {Playground} pg
     * @param {{ x1: number, x2: number, y: number } | null} current  the example being inspected
     * @param {boolean} force
     */
    sync(pg, current, force) {
      const sizes = Array.from(pg.layerSizes());
      const names = pg.featureNames().map((f) => FEATURE_SYMBOLS[f]);
      const next = sizes.join('-') + names.join();
      if (!force && next === shape) return;
      fill(pg);
      if (current) {
        // Full precision: setting what was filled in changes nothing.
        exampleInputs.x1.value = String(current.x1);
        exampleInputs.x2.value = String(current.x2);
        exampleInputs.y.value = String(current.y);
      }
    },
    /** @param {() => void} listener  called when "Refill" is pressed */
    onRefill(listener) {
      refill.addEventListener('click', () => {
        messages.classList.remove('is-ok');
        listener();
      });
    },
  };
}
