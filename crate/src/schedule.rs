//! Learning-rate schedules: how η changes as training goes on. The notes:
//! "one way is by reducing the learning rate when loss reaches a plateau".

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ScheduleKind {
    /// η never changes.
    Constant,
    /// η ← max(η₀·factor^⌊epoch / decay_every⌋, minimum).
    StepDecay,
    /// η ← max(η·factor, minimum) when the training loss has not improved for
    /// `patience` epochs.
    ReduceOnPlateau,
}

impl ScheduleKind {
    pub fn name(self) -> &'static str {
        match self {
            ScheduleKind::Constant => "constant",
            ScheduleKind::StepDecay => "stepDecay",
            ScheduleKind::ReduceOnPlateau => "reduceOnPlateau",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScheduleSettings {
    pub kind: ScheduleKind,
    /// η at epoch 0.
    pub initial: f64,
    pub decay_every: u64,
    /// Multiplier applied at each decay (0 < factor < 1).
    pub factor: f64,
    pub patience: u64,
    /// η never falls below this by a decay (nor is raised to it: a minimum
    /// above the initial η leaves η where it started).
    pub minimum: f64,
}

impl ScheduleSettings {
    /// `decayed` held at the minimum, which a decay from `before` never
    /// raises η to.
    fn floor(&self, decayed: f64, before: f64) -> f64 {
        decayed.max(self.minimum.min(before))
    }
}

/// Improvement smaller than this fraction of the best loss counts as none.
const PLATEAU_TOLERANCE: f64 = 1e-4;

/// A schedule and where it is: the current η and the plateau counter.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    settings: ScheduleSettings,
    current: f64,
    best_loss: f64,
    epochs_without_improvement: u64,
}

impl Schedule {
    pub fn new(settings: ScheduleSettings) -> Self {
        Schedule {
            settings,
            current: settings.initial,
            best_loss: f64::INFINITY,
            epochs_without_improvement: 0,
        }
    }

    /// A schedule taken up by a run that has trained `epochs` epochs: step
    /// decay is as far along as the epoch count takes it; the others start
    /// from the initial η.
    pub fn resumed(settings: ScheduleSettings, epochs: u64) -> Self {
        let mut schedule = Schedule::new(settings);
        if settings.kind == ScheduleKind::StepDecay {
            schedule.end_epoch(epochs, f64::NAN);
        }
        schedule
    }

    /// Where the schedule is: η now, the best loss so far and the epochs
    /// since it improved. [`Schedule::set_state`] reads it back exactly.
    pub fn state(&self) -> [f64; 3] {
        // Epoch counts stay far below 2^53.
        [
            self.current,
            self.best_loss,
            self.epochs_without_improvement as f64,
        ]
    }

    /// Takes the state [`Schedule::state`] gave; refuses a non-finite or non-
    /// positive η or a count that is not a whole number.
    pub fn set_state(&mut self, [current, best_loss, waited]: [f64; 3]) -> Result<(), String> {
        if !(current.is_finite() && current > 0.0) {
            return Err("the schedule's η is not a positive number".to_owned());
        }
        if !(waited >= 0.0 && waited.fract() == 0.0 && waited < 2f64.powi(53)) || best_loss.is_nan()
        {
            return Err("the schedule's state is not one a schedule has".to_owned());
        }
        self.current = current;
        self.best_loss = best_loss;
        // Checked whole and below 2^53 just above.
        self.epochs_without_improvement = waited as u64;
        Ok(())
    }

    /// The η the next epoch trains with.
    pub fn learning_rate(&self) -> f64 {
        self.current
    }

    /// Updates η after `epoch` epochs have finished with this training loss.
    pub fn end_epoch(&mut self, epoch: u64, train_loss: f64) {
        let s = self.settings;
        match s.kind {
            ScheduleKind::Constant => {}
            ScheduleKind::StepDecay => {
                let decays = epoch / s.decay_every.max(1);
                let decayed = s.initial * s.factor.powi(i32::try_from(decays).unwrap_or(i32::MAX));
                self.current = s.floor(decayed, s.initial);
            }
            ScheduleKind::ReduceOnPlateau => {
                if train_loss < self.best_loss * (1.0 - PLATEAU_TOLERANCE) {
                    self.best_loss = train_loss;
                    self.epochs_without_improvement = 0;
                } else {
                    self.epochs_without_improvement += 1;
                    if self.epochs_without_improvement >= s.patience.max(1) {
                        self.current = s.floor(self.current * s.factor, self.current);
                        self.epochs_without_improvement = 0;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(kind: ScheduleKind) -> ScheduleSettings {
        ScheduleSettings {
            kind,
            initial: 0.1,
            decay_every: 10,
            factor: 0.5,
            patience: 3,
            minimum: 0.03,
        }
    }

    #[test]
    fn constant_never_changes() {
        let mut s = Schedule::new(settings(ScheduleKind::Constant));
        for epoch in 1..100 {
            s.end_epoch(epoch, 1.0);
        }
        assert_eq!(s.learning_rate(), 0.1);
    }

    #[test]
    fn step_decay_halves_every_ten_epochs() {
        let mut s = Schedule::new(ScheduleSettings {
            minimum: 0.0,
            ..settings(ScheduleKind::StepDecay)
        });
        s.end_epoch(9, 1.0);
        assert_eq!(s.learning_rate(), 0.1);
        s.end_epoch(10, 1.0);
        assert_eq!(s.learning_rate(), 0.05);
        s.end_epoch(25, 1.0);
        assert_eq!(s.learning_rate(), 0.025);
    }

    #[test]
    fn step_decay_stops_at_the_minimum() {
        // 0.1 · 0.5^k falls below 0.03 at k = 2 (0.025): held at 0.03 from there on.
        let mut s = Schedule::new(settings(ScheduleKind::StepDecay));
        s.end_epoch(10, 1.0);
        assert_eq!(s.learning_rate(), 0.05);
        s.end_epoch(20, 1.0);
        assert_eq!(s.learning_rate(), 0.03);
        s.end_epoch(10_000, 1.0);
        assert_eq!(
            s.learning_rate(),
            0.03,
            "about 1e-302 before the minimum was applied"
        );
    }

    #[test]
    fn a_minimum_above_the_initial_rate_never_raises_it() {
        for kind in [ScheduleKind::StepDecay, ScheduleKind::ReduceOnPlateau] {
            let mut s = Schedule::new(ScheduleSettings {
                minimum: 0.5,
                ..settings(kind)
            });
            for epoch in 1..100 {
                s.end_epoch(epoch, 1.0);
            }
            assert_eq!(s.learning_rate(), 0.1, "{kind:?}");
        }
    }

    #[test]
    fn plateau_reduces_after_patience_and_stops_at_the_minimum() {
        let mut s = Schedule::new(settings(ScheduleKind::ReduceOnPlateau));
        s.end_epoch(1, 1.0);
        s.end_epoch(2, 0.5);
        assert_eq!(s.learning_rate(), 0.1, "improving: no change");
        for epoch in 3..6 {
            s.end_epoch(epoch, 0.5);
        }
        assert_eq!(s.learning_rate(), 0.05, "three flat epochs: halved");
        for epoch in 6..30 {
            s.end_epoch(epoch, 0.5);
        }
        assert_eq!(s.learning_rate(), 0.03, "never below the minimum");
    }
}
