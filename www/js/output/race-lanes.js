// @ts-check
// The race's lanes as cards: each lane's colour and name in the legend
// ("Adam, η = 0.003"), a small picture of its decision boundary, the epoch
// it first reached the target loss, and, below, what it changes — a row per
// setting, the menu of settings a lane may change and the value's control
// built from the core's schema (a menu for a choice, a box for a number).

import { formatLoss } from '../lib/format.js';
import { html, numberBox } from '../lib/dom.js';

/** @typedef {import('../../pkg/backprop_playground.js').Config} Config */
/** @typedef {import('../../pkg/backprop_playground.js').Schema} Schema */
/** @typedef {import('../../pkg/backprop_playground.js').Setting} SchemaSetting */
/** @typedef {import('../app/race-client.js').LaneView} LaneView */

/**
 * A config field's value as a link writes it (lists joined by commas).
 * @param {Partial<Config>} config
 * @param {string} field
 */
export function fieldText(config, field) {
  const value = /** @type {Record<string, unknown>} */ (config)[field];
  if (Array.isArray(value)) return value.join(',');
  return value === undefined || value === null ? '' : String(value);
}

/**
 * The value a new change of `field` starts from: for a menu, the first
 * choice other than the run's (a change that changes something); else the
 * run's own value, to edit.
 * @param {SchemaSetting} setting
 * @param {Partial<Config>} run
 */
export function startingText(setting, run) {
  const current = fieldText(run, setting.name);
  const other = setting.choices?.find((c) => c.name !== current);
  return other ? other.name : current;
}

/**
 * L as the race's texts write it: as typed ("0.05"), not as a loss readout.
 * @param {number} target
 */
export function targetText(target) {
  return String(target);
}

/**
 * What a lane's card says under its picture.
 * @param {LaneView | null} view
 * @param {number} target
 * @param {number} length  the finish line (a stop there is the finish)
 */
export function laneReadout(view, target, length) {
  if (!view?.stats) return 'Not started';
  const { stats } = view;
  const L = targetText(target);
  const losses = `Training loss ${formatLoss(stats.trainLoss)} · test ${formatLoss(stats.testLoss)}`;
  const reached = view.firstBelow === null ? `Not yet at L = ${L}` : `Reached L = ${L} at epoch ${view.firstBelow}`;
  const kind = stats.stopped?.kind;
  const finish = kind === 'maxEpochs' && stats.epoch >= length;
  const stop = kind === 'diverged' ? `\nDiverged: stopped at epoch ${stats.epoch}` : kind && !finish ? `\nStopped at epoch ${stats.epoch}` : '';
  return `${losses}\n${reached}${stop}`;
}

/**
 * @typedef {object} LaneHandlers
 * @property {(lane: number, field: string, text: string | null, old?: string) => void} onChange
 *   a lane's change was set (text null: removed; `old`: the field it replaces)
 * @property {(lane: number) => void} onRemove  a lane was removed
 */

/**
 * The control of a change's value.
 * @param {Document} doc
 * @param {SchemaSetting} setting
 * @param {string} text
 * @param {(text: string) => void} onValue
 */
function valueControl(doc, setting, text, onValue) {
  if (setting.choices && setting.kind === 'choice') {
    const select = html(doc, 'select', 'race-value');
    for (const choice of setting.choices) select.add(new Option(choice.label, choice.name));
    select.value = text;
    select.addEventListener('change', () => onValue(select.value));
    return select;
  }
  const box = numberBox(doc, 'race-value');
  box.value = text;
  box.title = setting.allowed ?? setting.help;
  box.addEventListener('change', () => onValue(box.value.trim()));
  return box;
}

/**
 * Where every lane starts, the run's own decision map (each lane is a copy
 * of the run), scaled into a lane's thumbnail.
 * @param {Document} doc
 */
function startPicture(doc) {
  /** @type {{ picture: Uint8ClampedArray, into: number } | null} */
  let start = null;
  /** A canvas of the run's map at its own size, to scale from. */
  const source = doc.createElement('canvas');
  return {
    /** @param {Uint8ClampedArray | null} picture  RGBA, `size` a side @param {number} size @param {number} into */
    set(picture, size, into) {
      if (picture === (start?.picture ?? null)) return false;
      start = picture ? { picture, into } : null;
      if (picture) {
        source.width = size;
        source.height = size;
        source.getContext('2d')?.putImageData(new ImageData(/** @type {Uint8ClampedArray<ArrayBuffer>} */ (picture), size, size), 0, 0);
      }
      return true;
    },
    /** Into a thumbnail (cleared when there is none). @param {HTMLCanvasElement} thumb */
    paint(thumb) {
      const ctx = thumb.getContext('2d');
      if (!ctx) return;
      if (!start) {
        ctx.clearRect(0, 0, thumb.width, thumb.height);
        return;
      }
      if (thumb.width !== start.into) thumb.width = start.into;
      if (thumb.height !== start.into) thumb.height = start.into;
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.clearRect(0, 0, start.into, start.into);
      ctx.drawImage(source, 0, 0, start.into, start.into);
    },
  };
}

/**
 * @param {HTMLOListElement} list
 * @param {Schema} schema
 * @param {LaneHandlers} handlers
 */
export function createLaneCards(list, schema, handlers) {
  const doc = list.ownerDocument;
  const settings = schema.race.fields.map((name) => {
    const setting = schema.settings.find((s) => s.name === name);
    if (!setting) throw new Error(`the schema does not describe ${name}`);
    return setting;
  });
  /** @type {{ legend: HTMLElement, readout: HTMLElement, thumb: HTMLCanvasElement, picture: Uint8ClampedArray | null }[]} */
  let cards = [];

  /**
   * One row of a lane's changes.
   * @param {number} k
   * @param {[string, string]} change
   * @param {Set<string>} taken  the fields the lane changes already
   * @param {Partial<Config>} run
   */
  function changeRow(k, [field, text], taken, run) {
    const row = html(doc, 'li', 'race-change');
    const menu = html(doc, 'select', 'race-field');
    menu.setAttribute('aria-label', `Lane ${k + 1}: setting`);
    for (const setting of settings) {
      if (setting.name !== field && taken.has(setting.name)) continue;
      menu.add(new Option(setting.label, setting.name));
    }
    menu.value = field;
    menu.addEventListener('change', () => {
      const setting = settings.find((s) => s.name === menu.value);
      if (setting) handlers.onChange(k, setting.name, startingText(setting, run), field);
    });
    const setting = settings.find((s) => s.name === field);
    const value = setting ? valueControl(doc, setting, text, (next) => handlers.onChange(k, field, next)) : html(doc, 'span', '', text);
    value.setAttribute('aria-label', `Lane ${k + 1}: ${setting?.label ?? field}`);
    const remove = html(doc, 'button', 'race-remove-change', '×');
    remove.type = 'button';
    remove.setAttribute('aria-label', `Lane ${k + 1}: keep the run's ${setting?.label ?? field}`);
    remove.addEventListener('click', () => handlers.onChange(k, field, null));
    row.append(menu, value, remove);
    return row;
  }

  /**
   * Builds a lane's card.
   * @param {number} k
   * @param {[string, string][]} changes
   * @param {number} count  lanes in the race
   * @param {Partial<Config>} run
   */
  function card(k, changes, count, run) {
    const item = html(doc, 'li', 'race-lane');
    item.dataset.lane = String(k + 1);
    const head = html(doc, 'div', 'race-lane-head');
    const swatch = html(doc, 'span', 'race-swatch');
    swatch.setAttribute('aria-hidden', 'true');
    const legend = html(doc, 'span', 'race-lane-legend');
    head.append(swatch, html(doc, 'strong', 'race-lane-name', `Lane ${k + 1}`), legend);
    if (count > schema.race.lanes[0]) {
      const remove = html(doc, 'button', 'race-remove race-edit', '×');
      remove.type = 'button';
      remove.setAttribute('aria-label', `Remove lane ${k + 1}`);
      remove.title = `Remove lane ${k + 1}`;
      remove.addEventListener('click', () => handlers.onRemove(k));
      head.append(remove);
    }
    const thumb = html(doc, 'canvas', 'race-thumb');
    thumb.setAttribute('role', 'img');
    thumb.setAttribute('aria-label', `Lane ${k + 1}'s decision boundary`);
    const readout = html(doc, 'p', 'race-lane-readout', 'Not started');
    const edit = html(doc, 'div', 'race-edit');
    const taken = new Set(changes.map(([field]) => field));
    const rows = html(doc, 'ul', 'race-changes');
    rows.setAttribute('aria-label', `What lane ${k + 1} changes`);
    rows.append(...changes.map((change) => changeRow(k, change, taken, run)));
    const free = settings.find((s) => !taken.has(s.name));
    edit.append(rows);
    if (free) {
      const add = html(doc, 'button', 'race-add-change', changes.length === 0 ? 'Change a setting' : 'Change another');
      add.type = 'button';
      add.setAttribute('aria-label', `Lane ${k + 1}: change a setting`);
      add.addEventListener('click', () => handlers.onChange(k, free.name, startingText(free, run)));
      edit.append(add);
    }
    item.append(thumb, head, readout, edit);
    return { item, card: { legend, readout, thumb, picture: /** @type {Uint8ClampedArray | null} */ (null) } };
  }

  /** @param {HTMLCanvasElement} thumb @param {Uint8ClampedArray} picture @param {number} size */
  function paint(thumb, picture, size) {
    if (thumb.width !== size) thumb.width = size;
    if (thumb.height !== size) thumb.height = size;
    thumb.getContext('2d')?.putImageData(new ImageData(/** @type {Uint8ClampedArray<ArrayBuffer>} */ (picture), size, size), 0, 0);
  }

  const start = startPicture(doc);

  return {
    /**
     * Builds the cards again (lanes or changes were added or removed).
     * @param {[string, string][][]} lanes
     * @param {Partial<Config>} run
     */
    build(lanes, run) {
      const built = lanes.map((changes, k) => card(k, changes, lanes.length, run));
      list.replaceChildren(...built.map((b) => b.item));
      cards = built.map((b) => b.card);
      for (const c of cards) start.paint(c.thumb);
    },
    /**
     * The run's decision map, shown by every lane that has not started.
     * @param {Uint8ClampedArray | null} picture  RGBA, `size` a side; null: none
     * @param {number} size
     * @param {number} into  the lanes' pictures' side
     */
    showStart(picture, size, into) {
      if (!start.set(picture, size, into)) return;
      for (const c of cards) if (!c.picture) start.paint(c.thumb);
    },
    /**
     * Writes each lane's legend, picture and readout; the DOM changes only where a text did.
     * @param {string[]} legends
     * @param {(LaneView | null)[]} views
     * @param {number} target
     * @param {number} length  the finish line
     */
    update(legends, views, target, length) {
      cards.forEach((c, k) => {
        const legend = legends[k] ?? '';
        if (c.legend.textContent !== legend) c.legend.textContent = legend;
        const text = laneReadout(views[k] ?? null, target, length);
        if (c.readout.textContent !== text) c.readout.textContent = text;
        const view = views[k];
        if (view?.picture && view.picture !== c.picture) {
          c.picture = view.picture;
          paint(c.thumb, view.picture, view.pictureSize);
        } else if (!view && c.picture) {
          c.picture = null;
          start.paint(c.thumb);
        }
      });
    },
  };
}
