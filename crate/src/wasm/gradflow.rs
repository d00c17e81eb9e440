//! Bindings of the gradient flow: mean |∂L/∂w| per weight layer over the
//! epochs, and mean |δ_j| per node over the last epoch.

use wasm_bindgen::prelude::*;

use super::JsPlayground;

#[wasm_bindgen(js_class = Playground)]
impl JsPlayground {
    /// Number of weight layers (the lines of the gradient-flow chart).
    #[wasm_bindgen(js_name = gradientLayers)]
    pub fn gradient_layers(&self) -> usize {
        self.0.gradient_flow().layers()
    }

    /// 1 + L numbers per recorded epoch (L = `gradientLayers()`): the epoch,
    /// then the mean |∂L/∂w_ij| of each weight layer, inputs → first layer
    /// first. Epoch 0 has none (no gradient yet); thinned evenly on long runs
    /// like `history()`.
    #[wasm_bindgen(js_name = gradientFlow)]
    pub fn gradient_flow(&self) -> Vec<f64> {
        let flow = self.0.gradient_flow();
        let mut out = Vec::with_capacity((1 + flow.layers()) * flow.history().len());
        for point in flow.history() {
            out.push(point.epoch as f64);
            out.extend_from_slice(&point.layers);
        }
        out
    }

    /// Mean |δ_j| = |∂L/∂net_j| over the last epoch's training examples, one
    /// number per hidden and output node in node order (node index minus the
    /// number of inputs); empty before the first epoch.
    #[wasm_bindgen(js_name = nodeDeltas)]
    pub fn node_deltas(&self) -> Vec<f64> {
        self.0.gradient_flow().node_deltas().to_vec()
    }
}
