// @ts-check
// Small pictures of each dataset for the quick-pick buttons: the core generates a
// few points of every dataset and this draws them as dots.

import { dataToUnit } from '../lib/plane.js';

/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').PaletteName} PaletteName */

/** Side of a preview in CSS pixels, and how many points it shows. */
const SIZE = 44;
const POINTS = 160;

/**
 * One canvas per dataset value of the `<select>`, drawn at device resolution.
 * @param {CoreModule} core
 * @param {Document} doc
 * @param {string[]} datasets  config names of the datasets
 * @param {PaletteName} palette
 * @returns {Map<string, HTMLCanvasElement>}
 */
export function datasetPreviews(core, doc, datasets, palette) {
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  /** @type {Map<string, HTMLCanvasElement>} */
  const out = new Map();
  for (const name of datasets) {
    let pg;
    try {
      pg = new core.Playground({ dataset: /** @type {any} */ (name), numPoints: POINTS, hidden: [], batchSize: 1 });
    } catch {
      continue; // a dataset the core does not know gets no picture, and no button
    }
    pg.setPalette(palette);
    const points = pg.points();
    const colors = pg.pointColors();
    pg.free();
    const canvas = doc.createElement('canvas');
    canvas.width = SIZE * ratio;
    canvas.height = SIZE * ratio;
    canvas.className = 'dataset-preview-canvas';
    const ctx = canvas.getContext('2d');
    if (!ctx) continue;
    const r = 1.6 * ratio;
    for (let i = 0; i * 4 < points.length; i += 1) {
      const [u, v] = dataToUnit(points[4 * i], points[4 * i + 1]);
      ctx.fillStyle = `rgb(${colors[4 * i]}, ${colors[4 * i + 1]}, ${colors[4 * i + 2]})`;
      ctx.beginPath();
      ctx.arc(u * canvas.width, v * canvas.height, r, 0, 2 * Math.PI);
      ctx.fill();
    }
    out.set(name, canvas);
  }
  return out;
}
