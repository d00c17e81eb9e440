// <backprop-playground> (www/js/element/) on host pages of the test's own,
// served from the site's origin by route (nothing is written into the site):
// two instances on one page train independently and reproduce their links;
// attributes apply, with a link's warnings inside the element; its events
// fire and its methods work; a host page's aggressive global rules do not
// break it and its rules do not leak; it follows the host's colour scheme,
// custom properties and box; and in a real reveal.js deck (npm reveal.js,
// from tests/node_modules) at 1280×720 and 960×540 it fits its slide, trains
// when its slide is shown and pauses when it is not, and Escape hands the
// keys back to the deck.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { artifactPath, setup, waitReady } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const REVEAL_DIST = path.join(here, 'node_modules', 'reveal.js', 'dist');

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Where the host pages are served, under the site: the element's module is `../backprop-playground.js`. */
const HOST = 'element-test/';

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript' };

/**
 * Opens a host page: `body` inside <body>, `files` beside it (a stylesheet),
 * reveal.js's dist/ under `reveal/`. Collects console errors, uncaught
 * exceptions and failed requests.
 * @param {string} body
 * @param {{ viewport?: { width: number, height: number }, colorScheme?: 'light' | 'dark', head?: string, files?: Record<string, string> }} [options]
 */
async function openHost(body, options = {}) {
  const context = await env.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const base = `${env.baseUrl}${HOST}`;
  /** @type {Record<string, string>} */
  const files = {
    'host.html': `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Host</title>${options.head ?? ''}`
      + `<script type="module" src="../backprop-playground.js"></script></head>\n<body>${body}</body></html>`,
    ...options.files,
  };
  await context.route(`${base}**`, async (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.slice(new URL(base).pathname.length));
    const type = TYPES[/** @type {keyof typeof TYPES} */ (path.extname(name))] ?? 'application/octet-stream';
    if (Object.hasOwn(files, name)) return route.fulfill({ body: files[name], contentType: type });
    const file = path.resolve(REVEAL_DIST, name.replace(/^reveal\//, ''));
    if (name.startsWith('reveal/') && file.startsWith(REVEAL_DIST + path.sep)) {
      return route.fulfill({ body: await readFile(file), contentType: type });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
  const page = await context.newPage();
  /** @type {string[]} */ const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`${req.url()}: ${req.failure()?.errorText}`));
  page.on('response', (res) => { if (res.status() >= 400) errors.push(`${res.url()}: HTTP ${res.status()}`); });
  await page.goto(`${base}host.html`);
  return { page, context, errors };
}

/**
 * Waits until the elements with these ids have started.
 * @param {import('playwright-core').Page} page
 * @param {string[]} ids
 */
async function started(page, ids) {
  await page.waitForFunction((list) => list.every((id) => /** @type {any} */ (document.getElementById(id))?.stats), ids, { timeout: 30_000 });
}

/** @param {import('playwright-core').Page} page @param {string} id */
const statsOf = (page, id) => page.evaluate((i) => /** @type {any} */ (document.getElementById(i)).stats, id);

/** @param {import('playwright-core').Page} page @param {string} id */
const weightsOf = (page, id) => page.evaluate((i) => /** @type {any} */ (document.getElementById(i)).scripting.weights(), id);

const PAIR_CSS = '.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }';

test('two instances with different configs on one page train at once, independently, and their links reproduce them', async () => {
  // At 5 epochs a frame: the links carry the speed, and a run's
  // epochs are the same at any speed (link.test.mjs).
  const a = 'dataset="spiral" hidden="6,4" learning-rate="0.03" optimizer="adam" max-epochs="300" seed="7" speed="5" show="buttons,boundary,loss" autoplay';
  const b = 'dataset="xor" hidden="3" learning-rate="0.1" max-epochs="200" seed="3" speed="5" show="boundary,network" autoplay';
  const { page, context, errors } = await openHost(
    `<div class="pair"><backprop-playground id="a" ${a}></backprop-playground><backprop-playground id="b" ${b}></backprop-playground></div>`,
    { head: '<link rel="stylesheet" href="host.css">', files: { 'host.css': PAIR_CSS } },
  );
  await started(page, ['a', 'b']);
  // Both train at the same time, each in its own worker.
  await page.waitForFunction(() => ['a', 'b'].every((id) => {
    const el = /** @type {any} */ (document.getElementById(id));
    return el.playing && el.stats.epoch > 0;
  }));
  await page.waitForFunction(() => ['a', 'b'].every((id) => /** @type {any} */ (document.getElementById(id)).stats.stopped?.kind === 'maxEpochs'), null, { timeout: 60_000 });
  await page.screenshot({ path: await artifactPath('element-two.png') });
  const configA = await page.$eval('#a', (/** @type {any} */ el) => el.config);
  const configB = await page.$eval('#b', (/** @type {any} */ el) => el.config);
  assert.deepEqual([configA.dataset, configA.hidden, configA.learningRate, configA.optimizer, configA.seed], ['spiral', [6, 4], 0.03, 'adam', 7]);
  assert.deepEqual([configB.dataset, configB.hidden, configB.learningRate, configB.seed], ['xor', [3], 0.1, 3]);
  const runs = {
    a: { stats: await statsOf(page, 'a'), weights: await weightsOf(page, 'a'), link: await page.$eval('#a', (/** @type {any} */ el) => el.link) },
    b: { stats: await statsOf(page, 'b'), weights: await weightsOf(page, 'b'), link: await page.$eval('#b', (/** @type {any} */ el) => el.link) },
  };
  assert.equal(runs.a.stats.epoch, 300);
  assert.equal(runs.b.stats.epoch, 200);
  assert.deepEqual(errors, []);
  await context.close();

  // Each link opens the playground on the same run, which trains to the same weights.
  for (const [id, run] of Object.entries(runs)) {
    assert.ok(run.link.startsWith(`${env.baseUrl}index.html#v=1&`), `${id}: ${run.link}`);
    assert.doesNotMatch(run.link, /[#&](embed|show|autoplay)=/, `${id}: the link keeps the element's embed options`);
    const other = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const full = await other.newPage();
    await full.goto(run.link);
    await waitReady(full);
    await full.getByTestId('play').click();
    await full.waitForFunction(() => window.__bp?.stats().stopped?.kind === 'maxEpochs', null, { timeout: 60_000 });
    const stats = await full.evaluate(() => window.__bp?.stats());
    assert.equal(stats?.epoch, run.stats.epoch, id);
    assert.equal(stats?.trainLoss, run.stats.trainLoss, `${id}: another training loss`);
    assert.equal(stats?.testLoss, run.stats.testLoss, `${id}: another test loss`);
    assert.deepEqual(await full.evaluate(() => window.__bp?.weights()), run.weights, `${id}: other weights`);
    await other.close();
  }
});

test('the example page: two instances side by side under the page\'s Content-Security-Policy', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  /** @type {string[]} */ const errors = [];
  /** @type {string[]} */ const requests = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('request', (req) => requests.push(req.url()));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${env.baseUrl}examples/element.html`);
  await started(page, ['deep', 'shallow']);
  await page.waitForFunction(() => ['deep', 'shallow'].every((id) => /** @type {any} */ (document.getElementById(id)).stats.epoch >= 20));
  const boxes = await page.evaluate(() => ['deep', 'shallow'].map((id) => document.getElementById(id)?.getBoundingClientRect().toJSON()));
  assert.ok(boxes[0].right <= boxes[1].left && Math.abs(boxes[0].top - boxes[1].top) < 1, `not side by side: ${JSON.stringify(boxes)}`);
  await page.screenshot({ path: await artifactPath('element-example.png') });
  assert.deepEqual(errors, []);
  const files = requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:'));
  assert.deepEqual(files.filter((url) => !url.startsWith(env.baseUrl)), [], 'requests to another origin');
  // As it ships (dist/), the element is one module, with its worker and its wasm beside it.
  if (files.some((url) => url.endsWith('/backprop-playground.wasm'))) {
    assert.deepEqual(new Set(files.map((url) => url.slice(env.baseUrl.length))), new Set([
      'examples/element.html', 'examples/examples.css', 'backprop-playground.js', 'backprop-playground-worker.js', 'backprop-playground.wasm',
    ]));
  }
  await context.close();
});

test('attributes apply as they change; what the codec cannot use is said inside the element', async () => {
  const { page, context, errors } = await openHost('<backprop-playground id="p" dataset="circle" hidden="4" show="buttons,boundary"></backprop-playground>');
  await started(page, ['p']);
  await page.evaluate(() => {
    const el = /** @type {any} */ (document.getElementById('p'));
    /** @type {any[]} */ const changes = [];
    /** @type {any} */ (window).changes = changes;
    el.addEventListener('change', (/** @type {CustomEvent} */ e) => changes.push(e.detail));
    el.setAttribute('hidden', '5,3');
    el.setAttribute('dataset', 'xor');
  });
  await page.waitForFunction(() => /** @type {any} */ (document.getElementById('p')).config.dataset === 'xor');
  const changed = await page.evaluate(() => /** @type {any} */ (window).changes);
  assert.equal(changed.length, 1, 'two attributes set together are one change');
  assert.deepEqual(changed[0].config.hidden, [5, 3]);
  assert.match(changed[0].link, /dataset=xor&.*hidden=5,3/);
  // Not a number: the banner inside the element says so, and the default is used.
  await page.evaluate(() => document.getElementById('p')?.setAttribute('learning-rate', 'fast'));
  const banner = page.locator('#p #link-warnings');
  await banner.waitFor({ state: 'visible' });
  assert.match(await banner.textContent() ?? '', /learningRate.*fast/s);
  const defaults = await page.$eval('#p', (/** @type {any} */ el) => el.config.learningRate);
  assert.equal(typeof defaults, 'number');
  await page.evaluate(() => document.getElementById('p')?.setAttribute('learning-rate', '0.3'));
  await banner.waitFor({ state: 'hidden' });
  assert.equal(await page.$eval('#p', (/** @type {any} */ el) => el.config.learningRate), 0.3);
  // The config property: set, and refused as the core refuses it.
  await page.evaluate(() => { /** @type {any} */ (document.getElementById('p')).config = { dataset: 'moons', hidden: [2] }; });
  assert.deepEqual(await page.$eval('#p', (el) => [el.config.dataset, el.config.hidden]), ['moons', [2]]);
  const refused = await page.evaluate(() => {
    try {
      /** @type {any} */ (document.getElementById('p')).config = { hidden: [0] };
      return null;
    } catch (err) {
      return String(err);
    }
  });
  assert.match(refused ?? '', /hidden|layer/i);
  assert.deepEqual(await page.$eval('#p', (/** @type {any} */ el) => el.config.hidden), [2]);
  await page.screenshot({ path: await artifactPath('element-attributes.png') });
  assert.deepEqual(errors.filter((e) => !/could not be used|refused/i.test(e)), []);
  await context.close();
});

test('methods and events: step, play, stopped, reset, diverged', async () => {
  const { page, context, errors } = await openHost('<backprop-playground id="p" dataset="xor" hidden="3" max-epochs="30" show="buttons,boundary,loss"></backprop-playground>');
  await page.evaluate(() => {
    /** @type {any} */ (window).heard = { epoch: [], stopped: [], diverged: [] };
    customElements.whenDefined('backprop-playground').then(() => {
      const el = /** @type {any} */ (document.getElementById('p'));
      for (const name of ['epoch', 'stopped', 'diverged']) {
        el.addEventListener(name, (/** @type {CustomEvent} */ e) => /** @type {any} */ (window).heard[name].push(e.detail));
      }
    });
  });
  await started(page, ['p']);
  assert.equal(await page.$eval('#p', (/** @type {any} */ el) => el.playing), false, 'it trains without autoplay');
  await page.evaluate(() => { const el = /** @type {any} */ (document.getElementById('p')); el.step(); el.step(); });
  await page.waitForFunction(() => /** @type {any} */ (document.getElementById('p')).stats.epoch === 2);
  await page.waitForFunction(() => /** @type {any} */ (window).heard.epoch.some((/** @type {any} */ d) => d.epoch === 2));
  await page.evaluate(() => /** @type {any} */ (document.getElementById('p')).play());
  await page.waitForFunction(() => /** @type {any} */ (window).heard.stopped.length > 0, null, { timeout: 30_000 });
  let heard = await page.evaluate(() => /** @type {any} */ (window).heard);
  assert.deepEqual([heard.stopped[0].reason, heard.stopped[0].epoch], ['maxEpochs', 30]);
  assert.match(heard.stopped[0].message, /30/);
  assert.equal(await page.$eval('#p', (/** @type {any} */ el) => el.playing), false);
  const epochs = heard.epoch.map((/** @type {any} */ d) => d.epoch);
  assert.deepEqual(epochs, [...epochs].sort((x, y) => x - y), 'epoch events in order');
  assert.equal(epochs.at(-1), 30);
  assert.equal(typeof heard.epoch.at(-1).trainLoss, 'number');
  await page.evaluate(() => /** @type {any} */ (document.getElementById('p')).reset());
  await page.waitForFunction(() => /** @type {any} */ (document.getElementById('p')).stats.epoch === 0);
  // A learning rate far too large: the run diverges, and says so twice.
  await page.evaluate(() => {
    const el = /** @type {any} */ (document.getElementById('p'));
    el.removeAttribute('max-epochs');
    el.setAttribute('dataset', 'plane');
    el.setAttribute('learning-rate', '10');
  });
  await page.waitForFunction(() => /** @type {any} */ (document.getElementById('p')).config.learningRate === 10);
  await page.evaluate(() => /** @type {any} */ (document.getElementById('p')).play());
  await page.waitForFunction(() => /** @type {any} */ (window).heard.diverged.length > 0, null, { timeout: 30_000 });
  heard = await page.evaluate(() => /** @type {any} */ (window).heard);
  assert.equal(heard.stopped.at(-1).reason, 'diverged');
  assert.match(heard.diverged[0].message, /η|learning rate/i);
  assert.deepEqual(errors, []);
  await context.close();
});

test('moved, it goes on; removed, it ends its workers and frames; put back, it starts again with its settings, training if it was', async () => {
  const { page, context, errors } = await openHost('<div id="box"><backprop-playground id="r" dataset="xor" hidden="3" speed="5"></backprop-playground></div>');
  await started(page, ['r']);
  const epochOf = () => page.$eval('#r', (/** @type {any} */ el) => el.stats?.epoch ?? -1);
  await page.evaluate(() => {
    const el = /** @type {any} */ (document.getElementById('r'));
    el.config = { ...el.config, hidden: [5, 2] };
    el.play();
  });
  await page.waitForFunction(() => /** @type {any} */ (document.getElementById('r')).stats.epoch > 10);
  const workers = page.workers();
  assert.ok(workers.length >= 1, 'it runs its engine in a worker');
  let closed = 0;
  for (const worker of workers) worker.on('close', () => { closed += 1; });

  // Moved: taken out and put back in one task, it keeps its run and trains on.
  const before = await epochOf();
  await page.evaluate(() => {
    const el = /** @type {HTMLElement} */ (document.getElementById('r'));
    document.body.append(el);
  });
  await page.waitForFunction((e) => /** @type {any} */ (document.getElementById('r')).stats.epoch > e + 10, before);
  assert.equal(closed, 0, 'a move ends no worker');

  // Removed: every worker ends.
  await page.evaluate(() => {
    const el = /** @type {any} */ (document.getElementById('r'));
    /** @type {any} */ (window).kept = el;
    el.remove();
  });
  const deadline = Date.now() + 10_000;
  while (closed < workers.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(closed, workers.length, `${closed} of its ${workers.length} workers ended`);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).kept.stats), null, 'nothing runs');
  // Out of the page it still says its settings, and a new one waits for it to start again.
  assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).kept.config.hidden), [5, 2]);
  await page.evaluate(() => {
    const el = /** @type {any} */ (window).kept;
    el.config = { ...el.config, learningRate: 0.1 };
  });

  // Put back: the same settings, from epoch 0, training again, then the one set meanwhile.
  await page.evaluate(() => document.getElementById('box')?.append(/** @type {any} */ (window).kept));
  await started(page, ['r']);
  assert.deepEqual(await page.$eval('#r', (/** @type {any} */ el) => el.config.hidden), [5, 2]);
  await page.waitForFunction(() => /** @type {any} */ (document.getElementById('r')).config.learningRate === 0.1);
  await page.waitForFunction(() => /** @type {any} */ (document.getElementById('r')).stats.epoch > 10);
  assert.equal(await page.$eval('#r', (/** @type {any} */ el) => el.playing), true);
  assert.deepEqual(errors, []);
  await context.close();
});

const HOSTILE_CSS = `
* { all: unset; }
canvas { display: none !important; }
button { visibility: hidden; }
html { font-size: 5px; }
body { text-transform: uppercase; letter-spacing: 4px; line-height: 0; color: red; }
div, section, form, main { display: inline; padding: 40px; }
.panel, .layout, .embed, .bp-root, .bp-viewport { display: none; background: red; }
`;

test('a host page with aggressive global rules does not break it, and its rules do not leak out', async () => {
  const { page, context, errors } = await openHost(
    '<p id="note">Host text</p><div id="host-panel" class="panel layout">A host element with the playground\'s class names</div>'
    + '<backprop-playground id="p" dataset="xor" hidden="3" show="buttons,boundary,loss" autoplay></backprop-playground>',
    { head: '<link rel="stylesheet" href="host.css">', files: { 'host.css': HOSTILE_CSS } },
  );
  await started(page, ['p']);
  await page.waitForFunction(() => /** @type {any} */ (document.getElementById('p')).stats.epoch >= 10);
  await page.screenshot({ path: await artifactPath('element-hostile.png') });
  const seen = await page.evaluate(() => {
    const el = /** @type {HTMLElement} */ (document.getElementById('p'));
    const root = /** @type {ShadowRoot} */ (el.shadowRoot);
    const canvas = /** @type {HTMLCanvasElement} */ (root.querySelector('[data-testid=boundary]'));
    const play = /** @type {HTMLElement} */ (root.querySelector('[data-testid=play]'));
    const r = canvas.getBoundingClientRect();
    const p = play.getBoundingClientRect();
    const hit = root.elementFromPoint(p.left + p.width / 2, p.top + p.height / 2);
    // The heatmap: a picture from the engine, shown exactly under the points.
    const heat = /** @type {HTMLCanvasElement} */ (canvas.previousElementSibling);
    const h = heat.getBoundingClientRect();
    const painted = heat.width > 1 && heat.checkVisibility({ visibilityProperty: true, opacityProperty: true })
      && [h.left - r.left, h.top - r.top, h.width - r.width, h.height - r.height].every((d) => Math.abs(d) < 1);
    const host = /** @type {HTMLElement} */ (document.getElementById('host-panel'));
    const hostStyle = getComputedStyle(host);
    return {
      box: el.getBoundingClientRect().toJSON(),
      canvas: { width: r.width, height: r.height, visible: canvas.checkVisibility({ visibilityProperty: true, opacityProperty: true }) },
      painted,
      playOnTop: !!hit && play.contains(hit),
      playVisible: getComputedStyle(play).visibility,
      bodyFont: getComputedStyle(/** @type {HTMLElement} */ (root.querySelector('.bp-root'))).fontSize,
      leaked: { radius: hostStyle.borderRadius, shadow: hostStyle.boxShadow, bg: getComputedStyle(document.documentElement).getPropertyValue('--bg') },
    };
  });
  assert.ok(seen.box.width >= 600 && seen.box.height >= 300, `the element is squashed: ${JSON.stringify(seen.box)}`);
  assert.ok(seen.canvas.visible && seen.canvas.width >= 150 && seen.canvas.height >= 150, `the plot is not shown: ${JSON.stringify(seen.canvas)}`);
  assert.ok(seen.painted, 'the plot\'s heatmap is not drawn, or not under its points');
  assert.ok(seen.playOnTop && seen.playVisible === 'visible', 'the play button is hidden or covered');
  assert.equal(seen.bodyFont, '15px', 'the host\'s root font size reached in');
  assert.deepEqual(seen.leaked, { radius: '0px', shadow: 'none', bg: '' }, 'the playground\'s styles leaked into the host page');
  // Its buttons still work.
  await page.locator('#p [data-testid=play]').click();
  await page.waitForFunction(() => !(/** @type {any} */ (document.getElementById('p')).playing));
  assert.deepEqual(errors, []);
  await context.close();
});

test('it takes the host\'s box, colour scheme, colours and font', async () => {
  const css = `
    backprop-playground { --bp-accent: rgb(200, 0, 0); --bp-font: monospace; }
    #four-three { width: 800px; aspect-ratio: 4 / 3; }
    #fixed { width: 900px; height: 420px; }`;
  const { page, context, errors } = await openHost(
    '<backprop-playground id="four-three" dataset="xor" show="controls,network,boundary,loss"></backprop-playground>'
    + '<backprop-playground id="fixed" dataset="xor" show="controls,boundary"></backprop-playground>',
    { colorScheme: 'dark', viewport: { width: 1280, height: 1000 }, head: '<link rel="stylesheet" href="host.css">', files: { 'host.css': css } },
  );
  await started(page, ['four-three', 'fixed']);
  await page.screenshot({ path: await artifactPath('element-styled.png'), fullPage: true });
  for (const [id, width, height] of /** @type {const} */ ([['four-three', 800, 600], ['fixed', 900, 420]])) {
    const seen = await page.evaluate((i) => {
      const el = /** @type {HTMLElement} */ (document.getElementById(i));
      const root = /** @type {ShadowRoot} */ (el.shadowRoot);
      const frame = /** @type {HTMLElement} */ (root.querySelector('.bp-root'));
      const embed = /** @type {HTMLElement} */ (root.querySelector('.embed'));
      const play = /** @type {HTMLElement} */ (root.querySelector('[data-testid=play]'));
      return {
        box: el.getBoundingClientRect().toJSON(),
        inside: embed.scrollHeight <= embed.clientHeight + 1 && embed.scrollWidth <= embed.clientWidth + 1
          && embed.getBoundingClientRect().bottom <= el.getBoundingClientRect().bottom + 1,
        background: getComputedStyle(frame).backgroundColor,
        font: getComputedStyle(frame).fontFamily,
        accent: getComputedStyle(play).backgroundColor,
      };
    }, id);
    assert.ok(Math.abs(seen.box.width - width) < 1 && Math.abs(seen.box.height - height) < 1, `${id}: ${JSON.stringify(seen.box)}`);
    assert.ok(seen.inside, `${id}: the embed does not fit its box`);
    assert.equal(seen.background, 'rgb(15, 19, 24)', `${id}: not the dark scheme`);
    assert.equal(seen.font, 'monospace', id);
    assert.equal(seen.accent, 'rgb(200, 0, 0)', id);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * A three-slide deck: a title, the element under a heading, and a last slide.
 * @param {string} element
 */
function deckHtml(element) {
  return `<div class="reveal"><div class="slides">
<section><h2>Backprop</h2></section>
<section><h3>Gradient descent at work</h3>${element}</section>
<section><h3>Next</h3></section>
</div></div>
<script src="reveal/reveal.js"></script><script src="deck.js"></script>`;
}

const DECK_JS = "Reveal.initialize({ hash: false, transition: 'none' }).then(() => { document.documentElement.dataset.deck = 'ready'; });";

for (const viewport of [{ width: 1280, height: 720 }, { width: 960, height: 540 }]) {
  test(`reveal.js deck at ${viewport.width}×${viewport.height}: it fits its slide, trains only while its slide is shown, and Escape hands the keys back`, async () => {
    const { page, context, errors } = await openHost(
      deckHtml('<backprop-playground id="p" dataset="xor" hidden="4" show="controls,network,boundary,loss" autoplay></backprop-playground>'),
      {
        viewport,
        head: '<link rel="stylesheet" href="reveal/reveal.css"><link rel="stylesheet" href="reveal/theme/white.css">',
        files: { 'deck.js': DECK_JS },
      },
    );
    await page.waitForFunction(() => document.documentElement.dataset.deck === 'ready');
    /** @type {() => Promise<number>} */
    const slide = () => page.evaluate(() => /** @type {any} */ (window).Reveal.getIndices().h);
    const epoch = () => page.$eval('#p', (/** @type {any} */ el) => el.stats?.epoch ?? -1);
    const frames = () => page.evaluate(() => new Promise((done) => {
      let n = 0;
      const tick = () => { n += 1; if (n < 10) requestAnimationFrame(tick); else done(null); };
      requestAnimationFrame(tick);
    }));
    // On the title slide, the next one is laid out but not shown: it does not start.
    await page.waitForFunction(() => customElements.get('backprop-playground'));
    await frames();
    assert.equal(await page.$eval('#p', (/** @type {any} */ el) => el.stats), null, 'it started on a slide not shown');

    await page.evaluate(() => /** @type {any} */ (window).Reveal.next());
    await started(page, ['p']);
    await page.waitForFunction(() => /** @type {any} */ (document.getElementById('p')).stats.epoch >= 10);
    await page.screenshot({ path: await artifactPath(`element-deck-${viewport.width}x${viewport.height}.png`) });
    const fit = await page.evaluate(() => {
      const el = /** @type {HTMLElement} */ (document.getElementById('p'));
      const root = /** @type {ShadowRoot} */ (el.shadowRoot);
      const box = el.getBoundingClientRect();
      const section = /** @type {HTMLElement} */ (document.querySelector('.reveal .slides > section.present'));
      const slides = /** @type {HTMLElement} */ (document.querySelector('.reveal .slides')).getBoundingClientRect();
      const embed = /** @type {HTMLElement} */ (root.querySelector('.embed'));
      const play = /** @type {HTMLElement} */ (root.querySelector('[data-testid=play]'));
      const p = play.getBoundingClientRect();
      const hit = root.elementFromPoint(p.left + p.width / 2, p.top + p.height / 2);
      const page = document.documentElement;
      return {
        box: box.toJSON(),
        slides: slides.toJSON(),
        section: section.getBoundingClientRect().toJSON(),
        window: { width: innerWidth, height: innerHeight },
        scrolls: page.scrollWidth > innerWidth || page.scrollHeight > innerHeight,
        embedFits: embed.scrollHeight <= embed.clientHeight + 1 && embed.scrollWidth <= embed.clientWidth + 1,
        ratio: el.offsetWidth / el.offsetHeight,
        playOnTop: !!hit && play.contains(hit),
      };
    });
    const inside = (/** @type {any} */ a, /** @type {any} */ b) => a.left >= b.left - 1 && a.top >= b.top - 1 && a.right <= b.right + 1 && a.bottom <= b.bottom + 1;
    assert.ok(inside(fit.box, fit.slides), `the element ${JSON.stringify(fit.box)} leaves the slide ${JSON.stringify(fit.slides)}`);
    assert.ok(fit.box.bottom <= fit.window.height && fit.box.right <= fit.window.width, 'the element leaves the window');
    assert.ok(fit.box.width >= 0.9 * fit.slides.width, `the element does not span the slide: ${JSON.stringify(fit)}`);
    assert.ok(Math.abs(fit.ratio - 16 / 9) < 0.02, `not 16:9: ${fit.ratio}`);
    assert.equal(fit.scrolls, false, 'the deck scrolls');
    assert.ok(fit.embedFits, 'the playground does not fit its box');
    assert.ok(fit.playOnTop, 'the play button is covered');

    // Another slide: it pauses; back: it trains again.
    await page.evaluate(() => /** @type {any} */ (window).Reveal.next());
    await page.waitForFunction(() => !(/** @type {any} */ (document.getElementById('p')).playing));
    // The epochs trained before the pause arrive a frame or two later.
    await frames();
    const paused = await epoch();
    await frames();
    assert.equal(await epoch(), paused, 'it trains on a slide not shown');
    await page.evaluate(() => /** @type {any} */ (window).Reveal.prev());
    await page.waitForFunction((n) => /** @type {any} */ (document.getElementById('p')).stats.epoch > n + 5, paused);

    // Focused, its keys are its own: space pauses, → steps, and the deck stays.
    await page.locator('#p').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !(/** @type {any} */ (document.getElementById('p')).playing));
    // The epochs trained before the pause have arrived: one step adds one.
    await frames();
    const before = await epoch();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => /** @type {any} */ (document.getElementById('p')).stats.epoch >= n + 1, before);
    assert.equal(await epoch(), before + 1, 'ArrowRight did not step exactly one epoch');
    assert.equal(await slide(), 1, 'the deck moved while the element had the focus');
    // Escape: the page has the focus again, and the deck its keys.
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'Escape did not release the focus');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => /** @type {any} */ (window).Reveal.getIndices().h === 2);
    assert.equal(await epoch(), before + 1, 'the element took a key after Escape');
    assert.deepEqual(errors, []);
    await context.close();
  });
}
