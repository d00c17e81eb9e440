// @ts-check
// The page's stylesheets, read for a shadow root. They are written for a
// page that fills a window; in a <backprop-playground> element the element's
// box is the window. So, rule by rule:
//
//   :root, html, body          → .bp-root (the element that stands for both)
//   @media (width/height …)    → @container (…), of the element's .bp-viewport
//   vh, vw, vmin, vmax         → cqh, cqw, cqmin, cqmax
//   rem                        → px, at the 16px the page assumes (a host page
//                                may set its own root font size)
//
// Everything else, `prefers-color-scheme` included, is kept as it is. Pure:
// tested under node against every stylesheet of index.html
// (tests/unit/element-css.test.mjs).

/** The size features a media query may test that a container query can. */
const SIZE_FEATURES = /^\(\s*(min-|max-)?(width|height|aspect-ratio|orientation)\s*:/;

/** A root font size of the page the stylesheets are written for, in px. */
const ROOT_FONT_PX = 16;

/**
 * A selector list with the document's root and body as the shadow root's `.bp-root`.
 * @param {string} selectors
 */
export function shadowSelectors(selectors) {
  return selectors
    .replace(/:root\b/g, '.bp-root')
    .replace(/(^|[\s,>+~(])(html|body)(?![\w-])/g, '$1.bp-root');
}

/**
 * A media query as a container query, when it tests only the size of the
 * window; null for any other (a colour scheme, a pointer, a resolution).
 * @param {string} query  what follows `@media`
 * @returns {string | null}
 */
export function containerQuery(query) {
  const parts = query.trim().split(/\s+and\s+/);
  if (parts.length === 0 || !parts.every((part) => SIZE_FEATURES.test(part))) return null;
  return parts.join(' and ');
}

/**
 * Values with the window's units as the container's, and rem as px.
 * @param {string} declarations
 */
export function shadowValues(declarations) {
  return declarations
    .replace(/(\d*\.?\d+)(?:[ds]?v)(h|w)\b/g, '$1cq$2')
    .replace(/(\d*\.?\d+)v(min|max)\b/g, '$1cq$2')
    .replace(/(\d*\.?\d+)rem\b/g, (_, n) => `${Number((Number(n) * ROOT_FONT_PX).toFixed(4))}px`);
}

/**
 * The end of a quoted string that starts at `at`.
 * @param {string} css
 * @param {number} at
 */
function stringEnd(css, at) {
  const quote = css[at];
  let i = at + 1;
  while (i < css.length && css[i] !== quote) i += css[i] === '\\' ? 2 : 1;
  return i + 1;
}

/**
 * A stylesheet of the page, as the shadow root reads it. Comments are
 * dropped; blocks nest as in the source (a rule inside `@media` stays there).
 * @param {string} css
 * @returns {string}
 */
export function shadowCss(css) {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  let out = '';
  /** Since the last `{`, `}` or `;`: a prelude or a declaration. */
  let chunk = '';
  /** For each open block: whether it holds declarations (a rule) or rules (an at-rule). */
  /** @type {boolean[]} */
  const blocks = [];
  const inRule = () => blocks.length > 0 && blocks[blocks.length - 1];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      chunk += text.slice(i, end);
      i = end - 1;
    } else if (c === '{') {
      const prelude = chunk.trim();
      chunk = '';
      if (prelude.startsWith('@media')) {
        const query = containerQuery(prelude.slice('@media'.length));
        out += `${query === null ? prelude : `@container ${query}`} {`;
        blocks.push(false);
      } else if (prelude.startsWith('@')) {
        out += `${prelude} {`;
        blocks.push(false);
      } else {
        out += `${shadowSelectors(prelude)} {`;
        blocks.push(true);
      }
    } else if (c === '}') {
      out += `${inRule() ? shadowValues(chunk) : chunk}}`;
      chunk = '';
      blocks.pop();
    } else if (c === ';') {
      out += `${inRule() ? shadowValues(chunk) : chunk};`;
      chunk = '';
    } else {
      chunk += c;
    }
  }
  return out + chunk;
}
