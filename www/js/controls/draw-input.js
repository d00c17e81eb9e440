// @ts-check
// Draw mode's input: Pointer Events on the plot (mouse, pen and touch alike:
// a tap adds, a drag moves, the eraser or a right-click removes) and the
// keyboard (arrows move a cursor, Enter adds or erases there, Delete removes).
// Each finished gesture hands its edited points to `commit`.

import { KEY_REACH, clampCoordinate, clientToData, formatCoordinate, keyMove, nearest, pointerReach } from './draw-points.js';

/** @typedef {import('../../pkg/backprop_playground.js').Point} DataPoint */
/** @typedef {import('./draw-overlay.js').DrawSession} DrawSession */

/** A press that moves less than this (CSS pixels) is a tap, not a drag. */
const DRAG_THRESHOLD = 4;

/**
 * What the input edits and how.
 * @typedef {object} DrawEditor
 * @property {DrawSession} session
 * @property {() => DataPoint[]} points  the examples being edited
 * @property {() => string} tool  'add' or 'erase'
 * @property {() => number} newLabel  the label new examples get
 * @property {(points: DataPoint[], done: string) => boolean} commit  makes `points` the run's data
 * @property {() => void} paint  redraws the overlay
 * @property {(text: string) => void} say
 */

/**
 * @param {HTMLCanvasElement} canvas
 * @param {DrawEditor} editor
 */
export function wirePointer(canvas, editor) {
  const { session } = editor;
  /** @param {PointerEvent | MouseEvent} event */
  const toData = (event) => clientToData(event.clientX, event.clientY, canvas.getBoundingClientRect());
  /** @param {PointerEvent} event */
  const reachOf = (event) => pointerReach(event.pointerType, canvas.getBoundingClientRect().width);

  canvas.addEventListener('pointerdown', (event) => {
    if (!session.on || (event.button !== 0 && event.button !== 2)) return;
    event.preventDefault();
    const at = toData(event);
    const points = editor.points();
    const hit = nearest(points, at, reachOf(event));
    if (event.button === 2) {
      if (hit >= 0) editor.commit(points.filter((_, i) => i !== hit), 'Removed one:');
      return;
    }
    canvas.setPointerCapture(event.pointerId);
    if (editor.tool() === 'erase') {
      session.gesture = { kind: 'erase', pointerId: event.pointerId, removed: new Set(hit >= 0 ? [hit] : []) };
    } else if (hit >= 0) {
      session.gesture = { kind: 'drag', pointerId: event.pointerId, index: hit, to: at, start: [event.clientX, event.clientY], moved: false };
    } else {
      session.gesture = { kind: 'add', pointerId: event.pointerId, at };
    }
    editor.paint();
  });

  canvas.addEventListener('pointermove', (event) => {
    if (!session.on) return;
    const gesture = session.gesture;
    if (!gesture) {
      if (event.pointerType === 'mouse') {
        const next = nearest(editor.points(), toData(event), reachOf(event));
        if (next !== session.hover) {
          session.hover = next;
          editor.paint();
        }
      }
      return;
    }
    if (event.pointerId !== gesture.pointerId) return;
    if (gesture.kind === 'drag') {
      gesture.to = toData(event);
      const moved = Math.hypot(event.clientX - gesture.start[0], event.clientY - gesture.start[1]);
      if (moved > DRAG_THRESHOLD) gesture.moved = true;
    } else if (gesture.kind === 'erase') {
      const hit = nearest(editor.points(), toData(event), reachOf(event));
      if (hit >= 0) gesture.removed.add(hit);
    } else {
      gesture.at = toData(event);
    }
    editor.paint();
  });

  canvas.addEventListener('pointerup', (event) => {
    const done = session.gesture;
    if (!done || event.pointerId !== done.pointerId) return;
    session.gesture = null;
    session.hover = -1;
    const points = editor.points();
    if (done.kind === 'add') {
      editor.commit([...points, { x1: done.at[0], x2: done.at[1], label: editor.newLabel() }], `Added at (${formatCoordinate(done.at[0])}, ${formatCoordinate(done.at[1])}):`);
    } else if (done.kind === 'drag' && done.moved) {
      const moved = points.map((p, i) => (i === done.index ? { ...p, x1: done.to[0], x2: done.to[1] } : p));
      editor.commit(moved, `Moved to (${formatCoordinate(done.to[0])}, ${formatCoordinate(done.to[1])}):`);
    } else if (done.kind === 'erase' && done.removed.size > 0) {
      editor.commit(points.filter((_, i) => !done.removed.has(i)), `Removed ${done.removed.size}:`);
    } else {
      editor.paint();
    }
  });

  canvas.addEventListener('pointercancel', () => {
    session.gesture = null;
    editor.paint();
  });
  canvas.addEventListener('pointerleave', (event) => {
    if (event.pointerType === 'mouse' && session.hover >= 0) {
      session.hover = -1;
      editor.paint();
    }
  });
  canvas.addEventListener('contextmenu', (event) => {
    if (session.on) event.preventDefault();
  });
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {DrawEditor} editor
 */
export function wireKeyboard(canvas, editor) {
  const { session } = editor;
  canvas.addEventListener('focus', () => {
    if (!session.on) return;
    session.cursorShown = true;
    editor.paint();
  });
  canvas.addEventListener('blur', () => {
    session.cursorShown = false;
    editor.paint();
  });
  canvas.addEventListener('keydown', (event) => {
    if (!session.on) return;
    const move = keyMove(event.key, event.shiftKey);
    if (move) {
      event.preventDefault();
      const cursor = session.cursor;
      session.cursor = [clampCoordinate(cursor[0] + move[0]), clampCoordinate(cursor[1] + move[1])];
      session.cursorShown = true;
      editor.say(`Cursor at (${formatCoordinate(session.cursor[0])}, ${formatCoordinate(session.cursor[1])}).`);
      editor.paint();
      return;
    }
    const points = editor.points();
    const cursor = session.cursor;
    const removeNearest = () => {
      const hit = nearest(points, cursor, KEY_REACH);
      if (hit < 0) editor.say(`No example within ${KEY_REACH} of the cursor.`);
      else editor.commit(points.filter((_, i) => i !== hit), 'Removed one:');
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (editor.tool() === 'erase') removeNearest();
      else editor.commit([...points, { x1: cursor[0], x2: cursor[1], label: editor.newLabel() }], `Added at (${formatCoordinate(cursor[0])}, ${formatCoordinate(cursor[1])}):`);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      removeNearest();
    }
  });
}
