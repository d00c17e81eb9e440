// @ts-check
// What the views read about the run: its fixed parts (data, structure,
// palette) from the page's replica, a Playground built from the same config
// that never trains; everything training changes from the latest snapshot the
// engine sent. A view reads; it never changes the run (app/state.js does).

import { layersFromFlat } from '../lib/weights.js';

/** @typedef {import('../../pkg/backprop_playground.js').Playground} Playground */
/** @typedef {import('../../pkg/backprop_playground.js').Feature} FeatureName */
/** @typedef {import('./engine.js').Snapshot} Snapshot */
/** @typedef {import('./engine-pictures.js').Pictures} Pictures */

/**
 * The replica's own report as the run's first snapshot: at epoch 0 it is the
 * engine's, bit for bit (same config, same seeds).
 * @param {Playground} replica
 * @returns {Snapshot}
 */
export function firstSnapshot(replica) {
  return {
    seq: -1,
    stats: replica.stats(),
    weights: replica.flatWeights(),
    pictures: null,
    history: replica.history(),
    flow: { layers: replica.gradientLayers(), values: replica.gradientFlow() },
    deltas: replica.nodeDeltas(),
    metrics: replica.metrics(),
    divergence: null,
    augmented: replica.augmentedPoints(),
    trainer: null,
    epochsPerSecond: 0,
    complete: false,
    surface: null,
  };
}

/**
 * @typedef {ReturnType<typeof createRunView>} RunView
 */

/**
 * @param {Playground} replica
 */
export function createRunView(replica) {
  const sizes = replica.layerSizes();
  const activations = replica.weights().layers.map((layer) => layer.activation);
  let snapshot = firstSnapshot(replica);
  /** @type {Pictures | null} */
  let pictures = null;
  /** @type {ReturnType<typeof layersFromFlat> | null} */
  let layers = null;
  /** Whether the replica holds the snapshot's weights (or is ahead of them). */
  let replicaSynced = true;
  /**
   * The replica took a change the engine has not answered yet (or the run
   * has no snapshot from the engine): its weights are the run's.
   */
  let ahead = true;
  /** Whether the engine has sent a snapshot of this run. */
  let reported = false;

  return {
    /** @param {Snapshot} next */
    update(next) {
      snapshot = {
        ...next,
        history: next.history ?? snapshot.history,
        flow: next.flow ?? snapshot.flow,
        deltas: next.deltas ?? snapshot.deltas,
        metrics: next.metrics ?? snapshot.metrics,
        augmented: next.augmented ?? snapshot.augmented,
        surface: next.surface ?? snapshot.surface,
      };
      if (next.pictures) pictures = next.pictures;
      layers = null;
      replicaSynced = false;
      ahead = false;
      reported = true;
    },
    /**
     * Measures the replica, built unmeasured, as the run's first snapshot;
     * false (and nothing done) once the engine has reported on the run.
     */
    measure() {
      if (reported) return false;
      replica.measure();
      snapshot = firstSnapshot(replica);
      layers = null;
      return true;
    },
    /** The replica with the run's current weights, for reads that need the core. */
    synced() {
      if (!replicaSynced) {
        replica.setFlatWeights(snapshot.weights);
        // With the optimizer's and the schedule's state, a step of the
        // replica is the run's own (crate/tests/replica.rs).
        if (snapshot.trainer) replica.setTrainerState(snapshot.trainer);
        replicaSynced = true;
      }
      return replica;
    },
    /** The replica changed ahead of the engine (a mirrored change). */
    changedAhead() {
      replicaSynced = true;
      ahead = true;
      layers = null;
    },
    snapshot: () => snapshot,
    stats: () => snapshot.stats,
    config: () => replica.config(),
    isClassification: () => replica.isClassification(),
    points: () => replica.points(),
    pointColors: () => replica.pointColors(),
    layerSizes: () => sizes,
    featureNames: () => replica.featureNames(),
    /**
     * @param {FeatureName} name
     * @param {number} n
     */
    featureHeatmap: (name, n) => replica.featureHeatmap(name, n),
    weights() {
      layers ??= ahead ? replica.weights() : layersFromFlat(snapshot.weights, sizes, activations);
      return layers;
    },
    flatWeights: () => (ahead ? replica.flatWeights() : snapshot.weights),
    history: () => snapshot.history ?? new Float64Array(0),
    gradientLayers: () => snapshot.flow?.layers ?? 0,
    gradientFlow: () => snapshot.flow?.values ?? new Float64Array(0),
    nodeDeltas: () => snapshot.deltas ?? new Float64Array(0),
    metrics: () => snapshot.metrics,
    divergence: () => snapshot.divergence,
    augmentedPoints: () => snapshot.augmented ?? new Float64Array(0),
    /** The loss surface, while it is shown. */
    surface: () => snapshot.surface,
    /** The latest pictures, or null before the engine sent any. */
    pictures: () => pictures,
    /**
     * A node's thumbnail, or null when there is none yet.
     * @param {number} node
     */
    heatmap: (node) => pictures?.nodes[node] ?? null,
    /**
     * @param {number} x1
     * @param {number} x2
     * @param {number} y
     */
    inspectExample(x1, x2, y) {
      return this.synced().inspectExample(x1, x2, y);
    },
    dataCsv: () => replica.dataCsv(),
  };
}
