// @ts-check
// The gradient-flow chart: for each weight layer, the mean |∂L/∂w_ij| over its
// weights (averaged over the epoch's batches) against the epochs, on a
// logarithmic axis, one line per layer, with a legend that names each layer and
// its latest value, and a readout of the epoch under the pointer (or picked
// with the arrow keys). In a deep sigmoid stack the lines fan out by decades,
// the input layer's at the bottom: vanishing gradients.
//
// The core computes every number (Playground.gradientFlow); this module only
// draws. Drawing cost is bounded by the canvas width: each line is reduced to
// at most four vertices per device-pixel column (first, lowest, highest, last:
// the M4 reduction, as in the loss chart). A value that is 0 or not finite
// cannot sit on a log axis and is a gap.

import { sub, sup } from '../lib/notation.js';
import { formatMagnitude } from '../lib/format.js';
import { observeBackingStore } from '../lib/plane.js';
import { beginDrawing, chartTheme, createCursor, markRecord, strokeSeries } from './series.js';

/** @typedef {import('../app/run-view.js').RunView} Run */

/**
 * @typedef {object} GradientFlowChart
 * @property {(pg: Run, epoch: number) => void} update  per frame; reads the core only when the run or its epoch changed
 */

const MARGIN = { left: 40, right: 10, top: 8, bottom: 18 };
/** Below this first-to-last ratio the note calls it vanishing gradients. */
const VANISHING = 1e-2;


/**
 * Names of the weight layers, from the layer sizes: "x → h₁", "h₁ → h₂", …, "h₆ → ŷ".
 * @param {number} layers  number of weight layers
 * @returns {string[]}
 */
export function layerNames(layers) {
  /** @param {number} c  column: 0 inputs, then hidden layers, `layers` the output */
  const column = (c) => (c === 0 ? 'x' : c === layers ? 'ŷ' : `h${sub(c)}`);
  return Array.from({ length: layers }, (_, l) => `${column(l)} → ${column(l + 1)}`);
}

/**
 * The colour of weight layer `l` of `count`: from teal (next to the inputs)
 * through blue to magenta (into the output), lighter on a dark background.
 * @param {number} l
 * @param {number} count
 * @param {boolean} dark
 */
function layerColour(l, count, dark) {
  const t = count <= 1 ? 1 : l / (count - 1);
  const hue = 175 + t * 150;
  return `hsl(${hue.toFixed(0)} ${dark ? 70 : 75}% ${dark ? 66 : 40}%)`;
}

/**
 * The figure's part matching `selector`, of `type`.
 * @template {Element} T
 * @param {HTMLElement} figure
 * @param {string} selector
 * @param {new (...args: any[]) => T} type
 * @returns {T}
 */
function figurePart(figure, selector, type) {
  const found = figure.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`the gradient-flow figure has no ${selector}`);
  return found;
}

/**
 * The legend's items, one per layer (colour, name), and the element of each
 * layer's latest value.
 * @param {Document} doc
 * @param {string[]} names
 * @param {boolean} dark
 */
function legendItems(doc, names, dark) {
  /** @type {HTMLElement[]} */
  const values = [];
  const items = names.map((name, l) => {
    const item = doc.createElement('li');
    item.className = 'gradflow-key';
    item.dataset.layer = String(l);
    item.title = `Layer ${l + 1}: the weights w_ij from ${name.replace(' → ', ' to ')}. `
      + 'Mean |∂L/∂w_ij| over the layer\'s weights, averaged over the epoch\'s batches (the data loss only)';
    const swatch = doc.createElement('span');
    swatch.className = 'gradflow-swatch';
    swatch.style.background = layerColour(l, names.length, dark);
    swatch.setAttribute('aria-hidden', 'true');
    const label = doc.createElement('span');
    label.className = 'gradflow-name';
    label.textContent = name;
    const value = doc.createElement('span');
    value.className = 'gradflow-value';
    values.push(value);
    item.append(swatch, label, value);
    return item;
  });
  return { items, values };
}

/**
 * The note under the chart: vanishing gradients when the first layer's latest
 * value is below VANISHING times the last layer's; '' otherwise.
 * @param {Float64Array} flow  epoch, then one value per layer, per record
 * @param {number} stride  1 + layers
 * @param {number} layers
 */
export function vanishingNote(flow, stride, layers) {
  const n = flow.length / stride;
  if (n > 0 && layers >= 2) {
    const first = flow[stride * (n - 1) + 1];
    const last = flow[stride * (n - 1) + layers];
    const ratio = first / last;
    if (first > 0 && last > 0 && Number.isFinite(ratio) && ratio < VANISHING) {
      return `Vanishing gradients: the first layer's weights get ${formatMagnitude(ratio)} times `
        + 'the gradient of the last layer\'s, so they hardly move. Each layer back multiplies δ by φ′(net), '
        + 'at most ¼ for a sigmoid.';
    }
  }
  return '';
}

/**
 * The log axis's range: whole decades (log₁₀) around every drawable value
 * (positive and finite), at least one decade; 10⁻⁴ to 10⁰ when there is none.
 * @param {Float64Array} flow  epoch, then one value per layer, per record
 * @param {number} stride  1 + layers
 * @param {number} layers
 */
export function decades(flow, stride, layers) {
  const n = flow.length / stride;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < n; i += 1) {
    for (let l = 0; l < layers; l += 1) {
      const v = flow[stride * i + 1 + l];
      if (!(v > 0) || !Number.isFinite(v)) continue;
      const d = Math.log10(v);
      if (d < low) low = d;
      if (d > high) high = d;
    }
  }
  if (!Number.isFinite(low)) {
    low = -4;
    high = 0;
  }
  low = Math.floor(low);
  high = Math.max(low + 1, Math.ceil(high));
  return { low, high };
}

/**
 * The grid lines at every few decades with their labels, the epoch axis and
 * its two ends' labels.
 * @param {CanvasRenderingContext2D} ctx
 * @param {ReturnType<typeof chartTheme>} theme
 * @param {{ left: number, top: number, width: number, height: number }} box  the plot's area, CSS pixels
 * @param {{ low: number, high: number, yOf: (d: number) => number }} axis  decades shown, and a decade's y
 * @param {number} scale  device pixels per CSS pixel
 * @param {(v: number) => number} crisp  a coordinate on a device pixel's centre
 * @param {string | null} firstLabel  the first epoch, or null for none
 * @param {string} lastLabel
 */
function drawAxes(ctx, theme, { left, top, width, height }, { low, high, yOf }, scale, crisp, firstLabel, lastLabel) {
  ctx.font = theme.font;
  ctx.lineWidth = 1 / scale;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = theme.muted;
  ctx.strokeStyle = theme.grid;
  ctx.beginPath();
  const every = Math.max(1, Math.ceil((high - low) / 4));
  for (let d = low; d <= high; d += every) {
    const y = crisp(yOf(d));
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.fillText(`10${sup(d)}`, left - 5, y);
  }
  ctx.stroke();

  ctx.strokeStyle = theme.muted;
  ctx.beginPath();
  const bottom = crisp(top + height);
  ctx.moveTo(left, bottom);
  ctx.lineTo(left + width, bottom);
  ctx.stroke();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  if (firstLabel !== null) ctx.fillText(firstLabel, left, top + height + 5);
  ctx.textAlign = 'right';
  ctx.fillText(lastLabel, left + width, top + height + 5);
}

/**
 * @param {HTMLElement} figure  holds a canvas, a `.gradflow-readout`, a `.gradflow-legend` and a `.gradflow-note`
 * @returns {GradientFlowChart}
 */
export function createGradientFlowChart(figure) {
  const canvas = figurePart(figure, 'canvas', HTMLCanvasElement);
  const readout = figurePart(figure, '.gradflow-readout', HTMLElement);
  const legend = figurePart(figure, '.gradflow-legend', HTMLElement);
  const note = figurePart(figure, '.gradflow-note', HTMLElement);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas is not available');
  const defaultText = readout.textContent ?? '';
  canvas.tabIndex = 0;
  canvas.setAttribute('aria-describedby', `${readout.id} ${legend.id}`);
  canvas.setAttribute('aria-roledescription', 'chart');

  /** Epoch, then one value per layer, per recorded epoch. */
  /** @type {Float64Array} */
  let flow = new Float64Array(0);
  let layers = 0;
  let stride = 1;
  /** @type {string[]} */
  let names = [];
  /** @type {Run | null} */
  let shownPg = null;
  let shownEpoch = -1;
  let frame = { left: MARGIN.left, width: 1, first: 0, last: 1 };
  /** The record read by pointer, touch or keyboard. */
  const cursor = createCursor(canvas, readout, {
    records: () => flow,
    stride: () => stride,
    frame: () => frame,
    redraw,
  });
  const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
  let theme = readTheme();

  function readTheme() {
    return { ...chartTheme(figure), dark: darkQuery.matches };
  }

  const count = () => flow.length / stride;

  /** @param {number} i  recorded point */
  function valuesAt(i) {
    return names.map((name, l) => `${name} ${formatMagnitude(flow[stride * i + 1 + l])}`);
  }

  /** Runs every frame while training: the DOM is touched only when the text changes. */
  function writeReadout() {
    const i = cursor.index();
    const text = i < 0 ? defaultText : `Epoch ${flow[stride * i]} · ${valuesAt(i).join(' · ')}`;
    if (readout.textContent !== text) readout.textContent = text;
    readout.classList.toggle('is-reading', i >= 0);
  }

  /** @type {HTMLElement[]} the legend's value per layer */
  let legendValues = [];

  /** The legend: one item per layer with its colour, its name and (see `writeValues`) its latest value. */
  function buildLegend() {
    const built = legendItems(figure.ownerDocument, names, theme.dark);
    legendValues = built.values;
    legend.replaceChildren(...built.items);
  }

  /** Each layer's latest value in the legend, and the note on vanishing gradients. */
  function writeValues() {
    const n = count();
    legendValues.forEach((el, l) => {
      const text = n > 0 ? formatMagnitude(flow[stride * (n - 1) + 1 + l]) : '–';
      if (el.textContent !== text) el.textContent = text;
    });
    const text = vanishingNote(flow, stride, layers);
    if (note.textContent !== text) note.textContent = text;
    if (note.hidden !== (text === '')) note.hidden = text === '';
  }

  function draw() {
    if (!ctx) return;
    const surface = beginDrawing(canvas, ctx);
    if (!surface) return;
    const { width: cssWidth, height: cssHeight, scale, crisp } = surface;

    const n = count();
    const top = MARGIN.top;
    const height = Math.max(1, cssHeight - MARGIN.top - MARGIN.bottom);
    const left = MARGIN.left;
    const width = Math.max(1, cssWidth - left - MARGIN.right);
    const first = n > 0 ? flow[0] : 0;
    const last = n > 0 ? Math.max(flow[stride * (n - 1)], first + 1) : 1;
    frame = { left, width, first, last };

    const { low, high } = decades(flow, stride, layers);
    const xOf = (/** @type {number} */ epoch) => left + ((epoch - first) / (last - first)) * width;
    const yOf = (/** @type {number} */ d) => top + (1 - (d - low) / (high - low)) * height;

    drawAxes(ctx, theme, { left, top, width, height }, { low, high, yOf }, scale, crisp,
      n > 0 ? String(first) : null, n > 0 ? `epoch ${flow[stride * (n - 1)]}` : 'epoch');

    const plot = { left, width, first, last, columns: Math.max(1, Math.round(width * scale)) };
    for (let l = 0; l < layers; l += 1) {
      strokeSeries(ctx, flow, stride, 1 + l, plot, Math.log10, yOf, layerColour(l, layers, theme.dark), 1.6);
    }

    const i = cursor.index();
    if (i >= 0) {
      /** @type {[number, string][]} */
      const dots = [];
      for (let l = 0; l < layers; l += 1) {
        const d = Math.log10(flow[stride * i + 1 + l]);
        if (Number.isFinite(d)) dots.push([yOf(d), layerColour(l, layers, theme.dark)]);
      }
      markRecord(ctx, crisp(xOf(flow[stride * i])), top, height, scale, theme.muted, theme.panel, dots, 3, 1.25);
    }
  }

  function redraw() {
    draw();
    writeReadout();
  }

  observeBackingStore(canvas, redraw);
  darkQuery.addEventListener('change', () => {
    theme = readTheme();
    buildLegend();
    writeValues();
    redraw();
  });

  return {
    update(pg, epoch) {
      if (pg === shownPg && epoch === shownEpoch) return;
      const fresh = pg !== shownPg;
      shownPg = pg;
      shownEpoch = epoch;
      // A run's weight layers are fixed: a new shape is a new Playground.
      if (fresh) {
        layers = pg.gradientLayers();
        stride = 1 + layers;
        names = layerNames(layers);
        cursor.clear();
        buildLegend();
      }
      flow = pg.gradientFlow();
      // Drawing reads the canvas's size: before the legend's texts change, so
      // that the read forces no layout.
      redraw();
      figure.dataset.epochs = String(count());
      writeValues();
    },
  };
}
