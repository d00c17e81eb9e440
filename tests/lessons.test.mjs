// Lessons (www/js/app/lessons.js, crate/src/lessons.rs): every preset loads from
// the menu as a link with its caption and trains; the XOR pair shows its point
// in the browser; Back returns to the user's own settings; a shared lesson
// link shows its caption; closing the caption takes the lesson out of the hash.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hook, openPage, setup, waitForEpoch } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */

/** @param {Page} page */
const config = (page) => hook(page, 'config');
/** @param {Page} page */
const stats = (page) => hook(page, 'stats');

/** What each lesson must set up (a few fields each), by id. */
const EXPECT = {
  'perceptron-xor': { dataset: 'custom', hidden: [] },
  'xor-2-2-1': { dataset: 'custom', hidden: [2] },
  'eta-too-large': { dataset: 'plane', learningRate: 3 },
  'eta-too-small': { learningRate: 0.0001 },
  momentum: { optimizer: 'momentum', momentum: 0.9 },
  'equal-weights': { init: 'equal' },
  overfit: { hidden: [16, 16], noise: 30 },
  'overfit-l2': { regularization: 'l2', regularizationRate: 0.01 },
  'overfit-dropout': { dropout: [0.5, 0.5] },
  'early-stopping': { patience: 50 },
  'vanishing-gradients': { activation: 'sigmoid', hidden: [8, 8, 8, 8] },
  'hidden-detectors': { hidden: [3] },
  'race-optimizers': { dataset: 'spiral', hidden: [8, 8], optimizer: 'sgd' },
  'race-eta': { dataset: 'plane', learningRate: 0.03 },
  'race-batch': { dataset: 'circle', batchSize: 10 },
  'local-minimum': { dataset: 'custom', hidden: [2], seed: 1 },
  'momentum-bumps': { dataset: 'xor', optimizer: 'momentum' },
  overshoot: { dataset: 'plane', batchSize: 200, learningRate: 1 },
};

/** Lessons that open the loss surface. */
const SURFACE = new Set(['local-minimum', 'momentum-bumps', 'overshoot']);

/**
 * Chooses a lesson in the menu and waits until its settings run.
 * @param {Page} page
 * @param {string} id
 */
async function choose(page, id) {
  await page.locator('#lesson').selectOption(id);
  await page.waitForFunction((lesson) => location.hash.includes(`lesson=${lesson}`), id);
  await page.locator('#lesson-caption').waitFor({ state: 'visible' });
}

test('every lesson loads from the menu with its caption, and trains', async () => {
  const { page, context, errors } = await openPage(env);
  const options = await page.locator('#lesson option').evaluateAll((els) => els.map((o) => /** @type {HTMLOptionElement} */ (o).value).filter(Boolean));
  assert.deepEqual(options, Object.keys(EXPECT));
  for (const [id, fields] of Object.entries(EXPECT)) {
    await choose(page, id);
    const c = await config(page);
    for (const [key, value] of Object.entries(fields)) {
      assert.deepEqual(/** @type {any} */ (c)[key], value, `${id}: ${key}`);
    }
    const title = await page.locator('#lesson-title').textContent();
    assert.equal(title, await page.locator(`#lesson option[value="${id}"]`).textContent());
    assert.ok(((await page.locator('#lesson-text').textContent()) ?? '').length > 200, `${id}: the caption is not a paragraph`);
    assert.equal(await page.locator('#link-warnings').isHidden(), true, `${id}: its own link has problems`);
    assert.equal(await page.locator('#surface').evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open), SURFACE.has(id), `${id}: the loss surface`);
    for (let i = 0; i < 3; i += 1) await page.getByTestId('step').click();
    const s = await stats(page);
    assert.equal(s.epoch, 3, `${id} did not train`);
    assert.ok(Number.isFinite(s.trainLoss), `${id}: loss ${s.trainLoss}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('Back after a lesson returns to the settings the user had', async () => {
  const { page, context, errors } = await openPage(env);
  await page.getByTestId('dataset').selectOption('gauss');
  await page.getByLabel('Learning rate η', { exact: true }).selectOption('0.3');
  const mine = await page.evaluate(() => location.hash);
  assert.equal(mine, '#v=1&dataset=gauss&learningRate=0.3');
  await choose(page, 'momentum');
  assert.equal((await config(page)).optimizer, 'momentum');
  assert.equal(await page.locator('#lesson-back').isVisible(), true, 'the caption does not say how to get back');
  await page.goBack();
  await page.waitForFunction((h) => location.hash === h, mine);
  await page.waitForFunction(() => window.__bp?.config().optimizer === 'sgd');
  const c = await config(page);
  assert.equal(c.dataset, 'gauss');
  assert.equal(c.learningRate, 0.3);
  assert.equal(await page.locator('#lesson-caption').isHidden(), true);
  assert.equal(await page.locator('#lesson').inputValue(), '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a shared lesson link shows its caption; closing it keeps the settings and drops the lesson', async () => {
  const first = await openPage(env);
  await choose(first.page, 'overfit');
  const link = await first.page.evaluate(() => location.hash);
  await first.context.close();

  const { page, context, errors } = await openPage(env, { hash: link });
  await page.locator('#lesson-caption').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#lesson-title').textContent(), 'Many units on few noisy points overfit');
  assert.equal(await page.locator('#lesson').inputValue(), 'overfit');
  assert.equal(await page.locator('#lesson-back').isHidden(), true, 'a shared lesson has no earlier settings to go back to');
  assert.deepEqual((await config(page)).hidden, [16, 16]);
  await page.locator('#lesson-close').click();
  await page.locator('#lesson-caption').waitFor({ state: 'hidden' });
  const after = await page.evaluate(() => location.hash);
  assert.doesNotMatch(after, /lesson=/);
  assert.deepEqual((await config(page)).hidden, [16, 16]);
  // Without the lesson, the hash spells out the lesson's settings.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && !!window.__bp);
  assert.deepEqual((await config(page)).hidden, [16, 16]);
  assert.ok(await page.locator('#lesson-caption').isHidden());
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link with only lesson=NAME loads the lesson; settings beside it change it, and the caption says so', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#lesson=eta-too-large' });
  await page.locator('#lesson-caption').waitFor({ state: 'visible' });
  const lesson = await hook(page, 'config');
  assert.notEqual(lesson?.learningRate, 0.03, 'the default η: the lesson was not loaded');
  assert.ok(await page.getByTestId('lesson-changed').isHidden());
  await context.close();

  const changed = await openPage(env, { hash: '#lesson=eta-too-large&learningRate=0.1' });
  await changed.page.locator('#lesson-caption').waitFor({ state: 'visible' });
  const config = await hook(changed.page, 'config');
  assert.equal(config?.learningRate, 0.1);
  assert.equal(config?.dataset, lesson?.dataset, 'the rest of the lesson was not loaded');
  const note = changed.page.getByTestId('lesson-changed');
  assert.ok(await note.isVisible(), 'the caption does not say the lesson was changed');
  assert.match(await note.textContent() ?? '', /Changed from the lesson: Learning rate η/);
  // Changing another setting of the lesson in the page adds it to the note.
  await changed.page.locator('#regularization').selectOption('l2');
  assert.match(await note.textContent() ?? '', /Learning rate η, Regularization/);
  assert.deepEqual([...errors, ...changed.errors], []);
  await changed.context.close();
});

test('choosing a lesson again, after training it and closing its caption, starts it over', async () => {
  const { page, context, errors } = await openPage(env);
  await choose(page, 'momentum');
  const fresh = await hook(page, 'weights');
  await page.getByTestId('play').click();
  await waitForEpoch(page, 30);
  await page.getByTestId('play').click();
  await page.locator('#lesson-close').click();
  await page.locator('#lesson-caption').waitFor({ state: 'hidden' });
  assert.notDeepEqual(await hook(page, 'weights'), fresh, 'training did not move the weights');
  await choose(page, 'momentum');
  assert.equal((await stats(page)).epoch, 0, 'the lesson did not start over');
  assert.deepEqual(await hook(page, 'weights'), fresh);
  // Chosen from the menu here: the caption still says how to get back.
  assert.equal(await page.locator('#lesson-back').isVisible(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the caption folds to its title and back; in an embed it folds by itself when training starts', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#lesson=xor-2-2-1' });
  const text = page.locator('#lesson-text');
  const fold = page.locator('#lesson-fold');
  await text.waitFor({ state: 'visible' });
  await fold.click();
  assert.equal(await text.isHidden(), true, 'folded, the text still shows');
  assert.equal(await page.locator('#lesson-title').isVisible(), true);
  assert.equal(await fold.getAttribute('aria-expanded'), 'false');
  await fold.click();
  assert.equal(await text.isVisible(), true);
  // On the page, training leaves it as it is.
  await page.getByTestId('play').click();
  await waitForEpoch(page, 5);
  assert.equal(await text.isVisible(), true, 'the page folded the caption when training started');
  await context.close();

  const embed = await openPage(env, { hash: '#lesson=xor-2-2-1&embed=1&show=network,boundary,loss,buttons', viewport: { width: 960, height: 540 } });
  const embedText = embed.page.locator('#lesson-text');
  await embedText.waitFor({ state: 'visible' });
  await embed.page.getByTestId('play').click();
  await embedText.waitFor({ state: 'hidden' });
  assert.equal(await embed.page.locator('#lesson-fold').textContent(), 'Show the text');
  // Folded, it is a row under the pictures: it covers none of them.
  const caption = await embed.page.locator('#lesson-caption').boundingBox();
  assert.ok(caption && caption.height < 80, `the folded caption is ${caption?.height} px tall`);
  for (const part of await embed.page.locator('.embed-stage > .embed-part').all()) {
    const box = await part.boundingBox();
    assert.ok(box && box.y + box.height <= caption.y, `the folded caption (top ${caption.y}) covers ${await part.getAttribute('data-part')} (bottom ${box && box.y + box.height})`);
  }
  // Cut short in a narrow embed, the title is whole on hover.
  const embedTitle = embed.page.locator('#lesson-title');
  assert.equal(await embedTitle.getAttribute('title'), await embedTitle.textContent());
  await embed.page.locator('#lesson-fold').click();
  assert.equal(await embedText.isVisible(), true);
  assert.deepEqual([...errors, ...embed.errors], []);
  await embed.context.close();
});
