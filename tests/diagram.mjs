// Readers for the network view's picture (www/js/network/paint.js): what the
// last paint drew (`window.__bp.diagram()`) and the pixels themselves, of the
// picture over the links' layer (links-layer.js), so tests check what people
// see rather than what the code meant to draw; and the links, which have no
// elements, found on their curves and through the weights' listbox.

import { linkAt } from '../www/js/network/layout.js';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('../www/js/network/network.js').DiagramSnapshot} DiagramSnapshot */

/**
 * @param {Page} page
 * @returns {Promise<DiagramSnapshot>}
 */
export async function diagram(page) {
  const snapshot = await page.evaluate(() => window.__bp?.diagram());
  if (!snapshot) throw new Error('window.__bp.diagram() is missing');
  return snapshot;
}

/**
 * RGBA pixels of the diagram in a box given in CSS pixels of the view's
 * content (as the snapshot gives positions), at device resolution: what
 * people see, the picture (`.nv-canvas`: nodes, biases, gauges) over the
 * links' layer, or one of the two. The links' layer may be painted by a
 * worker, so the page reads it through `window.__bp.linkPixels`, after every
 * paint asked for so far.
 * @param {Page} page
 * @param {{ x: number, y: number, width: number, height: number }} box
 * @param {'both' | 'picture' | 'links'} [layer]
 * @returns {Promise<{ width: number, height: number, data: number[], at: (x: number, y: number) => number[] }>}
 */
export async function canvasPixels(page, box, layer = 'both') {
  const read = await page.evaluate(async ({ b, layer }) => {
    const bp = /** @type {NonNullable<typeof window.__bp>} */ (window.__bp);
    const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('.nv-canvas'));
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    const ratio = bp.diagram().ratio;
    const x = Math.floor(b.x * ratio);
    const y = Math.floor(b.y * ratio);
    const width = Math.max(1, Math.ceil((b.x + b.width) * ratio) - x);
    const height = Math.max(1, Math.ceil((b.y + b.height) * ratio) - y);
    const links = layer === 'picture' ? null : await bp.linkPixels({ x, y, width, height });
    const picture = layer === 'links' ? null : Array.from(ctx.getImageData(x, y, width, height).data);
    return { x, y, width, height, ratio, picture, links };
  }, { b: box, layer });
  const data = read.picture && read.links ? over(read.picture, read.links) : read.picture ?? read.links ?? [];
  return {
    width: read.width,
    height: read.height,
    data,
    /** the pixel at CSS position (x, y) of the content */
    at(x, y) {
      const px = Math.floor(x * read.ratio) - read.x;
      const py = Math.floor(y * read.ratio) - read.y;
      const k = 4 * (py * read.width + px);
      return data.slice(k, k + 4);
    },
  };
}

/**
 * RGBA pixels `top` composited over `bottom` (source-over, unpremultiplied),
 * as the browser stacks the two canvases.
 * @param {number[]} top
 * @param {number[]} bottom
 */
export function over(top, bottom) {
  const out = new Array(top.length);
  for (let k = 0; k < top.length; k += 4) {
    const a = top[k + 3] / 255;
    const b = (bottom[k + 3] / 255) * (1 - a);
    const alpha = a + b;
    for (let c = 0; c < 3; c += 1) out[k + c] = alpha > 0 ? Math.round((top[k + c] * a + bottom[k + c] * b) / alpha) : 0;
    out[k + 3] = Math.round(alpha * 255);
  }
  return out;
}

/**
 * A CSS colour as the page paints it ("rgb(8 119 189)") in numbers.
 * @param {string} colour
 */
export function rgb(colour) {
  const parts = colour.match(/[\d.]+/g)?.map(Number) ?? [];
  if (parts.length < 3) throw new Error(`not an rgb() colour: ${colour}`);
  return parts.slice(0, 3);
}

/**
 * A colour property of the network view (`--nv-…`, #rrggbb or rgb()) as
 * numbers r, g, b.
 * @param {Page} page
 * @param {string} name
 */
export async function viewColour(page, name) {
  const value = await page.evaluate((n) => getComputedStyle(/** @type {Element} */ (document.querySelector('.nv-content'))).getPropertyValue(n).trim(), name);
  const hex = value.match(/^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i);
  return hex ? hex.slice(1).map((h) => parseInt(h, 16)) : rgb(value);
}

/**
 * Largest difference between two colours over r, g, b.
 * @param {number[]} a
 * @param {number[]} b
 */
export function colourDistance(a, b) {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

/**
 * How thick a link is drawn where it crosses the vertical through its middle,
 * in CSS pixels: the run of painted pixels through the curve's midpoint. At
 * t = ½ a link's cubic (control points at the middle x) runs at slope
 * 2(y₂ − y₁)/(x₂ − x₁), so a stroke of width w is w·√(1 + slope²) tall there.
 * @param {Page} page
 * @param {DiagramSnapshot['links'][number]} link
 * @returns {Promise<{ drawn: number, expected: number }>}
 */
export async function linkThickness(page, link) {
  const mid = { x: (link.x1 + link.x2) / 2, y: (link.y1 + link.y2) / 2 };
  const reach = 12;
  const column = await canvasPixels(page, { x: mid.x, y: mid.y - reach, width: 0.01, height: 2 * reach });
  const painted = (/** @type {number} */ row) => column.data[4 * row * column.width + 3] >= 64;
  const centre = Math.floor(column.height / 2);
  let top = centre;
  let bottom = centre;
  if (painted(centre)) {
    while (top > 0 && painted(top - 1)) top -= 1;
    while (bottom < column.height - 1 && painted(bottom + 1)) bottom += 1;
  }
  const ratio = column.height / (2 * reach);
  const slope = (2 * (link.y2 - link.y1)) / (link.x2 - link.x1);
  return {
    drawn: painted(centre) ? (bottom - top + 1) / ratio : 0,
    expected: link.width * Math.sqrt(1 + slope * slope),
  };
}

/**
 * How far a node's |δ| gauge is filled, in CSS pixels: the pixels in the
 * fill colour along the middle of the bar (4px tall, 1px inside the
 * node's border, ringed by 1px), against what the snapshot says it drew.
 * @param {Page} page
 * @param {number} node  core node index of a hidden or output node
 * @returns {Promise<{ drawn: number, expected: number | null }>}
 */
export async function gaugeFill(page, node) {
  const snap = await diagram(page);
  const k = snap.nodes.findIndex((n) => n.node === node);
  if (k < 0) throw new Error(`node ${node} is not painted`);
  const { left, top, size } = snap.nodes[k];
  const fill = await viewColour(page, '--nv-gauge-fill');
  const bar = await canvasPixels(page, { x: left + 2, y: top + 4, width: size - 4, height: 0.5 });
  // Pixels mostly covered by the fill (the bar's round ends and the fill's end are antialiased).
  let covered = 0;
  for (let x = 0; x < bar.width; x += 1) if (colourDistance(bar.data.slice(4 * x, 4 * x + 3), fill) <= 48) covered += 1;
  const fraction = snap.gauges?.[k];
  return { drawn: covered / snap.ratio, expected: fraction === undefined ? null : fraction * (size - 4) };
}

/**
 * How many links the diagram has whose name ("l,i,j") starts with `prefix`.
 * @param {Page} page
 * @param {string} [prefix]
 */
export async function linkCount(page, prefix = '') {
  return (await diagram(page)).links.filter((l) => l.link.startsWith(prefix)).length;
}

/**
 * A point of the page on the curve of link `name` ("l,i,j") where no other
 * link is nearer (links have no elements: the page finds the one under the
 * pointer by its curve, www/js/network/layout.js `linkAt`, which this uses
 * to choose the point). Scrolls the diagram into view first.
 * @param {Page} page
 * @param {string} name
 */
export async function linkPoint(page, name) {
  await page.locator('.nv-content').scrollIntoViewIfNeeded();
  const { links } = await diagram(page);
  const k = links.findIndex((l) => l.link === name);
  if (k < 0) throw new Error(`no link ${name}`);
  const ends = Float32Array.from(links.flatMap((l) => [l.x1, l.y1, l.x2, l.y2]));
  const { x1, y1, x2, y2 } = links[k];
  // Along the curve from its middle outwards (the ends are under the nodes).
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
    const x = x1 + (x2 - x1) * (1.5 * t - 1.5 * t * t + t * t * t);
    const y = y1 + (y2 - y1) * (3 * t * t - 2 * t * t * t);
    if (linkAt(ends, x, y) === k) {
      const box = await page.locator('.nv-content').boundingBox();
      if (!box) throw new Error('the diagram is not shown');
      return { x: box.x + x, y: box.y + y, content: { x, y } };
    }
  }
  throw new Error(`link ${name} is covered by others all along`);
}

/**
 * Clicks (or taps) link `name` ("l,i,j") on its curve.
 * @param {Page} page
 * @param {string} name
 */
export async function clickLink(page, name) {
  const at = await linkPoint(page, name);
  await page.mouse.click(at.x, at.y);
}

/**
 * The weight the weights' listbox is on, "l,i,j" for a link or "l,j" for a
 * bias, if the listbox has the focus (else null); and its spoken label.
 * @param {Page} page
 * @returns {Promise<{ focused: boolean, name: string | null, label: string | null }>}
 */
export function activeWeight(page) {
  return page.evaluate(() => {
    const list = /** @type {HTMLElement} */ (document.querySelector('.nv-weights'));
    const id = list.getAttribute('aria-activedescendant');
    const option = id ? document.getElementById(id) : null;
    return {
      focused: document.activeElement === list,
      name: option?.getAttribute('data-weight') ?? null,
      label: option?.getAttribute('aria-label') ?? null,
    };
  });
}
