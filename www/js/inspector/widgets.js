// @ts-check
// The inspector's small building blocks: a button, a labelled field.

import { html } from '../lib/dom.js';

/**
 * @param {Document} doc
 * @param {string} id
 * @param {string} text
 * @param {string} title
 * @param {string} [className]
 */
export function button(doc, id, text, title, className = 'button') {
  const b = /** @type {HTMLButtonElement} */ (html(doc, 'button', className, text));
  b.type = 'button';
  b.id = id;
  b.title = title;
  return b;
}

/**
 * A labelled field: label over control.
 * @param {Document} doc
 * @param {string} labelText
 * @param {HTMLElement} control  gets the label
 * @param {HTMLElement[]} [extra]  placed beside the control
 */
export function field(doc, labelText, control, extra = []) {
  const wrap = html(doc, 'div', 'insp-field');
  const label = /** @type {HTMLLabelElement} */ (html(doc, 'label', '', labelText));
  label.htmlFor = control.id;
  const row = html(doc, 'div', 'insp-row');
  row.append(control, ...extra);
  wrap.append(label, row);
  return wrap;
}
