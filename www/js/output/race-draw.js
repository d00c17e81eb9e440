// @ts-check
// The race's chart: every lane's loss curves on one axis — training loss
// solid, test loss dashed, one colour per lane — over the epochs from 0 to
// the finish line, so the lanes advance across it side by side, with the
// target loss L as a dotted line. Drawn as the loss chart is (output/chart.js,
// output/series.js): its axes and ticks, and each curve one device-pixel
// column at a time, so the cost is bounded by the canvas width.

import { drawLossAxes, lossAxis } from './chart.js';
import { beginDrawing, chartTheme, cssValue, strokeSeries, textWidth } from './series.js';

/** Margins of the plotting area in CSS pixels; the left one grows to fit the labels. */
const MARGIN = { left: 28, right: 10, top: 8, bottom: 18 };
/** Stride of a lane's history: epoch, training loss, test loss. */
const STRIDE = 3;
/** The dashes of the test-loss curves, CSS pixels. */
const TEST_DASH = [5, 3];

/** The lanes' colours when CSS gives none (Okabe and Ito's, told apart under colour-vision deficiencies). */
export const LANE_COLOURS = Object.freeze(['#0072b2', '#d55e00', '#009e73', '#cc79a7']);

/**
 * The colours and font of the chart, read from CSS (they change with the
 * colour scheme): `--race-1` … `--race-4` are the lanes'.
 * @param {Element} element
 */
export function raceTheme(element) {
  const base = chartTheme(element);
  return { ...base, lanes: LANE_COLOURS.map((fallback, k) => cssValue(base.style, `--race-${k + 1}`, fallback)) };
}

/**
 * Every lane's history, one after the other (for the axis's range).
 * @param {Float64Array[]} histories
 */
function together(histories) {
  const all = new Float64Array(histories.reduce((n, h) => n + h.length, 0));
  let at = 0;
  for (const h of histories) {
    all.set(h, at);
    at += h.length;
  }
  return all;
}

/**
 * Draws the race.
 * @param {HTMLCanvasElement} canvas
 * @param {CanvasRenderingContext2D} ctx
 * @param {ReturnType<typeof raceTheme>} theme
 * @param {{ histories: Float64Array[], scaled: boolean[], length: number, target: number, log: boolean }} race
 *   each lane's history (epoch, train, test); which lanes the loss axis
 *   spans (not one that diverged, whose losses of 10³⁰⁰ would flatten the
 *   others: its curve leaves the chart at the top); the finish line, L, the axis
 */
export function drawRace(canvas, ctx, theme, { histories, scaled, length, target, log }) {
  const surface = beginDrawing(canvas, ctx);
  if (!surface) return;
  const { width: cssWidth, height: cssHeight, scale, crisp } = surface;
  const top = MARGIN.top;
  const height = Math.max(1, cssHeight - MARGIN.top - MARGIN.bottom);
  const spanned = histories.filter((_, k) => scaled[k]);
  const axis = lossAxis(together(spanned.length > 0 ? spanned : histories), log);
  ctx.font = theme.font;
  const labelWidth = Math.max(...axis.ticks.map(([, label]) => textWidth(ctx, theme.font, label)));
  const left = Math.max(MARGIN.left, Math.ceil(labelWidth) + 8);
  const width = Math.max(1, cssWidth - left - MARGIN.right);
  const first = 0;
  const last = Math.max(1, length);
  const xOf = (/** @type {number} */ epoch) => left + ((epoch - first) / (last - first)) * width;
  const yOf = (/** @type {number} */ t) =>
    top + (1 - (Math.min(Math.max(t, axis.low), axis.high) - axis.low) / (axis.high - axis.low)) * height;
  ctx.lineWidth = 1 / scale;
  drawLossAxes(ctx, theme, { left, top, width, height }, axis.ticks, { first, last, xOf, yOf }, crisp);

  // The target loss: a dotted line across, where the axis reaches it.
  const goal = axis.scale(target);
  if (Number.isFinite(goal) && goal >= axis.low && goal <= axis.high) {
    const y = crisp(yOf(goal));
    ctx.save();
    ctx.setLineDash([1.5, 3]);
    ctx.strokeStyle = theme.muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.restore();
    ctx.fillStyle = theme.muted;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText('L', left + width, y - 1);
  }

  const plot = { left, width, first, last, columns: Math.max(1, Math.round(width * scale)) };
  // Test curves first, dashed, then the training curves on top.
  ctx.save();
  ctx.setLineDash(TEST_DASH);
  histories.forEach((history, k) => strokeSeries(ctx, history, STRIDE, 2, plot, axis.scale, yOf, theme.lanes[k % theme.lanes.length], 1.5));
  ctx.restore();
  histories.forEach((history, k) => strokeSeries(ctx, history, STRIDE, 1, plot, axis.scale, yOf, theme.lanes[k % theme.lanes.length], 2));
}
