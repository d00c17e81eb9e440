// @ts-check
// The Share menu and the seed: copy the page's link (or the link with the
// trained weights), or show it selected in a field where the browser does not
// let the page copy; a link too long to carry says so and names the files to
// share instead. The seed box and its "new seed" button rebuild the run.

import { byId } from '../lib/dom.js';

/** @typedef {import('../lib/dom.js').Root} Root */
/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('./state.js').AppState} AppState */

/** Largest seed (seeds are u32). */
export const MAX_SEED = 4294967295;

/** @param {number} n */
export const grouped = (n) => n.toLocaleString('en-US');

/**
 * Why the page's link cannot be shared, or null when it fits in `limit`.
 * @param {number} length  the link's length in characters
 * @param {number} limit
 * @param {number | null} customPoints  the custom dataset's number of points, or null for another dataset
 */
export function longLinkProblem(length, limit, customPoints) {
  if (length <= limit) return null;
  const points = customPoints !== null ? `, most of it the ${grouped(customPoints)} custom points` : '';
  return `This run's link would be ${grouped(length)} characters long${points}: more than the ${grouped(limit)} a link can reliably carry. Use Files → Download data or Download model and share the file instead.`;
}

/**
 * Why the link with `weights` weights cannot be shared, or null when it fits in `limit`.
 * @param {number} length  the link's length in characters
 * @param {number} limit
 * @param {number} weights  how many weights and biases it carries
 */
export function longWeightsLinkProblem(length, limit, weights) {
  if (length <= limit) return null;
  return `This network has ${grouped(weights)} weights and biases: a link with them would be ${grouped(length)} characters long, more than the ${grouped(limit)} a link can reliably carry. Use Files → Download model and share the file instead.`;
}

/**
 * A typed seed: a whole number from 0 to MAX_SEED, or the message refusing it.
 * @param {string} raw
 * @param {number} current  the seed that stays when `raw` is refused
 * @returns {{ ok: true, value: number } | { ok: false, message: string }}
 */
export function parseSeed(raw, current) {
  const text = raw.trim();
  const value = Number(text);
  if (text === '' || !Number.isInteger(value) || value < 0 || value > MAX_SEED) {
    return { ok: false, message: `Seed: “${text}” is not a whole number from 0 to ${grouped(MAX_SEED)}; the seed stays ${current}.` };
  }
  return { ok: true, value };
}

/**
 * What the Share menu needs from the link.
 * @typedef {object} ShareHost
 * @property {CoreModule} core
 * @property {AppState} state
 * @property {(config: Partial<Config>) => string | null} apply
 *   rebuilds the run from a config; the core's refusal, or null when applied
 * @property {(weights: number[] | null) => string} linkOf
 *   the page's link (without '#'), with these weights or, for null, the ones it started from
 */

/**
 * Wires the Share menu and the seed.
 * @param {Root} doc
 * @param {import('./link-store.js').LinkStore} store
 * @param {ShareHost} host
 */
export function createShareMenu(doc, store, host) {
  const { core, state, linkOf } = host;
  const limit = core.linkLimit();
  const menu = byId(doc, 'share-menu', HTMLDetailsElement);
  const field = byId(doc, 'share-link', HTMLInputElement);
  const copyButton = byId(doc, 'share-copy', HTMLButtonElement);
  const weightsButton = byId(doc, 'share-weights', HTMLButtonElement);
  const message = byId(doc, 'share-msg', HTMLElement);
  const seed = byId(doc, 'seed', HTMLInputElement);
  const newSeed = byId(doc, 'seed-new', HTMLButtonElement);

  /** @param {string} text @param {'info' | 'error'} [kind] */
  function say(text, kind = 'info') {
    message.textContent = text;
    message.dataset.kind = kind;
  }

  /**
   * The page's address with this hash.
   * @param {string} hash  without '#'
   */
  const addressOf = (hash) => store.address(hash);

  /**
   * Puts a link in the field and on the clipboard when the browser allows it.
   * @param {string} url
   * @param {string} what  "The link" or "The link with the trained weights"
   */
  async function copy(url, what) {
    field.value = url;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      say(`${what} is copied: paste it anywhere. Whoever opens it gets this run.`);
    } catch {
      field.focus();
      field.select();
      say(`${what} is in the field above, selected: copy it with Ctrl+C (⌘C on a Mac). This browser does not let the page copy it.`);
    }
  }

  copyButton.addEventListener('click', () => {
    const hash = linkOf(null);
    const custom = state.config.dataset === 'custom' ? state.config.customPoints.length : null;
    const problem = longLinkProblem(hash.length, limit, custom);
    if (problem !== null) {
      field.value = '';
      say(problem, 'error');
      return;
    }
    void copy(addressOf(hash), 'The link');
  });

  weightsButton.addEventListener('click', () => {
    const weights = Array.from(state.run.flatWeights());
    const hash = linkOf(weights);
    const problem = longWeightsLinkProblem(hash.length, limit, weights.length);
    if (problem !== null) {
      field.value = '';
      say(problem, 'error');
      return;
    }
    void copy(addressOf(hash), `The link with the trained weights (epoch ${state.stats.epoch})`);
  });

  menu.addEventListener('toggle', () => {
    if (!menu.open) return;
    field.value = addressOf(linkOf(null));
    seed.value = String(state.config.seed);
    say('');
  });

  /** @param {number} value */
  function useSeed(value) {
    const refusal = host.apply({ ...state.config, seed: value });
    if (refusal) say(refusal, 'error');
    else say(`Seed ${value}: new initial weights and a new training order; the data stay.`);
  }

  seed.addEventListener('change', () => {
    const parsed = parseSeed(seed.value, state.config.seed);
    if (!parsed.ok) {
      say(parsed.message, 'error');
      seed.setAttribute('aria-invalid', 'true');
      return;
    }
    seed.removeAttribute('aria-invalid');
    useSeed(parsed.value);
  });
  newSeed.addEventListener('click', () => useSeed(core.freshSeed()));
}
