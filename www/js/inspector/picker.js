// @ts-check
// The inspector's exercise and example picker: the exercise to load, the
// example h (typed, or one back or on) and where the examples come from.

import { html } from '../lib/dom.js';
import { button, field } from './widgets.js';

/** @typedef {import('../../pkg/backprop_playground.js').Preset} Preset */
/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('./model.js').InspectorUi} InspectorUi */

/**
 * @typedef {object} PickerHandlers
 * @property {(id: string) => void} load         the Load button, with the chosen exercise's id
 * @property {(delta: number) => void} move      the previous (−1) or next (+1) example
 * @property {(input: HTMLInputElement) => void} choose  an example h typed and committed in `input`
 * @property {(source: string) => void} source   where the examples come from was chosen
 */

/**
 * @param {Document} doc
 * @param {Preset[]} presets
 * @param {PickerHandlers} handlers
 */
export function createPicker(doc, presets, handlers) {
  const presetSelect = /** @type {HTMLSelectElement} */ (html(doc, 'select'));
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
  const exampleInput = /** @type {HTMLInputElement} */ (html(doc, 'input', 'insp-number'));
  exampleInput.id = 'inspector-example';
  exampleInput.type = 'number';
  exampleInput.min = '1';
  exampleInput.step = '1';
  exampleInput.inputMode = 'numeric';
  exampleInput.title = 'Which example h to inspect (1 to the number of examples); press Enter';
  const exampleCountText = html(doc, 'span', 'insp-count');
  const sourceSelect = /** @type {HTMLSelectElement} */ (html(doc, 'select'));
  sourceSelect.id = 'inspector-source';
  sourceSelect.title = 'Where the examples come from: the run’s training set, or the loaded exercise’s own list';
  sourceSelect.append(new Option('the training set', 'data'), new Option('the exercise', 'list'), new Option('the textbook exercise (its own network)', 'exercise'));

  const bar = html(doc, 'div', 'insp-bar');
  bar.append(
    field(doc, 'Exercise', presetSelect, [load]),
    field(doc, 'Example h', exampleInput, [prev, next, exampleCountText]),
    field(doc, 'Examples from', sourceSelect),
  );

  prev.addEventListener('click', () => handlers.move(-1));
  next.addEventListener('click', () => handlers.move(1));
  exampleInput.addEventListener('change', () => handlers.choose(exampleInput));
  sourceSelect.addEventListener('change', () => handlers.source(sourceSelect.value));
  load.addEventListener('click', () => handlers.load(presetSelect.value));

  return {
    bar,
    exampleInput,

    /**
     * Shows the example shown, how many there are and where they come from.
     * @param {InspectorUi} ui
     * @param {Run} pg     the running network
     * @param {number} count  examples to step
     */
    render(ui, pg, count) {
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
    },
  };
}
