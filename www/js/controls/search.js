// @ts-check
// The Search panel: random restarts and choosing the number of hidden units by
// k-fold cross-validation. Both are jobs in the core that run in a worker of
// their own (app/search-client.js), so the page stays smooth and the run keeps
// training meanwhile; this module starts them, shows their progress and draws
// what they found. A job is dropped (its worker ended) when cancelled or when
// the run's settings change under it, since its results would describe
// another run.

import { byId, html } from '../lib/dom.js';
import { formatLoss } from '../lib/format.js';

/** @typedef {import('../lib/dom.js').Root} Root */
/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../app/engine-search.js').SearchJob} SearchJob */
/** @typedef {import('../app/search-client.js').SearchHandlers} SearchHandlers */
/** @typedef {import('../../pkg/backprop_playground.js').RestartReport} RestartReport */
/** @typedef {import('../../pkg/backprop_playground.js').CvReport} CvReport */
/** @typedef {import('../app/state.js').AppState} AppState */

const SVG = 'http://www.w3.org/2000/svg';
const CHART_HEIGHT = 150;
const MARGIN = Object.freeze({ left: 44, right: 12, top: 14, bottom: 30 });

/**
 * @typedef {object} SearchHooks
 * @property {(job: SearchJob) => string | null} problem  the core's refusal of a job, or null
 * @property {(job: SearchJob, handlers: SearchHandlers) => { cancel: () => void }} start  runs a job in its worker
 * @property {(config: Config, epochs: number) => void} adopt  makes the run of `config` trained `epochs` epochs the running one
 * @property {(config: Partial<Config>) => string | null} apply
 *   rebuilds the run from a config; returns the core's refusal, or null
 */

/**
 * A whole number typed in a box, or a message saying why not.
 * @param {HTMLInputElement} input
 * @returns {number | string}
 */
function wholeNumber(input) {
  const label = input.labels?.[0]?.textContent?.trim() ?? input.name;
  const text = input.value.trim();
  const value = Number(text);
  if (text === '' || !Number.isInteger(value)) {
    return `${label}: ${text === '' ? 'enter a whole number' : `“${text}” is not a whole number`} from ${input.min} to ${input.max}.`;
  }
  return value;
}

/** The config a job ran on, to tell whether the run is still the same. @param {Config} config */
const fingerprint = (config) => JSON.stringify(config);

/**
 * Creates an SVG element with attributes.
 * @param {Document} doc
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {string} [text]
 */
function svgEl(doc, tag, attrs = {}, text) {
  const node = doc.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * An empty chart: the frame, a y axis from 0 to `top` and x tick labels.
 * @param {SVGSVGElement} svg
 * @param {number} top  the largest loss shown
 * @param {{ at: number, text: string }[]} xTicks  positions 0..1 along the x axis
 * @param {string} xTitle
 * @param {string} yTitle
 * @returns {{ x: (t: number) => number, y: (loss: number) => number }}
 */
function chartFrame(svg, top, xTicks, xTitle, yTitle) {
  const doc = svg.ownerDocument;
  const width = Math.max(240, Math.round(svg.getBoundingClientRect().width) || 320);
  svg.setAttribute('viewBox', `0 0 ${width} ${CHART_HEIGHT}`);
  svg.replaceChildren();
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (/** @type {number} */ t) => MARGIN.left + t * plotW;
  const y = (/** @type {number} */ loss) => MARGIN.top + plotH * (1 - Math.min(1, Math.max(0, loss / top)));
  svg.append(
    svgEl(doc, 'line', { class: 'chart-axis', x1: MARGIN.left, y1: MARGIN.top, x2: MARGIN.left, y2: MARGIN.top + plotH }),
    svgEl(doc, 'line', { class: 'chart-axis', x1: MARGIN.left, y1: MARGIN.top + plotH, x2: MARGIN.left + plotW, y2: MARGIN.top + plotH }),
  );
  for (const value of [0, top / 2, top]) {
    svg.append(
      svgEl(doc, 'line', { class: 'chart-grid', x1: MARGIN.left, y1: y(value), x2: MARGIN.left + plotW, y2: y(value) }),
      svgEl(doc, 'text', { class: 'chart-tick', x: MARGIN.left - 5, y: y(value) + 4, 'text-anchor': 'end' }, formatLoss(value)),
    );
  }
  for (const tick of xTicks) {
    svg.append(svgEl(doc, 'text', { class: 'chart-tick', x: x(tick.at), y: MARGIN.top + plotH + 14, 'text-anchor': 'middle' }, tick.text));
  }
  svg.append(
    svgEl(doc, 'text', { class: 'chart-title', x: MARGIN.left + plotW, y: CHART_HEIGHT - 2, 'text-anchor': 'end' }, xTitle),
    svgEl(doc, 'text', { class: 'chart-title', x: MARGIN.left + 6, y: 9 }, yTitle),
  );
  return { x, y };
}

/** The largest finite value of a list, padded for headroom (1 when none). @param {number[]} values */
function chartTop(values) {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? 1 : Math.max(...finite) * 1.1 || 1;
}

/**
 * The final losses of the restarts: test (filled) and train (ring) per seed,
 * the best ringed.
 * @param {SVGSVGElement} svg
 * @param {RestartReport} report
 */
function drawRestarts(svg, report) {
  const doc = svg.ownerDocument;
  const k = report.seeds.length;
  const at = (/** @type {number} */ i) => (k === 1 ? 0.5 : (i + 0.5) / k);
  const ticks = report.seeds.map((_, i) => ({ at: at(i), text: String(i + 1) }))
    .filter((_, i) => k <= 10 || i % 2 === 0);
  const top = chartTop(report.restarts.flatMap((r) => [r.trainLoss, r.testLoss]));
  const { x, y } = chartFrame(svg, top, ticks, 'restart', 'final loss');
  report.restarts.forEach((r, i) => {
    const cx = x(at(i));
    if (i === report.best) {
      svg.append(svgEl(doc, 'circle', { class: 'chart-best', cx, cy: y(r.testLoss), r: 8 }));
      svg.append(svgEl(doc, 'text', { class: 'chart-best-label', x: cx, y: Math.max(10, y(r.testLoss) - 11), 'text-anchor': 'middle' }, report.done ? 'best' : 'best so far'));
    }
    svg.append(svgEl(doc, 'circle', { class: 'chart-train', cx, cy: y(r.trainLoss), r: 3.5 }));
    svg.append(svgEl(doc, 'circle', { class: 'chart-test', cx, cy: y(r.testLoss), r: 4, 'data-restart': i }));
  });
  // The key, top right: filled is test, a ring is training.
  const right = Number(svg.getAttribute('viewBox')?.split(' ')[2] ?? 320) - MARGIN.right;
  svg.append(
    svgEl(doc, 'circle', { class: 'chart-test', cx: right - 88, cy: 5, r: 4 }),
    svgEl(doc, 'text', { class: 'chart-tick', x: right - 80, y: 9 }, 'test'),
    svgEl(doc, 'circle', { class: 'chart-train', cx: right - 38, cy: 5, r: 3.5 }),
    svgEl(doc, 'text', { class: 'chart-tick', x: right - 30, y: 9 }, 'train'),
  );
  const best = report.best === null ? null : report.restarts[report.best];
  svg.setAttribute('aria-label', `Final test and training loss of ${report.restarts.length} of ${k} restarts` +
    (best ? `; the best, seed ${best.seed}, has test loss ${formatLoss(best.testLoss)}` : ''));
}

/**
 * Mean validation loss against the number of hidden units, bars from the
 * lowest to the highest fold, the best ringed.
 * @param {SVGSVGElement} svg
 * @param {CvReport} report
 */
function drawCv(svg, report) {
  const doc = svg.ownerDocument;
  const n = report.units.length;
  const at = (/** @type {number} */ i) => (n === 1 ? 0.5 : (i + 0.5) / n);
  const step = Math.ceil(n / 12);
  const ticks = report.units.map((u, i) => ({ at: at(i), text: String(u.units) })).filter((_, i) => i % step === 0);
  const top = chartTop(report.units.flatMap((u) => [u.max ?? NaN, ...u.losses]));
  const { x, y } = chartFrame(svg, top, ticks, 'hidden units', 'validation loss');
  /** @type {string[]} */
  const line = [];
  report.units.forEach((u, i) => {
    const cx = x(at(i));
    if (u.mean === null || u.min === null || u.max === null) {
      // Folds finished so far, faint, so the chart fills in as the job runs.
      for (const loss of u.losses) svg.append(svgEl(doc, 'circle', { class: 'chart-fold', cx, cy: y(loss), r: 2 }));
      return;
    }
    line.push(`${cx},${y(u.mean)}`);
    svg.append(svgEl(doc, 'line', { class: 'chart-spread', x1: cx, y1: y(u.min), x2: cx, y2: y(u.max) }));
    for (const end of [u.min, u.max]) {
      svg.append(svgEl(doc, 'line', { class: 'chart-spread', x1: cx - 4, y1: y(end), x2: cx + 4, y2: y(end) }));
    }
  });
  svg.append(svgEl(doc, 'polyline', { class: 'chart-mean-line', points: line.join(' ') }));
  report.units.forEach((u, i) => {
    if (u.mean === null) return;
    const cx = x(at(i));
    if (i === report.best) {
      svg.append(svgEl(doc, 'circle', { class: 'chart-best', cx, cy: y(u.mean), r: 8 }));
    }
    svg.append(svgEl(doc, 'circle', { class: 'chart-mean', cx, cy: y(u.mean), r: 4, 'data-units': u.units, 'data-mean': u.mean }));
  });
  const best = report.best === null ? null : report.units[report.best];
  if (best?.mean != null && report.best !== null) {
    const cx = x(at(report.best));
    svg.append(svgEl(doc, 'text', { class: 'chart-best-label', x: cx, y: Math.max(10, y(best.mean) - 11), 'text-anchor': 'middle' }, report.done ? 'best' : 'best so far'));
  }
  svg.setAttribute('aria-label', `Mean validation loss over ${report.folds} folds against hidden units` +
    (best?.mean != null ? `; lowest at ${best.units} units, ${formatLoss(best.mean)}` : ''));
}

/** @param {HTMLElement} el @param {string} text @param {'info' | 'error'} [kind] */
function say(el, text, kind = 'info') {
  el.textContent = text;
  el.dataset.kind = kind;
  el.classList.toggle('is-visible', text !== '');
}

/**
 * @typedef {object} Panel
 * @property {Root} doc
 * @property {AppState} state
 * @property {SearchHooks} hooks
 * @property {ReturnType<typeof restartElements>} r
 * @property {ReturnType<typeof cvElements>} cv
 * @property {ReturnType<typeof createJobs>} jobs
 */

/** @param {Root} doc */
function restartElements(doc) {
  return {
    count: byId(doc, 'restarts-count', HTMLInputElement),
    epochs: byId(doc, 'restarts-epochs', HTMLInputElement),
    start: byId(doc, 'restarts-start', HTMLButtonElement),
    cancel: byId(doc, 'restarts-cancel', HTMLButtonElement),
    progress: byId(doc, 'restarts-progress', HTMLProgressElement),
    msg: byId(doc, 'restarts-msg', HTMLElement),
    result: byId(doc, 'restarts-result', HTMLElement),
    chart: byId(doc, 'restarts-chart', SVGSVGElement),
    list: byId(doc, 'restarts-list', HTMLOListElement),
    keep: byId(doc, 'restarts-keep', HTMLButtonElement),
  };
}

/** @param {Root} doc */
function cvElements(doc) {
  return {
    folds: byId(doc, 'cv-folds', HTMLInputElement),
    from: byId(doc, 'cv-from', HTMLInputElement),
    to: byId(doc, 'cv-to', HTMLInputElement),
    epochs: byId(doc, 'cv-epochs', HTMLInputElement),
    start: byId(doc, 'cv-start', HTMLButtonElement),
    cancel: byId(doc, 'cv-cancel', HTMLButtonElement),
    progress: byId(doc, 'cv-progress', HTMLProgressElement),
    msg: byId(doc, 'cv-msg', HTMLElement),
    result: byId(doc, 'cv-result', HTMLElement),
    chart: byId(doc, 'cv-chart', SVGSVGElement),
    note: byId(doc, 'cv-note', HTMLElement),
    apply: byId(doc, 'cv-apply', HTMLButtonElement),
  };
}

/**
 * The one job that may run at a time: started in its workers, stopped when
 * cancelled, failed, or when the run's settings change under it.
 * @param {AppState} state
 * @param {SearchHooks} hooks
 * @param {(busy: boolean) => void} setBusy
 */
function createJobs(state, hooks, setBusy) {
  /** @type {{ stop: (why: string) => void } | null} */
  let running = null;
  return {
    busy: () => running !== null,
    /** @param {string} why */
    stop: (why) => running?.stop(why),
    /**
     * Runs `job` until done or stopped.
     * @param {SearchJob} job
     * @param {(report: any) => void} onReport  each progress report
     * @param {(report: any) => void} onDone
     * @param {(why: string) => void} onStop  cancelled, failed, or the run changed
     */
    run(job, onReport, onDone, onStop) {
      const config = fingerprint(state.config);
      /** @type {{ cancel: () => void } | null} */
      let workers = null;
      const current = {
        stop(/** @type {string} */ why) {
          workers?.cancel();
          running = null;
          setBusy(false);
          onStop(why);
        },
      };
      /** Whether the run changed under the job: then it stops. */
      const changed = () => {
        if (fingerprint(state.config) === config) return false;
        current.stop('Stopped: the run\'s settings changed, so these results would describe another run. Start again to search the new one.');
        return true;
      };
      running = current;
      setBusy(true);
      workers = hooks.start(job, {
        onProgress(report) {
          if (running === current && !changed()) onReport(report);
        },
        onDone(report) {
          if (running !== current || changed()) return;
          running = null;
          setBusy(false);
          onDone(report);
        },
        onError(message) {
          if (running === current) current.stop(`Stopped: ${message}`);
        },
      });
    },
  };
}

/**
 * The restarts' list and chart.
 * @param {Panel} panel
 * @param {RestartReport} report
 */
function showRestarts({ doc, r }, report) {
  r.result.hidden = false;
  drawRestarts(r.chart, report);
  r.list.replaceChildren(...report.restarts.map((x, i) => {
    const item = html(doc, 'li');
    item.dataset.seed = String(x.seed);
    item.dataset.testLoss = String(x.testLoss);
    const best = i === report.best;
    item.classList.toggle('is-best', best);
    if (best) item.setAttribute('aria-current', 'true');
    const accuracy = x.testAccuracy === null ? '' : `, ${Math.round(x.testAccuracy * 100)} % right`;
    const stopped = x.epochs < report.epochs ? ` (stopped at epoch ${x.epochs})` : '';
    item.textContent = `seed ${x.seed}: test ${formatLoss(x.testLoss)}, train ${formatLoss(x.trainLoss)}${accuracy}${stopped}${best ? (report.done ? ' — best' : ' — best so far') : ''}`;
    return item;
  }));
}

/**
 * Random restarts: start, progress, keep the best.
 * @param {Panel} panel
 */
function wireRestarts(panel) {
  const { state, hooks, r, jobs } = panel;
  /** The finished restarts and the config they ran on. @type {{ config: Config, key: string, report: RestartReport } | null} */
  let restarts = null;
  r.start.addEventListener('click', () => {
    const count = wholeNumber(r.count);
    const epochs = wholeNumber(r.epochs);
    if (typeof count === 'string' || typeof epochs === 'string') {
      say(r.msg, typeof count === 'string' ? count : String(epochs), 'error');
      return;
    }
    /** @type {SearchJob} */
    const job = { kind: 'restarts', config: state.config, count, epochs };
    const problem = hooks.problem(job);
    if (problem !== null) {
      say(r.msg, problem, 'error');
      return;
    }
    restarts = null;
    r.keep.disabled = true;
    r.progress.value = 0;
    r.cancel.hidden = false;
    say(r.msg, `Training ${count} networks of ${epochs} epochs each, beside the run.`);
    const config = state.config;
    jobs.run(job, (/** @type {RestartReport} */ report) => {
      r.progress.value = report.progress;
      showRestarts(panel, report);
    }, (/** @type {RestartReport} */ report) => {
      r.cancel.hidden = true;
      r.progress.value = 1;
      restarts = { config, key: fingerprint(config), report };
      showRestarts(panel, report);
      r.keep.disabled = report.best === null;
      const best = report.best === null ? null : report.restarts[report.best];
      const losses = report.restarts.map((x) => x.testLoss).filter(Number.isFinite);
      say(r.msg, best
        ? `Done. Test losses range from ${formatLoss(Math.min(...losses))} to ${formatLoss(Math.max(...losses))}: the same network and data, only the initial weights differ. Best: seed ${best.seed}.`
        : 'Done, but every restart diverged: lower η and try again.');
    }, (why) => {
      r.cancel.hidden = true;
      r.progress.value = 0;
      r.result.hidden = true;
      say(r.msg, why);
    });
  });
  r.cancel.addEventListener('click', () => jobs.stop('Cancelled: nothing was kept.'));
  r.keep.addEventListener('click', () => {
    if (!restarts || restarts.report.best === null) return;
    if (fingerprint(state.config) !== restarts.key) {
      say(r.msg, 'The run\'s settings changed since these restarts: start them again to search this run.', 'error');
      return;
    }
    const best = restarts.report.restarts[restarts.report.best];
    // The run of the best seed, trained as long: the same network, bit for bit.
    hooks.adopt({ ...restarts.config, seed: best.seed }, best.epochs);
    r.keep.disabled = true;
    say(r.msg, `Kept restart ${restarts.report.best + 1}: seed ${best.seed}, trained ${best.epochs} epochs, test loss ${formatLoss(best.testLoss)}. The run's seed is now ${best.seed}.`);
  });
}

/**
 * The sweep's chart and note.
 * @param {Panel} panel
 * @param {CvReport} report
 */
function showCv({ cv }, report) {
  cv.result.hidden = false;
  drawCv(cv.chart, report);
  const best = report.best === null ? null : report.units[report.best];
  cv.note.textContent = best && best.mean !== null
    ? `Best: ${best.units} hidden units, mean validation loss ${formatLoss(best.mean)} (±${formatLoss(best.sd ?? NaN)} sd) over ${report.folds} folds. Dots: the mean; bars: the lowest to the highest fold.`
    : 'Dots: the mean over the folds; bars: the lowest to the highest fold.';
}

/**
 * Cross-validation of the hidden units: start, progress, apply the best.
 * @param {Panel} panel
 */
function wireCrossValidation(panel) {
  const { state, hooks, cv, jobs } = panel;
  /** The finished cross-validation and its config. @type {{ config: string, report: CvReport } | null} */
  let sweep = null;
  cv.start.addEventListener('click', () => {
    const values = [cv.folds, cv.from, cv.to, cv.epochs].map(wholeNumber);
    const typed = values.find((v) => typeof v === 'string');
    if (typeof typed === 'string') {
      say(cv.msg, typed, 'error');
      return;
    }
    const [folds, from, to, epochs] = /** @type {number[]} */ (values);
    /** @type {SearchJob} */
    const job = { kind: 'crossValidation', config: state.config, folds, from, to, epochs };
    const problem = hooks.problem(job);
    if (problem !== null) {
      say(cv.msg, problem, 'error');
      return;
    }
    sweep = null;
    cv.apply.disabled = true;
    cv.progress.value = 0;
    cv.cancel.hidden = false;
    say(cv.msg, `Training ${(to - from + 1) * folds} networks (${to - from + 1} unit counts × ${folds} folds) of ${epochs} epochs each, beside the run.`);
    const config = fingerprint(state.config);
    jobs.run(job, (/** @type {CvReport} */ report) => {
      cv.progress.value = report.progress;
      showCv(panel, report);
    }, (/** @type {CvReport} */ report) => {
      cv.cancel.hidden = true;
      cv.progress.value = 1;
      sweep = { config, report };
      showCv(panel, report);
      cv.apply.disabled = report.bestHidden === null;
      say(cv.msg, report.bestHidden
        ? `Done. Apply sets the hidden layers to ${report.bestHidden.join(', ')} units.`
        : 'Done, but every fit diverged: lower η and try again.');
    }, (why) => {
      cv.cancel.hidden = true;
      cv.progress.value = 0;
      cv.result.hidden = true;
      say(cv.msg, why);
    });
  });
  cv.cancel.addEventListener('click', () => jobs.stop('Cancelled: nothing was kept.'));
  cv.apply.addEventListener('click', () => {
    const hidden = sweep?.report.bestHidden;
    if (!sweep || !hidden) return;
    if (fingerprint(state.config) !== sweep.config) {
      say(cv.msg, 'The run\'s settings changed since this cross-validation: start it again to search this run.', 'error');
      return;
    }
    const refusal = hooks.apply({ ...state.config, hidden });
    if (refusal !== null) {
      say(cv.msg, `Not applied: ${refusal}`, 'error');
      return;
    }
    cv.apply.disabled = true;
    say(cv.msg, `Applied: the hidden layers now have ${hidden.join(', ')} units; the run starts again from epoch 0.`);
  });
}

/**
 * Wires the Search panel.
 * @param {Root} doc
 * @param {AppState} state
 * @param {SearchHooks} hooks
 */
export function createSearch(doc, state, hooks) {
  const r = restartElements(doc);
  const cv = cvElements(doc);
  const jobs = createJobs(state, hooks, (busy) => {
    r.start.disabled = busy;
    cv.start.disabled = busy;
  });
  const panel = { doc, state, hooks, r, cv, jobs };
  wireRestarts(panel);
  wireCrossValidation(panel);
  return {
    /** Whether a job is running. */
    busy: () => jobs.busy(),
  };
}
