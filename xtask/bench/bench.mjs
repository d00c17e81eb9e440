// The wasm benchmark under node, run by `cargo xtask bench` after the wasm
// build, interleaved with the native one (crate/examples/bench.rs): the same
// configs and the same frame, through the JS API the page uses.
//
// Usage: node xtask/bench/bench.mjs --configs FILE [--config NAME] [--out FILE] [--seconds S] [--pkg DIR] [--pictures FILE]
//
// FILE is written by the native benchmark (`--configs-json`): the configs
// defined once in crate/src/bench.rs, and the sides of the two grids. For each config it
// measures (or for NAME only: `cargo xtask bench` runs each config's native
// and wasm measurements side by side), each on a fresh Playground,
//   - training epochs per second: pg.step(1) repeated for S seconds after 20
//     warm-up epochs;
//   - milliseconds per frame, a frame being the page's (crate/src/bench.rs
//     `frame`): pg.step(1) (which reports the losses), then the pictures of
//     a snapshot through the engine's own code (www/js/app/engine-pictures.js:
//     every hidden and output node's thumbnail on the thumbnails' grid, the
//     decision map on the plot's), averaged over S seconds after 5 warm-up
//     frames.
// Every warm-up also lasts at least WARM_UP_MS, so that the engine has
// compiled the hot functions with its optimising tier before the clock
// starts, however early in the process the config comes.
// `--out` writes one line per config: `NAME EPOCHS_PER_SECOND MS_PER_FRAME`.
// `--pkg` measures another build of the core (`cargo xtask bench --compare`),
// `--pictures` with that build's own page's engine-pictures.js.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv) {
  const usage = 'usage: bench.mjs --configs FILE [--config NAME] [--out FILE] [--seconds S] [--pkg DIR] [--pictures FILE]';
  const opts = {
    configs: null,
    config: null,
    out: null,
    seconds: 1,
    pkg: path.join(ROOT, 'www', 'pkg'),
    pictures: path.join(ROOT, 'www', 'js', 'app', 'engine-pictures.js'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--configs') opts.configs = value();
    else if (arg === '--config') opts.config = value();
    else if (arg === '--out') opts.out = value();
    else if (arg === '--seconds') opts.seconds = Number(value());
    else if (arg === '--pkg') opts.pkg = path.resolve(value());
    else if (arg === '--pictures') opts.pictures = path.resolve(value());
    else throw new Error(`unknown argument ${arg}; ${usage}`);
  }
  if (!(opts.seconds > 0)) throw new Error('--seconds must be a positive number');
  if (!opts.configs) throw new Error(`--configs is required; ${usage}`);
  return opts;
}

/**
 * Loads the wasm-bindgen module synchronously. The generated `.js` is an ES
 * module without a package.json saying so, so it is imported from a temporary
 * copy of the pkg directory marked `"type": "module"`.
 */
async function loadCore(pkgDir) {
  const js = path.join(pkgDir, 'backprop_playground.js');
  const wasm = path.join(pkgDir, 'backprop_playground_bg.wasm');
  for (const file of [js, wasm]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`cargo xtask build\` first`);
  }
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-bench-'));
  try {
    fs.cpSync(pkgDir, copy, { recursive: true });
    fs.writeFileSync(path.join(copy, 'package.json'), '{ "type": "module" }\n');
    const core = await import(pathToFileURL(path.join(copy, 'backprop_playground.js')).href);
    core.initSync({ module: fs.readFileSync(wasm) });
    return core;
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

/** Least time a warm-up lasts (see the notes at the top). */
const WARM_UP_MS = 250;

/** Calls `work` `warmup` times and for WARM_UP_MS, then for `seconds`; returns calls per second. */
function rate(seconds, warmup, work) {
  const warming = performance.now();
  for (let i = 0; i < warmup || performance.now() - warming < WARM_UP_MS; i++) work();
  const budget = seconds * 1000;
  const start = performance.now();
  let calls = 0;
  let now = start;
  do {
    work();
    calls++;
    now = performance.now();
  } while (now - start < budget);
  return (calls * 1000) / (now - start);
}

function measure(core, pictures, name, config, grids, seconds) {
  const training = new core.Playground(config);
  const epochsPerSecond = rate(seconds, 20, () => training.step(1));
  training.free();

  const drawing = new core.Playground(config);
  const inputs = config.features?.length ?? 2;
  const nodes = drawing.nodeCount();
  const needs = { plotSize: grids.plot, thumbSize: grids.thumbnail, focus: null, discretize: false, thumbnails: true };
  let bytes = 0;
  const framesPerSecond = rate(seconds, 5, () => {
    drawing.step(1);
    const shown = pictures(drawing, needs);
    bytes = shown.plot.length;
    for (const node of shown.nodes) bytes += node?.length ?? 0;
  });
  drawing.free();
  const expected = ((nodes - inputs) * grids.thumbnail ** 2 + grids.plot ** 2) * 4;
  if (bytes !== expected) throw new Error(`config ${name}: a frame made ${bytes} bytes of heatmaps, expected ${expected}`);
  return { config: name, epochsPerSecond, msPerFrame: 1000 / framesPerSecond };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { plot, thumbnail, configs } = JSON.parse(fs.readFileSync(opts.configs, 'utf8'));
  const core = await loadCore(opts.pkg);
  const { pictures } = await import(pathToFileURL(opts.pictures).href);
  console.log(`wasm under node ${process.version} (${path.relative(ROOT, opts.pkg) || opts.pkg})`);
  console.log(`${'config'.padEnd(8)} ${'epochs/s'.padStart(12)} ${'ms/frame'.padStart(12)}`);
  let lines = '';
  if (opts.config !== null && !(opts.config in configs)) {
    throw new Error(`no benchmark config ${opts.config}: one of ${Object.keys(configs).join(', ')}`);
  }
  for (const [name, config] of Object.entries(configs)) {
    if (opts.config !== null && name !== opts.config) continue;
    const r = measure(core, pictures, name, config, { plot, thumbnail }, opts.seconds);
    console.log(`${name.padEnd(8)} ${r.epochsPerSecond.toFixed(0).padStart(12)} ${r.msPerFrame.toFixed(3).padStart(12)}`);
    lines += `${name} ${r.epochsPerSecond.toFixed(3)} ${r.msPerFrame.toFixed(4)}\n`;
  }
  if (opts.out) fs.writeFileSync(opts.out, lines);
}

main().catch((err) => {
  console.error(`bench.mjs: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
