//! The loss surface under the descent: the training loss L over a plane of
//! weight space through the run's current weights θ,
//!
//! f(u, v) = L(θ + u·d₁ + v·d₂),
//!
//! spanned by two directions: two of the network's own weights (d = a unit
//! vector, so u and v are how far each weight moves), or two random
//! directions for the whole network, "filter-normalised" as in Li et al.,
//! *Visualizing the Loss Landscape of Neural Nets* (NeurIPS 2018): each
//! unit's incoming weights w_·j get a Gaussian direction rescaled to the norm
//! of w_·j, so every unit moves in proportion to its own size, and biases do
//! not move. The random directions come from the seeded generator's own
//! stream, so a link reproduces them.
//!
//! Weights are in the links' flat order ([`crate::link::flat_weights`]). The
//! run's path is drawn on the plane by projecting its weights onto it
//! ([`Plane::coordinates`]; least squares, since random directions are not
//! exactly orthogonal).

use crate::link::{flat_weights, network_from_flat};
use crate::network::{Network, ShapeError};
use crate::playground::Playground;
use crate::rng::{stream, Pcg32};

/// Most cells per side of a surface.
pub const MAX_SURFACE_SIZE: usize = 101;
/// Fewest cells per side of a surface.
pub const MIN_SURFACE_SIZE: usize = 3;

/// A plane of weight space: a point and two directions.
#[derive(Debug, Clone, PartialEq)]
pub struct Plane {
    pub origin: Vec<f64>,
    pub axes: [Vec<f64>; 2],
}

impl Plane {
    /// Through `origin`, along weights `a` and `b` (flat indices).
    pub fn along_weights(origin: Vec<f64>, a: usize, b: usize) -> Result<Plane, String> {
        let n = origin.len();
        if a >= n || b >= n {
            return Err(format!(
                "weight {} does not exist: this network has {n} weights and biases",
                a.max(b) + 1
            ));
        }
        if a == b {
            return Err("the two axes are the same weight: choose two different ones".to_owned());
        }
        let unit = |k: usize| {
            let mut d = vec![0.0; n];
            d[k] = 1.0;
            d
        };
        Ok(Plane {
            axes: [unit(a), unit(b)],
            origin,
        })
    }

    /// Through `network`'s weights, along two filter-normalised random
    /// directions drawn from `seed` (see the module's notes).
    pub fn random(network: &Network, seed: u64) -> Plane {
        let mut rng = Pcg32::new(seed, stream::SURFACE);
        let first = filter_normalised(network, &mut rng);
        let second = filter_normalised(network, &mut rng);
        Plane {
            origin: flat_weights(network),
            axes: [first, second],
        }
    }

    /// The weights at (u, v): θ + u·d₁ + v·d₂.
    pub fn at(&self, u: f64, v: f64) -> Vec<f64> {
        let [d1, d2] = &self.axes;
        self.origin
            .iter()
            .zip(d1)
            .zip(d2)
            .map(|((o, a), b)| o + u * a + v * b)
            .collect()
    }

    /// The point of the plane nearest `weights` (least squares), as (u, v).
    /// An axis of length zero reads 0.
    pub fn coordinates(&self, weights: &[f64]) -> (f64, f64) {
        let [d1, d2] = &self.axes;
        let x: Vec<f64> = weights
            .iter()
            .zip(&self.origin)
            .map(|(w, o)| w - o)
            .collect();
        let (g11, g12, g22) = (dot(d1, d1), dot(d1, d2), dot(d2, d2));
        let (b1, b2) = (dot(d1, &x), dot(d2, &x));
        let det = g11 * g22 - g12 * g12;
        if det > 1e-12 * g11 * g22 {
            ((g22 * b1 - g12 * b2) / det, (g11 * b2 - g12 * b1) / det)
        } else {
            // Parallel or empty axes: each read on its own.
            let along = |b: f64, g: f64| if g > 0.0 { b / g } else { 0.0 };
            (along(b1, g11), along(b2, g22))
        }
    }

    /// The same directions through another point.
    pub fn through(&self, origin: Vec<f64>) -> Plane {
        Plane {
            origin,
            axes: self.axes.clone(),
        }
    }
}

/// The training loss over a square grid of the plane.
#[derive(Debug, Clone, PartialEq)]
pub struct Surface {
    /// Cells per side.
    pub size: usize,
    /// u and v run from −range to +range.
    pub range: f64,
    /// Row by row from v = +range (the top) down to −range; in each row u
    /// from −range (left) to +range. Infinity where the loss overflows.
    pub losses: Vec<f64>,
}

impl Surface {
    /// The coordinate of cell `k` along a side (0 = −range).
    pub fn coordinate(size: usize, range: f64, k: usize) -> f64 {
        -range + 2.0 * range * k as f64 / (size - 1) as f64
    }
}

/// The training loss of `playground`'s network holding `weights` instead of
/// its own (same data, same loss; penalties not included, like the run's
/// training loss).
pub fn loss_at(playground: &Playground, weights: &[f64]) -> Result<f64, ShapeError> {
    let network = network_from_flat(playground.network(), weights)?;
    let train = playground.train_set();
    let pass = network.forward(train.inputs.clone());
    Ok(Network::loss(
        &pass,
        &train.targets,
        playground.config().get().loss,
    ))
}

/// Rows `rows` of the surface of `size` × `size` cells within ±`range` (the
/// engine computes a few rows at a time, so it never blocks for long).
pub fn surface_rows(
    playground: &Playground,
    plane: &Plane,
    range: f64,
    size: usize,
    rows: std::ops::Range<usize>,
) -> Result<Vec<f64>, String> {
    check_grid(range, size)?;
    let mut out = Vec::with_capacity(rows.len() * size);
    for row in rows.start..rows.end.min(size) {
        let v = Surface::coordinate(size, range, size - 1 - row);
        for col in 0..size {
            let u = Surface::coordinate(size, range, col);
            // A weight pushed past the largest f64, or a loss past it, reads
            // as infinity (never NaN).
            let loss = loss_at(playground, &plane.at(u, v)).unwrap_or(f64::INFINITY);
            out.push(if loss.is_nan() { f64::INFINITY } else { loss });
        }
    }
    Ok(out)
}

/// The whole surface at once.
pub fn surface(
    playground: &Playground,
    plane: &Plane,
    range: f64,
    size: usize,
) -> Result<Surface, String> {
    Ok(Surface {
        size,
        range,
        losses: surface_rows(playground, plane, range, size, 0..size)?,
    })
}

/// (∂f/∂u, ∂f/∂v) at the plane's origin, taken to be the run's weights:
/// the training loss's gradient along each axis. Its negative is the way
/// down the surface as drawn.
pub fn slope(playground: &Playground, plane: &Plane) -> (f64, f64) {
    let gradient = training_gradient(playground);
    let [d1, d2] = &plane.axes;
    (dot(&gradient, d1), dot(&gradient, d2))
}

/// ∂L/∂w of the training loss over the whole training set, in flat order.
pub fn training_gradient(playground: &Playground) -> Vec<f64> {
    let network = playground.network();
    let train = playground.train_set();
    let loss = playground.config().get().loss;
    let pass = network.forward(train.inputs.clone());
    let gradients = network.backward(&pass, &train.targets, loss).gradients;
    let mut out = Vec::with_capacity(network.parameter_count());
    for (weights, biases) in gradients.weights.iter().zip(&gradients.biases) {
        for row in weights.row_iter() {
            out.extend(row.iter());
        }
        out.extend(biases.iter());
    }
    out
}

fn check_grid(range: f64, size: usize) -> Result<(), String> {
    if !(MIN_SURFACE_SIZE..=MAX_SURFACE_SIZE).contains(&size) {
        return Err(format!(
            "the surface has {size} cells a side: {MIN_SURFACE_SIZE} to {MAX_SURFACE_SIZE} allowed"
        ));
    }
    if !(range.is_finite() && range > 0.0 && range <= 100.0) {
        return Err(format!(
            "the surface's range is ±{}: more than 0 and at most 100 allowed",
            crate::readable::number(range)
        ));
    }
    Ok(())
}

/// One random direction, unit by unit: Gaussian, rescaled to the norm of the
/// unit's incoming weights; biases zero.
fn filter_normalised(network: &Network, rng: &mut Pcg32) -> Vec<f64> {
    let mut out = Vec::with_capacity(network.parameter_count());
    for layer in &network.layers {
        let (rows, cols) = layer.weights.shape();
        let mut d = vec![0.0; rows * cols];
        for j in 0..cols {
            let draws: Vec<f64> = (0..rows).map(|_| rng.normal(0.0, 1.0)).collect();
            let drawn = draws.iter().map(|x| x * x).sum::<f64>().sqrt();
            let own = layer.weights.column(j).norm();
            let scale = if drawn > 0.0 { own / drawn } else { 0.0 };
            for (i, x) in draws.iter().enumerate() {
                d[i * cols + j] = x * scale;
            }
        }
        out.extend(d);
        out.extend(std::iter::repeat_n(0.0, cols));
    }
    out
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
