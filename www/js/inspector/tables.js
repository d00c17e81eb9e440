// @ts-check
// The inspector's tables of one step: the loss line, every node (net_j, o_j,
// y, ∂L/∂o_j, φ′(net_j), δ_j) and every weight (w_ij, o_i, δ_j, ∂L/∂w_ij,
// the update, the new value), each cell shown once its step is reached.

import { fmt, progress, weightName } from '../lib/notation.js';
import { html } from '../lib/dom.js';

/** @typedef {import('../../pkg/backprop_playground.js').Trace} Trace */

export const OPTIMIZER_NAMES = /** @type {Readonly<Record<string, string>>} */ ({
  sgd: 'gradient descent', momentum: 'momentum', nesterov: 'Nesterov momentum', adagrad: 'Adagrad', rmsProp: 'RMSProp', adam: 'Adam',
});
const LOSS_NAMES = /** @type {Readonly<Record<string, string>>} */ ({
  squaredError: '½ squared error', binaryCrossEntropy: 'binary cross-entropy', softmaxCrossEntropy: 'softmax cross-entropy',
});

/**
 * The step's tables: the loss line, the nodes, the weights (wrapped to scroll).
 * @param {Document} doc
 * @param {Trace} trace
 * @param {number[][]} numbers
 * @param {string[]} inputNames
 * @param {import('../lib/notation.js').Phase} phase
 * @param {ReturnType<typeof progress>} done
 */
export function traceTables(doc, trace, numbers, inputNames, phase, done) {
  const nodes = nodeTable(doc, trace, numbers, inputNames, phase, done);
  const weights = weightTable(doc, trace, numbers, phase, done);
  return [lossLine(doc, trace, done), wrap(doc, nodes, 'Table of nodes'), wrap(doc, weights, 'Table of weights')];
}

/**
 * One cell: '—' for no value, '·' for a value not computed yet.
 * @param {Document} doc
 * @param {HTMLElement} row
 * @param {string | null} key
 * @param {number | null} value
 * @param {boolean} shown
 */
function cell(doc, row, key, value, shown) {
  const td = html(doc, 'td');
  if (key) td.dataset.q = key;
  if (value === null) td.textContent = '—';
  else if (!shown) {
    td.textContent = '·';
    td.classList.add('is-pending');
    td.title = 'Not computed yet: step on';
  } else td.textContent = fmt(value);
  row.append(td);
  return td;
}

/** @param {Document} doc @param {string[]} names @param {string[]} tips */
function header(doc, names, tips) {
  const tr = html(doc, 'tr');
  names.forEach((name, k) => {
    const th = html(doc, 'th', '', name);
    th.setAttribute('scope', 'col');
    if (tips[k]) th.title = tips[k];
    tr.append(th);
  });
  const thead = html(doc, 'thead');
  thead.append(tr);
  return thead;
}

/** @param {Document} doc @param {HTMLElement} table @param {string} label */
function wrap(doc, table, label) {
  const div = html(doc, 'div', 'insp-table-wrap');
  div.tabIndex = 0;
  div.setAttribute('role', 'region');
  div.setAttribute('aria-label', label);
  div.append(table);
  return div;
}

/**
 * The loss line: the loss's name, its value once computed, and η.
 * @param {Document} doc
 * @param {Trace} trace
 * @param {ReturnType<typeof progress>} done
 */
function lossLine(doc, trace, done) {
  const lossLine = html(doc, 'p', 'insp-loss');
  const k = trace.layers[trace.layers.length - 1]?.units.length ?? 1;
  const summed = trace.loss === 'squaredError' && k > 1 ? ', summed over the outputs: ½ Σₖ (yₖ − ŷₖ)²' : '';
  lossLine.append(`L (${LOSS_NAMES[trace.loss] ?? trace.loss}${summed}) = `);
  const lossValue = html(doc, 'strong', '', done.loss ? fmt(trace.lossValue) : '·');
  lossValue.dataset.q = 'loss';
  // A semicolon, not a dot: "·" is the placeholder of a value not yet computed.
  lossLine.append(lossValue, `;  η = ${fmt(trace.learningRate)}`);
  return lossLine;
}

/**
 * The nodes' table: one row per node, inputs first.
 * @param {Document} doc
 * @param {Trace} trace
 * @param {number[][]} numbers
 * @param {string[]} inputNames
 * @param {import('../lib/notation.js').Phase} phase
 * @param {ReturnType<typeof progress>} done
 */
function nodeTable(doc, trace, numbers, inputNames, phase, done) {
  const L = trace.layers.length;
  const nodes = html(doc, 'table', 'insp-table');
  nodes.append(html(doc, 'caption', '', 'Nodes: netⱼ = Σᵢ wᵢⱼ oᵢ + w₀ⱼ, oⱼ = φ(netⱼ), δⱼ = ∂L/∂netⱼ'));
  nodes.append(header(doc,
    ['node j', 'netⱼ', 'oⱼ', 'y', '∂L/∂oⱼ', 'φ′(netⱼ)', 'δⱼ'],
    ['The course’s node number', 'Σᵢ wᵢⱼ oᵢ + w₀ⱼ', 'φ(netⱼ); for an input node, the feature’s value', 'The target, for an output node',
      'Output node: ∂L/∂ŷ. Hidden node: Σₖ wⱼₖ δₖ, the gradients coming back along its links', 'The slope of φ at netⱼ', 'δⱼ = ∂L/∂oⱼ · φ′(netⱼ) = ∂L/∂netⱼ'],
  ));
  const nodeBody = html(doc, 'tbody');
  trace.inputs.forEach((input, i) => {
    const n = numbers[0][i];
    const tr = html(doc, 'tr', phase.kind === 'input' ? 'is-current' : '');
    const th = html(doc, 'th', '', `${n} (${inputNames[i]})`);
    th.setAttribute('scope', 'row');
    tr.append(th);
    cell(doc, tr, null, null, true);
    cell(doc, tr, `o${n}`, input.value, true);
    cell(doc, tr, null, null, true);
    cell(doc, tr, `dLdo${n}`, input.gradient, done.backward.has(0));
    cell(doc, tr, null, null, true);
    cell(doc, tr, null, null, true);
    nodeBody.append(tr);
  });
  trace.layers.forEach((layer, l) => {
    layer.units.forEach((unit, j) => {
      const n = numbers[l + 1][j];
      const isOutput = l === L - 1;
      const current = (phase.kind === 'forward' || phase.kind === 'backward') && phase.layer === l
        || (isOutput && phase.kind === 'loss');
      const tr = html(doc, 'tr', current ? 'is-current' : '');
      const th = html(doc, 'th', '', `${n}${isOutput ? ' (ŷ)' : ''}`);
      th.setAttribute('scope', 'row');
      tr.append(th);
      cell(doc, tr, `net${n}`, unit.net, done.forward.has(l));
      cell(doc, tr, `o${n}`, unit.out, done.forward.has(l));
      cell(doc, tr, isOutput ? `y${n}` : null, unit.target, true);
      cell(doc, tr, `dLdo${n}`, unit.outputGradient, isOutput ? done.loss : done.backward.has(l));
      cell(doc, tr, `dphi${n}`, unit.derivative, done.backward.has(l));
      cell(doc, tr, `delta${n}`, unit.delta, done.backward.has(l));
      nodeBody.append(tr);
    });
  });
  nodes.append(nodeBody);
  return nodes;
}

/**
 * The weights' table: one body per layer, its weights then its thresholds.
 * @param {Document} doc
 * @param {Trace} trace
 * @param {number[][]} numbers
 * @param {import('../lib/notation.js').Phase} phase
 * @param {ReturnType<typeof progress>} done
 */
function weightTable(doc, trace, numbers, phase, done) {
  const plain = trace.optimizer === 'sgd' && (trace.regularization === 'none' || trace.regularizationRate === 0);
  const weights = html(doc, 'table', 'insp-table insp-weights');
  const updateName = plain ? '−η oᵢ δⱼ' : `Δw (${OPTIMIZER_NAMES[trace.optimizer] ?? trace.optimizer})`;
  weights.append(html(doc, 'caption', '', plain
    ? 'Weights: ∂L/∂wᵢⱼ = oᵢ δⱼ, then wᵢⱼ ← wᵢⱼ − η oᵢ δⱼ'
    : 'Weights: ∂L/∂wᵢⱼ = oᵢ δⱼ, then the optimizer’s step Δw'));
  weights.append(header(doc,
    ['weight', 'wᵢⱼ', 'oᵢ', 'δⱼ', 'oᵢ δⱼ = ∂L/∂wᵢⱼ', updateName, 'new wᵢⱼ'],
    ['wᵢⱼ joins node i to node j; w₀ⱼ is node j’s threshold (its oᵢ is 1)', 'The value before this step', 'The value travelling along the link',
      'δ of the node the link enters', 'The gradient of the loss with respect to this weight, for this example',
      plain ? 'The change gradient descent makes' : 'The change the run’s optimizer really makes, with its running state', 'The value after this step'],
  ));
  trace.layers.forEach((layer, l) => {
    const body = html(doc, 'tbody');
    const group = html(doc, 'tr', 'insp-group');
    const gth = html(doc, 'th', '', `Layer ${l + 1}: nodes ${numbers[l].join(', ')} → ${numbers[l + 1].join(', ')}`);
    gth.setAttribute('colspan', '7');
    gth.setAttribute('scope', 'colgroup');
    group.append(gth);
    body.append(group);
    const gradientShown = done.backward.has(l);
    const current = (phase.kind === 'backward' && phase.layer === l) || phase.kind === 'update';
    /**
     * @param {number} from
     * @param {number} to
     * @param {import('../../pkg/backprop_playground.js').WeightTrace} w
     * @param {boolean} frozen
     */
    const row = (from, to, w, frozen) => {
      const name = weightName(from, to);
      const tr = html(doc, 'tr', current ? 'is-current' : '');
      const th = html(doc, 'th', '', name.text);
      th.setAttribute('scope', 'row');
      tr.append(th);
      cell(doc, tr, name.key, w.before, true);
      cell(doc, tr, `${name.key}.o`, w.input, from === 0 || done.forward.has(l - 1) || l === 0);
      cell(doc, tr, `${name.key}.delta`, w.delta, gradientShown);
      cell(doc, tr, `${name.key}.grad`, w.gradient, gradientShown);
      const u = cell(doc, tr, `${name.key}.update`, w.update, done.update);
      const a = cell(doc, tr, `${name.key}.new`, w.after, done.update);
      if (frozen && done.update) {
        u.textContent = 'frozen';
        u.title = 'Thresholds are frozen: they keep their value';
        a.classList.add('is-frozen');
      }
      body.append(tr);
    };
    layer.weights.forEach((r, i) => r.forEach((w, j) => row(numbers[l][i], numbers[l + 1][j], w, false)));
    layer.biases.forEach((b, j) => row(0, numbers[l + 1][j], b, trace.frozenBiases));
    weights.append(body);
  });
  return weights;
}
