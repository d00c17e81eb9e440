//! The wasm SIMD kernels (f64x2, `+simd128`) against the definition, bit for
//! bit, under node: training must give the same bits in every browser as the
//! scalar path gives natively (`kernels::tests` checks that one), and the
//! tanh over a layer (training's and the pictures') the bits of its
//! one-value form.
#![cfg(target_arch = "wasm32")]

use backprop_playground::activation::{
    picture_tanh, picture_tanh_in_place, sigmoid, sigmoid_in_place, tanh, tanh_in_place,
};
use backprop_playground::kernels::{dot, mean_dots, multiply, Right, PAIRED_EXAMPLES};
use backprop_playground::Pcg32;
use wasm_bindgen_test::wasm_bindgen_test;

/// Long mantissas over six orders of magnitude, so a change of order shows.
fn values(count: usize, seed: u64) -> Vec<f64> {
    let mut rng = Pcg32::new(seed, 9);
    (0..count)
        .map(|_| (rng.next_f64() - 0.5) * 10f64.powi((rng.next_f64() * 6.0) as i32 - 3))
        .collect()
}

#[wasm_bindgen_test]
fn simd_multiply_equals_the_definition_bit_for_bit() {
    for (rows, inner, columns) in [(10, 7, 8), (10_000, 8, 8), (9, 32, 3), (1, 5, 1), (3, 1, 2)] {
        let a = values(rows * inner, 1);
        let w = values(inner * columns, 2);
        let bias = values(columns, 3);
        let mut out = vec![f64::NAN; rows * columns];
        multiply(
            &a,
            rows,
            Right::plain(&w, inner),
            columns,
            Some(&bias),
            &mut out,
        );
        let mut transposed = vec![f64::NAN; rows * columns];
        multiply(
            &a,
            rows,
            Right::transposed(&w, columns),
            columns,
            None,
            &mut transposed,
        );
        for r in 0..rows {
            for c in 0..columns {
                // In order from 0, separate multiply and add, then the bias.
                let (mut plain, mut swapped) = (0.0, 0.0);
                for t in 0..inner {
                    plain += a[r + t * rows] * w[t + c * inner];
                    swapped += a[r + t * rows] * w[c + t * columns];
                }
                plain += bias[c];
                let at = r + c * rows;
                assert_eq!(
                    out[at].to_bits(),
                    plain.to_bits(),
                    "{rows}×{inner}: ({r}, {c})"
                );
                assert_eq!(transposed[at].to_bits(), swapped.to_bits(), "ᵀ ({r}, {c})");
            }
        }
    }
}

#[wasm_bindgen_test]
fn dot_sums_as_nalgebra_did_bit_for_bit() {
    for n in [1, 8, 10, 250] {
        let (a, b) = (values(n, 5), values(n, 6));
        let (va, vb) = (
            nalgebra::DVector::from_vec(a),
            nalgebra::DVector::from_vec(b),
        );
        assert_eq!(
            dot(va.as_slice(), vb.as_slice()).to_bits(),
            va.dot(&vb).to_bits(),
            "n = {n}"
        );
    }
}

#[wasm_bindgen_test]
fn paired_mean_dots_equal_a_dot_per_weight_bit_for_bit() {
    // Batches shorter and longer than a chunk of 8 and than the pairing's
    // limit; an odd count of units, whose last goes alone.
    let limit = PAIRED_EXAMPLES;
    for examples in [0, 1, 7, 8, 10, 17, limit, limit + 1] {
        for [inputs, units] in [[7, 8], [32, 32], [3, 5], [1, 1]] {
            let (a, d) = (values(examples * inputs, 12), values(examples * units, 13));
            let n = examples.max(1) as f64;
            let mut out = vec![f64::NAN; inputs * units];
            mean_dots(&a, &d, examples, [inputs, units], n, &mut out);
            let column = |c: usize| c * examples..(c + 1) * examples;
            for j in 0..units {
                for i in 0..inputs {
                    let want = dot(&a[column(i)], &d[column(j)]) / n;
                    assert_eq!(
                        out[j * inputs + i].to_bits(),
                        want.to_bits(),
                        "{examples} examples, {inputs} × {units}: w({i}, {j})"
                    );
                }
            }
        }
    }
}

#[wasm_bindgen_test]
fn simd_sigmoid_equals_the_scalar_one_bit_for_bit() {
    // Both signs around every turn of the exponential (as for tanh), and
    // the pairs that take the scalar
    // path: past −708 (e^net not normal, down to 0 past −745), NaN, and the
    // infinities; then a wide sweep; an odd count, so the last value takes
    // the scalar path.
    let mut xs: Vec<f64> = tanh_arguments().iter().map(|x| 2.0 * x).collect();
    xs.extend([
        707.9, -707.9, 708.0, -708.0, -708.1, -708.5, -709.0, -745.0, -746.0, 745.0, 1e308, -1e308,
    ]);
    xs.extend(values(3001, 11).iter().map(|v| v * 1.5));
    let mut got = xs.clone();
    sigmoid_in_place(&mut got);
    for (x, y) in xs.iter().zip(&got) {
        let want = sigmoid(*x);
        assert!(
            y.to_bits() == want.to_bits() || (y.is_nan() && want.is_nan()),
            "σ({x}) = {y}, not {want}"
        );
    }
}

#[wasm_bindgen_test]
fn simd_picture_tanh_equals_the_scalar_one_bit_for_bit() {
    // The signed zeros, both sides of the clamp (|x| = 6.5), the extremes,
    // the infinities and NaN, then a sweep; an odd count, so the last value
    // takes the scalar path.
    let mut xs = tanh_arguments();
    xs.extend([
        0.0,
        -0.0,
        6.5,
        -6.5,
        6.499_999_999,
        -6.500_000_001,
        1e-300,
        -1e300,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
    ]);
    xs.extend(values(2001, 7).iter().map(|v| v * 0.03));
    let mut got = xs.clone();
    picture_tanh_in_place(&mut got);
    for (x, y) in xs.iter().zip(&got) {
        let want = picture_tanh(*x);
        // NaN stays NaN; which NaN the arithmetic returns is the machine's.
        assert!(
            y.to_bits() == want.to_bits() || (y.is_nan() && want.is_nan()),
            "tanh({x}) = {y}, not {want}"
        );
    }
}

/// Arguments around the turns of the exponential behind tanh (2|x| where
/// the nearest k/N steps from 0 to 1, where the table wraps round to the
/// next doubling, a tiny one, past 40 where tanh is 1, up to where e^(2|x|)
/// overflows), on both sides of
/// each, then a sweep of long mantissas.
fn tanh_arguments() -> Vec<f64> {
    let mut xs = vec![
        0.0,
        -0.0,
        1e-300,
        5e-324,
        f64::INFINITY,
        f64::NEG_INFINITY,
        709.0,
        -1e300,
        // Past 40 for 2|x|, where the wasm clamps instead of selecting.
        20.5,
        -33.0,
        354.9,
        -355.0,
    ];
    let step = std::f64::consts::LN_2 / 128.0;
    for threshold in [2f64.powi(-28), 0.5 * step, 127.5 * step, 40.0] {
        let x = threshold / 2.0;
        // The neighbouring doubles (positive x: one bit up or down).
        let (up, down) = (
            f64::from_bits(x.to_bits() + 1),
            f64::from_bits(x.to_bits() - 1),
        );
        xs.extend([x, -x, up, down, f64::from_bits(x.to_bits() + 2), -down]);
    }
    xs.extend(values(4001, 8).iter().map(|v| v * 0.01));
    xs.extend(values(2001, 9).iter().map(|v| v * 1e-6));
    xs
}

#[wasm_bindgen_test]
fn simd_tanh_equals_the_scalar_one_bit_for_bit() {
    // Training's tanh: the page's runs must not change by a bit.
    let xs = tanh_arguments();
    let mut got = xs.clone();
    tanh_in_place(&mut got);
    for (x, y) in xs.iter().zip(&got) {
        assert_eq!(y.to_bits(), tanh(*x).to_bits(), "tanh({x:e})");
    }
    // A NaN gives a NaN (its bits aside) and leaves its pair's other lane be.
    let mut nan = [f64::NAN, -f64::NAN, 0.5, f64::NAN, 1.0];
    tanh_in_place(&mut nan);
    assert!(nan[0].is_nan() && nan[1].is_nan() && nan[3].is_nan());
    assert_eq!(nan[2].to_bits(), tanh(0.5).to_bits());
    assert_eq!(nan[4].to_bits(), tanh(1.0).to_bits());
}
