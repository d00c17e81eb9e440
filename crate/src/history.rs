//! The loss curve (and any other per-epoch series, such as the gradient
//! flow): bounded, so memory and drawing cost stay flat however long a run
//! trains.

/// One recorded epoch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistoryPoint {
    pub epoch: u64,
    pub train_loss: f64,
    pub test_loss: f64,
}

/// Something recorded once per epoch.
pub trait Recorded {
    fn epoch(&self) -> u64;
}

impl Recorded for HistoryPoint {
    fn epoch(&self) -> u64 {
        self.epoch
    }
}

/// The loss curve.
pub type LossHistory = EpochHistory<HistoryPoint>;

/// Keeps every `stride`-th epoch; when full, drops every other point and
/// doubles the stride, so it always spans the whole run at even spacing.
#[derive(Debug, Clone, PartialEq)]
pub struct EpochHistory<T> {
    points: Vec<T>,
    stride: u64,
    capacity: usize,
}

impl<T: Recorded> EpochHistory<T> {
    /// `capacity` must be at least 2.
    pub fn new(capacity: usize) -> Self {
        EpochHistory {
            points: Vec::with_capacity(capacity),
            stride: 1,
            capacity: capacity.max(2),
        }
    }

    pub fn record(&mut self, point: T) {
        if point.epoch() % self.stride != 0 {
            return;
        }
        if self.points.len() == self.capacity {
            let mut index = 0;
            self.points.retain(|_| {
                index += 1;
                index % 2 == 1
            });
            self.stride *= 2;
            if point.epoch() % self.stride != 0 {
                return;
            }
        }
        self.points.push(point);
    }

    pub fn points(&self) -> &[T] {
        &self.points
    }

    pub fn clear(&mut self) {
        self.points.clear();
        self.stride = 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(epoch: u64) -> HistoryPoint {
        HistoryPoint {
            epoch,
            train_loss: epoch as f64,
            test_loss: 0.0,
        }
    }

    #[test]
    fn stays_bounded_and_spans_the_run() {
        let mut history = LossHistory::new(100);
        for epoch in 0..=100_000 {
            history.record(at(epoch));
            assert!(history.points().len() <= 100);
        }
        let points = history.points();
        assert_eq!(points[0].epoch, 0);
        assert!(points[points.len() - 1].epoch > 90_000);
        // Evenly spaced.
        let step = points[1].epoch - points[0].epoch;
        assert!(points.windows(2).all(|w| w[1].epoch - w[0].epoch == step));
    }

    #[test]
    fn short_runs_keep_every_epoch() {
        let mut history = LossHistory::new(100);
        for epoch in 0..50 {
            history.record(at(epoch));
        }
        assert_eq!(history.points().len(), 50);
        history.clear();
        assert!(history.points().is_empty());
    }
}
