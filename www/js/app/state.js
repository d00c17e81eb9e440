// @ts-check
// The page's one state object: the config that is running, the Playground built
// from it and the latest training report. Everything else reads it from here; it
// is passed explicitly, never kept in module-level variables.

/** @typedef {import('../types').Config} Config */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../types').Playground} Playground */
/** @typedef {import('../types').StepResult} StepResult */
/** @typedef {import('../types').PaletteName} PaletteName */
/** @typedef {import('../network/network.js').Display} Display */

/**
 * @typedef {object} AppState
 * @property {CoreModule} core      the wasm module
 * @property {Config} config        the running config, as the core validated it
 * @property {Playground} pg        the network, its data and its training state
 * @property {StepResult} stats     the latest report of `pg.step`
 * @property {number} trainCount    number of training points of `pg`
 * @property {boolean} playing      whether the animation loop trains
 * @property {number} epochsPerFrame epochs trained per animation frame while playing
 * @property {Display} display      what the pictures show (page settings, not the core's)
 * @property {PaletteName} palette  the colours of every heatmap and point
 */

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
 * Builds a Playground, or explains why the core refused the config.
 * @param {CoreModule} core
 * @param {Partial<Config>} config
 * @returns {{ ok: true, pg: Playground } | { ok: false, message: string }}
 */
export function buildPlayground(core, config) {
  try {
    return { ok: true, pg: new core.Playground(config) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Number of training points (isTest = 0) of a Playground.
 * @param {Playground} pg
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
 * @param {Partial<Config>} config
 * @returns {AppState}
 */
export function createState(core, config) {
  const built = buildPlayground(core, config);
  if (!built.ok) throw new Error(built.message);
  return {
    core,
    config: built.pg.config(),
    pg: built.pg,
    stats: built.pg.step(0),
    trainCount: countTrainingPoints(built.pg),
    playing: false,
    epochsPerFrame: 1,
    display: { focus: null, discretize: false, showTest: true, showAugmented: false, showDeltas: true },
    palette: 'default',
  };
}

/**
 * Replaces the running network by one built from `config`. On refusal nothing
 * changes: the previous network keeps running.
 * @param {AppState} state
 * @param {Partial<Config>} config
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function replaceConfig(state, config) {
  const built = buildPlayground(state.core, config);
  if (!built.ok) return built;
  state.pg.free();
  state.pg = built.pg;
  state.pg.setPalette(state.palette);
  state.display.focus = null;
  state.config = built.pg.config();
  state.stats = built.pg.step(0);
  state.trainCount = countTrainingPoints(built.pg);
  return { ok: true };
}

/**
 * Carries the running network on under `config` when it only steers training
 * differently (η, optimizer, batch size, penalty, dropout, augmentation,
 * stopping rules). Otherwise nothing changes and `restart` names the fields
 * that make it another run.
 * @param {AppState} state
 * @param {Partial<Config>} config
 * @returns {{ ok: true, restart: string[] } | { ok: false, message: string }}
 */
export function continueRun(state, config) {
  let restart;
  try {
    restart = state.pg.continueWith(config);
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  if (restart.length === 0) {
    state.config = state.pg.config();
    state.stats = state.pg.stats();
  }
  return { ok: true, restart };
}

/**
 * Makes an already built (and perhaps trained) Playground the running one, as
 * a search's best restart is kept.
 * @param {AppState} state
 * @param {Playground} pg
 */
export function adoptPlayground(state, pg) {
  state.pg.free();
  state.pg = pg;
  state.pg.setPalette(state.palette);
  state.display.focus = null;
  state.config = pg.config();
  state.stats = pg.stats();
  state.trainCount = countTrainingPoints(pg);
}

/**
 * Trains `epochs` epochs (0 just reports) and records the report.
 * @param {AppState} state
 * @param {number} epochs
 */
export function train(state, epochs) {
  state.stats = state.pg.step(epochs);
  return state.stats;
}

/**
 * Back to the initial weights of the same seed, epoch 0, same data.
 * @param {AppState} state
 */
export function resetNetwork(state) {
  state.pg.reset();
  state.stats = state.pg.step(0);
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
