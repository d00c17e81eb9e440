//! Gradient flow: how large the gradients are in each layer, epoch after
//! epoch. A deep stack of sigmoids multiplies δ by φ′(net) ≤ ¼ at every layer
//! on the way back, so the layers near the inputs get far smaller gradients
//! than those near the output (vanishing gradients); ReLU passes δ through
//! unchanged wherever a unit is active.
//!
//! Everything here is read off the gradients the trainer computes anyway: one
//! pass over each batch's gradient matrices and δ matrices, no extra forward
//! or backward pass.

use crate::history::{EpochHistory, Recorded};
use crate::network::Backward;

/// One epoch of the gradient flow.
#[derive(Debug, Clone, PartialEq)]
pub struct GradientPoint {
    pub epoch: u64,
    /// Per weight layer (0 = inputs → first layer of units): the mean over the
    /// epoch's batches of the mean |∂L/∂w_ij| over the layer's weights (the
    /// data loss only, without the regularization term; biases not included).
    pub layers: Box<[f64]>,
}

impl Recorded for GradientPoint {
    fn epoch(&self) -> u64 {
        self.epoch
    }
}

/// Sums over the current epoch, the bounded history of finished epochs, and
/// the last finished epoch's |δ| per node.
#[derive(Debug, Clone)]
pub struct GradientFlow {
    /// Per weight layer: Σ over batches of the batch's mean |∂L/∂w_ij|.
    layer_sums: Vec<f64>,
    batches: usize,
    /// Per unit (hidden and output, in node order): Σ over examples of |δ_j|.
    delta_sums: Vec<f64>,
    examples: usize,
    history: EpochHistory<GradientPoint>,
    node_deltas: Vec<f64>,
}

impl GradientFlow {
    /// For a network with `sizes` = [inputs, units of each layer...].
    pub fn new(sizes: &[usize], capacity: usize) -> Self {
        let layers = sizes.len().saturating_sub(1);
        let units = sizes.iter().skip(1).sum();
        GradientFlow {
            layer_sums: vec![0.0; layers],
            batches: 0,
            delta_sums: vec![0.0; units],
            examples: 0,
            history: EpochHistory::new(capacity),
            node_deltas: Vec::new(),
        }
    }

    /// Starts summing a new epoch.
    pub fn begin_epoch(&mut self) {
        self.layer_sums.fill(0.0);
        self.delta_sums.fill(0.0);
        self.batches = 0;
        self.examples = 0;
    }

    /// Adds one batch's gradients and δ.
    pub fn add_batch(&mut self, backward: &Backward) {
        for (sum, gradient) in self.layer_sums.iter_mut().zip(&backward.gradients.weights) {
            *sum += abs_sum(gradient.as_slice()) / gradient.len().max(1) as f64;
        }
        self.batches += 1;
        let mut node = 0;
        for delta in &backward.deltas {
            let rows = delta.nrows().max(1);
            // Column-major storage: one column is one unit over the batch's examples.
            for column in delta.as_slice().chunks(rows) {
                if let Some(sum) = self.delta_sums.get_mut(node) {
                    *sum += abs_sum(column);
                }
                node += 1;
            }
        }
        self.examples += backward.deltas.first().map_or(0, |d| d.nrows());
    }

    /// Closes the epoch: records its means and keeps its |δ| per node.
    pub fn end_epoch(&mut self, epoch: u64) {
        if self.batches == 0 {
            return;
        }
        let batches = self.batches as f64;
        let layers = self.layer_sums.iter().map(|s| s / batches).collect();
        self.history.record(GradientPoint { epoch, layers });
        let examples = self.examples.max(1) as f64;
        self.node_deltas.clear();
        self.node_deltas
            .extend(self.delta_sums.iter().map(|s| s / examples));
    }

    /// Back to no epochs.
    pub fn clear(&mut self) {
        self.begin_epoch();
        self.history.clear();
        self.node_deltas.clear();
    }

    /// The recorded epochs, oldest first, thinned evenly on long runs.
    pub fn history(&self) -> &[GradientPoint] {
        self.history.points()
    }

    /// Number of weight layers.
    pub fn layers(&self) -> usize {
        self.layer_sums.len()
    }

    /// Mean |δ_j| over the last finished epoch's examples, per unit (hidden
    /// and output nodes in node order, inputs excluded); empty before the
    /// first epoch.
    pub fn node_deltas(&self) -> &[f64] {
        &self.node_deltas
    }
}

/// Σ|x| over a slice (this runs on every batch, beside the training itself).
fn abs_sum(values: &[f64]) -> f64 {
    crate::network::sum_in_lanes(values, f64::abs)
}

#[cfg(test)]
mod tests {
    use nalgebra::DMatrix;

    use super::*;
    use crate::network::Gradients;

    fn batch(weights: &[f64], deltas: &[f64]) -> Backward {
        Backward {
            deltas: vec![DMatrix::from_row_slice(2, 1, deltas)],
            gradients: Gradients {
                weights: vec![DMatrix::from_row_slice(1, weights.len(), weights)],
                biases: vec![],
            },
        }
    }

    #[test]
    fn means_are_over_weights_then_batches_and_over_examples() {
        let mut flow = GradientFlow::new(&[2, 1], 10);
        flow.begin_epoch();
        flow.add_batch(&batch(&[1.0, -3.0], &[0.5, -0.5]));
        flow.add_batch(&batch(&[0.0, 2.0], &[-2.0, 0.0]));
        flow.end_epoch(1);
        // Batch means 2 and 1 → 1.5; |δ| over 4 examples: 3/4.
        assert_eq!(flow.history()[0].layers.as_ref(), &[1.5]);
        assert_eq!(flow.node_deltas(), &[0.75]);
        flow.clear();
        assert!(flow.history().is_empty() && flow.node_deltas().is_empty());
    }
}
