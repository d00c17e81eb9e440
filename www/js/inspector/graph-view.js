// @ts-check
// The inspector's computational graph f = (x + y)·z: the boxes for x, y, z
// and ∂L/∂f, each step's formulas, and the table of every node's value, local
// derivatives and gradient. The numbers are the core's
// (computationalGraph); this only lays them out.

import { GRAPH_TIMING } from './diagram.js';
import { computeGraph, say } from './model.js';
import { html, numberBox } from '../lib/dom.js';
import { field } from './widgets.js';
import { fmt, operand, parseNumber } from '../lib/notation.js';

/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').GraphNode} GraphNode */
/** @typedef {import('../lib/notation.js').Formula} Formula */
/** @typedef {import('./model.js').InspectorUi} InspectorUi */
/** @typedef {'x' | 'y' | 'z' | 'g'} GraphKey */

/** The graph's typed values, in the order of their boxes. */
export const GRAPH_KEYS = /** @type {const} */ (['x', 'y', 'z', 'g']);

/**
 * The boxes for the graph's inputs.
 * @param {Document} doc
 * @param {(key: GraphKey) => void} onChange  a box's value was committed
 */
export function createGraphBar(doc, onChange) {
  const graphBar = html(doc, 'div', 'insp-bar insp-graph-bar');
  /** @type {Record<GraphKey, HTMLInputElement>} */
  const graphInputs = /** @type {any} */ ({});
  for (const [key, label, tip] of /** @type {const} */ ([
    ['x', 'x', 'The input x of f = (x + y)·z'],
    ['y', 'y', 'The input y of f = (x + y)·z'],
    ['z', 'z', 'The input z of f = (x + y)·z'],
    ['g', '∂L/∂f', '∂L/∂f: the gradient arriving at f from the computations after it'],
  ])) {
    const input = numberBox(doc, 'insp-number');
    input.id = `inspector-graph-${key}`;
    input.title = `${tip}; press Enter`;
    input.dataset.field = label;
    graphInputs[key] = input;
    graphBar.append(field(doc, label, input));
  }
  for (const key of GRAPH_KEYS) graphInputs[key].addEventListener('change', () => onChange(key));
  return { graphBar, graphInputs };
}

/**
 * Takes what is typed in a graph's box: a number the core accepts becomes the
 * graph's; anything else is said, and the box keeps the typed text.
 * @param {InspectorUi} ui
 * @param {CoreModule} core
 * @param {GraphKey} key
 * @param {HTMLInputElement} input
 */
export function takeGraphInput(ui, core, key, input) {
  const parsed = parseNumber(input.value);
  if (!parsed.ok) {
    input.setAttribute('aria-invalid', 'true');
    say(ui, `${input.dataset.field} ${parsed.message}; the graph keeps ${input.dataset.field} = ${fmt(ui.graph[key])}.`, 'error');
    return;
  }
  const before = ui.graph[key];
  ui.graph[key] = parsed.value;
  say(ui, '');
  computeGraph(ui, core);
  if (ui.message !== '') {
    // The core refused the value: keep the previous one, and the typed text in its box.
    ui.graph[key] = before;
    input.setAttribute('aria-invalid', 'true');
    computeGraph(ui, core);
  } else input.removeAttribute('aria-invalid');
}

/**
 * The formulas of step p of the graph.
 * @param {GraphNode[]} nodes
 * @param {number} p
 * @returns {Formula[]}
 */
export function graphFormulas(nodes, p) {
  const by = Object.fromEntries(nodes.map((n) => [n.name, n]));
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
  return lines;
}

/**
 * The table of the graph's nodes at step p: what is not computed yet shows as ·.
 * @param {Document} doc
 * @param {GraphNode[]} nodes
 * @param {number} p
 */
export function graphTable(doc, nodes, p) {
  const table = html(doc, 'table', 'insp-table');
  table.append(html(doc, 'caption', '', 'Every node: its value forward, its local derivatives, its gradient ∂L/∂node backward'));
  const thead = html(doc, 'thead');
  const hr = html(doc, 'tr');
  for (const name of ['node', 'computes', 'value', 'local derivatives', '∂L/∂node']) {
    const th = html(doc, 'th', '', name);
    th.setAttribute('scope', 'col');
    hr.append(th);
  }
  thead.append(hr);
  table.append(thead);
  const body = html(doc, 'tbody');
  for (const n of nodes) {
    const timing = GRAPH_TIMING[n.name];
    const tr = html(doc, 'tr', p === timing.value || p === timing.gradient ? 'is-current' : '');
    const th = html(doc, 'th', '', n.name);
    th.setAttribute('scope', 'row');
    tr.append(th);
    const inputs = n.inputs.map((k) => nodes[k].name);
    tr.append(html(doc, 'td', '', n.op === 'add' ? inputs.join(' + ') : n.op === 'mul' ? inputs.join('·') : 'given'));
    const value = html(doc, 'td', '', p >= timing.value ? fmt(n.value) : '·');
    value.dataset.q = `g-${n.name}`;
    tr.append(value);
    const local = html(doc, 'td');
    const shownLocal = p >= timing.gradient;
    n.local.forEach((d, m) => {
      const span = html(doc, 'span', 'insp-local', shownLocal ? `∂${n.name}/∂${inputs[m]} = ${fmt(d)}` : '·');
      span.dataset.q = `g-d${n.name}-d${inputs[m]}`;
      local.append(span);
    });
    if (n.local.length === 0) local.textContent = '—';
    tr.append(local);
    const gradient = html(doc, 'td', '', p >= timing.gradient ? fmt(n.gradient) : '·');
    gradient.dataset.q = `g-${n.name}-grad`;
    tr.append(gradient);
    body.append(tr);
  }
  table.append(body);
  const wrap = html(doc, 'div', 'insp-table-wrap');
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', 'Table of the graph’s nodes');
  wrap.append(table);
  return wrap;
}
