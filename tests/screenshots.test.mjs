// Screenshots at the three sizes the page must work at, for a person to look at:
// tests/artifacts/page.png (1280×800 desktop), phone.png (390×844) and
// iframe.png (the page inside a 960×540 iframe), plus page-dark.png.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { artifactPath, openPage, setup, waitForEpoch, waitReady } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/**
 * Trains `epochs` epochs through the page's own play button, then pauses.
 * @param {import('playwright-core').Page} page
 */
async function trainSome(page, epochs) {
  await page.getByTestId('play').click();
  await waitForEpoch(page, epochs);
  await page.getByTestId('play').click();
}

test('desktop screenshot at 1280×800 after some training', async () => {
  const { page, context, errors } = await openPage(env, { viewport: { width: 1280, height: 800 } });
  await page.getByTestId('dataset').selectOption('xor');
  await trainSome(page, 120);
  const file = await artifactPath('page.png');
  await page.screenshot({ path: file });
  // Everything a student needs is on the first screen, side by side.
  const box = await page.getByTestId('boundary').boundingBox();
  assert.ok(box && box.y + box.height <= 800, `canvas bottom ${box && box.y + box.height} is below the fold`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('dark-mode screenshot at 1280×800', async () => {
  const { page, context, errors } = await openPage(env, { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  await page.getByTestId('dataset').selectOption('spiral');
  await trainSome(page, 60);
  await page.screenshot({ path: await artifactPath('page-dark.png') });
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(bg, 'rgb(244, 246, 249)', 'dark mode keeps the light background');
  assert.deepEqual(errors, []);
  await context.close();
});

test('phone screenshot at 390×844: nothing overflows sideways', async () => {
  const { page, context, errors } = await openPage(env, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await trainSome(page, 60);
  await page.screenshot({ path: await artifactPath('phone.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('inside a 960×540 iframe: three columns, nothing overflows sideways', async () => {
  const context = await env.browser.newContext({ viewport: { width: 960, height: 540 } });
  const page = await context.newPage();
  await page.setContent(
    `<!doctype html><body style="margin:0"><iframe src="${env.baseUrl}" title="Backprop Playground" style="display:block;border:0;width:960px;height:540px"></iframe></body>`,
  );
  const frame = page.frames().find((f) => f !== page.mainFrame());
  assert.ok(frame, 'the iframe did not load');
  await waitReady(frame);
  await frame.getByTestId('play').click();
  await frame.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 60);
  await frame.getByTestId('play').click();
  await page.screenshot({ path: await artifactPath('iframe.png') });
  const layout = await frame.evaluate(() => {
    const top = (/** @type {string} */ sel) => document.querySelector(sel)?.getBoundingClientRect().top ?? -1;
    return {
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      canvasWidth: document.querySelector('[data-testid=boundary]')?.getBoundingClientRect().width ?? 0,
      tops: [top('.panel-data'), top('.panel-network')],
      lefts: ['.panel-data', '.panel-network', '.panel-output'].map((sel) => document.querySelector(sel)?.getBoundingClientRect().left ?? -1),
      // Lowest bottom edge of what a student watches while training.
      outputBottom: Math.max(...['[data-testid=boundary]', '[data-testid=play]', '[data-testid=train-loss]', '[data-testid=test-loss]']
        .map((sel) => document.querySelector(sel)?.getBoundingClientRect().bottom ?? Infinity)),
    };
  });
  assert.ok(layout.overflow <= 0, `page is ${layout.overflow}px wider than the iframe`);
  assert.ok(layout.canvasWidth >= 400, `canvas is ${layout.canvasWidth}px wide`);
  // Data | network | output: the first two side by side under the run bar, the
  // output in a third column to their right.
  assert.equal(new Set(layout.tops).size, 1, `data and network are not side by side: tops ${layout.tops}`);
  assert.ok(layout.lefts[0] < layout.lefts[1] && layout.lefts[1] < layout.lefts[2], `not three columns: lefts ${layout.lefts}`);
  assert.ok(layout.outputBottom <= 540, `canvas, play button or losses end at ${layout.outputBottom}px, below the iframe`);
  await context.close();
});
