// @ts-check
// Every painted node's heatmap in one canvas, an atlas of square cells, so
// that a frame writes them with one putImageData and the picture draws them
// from one image (257 canvases of their own cost config D a getContext, a
// putImageData and a snapshot each, every frame). Each cell holds its
// heatmap inside a border of one pixel that repeats the heatmap's edge, so
// that scaling a cell smoothly blends nothing of its neighbours: its edges
// look as a canvas of its own clamps them.

/**
 * @typedef {object} TileAtlas
 * @property {HTMLCanvasElement} canvas
 * @property {(count: number) => void} reset  a new network of `count` painted nodes: none has a heatmap
 * @property {(heatmaps: (Uint8ClampedArray | null)[]) => void} write  RGBA per painted node, square;
 *   null keeps what the node had
 * @property {(n: number) => { x: number, y: number, side: number } | null} cell  where node n's
 *   heatmap is in the canvas (without the border), or null before it has one
 */

/**
 * @param {Document} doc
 * @returns {TileAtlas}
 */
export function createTileAtlas(doc) {
  const canvas = doc.createElement('canvas');
  const ctx = canvas.getContext('2d');
  let count = 0;
  let side = 0;
  let columns = 1;
  /** @type {ImageData | null} */
  let image = null;
  /** Whether each node has a heatmap in the atlas. */
  let has = new Uint8Array(0);

  /** @param {number} n @returns {[number, number]} the top-left of node n's cell, border included */
  const origin = (n) => [(n % columns) * (side + 2), Math.floor(n / columns) * (side + 2)];

  /**
   * Lays the cells out for heatmaps of `next` pixels a side; the atlas is cleared.
   * @param {number} next
   */
  function resize(next) {
    side = next;
    columns = Math.max(1, Math.ceil(Math.sqrt(count)));
    const rows = Math.max(1, Math.ceil(count / columns));
    canvas.width = columns * (side + 2);
    canvas.height = rows * (side + 2);
    image = new ImageData(canvas.width, canvas.height);
    has.fill(0);
  }

  return {
    canvas,
    reset(next) {
      count = next;
      has = new Uint8Array(count);
      side = 0;
      image = null;
    },
    write(heatmaps) {
      if (!ctx) return;
      let wrote = false;
      for (let n = 0; n < Math.min(count, heatmaps.length); n += 1) {
        const bytes = heatmaps[n];
        if (!bytes || bytes.length === 0) continue;
        const s = Math.round(Math.sqrt(bytes.length / 4));
        if (s !== side || !image) resize(s);
        const [left, top] = origin(n);
        const target = /** @type {ImageData} */ (image);
        copyWithBorder(target.data, target.width, left, top, side, bytes);
        has[n] = 1;
        wrote = true;
      }
      if (wrote && image) ctx.putImageData(image, 0, 0);
    },
    cell(n) {
      if (!has[n]) return null;
      const [left, top] = origin(n);
      return { x: left + 1, y: top + 1, side };
    },
  };
}

/**
 * Copies a square RGBA heatmap of `side` pixels into an RGBA image `width`
 * pixels wide, inside a border of one pixel at (`left`, `top`) that repeats
 * its edge pixels (the corners too).
 * @param {Uint8ClampedArray} data  the image's pixels
 * @param {number} width
 * @param {number} left  the border's top-left corner
 * @param {number} top
 * @param {number} side
 * @param {Uint8ClampedArray} bytes  side × side pixels
 */
export function copyWithBorder(data, width, left, top, side, bytes) {
  const stride = 4 * width;
  for (let y = -1; y <= side; y += 1) {
    const from = 4 * side * Math.min(side - 1, Math.max(0, y));
    const at = (top + 1 + y) * stride + 4 * (left + 1);
    data.set(bytes.subarray(from, from + 4 * side), at);
    data.copyWithin(at - 4, at, at + 4);
    data.copyWithin(at + 4 * side, at + 4 * (side - 1), at + 4 * side);
  }
}
