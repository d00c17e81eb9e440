// @ts-check
// Draw mode's plain logic: where a pointer falls in data units, which example
// it takes, how coordinates are written, the colour of a label, labels turned
// to the other problem, and the config an edit of the drawn points makes.
// No DOM and no state: tests/unit/draw.test.mjs checks them under node.

import { DOMAIN, PALETTES } from '../lib/plane.js';

/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../../pkg/backprop_playground.js').Point} DataPoint */
/** @typedef {import('../../pkg/backprop_playground.js').Problem} ProblemName */

/** The fewest examples a run accepts. */
export const MIN_POINTS = 2;
/** How near (CSS pixels) a pointer must come to an example to take it. */
const HIT_RADIUS = Object.freeze({ mouse: 9, pen: 9, touch: 16 });
/** The keyboard cursor's step in data units (with Shift: the fine step). */
const KEY_STEP = 0.5;
const KEY_FINE = 0.1;
/** How near (data units) the keyboard cursor must be to remove an example. */
export const KEY_REACH = 0.6;

/** @param {number} v  a coordinate kept inside the data square, to 0.01 */
export function clampCoordinate(v) {
  return Math.round(Math.min(DOMAIN, Math.max(-DOMAIN, v)) * 100) / 100;
}

/**
 * A coordinate as the messages write it: one decimal, a typographic minus.
 * @param {number} v
 */
export function formatCoordinate(v) {
  return (Math.round(v * 10) / 10).toFixed(1).replace('-', '−');
}

/**
 * Data coordinates of a point of the client area over a canvas.
 * @param {number} clientX
 * @param {number} clientY
 * @param {{ left: number, top: number, width: number, height: number }} rect  the canvas's client rectangle
 * @returns {[number, number]}
 */
export function clientToData(clientX, clientY, rect) {
  const u = (clientX - rect.left) / rect.width;
  const v = (clientY - rect.top) / rect.height;
  return [clampCoordinate(-DOMAIN + 2 * DOMAIN * u), clampCoordinate(DOMAIN - 2 * DOMAIN * v)];
}

/**
 * How far (data units) a pointer reaches on a canvas `width` CSS pixels wide.
 * @param {string} pointerType  'mouse', 'pen' or 'touch'
 * @param {number} width
 */
export function pointerReach(pointerType, width) {
  const px = HIT_RADIUS[/** @type {keyof typeof HIT_RADIUS} */ (pointerType)] ?? HIT_RADIUS.mouse;
  return (px / Math.max(1, width)) * 2 * DOMAIN;
}

/**
 * The example nearest `at` within `reach` data units, or −1.
 * @param {DataPoint[]} points
 * @param {[number, number]} at
 * @param {number} reach
 */
export function nearest(points, at, reach) {
  let best = -1;
  let bestDistance = reach;
  points.forEach((p, i) => {
    const d = Math.hypot(p.x1 - at[0], p.x2 - at[1]);
    if (d <= bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}

/**
 * The keyboard cursor's move for `key` (an arrow), or null.
 * @param {string} key
 * @param {boolean} fine  Shift is held
 * @returns {[number, number] | null}
 */
export function keyMove(key, fine) {
  const step = fine ? KEY_FINE : KEY_STEP;
  /** @type {Record<string, [number, number]>} */
  const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
  return moves[key] ?? null;
}

/**
 * The run's points (4 numbers each: x₁, x₂, label, split) as examples.
 * @param {ArrayLike<number>} raw
 * @returns {DataPoint[]}
 */
export function pointsOf(raw) {
  /** @type {DataPoint[]} */
  const points = [];
  for (let i = 0; i + 3 < raw.length; i += 4) points.push({ x1: raw[i], x2: raw[i + 1], label: raw[i + 2] });
  return points;
}

/**
 * The colour a point of `label` is drawn in (as the core colours points).
 * @param {import('../../pkg/backprop_playground.js').PaletteName} name
 * @param {ProblemName} problem
 * @param {number} label
 */
export function labelColour(name, problem, label) {
  const palette = PALETTES[name];
  if (problem === 'classification') {
    const [r, g, b] = palette.classes[label % palette.classes.length];
    return `rgb(${r}, ${g}, ${b})`;
  }
  const t = Math.min(1, Math.max(0, (label + 1) / 2));
  const [from, to, s] = t < 0.5 ? [palette.negative, palette.middle, 2 * t] : [palette.middle, palette.positive, 2 * t - 1];
  const mix = from.map((c, i) => Math.round(c + (to[i] - c) * s));
  return `rgb(${mix[0]}, ${mix[1]}, ${mix[2]})`;
}

/**
 * Labels turned to the other problem: class c of k becomes −1 + 2c/(k − 1);
 * a value becomes class 1 when y ≥ 0, else class 0.
 * @param {DataPoint[]} points
 * @param {ProblemName} to
 * @returns {DataPoint[]}
 */
export function convertLabels(points, to) {
  if (to === 'regression') {
    const k = Math.max(2, ...points.map((p) => p.label + 1));
    return points.map((p) => ({ ...p, label: Math.round((-1 + (2 * p.label) / (k - 1)) * 100) / 100 }));
  }
  return points.map((p) => ({ ...p, label: p.label >= 0 ? 1 : 0 }));
}

/**
 * The config of a run on the drawn `points`: the running one on a custom
 * dataset. A batch cannot be larger than the training set, so a few drawn
 * examples shrink it, and `note` says so ('' otherwise).
 * @param {Config} config  the running config
 * @param {DataPoint[]} points
 * @param {ProblemName} problem
 * @param {number} trainCount  how many of the points train
 * @returns {{ config: Config, note: string }}
 */
export function drawnConfig(config, points, problem, trainCount) {
  const batchSize = Math.min(config.batchSize, trainCount);
  const note = batchSize < config.batchSize ? ` Batch size is now ${batchSize}: only ${trainCount} examples train.` : '';
  return {
    config: { ...config, dataset: 'custom', customPoints: points, customProblem: problem, batchSize },
    note,
  };
}
