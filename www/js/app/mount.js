// @ts-check
// The playground mounted into a root: the page's Document (app/main.js) or
// the shadow root of a <backprop-playground> element (js/element/). It loads
// the core, starts the engine's worker with the first run and builds the
// parts around one `Page` object (app/page.js) — the outputs, the controls,
// the link — each finding its elements in the root by id. Where the link
// lives, where the presenter keys are listened for and what goes fullscreen
// are the caller's: the page's hash and document, or the element's own.

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
import { createSurfaceView } from '../output/surface.js';
import { createRaceView } from '../output/race.js';
import { createLoop, wakeOnInput } from './loop.js';
import { createMetricsPanel } from '../output/metrics.js';
import { createNetworkView } from '../network/network.js';
import { createBoundaryPlot } from '../output/plot.js';
import { createEngine, startWorker } from './engine.js';
import { installPresenterKeys } from './presenter.js';
import { createReadouts } from '../output/readouts.js';
import { applySchema } from '../controls/schema.js';
import { typedRanges } from '../controls/typed.js';
import { createSearch } from '../controls/search.js';
import { createStatus } from '../output/status.js';
import { byId, documentOf } from '../lib/dom.js';
import { weightAt } from '../lib/weights.js';
import { loadCore } from './core.js';
import { layOutApart, nextTask } from '../lib/tasks.js';
import { applyConfig, followBenchHash } from './apply.js';
import { controlHandlers, networkHandlers, previewsFor, searchHooks } from './handlers.js';
import { createPageView } from './page-view.js';
import { PAGE_DEFAULTS, change, configFromHash, createState, markFresh, measureRun, receive } from './state.js';

/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../lib/dom.js').Root} Root */
/** @typedef {import('./page.js').Page} Page */

/**
 * @typedef {object} MountOptions
 * @property {import('./link-store.js').LinkStore} store  where the link lives
 * @property {EventTarget} keys  where the presenter keys are listened for
 * @property {Element} fullscreen  what the f key makes fullscreen
 * @property {boolean} [holdPlay]  do not start training by itself (`autoplay=1`,
 *   `#bench=`): the caller does, from `page.autoplay`
 * @property {(page: Page) => void} [rendered]  after each drawing of the run
 */

/**
 * The engine and the state of the first run. The engine reports to the page
 * once the page exists.
 * @param {Page} page  filled in here with `engine` and `state`
 * @param {Partial<Config>} initial
 */
function startEngine(page, initial) {
  page.engineFailed = false;
  page.engine = createEngine(page.module, {
    onSnapshot(snapshot) {
      if (page.state) receive(page.state, snapshot);
    },
    onError(message) {
      if (!page.state) return;
      page.state.playing = false;
      page.controls.setPlaying(false);
      page.controls.showPageError(`Training stopped: ${message}. Reset starts the engine again; your settings are kept.`);
      page.engineFailed = true;
    },
  });
  page.state = createState(page.core, page.engine, initial);
}

/**
 * The plot, the readouts, the charts, the banner and the network view.
 * @param {Page} page
 */
function buildOutputs(page) {
  const { doc, state } = page;
  page.plot = createBoundaryPlot(byId(doc, 'boundary', HTMLCanvasElement));
  page.readouts = createReadouts(doc);
  page.chart = createLossChart(byId(doc, 'loss-chart', HTMLCanvasElement), byId(doc, 'loss-readout', HTMLElement));
  page.status = createStatus(byId(doc, 'status', HTMLElement), byId(doc, 'status-text', HTMLElement));
  page.gradflow = createGradientFlowChart(byId(doc, 'gradflow', HTMLElement));
  page.metrics = createMetricsPanel(byId(doc, 'metrics', HTMLElement));
  page.surface = createSurfaceView(byId(doc, 'surface', HTMLDetailsElement), {
    onSpec: () => markFresh(state),
    onLinkChange: () => page.links?.changed(),
    async onMove(u, v) {
      page.loop.pause();
      const weights = await page.engine.surfaceAt(u, v);
      if (!weights) return;
      try {
        change(state, 'setFlatWeights', weights);
      } catch (err) {
        page.controls.showPageError(`Not moved: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  });
  page.race = createRaceView(byId(doc, 'race', HTMLDetailsElement), {
    core: page.core,
    module: page.module,
    state: () => page.state,
    startWeights: () => page.links.startWeights(),
    pauseRun: () => page.loop.pause(),
    changed: () => page.links.changed(),
  });
  page.resumeAfterStop = () => {
    change(state, 'resume');
    // The engine's next snapshot says so too; until it comes, the page knows.
    state.stats = { ...state.stats, stopped: null };
    page.status.show(null);
  };
  page.divergence = createDivergenceNotice(byId(doc, 'status', HTMLElement), () => {
    // The last finite weights are already the ones drawn: take them as the run's own.
    page.resumeAfterStop();
    page.view.render(state);
    byId(doc, 'play', HTMLButtonElement).focus();
  });
  const diagram = byId(doc, 'network-view', HTMLElement);
  // The engine's script paints the diagram's links in a worker of its own.
  const { limits, palettes } = page.core.schema();
  page.network = createNetworkView(diagram, networkHandlers(page), { startWorker, maxUnits: limits.maxUnits, palettes });
  // After the network view, which empties its element when it is created.
  page.focusPopover = createFocusPopover(diagram, byId(doc, 'boundary', HTMLCanvasElement));
  page.deltas = createDeltaGauges(diagram, (fractions) => page.network.setGauges(fractions));
}

/**
 * The form, the inspector, drawing and the Search panel.
 * @param {Page} page
 */
function buildControls(page) {
  const { doc, state, core } = page;
  page.view = createPageView(page);
  const context = () => ({ applied: state.config, trainCount: state.trainCount });
  page.controls = createControls(doc, controlHandlers(page), context, typedRanges(core.schema()));
  page.controls.setPreviews(previewsFor(page, state.palette));
  page.inspector = createInspector(byId(doc, 'inspector', HTMLElement), byId(doc, 'inspect-toggle', HTMLButtonElement), {
    core,
    state: () => state,
    loadConfig: (config) => page.apply(config, true),
    change: (method, ...args) => change(state, method, .../** @type {[any]} */ (args)),
    changed: () => page.view.render(state),
    pause: () => page.loop.pause(),
  });
  page.drawing = createDrawing(doc, state, { apply: (config) => page.apply(config, false) });
  createSearch(doc, state, searchHooks(page));
}

/**
 * The link, the lessons and the files: the link follows the settings.
 * @param {Page} page
 * @param {import('./link-store.js').LinkStore} store
 */
function buildLinks(page, store) {
  const { doc, core, state } = page;
  page.lessons = createLessons(doc, core, {
    onClose: () => page.links.setLesson(null),
    onChoose: (hash) => page.links.choose(core.decodeLink(hash)),
    labelOf: (field) => page.controls.labelOf(field),
  });
  page.links = createLinks(doc, store, {
    core,
    state,
    apply: (config) => page.apply(config, true),
    redraw: () => page.view.render(state),
    showLesson: (id, changes) => page.lessons.show(id, changes),
    surface: {
      get: () => page.surface.linkState(),
      set(want) {
        const sizes = state.run.layerSizes();
        const nameOf = (/** @type {number} */ index) => {
          const at = weightAt(sizes, index);
          return at ? page.network.weightName(at.l, at.i, at.j) : null;
        };
        page.surface.restore(want, nameOf, sizes.join(','));
      },
    },
    race: () => page.race.settings(),
    setRace: (race) => page.race.setSettings(race),
  });
  createFiles(doc, { core, state, apply: (config) => page.apply(config, true), startFrom: (weights) => page.links.startFrom(weights) });
}

/**
 * Mounts the playground into `doc`, which holds index.html's markup.
 * @param {Root} doc
 * @param {MountOptions} options
 * @returns {Promise<Page>}
 */
export async function mountPlayground(doc, options) {
  const { store } = options;
  const embed = readEmbedOptions(doc, store.read());
  const { core, module } = await loadCore();
  // The menus, limits and tooltips the core describes, before anything reads the form.
  applySchema(doc, core.schema());
  const fromHash = configFromHash(store.read(), core);
  // Any other hash is a link: the core reads it, and never refuses it.
  const link = fromHash === null ? core.decodeLink(store.read()) : null;
  const initial = fromHash && 'config' in fromHash ? fromHash.config : link?.state.config ?? PAGE_DEFAULTS;
  // Filled in part by part below; each part finds the others here when it runs.
  const page = /** @type {Page} */ (/** @type {unknown} */ ({ doc, core, module, rendered: options.rendered ?? null }));
  page.searches = new Set();
  page.apply = (config, force) => applyConfig(page, config, force);
  let closed = false;
  page.close = () => {
    closed = true;
    page.loop.stop();
    page.race.stop();
    for (const search of page.searches) search.cancel();
    page.network.close();
    page.engine.close();
  };
  // The run shown in parts: its data and elements, its config in the form,
  // then its drawing.
  const placeRun = () => {
    const { state } = page;
    page.plot.setData(state.run);
    page.network.rebuild(state.run, state.config);
  };
  const writeForm = () => {
    const { state } = page;
    page.controls.write(state.config, { trainCount: state.trainCount, classification: state.run.isClassification() });
  };
  const drawRun = () => {
    const { state } = page;
    // Unless the loop drew it meanwhile; drawn here, the loop need not.
    if (state.fresh) {
      state.fresh = false;
      page.view.render(state);
    }
    page.drawing.sync();
  };
  // A new run in parts, each a task of its own (a large run's parts take
  // tens of ms each): its form at once; then its elements (the old ones
  // show until then), the page's layout, its losses (`measureRun`) and its
  // drawing. The loop draws nothing of it until it is measured, and then
  // finds the layout fresh. Changes that come meanwhile join the parts
  // still to come.
  let placeQueued = false;
  let drawQueued = false;
  page.drawSoon = () => {
    if (drawQueued) return;
    drawQueued = true;
    void (async () => {
      do {
        await nextTask();
        if (placeQueued && !closed) {
          placeQueued = false;
          placeRun();
        }
        await layOutApart(documentOf(doc));
        measureRun(page.state);
        await nextTask();
      } while (placeQueued);
      drawQueued = false;
      if (!closed) drawRun();
    })();
  };
  page.showNetwork = () => {
    placeQueued = true;
    writeForm();
    page.drawSoon();
  };
  page.showSettings = () => {
    writeForm();
    drawRun();
  };
  // Each part of the boot a task of its own (a large run's parts take tens
  // of ms each): the page stays responsive while it opens. Until the loop
  // starts (it draws at once, so it starts last), a press of Play or Pause
  // is kept for it, and Step waits for it.
  let playAtStart = false;
  page.loop = {
    play: () => void (playAtStart = true),
    pause: () => void (playAtStart = false),
    stepOnce() {},
    speedChanged() {},
    frames: () => 0,
    stop: () => void (playAtStart = false),
    wake() {},
    asleep: () => false,
  };
  await nextTask();
  startEngine(page, initial);
  await nextTask();
  measureRun(page.state);
  await nextTask();
  buildOutputs(page);
  await nextTask();
  buildControls(page);
  const { shown } = applyEmbed(doc, embed);
  if (shown.includes('race')) page.race.open();
  buildLinks(page, store);
  await nextTask();
  // The plot takes the run's points at its first drawing: its canvas is
  // fitted to its box at the first layout, which then has none to draw.
  page.network.build(page.state.run);
  // The page's first layout with every element in it, in a task of its
  // own: placing the diagram reads it; then the placed page's, which the
  // drawing reads (a canvas's text needs the style).
  await layOutApart(documentOf(doc));
  page.network.place();
  writeForm();
  await layOutApart(documentOf(doc));
  // The plot's points, the first drawing's largest part, in a task of their own.
  page.plot.draw(page.state.run, page.state.display);
  await nextTask();
  drawRun();
  page.loop = createLoop(page.state, page.view, (playing) => {
    page.controls.setPlaying(playing);
    // In an embed the caption's text floats over the pictures: training, it folds to its title.
    if (playing && embed.embed) page.lessons.fold(false);
  });
  wakeOnInput(doc, page.loop.wake);
  if (playAtStart) page.loop.play();
  if (link) page.links.start(link);
  if (fromHash && 'error' in fromHash) page.controls.showPageError(fromHash.error);
  page.autoplay = embed.autoplay || (fromHash !== null && 'play' in fromHash && fromHash.play);
  // An embedded race starts the race, not the run.
  if (embed.autoplay && shown.includes('race')) {
    page.autoplay = false;
    if (!options.holdPlay) page.race.start();
  }
  if (page.autoplay && !options.holdPlay) page.loop.play();
  installPresenterKeys(doc, options.keys, options.fullscreen);
  createEmbedCode(doc, store.href);
  store.listen(() => followBenchHash(page, store.read()));
  return page;
}
