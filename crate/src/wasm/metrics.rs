//! Bindings of the metrics (accuracy, confusion matrix, R²) and of the
//! divergence report with its restore.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{to_js, JsPlayground};
use crate::divergence::NonFinite;
use crate::metrics;

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
struct SetMetrics {
    count: usize,
    accuracy: Option<f64>,
    /// k×k counts, row-major: rows = true class, columns = predicted class.
    confusion: Option<Vec<u64>>,
    r_squared: Option<f64>,
}

impl From<&metrics::SetMetrics> for SetMetrics {
    fn from(m: &metrics::SetMetrics) -> Self {
        SetMetrics {
            count: m.examples,
            accuracy: m.accuracy(),
            confusion: m.confusion.as_ref().map(|c| c.counts.clone()),
            r_squared: m.r_squared,
        }
    }
}

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
struct Metrics {
    /// k for classification (2 with one output node), null for regression.
    classes: Option<usize>,
    train: SetMetrics,
    test: SetMetrics,
}

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
struct DivergenceInfo {
    epoch: f64,
    batch: usize,
    batches: usize,
    /// "loss" or "weight".
    what: &'static str,
    /// The weight layer of the first non-finite weight (with `what` = "weight").
    layer: Option<usize>,
    learning_rate: f64,
    lowest_epoch: f64,
    lowest_loss: f64,
    restored_after_batch: usize,
    restored_loss: f64,
    message: String,
}

#[wasm_bindgen(js_class = Playground)]
impl JsPlayground {
    /// `{ classes, train, test }`, each set `{ count, accuracy, confusion,
    /// rSquared }` for the current weights: `accuracy` and `confusion` (k×k,
    /// row-major, rows = true class) for classification, `rSquared` for
    /// regression (null where undefined); the others null.
    #[wasm_bindgen(unchecked_return_type = "Metrics")]
    pub fn metrics(&self) -> Result<JsValue, JsError> {
        let m = self.0.metrics();
        let classes = m
            .train
            .confusion
            .as_ref()
            .or(m.test.confusion.as_ref())
            .map(|c| c.classes);
        to_js(&Metrics {
            classes,
            train: (&m.train).into(),
            test: (&m.test).into(),
        })
    }

    /// While training is paused by a divergence: `{ epoch, batch, batches,
    /// what, layer, learningRate, lowestEpoch, lowestLoss, restoredAfterBatch,
    /// restoredLoss, message }`; otherwise null. Every number is finite.
    #[wasm_bindgen(unchecked_return_type = "DivergenceInfo | null")]
    pub fn divergence(&self) -> Result<JsValue, JsError> {
        let Some(d) = self.0.divergence() else {
            return Ok(JsValue::NULL);
        };
        let (what, layer) = match d.what {
            NonFinite::Loss => ("loss", None),
            NonFinite::Weight { layer } => ("weight", Some(layer)),
        };
        to_js(&DivergenceInfo {
            epoch: d.epoch as f64,
            batch: d.batch,
            batches: d.batches,
            what,
            layer,
            learning_rate: d.learning_rate,
            lowest_epoch: d.lowest.0 as f64,
            lowest_loss: d.lowest.1,
            restored_after_batch: d.restored.after_batch,
            restored_loss: d.restored.train_loss,
            message: d.message(),
        })
    }
}
