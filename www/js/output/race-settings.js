// @ts-check
// The race's settings as the page holds them: the lanes and what each
// changes (in the order links write them), the race's length and its target
// loss, and whether the race is in the link at all (it is once edited or
// started). Plain data and edits, no DOM: the core checks every value
// (crate/src/race.rs).

/** @typedef {import('../../pkg/backprop_playground.js').Race} Race */
/** @typedef {import('../../pkg/backprop_playground.js').Schema} Schema */
/** @typedef {import('../../pkg/backprop_playground.js').NumberRange} SchemaRange */

/**
 * A typed number read against its range: the value, or why it is refused.
 * @param {string} text
 * @param {SchemaRange} range
 * @returns {{ value: number } | { why: string }}
 */
export function readRange(text, range) {
  const value = Number(text.trim());
  const inside = text.trim() !== '' && Number.isFinite(value) && value <= range.high
    && (range.lowOpen ? value > range.low : value >= range.low) && (!range.integer || Number.isInteger(value));
  if (inside) return { value };
  const what = range.name === 'raceEpochs'
    ? `The race's length: ${range.low} to ${range.high} ${range.unit}`
    : `The target L: above ${range.low} and at most ${range.high}`;
  return { why: `${what}; “${text.trim().slice(0, 20)}” is not.` };
}

/**
 * @param {Schema} schema
 */
export function createRaceSettings(schema) {
  const [minLanes, maxLanes] = schema.race.lanes;
  /** @returns {Race} */
  const fresh = () => ({ lanes: Array.from({ length: minLanes }, () => []), epochs: schema.race.defaultEpochs, target: schema.race.defaultTarget });
  const order = (/** @type {string} */ field) => schema.race.fields.indexOf(field);
  let race = fresh();
  let inLink = false;

  return {
    /** The race as it stands (read only). */
    race: () => race,
    /** What the link holds: a copy, or null when there is no race. */
    link: () => (inLink ? structuredClone(race) : null),
    canAdd: () => race.lanes.length < maxLanes,
    /** The race is in the link from now on. */
    keep() {
      inLink = true;
    },
    /**
     * Sets (or, with `text` null, removes) a lane's change of `field`;
     * `old` is a field it replaces.
     * @param {number} k
     * @param {string} field
     * @param {string | null} text
     * @param {string} [old]
     */
    change(k, field, text, old) {
      const lane = race.lanes[k].filter(([f]) => f !== field && f !== old);
      if (text !== null) lane.push([field, text]);
      lane.sort((a, b) => order(a[0]) - order(b[0]));
      race.lanes[k] = lane;
      inLink = true;
    },
    addLane() {
      if (race.lanes.length < maxLanes) race.lanes.push([]);
      inLink = true;
    },
    /** @param {number} k */
    removeLane(k) {
      if (race.lanes.length > minLanes) race.lanes.splice(k, 1);
      inLink = true;
    },
    /** @param {number} epochs */
    setEpochs(epochs) {
      race.epochs = epochs;
      inLink = true;
    },
    /** @param {number} target */
    setTarget(target) {
      race.target = target;
      inLink = true;
    },
    /** Back to two lanes of the run's settings, out of the link. */
    clear() {
      race = fresh();
      inLink = false;
    },
    /** @param {Race | null} next  a link's race (null: none) */
    set(next) {
      race = next ? structuredClone(next) : fresh();
      inLink = next !== null;
    },
  };
}
