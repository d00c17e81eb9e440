// What the page keeps static, compared with the core's schema
// (crate/src/schema.rs, `schema()`), without a browser: the core is loaded
// under node from www/pkg (built by `cargo xtask build`), the markup and
// modules read as text or imported. A limit, list, label or palette copied
// by hand that no longer matches the core fails here.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCore } from './core.mjs';
import { PALETTES } from '../../www/js/lib/plane.js';
import { FEATURE_SYMBOLS } from '../../www/js/lib/notation.js';

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');
const html = fs.readFileSync(path.join(WWW, 'index.html'), 'utf8');

/** @type {import('../../www/pkg/backprop_playground.js').Schema} */
const schema = (await loadCore()).schema();
const setting = (/** @type {string} */ name) => {
  const found = schema.settings.find((s) => s.name === name);
  assert.ok(found, `no setting ${name}`);
  return found;
};

/** The opening tag of the element with `id`. */
function tag(id) {
  const match = html.match(new RegExp(`<(input|select)[^>]*\\bid="${id}"[^>]*>`));
  assert.ok(match, `no element #${id}`);
  return match[0];
}
const attr = (/** @type {string} */ t, /** @type {string} */ name) => t.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];

/** The options of the select `id`: [value, label]. */
function options(id) {
  const start = html.indexOf(tag(id));
  const body = html.slice(start, html.indexOf('</select>', start));
  return Array.from(body.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g), (m) => [m[1], m[2]]);
}

test('the menus built from the schema hold no options of their own', () => {
  for (const id of ['optimizer', 'schedule', 'init', 'loss', 'regularization', 'activation']) {
    assert.ok(tag(id).includes('data-schema-options'), id);
    assert.deepEqual(options(id), [], id);
    assert.ok((setting(id).choices ?? []).length > 1, id);
  }
  for (const field of ['momentum', 'rho', 'beta1', 'beta2', 'epsilon', 'decayEvery', 'classes', 'initRange']) {
    assert.ok(setting(field).when, field);
    assert.doesNotMatch(html, new RegExp(`data-field="${field}"[^>]*data-when`), `${field} keeps a data-when of its own`);
  }
});

test('the static menus offer the schema\'s choices with its labels', () => {
  const labels = (/** @type {string} */ name) => new Map((setting(name).choices ?? []).map((c) => [c.name, c.label]));
  const dataset = labels('dataset');
  assert.deepEqual(new Set(options('dataset').map(([v]) => v)), new Set(dataset.keys()));
  for (const [value, label] of options('dataset')) assert.equal(label, dataset.get(value), value);
  const output = labels('outputActivation');
  for (const [value, label] of options('output-activation').filter(([v]) => v !== '')) assert.equal(label, output.get(value), value);
  assert.deepEqual(options('output-activation').filter(([v]) => v !== '').map(([v]) => v).sort(), [...output.keys()].sort());
  const classes = setting('classes').range;
  for (const [value] of options('classes')) assert.ok(Number(value) >= (classes?.low ?? NaN) && Number(value) <= (classes?.high ?? NaN), value);
  const eta = setting('learningRate').range;
  for (const [value] of options('learning-rate')) assert.ok(Number(value) > (eta?.low ?? NaN) && Number(value) <= (eta?.high ?? NaN), value);
  const gamma = setting('regularizationRate').range;
  for (const [value] of options('regularization-rate')) assert.ok(Number(value) >= (gamma?.low ?? NaN) && Number(value) <= (gamma?.high ?? NaN), value);
  for (const [value] of options('speed')) assert.ok(Number(value) >= 1 && Number(value) <= schema.limits.maxSpeed, value);
  assert.equal(options('speed').at(-1)?.[0], String(schema.limits.maxSpeed));
});

test('the inputs\' limits are the schema\'s', () => {
  for (const [id, name] of [['noise', 'noise'], ['train-ratio', 'trainRatio']]) {
    const range = setting(name).range;
    assert.equal(Number(attr(tag(id), 'min')), range?.low, id);
    assert.equal(Number(attr(tag(id), 'max')), range?.high, id);
  }
  assert.equal(Number(attr(tag('layer-count'), 'max')), schema.limits.maxHiddenLayers);
  for (const id of ['cv-from', 'cv-to']) assert.equal(Number(attr(tag(id), 'max')), schema.limits.maxUnits, id);
  assert.equal(Number(attr(tag('batch-size'), 'min')), setting('batchSize').range?.low);
});

test('palettes and feature symbols are the core\'s, in one spelling', () => {
  for (const p of schema.palettes) {
    const page = /** @type {Record<string, unknown>} */ (PALETTES)[p.name];
    assert.deepEqual(page, { negative: p.negative, middle: p.middle, positive: p.positive, classes: p.classes }, p.name);
  }
  const hex = (/** @type {number[]} */ rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  const css = fs.readFileSync(path.join(WWW, 'style.css'), 'utf8');
  const [plain, colorBlind] = [schema.palettes[0], schema.palettes[1]];
  assert.match(css, new RegExp(`:root \\{\\s*--negative: ${hex(plain.negative)};\\s*--positive: ${hex(plain.positive)};`));
  assert.match(css, new RegExp(`:root\\[data-palette="colorBlind"\\] \\{\\s*--negative: ${hex(colorBlind.negative)};\\s*--positive: ${hex(colorBlind.positive)};`));
  assert.deepEqual(FEATURE_SYMBOLS, Object.fromEntries(schema.features.map((f) => [f.name, f.label])));
});

test('every number setting says what it allows in the core\'s words', () => {
  assert.equal(setting('momentum').allowed, 'μ from 0 to 0.999');
  assert.equal(setting('numPoints').allowed, '10 to 5000 points');
  assert.equal(setting('learningRate').default, '0.03');
  assert.deepEqual(setting('momentum').when, ['optimizer', ['momentum', 'nesterov']]);
  assert.equal(schema.display.find((d) => d.name === 'showTest')?.default, 'true');
});
