// @ts-check
// The network view's DOM, built once per network: the containers (once per
// view), then a button per node, the − / + buttons over each hidden layer, the
// column captions and a hit box per bias; the links are a model, not
// elements (an 8 × 32 network has ~7,500): the pointer finds them by their
// curves (layout.js `linkAt`) on one surface under the picture, and the
// keyboard moves over every weight, links and biases in one order, in one
// listbox whose single option stands for the weight it is on
// (`aria-activedescendant`). Nothing here is positioned (place.js) or painted
// (paint.js); the input thumbnails are drawn here because they never change
// while training.

import { sub } from '../lib/notation.js';
import { html, svg } from '../lib/dom.js';

/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('../../pkg/backprop_playground.js').Feature} FeatureName */
/** @typedef {import('../../pkg/backprop_playground.js').LayerSpec} LayerWeights */

/** The seven candidate inputs, in the order the input column shows them. */
const FEATURES = /** @type {const} */ ([
  { name: 'x1', symbol: 'x₁' },
  { name: 'x2', symbol: 'x₂' },
  { name: 'x1Sq', symbol: 'x₁²' },
  { name: 'x2Sq', symbol: 'x₂²' },
  { name: 'x1x2', symbol: 'x₁x₂' },
  { name: 'sinX1', symbol: 'sin x₁' },
  { name: 'sinX2', symbol: 'sin x₂' },
]);

/** Units a hidden layer may have (the core's limits). */
const MIN_UNITS = 1;
/** Cells per side of the input thumbnails; they never change during training. */
const FEATURE_GRID = 40;

/**
 * The view's containers, made once.
 * @typedef {object} Shell
 * @property {HTMLElement} root      the view (#network-view)
 * @property {Document} doc
 * @property {HTMLElement} content   everything, at content size (the view scrolls it sideways)
 * @property {HTMLElement} headers   captions and − / + buttons
 * @property {HTMLElement} nodeLayer  node buttons and input names
 * @property {HTMLElement} linkLayer  the surface that takes the pointer for the links (its title: the hovered link's tooltip)
 * @property {HTMLElement} weights  the weights' listbox: one tab stop for every link and bias
 * @property {HTMLElement} activeWeight  its one option, the weight the keyboard is on
 * @property {HTMLCanvasElement} linkCanvas  the painted links (links-layer.js), under the picture
 * @property {HTMLCanvasElement} picture  what paint.js paints but the links
 * @property {SVGSVGElement} biasLayer  the biases' hit boxes
 */

/**
 * One node of the diagram. Inputs that are switched off have no core index.
 * @typedef {object} NodeView
 * @property {number | null} index   core node index (null: an input that is off)
 * @property {number} column         0 = inputs, then hidden layers, then outputs
 * @property {number} row            position in its column
 * @property {string} symbol         course notation: x₁², h₁,₂, ŷ
 * @property {string} label          what the main plot's caption says: "Hidden layer 1, unit 2"
 * @property {HTMLButtonElement} button
 * @property {HTMLImageElement | null} picture  an input's thumbnail (it never changes)
 * @property {HTMLElement | null} caption  the input's name under its thumbnail
 * @property {FeatureName | null} feature
 * @property {number} cx  centre, content pixels (set by place.js)
 * @property {number} cy
 */

/**
 * A weight w_ij of weight layer `l`, from node i of column l to unit j of
 * column l + 1: no element of its own (painted by the links' layer, found by
 * its curve, spoken through the weights' listbox).
 * @typedef {object} LinkView
 * @property {number} l
 * @property {number} i
 * @property {number} j
 * @property {number} k  its place in `Diagram.links` (and in the scene's arrays)
 */

/**
 * The bias w_0j of unit j of weight layer `l`.
 * @typedef {object} BiasView
 * @property {number} l
 * @property {number} j
 * @property {number} b  its place among the biases (`Diagram.biases.flat()`, the scene's arrays)
 * @property {SVGGElement} group     the click target (the square is painted)
 * @property {SVGRectElement} hitBox  its box, sized by `place.js`
 * @property {SVGTitleElement} tip
 */

/** @typedef {{ kind: 'link', link: LinkView } | { kind: 'bias', bias: BiasView }} Editable */

/**
 * @typedef {object} UnitHeader
 * @property {HTMLButtonElement} minus
 * @property {HTMLButtonElement} plus
 * @property {HTMLElement} el
 */

/**
 * The elements of one network's diagram.
 * @typedef {object} Diagram
 * @property {number[]} sizes        units per layer, inputs first
 * @property {NodeView[][]} columns  columns of nodes; column 0 holds all seven features
 * @property {NodeView[]} byIndex    the nodes with a core index, by that index
 * @property {LinkView[]} links      in the order of pg.weights(): l, then i, then j
 * @property {BiasView[][]} biases   [l][j]
 * @property {Editable[]} roving  keyboard order: per unit, its bias then its incoming links
 * @property {number} rovingIndex    the one of `roving` the weights' listbox is on
 * @property {UnitHeader[]} unitHeaders
 * @property {HTMLElement[]} captions  over the input and output columns
 * @property {NodeView[]} thumbNodes   hidden and output nodes, in index order: the painted ones
 */

/**
 * Makes the containers of a view (empty until `mountShell`).
 * @param {HTMLElement} root
 * @returns {Shell}
 */
export function buildShell(root) {
  const doc = root.ownerDocument;
  root.classList.add('nv');
  const content = html(doc, 'div', 'nv-content');
  const headers = html(doc, 'div', 'nv-headers');
  const linkLayer = html(doc, 'div', 'nv-links');
  const weights = html(doc, 'div', 'nv-weights');
  weights.tabIndex = 0;
  weights.setAttribute('role', 'listbox');
  weights.setAttribute('aria-label', 'Weights: arrow keys move from weight to weight, Enter edits one');
  const activeWeight = html(doc, 'div', 'nv-weight');
  activeWeight.setAttribute('role', 'option');
  activeWeight.setAttribute('aria-selected', 'true');
  weights.append(activeWeight);
  const linkCanvas = html(doc, 'canvas', 'nv-link-canvas');
  linkCanvas.setAttribute('aria-hidden', 'true');
  const picture = html(doc, 'canvas', 'nv-canvas');
  picture.setAttribute('aria-hidden', 'true');
  const nodeLayer = html(doc, 'div', 'nv-nodes');
  const biasLayer = svg(doc, 'svg', 'nv-biases');
  // The listbox speaks the biases; these are for the pointer and the tooltips.
  biasLayer.setAttribute('aria-hidden', 'true');
  return { root, doc, content, headers, nodeLayer, linkLayer, weights, activeWeight, linkCanvas, picture, biasLayer };
}

/**
 * Puts the containers and the weight editor into the view.
 * @param {Shell} shell
 * @param {HTMLElement} editor
 */
export function mountShell(shell, editor) {
  const { root, content, headers, nodeLayer, linkLayer, weights, linkCanvas, picture, biasLayer } = shell;
  // Tab order follows the DOM: the layer buttons, the nodes, then the weights
  // (one tab stop). By z-index: the links' surface, the painted links (and
  // their halos), the painted picture, the node buttons, the biases' hit
  // boxes. The listbox comes just before the biases, whose focus ring
  // follows it (css/network.css).
  content.append(headers, nodeLayer, linkLayer, linkCanvas, picture, weights, biasLayer, editor);
  root.replaceChildren(content);
}

/** @returns {Diagram} the diagram before any network */
export function emptyDiagram() {
  return {
    sizes: [],
    columns: [],
    byIndex: [],
    links: [],
    biases: [],
    roving: [],
    rovingIndex: 0,
    unitHeaders: [],
    captions: [],
    thumbNodes: [],
  };
}

/**
 * Replaces every element of the diagram with those of a network.
 * @param {Shell} shell
 * @param {number[]} sizes  units per layer, inputs first
 * @param {FeatureName[]} active  the inputs the network uses, in core order
 * @param {LayerWeights[]} weights  for each layer's activation
 * @param {(layer: number, delta: 1 | -1) => void} onUnits  a − or + button was pressed
 * @param {number} maxUnits  the most units a hidden layer may have (the core's schema)
 * @returns {Diagram}
 */
export function buildDiagram(shell, sizes, active, weights, onUnits, maxUnits) {
  const { headers, nodeLayer, biasLayer } = shell;
  headers.replaceChildren();
  nodeLayer.replaceChildren();
  biasLayer.replaceChildren();

  const { columns, byIndex } = buildNodes(shell, sizes, active, weights);

  // Headers: a caption over the inputs and the outputs, − N units + over each hidden layer.
  const hiddenCount = sizes.length - 2;
  const captions = [makeCaption(shell, 'Input')];
  /** @type {UnitHeader[]} */
  const unitHeaders = [];
  for (let h = 0; h < hiddenCount; h += 1) unitHeaders.push(makeUnitHeader(shell, h, sizes[h + 1], onUnits, maxUnits));
  captions.push(makeCaption(shell, sizes[sizes.length - 1] === 1 ? 'Output' : 'Outputs'));

  const { links, biases, roving } = buildWeights(shell, sizes);

  const thumbNodes = columns.slice(1).flat();
  return { sizes, columns, byIndex, links, biases, roving, rovingIndex: 0, unitHeaders, captions, thumbNodes };
}

/**
 * A button per node. Column 0: the seven candidate features, active ones
 * numbered in featureNames() order; then each hidden layer and the outputs.
 * @param {Shell} shell
 * @param {number[]} sizes
 * @param {FeatureName[]} active
 * @param {LayerWeights[]} weights
 */
function buildNodes(shell, sizes, active, weights) {
  /** @type {NodeView[][]} */
  const columns = [];
  /** @type {NodeView[]} */
  const byIndex = [];
  /** @type {NodeView[]} */
  const inputs = [];
  // A link's hide flags (js/embed.js) leave inputs out, unless the network uses them.
  const hiddenFeatures = (shell.root.dataset.hideFeatures ?? '').split(' ');
  FEATURES.filter((f) => active.includes(f.name) || !hiddenFeatures.includes(f.name)).forEach((f, row) => {
    const at = active.indexOf(f.name);
    const index = at >= 0 ? at : null;
    const node = makeNode(shell, { column: 0, row, index, symbol: f.symbol, label: `Input ${f.symbol}`, feature: f.name, phi: '' });
    inputs.push(node);
    if (node.index !== null) byIndex[node.index] = node;
  });
  columns.push(inputs);

  const outputs = sizes[sizes.length - 1];
  let index = active.length;
  for (let c = 1; c < sizes.length; c += 1) {
    /** @type {NodeView[]} */
    const column = [];
    const isOutput = c === sizes.length - 1;
    const phi = weights[c - 1]?.activation ?? '';
    for (let u = 0; u < sizes[c]; u += 1) {
      const symbol = isOutput
        ? (outputs === 1 ? 'ŷ' : `ŷ${sub(u + 1)}`)
        : `h${sub(c)},${sub(u + 1)}`;
      const label = isOutput
        ? (outputs === 1 ? 'Output' : `Output ${u + 1} of ${outputs}`)
        : `Hidden layer ${c}, unit ${u + 1}`;
      const node = makeNode(shell, { column: c, row: u, index, symbol, label, feature: null, phi });
      column.push(node);
      byIndex[index] = node;
      index += 1;
    }
    columns.push(column);
  }
  return { columns, byIndex };
}

/**
 * Links and biases, in the order pg.weights() lists them, and the keyboard's
 * order: per unit, its bias then its incoming links.
 * @param {Shell} shell
 * @param {number[]} sizes
 */
function buildWeights(shell, sizes) {
  const { doc, biasLayer } = shell;
  /** @type {LinkView[]} */
  const links = [];
  /** @type {BiasView[][]} */
  const biases = [];
  /** @type {Editable[]} */
  const roving = [];
  let b = 0;
  for (let l = 0; l < sizes.length - 1; l += 1) {
    /** @type {LinkView[][]} incoming links per unit, for the keyboard order */
    const into = Array.from({ length: sizes[l + 1] }, () => /** @type {LinkView[]} */ ([]));
    for (let i = 0; i < sizes[l]; i += 1) {
      for (let j = 0; j < sizes[l + 1]; j += 1) {
        const link = { l, i, j, k: links.length };
        links.push(link);
        into[j].push(link);
      }
    }
    /** @type {BiasView[]} */
    const row = [];
    for (let j = 0; j < sizes[l + 1]; j += 1) {
      const bias = makeBias(doc, l, j, b);
      b += 1;
      biasLayer.append(bias.group);
      row.push(bias);
      roving.push({ kind: 'bias', bias });
      for (const link of into[j]) roving.push({ kind: 'link', link });
    }
    biases.push(row);
  }
  return { links, biases, roving };
}

/**
 * @param {Shell} shell
 * @param {object} node
 * @param {number} node.column
 * @param {number} node.row
 * @param {number | null} node.index
 * @param {string} node.symbol
 * @param {string} node.label
 * @param {FeatureName | null} node.feature
 * @param {string} node.phi  the activation of a hidden or output node
 * @returns {NodeView}
 */
function makeNode(shell, { column, row, index, symbol, label, feature, phi }) {
  const { doc, nodeLayer } = shell;
  const button = html(doc, 'button', 'nv-node');
  button.type = 'button';
  /** @type {HTMLElement | null} */
  let caption = null;
  /** @type {HTMLImageElement | null} */
  let image = null;
  if (feature !== null) {
    image = html(doc, 'img', 'nv-thumb');
    image.alt = '';
    image.setAttribute('aria-hidden', 'true');
    image.draggable = false;
    button.append(image);
    const on = index !== null;
    button.dataset.feature = feature;
    button.setAttribute('aria-pressed', String(on));
    button.setAttribute('aria-label', `Input ${symbol} (${on ? 'on' : 'off'})`);
    button.title = on
      ? `Input ${symbol}: an input node has no activation, it passes o_i = ${symbol} on. Click to switch this feature off`
      : `Input ${symbol} is off. Click to feed it to the network`;
    button.classList.toggle('is-off', !on);
    caption = html(doc, 'span', 'nv-input-name');
    caption.textContent = symbol;
    caption.setAttribute('aria-hidden', 'true');
    caption.classList.toggle('is-off', !on);
    nodeLayer.append(button, caption);
  } else {
    // Its frame and heatmap are painted under the button (paint.js).
    button.classList.add('is-painted');
    button.setAttribute('aria-label', label);
    button.title = `${label} (${symbol}): o_j = φ(net_j), net_j = Σ_i w_ij o_i + w_0j, φ = ${phi}. `
      + 'Hover, tap or focus it to see o_j over the whole plane';
    nodeLayer.append(button);
  }
  if (index !== null) button.dataset.node = String(index);
  return { index, column, row, symbol, label, button, picture: image, caption, feature, cx: 0, cy: 0 };
}

/**
 * @param {Shell} shell
 * @param {string} text
 */
function makeCaption(shell, text) {
  const el = html(shell.doc, 'span', 'nv-caption');
  el.textContent = text;
  shell.headers.append(el);
  return el;
}

/**
 * @param {Shell} shell
 * @param {number} layer  0-based hidden layer
 * @param {number} units
 * @param {(layer: number, delta: 1 | -1) => void} onUnits
 * @param {number} maxUnits  the core's limit (its schema)
 * @returns {UnitHeader}
 */
function makeUnitHeader(shell, layer, units, onUnits, maxUnits) {
  const { doc } = shell;
  const el = html(doc, 'div', 'nv-units');
  el.setAttribute('role', 'group');
  el.setAttribute('aria-label', `Hidden layer ${layer + 1}: ${units} unit${units === 1 ? '' : 's'}`);
  const minus = html(doc, 'button', 'nv-units-button');
  minus.type = 'button';
  minus.textContent = '−';
  minus.dataset.units = `${layer},-1`;
  minus.setAttribute('aria-label', `Remove a unit from hidden layer ${layer + 1}`);
  minus.title = units <= MIN_UNITS
    ? `Hidden layer ${layer + 1} has its minimum of ${MIN_UNITS} unit`
    : `Remove the last unit of hidden layer ${layer + 1}`;
  minus.disabled = units <= MIN_UNITS;
  const plus = html(doc, 'button', 'nv-units-button');
  plus.type = 'button';
  plus.textContent = '+';
  plus.dataset.units = `${layer},1`;
  plus.setAttribute('aria-label', `Add a unit to hidden layer ${layer + 1}`);
  plus.title = units >= maxUnits
    ? `Hidden layer ${layer + 1} has its maximum of ${maxUnits} units`
    : `Add a unit to hidden layer ${layer + 1}`;
  plus.disabled = units >= maxUnits;
  const count = html(doc, 'span', 'nv-units-count');
  count.title = `${units} unit${units === 1 ? '' : 's'} in hidden layer ${layer + 1}`;
  const number = html(doc, 'span', 'nv-units-number');
  number.textContent = String(units);
  const word = html(doc, 'span', 'nv-units-word');
  word.textContent = units === 1 ? ' unit' : ' units';
  count.append(number, word);
  el.append(minus, count, plus);
  minus.addEventListener('click', () => onUnits(layer, -1));
  plus.addEventListener('click', () => onUnits(layer, 1));
  shell.headers.append(el);
  return { minus, plus, el };
}

/**
 * A bias's hit box: the pointer's target (the keyboard reaches it through the
 * weights' listbox).
 * @param {Document} doc
 * @param {number} l
 * @param {number} j
 * @param {number} b  its place among the biases
 * @returns {BiasView}
 */
function makeBias(doc, l, j, b) {
  const group = svg(doc, 'g', 'nv-bias');
  group.dataset.bias = `${l},${j}`;
  const hitBox = svg(doc, 'rect', 'nv-bias-hit');
  const tip = svg(doc, 'title');
  group.append(tip, hitBox);
  return { l, j, b, group, hitBox, tip };
}

/**
 * The input thumbnails: fixed pictures of each feature over the plane, made
 * on rebuild and again only when the palette changes. They are images, not
 * canvases, so that the browser keeps them with the rest of the still DOM.
 * @param {Document} doc
 * @param {NodeView[] | undefined} inputs  column 0
 * @param {Run} source
 */
export function drawFeatureThumbnails(doc, inputs, source) {
  /** @type {CanvasRenderingContext2D | null} */
  let ctx = null;
  for (const node of inputs ?? []) {
    if (node.feature === null || !node.picture) continue;
    const bytes = source.featureHeatmap(node.feature, FEATURE_GRID);
    // The same picture (feature and palette) has the same address: encoded once.
    const key = `${node.feature} ${fingerprint(bytes)}`;
    let address = thumbnailAddresses.get(key);
    if (address === undefined) {
      if (!ctx) {
        const canvas = html(doc, 'canvas');
        canvas.width = FEATURE_GRID;
        canvas.height = FEATURE_GRID;
        ctx = canvas.getContext('2d');
        if (!ctx) return;
      }
      ctx.putImageData(new ImageData(bytes, FEATURE_GRID, FEATURE_GRID), 0, 0);
      address = ctx.canvas.toDataURL();
      thumbnailAddresses.set(key, address);
    }
    if (node.picture.src !== address) node.picture.src = address;
  }
}

/** The input thumbnails' PNG addresses, by feature and a fingerprint of their pixels. */
const thumbnailAddresses = new Map();

/**
 * A 32-bit FNV-1a hash of every 7th pixel of `bytes`. A feature's pictures
 * differ only by palette, which changes every pixel, so a sample tells them
 * apart; a whole picture's bytes took the boot 14 ms before the JIT warmed.
 * @param {Uint8ClampedArray} bytes
 */
function fingerprint(bytes) {
  const pixels = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
  let hash = 0x811c9dc5;
  for (let k = 0; k < pixels.length; k += 7) hash = Math.imul(hash ^ pixels[k], 0x01000193);
  return hash >>> 0;
}

/**
 * Node i of column l. Inputs are drawn in the fixed feature order but
 * numbered in featureNames() order, so they are found by core index.
 * @param {Diagram} diagram
 * @param {number} l  weight layer
 * @param {number} i
 */
export function sourceNode(diagram, l, i) {
  return l === 0 ? diagram.byIndex[i] : diagram.columns[l][i];
}
