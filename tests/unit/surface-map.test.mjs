// The loss-surface map's arithmetic (www/js/output/surface-map.js), without a
// browser: the colour scale, the iso-lines, the loss read between cells.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoLine, levels, lossAt, lossRange, scaled } from '../../www/js/output/surface-map.js';

test('the range skips cells not computed and losses that overflowed', () => {
  assert.deepEqual(lossRange(Float64Array.of(NaN, 2, Infinity, 0.5, 3)), { low: 0.5, high: 3 });
  assert.equal(lossRange(Float64Array.of(NaN, Infinity)), null);
});

test('the colour scale is linear or logarithmic between the range\'s ends', () => {
  const range = { low: 0.01, high: 100 };
  assert.equal(scaled(0.01, range, false), 0);
  assert.equal(scaled(100, range, false), 1);
  assert.ok(Math.abs(scaled(1, range, true) - 0.5) < 1e-12, 'log: 1 is half way between 0.01 and 100');
  assert.ok(scaled(1, range, false) < 0.011);
  assert.equal(scaled(Infinity, range, true), 1);
  assert.ok(Number.isNaN(scaled(NaN, range, true)));
  assert.equal(scaled(5, { low: 5, high: 5 }, false), 0, 'a flat surface');
});

test('levels lie strictly between the ends, evenly on the chosen scale', () => {
  assert.deepEqual(levels({ low: 0, high: 10 }, 4, false), [2, 4, 6, 8]);
  const log = levels({ low: 0.001, high: 1000 }, 5, true);
  assert.ok(log.every((l, k) => Math.abs(Math.log10(l) - (-3 + k + 1)) < 1e-9), String(log));
});

test('an iso-line of a plane is a straight line through the right crossings', () => {
  // f = column index: the level 1.5 crosses every row half way between columns 1 and 2.
  const size = 4;
  const values = Float64Array.from({ length: size * size }, (_, k) => k % size);
  const segments = isoLine(values, size, 1.5);
  assert.equal(segments.length, 4 * (size - 1), 'one segment per row of cells');
  for (let k = 0; k < segments.length; k += 4) {
    assert.equal(segments[k], 1.5);
    assert.equal(segments[k + 2], 1.5);
  }
});

test('a bowl gives a closed ring of iso-line; cells not computed break it', () => {
  const size = 9;
  const values = Float64Array.from({ length: size * size }, (_, k) => ((k % size) - 4) ** 2 + (Math.floor(k / size) - 4) ** 2);
  const ring = isoLine(values, size, 5);
  // Every crossing is at distance √5 (to within linear interpolation's error).
  for (let k = 0; k < ring.length; k += 2) {
    const d = Math.hypot(ring[k] - 4, ring[k + 1] - 4);
    assert.ok(Math.abs(d - Math.sqrt(5)) < 0.3, `crossing at distance ${d}`);
  }
  const holed = values.slice();
  holed[4 * size + 6] = NaN;
  assert.ok(isoLine(holed, size, 5).length < ring.length);
});

test('the loss between cells is read bilinearly, and NaN outside the surface', () => {
  const size = 3;
  // Row by row from the top (v = +1): the top row is 0, 1, 2; the bottom 6, 7, 8.
  const losses = Float64Array.from({ length: 9 }, (_, k) => k);
  assert.equal(lossAt(losses, size, 1, 0, 0), 4, 'the centre');
  assert.equal(lossAt(losses, size, 1, -1, 1), 0, 'the top left');
  assert.equal(lossAt(losses, size, 1, 1, -1), 8, 'the bottom right');
  assert.equal(lossAt(losses, size, 1, 0.5, 0), 4.5);
  assert.ok(Number.isNaN(lossAt(losses, size, 1, 1.5, 0)));
});
