//! The benchmark's workloads, defined once and read by every harness: the
//! native benchmark (`crate/examples/bench.rs`), the wasm one under node
//! (`xtask/bench/bench.mjs`, which gets the configs as JSON from the native
//! one) and the page's `#bench=NAME` (through `benchConfig`), so all three
//! measure the same thing.

use crate::activation::Activation;
use crate::config::Config;
use crate::data::{DatasetKind, Feature};
use crate::loss::Loss;
use crate::playground::Playground;
use crate::regularization::Regularization;

use crate::render::{PLOT_GRID, THUMB_GRID};

/// The benchmark configs by name:
/// - A: circle, 500 points, 50 % train, x₁ x₂, hidden [4, 2], tanh, ½ squared error, η 0.03, batch 10.
/// - B: spiral, 500 points, 50 % train, all 7 features, 6 hidden layers × 8, tanh, L2 0.001, η 0.03, batch 10.
/// - C: B's network on multi-gauss regression, 1200 points, 90 % train.
/// - D: B with 8 hidden layers × 32 (a big network: the kernels' case).
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
            ..b.clone()
        }),
        "D" => Some(Config {
            hidden: vec![32; 8],
            ..b
        }),
        _ => None,
    }
}

/// Names of the benchmark configs, in table order.
pub const NAMES: [&str; 4] = ["A", "B", "C", "D"];

/// One animation frame of the page (the engine's pictures,
/// www/js/app/engine-pictures.js): one epoch (with train and test loss),
/// every node over the plot's [`PLOT_GRID`], the decision heatmap coloured
/// into RGBA, then the heatmap of every hidden and output node (the network
/// view's thumbnails) sampled from that grid at [`THUMB_GRID`]. The input
/// nodes' thumbnails do not change while training and are not redrawn.
/// Returns the RGBA bytes made, so the work cannot be skipped.
pub fn frame(playground: &mut Playground) -> usize {
    playground.step(1);
    playground.evaluate_grid_sampled(PLOT_GRID, THUMB_GRID, false);
    let mut bytes = playground.decision_heatmap(false).map_or(0, |b| b.len());
    let inputs = playground.network().inputs();
    for node in inputs..playground.node_count() {
        bytes += playground
            .sampled_heatmap(node, THUMB_GRID, false)
            .map_or(0, |b| b.len());
    }
    bytes
}

/// The RGBA bytes [`frame`] makes for a network of `nodes` nodes, `inputs`
/// of them inputs.
pub fn frame_bytes(nodes: usize, inputs: usize) -> usize {
    ((nodes - inputs) * THUMB_GRID * THUMB_GRID + PLOT_GRID * PLOT_GRID) * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_config_is_valid_and_frames_run() {
        for name in NAMES {
            let config = config(name).unwrap().validate().unwrap();
            let mut pg = Playground::new(config);
            let (nodes, inputs) = (pg.node_count(), pg.network().inputs());
            assert_eq!(frame(&mut pg), frame_bytes(nodes, inputs));
            assert_eq!(pg.stats().epoch, 1);
        }
        // B: 7 inputs, 6 × 8 hidden, 1 output: 49 thumbnails and the decision.
        assert_eq!(frame_bytes(56, 7), 49 * 32 * 32 * 4 + 40_000);
        assert!(config("E").is_none());
    }

    #[test]
    fn config_c_is_regression_on_b_network() {
        let (b, c) = (config("B").unwrap(), config("C").unwrap());
        assert_eq!(b.hidden, c.hidden);
        assert!(!c.dataset.is_classification());
        assert_eq!(c.validate().unwrap().train_points(), 1080);
        let d = config("D").unwrap();
        assert_eq!((d.hidden, d.features), (vec![32; 8], b.features));
    }
}
