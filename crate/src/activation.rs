//! Activation functions φ: each one's value and derivative side by side.

use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

/// The function a node applies to its net input: o_j = φ(net_j).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
    /// max(0.01·net, net): like ReLU, but a unit with net < 0 still passes a
    /// small gradient, so it cannot "die".
    LeakyRelu,
    /// The perceptron's threshold: 1 if net ≥ 0, else 0. Its derivative is 0
    /// almost everywhere (and undefined at 0, taken as 0), so gradient
    /// descent gets no signal through it and stalls.
    Step,
    /// Output layer only: ŷ_j = e^(net_j) / Σ_k e^(net_k) over the layer's
    /// units, a probability per class. Applied row-wise by [`Activation::apply`];
    /// its δ comes from its pairing with softmax cross-entropy (ŷ − y).
    Softmax,
}

/// Slope of leaky ReLU for net < 0.
pub const LEAKY_SLOPE: f64 = 0.01;

impl Activation {
    /// Every activation, in the order the page lists them.
    pub const ALL: [Activation; 4] = [
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Relu,
        Activation::Linear,
    ];

    /// Every element-wise activation, including those added for the
    /// learning-dynamics lessons.
    pub const ELEMENTWISE: [Activation; 6] = [
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Linear,
        Activation::Step,
    ];

    /// Every activation: the element-wise ones, then softmax (an output
    /// layer's only).
    pub const EVERY: [Activation; 7] = {
        let mut every = [Activation::Softmax; 7];
        let mut i = 0;
        while i < Self::ELEMENTWISE.len() {
            every[i] = Self::ELEMENTWISE[i];
            i += 1;
        }
        every
    };

    /// φ(net) for an element-wise activation. For softmax this is only the
    /// numerator e^net; use [`Activation::apply`] on whole layers.
    pub fn value(self, net: f64) -> f64 {
        match self {
            Activation::Sigmoid => sigmoid(net),
            Activation::Tanh => tanh(net),
            Activation::Relu => net.max(0.0),
            Activation::Linear => net,
            Activation::LeakyRelu => {
                if net > 0.0 {
                    net
                } else {
                    LEAKY_SLOPE * net
                }
            }
            Activation::Step => {
                if net >= 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Softmax => net.exp(),
        }
    }

    /// φ over a layer: rows = examples, columns = units. Softmax normalises
    /// each row (after subtracting its maximum, so e^net cannot overflow).
    pub fn apply(self, net: &DMatrix<f64>) -> DMatrix<f64> {
        if self != Activation::Softmax {
            return net.map(|z| self.value(z));
        }
        let mut out = net.clone();
        for mut row in out.row_iter_mut() {
            let max = row.max();
            row.apply(|z| *z = (*z - max).exp());
            let sum = row.sum();
            row /= sum;
        }
        out
    }

    /// φ over a layer in place (net becomes o), for pictures only: tanh and
    /// sigmoid come from [`PictureTanh`], within 10⁻¹⁰ of the exact values
    /// and several times cheaper; the others are exact. Training never uses it.
    pub fn apply_for_pictures(self, net: &mut DMatrix<f64>, table: &PictureTanh) {
        let values = net.as_mut_slice();
        match self {
            Activation::Tanh => values.iter_mut().for_each(|z| *z = table.tanh(*z)),
            // σ(x) = ½(1 + tanh(x/2)).
            Activation::Sigmoid => values
                .iter_mut()
                .for_each(|z| *z = 0.5 + 0.5 * table.tanh(0.5 * *z)),
            Activation::Softmax => *net = self.apply(net),
            other => values.iter_mut().for_each(|z| *z = other.value(*z)),
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
            Activation::LeakyRelu => {
                if net > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE
                }
            }
            Activation::Step => 0.0,
            // The diagonal of softmax's Jacobian; the output δ uses the exact
            // pairing with cross-entropy instead (see `Loss::output_deltas`).
            Activation::Softmax => out * (1.0 - out),
        }
    }

    /// The range of φ, used to colour a node's heatmap: (low, high).
    pub fn display_range(self) -> (f64, f64) {
        match self {
            Activation::Sigmoid | Activation::Step | Activation::Softmax => (0.0, 1.0),
            Activation::Tanh | Activation::Relu | Activation::LeakyRelu | Activation::Linear => {
                (-1.0, 1.0)
            }
        }
    }

    /// The name used in configs and links.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::Linear => "linear",
            Activation::LeakyRelu => "leakyRelu",
            Activation::Step => "step",
            Activation::Softmax => "softmax",
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

/// tanh for pictures: a table of cubic pieces over [0, 20] (Hermite
/// interpolation of tanh and its derivative 1 − tanh² at 4096 knots), odd
/// symmetry for negative arguments, ±1 beyond 20. Within 10⁻¹⁰ of [`tanh`]
/// with no exponential and no division: a heatmap evaluates φ for every node
/// at every grid cell, 480 000 times a frame for a 6 × 8 network.
#[derive(Debug, Clone)]
pub struct PictureTanh {
    /// Per piece k the coefficients c₀…c₃ of c₀ + c₁t + c₂t² + c₃t³, t ∈ [0, 1).
    pieces: Vec<[f64; 4]>,
}

impl PictureTanh {
    const PIECES: usize = 4096;
    const END: f64 = 20.0;

    pub fn new() -> Self {
        let h = Self::END / Self::PIECES as f64;
        let pieces = (0..Self::PIECES)
            .map(|k| {
                let (y0, y1) = (tanh(k as f64 * h), tanh((k + 1) as f64 * h));
                // Slopes in t: h·tanh′ = h(1 − tanh²).
                let (d0, d1) = (h * (1.0 - y0 * y0), h * (1.0 - y1 * y1));
                [
                    y0,
                    d0,
                    3.0 * (y1 - y0) - 2.0 * d0 - d1,
                    2.0 * (y0 - y1) + d0 + d1,
                ]
            })
            .collect();
        PictureTanh { pieces }
    }

    /// tanh(x) within 10⁻¹⁰ (NaN stays NaN).
    pub fn tanh(&self, x: f64) -> f64 {
        if x.is_nan() {
            return x;
        }
        let u = x.abs() * (Self::PIECES as f64 / Self::END);
        if u >= Self::PIECES as f64 {
            return 1.0_f64.copysign(x);
        }
        let k = u as usize;
        let t = u - k as f64;
        let [c0, c1, c2, c3] = self.pieces[k];
        (c0 + t * (c1 + t * (c2 + t * c3))).copysign(x)
    }
}

/// The one table every picture shares, built on first use.
pub fn picture_tanh() -> &'static PictureTanh {
    static TABLE: std::sync::OnceLock<PictureTanh> = std::sync::OnceLock::new();
    TABLE.get_or_init(PictureTanh::new)
}

impl Default for PictureTanh {
    fn default() -> Self {
        Self::new()
    }
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
    fn the_pictures_tanh_is_within_1e_10_of_the_exact_one() {
        let table = PictureTanh::new();
        let mut x = -25.0;
        let mut worst: f64 = 0.0;
        while x < 25.0 {
            worst = worst.max((table.tanh(x) - tanh(x)).abs());
            x += 0.000_37;
        }
        assert!(worst < 1e-10, "worst error {worst}");
        assert_eq!(table.tanh(0.0), 0.0);
        assert_eq!(table.tanh(30.0), 1.0);
        assert_eq!(table.tanh(f64::NEG_INFINITY), -1.0);
        assert!(table.tanh(f64::NAN).is_nan());
        // In place over a layer, sigmoid through tanh(x/2).
        let mut net = DMatrix::from_row_slice(1, 3, &[-3.0, 0.25, 40.0]);
        Activation::Sigmoid.apply_for_pictures(&mut net, &table);
        for (got, x) in net.iter().zip([-3.0, 0.25, 40.0]) {
            assert!((got - sigmoid(x)).abs() < 1e-10, "σ({x}) = {got}");
        }
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
    fn softmax_rows_are_probabilities_and_survive_large_nets() {
        let net = DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 1000.0, 0.0, -1000.0]);
        let out = Activation::Softmax.apply(&net);
        for row in out.row_iter() {
            assert!((row.sum() - 1.0).abs() < 1e-15);
        }
        // e^1 : e^2 : e^3, normalised.
        let z = 1f64.exp() + 2f64.exp() + 3f64.exp();
        assert!((out[(0, 2)] - 3f64.exp() / z).abs() < 1e-15);
        assert_eq!(out[(1, 0)], 1.0);
    }

    #[test]
    fn step_is_the_perceptron_threshold_with_no_gradient() {
        assert_eq!(Activation::Step.value(-0.1), 0.0);
        assert_eq!(Activation::Step.value(0.0), 1.0);
        assert_eq!(Activation::Step.derivative(0.3, 1.0), 0.0);
    }

    #[test]
    fn derivatives_match_finite_differences() {
        for act in Activation::ELEMENTWISE
            .into_iter()
            .filter(|&a| a != Activation::Step)
        {
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
