// @ts-check
// Files: the model (config and every weight, exact) as JSON and the data as CSV
// (x1,x2,label), to download and to open again. The core reads and checks
// every file (crate/src/files.rs) before anything changes; a file it refuses is
// reported with the line or part and the reason, and the page stays as it was.

import { bodyOf, byId, html } from '../lib/dom.js';

/** @typedef {import('../lib/dom.js').Root} Root */
/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('./state.js').AppState} AppState */


/**
 * @typedef {object} FilesHost
 * @property {CoreModule} core
 * @property {AppState} state
 * @property {(config: Partial<Config>) => string | null} apply  rebuilds the run; the core's refusal or null
 * @property {(weights: number[] | Float64Array) => void} startFrom  the run starts from these weights
 */

/** @param {unknown} err */
const messageOf = (err) => (err instanceof Error ? err.message : String(err));

/**
 * Offers text as a file download.
 * @param {Root} doc
 * @param {string} text
 * @param {string} name
 * @param {string} type
 */
function download(doc, text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = html(doc, 'a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  bodyOf(doc).append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; later is safe everywhere.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * @param {Root} doc
 * @param {FilesHost} host
 */
export function createFiles(doc, host) {
  const { core, state } = host;
  const message = byId(doc, 'files-msg', HTMLElement);
  const modelInput = byId(doc, 'model-file', HTMLInputElement);
  const dataInput = byId(doc, 'data-file', HTMLInputElement);

  /** @param {string} text @param {'info' | 'error'} kind */
  function say(text, kind) {
    message.textContent = text;
    message.dataset.kind = kind;
  }

  /**
   * The text of the file chosen in an input, or null (and a message) when it cannot be read.
   * @param {HTMLInputElement} input
   */
  async function chosenText(input) {
    const file = input.files?.[0];
    input.value = ''; // the same file can be chosen again
    if (!file) return null;
    // The core owns the limit and says it, before a byte is read.
    const tooLarge = core.fileSizeProblem(file.name, file.size);
    if (tooLarge) {
      say(tooLarge, 'error');
      return null;
    }
    try {
      return { name: file.name, text: await file.text() };
    } catch (err) {
      say(`${file.name} could not be read: ${messageOf(err)}. Nothing changed.`, 'error');
      return null;
    }
  }

  byId(doc, 'model-download', HTMLButtonElement).addEventListener('click', async () => {
    // The engine holds the run: the file is its state when it reads the request.
    /** @type {import('../../pkg/backprop_playground.js').ModelFile} */
    let model;
    try {
      model = /** @type {import('../../pkg/backprop_playground.js').ModelFile} */ (await state.engine.request('modelFile'));
    } catch (err) {
      say(`The model could not be saved: ${messageOf(err)}.`, 'error');
      return;
    }
    const name = `backprop-${state.config.dataset}-epoch${model.epoch}.json`;
    download(doc, `${JSON.stringify(model, null, 1)}\n`, name, 'application/json');
    say(`Downloaded ${name}: the settings and all ${state.run.flatWeights().length} weights and biases at epoch ${model.epoch}.`, 'info');
  });

  byId(doc, 'data-download', HTMLButtonElement).addEventListener('click', () => {
    const name = `backprop-${state.config.dataset}-data.csv`;
    download(doc, state.run.dataCsv(), name, 'text/csv');
    say(`Downloaded ${name}: ${state.run.points().length / 4} points, one per line as x1,x2,label.`, 'info');
  });

  modelInput.addEventListener('change', async () => {
    const file = await chosenText(modelInput);
    if (!file) return;
    /** @type {unknown} */
    let parsed;
    try {
      parsed = JSON.parse(file.text);
    } catch (err) {
      say(`${file.name} was not opened: it is not JSON (${messageOf(err)}). Nothing changed.`, 'error');
      return;
    }
    let model;
    try {
      model = core.readModel(parsed);
    } catch (err) {
      say(`${file.name} was not opened: ${messageOf(err)}. Nothing changed.`, 'error');
      return;
    }
    const refusal = host.apply(model.config);
    if (refusal !== null) {
      say(`${file.name} was not opened: ${refusal}`, 'error');
      return;
    }
    host.startFrom(model.weights);
    const sizes = Array.from(state.run.layerSizes()).join('-');
    say(`Opened ${file.name}: a ${sizes} network trained for ${model.epoch} epochs. Reset returns to these weights.`, 'info');
  });

  dataInput.addEventListener('change', async () => {
    const file = await chosenText(dataInput);
    if (!file) return;
    let read;
    try {
      read = core.configFromCsv(state.config, file.text);
    } catch (err) {
      say(`${file.name} was not opened, the data stay as they were:\n${messageOf(err)}`, 'error');
      return;
    }
    const refusal = host.apply(read.config);
    if (refusal !== null) {
      say(`${file.name} was not opened, the data stay as they were:\n${refusal}`, 'error');
      return;
    }
    say(`Opened ${file.name}: ${read.points} points, ${read.problem}. The dataset is now “Custom”.`, 'info');
  });
}
