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
            // Not `max`, which the wasm calls as a function: the same value
            // (0 for NaN and −0 too), in one comparison.
            Activation::Relu => {
                if net > 0.0 {
                    net
                } else {
                    0.0
                }
            }
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
        let mut out = DMatrix::zeros(0, 0);
        self.apply_into(net, &mut out);
        out
    }

    /// [`Activation::apply`] into `out`, reshaped to net's shape if need be.
    pub fn apply_into(self, net: &DMatrix<f64>, out: &mut DMatrix<f64>) {
        crate::kernels::fit(out, net.nrows(), net.ncols());
        let values = out.as_mut_slice();
        match self {
            Activation::Tanh => {
                values.copy_from_slice(net.as_slice());
                tanh_in_place(values);
            }
            Activation::Sigmoid => {
                values.copy_from_slice(net.as_slice());
                sigmoid_in_place(values);
            }
            Activation::Softmax => {
                out.copy_from(net);
                for mut row in out.row_iter_mut() {
                    let max = row.max();
                    row.apply(|z| *z = (*z - max).exp());
                    let sum = row.sum();
                    row /= sum;
                }
            }
            _ => {
                for (o, &z) in values.iter_mut().zip(net.as_slice()) {
                    *o = self.value(z);
                }
            }
        }
    }

    /// φ in place (net becomes o) for an element-wise activation, for
    /// pictures only: tanh and sigmoid come from [`picture_tanh`], within
    /// [`PICTURE_TANH_ERROR`] of the exact values and several times cheaper;
    /// the others are exact. Training never uses it.
    ///
    /// # Panics
    /// For softmax, which needs a whole row: use [`Activation::apply`].
    pub fn apply_for_pictures(self, values: &mut [f64]) {
        match self {
            Activation::Tanh => picture_tanh_in_place(values),
            // σ(x) = ½(1 + tanh(x/2)).
            Activation::Sigmoid => {
                values.iter_mut().for_each(|z| *z *= 0.5);
                picture_tanh_in_place(values);
                values.iter_mut().for_each(|z| *z = 0.5 + 0.5 * *z);
            }
            Activation::Softmax => panic!("softmax is not element-wise"),
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

/// tanh through one exponential: tanh|x| = 1 − 2/(e^(2|x|) + 1), which is 1
/// once 2|x| passes [`TANH_END`] (2/(e⁴⁰ + 1) is below half an ulp of 1).
///
/// Several times quicker than the C library's `tanh` (which goes through
/// `expm1`), and within a few ulps of 1 in absolute terms: training runs it
/// for every unit of every example (pictures have [`picture_tanh`]). Its
/// exponential is our own ([`exp`]), so every platform gets the same bits.
pub fn tanh(net: f64) -> f64 {
    let y = 2.0 * net.abs();
    let t = if y <= TANH_END {
        1.0 - 2.0 / (exp::exp_normal(y) + 1.0)
    } else if y.is_nan() {
        return net;
    } else {
        1.0
    };
    t.copysign(net)
}

/// 2|x| past which tanh is 1 in f64.
const TANH_END: f64 = 40.0;

/// [`tanh`] of every value in place, with the same bits (a NaN gives a NaN,
/// its bits aside). The wasm takes two values at a time (`simd::tanh_pair`,
/// [`exp`]'s steps in f64x2 lanes).
pub fn tanh_in_place(values: &mut [f64]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    let values = simd::by_pairs(values, simd::tanh_pair);
    values.iter_mut().for_each(|z| *z = tanh(*z));
}

/// tanh for pictures: a rational function c·P(c²)/Q(c²) of x clamped to
/// ±[`PICTURE_TANH_END`], P of degree 2 and Q of degree 3 in c², in
/// Estrin's form (the halves of Q side by side, not one long chain as
/// Horner's): within [`PICTURE_TANH_ERROR`] of [`tanh`], a hundredth of a
/// heatmap's colour step (2/1024 of tanh's range), with no exponential and
/// one division, which the wasm does two values at a time. The clamped
/// value carries x's sign (and x's NaN) through, so there is no sign or NaN
/// to restore afterwards. A heatmap evaluates φ for every node at every grid
/// cell: 2.6 million times a frame for an 8 × 32 network, where the
/// division and eight multiplications per pair are what the pass waits on.
///
/// The coefficients were fitted by us to tanh on [0, 6.5] with P(0) = 1, so
/// that tanh x ≈ x near 0 (least squares on 3,000 points, each step
/// divided by the last Q and reweighted towards the largest errors until
/// they level out: Loeb's and Lawson's methods); past 6.5, tanh is within
/// 4.5·10⁻⁶ of 1. The former fit, degrees 3 and 4 on [0, 8.2], came within
/// 3.1·10⁻⁷, far closer than a picture can show, for a quarter more work.
pub fn picture_tanh(x: f64) -> f64 {
    // Clamped as the wasm's pmin and pmax compute it: NaN passes through.
    let c = if PICTURE_TANH_END < x {
        PICTURE_TANH_END
    } else {
        x
    };
    let c = if c < -PICTURE_TANH_END {
        -PICTURE_TANH_END
    } else {
        c
    };
    let [p0, p1, p2] = PICTURE_TANH_P;
    let [q0, q1, q2, q3] = PICTURE_TANH_Q;
    let u = c * c;
    let uu = u * u;
    let p = (p0 + p1 * u) + uu * p2;
    let q = (q0 + q1 * u) + uu * (q2 + q3 * u);
    c * p / q
}

/// How far [`picture_tanh`] may be from tanh (its worst is 1.7·10⁻⁵).
pub const PICTURE_TANH_ERROR: f64 = 2e-5;
/// |x| past which [`picture_tanh`] is its value at this point.
const PICTURE_TANH_END: f64 = 6.5;
/// P(u) = Σ pᵢuⁱ and Q(u) = Σ qᵢuⁱ.
const PICTURE_TANH_P: [f64; 3] = [1.0, 0.113_894_792_801_155_69, 0.001_454_467_862_438_175_4];
const PICTURE_TANH_Q: [f64; 4] = [
    1.0,
    0.447_161_615_710_001_7,
    0.017_256_248_484_999_046,
    5.249_710_317_913_702e-5,
];

/// [`picture_tanh`] of every value in place, with the same bits (two values
/// per f64x2 in the wasm).
pub fn picture_tanh_in_place(values: &mut [f64]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    let values = simd::picture_tanh_pairs(values);
    values.iter_mut().for_each(|z| *z = picture_tanh(*z));
}

mod exp;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd;

/// [`sigmoid`] of every value in place, with the same bits (two values per
/// f64x2 in the wasm).
pub fn sigmoid_in_place(values: &mut [f64]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    let values = simd::by_pairs(values, simd::sigmoid_pair);
    values.iter_mut().for_each(|z| *z = sigmoid(*z));
}

/// The logistic function through e^(−|net|), which never overflows:
/// 1/(1 + e^(−net)) for net ≥ 0, e^net/(1 + e^net) below. Its exponential
/// is our own ([`exp`]), so every platform gets the same bits.
pub fn sigmoid(net: f64) -> f64 {
    let e = exp::exp_non_positive(-net.abs());
    if net >= 0.0 {
        1.0 / (1.0 + e)
    } else {
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
    fn the_pictures_tanh_is_within_its_bound_of_the_exact_one() {
        let mut x = -25.0;
        let mut worst: f64 = 0.0;
        while x < 25.0 {
            worst = worst.max((picture_tanh(x) - tanh(x)).abs());
            x += 0.000_37;
        }
        assert!(worst < PICTURE_TANH_ERROR, "worst error {worst}");
        // The bound is not loose: a tenth of it would be wrong.
        assert!(worst > PICTURE_TANH_ERROR / 10.0, "worst error {worst}");
        assert_eq!(picture_tanh(0.0), 0.0);
        assert_eq!(picture_tanh(-0.0).to_bits(), (-0.0f64).to_bits());
        for far in [30.0, 1e300, f64::INFINITY] {
            assert!((picture_tanh(far) - 1.0).abs() < PICTURE_TANH_ERROR);
            assert_eq!(picture_tanh(-far), -picture_tanh(far));
        }
        assert!(picture_tanh(f64::NAN).is_nan());
        // Tiny arguments: tanh x ≈ x, within the relative bound too.
        assert!((picture_tanh(1e-9) - 1e-9).abs() < 1e-15);
        // In place over a layer, sigmoid through tanh(x/2).
        let mut net = [-3.0, 0.25, 40.0];
        Activation::Sigmoid.apply_for_pictures(&mut net);
        for (got, x) in net.iter().zip([-3.0, 0.25, 40.0]) {
            assert!(
                (got - sigmoid(x)).abs() < PICTURE_TANH_ERROR,
                "σ({x}) = {got}"
            );
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
