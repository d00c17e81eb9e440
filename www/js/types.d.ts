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
/** one of the optimizer menu's choices in `schema()` (crate/src/optimizer.rs `OptimizerKind::ALL`) */
export type OptimizerName = string;
export type ScheduleName = 'constant' | 'stepDecay' | 'reduceOnPlateau';
export type InitName = 'uniform' | 'xavier' | 'he' | 'equal' | 'zero';
export type PaletteName = 'default' | 'colorBlind';

/** A full, validated config, as `Playground.config()` returns it (crate/src/config.rs). */
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
  /** at most `batches` batches, going on with the epoch under way */
  stepBatches(batches: number): StepResult;
  /** [batches trained, batches] of the epoch under way; [] between epochs */
  epochProgress(): Uint32Array;
  stats(): StepResult;
  resume(): void;
  /** carries the run on under `config` (returns []) when only training settings differ; else the fields that make it another run, and nothing changes */
  continueWith(config: Partial<Config>): string[];
  regenerateData(dataSeed: number): void;
  setPalette(name: PaletteName): void;
  outputs(): number;
  /** x1, x2 pairs of the training points as augmented in the last epoch (before one, as the next will); empty when augmentation is off */
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
  nodeCount(): number;
  /** 3 numbers per recorded epoch: epoch, trainLoss, testLoss */
  history(): Float64Array;
  /** the trace of one gradient step on (x1, x2) → y, as training it with batch size 1 would compute it; changes nothing */
  inspectExample(x1: number, x2: number, y: number): InspectorTrace;
  /** takes that step on the running network (the epoch does not advance) and returns its trace */
  trainExample(x1: number, x2: number, y: number): InspectorTrace;
  /** sets every weight and threshold at once, keeping the shape; throws naming the first refused value */
  setLayers(layers: { weights: number[][], biases: number[] }[]): void;
  /** every weight and bias in link order: layer by layer, w_ij row by row, then the biases */
  flatWeights(): Float64Array;
  /** replaces every weight and bias (flatWeights order); throws if they do not fit */
  setFlatWeights(values: ArrayLike<number>): void;
  /** what a step needs besides the weights: the schedule's state and the optimizer's */
  trainerState(): Float64Array;
  /** takes another run's trainerState (same config and shape); throws if it does not fit */
  setTrainerState(values: ArrayLike<number>): void;
  /** the points as CSV: header x1,x2,label, one line per point, numbers exact */
  dataCsv(): string;
  /** the model file: config and every layer's weights at full precision */
  modelFile(): ModelFile;
  /** number of weight layers L */
  gradientLayers(): number;
  /** 1 + L numbers per recorded epoch (from epoch 1): epoch, then mean |∂L/∂w| of each weight layer, inputs first */
  gradientFlow(): Float64Array;
  /** mean |δ_j| over the last epoch, per hidden and output node (node index − inputs); empty before epoch 1 */
  nodeDeltas(): Float64Array;
  metrics(): Metrics;
  /** null unless training is paused by a divergence */
  divergence(): DivergenceInfo | null;
  free(): void;
}

export interface PlaygroundConstructor {
  /** throws an Error whose message names every invalid field, one per line */
  new (config: Partial<Config>): Playground;
}

/** One finished random restart (crate/src/wasm/search.rs). */
export interface RestartResult {
  /** which restart, 0..K−1 */
  index: number;
  seed: number;
  /** epochs trained: fewer than asked when a stopping rule fired */
  epochs: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number | null;
  testAccuracy: number | null;
}

export interface RestartReport {
  /** the K seeds, the run's own first */
  seeds: number[];
  /** epochs each restart trains */
  epochs: number;
  /** the finished restarts, in seed order */
  restarts: RestartResult[];
  /** index into `restarts` of the lowest test loss, null before any finished */
  best: number | null;
  /** 0..1 */
  progress: number;
  done: boolean;
}

/** K runs from K seeds trained in slices; freeing it cancels the job. */
export interface RestartSearch {
  /** trains only share `index` of `of` (restarts index, index + of, …); before advance */
  share(index: number, of: number): void;
  /** trains at most `epochs` epochs (at least one) and returns the fraction done */
  advance(epochs: number): number;
  done(): boolean;
  results(): RestartReport;
  /** a copy of the best restart's trained run; its config carries its seed */
  best(): Playground;
  free(): void;
}

export interface RestartSearchConstructor {
  /** throws an Error naming the setting out of range (restarts 2..=20, epochs 1..=100000) */
  new (config: Partial<Config>, restarts: number, epochs: number): RestartSearch;
}

/** The validation losses of one unit count. */
export interface UnitsResult {
  units: number;
  /** the hidden layers this count sets */
  hidden: number[];
  /** validation loss of each finished fold */
  losses: number[];
  /** over the folds once all are done, null before; sd is the sample standard deviation */
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
}

export interface CvReport {
  folds: number;
  epochs: number;
  /** one per unit count, ascending */
  units: UnitsResult[];
  /** index into `units` of the lowest mean, null before any count is complete */
  best: number | null;
  /** the hidden layers of the best count: every layer set to it (one layer if the run has none) */
  bestHidden: number[] | null;
  progress: number;
  done: boolean;
}

/** k-fold cross-validation of the number of hidden units over the training set. */
export interface CrossValidation {
  /** trains only share `index` of `of` (unit counts index, index + of, … of the range); before advance */
  share(index: number, of: number): void;
  advance(epochs: number): number;
  done(): boolean;
  /** the fold (0..k−1) of each training example, in training-set order */
  folds(): Uint32Array;
  results(): CvReport;
  free(): void;
}

export interface CrossValidationConstructor {
  /** k 3..=10, units 1..=32 (from ≤ to), epochs 1..=100000; throws an Error naming what is wrong */
  new (config: Partial<Config>, folds: number, unitsFrom: number, unitsTo: number, epochs: number): CrossValidation;
}

/** The module object of www/pkg/backprop_playground.js. */
/** A plane of weight space through a run's weights (the loss surface). */
export interface SurfacePlane {
  /** the same directions through the run's weights now */
  through(pg: Playground): SurfacePlane;
  /** the weights at (u, v), flat order */
  at(u: number, v: number): Float64Array;
  /** [u, v] of the point of the plane nearest these weights (flat order) */
  coordinates(weights: Float64Array | number[]): Float64Array;
  /** rows `from` to `to` of the size × size training loss within ±range, from the top (v = +range); Infinity where it overflows */
  rows(pg: Playground, range: number, size: number, from: number, to: number): Float64Array;
  /** [∂f/∂u, ∂f/∂v] at the run's weights */
  slope(pg: Playground): Float64Array;
  free(): void;
}

export interface SurfacePlaneStatics {
  /** along two weights (flat indices); throws naming what is wrong */
  alongWeights(pg: Playground, a: number, b: number): SurfacePlane;
  /** along two seeded filter-normalised random directions */
  random(pg: Playground, seed: number): SurfacePlane;
}

export interface CoreModule {
  default: (moduleOrPath?: unknown) => Promise<unknown>;
  /** initialises the module from compiled wasm (the engine's worker gets it from the page) */
  initSync(options: { module: WebAssembly.Module }): unknown;
  Playground: PlaygroundConstructor;
  SurfacePlane: SurfacePlaneStatics;
  /** every setting, display setting, palette, feature symbol and limit (crate/src/schema.rs) */
  schema(): Schema;
  freshSeed(): number;
  /** the index of the lowest value, the first of equals (a finite one beats one that is not): the searches' "best" */
  lowestIndex(values: Float64Array | number[]): number | undefined;
  /** bytes of wasm memory the core holds now */
  memoryBytes(): number;
  benchConfig(name: string): Partial<Config>;
  /** fixes an incoherent loss / output / problem combination and says what changed */
  coherentConfig(config: Partial<Config>): { config: Config, notes: string[] };
  /** how many of `points` points train at `trainRatio` percent, as a run splits them */
  trainCount(points: number, trainRatio: number): number;
  RestartSearch: RestartSearchConstructor;
  CrossValidation: CrossValidationConstructor;
  /** the backprop inspector's exercises from the course */
  inspectorPresets(): InspectorPreset[];
  /** the notes' f = (x + y)·z after forward and backward with ∂L/∂f = upstream: nodes x, y, z, q, f */
  computationalGraph(x: number, y: number, z: number, upstream: number): GraphNode[];
  /** a textbook exercise: a network of its own; throws a FieldError naming the first refused field */
  Exercise: ExerciseConstructor;
  /** what an exercise may hold */
  exerciseLimits(): ExerciseLimits;
  /** checks an exercise's layer sizes [inputs, hidden…, outputs]; throws a FieldError (field "sizes") */
  checkExerciseSizes(sizes: number[]): void;
  /** reads any location hash; never throws; state.config always validates */
  decodeLink(hash: string): DecodedLink;
  /** the config fields (link order) that differ from the named lesson's settings; [] without a lesson */
  lessonChanges(state: { config?: Partial<Config>, lesson?: string | null }): string[];
  /** writes a link (without '#'); every part optional */
  encodeLink(state: { config?: Partial<Config>, display?: Partial<LinkDisplay>, weights?: number[] | null, lesson?: string | null, pageOptions?: [string, string][] }): string;
  /** longest link, in characters after '#', the page offers to share */
  linkLimit(): number;
  /** every name a link reads, each list in link order: settings, display settings, `lesson` and `weights`, the page's own names */
  linkNames(): { settings: string[], display: string[], state: string[], page: string[] };
  /** the lessons menu, in order */
  lessons(): LessonInfo[];
  /** `config` with a CSV file's points as its custom dataset; throws one line per problem */
  configFromCsv(config: Partial<Config>, text: string): { config: Config, points: number, problem: ProblemName };
  /** checks a parsed model file; throws naming the part that is wrong */
  /** why a file of `bytes` bytes is not opened (too large), or undefined */
  fileSizeProblem(name: string, bytes: number): string | undefined;
  readModel(file: unknown): { config: Config, weights: number[], epoch: number };
}

/** One example for the backprop inspector: y is the target with one output, the class with k. */
export interface InspectorExample {
  x1: number;
  x2: number;
  y: number;
}

/** An input node i: o_i = x_i and ∂L/∂x_i = Σ_j w_ij δ_j. */
export interface InputTrace {
  value: number;
  gradient: number;
}

/** A node j after the inputs, in one per-example step (crate/src/inspect.rs). */
export interface UnitTrace {
  net: number;
  out: number;
  /** ∂L/∂ŷ_j for an output node, Σ_k w_jk δ_k for a hidden one */
  outputGradient: number;
  /** φ′(net_j); null for softmax */
  derivative: number | null;
  /** δ_j = ∂L/∂net_j */
  delta: number;
  /** y_j for an output node, else null */
  target: number | null;
}

/** A weight w_ij (or a threshold w_0j, whose input is 1) through one step. */
export interface WeightTrace {
  before: number;
  /** o_i */
  input: number;
  /** δ_j */
  delta: number;
  /** ∂L/∂w_ij = o_i δ_j as the trainer computed it (0 for a frozen threshold) */
  gradient: number;
  /** γ ∂R/∂w_ij */
  penalty: number;
  /** the change the optimizer made: after − before */
  update: number;
  after: number;
}

export interface LayerTrace {
  activation: ActivationName;
  units: UnitTrace[];
  /** [i][j] */
  weights: WeightTrace[][];
  biases: WeightTrace[];
}

/** Everything one per-example step computed. */
export interface InspectorTrace {
  loss: LossName;
  /** L of this example */
  lossValue: number;
  learningRate: number;
  optimizer: OptimizerName;
  regularization: RegularizationName;
  regularizationRate: number;
  frozenBiases: boolean;
  /** how the output δ is formed: (∂L/∂ŷ)·φ′, ŷ − y, or through softmax's Jacobian */
  outputRule: 'product' | 'difference' | 'softmaxJacobian';
  inputs: InputTrace[];
  layers: LayerTrace[];
}

export interface InspectorPreset {
  id: string;
  title: string;
  summary: string;
  config: Config;
  layers: { weights: number[][], biases: number[] }[];
  examples: InspectorExample[];
}

/** A refusal from the core: `field` is the refused field's stable name (sizes, eta, w1,3, x1, y2, …). */
export interface FieldError extends Error {
  field?: string;
}

/** What a textbook exercise may hold (crate/src/inspect/exercise.rs). */
export interface ExerciseLimits {
  maxInputs: number;
  maxHiddenLayers: number;
  /** units per hidden layer */
  maxUnits: number;
  maxOutputs: number;
  maxExamples: number;
  /** largest magnitude of an input x_i or a target y_k */
  maxValue: number;
  /** largest magnitude of a weight or threshold */
  maxWeight: number;
  maxLearningRate: number;
  hiddenActivations: ActivationName[];
  outputActivations: ActivationName[];
}

/** One example of an exercise: x_i per input node, a real y_k per output node. */
export interface ExerciseExample {
  inputs: number[];
  targets: number[];
}

/** A textbook exercise as typed: L = ½ Σ_k (y_k − ŷ_k)², plain gradient descent. */
export interface ExerciseSpec {
  /** [inputs, units of each hidden layer…, outputs] */
  sizes: number[];
  hiddenActivation: ActivationName;
  outputActivation: ActivationName;
  trainBiases: boolean;
  learningRate: number;
  layers: { weights: number[][], biases: number[] }[];
  examples: ExerciseExample[];
}

/** The opaque handle to a textbook exercise living in wasm. */
export interface Exercise {
  /** the trace of one step on example h (0-based), changing nothing */
  inspect(h: number): InspectorTrace;
  /** takes that step and returns its trace */
  train(h: number): InspectorTrace;
  layerSizes(): Uint32Array;
  /** the exercise now, its weights after every applied step */
  spec(): ExerciseSpec;
  free(): void;
}

export interface ExerciseConstructor {
  new (spec: ExerciseSpec): Exercise;
}

/** A node of the computational graph after forward and backward. */
export interface GraphNode {
  name: string;
  op: 'input' | 'add' | 'mul';
  inputs: number[];
  value: number;
  /** ∂node/∂input_k */
  local: number[];
  /** ∂L/∂node */
  gradient: number;
}

/** What a link shows besides the config (crate/src/link.rs Display). */
export interface LinkDisplay {
  showTest: boolean;
  discretize: boolean;
  colorBlind: boolean;
  /** epochs per animation frame, 1..=100 */
  speed: number;
  showAugmented: boolean;
  /** the |δ_j| gauges on the network's nodes */
  showDeltas: boolean;
}

/** Everything a link holds. */
export interface LinkState {
  config: Config;
  display: LinkDisplay;
  /** every weight and bias (flatWeights order) at f32 precision; null: the seed's */
  weights: number[] | null;
  /** a lesson id, or null */
  lesson: string | null;
  /** embed-mode names (embed, show, autoplay, *_hide, bench) and their values, untouched */
  pageOptions: [string, string][];
}

/** One part of a link that could not be used. */
export interface LinkWarning {
  field: string;
  value: string;
  /** what was used instead, e.g. "used the default, 0.03" or "ignored" */
  used: string;
  /** the whole sentence for the page (plain text) */
  message: string;
}

export interface DecodedLink {
  state: LinkState;
  warnings: LinkWarning[];
}

export interface LessonInfo {
  id: string;
  title: string;
  /** one paragraph in the course's words */
  caption: string;
  /** the lesson's hash, without '#' */
  link: string;
}

/** A model file (crate/src/files.rs ModelFile). */
export interface ModelFile {
  format: 'backprop-playground-model';
  version: number;
  epoch: number;
  config: Config;
  layers: LayerWeights[];
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
  /** the running network's weights */
  weights(): { layers: LayerWeights[] };
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

/** A number setting's allowed values (crate/src/schema.rs `NumberRange`). */
export interface SchemaRange {
  name: string;
  symbol?: string;
  low: number;
  high: number;
  /** the low end itself is refused (η) */
  lowOpen: boolean;
  integer: boolean;
  /** what the low end means when it switches the setting off */
  lowMeans?: string;
  unit: string;
}

/** One choice of a menu. */
export interface SchemaChoice {
  name: string;
  label: string;
  help?: string;
}

/** One setting as the page presents it (crate/src/schema.rs `Setting`). */
export interface SchemaSetting {
  name: string;
  kind: 'number' | 'integer' | 'choice' | 'boolean' | 'perLayer' | 'features' | 'points' | 'seed';
  group: string;
  label: string;
  unit: string;
  help: string;
  /** the default as a link writes it; null when unset */
  default: string | null;
  range?: SchemaRange;
  /** what the range allows, in the core's messages' words */
  allowed?: string;
  choices?: SchemaChoice[];
  /** shown only while the menu [0] has one of the choices [1] */
  when?: [string, string[]];
}

/** A palette's colours as RGB triples. */
export interface SchemaPalette {
  name: string;
  negative: [number, number, number];
  middle: [number, number, number];
  positive: [number, number, number];
  classes: [number, number, number][];
}

/** What `schema()` returns. */
export interface Schema {
  settings: SchemaSetting[];
  display: SchemaSetting[];
  palettes: SchemaPalette[];
  features: SchemaChoice[];
  limits: {
    maxHiddenLayers: number;
    maxUnits: number;
    points: [number, number];
    customPoints: [number, number];
    maxClasses: number;
    maxDropout: number;
    maxSpeed: number;
  };
}
