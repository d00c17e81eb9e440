// The gradient-flow chart (www/js/output/gradflow.js) and the |δ| gauges on the
// network's nodes (www/js/network/deltas.js): one line and one legend entry per layer
// of weights with the core's numbers, a readout that names the layers, and
// vanishing gradients in a deep sigmoid stack that ReLU does not show.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { formatMagnitude } from '../www/js/lib/format.js';
import { diagram, gaugeFill } from './diagram.mjs';
import { canvasHash, hook, nextFrames, openPage, setup, trainConfig } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */

const DEEP = [8, 8, 8, 8, 8, 8];

/**
 * A number as the page writes it: plain, or 3.2×10⁻⁵.
 * @param {string} text
 */
function parseMagnitude(text) {
  const plain = text.trim().replace('−', '-')
    .replace(/×10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/, (_, exp) => `e${[...exp].map((c) => '-0123456789'['⁻⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)]).join('')}`);
  const value = Number(plain);
  assert.ok(Number.isFinite(value), `"${text}" is not a number`);
  return value;
}

/**
 * The legend: each layer's name and latest value.
 * @param {Page} page
 */
async function legend(page) {
  const items = await page.locator('.gradflow-key').evaluateAll((els) => els.map((el) => ({
    name: el.querySelector('.gradflow-name')?.textContent ?? '',
    value: el.querySelector('.gradflow-value')?.textContent ?? '',
  })));
  return items;
}

/**
 * Mean |δ| per column of the diagram, from what each node's description says
 * ("mean |δ| = 3.2×10⁻⁵ over the last epoch"), hidden layers then the output.
 * The descriptions follow the numbers at most twice a second while training
 * and catch up shortly after it pauses: this waits for that.
 * @param {Page} page
 * @param {number[]} sizes  units per layer after the inputs
 */
async function deltasByLayer(page, sizes) {
  await page.waitForFunction(() => window.__bp?.diagram().labelsPending === false);
  // The descriptions follow the snapshots at most every quarter second.
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.nv-delta')).every((el) => /^mean /.test(el.textContent ?? '')));
  const texts = await page.locator('.nv-delta').allTextContents();
  const values = texts.map((text) => parseMagnitude(text.match(/^mean \|δ\| = (\S+) over the last epoch$/)?.[1] ?? `"${text}"`));
  assert.equal(values.length, sizes.reduce((a, b) => a + b, 0));
  const out = [];
  let k = 0;
  for (const n of sizes) {
    out.push(values.slice(k, k + n).reduce((a, b) => a + b, 0) / n);
    k += n;
  }
  return out;
}

test('the chart draws a line per layer of weights, and its legend and readout name them with the core\'s numbers', async () => {
  const { page, context, errors } = await openPage(env);
  // The fresh page: inputs x₁, x₂, hidden layers [4, 2], one output: three layers of weights.
  assert.deepEqual((await legend(page)).map((k) => k.name), ['x → h₁', 'h₁ → h₂', 'h₂ → ŷ']);
  assert.deepEqual((await legend(page)).map((k) => k.value), ['–', '–', '–'], 'epoch 0 has no gradient yet');
  const fresh = await canvasHash(page, '#gradflow-chart');

  for (let i = 0; i < 5; i += 1) await page.getByTestId('step').click();
  await nextFrames(page);
  assert.notEqual(await canvasHash(page, '#gradflow-chart'), fresh, 'the chart did not draw the epochs');
  assert.equal(await page.locator('#gradflow').getAttribute('data-epochs'), '5');

  // The truth: the same config replayed in a second Playground.
  const truth = await page.evaluate(async () => {
    const core = await import(new URL('pkg/backprop_playground.js', document.baseURI).href);
    const pg = new core.Playground(window.__bp?.config());
    try {
      pg.step(5);
      const flow = /** @type {number[]} */ (Array.from(pg.gradientFlow()));
      return { first: flow.slice(1, 4), last: flow.slice(-3) };
    } finally {
      pg.free();
    }
  }).then(({ first, last }) => ({ first: first.map(formatMagnitude), last: last.map(formatMagnitude) }));
  assert.deepEqual((await legend(page)).map((k) => k.value), truth.last);

  const chart = page.locator('#gradflow-chart');
  const box = await chart.boundingBox();
  assert.ok(box);
  await chart.hover({ position: { x: box.width - 12, y: box.height / 2 } });
  const reading = (await page.locator('#gradflow-readout').textContent()) ?? '';
  assert.equal(reading, `Epoch 5 · x → h₁ ${truth.last[0]} · h₁ → h₂ ${truth.last[1]} · h₂ → ŷ ${truth.last[2]}`);

  // The keyboard reads the recorded epochs too.
  await chart.focus();
  await page.keyboard.press('Home');
  assert.equal(await page.locator('#gradflow-readout').textContent(),
    `Epoch 1 · x → h₁ ${truth.first[0]} · h₁ → h₂ ${truth.first[1]} · h₂ → ŷ ${truth.first[2]}`);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#gradflow-readout').textContent(), 'Hover or tap the chart to read an epoch');

  // Reset clears the flow.
  await page.getByTestId('reset').click();
  await nextFrames(page);
  assert.deepEqual((await legend(page)).map((k) => k.value), ['–', '–', '–']);
  assert.equal(await page.locator('#gradflow').getAttribute('data-epochs'), '0');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a deep sigmoid stack shows its gradients vanishing toward the inputs; ReLU does not', async () => {
  const { page, context, errors } = await openPage(env);
  await trainConfig(page, { dataset: 'circle', hidden: DEEP, activation: 'sigmoid' }, 10);
  const sigmoid = await legend(page);
  assert.deepEqual(sigmoid.map((k) => k.name), ['x → h₁', 'h₁ → h₂', 'h₂ → h₃', 'h₃ → h₄', 'h₄ → h₅', 'h₅ → h₆', 'h₆ → ŷ']);
  const g = sigmoid.map((k) => parseMagnitude(k.value));
  // Smaller at every step back from the output (the first layer is lifted by
  // its inputs, up to 6, so it is compared two layers on).
  for (let l = 1; l + 1 < g.length; l += 1) assert.ok(g[l] < g[l + 1], `layer ${l + 1} ${g[l]} ≥ layer ${l + 2} ${g[l + 1]}`);
  assert.ok(g[0] < g[2], `${g}`);
  assert.ok(g[0] < 1e-3 * g[6], `the first layer gets ${g[0]}, the last ${g[6]}`);
  const note = page.locator('.gradflow-note');
  assert.ok(await note.isVisible());
  assert.match(await note.textContent() ?? '', /^Vanishing gradients: the first layer's weights get \S+ times the gradient of the last layer's/);

  // The diagram's gauges: |δ| shrinks layer by layer toward the inputs.
  const deltas = await deltasByLayer(page, [...DEEP, 1]);
  for (let l = 0; l + 1 < deltas.length; l += 1) assert.ok(deltas[l] < deltas[l + 1], `|δ| per layer ${deltas}`);
  // Painted: the first hidden node's bar (node 2) is shorter than the output's (node 2 + 6·8), each as long as it should be.
  const first = await gaugeFill(page, 2);
  const output = await gaugeFill(page, 2 + 6 * 8);
  for (const [name, g] of [['first hidden node', first], ['output', output]]) {
    assert.ok(g.expected !== null && Math.abs(g.drawn - g.expected) <= 1.5, `the ${name}'s gauge is painted ${g.drawn} px long, not ${g.expected}`);
  }
  assert.ok(first.drawn < output.drawn, `the first hidden node's gauge (${first.drawn} px) is not shorter than the output's (${output.drawn} px)`);
  assert.match(await page.locator('.nv-node[data-node="2"]').getAttribute('title') ?? '', /\|δ_j\| = \|∂L\/∂net_j\|, averaged over the last epoch's examples: \S+/);
  assert.match(await page.locator('#nv-delta-2').textContent() ?? '', /^mean \|δ\| = \S+ over the last epoch$/);
  // The description is out of the layout (its 256 changing texts on a large
  // network would lay the diagram out again), and still the node's.
  assert.equal(await page.locator('#nv-delta-2').isHidden(), true);
  assert.equal(await page.locator('.nv-node[data-node="2"]').getAttribute('aria-describedby'), 'nv-delta-2');

  await trainConfig(page, { dataset: 'circle', hidden: DEEP, activation: 'relu' }, 10);
  const r = (await legend(page)).map((k) => parseMagnitude(k.value));
  assert.ok(r[0] > 1e-2 * r[6], `ReLU: the first layer gets ${r[0]}, the last ${r[6]}`);
  assert.ok(r[0] / r[6] > 100 * (g[0] / g[6]));
  assert.ok(await note.isHidden(), 'ReLU is called vanishing');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the |δ| gauges switch off and on without touching the run', async () => {
  const { page, context, errors } = await openPage(env);
  for (let i = 0; i < 3; i += 1) await page.getByTestId('step').click();
  // The output's gauge: painted (its |δ| is the network's largest, so the bar is full).
  const shown = await gaugeFill(page, 8);
  assert.ok(shown.expected !== null && shown.drawn > 10 && Math.abs(shown.drawn - shown.expected) <= 1.5, `gauge ${JSON.stringify(shown)}`);
  const toggle = page.getByLabel('Show |δ| on the nodes');
  const weights = await page.evaluate(() => JSON.stringify(window.__bp?.weights()));
  await toggle.uncheck();
  await nextFrames(page);
  assert.equal((await diagram(page)).gauges, null);
  // A display setting: the link keeps it.
  assert.match(await page.evaluate(() => location.hash), /&showDeltas=false/);
  assert.equal((await gaugeFill(page, 8)).drawn, 0, 'the gauge is still painted');
  assert.doesNotMatch(await page.locator('.nv-node[data-node="8"]').getAttribute('title') ?? '', /δ_j/);
  await toggle.press('Space');
  assert.ok(await toggle.isChecked());
  await nextFrames(page);
  assert.deepEqual(await gaugeFill(page, 8), shown, 'the gauge did not come back as it was');
  assert.equal((await hook(page, 'stats')).epoch, 3, 'the toggle rebuilt the network');
  assert.equal(await page.evaluate(() => JSON.stringify(window.__bp?.weights())), weights);
  // A rebuilt diagram (one more unit) gets its gauges back.
  await page.locator('[data-units="0,1"]').click();
  await page.getByTestId('step').click();
  await nextFrames(page);
  assert.equal(await page.locator('.nv-delta').count(), 5 + 2 + 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link with showDeltas=false opens with the gauges off', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#v=1&showDeltas=false' });
  await page.getByTestId('step').click();
  await nextFrames(page);
  assert.equal(await page.getByLabel('Show |δ| on the nodes').isChecked(), false);
  assert.equal((await diagram(page)).gauges, null);
  assert.equal((await gaugeFill(page, 8)).drawn, 0, 'the gauge is painted');
  assert.deepEqual(errors, []);
  await context.close();
});
