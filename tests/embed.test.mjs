// Embed mode (www/js/app/embed.js): `embed=1&show=…` shows only the chosen panels,
// filling 960×540 and 1280×720 iframes with no scrollbars; `autoplay=1`;
// TensorFlow Playground's `<control>_hide=true` flags; names that cannot be
// understood are said in a notice. And the embed-code chooser
// (www/js/app/embed-code.js): the snippet, its escaping, the copy button, and the
// snippet itself loaded in a host page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { artifactPath, hook, nextFrames, openPage, setup, waitReady } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Frame} Frame */

const SIZES = [{ width: 960, height: 540 }, { width: 1280, height: 720 }];

/**
 * Everything that tells whether an embed fits: the document's and every
 * scrolling element's scroll sizes, each card's box, the boundary canvas, and
 * what else of the page is still visible.
 * @param {Page | Frame} page
 */
function measure(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    /** @param {Element} el */
    const visible = (el) => el instanceof HTMLElement && el.offsetParent !== null && el.getClientRects().length > 0;
    const scrollers = [];
    for (const el of [root, document.body, ...document.querySelectorAll('.embed *')]) {
      const style = getComputedStyle(el);
      const scrolls = el === root || el === document.body || /auto|scroll/.test(style.overflowX + style.overflowY);
      if (scrolls && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
        scrollers.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}: ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
      }
    }
    const parts = [...document.querySelectorAll('.embed-part')].map((el) => {
      const r = el.getBoundingClientRect();
      // Content spilling out of a card shows in its scroll size even when nothing scrolls.
      const spill = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1
        ? `${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}` : '';
      return { name: /** @type {HTMLElement} */ (el).dataset.part, left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height, spill };
    });
    const canvas = document.querySelector('[data-testid=boundary]');
    return {
      scrollers,
      viewport: { width: root.clientWidth, height: root.clientHeight },
      parts,
      boundary: canvas && visible(canvas) ? canvas.getBoundingClientRect().width : 0,
      header: visible(/** @type {Element} */ (document.querySelector('.site-header'))),
      dataPanel: visible(/** @type {Element} */ (document.querySelector('#dataset'))),
      notice: document.getElementById('embed-notice')?.textContent ?? '',
    };
  });
}

/**
 * Asserts that an embed fits its window: nothing scrolls, every card is inside.
 * @param {Awaited<ReturnType<typeof measure>>} m
 * @param {string} what
 */
function assertFits(m, what) {
  assert.deepEqual(m.scrollers, [], `${what}: something scrolls`);
  for (const p of m.parts) {
    assert.ok(p.left >= 0 && p.top >= 0 && p.right <= m.viewport.width + 0.5 && p.bottom <= m.viewport.height + 0.5,
      `${what}: card ${p.name} at ${p.left},${p.top}–${p.right},${p.bottom} is outside the ${m.viewport.width}×${m.viewport.height} window`);
    assert.ok(p.width >= 100 && p.height >= 40, `${what}: card ${p.name} is squeezed to ${p.width}×${p.height}`);
    assert.equal(p.spill, '', `${what}: content spills out of card ${p.name}`);
  }
  assert.equal(m.header, false, `${what}: the page header is shown`);
}

const CASES = [
  { show: null, parts: ['controls', 'network', 'boundary', 'loss'], minBoundary: [240, 420] },
  { show: 'boundary,loss', parts: ['boundary', 'loss'], minBoundary: [400, 560] },
  { show: 'boundary', parts: ['boundary'], minBoundary: [400, 560] },
  { show: 'buttons,readouts,network,boundary', parts: ['buttons', 'readouts', 'network', 'boundary'], minBoundary: [320, 480] },
  { show: 'learningRate,activation,noise,network,boundary', parts: ['learningRate', 'activation', 'noise', 'network', 'boundary'], minBoundary: [300, 480] },
  { show: 'dataset,hidden,boundary', parts: ['dataset', 'hidden', 'boundary'], minBoundary: [200, 400] },
  { show: 'controls,readouts', parts: ['controls', 'readouts'], minBoundary: [0, 0] },
];

/**
 * Asserts what an embed of case `c` shows at the page's viewport `size`.
 * @param {Page} page
 * @param {(typeof CASES)[number]} c
 * @param {{ width: number, height: number }} size
 * @param {string} how  how the page came to this size
 */
async function assertCase(page, c, size, how) {
  await nextFrames(page);
  const m = await measure(page);
  const what = `#embed=1${c.show ? `&show=${c.show}` : ''} at ${size.width}×${size.height} (${how})`;
  assert.deepEqual(m.parts.map((p) => p.name), c.parts, `${what}: cards`);
  assertFits(m, what);
  assert.equal(m.dataPanel, c.parts.includes('dataset'), `${what}: the dataset menu is shown`);
  const min = c.minBoundary[size.width === 960 ? 0 : 1];
  assert.ok(m.boundary >= min, `${what}: the boundary plot is ${m.boundary} px wide, want ≥ ${min}`);
  assert.equal(m.notice, '', `${what}: unexpected notice`);
  if (c.show === null || c.show.startsWith('learningRate')) {
    await page.screenshot({ path: await artifactPath(`embed-${size.width}x${size.height}-${c.show ? 'controls' : 'default'}.png`) });
  }
}

// Each case opens at one size and is then resized to the other (an iframe a
// slide deck scales does that); the cases alternate which size they open at,
// so both sizes are seen freshly opened and resized.
test('embed at 960×540 and 1280×720, opened or resized: only the chosen panels, and nothing scrolls', async () => {
  for (const [k, c] of CASES.entries()) {
    const [first, second] = k % 2 === 0 ? SIZES : [...SIZES].reverse();
    const hash = `#embed=1${c.show ? `&show=${c.show}` : ''}`;
    const { page, context, errors } = await openPage(env, { hash, viewport: first });
    await assertCase(page, c, first, 'opened');
    await page.setViewportSize(second);
    await assertCase(page, c, second, 'resized');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a deep, wide network still fits: the diagram is scaled down, not scrolled', async () => {
  // Benchmark B (seven inputs, six hidden layers), widened to 16 units a layer;
  // at 960×540, then resized to 1280×720.
  const { page, context, errors } = await openPage(env, { hash: '#bench=B&embed=1', viewport: SIZES[0] });
  await page.evaluate(() => {
    window.__bp?.pause();
    const config = window.__bp?.config();
    window.__bp?.loadConfig({ ...config, hidden: [16, 16, 16, 16, 16, 16] });
  });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await nextFrames(page);
    const what = `bench B at ${size.width}×${size.height}`;
    assertFits(await measure(page), what);
    const diagram = await page.evaluate(() => {
      const view = /** @type {HTMLElement} */ (document.querySelector('.network-view'));
      const content = /** @type {HTMLElement} */ (view.querySelector('.nv-content'));
      const v = view.getBoundingClientRect();
      const c = content.getBoundingClientRect();
      return { transform: content.style.transform, inside: c.left >= v.left - 0.5 && c.right <= v.right + 0.5 && c.top >= v.top - 0.5 && c.bottom <= v.bottom + 0.5, natural: content.offsetHeight, view: view.clientHeight };
    });
    assert.ok(diagram.inside, `${what}: the diagram leaves its card (${JSON.stringify(diagram)})`);
    if (diagram.natural > diagram.view) assert.match(diagram.transform, /^scale\(0\.\d+\)$/, `${what}: not scaled down`);
    if (size.width === 960) assert.ok(diagram.natural > diagram.view, 'at 960×540 sixteen units a layer are taller than their card');
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the chosen controls work inside the embed, and a control inside a chosen panel is not shown twice', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#embed=1&show=controls,learningRate,boundary', viewport: SIZES[0] });
  assert.deepEqual((await measure(page)).parts.map((p) => p.name), ['controls', 'boundary']);
  await page.locator('#activation').selectOption('relu');
  assert.equal(await page.evaluate(() => window.__bp?.config().activation), 'relu');
  await page.getByTestId('step').click();
  assert.equal((await hook(page, 'stats')).epoch, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('autoplay=1 trains without a click', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#embed=1&show=boundary&autoplay=1', viewport: SIZES[0] });
  await page.waitForFunction(() => (window.__bp?.stats().epoch ?? 0) >= 5);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hide flags: TensorFlow Playground names hide our controls on the full page; its other names are ignored quietly', async () => {
  const hash = '#learningRate_hide=true&percTrainData_hide=true&showTestData_hide=true&networkShape_hide=true'
    + '&x_hide=true&xSquared_hide=true&cosX_hide=true&collectStats_hide=true&problem_hide=false';
  const { page, context, errors } = await openPage(env, { hash });
  const shown = (/** @type {string} */ selector) => page.locator(selector).first().isVisible();
  assert.equal(await shown('[data-field="learningRate"]'), false, 'learning rate');
  assert.equal(await shown('[data-field="trainRatio"]'), false, 'training share (percTrainData)');
  assert.equal(await shown('[data-field="hidden"]'), false, 'hidden layers (networkShape)');
  assert.equal(await page.locator('.nv-units-button').count() > 0, true, 'the diagram has its unit buttons');
  assert.equal(await page.locator('.nv-units-button:visible').count(), 0, 'networkShape hides the diagram\'s unit buttons too');
  assert.equal(await shown('.nv-units-count'), true, 'the unit counts stay');
  assert.equal(await shown('#show-test'), false, 'show test data');
  assert.equal(await shown('[data-field="noise"]'), true, 'noise was not hidden');
  assert.equal(await shown('[data-field="problem"]'), true, 'problem_hide=false hides nothing');
  assert.equal(await shown('#discretize'), true, 'discretize was not hidden');
  // x is an input the network uses: it stays. x² is off: it leaves the diagram.
  assert.equal(await page.locator('[data-feature="x1"]').count(), 1);
  assert.equal(await page.locator('[data-feature="x1Sq"]').count(), 0);
  assert.equal(await page.locator('[data-feature]').count(), 6);
  assert.equal(await page.locator('#embed-notice').count(), 0, 'cosX and collectStats have no counterpart: no notice');
  assert.deepEqual(errors, []);
  await context.close();
});

test('hide flags apply inside an embed too', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#embed=1&show=controls,boundary&activation_hide=true&loss_hide=1', viewport: SIZES[0] });
  assert.equal(await page.locator('#activation').isVisible(), false);
  assert.equal(await page.locator('#learning-rate').isVisible(), true);
  assertFits(await measure(page), 'controls without activation');
  assert.deepEqual(errors, []);
  await context.close();
});

test('names that cannot be understood are said in a notice; the rest still applies', async () => {
  const hash = '#embed=1&show=boundary,bogus&autoplay=maybe&sparkle_hide=true&cosX_hide=true';
  const { page, context, errors } = await openPage(env, { hash, viewport: SIZES[0] });
  const m = await measure(page);
  assert.deepEqual(m.parts.map((p) => p.name), ['boundary']);
  assert.match(m.notice, /“bogus” is not a panel/);
  assert.match(m.notice, /autoplay=maybe is not understood/);
  assert.match(m.notice, /sparkle_hide: there is no control or panel called “sparkle”/);
  assert.doesNotMatch(m.notice, /cosX/);
  await page.getByRole('button', { name: 'Close the notice' }).click();
  assert.equal(await page.locator('#embed-notice').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();

  // show= without embed=1 does nothing, and says so.
  const full = await openPage(env, { hash: '#show=boundary' });
  assert.match((await measure(full.page)).notice, /used only in embed mode/);
  assert.equal(await full.page.locator('.site-header').isVisible(), true);
  await full.context.close();
});

/**
 * Opens the chooser, picks `panels`, the size and autoplay, and returns the snippet.
 * @param {Page} page
 * @param {string[]} panels
 * @param {'960x540' | '1280x720'} size
 * @param {boolean} autoplay
 */
async function chooseEmbed(page, panels, size, autoplay) {
  await page.getByRole('button', { name: 'Embed code' }).click();
  const dialog = page.locator('#embed-dialog');
  await dialog.waitFor({ state: 'visible' });
  for (const box of await dialog.locator('input[name="embedPanel"]').all()) {
    await box.setChecked(panels.includes(await box.getAttribute('value') ?? ''));
  }
  await dialog.locator(`input[name="embedSize"][value="${size}"]`).check();
  await dialog.locator('#embed-autoplay').setChecked(autoplay);
  return page.locator('#embed-code').inputValue();
}

/**
 * The attributes of the first `<iframe>` in an HTML snippet, entities decoded.
 * @param {string} html
 * @returns {Record<string, string> | null}
 */
function iframeAttributes(html) {
  const tag = /<iframe\s([^>]*)>/.exec(html)?.[1];
  if (tag === undefined) return null;
  const entities = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' };
  /** @type {Record<string, string>} */
  const attributes = {};
  for (const [, name, value] of tag.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) {
    attributes[name] = (value ?? '').replace(/&(amp|quot|#39|lt|gt);/g, (e) => entities[/** @type {keyof typeof entities} */ (e)]);
  }
  return attributes;
}

test('embed code: an escaped <iframe> of the current link with the chosen panels, size and autoplay', async () => {
  const { page, context, errors } = await openPage(env, { hash: '#noise_hide=true&show=network' });
  const snippet = await chooseEmbed(page, ['boundary', 'network'], '1280x720', true);
  const href = await page.evaluate(() => location.href);
  // Read here, not by a DOMParser in the page: the page's policy would report
  // the snippet's style attribute (meant for the host page) as a violation.
  const parsed = iframeAttributes(snippet);
  assert.ok(parsed, `no iframe in ${snippet}`);
  assert.equal(parsed.width, '1280');
  assert.equal(parsed.height, '720');
  assert.equal(parsed.allow, 'fullscreen');
  assert.ok(parsed.title);
  // The attribute is escaped: & is written &amp;, and no raw quote can end it early.
  assert.ok(snippet.includes('&amp;embed=1'), snippet);
  assert.doesNotMatch(snippet, /&(?!amp;|quot;|#39;|lt;|gt;)/, 'a raw & in the snippet');
  const src = /** @type {string} */ (parsed.src);
  assert.equal(src.split('#')[0], href.split('#')[0], 'the embed points to this page');
  const params = new URLSearchParams(src.split('#')[1]);
  assert.equal(params.get('embed'), '1');
  assert.equal(params.get('show'), 'network,boundary', 'panels in the page order of the chooser');
  assert.equal(params.get('autoplay'), '1');
  assert.equal(params.getAll('show').length, 1, 'the page\'s own show= is replaced');
  // Every other name of the page's hash carries over, as written.
  for (const pair of (href.split('#')[1] ?? '').split('&').filter(Boolean)) {
    if (!/^(embed|show|autoplay)=/.test(pair)) assert.ok(src.includes(pair), `${pair} is missing from ${src}`);
  }
  assert.ok(src.includes('noise_hide=true'));
  await page.screenshot({ path: await artifactPath('embed-code-chooser.png') });

  // Every control of the chooser has a label and a tooltip.
  const missing = await page.evaluate(() => [...document.querySelectorAll('#embed-dialog input, #embed-dialog textarea')]
    .filter((el) => !(/** @type {HTMLInputElement} */ (el).labels?.length) || !(el.getAttribute('title') || el.closest('[title]')))
    .map((el) => el.id || /** @type {HTMLInputElement} */ (el).value));
  assert.deepEqual(missing, []);

  // A change of choice rewrites the snippet at once.
  await page.locator('input[name="embedSize"][value="960x540"]').check();
  assert.match(await page.locator('#embed-code').inputValue(), /width="960" height="540"/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('embed code: Copy puts the snippet on the clipboard', async () => {
  const { page, context, errors } = await openPage(env);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.baseUrl).origin });
  const snippet = await chooseEmbed(page, ['boundary'], '960x540', false);
  await page.locator('#embed-copy').click();
  await page.waitForFunction(() => document.getElementById('embed-copy-status')?.textContent?.startsWith('Copied'));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
  assert.deepEqual(errors, []);
  await context.close();
});

test('embed code: in a window as short as a slide, the dialog\'s buttons are in view without scrolling', async () => {
  const { page, context, errors } = await openPage(env, { viewport: { width: 960, height: 540 } });
  await page.getByRole('button', { name: 'Embed code' }).click();
  await page.locator('#embed-dialog').waitFor({ state: 'visible' });
  for (const id of ['embed-copy', 'embed-preview']) {
    const seen = await page.evaluate((which) => {
      const el = /** @type {HTMLElement} */ (document.getElementById(which));
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { bottom: r.bottom, height: window.innerHeight, onTop: hit === el || el.contains(hit) };
    }, id);
    assert.ok(seen.bottom <= seen.height, `#${id} ends at ${seen.bottom}, below the ${seen.height} px window`);
    assert.ok(seen.onTop, `#${id} is covered by something else`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('embed code: the snippet, pasted into a page, shows the chosen panels and fits its frame', async () => {
  const { page, context, errors } = await openPage(env);
  const snippet = await chooseEmbed(page, ['buttons', 'boundary', 'loss'], '960x540', false);
  const host = await context.newPage();
  /** @type {string[]} */
  const hostErrors = [];
  host.on('console', (msg) => { if (msg.type() === 'error') hostErrors.push(msg.text()); });
  host.on('pageerror', (err) => hostErrors.push(err.message));
  await host.setViewportSize({ width: 1100, height: 700 });
  await host.setContent(`<!doctype html><body style="margin:0">${snippet}</body>`);
  const frame = await (await host.waitForSelector('iframe')).contentFrame();
  assert.ok(frame);
  await waitReady(frame);
  await nextFrames(frame);
  const m = await measure(frame);
  assert.deepEqual(m.parts.map((p) => p.name), ['buttons', 'boundary', 'loss']);
  assertFits(m, 'the pasted snippet');
  assert.deepEqual(m.viewport, { width: 960, height: 540 });
  await host.screenshot({ path: await artifactPath('embed-snippet-host.png') });
  assert.deepEqual(hostErrors, []);
  assert.deepEqual(errors, []);
  await context.close();
});
