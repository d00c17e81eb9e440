// The plot's points blended in JS (www/js/output/plot-points.js, blendSprite):
// source-over in premultiplied colour, clipped at the canvas's edges, so that
// a point copied from its sprite shows as the browser would draw it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blendSprite } from '../../www/js/output/plot-points.js';

/** A 2 × 2 sprite: opaque red, half-transparent green (premultiplied), clear, opaque blue. */
const sprite = {
  side: 2,
  pixels: Float32Array.of(
    1, 0, 0, 1, /**/ 0, 0.5, 0, 0.5,
    0, 0, 0, 0, /**/ 0, 0, 1, 1,
  ),
};

/** @param {Float32Array} image @param {number} width @param {number} x @param {number} y */
const at = (image, width, x, y) => Array.from(image.slice(4 * (y * width + x), 4 * (y * width + x) + 4));

test('a sprite blends source-over: opaque pixels replace, a half-transparent one mixes, a clear one keeps what was there', () => {
  const width = 3;
  const image = new Float32Array(4 * width * 3);
  // Under it, opaque white everywhere.
  for (let k = 0; k < image.length; k += 1) image[k] = 1;
  blendSprite(image, width, 3, sprite, 1, 1);
  assert.deepEqual(at(image, width, 1, 1), [1, 0, 0, 1]);
  assert.deepEqual(at(image, width, 2, 1), [0.5, 1, 0.5, 1], 'half green over white');
  assert.deepEqual(at(image, width, 1, 2), [1, 1, 1, 1], 'a clear pixel changes nothing');
  assert.deepEqual(at(image, width, 2, 2), [0, 0, 1, 1]);
  assert.deepEqual(at(image, width, 0, 0), [1, 1, 1, 1], 'outside the sprite nothing changes');
});

test('over a clear canvas a half-transparent pixel stays half-transparent, and a sprite past the edges is clipped', () => {
  const width = 2;
  const image = new Float32Array(4 * width * 2);
  // Its top-left corner one pixel up and left of the canvas: only its blue corner lands, at (0, 0).
  blendSprite(image, width, 2, sprite, -1, -1);
  assert.deepEqual(at(image, width, 0, 0), [0, 0, 1, 1]);
  assert.deepEqual(Array.from(image.slice(4)), new Array(12).fill(0), 'nothing else was written');
  // Its right half past the right edge: only the left column lands, at x = 1.
  blendSprite(image, width, 2, sprite, 1, 0);
  assert.deepEqual(at(image, width, 1, 0), [1, 0, 0, 1]);
  assert.deepEqual(at(image, width, 1, 1), [0, 0, 0, 0]);
  // Half green over nothing: premultiplied, so its colour is kept at half alpha.
  const clear = new Float32Array(4);
  blendSprite(clear, 1, 1, sprite, -1, 0);
  assert.deepEqual(Array.from(clear), [0, 0.5, 0, 0.5]);
});
