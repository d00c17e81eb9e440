// @ts-check
// `window.__bp`: the page's state for tests and scripts, read-only but for
// loading a config and playing or pausing, as a person would.

/** @typedef {import('./page.js').Page} Page */

/**
 * @param {Page} page
 * @returns {import('../types').ScriptingApi}
 */
export function scriptingApi(page) {
  const { state, engine, core } = page;
  return {
    loadConfig(config) {
      const refusal = page.apply(config, true);
      if (refusal !== null) throw new Error(refusal);
      return structuredClone(state.config);
    },
    play: () => page.loop.play(),
    pause: () => page.loop.pause(),
    config: () => structuredClone(state.config),
    stats: () => ({ ...state.stats }),
    flatWeights: () => Array.from(state.run.flatWeights()),
    weights: () => state.run.weights(),
    points: () => Array.from(state.run.points()),
    augmented: () => Array.from(state.run.augmentedPoints()),
    settled: () => engine.settled() && !state.fresh,
    answered: () => engine.answered(),
    needs: () => page.view.needs(state),
    // A command the engine cannot carry out: how tests see a failing worker.
    breakEngine: () => engine.call('noSuchMethod'),
    display: () => ({ ...state.display, speed: state.epochsPerFrame, palette: state.palette }),
    frames: () => page.loop.frames(),
    loopAsleep: () => page.loop.asleep(),
    engineMemory: () => engine.memory(),
    memory: () => ({
      wasm: core.memoryBytes(),
      // Chromium's heap figure, where the browser gives one.
      heap: /** @type {{ memory?: { usedJSHeapSize: number } }} */ (/** @type {unknown} */ (performance)).memory?.usedJSHeapSize ?? null,
    }),
    diagram: () => page.network.snapshot(),
    linkPixels: async (box) => Array.from(await page.network.linkPixels(box)),
    race: () => page.race.inspect(),
  };
}
