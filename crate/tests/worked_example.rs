//! The worked example of the course notes ("multilayer networks and the
//! backpropagation model", the "Example" slides), reproduced through the same
//! `train_batch` that every training step uses.
//!
//! Network: inputs 1, 2 → hidden 3, 4 → output 5, all sigmoid, thresholds zero
//! and frozen; w13 = 0.1, w23 = −0.1, w14 = −0.1, w24 = 0.1, w35 = −0.1,
//! w45 = 0.1; η = 0.2; loss ½(y − ŷ)²; first instance ⟨0.1, 0.1⟩ → 0.1.
//! Every expected number below is printed on the slides.

use backprop_playground::network::LayerSpec;
use backprop_playground::optimizer::{Optimizer, OptimizerSettings};
use backprop_playground::train::{train_batch, StepSettings};
use backprop_playground::{Activation, Loss, Network, Regularization};
use nalgebra::DMatrix;

const TOLERANCE: f64 = 1e-12;

fn close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < TOLERANCE,
        "{what}: got {actual}, the slides say {expected}"
    );
}

fn course_network() -> Network {
    let sig = Activation::Sigmoid;
    // Layer 1: rows = nodes 1, 2; columns = nodes 3, 4.  Layer 2: rows = 3, 4; column = 5.
    let mut network = Network::from_weights(
        2,
        &[
            LayerSpec::new(vec![vec![0.1, -0.1], vec![-0.1, 0.1]], vec![0.0, 0.0], sig),
            LayerSpec::new(vec![vec![-0.1], vec![0.1]], vec![0.0], sig),
        ],
    )
    .expect("the course network's shapes chain");
    network.freeze_biases = true;
    network
}

#[test]
fn first_instance_matches_the_slides() {
    let mut network = course_network();
    let settings = StepSettings {
        loss: Loss::SquaredError,
        learning_rate: 0.2,
        regularization: Regularization::None,
        regularization_rate: 0.0,
    };
    let inputs = DMatrix::from_row_slice(1, 2, &[0.1, 0.1]);
    let targets = DMatrix::from_row_slice(1, 1, &[0.1]);
    let mut sgd = Optimizer::new(OptimizerSettings::SGD, &network);
    let (pass, backward) = train_batch(&mut network, &mut sgd, inputs, &targets, &settings, None);

    // Forward pass: o3 = φ(0.1·0.1 + 0.1·−0.1) = φ(0) = 0.5, likewise o4 and o5.
    close(pass.outputs[0][(0, 0)], 0.5, "o3");
    close(pass.outputs[0][(0, 1)], 0.5, "o4");
    close(pass.outputs[1][(0, 0)], 0.5, "o5");

    // Backward pass: δ5 = (0.5 − 0.1)·0.5·0.5; δ4 = (0.1·0.1)·0.25; δ3 = (0.1·−0.1)·0.25.
    close(backward.deltas[1][(0, 0)], 0.1, "δ5");
    close(backward.deltas[0][(0, 1)], 0.0025, "δ4");
    close(backward.deltas[0][(0, 0)], -0.0025, "δ3");

    // Updates w_ij ← w_ij − η δ_j o_i.
    let hidden = &network.layers[0].weights;
    let output = &network.layers[1].weights;
    close(output[(1, 0)], 0.09, "w45");
    close(output[(0, 0)], -0.11, "w35");
    close(hidden[(1, 1)], 0.09995, "w24");
    close(hidden[(1, 0)], -0.09995, "w23");
    close(hidden[(0, 1)], -0.10005, "w14");
    close(hidden[(0, 0)], 0.10005, "w13");

    // Thresholds stay at zero.
    assert!(network
        .layers
        .iter()
        .all(|l| l.biases.iter().all(|&b| b == 0.0)));
}
