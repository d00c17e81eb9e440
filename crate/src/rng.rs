//! The run's only source of randomness.
//!
//! PCG32 (O'Neill 2014, "PCG-XSH-RR 64/32") is a named, published algorithm
//! whose output for a given seed never changes, unlike `StdRng`/`SmallRng`
//! whose algorithm may change between `rand` releases. A shared link carries
//! the seeds, so the same link must produce the same data, the same initial
//! weights and the same shuffles forever.
//!
//! Each use (data, initial weights, training order, dropout masks) draws
//! from its own *stream* of the same seed, so that regenerating the data does
//! not change the initial weights, and vice versa, and so that the training
//! order does not depend on whether dropout is on (a race's lanes share it).

/// PCG32 generator: 64-bit LCG state, 32-bit output with a random rotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pcg32 {
    state: u64,
    increment: u64,
}

/// Stream numbers: one per use of randomness, fixed forever.
pub mod stream {
    /// Generating the dataset's points and their train/test split.
    pub const DATA: u64 = 1;
    /// Drawing the initial weights.
    pub const INIT: u64 = 2;
    /// Shuffling the training set each epoch, and augmenting its points.
    pub const TRAIN: u64 = 3;
    /// The seeds of random restarts (`search::restart_seeds`).
    pub const RESTARTS: u64 = 4;
    /// Dealing the training set into cross-validation folds.
    pub const FOLDS: u64 = 5;
    /// The random directions of the loss surface (`surface::Plane::random`).
    pub const SURFACE: u64 = 6;
    /// Dropout masks: apart from the training order, so that turning dropout
    /// on or changing its rates leaves the order of the examples as it was
    /// (`race.rs`: lanes differing in dropout see the examples in one order).
    /// Until stream 7 the masks came from stream 3, between the shuffles.
    pub const DROPOUT: u64 = 7;
}

const MULTIPLIER: u64 = 6_364_136_223_846_793_005;

impl Pcg32 {
    /// Seeds a generator exactly as the reference `pcg32_srandom_r(seed, stream)`.
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut rng = Pcg32 {
            state: 0,
            increment: (stream << 1) | 1,
        };
        rng.next_u32();
        rng.state = rng.state.wrapping_add(seed);
        rng.next_u32();
        rng
    }

    /// The next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        let old = self.state;
        self.state = old.wrapping_mul(MULTIPLIER).wrapping_add(self.increment);
        // Truncation to the low 32 bits is the algorithm's definition.
        let xorshifted = (((old >> 18) ^ old) >> 27) as u32;
        let rotation = (old >> 59) as u32;
        xorshifted.rotate_right(rotation)
    }

    /// A uniform f64 in [0, 1) with 53 random bits (two outputs).
    pub fn next_f64(&mut self) -> f64 {
        let high = u64::from(self.next_u32()) << 21;
        let low = u64::from(self.next_u32()) >> 11;
        ((high | low) as f64) * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform f64 in [low, high).
    pub fn uniform(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.next_f64()
    }

    /// A normal deviate with the given mean and standard deviation
    /// (Box–Muller; one of the pair is used so each call draws exactly two f64s).
    pub fn normal(&mut self, mean: f64, std_dev: f64) -> f64 {
        // 1 − u lies in (0, 1], so the logarithm is finite.
        let u1 = 1.0 - self.next_f64();
        let u2 = self.next_f64();
        let radius = (-2.0 * u1.ln()).sqrt();
        mean + std_dev * radius * (std::f64::consts::TAU * u2).cos()
    }

    /// A uniform integer in [0, bound), without modulo bias (rejection, as in
    /// the reference `pcg32_boundedrand_r`). `bound` must be positive.
    pub fn below(&mut self, bound: u32) -> u32 {
        debug_assert!(bound > 0, "below(0) has no valid result");
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let r = self.next_u32();
            if r >= threshold {
                return r % bound;
            }
        }
    }

    /// Fisher–Yates shuffle in place.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            // Datasets are far smaller than u32::MAX.
            let j = self.below((i + 1) as u32) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Golden values from the reference implementation's demo program
    /// (pcg-c `pcg32-demo`, seeded with `pcg32_srandom_r(&rng, 42u, 54u)`).
    #[test]
    fn matches_the_reference_pcg32_stream() {
        let mut rng = Pcg32::new(42, 54);
        let got: Vec<u32> = (0..6).map(|_| rng.next_u32()).collect();
        assert_eq!(
            got,
            [0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e]
        );
    }

    #[test]
    fn streams_of_one_seed_differ() {
        let mut a = Pcg32::new(7, stream::DATA);
        let mut b = Pcg32::new(7, stream::INIT);
        assert_ne!(a.next_u32(), b.next_u32());
    }

    #[test]
    fn floats_lie_in_range_and_average_one_half() {
        let mut rng = Pcg32::new(1, 1);
        let n = 20_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let x = rng.next_f64();
            assert!((0.0..1.0).contains(&x));
            sum += x;
        }
        let mean = sum / f64::from(n);
        assert!((mean - 0.5).abs() < 0.01, "mean {mean}");
    }

    #[test]
    fn normal_has_the_requested_moments() {
        let mut rng = Pcg32::new(3, 1);
        let n = 40_000;
        let xs: Vec<f64> = (0..n).map(|_| rng.normal(2.0, 3.0)).collect();
        let mean = xs.iter().sum::<f64>() / f64::from(n);
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / f64::from(n);
        assert!((mean - 2.0).abs() < 0.05, "mean {mean}");
        assert!((var.sqrt() - 3.0).abs() < 0.05, "sd {}", var.sqrt());
    }

    #[test]
    fn shuffle_is_a_permutation_fixed_by_the_seed() {
        let mut a: Vec<usize> = (0..100).collect();
        let mut b = a.clone();
        Pcg32::new(9, 3).shuffle(&mut a);
        Pcg32::new(9, 3).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..100).collect::<Vec<_>>());
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn below_stays_below_its_bound() {
        let mut rng = Pcg32::new(5, 5);
        let mut seen = [false; 7];
        for _ in 0..1000 {
            let k = rng.below(7) as usize;
            seen[k] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }
}
