//! The benchmark's workloads, shared by the native benchmark, the wasm one
//! under node and the in-browser frame-rate measurement, so all three measure
//! the same thing.

use crate::activation::Activation;
use crate::config::Config;
use crate::data::{DatasetKind, Feature};
use crate::loss::Loss;
use crate::playground::Playground;
use crate::regularization::Regularization;

/// Grid side used for every node's heatmap in a frame.
pub const FRAME_GRID: usize = 100;

/// The benchmark configs by name:
/// - A: circle, 500 points, 50 % train, x₁ x₂, hidden [4, 2], tanh, ½ squared error, η 0.03, batch 10.
/// - B: spiral, 500 points, 50 % train, all 7 features, 6 hidden layers × 8, tanh, L2 0.001, η 0.03, batch 10.
/// - C: B's network on multi-gauss regression, 1200 points, 90 % train.
pub fn config(name: &str) -> Option<Config> {
    let a = Config {
        dataset: DatasetKind::Circle,
        num_points: Some(500),
        train_ratio: 50.0,
        features: vec![Feature::X1, Feature::X2],
        hidden: vec![4, 2],
        activation: Activation::Tanh,
        loss: Loss::SquaredError,
        learning_rate: 0.03,
        batch_size: 10,
        ..Config::default()
    };
    let b = Config {
        dataset: DatasetKind::Spiral,
        features: Feature::ALL.to_vec(),
        hidden: vec![8; 6],
        regularization: Regularization::L2,
        regularization_rate: 0.001,
        ..a.clone()
    };
    match name {
        "A" => Some(a),
        "B" => Some(b),
        "C" => Some(Config {
            dataset: DatasetKind::MultiGauss,
            num_points: Some(1200),
            train_ratio: 90.0,
            ..b
        }),
        _ => None,
    }
}

/// Names of the benchmark configs, in table order.
pub const NAMES: [&str; 3] = ["A", "B", "C"];

/// One animation frame, as TensorFlow Playground defines it: one epoch (with
/// train and test loss), every node over the grid, and the output heatmap
/// coloured into RGBA. Returns the RGBA length so the work cannot be skipped.
pub fn frame(playground: &mut Playground) -> usize {
    playground.step(1);
    playground.evaluate_grid(FRAME_GRID);
    let output = playground.node_count() - 1;
    playground
        .heatmap(output, false)
        .map_or(0, |bytes| bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_config_is_valid_and_frames_run() {
        for name in NAMES {
            let config = config(name).unwrap().validate().unwrap();
            let mut pg = Playground::new(config);
            assert_eq!(frame(&mut pg), FRAME_GRID * FRAME_GRID * 4);
            assert_eq!(pg.stats().epoch, 1);
        }
        assert!(config("D").is_none());
    }

    #[test]
    fn config_c_is_regression_on_b_network() {
        let (b, c) = (config("B").unwrap(), config("C").unwrap());
        assert_eq!(b.hidden, c.hidden);
        assert!(!c.dataset.is_classification());
        assert_eq!(c.validate().unwrap().train_points(), 1080);
    }
}
