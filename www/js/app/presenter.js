// @ts-check
// Presenter keys, on the full page and in an embed: space plays or pauses,
// → trains one epoch, r resets, f toggles fullscreen. A key presses the same
// button the mouse would, so it does exactly what that button does. The page
// listens on the whole document; a <backprop-playground> element only on
// itself, so that its keys work while it has the focus and the host page's
// (a slide deck's) everywhere else.

import { showNotice } from './embed.js';
import { documentOf } from '../lib/dom.js';

/** @typedef {import('../lib/dom.js').Root} Root */

/** Where typing goes: keys pressed there are the user's text, never commands. */
const TYPING = 'input, select, textarea, [contenteditable]:not([contenteditable="false"]), [role="textbox"], [role="combobox"], [role="spinbutton"], [role="slider"]';

/** Controls that space activates by themselves: space is left to them. */
const PRESSABLE = 'button, a[href], summary, [role="button"], [role="link"], [role="checkbox"], [role="switch"], [role="tab"], [role="menuitem"]';

/** The keys, and the button each one presses. */
const KEYS = Object.freeze({
  ' ': 'play',
  ArrowRight: 'step',
  r: 'reset',
  R: 'reset',
});

/**
 * Whether a key pressed while `target` has the focus belongs to it rather than
 * to the presenter keys.
 * @param {EventTarget | null} target
 * @param {string} key
 */
function belongsToTarget(target, key) {
  if (!(target instanceof Element)) return false;
  if (target.closest(TYPING)) return true;
  if (target.closest('dialog[open]')) return true;
  return key === ' ' && target.closest(PRESSABLE) !== null;
}

/**
 * `element` fullscreen or back (the whole page: in an iframe, the iframe),
 * where the Fullscreen API is allowed; otherwise a notice says why nothing
 * happens.
 * @param {Root} doc  where the notice goes
 * @param {Element} element
 */
function toggleFullscreen(doc, element) {
  const page = documentOf(doc);
  if (page.fullscreenElement === element) {
    page.exitFullscreen().catch(() => {});
    return;
  }
  if (!page.fullscreenEnabled) {
    showNotice(doc, 'Fullscreen is not allowed here: the page that embeds the playground must allow it (allow="fullscreen" on the iframe).');
    return;
  }
  element.requestFullscreen().catch((/** @type {unknown} */ err) => {
    showNotice(doc, `Fullscreen was refused: ${err instanceof Error ? err.message : String(err)}`);
  });
}

/**
 * Listens for the presenter keys on `keys` (the whole document, or an
 * element) and presses the buttons of `doc`.
 * @param {Root} doc
 * @param {EventTarget} keys
 * @param {Element} fullscreen  what f makes fullscreen
 */
export function installPresenterKeys(doc, keys, fullscreen) {
  keys.addEventListener('keydown', (event) => {
    if (!(event instanceof KeyboardEvent)) return;
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    // The element the key was pressed in, inside a shadow root too.
    if (belongsToTarget(event.composedPath()[0] ?? null, event.key)) return;
    if (event.key === 'f' || event.key === 'F') {
      if (event.repeat) return;
      event.preventDefault();
      toggleFullscreen(doc, fullscreen);
      return;
    }
    const id = Object.hasOwn(KEYS, event.key) ? KEYS[/** @type {keyof typeof KEYS} */ (event.key)] : null;
    if (id === null) return;
    // Holding → keeps stepping; holding space or r does it once.
    if (event.repeat && id !== 'step') return;
    const button = doc.getElementById(id);
    if (!(button instanceof HTMLButtonElement) || button.disabled) return;
    event.preventDefault();
    button.click();
  });
}
