// @ts-check
// What the two charts over the epochs (the loss chart and the gradient-flow
// chart) share: records laid out flat (an epoch, then that epoch's values,
// `stride` numbers per record, epochs ascending), their drawing one
// device-pixel column at a time, and reading a record by pointer, touch or
// keyboard.

import { fontGeneration } from '../lib/dom.js';
import { laidOutSize } from '../lib/plane.js';

/** Size of the charts' tick labels, CSS pixels. */
const FONT_SIZE = 10.5;

/**
 * A custom property of an element's computed style, or `fallback` when unset.
 * @param {CSSStyleDeclaration} style
 * @param {string} name
 * @param {string} fallback
 */
export function cssValue(style, name, fallback) {
  return style.getPropertyValue(name).trim() || fallback;
}

/**
 * The colours and font both charts draw their frame with, read from CSS (they
 * change with the colour scheme).
 * @param {Element} element
 */
export function chartTheme(element) {
  const style = getComputedStyle(element);
  return {
    style,
    muted: cssValue(style, '--muted', '#5c6878'),
    grid: cssValue(style, '--panel-border', '#e2e6ec'),
    panel: cssValue(style, '--panel', '#ffffff'),
    font: `${FONT_SIZE}px ${style.fontFamily || 'system-ui, sans-serif'}`,
  };
}

/** Widths of tick labels by fonts loaded, font and text (a chart redraws the same few). */
const labelWidths = new Map();
/** @type {OffscreenCanvasRenderingContext2D | null | undefined} */
let measurer;

/**
 * The width of `text` in `font`, CSS pixels, measured off the page: a
 * canvas on the page measures only after bringing the page's style up to
 * date (13 ms after a large network's diagram is placed).
 * @param {CanvasRenderingContext2D} ctx  the chart's own, where no other can measure
 * @param {string} font
 * @param {string} text
 */
export function textWidth(ctx, font, text) {
  // A font that loads later measures differently.
  const key = `${fontGeneration(ctx.canvas.ownerDocument)}|${font}|${text}`;
  let width = labelWidths.get(key);
  if (width === undefined) {
    if (measurer === undefined) measurer = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
    const context = measurer ?? ctx;
    context.font = font;
    width = context.measureText(text).width;
    if (labelWidths.size > 1000) labelWidths.clear();
    labelWidths.set(key, width);
  }
  return width;
}

/**
 * Index of the record whose epoch is nearest to `epoch`, or -1 when there is none.
 * @param {Float64Array} records
 * @param {number} stride  numbers per record, the epoch first
 * @param {number} epoch
 */
function nearestRecord(records, stride, epoch) {
  const n = Math.floor(records.length / stride);
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (records[stride * mid] < epoch) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && epoch - records[stride * (lo - 1)] <= records[stride * lo] - epoch) return lo - 1;
  return lo;
}

/**
 * Adds one series to the current path, one device-pixel column at a time:
 * each column's first, lowest, highest and last value, joined in that order,
 * so the path has at most four vertices per column however many records it
 * covers (the M4 reduction: it looks the same as drawing every record). A value
 * that `toScale` makes non-finite lifts the pen. Returns every column left
 * alone between gaps (or the only one), which a stroke would not show: the
 * caller marks those with a dot.
 * @param {CanvasRenderingContext2D} ctx
 * @param {Float64Array} records
 * @param {number} stride    numbers per record, the epoch first
 * @param {number} offset    which value of each record
 * @param {number} columns   device-pixel columns of the plotting area
 * @param {number} first     epoch at the left edge
 * @param {number} last      epoch at the right edge
 * @param {(column: number) => number} xOfColumn
 * @param {(value: number) => number} toScale  a value on the axis's scale (non-finite: not drawable)
 * @param {(t: number) => number} yOf          y of a value on that scale
 * @returns {[number, number][]}  lone points (x, y)
 */
function traceColumns(ctx, records, stride, offset, columns, first, last, xOfColumn, toScale, yOf) {
  const n = Math.floor(records.length / stride);
  /** @type {[number, number][]} */
  const lone = [];
  let column = -1;
  let start = 0;
  let low = 0;
  let high = 0;
  let end = 0;
  // How much the pen has drawn since it last went down: 1 is a single point.
  let run = 0;
  /** @type {[number, number] | null} */
  let runStart = null;
  const flush = () => {
    if (column < 0) return;
    const x = xOfColumn(column);
    if (run === 0) {
      ctx.moveTo(x, yOf(start));
      runStart = [x, yOf(start)];
    } else {
      ctx.lineTo(x, yOf(start));
    }
    ctx.lineTo(x, yOf(low));
    ctx.lineTo(x, yOf(high));
    ctx.lineTo(x, yOf(end));
    // A run shows once it spans two columns, or one column from low to high.
    run += low === high ? 1 : 2;
    column = -1;
  };
  const liftPen = () => {
    flush();
    if (run === 1 && runStart) lone.push(runStart);
    run = 0;
  };
  for (let i = 0; i < n; i += 1) {
    const value = toScale(records[stride * i + offset]);
    if (!Number.isFinite(value)) {
      liftPen();
      continue;
    }
    const c = Math.round(((records[stride * i] - first) / (last - first)) * (columns - 1));
    if (c !== column) {
      flush();
      column = c;
      start = value;
      low = value;
      high = value;
    } else {
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    end = value;
  }
  liftPen();
  return lone;
}

/**
 * The x mapping of a chart's last drawing: CSS pixels of the plotting area and
 * the epochs at its edges.
 * @typedef {{ left: number, width: number, first: number, last: number }} Frame
 */

/**
 * What the reader points at: a horizontal position (pointer), a recorded epoch
 * (keyboard), or nothing.
 * @typedef {{ kind: 'pointer', x: number } | { kind: 'key', epoch: number } | null} Reading
 */

/**
 * Which record the reader points at.
 * @typedef {object} Cursor
 * @property {() => number} index  the record being read, or -1
 * @property {() => void} clear    stop reading (e.g. when the records start over)
 */

/**
 * Lets the reader pick a record of a chart: a mouse or pen reads as it hovers,
 * a finger while it is down (a tapped record stays read after it lifts), and
 * the arrow keys, Home and End step through the records (Escape stops). The
 * keyboard holds on to an epoch, so a record stays read while later ones are
 * merged. The readout is announced only while the keyboard moves.
 * @param {HTMLCanvasElement} canvas
 * @param {HTMLElement} readout
 * @param {object} chart
 * @param {() => Float64Array} chart.records
 * @param {() => number} chart.stride
 * @param {() => Frame} chart.frame
 * @param {() => void} chart.redraw
 * @returns {Cursor}
 */
export function createCursor(canvas, readout, chart) {
  /** @type {Reading} */
  let reading = null;

  function index() {
    if (reading === null) return -1;
    const records = chart.records();
    const stride = chart.stride();
    if (reading.kind === 'key') return nearestRecord(records, stride, reading.epoch);
    const frame = chart.frame();
    const t = Math.min(1, Math.max(0, (reading.x - frame.left) / frame.width));
    return nearestRecord(records, stride, frame.first + t * (frame.last - frame.first));
  }

  /** @param {Reading} next */
  const read = (next) => {
    reading = next;
    chart.redraw();
  };

  /** @param {PointerEvent} event */
  const pointAt = (event) => read({ kind: 'pointer', x: event.clientX - canvas.getBoundingClientRect().left });
  canvas.addEventListener('pointermove', (event) => {
    if (event.pointerType === 'touch' && event.buttons === 0) return;
    pointAt(event);
  });
  canvas.addEventListener('pointerdown', (event) => {
    if (event.pointerType === 'touch') canvas.setPointerCapture(event.pointerId);
    pointAt(event);
  });
  canvas.addEventListener('pointerleave', (event) => {
    if (event.pointerType === 'touch' || reading?.kind !== 'pointer') return;
    read(null);
  });

  canvas.addEventListener('keydown', (event) => {
    const records = chart.records();
    const stride = chart.stride();
    const n = Math.floor(records.length / stride);
    if (n === 0) return;
    const current = index();
    let next;
    switch (event.key) {
      case 'ArrowLeft': next = current < 0 ? n - 1 : Math.max(0, current - 1); break;
      case 'ArrowRight': next = current < 0 ? n - 1 : Math.min(n - 1, current + 1); break;
      case 'Home': next = 0; break;
      case 'End': next = n - 1; break;
      case 'Escape': read(null); return;
      default: return;
    }
    event.preventDefault();
    read({ kind: 'key', epoch: records[stride * next] });
  });
  canvas.addEventListener('focus', () => readout.setAttribute('aria-live', 'polite'));
  canvas.addEventListener('blur', () => {
    readout.setAttribute('aria-live', 'off');
    if (reading?.kind === 'key') read(null);
  });

  return {
    index,
    clear() {
      reading = null;
    },
  };
}

/**
 * Clears a canvas for a drawing in CSS pixels. Null when there is nothing to
 * draw on, or until the backing store is fitted to the CSS box (a drawing
 * would be stretched).
 * @param {HTMLCanvasElement} canvas
 * @param {CanvasRenderingContext2D} ctx
 * @returns {{ width: number, height: number, scale: number, crisp: (v: number) => number } | null}
 *   the CSS size, device pixels per CSS pixel, and a snap of a CSS coordinate
 *   to the middle of a device pixel (for crisp 1 px lines)
 */
export function beginDrawing(canvas, ctx) {
  const { width, height } = laidOutSize(canvas);
  if (width <= 0 || height <= 0 || canvas.width === 0) return null;
  const scale = canvas.width / width;
  if (Math.abs(canvas.height - height * scale) > 2) return null;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  const crisp = (/** @type {number} */ v) => (Math.round(v * scale - 0.5) + 0.5) / scale;
  return { width, height, scale, crisp };
}

/**
 * Where a chart's series go: the plotting area in CSS pixels, its epochs at
 * the edges, and its width in device-pixel columns.
 * @typedef {{ left: number, width: number, first: number, last: number, columns: number }} Plot
 */

/**
 * Strokes one series (see `traceColumns`) and dots the records left alone.
 * @param {CanvasRenderingContext2D} ctx
 * @param {Float64Array} records
 * @param {number} stride
 * @param {number} offset
 * @param {Plot} plot
 * @param {(value: number) => number} toScale
 * @param {(t: number) => number} yOf
 * @param {string} colour
 * @param {number} lineWidth  CSS pixels
 */
export function strokeSeries(ctx, records, stride, offset, plot, toScale, yOf, colour, lineWidth) {
  const { left, width, first, last, columns } = plot;
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = lineWidth;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  const xOfColumn = (/** @type {number} */ c) => left + (c / (columns - 1 || 1)) * width;
  const lone = traceColumns(ctx, records, stride, offset, columns, first, last, xOfColumn, toScale, yOf);
  ctx.stroke();
  ctx.beginPath();
  for (const [x, y] of lone) {
    ctx.moveTo(x + 2, y);
    ctx.arc(x, y, 2, 0, 2 * Math.PI);
  }
  ctx.fill();
}

/**
 * The record being read: a 1 px vertical line at `x` and, for each series,
 * a dot ringed in the panel's colour.
 * @param {CanvasRenderingContext2D} ctx
 * @param {number} x        already snapped to a device pixel
 * @param {number} top
 * @param {number} height
 * @param {number} scale    device pixels per CSS pixel
 * @param {string} line     the vertical line's colour
 * @param {string} ring
 * @param {[number, string][]} dots  y and colour of each dot (drawn in order)
 * @param {number} radius
 * @param {number} ringWidth
 */
export function markRecord(ctx, x, top, height, scale, line, ring, dots, radius, ringWidth) {
  ctx.strokeStyle = line;
  ctx.lineWidth = 1 / scale;
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, top + height);
  ctx.stroke();
  for (const [y, colour] of dots) {
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fillStyle = colour;
    ctx.fill();
    ctx.lineWidth = ringWidth;
    ctx.strokeStyle = ring;
    ctx.stroke();
  }
}
