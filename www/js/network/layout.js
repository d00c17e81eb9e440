// @ts-check
// The network diagram's geometry as plain functions of numbers: how large the
// nodes are and where they sit for a width of the view, where a link runs and
// which link a point is on, how thick a weight's stroke and how large a bias's
// square is, where the weight editor opens. Nothing here touches the DOM:
// place.js, interaction.js and editor.js apply what these compute.

/** Thumbnail side in CSS pixels: as large as fits, never below the minimum. */
export const MAX_NODE = 40;
export const MIN_NODE = 18;
/** On a wide view (a wide screen's middle column) nodes may grow up to this: width / 16. */
const WIDE_MAX_NODE = 56;
/** Height the tallest column may take before nodes shrink (then the view grows). */
const TARGET_COLUMN_HEIGHT = 520;
/** Room under an input thumbnail for its name. */
const INPUT_LABEL_HEIGHT = 14;
/** Half the width of the widest input name ("sin x₁"), so it is never clipped. */
export const INPUT_LABEL_HALF = 19;
/** Thinnest link stroke; it grows with |w_ij| (per unit: node size / 25) up to a limit tied to the node size. */
const LINK_MIN_WIDTH = 0.5;

/**
 * @param {number} v
 * @param {number} lo
 * @param {number} hi
 */
export function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * Where everything sits for one width of the view, in content pixels.
 * @typedef {object} Layout
 * @property {number} nodeSize      side of a node
 * @property {number} pitch         distance between the centres of two columns
 * @property {number} contentWidth  at least the view's width; wider, the view scrolls sideways
 * @property {number} height
 * @property {'wide' | 'mid' | 'tall'} headerMode  "− 4 units +", "− 4 +", or stacked
 * @property {number} headerHeight
 * @property {{ left: number, width: number }[]} headers  box of each hidden layer's − / + header
 * @property {{ cx: number, cy: number }[][]} centres  per column, per row: the node's centre
 * @property {number} maxLinkWidth  thickest link stroke
 * @property {number} linkScale     stroke width per unit of |w_ij|
 */

/**
 * Lays the diagram out for a view `width` pixels wide: node size and spacing
 * shrink with more layers and units; below the smallest node size the content
 * gets wider than the view.
 * @param {number} width  of the view, whole CSS pixels
 * @param {number[]} lengths  nodes per column: the inputs shown, each hidden layer, the outputs
 * @returns {Layout}
 */
export function layoutDiagram(width, lengths) {
  const count = lengths.length;
  const tallest = Math.max(1, ...lengths.slice(1));
  const maxNode = clamp(Math.floor(width / 16), MAX_NODE, WIDE_MAX_NODE);
  const cap = clamp(Math.floor(TARGET_COLUMN_HEIGHT / (tallest * 1.3)), MIN_NODE, maxNode);
  let s = cap;
  let left = 0;
  let right = 0;
  let pitch = 0;
  for (let pass = 0; pass < 3; pass += 1) {
    left = Math.max(s / 2, INPUT_LABEL_HALF) + 2;
    right = s / 2 + 4;
    pitch = (width - left - right) / (count - 1);
    s = clamp(Math.floor(pitch * 0.58), MIN_NODE, cap);
  }
  pitch = Math.max(pitch, s + 14);
  const contentWidth = Math.max(width, Math.ceil(left + pitch * (count - 1) + right));

  // Header styles by the room a column has: "− 4 units +", "− 4 +", or stacked.
  const headerMode = pitch >= 104 ? 'wide' : pitch >= 66 ? 'mid' : 'tall';
  const hiddenCount = count - 2;
  const headerHeight = hiddenCount === 0 ? 22 : headerMode === 'tall' ? 76 : 36;

  const gap = Math.max(5, Math.round(s * 0.28));
  const rowStep = s + gap;
  const inputStep = s + INPUT_LABEL_HEIGHT + Math.round(gap * 0.6);
  /** @param {number} c */
  const columnHeight = (c) => (c === 0
    ? lengths[0] * inputStep - (inputStep - s - INPUT_LABEL_HEIGHT)
    : lengths[c] * rowStep - gap);
  let area = 0;
  for (let c = 0; c < count; c += 1) area = Math.max(area, columnHeight(c));
  const top = headerHeight + 8;
  const height = Math.ceil(top + area + 8);

  const centres = lengths.map((length, c) => {
    const cx = left + c * pitch;
    const offset = top + (area - columnHeight(c)) / 2;
    const step = c === 0 ? inputStep : rowStep;
    // Whole pixels from the content's corner, so that the buttons the
    // browser lays out and the frames painted under them coincide.
    return Array.from({ length }, (_, r) => ({
      cx: Math.round(cx - s / 2) + s / 2,
      cy: Math.round(offset + r * step) + s / 2,
    }));
  });

  const headerWidth = Math.min(pitch - 4, 130);
  const headers = Array.from({ length: Math.max(0, hiddenCount) }, (_, h) => ({
    left: left + (h + 1) * pitch - headerWidth / 2,
    width: headerWidth,
  }));

  return {
    nodeSize: s,
    pitch,
    contentWidth,
    height,
    headerMode,
    headerHeight,
    headers,
    centres,
    // Thinner strokes for smaller (denser) diagrams, so bundles stay readable.
    maxLinkWidth: clamp(s * 0.18, 2.5, 7),
    linkScale: s / 25,
  };
}

/**
 * A link's curve from the right edge of node i to the left edge of unit j:
 * its ends to a tenth of a pixel (a cubic with both control points at the
 * middle x, as link-painter.js draws it and `curveDistance` measures it).
 * @param {{ cx: number, cy: number }} from
 * @param {{ cx: number, cy: number }} to
 * @param {number} nodeSize
 */
export function linkCurve(from, to, nodeSize) {
  const x1 = tenth(from.cx + nodeSize / 2);
  const x2 = tenth(to.cx - nodeSize / 2);
  const y1 = tenth(from.cy);
  const y2 = tenth(to.cy);
  return { x1, y1, x2, y2 };
}

/**
 * `x` to a tenth (toFixed and back took 8 × 32's 8,448 links 5 ms).
 * @param {number} x
 */
function tenth(x) {
  return Math.round(x * 10) / 10;
}

/** Width of the band around a link's curve that a pointer hits, and of its hover and focus halo. */
export const LINK_HIT_WIDTH = 10;
/** Chords per link when finding the one under the pointer: within half a pixel of the curve, however steep. */
const HIT_CHORDS = 32;

/**
 * Distance from (px, py) to the curve `linkCurve` draws from (x1, y1) to
 * (x2, y2), along HIT_CHORDS chords. With both control points at the middle
 * x, the curve is x(t) = x1 + (x2 − x1)(3t/2 − 3t²/2 + t³),
 * y(t) = y1 + (y2 − y1)(3t² − 2t³).
 * @param {number} x1
 * @param {number} y1
 * @param {number} x2
 * @param {number} y2
 * @param {number} px
 * @param {number} py
 */
export function curveDistance(x1, y1, x2, y2, px, py) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let best = Infinity;
  let ax = x1;
  let ay = y1;
  for (let n = 1; n <= HIT_CHORDS; n += 1) {
    const t = n / HIT_CHORDS;
    const bx = x1 + dx * (1.5 * t - 1.5 * t * t + t * t * t);
    const by = y1 + dy * (3 * t * t - 2 * t * t * t);
    // Distance to the chord from (ax, ay) to (bx, by).
    const cx = bx - ax;
    const cy = by - ay;
    const length2 = cx * cx + cy * cy;
    const u = length2 > 0 ? clamp(((px - ax) * cx + (py - ay) * cy) / length2, 0, 1) : 0;
    best = Math.min(best, Math.hypot(px - ax - u * cx, py - ay - u * cy));
    ax = bx;
    ay = by;
  }
  return best;
}

/**
 * The link under a point: of the links within half LINK_HIT_WIDTH of it, the
 * nearest, and of equally near ones the last (painted on top); −1 if none.
 * @param {Float32Array} ends  x1, y1, x2, y2 per link, as `linkCurve` gives them
 * @param {number} px  content pixels
 * @param {number} py
 */
export function linkAt(ends, px, py) {
  const reach = LINK_HIT_WIDTH / 2;
  let found = -1;
  let nearest = reach;
  for (let k = 0; 4 * k + 3 < ends.length; k += 1) {
    const x1 = ends[4 * k];
    const y1 = ends[4 * k + 1];
    const x2 = ends[4 * k + 2];
    const y2 = ends[4 * k + 3];
    // The curve stays within the box of its ends.
    if (px < Math.min(x1, x2) - reach || px > Math.max(x1, x2) + reach) continue;
    if (py < Math.min(y1, y2) - reach || py > Math.max(y1, y2) + reach) continue;
    const d = curveDistance(x1, y1, x2, y2, px, py);
    if (d <= nearest) {
      nearest = d;
      found = k;
    }
  }
  return found;
}

/**
 * Side of a bias's hit box: larger than its mark, so it is easy to hit.
 * @param {number} nodeSize
 */
export function biasHitSize(nodeSize) {
  return Math.max(14, Math.round(nodeSize * 0.45));
}

/**
 * Stroke width of a link for w_ij, to a tenth of a pixel.
 * @param {number} w
 * @param {number} linkScale  width per unit of |w_ij|
 * @param {number} maxLinkWidth
 */
export function linkWidth(w, linkScale, maxLinkWidth) {
  return Math.round(clamp(LINK_MIN_WIDTH + linkScale * Math.abs(w), LINK_MIN_WIDTH, maxLinkWidth) * 10) / 10;
}

/**
 * Side of a bias's square for w_0j, to half a pixel; at most a third of the node.
 * @param {number} w
 * @param {number} nodeSize
 */
export function biasSide(w, nodeSize) {
  return Math.round(clamp(4 + 2.5 * Math.abs(w), 4, Math.max(7, nodeSize * 0.34)) * 2) / 2;
}

/**
 * Where the weight editor opens for a point (x, y) of the content: below the
 * point if it fits on screen and in the view, else above; always inside the
 * visible part of the view. All in content pixels.
 * @param {object} at
 * @param {number} at.x
 * @param {number} at.y
 * @param {number} at.width          the editor's size
 * @param {number} at.height
 * @param {number} at.viewLeft       the visible part of the content, sideways
 * @param {number} at.viewRight
 * @param {number} at.contentHeight
 * @param {number} at.screenBottom   the window's bottom edge
 */
export function editorPosition({ x, y, width, height, viewLeft, viewRight, contentHeight, screenBottom }) {
  const left = clamp(x - width / 2, viewLeft + 4, Math.max(viewLeft + 4, viewRight - width - 4));
  const below = y + 14;
  const above = y - height - 14;
  const fitsBelow = below + height <= Math.min(contentHeight - 4, screenBottom - 4);
  const top = clamp(fitsBelow || above < 4 ? below : above, 4, Math.max(4, contentHeight - height - 4));
  return { left, top };
}
