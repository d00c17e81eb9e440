// The embed snippet builder (www/js/app/embed-code.js), without a browser: the
// iframe each size gives, read back by its attributes, and the page's address
// in embed mode. The snippet inside a real slide deck is tests/slides.test.mjs.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SIZES, embedUrl, iframeSnippet, sizeOf } from '../www/js/app/embed-code.js';

/**
 * The attributes of the one <iframe> of `html`, unescaped.
 * @param {string} html
 */
function attributes(html) {
  const match = /^<iframe ([^>]*)><\/iframe>$/.exec(html);
  assert.ok(match, `not one iframe element: ${html}`);
  /** @type {Record<string, string>} */
  const attrs = {};
  for (const [, name, value] of match[1].matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) {
    attrs[name] = (value ?? '').replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>')
      .replaceAll('&#39;', "'").replaceAll('&amp;', '&');
  }
  return attrs;
}

/** @param {string} style */
function declarations(style) {
  return Object.fromEntries(style.split(';').filter(Boolean).map((d) => d.split(':').map((s) => s.trim())));
}

const SRC = 'https://example.org/play/#v=1&dataset=xor&embed=1&show=controls,boundary';

test('a fitting snippet spans its container at 16:9, with no fixed width or height', () => {
  const attrs = attributes(iframeSnippet(SRC, SIZES['fit-16x9']));
  assert.equal(attrs.src, SRC);
  assert.equal(attrs.width, undefined);
  assert.equal(attrs.height, undefined);
  const style = declarations(attrs.style);
  assert.equal(style.width, '100%');
  assert.equal(style.height, 'auto');
  assert.equal(style['aspect-ratio'], '16/9');
  assert.equal(style.border, '0');
  assert.ok('allowfullscreen' in attrs && attrs.allow === 'fullscreen');
});

test('4:3 is offered too, and the fixed sizes are kept as options', () => {
  assert.equal(declarations(attributes(iframeSnippet(SRC, SIZES['fit-4x3'])).style)['aspect-ratio'], '4/3');
  for (const [name, width, height] of [['960x540', '960', '540'], ['1280x720', '1280', '720']]) {
    const attrs = attributes(iframeSnippet(SRC, SIZES[name]));
    assert.equal(attrs.width, width, name);
    assert.equal(attrs.height, height, name);
    assert.equal(declarations(attrs.style)['aspect-ratio'], undefined, name);
  }
});

test('the chooser\'s value names a size; anything else is the fitting 16:9 default', () => {
  assert.equal(sizeOf('1280x720'), SIZES['1280x720']);
  assert.equal(sizeOf('fit-4x3'), SIZES['fit-4x3']);
  for (const value of [null, '', 'toString', '100x100', 42]) assert.equal(sizeOf(value), SIZES['fit-16x9'], String(value));
});

test('the source is escaped for its attribute and keeps the run\'s settings', () => {
  const src = embedUrl('https://example.org/p/?a="b"#v=1&noise=10&embed=0&autoplay=1', ['boundary'], false);
  assert.equal(src, 'https://example.org/p/?a="b"#v=1&noise=10&embed=1&show=boundary');
  const html = iframeSnippet(src, SIZES['fit-16x9']);
  assert.doesNotMatch(html, /&(?!amp;|quot;|#39;|lt;|gt;)/, 'a raw & in the snippet');
  assert.equal(attributes(html).src, src);
});
