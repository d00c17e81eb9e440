// @ts-check
// This epoch's augmented training points on the main plot: each drawn where
// augmentation moved it, as a small cross in its label's colour, so the
// student sees the cloud the network trains on beside the original points.

import { POINT_EDGE as EDGE } from '../lib/plane.js';

/** Half the arm of a cross, in CSS pixels. */
const ARM = 3;

/**
 * @param {CanvasRenderingContext2D} ctx
 * @param {Float64Array} pairs  x₁, x₂ of each training point as augmented, in training order
 * @param {{ points: Float64Array, colors: Uint8Array }} data  every point (x₁, x₂, label, isTest) and its RGBA colour
 * @param {(x1: number, x2: number) => [number, number]} toUnit  data coordinates to [0, 1]² of the canvas
 * @param {number} scale  device pixels per CSS pixel
 */
export function drawAugmented(ctx, pairs, data, toUnit, scale) {
  const { width, height } = ctx.canvas;
  const arm = ARM * scale;
  const { points, colors } = data;
  ctx.save();
  ctx.lineCap = 'round';
  let k = 0;
  for (let i = 0; i * 4 < points.length && 2 * k < pairs.length; i += 1) {
    if (points[4 * i + 3] !== 0) continue;
    const [u, v] = toUnit(pairs[2 * k], pairs[2 * k + 1]);
    k += 1;
    const x = u * width;
    const y = v * height;
    ctx.beginPath();
    ctx.moveTo(x - arm, y - arm);
    ctx.lineTo(x + arm, y + arm);
    ctx.moveTo(x - arm, y + arm);
    ctx.lineTo(x + arm, y - arm);
    ctx.lineWidth = 3.4 * scale;
    ctx.strokeStyle = EDGE;
    ctx.stroke();
    ctx.lineWidth = 1.6 * scale;
    ctx.strokeStyle = `rgb(${colors[4 * i]}, ${colors[4 * i + 1]}, ${colors[4 * i + 2]})`;
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * The legend's marker of an augmented point: the same cross.
 * @param {Document} doc
 */
export function augmentedMarker(doc) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 12 12');
  svg.setAttribute('class', 'plot-key-marker is-augmented');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(ns, 'path');
  path.setAttribute('d', 'M3 3L9 9M3 9L9 3');
  svg.append(path);
  return svg;
}
