// @ts-check
// The form's messages: how each field is named, the core's refusal read line
// by line into a message per field, and the messages shown next to their
// fields, with the notice by the run bar that names what was not applied and
// takes the focus to it.

import { REFUSED_MORE, refusedSummary } from './refused.js';
import { documentOf } from '../lib/dom.js';

/** @typedef {import('../lib/dom.js').Root} Root */
/** @typedef {'dataset' | 'noise' | 'trainRatio' | 'hidden' | 'activation' | 'learningRate' | 'batchSize' | 'regularization' | 'regularizationRate' | 'initRange' | 'problem' | 'dropout' | 'hiddenActivations'} FieldName */
/** @typedef {string} MessageSlot  a field's config name, or 'page' */

/** How each field is named in the messages the user reads. */
export const FIELD_LABELS = Object.freeze({
  dataset: 'Dataset',
  noise: 'Noise',
  trainRatio: 'Training data',
  hidden: 'Hidden layers',
  activation: 'Activation',
  learningRate: 'Learning rate η',
  batchSize: 'Batch size',
  regularization: 'Regularization',
  regularizationRate: 'Rate γ',
  initRange: 'Initial weights ±α',
  problem: 'Problem type',
  dropout: 'Dropout',
  hiddenActivations: 'Layer activations',
});

/** How messages name the fields that have no control of their own in the form. */
const OTHER_LABELS = Object.freeze({
  features: 'Input features',
  numPoints: 'Number of points',
  dataSeed: 'Data seed',
  seed: 'Seed',
  classes: 'Classes',
  customPoints: 'Drawn points',
  customProblem: 'Problem type',
  initBias: 'Initial bias',
  hiddenActivations: 'Layer activations',
  dropout: 'Dropout',
});

/**
 * The label a message names a field by.
 * @param {string} field
 * @param {Map<string, string>} keyedLabels  the labels of the form's `data-key` fields
 */
export function labelOf(field, keyedLabels) {
  return Object.hasOwn(FIELD_LABELS, field)
    ? FIELD_LABELS[/** @type {FieldName} */ (field)]
    : keyedLabels.get(field) ?? /** @type {Record<string, string>} */ (OTHER_LABELS)[field] ?? field;
}

/**
 * The core's refusal, line by line: a message per field (the per-layer fields
 * under 'hidden', lines that name no field under 'page'), and in order the
 * fields whose control to mark, with the hidden layer a line names.
 * @param {string} message
 * @param {Map<string, string>} keyedLabels
 * @returns {{ problems: Map<MessageSlot, string>, marks: { field: string, layer: number | undefined }[] }}
 */
export function readRefusal(message, keyedLabels) {
  /** @type {Map<MessageSlot, string>} */
  const problems = new Map();
  /** @type {{ field: string, layer: number | undefined }[]} */
  const marks = [];
  for (const line of message.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const match = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(line);
    const field = match && (Object.hasOwn(FIELD_LABELS, match[1]) || keyedLabels.has(match[1]))
      ? match[1]
      : null;
    const slot = field === 'dropout' || field === 'hiddenActivations' ? 'hidden' : field ?? 'page';
    const text = field ? `${labelOf(field, keyedLabels)}: ${line}` : line;
    problems.set(slot, problems.has(slot) ? `${problems.get(slot)}\n${text}` : text);
    if (field) marks.push({ field, layer: match?.[2] === undefined ? undefined : Number(match[2]) });
  }
  return { problems, marks };
}

/**
 * The messages next to the fields and the notice of refused fields.
 * @param {Root} root
 * @param {object} parts
 * @param {HTMLFormElement} parts.form
 * @param {Record<MessageSlot, HTMLElement>} parts.slots  where each field's message goes
 * @param {HTMLElement} parts.announcer  read out by screen readers
 * @param {HTMLButtonElement} parts.refusedNotice  the notice by the run bar
 * @param {(field: string) => string} label
 */
export function createMessages(root, { form, slots, announcer, refusedNotice }, label) {
  const doc = documentOf(root);
  // The notice's text, then its second sentence (which a phone leaves out): built once.
  const refusedText = doc.createTextNode('');
  const refusedMore = doc.createElement('span');
  refusedMore.className = 'refused-more';
  refusedMore.textContent = ` ${REFUSED_MORE}`;
  refusedNotice.replaceChildren(refusedText, refusedMore);
  /** The first control whose value is refused: where the notice takes the focus. */
  /** @type {HTMLElement | null} */
  let refusedFirst = null;

  refusedNotice.addEventListener('click', () => {
    if (!refusedFirst) return;
    refusedFirst.scrollIntoView({ block: 'center' });
    refusedFirst.focus();
  });

  return {
    /**
     * Shows exactly these messages; every other message is cleared.
     * @param {Map<MessageSlot, string>} problems
     * @param {HTMLElement[]} invalid  controls to mark aria-invalid
     * @param {boolean} announce       also read the messages out (on commit, not per keystroke)
     */
    show(problems, invalid, announce) {
      for (const [slot, el] of Object.entries(slots)) {
        const text = problems.get(/** @type {MessageSlot} */ (slot)) ?? '';
        el.textContent = text;
        el.classList.toggle('is-visible', text !== '');
      }
      for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
      for (const el of invalid) el.setAttribute('aria-invalid', 'true');
      if (announce) announcer.textContent = Array.from(problems.values()).join(' ');
      refusedFirst = invalid[0] ?? null;
      const refused = Array.from(problems.keys()).filter((slot) => slot !== 'page');
      const summary = refusedSummary(refused.map(label));
      refusedNotice.hidden = summary === '';
      if (refusedText.data !== summary) refusedText.data = summary;
    },
  };
}

