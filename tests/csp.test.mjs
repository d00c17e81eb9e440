// The page works under its Content-Security-Policy: no inline script, no
// style attribute from markup, no eval. Every violation the browser reports
// while a student goes through the main flows fails the test.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, setup, trainTo, waitForEpoch } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('the page declares a strict policy', async () => {
  const { page, context } = await openPage(env);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.ok(policy, 'no Content-Security-Policy meta tag');
  for (const part of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
    assert.ok(policy.includes(part), `the policy lacks ${part}: ${policy}`);
  }
  assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'/);
  await context.close();
});

test('the main flows run without a single policy violation', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    /** @type {string[]} */
    const seen = [];
    Object.defineProperty(window, '__violations', { value: seen });
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await page.goto(env.baseUrl + '#v=1&dataset=spiral&hidden=6,4', { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && !!window.__bp);
  await trainTo(page, 10);
  // Settings, a lesson, the inspector, the share and files menus, the embed
  // code, the search panel, drawing: each one draws or builds what it shows.
  await page.getByTestId('dataset').selectOption('blobs');
  await page.locator('#learning-rate').selectOption('0.1');
  await page.locator('#show-augmented').check();
  await page.locator('#lesson').selectOption({ index: 1 });
  await page.locator('#lesson-caption').waitFor({ state: 'visible' });
  await page.getByTestId('inspect').click();
  await page.getByTestId('step').click();
  for (const summary of ['#share-menu summary', '#files-menu summary']) {
    await page.locator(summary).click();
    await page.locator(summary).click();
  }
  const embed = page.getByRole('button', { name: /Embed code/ });
  if (await embed.count()) {
    await embed.first().click();
    await page.keyboard.press('Escape');
  }
  await page.getByTestId('play').click();
  await waitForEpoch(page, (await page.evaluate(() => window.__bp?.stats().epoch ?? 0)) + 20);
  await page.getByTestId('play').click();
  const violations = await page.evaluate(() => /** @type {any} */ (window).__violations);
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});
