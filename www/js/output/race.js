// @ts-check
// The race panel (issue 15): 2 to 4 lanes, each a copy of the run — the same
// data, the same initial weights, the same order of examples — with a few
// training settings changed, trained side by side in workers of their own
// (app/race-client.js) at the speed setting's pace. It shows their loss
// curves on one axis (output/race-draw.js), each lane's name in the legend,
// its decision boundary and the epoch it first reached the target loss L
// (output/race-lanes.js). The race's settings are in the link; the core
// checks every lane (crate/src/race.rs) and names each in the legend.

import { observeBackingStore } from '../lib/plane.js';
import { startRace } from '../app/race-client.js';
import { epochRate } from '../app/state.js';
import { drawRace, raceTheme } from './race-draw.js';
import { createLaneCards, targetText } from './race-lanes.js';

/** @typedef {import('../types').Race} Race */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../app/state.js').AppState} AppState */
/** @typedef {import('../app/race-client.js').LaneView} LaneView */
/** @typedef {import('../app/race-client.js').RaceRun} RaceRun */

/** Cells a side of a lane's picture. */
const PICTURE_SIZE = 48;
/** The shortest time between two drawings of the chart while racing, in ms. */
const REDRAW_MS = 66;

/**
 * @typedef {object} RaceHost
 * @property {CoreModule} core
 * @property {WebAssembly.Module} module
 * @property {() => AppState} state
 * @property {() => number[] | null} startWeights  the run's given initial weights (null: the seed's)
 * @property {() => void} pauseRun    the lanes take the cores: the run pauses
 * @property {() => void} changed     the race's settings changed: the link follows
 */

/**
 * @typedef {object} RaceView
 * @property {() => Race | null} settings  what the link holds (null: no race)
 * @property {(race: Race | null) => void} setSettings  from a link; stops a race under way
 * @property {(state: AppState) => void} update  per redraw: follows the run, the speed and the palette
 * @property {() => void} start
 * @property {() => void} stop
 * @property {() => void} open
 * @property {() => { running: boolean, finished: boolean, legends: string[], lanes: (LaneView | null)[], drawMs: number[] }} inspect
 *   for tests and scripts
 */

/**
 * The sentence under the chart.
 * @param {(LaneView | null)[]} views
 * @param {Race} race
 * @param {boolean} running
 */
export function raceSummary(views, race, running) {
  const epochs = views.map((v) => v?.stats?.epoch ?? 0);
  const L = targetText(race.target);
  if (running) return `Racing: epoch ${Math.min(...epochs)} of ${race.epochs}.`;
  if (views.every((v) => !v?.stats)) return 'Each lane is a copy of the run. Change what a lane trains with, then start the race.';
  let first = -1;
  views.forEach((v, k) => {
    const at = v?.firstBelow ?? null;
    if (at !== null && (first < 0 || at < /** @type {number} */ (views[first]?.firstBelow))) first = k;
  });
  const end = `Finished at epoch ${Math.max(...epochs)}`;
  if (first < 0) return `${end}: no lane reached L = ${L}.`;
  return `${end}: lane ${first + 1} reached L = ${L} first, at epoch ${views[first]?.firstBelow}.`;
}

/**
 * @param {HTMLDetailsElement} root
 * @param {RaceHost} host
 * @returns {RaceView}
 */
export function createRaceView(root, host) {
  const { core } = host;
  const schema = core.schema();
  const part = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
  const canvas = /** @type {HTMLCanvasElement} */ (part('.race-chart'));
  const ctx = canvas.getContext('2d');
  const startButton = /** @type {HTMLButtonElement} */ (part('.race-start'));
  const addButton = /** @type {HTMLButtonElement} */ (part('.race-add'));
  const epochsBox = /** @type {HTMLInputElement} */ (part('.race-epochs'));
  const targetBox = /** @type {HTMLInputElement} */ (part('.race-target'));
  const log = /** @type {HTMLInputElement} */ (part('.race-log'));
  const readout = part('.race-readout');
  const message = part('.race-msg');
  const [minLanes, maxLanes] = schema.race.lanes;

  /** @returns {Race} */
  const fresh = () => ({ lanes: Array.from({ length: minLanes }, () => []), epochs: schema.race.defaultEpochs, target: schema.race.defaultTarget });
  let race = fresh();
  let inLink = false;
  /** @type {RaceRun | null} */
  let run = null;
  /** @type {(LaneView | null)[]} */
  let views = [];
  let finished = false;
  /** @type {string[]} */
  let legends = [];
  /** The core's refusal of the race on the run's settings, or null. */
  let problem = /** @type {string | null} */ (null);
  /** The run's config as last seen, and as JSON. */
  let seen = /** @type {object | null} */ (null);
  let seenKey = '';
  let rate = 0;
  let picture = '';
  let theme = raceTheme(root);
  let drawnAt = -Infinity;
  let drawPending = false;
  /** @type {number[]} */
  const drawMs = [];

  const cards = createLaneCards(/** @type {HTMLOListElement} */ (part('.race-lanes')), schema, {
    onChange(k, field, text, old) {
      if (text !== null) {
        const why = core.raceChangeProblem(field, text);
        if (why !== undefined) {
          say(`Lane ${k + 1}: ${why}`);
          return;
        }
      }
      const order = (/** @type {string} */ f) => schema.race.fields.indexOf(f);
      const lane = race.lanes[k].filter(([f]) => f !== field && f !== old);
      if (text !== null) lane.push([field, text]);
      lane.sort((a, b) => order(a[0]) - order(b[0]));
      race.lanes[k] = lane;
      edited();
    },
    onRemove(k) {
      race.lanes.splice(k, 1);
      edited();
    },
  });

  /** @param {string} text */
  function say(text) {
    message.textContent = text;
    message.classList.toggle('is-visible', text !== '');
  }

  /** The run's config now. */
  const config = () => host.state().config;

  /** Checks the race on the run's settings and names its lanes. */
  function check() {
    try {
      core.raceConfigs(config(), race);
      problem = null;
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    legends = core.raceLegends(config(), race);
    say(problem ?? '');
    startButton.disabled = problem !== null && run === null;
  }

  function showSettings() {
    epochsBox.value = String(race.epochs);
    targetBox.value = String(race.target);
    addButton.disabled = race.lanes.length >= maxLanes;
    cards.build(race.lanes, config());
    check();
    refresh();
  }

  /** Ends a race under way; its results stay drawn unless `forget`. */
  function halt(forget = false) {
    run?.stop();
    run = null;
    startButton.textContent = 'Start the race';
    if (forget) {
      views = [];
      finished = false;
    }
  }

  /** The race's settings changed: results of others no longer stand. */
  function edited() {
    halt(true);
    inLink = true;
    showSettings();
    host.changed();
  }

  /** Draws the chart and writes the cards and the summary. */
  function refresh() {
    drawnAt = performance.now();
    if (ctx) {
      const shown = views.flatMap((v) => (v ? [v] : []));
      drawRace(canvas, ctx, theme, {
        histories: shown.map((v) => v.history),
        scaled: shown.map((v) => v.stats?.stopped?.kind !== 'diverged'),
        length: race.epochs,
        target: race.target,
        log: log.checked,
      });
    }
    cards.update(legends, race.lanes.map((_, k) => views[k] ?? null), race.target, race.epochs);
    const text = raceSummary(race.lanes.map((_, k) => views[k] ?? null), race, run !== null && !finished);
    if (readout.textContent !== text) readout.textContent = text;
    drawMs.push(performance.now() - drawnAt);
    if (drawMs.length > 200) drawMs.shift();
  }

  /** A lane reported: redraw at the next frame, at most every REDRAW_MS. */
  function schedule() {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(function frame() {
      if (performance.now() - drawnAt < REDRAW_MS) {
        requestAnimationFrame(frame);
        return;
      }
      drawPending = false;
      refresh();
    });
  }

  function start() {
    const state = host.state();
    halt(true);
    check();
    if (problem !== null) return;
    let configs;
    try {
      configs = core.raceConfigs(state.config, race);
    } catch (err) {
      say(err instanceof Error ? err.message : String(err));
      return;
    }
    host.pauseRun();
    if (!inLink) {
      inLink = true;
      host.changed();
    }
    root.open = true;
    rate = epochRate(state.epochsPerFrame);
    picture = `${state.palette} ${state.display.discretize}`;
    views = race.lanes.map(() => null);
    run = startRace(host.module, {
      configs,
      weights: host.startWeights(),
      epochs: race.epochs,
      target: race.target,
      rate,
      palette: state.palette,
      discretize: state.display.discretize,
      pictureSize: PICTURE_SIZE,
    }, {
      onReport(lanes) {
        views = lanes;
        schedule();
      },
      onDone(lanes) {
        views = lanes;
        finished = true;
        startButton.textContent = 'Start again';
        schedule();
      },
      onError(text) {
        halt();
        say(`The race stopped: ${text}`);
      },
    });
    startButton.textContent = 'Stop';
    refresh();
  }

  startButton.addEventListener('click', () => {
    if (run && !finished) halt();
    else start();
    refresh();
  });
  addButton.addEventListener('click', () => {
    if (race.lanes.length >= maxLanes) return;
    race.lanes.push([]);
    edited();
    /** @type {HTMLElement | null} */ (root.querySelector('.race-lane:last-child .race-add-change'))?.focus();
  });
  part('.race-clear').addEventListener('click', () => {
    halt(true);
    race = fresh();
    inLink = false;
    showSettings();
    host.changed();
  });
  /**
   * A number box of the race: read against its range in the schema.
   * @param {HTMLInputElement} box
   * @param {import('../types').SchemaRange} range
   * @param {(value: number) => void} apply
   */
  function numberSetting(box, range, apply) {
    box.addEventListener('change', () => {
      const value = Number(box.value.trim());
      const inside = box.value.trim() !== '' && Number.isFinite(value) && value <= range.high
        && (range.lowOpen ? value > range.low : value >= range.low) && (!range.integer || Number.isInteger(value));
      if (!inside) {
        const what = range.name === 'raceEpochs' ? `The race's length: ${range.low} to ${range.high} epochs` : `The target loss L: above ${range.low} and at most ${range.high}`;
        say(`${what}; “${box.value.trim().slice(0, 20)}” is not.`);
        return;
      }
      apply(value);
    });
  }
  numberSetting(epochsBox, schema.race.epochs, (value) => {
    race.epochs = value;
    edited();
  });
  numberSetting(targetBox, schema.race.target, (value) => {
    // A new target is answered by the lanes, exactly: the race goes on.
    race.target = value;
    inLink = true;
    run?.setTarget(value);
    say('');
    refresh();
    host.changed();
  });
  log.addEventListener('change', refresh);
  observeBackingStore(canvas, refresh);
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    theme = raceTheme(root);
    refresh();
  });
  root.addEventListener('toggle', () => {
    if (root.open) refresh();
  });
  showSettings();

  return {
    settings: () => (inLink ? structuredClone(race) : null),
    setSettings(next) {
      halt(true);
      race = next ? structuredClone(next) : fresh();
      inLink = next !== null;
      // A link with a race shows it.
      if (next) root.open = true;
      showSettings();
    },
    update(state) {
      if (state.config !== seen) {
        seen = state.config;
        const key = JSON.stringify(state.config);
        if (key !== seenKey) {
          const changed = seenKey !== '' && (run !== null || views.length > 0);
          seenKey = key;
          halt(true);
          showSettings();
          if (changed) say(problem ?? 'The run\'s settings changed: the lanes were copies of the old run. Start the race again to race the new one.');
        }
      }
      const nextRate = epochRate(state.epochsPerFrame);
      if (nextRate !== rate) {
        rate = nextRate;
        run?.setRate(rate);
      }
      const nextPicture = `${state.palette} ${state.display.discretize}`;
      if (nextPicture !== picture) {
        picture = nextPicture;
        run?.setPicture(state.palette, state.display.discretize);
      }
    },
    start,
    stop() {
      halt();
      refresh();
    },
    open() {
      root.open = true;
      refresh();
    },
    inspect: () => ({ running: run !== null && !finished, finished, legends: [...legends], lanes: race.lanes.map((_, k) => views[k] ?? null), drawMs: [...drawMs] }),
  };
}
