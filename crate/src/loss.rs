//! Loss functions L(y, ŷ): each one's value and derivative side by side.

use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

use crate::activation::Activation;

/// How far the network's outputs ŷ are from the targets y.
///
/// Over a batch of n examples the loss is the mean of the per-example losses,
/// so gradients are mean gradients and do not grow with the batch size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Loss {
    /// ½ squared error, as in the course notes: L = 1/(2n) Σ_h Σ_j (y_j − ŷ_j)².
    /// ∂L/∂ŷ_j = ŷ_j − y_j for one example.
    SquaredError,
    /// Binary cross-entropy: L = −(y log ŷ + (1 − y) log(1 − ŷ)), y ∈ {0, 1},
    /// ŷ ∈ (0, 1) from a sigmoid output. With a sigmoid, δ = ŷ − y.
    BinaryCrossEntropy,
    /// Categorical cross-entropy over k softmax outputs with one-hot targets:
    /// L = −Σ_k y_k log ŷ_k. With a softmax output, δ = ŷ − y.
    SoftmaxCrossEntropy,
}

/// How δ_j = ∂L/∂net_j of an output node is formed (see [`Loss::output_deltas`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum OutputRule {
    /// δ_j = ∂L/∂ŷ_j · φ′(net_j), e.g. (ŷ − y)·ŷ(1 − ŷ) for ½ squared error
    /// after a sigmoid.
    Product,
    /// δ_j = ŷ_j − y_j: cross-entropy after a sigmoid, softmax cross-entropy
    /// after a softmax (φ′ cancels the loss's denominator).
    Difference,
    /// δ_j = ŷ_j (g_j − Σ_k g_k ŷ_k) with g = ∂L/∂ŷ: any other loss after a softmax.
    SoftmaxJacobian,
}

/// Keeps log() finite when a sigmoid output saturates to exactly 0 or 1.
const PROBABILITY_FLOOR: f64 = 1e-15;

impl Loss {
    /// The loss of one output node for one example.
    pub fn value(self, target: f64, output: f64) -> f64 {
        match self {
            Loss::SquaredError => {
                // d·d rather than powi(2): the same bits, without a libcall
                // (the trainer evaluates this for every example and batch).
                let d = target - output;
                0.5 * d * d
            }
            Loss::BinaryCrossEntropy => {
                let p = output.clamp(PROBABILITY_FLOOR, 1.0 - PROBABILITY_FLOOR);
                -(target * p.ln() + (1.0 - target) * (1.0 - p).ln())
            }
            Loss::SoftmaxCrossEntropy => {
                if target == 0.0 {
                    0.0
                } else {
                    -target * output.max(PROBABILITY_FLOOR).ln()
                }
            }
        }
    }

    /// ∂L/∂ŷ for one output node and one example.
    pub fn derivative(self, target: f64, output: f64) -> f64 {
        match self {
            Loss::SquaredError => output - target,
            Loss::BinaryCrossEntropy => {
                let p = output.clamp(PROBABILITY_FLOOR, 1.0 - PROBABILITY_FLOOR);
                (p - target) / (p * (1.0 - p))
            }
            Loss::SoftmaxCrossEntropy => -target / output.max(PROBABILITY_FLOOR),
        }
    }

    /// δ of every output node, ∂L/∂net_j: rows = examples, columns = output nodes.
    ///
    /// Cross-entropy after a sigmoid, and softmax cross-entropy after a
    /// softmax, both simplify to ŷ − y, which stays exact where the general
    /// product would divide 0 by 0 on a saturated output. Any other loss
    /// after a softmax goes through softmax's Jacobian:
    /// δ_j = ŷ_j (g_j − Σ_k g_k ŷ_k) with g = ∂L/∂ŷ.
    ///
    /// Written into `deltas`, reshaped if need be (a training step keeps it
    /// from batch to batch).
    pub fn output_deltas(
        self,
        activation: Activation,
        targets: &DMatrix<f64>,
        nets: &DMatrix<f64>,
        outputs: &DMatrix<f64>,
        deltas: &mut DMatrix<f64>,
    ) {
        crate::kernels::fit(deltas, outputs.nrows(), outputs.ncols());
        let each = outputs.as_slice().iter().zip(targets.as_slice());
        match self.output_rule(activation) {
            OutputRule::Difference => {
                for (d, (&p, &y)) in deltas.as_mut_slice().iter_mut().zip(each) {
                    *d = p - y;
                }
            }
            OutputRule::SoftmaxJacobian => {
                for (d, (&p, &y)) in deltas.as_mut_slice().iter_mut().zip(each) {
                    *d = self.derivative(y, p);
                }
                for (mut row, out) in deltas.row_iter_mut().zip(outputs.row_iter()) {
                    let dot = row.dot(&out);
                    row.zip_apply(&out, |g, p| *g = p * (*g - dot));
                }
            }
            OutputRule::Product => {
                let each = each.zip(nets.as_slice());
                for (d, ((&out, &y), &net)) in deltas.as_mut_slice().iter_mut().zip(each) {
                    *d = self.derivative(y, out) * activation.derivative(net, out);
                }
            }
        }
    }

    /// Which form of the output δ this loss takes after `activation`.
    pub fn output_rule(self, activation: Activation) -> OutputRule {
        match (self, activation) {
            (Loss::BinaryCrossEntropy, Activation::Sigmoid)
            | (Loss::SoftmaxCrossEntropy, Activation::Softmax) => OutputRule::Difference,
            (_, Activation::Softmax) => OutputRule::SoftmaxJacobian,
            _ => OutputRule::Product,
        }
    }

    /// The name used in configs and links.
    pub fn name(self) -> &'static str {
        match self {
            Loss::SquaredError => "squaredError",
            Loss::BinaryCrossEntropy => "binaryCrossEntropy",
            Loss::SoftmaxCrossEntropy => "softmaxCrossEntropy",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The course's loss example: input ⟨(1.0, 1.0), 0.50⟩ with output 0.73
    /// gives Loss = ½(0.50 − 0.73)² = 0.0529/2.
    #[test]
    fn squared_error_matches_the_course_example() {
        assert!((Loss::SquaredError.value(0.5, 0.73) - 0.0529 / 2.0).abs() < 1e-15);
    }

    #[test]
    fn cross_entropy_is_finite_when_saturated() {
        let l = Loss::BinaryCrossEntropy.value(1.0, 0.0);
        assert!(l.is_finite() && l > 30.0);
        let one = DMatrix::from_element(1, 1, 1.0);
        let zero = DMatrix::from_element(1, 1, 0.0);
        let net = DMatrix::from_element(1, 1, -800.0);
        let mut delta = DMatrix::zeros(0, 0);
        Loss::BinaryCrossEntropy.output_deltas(Activation::Sigmoid, &one, &net, &zero, &mut delta);
        assert_eq!(delta[(0, 0)], -1.0);
    }

    #[test]
    fn derivatives_match_finite_differences() {
        for loss in [Loss::SquaredError, Loss::BinaryCrossEntropy] {
            for &(y, p) in &[(0.0, 0.3), (1.0, 0.3), (1.0, 0.8), (0.0, 0.9)] {
                let h = 1e-7;
                let numeric = (loss.value(y, p + h) - loss.value(y, p - h)) / (2.0 * h);
                let analytic = loss.derivative(y, p);
                assert!(
                    (numeric - analytic).abs() < 1e-6 * analytic.abs().max(1.0),
                    "{loss:?} y={y} p={p}: {numeric} vs {analytic}"
                );
            }
        }
    }
}
