// The embed options of a link, read without a browser: a huge link of names is
// read in bounded time and gives a short notice.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_EMBED_NAMES, MAX_NOTICE_LINES, noticeLines, parseEmbedOptions } from '../../www/js/app/embed.js';

test('show= parts and hide flags are read once each, in order', () => {
  const options = parseEmbedOptions('#v=1&embed=1&show=boundary,loss,boundary&noise_hide=true&noise_hide=1&autoplay=1');
  assert.equal(options.embed, true);
  assert.equal(options.autoplay, true);
  assert.deepEqual(options.show, ['boundary', 'loss']);
  assert.deepEqual(options.hide, ['noise']);
  assert.deepEqual(options.warnings, []);
});

test('a megabyte of distinct names is cut at the limit with one line saying so', () => {
  const names = Array.from({ length: 60_000 }, (_, k) => `thing${k}_hide=true`).join('&');
  const parts = Array.from({ length: 60_000 }, (_, k) => `part${k}`).join(',');
  const started = performance.now();
  const options = parseEmbedOptions(`#embed=1&show=${parts}&${names}`);
  const took = performance.now() - started;
  assert.equal(options.show.length, MAX_EMBED_NAMES);
  assert.equal(options.hide.length, MAX_EMBED_NAMES);
  assert.equal(options.warnings.length, 1);
  assert.match(options.warnings[0], /past the first 64, 119,872 more were ignored/);
  // Linear, not quadratic: seconds before (an includes() per name).
  assert.ok(took < 2000, `${took} ms`);
});

test('the notice lists at most MAX_NOTICE_LINES lines, the rest counted', () => {
  const many = Array.from({ length: 500 }, (_, k) => `warning ${k}`);
  const lines = noticeLines(many);
  assert.equal(lines.length, MAX_NOTICE_LINES);
  assert.equal(lines.at(-1), `… and ${(500 - MAX_NOTICE_LINES + 1).toLocaleString('en')} more like these.`);
  assert.deepEqual(noticeLines(['a', 'b']), ['a', 'b']);
});

test('a long unknown flag value is quoted short', () => {
  const options = parseEmbedOptions(`#embed=${'x'.repeat(5000)}`);
  assert.equal(options.warnings.length, 1);
  assert.ok(options.warnings[0].length < 200, options.warnings[0]);
});
