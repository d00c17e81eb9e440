// @ts-check
// The weight editor: a small dialog over the diagram that opens on a link or a
// bias, shows its name and current value, and sets the value typed on the
// core (which may refuse it, with a message shown in the dialog).

import { html, numberBox } from '../lib/dom.js';
import { editorPosition } from './layout.js';
import { describe, valueOf } from './labels.js';
import { formatValue, parseWeight } from './weight-text.js';

/** @typedef {import('./build.js').Shell} Shell */
/** @typedef {import('./build.js').Editable} Editable */
/** @typedef {import('./view-state.js').ViewState} ViewState */
/** @typedef {import('./network.js').NetworkHandlers} NetworkHandlers */

/**
 * @typedef {object} WeightEditor
 * @property {HTMLElement} el  the dialog
 * @property {(target: Editable, x: number, y: number, opener: Element) => void} open
 *   opens on a weight, near (x, y) in content pixels; `opener` gets the focus back when it closes
 * @property {(refocus: boolean) => void} close  closes it, giving the focus back to its opener or not
 * @property {() => void} showCurrent  shows the value of the weight it is open on, as of the last frame
 */

/** @param {Document} doc */
function buildEditor(doc) {
  const el = html(doc, 'div', 'nv-editor');
  el.hidden = true;
  el.setAttribute('role', 'dialog');
  el.setAttribute('aria-labelledby', 'nv-editor-title');
  el.setAttribute('aria-describedby', 'nv-editor-detail');
  const title = html(doc, 'p', 'nv-editor-title');
  title.id = 'nv-editor-title';
  const detail = html(doc, 'p', 'nv-editor-detail');
  detail.id = 'nv-editor-detail';
  const current = html(doc, 'p', 'nv-editor-current');
  const row = html(doc, 'div', 'nv-editor-row');
  const label = html(doc, 'label', 'sr-only');
  label.htmlFor = 'nv-editor-input';
  label.textContent = 'New value';
  const input = numberBox(doc, 'nv-editor-input');
  input.id = 'nv-editor-input';
  input.title = 'Type a new value (a finite number) and press Enter; Escape keeps the old one';
  input.setAttribute('aria-describedby', 'nv-editor-msg');
  const apply = html(doc, 'button', 'nv-editor-apply');
  apply.type = 'button';
  apply.textContent = 'Apply';
  const cancel = html(doc, 'button', 'nv-editor-cancel');
  cancel.type = 'button';
  cancel.textContent = 'Cancel';
  row.append(label, input, apply, cancel);
  const message = html(doc, 'p', 'nv-editor-msg');
  message.id = 'nv-editor-msg';
  message.setAttribute('role', 'alert');
  const axes = html(doc, 'div', 'nv-editor-axes');
  const axesLabel = html(doc, 'span', 'nv-editor-axes-label');
  axesLabel.textContent = 'Loss surface:';
  const pin = ['u', 'v'].map((name) => {
    const button = html(doc, 'button', 'nv-editor-axis');
    button.type = 'button';
    button.textContent = `Axis ${name}`;
    button.title = `Draw the loss surface with this weight along its ${name} axis (pin another for the other axis)`;
    return button;
  });
  axes.append(axesLabel, ...pin);
  el.append(title, detail, current, row, message, axes);
  return { el, title, detail, current, input, apply, cancel, message, axes, pin };
}

/**
 * @param {Shell} shell
 * @param {ViewState} state  its `editing` is the weight the editor is open on
 * @param {NetworkHandlers} handlers
 * @param {() => void} requestPaint  the edited weight is drawn at full strength
 * @returns {WeightEditor}
 */
export function createWeightEditor(shell, state, handlers, requestPaint) {
  const { root, doc, content } = shell;
  const editor = buildEditor(doc);
  /** The value as the field showed it on opening. */
  let prefilled = '';
  /** @type {Element | null} */
  let editOpener = null;

  /** @type {WeightEditor['open']} */
  function open(target, x, y, opener) {
    state.editing = target;
    editOpener = opener;
    const { title, detail } = describe(state.diagram, target);
    editor.title.textContent = title;
    editor.detail.textContent = detail;
    prefilled = formatValue(valueOf(state.weights, target)).replace('−', '-');
    editor.input.value = prefilled;
    editor.input.removeAttribute('aria-invalid');
    editor.message.textContent = '';
    editor.message.hidden = true;
    showCurrent();
    // A bias's hit box is ringed (css/network.css); a link's halo is painted.
    for (const el of root.querySelectorAll('.is-editing')) el.classList.remove('is-editing');
    if (target.kind === 'bias') target.bias.group.classList.add('is-editing');
    editor.el.hidden = false;
    requestPaint();

    // The page is not scrolled to show it: that would move the nodes under a
    // resting mouse, and hover would follow.
    const box = editor.el.getBoundingClientRect();
    const origin = content.getBoundingClientRect();
    const viewLeft = root.scrollLeft;
    const { left, top } = editorPosition({
      x,
      y,
      width: box.width,
      height: box.height,
      viewLeft,
      viewRight: viewLeft + root.clientWidth,
      contentHeight: content.offsetHeight,
      screenBottom: doc.documentElement.clientHeight - origin.top,
    });
    editor.el.style.left = `${left}px`;
    editor.el.style.top = `${top}px`;
    editor.input.focus({ preventScroll: true });
    editor.input.select();
  }

  function showCurrent() {
    if (!state.editing) return;
    editor.current.textContent = `Current value: ${formatValue(valueOf(state.weights, state.editing))}`;
  }

  /** @param {boolean} refocus  give the focus back to what opened the editor */
  function close(refocus) {
    if (!state.editing) return;
    for (const el of root.querySelectorAll('.is-editing')) el.classList.remove('is-editing');
    state.editing = null;
    editor.el.hidden = true;
    requestPaint();
    const opener = editOpener;
    editOpener = null;
    if (refocus && (opener instanceof HTMLElement || opener instanceof SVGElement) && opener.isConnected) opener.focus({ preventScroll: true });
  }

  /** @param {string} text */
  function refuse(text) {
    editor.message.textContent = text;
    editor.message.hidden = false;
    editor.input.setAttribute('aria-invalid', 'true');
    editor.input.focus({ preventScroll: true });
  }

  function apply() {
    const editing = state.editing;
    if (!editing || !state.pg) return;
    const raw = editor.input.value;
    // Applying the untouched, rounded value would only round the weight.
    if (raw.trim() === prefilled) {
      close(true);
      return;
    }
    const parsed = parseWeight(raw);
    if (!parsed.ok) {
      refuse(parsed.message);
      return;
    }
    try {
      if (editing.kind === 'link') {
        const { l, i, j } = editing.link;
        handlers.setWeight(l, i, j, parsed.value);
      } else {
        handlers.setBias(editing.bias.l, editing.bias.j, parsed.value);
      }
    } catch (err) {
      refuse(err instanceof Error ? err.message : String(err));
      return;
    }
    state.labelsDirty = true;
    close(true);
    handlers.onEdited();
  }

  editor.axes.hidden = !handlers.onPinAxis;
  editor.pin.forEach((button, axis) => button.addEventListener('click', () => {
    const editing = state.editing;
    if (!editing || !handlers.onPinAxis) return;
    const { title } = describe(state.diagram, editing);
    const [l, i, j] = editing.kind === 'link'
      ? [editing.link.l, editing.link.i, editing.link.j]
      : [editing.bias.l, null, editing.bias.j];
    close(true);
    handlers.onPinAxis(/** @type {0 | 1} */ (axis), l, i, j, title);
  }));
  editor.apply.addEventListener('click', apply);
  editor.cancel.addEventListener('click', () => close(true));
  editor.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      // Also keeps the surrounding controls form from submitting.
      event.preventDefault();
      apply();
    }
  });
  // The view sits inside the controls form, whose listeners would read this
  // field as one of theirs.
  for (const type of ['input', 'change']) editor.el.addEventListener(type, (event) => event.stopPropagation());

  return { el: editor.el, open, close, showCurrent };
}
