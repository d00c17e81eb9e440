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
    let mut work = Workspace {
        pass: ForwardPass::of(inputs),
        backward: Backward::empty(),
    };
    train_batch_in(network, optimizer, &mut work, targets, settings, dropout);
    (work.pass, work.backward)
}

/// What a step computes, kept from batch to batch: once the shapes are
/// known a step allocates nothing (tens of matrices a batch otherwise, a
/// fifth of the time of a small network's epoch in the wasm).
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The forward pass; its `input` is the batch to train on.
    pub pass: ForwardPass,
    pub backward: Backward,
}

impl Workspace {
    pub fn new() -> Self {
        Workspace {
            pass: ForwardPass::of(DMatrix::zeros(0, 0)),
            backward: Backward::empty(),
        }
    }
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
}

/// [`train_batch`] on `work.pass.input`, leaving the pass and the
/// backpropagation in `work`: the same steps, the same bits.
pub fn train_batch_in(
    network: &mut Network,
    optimizer: &mut Optimizer,
    work: &mut Workspace,
    targets: &DMatrix<f64>,
    settings: &StepSettings,
    dropout: Option<Dropout<'_>>,
) {
    match dropout {
        Some(Dropout { rates, rng }) => network.forward_into(&mut work.pass, rates, Some(rng)),
        None => network.forward_into(&mut work.pass, &[], None),
    }
    network.backward_into(&work.pass, targets, settings.loss, &mut work.backward);
    optimizer.apply(
        network,
        &work.backward.gradients,
        settings.learning_rate,
        settings.regularization,
        settings.regularization_rate,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Activation;
    use crate::init::InitScheme;
    use crate::loss::Loss;
    use crate::optimizer::{OptimizerKind, OptimizerSettings};

    /// Rows of long mantissas, `count` examples of 3 features.
    fn batch(count: usize, rng: &mut Pcg32) -> DMatrix<f64> {
        DMatrix::from_fn(count, 3, |_, _| rng.next_f64() * 4.0 - 2.0)
    }

    #[test]
    fn a_reused_workspace_trains_exactly_as_fresh_matrices_do() {
        // Batches of several sizes (a last short batch changes every shape),
        // with and without dropout, and layers of each kind of φ.
        let mut rng = Pcg32::new(5, 1);
        let activations = [Activation::Tanh, Activation::Relu, Activation::Sigmoid];
        let network = Network::random(
            &[3, 5, 4, 1],
            &activations,
            InitScheme::Xavier,
            0.5,
            0.1,
            &mut rng,
        );
        let adam = OptimizerSettings {
            kind: OptimizerKind::Adam,
            ..OptimizerSettings::SGD
        };
        let settings = StepSettings {
            loss: Loss::SquaredError,
            learning_rate: 0.1,
            regularization: Regularization::L2,
            regularization_rate: 0.01,
        };
        let (mut fresh, mut reused) = (network.clone(), network);
        let mut fresh_optimizer = Optimizer::new(adam, &fresh);
        let mut reused_optimizer = fresh_optimizer.clone();
        let (mut fresh_masks, mut reused_masks) = (Pcg32::new(9, 7), Pcg32::new(9, 7));
        let mut work = Workspace::new();
        for (i, count) in [10, 10, 3, 10, 1, 7].into_iter().enumerate() {
            let inputs = batch(count, &mut rng);
            let targets = batch(count, &mut rng).columns(0, 1).into_owned();
            let rates = [0.3, 0.0];
            let dropout = |rng| (i % 2 == 1).then_some(Dropout { rates: &rates, rng });
            let (pass, backward) = train_batch(
                &mut fresh,
                &mut fresh_optimizer,
                inputs.clone(),
                &targets,
                &settings,
                dropout(&mut fresh_masks),
            );
            work.pass.input = inputs;
            train_batch_in(
                &mut reused,
                &mut reused_optimizer,
                &mut work,
                &targets,
                &settings,
                dropout(&mut reused_masks),
            );
            assert_eq!(reused, fresh, "batch {i}: the weights");
            assert_eq!(work.backward.gradients, backward.gradients, "batch {i}");
            assert_eq!(work.backward.deltas, backward.deltas, "batch {i}");
            assert_eq!(work.pass.nets, pass.nets, "batch {i}");
            assert_eq!(work.pass.outputs, pass.outputs, "batch {i}");
            assert_eq!(work.pass.masks, pass.masks, "batch {i}");
        }
        assert_eq!(reused_optimizer.state(), fresh_optimizer.state());
    }
}
