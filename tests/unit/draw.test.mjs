// Draw mode's plain logic, without a browser: where a pointer falls in data
// units, which example it takes, the keyboard cursor's moves, labels turned to
// the other problem, and the config an edit of the drawn points makes.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clampCoordinate, clientToData, convertLabels, drawnConfig, formatCoordinate, keyMove, nearest, pointerReach, pointsOf,
} from '../../www/js/controls/draw-points.js';

test('clientToData maps the canvas onto [−6, 6]², x₂ up, clamped to 0.01', () => {
  const rect = { left: 10, top: 20, width: 200, height: 200 };
  assert.deepEqual(clientToData(10, 20, rect), [-6, 6]);
  assert.deepEqual(clientToData(210, 220, rect), [6, -6]);
  assert.deepEqual(clientToData(110, 120, rect), [0, 0]);
  assert.deepEqual(clientToData(0, 400, rect), [-6, -6]);
  assert.deepEqual(clientToData(111, 120, rect), [0.06, 0]);
  assert.equal(clampCoordinate(1.23456), 1.23);
});

test('pointerReach: a touch reaches further than a mouse, in data units', () => {
  // 9 CSS pixels of a mouse or pen, 16 of a finger, on a plot 120 pixels wide for 12 data units.
  const close = (/** @type {number} */ a, /** @type {number} */ b) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);
  close(pointerReach('mouse', 120), 0.9);
  close(pointerReach('touch', 120), 1.6);
  close(pointerReach('unknown', 120), 0.9);
  close(pointerReach('mouse', 0), 9 * 12);
});

test('nearest takes the closest example within reach, or −1', () => {
  const points = [{ x1: 0, x2: 0, label: 0 }, { x1: 1, x2: 0, label: 1 }, { x1: 1.2, x2: 0, label: 1 }];
  assert.equal(nearest(points, [0.9, 0], 0.5), 1);
  assert.equal(nearest(points, [1.15, 0], 0.5), 2);
  assert.equal(nearest(points, [3, 3], 0.5), -1);
  assert.equal(nearest([], [0, 0], 1), -1);
});

test('keyMove: arrows move by 0.5, with Shift by 0.1; other keys do not move', () => {
  assert.deepEqual(keyMove('ArrowUp', false), [0, 0.5]);
  assert.deepEqual(keyMove('ArrowLeft', true), [-0.1, 0]);
  assert.equal(keyMove('Enter', false), null);
});

test('formatCoordinate writes one decimal and a typographic minus', () => {
  assert.equal(formatCoordinate(-1.25), '−1.2');
  assert.equal(formatCoordinate(3), '3.0');
});

test('convertLabels: classes to values spread over [−1, 1], values to two classes', () => {
  const classes = [{ x1: 0, x2: 0, label: 0 }, { x1: 1, x2: 1, label: 1 }, { x1: 2, x2: 2, label: 2 }];
  assert.deepEqual(convertLabels(classes, 'regression').map((p) => p.label), [-1, 0, 1]);
  const valued = [{ x1: 0, x2: 0, label: -0.5 }, { x1: 1, x2: 1, label: 0 }];
  assert.deepEqual(convertLabels(valued, 'classification').map((p) => p.label), [0, 1]);
});

test('pointsOf reads the run’s points, four numbers each', () => {
  assert.deepEqual(pointsOf([1, 2, 1, 0, 3, 4, 0, 1]), [{ x1: 1, x2: 2, label: 1 }, { x1: 3, x2: 4, label: 0 }]);
});

test('drawnConfig puts the points on a custom dataset and shrinks a batch larger than the training set', () => {
  const config = /** @type {any} */ ({ dataset: 'circle', batchSize: 10, trainRatio: 50, customPoints: [], customProblem: 'classification' });
  const points = [{ x1: 0, x2: 0, label: 0 }, { x1: 1, x2: 1, label: 1 }, { x1: 2, x2: 2, label: 1 }];
  const drawn = drawnConfig(config, points, 'regression', 1);
  assert.deepEqual(drawn.config, { dataset: 'custom', batchSize: 1, trainRatio: 50, customPoints: points, customProblem: 'regression' });
  assert.equal(drawn.note, ' Batch size is now 1: only 1 examples train.');
  assert.equal(drawnConfig({ ...config, batchSize: 1 }, points, 'classification', 2).note, '');
});
