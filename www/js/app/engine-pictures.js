// @ts-check
// The pictures of a snapshot, each at the resolution it is shown at: the main
// plot (the decision map, or the focused node's heatmap) on a fine grid, the
// network view's node thumbnails sampled from that grid at a coarser one (the
// core's sampledHeatmap: no second forward pass). Runs in the engine's worker.

/** @typedef {import('../../pkg/backprop_playground.js').Playground} Playground */
/** @typedef {import('./engine.js').Needs} Needs */

/**
 * @typedef {object} Pictures
 * @property {number} epoch       the epoch they show
 * @property {number | null} focus the node the plot shows (null: the output's decision map)
 * @property {boolean} discretize
 * @property {number} plotSize    cells per side of `plot`
 * @property {Uint8ClampedArray<ArrayBuffer>} plot  RGBA
 * @property {number} thumbSize   cells per side of each thumbnail
 * @property {(Uint8ClampedArray<ArrayBuffer> | null)[]} nodes  RGBA per node index (null: inputs, or not shown)
 */

/**
 * Evaluates the grids and colours what `needs` asks for.
 * @param {Playground} pg
 * @param {Needs} needs
 * @returns {Pictures}
 */
export function pictures(pg, needs) {
  const sizes = pg.layerSizes();
  const count = sizes.reduce((a, b) => a + b, 0);
  /** @type {(Uint8ClampedArray<ArrayBuffer> | null)[]} */
  const nodes = new Array(count).fill(null);
  const side = Math.min(needs.thumbSize, needs.plotSize);
  const focus = needs.focus !== null && needs.focus < count ? needs.focus : null;
  // With a thumbnail size, the pass keeps the hidden nodes at the thumbnails'
  // cells (copied out while in cache), and at every cell only when the plot
  // shows one of them.
  const hiddenFocus = focus !== null && focus >= sizes[0] && focus < count - sizes[sizes.length - 1];
  pg.evaluateGrid(needs.plotSize, needs.thumbnails ? side : undefined, hiddenFocus);
  const plot = focus === null ? pg.decisionHeatmap(needs.discretize) : pg.heatmap(focus, needs.discretize);
  if (needs.thumbnails) {
    for (let node = sizes[0]; node < count; node += 1) nodes[node] = pg.sampledHeatmap(node, side, needs.discretize);
  }
  return {
    epoch: pg.stats().epoch,
    focus,
    discretize: needs.discretize,
    plotSize: needs.plotSize,
    plot,
    thumbSize: needs.thumbSize,
    nodes,
  };
}
