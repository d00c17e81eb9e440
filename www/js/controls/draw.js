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
//
// This wires the draw bar and puts the parts together: the plain logic
// (draw-points.js), the overlay (draw-overlay.js) and the pointer and keys
// (draw-input.js).

import * as drawPoints from './draw-points.js';
import { paintOverlay } from './draw-overlay.js';
import { wireKeyboard, wirePointer } from './draw-input.js';
import { byId, documentOf, frameOf } from '../lib/dom.js';

/** @typedef {import('../lib/dom.js').Root} Root */
/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../../pkg/backprop_playground.js').Point} DataPoint */
/** @typedef {import('../../pkg/backprop_playground.js').Problem} ProblemName */
/** @typedef {import('../app/state.js').AppState} AppState */
/** @typedef {import('./draw-overlay.js').DrawSession} DrawSession */

/** Most classes a custom dataset may have (crate/src/config.rs MAX_CLASSES). */
const MAX_CLASSES = 5;
const { MIN_POINTS } = drawPoints;

/**
 * Labels turned to the other problem (draw-points.js).
 * @type {typeof drawPoints.convertLabels}
 */
export const convertLabels = drawPoints.convertLabels;

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
 * A radio button per class, class 1 chosen.
 * @param {Root} root
 * @param {HTMLFieldSetElement} classes
 */
function addClassPickers(root, classes) {
  const doc = documentOf(root);
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
}

/**
 * The draw bar's elements, found once by id.
 * @param {Root} doc
 */
function drawElements(doc) {
  return {
    canvas: byId(doc, 'boundary', HTMLCanvasElement),
    toggle: byId(doc, 'draw-toggle', HTMLButtonElement),
    tools: byId(doc, 'draw-tools', HTMLElement),
    help: byId(doc, 'draw-help', HTMLElement),
    message: byId(doc, 'draw-msg', HTMLElement),
    classes: byId(doc, 'draw-classes', HTMLFieldSetElement),
    valueGroup: byId(doc, 'draw-value-group', HTMLElement),
    value: byId(doc, 'draw-value', HTMLInputElement),
    valueOut: byId(doc, 'draw-value-out', HTMLOutputElement),
    labels: byId(doc, 'draw-labels', HTMLSelectElement),
    copy: byId(doc, 'draw-copy', HTMLButtonElement),
    clear: byId(doc, 'draw-clear', HTMLButtonElement),
    dataset: byId(doc, 'dataset', HTMLSelectElement),
  };
}

/**
 * Makes `points` the run's data. Fewer than two stay a drawing on the
 * overlay; otherwise the run is rebuilt on them, or, if the core refuses,
 * the run and its points stay as they were and the refusal is shown.
 * @param {object} ctx
 * @param {AppState} ctx.state
 * @param {DrawHooks} ctx.hooks
 * @param {DrawSession} ctx.session
 * @param {ProblemName} ctx.problem  the labels chosen
 * @param {(text: string, kind?: 'info' | 'error') => void} ctx.say
 * @param {() => void} ctx.paint
 * @param {DataPoint[]} points
 * @param {string} done  what to say when it worked
 * @returns {boolean} whether the points were taken
 */
function commitPoints({ state, hooks, session, problem, say, paint }, points, done) {
  if (points.length < MIN_POINTS) {
    session.draft = points;
    say(`${points.length === 0 ? 'Empty plane.' : 'One example.'} Add at least ${MIN_POINTS} examples: one to train on and one to test.`);
    paint();
    return true;
  }
  const trainCount = state.core.trainCount(points.length, state.config.trainRatio);
  const drawn = drawPoints.drawnConfig(state.config, points, problem, trainCount);
  const refusal = hooks.apply(drawn.config);
  if (refusal !== null) {
    say(`Not applied, the run keeps its examples: ${refusal}`, 'error');
    paint();
    return false;
  }
  session.draft = null;
  say(`${done} ${points.length} examples, ${trainCount} of them train.${drawn.note}`);
  paint();
  return true;
}

/**
 * Shows draw mode on or off: the toggle, the tools, and the plot as a drawing
 * area (focusable, described by the help) or as a picture.
 * @param {ReturnType<typeof drawElements>} el
 * @param {HTMLElement} frame  the plot's frame
 * @param {boolean} on
 * @param {string} canvasLabel  the plot's own label
 */
function markDrawing(el, frame, on, canvasLabel) {
  const { canvas } = el;
  el.toggle.setAttribute('aria-pressed', String(on));
  el.toggle.classList.toggle('is-on', on);
  el.tools.hidden = !on;
  el.help.hidden = !on;
  frame.classList.toggle('is-drawing', on);
  if (on) {
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'application');
    canvas.setAttribute('aria-label', 'Drawing area: the input plane x1, x2 from −6 to 6');
    canvas.setAttribute('aria-describedby', 'draw-help draw-msg');
  } else {
    canvas.removeAttribute('tabindex');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', canvasLabel);
    canvas.removeAttribute('aria-describedby');
  }
}

/**
 * Wires draw mode to the plot's canvas and the draw bar under it.
 * @param {Root} doc
 * @param {AppState} state
 * @param {DrawHooks} hooks
 * @returns {Drawing}
 */
export function createDrawing(doc, state, hooks) {
  const el = drawElements(doc);
  const { canvas, labels } = el;
  const frame = /** @type {HTMLElement} */ (canvas.parentElement);
  const canvasLabel = canvas.getAttribute('aria-label') ?? '';

  const overlay = documentOf(doc).createElement('canvas');
  overlay.className = 'draw-overlay';
  overlay.hidden = true;
  overlay.setAttribute('aria-hidden', 'true');
  frame.append(overlay);
  addClassPickers(doc, el.classes);

  /** @type {DrawSession} */
  const session = { on: false, draft: null, gesture: null, hover: -1, cursor: [0, 0], cursorShown: false };

  const tool = () => /** @type {HTMLInputElement | null} */ (el.tools.querySelector('input[name=drawTool]:checked'))?.value ?? 'add';
  const problem = () => /** @type {ProblemName} */ (labels.value);

  /** The label new examples get. */
  function newLabel() {
    if (problem() === 'regression') return Number(el.value.value);
    const checked = /** @type {HTMLInputElement | null} */ (el.classes.querySelector('input:checked'));
    return Number(checked?.value ?? 1);
  }

  /** The examples being edited: the drawing in progress, or the run's points. */
  function currentPoints() {
    return session.draft ?? drawPoints.pointsOf(state.run.points());
  }

  /** @param {string} text @param {'info' | 'error'} [kind] */
  function say(text, kind = 'info') {
    el.message.textContent = text;
    el.message.dataset.kind = kind;
    el.message.classList.toggle('is-visible', text !== '');
  }

  function paint() {
    paintOverlay(overlay, session, {
      points: currentPoints,
      problem: problem(),
      palette: frameOf(doc).dataset.palette === 'colorBlind' ? 'colorBlind' : 'default',
      newLabel,
      tool: tool(),
    });
  }

  /** @type {(points: DataPoint[], done: string) => boolean} */
  const commit = (points, done) => commitPoints({ state, hooks, session, problem: problem(), say, paint }, points, done);

  /** Shows the pickers that fit the labels: classes, or a value. */
  function showPickers() {
    const regression = problem() === 'regression';
    el.classes.hidden = regression;
    el.valueGroup.hidden = !regression;
    el.copy.disabled = state.config.dataset === 'custom' && session.draft === null;
  }

  /** The labels the running data has. @returns {ProblemName} */
  function runProblem() {
    if (state.config.dataset === 'custom') return state.config.customProblem;
    return state.run.isClassification() ? 'classification' : 'regression';
  }

  /** @param {boolean} next */
  function setOn(next) {
    session.on = next;
    markDrawing(el, frame, next, canvasLabel);
    if (next) {
      labels.value = runProblem();
      if (state.config.dataset !== 'custom') {
        const name = el.dataset.selectedOptions[0]?.textContent ?? state.config.dataset;
        say(`Your first edit copies the examples of “${name}” into your own dataset; Clear starts from an empty plane.`);
      }
    } else {
      if (session.draft) say('The drawing had fewer than 2 examples, so the run keeps its data.');
      else say('');
      session.draft = null;
      session.gesture = null;
      session.hover = -1;
      session.cursorShown = false;
    }
    showPickers();
    paint();
  }

  el.toggle.addEventListener('click', () => setOn(!session.on));
  labels.addEventListener('change', () => {
    const converted = drawPoints.convertLabels(currentPoints(), problem());
    showPickers();
    if (session.draft) {
      session.draft = converted;
      paint();
      return;
    }
    commit(converted, problem() === 'regression' ? 'Labels are now values:' : 'Labels are now classes:');
  });
  el.value.addEventListener('input', () => { el.valueOut.value = drawPoints.formatCoordinate(Number(el.value.value)); });
  el.copy.addEventListener('click', () => {
    session.draft = null;
    labels.value = runProblem();
    commit(currentPoints(), 'Copied:');
    showPickers();
  });
  el.clear.addEventListener('click', () => {
    commit([], '');
    showPickers();
  });

  const editor = { session, points: currentPoints, tool, newLabel, commit, paint, say };
  wirePointer(canvas, editor);
  wireKeyboard(canvas, editor);

  // Picking "Custom" in the dataset menu opens draw mode; with nothing drawn
  // yet it starts from the current examples, since a run needs at least two.
  // This listens in the capture phase, before the form applies the choice.
  el.dataset.form?.addEventListener('change', (event) => {
    if (event.target !== el.dataset || el.dataset.value !== 'custom') return;
    if (state.config.customPoints.length < MIN_POINTS) {
      labels.value = runProblem();
      commit(currentPoints(), 'Copied:');
    }
    if (!session.on) setOn(true);
  }, true);

  window.addEventListener('resize', () => { if (session.on) paint(); });

  return {
    sync() {
      session.draft = null;
      session.gesture = null;
      session.hover = -1;
      if (session.on && state.config.dataset === 'custom') labels.value = state.config.customProblem;
      showPickers();
      paint();
    },
    active: () => session.on,
  };
}
