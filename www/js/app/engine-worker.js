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
//   search {job}         a worker of its own runs a search (engine-search.js)
//   links {canvas}       a worker of its own paints the diagram's links
//                        (network/link-painter.js); nothing else is sent to it
// Messages out: ready · snapshot {…} · result {id, value} · error {message}
//   · progress {report} · done {report}

import { pictures } from './engine-pictures.js';
import { search } from './engine-search.js';
import { paintLinksHere } from '../network/link-painter.js';

/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../types').Playground} Playground */
/** @typedef {import('./engine.js').Needs} Needs */

/** The longest training slice between two looks at the message queue, in ms. */
const SLICE_MS = 12;
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
/** Running mean of one epoch's cost, in ms. */
let epochMs = 1;
/** @type {Needs} */
let needs = { plotSize: 100, thumbSize: 32, focus: null, discretize: false, thumbnails: true, history: true, flow: true, deltas: true, metrics: true, augmented: false };
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

function tick() {
  scheduled = false;
  if (!pg) return;
  if (playing) trainSlice();
  if (wanted && dirty) post(false);
  if (playing) schedule(rate === Infinity ? 0 : Math.max(0, (1 - credit) * 1000 / rate));
}

/** Trains what the pace allows, in at most SLICE_MS. */
function trainSlice() {
  if (!pg) return;
  const now = performance.now();
  if (rate === Infinity) credit = Infinity;
  else credit = Math.min(credit + ((now - lastTick) * rate) / 1000, rate * MAX_BACKLOG_S + 1);
  lastTick = now;
  const most = Math.max(1, Math.floor(SLICE_MS / epochMs));
  const epochs = Math.min(Math.floor(credit), most);
  if (epochs < 1) return;
  const stats = pg.step(epochs);
  const took = performance.now() - now;
  epochMs = 0.7 * epochMs + (0.3 * took) / epochs;
  if (rate !== Infinity) credit -= epochs;
  dirty = true;
  picturesStale = true;
  if (stats.stopped) {
    // Training stopped by itself: the page hears it with full pictures.
    playing = false;
    post(true);
  }
}

/**
 * Posts a snapshot of the run. Pictures are included when they are stale and
 * either `full` is asked, training is paused, or the budget allows.
 * @param {boolean} full
 */
function post(full) {
  if (!pg || !core) return;
  const now = performance.now();
  const share = rate === Infinity ? TOP_SPEED_PICTURE_SHARE : PACED_PICTURE_SHARE;
  const due = now - lastPictureAt >= pictureMs * (1 / share - 1);
  /** @type {Transferable[]} */
  const transfer = [];
  let shown = null;
  if (picturesStale && (full || !playing || due)) {
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
    epochsPerSecond: rate === Infinity || playing ? 1000 / epochMs : 0,
  };
  for (const array of [snapshot.history, snapshot.flow?.values, snapshot.deltas, snapshot.augmented, snapshot.trainer]) {
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
      scope.postMessage({ type: 'ready' });
      return;
    }
    case 'run': {
      if (!core) throw new Error('the engine received a run before its core');
      pg?.free();
      pg = new core.Playground(message.config);
      pg.setPalette(message.palette);
      if (message.weights) pg.setFlatWeights(message.weights);
      credit = 0;
      lastTick = performance.now();
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
      playing = false;
      break;
    case 'step':
      playing = false;
      pg?.step(message.epochs);
      break;
    case 'needs':
      needs = message.needs;
      break;
    case 'want':
      wanted = true;
      if (dirty) schedule(0);
      return;
    case 'search':
      if (!core) throw new Error('the engine received a search before its core');
      await search(core, message.job, message.share);
      return;
    case 'links':
      paintLinksHere(scope, message.canvas);
      return;
    default:
      throw new Error(`the engine does not know the command "${message.type}"`);
  }
  // A command always answers with a full snapshot, so the page shows its effect.
  dirty = true;
  picturesStale = true;
  post(true);
}

/** Commands run one after another, each after the one before has finished. */
let queue = Promise.resolve();
scope.onmessage = (/** @type {MessageEvent} */ event) => {
  queue = queue.then(() => handle(event.data)).catch((err) => {
    playing = false;
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  });
};
