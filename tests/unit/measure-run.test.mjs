// A new run's losses, measured on the page's replica in a task of their own
// (www/js/app/state.js measureRun, app/run-view.js measure) unless the
// engine's report came first: then the replica never measures, and its
// empty first snapshot never replaces the engine's.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureRun } from '../../www/js/app/state.js';
import { createRunView } from '../../www/js/app/run-view.js';

/** A replica as the core builds it unmeasured: NaN losses until `measure`. */
function fakeReplica() {
  const replica = {
    measured: 0,
    loss: NaN,
    measure() {
      replica.measured += 1;
      replica.loss = 0.69;
    },
    stats: () => ({ epoch: 0, trainLoss: replica.loss, testLoss: replica.loss }),
    flatWeights: () => new Float64Array(3),
    history: () => (Number.isNaN(replica.loss) ? new Float64Array(0) : Float64Array.of(0, replica.loss, replica.loss)),
    gradientLayers: () => 1,
    gradientFlow: () => new Float64Array(0),
    nodeDeltas: () => new Float64Array(0),
    metrics: () => null,
    augmentedPoints: () => new Float64Array(0),
    layerSizes: () => Uint32Array.of(2, 1),
    weights: () => ({ layers: [{ activation: 'sigmoid' }] }),
  };
  return replica;
}

/** @param {ReturnType<typeof fakeReplica>} replica */
function stateOf(replica) {
  const run = createRunView(/** @type {any} */ (replica));
  return /** @type {any} */ ({ run, stats: run.stats(), unmeasured: true });
}

test('an unmeasured run is measured once: its losses and first point of history become the run\'s', () => {
  const replica = fakeReplica();
  const state = stateOf(replica);
  assert.ok(Number.isNaN(state.stats.trainLoss));
  measureRun(state);
  assert.equal(replica.measured, 1);
  assert.equal(state.unmeasured, false);
  assert.equal(state.stats.trainLoss, 0.69);
  assert.deepEqual(Array.from(state.run.history()), [0, 0.69, 0.69]);
  measureRun(state);
  assert.equal(replica.measured, 1, 'a measured run is not measured again');
});

test('once the engine has reported on the run, the replica does not measure and the report stays', () => {
  const replica = fakeReplica();
  const state = stateOf(replica);
  const report = { ...state.run.snapshot(), seq: 4, stats: { epoch: 0, trainLoss: 0.5, testLoss: 0.6 }, history: Float64Array.of(0, 0.5, 0.6) };
  state.run.update(report);
  state.stats = report.stats;
  measureRun(state);
  assert.equal(replica.measured, 0);
  assert.equal(state.unmeasured, false);
  assert.equal(state.stats.trainLoss, 0.5);
  assert.deepEqual(Array.from(state.run.history()), [0, 0.5, 0.6]);
});
