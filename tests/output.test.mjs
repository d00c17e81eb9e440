// The Output panel's pictures: the loss chart (lines, hover/tap/keyboard
// readout, divergence), the main plot's axes, legend and caption.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { canvasHash, hook, nextFrames, openPage, readNumber, settle, setup, trainTo } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const DEFAULT_READOUT = 'Hover or tap the chart to read a point';
const READOUT = /^Epoch (\d+) · training loss (\S+) · test loss (\S+)$/;

/** @typedef {import('playwright-core').Page} Page */

/**
 * The chart's readout, split into its epoch and its two loss texts.
 * @param {Page} page
 */
async function readChart(page) {
  const text = (await page.locator('#loss-readout').textContent())?.trim() ?? '';
  const match = READOUT.exec(text);
  assert.ok(match, `the chart readout says "${text}"`);
  return { epoch: Number(match[1]), train: match[2], test: match[3] };
}

/**
 * Replays the running config in a second Playground for `epochs` epochs and
 * returns its loss history, each loss formatted like the page formats it: the
 * truth the chart must show.
 * @param {Page} page
 * @param {number} epochs
 * @returns {Promise<Map<number, { train: string, test: string }>>}
 */
async function replayHistory(page, epochs) {
  const rows = await page.evaluate(async (n) => {
    const core = await import(new URL('pkg/backprop_playground.js', document.baseURI).href);
    const { formatLoss } = await import(new URL('js/lib/format.js', document.baseURI).href);
    const pg = new core.Playground(window.__bp?.config());
    try {
      pg.step(n);
      const h = pg.history();
      const out = [];
      for (let i = 0; i < h.length; i += 3) out.push([h[i], formatLoss(h[i + 1]), formatLoss(h[i + 2])]);
      return out;
    } finally {
      pg.free();
    }
  }, epochs);
  return new Map(rows.map(([epoch, train, test]) => [epoch, { train, test }]));
}

test('hovering the loss chart reads the recorded epoch under the pointer; leaving restores the hint', async () => {
  const { page, context, errors } = await openPage(env, { site: 'www' });
  const readout = page.locator('#loss-readout');
  assert.equal((await readout.textContent())?.trim(), DEFAULT_READOUT);
  await page.getByLabel('Speed').selectOption('5');
  const epoch = await trainTo(page, 150);
  const truth = await replayHistory(page, epoch);
  assert.equal(truth.size, epoch + 1, 'the core records every epoch of a short run');

  const chart = page.locator('#loss-chart');
  const box = await chart.boundingBox();
  assert.ok(box);
  const before = await canvasHash(page, '#loss-chart');

  // The right end is the latest epoch, whose losses the readouts show.
  await chart.hover({ position: { x: box.width - 1, y: box.height / 2 } });
  const end = await readChart(page);
  assert.equal(end.epoch, epoch);
  assert.equal(end.train, (await page.getByTestId('train-loss').textContent())?.trim());
  assert.equal(end.test, (await page.getByTestId('test-loss').textContent())?.trim());

  // Part-way along: an epoch near that fraction of the run, with the core's losses.
  await chart.hover({ position: { x: box.width * 0.5, y: box.height / 2 } });
  const mid = await readChart(page);
  assert.ok(mid.epoch > epoch * 0.3 && mid.epoch < epoch * 0.6, `epoch ${mid.epoch} read at mid-width of ${epoch}`);
  assert.deepEqual({ train: mid.train, test: mid.test }, truth.get(mid.epoch), `losses at epoch ${mid.epoch}`);
  assert.notEqual(await canvasHash(page, '#loss-chart'), before, 'no marker is drawn at the read epoch');

  await page.mouse.move(2, 2);
  await page.waitForFunction((hint) => document.querySelector('#loss-readout')?.textContent?.trim() === hint, DEFAULT_READOUT);
  assert.equal(await canvasHash(page, '#loss-chart'), before, 'the marker stays after the mouse left');
  assert.deepEqual(errors, []);
  await context.close();
});

test('tapping the loss chart on a phone reads a point, and the reading stays after the finger lifts', async () => {
  // The sources: replayHistory imports the page's modules.
  const { page, context, errors } = await openPage(env, {
    site: 'www', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true,
  });
  const epoch = await trainTo(page, 60);
  const truth = await replayHistory(page, epoch);

  const chart = page.locator('#loss-chart');
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  assert.ok(box);
  // Crisp on HiDPI: two device pixels per CSS pixel.
  const store = await chart.evaluate((c) => ({ width: /** @type {HTMLCanvasElement} */ (c).width, css: c.getBoundingClientRect().width }));
  assert.ok(Math.abs(store.width - store.css * 2) <= 1, `backing store ${store.width} for ${store.css} CSS px`);

  await chart.tap({ position: { x: box.width * 0.6, y: box.height / 2 } });
  const read = await readChart(page);
  assert.ok(truth.has(read.epoch), `epoch ${read.epoch} was not recorded`);
  assert.deepEqual({ train: read.train, test: read.test }, truth.get(read.epoch));
  await nextFrames(page);
  assert.equal((await readChart(page)).epoch, read.epoch, 'the reading went away when the finger lifted');

  await chart.tap({ position: { x: box.width - 1, y: box.height / 2 } });
  const end = await readChart(page);
  assert.equal(end.epoch, epoch);
  assert.equal(end.train, (await page.getByTestId('train-loss').textContent())?.trim());
  assert.deepEqual(errors, []);
  await context.close();
});

test('the arrow keys move the reading through the recorded epochs', async () => {
  const { page, context, errors } = await openPage(env);
  const epoch = await trainTo(page, 20);
  const chart = page.locator('#loss-chart');
  assert.equal(await chart.getAttribute('tabindex'), '0');
  await chart.focus();
  assert.equal(await page.locator('#loss-readout').getAttribute('aria-live'), 'polite', 'readings are not announced');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await readChart(page)).epoch, epoch, 'the first key press reads the latest epoch');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await readChart(page)).epoch, epoch - 2);
  await page.keyboard.press('ArrowRight');
  assert.equal((await readChart(page)).epoch, epoch - 1);
  await page.keyboard.press('Home');
  assert.equal((await readChart(page)).epoch, 0);
  await page.keyboard.press('Escape');
  assert.equal((await page.locator('#loss-readout').textContent())?.trim(), DEFAULT_READOUT);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the loss chart draws the run, switches to a log axis and back, and reset brings back the epoch-0 picture', async () => {
  const { page, context, errors } = await openPage(env);
  await page.waitForFunction(() => /** @type {HTMLCanvasElement} */ (document.querySelector('#loss-chart')).width > 300);
  await nextFrames(page);
  const fresh = await canvasHash(page, '#loss-chart');
  await trainTo(page, 40);
  const trained = await canvasHash(page, '#loss-chart');
  assert.notEqual(trained, fresh, 'training did not change the chart');
  // The training line is drawn in its own colour across the plotting area.
  const lineColumns = await page.evaluate(() => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('#loss-chart'));
    const css = getComputedStyle(canvas).getPropertyValue('--loss-train').trim();
    const probe = document.createElement('canvas').getContext('2d');
    if (!probe) return 0;
    probe.fillStyle = css;
    probe.fillRect(0, 0, 1, 1);
    const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let columns = 0;
    for (let x = 0; x < width; x += 1) {
      for (let y = 0; y < height; y += 1) {
        const i = 4 * (y * width + x);
        if (data[i + 3] > 200 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40) {
          columns += 1;
          break;
        }
      }
    }
    return columns / width;
  });
  assert.ok(lineColumns > 0.7, `the training line covers only ${(lineColumns * 100).toFixed(0)} % of the width`);

  // The log-scale toggle redraws on a logarithmic loss axis, and back.
  const toggle = page.getByRole('button', { name: 'log scale' });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.notEqual(await canvasHash(page, '#loss-chart'), trained, 'the log scale did not change the chart');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await canvasHash(page, '#loss-chart'), trained, 'back on a linear axis the chart differs');
  await page.getByTestId('reset').click();
  await nextFrames(page);
  assert.equal(await readNumber(page, 'epoch'), 0);
  assert.equal(await canvasHash(page, '#loss-chart'), fresh, 'reset did not bring back the epoch-0 chart');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a diverging run (η = 10 on the plane) draws and reads without an error', async () => {
  const { page, context, errors } = await openPage(env);
  await page.evaluate(() => window.__bp?.loadConfig({ dataset: 'plane', learningRate: 10 }));
  const before = await canvasHash(page, '#loss-chart');
  await page.evaluate(() => window.__bp?.play());
  // The core stops a run whose loss or weights become infinite.
  await page.waitForFunction(() => window.__bp?.stats().stopped !== null, undefined, { timeout: 20_000 });
  await page.evaluate(() => window.__bp?.pause());
  await nextFrames(page);
  const stats = await hook(page, 'stats');
  assert.ok(stats);
  assert.equal(stats.stopped?.kind, 'diverged');
  assert.notEqual(await canvasHash(page, '#loss-chart'), before, 'the chart did not draw the run');

  const chart = page.locator('#loss-chart');
  const box = await chart.boundingBox();
  assert.ok(box);
  await chart.hover({ position: { x: box.width - 1, y: box.height / 2 } });
  const end = await readChart(page);
  assert.equal(end.epoch, stats.epoch);
  assert.ok(Number(end.train) > 1e6, `a diverged loss reads ${end.train}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('non-finite losses are gaps in the line, never drawn as data', async () => {
  const { page, context, errors } = await openPage(env, { site: 'www' });
  const result = await page.evaluate(async () => {
    const { createLossChart } = await import(new URL('js/output/chart.js', document.baseURI).href);
    const canvas = document.createElement('canvas');
    canvas.style.cssText = 'display:block;width:300px;height:100px';
    const readout = document.createElement('p');
    readout.textContent = 'hint';
    document.body.append(canvas, readout);
    const chart = createLossChart(canvas, readout);
    await new Promise((done) => {
      // A fresh canvas is 300×150; wait for the backing store to fit the 300×100 box.
      const wait = () => (canvas.width === 300 && canvas.height === 100 ? done(undefined) : requestAnimationFrame(wait));
      wait();
    });
    /** @param {number[]} rows */
    const draw = (rows) => {
      chart.update(new Float64Array(rows));
      const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let h = 0x811c9dc5;
      for (let i = 0; i < data.length; i += 1) h = Math.imul(h ^ data[i], 0x01000193) >>> 0;
      return h;
    };
    const rows = (/** @type {number} */ bad) => [0, 0.5, 0.6, 1, 0.4, 0.5, 2, bad, bad, 3, 0.3, 0.4, 4, 0.2, 0.3];
    const infinite = draw(rows(Infinity));
    const nan = draw(rows(NaN));
    const huge = draw(rows(1e300));
    draw(rows(NaN));
    canvas.dispatchEvent(new PointerEvent('pointermove', {
      pointerType: 'mouse', clientX: canvas.getBoundingClientRect().left + 150, clientY: 10,
    }));
    return { infinite, nan, huge, reading: readout.textContent };
  });
  assert.equal(result.infinite, result.nan, 'an infinite loss is drawn differently from a gap');
  assert.notEqual(result.infinite, result.huge, 'a gap looks like a finite loss');
  // A gap reads as no value, never as the text "NaN".
  assert.match(result.reading ?? '', /^Epoch 2 · training loss – · test loss –$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the plot has x₁ and x₂ axes with ticks outside a square canvas of ≥ 400 px', async () => {
  const { page, context, errors } = await openPage(env);
  const canvas = await page.getByTestId('boundary').boundingBox();
  assert.ok(canvas);
  assert.ok(canvas.width >= 400, `the canvas is ${canvas.width} CSS px wide`);
  assert.ok(Math.abs(canvas.width - canvas.height) < 1, `the canvas is ${canvas.width}×${canvas.height}`);
  const ticks = ['−6', '−3', '0', '3', '6'];
  for (const axis of ['x', 'y']) {
    const labels = page.locator(`.plot-axis-${axis} .plot-tick`);
    assert.deepEqual((await labels.allTextContents()).map((t) => t.trim()), ticks, `${axis} ticks`);
    for (let i = 0; i < ticks.length; i += 1) {
      const box = await labels.nth(i).boundingBox();
      assert.ok(box, `${axis} tick ${ticks[i]} is not shown`);
      const t = i / (ticks.length - 1);
      if (axis === 'x') {
        const centre = box.x + box.width / 2;
        assert.ok(Math.abs(centre - (canvas.x + t * canvas.width)) < 1.5, `x tick ${ticks[i]} at ${centre}`);
        assert.ok(box.y >= canvas.y + canvas.height, `x tick ${ticks[i]} overlaps the canvas`);
      } else {
        const centre = box.y + box.height / 2;
        assert.ok(Math.abs(centre - (canvas.y + (1 - t) * canvas.height)) < 1.5, `y tick ${ticks[i]} at ${centre}`);
        assert.ok(box.x + box.width <= canvas.x, `y tick ${ticks[i]} overlaps the canvas`);
      }
    }
  }
  assert.equal((await page.locator('.plot-axis-x .plot-axis-title').textContent())?.trim(), 'x1');
  assert.equal((await page.locator('.plot-axis-y .plot-axis-title').textContent())?.trim(), 'x2');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a 390 px phone the plot is square, as wide as fits, and its axes and legend stay on screen', async () => {
  const { page, context, errors } = await openPage(env, { viewport: { width: 390, height: 844 } });
  const canvas = await page.getByTestId('boundary').boundingBox();
  const panel = await page.locator('.panel-output').boundingBox();
  assert.ok(canvas && panel);
  assert.ok(Math.abs(canvas.width - canvas.height) < 1, `the canvas is ${canvas.width}×${canvas.height}`);
  // Panel padding, the y-axis gutter and borders are all that is left over.
  assert.ok(canvas.width >= panel.width - 70, `the canvas is ${canvas.width} px in a ${panel.width} px panel`);
  // Nothing of the output panel (tick labels, legend, chart) pokes out of the screen.
  const outside = await page.evaluate(() => Array.from(document.querySelectorAll('.panel-output *'))
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > window.innerWidth); })
    .map((el) => `${el.tagName.toLowerCase()}.${el.className}`));
  assert.deepEqual(outside, [], 'parts of the output panel are off screen');
  const chart = await page.locator('#loss-chart').boundingBox();
  assert.ok(chart && chart.height >= 90 && chart.height <= 130, `loss chart ${chart?.width}×${chart?.height}`);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * The legend: the three labels of its scale, or its class names.
 * @param {Page} page
 */
function readLegend(page) {
  return page.evaluate(() => {
    const legend = /** @type {HTMLElement} */ (document.querySelector('#plot-legend'));
    const labels = Array.from(legend.querySelectorAll('.plot-scale-labels span'), (s) => s.textContent?.trim());
    const classes = Array.from(legend.querySelectorAll('.plot-class'), (s) => s.textContent?.trim());
    const key = Array.from(legend.querySelectorAll('.plot-key-item'), (s) => s.textContent?.trim());
    return { labels, classes, key };
  });
}

test('the legend shows 0…1 for classification, −1…1 for regression, swatches for 3 classes', async () => {
  const { page, context, errors } = await openPage(env);
  const caption = page.locator('#plot-caption');
  assert.equal((await caption.textContent())?.trim(), 'Output ŷ over the input plane');
  assert.deepEqual(await readLegend(page), { labels: ['0', '0.5', '1'], classes: [], key: ['training', 'test'] });

  await page.evaluate(() => window.__bp?.loadConfig({ dataset: 'plane' }));
  const regression = await readLegend(page);
  assert.equal(regression.labels.length, 3);
  assert.match(regression.labels[0] ?? '', /^(≤ )?−1$/);
  assert.equal(regression.labels[1], '0');
  assert.match(regression.labels[2] ?? '', /^(≥ )?1$/);
  assert.equal((await caption.textContent())?.trim(), 'Output ŷ over the input plane');

  await page.evaluate(() => window.__bp?.loadConfig({ dataset: 'spiral3' }));
  const classes = await readLegend(page);
  assert.deepEqual(classes.labels, []);
  assert.deepEqual(classes.classes, ['class 0', 'class 1', 'class 2']);
  assert.match((await caption.textContent()) ?? '', /class/i);

  // Hiding the test points takes the ring out of the key.
  await page.locator('#show-test').uncheck();
  assert.deepEqual((await readLegend(page)).key, ['training']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the legend shows the colours the plot draws, in both palettes', async () => {
  const { page, context, errors } = await openPage(env);
  await page.getByTestId('dataset').selectOption('gauss');
  await trainTo(page, 30);
  // Discretized, every cell of the plot is one of the legend's two end colours.
  await page.locator('#discretize').check();
  await settle(page);
  assert.match((await page.locator('#plot-caption').textContent()) ?? '', /Output ŷ/);

  const compare = () => page.evaluate(() => {
    const bar = /** @type {HTMLElement} */ (document.querySelector('.plot-scale-bar'));
    const colours = Array.from(getComputedStyle(bar).backgroundImage.matchAll(/rgb\((\d+), (\d+), (\d+)\)/g), (m) => m.slice(1).map(Number));
    const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('[data-testid=boundary]'));
    const ctx = window.__plotSeen(canvas);
    // The corners (6, 6) and (−6, −6): far from the points, deep in the
    // positive and the negative Gaussian's side.
    const corners = [[canvas.width - 3, 2], [2, canvas.height - 3]].map(([x, y]) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3)));
    const near = (/** @type {number[]} */ a, /** @type {number[]} */ b) => a.every((v, i) => Math.abs(v - b[i]) <= 2);
    const ends = [colours[0], colours[colours.length - 1]];
    // (6, 6) shows the positive end of the bar, (−6, −6) the negative one.
    return { ends, corners, matched: [near(corners[0], ends[1]), near(corners[1], ends[0])] };
  });
  const standard = await compare();
  assert.deepEqual(standard.matched, [true, true], `corners ${JSON.stringify(standard.corners)}, legend ${JSON.stringify(standard.ends)}`);

  await page.locator('#color-blind').check();
  await nextFrames(page);
  const colorBlind = await compare();
  assert.notDeepEqual(colorBlind.ends, standard.ends, 'the legend kept the default palette');
  assert.deepEqual(colorBlind.matched, [true, true], `corners ${JSON.stringify(colorBlind.corners)}, legend ${JSON.stringify(colorBlind.ends)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the caption and legend name the focused node: input, hidden unit, output', async () => {
  // The page exposes no way to set the focus yet, so this drives the plot module
  // itself, on a network of its own, in the page's document.
  const { page, context, errors } = await openPage(env, { site: 'www' });
  const result = await page.evaluate(async () => {
    const core = await import(new URL('pkg/backprop_playground.js', document.baseURI).href);
    const { createBoundaryPlot } = await import(new URL('js/output/plot.js', document.baseURI).href);
    const GRID_SIZE = core.schema().pictures.plot;
    const { createRunView, firstSnapshot } = await import(new URL('js/app/run-view.js', document.baseURI).href);
    const { pictures } = await import(new URL('js/app/engine-pictures.js', document.baseURI).href);
    const root = document.createElement('div');
    root.className = 'plot';
    // No style attribute in markup: the page's policy allows styles set through the CSSOM only.
    root.innerHTML = '<p class="plot-caption"></p><div class="plot-frame"><canvas></canvas></div><div class="plot-legend"></div>';
    document.body.append(root);
    const canvas = /** @type {HTMLCanvasElement} */ (root.querySelector('canvas'));
    canvas.style.width = '200px';
    canvas.style.height = '200px';
    const plot = createBoundaryPlot(canvas);
    const out = [];
    for (const activation of ['tanh', 'relu']) {
      // Nodes: 3 inputs (0–2), hidden layers of 4 (3–6) and 3 (7–9), the output (10).
      const pg = new core.Playground({ dataset: 'circle', features: ['x1', 'x2', 'x1Sq'], hidden: [4, 3], activation });
      // What the engine would send for each focus, read by the plot as the page reads it.
      const run = createRunView(pg);
      for (const focus of [null, 0, 2, 8, 10]) {
        const needs = { plotSize: GRID_SIZE, thumbSize: 8, focus, discretize: false, thumbnails: false };
        run.update({ ...firstSnapshot(pg), pictures: pictures(pg, needs) });
        plot.draw(run, { focus, discretize: false, showTest: true });
        const ctx = window.__plotSeen(canvas);
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let hash = 0x811c9dc5;
        for (let i = 0; i < data.length; i += 1) hash = Math.imul(hash ^ data[i], 0x01000193) >>> 0;
        out.push({
          activation,
          focus,
          caption: root.querySelector('.plot-caption')?.textContent,
          labels: Array.from(root.querySelectorAll('.plot-scale-labels span'), (s) => s.textContent),
          hash,
        });
      }
      pg.free();
    }
    root.remove();
    return out;
  });
  const at = (/** @type {string} */ activation, /** @type {number | null} */ focus) => {
    const row = result.find((r) => r.activation === activation && r.focus === focus);
    assert.ok(row);
    return row;
  };
  assert.equal(at('tanh', null).caption, 'Output ŷ over the input plane');
  assert.deepEqual(at('tanh', null).labels, ['0', '0.5', '1']);
  assert.equal(at('tanh', 0).caption, 'Input x₁ over the input plane');
  assert.deepEqual(at('tanh', 0).labels, ['−6', '0', '6']);
  assert.equal(at('tanh', 2).caption, 'Input x₁² over the input plane');
  assert.deepEqual(at('tanh', 2).labels, ['0', '18', '36']);
  assert.match(at('tanh', 8).caption ?? '', /^Hidden layer 2, unit 2: output oj over the input plane$/);
  assert.deepEqual(at('tanh', 8).labels, ['−1', '0', '1']);
  assert.deepEqual(at('relu', 8).labels, ['0', '0.5', '≥ 1']);
  assert.equal(at('tanh', 10).caption, 'Output ŷ over the input plane');
  // The focused node's heatmap is what is drawn, not the output's.
  assert.notEqual(at('tanh', 0).hash, at('tanh', null).hash);
  assert.notEqual(at('tanh', 8).hash, at('tanh', null).hash);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a canvas is drawn once laid out, even at the size its backing store already had, and again when shown after being hidden', async () => {
  const { page, context, errors } = await openPage(env, { site: 'www' });
  const calls = await page.evaluate(async () => {
    const { laidOutSize, observeBackingStore } = await import(new URL('js/lib/plane.js', document.baseURI).href);
    const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    // At the device pixel ratio of 1, a 300 × 150 box is the size a new canvas's backing store has.
    const canvas = document.createElement('canvas');
    canvas.style.cssText = 'position: absolute; width: 300px; height: 150px';
    document.body.append(canvas);
    const seen = [];
    observeBackingStore(canvas, () => seen.push({ ...laidOutSize(canvas), backing: [canvas.width, canvas.height] }));
    const before = laidOutSize(canvas);
    await frame();
    const first = seen.length;
    canvas.style.display = 'none';
    await frame();
    const hidden = seen.length;
    canvas.style.display = '';
    await frame();
    return { ratio: devicePixelRatio, before, first, hidden, shown: seen.length, seen };
  });
  assert.equal(calls.ratio, 1);
  assert.deepEqual(calls.before, { width: 0, height: 0 }, 'not laid out before its observer reports');
  assert.equal(calls.first, 1, 'the first layout, at the backing store\'s own size, asked for no drawing');
  assert.deepEqual(calls.seen[0], { width: 300, height: 150, backing: [300, 150] });
  assert.equal(calls.hidden, 1, 'hiding it asked for a drawing');
  assert.equal(calls.shown, 2, 'shown again, it asked for no drawing');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an idle page asks for no frames; a click wakes it and what it changes is drawn', async () => {
  const { page, context, errors } = await openPage(env);
  // Paused and drawn: the loop sleeps (www/js/app/loop.js).
  await page.waitForFunction(() => window.__bp?.loopAsleep());
  const before = await canvasHash(page);
  await page.locator('#discretize').check();
  await settle(page);
  assert.notEqual(await canvasHash(page), before, 'the discretized plot was not drawn');
  await page.waitForFunction(() => window.__bp?.loopAsleep());
  // Training, it draws every frame; paused again, it sleeps again.
  await page.evaluate(() => window.__bp?.play());
  assert.equal(await page.evaluate(() => window.__bp?.loopAsleep()), false);
  const epoch = await page.evaluate(() => window.__bp?.stats().epoch ?? 0);
  await page.waitForFunction((e) => Number(document.querySelector('[data-testid=epoch]')?.textContent) > e + 3, epoch);
  await page.evaluate(() => window.__bp?.pause());
  await page.waitForFunction(() => window.__bp?.loopAsleep());
  assert.deepEqual(errors, []);
  await context.close();
});
