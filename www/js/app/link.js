// @ts-check
// The link is the state. Every setting lives in the link as readable
// name=value pairs (the core writes and reads them: crate/src/link.rs), kept
// by a LinkStore (link-store.js): on the page the location hash, where each
// change of settings pushes a new history entry, so back and forward step
// through them; in an element a string its attributes set. Opening or
// navigating to a link applies it and lists, in a dismissible banner, every
// part the core could not use and what it used instead. The Share menu copies the link, optionally with the trained
// weights, and shows it in a field to select by hand where copying is not allowed.

import { byId } from '../lib/dom.js';
import { change } from './state.js';
import { createShareMenu } from './link-share.js';
import { html } from '../lib/dom.js';

/** @typedef {import('../lib/dom.js').Root} Root */
/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').LinkState} LinkState */
/** @typedef {import('../../pkg/backprop_playground.js').Display} LinkDisplay */
/** @typedef {import('../../pkg/backprop_playground.js').LinkWarning} LinkWarning */
/** @typedef {import('../../pkg/backprop_playground.js').DecodedLink} DecodedLink */
/** @typedef {import('./state.js').AppState} AppState */
/** @typedef {import('./link-store.js').LinkStore} LinkStore */

/**
 * What the link module needs from the page.
 * @typedef {object} LinkHost
 * @property {CoreModule} core
 * @property {AppState} state
 * @property {(config: Partial<Config>) => string | null} apply
 *   rebuilds the run from a config; the core's refusal, or null when applied
 * @property {() => void} redraw  draws the state again after its weights were replaced
 * @property {(lesson: string | null, changes: string[]) => void} showLesson
 *   the lesson caption to show (null: none), and the settings changed from the lesson's
 * @property {{ get: () => import('../output/surface.js').SurfaceLink, set: (want: import('../output/surface.js').SurfaceLink) => void }} surface
 *   what the loss-surface view shows, as a link keeps it
 * @property {() => import('../../pkg/backprop_playground.js').Race | null} race  the race's settings (null: no race)
 * @property {(race: import('../../pkg/backprop_playground.js').Race | null) => void} setRace  a link's race
 */

/**
 * @typedef {object} Links
 * @property {(decoded: DecodedLink) => void} start  applies the link the page was opened with
 * @property {(decoded: DecodedLink) => void} choose
 *   a lesson was chosen from the menu: its link applies from epoch 0 (even on
 *   the same settings) as a new history entry, so Back returns to what was before
 * @property {() => void} changed  settings changed: the hash follows (a new history entry)
 * @property {() => void} afterReset  the run went back to epoch 0: back to the weights it started from
 * @property {(weights: number[] | Float64Array) => void} startFrom
 *   the run now starts from these weights (a model file): they are set, and the hash carries them
 * @property {(lesson: string | null) => void} setLesson  the lesson shown (null: closed), kept in the hash
 * @property {() => number[] | null} startWeights  the weights the run started from (null: the seed's)
 * @property {() => string} shareable  the link of the run (without '#'), as Share copies it,
 *   without the embed mode's names
 */

/** The embed mode's own names, which a shared link of the run leaves out. */
const EMBED_MODE_NAMES = Object.freeze(['embed', 'show', 'autoplay']);

/**
 * Lists in the banner every part of a link that could not be used (hidden
 * when there is none).
 * @param {Root} doc
 * @param {LinkWarning[]} warnings
 */
function showWarnings(doc, warnings) {
  const banner = byId(doc, 'link-warnings', HTMLElement);
  const bannerTitle = byId(doc, 'link-warnings-title', HTMLElement);
  const bannerList = byId(doc, 'link-warnings-list', HTMLUListElement);
  bannerList.replaceChildren(...warnings.map((w) => {
    return html(doc, 'li', undefined, w.message); // never markup: a link is untrusted text
  }));
  bannerTitle.textContent = warnings.length === 1
    ? 'One part of this link could not be used; everything else was applied:'
    : `${warnings.length} parts of this link could not be used; everything else was applied:`;
  banner.hidden = warnings.length === 0;
}

/**
 * Sets the display checkboxes and speed the way a person would, so the page
 * reacts exactly as to a click.
 * @param {Root} doc
 * @param {LinkDisplay} now  the display as it is
 * @param {LinkDisplay} want
 */
function applyDisplay(doc, now, want) {
  const keys = /** @type {(keyof LinkDisplay)[]} */ (['showTest', 'discretize', 'colorBlind', 'speed', 'showAugmented', 'showDeltas']);
  if (keys.every((key) => now[key] === want[key])) return;
  const box = (/** @type {string} */ id, /** @type {boolean} */ on) => {
    byId(doc, id, HTMLInputElement).checked = on;
  };
  box('show-test', want.showTest);
  box('discretize', want.discretize);
  box('color-blind', want.colorBlind);
  box('show-augmented', want.showAugmented);
  box('show-deltas', want.showDeltas);
  const speed = byId(doc, 'speed', HTMLSelectElement);
  if (!Array.from(speed.options).some((o) => Number(o.value) === want.speed)) {
    const option = new Option(`${(want.speed * 60).toLocaleString('en')} epochs/s`, String(want.speed));
    const after = Array.from(speed.options).find((o) => Number(o.value) > want.speed);
    speed.add(option, after ?? null);
  }
  speed.value = String(want.speed);
  speed.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * The toolbar's menus close like menus: on Escape (focus back on their
 * button) and on a click anywhere else.
 * @param {Root} doc
 */
function closeMenusLikeMenus(doc) {
  const menus = /** @type {HTMLDetailsElement[]} */ (Array.from(doc.querySelectorAll('.toolbar details.menu')));
  doc.addEventListener('keydown', (event) => {
    if (!(event instanceof KeyboardEvent) || event.key !== 'Escape') return;
    for (const m of menus) {
      if (!m.open) continue;
      m.open = false;
      m.querySelector('summary')?.focus();
    }
  });
  doc.addEventListener('click', (event) => {
    for (const m of menus) if (m.open && !m.contains(/** @type {Node} */ (event.target))) m.open = false;
  });
}

/**
 * @param {Root} doc
 * @param {LinkStore} store
 * @param {LinkHost} host
 * @returns {Links}
 */
export function createLinks(doc, store, host) {
  const { core, state } = host;
  const banner = byId(doc, 'link-warnings', HTMLElement);
  const dismiss = byId(doc, 'link-warnings-dismiss', HTMLButtonElement);
  const seed = byId(doc, 'seed', HTMLInputElement);

  /** @type {[string, string][]} names the page's embed mode owns, kept as they came */
  let pageOptions = [];
  /** @type {string | null} */
  let lesson = null;
  /** Weights the run started from (a link, a model file), or null for the seed's. */
  /** @type {number[] | null} */
  let startWeights = null;
  /** The config those weights belong to, as a link. */
  let startKey = '';
  /** While a hash is being applied, the changes it makes are not new history entries. */
  let following = false;
  /** `#bench=…` is the benchmark's; the link leaves that page alone. */
  let benchmark = false;

  /** @returns {LinkDisplay} */
  function display() {
    return {
      showTest: state.display.showTest,
      discretize: state.display.discretize,
      colorBlind: state.palette === 'colorBlind',
      speed: state.epochsPerFrame,
      showAugmented: state.display.showAugmented,
      showDeltas: state.display.showDeltas,
      ...host.surface.get(),
    };
  }

  /** @param {Config} config  the config alone, as a link: what start weights belong to */
  const configKey = (config) => core.encodeLink({ config });

  /**
   * The link of the page as it is (without '#').
   * @param {number[] | null} weights
   */
  function linkOf(weights) {
    return core.encodeLink({ config: state.config, display: display(), lesson, pageOptions, weights, race: host.race() });
  }

  /** The lesson's caption, with the settings changed from the lesson's. */
  function showLesson() {
    host.showLesson(lesson, lesson === null ? [] : core.lessonChanges({ config: state.config, lesson }));
  }

  /** @param {'push' | 'replace'} how */
  function write(how) {
    if (benchmark) return;
    const hash = `#${linkOf(startWeights)}`;
    if (hash === store.read()) return;
    store.write(hash, how);
    seed.value = String(state.config.seed);
  }

  /** @param {number[] | null} weights */
  function setWeights(weights) {
    startWeights = weights;
    startKey = configKey(state.config);
    if (weights) change(state, 'setFlatWeights', weights);
    host.redraw();
  }

  /**
   * Applies a decoded link: config, display, weights, lesson, warnings.
   * @param {DecodedLink} decoded
   * @param {boolean} [restart]  rebuild the run even when its settings are the same
   * @param {'push' | 'replace'} [how]  how the hash records it
   */
  function follow(decoded, restart = false, how = 'replace') {
    const { state: want, warnings } = decoded;
    benchmark = want.pageOptions.some(([name]) => name === 'bench');
    following = true;
    try {
      pageOptions = want.pageOptions;
      lesson = want.lesson;
      const same = configKey(want.config) === configKey(state.config);
      // Same settings keep the running network, unless weights come or go.
      if (restart || !same || want.weights !== null || startWeights !== null) {
        host.apply(want.config);
        startWeights = null;
      }
      applyDisplay(doc, display(), want.display);
      host.surface.set(want.display);
      if (want.weights !== null) setWeights(want.weights);
      // After the run: the lanes are checked against its settings.
      if (JSON.stringify(want.race) !== JSON.stringify(host.race())) host.setRace(want.race);
      showWarnings(doc, warnings);
      showLesson();
    } finally {
      following = false;
    }
    // The hash now reads as the page writes it.
    write(how);
  }

  function onHashChange() {
    const decoded = core.decodeLink(store.read());
    if (decoded.state.pageOptions.some(([name]) => name === 'bench')) {
      benchmark = true; // main.js loads the benchmark
      return;
    }
    if (decoded.warnings.length === 0 && `#${linkOf(startWeights)}` === store.read()) return;
    follow(decoded);
  }

  createShareMenu(doc, store, { core, state, apply: host.apply, linkOf: (weights) => linkOf(weights ?? startWeights) });

  dismiss.addEventListener('click', () => { banner.hidden = true; });

  closeMenusLikeMenus(doc);
  store.listen(onHashChange);

  return {
    start(decoded) {
      follow(decoded);
    },
    choose(decoded) {
      follow(decoded, true, 'push');
    },
    changed() {
      if (following) return;
      if (startWeights && configKey(state.config) !== startKey) startWeights = null;
      write('push');
      if (lesson !== null) showLesson();
    },
    afterReset() {
      if (startWeights && configKey(state.config) === startKey) setWeights(startWeights);
    },
    startFrom(weights) {
      setWeights(Array.from(weights));
      write('replace');
    },
    setLesson(id) {
      lesson = id;
      write('replace');
    },
    startWeights: () => startWeights,
    shareable() {
      const kept = pageOptions.filter(([name]) => !EMBED_MODE_NAMES.includes(name));
      return core.encodeLink({ config: state.config, display: display(), lesson, pageOptions: kept, weights: startWeights });
    },
  };
}
