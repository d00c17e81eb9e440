// Soak: 500 config changes in a row leave the cores' memory (the page's
// replica and the engine's worker) and the page's heap where they were once
// the page had warmed up (the issue's "after the
// first minute"; here after 300 changes): no run, picture or listener is left
// behind when a run is replaced.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { nextFrames, openPage, setup } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('500 config changes in a row: wasm memory (page and engine) and JS heap within 10 % of where they were after 300', async () => {
  const { page, context, errors } = await openPage(env);
  /** Runs `count` changes, cycling through runs of other data, shapes and settings. */
  const change = (/** @type {number} */ from, /** @type {number} */ count) => page.evaluate(async ([from, count]) => {
    const bp = /** @type {NonNullable<Window['__bp']>} */ (window.__bp);
    const runs = [
      { dataset: 'spiral', hidden: [8, 8], features: ['x1', 'x2', 'sinX1', 'sinX2'] },
      { dataset: 'xor', hidden: [4], learningRate: 0.1 },
      { dataset: 'blobs', classes: 5, hidden: [6, 6], loss: 'softmaxCrossEntropy' },
      { dataset: 'plane', hidden: [3], noise: 20 },
      { dataset: 'circle', hidden: [16, 16, 16], dropout: [0.1, 0.1, 0.1], jitter: 0.2 },
    ];
    for (let k = from; k < from + count; k += 1) {
      bp.loadConfig({ ...runs[k % runs.length], seed: k + 1 });
      // Let the page draw the new run, as it would for a person.
      if (k % 10 === 0) await new Promise((done) => requestAnimationFrame(() => done(undefined)));
    }
  }, [from, count]);
  // The heap after a full garbage collection (through the DevTools protocol),
  // so garbage not yet collected is not mistaken for a leak.
  const cdp = await context.newCDPSession(page);
  const memory = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.__bp?.memory().wasm ?? 0);
    const engine = await page.evaluate(() => window.__bp?.engineMemory() ?? 0);
    return { wasm, engine, heap: usedSize };
  };
  // The least of three readings a few frames apart: a snapshot or picture
  // still on its way when one is taken is not memory kept.
  const settled = async () => {
    const readings = [];
    for (let k = 0; k < 3; k += 1) {
      await nextFrames(page);
      readings.push(await memory());
    }
    return {
      wasm: Math.min(...readings.map((r) => r.wasm)),
      engine: Math.min(...readings.map((r) => r.engine)),
      heap: Math.min(...readings.map((r) => r.heap)),
    };
  };
  await change(0, 300);
  const early = await settled();
  await change(300, 200);
  const late = await settled();
  assert.ok(late.wasm <= early.wasm * 1.1, `wasm memory grew from ${early.wasm} to ${late.wasm} bytes`);
  assert.ok(late.engine > 0, 'the engine reports no memory');
  assert.ok(late.engine <= early.engine * 1.1, `the engine's wasm memory grew from ${early.engine} to ${late.engine} bytes`);
  assert.ok(late.heap <= early.heap * 1.1, `JS heap grew from ${early.heap} to ${late.heap} bytes`);
  console.log(`soak: wasm ${early.wasm} → ${late.wasm} bytes, engine ${early.engine} → ${late.engine} bytes, heap ${early.heap} → ${late.heap} bytes`);
  assert.deepEqual(errors, []);
  await context.close();
});
