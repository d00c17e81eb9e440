//! Bindings of the backprop inspector (`crate::inspect`): trace one example's
//! gradient step, apply it to the running network, set every weight at once,
//! the presets, the notes' computational graph, and textbook exercises.

use wasm_bindgen::prelude::*;

use super::{to_js, JsPlayground};
use crate::compgraph;
use crate::inspect::exercise::{self, Exercise, ExerciseSpec};
use crate::inspect::{self, Example, FieldError, LayerValues};

/// Largest magnitude of a value fed to the computational graph.
const MAX_GRAPH_VALUE: f64 = 1e6;

fn example(x1: f64, x2: f64, y: f64) -> Example {
    Example { x1, x2, y }
}

#[wasm_bindgen(js_class = Playground)]
impl JsPlayground {
    /// The trace of one gradient step of this run's optimizer on the example
    /// (x₁, x₂) → y (y: the target with one output, the class with k), as
    /// training it with batch size 1 would compute it, without changing the
    /// network: `{ loss, lossValue, learningRate, optimizer, regularization,
    /// regularizationRate, frozenBiases, outputRule, inputs: [{ value,
    /// gradient }], layers: [{ activation, units: [{ net, out,
    /// outputGradient, derivative, delta, target }], weights: [i][j] and
    /// biases: [j] of { before, input, delta, gradient, penalty, update,
    /// after } }] }`. Throws a message naming a bad x₁, x₂ or y.
    #[wasm_bindgen(js_name = inspectExample, unchecked_return_type = "Trace")]
    pub fn inspect_example(&self, x1: f64, x2: f64, y: f64) -> Result<JsValue, JsError> {
        let trace = self
            .0
            .inspect_example(&example(x1, x2, y))
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&trace)
    }

    /// Takes that step on the running network (the epoch does not advance)
    /// and returns its trace, equal to what `inspectExample` showed.
    #[wasm_bindgen(js_name = trainExample, unchecked_return_type = "Trace")]
    pub fn train_example(&mut self, x1: f64, x2: f64, y: f64) -> Result<JsValue, JsError> {
        let trace = self
            .0
            .train_example(&example(x1, x2, y))
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&trace)
    }

    /// Sets every weight and threshold at once from `[{ weights: [i][j],
    /// biases: [j] }]`, keeping the shape; nothing changes if any value is
    /// refused (the message names it, e.g. "w1,3").
    #[wasm_bindgen(js_name = setLayers)]
    pub fn set_layers(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "LayerValues[]")] layers: JsValue,
    ) -> Result<(), JsError> {
        let values: Vec<LayerValues> = serde_wasm_bindgen::from_value(layers)
            .map_err(|e| JsError::new(&format!("layers: {e}")))?;
        inspect::set_values(&mut self.0, &values).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// The inspector's presets: `[{ id, title, summary, config, layers, examples:
/// [{ x1, x2, y }] }]`.
#[wasm_bindgen(js_name = inspectorPresets, unchecked_return_type = "Preset[]")]
pub fn inspector_presets() -> Result<JsValue, JsError> {
    to_js(&inspect::presets())
}

/// The notes' computational graph f = (x + y)·z after the forward and the
/// backward pass with ∂L/∂f = `upstream`: `[{ name, op, inputs, value, local,
/// gradient }]` for x, y, z, q, f.
#[wasm_bindgen(js_name = computationalGraph, unchecked_return_type = "GraphNode[]")]
pub fn computational_graph(x: f64, y: f64, z: f64, upstream: f64) -> Result<JsValue, JsError> {
    for (name, value) in [("x", x), ("y", y), ("z", z), ("∂L/∂f", upstream)] {
        if !(value.is_finite() && value.abs() <= MAX_GRAPH_VALUE) {
            return Err(JsError::new(&format!(
                "{name} = {value} is not allowed: a number from −{MAX_GRAPH_VALUE} to {MAX_GRAPH_VALUE}"
            )));
        }
    }
    to_js(&compgraph::sum_times(x, y, z, upstream))
}

#[wasm_bindgen(typescript_custom_section)]
const FIELD_ERROR: &str = r#"
/** What the exercise bindings throw: an Error whose `field` is the refused field's stable name (sizes, eta, w1,3, x1, y2, …). */
export interface FieldError extends Error {
    field?: string;
}
"#;

/// A field's refusal as a JavaScript `Error` whose `field` property is the
/// refused field's stable name (`sizes`, `eta`, `w1,3`, `x1`, `y2`, …).
fn field_error(e: &FieldError) -> JsValue {
    let error = js_sys::Error::new(&e.message);
    // Setting a property on a fresh Error cannot fail.
    let _ = js_sys::Reflect::set(&error, &"field".into(), &e.field.as_str().into());
    error.into()
}

/// A textbook exercise (`crate::inspect::exercise`): a small network of its
/// own with ½ squared error summed over its outputs, real targets, typed
/// thresholds trained or held, and η; stepped by the trainer's own code.
#[wasm_bindgen(js_name = Exercise)]
#[derive(Debug)]
pub struct JsExercise(Exercise);

#[wasm_bindgen(js_class = Exercise)]
impl JsExercise {
    /// Checks `{ sizes, hiddenActivation, outputActivation, trainBiases,
    /// learningRate, layers: [{ weights: [i][j], biases: [j] }], examples:
    /// [{ inputs, targets }] }`; throws an `Error` whose `field` names the
    /// first refused field.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ExerciseSpec")] spec: JsValue,
    ) -> Result<JsExercise, JsValue> {
        let spec: ExerciseSpec = serde_wasm_bindgen::from_value(spec)
            .map_err(|e| field_error(&FieldError::new("exercise", format!("exercise: {e}"))))?;
        Exercise::new(spec)
            .map(JsExercise)
            .map_err(|e| field_error(&e))
    }

    /// The trace of one gradient step on example `h` (0-based), changing
    /// nothing: the same shape as `Playground.inspectExample`'s.
    #[wasm_bindgen(unchecked_return_type = "Trace")]
    pub fn inspect(&self, h: usize) -> Result<JsValue, JsValue> {
        let trace = self.0.inspect(h).map_err(|e| field_error(&e))?;
        to_js(&trace).map_err(JsValue::from)
    }

    /// Takes that step and returns its trace, equal to what `inspect` showed.
    #[wasm_bindgen(unchecked_return_type = "Trace")]
    pub fn train(&mut self, h: usize) -> Result<JsValue, JsValue> {
        let trace = self.0.train(h).map_err(|e| field_error(&e))?;
        to_js(&trace).map_err(JsValue::from)
    }

    /// [inputs, units of each layer…].
    #[wasm_bindgen(js_name = layerSizes)]
    pub fn layer_sizes(&self) -> Vec<u32> {
        self.0.sizes().iter().map(|&n| n as u32).collect()
    }

    /// The exercise as it stands now (its weights after every applied
    /// update), in the constructor's form.
    #[wasm_bindgen(unchecked_return_type = "ExerciseSpec")]
    pub fn spec(&self) -> Result<JsValue, JsError> {
        to_js(&self.0.spec())
    }
}

/// What an exercise may hold: `{ maxInputs, maxHiddenLayers, maxUnits,
/// maxOutputs, maxExamples, maxValue, maxWeight, maxLearningRate,
/// hiddenActivations, outputActivations }`.
#[wasm_bindgen(js_name = exerciseLimits, unchecked_return_type = "ExerciseLimits")]
pub fn exercise_limits() -> Result<JsValue, JsError> {
    to_js(&exercise::LIMITS)
}

/// Checks an exercise's layer sizes [inputs, hidden…, outputs] against the
/// limits; throws an `Error` (field `sizes`) saying what is allowed.
#[wasm_bindgen(js_name = checkExerciseSizes)]
pub fn check_exercise_sizes(sizes: &[u32]) -> Result<(), JsValue> {
    let sizes: Vec<usize> = sizes.iter().map(|&n| n as usize).collect();
    exercise::check_sizes(&sizes).map_err(|e| field_error(&e))
}
