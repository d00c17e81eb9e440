// The page's stylesheets as a <backprop-playground> element's shadow root
// reads them (www/js/element/shadow-css.js): the element's box stands for the
// window, `.bp-root` for <html> and <body>. Checked on small cases and on
// every stylesheet index.html links, without a browser.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { containerQuery, shadowCss, shadowSelectors, shadowValues } from '../../www/js/element/shadow-css.js';

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');
const html = fs.readFileSync(path.join(WWW, 'index.html'), 'utf8');
const sheets = Array.from(html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g), (m) => m[1]);

test('the root and the body are the shadow root\'s .bp-root; classes that merely contain the words are not', () => {
  assert.equal(shadowSelectors(':root[data-palette="colorBlind"]'), '.bp-root[data-palette="colorBlind"]');
  assert.equal(shadowSelectors(':root:not([data-embed]) .panel-run'), '.bp-root:not([data-embed]) .panel-run');
  assert.equal(shadowSelectors('html[data-embed="ready"] .layout, body'), '.bp-root[data-embed="ready"] .layout, .bp-root');
  assert.equal(shadowSelectors('.body-text, #html, .x-html, html-thing, :is(body) p'), '.body-text, #html, .x-html, html-thing, :is(.bp-root) p');
});

test('queries on the window\'s size are queries on the element\'s; the others stay media queries', () => {
  assert.equal(containerQuery(' (max-width: 699px)'), '(max-width: 699px)');
  assert.equal(containerQuery('(max-height: 600px) and (min-width: 700px)'), '(max-height: 600px) and (min-width: 700px)');
  assert.equal(containerQuery('(prefers-color-scheme: dark)'), null);
  assert.equal(containerQuery('(pointer: coarse)'), null);
  assert.equal(containerQuery('(max-width: 600px) and (pointer: coarse)'), null);
  assert.equal(containerQuery('print'), null);
});

test('window units are the container\'s; rem is the page\'s 16px', () => {
  assert.equal(shadowValues(' height: 100vh'), ' height: 100cqh');
  assert.equal(shadowValues(' width: min(26rem, calc(100vw - 24px))'), ' width: min(416px, calc(100cqw - 24px))');
  assert.equal(shadowValues(' width: min(92vw, 58dvh, 10vmin)'), ' width: min(92cqw, 58cqh, 10cqmin)');
  assert.equal(shadowValues(' font-size: 0.86rem; color: #0877bd'), ' font-size: 13.76px; color: #0877bd');
});

test('a sheet keeps its blocks, strings and nesting; comments go', () => {
  const css = '/* a { } */ :root { --x: "}"; }\n@media (max-width: 9px) { html { margin: 1rem; } }\n@media (prefers-color-scheme: dark) { body { color: red } }';
  assert.equal(shadowCss(css), '.bp-root { --x: "}"; }@container (max-width: 9px) {.bp-root { margin: 16px; } }@media (prefers-color-scheme: dark) {.bp-root { color: red } }');
});

test('every stylesheet of index.html: no window left in it', () => {
  assert.ok(sheets.length >= 10, `index.html links ${sheets.length} stylesheets`);
  for (const href of sheets) {
    const source = fs.readFileSync(path.join(WWW, href), 'utf8');
    const out = shadowCss(source);
    const opened = (text) => (text.replace(/\/\*[\s\S]*?\*\//g, '').match(/\{/g) ?? []).length;
    assert.equal((out.match(/\{/g) ?? []).length, opened(source), `${href}: blocks lost`);
    assert.equal((out.match(/\{/g) ?? []).length, (out.match(/\}/g) ?? []).length, `${href}: unbalanced`);
    assert.doesNotMatch(out, /:root\b/, href);
    assert.doesNotMatch(out, /(^|[\s,>+~(}])(html|body)(?![\w-])[^{}]*\{/, `${href}: an html or body selector is left`);
    assert.doesNotMatch(out, /\d(d|s)?v(h|w|min|max)\b|\drem\b/, `${href}: a window unit is left`);
    for (const media of out.match(/@media[^{]*/g) ?? []) {
      assert.doesNotMatch(media, /width|height|aspect-ratio|orientation/, `${href}: ${media} tests the window's size`);
    }
  }
});
