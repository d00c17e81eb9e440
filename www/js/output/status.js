// @ts-check
// The banner above the plot: why training stopped, or what the page changed
// to make a choice coherent.

/**
 * @typedef {object} Status
 * @property {(message: { kind: 'info' | 'warning', text: string } | null) => void} show  `show(null)` hides it
 */

/**
 * @param {HTMLElement} box
 * @param {HTMLElement} text
 * @returns {Status}
 */
export function createStatus(box, text) {
  return {
    show(message) {
      box.hidden = message === null;
      box.dataset.kind = message?.kind ?? '';
      text.textContent = message?.text ?? '';
    },
  };
}
