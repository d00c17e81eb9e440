// The wasm benchmark under node, run by `cargo xtask bench` after the wasm
// build: the same configs and the same work as the native benchmark
// (crate/examples/bench.rs, crate/src/bench.rs), through the JS API the page
// uses (www/pkg/backprop_playground.js).
//
// Usage: node xtask/bench/bench.mjs [--json PATH] [--seconds S] [--pkg DIR]
//
// For each config it measures
//   - training epochs per second: pg.step(1) repeated for S seconds after 20
//     warm-up epochs;
//   - milliseconds per frame, a frame being pg.step(1) (which reports the
//     losses) + pg.evaluateGrid(100) + pg.heatmap(outputNode, false), averaged
//     over S seconds after 5 warm-up frames.
// Each measurement uses a fresh Playground.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GRID = 100;

/** The benchmark configs, as in crate/src/bench.rs (API camelCase). */
const A = {
  dataset: 'circle',
  numPoints: 500,
  trainRatio: 50,
  features: ['x1', 'x2'],
  hidden: [4, 2],
  activation: 'tanh',
  loss: 'squaredError',
  learningRate: 0.03,
  batchSize: 10,
};
const B = {
  dataset: 'spiral',
  numPoints: 500,
  trainRatio: 50,
  features: ['x1', 'x2', 'x1Sq', 'x2Sq', 'x1x2', 'sinX1', 'sinX2'],
  hidden: [8, 8, 8, 8, 8, 8],
  activation: 'tanh',
  regularization: 'l2',
  regularizationRate: 0.001,
  learningRate: 0.03,
  batchSize: 10,
};
const C = { ...B, dataset: 'multiGauss', numPoints: 1200, trainRatio: 90 };
export const CONFIGS = { A, B, C };

function parseArgs(argv) {
  const opts = { json: null, seconds: 2, pkg: path.join(ROOT, 'www', 'pkg') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--json') opts.json = value();
    else if (arg === '--seconds') opts.seconds = Number(value());
    else if (arg === '--pkg') opts.pkg = path.resolve(value());
    else throw new Error(`unknown argument ${arg}; usage: bench.mjs [--json PATH] [--seconds S] [--pkg DIR]`);
  }
  if (!(opts.seconds > 0)) throw new Error('--seconds must be a positive number');
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

/** Calls `work` `warmup` times, then for `seconds`; returns calls per second. */
function rate(seconds, warmup, work) {
  for (let i = 0; i < warmup; i++) work();
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

function measure(core, name, config, seconds) {
  const training = new core.Playground(config);
  const epochsPerSecond = rate(seconds, 20, () => training.step(1));
  training.free();

  const drawing = new core.Playground(config);
  const output = drawing.nodeCount() - 1;
  let bytes = 0;
  const framesPerSecond = rate(seconds, 5, () => {
    drawing.step(1);
    drawing.evaluateGrid(GRID);
    bytes = drawing.heatmap(output, false).length;
  });
  drawing.free();
  if (bytes !== GRID * GRID * 4) throw new Error(`config ${name}: heatmap has ${bytes} bytes, expected ${GRID * GRID * 4}`);
  return { config: name, epochsPerSecond, msPerFrame: 1000 / framesPerSecond };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const core = await loadCore(opts.pkg);
  const results = [];
  for (const [name, config] of Object.entries(CONFIGS)) {
    results.push(measure(core, name, config, opts.seconds));
  }
  console.log(`wasm under node ${process.version}`);
  console.log(`${'config'.padEnd(8)} ${'epochs/s'.padStart(12)} ${'ms/frame'.padStart(12)}`);
  for (const r of results) {
    console.log(`${r.config.padEnd(8)} ${r.epochsPerSecond.toFixed(0).padStart(12)} ${r.msPerFrame.toFixed(2).padStart(12)}`);
  }
  if (opts.json) {
    const json = {
      runtime: `wasm (node ${process.version})`,
      results: results.map((r) => ({
        config: r.config,
        epochsPerSecond: Number(r.epochsPerSecond.toFixed(1)),
        msPerFrame: Number(r.msPerFrame.toFixed(3)),
      })),
    };
    fs.writeFileSync(opts.json, `${JSON.stringify(json, null, 2)}\n`);
  }
}

main().catch((err) => {
  console.error(`bench.mjs: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
