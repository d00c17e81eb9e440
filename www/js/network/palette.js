// @ts-check
// The links' two colours are the palette's two ends, read from the core's own
// heatmaps, so that links are drawn in the colours of every heatmap whichever
// palette is on (the default or the colour-blind one), and the tooltips name
// them.

import { drawFeatureThumbnails } from './build.js';
import { clamp } from './layout.js';

/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('./view-state.js').ViewState} ViewState */

/** The default palette's positive colour, to name the link colours in tooltips. */
const DEFAULT_POSITIVE = [8, 119, 189];

/**
 * The palette's two end colours from a 3×3 RGBA heatmap of x₁ (columns at
 * x₁ = −4, 0, 4, i.e. a third of the way from the middle colour to each end).
 * @param {Uint8ClampedArray} probe  36 bytes
 * @returns {{ positive: number[], negative: number[], positiveName: 'blue' | 'purple' }}
 */
export function paletteEnds(probe) {
  // Row 1 (x₂ = 0): cells 3, 4, 5 hold −4, 0, +4, at t = 1/6, 1/2, 5/6 of the scale.
  const middle = [probe[16], probe[17], probe[18]];
  /** @param {number} cell */
  const end = (cell) => middle.map((m, c) => clamp(Math.round(m + 1.5 * (probe[4 * cell + c] - m)), 0, 255));
  const positive = end(5);
  const negative = end(3);
  const isDefault = positive.every((v, c) => Math.abs(v - DEFAULT_POSITIVE[c]) <= 6);
  return { positive, negative, positiveName: isDefault ? 'blue' : 'purple' };
}

/**
 * Follows the palette. Runs every frame: a 36-byte probe; only a change of
 * palette changes the link colours, the labels and the input thumbnails.
 * @param {Document} doc
 * @param {ViewState} state
 * @param {Run} source
 */
export function followPalette(doc, state, source) {
  const probe = source.featureHeatmap('x1', 3);
  const last = state.paletteProbe;
  if (probe.length === last.length && probe.every((b, k) => b === last[k])) return;
  const first = last.length === 0;
  state.paletteProbe = probe;
  const { positive, negative, positiveName } = paletteEnds(probe);
  state.scene.positive = `rgb(${positive.join(' ')})`;
  state.scene.negative = `rgb(${negative.join(' ')})`;
  state.colourNames = { positive: positiveName, negative: 'orange' };
  state.labelsDirty = true;
  if (!first) drawFeatureThumbnails(doc, state.diagram.columns[0], source);
}
