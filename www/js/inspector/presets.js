// @ts-check
// What the inspector loads: one of the course's exercises (its config, its
// weights and its examples become the run's), the run itself, the
// computational graph, and what the exercise editor sets (weights and a typed
// example on the running network, or a textbook exercise with a network of
// its own).

import { createEditor } from './editor.js';
import { currentExample, dropExercise, errorText, say, setList } from './model.js';

/** @typedef {import('./model.js').InspectorContext} InspectorContext */
/** @typedef {import('../../pkg/backprop_playground.js').Preset} Preset */
/** @typedef {import('../../pkg/backprop_playground.js').Exercise} Exercise */
/** @typedef {ReturnType<typeof createEditor>} Editor */

/**
 * The Load button: `id` is a preset's, or 'run' or 'graph'.
 * @param {InspectorContext} ctx
 * @param {Preset[]} presets
 * @param {string} id
 * @param {Editor} editor
 */
export function loadPreset({ ui, deps, refresh }, presets, id, editor) {
  deps.pause();
  if (id === 'graph') {
    ui.mode = 'graph';
    ui.phase = 0;
    say(ui, '');
    refresh();
    return;
  }
  ui.mode = 'network';
  dropExercise(ui);
  if (id === 'run') {
    ui.source = 'data';
    ui.list = null;
    ui.index = 0;
    ui.phase = 0;
    say(ui, '');
    refresh();
    return;
  }
  const preset = presets.find((p) => p.id === id);
  if (!preset) return;
  const refusal = deps.loadConfig(preset.config);
  if (refusal !== null) {
    say(ui, `The exercise could not be loaded: ${refusal}`, 'error');
    refresh();
    return;
  }
  const pg = deps.state().run;
  try {
    deps.change('setLayers', preset.layers);
  } catch (err) {
    say(ui, `The exercise’s weights were refused: ${errorText(err)}`, 'error');
  }
  setList(ui, { title: preset.title, summary: preset.summary, examples: preset.examples }, pg);
  say(ui, `Loaded: ${preset.title}.`);
  deps.changed();
  editor.sync(pg, currentExample(ui, deps.state().run), null, true);
  refresh();
}

/**
 * The exercise editor in `editorRoot`: it sets the running network's weights
 * with a typed example, or a textbook exercise that the inspector then steps.
 * @param {InspectorContext} ctx
 * @param {HTMLDetailsElement} editorRoot
 * @returns {Editor}
 */
export function createInspectorEditor(ctx, editorRoot) {
  const { ui, deps } = ctx;
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
        return errorText(err);
      }
      dropExercise(ui);
      setList(ui, { title: 'Typed example', summary: '', examples: [example] }, pg);
      say(ui, '');
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
        const e = /** @type {import('../../pkg/backprop_playground.js').FieldError} */ (err);
        return { message: e instanceof Error ? e.message : String(err), field: e?.field ?? '' };
      }
      dropExercise(ui);
      ui.exercise = { handle, spec };
      ui.mode = 'network';
      ui.index = 0;
      ui.phase = 0;
      say(ui, '');
      ctx.refresh();
      return null;
    },
  });
  editor.onRefill((which) => {
    if (which === 'own') editor.fillOwn(ui.exercise ? ui.exercise.handle.spec() : null);
    else editor.sync(deps.state().run, currentExample(ui, deps.state().run), null, true);
  });
  editor.onMode((which) => {
    if (which === 'own') editor.fillOwn(ui.exercise ? ui.exercise.handle.spec() : null);
    else editor.fillRun(deps.state().run);
  });
  editorRoot.addEventListener('toggle', () => {
    if (editorRoot.open) editor.sync(deps.state().run, currentExample(ui, deps.state().run), null, false);
  });
  return editor;
}
