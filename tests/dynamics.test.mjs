// The learning-dynamics panel: each choice reaches the core (the running config
// and the trained weights differ), shows what it should (the current η, why
// training stopped, the notes' explanations), and bad values are refused by name.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { canvasHash, hook, openPage, readNumber, settle, setup, waitForEpoch } from './helpers.mjs';
import { loadCore } from './unit/core.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @param {import('playwright-core').Page} page */
const config = (page) => hook(page, 'config');

/**
 * The weights after `epochs` steps from the initial network.
 * @param {import('playwright-core').Page} page
 */
async function weightsAfter(page, epochs = 3) {
  await page.getByTestId('reset').click();
  for (let i = 0; i < epochs; i += 1) await page.getByTestId('step').click();
  return JSON.stringify(await hook(page, 'weights'));
}

/**
 * Types a value into a text box and applies it with Enter.
 * @param {import('playwright-core').Page} page
 * @param {string} label
 * @param {string} value
 */
async function type(page, label, value) {
  const box = page.getByLabel(label, { exact: true });
  await box.fill(value);
  await box.press('Enter');
}

// That every optimizer takes its own path is the core's rule, tested natively
// (crate/tests/dynamics.rs); here each reaches the engine and shows its fields.
test('each optimizer reaches the engine and shows only its own hyperparameters', async () => {
  const { page, context, errors } = await openPage(env);
  const sgd = await weightsAfter(page);
  const momentum = page.getByLabel('Momentum μ');
  assert.equal(await momentum.isVisible(), false, 'μ shown for SGD');
  // Every optimizer the core offers, and the fields its schema says it reads.
  const schema = (await loadCore()).schema();
  const uses = (/** @type {string} */ field, /** @type {string} */ name) => schema.settings.find((s) => s.name === field).when[1].includes(name);
  const names = await page.locator('#optimizer option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v !== 'sgd'));
  assert.ok(names.includes('adam'), names.join());
  for (const name of names) {
    await page.getByLabel('Optimizer').selectOption(name);
    assert.equal((await config(page)).optimizer, name);
    if (name === 'adam') assert.notEqual(await weightsAfter(page), sgd, 'the engine trained Adam like SGD');
    assert.equal(await momentum.isVisible(), uses('momentum', name), `μ visibility for ${name}`);
    assert.equal(await page.getByLabel('β₁').isVisible(), uses('beta1', name), `β₁ visibility for ${name}`);
    assert.notEqual(await page.locator('#optimizer-explain').textContent(), '', `no explanation for ${name}`);
  }
  await page.getByLabel('Optimizer').selectOption('momentum');
  assert.match(await page.locator('#optimizer-explain').textContent() ?? '', /Δw_t = −η ∂L\/∂w \+ μ Δw_\{t−1\}/);
  // μ = 1.5 is refused by the core, by name, and nothing changes.
  await type(page, 'Momentum μ', '1.5');
  const msg = page.locator('#momentum-msg');
  await msg.waitFor({ state: 'visible' });
  assert.match(await msg.textContent() ?? '', /^Momentum μ: momentum = 1.5 is out of range: μ from 0 to 0.999 allowed/);
  assert.equal((await config(page)).momentum, 0.9);
  await type(page, 'Momentum μ', '0.5');
  await msg.waitFor({ state: 'hidden' });
  assert.equal((await config(page)).momentum, 0.5);
  assert.deepEqual(errors, []);
  await context.close();
});

test('step decay lowers η on schedule and the page shows the current η', async () => {
  const { page, context, errors } = await openPage(env);
  assert.equal(await page.locator('#eta-now').textContent(), '0.03');
  await page.getByLabel('Learning-rate schedule').selectOption('stepDecay');
  await type(page, 'Every (epochs)', '2');
  await type(page, 'Factor', '0.5');
  const c = await config(page);
  assert.deepEqual([c.schedule, c.decayEvery, c.decayFactor], ['stepDecay', 2, 0.5]);
  for (let i = 0; i < 4; i += 1) await page.getByTestId('step').click();
  await settle(page);
  // Two reductions after four epochs: 0.03 · 0.5².
  assert.equal(await page.locator('#eta-now').textContent(), '0.0075');
  assert.equal(await page.getByLabel('Patience (epochs)').isVisible(), false);
  await page.getByLabel('Learning-rate schedule').selectOption('reduceOnPlateau');
  assert.equal(await page.getByLabel('Patience (epochs)').isVisible(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

// Dropout's effect and its seeded masks are tested natively (crate/tests/dynamics.rs).
test('dropout per hidden layer reaches the config; a bad rate is refused', async () => {
  const { page, context, errors } = await openPage(env);
  await type(page, 'Dropout rate p of hidden layer 1', '0.5');
  assert.deepEqual((await config(page)).dropout, [0.5, 0]);
  await type(page, 'Dropout rate p of hidden layer 2', '0.95');
  await page.locator('#hidden-msg').waitFor({ state: 'visible' });
  assert.match(await page.locator('#hidden-msg').textContent() ?? '', /Dropout of hidden layer 2: 0.95 is out of range; 0 to 0.9 allowed/);
  assert.deepEqual((await config(page)).dropout, [0.5, 0]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a maximum number of epochs stops training and the page says why', async () => {
  const { page, context, errors } = await openPage(env);
  await type(page, 'Max epochs', '7');
  await page.getByTestId('play').click();
  await page.locator('#status').waitFor({ state: 'visible' });
  assert.match(await page.locator('#status-text').textContent() ?? '', /reached the maximum of 7 epochs/);
  assert.equal(await readNumber(page, 'epoch'), 7);
  assert.equal(await page.getByTestId('play').getAttribute('aria-label'), 'Play', 'the loop did not pause');
  // Reset clears the message and the run can go again.
  await page.getByTestId('reset').click();
  assert.equal(await page.locator('#status').isVisible(), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the loss θ stops training once the training loss is below it', async () => {
  const { page, context, errors } = await openPage(env);
  await page.getByTestId('dataset').selectOption('gauss');
  await type(page, 'Loss θ', '0.05');
  await page.getByTestId('play').click();
  await page.locator('#status').waitFor({ state: 'visible', timeout: 30_000 });
  assert.match(await page.locator('#status-text').textContent() ?? '', /fell below θ = 0.05/);
  assert.ok(await readNumber(page, 'train-loss') < 0.05);
  assert.deepEqual(errors, []);
  await context.close();
});

// What augmentation does to the points and to training is tested natively
// (crate/tests/dynamics.rs).
test('augmentation\'s jitter and rotation reach the config', async () => {
  const { page, context, errors } = await openPage(env);
  await type(page, 'Jitter σ', '0.5');
  await type(page, 'Rotation °', '20');
  const c = await config(page);
  assert.deepEqual([c.jitter, c.rotation], [0.5, 20]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('loss: cross-entropy and softmax reach the core; incoherent choices are fixed and explained', async () => {
  const { page, context, errors } = await openPage(env);
  await page.getByLabel('Loss L').selectOption('binaryCrossEntropy');
  assert.equal((await config(page)).loss, 'binaryCrossEntropy');
  assert.match(await page.locator('#loss-explain').textContent() ?? '', /ŷ − y/);

  await page.getByLabel('Loss L').selectOption('softmaxCrossEntropy');
  const sizes = await page.evaluate(() => window.__bp?.weights().layers.at(-1)?.biases.length);
  assert.equal(sizes, 2, 'softmax on two classes takes two outputs');
  assert.equal(await page.evaluate(() => window.__bp?.weights().layers.at(-1)?.activation), 'softmax');

  // Binary cross-entropy reads the output as a probability: a tanh output is
  // switched back to sigmoid, and the page says why.
  await page.getByLabel('Loss L').selectOption('binaryCrossEntropy');
  await page.getByLabel('Output φ').selectOption('tanh');
  await page.locator('#status').waitFor({ state: 'visible' });
  assert.match(await page.locator('#status-text').textContent() ?? '', /needs a sigmoid output, not tanh/);
  assert.equal((await config(page)).outputActivation, null);
  assert.equal(await page.getByLabel('Output φ').inputValue(), '');
  assert.equal(await page.evaluate(() => window.__bp?.weights().layers.at(-1)?.activation), 'sigmoid');

  // Cross-entropy cannot score a regression: the page switches the loss and says so.
  await page.getByTestId('dataset').selectOption('plane');
  const c = await config(page);
  assert.equal(c.dataset, 'plane');
  assert.equal(c.loss, 'squaredError');
  await page.locator('#status').waitFor({ state: 'visible' });
  assert.match(await page.locator('#status-text').textContent() ?? '', /regression, so the loss is now ½ squared error/);
  assert.equal(await page.getByLabel('Loss L').inputValue(), 'squaredError');
  assert.deepEqual(errors, []);
  await context.close();
});

test('all-equal initial weights and the step function are explained', async () => {
  const { page, context, errors } = await openPage(env);
  await page.getByLabel('Initial weights', { exact: true }).selectOption('equal');
  const first = await page.evaluate(() => window.__bp?.weights().layers[0].weights.flat());
  assert.ok(first && first.every((w) => w === first[0]), `not all equal: ${first}`);
  assert.match(await page.locator('#init-explain').textContent() ?? '', /learn the same thing/);
  await page.getByLabel('Initial weights', { exact: true }).selectOption('zero');
  assert.equal(await page.getByLabel('α', { exact: true }).isVisible(), false, 'α shown for zero weights');

  assert.equal(await page.locator('#activation-explain').isVisible(), false);
  await page.getByLabel('Activation φ', { exact: true }).selectOption('step');
  assert.equal((await config(page)).activation, 'step');
  await page.locator('#activation-explain').waitFor({ state: 'visible' });
  assert.match(await page.locator('#activation-explain').textContent() ?? '', /derivative is 0 almost everywhere/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('each hidden layer can have its own activation', async () => {
  const { page, context, errors } = await openPage(env);
  await page.getByLabel('Activation φ of hidden layer 2').selectOption('relu');
  const c = await config(page);
  assert.deepEqual(c.hiddenActivations, ['tanh', 'relu']);
  const layers = await page.evaluate(() => window.__bp?.weights().layers.map((l) => l.activation));
  assert.deepEqual(layers, ['tanh', 'relu', 'sigmoid']);
  // The shared menu sets every layer again.
  await page.getByLabel('Activation φ', { exact: true }).selectOption('sigmoid');
  assert.deepEqual((await config(page)).hiddenActivations, []);
  assert.equal(await page.getByLabel('Activation φ of hidden layer 2').inputValue(), 'sigmoid');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Classes menu shows with blobs only and sets 3 to 5 outputs', async () => {
  const { page, context, errors } = await openPage(env);
  const classes = page.getByLabel('Classes', { exact: true });
  assert.ok(await classes.isHidden(), 'Classes shows for the circle');
  await page.getByTestId('dataset').selectOption('blobs');
  await classes.waitFor({ state: 'visible' });
  assert.equal(await classes.inputValue(), '3');
  for (const k of [5, 4]) {
    await classes.selectOption(String(k));
    assert.equal((await config(page)).classes, k);
    assert.equal(await page.evaluate(() => window.__bp?.weights().layers.at(-1)?.biases.length), k, `${k} classes, not ${k} outputs`);
    assert.match(await page.locator('.plot-legend').textContent() ?? '', new RegExp(`class ${k - 1}`));
  }
  // A link with 5 classes shows 5 in the menu.
  await page.evaluate(() => { location.hash = '#v=1&dataset=blobs&classes=5'; });
  await page.waitForFunction(() => window.__bp?.config().classes === 5);
  assert.equal(await classes.inputValue(), '5');
  assert.deepEqual(errors, []);
  await context.close();
});

test('three classes: three outputs, three colours on the plot, and it learns', async () => {
  const { page, context, errors } = await openPage(env);
  const before = await canvasHash(page);
  await page.getByTestId('dataset').selectOption('blobs');
  assert.equal(await page.evaluate(() => window.__bp?.weights().layers.at(-1)?.biases.length), 3);
  await page.getByLabel('Speed').selectOption('10');
  await page.getByTestId('play').click();
  await waitForEpoch(page, 150);
  await page.getByTestId('play').click();
  assert.notEqual(await canvasHash(page), before);
  assert.ok(await readNumber(page, 'test-loss') < 0.1, 'blobs were not learned');
  // Count clearly distinct hues in the decision map: one per class.
  const hues = await page.evaluate(() => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('[data-testid=boundary]'));
    const ctx = window.__plotSeen(canvas);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const buckets = new Set();
    for (let i = 0; i < data.length; i += 4 * 97) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      if (max - min < 60) continue; // greys and pale cells
      buckets.add(r === max ? 'r' : g === max ? 'g' : 'b');
    }
    return [...buckets].sort();
  });
  assert.deepEqual(hues, ['b', 'g', 'r'], `hues seen: ${hues}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Show augmented points" draws this epoch\'s augmented training points on the plot', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#v=1&dataset=gauss&jitter=0.6' });
  await page.getByTestId('step').click();
  // Shown, the engine sends them with each snapshot.
  await page.locator('#show-augmented').check();
  await settle(page);
  // An augmented point far from every original one: there the plot shows only
  // the heatmap until the augmented points are drawn.
  const spot = await page.evaluate(() => {
    const bp = /** @type {NonNullable<Window['__bp']>} */ (window.__bp);
    const points = bp.points();
    const moved = Array.from(bp.augmented());
    for (let k = 0; 2 * k < moved.length; k += 1) {
      const [a, b] = [moved[2 * k], moved[2 * k + 1]];
      let nearest = Infinity;
      for (let i = 0; i < points.length; i += 4) nearest = Math.min(nearest, Math.hypot(points[i] - a, points[i + 1] - b));
      if (nearest > 0.5 && Math.abs(a) < 5.5 && Math.abs(b) < 5.5) return [a, b];
    }
    return null;
  });
  assert.ok(spot, 'no augmented point lies apart from the originals');
  /** The canvas pixel at the spot. */
  const pixel = async () => (await settle(page), page.evaluate(([x1, x2]) => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('[data-testid=boundary]'));
    const ctx = window.__plotSeen(canvas);
    const x = Math.floor(((x1 + 6) / 12) * canvas.width);
    const y = Math.floor(((6 - x2) / 12) * canvas.height);
    return Array.from(ctx.getImageData(x, y, 1, 1).data);
  }, spot));
  const withPoints = await pixel();
  assert.match(await page.locator('.plot-legend').textContent() ?? '', /augmented/);
  await page.locator('#show-augmented').uncheck();
  await page.waitForFunction(() => window.__bp?.display().showAugmented === false);
  const without = await pixel();
  assert.notDeepEqual(withPoints, without, 'nothing drawn where an augmented point is');
  await page.locator('#show-augmented').check();
  await page.waitForFunction(() => window.__bp?.display().showAugmented === true);
  assert.deepEqual(await pixel(), withPoints, 'the augmented points are not drawn again');
  assert.deepEqual(errors, []);
  await context.close();
});
