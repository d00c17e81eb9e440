// Plain helpers taken out of the page's long functions, without a browser:
// the gradient-flow chart's log axis and note, a confusion-matrix cell, R²,
// the seed box and the Share menu's refusals, and the exercise editor's blank
// exercise and texts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decades, layerNames, vanishingNote } from '../../www/js/output/gradflow.js';
import { confusionCell, formatR2 } from '../../www/js/output/metrics.js';
import { MAX_SEED, longLinkProblem, longWeightsLinkProblem, parseSeed } from '../../www/js/app/link-share.js';
import { blankSpec, modeTexts } from '../../www/js/inspector/editor-fields.js';

test('layerNames names each weight layer by the columns it joins', () => {
  assert.deepEqual(layerNames(1), ['x → ŷ']);
  assert.deepEqual(layerNames(3), ['x → h₁', 'h₁ → h₂', 'h₂ → ŷ']);
});

test('decades: whole decades around the positive finite values, gaps ignored', () => {
  // Two layers (stride 3): epoch, then one value per layer.
  const flow = Float64Array.from([0, 0.002, 0.5, 10, 0, Infinity, 20, NaN, 3]);
  assert.deepEqual(decades(flow, 3, 2), { low: -3, high: 1 });
  // Nothing drawable: 10⁻⁴ to 10⁰.
  assert.deepEqual(decades(Float64Array.from([0, 0, -1]), 3, 2), { low: -4, high: 0 });
  // One value on a whole decade still spans a decade.
  assert.deepEqual(decades(Float64Array.from([0, 0.1, 0.1]), 3, 2), { low: -1, high: 0 });
});

test('vanishingNote speaks only when the first layer gets under 1/100 of the last one’s gradient', () => {
  assert.match(vanishingNote(Float64Array.from([5, 1e-5, 1e-2]), 3, 2), /^Vanishing gradients: the first layer's weights get .+ times/);
  assert.equal(vanishingNote(Float64Array.from([5, 1e-3, 1e-2]), 3, 2), '');
  // Only the latest record counts.
  assert.equal(vanishingNote(Float64Array.from([4, 1e-9, 1, 5, 0.5, 1]), 3, 2), '');
  // A zero is a gap, not a vanishing gradient; one layer has nothing to compare.
  assert.equal(vanishingNote(Float64Array.from([5, 0, 1e-2]), 3, 2), '');
  assert.equal(vanishingNote(Float64Array.from([5, 1e-9]), 2, 1), '');
  assert.equal(vanishingNote(new Float64Array(0), 3, 2), '');
});

test('confusionCell: the share of the true class’s row, and a title saying right or wrong', () => {
  assert.deepEqual(confusionCell(3, 4, 1, 1), {
    shade: '0.750',
    title: '3 of the 4 examples of class 1 are predicted as class 1: right (75.0 %)',
  });
  assert.deepEqual(confusionCell(1, 4, 1, 0), {
    shade: '0.250',
    title: '1 of the 4 examples of class 1 are predicted as class 0: wrong (25.0 %)',
  });
  assert.equal(confusionCell(0, 0, 2, 2).shade, '0.000');
});

test('formatR2: three decimals with a true minus sign, a dash for none', () => {
  assert.equal(formatR2(0.98765), '0.988');
  assert.equal(formatR2(-0.5), '−0.500');
  assert.equal(formatR2(null), '–');
  assert.equal(formatR2(NaN), '–');
});

test('parseSeed takes whole numbers from 0 to 2³² − 1 only', () => {
  assert.deepEqual(parseSeed(' 42 ', 7), { ok: true, value: 42 });
  assert.deepEqual(parseSeed(String(MAX_SEED), 7), { ok: true, value: MAX_SEED });
  for (const raw of ['', '1.5', '-1', String(MAX_SEED + 1), 'abc']) {
    const parsed = parseSeed(raw, 7);
    assert.equal(parsed.ok, false, raw);
  }
  assert.deepEqual(parseSeed(' x ', 7), { ok: false, message: 'Seed: “x” is not a whole number from 0 to 4,294,967,295; the seed stays 7.' });
});

test('a link longer than the limit is refused, naming the custom points or the weights', () => {
  assert.equal(longLinkProblem(2000, 2000, null), null);
  assert.equal(longLinkProblem(2001, 2000, null),
    "This run's link would be 2,001 characters long: more than the 2,000 a link can reliably carry. Use Files → Download data or Download model and share the file instead.");
  assert.match(longLinkProblem(5000, 2000, 1200) ?? '', /5,000 characters long, most of it the 1,200 custom points: /);
  assert.equal(longWeightsLinkProblem(100, 2000, 9), null);
  assert.match(longWeightsLinkProblem(3000, 2000, 900) ?? '', /^This network has 900 weights and biases: a link with them would be 3,000 characters long/);
});

test('blankSpec: every weight, threshold, input and target 0, in the exercise’s shape', () => {
  const spec = blankSpec([3, 2, 1]);
  assert.deepEqual(spec.layers, [
    { weights: [[0, 0], [0, 0], [0, 0]], biases: [0, 0] },
    { weights: [[0], [0]], biases: [0] },
  ]);
  assert.deepEqual(spec.examples, [{ inputs: [0, 0, 0], targets: [0] }]);
  assert.equal(spec.hiddenActivation, 'sigmoid');
  assert.equal(spec.trainBiases, true);
});

test('modeTexts: the editor’s button texts for the run and for an exercise', () => {
  assert.equal(modeTexts('run').set, 'Set network and example');
  assert.equal(modeTexts('own').set, 'Set exercise and example');
  assert.equal(modeTexts('own').refill, 'Refill from the exercise');
});
