//! One gradient-descent step on a batch: the code path every kind of training
//! goes through, from the course's per-example update to full-batch descent.

use nalgebra::DMatrix;

use crate::loss::Loss;
use crate::network::{Backward, ForwardPass, Network};
use crate::regularization::Regularization;

/// The hyperparameters of a gradient-descent step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepSettings {
    pub loss: Loss,
    /// η.
    pub learning_rate: f64,
    pub regularization: Regularization,
    /// γ.
    pub regularization_rate: f64,
}

/// Forward pass, backpropagation, then w_ij ← w_ij − η (∂L/∂w_ij + γ ∂R/∂w_ij)
/// for every weight and w_0j ← w_0j − η ∂L/∂w_0j for every bias (unless the
/// biases are frozen). Returns what the pass and backpropagation computed,
/// for anyone who wants to show it.
pub fn train_batch(
    network: &mut Network,
    inputs: DMatrix<f64>,
    targets: &DMatrix<f64>,
    settings: &StepSettings,
) -> (ForwardPass, Backward) {
    let pass = network.forward(inputs);
    let backward = network.backward(&pass, targets, settings.loss);
    let StepSettings {
        learning_rate: eta,
        regularization,
        regularization_rate: gamma,
        ..
    } = *settings;
    let frozen = network.freeze_biases;
    let gradients = &backward.gradients;
    for (l, layer) in network.layers.iter_mut().enumerate() {
        for (w, g) in layer.weights.iter_mut().zip(gradients.weights[l].iter()) {
            *w -= eta * (g + gamma * regularization.derivative(*w));
        }
        if !frozen {
            layer.biases.axpy(-eta, &gradients.biases[l], 1.0);
        }
    }
    (pass, backward)
}
