//! One gradient-descent step on a batch: the code path every kind of training
//! goes through, from the course's per-example update to full-batch descent.

use nalgebra::DMatrix;

use crate::loss::Loss;
use crate::network::{Backward, ForwardPass, Network};
use crate::optimizer::Optimizer;
use crate::regularization::Regularization;
use crate::rng::Pcg32;

/// The hyperparameters of a gradient-descent step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepSettings {
    pub loss: Loss,
    /// η for this step (the schedule may change it between epochs).
    pub learning_rate: f64,
    pub regularization: Regularization,
    /// γ.
    pub regularization_rate: f64,
}

/// Dropout while training: a rate per layer and the generator its masks come from.
#[derive(Debug)]
pub struct Dropout<'a> {
    pub rates: &'a [f64],
    pub rng: &'a mut Pcg32,
}

/// Forward pass (with dropout masks, if any), backpropagation, then one
/// optimizer update of every weight and bias. With plain SGD the update is
/// w_ij ← w_ij − η (∂L/∂w_ij + γ ∂R/∂w_ij). Returns what the pass and
/// backpropagation computed, for anyone who wants to show it.
pub fn train_batch(
    network: &mut Network,
    optimizer: &mut Optimizer,
    inputs: DMatrix<f64>,
    targets: &DMatrix<f64>,
    settings: &StepSettings,
    dropout: Option<Dropout<'_>>,
) -> (ForwardPass, Backward) {
    let pass = match dropout {
        Some(Dropout { rates, rng }) => network.forward_with_dropout(inputs, rates, Some(rng)),
        None => network.forward(inputs),
    };
    let backward = network.backward(&pass, targets, settings.loss);
    optimizer.apply(
        network,
        &backward.gradients,
        settings.learning_rate,
        settings.regularization,
        settings.regularization_rate,
    );
    (pass, backward)
}
