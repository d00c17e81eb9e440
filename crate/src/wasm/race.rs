//! Bindings of the race (`crate::race`): for the page, each lane's config
//! and name in the legend; for a lane's worker, the lane's run.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;

use super::link::read;
use super::{read_config, to_js, StepResult, MAX_GRID};
use crate::config::Config;
use crate::link::flat_weights;
use crate::race::{self, LaneRun, Race};
use crate::render::Palette;

/// Each lane's config (`race`: `{ lanes: [[field, text][]], epochs, target }`)
/// from the run's `config`, validated, with the point count filled in.
/// Throws the first refusal, naming its lane ("Lane 2: …").
#[wasm_bindgen(js_name = raceConfigs, unchecked_return_type = "Config[]")]
pub fn race_configs(
    #[wasm_bindgen(unchecked_param_type = "ConfigPatch")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Race")] race: JsValue,
) -> Result<JsValue, JsError> {
    let run = read_config(config)?;
    let race: Race = read(race, "race")?;
    let configs: Vec<Config> = race
        .configs(&run)
        .map_err(|why| JsError::new(&why))?
        .into_iter()
        .map(|valid| Config {
            num_points: Some(valid.num_points()),
            ..valid.get().clone()
        })
        .collect();
    to_js(&configs)
}

/// Each lane's name in the legend ("Adam, η = 0.003"), in lane order.
#[wasm_bindgen(js_name = raceLegends)]
pub fn race_legends(
    #[wasm_bindgen(unchecked_param_type = "ConfigPatch")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Race")] race: JsValue,
) -> Result<Vec<String>, JsError> {
    let run = read_config(config)?;
    let race: Race = read(race, "race")?;
    Ok(race::legends(&race, &run))
}

/// Why a lane may not set `field` to `text` (as a link writes it), or
/// `undefined` when it may (the range is checked with the whole lane).
#[wasm_bindgen(js_name = raceChangeProblem)]
pub fn race_change_problem(field: &str, text: &str) -> Option<String> {
    race::check_change(field, text).err()
}

/// What a lane reports: its figures and the first epoch at or below the target.
#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
struct LaneReport {
    stats: StepResult,
    /// The first epoch whose training loss was at most the target, if any.
    first_below: Option<f64>,
}

/// One lane in training, in its worker.
#[wasm_bindgen(js_name = RaceLane)]
#[derive(Debug)]
pub struct JsRaceLane(LaneRun);

#[wasm_bindgen(js_class = RaceLane)]
impl JsRaceLane {
    /// A lane of `config` (one of `raceConfigs`), from the seed's initial
    /// weights (`weights` empty) or from `weights` (flat order) when the run
    /// started from given ones. Throws, naming what is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ConfigPatch")] config: JsValue,
        weights: &[f64],
    ) -> Result<JsRaceLane, JsError> {
        let valid = read_config(config)?
            .validate()
            .map_err(|errors| JsError::new(&errors.to_string()))?;
        LaneRun::new(valid, (!weights.is_empty()).then_some(weights))
            .map(JsRaceLane)
            .map_err(|why| JsError::new(&why))
    }

    /// Trains at most `batches` batches and never past epoch `until`;
    /// reports `{ stats, firstBelow }` for the target loss `target`.
    #[wasm_bindgen(unchecked_return_type = "LaneReport")]
    pub fn advance(&mut self, batches: u32, until: f64, target: f64) -> Result<JsValue, JsError> {
        self.0.advance(batches as usize, until as u64);
        self.report(target)
    }

    /// `{ stats, firstBelow }` now, for the target loss `target`.
    #[wasm_bindgen(unchecked_return_type = "LaneReport")]
    pub fn report(&self, target: f64) -> Result<JsValue, JsError> {
        to_js(&LaneReport {
            stats: StepResult::from(self.0.playground().stats()),
            first_below: self.0.first_below(target).map(|e| e as f64),
        })
    }

    /// Batches trained so far, the epoch under way's included.
    #[wasm_bindgen(js_name = batchesTrained)]
    pub fn batches_trained(&self) -> f64 {
        let playground = self.0.playground();
        let done = playground.epoch_progress().map_or(0, |(done, _)| done);
        playground.stats().epoch as f64 * playground.batches_per_epoch() as f64 + done as f64
    }

    /// Batches in one epoch.
    #[wasm_bindgen(js_name = batchesPerEpoch)]
    pub fn batches_per_epoch(&self) -> usize {
        self.0.playground().batches_per_epoch()
    }

    /// Three numbers per recorded epoch: epoch, train loss, test loss.
    pub fn history(&self) -> Vec<f64> {
        let history = self.0.playground().history();
        let mut out = Vec::with_capacity(3 * history.len());
        for point in history {
            out.extend_from_slice(&[point.epoch as f64, point.train_loss, point.test_loss]);
        }
        out
    }

    /// The decision map on a `size` × `size` grid (RGBA, heatmap layout).
    pub fn picture(&mut self, size: usize, discretize: bool) -> Result<Clamped<Vec<u8>>, JsError> {
        if !(2..=MAX_GRID).contains(&size) {
            return Err(JsError::new(&format!(
                "grid size {size} is out of range: 2 to {MAX_GRID} allowed"
            )));
        }
        let playground = self.0.playground_mut();
        playground.evaluate_grid_outputs(size);
        playground
            .decision_heatmap(discretize)
            .map(Clamped)
            .ok_or_else(|| JsError::new("the grid was not evaluated"))
    }

    /// Colours: "default" or "colorBlind".
    #[wasm_bindgen(js_name = setPalette)]
    pub fn set_palette(&mut self, name: &str) -> Result<(), JsError> {
        let palette = Palette::named(name)
            .ok_or_else(|| JsError::new(&format!("palette {name:?} does not exist")))?;
        self.0.playground_mut().set_palette(palette);
        Ok(())
    }

    /// Every weight and bias, in `flatWeights` order.
    #[wasm_bindgen(js_name = flatWeights)]
    pub fn flat_weights(&self) -> Vec<f64> {
        flat_weights(self.0.playground().network())
    }
}
