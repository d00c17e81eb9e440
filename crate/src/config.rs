//! What a run is: the settings a user picks, read from JavaScript (or a link),
//! then validated once into a [`ValidConfig`] that the trainer trusts.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::activation::Activation;
use crate::data::{DatasetKind, Feature};
use crate::loss::Loss;
use crate::regularization::Regularization;

/// Allowed number of hidden layers.
pub const MAX_HIDDEN_LAYERS: usize = 8;
/// Allowed units per hidden layer: 1 to this.
pub const MAX_UNITS: usize = 32;
/// Allowed number of points in a dataset.
pub const POINTS_RANGE: (usize, usize) = (10, 5000);
/// Largest learning rate η accepted.
pub const MAX_LEARNING_RATE: f64 = 10.0;

/// The settings as a user gives them: every field has a default, so `{}` is
/// a valid config. Field names are camelCase in JavaScript and links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Config {
    pub dataset: DatasetKind,
    /// `None` takes the dataset's usual count (500 or 1200).
    pub num_points: Option<usize>,
    /// Percent, 0 to 50.
    pub noise: f64,
    /// Percent of the points used for training, 10 to 90.
    pub train_ratio: f64,
    pub data_seed: u32,
    pub features: Vec<Feature>,
    /// Units per hidden layer.
    pub hidden: Vec<usize>,
    /// φ of the hidden layers.
    pub activation: Activation,
    pub loss: Loss,
    /// η: the step size of gradient descent.
    pub learning_rate: f64,
    /// Examples per gradient step: 1 is the course's per-example update, the
    /// whole training set is full-batch gradient descent.
    pub batch_size: usize,
    pub regularization: Regularization,
    /// γ: the weight of the penalty term in the loss.
    pub regularization_rate: f64,
    /// α: initial weights are uniform in [−α, α].
    pub init_range: f64,
    /// Every bias starts at this value.
    pub init_bias: f64,
    /// Keep biases fixed during training.
    pub freeze_biases: bool,
    /// Seeds the initial weights and the training order.
    pub seed: u32,
}

impl Default for Config {
    /// TensorFlow Playground's defaults, so its users start where they know.
    fn default() -> Self {
        Config {
            dataset: DatasetKind::Circle,
            num_points: None,
            noise: 0.0,
            train_ratio: 50.0,
            data_seed: 1,
            features: vec![Feature::X1, Feature::X2],
            hidden: vec![4, 2],
            activation: Activation::Tanh,
            loss: Loss::SquaredError,
            learning_rate: 0.03,
            batch_size: 10,
            regularization: Regularization::None,
            regularization_rate: 0.0,
            init_range: 0.5,
            init_bias: 0.1,
            freeze_biases: false,
            seed: 1,
        }
    }
}

/// One invalid field, with what was given and what is allowed.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigError {
    NumPoints(usize),
    Noise(f64),
    TrainRatio(f64),
    NoFeatures,
    DuplicateFeature(Feature),
    HiddenLayers(usize),
    Units {
        layer: usize,
        units: usize,
    },
    LearningRate(f64),
    BatchSize {
        value: usize,
        train_points: usize,
    },
    RegularizationRate(f64),
    InitRange(f64),
    InitBias(f64),
    /// Cross-entropy needs targets in {0, 1}: a classification dataset.
    LossNeedsClassification {
        loss: Loss,
        dataset: DatasetKind,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NumPoints(v) => write!(
                f,
                "numPoints = {v} is out of range: {} to {} points allowed",
                POINTS_RANGE.0, POINTS_RANGE.1
            ),
            ConfigError::Noise(v) => write!(f, "noise = {v} is out of range: 0 to 50 % allowed"),
            ConfigError::TrainRatio(v) => {
                write!(f, "trainRatio = {v} is out of range: 10 to 90 % allowed")
            }
            ConfigError::NoFeatures => {
                write!(f, "features is empty: at least one input feature is needed")
            }
            ConfigError::DuplicateFeature(feature) => {
                write!(f, "features lists {} twice: each feature at most once", feature.name())
            }
            ConfigError::HiddenLayers(v) => write!(
                f,
                "hidden has {v} layers, which is out of range: 0 to {MAX_HIDDEN_LAYERS} hidden layers allowed"
            ),
            ConfigError::Units { layer, units } => write!(
                f,
                "hidden[{layer}] = {units} units is out of range: 1 to {MAX_UNITS} allowed"
            ),
            ConfigError::LearningRate(v) => write!(
                f,
                "learningRate = {v} is out of range: η must be above 0 and at most {MAX_LEARNING_RATE}"
            ),
            ConfigError::BatchSize { value, train_points } => write!(
                f,
                "batchSize = {value} is out of range: 1 to {train_points} (the number of training points) allowed"
            ),
            ConfigError::RegularizationRate(v) => {
                write!(f, "regularizationRate = {v} is out of range: 0 to 10 allowed")
            }
            ConfigError::InitRange(v) => {
                write!(f, "initRange = {v} is out of range: α from 0 to 10 allowed")
            }
            ConfigError::InitBias(v) => {
                write!(f, "initBias = {v} is out of range: −10 to 10 allowed")
            }
            ConfigError::LossNeedsClassification { loss, dataset } => write!(
                f,
                "loss = {} needs a classification dataset (labels 0 or 1), but dataset = {} is regression: use squaredError",
                loss.name(),
                dataset.name()
            ),
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

    /// [inputs, hidden..., 1]: the layer sizes of the network.
    pub fn layer_sizes(&self) -> Vec<usize> {
        let mut sizes = Vec::with_capacity(self.config.hidden.len() + 2);
        sizes.push(self.config.features.len());
        sizes.extend(&self.config.hidden);
        sizes.push(1);
        sizes
    }

    /// The output node's φ: a sigmoid gives a probability of class 1 for
    /// classification; regression outputs are unbounded, so linear.
    pub fn output_activation(&self) -> Activation {
        if self.config.dataset.is_classification() {
            Activation::Sigmoid
        } else {
            Activation::Linear
        }
    }
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
    /// Checks every field, reporting all invalid ones at once.
    pub fn validate(self) -> Result<ValidConfig, ConfigErrors> {
        let mut errors = Vec::new();
        let num_points = self.num_points.unwrap_or(self.dataset.default_points());
        if !(POINTS_RANGE.0..=POINTS_RANGE.1).contains(&num_points) {
            errors.push(ConfigError::NumPoints(num_points));
        }
        if !in_range(self.noise, 0.0, 50.0) {
            errors.push(ConfigError::Noise(self.noise));
        }
        if !in_range(self.train_ratio, 10.0, 90.0) {
            errors.push(ConfigError::TrainRatio(self.train_ratio));
        }
        if self.features.is_empty() {
            errors.push(ConfigError::NoFeatures);
        }
        for (i, feature) in self.features.iter().enumerate() {
            if self.features[..i].contains(feature) {
                errors.push(ConfigError::DuplicateFeature(*feature));
            }
        }
        if self.hidden.len() > MAX_HIDDEN_LAYERS {
            errors.push(ConfigError::HiddenLayers(self.hidden.len()));
        }
        for (layer, &units) in self.hidden.iter().enumerate() {
            if !(1..=MAX_UNITS).contains(&units) {
                errors.push(ConfigError::Units { layer, units });
            }
        }
        if !(self.learning_rate.is_finite()
            && self.learning_rate > 0.0
            && self.learning_rate <= MAX_LEARNING_RATE)
        {
            errors.push(ConfigError::LearningRate(self.learning_rate));
        }
        let points_ok = (POINTS_RANGE.0..=POINTS_RANGE.1).contains(&num_points);
        let ratio_ok = in_range(self.train_ratio, 10.0, 90.0);
        let train_points = train_count(num_points, if ratio_ok { self.train_ratio } else { 50.0 });
        // The batch size is judged against the training set only when that is known.
        if points_ok && ratio_ok && !(1..=train_points).contains(&self.batch_size) {
            errors.push(ConfigError::BatchSize {
                value: self.batch_size,
                train_points,
            });
        }
        if !in_range(self.regularization_rate, 0.0, 10.0) {
            errors.push(ConfigError::RegularizationRate(self.regularization_rate));
        }
        if !in_range(self.init_range, 0.0, 10.0) {
            errors.push(ConfigError::InitRange(self.init_range));
        }
        if !in_range(self.init_bias, -10.0, 10.0) {
            errors.push(ConfigError::InitBias(self.init_bias));
        }
        if self.loss == Loss::BinaryCrossEntropy && !self.dataset.is_classification() {
            errors.push(ConfigError::LossNeedsClassification {
                loss: self.loss,
                dataset: self.dataset,
            });
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

    #[test]
    fn defaults_are_valid() {
        let valid = Config::default().validate().unwrap();
        assert_eq!(valid.num_points(), 500);
        assert_eq!(valid.train_points(), 250);
        assert_eq!(valid.layer_sizes(), vec![2, 4, 2, 1]);
    }

    #[test]
    fn an_empty_object_is_the_default_config() {
        let parsed: Config = serde_json::from_str("{}").unwrap();
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn fields_are_camel_case_and_unknown_ones_are_refused() {
        let parsed: Config = serde_json::from_str(
            r#"{"dataset":"multiGauss","hidden":[3],"learningRate":0.1,"features":["x1x2","sinX1"]}"#,
        )
        .unwrap();
        assert_eq!(parsed.dataset, DatasetKind::MultiGauss);
        assert_eq!(parsed.hidden, vec![3]);
        assert_eq!(parsed.features, vec![Feature::X1TimesX2, Feature::SinX1]);
        let err = serde_json::from_str::<Config>(r#"{"learningrate":0.1}"#).unwrap_err();
        assert!(
            err.to_string().contains("unknown field `learningrate`"),
            "{err}"
        );
    }

    #[test]
    fn each_invalid_field_has_its_named_error() {
        let cases: Vec<(Config, ConfigError, &str)> = vec![
            (
                Config {
                    num_points: Some(3),
                    ..Config::default()
                },
                ConfigError::NumPoints(3),
                "numPoints = 3",
            ),
            (
                Config {
                    noise: 60.0,
                    ..Config::default()
                },
                ConfigError::Noise(60.0),
                "noise = 60",
            ),
            (
                Config {
                    train_ratio: 95.0,
                    ..Config::default()
                },
                ConfigError::TrainRatio(95.0),
                "trainRatio = 95",
            ),
            (
                Config {
                    features: vec![],
                    ..Config::default()
                },
                ConfigError::NoFeatures,
                "features",
            ),
            (
                Config {
                    features: vec![Feature::X1, Feature::X1],
                    ..Config::default()
                },
                ConfigError::DuplicateFeature(Feature::X1),
                "x1 twice",
            ),
            (
                Config {
                    hidden: vec![2; 9],
                    ..Config::default()
                },
                ConfigError::HiddenLayers(9),
                "hidden has 9 layers",
            ),
            (
                Config {
                    hidden: vec![4, 0],
                    ..Config::default()
                },
                ConfigError::Units { layer: 1, units: 0 },
                "hidden[1] = 0 units",
            ),
            (
                Config {
                    hidden: vec![1000],
                    ..Config::default()
                },
                ConfigError::Units {
                    layer: 0,
                    units: 1000,
                },
                "1 to 32",
            ),
            (
                Config {
                    learning_rate: 0.0,
                    ..Config::default()
                },
                ConfigError::LearningRate(0.0),
                "learningRate = 0",
            ),
            (
                Config {
                    learning_rate: f64::NAN,
                    ..Config::default()
                },
                ConfigError::LearningRate(f64::NAN),
                "learningRate = NaN",
            ),
            (
                Config {
                    batch_size: 251,
                    ..Config::default()
                },
                ConfigError::BatchSize {
                    value: 251,
                    train_points: 250,
                },
                "batchSize = 251 is out of range: 1 to 250",
            ),
            (
                Config {
                    batch_size: 0,
                    ..Config::default()
                },
                ConfigError::BatchSize {
                    value: 0,
                    train_points: 250,
                },
                "batchSize = 0",
            ),
            (
                Config {
                    regularization_rate: -1.0,
                    ..Config::default()
                },
                ConfigError::RegularizationRate(-1.0),
                "regularizationRate = -1",
            ),
            (
                Config {
                    init_range: 11.0,
                    ..Config::default()
                },
                ConfigError::InitRange(11.0),
                "initRange = 11",
            ),
            (
                Config {
                    init_bias: 20.0,
                    ..Config::default()
                },
                ConfigError::InitBias(20.0),
                "initBias = 20",
            ),
            (
                Config {
                    loss: Loss::BinaryCrossEntropy,
                    dataset: DatasetKind::Plane,
                    ..Config::default()
                },
                ConfigError::LossNeedsClassification {
                    loss: Loss::BinaryCrossEntropy,
                    dataset: DatasetKind::Plane,
                },
                "dataset = plane is regression",
            ),
        ];
        for (config, expected, text) in cases {
            let errors = errors_of(config.clone());
            // NaN != NaN, so compare the learning-rate case by its message only.
            if !matches!(expected, ConfigError::LearningRate(v) if v.is_nan()) {
                assert_eq!(errors, vec![expected], "{config:?}");
            }
            let message = message_of(config);
            assert!(message.contains(text), "{message:?} lacks {text:?}");
        }
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
    fn output_activation_follows_the_problem() {
        let valid = Config::default().validate().unwrap();
        assert_eq!(valid.output_activation(), Activation::Sigmoid);
        let valid = Config {
            dataset: DatasetKind::Plane,
            ..Config::default()
        }
        .validate()
        .unwrap();
        assert_eq!(valid.output_activation(), Activation::Linear);
    }
}
