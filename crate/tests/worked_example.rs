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

/// The backprop inspector's preset of this example, stepped through the
/// running Playground, shows the slides' numbers: it reads them from the same
/// `train_batch` as the test above, on the same network.
#[test]
fn the_inspector_preset_shows_the_slides_numbers() {
    use backprop_playground::inspect::{self, Example};
    use backprop_playground::Playground;

    let preset = inspect::presets()
        .into_iter()
        .find(|p| p.id == "workedExample")
        .expect("the worked example is a preset");
    let mut run = Playground::new(preset.config.clone().validate().expect("valid"));
    inspect::set_values(&mut run, &preset.layers).expect("the slides' weights fit");
    assert_eq!(
        run.network(),
        &course_network(),
        "the preset is the slides' network"
    );
    assert_eq!(run.step_settings().learning_rate, 0.2);
    let first = Example {
        x1: 0.1,
        x2: 0.1,
        y: 0.1,
    };
    assert_eq!(preset.examples[0], first);

    let trace = run.inspect_example(&first).expect("the example fits");
    let (hidden, output) = (&trace.layers[0], &trace.layers[1]);
    close(hidden.units[0].out, 0.5, "o3");
    close(hidden.units[1].out, 0.5, "o4");
    close(output.units[0].out, 0.5, "o5");
    close(trace.loss_value, 0.5 * 0.4 * 0.4, "L = ½(0.1 − 0.5)²");
    close(output.units[0].delta, 0.1, "δ5");
    close(hidden.units[1].delta, 0.0025, "δ4");
    close(hidden.units[0].delta, -0.0025, "δ3");
    // δ4 = (w45 δ5)·o4(1 − o4): the two factors the page prints.
    close(hidden.units[1].output_gradient, 0.1 * 0.1, "w45 δ5");
    close(hidden.units[1].derivative.unwrap(), 0.25, "o4(1 − o4)");
    // ∂L/∂w45 = o4 δ5 = 0.05; the update −η o4 δ5 = −0.01.
    close(output.weights[1][0].gradient, 0.05, "∂L/∂w45");
    close(output.weights[1][0].update, -0.01, "−η o4 δ5");
    for (w, expected, name) in [
        (output.weights[1][0], 0.09, "w45"),
        (output.weights[0][0], -0.11, "w35"),
        (hidden.weights[1][1], 0.09995, "w24"),
        (hidden.weights[1][0], -0.09995, "w23"),
        (hidden.weights[0][1], -0.10005, "w14"),
        (hidden.weights[0][0], 0.10005, "w13"),
    ] {
        close(w.after, expected, name);
    }
    // Looking does not train: the network is still the slides' one.
    assert_eq!(run.network(), &course_network());

    // Applying the step gives the network `train_batch` gives, bit for bit,
    // and the trace the preview showed.
    let applied = run.train_example(&first).expect("the step is finite");
    assert_eq!(applied, trace);
    let mut expected = course_network();
    let settings = StepSettings {
        loss: Loss::SquaredError,
        learning_rate: 0.2,
        regularization: Regularization::None,
        regularization_rate: 0.0,
    };
    let mut sgd = Optimizer::new(OptimizerSettings::SGD, &expected);
    train_batch(
        &mut expected,
        &mut sgd,
        DMatrix::from_row_slice(1, 2, &[0.1, 0.1]),
        &DMatrix::from_row_slice(1, 1, &[0.1]),
        &settings,
        None,
    );
    assert_eq!(run.network(), &expected);
    assert_eq!(run.stats().epoch, 0, "an inspector step is not an epoch");

    // "Read the second example and continue until all examples have been
    // consumed": the other three instances, in order, as train_batch does them.
    for example in &preset.examples[1..] {
        run.train_example(example).expect("finite");
        train_batch(
            &mut expected,
            &mut sgd,
            DMatrix::from_row_slice(1, 2, &[example.x1, example.x2]),
            &DMatrix::from_row_slice(1, 1, &[example.y]),
            &settings,
            None,
        );
    }
    assert_eq!(run.network(), &expected);
    assert!(expected
        .layers
        .iter()
        .all(|l| l.biases.iter().all(|&b| b == 0.0)));
}
