// Every control of the run bar and the data panel: changing it changes what the
// core trains (the running config, the weights, the data) and what is drawn
// (the boundary canvas); a bad typed value is refused with a message naming it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { canvasHash, hook, openPage, readNumber, settle, setup } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @param {import('playwright-core').Page} page */
const config = (page) => hook(page, 'config');

/**
 * The boundary after `epochs` steps from a fresh network, so two settings are
 * compared on what training did with them.
 * @param {import('playwright-core').Page} page
 */
async function boundaryAfterSteps(page, epochs = 3) {
  await page.getByTestId('reset').click();
  for (let i = 0; i < epochs; i += 1) await page.getByTestId('step').click();
  return canvasHash(page);
}

test('learning rate: the list and the typed box set η; a bad η is refused by name', async () => {
  const { page, context, errors } = await openPage(env);
  const before = await boundaryAfterSteps(page);
  await page.getByLabel('Learning rate η', { exact: true }).selectOption('0.3');
  assert.equal((await config(page)).learningRate, 0.3);
  assert.equal(await page.locator('#learning-rate-typed').inputValue(), '0.3', 'the box does not follow the list');
  assert.notEqual(await boundaryAfterSteps(page), before, 'η = 0.3 trained the same as 0.03');

  const typed = page.locator('#learning-rate-typed');
  await typed.fill('0.05');
  await typed.press('Enter');
  assert.equal((await config(page)).learningRate, 0.05);
  assert.equal(await page.locator('#learning-rate').inputValue(), '0.05', 'the list does not show a typed η');

  for (const [bad, why] of [['abc', /“abc” is not a number/], ['0', /0 is out of range; η above 0 and at most 10 allowed/], ['11', /11 is out of range/]]) {
    await typed.fill(bad);
    await typed.press('Enter');
    const msg = page.locator('#learningRate-msg');
    await msg.waitFor({ state: 'visible' });
    assert.match(await msg.textContent() ?? '', /^Learning rate η: /);
    assert.match(await msg.textContent() ?? '', why);
    assert.equal((await config(page)).learningRate, 0.05, `${bad} changed η`);
    assert.equal(await typed.inputValue(), bad, 'the typed value was lost');
  }
  await typed.fill('0.1');
  await typed.press('Enter');
  await page.locator('#learningRate-msg').waitFor({ state: 'hidden' });
  assert.equal((await config(page)).learningRate, 0.1);
  assert.deepEqual(errors, []);
  await context.close();
});

// That each setting changes training is the core's rule, tested natively
// (crate/tests/dynamics.rs); here the controls reach the config and the
// engine's network.
test('activation, regularization and its rate reach the config and the engine', async () => {
  const { page, context, errors } = await openPage(env);
  await page.getByLabel('Activation φ', { exact: true }).selectOption('relu');
  assert.equal((await config(page)).activation, 'relu');
  assert.equal((await page.evaluate(() => window.__bp?.weights().layers[0].activation)), 'relu');
  await page.getByLabel('Activation φ', { exact: true }).selectOption('tanh');
  assert.equal((await page.evaluate(() => window.__bp?.weights().layers[0].activation)), 'tanh');

  await page.getByLabel('Regularization').selectOption('l2');
  await page.getByLabel('Rate γ').selectOption('0.3');
  const c = await config(page);
  assert.equal(c.regularization, 'l2');
  assert.equal(c.regularizationRate, 0.3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('problem type switches between classification and regression datasets', async () => {
  const { page, context, errors } = await openPage(env);
  await page.getByLabel('Problem type').selectOption('regression');
  assert.equal((await config(page)).dataset, 'plane');
  assert.equal(await page.locator('#train-accuracy-readout').isVisible(), false);
  // Only the regression datasets' previews are offered now.
  const offered = await page.locator('.dataset-preview:not([hidden])').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-dataset')));
  assert.deepEqual(offered, ['plane', 'multiGauss']);
  await page.getByLabel('Problem type').selectOption('classification');
  assert.equal((await config(page)).dataset, 'circle');
  assert.equal(await page.locator('#train-accuracy-readout').isVisible(), true);
  // Picking a regression dataset in the list switches the problem type with it.
  await page.getByTestId('dataset').selectOption('multiGauss');
  assert.equal(await page.getByLabel('Problem type').inputValue(), 'regression');
  assert.deepEqual(errors, []);
  await context.close();
});

test('dataset previews pick the dataset; noise and training share change the data', async () => {
  const { page, context, errors } = await openPage(env);
  assert.ok(await page.locator('.dataset-preview').count() >= 8, 'previews are missing');
  const drawn = await canvasHash(page);
  await page.getByRole('button', { name: 'Spiral', exact: true }).click();
  assert.equal((await config(page)).dataset, 'spiral');
  assert.equal(await page.getByTestId('dataset').inputValue(), 'spiral');
  assert.equal(await page.getByRole('button', { name: 'Spiral', exact: true }).getAttribute('aria-pressed'), 'true');
  assert.notEqual(await canvasHash(page), drawn);

  const points = await hook(page, 'points');
  await page.locator('#noise').fill('30');
  assert.equal((await config(page)).noise, 30);
  assert.notDeepEqual(await hook(page, 'points'), points, 'noise did not move the points');

  await page.locator('#train-ratio').fill('80');
  assert.equal((await config(page)).trainRatio, 80);
  const tests = await page.evaluate(() => (window.__bp?.points() ?? []).filter((_, i) => i % 4 === 3 && _ === 1).length);
  assert.equal(tests, 100, '80 % of 500 points train, so 100 test');
  assert.equal(await page.locator('#batch-size-range').textContent(), '1 – 400');
  assert.deepEqual(errors, []);
  await context.close();
});

test('batch size changes how many updates an epoch makes', async () => {
  const { page, context, errors } = await openPage(env);
  const tenBatch = await boundaryAfterSteps(page, 2);
  const batch = page.getByLabel('Batch size');
  await batch.fill('250');
  await batch.press('Enter');
  assert.equal((await config(page)).batchSize, 250);
  assert.notEqual(await boundaryAfterSteps(page, 2), tenBatch, 'full-batch trained like batches of 10');
  assert.deepEqual(errors, []);
  await context.close();
});

test('regenerate draws new data and keeps the network', async () => {
  const { page, context, errors } = await openPage(env);
  for (let i = 0; i < 3; i += 1) await page.getByTestId('step').click();
  const weights = await hook(page, 'weights');
  const points = await hook(page, 'points');
  const seed = (await config(page)).dataSeed;
  const drawn = await canvasHash(page);
  await page.getByRole('button', { name: 'Regenerate data' }).click();
  assert.notEqual((await config(page)).dataSeed, seed);
  assert.notDeepEqual(await hook(page, 'points'), points);
  assert.deepEqual(await hook(page, 'weights'), weights, 'regenerate changed the weights');
  assert.equal(await readNumber(page, 'epoch'), 3, 'regenerate reset the epoch');
  assert.notEqual(await canvasHash(page), drawn);
  assert.deepEqual(errors, []);
  await context.close();
});

test('show test data, discretize and the colour-blind palette change only the picture', async () => {
  const { page, context, errors } = await openPage(env);
  for (let i = 0; i < 5; i += 1) await page.getByTestId('step').click();
  const shown = await canvasHash(page);
  const running = await config(page);

  await page.getByLabel('Show test data').uncheck();
  const hidden = await canvasHash(page);
  assert.notEqual(hidden, shown, 'hiding test points did not change the plot');
  assert.equal(await page.evaluate(() => window.__bp?.display().showTest), false);
  await page.getByLabel('Show test data').check();
  assert.equal(await canvasHash(page), shown, 'showing them again did not restore the plot');

  // Discretized, the heatmap has only the two class colours (plus a few blended
  // pixels where the scaled-up grid changes class): the two commonest colours
  // cover nearly the whole picture. Smooth, they cannot.
  const topTwoShare = async () => (await settle(page), page.evaluate(() => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('[data-testid=boundary]'));
    const ctx = window.__plotSeen(canvas);
    /** @type {Map<string, number>} */
    const counts = new Map();
    // Rows near the top edge, where no data point lies on the circle dataset.
    const { data } = ctx.getImageData(0, 1, canvas.width, 8);
    for (let i = 0; i < data.length; i += 4) {
      const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const sorted = [...counts.values()].sort((a, b) => b - a);
    return (sorted[0] + (sorted[1] ?? 0)) / (data.length / 4);
  }));
  const smoothShare = await topTwoShare();
  await page.getByLabel('Discretize output').check();
  const share = await topTwoShare();
  assert.ok(share > 0.9 && share > smoothShare, `two colours cover ${share} discretized, ${smoothShare} smooth`);
  assert.notEqual(await canvasHash(page), shown);
  await page.getByLabel('Discretize output').uncheck();

  await page.getByLabel('Colour-blind palette').check();
  assert.equal(await page.evaluate(() => window.__bp?.display().palette), 'colorBlind');
  assert.notEqual(await canvasHash(page), shown, 'the palette did not change the colours');
  assert.deepEqual(await config(page), running, 'a display setting changed the config');
  assert.equal(await readNumber(page, 'epoch'), 5, 'a display setting reset training');
  assert.deepEqual(errors, []);
  await context.close();
});

test('initial-weight range α bounds the initial weights; a bad α is refused', async () => {
  const { page, context, errors } = await openPage(env);
  const alpha = page.getByLabel('α', { exact: true });
  await alpha.fill('0.05');
  await alpha.press('Enter');
  assert.equal((await config(page)).initRange, 0.05);
  const largest = await page.evaluate(() => Math.max(...(window.__bp?.weights().layers.flatMap((l) => l.weights.flat().map(Math.abs)) ?? [])));
  assert.ok(largest <= 0.05 && largest > 0, `largest |w| is ${largest}`);
  await alpha.fill('-1');
  await alpha.press('Enter');
  await page.locator('#initRange-msg').waitFor({ state: 'visible' });
  assert.match(await page.locator('#initRange-msg').textContent() ?? '', /^Initial weights ±α: -1 is out of range; α from 0 to 10 allowed/);
  assert.equal((await config(page)).initRange, 0.05);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every control has a visible label and a tooltip', async () => {
  const { page, context, errors } = await openPage(env);
  const missing = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('#controls select, #controls input')) {
      const control = /** @type {HTMLInputElement} */ (el);
      const labelled = control.labels && control.labels.length > 0;
      const tip = control.title || control.closest('[title]')?.getAttribute('title');
      if (!labelled || !tip) out.push(control.id || control.name);
    }
    return out;
  });
  assert.deepEqual(missing, []);
  assert.deepEqual(errors, []);
  await context.close();
});
