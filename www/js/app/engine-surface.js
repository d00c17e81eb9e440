// @ts-check
// The loss surface under the descent, kept by the engine's worker while the
// page shows it: a plane of weight space through the run's weights (along
// two random directions, or two of its weights), the training loss over a
// grid of it, computed a few rows at a time between training slices, and the
// run's path projected onto it. The plane moves only when the run leaves the
// middle of the window, when training pauses (so that the map at rest is the
// run's own neighbourhood, and the slope drawn is the map's), or when the
// page asks: the surface then follows, and the path keeps its shape (a
// projection is linear, so moving the plane shifts every point alike).

/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('../../pkg/backprop_playground.js').Playground} Playground */
/** @typedef {import('../../pkg/backprop_playground.js').SurfacePlane} SurfacePlane */

/**
 * What the page shows, in its needs.
 * @typedef {object} SurfaceSpec
 * @property {number} seed        of the random directions
 * @property {[number, number] | null} weights  two weights (flat indices) as the axes, or null: random
 * @property {number} range       u and v from −range to +range
 * @property {number} size        cells a side
 * @property {number} generation  a new one: move the plane to the run now
 */

/**
 * A snapshot's surface.
 * @typedef {object} SurfacePicture
 * @property {string} key          the spec and plane it belongs to
 * @property {number} size
 * @property {number} range
 * @property {Float64Array} losses  row by row from the top (v = +range); NaN where not computed yet
 * @property {number} rows         rows computed so far
 * @property {Float64Array} path   u, v of the run's recent points, oldest first; the last is the run now
 * @property {[number, number]} slope  ∂f/∂u, ∂f/∂v at the run now
 * @property {number} epoch        the epoch whose weights the plane goes through
 */

/** Points of the path kept; older ones are thinned by half. */
const MAX_PATH = 4000;
/** The plane moves when the run is past this share of the range from its centre. */
const RECENTRE_AT = 0.8;

/**
 * @param {CoreModule} core
 */
export function createSurfaceKeeper(core) {
  /** @type {SurfaceSpec | null} */
  let spec = null;
  /** @type {Playground | null} */
  let run = null;
  /** @type {SurfacePlane | null} */
  let plane = null;
  let planes = 0;
  /** @type {Float64Array} */
  let losses = new Float64Array(0);
  let rows = 0;
  /** @type {number[]} */
  let path = [];
  /** @type {string | null} the last plane's refusal, reported to the page */
  let error = null;
  /** The epoch the plane goes through. */
  let epoch = 0;

  function free() {
    plane?.free();
    plane = null;
  }

  /** A plane through the run now, and an empty surface. */
  function plan() {
    if (!spec || !run) return;
    free();
    error = null;
    try {
      plane = spec.weights
        ? core.SurfacePlane.alongWeights(run, spec.weights[0], spec.weights[1])
        : core.SurfacePlane.random(run, spec.seed);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      return;
    }
    planes += 1;
    epoch = run.stats().epoch;
    path = [0, 0];
    restart();
  }

  function restart() {
    if (!spec) return;
    losses = new Float64Array(spec.size * spec.size).fill(NaN);
    rows = 0;
  }

  /** The same directions through the run now: the path shifts with it. */
  function recentre() {
    if (!plane || !run) return;
    const [u, v] = plane.coordinates(run.flatWeights());
    const next = plane.through(run);
    free();
    plane = next;
    planes += 1;
    epoch = run.stats().epoch;
    for (let k = 0; k < path.length; k += 2) {
      path[k] -= u;
      path[k + 1] -= v;
    }
    restart();
  }

  return {
    /**
     * What the page shows now (null: nothing) for this run.
     * @param {SurfaceSpec | null} next
     * @param {Playground} pg
     */
    want(next, pg) {
      const same = next && spec && run === pg && next.seed === spec.seed && next.generation === spec.generation
        && String(next.weights) === String(spec.weights);
      const resized = same && spec && next && (next.size !== spec.size || next.range !== spec.range);
      spec = next;
      run = pg;
      if (!next) {
        free();
        return;
      }
      if (!same) plan();
      else if (resized) restart();
    },

    /** The run moved (trained, or was edited): extend the path. */
    moved() {
      if (!plane || !run || !spec) return;
      const [u, v] = plane.coordinates(run.flatWeights());
      path.push(u, v);
      if (path.length > 2 * MAX_PATH) path = path.filter((_, k) => k % 4 < 2);
      if (Math.abs(u) > RECENTRE_AT * spec.range || Math.abs(v) > RECENTRE_AT * spec.range) recentre();
    },

    /**
     * The weights at (u, v) of the plane shown, or null when none is.
     * @param {number} u
     * @param {number} v
     */
    at(u, v) {
      return plane ? plane.at(u, v) : null;
    },

    /** Training paused: the plane moves to the run if it has left the centre. */
    paused() {
      if (!plane || !run || path.length < 2) return;
      if (path[path.length - 2] !== 0 || path[path.length - 1] !== 0) recentre();
    },

    /** Whether rows are left to compute. */
    pending() {
      return !!plane && !!spec && rows < spec.size;
    },

    /**
     * Computes rows for about `budgetMs`.
     * @param {number} budgetMs
     */
    work(budgetMs) {
      if (!plane || !run || !spec) return;
      const started = performance.now();
      while (rows < spec.size && performance.now() - started < budgetMs) {
        const row = plane.rows(run, spec.range, spec.size, rows, rows + 1);
        losses.set(row, rows * spec.size);
        rows += 1;
      }
    },

    /** @returns {SurfacePicture | { error: string } | null} */
    picture() {
      if (error) return { error };
      if (!plane || !run || !spec) return null;
      const slope = plane.slope(run);
      return {
        key: `${spec.seed}|${spec.weights}|${spec.generation}|${planes}`,
        size: spec.size,
        range: spec.range,
        losses: losses.slice(),
        rows,
        path: Float64Array.from(path),
        slope: [slope[0], slope[1]],
        epoch,
      };
    },
  };
}
