// Presenter keys (www/js/app/presenter.js): space plays or pauses, → trains one
// epoch, r resets, f toggles fullscreen; never while the user types, and in an
// embed as on the full page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, settle, setup, waitReady } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Frame} Frame */

/** @param {Page | Frame} page */
const epoch = async (page) => (await settle(page), page.evaluate(() => window.__bp?.stats().epoch ?? -1));
/** @param {Page | Frame} page */
const playing = (page) => page.evaluate(() => document.getElementById('play')?.classList.contains('is-playing'));
/** @param {Page | Frame} page */
const frames = (page) => page.evaluate(() => new Promise((done) => {
  let n = 0;
  const tick = () => { n += 1; if (n < 5) requestAnimationFrame(tick); else done(null); };
  requestAnimationFrame(tick);
}));

/**
 * Space, →, r on whatever has the focus (the page body): play, pause, step, reset.
 * @param {Page} page  the page whose keyboard is pressed
 * @param {Page | Frame} target  where the playground runs
 */
async function checkRunKeys(page, target) {
  await page.keyboard.press('Space');
  await target.waitForFunction(() => (window.__bp?.stats().epoch ?? 0) >= 3);
  assert.equal(await playing(target), true, 'space should play');
  await page.keyboard.press('Space');
  assert.equal(await playing(target), false, 'space again should pause');
  const paused = await epoch(target);
  await frames(target);
  assert.equal(await epoch(target), paused, 'training went on after the pause');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await epoch(target), paused + 2, '→ should train one epoch per press');
  await page.keyboard.press('r');
  assert.equal(await epoch(target), 0, 'r should reset to epoch 0');
}

test('full page: space plays and pauses, → steps, r resets', async () => {
  const { page, context, errors } = await openPage(env);
  await checkRunKeys(page, page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keys typed into a box, or space on a focused button, are not presenter keys', async () => {
  const { page, context, errors } = await openPage(env);
  const box = page.locator('#learning-rate-typed');
  await box.fill('');
  await box.focus();
  await page.keyboard.type('0.1 r');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('f');
  assert.equal(await box.inputValue(), '0.1 rf', 'the typed text should all be in the box');
  assert.equal(await playing(page), false);
  assert.equal(await epoch(page), 0);
  assert.equal(await page.evaluate(() => document.fullscreenElement), null);
  // Space on a focused button presses that button, as everywhere: Step steps once.
  await box.fill('0.03');
  await page.locator('#step').focus();
  await page.keyboard.press('Space');
  assert.equal(await epoch(page), 1);
  assert.equal(await playing(page), false, 'space on the Step button must not also play');
  // With a modifier it is the browser's shortcut, not ours.
  await page.evaluate(() => /** @type {HTMLElement} */ (document.activeElement)?.blur());
  await page.keyboard.press('Control+ArrowRight');
  assert.equal(await epoch(page), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('f toggles fullscreen', async () => {
  const { page, context, errors } = await openPage(env);
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === document.documentElement);
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === null);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * A new page of `context` holding the playground in an iframe (another origin,
 * as in a slide deck), with the keyboard focus inside the frame.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} src
 * @param {string} allow  the iframe's allow attribute ('' for none)
 */
async function hostFrame(context, src, allow) {
  const host = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  host.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  host.on('pageerror', (err) => errors.push(err.message));
  await host.setContent(`<!doctype html><body style="margin:0"><iframe src="${src}" width="960" height="540" style="border:0"${allow ? ` allow="${allow}"` : ''}></iframe></body>`);
  const frame = await (await host.waitForSelector('iframe')).contentFrame();
  assert.ok(frame);
  await waitReady(frame);
  // A click on the plot gives the frame the keyboard focus, as a presenter would.
  await frame.locator('[data-testid=boundary]').click({ position: { x: 5, y: 5 } });
  return { host, frame, errors };
}

test('in an embed (an iframe), the same keys work, and f makes the embed fullscreen', async () => {
  const { context } = await openPage(env);
  const { host, frame, errors } = await hostFrame(context, `${env.baseUrl}#embed=1&show=boundary,loss`, 'fullscreen');
  await checkRunKeys(host, frame);
  await host.keyboard.press('f');
  await frame.waitForFunction(() => document.fullscreenElement === document.documentElement);
  await host.keyboard.press('f');
  await frame.waitForFunction(() => document.fullscreenElement === null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in an iframe that does not allow fullscreen, f says why nothing happens', async () => {
  const { context } = await openPage(env);
  const { host, frame, errors } = await hostFrame(context, `${env.baseUrl}#embed=1&show=boundary`, '');
  assert.equal(await frame.evaluate(() => document.fullscreenEnabled), false);
  await host.keyboard.press('f');
  await frame.waitForSelector('#embed-notice');
  assert.match(await frame.locator('#embed-notice').textContent() ?? '', /Fullscreen is not allowed here/);
  assert.deepEqual(errors, []);
  await context.close();
});
