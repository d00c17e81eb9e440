// The network view (www/js/network/network.js): the input switches, the − / + unit
// buttons, showing a node's output o_j on the main plot by hover, tap and
// keyboard, and editing a weight w_ij or a bias w_0j by hand, with refusals.
// The fresh page runs inputs x₁, x₂ and hidden layers [4, 2], so its nodes are
// 0–1 (inputs), 2–5 (hidden layer 1), 6–7 (hidden layer 2) and 8 (the output).
// Links, biases and the hidden and output nodes are painted into canvases:
// what they drew is read from `window.__bp.diagram()` and from their pixels.
// Links have no elements: they are clicked on their curves, and the keyboard
// reaches every weight through one listbox (diagram.mjs).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  activeWeight, canvasPixels, clickLink, colourDistance, diagram, linkCount, linkThickness, rgb,
} from './diagram.mjs';
import { canvasHash, hook, openPage, setup } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */

/** @param {Page} page */
const runningConfig = (page) => hook(page, 'config');

/** @param {Page} page @param {string} selector */
const count = (page, selector) => page.locator(selector).count();

/**
 * Waits until the boundary canvas's hash satisfies `ok` (the page redraws on
 * pointer and key events, so this settles within a frame or two).
 * @param {Page} page
 * @param {(hash: string) => boolean} ok
 * @param {string} what
 */
async function waitForHash(page, ok, what, timeout = 5000) {
  const end = Date.now() + timeout;
  let hash = await canvasHash(page);
  while (!ok(hash)) {
    if (Date.now() > end) assert.fail(`boundary canvas never ${what} (hash ${hash})`);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
    hash = await canvasHash(page);
  }
  return hash;
}

/**
 * Every link's |w| (from the core) and the stroke width it was painted with.
 * @param {Page} page
 */
function linkWidths(page) {
  return page.evaluate(() => {
    const bp = /** @type {NonNullable<typeof window.__bp>} */ (window.__bp);
    const { layers } = bp.weights();
    return bp.diagram().links.map(({ link, width }) => {
      const [l, i, j] = link.split(',').map(Number);
      return { link, abs: Math.abs(layers[l].weights[i][j]), width };
    });
  });
}

/**
 * The spoken label of the weight the listbox is on, once it ends with `ending`.
 * @param {Page} page
 * @param {RegExp} ending
 */
async function waitForLabel(page, ending) {
  await page.waitForFunction((source) => {
    const list = document.querySelector('.nv-weights');
    const id = list?.getAttribute('aria-activedescendant');
    return new RegExp(source).test((id && document.getElementById(id)?.getAttribute('aria-label')) || '');
  }, ending.source);
  return (await activeWeight(page)).label ?? '';
}

test('input switches add and remove features and their links; the last one cannot go', async () => {
  const { page, context, errors } = await openPage(env);
  assert.deepEqual((await runningConfig(page))?.features, ['x1', 'x2']);
  // All seven candidates are drawn; the two active ones are numbered nodes.
  assert.equal(await count(page, '[data-feature]'), 7);
  assert.equal(await count(page, '[data-feature][data-node]'), 2);
  assert.equal(await linkCount(page, '0,'), 2 * 4);

  const x1Sq = page.getByRole('button', { name: 'Input x₁² (off)' });
  assert.equal(await x1Sq.getAttribute('aria-pressed'), 'false');
  await x1Sq.click();
  assert.deepEqual((await runningConfig(page))?.features, ['x1', 'x2', 'x1Sq']);
  assert.equal(await linkCount(page, '0,'), 3 * 4);
  const on = page.getByRole('button', { name: 'Input x₁² (on)' });
  assert.equal(await on.getAttribute('aria-pressed'), 'true');
  assert.equal(await on.getAttribute('data-node'), '2');

  // By keyboard: Space switches it off again and the focus stays on the switch.
  await on.focus();
  await page.keyboard.press('Space');
  assert.deepEqual((await runningConfig(page))?.features, ['x1', 'x2']);
  assert.equal(await linkCount(page, '0,'), 2 * 4);
  await page.waitForFunction(() => /** @type {HTMLElement | null} */ (document.activeElement)?.dataset.feature === 'x1Sq');

  // Down to one input; switching that one off is refused with a message.
  await page.locator('[data-feature="x1"]').click();
  assert.deepEqual((await runningConfig(page))?.features, ['x2']);
  assert.equal(await linkCount(page, '0,'), 4);
  await page.locator('[data-feature="x2"]').click();
  assert.deepEqual((await runningConfig(page))?.features, ['x2'], 'the last input was switched off');
  assert.equal(await linkCount(page, '0,'), 4);
  assert.match(await page.locator('#network-msg').textContent() ?? '', /At least one input feature/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the − / + buttons over a hidden layer change its units and the nodes drawn', async () => {
  const { page, context, errors } = await openPage(env);
  assert.equal(await count(page, '[data-node]'), 9);
  await page.getByRole('button', { name: 'Add a unit to hidden layer 2' }).click();
  assert.deepEqual((await runningConfig(page))?.hidden, [4, 3]);
  assert.equal(await count(page, '[data-node]'), 10);
  assert.equal(await linkCount(page, '1,'), 4 * 3);
  await page.getByRole('button', { name: 'Remove a unit from hidden layer 1' }).click();
  assert.deepEqual((await runningConfig(page))?.hidden, [3, 3]);
  assert.equal(await count(page, '[data-node]'), 9);
  assert.equal(await linkCount(page, '0,'), 2 * 3);

  // The limits: − is off at 1 unit, + at 32.
  const features = (await page.evaluate(() => window.__bp?.loadConfig({ dataset: 'circle', hidden: [1, 32] })))?.features ?? [];
  const minus = page.getByRole('button', { name: 'Remove a unit from hidden layer 1' });
  const plus = page.getByRole('button', { name: 'Add a unit to hidden layer 2' });
  assert.equal(await minus.isDisabled(), true);
  assert.equal(await plus.isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Add a unit to hidden layer 1' }).isDisabled(), false);
  assert.equal(await count(page, '[data-node]'), features.length + 1 + 32 + 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hovering a node shows its output on the main plot; leaving, or Escape after Tab, goes back', async () => {
  const { page, context, errors } = await openPage(env);
  const output = await canvasHash(page);
  const node = page.locator('[data-node="6"]');
  await node.hover();
  const shown = await waitForHash(page, (h) => h !== output, 'changed on hover');
  assert.match(await node.getAttribute('class') ?? '', /is-focused/);
  // Another node shows another picture.
  await page.locator('[data-node="3"]').hover();
  await waitForHash(page, (h) => h !== output && h !== shown, 'changed for a second node');
  await page.mouse.move(2, 2);
  await waitForHash(page, (h) => h === output, 'went back to the output after leaving');
  assert.equal(await count(page, '.nv-node.is-focused'), 0);

  // Keyboard: Tab onto a node shows it, Escape goes back.
  await page.locator('[data-node="5"]').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-node')), '6');
  await waitForHash(page, (h) => h === shown, 'showed node 6 on Tab');
  await page.keyboard.press('Escape');
  await waitForHash(page, (h) => h === output, 'went back to the output on Escape');
  assert.deepEqual(errors, []);
  await context.close();
});

test('tapping a node shows it; tapping it again, or the empty view, goes back', async () => {
  const { page, context, errors } = await openPage(env, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  const output = await canvasHash(page);
  const node = page.locator('[data-node="7"]');
  await node.tap();
  const shown = await waitForHash(page, (h) => h !== output, 'changed on tap');
  assert.match(await node.getAttribute('class') ?? '', /is-focused/);
  await node.tap();
  await waitForHash(page, (h) => h === output, 'went back on a second tap');

  await node.tap();
  await waitForHash(page, (h) => h === shown, 'showed the node again');
  // An empty spot of the view: just under the header row, left of the first hidden column.
  const box = await page.locator('#network-view').boundingBox();
  assert.ok(box);
  await page.touchscreen.tap(box.x + box.width - 4, box.y + 2);
  await waitForHash(page, (h) => h === output, 'went back on a tap on the empty view');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a weight edited in the editor changes the boundary; bad values are refused and change nothing', async () => {
  const { page, context, errors } = await openPage(env);
  const before = await canvasHash(page);
  const lossBefore = (await hook(page, 'stats'))?.trainLoss;
  const editor = page.getByRole('dialog');
  const input = editor.getByRole('textbox', { name: 'New value' });
  const message = editor.locator('.nv-editor-msg');
  // w from h₂,₂ to ŷ, clicked on its curve: the listbox goes to it.
  const hit = () => clickLink(page, '2,1,0');
  // (Measured before anything has it in focus: the focus's halo is painted under it.)
  const thin = await linkThickness(page, (await diagram(page)).links.find((l) => l.link === '2,1,0') ?? assert.fail());

  // Refusals: not a number (ours), out of range (the core's message).
  await hit();
  await editor.waitFor({ state: 'visible' });
  const labelBefore = (await activeWeight(page)).label;
  assert.equal((await activeWeight(page)).name, '2,1,0');
  assert.match(labelBefore ?? '', /^Weight w_ij of layer 3: from hidden layer 2, unit 2 to output: /);
  assert.match(await editor.textContent() ?? '', /w from h₂,₂ to ŷ/);
  await input.fill('abc');
  await input.press('Enter');
  await message.waitFor({ state: 'visible' });
  assert.match(await message.textContent() ?? '', /“abc” is not a number/);
  assert.equal(await input.inputValue(), 'abc', 'the typed value was not kept');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  await input.fill('1e9');
  await editor.getByRole('button', { name: 'Apply' }).click();
  await page.waitForFunction(() => /is not allowed/.test(document.querySelector('.nv-editor-msg')?.textContent ?? ''));
  assert.equal(await input.inputValue(), '1e9');
  assert.equal(await editor.isVisible(), true, 'the editor closed on a refused value');
  assert.equal(await canvasHash(page), before, 'a refused value changed the boundary');
  await input.press('Escape');
  await editor.waitFor({ state: 'hidden' });
  assert.deepEqual(await activeWeight(page), { focused: true, name: '2,1,0', label: labelBefore });

  // A good value: the boundary, the loss and the link's label and width follow.
  await hit();
  await input.fill('5');
  await input.press('Enter');
  await editor.waitFor({ state: 'hidden' });
  await waitForHash(page, (h) => h !== before, 'changed after the edit');
  assert.notEqual((await hook(page, 'stats'))?.trainLoss, lossBefore, 'the loss did not follow the edit');
  await waitForLabel(page, /: 5$/);
  assert.equal((await activeWeight(page)).name, '2,1,0');
  const widths = await linkWidths(page);
  const edited = widths.find((w) => w.link === '2,1,0');
  assert.ok(edited);
  for (const other of widths) {
    if (other !== edited) assert.ok(edited.width > other.width, `link ${other.link} is ${other.width} px, the edited one only ${edited.width} px`);
  }
  // The canvas shows it: the stroke through the link's middle is as thick as
  // its width says (once the focus, whose halo is painted under it, has left).
  await page.evaluate(() => /** @type {HTMLElement} */ (document.activeElement).blur());
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const thick = await linkThickness(page, (await diagram(page)).links.find((l) => l.link === '2,1,0') ?? assert.fail());
  assert.ok(Math.abs(thick.drawn - thick.expected) <= 1.5, `the edited link is painted ${thick.drawn} px thick, not ${thick.expected}`);
  assert.ok(thick.drawn > thin.drawn + 2, `the link was ${thin.drawn} px thick and is ${thick.drawn} px after the edit`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('biases edit the same way, and weights are editable by keyboard alone', async () => {
  const { page, context, errors } = await openPage(env);
  const before = await canvasHash(page);
  const editor = page.getByRole('dialog');
  const input = editor.getByRole('textbox', { name: 'New value' });

  const bias = page.locator('[data-bias="0,0"]');
  await bias.click();
  assert.match(await editor.textContent() ?? '', /Bias w₀ of h₁,₁/);
  await input.fill('−3');
  await input.press('Enter');
  await editor.waitFor({ state: 'hidden' });
  const afterBias = await waitForHash(page, (h) => h !== before, 'changed after the bias edit');
  // The listbox is on it, the focus back there, and its tooltip says the new value.
  assert.equal((await activeWeight(page)).name, '0,0');
  assert.match(await waitForLabel(page, /: −3$/), /^Bias w_0j \(threshold\) of hidden layer 1, unit 1: −3$/);
  assert.match(await bias.locator('title').textContent() ?? '', /^Bias w₀ of h₁,₁ = −3\n/);
  // Painted as a larger square in the negative colour, on the node's lower-left corner.
  const drawn = await diagram(page);
  const square = drawn.biases.find((b) => b.bias === '0,0') ?? assert.fail('no bias 0,0 painted');
  assert.equal(square.negative, true);
  assert.ok(square.side > 4, `the square of w₀ = −3 is ${square.side} px`);
  const centre = (await canvasPixels(page, { x: square.x - 1, y: square.y - 1, width: 2, height: 2 })).at(square.x, square.y);
  assert.ok(colourDistance(centre, rgb(drawn.negative)) <= 3 && centre[3] === 255,
    `the bias square's centre is rgba(${centre}), not ${drawn.negative}`);
  // The mouse rests away from the nodes so that no hover decides what the plot shows.
  await page.mouse.move(2, 2);
  await waitForHash(page, (h) => h === afterBias, 'showed the output with the mouse away');

  // Keyboard: the weights are one tab stop; arrows move, Enter edits, Escape cancels.
  await page.locator('[data-node="8"]').focus();
  await page.keyboard.press('Tab');
  const first = await activeWeight(page);
  assert.ok(first.focused, 'Tab after the last node did not reach the weights');
  assert.equal(first.name, '0,0');
  // Leaving the nodes for the weights puts the output back on the plot.
  await waitForHash(page, (h) => h === afterBias, 'went back to the output on leaving the nodes');
  await page.keyboard.press('ArrowDown');
  assert.equal((await activeWeight(page)).name, '0,0,0');
  assert.match((await activeWeight(page)).label ?? '', /^Weight w_ij of layer 1: from input x₁ to hidden layer 1, unit 1: /);
  await page.keyboard.press('Enter');
  await editor.waitFor({ state: 'visible' });
  assert.match(await editor.textContent() ?? '', /w from x₁ to h₁,₁/);
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'hidden' });
  const back = await activeWeight(page);
  assert.ok(back.focused && back.name === '0,0,0', `focus did not return to the weight: ${JSON.stringify(back)}`);
  assert.equal(await canvasHash(page), afterBias, 'Escape changed something');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('-4');
  await page.keyboard.press('Enter');
  await editor.waitFor({ state: 'hidden' });
  await waitForHash(page, (h) => h !== afterBias, 'changed after the keyboard edit');
  await waitForLabel(page, /: −4$/);
  assert.equal((await activeWeight(page)).name, '0,0,0');
  assert.deepEqual(errors, []);
  await context.close();
});

test('link widths follow |w|, and update in place while training', async () => {
  const { page, context, errors } = await openPage(env);
  await page.evaluate(() => window.__bp?.loadConfig({
    dataset: 'spiral', features: ['x1', 'x2', 'x1Sq', 'x2Sq', 'x1x2', 'sinX1', 'sinX2'],
    hidden: [8, 8, 8, 8, 8, 8], regularization: 'l2', regularizationRate: 0.001,
  }));
  assert.equal(await linkCount(page), 7 * 8 + 5 * 8 * 8 + 8);
  assert.equal(await count(page, '[data-node]'), 7 + 6 * 8 + 1);
  assert.equal((await diagram(page)).nodes.length, 6 * 8 + 1, 'not every hidden and output node is painted');
  // Same elements before and after training: marked here, checked after.
  await page.evaluate(() => document.querySelectorAll('[data-bias], [data-node]').forEach((el) => el.setAttribute('data-mark', '1')));
  const widthsBefore = await linkWidths(page);
  await page.evaluate(() => window.__bp?.play());
  await page.waitForFunction(() => (window.__bp?.frames() ?? 0) >= 30);
  await page.evaluate(() => window.__bp?.pause());
  assert.equal(await count(page, '[data-bias]:not([data-mark])'), 0, 'biases were rebuilt while training');
  assert.equal(await count(page, '[data-node]:not([data-mark])'), 0, 'nodes were rebuilt while training');
  // The picture catches up with the last snapshot within a frame or two of the pause.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const widths = await linkWidths(page);
  assert.notDeepEqual(widths.map((w) => w.width), widthsBefore.map((w) => w.width), 'training changed no width');
  const sorted = [...widths].sort((a, b) => a.abs - b.abs);
  for (let k = 1; k < sorted.length; k += 1) {
    // Widths are rounded to 0.1 px: allow that much.
    assert.ok(sorted[k].width >= sorted[k - 1].width - 0.1,
      `|w| ${sorted[k].abs} drawn ${sorted[k].width} px, thinner than |w| ${sorted[k - 1].abs} at ${sorted[k - 1].width} px`);
  }
  assert.ok(sorted[sorted.length - 1].width > sorted[0].width, 'every link has the same width');
  // What the listbox says of a link is its trained value (four significant digits).
  await page.locator('.nv-weights').focus();
  await page.keyboard.press('End');
  const last = await activeWeight(page);
  assert.equal(last.name, '6,7,0');
  const spoken = Number((last.label ?? '').split(': ').pop()?.replace('−', '-'));
  const trained = (await hook(page, 'weights')).layers[6].weights[7][0];
  assert.ok(Math.abs(spoken - trained) <= 5e-4 * Math.abs(trained), `w from h₆,₈ to ŷ is ${trained}, the listbox says ${last.label}`);
  assert.deepEqual(errors, []);
  await context.close();
});
