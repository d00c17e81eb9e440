// @ts-check
// The network view's picture: everything in the diagram that changes while a
// network trains, painted under the view's buttons — every link w_ij (width
// from |w_ij|, colour from its sign) into a links layer of its own
// (links-layer.js, painted in a worker where the browser can), and into ONE
// canvas over it every hidden and output node (its frame and its heatmap of
// o_j), every bias w_0j (a square on the node's corner) and the |δ_j| gauges.
// The buttons, hit areas and labels over them (network.js) stay still while
// training, so a frame costs the browser two canvases and no style, layout or
// paint of the page around them.
//
// The input thumbnails are not here: they never change while training, so
// they are plain images in their buttons (network.js).
//
// Colours and sizes of the node frame, gauges and bias marks come from CSS
// custom properties on the view (css/network.css, css/diagnostics.css), read
// again when the colour scheme changes; the link colours are the palette's two
// ends, read by network.js from the core's heatmaps.

import { createLinksLayer } from './links-layer.js';

/**
 * What one frame paints. Positions are content (CSS) pixels of the view;
 * arrays are indexed like network.js's lists: links in pg.weights() order,
 * painted nodes and biases in core index order after the inputs.
 * @typedef {object} Scene
 * @property {number} width       content size, CSS pixels
 * @property {number} height
 * @property {number} nodeSize    side of a node, CSS pixels
 * @property {Float32Array} links   x1, y1, x2, y2 per link
 * @property {Float32Array} linkWidth  stroke width per link, CSS pixels
 * @property {Uint8Array} linkNegative  1 where w_ij < 0
 * @property {number[]} hotLinks  links drawn at full opacity (hovered, focused, edited)
 * @property {{ link: number, kind: 'hover' | 'focus' }[]} linkHalos  halos under those links
 * @property {Float32Array} nodes   left, top per painted node
 * @property {import('./tile-atlas.js').TileAtlas | null} atlas  the painted nodes' heatmaps
 * @property {unknown} atlasPictures  the snapshot's pictures the atlas holds (null: none yet)
 * @property {number} focused     the painted node the main plot shows (−1: none)
 * @property {Float32Array} biasSide  side of each bias square, CSS pixels (at the node's lower-left corner)
 * @property {Uint8Array} biasNegative  1 where w_0j < 0
 * @property {number} biasHitSize   side of a bias's hit box
 * @property {{ bias: number, kind: 'hover' | 'focus' }[]} hotBiases
 * @property {Float64Array | null} gauges  |δ_j| gauge fill (0–1) per painted node; null: gauges off
 * @property {string} positive  colours of w > 0 and w < 0
 * @property {string} negative
 */

/**
 * The look read from CSS.
 * @typedef {object} Look
 * @property {string} frame        node border colour
 * @property {string} focusFrame   border colour of the node the main plot shows
 * @property {string} background   node background (under the heatmap)
 * @property {string} shadow       node shadow colour
 * @property {number} shadowY      its offset, px
 * @property {number} shadowBlur   its blur radius, px
 * @property {number} radius       node corner radius, px
 * @property {number} linkOpacity
 * @property {string} linkHover    halo of the link under the pointer
 * @property {string} linkFocus    halo of a focused or edited link
 * @property {string} biasEdge     outline of a bias square
 * @property {string} biasHover    fill of a hovered bias's hit box
 * @property {string} biasFocus    fill of a focused or edited bias's hit box
 * @property {string} gaugeBackground
 * @property {string} gaugeEdge
 * @property {string} gaugeFill
 */

/**
 * @typedef {object} NetworkPainter
 * @property {(width: number, height: number) => void} resize  content size in CSS pixels
 * @property {() => void} moved  the links' ends in the scene changed
 * @property {(scene: Scene) => void} paint
 * @property {() => void} restyle  the colour scheme changed: read the CSS again
 * @property {() => void} readStyle  reads the CSS now if it is not read yet: before the
 *   elements move, while reading it costs no recalculation of the page's style
 * @property {import('./links-layer.js').LinksLayer} links  the links' layer
 */

/**
 * The look, read from the custom properties of `styled`.
 * @param {HTMLElement} styled
 * @returns {Look}
 */
export function readLook(styled) {
  const style = getComputedStyle(styled);
  /** @param {string} name @param {string} fallback */
  const text = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  /** @param {string} name @param {number} fallback */
  const number = (name, fallback) => {
    const v = parseFloat(style.getPropertyValue(name));
    return Number.isFinite(v) ? v : fallback;
  };
  return {
    frame: text('--nv-node-frame', '#c5ccd6'),
    focusFrame: text('--nv-node-focus-frame', '#0877bd'),
    background: text('--nv-node-background', '#ffffff'),
    shadow: text('--nv-node-shadow', 'rgb(16 24 40 / 0.14)'),
    shadowY: number('--nv-node-shadow-y', 1),
    shadowBlur: number('--nv-node-shadow-blur', 2),
    radius: number('--nv-node-radius', 4),
    linkOpacity: number('--nv-link-opacity', 0.8),
    linkHover: text('--nv-link-hover', 'rgb(29 37 48 / 0.1)'),
    linkFocus: text('--nv-link-focus', 'rgb(10 132 214 / 0.35)'),
    biasEdge: text('--nv-bias-edge', '#ffffff'),
    biasHover: text('--nv-bias-hover', 'rgb(29 37 48 / 0.12)'),
    biasFocus: text('--nv-bias-focus', 'rgb(10 132 214 / 0.25)'),
    gaugeBackground: text('--nv-gauge-background', 'rgb(255 255 255 / 0.75)'),
    gaugeEdge: text('--nv-gauge-edge', 'rgb(0 0 0 / 0.25)'),
    gaugeFill: text('--nv-gauge-fill', '#1d2530'),
  };
}

/**
 * A node's frame (shadow, background, 1px border) into `target`.
 * @param {HTMLCanvasElement} target
 * @param {Look} l
 * @param {string} border
 * @param {string} background  under the heatmap
 * @param {number} size
 * @param {number} r  device pixels per CSS pixel
 * @param {number} spritePad  margin around the node for its shadow, CSS pixels
 */
function drawFrame(target, l, border, background, size, r, spritePad) {
  const full = size + 2 * spritePad;
  target.width = Math.round(full * r);
  target.height = Math.round(full * r);
  const c = target.getContext('2d');
  if (!c) return;
  c.setTransform(r, 0, 0, r, 0, 0);
  c.clearRect(0, 0, full, full);
  // The canvas blur is a Gaussian of σ = shadowBlur / 2, as CSS's box-shadow.
  c.save();
  c.shadowColor = l.shadow;
  c.shadowBlur = l.shadowBlur * r;
  c.shadowOffsetY = l.shadowY * r;
  c.fillStyle = background;
  c.beginPath();
  c.roundRect(spritePad, spritePad, size, size, l.radius);
  c.fill();
  c.restore();
  c.strokeStyle = border;
  c.lineWidth = 1;
  c.beginPath();
  c.roundRect(spritePad + 0.5, spritePad + 0.5, size - 1, size - 1, l.radius - 0.5);
  c.stroke();
}

/**
 * Nodes: frame, heatmap inside the border (clipped to its rounded corners), gauge.
 * @param {CanvasRenderingContext2D} ctx
 * @param {Scene} scene
 * @param {Look} l
 * @param {number} r  device pixels per CSS pixel
 * @param {{ sprite: HTMLCanvasElement, focusSprite: HTMLCanvasElement, pad: number }} frames
 *   the node frame, plain and focused, with its margin for the shadow
 */
function paintNodes(ctx, scene, l, r, { sprite, focusSprite, pad: spritePad }) {
  const s = scene.nodeSize;
  const { nodes, atlas, gauges } = scene;
  const count = nodes.length / 2;
  const inner = s - 2;
  const gaugeWidth = s - 4;
  // Bilinear, as the browser scaled the thumbnails when each was its own canvas.
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'low';
  for (let n = 0; n < count; n += 1) {
    // On whole device pixels, as the browser lays out the buttons over them.
    const x = Math.round(nodes[2 * n] * r) / r;
    const y = Math.round(nodes[2 * n + 1] * r) / r;
    ctx.drawImage(n === scene.focused ? focusSprite : sprite, x - spritePad, y - spritePad, s + 2 * spritePad, s + 2 * spritePad);
    const tile = atlas?.cell(n) ?? null;
    const gauge = gauges ? gauges[n] : -1;
    if (!tile && gauge < 0) continue;
    ctx.save();
    ctx.beginPath();
    ctx.roundRect(x + 1, y + 1, inner, inner, l.radius - 1);
    ctx.clip();
    if (tile && atlas) ctx.drawImage(atlas.canvas, tile.x, tile.y, tile.side, tile.side, x + 1, y + 1, inner, inner);
    if (gauge >= 0) {
      // A 4px bar 1px inside the border, ringed by 1px, filled from the left.
      ctx.fillStyle = l.gaugeEdge;
      ctx.beginPath();
      ctx.roundRect(x + 1, y + 1, gaugeWidth + 2, 6, 3);
      ctx.roundRect(x + 2, y + 2, gaugeWidth, 4, 2);
      ctx.fill('evenodd');
      ctx.beginPath();
      ctx.roundRect(x + 2, y + 2, gaugeWidth, 4, 2);
      ctx.fillStyle = l.gaugeBackground;
      ctx.fill();
      ctx.clip();
      ctx.fillStyle = l.gaugeFill;
      ctx.fillRect(x + 2, y + 2, gauge * gaugeWidth, 4);
    }
    ctx.restore();
  }
}

/**
 * Biases on each node's lower-left corner: the hit box's highlight, then the square.
 * @param {CanvasRenderingContext2D} ctx
 * @param {Scene} scene
 * @param {Look} l
 */
function paintBiases(ctx, scene, l) {
  const { nodes } = scene;
  const s = scene.nodeSize;
  const { biasSide, biasNegative, hotBiases } = scene;
  const hit = scene.biasHitSize;
  for (const { bias, kind } of hotBiases) {
    if (bias < 0 || bias >= biasSide.length) continue;
    ctx.fillStyle = kind === 'focus' ? l.biasFocus : l.biasHover;
    ctx.beginPath();
    ctx.roundRect(nodes[2 * bias] - hit / 2, nodes[2 * bias + 1] + s - hit / 2, hit, hit, 3);
    ctx.fill();
  }
  ctx.lineWidth = 1;
  // Round, as the links before them left the caps: the squares' edges are
  // drawn as they always were, whatever is painted before them.
  ctx.lineCap = 'round';
  ctx.strokeStyle = l.biasEdge;
  for (let b = 0; b < biasSide.length; b += 1) {
    const side = biasSide[b];
    const x = nodes[2 * b] - side / 2;
    const y = nodes[2 * b + 1] + s - side / 2;
    ctx.fillStyle = biasNegative[b] ? scene.negative : scene.positive;
    ctx.beginPath();
    ctx.roundRect(x, y, side, side, 1);
    ctx.fill();
    ctx.stroke();
  }
}

/**
 * @param {{ picture: HTMLCanvasElement, linkCanvas: HTMLCanvasElement }} canvases  the picture over
 *   the links' canvas, both over the whole content of the view
 * @param {HTMLElement} styled  the element whose custom properties give the look
 * @param {() => void} onLost  the backing store changed (cleared): paint again
 * @param {(() => Worker) | null} startWorker  a worker to paint the links in (null: the page paints them)
 * @returns {NetworkPainter}
 */
export function createNetworkPainter({ picture: canvas, linkCanvas }, styled, onLost, startWorker) {
  const doc = canvas.ownerDocument;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas is not available');
  const links = createLinksLayer(linkCanvas, startWorker, onLost);
  /** @type {Look | null} */
  let look = null;
  let cssWidth = 0;
  let cssHeight = 0;
  /**
   * The node frame with its shadow, drawn once per size, ratio and look; the
   * second in the colour of the ring CSS draws around the node the main plot
   * shows, so that no grey shows through the ring's antialiased corners.
   */
  const sprite = doc.createElement('canvas');
  const focusSprite = doc.createElement('canvas');
  let spriteKey = '';
  /** Margin of the sprite around the node for its shadow, CSS pixels. */
  let spritePad = 0;

  function ratio() {
    return window.devicePixelRatio || 1;
  }

  /** Backing store = CSS size × devicePixelRatio, so the picture is crisp on HiDPI screens. */
  function fitBackingStore() {
    const r = ratio();
    const width = Math.max(1, Math.round(cssWidth * r));
    const height = Math.max(1, Math.round(cssHeight * r));
    if (canvas.width === width && canvas.height === height) return false;
    canvas.width = width;
    canvas.height = height;
    return true;
  }

  /**
   * The nodes' frames: shadow, background and 1px border of a `size` node, at
   * the current ratio, as the buttons had it in CSS.
   * @param {Look} l
   * @param {number} size
   */
  function drawSprites(l, size) {
    const r = ratio();
    const key = `${size}|${r}|${JSON.stringify(l)}`;
    if (key === spriteKey) return;
    spriteKey = key;
    spritePad = Math.ceil(l.shadowY + 2 * l.shadowBlur + 1);
    drawFrame(sprite, l, l.frame, l.background, size, r, spritePad);
    // Its background too: the ring's antialiased inner edge then shows no light seam.
    drawFrame(focusSprite, l, l.focusFrame, l.focusFrame, size, r, spritePad);
  }

  /** @param {Scene} scene */
  function paint(scene) {
    if (!ctx) return;
    if (scene.width !== cssWidth || scene.height !== cssHeight) resize(scene.width, scene.height);
    if (!look) look = readLook(styled);
    const l = look;
    const r = ratio();
    const s = scene.nodeSize;
    drawSprites(l, s);

    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(r, 0, 0, r, 0, 0);
    links.paint(scene, l);
    paintNodes(ctx, scene, l, r, { sprite, focusSprite, pad: spritePad });
    paintBiases(ctx, scene, l);
  }

  /**
   * @param {number} width
   * @param {number} height
   */
  function resize(width, height) {
    cssWidth = width;
    cssHeight = height;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    fitBackingStore();
    links.resize(width, height);
  }

  // Zooming or moving to another screen changes the ratio without a resize.
  const watchRatio = () => {
    window.matchMedia(`(resolution: ${ratio()}dppx)`).addEventListener('change', () => {
      if (fitBackingStore()) onLost();
      watchRatio();
    }, { once: true });
  };
  watchRatio();
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    look = null;
    onLost();
  });

  return {
    resize,
    moved: () => links.moved(),
    paint,
    restyle() {
      look = null;
    },
    readStyle() {
      look ??= readLook(styled);
    },
    links,
  };
}
