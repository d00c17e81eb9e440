// @ts-check
// Draw mode's overlay: a transparent canvas over the plot that shows the
// gesture under way (the point being added or dragged, what the eraser took,
// the example under the mouse), the keyboard cursor, and, while fewer than two
// examples are drawn, the drawing itself on a blank plane.

import { labelColour } from './draw-points.js';
import { dataToUnit, POINT_EDGE, POINT_RADIUS } from '../lib/plane.js';

/** @typedef {import('../../pkg/backprop_playground.js').Point} DataPoint */
/** @typedef {import('../../pkg/backprop_playground.js').Problem} ProblemName */
/** @typedef {import('../../pkg/backprop_playground.js').PaletteName} PaletteName */


/**
 * @typedef {{ kind: 'add', pointerId: number, at: [number, number] }
 *   | { kind: 'drag', pointerId: number, index: number, to: [number, number], start: [number, number], moved: boolean }
 *   | { kind: 'erase', pointerId: number, removed: Set<number> }} Gesture
 */

/**
 * Where draw mode is: the state the pointer, the keys and the overlay share.
 * @typedef {object} DrawSession
 * @property {boolean} on  draw mode is on
 * @property {DataPoint[] | null} draft  examples drawn while there are fewer than a run accepts; null otherwise
 * @property {Gesture | null} gesture
 * @property {number} hover  the example under the mouse, to show what a click would take; −1 for none
 * @property {[number, number]} cursor  the keyboard cursor, in data units
 * @property {boolean} cursorShown
 */

/**
 * What the overlay shows besides the session.
 * @typedef {object} OverlayScene
 * @property {() => DataPoint[]} points  the examples being edited
 * @property {ProblemName} problem
 * @property {PaletteName} palette
 * @property {() => number} newLabel  the label a new example gets
 * @property {string} tool  'add' or 'erase'
 */

/**
 * A brush on the overlay's context: data coordinates in, device pixels drawn.
 * @param {CanvasRenderingContext2D} ctx
 * @param {number} width
 * @param {number} height
 * @param {number} ratio  device pixels per CSS pixel
 */
function brush(ctx, width, height, ratio) {
  const r = POINT_RADIUS * ratio;
  /** @param {[number, number]} at @returns {[number, number]} */
  const px = (at) => {
    const [u, v] = dataToUnit(at[0], at[1]);
    return [u * width, v * height];
  };
  /** @param {[number, number]} at @param {string} fill @param {number} [scale] */
  const dot = (at, fill, scale = 1) => {
    const [x, y] = px(at);
    ctx.beginPath();
    ctx.arc(x, y, r * scale, 0, 2 * Math.PI);
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.lineWidth = 1.2 * ratio;
    ctx.strokeStyle = POINT_EDGE;
    ctx.stroke();
  };
  /** @param {[number, number]} at @param {number} radius @param {string} colour */
  const ring = (at, radius, colour) => {
    const [x, y] = px(at);
    ctx.beginPath();
    ctx.arc(x, y, radius * ratio, 0, 2 * Math.PI);
    ctx.lineWidth = 2 * ratio;
    ctx.strokeStyle = colour;
    ctx.stroke();
  };
  return { px, dot, ring };
}

/**
 * Redraws the overlay: the drawing under way, the gesture, the cursor.
 * @param {HTMLCanvasElement} overlay
 * @param {DrawSession} session
 * @param {OverlayScene} scene
 */
export function paintOverlay(overlay, session, scene) {
  overlay.hidden = !session.on;
  if (!session.on) return;
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(overlay.clientWidth * ratio);
  const height = Math.round(overlay.clientHeight * ratio);
  if (width < 1 || height < 1) return;
  if (overlay.width !== width || overlay.height !== height) {
    overlay.width = width;
    overlay.height = height;
  }
  const ctx = overlay.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, width, height);
  const b = brush(ctx, width, height, ratio);
  const points = scene.points();
  const { draft, gesture, hover } = session;
  if (draft) {
    // No run matches the drawing yet: it covers the plot on a blank plane.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    for (const p of draft) b.dot([p.x1, p.x2], labelColour(scene.palette, scene.problem, p.label));
    if (draft.length === 0) {
      ctx.fillStyle = '#5c6878';
      ctx.font = `${14 * ratio}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.fillText('Click or tap to add examples', width / 2, height / 2);
    }
  }
  if (gesture) paintGesture(ctx, b, ratio, gesture, points, scene);
  else if (hover >= 0 && points[hover]) {
    b.ring([points[hover].x1, points[hover].x2], POINT_RADIUS + 4, scene.tool === 'erase' ? '#b3261e' : POINT_EDGE);
  }
  if (session.cursorShown) {
    const [x, y] = b.px(session.cursor);
    const s = 9 * ratio;
    ctx.lineWidth = 1.5 * ratio;
    ctx.strokeStyle = 'rgba(22, 27, 34, 0.95)';
    ctx.beginPath();
    ctx.moveTo(x - s, y);
    ctx.lineTo(x + s, y);
    ctx.moveTo(x, y - s);
    ctx.lineTo(x, y + s);
    ctx.stroke();
    b.ring(session.cursor, 6, 'rgba(255, 255, 255, 0.9)');
  }
}

/**
 * The gesture under way: the dragged point and its path, the point being
 * added, or a cross on each example the eraser took.
 * @param {CanvasRenderingContext2D} ctx
 * @param {ReturnType<typeof brush>} b
 * @param {number} ratio
 * @param {Gesture} gesture
 * @param {DataPoint[]} points
 * @param {OverlayScene} scene
 */
function paintGesture(ctx, b, ratio, gesture, points, scene) {
  if (gesture.kind === 'drag') {
    const from = points[gesture.index];
    if (from && gesture.moved) {
      const [x0, y0] = b.px([from.x1, from.x2]);
      const [x1, y1] = b.px(gesture.to);
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.setLineDash([4 * ratio, 3 * ratio]);
      ctx.lineWidth = 1.5 * ratio;
      ctx.strokeStyle = 'rgba(22, 27, 34, 0.8)';
      ctx.stroke();
      ctx.setLineDash([]);
      b.dot(gesture.to, labelColour(scene.palette, scene.problem, from.label), 1.3);
    } else if (from) {
      b.ring([from.x1, from.x2], POINT_RADIUS + 4, POINT_EDGE);
    }
  } else if (gesture.kind === 'add') {
    b.dot(gesture.at, labelColour(scene.palette, scene.problem, scene.newLabel()), 1.3);
  } else {
    ctx.lineWidth = 2 * ratio;
    ctx.strokeStyle = '#b3261e';
    for (const i of gesture.removed) {
      const p = points[i];
      if (!p) continue;
      const [x, y] = b.px([p.x1, p.x2]);
      const s = (POINT_RADIUS + 2) * ratio;
      ctx.beginPath();
      ctx.moveTo(x - s, y - s);
      ctx.lineTo(x + s, y + s);
      ctx.moveTo(x + s, y - s);
      ctx.lineTo(x - s, y + s);
      ctx.stroke();
    }
  }
}
