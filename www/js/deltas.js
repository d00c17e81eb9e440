// @ts-check
// |δ| on the network diagram: a small gauge across the top of every hidden and
// output node, filled on a logarithmic scale by the node's mean |δ_j| =
// |∂L/∂net_j| over the last epoch's examples (Playground.nodeDeltas), so a
// deep sigmoid stack shows its first layers nearly empty. The node's tooltip
// and its screen-reader description give the number. A checkbox under the
// diagram switches the gauges off.
//
// The network view (network.js) owns the nodes; this module only adds a child
// to each node button it finds by `data-node`, and re-finds them after a rebuild.

import { formatMagnitude } from './gradflow.js';

/** @typedef {import('./types').Playground} Playground */

/** Decades the gauge spans: full at the network's largest |δ|, empty this many decades below. */
const DECADES = 5;

/**
 * @typedef {object} DeltaGauges
 * @property {(pg: Playground, epoch: number) => void} update  per frame, after the network view's update
 */

/**
 * @param {HTMLElement} view     the network view's root (holds the `.nv-node[data-node]` buttons)
 * @param {HTMLInputElement} toggle  the "Show |δ|" checkbox
 * @returns {DeltaGauges}
 */
export function createDeltaGauges(view, toggle) {
  const doc = view.ownerDocument;
  /** @type {Playground | null} */
  let shownPg = null;
  let shownEpoch = -1;
  /** The first node of the current diagram, to notice a rebuild. */
  let firstButton = /** @type {HTMLElement | null} */ (null);
  /** @type {{ button: HTMLElement, gauge: HTMLElement, fill: HTMLElement, text: HTMLElement, baseTitle: string }[]} */
  let gauges = [];
  /** @type {Float64Array} */
  let values = new Float64Array(0);

  // The diagram sits inside the controls form, whose listeners would read this
  // box as one of the run's settings.
  for (const type of ['input', 'change']) toggle.addEventListener(type, (event) => event.stopPropagation());
  toggle.addEventListener('change', () => {
    view.classList.toggle('shows-deltas', toggle.checked);
    write();
  });
  view.classList.toggle('shows-deltas', toggle.checked);

  /** Finds the hidden and output nodes of the current diagram and gives each a gauge. */
  function attach(/** @type {Playground} */ pg) {
    const sizes = Array.from(pg.layerSizes());
    const inputs = sizes[0] ?? 0;
    const units = sizes.slice(1).reduce((a, b) => a + b, 0);
    gauges = [];
    for (let k = 0; k < units; k += 1) {
      const button = view.querySelector(`.nv-node[data-node="${inputs + k}"]`);
      if (!(button instanceof HTMLElement)) continue;
      let gauge = /** @type {HTMLElement | null} */ (button.querySelector('.nv-delta'));
      if (!gauge) {
        gauge = doc.createElement('span');
        gauge.className = 'nv-delta';
        const fill = doc.createElement('span');
        fill.className = 'nv-delta-fill';
        fill.setAttribute('aria-hidden', 'true');
        const text = doc.createElement('span');
        text.className = 'sr-only';
        text.id = `nv-delta-${inputs + k}`;
        gauge.append(fill, text);
        button.append(gauge);
        button.setAttribute('aria-describedby', text.id);
        button.dataset.baseTitle = button.title;
      }
      gauges.push({
        button,
        gauge,
        fill: /** @type {HTMLElement} */ (gauge.querySelector('.nv-delta-fill')),
        text: /** @type {HTMLElement} */ (gauge.querySelector('.sr-only')),
        baseTitle: button.dataset.baseTitle ?? button.title,
      });
    }
    firstButton = gauges[0]?.button ?? null;
  }

  /** Writes every gauge from `values`. */
  function write() {
    let top = 0;
    for (const v of values) if (Number.isFinite(v) && v > top) top = v;
    const ceiling = top > 0 ? Math.log10(top) : 0;
    gauges.forEach((g, k) => {
      const v = values[k];
      const known = v !== undefined && Number.isFinite(v);
      const fraction = known && v > 0 ? Math.min(1, Math.max(0, 1 - (ceiling - Math.log10(v)) / DECADES)) : 0;
      g.fill.style.width = `${(fraction * 100).toFixed(1)}%`;
      g.gauge.dataset.delta = known ? String(v) : '';
      const words = known
        ? `mean |δ| = ${formatMagnitude(v)} over the last epoch`
        : 'no |δ| yet: train an epoch';
      if (g.text.textContent !== words) g.text.textContent = words;
      const title = toggle.checked
        ? `${g.baseTitle}\n|δ_j| = |∂L/∂net_j|, averaged over the last epoch's examples: ${known ? formatMagnitude(v) : '– (no epoch yet)'}. `
          + `The bar on top is on a log scale: full at the network's largest |δ|, empty ${DECADES} decades below`
        : g.baseTitle;
      if (g.button.title !== title) g.button.title = title;
    });
  }

  return {
    update(pg, epoch) {
      const rebuilt = firstButton === null || !firstButton.isConnected;
      if (!rebuilt && pg === shownPg && epoch === shownEpoch) return;
      if (rebuilt || pg !== shownPg) attach(pg);
      shownPg = pg;
      shownEpoch = epoch;
      values = pg.nodeDeltas();
      write();
    },
  };
}
