//! Backpropagation against finite differences, for every hidden activation ×
//! output activation × loss, on a network with two hidden layers and biases.

use backprop_playground::init::InitScheme;
use backprop_playground::rng::Pcg32;
use backprop_playground::{Activation, Loss, Network};
use nalgebra::DMatrix;

/// The largest relative error accepted: ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖).
const MAX_RELATIVE_ERROR: f64 = 1e-6;

fn batch(rng: &mut Pcg32, rows: usize, cols: usize, low: f64, high: f64) -> DMatrix<f64> {
    DMatrix::from_fn(rows, cols, |_, _| rng.uniform(low, high))
}

/// Central differences of the mean batch loss with respect to every weight
/// and bias, in the order [layer 0 weights (column-major), layer 0 biases, ...].
fn numeric_gradient(
    network: &Network,
    inputs: &DMatrix<f64>,
    targets: &DMatrix<f64>,
    loss: Loss,
) -> Vec<f64> {
    let h = 1e-6;
    let loss_of = |net: &Network| Network::loss(&net.forward(inputs.clone()), targets, loss);
    let mut out = Vec::new();
    for l in 0..network.layers.len() {
        for k in 0..network.layers[l].weights.len() {
            let mut plus = network.clone();
            plus.layers[l].weights[k] += h;
            let mut minus = network.clone();
            minus.layers[l].weights[k] -= h;
            out.push((loss_of(&plus) - loss_of(&minus)) / (2.0 * h));
        }
        for k in 0..network.layers[l].biases.len() {
            let mut plus = network.clone();
            plus.layers[l].biases[k] += h;
            let mut minus = network.clone();
            minus.layers[l].biases[k] -= h;
            out.push((loss_of(&plus) - loss_of(&minus)) / (2.0 * h));
        }
    }
    out
}

fn analytic_gradient(
    network: &Network,
    inputs: &DMatrix<f64>,
    targets: &DMatrix<f64>,
    loss: Loss,
) -> Vec<f64> {
    let pass = network.forward(inputs.clone());
    let gradients = network.backward(&pass, targets, loss).gradients;
    let mut out = Vec::new();
    for l in 0..network.layers.len() {
        out.extend(gradients.weights[l].iter());
        out.extend(gradients.biases[l].iter());
    }
    out
}

fn relative_error(a: &[f64], b: &[f64]) -> f64 {
    let diff: f64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| (x - y).powi(2))
        .sum::<f64>()
        .sqrt();
    let norm_a: f64 = a.iter().map(|x| x * x).sum::<f64>().sqrt();
    let norm_b: f64 = b.iter().map(|x| x * x).sum::<f64>().sqrt();
    diff / (norm_a + norm_b)
}

fn check(hidden: Activation, output: Activation, loss: Loss, seed: u64) {
    let mut rng = Pcg32::new(seed, 9);
    // 3 inputs → 4 → 3 → 2 outputs, biases non-zero so their gradients matter.
    let mut network = Network::random(
        &[3, 4, 3, 2],
        &[hidden, hidden, output],
        InitScheme::Uniform,
        0.8,
        0.0,
        &mut rng,
    );
    for layer in &mut network.layers {
        for b in layer.biases.iter_mut() {
            *b = rng.uniform(-0.5, 0.5);
        }
    }
    let inputs = batch(&mut rng, 6, 3, -2.0, 2.0);
    let targets = match loss {
        Loss::BinaryCrossEntropy => {
            DMatrix::from_fn(6, 2, |_, _| f64::from(u8::from(rng.next_f64() < 0.5)))
        }
        Loss::SoftmaxCrossEntropy => {
            let classes: Vec<usize> = (0..6).map(|_| rng.below(2) as usize).collect();
            DMatrix::from_fn(6, 2, |h, j| f64::from(u8::from(classes[h] == j)))
        }
        Loss::SquaredError => batch(&mut rng, 6, 2, -1.0, 1.0),
    };
    let analytic = analytic_gradient(&network, &inputs, &targets, loss);
    let numeric = numeric_gradient(&network, &inputs, &targets, loss);
    let error = relative_error(&analytic, &numeric);
    assert!(
        error < MAX_RELATIVE_ERROR,
        "{hidden:?} hidden, {output:?} output, {loss:?}: relative error {error:e}"
    );
    // And element by element, so one wrong weight cannot hide in the norm.
    for (k, (a, n)) in analytic.iter().zip(&numeric).enumerate() {
        assert!(
            (a - n).abs() < 1e-7 + 1e-5 * a.abs(),
            "{hidden:?}/{output:?}/{loss:?} parameter {k}: {a} vs {n}"
        );
    }
}

/// Every differentiable element-wise activation (step's derivative is
/// defined as 0, so finite differences, which see its jumps, do not apply).
fn differentiable() -> impl Iterator<Item = Activation> {
    Activation::ELEMENTWISE
        .into_iter()
        .filter(|&a| a != Activation::Step)
}

#[test]
fn squared_error_with_every_activation() {
    for hidden in differentiable() {
        for output in differentiable().chain([Activation::Softmax]) {
            check(hidden, output, Loss::SquaredError, 1);
        }
    }
}

#[test]
fn binary_cross_entropy_with_every_hidden_activation() {
    // Cross-entropy needs outputs in (0, 1): a sigmoid output node.
    for hidden in differentiable() {
        check(hidden, Activation::Sigmoid, Loss::BinaryCrossEntropy, 2);
    }
}

#[test]
fn softmax_cross_entropy_with_every_hidden_activation() {
    for hidden in differentiable() {
        check(hidden, Activation::Softmax, Loss::SoftmaxCrossEntropy, 3);
    }
}

#[test]
fn step_passes_no_gradient_back() {
    let mut rng = Pcg32::new(5, 9);
    let network = Network::random(
        &[2, 3, 1],
        &[Activation::Step, Activation::Sigmoid],
        InitScheme::Uniform,
        0.5,
        0.0,
        &mut rng,
    );
    let pass = network.forward(batch(&mut rng, 4, 2, -1.0, 1.0));
    let gradients = network
        .backward(&pass, &DMatrix::from_element(4, 1, 1.0), Loss::SquaredError)
        .gradients;
    assert!(gradients.weights[0].iter().all(|&g| g == 0.0));
    assert!(gradients.weights[1].iter().any(|&g| g != 0.0));
}

#[test]
fn frozen_biases_get_no_gradient() {
    let mut rng = Pcg32::new(4, 9);
    let mut network = Network::random(
        &[2, 3, 1],
        &[Activation::Tanh, Activation::Sigmoid],
        InitScheme::Uniform,
        0.5,
        0.2,
        &mut rng,
    );
    network.freeze_biases = true;
    let inputs = batch(&mut rng, 4, 2, -1.0, 1.0);
    let targets = DMatrix::from_element(4, 1, 1.0);
    let pass = network.forward(inputs);
    let gradients = network
        .backward(&pass, &targets, Loss::SquaredError)
        .gradients;
    assert!(gradients.biases.iter().all(|b| b.iter().all(|&g| g == 0.0)));
    assert!(gradients
        .weights
        .iter()
        .any(|w| w.iter().any(|&g| g != 0.0)));
}
