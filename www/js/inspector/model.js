// @ts-check
// What the backprop inspector holds between redraws: which network it steps
// (the run's, or a textbook exercise's own), where its examples come from,
// the example and step shown, the trace of that step and the line it says.
// Plain functions over that state; the DOM is elsewhere.

import { GRAPH_PHASES } from './diagram.js';
import { phasesFor } from '../lib/notation.js';

/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('../../pkg/backprop_playground.js').Trace} Trace */
/** @typedef {import('../../pkg/backprop_playground.js').Example} Example */
/** @typedef {import('../../pkg/backprop_playground.js').GraphNode} GraphNode */
/** @typedef {import('../../pkg/backprop_playground.js').Exercise} Exercise */
/** @typedef {import('../../pkg/backprop_playground.js').ExerciseSpec} ExerciseSpec */

/** @typedef {{ title: string, summary: string, examples: Example[] }} ExampleList */

/**
 * @typedef {object} InspectorUi
 * @property {boolean} open
 * @property {'network' | 'graph'} mode
 * @property {'data' | 'list'} source
 * @property {ExampleList | null} list
 * @property {Run | null} listPg  the Playground the list was made for: a new run drops it
 * @property {number} index
 * @property {number} phase
 * @property {Trace | null} trace
 * @property {{ x: number, y: number, z: number, g: number }} graph
 * @property {GraphNode[] | null} graphNodes
 * @property {number} graphPhase
 * @property {number} lastRefresh
 * @property {{ handle: Exercise, spec: ExerciseSpec } | null} exercise
 *   a textbook exercise with a network of its own: while set, it is what the inspector steps
 * @property {string} message
 * @property {'info' | 'error'} messageKind
 */

/** @returns {InspectorUi} the inspector as it opens the first time */
export function createUi() {
  return {
    open: false,
    mode: 'network',
    source: 'data',
    list: null,
    listPg: null,
    index: 0,
    phase: 0,
    trace: null,
    graph: { x: 1, y: 2, z: 2, g: 2 },
    graphNodes: null,
    graphPhase: 0,
    lastRefresh: 0,
    exercise: null,
    message: '',
    messageKind: 'info',
  };
}

/** @param {unknown} err  what a refusal of the core says */
export function errorText(err) {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The training set of a run as examples (x₁, x₂, label).
 * @param {ArrayLike<number>} points  the run's points, 4 numbers each: x₁, x₂, label, 0 for training
 * @returns {Example[]}
 */
export function trainingExamples(points) {
  /** @type {Example[]} */
  const out = [];
  for (let k = 0; k + 3 < points.length; k += 4) {
    if (points[k + 3] === 0) out.push({ x1: points[k], x2: points[k + 1], y: points[k + 2] });
  }
  return out;
}

/**
 * The example h typed in the picker, as an index, or null when there is no such example.
 * @param {string} raw
 * @param {number} count
 */
export function typedExampleIndex(raw, count) {
  const h0 = Number(raw);
  return !Number.isInteger(h0) || h0 < 1 || h0 > count ? null : h0 - 1;
}

/**
 * @param {InspectorUi} ui
 * @param {string} text
 * @param {'info' | 'error'} [kind]
 */
export function say(ui, text, kind = 'info') {
  ui.message = text;
  ui.messageKind = kind;
}

/**
 * The inspector goes back to the running network (a preset, the run, a typed run example).
 * @param {InspectorUi} ui
 */
export function dropExercise(ui) {
  ui.exercise?.handle.free();
  ui.exercise = null;
}

/**
 * @param {InspectorUi} ui
 * @param {ExampleList} list
 * @param {Run} pg
 */
export function setList(ui, list, pg) {
  ui.list = list;
  ui.listPg = pg;
  ui.source = 'list';
  ui.index = 0;
  ui.phase = 0;
}

/**
 * The examples of the running network: the loaded list while it belongs to this run, else its training set.
 * @param {InspectorUi} ui
 * @param {Run} pg
 * @returns {Example[]}
 */
export function examplesOf(ui, pg) {
  if (ui.source === 'list' && ui.list && ui.listPg === pg) return ui.list.examples;
  return trainingExamples(pg.points());
}

/**
 * @param {InspectorUi} ui
 * @param {Run} pg
 */
export function currentExample(ui, pg) {
  const list = examplesOf(ui, pg);
  return list[Math.min(ui.index, list.length - 1)] ?? null;
}

/**
 * How many examples there are to step.
 * @param {InspectorUi} ui
 * @param {Run} pg
 */
export function exampleCount(ui, pg) {
  return ui.exercise ? ui.exercise.spec.examples.length : examplesOf(ui, pg).length;
}

/** @param {InspectorUi} ui */
export function phases(ui) {
  return ui.trace ? phasesFor(ui.trace.layers.length) : [];
}

/** @param {InspectorUi} ui */
export function lastPhase(ui) {
  return ui.mode === 'graph' ? GRAPH_PHASES.length - 1 : Math.max(0, phases(ui).length - 1);
}

/**
 * The computational graph's nodes for the typed inputs; a refusal is said.
 * @param {InspectorUi} ui
 * @param {CoreModule} core
 */
export function computeGraph(ui, core) {
  const { x, y, z, g } = ui.graph;
  try {
    ui.graphNodes = core.computationalGraph(x, y, z, g);
  } catch (err) {
    say(ui, errorText(err), 'error');
  }
}

/**
 * Traces the shown example's step: the exercise's own network, or the run's.
 * @param {InspectorUi} ui
 * @param {Run} pg
 */
export function computeTrace(ui, pg) {
  if (ui.exercise) {
    ui.index = Math.min(ui.index, exampleCount(ui, pg) - 1);
    try {
      ui.trace = ui.exercise.handle.inspect(ui.index);
    } catch (err) {
      ui.trace = null;
      say(ui, errorText(err), 'error');
    }
    ui.phase = Math.min(ui.phase, lastPhase(ui));
    return;
  }
  if (ui.source === 'list' && ui.listPg !== pg) {
    // Another run was built (a new config): the exercise's list belonged to the old one.
    if (ui.list) say(ui, 'The run changed, so the examples now come from its training set.');
    ui.source = 'data';
    ui.list = null;
    ui.index = 0;
    ui.phase = 0;
  }
  const list = examplesOf(ui, pg);
  ui.index = Math.min(ui.index, Math.max(0, list.length - 1));
  const example = list[ui.index];
  ui.trace = null;
  if (example) {
    try {
      ui.trace = pg.inspectExample(example.x1, example.x2, example.y);
    } catch (err) {
      say(ui, errorText(err), 'error');
    }
  }
  ui.phase = Math.min(ui.phase, lastPhase(ui));
}

/**
 * What the inspector's actions work with.
 * @typedef {object} InspectorContext
 * @property {InspectorUi} ui
 * @property {import('./inspector.js').InspectorDeps} deps
 * @property {() => void} refresh  recomputes the trace (or the graph) and redraws, while open
 * @property {() => void} render   redraws
 * @property {() => void} showMessage  shows the message now, without a redraw
 */
