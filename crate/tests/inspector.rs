//! The backprop inspector (`inspect.rs`) shows the trainer's own numbers: its
//! trace equals what `train_batch` computes on a batch of one example, for
//! every optimizer, penalty and output; and the course's small examples
//! (the single sigmoid neuron, the binary cross-entropy exercise) come out as
//! the notes work them.

use backprop_playground::activation::Activation;
use backprop_playground::config::Config;
use backprop_playground::inspect::{self, Example, LayerValues, Trace};
use backprop_playground::optimizer::{Optimizer, OptimizerKind};
use backprop_playground::train::train_batch;
use backprop_playground::{DatasetKind, Loss, Network, Playground, Regularization};

fn run(config: Config) -> Playground {
    Playground::new(config.validate().expect("a valid config"))
}

fn preset(id: &str) -> (Playground, Vec<Example>) {
    let preset = inspect::presets()
        .into_iter()
        .find(|p| p.id == id)
        .expect("preset exists");
    let mut playground = run(preset.config);
    inspect::set_values(&mut playground, &preset.layers).expect("values fit");
    (playground, preset.examples)
}

/// The first training example of a run as the inspector takes it.
fn first_example(playground: &Playground) -> Example {
    let (point, _) = playground
        .points()
        .iter()
        .zip(playground.is_test())
        .find(|(_, &test)| !test)
        .expect("a training point");
    Example {
        x1: point.x1,
        x2: point.x2,
        y: point.label,
    }
}

/// Checks a trace against `train_batch` run by hand on copies of the network
/// and optimizer, and returns the network that step produced.
fn assert_trace_is_the_trainers(
    trace: &Trace,
    network: &Network,
    optimizer: &Optimizer,
    playground: &Playground,
    example: &Example,
) -> Network {
    let (inputs, targets) = inspect::example_rows(playground.config(), example).expect("fits");
    let mut trained = network.clone();
    let mut optimizer = optimizer.clone();
    let settings = playground.step_settings();
    let (pass, backward) = train_batch(
        &mut trained,
        &mut optimizer,
        inputs.clone(),
        &targets,
        &settings,
        None,
    );
    assert_eq!(
        trace.loss_value,
        Network::loss(&pass, &targets, settings.loss)
    );
    for (i, input) in trace.inputs.iter().enumerate() {
        assert_eq!(input.value, inputs[(0, i)]);
    }
    for (l, layer) in trace.layers.iter().enumerate() {
        for (j, unit) in layer.units.iter().enumerate() {
            assert_eq!(unit.net, pass.nets[l][(0, j)], "net, layer {l} unit {j}");
            assert_eq!(unit.out, pass.outputs[l][(0, j)], "o, layer {l} unit {j}");
            assert_eq!(
                unit.delta,
                backward.deltas[l][(0, j)],
                "δ, layer {l} unit {j}"
            );
            assert_eq!(layer.biases[j].after, trained.layers[l].biases[j]);
        }
        for (i, row) in layer.weights.iter().enumerate() {
            for (j, w) in row.iter().enumerate() {
                assert_eq!(w.before, network.layers[l].weights[(i, j)]);
                assert_eq!(w.gradient, backward.gradients.weights[l][(i, j)]);
                assert_eq!(
                    w.after,
                    trained.layers[l].weights[(i, j)],
                    "w, layer {l} ({i}, {j})"
                );
                // With one example the gradient is o_i δ_j itself.
                let product = w.input * w.delta;
                assert!((w.gradient - product).abs() <= 1e-15 * product.abs().max(1.0));
                assert_eq!(w.update, w.after - w.before);
                if trace.is_plain_gradient_descent() {
                    let step = -settings.learning_rate * w.gradient;
                    assert!((w.update - step).abs() <= 1e-15 * w.before.abs().max(1.0));
                }
            }
        }
    }
    trained
}

#[test]
fn the_trace_is_what_train_batch_computes_for_every_optimizer_penalty_and_output() {
    let cases = [
        Config::default(),
        Config {
            optimizer: OptimizerKind::Adam,
            hidden: vec![3, 3],
            activation: Activation::Relu,
            ..Config::default()
        },
        Config {
            optimizer: OptimizerKind::Momentum,
            regularization: Regularization::L2,
            regularization_rate: 0.01,
            loss: Loss::BinaryCrossEntropy,
            ..Config::default()
        },
        Config {
            dataset: DatasetKind::Blobs,
            classes: 3,
            loss: Loss::SoftmaxCrossEntropy,
            optimizer: OptimizerKind::RmsProp,
            ..Config::default()
        },
        Config {
            dataset: DatasetKind::Plane,
            activation: Activation::LeakyRelu,
            regularization: Regularization::L1,
            regularization_rate: 0.003,
            ..Config::default()
        },
    ];
    for config in cases {
        let mut playground = run(config.clone());
        let example = first_example(&playground);
        // Two steps, so optimizers with state (momentum, Adam) use it.
        let network = playground.network().clone();
        let optimizer = Optimizer::new(playground.config().optimizer_settings(), &network);
        let preview = playground.inspect_example(&example).expect("fits");
        assert_eq!(playground.network(), &network, "inspecting changes nothing");
        let after_one =
            assert_trace_is_the_trainers(&preview, &network, &optimizer, &playground, &example);
        let applied = playground.train_example(&example).expect("finite");
        assert_eq!(applied, preview, "{config:?}");
        assert_eq!(playground.network(), &after_one, "{config:?}");

        let mut optimizer_after_one = optimizer.clone();
        let mut replay = network.clone();
        let (inputs, targets) = inspect::example_rows(playground.config(), &example).unwrap();
        let settings = playground.step_settings();
        train_batch(
            &mut replay,
            &mut optimizer_after_one,
            inputs,
            &targets,
            &settings,
            None,
        );
        assert_eq!(replay, after_one);
        let second = playground.inspect_example(&example).expect("fits");
        assert_trace_is_the_trainers(
            &second,
            &after_one,
            &optimizer_after_one,
            &playground,
            &example,
        );
        assert_eq!(
            second.is_plain_gradient_descent(),
            config.optimizer == OptimizerKind::Sgd && config.regularization == Regularization::None
        );
    }
}

/// "Thresholding with σ: 1/(1 + e^0.5) = 0.3775" (the notes' single neuron).
#[test]
fn the_single_neuron_gives_0_3775() {
    let (playground, examples) = preset("singleNeuron");
    let trace = playground.inspect_example(&examples[0]).unwrap();
    let unit = trace.layers[0].units[0];
    assert_eq!(unit.net, -0.5);
    assert!((unit.out - 1.0 / (1.0 + 0.5f64.exp())).abs() < 1e-15);
    assert!((unit.out - 0.3775).abs() < 5e-5, "{}", unit.out);
    // And the mirror point: net = 0.5, o = 1 − 0.3775.
    let mirror = playground.inspect_example(&examples[1]).unwrap();
    assert_eq!(mirror.layers[0].units[0].net, 0.5);
    assert!((mirror.layers[0].units[0].out - 0.6225).abs() < 5e-5);
}

/// The in-class exercise: with L = −(y log ŷ + (1 − y) log(1 − ŷ)) after a
/// sigmoid, ∂L/∂ŷ = −1/ŷ for y = 1 and 1/(1 − ŷ) for y = 0, and both give
/// δ = ∂L/∂net = ŷ − y; then ∂L/∂w₁ = (ŷ − y) x₁ and ∂L/∂x₁ = w₁ (ŷ − y).
#[test]
fn cross_entropy_delta_is_prediction_minus_target_for_both_labels() {
    let (playground, examples) = preset("crossEntropy");
    assert_eq!(examples.iter().map(|e| e.y).collect::<Vec<_>>(), [1.0, 0.0]);
    for example in &examples {
        let trace = playground.inspect_example(example).unwrap();
        assert_eq!(trace.loss, Loss::BinaryCrossEntropy);
        let layer = &trace.layers[0];
        let unit = layer.units[0];
        let y = example.y;
        assert_eq!(unit.delta, unit.out - y, "δ = ŷ − y for y = {y}");
        let expected_gradient = if y == 1.0 {
            -1.0 / unit.out
        } else {
            1.0 / (1.0 - unit.out)
        };
        assert!((unit.output_gradient - expected_gradient).abs() < 1e-12);
        // The chain rule's product ∂L/∂ŷ · ŷ(1 − ŷ) is the same δ.
        let product = unit.output_gradient * unit.derivative.unwrap();
        assert!((product - unit.delta).abs() < 1e-12, "y = {y}");
        let loss = -(y * unit.out.ln() + (1.0 - y) * (1.0 - unit.out).ln());
        assert!((trace.loss_value - loss).abs() < 1e-12);
        let w1 = layer.weights[0][0];
        assert_eq!(w1.gradient, (unit.out - y) * example.x1);
        assert_eq!(trace.inputs[0].gradient, w1.before * (unit.out - y));
        assert!((w1.after - (w1.before - 0.1 * (unit.out - y) * example.x1)).abs() < 1e-15);
    }
}

#[test]
fn examples_that_do_not_fit_the_network_are_refused_by_name() {
    let (mut playground, _) = preset("workedExample");
    let before = playground.network().clone();
    let bad = |x1, x2, y| Example { x1, x2, y };
    for (example, needle) in [
        (bad(f64::NAN, 0.1, 0.1), "x₁ = NaN"),
        (bad(0.1, 2000.0, 0.1), "x₂ = 2000"),
        (bad(0.1, 0.1, 1.5), "y = 1.5 is out of range"),
    ] {
        let err = playground.train_example(&example).unwrap_err();
        assert!(err.0.contains(needle), "{err}");
    }
    assert_eq!(playground.network(), &before);

    let mut blobs = run(Config {
        dataset: DatasetKind::Blobs,
        classes: 3,
        loss: Loss::SoftmaxCrossEntropy,
        ..Config::default()
    });
    let err = blobs.train_example(&bad(0.0, 0.0, 3.0)).unwrap_err();
    assert!(err.0.contains("a class 0 to 2"), "{err}");
    let trace = blobs.inspect_example(&bad(0.0, 0.0, 2.0)).unwrap();
    let targets: Vec<_> = trace
        .layers
        .last()
        .unwrap()
        .units
        .iter()
        .map(|u| u.target)
        .collect();
    assert_eq!(targets, [Some(0.0), Some(0.0), Some(1.0)]);
}

#[test]
fn a_step_that_would_diverge_is_refused_and_changes_nothing() {
    let mut playground = run(Config {
        dataset: DatasetKind::Plane,
        hidden: vec![],
        learning_rate: 10.0,
        ..Config::default()
    });
    inspect::set_values(
        &mut playground,
        &[LayerValues {
            weights: vec![vec![1000.0], vec![1000.0]],
            biases: vec![0.0],
        }],
    )
    .unwrap();
    let before = playground.network().clone();
    // At ⟨1000, 1000⟩ each step multiplies the error by about −η(x₁² + x₂²)
    // = −2·10⁷, so within a few dozen steps a weight would overflow.
    let huge = Example {
        x1: 1000.0,
        x2: 1000.0,
        y: 1.0,
    };
    let mut refused = None;
    for _ in 0..100 {
        if let Err(e) = playground.train_example(&huge) {
            refused = Some(e);
            break;
        }
    }
    let err = refused.expect("the weights blow up within 100 steps");
    assert!(err.0.contains("infinite"), "{err}");
    assert!(playground.network().is_finite());
    assert_ne!(
        playground.network(),
        &before,
        "earlier finite steps did apply"
    );
}

#[test]
fn setting_every_weight_refuses_a_bad_value_by_its_course_name() {
    let (mut playground, _) = preset("workedExample");
    let before = playground.network().clone();
    let mut values = vec![
        LayerValues {
            weights: vec![vec![0.3, 0.2], vec![0.1, 5000.0]],
            biases: vec![0.0, 0.0],
        },
        LayerValues {
            weights: vec![vec![1.0], vec![1.0]],
            biases: vec![0.0],
        },
    ];
    let err = inspect::set_values(&mut playground, &values).unwrap_err();
    assert!(err.0.starts_with("w2,4 = 5000 is not allowed"), "{err}");
    assert_eq!(playground.network(), &before, "nothing changed");

    values[0].weights[1][1] = 0.4;
    values[1].biases[0] = f64::INFINITY;
    let err = inspect::set_values(&mut playground, &values).unwrap_err();
    assert!(err.0.starts_with("w0,5 (the threshold of node 5)"), "{err}");
    values[1].biases[0] = 0.0;
    values[1].weights.pop();
    let err = inspect::set_values(&mut playground, &values).unwrap_err();
    assert!(err.0.contains("layer 2 needs 2×1 weights"), "{err}");
    assert_eq!(playground.network(), &before);

    values[1].weights.push(vec![-2.0]);
    inspect::set_values(&mut playground, &values).unwrap();
    assert_eq!(playground.network().layers[0].weights[(1, 1)], 0.4);
    assert_eq!(playground.network().layers[1].weights[(1, 0)], -2.0);
    assert!(
        playground.network().freeze_biases,
        "the preset's thresholds stay frozen"
    );
}
