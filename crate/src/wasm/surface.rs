//! Bindings of the loss surface (`crate::surface`): a plane of weight space
//! the engine keeps, its rows of losses computed a few at a time, the slope
//! at its centre and the run's path projected onto it.

use wasm_bindgen::prelude::*;

use super::JsPlayground;
use crate::link::flat_weights;
use crate::surface::{self, Plane};

/// A plane through a run's weights, along two of its weights or two random
/// filter-normalised directions.
#[wasm_bindgen(js_name = SurfacePlane)]
#[derive(Debug)]
pub struct JsSurfacePlane(Plane);

#[wasm_bindgen(js_class = SurfacePlane)]
impl JsSurfacePlane {
    /// Along weights `a` and `b` (indices in `flatWeights` order) of `pg`'s
    /// network, through its weights. Throws, naming what is wrong.
    #[wasm_bindgen(js_name = alongWeights)]
    pub fn along_weights(pg: &JsPlayground, a: u32, b: u32) -> Result<JsSurfacePlane, JsError> {
        Plane::along_weights(flat_weights(pg.0.network()), a as usize, b as usize)
            .map(JsSurfacePlane)
            .map_err(|e| JsError::new(&e))
    }

    /// Along two random directions drawn from `seed`, through `pg`'s weights.
    pub fn random(pg: &JsPlayground, seed: u32) -> JsSurfacePlane {
        JsSurfacePlane(Plane::random(pg.0.network(), u64::from(seed)))
    }

    /// The same directions through `pg`'s weights now.
    pub fn through(&self, pg: &JsPlayground) -> JsSurfacePlane {
        JsSurfacePlane(self.0.through(flat_weights(pg.0.network())))
    }

    /// The weights at (u, v) of the plane, in flat order.
    pub fn at(&self, u: f64, v: f64) -> Vec<f64> {
        self.0.at(u, v)
    }

    /// `[u, v]` of the point of the plane nearest `weights` (flat order).
    pub fn coordinates(&self, weights: &[f64]) -> Vec<f64> {
        let (u, v) = self.0.coordinates(weights);
        vec![u, v]
    }

    /// Rows `from` to `to` (excluded) of the `size` × `size` surface within
    /// ±`range`: the training loss of `pg`'s network moved there, row by row
    /// from the top (v = +range), each from u = −range; Infinity where it
    /// overflows. Throws for a size outside 3–101 or a range outside (0, 100].
    pub fn rows(
        &self,
        pg: &JsPlayground,
        range: f64,
        size: u32,
        from: u32,
        to: u32,
    ) -> Result<Vec<f64>, JsError> {
        surface::surface_rows(
            &pg.0,
            &self.0,
            range,
            size as usize,
            from as usize..to as usize,
        )
        .map_err(|e| JsError::new(&e))
    }

    /// `[∂f/∂u, ∂f/∂v]` at `pg`'s weights: the training loss's gradient
    /// along each axis (its negative is the way down).
    pub fn slope(&self, pg: &JsPlayground) -> Vec<f64> {
        let (u, v) = surface::slope(&pg.0, &self.0);
        vec![u, v]
    }
}
