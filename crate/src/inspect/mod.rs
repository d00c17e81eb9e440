//! The backprop inspector: one per-example gradient step written out quantity
//! by quantity, in the course's notation, for a student to check by hand.
//!
//! Nothing here computes a forward pass, a δ or an update of its own. [`step`]
//! runs the trainer's [`train_batch`] on a batch of one example and reads what
//! it computed: net_j and o_j from its forward pass, δ_j and ∂L/∂w_ij from its
//! backpropagation, and the update as the difference the optimizer made to
//! each weight. So the numbers on the page are the trainer's own, and the new
//! weights are exactly what training that example with batch size 1 produces.
//!
//! Sign convention (the notes' worked example, and the trainer's):
//! δ_j = ∂L/∂net_j, so δ_out = (ŷ − y)·φ′(net) for ½ squared error, and
//! w_ij ← w_ij − η o_i δ_j.

use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

use crate::activation::Activation;
use crate::config::ValidConfig;
use crate::data;
use crate::loss::{Loss, OutputRule};
use crate::network::Network;
use crate::optimizer::{Optimizer, OptimizerKind};
use crate::playground::{self, EditError, Playground, MAX_EDITED_WEIGHT};
use crate::regularization::Regularization;
use crate::train::{train_batch, StepSettings};

pub mod exercise;
mod presets;

pub use presets::{presets, Preset};

/// Largest magnitude of an inspected example's x₁, x₂ or y.
pub const MAX_EXAMPLE_VALUE: f64 = 1000.0;

/// One training example: a point of the input plane and its label y (the
/// target with one output node, the class with k outputs).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Example {
    pub x1: f64,
    pub x2: f64,
    pub y: f64,
}

/// An input node i: o_i = x_i (the feature's value) and ∂L/∂x_i = Σ_j w_ij δ_j.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct InputTrace {
    pub value: f64,
    pub gradient: f64,
}

/// A node j after the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct UnitTrace {
    /// net_j = Σ_i w_ij o_i + w_0j.
    pub net: f64,
    /// o_j = φ(net_j) (ŷ_j for an output node).
    pub out: f64,
    /// ∂L/∂o_j: ∂L/∂ŷ_j for an output node, Σ_k w_jk δ_k for a hidden one.
    pub output_gradient: f64,
    /// φ′(net_j); `None` for softmax, whose derivative is a matrix.
    pub derivative: Option<f64>,
    /// δ_j = ∂L/∂net_j.
    pub delta: f64,
    /// y_j, for an output node.
    pub target: Option<f64>,
}

/// One weight w_ij (or a bias w_0j, whose o_i is 1) through the step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct WeightTrace {
    /// w_ij before the step.
    pub before: f64,
    /// o_i, the value travelling along the link (1 for a bias).
    pub input: f64,
    /// δ_j of the node the link enters.
    pub delta: f64,
    /// ∂L/∂w_ij = o_i δ_j as the trainer computed it (0 for a frozen bias).
    pub gradient: f64,
    /// γ ∂R/∂w_ij, the penalty's share of the gradient (0 without
    /// regularization, and for biases).
    pub penalty: f64,
    /// The change the optimizer made: −η (∂L/∂w_ij + γ ∂R/∂w_ij) for plain
    /// gradient descent, the optimizer's own step otherwise.
    pub update: f64,
    /// w_ij after the step.
    pub after: f64,
}

/// One layer after the inputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LayerTrace {
    pub activation: Activation,
    pub units: Vec<UnitTrace>,
    /// `weights[i][j]`: from node i of the previous layer to unit j.
    pub weights: Vec<Vec<WeightTrace>>,
    pub biases: Vec<WeightTrace>,
}

/// Everything one per-example step computed, layer by layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Trace {
    pub loss: Loss,
    /// L for this example: Σ_j L(y_j, ŷ_j).
    pub loss_value: f64,
    /// η of this step.
    pub learning_rate: f64,
    pub optimizer: OptimizerKind,
    pub regularization: Regularization,
    /// γ.
    pub regularization_rate: f64,
    pub frozen_biases: bool,
    /// How the output δ is formed.
    pub output_rule: OutputRule,
    pub inputs: Vec<InputTrace>,
    pub layers: Vec<LayerTrace>,
}

impl Trace {
    /// True when every update is −η o_i δ_j: plain gradient descent, no penalty.
    pub fn is_plain_gradient_descent(&self) -> bool {
        self.optimizer == OptimizerKind::Sgd
            && (self.regularization == Regularization::None || self.regularization_rate == 0.0)
    }
}

/// The inputs and targets rows of one example for a run's network, or why
/// the example does not fit it (the message names the field).
pub fn example_rows(
    config: &ValidConfig,
    example: &Example,
) -> Result<(DMatrix<f64>, DMatrix<f64>), EditError> {
    for (name, value) in [("x₁", example.x1), ("x₂", example.x2), ("y", example.y)] {
        if !(value.is_finite() && value.abs() <= MAX_EXAMPLE_VALUE) {
            return Err(EditError(format!(
                "{name} = {value} is not allowed: a number from −{MAX_EXAMPLE_VALUE} to {MAX_EXAMPLE_VALUE}"
            )));
        }
    }
    let outputs = config.outputs();
    let y = example.y;
    if outputs > 1 {
        if y.fract() != 0.0 || y < 0.0 || y >= outputs as f64 {
            return Err(EditError(format!(
                "y = {y} is not a class of this network: a class 0 to {} allowed",
                outputs - 1
            )));
        }
    } else if config.classes().is_some() && !(0.0..=1.0).contains(&y) {
        return Err(EditError(format!(
            "y = {y} is out of range: the output ŷ is the probability of class 1, so a target from 0 to 1 allowed"
        )));
    }
    let features = &config.get().features;
    let inputs = data::feature_matrix(features, [(example.x1, example.x2)].into_iter());
    let targets = DMatrix::from_fn(1, outputs, |_, j| playground::target(y, outputs, j));
    Ok((inputs, targets))
}

/// [`step`], taken back when it would leave a weight non-finite: then
/// nothing has changed and the error says η is too large.
pub fn checked_step(
    network: &mut Network,
    optimizer: &mut Optimizer,
    inputs: DMatrix<f64>,
    targets: &DMatrix<f64>,
    settings: &StepSettings,
) -> Result<Trace, String> {
    let (kept_network, kept_optimizer) = (network.clone(), optimizer.clone());
    let trace = step(network, optimizer, inputs, targets, settings);
    if network.is_finite() {
        return Ok(trace);
    }
    (*network, *optimizer) = (kept_network, kept_optimizer);
    Err(format!(
        "this step would make a weight infinite (η = {} is too large for this example); nothing was changed",
        crate::readable::number(settings.learning_rate)
    ))
}

/// One step of `optimizer` on one example (`inputs` and `targets` have one
/// row) through [`train_batch`], without dropout, traced. `network` and
/// `optimizer` change exactly as training would change them.
pub fn step(
    network: &mut Network,
    optimizer: &mut Optimizer,
    inputs: DMatrix<f64>,
    targets: &DMatrix<f64>,
    settings: &StepSettings,
) -> Trace {
    let before = network.clone();
    let (pass, backward) = train_batch(network, optimizer, inputs, targets, settings, None);
    let after = &*network;
    let count = before.layers.len();
    let upstream = |l: usize| before.output_gradients(l, &backward.deltas[l]);
    let gamma = settings.regularization_rate;

    let input_gradients = upstream(0);
    let inputs = (0..pass.input.ncols())
        .map(|i| InputTrace {
            value: pass.input[(0, i)],
            gradient: input_gradients[(0, i)],
        })
        .collect();

    let layers = (0..count)
        .map(|l| {
            let layer = &before.layers[l];
            let is_output = l + 1 == count;
            let hidden_gradients = (!is_output).then(|| upstream(l + 1));
            let units = (0..layer.units())
                .map(|j| {
                    let (net, out) = (pass.nets[l][(0, j)], pass.outputs[l][(0, j)]);
                    let target = is_output.then(|| targets[(0, j)]);
                    let output_gradient = match (&hidden_gradients, target) {
                        (Some(g), _) => g[(0, j)],
                        (None, Some(y)) => settings.loss.derivative(y, out),
                        (None, None) => f64::NAN,
                    };
                    UnitTrace {
                        net,
                        out,
                        output_gradient,
                        derivative: (layer.activation != Activation::Softmax)
                            .then(|| layer.activation.derivative(net, out)),
                        delta: backward.deltas[l][(0, j)],
                        target,
                    }
                })
                .collect();
            let o = pass.layer_input(l);
            let weights = (0..layer.inputs())
                .map(|i| {
                    (0..layer.units())
                        .map(|j| {
                            let w = layer.weights[(i, j)];
                            let new = after.layers[l].weights[(i, j)];
                            WeightTrace {
                                before: w,
                                input: o[(0, i)],
                                delta: backward.deltas[l][(0, j)],
                                gradient: backward.gradients.weights[l][(i, j)],
                                penalty: gamma * settings.regularization.derivative(w),
                                update: new - w,
                                after: new,
                            }
                        })
                        .collect()
                })
                .collect();
            let biases = (0..layer.units())
                .map(|j| {
                    let (b, new) = (layer.biases[j], after.layers[l].biases[j]);
                    WeightTrace {
                        before: b,
                        input: 1.0,
                        delta: backward.deltas[l][(0, j)],
                        gradient: backward.gradients.biases[l][j],
                        penalty: 0.0,
                        update: new - b,
                        after: new,
                    }
                })
                .collect();
            LayerTrace {
                activation: layer.activation,
                units,
                weights,
                biases,
            }
        })
        .collect();

    let output_activation = before
        .layers
        .last()
        .map_or(Activation::Linear, |l| l.activation);
    Trace {
        loss: settings.loss,
        loss_value: Network::loss(&pass, targets, settings.loss),
        learning_rate: settings.learning_rate,
        optimizer: optimizer.settings.kind,
        regularization: settings.regularization,
        regularization_rate: gamma,
        frozen_biases: before.freeze_biases,
        output_rule: settings.loss.output_rule(output_activation),
        inputs,
        layers,
    }
}

/// The values of one layer's weights and biases, typed by hand or from a
/// preset: `weights[i][j]` = w_ij, one bias w_0j per unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LayerValues {
    pub weights: Vec<Vec<f64>>,
    pub biases: Vec<f64>,
}

/// The course's number of node `unit` of `layer` (0 = the inputs): nodes are
/// numbered 1, 2, … layer by layer from the inputs, as in the worked example
/// (inputs 1, 2 → hidden 3, 4 → output 5).
pub fn node_number(sizes: &[usize], layer: usize, unit: usize) -> usize {
    sizes[..layer].iter().sum::<usize>() + unit + 1
}

/// Sets every weight and bias of the run's network at once, keeping its
/// shape, φ and frozen thresholds; the optimizer starts afresh. Nothing
/// changes unless every value fits: the error names the first bad weight
/// in the course's numbering (w1,3, or w0,3 for node 3's threshold).
pub fn set_values(playground: &mut Playground, values: &[LayerValues]) -> Result<(), EditError> {
    let mut network = playground.network().clone();
    write_values(&mut network, values).map_err(|e| EditError(e.message))?;
    playground.set_network(network)
}

/// A refused value: `field` is its stable name (`w1,3`, `w0,5`, `x1`, `y2`,
/// `sizes`, `eta`, …) for the page to mark the box; `message` names it for a
/// person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub(crate) fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}

/// Writes every weight and threshold of `values` into `network`, which keeps
/// its shape and φ. The one rule for typed weights: each within
/// ±[`MAX_EDITED_WEIGHT`]. On an error `network` may be half written: callers
/// write into a copy.
pub(crate) fn write_values(
    network: &mut Network,
    values: &[LayerValues],
) -> Result<(), FieldError> {
    let sizes = network.sizes();
    if values.len() != network.layers.len() {
        return Err(FieldError::new(
            "layers",
            format!(
                "{} layers of weights given, but the network has {}",
                values.len(),
                network.layers.len()
            ),
        ));
    }
    for (l, (layer, given)) in network.layers.iter_mut().zip(values).enumerate() {
        let (rows, cols) = layer.weights.shape();
        if given.weights.len() != rows
            || given.weights.iter().any(|row| row.len() != cols)
            || given.biases.len() != cols
        {
            return Err(FieldError::new(
                "layers",
                format!(
                    "layer {} needs {rows}×{cols} weights and {cols} thresholds",
                    l + 1
                ),
            ));
        }
        let cells = given
            .weights
            .iter()
            .enumerate()
            .flat_map(|(i, row)| row.iter().enumerate().map(move |(j, &v)| (Some(i), j, v)))
            .chain(given.biases.iter().enumerate().map(|(j, &v)| (None, j, v)));
        for (i, j, value) in cells {
            if !(value.is_finite() && value.abs() <= MAX_EDITED_WEIGHT) {
                let to = node_number(&sizes, l + 1, j);
                let from = i.map_or(0, |i| node_number(&sizes, l, i));
                let field = format!("w{from},{to}");
                let name = match i {
                    Some(_) => field.clone(),
                    None => format!("{field} (the threshold of node {to})"),
                };
                return Err(FieldError::new(
                    field,
                    format!(
                        "{name} = {value} is not allowed: a weight or threshold from −{MAX_EDITED_WEIGHT} to {MAX_EDITED_WEIGHT}"
                    ),
                ));
            }
            match i {
                Some(i) => layer.weights[(i, j)] = value,
                None => layer.biases[j] = value,
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_a_valid_run_with_matching_values_and_examples() {
        for preset in presets() {
            let valid = preset.config.clone().validate().expect(preset.id);
            let mut run = Playground::new(valid);
            set_values(&mut run, &preset.layers).expect(preset.id);
            for example in &preset.examples {
                run.inspect_example(example).expect(preset.id);
            }
        }
    }

    #[test]
    fn node_numbers_follow_the_course() {
        let sizes = [2, 2, 1];
        assert_eq!(node_number(&sizes, 0, 1), 2);
        assert_eq!(node_number(&sizes, 1, 0), 3);
        assert_eq!(node_number(&sizes, 2, 0), 5);
    }
}
