// @ts-check
// The names of the diagram's weights, in the course's notation and in words,
// and the spoken labels and tooltips of every link and bias with its current
// value. While training, those texts follow the weights at most every
// `labelInterval`, so that a frame leaves the DOM alone.

import { sourceNode } from './build.js';
import { formatValue } from './weight-text.js';

/** @typedef {import('../../pkg/backprop_playground.js').LayerSpec} LayerWeights */
/** @typedef {import('./build.js').Diagram} Diagram */
/** @typedef {import('./build.js').NodeView} NodeView */
/** @typedef {import('./build.js').Editable} Editable */
/** @typedef {import('./view-state.js').ViewState} ViewState */

/**
 * How often (ms) the links' spoken labels and tooltips follow the weights
 * while training: every half second, less often on a large diagram (an 8 × 32
 * network has ~8,500 links), so that rewriting them stays a small part of the
 * page's time. Paused, an edit or a rebuild refreshes them at once.
 * @param {number} count  links and biases
 */
export function labelInterval(count) {
  return Math.max(500, count / 4);
}

/** @param {NodeView} node  "input x₁", "hidden layer 1, unit 2", "the output" */
function spoken(node) {
  if (node.feature !== null) return `input ${node.symbol}`;
  return node.label.charAt(0).toLowerCase() + node.label.slice(1);
}

/**
 * The value of a weight or bias (NaN if the weights have no such entry).
 * @param {LayerWeights[]} weights
 * @param {Editable} target
 */
export function valueOf(weights, target) {
  if (target.kind === 'link') {
    const { l, i, j } = target.link;
    return weights[l]?.weights[i]?.[j] ?? NaN;
  }
  return weights[target.bias.l]?.biases[target.bias.j] ?? NaN;
}

/**
 * The weight's name in the course's notation, and in words.
 * @param {Diagram} diagram
 * @param {Editable} target
 * @returns {{ title: string, detail: string }}
 */
export function describe(diagram, target) {
  if (target.kind === 'link') {
    const { l, i, j } = target.link;
    const from = sourceNode(diagram, l, i);
    const to = diagram.columns[l + 1][j];
    return {
      title: `w from ${from.symbol} to ${to.symbol}`,
      detail: `Weight w_ij of layer ${l + 1}: from ${spoken(from)} to ${spoken(to)}`,
    };
  }
  const { l, j } = target.bias;
  const to = diagram.columns[l + 1][j];
  return {
    title: `Bias w₀ of ${to.symbol}`,
    detail: `Bias w_0j (threshold) of ${spoken(to)}`,
  };
}

/**
 * Writes a label and a tooltip only where they changed: an unchanged text
 * costs the browser nothing.
 * @param {Element} target
 * @param {string} label
 * @param {string} tip
 * @param {Element} tipElement
 */
function setText(target, label, tip, tipElement) {
  if (target.getAttribute('aria-label') !== label) target.setAttribute('aria-label', label);
  if (tipElement.textContent !== tip) tipElement.textContent = tip;
}

/** Labels written in one go while training: a large diagram's take several slices. */
const LABEL_SLICE = 1000;

/**
 * Spoken labels and tooltips with the current values: all of them when they
 * are out of date (an edit, a rebuild), else the next `budget` of a pass
 * through the diagram, the rest in later slices, so that no task is long.
 * @param {ViewState} state
 * @param {number} [budget]
 */
export function refreshLabels(state, budget = Infinity) {
  window.clearTimeout(state.labelTimer);
  state.labelTimer = 0;
  if (state.labelsDirty) {
    state.labelCursor = 0;
    budget = Infinity;
  }
  state.labelsDirty = false;
  const { diagram, weights, colourNames } = state;
  const biases = diagram.biases.flat();
  const total = diagram.links.length + biases.length;
  const end = Math.min(total, state.labelCursor + budget);
  for (let k = state.labelCursor; k < end; k += 1) {
    if (k < diagram.links.length) {
      const link = diagram.links[k];
      const target = /** @type {Editable} */ ({ kind: 'link', link });
      const { title, detail } = describe(diagram, target);
      const value = formatValue(valueOf(weights, target));
      setText(link.hit, `${detail}: ${value}`, `${title} = ${value}\nw_ij — weight from node i to node j; thicker = larger |w|, `
        + `${colourNames.positive} positive, ${colourNames.negative} negative. Click to edit`, link.tip);
    } else {
      const bias = biases[k - diagram.links.length];
      const target = /** @type {Editable} */ ({ kind: 'bias', bias });
      const { title, detail } = describe(diagram, target);
      const value = formatValue(valueOf(weights, target));
      setText(bias.group, `${detail}: ${value}`, `${title} = ${value}\nw_0j — the bias (threshold) of this node: `
        + `net_j = Σ_i w_ij o_i + w_0j; larger square = larger |w_0j|. Click to edit`, bias.tip);
    }
  }
  state.labelCursor = end >= total ? 0 : end;
  if (state.labelCursor === 0) state.labelsAt = performance.now();
  // The rest of the pass comes soon, whether training goes on or not.
  else state.labelTimer = window.setTimeout(() => refreshLabels(state, LABEL_SLICE), 30);
}

/**
 * Per frame: refreshes the labels if they are out of date or due, else makes
 * sure a refresh comes.
 * @param {ViewState} state
 */
export function followLabels(state) {
  const now = performance.now();
  const interval = labelInterval(state.diagram.links.length + state.diagram.biases.flat().length);
  if (state.labelsDirty) {
    refreshLabels(state);
  } else if (state.labelCursor > 0) {
    // A pass is under way: its next slice is on a timer.
  } else if (now - state.labelsAt > interval) {
    refreshLabels(state, LABEL_SLICE);
  } else if (state.labelTimer === 0) {
    // Training may pause before the next refresh is due: catch up then.
    state.labelTimer = window.setTimeout(() => refreshLabels(state, LABEL_SLICE), interval);
  }
}
