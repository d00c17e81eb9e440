// Shared helpers of the end-to-end tests: a headless Chromium, the page under
// test with every console error and failed request it produces, and readers for
// what the page shows (readouts, canvas pixels).

import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WWW_DIR = path.resolve(here, '..', 'www');
export const ARTIFACTS_DIR = path.join(here, 'artifacts');

/** The folder the site is served under: it must work from any folder. */
const MOUNT = '/playground/';

/**
 * For a file run on its own (without BASE_URL): the project's own server
 * (`cargo xtask serve`, xtask/src/serve.rs) serving www/ under MOUNT on a
 * free port. `cargo xtask test` serves dist/ at BASE_URL and www/ at WWW_URL
 * itself.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
function serveWww() {
  const repo = path.resolve(here, '..');
  const server = spawn(process.env.CARGO ?? 'cargo', ['run', '-q', '-p', 'xtask', '--', 'serve', '--no-build', '--root', 'www', '--port', '0', '--mount', MOUNT], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    server.on('error', reject);
    server.on('exit', (code) => reject(new Error(`cargo xtask serve ended (${code}) before serving: ${seen}`)));
    server.stdout.on('data', (chunk) => {
      seen += chunk;
      const url = seen.match(/serving .* at (http:\/\/\S+)/)?.[1];
      if (!url) return;
      server.stdout.removeAllListeners('data');
      server.stdout.resume();
      server.removeAllListeners('exit');
      resolve({
        url,
        close: () => new Promise((done) => {
          server.once('exit', () => done());
          server.kill();
        }),
      });
    });
  });
}

/**
 * How the tests' Chromium runs: Debian's headless shell unless CHROMIUM names
 * another (`cargo xtask test` installs it and says which: xtask/src/tools.rs).
 */
export const BROWSER_OPTIONS = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium-headless-shell',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** `url` ending with a slash. */
const folder = (/** @type {string} */ url) => (url.endsWith('/') ? url : `${url}/`);

/**
 * The browser and the site's URLs, for one test file or for several run in
 * one process (`cargo xtask test` imports a group of files into each test
 * process: see write_test_groups in xtask/src/test/groups.rs). Every file calls
 * it in `before` and `close()` in `after`; the files of one process share one
 * Chromium and one pool of idle tabs, closed with the last file.
 * `baseUrl` is the site as it ships (`cargo xtask test` serves dist/, its
 * scripts bundled), `wwwUrl` the sources as `cargo xtask serve` shows them
 * (www/, a module per file). Run on its own, a test file serves www/ for both.
 */
export async function setup() {
  shared.users += 1;
  shared.env ??= launch();
  const env = await shared.env;
  let closed = false;
  return {
    ...env,
    async close() {
      if (closed) return;
      closed = true;
      shared.users -= 1;
      if (shared.users > 0) return;
      shared.env = null;
      await env.close();
    },
  };
}

/**
 * The process's browser and servers: how many files use them, and them.
 * @type {{ users: number, env: Promise<{ browser: import('playwright-core').Browser, baseUrl: string, wwwUrl: string, close: () => Promise<void> }> | null }}
 */
const shared = { users: 0, env: null };

async function launch() {
  let server = null;
  let baseUrl = process.env.BASE_URL;
  if (!baseUrl) {
    server = await serveWww();
    baseUrl = server.url;
  }
  baseUrl = folder(baseUrl);
  const wwwUrl = process.env.BASE_URL ? folder(process.env.WWW_URL ?? baseUrl) : baseUrl;
  const browser = await chromium.launch(BROWSER_OPTIONS);
  return {
    browser,
    baseUrl,
    wwwUrl,
    async close() {
      idlePages.clear();
      await browser.close();
      if (server) await server.close();
    },
  };
}

/**
 * Run in each page (`context.addInitScript`): defines `window.__plotSeen(canvas)`,
 * a 2D context holding what the screen shows of a canvas. The main plot is two
 * canvases (www/js/output/plot.js): the heatmap, at grid size and stretched by
 * CSS, under the points; they are composed here. Any other canvas is copied.
 */
export function definePlotSeen() {
  /** @param {HTMLCanvasElement} canvas */
  window.__plotSeen = (canvas) => {
    const seen = document.createElement('canvas');
    seen.width = canvas.width;
    seen.height = canvas.height;
    const ctx = /** @type {CanvasRenderingContext2D} */ (seen.getContext('2d'));
    const heat = canvas.previousElementSibling;
    if (heat instanceof HTMLCanvasElement && heat.classList.contains('plot-heatmap')) {
      ctx.drawImage(heat, 0, 0, seen.width, seen.height);
    }
    ctx.drawImage(canvas, 0, 0);
    return ctx;
  };
}

/**
 * Per test process: pages whose test is done,
 * by the options their context was made with (but the viewport), ready to load the next test's
 * page. Loading a page again in the same tab costs the machine about half of
 * a fresh context's boot, and the suite boots ~190 pages.
 * @type {Map<string, { context: import('playwright-core').BrowserContext, page: import('playwright-core').Page }[]>}
 */
const idlePages = new Map();

/**
 * What a test may do to its context or page that the next page must not
 * inherit: a test that uses any of these gets its context closed for real.
 */
const CONTEXT_KEEPS = new Set(['close']);
/** The page's events that openPage or a test listens to: dropped when the tab is put back. */
const HEARD = ['console', 'pageerror', 'request', 'requestfailed', 'response', 'dialog', 'download', 'popup', 'framenavigated', 'load', 'domcontentloaded', 'worker', 'filechooser'];
const PAGE_CHANGES = new Set([
  'addInitScript', 'route', 'routeFromHAR', 'unroute', 'exposeFunction', 'exposeBinding',
  'setExtraHTTPHeaders', 'emulateMedia', 'setDefaultTimeout', 'setDefaultNavigationTimeout',
  'clock', 'close', 'context',
]);

/**
 * Opens the page and waits until the playground has booted: in a fresh
 * context, or in the tab of an earlier test of this file whose context had the
 * same options and was left as it was made (see idlePages). The page is loaded
 * afresh either way (a new document: its script, workers and wasm start over).
 * Collects console errors, uncaught exceptions, failed requests and every URL requested.
 * `site: 'www'` opens the sources instead of what ships (for a test that
 * imports one of the page's modules into the page).
 * @param {{ browser: import('playwright-core').Browser, baseUrl: string, wwwUrl?: string }} env
 * @param {{ site?: 'dist' | 'www', hash?: string, viewport?: { width: number, height: number }, deviceScaleFactor?: number, colorScheme?: 'light' | 'dark', hasTouch?: boolean, isMobile?: boolean }} [options]
 */
export async function openPage(env, options = {}) {
  const made = {
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    colorScheme: options.colorScheme ?? 'light',
    hasTouch: options.hasTouch ?? false,
    isMobile: options.isMobile ?? false,
  };
  // The viewport is not part of the key: a kept tab takes the next test's
  // size (setViewportSize below), and a fresh context costs about twice a
  // reused tab's boot (cold caches: the page's scripts and wasm compiled anew).
  const key = JSON.stringify({ ...made, viewport: null });
  let tab = idlePages.get(key)?.pop();
  if (tab && tab.page.isClosed()) tab = undefined;
  if (tab) {
    // As the last test left it: another size, the pointer over something.
    await tab.page.goto('about:blank');
    await tab.page.setViewportSize(made.viewport);
    await tab.page.mouse.move(0, 0);
  } else {
    const context = await env.browser.newContext(made);
    await context.addInitScript(definePlotSeen);
    tab = { context, page: await context.newPage() };
  }
  const { context, page } = tab;
  /** @type {string[]} */ const errors = [];
  /** @type {string[]} */ const failed = [];
  /** @type {string[]} */ const requests = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('request', (req) => requests.push(req.url()));
  page.on('requestfailed', (req) => failed.push(`${req.url()}: ${req.failure()?.errorText}`));
  page.on('response', (res) => { if (res.status() >= 400) failed.push(`${res.url()}: HTTP ${res.status()}`); });
  const base = options.site === 'www' ? (env.wwwUrl ?? env.baseUrl) : env.baseUrl;
  await page.goto(base + (options.hash ?? ''), { waitUntil: 'load' });
  await waitReady(page);
  // The test's context and page, watched: `context.close()` puts the tab back
  // for the next test unless the test changed something that would outlive it.
  let kept = true;
  let released = false;
  const watchedPage = new Proxy(page, {
    get(target, prop) {
      if (typeof prop === 'string' && PAGE_CHANGES.has(prop)) kept = false;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const watchedContext = new Proxy(context, {
    get(target, prop) {
      if (prop === 'close') {
        return async () => {
          if (released) return undefined;
          released = true;
          if (!kept || page.isClosed()) return target.close();
          for (const type of HEARD) page.removeAllListeners(type);
          const idle = idlePages.get(key) ?? [];
          idle.push(tab);
          idlePages.set(key, idle);
          return undefined;
        };
      }
      if (typeof prop === 'string' && !CONTEXT_KEEPS.has(prop)) kept = false;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { page: watchedPage, context: watchedContext, errors, failed, requests };
}

/** @param {import('playwright-core').Page | import('playwright-core').Frame} page */
export async function waitReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && !!window.__bp);
  await settle(page);
}

/**
 * Waits until the page has drawn the engine's answer to everything it asked
 * (the engine trains in a worker: a click's effect arrives a moment later).
 * @param {import('playwright-core').Page | import('playwright-core').Frame} page
 */
export async function settle(page) {
  // A frame first: the page's loop sends the engine what a change needs in
  // its next frame, and until then the engine has nothing to answer. (A
  // page that draws no frames, hidden, goes on after 100 ms.)
  await page.evaluate(() => new Promise((done) => {
    requestAnimationFrame(() => done(undefined));
    setTimeout(done, 100);
  }));
  await page.waitForFunction(() => window.__bp?.settled() ?? true);
}

/**
 * Calls a test hook of the page (`window.__bp`) once the page has drawn the
 * engine's answer to everything asked so far.
 * @param {import('playwright-core').Page} page
 * @param {'stats' | 'config' | 'weights' | 'points' | 'augmented' | 'display'} name
 * @returns {Promise<any>}
 */
export async function hook(page, name) {
  await settle(page);
  return page.evaluate((n) => /** @type {any} */ (window.__bp)[n](), name);
}

/**
 * The number a readout shows (its text is just the number).
 * @param {import('playwright-core').Page} page
 * @param {string} testid
 */
export async function readNumber(page, testid) {
  await settle(page);
  const text = (await page.getByTestId(testid).textContent())?.trim() ?? '';
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`[data-testid=${testid}] shows "${text}", not a number`);
  return value;
}

/**
 * Waits until the epoch counter reaches `epochs`.
 * @param {import('playwright-core').Page} page
 * @param {number} epochs
 */
export async function waitForEpoch(page, epochs, timeout = 30_000) {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= n,
    epochs,
    { timeout },
  );
}

/**
 * Resolves after two animation frames: the page has drawn what it had.
 * @param {import('playwright-core').Page | import('playwright-core').Frame} page
 */
export async function nextFrames(page) {
  await settle(page);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(undefined)))));
}

/**
 * Loads a config through the page's test hooks, trains until `epochs`, pauses
 * and waits for the paused frame.
 * @param {import('playwright-core').Page} page
 * @param {Partial<import('../www/pkg/backprop_playground.js').Config>} config
 * @param {number} epochs
 */
export async function trainConfig(page, config, epochs) {
  await page.evaluate((c) => window.__bp?.loadConfig(c), config);
  return trainTo(page, epochs);
}

/**
 * Trains the current run through the page's test hooks until the epoch
 * counter reaches `epochs`, pauses, waits for the paused frame and returns
 * the epoch it stopped at.
 * @param {import('playwright-core').Page} page
 * @param {number} epochs
 */
export async function trainTo(page, epochs) {
  await page.evaluate(() => window.__bp?.play());
  await waitForEpoch(page, epochs);
  await page.evaluate(() => window.__bp?.pause());
  await nextFrames(page);
  return /** @type {number} */ (await page.evaluate(() => window.__bp?.stats().epoch));
}

/**
 * A hash of every pixel of a canvas, the boundary unless `selector` names
 * another (FNV-1a over the RGBA bytes).
 * @param {import('playwright-core').Page} page
 * @param {string} [selector]
 */
export async function canvasHash(page, selector = '[data-testid=boundary]') {
  await settle(page);
  // (Pages opened without openPage have no __plotSeen yet.)
  await page.evaluate(definePlotSeen);
  return page.evaluate((sel) => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector(sel));
    const ctx = window.__plotSeen(canvas);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let h = 0x811c9dc5;
    for (let i = 0; i < data.length; i += 1) h = Math.imul(h ^ data[i], 0x01000193) >>> 0;
    return `${canvas.width}x${canvas.height}:${h.toString(16)}`;
  }, selector);
}

/**
 * The class the boundary canvas shows around data point (x1, x2): a 5×5 patch of
 * pixels spread over ±0.4 data units votes, so a point marker drawn there cannot
 * decide alone. A pixel is 'positive' when clearly blue (b − r > 40), 'negative'
 * when clearly orange (r − b > 40); dark marker rims and near-white count for neither.
 * @param {import('playwright-core').Page} page
 * @param {number} x1
 * @param {number} x2
 * @returns {Promise<{ verdict: 'positive' | 'negative' | 'unclear', votes: Record<string, number> }>}
 */
export async function boundaryClassAt(page, x1, x2) {
  await settle(page);
  await page.evaluate(definePlotSeen);
  return page.evaluate(([x1, x2]) => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('[data-testid=boundary]'));
    const ctx = window.__plotSeen(canvas);
    // x1 ∈ [−6, 6] maps left → right, x2 ∈ [−6, 6] bottom → top.
    const toPx = (/** @type {number} */ a, /** @type {number} */ b) => [
      Math.floor(((a + 6) / 12) * canvas.width),
      Math.floor(((6 - b) / 12) * canvas.height),
    ];
    const votes = { positive: 0, negative: 0, unclear: 0 };
    for (let i = -2; i <= 2; i += 1) {
      for (let j = -2; j <= 2; j += 1) {
        const [px, py] = toPx(x1 + 0.2 * i, x2 + 0.2 * j);
        const [r, , b] = ctx.getImageData(px, py, 1, 1).data;
        if (b - r > 40) votes.positive += 1;
        else if (r - b > 40) votes.negative += 1;
        else votes.unclear += 1;
      }
    }
    const verdict = votes.positive > 12 ? 'positive' : votes.negative > 12 ? 'negative' : 'unclear';
    return { verdict, votes };
  }, [x1, x2]);
}

/** Creates tests/artifacts/ and returns the path of a file in it. */
export async function artifactPath(name) {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, name);
}
