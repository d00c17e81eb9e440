// @ts-check
// Whether an element is shown: on screen (an IntersectionObserver) and not
// hidden by an ancestor's opacity, visibility or display, which is how a
// slide deck hides the slides around the one shown (reveal.js keeps them
// laid out, at opacity 0). The observer does not see those: the element
// looks again whenever the host page changes a class, a style or a `hidden`
// attribute, or ends a transition or an animation (a slide fading in).

/**
 * Calls `onChange(shown)` each time `element` is shown or stops being shown
 * (first when the observer has looked).
 * @param {HTMLElement} element
 * @param {(shown: boolean) => void} onChange
 * @returns {{ stop: () => void }}
 */
export function watchShown(element, onChange) {
  const doc = element.ownerDocument;
  let intersecting = false;
  /** @type {boolean | null} */
  let shown = null;
  let pending = 0;

  function look() {
    pending = 0;
    const now = intersecting && element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    if (now === shown) return;
    shown = now;
    onChange(now);
  }
  function lookSoon() {
    if (pending === 0 && intersecting) pending = requestAnimationFrame(look);
  }

  const observer = new IntersectionObserver((entries) => {
    intersecting = entries[entries.length - 1].isIntersecting;
    look();
  });
  observer.observe(element);
  const mutations = new MutationObserver(lookSoon);
  mutations.observe(doc.documentElement, { attributes: true, attributeFilter: ['class', 'style', 'hidden'], subtree: true });
  doc.addEventListener('transitionend', lookSoon, true);
  doc.addEventListener('animationend', lookSoon, true);
  return {
    stop() {
      observer.disconnect();
      mutations.disconnect();
      doc.removeEventListener('transitionend', lookSoon, true);
      doc.removeEventListener('animationend', lookSoon, true);
      if (pending !== 0) cancelAnimationFrame(pending);
      pending = 0;
    },
  };
}
