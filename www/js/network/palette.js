// @ts-check
// The links' two colours are the palette's two ends, read from the core's own
// heatmaps, so that links are drawn in the colours of every heatmap whichever
// palette is on (the default or the colour-blind one), and the tooltips name
// them: the palette is the core's (its schema) whose positive end is nearest.

import { drawFeatureThumbnails } from './build.js';
import { clamp } from './layout.js';

/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('./view-state.js').ViewState} ViewState */
/** @typedef {import('../../pkg/backprop_playground.js').PaletteColours} PaletteColours */
/** @typedef {import('../../pkg/backprop_playground.js').PaletteName} PaletteName */

/**
 * What the tooltips call each palette's positive colour (the negative one is
 * orange in both).
 * @type {Readonly<Record<PaletteName, string>>}
 */
const POSITIVE_NAMES = Object.freeze({ default: 'blue', colorBlind: 'purple' });

/**
 * The palette's two end colours from a 3×3 RGBA heatmap of x₁ (columns at
 * x₁ = −4, 0, 4, i.e. a third of the way from the middle colour to each end),
 * and the name of its positive one.
 * @param {Uint8ClampedArray} probe  36 bytes
 * @param {readonly PaletteColours[]} palettes  the core's (its schema's)
 * @returns {{ positive: number[], negative: number[], positiveName: string }}
 */
export function paletteEnds(probe, palettes) {
  // Row 1 (x₂ = 0): cells 3, 4, 5 hold −4, 0, +4, at t = 1/6, 1/2, 5/6 of the scale.
  const middle = [probe[16], probe[17], probe[18]];
  /** @param {number} cell */
  const end = (cell) => middle.map((m, c) => clamp(Math.round(m + 1.5 * (probe[4 * cell + c] - m)), 0, 255));
  const positive = end(5);
  const negative = end(3);
  /** @param {readonly number[]} rgb */
  const distance = (rgb) => rgb.reduce((sum, v, c) => sum + (v - positive[c]) ** 2, 0);
  const nearest = palettes.reduce((best, p) => (distance(p.positive) < distance(best.positive) ? p : best));
  return { positive, negative, positiveName: POSITIVE_NAMES[nearest.name] };
}

/**
 * Follows the palette. Runs every frame: a 36-byte probe; only a change of
 * palette changes the link colours, the labels and the input thumbnails.
 * @param {Document} doc
 * @param {ViewState} state
 * @param {Run} source
 * @param {readonly PaletteColours[]} palettes  the core's (its schema's)
 */
export function followPalette(doc, state, source, palettes) {
  const probe = source.featureHeatmap('x1', 3);
  const last = state.paletteProbe;
  if (probe.length === last.length && probe.every((b, k) => b === last[k])) return;
  const first = last.length === 0;
  state.paletteProbe = probe;
  const { positive, negative, positiveName } = paletteEnds(probe, palettes);
  state.scene.positive = `rgb(${positive.join(' ')})`;
  state.scene.negative = `rgb(${negative.join(' ')})`;
  state.colourNames = { positive: positiveName, negative: 'orange' };
  state.labelsDirty = true;
  if (!first) drawFeatureThumbnails(doc, state.diagram.columns[0], source);
}
