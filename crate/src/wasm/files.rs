//! Bindings of the data and model files (`crate::files`).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::link::read;
use super::{read_config, to_js, JsPlayground};
use crate::config::Config;
use crate::data::Problem;
use crate::files::{self, ModelFile};

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
struct CsvConfig {
    config: Config,
    points: usize,
    problem: Problem,
}

/// `config` with the points of a CSV file as its custom dataset:
/// `{ config, points, problem }`. Throws an `Error` whose message has one
/// line per problem ("line 7: label “abc” is not a number").
#[wasm_bindgen(js_name = configFromCsv, unchecked_return_type = "CsvConfig")]
pub fn config_from_csv(
    #[wasm_bindgen(unchecked_param_type = "ConfigPatch")] config: JsValue,
    text: &str,
) -> Result<JsValue, JsError> {
    let base = read_config(config)?;
    let data = files::parse_csv(text).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        JsError::new(&lines.join("\n"))
    })?;
    let (points, problem) = (data.points.len(), data.problem);
    to_js(&CsvConfig {
        config: data.into_config(base),
        points,
        problem,
    })
}

/// Why a file of `bytes` bytes is not opened (too large), or `undefined`:
/// asked before the file is read.
#[wasm_bindgen(js_name = fileSizeProblem)]
pub fn file_size_problem(name: &str, bytes: f64) -> Option<String> {
    // A size past what usize holds is too large as well.
    files::size_problem(
        name,
        if bytes.is_finite() && bytes >= 0.0 {
            bytes as usize
        } else {
            usize::MAX
        },
    )
}

#[derive(Serialize, tsify::Tsify)]
struct CheckedModel {
    config: Config,
    weights: Vec<f64>,
    epoch: f64,
}

/// Checks a parsed model file: `{ config, weights, epoch }` with the weights
/// in `flatWeights` order, or an `Error` naming the part that is wrong.
#[wasm_bindgen(js_name = readModel, unchecked_return_type = "CheckedModel")]
pub fn read_model(
    #[wasm_bindgen(unchecked_param_type = "unknown")] file: JsValue,
) -> Result<JsValue, JsError> {
    let file: ModelFile = read(file, "model")?;
    let epoch = file.epoch as f64;
    let (config, weights) = file.check().map_err(|e| JsError::new(&e))?;
    to_js(&CheckedModel {
        config,
        weights,
        epoch,
    })
}

#[wasm_bindgen(js_class = Playground)]
impl JsPlayground {
    /// Every point as CSV: a header `x1,x2,label`, then one line per point
    /// (training and test, in the run's order), numbers exact.
    #[wasm_bindgen(js_name = dataCsv)]
    pub fn data_csv(&self) -> String {
        files::write_csv(self.0.points())
    }

    /// `{ format, version, epoch, config, layers: [{ weights, biases, activation }] }`:
    /// the model file, every number at full f64 precision.
    #[wasm_bindgen(js_name = modelFile, unchecked_return_type = "ModelFile")]
    pub fn model_file(&self) -> Result<JsValue, JsError> {
        to_js(&ModelFile::of(&self.0))
    }
}
