//! The race (issue 15): the run copied into 2 to 4 lanes, each with a few of
//! its training settings changed, trained side by side from the same data,
//! the same initial weights and the same order of examples, so that what
//! differs between their loss curves is what the settings did.
//!
//! A lane is the run's config with changes, each a setting of
//! [`RACE_FIELDS`] (η, batch size, optimizer and its hyperparameters,
//! schedule, penalty, dropout) written as the link writes it. Anything else
//! would make another run (other data, another network, other seeds) and is
//! refused by name. None of these settings draws from the generators that
//! make the data (stream 1), the initial weights (stream 2) or the order of
//! the examples (stream 3): dropout masks have their own stream (7), so a
//! lane with dropout sees the examples in the same order as one without
//! (`tests/race.rs` checks each field). A lane with no changes is the plain
//! run, weight for weight.

mod legend;
mod link;

use serde::{Deserialize, Serialize};

use crate::config::{Config, ValidConfig};
use crate::playground::{EpochStats, Playground};
use crate::schema::NumberRange;

pub use legend::legends;
pub(crate) use link::{decode_race, is_race_name, race_pairs, RaceText};

/// Fewest and most lanes of a race.
pub const MIN_LANES: usize = 2;
pub const MAX_LANES: usize = 4;

/// The config fields a lane may change, in link order: the settings that
/// only steer training ([`crate::playground::STEERING_FIELDS`]). The other
/// training settings stay the run's for every lane: the stopping rules (the
/// race has its own length), frozen biases, and augmentation, which draws
/// from the training order's stream.
pub const RACE_FIELDS: [&str; 16] = crate::playground::STEERING_FIELDS;

/// Epochs a race runs: its finish line.
pub const EPOCHS: NumberRange = NumberRange {
    name: "raceEpochs",
    symbol: None,
    low: 1.0,
    high: 100_000.0,
    low_open: false,
    integer: true,
    low_means: None,
    unit: "epochs",
};

/// The training loss L whose first crossing each lane reports.
pub const TARGET: NumberRange = NumberRange {
    name: "raceTarget",
    symbol: Some("L"),
    low: 0.0,
    high: 100.0,
    low_open: true,
    integer: false,
    low_means: None,
    unit: "",
};

/// One lane: the run's settings with these changes.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Lane(
    /// (field, value as the link writes it), in link order, each field once.
    pub Vec<(String, String)>,
);

/// A race: its lanes, its length and its target loss.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(rename = "RacePatch")
)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Race {
    pub lanes: Vec<Lane>,
    /// Epochs each lane trains.
    pub epochs: u64,
    /// L: each lane reports the first epoch its training loss was at most L.
    pub target: f64,
}

impl Default for Race {
    fn default() -> Self {
        Race {
            lanes: vec![Lane::default(); MIN_LANES],
            epochs: 500,
            target: 0.05,
        }
    }
}

/// Why a lane may not change `field`.
fn not_a_race_field(field: &str) -> String {
    format!(
        "a lane may not change “{}”: lanes share the run's data, network and seeds, and change \
         only η, batch size, optimizer, schedule, penalty or dropout",
        crate::readable::excerpt(field, 40)
    )
}

impl Lane {
    /// Sets `field` to `text` (as a link writes it), replacing an earlier
    /// change of it. Refused, with the reason, when a lane may not change
    /// the field or the text is not a value of it; its range is checked with
    /// the whole lane ([`Lane::config`]).
    pub fn set(&mut self, field: &str, text: &str) -> Result<(), String> {
        check_change(field, text)?;
        self.0.retain(|(name, _)| name != field);
        self.0.push((field.to_owned(), text.to_owned()));
        let order = |name: &str| RACE_FIELDS.iter().position(|f| *f == name);
        self.0.sort_by_key(|(name, _)| order(name));
        Ok(())
    }

    /// The fields this lane changes, in link order.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(name, _)| name.as_str())
    }

    /// The run's config with this lane's changes, before validation.
    pub fn apply(&self, run: &Config) -> Result<Config, String> {
        let mut config = run.clone();
        for (field, text) in &self.0 {
            check_change(field, text)?;
            set_text(&mut config, field, text)?;
        }
        Ok(config)
    }

    /// The run's config with this lane's changes, validated: every refusal
    /// is named (one per line), as the run's own would be.
    pub fn config(&self, run: &Config) -> Result<ValidConfig, String> {
        self.apply(run)?
            .validate()
            .map_err(|errors| errors.to_string())
    }
}

/// Whether a lane may set `field` to `text`: the field is one of
/// [`RACE_FIELDS`] and the text reads as one of its values.
pub fn check_change(field: &str, text: &str) -> Result<(), String> {
    if !RACE_FIELDS.contains(&field) {
        return Err(not_a_race_field(field));
    }
    set_text(&mut Config::default(), field, text)
}

fn set_text(config: &mut Config, field: &str, text: &str) -> Result<(), String> {
    match crate::link::set_field(config, field, text) {
        Some(result) => result
            .map_err(|why| format!("{field} = “{}”: {why}", crate::readable::excerpt(text, 40))),
        None => Err(not_a_race_field(field)),
    }
}

impl Race {
    /// Each lane's config, validated; the first refusal names its lane
    /// ("Lane 2: …", lanes counted from 1 as the page shows them), as does
    /// a count of lanes outside 2 to 4.
    pub fn configs(&self, run: &Config) -> Result<Vec<ValidConfig>, String> {
        let count = self.lanes.len();
        if !(MIN_LANES..=MAX_LANES).contains(&count) {
            return Err(format!(
                "a race has {MIN_LANES} to {MAX_LANES} lanes, not {count}"
            ));
        }
        if !EPOCHS.contains(self.epochs as f64) {
            return Err(format!("race length: {}", EPOCHS.allowed()));
        }
        if !TARGET.contains(self.target) {
            return Err(format!("target loss: {}", TARGET.allowed()));
        }
        self.lanes
            .iter()
            .enumerate()
            .map(|(k, lane)| {
                lane.config(run)
                    .map_err(|why| format!("Lane {}: {why}", k + 1))
            })
            .collect()
    }
}

/// One lane in training: its run, and the record lows of its training loss
/// (every epoch whose loss was below all before it), from which the first
/// epoch at or below any target is exact however long the lane trains (the
/// loss history is thinned past 2000 epochs).
#[derive(Debug, Clone)]
pub struct LaneRun {
    playground: Playground,
    lows: Vec<(u64, f64)>,
}

impl LaneRun {
    /// A lane of `config` (a lane's config: [`Lane::config`]) from the seed's
    /// initial weights, or from `weights` (flat order) when the run started
    /// from given weights.
    pub fn new(config: ValidConfig, weights: Option<&[f64]>) -> Result<Self, String> {
        let mut playground = Playground::new(config);
        if let Some(values) = weights {
            let network =
                crate::link::network_from_flat(playground.network(), values).map_err(|e| e.0)?;
            playground.set_network(network).map_err(|e| e.0)?;
        }
        let mut lane = LaneRun {
            playground,
            lows: Vec::new(),
        };
        lane.record();
        Ok(lane)
    }

    pub fn playground(&self) -> &Playground {
        &self.playground
    }

    /// For the grid and the pictures; training goes through [`Self::advance`].
    pub fn playground_mut(&mut self) -> &mut Playground {
        &mut self.playground
    }

    fn record(&mut self) {
        let s = self.playground.stats();
        let lower = self.lows.last().is_none_or(|&(_, low)| s.train_loss < low);
        if s.train_loss.is_finite() && lower {
            self.lows.push((s.epoch, s.train_loss));
        }
    }

    /// Trains at most `batches` batches, and no epoch past `until`, an epoch
    /// at a time (the epoch under way goes on where it stopped), recording
    /// each finished epoch's loss. The same epochs trained in any slices
    /// give the same lane, bit for bit.
    pub fn advance(&mut self, batches: usize, until: u64) -> EpochStats {
        let mut left = batches;
        loop {
            let stats = self.playground.stats();
            if left == 0 || stats.stopped.is_some() || stats.epoch >= until {
                return stats;
            }
            let remaining = match self.playground.epoch_progress() {
                Some((done, of)) => of - done,
                None => self.playground.batches_per_epoch(),
            };
            let slice = left.min(remaining);
            let after = self.playground.step_batches(slice);
            left -= slice;
            if after.epoch > stats.epoch {
                self.record();
            }
        }
    }

    /// The first epoch whose training loss was at most `target`.
    pub fn first_below(&self, target: f64) -> Option<u64> {
        self.lows
            .iter()
            .find(|&&(_, loss)| loss <= target)
            .map(|&(epoch, _)| epoch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::CONFIG_FIELDS;
    use crate::playground::TRAINING_FIELDS;

    #[test]
    fn the_race_fields_steer_training_only_and_are_in_link_order() {
        for field in RACE_FIELDS {
            assert!(TRAINING_FIELDS.contains(&field), "{field}");
        }
        let positions: Vec<usize> = RACE_FIELDS
            .iter()
            .map(|f| CONFIG_FIELDS.iter().position(|c| c == f).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    }

    #[test]
    fn a_lane_keeps_one_change_per_field_in_link_order() {
        let mut lane = Lane::default();
        lane.set("optimizer", "adam").unwrap();
        lane.set("learningRate", "0.3").unwrap();
        lane.set("learningRate", "0.003").unwrap();
        assert_eq!(
            lane.0,
            [
                ("learningRate".to_owned(), "0.003".to_owned()),
                ("optimizer".to_owned(), "adam".to_owned()),
            ]
        );
        let config = lane.config(&Config::default()).unwrap();
        assert_eq!(config.get().learning_rate, 0.003);
        assert_eq!(config.get().optimizer.name(), "adam");
    }

    #[test]
    fn a_lane_refuses_other_fields_and_bad_values_by_name() {
        let mut lane = Lane::default();
        for field in [
            "dataset",
            "hidden",
            "seed",
            "activation",
            "maxEpochs",
            "jitter",
        ] {
            let why = lane.set(field, "1").unwrap_err();
            assert!(
                why.starts_with(&format!("a lane may not change “{field}”")),
                "{why}"
            );
            assert!(why.contains("share the run's data"), "{why}");
        }
        let why = lane.set("optimizer", "bogus").unwrap_err();
        assert!(
            why.starts_with("optimizer = “bogus”: not one of sgd,"),
            "{why}"
        );
        let why = lane.set("learningRate", "fast").unwrap_err();
        assert_eq!(why, "learningRate = “fast”: not a number");
        assert!(lane.0.is_empty(), "nothing refused was kept");
        // A value of the field's kind, outside its range: refused with the lane.
        lane.set("learningRate", "20").unwrap();
        let why = lane.config(&Config::default()).unwrap_err();
        assert!(why.contains("η above 0 and at most 10"), "{why}");
        // A batch larger than the training set.
        let race = Race {
            lanes: vec![
                Lane::default(),
                Lane(vec![("batchSize".into(), "9999".into())]),
            ],
            ..Race::default()
        };
        let why = race.configs(&Config::default()).unwrap_err();
        assert!(why.starts_with("Lane 2: "), "{why}");
        assert!(why.contains("batch"), "{why}");
    }

    #[test]
    fn a_race_has_two_to_four_lanes_a_length_and_a_target() {
        let run = Config::default();
        assert_eq!(Race::default().configs(&run).unwrap().len(), 2);
        for count in [0, 1, 5] {
            let race = Race {
                lanes: vec![Lane::default(); count],
                ..Race::default()
            };
            let why = race.configs(&run).unwrap_err();
            assert_eq!(why, format!("a race has 2 to 4 lanes, not {count}"));
        }
        let long = Race {
            epochs: 100_001,
            ..Race::default()
        };
        assert_eq!(
            long.configs(&run).unwrap_err(),
            "race length: 1 to 100000 epochs"
        );
        let target = Race {
            target: 0.0,
            ..Race::default()
        };
        assert_eq!(
            target.configs(&run).unwrap_err(),
            "target loss: L above 0 and at most 100"
        );
    }

    #[test]
    fn record_lows_give_the_first_epoch_at_or_below_a_target() {
        let config = Config {
            learning_rate: 0.1,
            ..Config::default()
        };
        let mut lane = LaneRun::new(config.validate().unwrap(), None).unwrap();
        lane.advance(usize::MAX, 60);
        assert_eq!(lane.playground().stats().epoch, 60, "never past `until`");
        let history = lane.playground().history();
        for target in [0.2, 0.1, 0.05, 0.01] {
            let expected = history
                .iter()
                .find(|h| h.train_loss <= target)
                .map(|h| h.epoch);
            assert_eq!(lane.first_below(target), expected, "L = {target}");
        }
        assert_eq!(lane.first_below(10.0), Some(0));
        assert_eq!(lane.first_below(1e-12), None);
    }
}
