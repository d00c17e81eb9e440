// @ts-check
// What the inspector's step and example controls do: go to a step, apply
// the step's update (to the running network, or to a textbook exercise's
// own), and choose the example and where the examples come from.

import { currentExample, errorText, exampleCount, examplesOf, lastPhase, say, typedExampleIndex } from './model.js';
import { appliedExerciseText, appliedText, missingExampleText } from './notes.js';

/** @typedef {import('./model.js').InspectorContext} InspectorContext */
/** @typedef {import('../../pkg/backprop_playground.js').Exercise} Exercise */

/**
 * Shows step p of the example, within its steps.
 * @param {InspectorContext} ctx
 * @param {number} p
 */
export function goTo({ ui, deps, render }, p) {
  deps.pause();
  ui.phase = Math.max(0, Math.min(lastPhase(ui), p));
  say(ui, '');
  render();
}

/**
 * "Apply update": the step shown is taken, and the next example comes up.
 * @param {InspectorContext} ctx
 */
export function applyUpdate(ctx) {
  const { ui, deps, refresh } = ctx;
  if (ui.exercise && ui.mode === 'network') {
    applyExercise(ctx, ui.exercise.handle);
    return;
  }
  const example = currentExample(ui, deps.state().run);
  if (!example || ui.mode !== 'network') return;
  deps.pause();
  const h0 = ui.index + 1;
  try {
    const trace = deps.change('trainExample', example.x1, example.x2, example.y);
    const out = trace.layers[trace.layers.length - 1].units[0];
    const count = examplesOf(ui, deps.state().run).length;
    ui.index = (ui.index + 1) % Math.max(1, count);
    ui.phase = 0;
    say(ui, appliedText(h0, out.out, trace.lossValue, ui.index, count));
  } catch (err) {
    say(ui, errorText(err), 'error');
  }
  deps.changed();
  refresh();
}

/**
 * "Apply update" on a textbook exercise: its own network takes the step;
 * the running network is not touched.
 * @param {InspectorContext} ctx
 * @param {Exercise} handle
 */
function applyExercise({ ui, deps, refresh }, handle) {
  deps.pause();
  const h0 = ui.index + 1;
  try {
    const trace = handle.train(ui.index);
    const outputs = trace.layers[trace.layers.length - 1].units.map((u) => u.out);
    const count = exampleCount(ui, deps.state().run);
    ui.index = (ui.index + 1) % Math.max(1, count);
    ui.phase = 0;
    say(ui, appliedExerciseText(h0, outputs, trace.lossValue, ui.index, count));
  } catch (err) {
    say(ui, errorText(err), 'error');
  }
  refresh();
}

/**
 * The previous (−1) or next (+1) example, round the list.
 * @param {InspectorContext} ctx
 * @param {number} delta
 */
export function moveExample({ ui, deps, refresh }, delta) {
  const count = exampleCount(ui, deps.state().run);
  if (count === 0) return;
  deps.pause();
  ui.index = (ui.index + delta + count) % count;
  ui.phase = 0;
  say(ui, '');
  refresh();
}

/**
 * The example h typed in `input`; one that does not exist is refused there.
 * @param {InspectorContext} ctx
 * @param {HTMLInputElement} input
 */
export function chooseExample({ ui, deps, refresh, showMessage }, input) {
  const count = exampleCount(ui, deps.state().run);
  const index = typedExampleIndex(input.value, count);
  if (index === null) {
    say(ui, missingExampleText(input.value, count), 'error');
    input.setAttribute('aria-invalid', 'true');
    showMessage();
    return;
  }
  input.removeAttribute('aria-invalid');
  ui.index = index;
  ui.phase = 0;
  say(ui, '');
  refresh();
}

/**
 * Where the examples come from: the exercise's list, or the run's training set.
 * @param {InspectorContext} ctx
 * @param {string} source
 */
export function chooseSource({ ui, refresh }, source) {
  ui.source = source === 'list' ? 'list' : 'data';
  ui.index = 0;
  ui.phase = 0;
  say(ui, '');
  refresh();
}
