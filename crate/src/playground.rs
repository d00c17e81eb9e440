//! A training run: the data, the network, the seeded generator, and what has
//! been learned so far. The wasm boundary wraps exactly one of these.

use nalgebra::DMatrix;

use crate::config::ValidConfig;
use crate::data::{self, Feature, Point};
use crate::history::{HistoryPoint, LossHistory};
use crate::network::{ForwardPass, Network};
use crate::render::{self, Palette};
use crate::rng::{stream, Pcg32};
use crate::train::{train_batch, StepSettings};

/// Most loss-curve points kept; older ones are thinned evenly past this.
const HISTORY_CAPACITY: usize = 2000;
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
    fn from_points<'a>(
        features: &[Feature],
        points: impl Iterator<Item = &'a Point> + Clone,
    ) -> Self {
        let coordinates: Vec<(f64, f64)> = points.clone().map(|p| (p.x1, p.x2)).collect();
        let labels: Vec<f64> = points.map(|p| p.label).collect();
        Examples {
            inputs: data::feature_matrix(features, coordinates.into_iter()),
            targets: DMatrix::from_column_slice(labels.len(), 1, &labels),
        }
    }

    pub fn len(&self) -> usize {
        self.inputs.nrows()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
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
    /// The last `step` hit a non-finite loss or weight; the network was put
    /// back to its weights before that epoch and stepping stopped.
    pub diverged: bool,
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

/// Every node's output over an n×n grid (see [`render`] for the layout).
#[derive(Debug, Clone)]
pub struct GridEvaluation {
    pub n: usize,
    pass: ForwardPass,
}

/// One training run.
#[derive(Debug, Clone)]
pub struct Playground {
    config: ValidConfig,
    points: Vec<Point>,
    is_test: Vec<bool>,
    train: Examples,
    test: Examples,
    network: Network,
    rng: Pcg32,
    stats: EpochStats,
    history: LossHistory,
    grid_inputs: Option<(usize, DMatrix<f64>)>,
    grid: Option<GridEvaluation>,
    palette: Palette,
}

impl Playground {
    /// Generates the data and the initial network from the config's seeds.
    pub fn new(config: ValidConfig) -> Self {
        let c = config.get();
        let mut data_rng = Pcg32::new(u64::from(c.data_seed), stream::DATA);
        let points = data::generate(
            c.dataset,
            config.num_points(),
            c.noise / 100.0,
            &mut data_rng,
        );
        let is_test = data::split(points.len(), config.train_points(), &mut data_rng);
        let train = Examples::from_points(
            &c.features,
            points
                .iter()
                .zip(&is_test)
                .filter(|(_, &t)| !t)
                .map(|(p, _)| p),
        );
        let test = Examples::from_points(
            &c.features,
            points
                .iter()
                .zip(&is_test)
                .filter(|(_, &t)| t)
                .map(|(p, _)| p),
        );
        let mut playground = Playground {
            network: initial_network(&config),
            rng: Pcg32::new(u64::from(c.seed), stream::TRAIN),
            config,
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
                diverged: false,
            },
            history: LossHistory::new(HISTORY_CAPACITY),
            grid_inputs: None,
            grid: None,
            palette: Palette::DEFAULT,
        };
        playground.measure();
        playground
    }

    /// Back to epoch 0: the same initial weights and the same training order
    /// as a fresh run from this config.
    pub fn reset(&mut self) {
        let c = self.config.get();
        self.network = initial_network(&self.config);
        self.rng = Pcg32::new(u64::from(c.seed), stream::TRAIN);
        self.stats.epoch = 0;
        self.stats.diverged = false;
        self.history.clear();
        self.grid = None;
        self.measure();
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
        self.grid = None;
        self.measure();
        Ok(())
    }

    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// Per point: true when it is held out for testing.
    pub fn is_test(&self) -> &[bool] {
        &self.is_test
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
        self.config.get().dataset.is_classification()
    }

    /// Trains `epochs` epochs. An epoch visits every training example once,
    /// in an order the seed fixes, in batches of `batchSize`; each batch takes
    /// one gradient-descent step w ← w − η (∂L/∂w + γ ∂R/∂w).
    ///
    /// Stops early if the loss or a weight stops being finite: the network is
    /// put back as it was before that epoch and `diverged` is set.
    pub fn step(&mut self, epochs: u32) -> EpochStats {
        for _ in 0..epochs {
            let before = self.network.clone();
            self.train_epoch();
            self.stats.epoch += 1;
            self.measure();
            let finite = self.stats.train_loss.is_finite() && self.network.is_finite();
            if !finite {
                self.network = before;
                self.stats.epoch -= 1;
                self.measure();
                self.stats.diverged = true;
                break;
            }
            self.stats.diverged = false;
        }
        self.grid = None;
        self.stats
    }

    fn train_epoch(&mut self) {
        let c = self.config.get();
        let settings = StepSettings {
            loss: c.loss,
            learning_rate: c.learning_rate,
            regularization: c.regularization,
            regularization_rate: c.regularization_rate,
        };
        let mut order: Vec<usize> = (0..self.train.len()).collect();
        self.rng.shuffle(&mut order);
        for batch in order.chunks(c.batch_size) {
            let inputs = self.train.inputs.select_rows(batch);
            let targets = self.train.targets.select_rows(batch);
            train_batch(&mut self.network, inputs, &targets, &settings);
        }
    }

    /// Recomputes losses and accuracies for the current weights and records them.
    fn measure(&mut self) {
        let loss = self.config.get().loss;
        let classification = self.is_classification();
        let evaluate = |examples: &Examples| {
            if examples.is_empty() {
                return (f64::NAN, None);
            }
            let pass = self.network.forward(examples.inputs.clone());
            let value = Network::loss(&pass, &examples.targets, loss);
            let accuracy = classification.then(|| accuracy(pass.prediction(), &examples.targets));
            (value, accuracy)
        };
        let (train_loss, train_accuracy) = evaluate(&self.train);
        let (test_loss, test_accuracy) = evaluate(&self.test);
        self.stats = EpochStats {
            epoch: self.stats.epoch,
            train_loss,
            test_loss,
            train_accuracy,
            test_accuracy,
            diverged: false,
        };
        if train_loss.is_finite() {
            self.history.record(HistoryPoint {
                epoch: self.stats.epoch,
                train_loss,
                test_loss,
            });
        }
    }

    /// The network's output at one input point.
    pub fn predict(&self, x1: f64, x2: f64) -> f64 {
        let input = data::feature_matrix(&self.config.get().features, [(x1, x2)].into_iter());
        self.network.forward(input).prediction()[(0, 0)]
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
        self.grid = None;
        let epoch = self.stats.epoch;
        self.measure();
        self.stats.epoch = epoch;
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
        let features = &self.config.get().features;
        let inputs = match &self.grid_inputs {
            Some((size, inputs)) if *size == n => inputs.clone(),
            _ => {
                let inputs = data::feature_matrix(features, render::grid_points(n));
                self.grid_inputs = Some((n, inputs.clone()));
                inputs
            }
        };
        let mut pass = self.network.forward(inputs);
        // Heatmaps only need outputs; drop the nets to halve the memory held.
        pass.nets.clear();
        self.grid.insert(GridEvaluation { n, pass })
    }

    /// The last grid evaluation, if the network has not changed since.
    pub fn grid(&self) -> Option<&GridEvaluation> {
        self.grid.as_ref()
    }

    /// One node's values over the last evaluated grid, in layout order.
    pub fn node_values(&self, node: usize) -> Option<&[f64]> {
        let grid = self.grid.as_ref()?;
        let (layer, unit) = self.node_position(node)?;
        let matrix = if layer == 0 {
            &grid.pass.input
        } else {
            &grid.pass.outputs[layer - 1]
        };
        // Column-major storage: one column is one node over the whole grid.
        let cells = matrix.nrows();
        matrix.as_slice().get(unit * cells..(unit + 1) * cells)
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

    /// The colour of each point's label, as RGBA bytes in point order.
    pub fn point_colours(&self) -> Vec<u8> {
        let (low, high) = if self.is_classification() {
            (0.0, 1.0)
        } else {
            (-1.0, 1.0)
        };
        self.palette
            .rgba(self.points.iter().map(|p| p.label), low, high, false)
    }
}

fn initial_network(config: &ValidConfig) -> Network {
    let c = config.get();
    let mut rng = Pcg32::new(u64::from(c.seed), stream::INIT);
    let mut network = Network::random(
        &config.layer_sizes(),
        c.activation,
        config.output_activation(),
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
            "{value} is not allowed: a weight or bias must be a number from −{MAX_EDITED_WEIGHT} to {MAX_EDITED_WEIGHT}"
        )))
    }
}

/// Fraction of examples whose output lies on the same side of ½ as the label.
fn accuracy(prediction: &DMatrix<f64>, targets: &DMatrix<f64>) -> f64 {
    let n = prediction.nrows().max(1) as f64;
    let correct = prediction
        .iter()
        .zip(targets.iter())
        .filter(|(&p, &y)| (p >= 0.5) == (y >= 0.5))
        .count();
    correct as f64 / n
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
