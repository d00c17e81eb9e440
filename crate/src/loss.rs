//! Loss functions L(y, ŷ): each one's value and derivative side by side.

use serde::{Deserialize, Serialize};

use crate::activation::Activation;

/// How far the network's outputs ŷ are from the targets y.
///
/// Over a batch of n examples the loss is the mean of the per-example losses,
/// so gradients are mean gradients and do not grow with the batch size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Loss {
    /// ½ squared error, as in the course notes: L = 1/(2n) Σ_h Σ_j (y_j − ŷ_j)².
    /// ∂L/∂ŷ_j = ŷ_j − y_j for one example.
    SquaredError,
    /// Binary cross-entropy: L = −(y log ŷ + (1 − y) log(1 − ŷ)), y ∈ {0, 1},
    /// ŷ ∈ (0, 1) from a sigmoid output. With a sigmoid, δ = ŷ − y.
    BinaryCrossEntropy,
}

/// Keeps log() finite when a sigmoid output saturates to exactly 0 or 1.
const PROBABILITY_FLOOR: f64 = 1e-15;

impl Loss {
    /// The loss of one output node for one example.
    pub fn value(self, target: f64, output: f64) -> f64 {
        match self {
            Loss::SquaredError => 0.5 * (target - output).powi(2),
            Loss::BinaryCrossEntropy => {
                let p = output.clamp(PROBABILITY_FLOOR, 1.0 - PROBABILITY_FLOOR);
                -(target * p.ln() + (1.0 - target) * (1.0 - p).ln())
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
        }
    }

    /// δ of an output node: ∂L/∂net = ∂L/∂ŷ · φ′(net).
    ///
    /// Cross-entropy after a sigmoid simplifies to ŷ − y, which stays exact
    /// where the general product would divide 0 by 0 on a saturated output.
    pub fn output_delta(self, activation: Activation, target: f64, net: f64, output: f64) -> f64 {
        match (self, activation) {
            (Loss::BinaryCrossEntropy, Activation::Sigmoid) => output - target,
            _ => self.derivative(target, output) * activation.derivative(net, output),
        }
    }

    /// The name used in configs and links.
    pub fn name(self) -> &'static str {
        match self {
            Loss::SquaredError => "squaredError",
            Loss::BinaryCrossEntropy => "binaryCrossEntropy",
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
        assert_eq!(
            Loss::BinaryCrossEntropy.output_delta(Activation::Sigmoid, 1.0, -800.0, 0.0),
            -1.0
        );
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
