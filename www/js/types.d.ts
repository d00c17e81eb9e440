// Types of the wasm-bindgen module www/pkg/backprop_playground.js, written from the
// wasm API contract (crate/src/wasm/). The build runs wasm-bindgen with
// --no-typescript, so these declarations are the page's only view of the core;
// keep them in step with the contract. Type-only: the browser never loads this file.

export type DatasetName =
  | 'circle' | 'xor' | 'gauss' | 'spiral' | 'moons' | 'checkerboard' | 'blobs' | 'spiral3'
  | 'plane' | 'multiGauss' | 'custom';
/** What the labels of a custom dataset are. */
export type ProblemName = 'classification' | 'regression';
/** One example: a point of [−6, 6]² and its label (class 0..4, or a value in [−1, 1]). */
export interface DataPoint {
  x1: number;
  x2: number;
  label: number;
}
export type FeatureName = 'x1' | 'x2' | 'x1Sq' | 'x2Sq' | 'x1x2' | 'sinX1' | 'sinX2';
export type ActivationName = 'tanh' | 'sigmoid' | 'relu' | 'linear' | 'leakyRelu' | 'step' | 'softmax';
export type LossName = 'squaredError' | 'binaryCrossEntropy' | 'softmaxCrossEntropy';
export type RegularizationName = 'none' | 'l1' | 'l2';
export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsProp' | 'adam';
export type ScheduleName = 'constant' | 'stepDecay' | 'reduceOnPlateau';
export type InitName = 'uniform' | 'xavier' | 'he' | 'equal' | 'zero';
export type PaletteName = 'default' | 'colorBlind';

/** A full, validated config, as `Playground.config()` and `defaultConfig()` return it (crate/src/config.rs). */
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
  /** classes of the blobs dataset, 2..=5 */
  classes: number;
  /** the points of the `custom` dataset (2..=5000), ignored by the others */
  customPoints: DataPoint[];
  /** what the labels of `customPoints` are */
  customProblem: ProblemName;
  features: FeatureName[];
  /** units per hidden layer: 0..=8 layers, each 1..=32 */
  hidden: number[];
  activation: ActivationName;
  /** one per hidden layer, or empty (all take `activation`) */
  hiddenActivations: ActivationName[];
  /** null: the one the loss and problem call for */
  outputActivation: ActivationName | null;
  init: InitName;
  initRange: number;
  initBias: number;
  freezeBiases: boolean;
  loss: LossName;
  /** η, > 0 and ≤ 10 */
  learningRate: number;
  /** 1..=number of training points */
  batchSize: number;
  optimizer: OptimizerName;
  momentum: number;
  rho: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  schedule: ScheduleName;
  decayEvery: number;
  decayFactor: number;
  plateauPatience: number;
  minLearningRate: number;
  regularization: RegularizationName;
  regularizationRate: number;
  /** one rate per hidden layer, or empty */
  dropout: number[];
  maxEpochs: number;
  lossThreshold: number;
  patience: number;
  jitter: number;
  rotation: number;
  scaling: number;
  /** u32 seed of the initial weights, the shuffling, dropout and augmentation */
  seed: number;
}

/** Why training stopped by itself. */
export interface StopInfo {
  kind: 'maxEpochs' | 'lossBelowThreshold' | 'noImprovement' | 'diverged';
  message: string;
}

/** What `step(epochs)` reports; accuracies are fractions 0..1, null for regression. */
export interface StepResult {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number | null;
  testAccuracy: number | null;
  /** η the next epoch uses */
  learningRate: number;
  stopped: StopInfo | null;
}

/** The metrics of one set of examples (`Playground.metrics()`). */
export interface SetMetrics {
  /** number of examples in the set */
  count: number;
  /** fraction 0..1 classified correctly; null for regression */
  accuracy: number | null;
  /** k×k counts, row-major: rows = true class, columns = predicted class; null for regression */
  confusion: number[] | null;
  /** 1 − SS_res/SS_tot; null for classification or where undefined */
  rSquared: number | null;
}

/** Accuracy and confusion matrix, or R², of the current weights. */
export interface Metrics {
  /** k (2 with one output node), null for regression */
  classes: number | null;
  train: SetMetrics;
  test: SetMetrics;
}

/** What a divergence did, while training is paused by it (every number finite). */
export interface DivergenceInfo {
  /** the epoch being trained (the counter still shows the one before) */
  epoch: number;
  /** the batch whose step made something non-finite, 1-based, of `batches` */
  batch: number;
  batches: number;
  what: 'loss' | 'weight';
  /** weight layer of the first non-finite weight, when `what` is 'weight' */
  layer: number | null;
  learningRate: number;
  lowestEpoch: number;
  lowestLoss: number;
  /** batches of `epoch` included in the weights now held (0: those of the epoch before) */
  restoredAfterBatch: number;
  restoredLoss: number;
  message: string;
}

export interface LayerWeights {
  /** [i][j]: from node i of the previous layer to node j */
  weights: number[][];
  biases: number[];
  activation: ActivationName;
}

/**
 * The opaque handle to a network, its data and its training state, all living in wasm.
 * Nodes are numbered layer by layer from the inputs: the active features first
 * (in `featureNames()` order), then each hidden layer's units, then the outputs.
 */
export interface Playground {
  config(): Config;
  isClassification(): boolean;
  reset(): void;
  step(epochs: number): StepResult;
  stats(): StepResult;
  resume(): void;
  regenerateData(dataSeed: number): void;
  setPalette(name: PaletteName): void;
  outputs(): number;
  predict(x1: number, x2: number): number;
  predictAll(x1: number, x2: number): Float64Array;
  /** x1, x2 pairs of the training points as augmented in the last epoch */
  augmentedPoints(): Float64Array;
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
  /** the output's heatmap, or for k classes the argmax class's colour, paler where unsure */
  decisionHeatmap(discretize: boolean): Uint8ClampedArray<ArrayBuffer>;
  /** heatmap of any of the seven features over an n×n grid, used by the network or not */
  featureHeatmap(name: FeatureName, n: number): Uint8ClampedArray<ArrayBuffer>;
  /** raw values of a node over the last grid, heatmap layout */
  nodeValues(node: number): Float64Array;
  nodeCount(): number;
  /** 3 numbers per recorded epoch: epoch, trainLoss, testLoss */
  history(): Float64Array;
  /** number of weight layers L */
  gradientLayers(): number;
  /** 1 + L numbers per recorded epoch (from epoch 1): epoch, then mean |∂L/∂w| of each weight layer, inputs first */
  gradientFlow(): Float64Array;
  /** mean |δ_j| over the last epoch, per hidden and output node (node index − inputs); empty before epoch 1 */
  nodeDeltas(): Float64Array;
  metrics(): Metrics;
  /** null unless training is paused by a divergence */
  divergence(): DivergenceInfo | null;
  /** takes the last finite weights as the run's own; false when not paused by a divergence */
  restoreLastFinite(): boolean;
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
  benchConfig(name: string): Partial<Config>;
  /** fixes an incoherent loss / output / problem combination and says what changed */
  coherentConfig(config: Partial<Config>): { config: Config, notes: string[] };
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
  /** the running network's weights */
  weights(): { layers: LayerWeights[] };
  /** 4 numbers per point: x1, x2, label, isTest */
  points(): number[];
  /** what the pictures show, the epochs per frame and the palette */
  display(): { focus: number | null, discretize: boolean, showTest: boolean, speed: number, palette: PaletteName };
}

declare global {
  interface Window {
    __bp?: ScriptingApi;
  }
}
