// @ts-check
// The hidden layers in the form: one row per layer with its units, its
// activation φ and its dropout rate, and the + and − buttons' limits.

import { NEW_LAYER_UNITS } from './typed.js';
import { documentOf, numberBox } from '../lib/dom.js';

/** @typedef {import('../lib/dom.js').Root} Root */

/** @typedef {import('./typed.js').TypedRanges} TypedRanges */

/**
 * One hidden layer's row.
 * @param {Root} root
 * @param {number} i  the layer, from 0
 * @param {HTMLSelectElement} activation  the Activation menu, copied as the layer's φ menu
 * @param {{ units: string, phi: string, dropout: string }} start  the row's first values
 * @param {TypedRanges} ranges
 */
function layerRow(root, i, activation, start, ranges) {
  const doc = documentOf(root);
  const li = doc.createElement('li');
  li.className = 'units-item';
  const label = doc.createElement('label');
  label.htmlFor = `units-${i}`;
  label.textContent = `Layer ${i + 1}`;
  const input = doc.createElement('input');
  input.type = 'number';
  input.id = `units-${i}`;
  input.name = `units-${i}`;
  input.min = String(ranges.units.low);
  input.max = String(ranges.units.high);
  input.step = '1';
  input.inputMode = 'numeric';
  input.value = start.units;
  input.title = `Number of hidden nodes in layer ${i + 1}, ${ranges.units.allowed}. Too few cannot fit the data; too many can over-fit`;
  input.setAttribute('aria-describedby', 'hidden-msg');
  input.dataset.units = '';
  const suffix = doc.createElement('span');
  suffix.className = 'units-suffix';
  suffix.textContent = 'units';
  suffix.setAttribute('aria-hidden', 'true');
  const phi = /** @type {HTMLSelectElement} */ (activation.cloneNode(true));
  phi.id = `layer-activation-${i}`;
  phi.name = phi.id;
  phi.removeAttribute('data-key');
  phi.dataset.layerActivation = '';
  phi.setAttribute('aria-label', `Activation φ of hidden layer ${i + 1}`);
  phi.setAttribute('aria-describedby', 'hidden-msg');
  phi.title = `φ of hidden layer ${i + 1} alone; the Activation menu above sets every layer at once`;
  phi.value = start.phi;
  const drop = numberBox(doc);
  drop.id = `dropout-${i}`;
  drop.name = drop.id;
  drop.dataset.dropout = '';
  drop.value = start.dropout;
  drop.setAttribute('aria-label', `Dropout rate p of hidden layer ${i + 1}`);
  drop.setAttribute('aria-describedby', 'hidden-msg');
  drop.title = `Dropout p of hidden layer ${i + 1}: while training, each unit is switched off with probability p (and the others scaled by 1/(1 − p)); never when evaluating. ${ranges.dropout.allowed}`;
  // Short visible labels; the aria-labels say the whole thing.
  const phiLabel = doc.createElement('label');
  phiLabel.className = 'units-suffix';
  phiLabel.htmlFor = phi.id;
  phiLabel.textContent = 'φ';
  const dropLabel = doc.createElement('label');
  dropLabel.className = 'units-suffix';
  dropLabel.htmlFor = drop.id;
  dropLabel.textContent = 'dropout';
  // Each label stays with its field when a narrow column wraps the row.
  const units = doc.createElement('span');
  units.className = 'units-pair';
  units.append(label, input, suffix);
  const phiPair = doc.createElement('span');
  phiPair.className = 'units-pair';
  phiPair.append(phiLabel, phi);
  const dropPair = doc.createElement('span');
  dropPair.className = 'units-pair';
  dropPair.append(dropLabel, drop);
  li.append(units, phiPair, dropPair);
  return li;
}

/**
 * @param {Root} doc
 * @param {object} parts
 * @param {HTMLOListElement} parts.unitsList  the list of hidden layers
 * @param {HTMLSelectElement} parts.activation  the Activation menu
 * @param {HTMLButtonElement} parts.layersAdd
 * @param {HTMLButtonElement} parts.layersRemove
 * @param {TypedRanges} ranges  what may be typed (the core's schema)
 */
export function createLayerList(doc, { unitsList, activation, layersAdd, layersRemove }, ranges) {
  /** @returns {HTMLInputElement[]} */
  function unitInputs() {
    return Array.from(unitsList.querySelectorAll('input[data-units]'));
  }

  /** @returns {HTMLSelectElement[]} each hidden layer's φ */
  function layerActivations() {
    return Array.from(unitsList.querySelectorAll('select[data-layer-activation]'));
  }

  /** @returns {HTMLInputElement[]} each hidden layer's dropout rate */
  function dropoutInputs() {
    return Array.from(unitsList.querySelectorAll('input[data-dropout]'));
  }

  return {
    unitsList,
    unitInputs,
    layerActivations,
    dropoutInputs,

    /**
     * Makes the list hold one units input per hidden layer, keeping what is typed
     * in the layers that stay.
     * @param {number} count
     * @param {number[]} [values]  units to show; by default keep or copy the last layer
     */
    sync(count, values) {
      const items = Array.from(unitsList.children);
      for (const item of items.slice(count)) item.remove();
      for (let i = items.length; i < count; i += 1) {
        const previous = unitInputs().at(-1);
        unitsList.append(layerRow(doc, i, activation, {
          units: previous ? previous.value : String(NEW_LAYER_UNITS),
          phi: layerActivations().at(-1)?.value ?? activation.value,
          dropout: dropoutInputs().at(-1)?.value ?? '0',
        }, ranges));
      }
      if (values) unitInputs().forEach((input, i) => { input.value = String(values[i]); });
      layersRemove.disabled = count <= ranges.layers.low;
      layersAdd.disabled = count >= ranges.layers.high;
    },
  };
}
