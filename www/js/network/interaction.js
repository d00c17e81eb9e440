// @ts-check
// What the network view does with the pointer and the keyboard: hovering a
// node with the mouse shows it in the main plot, a tap (or Enter) toggles
// between a node and the output, keyboard focus previews a node; a click on
// an input switches it; a click, tap or Enter on a link or bias opens the
// weight editor; the arrow keys move from weight to weight in the weights'
// listbox (one tab stop for them all); hovered and focused weights are
// highlighted. Links have no elements: the one under the pointer is found by
// its curve (layout.js `linkAt`).

import { clamp, linkAt } from './layout.js';
import { sourceNode } from './build.js';
import { showActiveWeight, showHoveredTip } from './labels.js';

/** @typedef {import('./build.js').Shell} Shell */
/** @typedef {import('./build.js').Diagram} Diagram */
/** @typedef {import('./build.js').NodeView} NodeView */
/** @typedef {import('./build.js').Editable} Editable */
/** @typedef {import('./view-state.js').ViewState} ViewState */
/** @typedef {import('./editor.js').WeightEditor} WeightEditor */
/** @typedef {import('./network.js').NetworkHandlers} NetworkHandlers */

/**
 * What the listeners act on.
 * @typedef {object} Interaction
 * @property {Shell} shell
 * @property {ViewState} state
 * @property {NetworkHandlers} handlers
 * @property {WeightEditor} editor
 * @property {() => void} requestPaint
 */

/**
 * Shows a node in the main plot, or the output for null or an input that is off.
 * @param {Interaction} view
 * @param {NodeView | null} node
 */
function show({ state, handlers }, node) {
  if (state.rebuilding) return;
  if (node === null || node.index === null) {
    if (state.shownFocus !== null) handlers.onFocus(null, '');
    return;
  }
  if (state.shownFocus !== node.index) handlers.onFocus(node.index, node.label);
}

/**
 * @param {Diagram} diagram
 * @param {EventTarget | null} target
 */
function nodeOf(diagram, target) {
  if (!(target instanceof Element)) return null;
  const button = target.closest('.nv-node');
  if (!button) return null;
  for (const column of diagram.columns) for (const node of column) if (node.button === button) return node;
  return null;
}

/**
 * The bias whose hit box `target` is in.
 * @param {Diagram} diagram
 * @param {EventTarget | null} target
 * @returns {Editable | null}
 */
function biasOf(diagram, target) {
  if (!(target instanceof Element)) return null;
  const group = target.closest('.nv-bias');
  if (!group) return null;
  for (const row of diagram.biases) {
    const bias = row.find((x) => x.group === group);
    if (bias) return { kind: 'bias', bias };
  }
  return null;
}

/**
 * The weight under the pointer: a bias's hit box, or the link whose curve
 * passes within reach of the point on the links' surface.
 * @param {Interaction} view
 * @param {MouseEvent} event
 * @returns {Editable | null}
 */
function weightAt({ shell, state }, event) {
  const bias = biasOf(state.diagram, event.target);
  if (bias) return bias;
  if (event.target !== shell.linkLayer) return null;
  const at = toContent(shell.content, event.clientX, event.clientY);
  const k = linkAt(state.scene.links, at.x, at.y);
  return k < 0 ? null : { kind: 'link', link: state.diagram.links[k] };
}

/**
 * @param {Editable | null} a
 * @param {Editable | null} b
 */
function sameWeight(a, b) {
  if (a === null || b === null) return a === b;
  return a.kind === 'link' ? b.kind === 'link' && a.link === b.link : b.kind === 'bias' && a.bias === b.bias;
}

/**
 * Content coordinates of a point on the screen.
 * @param {HTMLElement} content
 * @param {number} clientX
 * @param {number} clientY
 */
function toContent(content, clientX, clientY) {
  const rect = content.getBoundingClientRect();
  // An embed may scale the diagram down to fit (js/embed.js).
  const scale = content.offsetWidth > 0 ? rect.width / content.offsetWidth : 1;
  return { x: (clientX - rect.left) / scale, y: (clientY - rect.top) / scale };
}

/**
 * Where the editor opens when no pointer says so: a bias's corner, a link's middle.
 * @param {ViewState} state
 * @param {Editable} target
 */
function anchorOf({ diagram, nodeSize }, target) {
  if (target.kind === 'bias') {
    const node = diagram.columns[target.bias.l + 1][target.bias.j];
    return { x: node.cx - nodeSize / 2, y: node.cy + nodeSize / 2 };
  }
  const { l, i, j } = target.link;
  const from = sourceNode(diagram, l, i);
  const to = diagram.columns[l + 1][j];
  return { x: (from.cx + to.cx) / 2, y: (from.cy + to.cy) / 2 };
}

/**
 * Puts the weights' listbox on a weight.
 * @param {Interaction} view
 * @param {Editable} target
 */
function setRoving({ shell, state }, target) {
  const { diagram } = state;
  const at = diagram.roving.findIndex((x) => sameWeight(x, target));
  if (at < 0) return;
  diagram.rovingIndex = at;
  showActiveWeight(shell, state);
}

/**
 * The weight under the pointer is highlighted, and its tooltip shown.
 * @param {Interaction} view
 * @param {Editable | null} weight
 */
function hover(view, weight) {
  const { shell, state } = view;
  if (sameWeight(weight, state.hovered)) return;
  state.hovered = weight;
  shell.linkLayer.classList.toggle('is-over-link', weight?.kind === 'link');
  showHoveredTip(shell, state);
  view.requestPaint();
}

/**
 * Presses: which kind of pointer was last used, a tap on the empty view goes
 * back to the output, a press elsewhere closes the editor; a key makes the
 * next focus a keyboard one.
 * @param {Interaction} view
 */
export function listenForPresses(view) {
  const { shell: { root, doc }, state, editor } = view;
  root.addEventListener('pointerdown', (event) => {
    state.lastPointerType = event.pointerType || 'mouse';
    state.pointerFocus = true;
    const target = /** @type {Element} */ (event.target);
    const weight = weightAt(view, event);
    state.pressed = weight;
    if (state.editing && !editor.el.contains(target) && !weight) editor.close(false);
    // A tap on the empty view goes back to the output.
    if (!weight && !target.closest('button, .nv-editor')) show(view, null);
  });
  doc.addEventListener('pointerdown', (event) => {
    state.keyboardModality = false;
    if (state.editing && !root.contains(/** @type {Node} */ (event.target))) editor.close(false);
  }, true);
  doc.addEventListener('keydown', () => {
    state.keyboardModality = true;
    state.pointerFocus = false;
  }, true);
}

/**
 * Hover: the weight under the pointer is highlighted, the node under the mouse shown.
 * @param {Interaction} view
 */
export function listenForHover(view) {
  const { shell: { root }, state } = view;
  root.addEventListener('pointermove', (event) => hover(view, weightAt(view, event)));
  root.addEventListener('pointerleave', () => hover(view, null));
  root.addEventListener('pointerover', (event) => {
    if (event.pointerType !== 'mouse') return;
    const node = nodeOf(state.diagram, event.target);
    if (node && node.index !== null) show(view, node);
  });
  root.addEventListener('pointerout', (event) => {
    if (event.pointerType !== 'mouse') return;
    const node = nodeOf(state.diagram, event.target);
    if (!node || node.index === null) return;
    // Still inside the same node (e.g. onto its thumbnail): not a leave.
    if (nodeOf(state.diagram, event.relatedTarget) === node) return;
    if (state.shownFocus === node.index) show(view, null);
  });
}

/**
 * Clicks: an input switches, a node is shown, a weight opens the editor.
 * @param {Interaction} view
 */
export function listenForClicks(view) {
  const { shell: { root, content, weights }, state, handlers, editor } = view;
  root.addEventListener('click', (event) => {
    // The press is over (a tap focuses its target late, just before the click).
    state.pointerFocus = false;
    const pointerType = ('pointerType' in event && typeof event.pointerType === 'string' && event.pointerType)
      || (event.detail === 0 ? 'keyboard' : state.lastPointerType);
    const node = nodeOf(state.diagram, event.target);
    if (node) {
      if (node.feature !== null) {
        handlers.onToggleFeature(node.feature);
        return;
      }
      // A tap (or Enter) toggles between this node and the output; the mouse shows on hover.
      if (pointerType === 'mouse') show(view, node);
      else show(view, state.shownFocus === node.index ? null : node);
      return;
    }
    const weight = event.detail === 0 ? weightAt(view, event) : state.pressed;
    state.pressed = null;
    if (weight) {
      // The listbox takes it: the editor gives the focus back there.
      setRoving(view, weight);
      const at = event.detail === 0 ? anchorOf(state, weight) : toContent(content, event.clientX, event.clientY);
      editor.open(weight, at.x, at.y, weights);
    }
  });
}

/**
 * Focus: a keyboard focus previews a node until it leaves the nodes; the
 * weight the focused listbox is on is highlighted.
 * @param {Interaction} view
 */
export function listenForFocus(view) {
  const { shell: { root }, state, requestPaint } = view;
  root.addEventListener('focusin', (event) => {
    const target = /** @type {Element} */ (event.target);
    requestPaint();
    const node = nodeOf(state.diagram, target);
    // Keyboard (or script) focus previews a node; the focus a click or tap
    // gives is left to the pointer rules.
    if (node && node.index !== null && !state.pointerFocus) {
      state.keyboardShown = node.index;
      show(view, node);
    }
  });
  root.addEventListener('focusout', (event) => {
    requestPaint();
    if (state.keyboardShown === null) return;
    const next = nodeOf(state.diagram, event.relatedTarget);
    if (next && next.index !== null) return;
    if (state.shownFocus === state.keyboardShown) show(view, null);
    state.keyboardShown = null;
  });
}

/**
 * Keys: Escape closes the editor or goes back to the output; arrows, Home and
 * End move among the weights, Enter or space edits one.
 * @param {Interaction} view
 */
export function listenForKeys(view) {
  const { shell: { root, weights }, state, editor, requestPaint } = view;
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      if (state.editing) {
        event.preventDefault();
        editor.close(true);
      } else if (state.shownFocus !== null) {
        event.preventDefault();
        state.keyboardShown = null;
        show(view, null);
      }
      return;
    }
    if (event.target !== weights) return;
    const { roving, rovingIndex: at } = state.diagram;
    const current = roving[at];
    if (!current) return;
    /** @type {Record<string, number>} */
    const moves = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: roving.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      setRoving(view, roving[clamp(moves[event.key], 0, roving.length - 1)]);
      view.shell.activeWeight.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      requestPaint();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const anchor = anchorOf(state, current);
      editor.open(current, anchor.x, anchor.y, weights);
    }
  });
}

/**
 * What had the keyboard focus before a rebuild, to give it back after: a
 * keyboard user toggling a feature or a unit count keeps their place.
 * @param {Shell} shell
 * @param {ViewState} state
 * @returns {(() => HTMLElement | null) | null}
 */
export function rememberFocus({ root, doc }, state) {
  const active = doc.activeElement;
  if (!state.keyboardModality || !(active instanceof HTMLElement) || !root.contains(active)) return null;
  const feature = active.dataset.feature;
  if (feature) return () => root.querySelector(`[data-feature="${feature}"]`);
  const units = active.dataset.units;
  if (units) {
    const [layer] = units.split(',');
    return () => {
      const same = /** @type {HTMLButtonElement | null} */ (root.querySelector(`[data-units="${units}"]`));
      if (same && !same.disabled) return same;
      return root.querySelector(`[data-units^="${layer},"]:not(:disabled)`);
    };
  }
  return null;
}
