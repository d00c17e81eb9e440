// @ts-check
// The backprop inspector's pictures: the network drawn with the course's node
// numbers (1, 2 → 3, 4 → 5) and w_ij on the links, showing o_j and δ_j as the
// steps reach them; and the notes' computational graph f = (x + y)·z with
// each value, local derivative and gradient. The step being shown is
// highlighted. Every number is a field the core returned.

import { fmt, sub, weightName } from '../lib/notation.js';

/** @typedef {import('../../pkg/backprop_playground.js').Trace} Trace */
/** @typedef {import('../../pkg/backprop_playground.js').GraphNode} GraphNode */
/** @typedef {import('../lib/notation.js').Phase} Phase */

const SVG_NS = 'http://www.w3.org/2000/svg';
const RADIUS = 17;
/** Link values are written on the links when the columns are at least this far apart. */
const MIN_GAP_FOR_VALUES = 190;
/** Links of a layer are labelled when there are at most this many. */
const MAX_LABELLED_LINKS = 6;

/**
 * @param {string} name
 * @param {Record<string, string | number>} attributes
 * @param {string} [text]
 */
function el(name, attributes, text) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * @typedef {object} NetworkPicture
 * @property {Trace} trace
 * @property {number[][]} numbers     node numbers per layer, inputs first
 * @property {string[]} inputNames    the input features' symbols
 * @property {Phase} phase            the step being shown
 * @property {ReturnType<typeof import('../lib/notation.js').progress>} done
 */

/**
 * Draws the network into `svg` (replacing what was there), one user unit per
 * CSS pixel of its current width so the text keeps its size.
 * @param {SVGSVGElement} svg
 * @param {NetworkPicture} picture
 */
export function drawNetwork(svg, picture) {
  const { trace, numbers, inputNames, phase, done } = picture;
  const width = Math.round(Math.min(760, Math.max(300, svg.clientWidth || 560)));
  const columns = numbers.length;
  const tallest = Math.max(...numbers.map((c) => c.length));
  const row = tallest <= 3 ? 128 : 74;
  const height = Math.max(200, tallest * row + 44);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.replaceChildren();
  // Room for the widest label beside an edge node ("δ₁₂ = −0.000123456").
  const margin = 62;
  const gap = columns === 1 ? 0 : (width - 2 * margin) / (columns - 1);
  const x = (/** @type {number} */ c) => (columns === 1 ? width / 2 : margin + c * gap);
  const y = (/** @type {number} */ c, /** @type {number} */ r) => 8 + height / 2 + (r - (numbers[c].length - 1) / 2) * row;
  const L = trace.layers.length;

  // Which layer the current step is about.
  const focus = phase.kind === 'forward' || phase.kind === 'backward' ? phase.layer : null;
  const links = el('g', { class: 'insp-links' });
  const labels = el('g', { class: 'insp-link-labels' });
  trace.layers.forEach((layer, l) => {
    const labelled = layer.weights.length * layer.units.length <= MAX_LABELLED_LINKS;
    const withValues = gap >= MIN_GAP_FOR_VALUES;
    layer.weights.forEach((weights, i) => {
      // Links leaving the upper half of a column are labelled on their upper
      // side, the others on their lower side: two crossing links then keep
      // their labels in different triangles.
      const below = i > (numbers[l].length - 1) / 2;
      weights.forEach((w, j) => {
        const [x1, y1, x2, y2] = [x(l) + RADIUS, y(l, i), x(l + 1) - RADIUS, y(l + 1, j)];
        const current = focus === l || phase.kind === 'update';
        const name = weightName(numbers[l][i], numbers[l + 1][j]);
        const line = el('line', { x1, y1, x2, y2, class: `insp-link${current ? ' is-current' : ''}` });
        line.dataset.link = name.key;
        links.append(line);
        if (!labelled) return;
        const t = 0.1;
        const lx = x1 + t * (x2 - x1);
        const ly = y1 + t * (y2 - y1);
        const angle = (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI;
        const value = done.update ? w.after : w.before;
        const text = el('text', {
          x: lx.toFixed(1),
          y: ly.toFixed(1),
          dy: below ? 13 : -5,
          'text-anchor': 'start',
          transform: `rotate(${angle.toFixed(2)} ${lx.toFixed(1)} ${ly.toFixed(1)})`,
          class: `insp-link-label${done.update ? ' is-new' : ''}${current ? ' is-current' : ''}`,
        }, withValues ? `${name.text} = ${fmt(value)}` : name.text);
        labels.append(text);
      });
    });
  });
  svg.append(links);

  const nodes = el('g', { class: 'insp-nodes' });
  numbers.forEach((column, c) => {
    column.forEach((n, r) => {
      const cx = x(c);
      const cy = y(c, r);
      const isInput = c === 0;
      const isOutput = c === L;
      const unit = isInput ? null : trace.layers[c - 1].units[r];
      const current = (isInput && phase.kind === 'input')
        || (!isInput && focus === c - 1)
        || (isOutput && phase.kind === 'loss');
      const group = el('g', { class: `insp-node${isInput ? ' is-input' : ''}${isOutput ? ' is-output' : ''}${current ? ' is-current' : ''}` });
      group.append(el('circle', { cx, cy, r: RADIUS }));
      group.append(el('text', { x: cx, y: cy + 5, 'text-anchor': 'middle', class: 'insp-node-number' }, String(n)));
      // Values over the node, δ under it (the inputs' ∂L/∂x are in the tables).
      /** @type {string | null} */
      let above = null;
      /** @type {string | null} */
      let below = null;
      if (isInput) {
        above = `${inputNames[r] ?? `x${sub(r + 1)}`} = ${fmt(trace.inputs[r].value)}`;
      } else if (unit) {
        if (done.forward.has(c - 1)) above = `o${sub(n)} = ${fmt(unit.out)}`;
        if (done.backward.has(c - 1)) below = `δ${sub(n)} = ${fmt(unit.delta)}`;
      }
      if (above) group.append(el('text', { x: cx, y: cy - RADIUS - 6, 'text-anchor': 'middle', class: 'insp-node-value' }, above));
      if (below) group.append(el('text', { x: cx, y: cy + RADIUS + 15, 'text-anchor': 'middle', class: 'insp-node-delta' }, below));
      nodes.append(group);
    });
  });
  svg.append(nodes, labels);

  const heading = el('g', { class: 'insp-columns' });
  numbers.forEach((_, c) => {
    const name = c === 0 ? 'input' : c === L ? 'output' : L > 2 ? `hidden ${c}` : 'hidden';
    heading.append(el('text', { x: x(c), y: 12, 'text-anchor': 'middle', class: 'insp-column-name' }, name));
  });
  svg.append(heading);
  const direction = phase.kind === 'backward' ? '← backward: δ flows from the output to the inputs'
    : phase.kind === 'forward' ? 'forward: o flows from the inputs to the output →' : '';
  if (direction) svg.append(el('text', { x: width / 2, y: height - 4, 'text-anchor': 'middle', class: 'insp-direction' }, direction));
  svg.setAttribute('aria-label', describe(picture));
}

/**
 * What the picture shows, for a screen reader.
 * @param {NetworkPicture} picture
 */
function describe({ numbers, phase }) {
  const layout = numbers.map((c) => c.join(', ')).join(' → ');
  return `Network diagram, nodes ${layout}; showing step: ${phase.kind}${'layer' in phase ? ` of layer ${phase.layer + 1}` : ''}. The tables list every value.`;
}

/** Where each node of f = (x + y)·z sits, in a GRAPH_WIDTH × GRAPH_HEIGHT picture. */
const GRAPH_PLACES = /** @type {Readonly<Record<string, [number, number]>>} */ ({
  x: [50, 50], y: [50, 140], z: [50, 228], q: [250, 95], f: [420, 150],
});
const GRAPH_WIDTH = 560;
const GRAPH_HEIGHT = 262;

/** The steps of the computational graph. */
export const GRAPH_PHASES = Object.freeze([
  'Inputs x, y, z',
  'Forward: q = x + y',
  'Forward: f = q·z',
  'Backward: ∂L/∂f given',
  'Backward: ∂L/∂q, ∂L/∂z',
  'Backward: ∂L/∂x, ∂L/∂y',
]);

/**
 * When each node's value and gradient appear, as GRAPH_PHASES indices.
 * @type {Readonly<Record<string, { value: number, gradient: number }>>}
 */
export const GRAPH_TIMING = Object.freeze({
  x: { value: 0, gradient: 5 },
  y: { value: 0, gradient: 5 },
  z: { value: 0, gradient: 4 },
  q: { value: 1, gradient: 4 },
  f: { value: 2, gradient: 3 },
});

/**
 * Draws the computational graph at step `p` of GRAPH_PHASES: each edge carries
 * the value going forward above it and the gradient coming back below it;
 * each operation lists its local derivatives under it.
 * @param {SVGSVGElement} svg
 * @param {GraphNode[]} nodes
 * @param {number} p
 */
export function drawGraph(svg, nodes, p) {
  // Narrow screens squeeze the picture sideways, never the text.
  const width = Math.round(Math.min(GRAPH_WIDTH, Math.max(300, svg.clientWidth || GRAPH_WIDTH)));
  const sx = width / GRAPH_WIDTH;
  /** @param {[number, number]} at */
  const place = ([px, py]) => /** @type {[number, number]} */ ([px * sx, py]);
  svg.setAttribute('viewBox', `0 0 ${width} ${GRAPH_HEIGHT}`);
  svg.replaceChildren();
  const edges = el('g', { class: 'insp-links' });
  const notes = el('g', { class: 'insp-link-labels' });
  /**
   * @param {[number, number]} from
   * @param {[number, number]} to
   * @param {boolean} current
   * @param {string | null} value
   * @param {string | null} gradient
   */
  const edge = (from, to, current, value, gradient) => {
    edges.append(el('line', {
      x1: from[0] + RADIUS, y1: from[1], x2: to[0] - (to === END ? 0 : RADIUS), y2: to[1],
      class: `insp-link${current ? ' is-current' : ''}`,
    }));
    const mx = (from[0] + to[0]) / 2;
    const my = (from[1] + to[1]) / 2;
    if (value !== null) notes.append(el('text', { x: mx, y: my - 7, 'text-anchor': 'middle', class: 'insp-graph-value' }, value));
    if (gradient !== null) notes.append(el('text', { x: mx, y: my + 16, 'text-anchor': 'middle', class: 'insp-graph-gradient' }, gradient));
  };
  const END = /** @type {[number, number]} */ ([width - 16, GRAPH_PLACES.f[1]]);
  for (const node of nodes) {
    const to = place(GRAPH_PLACES[node.name]);
    for (const k of node.inputs) {
      const source = nodes[k];
      const timing = GRAPH_TIMING[source.name];
      edge(
        place(GRAPH_PLACES[source.name]),
        to,
        p === GRAPH_TIMING[node.name].value || p === timing.gradient,
        p >= timing.value ? fmt(source.value) : null,
        p >= timing.gradient ? fmt(source.gradient) : null,
      );
    }
  }
  const f = nodes.find((n) => n.name === 'f');
  if (f) {
    edge(place(GRAPH_PLACES.f), END, p === GRAPH_TIMING.f.gradient,
      p >= GRAPH_TIMING.f.value ? fmt(f.value) : null,
      p >= GRAPH_TIMING.f.gradient ? `${width < 480 ? '' : '∂L/∂f = '}${fmt(f.gradient)}` : null);
    notes.append(el('text', { x: END[0] + 4, y: END[1] + 4, class: 'insp-graph-local' }, 'L'));
  }
  svg.append(edges);
  const group = el('g', { class: 'insp-nodes' });
  for (const node of nodes) {
    const [cx, cy] = place(GRAPH_PLACES[node.name]);
    const timing = GRAPH_TIMING[node.name];
    const current = p === timing.value || p === timing.gradient;
    const g = el('g', { class: `insp-node${node.op === 'input' ? ' is-input' : ''}${current ? ' is-current' : ''}` });
    g.append(el('circle', { cx, cy, r: RADIUS }));
    const symbol = node.op === 'add' ? '+' : node.op === 'mul' ? '×' : node.name;
    g.append(el('text', { x: cx, y: cy + 5, 'text-anchor': 'middle', class: 'insp-node-number' }, symbol));
    if (node.op !== 'input') {
      g.append(el('text', { x: cx, y: cy - RADIUS - 7, 'text-anchor': 'middle', class: 'insp-node-value' }, node.name));
      // Local derivatives, once the backward pass reaches the node.
      if (p >= timing.gradient) {
        node.inputs.forEach((k, m) => {
          const of = nodes[k].name;
          g.append(el('text', { x: cx, y: cy + RADIUS + 16 + 14 * m, 'text-anchor': 'middle', class: 'insp-graph-local' },
            `∂${node.name}/∂${of} = ${fmt(node.local[m])}`));
        });
      }
    }
    group.append(g);
  }
  svg.append(group, notes);
  svg.append(el('text', { x: width / 2, y: GRAPH_HEIGHT - 4, 'text-anchor': 'middle', class: 'insp-direction' },
    width < 480 ? 'over an edge: its value · under it: ∂L/∂ of it' : 'over each edge: the value going forward · under it: the gradient ∂L/∂· coming back'));
  svg.setAttribute('aria-label', `Computational graph f = (x + y)·z at step: ${GRAPH_PHASES[p]}. The table lists every value.`);
}
