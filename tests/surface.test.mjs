// The loss surface (www/js/output/surface.js, computed by the engine in
// app/engine-surface.js): opened, it maps the training loss around the run
// with the run at its centre and its loss the run's; training draws a path
// away from the centre, and pausing centres the plane on the run again; a
// click moves the run to the point clicked.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickLink } from './diagram.mjs';
import { hook, openPage, settle, setup, trainConfig } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */

/**
 * The readout once the surface is computed: the run's (u, v) and loss.
 * @param {Page} page
 */
async function runReadout(page) {
  const readout = page.locator('#surface .surface-readout');
  await page.waitForFunction(() => {
    const text = document.querySelector('#surface .surface-readout')?.textContent ?? '';
    return text.startsWith('The run:') && !text.includes('computing');
  });
  const text = (await readout.textContent()) ?? '';
  const match = text.match(/^The run: u = (−?\d+\.\d+), v = (−?\d+\.\d+): L = (\d+(?:\.\d+)?)/);
  assert.ok(match, `the readout says "${text}"`);
  const number = (/** @type {string} */ s) => Number(s.replace('−', '-'));
  return { u: number(match[1]), v: number(match[2]), loss: number(match[3]) };
}

test('opened, the surface has the run at its centre with the run\'s loss, and training draws its path', async () => {
  const { page, context, errors } = await openPage(env);
  await trainConfig(page, { dataset: 'xor', hidden: [4], learningRate: 0.1 }, 30);
  await page.click('#surface summary');
  await page.locator('#surface').scrollIntoViewIfNeeded();
  const atStart = await runReadout(page);
  assert.deepEqual([atStart.u, atStart.v], [0, 0]);
  const stats = await hook(page, 'stats');
  assert.equal(atStart.loss.toFixed(4), stats.trainLoss.toFixed(4), 'the centre is the run\'s training loss');
  // The map is drawn: opaque pixels at its centre.
  const alpha = await page.evaluate(() => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('#surface-map'));
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    return ctx.getImageData(Math.floor(canvas.width / 3), Math.floor(canvas.height / 3), 1, 1).data[3];
  });
  assert.equal(alpha, 255);
  // Training moves the run across the plane, away from the weights the plane goes through.
  await page.evaluate(() => window.__bp?.play());
  await page.waitForFunction(() => (document.querySelector('#surface .surface-readout')?.textContent ?? '').includes('the run itself'));
  const text = (await page.locator('#surface .surface-readout').textContent()) ?? '';
  assert.match(text, /^The run: u = −?\d+\.\d+, v = −?\d+\.\d+: L = [\d.]+ on the plane through epoch \d+'s weights; the run itself: L = [\d.]+/);
  // Paused, the plane moves to the run: it is the centre again, and the map there is its loss.
  await page.evaluate(() => window.__bp?.pause());
  await settle(page);
  await page.waitForFunction(() => (document.querySelector('#surface .surface-readout')?.textContent ?? '').startsWith('The run: u = 0.00, v = 0.00'));
  const centred = await runReadout(page);
  const trained = await hook(page, 'stats');
  assert.ok(trained.epoch > 30);
  assert.equal(centred.loss.toFixed(4), trained.trainLoss.toFixed(4));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a click on the map offers to move the run there, and Move does', async () => {
  const { page, context, errors } = await openPage(env);
  await trainConfig(page, { dataset: 'xor', hidden: [4], learningRate: 0.1 }, 20);
  await page.click('#surface summary');
  await page.locator('#surface').scrollIntoViewIfNeeded();
  const centre = await runReadout(page);
  const before = await hook(page, 'weights');
  const box = await page.locator('#surface-map').boundingBox();
  assert.ok(box);
  // Three quarters of the way right and a quarter down: u > 0, v > 0.
  await page.mouse.click(box.x + 0.75 * box.width, box.y + 0.25 * box.height);
  const offer = (await page.locator('#surface .surface-confirm-text').textContent()) ?? '';
  assert.match(offer, /^Move the run to u = [\d.]+, v = [\d.]+: L = [\d.]+\? This sets every weight\.$/);
  await page.click('#surface .surface-move');
  // Moving asks the engine for the weights there first: wait for the run to leave the centre.
  await page.waitForFunction(() => !(document.querySelector('#surface .surface-readout')?.textContent ?? '').startsWith('The run: u = 0.00, v = 0.00'));
  await settle(page);
  const moved = await runReadout(page);
  assert.ok(moved.loss !== centre.loss);
  const wanted = offer.match(/u = ([\d.]+), v = ([\d.]+)/);
  assert.ok(wanted);
  assert.ok(Math.abs(moved.u - Number(wanted[1])) <= 0.011 && Math.abs(moved.v - Number(wanted[2])) <= 0.011,
    `the run is at (${moved.u}, ${moved.v}), the offer was (${wanted[1]}, ${wanted[2]})`);
  assert.notDeepEqual(await hook(page, 'weights'), before, 'the weights did not change');
  assert.equal(await page.locator('#surface .surface-confirm').isHidden(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two weights pinned from the diagram become the axes: the run sits where those weights are', async () => {
  const { page, context, errors } = await openPage(env);
  await trainConfig(page, { dataset: 'xor', hidden: [4], learningRate: 0.1 }, 20);
  // w from x₁ to the first hidden unit, then the bias of the output.
  await clickLink(page, '0,0,0');
  await page.click('.nv-editor-axis >> text=Axis u');
  assert.equal(await page.locator('#surface').evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open), true, 'pinning opens the surface');
  assert.match(await page.locator('#surface .surface-axes').textContent() ?? '', /^Axis u = w from x₁ to h₁,₁; pin another weight as axis v/);
  await page.locator('[data-bias="1,0"]').click();
  await page.click('.nv-editor-axis >> text=Axis v');
  assert.equal(await page.locator('#surface .surface-axes').textContent(), 'Axes: u = w from x₁ to h₁,₁, v = Bias w₀ of ŷ.');
  assert.equal(await page.locator('#surface .surface-directions').textContent(), 'Random directions');
  const centre = await runReadout(page);
  assert.deepEqual([centre.u, centre.v], [0, 0]);
  // Along two weights, the plane's point (u, v) is those weights moved by u
  // and v: a click offers it, and Move sets exactly those two.
  const before = await hook(page, 'weights');
  const box = await page.locator('#surface-map').boundingBox();
  assert.ok(box);
  await page.mouse.click(box.x + 0.75 * box.width, box.y + 0.5 * box.height);
  const offer = (await page.locator('#surface .surface-confirm-text').textContent()) ?? '';
  const u = Number(offer.match(/u = (−?[\d.]+)/)?.[1].replace('−', '-'));
  await page.click('#surface .surface-move');
  await page.waitForFunction(() => !(document.querySelector('#surface .surface-readout')?.textContent ?? '').startsWith('The run: u = 0.00, v = 0.00'));
  const after = await hook(page, 'weights');
  const moved = after.layers[0].weights[0][0] - before.layers[0].weights[0][0];
  assert.ok(Math.abs(moved - u) <= 0.005 + 1e-9, `w moved by ${moved}, the offer said u = ${u} (to two decimals)`);
  assert.equal(after.layers[0].weights[1][0], before.layers[0].weights[1][0], 'another weight moved');
  // Unpinned: two random directions again.
  await page.click('#surface .surface-directions');
  assert.match(await page.locator('#surface .surface-axes').textContent() ?? '', /^Axes: two random directions/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('embedded with show=surface, the surface is open and computed', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#v=1&embed=1&show=controls,surface,loss&dataset=xor&hidden=4', viewport: { width: 960, height: 540 } });
  assert.equal(await page.locator('.embed-part[data-part="surface"] #surface').evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open), true);
  const centre = await runReadout(page);
  assert.deepEqual([centre.u, centre.v], [0, 0]);
  // Below the run bar, the map and its readout fit the card: nothing runs off the slide.
  const map = await page.locator('#surface-map').boundingBox();
  const readout = await page.locator('#surface .surface-readout').boundingBox();
  assert.ok(map && map.width > 150, `the map is ${JSON.stringify(map)}`);
  assert.ok(readout && readout.y + readout.height <= 540, `the readout ends at ${readout && readout.y + readout.height}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the link keeps the surface: open, its axes and its seed, and a link opens it as it was', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#v=1&dataset=xor&hidden=4' });
  await clickLink(page, '0,0,0');
  await page.click('.nv-editor-axis >> text=Axis u');
  await page.locator('[data-bias="1,0"]').click();
  await page.click('.nv-editor-axis >> text=Axis v');
  // w from x₁ to h₁,₁ is weight 0; the output's bias is the last of (2 + 1)·4 + (4 + 1)·1.
  await page.waitForFunction(() => location.hash.includes('surfaceAxes=0,16'));
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /(^|&)surface=true(&|$)/);
  await context.close();

  const again = await openPage(env, { hash });
  assert.equal(await again.page.locator('#surface').evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open), true);
  assert.equal(await again.page.locator('#surface .surface-axes').textContent(), 'Axes: u = w from x₁ to h₁,₁, v = Bias w₀ of ŷ.');
  const centre = await runReadout(again.page);
  assert.deepEqual([centre.u, centre.v], [0, 0]);
  // Axes this network does not have are said, and the directions are random.
  await again.page.evaluate(() => { location.hash = '#v=1&dataset=xor&hidden=4&surface=true&surfaceAxes=0,999'; });
  await again.page.locator('#surface .surface-axes', { hasText: 'weight 999, which this network does not have' }).waitFor();
  assert.deepEqual([...errors, ...again.errors], []);
  await again.context.close();
});
