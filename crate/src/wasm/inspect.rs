//! Bindings of the backprop inspector (`crate::inspect`): trace one example's
//! gradient step, apply it to the running network, set every weight at once,
//! the presets, and the notes' computational graph.

use wasm_bindgen::prelude::*;

use super::{to_js, JsPlayground};
use crate::compgraph;
use crate::inspect::{self, Example, LayerValues};

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
    #[wasm_bindgen(js_name = inspectExample)]
    pub fn inspect_example(&self, x1: f64, x2: f64, y: f64) -> Result<JsValue, JsError> {
        let trace = self
            .0
            .inspect_example(&example(x1, x2, y))
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&trace)
    }

    /// Takes that step on the running network (the epoch does not advance)
    /// and returns its trace, equal to what `inspectExample` showed.
    #[wasm_bindgen(js_name = trainExample)]
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
    pub fn set_layers(&mut self, layers: JsValue) -> Result<(), JsError> {
        let values: Vec<LayerValues> = serde_wasm_bindgen::from_value(layers)
            .map_err(|e| JsError::new(&format!("layers: {e}")))?;
        inspect::set_values(&mut self.0, &values).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// The inspector's presets: `[{ id, title, summary, config, layers, examples:
/// [{ x1, x2, y }] }]`.
#[wasm_bindgen(js_name = inspectorPresets)]
pub fn inspector_presets() -> Result<JsValue, JsError> {
    to_js(&inspect::presets())
}

/// The notes' computational graph f = (x + y)·z after the forward and the
/// backward pass with ∂L/∂f = `upstream`: `[{ name, op, inputs, value, local,
/// gradient }]` for x, y, z, q, f.
#[wasm_bindgen(js_name = computationalGraph)]
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
