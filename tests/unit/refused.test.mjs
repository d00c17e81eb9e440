// The refused-values helpers, without a browser.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeProblems, refusedFields, refusedSummary, withoutFields } from '../../www/js/controls/refused.js';

test('refusedFields names each field a refusal starts a line with, once', () => {
  const message = [
    'batchSize = 600 is out of range: 1 to 250 (the number of training points) allowed',
    'hidden[2] = 40 units is out of range: 1 to 32 allowed',
    'hidden[3] = 0 units is out of range: 1 to 32 allowed',
    'loss: binary cross-entropy needs a sigmoid output',
  ].join('\n');
  assert.deepEqual(refusedFields(message), ['batchSize', 'hidden', 'loss']);
  assert.deepEqual(refusedFields(''), []);
});

test('withoutFields keeps the rest of the edit; the per-layer fields go together', () => {
  const patch = { dataset: 'xor', batchSize: 600, hidden: [4], dropout: [0.2], hiddenActivations: [], learningRate: 0.1 };
  assert.deepEqual(withoutFields(patch, ['batchSize']), { dataset: 'xor', hidden: [4], dropout: [0.2], hiddenActivations: [], learningRate: 0.1 });
  assert.deepEqual(withoutFields(patch, ['dropout']), { dataset: 'xor', batchSize: 600, learningRate: 0.1 });
});

test('mergeProblems joins the lines of a field', () => {
  const merged = mergeProblems(new Map([['hidden', 'a'], ['noise', 'n']]), new Map([['hidden', 'b'], ['page', 'p']]));
  assert.deepEqual([...merged], [['hidden', 'a\nb'], ['noise', 'n'], ['page', 'p']]);
});

test('refusedSummary names up to three fields and counts the rest', () => {
  assert.equal(refusedSummary([]), '');
  assert.equal(refusedSummary(['Jitter σ']), 'Not applied: Jitter σ.');
  assert.equal(refusedSummary(['A', 'B', 'C', 'D', 'E']), 'Not applied: A, B, C and 2 more.');
});
