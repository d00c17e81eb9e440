// @ts-check
// The diagram's links layer: a canvas of its own under the picture
// (paint.js), painted by link-painter.js. Where the browser can, the canvas's
// control goes to a worker (an OffscreenCanvas, painted by the engine's script
// in a third role), so the raster of a large network's strokes (~7,400 on
// 8 × 32), which takes a software-rendered page 100–200 ms, never holds up the
// main thread. Elsewhere, or if that worker fails, the page paints it in place
// with the same function.
//
// The worker gets the links' ends only when the layout moved them and, per
// paint, the widths, the signs and the highlighted links, in arrays it gives
// back for the next paint. At most one paint is in flight: a paint asked for
// meanwhile waits, and a newer one replaces it, so the page never queues up
// paints the worker cannot keep up with.

import { LINK_HIT_WIDTH } from './layout.js';
import { repaintLinks } from './link-painter.js';

/** @typedef {import('./paint.js').Scene} Scene */
/** @typedef {import('./link-painter.js').PaintMessage} PaintMessage */
/** @typedef {import('./link-painter.js').PixelsMessage} PixelsMessage */
/** @typedef {Pick<import('./paint.js').Look, 'linkOpacity' | 'linkHover' | 'linkFocus'>} LinkLook */

/** A box of the layer's backing store, in device pixels. */
/** @typedef {{ x: number, y: number, width: number, height: number }} PixelBox */

/**
 * @typedef {object} LinksLayer
 * @property {(width: number, height: number) => void} resize  content size, CSS pixels
 * @property {() => void} moved  the links' ends changed (a new layout or network)
 * @property {(scene: Scene, look: LinkLook) => void} paint
 * @property {(box: PixelBox) => Promise<Uint8ClampedArray>} pixels  RGBA of what the
 *   layer shows once every paint asked for so far is done (tests)
 * @property {() => { painter: 'worker' | 'page', paints: number }} status  who paints, and how many paints were shown
 * @property {() => void} close  ends the painting worker, if any (the page is going away)
 */

/**
 * @param {HTMLCanvasElement} canvas  the links' canvas, in the view's content
 * @param {(() => Worker) | null} startWorker  starts the engine's script; null: paint in place
 * @param {() => void} onLost  the layer was cleared (its worker failed): paint again
 * @returns {LinksLayer}
 */
export function createLinksLayer(canvas, startWorker, onLost) {
  let cssWidth = 0;
  let cssHeight = 0;
  let paints = 0;
  /** @type {CanvasRenderingContext2D | null} */
  let ctx = null;
  /** @type {ReturnType<typeof remotePainter> | null} */
  let remote = null;
  const worker = startWorker && 'transferControlToOffscreen' in canvas ? tryHandOver(canvas, startWorker) : null;
  if (worker) {
    remote = remotePainter(worker, () => { paints += 1; }, (message) => {
      // The worker failed: a fresh canvas in its place, painted here.
      console.warn(`The links are painted on the page: ${message}`);
      const fresh = canvas.ownerDocument.createElement('canvas');
      fresh.className = canvas.className;
      fresh.setAttribute('aria-hidden', 'true');
      fresh.style.width = canvas.style.width;
      fresh.style.height = canvas.style.height;
      canvas.replaceWith(fresh);
      canvas = fresh;
      remote = null;
      ctx = canvas.getContext('2d');
      onLost();
    });
  } else {
    ctx = canvas.getContext('2d');
  }

  /** @param {number} r  device pixels per CSS pixel */
  function backingStore(r) {
    return { width: Math.max(1, Math.round(cssWidth * r)), height: Math.max(1, Math.round(cssHeight * r)) };
  }

  return {
    resize(width, height) {
      cssWidth = width;
      cssHeight = height;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    },
    moved() {
      remote?.moved();
    },
    paint(scene, look) {
      const ratio = globalThis.devicePixelRatio || 1;
      const size = backingStore(ratio);
      /** @type {import('./link-painter.js').LinkFrame} */
      const frame = {
        widths: scene.linkWidth, signs: scene.linkNegative, hot: scene.hotLinks,
        positive: scene.positive, negative: scene.negative, opacity: look.linkOpacity,
        halos: scene.linkHalos.map(({ link, kind }) => ({ link, colour: kind === 'hover' ? look.linkHover : look.linkFocus })),
        haloWidth: LINK_HIT_WIDTH,
      };
      if (remote) {
        remote.paint({ type: 'paint', ...size, ratio, links: scene.links, frame });
        return;
      }
      if (!ctx) return;
      if (canvas.width !== size.width) canvas.width = size.width;
      if (canvas.height !== size.height) canvas.height = size.height;
      repaintLinks(ctx, ratio, scene.links, frame);
      paints += 1;
    },
    pixels(box) {
      if (remote) return remote.pixels(box);
      return Promise.resolve(ctx ? ctx.getImageData(box.x, box.y, box.width, box.height).data : new Uint8ClampedArray(0));
    },
    status: () => ({ painter: remote ? 'worker' : 'page', paints }),
    close() {
      remote?.close();
      remote = null;
    },
  };
}

/**
 * Gives the canvas's control to a worker, or null where that cannot be done
 * (the canvas then stays the page's).
 * @param {HTMLCanvasElement} canvas
 * @param {() => Worker} startWorker
 * @returns {Worker | null}
 */
function tryHandOver(canvas, startWorker) {
  /** @type {Worker | null} */
  let worker = null;
  try {
    worker = startWorker();
    const offscreen = canvas.transferControlToOffscreen();
    worker.postMessage({ type: 'links', canvas: offscreen }, [offscreen]);
    return worker;
  } catch (err) {
    worker?.terminate();
    console.warn(`The links are painted on the page: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

/**
 * The page's side of a painting worker: one paint in flight, the latest
 * waiting; reads of pixels after the paints asked for before them.
 * Nothing but the hand-over is sent before the worker says it is ready (the
 * single file's worker keeps early messages for the engine).
 * @param {Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>} worker
 * @param {() => void} onPainted  a paint is shown
 * @param {(message: string) => void} onFailed  the worker failed; it is stopped
 */
export function remotePainter(worker, onPainted, onFailed) {
  let ready = false;
  /** A paint was sent and not answered yet (the hand-over too). */
  let busy = true;
  /** The links moved since their ends were last sent. */
  let moved = true;
  /** @type {PaintMessage | null} the latest paint, not sent yet */
  let pending = null;
  /** @type {PixelsMessage[]} reads behind the pending paint */
  let reads = [];
  /** @type {Map<number, { resolve: (data: Uint8ClampedArray) => void, reject: (err: Error) => void }>} */
  const replies = new Map();
  let lastRead = 0;
  let failed = false;
  /** Arrays the worker gave back, for the next paint's copies. */
  /** @type {Float32Array[]} */
  const spareWidths = [];
  /** @type {Uint8Array[]} */
  const spareSigns = [];

  function send() {
    if (failed || !ready) return;
    if (!busy && pending) {
      const message = pending;
      pending = null;
      busy = true;
      /** @type {Transferable[]} */
      const transfer = [message.frame.widths.buffer, message.frame.signs.buffer];
      if (message.links) transfer.push(message.links.buffer);
      worker.postMessage(message, transfer);
    }
    if (!pending) {
      for (const read of reads) worker.postMessage(read);
      reads = [];
    }
  }

  /** @param {string} message */
  function stop(message) {
    failed = true;
    worker.terminate();
    for (const reply of replies.values()) reply.reject(new Error(message));
    replies.clear();
  }

  /** @param {string} message */
  function fail(message) {
    if (failed) return;
    stop(message);
    onFailed(message);
  }

  worker.onmessage = (event) => {
    const message = event.data;
    if (message.type === 'painted') {
      if (ready) onPainted();
      ready = true;
      busy = false;
      if (message.widths) spareWidths.push(message.widths);
      if (message.signs) spareSigns.push(message.signs);
      send();
    } else if (message.type === 'pixels') {
      replies.get(message.id)?.resolve(message.data);
      replies.delete(message.id);
    } else if (message.type === 'error') {
      fail(message.message);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(event.message || 'the links\' worker stopped');
  };

  return {
    /** Ends the worker; nothing is painted any more. */
    close() {
      if (!failed) stop('the links\' worker was closed');
    },
    moved() {
      moved = true;
    },
    /**
     * Asks for a paint. Its arrays are copied (into arrays the worker gave
     * back when their size fits), so the caller may change them at once.
     * @param {PaintMessage} message  with the current ends of the links
     */
    paint(message) {
      const { frame } = message;
      // A paint that never went keeps its links' ends for the one that replaces it.
      const links = moved ? message.links?.slice() ?? null : pending?.links ?? null;
      moved = false;
      if (pending) {
        spareWidths.push(pending.frame.widths);
        spareSigns.push(pending.frame.signs);
      }
      pending = {
        ...message,
        links,
        frame: {
          ...frame,
          widths: copyInto(spareWidths, frame.widths, (n) => new Float32Array(n)),
          signs: copyInto(spareSigns, frame.signs, (n) => new Uint8Array(n)),
          hot: frame.hot.slice(),
          halos: frame.halos.slice(),
        },
      };
      send();
    },
    /**
     * @param {PixelBox} box
     * @returns {Promise<Uint8ClampedArray>}
     */
    pixels(box) {
      lastRead += 1;
      const id = lastRead;
      return new Promise((resolve, reject) => {
        if (failed) {
          reject(new Error('the links\' worker has stopped'));
          return;
        }
        replies.set(id, { resolve, reject });
        reads.push({ type: 'pixels', id, ...box });
        send();
      });
    },
  };
}

/**
 * `source` copied into a spare array of its length (the spares of another
 * length are dropped), or into a new one.
 * @template {Float32Array | Uint8Array} T
 * @param {T[]} spares
 * @param {T} source
 * @param {(length: number) => T} make
 * @returns {T}
 */
function copyInto(spares, source, make) {
  let copy = spares.pop();
  while (copy && copy.length !== source.length) copy = spares.pop();
  copy ??= make(source.length);
  copy.set(source);
  return copy;
}
