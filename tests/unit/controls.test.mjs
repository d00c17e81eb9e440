// The form's plain logic, without a browser: typed values refused with the
// message shown next to their field, the form's values read into a config
// patch, and the core's refusal read into a message per field.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelOf, readRefusal } from '../../www/js/controls/messages.js';
import { patchFrom } from '../../www/js/controls/patch.js';
import { batchProblem, numberProblem, parseWhole, typedProblem, typedRanges } from '../../www/js/controls/typed.js';
import { etaText, explanation, useExplanations } from '../../www/js/controls/dependents.js';
import { loadCore } from './core.mjs';

// What may be typed, from the core's schema: the same ranges and words as validation.
const ranges = typedRanges((await loadCore()).schema());

test('parseWhole takes whole numbers only', () => {
  assert.equal(parseWhole(' 12 '), 12);
  for (const raw of ['', '1.5', 'abc', '  ']) assert.ok(Number.isNaN(parseWhole(raw)), raw);
});

test('typedProblem: an open or closed lower bound, scientific notation, no hex, in the core\'s words', () => {
  const eta = ranges.learningRate;
  for (const raw of ['0.05', '5e-2', '.05', '10']) assert.equal(typedProblem(raw, eta), null, raw);
  assert.equal(typedProblem('0', eta), '0 is out of range; η above 0 and at most 10 allowed.');
  assert.equal(typedProblem('0', ranges.initRange), null);
  assert.equal(typedProblem('10.5', ranges.initRange), '10.5 is out of range; α from 0 to 10 allowed.');
  assert.equal(typedProblem('0x10', eta), '“0x10” is not a number; η above 0 and at most 10 allowed.');
  assert.equal(typedProblem(' ', ranges.dropout), 'enter a number: 0 to 0.9.');
});

test('typedProblem wants a whole number where the core does, and says the unit', () => {
  assert.equal(typedProblem('40', ranges.units), '40 is out of range; 1 to 32 units allowed.');
  assert.equal(typedProblem('2.5', ranges.units), '“2.5” is not a whole number; 1 to 32 units allowed.');
  assert.equal(typedProblem('', ranges.units), 'enter a whole number: 1 to 32 units.');
  assert.equal(typedProblem('32', ranges.units), null);
  assert.equal(typedProblem('9', ranges.layers), '9 is out of range; 0 to 8 hidden layers allowed.');
});

test('numberProblem and batchProblem', () => {
  assert.equal(numberProblem('0.9', false), null);
  assert.equal(numberProblem('0.9', true), '“0.9” is not a whole number.');
  assert.equal(numberProblem('', false), 'enter a number.');
  assert.equal(batchProblem('300', ranges.batch, true, 250), '300 is larger than the 250 training points; 1 to 250 allowed.');
  assert.equal(batchProblem('300', ranges.batch, false, 250), null);
  assert.equal(batchProblem('0', ranges.batch, true, 250), '0 is out of range; 1 to 250 allowed.');
  assert.equal(batchProblem('6000', ranges.batch, false, 250), '6000 is out of range; 1 to 5000 allowed.');
});

/** A form as typed: the running config's values unless `changes` say otherwise. */
function values(changes = {}) {
  return {
    dataset: 'circle', activation: 'tanh', regularization: 'none', regularizationRate: '0',
    learningRate: '0.03',
    keyed: [
      { key: 'optimizer', value: 'sgd', select: true, nullable: false, number: false, integer: false },
      { key: 'outputActivation', value: '', select: true, nullable: true, number: false, integer: false },
      { key: 'classes', value: '3', select: true, nullable: false, number: true, integer: false },
      { key: 'maxEpochs', value: '100', select: false, nullable: false, number: false, integer: true },
    ],
    initRange: '0.5', noise: '0', trainRatio: '50', layerCount: '2',
    units: ['4', '2'], phis: ['tanh', 'tanh'], dropout: ['0', '0'], batchSize: '10',
    ...changes,
  };
}
const context = { applied: /** @type {any} */ ({ dataset: 'circle', trainRatio: 50 }), trainCount: 250, ranges };
const label = (/** @type {string} */ field) => labelOf(field, new Map([['maxEpochs', 'Max epochs']]));

test('patchFrom reads a valid form into a patch, in the form’s order', () => {
  const { patch, problems, invalid } = patchFrom(values(), context, label);
  assert.deepEqual(patch, {
    dataset: 'circle', activation: 'tanh', regularization: 'none', regularizationRate: 0, learningRate: 0.03,
    optimizer: 'sgd', outputActivation: null, classes: 3, maxEpochs: 100,
    initRange: 0.5, noise: 0, trainRatio: 50, hiddenActivations: [], dropout: [], hidden: [4, 2], batchSize: 10,
  });
  assert.deepEqual(Object.keys(patch).slice(-4), ['hiddenActivations', 'dropout', 'hidden', 'batchSize']);
  assert.equal(problems.size, 0);
  assert.deepEqual(invalid, []);
});

test('patchFrom leaves a refused field out and names it, the per-layer fields under hidden', () => {
  const { patch, problems, invalid } = patchFrom(
    values({ learningRate: '0', maxEpochs: undefined, units: ['4', '40'], dropout: ['0.95', '0.2'], phis: ['tanh', 'relu'], batchSize: '300' }),
    context,
    label,
  );
  assert.equal(patch.learningRate, undefined);
  assert.equal(patch.hidden, undefined);
  assert.equal(patch.batchSize, undefined);
  assert.deepEqual(patch.hiddenActivations, ['tanh', 'relu']);
  assert.deepEqual(patch.dropout, [0.2]);
  assert.deepEqual(invalid, ['learningRate', 'units:1', 'dropout:0', 'batchSize']);
  assert.equal(problems.get('learningRate'), 'Learning rate η: 0 is out of range; η above 0 and at most 10 allowed.');
  assert.equal(problems.get('hidden'), 'Hidden layer 2: 40 is out of range; 1 to 32 units allowed.\nDropout of hidden layer 1: 0.95 is out of range; 0 to 0.9 allowed.');
  assert.equal(problems.get('batchSize'), 'Batch size: 300 is larger than the 250 training points; 1 to 250 allowed.');
});

test('patchFrom refuses a typed keyed field by its label; other data leaves the batch to the core', () => {
  const keyed = values().keyed.map((k) => (k.key === 'maxEpochs' ? { ...k, value: '1.5' } : k));
  const { patch, problems, invalid } = patchFrom(values({ keyed, dataset: 'xor', batchSize: '300' }), context, label);
  assert.equal(problems.get('maxEpochs'), 'Max epochs: “1.5” is not a whole number.');
  assert.deepEqual(invalid, ['key:maxEpochs']);
  assert.equal(patch.batchSize, 300);
});

test('readRefusal files each line of the core under its field, the rest under page', () => {
  const { problems, marks } = readRefusal([
    'hidden[1] = 40 units is out of range: 1 to 32 allowed',
    'dropout[0] = 0.95 is out of range',
    'maxEpochs = 0 is out of range',
    'something the page does not know',
  ].join('\n'), new Map([['maxEpochs', 'Max epochs']]));
  assert.deepEqual([...problems.keys()], ['hidden', 'maxEpochs', 'page']);
  assert.equal(problems.get('hidden'), 'Hidden layers: hidden[1] = 40 units is out of range: 1 to 32 allowed\nDropout: dropout[0] = 0.95 is out of range');
  assert.equal(problems.get('maxEpochs'), 'Max epochs: maxEpochs = 0 is out of range');
  assert.deepEqual(marks, [{ field: 'hidden', layer: 1 }, { field: 'dropout', layer: 0 }, { field: 'maxEpochs', layer: undefined }]);
});

test('labelOf: the form’s names, then the keyed labels, then the other fields', () => {
  const keyed = new Map([['loss', 'Loss']]);
  assert.equal(labelOf('initRange', keyed), 'Initial weights ±α');
  assert.equal(labelOf('loss', keyed), 'Loss');
  assert.equal(labelOf('numPoints', keyed), 'Number of points');
  assert.equal(labelOf('unknown', keyed), 'unknown');
});

test('the η readout and the explanations under the menus', () => {
  assert.equal(etaText(0.0312345), '0.03123');
  assert.equal(etaText(Infinity), '–');
  assert.equal(explanation('optimizer', 'adam'), '');
  useExplanations({ optimizer: { adam: 'Momentum and RMSProp together.' } });
  assert.equal(explanation('optimizer', 'adam'), 'Momentum and RMSProp together.');
  useExplanations({});
  assert.equal(explanation('activation', 'tanh'), '');
});
