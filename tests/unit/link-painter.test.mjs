// The links' painter without a browser: what `paintLinks` strokes, and how
// the page talks to the painting worker (`remotePainter`, links-layer.js):
// nothing before the worker is ready, one paint in flight, the latest waiting,
// the links' ends only when they moved, reads after the paints before them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paintLinks } from '../../www/js/network/link-painter.js';
import { remotePainter } from '../../www/js/network/links-layer.js';

/** A 2D context that writes down the strokes and the state each was drawn with. */
function recordingContext() {
  /** @type {{ from: number[], to: number[], width: number, colour: string, alpha: number, cap: string }[]} */
  const strokes = [];
  let from = [0, 0];
  let to = [0, 0];
  const ctx = {
    lineCap: 'butt',
    globalAlpha: 1,
    lineWidth: 1,
    strokeStyle: '',
    beginPath() {},
    /** @param {number} x @param {number} y */
    moveTo(x, y) { from = [x, y]; },
    /** @param {number[]} args */
    bezierCurveTo(...args) {
      // Control points at the middle x, level with each end.
      assert.deepEqual(args.slice(0, 4), [(from[0] + args[4]) / 2, from[1], (from[0] + args[4]) / 2, args[5]]);
      to = args.slice(4);
    },
    stroke() {
      strokes.push({ from, to, width: ctx.lineWidth, colour: ctx.strokeStyle, alpha: ctx.globalAlpha, cap: ctx.lineCap });
    },
  };
  return { ctx, strokes };
}

test('paintLinks strokes every link in order, its width and colour from its weight, the hot ones at full opacity over their halos', () => {
  const { ctx, strokes } = recordingContext();
  const links = Float32Array.from([0, 0, 10, 20, 0, 5, 10, 5, 0, 20, 10, 0]);
  paintLinks(/** @type {any} */ (ctx), links, {
    widths: Float32Array.from([1, 2.5, 2.5]),
    signs: Uint8Array.from([0, 1, 1]),
    hot: [1, 2],
    positive: 'rgb(8 119 189)',
    negative: 'rgb(245 147 34)',
    opacity: 0.8,
    halos: [{ link: 1, colour: 'hover' }, { link: 2, colour: 'focus' }],
    haloWidth: 10,
  });
  assert.deepEqual(strokes, [
    // The halos first, under every link.
    { from: [0, 5], to: [10, 5], width: 10, colour: 'hover', alpha: 1, cap: 'round' },
    { from: [0, 20], to: [10, 0], width: 10, colour: 'focus', alpha: 1, cap: 'round' },
    { from: [0, 0], to: [10, 20], width: 1, colour: 'rgb(8 119 189)', alpha: 0.8, cap: 'round' },
    { from: [0, 5], to: [10, 5], width: 2.5, colour: 'rgb(245 147 34)', alpha: 1, cap: 'round' },
    { from: [0, 20], to: [10, 0], width: 2.5, colour: 'rgb(245 147 34)', alpha: 1, cap: 'round' },
  ]);
  assert.equal(ctx.globalAlpha, 1, 'the opacity is left as it was found');
});

/** A worker that keeps what it was sent. */
function fakeWorker() {
  const worker = {
    /** @type {{ message: any, transfer: Transferable[] }[]} */
    sent: [],
    terminated: false,
    /** @type {((event: any) => void) | null} */
    onmessage: null,
    /** @type {((event: any) => void) | null} */
    onerror: null,
    /** @param {any} message @param {Transferable[]} [transfer] */
    postMessage(message, transfer = []) { worker.sent.push({ message, transfer }); },
    terminate() { worker.terminated = true; },
    /** @param {any} data */
    answer(data) { worker.onmessage?.({ data }); },
  };
  return worker;
}

/** A paint of `count` links, the width of each `width`. */
function paintOf(count = 3, width = 1) {
  return {
    type: /** @type {const} */ ('paint'),
    width: 100,
    height: 50,
    ratio: 1,
    links: new Float32Array(4 * count).fill(2),
    frame: {
      widths: new Float32Array(count).fill(width),
      signs: new Uint8Array(count),
      hot: [],
      positive: 'blue',
      negative: 'orange',
      opacity: 0.8,
      halos: [],
      haloWidth: 10,
    },
  };
}

test('nothing goes to the worker before it is ready; then the latest paint, with the links\' ends, and the reads after it', async () => {
  const worker = fakeWorker();
  let shown = 0;
  const painter = remotePainter(/** @type {any} */ (worker), () => { shown += 1; }, () => assert.fail('failed'));
  painter.paint(paintOf(3, 1));
  painter.paint(paintOf(3, 2));
  const read = painter.pixels({ x: 0, y: 0, width: 2, height: 1 });
  assert.equal(worker.sent.length, 0, 'sent before the worker was ready');
  worker.answer({ type: 'painted', widths: null, signs: null });
  assert.equal(shown, 0, 'the worker saying it is ready is not a paint');
  assert.deepEqual(worker.sent.map((s) => s.message.type), ['paint', 'pixels']);
  const [paint] = worker.sent;
  // The latest frame, with the ends of the links that moved before the first one.
  assert.deepEqual(Array.from(paint.message.frame.widths), [2, 2, 2]);
  assert.equal(paint.message.links.length, 12);
  assert.deepEqual(paint.transfer, [paint.message.frame.widths.buffer, paint.message.frame.signs.buffer, paint.message.links.buffer]);
  const data = new Uint8ClampedArray(8).fill(7);
  worker.answer({ type: 'pixels', id: worker.sent[1].message.id, data });
  assert.equal(await read, data);
});

test('one paint in flight: later ones wait, the newest replaces the waiting one, the links\' ends go once', () => {
  const worker = fakeWorker();
  let shown = 0;
  const painter = remotePainter(/** @type {any} */ (worker), () => { shown += 1; }, () => assert.fail('failed'));
  worker.answer({ type: 'painted', widths: null, signs: null });
  const scene = paintOf(3, 1);
  painter.paint(scene);
  assert.equal(worker.sent.length, 1);
  // The page's arrays are copied: it may change them at once.
  scene.frame.widths.fill(9);
  assert.deepEqual(Array.from(worker.sent[0].message.frame.widths), [1, 1, 1]);
  for (const width of [3, 4, 5]) painter.paint(paintOf(3, width));
  assert.equal(worker.sent.length, 1, 'a paint was sent while one was in flight');
  const back = worker.sent[0].message.frame;
  worker.answer({ type: 'painted', widths: back.widths, signs: back.signs });
  assert.equal(shown, 1);
  assert.equal(worker.sent.length, 2);
  const next = worker.sent[1].message;
  assert.deepEqual(Array.from(next.frame.widths), [5, 5, 5], 'not the newest paint');
  assert.equal(next.links, null, 'the links\' ends were sent again though they did not move');
  worker.answer({ type: 'painted', widths: next.frame.widths, signs: next.frame.signs });
  assert.equal(worker.sent.length, 2, 'a paint was sent with none asked for');
  // The arrays the worker gave back carry the next paint.
  painter.moved();
  painter.paint(paintOf(3, 6));
  const moved = worker.sent[2].message;
  assert.equal(moved.frame.widths, next.frame.widths);
  assert.deepEqual(Array.from(moved.frame.widths), [6, 6, 6]);
  assert.equal(moved.links.length, 12);
});

test('a failing worker is stopped, its reads refused, and the page told', async () => {
  const worker = fakeWorker();
  /** @type {string[]} */
  const failures = [];
  const painter = remotePainter(/** @type {any} */ (worker), () => {}, (message) => failures.push(message));
  worker.answer({ type: 'painted', widths: null, signs: null });
  const read = painter.pixels({ x: 0, y: 0, width: 1, height: 1 });
  worker.answer({ type: 'error', message: 'no 2D context' });
  await assert.rejects(read, /no 2D context/);
  assert.deepEqual(failures, ['no 2D context']);
  assert.equal(worker.terminated, true);
  await assert.rejects(painter.pixels({ x: 0, y: 0, width: 1, height: 1 }));
});

test('closed (the page going away), the worker ends: reads waiting are refused, nothing more is sent, and it is no failure', async () => {
  const worker = fakeWorker();
  const painter = remotePainter(/** @type {any} */ (worker), () => {}, () => assert.fail('a close is not a failure'));
  worker.answer({ type: 'painted', widths: null, signs: null });
  painter.paint(paintOf(3, 1));
  const read = painter.pixels({ x: 0, y: 0, width: 1, height: 1 });
  painter.close();
  assert.equal(worker.terminated, true);
  await assert.rejects(read, /closed/);
  const sent = worker.sent.length;
  painter.paint(paintOf(3, 2));
  worker.answer({ type: 'painted', widths: null, signs: null });
  assert.equal(worker.sent.length, sent, 'sent after the close');
  await assert.rejects(painter.pixels({ x: 0, y: 0, width: 1, height: 1 }), /stopped/);
});
