//! e^x for training's tanh and σ, written out so that every platform gets
//! the same bits: the wasm and a native test run the same operations in the
//! same order (no platform `exp`, no fused multiply-add), and the wasm's
//! f64x2 path (`simd::exp_pair`) repeats them lane by lane.
//!
//! The method is the classic table-driven one: x = (k/N)·ln 2 + r with k
//! the integer nearest to x·N/ln 2 and N = [`STEPS`], so |r| ≤ ln 2/(2N);
//! e^x = 2^(k div N) · 2^((k mod N)/N) · e^r, the middle factor read from a
//! table of N values and e^r − 1 from its Taylor polynomial of degree 5
//! (the first omitted term, r⁶/6!, is below 10⁻¹⁸). The result is within
//! about one ulp of e^x (the test measures it); no division, which is what
//! makes it quick.

/// N: the table's entries per doubling.
pub(super) const STEPS: i64 = 128;

/// N/ln 2.
pub(super) const INV_STEP: f64 = f64::from_bits(0x4067_1547_652B_82FE);
/// ln 2/N in two parts: the first keeps 33 significant bits, so k·STEP_HI
/// is exact for |k| < 2²⁰ (every k here is below 2¹⁸).
pub(super) const STEP_HI: f64 = f64::from_bits(0x3F76_2E42_FEF0_0000);
pub(super) const STEP_LO: f64 = f64::from_bits(0x3D64_73DE_6AF2_78ED);

/// 1.5·2⁵²: added to a value of magnitude below 2⁵¹, the sum is that value
/// rounded to the nearest integer (ties to even), held in the low bits.
pub(super) const SHIFT: f64 = 6_755_399_441_055_744.0;

/// 1/2!, 1/3!, 1/4!, 1/5!: e^r − 1 = r + r²(C₀ + r·C₁ + r²(C₂ + r·C₃)).
pub(super) const C: [f64; 4] = [0.5, 1.0 / 6.0, 1.0 / 24.0, 1.0 / 120.0];

/// 2^(j/N) for j = 0 … N − 1, each the f64 nearest the exact value (the bit
/// patterns were computed by us with Python's `decimal` at 60 digits, as
/// `float(Decimal(2).ln() * j / 128).exp())`; the test below checks each
/// against the platform's `exp2`).
#[rustfmt::skip]
pub(super) const TWO_TO_J_OVER_N: [u64; STEPS as usize] = [
    0x3FF0000000000000, 0x3FF0163DA9FB3335, 0x3FF02C9A3E778061, 0x3FF04315E86E7F85,
    0x3FF059B0D3158574, 0x3FF0706B29DDF6DE, 0x3FF0874518759BC8, 0x3FF09E3ECAC6F383,
    0x3FF0B5586CF9890F, 0x3FF0CC922B7247F7, 0x3FF0E3EC32D3D1A2, 0x3FF0FB66AFFED31B,
    0x3FF11301D0125B51, 0x3FF12ABDC06C31CC, 0x3FF1429AAEA92DE0, 0x3FF15A98C8A58E51,
    0x3FF172B83C7D517B, 0x3FF18AF9388C8DEA, 0x3FF1A35BEB6FCB75, 0x3FF1BBE084045CD4,
    0x3FF1D4873168B9AA, 0x3FF1ED5022FCD91D, 0x3FF2063B88628CD6, 0x3FF21F49917DDC96,
    0x3FF2387A6E756238, 0x3FF251CE4FB2A63F, 0x3FF26B4565E27CDD, 0x3FF284DFE1F56381,
    0x3FF29E9DF51FDEE1, 0x3FF2B87FD0DAD990, 0x3FF2D285A6E4030B, 0x3FF2ECAFA93E2F56,
    0x3FF306FE0A31B715, 0x3FF32170FC4CD831, 0x3FF33C08B26416FF, 0x3FF356C55F929FF1,
    0x3FF371A7373AA9CB, 0x3FF38CAE6D05D866, 0x3FF3A7DB34E59FF7, 0x3FF3C32DC313A8E5,
    0x3FF3DEA64C123422, 0x3FF3FA4504AC801C, 0x3FF4160A21F72E2A, 0x3FF431F5D950A897,
    0x3FF44E086061892D, 0x3FF46A41ED1D0057, 0x3FF486A2B5C13CD0, 0x3FF4A32AF0D7D3DE,
    0x3FF4BFDAD5362A27, 0x3FF4DCB299FDDD0D, 0x3FF4F9B2769D2CA7, 0x3FF516DAA2CF6642,
    0x3FF5342B569D4F82, 0x3FF551A4CA5D920F, 0x3FF56F4736B527DA, 0x3FF58D12D497C7FD,
    0x3FF5AB07DD485429, 0x3FF5C9268A5946B7, 0x3FF5E76F15AD2148, 0x3FF605E1B976DC09,
    0x3FF6247EB03A5585, 0x3FF6434634CCC320, 0x3FF6623882552225, 0x3FF68155D44CA973,
    0x3FF6A09E667F3BCD, 0x3FF6C012750BDABF, 0x3FF6DFB23C651A2F, 0x3FF6FF7DF9519484,
    0x3FF71F75E8EC5F74, 0x3FF73F9A48A58174, 0x3FF75FEB564267C9, 0x3FF780694FDE5D3F,
    0x3FF7A11473EB0187, 0x3FF7C1ED0130C132, 0x3FF7E2F336CF4E62, 0x3FF80427543E1A12,
    0x3FF82589994CCE13, 0x3FF8471A4623C7AD, 0x3FF868D99B4492ED, 0x3FF88AC7D98A6699,
    0x3FF8ACE5422AA0DB, 0x3FF8CF3216B5448C, 0x3FF8F1AE99157736, 0x3FF9145B0B91FFC6,
    0x3FF93737B0CDC5E5, 0x3FF95A44CBC8520F, 0x3FF97D829FDE4E50, 0x3FF9A0F170CA07BA,
    0x3FF9C49182A3F090, 0x3FF9E86319E32323, 0x3FFA0C667B5DE565, 0x3FFA309BEC4A2D33,
    0x3FFA5503B23E255D, 0x3FFA799E1330B358, 0x3FFA9E6B5579FDBF, 0x3FFAC36BBFD3F37A,
    0x3FFAE89F995AD3AD, 0x3FFB0E07298DB666, 0x3FFB33A2B84F15FB, 0x3FFB59728DE5593A,
    0x3FFB7F76F2FB5E47, 0x3FFBA5B030A1064A, 0x3FFBCC1E904BC1D2, 0x3FFBF2C25BD71E09,
    0x3FFC199BDD85529C, 0x3FFC40AB5FFFD07A, 0x3FFC67F12E57D14B, 0x3FFC8F6D9406E7B5,
    0x3FFCB720DCEF9069, 0x3FFCDF0B555DC3FA, 0x3FFD072D4A07897C, 0x3FFD2F87080D89F2,
    0x3FFD5818DCFBA487, 0x3FFD80E316C98398, 0x3FFDA9E603DB3285, 0x3FFDD321F301B460,
    0x3FFDFC97337B9B5F, 0x3FFE264614F5A129, 0x3FFE502EE78B3FF6, 0x3FFE7A51FBC74C83,
    0x3FFEA4AFA2A490DA, 0x3FFECF482D8E67F1, 0x3FFEFA1BEE615A27, 0x3FFF252B376BBA97,
    0x3FFF50765B6E4540, 0x3FFF7BFDAD9CBE14, 0x3FFFA7C1819E90D8, 0x3FFFD3C22B8F71F1,
];

/// The lowest x whose e^x [`exp_normal`] takes: below it (−708.396…) e^x
/// is not a normal number.
pub(super) const NORMAL_FLOOR: f64 = -708.0;
/// The highest x [`exp_normal`] takes (e^709.78… overflows).
pub(super) const NORMAL_CEILING: f64 = 709.0;

/// e^x for [`NORMAL_FLOOR`] ≤ x ≤ [`NORMAL_CEILING`] (the caller makes sure:
/// outside, the scaling below wraps round).
#[inline(always)]
pub(super) fn exp_normal(x: f64) -> f64 {
    debug_assert!(
        (NORMAL_FLOOR..=NORMAL_CEILING).contains(&x) || x.is_nan(),
        "e^{x} is not normal"
    );
    let shifted = x * INV_STEP + SHIFT;
    let k = shifted - SHIFT;
    let k_int = shifted.to_bits().wrapping_sub(SHIFT.to_bits()) as i64;
    let r = (x - k * STEP_HI) - k * STEP_LO;
    let p = r + r * r * ((C[0] + r * C[1]) + r * r * (C[2] + r * C[3]));
    let scale = scale(k_int);
    scale + scale * p
}

/// 2^(k/N) = 2^(k div N) · 2^((k mod N)/N): the table's entry, with k div N
/// added to its exponent (k mod N from the low bits and k div N from an
/// arithmetic shift, both right for a negative k).
#[inline(always)]
fn scale(k: i64) -> f64 {
    let j = (k & (STEPS - 1)) as usize;
    let doublings = k >> STEPS.trailing_zeros();
    f64::from_bits(TWO_TO_J_OVER_N[j].wrapping_add((doublings << 52) as u64))
}

/// e^x for x ≤ 0 (and NaN for NaN): [`exp_normal`] down to
/// [`NORMAL_FLOOR`], then (e^(x/2))² (subnormal, or 0 past −745) down to
/// twice the floor, and 0 below.
pub(super) fn exp_non_positive(x: f64) -> f64 {
    if x >= NORMAL_FLOOR || x.is_nan() {
        exp_normal(x)
    } else if x >= 2.0 * NORMAL_FLOOR {
        let half = exp_normal(0.5 * x);
        half * half
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many ulps `got` is from `want`.
    fn ulps(got: f64, want: f64) -> f64 {
        let ulp = f64::from_bits(want.to_bits() + 1) - want;
        ((got - want) / ulp).abs()
    }

    #[test]
    fn the_table_holds_two_to_the_j_over_n() {
        for (j, &bits) in TWO_TO_J_OVER_N.iter().enumerate() {
            let want = (j as f64 / STEPS as f64).exp2();
            assert!(ulps(f64::from_bits(bits), want) <= 1.0, "entry {j}");
        }
        assert_eq!(f64::from_bits(TWO_TO_J_OVER_N[0]), 1.0);
        // 2^(64/128) is √2, which IEEE square roots round correctly.
        assert_eq!(f64::from_bits(TWO_TO_J_OVER_N[64]), 2f64.sqrt());
    }

    #[test]
    fn exp_is_within_an_ulp_or_so_of_the_platforms() {
        let mut worst: f64 = 0.0;
        let mut x = NORMAL_FLOOR;
        while x <= NORMAL_CEILING {
            worst = worst.max(ulps(exp_normal(x), x.exp()));
            x += 0.000_713;
        }
        // The platform's exp is itself within about half an ulp.
        assert!(worst < 1.6, "worst {worst} ulps");
        assert_eq!(exp_normal(0.0), 1.0);
        assert_eq!(exp_normal(1.0), std::f64::consts::E);
        assert_eq!(exp_normal(std::f64::consts::LN_2), 2.0);
    }

    #[test]
    fn below_the_normal_floor_exp_fades_to_zero() {
        assert!(ulps(exp_non_positive(-709.5), (-709.5f64).exp()) < 2.0);
        assert!(exp_non_positive(-740.0) > 0.0);
        assert_eq!(exp_non_positive(-746.0), 0.0);
        assert_eq!(exp_non_positive(f64::NEG_INFINITY), 0.0);
        assert!(exp_non_positive(f64::NAN).is_nan());
    }
}
