// Combines the benchmark results into one table and target/bench.json.
// Run by `cargo xtask bench`.
//
// Usage: node xtask/bench/report.mjs --native FILE --wasm FILE [--browser FILE] --out FILE
//
// The native and wasm files look like
//   { "runtime": "...", "results": [ { "config": "A", "epochsPerSecond": 1.0, "msPerFrame": 1.0 } ] }
// and the browser file is written by browser.mjs.

import fs from 'node:fs';
import os from 'node:os';

function parseArgs(argv) {
  const opts = { native: null, wasm: null, browser: null, out: null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in opts) || i + 1 >= argv.length) {
      throw new Error(`bad argument ${argv[i]}; usage: report.mjs --native F --wasm F [--browser F] --out F`);
    }
    opts[key] = argv[i + 1];
  }
  for (const key of ['native', 'wasm', 'out']) {
    if (!opts[key]) throw new Error(`--${key} is required`);
  }
  return opts;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${err instanceof Error ? err.message : err}`);
  }
}

/** The per-config rows of a native or wasm result file, keyed by config name. */
function rows(json, file) {
  const list = Array.isArray(json) ? json : json.results ?? json.configs;
  if (!Array.isArray(list)) throw new Error(`${file} has no "results" array`);
  const byName = new Map();
  for (const entry of list) {
    const name = entry.config ?? entry.name;
    const epochsPerSecond = entry.epochsPerSecond ?? entry.epochs_per_second;
    const msPerFrame = entry.msPerFrame ?? entry.ms_per_frame;
    if (typeof name !== 'string' || typeof epochsPerSecond !== 'number' || typeof msPerFrame !== 'number') {
      throw new Error(`${file}: cannot read entry ${JSON.stringify(entry)}`);
    }
    byName.set(name, { epochsPerSecond, msPerFrame });
  }
  return byName;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const native = readJson(opts.native);
  const wasm = readJson(opts.wasm);
  const browser = opts.browser ? readJson(opts.browser) : null;
  const nativeRows = rows(native, opts.native);
  const wasmRows = rows(wasm, opts.wasm);
  const names = [...new Set([...nativeRows.keys(), ...wasmRows.keys()])].sort();

  const table = names.map((config) => ({
    config,
    native: nativeRows.get(config) ?? null,
    wasm: wasmRows.get(config) ?? null,
  }));

  const num = (v, digits) => (typeof v === 'number' ? v.toFixed(digits) : '-');
  const header = ['config', 'native epochs/s', 'native ms/frame', 'wasm epochs/s', 'wasm ms/frame'];
  const lines = table.map((r) => [
    r.config,
    num(r.native?.epochsPerSecond, 0),
    num(r.native?.msPerFrame, 2),
    num(r.wasm?.epochsPerSecond, 0),
    num(r.wasm?.msPerFrame, 2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
  console.log('');
  console.log(`native: ${native.runtime ?? 'native'}; wasm: ${wasm.runtime ?? 'wasm'}`);
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const l of lines) console.log(format(l));
  if (browser) {
    console.log('');
    console.log(
      `browser (${browser.runtime ?? 'chromium'}, config ${browser.config}): ` +
        `${num(browser.fps, 1)} fps (requestAnimationFrame), ` +
        `${num(browser.trainingFramesPerSecond, 1)} training frames/s, ` +
        `${num(browser.epochsPerSecond, 0)} epochs/s`,
    );
  }

  const combined = {
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, platform: `${os.platform()} ${os.release()}` },
    native,
    wasm,
    browser,
    table,
  };
  fs.writeFileSync(opts.out, `${JSON.stringify(combined, null, 2)}\n`);
  console.log('');
  console.log(`wrote ${opts.out}`);
}

try {
  main();
} catch (err) {
  console.error(`report.mjs: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
