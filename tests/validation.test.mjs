// Test 6: out-of-range values are refused with a visible message that names the
// field, the typed value stays for the user to fix, and the previous valid
// network keeps running. Refusals by the core (new Playground throwing) show too.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hook, openPage, readNumber, setup, waitForEpoch } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @param {import('playwright-core').Page} page */
const runningConfig = (page) => hook(page, 'config');

test('out-of-range units and batch size are refused with a message; the network keeps running', async () => {
  const { page, context, errors } = await openPage(env);
  const original = await runningConfig(page);
  await page.getByTestId('play').click();
  await waitForEpoch(page, 5);

  const units = page.getByLabel('Layer 1', { exact: true });
  const hiddenMsg = page.locator('#hidden-msg');
  for (const typed of ['0', '1000']) {
    await units.fill(typed);
    await units.press('Enter');
    await assert.doesNotReject(hiddenMsg.waitFor({ state: 'visible' }));
    const text = await hiddenMsg.textContent();
    assert.match(text ?? '', new RegExp(`^Hidden layer 1: ${typed} is out of range; 1 to 32 units allowed`), `message for ${typed} units: "${text}"`);
    assert.equal(await units.getAttribute('aria-invalid'), 'true');
    assert.equal(await units.inputValue(), typed, 'the typed value was not kept');
    assert.deepEqual((await runningConfig(page))?.hidden, original?.hidden, `${typed} units changed the network`);
    assert.match(await page.locator('#announcer').textContent() ?? '', /Hidden layer 1: /, 'not announced');
  }

  // The previous network is still training, not rebuilt (its epoch keeps growing).
  const epoch = await readNumber(page, 'epoch');
  await waitForEpoch(page, epoch + 5);

  // Fixing the value clears the message and applies it.
  await units.fill('8');
  await units.press('Enter');
  await hiddenMsg.waitFor({ state: 'hidden' });
  assert.deepEqual((await runningConfig(page))?.hidden, [8, 2]);
  assert.equal(await units.getAttribute('aria-invalid'), null);

  // Batch size larger than the training set.
  const batch = page.getByLabel('Batch size');
  const batchMsg = page.locator('#batchSize-msg');
  await batch.fill('100000');
  await batch.blur();
  await batchMsg.waitFor({ state: 'visible' });
  assert.match(await batchMsg.textContent() ?? '', /^Batch size: 100000 is larger than the 250 training points/);
  assert.equal((await runningConfig(page))?.batchSize, original?.batchSize);

  // Another field's edit applies at once while the batch size is still
  // invalid, the batch size the user typed is not lost, and the run bar names it.
  const notice = page.getByTestId('refused-notice');
  await notice.waitFor({ state: 'visible' });
  assert.match(await notice.textContent() ?? '', /^Not applied: Batch size\b/);
  await page.getByTestId('dataset').selectOption('xor');
  assert.equal((await runningConfig(page))?.dataset, 'xor');
  assert.equal(await batch.inputValue(), '100000');
  assert.ok(await batchMsg.isVisible());
  assert.match(await notice.textContent() ?? '', /^Not applied: Batch size\b/);
  await notice.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'batch-size', 'the notice takes the focus to the field');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the layer count is refused outside 0–8; the +/− buttons stop at the limits', async () => {
  const { page, context, errors } = await openPage(env);
  const count = page.getByLabel('Number of hidden layers');
  await count.fill('9');
  await count.press('Enter');
  await page.locator('#hidden-msg').waitFor({ state: 'visible' });
  assert.match(await page.locator('#hidden-msg').textContent() ?? '', /Hidden layers: 9 is out of range; 0 to 8 hidden layers allowed/);
  assert.deepEqual((await runningConfig(page))?.hidden, [4, 2]);

  await count.fill('0');
  await count.press('Enter');
  assert.deepEqual((await runningConfig(page))?.hidden, []);
  assert.ok(await page.getByRole('button', { name: 'Remove a hidden layer' }).isDisabled());
  const add = page.getByRole('button', { name: 'Add a hidden layer' });
  for (let i = 0; i < 8; i += 1) await add.click();
  assert.equal((await runningConfig(page))?.hidden.length, 8);
  assert.ok(await add.isDisabled());
  assert.deepEqual(errors, []);
  await context.close();
});

test('a config the core refuses shows its message; the previous network stays', async () => {
  const { page, context, errors } = await openPage(env);
  // 250 is valid with 50 % of 500 points for training …
  const batch = page.getByLabel('Batch size');
  await batch.fill('250');
  await batch.blur();
  assert.equal((await runningConfig(page))?.batchSize, 250);
  // … but not with 10 %: the page cannot know the new training set's size,
  // the core refuses, and its message lands next to the batch size.
  await page.locator('#train-ratio').fill('10');
  const batchMsg = page.locator('#batchSize-msg');
  await batchMsg.waitFor({ state: 'visible' });
  assert.match(await batchMsg.textContent() ?? '', /^Batch size: batchSize = 250 is out of range/);
  const config = await runningConfig(page);
  assert.equal(config?.trainRatio, 50);
  assert.equal(config?.batchSize, 250);
  assert.equal(await page.locator('#train-ratio').inputValue(), '10', 'the chosen ratio was not kept');

  // Scripts get the core's error too, and see it on the page.
  const thrown = await page.evaluate(() => {
    try {
      window.__bp?.loadConfig({ hidden: [4, 0] });
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  });
  assert.match(thrown ?? '', /hidden\[1\] = 0 units is out of range/);
  assert.match(await page.locator('#hidden-msg').textContent() ?? '', /^Hidden layers: hidden\[1\] = 0 units/);
  assert.equal((await runningConfig(page))?.batchSize, 250);
  assert.deepEqual(errors, []);
  await context.close();
});
