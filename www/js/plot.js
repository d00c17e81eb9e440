// @ts-check
// Draws the decision boundary: the output node's heatmap over the input square
// [−6, 6]², scaled to the canvas, and the data points on top as vector circles at
// device resolution. The canvas's backing store follows its CSS size times the
// device pixel ratio, so the drawing stays crisp on HiDPI screens.

/** @typedef {import('./types').Playground} Playground */

/** Grid cells per side that the core evaluates for the heatmap. */
export const GRID_SIZE = 100;
/** The data square drawn is [−DOMAIN, DOMAIN]² (the core's grid covers the same). */
export const DOMAIN = 6;
/** Opacity of the heatmap over white, so the points' own colours stand out. */
const HEATMAP_ALPHA = 0.9;
/** Point radius in CSS pixels. */
const POINT_RADIUS = 3.5;
const POINT_EDGE = 'rgba(22, 27, 34, 0.9)';

/**
 * Canvas coordinates (fractions 0..1 of width and height) of a data point:
 * x1 runs left → right, x2 bottom → top.
 * @param {number} x1
 * @param {number} x2
 * @returns {[number, number]}
 */
export function dataToUnit(x1, x2) {
  return [(x1 + DOMAIN) / (2 * DOMAIN), (DOMAIN - x2) / (2 * DOMAIN)];
}

/**
 * @typedef {object} BoundaryPlot
 * @property {(pg: Playground) => void} setData  reads the (fixed) points of a new Playground
 * @property {(pg: Playground) => void} draw     evaluates the grid and redraws everything
 */

/**
 * @param {HTMLCanvasElement} canvas
 * @returns {BoundaryPlot}
 */
export function createBoundaryPlot(canvas) {
  const ctx = canvas.getContext('2d');
  // The heatmap is rendered once per frame at grid resolution, then scaled.
  const grid = canvas.ownerDocument.createElement('canvas');
  grid.width = GRID_SIZE;
  grid.height = GRID_SIZE;
  const gridCtx = grid.getContext('2d');
  if (!ctx || !gridCtx) throw new Error('2D canvas is not available');

  /** @type {{ points: Float64Array, colors: Uint8Array }} */
  let data = { points: new Float64Array(0), colors: new Uint8Array(0) };

  function render() {
    if (!ctx) return;
    const width = canvas.width;
    const height = canvas.height;
    const scale = canvas.clientWidth > 0 ? width / canvas.clientWidth : window.devicePixelRatio || 1;

    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.globalAlpha = HEATMAP_ALPHA;
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(grid, 0, 0, width, height);
    ctx.restore();

    const { points, colors } = data;
    const r = POINT_RADIUS * scale;
    for (let i = 0; i * 4 < points.length; i += 1) {
      const [u, v] = dataToUnit(points[4 * i], points[4 * i + 1]);
      const x = u * width;
      const y = v * height;
      const color = `rgb(${colors[4 * i]}, ${colors[4 * i + 1]}, ${colors[4 * i + 2]})`;
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      if (points[4 * i + 3] === 0) {
        // Training point: a filled disc with a dark rim.
        ctx.fillStyle = color;
        ctx.fill();
        ctx.lineWidth = 1 * scale;
        ctx.strokeStyle = POINT_EDGE;
        ctx.stroke();
      } else {
        // Test point: a ring in the label's colour, rimmed dark inside and out.
        ctx.lineWidth = 3.2 * scale;
        ctx.strokeStyle = POINT_EDGE;
        ctx.stroke();
        ctx.lineWidth = 1.6 * scale;
        ctx.strokeStyle = color;
        ctx.stroke();
      }
    }
  }

  /**
   * Resizes the backing store to the canvas's size in device pixels.
   * @param {number} width
   * @param {number} height
   */
  function fit(width, height) {
    if (width < 1 || height < 1) return;
    if (canvas.width === width && canvas.height === height) return;
    canvas.width = width;
    canvas.height = height;
    render();
  }

  /**
   * Fits the backing store to an observed size. The exact device-pixel box is
   * preferred, but Chromium's device-scale emulation (headless tests) leaves it at
   * CSS size, so it is trusted only when it agrees with CSS size × devicePixelRatio.
   * @param {ResizeObserverEntry} entry
   */
  function fitEntry(entry) {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(entry.contentRect.width * ratio);
    const height = Math.round(entry.contentRect.height * ratio);
    const device = entry.devicePixelContentBoxSize?.[0];
    if (device && Math.abs(device.inlineSize - width) <= 2 && Math.abs(device.blockSize - height) <= 2) {
      fit(device.inlineSize, device.blockSize);
    } else {
      fit(width, height);
    }
  }

  const observer = new ResizeObserver((entries) => entries.forEach(fitEntry));
  try {
    observer.observe(canvas, { box: 'device-pixel-content-box' });
  } catch {
    observer.observe(canvas);
  }

  // Zooming or moving to another screen changes the ratio without a resize.
  const watchRatio = () => {
    const query = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    query.addEventListener('change', () => {
      const rect = canvas.getBoundingClientRect();
      const ratio = window.devicePixelRatio || 1;
      fit(Math.round(rect.width * ratio), Math.round(rect.height * ratio));
      watchRatio();
    }, { once: true });
  };
  watchRatio();

  return {
    setData(pg) {
      data = { points: pg.points(), colors: pg.pointColors() };
    },
    draw(pg) {
      pg.evaluateGrid(GRID_SIZE);
      const bytes = pg.heatmap(pg.nodeCount() - 1, false);
      gridCtx.putImageData(new ImageData(bytes, GRID_SIZE, GRID_SIZE), 0, 0);
      render();
    },
  };
}
