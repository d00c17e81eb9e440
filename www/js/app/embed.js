// @ts-check
// Embed mode and hide flags, read from the location hash:
//
//   embed=1              only the chosen panels, no header, filling the window
//                        (an iframe in a slide: 960×540, 1280×720, …) with no scrollbars
//   show=a,b,…           what an embed shows, in that order: panels (PANELS) or single
//                        controls, named by their `data-field` (learningRate, noise, …)
//   autoplay=1           start training as soon as the page is ready
//   <name>_hide=true     hide one control, on the full page as in an embed; the names
//                        of TensorFlow Playground's flags are understood too
//
// Only these names are read here; every other name of the hash belongs to the
// settings codec. Names that cannot be understood are shown in a notice that
// says what was wrong, never dropped silently.

import { bodyOf, frameOf, html } from '../lib/dom.js';

/** @typedef {import('../lib/dom.js').Root} Root */

/**
 * @typedef {object} Panel
 * @property {string} selector  the element moved into the embed
 * @property {'bar' | 'stage'} zone  the bar (a wrapping row of controls at the top)
 *   or the stage (the pictures, side by side, filling the rest)
 * @property {string} label  what the embed-code chooser and screen readers call it
 */

/** Panels `show=` can name. @type {Readonly<Record<string, Panel>>} */
export const PANELS = Object.freeze({
  controls: { selector: '.panel-run', zone: 'bar', label: 'Run bar: play, step, reset, η and the main choices' },
  buttons: { selector: '.run-buttons', zone: 'bar', label: 'Play, step, reset and the epoch' },
  readouts: { selector: '.readouts', zone: 'bar', label: 'Losses and accuracies' },
  network: { selector: '#network-view', zone: 'stage', label: 'Network diagram' },
  boundary: { selector: '#plot', zone: 'stage', label: 'Decision boundary' },
  loss: { selector: '.loss-chart-figure', zone: 'stage', label: 'Loss chart' },
  surface: { selector: '#surface', zone: 'stage', label: 'Loss surface around the weights' },
  race: { selector: '#race', zone: 'stage', label: 'Race: the run under other training settings' },
});

/** What `embed=1` shows when no `show=` says otherwise. */
export const DEFAULT_SHOW = Object.freeze(['controls', 'network', 'boundary', 'loss']);

/**
 * TensorFlow Playground's names for the controls we share with it, mapped to
 * ours (`data-field` names, or ids of single checkboxes).
 * @type {Readonly<Record<string, string>>}
 */
const TF_CONTROLS = Object.freeze({
  dataset: 'dataset',
  regDataset: 'dataset',
  learningRate: 'learningRate',
  regularization: 'regularization',
  regularizationRate: 'regularizationRate',
  noise: 'noise',
  activation: 'activation',
  networkShape: 'hidden',
  batchSize: 'batchSize',
  percTrainData: 'trainRatio',
  problem: 'problem',
  showTestData: 'showTest',
  discretize: 'discretize',
});

/**
 * TensorFlow Playground's input features and ours. A hidden feature is left out
 * of the network diagram unless the network uses it.
 * @type {Readonly<Record<string, import('../../pkg/backprop_playground.js').Feature>>}
 */
const TF_FEATURES = Object.freeze({
  x: 'x1',
  y: 'x2',
  xSquared: 'x1Sq',
  ySquared: 'x2Sq',
  xTimesY: 'x1x2',
  sinX: 'sinX1',
  sinY: 'sinX2',
});

/** TensorFlow Playground names with no counterpart here: their hide flags are ignored quietly. */
const TF_IGNORED = Object.freeze(['cosX', 'cosY', 'collectStats', 'initZero', 'hideText']);

/** Single checkboxes a hide flag can name, by the name of their setting. */
/**
 * Most `show=` parts and hide flags read from one link: every panel and
 * control there is, with room to spare. Past it the rest is counted, not read,
 * so a huge link cannot make the page slow or its notice long.
 */
export const MAX_EMBED_NAMES = 64;

/** Most lines in the notice; the rest are counted in one more line. */
export const MAX_NOTICE_LINES = 20;

/** Longest name a warning quotes. */
const QUOTED_NAME = 40;

/**
 * A name as a warning quotes it: short, on one line.
 * @param {string} name
 */
function quoteName(name) {
  const flat = name.replace(/[\u0000-\u001f\u007f]/g, '�');
  return flat.length > QUOTED_NAME ? `${flat.slice(0, QUOTED_NAME)}…` : flat;
}

const CHECKBOXES = Object.freeze({ showTest: 'show-test', discretize: 'discretize', colorBlind: 'color-blind', showAugmented: 'show-augmented', showDeltas: 'show-deltas' });

/**
 * What the hash asks of the embed, before it is checked against the page.
 * @typedef {object} EmbedOptions
 * @property {boolean} embed      embed mode
 * @property {string[]} show      panels and controls to show, in order ([]: DEFAULT_SHOW)
 * @property {boolean} autoplay   train as soon as the page is ready
 * @property {string[]} hide      names from `<name>_hide=true`
 * @property {string[]} warnings  what could not be read, in the user's words
 */

/**
 * A flag's value: 1/true and 0/false (an empty value counts as on: `#embed`).
 * @param {string} name
 * @param {string} value
 * @param {string[]} warnings
 */
function readFlag(name, value, warnings) {
  const text = value.trim().toLowerCase();
  if (text === '1' || text === 'true' || text === '') return true;
  if (text === '0' || text === 'false') return false;
  const flag = quoteName(name);
  warnings.push(`${flag}=${quoteName(value)} is not understood: use ${flag}=1 or ${flag}=0.`);
  return false;
}

/**
 * Reads the embed names of a location hash (`#v=1&embed=1&show=boundary,loss`).
 * Never throws: what it cannot read becomes a warning.
 * @param {string} hash
 * @returns {EmbedOptions}
 */
export function parseEmbedOptions(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  /** @type {EmbedOptions} */
  const options = { embed: false, show: [], autoplay: false, hide: [], warnings: [] };
  const show = new Set();
  const hide = new Set();
  let skipped = 0;
  for (const [name, value] of params) {
    if (name === 'embed') options.embed = readFlag(name, value, options.warnings);
    else if (name === 'autoplay') options.autoplay = readFlag(name, value, options.warnings);
    else if (name === 'show') {
      for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
        if (show.size < MAX_EMBED_NAMES) show.add(part);
        else skipped += 1;
      }
    } else if (name.endsWith('_hide')) {
      const target = name.slice(0, -'_hide'.length);
      if (hide.size >= MAX_EMBED_NAMES) skipped += 1;
      else if (readFlag(name, value, options.warnings)) hide.add(target);
    }
  }
  if (skipped > 0) {
    options.warnings.push(`This link names more panels and controls than there are: past the first ${MAX_EMBED_NAMES}, ${skipped.toLocaleString('en')} more were ignored.`);
  }
  options.show = [...show];
  options.hide = [...hide];
  return options;
}

/**
 * The embed options of a link, with `<html>` (in a shadow root, its
 * `.bp-root`) marked as an embed at once, before the core loads, so the full
 * page never flashes inside a slide (embed.css hides it until the embed is
 * laid out).
 * @param {Root} doc
 * @param {string} hash
 * @returns {EmbedOptions}
 */
export function readEmbedOptions(doc, hash) {
  const options = parseEmbedOptions(hash);
  if (options.embed) frameOf(doc).dataset.embed = 'loading';
  return options;
}

/**
 * The element a single control's name stands for: `[data-field=NAME]` in the
 * form, or a single checkbox's label.
 * @param {Root} doc
 * @param {string} name
 * @returns {HTMLElement | null}
 */
function controlElement(doc, name) {
  const form = doc.getElementById('controls');
  if (!form || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) return null;
  const field = form.querySelector(`[data-field="${name}"]`);
  if (field instanceof HTMLElement) return field;
  const box = Object.hasOwn(CHECKBOXES, name) ? doc.getElementById(CHECKBOXES[/** @type {keyof typeof CHECKBOXES} */ (name)]) : null;
  const label = box?.closest('label');
  return label instanceof HTMLElement ? label : null;
}

/**
 * The element a `show=` or `_hide` name stands for, or null.
 * @param {Root} doc
 * @param {string} name
 */
function partElement(doc, name) {
  if (Object.hasOwn(PANELS, name)) {
    const el = doc.querySelector(PANELS[name].selector);
    return el instanceof HTMLElement ? el : null;
  }
  return controlElement(doc, name);
}

/**
 * The notice's lines: at most MAX_NOTICE_LINES, the rest counted in the last.
 * @param {string[]} warnings
 * @returns {string[]}
 */
export function noticeLines(warnings) {
  if (warnings.length <= MAX_NOTICE_LINES) return warnings;
  const rest = warnings.length - (MAX_NOTICE_LINES - 1);
  return [...warnings.slice(0, MAX_NOTICE_LINES - 1), `… and ${rest.toLocaleString('en')} more like these.`];
}

/**
 * A short notice at the bottom of the window (what a link asked for that the
 * page could not do). It stays until closed; a new message is added under it.
 * @param {Root} doc
 * @param {string} text
 */
export function showNotice(doc, text) {
  let box = doc.getElementById('embed-notice');
  if (!box) {
    const made = html(doc, 'div', 'embed-notice');
    made.id = 'embed-notice';
    made.setAttribute('role', 'status');
    const list = html(doc, 'ul', 'embed-notice-list');
    const close = html(doc, 'button', 'embed-notice-close', '×');
    close.type = 'button';
    close.title = 'Close this notice';
    close.setAttribute('aria-label', 'Close the notice');
    close.addEventListener('click', () => made.remove());
    made.append(list, close);
    bodyOf(doc).append(made);
    box = made;
  }
  const line = html(doc, 'li', undefined, text);
  box.querySelector('ul')?.append(line);
}

/**
 * Applies the hide flags (both modes) and, in embed mode, moves the chosen
 * panels into the embed layout. Call once, after the views are created and
 * before the first drawing. Returns the names it could not apply.
 * @param {Root} doc
 * @param {EmbedOptions} options
 * @returns {{ shown: string[], warnings: string[] }}
 */
export function applyEmbed(doc, options) {
  const warnings = [...options.warnings];
  const hidden = applyHideFlags(doc, options.hide, warnings);
  /** @type {string[]} */
  let shown = [];
  if (options.embed) {
    shown = layOut(doc, options.show.length > 0 ? options.show : [...DEFAULT_SHOW], hidden, warnings);
    frameOf(doc).dataset.embed = 'ready';
  } else if (options.show.length > 0) {
    warnings.push(`show=${quoteName(options.show.join(','))} is used only in embed mode: add embed=1.`);
  }
  for (const text of noticeLines(warnings)) {
    console.warn(`Backprop Playground: ${text}`);
    showNotice(doc, text);
  }
  return { shown, warnings };
}

/**
 * Marks every element a hide flag names; returns them.
 * @param {Root} doc
 * @param {string[]} names
 * @param {string[]} warnings
 * @returns {Set<HTMLElement>}
 */
function applyHideFlags(doc, names, warnings) {
  /** @type {Set<HTMLElement>} */
  const hidden = new Set();
  /** @type {string[]} */
  const features = [];
  for (const name of names) {
    if (Object.hasOwn(TF_FEATURES, name)) {
      features.push(TF_FEATURES[name]);
      continue;
    }
    const ours = Object.hasOwn(TF_CONTROLS, name) ? TF_CONTROLS[name] : name;
    const el = partElement(doc, ours);
    if (el) {
      el.dataset.linkHidden = '';
      hidden.add(el);
    } else if (!TF_IGNORED.includes(name)) {
      warnings.push(`${quoteName(name)}_hide: there is no control or panel called “${quoteName(name)}”.`);
    }
  }
  const view = doc.getElementById('network-view');
  if (view && features.length > 0) view.dataset.hideFeatures = features.join(' ');
  // The network's shape is also changed by the diagram's unit buttons: they go too.
  if (view && names.some((name) => name === 'networkShape' || name === 'hidden')) view.dataset.hideShape = '';
  return hidden;
}

/**
 * Builds the embed: a bar of controls over a stage of pictures, each chosen
 * panel in its own card, in the order `show` names them. Everything stays
 * inside the form, so the controls' listeners keep working.
 * @param {Root} doc
 * @param {string[]} show
 * @param {Set<HTMLElement>} hidden  elements a hide flag took out
 * @param {string[]} warnings
 * @returns {string[]}  the names shown
 */
function layOut(doc, show, hidden, warnings) {
  const form = doc.getElementById('controls');
  if (!form) throw new Error('#controls is missing');
  const root = html(doc, 'div', 'embed');
  const bar = html(doc, 'div', 'embed-bar');
  const stage = html(doc, 'div', 'embed-stage');
  const messages = html(doc, 'div', 'embed-messages');

  /** @type {{ name: string, el: HTMLElement }[]} */
  const chosen = [];
  for (const name of show) {
    const el = partElement(doc, name);
    if (!el) {
      warnings.push(`show: “${quoteName(name)}” is not a panel (${Object.keys(PANELS).join(', ')}) or a control of the page.`);
    } else if (!hidden.has(el)) {
      chosen.push({ name, el });
    }
  }
  // A control inside a chosen panel is already shown.
  const parts = chosen.filter(({ el }) => !chosen.some((other) => other.el !== el && other.el.contains(el)));

  for (const { name, el } of parts) {
    const panel = Object.hasOwn(PANELS, name) ? PANELS[name] : null;
    const part = html(doc, 'section', 'embed-part');
    part.dataset.part = name;
    part.setAttribute('aria-label', panel?.label ?? el.querySelector('label, legend')?.textContent?.trim() ?? name);
    part.append(el);
    (panel?.zone === 'stage' ? stage : bar).append(part);
    // A closed surface computes nothing: shown, it is open, whatever a link says.
    if (el instanceof HTMLDetailsElement) {
      el.open = true;
      el.dataset.keepOpen = 'true';
    }
  }
  // Messages float over the embed instead of taking room from the panels:
  // a link's warnings, the status. A lesson's caption has a row of its own
  // under the pictures: folded to its title (as training folds it) it takes
  // that row and covers nothing; open, its text floats over the pictures.
  for (const id of ['link-warnings', 'status', 'page-msg', 'network-msg']) {
    const el = doc.getElementById(id);
    if (el) messages.append(el);
  }
  const caption = html(doc, 'div', 'embed-caption');
  const lesson = doc.getElementById('lesson-caption');
  if (lesson) caption.append(lesson);
  root.append(bar, stage, caption, messages);
  form.prepend(root);

  for (const part of stage.querySelectorAll('.embed-part')) {
    const name = /** @type {HTMLElement} */ (part).dataset.part;
    if (name === 'boundary') fitBoundary(stage, /** @type {HTMLElement} */ (part));
    if (name === 'network') fitNetwork(/** @type {HTMLElement} */ (part));
  }
  return parts.map((p) => p.name);
}

/** Width the other pictures of the stage keep next to the boundary plot (CSS px). */
const MIN_SIDE_PANEL = 220;

/**
 * Height of an element with its vertical margins.
 * @param {Element} el
 */
function outerHeight(el) {
  const style = getComputedStyle(el);
  return el.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
}

/**
 * Sizes the boundary plot's card so that its square is as large as the stage's
 * height allows (less the caption, axes and legend), leaving the other
 * pictures at least MIN_SIDE_PANEL each.
 * @param {HTMLElement} stage
 * @param {HTMLElement} part
 */
function fitBoundary(stage, part) {
  const plot = part.querySelector('.plot');
  const frame = plot?.querySelector('.plot-frame');
  if (!(plot instanceof HTMLElement) || !(frame instanceof HTMLElement)) return;
  let pending = false;
  const fit = () => {
    pending = false;
    const partStyle = getComputedStyle(part);
    const frameStyle = getComputedStyle(frame);
    const stageStyle = getComputedStyle(stage);
    const padX = parseFloat(partStyle.paddingLeft) + parseFloat(partStyle.paddingRight)
      + parseFloat(partStyle.borderLeftWidth) + parseFloat(partStyle.borderRightWidth);
    const padY = parseFloat(partStyle.paddingTop) + parseFloat(partStyle.paddingBottom)
      + parseFloat(partStyle.borderTopWidth) + parseFloat(partStyle.borderBottomWidth);
    const axisX = parseFloat(frameStyle.paddingLeft) + parseFloat(frameStyle.paddingRight);
    const axisY = parseFloat(frameStyle.paddingTop) + parseFloat(frameStyle.paddingBottom);
    let around = 0;
    for (const child of plot.children) if (child !== frame) around += outerHeight(child);
    const others = stage.children.length - 1;
    const gap = parseFloat(stageStyle.columnGap) || 0;
    const maxWidth = stage.clientWidth - others * (MIN_SIDE_PANEL + gap);
    const square = Math.floor(Math.min(part.offsetHeight - padY - around - axisY, maxWidth - padX - axisX));
    const width = `${Math.max(square, 60) + axisX + padX}px`;
    if (part.style.width !== width) part.style.width = width;
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(fit);
  };
  const observer = new ResizeObserver(schedule);
  observer.observe(stage);
  // The caption and legend change with what is shown (a focused node, a regression).
  for (const child of plot.children) if (child !== frame) observer.observe(child);
  fit();
}

/**
 * Scales the network diagram down when its natural size (network.js lays it
 * out for the view's width) is taller or wider than the card.
 * @param {HTMLElement} part
 */
function fitNetwork(part) {
  const view = part.querySelector('.network-view');
  if (!(view instanceof HTMLElement)) return;
  let pending = false;
  /** @type {Element | null} */
  let observed = null;
  const observer = new ResizeObserver(() => schedule());
  const fit = () => {
    pending = false;
    const content = view.querySelector('.nv-content');
    if (!(content instanceof HTMLElement)) return;
    if (observed !== content) {
      observer.observe(content);
      observed = content;
    }
    const k = Math.min(1, view.clientHeight / Math.max(1, content.offsetHeight), view.clientWidth / Math.max(1, content.offsetWidth));
    const transform = k < 0.999 ? `scale(${k.toFixed(4)})` : '';
    if (content.style.transform !== transform) content.style.transform = transform;
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(fit);
  };
  observer.observe(view);
  fit();
}
