// The page at the sizes it is used at (css/layout.css): nothing scrolls
// sideways, five classes' confusion matrices included; on a tablet either way
// up the network diagram and the plot are on screen together; on a phone the
// plot is on the first screen; a wide screen is used to its edges; Embed code
// sits with Lesson, Share and Files. And on a phone, a node tapped while the
// plot is out of view shows its picture over the diagram (js/focus-popover.js).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { artifactPath, nextFrames, openPage, setup } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** @typedef {{ left: number, top: number, right: number, bottom: number, width: number, height: number }} Box */

/**
 * The boxes of `selectors` (null for a missing one) and the window's size.
 * @param {import('playwright-core').Page} page
 * @param {string[]} selectors
 */
function boxes(page, selectors) {
  return page.evaluate((sels) => {
    /** @type {Record<string, Box | null>} */
    const found = {};
    for (const sel of sels) {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      found[sel] = r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height } : null;
    }
    return { found, width: innerWidth, height: innerHeight, scrollWidth: document.documentElement.scrollWidth };
  }, selectors);
}

/**
 * @param {Box | null} box
 * @param {{ width: number, height: number }} view
 */
function inside(box, view) {
  return !!box && box.width > 0 && box.left >= -0.5 && box.top >= -0.5 && box.right <= view.width + 0.5 && box.bottom <= view.height + 0.5;
}

const FIVE_CLASSES = '#v=1&dataset=blobs&classes=5';

for (const viewport of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }, { width: 390, height: 844 }]) {
  test(`five classes at ${viewport.width}×${viewport.height}: no sideways scroll, both confusion matrices inside the output panel`, async () => {
    const { page, context, errors } = await openPage(env, { hash: FIVE_CLASSES, viewport });
    await nextFrames(page);
    assert.equal(await page.locator('.metrics-set[data-set="test"] td').count(), 25, 'not a 5×5 matrix');
    const layout = await page.evaluate(() => {
      const panel = document.querySelector('.panel-output')?.getBoundingClientRect();
      const tables = [...document.querySelectorAll('.metrics .confusion')].map((t) => t.getBoundingClientRect());
      return {
        overflow: document.documentElement.scrollWidth - innerWidth,
        panel: panel && { left: panel.left, right: panel.right },
        tables: tables.map((r) => ({ left: r.left, right: r.right })),
      };
    });
    assert.ok(layout.overflow <= 0, `the page is ${layout.overflow}px wider than the window`);
    assert.equal(layout.tables.length, 2);
    for (const table of layout.tables) {
      assert.ok(layout.panel && table.left >= layout.panel.left && table.right <= layout.panel.right,
        `a matrix ${JSON.stringify(table)} leaves the output panel ${JSON.stringify(layout.panel)}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

for (const viewport of [{ width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
  test(`tablet ${viewport.width}×${viewport.height}: the network diagram and the plot are on screen together`, async () => {
    const { page, context, errors } = await openPage(env, { viewport, hasTouch: true });
    await page.screenshot({ path: await artifactPath(`tablet-${viewport.width}x${viewport.height}.png`) });
    const view = await boxes(page, ['#network-view', '[data-testid=boundary]', '[data-testid=play]']);
    for (const [sel, box] of Object.entries(view.found)) {
      assert.ok(inside(box, view), `${sel} ${JSON.stringify(box)} is not inside the ${view.width}×${view.height} window`);
    }
    assert.ok(view.scrollWidth <= view.width, 'the page scrolls sideways');
    // Every hyperparameter of the run bar in view: they wrap, not scroll.
    const fields = await page.locator('.run-fields > .field:not([hidden])').evaluateAll((els) => els.map((el) => {
      const r = el.getBoundingClientRect();
      return { name: el.getAttribute('data-field'), left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    }));
    assert.ok(fields.length >= 5, `only ${fields.length} fields in the run bar`);
    for (const field of fields) assert.ok(inside(field, view), `the run bar's ${field.name} ${JSON.stringify(field)} is out of view`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('phone 390×844: the whole plot is on the first screen, under a run bar of two rows', async () => {
  const { page, context, errors } = await openPage(env, { viewport: { width: 390, height: 844 }, hasTouch: true });
  const view = await boxes(page, ['[data-testid=boundary]', '[data-testid=play]', '[data-testid=epoch]', '.panel-run']);
  const plot = view.found['[data-testid=boundary]'];
  assert.ok(inside(plot, view), `the plot ${JSON.stringify(plot)} is not on the first screen`);
  assert.ok(plot && plot.width >= 280, `the plot is ${plot?.width}px wide`);
  // Play and the epoch in one row, the hyperparameters in one more.
  const play = view.found['[data-testid=play]'];
  const epoch = view.found['[data-testid=epoch]'];
  assert.ok(play && epoch && epoch.top < play.bottom && epoch.bottom > play.top, 'the epoch is not beside play');
  assert.ok((view.found['.panel-run']?.height ?? 999) <= 150, `the run bar is ${view.found['.panel-run']?.height}px tall`);
  assert.ok(view.scrollWidth <= view.width, 'the page scrolls sideways');
  assert.deepEqual(errors, []);
  await context.close();
});

test('wide 1920×1080: the page uses the width (small margins, a bigger plot and diagram)', async () => {
  const { page, context, errors } = await openPage(env, { viewport: { width: 1920, height: 1080 } });
  await page.screenshot({ path: await artifactPath('wide-1920x1080.png') });
  const view = await boxes(page, ['.layout', '.panel-data', '.panel-output', '[data-testid=boundary]', '#network-view']);
  const layout = view.found['.layout'];
  // It was a 1320 px column with 300 px margins each side.
  assert.ok(layout && layout.width >= 1880, `the page content is ${layout?.width}px wide`);
  assert.ok((view.found['.panel-data']?.left ?? 999) <= 24, 'a wide margin on the left');
  assert.ok(1920 - (view.found['.panel-output']?.right ?? 0) <= 24, 'a wide margin on the right');
  const plot = view.found['[data-testid=boundary]'];
  assert.ok(plot && plot.width >= 560 && plot.bottom <= 1080, `the plot ${JSON.stringify(plot)} is small or below the fold`);
  const nodes = await page.evaluate(() => window.__bp?.diagram().nodes ?? []);
  assert.ok(nodes.length > 0 && nodes.every((n) => n.size > 40), `nodes of ${nodes[0]?.size}px, as on a laptop`);
  assert.ok(inside(view.found['#network-view'], view), 'the diagram is not on the first screen');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const viewport of [{ width: 1920, height: 1080 }, { width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test(`header at ${viewport.width}×${viewport.height}: Embed code is in the toolbar with Lesson, Share and Files`, async () => {
    const { page, context, errors } = await openPage(env, { viewport });
    const group = await page.evaluate(() => {
      const toolbar = document.querySelector('#share-menu')?.closest('.toolbar');
      const embed = document.getElementById('embed-open');
      const files = document.querySelector('#files-menu > summary')?.getBoundingClientRect();
      const own = embed?.getBoundingClientRect();
      return {
        same: !!toolbar && !!embed && toolbar.contains(embed) && toolbar.contains(document.getElementById('lesson')),
        // Right after Files, on its row or, on a phone, wrapped under it.
        nextToFiles: !!files && !!own && own.left >= files.right - 1 && Math.abs(own.top - files.top) <= 4,
      };
    });
    assert.ok(group.same, 'Embed code is not in the toolbar with Lesson, Share and Files');
    assert.ok(group.nextToFiles, 'Embed code does not sit right after Files');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

/**
 * The popover's state: shown, its box, its caption, and how many of its
 * canvas's pixels are coloured (not white or transparent).
 * @param {import('playwright-core').Page} page
 */
function popover(page) {
  return page.evaluate(() => {
    const box = /** @type {HTMLElement | null} */ (document.querySelector('.focus-popover'));
    const canvas = /** @type {HTMLCanvasElement | null} */ (box?.querySelector('canvas') ?? null);
    const r = box?.getBoundingClientRect();
    let coloured = 0;
    if (canvas && canvas.width > 0 && box && !box.hidden) {
      const { data } = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d')).getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && Math.min(data[i], data[i + 1], data[i + 2]) < 235) coloured += 1;
    }
    return {
      shown: !!box && !box.hidden,
      box: r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height } : null,
      caption: box?.querySelector('figcaption')?.textContent ?? '',
      coloured,
      focused: document.querySelectorAll('.nv-node.is-focused').length,
    };
  });
}

test('phone: a node tapped far below the plot shows its picture over the diagram; a second tap, or a tap on it, closes it', async () => {
  const { page, context, errors } = await openPage(env, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const node = page.locator('[data-node="7"]');
  await node.scrollIntoViewIfNeeded();
  const plot = await page.getByTestId('boundary').boundingBox();
  assert.ok(plot && plot.y + plot.height < 0, 'the plot is still in view: the test needs it above the screen');

  await node.tap();
  let state = await popover(page);
  await page.screenshot({ path: await artifactPath('phone-popover.png') });
  assert.ok(state.shown, 'no popover after the tap');
  assert.ok(inside(state.box, { width: 390, height: 844 }), `the popover ${JSON.stringify(state.box)} is not on screen`);
  assert.match(state.caption, /layer|Output/i);
  assert.ok(state.coloured > 1000, `the popover's picture is blank (${state.coloured} coloured pixels)`);
  const tapped = await node.boundingBox();
  assert.ok(tapped && state.box && (tapped.y + tapped.height / 2 < state.box.top || tapped.y + tapped.height / 2 > state.box.bottom),
    'the popover covers the node that was tapped');

  await node.tap();
  state = await popover(page);
  assert.equal(state.shown, false, 'a second tap on the node did not close it');
  assert.equal(state.focused, 0);

  await node.tap();
  assert.equal((await popover(page)).shown, true);
  await page.locator('.focus-popover').tap();
  state = await popover(page);
  assert.equal(state.shown, false, 'a tap on the popover did not close it');
  assert.equal(state.focused, 0, 'the node stayed focused after the popover closed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a node shown while the plot is in view opens no popover (tap at 1024×768, hover at 1280×800)', async () => {
  const tablet = await openPage(env, { viewport: { width: 1024, height: 768 }, hasTouch: true });
  await tablet.page.locator('[data-node="7"]').tap();
  await tablet.page.waitForFunction(() => document.querySelectorAll('.nv-node.is-focused').length === 1);
  assert.equal((await popover(tablet.page)).shown, false);
  await tablet.context.close();

  const laptop = await openPage(env, { viewport: { width: 1280, height: 800 } });
  await laptop.page.evaluate(() => window.scrollTo(0, 600));
  await laptop.page.locator('[data-node="7"]').hover();
  await laptop.page.waitForFunction(() => document.querySelectorAll('.nv-node.is-focused').length === 1);
  assert.equal((await popover(laptop.page)).shown, false, 'a mouse hover opened the popover');
  assert.deepEqual([...tablet.errors, ...laptop.errors], []);
  await laptop.context.close();
});
