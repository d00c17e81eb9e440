// Changes during a run, as a student makes them: a refused value in one field
// never holds back the others, and a training setting (η) carries the run on
// while a change of data or shape starts over and says so.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { canvasHash, hook, nextFrames, openPage, readNumber, setup, trainTo } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @param {import('playwright-core').Page} page */
const runningConfig = (page) => hook(page, 'config');

test('a refused jitter σ does not hold back XOR and η = 0.1 chosen in the run bar', async () => {
  const { page, context, errors } = await openPage(env);
  const jitter = page.locator('#jitter');
  await jitter.fill('5');
  await jitter.press('Enter');
  await page.locator('#jitter-msg').waitFor({ state: 'visible' });
  const notice = page.getByTestId('refused-notice');
  await notice.waitFor({ state: 'visible' });
  assert.match(await notice.textContent() ?? '', /^Not applied: Jitter σ\./);

  const before = await canvasHash(page);
  await page.getByTestId('dataset').selectOption('xor');
  await page.locator('#learning-rate').selectOption('0.1');
  await nextFrames(page);
  const config = await runningConfig(page);
  assert.equal(config?.dataset, 'xor', 'the dataset did not change');
  assert.equal(config?.learningRate, 0.1, 'η did not change');
  assert.equal(config?.jitter, 0, 'the refused jitter was applied');
  assert.equal(await page.locator('#eta-now').textContent(), '0.1', 'η now shows the old η');
  assert.notEqual(await canvasHash(page), before, 'the plot still shows the circle');
  // What the student typed is still there, with its message and the notice.
  assert.equal(await jitter.inputValue(), '5');
  assert.equal(await jitter.getAttribute('aria-invalid'), 'true');
  assert.ok(await page.locator('#jitter-msg').isVisible());
  assert.match(await notice.textContent() ?? '', /^Not applied: Jitter σ\./);

  await notice.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'jitter', 'the notice takes the focus to the field');
  await jitter.fill('0.2');
  await jitter.press('Enter');
  await notice.waitFor({ state: 'hidden' });
  assert.equal((await runningConfig(page))?.jitter, 0.2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('lowering η carries the run on; a new dataset starts over and says so', async () => {
  const { page, context, errors } = await openPage(env);
  const trained = await trainTo(page, 30);
  const weights = await page.evaluate(() => Array.from(window.__bp?.weights() ?? []));

  await page.locator('#learning-rate').selectOption('0.01');
  await nextFrames(page);
  assert.equal(await readNumber(page, 'epoch'), trained, 'η restarted the run');
  assert.deepEqual(await page.evaluate(() => Array.from(window.__bp?.weights() ?? [])), weights, 'the weights changed');
  assert.equal(await page.locator('#eta-now').textContent(), '0.01');
  assert.ok(await page.locator('#status').isHidden(), 'a continued run needs no notice');
  // It trains on from there.
  await page.getByTestId('step').click();
  assert.equal(await readNumber(page, 'epoch'), trained + 1);

  await page.getByTestId('dataset').selectOption('xor');
  await nextFrames(page);
  assert.equal(await readNumber(page, 'epoch'), 0);
  const status = page.locator('#status');
  assert.ok(await status.isVisible(), 'nothing said the run started over');
  assert.match(await status.textContent() ?? '', /Started over at epoch 0 after \d+ epochs: Dataset changed/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('changes made before the page has drawn the first one: the page shows the last, and the old diagram until then', async () => {
  const { page, context, errors } = await openPage(env);
  const counts = await page.evaluate(async () => {
    const bp = /** @type {NonNullable<Window['__bp']>} */ (window.__bp);
    const units = () => document.querySelectorAll('.nv-node[data-node]').length;
    const before = units();
    // Two changes in one task: only the second is built.
    bp.loadConfig({ dataset: 'xor', hidden: [5] });
    bp.loadConfig({ dataset: 'gauss', hidden: [6, 3] });
    const sameTask = units();
    // A third as soon as the second's elements are built, before they are drawn.
    await new Promise((done) => {
      const watch = new MutationObserver(() => {
        if (units() === before) return;
        watch.disconnect();
        bp.loadConfig({ dataset: 'spiral', hidden: [7] });
        done(undefined);
      });
      watch.observe(document.body, { childList: true, subtree: true });
    });
    await new Promise((done) => {
      const check = () => (bp.settled() ? done(undefined) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
    return { before, sameTask, after: units(), config: bp.config(), epoch: bp.stats().epoch, loss: bp.stats().trainLoss };
  });
  // The default run's hidden layers (4 + 2) give way to the last run's 7.
  assert.equal(counts.sameTask, counts.before, 'the old diagram is replaced in the change\'s own task');
  assert.equal(counts.config.dataset, 'spiral');
  assert.deepEqual(counts.config.hidden, [7]);
  assert.equal(counts.after, counts.before - 6 + 7, 'the diagram is not the last run\'s');
  assert.equal(counts.epoch, 0);
  assert.ok(Number.isFinite(counts.loss), `the last run's loss is ${counts.loss}`);
  assert.deepEqual(errors, []);
  await context.close();
});
