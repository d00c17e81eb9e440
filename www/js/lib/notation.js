// @ts-check
// The backprop inspector's notation: numbers with enough digits to check by
// hand, the course's names for nodes and weights (nodes numbered 1, 2, … from
// the inputs, w_ij from node i to node j, w_0j for node j's threshold), and
// the formulas of each step written out with the numbers the core computed.
// Nothing here computes a training quantity: every result shown is a field of
// the core's trace; the operands are fields of the trace too.

/** @typedef {import('../../pkg/backprop_playground.js').Trace} Trace */
/** @typedef {import('../../pkg/backprop_playground.js').Feature} FeatureName */

/** Significant digits shown: the issue asks for at least five. */
export const DIGITS = 6;

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
const SUPERSCRIPTS = { '-': '⁻', '+': '', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** @type {Readonly<Record<FeatureName, string>>} */
export const FEATURE_SYMBOLS = Object.freeze({
  x1: 'x₁', x2: 'x₂', x1Sq: 'x₁²', x2Sq: 'x₂²', x1x2: 'x₁x₂', sinX1: 'sin x₁', sinX2: 'sin x₂',
});

/**
 * A number as the inspector prints it: six significant digits, trailing zeros
 * dropped (0.09995, not 0.0999500), a real minus sign, ×10ⁿ for very small or
 * large magnitudes.
 * @param {number} v
 */
export function fmt(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  let text = v.toPrecision(DIGITS);
  let exponent = '';
  const e = text.indexOf('e');
  if (e >= 0) {
    exponent = text.slice(e + 1);
    text = text.slice(0, e);
  }
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  if (exponent !== '') {
    text = `${text}×10${sup(exponent)}`;
  }
  return text.replace('-', '−');
}

/**
 * A number as an operand inside a formula: negatives in parentheses.
 * @param {number} v
 */
export function operand(v) {
  return v < 0 ? `(${fmt(v)})` : fmt(v);
}

/**
 * Reads a number typed by a person: plain decimal or scientific notation, a
 * typographic minus allowed; no hex, no "Infinity", no empty string as 0.
 * @param {string} raw
 * @returns {{ ok: true, value: number } | { ok: false, message: string }}
 */
export function parseNumber(raw) {
  const text = raw.trim().replace(/^[−–]/, '-');
  if (text === '') return { ok: false, message: 'is empty: type a number, e.g. 0.5 or −1.2' };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    return { ok: false, message: `“${raw.trim()}” is not a number` };
  }
  return { ok: true, value: Number(text) };
}

/**
 * @param {number} n
 * @returns {string}  n in subscript digits, e.g. 12 → ₁₂
 */
export function sub(n) {
  return String(n).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)]);
}

/**
 * @param {number | string} n  an integer (a leading + is dropped)
 * @returns {string}  n in superscript digits, e.g. −5 → ⁻⁵
 */
export function sup(n) {
  return [...String(n)].map((c) => SUPERSCRIPTS[/** @type {keyof typeof SUPERSCRIPTS} */ (c)] ?? c).join('');
}

/**
 * The subscript of w_ij: "₁₃", or "₁,₁₃" once a number has two digits.
 * @param {number} i  0 for a threshold
 * @param {number} j
 */
function pair(i, j) {
  return i >= 10 || j >= 10 ? `${sub(i)},${sub(j)}` : `${sub(i)}${sub(j)}`;
}

/**
 * Names of one weight: as printed (w₁₃) and as a stable key (w13, w1,13).
 * @param {number} i  node number of the source, 0 for a threshold
 * @param {number} j  node number of the target
 */
export function weightName(i, j) {
  const key = i >= 10 || j >= 10 ? `w${i},${j}` : `w${i}${j}`;
  return { text: `w${pair(i, j)}`, key };
}

/**
 * The course's node numbers of every layer: [[1, 2], [3, 4], [5]].
 * @param {number[]} sizes  [inputs, units of each layer...]
 */
export function nodeNumbers(sizes) {
  /** @type {number[][]} */
  const numbers = [];
  let next = 1;
  for (const size of sizes) {
    numbers.push(Array.from({ length: size }, (_, k) => next + k));
    next += size;
  }
  return numbers;
}

/**
 * The steps of one example: the input, forward layer by layer, the loss,
 * backward layer by layer from the output, the update.
 * @typedef {{ kind: 'input' } | { kind: 'forward', layer: number } | { kind: 'loss' } | { kind: 'backward', layer: number } | { kind: 'update' }} Phase
 */

/**
 * @param {number} layers  number of layers after the inputs
 * @returns {Phase[]}
 */
export function phasesFor(layers) {
  /** @type {Phase[]} */
  const phases = [{ kind: 'input' }];
  for (let l = 0; l < layers; l += 1) phases.push({ kind: 'forward', layer: l });
  phases.push({ kind: 'loss' });
  for (let l = layers - 1; l >= 0; l -= 1) phases.push({ kind: 'backward', layer: l });
  phases.push({ kind: 'update' });
  return phases;
}

/**
 * A short name for a phase, for its chip.
 * @param {Phase} phase
 * @param {number} layers
 */
export function phaseName(phase, layers) {
  const which = (/** @type {number} */ l) => (l === layers - 1 ? 'output' : layers > 2 ? `hidden ${l + 1}` : 'hidden');
  switch (phase.kind) {
    case 'input': return 'Input';
    case 'forward': return `Forward: ${which(phase.layer)}`;
    case 'loss': return 'Loss';
    case 'backward': return `Backward: ${which(phase.layer)}`;
    case 'update': return 'Update';
  }
}

/**
 * How far the steps have got: which layers' forward values, δs, and the
 * loss and update are showing at phase index `p`.
 * @param {Phase[]} phases
 * @param {number} p
 */
export function progress(phases, p) {
  const seen = phases.slice(0, p + 1);
  const forward = new Set(seen.flatMap((ph) => (ph.kind === 'forward' ? [ph.layer] : [])));
  const backward = new Set(seen.flatMap((ph) => (ph.kind === 'backward' ? [ph.layer] : [])));
  return {
    forward,
    backward,
    loss: seen.some((ph) => ph.kind === 'loss'),
    update: seen.some((ph) => ph.kind === 'update'),
  };
}

/** @type {Readonly<Record<string, string>>} */
const PHI = Object.freeze({
  sigmoid: 'σ', tanh: 'tanh', relu: 'ReLU', leakyRelu: 'leaky ReLU', linear: 'linear', step: 'step', softmax: 'softmax',
});

/** @param {string} activation */
export function phiName(activation) {
  return PHI[activation] ?? activation;
}

/**
 * One written-out formula: `lhs op expression = value` (op is = or, for an
 * update, ←); `key` names the value.
 * @typedef {{ lhs: string, op?: string, expression: string, value: string, key: string }} Formula
 */

/**
 * The formulas of one phase, with the trace's numbers. Long layers are cut
 * after `limit` lines (the tables hold every number).
 * @param {Trace} trace
 * @param {Phase} phase
 * @param {number[][]} numbers  node numbers per layer (inputs first)
 * @param {string[]} inputNames  the input features' symbols
 * @param {number} [limit]
 * @returns {{ lines: Formula[], more: number }}
 */
export function formulasFor(trace, phase, numbers, inputNames, limit = 12) {
  /** @type {Formula[]} */
  let lines;
  if (phase.kind === 'input') lines = inputFormulas(trace, numbers, inputNames);
  else if (phase.kind === 'forward') lines = forwardFormulas(trace, phase.layer, numbers);
  else if (phase.kind === 'loss') lines = lossFormulas(trace, numbers);
  else if (phase.kind === 'backward') lines = backwardFormulas(trace, phase.layer, numbers, inputNames);
  else lines = updateFormulas(trace, numbers);
  const more = Math.max(0, lines.length - limit);
  return { lines: lines.slice(0, limit), more };
}

/** o_n, node n's output. @param {number} n */
const o = (n) => `o${sub(n)}`;

/**
 * The input phase: o_n = x_i for every input node.
 * @param {Trace} trace
 * @param {number[][]} numbers
 * @param {string[]} inputNames
 * @returns {Formula[]}
 */
export function inputFormulas(trace, numbers, inputNames) {
  return trace.inputs.map((input, i) => {
    const n = numbers[0][i];
    return { lhs: o(n), expression: inputNames[i] ?? `x${sub(i + 1)}`, value: fmt(input.value), key: `o${n}` };
  });
}

/**
 * The forward phase of layer `l`: each node's net_j and o_j.
 * @param {Trace} trace
 * @param {number} l
 * @param {number[][]} numbers
 * @returns {Formula[]}
 */
export function forwardFormulas(trace, l, numbers) {
  /** @type {Formula[]} */
  const lines = [];
  const layer = trace.layers[l];
  const valueOf = (/** @type {number} */ unit) => (l === 0
    ? trace.inputs[unit].value
    : trace.layers[l - 1].units[unit].out);
  layer.units.forEach((unit, j) => {
    const n = numbers[l + 1][j];
    const terms = layer.weights.map((row, i) => ({ w: row[j].before, o: valueOf(i), i: numbers[l][i] }));
    const bias = layer.biases[j].before;
    const symbolic = terms.length <= 4
      ? terms.map((t) => `${weightName(t.i, n).text}·${o(t.i)}`).join(' + ') + ` + ${weightName(0, n).text}`
      : `Σᵢ wᵢ${sub(n)} oᵢ + ${weightName(0, n).text}`;
    const numeric = terms.length <= 4
      ? `${terms.map((t) => `${operand(t.w)} × ${operand(t.o)}`).join(' + ')} + ${operand(bias)}`
      : '';
    lines.push({ lhs: `net${sub(n)}`, expression: numeric ? `${symbolic} = ${numeric}` : symbolic, value: fmt(unit.net), key: `net${n}` });
    const phi = layer.activation === 'sigmoid'
      ? `σ(net${sub(n)}) = 1/(1 + e^−${operand(unit.net)})`
      : `${phiName(layer.activation)}(net${sub(n)})`;
    lines.push({ lhs: o(n), expression: phi, value: fmt(unit.out), key: `o${n}` });
  });
  return lines;
}

/**
 * The loss phase: L, then ∂L/∂o_n for every output node.
 * @param {Trace} trace
 * @param {number[][]} numbers
 * @returns {Formula[]}
 */
export function lossFormulas(trace, numbers) {
  /** @type {Formula[]} */
  const lines = [];
  const L = trace.layers.length;
  const output = trace.layers[L - 1];
  const parts = output.units.map((unit, j) => ({ unit, n: numbers[L][j] }));
  const y = (/** @type {number | null} */ t) => fmt(t ?? NaN);
  let expression = '';
  if (trace.loss === 'squaredError') {
    const symbolic = parts.length === 1 ? `½(y${sub(parts[0].n)} − ${o(parts[0].n)})²` : '½ Σⱼ (yⱼ − oⱼ)²';
    expression = `${symbolic} = ${parts.map(({ unit }) => `½(${y(unit.target)} − ${fmt(unit.out)})²`).join(' + ')}`;
  } else if (trace.loss === 'binaryCrossEntropy') {
    const { unit } = parts[0];
    expression = `−(y log o + (1 − y) log(1 − o)) = −(${y(unit.target)} log ${fmt(unit.out)} + (1 − ${y(unit.target)}) log(1 − ${fmt(unit.out)}))`;
  } else {
    expression = `−Σⱼ yⱼ log oⱼ`;
  }
  lines.push({ lhs: 'L', expression, value: fmt(trace.lossValue), key: 'loss' });
  for (const { unit, n } of parts) {
    let form = '';
    if (trace.loss === 'squaredError') form = `${o(n)} − y${sub(n)} = ${fmt(unit.out)} − ${y(unit.target)}`;
    else if (trace.loss === 'binaryCrossEntropy') {
      form = unit.target === 1 ? `−1/${o(n)} (y = 1)` : unit.target === 0 ? `1/(1 − ${o(n)}) (y = 0)` : `−y/${o(n)} + (1 − y)/(1 − ${o(n)})`;
    } else form = `−y${sub(n)}/${o(n)}`;
    lines.push({ lhs: `∂L/∂${o(n)}`, expression: form, value: fmt(unit.outputGradient), key: `dLdo${n}` });
  }
  return lines;
}

/**
 * The backward phase of layer `l`: each node's δ_j, each weight's ∂L/∂w_ij
 * and, for the first layer, each input's ∂L/∂x_i.
 * @param {Trace} trace
 * @param {number} l
 * @param {number[][]} numbers
 * @param {string[]} inputNames
 * @returns {Formula[]}
 */
export function backwardFormulas(trace, l, numbers, inputNames) {
  /** @type {Formula[]} */
  const lines = deltaFormulas(trace, l, numbers);
  const layer = trace.layers[l];
  layer.weights.forEach((row, i) => {
    row.forEach((w, j) => {
      const from = numbers[l][i];
      const to = numbers[l + 1][j];
      const name = weightName(from, to);
      lines.push({
        lhs: `∂L/∂${name.text}`,
        expression: `${o(from)} δ${sub(to)} = ${operand(w.input)} × ${operand(w.delta)}`,
        value: fmt(w.gradient),
        key: `${name.key}.grad`,
      });
    });
  });
  if (l === 0) {
    trace.inputs.forEach((input, i) => {
      const n = numbers[0][i];
      const ks = numbers[1];
      const first = trace.layers[0];
      const sym = ks.length <= 3
        ? `${ks.map((k) => `${weightName(n, k).text} δ${sub(k)}`).join(' + ')} = ${first.units.map((u, kk) => `${operand(first.weights[i][kk].before)} × ${operand(u.delta)}`).join(' + ')}`
        : `Σⱼ w${sub(n)}ⱼ δⱼ`;
      lines.push({ lhs: `∂L/∂${inputNames[i] ?? o(n)}`, expression: sym, value: fmt(input.gradient), key: `dLdx${n}` });
    });
  }
  return lines;
}

/**
 * Each node's δ_j in layer `l` (for the output with the simplified rule, the
 * chain rule's product too).
 * @param {Trace} trace
 * @param {number} l
 * @param {number[][]} numbers
 * @returns {Formula[]}
 */
function deltaFormulas(trace, l, numbers) {
  /** @type {Formula[]} */
  const lines = [];
  const layer = trace.layers[l];
  const isOutput = l === trace.layers.length - 1;
  layer.units.forEach((unit, j) => {
    const n = numbers[l + 1][j];
    const d = unit.derivative;
    const dphi = layer.activation === 'sigmoid'
      ? { sym: `${o(n)}(1 − ${o(n)})`, num: `${fmt(unit.out)} × (1 − ${fmt(unit.out)})` }
      : { sym: `φ′(net${sub(n)})`, num: d === null ? '' : operand(d) };
    let expression;
    if (isOutput) {
      if (trace.outputRule === 'difference') {
        expression = `${o(n)} − y${sub(n)} = ${fmt(unit.out)} − ${fmt(unit.target ?? NaN)}`;
      } else if (trace.outputRule === 'softmaxJacobian') {
        expression = `${o(n)} (∂L/∂${o(n)} − Σₖ ∂L/∂oₖ oₖ)`;
      } else if (trace.loss === 'squaredError') {
        expression = `(${o(n)} − y${sub(n)})·${dphi.sym} = (${fmt(unit.out)} − ${fmt(unit.target ?? NaN)}) × ${dphi.num}`;
      } else {
        expression = `∂L/∂${o(n)} · ${dphi.sym} = ${operand(unit.outputGradient)} × ${dphi.num}`;
      }
    } else {
      const next = trace.layers[l + 1];
      const ks = numbers[l + 2];
      const sumSym = ks.length <= 3
        ? ks.map((k) => `${weightName(n, k).text} δ${sub(k)}`).join(' + ')
        : `Σₖ w${sub(n)}ₖ δₖ`;
      const sumNum = ks.length <= 3
        ? ks.map((_, kk) => `${operand(next.weights[j][kk].before)} × ${operand(next.units[kk].delta)}`).join(' + ')
        : operand(unit.outputGradient);
      expression = `(${sumSym})·${dphi.sym} = (${sumNum}) × ${dphi.num}`;
    }
    lines.push({ lhs: `δ${sub(n)}`, expression, value: fmt(unit.delta), key: `delta${n}` });
    if (isOutput && trace.outputRule === 'difference' && d !== null) {
      // The chain rule's product, which the simplified form cancels.
      lines.push({
        lhs: `δ${sub(n)}`,
        expression: `∂L/∂${o(n)} · ${dphi.sym} = ${operand(unit.outputGradient)} × ${dphi.num}`,
        value: fmt(unit.delta),
        key: `delta${n}.chain`,
      });
    }
  });
  return lines;
}

/**
 * The update phase: every weight's new value (thresholds too unless frozen),
 * the output layer first, as the slides list the updates.
 * @param {Trace} trace
 * @param {number[][]} numbers
 * @returns {Formula[]}
 */
export function updateFormulas(trace, numbers) {
  /** @type {Formula[]} */
  const lines = [];
  const plain = trace.optimizer === 'sgd' && (trace.regularization === 'none' || trace.regularizationRate === 0);
  trace.layers.forEach((layer, l) => {
    layer.weights.forEach((row, i) => {
      row.forEach((w, j) => {
        const from = numbers[l][i];
        const to = numbers[l + 1][j];
        const name = weightName(from, to);
        const expression = plain
          ? `${name.text} − η ${o(from)} δ${sub(to)} = ${fmt(w.before)} − ${fmt(trace.learningRate)} × ${operand(w.input)} × ${operand(w.delta)}`
          : `${name.text} + Δ${name.text} = ${fmt(w.before)} + ${operand(w.update)}`;
        lines.push({ lhs: name.text, op: '←', expression, value: fmt(w.after), key: `${name.key}.new` });
      });
    });
    if (!trace.frozenBiases) {
      layer.biases.forEach((b, j) => {
        const to = numbers[l + 1][j];
        const name = weightName(0, to);
        const expression = plain
          ? `${name.text} − η δ${sub(to)} = ${fmt(b.before)} − ${fmt(trace.learningRate)} × ${operand(b.delta)}`
          : `${name.text} + Δ${name.text} = ${fmt(b.before)} + ${operand(b.update)}`;
        lines.push({ lhs: name.text, op: '←', expression, value: fmt(b.after), key: `${name.key}.new` });
      });
    }
  });
  lines.reverse();
  return lines;
}
