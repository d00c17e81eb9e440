// @ts-check
// The page's elements: found by id, of the type the code expects (or a clear
// error naming what is missing), and made with their class and text.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @template {Element} T
 * @param {Document} doc
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
 * @param {Document} doc
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function html(doc, tag, className, text) {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * A new SVG element with its class.
 * @template {keyof SVGElementTagNameMap} K
 * @param {Document} doc
 * @param {K} tag
 * @param {string} [className]
 * @returns {SVGElementTagNameMap[K]}
 */
export function svg(doc, tag, className) {
  const el = /** @type {SVGElementTagNameMap[K]} */ (doc.createElementNS(SVG_NS, tag));
  if (className) el.setAttribute('class', className);
  return el;
}

/**
 * A box for a typed number: text (so that the page, not the browser, says
 * what is wrong with it), a decimal keypad on phones, no autocomplete and no
 * spell checking.
 * @param {Document} doc
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
