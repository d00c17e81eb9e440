// @ts-check
// The input plane the pictures share: the data square, where a data point
// falls on a canvas, the core's palettes, and a canvas backing store that
// follows its CSS size on any screen.

/** @typedef {import('../../pkg/backprop_playground.js').PaletteName} PaletteName */

/** The data square drawn is [−DOMAIN, DOMAIN]² (the core's grid covers the same). */
export const DOMAIN = 6;

/** Tick positions on both axes, in data units. */
export const TICKS = Object.freeze([-6, -3, 0, 3, 6]);

/** @typedef {[number, number, number]} Rgb */

/**
 * @typedef {object} Palette
 * @property {Rgb} negative  colour of the low end of a scale (and of class 0)
 * @property {Rgb} middle    the neutral middle
 * @property {Rgb} positive  colour of the high end (and of class 1)
 * @property {Rgb[]} classes one per class of a multi-class problem, wrapping past the last
 */

/**
 * The core's palettes, mirrored from crate/src/render.rs (`Palette::DEFAULT`,
 * `Palette::COLOR_BLIND`) so the legend shows the colours the core paints.
 * Keep the two in step.
 * @type {Readonly<Record<PaletteName, Palette>>}
 */
export const PALETTES = Object.freeze({
  default: {
    negative: [245, 147, 34],
    middle: [232, 234, 235],
    positive: [8, 119, 189],
    classes: [[245, 147, 34], [8, 119, 189], [0, 158, 115], [204, 121, 167], [117, 112, 179]],
  },
  colorBlind: {
    negative: [230, 97, 1],
    middle: [240, 240, 240],
    positive: [94, 60, 153],
    classes: [[230, 97, 1], [94, 60, 153], [0, 158, 115], [86, 180, 233], [240, 228, 66]],
  },
});

/** A data point's radius on the plot, CSS pixels. */
export const POINT_RADIUS = 3.5;
/** The dark rim of the plot's points. */
export const POINT_EDGE = 'rgba(22, 27, 34, 0.9)';

/**
 * Canvas coordinates (fractions 0..1 of width and height) of a data point:
 * x1 runs left → right, x2 bottom → top.
 * @param {number} x1
 * @param {number} x2
 * @returns {[number, number]}
 */
export function dataToUnit(x1, x2) {
  return [(x1 + DOMAIN) / (2 * DOMAIN), (DOMAIN - x2) / (2 * DOMAIN)];
}

/**
 * Keeps a canvas's backing store at its CSS size times the device pixel ratio,
 * following resizes and zoom or screen changes, and calls `onFit` after each
 * change of the backing store (which clears the canvas). Its CSS size at the
 * last layout is then `laidOutSize(canvas)`.
 * @param {HTMLCanvasElement} canvas
 * @param {() => void} onFit
 */
export function observeBackingStore(canvas, onFit) {
  /**
   * @param {number} width
   * @param {number} height
   */
  function fit(width, height) {
    if (width < 1 || height < 1) return false;
    if (canvas.width === width && canvas.height === height) return false;
    canvas.width = width;
    canvas.height = height;
    onFit();
    return true;
  }

  /**
   * The exact device-pixel box is preferred, but Chromium's device-scale emulation
   * (headless tests) leaves it at CSS size, so it is trusted only when it agrees
   * with CSS size × devicePixelRatio.
   * @param {ResizeObserverEntry} entry
   */
  function fitEntry(entry) {
    const before = laidOutSize(canvas);
    const { width: cssWidth, height: cssHeight } = entry.contentRect;
    laidOut.set(canvas, { width: cssWidth, height: cssHeight });
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(cssWidth * ratio);
    const height = Math.round(cssHeight * ratio);
    const device = entry.devicePixelContentBoxSize?.[0];
    const fitted = device && Math.abs(device.inlineSize - width) <= 2 && Math.abs(device.blockSize - height) <= 2
      ? fit(device.inlineSize, device.blockSize)
      : fit(width, height);
    // Laid out for the first time (or shown again) at the size its backing
    // store already had: drawings skipped meanwhile are owed all the same.
    const drawable = cssWidth > 0 && cssHeight > 0;
    if (!fitted && drawable && !(before.width > 0 && before.height > 0)) onFit();
  }

  // Not laid out until its observer says so (it always reports once).
  laidOut.set(canvas, { width: 0, height: 0 });
  const observer = new ResizeObserver((entries) => entries.forEach(fitEntry));
  try {
    observer.observe(canvas, { box: 'device-pixel-content-box' });
  } catch {
    observer.observe(canvas);
  }

  // Zooming or moving to another screen changes the ratio without a resize.
  const watchRatio = () => {
    const query = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    query.addEventListener('change', () => {
      const rect = canvas.getBoundingClientRect();
      const ratio = window.devicePixelRatio || 1;
      laidOut.set(canvas, { width: rect.width, height: rect.height });
      fit(Math.round(rect.width * ratio), Math.round(rect.height * ratio));
      watchRatio();
    }, { once: true });
  };
  watchRatio();
}

/**
 * CSS sizes of the canvases `observeBackingStore` follows, as their observers
 * last saw them.
 * @type {WeakMap<HTMLCanvasElement, { width: number, height: number }>}
 */
const laidOut = new WeakMap();

/**
 * A canvas's CSS size as the browser last laid it out: from its observer when
 * `observeBackingStore` follows it (reading it then lays nothing out: after a
 * change to the page, `clientWidth` would lay the whole page out at once; 0
 * before its first report, when its backing store is not fitted yet either),
 * else from the canvas itself.
 * @param {HTMLCanvasElement} canvas
 * @returns {{ width: number, height: number }}
 */
export function laidOutSize(canvas) {
  return laidOut.get(canvas) ?? { width: canvas.clientWidth, height: canvas.clientHeight };
}
