// Types of the wasm-bindgen module www/pkg/backprop_playground.js, written from the
// wasm API contract (crate/src/wasm.rs). The build runs wasm-bindgen with
// --no-typescript, so these declarations are the page's only view of the core;
// keep them in step with the contract. Type-only: the browser never loads this file.

export type DatasetName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'plane' | 'multiGauss';
export type FeatureName = 'x1' | 'x2' | 'x1Sq' | 'x2Sq' | 'x1x2' | 'sinX1' | 'sinX2';
export type ActivationName = 'tanh' | 'sigmoid' | 'relu' | 'linear';
export type LossName = 'squaredError' | 'binaryCrossEntropy';
export type RegularizationName = 'none' | 'l1' | 'l2';

/** A full, validated config, as `Playground.config()` and `defaultConfig()` return it. */
export interface Config {
  dataset: DatasetName;
  /** null → 500 for classification datasets, 1200 for regression; 10..=5000 */
  numPoints: number | null;
  /** percent, 0..=50 */
  noise: number;
  /** percent of the points used for training, 10..=90 */
  trainRatio: number;
  /** u32 seed of the data generator */
  dataSeed: number;
  features: FeatureName[];
  /** units per hidden layer: 0..=8 layers, each 1..=32 */
  hidden: number[];
  activation: ActivationName;
  loss: LossName;
  /** η, > 0 and ≤ 10 */
  learningRate: number;
  /** 1..=number of training points */
  batchSize: number;
  regularization: RegularizationName;
  regularizationRate: number;
  initRange: number;
  initBias: number;
  freezeBiases: boolean;
  /** u32 seed of the initial weights and the shuffling */
  seed: number;
}

/** What `step(epochs)` reports; accuracies are fractions 0..1, null for regression. */
export interface StepResult {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number | null;
  testAccuracy: number | null;
}

export interface LayerWeights {
  /** [i][j]: from node i of the previous layer to node j */
  weights: number[][];
  biases: number[];
}

/** The opaque handle to a network, its data and its training state, all living in wasm. */
export interface Playground {
  config(): Config;
  isClassification(): boolean;
  reset(): void;
  step(epochs: number): StepResult;
  predict(x1: number, x2: number): number;
  /** 4 numbers per point: x1, x2, label, isTest (0|1) */
  points(): Float64Array;
  /** 4 bytes (RGBA) per point, same order as points() */
  pointColors(): Uint8Array;
  layerSizes(): Uint32Array;
  featureNames(): FeatureName[];
  weights(): { layers: LayerWeights[] };
  setWeight(layer: number, i: number, j: number, value: number): void;
  setBias(layer: number, j: number, value: number): void;
  /** evaluates every node over an n×n grid of [−6, 6]², 2 ≤ n ≤ 400 */
  evaluateGrid(n: number): void;
  /** n·n·4 RGBA bytes of the last grid, row 0 at x2 = +6, column 0 at x1 = −6 */
  heatmap(node: number, discretize: boolean): Uint8ClampedArray<ArrayBuffer>;
  nodeCount(): number;
  /** 3 numbers per recorded epoch: epoch, trainLoss, testLoss */
  history(): Float64Array;
  free(): void;
}

export interface PlaygroundConstructor {
  /** throws an Error whose message names every invalid field, one per line */
  new (config: Partial<Config>): Playground;
}

/** The module object of www/pkg/backprop_playground.js. */
export interface CoreModule {
  default: (moduleOrPath?: unknown) => Promise<unknown>;
  Playground: PlaygroundConstructor;
  defaultConfig(): Config;
  freshSeed(): number;
}

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
  /** animation frames trained since the page loaded */
  frames(): number;
}

declare global {
  interface Window {
    __bp?: ScriptingApi;
  }
}
