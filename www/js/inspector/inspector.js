// @ts-check
// The backprop inspector: a mode of the page that trains one example at a
// time. For the chosen example it steps input → forward layer by layer → loss
// → backward layer by layer → update, showing net_j, o_j, δ_j and every
// weight's ∂L/∂w_ij = o_i δ_j, update and new value on a diagram, in the
// step's formulas and in tables. The numbers are the core's trace of the
// trainer's own step (Playground.inspectExample); "Apply update" takes that
// step on the running network (Playground.trainExample).
//
// This puts the inspector together: its state (model.js), the panel
// (view.js) with the picker (picker.js), the step controls (steps.js) and the
// computational graph (graph-view.js), and what the controls do (actions.js,
// presets.js).

import { applyUpdate, chooseExample, chooseSource, goTo, moveExample } from './actions.js';
import { createGraphBar, takeGraphInput } from './graph-view.js';
import { computeGraph, computeTrace, createUi, lastPhase } from './model.js';
import { createPicker } from './picker.js';
import { createInspectorEditor, loadPreset } from './presets.js';
import { createSteps } from './steps.js';
import { frameOf, html } from '../lib/dom.js';
import { createView } from './view.js';

/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../../pkg/backprop_playground.js').Preset} Preset */
/** @typedef {import('../app/state.js').AppState} AppState */
/** @typedef {import('./model.js').InspectorContext} InspectorContext */

/**
 * @typedef {object} InspectorDeps
 * @property {CoreModule} core
 * @property {() => AppState} state
 * @property {(config: Partial<Config>) => string | null} loadConfig  rebuilds the run; the core's refusal or null
 * @property {(method: 'setLayers' | 'trainExample', ...args: any[]) => any} change  changes the run (app/state.js `change`); throws when refused
 * @property {() => void} changed   the running network changed: redraw the page
 * @property {() => void} pause     stop the animation loop
 */

/** While training plays, the inspector follows at most this often (ms). */
const PLAYING_REFRESH_MS = 250;

/**
 * @param {HTMLElement} root      the inspector's section (hidden while closed)
 * @param {HTMLButtonElement} toggle  opens and closes it
 * @param {InspectorDeps} deps
 */
export function createInspector(root, toggle, deps) {
  const doc = root.ownerDocument;
  /** @type {Preset[]} */
  const presets = deps.core.inspectorPresets();
  const ui = createUi();
  /** @type {InspectorContext} */
  const ctx = { ui, deps, refresh, render, showMessage: () => view.showMessage(ui) };

  const picker = createPicker(doc, presets, {
    load: (id) => loadPreset(ctx, presets, id, editor),
    move: (delta) => moveExample(ctx, delta),
    choose: (input) => chooseExample(ctx, input),
    source: (source) => chooseSource(ctx, source),
  });
  const graph = createGraphBar(doc, (key) => {
    takeGraphInput(ui, deps.core, key, graph.graphInputs[key]);
    render();
  });
  const steps = createSteps(doc, {
    phase: () => ui.phase,
    last: () => lastPhase(ui),
    goTo: (p) => goTo(ctx, p),
    apply: () => applyUpdate(ctx),
  });
  const editorRoot = /** @type {HTMLDetailsElement} */ (html(doc, 'details'));
  const editor = createInspectorEditor(ctx, editorRoot);
  const view = createView(root, { picker, graph, steps, editorRoot });

  /** Recomputes the trace (or the graph) and redraws. */
  function refresh() {
    if (!ui.open) return;
    ui.lastRefresh = performance.now();
    if (ui.mode === 'graph') computeGraph(ui, deps.core);
    else computeTrace(ui, deps.state().run);
    render();
  }

  function render() {
    view.render(ui, deps.state());
  }

  // The diagram is drawn at its own width: redraw when that changes.
  let drawnWidth = 0;
  new ResizeObserver(() => {
    const w = Math.round(view.figure.clientWidth);
    if (!ui.open || Math.abs(w - drawnWidth) < 8) return;
    drawnWidth = w;
    render();
  }).observe(view.figure);

  /** @param {boolean} open */
  function setOpen(open) {
    ui.open = open;
    root.hidden = !open;
    toggle.setAttribute('aria-pressed', String(open));
    frameOf(root).dataset.inspector = open ? 'open' : '';
    if (open) {
      refresh();
      view.heading.focus({ preventScroll: true });
      root.scrollIntoView({ block: 'nearest' });
    }
  }
  toggle.addEventListener('click', () => {
    setOpen(!ui.open);
    if (!ui.open) toggle.focus();
  });
  view.close.addEventListener('click', () => {
    setOpen(false);
    toggle.focus();
  });

  return {
    /**
     * The page redrew (training, an edit, a new run): follow the running
     * network, at most every PLAYING_REFRESH_MS while training plays.
     * @param {AppState} state
     */
    update(state) {
      if (!ui.open) return;
      if (state.playing && performance.now() - ui.lastRefresh < PLAYING_REFRESH_MS) return;
      refresh();
    },
  };
}
