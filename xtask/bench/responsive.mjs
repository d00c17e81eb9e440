// The page with the largest run the core accepts (blobs, 5 classes, 5,000
// points, 8 × 32 on all seven features, Adam, dropout, jitter): opening it,
// and changing it six times (three new data seeds by Regenerate, three
// activations, each a new run). What counts is the main thread's longest
// task (Chromium reports those over 50 ms): the page should answer within
// 50 ms whatever the core accepts. Used by scenarios.mjs.

/** The largest run, as a link. */
export const LARGEST = 'v=1&dataset=blobs&classes=5&numPoints=5000&features=x1,x2,x1Sq,x2Sq,x1x2,sinX1,sinX2'
  + '&hidden=32,32,32,32,32,32,32,32&batchSize=2&optimizer=adam&dropout=0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1&jitter=0.1';

/** The scenarios' names, for `--only`. */
export const RESPONSIVE_SCENARIOS = ['largest run, opening', 'largest run, 6 changes'];

/** Collects the page's long tasks from the start (a page script). */
function watchLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}

/** Waits until the page has drawn everything the engine sent. */
async function settled(page) {
  await page.waitForFunction(() => window.__bp?.settled(), null, { timeout: 60_000 });
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {{ name: string, url: string }} site
 * @param {string} scenario  one of RESPONSIVE_SCENARIOS
 * @returns {Promise<{ longTask: number, longTasks: number, ms: number }>}
 *   the longest task (0: none over 50 ms), how many were over 50 ms, and the
 *   time until the page settled (opening) or per change
 */
export async function measureResponsive(browser, site, scenario) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    if (scenario === RESPONSIVE_SCENARIOS[0]) await page.addInitScript(watchLongTasks);
    const start = Date.now();
    await page.goto(`${site.url}#${LARGEST}`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
    await settled(page);
    let ms = Date.now() - start;
    const problems = await page.locator('#link-warnings').evaluate((el) => (el.hidden ? '' : el.textContent));
    if (problems) throw new Error(`${site.name}: the largest run's link has problems: ${problems.trim()}`);
    if (scenario === RESPONSIVE_SCENARIOS[1]) {
      await page.waitForTimeout(500);
      await page.evaluate(watchLongTasks);
      const changes = Date.now();
      for (const activation of ['relu', 'tanh', 'sigmoid']) {
        await page.click('#regenerate');
        await settled(page);
        await page.selectOption('#activation', activation);
        await settled(page);
      }
      ms = (Date.now() - changes) / 6;
    }
    // Tasks still under way after the last one settled (a last frame).
    await page.waitForTimeout(500);
    const tasks = await page.evaluate(() => window.__longTasks);
    if (errors.length > 0) throw new Error(`${site.name}: ${errors.join('; ')}`);
    return { longTask: Math.max(0, ...tasks), longTasks: tasks.length, ms };
  } finally {
    await context.close();
  }
}
