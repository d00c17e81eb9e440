// @ts-check
// The metrics panel: for classification, the accuracy and the confusion matrix
// (rows = true class, columns = predicted class) of the training and of the
// test set, classes in the plot's colours; for regression, R² of both sets.
// Every number comes from Playground.metrics(); the DOM is built once per kind
// of problem and number of classes, then only its texts and shades change.

import { PALETTES } from '../lib/plane.js';
import { html } from '../lib/dom.js';
import { formatAccuracy } from '../lib/format.js';

/** @typedef {import('../app/run-view.js').RunView} Run */
/** @typedef {import('../../pkg/backprop_playground.js').StepResult} StepResult */
/** @typedef {import('../../pkg/backprop_playground.js').Metrics} Metrics */
/** @typedef {import('../../pkg/backprop_playground.js').SetMetrics} SetMetrics */
/** @typedef {import('../../pkg/backprop_playground.js').PaletteName} PaletteName */

/**
 * @typedef {object} MetricsPanel
 * @property {(pg: Run, stats: StepResult, palette: PaletteName) => void} update
 *   per frame; reads the core only when the report or the palette changed
 */

const SETS = /** @type {const} */ ([
  { key: 'train', name: 'Training set', words: 'the training set, which the network learns from' },
  { key: 'test', name: 'Test set', words: 'the test set, which the network never trains on' },
]);

/** @param {number | null} r2 */
export function formatR2(r2) {
  return r2 === null || !Number.isFinite(r2) ? '–' : r2.toFixed(3).replace('-', '−');
}

/** @typedef {{ count: HTMLElement, score: HTMLElement, cells: HTMLTableCellElement[], swatches: HTMLElement[] }} SetParts  a set's texts and cells */

/**
 * @param {Document} doc
 * @param {number} c
 * @param {'row' | 'col'} scope
 */
function classHeader(doc, c, scope) {
  const th = html(doc, 'th');
  th.scope = scope;
  const swatch = html(doc, 'span', 'metrics-swatch');
  swatch.setAttribute('aria-hidden', 'true');
  // "class" is read out but not shown: five classes' columns must fit a phone.
  th.title = `Class ${c}`;
  th.append(swatch, html(doc, 'span', 'sr-only', 'class '), String(c));
  return { th, swatch };
}

/**
 * The classification panel: per set, its accuracy and its k × k confusion
 * matrix; returns the element and each set's parts.
 * @param {Document} doc
 * @param {number} k
 */
function buildClassification(doc, k) {
  /** @type {SetParts[]} */
  const parts = [];
  const sets = html(doc, 'div', 'metrics-sets');
  for (const set of SETS) {
    const figure = html(doc, 'figure', 'metrics-set');
    figure.dataset.set = set.key;
    const head = html(doc, 'figcaption', 'metrics-head');
    const name = html(doc, 'span', 'metrics-name', set.name);
    const count = html(doc, 'span', 'metrics-count');
    const accuracy = html(doc, 'span', 'metrics-score-label', 'accuracy');
    const score = html(doc, 'span', 'metrics-score');
    score.dataset.metric = 'accuracy';
    head.title = `Accuracy: the share of ${set.words}, put in its own class (the diagonal of the table)`;
    head.append(name, count, accuracy, score);

    const table = html(doc, 'table', 'confusion');
    const caption = html(doc, 'caption', 'sr-only',
      `Confusion matrix of the ${set.name.toLowerCase()}: rows are the true class, columns the class the network predicts`);
    const thead = html(doc, 'thead');
    const headRow = html(doc, 'tr');
    const corner = html(doc, 'th', 'confusion-corner');
    corner.scope = 'col';
    corner.innerHTML = '<span>true ↓</span><span>predicted →</span>';
    corner.title = 'Rows: the class an example truly has. Columns: the class the network gives it (its largest output, or ŷ ≥ ½ with one output)';
    headRow.append(corner);
    /** @type {HTMLElement[]} */
    const swatches = [];
    for (let c = 0; c < k; c += 1) {
      const { th, swatch } = classHeader(doc, c, 'col');
      headRow.append(th);
      swatches.push(swatch);
    }
    thead.append(headRow);
    const tbody = html(doc, 'tbody');
    /** @type {HTMLTableCellElement[]} */
    const cells = [];
    for (let t = 0; t < k; t += 1) {
      const row = html(doc, 'tr');
      const { th, swatch } = classHeader(doc, t, 'row');
      swatches.push(swatch);
      row.append(th);
      for (let p = 0; p < k; p += 1) {
        const td = html(doc, 'td');
        td.dataset.true = String(t);
        td.dataset.predicted = String(p);
        td.classList.toggle('is-diagonal', t === p);
        row.append(td);
        cells.push(td);
      }
      tbody.append(row);
    }
    table.append(caption, thead, tbody);
    // A last resort for the narrowest panel: the table scrolls, the page never does.
    const scroller = html(doc, 'div', 'confusion-scroll');
    scroller.append(table);
    figure.append(head, scroller);
    sets.append(figure);
    parts.push({ count, score, cells, swatches });
  }
  return { elements: [sets], parts };
}

/**
 * The regression panel: R² of each set, and what R² is; returns the
 * elements and each set's parts.
 * @param {Document} doc
 */
function buildRegression(doc) {
  /** @type {SetParts[]} */
  const parts = [];
  const list = html(doc, 'dl', 'metrics-r2');
  for (const set of SETS) {
    const item = html(doc, 'div', 'metrics-set');
    item.dataset.set = set.key;
    item.title = `R² on ${set.words}: 1 − SS_res/SS_tot = 1 − Σ(y − ŷ)² / Σ(y − ȳ)². `
      + '1 is a perfect fit, 0 is no better than always answering the mean label ȳ, below 0 is worse';
    const term = html(doc, 'dt', 'metrics-name');
    term.append(`R² ${set.key === 'train' ? 'training' : 'test'}`);
    const count = html(doc, 'span', 'metrics-count');
    term.append(' ', count);
    const score = html(doc, 'dd', 'metrics-score');
    score.dataset.metric = 'r2';
    item.append(term, score);
    list.append(item);
    parts.push({ count, score, cells: [], swatches: [] });
  }
  const explain = html(doc, 'p', 'explain metrics-explain',
    'R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²: the share of the labels\' variance the network explains; 1 is a perfect fit.');
  return { elements: [list, explain], parts };
}

/**
 * Sets a text only when it changed: the panel is written every frame while
 * training, and most of its numbers stay the same from one epoch to the next.
 * @param {HTMLElement} e
 * @param {string} text
 */
function setText(e, text) {
  if (e.textContent !== text) e.textContent = text;
}

/**
 * Writes the metrics into each set's parts.
 * @param {SetParts[]} parts
 * @param {Metrics} metrics
 * @param {PaletteName} palette
 */
function write(parts, metrics, palette) {
  const k = metrics.classes;
  const colours = PALETTES[palette].classes;
  SETS.forEach((set, s) => {
    const m = metrics[set.key];
    const part = parts[s];
    if (!part) return;
    setText(part.count, `${m.count} examples`);
    if (k === null) {
      setText(part.score, formatR2(m.rSquared));
      return;
    }
    setText(part.score, formatAccuracy(m.accuracy));
    const counts = m.confusion ?? [];
    part.swatches.forEach((swatch, i) => {
      const [r, g, b] = colours[(i % k) % colours.length];
      const background = `rgb(${r} ${g} ${b})`;
      if (swatch.dataset.colour !== background) {
        swatch.style.background = background;
        swatch.dataset.colour = background;
      }
    });
    for (let t = 0; t < k; t += 1) {
      let row = 0;
      for (let p = 0; p < k; p += 1) row += counts[t * k + p] ?? 0;
      for (let p = 0; p < k; p += 1) {
        const n = counts[t * k + p] ?? 0;
        const cell = part.cells[t * k + p];
        const { shade, title } = confusionCell(n, row, t, p);
        setText(cell, String(n));
        if (cell.style.getPropertyValue('--share') !== shade) cell.style.setProperty('--share', shade);
        if (cell.title !== title) cell.title = title;
      }
    }
  });
}

/**
 * A confusion-matrix cell's shade (its share of the true class's row, three
 * decimals) and title.
 * @param {number} n  examples of class t predicted as class p
 * @param {number} row  examples of class t
 * @param {number} t  true class
 * @param {number} p  predicted class
 */
export function confusionCell(n, row, t, p) {
  const share = row > 0 ? n / row : 0;
  const title = t === p
    ? `${n} of the ${row} examples of class ${t} are predicted as class ${t}: right (${formatAccuracy(share)})`
    : `${n} of the ${row} examples of class ${t} are predicted as class ${p}: wrong (${formatAccuracy(share)})`;
  return { shade: share.toFixed(3), title };
}

/**
 * @param {HTMLElement} root  the panel; its content is replaced
 * @returns {MetricsPanel}
 */
export function createMetricsPanel(root) {
  const doc = root.ownerDocument;
  const body = doc.createElement('div');
  body.className = 'metrics-body';
  root.append(body);

  /** @type {StepResult | null} */
  let shownStats = null;
  /** @type {PaletteName | null} */
  let shownPalette = null;
  /** What the DOM is built for: "regression" or the number of classes. */
  let built = '';
  /** Per set: its texts and cells. */
  /** @type {SetParts[]} */
  let parts = [];

  return {
    update(pg, stats, palette) {
      if (stats === shownStats && palette === shownPalette) return;
      shownStats = stats;
      shownPalette = palette;
      const metrics = pg.metrics();
      if (!metrics) return;
      const kind = metrics.classes === null ? 'regression' : String(metrics.classes);
      if (kind !== built) {
        built = kind;
        const panel = metrics.classes === null ? buildRegression(doc) : buildClassification(doc, metrics.classes);
        parts = panel.parts;
        body.replaceChildren(...panel.elements);
        root.dataset.kind = metrics.classes === null ? 'regression' : 'classification';
      }
      write(parts, metrics, palette);
    },
  };
}
