// @ts-check
// Making a config the running one: a change of training settings alone
// carries the run on; any other change, or a link, a lesson or a file,
// starts a new run, and the page says so when trained epochs are lost.

import { configFromHash, continueRun, replaceConfig } from './state.js';

/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('./page.js').Page} Page */

/**
 * Whether two configs are the same run (same fields, same values).
 * @param {Partial<Config>} a
 * @param {Partial<Config>} b
 */
function sameConfig(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The line that says a change started the run over.
 * @param {string[]} names  what changed, as the form labels the fields
 * @param {number} epochs   epochs the previous run had trained
 */
export function startedOverText(names, epochs) {
  const what = names.length > 3 ? `${names.slice(0, 3).join(', ')} and more` : names.join(', ');
  return `Started over at epoch 0 after ${epochs} epochs: ${what} changed the network or the data. Training settings carry a run on.`;
}

/**
 * Makes `config` the running one. If the core refuses, its message is shown
 * and the previous run keeps going.
 * @param {Page} page
 * @param {Partial<Config>} config
 * @param {boolean} force  start over even when the config is unchanged
 * @returns {string | null}  the core's refusal, or null when applied
 */
export function applyConfig(page, config, force) {
  const { core, state, controls } = page;
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
  const restarted = continued === null || continued.restart.length > 0;
  if (restarted) {
    const result = replaceConfig(state, config);
    if (!result.ok) {
      controls.showCoreError(result.message);
      return result.message;
    }
    if (continued && trained > 0) notes.push(startedOverText(continued.restart.map((f) => controls.labelOf(f)), trained));
  }
  // The link first, while the page is as the browser laid it out: a new
  // history entry brings the page's style up to date (18 ms after a large
  // network's diagram is built).
  page.links.changed();
  // Before the redraw, which shows why training stopped if it still is.
  page.status.show(notes.length > 0 ? { kind: 'info', text: notes.join(' ') } : null);
  // Training settings leave the data and the network as they were: only
  // the form and the output follow (8 × 32's diagram is not built again).
  if (restarted) page.showNetwork();
  else page.showSettings();
  return null;
}

/**
 * Loads the config a `#bench=NAME` hash names, and plays it.
 * @param {Page} page
 * @param {string} hash
 */
export function followBenchHash(page, hash) {
  const target = configFromHash(hash, page.core);
  if (target === null) return;
  if ('error' in target) {
    page.controls.showPageError(target.error);
    return;
  }
  // A refusal is already on the page, next to the fields it names.
  if (applyConfig(page, target.config, true) === null && target.play) page.loop.play();
}
