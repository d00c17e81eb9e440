// @ts-check
// What the network view does with the pointer and the keyboard: hovering a
// node with the mouse shows it in the main plot, a tap (or Enter) toggles
// between a node and the output, keyboard focus previews a node; a click on
// an input switches it; a click, tap or Enter on a link or bias opens the
// weight editor; the arrow keys move from weight to weight (one tab stop for
// them all); hovered and focused weights are highlighted.

import { clamp } from './layout.js';
import { sourceNode } from './build.js';

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
 * @param {Diagram} diagram
 * @param {EventTarget | null} target
 */
function editableOf(diagram, target) {
  if (!(target instanceof Element)) return null;
  const hit = target.closest('.nv-hit, .nv-bias');
  if (!hit) return null;
  const link = diagram.links.find((x) => x.hit === hit);
  if (link) return /** @type {Editable} */ ({ kind: 'link', link });
  for (const row of diagram.biases) {
    const bias = row.find((x) => x.group === hit);
    if (bias) return /** @type {Editable} */ ({ kind: 'bias', bias });
  }
  return null;
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
 * @param {Diagram} diagram
 * @param {SVGPathElement | SVGGElement} el  the weight that takes the group's tab stop
 */
function setRoving(diagram, el) {
  const at = diagram.roving.indexOf(el);
  if (at < 0 || at === diagram.rovingIndex) return;
  diagram.roving[diagram.rovingIndex]?.setAttribute('tabindex', '-1');
  el.setAttribute('tabindex', '0');
  diagram.rovingIndex = at;
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
    if (state.editing && !editor.el.contains(target) && !editableOf(state.diagram, target)) editor.close(false);
    // A tap on the empty view goes back to the output.
    const interactive = target.closest('button, .nv-hit, .nv-bias, .nv-editor');
    if (!interactive) show(view, null);
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
 * Hover: the weight under the mouse is highlighted, the node under it shown.
 * @param {Interaction} view
 */
export function listenForHover(view) {
  const { shell: { root }, state, requestPaint } = view;
  root.addEventListener('pointerover', (event) => {
    const weight = event.target instanceof Element ? event.target.closest('.nv-hit, .nv-bias') : null;
    if (weight !== state.hovered) {
      state.hovered = weight;
      requestPaint();
    }
    if (event.pointerType !== 'mouse') return;
    const node = nodeOf(state.diagram, event.target);
    if (node && node.index !== null) show(view, node);
  });
  root.addEventListener('pointerout', (event) => {
    const next = event.relatedTarget instanceof Element ? event.relatedTarget.closest('.nv-hit, .nv-bias') : null;
    if (state.hovered !== null && next !== state.hovered) {
      state.hovered = next !== null && root.contains(next) ? next : null;
      requestPaint();
    }
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
  const { shell: { root, content }, state, handlers, editor } = view;
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
    const editable = editableOf(state.diagram, event.target);
    if (editable) {
      const at = event.detail === 0 ? anchorOf(state, editable) : toContent(content, event.clientX, event.clientY);
      const opener = editable.kind === 'link' ? editable.link.hit : editable.bias.group;
      setRoving(state.diagram, opener);
      editor.open(editable, at.x, at.y, opener);
    }
  });
}

/**
 * Focus: a keyboard focus previews a node until it leaves the nodes; the
 * focused weight takes the tab stop and is highlighted.
 * @param {Interaction} view
 */
export function listenForFocus(view) {
  const { shell: { root }, state, requestPaint } = view;
  root.addEventListener('focusin', (event) => {
    const target = /** @type {Element} */ (event.target);
    requestPaint();
    const { diagram } = state;
    if (diagram.roving.includes(/** @type {any} */ (target))) setRoving(diagram, /** @type {SVGPathElement | SVGGElement} */ (target));
    const node = nodeOf(diagram, target);
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
  const { shell: { root }, state, editor } = view;
  root.addEventListener('keydown', (event) => {
    const target = /** @type {Element} */ (event.target);
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
    const { diagram } = state;
    const { roving } = diagram;
    const at = roving.indexOf(/** @type {any} */ (target));
    if (at < 0) return;
    /** @type {Record<string, number>} */
    const moves = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: roving.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      const next = roving[clamp(moves[event.key], 0, roving.length - 1)];
      setRoving(diagram, next);
      next.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const editable = editableOf(diagram, target);
      if (editable) {
        const anchor = anchorOf(state, editable);
        editor.open(editable, anchor.x, anchor.y, target);
      }
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
