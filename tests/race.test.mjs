// The race (www/js/output/race.js, app/race-client.js, app/engine-lane.js;
// crate/src/race.rs): started from the panel, every lane trains in its own
// worker and the legend names what each changes; the curves and the
// decision boundaries are drawn; a race link gives the same race bit for bit
// at any speed, and its unchanged lane is the plain run, weight for weight;
// lanes are edited with controls built from the schema, and the link
// follows; embedded with show=race and autoplay, the race runs by itself.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hook, openPage, settle, setup } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */

/** SGD, momentum and Adam on the spiral, 60 epochs; the run stops at 60 too. */
const RACE = 'v=1&dataset=spiral&features=x1,x2,x1Sq,x2Sq,x1x2,sinX1,sinX2&hidden=8,8&maxEpochs=60'
  + '&race=3&raceEpochs=60&lane2.optimizer=momentum&lane3.learningRate=0.01&lane3.optimizer=adam';

/** @param {Page} page */
async function startAndFinish(page) {
  await page.getByTestId('race-start').click();
  await page.waitForFunction(() => window.__bp?.race().finished, null, { timeout: 60_000 }).catch(async (err) => {
    const state = await page.evaluate(() => ({
      message: document.querySelector('#race .race-msg')?.textContent,
      race: window.__bp?.race().lanes.map((l) => [l?.stats?.epoch, l?.stats?.stopped?.kind, l?.epochsPerSecond]),
    }));
    throw new Error(`${err.message}: ${JSON.stringify(state)}`);
  });
  // The last reports drawn.
  await page.waitForFunction(() => (document.querySelector('#race .race-readout')?.textContent ?? '').startsWith('Finished'));
  return page.evaluate(() => window.__bp?.race());
}

/**
 * How many pixels of the race chart are near each colour.
 * @param {Page} page
 * @param {string[]} colours  #rrggbb
 */
function pixelsNear(page, colours) {
  return page.evaluate((hexes) => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('#race-chart'));
    const { data } = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d')).getImageData(0, 0, canvas.width, canvas.height);
    const rgb = hexes.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
    const counts = rgb.map(() => 0);
    for (let p = 0; p < data.length; p += 4) {
      if (data[p + 3] < 200) continue;
      rgb.forEach(([r, g, b], k) => {
        if (Math.abs(data[p] - r) + Math.abs(data[p + 1] - g) + Math.abs(data[p + 2] - b) < 40) counts[k] += 1;
      });
    }
    return counts;
  }, colours);
}

test('a race started from the panel names each lane by what differs and draws its curves and boundary', async () => {
  const { page, context, errors } = await openPage(env, { hash: `#${RACE}&speed=100` });
  // A link with a race opens the panel.
  assert.equal(await page.locator('#race').evaluate((el) => /** @type {HTMLDetailsElement} */ (el).open), true);
  await page.locator('#race').scrollIntoViewIfNeeded();
  // Before the start every lane shows where it starts: the run's own map, the same in each.
  const thumbs = () => page.locator('#race .race-thumb').evaluateAll((canvases) => canvases.map((c) => {
    const { data } = /** @type {CanvasRenderingContext2D} */ (/** @type {HTMLCanvasElement} */ (c).getContext('2d')).getImageData(0, 0, /** @type {HTMLCanvasElement} */ (c).width, /** @type {HTMLCanvasElement} */ (c).height);
    let painted = 0;
    for (let p = 3; p < data.length; p += 4) if (data[p] > 0) painted += 1;
    return { painted, pixels: Array.from(data.subarray(0, 400)).join() };
  }));
  await page.waitForFunction(() => Array.from(document.querySelectorAll('#race .race-thumb')).every((c) => /** @type {HTMLCanvasElement} */ (c).width === 48));
  const before = await thumbs();
  assert.equal(before.length, 3);
  assert.ok(before.every((t) => t.painted === 48 * 48), `lanes not painted before the start: ${before.map((t) => t.painted)}`);
  assert.ok(before.every((t) => t.pixels === before[0].pixels), 'the lanes start from different maps');
  const race = await startAndFinish(page);
  const legends = await page.locator('#race .race-lane-legend').allTextContents();
  assert.deepEqual(legends, ['SGD, η = 0.03', 'Momentum, η = 0.03', 'Adam, η = 0.01']);
  assert.deepEqual(race?.legends, legends);
  assert.deepEqual(race?.lanes.map((l) => l?.stats?.epoch), [60, 60, 60]);
  // Each card says where its lane got to and whether it reached L.
  for (const text of await page.locator('#race .race-lane-readout').allTextContents()) {
    assert.match(text, /^Training loss [\d.e+−-]+ · test [\d.e+−-]+\n(Reached L = 0\.05 at epoch \d+|Not yet at L = 0\.05)$/);
  }
  assert.match((await page.locator('#race .race-readout').textContent()) ?? '', /^Finished at epoch 60: (lane \d reached L = 0\.05 first, at epoch \d+|no lane reached L = 0\.05)\.$/);
  // Every lane's curves are on the chart, in its colour.
  const colours = await page.locator('#race').evaluate((el) => [1, 2, 3].map((k) => getComputedStyle(el).getPropertyValue(`--race-${k}`).trim()));
  const counts = await pixelsNear(page, colours);
  for (const [k, n] of counts.entries()) assert.ok(n > 50, `lane ${k + 1}'s colour ${colours[k]}: ${n} pixels`);
  // And each lane's decision boundary is painted.
  const painted = await page.locator('#race .race-thumb').evaluateAll((els) => els.map((el) => {
    const canvas = /** @type {HTMLCanvasElement} */ (el);
    const { data } = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d')).getImageData(0, 0, canvas.width, canvas.height);
    let opaque = 0;
    for (let p = 3; p < data.length; p += 4) if (data[p] === 255) opaque += 1;
    return opaque / (data.length / 4);
  }));
  assert.deepEqual(painted, [1, 1, 1]);
  // Starting the race paused the run: the lanes have the cores.
  assert.equal((await hook(page, 'stats')).epoch, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a race link reproduces the race bit for bit at any speed, and its unchanged lane is the plain run', async () => {
  /** @type {any[][]} */
  const runs = [];
  for (const speed of [100, 1]) {
    const { page, context, errors } = await openPage(env, { hash: `#${RACE}&speed=${speed}` });
    const race = await startAndFinish(page);
    runs.push(/** @type {any[]} */ (race?.lanes).map((l) => ({ history: Array.from(l.history), weights: Array.from(l.weights) })));
    if (speed === 1) {
      // The run itself, trained to the same 60 epochs (its own limit).
      await page.evaluate(() => window.__bp?.play());
      await page.waitForFunction(() => window.__bp?.stats().stopped?.kind === 'maxEpochs');
      await settle(page);
      const weights = await page.evaluate(() => window.__bp?.flatWeights());
      assert.deepEqual(runs[1][0].weights, weights, 'lane 1 is the plain run, weight for weight');
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
  assert.deepEqual(runs[1], runs[0], 'the same race at 1 epoch per frame and at the top speed');
  assert.notDeepEqual(runs[0][1].weights, runs[0][0].weights, 'momentum is not SGD');
});

test('lanes are edited with controls from the schema, the link follows, and a refused value is named', async () => {
  const { page, context, errors } = await openPage(env);
  await page.click('#race summary');
  await page.locator('#race').scrollIntoViewIfNeeded();
  await page.locator('#race .race-add').click();
  const lane3 = page.locator('#race .race-lane[data-lane="3"]');
  await lane3.locator('.race-add-change').click();
  // The first setting a lane may change, starting from the run's own value.
  assert.equal(await lane3.locator('.race-field').inputValue(), 'learningRate');
  assert.equal(await lane3.locator('.race-value').inputValue(), '0.03');
  await lane3.locator('.race-field').selectOption('optimizer');
  await page.locator('#race .race-lane[data-lane="3"] .race-value').selectOption('adam');
  await page.waitForFunction(() => location.hash.includes('race=3') && location.hash.includes('lane3.optimizer=adam'));
  assert.deepEqual(await page.locator('#race .race-lane-legend').allTextContents(), ['SGD', 'SGD', 'Adam']);
  // η = 20 is out of range: the message names the lane and the range, and the race cannot start.
  const lane2 = page.locator('#race .race-lane[data-lane="2"]');
  await lane2.locator('.race-add-change').click();
  await lane2.locator('.race-value').fill('20');
  await lane2.locator('.race-value').press('Enter');
  await page.waitForFunction(() => (document.querySelector('#race .race-msg')?.textContent ?? '').startsWith('Lane 2: '));
  assert.match((await page.locator('#race .race-msg').textContent()) ?? '', /η above 0 and at most 10/);
  assert.equal(await page.getByTestId('race-start').isDisabled(), true);
  // The link reads back as the same race.
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /lane2\.learningRate=20/);
  const again = await openPage(env, { hash });
  assert.deepEqual(await again.page.locator('#race .race-lane-legend').allTextContents(), ['SGD', 'SGD', 'Adam'], 'the refused lane was taken back');
  assert.equal(await again.page.locator('#link-warnings').isHidden(), false, 'the refused value is listed');
  await again.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('embedded with show=race and autoplay, the race runs in a 960×540 frame', async () => {
  const { page, context, errors } = await openPage(env, { hash: `#${RACE}&embed=1&show=race&autoplay=1`, viewport: { width: 960, height: 540 } });
  await page.waitForFunction(() => window.__bp?.race().finished, null, { timeout: 60_000 });
  const box = await page.locator('#race-chart').boundingBox();
  assert.ok(box && box.y + box.height <= 540 && box.width > 400 && box.height > 250, JSON.stringify(box));
  assert.equal(await page.locator('#race .race-add').isVisible(), false, 'nothing to edit in an embed');
  assert.equal(await page.locator('#race .race-lane').count(), 3);
  const scrolls = await page.evaluate(() => document.documentElement.scrollHeight > innerHeight);
  assert.equal(scrolls, false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the closed panel builds nothing at boot: its lanes and chart come when it is opened', async () => {
  const { page, context, errors } = await openPage(env);
  assert.equal(await page.locator('#race').evaluate((el) => /** @type {HTMLDetailsElement} */ (el).open), false);
  assert.equal(await page.locator('#race .race-lane').count(), 0, 'lane cards were built for a closed panel');
  await page.click('#race summary');
  // Two lanes by default, both the run as it is, each named in the legend.
  await page.waitForFunction(() => document.querySelectorAll('#race .race-lane').length === 2);
  assert.deepEqual(await page.locator('#race .race-lane-legend').allTextContents(), ['the run\'s settings', 'the run\'s settings']);
  assert.deepEqual(errors, []);
  await context.close();
});
