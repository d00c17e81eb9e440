//! Searching over runs: random restarts, and choosing the number of hidden
//! units by k-fold cross-validation.
//!
//! Both are resumable jobs. [`Restarts::advance`] and
//! [`CrossValidation::advance`] train at most a given number of epochs and
//! return the fraction of the job done, so a page can run a job one small
//! slice per animation frame and stay responsive; dropping a job cancels it.
//! Everything is drawn from the run's seed, so the same config and settings
//! give the same results bit for bit.

use std::fmt;

use crate::config::{ValidConfig, MAX_UNITS};
use crate::data::Point;
use crate::playground::Playground;
use crate::rng::{stream, Pcg32};

/// Most restarts one job trains.
pub const MAX_RESTARTS: usize = 20;
/// Allowed number of cross-validation folds k.
pub const FOLDS_RANGE: (usize, usize) = (3, 10);
/// Most epochs one restart or one fit of a fold trains.
pub const MAX_SEARCH_EPOCHS: u64 = 100_000;

/// Most work one search may ask for, in example-weight steps (an epoch of a
/// run costs its training points × its weights and biases): about two
/// minutes of training in the page on a laptop (config B trains some 85
/// million a second in wasm), so no search is accepted that would keep the
/// machine busy for hours.
pub const MAX_SEARCH_WORK: f64 = 1e10;

/// The work of training `epochs` epochs on `points` examples with a network
/// of these layer sizes, in example-weight steps.
fn work(epochs: u64, points: usize, sizes: &[usize]) -> f64 {
    epochs as f64 * points as f64 * crate::link::weight_count(sizes) as f64
}

fn check_work(work: f64, reduce: &'static str) -> Result<(), SearchError> {
    if work <= MAX_SEARCH_WORK {
        Ok(())
    } else {
        Err(SearchError::TooMuchWork { work, reduce })
    }
}

/// A search setting out of its range.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchError {
    OutOfRange {
        field: &'static str,
        value: f64,
        allowed: String,
    },
    /// The unit range runs backwards.
    EmptyUnitRange { from: usize, to: usize },
    /// Fewer training examples than folds: some fold would be empty.
    TooFewForFolds { train_points: usize, folds: usize },
    /// More training than [`MAX_SEARCH_WORK`]; `reduce` says what to lower.
    TooMuchWork { work: f64, reduce: &'static str },
    /// The network of the largest unit count is one the core refuses (its
    /// epochs would be too slow): the core's reason.
    LargestRefused { units: usize, reason: String },
    /// A share that does not exist: `index` must be below `of`.
    BadShare { index: usize, of: usize },
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::OutOfRange {
                field,
                value,
                allowed,
            } => write!(f, "{field} = {value} is out of range: {allowed} allowed"),
            SearchError::EmptyUnitRange { from, to } => write!(
                f,
                "unitsFrom = {from} is above unitsTo = {to}: the range must run from fewer units to more"
            ),
            SearchError::TooFewForFolds {
                train_points,
                folds,
            } => write!(
                f,
                "folds = {folds} needs at least {folds} training points, but there are {train_points}: use fewer folds or more data"
            ),
            SearchError::LargestRefused { units, reason } => {
                write!(f, "unitsTo = {units} makes a network this run cannot train: {reason}")
            }
            SearchError::BadShare { index, of } => {
                write!(f, "share {index} of {of} does not exist: a search has shares 0 to of − 1")
            }
            SearchError::TooMuchWork { work, reduce } => write!(
                f,
                "this search would take about {} times as long as the most one search may (some two minutes): use {reduce}",
                crate::readable::count((work / MAX_SEARCH_WORK).ceil() as usize)
            ),
        }
    }
}

impl std::error::Error for SearchError {}

fn check(field: &'static str, value: u64, low: u64, high: u64) -> Result<(), SearchError> {
    if (low..=high).contains(&value) {
        Ok(())
    } else {
        Err(SearchError::OutOfRange {
            field,
            value: value as f64,
            allowed: format!("{low} to {high}"),
        })
    }
}

/// The config with another seed (every seed is valid, so this cannot fail).
fn with_seed(config: &ValidConfig, seed: u32) -> ValidConfig {
    let mut c = config.get().clone();
    c.seed = seed;
    c.validate()
        .expect("changing only the seed keeps a config valid")
}

/// True when `a` is a better (lower) loss than `b`; a non-finite loss is
/// never better, so a diverged run cannot win.
fn better(a: f64, b: f64) -> bool {
    a.is_finite() && (!b.is_finite() || a < b)
}

/// Index of the lowest value, the first of equals: a finite value beats a
/// non-finite one, and with none finite the first stands (None only for no
/// values). The rule of both searches' "best": the restart with the lowest
/// test loss, the unit count with the lowest mean (the fewest units of
/// equals, as counts ascend); the page uses it to merge the shares of a
/// search run by several workers.
pub fn lowest(values: &[f64]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &v) in values.iter().enumerate() {
        if best.is_none_or(|b| better(v, values[b])) {
            best = Some(i);
        }
    }
    best
}

/// The items (restarts, or unit counts) that share `index` of `of` trains:
/// every `of`-th one from `index`, so that shares are disjoint, cover the
/// search and each item is trained exactly as the whole search would.
fn share_of(count: usize, index: usize, of: usize) -> Result<Vec<usize>, SearchError> {
    if of == 0 || index >= of {
        return Err(SearchError::BadShare { index, of });
    }
    Ok((index..count).step_by(of).collect())
}

/// The seeds of `count` restarts of a run seeded `seed`: the first is the
/// run's own seed (restart 1 is the run as it is), the others are the
/// successive outputs of PCG32 seeded `seed` on stream
/// [`stream::RESTARTS`], skipping any already taken, so all differ.
pub fn restart_seeds(seed: u32, count: usize) -> Vec<u32> {
    let mut rng = Pcg32::new(u64::from(seed), stream::RESTARTS);
    let mut seeds = Vec::with_capacity(count);
    if count > 0 {
        seeds.push(seed);
    }
    while seeds.len() < count {
        let next = rng.next_u32();
        if !seeds.contains(&next) {
            seeds.push(next);
        }
    }
    seeds
}

/// What one restart reached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RestartResult {
    /// Which restart (0 is the run's own seed).
    pub index: usize,
    pub seed: u32,
    /// Epochs trained (fewer than asked when a stopping rule fired).
    pub epochs: u64,
    pub train_loss: f64,
    pub test_loss: f64,
    pub train_accuracy: Option<f64>,
    pub test_accuracy: Option<f64>,
}

/// K runs of the same config from K seeds, each trained for E epochs; the
/// best is the one with the lowest final test loss.
#[derive(Debug, Clone)]
pub struct Restarts {
    config: ValidConfig,
    epochs: u64,
    seeds: Vec<u32>,
    results: Vec<RestartResult>,
    /// The restarts this job trains, in order: all, or one share.
    order: Vec<usize>,
    /// The restart being trained.
    current: Option<Playground>,
    /// Index into `results` and the trained run of the best restart so far.
    best: Option<(usize, Playground)>,
}

impl Restarts {
    /// `count` restarts (2 to [`MAX_RESTARTS`]) of `epochs` epochs each.
    pub fn new(config: &ValidConfig, count: usize, epochs: u64) -> Result<Self, SearchError> {
        check("restarts", count as u64, 2, MAX_RESTARTS as u64)?;
        check("epochs", epochs, 1, MAX_SEARCH_EPOCHS)?;
        let one = work(epochs, config.train_points(), &config.layer_sizes());
        check_work(
            count as f64 * one,
            "fewer restarts or epochs, a smaller network or fewer points",
        )?;
        Ok(Restarts {
            seeds: restart_seeds(config.get().seed, count),
            config: config.clone(),
            epochs,
            results: Vec::with_capacity(count),
            order: (0..count).collect(),
            current: None,
            best: None,
        })
    }

    pub fn seeds(&self) -> &[u32] {
        &self.seeds
    }

    /// Trains only share `index` of `of` (restarts index, index + of, …);
    /// before the first `advance`.
    pub fn share(&mut self, index: usize, of: usize) -> Result<(), SearchError> {
        self.order = share_of(self.seeds.len(), index, of)?;
        Ok(())
    }

    /// Epochs each restart trains.
    pub fn epochs(&self) -> u64 {
        self.epochs
    }

    /// The finished restarts, in seed order.
    pub fn results(&self) -> &[RestartResult] {
        &self.results
    }

    pub fn is_done(&self) -> bool {
        self.results.len() == self.order.len()
    }

    /// Fraction of the job done, 0 to 1 (a restart stopped early by a
    /// stopping rule counts as complete).
    pub fn progress(&self) -> f64 {
        let current = self.current.as_ref().map_or(0, |pg| pg.stats().epoch);
        let done = self.results.len() as u64 * self.epochs + current;
        if self.order.is_empty() {
            return 1.0;
        }
        done as f64 / (self.order.len() as u64 * self.epochs) as f64
    }

    /// Trains at most `budget` epochs (at least one, unless done) and returns
    /// the fraction of the job done.
    pub fn advance(&mut self, budget: u64) -> f64 {
        let mut budget = budget.max(1);
        while budget > 0 && !self.is_done() {
            let index = self.order[self.results.len()];
            if self.current.is_none() {
                let config = with_seed(&self.config, self.seeds[index]);
                self.current = Some(Playground::new(config));
            }
            let Some(pg) = self.current.as_mut() else {
                break;
            };
            let left = self.epochs - pg.stats().epoch;
            let slice = budget.min(left);
            let before = pg.stats().epoch;
            // `slice` ≤ MAX_SEARCH_EPOCHS, far below u32::MAX.
            let stats = pg.step(slice as u32);
            budget -= (stats.epoch - before).clamp(1, slice);
            if stats.epoch >= self.epochs || stats.stopped.is_some() {
                self.finish(index);
            }
        }
        self.progress()
    }

    fn finish(&mut self, index: usize) {
        let Some(pg) = self.current.take() else {
            return;
        };
        let stats = pg.stats();
        self.results.push(RestartResult {
            index,
            seed: self.seeds[index],
            epochs: stats.epoch,
            train_loss: stats.train_loss,
            test_loss: stats.test_loss,
            train_accuracy: stats.train_accuracy,
            test_accuracy: stats.test_accuracy,
        });
        let wins = match &self.best {
            None => true,
            Some((best, _)) => better(stats.test_loss, self.results[*best].test_loss),
        };
        if wins {
            self.best = Some((self.results.len() - 1, pg));
        }
    }

    /// Index of the restart with the lowest test loss so far (the first of
    /// equals).
    pub fn best_index(&self) -> Option<usize> {
        self.best.as_ref().map(|(index, _)| *index)
    }

    /// The trained run of the best restart so far: its config is the run's
    /// with the restart's seed, so that config trained as long reproduces it.
    pub fn best(&self) -> Option<&Playground> {
        self.best.as_ref().map(|(_, pg)| pg)
    }
}

/// The fold (0 to k − 1) of each of `count` training examples: the examples
/// are shuffled by PCG32 seeded `seed` on stream [`stream::FOLDS`] and dealt
/// round-robin, so the folds are disjoint, cover every example and differ in
/// size by at most one.
pub fn fold_assignment(count: usize, folds: usize, seed: u32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count).collect();
    Pcg32::new(u64::from(seed), stream::FOLDS).shuffle(&mut order);
    let mut fold = vec![0; count];
    for (position, &example) in order.iter().enumerate() {
        fold[example] = position % folds.max(1);
    }
    fold
}

/// The hidden layers a unit count stands for: every hidden layer set to
/// `units`, or one hidden layer of `units` when the run has none.
pub fn hidden_for(config: &ValidConfig, units: usize) -> Vec<usize> {
    let layers = config.get().hidden.len().max(1);
    vec![units; layers]
}

/// The validation losses of one unit count, fold by fold.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitsResult {
    pub units: usize,
    /// Validation loss of each finished fold, in fold order.
    pub losses: Vec<f64>,
}

impl UnitsResult {
    /// Mean validation loss over the folds (NaN before any finished).
    pub fn mean(&self) -> f64 {
        self.losses.iter().sum::<f64>() / self.losses.len() as f64
    }

    /// Sample standard deviation over the folds (divisor k − 1).
    pub fn sd(&self) -> f64 {
        let n = self.losses.len() as f64;
        let mean = self.mean();
        let squares: f64 = self.losses.iter().map(|l| (l - mean).powi(2)).sum();
        (squares / (n - 1.0)).sqrt()
    }

    /// Lowest and highest validation loss over the folds.
    pub fn range(&self) -> (f64, f64) {
        self.losses
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &l| {
                (lo.min(l), hi.max(l))
            })
    }
}

/// Settings of a cross-validation sweep over the number of hidden units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CvSettings {
    /// k, from 3 to 10.
    pub folds: usize,
    /// The unit counts tried: every count from `units_from` to `units_to`.
    pub units_from: usize,
    pub units_to: usize,
    /// Epochs each fit trains.
    pub epochs: u64,
}

/// Internal k-fold cross-validation over the training set: for each unit
/// count, k fits, each trained on k − 1 folds for E epochs and measured on
/// the held-out fold. The test set is never touched.
#[derive(Debug, Clone)]
pub struct CrossValidation {
    config: ValidConfig,
    settings: CvSettings,
    /// The run's training points, in training-set order.
    points: Vec<Point>,
    fold: Vec<usize>,
    results: Vec<UnitsResult>,
    /// The unit counts (indices into `results`) this job trains, in order:
    /// all, or one share.
    order: Vec<usize>,
    /// The fit being trained: its unit-count index and fold.
    current: Option<(usize, usize, Playground)>,
    fits_done: usize,
}

impl CrossValidation {
    pub fn new(config: &ValidConfig, settings: CvSettings) -> Result<Self, SearchError> {
        let CvSettings {
            folds,
            units_from,
            units_to,
            epochs,
        } = settings;
        check(
            "folds",
            folds as u64,
            FOLDS_RANGE.0 as u64,
            FOLDS_RANGE.1 as u64,
        )?;
        check("unitsFrom", units_from as u64, 1, MAX_UNITS as u64)?;
        check("unitsTo", units_to as u64, 1, MAX_UNITS as u64)?;
        if units_from > units_to {
            return Err(SearchError::EmptyUnitRange {
                from: units_from,
                to: units_to,
            });
        }
        check("epochs", epochs, 1, MAX_SEARCH_EPOCHS)?;
        let points = Playground::new(config.clone()).training_points();
        if points.len() < folds {
            return Err(SearchError::TooFewForFolds {
                train_points: points.len(),
                folds,
            });
        }
        // The largest network is the slowest: every fit must be a valid run.
        let mut largest = config.get().clone();
        largest.hidden = hidden_for(config, units_to);
        if let Err(errors) = largest.validate() {
            return Err(SearchError::LargestRefused {
                units: units_to,
                reason: errors.to_string(),
            });
        }
        // Each fit trains on k − 1 folds of the training set.
        let fit_points = points.len() - points.len() / folds;
        let total: f64 = (units_from..=units_to)
            .map(|units| {
                let run = config.layer_sizes();
                let mut sizes = vec![run[0]];
                sizes.extend(hidden_for(config, units));
                sizes.push(run[run.len() - 1]);
                folds as f64 * work(epochs, fit_points, &sizes)
            })
            .sum();
        check_work(total, "fewer epochs, folds or unit counts, or fewer points")?;
        let fold = fold_assignment(points.len(), folds, config.get().seed);
        let results: Vec<UnitsResult> = (units_from..=units_to)
            .map(|units| UnitsResult {
                units,
                losses: Vec::with_capacity(folds),
            })
            .collect();
        Ok(CrossValidation {
            config: config.clone(),
            settings,
            points,
            fold,
            order: (0..results.len()).collect(),
            results,
            current: None,
            fits_done: 0,
        })
    }

    pub fn settings(&self) -> CvSettings {
        self.settings
    }

    /// The fold of each training example, in training-set order.
    pub fn folds(&self) -> &[usize] {
        &self.fold
    }

    /// Trains only share `index` of `of`: the unit counts index, index + of,
    /// … of the range, every fold of each; before the first `advance`.
    pub fn share(&mut self, index: usize, of: usize) -> Result<(), SearchError> {
        self.order = share_of(self.results.len(), index, of)?;
        Ok(())
    }

    /// One entry per unit count of this job (all, or its share), ascending;
    /// `losses` fill in fold by fold.
    pub fn results(&self) -> Vec<&UnitsResult> {
        self.order.iter().map(|&i| &self.results[i]).collect()
    }

    fn fits_total(&self) -> usize {
        self.order.len() * self.settings.folds
    }

    pub fn is_done(&self) -> bool {
        self.fits_done == self.fits_total()
    }

    /// Fraction of the job done, 0 to 1.
    pub fn progress(&self) -> f64 {
        let current = self
            .current
            .as_ref()
            .map_or(0, |(_, _, pg)| pg.stats().epoch);
        let done = self.fits_done as u64 * self.settings.epochs + current;
        if self.order.is_empty() {
            return 1.0;
        }
        done as f64 / (self.fits_total() as u64 * self.settings.epochs) as f64
    }

    /// The run for unit count `index` trained on every fold but `held_out`,
    /// whose examples are its "test" set.
    fn fit(&self, index: usize, held_out: usize) -> Playground {
        let mut c = self.config.get().clone();
        c.hidden = hidden_for(&self.config, self.results[index].units);
        // Only the hidden sizes changed, within 1..=MAX_UNITS and with the
        // same number of layers (or one where there were none), so the
        // per-layer lists still fit.
        let config = c
            .validate()
            .expect("another unit count in range keeps a config valid");
        let is_test = self.fold.iter().map(|&f| f == held_out).collect();
        Playground::with_points(config, self.points.clone(), is_test)
    }

    /// Trains at most `budget` epochs (at least one, unless done) and returns
    /// the fraction of the job done.
    pub fn advance(&mut self, budget: u64) -> f64 {
        let mut budget = budget.max(1);
        let epochs = self.settings.epochs;
        while budget > 0 && !self.is_done() {
            if self.current.is_none() {
                let index = self.order[self.fits_done / self.settings.folds];
                let held_out = self.fits_done % self.settings.folds;
                self.current = Some((index, held_out, self.fit(index, held_out)));
            }
            let Some((index, _, pg)) = self.current.as_mut() else {
                break;
            };
            let before = pg.stats().epoch;
            let slice = budget.min(epochs - before);
            let stats = pg.step(slice as u32);
            budget -= (stats.epoch - before).clamp(1, slice);
            if stats.epoch >= epochs || stats.stopped.is_some() {
                let index = *index;
                self.results[index].losses.push(stats.test_loss);
                self.current = None;
                self.fits_done += 1;
            }
        }
        self.progress()
    }

    /// Index of the unit count with the lowest mean validation loss among
    /// those whose folds are all done (the fewest units of equals).
    pub fn best_index(&self) -> Option<usize> {
        let folds = self.settings.folds;
        let own = self.results();
        let complete: Vec<usize> = (0..own.len())
            .filter(|&i| own[i].losses.len() == folds)
            .collect();
        let means: Vec<f64> = complete.iter().map(|&i| own[i].mean()).collect();
        lowest(&means).map(|k| complete[k])
    }

    /// The hidden layers of the best unit count, to apply to the run.
    pub fn best_hidden(&self) -> Option<Vec<usize>> {
        let best = self.best_index()?;
        Some(hidden_for(&self.config, self.results()[best].units))
    }

    /// The hidden layers a unit count sets (every layer, or one if the run has
    /// none).
    pub fn hidden_of(&self, units: usize) -> Vec<usize> {
        hidden_for(&self.config, units)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restart_seeds_start_with_the_runs_own_and_all_differ() {
        let seeds = restart_seeds(7, 20);
        assert_eq!(seeds.len(), 20);
        assert_eq!(seeds[0], 7);
        let mut sorted = seeds.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 20);
        assert_eq!(seeds, restart_seeds(7, 20));
        assert_eq!(restart_seeds(7, 5), seeds[..5]);
    }

    #[test]
    fn folds_are_disjoint_cover_everything_and_balance() {
        for (count, k) in [(250, 5), (10, 3), (101, 10), (3, 3)] {
            let fold = fold_assignment(count, k, 1);
            assert_eq!(fold.len(), count);
            let mut sizes = vec![0; k];
            for &f in &fold {
                assert!(f < k);
                sizes[f] += 1;
            }
            let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            assert!(hi - lo <= 1, "{sizes:?}");
            assert_eq!(sizes.iter().sum::<usize>(), count);
        }
        assert_eq!(fold_assignment(50, 5, 3), fold_assignment(50, 5, 3));
        assert_ne!(fold_assignment(50, 5, 3), fold_assignment(50, 5, 4));
    }

    #[test]
    fn unit_statistics() {
        let r = UnitsResult {
            units: 3,
            losses: vec![1.0, 2.0, 3.0, 6.0],
        };
        assert_eq!(r.mean(), 3.0);
        // Sample variance: (4 + 1 + 0 + 9) / 3.
        assert!((r.sd() - (14.0_f64 / 3.0).sqrt()).abs() < 1e-12);
        assert_eq!(r.range(), (1.0, 6.0));
    }

    #[test]
    fn a_lower_finite_loss_is_better_and_nan_never_is() {
        assert!(better(0.1, 0.2));
        assert!(!better(0.2, 0.1));
        assert!(!better(0.1, 0.1));
        assert!(better(0.3, f64::NAN));
        assert!(!better(f64::NAN, 0.3));
        assert!(!better(f64::INFINITY, f64::NAN));
    }
}
