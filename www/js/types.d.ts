// The page's own types. The core's (its classes, functions and every value
// they take or return) are in the .d.ts wasm-bindgen writes from the Rust
// API, www/pkg/backprop_playground.d.ts (`cargo xtask build`); modules import
// them from there. Type-only: the browser never loads this file.

import type { Config, PaletteName, StepResult, Weights } from '../pkg/backprop_playground.js';

/** The module object of www/pkg/backprop_playground.js. */
export type CoreModule = typeof import('../pkg/backprop_playground.js');

/** What `window.__bp` offers tests and scripts. */
export interface ScriptingApi {
  /** replaces the whole config (missing fields take the core's defaults) and rebuilds; throws the core's refusal */
  loadConfig(config: Partial<Config>): Config;
  play(): void;
  pause(): void;
  /** the running config, defaults filled in */
  config(): Config;
  /** the latest training report */
  stats(): StepResult;
  /** every command sent to the engine is drawn: what the page shows is the run's state */
  settled(): boolean;
  /** every command sent has been answered by the engine (its pictures may still follow) */
  answered(): boolean;
  /** what the page asks the engine to compute: only what it shows */
  needs(): import('./app/engine.js').Needs;
  /** sends the engine a command it cannot carry out, as a failing worker would (tests) */
  breakEngine(): void;
  /** animation frames trained since the page loaded */
  frames(): number;
  /** the animation loop asks for no frames: nothing changed since it drew */
  loopAsleep(): boolean;
  /** the running network's weights */
  weights(): Weights;
  /** every weight and bias in flatWeights order */
  flatWeights(): number[];
  /** the race panel: running, finished, each lane's name in the legend, its latest report, the chart's drawing times (ms) */
  race(): { running: boolean, finished: boolean, legends: string[], lanes: (import('./app/race-client.js').LaneView | null)[], drawMs: number[] };
  /** 4 numbers per point: x1, x2, label, isTest */
  points(): number[];
  /** x₁, x₂ pairs of the training points as this epoch augmented them (see Playground.augmentedPoints) */
  augmented(): number[];
  /** bytes of wasm memory, and the JS heap where Chromium reports it: for soak tests */
  memory(): { wasm: number, heap: number | null };
  /** bytes of wasm memory the engine's core (in its worker) holds */
  engineMemory(): Promise<number>;
  /** what the pictures show, the epochs per frame and the palette */
  display(): { focus: number | null, discretize: boolean, showTest: boolean, showAugmented: boolean, showDeltas: boolean, speed: number, palette: PaletteName };
  /** what the network view's canvas last painted: node boxes, link widths and signs, bias squares, |δ| gauges */
  diagram(): import('./network/network.js').DiagramSnapshot;
  /** RGBA of a box of the diagram's links layer, in its device pixels, once the paints asked for so far are done (the layer may be painted in a worker, where the page cannot read it) */
  linkPixels(box: { x: number, y: number, width: number, height: number }): Promise<number[]>;
}

declare global {
  interface Window {
    __bp?: ScriptingApi;
  }
  /** The core, initialised, when the single-file build (`cargo xtask dist`) inlines it. */
  var backpropPlaygroundCore: CoreModule | undefined;
  /** The compiled core, which the single file shares with the engine's worker. */
  var backpropPlaygroundWasm: WebAssembly.Module | undefined;
  /** The engine worker's script, which the single file starts from a Blob URL. */
  var backpropPlaygroundWorkerSource: string | undefined;
  /** The element's bundle: the address of its wasm, beside it (the glue is `backpropPlaygroundCore`, not initialised). */
  var backpropPlaygroundWasmUrl: string | undefined;
  /** The element's bundle: the address of the engine's worker, a classic script beside it. */
  var backpropPlaygroundWorkerUrl: string | undefined;
  /** The element's bundles: the playground page an element's `link` opens, beside them. */
  var backpropPlaygroundPageUrl: string | undefined;
  /** The element's bundles: index.html and its stylesheets, as text (js/element/assets.js). */
  var backpropPlaygroundPage: { html: string, styles: Record<string, string> } | undefined;
}
