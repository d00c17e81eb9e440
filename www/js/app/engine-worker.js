// @ts-check
// The engine: a dedicated Worker that owns a wasm core and the page's run. It
// trains continuously at the pace the page set (epochs per second, or as fast
// as it can), independent of the page's frame rate, and answers the page's
// requests for a snapshot with what the page shows: scalars every time, the
// heatmaps within a time budget. The page never trains (ARCHITECTURE.md).
//
// Messages in (app/engine.js sends them, in order, each with a sequence number):
//   init {module}        the compiled wasm, shared with the page
//   run {config, palette, weights?}  a new run (the page has validated it)
//   call {method, args, id?}  a change the page applied to its replica too
//   play {rate} · pause · step {epochs} · needs {…} · want
//   memory {id}          the bytes of wasm memory its core holds (soak tests)
//   surfaceAt {id, u, v} the weights at (u, v) of the loss surface shown
//   search {job}         a worker of its own runs a search (engine-search.js)
//   lane {config, …}     a worker of its own trains a race's lane (engine-lane.js)
//   links {canvas}       a worker of its own paints the diagram's links
//                        (network/link-painter.js); nothing else is sent to it
// Messages out: ready · snapshot {…} · result {id, value} · error {message}
//   · progress {report} · done {report}

import { pictures } from './engine-pictures.js';
import { search } from './engine-search.js';
import { runLane } from './engine-lane.js';
import { createSurfaceKeeper } from './engine-surface.js';
import { paintLinksHere } from '../network/link-painter.js';

/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').Playground} Playground */
/** @typedef {import('./engine.js').Needs} Needs */

/** The longest training slice between two looks at the message queue, in ms. */
const SLICE_MS = 12;
/** The least time a slice is taken to last: the worker clock's tick, about. */
const CLOCK_MS = 0.1;
/** How far a paced run may fall behind before it stops catching up, in seconds. */
const MAX_BACKLOG_S = 0.1;
/**
 * The fraction of the worker's time pictures may take at most: at the top
 * speed the rest trains; at a set pace the rest is training and idle time,
 * which on a 2-core machine the page's compositor needs (a D-sized plot costs
 * ~43 ms, four epochs' worth).
 */
const TOP_SPEED_PICTURE_SHARE = 0.15;
const PACED_PICTURE_SHARE = 0.3;

const scope = /** @type {{ postMessage(message: unknown, transfer?: Transferable[]): void, onmessage: ((event: MessageEvent) => void) | null }} */ (
  /** @type {unknown} */ (globalThis)
);

/** @type {CoreModule | null} */
let core = null;
/** @type {Playground | null} */
let pg = null;
/** The sequence number of the last command applied. */
let seq = 0;
let playing = false;
/** Epochs per second; Infinity is as fast as possible. */
let rate = 60;
let credit = 0;
let lastTick = 0;
/** Running means of one batch's and one epoch's cost, in ms (NaN: not measured yet). */
let batchMs = NaN;
let epochMs = NaN;
/** @type {Needs} */
let needs = { plotSize: 100, thumbSize: 32, focus: null, discretize: false, thumbnails: true, history: true, flow: true, deltas: true, metrics: true, augmented: false, surface: null };
/** @type {ReturnType<typeof createSurfaceKeeper> | null} */
let surface = null;
/** While training, every other task may compute the loss surface's rows. */
let surfaceTurn = false;
/** The longest run of surface rows in one task, in ms. */
const SURFACE_SLICE_MS = 10;
let wanted = false;
/** Something changed since the last snapshot. */
let dirty = true;
/** Pictures are behind the weights. */
let picturesStale = true;
let pictureMs = 0;
let lastPictureAt = -Infinity;
let scheduled = false;
const wake = new MessageChannel();
wake.port1.onmessage = () => tick();

/** Where the bundled single file hands over the core (see `loadCore` in main.js). */
async function loadCore() {
  if (globalThis.backpropPlaygroundCore) return globalThis.backpropPlaygroundCore;
  const url = new URL('../../pkg/backprop_playground.js', import.meta.url);
  return /** @type {CoreModule} */ (await import(url.href)); // dist: unreachable in the single file
}

/** @param {number} delayMs */
function schedule(delayMs) {
  if (scheduled) return;
  scheduled = true;
  if (delayMs <= 0) wake.port2.postMessage(null);
  else setTimeout(() => tick(), delayMs);
}

/**
 * One task of the engine: a snapshot the page waits for, else a training
 * slice. Never both: a command that arrived meanwhile (Pause) is handled
 * between the two, so it waits for one of them at most.
 */
function tick() {
  scheduled = false;
  if (!pg) return;
  if (wanted && dirty) {
    post(false);
    if (playing || surface?.pending()) schedule(0);
    return;
  }
  surfaceTurn = !surfaceTurn;
  if (surface?.pending() && (!playing || surfaceTurn)) {
    surface.work(SURFACE_SLICE_MS);
    dirty = true;
  } else if (playing) {
    trainSlice();
    surface?.moved();
  }
  if ((wanted && dirty) || surface?.pending()) schedule(0);
  else if (playing) schedule(rate === Infinity ? 0 : Math.max(0, (1 - credit) * 1000 / rate));
}

/**
 * Trains what the pace allows, in about SLICE_MS: whole epochs when they are
 * short, else as many batches of the epoch under way as fit (the core goes on
 * with it next time, bit for bit), so that a message such as Pause waits for
 * one batch at most, never for a long epoch. A new run's first slice is one
 * batch, which measures the cost.
 */
function trainSlice() {
  if (!pg) return;
  const now = performance.now();
  if (rate === Infinity) credit = Infinity;
  else credit = Math.min(credit + ((now - lastTick) * rate) / 1000, rate * MAX_BACKLOG_S + 1);
  lastTick = now;
  const underWay = pg.epochProgress().length > 0;
  if (credit < 1 && !underWay) return;
  const epochBefore = pg.stats().epoch;
  const whole = epochMs <= SLICE_MS / 2;
  let stats;
  let batches = 0;
  if (whole) {
    stats = pg.step(Math.max(1, Math.min(Math.floor(credit), Math.floor(SLICE_MS / epochMs))));
  } else {
    batches = Number.isNaN(batchMs) ? 1 : Math.max(1, Math.floor(SLICE_MS / batchMs));
    stats = pg.stepBatches(batches);
  }
  const took = performance.now() - now;
  const epochs = stats.epoch - epochBefore;
  if (!stats.stopped) measureCost(took, batches, epochs);
  if (rate !== Infinity) credit = Math.max(0, credit - epochs);
  dirty = true;
  picturesStale = true;
  if (stats.stopped) {
    // Training stopped by itself: the page hears it with full pictures.
    playing = false;
    surface?.paused();
    post(true);
  }
}

/**
 * Updates the running costs from a slice that took `took` ms.
 * @param {number} took
 * @param {number} batches  batches trained (0: whole epochs)
 * @param {number} epochs   epochs finished
 */
function measureCost(took, batches, epochs) {
  if (!pg) return;
  // A worker's clock may tick in tenths of a millisecond (or coarser): a
  // slice read as 0 ms would make every later count Infinity, which the core
  // reads as 0 (a run that never moves).
  took = Math.max(took, CLOCK_MS);
  const mean = (/** @type {number} */ old, /** @type {number} */ sample) => (Number.isNaN(old) ? sample : 0.7 * old + 0.3 * sample);
  if (batches === 0) {
    if (epochs > 0) epochMs = mean(epochMs, took / epochs);
    return;
  }
  batchMs = mean(batchMs, took / batches);
  const progress = pg.epochProgress();
  // An epoch of one batch ends in the slice that trained it.
  const perEpoch = progress.length > 0 ? progress[1] : epochs > 0 ? batches / epochs : NaN;
  if (!Number.isNaN(perEpoch)) epochMs = batchMs * perEpoch;
}

/** A new run, or new settings: its costs are measured again. */
function forgetCosts() {
  batchMs = NaN;
  epochMs = NaN;
}

/**
 * Posts a snapshot of the run. Pictures are included when they are stale and
 * either `full` is asked, training is paused, or the budget allows; never
 * with `quick` (they follow in the next snapshot).
 * @param {boolean} full
 * @param {boolean} [quick]
 */
function post(full, quick = false) {
  if (!pg || !core) return;
  const now = performance.now();
  const share = rate === Infinity ? TOP_SPEED_PICTURE_SHARE : PACED_PICTURE_SHARE;
  const due = now - lastPictureAt >= pictureMs * (1 / share - 1);
  /** @type {Transferable[]} */
  const transfer = [];
  let shown = null;
  if (picturesStale && !quick && (full || !playing || due)) {
    const started = performance.now();
    shown = pictures(pg, needs);
    pictureMs = performance.now() - started;
    lastPictureAt = performance.now();
    picturesStale = false;
    transfer.push(shown.plot.buffer);
    for (const tile of shown.nodes) if (tile) transfer.push(tile.buffer);
  }
  const stats = pg.stats();
  const weights = pg.flatWeights();
  transfer.push(weights.buffer);
  const snapshot = {
    type: 'snapshot',
    seq,
    stats,
    weights,
    pictures: shown,
    history: needs.history ? pg.history() : null,
    flow: needs.flow ? { layers: pg.gradientLayers(), values: pg.gradientFlow() } : null,
    deltas: needs.deltas ? pg.nodeDeltas() : null,
    metrics: needs.metrics ? pg.metrics() : null,
    divergence: stats.stopped?.kind === 'diverged' ? pg.divergence() : null,
    augmented: needs.augmented ? pg.augmentedPoints() : null,
    // Paused, the page's replica takes it too, so that the inspector's steps are the run's.
    trainer: playing ? null : pg.trainerState(),
    surface: needs.surface ? surface?.picture() ?? null : null,
    epochsPerSecond: (rate === Infinity || playing) && epochMs > 0 ? 1000 / epochMs : 0,
    complete: !picturesStale,
  };
  const drawn = snapshot.surface && 'losses' in snapshot.surface ? snapshot.surface : null;
  for (const array of [snapshot.history, snapshot.flow?.values, snapshot.deltas, snapshot.augmented, snapshot.trainer, drawn?.losses, drawn?.path]) {
    if (array) transfer.push(array.buffer);
  }
  wanted = false;
  dirty = picturesStale;
  scope.postMessage(snapshot, transfer);
}

/**
 * Applies one command from the page.
 * @param {any} message
 */
async function handle(message) {
  if (typeof message.seq === 'number') seq = message.seq;
  switch (message.type) {
    case 'init': {
      core = await loadCore();
      core.initSync({ module: message.module });
      surface = createSurfaceKeeper(core);
      scope.postMessage({ type: 'ready' });
      return;
    }
    case 'run': {
      if (!core) throw new Error('the engine received a run before its core');
      pg?.free();
      pg = new core.Playground(message.config);
      pg.setPalette(message.palette);
      if (message.weights) pg.setFlatWeights(message.weights);
      surface?.want(needs.surface, pg);
      credit = 0;
      lastTick = performance.now();
      forgetCosts();
      break;
    }
    case 'call': {
      if (!pg) return;
      const method = /** @type {keyof Playground} */ (message.method);
      let value;
      try {
        value = /** @type {(...args: unknown[]) => unknown} */ (pg[method]).apply(pg, message.args);
      } catch (err) {
        // A request's refusal goes back to who asked; any other is the engine's failure.
        if (message.id === undefined) throw err;
        scope.postMessage({ type: 'result', id: message.id, error: err instanceof Error ? err.message : String(err) });
        return;
      }
      if (message.id !== undefined) scope.postMessage({ type: 'result', id: message.id, value });
      forgetCosts();
      surface?.moved();
      break;
    }
    case 'play':
      rate = message.rate;
      if (!playing) {
        playing = true;
        credit = 0;
        lastTick = performance.now();
      }
      schedule(0);
      return;
    case 'pause':
      // Answered at once; the pictures of the weights it stopped at follow.
      playing = false;
      surface?.paused();
      dirty = true;
      picturesStale = true;
      post(false, true);
      return;
    case 'step':
      playing = false;
      pg?.step(message.epochs);
      surface?.moved();
      surface?.paused();
      break;
    case 'needs':
      needs = message.needs;
      if (pg) surface?.want(needs.surface, pg);
      break;
    case 'want':
      wanted = true;
      if (dirty || surface?.pending()) schedule(0);
      return;
    case 'memory':
      scope.postMessage({ type: 'result', id: message.id, value: core?.memoryBytes() ?? 0 });
      return;
    case 'surfaceAt':
      scope.postMessage({ type: 'result', id: message.id, value: surface?.at(message.u, message.v) ?? null });
      return;
    case 'search':
      if (!core) throw new Error('the engine received a search before its core');
      await search(core, message.job, message.share);
      return;
    case 'links':
      paintLinksHere(scope, message.canvas);
      return;
    case 'lane':
      if (!core) throw new Error('the engine received a lane before its core');
      runLane(scope, core, message);
      return;
    default:
      throw new Error(`the engine does not know the command "${message.type}"`);
  }
  // A command always answers with a full snapshot, so the page shows its effect.
  dirty = true;
  picturesStale = true;
  post(true);
  // Paused, the loss surface's rows still come, between the page's commands.
  if (surface?.pending()) schedule(0);
}

/** Commands run one after another, each after the one before has finished. */
let queue = Promise.resolve();
scope.onmessage = (/** @type {MessageEvent} */ event) => {
  queue = queue.then(() => handle(event.data)).catch((err) => {
    playing = false;
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  });
};
