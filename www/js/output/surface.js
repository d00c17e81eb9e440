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
import { beginDrawing, chartTheme, cssValue } from './series.js';
import { isoLine, levels, lossAt, lossRange, scaled } from './surface-map.js';

/** @typedef {import('../app/engine-surface.js').SurfaceSpec} SurfaceSpec */
/** @typedef {import('../app/engine-surface.js').SurfacePicture} SurfacePicture */

/** Iso-lines drawn. */
const LEVELS = 9;

/** A coordinate on the plane as the readout writes it: two decimals, a true minus. */
function coordinate(/** @type {number} */ x) {
  return x.toFixed(2).replace('-', '−');
}

/**
 * @typedef {object} SurfaceHandlers
 * @property {() => void} onSpec  what to compute changed (the page sends its needs again)
 * @property {(u: number, v: number) => void} onMove  move the run to (u, v) of the plane shown
 */

/**
 * @typedef {object} SurfaceView
 * @property {() => SurfaceSpec | null} spec  what the engine should compute (null: the view is closed)
 * @property {(picture: SurfacePicture | { error: string } | null, trainLoss: number) => void} update
 *   per snapshot, with the run's own training loss
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
  const ctx = canvas.getContext('2d');
  let seed = 1;
  let generation = 0;
  /** @type {SurfacePicture | null} */
  let shown = null;
  /** The run's own training loss (off the plane once it has moved). */
  let runLoss = NaN;
  /** @type {{ u: number, v: number } | null} */
  let pointer = null;
  /** @type {{ u: number, v: number } | null} */
  let offered = null;
  /** The map's colours at the ends of the scale, read from CSS. */
  let colours = { low: [38, 70, 150], high: [250, 220, 120], line: 'rgba(0,0,0,0.35)', path: '#111', arrow: '#c2185b' };
  const backing = document.createElement('canvas');

  function readColours() {
    const style = getComputedStyle(root);
    const rgb = (/** @type {string} */ name, /** @type {number[]} */ fallback) => {
      const parts = cssValue(style, name, '').match(/[\d.]+/g)?.map(Number);
      return parts && parts.length >= 3 ? parts.slice(0, 3) : fallback;
    };
    colours = {
      low: rgb('--surface-low', colours.low),
      high: rgb('--surface-high', colours.high),
      line: cssValue(style, '--surface-line', colours.line),
      path: cssValue(style, '--surface-path', colours.path),
      arrow: cssValue(style, '--surface-arrow', colours.arrow),
    };
  }

  /** The surface's cells as an image, one pixel per cell. */
  function paintCells(/** @type {SurfacePicture} */ picture, /** @type {{ low: number, high: number }} */ bounds) {
    const n = picture.size;
    backing.width = n;
    backing.height = n;
    const c = backing.getContext('2d');
    if (!c) return;
    const image = c.createImageData(n, n);
    for (let k = 0; k < n * n; k += 1) {
      const t = scaled(picture.losses[k], bounds, log.checked);
      if (Number.isNaN(t)) continue;
      for (let ch = 0; ch < 3; ch += 1) image.data[4 * k + ch] = colours.low[ch] + t * (colours.high[ch] - colours.low[ch]);
      image.data[4 * k + 3] = 255;
    }
    c.putImageData(image, 0, 0);
  }

  function draw() {
    if (!ctx || !shown) return;
    const frame = beginDrawing(canvas, ctx);
    if (!frame) return;
    const { width, height } = frame;
    const picture = shown;
    const bounds = lossRange(picture.losses);
    const n = picture.size;
    // Cell centres at the map's edges: cell k at (k + 0.5) / n of the side.
    const toX = (/** @type {number} */ u) => ((u + picture.range) / (2 * picture.range)) * (n - 1) / n * width + width / (2 * n);
    const toY = (/** @type {number} */ v) => ((picture.range - v) / (2 * picture.range)) * (n - 1) / n * height + height / (2 * n);
    if (bounds) {
      paintCells(picture, bounds);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(backing, 0, 0, width, height);
      ctx.strokeStyle = colours.line;
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const level of levels(bounds, LEVELS, log.checked)) {
        const segments = isoLine(picture.losses, n, level);
        for (let k = 0; k < segments.length; k += 4) {
          ctx.moveTo(((segments[k] + 0.5) / n) * width, ((segments[k + 1] + 0.5) / n) * height);
          ctx.lineTo(((segments[k + 2] + 0.5) / n) * width, ((segments[k + 3] + 0.5) / n) * height);
        }
      }
      ctx.stroke();
    }
    drawPath(picture, toX, toY);
  }

  /**
   * The path, the run now and the way down.
   * @param {SurfacePicture} picture
   * @param {(u: number) => number} toX
   * @param {(v: number) => number} toY
   */
  function drawPath(picture, toX, toY) {
    if (!ctx) return;
    const { path, slope } = picture;
    const count = path.length / 2;
    if (count === 0) return;
    ctx.strokeStyle = colours.path;
    ctx.lineWidth = 1.5;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    for (let k = 0; k < count; k += 1) {
      const x = toX(path[2 * k]);
      const y = toY(path[2 * k + 1]);
      if (k === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
    const x = toX(path[2 * count - 2]);
    const y = toY(path[2 * count - 1]);
    const length = Math.hypot(slope[0], slope[1]);
    if (length > 0 && Number.isFinite(length)) {
      // −∇f, on screen (v grows upwards), a fixed length: its direction is the point.
      const reach = 0.12 * canvas.clientWidth;
      const dx = (-slope[0] / length) * reach;
      const dy = (slope[1] / length) * reach;
      ctx.strokeStyle = colours.arrow;
      ctx.fillStyle = colours.arrow;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + dx, y + dy);
      ctx.stroke();
      const angle = Math.atan2(dy, dx);
      ctx.beginPath();
      ctx.moveTo(x + dx, y + dy);
      ctx.lineTo(x + dx - 7 * Math.cos(angle - 0.4), y + dy - 7 * Math.sin(angle - 0.4));
      ctx.lineTo(x + dx - 7 * Math.cos(angle + 0.4), y + dy - 7 * Math.sin(angle + 0.4));
      ctx.fill();
    }
    ctx.fillStyle = colours.path;
    ctx.strokeStyle = chartTheme(root).panel;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(x, y, 4, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
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
  part('.surface-directions').addEventListener('click', () => {
    seed += 1;
    handlers.onSpec();
  });
  for (const control of [range, size]) control.addEventListener('change', () => handlers.onSpec());
  log.addEventListener('change', draw);
  root.addEventListener('toggle', () => {
    if (root.open) readColours();
    handlers.onSpec();
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    readColours();
    draw();
  });

  return {
    spec() {
      if (!root.open) return null;
      return { seed, weights: null, range: Number(range.value), size: Number(size.value), generation };
    },
    update(picture, trainLoss) {
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
