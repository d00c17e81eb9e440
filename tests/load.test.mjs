// Test 1: the page loads cleanly and draws a large, crisp decision boundary;
// the #bench hash that `cargo xtask bench --browser` uses loads and plays.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hook, openPage, readNumber, setup, waitForEpoch } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

for (const site of /** @type {const} */ (['dist', 'www'])) {
test(`${site === 'dist' ? 'the site as it ships loads' : 'the sources load'} with no console errors, no failed requests, nothing from another origin`, async () => {
  const { page, context, errors, failed, requests } = await openPage(env, { site });
  // Let the ResizeObserver's redraw and any late request happen before judging.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.deepEqual(errors, [], 'console errors');
  assert.deepEqual(failed, [], 'failed requests');
  const origin = new URL(page.url()).origin;
  const foreign = requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'));
  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.ok(requests.some((url) => url.endsWith('.wasm')), 'the wasm core was not requested');

  const box = await page.getByTestId('boundary').boundingBox();
  assert.ok(box, 'boundary canvas is not visible');
  assert.ok(box.width >= 400, `boundary canvas is ${box.width} CSS px wide, want ≥ 400`);
  assert.ok(Math.abs(box.width - box.height) < 1, `boundary canvas is ${box.width}×${box.height}, not square`);

  // A fresh page shows epoch 0 and numeric losses, and the canvas is not blank.
  assert.equal(await readNumber(page, 'epoch'), 0);
  assert.ok(Number.isFinite(await readNumber(page, 'train-loss')));
  assert.ok(Number.isFinite(await readNumber(page, 'test-loss')));
  assert.deepEqual(await page.evaluate(() => window.__bp?.config().hidden), [4, 2]);
  // What ships loads its code as two bundles (page, worker) and the
  // wasm-bindgen glue, not a module per file (`cargo xtask dist`).
  const scripts = requests.filter((url) => url.endsWith('.js'));
  if (site === 'dist' && env.baseUrl !== env.wwwUrl) {
    assert.ok(scripts.length <= 6, `the site loaded ${scripts.length} scripts:\n${scripts.join('\n')}`);
  } else {
    assert.ok(scripts.length > 20, `the sources loaded only ${scripts.length} scripts`);
  }
  await context.close();
});
}

test('HiDPI: the backing store is the CSS size times devicePixelRatio', async () => {
  const { page, context, errors } = await openPage(env, { deviceScaleFactor: 2 });
  await page.waitForFunction(() => {
    const c = /** @type {HTMLCanvasElement} */ (document.querySelector('[data-testid=boundary]'));
    return Math.abs(c.width - c.getBoundingClientRect().width * 2) <= 1;
  });
  const size = await page.evaluate(() => {
    const c = /** @type {HTMLCanvasElement} */ (document.querySelector('[data-testid=boundary]'));
    return { width: c.width, height: c.height, css: c.getBoundingClientRect().width };
  });
  assert.ok(size.width >= 800 && size.height === size.width, `backing store ${size.width}×${size.height} for ${size.css} CSS px`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('#bench=B loads the benchmark config and plays', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#bench=B' });
  const config = await hook(page, 'config');
  assert.ok(config);
  assert.equal(config.dataset, 'spiral');
  assert.equal(config.numPoints, 500);
  assert.deepEqual(config.hidden, [8, 8, 8, 8, 8, 8]);
  assert.deepEqual(config.features, ['x1', 'x2', 'x1Sq', 'x2Sq', 'x1x2', 'sinX1', 'sinX2']);
  assert.equal(config.regularization, 'l2');
  assert.equal(config.regularizationRate, 0.001);
  assert.equal(config.learningRate, 0.03);
  assert.equal(config.batchSize, 10);
  await waitForEpoch(page, 5);
  // Snapshots drawn while training are counted (a busy machine may draw fewer than it trains).
  await page.waitForFunction(() => (window.__bp?.frames() ?? 0) >= 5);
  assert.equal(await page.getByTestId('dataset').inputValue(), 'spiral', 'the form does not show the benchmark');
  assert.deepEqual(errors, []);
  await context.close();
});
