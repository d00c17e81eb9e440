// The network diagram's geometry and weight texts, without a browser.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  biasSide, clamp, curveDistance, editorPosition, layoutDiagram, linkAt, linkCurve, linkWidth, LINK_HIT_WIDTH, MAX_NODE, MIN_NODE,
} from '../../www/js/network/layout.js';
import { paletteEnds } from '../../www/js/network/palette.js';
import { formatValue, parseWeight } from '../../www/js/network/weight-text.js';
import { loadCore } from './core.mjs';

const { palettes } = (await loadCore()).schema();

test('clamp keeps a value within its bounds', () => {
  assert.equal(clamp(5, 0, 10), 5);
  assert.equal(clamp(-1, 0, 10), 0);
  assert.equal(clamp(11, 0, 10), 10);
});

test('a small network fits the view: whole-pixel nodes, evenly spaced columns', () => {
  // All seven inputs shown, hidden layers of 4 and 2, one output.
  const lengths = [7, 4, 2, 1];
  const layout = layoutDiagram(400, lengths);
  assert.equal(layout.contentWidth, 400);
  assert.ok(layout.nodeSize >= MIN_NODE && layout.nodeSize <= MAX_NODE, `${layout.nodeSize}`);
  assert.deepEqual(layout.centres.map((column) => column.length), lengths);
  const s = layout.nodeSize;
  for (const column of layout.centres) {
    for (const { cx, cy } of column) {
      // The buttons the browser lays out and the frames painted under them coincide.
      assert.ok(Number.isInteger(cx - s / 2) && Number.isInteger(cy - s / 2), `${cx}, ${cy}`);
      assert.ok(cx + s / 2 <= layout.contentWidth && cy + s / 2 <= layout.height);
    }
  }
  const lefts = layout.centres.map((column) => column[0].cx);
  for (let c = 1; c < lefts.length; c += 1) assert.ok(Math.abs(lefts[c] - lefts[c - 1] - layout.pitch) <= 1);
  // One − / + header per hidden layer, centred over its column.
  assert.equal(layout.headers.length, 2);
  layout.headers.forEach((header, h) => {
    assert.ok(Math.abs(header.left + header.width / 2 - lefts[h + 1]) <= 1);
  });
});

test('a wide view lets nodes grow past the usual size, up to width / 16', () => {
  const layout = layoutDiagram(1200, [2, 3, 1]);
  assert.ok(layout.nodeSize > MAX_NODE && layout.nodeSize <= 1200 / 16, `${layout.nodeSize}`);
  assert.equal(layout.headerMode, 'wide');
});

test('too many layers for the width: smallest nodes, and the content scrolls sideways', () => {
  const layout = layoutDiagram(200, [7, 8, 8, 8, 8, 8, 8, 1]);
  assert.equal(layout.nodeSize, MIN_NODE);
  assert.ok(layout.contentWidth > 200);
  assert.equal(layout.headerMode, 'tall');
  assert.equal(layout.headerHeight, 76);
});

test('tall columns shrink the nodes; a network without hidden layers has a short header', () => {
  const short = layoutDiagram(600, [7, 4, 1]);
  const tall = layoutDiagram(600, [7, 32, 1]);
  assert.ok(tall.nodeSize < short.nodeSize);
  const flat = layoutDiagram(600, [2, 1]);
  assert.deepEqual(flat.headers, []);
  assert.equal(flat.headerHeight, 22);
});

test('a link runs from the right edge of node i to the left edge of unit j', () => {
  const curve = linkCurve({ cx: 30, cy: 40.26 }, { cx: 130, cy: 90 }, 20);
  assert.deepEqual([curve.x1, curve.y1, curve.x2, curve.y2], [40, 40.3, 120, 90]);
});

test('a point is on a link within half the hit width of its curve, wherever the curve is steep', () => {
  // The curve as the painter draws it (link-painter.js: a cubic with both
  // control points at the middle x), sampled finely: every point of it is
  // found within half a pixel (the chords' sag at the sharpest turns).
  const curve = (x1, y1, x2, y2, t) => {
    const mid = (x1 + x2) / 2;
    const b = [(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3];
    return { x: b[0] * x1 + (b[1] + b[2]) * mid + b[3] * x2, y: (b[0] + b[1]) * y1 + (b[2] + b[3]) * y2 };
  };
  for (const [x1, y1, x2, y2] of [[10, 20, 110, 20], [10, 20, 60, 700], [30, 500, 70, 12]]) {
    for (let n = 0; n <= 50; n += 1) {
      const p = curve(x1, y1, x2, y2, n / 50);
      assert.ok(curveDistance(x1, y1, x2, y2, p.x, p.y) < 0.5, `(${p.x}, ${p.y}) is on the curve`);
    }
  }
  // A horizontal link: its band is LINK_HIT_WIDTH wide, round at the ends.
  const ends = new Float32Array([10, 20, 110, 20]);
  const reach = LINK_HIT_WIDTH / 2;
  assert.equal(linkAt(ends, 60, 20 + reach - 0.1), 0);
  assert.equal(linkAt(ends, 60, 20 - reach + 0.1), 0);
  assert.equal(linkAt(ends, 60, 20 + reach + 0.1), -1);
  assert.equal(linkAt(ends, 10 - reach + 0.1, 20), 0);
  assert.equal(linkAt(ends, 110 + reach + 0.1, 20), -1);
  // Where two links cross, the nearer wins; where they coincide, the last (painted on top).
  const cross = new Float32Array([0, 0, 100, 100, 0, 100, 100, 0]);
  assert.equal(linkAt(cross, 50, 48), 1);
  assert.equal(linkAt(cross, 50, 52), 0);
  assert.equal(linkAt(cross, 50, 50), 1);
  const over = curve(0, 0, 100, 100, 0.3);
  assert.equal(linkAt(cross, over.x, over.y), 0);
  assert.equal(linkAt(new Float32Array(0), 1, 1), -1);
});

test('link strokes grow with |w| between their bounds, to a tenth of a pixel', () => {
  assert.equal(linkWidth(0, 1.6, 7), 0.5);
  assert.equal(linkWidth(-1, 1.6, 7), 2.1);
  assert.equal(linkWidth(1, 1.6, 7), 2.1);
  assert.equal(linkWidth(100, 1.6, 7), 7);
});

test('bias squares grow with |w_0j| up to a third of the node, to half a pixel', () => {
  assert.equal(biasSide(0, 40), 4);
  assert.equal(biasSide(1, 40), 6.5);
  assert.equal(biasSide(-100, 40), 13.5);
  // Small nodes still allow 7 pixels.
  assert.equal(biasSide(100, 18), 7);
});

test('the editor opens below the point when it fits, else above, inside the view', () => {
  const view = { width: 200, height: 100, viewLeft: 0, viewRight: 400, contentHeight: 500, screenBottom: 800 };
  assert.deepEqual(editorPosition({ ...view, x: 200, y: 100 }), { left: 100, top: 114 });
  assert.deepEqual(editorPosition({ ...view, x: 200, y: 450 }), { left: 100, top: 336 });
  // Near the edges it is pushed back in by 4 pixels.
  assert.deepEqual(editorPosition({ ...view, x: 10, y: 100 }), { left: 4, top: 114 });
  assert.deepEqual(editorPosition({ ...view, x: 390, y: 100 }), { left: 196, top: 114 });
  // The view scrolled sideways: it stays in the visible part.
  assert.equal(editorPosition({ ...view, viewLeft: 300, viewRight: 700, x: 10, y: 100 }).left, 304);
  // Below the screen's bottom edge: above the point.
  assert.equal(editorPosition({ ...view, screenBottom: 200, x: 200, y: 150 }).top, 36);
});

test('weights are written with four significant digits and a real minus sign', () => {
  assert.equal(formatValue(0.123456), '0.1235');
  assert.equal(formatValue(-2.5), '−2.5');
  assert.equal(formatValue(12345.6), '12350');
  assert.equal(formatValue(NaN), 'NaN');
});

test('a typed weight is read only in decimal or scientific notation', () => {
  assert.deepEqual(parseWeight(' −1.5 '), { ok: true, value: -1.5 });
  assert.deepEqual(parseWeight('2e-3'), { ok: true, value: 0.002 });
  assert.deepEqual(parseWeight('.5'), { ok: true, value: 0.5 });
  assert.deepEqual(parseWeight(''), { ok: false, message: 'Type a number, e.g. 0.5 or −1.2.' });
  for (const raw of ['0x10', 'Infinity', '1,5', '--1']) {
    assert.deepEqual(parseWeight(raw), { ok: false, message: `“${raw}” is not a number.` });
  }
});

test('the palette ends are read from a 3×3 heatmap of x₁ and named after the core\'s nearest palette', () => {
  /** @param {number[][]} cells  nine RGB colours, row by row */
  const probe = (cells) => new Uint8ClampedArray(cells.flatMap((rgb) => [...rgb, 255]));
  const grey = [128, 128, 128];
  // The middle row: −4, 0 and +4 are a third of the way from the middle to each end.
  const blueish = probe([grey, grey, grey, [194, 155, 119], grey, [48, 122, 168], grey, grey, grey]);
  const ends = paletteEnds(blueish, palettes);
  assert.deepEqual(ends.negative, [227, 169, 115]);
  assert.deepEqual(ends.positive, [8, 119, 188]);
  assert.equal(ends.positiveName, 'blue');
  const purple = probe([grey, grey, grey, [194, 155, 119], grey, [128, 80, 160], grey, grey, grey]);
  assert.equal(paletteEnds(purple, palettes).positiveName, 'purple');
  // Past the ends of the scale, channels stay within 0–255.
  const bright = probe([grey, grey, grey, [255, 255, 255], grey, [0, 0, 0], grey, grey, grey]);
  assert.deepEqual(paletteEnds(bright, palettes), { negative: [255, 255, 255], positive: [0, 0, 0], positiveName: 'purple' });
});
