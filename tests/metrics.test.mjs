// The metrics panel (www/js/output/metrics.js): the confusion matrices of the
// training and the test set add up to their sizes, count the true classes in
// their rows, follow training and agree with the accuracy readouts; three
// classes give three rows in the plot's colours; regression shows R².

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { colourDistance, rgb } from './diagram.mjs';
import { hook, nextFrames, openPage, setup, trainConfig, trainTo } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */

/**
 * A set's confusion matrix as the page shows it: counts[true][predicted].
 * @param {Page} page
 * @param {'train' | 'test'} set
 */
function table(page, set) {
  return page.locator(`.metrics-set[data-set="${set}"] td`).evaluateAll((cells) => {
    /** @type {number[][]} */
    const rows = [];
    for (const cell of cells) {
      const el = /** @type {HTMLElement} */ (cell);
      const t = Number(el.dataset.true);
      const p = Number(el.dataset.predicted);
      (rows[t] ??= [])[p] = Number(el.textContent);
    }
    return rows;
  });
}

/**
 * Number of points of each class in the training (isTest 0) or test set.
 * @param {Page} page
 * @param {'train' | 'test'} set
 * @param {number} classes
 */
async function classCounts(page, set, classes) {
  const points = /** @type {number[]} */ (await hook(page, 'points'));
  const counts = new Array(classes).fill(0);
  for (let i = 0; i < points.length; i += 4) {
    if ((points[i + 3] === 1) === (set === 'test')) counts[points[i + 2]] += 1;
  }
  return counts;
}

/** @param {number[][]} m */
const sum = (m) => m.flat().reduce((a, b) => a + b, 0);

test('the confusion matrices count every example by true and predicted class and follow training', async () => {
  const { page, context, errors } = await openPage(env);
  const before = { train: await table(page, 'train'), test: await table(page, 'test') };
  for (const set of /** @type {const} */ (['train', 'test'])) {
    const m = before[set];
    assert.equal(m.length, 2);
    const truth = await classCounts(page, set, 2);
    assert.deepEqual(m.map((row) => row[0] + row[1]), truth, `${set}: the rows do not count the true classes`);
    assert.equal(await page.locator(`.metrics-set[data-set="${set}"] .metrics-count`).textContent(), `${sum(m)} examples`);
  }
  assert.equal(sum(before.train) + sum(before.test), (await page.evaluate(() => window.__bp?.points().length ?? 0)) / 4);

  await trainTo(page, 40);
  const after = { train: await table(page, 'train'), test: await table(page, 'test') };
  assert.notDeepEqual(after.train, before.train, 'training did not change the training matrix');
  for (const set of /** @type {const} */ (['train', 'test'])) {
    const m = after[set];
    assert.equal(sum(m), sum(before[set]));
    assert.deepEqual(m.map((row) => row[0] + row[1]), await classCounts(page, set, 2));
    // The panel's accuracy is the diagonal's share, and the readout says the same.
    const accuracy = `${((100 * (m[0][0] + m[1][1])) / sum(m)).toFixed(1)} %`;
    assert.equal(await page.locator(`.metrics-set[data-set="${set}"] .metrics-score`).textContent(), accuracy);
    assert.equal(await page.locator(set === 'train' ? '#train-accuracy' : '#test-accuracy').textContent(), accuracy);
  }
  const cell = page.locator('.metrics-set[data-set="test"] td[data-true="1"][data-predicted="0"]');
  assert.match(await cell.getAttribute('title') ?? '', /^\d+ of the \d+ examples of class 1 are predicted as class 0: wrong/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('three classes give a three-by-three matrix in the plot\'s class colours', async () => {
  const { page, context, errors } = await openPage(env);
  await trainConfig(page, { dataset: 'blobs', classes: 3, hidden: [6], loss: 'softmaxCrossEntropy' }, 20);
  const m = await table(page, 'test');
  assert.equal(m.length, 3);
  assert.ok(m.every((row) => row.length === 3));
  assert.deepEqual(m.map((row) => row.reduce((a, b) => a + b, 0)), await classCounts(page, 'test', 3));
  /** Background colours of a row of swatches. @param {string} selector */
  const colours = (selector) => page.locator(selector).evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
  const swatches = '.metrics-set[data-set="test"] thead .metrics-swatch';
  const legend = '#plot-legend .plot-class-swatch';
  // The classes 0, 1, 2 in the colours of the plot legend (which shows them a
  // shade lighter, as the plot paints them), in either palette.
  const sameClasses = async () => {
    const ours = await colours(swatches);
    const plot = await colours(legend);
    assert.equal(ours.length, 3);
    assert.equal(plot.length, 3);
    ours.forEach((c, k) => assert.ok(colourDistance(rgb(c), rgb(plot[k])) <= 32, `class ${k}: ${c} here, ${plot[k]} on the plot`));
    return ours;
  };
  const normal = await sameClasses();
  await page.getByLabel('Colour-blind palette').check();
  await nextFrames(page);
  const blind = await sameClasses();
  assert.notDeepEqual(blind, normal, 'the colour-blind palette did not change the swatches');
  assert.deepEqual(errors, []);
  await context.close();
});

test('regression shows R² for the training and the test set instead of a matrix', async () => {
  const { page, context, errors } = await openPage(env);
  await page.evaluate(() => window.__bp?.loadConfig({ dataset: 'plane', hidden: [3] }));
  await nextFrames(page);
  assert.equal(await page.locator('#metrics').getAttribute('data-kind'), 'regression');
  assert.equal(await page.locator('.confusion').count(), 0);
  const r2 = (/** @type {'train' | 'test'} */ set) => page.locator(`.metrics-set[data-set="${set}"] .metrics-score`).textContent();
  const start = Number((await r2('train'))?.replace('−', '-'));
  assert.ok(Number.isFinite(start), `R² reads ${await r2('train')}`);
  assert.ok(await page.locator('#train-accuracy-readout').isHidden());

  await trainConfig(page, { dataset: 'plane', hidden: [3] }, 60);
  const train2 = Number(await r2('train'));
  const test2 = Number(await r2('test'));
  assert.ok(train2 > 0.9 && test2 > 0.9, `R² ${train2} / ${test2} after training`);
  assert.ok(train2 > start);
  // The core's own figure, to three decimals.
  const truth = await page.evaluate(async () => {
    const core = await import(new URL('pkg/backprop_playground.js', document.baseURI).href);
    const pg = new core.Playground(window.__bp?.config());
    try {
      pg.step(window.__bp?.stats().epoch ?? 0);
      return pg.metrics().test.rSquared;
    } finally {
      pg.free();
    }
  });
  assert.equal(await r2('test'), truth.toFixed(3));
  assert.match(await page.locator('.metrics-set[data-set="test"]').getAttribute('title') ?? '', /R² on the test set/);
  assert.deepEqual(errors, []);
  await context.close();
});
