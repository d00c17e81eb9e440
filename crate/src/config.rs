//! What a run is: the settings a user picks, read from JavaScript (or a link),
//! then validated once into a [`ValidConfig`] that the trainer trusts.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::activation::Activation;
use crate::data::{DatasetKind, Feature, Point, Problem, CUSTOM_EXTENT, MAX_VALUE_LABEL};
use crate::init::InitScheme;
use crate::loss::Loss;
use crate::optimizer::{OptimizerKind, OptimizerSettings};
use crate::readable;
use crate::regularization::Regularization;
use crate::schedule::{ScheduleKind, ScheduleSettings};
use crate::schema::{self, MAX_DROPOUT};

/// Allowed number of hidden layers.
pub const MAX_HIDDEN_LAYERS: usize = 8;
/// Allowed units per hidden layer: 1 to this.
pub const MAX_UNITS: usize = 32;
/// Allowed number of points in a generated dataset.
pub const POINTS_RANGE: (usize, usize) = (10, 5000);
/// Allowed number of points in a custom dataset: two make one training and
/// one test point.
pub const CUSTOM_POINTS_RANGE: (usize, usize) = (2, 5000);
/// Most classes a dataset may have.
pub const MAX_CLASSES: usize = 5;
/// Largest learning rate η accepted.
pub const MAX_LEARNING_RATE: f64 = 10.0;

/// The settings as a user gives them: every field has a default, so `{}` is
/// a valid config. Field names are camelCase in JavaScript and links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(rename = "ConfigPatch")
)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Config {
    // The data.
    pub dataset: DatasetKind,
    /// `None` takes the dataset's usual count (500 or 1200).
    pub num_points: Option<usize>,
    /// Percent, 0 to 50.
    pub noise: f64,
    /// Percent of the points used for training, 10 to 90.
    pub train_ratio: f64,
    pub data_seed: u32,
    /// Number of classes of the blobs dataset, 2 to 5.
    pub classes: usize,
    /// The points of the `custom` dataset (drawn or uploaded); ignored by the
    /// generated datasets. Inside [−6, 6]²; labels 0 to 4 for
    /// classification, in [−1, 1] for regression.
    pub custom_points: Vec<Point>,
    /// What the labels of `custom_points` are.
    pub custom_problem: Problem,
    pub features: Vec<Feature>,

    // The network.
    /// Units per hidden layer.
    pub hidden: Vec<usize>,
    /// φ of the hidden layers.
    pub activation: Activation,
    /// φ per hidden layer; empty means `activation` for every hidden layer.
    pub hidden_activations: Vec<Activation>,
    /// φ of the output layer; `None` takes the one the loss and problem call for.
    pub output_activation: Option<Activation>,
    pub init: InitScheme,
    /// α: initial weights are uniform in [−α, α] (or all equal to α).
    pub init_range: f64,
    /// Every bias starts at this value.
    pub init_bias: f64,
    /// Keep biases fixed during training.
    pub freeze_biases: bool,

    // Training.
    pub loss: Loss,
    /// η: the step size of gradient descent.
    pub learning_rate: f64,
    /// Examples per gradient step: 1 is the course's per-example update, the
    /// whole training set is full-batch gradient descent.
    pub batch_size: usize,
    pub optimizer: OptimizerKind,
    /// μ of momentum and Nesterov.
    pub momentum: f64,
    /// ρ of RMSProp.
    pub rho: f64,
    /// β₁ of Adam.
    pub beta1: f64,
    /// β₂ of Adam.
    pub beta2: f64,
    /// ε of Adagrad, RMSProp and Adam.
    pub epsilon: f64,
    pub schedule: ScheduleKind,
    /// Step decay: epochs between decays.
    pub decay_every: u64,
    /// Step decay and reduce-on-plateau: η is multiplied by this.
    pub decay_factor: f64,
    /// Reduce-on-plateau: epochs without improvement before η is reduced.
    pub plateau_patience: u64,
    /// Reduce-on-plateau: η never goes below this.
    pub min_learning_rate: f64,
    pub regularization: Regularization,
    /// γ: the weight of the penalty term in the loss.
    pub regularization_rate: f64,
    /// Dropout rate p per hidden layer (empty: no dropout).
    pub dropout: Vec<f64>,

    // Stopping.
    /// Stop after this many epochs (0: never).
    pub max_epochs: u64,
    /// θ: stop once the training loss is below it (0: never).
    pub loss_threshold: f64,
    /// Stop when the test loss has not improved for this many epochs and go
    /// back to the best weights (0: never).
    pub patience: u64,

    // Data augmentation, redrawn every epoch, training points only.
    /// Standard deviation of Gaussian jitter added to each coordinate.
    pub jitter: f64,
    /// Largest rotation about the origin, in degrees.
    pub rotation: f64,
    /// Largest relative change of scale (0.2: from 0.8× to 1.2×).
    pub scaling: f64,

    /// Seeds the initial weights, the training order, dropout and augmentation.
    pub seed: u32,
}

impl Default for Config {
    /// TensorFlow Playground's defaults where it has them, so its users start
    /// where they know; the usual published defaults for the optimizers.
    fn default() -> Self {
        Config {
            dataset: DatasetKind::Circle,
            num_points: None,
            noise: 0.0,
            train_ratio: 50.0,
            data_seed: 1,
            classes: 3,
            custom_points: Vec::new(),
            custom_problem: Problem::Classification,
            features: vec![Feature::X1, Feature::X2],
            hidden: vec![4, 2],
            activation: Activation::Tanh,
            hidden_activations: Vec::new(),
            output_activation: None,
            init: InitScheme::Uniform,
            init_range: 0.5,
            init_bias: 0.1,
            freeze_biases: false,
            loss: Loss::SquaredError,
            learning_rate: 0.03,
            batch_size: 10,
            optimizer: OptimizerKind::Sgd,
            momentum: 0.9,
            rho: 0.9,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
            schedule: ScheduleKind::Constant,
            decay_every: 100,
            decay_factor: 0.5,
            plateau_patience: 20,
            min_learning_rate: 1e-5,
            regularization: Regularization::None,
            regularization_rate: 0.0,
            dropout: Vec::new(),
            max_epochs: 0,
            loss_threshold: 0.0,
            patience: 0,
            jitter: 0.0,
            rotation: 0.0,
            scaling: 0.0,
            seed: 1,
        }
    }
}

/// One invalid field, with what was given and what is allowed.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigError {
    /// A number outside its range.
    OutOfRange {
        field: &'static str,
        value: f64,
        /// What is allowed, from the schema ("μ from 0 to 0.999").
        allowed: String,
    },
    NoFeatures,
    DuplicateFeature(Feature),
    HiddenLayers(usize),
    Units {
        layer: usize,
        units: usize,
    },
    BatchSize {
        value: usize,
        train_points: usize,
    },
    /// A per-hidden-layer list whose length is not the number of hidden layers.
    PerLayerLength {
        field: &'static str,
        given: usize,
        layers: usize,
    },
    DropoutRate {
        layer: usize,
        rate: f64,
    },
    SoftmaxInHiddenLayer {
        layer: usize,
    },
    /// A loss, output activation and problem that do not go together.
    Incoherent {
        field: &'static str,
        reason: String,
    },
    /// Epochs too slow for the page (see [`crate::cost`]): `smallest_batch`
    /// is the batch size that would make them fast enough, if any.
    SlowEpoch {
        batch_size: usize,
        train_points: usize,
        weights: usize,
        smallest_batch: Option<usize>,
    },
    /// Steps too long to pause between (see [`crate::cost`]).
    SlowStep {
        batch_size: usize,
        weights: usize,
        largest_batch: usize,
    },
    /// A custom dataset with too few or too many points.
    CustomPointCount(usize),
    /// One point of a custom dataset that cannot be used.
    CustomPoint {
        index: usize,
        reason: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::OutOfRange {
                field,
                value,
                allowed,
            } => write!(
                f,
                "{field} = {} is out of range: {allowed} allowed",
                readable::number(*value)
            ),
            ConfigError::NoFeatures => {
                write!(f, "features is empty: at least one input feature is needed")
            }
            ConfigError::DuplicateFeature(feature) => {
                write!(f, "features lists {} twice: each feature at most once", feature.name())
            }
            ConfigError::HiddenLayers(v) => write!(
                f,
                "hidden has {v} layers, which is out of range: {} allowed",
                schema::HIDDEN_LAYERS.allowed()
            ),
            ConfigError::Units { layer, units } => write!(
                f,
                "hidden[{layer}] = {units} units is out of range: 1 to {MAX_UNITS} allowed"
            ),
            ConfigError::BatchSize { value, train_points } => write!(
                f,
                "batchSize = {value} is out of range: 1 to {train_points} (the number of training points) allowed"
            ),
            ConfigError::PerLayerLength { field, given, layers } => write!(
                f,
                "{field} has {given} entries but there are {layers} hidden layers: one per hidden layer (or none) allowed"
            ),
            ConfigError::DropoutRate { layer, rate } => write!(
                f,
                "dropout[{layer}] = {} is out of range: a rate from 0 to {MAX_DROPOUT} allowed",
                readable::number(*rate)
            ),
            ConfigError::SoftmaxInHiddenLayer { layer } => write!(
                f,
                "hiddenActivations[{layer}] = softmax is not allowed: softmax belongs to the output layer"
            ),
            ConfigError::Incoherent { field, reason } => write!(f, "{field}: {reason}"),
            ConfigError::SlowEpoch {
                batch_size,
                train_points,
                weights,
                smallest_batch: Some(smallest),
            } => write!(
                f,
                "batchSize = {batch_size} makes each epoch too slow for {} training points and {} weights: at least {smallest} allowed (or fewer points, or a smaller network)",
                readable::count(*train_points),
                readable::count(*weights)
            ),
            ConfigError::SlowEpoch {
                train_points,
                weights,
                smallest_batch: None,
                ..
            } => write!(
                f,
                "hidden: a network of {} weights on {} training points makes each epoch too slow: use fewer or smaller layers, or fewer points",
                readable::count(*weights),
                readable::count(*train_points)
            ),
            ConfigError::SlowStep {
                batch_size,
                weights,
                largest_batch,
            } => write!(
                f,
                "batchSize = {} makes each step too slow for {} weights: at most {} allowed (or a smaller network)",
                readable::count(*batch_size),
                readable::count(*weights),
                readable::count(*largest_batch)
            ),
            ConfigError::CustomPointCount(n) => write!(
                f,
                "customPoints has {n} points, which is out of range: {} to {} points allowed for the custom dataset",
                CUSTOM_POINTS_RANGE.0, CUSTOM_POINTS_RANGE.1
            ),
            ConfigError::CustomPoint { index, reason } => {
                write!(f, "customPoints[{index}] {reason}")
            }
        }
    }
}

impl std::error::Error for ConfigError {}

/// Every error found in a config, in field order.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}

/// A config whose every field has been checked. Only [`Config::validate`]
/// makes one, so code holding it can trust every range.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidConfig {
    config: Config,
    num_points: usize,
    train_points: usize,
}

impl ValidConfig {
    /// The checked settings.
    pub fn get(&self) -> &Config {
        &self.config
    }

    /// Number of points in the dataset.
    pub fn num_points(&self) -> usize {
        self.num_points
    }

    /// Number of those used for training (the rest are for testing).
    pub fn train_points(&self) -> usize {
        self.train_points
    }

    /// Number of classes, `None` for regression.
    pub fn classes(&self) -> Option<usize> {
        self.config.class_count()
    }

    /// Number of output nodes.
    pub fn outputs(&self) -> usize {
        outputs_for(&self.config)
    }

    /// [inputs, hidden..., outputs]: the layer sizes of the network.
    pub fn layer_sizes(&self) -> Vec<usize> {
        let mut sizes = Vec::with_capacity(self.config.hidden.len() + 2);
        sizes.push(self.config.features.len());
        sizes.extend(&self.config.hidden);
        sizes.push(self.outputs());
        sizes
    }

    /// The output layer's φ.
    pub fn output_activation(&self) -> Activation {
        output_activation_for(&self.config)
    }

    /// φ of every layer after the inputs: the hidden layers', then the output's.
    pub fn layer_activations(&self) -> Vec<Activation> {
        let c = &self.config;
        let mut activations: Vec<Activation> = if c.hidden_activations.is_empty() {
            vec![c.activation; c.hidden.len()]
        } else {
            c.hidden_activations.clone()
        };
        activations.push(self.output_activation());
        activations
    }

    /// Dropout rate of every layer after the inputs (0 for the output layer).
    pub fn dropout_rates(&self) -> Vec<f64> {
        let c = &self.config;
        (0..=c.hidden.len())
            .map(|l| c.dropout.get(l).copied().unwrap_or(0.0))
            .collect()
    }

    pub fn optimizer_settings(&self) -> OptimizerSettings {
        let c = &self.config;
        OptimizerSettings {
            kind: c.optimizer,
            momentum: c.momentum,
            rho: c.rho,
            beta1: c.beta1,
            beta2: c.beta2,
            epsilon: c.epsilon,
        }
    }

    pub fn schedule_settings(&self) -> ScheduleSettings {
        let c = &self.config;
        ScheduleSettings {
            kind: c.schedule,
            initial: c.learning_rate,
            decay_every: c.decay_every,
            factor: c.decay_factor,
            patience: c.plateau_patience,
            minimum: c.min_learning_rate,
        }
    }

    /// True when any data augmentation is on.
    pub fn augments(&self) -> bool {
        let c = &self.config;
        c.jitter > 0.0 || c.rotation > 0.0 || c.scaling > 0.0
    }
}

fn outputs_for(c: &Config) -> usize {
    match c.class_count() {
        None => 1,
        Some(k) if k >= 3 || c.loss == Loss::SoftmaxCrossEntropy => k,
        Some(_) => 1,
    }
}

/// The output φ a config asks for, or the one its loss and problem call for.
fn output_activation_for(c: &Config) -> Activation {
    c.output_activation.unwrap_or(if c.class_count().is_none() {
        Activation::Linear
    } else if c.loss == Loss::SoftmaxCrossEntropy {
        Activation::Softmax
    } else {
        Activation::Sigmoid
    })
}

/// Why a loss, output activation and problem do not go together, if they do not.
fn incoherence(c: &Config) -> Option<ConfigError> {
    let output = output_activation_for(c);
    let classes = c.class_count();
    let incoherent = |field, reason: String| Some(ConfigError::Incoherent { field, reason });
    match (c.loss, classes) {
        (Loss::BinaryCrossEntropy | Loss::SoftmaxCrossEntropy, None) => {
            return incoherent(
                "loss",
                format!(
                    "{} needs a classification dataset, but {} is regression: use squaredError",
                    c.loss.name(),
                    c.dataset.name()
                ),
            );
        }
        (Loss::BinaryCrossEntropy, Some(k)) if k >= 3 => {
            return incoherent(
                "loss",
                format!("binaryCrossEntropy is for two classes, but {} has {k}: use softmaxCrossEntropy", c.dataset.name()),
            );
        }
        _ => {}
    }
    if c.loss == Loss::BinaryCrossEntropy && output != Activation::Sigmoid {
        return incoherent(
            "outputActivation",
            format!("binaryCrossEntropy reads the output as a probability, so it needs a sigmoid output, not {}", output.name()),
        );
    }
    if c.loss == Loss::SoftmaxCrossEntropy && output != Activation::Softmax {
        return incoherent(
            "outputActivation",
            format!(
                "softmaxCrossEntropy needs a softmax output (one probability per class), not {}",
                output.name()
            ),
        );
    }
    if output == Activation::Softmax && outputs_for(c) < 2 {
        return incoherent(
            "outputActivation",
            "softmax over a single output node is always 1: use sigmoid".to_owned(),
        );
    }
    if classes.is_none() && !matches!(output, Activation::Linear | Activation::Tanh) {
        return incoherent(
            "outputActivation",
            format!(
                "regression labels lie in [−1, 1], which {} cannot produce: use linear or tanh",
                output.name()
            ),
        );
    }
    None
}

fn in_range(value: f64, low: f64, high: f64) -> bool {
    value.is_finite() && value >= low && value <= high
}

/// How many of `count` points train, for a train ratio in percent: at least
/// one point trains and, when there are two or more, at least one tests.
pub fn train_count(count: usize, train_ratio: f64) -> usize {
    let wanted = (count as f64 * train_ratio / 100.0).round() as usize;
    wanted.clamp(1, count.saturating_sub(1).max(1))
}

impl Config {
    /// How many of `num_points` points train: by the train ratio, or by 50 %
    /// while the ratio is out of its range (validation names that error).
    pub fn train_points_for(&self, num_points: usize) -> usize {
        let ratio = if schema::number("trainRatio").contains(self.train_ratio) {
            self.train_ratio
        } else {
            50.0
        };
        train_count(num_points, ratio)
    }

    /// Number of classes, `None` for regression. A custom dataset has as many
    /// classes as its largest label + 1, and at least two.
    pub fn class_count(&self) -> Option<usize> {
        if self.dataset != DatasetKind::Custom {
            return self.dataset.classes(self.classes);
        }
        match self.custom_problem {
            Problem::Regression => None,
            Problem::Classification => {
                let top = self
                    .custom_points
                    .iter()
                    .map(|p| p.label)
                    .filter(|l| l.is_finite() && *l >= 0.0)
                    .fold(0.0_f64, f64::max);
                // Capped before the cast: a huge label must not overflow the + 1.
                Some((top.min(MAX_CLASSES as f64) as usize + 1).clamp(2, MAX_CLASSES))
            }
        }
    }

    /// The number setting `name` (one of [`schema::NUMBERS`]) as an f64.
    ///
    /// # Panics
    /// For a name that is not a number setting: the schema's tests catch it.
    pub fn number(&self, name: &str) -> f64 {
        match name {
            "noise" => self.noise,
            "trainRatio" => self.train_ratio,
            "classes" => self.classes as f64,
            "initRange" => self.init_range,
            "initBias" => self.init_bias,
            "momentum" => self.momentum,
            "rho" => self.rho,
            "beta1" => self.beta1,
            "beta2" => self.beta2,
            "epsilon" => self.epsilon,
            "decayEvery" => self.decay_every as f64,
            "decayFactor" => self.decay_factor,
            "plateauPatience" => self.plateau_patience as f64,
            "minLearningRate" => self.min_learning_rate,
            "regularizationRate" => self.regularization_rate,
            "maxEpochs" => self.max_epochs as f64,
            "lossThreshold" => self.loss_threshold,
            "patience" => self.patience as f64,
            "jitter" => self.jitter,
            "rotation" => self.rotation,
            "scaling" => self.scaling,
            "learningRate" => self.learning_rate,
            _ => panic!("{name} is not a number setting"),
        }
    }

    /// True when the labels are classes rather than real values.
    pub fn is_classification(&self) -> bool {
        self.class_count().is_some()
    }

    /// Checks every point of a custom dataset.
    fn custom_point_errors(&self) -> Vec<ConfigError> {
        let n = self.custom_points.len();
        if !(CUSTOM_POINTS_RANGE.0..=CUSTOM_POINTS_RANGE.1).contains(&n) {
            return vec![ConfigError::CustomPointCount(n)];
        }
        let mut errors = Vec::new();
        for (index, p) in self.custom_points.iter().enumerate() {
            let reason = if !(in_range(p.x1, -CUSTOM_EXTENT, CUSTOM_EXTENT)
                && in_range(p.x2, -CUSTOM_EXTENT, CUSTOM_EXTENT))
            {
                Some(format!(
                    "= ({}, {}) lies too far out: x1 and x2 from −{CUSTOM_EXTENT} to {CUSTOM_EXTENT} allowed",
                    readable::number(p.x1),
                    readable::number(p.x2)
                ))
            } else {
                match self.custom_problem {
                    Problem::Classification
                        if !(in_range(p.label, 0.0, (MAX_CLASSES - 1) as f64)
                            && p.label.fract() == 0.0) =>
                    {
                        Some(format!(
                            "has label {}: a class 0 to {} allowed",
                            p.label,
                            MAX_CLASSES - 1
                        ))
                    }
                    Problem::Regression if !in_range(p.label, -MAX_VALUE_LABEL, MAX_VALUE_LABEL) => {
                        Some(format!(
                            "has label {}: a value from −{MAX_VALUE_LABEL} to {MAX_VALUE_LABEL} allowed",
                            readable::number(p.label)
                        ))
                    }
                    _ => None,
                }
            };
            if let Some(reason) = reason {
                errors.push(ConfigError::CustomPoint { index, reason });
                // One message per bad point would drown the others: a few say enough.
                if errors.len() == 5 {
                    break;
                }
            }
        }
        errors
    }

    /// Checks every field, reporting all invalid ones at once.
    pub fn validate(self) -> Result<ValidConfig, ConfigErrors> {
        let custom = self.dataset == DatasetKind::Custom;
        let num_points = if custom {
            self.custom_points.len()
        } else {
            self.num_points.unwrap_or(self.dataset.default_points())
        };
        let mut errors = self.range_errors(custom, num_points);
        errors.extend(self.feature_errors());
        errors.extend(self.layer_errors());
        let custom_errors = if custom {
            self.custom_point_errors()
        } else {
            Vec::new()
        };
        let points_ok = if custom {
            custom_errors.is_empty()
        } else {
            (POINTS_RANGE.0..=POINTS_RANGE.1).contains(&num_points)
        };
        errors.extend(custom_errors);
        let ratio_ok = schema::number("trainRatio").contains(self.train_ratio);
        let train_points = self.train_points_for(num_points);
        // The batch size is judged against the training set only when that is known.
        if points_ok && ratio_ok && !(1..=train_points).contains(&self.batch_size) {
            errors.push(ConfigError::BatchSize {
                value: self.batch_size,
                train_points,
            });
        }
        errors.extend(incoherence(&self));
        if errors.is_empty() {
            errors.extend(self.slow_epoch(train_points));
            errors.extend(self.slow_step());
        }
        if errors.is_empty() {
            Ok(ValidConfig {
                config: self,
                num_points,
                train_points,
            })
        } else {
            Err(ConfigErrors(errors))
        }
    }

    /// Every number out of its range (the point count only for a generated
    /// dataset), in the order of [`schema::NUMBERS`], which holds each range
    /// and how its message says it.
    fn range_errors(&self, custom: bool, num_points: usize) -> Vec<ConfigError> {
        let mut errors = Vec::new();
        for range in &schema::NUMBERS {
            let value = match range.name {
                "numPoints" if custom => continue,
                "numPoints" => num_points as f64,
                name => self.number(name),
            };
            if !range.contains(value) {
                errors.push(ConfigError::OutOfRange {
                    field: range.name,
                    value,
                    allowed: range.allowed(),
                });
            }
        }
        errors
    }

    /// No feature, or one named twice.
    fn feature_errors(&self) -> Vec<ConfigError> {
        let mut errors = Vec::new();
        if self.features.is_empty() {
            errors.push(ConfigError::NoFeatures);
        }
        // One duplicate named is enough; and a list longer than every
        // feature there is must repeat one, so it is not searched item by item.
        let duplicate = if self.features.len() > Feature::ALL.len() {
            self.features.first()
        } else {
            (1..self.features.len())
                .find(|&i| self.features[..i].contains(&self.features[i]))
                .map(|i| &self.features[i])
        };
        if let Some(&feature) = duplicate {
            errors.push(ConfigError::DuplicateFeature(feature));
        }
        errors
    }

    /// The hidden layers: their count, units, per-layer lists, activations
    /// and dropout rates.
    fn layer_errors(&self) -> Vec<ConfigError> {
        let mut errors = Vec::new();
        let layers = self.hidden.len();
        // Past the limit, the count is the one error: per-layer checks of a
        // list of any length would bound neither the time nor the message.
        let per_layer = layers <= MAX_HIDDEN_LAYERS;
        if !per_layer {
            errors.push(ConfigError::HiddenLayers(layers));
        }
        for (layer, &units) in self.hidden.iter().enumerate().take_while(|_| per_layer) {
            if !(1..=MAX_UNITS).contains(&units) {
                errors.push(ConfigError::Units { layer, units });
            }
        }
        for (field, given) in [
            ("hiddenActivations", self.hidden_activations.len()),
            ("dropout", self.dropout.len()),
        ] {
            if given != 0 && given != layers {
                errors.push(ConfigError::PerLayerLength {
                    field,
                    given,
                    layers,
                });
            }
        }
        let listed = |given: usize| given <= MAX_HIDDEN_LAYERS;
        for (layer, &activation) in self
            .hidden_activations
            .iter()
            .enumerate()
            .take_while(|_| listed(self.hidden_activations.len()))
        {
            if activation == Activation::Softmax {
                errors.push(ConfigError::SoftmaxInHiddenLayer { layer });
            }
        }
        if self.activation == Activation::Softmax {
            errors.push(ConfigError::SoftmaxInHiddenLayer { layer: 0 });
        }
        for (layer, &rate) in self
            .dropout
            .iter()
            .enumerate()
            .take_while(|_| listed(self.dropout.len()))
        {
            if !in_range(rate, 0.0, MAX_DROPOUT) {
                errors.push(ConfigError::DropoutRate { layer, rate });
            }
        }
        errors
    }

    /// An epoch too slow for the page ([`crate::cost`]), naming the smallest
    /// batch that fits.
    fn slow_epoch(&self, train_points: usize) -> Option<ConfigError> {
        let weights = self.weight_count();
        let work = crate::cost::epoch_work(train_points, weights, self.batch_size);
        (work > crate::cost::MAX_EPOCH_WORK).then(|| ConfigError::SlowEpoch {
            batch_size: self.batch_size,
            train_points,
            weights,
            smallest_batch: crate::cost::smallest_batch(train_points, weights),
        })
    }

    /// A step too long for the engine to pause between ([`crate::cost`]),
    /// naming the largest batch that fits.
    fn slow_step(&self) -> Option<ConfigError> {
        let weights = self.weight_count();
        let largest_batch = crate::cost::largest_batch(weights);
        (self.batch_size > largest_batch).then_some(ConfigError::SlowStep {
            batch_size: self.batch_size,
            weights,
            largest_batch,
        })
    }

    /// Weights and biases of the network this config describes.
    fn weight_count(&self) -> usize {
        let mut sizes = vec![self.features.len()];
        sizes.extend(&self.hidden);
        sizes.push(outputs_for(self));
        crate::link::weight_count(&sizes)
    }

    /// Fixes combinations of loss, output activation, problem and per-layer
    /// lists that do not go together, and says what it changed and why, so a
    /// page can apply a user's choice and explain the consequence instead of
    /// refusing it. Leaves out-of-range numbers for `validate` to report.
    pub fn make_coherent(&mut self) -> Vec<String> {
        let mut notes = Vec::new();
        let layers = self.hidden.len();
        if !self.hidden_activations.is_empty() && self.hidden_activations.len() != layers {
            self.hidden_activations.resize(layers, self.activation);
        }
        for a in &mut self.hidden_activations {
            if *a == Activation::Softmax {
                *a = self.activation;
                notes.push(
                    "softmax belongs to the output layer: the hidden layer keeps its activation"
                        .to_owned(),
                );
            }
        }
        if !self.dropout.is_empty() && self.dropout.len() != layers {
            self.dropout.resize(layers, 0.0);
        }
        let classes = self.class_count();
        if classes.is_none() && self.loss != Loss::SquaredError {
            notes.push(format!(
                "{} is for classification; {} is regression, so the loss is now ½ squared error",
                self.loss.name(),
                self.dataset.name()
            ));
            self.loss = Loss::SquaredError;
        }
        if self.loss == Loss::BinaryCrossEntropy && classes.is_some_and(|k| k >= 3) {
            notes.push(format!(
                "binary cross-entropy is for two classes; {} has more, so the loss is now softmax cross-entropy",
                self.dataset.name()
            ));
            self.loss = Loss::SoftmaxCrossEntropy;
        }
        if let Some(error) = incoherence(self) {
            let natural = {
                let mut probe = self.clone();
                probe.output_activation = None;
                output_activation_for(&probe)
            };
            notes.push(format!("{error}; the output is now {}", natural.name()));
            self.output_activation = None;
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(config: Config) -> Vec<ConfigError> {
        config.validate().unwrap_err().0
    }

    fn message_of(config: Config) -> String {
        config.validate().unwrap_err().to_string()
    }

    fn out_of_range(field: &'static str, value: f64, allowed: &'static str) -> ConfigError {
        ConfigError::OutOfRange {
            field,
            value,
            allowed: allowed.to_owned(),
        }
    }

    #[test]
    fn defaults_are_valid() {
        let valid = Config::default().validate().unwrap();
        assert_eq!(valid.num_points(), 500);
        assert_eq!(valid.train_points(), 250);
        assert_eq!(valid.layer_sizes(), vec![2, 4, 2, 1]);
        assert_eq!(
            valid.layer_activations(),
            vec![Activation::Tanh, Activation::Tanh, Activation::Sigmoid]
        );
    }

    #[test]
    fn an_empty_object_is_the_default_config() {
        let parsed: Config = serde_json::from_str("{}").unwrap();
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn fields_are_camel_case_and_unknown_ones_are_refused() {
        let parsed: Config = serde_json::from_str(
            r#"{"dataset":"multiGauss","hidden":[3],"learningRate":0.1,"features":["x1x2","sinX1"],"optimizer":"rmsProp"}"#,
        )
        .unwrap();
        assert_eq!(parsed.dataset, DatasetKind::MultiGauss);
        assert_eq!(parsed.hidden, vec![3]);
        assert_eq!(parsed.features, vec![Feature::X1TimesX2, Feature::SinX1]);
        assert_eq!(parsed.optimizer, OptimizerKind::RmsProp);
        let err = serde_json::from_str::<Config>(r#"{"learningrate":0.1}"#).unwrap_err();
        assert!(
            err.to_string().contains("unknown field `learningrate`"),
            "{err}"
        );
    }

    fn custom(points: &[(f64, f64, f64)], problem: Problem) -> Config {
        Config {
            dataset: DatasetKind::Custom,
            custom_points: points
                .iter()
                .map(|&(x1, x2, label)| Point { x1, x2, label })
                .collect(),
            custom_problem: problem,
            batch_size: 1,
            ..Config::default()
        }
    }

    #[test]
    fn a_custom_dataset_takes_its_size_and_classes_from_its_points() {
        let four = [
            (1.0, 1.0, 0.0),
            (-1.0, 1.0, 1.0),
            (1.0, -1.0, 2.0),
            (-1.0, -1.0, 0.0),
        ];
        let valid = custom(&four, Problem::Classification).validate().unwrap();
        assert_eq!(valid.num_points(), 4);
        assert_eq!(valid.train_points(), 2);
        assert_eq!(valid.classes(), Some(3));
        assert_eq!(valid.outputs(), 3);
        // A generated dataset ignores any custom points and the numPoints limit applies.
        let ignored = Config {
            dataset: DatasetKind::Circle,
            ..custom(&four, Problem::Classification)
        };
        assert_eq!(ignored.validate().unwrap().num_points(), 500);
        let regression = custom(&[(0.0, 0.0, 0.5), (1.0, 1.0, -0.25)], Problem::Regression);
        let valid = regression.validate().unwrap();
        assert_eq!(valid.classes(), None);
        assert_eq!(valid.output_activation(), Activation::Linear);
    }

    #[test]
    fn bad_custom_points_are_named_by_index() {
        let cases: Vec<(Config, &str)> = vec![
            (
                custom(&[], Problem::Classification),
                "customPoints has 0 points, which is out of range: 2 to 5000",
            ),
            (
                custom(&[(0.0, 0.0, 1.0)], Problem::Classification),
                "customPoints has 1 points",
            ),
            (
                custom(
                    &[(0.0, 0.0, 1.0), (25.0, 0.0, 0.0)],
                    Problem::Classification,
                ),
                "customPoints[1] = (25, 0) lies too far out: x1 and x2 from −24 to 24 allowed",
            ),
            (
                custom(&[(0.0, 0.0, 1.5), (1.0, 0.0, 0.0)], Problem::Classification),
                "customPoints[0] has label 1.5: a class 0 to 4 allowed",
            ),
            (
                custom(&[(0.0, 0.0, 0.0), (1.0, 0.0, 5.0)], Problem::Classification),
                "customPoints[1] has label 5",
            ),
            (
                custom(
                    &[(0.0, 0.0, 0.0), (1.0, f64::NAN, 0.0)],
                    Problem::Regression,
                ),
                "customPoints[1] = (1, not a finite number) lies too far out",
            ),
            (
                custom(&[(0.0, 0.0, 0.0), (1.0, 0.0, 2.5)], Problem::Regression),
                "customPoints[1] has label 2.5: a value from −2 to 2 allowed",
            ),
        ];
        for (config, expected) in cases {
            let message = message_of(config);
            assert!(message.contains(expected), "{message:?} lacks {expected:?}");
        }
        let many_bad = custom(&[(30.0, 9.0, 0.0); 40], Problem::Classification);
        assert_eq!(
            errors_of(many_bad).len(),
            5,
            "a few bad points are named, not all forty"
        );
    }

    #[test]
    fn each_invalid_field_has_its_named_error() {
        let d = Config::default;
        let cases: Vec<(Config, ConfigError, &str)> = vec![
            (
                Config { num_points: Some(3), ..d() },
                out_of_range("numPoints", 3.0, "10 to 5000 points"),
                "numPoints = 3 is out of range: 10 to 5000 points allowed",
            ),
            (Config { noise: 60.0, ..d() }, out_of_range("noise", 60.0, "0 to 50 %"), "noise = 60"),
            (
                Config { train_ratio: 95.0, ..d() },
                out_of_range("trainRatio", 95.0, "10 to 90 %"),
                "trainRatio = 95",
            ),
            (Config { classes: 6, ..d() }, out_of_range("classes", 6.0, "2 to 5 classes"), "classes = 6"),
            (Config { features: vec![], ..d() }, ConfigError::NoFeatures, "features"),
            (
                Config { features: vec![Feature::X1, Feature::X1], ..d() },
                ConfigError::DuplicateFeature(Feature::X1),
                "x1 twice",
            ),
            (Config { hidden: vec![2; 9], ..d() }, ConfigError::HiddenLayers(9), "hidden has 9 layers"),
            (
                Config { hidden: vec![4, 0], ..d() },
                ConfigError::Units { layer: 1, units: 0 },
                "hidden[1] = 0 units",
            ),
            (
                Config { hidden: vec![1000], ..d() },
                ConfigError::Units { layer: 0, units: 1000 },
                "1 to 32",
            ),
            (
                Config { learning_rate: 0.0, ..d() },
                out_of_range("learningRate", 0.0, "η above 0 and at most 10"),
                "learningRate = 0",
            ),
            (
                Config { learning_rate: 11.0, ..d() },
                out_of_range("learningRate", 11.0, "η above 0 and at most 10"),
                "learningRate = 11",
            ),
            (
                Config { batch_size: 251, ..d() },
                ConfigError::BatchSize { value: 251, train_points: 250 },
                "batchSize = 251 is out of range: 1 to 250",
            ),
            (
                Config { batch_size: 0, ..d() },
                ConfigError::BatchSize { value: 0, train_points: 250 },
                "batchSize = 0",
            ),
            (
                Config { regularization_rate: -1.0, ..d() },
                out_of_range("regularizationRate", -1.0, "γ from 0 to 10"),
                "regularizationRate = -1",
            ),
            (Config { init_range: 11.0, ..d() }, out_of_range("initRange", 11.0, "α from 0 to 10"), "initRange = 11"),
            (Config { init_bias: 20.0, ..d() }, out_of_range("initBias", 20.0, "−10 to 10"), "initBias = 20"),
            (Config { momentum: 1.0, ..d() }, out_of_range("momentum", 1.0, "μ from 0 to 0.999"), "momentum = 1"),
            (Config { rho: -0.1, ..d() }, out_of_range("rho", -0.1, "ρ from 0 to 0.999"), "rho = -0.1"),
            (Config { beta1: 1.5, ..d() }, out_of_range("beta1", 1.5, "β₁ from 0 to 0.999"), "beta1"),
            (Config { beta2: 1.0, ..d() }, out_of_range("beta2", 1.0, "β₂ from 0 to 0.99999"), "beta2"),
            (Config { epsilon: 0.0, ..d() }, out_of_range("epsilon", 0.0, "ε from 1e-12 to 1"), "epsilon = 0"),
            (Config { decay_every: 0, ..d() }, out_of_range("decayEvery", 0.0, "1 to 1000000 epochs"), "decayEvery"),
            (Config { decay_factor: 0.0, ..d() }, out_of_range("decayFactor", 0.0, "0.01 to 1"), "decayFactor"),
            (
                Config { plateau_patience: 0, ..d() },
                out_of_range("plateauPatience", 0.0, "1 to 100000 epochs"),
                "plateauPatience",
            ),
            (
                Config { min_learning_rate: -1.0, ..d() },
                out_of_range("minLearningRate", -1.0, "0 to 10"),
                "minLearningRate",
            ),
            (
                Config { loss_threshold: -1.0, ..d() },
                out_of_range("lossThreshold", -1.0, "θ from 0 (off) to 100"),
                "lossThreshold",
            ),
            (
                Config { patience: 200_000, ..d() },
                out_of_range("patience", 200_000.0, "0 (off) to 100000 epochs"),
                "patience",
            ),
            (Config { jitter: 3.0, ..d() }, out_of_range("jitter", 3.0, "0 to 2"), "jitter = 3"),
            (Config { rotation: 200.0, ..d() }, out_of_range("rotation", 200.0, "0 to 180 degrees"), "rotation"),
            (Config { scaling: 0.6, ..d() }, out_of_range("scaling", 0.6, "0 to 0.5"), "scaling"),
            (
                Config { dropout: vec![0.5], ..d() },
                ConfigError::PerLayerLength { field: "dropout", given: 1, layers: 2 },
                "dropout has 1 entries but there are 2 hidden layers",
            ),
            (
                Config { dropout: vec![0.5, 0.95], ..d() },
                ConfigError::DropoutRate { layer: 1, rate: 0.95 },
                "dropout[1] = 0.95",
            ),
            (
                Config { hidden_activations: vec![Activation::Relu, Activation::Softmax], ..d() },
                ConfigError::SoftmaxInHiddenLayer { layer: 1 },
                "hiddenActivations[1] = softmax",
            ),
            (
                Config { loss: Loss::BinaryCrossEntropy, dataset: DatasetKind::Plane, ..d() },
                ConfigError::Incoherent {
                    field: "loss",
                    reason: "binaryCrossEntropy needs a classification dataset, but plane is regression: use squaredError".into(),
                },
                "plane is regression",
            ),
            (
                Config { loss: Loss::BinaryCrossEntropy, output_activation: Some(Activation::Tanh), ..d() },
                ConfigError::Incoherent {
                    field: "outputActivation",
                    reason: "binaryCrossEntropy reads the output as a probability, so it needs a sigmoid output, not tanh".into(),
                },
                "needs a sigmoid output, not tanh",
            ),
        ];
        for (config, expected, text) in cases {
            assert_eq!(errors_of(config.clone()), vec![expected], "{config:?}");
            let message = message_of(config);
            assert!(message.contains(text), "{message:?} lacks {text:?}");
        }
    }

    #[test]
    fn a_nan_learning_rate_is_refused_by_name() {
        assert!(message_of(Config {
            learning_rate: f64::NAN,
            ..Config::default()
        })
        .contains("learningRate = not a finite number is out of range"));
    }

    #[test]
    fn all_errors_are_reported_together() {
        let config = Config {
            noise: 99.0,
            hidden: vec![0, 40],
            ..Config::default()
        };
        assert_eq!(errors_of(config).len(), 3);
    }

    #[test]
    fn train_count_keeps_both_sets_non_empty() {
        assert_eq!(train_count(500, 50.0), 250);
        assert_eq!(train_count(10, 90.0), 9);
        assert_eq!(train_count(10, 10.0), 1);
        assert_eq!(train_count(1200, 90.0), 1080);
    }

    #[test]
    fn outputs_follow_the_problem_and_the_loss() {
        let shape = |config: Config| {
            let valid = config.validate().unwrap();
            (valid.outputs(), valid.output_activation())
        };
        let d = Config::default;
        assert_eq!(shape(d()), (1, Activation::Sigmoid));
        assert_eq!(
            shape(Config {
                dataset: DatasetKind::Plane,
                ..d()
            }),
            (1, Activation::Linear)
        );
        assert_eq!(
            shape(Config {
                dataset: DatasetKind::Spiral3,
                ..d()
            }),
            (3, Activation::Sigmoid),
            "the notes' k outputs with squared error on one-hot targets"
        );
        assert_eq!(
            shape(Config {
                dataset: DatasetKind::Blobs,
                classes: 5,
                loss: Loss::SoftmaxCrossEntropy,
                ..d()
            }),
            (5, Activation::Softmax)
        );
        assert_eq!(
            shape(Config {
                loss: Loss::SoftmaxCrossEntropy,
                ..d()
            }),
            (2, Activation::Softmax),
            "two classes with softmax take two outputs"
        );
    }

    #[test]
    fn per_layer_activations_override_the_shared_one() {
        let valid = Config {
            hidden: vec![3, 3],
            hidden_activations: vec![Activation::Relu, Activation::LeakyRelu],
            ..Config::default()
        }
        .validate()
        .unwrap();
        assert_eq!(
            valid.layer_activations(),
            vec![Activation::Relu, Activation::LeakyRelu, Activation::Sigmoid]
        );
    }

    #[test]
    fn incoherent_choices_are_fixed_and_explained() {
        let mut config = Config {
            loss: Loss::BinaryCrossEntropy,
            output_activation: Some(Activation::Tanh),
            ..Config::default()
        };
        let notes = config.make_coherent();
        assert_eq!(config.output_activation, None);
        assert!(
            notes[0].contains("needs a sigmoid output") && notes[0].contains("now sigmoid"),
            "{notes:?}"
        );
        assert!(config.clone().validate().is_ok());

        let mut config = Config {
            loss: Loss::BinaryCrossEntropy,
            dataset: DatasetKind::Spiral3,
            ..Config::default()
        };
        let notes = config.make_coherent();
        assert_eq!(config.loss, Loss::SoftmaxCrossEntropy);
        assert!(notes[0].contains("softmax cross-entropy"), "{notes:?}");
        assert!(config.validate().is_ok());

        let mut config = Config {
            loss: Loss::SoftmaxCrossEntropy,
            dataset: DatasetKind::MultiGauss,
            hidden: vec![3, 3, 3],
            dropout: vec![0.2],
            ..Config::default()
        };
        config.make_coherent();
        assert_eq!(config.loss, Loss::SquaredError);
        assert_eq!(config.dropout, vec![0.2, 0.0, 0.0]);
        assert!(config.validate().is_ok());

        let mut fine = Config::default();
        assert!(fine.make_coherent().is_empty());
        assert_eq!(fine, Config::default());
    }
}
