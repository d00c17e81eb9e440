// @ts-check
// Puts the network view's elements where layout.js says, for one width of the
// view: node buttons and input names, the − / + headers, the column captions,
// the biases' hit boxes, and the same positions into the scene the canvas
// paints (and the pointer finds the links in). Runs once per network and once
// per width, never per frame.

import { biasHitSize, clamp, INPUT_LABEL_HALF, layoutDiagram, linkCurve } from './layout.js';
import { sourceNode } from './build.js';
import { fontGeneration } from '../lib/dom.js';

/** @typedef {import('./build.js').Shell} Shell */
/** @typedef {import('./build.js').Diagram} Diagram */
/** @typedef {import('./layout.js').Layout} Layout */
/** @typedef {import('./view-state.js').ViewState} ViewState */
/** @typedef {import('./paint.js').NetworkPainter} NetworkPainter */

/**
 * Positions every element for a view `width` pixels wide.
 * @param {Shell} shell
 * @param {ViewState} state
 * @param {number} width
 * @param {NetworkPainter} painter
 */
export function placeDiagram(shell, state, width, painter) {
  const { content, biasLayer } = shell;
  const { diagram, scene } = state;
  const layout = layoutDiagram(width, diagram.columns.map((column) => column.length));
  const { nodeSize: s, contentWidth, height } = layout;
  state.nodeSize = s;
  state.maxLinkWidth = layout.maxLinkWidth;
  state.linkScale = layout.linkScale;
  content.dataset.headers = layout.headerMode;

  // Measured and read before anything moves: the layout and the style are
  // then still the browser's, and reading them costs nothing.
  const captionWidths = measureCaptions(diagram);
  painter.readStyle();
  content.style.width = `${contentWidth}px`;
  content.style.height = `${height}px`;
  content.style.setProperty('--nv-node', `${s}px`);
  biasLayer.setAttribute('width', String(contentWidth));
  biasLayer.setAttribute('height', String(height));
  biasLayer.setAttribute('viewBox', `0 0 ${contentWidth} ${height}`);
  scene.width = contentWidth;
  scene.height = height;
  scene.nodeSize = s;
  painter.resize(contentWidth, height);

  placeNodes(diagram, layout);
  diagram.unitHeaders.forEach((header, h) => {
    const style = header.el.style;
    style.left = `${layout.headers[h].left}px`;
    style.width = `${layout.headers[h].width}px`;
    style.height = `${layout.headerHeight}px`;
  });
  placeCaptions(diagram, layout, captionWidths);
  placeWeights(diagram, state, s);
  painter.moved();
}

/**
 * @param {Diagram} diagram
 * @param {Layout} layout
 */
function placeNodes(diagram, { centres, nodeSize: s, pitch }) {
  diagram.columns.forEach((column, c) => {
    column.forEach((node, r) => {
      node.cx = centres[c][r].cx;
      node.cy = centres[c][r].cy;
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
}

/**
 * The captions' texts, and their widths, the short output caption's too.
 * @param {Diagram} diagram
 * @returns {{ input: number, output: number, short: number }}
 */
function measureCaptions({ columns, captions, sizes }) {
  // Written only if they differ: a write would lay the page out again.
  const texts = ['Input', sizes[columns.length - 1] === 1 ? 'Output' : 'Outputs'];
  captions.forEach((caption, k) => {
    if (caption.textContent !== texts[k]) caption.textContent = texts[k];
  });
  const [input, output] = captions.map((caption) => captionWidth(caption, caption.textContent ?? ''));
  return { input, output, short: captionWidth(captions[1], 'Out') };
}

/**
 * Captions sit right over the first node of their column (the output's is
 * mid-height, clear of the unit buttons), never past the view's edges.
 * @param {Diagram} diagram
 * @param {Layout} layout
 * @param {{ input: number, output: number, short: number }} widths  of the texts (`measureCaptions`)
 */
function placeCaptions({ columns, captions }, { nodeSize: s, pitch, contentWidth }, widths) {
  const count = columns.length;
  const firsts = [columns[0][0], columns[count - 1][0]];
  const sizes = [widths.input, widths.output];
  const xs = firsts.map((first, k) => clamp(first.cx - sizes[k] / 2, 0, contentWidth - sizes[k]));
  // Too wide for a tight last column: it would run into the layer before.
  if (xs[1] < firsts[1].cx - pitch + s / 2 + 3) {
    captions[1].textContent = 'Out';
    xs[1] = clamp(firsts[1].cx - widths.short / 2, 0, contentWidth - widths.short);
  }
  firsts.forEach((first, k) => {
    captions[k].style.left = `${xs[k]}px`;
    captions[k].style.top = `${first.cy - s / 2 - 17}px`;
  });
}

/**
 * Captions' widths by text, per view (its font is inherited). Measuring one
 * lays out the whole page (a new network's elements were just made), so each
 * text is measured once, and again after the page's fonts change.
 * @type {WeakMap<Element, { fonts: number, widths: Map<string, number> }>}
 */
const captionWidths = new WeakMap();

/**
 * The width of `caption` showing `text`: measured once per view and text
 * (the caption shows `text` afterwards only if it did before).
 * @param {HTMLElement} caption
 * @param {string} text
 */
function captionWidth(caption, text) {
  const doc = caption.ownerDocument;
  const fonts = fontGeneration(doc);
  const owner = caption.parentElement ?? doc.documentElement;
  let known = captionWidths.get(owner);
  if (!known || known.fonts !== fonts) {
    known = { fonts, widths: new Map() };
    captionWidths.set(owner, known);
  }
  let width = known.widths.get(text);
  if (!width) {
    const shown = caption.textContent;
    caption.textContent = text;
    width = caption.offsetWidth;
    caption.textContent = shown;
    known.widths.set(text, width);
  }
  return width;
}

/**
 * The biases' hit boxes, and where the painter draws links, nodes and biases
 * (and the pointer finds the links).
 * @param {Diagram} diagram
 * @param {ViewState} state
 * @param {number} s  node size
 */
function placeWeights(diagram, { scene }, s) {
  const { columns, links, biases, thumbNodes } = diagram;
  // Links run from the right edge of node i to the left edge of unit j.
  links.forEach((link, k) => {
    const curve = linkCurve(sourceNode(diagram, link.l, link.i), columns[link.l + 1][link.j], s);
    scene.links.set([curve.x1, curve.y1, curve.x2, curve.y2], 4 * k);
  });
  thumbNodes.forEach((node, n) => {
    scene.nodes[2 * n] = node.cx - s / 2;
    scene.nodes[2 * n + 1] = node.cy - s / 2;
  });
  // Biases sit on each unit's lower-left corner; the hit box is larger than the mark.
  const hitSize = biasHitSize(s);
  scene.biasHitSize = hitSize;
  biases.forEach((row, l) => row.forEach((bias, j) => {
    const node = columns[l + 1][j];
    const x = node.cx - s / 2;
    const y = node.cy + s / 2;
    bias.group.setAttribute('transform', `translate(${x.toFixed(1)} ${y.toFixed(1)})`);
    const { hitBox } = bias;
    hitBox.setAttribute('x', String(-hitSize / 2));
    hitBox.setAttribute('y', String(-hitSize / 2));
    hitBox.setAttribute('width', String(hitSize));
    hitBox.setAttribute('height', String(hitSize));
  }));
}
