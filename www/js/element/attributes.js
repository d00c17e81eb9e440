// @ts-check
// A <backprop-playground> element's attributes are the names of a link in
// kebab-case (`learning-rate="0.03"` is `learningRate=0.03`), so the element
// is configured exactly as a link is, by the same codec, with the same
// warnings. Pure: tested under node (tests/unit/element-attributes.test.mjs).

/** The embed mode's names an element takes as attributes; `embed` it always is. */
export const EMBED_ATTRIBUTES = Object.freeze(['show', 'autoplay']);

/**
 * `learningRate` → `learning-rate`.
 * @param {string} name
 */
export function kebab(name) {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * `learning-rate` → `learningRate`.
 * @param {string} name
 */
export function camel(name) {
  return name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

/**
 * What the element reads from the core: the names a link reads and which of
 * them are flags.
 * @typedef {object} LinkFields
 * @property {string[]} names  link names, in link order
 * @property {Set<string>} flags  those whose value is true or false
 */

/**
 * The link's names an element takes, from the core's lists (`linkNames()`)
 * and, for the flags, its schema: every setting and display setting,
 * `lesson` and `weights`, `show` and `autoplay`.
 * @param {{ settings: string[], display: string[], state: string[], page: string[] }} names
 * @param {{ name: string, kind: string }[]} settings  the schema's settings and display settings
 * @returns {LinkFields}
 */
export function linkFields(names, settings) {
  const page = names.page.filter((name) => EMBED_ATTRIBUTES.includes(name));
  const flags = new Set(settings.filter((s) => s.kind === 'boolean').map((s) => s.name));
  flags.add('autoplay');
  return { names: [...names.settings, ...names.display, ...names.state, ...page], flags };
}

/**
 * The attribute names an element observes.
 * @param {LinkFields} fields
 */
export function attributeNames(fields) {
  return fields.names.map(kebab);
}

/**
 * The link an element's attributes make, without '#': `v=1`, then each
 * attribute that names a link field as `name=value`, in the order they are
 * given, then `embed=1`. A flag given without a value (`autoplay`,
 * `discretize`) is on. Every other attribute (`class`, `id`, `style`, …) is
 * the host page's and is left out.
 * @param {Iterable<{ name: string, value: string }>} attributes
 * @param {LinkFields} fields
 */
export function linkOfAttributes(attributes, fields) {
  const pairs = ['v=1'];
  for (const { name, value } of attributes) {
    const field = camel(name);
    if (kebab(field) !== name || !fields.names.includes(field)) continue;
    const text = value === '' && fields.flags.has(field) ? 'true' : value;
    pairs.push(`${field}=${encodeURIComponent(text).replaceAll('%2C', ',')}`);
  }
  pairs.push('embed=1');
  return pairs.join('&');
}
