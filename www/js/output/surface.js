// @ts-check
// The loss surface under the descent: the training loss over a plane of
// weight space through the run's weights (two random filter-normalised
// directions, seeded), drawn as a map — colour and iso-lines, on a log scale
// or not — with the run's path projected onto the plane, the run now as a
// dot and the way down (−∂f/∂u, −∂f/∂v) as an arrow. Hovering or tapping
// reads the loss; a click offers to move the run there, which edits every
// weight. The engine computes the surface in its worker, a few rows at a
// time (app/engine-surface.js); this module only draws and asks.

import { formatLoss } from '../lib/format.js';
import { observeBackingStore } from '../lib/plane.js';
import { chartTheme } from './series.js';
import { lossAt } from './surface-map.js';
import { createSurfaceAxes } from './surface-axes.js';
import { DEFAULT_COLOURS, createCellImage, drawSurface, readColours } from './surface-draw.js';

/** @typedef {import('../app/engine-surface.js').SurfaceSpec} SurfaceSpec */
/** @typedef {import('../app/engine-surface.js').SurfacePicture} SurfacePicture */

/** A coordinate on the plane as the readout writes it: two decimals, a true minus. */
function coordinate(/** @type {number} */ x) {
  return x.toFixed(2).replace('-', '−');
}

/**
 * @typedef {object} SurfaceHandlers
 * @property {() => void} onSpec  what to compute changed (the page sends its needs again)
 * @property {(u: number, v: number) => void} onMove  move the run to (u, v) of the plane shown
 * @property {() => void} onLinkChange  what a link keeps of the view changed (open, axes, seed)
 */

/**
 * What a link keeps of the view (crate/src/link.rs `Display`).
 * @typedef {Pick<import('../../pkg/backprop_playground.js').Display, 'surface' | 'surfaceAxes' | 'surfaceSeed'>} SurfaceLink
 */

/**
 * @typedef {object} SurfaceView
 * @property {() => SurfaceSpec | null} spec  what the engine should compute (null: the view is closed)
 * @property {(picture: SurfacePicture | { error: string } | null, trainLoss: number, shape: string) => void} update
 *   per snapshot, with the run's own training loss and its network's shape (layer sizes)
 * @property {(axis: 0 | 1, index: number, name: string, shape: string) => void} pin
 *   make weight `index` (flat order) of a network of `shape` axis u (0) or v (1), and open the view
 * @property {() => SurfaceLink} linkState  what a link keeps of the view
 * @property {(want: SurfaceLink, nameOf: (index: number) => string | null, shape: string) => void} restore
 *   shows what a link asked for; `nameOf` names a weight of the network of `shape` (null: it has no such weight)
 */

/**
 * @param {HTMLDetailsElement} root  the panel (closed: nothing is computed)
 * @param {SurfaceHandlers} handlers
 * @returns {SurfaceView}
 */
export function createSurfaceView(root, handlers) {
  const part = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
  const canvas = /** @type {HTMLCanvasElement} */ (part('.surface-map'));
  const range = /** @type {HTMLSelectElement} */ (part('.surface-range'));
  const size = /** @type {HTMLSelectElement} */ (part('.surface-size'));
  const log = /** @type {HTMLInputElement} */ (part('.surface-log'));
  const readout = part('.surface-readout');
  const confirmRow = part('.surface-confirm');
  const confirmText = part('.surface-confirm-text');
  const directions = /** @type {HTMLButtonElement} */ (part('.surface-directions'));
  const axes = createSurfaceAxes(part('.surface-axes'), directions);
  const ctx = canvas.getContext('2d');
  let generation = 0;
  /** @type {SurfacePicture | null} */
  let shown = null;
  /** The run's own training loss (off the plane once it has moved). */
  let runLoss = NaN;
  /** @type {{ u: number, v: number } | null} */
  let pointer = null;
  /** @type {{ u: number, v: number } | null} */
  let offered = null;
  /** The map's colours, read from CSS. */
  let colours = readColours(root, DEFAULT_COLOURS);
  const cells = createCellImage();

  function draw() {
    if (ctx && shown) drawSurface(ctx, canvas, shown, { colours, log: log.checked, cells, ring: chartTheme(root).panel });
  }

  /** (u, v) under a pointer event, or null off the map. */
  function pointOf(/** @type {PointerEvent | MouseEvent} */ event) {
    if (!shown) return null;
    const box = canvas.getBoundingClientRect();
    const n = shown.size;
    const fx = ((event.clientX - box.left) / box.width - 1 / (2 * n)) * (n / (n - 1));
    const fy = ((event.clientY - box.top) / box.height - 1 / (2 * n)) * (n / (n - 1));
    if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) return null;
    return { u: (2 * fx - 1) * shown.range, v: (1 - 2 * fy) * shown.range };
  }

  /** What the readout says about (u, v). */
  function describe(/** @type {{ u: number, v: number }} */ at) {
    if (!shown) return '';
    const loss = lossAt(shown.losses, shown.size, shown.range, at.u, at.v);
    const where = `u = ${coordinate(at.u)}, v = ${coordinate(at.v)}`;
    return Number.isNaN(loss) ? `${where}: not computed yet` : `${where}: L = ${formatLoss(loss)}`;
  }

  function showReadout() {
    if (!shown) {
      readout.textContent = 'Computing the surface…';
      return;
    }
    if (pointer) {
      readout.textContent = describe(pointer);
      return;
    }
    const count = shown.path.length / 2;
    const now = { u: shown.path[2 * count - 2], v: shown.path[2 * count - 1] };
    const rows = shown.rows < shown.size ? ` (computing: ${Math.round((100 * shown.rows) / shown.size)} %)` : '';
    // Once the run has moved, its own loss differs from the plane's where it projects.
    const own = now.u === 0 && now.v === 0 ? '' : ` on the plane through epoch ${shown.epoch}'s weights; the run itself: L = ${formatLoss(runLoss)}`;
    readout.textContent = `The run: ${describe(now)}${own}${rows}. Hover or tap the map to read the loss; click to move the run there.`;
  }

  observeBackingStore(canvas, draw);
  canvas.addEventListener('pointermove', (event) => {
    pointer = pointOf(event);
    showReadout();
  });
  canvas.addEventListener('pointerleave', () => {
    pointer = null;
    showReadout();
  });
  canvas.addEventListener('click', (event) => {
    const at = pointOf(event);
    if (!at) return;
    offered = at;
    confirmText.textContent = `Move the run to ${describe(at)}? This sets every weight.`;
    confirmRow.hidden = false;
  });
  part('.surface-move').addEventListener('click', () => {
    confirmRow.hidden = true;
    if (offered) handlers.onMove(offered.u, offered.v);
    offered = null;
  });
  part('.surface-cancel').addEventListener('click', () => {
    confirmRow.hidden = true;
    offered = null;
  });
  part('.surface-recentre').addEventListener('click', () => {
    generation += 1;
    handlers.onSpec();
  });
  directions.addEventListener('click', () => {
    axes.next();
    handlers.onSpec();
    handlers.onLinkChange();
  });
  for (const control of [range, size]) control.addEventListener('change', () => handlers.onSpec());
  log.addEventListener('change', draw);
  root.addEventListener('toggle', () => {
    if (root.open) colours = readColours(root, colours);
    handlers.onSpec();
    handlers.onLinkChange();
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    colours = readColours(root, colours);
    draw();
  });

  return {
    spec() {
      if (!root.open) return null;
      return { seed: axes.seed(), weights: axes.weights(), range: Number(range.value), size: Number(size.value), generation };
    },
    pin(axis, index, name, shape) {
      axes.pin(axis, index, name, shape);
      root.open = true;
      root.scrollIntoView({ block: 'nearest' });
      handlers.onSpec();
      handlers.onLinkChange();
    },
    linkState() {
      return { surface: root.open, surfaceAxes: axes.weights(), surfaceSeed: axes.seed() };
    },
    restore(want, nameOf, shape) {
      axes.restore(want.surfaceAxes, want.surfaceSeed, nameOf, shape);
      const open = want.surface || root.dataset.keepOpen === 'true';
      if (root.open !== open) root.open = open;
      handlers.onSpec();
    },
    update(picture, trainLoss, shape) {
      // Another network: the pinned indices would name other weights.
      if (axes.follow(shape)) handlers.onSpec();
      if (!root.open) return;
      runLoss = trainLoss;
      if (picture && 'error' in picture) {
        shown = null;
        readout.textContent = picture.error;
        return;
      }
      shown = picture;
      draw();
      showReadout();
    },
  };
}
