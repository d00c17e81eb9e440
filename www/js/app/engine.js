// @ts-check
// The page's side of the engine (app/engine-worker.js): starts the worker,
// numbers every command it sends, keeps the latest snapshot that reflects all
// of them, and asks for the next one only once the page has drawn it. Nothing
// here waits: the page draws whatever snapshot it has.

/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../../pkg/backprop_playground.js').StepResult} StepResult */
/** @typedef {import('../../pkg/backprop_playground.js').Metrics} Metrics */
/** @typedef {import('../../pkg/backprop_playground.js').DivergenceInfo} DivergenceInfo */
/** @typedef {import('../../pkg/backprop_playground.js').PaletteName} PaletteName */
/** @typedef {import('./engine-pictures.js').Pictures} Pictures */

/**
 * What the page shows, so the engine computes nothing else.
 * @typedef {object} Needs
 * @property {number} plotSize     cells per side of the main plot's picture
 * @property {number} thumbSize    cells per side of a node thumbnail
 * @property {number | null} focus the node the main plot shows (null: the decision map)
 * @property {boolean} discretize
 * @property {boolean} thumbnails  the network view's node pictures
 * @property {boolean} history     the loss chart
 * @property {boolean} flow        the gradient-flow chart
 * @property {boolean} deltas      the |δ| gauges
 * @property {boolean} metrics     the metrics panel
 * @property {boolean} augmented   this epoch's augmented points
 * @property {import('./engine-surface.js').SurfaceSpec | null} surface  the loss surface (null: not shown)
 */

/**
 * One state of the run as the engine saw it.
 * @typedef {object} Snapshot
 * @property {number} seq  the last command it reflects
 * @property {StepResult} stats
 * @property {Float64Array} weights  every weight and bias, in `flatWeights` order
 * @property {Pictures | null} pictures  null: the pictures did not change
 * @property {Float64Array | null} history
 * @property {{ layers: number, values: Float64Array } | null} flow
 * @property {Float64Array | null} deltas
 * @property {Metrics | null} metrics
 * @property {DivergenceInfo | null} divergence
 * @property {Float64Array | null} augmented
 * @property {Float64Array | null} trainer  the optimizer's and the schedule's state, sent while paused
 * @property {number} epochsPerSecond  the engine's measured training rate (0 when it is not training)
 * @property {boolean} complete  its pictures are those of its weights (none follow)
 * @property {import('./engine-surface.js').SurfacePicture | { error: string } | null} surface  the loss surface, when shown
 */

/**
 * @typedef {object} EngineHandlers
 * @property {(snapshot: Snapshot) => void} onSnapshot  a snapshot that reflects every command sent
 * @property {(message: string) => void} onError       the worker failed; `restart` starts another
 */

/**
 * @typedef {object} Engine
 * @property {(config: Config, palette: PaletteName, weights?: ArrayLike<number> | null) => void} run
 * @property {(method: string, ...args: unknown[]) => void} call   the same change the page made to its replica
 * @property {(method: string, ...args: unknown[]) => Promise<unknown>} request  a value only the engine has
 * @property {(rate: number) => void} play   epochs per second (Infinity: as fast as it can)
 * @property {() => void} pause
 * @property {(epochs: number) => void} step
 * @property {(needs: Needs) => void} setNeeds
 * @property {() => void} want     the page drew the last snapshot and takes another
 * @property {() => Promise<number>} memory  bytes of wasm memory the engine's core holds
 * @property {(u: number, v: number) => Promise<Float64Array | null>} surfaceAt  the weights at (u, v) of the loss surface shown
 * @property {() => boolean} answered  every command sent is reflected in the last snapshot
 * @property {() => boolean} settled  … and so are its pictures
 * @property {() => boolean} failed  the worker stopped (until `restart`): it answers nothing
 * @property {() => void} restart  a fresh worker (after a failure); the caller sends `run` again
 * @property {() => void} close  ends the worker for good (the page is going away)
 */

/**
 * The worker's script: inlined by the single-file builds, a classic script
 * beside the element's bundle (xtask/src/element.rs), else the module file.
 * @returns {Worker}
 */
export function startWorker() {
  const source = globalThis.backpropPlaygroundWorkerSource;
  if (source) {
    // A classic worker: Chromium refuses a module worker from a Blob URL of a
    // page opened from disk (xtask/src/bundle.rs).
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    return new Worker(url);
  }
  const classic = globalThis.backpropPlaygroundWorkerUrl;
  if (classic) return new Worker(classic);
  const file = new URL('./engine-worker.js', import.meta.url); // dist: unreachable in the single file
  return new Worker(file, { type: 'module' });
}

/**
 * @param {WebAssembly.Module} module  the compiled core, shared with the worker
 * @param {EngineHandlers} handlers
 * @returns {Engine}
 */
export function createEngine(module, handlers) {
  /** @type {Worker} */
  let worker;
  let seq = 0;
  let asked = false;
  let requests = 0;
  /** @type {Map<number, { resolve: (value: unknown) => void, reject: (err: Error) => void }>} */
  const pending = new Map();
  /** @type {Needs | null} */
  let needs = null;
  let failed = false;
  /** The sequence number of the last snapshot shown. */
  let lastSeen = 0;
  /** Its pictures were those of its weights. */
  let complete = false;

  /**
   * @param {Record<string, unknown>} message
   * @param {Transferable[]} [transfer]
   */
  function send(message, transfer = []) {
    if (failed) return;
    seq += 1;
    worker.postMessage({ ...message, seq }, transfer);
  }

  /** @param {string} message */
  function fail(message) {
    if (failed) return;
    failed = true;
    for (const request of pending.values()) request.reject(new Error(message));
    pending.clear();
    handlers.onError(message);
  }

  /**
   * Sends a command that the engine answers with a result.
   * @param {Record<string, unknown>} message
   * @param {boolean} [sequenced]  false: it changes nothing the snapshots show
   * @returns {Promise<unknown>}
   */
  function ask(message, sequenced = true) {
    requests += 1;
    const id = requests;
    return new Promise((resolve, reject) => {
      if (failed) {
        reject(new Error('the engine has stopped'));
        return;
      }
      pending.set(id, { resolve, reject });
      if (sequenced) send({ ...message, id });
      else worker.postMessage({ ...message, id });
    });
  }

  function start() {
    failed = false;
    asked = false;
    worker = startWorker();
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type === 'snapshot') {
        asked = false;
        // Older than the last command: what it shows is already out of date.
        if (message.seq === seq) {
          lastSeen = seq;
          complete = message.complete;
          handlers.onSnapshot(message);
        }
      } else if (message.type === 'result') {
        const request = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) request?.reject(new Error(message.error));
        else request?.resolve(message.value);
      } else if (message.type === 'error') {
        fail(message.message);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(event.message || 'the engine stopped');
    };
    worker.onmessageerror = () => fail('the engine sent a message the page could not read');
    worker.postMessage({ type: 'init', module });
    if (needs) send({ type: 'needs', needs });
  }
  start();

  return {
    run(config, palette, weights = null) {
      send({ type: 'run', config, palette, weights: weights ? Array.from(weights) : null });
    },
    call(method, ...args) {
      send({ type: 'call', method, args });
    },
    request(method, ...args) {
      return ask({ type: 'call', method, args });
    },
    surfaceAt(u, v) {
      return /** @type {Promise<Float64Array | null>} */ (ask({ type: 'surfaceAt', u, v }, false));
    },
    memory() {
      // A question about the engine, not the run: no sequence number.
      return /** @type {Promise<number>} */ (ask({ type: 'memory' }, false));
    },
    play(rate) {
      send({ type: 'play', rate });
    },
    pause() {
      send({ type: 'pause' });
    },
    step(epochs) {
      send({ type: 'step', epochs });
    },
    setNeeds(next) {
      needs = next;
      send({ type: 'needs', needs: next });
    },
    want() {
      if (asked || failed) return;
      asked = true;
      worker.postMessage({ type: 'want' });
    },
    answered: () => !failed && lastSeen === seq,
    settled: () => !failed && lastSeen === seq && complete,
    failed: () => failed,
    restart() {
      worker.terminate();
      start();
    },
    close() {
      failed = true;
      worker.terminate();
      for (const request of pending.values()) request.reject(new Error('the engine has stopped'));
      pending.clear();
    },
  };
}
