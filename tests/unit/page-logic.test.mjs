// Pure page logic under node, without a browser: the flat weights as layers
// (www/js/lib/weights.js), the speed setting as a pace (app/state.js), the
// line that says a run started over (app/apply.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layersFromFlat } from '../../www/js/lib/weights.js';
import { TOP_SPEED, epochRate } from '../../www/js/app/state.js';
import { startedOverText } from '../../www/js/app/apply.js';
import { REDRAW_MS, diagramInterval, dueViews } from '../../www/js/app/page-view.js';

test('flat weights read back as layers: rows i of w_ij, then the biases, layer by layer', () => {
  // 2 inputs → 3 units → 1 output: 2·3 + 3 + 3·1 + 1 = 13 numbers.
  const flat = Array.from({ length: 13 }, (_, k) => k);
  const { layers } = layersFromFlat(flat, [2, 3, 1], ['tanh', 'sigmoid']);
  assert.deepEqual(layers[0], { weights: [[0, 1, 2], [3, 4, 5]], biases: [6, 7, 8], activation: 'tanh' });
  assert.deepEqual(layers[1], { weights: [[9], [10], [11]], biases: [12], activation: 'sigmoid' });
});

test('flat weights of the wrong count are refused, naming both counts', () => {
  assert.throws(() => layersFromFlat([1, 2], [2, 1], ['sigmoid']), /^Error: 2 weights for a network of 3$/);
  assert.throws(() => layersFromFlat(new Float64Array(4), [2, 1], ['sigmoid']), /^Error: 4 weights for a network of 3$/);
});

test('the speed setting is 60 × epochs per second, and the top one is as fast as possible', () => {
  assert.equal(epochRate(1), 60);
  assert.equal(epochRate(25), 1500);
  assert.equal(epochRate(TOP_SPEED), Infinity);
});

test('a run that started over names at most three changed fields', () => {
  assert.equal(startedOverText(['Dataset'], 40), 'Started over at epoch 0 after 40 epochs: Dataset changed the network or the data. Training settings carry a run on.');
  assert.match(startedOverText(['A', 'B', 'C', 'D'], 5), /: A, B, C and more changed/);
});

test('while training, one shown view draws per frame, the most overdue; hidden ones and a paused run draw all that are due', () => {
  const views = {
    chart: { drawnAt: 0, interval: 66, shown: true },
    flow: { drawnAt: 10, interval: 66, shown: true },
    metrics: { drawnAt: 0, interval: 100, shown: true },
    surface: { drawnAt: 0, interval: 50, shown: false },
  };
  // At 80 ms the chart is 14 ms late, the flow 4 ms, the hidden surface 30 ms; the metrics not due.
  assert.deepEqual([...dueViews(80, true, views)].sort(), ['chart', 'surface']);
  // Once the chart has drawn, the flow is next.
  assert.deepEqual([...dueViews(81, true, { ...views, chart: { ...views.chart, drawnAt: 80 } })].sort(), ['flow', 'surface']);
  assert.deepEqual([...dueViews(20, true, views)], []);
  assert.deepEqual([...dueViews(20, false, views)].sort(), ['chart', 'flow', 'metrics', 'surface']);
  // Never drawn: every view is due; still one at a time.
  const fresh = { a: { drawnAt: -Infinity, interval: 10, shown: true }, b: { drawnAt: -Infinity, interval: 10, shown: true } };
  assert.equal(dueViews(0, true, fresh).size, 1);
});

test('the diagram redraws at 30 per second, less often when its links would take more than a quarter of the time', () => {
  assert.equal(diagramInterval([2, 4, 2, 1]), REDRAW_MS.network);
  // Config D: 7 inputs, 8 × 32 tanh, one output: 7·32 + 7·32·32 + 32 links.
  assert.equal(Math.round(diagramInterval([7, 32, 32, 32, 32, 32, 32, 32, 32, 1])), Math.round(0.024 * (7 * 32 + 7 * 32 * 32 + 32)));
});
