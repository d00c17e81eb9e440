// @ts-check
// The page's elements: found by id, of the type the code expects (or a clear
// error naming what is missing), and made with their class and text. The
// playground lives in a root: the page's Document, or the shadow root of a
// <backprop-playground> element (js/element/), where an element stands for
// <html> (`frameOf`) and for <body> (`bodyOf`).

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Where the playground's elements live: the page, or an element's shadow root.
 * @typedef {Document | ShadowRoot} Root
 */

/** The class of the element that stands for <html> and <body> in a shadow root. */
export const FRAME_CLASS = 'bp-root';

/**
 * The document of a root (a shadow root's is the page's).
 * @param {Root} root
 * @returns {Document}
 */
export function documentOf(root) {
  return root instanceof Document ? root : root.ownerDocument;
}

/**
 * The element that stands for <html> where `node` lives: the one that carries
 * the page's state attributes (`data-embed`, `data-palette`, …) which the
 * stylesheets read. In a shadow root, its `.bp-root`.
 * @param {Root | Element} node
 * @returns {HTMLElement}
 */
export function frameOf(node) {
  const root = node instanceof Element ? node.getRootNode() : node;
  const frame = root instanceof ShadowRoot ? root.querySelector(`.${FRAME_CLASS}`) : null;
  if (frame instanceof HTMLElement) return frame;
  return root instanceof Document ? root.documentElement : /** @type {Document} */ (node.ownerDocument).documentElement;
}

/**
 * Where floating notices and helpers go: the page's <body>, or a shadow
 * root's `.bp-root`.
 * @param {Root} root
 * @returns {HTMLElement}
 */
export function bodyOf(root) {
  return root instanceof Document ? root.body : frameOf(root);
}

/**
 * @template {Element} T
 * @param {Root} doc
 * @param {string} id
 * @param {new (...args: any[]) => T} type
 * @returns {T}
 */
export function byId(doc, id, type) {
  const el = doc.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing or not a ${type.name}`);
  return el;
}

/**
 * A new HTML element with its class and text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {Root} doc
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function html(doc, tag, className, text) {
  const el = documentOf(doc).createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * A new SVG element with its class.
 * @template {keyof SVGElementTagNameMap} K
 * @param {Root} doc
 * @param {K} tag
 * @param {string} [className]
 * @returns {SVGElementTagNameMap[K]}
 */
export function svg(doc, tag, className) {
  const el = /** @type {SVGElementTagNameMap[K]} */ (documentOf(doc).createElementNS(SVG_NS, tag));
  if (className) el.setAttribute('class', className);
  return el;
}

/**
 * A box for a typed number: text (so that the page, not the browser, says
 * what is wrong with it), a decimal keypad on phones, no autocomplete and no
 * spell checking.
 * @param {Root} doc
 * @param {string} [className]
 * @returns {HTMLInputElement}
 */
export function numberBox(doc, className) {
  const input = html(doc, 'input', className);
  input.type = 'text';
  input.inputMode = 'decimal';
  input.autocomplete = 'off';
  input.spellcheck = false;
  return input;
}

/** How many times each document's fonts finished loading, counted from the first question. */
const fontLoads = new WeakMap();

/**
 * A number that changes whenever `doc`'s fonts finish loading: a width of
 * text measured under another number may be out of date.
 * @param {Document} doc
 * @returns {number}
 */
export function fontGeneration(doc) {
  let count = fontLoads.get(doc);
  if (count === undefined) {
    count = 0;
    fontLoads.set(doc, count);
    doc.fonts?.addEventListener('loadingdone', () => fontLoads.set(doc, (fontLoads.get(doc) ?? 0) + 1));
  }
  return count;
}
