// Drawing data on the main plot (www/js/controls/draw.js): adding, moving and erasing
// examples with the mouse, by touch and from the keyboard; the run is rebuilt
// on the drawn examples and trains on them; a refusal keeps the run's data.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { boundaryClassAt, hook, openPage, setup, waitForEpoch } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */

/** @param {Page} page */
const config = (page) => hook(page, 'config');

/**
 * Page coordinates of the data point (x1, x2) on the plot.
 * @param {Page} page
 * @param {number} x1
 * @param {number} x2
 */
async function at(page, x1, x2) {
  await page.getByTestId('boundary').scrollIntoViewIfNeeded();
  const box = await page.getByTestId('boundary').boundingBox();
  if (!box) throw new Error('the plot is not visible');
  return { x: box.x + ((x1 + 6) / 12) * box.width, y: box.y + ((6 - x2) / 12) * box.height };
}

/**
 * Whether a drawn example lies within 0.15 of (x1, x2) with this label.
 * @param {{ x1: number, x2: number, label: number }} p
 * @param {number} x1 @param {number} x2 @param {number} label
 */
const near = (p, x1, x2, label) => Math.abs(p.x1 - x1) < 0.15 && Math.abs(p.x2 - x2) < 0.15 && p.label === label;

/** @param {Page} page @param {number} x1 @param {number} x2 */
async function click(page, x1, x2, options = {}) {
  const { x, y } = await at(page, x1, x2);
  await page.mouse.click(x, y, options);
}

test('mouse: add examples of a class, drag one, erase with the tool and a right-click; the run trains on them', async () => {
  const { page, context, errors } = await openPage(env);
  await page.evaluate(() => window.__bp?.loadConfig({ dataset: 'circle', hidden: [4], learningRate: 0.3, seed: 1, dataSeed: 1 }));
  await page.getByTestId('draw-toggle').click();
  assert.equal(await page.getByTestId('draw-toggle').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('boundary').evaluate((c) => getComputedStyle(c).touchAction), 'none');
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.locator('#draw-msg', { hasText: 'Empty plane' }).waitFor();

  // Class 0 on the left, class 1 on the right. One example is not a run yet.
  await page.getByLabel('Class 0').check();
  await click(page, -3, 3);
  await page.locator('#draw-msg', { hasText: 'One example' }).waitFor();
  assert.equal((await config(page)).dataset, 'circle', 'one example replaced the run');
  await click(page, -3, -3);
  let c = await config(page);
  assert.equal(c.dataset, 'custom');
  assert.equal(c.customProblem, 'classification');
  assert.equal(c.customPoints.length, 2);
  assert.ok(near(c.customPoints[0], -3, 3, 0) && near(c.customPoints[1], -3, -3, 0), JSON.stringify(c.customPoints));
  // Two examples make one training batch: the batch size follows, and says so.
  assert.equal(c.batchSize, 1);
  assert.match(await page.locator('#draw-msg').textContent() ?? '', /Batch size is now 1/);
  await click(page, -4.5, 0);
  await page.getByLabel('Class 1').check();
  for (const [x1, x2] of [[3, 3], [3, -3], [4.5, 0], [2, 5]]) await click(page, x1, x2);
  c = await config(page);
  assert.equal(c.customPoints.length, 7);
  assert.ok(near(c.customPoints[6], 2, 5, 1));
  assert.deepEqual(c.customPoints.map((p) => p.label), [0, 0, 0, 1, 1, 1, 1]);

  // Drag (2, 5) to (4, 1.5).
  const from = await at(page, 2, 5);
  const to = await at(page, 4, 1.5);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  c = await config(page);
  assert.equal(c.customPoints.length, 7);
  assert.ok(near(c.customPoints[6], 4, 1.5, 1), JSON.stringify(c.customPoints[6]));

  // The eraser takes the example clicked; a right-click removes one with any tool.
  await page.getByLabel('Erase').check();
  await click(page, 4, 1.5);
  assert.equal((await config(page)).customPoints.length, 6);
  await page.getByLabel('Add / move').check();
  await click(page, 3, 3, { button: 'right' });
  c = await config(page);
  assert.equal(c.customPoints.length, 5);
  assert.ok(!c.customPoints.some((p) => near(p, 3, 3, 1)), JSON.stringify(c.customPoints));
  const drawn = c.customPoints;

  // The run's data is the drawn examples, and it learns them: left orange, right blue.
  const points = await page.evaluate(() => window.__bp?.points() ?? []);
  assert.equal(points.length, 4 * drawn.length);
  drawn.forEach((p, i) => assert.deepEqual(points.slice(4 * i, 4 * i + 3), [p.x1, p.x2, p.label]));
  await page.getByLabel('Speed').selectOption('10');
  await page.evaluate(() => window.__bp?.play());
  await waitForEpoch(page, 300);
  await page.evaluate(() => window.__bp?.pause());
  assert.equal((await boundaryClassAt(page, -4, 0)).verdict, 'negative');
  assert.equal((await boundaryClassAt(page, 4, 0)).verdict, 'positive');
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard: the cursor moves with the arrows, Enter adds and Delete removes', async () => {
  const { page, context, errors } = await openPage(env);
  await page.getByTestId('draw-toggle').click();
  await page.getByRole('button', { name: 'Clear' }).click();
  const plot = page.getByTestId('boundary');
  await plot.focus();
  assert.equal(await plot.getAttribute('role'), 'application');
  await page.getByLabel('Class 2').check();
  await plot.focus();
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowUp']) await plot.press(key);
  await plot.press('Enter');
  for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft']) await plot.press(key);
  await plot.press('Enter');
  let c = await config(page);
  assert.equal(c.dataset, 'custom');
  assert.deepEqual(c.customPoints, [{ x1: 1, x2: 0.5, label: 2 }, { x1: -1, x2: 0.5, label: 2 }]);
  await plot.press('Shift+ArrowDown');
  await plot.press('Enter');
  await plot.press('Delete');
  c = await config(page);
  assert.equal(c.customPoints.length, 2, 'Delete removes the example at the cursor');
  // Leaving draw mode gives the plot back its picture role.
  await page.getByTestId('draw-toggle').click();
  assert.equal(await plot.getAttribute('role'), 'img');
  assert.equal(await plot.getAttribute('tabindex'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('touch: a tap adds, a drag moves without scrolling the page', async () => {
  const { page, context, errors } = await openPage(env, { viewport: { width: 390, height: 844 }, hasTouch: true });
  await page.getByTestId('draw-toggle').tap();
  await page.getByRole('button', { name: 'Clear' }).tap();
  // Put the plot mid-screen with room to scroll both ways.
  await page.evaluate(() => {
    const box = document.querySelector('[data-testid=boundary]')?.getBoundingClientRect();
    if (box) window.scrollBy(0, box.top - 150);
  });
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 0);

  for (const [x1, x2] of [[-2, 2], [2, -2], [0, 4]]) {
    const p = await at(page, x1, x2);
    await page.touchscreen.tap(p.x, p.y);
  }
  let c = await config(page);
  assert.equal(c.customPoints.length, 3);
  assert.ok(near(c.customPoints[2], 0, 4, 1), JSON.stringify(c.customPoints));

  // A finger drag from (0, 4) down to (0, −4): the example moves, the page stays.
  const cdp = await context.newCDPSession(page);
  const start = await at(page, 0, 4);
  const end = await at(page, 0, -4);
  const touch = (/** @type {string} */ type, /** @type {{ x: number, y: number }[]} */ points) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p) => ({ x: p.x, y: p.y })) });
  await touch('touchStart', [start]);
  for (let i = 1; i <= 10; i += 1) {
    await touch('touchMove', [{ x: start.x, y: start.y + ((end.y - start.y) * i) / 10 }]);
  }
  await touch('touchEnd', []);
  await page.waitForFunction(() => {
    const p = window.__bp?.config().customPoints[2];
    return p !== undefined && p.x2 < -3.5;
  });
  c = await config(page);
  assert.ok(near(c.customPoints[2], 0, -4, 1), JSON.stringify(c.customPoints[2]));
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the drag scrolled the page');
  assert.deepEqual(errors, []);
  await context.close();
});

test('picking Custom starts from the current data; a refused edit keeps the run', async () => {
  const { page, context, errors } = await openPage(env);
  await page.getByTestId('dataset').selectOption('custom');
  let c = await config(page);
  assert.equal(c.dataset, 'custom');
  assert.equal(c.customPoints.length, 500, 'the circle examples were copied');
  assert.equal(await page.getByTestId('draw-toggle').getAttribute('aria-pressed'), 'true');

  // 5000 examples is the most a run takes: a 5001st is refused by the core.
  await page.evaluate(() => window.__bp?.loadConfig({ dataset: 'circle', numPoints: 5000 }));
  await click(page, 0, 3); // in the empty ring between the circle's classes
  const msg = page.locator('#draw-msg', { hasText: 'Not applied' });
  await msg.waitFor();
  assert.match(await msg.textContent() ?? '', /customPoints has 5001 points, which is out of range: 2 to 5000/);
  c = await config(page);
  assert.equal(c.dataset, 'circle');
  assert.equal(c.numPoints, 5000);
  assert.deepEqual(errors, []);
  await context.close();
});
