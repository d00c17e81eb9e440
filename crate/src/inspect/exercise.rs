//! A textbook exercise: a small network of its own, independent of the
//! running Playground and its config, for the worked examples of textbooks and
//! tutorials that the page's classification and regression runs cannot hold.
//!
//! Such an example has any small layer sizes (2-2-2, 2-3-2, 3-2-1, …), k
//! sigmoid (or linear) outputs with ½ squared error summed over them,
//! L = ½ Σ_k (y_k − ŷ_k)², real targets such as 0.01 and 0.99, its own input
//! values (not features of a point of the plane), biases that are trained or
//! held, and η. It is stepped by the same [`super::step`] as a run, so through
//! [`crate::train::train_batch`] with plain gradient descent: the numbers are
//! the trainer's own, w_ij ← w_ij − η o_i δ_j.

use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

use super::{checked_step, step, write_values, FieldError, LayerValues, Trace, MAX_EXAMPLE_VALUE};
use crate::activation::Activation;
use crate::config::MAX_LEARNING_RATE;
use crate::loss::Loss;
use crate::network::{LayerSpec, Network};
use crate::optimizer::{Optimizer, OptimizerSettings};
use crate::playground::MAX_EDITED_WEIGHT;
use crate::regularization::Regularization;
use crate::train::StepSettings;

/// What an exercise may hold. The page builds its editor from these.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExerciseLimits {
    pub max_inputs: usize,
    pub max_hidden_layers: usize,
    /// Units per hidden layer.
    pub max_units: usize,
    pub max_outputs: usize,
    pub max_examples: usize,
    /// Largest magnitude of an input x_i or a target y_k.
    pub max_value: f64,
    /// Largest magnitude of a weight or threshold.
    pub max_weight: f64,
    /// η is above 0 and at most this.
    pub max_learning_rate: f64,
    pub hidden_activations: &'static [Activation],
    pub output_activations: &'static [Activation],
}

pub const LIMITS: ExerciseLimits = ExerciseLimits {
    max_inputs: 4,
    max_hidden_layers: 3,
    max_units: 4,
    max_outputs: 4,
    max_examples: 16,
    max_value: MAX_EXAMPLE_VALUE,
    max_weight: MAX_EDITED_WEIGHT,
    max_learning_rate: MAX_LEARNING_RATE,
    hidden_activations: &[
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Linear,
    ],
    output_activations: &[Activation::Sigmoid, Activation::Linear],
};

/// One training example of an exercise: a value per input node and a real
/// target per output node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ExerciseExample {
    /// x_i, one per input node.
    pub inputs: Vec<f64>,
    /// y_k, one per output node.
    pub targets: Vec<f64>,
}

/// An exercise as typed: checked by [`Exercise::new`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExerciseSpec {
    /// [inputs, units of each hidden layer…, outputs].
    pub sizes: Vec<usize>,
    /// φ of every hidden unit.
    pub hidden_activation: Activation,
    /// φ of every output unit.
    pub output_activation: Activation,
    /// Whether gradient descent moves the thresholds w_0j (false: they keep
    /// their typed values).
    pub train_biases: bool,
    /// η.
    pub learning_rate: f64,
    /// `layers[l].weights[i][j]` = w_ij, one threshold w_0j per unit.
    pub layers: Vec<LayerValues>,
    pub examples: Vec<ExerciseExample>,
}

/// A checked exercise: its network (with every update applied so far) and
/// its examples.
#[derive(Debug, Clone)]
pub struct Exercise {
    network: Network,
    optimizer: Optimizer,
    learning_rate: f64,
    examples: Vec<ExerciseExample>,
}

/// Refuses `value` unless it is finite and within ±`limit`.
fn check_value(field: String, name: &str, value: f64, limit: f64) -> Result<(), FieldError> {
    if value.is_finite() && value.abs() <= limit {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            format!("{name} = {value} is not allowed: a number from −{limit} to {limit}"),
        ))
    }
}

/// Checks layer sizes against [`LIMITS`] (the editor asks before it builds
/// its grid); the error's field is `sizes`.
pub fn check_sizes(sizes: &[usize]) -> Result<(), FieldError> {
    let l = LIMITS;
    let shown = sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join("-");
    let refuse = |why: String| {
        Err(FieldError::new(
            "sizes",
            format!("Layer sizes {shown}: {why}"),
        ))
    };
    if sizes.len() < 2 || sizes.len() > l.max_hidden_layers + 2 {
        return refuse(format!(
            "give the inputs, 0 to {} hidden layers and the outputs, e.g. 2-2-2",
            l.max_hidden_layers
        ));
    }
    let (inputs, outputs) = (sizes[0], sizes[sizes.len() - 1]);
    if !(1..=l.max_inputs).contains(&inputs) {
        return refuse(format!("{inputs} inputs; 1 to {} allowed", l.max_inputs));
    }
    if !(1..=l.max_outputs).contains(&outputs) {
        return refuse(format!("{outputs} outputs; 1 to {} allowed", l.max_outputs));
    }
    for (h, &units) in sizes[1..sizes.len() - 1].iter().enumerate() {
        if !(1..=l.max_units).contains(&units) {
            return refuse(format!(
                "hidden layer {} has {units} units; 1 to {} allowed",
                h + 1,
                l.max_units
            ));
        }
    }
    Ok(())
}

fn check_activation(
    field: &str,
    name: &str,
    activation: Activation,
    allowed: &[Activation],
) -> Result<(), FieldError> {
    if allowed.contains(&activation) {
        return Ok(());
    }
    let names: Vec<&str> = allowed.iter().map(|a| a.name()).collect();
    Err(FieldError::new(
        field,
        format!(
            "{name} {} is not allowed here: {} allowed",
            activation.name(),
            names.join(", ")
        ),
    ))
}

/// Checks one example against the sizes; fields `x1`, `y2` (with the
/// example's number h before them when there are several: `h2.x1`).
fn check_example(
    example: &ExerciseExample,
    h: usize,
    count: usize,
    sizes: &[usize],
) -> Result<(), FieldError> {
    let prefix = if count > 1 {
        format!("h{}.", h + 1)
    } else {
        String::new()
    };
    let which = if count > 1 {
        format!("example {}: ", h + 1)
    } else {
        String::new()
    };
    let (inputs, outputs) = (sizes[0], sizes[sizes.len() - 1]);
    if example.inputs.len() != inputs || example.targets.len() != outputs {
        return Err(FieldError::new(
            format!("{prefix}example"),
            format!(
                "{which}{} inputs and {} targets given, but the network has {inputs} inputs and {outputs} outputs",
                example.inputs.len(),
                example.targets.len()
            ),
        ));
    }
    let values = (example.inputs.iter().enumerate().map(|(i, &v)| ('x', i, v))).chain(
        example
            .targets
            .iter()
            .enumerate()
            .map(|(k, &v)| ('y', k, v)),
    );
    for (symbol, i, value) in values {
        let field = format!("{prefix}{symbol}{}", i + 1);
        let name = format!("{which}{symbol}{}", i + 1);
        check_value(field, &name, value, LIMITS.max_value)?;
    }
    Ok(())
}

impl Exercise {
    /// Checks everything typed; the error names the first refused field.
    pub fn new(spec: ExerciseSpec) -> Result<Self, FieldError> {
        let sizes = &spec.sizes;
        check_sizes(sizes)?;
        check_activation(
            "hiddenActivation",
            "hidden φ",
            spec.hidden_activation,
            LIMITS.hidden_activations,
        )?;
        check_activation(
            "outputActivation",
            "output φ",
            spec.output_activation,
            LIMITS.output_activations,
        )?;
        let eta = spec.learning_rate;
        if !(eta.is_finite() && eta > 0.0 && eta <= LIMITS.max_learning_rate) {
            return Err(FieldError::new(
                "eta",
                format!(
                    "η = {eta} is not allowed: a number above 0, at most {}",
                    LIMITS.max_learning_rate
                ),
            ));
        }
        let count = spec.examples.len();
        if !(1..=LIMITS.max_examples).contains(&count) {
            return Err(FieldError::new(
                "examples",
                format!(
                    "{count} examples given: 1 to {} allowed",
                    LIMITS.max_examples
                ),
            ));
        }
        for (h, example) in spec.examples.iter().enumerate() {
            check_example(example, h, count, sizes)?;
        }
        // The shape first (zeros), then the typed values through the one rule
        // for weights.
        let last = sizes.len() - 2;
        let specs: Vec<LayerSpec> = sizes
            .windows(2)
            .enumerate()
            .map(|(l, pair)| {
                let phi = if l == last {
                    spec.output_activation
                } else {
                    spec.hidden_activation
                };
                LayerSpec::new(vec![vec![0.0; pair[1]]; pair[0]], vec![0.0; pair[1]], phi)
            })
            .collect();
        let mut network =
            Network::from_weights(sizes[0], &specs).map_err(|e| FieldError::new("sizes", e.0))?;
        write_values(&mut network, &spec.layers)?;
        network.freeze_biases = !spec.train_biases;
        let optimizer = Optimizer::new(OptimizerSettings::SGD, &network);
        Ok(Exercise {
            network,
            optimizer,
            learning_rate: eta,
            examples: spec.examples,
        })
    }

    /// ½ squared error, η, no penalty: the textbook's step.
    pub fn step_settings(&self) -> StepSettings {
        StepSettings {
            loss: Loss::SquaredError,
            learning_rate: self.learning_rate,
            regularization: Regularization::None,
            regularization_rate: 0.0,
        }
    }

    fn rows(&self, h: usize) -> Result<(DMatrix<f64>, DMatrix<f64>), FieldError> {
        let example = self.examples.get(h).ok_or_else(|| {
            FieldError::new(
                "example",
                format!(
                    "example {} does not exist: 1 to {} allowed",
                    h + 1,
                    self.examples.len()
                ),
            )
        })?;
        Ok((
            DMatrix::from_row_slice(1, example.inputs.len(), &example.inputs),
            DMatrix::from_row_slice(1, example.targets.len(), &example.targets),
        ))
    }

    /// What [`Self::train`] would compute and change on example `h`
    /// (0-based), on copies: the exercise does not move.
    pub fn inspect(&self, h: usize) -> Result<Trace, FieldError> {
        let (inputs, targets) = self.rows(h)?;
        let (mut network, mut optimizer) = (self.network.clone(), self.optimizer.clone());
        let settings = self.step_settings();
        Ok(step(
            &mut network,
            &mut optimizer,
            inputs,
            &targets,
            &settings,
        ))
    }

    /// One gradient step on example `h`; a step that would make a weight
    /// non-finite is refused and changes nothing.
    pub fn train(&mut self, h: usize) -> Result<Trace, FieldError> {
        let (inputs, targets) = self.rows(h)?;
        let settings = self.step_settings();
        checked_step(
            &mut self.network,
            &mut self.optimizer,
            inputs,
            &targets,
            &settings,
        )
        .map_err(|reason| FieldError::new("eta", reason))
    }

    /// [inputs, units of each layer…].
    pub fn sizes(&self) -> Vec<usize> {
        self.network.sizes()
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    pub fn examples(&self) -> &[ExerciseExample] {
        &self.examples
    }

    /// The exercise as it stands now (its weights after every applied
    /// update), in the form it was typed.
    pub fn spec(&self) -> ExerciseSpec {
        let layers = &self.network.layers;
        let values = layers
            .iter()
            .map(|layer| {
                let written = LayerSpec::of(layer);
                LayerValues {
                    weights: written.weights,
                    biases: written.biases,
                }
            })
            .collect();
        let output = layers.last().map_or(Activation::Sigmoid, |l| l.activation);
        let hidden = match layers.len() {
            0 | 1 => Activation::Sigmoid,
            _ => layers[0].activation,
        };
        ExerciseSpec {
            sizes: self.sizes(),
            hidden_activation: hidden,
            output_activation: output,
            train_biases: !self.network.freeze_biases,
            learning_rate: self.learning_rate,
            layers: values,
            examples: self.examples.clone(),
        }
    }
}
