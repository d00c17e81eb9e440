// @ts-check
// What the animation loop draws each time a snapshot arrives, and what the
// page asks the engine to compute: the main plot and the readouts every
// snapshot, the secondary views at their own rates while training (at most
// one of those shown per frame), and only the parts that are shown.

import { watchVisibility } from './visibility.js';
import { byId } from '../lib/dom.js';

/** @typedef {import('./page.js').Page} Page */
/** @typedef {import('./state.js').AppState} AppState */

/**
 * While training, the shortest time between two redraws of each secondary
 * view, in ms: the main plot and the readouts draw every snapshot; the
 * network diagram at up to 30 per second; the charts and the metrics at up
 * to 15. Measured in headless Chromium without a GPU (`cargo xtask bench
 * --browser`), every canvas redrawn costs its share of the frame's commit.
 */
export const REDRAW_MS = Object.freeze({ network: 33, chart: 66, flow: 66, metrics: 100, surface: 100 });

/**
 * While training, the shortest time between two redraws of the network
 * diagram: REDRAW_MS.network, or longer for a large diagram. Its canvas is
 * rasterised when the frame is committed, about 6 µs per link without a GPU
 * (50 ms for the 8,448 links of 8 × 32 over seven inputs), so the interval
 * keeps that raster near a quarter of the page's time.
 * @param {ArrayLike<number>} sizes  nodes per layer
 */
export function diagramInterval(sizes) {
  let links = 0;
  for (let l = 0; l + 1 < sizes.length; l += 1) links += sizes[l] * sizes[l + 1];
  return Math.max(REDRAW_MS.network, 0.024 * links);
}

/**
 * The secondary views that draw now: all of them when training is paused;
 * while training, those whose interval has passed, but of the ones shown
 * only the most overdue, so that no two canvases' rasters share a frame's
 * commit and every frame's task stays short.
 * @template {string} K
 * @param {number} now
 * @param {boolean} playing
 * @param {Record<K, { drawnAt: number, interval: number, shown: boolean }>} views
 * @returns {Set<K>}
 */
export function dueViews(now, playing, views) {
  const names = /** @type {K[]} */ (Object.keys(views));
  if (!playing) return new Set(names);
  /** @type {Set<K>} */
  const due = new Set();
  /** @type {K | null} */
  let next = null;
  let late = -Infinity;
  for (const name of names) {
    const { drawnAt, interval, shown } = views[name];
    const over = now - drawnAt - interval;
    if (over < 0) continue;
    if (!shown) due.add(name);
    else if (over > late) {
      next = name;
      late = over;
    }
  }
  if (next !== null) due.add(next);
  return due;
}

/**
 * @param {Page} page
 * @returns {import('./loop.js').View}
 */
export function createPageView(page) {
  const { doc } = page;
  // The grids the engine evaluates the pictures on (ARCHITECTURE.md: pictures at the size they are shown).
  const grids = page.core.schema().pictures;
  const onScreen = watchVisibility({
    network: byId(doc, 'network-view', HTMLElement),
    chart: byId(doc, 'loss-chart', HTMLCanvasElement),
    flow: byId(doc, 'gradflow', HTMLElement),
    metrics: byId(doc, 'metrics', HTMLElement),
    surface: byId(doc, 'surface', HTMLElement),
  }, () => page.state.wake());
  /** When each secondary view last drew. @type {Record<keyof typeof REDRAW_MS, number>} */
  const drawnAt = { chart: -Infinity, flow: -Infinity, network: -Infinity, metrics: -Infinity, surface: -Infinity };
  /** The banner shows why training stopped. */
  let stopShown = false;

  /**
   * The banner says why training stopped by itself (a limit, θ, early
   * stopping, divergence), and goes once the run trains again.
   * @param {AppState} s
   */
  function showStop(s) {
    if (s.stats.stopped) {
      if (s.playing) page.loop.pause();
      page.status.show({ kind: s.stats.stopped.kind === 'diverged' ? 'warning' : 'info', text: s.stats.stopped.message });
      stopShown = true;
    } else if (stopShown) {
      page.status.show(null);
      stopShown = false;
    }
    page.divergence.update(s.stats.stopped?.kind === 'diverged');
  }

  return {
    render(s) {
      // The charts read their size: before anything below writes to the DOM,
      // so that no layout is forced in the middle of a frame.
      page.plot.draw(s.run, s.display);
      page.focusPopover.draw(s.display.focus);
      const now = performance.now();
      /** @param {keyof typeof REDRAW_MS} name */
      const view = (name) => ({
        drawnAt: drawnAt[name],
        interval: name === 'network' ? diagramInterval(s.run.layerSizes()) : REDRAW_MS[name],
        shown: onScreen[name],
      });
      const due = dueViews(now, s.playing, {
        chart: view('chart'), flow: view('flow'), network: view('network'), metrics: view('metrics'), surface: view('surface'),
      });
      for (const name of due) drawnAt[name] = now;
      if (due.has('chart')) page.chart.update(s.run.history());
      if (due.has('flow')) page.gradflow.update(s.run, s.stats.epoch);
      if (due.has('network')) {
        // The |δ| gauges before the network view, which paints them.
        page.deltas.update(s.run, s.stats.epoch, s.display.showDeltas);
        page.network.update(s.run, s.display);
      }
      if (due.has('metrics')) page.metrics.update(s.run, s.stats, s.palette);
      if (due.has('surface')) page.surface.update(s.run.surface(), s.stats.trainLoss, s.run.layerSizes().join(','));
      page.race.update(s);
      page.readouts.update(s.stats);
      page.inspector.update(s);
      page.controls.showLearningRate(s.stats.learningRate);
      showStop(s);
      page.rendered?.(page);
    },
    needs(s) {
      return {
        plotSize: grids.plot,
        thumbSize: grids.thumbnail,
        focus: s.display.focus,
        discretize: s.display.discretize,
        thumbnails: onScreen.network,
        history: onScreen.chart,
        flow: onScreen.flow,
        deltas: s.display.showDeltas && onScreen.network,
        metrics: onScreen.metrics,
        augmented: s.display.showAugmented,
        surface: onScreen.surface ? page.surface.spec() : null,
      };
    },
    fail(message) {
      page.controls.showPageError(`Training stopped: ${message}`);
    },
  };
}
