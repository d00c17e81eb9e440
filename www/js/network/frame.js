// @ts-check
// The network view's frame: what it reads from the run and hands to the
// painter (paint.js) — every hidden and output node's heatmap, each link's
// width and colour from w_ij, each bias's square from w_0j, the ring on the
// node the main plot shows, the weights drawn at full strength — and the
// snapshot of what was painted, for tests and scripts.

import { biasSide, linkWidth } from './layout.js';

/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('./build.js').Shell} Shell */
/** @typedef {import('./build.js').Editable} Editable */
/** @typedef {import('./view-state.js').ViewState} ViewState */
/** @typedef {import('./paint.js').NetworkPainter} NetworkPainter */

/**
 * What the canvas shows, in its CSS pixels (multiply by devicePixelRatio for
 * its backing store): read-only copies.
 * @typedef {object} DiagramSnapshot
 * @property {number} ratio  backing store pixels per CSS pixel
 * @property {{ node: number, left: number, top: number, size: number }[]} nodes  hidden and output nodes
 * @property {{ link: string, width: number, negative: boolean, x1: number, y1: number, x2: number, y2: number }[]} links
 * @property {{ bias: string, side: number, negative: boolean, x: number, y: number }[]} biases  centre of each square
 * @property {number[] | null} gauges  fill of each node's |δ| gauge, like `nodes`
 * @property {string} positive  colour of w > 0
 * @property {string} negative  colour of w < 0
 * @property {boolean} labelsPending  the texts (tooltips, descriptions) lag the
 *   picture until a refresh that is due (they follow it at most twice a second)
 * @property {'worker' | 'page'} linkPainter  who paints the links' layer
 * @property {number} linkPaints  paints of the links' layer shown so far (a
 *   worker may have one more in hand and one waiting)
 */

/**
 * Sizes the scene's arrays for a newly built diagram.
 * @param {ViewState} state
 */
export function resetScene({ scene, diagram }) {
  const { links, thumbNodes } = diagram;
  scene.links = new Float32Array(4 * links.length);
  scene.linkWidth = new Float32Array(links.length);
  scene.linkNegative = new Uint8Array(links.length);
  scene.nodes = new Float32Array(2 * thumbNodes.length);
  scene.atlas?.reset(thumbNodes.length);
  scene.atlasPictures = null;
  scene.biasSide = new Float32Array(thumbNodes.length);
  scene.biasNegative = new Uint8Array(thumbNodes.length);
}

/**
 * Every hidden and output node's heatmap of the snapshot's pictures, into the
 * atlas (the painter scales each into the view), once per pictures: what a
 * node shows is always the network being trained.
 * @param {ViewState} state
 * @param {Run} source
 */
export function drawThumbnails({ diagram, scene }, source) {
  const pictures = source.pictures();
  if (!scene.atlas || pictures === scene.atlasPictures) return;
  scene.atlasPictures = pictures;
  scene.atlas.write(diagram.thumbNodes.map((node) => (node.index === null ? null : source.heatmap(node.index))));
}

/**
 * Link widths from |w_ij| and colours from the sign; bias squares from |w_0j|.
 * @param {ViewState} state
 */
export function readWeights({ weights, diagram, scene, linkScale, maxLinkWidth, nodeSize }) {
  const { links, biases } = diagram;
  let k = 0;
  for (let l = 0; l < weights.length; l += 1) {
    const w = weights[l].weights;
    for (let i = 0; i < w.length; i += 1) {
      const row = w[i];
      for (let j = 0; j < row.length; j += 1) {
        if (k >= links.length) break;
        const v = row[j];
        scene.linkWidth[k] = linkWidth(v, linkScale, maxLinkWidth);
        scene.linkNegative[k] = v < 0 ? 1 : 0;
        k += 1;
      }
    }
  }
  let b = 0;
  for (let l = 0; l < weights.length; l += 1) {
    const values = weights[l].biases;
    const count = biases[l]?.length ?? 0;
    for (let j = 0; j < count; j += 1) {
      const v = values[j] ?? 0;
      scene.biasSide[b] = biasSide(v, nodeSize);
      scene.biasNegative[b] = v < 0 ? 1 : 0;
      b += 1;
    }
  }
}

/**
 * Rings the node the main plot shows (the DOM changes only when it does).
 * @param {ViewState} state
 * @param {number | null} focus
 */
export function markFocus(state, focus) {
  state.shownFocus = focus;
  const focused = focus === null ? null : state.diagram.byIndex[focus] ?? null;
  if (focused !== state.markedFocus) {
    state.markedFocus?.button.classList.remove('is-focused');
    focused?.button.classList.add('is-focused');
    state.markedFocus = focused;
  }
}

/**
 * Paints the picture from what was last read: every frame, and on its own
 * when a highlight changes or the canvas was cleared while paused.
 * @param {Shell} shell
 * @param {ViewState} state
 * @param {NetworkPainter} painter
 */
export function paintDiagram({ doc, weights }, state, painter) {
  if (!state.pg || state.rebuilding || state.placedWidth < 0) return;
  const { scene, diagram, editing, hovered, gauges, markedFocus } = state;
  const { thumbNodes } = diagram;
  scene.gauges = gauges && gauges.length === thumbNodes.length ? gauges : null;
  scene.focused = markedFocus ? thumbNodes.indexOf(markedFocus) : -1;
  // The weight under the pointer, the one the weights' listbox is on while it
  // has the keyboard's focus, and the one being edited are drawn at full
  // strength, over a halo (a link's) or a filled hit box (a bias's).
  scene.hotLinks = [];
  scene.linkHalos = [];
  scene.hotBiases = [];
  const active = doc.activeElement;
  const onWeights = active === weights && weights.matches(':focus-visible');
  /** @type {[Editable | null | undefined, 'hover' | 'focus'][]} (a weight both focused and hovered shows as focused) */
  const hot = [[onWeights ? diagram.roving[diagram.rovingIndex] : null, 'focus'], [editing, 'focus'], [hovered, 'hover']];
  for (const [weight, kind] of hot) {
    if (weight?.kind === 'link' && !scene.hotLinks.includes(weight.link.k)) {
      scene.hotLinks.push(weight.link.k);
      scene.linkHalos.push({ link: weight.link.k, kind });
    } else if (weight?.kind === 'bias' && !scene.hotBiases.some((x) => x.bias === weight.bias.b)) {
      scene.hotBiases.push({ bias: weight.bias.b, kind });
    }
  }
  painter.paint(scene);
  state.paintDirty = false;
}

/**
 * Paints at the next frame (a highlight changed while the run may be
 * paused), unless a frame's update paints first.
 * @param {ViewState} state
 * @param {() => void} paint
 */
export function requestPaint(state, paint) {
  state.paintDirty = true;
  if (state.paintPending) return;
  state.paintPending = true;
  requestAnimationFrame(() => {
    state.paintPending = false;
    if (state.paintDirty) paint();
  });
}

/**
 * @param {ViewState} state
 * @param {HTMLCanvasElement} picture  the painted canvas
 * @param {{ painter: 'worker' | 'page', paints: number }} links  the links' layer
 * @returns {DiagramSnapshot}
 */
export function diagramSnapshot({ scene, diagram, labelTimer }, picture, links) {
  return {
    ratio: picture.width / Math.max(1, scene.width),
    nodes: diagram.thumbNodes.map((node, n) => ({
      node: node.index ?? -1, left: scene.nodes[2 * n], top: scene.nodes[2 * n + 1], size: scene.nodeSize,
    })),
    links: diagram.links.map((link, k) => ({
      link: `${link.l},${link.i},${link.j}`,
      width: scene.linkWidth[k],
      negative: scene.linkNegative[k] === 1,
      x1: scene.links[4 * k],
      y1: scene.links[4 * k + 1],
      x2: scene.links[4 * k + 2],
      y2: scene.links[4 * k + 3],
    })),
    biases: diagram.biases.flat().map((bias, b) => ({
      bias: `${bias.l},${bias.j}`,
      side: scene.biasSide[b],
      negative: scene.biasNegative[b] === 1,
      x: scene.nodes[2 * b],
      y: scene.nodes[2 * b + 1] + scene.nodeSize,
    })),
    gauges: scene.gauges ? Array.from(scene.gauges) : null,
    positive: scene.positive,
    negative: scene.negative,
    labelsPending: labelTimer !== 0,
    linkPainter: links.painter,
    linkPaints: links.paints,
  };
}
