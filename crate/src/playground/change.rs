//! What a change of settings does to a run that has already trained.
//!
//! The notes' first lesson about η is to lower it when the loss oscillates,
//! and to watch the same run settle. So a change of a setting that only
//! steers training (η, its schedule, the optimizer, the batch size, the
//! penalty, dropout, augmentation, the stopping rules) carries the run on from
//! its current weights and epoch. A change of anything that makes another
//! network or other data (dataset, noise, points, split, features, layers,
//! units, activations, loss, output, initialisation, seeds) is another run:
//! it starts over from epoch 0. Every field not listed in [`TRAINING_FIELDS`]
//! starts over, so a new setting is safe by default.

use super::{Playground, StopReason};
use crate::config::{Config, ValidConfig};
use crate::link::{field_text, CONFIG_FIELDS};
use crate::optimizer::Optimizer;
use crate::schedule::Schedule;

/// The config fields that only steer the descent, in link order: η, the
/// batch, the optimizer and its hyperparameters, the schedule, the penalty
/// and dropout. A race's lanes may change these (`crate::race`): none moves
/// the data, the initial weights or the order of the examples.
pub const STEERING_FIELDS: [&str; 16] = [
    "learningRate",
    "batchSize",
    "optimizer",
    "momentum",
    "rho",
    "beta1",
    "beta2",
    "epsilon",
    "schedule",
    "decayEvery",
    "decayFactor",
    "plateauPatience",
    "minLearningRate",
    "regularization",
    "regularizationRate",
    "dropout",
];

/// The config fields (as named in JavaScript and links) whose change carries
/// a run on instead of starting it over: the steering ones, frozen biases,
/// the stopping rules and augmentation.
pub const TRAINING_FIELDS: [&str; 23] = concat(
    STEERING_FIELDS,
    [
        "freezeBiases",
        "maxEpochs",
        "lossThreshold",
        "patience",
        "jitter",
        "rotation",
        "scaling",
    ],
);

/// `a` then `b`, at compile time.
const fn concat<const A: usize, const B: usize, const N: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
) -> [&'static str; N] {
    assert!(A + B == N, "concat: N must be A + B");
    let mut out = [""; N];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - A];
        i += 1;
    }
    out
}

impl Config {
    /// The fields (camelCase, in the order links write them) whose values
    /// differ. Compared as the link writes them, which reads back exactly.
    pub fn changed_fields(&self, other: &Config) -> Vec<String> {
        CONFIG_FIELDS
            .iter()
            .filter(|name| field_text(self, name) != field_text(other, name))
            .map(|name| (*name).to_owned())
            .collect()
    }

    /// The changed fields that make `other` another run (empty when `other`
    /// only steers this run's training differently).
    pub fn restart_fields(&self, other: &Config) -> Vec<String> {
        let mut fields = self.changed_fields(other);
        fields.retain(|name| !TRAINING_FIELDS.contains(&name.as_str()));
        fields
    }
}

impl Playground {
    /// Carries this run on under `config` from its current weights, epoch,
    /// history and generator, when `config` differs only in settings that
    /// steer training. Otherwise nothing changes and the fields that make it
    /// another run are returned (in the links' order).
    ///
    /// The optimizer keeps its state while its kind stays (new
    /// hyperparameters apply from the next step) and starts fresh when the
    /// kind changes. A changed schedule starts from the new η, as far along
    /// as the epoch count takes it. A stop is lifted, unless the new rules
    /// still hold it (the epoch limit reached, the loss below θ).
    pub fn continue_with(&mut self, config: ValidConfig) -> Result<(), Vec<String>> {
        let (old, new) = (self.config.get(), config.get());
        // An unset point count is the dataset's usual one, as the page reads it back.
        let counted = |valid: &ValidConfig| Config {
            num_points: Some(valid.num_points()),
            ..valid.get().clone()
        };
        let restart = counted(&self.config).restart_fields(&counted(&config));
        if !restart.is_empty() {
            return Err(restart);
        }
        let optimizer = config.optimizer_settings();
        if optimizer.kind != self.optimizer.settings.kind {
            self.optimizer = Optimizer::new(optimizer, &self.network);
        } else {
            self.optimizer.settings = optimizer;
        }
        if config.schedule_settings() != self.config.schedule_settings() {
            self.schedule = Schedule::resumed(config.schedule_settings(), self.stats.epoch);
        }
        let augmentation_changed =
            (old.jitter, old.rotation, old.scaling) != (new.jitter, new.rotation, new.scaling);
        if augmentation_changed {
            // The points shown as augmented follow the new settings.
            self.augmented = None;
        }
        self.network.freeze_biases = new.freeze_biases;
        self.config = config;
        self.end_epoch_under_way();
        self.stats.learning_rate = self.schedule.learning_rate();
        // After a divergence the run already holds its last finite weights:
        // a new setting (a smaller η, most often) is the answer to it.
        self.stats.stopped = self.still_stopped();
        Ok(())
    }

    /// The stop that the current rules impose before another epoch: the
    /// epoch limit already reached, or the loss already below θ.
    fn still_stopped(&self) -> Option<StopReason> {
        let c = self.config.get();
        if c.loss_threshold > 0.0 && self.stats.train_loss < c.loss_threshold {
            return Some(StopReason::LossBelowThreshold {
                threshold: c.loss_threshold,
            });
        }
        if c.max_epochs > 0 && self.stats.epoch >= c.max_epochs {
            return Some(StopReason::MaxEpochs { max: c.max_epochs });
        }
        None
    }
}
