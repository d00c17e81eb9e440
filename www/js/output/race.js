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
import { createRaceSettings, readRange } from './race-settings.js';

/** @typedef {import('../../pkg/backprop_playground.js').Race} Race */
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
 * The panel's elements.
 * @param {HTMLDetailsElement} root
 */
function findParts(root) {
  const part = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
  return {
    canvas: /** @type {HTMLCanvasElement} */ (part('.race-chart')),
    start: /** @type {HTMLButtonElement} */ (part('.race-start')),
    add: /** @type {HTMLButtonElement} */ (part('.race-add')),
    clear: /** @type {HTMLButtonElement} */ (part('.race-clear')),
    epochs: /** @type {HTMLInputElement} */ (part('.race-epochs')),
    target: /** @type {HTMLInputElement} */ (part('.race-target')),
    log: /** @type {HTMLInputElement} */ (part('.race-log')),
    lanes: /** @type {HTMLOListElement} */ (part('.race-lanes')),
    readout: part('.race-readout'),
    message: part('.race-msg'),
  };
}

/**
 * Redraws at the next frame, at most every REDRAW_MS (lanes report often).
 * @param {() => void} redraw
 * @param {() => number} drawnAt  when it last drew
 */
function throttled(redraw, drawnAt) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function frame() {
      if (performance.now() - drawnAt() < REDRAW_MS) {
        requestAnimationFrame(frame);
        return;
      }
      pending = false;
      redraw();
    });
  };
}

/**
 * The panel's own controls: start or stop, add a lane, clear, the length
 * and the target, the log scale.
 * @param {ReturnType<typeof findParts>} parts
 * @param {import('../../pkg/backprop_playground.js').Schema} schema
 * @param {HTMLDetailsElement} root
 * @param {{ toggle: () => void, add: () => void, clear: () => void, epochs: (n: number) => void, target: (l: number) => void, refused: (why: string) => void, redraw: () => void, retheme: () => void }} on
 */
function wireControls(parts, schema, root, on) {
  parts.start.addEventListener('click', on.toggle);
  parts.add.addEventListener('click', on.add);
  parts.clear.addEventListener('click', on.clear);
  for (const [box, range, apply] of /** @type {const} */ ([[parts.epochs, schema.race.epochs, on.epochs], [parts.target, schema.race.target, on.target]])) {
    box.addEventListener('change', () => {
      const read = readRange(box.value, range);
      if ('why' in read) on.refused(read.why);
      else apply(read.value);
    });
  }
  parts.log.addEventListener('change', on.redraw);
  observeBackingStore(parts.canvas, on.redraw);
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', on.retheme);
  root.addEventListener('toggle', () => {
    if (root.open) on.redraw();
  });
}

/**
 * The core's refusal of a race on the run's settings (null: it runs), and
 * each lane's name in the legend.
 * @param {CoreModule} core
 * @param {import('../../pkg/backprop_playground.js').Config} config
 * @param {Race} race
 */
function checkRace(core, config, race) {
  let problem = null;
  try {
    core.raceConfigs(config, race);
  } catch (err) {
    problem = err instanceof Error ? err.message : String(err);
  }
  return { problem, legends: core.raceLegends(config, race) };
}

/**
 * Tells when the run's settings change: a new config object is compared as
 * JSON (a change of palette makes a new object with the same settings).
 * @returns {(config: object) => 'same' | 'first' | 'changed'}
 */
function watchConfig() {
  let seen = /** @type {object | null} */ (null);
  let key = '';
  return (config) => {
    if (config === seen) return 'same';
    seen = config;
    const next = JSON.stringify(config);
    if (next === key) return 'same';
    const first = key === '';
    key = next;
    return first ? 'first' : 'changed';
  };
}

/**
 * The race under way, or the last one's results: its workers, the lanes'
 * latest reports, and the pace and the pictures' look it was sent.
 * @param {RaceHost} host
 * @param {{ reported: () => void, finished: () => void, failed: (text: string) => void }} on
 */
function createRunner(host, on) {
  /** @type {RaceRun | null} */
  let run = null;
  /** @type {(LaneView | null)[]} */
  let views = [];
  let finished = false;
  let rate = 0;
  let look = '';
  return {
    views: () => views,
    running: () => run !== null && !finished,
    finished: () => finished,
    /** A race is under way or finished with its workers waiting. */
    live: () => run !== null,
    /** Ends the race; its results stay unless `forget`. */
    halt(forget = false) {
      run?.stop();
      run = null;
      if (forget) {
        views = [];
        finished = false;
      }
    },
    /**
     * @param {import('../../pkg/backprop_playground.js').Config[]} configs  each lane's
     * @param {Race} race
     * @param {AppState} state
     */
    start(configs, race, state) {
      this.halt(true);
      rate = epochRate(state.epochsPerFrame);
      look = `${state.palette} ${state.display.discretize}`;
      views = race.lanes.map(() => null);
      const spec = { configs, weights: host.startWeights(), epochs: race.epochs, target: race.target, rate, palette: state.palette, discretize: state.display.discretize, pictureSize: PICTURE_SIZE };
      run = startRace(host.module, spec, {
        onReport(lanes) {
          views = lanes;
          on.reported();
        },
        onDone(lanes) {
          views = lanes;
          finished = true;
          on.finished();
        },
        onError(text) {
          run?.stop();
          run = null;
          on.failed(text);
        },
      });
    },
    /** @param {number} target */
    setTarget: (target) => run?.setTarget(target),
    /**
     * Follows the speed setting and the pictures' look.
     * @param {AppState} state
     */
    follow(state) {
      const nextRate = epochRate(state.epochsPerFrame);
      if (nextRate !== rate) run?.setRate(nextRate);
      rate = nextRate;
      const nextLook = `${state.palette} ${state.display.discretize}`;
      if (nextLook !== look) run?.setPicture(state.palette, state.display.discretize);
      look = nextLook;
    },
  };
}

/**
 * The last `count` durations, for `__bp.race()`.
 * @param {number} count
 */
function recentTimes(count) {
  /** @type {number[]} */
  const times = [];
  return {
    add(/** @type {number} */ ms) {
      times.push(ms);
      if (times.length > count) times.shift();
    },
    list: () => [...times],
  };
}

/**
 * The lanes' cards, whose edits the core checks before the race takes them.
 * @param {ReturnType<typeof findParts>} parts
 * @param {import('../../pkg/backprop_playground.js').Schema} schema
 * @param {RaceHost['core']} core
 * @param {ReturnType<typeof createRaceSettings>} settings
 * @param {{ say: (text: string) => void, edited: (edit: () => void) => void }} view
 */
function laneCards(parts, schema, core, settings, { say, edited }) {
  return createLaneCards(parts.lanes, schema, {
    onChange(k, field, text, old) {
      const why = text === null ? undefined : core.raceChangeProblem(field, text);
      if (why !== undefined) say(`Lane ${k + 1}: ${why}`);
      else edited(() => settings.change(k, field, text, old));
    },
    onRemove: (k) => edited(() => settings.removeLane(k)),
  });
}

/**
 * Before the start, each lane shows where it starts from: the run's map
 * (the plot's, when it shows the output: no node focused).
 * @param {ReturnType<typeof laneCards>} cards
 * @param {AppState} state
 */
function showStart(cards, state) {
  const pictures = state.display.focus === null ? state.run.pictures() : null;
  cards.showStart(pictures?.plot ?? null, pictures?.plotSize ?? 0, PICTURE_SIZE);
}

/**
 * The panel's message line: `text`, or hidden when it is empty.
 * @param {HTMLElement} line
 * @param {string} text
 */
function showMessage(line, text) {
  line.textContent = text;
  line.classList.toggle('is-visible', text !== '');
}

/**
 * The chart, the lane cards and the summary, as the lanes stand.
 * @param {ReturnType<typeof findParts>} parts
 * @param {CanvasRenderingContext2D | null} ctx
 * @param {ReturnType<typeof raceTheme>} theme
 * @param {{ race: Race, views: (LaneView | null)[], lanes: (LaneView | null)[], legends: string[], running: boolean }} now
 * @param {ReturnType<typeof laneCards>} cards
 */
function paintRace(parts, ctx, theme, { race, views, lanes, legends, running }, cards) {
  const shown = views.flatMap((v) => (v ? [v] : []));
  const scaled = shown.map((v) => v.stats?.stopped?.kind !== 'diverged');
  if (ctx) drawRace(parts.canvas, ctx, theme, { histories: shown.map((v) => v.history), scaled, length: race.epochs, target: race.target, log: parts.log.checked });
  cards.update(legends, lanes, race.target, race.epochs);
  const text = raceSummary(lanes, race, running);
  if (parts.readout.textContent !== text) parts.readout.textContent = text;
}

/**
 * What the panel's own controls do.
 * @param {HTMLDetailsElement} root
 * @param {RaceHost} host
 * @param {ReturnType<typeof createRaceSettings>} settings
 * @param {ReturnType<typeof createRunner>} runner
 * @param {{ halt: () => void, start: () => void, edited: (edit: () => void) => void, say: (text: string) => void, refresh: () => void, retheme: () => void }} view
 */
function controlActions(root, host, settings, runner, { halt, start, edited, say, refresh, retheme }) {
  return {
    toggle() {
      if (runner.running()) halt();
      else start();
      refresh();
    },
    add() {
      edited(() => settings.addLane());
      /** @type {HTMLElement | null} */ (root.querySelector('.race-lane:last-child .race-add-change'))?.focus();
    },
    clear: () => edited(() => settings.clear()),
    /** @param {number} n */
    epochs: (n) => edited(() => settings.setEpochs(n)),
    /** @param {number} value */
    target(value) {
      // A new target is answered by the lanes, exactly: the race goes on.
      settings.setTarget(value);
      runner.setTarget(value);
      say('');
      refresh();
      host.changed();
    },
    refused: say,
    redraw: refresh,
    retheme,
  };
}

/**
 * @param {HTMLDetailsElement} root
 * @param {RaceHost} host
 * @returns {RaceView}
 */
export function createRaceView(root, host) {
  const { core } = host;
  const schema = core.schema();
  const parts = findParts(root);
  const ctx = parts.canvas.getContext('2d');
  const settings = createRaceSettings(schema);
  /** @param {string} text */
  const say = (text) => showMessage(parts.message, text);
  /** @type {string[]} */
  let legends = [];
  /** The core's refusal of the race on the run's settings, or null. */
  let problem = /** @type {string | null} */ (null);
  const configChange = watchConfig();
  let theme = raceTheme(root);
  let drawnAt = -Infinity;
  const drawMs = recentTimes(200);
  const config = () => host.state().config;
  const laneViews = () => settings.race().lanes.map((_, k) => runner.views()[k] ?? null);
  const schedule = throttled(() => refresh(), () => drawnAt);
  const runner = createRunner(host, {
    reported: schedule,
    finished() {
      parts.start.textContent = 'Start again';
      schedule();
    },
    failed(text) {
      parts.start.textContent = 'Start the race';
      say(`The race stopped: ${text}`);
    },
  });
  const cards = laneCards(parts, schema, core, settings, { say, edited });

  /**
   * The lanes and the chart wait until the panel is open (they cost a page
   * that opens a large run tens of ms): the settings are shown when it opens.
   */
  let settingsStale = true;

  /** Checks the race on the run's settings, names its lanes, shows them. */
  function showSettings() {
    settingsStale = false;
    const race = settings.race();
    ({ problem, legends } = checkRace(core, config(), race));
    say(problem ?? '');
    parts.start.disabled = problem !== null && !runner.live();
    parts.epochs.value = String(race.epochs);
    parts.target.value = String(race.target);
    parts.add.disabled = !settings.canAdd();
    cards.build(race.lanes, config());
    refresh();
  }

  /** @param {boolean} [forget]  the results go too */
  function halt(forget = false) {
    runner.halt(forget);
    parts.start.textContent = 'Start the race';
  }

  /**
   * Applies an edit of the race's settings: results of others no longer stand.
   * @param {() => void} edit
   */
  function edited(edit) {
    halt(true);
    edit();
    showSettings();
    host.changed();
  }

  /** Draws the chart and writes the cards and the summary (closed: at its opening). */
  function refresh() {
    if (!root.open) return;
    if (settingsStale) {
      showSettings();
      return;
    }
    drawnAt = performance.now();
    paintRace(parts, ctx, theme, { race: settings.race(), views: runner.views(), lanes: laneViews(), legends, running: runner.running() }, cards);
    drawMs.add(performance.now() - drawnAt);
  }

  function start() {
    halt(true);
    showSettings();
    if (problem !== null) return;
    host.pauseRun();
    if (settings.link() === null) {
      settings.keep();
      host.changed();
    }
    root.open = true;
    runner.start(core.raceConfigs(config(), settings.race()), settings.race(), host.state());
    parts.start.textContent = 'Stop';
    refresh();
  }

  wireControls(parts, schema, root, controlActions(root, host, settings, runner, {
    halt,
    start,
    edited,
    say,
    refresh,
    retheme: () => { theme = raceTheme(root); refresh(); },
  }));
  settingsShown();

  /** The settings shown now if the panel is open, else when it opens. */
  function settingsShown() {
    if (root.open) showSettings();
    else settingsStale = true;
  }

  return {
    settings: () => settings.link(),
    setSettings(next) {
      halt(true);
      settings.set(next);
      // A link with a race shows it.
      if (next) root.open = true;
      settingsShown();
    },
    update(state) {
      const change = configChange(state.config);
      if (change !== 'same') {
        const raced = runner.views().length > 0;
        halt(true);
        if (raced) showSettings();
        else settingsShown();
        if (change === 'changed' && raced) say(problem ?? 'The run\'s settings changed: the lanes were copies of the old run. Start the race again to race the new one.');
      }
      runner.follow(state);
      if (root.open && runner.views().length === 0) showStart(cards, state);
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
    inspect() {
      if (settingsStale) showSettings();
      return { running: runner.running(), finished: runner.finished(), legends: [...legends], lanes: laneViews(), drawMs: drawMs.list() };
    },
  };
}
