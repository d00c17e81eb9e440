//! Bindings the drawing tool needs besides the `Playground` handle.

use wasm_bindgen::prelude::*;

/// How many of `points` points train at a train ratio in percent (the rest
/// test), as a run splits them: a page drawing points keeps the batch size
/// within it.
#[wasm_bindgen(js_name = trainCount)]
pub fn train_count(points: usize, train_ratio: f64) -> usize {
    crate::config::train_count(points, train_ratio)
}
