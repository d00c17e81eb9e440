// @ts-check
// What the backprop inspector says in words: its introduction, the notes
// under a step's tables (how this run's step differs from the course's rule),
// a textbook exercise's summary, and the messages after an update or a
// mistyped example. Plain functions from numbers to sentences.

import { OPTIMIZER_NAMES } from './tables.js';
import { fmt } from '../lib/notation.js';

/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../../pkg/backprop_playground.js').Trace} Trace */
/** @typedef {import('../../pkg/backprop_playground.js').ExerciseSpec} ExerciseSpec */

export const INTRO = 'One example at a time: input → forward → loss → backward → update. As in the course’s worked example, '
  + 'δⱼ = ∂L/∂netⱼ, so an output’s δ is (o − y)·φ′(net) and each weight moves by wᵢⱼ ← wᵢⱼ − η oᵢ δⱼ.';
export const INTRO_TITLE = 'The single-neuron slides write y − ŷ and add η ∂L/∂w: the same step with the other sign.';

/** The summary over the computational graph. */
export const GRAPH_SUMMARY = 'The notes’ computational graph: q = x + y, f = q·z. Forward, each node computes its value; backward, each multiplies the gradient arriving from after it by its local derivatives (the chain rule): ∂L/∂x = ∂L/∂f · ∂f/∂q · ∂q/∂x.';

const SIGN_NOTE = 'Sign: the single-neuron slides write ∂L/∂ŷ = y − ŷ and w ← w + η ∂L/∂w; here ∂L/∂ŷ = ŷ − y and w ← w − η ∂L/∂w, the same step.';

/**
 * The notes under a step of the running network: where its step is not the course's plain rule.
 * @param {Trace} trace
 * @param {Config} config  the running config
 * @returns {string[]}
 */
export function runNotes(trace, config) {
  /** @type {string[]} */
  const list = [];
  if (trace.optimizer !== 'sgd') {
    list.push(`The update column is the real step Δw of this run’s optimizer (${OPTIMIZER_NAMES[trace.optimizer] ?? trace.optimizer}), with its running state, not −η oᵢ δⱼ. Choose gradient descent (SGD) to see the course’s rule.`);
  }
  if (trace.regularization !== 'none' && trace.regularizationRate > 0) {
    list.push(`Δw includes the penalty γ ∂R/∂w (${trace.regularization.toUpperCase()}, γ = ${fmt(trace.regularizationRate)}) besides oᵢ δⱼ.`);
  }
  list.push(SIGN_NOTE);
  if (trace.frozenBiases) list.push('Thresholds w₀ⱼ are frozen: they keep their values, as in the course’s worked example.');
  if (config.dropout.some((p) => p > 0)) {
    list.push('Dropout is left out here: the inspector steps the whole network (dropout’s masks are random per example).');
  }
  if (config.batchSize > 1) {
    list.push(`Training by epochs uses batches of ${config.batchSize} (the mean gradient of ${config.batchSize} examples per step); the inspector takes one example per step, the course’s per-example update.`);
  }
  return list;
}

/**
 * The notes under a step of a textbook exercise.
 * @param {Trace} trace
 * @returns {string[]}
 */
export function exerciseNotes(trace) {
  const k = trace.layers[trace.layers.length - 1]?.units.length ?? 0;
  return [
    `A textbook exercise on a network of its own: the running network and its data are not changed, and “Apply update” moves only this exercise’s weights.`,
    k > 1
      ? `L = ½ Σₖ (yₖ − ŷₖ)², summed over the ${k} outputs, so each output’s ∂L/∂ŷₖ = ŷₖ − yₖ and a hidden node’s ∂L/∂oⱼ sums wⱼₖ δₖ over every output.`
      : 'L = ½ (y − ŷ)², so ∂L/∂ŷ = ŷ − y.',
    SIGN_NOTE,
    trace.frozenBiases
      ? 'Train biases is off: every threshold w₀ⱼ keeps its typed value.'
      : 'Train biases is on: every threshold moves by −η δⱼ, as a weight whose oᵢ is 1.',
  ];
}

/**
 * One line about a textbook exercise.
 * @param {ExerciseSpec} spec
 */
export function exerciseSummary(spec) {
  const k = spec.sizes[spec.sizes.length - 1];
  return `Textbook exercise ${spec.sizes.join('-')}: ${spec.sizes.length > 2 ? `${spec.hiddenActivation} hidden units, ` : ''}`
    + `${k} ${spec.outputActivation} output${k === 1 ? '' : 's'}, L = ½ Σₖ (yₖ − ŷₖ)², η = ${fmt(spec.learningRate)}, biases ${spec.trainBiases ? 'trained' : 'held'}.`;
}

/**
 * After "Apply update" on the running network.
 * @param {number} h0     the example h that was applied, from 1
 * @param {number} yHat   the output ŷ before the step
 * @param {number} loss   the example's loss before the step
 * @param {number} index  the example shown next, from 0
 * @param {number} count  examples in all
 */
export function appliedText(h0, yHat, loss, index, count) {
  return `Applied example ${h0}'s update (ŷ was ${fmt(yHat)}, L = ${fmt(loss)}). Now example ${index + 1} of ${count}${index === 0 && count > 1 ? ': every example has been consumed, a new pass starts' : ''}.`;
}

/**
 * After "Apply update" on a textbook exercise's own network.
 * @param {number} h0         the example h that was applied, from 1
 * @param {number[]} outputs  the outputs ŷ before the step
 * @param {number} loss       the example's loss before the step
 * @param {number} index      the example shown next, from 0
 * @param {number} count      examples in all
 */
export function appliedExerciseText(h0, outputs, loss, index, count) {
  const shown = outputs.map(fmt);
  return `Applied example ${h0}'s update to the exercise’s network (ŷ was ${shown.length === 1 ? shown[0] : `⟨${shown.join(', ')}⟩`}, L = ${fmt(loss)}). `
    + `Now example ${index + 1} of ${count}, from the new weights.`;
}

/**
 * @param {string} raw    what was typed as the example h
 * @param {number} count  examples in all
 */
export function missingExampleText(raw, count) {
  return `Example h = “${raw}” does not exist: 1 to ${count} allowed.`;
}
