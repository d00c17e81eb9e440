//! Initial weights. The notes: "if we start with all-equal weights, all
//! neurons will learn the same thing"; the usual rule is uniform in [−α, α];
//! Xavier/Glorot and He scale the range to the layer's fan-in and fan-out.

use serde::{Deserialize, Serialize};

use crate::rng::Pcg32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum InitScheme {
    /// Uniform in [−α, α].
    Uniform,
    /// Xavier/Glorot uniform: [−√(6/(fan_in + fan_out)), +√(6/(fan_in + fan_out))],
    /// keeping the variance of activations steady for tanh and sigmoid.
    Xavier,
    /// He normal: N(0, 2/fan_in), for ReLU layers, which zero half their inputs.
    He,
    /// Every weight equal to α: the units of a layer stay identical forever.
    Equal,
    /// Every weight 0: no signal, and with all-equal units, nothing to break symmetry.
    Zero,
}

impl InitScheme {
    pub const ALL: [InitScheme; 5] = [
        InitScheme::Uniform,
        InitScheme::Xavier,
        InitScheme::He,
        InitScheme::Equal,
        InitScheme::Zero,
    ];

    /// One initial weight of a layer with the given fan-in and fan-out.
    /// Uniform, Xavier and He draw from `rng`; Equal and Zero do not.
    pub fn draw(self, alpha: f64, fan_in: usize, fan_out: usize, rng: &mut Pcg32) -> f64 {
        match self {
            InitScheme::Uniform => rng.uniform(-alpha, alpha),
            InitScheme::Xavier => {
                let limit = (6.0 / (fan_in + fan_out) as f64).sqrt();
                rng.uniform(-limit, limit)
            }
            InitScheme::He => rng.normal(0.0, (2.0 / fan_in.max(1) as f64).sqrt()),
            InitScheme::Equal => alpha,
            InitScheme::Zero => 0.0,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            InitScheme::Uniform => "uniform",
            InitScheme::Xavier => "xavier",
            InitScheme::He => "he",
            InitScheme::Equal => "equal",
            InitScheme::Zero => "zero",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_draw_in_their_ranges() {
        let mut rng = Pcg32::new(1, 2);
        let limit = (6.0f64 / 10.0).sqrt();
        for _ in 0..1000 {
            assert!(InitScheme::Uniform.draw(0.3, 4, 6, &mut rng).abs() <= 0.3);
            assert!(InitScheme::Xavier.draw(0.3, 4, 6, &mut rng).abs() <= limit);
        }
        assert_eq!(InitScheme::Equal.draw(0.3, 4, 6, &mut rng), 0.3);
        assert_eq!(InitScheme::Zero.draw(0.3, 4, 6, &mut rng), 0.0);
        let he: Vec<f64> = (0..20_000)
            .map(|_| InitScheme::He.draw(0.0, 8, 8, &mut rng))
            .collect();
        let var = he.iter().map(|w| w * w).sum::<f64>() / he.len() as f64;
        assert!((var - 0.25).abs() < 0.01, "He variance {var}");
    }
}
