// @ts-check
// The page's side of a race: one worker per lane (the engine's script,
// app/engine-lane.js), each training the run's config with the lane's
// changes. The lanes keep the same epoch pace: every lane may train up to
// one goal, which follows the speed setting (epochs per second) and never
// runs more than a quarter of a second's epochs ahead of the slowest lane
// still training, so their curves grow side by side. At most one fewer
// lanes than the machine has cores train at once (the furthest behind
// first), so that the page keeps a core to itself. A lane's training
// depends on the epochs it trains alone, never on this pace, so a race
// reproduces bit for bit. At the finish the workers wait, idle, so that a
// new target loss is still answered exactly; stopping terminates them.

import { startWorker } from './engine.js';

/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../../pkg/backprop_playground.js').PaletteName} PaletteName */
/** @typedef {import('../../pkg/backprop_playground.js').StepResult} StepResult */

/** How far the goal may run ahead of the slowest lane, in seconds of its pace. */
const LEAD_S = 0.25;
/** How often the goal moves on at a set pace, in ms. */
const TICK_MS = 50;

/**
 * What the page shows of a lane.
 * @typedef {object} LaneView
 * @property {StepResult | null} stats  null until its first report
 * @property {number | null} firstBelow  the first epoch at or below the target loss
 * @property {Float64Array} history  epoch, train loss, test loss per record
 * @property {Uint8ClampedArray | null} picture  its decision map, RGBA
 * @property {number} pictureSize  cells a side
 * @property {number} epochsPerSecond  its measured speed (0 until measured)
 * @property {Float64Array | null} weights  its weights when it last rested (at a goal, or stopped)
 */

/**
 * @typedef {object} RaceSpec
 * @property {Config[]} configs   each lane's config (core.raceConfigs)
 * @property {number[] | null} weights  the run's given initial weights, or null: the seed's
 * @property {number} epochs      the finish line
 * @property {number} target      the target loss L
 * @property {number} rate        epochs per second (Infinity: as fast as the lanes can)
 * @property {PaletteName} palette
 * @property {boolean} discretize
 * @property {number} pictureSize
 */

/**
 * @typedef {object} RaceHandlers
 * @property {(lanes: LaneView[]) => void} onReport  a lane reported
 * @property {(lanes: LaneView[]) => void} onDone    every lane reached the finish or stopped (once)
 * @property {(message: string) => void} onError     a lane failed; the race has stopped
 */

/**
 * @typedef {object} RaceRun
 * @property {() => void} stop
 * @property {(rate: number) => void} setRate
 * @property {(target: number) => void} setTarget
 * @property {(palette: PaletteName, discretize: boolean) => void} setPicture
 * @property {() => LaneView[]} lanes
 */

/**
 * The goal a race's lanes may train to next, and how far the pace has got.
 * @param {object} race
 * @param {number} race.paced        the pace's epoch so far (fractional)
 * @param {number[]} race.epochs     each lane's epoch
 * @param {boolean[]} race.stopped   each lane stopped by itself (or reached the finish)
 * @param {number[]} race.speeds     each lane's measured epochs per second (0: not yet)
 * @param {number} race.rate         epochs per second (Infinity: as fast as they can)
 * @param {number} race.elapsedMs    since the pace was last moved on
 * @param {number} race.length       the finish line
 * @returns {{ paced: number, goal: number }}
 */
export function nextGoal({ paced, epochs, stopped, speeds, rate, elapsedMs, length }) {
  const going = epochs.flatMap((epoch, k) => (stopped[k] ? [] : [{ epoch, speed: speeds[k] }]));
  if (going.length === 0) return { paced, goal: length };
  const slowest = Math.min(...going.map((g) => g.epoch));
  const pace = rate === Infinity ? Math.min(...going.map((g) => g.speed)) : rate;
  const lead = Math.max(1, Math.ceil((Number.isFinite(pace) ? pace : 0) * LEAD_S));
  const moved = rate === Infinity ? Infinity : paced + (rate * elapsedMs) / 1000;
  const next = Math.min(moved, slowest + lead);
  return { paced: next, goal: Math.min(length, Math.floor(next)) };
}

/**
 * The lanes to send towards the goal now: those behind it and idle, the
 * furthest behind first, while fewer than `slots` lanes train.
 * @param {object} race
 * @param {number[]} race.epochs    each lane's epoch
 * @param {number[]} race.sent      the goal each lane was last sent
 * @param {boolean[]} race.stopped  each lane stopped by itself (or at the finish)
 * @param {number} race.goal
 * @param {number} race.slots       lanes that may train at once
 * @returns {number[]}
 */
export function lanesToSend({ epochs, sent, stopped, goal, slots }) {
  const busy = epochs.filter((epoch, k) => !stopped[k] && sent[k] > epoch).length;
  const idle = epochs.flatMap((epoch, k) => (!stopped[k] && sent[k] <= epoch && epoch < goal ? [k] : []));
  idle.sort((a, b) => epochs[a] - epochs[b] || a - b);
  return idle.slice(0, Math.max(0, slots - busy));
}

/** Lanes that may train at once: one fewer than the cores, at least one. */
function slotCount() {
  return Math.max(1, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1);
}

/**
 * Starts a race: a worker per lane, all paced together.
 * @param {WebAssembly.Module} module  the compiled core
 * @param {RaceSpec} spec
 * @param {RaceHandlers} handlers
 * @returns {RaceRun}
 */
export function startRace(module, spec, handlers) {
  let { rate, target } = spec;
  /** @type {LaneView[]} */
  const lanes = spec.configs.map(() => ({ stats: null, firstBelow: null, history: new Float64Array(0), picture: null, pictureSize: spec.pictureSize, epochsPerSecond: 0, weights: null }));
  const ready = lanes.map(() => false);
  let paced = 0;
  let goal = 0;
  const sent = lanes.map(() => 0);
  const slots = slotCount();
  let movedAt = performance.now();
  let over = false;
  let done = false;
  const workers = lanes.map(() => startWorker());
  const timer = setInterval(() => move(), TICK_MS);

  function end() {
    over = true;
    clearInterval(timer);
    for (const worker of workers) worker.terminate();
  }

  /** @param {number} k */
  const finished = (k) => {
    const stats = lanes[k].stats;
    return stats !== null && (stats.stopped !== null || stats.epoch >= spec.epochs);
  };

  /** Moves the goal on and tells the lanes. */
  function move() {
    if (over || done || !ready.every(Boolean)) return;
    if (lanes.every((_, k) => finished(k))) {
      done = true;
      clearInterval(timer);
      handlers.onDone(lanes);
      return;
    }
    const now = performance.now();
    const next = nextGoal({
      paced,
      epochs: lanes.map((l) => l.stats?.epoch ?? 0),
      stopped: lanes.map((_, k) => finished(k)),
      speeds: lanes.map((l) => l.epochsPerSecond),
      rate,
      elapsedMs: now - movedAt,
      length: spec.epochs,
    });
    movedAt = now;
    paced = next.paced;
    goal = next.goal;
    const epochs = lanes.map((l) => l.stats?.epoch ?? 0);
    const stopped = lanes.map((_, k) => finished(k));
    for (const k of lanesToSend({ epochs, sent, stopped, goal, slots })) {
      sent[k] = goal;
      workers[k].postMessage({ type: 'goal', until: goal });
    }
  }

  /**
   * @param {number} k
   * @param {string} message
   */
  function fail(k, message) {
    if (over) return;
    end();
    handlers.onError(`Lane ${k + 1}: ${message}`);
  }

  workers.forEach((worker, k) => {
    worker.onmessage = (event) => {
      if (over) return;
      const message = event.data;
      if (message.type === 'ready') {
        worker.postMessage({ type: 'lane', config: spec.configs[k], weights: spec.weights, palette: spec.palette, target, pictureSize: spec.pictureSize, discretize: spec.discretize });
      } else if (message.type === 'lane') {
        const lane = lanes[k];
        lane.stats = message.report.stats;
        lane.firstBelow = message.report.firstBelow;
        lane.history = message.history;
        if (message.picture) lane.picture = message.picture;
        lane.epochsPerSecond = message.epochsPerSecond;
        if (message.weights) lane.weights = message.weights;
        ready[k] = true;
        handlers.onReport(lanes);
        move();
      } else if (message.type === 'error') {
        fail(k, message.message);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(k, event.message || 'its worker stopped');
    };
    worker.postMessage({ type: 'init', module });
  });

  return {
    stop: end,
    setRate(next) {
      rate = next;
    },
    setTarget(next) {
      target = next;
      if (!over) for (const worker of workers) worker.postMessage({ type: 'target', value: next });
    },
    setPicture(palette, discretize) {
      if (!over) for (const worker of workers) worker.postMessage({ type: 'picture', palette, discretize });
    },
    lanes: () => lanes,
  };
}
