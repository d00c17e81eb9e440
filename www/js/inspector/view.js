// @ts-check
// The inspector's panel: its heading, the picker, the step controls, the
// message, the diagram beside this step's formulas, the tables and the notes,
// and how one state of the inspector (model.js) is drawn into them: the
// running network's (or an exercise's) step, or the computational graph.

import { GRAPH_PHASES, drawGraph, drawNetwork } from './diagram.js';
import { GRAPH_KEYS, graphFormulas, graphTable } from './graph-view.js';
import { examplesOf, exampleCount, lastPhase, phases } from './model.js';
import { GRAPH_SUMMARY, INTRO, INTRO_TITLE, exerciseNotes, exerciseSummary, runNotes } from './notes.js';
import { traceTables } from './tables.js';
import { html } from '../lib/dom.js';
import { button } from './widgets.js';
import { FEATURE_SYMBOLS, fmt, formulasFor, nodeNumbers, phaseName, progress, sub } from '../lib/notation.js';

/** @typedef {import('../app/state.js').AppState} AppState */
/** @typedef {import('../lib/notation.js').Formula} Formula */
/** @typedef {import('./model.js').InspectorUi} InspectorUi */
/** @typedef {ReturnType<typeof import('./picker.js').createPicker>} Picker */
/** @typedef {ReturnType<typeof import('./steps.js').createSteps>} Steps */
/** @typedef {ReturnType<typeof import('./graph-view.js').createGraphBar>} GraphBar */

/**
 * The shown example, the network's sizes and its inputs' names: the exercise's, or the run's.
 * @param {InspectorUi} ui
 * @param {AppState} state
 */
function shownNetwork(ui, state) {
  const exercise = ui.exercise;
  if (exercise) {
    const sizes = Array.from(exercise.handle.layerSizes());
    const example = exercise.spec.examples[ui.index];
    const vector = (/** @type {number[]} */ v) => (v.length === 1 ? fmt(v[0]) : `⟨${v.map(fmt).join(', ')}⟩`);
    return {
      sizes,
      inputNames: sizes.length > 0 ? Array.from({ length: sizes[0] }, (_, i) => `x${sub(i + 1)}`) : [],
      text: example ? `x = ${vector(example.inputs)}, y = ${vector(example.targets)}` : 'No example to inspect.',
    };
  }
  const pg = state.run;
  const example = examplesOf(ui, pg)[ui.index];
  return {
    sizes: Array.from(pg.layerSizes()),
    inputNames: pg.featureNames().map((f) => FEATURE_SYMBOLS[f]),
    text: example ? `x = ⟨${fmt(example.x1)}, ${fmt(example.x2)}⟩, y = ${fmt(example.y)}` : 'No example to inspect.',
  };
}

/**
 * The panel's own elements (its parts are built by their modules).
 * @param {Document} doc
 */
function buildPanel(doc) {
  const head = html(doc, 'div', 'insp-head');
  const heading = html(doc, 'h2', 'insp-heading', 'Backprop inspector');
  heading.id = 'inspector-heading';
  heading.tabIndex = -1;
  const close = button(doc, 'inspector-close', 'Close', 'Close the inspector: the network keeps every update applied');
  head.append(heading, close);

  const intro = html(doc, 'p', 'insp-intro');
  intro.textContent = INTRO;
  intro.title = INTRO_TITLE;
  const exampleText = html(doc, 'p', 'insp-example');
  exampleText.id = 'inspector-example-text';
  const summary = html(doc, 'p', 'insp-summary');
  const message = html(doc, 'p', 'insp-msg');
  message.id = 'inspector-msg';
  message.setAttribute('role', 'status');

  const svg = /** @type {SVGSVGElement} */ (doc.createElementNS('http://www.w3.org/2000/svg', 'svg'));
  svg.classList.add('insp-diagram');
  svg.setAttribute('role', 'img');
  const figure = html(doc, 'figure', 'insp-figure');
  figure.append(svg);
  const formulas = html(doc, 'section', 'insp-formulas');
  formulas.setAttribute('aria-label', 'This step’s formulas');
  const formulaTitle = html(doc, 'h3', 'insp-formulas-title');
  const formulaList = html(doc, 'ul', 'insp-formula-list');
  const formulaMore = html(doc, 'p', 'insp-more');
  formulas.append(formulaTitle, formulaList, formulaMore);
  const main = html(doc, 'div', 'insp-main');
  main.append(figure, formulas);
  const tables = html(doc, 'div', 'insp-tables');
  const notes = html(doc, 'ul', 'insp-notes');

  return { head, heading, close, intro, exampleText, summary, message, svg, figure, formulaTitle, formulaList, formulaMore, main, tables, notes };
}

/**
 * Builds the panel into `root` from its parts.
 * @param {HTMLElement} root
 * @param {{ picker: Picker, graph: GraphBar, steps: Steps, editorRoot: HTMLElement }} parts
 */
export function createView(root, { picker, graph, steps, editorRoot }) {
  const doc = root.ownerDocument;
  const {
    head, heading, close, intro, exampleText, summary, message, svg, figure, formulaTitle, formulaList, formulaMore, main, tables, notes,
  } = buildPanel(doc);

  root.replaceChildren(head, intro, picker.bar, graph.graphBar, exampleText, summary, steps.phaseList, steps.steps, steps.status, message, main, tables, notes, editorRoot);

  /**
   * @param {Formula[]} lines
   * @param {number} more
   */
  function renderFormulas(lines, more) {
    formulaList.replaceChildren(...lines.map((f) => {
      const li = html(doc, 'li', 'insp-formula');
      li.dataset.f = f.key;
      li.append(html(doc, 'span', 'insp-lhs', f.lhs), ` ${f.op ?? '='} `);
      if (f.expression) li.append(html(doc, 'span', 'insp-rhs', f.expression), ' = ');
      li.append(html(doc, 'strong', 'insp-result', f.value));
      return li;
    }));
    formulaMore.textContent = more > 0 ? `… and ${more} more in the tables below.` : '';
    formulaMore.hidden = more === 0;
  }

  /** @param {string[]} lines */
  function renderNotes(lines) {
    notes.replaceChildren(...lines.map((text) => html(doc, 'li', '', text)));
  }

  /** @param {InspectorUi} ui */
  function renderGraph(ui) {
    const nodes = ui.graphNodes;
    for (const key of GRAPH_KEYS) {
      const input = graph.graphInputs[key];
      if (doc.activeElement !== input && input.getAttribute('aria-invalid') !== 'true') {
        input.value = String(ui.graph[key]);
      }
    }
    summary.textContent = GRAPH_SUMMARY;
    summary.hidden = false;
    notes.replaceChildren();
    steps.renderPhases([...GRAPH_PHASES], ui.phase);
    formulaTitle.textContent = GRAPH_PHASES[ui.phase];
    if (!nodes) return;
    drawGraph(svg, nodes, ui.phase);
    renderFormulas(graphFormulas(nodes, ui.phase), 0);
    tables.replaceChildren(graphTable(doc, nodes, ui.phase));
  }

  /**
   * @param {InspectorUi} ui
   * @param {AppState} state
   */
  function renderNetwork(ui, state) {
    const pg = state.run;
    picker.render(ui, pg, exampleCount(ui, pg));
    const shown = shownNetwork(ui, state);
    exampleText.textContent = shown.text;
    summary.textContent = ui.exercise ? exerciseSummary(ui.exercise.spec) : ui.source === 'list' && ui.list ? ui.list.summary : '';
    summary.hidden = summary.textContent === '';

    const trace = ui.trace;
    if (!trace) {
      svg.replaceChildren();
      tables.replaceChildren();
      formulaList.replaceChildren();
      steps.clear();
      notes.replaceChildren();
      return;
    }
    const numbers = nodeNumbers(shown.sizes);
    const { inputNames } = shown;
    const list = phases(ui);
    const phase = list[ui.phase];
    const done = progress(list, ui.phase);
    steps.renderPhases(list.map((p) => phaseName(p, trace.layers.length)), ui.phase);
    drawNetwork(svg, { trace, numbers, inputNames, phase, done });
    formulaTitle.textContent = phaseName(phase, trace.layers.length);
    const { lines, more } = formulasFor(trace, phase, numbers, inputNames);
    renderFormulas(lines, more);
    tables.replaceChildren(...traceTables(doc, trace, numbers, inputNames, phase, done));
    renderNotes(ui.exercise ? exerciseNotes(trace) : runNotes(trace, state.config));
  }

  return {
    heading,
    close,
    figure,

    /**
     * Shows the message of the inspector now, before the next redraw.
     * @param {InspectorUi} ui
     */
    showMessage(ui) {
      message.textContent = ui.message;
      message.dataset.kind = ui.messageKind;
      message.hidden = false;
    },

    /**
     * Draws the inspector's state.
     * @param {InspectorUi} ui
     * @param {AppState} state
     */
    render(ui, state) {
      const isGraph = ui.mode === 'graph';
      picker.bar.hidden = isGraph;
      intro.hidden = isGraph;
      exampleText.hidden = isGraph;
      graph.graphBar.hidden = !isGraph;
      tables.hidden = false;
      steps.setGraph(isGraph);
      editorRoot.hidden = isGraph;
      message.textContent = ui.message;
      message.dataset.kind = ui.messageKind;
      message.hidden = ui.message === '';
      if (isGraph) renderGraph(ui);
      else renderNetwork(ui, state);
      steps.renderButtons(ui.phase, lastPhase(ui), isGraph, ui.trace !== null);
    },
  };
}
