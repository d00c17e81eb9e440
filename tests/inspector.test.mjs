// The backprop inspector (www/js/inspector/inspector.js): the course's worked example
// stepped phase by phase shows the slides' numbers on the page; "Apply update"
// really changes the running network; the other presets (single neuron,
// cross-entropy exercise, computational graph) show the notes' numbers; the
// exercise editor refuses bad values by name and changes nothing; a textbook
// exercise typed in the editor (a network of its own, two sigmoid outputs,
// real targets, held biases) shows the numbers computed by hand.
// Expected numbers come from "multilayer networks and the backpropagation
// model" (../shared/course), the "Example" slides and the in-class exercise.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hook, openPage, setup } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */

/**
 * The text a quantity's table cell shows.
 * @param {Page} page
 * @param {string} key  e.g. o3, delta5, w45.new
 */
async function shown(page, key) {
  const cell = page.locator(`#inspector [data-q="${key}"]`);
  assert.equal(await cell.count(), 1, `one cell shows ${key}`);
  return ((await cell.textContent()) ?? '').trim();
}

/**
 * The number a cell shows (a real minus sign read as -).
 * @param {Page} page
 * @param {string} key
 */
async function shownNumber(page, key) {
  const text = await shown(page, key);
  const value = Number(text.replace('−', '-'));
  assert.ok(text !== '' && Number.isFinite(value), `${key} shows "${text}", not a number`);
  return value;
}

/**
 * Opens the inspector and loads a preset.
 * @param {Page} page
 * @param {string} id
 */
async function loadPreset(page, id) {
  if ((await page.locator('#inspect-toggle').getAttribute('aria-pressed')) !== 'true') {
    await page.getByRole('button', { name: 'Inspect' }).click();
  }
  await page.getByLabel('Exercise').selectOption(id);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
}

/** @param {Page} page */
const next = (page) => page.getByRole('button', { name: 'Next step ▶' }).click();
/** @param {Page} page */
const currentStep = async (page) => ((await page.locator('.insp-chip[aria-current="step"]').textContent()) ?? '').trim();
/** @param {Page} page */
const weights = (page) => hook(page, 'weights');

test('the worked example, stepped phase by phase, shows the slides’ numbers', async () => {
  const { page, context, errors } = await openPage(env);
  await loadPreset(page, 'workedExample');
  const config = await hook(page, 'config');
  assert.equal(config?.learningRate, 0.2);
  assert.deepEqual(config?.hidden, [2]);
  assert.equal(config?.freezeBiases, true);
  assert.equal(config?.activation, 'sigmoid');
  assert.equal(await page.locator('#inspector-example-text').textContent(), 'x = ⟨0.1, 0.1⟩, y = 0.1');

  // Input: o1 = x1, o2 = x2; nothing else computed yet.
  assert.equal(await currentStep(page), 'Input');
  assert.equal(await shown(page, 'o1'), '0.1');
  assert.equal(await shown(page, 'o3'), '·');
  assert.equal(await shown(page, 'delta5'), '·');

  await next(page);
  assert.equal(await currentStep(page), 'Forward: hidden');
  // o3 = φ(0.1 × 0.1 + 0.1 × −0.1) = φ(0) = 0.5.
  assert.equal(await shown(page, 'net3'), '0');
  assert.equal(await shown(page, 'o3'), '0.5');
  assert.equal(await shown(page, 'o4'), '0.5');
  assert.equal(await shown(page, 'o5'), '·', 'the output is computed by the next step');
  assert.equal(await page.locator('.insp-diagram .insp-node.is-current').count(), 2, 'nodes 3 and 4 are highlighted');

  await next(page);
  assert.equal(await shown(page, 'o5'), '0.5');
  await next(page);
  assert.equal(await currentStep(page), 'Loss');
  assert.equal(await shown(page, 'loss'), '0.08', 'L = ½(0.1 − 0.5)²');

  await next(page);
  assert.equal(await currentStep(page), 'Backward: output');
  // δ5 = (0.5 − 0.1)·0.5·(1 − 0.5) = 0.1.
  assert.equal(await shown(page, 'delta5'), '0.1');
  assert.equal(await shown(page, 'delta3'), '·', 'hidden δ come one step later');
  assert.equal(await shown(page, 'w45.grad'), '0.05', '∂L/∂w45 = o4 δ5');

  await next(page);
  assert.equal(await currentStep(page), 'Backward: hidden');
  assert.equal(await shown(page, 'delta4'), '0.0025');
  assert.equal(await shown(page, 'delta3'), '−0.0025');
  const delta3 = await page.locator('.insp-formula[data-f="delta3"]').textContent();
  assert.match(delta3 ?? '', /δ₃ = \(w₃₅ δ₅\)·o₃\(1 − o₃\) = \(\(−0\.1\) × 0\.1\) × 0\.5 × \(1 − 0\.5\) = −0\.0025/);
  assert.equal(await page.locator('.insp-diagram .insp-node.is-current').count(), 2);
  assert.equal(await shown(page, 'w45.new'), '·', 'no update before the update step');

  await next(page);
  assert.equal(await currentStep(page), 'Update');
  const slides = {
    'w45.new': '0.09', 'w35.new': '−0.11', 'w24.new': '0.09995',
    'w23.new': '−0.09995', 'w14.new': '−0.10005', 'w13.new': '0.10005',
  };
  for (const [key, value] of Object.entries(slides)) assert.equal(await shown(page, key), value, key);
  assert.equal(await shown(page, 'w45.update'), '−0.01', '−η o4 δ5 = −0.2 × 0.5 × 0.1');
  assert.equal(await shown(page, 'w05.update'), 'frozen');
  // Looking does not train.
  assert.equal((await weights(page)).layers[1].weights[1][0], 0.1);

  // Apply: the running network now holds the slides' new weights, and the
  // inspector goes on to the second instance.
  await page.getByRole('button', { name: 'Apply update' }).click();
  const after = await weights(page);
  const close = (/** @type {number} */ a, /** @type {number} */ b, /** @type {string} */ what) => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);
  close(after.layers[1].weights[1][0], 0.09, 'w45');
  close(after.layers[1].weights[0][0], -0.11, 'w35');
  close(after.layers[0].weights[1][1], 0.09995, 'w24');
  close(after.layers[0].weights[1][0], -0.09995, 'w23');
  close(after.layers[0].weights[0][1], -0.10005, 'w14');
  close(after.layers[0].weights[0][0], 0.10005, 'w13');
  assert.deepEqual(after.layers.map((l) => l.biases), [[0, 0], [0]], 'thresholds stay zero');
  assert.equal(await page.locator('#inspector-example').inputValue(), '2');
  assert.equal(await page.locator('#inspector-example-text').textContent(), 'x = ⟨0.1, 0.9⟩, y = 0.9');
  assert.equal(await currentStep(page), 'Input');
  assert.equal(await shown(page, 'w45'), '0.09', 'the next example starts from the new weights');
  assert.equal(await page.getByTestId('epoch').textContent(), '0', 'an inspector step is not an epoch');

  // Three more: every instance consumed, then the first again.
  for (let k = 0; k < 3; k += 1) await page.getByRole('button', { name: 'Apply update' }).click();
  assert.equal(await page.locator('#inspector-example').inputValue(), '1');
  assert.match(await page.locator('#inspector-msg').textContent() ?? '', /every example has been consumed/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('steps go back, restart, jump to the end or to a chip', async () => {
  const { page, context, errors } = await openPage(env);
  await loadPreset(page, 'workedExample');
  await page.getByRole('button', { name: 'Show all' }).click();
  assert.equal(await currentStep(page), 'Update');
  assert.equal(await page.getByRole('button', { name: 'Next step ▶' }).isDisabled(), true);
  await page.getByRole('button', { name: '◀ Back' }).click();
  assert.equal(await currentStep(page), 'Backward: hidden');
  assert.equal(await shown(page, 'w13.new'), '·');
  assert.equal(await shown(page, 'w13.grad'), '−0.00025', '∂L/∂w13 = o1 δ3 = 0.1 × −0.0025');
  await page.locator('.insp-chip', { hasText: 'Loss' }).click();
  assert.equal(await currentStep(page), 'Loss');
  assert.equal(await shown(page, 'delta5'), '·');
  await page.getByRole('button', { name: 'Restart' }).click();
  assert.equal(await currentStep(page), 'Input');
  assert.equal(await page.getByRole('button', { name: 'Restart' }).isDisabled(), true);
  // Keyboard: the steps are buttons in the tab order.
  await page.getByRole('button', { name: 'Next step ▶' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await currentStep(page), 'Forward: hidden');

  // Another example by number, and a number that does not exist.
  const example = page.getByLabel('Example h');
  await example.fill('3');
  await example.press('Enter');
  assert.equal(await page.locator('#inspector-example-text').textContent(), 'x = ⟨0.9, 0.1⟩, y = 0.9');
  assert.equal(await currentStep(page), 'Input');
  await example.fill('9');
  await example.press('Enter');
  assert.match(await page.locator('#inspector-msg').textContent() ?? '', /Example h = “9” does not exist: 1 to 4 allowed/);
  assert.equal(await page.locator('#inspector-example-text').textContent(), 'x = ⟨0.9, 0.1⟩, y = 0.9');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the computational graph f = (x + y)·z shows each value, local derivative and gradient', async () => {
  const { page, context, errors } = await openPage(env);
  const before = await weights(page);
  await loadPreset(page, 'graph');
  assert.deepEqual(await weights(page), before, 'the graph does not touch the running network');
  assert.equal(await shown(page, 'g-q'), '·');
  await next(page);
  assert.equal(await shown(page, 'g-q'), '3');
  await next(page);
  assert.equal(await shown(page, 'g-f'), '6');
  assert.equal(await shown(page, 'g-q-grad'), '·');
  await page.getByRole('button', { name: 'Show all' }).click();
  // The notes: ∂L/∂f = 2, ∂L/∂q = 2·2 = 4, ∂L/∂z = 2·(1 + 2) = 6, ∂L/∂x = ∂L/∂y = 2·2·1 = 4.
  assert.equal(await shown(page, 'g-f-grad'), '2');
  assert.equal(await shown(page, 'g-q-grad'), '4');
  assert.equal(await shown(page, 'g-z-grad'), '6');
  assert.equal(await shown(page, 'g-x-grad'), '4');
  assert.equal(await shown(page, 'g-y-grad'), '4');
  // Local derivatives: ∂f/∂q = z, ∂f/∂z = q, ∂q/∂x = ∂q/∂y = 1.
  assert.equal(await shown(page, 'g-df-dq'), '∂f/∂q = 2');
  assert.equal(await shown(page, 'g-df-dz'), '∂f/∂z = 3');
  assert.equal(await shown(page, 'g-dq-dx'), '∂q/∂x = 1');
  assert.equal(await shown(page, 'g-dq-dy'), '∂q/∂y = 1');

  // A bad value is refused by name and changes nothing; a good one recomputes.
  const z = page.getByLabel('z', { exact: true });
  await z.fill('two');
  await z.press('Enter');
  assert.match(await page.locator('#inspector-msg').textContent() ?? '', /^z “two” is not a number/);
  assert.equal(await z.getAttribute('aria-invalid'), 'true');
  assert.equal(await z.inputValue(), 'two', 'the typed text stays');
  assert.equal(await shown(page, 'g-z-grad'), '6');
  await z.fill('−1');
  await z.press('Enter');
  assert.equal(await shown(page, 'g-f'), '−3');
  assert.equal(await shown(page, 'g-x-grad'), '−2', '∂L/∂x = ∂L/∂f · z = 2 × −1');
  assert.equal(await shown(page, 'g-z-grad'), '6');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the single neuron gives 0.3775 and the cross-entropy exercise δ = ŷ − y for y = 1 and y = 0', async () => {
  const { page, context, errors } = await openPage(env);
  await loadPreset(page, 'singleNeuron');
  await page.getByRole('button', { name: 'Show all' }).click();
  // Inputs 1, 2 → output 3; net = −0.5 → 1/(1 + e^0.5) = 0.3775.
  assert.equal(await shown(page, 'net3'), '−0.5');
  assert.equal(await shown(page, 'o3'), '0.377541');

  await loadPreset(page, 'crossEntropy');
  assert.equal((await hook(page, 'config'))?.loss, 'binaryCrossEntropy');
  await page.getByRole('button', { name: 'Show all' }).click();
  assert.match(await page.locator('#inspector-example-text').textContent() ?? '', /y = 1$/);
  const o = await shownNumber(page, 'o3');
  // y = 1: ∂L/∂ŷ = −1/ŷ, δ = ŷ − 1.
  assert.equal(await shown(page, 'delta3'), '−0.622459');
  assert.ok(Math.abs(await shownNumber(page, 'dLdo3') - -1 / o) < 1e-4);
  assert.match(await page.locator('.insp-formula[data-f="w13.new"]').textContent() ?? '', /w₁₃ ← w₁₃ − η o₁ δ₃/);
  await page.getByRole('button', { name: 'Next example' }).click();
  await page.getByRole('button', { name: 'Show all' }).click();
  assert.match(await page.locator('#inspector-example-text').textContent() ?? '', /y = 0$/);
  // y = 0: ∂L/∂ŷ = 1/(1 − ŷ), δ = ŷ − 0.
  assert.equal(await shown(page, 'delta3'), '0.377541');
  assert.ok(Math.abs(await shownNumber(page, 'dLdo3') - 1 / (1 - o)) < 1e-4);
  // Back to x₁: ∂L/∂x₁ = w₁₃ δ₃ = 0.5 × 0.377541.
  assert.equal(await shown(page, 'dLdo1'), '0.18877');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the editor sets every weight and an example, and refuses a bad value by name', async () => {
  const { page, context, errors } = await openPage(env);
  await loadPreset(page, 'workedExample');
  const before = await weights(page);
  await page.getByText('Set up an exercise').click();
  const w13 = page.getByLabel('w₁₃, the weight from node 1 to node 3');
  const set = page.getByRole('button', { name: 'Set network and example' });
  const messages = page.locator('#insp-editor-msgs');

  await w13.fill('abc');
  await set.click();
  assert.match(await messages.textContent() ?? '', /w₁₃ “abc” is not a number/);
  assert.match(await messages.textContent() ?? '', /Nothing was changed/);
  assert.equal(await w13.getAttribute('aria-invalid'), 'true');
  assert.equal(await w13.inputValue(), 'abc', 'the typed value stays');
  assert.deepEqual(await weights(page), before);

  await w13.fill('2000');
  await set.click();
  assert.match(await messages.textContent() ?? '', /w₁₃ = 2000 is out of range: −1000 to 1000 allowed/);
  assert.deepEqual(await weights(page), before);

  // y must be a probability for this sigmoid output: the core refuses it, by name.
  await w13.fill('0.5');
  await page.locator('#insp-editor-y').fill('1.5');
  await set.click();
  assert.match(await messages.textContent() ?? '', /y = 1\.5 is out of range/);
  assert.equal(await page.locator('#insp-editor-y').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await weights(page), before, 'a refused example changes no weight');

  await page.locator('#insp-editor-y').fill('1');
  await page.getByLabel('x₁', { exact: true }).fill('1');
  await page.getByLabel('w₀₅, the threshold of node 5').fill('0.25');
  await set.click();
  assert.match(await messages.textContent() ?? '', /^Set\./);
  const after = await weights(page);
  assert.equal(after.layers[0].weights[0][0], 0.5);
  assert.equal(after.layers[1].biases[0], 0.25);
  assert.equal(await page.locator('#inspector-example-text').textContent(), 'x = ⟨1, 0.1⟩, y = 1');
  await next(page);
  // net3 = w13·1 + w23·0.1 = 0.5 − 0.01.
  assert.equal(await shown(page, 'net3'), '0.49');
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Types the classic 2-2-2 textbook example into the editor as a network of its own.
 * @param {Page} page
 */
async function typeTextbookExample(page) {
  await page.getByRole('button', { name: 'Inspect' }).click();
  await page.getByText('Set up an exercise').click();
  await page.getByLabel('Weights of').selectOption('own');
  await page.getByLabel('Layer sizes').fill('2-2-2');
  await page.getByLabel('Layer sizes').press('Tab');
  await page.getByLabel('Train biases').uncheck();
  await page.getByLabel('η', { exact: true }).fill('0.5');
  const typed = /** @type {const} */ ([
    ['w₁₃', 0.15], ['w₂₃', 0.20], ['w₁₄', 0.25], ['w₂₄', 0.30], ['w₀₃', 0.35], ['w₀₄', 0.35],
    ['w₃₅', 0.40], ['w₄₅', 0.45], ['w₃₆', 0.50], ['w₄₆', 0.55], ['w₀₅', 0.60], ['w₀₆', 0.60],
  ]);
  for (const [name, value] of typed) {
    await page.locator(`#inspector .insp-editor-grid input[data-field="${name}"]`).fill(String(value));
  }
  await page.getByLabel('x₁', { exact: true }).fill('0.05');
  await page.getByLabel('x₂', { exact: true }).fill('0.10');
  await page.getByLabel('y₁', { exact: true }).fill('0.01');
  await page.getByLabel('y₂', { exact: true }).fill('0.99');
}

// Expected values: computed once by hand with the chain rule (the python3
// script described in crate/tests/exercise.rs), shown to six significant
// digits: L = ½(0.01 − o5)² + ½(0.99 − o6)² = 0.298371, δ5 = 0.138499,
// new w35 = 0.358916, new w13 = 0.149781.
test('a textbook 2-2-2 exercise typed in the editor shows the hand-computed numbers', async () => {
  const { page, context, errors } = await openPage(env);
  const runBefore = await weights(page);
  await typeTextbookExample(page);
  await page.getByRole('button', { name: 'Set exercise and example' }).click();
  const messages = page.locator('#insp-editor-msgs');
  assert.match(await messages.textContent() ?? '', /^Set\. The inspector now steps the exercise 2-2-2/);
  assert.equal(await page.locator('#inspector-example-text').textContent(), 'x = ⟨0.05, 0.1⟩, y = ⟨0.01, 0.99⟩');
  assert.match(await page.locator('.insp-summary').textContent() ?? '', /2 sigmoid outputs, L = ½ Σₖ \(yₖ − ŷₖ\)², η = 0\.5, biases held/);

  // Input, forward 3–4, forward 5–6, then the loss.
  for (let k = 0; k < 3; k++) await next(page);
  assert.match(await currentStep(page), /loss/i);
  assert.equal(await shown(page, 'loss'), '0.298371');
  assert.equal(await shown(page, 'o5'), '0.751365');
  assert.equal(await shown(page, 'o6'), '0.772928');
  assert.equal(await shown(page, 'y6'), '0.99');
  await page.getByRole('button', { name: 'Show all' }).click();
  assert.equal(await shown(page, 'delta5'), '0.138499');
  assert.equal(await shown(page, 'delta6'), '−0.0380982');
  assert.equal(await shown(page, 'delta3'), '0.00877135');
  assert.equal(await shown(page, 'w35.new'), '0.358916');
  assert.equal(await shown(page, 'w13.new'), '0.149781');
  assert.equal(await shown(page, 'w05.update'), 'frozen');
  assert.equal(await shown(page, 'w05.new'), '0.6');

  // Apply: the exercise's own network takes the step; the run's does not move.
  await page.getByRole('button', { name: 'Apply update' }).click();
  assert.match(await page.locator('#inspector-msg').textContent() ?? '', /L = 0\.298371/);
  assert.equal(await shown(page, 'w35'), '0.358916');
  assert.equal(await shown(page, 'w13'), '0.149781');
  assert.deepEqual(await weights(page), runBefore);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the textbook editor refuses bad sizes, values and η by name and keeps what it showed', async () => {
  const { page, context, errors } = await openPage(env);
  await typeTextbookExample(page);
  const messages = page.locator('#insp-editor-msgs');
  const set = page.getByRole('button', { name: 'Set exercise and example' });
  const shownBefore = await page.locator('#inspector-example-text').textContent();

  await page.getByLabel('Layer sizes').fill('2-9-2');
  await page.getByLabel('Layer sizes').press('Tab');
  assert.match(await messages.textContent() ?? '', /Layer sizes 2-9-2: hidden layer 1 has 9 units; 1 to 4 allowed/);
  assert.equal(await page.getByLabel('Layer sizes').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Layer sizes').fill('2-2-2');
  await page.getByLabel('Layer sizes').press('Tab');

  await page.getByLabel('y₂', { exact: true }).fill('abc');
  await set.click();
  assert.match(await messages.textContent() ?? '', /y₂ “abc” is not a number/);
  assert.equal(await page.locator('#inspector-example-text').textContent(), shownBefore, 'a refused exercise changes nothing shown');
  await page.getByLabel('y₂', { exact: true }).fill('0.99');

  // η = 0 passes the box's number check; the core refuses it by name.
  await page.getByLabel('η', { exact: true }).fill('0');
  await set.click();
  assert.match(await messages.textContent() ?? '', /η = 0 is not allowed/);
  assert.equal(await page.getByLabel('η', { exact: true }).getAttribute('aria-invalid'), 'true');

  // A 3-2-1 shape: the grid and the example follow, keeping what still fits.
  await page.getByLabel('η', { exact: true }).fill('0.5');
  await page.getByLabel('Layer sizes').fill('3-2-1');
  await page.getByLabel('Layer sizes').press('Tab');
  assert.equal(await page.locator('#inspector .insp-editor-grid input[data-field="w₁₄"]').inputValue(), '0.15');
  await page.getByLabel('x₃', { exact: true }).fill('1');
  await set.click();
  assert.match(await messages.textContent() ?? '', /^Set\. The inspector now steps the exercise 3-2-1/);
  await page.getByRole('button', { name: 'Show all' }).click();
  assert.equal(await page.locator('#inspector [data-q="o6"]').count(), 1, 'one output, node 6');
  assert.equal(await page.locator('#inspector [data-q="o7"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the inspector follows the running network: its trace is what one training step does', async () => {
  const { page, context, errors } = await openPage(env);
  await page.evaluate(() => window.__bp?.loadConfig({ dataset: 'xor', hidden: [3], optimizer: 'adam', batchSize: 5 }));
  await page.getByRole('button', { name: 'Inspect' }).click();
  assert.equal(await page.getByLabel('Examples from').inputValue(), 'data');
  await page.getByRole('button', { name: 'Show all' }).click();
  assert.match(await page.locator('.insp-weights thead').textContent() ?? '', /Δw \(Adam\)/);
  assert.match(await page.locator('.insp-notes').textContent() ?? '', /real step Δw of this run’s optimizer \(Adam\)/);
  const preview = await page.evaluate(() => {
    const table = /** @type {Record<string, string>} */ ({});
    for (const cell of document.querySelectorAll('#inspector [data-q$=".new"]')) table[cell.getAttribute('data-q') ?? ''] = cell.textContent ?? '';
    return table;
  });
  await page.getByRole('button', { name: 'Apply update' }).click();
  const after = await weights(page);
  // Node numbers: inputs 1, 2; hidden 3, 4, 5; output 6.
  const check = [['w13.new', after.layers[0].weights[0][0]], ['w25.new', after.layers[0].weights[1][2]], ['w46.new', after.layers[1].weights[1][0]]];
  for (const [key, value] of check) {
    const text = preview[/** @type {string} */ (key)];
    const shownValue = Number(text.replace('−', '-'));
    assert.ok(Math.abs(shownValue - /** @type {number} */ (value)) <= 5e-6 * Math.max(1, Math.abs(/** @type {number} */ (value))),
      `${key}: the page showed ${text}, training made ${value}`);
  }
  assert.equal(await page.locator('#inspector-example').inputValue(), '2');

  // Closing keeps what was applied; the toggle says whether it is open.
  await page.getByRole('button', { name: 'Close' }).click();
  assert.equal(await page.locator('#inspector').isHidden(), true);
  assert.equal(await page.locator('#inspect-toggle').getAttribute('aria-pressed'), 'false');
  assert.deepEqual(await weights(page), after);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every inspector control has a label and a tooltip', async () => {
  const { page, context, errors } = await openPage(env);
  await loadPreset(page, 'workedExample');
  await page.getByText('Set up an exercise').click();
  const bare = await page.evaluate(() => [...document.querySelectorAll('#inspector input, #inspector select, #inspector button')]
    .filter((el) => {
      const labelled = /** @type {HTMLInputElement} */ (el).labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent?.trim());
      return !labelled || !el.getAttribute('title');
    })
    .map((el) => el.outerHTML.slice(0, 120)));
  assert.deepEqual(bare, []);
  assert.deepEqual(errors, []);
  await context.close();
});
