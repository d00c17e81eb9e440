// @ts-check
// The loss chart: Loss(W) on the training and the test set over the epochs, as
// two lines, with a readout of the point under the pointer (or picked with the
// arrow keys).
//
// Drawing cost is bounded by the canvas width, not by the run's length: the
// points are bucketed into device-pixel columns and each column draws at most
// its first, lowest, highest and last value (the M4 reduction), which looks the
// same as drawing every point. Non-finite losses (a diverged run) are gaps.

import { sup } from '../lib/notation.js';
import { observeBackingStore } from '../lib/plane.js';
import { formatLoss } from '../lib/format.js';
import { beginDrawing, chartTheme, createCursor, cssValue, markRecord, strokeSeries, textWidth } from './series.js';

/**
 * @typedef {object} LossChart
 * @property {(history: Float64Array) => void} update  3 numbers per point: epoch, train loss, test loss
 */

/** Margins of the plotting area in CSS pixels; the left one grows to fit the loss labels. */
const MARGIN = { left: 28, right: 10, top: 8, bottom: 18 };
/** Stride of the history: epoch, training loss, test loss. */
const STRIDE = 3;

/**
 * A round step of about `rough`: 1, 2, 2.5 or 5 times a power of ten.
 * @param {number} rough
 */
export function niceStep(rough) {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const mantissa = rough / power;
  const nice = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 2.5 ? 2.5 : mantissa <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * A tick value as short text, with as many decimals as the step needs.
 * @param {number} value
 * @param {number} step
 */
function lossTickText(value, step) {
  if (value === 0) return '0';
  if (step >= 1e5 || step < 1e-4) {
    // Scientific, written as a student would: 2.5×10⁻⁵.
    const exponent = Math.floor(Math.log10(Math.abs(value)) + 1e-9);
    const mantissa = Number((value / 10 ** exponent).toPrecision(2));
    return `${mantissa === 1 ? '' : `${mantissa}×`}10${sup(exponent)}`;
  }
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) decimals += 1;
  return value.toFixed(decimals);
}

/** @param {number} epoch */
function epochTickText(epoch) {
  if (epoch >= 10_000 && epoch % 1000 === 0) return `${epoch / 1000}k`;
  return String(epoch);
}

/**
 * The loss axis's grid lines and ticks, the epoch axis with a tick about
 * every 70 CSS pixels (whole epochs) and its name.
 * @param {CanvasRenderingContext2D} ctx
 * @param {ReturnType<typeof chartTheme>} theme
 * @param {{ left: number, top: number, width: number, height: number }} box  the plot's area, CSS pixels
 * @param {[number, string][]} ticks  the loss ticks: value on the axis's scale, label
 * @param {{ first: number, last: number, xOf: (epoch: number) => number, yOf: (t: number) => number }} map
 *   the epochs shown and the mapping of an epoch and a loss to the canvas
 * @param {(v: number) => number} crisp  a coordinate on a device pixel's centre
 */
export function drawLossAxes(ctx, theme, { left, top, width, height }, ticks, { first, last, xOf, yOf }, crisp) {
  // Horizontal grid lines and the loss ticks.
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = theme.muted;
  ctx.strokeStyle = theme.grid;
  ctx.beginPath();
  for (const [value, label] of ticks) {
    const y = crisp(yOf(value));
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.fillText(label, left - 6, y);
  }
  ctx.stroke();

  // Epoch ticks: about one per 70 CSS px, whole epochs.
  const xStep = Math.max(1, niceStep((last - first) / Math.max(1, width / 70)));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.strokeStyle = theme.muted;
  ctx.beginPath();
  const bottom = crisp(top + height);
  ctx.moveTo(left, bottom);
  ctx.lineTo(left + width, bottom);
  for (let epoch = Math.ceil(first / xStep) * xStep; epoch <= last; epoch += xStep) {
    const x = crisp(xOf(epoch));
    ctx.moveTo(x, bottom);
    ctx.lineTo(x, bottom + 3);
    const label = epochTickText(epoch);
    // Keep the last label inside the canvas and clear of the axis name.
    if (x + textWidth(ctx, theme.font, label) / 2 > left + width - 30) continue;
    ctx.fillText(label, x, top + height + 5);
  }
  ctx.stroke();
  ctx.textAlign = 'right';
  ctx.fillText('epoch', left + width, top + height + 5);
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {HTMLElement} readout  where the hovered/tapped point's epoch and losses are written
 * @returns {LossChart}
 */
export function createLossChart(canvas, readout) {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas is not available');
  const defaultText = readout.textContent ?? '';
  canvas.tabIndex = 0;
  canvas.setAttribute('aria-describedby', readout.id);
  canvas.setAttribute('aria-roledescription', 'chart');
  canvas.setAttribute('aria-label', 'Training and test loss over the epochs; use the left and right arrow keys to read the recorded points');

  /** @type {Float64Array} */
  let history = new Float64Array(0);
  let logScale = false;
  let dirty = true;
  /** Colours and font, read from CSS (they change with the colour scheme). */
  let theme = readTheme();
  /** The x mapping of the last drawing, for turning a pointer position into an epoch. */
  let frame = { left: MARGIN.left, width: 1, first: 0, last: 1 };
  /** The record read by pointer, touch or keyboard. */
  const cursor = createCursor(canvas, readout, {
    records: () => history,
    stride: () => STRIDE,
    frame: () => frame,
    redraw,
  });

  function readTheme() {
    const base = chartTheme(canvas);
    return {
      ...base,
      train: cssValue(base.style, '--loss-train', '#1d2530'),
      test: cssValue(base.style, '--loss-test', '#e06c00'),
    };
  }

  /** Runs every frame while training: the DOM is touched only when the text changes. */
  function writeReadout() {
    const i = cursor.index();
    const text = i < 0
      ? defaultText
      : `Epoch ${history[STRIDE * i]} · training loss ${formatLoss(history[STRIDE * i + 1])} · test loss ${formatLoss(history[STRIDE * i + 2])}`;
    if (readout.textContent !== text) readout.textContent = text;
    readout.classList.toggle('is-reading', i >= 0);
  }

  function draw() {
    if (!ctx) return;
    dirty = false;
    const surface = beginDrawing(canvas, ctx);
    if (!surface) return;
    const { width: cssWidth, height: cssHeight, scale, crisp } = surface;

    const n = history.length / STRIDE;
    const top = MARGIN.top;
    const height = Math.max(1, cssHeight - MARGIN.top - MARGIN.bottom);

    // Epochs from the first to the last recorded; losses on the chosen scale.
    const first = n > 0 ? history[0] : 0;
    const last = n > 0 ? Math.max(history[STRIDE * (n - 1)], first + 1) : 1;
    const axis = lossAxis(history, logScale);
    ctx.font = theme.font;
    const labelWidth = Math.max(...axis.ticks.map(([, label]) => textWidth(ctx, theme.font, label)));
    const left = Math.max(MARGIN.left, Math.ceil(labelWidth) + 8);
    const width = Math.max(1, cssWidth - left - MARGIN.right);
    frame = { left, width, first, last };
    const xOf = (/** @type {number} */ epoch) => left + ((epoch - first) / (last - first)) * width;
    /** y of a loss already on the axis's scale (see `axis.scale`) */
    const yOf = (/** @type {number} */ t) =>
      top + (1 - (Math.min(Math.max(t, axis.low), axis.high) - axis.low) / (axis.high - axis.low)) * height;

    ctx.lineWidth = 1 / scale;

    drawLossAxes(ctx, theme, { left, top, width, height }, axis.ticks, { first, last, xOf, yOf }, crisp);

    // The two lines, test first so the training line is on top.
    const plot = { left, width, first, last, columns: Math.max(1, Math.round(width * scale)) };
    for (const [offset, colour, lineWidth] of /** @type {const} */ ([[2, theme.test, 1.5], [1, theme.train, 1.75]])) {
      strokeSeries(ctx, history, STRIDE, offset, plot, axis.scale, yOf, colour, lineWidth);
    }

    // The point being read: a vertical marker and a dot on each line.
    const i = cursor.index();
    if (i >= 0) {
      /** @type {[number, string][]} */
      const dots = [];
      for (const [offset, colour] of /** @type {const} */ ([[2, theme.test], [1, theme.train]])) {
        const value = axis.scale(history[STRIDE * i + offset]);
        if (Number.isFinite(value)) dots.push([yOf(value), colour]);
      }
      markRecord(ctx, crisp(xOf(history[STRIDE * i])), top, height, scale, theme.muted, theme.panel, dots, 3.5, 1.5);
    }
  }

  function redraw() {
    draw();
    writeReadout();
  }

  // A logarithmic loss axis shows the slow late decrease that a linear one
  // flattens onto 0. The toggle sits beside the readout.
  const toggle = canvas.ownerDocument.createElement('button');
  toggle.type = 'button';
  toggle.className = 'loss-scale-toggle';
  toggle.textContent = 'log scale';
  toggle.title = 'Logarithmic loss axis: each grid line is ten times the one below, so small late improvements stay visible';
  toggle.setAttribute('aria-pressed', 'false');
  toggle.addEventListener('click', () => {
    logScale = !logScale;
    toggle.setAttribute('aria-pressed', String(logScale));
    redraw();
  });
  readout.after(toggle);

  observeBackingStore(canvas, redraw);
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    theme = readTheme();
    redraw();
  });

  return {
    update(next) {
      // Redraw only when the history changed: a paused run costs a comparison
      // of at most a few thousand numbers per frame, no drawing.
      if (!dirty && sameHistory(history, next)) return;
      history = next;
      redraw();
    },
  };
}

/**
 * The loss axis: how a loss maps onto it, its range and its labelled ticks.
 * Linear: from 0 to the largest finite loss, rounded up to a tick. Logarithmic:
 * whole decades around the finite positive losses (a loss of 0 cannot be shown).
 * @typedef {object} LossAxis
 * @property {(loss: number) => number} scale  a loss on the axis (log10 on a log axis)
 * @property {number} low   scale value at the bottom
 * @property {number} high  scale value at the top
 * @property {[number, string][]} ticks  scale value and label of each tick
 */

/**
 * @param {Float64Array} history
 * @param {boolean} log
 * @returns {LossAxis}
 */
export function lossAxis(history, log) {
  let peak = 0;
  let floor = Infinity;
  for (let i = 0; i < history.length; i += 1) {
    if (i % STRIDE === 0) continue;
    const loss = history[i];
    if (!Number.isFinite(loss)) continue;
    if (loss > peak) peak = loss;
    if (loss > 0 && loss < floor) floor = loss;
  }
  if (log && floor <= peak && peak > 0) {
    const low = Math.floor(Math.log10(floor));
    const high = Math.max(low + 1, Math.ceil(Math.log10(peak)));
    const every = Math.ceil((high - low) / 4);
    /** @type {[number, string][]} */
    const ticks = [];
    for (let d = low; d <= high; d += every) ticks.push([d, decadeText(d)]);
    return { scale: Math.log10, low, high, ticks };
  }
  if (!(peak > 0)) peak = 1;
  const step = niceStep(peak / 3);
  const high = Math.ceil(peak / step - 1e-9) * step;
  /** @type {[number, string][]} */
  const ticks = [];
  for (let k = 0; k * step <= high + step * 1e-9; k += 1) ticks.push([k * step, lossTickText(k * step, step)]);
  return { scale: (loss) => loss, low: 0, high, ticks };
}

/**
 * 10^d as tick text: plain from 0.001 to 1000, else a power of ten.
 * @param {number} d
 */
function decadeText(d) {
  if (d >= -3 && d <= 3) return String(Number((10 ** d).toFixed(Math.max(0, -d))));
  return lossTickText(10 ** d, 10 ** d);
}

/**
 * Whether two histories hold the same numbers (NaN equal to NaN).
 * @param {Float64Array} a
 * @param {Float64Array} b
 */
function sameHistory(a, b) {
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i -= 1) if (!Object.is(a[i], b[i])) return false;
  return true;
}
