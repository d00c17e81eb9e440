//! What one epoch and one step cost, so the validator can refuse runs whose
//! epochs would keep the page busy for seconds, or whose steps the engine
//! could not pause between in a tenth of a second.
//!
//! Measured natively (release build, 2-core machine, Adam, dropout and
//! augmentation on, 2500 training points, 8 × 32 tanh, 7653 weights): full
//! batch 54 ms an epoch, batch 10 114 ms, batch 1 424 ms. So an epoch costs
//! about 2.8 ns per example and weight (forward and backward), plus about
//! 19 ns per update and weight (the optimizer's step and the per-batch
//! overhead): seven times as much. wasm is some 1.5–2 times slower, a slow
//! laptop twice that again.

/// An update costs about this many example-weight passes.
const UPDATE_COST: f64 = 7.0;

/// Most work one epoch may take, in example-weight passes: about 0.3 s
/// natively here, so about a second in the page on a slow laptop.
pub const MAX_EPOCH_WORK: f64 = 1e8;

/// Most work one batch may take, in example-weight passes: about 22 ms
/// natively here (forward and backward of 8 million example-weights), some
/// 40 ms in the wasm. The engine trains long epochs a few batches at a time
/// and looks at its messages in between, so this bounds how long Pause
/// waits.
pub const MAX_BATCH_WORK: f64 = 8e6;

/// The largest batch size whose steps stay within [`MAX_BATCH_WORK`] (at
/// least 1).
pub fn largest_batch(weights: usize) -> usize {
    ((MAX_BATCH_WORK / weights.max(1) as f64) as usize).max(1)
}

/// The work of one epoch: every training example through every weight, and
/// an update of every weight per batch.
pub fn epoch_work(train_points: usize, weights: usize, batch_size: usize) -> f64 {
    let updates = train_points.div_ceil(batch_size.max(1));
    weights as f64 * (train_points as f64 + UPDATE_COST * updates as f64)
}

/// The smallest batch size whose epochs stay within [`MAX_EPOCH_WORK`], or
/// `None` when even full batches are too slow.
pub fn smallest_batch(train_points: usize, weights: usize) -> Option<usize> {
    // epoch_work falls as the batch grows: search the smallest that fits.
    let fits = |b: usize| epoch_work(train_points, weights, b) <= MAX_EPOCH_WORK;
    let full = train_points.max(1);
    if !fits(full) {
        return None;
    }
    let (mut low, mut high) = (1, full);
    while low < high {
        let mid = (low + high) / 2;
        if fits(mid) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    Some(low)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::weight_count;

    #[test]
    fn the_measured_runs_cost_what_their_times_say() {
        let weights = weight_count(&[2, 32, 32, 32, 32, 32, 32, 32, 32, 5]);
        assert_eq!(weights, 7653);
        // 424 ms natively: refused; batch 10 (114 ms) and full batch: accepted.
        assert!(epoch_work(2500, weights, 1) > MAX_EPOCH_WORK);
        assert!(epoch_work(2500, weights, 10) <= MAX_EPOCH_WORK);
        assert!(epoch_work(2500, weights, 2500) <= MAX_EPOCH_WORK);
        // Config B: far inside.
        assert!(
            epoch_work(250, weight_count(&[7, 8, 8, 8, 8, 8, 8, 1]), 10) < MAX_EPOCH_WORK / 100.0
        );
    }

    #[test]
    fn the_largest_batch_is_the_last_that_fits() {
        // 8 × 32 on all seven features, five classes: the largest network.
        let weights = weight_count(&[7, 32, 32, 32, 32, 32, 32, 32, 32, 5]);
        let b = largest_batch(weights);
        assert!((b * weights) as f64 <= MAX_BATCH_WORK);
        assert!(((b + 1) * weights) as f64 > MAX_BATCH_WORK);
        // Its smallest batch for 4,500 training points is far below it.
        assert!(smallest_batch(4500, weights).expect("fits") < b);
        // Config B's network takes any batch the data allows.
        assert!(largest_batch(weight_count(&[7, 8, 8, 8, 8, 8, 8, 1])) > 5000);
        assert_eq!(largest_batch(usize::MAX), 1);
    }

    #[test]
    fn the_smallest_batch_is_the_first_that_fits() {
        let weights = 7653;
        let b = smallest_batch(2500, weights).expect("full batches fit");
        assert!(epoch_work(2500, weights, b) <= MAX_EPOCH_WORK);
        assert!(epoch_work(2500, weights, b - 1) > MAX_EPOCH_WORK);
        assert_eq!(smallest_batch(100_000, 1_000_000), None);
        assert_eq!(smallest_batch(10, 10), Some(1));
    }
}
