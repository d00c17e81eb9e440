// @ts-check
// The plot's points: training points as discs with a dark rim, test points
// (when shown) as rings in the label's colour, rimmed dark inside and out.
//
// Each kind and colour of point is drawn once, as a small picture (a
// sprite), and every point is that picture blended into one image of the
// canvas in JS, written with one putImageData: stroked as 5,000 paths, the
// points of a large dataset took the browser's software raster ~55 ms (a long
// task at every change), and 5,000 drawImage calls ~13 ms of calls plus their
// raster. A point sits on whole device pixels: at most half a device pixel
// from its exact place. Past `MAX_SPRITES` colours (a regression's labels
// are a continuous scale) the points are stroked as paths instead.

import { dataToUnit, POINT_EDGE, POINT_RADIUS } from '../lib/plane.js';

/** Distinct colours past which the points are stroked, not copied. */
const MAX_SPRITES = 64;

/**
 * A disc or a ring of `color` at (x, y), device pixels.
 * @param {CanvasRenderingContext2D} ctx
 * @param {number} x
 * @param {number} y
 * @param {string} color
 * @param {boolean} test
 * @param {number} scale  device pixels per CSS pixel
 */
function strokePoint(ctx, x, y, color, test, scale) {
  ctx.beginPath();
  ctx.arc(x, y, POINT_RADIUS * scale, 0, 2 * Math.PI);
  if (!test) {
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 1 * scale;
    ctx.strokeStyle = POINT_EDGE;
    ctx.stroke();
  } else {
    ctx.lineWidth = 3.2 * scale;
    ctx.strokeStyle = POINT_EDGE;
    ctx.stroke();
    ctx.lineWidth = 1.6 * scale;
    ctx.strokeStyle = color;
    ctx.stroke();
  }
}

/**
 * Draws the points on `ctx` (device pixels, no transform, cleared).
 * @param {CanvasRenderingContext2D} ctx
 * @param {{ points: Float64Array, colors: Uint8Array }} data  x, y, label, test flag and RGBA per point
 * @param {boolean} showTest
 * @param {number} width  of the canvas, device pixels
 * @param {number} height
 * @param {number} scale  device pixels per CSS pixel
 * @param {ReturnType<typeof createPointSprites>} sprites
 */
export function drawPoints(ctx, data, showTest, width, height, scale, sprites) {
  const { points, colors } = data;
  const count = Math.floor(points.length / 4);
  /** Each point's colour as one number, 0xRRGGBB. */
  const rgb = new Int32Array(count);
  const distinct = new Set();
  for (let i = 0; i < count; i += 1) {
    rgb[i] = (colors[4 * i] << 16) | (colors[4 * i + 1] << 8) | colors[4 * i + 2];
    distinct.add(rgb[i]);
  }
  const blended = distinct.size <= MAX_SPRITES ? sprites.canvasImage(width, height) : null;
  for (let i = 0; i < count; i += 1) {
    const test = points[4 * i + 3] !== 0;
    if (!showTest && test) continue;
    const [u, v] = dataToUnit(points[4 * i], points[4 * i + 1]);
    const x = u * width;
    const y = v * height;
    if (blended) {
      const sprite = sprites.get(rgb[i], test, scale);
      blendSprite(blended, width, height, sprite, Math.round(x - sprite.side / 2), Math.round(y - sprite.side / 2));
    } else {
      strokePoint(ctx, x, y, cssColour(rgb[i]), test, scale);
    }
  }
  if (blended) ctx.putImageData(toImageData(blended, width, height, sprites), 0, 0);
}

/** @param {number} rgb  0xRRGGBB */
function cssColour(rgb) {
  return `rgb(${(rgb >> 16) & 255}, ${(rgb >> 8) & 255}, ${rgb & 255})`;
}

/**
 * @typedef {object} Sprite
 * @property {number} side  width and height, device pixels
 * @property {Float32Array} pixels  premultiplied RGBA, 0–1, row by row
 */

/**
 * Blends `sprite` over `into` (premultiplied RGBA, 0–1, `width` × `height`)
 * with its top-left corner at (left, top), clipped to the image.
 * @param {Float32Array} into
 * @param {number} width
 * @param {number} height
 * @param {Sprite} sprite
 * @param {number} left
 * @param {number} top
 */
export function blendSprite(into, width, height, sprite, left, top) {
  const { side, pixels } = sprite;
  const x0 = Math.max(0, -left);
  const x1 = Math.min(side, width - left);
  for (let sy = Math.max(0, -top); sy < Math.min(side, height - top); sy += 1) {
    let s = 4 * (sy * side + x0);
    let d = 4 * ((top + sy) * width + left + x0);
    for (let sx = x0; sx < x1; sx += 1, s += 4, d += 4) {
      const a = pixels[s + 3];
      if (a === 0) continue;
      const keep = 1 - a;
      into[d] = pixels[s] + into[d] * keep;
      into[d + 1] = pixels[s + 1] + into[d + 1] * keep;
      into[d + 2] = pixels[s + 2] + into[d + 2] * keep;
      into[d + 3] = a + into[d + 3] * keep;
    }
  }
}

/**
 * The blended image as the canvas takes it: RGBA bytes, not premultiplied.
 * @param {Float32Array} blended
 * @param {number} width
 * @param {number} height
 * @param {ReturnType<typeof createPointSprites>} sprites  holds the ImageData
 */
function toImageData(blended, width, height, sprites) {
  const image = sprites.imageData(width, height);
  const out = image.data;
  for (let k = 0; k < blended.length; k += 4) {
    const a = blended[k + 3];
    if (a <= 0) {
      out[k + 3] = 0;
      continue;
    }
    out[k] = (255 * blended[k]) / a;
    out[k + 1] = (255 * blended[k + 1]) / a;
    out[k + 2] = (255 * blended[k + 2]) / a;
    out[k + 3] = 255 * a;
  }
  return image;
}

/**
 * Sprites by colour, kind and ratio, kept while they are asked for (a
 * change of ratio starts afresh), and the buffers the points are blended in.
 * @param {Document} doc
 */
export function createPointSprites(doc) {
  /** @type {Map<number, Sprite>} by 0xRRGGBB, negative for test points */
  let made = new Map();
  let madeScale = 0;
  /** @type {Float32Array} */
  let blended = new Float32Array(0);
  /** @type {ImageData | null} */
  let image = null;
  return {
    /**
     * @param {number} rgb  0xRRGGBB
     * @param {boolean} test
     * @param {number} scale
     * @returns {Sprite}
     */
    get(rgb, test, scale) {
      if (scale !== madeScale || made.size > 4 * MAX_SPRITES) {
        made = new Map();
        madeScale = scale;
      }
      const key = test ? -1 - rgb : rgb;
      let sprite = made.get(key);
      if (!sprite) {
        sprite = drawSprite(doc, cssColour(rgb), test, scale);
        made.set(key, sprite);
      }
      return sprite;
    },
    /**
     * A clear premultiplied image of the canvas's size to blend points into.
     * @param {number} width
     * @param {number} height
     */
    canvasImage(width, height) {
      if (blended.length !== 4 * width * height) blended = new Float32Array(4 * width * height);
      else blended.fill(0);
      return blended;
    },
    /**
     * @param {number} width
     * @param {number} height
     */
    imageData(width, height) {
      if (!image || image.width !== width || image.height !== height) image = new ImageData(width, height);
      return image;
    },
  };
}

/**
 * A point of `color` centred in a square canvas, read back premultiplied.
 * @param {Document} doc
 * @param {string} color
 * @param {boolean} test
 * @param {number} scale
 * @returns {Sprite}
 */
function drawSprite(doc, color, test, scale) {
  // The ring's outer rim reaches 1.6 CSS px past the radius; a pixel spare.
  const half = Math.ceil((POINT_RADIUS + 1.6) * scale) + 1;
  const side = 2 * half;
  const canvas = doc.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const pixels = new Float32Array(4 * side * side);
  if (!ctx) return { side, pixels };
  strokePoint(ctx, half, half, color, test, scale);
  const bytes = ctx.getImageData(0, 0, side, side).data;
  for (let k = 0; k < bytes.length; k += 4) {
    const a = bytes[k + 3] / 255;
    pixels[k] = (bytes[k] / 255) * a;
    pixels[k + 1] = (bytes[k + 1] / 255) * a;
    pixels[k + 2] = (bytes[k + 2] / 255) * a;
    pixels[k + 3] = a;
  }
  return { side, pixels };
}
