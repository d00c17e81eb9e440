// The page as a student uses it, in headless Chromium: configs B and D at the
// default and the top speed, B while ten random restarts run, and the largest
// run the core accepts, opened and changed (responsive.mjs). Run by `cargo xtask bench --browser` (which
// serves www/ and passes its address), or by hand to compare two builds:
//
//   node xtask/bench/scenarios.mjs --site now=http://127.0.0.1:8001/ \
//        [--site before=http://127.0.0.1:8002/] [--reps 3] [--seconds 10] [--pkg www/pkg]
//        [--only TEXT]   (only the scenarios whose name contains TEXT)
//
// Per site and scenario, interleaved over the repetitions (sites alternate
// within a repetition, so a noisy machine hurts both alike): the page's frame
// rate (requestAnimationFrame callbacks per second), its longest frame, its
// longest main-thread task (0: none over 50 ms) and the epochs per second it
// trained. The same wasm (`--pkg`) is timed under node in the same run, so the page's epochs/s has a reference: the ratio is
// page ÷ node. Medians are printed, with the minimum and maximum frame rate.
//
// playwright-core comes from tests/node_modules (`npm ci` in tests/); it
// drives Debian's Chromium, never a downloaded one.

import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureResponsive, RESPONSIVE_SCENARIOS } from './responsive.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** [config, speed select value, name]: the speed's values are the page's (index.html). */
const SCENARIOS = [
  ['B', '1', 'B, default speed'],
  ['B', '100', 'B, top speed'],
  ['D', '1', 'D, default speed'],
  ['D', '100', 'D, top speed'],
  ['B', 'restarts', 'B, default speed, 10 restarts running'],
];

function parseArgs(argv) {
  const opts = { sites: [], reps: 3, seconds: 10, pkg: path.join(ROOT, 'www', 'pkg'), only: '' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--site') {
      const [name, url] = value().split(/=(.*)/s);
      opts.sites.push({ name, url: url.endsWith('/') ? url : `${url}/` });
    } else if (arg === '--reps') opts.reps = Number(value());
    else if (arg === '--seconds') opts.seconds = Number(value());
    else if (arg === '--pkg') opts.pkg = path.resolve(value());
    else if (arg === '--only') opts.only = value();
    else throw new Error(`unknown argument ${arg}`);
  }
  if (opts.sites.length === 0) throw new Error('--site NAME=URL is required');
  return opts;
}

/** The core under node, from a temporary copy marked as an ES module package. */
async function loadCore(pkgDir) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-scenarios-'));
  try {
    fs.cpSync(pkgDir, copy, { recursive: true });
    fs.writeFileSync(path.join(copy, 'package.json'), '{ "type": "module" }\n');
    const core = await import(pathToFileURL(path.join(copy, 'backprop_playground.js')).href);
    core.initSync({ module: fs.readFileSync(path.join(pkgDir, 'backprop_playground_bg.wasm')) });
    return core;
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

/** Epochs per second of `config` trained by the wasm under node. */
function nodeRate(core, config, seconds) {
  const pg = new core.Playground(config);
  try {
    pg.step(20);
    const start = performance.now();
    let epochs = 0;
    while (performance.now() - start < seconds * 1000) {
      pg.step(1);
      epochs += 1;
    }
    return epochs / ((performance.now() - start) / 1000);
  } finally {
    pg.free();
  }
}

async function measure(browser, site, config, speed, seconds) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${site.url}#bench=${config}`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && !!window.__bp, null, { timeout: 60_000 });
    await page.selectOption('#speed', speed === 'restarts' ? '1' : speed);
    await page.evaluate(() => window.__bp.play());
    if (speed === 'restarts') {
      // Ten restarts, as long as the core allows a search of config B to be.
      await page.fill('#restarts-count', '10');
      await page.fill('#restarts-epochs', '5000');
      await page.click('[data-testid=restarts-start]');
      const message = await page.textContent('#restarts-msg');
      if (!/^Training/.test(message ?? '')) throw new Error(`${site.name}: the restarts did not start: ${message}`);
    }
    await page.waitForTimeout(1500);
    const m = await page.evaluate((s) => new Promise((resolve) => {
      const bp = window.__bp;
      const epoch0 = bp.stats().epoch;
      // The main thread's longest task (Chromium reports those over 50 ms).
      let longTask = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTask = Math.max(longTask, entry.duration);
      }).observe({ type: 'longtask' });
      let first = null;
      let last = 0;
      let longest = 0;
      let frames = 0;
      const tick = (t) => {
        if (first === null) first = t;
        else {
          frames += 1;
          longest = Math.max(longest, t - last);
        }
        last = t;
        if (t - first < s * 1000) requestAnimationFrame(tick);
        else resolve({ frames, ms: t - first, longest, longTask, epochs: bp.stats().epoch - epoch0 });
      };
      requestAnimationFrame(tick);
    }), seconds);
    if (errors.length > 0) throw new Error(`${site.name}: ${errors.join('; ')}`);
    if (speed === 'restarts') {
      const progress = await page.evaluate(() => /** @type {HTMLProgressElement} */ (document.getElementById('restarts-progress')).value);
      if (!(progress > 0 && progress < 1)) process.stderr.write(`${site.name}: the restarts were at ${progress} after the measurement\n`);
    }
    return { fps: m.frames / (m.ms / 1000), longest: m.longest, longTask: m.longTask, epochsPerSecond: m.epochs / (m.ms / 1000) };
  } finally {
    await page.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const require = createRequire(path.join(ROOT, 'tests', 'package.json'));
  const { chromium } = require('playwright-core');
  const core = await loadCore(opts.pkg);
  // The tests' Chromium options: one list of flags.
  const { BROWSER_OPTIONS } = await import(pathToFileURL(path.join(ROOT, 'tests', 'helpers.mjs')).href);
  const browser = await chromium.launch(BROWSER_OPTIONS);
  /** results[site][scenario] = list of measurements */
  const results = new Map();
  const node = new Map();
  /** responsive[site \t scenario] = list of measurements */
  const responsive = new Map();
  try {
    for (let rep = 0; rep < opts.reps; rep += 1) {
      for (const [config, speed, name] of SCENARIOS.filter(([, , n]) => n.includes(opts.only))) {
        for (const site of opts.sites) {
          const got = await measure(browser, site, config, speed, opts.seconds);
          const key = `${site.name}\t${name}`;
          results.set(key, [...(results.get(key) ?? []), got]);
          process.stderr.write(`rep ${rep + 1} ${site.name} ${name}: ${got.fps.toFixed(1)} fps, longest ${got.longest.toFixed(0)} ms, ${got.epochsPerSecond.toFixed(0)} epochs/s\n`);
        }
        if (speed === '100') {
          const rate = nodeRate(core, core.benchConfig(config), Math.min(3, opts.seconds));
          node.set(config, [...(node.get(config) ?? []), rate]);
        }
      }
      for (const name of RESPONSIVE_SCENARIOS.filter((n) => n.includes(opts.only))) {
        for (const site of opts.sites) {
          const got = await measureResponsive(browser, site, name);
          const key = `${site.name}\t${name}`;
          responsive.set(key, [...(responsive.get(key) ?? []), got]);
          process.stderr.write(`rep ${rep + 1} ${site.name} ${name}: longest task ${got.longTask.toFixed(0)} ms, ${got.longTasks} over 50 ms\n`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`\nThe page in headless Chromium ${opts.reps} × ${opts.seconds} s (medians; fps min–max):`);
  console.log('| site | scenario | fps | longest frame | longest task | page epochs/s | node epochs/s | page ÷ node |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [key, list] of results) {
    const [site, name] = key.split('\t');
    const config = name[0];
    const fps = list.map((m) => m.fps);
    const nodeRates = node.get(config) ?? [];
    const page = median(list.map((m) => m.epochsPerSecond));
    const reference = nodeRates.length > 0 ? median(nodeRates) : NaN;
    const top = name.includes('top');
    console.log(`| ${site} | ${name} | ${median(fps).toFixed(1)} (${Math.min(...fps).toFixed(1)}–${Math.max(...fps).toFixed(1)}) | ${median(list.map((m) => m.longest)).toFixed(0)} ms | ${median(list.map((m) => m.longTask)).toFixed(0)} ms | ${page.toFixed(0)} | ${top ? reference.toFixed(0) : ''} | ${top ? `${((100 * page) / reference).toFixed(0)} %` : ''} |`);
  }
  if (responsive.size > 0) {
    console.log(`\nThe largest accepted run, ${opts.reps} times (medians; max in brackets; a longest task of 0: none over 50 ms):`);
    console.log('| site | scenario | longest task | tasks over 50 ms | settled in (per change) |');
    console.log('|---|---|---|---|---|');
    for (const [key, list] of responsive) {
      const [site, name] = key.split('\t');
      const longest = list.map((m) => m.longTask);
      console.log(`| ${site} | ${name} | ${median(longest).toFixed(0)} ms (${Math.max(...longest).toFixed(0)}) | ${median(list.map((m) => m.longTasks))} | ${median(list.map((m) => m.ms)).toFixed(0)} ms |`);
    }
  }
}

main().catch((err) => {
  console.error(`scenarios.mjs: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
