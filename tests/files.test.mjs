// Files (www/js/app/files.js, crate/src/files.rs): a model downloads as JSON and
// opens again in a fresh page with the same config and exactly the same
// weights; data download as CSV and open again as the custom dataset; a
// malformed model or CSV file is refused with the line or part and the
// reason, and the page keeps what it had.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hook, openPage, setup } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */

/** @param {Page} page */
const config = (page) => hook(page, 'config');
/** @param {Page} page */
const weights = (page) => hook(page, 'weights');
/** @param {Page} page */
const points = (page) => page.evaluate(() => /** @type {NonNullable<Window['__bp']>} */ (window.__bp).points());
/** @param {Page} page */
const filesMessage = (page) => page.locator('#files-msg').textContent();

/** @param {Page} page */
async function openFiles(page) {
  await page.locator('#files-menu > summary').click();
  await page.locator('#model-download').waitFor({ state: 'visible' });
}

/**
 * Clicks a download button and returns the file's name and text.
 * @param {Page} page
 * @param {string} button
 */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  // (The browser may be shared and remote: read the file through its stream.)
  const chunks = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk);
  return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

/**
 * Chooses a file in one of the file inputs and waits for the page's answer.
 * @param {Page} page
 * @param {string} input
 * @param {string} name
 * @param {string} text
 */
async function open(page, input, name, text) {
  const before = await filesMessage(page);
  await page.locator(input).setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.waitForFunction((old) => {
    const now = document.querySelector('#files-msg')?.textContent ?? '';
    return now !== '' && now !== old;
  }, before);
  return (await filesMessage(page)) ?? '';
}

test('a model downloads as JSON and opens in a fresh page with exactly the same weights', async () => {
  const a = await openPage(env, { hash: '#v=1&dataset=xor&hidden=3&activation=relu&seed=7' });
  for (let i = 0; i < 5; i += 1) await a.page.getByTestId('step').click();
  await openFiles(a.page);
  const file = await download(a.page, '#model-download');
  assert.equal(file.name, 'backprop-xor-epoch5.json');
  const model = JSON.parse(file.text);
  assert.equal(model.format, 'backprop-playground-model');
  assert.equal(model.epoch, 5);
  assert.deepEqual(model.config.hidden, [3]);
  const sentWeights = await weights(a.page);
  const sentConfig = await config(a.page);
  assert.deepEqual(model.layers.map((/** @type {any} */ l) => l.weights), sentWeights.layers.map((l) => l.weights));
  assert.deepEqual(a.errors, []);
  await a.context.close();

  const b = await openPage(env);
  await openFiles(b.page);
  const said = await open(b.page, '#model-file', file.name, file.text);
  assert.match(said, /^Opened backprop-xor-epoch5\.json: a 2-3-1 network trained for 5 epochs/);
  assert.deepEqual(await config(b.page), sentConfig);
  assert.deepEqual(await weights(b.page), sentWeights, 'the weights are not exactly the same');
  assert.match(await b.page.evaluate(() => location.hash), /^#v=1&dataset=xor&hidden=3&activation=relu&seed=7&weights=/);
  // It trains on from there, and Reset comes back to the file's weights.
  await b.page.getByTestId('step').click();
  assert.notDeepEqual(await weights(b.page), sentWeights);
  await b.page.getByTestId('reset').click();
  assert.deepEqual(await weights(b.page), sentWeights);
  assert.deepEqual(b.errors, []);
  await b.context.close();
});

test('a malformed model file is refused with the reason and nothing changes', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#v=1&dataset=gauss' });
  await openFiles(page);
  const before = { config: await config(page), weights: await weights(page) };
  const cases = [
    ['broken.json', '{"format": "backprop-playground-model",', /^broken\.json was not opened: it is not JSON \(/],
    ['other.json', '{"hello": 1}', /^other\.json was not opened: model: (missing field `format`|unknown field `hello`)/],
    ['wrong.json', JSON.stringify({ format: 'backprop-playground-model', version: 1, config: { hidden: [3] }, layers: [] }),
      /^wrong\.json was not opened: layers: the weights are for layer sizes \[0\], but the config describes \[2, 3, 1\]/],
    ['eta.json', JSON.stringify({ format: 'backprop-playground-model', version: 1, config: { learningRate: 50 }, layers: [] }),
      /^eta\.json was not opened: config: learningRate = 50 is out of range/],
    ['huge.json', `{"hidden": [${'1,'.repeat(1_200_000)}1]}`,
      /^huge\.json was not opened: it is 2,400,015 bytes, more than the 2,097,152 this page reads\./],
  ];
  for (const [name, text, expected] of /** @type {[string, string, RegExp][]} */ (cases)) {
    const said = await open(page, '#model-file', name, text);
    assert.match(said, expected);
    assert.match(said, /Nothing changed\.$/);
    assert.equal(await page.locator('#files-msg').getAttribute('data-kind'), 'error');
    assert.deepEqual(await config(page), before.config, `${name} changed the config`);
    assert.deepEqual(await weights(page), before.weights, `${name} changed the weights`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('data download as CSV and open again as the custom dataset', async () => {
  const a = await openPage(env, { hash: '#v=1&dataset=moons&noise=20&numPoints=120' });
  await openFiles(a.page);
  const file = await download(a.page, '#data-download');
  assert.equal(file.name, 'backprop-moons-data.csv');
  const lines = file.text.trim().split('\n');
  assert.equal(lines[0], 'x1,x2,label');
  assert.equal(lines.length, 121);
  const sent = await points(a.page);
  await a.context.close();

  const b = await openPage(env);
  await openFiles(b.page);
  const said = await open(b.page, '#data-file', 'moons.csv', file.text);
  assert.equal(said, 'Opened moons.csv: 120 points, classification. The dataset is now “Custom”.');
  const c = await config(b.page);
  assert.equal(c.dataset, 'custom');
  assert.equal(c.customProblem, 'classification');
  const expected = [];
  for (let i = 0; i < sent.length; i += 4) expected.push({ x1: sent[i], x2: sent[i + 1], label: sent[i + 2] });
  assert.deepEqual(c.customPoints, expected, 'the points did not come back exactly');
  assert.equal(await b.page.getByTestId('dataset').inputValue(), 'custom');
  assert.match(await b.page.evaluate(() => location.hash), /dataset=custom.*&customPoints=[A-Za-z0-9_-]+$/);
  // The custom data survive a reload: they are in the link.
  await b.page.reload();
  await b.page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && window.__bp?.config().dataset === 'custom');
  assert.deepEqual((await config(b.page)).customPoints, expected);
  await b.page.getByTestId('step').click();
  assert.ok(Number.isFinite((await b.page.evaluate(() => window.__bp?.stats().trainLoss)) ?? NaN));

  // Too many custom points for a shareable link: Share says so and points to the files.
  const many = Array.from({ length: 1100 }, (_, i) => `${((i % 97) / 97 * 11.5 - 5.75).toFixed(6)},${((i * 37 % 101) / 101 * 11.5 - 5.75).toFixed(6)},${i % 2}`).join('\n');
  assert.match(await open(b.page, '#data-file', 'many.csv', many), /1100 points, classification/);
  await b.page.locator('#share-menu > summary').click();
  await b.page.locator('#share-copy').click();
  await b.page.waitForFunction(() => /custom points/.test(document.querySelector('#share-msg')?.textContent ?? ''));
  assert.match(await b.page.locator('#share-msg').textContent() ?? '',
    /^This run's link would be [\d,]+ characters long, most of it the 1,100 custom points: more than the 32,000 a link can reliably carry\. Use Files → Download data/);
  assert.equal(await b.page.locator('#share-link').inputValue(), '');
  await b.page.keyboard.press('Escape');

  // A regression file becomes a regression dataset with its problem type.
  const said2 = await open(b.page, '#data-file', 'values.csv', '0,0,0.5\n1,1,-0.25\n-2,3,1\n4,-4,0\n');
  assert.match(said2, /4 points, regression/);
  assert.equal(await b.page.locator('#problem').inputValue(), 'regression');
  assert.deepEqual(b.errors, []);
  await b.context.close();
});

test('a malformed CSV file is refused with the line and the reason; the data stay', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#v=1&dataset=spiral' });
  await openFiles(page);
  const before = { config: await config(page), points: await points(page) };
  const cases = [
    ['letters.csv', 'x1,x2,label\n1,2,0\n1,2,abc\n', 'line 3: label “abc” is not a number'],
    ['short.csv', '1,2,0\n3,4\n', 'line 2: 2 values; each line needs three: x1,x2,label'],
    ['far.csv', '1,2,0\n99,0,1\n', 'line 2: x1 = 99 lies too far out: −24 to 24 allowed'],
    ['mixed.csv', '0,0,0.5\n1,1,3\n', 'the labels mix classes and values'],
    ['one.csv', 'x1,x2,label\n1,1,1\n', 'the file holds 1 points; a dataset needs 2 to 5000'],
    ['markup.csv', '1,2,0\n<img src=x onerror=alert(1)>,2,0\n', 'line 2: x1 “<img src=x onerror=alert…” is not a number'],
  ];
  for (const [name, text, expected] of cases) {
    const said = await open(page, '#data-file', name, text);
    assert.ok(said.startsWith(`${name} was not opened, the data stay as they were:\n${expected}`), said);
    assert.deepEqual(await config(page), before.config, `${name} changed the config`);
    assert.deepEqual(await points(page), before.points, `${name} changed the data`);
  }
  assert.equal(await page.locator('#files-msg img').count(), 0);
  // Several bad lines are all named (up to five).
  const said = await open(page, '#data-file', 'many.csv', '1,2,x\n'.repeat(8));
  assert.equal(said.split('\n').length, 1 + 5);
  assert.deepEqual(errors, []);
  await context.close();
});
