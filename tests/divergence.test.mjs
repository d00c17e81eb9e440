// Divergence (crate/src/divergence.rs, www/js/output/divergence.js): η = 10 on the
// plane blows up; training pauses within the epoch, the banner explains it with
// the core's numbers, no readout or text says NaN, the drawn weights are finite,
// one click restores the last finite weights, and after lowering η training
// goes on.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hook, nextFrames, openPage, readNumber, setup, waitForEpoch } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */

/**
 * Every text a person can read on the page, and every tooltip.
 * @param {Page} page
 */
function allText(page) {
  return page.evaluate(() => [
    document.body.innerText,
    ...[...document.querySelectorAll('[title]')].map((el) => el.getAttribute('title') ?? ''),
    ...[...document.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label') ?? ''),
  ].join('\n'));
}

/** @param {unknown} weights */
function allFinite(weights) {
  const w = /** @type {{ layers: { weights: number[][], biases: number[] }[] }} */ (weights);
  return w.layers.every((l) => l.weights.flat().every(Number.isFinite) && l.biases.every(Number.isFinite));
}

test('η = 10 diverges: training pauses within the epoch and the banner gives the numbers', async () => {
  const { page, context, errors } = await openPage(env);
  await page.evaluate(() => window.__bp?.loadConfig({ dataset: 'plane', learningRate: 10 }));
  await page.getByTestId('play').click();
  await page.waitForFunction(() => window.__bp?.stats().stopped !== null, undefined, { timeout: 20_000 });
  await nextFrames(page);
  const stats = await hook(page, 'stats');
  assert.equal(stats?.stopped?.kind, 'diverged');
  assert.equal(await page.getByTestId('play').getAttribute('aria-label'), 'Play', 'the loop kept playing');

  // The truth: the same run replayed in a second Playground.
  const truth = await page.evaluate(async () => {
    const core = await import(new URL('pkg/backprop_playground.js', document.baseURI).href);
    const pg = new core.Playground(window.__bp?.config());
    try {
      pg.step(1000);
      return { divergence: pg.divergence(), weights: pg.weights() };
    } finally {
      pg.free();
    }
  });
  const d = truth.divergence;
  assert.ok(d, 'the replay did not diverge');
  assert.ok(d.batch <= d.batches && d.batches === 60, `batch ${d.batch} of ${d.batches}`);
  assert.equal(stats?.epoch, d.epoch - 1, 'the cut-short epoch is counted');

  const banner = page.locator('#status');
  assert.ok(await banner.isVisible());
  assert.equal(await banner.getAttribute('data-kind'), 'warning');
  const text = (await page.locator('#status-text').textContent()) ?? '';
  assert.equal(text, d.message);
  assert.match(text, /^Training paused: the learning rate η = 10 is too large for this network\. The training loss grew from 0\.1947 \(epoch 0\) to \d\.\d×10\S+ \(after batch \d+ of epoch \d+\), then batch \d+ of 60 in epoch \d+ made the loss infinite\./);
  assert.match(text, /Lower η \(try 1 or less\)/);

  // Nothing reads NaN or Infinity; the readouts are finite numbers; the weights drawn are finite.
  const everything = await allText(page);
  assert.doesNotMatch(everything, /NaN|Infinity/);
  assert.ok(Number.isFinite(await readNumber(page, 'train-loss')));
  assert.ok(Number.isFinite(await readNumber(page, 'test-loss')));
  assert.ok(allFinite(await hook(page, 'weights')));
  assert.deepEqual(await hook(page, 'weights'), truth.weights);

  // Training stays stopped until the weights are taken back: Step changes nothing.
  await page.getByTestId('step').click();
  await nextFrames(page);
  assert.ok(await banner.isVisible());
  assert.equal((await hook(page, 'stats'))?.epoch, d.epoch - 1, 'Step trained a stopped run');
  assert.deepEqual(await hook(page, 'weights'), truth.weights, 'Step moved the weights of a stopped run');
  assert.deepEqual(errors, []);
  await context.close();
});

test('one click restores the last finite weights, and with a lower η training goes on', async () => {
  const { page, context, errors } = await openPage(env);
  await page.evaluate(() => window.__bp?.loadConfig({ dataset: 'plane', learningRate: 10 }));
  await page.evaluate(() => window.__bp?.play());
  await page.waitForFunction(() => window.__bp?.stats().stopped !== null, undefined, { timeout: 20_000 });
  await nextFrames(page);
  const kept = await hook(page, 'weights');
  const epoch = await readNumber(page, 'epoch');

  const restore = page.getByRole('button', { name: 'Restore last finite weights' });
  assert.ok(await restore.isVisible());
  assert.match(await restore.getAttribute('title') ?? '', /last weights whose loss is still a finite number/);
  await restore.click();
  await nextFrames(page);
  assert.ok(await page.locator('#status').isHidden(), 'the banner stayed');
  assert.ok(await restore.isHidden());
  assert.equal((await hook(page, 'stats')).stopped, null);
  assert.deepEqual(await hook(page, 'weights'), kept, 'restore changed the weights');
  assert.equal(await readNumber(page, 'epoch'), epoch);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'play', 'the focus was lost with the button');

  // Training goes on from them: one more step trains (and with η = 10 soon blows up again).
  await page.getByTestId('step').click();
  await nextFrames(page);
  const after = await hook(page, 'stats');
  assert.ok(after?.stopped?.kind === 'diverged' || (after?.epoch ?? 0) === epoch + 1, JSON.stringify(after));
  assert.ok(allFinite(await hook(page, 'weights')));

  // Lower η: the run carries on from its last finite weights (a training
  // setting never restarts it), the stop lifted; Reset starts it over with the
  // new η, and it trains without diverging.
  const held = (await hook(page, 'stats')).epoch;
  await page.getByLabel('Learning rate η', { exact: true }).selectOption('0.03');
  assert.equal((await hook(page, 'config'))?.learningRate, 0.03);
  assert.equal((await hook(page, 'stats')).epoch, held, 'η restarted the run');
  assert.equal((await hook(page, 'stats')).stopped, null, 'the divergence still holds the run');
  assert.ok(await page.locator('#status').isHidden());
  await page.getByTestId('reset').click();
  await page.getByTestId('play').click();
  await waitForEpoch(page, 20);
  await page.evaluate(() => window.__bp?.pause());
  await nextFrames(page);
  const stats = await hook(page, 'stats');
  assert.equal(stats?.stopped, null);
  assert.ok((stats?.trainLoss ?? Infinity) < 0.2, `loss ${stats?.trainLoss}`);
  assert.doesNotMatch(await allText(page), /NaN|Infinity/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the loss chart and the gradient-flow chart draw only the finite epochs of a diverged run', async () => {
  const { page, context, errors } = await openPage(env);
  await page.evaluate(() => window.__bp?.loadConfig({ dataset: 'plane', learningRate: 10 }));
  await page.evaluate(() => window.__bp?.play());
  await page.waitForFunction(() => window.__bp?.stats().stopped !== null, undefined, { timeout: 20_000 });
  await nextFrames(page);
  const epoch = await readNumber(page, 'epoch');
  assert.equal(await page.locator('#gradflow').getAttribute('data-epochs'), String(epoch));
  const values = await page.locator('.gradflow-value').allTextContents();
  assert.ok(values.every((v) => v !== '–' && !/NaN|Infinity/.test(v)), values.join(' '));
  /** @param {string} id */
  const readAtEnd = async (id) => {
    const chart = page.locator(`#${id}-chart`);
    const box = await chart.boundingBox();
    assert.ok(box);
    await chart.hover({ position: { x: box.width - 12, y: box.height / 2 } });
    return (await page.locator(`#${id}-readout`).textContent()) ?? '';
  };
  assert.match(await readAtEnd('loss'), new RegExp(`^Epoch ${epoch} · training loss \\S+e\\+\\d+ · test loss \\S+$`));
  assert.match(await readAtEnd('gradflow'), new RegExp(`^Epoch ${epoch} · x → h₁ `));
  assert.doesNotMatch(await allText(page), /NaN|Infinity/);
  assert.deepEqual(errors, []);
  await context.close();
});
