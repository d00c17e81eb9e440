// @ts-check
// Refused values: what a refusal names, the edit without those fields, and the
// one line by the run bar that says what was not applied. Pure functions, so
// `node --test` checks them without a browser.

/** Fields that only make sense together: one refused, all three wait. */
const LAYER_FIELDS = Object.freeze(['hidden', 'dropout', 'hiddenActivations']);

/**
 * The config fields a refusal of the core names, one per line at its start
 * (`batchSize = 600 is out of range…`, `hidden[2] = 40 units…`).
 * @param {string} message
 * @returns {string[]}
 */
export function refusedFields(message) {
  const fields = message
    .split('\n')
    .map((line) => /^\s*([A-Za-z]+)(?=[\s[=:]|$)/.exec(line)?.[1])
    .filter((field) => field !== undefined);
  return [...new Set(/** @type {string[]} */ (fields))];
}

/**
 * `patch` without the named fields (the running values stay for them).
 * @template {object} T
 * @param {T} patch
 * @param {string[]} fields
 * @returns {Partial<T>}
 */
export function withoutFields(patch, fields) {
  const drop = new Set(fields);
  if (fields.some((f) => LAYER_FIELDS.includes(f))) for (const f of LAYER_FIELDS) drop.add(f);
  return /** @type {Partial<T>} */ (Object.fromEntries(Object.entries(patch).filter(([key]) => !drop.has(key))));
}

/**
 * Messages by field from two sources, lines of the same field joined.
 * @param {Map<string, string>} a
 * @param {Map<string, string>} b
 * @returns {Map<string, string>}
 */
export function mergeProblems(a, b) {
  const merged = new Map(a);
  for (const [slot, text] of b) merged.set(slot, merged.has(slot) ? `${merged.get(slot)}\n${text}` : text);
  return merged;
}

/**
 * The notice by the run bar while some fields are refused ('' when none is).
 * @param {string[]} labels  the refused fields as the form labels them
 */
export function refusedSummary(labels) {
  if (labels.length === 0) return '';
  const shown = labels.slice(0, 3).join(', ');
  const more = labels.length > 3 ? ` and ${labels.length - 3} more` : '';
  return `Not applied: ${shown}${more}.`;
}

/** The notice's second sentence (a narrow screen leaves it out). */
export const REFUSED_MORE = 'Your other changes are running. Show ›';
