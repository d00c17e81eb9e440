// The plot's heatmap blended over white (www/js/output/plot.js, overWhite):
// the canvas under the points shows what the legend's colours promise.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { overWhite } from '../../www/js/output/plot.js';
import { HEATMAP_ALPHA } from '../../www/js/output/plot-legend.js';

test('an opaque cell shows its colour at HEATMAP_ALPHA over white, as the legend does; a transparent one is white', () => {
  const src = Uint8ClampedArray.of(
    245, 147, 34, 255, // the negative end of the default palette
    8, 119, 189, 255, // the positive end
    0, 0, 0, 255,
    120, 60, 30, 0, // a cell with nothing computed
  );
  const out = new Uint8ClampedArray(src.length);
  overWhite(src, out);
  const legend = (/** @type {number} */ c) => Math.round(c * HEATMAP_ALPHA + 255 * (1 - HEATMAP_ALPHA));
  for (let cell = 0; cell < 3; cell += 1) {
    for (let k = 0; k < 3; k += 1) {
      const i = 4 * cell + k;
      assert.ok(Math.abs(out[i] - legend(src[i])) <= 1, `cell ${cell}, channel ${k}: ${out[i]}, the legend's ${legend(src[i])}`);
    }
  }
  assert.deepEqual(Array.from(out.slice(12)), [255, 255, 255, 255]);
  assert.ok([3, 7, 11, 15].every((i) => out[i] === 255), 'the heatmap is opaque');
});
