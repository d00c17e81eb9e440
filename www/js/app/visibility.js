// @ts-check
// Which parts of the page are rendered: the engine computes only what is
// shown (a panel an embed hides, or any part not displayed, costs nothing),
// and a part shown again is drawn from the next snapshot. A part scrolled
// out of view still counts as shown, so that it is current the moment the
// page scrolls to it.

/**
 * Watches `parts` (name → element) and keeps `shown[name]` true while the
 * element has a box: an observer whose margin reaches far past any page
 * sees every rendered element as intersecting, and only the others not. Every part counts as shown
 * until the browser has said otherwise. `onChange` is told when a part is shown or hidden.
 * @template {string} K
 * @param {Record<K, Element>} parts
 * @param {() => void} [onChange]
 * @returns {Record<K, boolean>}
 */
export function watchVisibility(parts, onChange) {
  const shown = /** @type {Record<K, boolean>} */ ({});
  /** @type {Map<Element, K>} */
  const names = new Map();
  for (const name of /** @type {K[]} */ (Object.keys(parts))) {
    shown[name] = true;
    names.set(parts[name], name);
  }
  if (typeof IntersectionObserver === 'undefined') return shown;
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const name = names.get(entry.target);
      if (name !== undefined) shown[name] = entry.isIntersecting;
    }
    onChange?.();
  }, { rootMargin: '100000px' });
  for (const element of names.keys()) observer.observe(element);
  return shown;
}
