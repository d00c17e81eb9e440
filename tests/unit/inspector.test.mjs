// The backprop inspector's plain logic, without a browser: the examples of a
// run, the example h typed in the picker, the messages after an update and
// the computational graph's formulas.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphFormulas } from '../../www/js/inspector/graph-view.js';
import { createUi, lastPhase, trainingExamples, typedExampleIndex } from '../../www/js/inspector/model.js';
import { appliedExerciseText, appliedText, exerciseSummary } from '../../www/js/inspector/notes.js';

test('trainingExamples keeps the training points (flag 0) and drops the test points', () => {
  const points = [1, 2, 1, 0, -3, 4, 0, 1, 0.5, -0.25, 1, 0, 9];
  assert.deepEqual(trainingExamples(points), [{ x1: 1, x2: 2, y: 1 }, { x1: 0.5, x2: -0.25, y: 1 }]);
  assert.deepEqual(trainingExamples(new Float64Array(0)), []);
});

test('typedExampleIndex takes h from 1 to the count, and nothing else', () => {
  assert.equal(typedExampleIndex('1', 4), 0);
  assert.equal(typedExampleIndex('4', 4), 3);
  for (const raw of ['0', '5', '2.5', 'two', '-1']) assert.equal(typedExampleIndex(raw, 4), null, raw);
});

test('the graph has six steps; a network without a trace has one', () => {
  const ui = createUi();
  assert.equal(lastPhase(ui), 0);
  ui.mode = 'graph';
  assert.equal(lastPhase(ui), 5);
});

test('the update messages give ŷ, L and the example that comes next', () => {
  assert.equal(appliedText(2, 0.75, 0.03125, 2, 4), "Applied example 2's update (ŷ was 0.75, L = 0.03125). Now example 3 of 4.");
  assert.equal(
    appliedText(4, -0.5, 1, 0, 4),
    "Applied example 4's update (ŷ was −0.5, L = 1). Now example 1 of 4: every example has been consumed, a new pass starts.",
  );
  assert.match(appliedExerciseText(1, [0.1, 0.2], 0.5, 1, 2), /ŷ was ⟨0\.1, 0\.2⟩, L = 0\.5\)\. Now example 2 of 2, from the new weights\.$/);
  assert.match(appliedExerciseText(1, [0.1], 0.5, 0, 1), /ŷ was 0\.1,/);
});

test('exerciseSummary names the shape, the outputs and η', () => {
  const spec = /** @type {any} */ ({ sizes: [2, 2, 1], hiddenActivation: 'sigmoid', outputActivation: 'sigmoid', learningRate: 0.5, trainBiases: false });
  assert.equal(
    exerciseSummary(spec),
    'Textbook exercise 2-2-1: sigmoid hidden units, 1 sigmoid output, L = ½ Σₖ (yₖ − ŷₖ)², η = 0.5, biases held.',
  );
});

test('graphFormulas: forward q = x + y and f = q·z, then the chain rule backward', () => {
  // f = (x + y)·z at x = 1, y = 2, z = 2 with ∂L/∂f = 2 (the inspector's defaults).
  const nodes = [
    { name: 'x', op: 'input', inputs: [], value: 1, local: [], gradient: 4 },
    { name: 'y', op: 'input', inputs: [], value: 2, local: [], gradient: 4 },
    { name: 'z', op: 'input', inputs: [], value: 2, local: [], gradient: 6 },
    { name: 'q', op: 'add', inputs: [0, 1], value: 3, local: [1, 1], gradient: 4 },
    { name: 'f', op: 'mul', inputs: [3, 2], value: 6, local: [2, 3], gradient: 2 },
  ];
  const at = (/** @type {number} */ p) => graphFormulas(/** @type {any} */ (nodes), p).map((f) => `${f.lhs} = ${f.expression} = ${f.value}`);
  assert.deepEqual(at(0), ['x =  = 1', 'y =  = 2', 'z =  = 2']);
  assert.deepEqual(at(1), ['q = x + y = 1 + 2 = 3']);
  assert.deepEqual(at(2), ['f = q·z = 3 × 2 = 6']);
  assert.deepEqual(at(4), ['∂L/∂q = ∂L/∂f · ∂f/∂q = ∂L/∂f · z = 2 × 2 = 4', '∂L/∂z = ∂L/∂f · ∂f/∂z = ∂L/∂f · q = 2 × 3 = 6']);
  assert.deepEqual(at(5), ['∂L/∂x = ∂L/∂q · ∂q/∂x = 4 × 1 = 4', '∂L/∂y = ∂L/∂q · ∂q/∂y = 4 × 1 = 4']);
});
