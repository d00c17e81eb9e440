//! The inspector's textbook exercises (`inspect/exercise.rs`): a network of
//! its own with k sigmoid (or linear) outputs, ½ squared error summed over
//! them, real targets, typed biases that are trained or held, and η.
//!
//! Golden values: the classic 2-2-2 example (inputs 0.05, 0.10; targets 0.01,
//! 0.99; input → hidden weights 0.15, 0.20, 0.25, 0.30; hidden → output 0.40,
//! 0.45, 0.50, 0.55; hidden thresholds 0.35, output thresholds 0.60; η = 0.5).
//! The expected numbers below were computed independently, once, by a short
//! python3 script that does the pass node by node without matrices:
//! net3 = w13·x1 + w23·x2 + b3, o3 = 1/(1 + e^−net3) (likewise 4, and 5, 6
//! from o3, o4), L = ½(y5 − o5)² + ½(y6 − o6)²; by the chain rule
//! δ5 = (o5 − y5)·o5(1 − o5), δ3 = (w35 δ5 + w36 δ6)·o3(1 − o3),
//! new w_ij = w_ij − η o_i δ_j; printed with repr() (17 significant digits).
//! The published rounded values agree: total error 0.298371109, new w5 (our
//! w₃₅) 0.35891648, new w1 (our w₁₃) 0.149780716.

use backprop_playground::inspect::exercise::{Exercise, ExerciseExample, ExerciseSpec, LIMITS};
use backprop_playground::inspect::{LayerValues, Trace};
use backprop_playground::Activation;

const TOLERANCE: f64 = 1e-9;

fn close(what: &str, actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= TOLERANCE,
        "{what}: {actual} but {expected} was computed by hand"
    );
}

/// The 2-2-2 example; nodes 1, 2 → 3, 4 → 5, 6.
fn textbook(train_biases: bool) -> ExerciseSpec {
    ExerciseSpec {
        sizes: vec![2, 2, 2],
        hidden_activation: Activation::Sigmoid,
        output_activation: Activation::Sigmoid,
        train_biases,
        learning_rate: 0.5,
        layers: vec![
            // rows i = 1, 2; columns j = 3, 4: w13 = 0.15, w23 = 0.20, w14 = 0.25, w24 = 0.30.
            LayerValues {
                weights: vec![vec![0.15, 0.25], vec![0.20, 0.30]],
                biases: vec![0.35, 0.35],
            },
            // rows i = 3, 4; columns j = 5, 6: w35 = 0.40, w45 = 0.45, w36 = 0.50, w46 = 0.55.
            LayerValues {
                weights: vec![vec![0.40, 0.50], vec![0.45, 0.55]],
                biases: vec![0.60, 0.60],
            },
        ],
        examples: vec![ExerciseExample {
            inputs: vec![0.05, 0.10],
            targets: vec![0.01, 0.99],
        }],
    }
}

#[test]
fn the_textbook_2_2_2_example_matches_the_hand_computation() {
    let exercise = Exercise::new(textbook(false)).expect("the example is valid");
    let t = exercise.inspect(0).expect("example 1 exists");
    let (hidden, output) = (&t.layers[0], &t.layers[1]);

    close("net3", hidden.units[0].net, 0.3775);
    close("o3", hidden.units[0].out, 0.5932699921071872);
    close("net4", hidden.units[1].net, 0.39249999999999996);
    close("o4", hidden.units[1].out, 0.596884378259767);
    close("net5", output.units[0].net, 1.10590596705977);
    close("o5", output.units[0].out, 0.7513650695523157);
    close("net6", output.units[1].net, 1.2249214040964653);
    close("o6", output.units[1].out, 0.7729284653214625);
    close("L = ½ Σ_k (y_k − o_k)²", t.loss_value, 0.2983711087600027);

    close(
        "∂L/∂o5 = o5 − y5",
        output.units[0].output_gradient,
        0.7513650695523157 - 0.01,
    );
    close("δ5", output.units[0].delta, 0.13849856162855695);
    close("δ6", output.units[1].delta, -0.038098236516556236);
    close(
        "∂L/∂o3 = w35 δ5 + w36 δ6",
        hidden.units[0].output_gradient,
        0.03635030639314466,
    );
    close(
        "∂L/∂o4",
        hidden.units[1].output_gradient,
        0.0413703226487447,
    );
    close("δ3", hidden.units[0].delta, 0.00877135468948693);
    close("δ4", hidden.units[1].delta, 0.009954254705217196);
    close(
        "∂L/∂x1 = w13 δ3 + w14 δ4",
        t.inputs[0].gradient,
        0.0038042668797273384,
    );

    close(
        "∂L/∂w35 = o3 δ5",
        output.weights[0][0].gradient,
        0.5932699921071872 * 0.13849856162855695,
    );
    close("new w35", output.weights[0][0].after, 0.35891647971788465);
    close("new w45", output.weights[1][0].after, 0.4086661860762334);
    close("new w36", output.weights[0][1].after, 0.5113012702387375);
    close("new w46", output.weights[1][1].after, 0.5613701211079891);
    close("new w13", hidden.weights[0][0].after, 0.1497807161327628);
    close("new w23", hidden.weights[1][0].after, 0.19956143226552567);
    close("new w14", hidden.weights[0][1].after, 0.24975114363236958);
    close("new w24", hidden.weights[1][1].after, 0.29950228726473915);
    close(
        "update of w35 = −η o3 δ5",
        output.weights[0][0].update,
        0.35891647971788465 - 0.40,
    );

    // Biases held: the thresholds keep their typed values.
    assert!(t.frozen_biases);
    for layer in &t.layers {
        for b in &layer.biases {
            assert_eq!((b.gradient, b.update, b.after), (0.0, 0.0, b.before));
        }
    }
    assert!(t.is_plain_gradient_descent());
}

#[test]
fn trained_biases_move_by_eta_delta() {
    let t = Exercise::new(textbook(true))
        .expect("valid")
        .inspect(0)
        .expect("example 1");
    assert!(!t.frozen_biases);
    // b5 − η δ5 and b3 − η δ3 from the same script.
    close("new w05", t.layers[1].biases[0].after, 0.5307507191857215);
    close("new w03", t.layers[0].biases[0].after, 0.3456143226552565);
    // Weights do not depend on whether the biases move in this step.
    close(
        "new w35",
        t.layers[1].weights[0][0].after,
        0.35891647971788465,
    );
}

#[test]
fn applying_takes_exactly_the_inspected_step_and_the_next_starts_there() {
    let mut exercise = Exercise::new(textbook(false)).expect("valid");
    let shown = exercise.inspect(0).expect("valid");
    assert_eq!(
        exercise.inspect(0).expect("valid"),
        shown,
        "inspecting changes nothing"
    );
    let taken = exercise.train(0).expect("valid");
    assert_eq!(taken, shown);
    let next = exercise.inspect(0).expect("valid");
    assert_eq!(
        next.layers[1].weights[0][0].before,
        shown.layers[1].weights[0][0].after
    );
    assert!(
        next.loss_value < shown.loss_value,
        "one step of descent lowers this example's loss"
    );
    let spec = exercise.spec();
    assert_eq!(
        spec.layers[1].weights[0][0],
        shown.layers[1].weights[0][0].after
    );
    assert_eq!(spec.layers[0].biases, vec![0.35, 0.35]);
    assert!(exercise.inspect(1).is_err(), "only one example");
}

/// A spec of the given sizes with distinct non-trivial weights.
fn shaped(sizes: &[usize], hidden: Activation, output: Activation) -> ExerciseSpec {
    let mut k = 0.0_f64;
    let mut value = || {
        k += 1.0;
        (k * 0.7).sin() * 0.8
    };
    let layers = sizes
        .windows(2)
        .map(|p| LayerValues {
            weights: (0..p[0])
                .map(|_| (0..p[1]).map(|_| value()).collect())
                .collect(),
            biases: (0..p[1]).map(|_| value()).collect(),
        })
        .collect();
    let inputs = (0..sizes[0]).map(|i| 0.3 - 0.4 * i as f64).collect();
    let targets = (0..sizes[sizes.len() - 1])
        .map(|k| 0.2 + 0.25 * k as f64)
        .collect();
    ExerciseSpec {
        sizes: sizes.to_vec(),
        hidden_activation: hidden,
        output_activation: output,
        train_biases: true,
        learning_rate: 0.1,
        layers,
        examples: vec![ExerciseExample { inputs, targets }],
    }
}

fn loss_of(spec: &ExerciseSpec) -> f64 {
    Exercise::new(spec.clone())
        .expect("valid")
        .inspect(0)
        .expect("valid")
        .loss_value
}

/// ∂L/∂w_ij, ∂L/∂w_0j and ∂L/∂x_i of the trace against central differences of
/// L = ½ Σ_k (y_k − ŷ_k)², for several outputs, shapes and φ.
#[test]
fn multi_output_squared_error_gradients_match_finite_differences() {
    use Activation::{Linear, Relu, Sigmoid, Tanh};
    let cases: [(&[usize], Activation, Activation); 6] = [
        (&[2, 2, 2], Sigmoid, Sigmoid),
        (&[2, 3, 2], Sigmoid, Sigmoid),
        (&[3, 2, 1], Sigmoid, Sigmoid),
        (&[2, 4, 3, 4], Tanh, Linear),
        (&[4, 2, 3], Sigmoid, Linear),
        (&[1, 3, 2, 2, 3], Relu, Sigmoid),
    ];
    let h = 1e-6;
    for (sizes, hidden, output) in cases {
        let spec = shaped(sizes, hidden, output);
        let trace: Trace = Exercise::new(spec.clone())
            .expect("valid")
            .inspect(0)
            .expect("valid");
        let check = |what: String, analytic: f64, nudge: &dyn Fn(&mut ExerciseSpec, f64)| {
            let (mut plus, mut minus) = (spec.clone(), spec.clone());
            nudge(&mut plus, h);
            nudge(&mut minus, -h);
            let numeric = (loss_of(&plus) - loss_of(&minus)) / (2.0 * h);
            assert!(
                (numeric - analytic).abs() <= 1e-7 * analytic.abs().max(1.0),
                "{sizes:?} {hidden:?}/{output:?} {what}: trace {analytic}, finite differences {numeric}"
            );
        };
        let mut checked = 0;
        for (l, layer) in trace.layers.iter().enumerate() {
            for (i, row) in layer.weights.iter().enumerate() {
                for (j, w) in row.iter().enumerate() {
                    check(format!("w[{l}][{i}][{j}]"), w.gradient, &|s, d| {
                        s.layers[l].weights[i][j] += d;
                    });
                    checked += 1;
                }
            }
            for (j, b) in layer.biases.iter().enumerate() {
                check(format!("b[{l}][{j}]"), b.gradient, &|s, d| {
                    s.layers[l].biases[j] += d;
                });
                checked += 1;
            }
        }
        for (i, x) in trace.inputs.iter().enumerate() {
            check(format!("x{i}"), x.gradient, &|s, d| {
                s.examples[0].inputs[i] += d;
            });
        }
        let parameters: usize = sizes.windows(2).map(|p| (p[0] + 1) * p[1]).sum();
        assert_eq!(checked, parameters);
        // The loss is summed over the k outputs, not averaged.
        let outputs = &trace.layers[trace.layers.len() - 1].units;
        let sum: f64 = outputs
            .iter()
            .map(|u| 0.5 * (u.target.expect("an output has a target") - u.out).powi(2))
            .sum();
        close("L = ½ Σ_k (y_k − ŷ_k)²", trace.loss_value, sum);
    }
}

#[test]
fn every_shape_within_the_limits_is_accepted() {
    for sizes in [
        vec![1, 1],
        vec![3, 2, 1],
        vec![2, 3, 2],
        vec![
            LIMITS.max_inputs,
            LIMITS.max_units,
            LIMITS.max_units,
            LIMITS.max_units,
            LIMITS.max_outputs,
        ],
    ] {
        let spec = shaped(&sizes, Activation::Sigmoid, Activation::Sigmoid);
        let exercise = Exercise::new(spec).unwrap_or_else(|e| panic!("{sizes:?}: {e}"));
        assert_eq!(exercise.sizes(), sizes);
    }
}

#[test]
fn refusals_name_the_field() {
    let refused = |change: &dyn Fn(&mut ExerciseSpec)| {
        let mut spec = textbook(false);
        change(&mut spec);
        Exercise::new(spec).expect_err("refused")
    };
    let e = refused(&|s| s.sizes = vec![2, 5, 2]);
    assert_eq!(e.field, "sizes");
    assert!(
        e.message
            .contains("hidden layer 1 has 5 units; 1 to 4 allowed"),
        "{e}"
    );
    let e = refused(&|s| s.sizes = vec![5, 2]);
    assert!(e.message.starts_with("Layer sizes 5-2: 5 inputs"), "{e}");
    let e = refused(&|s| s.sizes = vec![2, 1, 1, 1, 1, 2]);
    assert!(e.message.contains("0 to 3 hidden layers"), "{e}");
    let e = refused(&|s| s.output_activation = Activation::Softmax);
    assert_eq!(e.field, "outputActivation");
    let e = refused(&|s| s.learning_rate = 0.0);
    assert_eq!(
        (e.field.as_str(), e.message.starts_with("η = 0")),
        ("eta", true),
        "{e}"
    );
    let e = refused(&|s| s.examples[0].targets[1] = f64::NAN);
    assert_eq!(e.field, "y2");
    let e = refused(&|s| s.examples[0].inputs[0] = 1e6);
    assert_eq!(e.field, "x1");
    let e = refused(&|s| s.examples[0].inputs.push(1.0));
    assert!(e.message.contains("3 inputs and 2 targets given"), "{e}");
    let e = refused(&|s| s.layers[1].weights[1][0] = 2000.0);
    assert_eq!(e.field, "w4,5");
    assert!(e.message.starts_with("w4,5 = 2000 is not allowed"), "{e}");
    let e = refused(&|s| s.layers[1].biases[1] = f64::INFINITY);
    assert!(
        e.message.starts_with("w0,6 (the threshold of node 6)"),
        "{e}"
    );
    let e = refused(&|s| s.layers.truncate(1));
    assert_eq!(e.field, "layers");
    let e = refused(&|s| s.examples.clear());
    assert_eq!(e.field, "examples");
}
