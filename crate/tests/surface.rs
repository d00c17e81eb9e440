//! The loss surface: its centre is the run's training loss, its cells are
//! the loss of the network moved there, its slope is the gradient along the
//! axes, and the run's path projects onto it.

use backprop_playground::link::{flat_weights, weight_count};
use backprop_playground::surface::{self, loss_at, slope, Plane, Surface};
use backprop_playground::{Config, DatasetKind, Feature, Playground};

fn trained() -> Playground {
    let config = Config {
        dataset: DatasetKind::Spiral,
        features: Feature::ALL.to_vec(),
        hidden: vec![6, 4],
        ..Config::default()
    };
    let mut pg = Playground::new(config.validate().expect("valid"));
    pg.step(30);
    pg
}

#[test]
fn the_centre_of_the_surface_is_the_runs_training_loss() {
    let pg = trained();
    let origin = flat_weights(pg.network());
    for plane in [
        Plane::random(pg.network(), 7),
        Plane::along_weights(origin, 3, 40).expect("two weights"),
    ] {
        // An odd size has a cell on the centre: the middle of the middle row.
        let s = surface::surface(&pg, &plane, 2.0, 41).expect("a valid grid");
        let centre = s.losses[20 * 41 + 20];
        assert!(
            (centre - pg.stats().train_loss).abs() <= 1e-12,
            "{centre} against {}",
            pg.stats().train_loss
        );
    }
}

#[test]
fn a_cell_along_two_weights_is_the_loss_with_those_weights_set() {
    let pg = trained();
    let origin = flat_weights(pg.network());
    let (a, b) = (5, 17);
    let plane = Plane::along_weights(origin.clone(), a, b).expect("two weights");
    let (size, range) = (5, 1.5);
    let s = surface::surface(&pg, &plane, range, size).expect("a valid grid");
    for row in 0..size {
        for col in 0..size {
            let (u, v) = (
                Surface::coordinate(size, range, col),
                Surface::coordinate(size, range, size - 1 - row),
            );
            // The network with w_a and w_b moved by hand, every other weight kept.
            let mut moved = pg.clone();
            let mut weights = origin.clone();
            weights[a] += u;
            weights[b] += v;
            let network =
                backprop_playground::link::network_from_flat(pg.network(), &weights).expect("fits");
            moved.set_network(network).expect("same shape");
            let expected = moved.stats().train_loss;
            assert!(
                (s.losses[row * size + col] - expected).abs() <= 1e-12,
                "cell ({row}, {col}): {} against {expected}",
                s.losses[row * size + col]
            );
        }
    }
    // The top row is v = +range, the left column u = −range.
    assert_eq!(Surface::coordinate(size, range, 0), -range);
    assert_eq!(Surface::coordinate(size, range, size - 1), range);
}

#[test]
fn random_directions_are_filter_normalised_seeded_and_leave_biases_alone() {
    let pg = trained();
    let network = pg.network();
    let plane = Plane::random(network, 42);
    assert_eq!(
        plane,
        Plane::random(network, 42),
        "the same seed, the same plane"
    );
    assert_ne!(plane.axes, Plane::random(network, 43).axes);
    assert_eq!(plane.origin, flat_weights(network));
    for axis in &plane.axes {
        assert_eq!(axis.len(), weight_count(&pg.config().layer_sizes()));
        let mut at = 0;
        for layer in &network.layers {
            let (rows, cols) = layer.weights.shape();
            for j in 0..cols {
                let direction: f64 = (0..rows)
                    .map(|i| axis[at + i * cols + j].powi(2))
                    .sum::<f64>()
                    .sqrt();
                let own = layer.weights.column(j).norm();
                assert!(
                    (direction - own).abs() <= 1e-12 * own.max(1.0),
                    "unit {j}: {direction} against {own}"
                );
            }
            at += rows * cols;
            assert!(axis[at..at + cols].iter().all(|&b| b == 0.0), "biases move");
            at += cols;
        }
    }
}

#[test]
fn the_path_projects_onto_the_plane_and_ends_at_its_centre() {
    let mut pg = trained();
    let plane = Plane::random(pg.network(), 3);
    // The centre is (0, 0); a point of the plane reads back its coordinates.
    let (u, v) = plane.coordinates(&plane.origin);
    assert!(u.abs() < 1e-12 && v.abs() < 1e-12);
    let (u, v) = plane.coordinates(&plane.at(0.75, -1.25));
    assert!(
        (u - 0.75).abs() < 1e-9 && (v + 1.25).abs() < 1e-9,
        "({u}, {v})"
    );
    // Along the run: a plane through where it is now has it at its centre,
    // and the same plane through an earlier point shifts every coordinate alike.
    let before = flat_weights(pg.network());
    pg.step(5);
    let now = flat_weights(pg.network());
    let here = plane.through(now.clone());
    let (u, v) = here.coordinates(&now);
    assert!(u.abs() < 1e-12 && v.abs() < 1e-12);
    let (u0, v0) = plane.coordinates(&before);
    let (u1, v1) = plane.coordinates(&now);
    let (u2, v2) = here.coordinates(&before);
    assert!((u2 - (u0 - u1)).abs() < 1e-9 && (v2 - (v0 - v1)).abs() < 1e-9);
}

#[test]
fn the_slope_is_the_gradient_along_each_axis() {
    let pg = trained();
    let plane = Plane::random(pg.network(), 11);
    let (du, dv) = slope(&pg, &plane);
    // Central differences of f(u, v) = L(θ + u·d₁ + v·d₂).
    let h = 1e-5;
    let f = |u: f64, v: f64| loss_at(&pg, &plane.at(u, v)).expect("fits");
    let (nu, nv) = (
        (f(h, 0.0) - f(-h, 0.0)) / (2.0 * h),
        (f(0.0, h) - f(0.0, -h)) / (2.0 * h),
    );
    assert!(
        (du - nu).abs() <= 1e-6 * nu.abs().max(1.0),
        "∂f/∂u {du} against {nu}"
    );
    assert!(
        (dv - nv).abs() <= 1e-6 * nv.abs().max(1.0),
        "∂f/∂v {dv} against {nv}"
    );
    // Downhill: a small step against the slope lowers the loss.
    let step = 1e-3 / (du * du + dv * dv).sqrt();
    assert!(f(-du * step, -dv * step) < f(0.0, 0.0));
}

#[test]
fn bad_grids_and_axes_are_refused_by_name() {
    let pg = trained();
    let origin = flat_weights(pg.network());
    let n = origin.len();
    let message = Plane::along_weights(origin.clone(), 0, n).unwrap_err();
    assert_eq!(
        message,
        format!(
            "weight {} does not exist: this network has {n} weights and biases",
            n + 1
        )
    );
    assert!(Plane::along_weights(origin.clone(), 2, 2).is_err());
    let plane = Plane::along_weights(origin, 0, 1).expect("two weights");
    assert_eq!(
        surface::surface(&pg, &plane, 2.0, 1000).unwrap_err(),
        "the surface has 1000 cells a side: 3 to 101 allowed"
    );
    assert_eq!(
        surface::surface(&pg, &plane, f64::NAN, 41).unwrap_err(),
        "the surface's range is ±not a finite number: more than 0 and at most 100 allowed"
    );
    // Far out, the loss may overflow: a number or infinity, never a panic.
    let far = surface::surface(&pg, &plane, 100.0, 3).expect("a valid grid");
    assert!(far.losses.iter().all(|l| !l.is_nan()));
}
