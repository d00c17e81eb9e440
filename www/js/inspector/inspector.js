// @ts-check
// The backprop inspector: a mode of the page that trains one example at a
// time. For the chosen example it steps input → forward layer by layer → loss
// → backward layer by layer → update, showing net_j, o_j, δ_j and every
// weight's ∂L/∂w_ij = o_i δ_j, update and new value on a diagram, in the
// step's formulas and in tables. The numbers are the core's trace of the
// trainer's own step (Playground.inspectExample); "Apply update" takes that
// step on the running network (Playground.trainExample).

import { GRAPH_PHASES, GRAPH_TIMING, drawGraph, drawNetwork } from './diagram.js';
import { createEditor } from './editor.js';
import { OPTIMIZER_NAMES, h, traceTables } from './tables.js';
import {
  FEATURE_SYMBOLS, fmt, formulasFor, nodeNumbers, operand, parseNumber, phaseName, phasesFor, progress, sub,
} from '../lib/notation.js';

/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../types').Config} Config */
/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('../types').InspectorTrace} Trace */
/** @typedef {import('../types').InspectorPreset} Preset */
/** @typedef {import('../types').InspectorExample} Example */
/** @typedef {import('../types').GraphNode} GraphNode */
/** @typedef {import('../types').Exercise} Exercise */
/** @typedef {import('../types').ExerciseSpec} ExerciseSpec */
/** @typedef {import('../app/state.js').AppState} AppState */
/** @typedef {import('../lib/notation.js').Formula} Formula */

/**
 * @typedef {object} InspectorDeps
 * @property {CoreModule} core
 * @property {() => AppState} state
 * @property {(config: Partial<Config>) => string | null} loadConfig  rebuilds the run; the core's refusal or null
 * @property {(method: 'setLayers' | 'trainExample', ...args: any[]) => any} change  changes the run (app/state.js `change`); throws when refused
 * @property {() => void} changed   the running network changed: redraw the page
 * @property {() => void} pause     stop the animation loop
 */

/** While training plays, the inspector follows at most this often (ms). */
const PLAYING_REFRESH_MS = 250;

/**
 * @param {Document} doc
 * @param {string} id
 * @param {string} text
 * @param {string} title
 * @param {string} [className]
 */
function button(doc, id, text, title, className = 'button') {
  const b = /** @type {HTMLButtonElement} */ (h(doc, 'button', className, text));
  b.type = 'button';
  b.id = id;
  b.title = title;
  return b;
}

/**
 * A labelled field: label over control.
 * @param {Document} doc
 * @param {string} labelText
 * @param {HTMLElement} control  gets the label
 * @param {HTMLElement[]} [extra]  placed beside the control
 */
function field(doc, labelText, control, extra = []) {
  const wrap = h(doc, 'div', 'insp-field');
  const label = /** @type {HTMLLabelElement} */ (h(doc, 'label', '', labelText));
  label.htmlFor = control.id;
  const row = h(doc, 'div', 'insp-row');
  row.append(control, ...extra);
  wrap.append(label, row);
  return wrap;
}

/**
 * The training set of a run as examples (x₁, x₂, label).
 * @param {Run} pg
 * @returns {Example[]}
 */
function trainingExamples(pg) {
  const points = pg.points();
  /** @type {Example[]} */
  const out = [];
  for (let k = 0; k + 3 < points.length; k += 4) {
    if (points[k + 3] === 0) out.push({ x1: points[k], x2: points[k + 1], y: points[k + 2] });
  }
  return out;
}

/**
 * @param {HTMLElement} root      the inspector's section (hidden while closed)
 * @param {HTMLButtonElement} toggle  opens and closes it
 * @param {InspectorDeps} deps
 */
export function createInspector(root, toggle, deps) {
  const doc = root.ownerDocument;
  /** @type {Preset[]} */
  const presets = deps.core.inspectorPresets();

  const ui = {
    open: false,
    /** @type {'network' | 'graph'} */
    mode: 'network',
    /** @type {'data' | 'list'} */
    source: 'data',
    /** @type {{ title: string, summary: string, examples: Example[] } | null} */
    list: null,
    /** The Playground the list was made for: a new run drops it. */
    /** @type {Run | null} */
    listPg: null,
    index: 0,
    phase: 0,
    /** @type {Trace | null} */
    trace: null,
    graph: { x: 1, y: 2, z: 2, g: 2 },
    /** @type {GraphNode[] | null} */
    graphNodes: null,
    graphPhase: 0,
    lastRefresh: 0,
    /** A textbook exercise with a network of its own: while set, it is what the inspector steps. */
    /** @type {{ handle: Exercise, spec: ExerciseSpec } | null} */
    exercise: null,
    message: '',
    /** @type {'info' | 'error'} */
    messageKind: /** @type {'info' | 'error'} */ ('info'),
  };

  // ---------- the panel ----------

  const head = h(doc, 'div', 'insp-head');
  const heading = h(doc, 'h2', 'insp-heading', 'Backprop inspector');
  heading.id = 'inspector-heading';
  heading.tabIndex = -1;
  const close = button(doc, 'inspector-close', 'Close', 'Close the inspector: the network keeps every update applied');
  head.append(heading, close);

  const intro = h(doc, 'p', 'insp-intro');
  intro.textContent = 'One example at a time: input → forward → loss → backward → update. As in the course’s worked example, '
    + 'δⱼ = ∂L/∂netⱼ, so an output’s δ is (o − y)·φ′(net) and each weight moves by wᵢⱼ ← wᵢⱼ − η oᵢ δⱼ.';
  intro.title = 'The single-neuron slides write y − ŷ and add η ∂L/∂w: the same step with the other sign.';

  const presetSelect = /** @type {HTMLSelectElement} */ (h(doc, 'select'));
  presetSelect.id = 'inspector-preset';
  presetSelect.title = 'An exercise to load: the course’s worked example, its other small examples, or this run’s own network';
  presetSelect.append(new Option('This run’s network and training set', 'run'));
  for (const p of presets) presetSelect.append(new Option(p.title, p.id));
  presetSelect.append(new Option('Computational graph f = (x + y)·z', 'graph'));
  const load = button(doc, 'inspector-load', 'Load', 'Load the chosen exercise. A network exercise replaces the running network and its data');

  const prev = button(doc, 'inspector-prev', '◀', 'The previous example', 'icon-button');
  prev.setAttribute('aria-label', 'Previous example');
  const next = button(doc, 'inspector-next-example', '▶', 'The next example', 'icon-button');
  next.setAttribute('aria-label', 'Next example');
  const exampleInput = /** @type {HTMLInputElement} */ (h(doc, 'input', 'insp-number'));
  exampleInput.id = 'inspector-example';
  exampleInput.type = 'number';
  exampleInput.min = '1';
  exampleInput.step = '1';
  exampleInput.inputMode = 'numeric';
  exampleInput.title = 'Which example h to inspect (1 to the number of examples); press Enter';
  const exampleCountText = h(doc, 'span', 'insp-count');
  const sourceSelect = /** @type {HTMLSelectElement} */ (h(doc, 'select'));
  sourceSelect.id = 'inspector-source';
  sourceSelect.title = 'Where the examples come from: the run’s training set, or the loaded exercise’s own list';
  sourceSelect.append(new Option('the training set', 'data'), new Option('the exercise', 'list'), new Option('the textbook exercise (its own network)', 'exercise'));

  const bar = h(doc, 'div', 'insp-bar');
  bar.append(
    field(doc, 'Exercise', presetSelect, [load]),
    field(doc, 'Example h', exampleInput, [prev, next, exampleCountText]),
    field(doc, 'Examples from', sourceSelect),
  );
  const exampleText = h(doc, 'p', 'insp-example');
  exampleText.id = 'inspector-example-text';
  const summary = h(doc, 'p', 'insp-summary');

  // The computational graph's inputs.
  const graphBar = h(doc, 'div', 'insp-bar insp-graph-bar');
  /** @type {Record<'x' | 'y' | 'z' | 'g', HTMLInputElement>} */
  const graphInputs = /** @type {any} */ ({});
  for (const [key, label, tip] of /** @type {const} */ ([
    ['x', 'x', 'The input x of f = (x + y)·z'],
    ['y', 'y', 'The input y of f = (x + y)·z'],
    ['z', 'z', 'The input z of f = (x + y)·z'],
    ['g', '∂L/∂f', '∂L/∂f: the gradient arriving at f from the computations after it'],
  ])) {
    const input = /** @type {HTMLInputElement} */ (h(doc, 'input', 'insp-number'));
    input.type = 'text';
    input.id = `inspector-graph-${key}`;
    input.inputMode = 'decimal';
    input.autocomplete = 'off';
    input.title = `${tip}; press Enter`;
    input.dataset.field = label;
    graphInputs[key] = input;
    graphBar.append(field(doc, label, input));
  }

  const phaseList = h(doc, 'ol', 'insp-phases');
  phaseList.setAttribute('aria-label', 'Steps of this example');
  const restart = button(doc, 'inspector-restart', 'Restart', 'Back to the first step of this example');
  const back = button(doc, 'inspector-back', '◀ Back', 'The previous step');
  const forward = button(doc, 'inspector-next', 'Next step ▶', 'The next step: forward layer by layer, then the loss, then backward layer by layer, then the update', 'button insp-primary');
  const all = button(doc, 'inspector-all', 'Show all', 'Jump to the last step: every quantity of this example');
  const apply = button(doc, 'inspector-apply', 'Apply update', 'Take this step on the running network (w_ij ← new w_ij) and go on to the next example');
  const steps = h(doc, 'div', 'insp-steps');
  steps.append(restart, back, forward, all, apply);
  const status = h(doc, 'p', 'insp-status');
  status.setAttribute('role', 'status');
  const message = h(doc, 'p', 'insp-msg');
  message.id = 'inspector-msg';
  message.setAttribute('role', 'status');

  const svg = /** @type {SVGSVGElement} */ (doc.createElementNS('http://www.w3.org/2000/svg', 'svg'));
  svg.classList.add('insp-diagram');
  svg.setAttribute('role', 'img');
  const figure = h(doc, 'figure', 'insp-figure');
  figure.append(svg);
  const formulas = h(doc, 'section', 'insp-formulas');
  formulas.setAttribute('aria-label', 'This step’s formulas');
  const formulaTitle = h(doc, 'h3', 'insp-formulas-title');
  const formulaList = h(doc, 'ul', 'insp-formula-list');
  const formulaMore = h(doc, 'p', 'insp-more');
  formulas.append(formulaTitle, formulaList, formulaMore);
  const main = h(doc, 'div', 'insp-main');
  main.append(figure, formulas);

  const tables = h(doc, 'div', 'insp-tables');
  const notes = h(doc, 'ul', 'insp-notes');
  const editorRoot = /** @type {HTMLDetailsElement} */ (h(doc, 'details'));
  const editor = createEditor(editorRoot, {
    core: deps.core,
    onSet(layers, example) {
      const pg = deps.state().run;
      deps.pause();
      try {
        // The example is checked first, so a refused y changes no weight.
        pg.inspectExample(example.x1, example.x2, example.y);
        deps.change('setLayers', layers);
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
      dropExercise();
      setList({ title: 'Typed example', summary: '', examples: [example] }, pg);
      say('');
      deps.changed();
      return null;
    },
    onSetExercise(spec) {
      deps.pause();
      /** @type {Exercise} */
      let handle;
      try {
        handle = new deps.core.Exercise(spec);
      } catch (err) {
        const e = /** @type {import('../types').FieldError} */ (err);
        return { message: e instanceof Error ? e.message : String(err), field: e?.field ?? '' };
      }
      dropExercise();
      ui.exercise = { handle, spec };
      ui.mode = 'network';
      ui.index = 0;
      ui.phase = 0;
      say('');
      refresh();
      return null;
    },
  });
  editor.onRefill((which) => {
    if (which === 'own') editor.fillOwn(ui.exercise ? ui.exercise.handle.spec() : null);
    else editor.sync(deps.state().run, currentExample(), null, true);
  });
  editor.onMode((which) => {
    if (which === 'own') editor.fillOwn(ui.exercise ? ui.exercise.handle.spec() : null);
    else editor.fillRun(deps.state().run);
  });
  editorRoot.addEventListener('toggle', () => {
    if (editorRoot.open) editor.sync(deps.state().run, currentExample(), null, false);
  });

  root.replaceChildren(head, intro, bar, graphBar, exampleText, summary, phaseList, steps, status, message, main, tables, notes, editorRoot);

  // ---------- state changes ----------

  /** The inspector goes back to the running network (a preset, the run, a typed run example). */
  function dropExercise() {
    ui.exercise?.handle.free();
    ui.exercise = null;
  }

  /** How many examples there are to step. */
  function exampleCount() {
    return ui.exercise ? ui.exercise.spec.examples.length : examples().length;
  }

  /** @param {string} text @param {'info' | 'error'} [kind] */
  function say(text, kind = 'info') {
    ui.message = text;
    ui.messageKind = kind;
  }

  /**
   * @param {{ title: string, summary: string, examples: Example[] }} list
   * @param {Run} pg
   */
  function setList(list, pg) {
    ui.list = list;
    ui.listPg = pg;
    ui.source = 'list';
    ui.index = 0;
    ui.phase = 0;
  }

  /** @returns {Example[]} */
  function examples() {
    const pg = deps.state().run;
    if (ui.source === 'list' && ui.list && ui.listPg === pg) return ui.list.examples;
    return trainingExamples(pg);
  }

  function currentExample() {
    const list = examples();
    return list[Math.min(ui.index, list.length - 1)] ?? null;
  }

  function phases() {
    return ui.trace ? phasesFor(ui.trace.layers.length) : [];
  }

  function lastPhase() {
    return ui.mode === 'graph' ? GRAPH_PHASES.length - 1 : Math.max(0, phases().length - 1);
  }

  /** Recomputes the trace (or the graph) and redraws. */
  function refresh() {
    if (!ui.open) return;
    ui.lastRefresh = performance.now();
    const pg = deps.state().run;
    if (ui.mode === 'graph') {
      computeGraph();
      render();
      return;
    }
    if (ui.exercise) {
      ui.index = Math.min(ui.index, exampleCount() - 1);
      try {
        ui.trace = ui.exercise.handle.inspect(ui.index);
      } catch (err) {
        ui.trace = null;
        say(err instanceof Error ? err.message : String(err), 'error');
      }
      ui.phase = Math.min(ui.phase, lastPhase());
      render();
      return;
    }
    if (ui.source === 'list' && ui.listPg !== pg) {
      // Another run was built (a new config): the exercise's list belonged to the old one.
      if (ui.list) say('The run changed, so the examples now come from its training set.');
      ui.source = 'data';
      ui.list = null;
      ui.index = 0;
      ui.phase = 0;
    }
    const list = examples();
    ui.index = Math.min(ui.index, Math.max(0, list.length - 1));
    const example = list[ui.index];
    ui.trace = null;
    if (example) {
      try {
        ui.trace = pg.inspectExample(example.x1, example.x2, example.y);
      } catch (err) {
        say(err instanceof Error ? err.message : String(err), 'error');
      }
    }
    ui.phase = Math.min(ui.phase, lastPhase());
    render();
  }

  function computeGraph() {
    const { x, y, z, g } = ui.graph;
    try {
      ui.graphNodes = deps.core.computationalGraph(x, y, z, g);
    } catch (err) {
      say(err instanceof Error ? err.message : String(err), 'error');
    }
  }

  // ---------- drawing ----------

  function render() {
    const graph = ui.mode === 'graph';
    bar.hidden = graph;
    intro.hidden = graph;
    exampleText.hidden = graph;
    graphBar.hidden = !graph;
    tables.hidden = false;
    apply.hidden = graph;
    editorRoot.hidden = graph;
    message.textContent = ui.message;
    message.dataset.kind = ui.messageKind;
    message.hidden = ui.message === '';
    if (graph) renderGraph();
    else renderNetwork();
    const last = lastPhase();
    restart.disabled = ui.phase === 0;
    back.disabled = ui.phase === 0;
    forward.disabled = ui.phase >= last;
    all.disabled = ui.phase >= last;
    apply.disabled = graph || ui.trace === null;
  }

  /**
   * The step chips; a chip jumps to its step.
   * @param {string[]} names
   */
  function renderPhases(names) {
    const hadFocus = phaseList.contains(doc.activeElement);
    phaseList.replaceChildren(...names.map((name, p) => {
      const li = h(doc, 'li');
      const chip = /** @type {HTMLButtonElement} */ (h(doc, 'button', 'insp-chip', name));
      chip.type = 'button';
      chip.title = `Show step ${p + 1}: ${name}`;
      chip.dataset.phase = String(p);
      if (p === ui.phase) chip.setAttribute('aria-current', 'step');
      if (p < ui.phase) chip.classList.add('is-done');
      li.append(chip);
      return li;
    }));
    status.textContent = `Step ${ui.phase + 1} of ${names.length}: ${names[ui.phase] ?? ''}`;
    // A chip pressed from the keyboard keeps the focus on its (rebuilt) self.
    if (hadFocus) /** @type {HTMLElement | null} */ (phaseList.querySelector('[aria-current="step"]'))?.focus();
  }

  /**
   * @param {Formula[]} lines
   * @param {number} more
   */
  function renderFormulas(lines, more) {
    formulaList.replaceChildren(...lines.map((f) => {
      const li = h(doc, 'li', 'insp-formula');
      li.dataset.f = f.key;
      li.append(h(doc, 'span', 'insp-lhs', f.lhs), ` ${f.op ?? '='} `);
      if (f.expression) li.append(h(doc, 'span', 'insp-rhs', f.expression), ' = ');
      li.append(h(doc, 'strong', 'insp-result', f.value));
      return li;
    }));
    formulaMore.textContent = more > 0 ? `… and ${more} more in the tables below.` : '';
    formulaMore.hidden = more === 0;
  }

  /** The shown example, the network's sizes and its inputs' names: the exercise's, or the run's. */
  function shownNetwork() {
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
    const pg = deps.state().run;
    const example = examples()[ui.index];
    return {
      sizes: Array.from(pg.layerSizes()),
      inputNames: pg.featureNames().map((f) => FEATURE_SYMBOLS[f]),
      text: example ? `x = ⟨${fmt(example.x1)}, ${fmt(example.x2)}⟩, y = ${fmt(example.y)}` : 'No example to inspect.',
    };
  }

  function renderNetwork() {
    const pg = deps.state().run;
    const count = exampleCount();
    exampleInput.max = String(count);
    exampleInput.value = String(ui.index + 1);
    exampleCountText.textContent = `of ${count}`;
    prev.disabled = count < 2;
    next.disabled = count < 2;
    const hasList = ui.list !== null && ui.listPg === pg;
    sourceSelect.options[1].disabled = !hasList;
    sourceSelect.options[1].text = hasList ? 'the exercise’s list' : 'the exercise’s list (none loaded)';
    sourceSelect.options[2].hidden = ui.exercise === null;
    sourceSelect.disabled = ui.exercise !== null;
    sourceSelect.value = ui.exercise ? 'exercise' : ui.source;
    const shown = shownNetwork();
    exampleText.textContent = shown.text;
    summary.textContent = ui.exercise ? exerciseSummary(ui.exercise.spec) : ui.source === 'list' && ui.list ? ui.list.summary : '';
    summary.hidden = summary.textContent === '';

    const trace = ui.trace;
    if (!trace) {
      svg.replaceChildren();
      tables.replaceChildren();
      formulaList.replaceChildren();
      phaseList.replaceChildren();
      notes.replaceChildren();
      status.textContent = '';
      return;
    }
    const numbers = nodeNumbers(shown.sizes);
    const { inputNames } = shown;
    const list2 = phases();
    const phase = list2[ui.phase];
    const done = progress(list2, ui.phase);
    renderPhases(list2.map((p) => phaseName(p, trace.layers.length)));
    drawNetwork(svg, { trace, numbers, inputNames, phase, done });
    formulaTitle.textContent = phaseName(phase, trace.layers.length);
    const { lines, more } = formulasFor(trace, phase, numbers, inputNames);
    renderFormulas(lines, more);
    tables.replaceChildren(...traceTables(doc, trace, numbers, inputNames, phase, done));
    renderNotes(trace);
  }


  /** @param {Trace} trace */
  function renderNotes(trace) {
    if (ui.exercise) {
      notes.replaceChildren(...exerciseNotes(trace).map((text) => h(doc, 'li', '', text)));
      return;
    }
    const config = deps.state().config;
    /** @type {string[]} */
    const list = [];
    if (trace.optimizer !== 'sgd') {
      list.push(`The update column is the real step Δw of this run’s optimizer (${OPTIMIZER_NAMES[trace.optimizer] ?? trace.optimizer}), with its running state, not −η oᵢ δⱼ. Choose gradient descent (SGD) to see the course’s rule.`);
    }
    if (trace.regularization !== 'none' && trace.regularizationRate > 0) {
      list.push(`Δw includes the penalty γ ∂R/∂w (${trace.regularization.toUpperCase()}, γ = ${fmt(trace.regularizationRate)}) besides oᵢ δⱼ.`);
    }
    list.push('Sign: the single-neuron slides write ∂L/∂ŷ = y − ŷ and w ← w + η ∂L/∂w; here ∂L/∂ŷ = ŷ − y and w ← w − η ∂L/∂w, the same step.');
    if (trace.frozenBiases) list.push('Thresholds w₀ⱼ are frozen: they keep their values, as in the course’s worked example.');
    if (config.dropout.some((p) => p > 0)) {
      list.push('Dropout is left out here: the inspector steps the whole network (dropout’s masks are random per example).');
    }
    if (config.batchSize > 1) {
      list.push(`Training by epochs uses batches of ${config.batchSize} (the mean gradient of ${config.batchSize} examples per step); the inspector takes one example per step, the course’s per-example update.`);
    }
    notes.replaceChildren(...list.map((text) => h(doc, 'li', '', text)));
  }

  /** @param {Trace} trace */
  function exerciseNotes(trace) {
    const k = trace.layers[trace.layers.length - 1]?.units.length ?? 0;
    return [
      `A textbook exercise on a network of its own: the running network and its data are not changed, and “Apply update” moves only this exercise’s weights.`,
      k > 1
        ? `L = ½ Σₖ (yₖ − ŷₖ)², summed over the ${k} outputs, so each output’s ∂L/∂ŷₖ = ŷₖ − yₖ and a hidden node’s ∂L/∂oⱼ sums wⱼₖ δₖ over every output.`
        : 'L = ½ (y − ŷ)², so ∂L/∂ŷ = ŷ − y.',
      'Sign: the single-neuron slides write ∂L/∂ŷ = y − ŷ and w ← w + η ∂L/∂w; here ∂L/∂ŷ = ŷ − y and w ← w − η ∂L/∂w, the same step.',
      trace.frozenBiases
        ? 'Train biases is off: every threshold w₀ⱼ keeps its typed value.'
        : 'Train biases is on: every threshold moves by −η δⱼ, as a weight whose oᵢ is 1.',
    ];
  }

  /**
   * One line about a textbook exercise.
   * @param {ExerciseSpec} spec
   */
  function exerciseSummary(spec) {
    const k = spec.sizes[spec.sizes.length - 1];
    return `Textbook exercise ${spec.sizes.join('-')}: ${spec.sizes.length > 2 ? `${spec.hiddenActivation} hidden units, ` : ''}`
      + `${k} ${spec.outputActivation} output${k === 1 ? '' : 's'}, L = ½ Σₖ (yₖ − ŷₖ)², η = ${fmt(spec.learningRate)}, biases ${spec.trainBiases ? 'trained' : 'held'}.`;
  }

  function renderGraph() {
    const nodes = ui.graphNodes;
    for (const key of /** @type {const} */ (['x', 'y', 'z', 'g'])) {
      if (doc.activeElement !== graphInputs[key] && graphInputs[key].getAttribute('aria-invalid') !== 'true') {
        graphInputs[key].value = String(ui.graph[key]);
      }
    }
    summary.textContent = 'The notes’ computational graph: q = x + y, f = q·z. Forward, each node computes its value; backward, each multiplies the gradient arriving from after it by its local derivatives (the chain rule): ∂L/∂x = ∂L/∂f · ∂f/∂q · ∂q/∂x.';
    summary.hidden = false;
    notes.replaceChildren();
    renderPhases([...GRAPH_PHASES]);
    formulaTitle.textContent = GRAPH_PHASES[ui.phase];
    if (!nodes) return;
    drawGraph(svg, nodes, ui.phase);
    const by = Object.fromEntries(nodes.map((n) => [n.name, n]));
    const p = ui.phase;
    /** @type {Formula[]} */
    const lines = [];
    if (p === 0) {
      for (const n of ['x', 'y', 'z']) lines.push({ lhs: n, expression: '', value: fmt(by[n].value), key: `g-${n}` });
    } else if (p === 1) {
      lines.push({ lhs: 'q', expression: `x + y = ${operand(by.x.value)} + ${operand(by.y.value)}`, value: fmt(by.q.value), key: 'g-q' });
    } else if (p === 2) {
      lines.push({ lhs: 'f', expression: `q·z = ${operand(by.q.value)} × ${operand(by.z.value)}`, value: fmt(by.f.value), key: 'g-f' });
    } else if (p === 3) {
      lines.push({ lhs: '∂L/∂f', expression: 'given by the computations after f', value: fmt(by.f.gradient), key: 'g-f-grad' });
    } else if (p === 4) {
      lines.push({ lhs: '∂L/∂q', expression: `∂L/∂f · ∂f/∂q = ∂L/∂f · z = ${operand(by.f.gradient)} × ${operand(by.f.local[0])}`, value: fmt(by.q.gradient), key: 'g-q-grad' });
      lines.push({ lhs: '∂L/∂z', expression: `∂L/∂f · ∂f/∂z = ∂L/∂f · q = ${operand(by.f.gradient)} × ${operand(by.f.local[1])}`, value: fmt(by.z.gradient), key: 'g-z-grad' });
    } else {
      lines.push({ lhs: '∂L/∂x', expression: `∂L/∂q · ∂q/∂x = ${operand(by.q.gradient)} × ${operand(by.q.local[0])}`, value: fmt(by.x.gradient), key: 'g-x-grad' });
      lines.push({ lhs: '∂L/∂y', expression: `∂L/∂q · ∂q/∂y = ${operand(by.q.gradient)} × ${operand(by.q.local[1])}`, value: fmt(by.y.gradient), key: 'g-y-grad' });
    }
    renderFormulas(lines, 0);

    const table = h(doc, 'table', 'insp-table');
    table.append(h(doc, 'caption', '', 'Every node: its value forward, its local derivatives, its gradient ∂L/∂node backward'));
    const thead = h(doc, 'thead');
    const hr = h(doc, 'tr');
    for (const name of ['node', 'computes', 'value', 'local derivatives', '∂L/∂node']) {
      const th = h(doc, 'th', '', name);
      th.setAttribute('scope', 'col');
      hr.append(th);
    }
    thead.append(hr);
    table.append(thead);
    const body = h(doc, 'tbody');
    for (const n of nodes) {
      const timing = GRAPH_TIMING[n.name];
      const tr = h(doc, 'tr', p === timing.value || p === timing.gradient ? 'is-current' : '');
      const th = h(doc, 'th', '', n.name);
      th.setAttribute('scope', 'row');
      tr.append(th);
      const inputs = n.inputs.map((k) => nodes[k].name);
      tr.append(h(doc, 'td', '', n.op === 'add' ? inputs.join(' + ') : n.op === 'mul' ? inputs.join('·') : 'given'));
      const value = h(doc, 'td', '', p >= timing.value ? fmt(n.value) : '·');
      value.dataset.q = `g-${n.name}`;
      tr.append(value);
      const local = h(doc, 'td');
      const shownLocal = p >= timing.gradient;
      n.local.forEach((d, m) => {
        const span = h(doc, 'span', 'insp-local', shownLocal ? `∂${n.name}/∂${inputs[m]} = ${fmt(d)}` : '·');
        span.dataset.q = `g-d${n.name}-d${inputs[m]}`;
        local.append(span);
      });
      if (n.local.length === 0) local.textContent = '—';
      tr.append(local);
      const gradient = h(doc, 'td', '', p >= timing.gradient ? fmt(n.gradient) : '·');
      gradient.dataset.q = `g-${n.name}-grad`;
      tr.append(gradient);
      body.append(tr);
    }
    table.append(body);
    const wrap = h(doc, 'div', 'insp-table-wrap');
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', 'Table of the graph’s nodes');
    wrap.append(table);
    tables.replaceChildren(wrap);
  }

  // The diagram is drawn at its own width: redraw when that changes.
  let drawnWidth = 0;
  new ResizeObserver(() => {
    const w = Math.round(figure.clientWidth);
    if (!ui.open || Math.abs(w - drawnWidth) < 8) return;
    drawnWidth = w;
    render();
  }).observe(figure);

  // ---------- actions ----------

  /** @param {number} p */
  function goTo(p) {
    deps.pause();
    ui.phase = Math.max(0, Math.min(lastPhase(), p));
    say('');
    render();
  }

  restart.addEventListener('click', () => goTo(0));
  back.addEventListener('click', () => goTo(ui.phase - 1));
  forward.addEventListener('click', () => goTo(ui.phase + 1));
  all.addEventListener('click', () => goTo(lastPhase()));
  phaseList.addEventListener('click', (event) => {
    const chip = /** @type {HTMLElement} */ (event.target).closest('[data-phase]');
    if (chip instanceof HTMLElement) goTo(Number(chip.dataset.phase));
  });

  apply.addEventListener('click', () => {
    if (ui.exercise && ui.mode === 'network') {
      applyExercise(ui.exercise.handle);
      return;
    }
    const example = currentExample();
    if (!example || ui.mode !== 'network') return;
    deps.pause();
    const h0 = ui.index + 1;
    try {
      const trace = deps.change('trainExample', example.x1, example.x2, example.y);
      const out = trace.layers[trace.layers.length - 1].units[0];
      const count = examples().length;
      ui.index = (ui.index + 1) % Math.max(1, count);
      ui.phase = 0;
      say(`Applied example ${h0}'s update (ŷ was ${fmt(out.out)}, L = ${fmt(trace.lossValue)}). Now example ${ui.index + 1} of ${count}${ui.index === 0 && count > 1 ? ': every example has been consumed, a new pass starts' : ''}.`);
    } catch (err) {
      say(err instanceof Error ? err.message : String(err), 'error');
    }
    deps.changed();
    refresh();
  });

  /**
   * "Apply update" on a textbook exercise: its own network takes the step;
   * the running network is not touched.
   * @param {Exercise} handle
   */
  function applyExercise(handle) {
    deps.pause();
    const h0 = ui.index + 1;
    try {
      const trace = handle.train(ui.index);
      const outputs = trace.layers[trace.layers.length - 1].units.map((u) => fmt(u.out));
      const count = exampleCount();
      ui.index = (ui.index + 1) % Math.max(1, count);
      ui.phase = 0;
      say(`Applied example ${h0}'s update to the exercise’s network (ŷ was ${outputs.length === 1 ? outputs[0] : `⟨${outputs.join(', ')}⟩`}, L = ${fmt(trace.lossValue)}). `
        + `Now example ${ui.index + 1} of ${count}, from the new weights.`);
    } catch (err) {
      say(err instanceof Error ? err.message : String(err), 'error');
    }
    refresh();
  }

  /** @param {number} delta */
  function moveExample(delta) {
    const count = exampleCount();
    if (count === 0) return;
    deps.pause();
    ui.index = (ui.index + delta + count) % count;
    ui.phase = 0;
    say('');
    refresh();
  }
  prev.addEventListener('click', () => moveExample(-1));
  next.addEventListener('click', () => moveExample(1));
  exampleInput.addEventListener('change', () => {
    const count = exampleCount();
    const h0 = Number(exampleInput.value);
    if (!Number.isInteger(h0) || h0 < 1 || h0 > count) {
      say(`Example h = “${exampleInput.value}” does not exist: 1 to ${count} allowed.`, 'error');
      exampleInput.setAttribute('aria-invalid', 'true');
      message.textContent = ui.message;
      message.dataset.kind = ui.messageKind;
      message.hidden = false;
      return;
    }
    exampleInput.removeAttribute('aria-invalid');
    ui.index = h0 - 1;
    ui.phase = 0;
    say('');
    refresh();
  });
  sourceSelect.addEventListener('change', () => {
    ui.source = sourceSelect.value === 'list' ? 'list' : 'data';
    ui.index = 0;
    ui.phase = 0;
    say('');
    refresh();
  });

  load.addEventListener('click', () => {
    deps.pause();
    const id = presetSelect.value;
    if (id === 'graph') {
      ui.mode = 'graph';
      ui.phase = 0;
      say('');
      refresh();
      return;
    }
    ui.mode = 'network';
    dropExercise();
    if (id === 'run') {
      ui.source = 'data';
      ui.list = null;
      ui.index = 0;
      ui.phase = 0;
      say('');
      refresh();
      return;
    }
    const preset = presets.find((p) => p.id === id);
    if (!preset) return;
    const refusal = deps.loadConfig(preset.config);
    if (refusal !== null) {
      say(`The exercise could not be loaded: ${refusal}`, 'error');
      refresh();
      return;
    }
    const pg = deps.state().run;
    try {
      deps.change('setLayers', preset.layers);
    } catch (err) {
      say(`The exercise’s weights were refused: ${err instanceof Error ? err.message : String(err)}`, 'error');
    }
    setList({ title: preset.title, summary: preset.summary, examples: preset.examples }, pg);
    say(`Loaded: ${preset.title}.`);
    deps.changed();
    editor.sync(pg, currentExample(), null, true);
    refresh();
  });

  for (const key of /** @type {const} */ (['x', 'y', 'z', 'g'])) {
    graphInputs[key].addEventListener('change', () => {
      const input = graphInputs[key];
      const parsed = parseNumber(input.value);
      if (!parsed.ok) {
        input.setAttribute('aria-invalid', 'true');
        say(`${input.dataset.field} ${parsed.message}; the graph keeps ${input.dataset.field} = ${fmt(ui.graph[key])}.`, 'error');
        render();
        return;
      }
      const before = ui.graph[key];
      ui.graph[key] = parsed.value;
      say('');
      computeGraph();
      if (ui.message !== '') {
        // The core refused the value: keep the previous one, and the typed text in its box.
        ui.graph[key] = before;
        input.setAttribute('aria-invalid', 'true');
        computeGraph();
      } else input.removeAttribute('aria-invalid');
      render();
    });
  }

  /** @param {boolean} open */
  function setOpen(open) {
    ui.open = open;
    root.hidden = !open;
    toggle.setAttribute('aria-pressed', String(open));
    doc.documentElement.dataset.inspector = open ? 'open' : '';
    if (open) {
      refresh();
      heading.focus({ preventScroll: true });
      root.scrollIntoView({ block: 'nearest' });
    }
  }
  toggle.addEventListener('click', () => {
    setOpen(!ui.open);
    if (!ui.open) toggle.focus();
  });
  close.addEventListener('click', () => {
    setOpen(false);
    toggle.focus();
  });

  return {
    /**
     * The page redrew (training, an edit, a new run): follow the running
     * network, at most every PLAYING_REFRESH_MS while training plays.
     * @param {AppState} state
     */
    update(state) {
      if (!ui.open) return;
      if (state.playing && performance.now() - ui.lastRefresh < PLAYING_REFRESH_MS) return;
      refresh();
    },
  };
}
