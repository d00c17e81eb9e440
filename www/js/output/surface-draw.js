// @ts-check
// Drawing the loss-surface map onto its canvas: the cells coloured on the
// scale chosen, the iso-lines, the run's path, the run now and the way down.
// The panel (surface.js) decides when; the arithmetic is surface-map.js's.

import { beginDrawing, cssValue } from './series.js';
import { isoLine, levels, lossRange, scaled } from './surface-map.js';

/** @typedef {import('../app/engine-surface.js').SurfacePicture} SurfacePicture */

/** Iso-lines drawn. */
const LEVELS = 9;

/**
 * The map's colours: the two ends of the scale (RGB) and the strokes.
 * @typedef {{ low: number[], high: number[], line: string, path: string, arrow: string }} SurfaceColours
 */

/** Until CSS is read (css/diagnostics.css has the real ones, light and dark). */
/** @type {SurfaceColours} */
export const DEFAULT_COLOURS = { low: [38, 70, 150], high: [250, 220, 120], line: 'rgba(0,0,0,0.35)', path: '#111', arrow: '#c2185b' };

/**
 * The colours from the custom properties of `root`, `fallback` where unset.
 * @param {Element} root
 * @param {SurfaceColours} fallback
 * @returns {SurfaceColours}
 */
export function readColours(root, fallback) {
  const style = getComputedStyle(root);
  const rgb = (/** @type {string} */ name, /** @type {number[]} */ otherwise) => {
    const parts = cssValue(style, name, '').match(/[\d.]+/g)?.map(Number);
    return parts && parts.length >= 3 ? parts.slice(0, 3) : otherwise;
  };
  return {
    low: rgb('--surface-low', fallback.low),
    high: rgb('--surface-high', fallback.high),
    line: cssValue(style, '--surface-line', fallback.line),
    path: cssValue(style, '--surface-path', fallback.path),
    arrow: cssValue(style, '--surface-arrow', fallback.arrow),
  };
}

/**
 * The cells as an image, one pixel per cell, coloured again only when what
 * it shows changed (while training, only the path moves).
 */
export function createCellImage() {
  const canvas = document.createElement('canvas');
  let drawn = '';
  return {
    canvas,
    /**
     * @param {SurfacePicture} picture
     * @param {{ low: number, high: number }} bounds
     * @param {SurfaceColours} colours
     * @param {boolean} log
     */
    paint(picture, bounds, colours, log) {
      const key = `${picture.key}|${picture.size}|${picture.rows}|${log}|${colours.low}|${colours.high}`;
      if (key === drawn) return;
      const n = picture.size;
      canvas.width = n;
      canvas.height = n;
      const c = canvas.getContext('2d');
      if (!c) return;
      const image = c.createImageData(n, n);
      for (let k = 0; k < n * n; k += 1) {
        const t = scaled(picture.losses[k], bounds, log);
        if (Number.isNaN(t)) continue;
        for (let ch = 0; ch < 3; ch += 1) image.data[4 * k + ch] = colours.low[ch] + t * (colours.high[ch] - colours.low[ch]);
        image.data[4 * k + 3] = 255;
      }
      c.putImageData(image, 0, 0);
      drawn = key;
    },
  };
}

/**
 * The whole map.
 * @param {CanvasRenderingContext2D} ctx
 * @param {HTMLCanvasElement} canvas
 * @param {SurfacePicture} picture
 * @param {{ colours: SurfaceColours, log: boolean, cells: ReturnType<typeof createCellImage>, ring: string }} look
 *   `ring`: the colour around the dot of the run now (the panel's background)
 */
export function drawSurface(ctx, canvas, picture, { colours, log, cells, ring }) {
  const frame = beginDrawing(canvas, ctx);
  if (!frame) return;
  const { width, height } = frame;
  const bounds = lossRange(picture.losses);
  const n = picture.size;
  // Cell centres at the map's edges: cell k at (k + 0.5) / n of the side.
  const toX = (/** @type {number} */ u) => ((u + picture.range) / (2 * picture.range)) * (n - 1) / n * width + width / (2 * n);
  const toY = (/** @type {number} */ v) => ((picture.range - v) / (2 * picture.range)) * (n - 1) / n * height + height / (2 * n);
  if (bounds) {
    cells.paint(picture, bounds, colours, log);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(cells.canvas, 0, 0, width, height);
    ctx.strokeStyle = colours.line;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const level of levels(bounds, LEVELS, log)) {
      const segments = isoLine(picture.losses, n, level);
      for (let k = 0; k < segments.length; k += 4) {
        ctx.moveTo(((segments[k] + 0.5) / n) * width, ((segments[k + 1] + 0.5) / n) * height);
        ctx.lineTo(((segments[k + 2] + 0.5) / n) * width, ((segments[k + 3] + 0.5) / n) * height);
      }
    }
    ctx.stroke();
  }
  drawPath(ctx, picture, toX, toY, 0.12 * width, colours, ring);
}

/**
 * The path, the run now and the way down (−∇f, a fixed length: its
 * direction is the point).
 * @param {CanvasRenderingContext2D} ctx
 * @param {SurfacePicture} picture
 * @param {(u: number) => number} toX
 * @param {(v: number) => number} toY
 * @param {number} reach  the arrow's length, CSS pixels
 * @param {SurfaceColours} colours
 * @param {string} ring
 */
function drawPath(ctx, { path, slope }, toX, toY, reach, colours, ring) {
  const count = path.length / 2;
  if (count === 0) return;
  ctx.strokeStyle = colours.path;
  ctx.lineWidth = 1.5;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  for (let k = 0; k < count; k += 1) {
    if (k === 0) ctx.moveTo(toX(path[0]), toY(path[1]));
    else ctx.lineTo(toX(path[2 * k]), toY(path[2 * k + 1]));
  }
  ctx.stroke();
  const x = toX(path[2 * count - 2]);
  const y = toY(path[2 * count - 1]);
  const length = Math.hypot(slope[0], slope[1]);
  if (length > 0 && Number.isFinite(length)) {
    // On screen v grows upwards.
    const dx = (-slope[0] / length) * reach;
    const dy = (slope[1] / length) * reach;
    ctx.strokeStyle = colours.arrow;
    ctx.fillStyle = colours.arrow;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + dx, y + dy);
    ctx.stroke();
    const angle = Math.atan2(dy, dx);
    ctx.beginPath();
    ctx.moveTo(x + dx, y + dy);
    ctx.lineTo(x + dx - 7 * Math.cos(angle - 0.4), y + dy - 7 * Math.sin(angle - 0.4));
    ctx.lineTo(x + dx - 7 * Math.cos(angle + 0.4), y + dy - 7 * Math.sin(angle + 0.4));
    ctx.fill();
  }
  ctx.fillStyle = colours.path;
  ctx.strokeStyle = ring;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.arc(x, y, 4, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
}
