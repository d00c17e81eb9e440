// @ts-check
// The network view: the diagram of the network in the middle column. Every
// candidate input feature is a switch, each hidden layer a column of units with
// its own − / + buttons, the output(s) last; every node shows a thumbnail of its
// output o_j over the input plane, every link w_ij a stroke whose width follows
// |w_ij| and whose colour follows its sign, every node its bias w_0j as a small
// square. Links and biases open an editor that sets the weight on the core.
//
// The DOM is built once per network (`rebuild`, build.js) and positioned once
// per width (`place`, place.js with the geometry of layout.js): buttons, the
// biases' hit boxes, labels; the links have no elements (the pointer finds
// them by their curves, the keyboard through one listbox, interaction.js), so
// an 8 × 32 network's diagram is a few hundred elements. What changes while training
// (every link, every hidden and output node's heatmap, the biases, the |δ|
// gauges) is read every frame (frame.js) and painted into two canvases under
// them (paint.js; the links into a layer of their own, links-layer.js, which
// a worker paints where the browser can), so `update` leaves the DOM alone —
// but for the ring on the focused node and the labels, twice a second
// (labels.js) — and a 7-input, 6×8-hidden network (≈ 390 links, 49 heatmaps)
// stays cheap to redraw.
// This file wires the parts together: the weight editor (editor.js), the
// pointer and keyboard (interaction.js), the palette (palette.js), sharing one
// ViewState (view-state.js).

import { buildDiagram, buildShell, drawFeatureThumbnails, mountShell } from './build.js';
import { createWeightEditor } from './editor.js';
import {
  diagramSnapshot, drawThumbnails, markFocus, paintDiagram, readWeights, requestPaint, resetScene,
} from './frame.js';
import { listenForClicks, listenForFocus, listenForHover, listenForKeys, listenForPresses, rememberFocus } from './interaction.js';
import { describe, followLabels, showActiveWeight, showHoveredTip } from './labels.js';
import { createNetworkPainter } from './paint.js';
import { followPalette } from './palette.js';
import { placeDiagram } from './place.js';
import { createTileAtlas } from './tile-atlas.js';
import { createViewState } from './view-state.js';

/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../../pkg/backprop_playground.js').Feature} FeatureName */
/** @typedef {import('./frame.js').DiagramSnapshot} DiagramSnapshot */

/**
 * @typedef {object} Display
 * @property {number | null} focus   node shown enlarged in the main plot (null: the output)
 * @property {boolean} discretize
 * @property {boolean} showTest
 * @property {boolean} showAugmented  draw the augmented training points of the last epoch
 * @property {boolean} showDeltas  the |δ_j| gauges on the nodes
 */

/**
 * @typedef {object} NetworkHandlers
 * @property {(name: FeatureName) => void} onToggleFeature  switch an input feature on or off
 * @property {(layer: number, delta: 1 | -1) => void} onUnits  add or remove a unit of hidden layer `layer`
 * @property {(node: number | null, label: string) => void} onFocus  show a node's heatmap in the main plot (null: back to the output)
 * @property {(layer: number, i: number, j: number, value: number) => void} setWeight  sets w_ij by hand; throws when refused
 * @property {(layer: number, j: number, value: number) => void} setBias  sets a bias by hand; throws when refused
 * @property {() => void} onEdited  a weight or bias was set by hand: redraw
 * @property {(axis: 0 | 1, layer: number, i: number | null, j: number, name: string) => void} [onPinAxis]
 *   make w_ij (i null: the bias of unit j) axis u (0) or v (1) of the loss surface
 */

/**
 * @typedef {object} NetworkView
 * @property {(pg: Run, config: Config) => void} rebuild  a new Playground (the structure may differ)
 * @property {(pg: Run) => void} build  `rebuild` in two parts: the elements, unplaced…
 * @property {() => void} place  …and their places (else the next update places them)
 * @property {(pg: Run, display: Display) => void} update  per snapshot drawn
 * @property {(fractions: Float64Array | null) => void} setGauges  the |δ_j| gauges' fill (0–1) per hidden
 *   and output node in index order, or null to draw none; shown from the next paint
 * @property {() => DiagramSnapshot} snapshot  what the last paint drew, for tests and scripts
 * @property {(l: number, i: number | null, j: number) => string} weightName  what the diagram calls
 *   w_ij of weight layer l (i null: the bias of unit j), e.g. "w from x₁ to h₁,₁"
 * @property {(box: import('./links-layer.js').PixelBox) => Promise<Uint8ClampedArray>} linkPixels  RGBA of
 *   a box of the links' layer (device pixels) once the paints asked for are done, for tests
 * @property {() => void} close  ends the worker that paints the links (the page is going away)
 */

/**
 * @typedef {object} NetworkOptions
 * @property {() => Worker} [startWorker]  starts the engine's script, which paints the links
 *   when handed their canvas (without it the page paints them)
 * @property {number} maxUnits  the most units a hidden layer may have (the core's schema)
 * @property {readonly import('../../pkg/backprop_playground.js').PaletteColours[]} palettes  the core's
 *   palettes (its schema), which name the links' colours
 */

/**
 * @param {HTMLElement} root
 * @param {NetworkHandlers} handlers
 * @param {NetworkOptions} options
 * @returns {NetworkView}
 */
export function createNetworkView(root, handlers, options) {
  const shell = buildShell(root);
  const state = createViewState();
  state.scene.atlas = createTileAtlas(shell.doc);
  const paintSoon = () => requestPaint(state, paint);
  const editor = createWeightEditor(shell, state, handlers, paintSoon);
  mountShell(shell, editor.el);
  const painter = createNetworkPainter(shell, shell.content, () => paint(), options.startWorker ?? null);

  function paint() {
    paintDiagram(shell, state, painter);
  }

  /**
   * Positions every element for the current width of the view; below the
   * smallest node size the content gets wider than the view, which then
   * scrolls sideways.
   */
  function place() {
    // The view's width as the browser last laid it out: reading it afresh
    // here would lay out the whole page (a new network's elements were just
    // made); a change of width re-places the diagram (the observer below).
    const width = laidOut.width() ?? Math.floor(root.clientWidth);
    if (width < 40 || state.diagram.columns.length === 0) return;
    state.placedWidth = width;
    editor.close(false);
    placeDiagram(shell, state, width, painter);
    // The listbox's option sits over its weight, which moved.
    shell.activeWeight.id = '';
    showActiveWeight(shell, state);
    // Resizing the canvas cleared it, and stroke widths follow the node size:
    // a paused run gets no other paint.
    readWeights(state);
    paint();
  }

  /**
   * Builds every element for the network of `next`. Positions come from `place`.
   * @param {Run} next
   */
  function build(next) {
    const sizes = Array.from(next.layerSizes());
    const active = next.featureNames();
    state.weights = next.weights().layers;
    state.diagram = buildDiagram(shell, sizes, active, state.weights, handlers.onUnits, options.maxUnits);
    resetScene(state);
    readWeights(state);
    state.gauges = null;
    state.hovered = null;
    shell.linkLayer.classList.remove('is-over-link');
    showHoveredTip(shell, state);
    state.markedFocus = null;
    state.shownFocus = null;
    state.keyboardShown = null;
    state.labelsDirty = true;
    state.paletteProbe = new Uint8ClampedArray(0);
    drawFeatureThumbnails(shell.doc, state.diagram.columns[0], next);
    state.pg = next;
  }

  /**
   * Reads the frame's weights and every node's heatmap from the core, then
   * paints. The DOM changes only when the focused node does, and the labels at
   * most twice a second.
   * @param {Run} source
   * @param {Display} display
   */
  function update(source, display) {
    if (source !== state.pg || state.rebuilding) return;
    if (state.placedWidth < 0) place();
    followPalette(shell.doc, state, source, options.palettes);
    state.weights = source.weights().layers;
    drawThumbnails(state, source);
    readWeights(state);
    // The node the main plot shows is ringed.
    markFocus(state, display.focus);
    paint();
    followLabels(shell, state);
    editor.showCurrent();
  }

  const view = { shell, state, handlers, editor, requestPaint: paintSoon };
  listenForPresses(view);
  listenForHover(view);
  listenForClicks(view);
  listenForFocus(view);
  listenForKeys(view);

  // Re-lay out when the column changes width (not on every height change).
  const laidOut = followWidth(root, (width) => {
    if (width !== state.placedWidth) place();
  });

  /**
   * Builds the elements for `next`, unplaced: `place` (or the first update)
   * positions them.
   * @param {Run} next
   */
  function rebuildUnplaced(next) {
    const refocus = rememberFocus(shell, state);
    editor.close(false);
    // Removing the focused node fires focusout (in Chromium): the old
    // nodes must not answer it, nor draw, while the new ones are built.
    state.rebuilding = true;
    state.keyboardShown = null;
    try {
      build(next);
    } finally {
      state.rebuilding = false;
    }
    state.placedWidth = -1;
    if (refocus) queueMicrotask(() => refocus()?.focus());
  }

  return {
    rebuild(next) {
      rebuildUnplaced(next);
      place();
    },
    build: rebuildUnplaced,
    place() {
      if (state.placedWidth < 0) place();
    },
    update,
    weightName(l, i, j) {
      const target = i === null
        ? /** @type {import('./build.js').Editable} */ ({ kind: 'bias', bias: { l, j } })
        : /** @type {import('./build.js').Editable} */ ({ kind: 'link', link: { l, i, j } });
      return describe(state.diagram, target).title;
    },
    setGauges(fractions) {
      state.gauges = fractions;
      paintSoon();
    },
    snapshot: () => diagramSnapshot(state, shell.picture, painter.links.status()),
    linkPixels: (box) => painter.links.pixels(box),
    close: () => painter.links.close(),
  };
}

/**
 * Follows the width of `root` as the browser lays it out. `width()` is the
 * one its observer last saw (undefined before the first layout): reading it
 * lays nothing out, where `clientWidth` after a change would lay out the
 * whole page. `onWidth` gets the width in the frame after a resize.
 * @param {HTMLElement} root
 * @param {(width: number) => void} onWidth
 * @returns {{ width: () => number | undefined }}
 */
function followWidth(root, onWidth) {
  /** @type {number | undefined} */
  let width;
  let pending = false;
  new ResizeObserver(() => {
    // Layout is fresh while observers run: this read costs nothing.
    width = Math.floor(root.clientWidth);
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      // Read again: the page may have changed since the observer ran (an
      // embed fits its panels to the window), and a resize is rare.
      width = Math.floor(root.clientWidth);
      onWidth(width);
    });
  }).observe(root);
  return { width: () => width };
}
