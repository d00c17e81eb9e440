// @ts-check
// The page's side of a search: a worker of its own (the engine's script,
// app/engine-search.js), so neither the page nor its run waits for it. The
// job is checked on the page first, so a refusal is said at once next to the
// fields; cancelling terminates the worker.

import { startWorker } from './engine.js';

/** @typedef {import('./engine-search.js').SearchJob} SearchJob */
/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../types').RestartReport} RestartReport */
/** @typedef {import('../types').CvReport} CvReport */

/**
 * @typedef {object} SearchHandlers
 * @property {(report: any) => void} onProgress  a report while it trains
 * @property {(report: any) => void} onDone      the final report
 * @property {(message: string) => void} onError  the worker failed
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

/**
 * Starts `job` in a worker of its own.
 * @param {WebAssembly.Module} module  the compiled core
 * @param {SearchJob} job
 * @param {SearchHandlers} handlers
 * @returns {{ cancel: () => void }}
 */
export function startSearch(module, job, handlers) {
  const worker = startWorker();
  let over = false;
  const end = () => {
    over = true;
    worker.terminate();
  };
  worker.onmessage = (event) => {
    if (over) return;
    const message = event.data;
    if (message.type === 'progress') handlers.onProgress(message.report);
    else if (message.type === 'done') {
      end();
      handlers.onDone(message.report);
    } else if (message.type === 'error') {
      end();
      handlers.onError(message.message);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    if (over) return;
    end();
    handlers.onError(event.message || 'the search stopped');
  };
  worker.postMessage({ type: 'init', module });
  worker.postMessage({ type: 'search', job });
  return { cancel: end };
}
