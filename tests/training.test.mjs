// Tests 2, 3 and 5: playing trains (epochs advance, the loss falls), the trained
// boundary has the right colours where the classes are, step is exactly one
// epoch, and reset returns to exactly the fresh page's network.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { boundaryClassAt, canvasHash, openPage, readNumber, setup, waitForEpoch } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('play advances the epoch counter and the training loss falls', async () => {
  const { page, context, errors } = await openPage(env);
  assert.equal(await page.getByTestId('dataset').inputValue(), 'circle');
  const before = await readNumber(page, 'train-loss');
  await page.getByLabel('Speed').selectOption('10');
  await page.getByTestId('play').click();
  await waitForEpoch(page, 300);
  await page.getByTestId('play').click();
  const epoch = await readNumber(page, 'epoch');
  const afterLoss = await readNumber(page, 'train-loss');
  assert.ok(epoch >= 300, `epoch ${epoch}`);
  assert.ok(afterLoss < before * 0.5, `training loss went from ${before} to ${afterLoss} in ${epoch} epochs`);
  // Paused means paused: the counter stays put across ten frames.
  await page.evaluate(() => new Promise((done) => {
    let left = 10;
    const tick = () => (--left > 0 ? requestAnimationFrame(tick) : done(undefined));
    requestAnimationFrame(tick);
  }));
  assert.equal(await readNumber(page, 'epoch'), epoch);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on gauss, after training the boundary is blue near (2, 2) and orange near (−2, −2)', async () => {
  const { page, context, errors } = await openPage(env);
  await page.getByTestId('dataset').selectOption('gauss');
  await page.getByLabel('Speed').selectOption('5');
  await page.getByTestId('play').click();
  await waitForEpoch(page, 100);
  await page.getByTestId('play').click();
  const positive = await boundaryClassAt(page, 2, 2);
  const negative = await boundaryClassAt(page, -2, -2);
  assert.equal(positive.verdict, 'positive', `near (2, 2): ${JSON.stringify(positive.votes)}`);
  assert.equal(negative.verdict, 'negative', `near (−2, −2): ${JSON.stringify(negative.votes)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('step trains exactly one epoch; reset returns to the fresh page\'s network', async () => {
  const fresh = await openPage(env);
  const freshLoss = await readNumber(fresh.page, 'train-loss');
  const freshHash = await canvasHash(fresh.page);
  await fresh.context.close();

  const { page, context, errors } = await openPage(env);
  assert.equal(await readNumber(page, 'epoch'), 0);
  await page.getByTestId('step').click();
  assert.equal(await readNumber(page, 'epoch'), 1);
  const lossAfterOne = await readNumber(page, 'train-loss');
  assert.notEqual(lossAfterOne, freshLoss, 'one epoch did not change the loss');
  await page.getByTestId('step').click();
  await page.getByTestId('step').click();
  assert.equal(await readNumber(page, 'epoch'), 3);

  // Step while playing pauses first, then still trains exactly one epoch.
  await page.getByTestId('play').click();
  await waitForEpoch(page, 20);
  await page.getByTestId('step').click();
  const stepped = await readNumber(page, 'epoch');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.equal(await readNumber(page, 'epoch'), stepped, 'step did not pause');
  assert.notEqual(await canvasHash(page), freshHash, 'training did not change the boundary');

  await page.getByTestId('reset').click();
  assert.equal(await readNumber(page, 'epoch'), 0);
  assert.equal(await readNumber(page, 'train-loss'), freshLoss, 'reset loss differs from a fresh load');
  assert.equal(await canvasHash(page), freshHash, 'reset boundary differs from a fresh load');
  assert.deepEqual(errors, []);
  await context.close();
});
