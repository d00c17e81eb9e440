// @ts-check
// The form as the core describes it (crate/src/schema.rs, `core.schema()`):
// the menus marked `data-schema-options` get their choices and labels, the
// settings that apply to one choice (an optimizer's hyperparameters, a
// schedule's) their `data-when`, their labels and tooltips, and the menus
// their one-line explanations. What the markup keeps static is compared with
// the schema by tests/unit/schema.test.mjs.

import { useExplanations } from './dependents.js';
import { html } from '../lib/dom.js';

/** @typedef {import('../lib/dom.js').Root} Root */
/** @typedef {import('../../pkg/backprop_playground.js').Schema} Schema */
/** @typedef {import('../../pkg/backprop_playground.js').Setting} SchemaSetting */

/**
 * Builds what the form takes from the schema; call once, before the form is read.
 * @param {Root} doc
 * @param {Schema} schema
 */
export function applySchema(doc, schema) {
  /** @type {Record<string, Record<string, string>>} */
  const explanations = {};
  for (const setting of schema.settings) {
    const control = doc.querySelector(`[data-key="${setting.name}"], select[name="${setting.name}"], input[name="${setting.name}"]`);
    if (control instanceof HTMLSelectElement && control.hasAttribute('data-schema-options')) fillOptions(doc, control, setting);
    const helped = setting.choices?.filter((c) => c.help) ?? [];
    if (helped.length > 0) explanations[setting.name] = Object.fromEntries(helped.map((c) => [c.name, c.help ?? '']));
    const field = doc.querySelector(`[data-field="${setting.name}"]`);
    if (setting.when && field) field.setAttribute('data-when', `${setting.when[0]}=${setting.when[1].join(',')}`);
    if (setting.when && control instanceof HTMLInputElement) {
      const label = field?.querySelector('label');
      if (label) label.textContent = setting.label;
      control.title = tooltip(setting);
    }
  }
  useExplanations(explanations);
}

/**
 * A field's tooltip: what it does and what is allowed, in the core's words.
 * @param {SchemaSetting} setting
 */
export function tooltip(setting) {
  return setting.allowed ? `${setting.help}: ${setting.allowed}` : setting.help;
}

/**
 * @param {Root} doc
 * @param {HTMLSelectElement} select
 * @param {SchemaSetting} setting
 */
function fillOptions(doc, select, setting) {
  const chosen = select.value;
  select.replaceChildren(...(setting.choices ?? []).map((choice) => {
    const option = html(doc, 'option', undefined, choice.label);
    option.value = choice.name;
    return option;
  }));
  if (chosen) select.value = chosen;
}
