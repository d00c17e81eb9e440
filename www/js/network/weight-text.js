// @ts-check
// A weight as text, both ways: how the diagram's labels and the weight editor
// write a value, and how the editor reads what was typed.

/**
 * A weight as people read it: four significant digits, a real minus sign.
 * @param {number} v
 */
export function formatValue(v) {
  if (!Number.isFinite(v)) return String(v);
  const text = String(Number(v.toPrecision(4)));
  return text.replace('-', '−');
}

/**
 * Reads a typed weight. Only plain decimal or scientific notation counts: no
 * hex, no "Infinity", no empty string read as 0 (which `Number` would allow).
 * @param {string} raw
 * @returns {{ ok: true, value: number } | { ok: false, message: string }}
 */
export function parseWeight(raw) {
  const text = raw.trim().replace(/^[−–]/, '-');
  if (text === '') return { ok: false, message: 'Type a number, e.g. 0.5 or −1.2.' };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    return { ok: false, message: `“${raw.trim()}” is not a number.` };
  }
  return { ok: true, value: Number(text) };
}
