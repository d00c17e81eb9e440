//! Training's φ gives the same bits natively and in the wasm: tanh and σ go
//! through our own exponential, not the platform's. This file runs twice,
//! natively (`cargo test`) and under node (the wasm tests), against the same
//! fingerprint.

use backprop_playground::activation::{sigmoid, sigmoid_in_place, tanh, tanh_in_place};
use backprop_playground::Pcg32;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

/// The fingerprint of [`fingerprint`]'s values, as both builds compute it
/// (printed by the native test when it changes; a change to φ's arithmetic
/// changes it, and with it every run a link reproduces).
const FINGERPRINT: u64 = 0x1b73_bca5_8754_1f0c;

/// Nets over the range training meets (|net| up to 50, long mantissas) and
/// beyond it, through tanh and σ one at a time and a layer at a time, folded
/// into one number by their bits.
fn fingerprint() -> u64 {
    let mut rng = Pcg32::new(2026, 12);
    let nets: Vec<f64> = (0..20_001)
        .map(|i| (rng.next_f64() - 0.5) * if i % 10 == 0 { 1600.0 } else { 100.0 })
        .collect();
    let (mut tanhs, mut sigmoids) = (nets.clone(), nets.clone());
    tanh_in_place(&mut tanhs);
    sigmoid_in_place(&mut sigmoids);
    let one_at_a_time = nets.iter().flat_map(|&z| [tanh(z), sigmoid(z)]);
    let layers = tanhs.iter().zip(&sigmoids).flat_map(|(&t, &s)| [t, s]);
    one_at_a_time.chain(layers).fold(0u64, |hash, v| {
        (hash ^ v.to_bits())
            .wrapping_mul(0x0000_0100_0000_01B3)
            .rotate_left(5)
    })
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn tanh_and_sigmoid_give_the_same_bits_natively_and_in_the_wasm() {
    let got = fingerprint();
    assert_eq!(got, FINGERPRINT, "φ's fingerprint is {got:#018x}");
}
