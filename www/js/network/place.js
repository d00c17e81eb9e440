// @ts-check
// Puts the network view's elements where layout.js says, for one width of the
// view: node buttons and input names, the − / + headers, the column captions,
// the biases' hit boxes, and the same positions into the scene the canvas
// paints (and the pointer finds the links in). Runs once per network and once
// per width, never per frame.

import { biasHitSize, clamp, INPUT_LABEL_HALF, layoutDiagram, linkCurve } from './layout.js';
import { sourceNode } from './build.js';

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
  placeCaptions(diagram, layout);
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
 * Captions sit right over the first node of their column (the output's is
 * mid-height, clear of the unit buttons), never past the view's edges. They
 * are measured, so the nodes must be placed first.
 * @param {Diagram} diagram
 * @param {Layout} layout
 */
function placeCaptions({ columns, captions, sizes }, { nodeSize: s, pitch, contentWidth }) {
  const count = columns.length;
  const firsts = [columns[0][0], columns[count - 1][0]];
  // Both texts written, then both measured: one layout, not one per caption.
  captions[0].textContent = 'Input';
  captions[1].textContent = sizes[count - 1] === 1 ? 'Output' : 'Outputs';
  const widths = captions.map(captionWidth);
  const xs = firsts.map((first, k) => clamp(first.cx - widths[k] / 2, 0, contentWidth - widths[k]));
  // Too wide for a tight last column: it would run into the layer before.
  if (xs[1] < firsts[1].cx - pitch + s / 2 + 3) {
    captions[1].textContent = 'Out';
    const w = captionWidth(captions[1]);
    xs[1] = clamp(firsts[1].cx - w / 2, 0, contentWidth - w);
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
/** @type {WeakSet<Document>} */
const watchedFonts = new WeakSet();
/** How many times a document's fonts changed. */
let fontChanges = 0;

/** @param {HTMLElement} caption */
function captionWidth(caption) {
  const doc = caption.ownerDocument;
  if (!watchedFonts.has(doc) && doc.fonts) {
    watchedFonts.add(doc);
    doc.fonts.addEventListener('loadingdone', () => { fontChanges += 1; });
  }
  const owner = caption.parentElement ?? doc.documentElement;
  let known = captionWidths.get(owner);
  if (!known || known.fonts !== fontChanges) {
    known = { fonts: fontChanges, widths: new Map() };
    captionWidths.set(owner, known);
  }
  const text = caption.textContent ?? '';
  let width = known.widths.get(text);
  if (!width) {
    width = caption.offsetWidth;
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
    const hitBox = /** @type {SVGRectElement} */ (bias.group.querySelector('.nv-bias-hit'));
    hitBox.setAttribute('x', String(-hitSize / 2));
    hitBox.setAttribute('y', String(-hitSize / 2));
    hitBox.setAttribute('width', String(hitSize));
    hitBox.setAttribute('height', String(hitSize));
  }));
}
