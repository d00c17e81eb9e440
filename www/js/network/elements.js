// @ts-check
// Making the network view's elements: an HTML or SVG element of a document,
// with its class.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {Document} doc
 * @param {K} tag
 * @param {string} [className]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function html(doc, tag, className) {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  return el;
}

/**
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
