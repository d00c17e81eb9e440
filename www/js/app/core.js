// @ts-check
// The wasm core, compiled once per page: every playground on it (the page,
// or several <backprop-playground> elements) shares the one instance for its
// replica, and sends the compiled module to its workers.

/** @typedef {import('../types').CoreModule} CoreModule */

/** @type {Promise<{ core: CoreModule, module: WebAssembly.Module }> | null} */
let loading = null;

/**
 * The core, initialised, and its compiled module.
 * @returns {Promise<{ core: CoreModule, module: WebAssembly.Module }>}
 */
export function loadCore() {
  loading ??= load();
  return loading;
}

/**
 * Imports the wasm module and compiles the core, relative to this file so the
 * site works from any folder of any static host. A build hands over what it
 * bundled instead (xtask/src/bundle.rs, element.rs): the single files the
 * core initialised and its module; the element's bundle the glue, with the
 * wasm's address beside it.
 */
async function load() {
  const bundled = globalThis.backpropPlaygroundCore;
  if (bundled && globalThis.backpropPlaygroundWasm) return { core: bundled, module: globalThis.backpropPlaygroundWasm };
  const wasmUrl = globalThis.backpropPlaygroundWasmUrl;
  if (bundled && wasmUrl) {
    const module = await WebAssembly.compile(await (await fetch(wasmUrl)).arrayBuffer());
    bundled.initSync({ module });
    return { core: bundled, module };
  }
  const url = new URL('../../pkg/backprop_playground.js', import.meta.url);
  const core = /** @type {CoreModule} */ (await import(url.href)); // dist: unreachable in the single file
  const wasm = new URL('../../pkg/backprop_playground_bg.wasm', import.meta.url);
  const module = await WebAssembly.compile(await (await fetch(wasm)).arrayBuffer()); // dist: unreachable in the single file
  await core.default({ module_or_path: module });
  return { core, module };
}
