//! tanh two values at a time in the wasm (f64x2 lanes), with the bits of
//! the scalar functions (a NaN's aside, see [`tanh_pair`]): every lane does
//! the scalar path's operations in the scalar path's order, and the
//! branches become selections or clamps.

use core::arch::wasm32::*;

use super::exp::{C, INV_STEP, NORMAL_FLOOR, SHIFT, STEPS, STEP_HI, STEP_LO, TWO_TO_J_OVER_N};
use super::{PICTURE_TANH_END, PICTURE_TANH_P, PICTURE_TANH_Q, TANH_END};

fn splat(x: f64) -> v128 {
    f64x2_splat(x)
}

/// [`super::exp::exp_normal`] in each lane, step for step: k nearest to
/// x·N/ln 2, r = (x − k·STEP_HI) − k·STEP_LO, e^r − 1 from the polynomial,
/// times 2^(k/N) from the table (one entry read per lane).
#[inline(always)]
fn exp_pair(x: v128) -> v128 {
    let shifted = f64x2_add(f64x2_mul(x, splat(INV_STEP)), splat(SHIFT));
    let k = f64x2_sub(shifted, splat(SHIFT));
    let k_int = i64x2_sub(shifted, splat(SHIFT));
    let r = f64x2_sub(
        f64x2_sub(x, f64x2_mul(k, splat(STEP_HI))),
        f64x2_mul(k, splat(STEP_LO)),
    );
    let rr = f64x2_mul(r, r);
    let low = f64x2_add(splat(C[0]), f64x2_mul(r, splat(C[1])));
    let high = f64x2_add(splat(C[2]), f64x2_mul(r, splat(C[3])));
    let p = f64x2_add(r, f64x2_mul(rr, f64x2_add(low, f64x2_mul(rr, high))));
    let entry = |k: i64| TWO_TO_J_OVER_N[(k & (STEPS - 1)) as usize];
    let table = u64x2(
        entry(i64x2_extract_lane::<0>(k_int)),
        entry(i64x2_extract_lane::<1>(k_int)),
    );
    let doublings = i64x2_shr(k_int, STEPS.trailing_zeros());
    let scale = i64x2_add(table, i64x2_shl(doublings, 52));
    f64x2_add(scale, f64x2_mul(scale, p))
}

/// [`super::sigmoid`] of two values, step for step: 1/(1 + e^(−net)) for
/// net ≥ 0, e^net/(1 + e^net) below, both through e^(−|net|). A pair with
/// NaN, or with a net below −708 (where e^net is not a normal number), takes
/// the scalar path.
#[inline(always)]
pub(super) fn sigmoid_pair(pair: &mut [f64]) {
    let net = f64x2(pair[0], pair[1]);
    let x = f64x2_neg(f64x2_abs(net));
    if !i64x2_all_true(f64x2_ge(x, splat(NORMAL_FLOOR))) {
        pair[0] = super::sigmoid(pair[0]);
        pair[1] = super::sigmoid(pair[1]);
        return;
    }
    let e = exp_pair(x);
    let above = f64x2_ge(net, splat(0.0));
    let t = f64x2_div(
        v128_bitselect(splat(1.0), e, above),
        f64x2_add(splat(1.0), e),
    );
    pair[0] = f64x2_extract_lane::<0>(t);
    pair[1] = f64x2_extract_lane::<1>(t);
}

/// [`super::tanh`] of two values: 1 − 2/(e^(2|x|) + 1). Past [`TANH_END`]
/// the scalar path's 1 is what the formula gives at TANH_END itself
/// (2/(e⁴⁰ + 1) is below half an ulp of 1), so 2|x| is clamped there
/// (pmin, which lets NaN through) instead of selected after. The result
/// before its sign is never negative (e^(2|x|) ≥ 1), so x's sign bit is
/// simply or-ed in. A NaN goes through the arithmetic to a NaN, not
/// necessarily with x's own bits as the scalar path gives: no run goes on
/// past a NaN (training stops at the first non-finite loss), so its bits
/// never reach a result.
#[inline(always)]
pub(super) fn tanh_pair(pair: &mut [f64]) {
    let x = f64x2(pair[0], pair[1]);
    let sign = splat(-0.0);
    let y = f64x2_mul(splat(2.0), v128_andnot(x, sign));
    let e = exp_pair(f64x2_pmin(y, splat(TANH_END)));
    let t = f64x2_sub(splat(1.0), f64x2_div(splat(2.0), f64x2_add(e, splat(1.0))));
    let t = v128_or(t, v128_and(x, sign));
    pair[0] = f64x2_extract_lane::<0>(t);
    pair[1] = f64x2_extract_lane::<1>(t);
}

/// [`super::picture_tanh`] of `values` two at a time, step for step; the
/// odd last value (for the caller's scalar path) is returned.
pub(super) fn picture_tanh_pairs(values: &mut [f64]) -> &mut [f64] {
    let mut groups = values.chunks_exact_mut(2 * PICTURE_PAIRS);
    for group in &mut groups {
        picture_tanh_lanes::<PICTURE_PAIRS>(group);
    }
    let mut pairs = groups.into_remainder().chunks_exact_mut(2);
    for two in &mut pairs {
        picture_tanh_lanes::<1>(two);
    }
    pairs.into_remainder()
}

/// Pairs per turn of [`picture_tanh_pairs`]'s loop, each constant made once
/// for them all.
const PICTURE_PAIRS: usize = 4;

/// [`super::picture_tanh`] of the 2·N values, N f64x2 at a time: clamped
/// (pmin, pmax), P and Q in Estrin's form, one division.
#[inline(always)]
fn picture_tanh_lanes<const N: usize>(values: &mut [f64]) {
    let (high, low) = (splat(PICTURE_TANH_END), splat(-PICTURE_TANH_END));
    let [p0, p1, p2] = PICTURE_TANH_P.map(splat);
    let [q0, q1, q2, q3] = PICTURE_TANH_Q.map(splat);
    let (add, mul) = (f64x2_add, f64x2_mul);
    for i in 0..N {
        let x = f64x2(values[2 * i], values[2 * i + 1]);
        let c = f64x2_pmax(f64x2_pmin(x, high), low);
        let u = mul(c, c);
        let uu = mul(u, u);
        let p = add(add(p0, mul(p1, u)), mul(uu, p2));
        let q = add(add(q0, mul(q1, u)), mul(uu, add(q2, mul(q3, u))));
        let t = f64x2_div(mul(c, p), q);
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
