// @ts-check
// The names of the diagram's weights, in the course's notation and in words,
// and their spoken labels and tooltips with their current values: the
// tooltip of a bias that may be read, the option of the weights' listbox (the
// weight the keyboard is on) and the tooltip of the link under the pointer. While training, those
// texts follow the weights at most every `LABEL_INTERVAL`, so that a frame
// leaves the DOM alone.

import { sourceNode } from './build.js';
import { formatValue } from './weight-text.js';

/** @typedef {import('../../pkg/backprop_playground.js').LayerSpec} LayerWeights */
/** @typedef {import('./build.js').Diagram} Diagram */
/** @typedef {import('./build.js').NodeView} NodeView */
/** @typedef {import('./build.js').Editable} Editable */
/** @typedef {import('./view-state.js').ViewState} ViewState */

/**
 * How often (ms) the weights' texts follow the weights while training: the
 * tooltips of biases being read, the spoken label of the weight the listbox is on and the
 * tooltip of the link under the pointer. Paused, an edit or a rebuild
 * refreshes them at once.
 */
export const LABEL_INTERVAL = 500;

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
 * What a weight says with its current value: its spoken label and its tooltip.
 * @param {ViewState} state
 * @param {Editable} target
 * @returns {{ label: string, tip: string }}
 */
export function weightText({ diagram, weights, colourNames }, target) {
  const { title, detail } = describe(diagram, target);
  const value = formatValue(valueOf(weights, target));
  const tip = target.kind === 'link'
    ? `${title} = ${value}\nw_ij — weight from node i to node j; thicker = larger |w|, `
      + `${colourNames.positive} positive, ${colourNames.negative} negative. Click to edit`
    : `${title} = ${value}\nw_0j — the bias (threshold) of this node: `
      + 'net_j = Σ_i w_ij o_i + w_0j; larger square = larger |w_0j|. Click to edit';
  return { label: `${detail}: ${value}`, tip };
}

/**
 * Writes an attribute or a text only where it changed: an unchanged text
 * costs the browser nothing.
 * @param {Element} el
 * @param {string | null} attribute  null: its text
 * @param {string} text
 */
function write(el, attribute, text) {
  if (attribute === null) {
    if (el.textContent !== text) el.textContent = text;
  } else if (el.getAttribute(attribute) !== text) {
    el.setAttribute(attribute, text);
  }
}

/**
 * Puts the weight the listbox is on into its option: spoken label, place in
 * the keyboard order, position over the diagram (so that moving to it
 * scrolls it into view) and, for the tests, which weight it is
 * (`data-weight`: "l,i,j" for a link, "l,j" for a bias).
 * @param {import('./build.js').Shell} shell
 * @param {ViewState} state
 */
export function showActiveWeight(shell, state) {
  const { weights, activeWeight } = shell;
  const { roving, rovingIndex } = state.diagram;
  const target = roving[rovingIndex];
  if (!target) {
    weights.removeAttribute('aria-activedescendant');
    return;
  }
  const link = target.kind === 'link' ? target.link : null;
  const bias = target.kind === 'bias' ? target.bias : null;
  const id = link ? `nv-weight-${link.l}-${link.i}-${link.j}` : `nv-weight-${bias?.l}-${bias?.j}`;
  if (activeWeight.id !== id) {
    // A new id each move: assistive technology speaks the option it points to.
    activeWeight.id = id;
    activeWeight.dataset.weight = link ? `${link.l},${link.i},${link.j}` : `${bias?.l},${bias?.j}`;
    shell.biasLayer.querySelector('.nv-bias.is-active')?.classList.remove('is-active');
    bias?.group.classList.add('is-active');
    activeWeight.setAttribute('aria-setsize', String(roving.length));
    activeWeight.setAttribute('aria-posinset', String(rovingIndex + 1));
    weights.setAttribute('aria-activedescendant', id);
    const box = weightBox(state, target);
    const style = activeWeight.style;
    style.left = `${box.left}px`;
    style.top = `${box.top}px`;
    style.width = `${box.width}px`;
    style.height = `${box.height}px`;
  }
  write(activeWeight, 'aria-label', weightText(state, target).label);
}

/**
 * The box a weight takes in the content: a link's ends, a bias's hit box.
 * @param {ViewState} state
 * @param {Editable} target
 */
function weightBox({ scene }, target) {
  if (target.kind === 'link') {
    const { k } = target.link;
    const [x1, y1, x2, y2] = scene.links.subarray(4 * k, 4 * k + 4);
    return { left: Math.min(x1, x2), top: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.max(1, Math.abs(y2 - y1)) };
  }
  const { b } = target.bias;
  const size = scene.biasHitSize;
  return { left: scene.nodes[2 * b] - size / 2, top: scene.nodes[2 * b + 1] + scene.nodeSize - size / 2, width: size, height: size };
}

/**
 * The texts with the current values: the tooltips of the biases under the
 * pointer, being edited or in the listbox, the option of the weight the
 * listbox is on, the tooltip of the link under the pointer.
 * @param {import('./build.js').Shell} shell
 * @param {ViewState} state
 */
export function refreshLabels(shell, state) {
  window.clearTimeout(state.labelTimer);
  state.labelTimer = 0;
  state.labelsDirty = false;
  const { diagram, editing } = state;
  for (const weight of [editing, diagram.roving[diagram.rovingIndex]]) {
    if (weight?.kind === 'bias') writeBiasTip(state, weight);
  }
  showActiveWeight(shell, state);
  showHoveredTip(shell, state);
  state.labelsAt = performance.now();
}

/**
 * A bias's tooltip (its SVG title) with its current value. Only the biases
 * someone may be reading are rewritten: a new text in each of a large
 * network's titles costs the page a layout of the whole diagram.
 * @param {ViewState} state
 * @param {Extract<Editable, { kind: 'bias' }>} weight
 */
function writeBiasTip(state, weight) {
  write(weight.bias.tip, null, weightText(state, weight).tip);
}

/**
 * The tooltip of the weight under the pointer: the links' surface takes the
 * link's (the browser shows an element's title), a bias's title its own.
 * @param {import('./build.js').Shell} shell
 * @param {ViewState} state
 */
export function showHoveredTip({ linkLayer }, state) {
  const { hovered } = state;
  if (hovered?.kind === 'link') write(linkLayer, 'title', weightText(state, hovered).tip);
  else if (linkLayer.hasAttribute('title')) linkLayer.removeAttribute('title');
  if (hovered?.kind === 'bias') writeBiasTip(state, hovered);
}

/**
 * Per frame: refreshes the texts if they are out of date or due, else makes
 * sure a refresh comes.
 * @param {import('./build.js').Shell} shell
 * @param {ViewState} state
 */
export function followLabels(shell, state) {
  const now = performance.now();
  if (state.labelsDirty || now - state.labelsAt > LABEL_INTERVAL) {
    refreshLabels(shell, state);
  } else if (state.labelTimer === 0) {
    // Training may pause before the next refresh is due: catch up then.
    state.labelTimer = window.setTimeout(() => refreshLabels(shell, state), LABEL_INTERVAL);
  }
}
