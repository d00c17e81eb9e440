// @ts-check
// A tapped node's heatmap where the student is looking. On a phone the main
// plot is a screen or two above the network diagram, so a node tapped there
// would change a picture nobody sees: while the plot is out of view, the
// focused node's picture is shown in a popover over the diagram instead.
//
// The popover draws nothing of its own: every frame it copies the main plot's
// canvas, which already shows the focused node (points included). A second tap
// on the node, or a tap on the popover, dismisses it: the popover sits inside
// the network view, which takes a tap on anything that is not one of its
// controls as "back to the output" (network.js), and the focus going back to
// the output closes it. A mouse hovering a node never opens it.

/**
 * @typedef {object} FocusPopover
 * @property {(node: number | null, label: string) => void} follow
 *   the focused node changed (null: back to the output)
 * @property {(focus: number | null) => void} draw
 *   per frame, after the plot drew: copies the plot while open, closes if the focus is gone
 * @property {() => boolean} isOpen
 */

/** Share of the plot's height that must be on screen for it to count as seen. */
const SEEN = 0.6;

/**
 * @param {HTMLElement} view  the network view (#network-view)
 * @param {HTMLCanvasElement} plot  the main plot's canvas
 * @returns {FocusPopover}
 */
export function createFocusPopover(view, plot) {
  const doc = view.ownerDocument;
  const win = doc.defaultView ?? window;
  const box = doc.createElement('figure');
  box.className = 'focus-popover';
  box.hidden = true;
  const caption = doc.createElement('figcaption');
  caption.className = 'focus-popover-caption';
  const title = doc.createElement('span');
  const hint = doc.createElement('span');
  hint.className = 'focus-popover-hint';
  hint.textContent = 'Tap again to close';
  caption.append(title, hint);
  const canvas = doc.createElement('canvas');
  canvas.className = 'focus-popover-canvas';
  canvas.setAttribute('role', 'img');
  box.append(caption, canvas);
  view.append(box);
  const ctx = canvas.getContext('2d');

  /** How the last focus change came: a mouse hover never opens the popover. */
  let modality = 'mouse';
  /** Where on the screen the last press was (CSS px from the top). */
  let pressY = 0;
  doc.addEventListener('pointerdown', (event) => {
    modality = event.pointerType || 'mouse';
    pressY = event.clientY;
  }, true);
  doc.addEventListener('keydown', () => { modality = 'keyboard'; }, true);

  /** Whether most of the plot is inside the window. */
  function plotInView() {
    const rect = plot.getBoundingClientRect();
    if (rect.height <= 0) return false;
    const shown = Math.min(rect.bottom, win.innerHeight) - Math.max(rect.top, 0);
    return shown >= SEEN * rect.height;
  }

  /** Called every frame: the DOM changes only when the popover really closes. */
  function close() {
    if (!box.hidden) box.hidden = true;
  }

  /** @param {string} label */
  function open(label) {
    title.textContent = label;
    canvas.setAttribute('aria-label', `${label}: its output over the input plane, as on the main plot`);
    // Away from the finger: over the top half of the screen when the tap was low.
    box.dataset.at = pressY > win.innerHeight / 2 ? 'top' : 'bottom';
    box.hidden = false;
    const side = Math.round(canvas.getBoundingClientRect().width * (win.devicePixelRatio || 1));
    if (side > 0 && canvas.width !== side) {
      canvas.width = side;
      canvas.height = side;
    }
    copy();
  }

  function copy() {
    if (!ctx || box.hidden || plot.width === 0) return;
    ctx.drawImage(plot, 0, 0, canvas.width, canvas.height);
  }

  return {
    follow(node, label) {
      if (node === null || modality === 'mouse' || plotInView()) close();
      else open(label);
    },
    draw(focus) {
      if (focus === null) close();
      else copy();
    },
    isOpen: () => !box.hidden,
  };
}
