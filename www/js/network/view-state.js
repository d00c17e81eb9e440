// @ts-check
// What the network view's parts share while it lives: the diagram built for
// the current network, the scene the canvas paints, the latest weights, what
// the pointer and the keyboard are on, and when the labels were last written.
// One object that network.js makes, so each part reads what another last set.

import { emptyDiagram } from './build.js';
import { MAX_NODE } from './layout.js';

/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('../../pkg/backprop_playground.js').LayerSpec} LayerWeights */
/** @typedef {import('./build.js').Diagram} Diagram */
/** @typedef {import('./build.js').NodeView} NodeView */
/** @typedef {import('./build.js').Editable} Editable */

/**
 * @typedef {object} ViewState
 * @property {Run | null} pg  the run the diagram was built for
 * @property {Diagram} diagram
 * @property {import('./paint.js').Scene} scene  what the canvas paints: positions from place.js, the rest per frame
 * @property {Float64Array | null} gauges  the |δ| gauges as deltas.js last gave them
 * @property {LayerWeights[]} weights  latest weights read, for the editor, the labels and the picture
 * @property {Editable | null} hovered  the link or bias under the pointer, for its highlight and tooltip
 * @property {Editable | null} pressed  the weight under the last press, which its click opens (a click's
 *   coordinates are whole pixels, a press's are not: among dense links, the one highlighted is the one pressed)
 * @property {boolean} paintPending  a paint is asked for at the next animation frame
 * @property {boolean} paintDirty  something changed since the last paint
 * @property {number} nodeSize
 * @property {number} maxLinkWidth
 * @property {number} linkScale
 * @property {number} placedWidth  the width last laid out for (−1: not laid out since the rebuild)
 * @property {number | null} shownFocus  the node the main plot shows, as of the last update
 * @property {NodeView | null} markedFocus  the node ringed as shown
 * @property {number | null} keyboardShown  a node shown because a keyboard user focused it (Tab), to undo on leaving it
 * @property {string} lastPointerType
 * @property {boolean} pointerFocus  a pointer press is under way: the focus it gives a node is not a keyboard focus
 * @property {boolean} keyboardModality  the last input was a key (not a pointer): a rebuild gives the focus back
 * @property {boolean} rebuilding  set while the DOM is being replaced: events from the old nodes are ignored
 * @property {number} labelTimer  a label refresh is due (0: none)
 * @property {boolean} labelsDirty
 * @property {number} labelsAt  when the labels were last written (performance.now())
 * @property {Uint8ClampedArray} paletteProbe  a tiny feature heatmap; it changes when the palette does
 * @property {{ positive: string, negative: string }} colourNames  the link colours, as the tooltips name them
 * @property {Editable | null} editing  the weight the editor is open on
 */

/** @returns {ViewState} */
export function createViewState() {
  return {
    pg: null,
    diagram: emptyDiagram(),
    scene: {
      width: 0,
      height: 0,
      nodeSize: MAX_NODE,
      links: new Float32Array(0),
      linkWidth: new Float32Array(0),
      linkNegative: new Uint8Array(0),
      hotLinks: [],
      linkHalos: [],
      nodes: new Float32Array(0),
      atlas: null,
      atlasPictures: null,
      focused: -1,
      biasSide: new Float32Array(0),
      biasNegative: new Uint8Array(0),
      biasHitSize: 14,
      hotBiases: [],
      gauges: null,
      positive: 'rgb(8 119 189)',
      negative: 'rgb(245 147 34)',
    },
    gauges: null,
    weights: [],
    hovered: null,
    pressed: null,
    paintPending: false,
    paintDirty: false,
    nodeSize: MAX_NODE,
    maxLinkWidth: 7,
    linkScale: 1.6,
    placedWidth: -1,
    shownFocus: null,
    markedFocus: null,
    keyboardShown: null,
    lastPointerType: 'mouse',
    pointerFocus: false,
    keyboardModality: false,
    rebuilding: false,
    labelTimer: 0,
    labelsDirty: true,
    labelsAt: 0,
    paletteProbe: new Uint8ClampedArray(0),
    colourNames: { positive: 'blue', negative: 'orange' },
    editing: null,
  };
}
