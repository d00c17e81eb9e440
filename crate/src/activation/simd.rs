//! tanh two values at a time in the wasm (f64x2 lanes), with the bits of
//! the scalar functions: every lane does the scalar path's operations in the
//! scalar path's order, and the branches become selections.

use core::arch::wasm32::*;

use super::{PICTURE_TANH_END, PICTURE_TANH_P, PICTURE_TANH_Q, ROUNDING};

/// fdlibm's exp (FreeBSD e_exp.c, Rust's libm: what `f64::exp` is in the
/// wasm) reduces x = k·ln 2 + r and approximates e^r by a rational function
/// whose polynomial has these coefficients (the source's P1 … P5).
const P: [f64; 5] = [
    f64::from_bits(0x3FC5_5555_5555_553E),
    f64::from_bits(0xBF66_C16C_16BE_BD93),
    f64::from_bits(0x3F11_566A_AF25_DE2C),
    f64::from_bits(0xBEBB_BD41_C5D2_6BF1),
    f64::from_bits(0x3E66_3769_72BE_A4D0),
];
/// ln 2 in two parts (fdlibm's): the first has trailing zero bits, so
/// k·LN2_HI is exact for the k here.
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
/// 1/ln 2 as fdlibm writes it.
const INV_LN2: f64 = f64::from_bits(0x3FF7_1547_652B_82FE);
/// 2|x| past which tanh is 1 in f64 (2/(e⁴⁰ + 1) < 2⁻⁵³).
const TANH_END: f64 = 40.0;

fn splat(x: f64) -> v128 {
    f64x2_splat(x)
}

/// e^y for 0 ≤ y ≤ [`TANH_END`] in each lane, fdlibm's steps: k = 0
/// below ½ ln 2 (and e^y = 1 + y below 2⁻²⁸), k = 1 below 1.5 ln 2, else
/// k = ⌊y/ln 2 + ½⌋; r = (y − k·ln2_hi) − k·ln2_lo; c = r − r²(P1 + r²(P2 + …));
/// e^r = 1 + ((r·c/(2 − c) − lo) + hi); times 2^k. The thresholds are
/// fdlibm's tests of the high word of y.
fn exp_pair(y: v128) -> v128 {
    let [beyond_half, beyond_one_and_half, tiny] = exp_branches(y);
    let rounded = f64x2_trunc(f64x2_add(f64x2_mul(splat(INV_LN2), y), splat(0.5)));
    let k = v128_bitselect(
        rounded,
        v128_and(splat(1.0), beyond_half),
        beyond_one_and_half,
    );
    v128_bitselect(f64x2_add(splat(1.0), y), exp_reduced(y, k), tiny)
}

/// e^x for −708 ≤ x ≤ 0 in each lane (e^x normal, scaled by 2^k with
/// k ≥ −1021), fdlibm's steps for a negative x: k = 0 below ½ ln 2 (and
/// e^x = 1 + x below 2⁻²⁸), k = −1 below 1.5 ln 2, else k = the integer
/// part of x/ln 2 − ½; then as [`exp_pair`].
fn exp_negative_pair(x: v128) -> v128 {
    let [beyond_half, beyond_one_and_half, tiny] = exp_branches(f64x2_abs(x));
    let rounded = f64x2_trunc(f64x2_sub(f64x2_mul(splat(INV_LN2), x), splat(0.5)));
    let k = v128_bitselect(
        rounded,
        v128_and(splat(-1.0), beyond_half),
        beyond_one_and_half,
    );
    v128_bitselect(f64x2_add(splat(1.0), x), exp_reduced(x, k), tiny)
}

/// Which of fdlibm's branches each lane of |x| takes: beyond ½ ln 2, beyond
/// 1.5 ln 2, and so small that e^x = 1 + x (its tests of the high word).
#[inline(always)]
fn exp_branches(a: v128) -> [v128; 3] {
    let threshold = |high: u64| splat(f64::from_bits(high << 32));
    [
        f64x2_ge(a, threshold(0x3fd6_2e43)),
        f64x2_ge(a, threshold(0x3ff0_a2b2)),
        f64x2_lt(a, threshold(0x3e30_0001)),
    ]
}

/// fdlibm's e^x once k is known: r = (x − k·ln2_hi) − k·ln2_lo,
/// c = r − r²(P1 + r²(P2 + …)), e^r = 1 + ((r·c/(2 − c) − lo) + hi), times
/// 2^k by adding k to the exponent's bits (the result must be normal).
#[inline(always)]
fn exp_reduced(x: v128, k: v128) -> v128 {
    let hi = f64x2_sub(x, f64x2_mul(k, splat(LN2_HI)));
    let lo = f64x2_mul(k, splat(LN2_LO));
    let r = f64x2_sub(hi, lo);
    let rr = f64x2_mul(r, r);
    let mut poly = splat(P[4]);
    for &p in P[..4].iter().rev() {
        poly = f64x2_add(splat(p), f64x2_mul(rr, poly));
    }
    let c = f64x2_sub(r, f64x2_mul(rr, poly));
    let quotient = f64x2_div(f64x2_mul(r, c), f64x2_sub(splat(2.0), c));
    let e = f64x2_add(splat(1.0), f64x2_add(f64x2_sub(quotient, lo), hi));
    // k an integer of at most 11 bits: its low bits, moved into the
    // exponent, scale by 2^k (a negative k wraps round, as it should).
    i64x2_add(e, i64x2_shl(f64x2_add(k, splat(ROUNDING)), 52))
}

/// [`super::sigmoid`] of two values, step for step: 1/(1 + e^(−net)) for
/// net ≥ 0, e^net/(1 + e^net) below, both through e^(−|net|). A pair with
/// NaN, or with a net below −708 (where e^net is not a normal number), takes
/// the scalar path.
#[inline(always)]
pub(super) fn sigmoid_pair(pair: &mut [f64]) {
    let net = f64x2(pair[0], pair[1]);
    let x = f64x2_neg(f64x2_abs(net));
    if !i64x2_all_true(f64x2_ge(x, splat(SIGMOID_END))) {
        pair[0] = super::sigmoid(pair[0]);
        pair[1] = super::sigmoid(pair[1]);
        return;
    }
    let e = exp_negative_pair(x);
    let above = f64x2_ge(net, splat(0.0));
    let t = f64x2_div(
        v128_bitselect(splat(1.0), e, above),
        f64x2_add(splat(1.0), e),
    );
    pair[0] = f64x2_extract_lane::<0>(t);
    pair[1] = f64x2_extract_lane::<1>(t);
}

/// −|net| below which e^(−|net|) is no longer a normal number (2⁻¹⁰²² is
/// e^−708.396…): such pairs, rare, take the scalar path.
const SIGMOID_END: f64 = -708.0;

/// The sign of x on t, or x itself where x is NaN.
fn with_sign_of(t: v128, x: v128) -> v128 {
    let sign = splat(-0.0);
    let t = v128_or(v128_andnot(t, sign), v128_and(x, sign));
    v128_bitselect(x, t, f64x2_ne(x, x))
}

/// [`super::tanh`] of two values: 1 − 2/(e^(2|x|) + 1), which is 1 once
/// 2|x| passes [`TANH_END`] (2/(e⁴⁰ + 1) is below half an ulp of 1).
#[inline(always)]
pub(super) fn tanh_pair(pair: &mut [f64]) {
    let x = f64x2(pair[0], pair[1]);
    let y = f64x2_mul(splat(2.0), f64x2_abs(x));
    let far = f64x2_gt(y, splat(TANH_END));
    let e = exp_pair(v128_andnot(y, far));
    let t = f64x2_sub(splat(1.0), f64x2_div(splat(2.0), f64x2_add(e, splat(1.0))));
    let t = with_sign_of(v128_bitselect(splat(1.0), t, far), x);
    pair[0] = f64x2_extract_lane::<0>(t);
    pair[1] = f64x2_extract_lane::<1>(t);
}

/// [`super::picture_tanh`] of `values` two at a time, step for step; the
/// odd last value (for the caller's scalar path) is returned. Four pairs go
/// through each step together: four independent chains side by side, and
/// each constant made once for the four.
pub(super) fn picture_tanh_pairs(values: &mut [f64]) -> &mut [f64] {
    let mut quads = values.chunks_exact_mut(8);
    for eight in &mut quads {
        picture_tanh_lanes::<4>(eight);
    }
    let mut pairs = quads.into_remainder().chunks_exact_mut(2);
    for two in &mut pairs {
        picture_tanh_lanes::<1>(two);
    }
    pairs.into_remainder()
}

/// [`super::picture_tanh`] of the 2·N values, N f64x2 at a time.
#[inline(always)]
fn picture_tanh_lanes<const N: usize>(values: &mut [f64]) {
    let x: [v128; N] = core::array::from_fn(|i| f64x2(values[2 * i], values[2 * i + 1]));
    let end = splat(PICTURE_TANH_END);
    let a = x.map(|x| f64x2_pmin(f64x2_abs(x), end));
    let u = a.map(|a| f64x2_mul(a, a));
    let horner = |c: &[f64]| {
        let (last, rest) = c.split_last().unwrap_or((&0.0, &[]));
        rest.iter().rev().fold([splat(*last); N], |acc, &k| {
            let k = splat(k);
            core::array::from_fn(|i| f64x2_add(k, f64x2_mul(u[i], acc[i])))
        })
    };
    let (p, q) = (horner(&PICTURE_TANH_P), horner(&PICTURE_TANH_Q));
    for i in 0..N {
        let t = with_sign_of(f64x2_div(f64x2_mul(a[i], p[i]), q[i]), x[i]);
        values[2 * i] = f64x2_extract_lane::<0>(t);
        values[2 * i + 1] = f64x2_extract_lane::<1>(t);
    }
}

/// `pair` over `values` two at a time, in place; the odd last value (for
/// the caller's scalar path) is returned.
pub(super) fn by_pairs(values: &mut [f64], pair: impl Fn(&mut [f64])) -> &mut [f64] {
    let mut pairs = values.chunks_exact_mut(2);
    for two in &mut pairs {
        pair(two);
    }
    pairs.into_remainder()
}
