// @ts-check
// Drawing data on the main plot. In draw mode a click or tap adds an example of
// the chosen class (or value), a drag moves one, the eraser (or a right-click)
// removes them, and the arrow keys with Enter and Delete do the same from the
// keyboard. Every edit rebuilds the run on a "custom" dataset of the drawn
// points, which the core validates and splits into train and test as usual; a
// refusal shows the core's message and keeps the points the run had.
//
// Pointer Events serve mouse, pen and touch alike; in draw mode the plot sets
// `touch-action: none` so a finger draws instead of scrolling the page. A
// transparent overlay canvas shows the gesture under way (the point being
// dragged, what the eraser took) and, while fewer than two examples are drawn
// (the fewest a run accepts: one to train on, one to test), the drawing itself.

import { DOMAIN, PALETTES, dataToUnit } from '../lib/plane.js';

/** @typedef {import('../types').Config} Config */
/** @typedef {import('../types').DataPoint} DataPoint */
/** @typedef {import('../types').ProblemName} ProblemName */
/** @typedef {import('../app/state.js').AppState} AppState */

/** Most classes a custom dataset may have (crate/src/config.rs MAX_CLASSES). */
const MAX_CLASSES = 5;
/** The fewest examples a run accepts. */
const MIN_POINTS = 2;
/** How near (CSS pixels) a pointer must come to an example to take it. */
const HIT_RADIUS = Object.freeze({ mouse: 9, pen: 9, touch: 16 });
/** A press that moves less than this (CSS pixels) is a tap, not a drag. */
const DRAG_THRESHOLD = 4;
/** The keyboard cursor's step in data units (with Shift: the fine step). */
const KEY_STEP = 0.5;
const KEY_FINE = 0.1;
/** How near (data units) the keyboard cursor must be to remove an example. */
const KEY_REACH = 0.6;
const POINT_RADIUS = 3.5;

/**
 * @typedef {{ kind: 'add', pointerId: number, at: [number, number] }
 *   | { kind: 'drag', pointerId: number, index: number, to: [number, number], start: [number, number], moved: boolean }
 *   | { kind: 'erase', pointerId: number, removed: Set<number> }} Gesture
 */

/**
 * @typedef {object} DrawHooks
 * @property {(config: Partial<Config>) => string | null} apply
 *   rebuilds the run from a config; returns the core's refusal, or null
 */

/**
 * @typedef {object} Drawing
 * @property {() => void} sync  call after the run was replaced: drops a drawing
 *   of fewer than two examples and shows the run's labels
 * @property {() => boolean} active  whether draw mode is on
 */

/**
 * @template {HTMLElement} T
 * @param {Document} doc
 * @param {string} id
 * @param {new (...args: any[]) => T} type
 * @returns {T}
 */
function byId(doc, id, type) {
  const el = doc.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing or not a ${type.name}`);
  return el;
}

/** @param {number} v  a coordinate kept inside the data square, to 0.01 */
function clampCoordinate(v) {
  return Math.round(Math.min(DOMAIN, Math.max(-DOMAIN, v)) * 100) / 100;
}

/** @param {number} v */
function format(v) {
  return (Math.round(v * 10) / 10).toFixed(1).replace('-', '−');
}

/**
 * The colour a point of `label` is drawn in (as the core colours points).
 * @param {import('../types').PaletteName} name
 * @param {ProblemName} problem
 * @param {number} label
 */
function labelColour(name, problem, label) {
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
 * Wires draw mode to the plot's canvas and the draw bar under it.
 * @param {Document} doc
 * @param {AppState} state
 * @param {DrawHooks} hooks
 * @returns {Drawing}
 */
export function createDrawing(doc, state, hooks) {
  const canvas = byId(doc, 'boundary', HTMLCanvasElement);
  const frame = /** @type {HTMLElement} */ (canvas.parentElement);
  const toggle = byId(doc, 'draw-toggle', HTMLButtonElement);
  const tools = byId(doc, 'draw-tools', HTMLElement);
  const help = byId(doc, 'draw-help', HTMLElement);
  const message = byId(doc, 'draw-msg', HTMLElement);
  const classes = byId(doc, 'draw-classes', HTMLFieldSetElement);
  const valueGroup = byId(doc, 'draw-value-group', HTMLElement);
  const value = byId(doc, 'draw-value', HTMLInputElement);
  const valueOut = byId(doc, 'draw-value-out', HTMLOutputElement);
  const labels = byId(doc, 'draw-labels', HTMLSelectElement);
  const copy = byId(doc, 'draw-copy', HTMLButtonElement);
  const clear = byId(doc, 'draw-clear', HTMLButtonElement);
  const dataset = byId(doc, 'dataset', HTMLSelectElement);
  const canvasLabel = canvas.getAttribute('aria-label') ?? '';

  const overlay = doc.createElement('canvas');
  overlay.className = 'draw-overlay';
  overlay.hidden = true;
  overlay.setAttribute('aria-hidden', 'true');
  frame.append(overlay);

  for (let c = 0; c < MAX_CLASSES; c += 1) {
    const label = doc.createElement('label');
    label.className = 'draw-class';
    label.title = `New examples belong to class ${c}`;
    const input = doc.createElement('input');
    input.type = 'radio';
    input.name = 'drawClass';
    input.value = String(c);
    input.checked = c === 1;
    input.setAttribute('aria-label', `Class ${c}`);
    const swatch = doc.createElement('span');
    swatch.className = 'draw-swatch';
    swatch.dataset.class = String(c);
    swatch.setAttribute('aria-hidden', 'true');
    label.append(input, swatch, String(c));
    classes.append(label);
  }

  let on = false;
  /** Examples drawn while there are fewer than a run accepts; null otherwise. @type {DataPoint[] | null} */
  let draft = null;
  /** @type {Gesture | null} */
  let gesture = null;
  /** The example under the mouse, to show what a click would take. */
  let hover = -1;
  /** The keyboard cursor, in data units, and whether it is shown. @type {[number, number]} */
  let cursor = [0, 0];
  let cursorShown = false;

  const tool = () => /** @type {HTMLInputElement | null} */ (tools.querySelector('input[name=drawTool]:checked'))?.value ?? 'add';
  const problem = () => /** @type {ProblemName} */ (labels.value);
  const paletteName = () => (doc.documentElement.dataset.palette === 'colorBlind' ? 'colorBlind' : 'default');

  /** The label new examples get. */
  function newLabel() {
    if (problem() === 'regression') return Number(value.value);
    const checked = /** @type {HTMLInputElement | null} */ (classes.querySelector('input:checked'));
    return Number(checked?.value ?? 1);
  }

  /**
   * The examples being edited: the drawing in progress, or the run's points.
   * @returns {DataPoint[]}
   */
  function currentPoints() {
    if (draft) return draft;
    const raw = state.run.points();
    /** @type {DataPoint[]} */
    const points = [];
    for (let i = 0; i + 3 < raw.length; i += 4) points.push({ x1: raw[i], x2: raw[i + 1], label: raw[i + 2] });
    return points;
  }

  /** @param {string} text @param {'info' | 'error'} [kind] */
  function say(text, kind = 'info') {
    message.textContent = text;
    message.dataset.kind = kind;
    message.classList.toggle('is-visible', text !== '');
  }

  /**
   * Makes `points` the run's data. Fewer than two stay a drawing on the
   * overlay; otherwise the run is rebuilt on them, or, if the core refuses,
   * the run and its points stay as they were and the refusal is shown.
   * @param {DataPoint[]} points
   * @param {string} done  what to say when it worked
   * @returns {boolean} whether the points were taken
   */
  function commit(points, done) {
    if (points.length < MIN_POINTS) {
      draft = points;
      say(`${points.length === 0 ? 'Empty plane.' : 'One example.'} Add at least ${MIN_POINTS} examples: one to train on and one to test.`);
      paint();
      return true;
    }
    const trainCount = state.core.trainCount(points.length, state.config.trainRatio);
    // A batch cannot be larger than the training set: a few drawn examples
    // shrink it, and the page says so.
    const batchSize = Math.min(state.config.batchSize, trainCount);
    const batchNote = batchSize < state.config.batchSize ? ` Batch size is now ${batchSize}: only ${trainCount} examples train.` : '';
    const refusal = hooks.apply({
      ...state.config,
      dataset: 'custom',
      customPoints: points,
      customProblem: problem(),
      batchSize,
    });
    if (refusal !== null) {
      say(`Not applied, the run keeps its examples: ${refusal}`, 'error');
      paint();
      return false;
    }
    draft = null;
    say(`${done} ${points.length} examples, ${trainCount} of them train.${batchNote}`);
    paint();
    return true;
  }

  /**
   * Data coordinates of a pointer event over the canvas.
   * @param {PointerEvent | MouseEvent} event
   * @returns {[number, number]}
   */
  function toData(event) {
    const rect = canvas.getBoundingClientRect();
    const u = (event.clientX - rect.left) / rect.width;
    const v = (event.clientY - rect.top) / rect.height;
    return [clampCoordinate(-DOMAIN + 2 * DOMAIN * u), clampCoordinate(DOMAIN - 2 * DOMAIN * v)];
  }

  /**
   * The example nearest (x1, x2) within `reach` data units, or −1.
   * @param {DataPoint[]} points
   * @param {[number, number]} at
   * @param {number} reach
   */
  function nearest(points, at, reach) {
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

  /** @param {PointerEvent} event  reach of a pointer in data units */
  function reachOf(event) {
    const px = HIT_RADIUS[/** @type {keyof typeof HIT_RADIUS} */ (event.pointerType)] ?? HIT_RADIUS.mouse;
    return (px / Math.max(1, canvas.getBoundingClientRect().width)) * 2 * DOMAIN;
  }

  /** Redraws the overlay: the drawing under way, the gesture, the cursor. */
  function paint() {
    overlay.hidden = !on;
    if (!on) return;
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
    const r = POINT_RADIUS * ratio;
    const palette = paletteName();
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
      ctx.strokeStyle = 'rgba(22, 27, 34, 0.9)';
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

    const points = currentPoints();
    if (draft) {
      // No run matches the drawing yet: it covers the plot on a blank plane.
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      for (const p of draft) dot([p.x1, p.x2], labelColour(palette, problem(), p.label));
      if (draft.length === 0) {
        ctx.fillStyle = '#5c6878';
        ctx.font = `${14 * ratio}px system-ui, sans-serif`;
        ctx.textAlign = 'center';
        ctx.fillText('Click or tap to add examples', width / 2, height / 2);
      }
    }
    if (gesture?.kind === 'drag') {
      const from = points[gesture.index];
      if (from && gesture.moved) {
        const [x0, y0] = px([from.x1, from.x2]);
        const [x1, y1] = px(gesture.to);
        ctx.beginPath();
        ctx.moveTo(x0, y0);
        ctx.lineTo(x1, y1);
        ctx.setLineDash([4 * ratio, 3 * ratio]);
        ctx.lineWidth = 1.5 * ratio;
        ctx.strokeStyle = 'rgba(22, 27, 34, 0.8)';
        ctx.stroke();
        ctx.setLineDash([]);
        dot(gesture.to, labelColour(palette, problem(), from.label), 1.3);
      } else if (from) {
        ring([from.x1, from.x2], POINT_RADIUS + 4, 'rgba(22, 27, 34, 0.9)');
      }
    } else if (gesture?.kind === 'add') {
      dot(gesture.at, labelColour(palette, problem(), newLabel()), 1.3);
    } else if (gesture?.kind === 'erase') {
      ctx.lineWidth = 2 * ratio;
      ctx.strokeStyle = '#b3261e';
      for (const i of gesture.removed) {
        const p = points[i];
        if (!p) continue;
        const [x, y] = px([p.x1, p.x2]);
        const s = (POINT_RADIUS + 2) * ratio;
        ctx.beginPath();
        ctx.moveTo(x - s, y - s);
        ctx.lineTo(x + s, y + s);
        ctx.moveTo(x + s, y - s);
        ctx.lineTo(x - s, y + s);
        ctx.stroke();
      }
    } else if (hover >= 0 && points[hover]) {
      ring([points[hover].x1, points[hover].x2], POINT_RADIUS + 4, tool() === 'erase' ? '#b3261e' : 'rgba(22, 27, 34, 0.9)');
    }
    if (cursorShown) {
      const [x, y] = px(cursor);
      const s = 9 * ratio;
      ctx.lineWidth = 1.5 * ratio;
      ctx.strokeStyle = 'rgba(22, 27, 34, 0.95)';
      ctx.beginPath();
      ctx.moveTo(x - s, y);
      ctx.lineTo(x + s, y);
      ctx.moveTo(x, y - s);
      ctx.lineTo(x, y + s);
      ctx.stroke();
      ring(cursor, 6, 'rgba(255, 255, 255, 0.9)');
    }
  }

  /** Shows the pickers that fit the labels: classes, or a value. */
  function showPickers() {
    const regression = problem() === 'regression';
    classes.hidden = regression;
    valueGroup.hidden = !regression;
    copy.disabled = state.config.dataset === 'custom' && draft === null;
  }

  /** The labels the running data has. @returns {ProblemName} */
  function runProblem() {
    if (state.config.dataset === 'custom') return state.config.customProblem;
    return state.run.isClassification() ? 'classification' : 'regression';
  }

  /** @param {boolean} next */
  function setOn(next) {
    on = next;
    toggle.setAttribute('aria-pressed', String(on));
    toggle.classList.toggle('is-on', on);
    tools.hidden = !on;
    help.hidden = !on;
    frame.classList.toggle('is-drawing', on);
    if (on) {
      canvas.tabIndex = 0;
      canvas.setAttribute('role', 'application');
      canvas.setAttribute('aria-label', 'Drawing area: the input plane x1, x2 from −6 to 6');
      canvas.setAttribute('aria-describedby', 'draw-help draw-msg');
      labels.value = runProblem();
      if (state.config.dataset !== 'custom') {
        const name = dataset.selectedOptions[0]?.textContent ?? state.config.dataset;
        say(`Your first edit copies the examples of “${name}” into your own dataset; Clear starts from an empty plane.`);
      }
    } else {
      canvas.removeAttribute('tabindex');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', canvasLabel);
      canvas.removeAttribute('aria-describedby');
      if (draft) say('The drawing had fewer than 2 examples, so the run keeps its data.');
      else say('');
      draft = null;
      gesture = null;
      hover = -1;
      cursorShown = false;
    }
    showPickers();
    paint();
  }

  toggle.addEventListener('click', () => setOn(!on));
  labels.addEventListener('change', () => {
    const converted = convertLabels(currentPoints(), problem());
    showPickers();
    if (draft) {
      draft = converted;
      paint();
      return;
    }
    commit(converted, problem() === 'regression' ? 'Labels are now values:' : 'Labels are now classes:');
  });
  value.addEventListener('input', () => { valueOut.value = format(Number(value.value)); });
  copy.addEventListener('click', () => {
    draft = null;
    labels.value = runProblem();
    commit(currentPoints(), 'Copied:');
    showPickers();
  });
  clear.addEventListener('click', () => {
    commit([], '');
    showPickers();
  });

  canvas.addEventListener('pointerdown', (event) => {
    if (!on || (event.button !== 0 && event.button !== 2)) return;
    event.preventDefault();
    const at = toData(event);
    const points = currentPoints();
    const hit = nearest(points, at, reachOf(event));
    if (event.button === 2) {
      if (hit >= 0) commit(points.filter((_, i) => i !== hit), 'Removed one:');
      return;
    }
    canvas.setPointerCapture(event.pointerId);
    if (tool() === 'erase') {
      gesture = { kind: 'erase', pointerId: event.pointerId, removed: new Set(hit >= 0 ? [hit] : []) };
    } else if (hit >= 0) {
      gesture = { kind: 'drag', pointerId: event.pointerId, index: hit, to: at, start: [event.clientX, event.clientY], moved: false };
    } else {
      gesture = { kind: 'add', pointerId: event.pointerId, at };
    }
    paint();
  });

  canvas.addEventListener('pointermove', (event) => {
    if (!on) return;
    if (!gesture) {
      if (event.pointerType === 'mouse') {
        const next = nearest(currentPoints(), toData(event), reachOf(event));
        if (next !== hover) {
          hover = next;
          paint();
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
      const hit = nearest(currentPoints(), toData(event), reachOf(event));
      if (hit >= 0) gesture.removed.add(hit);
    } else {
      gesture.at = toData(event);
    }
    paint();
  });

  canvas.addEventListener('pointerup', (event) => {
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    const done = gesture;
    gesture = null;
    hover = -1;
    const points = currentPoints();
    if (done.kind === 'add') {
      commit([...points, { x1: done.at[0], x2: done.at[1], label: newLabel() }], `Added at (${format(done.at[0])}, ${format(done.at[1])}):`);
    } else if (done.kind === 'drag' && done.moved) {
      const moved = points.map((p, i) => (i === done.index ? { ...p, x1: done.to[0], x2: done.to[1] } : p));
      commit(moved, `Moved to (${format(done.to[0])}, ${format(done.to[1])}):`);
    } else if (done.kind === 'erase' && done.removed.size > 0) {
      commit(points.filter((_, i) => !done.removed.has(i)), `Removed ${done.removed.size}:`);
    } else {
      paint();
    }
  });

  canvas.addEventListener('pointercancel', () => {
    gesture = null;
    paint();
  });
  canvas.addEventListener('pointerleave', (event) => {
    if (event.pointerType === 'mouse' && hover >= 0) {
      hover = -1;
      paint();
    }
  });
  canvas.addEventListener('contextmenu', (event) => {
    if (on) event.preventDefault();
  });

  canvas.addEventListener('focus', () => {
    if (!on) return;
    cursorShown = true;
    paint();
  });
  canvas.addEventListener('blur', () => {
    cursorShown = false;
    paint();
  });
  canvas.addEventListener('keydown', (event) => {
    if (!on) return;
    const step = event.shiftKey ? KEY_FINE : KEY_STEP;
    /** @type {Record<string, [number, number]>} */
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      cursor = [clampCoordinate(cursor[0] + move[0]), clampCoordinate(cursor[1] + move[1])];
      cursorShown = true;
      say(`Cursor at (${format(cursor[0])}, ${format(cursor[1])}).`);
      paint();
      return;
    }
    const points = currentPoints();
    const removeNearest = () => {
      const hit = nearest(points, cursor, KEY_REACH);
      if (hit < 0) say(`No example within ${KEY_REACH} of the cursor.`);
      else commit(points.filter((_, i) => i !== hit), 'Removed one:');
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (tool() === 'erase') removeNearest();
      else commit([...points, { x1: cursor[0], x2: cursor[1], label: newLabel() }], `Added at (${format(cursor[0])}, ${format(cursor[1])}):`);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      removeNearest();
    }
  });

  // Picking "Custom" in the dataset menu opens draw mode; with nothing drawn
  // yet it starts from the current examples, since a run needs at least two.
  // This listens in the capture phase, before the form applies the choice.
  dataset.form?.addEventListener('change', (event) => {
    if (event.target !== dataset || dataset.value !== 'custom') return;
    if (state.config.customPoints.length < MIN_POINTS) {
      labels.value = runProblem();
      commit(currentPoints(), 'Copied:');
    }
    if (!on) setOn(true);
  }, true);

  window.addEventListener('resize', () => { if (on) paint(); });

  return {
    sync() {
      draft = null;
      gesture = null;
      hover = -1;
      if (on && state.config.dataset === 'custom') labels.value = state.config.customProblem;
      showPickers();
      paint();
    },
    active: () => on,
  };
}
