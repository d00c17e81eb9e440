//! A training run: the data, the network, the seeded generator, and what has
//! been learned so far. The wasm boundary wraps exactly one of these.

mod change;
mod epoch;
mod grid;

use std::borrow::Cow;

use nalgebra::DMatrix;

use crate::config::{Config, ValidConfig};
use crate::data::{self, DatasetKind, Feature, Point};
use crate::divergence::Divergence;
use crate::gradflow::GradientFlow;
use crate::history::{HistoryPoint, LossHistory};
use crate::inspect::{self, Example, Trace};
use crate::metrics::{Metrics, SetMetrics};
use crate::network::Network;
use crate::optimizer::Optimizer;
use crate::render::{self, Palette};
use crate::rng::{stream, Pcg32};
use crate::schedule::Schedule;
use crate::train::{StepSettings, Workspace};

pub use change::{STEERING_FIELDS, TRAINING_FIELDS};
pub use grid::GridEvaluation;
use grid::{Grids, Keep};

/// Most loss-curve points kept; older ones are thinned evenly past this.
const HISTORY_CAPACITY: usize = 2000;
/// Steps looked back, after a divergence, for weights with a finite loss
/// before falling back to the start of the epoch.
const SNAPSHOTS: usize = 16;
/// Largest magnitude a weight or bias may be set to by hand.
pub const MAX_EDITED_WEIGHT: f64 = 1000.0;

/// Inputs and targets of a set of examples: rows = examples.
#[derive(Debug, Clone)]
pub struct Examples {
    /// rows = examples, columns = features.
    pub inputs: DMatrix<f64>,
    /// rows = examples, one column per output node.
    pub targets: DMatrix<f64>,
}

impl Examples {
    pub fn len(&self) -> usize {
        self.inputs.nrows()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Why training stopped by itself.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StopReason {
    /// The configured maximum number of epochs was reached.
    MaxEpochs { max: u64 },
    /// The training loss fell below θ (the notes: "if Loss > θ start a new epoch").
    LossBelowThreshold { threshold: f64 },
    /// The test loss had not improved for `patience` epochs; the weights of
    /// its best epoch were put back.
    NoImprovement { patience: u64, best_epoch: u64 },
    /// A batch made the loss or a weight non-finite; the run went back to the
    /// last weights whose training loss is finite.
    Diverged(Divergence),
}

impl StopReason {
    /// A sentence for the page.
    pub fn message(&self) -> String {
        match self {
            StopReason::MaxEpochs { max } => format!("Stopped: reached the maximum of {max} epochs."),
            StopReason::LossBelowThreshold { threshold } => {
                format!("Stopped: the training loss fell below θ = {threshold}.")
            }
            StopReason::NoImprovement { patience, best_epoch } => format!(
                "Stopped early: the test loss did not improve for {patience} epochs; the weights of epoch {best_epoch}, where it was lowest, are back."
            ),
            StopReason::Diverged(divergence) => divergence.message(),
        }
    }

    /// Which rule stopped training, without its figures.
    pub fn kind(&self) -> StopKind {
        match self {
            StopReason::MaxEpochs { .. } => StopKind::MaxEpochs,
            StopReason::LossBelowThreshold { .. } => StopKind::LossBelowThreshold,
            StopReason::NoImprovement { .. } => StopKind::NoImprovement,
            StopReason::Diverged { .. } => StopKind::Diverged,
        }
    }
}

/// Which rule stopped training: its short name for the page, scripts and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum StopKind {
    MaxEpochs,
    LossBelowThreshold,
    NoImprovement,
    Diverged,
}

/// What one epoch (or the state at epoch 0) measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochStats {
    pub epoch: u64,
    /// Mean data loss over the training set (without the penalty term).
    pub train_loss: f64,
    pub test_loss: f64,
    /// Fraction classified correctly; `None` for regression.
    pub train_accuracy: Option<f64>,
    pub test_accuracy: Option<f64>,
    /// η the next epoch will use.
    pub learning_rate: f64,
    /// Set once training has stopped by itself; `step` does nothing until
    /// [`Playground::resume`] or a reset.
    pub stopped: Option<StopReason>,
}

/// Why a hand edit of the network was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

/// One training run.
#[derive(Debug, Clone)]
pub struct Playground {
    config: ValidConfig,
    points: Vec<Point>,
    is_test: Vec<bool>,
    train: Examples,
    test: Examples,
    network: Network,
    optimizer: Optimizer,
    schedule: Schedule,
    /// The training order and augmentation (stream 3).
    rng: Pcg32,
    /// Dropout masks (stream 7), apart so that they do not move the order.
    dropout_rng: Pcg32,
    stats: EpochStats,
    history: LossHistory,
    /// Lowest test loss so far, its epoch and weights (early stopping).
    best: Option<(f64, u64, Network)>,
    /// The training points' coordinates as augmented for the last epoch.
    augmented: Option<Vec<(f64, f64)>>,
    /// The pictures' grids and their last evaluation.
    grids: Grids,
    palette: Palette,
    /// Gradient magnitudes per layer and epoch, |δ| per node.
    flow: GradientFlow,
    /// Accuracy and confusion matrix, or R², of the current weights.
    metrics: Metrics,
    /// The epoch under way, when training stopped between two of its batches.
    epoch: Option<epoch::Epoch>,
    /// A training step's matrices and the batch's targets, kept between
    /// batches (nothing of the run: only so that a step allocates nothing).
    workspace: Workspace,
    batch_targets: DMatrix<f64>,
}

impl Playground {
    /// Generates the data and the initial network from the config's seeds.
    pub fn new(config: ValidConfig) -> Self {
        let mut playground = Self::unmeasured(config);
        playground.measure();
        playground
    }

    /// [`Playground::new`] without measuring the initial losses (a forward
    /// pass over every point: tens of ms for the largest runs): its stats
    /// are not numbers and its history is empty until [`Playground::measure`],
    /// after which it is [`Playground::new`]'s run exactly. The page builds
    /// its replica so, and measures it in a task of its own.
    pub fn unmeasured(config: ValidConfig) -> Self {
        let (points, is_test) = generate_data(&config);
        Self::unmeasured_with_points(config, points, is_test)
    }

    /// A run on these points instead of the config's dataset: `is_test[i]`
    /// holds point i out for testing (both sets must be non-empty).
    /// Cross-validation uses it to train on k − 1 folds and measure the
    /// held-out fold as the "test" set.
    pub fn with_points(config: ValidConfig, points: Vec<Point>, is_test: Vec<bool>) -> Self {
        let mut playground = Self::unmeasured_with_points(config, points, is_test);
        playground.measure();
        playground
    }

    fn unmeasured_with_points(config: ValidConfig, points: Vec<Point>, is_test: Vec<bool>) -> Self {
        let (train, test) = split_examples(&config, &points, &is_test);
        let network = initial_network(&config);
        let c = config.get();
        Playground {
            optimizer: Optimizer::new(config.optimizer_settings(), &network),
            schedule: Schedule::new(config.schedule_settings()),
            network,
            rng: Pcg32::new(u64::from(c.seed), stream::TRAIN),
            dropout_rng: Pcg32::new(u64::from(c.seed), stream::DROPOUT),
            points,
            is_test,
            train,
            test,
            stats: EpochStats {
                epoch: 0,
                train_loss: f64::NAN,
                test_loss: f64::NAN,
                train_accuracy: None,
                test_accuracy: None,
                learning_rate: c.learning_rate,
                stopped: None,
            },
            history: LossHistory::new(HISTORY_CAPACITY),
            best: None,
            augmented: None,
            grids: Grids::default(),
            palette: Palette::DEFAULT,
            flow: GradientFlow::new(&config.layer_sizes(), HISTORY_CAPACITY),
            metrics: Metrics::default(),
            epoch: None,
            workspace: Workspace::new(),
            batch_targets: DMatrix::zeros(0, 0),
            config,
        }
    }

    /// Back to epoch 0: the same initial weights, optimizer state, schedule
    /// and training order as a fresh run from this config.
    pub fn reset(&mut self) {
        let c = self.config.get();
        self.network = initial_network(&self.config);
        self.optimizer = Optimizer::new(self.config.optimizer_settings(), &self.network);
        self.schedule = Schedule::new(self.config.schedule_settings());
        self.rng = Pcg32::new(u64::from(c.seed), stream::TRAIN);
        self.dropout_rng = Pcg32::new(u64::from(c.seed), stream::DROPOUT);
        self.stats.epoch = 0;
        self.stats.stopped = None;
        self.end_epoch_under_way();
        self.history.clear();
        self.flow.clear();
        self.best = None;
        self.augmented = None;
        self.grids.stale();
        self.measure();
    }

    /// New data from another data seed, keeping the network and its training
    /// state (TensorFlow Playground's "regenerate").
    pub fn regenerate_data(&mut self, data_seed: u32) {
        self.regenerate_data_unmeasured(data_seed);
        let epoch = self.stats.epoch;
        self.measure();
        self.stats.epoch = epoch;
    }

    /// [`Playground::regenerate_data`] without measuring the losses on the
    /// new data: the stats are the old data's until [`Playground::measure`].
    /// For the page's replica, whose losses come from the engine (5,000
    /// points through 8 × 32 take ~15 ms).
    pub fn regenerate_data_unmeasured(&mut self, data_seed: u32) {
        let mut config = self.config.get().clone();
        config.data_seed = data_seed;
        // Only the seed changed, and every seed is valid.
        if let Ok(valid) = config.validate() {
            self.config = valid;
        }
        let (points, is_test) = generate_data(&self.config);
        let (train, test) = split_examples(&self.config, &points, &is_test);
        (self.points, self.is_test, self.train, self.test) = (points, is_test, train, test);
        self.end_epoch_under_way();
        self.augmented = None;
        self.best = None;
        self.grids.stale();
    }

    /// Lets training go on after it stopped by itself.
    pub fn resume(&mut self) {
        self.stats.stopped = None;
    }

    pub fn config(&self) -> &ValidConfig {
        &self.config
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Replaces the network (e.g. one built from explicit weights); its shape
    /// must match the config's features and layers.
    pub fn set_network(&mut self, network: Network) -> Result<(), EditError> {
        if network.sizes() != self.network.sizes() {
            return Err(EditError(format!(
                "the network has layer sizes {:?} but this run needs {:?}",
                network.sizes(),
                self.network.sizes()
            )));
        }
        self.network = network;
        self.network.freeze_biases = self.config.get().freeze_biases;
        self.optimizer = Optimizer::new(self.config.optimizer_settings(), &self.network);
        self.after_edit();
        Ok(())
    }

    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// Per point: true when it is held out for testing.
    pub fn is_test(&self) -> &[bool] {
        &self.is_test
    }

    /// The points of the training set, in the order of [`Playground::points`].
    pub fn training_points(&self) -> Vec<Point> {
        self.points
            .iter()
            .zip(&self.is_test)
            .filter(|(_, &test)| !test)
            .map(|(p, _)| *p)
            .collect()
    }

    pub fn train_set(&self) -> &Examples {
        &self.train
    }

    pub fn test_set(&self) -> &Examples {
        &self.test
    }

    pub fn stats(&self) -> EpochStats {
        self.stats
    }

    pub fn history(&self) -> &[HistoryPoint] {
        self.history.points()
    }

    pub fn is_classification(&self) -> bool {
        self.config.get().is_classification()
    }

    /// The stopping rules, in the order a student would name them.
    fn check_stopping(&mut self) -> Option<StopReason> {
        let c = self.config.get();
        let (epoch, patience) = (self.stats.epoch, c.patience);
        if patience > 0 && self.stats.test_loss.is_finite() {
            let improved = self
                .best
                .as_ref()
                .is_none_or(|(best, _, _)| self.stats.test_loss < *best);
            if improved {
                self.best = Some((self.stats.test_loss, epoch, self.network.clone()));
            } else if let Some((_, best_epoch, weights)) = &self.best {
                if epoch - best_epoch >= patience {
                    let best_epoch = *best_epoch;
                    self.network = weights.clone();
                    self.measure();
                    return Some(StopReason::NoImprovement {
                        patience,
                        best_epoch,
                    });
                }
            }
        }
        if c.loss_threshold > 0.0 && self.stats.train_loss < c.loss_threshold {
            return Some(StopReason::LossBelowThreshold {
                threshold: c.loss_threshold,
            });
        }
        if c.max_epochs > 0 && epoch >= c.max_epochs {
            return Some(StopReason::MaxEpochs { max: c.max_epochs });
        }
        None
    }

    /// What happened in the last divergence, while training is paused by it.
    pub fn divergence(&self) -> Option<&Divergence> {
        match &self.stats.stopped {
            Some(StopReason::Diverged(divergence)) => Some(divergence),
            _ => None,
        }
    }

    /// Takes the last finite weights (already held since the divergence) as
    /// the run's own and lets training go on from them. Returns false when
    /// training was not paused by a divergence (nothing changes then).
    pub fn restore_last_finite(&mut self) -> bool {
        if self.divergence().is_none() {
            return false;
        }
        self.resume();
        true
    }

    /// Per recorded epoch, the mean |∂L/∂w| of each weight layer.
    pub fn gradient_flow(&self) -> &GradientFlow {
        &self.flow
    }

    /// Accuracy and confusion matrix, or R², of the current weights on the
    /// training and the test set.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// The loss, η (as the schedule has it now) and penalty of the next
    /// gradient step, wherever it is taken.
    pub fn step_settings(&self) -> StepSettings {
        let c = self.config.get();
        StepSettings {
            loss: c.loss,
            learning_rate: self.schedule.learning_rate(),
            regularization: c.regularization,
            regularization_rate: c.regularization_rate,
        }
    }

    /// What a step would need besides the weights: the schedule's state (η
    /// now first), then the optimizer's ([`Optimizer::state`]). A run of the
    /// same config given these weights and this state takes the same steps
    /// (the page's replica, for the inspector).
    pub fn trainer_state(&self) -> Vec<f64> {
        let mut out = self.schedule.state().to_vec();
        out.extend(self.optimizer.state());
        out
    }

    /// Takes a [`Self::trainer_state`] of a run of the same config and network
    /// shape; on refusal nothing changes.
    pub fn set_trainer_state(&mut self, values: &[f64]) -> Result<(), EditError> {
        let (schedule, optimizer) = values.split_at(values.len().min(3));
        let schedule: [f64; 3] = schedule
            .try_into()
            .map_err(|_| EditError("no trainer state".to_owned()))?;
        let mut next = self.optimizer.clone();
        next.set_state(optimizer).map_err(EditError)?;
        let mut timetable = self.schedule.clone();
        timetable.set_state(schedule).map_err(EditError)?;
        self.optimizer = next;
        self.schedule = timetable;
        self.end_epoch_under_way();
        self.stats.learning_rate = self.schedule.learning_rate();
        Ok(())
    }

    /// What [`Self::train_example`] would compute and change, on copies of the
    /// network and the optimizer: the running network does not move.
    pub fn inspect_example(&self, example: &Example) -> Result<Trace, EditError> {
        let (inputs, targets) = inspect::example_rows(&self.config, example)?;
        let mut network = self.network.clone();
        let mut optimizer = self.optimizer.clone();
        Ok(inspect::step(
            &mut network,
            &mut optimizer,
            inputs,
            &targets,
            &self.step_settings(),
        ))
    }

    /// One gradient step of this run's optimizer on one example, outside the
    /// epoch loop (the backprop inspector's "apply update"); the epoch does
    /// not advance. A step that would make a weight non-finite is refused and
    /// changes nothing.
    pub fn train_example(&mut self, example: &Example) -> Result<Trace, EditError> {
        let (inputs, targets) = inspect::example_rows(&self.config, example)?;
        let settings = self.step_settings();
        let trace = inspect::checked_step(
            &mut self.network,
            &mut self.optimizer,
            inputs,
            &targets,
            &settings,
        )
        .map_err(EditError)?;
        self.after_edit();
        Ok(trace)
    }

    /// Redraws this epoch's augmented training coordinates from the training
    /// stream (see [`augment_points`]).
    fn augment(&mut self) {
        self.augmented = Some(augment_points(
            self.config.get(),
            &self.points,
            &self.is_test,
            &mut self.rng,
        ));
    }

    /// The training points as augmented for the last epoch (in training-set
    /// order) or, before one has run since augmentation was set, as the next
    /// epoch will augment them (drawn from a copy of the generator, so
    /// training is unchanged); `None` when augmentation is off.
    pub fn augmented_points(&self) -> Option<Cow<'_, [(f64, f64)]>> {
        if !self.config.augments() {
            return None;
        }
        Some(match &self.augmented {
            Some(points) => Cow::Borrowed(points.as_slice()),
            None => Cow::Owned(augment_points(
                self.config.get(),
                &self.points,
                &self.is_test,
                &mut self.rng.clone(),
            )),
        })
    }

    /// Recomputes losses and accuracies for the current weights and records them.
    pub fn measure(&mut self) {
        self.evaluate();
        let (train_loss, test_loss) = (self.stats.train_loss, self.stats.test_loss);
        if train_loss.is_finite() {
            self.history.record(HistoryPoint {
                epoch: self.stats.epoch,
                train_loss,
                test_loss,
            });
        }
    }

    /// Recomputes losses, accuracies and the other metrics for the current
    /// weights, without recording them.
    fn evaluate(&mut self) {
        let loss = self.config.get().loss;
        let classification = self.is_classification();
        let evaluate = |examples: &Examples| {
            if examples.is_empty() {
                return (f64::NAN, SetMetrics::default());
            }
            let pass = self.network.forward(examples.inputs.clone());
            let value = Network::loss(&pass, &examples.targets, loss);
            let metrics = SetMetrics::new(pass.prediction(), &examples.targets, classification);
            (value, metrics)
        };
        let (train_loss, train) = evaluate(&self.train);
        let (test_loss, test) = evaluate(&self.test);
        self.stats = EpochStats {
            train_loss,
            test_loss,
            train_accuracy: train.accuracy(),
            test_accuracy: test.accuracy(),
            ..self.stats
        };
        self.metrics = Metrics { train, test };
    }

    /// The network's output at one input point (the first output node; see
    /// [`Self::predict_all`] for several).
    pub fn predict(&self, x1: f64, x2: f64) -> f64 {
        self.predict_all(x1, x2)[0]
    }

    /// Every output node's value at one input point.
    pub fn predict_all(&self, x1: f64, x2: f64) -> Vec<f64> {
        let input = data::feature_matrix(&self.config.get().features, [(x1, x2)].into_iter());
        self.network
            .forward(input)
            .prediction()
            .iter()
            .copied()
            .collect()
    }

    /// Sets w_ij of `layer` (0 = the first layer after the inputs).
    pub fn set_weight(
        &mut self,
        layer: usize,
        from: usize,
        to: usize,
        value: f64,
    ) -> Result<(), EditError> {
        check_value(value)?;
        let sizes = self.network.sizes();
        let target = self.network.layers.get_mut(layer).ok_or_else(|| {
            EditError(format!(
                "layer {layer} does not exist: the network has {} layers of weights",
                sizes.len() - 1
            ))
        })?;
        let (rows, cols) = target.weights.shape();
        if from >= rows || to >= cols {
            return Err(EditError(format!(
                "weight ({from} → {to}) does not exist in layer {layer}: it has {rows} inputs and {cols} units"
            )));
        }
        target.weights[(from, to)] = value;
        self.after_edit();
        Ok(())
    }

    /// Sets the bias w_0j of unit `unit` in `layer`.
    pub fn set_bias(&mut self, layer: usize, unit: usize, value: f64) -> Result<(), EditError> {
        check_value(value)?;
        let count = self.network.layers.len();
        let target = self.network.layers.get_mut(layer).ok_or_else(|| {
            EditError(format!(
                "layer {layer} does not exist: the network has {count} layers of weights"
            ))
        })?;
        let units = target.biases.len();
        let bias = target.biases.get_mut(unit).ok_or_else(|| {
            EditError(format!(
                "unit {unit} does not exist in layer {layer}: it has {units} units"
            ))
        })?;
        *bias = value;
        self.after_edit();
        Ok(())
    }

    fn after_edit(&mut self) {
        self.end_epoch_under_way();
        self.grids.stale();
        self.measure();
    }

    /// Number of nodes, inputs included.
    pub fn node_count(&self) -> usize {
        self.network.sizes().iter().sum()
    }

    /// (layer, unit) of a node numbered layer by layer from the inputs;
    /// layer 0 is the inputs.
    pub fn node_position(&self, node: usize) -> Option<(usize, usize)> {
        let mut first = 0;
        for (layer, size) in self.network.sizes().into_iter().enumerate() {
            if node < first + size {
                return Some((layer, node - first));
            }
            first += size;
        }
        None
    }

    /// Runs one batched forward pass over an n×n grid of the input plane and
    /// keeps every node's output for [`Self::node_values`] and [`Self::heatmap`].
    pub fn evaluate_grid(&mut self, n: usize) -> &GridEvaluation {
        self.grids.evaluate(
            n,
            Keep::Everything,
            &self.config.get().features,
            &self.network,
        )
    }

    /// [`Self::evaluate_grid`] for a decision map alone: only the inputs and
    /// the outputs are kept, and the hidden layers never leave the cache.
    pub fn evaluate_grid_outputs(&mut self, n: usize) -> &GridEvaluation {
        self.grids
            .evaluate(n, Keep::Outputs, &self.config.get().features, &self.network)
    }

    /// [`Self::evaluate_grid`] for a frame: every hidden and output node's
    /// values on the m×m grid sampled from it (m ≤ n), copied out while they
    /// were in cache, for [`Self::sampled_heatmap`]; at every cell, only the
    /// inputs and the outputs (the decision map), and the hidden nodes too
    /// with `whole` (a frame whose plot shows a hidden node's
    /// [`Self::heatmap`]).
    pub fn evaluate_grid_sampled(&mut self, n: usize, m: usize, whole: bool) -> &GridEvaluation {
        let keep = if whole {
            Keep::EverythingAndThumbnails(m)
        } else {
            Keep::Thumbnails(m)
        };
        self.grids
            .evaluate(n, keep, &self.config.get().features, &self.network)
    }

    /// The last grid evaluation, if the network has not changed since.
    pub fn grid(&self) -> Option<&GridEvaluation> {
        self.grids.last()
    }

    /// One node's values over the last evaluated grid, in layout order (a
    /// hidden node's only after [`Self::evaluate_grid`], not after
    /// [`Self::evaluate_grid_sampled`]).
    pub fn node_values(&self, node: usize) -> Option<&[f64]> {
        let (layer, unit) = self.node_position(node)?;
        self.grids.last()?.values(layer, unit)
    }

    /// The scale a node's values are coloured on: (negative end, positive end).
    pub fn node_range(&self, node: usize) -> (f64, f64) {
        let Some((layer, unit)) = self.node_position(node) else {
            return (-1.0, 1.0);
        };
        if layer == 0 {
            let feature = self.config.get().features[unit];
            return feature_range(feature);
        }
        let activation = self.network.layers[layer - 1].activation;
        let is_output = layer == self.network.layers.len();
        if is_output && self.is_classification() {
            (0.0, 1.0)
        } else {
            activation.display_range()
        }
    }

    /// RGBA bytes of a node's heatmap over the last evaluated grid.
    pub fn heatmap(&self, node: usize, discretize: bool) -> Option<Vec<u8>> {
        let values = self.node_values(node)?;
        let (low, high) = self.node_range(node);
        Some(
            self.palette
                .rgba(values.iter().copied(), low, high, discretize),
        )
    }

    /// RGBA bytes of a node's heatmap on an m×m grid sampled from the last
    /// evaluated one ([`render::sampled_cells`]): a thumbnail from the plot's
    /// evaluation. None if the node does not exist, no grid is current, or m
    /// is 0 or more than that grid's side.
    pub fn sampled_heatmap(&self, node: usize, m: usize, discretize: bool) -> Option<Vec<u8>> {
        let grid = self.grids.last()?;
        let (layer, unit) = self.node_position(node)?;
        if m == 0 || m > grid.n {
            return None;
        }
        let (low, high) = self.node_range(node);
        if let Some(kept) = grid.sampled_values(layer, unit, m) {
            return Some(
                self.palette
                    .rgba(kept.iter().copied(), low, high, discretize),
            );
        }
        let values = grid.values(layer, unit)?;
        let cells = render::sampled_cells(grid.n, m);
        let values = cells.iter().map(|&cell| values[cell]);
        Some(self.palette.rgba(values, low, high, discretize))
    }

    /// RGBA bytes of an input feature over an n×n grid (heatmap layout), on
    /// that feature's colour scale, whether or not the network uses it: the
    /// page shows every candidate input node, switched on or off.
    pub fn feature_heatmap(&self, feature: Feature, n: usize) -> Vec<u8> {
        let (low, high) = feature_range(feature);
        let values = render::grid_points(n).map(|(x1, x2)| feature.value(x1, x2));
        self.palette.rgba(values, low, high, false)
    }

    /// Number of output nodes.
    pub fn outputs(&self) -> usize {
        self.config.outputs()
    }

    /// The decision heatmap over the last evaluated grid: the output node's
    /// heatmap with one output; with k outputs, each cell takes the colour of
    /// its most likely class, paler where the network is less sure
    /// (discretize: the class colour alone).
    pub fn decision_heatmap(&self, discretize: bool) -> Option<Vec<u8>> {
        let k = self.outputs();
        let first_output = self.node_count() - k;
        if k == 1 {
            return self.heatmap(first_output, discretize);
        }
        let columns: Vec<&[f64]> = (first_output..first_output + k)
            .map(|node| self.node_values(node))
            .collect::<Option<_>>()?;
        let cells = columns[0].len();
        let mut bytes = Vec::with_capacity(4 * cells);
        for cell in 0..cells {
            let scores = columns.iter().map(|column| column[cell]);
            let [r, g, b] = self.palette.class_colour(scores, discretize);
            bytes.extend_from_slice(&[r, g, b, 255]);
        }
        Some(bytes)
    }

    /// The colour of each point's label, as RGBA bytes in point order.
    pub fn point_colours(&self) -> Vec<u8> {
        let labels = self.points.iter().map(|p| p.label);
        match self.config.classes() {
            Some(k) if k >= 3 => labels
                .flat_map(|label| {
                    let [r, g, b] = self.palette.class(label as usize);
                    [r, g, b, 255]
                })
                .collect(),
            Some(_) => self.palette.rgba(labels, 0.0, 1.0, false),
            None => self.palette.rgba(labels, -1.0, 1.0, false),
        }
    }

    /// Switches the colours of every heatmap and point.
    pub fn set_palette(&mut self, palette: Palette) {
        self.palette = palette;
    }
}

fn generate_data(config: &ValidConfig) -> (Vec<Point>, Vec<bool>) {
    let c = config.get();
    let mut rng = Pcg32::new(u64::from(c.data_seed), stream::DATA);
    let points = if c.dataset == DatasetKind::Custom {
        // The user's points as they are: noise is for generated data.
        c.custom_points.clone()
    } else {
        data::generate(
            c.dataset,
            config.num_points(),
            c.noise / 100.0,
            c.classes,
            &mut rng,
        )
    };
    let is_test = data::split(points.len(), config.train_points(), &mut rng);
    (points, is_test)
}

/// The training and test sets: inputs from the features, targets as the label
/// (one output) or one-hot over the classes (k outputs).
fn split_examples(
    config: &ValidConfig,
    points: &[Point],
    is_test: &[bool],
) -> (Examples, Examples) {
    let features = &config.get().features;
    let outputs = config.outputs();
    let make = |want_test: bool| {
        let chosen: Vec<&Point> = points
            .iter()
            .zip(is_test)
            .filter(|(_, &t)| t == want_test)
            .map(|(p, _)| p)
            .collect();
        let inputs = data::feature_matrix(features, chosen.iter().map(|p| (p.x1, p.x2)));
        let targets = DMatrix::from_fn(chosen.len(), outputs, |h, j| {
            target(chosen[h].label, outputs, j)
        });
        Examples { inputs, targets }
    };
    (make(false), make(true))
}

/// Target y_j of output node j for a label: the label itself with one
/// output, one-hot over the classes with k outputs.
pub(crate) fn target(label: f64, outputs: usize, j: usize) -> f64 {
    if outputs == 1 {
        label
    } else {
        f64::from(u8::from(label as usize == j))
    }
}

fn initial_network(config: &ValidConfig) -> Network {
    let c = config.get();
    let mut rng = Pcg32::new(u64::from(c.seed), stream::INIT);
    let mut network = Network::random(
        &config.layer_sizes(),
        &config.layer_activations(),
        c.init,
        c.init_range,
        c.init_bias,
        &mut rng,
    );
    network.freeze_biases = c.freeze_biases;
    network
}

fn check_value(value: f64) -> Result<(), EditError> {
    if value.is_finite() && value.abs() <= MAX_EDITED_WEIGHT {
        Ok(())
    } else {
        Err(EditError(format!(
            "{} is not allowed: a weight or bias must be a number from −{MAX_EDITED_WEIGHT} to {MAX_EDITED_WEIGHT}",
            crate::readable::number(value)
        )))
    }
}

/// Colour scale of an input feature's heatmap over the data square.
fn feature_range(feature: Feature) -> (f64, f64) {
    let e = data::EXTENT;
    match feature {
        Feature::X1 | Feature::X2 => (-e, e),
        Feature::X1Squared | Feature::X2Squared => (0.0, e * e),
        Feature::X1TimesX2 => (-e * e / 2.0, e * e / 2.0),
        Feature::SinX1 | Feature::SinX2 => (-1.0, 1.0),
    }
}

/// One epoch's augmented coordinates of the training points: each is rotated
/// about the origin by up to ±rotation, scaled by up to ±scaling and jittered
/// by N(0, jitter²), drawing only the enabled parts, point by point, from `rng`.
fn augment_points(
    c: &Config,
    points: &[Point],
    is_test: &[bool],
    rng: &mut Pcg32,
) -> Vec<(f64, f64)> {
    let max_angle = c.rotation.to_radians();
    points
        .iter()
        .zip(is_test)
        .filter(|(_, &test)| !test)
        .map(|(p, _)| {
            let angle = if c.rotation > 0.0 {
                rng.uniform(-max_angle, max_angle)
            } else {
                0.0
            };
            let scale = if c.scaling > 0.0 {
                rng.uniform(1.0 - c.scaling, 1.0 + c.scaling)
            } else {
                1.0
            };
            let (sin, cos) = angle.sin_cos();
            let mut x1 = scale * (cos * p.x1 - sin * p.x2);
            let mut x2 = scale * (sin * p.x1 + cos * p.x2);
            if c.jitter > 0.0 {
                x1 += rng.normal(0.0, c.jitter);
                x2 += rng.normal(0.0, c.jitter);
            }
            (x1, x2)
        })
        .collect()
}
