// @ts-check
// What an element's shadow root holds: index.html's markup (what is inside
// its <body>) and its stylesheets, read for a shadow root (shadow-css.js).
// One source: the element takes them from index.html itself — fetched,
// beside this module's folder, from the sources; handed over by the bundles
// (`globalThis.backpropPlaygroundPage`, xtask/src/element.rs), which read the
// same files when they are built. Loaded once per page, shared by every
// element on it.

import { shadowCss } from './shadow-css.js';

/**
 * index.html and the stylesheets it links, as text.
 * @typedef {object} PageFiles
 * @property {string} html  index.html
 * @property {Record<string, string>} styles  each stylesheet's text by its href in index.html
 */

/**
 * @typedef {object} Assets
 * @property {DocumentFragment} markup  index.html's body, less what only the page runs
 * @property {CSSStyleSheet[]} sheets   its stylesheets, in order, for a shadow root
 */

/** @type {Promise<Assets> | null} */
let loading = null;

/** @returns {Promise<Assets>} */
export function loadAssets() {
  loading ??= pageFiles().then(assetsOf);
  return loading;
}

/**
 * index.html and its stylesheets: bundled, or fetched from the sources.
 * @returns {Promise<PageFiles>}
 */
async function pageFiles() {
  const bundled = globalThis.backpropPlaygroundPage;
  if (bundled) return bundled;
  const index = new URL('../../index.html', import.meta.url); // dist: unreachable in the bundles
  const html = await text(index);
  /** @type {Record<string, string>} */
  const styles = {};
  await Promise.all(stylesheetsOf(parse(html)).map(async (href) => {
    styles[href] = await text(new URL(href, index));
  }));
  return { html, styles };
}

/** @param {URL} url */
async function text(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return response.text();
}

/** @param {string} html */
function parse(html) {
  return new DOMParser().parseFromString(html, 'text/html');
}

/**
 * The stylesheets a page links, in order.
 * @param {Document} page
 */
function stylesheetsOf(page) {
  return Array.from(page.querySelectorAll('link[rel~="stylesheet"]'), (link) => link.getAttribute('href') ?? '');
}

/**
 * @param {PageFiles} files
 * @returns {Assets}
 */
function assetsOf(files) {
  const page = parse(files.html);
  const markup = document.createDocumentFragment();
  for (const node of Array.from(page.body.childNodes)) {
    if (node instanceof Element && node.matches('script, noscript')) continue;
    markup.append(document.importNode(node, true));
  }
  const sheets = stylesheetsOf(page).map((href) => {
    const css = files.styles[href];
    if (css === undefined) throw new Error(`index.html links ${href}, which was not loaded`);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(shadowCss(css));
    return sheet;
  });
  return { markup, sheets };
}
