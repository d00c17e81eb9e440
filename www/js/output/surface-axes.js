// @ts-check
// The loss surface's axes: two seeded random directions, or two weights
// pinned from the diagram (by their index in the flat order), for one shape
// of network; what the panel says of them, and what a link keeps of them.

/** @typedef {{ index: number, name: string }} Pin */

/**
 * @param {HTMLElement} text  the line that names the axes
 * @param {HTMLButtonElement} directions  "New directions" / "Random directions"
 */
export function createSurfaceAxes(text, directions) {
  let seed = 1;
  /** Weights pinned as axes u and v, for a network of `shape`. @type {[Pin | null, Pin | null]} */
  let pinned = [null, null];
  let shape = '';

  function show() {
    const [u, v] = pinned;
    if (u && v) {
      text.textContent = `Axes: u = ${u.name}, v = ${v.name}.`;
    } else if (u || v) {
      const [have, want] = u ? ['u', 'v'] : ['v', 'u'];
      text.textContent = `Axis ${have} = ${/** @type {Pin} */ (u ?? v).name}; pin another weight as axis ${want} (until then, two random directions).`;
    } else {
      text.textContent = 'Axes: two random directions. To use two weights, click a link or bias in the diagram and pin it as axis u or v.';
    }
    const any = Boolean(u || v);
    directions.textContent = any ? 'Random directions' : 'New directions';
    directions.title = any ? 'Unpin the weights: two random directions' : 'Two other random directions';
  }
  show();

  return {
    seed: () => seed,
    /** The two pinned weights' indices, or null: random directions. */
    weights() {
      const [u, v] = pinned;
      return u && v ? /** @type {[number, number]} */ ([u.index, v.index]) : null;
    },
    /** The directions button: unpins the weights, or draws two other directions. */
    next() {
      if (pinned[0] || pinned[1]) pinned = [null, null];
      else seed += 1;
      show();
    },
    /**
     * @param {0 | 1} axis
     * @param {number} index
     * @param {string} name
     * @param {string} of  the network's shape
     */
    pin(axis, index, name, of) {
      if (of !== shape) pinned = [null, null];
      shape = of;
      if (pinned[1 - axis]?.index === index) pinned[1 - axis] = null;
      pinned[axis] = { index, name };
      show();
    },
    /**
     * The network now has shape `of`: pins of another shape would name other
     * weights, so they go. Says whether they did.
     * @param {string} of
     */
    follow(of) {
      const dropped = of !== shape && Boolean(pinned[0] || pinned[1]);
      shape = of;
      if (dropped) {
        pinned = [null, null];
        show();
      }
      return dropped;
    },
    /**
     * A link's axes and seed, for a network of shape `of`; `nameOf` names a
     * weight (null: the network has no such weight, and the link's axes give
     * way to random directions, which the line says).
     * @param {[number, number] | null} axes
     * @param {number} linkSeed
     * @param {(index: number) => string | null} nameOf
     * @param {string} of
     */
    restore(axes, linkSeed, nameOf, of) {
      seed = linkSeed;
      shape = of;
      pinned = [null, null];
      const names = axes ? axes.map(nameOf) : [];
      if (axes && names[0] !== null && names[1] !== null) {
        pinned = [{ index: axes[0], name: String(names[0]) }, { index: axes[1], name: String(names[1]) }];
      }
      show();
      if (axes && !pinned[0]) {
        const missing = axes.filter((_, k) => names[k] === null).join(' and ');
        text.textContent = `The link's axes name weight ${missing}, which this network does not have: two random directions instead.`;
      }
    },
  };
}
