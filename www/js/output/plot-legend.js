// @ts-check
// The main plot's words and scales around its canvas: the caption's math, the
// colour legend (a scale bar with its labels, or one swatch per class, and the
// markers of training, test and augmented points) and the axes with their
// ticks. plot.js decides what they say (describeView) and draws the canvas.

import { augmentedMarker } from './augmented.js';
import { html } from '../lib/dom.js';
import { TICKS, dataToUnit } from '../lib/plane.js';

/** @typedef {import('./plot.js').Notation} Notation */
/** @typedef {import('./plot.js').LegendScale} LegendScale */
/** @typedef {import('../lib/plane.js').Rgb} Rgb */
/** @typedef {import('../lib/plane.js').Palette} Palette */

/** Opacity of the heatmap over white, so the points' own colours stand out. */
export const HEATMAP_ALPHA = 0.9;

/**
 * A data coordinate as tick text, with a true minus sign.
 * @param {number} value
 */
function tickText(value) {
  return value < 0 ? `−${-value}` : String(value);
}


/**
 * A palette colour as the heatmap shows it: HEATMAP_ALPHA over white.
 * @param {Rgb} rgb
 */
function shown(rgb) {
  const over = (/** @type {number} */ c) => Math.round(c * HEATMAP_ALPHA + 255 * (1 - HEATMAP_ALPHA));
  return `rgb(${over(rgb[0])}, ${over(rgb[1])}, ${over(rgb[2])})`;
}

/**
 * The colour of position t ∈ [0, 1] of a palette's scale (the core's `colour`).
 * @param {Palette} palette
 * @param {number} t
 * @returns {Rgb}
 */
function scaleColour(palette, t) {
  const mix = (/** @type {Rgb} */ a, /** @type {Rgb} */ b, /** @type {number} */ s) =>
    /** @type {Rgb} */ (a.map((x, i) => Math.round(x + (b[i] - x) * s)));
  return t < 0.5 ? mix(palette.negative, palette.middle, 2 * t) : mix(palette.middle, palette.positive, 2 * t - 1);
}

/**
 * The CSS background of a legend bar: the scale from `from` to the positive end;
 * discretized, each side of the middle in its end colour.
 * @param {Palette} palette
 * @param {number} from
 * @param {boolean} discretize
 */
function barBackground(palette, from, discretize) {
  if (discretize) {
    const split = ((0.5 - from) / (1 - from)) * 100;
    const low = shown(palette.negative);
    const high = shown(palette.positive);
    return `linear-gradient(to right, ${low} 0 ${split}%, ${high} ${split}% 100%)`;
  }
  const stops = [];
  for (let k = 0; k <= 8; k += 1) {
    const t = from + ((1 - from) * k) / 8;
    stops.push(`${shown(scaleColour(palette, t))} ${(k / 8) * 100}%`);
  }
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/**
 * A symbol as DOM: text, or a variable with its subscript.
 * @param {Document} doc
 * @param {Notation} part
 * @returns {Node}
 */
export function mathNode(doc, part) {
  if (typeof part === 'string') return doc.createTextNode(part);
  const math = html(doc, 'span', 'plot-math');
  math.append(html(doc, 'var', undefined, part[0]), html(doc, 'sub', undefined, part[1]));
  return math;
}

/**
 * A symbol as plain text, for labels read aloud (oⱼ reads "o j").
 * @param {Notation} part
 */
function mathText(part) {
  return typeof part === 'string' ? part : `${part[0]} ${part[1]}`;
}

/**
 * A point marker of the key, drawn like the canvas draws points.
 * @param {Document} doc
 * @param {boolean} test
 */
function pointMarker(doc, test) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 12 12');
  svg.setAttribute('class', `plot-key-marker ${test ? 'is-test' : 'is-train'}`);
  svg.setAttribute('aria-hidden', 'true');
  const circle = doc.createElementNS(ns, 'circle');
  circle.setAttribute('cx', '6');
  circle.setAttribute('cy', '6');
  circle.setAttribute('r', test ? '4' : '4.2');
  svg.append(circle);
  return svg;
}

/**
 * Rebuilds the legend for a scale.
 * @param {HTMLElement} legend
 * @param {LegendScale} scale
 * @param {Palette} palette
 * @param {boolean} discretize
 * @param {boolean} showTest
 * @param {boolean} showAugmented
 */
export function writeLegend(legend, scale, palette, discretize, showTest, showAugmented) {
  const doc = legend.ownerDocument;
  const parts = [];
  if (scale.kind === 'scale') {
    const box = html(doc, 'div', 'plot-scale');
    box.dataset.kind = 'scale';
    const symbol = html(doc, 'span', 'plot-scale-symbol');
    symbol.append(mathNode(doc, scale.symbol));
    const track = html(doc, 'div', 'plot-scale-track');
    const bar = html(doc, 'div', 'plot-scale-bar');
    bar.style.background = barBackground(palette, scale.from, discretize);
    const labels = html(doc, 'div', 'plot-scale-labels');
    const [low, middle, high] = scale.labels;
    labels.append(
      html(doc, 'span', 'plot-scale-low', low),
      html(doc, 'span', 'plot-scale-middle', middle),
      html(doc, 'span', 'plot-scale-high', high),
    );
    track.append(bar, labels);
    box.append(symbol, track);
    box.setAttribute('role', 'img');
    box.setAttribute('aria-label', `Colour scale of ${mathText(scale.symbol) || 'the node'}: ${low} to ${high}`);
    parts.push(box);
  } else {
    const list = html(doc, 'ul', 'plot-classes');
    list.dataset.kind = 'classes';
    list.setAttribute('aria-label', 'Class colours');
    for (let c = 0; c < scale.count; c += 1) {
      const item = html(doc, 'li', 'plot-class');
      const swatch = html(doc, 'span', 'plot-class-swatch');
      swatch.style.background = shown(palette.classes[c % palette.classes.length]);
      item.append(swatch, `class ${c}`);
      list.append(item);
    }
    parts.push(list);
  }
  const key = html(doc, 'ul', 'plot-key');
  key.setAttribute('aria-label', 'Point markers');
  const train = html(doc, 'li', 'plot-key-item');
  train.append(pointMarker(doc, false), 'training');
  key.append(train);
  if (showTest) {
    const test = html(doc, 'li', 'plot-key-item');
    test.append(pointMarker(doc, true), 'test');
    key.append(test);
  }
  if (showAugmented) {
    const moved = html(doc, 'li', 'plot-key-item');
    moved.append(augmentedMarker(doc), 'augmented (this epoch)');
    key.append(moved);
  }
  parts.push(key);
  legend.replaceChildren(...parts);
}

/**
 * Adds the axes around the canvas: ticks at TICKS on both, labels x₁ and x₂
 * near their positive ends. Pure decoration for sighted readers; the canvas's
 * own label names the square.
 * @param {HTMLElement} frame  the canvas's parent
 */
export function buildAxes(frame) {
  const doc = frame.ownerDocument;
  frame.querySelectorAll(':scope > .plot-axis').forEach((node) => node.remove());
  /** @param {'x' | 'y'} axis */
  const build = (axis) => {
    const box = html(doc, 'div', `plot-axis plot-axis-${axis}`);
    box.setAttribute('aria-hidden', 'true');
    for (const value of TICKS) {
      const tick = html(doc, 'span', 'plot-tick', tickText(value));
      const [u, v] = dataToUnit(value, value);
      if (axis === 'x') tick.style.left = `${u * 100}%`;
      else tick.style.top = `${v * 100}%`;
      box.append(tick);
    }
    // Between the last two ticks, like the arrowhead of an axis in a textbook.
    const [u, v] = dataToUnit(4.5, 4.5);
    const title = html(doc, 'span', 'plot-axis-title');
    title.append(html(doc, 'var', undefined, 'x'), html(doc, 'sub', undefined, axis === 'x' ? '1' : '2'));
    if (axis === 'x') title.style.left = `${u * 100}%`;
    else title.style.top = `${v * 100}%`;
    box.append(title);
    return box;
  };
  frame.append(build('x'), build('y'));
}
