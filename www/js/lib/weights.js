// @ts-check
// The network's weights as the views read them, from the flat array the
// engine sends (crate/src/link.rs `flat_weights`: layer by layer, the rows
// i of w_ij, then the biases).

/** @typedef {import('../../pkg/backprop_playground.js').LayerSpec} LayerWeights */
/** @typedef {import('../../pkg/backprop_playground.js').Activation} ActivationName */

/**
 * @param {ArrayLike<number>} flat
 * @param {ArrayLike<number>} sizes        nodes per layer, inputs first
 * @param {ActivationName[]} activations   φ of each layer after the inputs
 * @returns {{ layers: LayerWeights[] }}
 */
export function layersFromFlat(flat, sizes, activations) {
  let expected = 0;
  for (let l = 0; l + 1 < sizes.length; l += 1) expected += (sizes[l] + 1) * sizes[l + 1];
  if (flat.length !== expected) throw new Error(`${flat.length} weights for a network of ${expected}`);
  /** @type {LayerWeights[]} */
  const layers = [];
  let k = 0;
  for (let l = 0; l + 1 < sizes.length; l += 1) {
    const inputs = sizes[l];
    const units = sizes[l + 1];
    /** @type {number[][]} */
    const weights = [];
    for (let i = 0; i < inputs; i += 1) {
      const row = new Array(units);
      for (let j = 0; j < units; j += 1) row[j] = flat[k++];
      weights.push(row);
    }
    const biases = new Array(units);
    for (let j = 0; j < units; j += 1) biases[j] = flat[k++];
    layers.push({ weights, biases, activation: activations[l] });
  }
  return { layers };
}

/**
 * Where weight w_ij of weight layer `l` (or, with `i` null, the bias of unit
 * j) sits in the flat array (crate/src/link.rs `flat_weights`).
 * @param {ArrayLike<number>} sizes  nodes per layer, inputs first
 * @param {number} l
 * @param {number | null} i
 * @param {number} j
 */
export function flatIndex(sizes, l, i, j) {
  let offset = 0;
  for (let k = 0; k < l; k += 1) offset += (sizes[k] + 1) * sizes[k + 1];
  const units = sizes[l + 1];
  return offset + (i === null ? sizes[l] * units : i * units) + j;
}

/**
 * The weight at `index` of the flat array (the inverse of flatIndex): weight
 * layer `l`, source `i` (null: the bias) and unit `j`; null past the end.
 * @param {ArrayLike<number>} sizes  nodes per layer, inputs first
 * @param {number} index
 * @returns {{ l: number, i: number | null, j: number } | null}
 */
export function weightAt(sizes, index) {
  if (!Number.isInteger(index) || index < 0) return null;
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l += 1) {
    const inputs = sizes[l];
    const units = sizes[l + 1];
    const count = (inputs + 1) * units;
    if (index < offset + count) {
      const k = index - offset;
      return k < inputs * units ? { l, i: Math.floor(k / units), j: k % units } : { l, i: null, j: k - inputs * units };
    }
    offset += count;
  }
  return null;
}
