// Test 4: choosing another dataset rebuilds the network and redraws.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { canvasHash, openPage, readNumber, setup } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('changing the dataset redraws the boundary and resets the epoch to 0', async () => {
  const { page, context, errors } = await openPage(env);
  for (let i = 0; i < 3; i += 1) await page.getByTestId('step').click();
  assert.equal(await readNumber(page, 'epoch'), 3);
  const seen = new Set([await canvasHash(page)]);

  for (const dataset of ['xor', 'spiral', 'plane', 'multiGauss', 'gauss']) {
    await page.getByTestId('dataset').selectOption(dataset);
    assert.equal(await readNumber(page, 'epoch'), 0, `epoch after choosing ${dataset}`);
    assert.equal(await page.evaluate(() => window.__bp?.config().dataset), dataset);
    const hash = await canvasHash(page);
    assert.ok(!seen.has(hash), `the canvas did not change for ${dataset}`);
    seen.add(hash);
    await page.getByTestId('step').click();
  }

  // Regression has no accuracy, classification has; the readouts follow.
  await page.getByTestId('dataset').selectOption('plane');
  assert.equal(await page.locator('#train-accuracy-readout').isVisible(), false);
  await page.getByTestId('dataset').selectOption('circle');
  assert.equal(await page.locator('#train-accuracy-readout').isVisible(), true);
  assert.deepEqual(errors, []);
  await context.close();
});
