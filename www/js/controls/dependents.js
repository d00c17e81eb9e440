// @ts-check
// The sub-forms that depend on a choice: the fields of the chosen optimizer,
// learning-rate schedule, …, (`data-when="key=value,…"` in the page) and the
// one-line explanation under each menu; the η the next epoch uses.

/** @typedef {import('../lib/dom.js').Root} Root */

/**
 * One line per choice, in the course's words, shown under its menu; the
 * optimizers' come from the core's schema (`useExplanations`).
 */
const EXPLAIN = Object.freeze({
  loss: {
    squaredError: 'L = ½ Σ (y − ŷ)², averaged over the examples: the notes\' loss; δ at the output is (ŷ − y)·φ′(net).',
    binaryCrossEntropy: 'L = −[y log ŷ + (1 − y) log(1 − ŷ)] on a sigmoid output: δ at the output is simply ŷ − y.',
    softmaxCrossEntropy: 'k outputs through softmax, L = −log ŷ of the true class: δ at output j is ŷ_j − y_j.',
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

/** @type {Record<string, Record<string, string>>} */
let fromSchema = {};

/**
 * Takes the explanations the core's schema gives (menu → choice → line).
 * @param {Record<string, Record<string, string>>} lines
 */
export function useExplanations(lines) {
  fromSchema = lines;
}

/**
 * The explanation of `choice` in the menu `key`, or '' when it needs none.
 * @param {string} key
 * @param {string} choice
 */
export function explanation(key, choice) {
  const lines = fromSchema[key] ?? /** @type {Record<string, Record<string, string>>} */ (EXPLAIN)[key];
  return lines?.[choice] ?? '';
}

/**
 * Shows the fields that apply to the chosen optimizer, schedule, …, and the one-line explanations.
 * @param {Root} doc
 * @param {HTMLFormElement} form
 */
export function refreshDependents(doc, form) {
  for (const wrapper of form.querySelectorAll('[data-when]')) {
    const [key, values] = (wrapper.getAttribute('data-when') ?? '').split('=');
    const control = /** @type {HTMLSelectElement | null} */ (form.querySelector(`[data-key="${key}"], select[name="${key}"]`));
    /** @type {HTMLElement} */ (wrapper).hidden = !!control && !values.split(',').includes(control.value);
  }
  for (const key of new Set([...Object.keys(EXPLAIN), ...Object.keys(fromSchema)])) {
    const slot = doc.getElementById(`${key}-explain`);
    const control = /** @type {HTMLSelectElement | null} */ (doc.getElementById(key));
    if (!slot || !control) continue;
    const line = explanation(key, control.value);
    slot.textContent = line;
    slot.hidden = line === '';
  }
}

/**
 * The η the next epoch uses as the run bar shows it: four significant digits, – when not finite.
 * @param {number} eta
 */
export function etaText(eta) {
  return Number.isFinite(eta) ? Number(eta.toPrecision(4)).toString() : '–';
}
