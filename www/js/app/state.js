// @ts-check
// The page's one state object and the only code that changes the run. The
// run itself lives in the engine's worker (app/engine-worker.js); the page
// keeps a replica of it, a Playground built from the same config that never
// trains: it validates a config at once, answers reads of the data and the
// structure, and takes every change the page makes before the engine does
// (the same change, sent in order, so both hold the same network). Views read
// `state.run` and send changes through the functions here.

import { createRunView } from './run-view.js';

/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').Playground} Playground */
/** @typedef {import('../../pkg/backprop_playground.js').StepResult} StepResult */
/** @typedef {import('../../pkg/backprop_playground.js').PaletteName} PaletteName */
/** @typedef {import('../network/network.js').Display} Display */
/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {import('./engine.js').Snapshot} Snapshot */
/** @typedef {import('./run-view.js').RunView} RunView */

/**
 * @typedef {object} AppState
 * @property {CoreModule} core      the wasm module
 * @property {Engine} engine        the worker that trains the run
 * @property {Config} config        the running config, as the core validated it
 * @property {Playground} replica   the run's replica on the page (never trains)
 * @property {RunView} run          what the views read: the replica and the latest snapshot
 * @property {StepResult} stats     the latest report of the run
 * @property {number} trainCount    number of training points of the run
 * @property {boolean} playing      whether the engine trains
 * @property {number} epochsPerFrame the speed setting: epochs per 1/60 s (TOP_SPEED: as fast as it can)
 * @property {Display} display      what the pictures show (page settings, not the core's)
 * @property {PaletteName} palette  the colours of every heatmap and point
 * @property {boolean} fresh        a snapshot arrived that is not drawn yet (`markFresh` sets it)
 * @property {() => void} wake      asks the animation loop for a frame: it sleeps while
 *   nothing changes (loop.js)
 * @property {boolean} unmeasured   the run is new and its replica's losses are not measured yet
 *   (`measureRun`, in a task of its own): nothing of the run is drawn until they are, or until
 *   the engine's first report comes
 */

/** The speed setting that means "as fast as the engine can". */
export const TOP_SPEED = 100;

/**
 * Epochs per second for a speed setting.
 * @param {number} speed
 */
export function epochRate(speed) {
  return speed >= TOP_SPEED ? Infinity : speed * 60;
}

/**
 * What a fresh page runs. Seeds are fixed so a fresh load is reproducible; a new
 * seed is picked in the Share menu (link.js).
 * @type {Partial<Config>}
 */
export const PAGE_DEFAULTS = Object.freeze({
  dataset: 'circle',
  hidden: [4, 2],
  seed: 1,
  dataSeed: 1,
});

/**
 * Marks the state as not drawn yet, and wakes the loop to draw it.
 * @param {AppState} state
 */
export function markFresh(state) {
  state.fresh = true;
  state.wake();
}

/**
 * Builds a replica, unmeasured (`measureRun` measures it in a task of its
 * own: over 5,000 points of 8 × 32 its losses take ~15 ms), or explains why
 * the core refused the config.
 * @param {CoreModule} core
 * @param {Partial<Config>} config
 * @returns {{ ok: true, pg: Playground } | { ok: false, message: string }}
 */
export function buildPlayground(core, config) {
  try {
    return { ok: true, pg: core.Playground.unmeasured(config) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Number of training points (isTest = 0) of a Playground.
 * @param {{ points(): Float64Array }} pg
 */
export function countTrainingPoints(pg) {
  const points = pg.points();
  let n = 0;
  for (let i = 3; i < points.length; i += 4) if (points[i] === 0) n += 1;
  return n;
}

/**
 * The state for a first config; throws the core's message if it refuses it.
 * @param {CoreModule} core
 * @param {Engine} engine
 * @param {Partial<Config>} config
 * @returns {AppState}
 */
export function createState(core, engine, config) {
  const built = buildPlayground(core, config);
  if (!built.ok) throw new Error(built.message);
  /** @type {AppState} */
  const state = {
    core,
    engine,
    config: built.pg.config(),
    replica: built.pg,
    run: createRunView(built.pg),
    stats: built.pg.stats(),
    trainCount: countTrainingPoints(built.pg),
    playing: false,
    epochsPerFrame: 1,
    display: { focus: null, discretize: false, showTest: true, showAugmented: false, showDeltas: true },
    palette: 'default',
    fresh: true,
    wake: () => {},
    unmeasured: true,
  };
  engine.run(state.config, state.palette);
  return state;
}

/**
 * Measures a new run's replica (built unmeasured: by `createState`, or by
 * `replaceConfig` for a large run): its losses, accuracies and first point
 * of history are the run's first snapshot, unless the engine's came first.
 * Nothing to do when the run is measured.
 * @param {AppState} state
 */
export function measureRun(state) {
  if (!state.unmeasured) return;
  state.unmeasured = false;
  if (state.run.measure()) state.stats = state.run.stats();
}

/**
 * Makes `replica` the run's, and has the engine build the same run.
 * @param {AppState} state
 * @param {Playground} replica  built unmeasured (`measureRun` measures it)
 */
function startRun(state, replica) {
  state.replica.free();
  state.unmeasured = true;
  state.replica = replica;
  replica.setPalette(state.palette);
  state.display.focus = null;
  state.config = replica.config();
  state.run = createRunView(replica);
  state.stats = replica.stats();
  state.trainCount = countTrainingPoints(replica);
  markFresh(state);
  state.engine.run(state.config, state.palette);
  if (state.playing) state.engine.play(epochRate(state.epochsPerFrame));
}

/**
 * Replaces the run by one built from `config`. On refusal nothing changes:
 * the previous run keeps going.
 * @param {AppState} state
 * @param {Partial<Config>} config
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function replaceConfig(state, config) {
  const built = buildPlayground(state.core, config);
  if (!built.ok) return built;
  startRun(state, built.pg);
  return { ok: true };
}

/**
 * Applies a change to the run: first to the replica (holding the run's
 * current weights), which refuses it by throwing, then, in order, to the
 * engine. Returns the replica's answer.
 * @template {keyof Playground & string} M
 * @param {AppState} state
 * @param {M} method
 * @param {Parameters<Playground[M] extends (...args: any) => any ? Playground[M] : never>} args
 * @returns {ReturnType<Playground[M] extends (...args: any) => any ? Playground[M] : never>}
 */
export function change(state, method, ...args) {
  measureRun(state);
  const replica = state.run.synced();
  const own = UNMEASURED_ON_REPLICA[method];
  const fn = /** @type {(...a: unknown[]) => any} */ (replica[own ?? method]);
  const value = fn.apply(replica, args);
  state.engine.call(method, ...args);
  state.run.changedAhead();
  state.config = replica.config();
  // The engine measures; the replica, only if the engine has yet to report.
  if (own) state.unmeasured = true;
  if (WEIGHT_CHANGES.has(method)) {
    // The replica measured the new weights on the same data: the losses are
    // the run's now; the epoch and η stay the engine's.
    const { trainLoss, testLoss, trainAccuracy, testAccuracy } = replica.stats();
    state.stats = { ...state.stats, trainLoss, testLoss, trainAccuracy, testAccuracy };
  }
  markFresh(state);
  return value;
}

/**
 * Changes the replica makes without measuring their losses (the engine
 * measures them): new data, ~15 ms for 5,000 points through 8 × 32.
 * @type {Partial<Record<string, keyof Playground>>}
 */
const UNMEASURED_ON_REPLICA = { regenerateData: 'regenerateDataUnmeasured' };

/** Changes that set weights, after which the replica's losses are the run's. */
const WEIGHT_CHANGES = new Set(['setWeight', 'setBias', 'setFlatWeights', 'setLayers', 'trainExample']);

/**
 * Makes a trained run found by a search the page's: the engine builds
 * `config` (the restart's seed) and trains it `epochs` epochs. Runs are
 * deterministic, so it arrives at the search's own network, its history and
 * optimizer state included. The caller has paused the loop: `step` trains
 * those epochs and no more.
 * @param {AppState} state
 * @param {Partial<Config>} config
 * @param {number} epochs
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function adoptTrained(state, config, epochs) {
  const result = replaceConfig(state, config);
  if (!result.ok) return result;
  if (epochs > 0) state.engine.step(epochs);
  return result;
}

/**
 * Carries the run on under `config` when it only steers training
 * differently (η, optimizer, batch size, penalty, dropout, augmentation,
 * stopping rules). Otherwise nothing changes and `restart` names the fields
 * that make it another run.
 * @param {AppState} state
 * @param {Partial<Config>} config
 * @returns {{ ok: true, restart: string[] } | { ok: false, message: string }}
 */
export function continueRun(state, config) {
  measureRun(state);
  // The replica takes the new settings as the engine will, or refuses them.
  let restart;
  try {
    restart = state.replica.continueWith(config);
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  if (restart.length === 0) {
    state.engine.call('continueWith', config);
    state.config = state.replica.config();
    markFresh(state);
  }
  return { ok: true, restart };
}

/**
 * Back to the initial weights of the same seed, epoch 0, same data (the
 * caller has paused the loop).
 * @param {AppState} state
 */
export function resetNetwork(state) {
  state.unmeasured = false;
  state.replica.reset();
  state.engine.call('reset');
  state.run = createRunView(state.replica);
  state.stats = state.replica.stats();
  markFresh(state);
}

/**
 * Takes a snapshot from the engine as the run's latest state.
 * @param {AppState} state
 * @param {Snapshot} snapshot
 */
export function receive(state, snapshot) {
  // The engine's report is the run's: the replica need not measure it.
  state.unmeasured = false;
  state.run.update(snapshot);
  state.stats = snapshot.stats;
  markFresh(state);
}

/**
 * The config named by a location hash such as `#bench=B` (the core's benchmark
 * configs, `cargo xtask bench --browser`), or null when the hash names none. An
 * unknown benchmark name is an error.
 * @param {string} hash
 * @param {CoreModule} core
 * @returns {{ config: Partial<Config>, play: boolean } | { error: string } | null}
 */
export function configFromHash(hash, core) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const bench = params.get('bench');
  if (bench === null) return null;
  try {
    return { config: core.benchConfig(bench), play: true };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
