// The atlas of the network view's node heatmaps (www/js/network/tile-atlas.js):
// a heatmap copied into its cell is surrounded by a border that repeats its
// edge, so that scaling the cell smoothly blends nothing of its neighbours.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyWithBorder } from '../../www/js/network/tile-atlas.js';

test('a heatmap lands in its cell whole, inside a border that repeats its edge pixels', () => {
  const side = 2;
  // Pixel (x, y) of the heatmap is [10 y + x, 1, 2, 255].
  const bytes = new Uint8ClampedArray(4 * side * side);
  for (let y = 0; y < side; y += 1) for (let x = 0; x < side; x += 1) bytes.set([10 * y + x, 1, 2, 255], 4 * (y * side + x));
  const width = 6;
  const data = new Uint8ClampedArray(4 * width * 5).fill(99);
  // The cell's border starts at (2, 1): the heatmap at (3, 2).
  copyWithBorder(data, width, 2, 1, side, bytes);
  const red = (x, y) => data[4 * (y * width + x)];
  const rows = [];
  for (let y = 0; y < 5; y += 1) rows.push(Array.from({ length: width }, (_, x) => red(x, y)));
  assert.deepEqual(rows, [
    [99, 99, 99, 99, 99, 99],
    [99, 99, 0, 0, 1, 1],
    [99, 99, 0, 0, 1, 1],
    [99, 99, 10, 10, 11, 11],
    [99, 99, 10, 10, 11, 11],
  ]);
  // Every channel is copied.
  assert.deepEqual(Array.from(data.subarray(4 * (2 * width + 3), 4 * (2 * width + 3) + 4)), [0, 1, 2, 255]);
});
