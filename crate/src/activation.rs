//! Activation functions φ: each one's value and derivative side by side.

use serde::{Deserialize, Serialize};

/// The function a node applies to its net input: o_j = φ(net_j).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Activation {
    /// σ(net) = 1 / (1 + e^(−net)); σ′ = σ(1 − σ). Outputs in (0, 1).
    Sigmoid,
    /// tanh(net); tanh′ = 1 − tanh². Outputs in (−1, 1).
    Tanh,
    /// max(0, net); derivative 1 for net > 0, else 0.
    Relu,
    /// net itself; derivative 1. Used for regression outputs.
    Linear,
}

impl Activation {
    /// Every activation, in the order the page lists them.
    pub const ALL: [Activation; 4] = [
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Relu,
        Activation::Linear,
    ];

    /// φ(net).
    pub fn value(self, net: f64) -> f64 {
        match self {
            Activation::Sigmoid => sigmoid(net),
            Activation::Tanh => tanh(net),
            Activation::Relu => net.max(0.0),
            Activation::Linear => net,
        }
    }

    /// φ′(net), given both net and o = φ(net) so that sigmoid and tanh can
    /// reuse the output instead of recomputing an exponential.
    pub fn derivative(self, net: f64, out: f64) -> f64 {
        match self {
            Activation::Sigmoid => out * (1.0 - out),
            Activation::Tanh => 1.0 - out * out,
            Activation::Relu => {
                if net > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Linear => 1.0,
        }
    }

    /// The range of φ, used to colour a node's heatmap: (low, high).
    pub fn display_range(self) -> (f64, f64) {
        match self {
            Activation::Sigmoid => (0.0, 1.0),
            Activation::Tanh | Activation::Relu | Activation::Linear => (-1.0, 1.0),
        }
    }

    /// The name used in configs and links.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::Linear => "linear",
        }
    }
}

/// tanh through one exponential: tanh|x| = 1 − 2/(e^(2|x|) + 1).
///
/// About twice as fast as the C library's `tanh` (which goes through
/// `expm1`), and within a few ulps of 1 in absolute terms; heatmaps evaluate
/// it for every node at every grid cell, so it dominates a frame.
pub fn tanh(net: f64) -> f64 {
    let e = (2.0 * net.abs()).exp();
    (1.0 - 2.0 / (e + 1.0)).copysign(net)
}

/// The logistic function, written to avoid overflow of e^(−net) for large |net|.
pub fn sigmoid(net: f64) -> f64 {
    if net >= 0.0 {
        1.0 / (1.0 + (-net).exp())
    } else {
        let e = net.exp();
        e / (1.0 + e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The course's single-neuron example: net = −0.5 gives σ = 1/(1 + e^0.5) = 0.3775.
    #[test]
    fn sigmoid_matches_the_course_example() {
        assert!((sigmoid(-0.5) - 0.377_540_668_798_145_4).abs() < 1e-15);
        assert_eq!(sigmoid(0.0), 0.5);
    }

    #[test]
    fn fast_tanh_agrees_with_the_library() {
        let mut x = -40.0;
        while x < 40.0 {
            assert!((tanh(x) - x.tanh()).abs() < 5e-16, "tanh({x})");
            x += 0.001_7;
        }
        assert_eq!(tanh(1000.0), 1.0);
        assert_eq!(tanh(-1000.0), -1.0);
        assert_eq!(tanh(0.0), 0.0);
    }

    #[test]
    fn sigmoid_is_finite_at_extremes() {
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(sigmoid(-1000.0), 0.0);
    }

    #[test]
    fn derivatives_match_finite_differences() {
        for act in Activation::ALL {
            for &net in &[-2.3, -0.4, 0.3, 1.7] {
                let h = 1e-6;
                let numeric = (act.value(net + h) - act.value(net - h)) / (2.0 * h);
                let analytic = act.derivative(net, act.value(net));
                assert!(
                    (numeric - analytic).abs() < 1e-8,
                    "{act:?} at {net}: {numeric} vs {analytic}"
                );
            }
        }
    }
}
