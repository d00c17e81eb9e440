// @ts-check
// The plot's points: training points as discs with a dark rim, test points
// (when shown) as rings in the label's colour, rimmed dark inside and out.
//
// A point is a copy of a small picture of its kind and colour, drawn once
// per colour, kind and pixel ratio: 5,000 discs and rings stroked as paths
// took the browser's software raster ~55 ms (a long task at every change of
// a large dataset); copies take a few. Past `MAX_SPRITES` colours (a
// regression's labels are a continuous scale) the points are stroked as
// paths, as copies would then cost more than they save. A copy sits on whole
// device pixels: at most half a device pixel from the exact centre.

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
 * Draws the points on `ctx` (device pixels, no transform), through `sprites`.
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
  /** @type {string[]} */
  const colorOf = new Array(count);
  const distinct = new Set();
  for (let i = 0; i < count; i += 1) {
    colorOf[i] = `rgb(${colors[4 * i]}, ${colors[4 * i + 1]}, ${colors[4 * i + 2]})`;
    distinct.add(colorOf[i]);
  }
  const copy = distinct.size <= MAX_SPRITES;
  for (let i = 0; i < count; i += 1) {
    const test = points[4 * i + 3] !== 0;
    if (!showTest && test) continue;
    const [u, v] = dataToUnit(points[4 * i], points[4 * i + 1]);
    const x = u * width;
    const y = v * height;
    if (copy) {
      const sprite = sprites.get(colorOf[i], test, scale);
      ctx.drawImage(sprite.canvas, Math.round(x - sprite.centre), Math.round(y - sprite.centre));
    } else {
      strokePoint(ctx, x, y, colorOf[i], test, scale);
    }
  }
}

/**
 * Pictures of one point each, by colour, kind and ratio, kept while they are
 * asked for: a change of ratio or palette starts afresh.
 * @param {Document} doc
 */
export function createPointSprites(doc) {
  /** @type {Map<string, { canvas: HTMLCanvasElement, centre: number }>} */
  let made = new Map();
  let madeScale = 0;
  return {
    /**
     * @param {string} color
     * @param {boolean} test
     * @param {number} scale
     */
    get(color, test, scale) {
      if (scale !== madeScale || made.size > 4 * MAX_SPRITES) {
        made = new Map();
        madeScale = scale;
      }
      const key = `${test ? 'test' : 'train'} ${color}`;
      let sprite = made.get(key);
      if (!sprite) {
        // The ring's outer rim reaches 1.6 CSS px past the radius; a pixel spare.
        const centre = Math.ceil((POINT_RADIUS + 1.6) * scale) + 1;
        const canvas = doc.createElement('canvas');
        canvas.width = 2 * centre;
        canvas.height = 2 * centre;
        const ctx = canvas.getContext('2d');
        if (ctx) strokePoint(ctx, centre, centre, color, test, scale);
        sprite = { canvas, centre };
        made.set(key, sprite);
      }
      return sprite;
    },
  };
}
