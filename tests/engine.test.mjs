// The engine (www/js/app/engine.js, engine-worker.js): training runs in a
// worker at the pace the speed setting asks, the same run whatever the pace,
// and a failed worker is reported and replaced by Reset.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, settle, setup } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/**
 * Plays until `epochs` more epochs have trained, pauses, and returns how long
 * that took on the page's clock.
 * @param {import('playwright-core').Page} page
 * @param {number} epochs
 */
async function secondsFor(page, epochs) {
  return page.evaluate((n) => new Promise((done) => {
    const bp = /** @type {import('../www/js/types').ScriptingApi} */ (window.__bp);
    const from = bp.stats().epoch;
    const started = performance.now();
    bp.play();
    const watch = () => {
      const epoch = bp.stats().epoch;
      if (epoch - from < n) {
        requestAnimationFrame(watch);
        return;
      }
      bp.pause();
      done({ epochs: epoch - from, seconds: (performance.now() - started) / 1000 });
    };
    requestAnimationFrame(watch);
  }), epochs);
}

test('the speed setting paces training: 60 epochs/s never runs ahead, the top speed trains far faster', async () => {
  const { page, context, errors } = await openPage(env);
  await page.getByLabel('Speed').selectOption('1');
  const paced = await secondsFor(page, 60);
  // A second's worth of backlog at most (the engine catches up no further).
  assert.ok(paced.epochs <= 60 * paced.seconds + 10, `${paced.epochs} epochs in ${paced.seconds} s at 60/s`);
  await page.getByLabel('Speed').selectOption('100');
  const top = await secondsFor(page, 60);
  assert.ok(top.seconds < paced.seconds / 2, `60 epochs took ${top.seconds} s at the top speed, ${paced.seconds} s at 60/s`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the same link gives the same weights at two speeds', async () => {
  const hash = '#v=1&dataset=spiral&hidden=6,4&activation=tanh&batchSize=5&learningRate=0.05&optimizer=momentum&maxEpochs=120&seed=7';
  /** @param {string} speed */
  async function trained(speed) {
    const { page, context, errors } = await openPage(env, { hash });
    await page.getByLabel('Speed').selectOption(speed);
    await page.evaluate(() => window.__bp?.play());
    // maxEpochs stops the run at exactly 120, whatever the pace.
    await page.waitForFunction(() => window.__bp?.stats().stopped !== null);
    await settle(page);
    const result = await page.evaluate(() => ({ epoch: window.__bp?.stats().epoch, weights: window.__bp?.weights() }));
    assert.deepEqual(errors, []);
    await context.close();
    return result;
  }
  const slow = await trained('1');
  const fast = await trained('100');
  assert.equal(slow.epoch, 120);
  assert.equal(fast.epoch, 120);
  assert.deepEqual(fast.weights, slow.weights);
});

test('a failed engine shows the banner; Reset starts a fresh one and keeps the settings', async () => {
  const { page, context } = await openPage(env, { hash: '#v=1&dataset=xor&learningRate=0.1' });
  await page.evaluate(() => window.__bp?.breakEngine());
  await page.waitForFunction(() => /Training stopped/.test(document.getElementById('page-msg')?.textContent ?? ''));
  await page.getByTestId('reset').click();
  await settle(page);
  assert.equal(await page.locator('#page-msg').textContent(), '');
  assert.equal(await page.evaluate(() => window.__bp?.config().dataset), 'xor');
  await page.evaluate(() => window.__bp?.play());
  await page.waitForFunction(() => (window.__bp?.stats().epoch ?? 0) >= 5);
  await context.close();
});

test('the engine computes only what the page shows: an embed of the plot alone asks for no thumbnails, chart or metrics', async () => {
  const full = await openPage(env);
  const all = await full.page.evaluate(() => window.__bp?.needs());
  assert.deepEqual([all?.thumbnails, all?.history, all?.flow, all?.metrics, all?.deltas], [true, true, true, true, true]);
  await full.context.close();

  const { page, context, errors } = await openPage(env, { hash: '#embed=1&show=boundary', viewport: { width: 960, height: 540 } });
  await page.waitForFunction(() => window.__bp?.needs().thumbnails === false);
  const only = await page.evaluate(() => window.__bp?.needs());
  assert.deepEqual([only?.thumbnails, only?.history, only?.flow, only?.metrics, only?.deltas], [false, false, false, false, false]);
  // And it still trains and draws the plot.
  await page.evaluate(() => window.__bp?.play());
  await page.waitForFunction(() => (window.__bp?.stats().epoch ?? 0) >= 5);
  assert.deepEqual(errors, []);
  await context.close();
});
