// @ts-check
// Where the link lives. On the page it is the location hash: each change of
// settings is a history entry, and a hash typed or navigated to is followed.
// In a <backprop-playground> element it is a string of the element's own,
// set from its attributes; the element's `link` is the playground page's
// address with it.

/**
 * @typedef {object} LinkStore
 * @property {() => string} read  the link, with its '#' ('' for none)
 * @property {(hash: string, how: 'push' | 'replace') => void} write
 *   the playground's own link changed (no `listen` callback follows, as no
 *   `hashchange` follows `pushState`)
 * @property {(callback: () => void) => void} listen
 *   called when someone else changes the link (a typed hash, back and
 *   forward, an element's attributes)
 * @property {(hash: string) => string} address  the address that opens this link (without '#')
 * @property {() => string} href  the address of what is shown now
 */

/**
 * The page's location hash and history.
 * @param {Window} win
 * @returns {LinkStore}
 */
export function locationStore(win) {
  return {
    read: () => win.location.hash,
    write(hash, how) {
      if (how === 'push') win.history.pushState(null, '', hash);
      else win.history.replaceState(null, '', hash);
    },
    listen(callback) {
      win.addEventListener('hashchange', callback);
    },
    address: (hash) => `${win.location.href.split('#')[0]}#${hash}`,
    href: () => win.location.href,
  };
}

/**
 * A link held in memory, with no history: an element's.
 * @typedef {LinkStore & { set: (hash: string) => void }} MemoryStore
 *   `set` changes the link from outside (the element's attributes): the
 *   playground follows it, as the page follows a typed hash
 */

/**
 * @param {string} hash  the first link ('' or '#…')
 * @param {string} page  the address of the playground page that opens a link
 * @param {() => void} [written]  called when the playground writes its link
 * @returns {MemoryStore}
 */
export function memoryStore(hash, page, written) {
  let current = hash;
  /** @type {(() => void)[]} */
  const listeners = [];
  const address = (/** @type {string} */ link) => `${page}#${link}`;
  return {
    read: () => current,
    write(next) {
      current = next;
      written?.();
    },
    listen(callback) {
      listeners.push(callback);
    },
    set(next) {
      if (next === current) return;
      current = next;
      for (const callback of listeners) callback();
    },
    address,
    href: () => address(current.replace(/^#/, '')),
  };
}
