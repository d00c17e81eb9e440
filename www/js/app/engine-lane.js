// @ts-check
// One lane of a race (app/race-client.js) in a worker of its own: the core's
// RaceLane, the run's config with the lane's changes. It trains towards the
// epoch the page allows (`goal`), never past it, in slices of at most
// SLICE_MS (a long epoch a few batches at a time), and reports its figures,
// its loss history and a small picture of its decision map about fifteen
// times a second and whenever it reaches the goal. The lane is the same
// whatever the slices: it depends on the epochs trained alone.
//
// Messages in (after `init`): lane {config, weights, palette, target,
//   pictureSize, discretize} (first) · goal {until} · target {value}
//   · picture {palette, discretize}
// Messages out: lane {report, history, picture, pictureSize, epochsPerSecond,
//   weights} · error {message}

/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').PaletteName} PaletteName */

/** The longest training slice between two looks at the message queue, in ms. */
const SLICE_MS = 12;
/** The shortest time between two reports while training, in ms. */
const REPORT_MS = 66;
/** The least a batch is taken to cost, in ms, and the most batches of one slice. */
const MIN_BATCH_MS = 0.001;
const MAX_BATCHES = 100_000;

/**
 * What a lane reports.
 * @typedef {object} LaneMessage
 * @property {import('../../pkg/backprop_playground.js').LaneReport} report
 * @property {Float64Array} history   epoch, train loss, test loss per record
 * @property {Uint8ClampedArray | null} picture  RGBA, pictureSize² cells (null: unchanged)
 * @property {number} pictureSize
 * @property {number} epochsPerSecond  measured (0 before it is)
 * @property {Float64Array | null} weights  every weight and bias, when it has reached its goal or stopped
 */

/**
 * Takes over the worker for one lane.
 * @param {{ postMessage(message: unknown, transfer?: Transferable[]): void, onmessage: ((event: MessageEvent) => void) | null }} scope
 * @param {CoreModule} core
 * @param {{ config: import('../../pkg/backprop_playground.js').Config, weights: number[] | null, palette: PaletteName, target: number, pictureSize: number, discretize: boolean }} start
 */
export function runLane(scope, core, start) {
  const lane = new core.RaceLane(start.config, start.weights ?? []);
  lane.setPalette(start.palette);
  const batchesPerEpoch = lane.batchesPerEpoch();
  let { target, discretize } = start;
  let until = 0;
  /** The time and the batches of recent slices, each older slice counting 0.8 as much. */
  let spentMs = 0;
  let spentBatches = 0;
  let batchMs = NaN;
  let reportedAt = -Infinity;
  /** The epoch and weights the last picture shows. */
  let pictured = -1;
  let scheduled = false;
  const wake = new MessageChannel();
  wake.port1.onmessage = () => tick();

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    wake.port2.postMessage(null);
  }

  /**
   * @param {import('../../pkg/backprop_playground.js').LaneReport} report
   * @param {boolean} [resting]  at its goal or stopped: its weights go too
   */
  function post(report, resting = false) {
    reportedAt = performance.now();
    const history = lane.history();
    const epoch = report.stats.epoch;
    const picture = epoch === pictured ? null : lane.picture(start.pictureSize, discretize);
    pictured = epoch;
    const epochsPerSecond = Number.isNaN(batchMs) ? 0 : 1000 / (Math.max(batchMs, MIN_BATCH_MS) * batchesPerEpoch);
    const weights = resting ? lane.flatWeights() : null;
    /** @type {LaneMessage} */
    const message = { report, history, picture, pictureSize: start.pictureSize, epochsPerSecond, weights };
    /** @type {Transferable[]} */
    const transfer = [history.buffer];
    if (picture) transfer.push(picture.buffer);
    if (weights) transfer.push(weights.buffer);
    scope.postMessage({ type: 'lane', ...message }, transfer);
  }

  function tick() {
    scheduled = false;
    // A worker's clock may be coarse: a slice measured as 0 ms is not free.
    const batches = Number.isNaN(batchMs) ? 1 : Math.min(MAX_BATCHES, Math.max(1, Math.floor(SLICE_MS / Math.max(batchMs, MIN_BATCH_MS))));
    const before = lane.batchesTrained();
    const started = performance.now();
    const report = lane.advance(batches, until, target);
    // Summed over slices, as a worker's clock may tick in tenths of a millisecond.
    spentMs = 0.8 * spentMs + (performance.now() - started);
    spentBatches = 0.8 * spentBatches + (lane.batchesTrained() - before);
    if (spentBatches > 0) batchMs = spentMs / spentBatches;
    const { epoch, stopped } = report.stats;
    const going = epoch < until && !stopped;
    if (!going || performance.now() - reportedAt >= REPORT_MS) post(report, !going);
    if (going) schedule();
  }

  scope.onmessage = (/** @type {MessageEvent} */ event) => {
    const message = event.data;
    try {
      if (message.type === 'goal') {
        until = message.until;
        schedule();
      } else if (message.type === 'target') {
        target = message.value;
        post(lane.report(target));
      } else if (message.type === 'picture') {
        lane.setPalette(message.palette);
        discretize = message.discretize;
        pictured = -1;
        post(lane.report(target));
      }
    } catch (err) {
      scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
  post(lane.report(target));
}
