// Where a weight sits in the flat array the engine sends (www/js/lib/weights.js),
// checked against the layers the same array unpacks into.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flatIndex, layersFromFlat, weightAt } from '../../www/js/lib/weights.js';

test('flatIndex names the entry layersFromFlat reads each weight and bias from', () => {
  const sizes = [3, 4, 2, 1];
  const count = (3 + 1) * 4 + (4 + 1) * 2 + (2 + 1) * 1;
  const flat = Array.from({ length: count }, (_, k) => k);
  const { layers } = layersFromFlat(flat, sizes, ['tanh', 'tanh', 'sigmoid']);
  const seen = new Set();
  layers.forEach((layer, l) => {
    layer.weights.forEach((row, i) => row.forEach((w, j) => {
      assert.equal(flatIndex(sizes, l, i, j), w, `w_${i}${j} of layer ${l}`);
      seen.add(w);
    }));
    layer.biases.forEach((b, j) => {
      assert.equal(flatIndex(sizes, l, null, j), b, `bias ${j} of layer ${l}`);
      seen.add(b);
    });
  });
  assert.equal(seen.size, count, 'every entry is named exactly once');
});

test('weightAt finds the weight at each index, and nothing past the end', () => {
  const sizes = [2, 3, 1];
  const count = (2 + 1) * 3 + (3 + 1) * 1;
  for (let k = 0; k < count; k += 1) {
    const at = weightAt(sizes, k);
    assert.ok(at, `index ${k}`);
    assert.equal(flatIndex(sizes, at.l, at.i, at.j), k);
  }
  assert.equal(weightAt(sizes, count), null);
  assert.equal(weightAt(sizes, -1), null);
  assert.equal(weightAt(sizes, 1.5), null);
});
