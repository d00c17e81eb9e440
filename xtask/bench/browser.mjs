// The page's frame rate in headless Chromium, run by
// `cargo xtask bench --browser` (which serves www/ and sets BASE_URL).
//
// Usage: BASE_URL=http://127.0.0.1:PORT/ [CHROMIUM=/usr/bin/chromium] \
//          node xtask/bench/browser.mjs --configs FILE [--out FILE] [--seconds S] [--config B]
//
// Opens the page at `#bench=<config>` (the page loads that benchmark config
// from the core, `benchConfig`, and starts training), warms up for a second,
// then counts requestAnimationFrame callbacks for S seconds (default 5). Also
// reports how many frames the page's training loop drew
// (`window.__bp.frames()`) and epochs trained (`window.__bp.stats().epoch`) in
// the same time. FILE is the native benchmark's `--configs-json` (the configs
// defined in crate/src/bench.rs): the page's config is checked against it.
// `--out` writes one line: `NAME FPS TRAINING_FRAMES_PER_S EPOCHS_PER_S`.
//
// playwright-core comes from tests/node_modules (`npm ci` in tests/, which
// the xtask runs); it drives Debian's Chromium, never a downloaded one.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');


function parseArgs(argv) {
  const usage = 'usage: browser.mjs --configs FILE [--out FILE] [--seconds S] [--config B]';
  const opts = { configs: null, out: null, seconds: 5, config: 'B' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--configs') opts.configs = value();
    else if (arg === '--out') opts.out = value();
    else if (arg === '--seconds') opts.seconds = Number(value());
    else if (arg === '--config') opts.config = value();
    else throw new Error(`unknown argument ${arg}; ${usage}`);
  }
  if (!(opts.seconds > 0)) throw new Error('--seconds must be a positive number');
  if (!opts.configs) throw new Error(`--configs is required; ${usage}`);
  return opts;
}

function loadPlaywright() {
  const require = createRequire(path.join(ROOT, 'tests', 'package.json'));
  try {
    return require('playwright-core');
  } catch {
    throw new Error('playwright-core is not installed in tests/node_modules: run `npm ci` in tests/ (cargo xtask test does)');
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { configs } = JSON.parse(fs.readFileSync(opts.configs, 'utf8'));
  const expected = configs[opts.config];
  if (!expected) throw new Error(`unknown config ${opts.config}; known: ${Object.keys(configs).join(', ')}`);
  let baseUrl = process.env.BASE_URL;
  if (!baseUrl) throw new Error('BASE_URL is not set (cargo xtask bench --browser sets it)');
  if (!baseUrl.endsWith('/')) baseUrl += '/';
  const { chromium } = loadPlaywright();
  // The tests' Chromium options: one list of flags.
  const { BROWSER_OPTIONS } = await import(pathToFileURL(path.join(ROOT, 'tests', 'helpers.mjs')).href);
  const browser = await chromium.launch(BROWSER_OPTIONS);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));

    const url = `${baseUrl}#bench=${opts.config}`;
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && !!window.__bp, null, {
      timeout: 30_000,
    });

    // The hash should have loaded the config and started playing; if the
    // page did not (no frames after half a second), load and play it directly.
    await page.waitForTimeout(500);
    const started = await page.evaluate(() => window.__bp.frames() > 0);
    if (!started) {
      await page.evaluate((cfg) => {
        window.__bp.loadConfig(cfg);
        window.__bp.play();
      }, expected);
    }
    const config = await page.evaluate(() => window.__bp.config());
    const differs = Object.entries(expected).filter(([k, v]) => JSON.stringify(config[k]) !== JSON.stringify(v));
    if (differs.length > 0) {
      throw new Error(`the page runs ${JSON.stringify(config)}, not config ${opts.config}`);
    }

    await page.waitForTimeout(1000); // warm-up
    const m = await page.evaluate(
      (seconds) =>
        new Promise((resolve) => {
          const bp = window.__bp;
          const frames0 = bp.frames();
          const epoch0 = bp.stats().epoch;
          let first = null;
          let count = 0;
          const tick = (t) => {
            if (first === null) first = t;
            else count++;
            if (t - first < seconds * 1000) {
              requestAnimationFrame(tick);
            } else {
              resolve({
                rafFrames: count,
                ms: t - first,
                trainingFrames: bp.frames() - frames0,
                epochs: bp.stats().epoch - epoch0,
              });
            }
          };
          requestAnimationFrame(tick);
        }),
      opts.seconds,
    );
    if (errors.length > 0) throw new Error(`the page reported errors:\n  ${errors.join('\n  ')}`);
    if (m.trainingFrames === 0) throw new Error('the page did not train during the measurement');

    const seconds = m.ms / 1000;
    const result = {
      runtime: `headless Chromium ${browser.version()}`,
      config: opts.config,
      url,
      seconds: Number(seconds.toFixed(3)),
      fps: Number((m.rafFrames / seconds).toFixed(2)),
      trainingFramesPerSecond: Number((m.trainingFrames / seconds).toFixed(2)),
      epochsPerSecond: Number((m.epochs / seconds).toFixed(1)),
      rafFrames: m.rafFrames,
    };
    console.log(
      `browser: config ${result.config}: ${result.fps} fps (requestAnimationFrame), ` +
        `${result.trainingFramesPerSecond} training frames/s, ${result.epochsPerSecond} epochs/s ` +
        `over ${result.seconds} s in ${result.runtime}`,
    );
    if (opts.out) {
      const line = [result.config, result.fps, result.trainingFramesPerSecond, result.epochsPerSecond].join(' ');
      fs.writeFileSync(opts.out, `${line}\n`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(`browser.mjs: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
