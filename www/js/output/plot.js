// @ts-check
// The main plot: the decision map (or a focused node's heatmap) over the input
// square [−6, 6]², the data points on top, axes with ticks around it, a caption
// saying what is shown and a colour legend.
//
// The canvas shows exactly the data square, edge to edge: axes and ticks are HTML
// around it, so a pixel's position is a data coordinate and nothing else. Its
// backing store follows its CSS size times the device pixel ratio, so the point
// markers stay crisp on HiDPI screens. The heatmap is a canvas of its own under
// it, at the engine's grid size (100²), scaled by the browser's compositor: a
// frame writes 10,000 pixels on the main thread instead of resampling them onto
// the plot's whole backing store.

import { drawAugmented } from './augmented.js';
import { createPointSprites, drawPoints } from './plot-points.js';
import { HEATMAP_ALPHA, buildAxes, mathNode, writeLegend } from './plot-legend.js';
import { PALETTES, dataToUnit, laidOutSize, observeBackingStore } from '../lib/plane.js';
import { FEATURE_SYMBOLS } from '../lib/notation.js';
import { frameOf } from '../lib/dom.js';

/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('../../pkg/backprop_playground.js').Feature} FeatureName */
/** @typedef {import('../../pkg/backprop_playground.js').Activation} ActivationName */
/** @typedef {import('../../pkg/backprop_playground.js').PaletteName} PaletteName */
/** @typedef {import('../network/network.js').Display} Display */
/** @typedef {import('../lib/plane.js').Rgb} Rgb */
/** @typedef {import('../lib/plane.js').Palette} Palette */

/**
 * The scale the core colours each feature on (crate/src/playground.rs,
 * `feature_range`), as legend labels: low end, middle, high end.
 * @type {Readonly<Record<FeatureName, [string, string, string]>>}
 */
const FEATURE_SCALES = Object.freeze({
  x1: ['−6', '0', '6'],
  x2: ['−6', '0', '6'],
  x1Sq: ['0', '18', '36'],
  x2Sq: ['0', '18', '36'],
  x1x2: ['−18', '0', '18'],
  sinX1: ['−1', '0', '1'],
  sinX2: ['−1', '0', '1'],
});




/**
 * The structure of a network, read once per Playground: what the caption and
 * the legend need to name a node and its colour scale.
 * @typedef {object} NetInfo
 * @property {number[]} sizes             [inputs, hidden..., outputs]
 * @property {FeatureName[]} features     the active input features, in node order
 * @property {ActivationName[]} activations  φ of every layer after the inputs
 * @property {boolean} classification
 */

/**
 * What a legend shows: a colour scale with its labels, or one swatch per class.
 * `from` is where the bar starts on the palette (0: the negative end; 0.5: the
 * middle, for a node that is never negative).
 * @typedef {{ kind: 'scale', symbol: Notation, labels: [string, string, string], from: number }} ScaleBar
 * @typedef {ScaleBar | { kind: 'classes', count: number }} LegendScale
 */

/**
 * A symbol: plain text, or [base, subscript] set as math (oⱼ as ['o', 'j']).
 * @typedef {string | [string, string]} Notation
 */

/**
 * What the plot shows for a focus: the caption's parts and the legend's scale.
 * @typedef {object} View
 * @property {Notation[]} caption
 * @property {LegendScale} scale
 */

/**
 * The legend scale of a node whose values are φ(net_j): the range the core
 * colours it on (crate/src/activation.rs, `display_range`). Unbounded
 * activations are clamped by the core at ±1, which the labels say.
 * @param {ActivationName} activation
 * @param {Notation} symbol
 * @returns {ScaleBar}
 */
function activationScale(activation, symbol) {
  switch (activation) {
    case 'sigmoid':
    case 'step':
    case 'softmax':
      return { kind: 'scale', symbol, labels: ['0', '0.5', '1'], from: 0 };
    case 'tanh':
      return { kind: 'scale', symbol, labels: ['−1', '0', '1'], from: 0 };
    case 'relu':
      // Never negative: only the middle → positive half of the scale is used.
      return { kind: 'scale', symbol, labels: ['0', '0.5', '≥ 1'], from: 0.5 };
    case 'linear':
    case 'leakyRelu':
      return { kind: 'scale', symbol, labels: ['≤ −1', '0', '≥ 1'], from: 0 };
    default:
      // An activation this page does not know yet: its scale is unknown too.
      return { kind: 'scale', symbol, labels: ['low', '', 'high'], from: 0 };
  }
}

/**
 * What the plot shows: the output (focus null) or one node, numbered layer by
 * layer from the inputs (active features, then hidden units, then outputs).
 * @param {NetInfo} net
 * @param {number | null} focus
 * @param {boolean} discretize
 * @returns {View}
 */
export function describeView(net, focus, discretize) {
  const outputs = net.sizes[net.sizes.length - 1];
  const outputActivation = net.activations[net.activations.length - 1];
  /** @type {ScaleBar} */
  const outputScale = net.classification
    ? { kind: 'scale', symbol: 'ŷ', labels: ['0', '0.5', '1'], from: 0 }
    : activationScale(outputActivation, 'ŷ');

  if (focus === null) {
    if (outputs >= 2) {
      return {
        caption: discretize
          ? ['Predicted class over the input plane']
          : ['Most likely class over the input plane (pale: unsure)'],
        scale: { kind: 'classes', count: outputs },
      };
    }
    return { caption: ['Output ŷ over the input plane'], scale: outputScale };
  }

  let first = 0;
  for (let layer = 0; layer < net.sizes.length; layer += 1) {
    const size = net.sizes[layer];
    if (focus < first + size) {
      const unit = focus - first;
      if (layer === 0) {
        const feature = net.features[unit];
        const symbol = /** @type {Record<string, string>} */ (FEATURE_SYMBOLS)[feature] ?? feature;
        return {
          caption: [`Input ${symbol} over the input plane`],
          scale: { kind: 'scale', symbol, labels: FEATURE_SCALES[feature] ?? ['low', '', 'high'], from: 0 },
        };
      }
      if (layer === net.sizes.length - 1) {
        if (outputs === 1) return { caption: ['Output ŷ over the input plane'], scale: outputScale };
        return {
          caption: [`Output for class ${unit}: `, ['ŷ', String(unit)], ' over the input plane'],
          scale: { ...outputScale, symbol: ['ŷ', String(unit)] },
        };
      }
      return {
        caption: [`Hidden layer ${layer}, unit ${unit + 1}: output `, ['o', 'j'], ' over the input plane'],
        scale: activationScale(net.activations[layer - 1], ['o', 'j']),
      };
    }
    first += size;
  }
  // A node the network does not have (a stale focus): say so rather than guess.
  return { caption: [`Node ${focus} over the input plane`], scale: { kind: 'scale', symbol: '', labels: ['low', '', 'high'], from: 0 } };
}

/**
 * @typedef {object} BoundaryPlot
 * @property {(pg: Run) => void} setData  reads the (fixed) points and the structure of a new Playground
 * @property {(pg: Run, display: Display) => void} draw
 *   redraws from the run's latest pictures (app/engine-pictures.js):
 *   the decision map, or the focused node's heatmap, the points, the caption and the legend
 * @property {(name: PaletteName) => void} setPalette
 *   call after `pg.setPalette(name)`: the legend takes the palette's colours and the
 *   points' colours are read again from the core at the next draw. Optional while
 *   the page marks the palette on `<html data-palette>`, which the plot follows
 *   until this is first called
 */

/**
 * Writes an RGBA picture as it shows over white at HEATMAP_ALPHA (times its own
 * alpha), opaque: the legend's colours (plot-legend.js) are computed the same way.
 * @param {Uint8ClampedArray} src
 * @param {Uint8ClampedArray} out  as long as src
 */
export function overWhite(src, out) {
  for (let i = 0; i < src.length; i += 4) {
    const a = (HEATMAP_ALPHA * src[i + 3]) / 255;
    const white = 255 * (1 - a);
    out[i] = src[i] * a + white;
    out[i + 1] = src[i + 1] * a + white;
    out[i + 2] = src[i + 2] * a + white;
    out[i + 3] = 255;
  }
}

/**
 * The plot draws into `canvas` and, when present, fills the `.plot-caption` and
 * `.plot-legend` of the `.plot` around it and adds axes to the canvas's parent.
 * @param {HTMLCanvasElement} canvas
 * @returns {BoundaryPlot}
 */
export function createBoundaryPlot(canvas) {
  const ctx = canvas.getContext('2d');
  const doc = canvas.ownerDocument;
  const sprites = createPointSprites(doc);
  // The heatmap at grid resolution (the size the engine's picture has), laid
  // under the canvas and stretched over the data square by CSS (output.css);
  // white until the first picture.
  const grid = doc.createElement('canvas');
  grid.className = 'plot-heatmap';
  grid.setAttribute('aria-hidden', 'true');
  grid.width = 1;
  grid.height = 1;
  canvas.before(grid);
  const gridCtx = grid.getContext('2d');
  if (!ctx || !gridCtx) throw new Error('2D canvas is not available');
  /** @type {ImageData | null} the picture over white, reused from frame to frame */
  let gridImage = null;

  const container = canvas.closest('.plot');
  const caption = container?.querySelector('.plot-caption') ?? null;
  const legend = container?.querySelector('.plot-legend') ?? null;
  if (canvas.parentElement) buildAxes(canvas.parentElement);

  /** @type {{ points: Float64Array, colors: Uint8Array }} */
  let data = { points: new Float64Array(0), colors: new Uint8Array(0) };
  /** @type {Run | null} */
  let current = null;
  /** @type {NetInfo} */
  let net = { sizes: [2, 1], features: ['x1', 'x2'], activations: ['sigmoid'], classification: true };
  let showTest = true;
  /** This epoch's augmented training points while they are shown, else null. */
  /** @type {Float64Array | null} */
  let augmented = null;
  let colorsStale = false;
  /** @type {import('../app/engine-pictures.js').Pictures | null} the pictures on the grid canvas */
  let drawnPictures = null;
  /** @type {unknown[]} what the canvas last rendered */
  let renderedKey = [];
  /**
   * The palette named by setPalette; until it is called, the page's
   * `<html data-palette>` (set where the core's palette is switched) is followed.
   * @type {PaletteName | null}
   */
  let chosenPalette = null;
  const paletteName = () => {
    const name = chosenPalette ?? frameOf(canvas).dataset.palette;
    return name === 'colorBlind' ? 'colorBlind' : 'default';
  };
  // What the caption and legend were last written for; they are rebuilt only on change.
  let shownKey = '';
  function render() {
    if (!ctx) return;
    const width = canvas.width;
    const height = canvas.height;
    const cssWidth = laidOutSize(canvas).width;
    const scale = cssWidth > 0 ? width / cssWidth : window.devicePixelRatio || 1;

    ctx.clearRect(0, 0, width, height);
    drawPoints(ctx, data, showTest, width, height, scale, sprites);
    if (augmented && augmented.length > 0) drawAugmented(ctx, augmented, data, dataToUnit, scale);
  }

  observeBackingStore(canvas, render);

  /**
   * Writes the caption and legend for what is drawn, if that changed.
   * @param {Display} display
   */
  function describe(display) {
    const palette = paletteName();
    const key = `${display.focus}|${display.discretize}|${display.showTest}|${display.showAugmented}|${palette}`;
    if (key === shownKey) return;
    shownKey = key;
    const view = describeView(net, display.focus, display.discretize);
    if (caption instanceof HTMLElement) caption.replaceChildren(...view.caption.map((part) => mathNode(doc, part)));
    if (legend instanceof HTMLElement) {
      writeLegend(legend, view.scale, PALETTES[palette], display.discretize, display.showTest, display.showAugmented);
    }
  }

  /** @param {Run} pg */
  function setData(pg) {
    current = pg;
    colorsStale = false;
    data = { points: pg.points(), colors: pg.pointColors() };
    net = {
      sizes: Array.from(pg.layerSizes()),
      features: pg.featureNames(),
      activations: pg.weights().layers.map((layer) => layer.activation),
      classification: pg.isClassification(),
    };
    shownKey = '';
  }

  return {
    setData,
    draw(pg, display) {
      if (pg !== current) setData(pg);
      if (colorsStale) {
        data = { points: data.points, colors: pg.pointColors() };
        colorsStale = false;
      }
      showTest = display.showTest;
      augmented = display.showAugmented ? pg.augmentedPoints() : null;
      // The engine's latest picture, at the size it chose; none yet: the last one stays.
      const shown = pg.pictures();
      if (shown && shown !== drawnPictures) {
        drawnPictures = shown;
        const size = shown.plotSize;
        if (grid.width !== size || !gridImage || gridImage.width !== size) {
          grid.width = size;
          grid.height = size;
          gridImage = new ImageData(size, size);
        }
        overWhite(shown.plot, gridImage.data);
        gridCtx.putImageData(gridImage, 0, 0);
      }
      // Nothing the canvas shows changed (a snapshot without new pictures, or
      // one that changed only the heatmap under it): it keeps what it has.
      const key = [data, showTest, augmented, canvas.width, canvas.height];
      if (key.some((part, k) => part !== renderedKey[k])) {
        renderedKey = key;
        render();
      }
      describe(display);
    },
    setPalette(name) {
      if (!(name in PALETTES)) return;
      chosenPalette = name;
      colorsStale = true;
      shownKey = '';
    },
  };
}
