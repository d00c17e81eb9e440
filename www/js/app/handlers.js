// @ts-check
// What the views ask of the page: each handler turns a person's action into
// a change of the state (app/state.js) and the redraw that follows. Views
// never change the run themselves.

import { datasetPreviews } from '../output/previews.js';
import { documentOf, frameOf } from '../lib/dom.js';
import { adoptTrained, change, replaceConfig, resetNetwork } from './state.js';
import { searchProblem, startSearch } from './search-client.js';
import { flatIndex } from '../lib/weights.js';

/** @typedef {import('./page.js').Page} Page */
/** @typedef {import('../../pkg/backprop_playground.js').PaletteName} PaletteName */

/**
 * @param {Page} page
 * @param {string} text  a message under the network diagram ('' clears it)
 */
function networkMessage(page, text) {
  const box = page.doc.getElementById('network-msg');
  if (!box) return;
  box.textContent = text;
  box.classList.toggle('is-visible', text !== '');
}

/**
 * @param {Page} page
 * @returns {import('../network/network.js').NetworkHandlers}
 */
export function networkHandlers(page) {
  const { state } = page;
  return {
    onToggleFeature(name) {
      const on = state.config.features.includes(name);
      const features = on ? state.config.features.filter((f) => f !== name) : [...state.config.features, name];
      if (features.length === 0) {
        networkMessage(page, 'At least one input feature must stay on: the network needs an input.');
        return;
      }
      networkMessage(page, '');
      page.apply({ ...state.config, features }, false);
    },
    onUnits(layer, delta) {
      const hidden = [...state.config.hidden];
      const units = (hidden[layer] ?? 0) + delta;
      const { maxUnits } = page.core.schema().limits;
      if (units < 1 || units > maxUnits) {
        networkMessage(page, `Hidden layer ${layer + 1} keeps ${hidden[layer]} units: 1 to ${maxUnits} allowed.`);
        return;
      }
      networkMessage(page, '');
      hidden[layer] = units;
      page.apply({ ...state.config, hidden }, false);
    },
    onFocus(node, label) {
      state.display.focus = node;
      page.view.render(state);
      page.focusPopover.follow(node, label);
    },
    setWeight: (layer, i, j, value) => change(state, 'setWeight', layer, i, j, value),
    setBias: (layer, j, value) => change(state, 'setBias', layer, j, value),
    onEdited: () => page.view.render(state),
    onPinAxis(axis, layer, i, j, name) {
      const sizes = state.run.layerSizes();
      page.surface.pin(axis, flatIndex(sizes, layer, i, j), name, sizes.join(','));
    },
  };
}

/**
 * The dataset menu's thumbnails in a palette.
 * @param {Page} page
 * @param {PaletteName} palette
 */
export function previewsFor(page, palette) {
  const names = Array.from(page.doc.querySelectorAll('#dataset option')).map((o) => /** @type {HTMLOptionElement} */ (o).value);
  return datasetPreviews(page.core, documentOf(page.doc), names, palette);
}

/**
 * Reset: back to the run's first epoch, or, after the engine failed, a fresh
 * worker running the run the page's settings describe.
 * @param {Page} page
 */
export function reset(page) {
  const { state } = page;
  page.loop.pause();
  if (page.engineFailed) {
    page.engineFailed = false;
    page.engine.restart();
    replaceConfig(state, state.config);
    page.links.changed();
    page.controls.showPageError('');
    page.showNetwork();
    return;
  }
  resetNetwork(state);
  page.links.afterReset();
  page.status.show(null);
  page.view.render(state);
}

/**
 * Starts training; after a stop (a limit, θ, early stopping, a divergence)
 * it goes on from there.
 * @param {Page} page
 */
export function play(page) {
  if (page.state.playing) return;
  if (page.state.stats.stopped) page.resumeAfterStop();
  page.loop.play();
}

/**
 * A display setting changed: only the pictures follow, never the run.
 * @param {Page} page
 * @param {import('../controls/controls.js').DisplayPatch} patch
 */
function displayChanged(page, patch) {
  const { state } = page;
  if (patch.showTest !== undefined) state.display.showTest = patch.showTest;
  if (patch.discretize !== undefined) state.display.discretize = patch.discretize;
  if (patch.speed !== undefined) {
    state.epochsPerFrame = patch.speed;
    page.loop.speedChanged();
  }
  if (patch.showAugmented !== undefined) state.display.showAugmented = patch.showAugmented;
  if (patch.showDeltas !== undefined) state.display.showDeltas = patch.showDeltas;
  const palette = patch.colorBlind === undefined ? state.palette : patch.colorBlind ? 'colorBlind' : 'default';
  if (palette !== state.palette) {
    state.palette = palette;
    change(state, 'setPalette', palette);
    frameOf(page.doc).dataset.palette = palette;
    page.plot.setData(state.run);
    page.network.rebuild(state.run, state.config);
    page.controls.setPreviews(previewsFor(page, palette));
  }
  page.view.render(state);
  page.links.changed();
}

/**
 * @param {Page} page
 * @returns {import('../controls/controls.js').ControlHandlers}
 */
export function controlHandlers(page) {
  const { state } = page;
  return {
    onChange: (patch) => page.apply({ ...state.config, ...patch }, false),
    onPlayToggle() {
      if (state.playing) page.loop.pause();
      else play(page);
    },
    onStep: () => page.loop.stepOnce(),
    onReset: () => reset(page),
    onRegenerate() {
      change(state, 'regenerateData', page.core.freshSeed());
      page.plot.setData(state.run);
      page.drawSoon();
      page.links.changed();
    },
    onDisplay: (patch) => displayChanged(page, patch),
  };
}

/**
 * @param {Page} page
 * @returns {import('../controls/search.js').SearchHooks}
 */
export function searchHooks(page) {
  const { state } = page;
  return {
    problem: (job) => searchProblem(page.core, job),
    start(job, handlers) {
      // The page holds each running search, to end it if the page goes away.
      /** @type {{ cancel: () => void }} */
      let search = { cancel() {} };
      const ended = () => page.searches.delete(search);
      search = startSearch(page.core, page.module, job, {
        ...handlers,
        onDone(report) {
          ended();
          handlers.onDone(report);
        },
        onError(message) {
          ended();
          handlers.onError(message);
        },
      });
      page.searches.add(search);
      return {
        cancel() {
          ended();
          search.cancel();
        },
      };
    },
    adopt(config, epochs) {
      page.loop.pause();
      const started = adoptTrained(state, config, epochs);
      if (!started.ok) {
        page.controls.showCoreError(started.message);
        return;
      }
      // The hash is the state: the kept run's seed goes into it.
      page.links.changed();
      page.status.show(null);
      page.showNetwork();
    },
    apply: (config) => page.apply(config, false),
  };
}
