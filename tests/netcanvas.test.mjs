// The network view's picture (www/js/network/paint.js): every hidden and output
// node shows its heatmap of the frame just trained, every frame; the picture is
// crisp on HiDPI screens and lies exactly under the buttons people click; a
// hovered link is drawn at full strength; the links are painted by a worker
// (links-layer.js), which keeps up with the weights while a large network
// trains, and by the page, pixel for pixel the same, where a worker cannot;
// and while training nothing in the diagram's DOM changes but its (throttled)
// spoken labels and tooltips; an 8 × 32 network's links have no elements, but
// are found by the pointer on their curves and by the keyboard in one listbox.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  activeWeight, canvasPixels, clickLink, diagram, linkPoint, viewColour,
} from './diagram.mjs';
import { nextFrames, openPage, setup, waitReady } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */

/**
 * Benchmark B's network (seven inputs, six hidden layers of eight, tanh) with a
 * learning rate large enough that one epoch visibly changes nearly every node.
 */
const DEEP = {
  dataset: 'spiral', features: ['x1', 'x2', 'x1Sq', 'x2Sq', 'x1x2', 'sinX1', 'sinX2'],
  hidden: [8, 8, 8, 8, 8, 8], activation: 'tanh', learningRate: 3,
};

/** Benchmark D's network: eight hidden layers of 32 (7,424 links). */
const LARGE = { ...DEEP, hidden: [32, 32, 32, 32, 32, 32, 32, 32], learningRate: 0.3 };

/**
 * (A page opened with `site: 'www'`: it imports one of the page's modules.)
 * The links' layer against the links of the last paint (`window.__bp.diagram()`)
 * painted afresh by link-painter.js into a canvas of the test's own: how many
 * pixels differ (0: the layer shows exactly the weights drawn, not older
 * ones), and a hash of the layer's pixels (FNV-1a).
 * @param {Page} page
 */
function linksAgainstSnapshot(page) {
  return page.evaluate(async () => {
    const { repaintLinks } = await import(new URL('js/network/link-painter.js', document.baseURI).href);
    const bp = /** @type {NonNullable<typeof window.__bp>} */ (window.__bp);
    const snap = bp.diagram();
    const layer = /** @type {HTMLCanvasElement} */ (document.querySelector('.nv-link-canvas'));
    const r = snap.ratio;
    const width = Math.max(1, Math.round(parseFloat(layer.style.width) * r));
    const height = Math.max(1, Math.round(parseFloat(layer.style.height) * r));
    const shown = await bp.linkPixels({ x: 0, y: 0, width, height });
    const reference = document.createElement('canvas');
    reference.width = width;
    reference.height = height;
    const ctx = /** @type {CanvasRenderingContext2D} */ (reference.getContext('2d'));
    const opacity = parseFloat(getComputedStyle(/** @type {Element} */ (document.querySelector('.nv-content'))).getPropertyValue('--nv-link-opacity'));
    repaintLinks(ctx, r, Float32Array.from(snap.links.flatMap((l) => [l.x1, l.y1, l.x2, l.y2])), {
      widths: Float32Array.from(snap.links.map((l) => l.width)),
      signs: Uint8Array.from(snap.links.map((l) => (l.negative ? 1 : 0))),
      hot: [],
      positive: snap.positive,
      negative: snap.negative,
      opacity,
      halos: [],
      haloWidth: 10,
    });
    const expected = ctx.getImageData(0, 0, width, height).data;
    let differ = 0;
    let painted = 0;
    let h = 0x811c9dc5;
    for (let k = 0; k < shown.length; k += 4) {
      if (shown[k] !== expected[k] || shown[k + 1] !== expected[k + 1] || shown[k + 2] !== expected[k + 2] || shown[k + 3] !== expected[k + 3]) differ += 1;
      if (shown[k + 3] > 0) painted += 1;
      for (let c = 0; c < 4; c += 1) h = Math.imul(h ^ shown[k + c], 0x01000193) >>> 0;
    }
    return { differ, painted, pixels: width * height, size: expected.length === shown.length, hash: h.toString(16) };
  });
}

/**
 * Runs `act` in the page, then at once (in the same task: no later frame or
 * timer can redraw) compares every painted node with the core's heatmaps of a
 * replay of the same run: at epoch `epoch` (what should be drawn) and at epoch
 * `epoch - 1` (what a node not redrawn would still show). The expected pixel
 * is the heatmap sampled bilinearly where the pixel's centre falls, as
 * drawImage scales it; the gauge rows, the bias corner and the rim are left out.
 * @param {Page} page
 * @param {'step' | 'discretize'} act  press Step, or switch "Discretize" on
 * @param {boolean} discretize  what the heatmaps are compared with
 * @param {number} epoch
 */
function compareNodes(page, act, discretize, epoch) {
  return page.evaluate(async ({ act, discretize, epoch }) => {
    const core = await import(new URL('pkg/backprop_playground.js', document.baseURI).href);
    // Thumbnails are sampled from the plot's grid at a coarser one (ARCHITECTURE.md).
    const { plot: PLOT_GRID, thumbnail: THUMB_GRID } = core.schema().pictures;
    const bp = /** @type {NonNullable<typeof window.__bp>} */ (window.__bp);
    // The truth first (the replay takes a while): the same config, trained the same epochs.
    const replay = new core.Playground(bp.config());
    /** @type {Uint8ClampedArray[][]} per epoch, per node */
    const truth = [];
    try {
      replay.step(epoch - 1);
      for (const e of [epoch - 1, epoch]) {
        if (e === epoch) replay.step(1);
        replay.evaluateGrid(PLOT_GRID);
        const sizes = Array.from(replay.layerSizes());
        const total = sizes.reduce((a, b) => a + b, 0);
        const maps = [];
        for (let n = sizes[0]; n < total; n += 1) maps.push(replay.sampledHeatmap(n, THUMB_GRID, discretize));
        truth.push(maps);
      }
    } finally {
      replay.free();
    }

    if (act === 'step') /** @type {HTMLButtonElement} */ (document.querySelector('[data-testid=step]')).click();
    else /** @type {HTMLInputElement} */ (document.getElementById('discretize')).click();
    // The engine answers in its worker: wait until the page has drawn its answer.
    await new Promise((done) => {
      const check = () => (bp.settled() ? done(undefined) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
    const snap = bp.diagram();
    const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('.nv-canvas'));
    const drawn = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d')).getImageData(0, 0, canvas.width, canvas.height).data;
    const r = snap.ratio;

    /** @param {Uint8ClampedArray} heat @param {number} u @param {number} v @param {number} c */
    const sample = (heat, u, v, c) => {
      const side = Math.round(Math.sqrt(heat.length / 4));
      const clampIndex = (/** @type {number} */ i) => Math.min(side - 1, Math.max(0, i));
      const x0 = Math.floor(u);
      const y0 = Math.floor(v);
      const fx = u - x0;
      const fy = v - y0;
      const at = (/** @type {number} */ x, /** @type {number} */ y) => heat[4 * (clampIndex(y) * side + clampIndex(x)) + c];
      return (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
    };
    return {
      epoch: bp.stats().epoch,
      discretize: bp.display().discretize,
      nodes: snap.nodes.map((node, k) => {
        const inner = node.size - 2;
        let now = 0;
        let before = 0;
        let change = 0;
        let count = 0;
        for (let py = Math.ceil((node.top + 8) * r); py < Math.floor((node.top + node.size - 8) * r); py += 1) {
          for (let px = Math.ceil((node.left + 3) * r); px < Math.floor((node.left + node.size - 3) * r); px += 1) {
            const u = (((px + 0.5) / r - node.left - 1) / inner) * THUMB_GRID - 0.5;
            const v = (((py + 0.5) / r - node.top - 1) / inner) * THUMB_GRID - 0.5;
            for (let c = 0; c < 3; c += 1) {
              const pixel = drawn[4 * (py * canvas.width + px) + c];
              const expected = sample(truth[1][k], u, v, c);
              const previous = sample(truth[0][k], u, v, c);
              now += Math.abs(pixel - expected);
              before += Math.abs(pixel - previous);
              change += Math.abs(expected - previous);
            }
            count += 3;
          }
        }
        return { node: node.node, now: now / count, before: before / count, change: change / count };
      }),
    };
  }, { act, discretize, epoch });
}

test('every hidden and output node is painted from the grid of this very frame: after a step, and after Discretize', async () => {
  const { page, context, errors } = await openPage(env, { site: 'www' });
  await page.evaluate((c) => window.__bp?.loadConfig(c), DEEP);
  await nextFrames(page);

  const stepped = await compareNodes(page, 'step', false, 1);
  assert.equal(stepped.epoch, 1);
  assert.equal(stepped.nodes.length, 6 * 8 + 1);
  // The test can only catch a stale node if the epoch changed it: most of them it did.
  const moved = stepped.nodes.filter((n) => n.change > 2);
  assert.ok(moved.length >= 40, `one epoch changed only ${moved.length} of 49 nodes visibly`);
  for (const n of stepped.nodes) {
    assert.ok(n.now < 2, `node ${n.node} differs from its heatmap by ${n.now.toFixed(2)} per channel`);
    if (n.change > 2) assert.ok(n.now < n.before / 2, `node ${n.node} still shows the epoch before (${n.now.toFixed(2)} vs ${n.before.toFixed(2)})`);
  }

  // A display change redraws every node too, at once.
  const discrete = await compareNodes(page, 'discretize', true, 1);
  assert.equal(discrete.discretize, true);
  for (const n of discrete.nodes) {
    assert.ok(n.now < 4, `node ${n.node} is not drawn discretized (${n.now.toFixed(2)} per channel off)`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a HiDPI screen the picture has a pixel per device pixel and lies exactly under the buttons', async () => {
  const { page, context, errors } = await openPage(env, { deviceScaleFactor: 2 });
  for (let i = 0; i < 2; i += 1) await page.getByTestId('step').click();
  await nextFrames(page);
  const snap = await diagram(page);
  assert.equal(snap.ratio, 2);
  const boxes = await page.evaluate(() => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('.nv-canvas'));
    const c = canvas.getBoundingClientRect();
    return {
      canvas: { width: canvas.width, height: canvas.height, cssWidth: c.width, cssHeight: c.height },
      nodes: window.__bp?.diagram().nodes.map((n) => {
        const b = /** @type {HTMLElement} */ (document.querySelector(`.nv-node[data-node="${n.node}"]`)).getBoundingClientRect();
        return { left: b.left - c.left, top: b.top - c.top, width: b.width, height: b.height };
      }) ?? [],
    };
  });
  assert.equal(boxes.canvas.width, 2 * boxes.canvas.cssWidth);
  assert.equal(boxes.canvas.height, 2 * boxes.canvas.cssHeight);
  snap.nodes.forEach((n, k) => {
    const b = boxes.nodes[k];
    assert.ok(Math.abs(b.left - n.left) < 0.01 && Math.abs(b.top - n.top) < 0.01 && b.width === n.size && b.height === n.size,
      `node ${n.node} is painted at ${n.left}, ${n.top} (${n.size} px) but its button is at ${b.left}, ${b.top} (${b.width}×${b.height})`);
  });
  // The frame's edge is sharp: its first device row is the border colour, the row above is (nearly) clear.
  const node = snap.nodes[0];
  const edge = await canvasPixels(page, { x: node.left + node.size / 2, y: node.top - 1, width: 0.5, height: 2 });
  const above = edge.at(node.left + node.size / 2, node.top - 0.5);
  const border = edge.at(node.left + node.size / 2, node.top);
  const frame = await viewColour(page, '--nv-node-frame');
  assert.deepEqual(border, [...frame, 255], `the top edge of node ${node.node} is painted rgba(${border}), its frame is rgb(${frame})`);
  assert.ok(above[3] < 40, `the device row over node ${node.node} is rgba(${above}): the frame is blurred`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a hovered link is painted at full strength, the others at 80 %', async () => {
  const { page, context, errors } = await openPage(env);
  // w from h₂,₂ to ŷ (the last link, over all others) set to 5: a thick stroke.
  await clickLink(page, '2,1,0');
  const input = page.getByRole('dialog').getByRole('textbox', { name: 'New value' });
  await input.fill('5');
  await input.press('Enter');
  // The editor gives the focus back to the link, which keeps it at full strength: move on.
  const back = await activeWeight(page);
  assert.ok(back.focused && back.name === '2,1,0', JSON.stringify(back));
  await page.evaluate(() => /** @type {HTMLElement} */ (document.activeElement).blur());
  await page.mouse.move(2, 2);
  await nextFrames(page);
  const link = (await diagram(page)).links.find((l) => l.link === '2,1,0') ?? assert.fail('no link 2,1,0');
  const mid = { x: (link.x1 + link.x2) / 2, y: (link.y1 + link.y2) / 2 };
  const alpha = async () => (await canvasPixels(page, { x: mid.x, y: mid.y, width: 0.5, height: 0.5 })).at(mid.x, mid.y)[3];
  assert.ok(Math.abs(await alpha() - 0.8 * 255) <= 3, `the link's middle has alpha ${await alpha()}`);
  const box = await page.locator('.nv-content').boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + mid.x, box.y + mid.y);
  await nextFrames(page);
  assert.equal(await alpha(), 255, 'the hovered link is not drawn at full strength');
  await page.mouse.move(2, 2);
  await nextFrames(page);
  assert.ok(Math.abs(await alpha() - 0.8 * 255) <= 3, 'the link stayed highlighted after the mouse left');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an 8 × 32 network is a few hundred elements: its links are found on their curves, spoken through one listbox', async () => {
  const { page, context, errors } = await openPage(env);
  await page.evaluate((c) => window.__bp?.loadConfig(c), LARGE);
  await nextFrames(page);
  const { links } = await diagram(page);
  assert.equal(links.length, 7 * 32 + 7 * 32 * 32 + 32);
  // No element per link (7,424 of them): nodes, biases' hit boxes, headers, one listbox.
  const elements = await page.locator('#network-view *').count();
  assert.ok(elements <= 1500, `the diagram has ${elements} elements`);
  assert.equal(await page.locator('#network-view [tabindex="0"]:not(button)').count(), 1, 'the weights are not one tab stop');

  // A link in the middle of the thicket, under the pointer: highlighted, its tooltip named.
  const name = '4,17,9';
  const at = await linkPoint(page, name);
  await page.mouse.move(at.x, at.y);
  await nextFrames(page);
  const hovered = (await page.locator('.nv-links').getAttribute('title')) ?? '';
  assert.match(hovered, /^w from h₄,₁₈ to h₅,₁₀ = −?\d/);
  const pixel = async () => (await canvasPixels(page, { x: at.content.x, y: at.content.y, width: 0.5, height: 0.5 }, 'links')).at(at.content.x, at.content.y);
  assert.ok((await pixel())[3] > 0, 'nothing is painted where the hovered link is');
  // A click there opens the editor on that link; Escape gives the focus to the listbox, on it.
  await page.mouse.click(at.x, at.y);
  const editor = page.getByRole('dialog');
  await editor.waitFor({ state: 'visible' });
  assert.equal(await editor.locator('.nv-editor-title').textContent(), hovered.split(' = ')[0]);
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'hidden' });
  const active = await activeWeight(page);
  assert.ok(active.focused && active.name === name, JSON.stringify(active));
  assert.match(active.label ?? '', /^Weight w_ij of layer 5: from hidden layer 4, unit 18 to hidden layer 5, unit 10: /);
  // Away from every link, nothing is hovered.
  await page.mouse.move(2, 2);
  await nextFrames(page);
  assert.equal(await page.locator('.nv-links').getAttribute('title'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a large network a worker paints the links, and keeps up with the weights while it trains', async () => {
  const { page, context, errors } = await openPage(env, { site: 'www' });
  await page.evaluate((c) => window.__bp?.loadConfig(c), LARGE);
  await nextFrames(page);
  const start = await diagram(page);
  assert.equal(start.links.length, 7 * 32 + 7 * 32 * 32 + 32);
  assert.equal(start.linkPainter, 'worker');
  // The page handed the canvas over: it cannot draw into it any more.
  const refused = await page.evaluate(() => {
    try {
      /** @type {HTMLCanvasElement} */ (document.querySelector('.nv-link-canvas')).getContext('2d');
      return 'a context';
    } catch (err) {
      return /** @type {Error} */ (err).name;
    }
  });
  assert.equal(refused, 'InvalidStateError');
  const first = await linksAgainstSnapshot(page);
  assert.ok(first.size && first.painted > first.pixels / 20, `the links' layer is nearly empty (${first.painted} of ${first.pixels} pixels)`);
  assert.equal(first.differ, 0, `${first.differ} pixels of the links' layer differ from the links drawn`);
  // The links are in the worker's layer, not in the page's picture.
  const thickest = start.links.reduce((a, b) => (b.width > a.width ? b : a));
  const mid = { x: (thickest.x1 + thickest.x2) / 2, y: (thickest.y1 + thickest.y2) / 2 };
  const spot = { x: mid.x, y: mid.y, width: 0.5, height: 0.5 };
  assert.ok((await canvasPixels(page, spot, 'links')).at(mid.x, mid.y)[3] > 0, 'no link painted in the links\' layer');
  assert.equal((await canvasPixels(page, spot, 'picture')).at(mid.x, mid.y)[3], 0, 'a link is painted in the page\'s picture');

  // While it trains, the worker paints the weights again and again.
  await page.evaluate(() => window.__bp?.play());
  await page.waitForFunction((n) => (window.__bp?.diagram().linkPaints ?? 0) >= n + 5, start.linkPaints, { timeout: 60_000 });
  await page.evaluate(() => window.__bp?.pause());
  await nextFrames(page);
  const trained = await diagram(page);
  assert.notDeepEqual(trained.links.map((l) => l.width), start.links.map((l) => l.width), 'training changed no width');
  const last = await linksAgainstSnapshot(page);
  assert.notEqual(last.hash, first.hash, 'the links\' layer did not change while training');
  assert.equal(last.differ, 0, `${last.differ} pixels of the links' layer differ from the links drawn last`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('where the canvas cannot go to a worker, the page paints the links itself, pixel for pixel the same', async () => {
  const { page, context, errors } = await openPage(env, { site: 'www' });
  await nextFrames(page);
  assert.equal((await diagram(page)).linkPainter, 'worker');
  const worker = await linksAgainstSnapshot(page);
  assert.equal(worker.differ, 0);
  await context.addInitScript(() => {
    // @ts-ignore: a browser without OffscreenCanvas
    delete HTMLCanvasElement.prototype.transferControlToOffscreen;
  });
  await page.reload();
  await waitReady(page);
  await nextFrames(page);
  assert.equal((await diagram(page)).linkPainter, 'page');
  const inPlace = await linksAgainstSnapshot(page);
  assert.equal(inPlace.differ, 0);
  assert.ok(inPlace.painted > 0, 'no link painted');
  assert.equal(inPlace.hash, worker.hash, 'the page paints the links unlike the worker');
  assert.deepEqual(errors, []);
  await context.close();
});

test('if the painting worker fails, the page paints the links itself from then on', async () => {
  const { page, context, errors } = await openPage(env, { site: 'www' });
  await context.addInitScript(() => {
    // Every paint reaches the worker without its frame: painting it throws there.
    const post = Worker.prototype.postMessage;
    /** @this {Worker} @param {any} message @param {any} transfer */
    Worker.prototype.postMessage = function postMessage(message, transfer) {
      return post.call(this, message?.type === 'paint' ? { ...message, frame: null } : message, transfer);
    };
  });
  await page.reload();
  await waitReady(page);
  await page.waitForFunction(() => window.__bp?.diagram().linkPainter === 'page');
  await nextFrames(page);
  const painted = await linksAgainstSnapshot(page);
  assert.equal(painted.differ, 0);
  assert.ok(painted.painted > 0, 'no link painted');
  assert.deepEqual(errors, []);
  await context.close();
});

test('while training, the diagram\'s DOM stays still: only its labels follow the weights, at most twice a second', async () => {
  const { page, context, errors } = await openPage(env);
  await page.evaluate((c) => window.__bp?.loadConfig({ ...c, learningRate: 0.03 }), DEEP);
  // The links' canvas takes the new network's size (its width and height
  // attributes) once its worker has painted it: watch from then on.
  await page.waitForFunction(() => {
    const layer = /** @type {HTMLCanvasElement} */ (document.querySelector('.nv-link-canvas'));
    const r = window.devicePixelRatio;
    return layer.width === Math.round(parseFloat(layer.style.width) * r) && layer.height === Math.round(parseFloat(layer.style.height) * r);
  });
  const seen = await page.evaluate(() => new Promise((done) => {
    const view = /** @type {Element} */ (document.querySelector('#network-view'));
    /** @type {Record<string, number>} */
    const kinds = {};
    /** @type {number[]} */
    const labelBursts = [];
    const observer = new MutationObserver((records) => {
      let labels = false;
      for (const m of records) {
        const target = /** @type {Element} */ (m.target.nodeType === 1 ? m.target : m.target.parentElement);
        const what = m.type === 'attributes'
          ? `${m.attributeName} of ${target.getAttribute('class') ?? target.tagName}`
          : `text of ${target.tagName.toLowerCase()}${target.classList.contains('nv-delta') ? '.nv-delta' : ''}`;
        kinds[what] = (kinds[what] ?? 0) + 1;
        if (m.attributeName === 'aria-label') labels = true;
      }
      if (labels) labelBursts.push(performance.now());
    });
    const bp = /** @type {NonNullable<typeof window.__bp>} */ (window.__bp);
    const start = performance.now();
    const frames0 = bp.frames();
    bp.play();
    observer.observe(view, { subtree: true, attributes: true, childList: true, characterData: true });
    // Watch 40 training frames, however long they take.
    const watch = () => {
      if (bp.frames() - frames0 < 40) {
        requestAnimationFrame(watch);
        return;
      }
      bp.pause();
      observer.disconnect();
      done({ kinds, labelBursts: labelBursts.length, seconds: (performance.now() - start) / 1000, frames: bp.frames() - frames0 });
    };
    requestAnimationFrame(watch);
  }));
  assert.ok(seen.frames >= 40, `only ${seen.frames} frames trained`);
  const allowed = new Set([
    'aria-label of nv-weight', 'title of nv-node is-painted', 'text of title', 'text of span.nv-delta',
  ]);
  for (const what of Object.keys(seen.kinds)) assert.ok(allowed.has(what), `${what} changed while training (${JSON.stringify(seen.kinds)})`);
  assert.ok(seen.labelBursts <= Math.ceil(seen.seconds * 2) + 1, `labels rewritten ${seen.labelBursts} times in ${seen.seconds.toFixed(1)} s`);
  assert.deepEqual(errors, []);
  await context.close();
});
