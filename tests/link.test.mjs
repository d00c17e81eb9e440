// The link is the state (www/js/app/link.js, crate/src/link.rs): a link with bad
// parts loads the rest and lists each problem without running any of it as
// markup; the hash follows every change and back/forward step through them;
// two fresh pages on one link train identically; Share copies the link (or
// shows it selected where the clipboard is off limits), with trained weights
// when asked, and says so when a network is too large for a link.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hook, openPage, readNumber, setup, waitReady } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */

/** @param {Page} page */
const config = (page) => hook(page, 'config');
/** @param {Page} page */
const hash = (page) => page.evaluate(() => location.hash);
/** @param {Page} page */
const weights = (page) => hook(page, 'weights');
/** @param {Page} page */
const stats = (page) => hook(page, 'stats');

/**
 * Every weight and bias, layer by layer, as one list.
 * @param {{ layers: { weights: number[][], biases: number[] }[] }} w
 */
const flat = (w) => w.layers.flatMap((l) => [...l.weights.flat(), ...l.biases]);

/** @param {Page} page */
async function openShare(page) {
  await page.locator('#share-menu > summary').click();
  await page.locator('#share-copy').waitFor({ state: 'visible' });
}

test('a link with bad parts applies the rest and lists each problem as plain text', async () => {
  const bad = '#v=1&dataset=spiral&hidden=8,8&learningRate=abc&colour=%3Cimg%20src%3Dx%20onerror%3D%22window.pwned%3D1%22%3E'
    + '&noise=99&embed&x_hide=true&showTest=false';
  const { page, context, errors } = await openPage(env, { hash: bad });
  const c = await config(page);
  assert.equal(c.dataset, 'spiral');
  assert.deepEqual(c.hidden, [8, 8]);
  assert.equal(c.learningRate, 0.03, 'a bad η takes the default');
  assert.equal(c.noise, 0, 'an out-of-range noise takes the default');
  assert.equal((await page.evaluate(() => window.__bp?.display()))?.showTest, false, 'display settings come from the link');
  assert.equal(await page.locator('#show-test').isChecked(), false);

  const banner = page.locator('#link-warnings');
  await banner.waitFor({ state: 'visible' });
  assert.match(await page.locator('#link-warnings-title').textContent() ?? '', /^3 parts of this link could not be used/);
  const items = await page.locator('#link-warnings-list li').allTextContents();
  assert.equal(items.length, 3, items.join('\n'));
  assert.equal(items[0], 'learningRate = “abc”: not a number; used the default, 0.03.');
  assert.equal(items[1], 'colour = “<img src=x onerror="window.pwned=1">”: not a setting of this page; ignored.');
  assert.match(items[2], /^noise = 99 is out of range: 0 to 50 % allowed; used the default, 0\.$/);
  assert.equal(await banner.locator('img').count(), 0, 'markup from the link was rendered');
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).pwned), undefined);

  // The hash now reads as the page writes it, keeping the embed-mode names.
  assert.equal(await hash(page), '#v=1&dataset=spiral&hidden=8,8&showTest=false&embed&x_hide=true');

  await page.locator('#link-warnings-dismiss').click();
  await banner.waitFor({ state: 'hidden' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the hash follows each change, and back and forward step through them', async () => {
  const { page, context, errors } = await openPage(env);
  assert.equal(await hash(page), '#v=1');
  await page.getByTestId('dataset').selectOption('xor');
  assert.equal(await hash(page), '#v=1&dataset=xor');
  await page.getByLabel('Learning rate η', { exact: true }).selectOption('0.3');
  assert.equal(await hash(page), '#v=1&dataset=xor&learningRate=0.3');
  await page.locator('#discretize').check();
  assert.equal(await hash(page), '#v=1&dataset=xor&learningRate=0.3&discretize=true');

  await page.goBack();
  await page.waitForFunction(() => location.hash === '#v=1&dataset=xor&learningRate=0.3');
  await page.waitForFunction(() => !document.querySelector('#discretize')?.matches(':checked'));
  assert.equal((await page.evaluate(() => window.__bp?.display()))?.discretize, false);
  await page.goBack();
  await page.waitForFunction(() => window.__bp?.config().learningRate === 0.03);
  assert.equal(await page.locator('#learning-rate-typed').inputValue(), '0.03', 'the form follows back navigation');
  assert.equal((await config(page)).dataset, 'xor');
  await page.goForward();
  await page.waitForFunction(() => window.__bp?.config().learningRate === 0.3);
  assert.equal(await page.locator('#learning-rate-typed').inputValue(), '0.3');

  // A link typed into the address bar is followed too.
  await page.evaluate(() => { location.hash = 'v=1&dataset=gauss&hidden=3'; });
  await page.waitForFunction(() => window.__bp?.config().dataset === 'gauss');
  assert.deepEqual((await config(page)).hidden, [3]);
  assert.equal(await page.locator('#link-warnings').isHidden(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two fresh pages on the same link train to identical weights and losses', async () => {
  const link = '#v=1&dataset=spiral&noise=10&dataSeed=99&hidden=6,4&learningRate=0.01&optimizer=adam'
    + '&dropout=0.2,0&maxEpochs=40&jitter=0.1&seed=1234&speed=5';
  /** @param {string} h */
  async function train(h) {
    const { page, context, errors } = await openPage(env, { hash: h });
    await page.getByTestId('play').click();
    await page.waitForFunction(() => window.__bp?.stats().stopped?.kind === 'maxEpochs', null, { timeout: 30_000 });
    const out = {
      weights: await weights(page),
      stats: await stats(page),
      readouts: [await readNumber(page, 'train-loss'), await readNumber(page, 'test-loss')],
    };
    assert.deepEqual(errors, []);
    await context.close();
    return out;
  }
  const a = await train(link);
  const b = await train(link);
  assert.equal(a.stats.epoch, 40);
  assert.deepEqual(b.weights, a.weights, 'weights differ digit for digit');
  assert.equal(b.stats.trainLoss, a.stats.trainLoss);
  assert.equal(b.stats.testLoss, a.stats.testLoss);
  assert.deepEqual(b.readouts, a.readouts);
  // The seed is what makes them equal: another seed trains differently.
  const c = await train(link.replace('seed=1234', 'seed=1235'));
  assert.notDeepEqual(c.weights, a.weights);
});

test('Share copies the link; where the clipboard is off limits it shows it selected', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#v=1&dataset=moons&hidden=5' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.baseUrl).origin });
  await openShare(page);
  await page.locator('#share-copy').click();
  await page.waitForFunction(() => /copied/.test(document.querySelector('#share-msg')?.textContent ?? ''));
  const url = await page.evaluate(() => location.href);
  assert.match(url, /#v=1&dataset=moons&hidden=5$/);
  assert.equal(await page.locator('#share-link').inputValue(), url);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);

  // No clipboard API at all: the field holds the link, selected, and the message says how to copy it.
  await context.addInitScript(() => { Object.defineProperty(navigator, 'clipboard', { value: undefined }); });
  await page.reload();
  await waitReady(page);
  await openShare(page);
  await page.locator('#share-copy').click();
  await page.waitForFunction(() => /Ctrl\+C/.test(document.querySelector('#share-msg')?.textContent ?? ''));
  const field = await page.evaluate(() => {
    const input = /** @type {HTMLInputElement} */ (document.querySelector('#share-link'));
    return { value: input.value, focused: document.activeElement === input, start: input.selectionStart, end: input.selectionEnd };
  });
  assert.equal(field.value, url);
  assert.ok(field.focused, 'the field is not focused');
  assert.deepEqual([field.start, field.end], [0, url.length], 'the link is not selected');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link with trained weights shows the same network, which goes on training', async () => {
  const sender = await openPage(env, { hash: '#v=1&dataset=xor&hidden=5&learningRate=0.1' });
  for (let i = 0; i < 20; i += 1) await sender.page.getByTestId('step').click();
  const sent = flat(await weights(sender.page));
  const sentStats = await stats(sender.page);
  await openShare(sender.page);
  await sender.page.locator('#share-weights').click();
  await sender.page.waitForFunction(() => /trained weights \(epoch 20\)/.test(document.querySelector('#share-msg')?.textContent ?? ''));
  const url = await sender.page.locator('#share-link').inputValue();
  assert.match(url, /#v=1&dataset=xor&hidden=5&learningRate=0\.1&weights=[A-Za-z0-9_-]+$/);
  assert.deepEqual(sender.errors, []);
  await sender.context.close();

  const receiver = await openPage(env, { hash: url.slice(url.indexOf('#')) });
  const { page } = receiver;
  const got = flat(await weights(page));
  assert.equal(got.length, sent.length);
  got.forEach((w, i) => assert.equal(w, Math.fround(sent[i]), `weight ${i}: ${w} is not ${sent[i]} as f32`));
  const start = await stats(page);
  assert.ok(Math.abs(start.trainLoss - sentStats.trainLoss) < 1e-6, `${start.trainLoss} vs ${sentStats.trainLoss}`);
  assert.equal(start.trainAccuracy, sentStats.trainAccuracy);
  assert.match(await hash(page), /&weights=/, 'the hash keeps the weights the run starts from');

  for (let i = 0; i < 5; i += 1) await page.getByTestId('step').click();
  const later = await stats(page);
  assert.equal(later.epoch, 5);
  assert.ok(Number.isFinite(later.trainLoss) && later.trainLoss < start.trainLoss, `${start.trainLoss} → ${later.trainLoss}`);
  // Reset goes back to the weights of the link, not to the seed's.
  await page.getByTestId('reset').click();
  assert.deepEqual(flat(await weights(page)), got);

  // Changing a setting builds a new network: the weights leave the hash.
  await page.getByLabel('Learning rate η', { exact: true }).selectOption('0.3');
  assert.doesNotMatch(await hash(page), /weights=/);
  assert.deepEqual(receiver.errors, []);
  await receiver.context.close();
});

test('a network too large for a link says so and offers the model file', async () => {
  const big = '#v=1&features=x1,x2,x1Sq,x2Sq,x1x2,sinX1,sinX2&hidden=32,32,32,32,32,32,32,32';
  const { page, context, errors } = await openPage(env, { hash: big });
  await openShare(page);
  await page.locator('#share-weights').click();
  const msg = page.locator('#share-msg');
  await page.waitForFunction(() => /Download model/.test(document.querySelector('#share-msg')?.textContent ?? ''));
  assert.match(await msg.textContent() ?? '', /^This network has 7,681 weights and biases: a link with them would be [\d,]+ characters long, more than the 32,000 a link can reliably carry/);
  assert.equal(await msg.getAttribute('data-kind'), 'error');
  assert.equal(await page.locator('#share-link').inputValue(), '', 'a too-long link was offered');
  // The settings alone still fit.
  await page.locator('#share-copy').click();
  await page.waitForFunction(() => /#v=1/.test(/** @type {HTMLInputElement} */ (document.querySelector('#share-link')).value));
  assert.match(await page.locator('#share-link').inputValue(), /hidden=32,32,32,32,32,32,32,32$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the seed field and New seed change the run and the link', async () => {
  const { page, context, errors } = await openPage(env);
  await openShare(page);
  const seed = page.locator('#seed');
  assert.equal(await seed.inputValue(), '1');
  const before = flat(await weights(page));
  await seed.fill('42');
  await seed.press('Enter');
  await page.waitForFunction(() => window.__bp?.config().seed === 42);
  assert.equal(await hash(page), '#v=1&seed=42');
  assert.notDeepEqual(flat(await weights(page)), before);
  await seed.fill('-3');
  await seed.press('Enter');
  await page.waitForFunction(() => /not a whole number from 0 to 4,294,967,295; the seed stays 42/.test(document.querySelector('#share-msg')?.textContent ?? ''));
  assert.equal((await config(page)).seed, 42);
  await page.locator('#seed-new').click();
  await page.waitForFunction(() => window.__bp?.config().seed !== 42);
  assert.match(await hash(page), /seed=\d+/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the toolbar has labels, tooltips and keyboard access; #bench keeps its hash', async () => {
  const { page, context, errors } = await openPage(env);
  await page.locator('#share-menu > summary').focus();
  await page.keyboard.press('Enter');
  await page.locator('#share-copy').waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await page.locator('#share-copy').waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Share', 'Escape did not return to the menu button');
  await page.locator('#files-menu > summary').focus();
  await page.keyboard.press('Enter');
  await page.locator('#model-download').waitFor({ state: 'visible' });
  await page.getByTestId('boundary').click();
  await page.locator('#model-download').waitFor({ state: 'hidden' });
  await page.locator('#files-menu > summary').click();
  const missing = await page.evaluate(() => Array.from(document.querySelectorAll('.toolbar select, .toolbar input, .toolbar button, .toolbar summary'))
    .filter((el) => {
      const control = /** @type {HTMLInputElement} */ (el);
      const named = control.labels?.length ? true : (el.textContent ?? '').trim() !== '';
      const tip = control.title || el.closest('[title]')?.getAttribute('title');
      return !named || !tip || control.tabIndex < 0;
    })
    .map((el) => el.id || el.textContent));
  assert.deepEqual(missing, []);
  assert.equal(await page.getByLabel('Open model…').count(), 1);
  assert.equal(await page.getByLabel('Open data…').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();

  const bench = await openPage(env, { hash: '#bench=B' });
  await bench.page.waitForFunction(() => (window.__bp?.stats().epoch ?? 0) >= 2);
  assert.equal(await hash(bench.page), '#bench=B', 'the benchmark hash was rewritten');
  await bench.context.close();
});
