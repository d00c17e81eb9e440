// The single file (`cargo xtask dist`, xtask/src/bundle.rs): the whole
// playground in one HTML file, opened straight from disk (file://) with the
// network off, trains, its diagram's links painted in a worker; in embed
// mode too. And the <backprop-playground> element in one classic script
// (xtask/src/element.rs), in a page opened from disk.
//
// `cargo xtask test` builds the file once, before the browser tests, and
// names it in SINGLE_FILE. Run on its own, the test builds it with
// `cargo xtask dist --single-file-only` (wasm-opt: ~20 s), so it always checks
// the current sources.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { artifactPath, hook, setup, waitReady } from './helpers.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
/** @type {string} */
let singleFile;

before(async () => {
  singleFile = process.env.SINGLE_FILE ?? path.join(repo, 'dist', 'backprop-playground.html');
  if (!process.env.SINGLE_FILE) {
    const build = spawnSync(process.env.CARGO ?? 'cargo', ['xtask', 'dist', '--single-file-only'], { cwd: repo, encoding: 'utf8' });
    assert.equal(build.status, 0, `cargo xtask dist --single-file-only failed:\n${build.stdout}\n${build.stderr}`);
  }
  env = await setup();
});
after(async () => { await env?.close(); });

/**
 * Opens the single file from disk with the network off, recording every request.
 * @param {string} hash
 * @param {{ width: number, height: number }} viewport
 */
async function openFile(hash, viewport) {
  const context = await env.browser.newContext({ viewport, offline: true });
  const page = await context.newPage();
  /** @type {string[]} */ const errors = [];
  /** @type {string[]} */ const requests = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('request', (req) => requests.push(req.url()));
  const url = pathToFileURL(singleFile).href + hash;
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page);
  return { page, context, errors, requests, url };
}

test('the single file holds everything: no script, stylesheet or wasm is loaded from elsewhere', () => {
  const html = readFileSync(singleFile, 'utf8');
  assert.doesNotMatch(html, /<script[^>]*\ssrc=/i, 'a <script src>');
  assert.doesNotMatch(html, /<link[^>]*rel="stylesheet"/i, 'a stylesheet link');
  assert.match(html, /globalThis\.backpropPlaygroundCore = /, 'the inlined core');
  assert.match(html, /new WebAssembly\.Module\(Uint8Array\.from\(atob\("AGFzbQ/, 'the wasm, base64 ("\\0asm…")');
  assert.match(html, /globalThis\.backpropPlaygroundWorkerSource = /, 'the engine worker, inlined');
  // Its own policy: the page's, with the inlined script and styles allowed by hash
  // (a blocked one would be a console error in the tests below).
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.match(policy, /style-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+/);
  assert.doesNotMatch(policy, /unsafe-inline/);
  const size = statSync(singleFile).size;
  assert.ok(size < 1.5 * 1024 * 1024, `the single file is ${size} bytes`);
});

test('opened from file:// with no network, it trains', async () => {
  const { page, context, errors, requests, url } = await openFile('', { width: 1280, height: 800 });
  const foreign = requests.filter((r) => !r.startsWith(url) && !r.startsWith('data:') && !r.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'requests other than the file itself');
  const start = await hook(page, 'stats');
  assert.equal(start?.epoch, 0);
  await page.getByTestId('play').click();
  await page.waitForFunction(() => (window.__bp?.stats().epoch ?? 0) >= 60);
  await page.getByTestId('play').click();
  const end = await hook(page, 'stats');
  assert.ok(end && start && end.trainLoss < start.trainLoss, `training loss ${start?.trainLoss} → ${end?.trainLoss}`);
  // The diagram's links are painted by the inlined worker script too, under the file's policy.
  const links = await page.evaluate(async () => {
    const bp = /** @type {NonNullable<typeof window.__bp>} */ (window.__bp);
    const { linkPainter, linkPaints, ratio } = bp.diagram();
    const layer = /** @type {HTMLCanvasElement} */ (document.querySelector('.nv-link-canvas'));
    const width = Math.round(parseFloat(layer.style.width) * ratio);
    const height = Math.round(parseFloat(layer.style.height) * ratio);
    const data = await bp.linkPixels({ x: 0, y: 0, width, height });
    return { linkPainter, linkPaints, painted: data.filter((v, k) => k % 4 === 3 && v > 0).length };
  });
  assert.equal(links.linkPainter, 'worker');
  assert.ok(links.linkPaints > 0 && links.painted > 0, `the links' worker painted ${links.linkPaints} times, ${links.painted} pixels`);
  await page.screenshot({ path: await artifactPath('single-file.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the single file in embed mode: autoplay, and it fits 960×540 with no scrollbars', async () => {
  const { page, context, errors } = await openFile('#embed=1&show=buttons,boundary,loss&autoplay=1', { width: 960, height: 540 });
  await page.waitForFunction(() => (window.__bp?.stats().epoch ?? 0) >= 10);
  const fit = await page.evaluate(() => ({
    parts: [...document.querySelectorAll('.embed-part')].map((el) => /** @type {HTMLElement} */ (el).dataset.part),
    scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
    client: [document.documentElement.clientWidth, document.documentElement.clientHeight],
  }));
  assert.deepEqual(fit.parts, ['buttons', 'boundary', 'loss']);
  assert.deepEqual(fit.scroll, fit.client);
  await page.screenshot({ path: await artifactPath('single-file-embed.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the element in one classic script: a page opened from disk with no network shows it training', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-element-'));
  try {
    copyFileSync(path.join(path.dirname(singleFile), 'backprop-playground-element.js'), path.join(dir, 'backprop-playground-element.js'));
    writeFileSync(path.join(dir, 'host.html'), '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Host</title>'
      + '<script src="backprop-playground-element.js"></script></head><body>'
      + '<backprop-playground id="p" dataset="xor" hidden="3" show="buttons,boundary" autoplay></backprop-playground></body></html>');
    const context = await env.browser.newContext({ viewport: { width: 960, height: 540 }, offline: true });
    const page = await context.newPage();
    /** @type {string[]} */ const errors = [];
    /** @type {string[]} */ const requests = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
    page.on('request', (req) => requests.push(req.url()));
    const url = pathToFileURL(path.join(dir, 'host.html')).href;
    await page.goto(url);
    await page.waitForFunction(() => (/** @type {any} */ (document.getElementById('p'))?.stats?.epoch ?? 0) >= 30, null, { timeout: 30_000 });
    const link = await page.evaluate(() => /** @type {any} */ (document.getElementById('p')).link);
    assert.ok(link.startsWith(pathToFileURL(path.join(dir, 'backprop-playground.html')).href + '#v=1&'), link);
    const files = requests.filter((r) => !r.startsWith('data:') && !r.startsWith('blob:'));
    assert.deepEqual(files, [url, pathToFileURL(path.join(dir, 'backprop-playground-element.js')).href]);
    await page.screenshot({ path: await artifactPath('element-single-file.png') });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
