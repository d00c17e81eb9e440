// The core under node, from www/pkg (built by `cargo xtask build`), for
// tests that compare the page with what the core says.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PKG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www', 'pkg');

/** The core, initialised from a copy of www/pkg marked as ES modules. */
export async function loadCore() {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-core-'));
  try {
    fs.cpSync(PKG, copy, { recursive: true });
    fs.writeFileSync(path.join(copy, 'package.json'), '{ "type": "module" }\n');
    const core = await import(pathToFileURL(path.join(copy, 'backprop_playground.js')).href);
    core.initSync({ module: fs.readFileSync(path.join(PKG, 'backprop_playground_bg.wasm')) });
    return core;
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}
