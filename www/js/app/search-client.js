// @ts-check
// The page's side of a search: a pool of workers (the engine's script,
// app/engine-search.js), one fewer than the machine has cores and at least
// one, so neither the page nor its run waits for it. Each worker trains one
// share of the search (every n-th restart or unit count); their reports are
// merged by index, and the best is chosen by the core's own rule
// (`lowestIndex`), so the results are the same whatever the pool's size. The
// job is checked on the page first, so a refusal is said at once next to the
// fields; cancelling terminates the workers.

import { startWorker } from './engine.js';

/** @typedef {import('./engine-search.js').SearchJob} SearchJob */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').RestartReport} RestartReport */
/** @typedef {import('../../pkg/backprop_playground.js').CvReport} CvReport */

/**
 * @typedef {object} SearchHandlers
 * @property {(report: any) => void} onProgress  a report while it trains
 * @property {(report: any) => void} onDone      the final report
 * @property {(message: string) => void} onError  a worker failed
 */

/**
 * The core's refusal of a job, or null when it would run.
 * @param {CoreModule} core
 * @param {SearchJob} job
 * @returns {string | null}
 */
export function searchProblem(core, job) {
  try {
    const probe = job.kind === 'restarts'
      ? new core.RestartSearch(job.config, job.count, job.epochs)
      : new core.CrossValidation(job.config, job.folds, job.from, job.to, job.epochs);
    probe.free();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Workers for a search: one fewer than the cores (the run's engine has one), at least one. */
export function poolSize() {
  return Math.max(1, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1);
}

/**
 * The items a search shares out: its restarts, or its unit counts.
 * @param {SearchJob} job
 */
export function searchItems(job) {
  return job.kind === 'restarts' ? job.count : job.to - job.from + 1;
}

/**
 * How many items share `index` of `of` trains (every `of`-th from `index`).
 * @param {number} items
 * @param {number} index
 * @param {number} of
 */
export function shareSize(items, index, of) {
  return Math.max(0, Math.ceil((items - index) / of));
}

/**
 * One report from the shares' latest reports (null: none yet): the restarts
 * or unit counts in order, the best by the core's rule, the progress
 * weighted by each share's size.
 * @param {CoreModule} core
 * @param {SearchJob} job
 * @param {(any | null)[]} reports  per share
 * @returns {RestartReport | CvReport}
 */
export function mergeReports(core, job, reports) {
  const items = searchItems(job);
  const of = reports.length;
  let progress = 0;
  reports.forEach((r, index) => {
    progress += (r?.progress ?? 0) * shareSize(items, index, of);
  });
  progress /= items;
  const done = reports.every((r) => r?.done === true);
  const present = /** @type {any[]} */ (reports.filter((r) => r !== null));
  if (job.kind === 'restarts') {
    /** @type {import('../../pkg/backprop_playground.js').RestartResult[]} */
    const restarts = present.flatMap((r) => r.restarts).sort((a, b) => a.index - b.index);
    const best = core.lowestIndex(restarts.map((r) => r.testLoss));
    return {
      seeds: present[0]?.seeds ?? [],
      epochs: job.epochs,
      restarts,
      best: best ?? null,
      progress,
      done,
    };
  }
  /** @type {import('../../pkg/backprop_playground.js').UnitsResult[]} */
  const units = present.flatMap((r) => r.units).sort((a, b) => a.units - b.units);
  // The best among the counts whose folds are all done.
  const complete = units.flatMap((u, i) => (u.mean === null ? [] : [i]));
  const lowest = core.lowestIndex(complete.map((i) => /** @type {number} */ (units[i].mean)));
  const best = lowest === undefined ? null : complete[lowest];
  return {
    folds: job.folds,
    epochs: job.epochs,
    units,
    best,
    bestHidden: best === null ? null : units[best].hidden,
    progress,
    done,
  };
}

/**
 * Starts `job` in a pool of workers, each with its share.
 * @param {CoreModule} core
 * @param {WebAssembly.Module} module  the compiled core
 * @param {SearchJob} job
 * @param {SearchHandlers} handlers
 * @returns {{ cancel: () => void }}
 */
export function startSearch(core, module, job, handlers) {
  const of = Math.min(poolSize(), searchItems(job));
  /** @type {(any | null)[]} */
  const reports = new Array(of).fill(null);
  let over = false;
  const workers = reports.map(() => startWorker());
  const end = () => {
    over = true;
    for (const worker of workers) worker.terminate();
  };
  /** @param {string} message */
  const fail = (message) => {
    if (over) return;
    end();
    handlers.onError(message);
  };
  workers.forEach((worker, index) => {
    worker.onmessage = (event) => {
      if (over) return;
      const message = event.data;
      if (message.type === 'error') {
        fail(message.message);
        return;
      }
      if (message.type !== 'progress' && message.type !== 'done') return;
      reports[index] = message.report;
      const merged = mergeReports(core, job, reports);
      if (merged.done) {
        end();
        handlers.onDone(merged);
      } else {
        handlers.onProgress(merged);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(event.message || 'the search stopped');
    };
    worker.postMessage({ type: 'init', module });
    worker.postMessage({ type: 'search', job, share: { index, of } });
  });
  return { cancel: end };
}
