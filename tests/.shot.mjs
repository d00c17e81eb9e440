// Ad-hoc screenshot helper for development (not a test): node tests/.shot.mjs URL OUT W H [js]
import { chromium } from 'playwright-core';
const [url, out, w, h, js, dark] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const ctx = await browser.newContext({ viewport: { width: Number(w), height: Number(h) }, colorScheme: dark ? 'dark' : 'light' });
const page = await ctx.newPage();
page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' || document.getElementById('page-msg')?.textContent, null, { timeout: 20000 });
if (js) { await page.evaluate(js); }
await page.waitForTimeout(1500);
await page.screenshot({ path: out, fullPage: true });
console.log(await page.evaluate(() => document.getElementById('page-msg')?.textContent));
await browser.close();
