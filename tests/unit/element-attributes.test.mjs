// A <backprop-playground> element's attributes and the link they make
// (www/js/element/attributes.js), against the core's own list of a link's
// names, without a browser: the core is loaded under node from www/pkg.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCore } from './core.mjs';
import { attributeNames, camel, kebab, linkFields, linkOfAttributes } from '../../www/js/element/attributes.js';

const core = await loadCore();
const schema = core.schema();
const names = core.linkNames();
const fields = linkFields(names, [...schema.settings, ...schema.display]);

/** Attributes as the DOM lists them. @param {Record<string, string>} map */
const attrs = (map) => Object.entries(map).map(([name, value]) => ({ name, value }));

test('every link name is an attribute, in kebab-case, and back', () => {
  const attributes = attributeNames(fields);
  for (const name of [...names.settings, ...names.display, ...names.state]) {
    assert.ok(attributes.includes(kebab(name)), `${name} has no attribute`);
    assert.equal(camel(kebab(name)), name, `${name} does not come back from ${kebab(name)}`);
  }
  assert.ok(attributes.includes('learning-rate') && attributes.includes('hidden') && attributes.includes('show-test'));
  // The embed mode's own names: show and autoplay; embed the element always is, bench is the page's.
  assert.ok(attributes.includes('show') && attributes.includes('autoplay'));
  assert.ok(!attributes.includes('embed') && !attributes.includes('bench'));
  // Attribute names are lower-case (the HTML parser lowers them) and unique.
  for (const a of attributes) assert.equal(a, a.toLowerCase());
  assert.equal(new Set(attributes).size, attributes.length);
});

test('the issue\'s example is the link a person would write', () => {
  const link = linkOfAttributes(attrs({
    dataset: 'spiral', hidden: '8,8', 'learning-rate': '0.03', show: 'boundary,network,loss', autoplay: '',
  }), fields);
  assert.equal(link, 'v=1&dataset=spiral&hidden=8,8&learningRate=0.03&show=boundary,network,loss&autoplay=true&embed=1');
  const decoded = core.decodeLink(link);
  assert.deepEqual(decoded.warnings, []);
  assert.equal(decoded.state.config.dataset, 'spiral');
  assert.deepEqual(decoded.state.config.hidden, [8, 8]);
  assert.equal(decoded.state.config.learningRate, 0.03);
  assert.deepEqual(decoded.state.pageOptions, [['show', 'boundary,network,loss'], ['autoplay', 'true'], ['embed', '1']]);
});

test('a flag without a value is on; the host page\'s own attributes are left out', () => {
  const link = linkOfAttributes(attrs({
    id: 'demo', class: 'wide', style: 'width: 50%', tabindex: '0', 'data-x': '1', 'aria-label': 'x',
    discretize: '', 'freeze-biases': '', 'show-test': 'false', learningrate: '9',
  }), fields);
  assert.equal(link, 'v=1&discretize=true&freezeBiases=true&showTest=false&embed=1');
  const decoded = core.decodeLink(link);
  assert.deepEqual(decoded.warnings, []);
  assert.equal(decoded.state.display.discretize, true);
  assert.equal(decoded.state.config.freezeBiases, true);
});

test('values are carried as typed, and the codec says what it cannot use', () => {
  const link = linkOfAttributes(attrs({ 'learning-rate': 'fast', hidden: '4, 2', noise: '0&seed=7' }), fields);
  // `&` and `=` stay inside their value: an attribute cannot set another field.
  assert.equal(link, 'v=1&learningRate=fast&hidden=4,%202&noise=0%26seed%3D7&embed=1');
  const decoded = core.decodeLink(link);
  const named = decoded.warnings.map((w) => w.field);
  assert.ok(named.includes('learningRate'), JSON.stringify(decoded.warnings));
  assert.ok(named.includes('noise'), JSON.stringify(decoded.warnings));
  assert.notEqual(decoded.state.config.seed, 7);
});
