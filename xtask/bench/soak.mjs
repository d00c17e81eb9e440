// The long run: the page trains a config at the top speed for many minutes,
// and its memory is read every minute — the page's JS heap (after a full
// garbage collection, through the DevTools protocol), the page's core (the
// replica) and the engine's core in its worker. A leak shows as growth after
// the first minute, when everything the page keeps has been allocated once.
// Run by `cargo xtask bench --soak MINUTES` (which serves www/), or by hand:
//
//   node xtask/bench/soak.mjs --site http://127.0.0.1:8001/ [--minutes 20] [--config B]
//
// Prints one line a minute and a verdict; writes target/soak.json. Exits
// with 1 when the last minutes are more than 10 % above the first ones
// (medians of three readings), or when the page failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(ROOT, 'tests', 'package.json'));
const { chromium } = require('playwright-core');
/** Most growth allowed from the first minute to the end. */
const ALLOWED_GROWTH = 0.1;

function parseArgs(argv) {
  const opts = { site: '', minutes: 20, config: 'B' };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    if (argv[i] === '--site') opts.site = value();
    else if (argv[i] === '--minutes') opts.minutes = Number(value());
    else if (argv[i] === '--config') opts.config = value();
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!opts.site) throw new Error('--site URL is required');
  if (!(opts.minutes >= 2)) throw new Error('--minutes must be 2 or more (the first minute is the baseline)');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
// The tests' Chromium options: one list of flags.
const { BROWSER_OPTIONS } = await import(pathToFileURL(path.join(ROOT, 'tests', 'helpers.mjs')).href);
const browser = await chromium.launch(BROWSER_OPTIONS);
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const errors = [];
page.on('pageerror', (err) => errors.push(err.message));
await page.goto(`${opts.site.replace(/\/?$/, '/')}#bench=${opts.config}`, { waitUntil: 'load' });
await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && !!window.__bp, null, { timeout: 60_000 });
await page.selectOption('#speed', '100');
await page.evaluate(() => window.__bp.play());
const cdp = await page.context().newCDPSession(page);

async function sample(minute) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const page_ = await page.evaluate(async () => ({
    epoch: window.__bp.stats().epoch,
    replica: window.__bp.memory().wasm,
    engine: await window.__bp.engineMemory(),
    frames: window.__bp.frames(),
  }));
  return { minute, heap: usedSize, ...page_ };
}

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const samples = [];
for (let minute = 1; minute <= opts.minutes; minute += 1) {
  await page.waitForTimeout(60_000);
  const s = await sample(minute);
  samples.push(s);
  console.log(`minute ${String(minute).padStart(2)}: epoch ${s.epoch}, frames ${s.frames}, JS heap ${mb(s.heap)}, engine wasm ${mb(s.engine)}, page wasm ${mb(s.replica)}`);
  if (errors.length > 0) break;
}
await browser.close();

// The heap moves by a few hundred KiB from one reading to the next (what is
// in flight): the start is the median of the first three minutes, the end
// that of the last three (of fewer on a short run).
const window_ = Math.max(1, Math.min(3, Math.floor(samples.length / 2)));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const at = (key, part) => median(part.map((s) => s[key]));
const [first, last] = [samples.slice(0, window_), samples.slice(-window_)];
const verdict = ['heap', 'engine', 'replica'].map((key) => ({ key, start: at(key, first), end: at(key, last) }));
for (const v of verdict) v.growth = v.end / v.start - 1;
for (const v of verdict) console.log(`${v.key}: ${mb(v.start)} in the first minutes, ${mb(v.end)} in the last (${(100 * v.growth).toFixed(1)} %)`);
fs.mkdirSync(path.join(ROOT, 'target'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'target', 'soak.json'), `${JSON.stringify({ config: opts.config, minutes: opts.minutes, samples, verdict, errors }, null, 2)}\n`);
if (errors.length > 0) {
  console.error(`the page failed: ${errors.join('; ')}`);
  process.exit(1);
}
if (verdict.some((v) => v.growth > ALLOWED_GROWTH)) {
  console.error(`memory grew more than ${100 * ALLOWED_GROWTH} % after the first minute`);
  process.exit(1);
}
console.log(`no growth over ${100 * ALLOWED_GROWTH} % in ${opts.minutes} minutes at the top speed`);
