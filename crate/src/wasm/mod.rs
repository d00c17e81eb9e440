//! The WebAssembly boundary: the only module that knows about JavaScript.
//!
//! JavaScript holds one opaque [`JsPlayground`] handle and gets small,
//! copyable answers: plain objects, or typed arrays with a documented layout
//! (copied out of wasm memory, so they never go stale when memory grows).
//!
//! This folder is the boundary: `mod.rs` holds the handle and the run's
//! basics; each sibling file adds the bindings of one feature (more
//! `#[wasm_bindgen(js_class = Playground)] impl JsPlayground` blocks or free
//! functions), and nothing outside this folder imports wasm-bindgen.

mod inspect;

pub use inspect::{
    check_exercise_sizes, computational_graph, exercise_limits, inspector_presets, JsExercise,
};
mod gradflow;
mod metrics;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;

use crate::config::{Config, ValidConfig};
use crate::network::LayerSpec;
use crate::playground::{EpochStats, Playground, StopKind};
use crate::render::{Palette, PaletteName};

pub mod draw;
mod files;
mod link;
mod race;
mod schema;
pub mod search;
mod surface;

pub use race::JsRaceLane;
pub use surface::JsSurfacePlane;

/// Largest grid side accepted by `evaluateGrid`.
pub(crate) const MAX_GRID: usize = 400;

/// What a picture asked for with no current grid is told.
fn no_grid() -> JsError {
    JsError::new("no grid evaluated since the network last changed: call evaluateGrid(n) first")
}

/// Reports Rust panics on the browser console instead of an opaque trap.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("backprop-playground panicked: {info}").into());
    }));
}

pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Bytes of wasm memory the core holds now (it only grows): what a soak
/// test watches for leaks.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> usize {
    core::arch::wasm32::memory_size(0) * 65_536
}

/// A benchmark config (a name of `bench::NAMES`) as a plain object, so the node and
/// browser benchmarks run exactly the native benchmark's workloads.
#[wasm_bindgen(js_name = benchConfig, unchecked_return_type = "Config")]
pub fn bench_config(name: &str) -> Result<JsValue, JsError> {
    let config = crate::bench::config(name).ok_or_else(|| {
        JsError::new(&format!(
            "no benchmark config {name:?}: use one of {}",
            crate::bench::NAMES.join(", ")
        ))
    })?;
    to_js(&config)
}

/// A fresh random seed from the operating system (only for picking seeds;
/// every run draws from its seeded generator).
#[wasm_bindgen(js_name = freshSeed)]
pub fn fresh_seed() -> Result<u32, JsError> {
    getrandom::u32().map_err(|e| JsError::new(&format!("no random seed available: {e}")))
}

/// Reads a config object; `undefined` or `null` is the default config.
pub(crate) fn read_config(value: JsValue) -> Result<Config, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Config::default());
    }
    // A config's fields are named as they are, without a "config." prefix.
    deserialize(value, |path| path.unwrap_or("config").to_owned())
}

/// [`read_config`], validated: the error names every invalid field.
fn read_valid_config(value: JsValue) -> Result<ValidConfig, JsError> {
    read_config(value)?
        .validate()
        .map_err(|errors| JsError::new(&errors.to_string()))
}

/// Reads a plain JavaScript object into `T`; the error names the part that
/// does not fit, as `name(path)` says (the path is `None` for the whole).
pub(crate) fn deserialize<T: serde::de::DeserializeOwned>(
    value: JsValue,
    name: impl Fn(Option<&str>) -> String,
) -> Result<T, JsError> {
    let deserializer = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        let inner = inner.trim_start_matches("Error: ");
        let name = name((path != ".").then_some(path.as_str()));
        JsError::new(&format!("{name}: {inner}"))
    })
}

// The types of the .d.ts come from the Rust types that cross the boundary
// (`tsify::Tsify`, derived here and, on wasm32 only, on the core's serde
// types); a binding that returns or takes one as a `JsValue` names it with
// `unchecked_return_type` / `unchecked_param_type`. A config (a link's
// display settings, a link) is read with any field left out, each taking
// its default: its declaration is that `…Patch`, and what the core returns,
// every field present, is the `Required` form, named as in Rust. A heatmap
// is a `Uint8ClampedArray<ArrayBuffer>`: a copy on a buffer of its own (what
// `ImageData` takes), never a view of wasm memory.
#[wasm_bindgen(typescript_custom_section)]
const FULL_FORMS: &str = r#"
/** A config with every field, as the core returns it (it reads a `ConfigPatch`). */
export type Config = Required<ConfigPatch>;
/** Display settings with every field, as the core returns them. */
export type Display = Required<DisplayPatch>;
/** A link's state with every part, as `decodeLink` returns it. */
export type LinkState = Required<LinkStatePatch>;
/** A race with every part (it reads a `RacePatch`). */
export type Race = Required<RacePatch>;
"#;

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
struct StopInfo {
    kind: StopKind,
    message: String,
}

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StepResult {
    epoch: f64,
    train_loss: f64,
    test_loss: f64,
    train_accuracy: Option<f64>,
    test_accuracy: Option<f64>,
    learning_rate: f64,
    stopped: Option<StopInfo>,
}

impl From<EpochStats> for StepResult {
    fn from(s: EpochStats) -> Self {
        StepResult {
            epoch: s.epoch as f64,
            train_loss: s.train_loss,
            test_loss: s.test_loss,
            train_accuracy: s.train_accuracy,
            test_accuracy: s.test_accuracy,
            learning_rate: s.learning_rate,
            stopped: s.stopped.map(|reason| StopInfo {
                kind: reason.kind(),
                message: reason.message(),
            }),
        }
    }
}

#[derive(Serialize, tsify::Tsify)]
struct CoherentConfig {
    config: Config,
    notes: Vec<String>,
}

/// Fixes a config whose loss, output activation and problem do not go
/// together (and per-layer lists of the wrong length), returning
/// `{ config, notes }`: the fixed config and one sentence per change.
#[wasm_bindgen(js_name = coherentConfig, unchecked_return_type = "CoherentConfig")]
pub fn coherent_config(
    #[wasm_bindgen(unchecked_param_type = "ConfigPatch")] config: JsValue,
) -> Result<JsValue, JsError> {
    let mut config = read_config(config)?;
    let notes = config.make_coherent();
    to_js(&CoherentConfig { config, notes })
}

#[derive(Serialize, tsify::Tsify)]
struct Weights {
    /// weights[i][j]: from node i of the previous layer to unit j.
    layers: Vec<LayerSpec>,
}

/// One training run, held in wasm memory.
#[wasm_bindgen(js_name = Playground)]
#[derive(Debug)]
pub struct JsPlayground(pub(crate) Playground);

#[wasm_bindgen(js_class = Playground)]
impl JsPlayground {
    /// Builds a run from a config object; throws an `Error` naming every
    /// invalid field, one per line.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ConfigPatch")] config: JsValue,
    ) -> Result<JsPlayground, JsError> {
        Ok(JsPlayground(Playground::new(read_valid_config(config)?)))
    }

    /// The constructor without measuring the initial losses (see
    /// `Playground::unmeasured`): the page's replica, measured in a task of
    /// its own by `measure`.
    pub fn unmeasured(
        #[wasm_bindgen(unchecked_param_type = "ConfigPatch")] config: JsValue,
    ) -> Result<JsPlayground, JsError> {
        Ok(JsPlayground(Playground::unmeasured(read_valid_config(
            config,
        )?)))
    }

    /// Measures the losses and accuracies of the current weights and records them.
    pub fn measure(&mut self) {
        self.0.measure();
    }

    /// The validated config, defaults filled in.
    #[wasm_bindgen(unchecked_return_type = "Config")]
    pub fn config(&self) -> Result<JsValue, JsError> {
        let mut config = self.0.config().get().clone();
        config.num_points = Some(self.0.config().num_points());
        to_js(&config)
    }

    #[wasm_bindgen(js_name = isClassification)]
    pub fn is_classification(&self) -> bool {
        self.0.is_classification()
    }

    /// Epoch 0 again, with the same initial weights.
    pub fn reset(&mut self) {
        self.0.reset();
    }

    /// Trains up to `epochs` epochs and reports `{ epoch, trainLoss, testLoss,
    /// trainAccuracy, testAccuracy, learningRate, stopped }` (`stopped` is
    /// `null` or `{ kind, message }`).
    #[wasm_bindgen(unchecked_return_type = "StepResult")]
    pub fn step(&mut self, epochs: u32) -> Result<JsValue, JsError> {
        to_js(&StepResult::from(self.0.step(epochs)))
    }

    /// Trains at most `batches` batches, going on with the epoch under way:
    /// a long epoch in slices the engine can pause between. Reports as
    /// `step` does; the epoch counts once its last batch is trained.
    #[wasm_bindgen(js_name = stepBatches, unchecked_return_type = "StepResult")]
    pub fn step_batches(&mut self, batches: u32) -> Result<JsValue, JsError> {
        to_js(&StepResult::from(self.0.step_batches(batches as usize)))
    }

    /// `[batches trained, batches]` of the epoch under way; empty between epochs.
    #[wasm_bindgen(js_name = epochProgress)]
    pub fn epoch_progress(&self) -> Vec<u32> {
        self.0
            .epoch_progress()
            .map(|(done, of)| vec![done as u32, of as u32])
            .unwrap_or_default()
    }

    /// Carries the run on under `config` when it only steers training
    /// differently (η, optimizer, batch size, penalty, dropout, augmentation,
    /// stopping rules): returns `[]`. Otherwise changes nothing and returns
    /// the names of the fields that make it another run, for a new
    /// `Playground`. Throws, naming every invalid field, like the constructor.
    #[wasm_bindgen(js_name = continueWith)]
    pub fn continue_with(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ConfigPatch")] config: JsValue,
    ) -> Result<Vec<String>, JsError> {
        let valid = read_valid_config(config)?;
        Ok(self.0.continue_with(valid).err().unwrap_or_default())
    }

    /// Lets training continue after it stopped by itself.
    pub fn resume(&mut self) {
        self.0.resume();
    }

    /// New data from another data seed; the network keeps its weights.
    #[wasm_bindgen(js_name = regenerateData)]
    pub fn regenerate_data(&mut self, data_seed: u32) {
        self.0.regenerate_data(data_seed);
    }

    /// `regenerateData` without measuring the losses on the new data (the
    /// page's replica: the engine measures them).
    #[wasm_bindgen(js_name = regenerateDataUnmeasured)]
    pub fn regenerate_data_unmeasured(&mut self, data_seed: u32) {
        self.0.regenerate_data_unmeasured(data_seed);
    }

    /// Colours by name (`PaletteName`: "default" or "colorBlind").
    #[wasm_bindgen(js_name = setPalette)]
    pub fn set_palette(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "PaletteName")] name: &str,
    ) -> Result<(), JsError> {
        let palette = Palette::named(name).ok_or_else(|| {
            let names: Vec<&str> = PaletteName::ALL.iter().map(|p| p.name()).collect();
            JsError::new(&format!(
                "palette {name:?} does not exist: use {}",
                names.join(" or ")
            ))
        })?;
        self.0.set_palette(palette);
        Ok(())
    }

    /// Number of output nodes (1, or k for k classes).
    pub fn outputs(&self) -> usize {
        self.0.outputs()
    }

    /// The training points as augmented in the last epoch (before one, as
    /// the next will augment them): x₁, x₂ pairs in training-set order;
    /// empty when augmentation is off.
    #[wasm_bindgen(js_name = augmentedPoints)]
    pub fn augmented_points(&self) -> Vec<f64> {
        self.0
            .augmented_points()
            .map(|points| points.iter().flat_map(|&(x1, x2)| [x1, x2]).collect())
            .unwrap_or_default()
    }

    /// The decision map over the last evaluated grid (RGBA, heatmap layout):
    /// the output's heatmap, or for k classes the most likely class's colour,
    /// paler where less sure.
    #[wasm_bindgen(js_name = decisionHeatmap, unchecked_return_type = "Uint8ClampedArray<ArrayBuffer>")]
    pub fn decision_heatmap(&self, discretize: bool) -> Result<Clamped<Vec<u8>>, JsError> {
        self.0
            .decision_heatmap(discretize)
            .map(Clamped)
            .ok_or_else(no_grid)
    }

    /// The current figures without training.
    #[wasm_bindgen(unchecked_return_type = "StepResult")]
    pub fn stats(&self) -> Result<JsValue, JsError> {
        to_js(&StepResult::from(self.0.stats()))
    }

    /// Four numbers per point: x₁, x₂, label, isTest (0 or 1).
    pub fn points(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(4 * self.0.points().len());
        for (p, &test) in self.0.points().iter().zip(self.0.is_test()) {
            out.extend_from_slice(&[p.x1, p.x2, p.label, f64::from(u8::from(test))]);
        }
        out
    }

    /// RGBA bytes per point: the colour of its label.
    #[wasm_bindgen(js_name = pointColors)]
    pub fn point_colors(&self) -> Vec<u8> {
        self.0.point_colours()
    }

    /// [inputs, hidden..., outputs].
    #[wasm_bindgen(js_name = layerSizes)]
    pub fn layer_sizes(&self) -> Vec<u32> {
        self.0
            .network()
            .sizes()
            .into_iter()
            .map(|s| u32::try_from(s).unwrap_or(u32::MAX))
            .collect()
    }

    /// The enabled features' names, in input-node order.
    #[wasm_bindgen(js_name = featureNames, unchecked_return_type = "Feature[]")]
    pub fn feature_names(&self) -> Vec<String> {
        self.0
            .config()
            .get()
            .features
            .iter()
            .map(|f| f.name().to_owned())
            .collect()
    }

    /// `{ layers: [{ weights: [i][j], biases: [j], activation }] }`.
    #[wasm_bindgen(unchecked_return_type = "Weights")]
    pub fn weights(&self) -> Result<JsValue, JsError> {
        let layers = self.0.network().layers.iter().map(LayerSpec::of).collect();
        to_js(&Weights { layers })
    }

    /// Sets w_ij of a layer (0 = the first layer after the inputs).
    #[wasm_bindgen(js_name = setWeight)]
    pub fn set_weight(
        &mut self,
        layer: usize,
        from: usize,
        to: usize,
        value: f64,
    ) -> Result<(), JsError> {
        self.0
            .set_weight(layer, from, to, value)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Sets the bias of unit `unit` in a layer.
    #[wasm_bindgen(js_name = setBias)]
    pub fn set_bias(&mut self, layer: usize, unit: usize, value: f64) -> Result<(), JsError> {
        self.0
            .set_bias(layer, unit, value)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Evaluates every node over an n×n grid in one batched pass; with
    /// `thumbnails` (a side m ≤ n), keeps every hidden and output node's
    /// values on the m×m grid sampled from it, which `sampledHeatmap(node,
    /// m)` then reads without going back to the grid, and the hidden nodes
    /// at every cell only with `whole` (a plot showing a hidden node).
    #[wasm_bindgen(js_name = evaluateGrid)]
    pub fn evaluate_grid(
        &mut self,
        n: usize,
        thumbnails: Option<usize>,
        whole: Option<bool>,
    ) -> Result<(), JsError> {
        if !(2..=MAX_GRID).contains(&n) {
            return Err(JsError::new(&format!(
                "grid size {n} is out of range: 2 to {MAX_GRID} allowed"
            )));
        }
        match thumbnails {
            None => self.0.evaluate_grid(n),
            Some(m) if (2..=n).contains(&m) => {
                self.0.evaluate_grid_sampled(n, m, whole.unwrap_or(false))
            }
            Some(m) => {
                return Err(JsError::new(&format!(
                    "thumbnail size {m} is out of range: 2 to {n} (the grid's) allowed"
                )))
            }
        };
        Ok(())
    }

    /// RGBA heatmap of a node over the last evaluated grid (n·n·4 bytes, row 0
    /// at the top, x₂ = +6; column 0 at the left, x₁ = −6). A hidden node's
    /// needs a grid that kept them whole (`evaluateGrid(n)` or
    /// `evaluateGrid(n, m, true)`).
    #[wasm_bindgen(unchecked_return_type = "Uint8ClampedArray<ArrayBuffer>")]
    pub fn heatmap(&self, node: usize, discretize: bool) -> Result<Clamped<Vec<u8>>, JsError> {
        if self.0.grid().is_none() {
            return Err(no_grid());
        }
        self.0
            .heatmap(node, discretize)
            .map(Clamped)
            .ok_or_else(|| self.missing(node))
    }

    /// Why a node has no picture: it does not exist, or the grid evaluated
    /// with thumbnails kept its layer at their cells only.
    fn missing(&self, node: usize) -> JsError {
        let count = self.0.node_count();
        JsError::new(&if node < count {
            format!("node {node} is a hidden node and the grid kept thumbnails only: call evaluateGrid(n, m, true)")
        } else {
            format!("node {node} does not exist: the network has {count} nodes")
        })
    }

    /// RGBA heatmap of a node on an n×n grid sampled from the last evaluated
    /// one (n·n·4 bytes; each cell takes the evaluated cell its centre lies
    /// in): the network view's thumbnails, from the plot's evaluation.
    #[wasm_bindgen(js_name = sampledHeatmap, unchecked_return_type = "Uint8ClampedArray<ArrayBuffer>")]
    pub fn sampled_heatmap(
        &self,
        node: usize,
        n: usize,
        discretize: bool,
    ) -> Result<Clamped<Vec<u8>>, JsError> {
        let Some(grid) = self.0.grid() else {
            return Err(no_grid());
        };
        if !(2..=grid.n).contains(&n) {
            return Err(JsError::new(&format!(
                "thumbnail size {n} is out of range: 2 to {} (the evaluated grid's) allowed",
                grid.n
            )));
        }
        self.0
            .sampled_heatmap(node, n, discretize)
            .map(Clamped)
            .ok_or_else(|| self.missing(node))
    }

    /// RGBA heatmap (n·n·4 bytes, heatmap layout) of any input feature by its
    /// config name, used by the network or not.
    #[wasm_bindgen(js_name = featureHeatmap, unchecked_return_type = "Uint8ClampedArray<ArrayBuffer>")]
    pub fn feature_heatmap(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Feature")] name: &str,
        n: usize,
    ) -> Result<Clamped<Vec<u8>>, JsError> {
        if !(2..=MAX_GRID).contains(&n) {
            return Err(JsError::new(&format!(
                "grid size {n} is out of range: 2 to {MAX_GRID} allowed"
            )));
        }
        let all = crate::data::Feature::ALL;
        let feature = all.into_iter().find(|f| f.name() == name).ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|f| f.name()).collect();
            JsError::new(&format!(
                "feature {name:?} does not exist: use one of {}",
                names.join(", ")
            ))
        })?;
        Ok(Clamped(self.0.feature_heatmap(feature, n)))
    }

    /// Total number of nodes, inputs included.
    #[wasm_bindgen(js_name = nodeCount)]
    pub fn node_count(&self) -> usize {
        self.0.node_count()
    }

    /// Three numbers per recorded epoch: epoch, train loss, test loss.
    pub fn history(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(3 * self.0.history().len());
        for point in self.0.history() {
            out.extend_from_slice(&[point.epoch as f64, point.train_loss, point.test_loss]);
        }
        out
    }
}
