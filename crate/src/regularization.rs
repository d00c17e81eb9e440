//! Penalties on large weights, added to the loss: Loss + γ·R(W).
//!
//! As in the course notes, L1 = Σ|w_ij| and L2 = Σ w_ij² over every weight
//! (biases are not penalised). The reported loss is the data loss alone, so
//! train and test losses stay comparable whatever γ is.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Regularization {
    None,
    /// R = Σ|w|: pushes small weights to exactly zero (sparse networks).
    L1,
    /// R = Σw²: shrinks every weight in proportion to its size (weight decay).
    L2,
}

impl Regularization {
    /// R for one weight.
    pub fn penalty(self, w: f64) -> f64 {
        match self {
            Regularization::None => 0.0,
            Regularization::L1 => w.abs(),
            Regularization::L2 => w * w,
        }
    }

    /// ∂R/∂w for one weight (L1 takes 0 at w = 0).
    pub fn derivative(self, w: f64) -> f64 {
        match self {
            Regularization::None => 0.0,
            Regularization::L1 => {
                if w > 0.0 {
                    1.0
                } else if w < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            Regularization::L2 => 2.0 * w,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Regularization::None => "none",
            Regularization::L1 => "l1",
            Regularization::L2 => "l2",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_finite_differences_away_from_zero() {
        for reg in [Regularization::None, Regularization::L1, Regularization::L2] {
            for &w in &[-1.3, -0.2, 0.4, 2.0] {
                let h = 1e-6;
                let numeric = (reg.penalty(w + h) - reg.penalty(w - h)) / (2.0 * h);
                assert!((numeric - reg.derivative(w)).abs() < 1e-8, "{reg:?} at {w}");
            }
        }
        assert_eq!(Regularization::L1.derivative(0.0), 0.0);
    }
}
