// @ts-check
// Finding the page's elements: by id, of the type the code expects, or a
// clear error naming what is missing.

/**
 * @template {Element} T
 * @param {Document} doc
 * @param {string} id
 * @param {new (...args: any[]) => T} type
 * @returns {T}
 */
export function byId(doc, id, type) {
  const el = doc.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing or not a ${type.name}`);
  return el;
}
