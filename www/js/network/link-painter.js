// @ts-check
// The diagram's links, painted: every link w_ij a cubic from the right edge of
// node i to the left edge of unit j, its width from |w_ij|, its colour from
// the sign, with round caps, one stroke each and in order, over the halos of
// the hovered, focused or edited ones. `paintLinks` paints
// them into any 2D context: the page's own canvas (links-layer.js, where a
// worker cannot paint) or an OffscreenCanvas in a worker. `paintLinksHere` is
// the worker's side: handed the links' canvas (`{type: 'links', canvas}`,
// app/engine-worker.js), the worker does nothing but paint, so that the
// browser rasterises a large network's strokes (~7,400 on 8 × 32) off the
// main thread.
// Nothing here touches the page, so a worker can import it.

/**
 * What one paint of the links needs besides their ends.
 * @typedef {object} LinkFrame
 * @property {Float32Array} widths  stroke width per link, CSS pixels
 * @property {Uint8Array} signs  1 where w_ij < 0
 * @property {number[]} hot  links drawn at full opacity (hovered, focused, edited)
 * @property {string} positive  colour of w > 0
 * @property {string} negative  colour of w < 0
 * @property {number} opacity  of the other links
 * @property {{ link: number, colour: string }[]} halos  wide strokes under links (hovered, focused, edited)
 * @property {number} haloWidth  their width, CSS pixels
 */

/**
 * A paint sent to the worker: the backing store's size in device pixels, the
 * ratio to CSS pixels, the links' ends when they moved (null: as before).
 * @typedef {object} PaintMessage
 * @property {'paint'} type
 * @property {number} width
 * @property {number} height
 * @property {number} ratio
 * @property {Float32Array | null} links  x1, y1, x2, y2 per link, CSS pixels
 * @property {LinkFrame} frame
 */

/**
 * A box of the worker's canvas to read back, in device pixels (tests).
 * @typedef {{ type: 'pixels', id: number, x: number, y: number, width: number, height: number }} PixelsMessage
 */

/** @typedef {CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D} Context */

/**
 * Links, in order, each its own stroke (crossings blend as separate strokes
 * do; one path per colour and width is slower, measured).
 * @param {Context} ctx  in CSS pixels
 * @param {Float32Array} links  x1, y1, x2, y2 per link
 * @param {LinkFrame} frame
 */
export function paintLinks(ctx, links, frame) {
  const { widths, signs, hot, opacity } = frame;
  ctx.lineCap = 'round';
  paintHalos(ctx, links, frame);
  ctx.globalAlpha = opacity;
  const count = Math.min(widths.length, signs.length, Math.floor(links.length / 4));
  // Colour and width are set only when they change: each set is parsed.
  let sign = -1;
  let width = -1;
  for (let k = 0; k < count; k += 1) {
    const x1 = links[4 * k];
    const y1 = links[4 * k + 1];
    const x2 = links[4 * k + 2];
    const y2 = links[4 * k + 3];
    const mid = (x1 + x2) / 2;
    const isHot = hot.length > 0 && hot.includes(k);
    if (isHot) ctx.globalAlpha = 1;
    if (signs[k] !== sign) {
      sign = signs[k];
      ctx.strokeStyle = sign ? frame.negative : frame.positive;
    }
    if (widths[k] !== width) {
      width = widths[k];
      ctx.lineWidth = width;
    }
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.bezierCurveTo(mid, y1, mid, y2, x2, y2);
    ctx.stroke();
    if (isHot) ctx.globalAlpha = opacity;
  }
  ctx.globalAlpha = 1;
}

/**
 * The halos under the hovered, focused or edited links.
 * @param {Context} ctx  in CSS pixels
 * @param {Float32Array} links  x1, y1, x2, y2 per link
 * @param {LinkFrame} frame
 */
function paintHalos(ctx, links, { halos, haloWidth }) {
  ctx.globalAlpha = 1;
  ctx.lineWidth = haloWidth;
  for (const { link: k, colour } of halos ?? []) {
    if (4 * k + 3 >= links.length) continue;
    const x1 = links[4 * k];
    const y1 = links[4 * k + 1];
    const x2 = links[4 * k + 2];
    const y2 = links[4 * k + 3];
    const mid = (x1 + x2) / 2;
    ctx.strokeStyle = colour;
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.bezierCurveTo(mid, y1, mid, y2, x2, y2);
    ctx.stroke();
  }
}

/**
 * Clears the whole backing store and paints the links at `ratio` device
 * pixels per CSS pixel.
 * @param {Context} ctx
 * @param {number} ratio
 * @param {Float32Array} links
 * @param {LinkFrame} frame
 */
export function repaintLinks(ctx, ratio, links, frame) {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  paintLinks(ctx, links, frame);
}

/**
 * Makes this worker the painter of `canvas`: from now on it answers each
 * paint with `painted` (giving the frame's arrays back, for the next one),
 * each read with `pixels`; it says `painted` once at the start, when it is
 * ready. A failure is reported as `error`.
 * @param {{ postMessage(message: unknown, transfer?: Transferable[]): void, onmessage: ((event: MessageEvent) => void) | null }} scope
 * @param {OffscreenCanvas} canvas
 */
export function paintLinksHere(scope, canvas) {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('the links\' canvas has no 2D context in the worker');
  /** @type {Float32Array} */
  let links = new Float32Array(0);
  scope.onmessage = (/** @type {MessageEvent<PaintMessage | PixelsMessage>} */ event) => {
    const message = event.data;
    try {
      if (message.type === 'paint') {
        if (message.links) links = message.links;
        // Setting a size clears the canvas: only when it changed.
        if (canvas.width !== message.width) canvas.width = message.width;
        if (canvas.height !== message.height) canvas.height = message.height;
        const { frame } = message;
        repaintLinks(ctx, message.ratio, links, frame);
        scope.postMessage({ type: 'painted', widths: frame.widths, signs: frame.signs }, [frame.widths.buffer, frame.signs.buffer]);
      } else if (message.type === 'pixels') {
        const { data } = ctx.getImageData(message.x, message.y, message.width, message.height);
        scope.postMessage({ type: 'pixels', id: message.id, data }, [data.buffer]);
      }
    } catch (err) {
      scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
  scope.postMessage({ type: 'painted', widths: null, signs: null });
}
