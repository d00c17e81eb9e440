// @ts-check
// The "Embed code" chooser: pick the panels, the size and autoplay, and copy an
// <iframe> snippet that shows the current run (the page's own link, whose hash
// holds the settings) in embed mode.

import { byId, html } from '../lib/dom.js';
import { DEFAULT_SHOW, PANELS } from './embed.js';

/** @typedef {import('../lib/dom.js').Root} Root */

/** Hash names the chooser sets; every other name of the hash is kept as it is. */
const EMBED_NAMES = Object.freeze(['embed', 'show', 'autoplay']);

/**
 * An iframe's size: fixed CSS pixels, or the whole width of its container at
 * an aspect ratio (what a slide deck needs: reveal.js scales its slides and
 * caps an iframe at 95 % of the slide, which cuts a fixed height off).
 * @typedef {{ kind: 'fixed', width: number, height: number } | { kind: 'fit', ratio: [number, number] }} EmbedSize
 */

/** The sizes offered, by the value of their radio button; the first is the default. */
export const SIZES = /** @type {Readonly<Record<string, EmbedSize>>} */ (Object.freeze({
  'fit-16x9': { kind: 'fit', ratio: [16, 9] },
  'fit-4x3': { kind: 'fit', ratio: [4, 3] },
  '960x540': { kind: 'fixed', width: 960, height: 540 },
  '1280x720': { kind: 'fixed', width: 1280, height: 720 },
}));

/** The size a chooser value names, the default for anything else. @param {unknown} value */
export function sizeOf(value) {
  return (typeof value === 'string' && Object.hasOwn(SIZES, value)) ? SIZES[value] : SIZES['fit-16x9'];
}

/**
 * Escapes text for an HTML attribute value in double quotes (and for text).
 * @param {string} text
 */
export function escapeHtml(text) {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * The page's address in embed mode: `href` without its hash, then the hash's
 * own `name=value` pairs verbatim (less any earlier embed options), then
 * `embed=1&show=…` and `autoplay=1` when asked.
 * @param {string} href  the page's address, with or without a hash
 * @param {string[]} show  panel names
 * @param {boolean} autoplay
 */
export function embedUrl(href, show, autoplay) {
  const at = href.indexOf('#');
  const base = at < 0 ? href : href.slice(0, at);
  const hash = at < 0 ? '' : href.slice(at + 1);
  const kept = hash.split('&').filter((pair) => {
    if (pair === '') return false;
    const name = pair.split('=', 1)[0];
    let decoded = name;
    try { decoded = decodeURIComponent(name); } catch { /* kept as written */ }
    return !EMBED_NAMES.includes(decoded);
  });
  kept.push('embed=1');
  if (show.length > 0) kept.push(`show=${show.join(',')}`);
  if (autoplay) kept.push('autoplay=1');
  return `${base}#${kept.join('&')}`;
}

/**
 * The <iframe> element, as HTML, for `src` at `size`: fixed width and height
 * attributes, or (to fit) the container's whole width and a height from the
 * aspect ratio, as one inline style that needs nothing from the host page.
 * @param {string} src
 * @param {EmbedSize} size
 */
export function iframeSnippet(src, size) {
  const box = size.kind === 'fixed'
    ? `width="${size.width}" height="${size.height}" style="border:0"`
    : `style="display:block;width:100%;height:auto;aspect-ratio:${size.ratio[0]}/${size.ratio[1]};border:0"`;
  return `<iframe src="${escapeHtml(src)}" ${box} `
    + 'title="Backprop Playground: a neural network learning by gradient descent" '
    + 'allow="fullscreen" allowfullscreen loading="lazy"></iframe>';
}

/**
 * Wires the chooser: `#embed-open` opens `#embed-dialog`, whose choices rewrite
 * the snippet at once; Copy puts it on the clipboard.
 * @param {Root} doc
 * @param {() => string} href  the page's address now, with its link
 */
export function createEmbedCode(doc, href) {
  const open = byId(doc, 'embed-open', HTMLButtonElement);
  const dialog = byId(doc, 'embed-dialog', HTMLDialogElement);
  const form = byId(doc, 'embed-form', HTMLFormElement);
  const panels = byId(doc, 'embed-panels', HTMLFieldSetElement);
  const autoplay = byId(doc, 'embed-autoplay', HTMLInputElement);
  const code = byId(doc, 'embed-code', HTMLTextAreaElement);
  const copy = byId(doc, 'embed-copy', HTMLButtonElement);
  const preview = byId(doc, 'embed-preview', HTMLAnchorElement);
  const status = byId(doc, 'embed-copy-status', HTMLElement);
  const local = byId(doc, 'embed-local', HTMLElement);

  for (const [name, panel] of Object.entries(PANELS)) {
    const label = html(doc, 'label', 'check');
    label.title = `Show the ${panel.label.charAt(0).toLowerCase()}${panel.label.slice(1)} in the embed`;
    const box = html(doc, 'input');
    box.type = 'checkbox';
    box.name = 'embedPanel';
    box.value = name;
    box.checked = DEFAULT_SHOW.includes(name);
    label.append(box, ` ${panel.label}`);
    panels.append(label);
  }

  /** The snippet for the page as it is now and the choices made. */
  function refresh() {
    const show = Array.from(panels.querySelectorAll('input:checked')).map((el) => /** @type {HTMLInputElement} */ (el).value);
    const src = embedUrl(href(), show, autoplay.checked);
    code.value = iframeSnippet(src, sizeOf(new FormData(form).get('embedSize')));
    preview.href = src;
    status.textContent = show.length === 0 ? 'Pick at least one panel: with none the embed shows the default ones.' : '';
    local.hidden = !src.startsWith('file:');
  }

  open.addEventListener('click', () => {
    refresh();
    dialog.showModal();
    code.focus();
    code.select();
  });
  form.addEventListener('change', refresh);
  copy.addEventListener('click', async () => {
    refresh();
    try {
      await navigator.clipboard.writeText(code.value);
      status.textContent = 'Copied: paste it into your slide or page.';
    } catch {
      code.focus();
      code.select();
      status.textContent = 'The browser did not let the page copy: the code is selected, press Ctrl+C (⌘C on a Mac).';
    }
  });
}
