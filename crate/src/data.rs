//! The 2-D datasets and the input features computed from a point.
//!
//! Every dataset lives in the square [−6, 6]². The generators follow the
//! definitions TensorFlow Playground's users know (500 points for
//! classification, 1200 for regression; the same shapes and noise models),
//! drawn from our own seeded generator so a seed reproduces the data.

use std::f64::consts::{PI, TAU};

use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

use crate::rng::Pcg32;

/// Half the side of the data square: inputs lie in [−EXTENT, EXTENT]².
pub const EXTENT: f64 = 6.0;

/// Largest |x₁| or |x₂| of a custom point. The square is what the plot shows,
/// but noisy Gaussian data spill past it (the normal draw is at most 8.6 σ,
/// and σ is at most 2), and every dataset the page generates must open
/// again from its own CSV file: so custom data may lie four times as far out.
pub const CUSTOM_EXTENT: f64 = 4.0 * EXTENT;

/// Largest |label| of a custom regression point: the plane's (x₁ + x₂)/10
/// reaches ±1.8 at 50 % noise, past the ±1 of noiseless data.
pub const MAX_VALUE_LABEL: f64 = 2.0;

/// Which pattern the points follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum DatasetKind {
    /// Class 1 inside radius 2.5, class 0 in the ring from 3.5 to 5.
    Circle,
    /// Class 1 where x₁·x₂ ≥ 0, points pushed 0.3 away from the axes.
    Xor,
    /// Two Gaussian clouds centred at (2, 2) (class 1) and (−2, −2) (class 0).
    Gauss,
    /// Two interleaved spiral arms, the second turned by π.
    Spiral,
    /// Regression: y = (x₁ + x₂)/10.
    Plane,
    /// Regression: six Gaussian bumps of alternating sign.
    MultiGauss,
    /// k Gaussian clouds (3 to 5 classes) evenly spaced on a circle of radius 3.5.
    Blobs,
    /// Three interleaved spiral arms, turned by a third of a turn each (3 classes).
    Spiral3,
    /// Two interleaving half-moons (2 classes).
    Moons,
    /// A 4×4 checkerboard of 3×3 squares (2 classes).
    Checkerboard,
    /// Points a user drew or uploaded: `Config::custom_points`, with the
    /// problem given by `Config::custom_problem`.
    Custom,
}

/// What the labels of a custom dataset mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Problem {
    /// Labels are classes 0, 1, … (at most 5 classes).
    #[default]
    Classification,
    /// Labels are real values in [−1, 1].
    Regression,
}

impl DatasetKind {
    /// Every generated dataset (all but [`DatasetKind::Custom`]).
    pub const ALL: [DatasetKind; 10] = [
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gauss,
        DatasetKind::Spiral,
        DatasetKind::Moons,
        DatasetKind::Checkerboard,
        DatasetKind::Blobs,
        DatasetKind::Spiral3,
        DatasetKind::Plane,
        DatasetKind::MultiGauss,
    ];

    /// Every dataset: the generated ones, then [`DatasetKind::Custom`].
    pub const EVERY: [DatasetKind; 11] = {
        let mut every = [DatasetKind::Custom; 11];
        let mut i = 0;
        while i < Self::ALL.len() {
            every[i] = Self::ALL[i];
            i += 1;
        }
        every
    };

    /// Classification datasets have class labels 0, 1, …; regression ones a
    /// real value in [−1, 1]. A custom dataset is what its config says.
    pub fn is_classification(self) -> bool {
        !matches!(self, DatasetKind::Plane | DatasetKind::MultiGauss)
    }

    /// Number of classes of a generated dataset (`blobs` is the configured
    /// count for `Blobs`); `None` for regression. For `Custom` use
    /// `Config::class_count`, which knows the points.
    pub fn classes(self, blobs: usize) -> Option<usize> {
        match self {
            DatasetKind::Plane | DatasetKind::MultiGauss => None,
            DatasetKind::Blobs => Some(blobs),
            DatasetKind::Spiral3 => Some(3),
            _ => Some(2),
        }
    }

    /// The number of points TensorFlow Playground uses for this kind.
    pub fn default_points(self) -> usize {
        if self.is_classification() {
            500
        } else {
            1200
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DatasetKind::Circle => "circle",
            DatasetKind::Xor => "xor",
            DatasetKind::Gauss => "gauss",
            DatasetKind::Spiral => "spiral",
            DatasetKind::Plane => "plane",
            DatasetKind::MultiGauss => "multiGauss",
            DatasetKind::Blobs => "blobs",
            DatasetKind::Spiral3 => "spiral3",
            DatasetKind::Moons => "moons",
            DatasetKind::Checkerboard => "checkerboard",
            DatasetKind::Custom => "custom",
        }
    }
}

/// One example: the input point and its label (0/1, or a value in [−1, 1]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Point {
    pub x1: f64,
    pub x2: f64,
    pub label: f64,
}

/// Generates `count` points of `kind` with `noise` in [0, 0.5] (a fraction,
/// not a percentage); `classes` is used by `Blobs` only.
pub fn generate(
    kind: DatasetKind,
    count: usize,
    noise: f64,
    classes: usize,
    rng: &mut Pcg32,
) -> Vec<Point> {
    let mut points = Vec::with_capacity(count);
    let half = count / 2;
    match kind {
        DatasetKind::Circle => {
            let radius = 5.0;
            let label = |x: f64, y: f64| f64::from(u8::from(x.hypot(y) < radius * 0.5));
            let mut ring = |points: &mut Vec<Point>, n: usize, r_low: f64, r_high: f64| {
                for _ in 0..n {
                    let r = rng.uniform(r_low, r_high);
                    let angle = rng.uniform(0.0, TAU);
                    let (x, y) = (r * angle.sin(), r * angle.cos());
                    let noise_x = rng.uniform(-radius, radius) * noise;
                    let noise_y = rng.uniform(-radius, radius) * noise;
                    // The label is taken from the noisy position, so noise flips labels near the edge.
                    points.push(Point {
                        x1: x,
                        x2: y,
                        label: label(x + noise_x, y + noise_y),
                    });
                }
            };
            ring(&mut points, half, 0.0, radius * 0.5);
            ring(&mut points, count - half, radius * 0.7, radius);
        }
        DatasetKind::Xor => {
            let padding = 0.3;
            for _ in 0..count {
                let mut x = rng.uniform(-5.0, 5.0);
                x += if x > 0.0 { padding } else { -padding };
                let mut y = rng.uniform(-5.0, 5.0);
                y += if y > 0.0 { padding } else { -padding };
                let noise_x = rng.uniform(-5.0, 5.0) * noise;
                let noise_y = rng.uniform(-5.0, 5.0) * noise;
                let positive = (x + noise_x) * (y + noise_y) >= 0.0;
                points.push(Point {
                    x1: x,
                    x2: y,
                    label: f64::from(u8::from(positive)),
                });
            }
        }
        DatasetKind::Gauss => {
            // Variance grows linearly from 0.5 (no noise) to 4 (50 % noise).
            let std_dev = (0.5 + noise * 7.0).sqrt();
            for (n, centre, label) in [(half, 2.0, 1.0), (count - half, -2.0, 0.0)] {
                for _ in 0..n {
                    let x1 = rng.normal(centre, std_dev);
                    let x2 = rng.normal(centre, std_dev);
                    points.push(Point { x1, x2, label });
                }
            }
        }
        DatasetKind::Spiral => {
            for (n, turn, label) in [(half, 0.0, 1.0), (count - half, PI, 0.0)] {
                for i in 0..n {
                    let fraction = i as f64 / n as f64;
                    let r = 5.0 * fraction;
                    let t = 1.75 * TAU * fraction + turn;
                    let x1 = r * t.sin() + rng.uniform(-1.0, 1.0) * noise;
                    let x2 = r * t.cos() + rng.uniform(-1.0, 1.0) * noise;
                    points.push(Point { x1, x2, label });
                }
            }
        }
        DatasetKind::Blobs | DatasetKind::Spiral3 => {
            let k = if kind == DatasetKind::Spiral3 {
                3
            } else {
                classes.max(1)
            };
            let std_dev = (0.5 + noise * 7.0).sqrt();
            for class in 0..k {
                // The first `count % k` classes take one extra point.
                let n = count / k + usize::from(class < count % k);
                let turn = TAU * class as f64 / k as f64;
                let label = class as f64;
                for i in 0..n {
                    let (x1, x2) = if kind == DatasetKind::Blobs {
                        let (cx, cy) = (3.5 * turn.sin(), 3.5 * turn.cos());
                        (rng.normal(cx, std_dev), rng.normal(cy, std_dev))
                    } else {
                        let fraction = i as f64 / n as f64;
                        let (r, t) = (5.0 * fraction, 1.75 * TAU * fraction + turn);
                        (
                            r * t.sin() + rng.uniform(-1.0, 1.0) * noise,
                            r * t.cos() + rng.uniform(-1.0, 1.0) * noise,
                        )
                    };
                    points.push(Point { x1, x2, label });
                }
            }
        }
        DatasetKind::Moons => {
            // The unit half-moons (outer: (cos t, sin t); inner: (1 − cos t, ½ − sin t)),
            // centred and scaled by 3 to fill the square.
            let std_dev = 3.0 * noise;
            for (n, label) in [(half, 1.0), (count - half, 0.0)] {
                for _ in 0..n {
                    let t = rng.uniform(0.0, PI);
                    let (x, y) = if label == 1.0 {
                        (t.cos(), t.sin())
                    } else {
                        (1.0 - t.cos(), 0.5 - t.sin())
                    };
                    let x1 = 3.0 * (x - 0.5) + rng.normal(0.0, 1.0) * std_dev;
                    let x2 = 3.0 * (y - 0.25) + rng.normal(0.0, 1.0) * std_dev;
                    points.push(Point { x1, x2, label });
                }
            }
        }
        DatasetKind::Checkerboard => {
            for _ in 0..count {
                let x = rng.uniform(-EXTENT, EXTENT);
                let y = rng.uniform(-EXTENT, EXTENT);
                let noise_x = rng.uniform(-EXTENT, EXTENT) * noise;
                let noise_y = rng.uniform(-EXTENT, EXTENT) * noise;
                let square = |v: f64| (v / 3.0).floor() as i64;
                let even = (square(x + noise_x) + square(y + noise_y)).rem_euclid(2) == 0;
                points.push(Point {
                    x1: x,
                    x2: y,
                    label: f64::from(u8::from(even)),
                });
            }
        }
        DatasetKind::Plane | DatasetKind::MultiGauss => {
            for _ in 0..count {
                let x = rng.uniform(-EXTENT, EXTENT);
                let y = rng.uniform(-EXTENT, EXTENT);
                let noise_x = rng.uniform(-EXTENT, EXTENT) * noise;
                let noise_y = rng.uniform(-EXTENT, EXTENT) * noise;
                let (nx, ny) = (x + noise_x, y + noise_y);
                let label = if kind == DatasetKind::Plane {
                    // (x + y) from [−10, 10] mapped linearly onto [−1, 1].
                    (nx + ny) / 10.0
                } else {
                    multi_gauss_label(nx, ny)
                };
                points.push(Point {
                    x1: x,
                    x2: y,
                    label,
                });
            }
        }
        // Custom points are the user's, not generated: the run takes them
        // from its config.
        DatasetKind::Custom => {}
    }
    points
}

/// Six bumps at (±4, ±2.5) and (0, ±2.5), signs alternating; each falls
/// linearly from ±1 at its centre to 0 at distance 2; the strongest wins.
fn multi_gauss_label(x: f64, y: f64) -> f64 {
    const BUMPS: [(f64, f64, f64); 6] = [
        (-4.0, 2.5, 1.0),
        (0.0, 2.5, -1.0),
        (4.0, 2.5, 1.0),
        (-4.0, -2.5, -1.0),
        (0.0, -2.5, 1.0),
        (4.0, -2.5, -1.0),
    ];
    let mut label: f64 = 0.0;
    for (cx, cy, sign) in BUMPS {
        let strength = (1.0 - (x - cx).hypot(y - cy) / 2.0).clamp(0.0, 1.0);
        let candidate = sign * strength;
        if candidate.abs() > label.abs() {
            label = candidate;
        }
    }
    label
}

/// Which points are held out for testing: a shuffle fixed by the data seed,
/// then the first `train_count` are the training set.
pub fn split(count: usize, train_count: usize, rng: &mut Pcg32) -> Vec<bool> {
    let mut order: Vec<usize> = (0..count).collect();
    rng.shuffle(&mut order);
    let mut is_test = vec![true; count];
    for &i in order.iter().take(train_count) {
        is_test[i] = false;
    }
    is_test
}

/// An input node: a function of the point (x₁, x₂).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Feature {
    #[serde(rename = "x1")]
    X1,
    #[serde(rename = "x2")]
    X2,
    #[serde(rename = "x1Sq")]
    X1Squared,
    #[serde(rename = "x2Sq")]
    X2Squared,
    #[serde(rename = "x1x2")]
    X1TimesX2,
    #[serde(rename = "sinX1")]
    SinX1,
    #[serde(rename = "sinX2")]
    SinX2,
}

impl Feature {
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1TimesX2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    pub fn value(self, x1: f64, x2: f64) -> f64 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Squared => x1 * x1,
            Feature::X2Squared => x2 * x2,
            Feature::X1TimesX2 => x1 * x2,
            Feature::SinX1 => x1.sin(),
            Feature::SinX2 => x2.sin(),
        }
    }

    /// The name used in configs and links.
    pub fn name(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1Sq",
            Feature::X2Squared => "x2Sq",
            Feature::X1TimesX2 => "x1x2",
            Feature::SinX1 => "sinX1",
            Feature::SinX2 => "sinX2",
        }
    }

    /// The label a student reads, in the notes' notation.
    pub fn label(self) -> &'static str {
        match self {
            Feature::X1 => "x₁",
            Feature::X2 => "x₂",
            Feature::X1Squared => "x₁²",
            Feature::X2Squared => "x₂²",
            Feature::X1TimesX2 => "x₁x₂",
            Feature::SinX1 => "sin x₁",
            Feature::SinX2 => "sin x₂",
        }
    }
}

/// The input matrix for a set of points: rows = points, columns = features.
pub fn feature_matrix<'a>(
    features: &[Feature],
    points: impl ExactSizeIterator<Item = (f64, f64)> + 'a,
) -> DMatrix<f64> {
    let rows = points.len();
    let mut matrix = DMatrix::zeros(rows, features.len());
    for (r, (x1, x2)) in points.enumerate() {
        for (c, feature) in features.iter().enumerate() {
            matrix[(r, c)] = feature.value(x1, x2);
        }
    }
    matrix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(kind: DatasetKind, noise: f64) -> Vec<Point> {
        generate(
            kind,
            kind.default_points(),
            noise,
            4,
            &mut Pcg32::new(11, 1),
        )
    }

    #[test]
    fn every_dataset_has_its_count_and_stays_near_the_square() {
        for kind in DatasetKind::ALL {
            for noise in [0.0, 0.5] {
                let pts = points(kind, noise);
                assert_eq!(pts.len(), kind.default_points());
                for p in &pts {
                    // Gaussian tails may step a little outside; nothing is far out.
                    assert!(p.x1.abs() < 12.0 && p.x2.abs() < 12.0, "{kind:?} {p:?}");
                    if let Some(k) = kind.classes(4) {
                        assert!(p.label.fract() == 0.0 && (0.0..k as f64).contains(&p.label));
                    } else {
                        assert!((-1.0..=1.0).contains(&p.label) || kind == DatasetKind::Plane);
                    }
                }
            }
        }
    }

    #[test]
    fn circle_without_noise_labels_by_radius() {
        for p in points(DatasetKind::Circle, 0.0) {
            let r = p.x1.hypot(p.x2);
            if p.label == 1.0 {
                assert!(r < 2.5);
            } else {
                assert!((3.5..=5.0).contains(&r), "r = {r}");
            }
        }
    }

    #[test]
    fn xor_without_noise_labels_by_quadrant_and_keeps_off_the_axes() {
        for p in points(DatasetKind::Xor, 0.0) {
            assert!(p.x1.abs() >= 0.3 && p.x2.abs() >= 0.3);
            assert_eq!(p.label == 1.0, p.x1 * p.x2 >= 0.0);
        }
    }

    #[test]
    fn gauss_clouds_are_centred_on_plus_and_minus_two() {
        let pts = points(DatasetKind::Gauss, 0.0);
        for label in [0.0, 1.0] {
            let cloud: Vec<_> = pts.iter().filter(|p| p.label == label).collect();
            let mean = cloud.iter().map(|p| p.x1 + p.x2).sum::<f64>() / (2.0 * cloud.len() as f64);
            let expected = if label == 1.0 { 2.0 } else { -2.0 };
            assert!((mean - expected).abs() < 0.15, "label {label}: mean {mean}");
        }
    }

    #[test]
    fn spiral_arms_follow_their_formula() {
        let pts = points(DatasetKind::Spiral, 0.0);
        let n = 250;
        // Arm two, point i: r = 5i/n, t = 1.75·2π·i/n + π.
        let i = 100;
        let p = pts[n + i];
        let t = 1.75 * TAU * i as f64 / n as f64 + PI;
        let r = 5.0 * i as f64 / n as f64;
        assert!((p.x1 - r * t.sin()).abs() < 1e-12 && (p.x2 - r * t.cos()).abs() < 1e-12);
        assert_eq!(p.label, 0.0);
    }

    #[test]
    fn multi_class_datasets_balance_their_classes() {
        for (kind, k) in [(DatasetKind::Blobs, 4), (DatasetKind::Spiral3, 3)] {
            let pts = points(kind, 0.1);
            for class in 0..k {
                let n = pts.iter().filter(|p| p.label == class as f64).count();
                assert!(n.abs_diff(500 / k) <= 1, "{kind:?} class {class}: {n}");
            }
        }
    }

    #[test]
    fn checkerboard_without_noise_alternates_by_square() {
        for p in points(DatasetKind::Checkerboard, 0.0) {
            let (i, j) = ((p.x1 / 3.0).floor() as i64, (p.x2 / 3.0).floor() as i64);
            assert_eq!(p.label == 1.0, (i + j).rem_euclid(2) == 0);
        }
    }

    #[test]
    fn moons_without_noise_lie_on_their_arcs() {
        for p in points(DatasetKind::Moons, 0.0) {
            let (x, y) = (p.x1 / 3.0 + 0.5, p.x2 / 3.0 + 0.25);
            let r = if p.label == 1.0 {
                x.hypot(y)
            } else {
                (1.0 - x).hypot(0.5 - y)
            };
            assert!((r - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn plane_label_is_a_tenth_of_the_sum() {
        for p in points(DatasetKind::Plane, 0.0) {
            assert!((p.label - (p.x1 + p.x2) / 10.0).abs() < 1e-12);
        }
    }

    #[test]
    fn multi_gauss_peaks_at_its_bump_centres() {
        assert_eq!(multi_gauss_label(-4.0, 2.5), 1.0);
        assert_eq!(multi_gauss_label(0.0, 2.5), -1.0);
        assert_eq!(multi_gauss_label(0.0, -2.5), 1.0);
        assert_eq!(multi_gauss_label(6.0, 6.0), 0.0);
        assert!((multi_gauss_label(-4.0, 3.5) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn split_holds_out_the_rest() {
        let is_test = split(500, 350, &mut Pcg32::new(1, 1));
        assert_eq!(is_test.iter().filter(|&&t| !t).count(), 350);
        assert_eq!(is_test, split(500, 350, &mut Pcg32::new(1, 1)));
    }

    #[test]
    fn features_compute_their_formulas() {
        let m = feature_matrix(&Feature::ALL, [(2.0, -3.0)].into_iter());
        let expected = [2.0, -3.0, 4.0, 9.0, -6.0, 2f64.sin(), (-3f64).sin()];
        assert_eq!(m.row(0).iter().copied().collect::<Vec<_>>(), expected);
    }
}
