// @ts-check
// |δ| on the network diagram: a small gauge across the top of every hidden and
// output node, filled on a logarithmic scale by the node's mean |δ_j| =
// |∂L/∂net_j| over the last epoch's examples (Playground.nodeDeltas), so a
// deep sigmoid stack shows its first layers nearly empty. The node's tooltip
// and its screen-reader description give the number. The display's
// `showDeltas` (a checkbox under the diagram, kept in links) switches them off.
//
// The network view (network.js) owns the nodes and paints the gauges from the
// fill this module works out; this module adds to each node button it finds
// by `data-node` a screen-reader description, and re-finds them after a
// rebuild. The words follow the numbers at most every TEXT_REFRESH_MS while
// training (like the weights' labels), and catch up once it pauses.

import { formatMagnitude } from '../lib/format.js';

/** @typedef {import('../app/run-view.js').RunView} Run */

/** Decades the gauge spans: full at the network's largest |δ|, empty this many decades below. */
const DECADES = 5;
/** How often (ms) the tooltips and spoken descriptions follow the gauges while training. */
const TEXT_REFRESH_MS = 500;

/**
 * @typedef {object} DeltaGauges
 * @property {(pg: Run, epoch: number, show: boolean) => void} update
 *   per frame, before the network view's update; `show`: the display's "Show |δ|" setting
 */

/**
 * @param {HTMLElement} view     the network view's root (holds the `.nv-node[data-node]` buttons)
 * @param {(fractions: Float64Array | null) => void} draw  gives the network view each node's gauge
 *   fill (0–1, hidden and output nodes in index order), or null when the gauges are off
 * @returns {DeltaGauges}
 */
export function createDeltaGauges(view, draw) {
  const doc = view.ownerDocument;
  /** @type {Run | null} */
  let shownPg = null;
  let shownEpoch = -1;
  let shown = true;
  /** The first node of the current diagram, to notice a rebuild. */
  let firstButton = /** @type {HTMLElement | null} */ (null);
  /** @type {{ button: HTMLElement, text: HTMLElement, baseTitle: string }[]} */
  let gauges = [];
  /** @type {Float64Array} */
  let values = new Float64Array(0);
  let fractions = new Float64Array(0);
  let textAt = -Infinity;
  let textTimer = 0;

  /** Finds the hidden and output nodes of the current diagram and gives each a description. */
  function attach(/** @type {Run} */ pg) {
    const sizes = Array.from(pg.layerSizes());
    const inputs = sizes[0] ?? 0;
    const units = sizes.slice(1).reduce((a, b) => a + b, 0);
    gauges = [];
    // One pass over the nodes: a selector per node took ~7 ms on 8 × 32.
    /** @type {Map<string, HTMLElement>} */
    const buttons = new Map();
    for (const el of view.querySelectorAll('.nv-node[data-node]')) {
      if (el instanceof HTMLElement) buttons.set(el.dataset.node ?? '', el);
    }
    for (let k = 0; k < units; k += 1) {
      const button = buttons.get(String(inputs + k));
      if (!button) continue;
      let text = /** @type {HTMLElement | null} */ (button.querySelector('.nv-delta'));
      if (!text) {
        text = doc.createElement('span');
        text.className = 'nv-delta';
        // Hidden, it has no layout: 256 of its texts changing cost no
        // layout of the diagram, and aria-describedby still reads it.
        text.hidden = true;
        text.id = `nv-delta-${inputs + k}`;
        button.append(text);
        button.setAttribute('aria-describedby', text.id);
        button.dataset.baseTitle = button.title;
      }
      gauges.push({ button, text, baseTitle: button.dataset.baseTitle ?? button.title });
    }
    firstButton = gauges[0]?.button ?? null;
  }

  /** Each gauge's fill from `values`, on a log scale under the largest. */
  function fill() {
    let top = 0;
    for (const v of values) if (Number.isFinite(v) && v > top) top = v;
    const ceiling = top > 0 ? Math.log10(top) : 0;
    fractions = new Float64Array(gauges.length);
    fractions.forEach((_, k) => {
      const v = values[k];
      const known = v !== undefined && Number.isFinite(v);
      fractions[k] = known && v > 0 ? Math.min(1, Math.max(0, 1 - (ceiling - Math.log10(v)) / DECADES)) : 0;
    });
  }

  /** Every node's description and tooltip, written only where they changed. */
  function writeText() {
    window.clearTimeout(textTimer);
    textTimer = 0;
    textAt = performance.now();
    gauges.forEach((g, k) => {
      const v = values[k];
      const known = v !== undefined && Number.isFinite(v);
      const words = known
        ? `mean |δ| = ${formatMagnitude(v)} over the last epoch`
        : 'no |δ| yet: train an epoch';
      if (g.text.textContent !== words) g.text.textContent = words;
      const title = shown
        ? `${g.baseTitle}\n|δ_j| = |∂L/∂net_j|, averaged over the last epoch's examples: ${known ? formatMagnitude(v) : '– (no epoch yet)'}. `
          + `The bar on top is on a log scale: full at the network's largest |δ|, empty ${DECADES} decades below`
        : g.baseTitle;
      if (g.button.title !== title) g.button.title = title;
    });
  }

  return {
    update(pg, epoch, show) {
      const rebuilt = firstButton === null || !firstButton.isConnected;
      const switched = show !== shown;
      if (!rebuilt && !switched && pg === shownPg && epoch === shownEpoch) return;
      if (rebuilt || pg !== shownPg) attach(pg);
      shownPg = pg;
      shownEpoch = epoch;
      shown = show;
      values = pg.nodeDeltas();
      fill();
      draw(show ? fractions : null);
      // A large diagram rewrites its words less often (256 nodes: once a second).
      const interval = Math.max(TEXT_REFRESH_MS, 4 * gauges.length);
      if (rebuilt || switched || performance.now() - textAt >= interval) writeText();
      else if (textTimer === 0) textTimer = window.setTimeout(writeText, interval);
    },
  };
}
