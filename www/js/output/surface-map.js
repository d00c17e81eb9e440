// @ts-check
// The arithmetic of the loss-surface map, apart from any canvas (tested under
// plain node): where a loss sits on the colour scale (linear or log), the
// levels of the iso-lines, the iso-lines themselves (marching squares), and
// the loss read between cells.

/**
 * The finite range of the computed cells (NaN: not computed yet; Infinity:
 * overflowed), or null when there is none.
 * @param {Float64Array} losses
 * @returns {{ low: number, high: number } | null}
 */
export function lossRange(losses) {
  let low = Infinity;
  let high = -Infinity;
  for (const l of losses) {
    if (!Number.isFinite(l)) continue;
    if (l < low) low = l;
    if (l > high) high = l;
  }
  return low <= high ? { low, high } : null;
}

/**
 * A loss's place on the colour scale, 0 (lowest) to 1 (highest); on the log
 * scale, log(L) between log(low) and log(high) (losses are never negative;
 * 0 sits at the bottom). Infinity is 1; NaN stays NaN (not drawn).
 * @param {number} loss
 * @param {{ low: number, high: number }} range
 * @param {boolean} log
 */
export function scaled(loss, { low, high }, log) {
  if (Number.isNaN(loss)) return NaN;
  if (loss === Infinity) return 1;
  const f = log ? (/** @type {number} */ v) => Math.log(Math.max(v, 1e-300)) : (/** @type {number} */ v) => v;
  const span = f(high) - f(low);
  if (!(span > 0)) return 0;
  return Math.min(1, Math.max(0, (f(loss) - f(low)) / span));
}

/**
 * `count` levels evenly spaced on the scale between the range's ends (not
 * at them), as losses.
 * @param {{ low: number, high: number }} range
 * @param {number} count
 * @param {boolean} log
 * @returns {number[]}
 */
export function levels({ low, high }, count, log) {
  const out = [];
  for (let k = 1; k <= count; k += 1) {
    const t = k / (count + 1);
    out.push(log && low > 0 ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low))) : low + t * (high - low));
  }
  return out;
}

/**
 * The iso-line at `level` through a size × size grid of values (row by row
 * from the top), as segments [x1, y1, x2, y2, …] in cell coordinates (cell
 * (col, row) at x = col, y = row). Marching squares, with the crossing on
 * each edge found by linear interpolation; cells with a value that is not
 * finite are skipped.
 * @param {Float64Array} values
 * @param {number} size
 * @param {number} level
 * @returns {number[]}
 */
export function isoLine(values, size, level) {
  /** @type {number[]} */
  const out = [];
  const at = (/** @type {number} */ c, /** @type {number} */ r) => values[r * size + c];
  for (let r = 0; r + 1 < size; r += 1) {
    for (let c = 0; c + 1 < size; c += 1) {
      const corners = [at(c, r), at(c + 1, r), at(c + 1, r + 1), at(c, r + 1)];
      if (!corners.every(Number.isFinite)) continue;
      // The corners' positions, clockwise from the top left.
      const xs = [c, c + 1, c + 1, c];
      const ys = [r, r, r + 1, r + 1];
      /** @type {number[]} */
      const crossings = [];
      for (let e = 0; e < 4; e += 1) {
        const a = corners[e];
        const b = corners[(e + 1) % 4];
        if ((a < level) === (b < level)) continue;
        const t = (level - a) / (b - a);
        const f = (e + 1) % 4;
        crossings.push(xs[e] + t * (xs[f] - xs[e]), ys[e] + t * (ys[f] - ys[e]));
      }
      // Two crossings: one segment; four (a saddle): two, paired in order.
      for (let k = 0; k + 3 < crossings.length; k += 4) out.push(...crossings.slice(k, k + 4));
    }
  }
  return out;
}

/**
 * The loss at (u, v), read between the four nearest cells of a surface
 * (bilinear); NaN outside it or next to a cell not computed.
 * @param {Float64Array} losses
 * @param {number} size
 * @param {number} range
 * @param {number} u
 * @param {number} v
 */
export function lossAt(losses, size, range, u, v) {
  const x = ((u + range) / (2 * range)) * (size - 1);
  const y = ((range - v) / (2 * range)) * (size - 1);
  if (!(x >= 0 && y >= 0 && x <= size - 1 && y <= size - 1)) return NaN;
  const c = Math.min(size - 2, Math.floor(x));
  const r = Math.min(size - 2, Math.floor(y));
  const fx = x - c;
  const fy = y - r;
  const a = losses[r * size + c];
  const b = losses[r * size + c + 1];
  const d = losses[(r + 1) * size + c];
  const e = losses[(r + 1) * size + c + 1];
  return (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * d + fx * e);
}
