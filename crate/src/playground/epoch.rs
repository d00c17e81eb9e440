//! Training an epoch, whole or a few batches at a time.
//!
//! An epoch visits every training example once, in an order the seed fixes,
//! in batches of `batchSize`; each batch takes one optimizer step. After the
//! last batch the losses are measured, the schedule updates η and the
//! stopping rules are checked.
//!
//! The engine trains long epochs a few batches at a time
//! ([`Playground::step_batches`]), so that it can pause between two batches
//! instead of at the end of an epoch that takes a second. The epoch under way
//! is held between calls and goes on exactly where it stopped: the same
//! batches, the same order, the same generator, so a run trained in slices is
//! bit for bit the run trained whole. Anything that changes the run other
//! than training (an edit, a new setting, a reset, new data) ends the epoch
//! under way where it is: the batches it trained stay trained, it is not
//! counted, and the next epoch starts with a new order.

use std::collections::VecDeque;

use nalgebra::DMatrix;

use super::{EpochStats, Playground, StopReason, SNAPSHOTS};
use crate::data;
use crate::divergence::{Divergence, NonFinite, Restored};
use crate::kernels::fit;
use crate::network::Network;
use crate::optimizer::Optimizer;
use crate::rng::Pcg32;
use crate::train::{train_batch_in, Dropout};

/// An epoch begun and not yet finished.
#[derive(Debug, Clone)]
pub(super) struct Epoch {
    /// The training examples in this epoch's order.
    order: Vec<usize>,
    /// The features of this epoch's augmented points; `None`: the training
    /// set's own.
    augmented: Option<DMatrix<f64>>,
    /// Batches trained so far.
    done: usize,
    /// The state the epoch's first batch began from (after the shuffle), for
    /// a divergence to replay it.
    start: Start,
}

#[derive(Debug, Clone)]
struct Start {
    network: Network,
    optimizer: Optimizer,
    rng: Pcg32,
    dropout_rng: Pcg32,
    train_loss: f64,
}

/// Batches trained after a batch, and the weights and optimizer then.
type Snapshots = VecDeque<(usize, Network, Optimizer)>;

impl Playground {
    /// Trains up to `epochs` epochs (the epoch under way, if any, is the
    /// first); once a stopping rule fires, `step` does nothing until
    /// [`Self::resume`] or [`Self::reset`].
    ///
    /// A batch that makes its loss or a weight non-finite stops the epoch
    /// there (see [`Self::diverged`]): the run goes back to the last weights
    /// whose training loss is finite, so the network held is always drawable.
    pub fn step(&mut self, epochs: u32) -> EpochStats {
        for _ in 0..epochs {
            if self.stats.stopped.is_some() || !self.train_epoch(usize::MAX).1 {
                break;
            }
        }
        self.grids.stale();
        self.stats
    }

    /// Trains at most `batches` batches, going on with the epoch under way
    /// and beginning new ones, each ended as [`Self::step`] ends it. What is
    /// left of an epoch waits for the next call (see the module's notes).
    pub fn step_batches(&mut self, batches: usize) -> EpochStats {
        let mut left = batches;
        while left > 0 && self.stats.stopped.is_none() {
            let (trained, finished) = self.train_epoch(left);
            left -= trained;
            if !finished {
                break;
            }
        }
        self.grids.stale();
        self.stats
    }

    /// Batches of the epoch under way already trained, and its batch count;
    /// `None` between epochs.
    pub fn epoch_progress(&self) -> Option<(usize, usize)> {
        self.epoch.as_ref().map(|e| (e.done, self.batch_count()))
    }

    /// Ends the epoch under way where it is (see the module's notes).
    pub(super) fn end_epoch_under_way(&mut self) {
        self.epoch = None;
    }

    /// Batches in an epoch: the training set in batches of `batchSize`.
    pub fn batches_per_epoch(&self) -> usize {
        self.batch_count()
    }

    fn batch_count(&self) -> usize {
        self.train.len().div_ceil(self.config.get().batch_size)
    }

    /// Trains at most `limit` batches of the epoch under way (or a new one)
    /// and ends it if they were its last. Returns the batches trained and
    /// whether the epoch ended with training able to go on.
    fn train_epoch(&mut self, limit: usize) -> (usize, bool) {
        let mut epoch = match self.epoch.take() {
            Some(epoch) => epoch,
            None => self.begin_epoch(),
        };
        let before = epoch.done;
        if let Err((batch, what)) = self.train_batches(&mut epoch, limit, None) {
            let trained = epoch.done - before;
            self.diverged(epoch, batch, what);
            return (trained, false);
        }
        let trained = epoch.done - before;
        if epoch.done < self.batch_count() {
            self.epoch = Some(epoch);
            return (trained, false);
        }
        (trained, self.finish_epoch(epoch))
    }

    /// Augments (when set) and shuffles: the order of a new epoch.
    fn begin_epoch(&mut self) -> Epoch {
        let train_loss = self.stats.train_loss;
        let augmented = if self.config.augments() {
            self.augment();
            let features = &self.config.get().features;
            self.augmented
                .as_ref()
                .map(|points| data::feature_matrix(features, points.iter().copied()))
        } else {
            None
        };
        let mut order: Vec<usize> = (0..self.train.len()).collect();
        self.rng.shuffle(&mut order);
        self.flow.begin_epoch();
        Epoch {
            order,
            augmented,
            done: 0,
            start: Start {
                network: self.network.clone(),
                optimizer: self.optimizer.clone(),
                rng: self.rng.clone(),
                dropout_rng: self.dropout_rng.clone(),
                train_loss,
            },
        }
    }

    /// After the epoch's last batch: the count, the losses, the schedule and
    /// the stopping rules. Returns false when training cannot go on.
    fn finish_epoch(&mut self, epoch: Epoch) -> bool {
        self.stats.epoch += 1;
        self.measure();
        if !self.stats.train_loss.is_finite() {
            // Every batch was finite, but the last step took the loss over
            // the whole training set past the largest f64.
            self.stats.epoch -= 1;
            let last = epoch.done.saturating_sub(1);
            self.diverged(epoch, last, NonFinite::Loss);
            return false;
        }
        self.flow.end_epoch(self.stats.epoch);
        self.schedule
            .end_epoch(self.stats.epoch, self.stats.train_loss);
        self.stats.learning_rate = self.schedule.learning_rate();
        self.stats.stopped = self.check_stopping();
        self.stats.stopped.is_none()
    }

    /// Trains the epoch's next batches, at most `limit` of them; `snapshots`,
    /// if given, receives the weights and optimizer state after each batch,
    /// keeping the latest [`SNAPSHOTS`]. Stops at the first batch whose loss
    /// or updated weights are not finite: `Err((batch index, what))`, the
    /// network then holding the non-finite weights.
    fn train_batches(
        &mut self,
        epoch: &mut Epoch,
        limit: usize,
        mut snapshots: Option<&mut Snapshots>,
    ) -> Result<(), (usize, NonFinite)> {
        let c = self.config.get();
        let settings = self.step_settings();
        let rates = self.config.dropout_rates();
        let dropout_on = rates.iter().any(|&r| r > 0.0);
        let inputs = epoch.augmented.as_ref().unwrap_or(&self.train.inputs);
        let batches = epoch
            .order
            .chunks(c.batch_size)
            .skip(epoch.done)
            .take(limit);
        for batch in batches {
            let index = epoch.done;
            let work = &mut self.workspace;
            select_rows(inputs, batch, &mut work.pass.input);
            select_rows(&self.train.targets, batch, &mut self.batch_targets);
            let dropout = dropout_on.then(|| Dropout {
                rates: &rates,
                rng: &mut self.dropout_rng,
            });
            train_batch_in(
                &mut self.network,
                &mut self.optimizer,
                work,
                &self.batch_targets,
                &settings,
                dropout,
            );
            epoch.done += 1;
            if !Network::loss(&work.pass, &self.batch_targets, c.loss).is_finite() {
                return Err((index, NonFinite::Loss));
            }
            if let Some(layer) = self.network.first_non_finite_layer() {
                return Err((index, NonFinite::Weight { layer }));
            }
            self.flow.add_batch(&work.backward);
            if let Some(kept) = snapshots.as_deref_mut() {
                if kept.len() == SNAPSHOTS {
                    kept.pop_front();
                }
                kept.push_back((epoch.done, self.network.clone(), self.optimizer.clone()));
            }
        }
        Ok(())
    }

    /// After batch `batch` (an index) of `epoch` made something non-finite:
    /// replays the epoch up to that batch (training is deterministic from the
    /// same weights, optimizer state, generator and order), then goes back
    /// step by step to the latest weights whose training loss over the whole
    /// set is finite, at worst the epoch's starting weights.
    fn diverged(&mut self, mut epoch: Epoch, batch: usize, what: NonFinite) {
        let batches = self.batch_count();
        let learning_rate = self.schedule.learning_rate();
        let start = epoch.start.clone();
        self.network = start.network.clone();
        self.optimizer = start.optimizer.clone();
        self.rng = start.rng;
        self.dropout_rng = start.dropout_rng;
        epoch.done = 0;
        let mut kept = VecDeque::with_capacity(SNAPSHOTS);
        // The replay cannot fail before `batch`: the same steps were finite.
        let _ = self.train_batches(&mut epoch, batch, Some(&mut kept));
        let mut restored = None;
        while let Some((after_batch, network, optimizer)) = kept.pop_back() {
            self.network = network;
            self.optimizer = optimizer;
            self.evaluate();
            if self.stats.train_loss.is_finite() {
                restored = Some(after_batch);
                break;
            }
        }
        let after_batch = restored.unwrap_or_else(|| {
            self.network = start.network;
            self.optimizer = start.optimizer;
            self.evaluate();
            0
        });
        let epoch = self.stats.epoch;
        let lowest = self
            .history
            .points()
            .iter()
            .filter(|p| p.train_loss.is_finite())
            .map(|p| (p.epoch, p.train_loss))
            .fold((epoch, start.train_loss), |best, p| {
                if p.1 < best.1 {
                    p
                } else {
                    best
                }
            });
        self.grids.stale();
        self.stats.stopped = Some(StopReason::Diverged(Divergence {
            epoch: epoch + 1,
            batch: batch + 1,
            batches,
            what,
            learning_rate,
            lowest,
            restored: Restored {
                after_batch,
                train_loss: self.stats.train_loss,
            },
        }));
    }
}

/// The rows `rows` of `source`, in that order, into `out` (reshaped if need
/// be): a batch's examples without a new matrix.
fn select_rows(source: &DMatrix<f64>, rows: &[usize], out: &mut DMatrix<f64>) {
    fit(out, rows.len(), source.ncols());
    let (height, values) = (source.nrows(), source.as_slice());
    for (c, column) in out
        .as_mut_slice()
        .chunks_exact_mut(rows.len().max(1))
        .enumerate()
    {
        for (o, &r) in column.iter_mut().zip(rows) {
            *o = values[c * height + r];
        }
    }
}
