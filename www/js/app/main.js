// @ts-check
// Boot: loads the wasm core, builds the first network, wires the controls, the
// plot, the readouts and the animation loop together around one state object,
// and exposes `window.__bp` for tests and scripting.

import { createLossChart } from '../output/chart.js';
import { createControls } from '../controls/controls.js';
import { createDrawing } from '../controls/draw.js';
import { createInspector } from '../inspector/inspector.js';
import { createEmbedCode } from './embed-code.js';
import { applyEmbed, readEmbedOptions } from './embed.js';
import { createFiles } from './files.js';
import { createFocusPopover } from '../network/focus-popover.js';
import { createLessons } from './lessons.js';
import { createLinks } from './link.js';
import { createDeltaGauges } from '../network/deltas.js';
import { createDivergenceNotice } from '../output/divergence.js';
import { createGradientFlowChart } from '../output/gradflow.js';
import { createLoop } from './loop.js';
import { createMetricsPanel } from '../output/metrics.js';
import { createNetworkView } from '../network/network.js';
import { datasetPreviews } from '../output/previews.js';
import { createBoundaryPlot } from '../output/plot.js';
import { GRID_SIZE, THUMB_GRID } from '../lib/plane.js';
import { createEngine } from './engine.js';
import { watchVisibility } from './visibility.js';
import { searchProblem, startSearch } from './search-client.js';
import { installPresenterKeys } from './presenter.js';
import { createReadouts } from '../output/readouts.js';
import { createSearch } from '../controls/search.js';
import { PAGE_DEFAULTS, adoptTrained, change, configFromHash, continueRun, createState, receive, replaceConfig, resetNetwork } from './state.js';

/** @typedef {import('../types').Config} Config */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('./state.js').AppState} AppState */

/**
 * Imports the wasm module and compiles the core, relative to this file so the
 * site works from any folder of any static host. The compiled module is
 * shared with the engine's worker.
 * @returns {Promise<{ core: CoreModule, module: WebAssembly.Module }>}
 */
async function loadCore() {
  // The single-file build (`cargo xtask dist`) inlines the core, already
  // initialised, and hands it over here instead.
  const inlined = globalThis.backpropPlaygroundCore;
  if (inlined && globalThis.backpropPlaygroundWasm) return { core: inlined, module: globalThis.backpropPlaygroundWasm };
  const url = new URL('../../pkg/backprop_playground.js', import.meta.url);
  const core = /** @type {CoreModule} */ (await import(url.href)); // dist: unreachable in the single file
  const wasm = new URL('../../pkg/backprop_playground_bg.wasm', import.meta.url);
  const module = await WebAssembly.compile(await (await fetch(wasm)).arrayBuffer()); // dist: unreachable in the single file
  await core.default({ module_or_path: module });
  return { core, module };
}

/**
 * Whether two configs are the same run (same fields, same values).
 * @param {Partial<Config>} a
 * @param {Partial<Config>} b
 */
function sameConfig(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * @template {HTMLElement} T
 * @param {Document} doc
 * @param {string} id
 * @param {new (...args: any[]) => T} type
 * @returns {T}
 */
function byId(doc, id, type) {
  const el = doc.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing or not a ${type.name}`);
  return el;
}

/**
 * The banner above the plot: why training stopped, or what the page changed
 * to make a choice coherent. `show(null)` hides it.
 * @param {HTMLElement} box
 * @param {HTMLElement} text
 */
function createStatus(box, text) {
  return {
    /** @param {{ kind: 'info' | 'warning', text: string } | null} message */
    show(message) {
      box.hidden = message === null;
      box.dataset.kind = message?.kind ?? '';
      text.textContent = message?.text ?? '';
    },
  };
}

/**
 * @param {Document} doc
 */
async function boot(doc) {
  const embed = readEmbedOptions(doc);
  const { core, module } = await loadCore();
  const fromHash = configFromHash(doc.location.hash, core);
  // Any other hash is a link: the core reads it, and never refuses it.
  const link = fromHash === null ? core.decodeLink(doc.location.hash) : null;
  const initial = fromHash && 'config' in fromHash ? fromHash.config : link?.state.config ?? PAGE_DEFAULTS;
  /** @type {AppState | null} */
  let booted = null;
  const engine = createEngine(module, {
    onSnapshot(snapshot) {
      if (booted) receive(booted, snapshot);
    },
    onError(message) {
      if (!booted) return;
      booted.playing = false;
      controls.setPlaying(false);
      controls.showPageError(`Training stopped: ${message}. Reset starts the engine again; your settings are kept.`);
      engineFailed = true;
    },
  });
  let engineFailed = false;
  const state = createState(core, engine, initial);
  booted = state;

  const plot = createBoundaryPlot(byId(doc, 'boundary', HTMLCanvasElement));
  const readouts = createReadouts(doc);
  const chart = createLossChart(byId(doc, 'loss-chart', HTMLCanvasElement), byId(doc, 'loss-readout', HTMLElement));
  const networkMsg = byId(doc, 'network-msg', HTMLElement);
  const status = createStatus(byId(doc, 'status', HTMLElement), byId(doc, 'status-text', HTMLElement));
  const gradflow = createGradientFlowChart(byId(doc, 'gradflow', HTMLElement));
  const metrics = createMetricsPanel(byId(doc, 'metrics', HTMLElement));
  /** Lets training go on after it stopped by itself; its message has been read. */
  const resumeAfterStop = () => {
    change(state, 'resume');
    // The engine's next snapshot says so too; until it comes, the page knows.
    state.stats = { ...state.stats, stopped: null };
    status.show(null);
  };
  const divergence = createDivergenceNotice(byId(doc, 'status', HTMLElement), () => {
    // The last finite weights are already the ones drawn: take them as the run's own.
    resumeAfterStop();
    view.render(state);
    byId(doc, 'play', HTMLButtonElement).focus();
  });

  /** @param {string} text  a message under the network diagram ('' clears it) */
  function networkMessage(text) {
    networkMsg.textContent = text;
    networkMsg.classList.toggle('is-visible', text !== '');
  }

  const network = createNetworkView(byId(doc, 'network-view', HTMLElement), {
    onToggleFeature(name) {
      const on = state.config.features.includes(name);
      const features = on
        ? state.config.features.filter((f) => f !== name)
        : [...state.config.features, name];
      if (features.length === 0) {
        networkMessage('At least one input feature must stay on: the network needs an input.');
        return;
      }
      networkMessage('');
      apply({ ...state.config, features }, false);
    },
    onUnits(layer, delta) {
      const hidden = [...state.config.hidden];
      const units = (hidden[layer] ?? 0) + delta;
      if (units < 1 || units > 32) {
        networkMessage(`Hidden layer ${layer + 1} keeps ${hidden[layer]} units: 1 to 32 allowed.`);
        return;
      }
      networkMessage('');
      hidden[layer] = units;
      apply({ ...state.config, hidden }, false);
    },
    onFocus(node, label) {
      state.display.focus = node;
      view.render(state);
      focusPopover.follow(node, label);
    },
    setWeight: (layer, i, j, value) => change(state, 'setWeight', layer, i, j, value),
    setBias: (layer, j, value) => change(state, 'setBias', layer, j, value),
    onEdited() {
      view.render(state);
    },
  });

  // After the network view, which empties its element when it is created.
  const focusPopover = createFocusPopover(byId(doc, 'network-view', HTMLElement), byId(doc, 'boundary', HTMLCanvasElement));
  const deltas = createDeltaGauges(byId(doc, 'network-view', HTMLElement), (fractions) => network.setGauges(fractions));

  const onScreen = watchVisibility({
    network: byId(doc, 'network-view', HTMLElement),
    chart: byId(doc, 'loss-chart', HTMLCanvasElement),
    flow: byId(doc, 'gradflow', HTMLElement),
    metrics: byId(doc, 'metrics', HTMLElement),
  });
  /** The banner shows why training stopped. */
  let stopShown = false;
  const view = {
    /**
     * Evaluates every node over the grid once, then every picture reads from it.
     * @param {AppState} s
     */
    render(s) {
      // The charts read their size: before anything below writes to the DOM,
      // so that no layout is forced in the middle of a frame.
      plot.draw(s.run, s.display);
      focusPopover.draw(s.display.focus);
      chart.update(s.run.history());
      gradflow.update(s.run, s.stats.epoch);
      // The |δ| gauges before the network view, which paints them.
      deltas.update(s.run, s.stats.epoch, s.display.showDeltas);
      network.update(s.run, s.display);
      metrics.update(s.run, s.stats, s.palette);
      readouts.update(s.stats);
      inspector.update(s);
      controls.showLearningRate(s.stats.learningRate);
      if (s.stats.stopped) {
        // Training stopped by itself (a limit, θ, early stopping, divergence): say why.
        if (s.playing) loop.pause();
        status.show({ kind: s.stats.stopped.kind === 'diverged' ? 'warning' : 'info', text: s.stats.stopped.message });
        stopShown = true;
      } else if (stopShown) {
        // The run goes on again (Reset, a new run): its stop is no longer news.
        status.show(null);
        stopShown = false;
      }
      divergence.update(s.stats.stopped?.kind === 'diverged');
    },
    /** @param {AppState} s */
    needs(s) {
      return {
        plotSize: GRID_SIZE,
        thumbSize: THUMB_GRID,
        focus: s.display.focus,
        discretize: s.display.discretize,
        thumbnails: onScreen.network,
        history: onScreen.chart,
        flow: onScreen.flow,
        deltas: s.display.showDeltas && onScreen.network,
        metrics: onScreen.metrics,
        augmented: s.display.showAugmented,
      };
    },
    /** @param {string} message */
    fail(message) {
      controls.showPageError(`Training stopped: ${message}`);
    },
  };

  const controls = createControls(doc, {
    onChange: (patch) => apply({ ...state.config, ...patch }, false),
    onPlayToggle: () => {
      if (state.playing) {
        loop.pause();
        return;
      }
      // Play after a stop goes on training.
      if (state.stats.stopped) resumeAfterStop();
      loop.play();
    },
    onStep: () => loop.stepOnce(),
    onReset: () => {
      loop.pause();
      if (engineFailed) {
        // A fresh worker, and the run the page's settings describe.
        engineFailed = false;
        engine.restart();
        replaceConfig(state, state.config);
        controls.showPageError('');
        showNetwork();
        links.changed();
        return;
      }
      resetNetwork(state);
      links.afterReset();
      status.show(null);
      view.render(state);
    },
    onRegenerate: () => {
      change(state, 'regenerateData', core.freshSeed());
      plot.setData(state.run);
      view.render(state);
      links.changed();
    },
    onDisplay: (patch) => {
      if (patch.showTest !== undefined) state.display.showTest = patch.showTest;
      if (patch.discretize !== undefined) state.display.discretize = patch.discretize;
      if (patch.speed !== undefined) {
        state.epochsPerFrame = patch.speed;
        loop.speedChanged();
      }
      if (patch.showAugmented !== undefined) state.display.showAugmented = patch.showAugmented;
      if (patch.showDeltas !== undefined) state.display.showDeltas = patch.showDeltas;
      if (patch.colorBlind !== undefined) {
        const palette = patch.colorBlind ? 'colorBlind' : 'default';
        if (palette !== state.palette) {
          state.palette = palette;
          change(state, 'setPalette', palette);
          doc.documentElement.dataset.palette = palette;
          plot.setData(state.run);
          network.rebuild(state.run, state.config);
          controls.setPreviews(previewsFor(palette));
        }
      }
      view.render(state);
      links.changed();
    },
  }, () => ({ applied: state.config, trainCount: state.trainCount }));

  /** @param {import('../types').PaletteName} palette */
  function previewsFor(palette) {
    const names = Array.from(doc.querySelectorAll('#dataset option')).map((o) => /** @type {HTMLOptionElement} */ (o).value);
    return datasetPreviews(core, doc, names, palette);
  }
  controls.setPreviews(previewsFor(state.palette));

  const loop = createLoop(state, view, (playing) => controls.setPlaying(playing));

  const inspector = createInspector(byId(doc, 'inspector', HTMLElement), byId(doc, 'inspect-toggle', HTMLButtonElement), {
    core,
    state: () => state,
    loadConfig: (config) => apply(config, true),
    change: (method, ...args) => change(state, method, .../** @type {[any]} */ (args)),
    changed() {
      view.render(state);
    },
    pause: () => loop.pause(),
  });

  /** Shows the state's network: its data, its config in the form, its output. */
  function showNetwork() {
    plot.setData(state.run);
    network.rebuild(state.run, state.config);
    controls.write(state.config, { trainCount: state.trainCount, classification: state.run.isClassification() });
    view.render(state);
    drawing.sync();
  }

  // Drawing data on the plot, and the Search panel (restarts, cross-validation).
  const drawing = createDrawing(doc, state, { apply: (config) => apply(config, false) });
  createSearch(doc, state, {
    problem: (job) => searchProblem(core, job),
    start: (job, handlers) => startSearch(module, job, handlers),
    adopt(config, epochs) {
      loop.pause();
      const started = adoptTrained(state, config, epochs);
      if (!started.ok) {
        controls.showCoreError(started.message);
        return;
      }
      status.show(null);
      showNetwork();
      // The hash is the state: the kept run's seed goes into it.
      links.changed();
    },
    apply: (config) => apply(config, false),
  });

  /**
   * Makes `config` the running one. A change of training settings alone
   * carries the run on from its weights and epoch; any other change (or
   * `force`, for a link, a lesson or a file: a fresh run) builds a new network,
   * and the page says so when that throws away trained epochs. If the core
   * refuses, its message is shown and the previous network keeps going.
   * @param {Partial<Config>} config
   * @param {boolean} force  start over even when the config is unchanged
   * @returns {string | null}  the core's refusal, or null when applied
   */
  function apply(config, force) {
    if (!force && sameConfig(config, state.config)) return null;
    // A loss, output and problem that do not go together are fixed, and the
    // page says what changed and why, rather than refusing the user's choice.
    /** @type {string[]} */
    let notes = [];
    try {
      const coherent = core.coherentConfig(config);
      config = coherent.config;
      notes = coherent.notes.map((n) => `${n[0].toUpperCase()}${n.slice(1)}.`);
    } catch {
      // Unreadable fields: the Playground constructor below names them.
    }
    const trained = state.stats.epoch;
    const continued = force ? null : continueRun(state, config);
    if (continued && !continued.ok) {
      controls.showCoreError(continued.message);
      return continued.message;
    }
    if (continued === null || continued.restart.length > 0) {
      const result = replaceConfig(state, config);
      if (!result.ok) {
        controls.showCoreError(result.message);
        return result.message;
      }
      if (continued && trained > 0) notes.push(startedOver(continued.restart, trained));
    }
    // Before the redraw, which shows why training stopped if it still is.
    status.show(notes.length > 0 ? { kind: 'info', text: notes.join(' ') } : null);
    showNetwork();
    links.changed();
    return null;
  }

  /**
   * The line that says a change started the run over.
   * @param {string[]} fields  what changed, as the core names the fields
   * @param {number} epochs    epochs the previous run had trained
   */
  function startedOver(fields, epochs) {
    const names = fields.map((f) => controls.labelOf(f));
    const what = names.length > 3 ? `${names.slice(0, 3).join(', ')} and more` : names.join(', ');
    return `Started over at epoch 0 after ${epochs} epochs: ${what} changed the network or the data. Training settings carry a run on.`;
  }

  /**
   * Loads the config a `#bench=NAME` hash names, and plays it.
   * @param {string} hash
   */
  function followHash(hash) {
    const target = configFromHash(hash, core);
    if (target === null) return;
    if ('error' in target) {
      controls.showPageError(target.error);
      return;
    }
    // A refusal is already on the page, next to the fields it names.
    if (apply(target.config, true) === null && target.play) loop.play();
  }

  applyEmbed(doc, embed);
  // The link, lessons and files modules: the hash follows the settings.
  const lessons = createLessons(doc, core, {
    onClose: () => links.setLesson(null),
    onChoose: (hash) => links.choose(core.decodeLink(hash)),
    labelOf: (field) => controls.labelOf(field),
  });
  const links = createLinks(doc, window, {
    core,
    state,
    apply: (config) => apply(config, true),
    redraw: () => view.render(state),
    showLesson: (id, changes) => lessons.show(id, changes),
  });
  createFiles(doc, { core, state, apply: (config) => apply(config, true), startFrom: (weights) => links.startFrom(weights) });

  showNetwork();
  if (link) links.start(link);
  if (fromHash && 'error' in fromHash) controls.showPageError(fromHash.error);
  if (fromHash && 'play' in fromHash && fromHash.play) loop.play();
  if (embed.autoplay) loop.play();
  installPresenterKeys(doc);
  createEmbedCode(doc);
  window.addEventListener('hashchange', () => followHash(doc.location.hash));

  window.__bp = {
    loadConfig(config) {
      const refusal = apply(config, true);
      if (refusal !== null) throw new Error(refusal);
      return structuredClone(state.config);
    },
    play: () => loop.play(),
    pause: () => loop.pause(),
    config: () => structuredClone(state.config),
    stats: () => ({ ...state.stats }),
    weights: () => state.run.weights(),
    points: () => Array.from(state.run.points()),
    augmented: () => Array.from(state.run.augmentedPoints()),
    settled: () => engine.settled() && !state.fresh,
    needs: () => view.needs(state),
    // A command the engine cannot carry out: how tests see a failing worker.
    breakEngine: () => engine.call('noSuchMethod'),
    display: () => ({ ...state.display, speed: state.epochsPerFrame, palette: state.palette }),
    frames: () => loop.frames(),
    memory: () => ({
      wasm: core.memoryBytes(),
      // Chromium's heap figure, where the browser gives one.
      heap: /** @type {{ memory?: { usedJSHeapSize: number } }} */ (/** @type {unknown} */ (performance)).memory?.usedJSHeapSize ?? null,
    }),
    diagram: () => network.snapshot(),
  };
  doc.documentElement.dataset.ready = 'true';
}

boot(document).catch((err) => {
  const message = err instanceof Error ? err.message : String(err);
  const slot = document.getElementById('page-msg');
  if (slot) {
    slot.textContent = `The playground could not start: ${message}`;
    slot.classList.add('is-visible');
  }
  console.error(err);
});
