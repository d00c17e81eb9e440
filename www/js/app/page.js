// @ts-check
// The page's parts, built once at boot and reached through one object, so
// that the modules that wire them (page-view.js, apply.js, handlers.js,
// scripting.js) stay small. Parts that need each other find each other here
// when they run, not when they are built.

/** @typedef {import('../types').CoreModule} CoreModule */
/** @typedef {import('./state.js').AppState} AppState */
/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {import('./loop.js').Loop} Loop */
/** @typedef {import('./loop.js').View} View */

/**
 * @typedef {object} Page
 * @property {import('../lib/dom.js').Root} doc  where its elements live: the page, or an element's shadow root
 * @property {CoreModule} core
 * @property {WebAssembly.Module} module   the compiled core, shared with the workers
 * @property {AppState} state
 * @property {Engine} engine
 * @property {boolean} engineFailed          the engine's worker failed; Reset starts another
 * @property {View} view
 * @property {Loop} loop
 * @property {import('../output/plot.js').BoundaryPlot} plot
 * @property {import('../output/readouts.js').Readouts} readouts
 * @property {import('../output/chart.js').LossChart} chart
 * @property {import('../output/gradflow.js').GradientFlowChart} gradflow
 * @property {import('../output/metrics.js').MetricsPanel} metrics
 * @property {import('../output/surface.js').SurfaceView} surface
 * @property {import('../output/race.js').RaceView} race
 * @property {import('../output/status.js').Status} status
 * @property {import('../output/divergence.js').DivergenceNotice} divergence
 * @property {import('../network/network.js').NetworkView} network
 * @property {import('../network/focus-popover.js').FocusPopover} focusPopover
 * @property {import('../network/deltas.js').DeltaGauges} deltas
 * @property {import('../controls/controls.js').Controls} controls
 * @property {ReturnType<typeof import('../inspector/inspector.js').createInspector>} inspector
 * @property {ReturnType<typeof import('../controls/draw.js').createDrawing>} drawing
 * @property {ReturnType<typeof import('./link.js').createLinks>} links
 * @property {ReturnType<typeof import('./lessons.js').createLessons>} lessons
 * @property {(config: Partial<import('../../pkg/backprop_playground.js').Config>, force: boolean) => string | null} apply
 *   makes a config the running one (app/apply.js); the core's refusal, or null
 * @property {() => void} showNetwork  shows a new run: its config in the form at once; its data, its
 *   elements and its output in tasks of their own (`drawSoon`)
 * @property {() => void} drawSoon  draws the state's run in a task of its own, after the page's layout
 *   and its losses (`measureRun`) in others: what a change leaves to draw is not added to its task
 * @property {() => void} showSettings  shows new training settings of the same run: the form and the
 *   output (its data and network are as they were)
 * @property {() => void} resumeAfterStop  lets training go on after it stopped by itself
 * @property {boolean} autoplay  the link asked to train at once (`autoplay=1`, `#bench=`)
 * @property {((page: Page) => void) | null} rendered  called after each drawing of the run
 * @property {Set<{ cancel: () => void }>} searches  the searches running (handlers.js)
 * @property {() => void} close  ends its workers and its frames: the page is going away (an element removed)
 */

export {};
