// Merging the shares of a search run by several workers
// (www/js/app/search-client.js), without a browser: the items in order, the
// best by the core's rule, the progress weighted by each share's size.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeReports, shareSize } from '../../www/js/app/search-client.js';

/** The core's rule (crate/src/search.rs `lowest`), for the test only. */
const core = /** @type {any} */ ({
  lowestIndex(/** @type {number[]} */ values) {
    let best;
    values.forEach((v, i) => {
      if (best === undefined || (Number.isFinite(v) && (!Number.isFinite(values[best]) || v < values[best]))) best = i;
    });
    return best;
  },
});

test('shares are every n-th item from their index, and cover the search', () => {
  assert.deepEqual([0, 1, 2].map((k) => shareSize(7, k, 3)), [3, 2, 2]);
  assert.deepEqual([0, 1, 2].map((k) => shareSize(2, k, 3)), [1, 1, 0]);
});

test('restart shares merge in restart order, with the best over all of them', () => {
  const job = /** @type {const} */ ({ kind: 'restarts', config: /** @type {any} */ ({}), count: 5, epochs: 10 });
  const restart = (/** @type {number} */ index, /** @type {number} */ testLoss) => ({ index, seed: 100 + index, epochs: 10, trainLoss: 0, testLoss, trainAccuracy: null, testAccuracy: null });
  const merged = mergeReports(core, job, [
    { seeds: [100, 101, 102, 103, 104], restarts: [restart(0, 0.5), restart(2, 0.2)], progress: 2 / 3, done: false },
    { seeds: [100, 101, 102, 103, 104], restarts: [restart(1, 0.2), restart(3, 0.9)], progress: 1, done: true },
  ]);
  assert.ok('restarts' in merged);
  assert.deepEqual(merged.restarts.map((r) => r.index), [0, 1, 2, 3]);
  assert.equal(merged.best, 1, 'the first of equal losses, in restart order');
  assert.equal(merged.progress, (3 * (2 / 3) + 2 * 1) / 5);
  assert.equal(merged.done, false);
});

test('cross-validation shares merge by unit count; the best is among the complete counts', () => {
  const job = /** @type {const} */ ({ kind: 'crossValidation', config: /** @type {any} */ ({}), folds: 3, from: 1, to: 3, epochs: 10 });
  const units = (/** @type {number} */ n, /** @type {number | null} */ mean) => ({ units: n, hidden: [n], losses: [], mean, sd: null, min: null, max: null });
  const merged = mergeReports(core, job, [
    { units: [units(1, 0.4), units(3, null)], progress: 0.5, done: false },
    { units: [units(2, 0.3)], progress: 1, done: true },
  ]);
  assert.ok('units' in merged);
  assert.deepEqual(merged.units.map((u) => u.units), [1, 2, 3]);
  assert.equal(merged.best, 1);
  assert.deepEqual(merged.bestHidden, [2]);
});
