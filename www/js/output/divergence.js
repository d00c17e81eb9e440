// @ts-check
// The divergence notice: when a step made the loss or a weight non-finite, the
// core has paused training and gone back to the last weights whose loss is
// finite; the status banner shows the core's explanation (with the numbers)
// and this module adds the one button that takes those weights back as the
// run's own so training can go on. The banner's text comes from the core; the
// button shows only while the run is paused by a divergence.

/**
 * @typedef {object} DivergenceNotice
 * @property {(diverged: boolean) => void} update  per frame: whether the run is paused by a divergence
 */

/**
 * @param {HTMLElement} banner  the status banner (`#status`)
 * @param {() => void} onRestore  the button was pressed: restore and redraw
 * @returns {DivergenceNotice}
 */
export function createDivergenceNotice(banner, onRestore) {
  const doc = banner.ownerDocument;
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'button status-action';
  button.id = 'restore-weights';
  button.textContent = 'Restore last finite weights';
  button.title = 'Take the last weights whose loss is still a finite number as the network\'s own, '
    + 'so training can go on from them (lower η first, or it will overshoot again)';
  button.hidden = true;
  button.addEventListener('click', () => onRestore());
  banner.append(button);

  return {
    update(diverged) {
      if (button.hidden === !diverged) return;
      button.hidden = !diverged;
    },
  };
}
