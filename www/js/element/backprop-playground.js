// @ts-check
// <backprop-playground>: the playground as a custom element, for any page, slide
// deck or course site. Its attributes are a link's fields in kebab-case
// (attributes.js), read by the core's link codec with the same warnings as a
// link, shown inside it; `show` and `autoplay` are the embed mode's. In its
// shadow root it is the embed of the iframe (app/embed.js) mounted by the
// same code as the page (app/mount.js), from index.html's own markup and
// stylesheets (assets.js), sized by its box rather than a window. Each
// element runs its own engine in its own worker; it starts when it is first
// shown and trains only while it is shown (shown.js). Removed from the page,
// it ends its workers; put back, it starts again with the settings it had.
// Its presenter keys work while it has the focus, and Escape gives the focus
// back to the page.
//
//   properties  config (get/set), link (read), stats (read), ready (a Promise)
//   methods     play(), pause(), step(), reset()
//   events      ready, epoch, stopped {reason, message, epoch}, diverged, change

import { loadCore } from '../app/core.js';
import { play, reset } from '../app/handlers.js';
import { memoryStore } from '../app/link-store.js';
import { mountPlayground } from '../app/mount.js';
import { scriptingApi } from '../app/scripting.js';
import { FRAME_CLASS } from '../lib/dom.js';
import { loadAssets } from './assets.js';
import { attributeNames, linkFields, linkOfAttributes } from './attributes.js';
import { watchShown } from './shown.js';

/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../app/page.js').Page} Page */
/** @typedef {import('./attributes.js').LinkFields} LinkFields */

export const TAG = 'backprop-playground';

/**
 * The core and the link's names, once loaded: the element is defined then
 * (`customElements.whenDefined`), as its attributes are the core's names.
 */
let core = /** @type {CoreModule} */ (/** @type {unknown} */ (null));
let FIELDS = /** @type {LinkFields} */ ({ names: [], flags: new Set() });
/** @type {readonly string[]} */
let ATTRIBUTES = [];

/**
 * The element's own box, before and after it starts: `.bp-viewport` stands
 * for the window (the page's stylesheets' @media and vh are read against
 * it: shadow-css.js), `.bp-root` for <html> and <body>.
 */
const BOX = new CSSStyleSheet();
BOX.replaceSync(`
:host { display: block; aspect-ratio: 16 / 9; }
.bp-viewport {
  /* Nothing the host page's rules give the element (its font, colour, line
     height…) reaches in; its --bp-… custom properties do. */
  all: initial;
  display: block;
  width: 100%;
  height: 100%;
  /* 16:9 where the host page gives no height, even where its rules undo
     the :host one (a global all: unset). */
  aspect-ratio: 16 / 9;
  container-type: size;
  /* A box of its own: floating messages are fixed to it, nothing is drawn outside. */
  contain: strict;
}
.bp-root { height: 100%; overflow: hidden; }
`);

/** The playground page a link opens: index.html, or what a bundle names. */
const PAGE = globalThis.backpropPlaygroundPageUrl ?? new URL('../../index.html', import.meta.url).href;

export class BackpropPlayground extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  /** @type {ShadowRoot} */
  #shadow;
  /** @type {Page | null} */
  #page = null;
  /** @type {import('../app/link-store.js').MemoryStore | null} */
  #store = null;
  /** @type {{ stop: () => void } | null} */
  #watch = null;
  #booting = false;
  #shown = false;
  /** Training was asked for (play(), autoplay, or it was playing when hidden) and waits to be shown. */
  #wantsPlay = false;
  #attributesPending = false;
  #epoch = -1;
  /** @type {string | null} */
  #stop = null;
  #resolveReady = () => {};
  /** Resolves, to the element, when it has started (it starts when it is first shown); removed from the page, a new one for when it starts again. */
  ready = new Promise((resolve) => {
    this.#resolveReady = () => resolve(this);
  });
  /** The link of its settings when it last said they changed. */
  #said = '';

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.adoptedStyleSheets = [BOX];
    this.addEventListener('keydown', (event) => this.#onKey(event));
    // The host page's own keys (a deck's) wait while the element has the focus.
    this.addEventListener('keypress', (event) => event.stopPropagation());
  }

  connectedCallback() {
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    if (!this.hasAttribute('role')) this.setAttribute('role', 'group');
    if (!this.hasAttribute('aria-label')) this.setAttribute('aria-label', 'Backprop Playground: a neural network learning by gradient descent');
    this.#watch ??= watchShown(this, (shown) => this.#onShown(shown));
  }

  disconnectedCallback() {
    this.#watch?.stop();
    this.#watch = null;
    this.#onShown(false);
    // Moved (taken out and put back in one go), it goes on; removed, it
    // ends its workers and frames once the host page's task is over.
    setTimeout(() => {
      if (!this.isConnected) this.#close();
    });
  }

  attributeChangedCallback() {
    if (!this.#store || this.#attributesPending) return;
    // Several attributes set in a row are one change.
    this.#attributesPending = true;
    queueMicrotask(() => {
      this.#attributesPending = false;
      this.#store?.set(`#${this.#link()}`);
      this.#changed();
    });
  }

  /** The running config; before the element starts, the one its attributes give. @type {Config} */
  get config() {
    if (this.#page) return structuredClone(this.#page.state.config);
    // Removed after it ran: the settings it had, which it starts again from.
    const link = this.#store ? this.#store.read().replace(/^#/, '') : this.#link();
    return core.decodeLink(link).state.config;
  }

  /** Makes `config` the running one (missing fields take the core's defaults); throws the core's refusal. */
  set config(config) {
    if (!this.#page) {
      this.ready.then(() => { this.config = config; });
      return;
    }
    const refusal = this.#page.apply(config, true);
    if (refusal !== null) throw new Error(refusal);
  }

  /** The address of the playground page with this run's link: it opens the same run. */
  get link() {
    const hash = this.#page ? this.#page.links.shareable() : core.encodeLink({ config: this.config });
    return `${PAGE}#${hash}`;
  }

  /** Whether it trains now. */
  get playing() {
    return this.#page?.state.playing ?? false;
  }

  /** The latest training report (epoch, losses, accuracies, η, why it stopped), or null before it starts. */
  get stats() {
    return this.#page ? { ...this.#page.state.stats } : null;
  }

  /** Starts training, at once if the element is shown, else when it is. */
  play() {
    this.#wantsPlay = true;
    this.#follow();
  }

  pause() {
    this.#wantsPlay = false;
    this.#page?.loop.pause();
  }

  /** Pauses and trains one epoch. */
  step() {
    this.#wantsPlay = false;
    void this.ready.then(() => this.#page?.loop.stepOnce());
  }

  /** Back to epoch 0: the same initial weights, the same run. */
  reset() {
    this.#wantsPlay = false;
    void this.ready.then(() => {
      if (this.#page) reset(this.#page);
    });
  }

  /** The link the attributes make (without '#'). */
  #link() {
    return linkOfAttributes(this.attributes, FIELDS);
  }

  /** @param {boolean} shown */
  #onShown(shown) {
    if (shown === this.#shown) return;
    this.#shown = shown;
    if (shown && !this.#page) {
      void this.#boot();
      return;
    }
    if (!shown && this.#page?.state.playing) {
      // Trains again when shown.
      this.#wantsPlay = true;
      this.#page.loop.pause();
    }
    this.#follow();
  }

  /**
   * Ends the running playground: its workers, its frames and its shadow
   * content. Its settings stay (the store's link); put back in a page, it
   * starts again from them when shown, training if it was.
   */
  #close() {
    const page = this.#page;
    if (!page) return;
    this.#page = null;
    this.#shown = false;
    this.#booting = false;
    // What waits for it (a config set meanwhile) waits for it to start again.
    this.ready = new Promise((resolve) => {
      this.#resolveReady = () => resolve(this);
    });
    page.close();
    this.#shadow.replaceChildren();
  }

  /** Trains while it is shown and training is wanted. */
  #follow() {
    const page = this.#page;
    if (!page || !this.#shown || !this.#wantsPlay) return;
    this.#wantsPlay = false;
    play(page);
  }

  async #boot() {
    if (this.#booting) return;
    this.#booting = true;
    try {
      const assets = await loadAssets();
      this.#shadow.adoptedStyleSheets = [...assets.sheets, BOX];
      const viewport = document.createElement('div');
      viewport.className = 'bp-viewport';
      const frame = document.createElement('div');
      frame.className = FRAME_CLASS;
      frame.append(assets.markup.cloneNode(true));
      viewport.append(frame);
      this.#shadow.replaceChildren(viewport);
      // Put back after it was removed, it goes on with the settings it had
      // (in a store of its own: the old one's listeners are the closed page's).
      this.#store = memoryStore(this.#store?.read() ?? `#${this.#link()}`, PAGE, () => this.#changed());
      const page = await mountPlayground(this.#shadow, {
        store: this.#store,
        keys: this,
        fullscreen: this,
        holdPlay: true,
        rendered: (p) => this.#rendered(p),
      });
      this.#page = page;
      this.#said = page.links.shareable();
      if (page.autoplay) this.#wantsPlay = true;
      frame.dataset.ready = 'true';
      this.#resolveReady();
      this.dispatchEvent(new CustomEvent('ready'));
      if (!this.isConnected) this.#close();
      this.#follow();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const slot = this.#shadow.getElementById('page-msg');
      if (slot) {
        slot.textContent = `The playground could not start: ${message}`;
        slot.classList.add('is-visible');
      } else {
        this.#shadow.textContent = `The playground could not start: ${message}`;
      }
      console.error(err);
    }
  }

  /** The run was drawn: the events its report calls for. @param {Page} page */
  #rendered(page) {
    const { stats } = page.state;
    if (stats.epoch !== this.#epoch) {
      this.#epoch = stats.epoch;
      const { epoch, trainLoss, testLoss, trainAccuracy, testAccuracy } = stats;
      this.dispatchEvent(new CustomEvent('epoch', { detail: { epoch, trainLoss, testLoss, trainAccuracy, testAccuracy } }));
    }
    const stop = stats.stopped;
    const key = stop ? `${stop.kind}@${stats.epoch}` : null;
    if (stop && key !== this.#stop) {
      const detail = { reason: stop.kind, message: stop.message, epoch: stats.epoch };
      this.dispatchEvent(new CustomEvent('stopped', { detail }));
      if (stop.kind === 'diverged') this.dispatchEvent(new CustomEvent('diverged', { detail }));
    }
    this.#stop = key;
  }

  /**
   * The playground wrote its link, or followed the attributes: a `change`
   * event when its settings are not the ones it last said.
   */
  #changed() {
    const page = this.#page;
    if (!page) return; // its first link, while it starts
    const link = page.links.shareable();
    if (link === this.#said) return;
    this.#said = link;
    this.dispatchEvent(new CustomEvent('change', { detail: { config: structuredClone(page.state.config), link: `${PAGE}#${link}` } }));
  }

  /**
   * Keys pressed in the element stay in it (its presenter keys are installed
   * on it by the mount); Escape, unless something inside took it (a menu, the
   * weight editor), gives the focus back to the page, whose keys work again.
   * @param {Event} event
   */
  #onKey(event) {
    if (!(event instanceof KeyboardEvent)) return;
    event.stopPropagation();
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    const inner = this.#shadow.activeElement;
    if (inner instanceof HTMLElement) inner.blur();
    this.blur();
  }

  /** For tests and scripts: the page's `window.__bp`, for this element. */
  get scripting() {
    return this.#page ? scriptingApi(this.#page) : null;
  }
}

/** Resolves once the element is defined. */
export const defined = loadCore().then((loaded) => {
  core = loaded.core;
  const schema = core.schema();
  FIELDS = linkFields(core.linkNames(), [...schema.settings, ...schema.display]);
  ATTRIBUTES = Object.freeze(attributeNames(FIELDS));
  if (!customElements.get(TAG)) customElements.define(TAG, BackpropPlayground);
});
defined.catch((err) => console.error(`<${TAG}> could not be defined:`, err));
