// @ts-check
// The training readouts: epoch counter, training and test loss, accuracy.
// Each readout's text is just its number, so scripts and tests can parse it.

import { formatAccuracy, formatLoss } from '../lib/format.js';

/** @typedef {import('../lib/dom.js').Root} Root */
/** @typedef {import('../../pkg/backprop_playground.js').StepResult} StepResult */



/**
 * @typedef {object} Readouts
 * @property {(stats: StepResult) => void} update
 */

/**
 * @param {Root} doc
 * @returns {Readouts}
 */
export function createReadouts(doc) {
  /** @param {string} id */
  const byId = (id) => {
    const el = doc.getElementById(id);
    if (!el) throw new Error(`#${id} is missing`);
    return el;
  };
  const epoch = byId('epoch');
  const trainLoss = byId('train-loss');
  const testLoss = byId('test-loss');
  const trainAccuracyBox = byId('train-accuracy-readout');
  const trainAccuracy = byId('train-accuracy');
  const testAccuracyBox = byId('test-accuracy-readout');
  const testAccuracy = byId('test-accuracy');

  /**
   * Runs every frame: a text is replaced only when it changed, so that an
   * unchanged readout costs no layout.
   * @param {HTMLElement} el
   * @param {string} text
   */
  const write = (el, text) => {
    if (el.textContent !== text) el.textContent = text;
  };

  return {
    update(stats) {
      write(epoch, String(stats.epoch));
      write(trainLoss, formatLoss(stats.trainLoss));
      write(testLoss, formatLoss(stats.testLoss));
      // Regression reports no accuracy (null): its readouts disappear.
      if (trainAccuracyBox.hidden !== (stats.trainAccuracy === null)) trainAccuracyBox.hidden = stats.trainAccuracy === null;
      if (testAccuracyBox.hidden !== (stats.testAccuracy === null)) testAccuracyBox.hidden = stats.testAccuracy === null;
      write(trainAccuracy, formatAccuracy(stats.trainAccuracy));
      write(testAccuracy, formatAccuracy(stats.testAccuracy));
    },
  };
}
