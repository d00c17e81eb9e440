// @ts-check
// A search (random restarts, or the choice of hidden units by k-fold
// cross-validation) in a worker of its own, beside the engine's: the page's
// run keeps training while it runs. It trains in slices and reports its
// progress about ten times a second; cancelling it is terminating the worker.

/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */

/**
 * What the page asks for (app/search-client.js).
 * @typedef {{ kind: 'restarts', config: Config, count: number, epochs: number }
 *   | { kind: 'crossValidation', config: Config, folds: number, from: number, to: number, epochs: number }} SearchJob
 */

/**
 * One worker's part of a search: share `index` of `of`.
 * @typedef {{ index: number, of: number }} Share
 */

/** Milliseconds of training between two looks at the clock. */
const SLICE_MS = 40;
/** Milliseconds between two progress reports. */
const REPORT_MS = 100;

const scope = /** @type {{ postMessage(message: unknown): void }} */ (/** @type {unknown} */ (globalThis));

/**
 * Runs this worker's share of `job` to its end, posting `progress` and
 * finally `done` with the core's report.
 * @param {CoreModule} core
 * @param {SearchJob} job
 * @param {Share} share
 */
export async function search(core, job, share) {
  const running = job.kind === 'restarts'
    ? new core.RestartSearch(job.config, job.count, job.epochs)
    : new core.CrossValidation(job.config, job.folds, job.from, job.to, job.epochs);
  running.share(share.index, share.of);
  let reported = performance.now();
  let progress = 0;
  while (progress < 1) {
    const start = performance.now();
    do progress = running.advance(1);
    while (progress < 1 && performance.now() - start < SLICE_MS);
    if (progress < 1 && performance.now() - reported >= REPORT_MS) {
      reported = performance.now();
      scope.postMessage({ type: 'progress', report: running.results() });
    }
    // Lets the worker breathe between slices (nothing else reaches it but a terminate).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  scope.postMessage({ type: 'done', report: running.results() });
  running.free();
}
