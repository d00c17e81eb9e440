// The embed snippet in a real reveal.js deck (npm reveal.js 6, its default
// 960×700 slides, served from tests/node_modules: nothing comes from the
// internet; a server of the test's own). The deck scales each slide to the window and its theme caps an
// iframe at 95 % of the slide's width, so a fixed 1280×720 iframe under a
// heading runs off the slide's bottom; the fitting 16:9 snippet must sit
// whole inside the slide, with no scrollbar in the deck or in the embed, and
// its run bar on screen — at 1280×720 and 960×540.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { artifactPath, openPage, setup, waitReady } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const REVEAL_DIST = path.join(here, 'node_modules', 'reveal.js', 'dist');
/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
/** The deck's server: another origin than the page's, as a deck would be. */
/** @type {{ url: string, close: () => Promise<void>, html: string }} */
let deck;
before(async () => {
  env = await setup();
  deck = await serveDeck();
});
after(async () => {
  await deck?.close();
  await env?.close();
});

/**
 * A local server for the deck: `/` is `deck.html` (set before each test),
 * `/reveal/…` the files of reveal.js's dist/ folder.
 */
function serveDeck() {
  const state = { html: '' };
  const server = http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(state.html);
      return;
    }
    const file = path.resolve(REVEAL_DIST, decodeURIComponent(pathname.replace(/^\/reveal\//, '')));
    try {
      if (!pathname.startsWith('/reveal/') || !file.startsWith(REVEAL_DIST + path.sep)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
        get html() { return state.html; },
        set html(text) { state.html = text; },
      });
    });
  });
}

/**
 * The snippet the page's own "Embed code" chooser gives for `size`, with the
 * default panels (run bar, network, boundary, loss).
 * @param {string} size  a value of the chooser's size radios
 */
async function snippetFor(size) {
  const { page, context } = await openPage(env, { hash: '#v=1&dataset=xor' });
  await page.getByRole('button', { name: 'Embed code' }).click();
  await page.locator(`input[name="embedSize"][value="${size}"]`).check();
  const snippet = await page.locator('#embed-code').inputValue();
  await context.close();
  return snippet;
}

/**
 * A two-slide deck whose first slide has a heading over the snippet.
 * @param {string} snippet
 */
function deckHtml(snippet) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Deck</title>
<link rel="stylesheet" href="reveal/reveal.css"><link rel="stylesheet" href="reveal/theme/white.css">
</head><body>
<div class="reveal"><div class="slides">
<section><h3>Gradient descent at work</h3>${snippet}</section>
<section><h3>Next</h3></section>
</div></div>
<script src="reveal/reveal.js"></script>
<script>Reveal.initialize({ hash: false, transition: 'none' }).then(() => { document.documentElement.dataset.deck = 'ready'; });</script>
</body></html>`;
}

/**
 * Opens the deck with `snippet` at `viewport` and measures the slide, the
 * iframe and, inside it, the embed.
 * @param {string} snippet
 * @param {{ width: number, height: number }} viewport
 * @param {string} shot  screenshot file name
 */
async function inDeck(snippet, viewport, shot) {
  const context = await env.browser.newContext({ viewport });
  /** @type {string[]} */ const outside = [];
  deck.html = deckHtml(snippet);
  const page = await context.newPage();
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(deck.url) && !url.startsWith(env.baseUrl) && !url.startsWith('data:')) outside.push(url);
  });
  await page.goto(deck.url);
  await page.waitForFunction(() => document.documentElement.dataset.deck === 'ready');
  const frame = page.frames().find((f) => f !== page.mainFrame());
  assert.ok(frame, 'the iframe did not load');
  await waitReady(frame);
  await frame.waitForFunction(() => document.documentElement.dataset.embed === 'ready');
  await page.screenshot({ path: await artifactPath(shot) });

  const host = await page.evaluate(() => {
    const rect = (/** @type {Element | null} */ el) => {
      const r = el?.getBoundingClientRect();
      return r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height } : null;
    };
    const root = document.documentElement;
    return {
      window: { width: innerWidth, height: innerHeight },
      scroll: { width: root.scrollWidth, height: root.scrollHeight },
      slide: rect(document.querySelector('.reveal .slides')),
      iframe: rect(document.querySelector('.reveal iframe')),
    };
  });
  const embed = await frame.evaluate(() => {
    const root = document.documentElement;
    const bar = document.querySelector('.panel-run');
    const play = document.querySelector('[data-testid=play]');
    const r = bar?.getBoundingClientRect();
    const p = play?.getBoundingClientRect();
    const hit = p ? document.elementFromPoint(p.left + p.width / 2, p.top + p.height / 2) : null;
    return {
      window: { width: innerWidth, height: innerHeight },
      scroll: { width: root.scrollWidth, height: root.scrollHeight, bodyWidth: document.body.scrollWidth, bodyHeight: document.body.scrollHeight },
      bar: r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null,
      playOnTop: !!hit && !!play && play.contains(hit),
    };
  });
  await context.close();
  return { host, embed, outside };
}

/**
 * Whether the iframe lies inside the slide and the window, to a pixel.
 * @param {Awaited<ReturnType<typeof inDeck>>['host']} host
 */
function iframeInsideSlide(host) {
  const { iframe, slide } = host;
  if (!iframe || !slide) return false;
  return iframe.top >= slide.top - 1 && iframe.bottom <= slide.bottom + 1 && iframe.left >= slide.left - 1
    && iframe.right <= slide.right + 1 && iframe.bottom <= host.window.height && iframe.right <= host.window.width;
}

for (const viewport of [{ width: 1280, height: 720 }, { width: 960, height: 540 }]) {
  test(`reveal.js deck at ${viewport.width}×${viewport.height}: the fitting 16:9 snippet sits whole in its slide, no scrollbars, run bar visible`, async () => {
    const snippet = await snippetFor('fit-16x9');
    const { host, embed, outside } = await inDeck(snippet, viewport, `slides-${viewport.width}x${viewport.height}.png`);
    assert.deepEqual(outside, [], 'the deck fetched something from outside');
    // The deck: nothing scrolls, the iframe is inside its slide and the window.
    assert.ok(host.scroll.width <= host.window.width && host.scroll.height <= host.window.height,
      `the deck scrolls: ${JSON.stringify(host.scroll)} in ${JSON.stringify(host.window)}`);
    assert.ok(iframeInsideSlide(host), `the iframe ${JSON.stringify(host.iframe)} leaves the slide ${JSON.stringify(host.slide)}`);
    // As wide as the theme lets it be (95 % of the slide), at 16:9.
    assert.ok(host.iframe && host.slide && host.iframe.width >= 0.9 * host.slide.width, 'the iframe does not span the slide');
    assert.ok(host.iframe && Math.abs(host.iframe.width / host.iframe.height - 16 / 9) < 0.02, `not 16:9: ${JSON.stringify(host.iframe)}`);
    // The embed: no scrollbar, its run bar inside its window and its play button on top.
    assert.ok(embed.scroll.width <= embed.window.width && embed.scroll.height <= embed.window.height
      && embed.scroll.bodyWidth <= embed.window.width && embed.scroll.bodyHeight <= embed.window.height,
      `the embed scrolls: ${JSON.stringify(embed.scroll)} in ${JSON.stringify(embed.window)}`);
    assert.ok(embed.bar && embed.bar.top >= 0 && embed.bar.bottom <= embed.window.height && embed.bar.right <= embed.window.width,
      `the run bar ${JSON.stringify(embed.bar)} is not inside the embed's ${JSON.stringify(embed.window)}`);
    assert.ok(embed.playOnTop, 'the play button is covered');
  });
}

test('reveal.js deck at 1280×720: the fixed 1280×720 snippet runs off its slide (why the fitting one exists)', async () => {
  const snippet = await snippetFor('1280x720');
  const { host } = await inDeck(snippet, { width: 1280, height: 720 }, 'slides-fixed-1280x720.png');
  assert.equal(iframeInsideSlide(host), false, `the fixed iframe ${JSON.stringify(host.iframe)} fits the slide ${JSON.stringify(host.slide)}`);
});
