// @ts-check
// The network view: the diagram of the network in the middle column. Every
// candidate input feature is a switch, each hidden layer a column of units with
// its own − / + buttons, the output(s) last; every node shows a thumbnail of its
// output o_j over the input plane, every link w_ij a stroke whose width follows
// |w_ij| and whose colour follows its sign, every node its bias w_0j as a small
// square. Links and biases open an editor that sets the weight on the core.
//
// The DOM is built once per network (`rebuild`) and positioned once per width
// (`place`): buttons, transparent hit strokes and hit boxes, labels. What
// changes while training (every link, every hidden and output node's heatmap,
// the biases, the |δ| gauges) is painted every frame into one canvas under
// them (paint.js), so `update` changes nothing in the DOM and a
// 7-input, 6×8-hidden network (≈ 390 links, 49 heatmaps) stays cheap to redraw.

import { sub } from '../lib/notation.js';
import { createNetworkPainter } from './paint.js';

/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('../types').Config} Config */
/** @typedef {import('../types').FeatureName} FeatureName */
/** @typedef {import('../types').LayerWeights} LayerWeights */

/**
 * @typedef {object} Display
 * @property {number | null} focus   node shown enlarged in the main plot (null: the output)
 * @property {boolean} discretize
 * @property {boolean} showTest
 * @property {boolean} showAugmented  draw the augmented training points of the last epoch
 * @property {boolean} showDeltas  the |δ_j| gauges on the nodes
 */

/**
 * @typedef {object} NetworkHandlers
 * @property {(name: FeatureName) => void} onToggleFeature  switch an input feature on or off
 * @property {(layer: number, delta: 1 | -1) => void} onUnits  add or remove a unit of hidden layer `layer`
 * @property {(node: number | null, label: string) => void} onFocus  show a node's heatmap in the main plot (null: back to the output)
 * @property {(layer: number, i: number, j: number, value: number) => void} setWeight  sets w_ij by hand; throws when refused
 * @property {(layer: number, j: number, value: number) => void} setBias  sets a bias by hand; throws when refused
 * @property {() => void} onEdited  a weight or bias was set by hand: redraw
 */

/**
 * @typedef {object} NetworkView
 * @property {(pg: Run, config: Config) => void} rebuild  a new Playground (the structure may differ)
 * @property {(pg: Run, display: Display) => void} update  per snapshot drawn
 * @property {(fractions: Float64Array | null) => void} setGauges  the |δ_j| gauges' fill (0–1) per hidden
 *   and output node in index order, or null to draw none; shown from the next paint
 * @property {() => DiagramSnapshot} snapshot  what the last paint drew, for tests and scripts
 */

/**
 * What the canvas shows, in its CSS pixels (multiply by devicePixelRatio for
 * its backing store): read-only copies.
 * @typedef {object} DiagramSnapshot
 * @property {number} ratio  backing store pixels per CSS pixel
 * @property {{ node: number, left: number, top: number, size: number }[]} nodes  hidden and output nodes
 * @property {{ link: string, width: number, negative: boolean, x1: number, y1: number, x2: number, y2: number }[]} links
 * @property {{ bias: string, side: number, negative: boolean, x: number, y: number }[]} biases  centre of each square
 * @property {number[] | null} gauges  fill of each node's |δ| gauge, like `nodes`
 * @property {string} positive  colour of w > 0
 * @property {string} negative  colour of w < 0
 * @property {boolean} labelsPending  the texts (tooltips, descriptions) lag the
 *   picture until a refresh that is due (they follow it at most twice a second)
 */

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
const MAX_UNITS = 32;
/** Cells per side of the input thumbnails; they never change during training. */
const FEATURE_GRID = 40;
/** Thumbnail side in CSS pixels: as large as fits, never below the minimum. */
const MAX_NODE = 40;
const MIN_NODE = 18;
/** On a wide view (a wide screen's middle column) nodes may grow up to this: width / 16. */
const WIDE_MAX_NODE = 56;
/** Height the tallest column may take before nodes shrink (then the view grows). */
const TARGET_COLUMN_HEIGHT = 520;
/** Room under an input thumbnail for its name. */
const INPUT_LABEL_HEIGHT = 14;
/** Half the width of the widest input name ("sin x₁"), so it is never clipped. */
const INPUT_LABEL_HALF = 19;
/** How often (ms) the links' spoken labels and tooltips follow the weights while training. */
const LABEL_REFRESH_MS = 500;
/** Thinnest link stroke; it grows with |w_ij| (per unit: node size / 25) up to a limit tied to the node size. */
const LINK_MIN_WIDTH = 0.5;
/** Width of the transparent stroke that catches clicks and taps on a thin link. */
const LINK_HIT_WIDTH = 10;

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The default palette's positive colour, to name the link colours in tooltips. */
const DEFAULT_POSITIVE = [8, 119, 189];

/**
 * A weight as people read it: four significant digits, a real minus sign.
 * @param {number} v
 */
function formatValue(v) {
  if (!Number.isFinite(v)) return String(v);
  const text = String(Number(v.toPrecision(4)));
  return text.replace('-', '−');
}

/**
 * Reads a typed weight. Only plain decimal or scientific notation counts: no
 * hex, no "Infinity", no empty string read as 0 (which `Number` would allow).
 * @param {string} raw
 * @returns {{ ok: true, value: number } | { ok: false, message: string }}
 */
function parseWeight(raw) {
  const text = raw.trim().replace(/^[−–]/, '-');
  if (text === '') return { ok: false, message: 'Type a number, e.g. 0.5 or −1.2.' };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    return { ok: false, message: `“${raw.trim()}” is not a number.` };
  }
  return { ok: true, value: Number(text) };
}

/**
 * @param {number} v
 * @param {number} lo
 * @param {number} hi
 */
function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}

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
 * @property {HTMLCanvasElement | null} tile  a hidden or output node's heatmap, painted scaled into the view
 * @property {HTMLElement | null} caption  the input's name under its thumbnail
 * @property {FeatureName | null} feature
 * @property {number} cx  centre, content pixels (set by `place`)
 * @property {number} cy
 */

/**
 * A weight w_ij of weight layer `l`, from node i of column l to unit j of column l + 1.
 * @typedef {object} LinkView
 * @property {number} l
 * @property {number} i
 * @property {number} j
 * @property {SVGPathElement} hit    transparent wide stroke: the click target, focusable (the stroke is painted)
 * @property {SVGTitleElement} tip
 */

/**
 * The bias w_0j of unit j of weight layer `l`.
 * @typedef {object} BiasView
 * @property {number} l
 * @property {number} j
 * @property {SVGGElement} group     focusable, the click target (the square is painted)
 * @property {SVGTitleElement} tip
 */

/** @typedef {{ kind: 'link', link: LinkView } | { kind: 'bias', bias: BiasView }} Editable */

/**
 * @param {HTMLElement} root
 * @param {NetworkHandlers} handlers
 * @returns {NetworkView}
 */
export function createNetworkView(root, handlers) {
  const doc = root.ownerDocument;

  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {string} [className]
   * @returns {HTMLElementTagNameMap[K]}
   */
  function html(tag, className) {
    const el = doc.createElement(tag);
    if (className) el.className = className;
    return el;
  }

  /**
   * @template {keyof SVGElementTagNameMap} K
   * @param {K} tag
   * @param {string} [className]
   * @returns {SVGElementTagNameMap[K]}
   */
  function svg(tag, className) {
    const el = /** @type {SVGElementTagNameMap[K]} */ (doc.createElementNS(SVG_NS, tag));
    if (className) el.setAttribute('class', className);
    return el;
  }

  root.classList.add('nv');
  const content = html('div', 'nv-content');
  const headers = html('div', 'nv-headers');
  const linkLayer = svg('svg', 'nv-links');
  const picture = html('canvas', 'nv-canvas');
  picture.setAttribute('aria-hidden', 'true');
  const nodeLayer = html('div', 'nv-nodes');
  const biasLayer = svg('svg', 'nv-biases');
  const editor = buildEditor();
  // Tab order follows the DOM: the layer buttons, the nodes, then the weights
  // (one tab stop). By z-index: the links' hit strokes (their hover and focus
  // halos), the painted picture, the node buttons, the biases' hit boxes.
  content.append(headers, nodeLayer, linkLayer, picture, biasLayer, editor.el);
  root.replaceChildren(content);
  const painter = createNetworkPainter(picture, content, () => paint());

  /** @type {Run | null} */
  let pg = null;
  /** @type {number[]} */
  let sizes = [];
  /** @type {NodeView[][]} columns of nodes; column 0 holds all seven features */
  let columns = [];
  /** @type {NodeView[]} the nodes with a core index, by that index */
  let byIndex = [];
  /** @type {LinkView[]} in the order of pg.weights(): l, then i, then j */
  let links = [];
  /** @type {BiasView[][]} [l][j] */
  let biases = [];
  /** @type {(SVGPathElement | SVGGElement)[]} keyboard order: per unit, its bias then its incoming links */
  let roving = [];
  let rovingIndex = 0;
  /** @type {{ minus: HTMLButtonElement, plus: HTMLButtonElement, el: HTMLElement }[]} */
  let unitHeaders = [];
  /** @type {HTMLElement[]} captions over the input and output columns */
  let captions = [];
  /** What the canvas paints (paint.js): positions from `place`, the rest from `update`. */
  /** @type {import('./paint.js').Scene} */
  const scene = {
    width: 0,
    height: 0,
    nodeSize: MAX_NODE,
    links: new Float32Array(0),
    linkWidth: new Float32Array(0),
    linkNegative: new Uint8Array(0),
    hotLinks: [],
    nodes: new Float32Array(0),
    tiles: [],
    focused: -1,
    biasSide: new Float32Array(0),
    biasNegative: new Uint8Array(0),
    biasHitSize: 14,
    hotBiases: [],
    gauges: null,
    positive: 'rgb(8 119 189)',
    negative: 'rgb(245 147 34)',
  };
  /** @type {Float64Array | null} the |δ| gauges as deltas.js last gave them */
  let gauges = null;
  /** Latest weights read in `update`, for the editor, the labels and the picture. */
  /** @type {LayerWeights[]} */
  let weights = [];
  /** @type {NodeView[]} hidden and output nodes, in index order: the painted ones */
  let thumbNodes = [];
  /** The link hit stroke or bias hit box under the mouse, for its highlight. */
  /** @type {Element | null} */
  let hovered = null;
  let paintPending = false;
  /** Something changed since the last paint. */
  let paintDirty = false;
  let nodeSize = MAX_NODE;
  let maxLinkWidth = 7;
  let linkScale = 1.6;
  let placedWidth = -1;
  /** The node the main plot shows, as of the last update. */
  /** @type {number | null} */
  let shownFocus = null;
  /** @type {NodeView | null} */
  let markedFocus = null;
  /** A node shown because a keyboard user focused it (Tab), to undo on leaving it. */
  /** @type {number | null} */
  let keyboardShown = null;
  let lastPointerType = 'mouse';
  /** A pointer press is under way: the focus it gives a node is not a keyboard focus. */
  let pointerFocus = false;
  /** The last input was a key (not a pointer): a rebuild gives the focus back. */
  let keyboardModality = false;
  let labelTimer = 0;
  /** Set while the DOM is being replaced: events from the old nodes are ignored. */
  let rebuilding = false;
  let labelsDirty = true;
  let labelsAt = 0;
  /** Probe of the palette: a tiny feature heatmap; it changes when the palette does. */
  let paletteProbe = new Uint8ClampedArray(0);
  let colourNames = { positive: 'blue', negative: 'orange' };

  // ---------- building ----------

  /**
   * Builds every element for the network of `pg`. Positions come from `place`.
   * @param {Run} next
   */
  function build(next) {
    sizes = Array.from(next.layerSizes());
    const active = next.featureNames();
    weights = next.weights().layers;
    const outputs = sizes[sizes.length - 1];
    const hiddenCount = sizes.length - 2;

    headers.replaceChildren();
    nodeLayer.replaceChildren();
    linkLayer.replaceChildren();
    biasLayer.replaceChildren();
    columns = [];
    byIndex = [];
    unitHeaders = [];
    captions = [];

    // Column 0: the seven candidate features, active ones numbered in featureNames() order.
    /** @type {NodeView[]} */
    const inputs = [];
    // A link's hide flags (js/embed.js) leave inputs out, unless the network uses them.
    const hiddenFeatures = (root.dataset.hideFeatures ?? '').split(' ');
    FEATURES.filter((f) => active.includes(f.name) || !hiddenFeatures.includes(f.name)).forEach((f, row) => {
      const at = active.indexOf(f.name);
      const node = makeNode(0, row, at >= 0 ? at : null, f.symbol, `Input ${f.symbol}`, f.name);
      inputs.push(node);
      if (node.index !== null) byIndex[node.index] = node;
    });
    columns.push(inputs);

    let index = active.length;
    for (let c = 1; c < sizes.length; c += 1) {
      /** @type {NodeView[]} */
      const column = [];
      const isOutput = c === sizes.length - 1;
      for (let u = 0; u < sizes[c]; u += 1) {
        const symbol = isOutput
          ? (outputs === 1 ? 'ŷ' : `ŷ${sub(u + 1)}`)
          : `h${sub(c)},${sub(u + 1)}`;
        const label = isOutput
          ? (outputs === 1 ? 'Output' : `Output ${u + 1} of ${outputs}`)
          : `Hidden layer ${c}, unit ${u + 1}`;
        const node = makeNode(c, u, index, symbol, label, null);
        column.push(node);
        byIndex[index] = node;
        index += 1;
      }
      columns.push(column);
    }

    // Headers: a caption over the inputs and the outputs, − N units + over each hidden layer.
    captions.push(makeCaption('Input'));
    for (let h = 0; h < hiddenCount; h += 1) unitHeaders.push(makeUnitHeader(h, sizes[h + 1]));
    captions.push(makeCaption('Output'));

    // Links and biases, in the order pg.weights() lists them.
    links = [];
    biases = [];
    roving = [];
    const linkGroup = svg('g');
    linkGroup.setAttribute('role', 'group');
    linkGroup.setAttribute('aria-label', 'Weights: arrow keys move from weight to weight, Enter edits one');
    for (let l = 0; l < sizes.length - 1; l += 1) {
      /** @type {LinkView[][]} incoming links per unit, for the keyboard order */
      const into = Array.from({ length: sizes[l + 1] }, () => /** @type {LinkView[]} */ ([]));
      for (let i = 0; i < sizes[l]; i += 1) {
        for (let j = 0; j < sizes[l + 1]; j += 1) {
          const link = makeLink(l, i, j);
          linkGroup.append(link.hit);
          links.push(link);
          into[j].push(link);
        }
      }
      /** @type {BiasView[]} */
      const row = [];
      for (let j = 0; j < sizes[l + 1]; j += 1) {
        const bias = makeBias(l, j);
        biasLayer.append(bias.group);
        row.push(bias);
        roving.push(bias.group);
        for (const link of into[j]) roving.push(link.hit);
      }
      biases.push(row);
    }
    linkLayer.append(linkGroup);
    rovingIndex = 0;
    roving.forEach((el, k) => el.setAttribute('tabindex', k === 0 ? '0' : '-1'));

    thumbNodes = columns.slice(1).flat();
    scene.links = new Float32Array(4 * links.length);
    scene.linkWidth = new Float32Array(links.length);
    scene.linkNegative = new Uint8Array(links.length);
    scene.nodes = new Float32Array(2 * thumbNodes.length);
    scene.tiles = thumbNodes.map(() => null);
    scene.biasSide = new Float32Array(thumbNodes.length);
    scene.biasNegative = new Uint8Array(thumbNodes.length);
    readWeights();
    gauges = null;
    hovered = null;
    markedFocus = null;
    shownFocus = null;
    keyboardShown = null;
    labelsDirty = true;
    paletteProbe = new Uint8ClampedArray(0);
    drawFeatureThumbnails(next);
    pg = next;
  }

  /**
   * @param {number} column
   * @param {number} row
   * @param {number | null} index
   * @param {string} symbol
   * @param {string} label
   * @param {FeatureName | null} feature
   * @returns {NodeView}
   */
  function makeNode(column, row, index, symbol, label, feature) {
    const button = html('button', 'nv-node');
    button.type = 'button';
    /** @type {HTMLElement | null} */
    let caption = null;
    /** @type {HTMLImageElement | null} */
    let image = null;
    /** @type {HTMLCanvasElement | null} */
    let tile = null;
    if (feature !== null) {
      image = html('img', 'nv-thumb');
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
      caption = html('span', 'nv-input-name');
      caption.textContent = symbol;
      caption.setAttribute('aria-hidden', 'true');
      caption.classList.toggle('is-off', !on);
      nodeLayer.append(button, caption);
    } else {
      // Its frame and heatmap are painted under the button (paint.js).
      button.classList.add('is-painted');
      tile = html('canvas');
      button.setAttribute('aria-label', label);
      const phi = weights[column - 1]?.activation ?? '';
      button.title = `${label} (${symbol}): o_j = φ(net_j), net_j = Σ_i w_ij o_i + w_0j, φ = ${phi}. `
        + 'Hover, tap or focus it to see o_j over the whole plane';
      nodeLayer.append(button);
    }
    if (index !== null) button.dataset.node = String(index);
    return { index, column, row, symbol, label, button, picture: image, tile, caption, feature, cx: 0, cy: 0 };
  }

  /** @param {string} text */
  function makeCaption(text) {
    const el = html('span', 'nv-caption');
    el.textContent = text;
    headers.append(el);
    return el;
  }

  /**
   * @param {number} layer  0-based hidden layer
   * @param {number} units
   */
  function makeUnitHeader(layer, units) {
    const el = html('div', 'nv-units');
    el.setAttribute('role', 'group');
    el.setAttribute('aria-label', `Hidden layer ${layer + 1}: ${units} unit${units === 1 ? '' : 's'}`);
    const minus = html('button', 'nv-units-button');
    minus.type = 'button';
    minus.textContent = '−';
    minus.dataset.units = `${layer},-1`;
    minus.setAttribute('aria-label', `Remove a unit from hidden layer ${layer + 1}`);
    minus.title = units <= MIN_UNITS
      ? `Hidden layer ${layer + 1} has its minimum of ${MIN_UNITS} unit`
      : `Remove the last unit of hidden layer ${layer + 1}`;
    minus.disabled = units <= MIN_UNITS;
    const plus = html('button', 'nv-units-button');
    plus.type = 'button';
    plus.textContent = '+';
    plus.dataset.units = `${layer},1`;
    plus.setAttribute('aria-label', `Add a unit to hidden layer ${layer + 1}`);
    plus.title = units >= MAX_UNITS
      ? `Hidden layer ${layer + 1} has its maximum of ${MAX_UNITS} units`
      : `Add a unit to hidden layer ${layer + 1}`;
    plus.disabled = units >= MAX_UNITS;
    const count = html('span', 'nv-units-count');
    count.title = `${units} unit${units === 1 ? '' : 's'} in hidden layer ${layer + 1}`;
    const number = html('span', 'nv-units-number');
    number.textContent = String(units);
    const word = html('span', 'nv-units-word');
    word.textContent = units === 1 ? ' unit' : ' units';
    count.append(number, word);
    el.append(minus, count, plus);
    minus.addEventListener('click', () => handlers.onUnits(layer, -1));
    plus.addEventListener('click', () => handlers.onUnits(layer, 1));
    headers.append(el);
    return { minus, plus, el };
  }

  /**
   * @param {number} l
   * @param {number} i
   * @param {number} j
   * @returns {LinkView}
   */
  function makeLink(l, i, j) {
    const hit = svg('path', 'nv-hit');
    hit.setAttribute('role', 'button');
    hit.dataset.link = `${l},${i},${j}`;
    hit.setAttribute('stroke-width', String(LINK_HIT_WIDTH));
    const tip = svg('title');
    hit.append(tip);
    return { l, i, j, hit, tip };
  }

  /**
   * @param {number} l
   * @param {number} j
   * @returns {BiasView}
   */
  function makeBias(l, j) {
    const group = svg('g', 'nv-bias');
    group.setAttribute('role', 'button');
    group.dataset.bias = `${l},${j}`;
    const hitBox = svg('rect', 'nv-bias-hit');
    const tip = svg('title');
    group.append(tip, hitBox);
    return { l, j, group, tip };
  }

  /**
   * The input thumbnails: fixed pictures of each feature over the plane, made
   * on rebuild and again only when the palette changes. They are images, not
   * canvases, so that the browser keeps them with the rest of the still DOM.
   * @param {Run} source
   */
  function drawFeatureThumbnails(source) {
    const canvas = html('canvas');
    canvas.width = FEATURE_GRID;
    canvas.height = FEATURE_GRID;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    for (const node of columns[0] ?? []) {
      if (node.feature === null || !node.picture) continue;
      const bytes = source.featureHeatmap(node.feature, FEATURE_GRID);
      ctx.putImageData(new ImageData(bytes, FEATURE_GRID, FEATURE_GRID), 0, 0);
      node.picture.src = canvas.toDataURL();
    }
  }

  /**
   * Reads the palette's two end colours from a 3×3 heatmap of x₁ (columns at
   * x₁ = −4, 0, 4, i.e. a third of the way from the middle colour to each end),
   * so the links are drawn in the same colours as every heatmap, whichever
   * palette is on. Runs every frame: 36 bytes, redraws only on a change.
   * @param {Run} source
   */
  function followPalette(source) {
    const probe = source.featureHeatmap('x1', 3);
    if (probe.length === paletteProbe.length && probe.every((b, k) => b === paletteProbe[k])) return;
    const first = paletteProbe.length === 0;
    paletteProbe = probe;
    // Row 1 (x₂ = 0): cells 3, 4, 5 hold −4, 0, +4, at t = 1/6, 1/2, 5/6 of the scale.
    const middle = [probe[16], probe[17], probe[18]];
    /** @param {number} cell */
    const end = (cell) => middle.map((m, c) => clamp(Math.round(m + 1.5 * (probe[4 * cell + c] - m)), 0, 255));
    const positive = end(5);
    const negative = end(3);
    scene.positive = `rgb(${positive.join(' ')})`;
    scene.negative = `rgb(${negative.join(' ')})`;
    const isDefault = positive.every((v, c) => Math.abs(v - DEFAULT_POSITIVE[c]) <= 6);
    colourNames = { positive: isDefault ? 'blue' : 'purple', negative: 'orange' };
    labelsDirty = true;
    if (!first) drawFeatureThumbnails(source);
  }

  // ---------- layout ----------

  /**
   * Positions every element for the current width of the view: node size and
   * spacing shrink with more layers and units; below the smallest node size the
   * content gets wider than the view, which then scrolls sideways.
   */
  function place() {
    const width = Math.floor(root.clientWidth);
    if (width < 40 || columns.length === 0) return;
    placedWidth = width;
    closeEditor(false);

    const count = columns.length;
    const tallest = Math.max(1, ...columns.slice(1).map((c) => c.length));
    const maxNode = clamp(Math.floor(width / 16), MAX_NODE, WIDE_MAX_NODE);
    const cap = clamp(Math.floor(TARGET_COLUMN_HEIGHT / (tallest * 1.3)), MIN_NODE, maxNode);
    let s = cap;
    let left = 0;
    let right = 0;
    let pitch = 0;
    for (let pass = 0; pass < 3; pass += 1) {
      left = Math.max(s / 2, INPUT_LABEL_HALF) + 2;
      right = s / 2 + 4;
      pitch = (width - left - right) / (count - 1);
      s = clamp(Math.floor(pitch * 0.58), MIN_NODE, cap);
    }
    pitch = Math.max(pitch, s + 14);
    nodeSize = s;
    // Thinner strokes for smaller (denser) diagrams, so bundles stay readable.
    maxLinkWidth = clamp(s * 0.18, 2.5, 7);
    linkScale = s / 25;
    const contentWidth = Math.max(width, Math.ceil(left + pitch * (count - 1) + right));

    // Header styles by the room a column has: "− 4 units +", "− 4 +", or stacked.
    const headerMode = pitch >= 104 ? 'wide' : pitch >= 66 ? 'mid' : 'tall';
    const headerHeight = unitHeaders.length === 0 ? 22 : headerMode === 'tall' ? 76 : 36;
    content.dataset.headers = headerMode;

    const gap = Math.max(5, Math.round(s * 0.28));
    const rowStep = s + gap;
    const inputStep = s + INPUT_LABEL_HEIGHT + Math.round(gap * 0.6);
    /** @param {number} c */
    const columnHeight = (c) => (c === 0
      ? columns[0].length * inputStep - (inputStep - s - INPUT_LABEL_HEIGHT)
      : columns[c].length * rowStep - gap);
    let area = 0;
    for (let c = 0; c < count; c += 1) area = Math.max(area, columnHeight(c));
    const top = headerHeight + 8;
    const height = Math.ceil(top + area + 8);

    content.style.width = `${contentWidth}px`;
    content.style.height = `${height}px`;
    content.style.setProperty('--nv-node', `${s}px`);
    for (const layer of [linkLayer, biasLayer]) {
      layer.setAttribute('width', String(contentWidth));
      layer.setAttribute('height', String(height));
      layer.setAttribute('viewBox', `0 0 ${contentWidth} ${height}`);
    }
    scene.width = contentWidth;
    scene.height = height;
    scene.nodeSize = s;
    painter.resize(contentWidth, height);

    columns.forEach((column, c) => {
      const cx = left + c * pitch;
      const offset = top + (area - columnHeight(c)) / 2;
      const step = c === 0 ? inputStep : rowStep;
      column.forEach((node, r) => {
        // Whole pixels from the content's corner, so that the buttons the
        // browser lays out and the frames painted under them coincide.
        node.cx = Math.round(cx - s / 2) + s / 2;
        node.cy = Math.round(offset + r * step) + s / 2;
        const style = node.button.style;
        style.left = `${node.cx - s / 2}px`;
        style.top = `${node.cy - s / 2}px`;
        style.width = `${s}px`;
        style.height = `${s}px`;
        if (node.caption) {
          node.caption.style.left = `${node.cx}px`;
          node.caption.style.top = `${node.cy + s / 2 + 1}px`;
          node.caption.style.maxWidth = `${Math.max(pitch - 4, 2 * INPUT_LABEL_HALF)}px`;
        }
      });
    });

    const headerWidth = Math.min(pitch - 4, 130);
    unitHeaders.forEach((header, h) => {
      const style = header.el.style;
      style.left = `${left + (h + 1) * pitch - headerWidth / 2}px`;
      style.width = `${headerWidth}px`;
      style.height = `${headerHeight}px`;
    });
    // Captions sit right over the first node of their column (the output's is
    // mid-height, clear of the unit buttons), never past the view's edges.
    [columns[0][0], columns[count - 1][0]].forEach((first, k) => {
      const caption = captions[k];
      const [full, short] = k === 0 ? ['Input', 'In'] : [sizes[count - 1] === 1 ? 'Output' : 'Outputs', 'Out'];
      caption.textContent = full;
      let w = caption.offsetWidth;
      let x = clamp(first.cx - w / 2, 0, contentWidth - w);
      // Too wide for a tight last column: it would run into the layer before.
      if (k === 1 && x < first.cx - pitch + s / 2 + 3) {
        caption.textContent = short;
        w = caption.offsetWidth;
        x = clamp(first.cx - w / 2, 0, contentWidth - w);
      }
      caption.style.left = `${x}px`;
      caption.style.top = `${first.cy - s / 2 - 17}px`;
    });

    // Links run from the right edge of node i to the left edge of unit j: the
    // hit stroke and the painted one follow the same curve.
    links.forEach((link, k) => {
      const from = sourceNode(link.l, link.i);
      const to = columns[link.l + 1][link.j];
      const x1 = Number((from.cx + s / 2).toFixed(1));
      const x2 = Number((to.cx - s / 2).toFixed(1));
      const y1 = Number(from.cy.toFixed(1));
      const y2 = Number(to.cy.toFixed(1));
      const mid = (x1 + x2) / 2;
      link.hit.setAttribute('d', `M${x1} ${y1}C${mid.toFixed(2)} ${y1} ${mid.toFixed(2)} ${y2} ${x2} ${y2}`);
      scene.links.set([x1, y1, x2, y2], 4 * k);
    });
    thumbNodes.forEach((node, n) => {
      scene.nodes[2 * n] = node.cx - s / 2;
      scene.nodes[2 * n + 1] = node.cy - s / 2;
    });
    // Biases sit on each unit's lower-left corner; the hit box is larger than the mark.
    const hitSize = Math.max(14, Math.round(s * 0.45));
    scene.biasHitSize = hitSize;
    biases.forEach((row, l) => row.forEach((bias, j) => {
      const node = columns[l + 1][j];
      const x = node.cx - s / 2;
      const y = node.cy + s / 2;
      bias.group.setAttribute('transform', `translate(${x.toFixed(1)} ${y.toFixed(1)})`);
      const hitBox = /** @type {SVGRectElement} */ (bias.group.querySelector('.nv-bias-hit'));
      hitBox.setAttribute('x', String(-hitSize / 2));
      hitBox.setAttribute('y', String(-hitSize / 2));
      hitBox.setAttribute('width', String(hitSize));
      hitBox.setAttribute('height', String(hitSize));
    }));
    // Resizing the canvas cleared it, and stroke widths follow the node size:
    // a paused run gets no other paint.
    readWeights();
    paint();
  }

  // ---------- per frame ----------

  /**
   * Reads the frame's weights and every node's heatmap from the core, then
   * paints. The DOM changes only when the focused node does, and the labels at
   * most every LABEL_REFRESH_MS.
   * @param {Run} source
   * @param {Display} display
   */
  function draw(source, display) {
    if (source !== pg || rebuilding) return;
    if (placedWidth < 0) place();
    followPalette(source);
    weights = source.weights().layers;

    drawThumbnails(source);
    readWeights();

    // The node the main plot shows is ringed.
    shownFocus = display.focus;
    const focused = display.focus === null ? null : byIndex[display.focus] ?? null;
    if (focused !== markedFocus) {
      markedFocus?.button.classList.remove('is-focused');
      focused?.button.classList.add('is-focused');
      markedFocus = focused;
    }

    paint();

    const now = performance.now();
    if (labelsDirty || now - labelsAt > LABEL_REFRESH_MS) {
      refreshLabels();
    } else if (labelTimer === 0) {
      // Training may pause before the next refresh is due: catch up then.
      labelTimer = window.setTimeout(refreshLabels, LABEL_REFRESH_MS);
    }
    if (editing) showCurrent();
  }

  /**
   * Every hidden and output node's heatmap from the grid main evaluated this
   * frame, into its tile (the painter scales it into the view). Every node,
   * every frame: what a node shows is always the network being trained.
   * @param {Run} source
   */
  function drawThumbnails(source) {
    thumbNodes.forEach((node, n) => {
      if (node.index === null || !node.tile) return;
      const bytes = source.heatmap(node.index);
      if (!bytes) return;
      const side = Math.round(Math.sqrt(bytes.length / 4));
      const tile = node.tile;
      if (tile.width !== side) {
        tile.width = side;
        tile.height = side;
      }
      tile.getContext('2d')?.putImageData(new ImageData(bytes, side, side), 0, 0);
      scene.tiles[n] = tile;
    });
  }

  /** Link widths from |w_ij| and colours from the sign; bias squares from |w_0j|. */
  function readWeights() {
    let k = 0;
    for (let l = 0; l < weights.length; l += 1) {
      const w = weights[l].weights;
      for (let i = 0; i < w.length; i += 1) {
        const row = w[i];
        for (let j = 0; j < row.length; j += 1) {
          if (k >= links.length) break;
          const v = row[j];
          scene.linkWidth[k] = Math.round(clamp(LINK_MIN_WIDTH + linkScale * Math.abs(v), LINK_MIN_WIDTH, maxLinkWidth) * 10) / 10;
          scene.linkNegative[k] = v < 0 ? 1 : 0;
          k += 1;
        }
      }
    }
    let b = 0;
    for (let l = 0; l < weights.length; l += 1) {
      const values = weights[l].biases;
      const count = biases[l]?.length ?? 0;
      for (let j = 0; j < count; j += 1) {
        const v = values[j] ?? 0;
        scene.biasSide[b] = Math.round(clamp(4 + 2.5 * Math.abs(v), 4, Math.max(7, nodeSize * 0.34)) * 2) / 2;
        scene.biasNegative[b] = v < 0 ? 1 : 0;
        b += 1;
      }
    }
  }

  /**
   * Paints the picture from what was last read: every frame from `draw`, and
   * on its own when a highlight changes or the canvas was cleared while paused.
   */
  function paint() {
    if (!pg || rebuilding || placedWidth < 0) return;
    scene.gauges = gauges && gauges.length === thumbNodes.length ? gauges : null;
    scene.focused = markedFocus ? thumbNodes.indexOf(markedFocus) : -1;
    // The weight under the mouse, focused by the keyboard or being edited is
    // drawn at full strength, over its halo (css/network.css).
    scene.hotLinks = [];
    scene.hotBiases = [];
    const active = doc.activeElement;
    const focusVisible = active instanceof Element && root.contains(active) && active.matches(':focus-visible');
    links.forEach((link, k) => {
      if (link.hit === hovered || (focusVisible && link.hit === active) || (editing?.kind === 'link' && editing.link === link)) {
        scene.hotLinks.push(k);
      }
    });
    biases.flat().forEach((bias, b) => {
      const focus = (focusVisible && bias.group === active) || (editing?.kind === 'bias' && editing.bias === bias);
      if (focus) scene.hotBiases.push({ bias: b, kind: 'focus' });
      else if (bias.group === hovered) scene.hotBiases.push({ bias: b, kind: 'hover' });
    });
    painter.paint(scene);
    paintDirty = false;
  }

  /**
   * Paints at the next frame (a highlight changed while the run may be
   * paused), unless a frame's `update` paints first.
   */
  function requestPaint() {
    paintDirty = true;
    if (paintPending) return;
    paintPending = true;
    requestAnimationFrame(() => {
      paintPending = false;
      if (paintDirty) paint();
    });
  }

  // ---------- names of weights ----------

  /**
   * Node i of column l. Inputs are drawn in the fixed feature order but
   * numbered in featureNames() order, so they are found by core index.
   * @param {number} l  weight layer
   * @param {number} i
   */
  function sourceNode(l, i) {
    return l === 0 ? byIndex[i] : columns[l][i];
  }

  /** @param {NodeView} node  "input x₁", "hidden layer 1, unit 2", "the output" */
  function spoken(node) {
    if (node.feature !== null) return `input ${node.symbol}`;
    return node.label.charAt(0).toLowerCase() + node.label.slice(1);
  }

  /** @param {Editable} target */
  function valueOf(target) {
    if (target.kind === 'link') {
      const { l, i, j } = target.link;
      return weights[l]?.weights[i]?.[j] ?? NaN;
    }
    return weights[target.bias.l]?.biases[target.bias.j] ?? NaN;
  }

  /**
   * The weight's name in the course's notation, and in words.
   * @param {Editable} target
   * @returns {{ title: string, detail: string }}
   */
  function describe(target) {
    if (target.kind === 'link') {
      const { l, i, j } = target.link;
      const from = sourceNode(l, i);
      const to = columns[l + 1][j];
      return {
        title: `w from ${from.symbol} to ${to.symbol}`,
        detail: `Weight w_ij of layer ${l + 1}: from ${spoken(from)} to ${spoken(to)}`,
      };
    }
    const { l, j } = target.bias;
    const to = columns[l + 1][j];
    return {
      title: `Bias w₀ of ${to.symbol}`,
      detail: `Bias w_0j (threshold) of ${spoken(to)}`,
    };
  }

  /** Spoken labels and tooltips with the current values (throttled while training). */
  function refreshLabels() {
    window.clearTimeout(labelTimer);
    labelTimer = 0;
    labelsAt = performance.now();
    labelsDirty = false;
    for (const link of links) {
      const target = /** @type {Editable} */ ({ kind: 'link', link });
      const { title, detail } = describe(target);
      const value = formatValue(valueOf(target));
      link.hit.setAttribute('aria-label', `${detail}: ${value}`);
      link.tip.textContent = `${title} = ${value}\nw_ij — weight from node i to node j; thicker = larger |w|, `
        + `${colourNames.positive} positive, ${colourNames.negative} negative. Click to edit`;
    }
    for (const row of biases) {
      for (const bias of row) {
        const target = /** @type {Editable} */ ({ kind: 'bias', bias });
        const { title, detail } = describe(target);
        const value = formatValue(valueOf(target));
        bias.group.setAttribute('aria-label', `${detail}: ${value}`);
        bias.tip.textContent = `${title} = ${value}\nw_0j — the bias (threshold) of this node: `
          + `net_j = Σ_i w_ij o_i + w_0j; larger square = larger |w_0j|. Click to edit`;
      }
    }
  }

  // ---------- the weight editor ----------

  /** @type {Editable | null} */
  let editing = null;
  /** @type {Element | null} */
  let editOpener = null;

  function buildEditor() {
    const el = html('div', 'nv-editor');
    el.hidden = true;
    el.setAttribute('role', 'dialog');
    el.setAttribute('aria-labelledby', 'nv-editor-title');
    el.setAttribute('aria-describedby', 'nv-editor-detail');
    const title = html('p', 'nv-editor-title');
    title.id = 'nv-editor-title';
    const detail = html('p', 'nv-editor-detail');
    detail.id = 'nv-editor-detail';
    const current = html('p', 'nv-editor-current');
    const row = html('div', 'nv-editor-row');
    const label = html('label', 'sr-only');
    label.htmlFor = 'nv-editor-input';
    label.textContent = 'New value';
    const input = html('input', 'nv-editor-input');
    input.id = 'nv-editor-input';
    input.type = 'text';
    input.inputMode = 'decimal';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.title = 'Type a new value (a finite number) and press Enter; Escape keeps the old one';
    input.setAttribute('aria-describedby', 'nv-editor-msg');
    const apply = html('button', 'nv-editor-apply');
    apply.type = 'button';
    apply.textContent = 'Apply';
    const cancel = html('button', 'nv-editor-cancel');
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    row.append(label, input, apply, cancel);
    const message = html('p', 'nv-editor-msg');
    message.id = 'nv-editor-msg';
    message.setAttribute('role', 'alert');
    el.append(title, detail, current, row, message);
    return { el, title, detail, current, input, apply, cancel, message, prefilled: '' };
  }

  /**
   * Opens the editor on a weight, near (x, y) in content pixels.
   * @param {Editable} target
   * @param {number} x
   * @param {number} y
   * @param {Element} opener  gets the focus back when the editor closes
   */
  function openEditor(target, x, y, opener) {
    editing = target;
    editOpener = opener;
    const { title, detail } = describe(target);
    editor.title.textContent = title;
    editor.detail.textContent = detail;
    editor.prefilled = formatValue(valueOf(target)).replace('−', '-');
    editor.input.value = editor.prefilled;
    editor.input.removeAttribute('aria-invalid');
    editor.message.textContent = '';
    editor.message.hidden = true;
    showCurrent();
    for (const el of root.querySelectorAll('.is-editing')) el.classList.remove('is-editing');
    (target.kind === 'link' ? target.link.hit : target.bias.group).classList.add('is-editing');
    editor.el.hidden = false;
    requestPaint();

    // Below the point if it fits on screen and in the view, else above; always
    // inside the visible part of the view. The page is not scrolled to show it:
    // that would move the nodes under a resting mouse, and hover would follow.
    const box = editor.el.getBoundingClientRect();
    const origin = content.getBoundingClientRect();
    const viewLeft = root.scrollLeft;
    const viewRight = viewLeft + root.clientWidth;
    const contentHeight = content.offsetHeight;
    const screenBottom = doc.documentElement.clientHeight - origin.top;
    const left = clamp(x - box.width / 2, viewLeft + 4, Math.max(viewLeft + 4, viewRight - box.width - 4));
    const below = y + 14;
    const above = y - box.height - 14;
    const fitsBelow = below + box.height <= Math.min(contentHeight - 4, screenBottom - 4);
    const top = clamp(fitsBelow || above < 4 ? below : above, 4, Math.max(4, contentHeight - box.height - 4));
    editor.el.style.left = `${left}px`;
    editor.el.style.top = `${top}px`;
    editor.input.focus({ preventScroll: true });
    editor.input.select();
  }

  function showCurrent() {
    if (!editing) return;
    editor.current.textContent = `Current value: ${formatValue(valueOf(editing))}`;
  }

  /** @param {boolean} refocus  give the focus back to what opened the editor */
  function closeEditor(refocus) {
    if (!editing) return;
    for (const el of root.querySelectorAll('.is-editing')) el.classList.remove('is-editing');
    editing = null;
    editor.el.hidden = true;
    requestPaint();
    const opener = editOpener;
    editOpener = null;
    if (refocus && opener instanceof SVGElement && opener.isConnected) opener.focus({ preventScroll: true });
  }

  /** @param {string} text */
  function editorError(text) {
    editor.message.textContent = text;
    editor.message.hidden = false;
    editor.input.setAttribute('aria-invalid', 'true');
    editor.input.focus({ preventScroll: true });
  }

  function applyEdit() {
    if (!editing || !pg) return;
    const raw = editor.input.value;
    // Applying the untouched, rounded value would only round the weight.
    if (raw.trim() === editor.prefilled) {
      closeEditor(true);
      return;
    }
    const parsed = parseWeight(raw);
    if (!parsed.ok) {
      editorError(parsed.message);
      return;
    }
    try {
      if (editing.kind === 'link') {
        const { l, i, j } = editing.link;
        handlers.setWeight(l, i, j, parsed.value);
      } else {
        handlers.setBias(editing.bias.l, editing.bias.j, parsed.value);
      }
    } catch (err) {
      editorError(err instanceof Error ? err.message : String(err));
      return;
    }
    labelsDirty = true;
    closeEditor(true);
    handlers.onEdited();
  }

  editor.apply.addEventListener('click', applyEdit);
  editor.cancel.addEventListener('click', () => closeEditor(true));
  editor.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      // Also keeps the surrounding controls form from submitting.
      event.preventDefault();
      applyEdit();
    }
  });
  // The view sits inside the controls form, whose listeners would read this
  // field as one of theirs.
  for (const type of ['input', 'change']) editor.el.addEventListener(type, (event) => event.stopPropagation());

  // ---------- focus (which node the main plot shows) ----------

  /**
   * @param {NodeView | null} node
   */
  function show(node) {
    if (rebuilding) return;
    if (node === null || node.index === null) {
      if (shownFocus !== null) handlers.onFocus(null, '');
      return;
    }
    if (shownFocus !== node.index) handlers.onFocus(node.index, node.label);
  }

  /** @param {EventTarget | null} target */
  function nodeOf(target) {
    if (!(target instanceof Element)) return null;
    const button = target.closest('.nv-node');
    if (!button) return null;
    for (const column of columns) for (const node of column) if (node.button === button) return node;
    return null;
  }

  /** @param {EventTarget | null} target */
  function editableOf(target) {
    if (!(target instanceof Element)) return null;
    const hit = target.closest('.nv-hit, .nv-bias');
    if (!hit) return null;
    const link = links.find((x) => x.hit === hit);
    if (link) return /** @type {Editable} */ ({ kind: 'link', link });
    for (const row of biases) {
      const bias = row.find((x) => x.group === hit);
      if (bias) return /** @type {Editable} */ ({ kind: 'bias', bias });
    }
    return null;
  }

  /**
   * Content coordinates of a point on the screen.
   * @param {number} clientX
   * @param {number} clientY
   */
  function toContent(clientX, clientY) {
    const rect = content.getBoundingClientRect();
    // An embed may scale the diagram down to fit (js/embed.js).
    const scale = content.offsetWidth > 0 ? rect.width / content.offsetWidth : 1;
    return { x: (clientX - rect.left) / scale, y: (clientY - rect.top) / scale };
  }

  /** @param {Editable} target  where the editor opens when no pointer says so */
  function anchorOf(target) {
    if (target.kind === 'bias') {
      const node = columns[target.bias.l + 1][target.bias.j];
      return { x: node.cx - nodeSize / 2, y: node.cy + nodeSize / 2 };
    }
    const { l, i, j } = target.link;
    const from = sourceNode(l, i);
    const to = columns[l + 1][j];
    return { x: (from.cx + to.cx) / 2, y: (from.cy + to.cy) / 2 };
  }

  root.addEventListener('pointerdown', (event) => {
    lastPointerType = event.pointerType || 'mouse';
    pointerFocus = true;
    const target = /** @type {Element} */ (event.target);
    if (editing && !editor.el.contains(target) && !editableOf(target)) closeEditor(false);
    // A tap on the empty view goes back to the output.
    const interactive = target.closest('button, .nv-hit, .nv-bias, .nv-editor');
    if (!interactive) show(null);
  });
  doc.addEventListener('pointerdown', (event) => {
    keyboardModality = false;
    if (editing && !root.contains(/** @type {Node} */ (event.target))) closeEditor(false);
  }, true);
  doc.addEventListener('keydown', () => {
    keyboardModality = true;
    pointerFocus = false;
  }, true);

  root.addEventListener('pointerover', (event) => {
    const weight = event.target instanceof Element ? event.target.closest('.nv-hit, .nv-bias') : null;
    if (weight !== hovered) {
      hovered = weight;
      requestPaint();
    }
    if (event.pointerType !== 'mouse') return;
    const node = nodeOf(event.target);
    if (node && node.index !== null) show(node);
  });
  root.addEventListener('pointerout', (event) => {
    const next = event.relatedTarget instanceof Element ? event.relatedTarget.closest('.nv-hit, .nv-bias') : null;
    if (hovered !== null && next !== hovered) {
      hovered = next !== null && root.contains(next) ? next : null;
      requestPaint();
    }
    if (event.pointerType !== 'mouse') return;
    const node = nodeOf(event.target);
    if (!node || node.index === null) return;
    // Still inside the same node (e.g. onto its thumbnail): not a leave.
    if (nodeOf(event.relatedTarget) === node) return;
    if (shownFocus === node.index) show(null);
  });

  root.addEventListener('click', (event) => {
    // The press is over (a tap focuses its target late, just before the click).
    pointerFocus = false;
    const pointerType = ('pointerType' in event && typeof event.pointerType === 'string' && event.pointerType)
      || (event.detail === 0 ? 'keyboard' : lastPointerType);
    const node = nodeOf(event.target);
    if (node) {
      if (node.feature !== null) {
        handlers.onToggleFeature(node.feature);
        return;
      }
      // A tap (or Enter) toggles between this node and the output; the mouse shows on hover.
      if (pointerType === 'mouse') show(node);
      else show(shownFocus === node.index ? null : node);
      return;
    }
    const editable = editableOf(event.target);
    if (editable) {
      const at = event.detail === 0 ? anchorOf(editable) : toContent(event.clientX, event.clientY);
      const opener = editable.kind === 'link' ? editable.link.hit : editable.bias.group;
      setRoving(opener);
      openEditor(editable, at.x, at.y, opener);
    }
  });

  root.addEventListener('focusin', (event) => {
    const target = /** @type {Element} */ (event.target);
    requestPaint();
    if (roving.includes(/** @type {any} */ (target))) setRoving(/** @type {SVGPathElement | SVGGElement} */ (target));
    const node = nodeOf(target);
    // Keyboard (or script) focus previews a node; the focus a click or tap
    // gives is left to the pointer rules above.
    if (node && node.index !== null && !pointerFocus) {
      keyboardShown = node.index;
      show(node);
    }
  });
  root.addEventListener('focusout', (event) => {
    requestPaint();
    if (keyboardShown === null) return;
    const next = nodeOf(event.relatedTarget);
    if (next && next.index !== null) return;
    if (shownFocus === keyboardShown) show(null);
    keyboardShown = null;
  });

  root.addEventListener('keydown', (event) => {
    const target = /** @type {Element} */ (event.target);
    if (event.key === 'Escape') {
      if (editing) {
        event.preventDefault();
        closeEditor(true);
      } else if (shownFocus !== null) {
        event.preventDefault();
        keyboardShown = null;
        show(null);
      }
      return;
    }
    const at = roving.indexOf(/** @type {any} */ (target));
    if (at < 0) return;
    /** @type {Record<string, number>} */
    const moves = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: roving.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      const next = roving[clamp(moves[event.key], 0, roving.length - 1)];
      setRoving(next);
      next.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const editable = editableOf(target);
      if (editable) {
        const anchor = anchorOf(editable);
        openEditor(editable, anchor.x, anchor.y, target);
      }
    }
  });

  /** @param {SVGPathElement | SVGGElement} el  the weight that takes the group's tab stop */
  function setRoving(el) {
    const at = roving.indexOf(el);
    if (at < 0 || at === rovingIndex) return;
    roving[rovingIndex]?.setAttribute('tabindex', '-1');
    el.setAttribute('tabindex', '0');
    rovingIndex = at;
  }

  // Re-lay out when the column changes width (not on every height change).
  let resizePending = false;
  new ResizeObserver(() => {
    if (resizePending) return;
    resizePending = true;
    requestAnimationFrame(() => {
      resizePending = false;
      if (Math.floor(root.clientWidth) !== placedWidth) place();
    });
  }).observe(root);

  /**
   * What had the keyboard focus before a rebuild, to give it back after: a
   * keyboard user toggling a feature or a unit count keeps their place.
   * @returns {(() => HTMLElement | null) | null}
   */
  function rememberFocus() {
    const active = doc.activeElement;
    if (!keyboardModality || !(active instanceof HTMLElement) || !root.contains(active)) return null;
    const feature = active.dataset.feature;
    if (feature) return () => root.querySelector(`[data-feature="${feature}"]`);
    const units = active.dataset.units;
    if (units) {
      const [layer] = units.split(',');
      return () => {
        const same = /** @type {HTMLButtonElement | null} */ (root.querySelector(`[data-units="${units}"]`));
        if (same && !same.disabled) return same;
        return root.querySelector(`[data-units^="${layer},"]:not(:disabled)`);
      };
    }
    return null;
  }

  return {
    rebuild(next) {
      const refocus = rememberFocus();
      closeEditor(false);
      // Removing the focused node fires focusout (in Chromium): the old
      // nodes must not answer it, nor draw, while the new ones are built.
      rebuilding = true;
      keyboardShown = null;
      try {
        build(next);
      } finally {
        rebuilding = false;
      }
      placedWidth = -1;
      place();
      if (refocus) queueMicrotask(() => refocus()?.focus());
    },
    update: draw,
    setGauges(fractions) {
      gauges = fractions;
      requestPaint();
    },
    snapshot() {
      return {
        ratio: picture.width / Math.max(1, scene.width),
        nodes: thumbNodes.map((node, n) => ({
          node: node.index ?? -1, left: scene.nodes[2 * n], top: scene.nodes[2 * n + 1], size: scene.nodeSize,
        })),
        links: links.map((link, k) => ({
          link: `${link.l},${link.i},${link.j}`,
          width: scene.linkWidth[k],
          negative: scene.linkNegative[k] === 1,
          x1: scene.links[4 * k],
          y1: scene.links[4 * k + 1],
          x2: scene.links[4 * k + 2],
          y2: scene.links[4 * k + 3],
        })),
        biases: biases.flat().map((bias, b) => ({
          bias: `${bias.l},${bias.j}`,
          side: scene.biasSide[b],
          negative: scene.biasNegative[b] === 1,
          x: scene.nodes[2 * b],
          y: scene.nodes[2 * b + 1] + scene.nodeSize,
        })),
        gauges: scene.gauges ? Array.from(scene.gauges) : null,
        positive: scene.positive,
        negative: scene.negative,
        labelsPending: labelTimer !== 0,
      };
    },
  };
}
