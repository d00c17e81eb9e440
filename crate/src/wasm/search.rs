//! Bindings of random restarts and the cross-validation sweep
//! (`crate::search`): each job is an opaque handle the page advances a
//! slice per animation frame; freeing it cancels the job.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{read_config, to_js, JsPlayground};
use crate::config::ValidConfig;
use crate::search::{lowest, CrossValidation, CvSettings, Restarts};

fn valid_config(config: JsValue) -> Result<ValidConfig, JsError> {
    read_config(config)?
        .validate()
        .map_err(|errors| JsError::new(&errors.to_string()))
}

/// Epochs as the page gives them: a whole number from 0 up.
fn whole(field: &str, value: f64) -> Result<u64, JsError> {
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= 1e12 {
        // Checked whole and in range just above.
        Ok(value as u64)
    } else {
        Err(JsError::new(&format!(
            "{field} = {value} is not a whole number of epochs"
        )))
    }
}

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
struct RestartResult {
    /// Which restart, 0 to K − 1 (a share finishes only some of them).
    index: usize,
    seed: u32,
    epochs: f64,
    train_loss: f64,
    test_loss: f64,
    train_accuracy: Option<f64>,
    test_accuracy: Option<f64>,
}

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
struct RestartReport {
    seeds: Vec<u32>,
    epochs: f64,
    restarts: Vec<RestartResult>,
    best: Option<usize>,
    progress: f64,
    done: bool,
}

/// K runs of the page's config from K seeds (the run's own first), each
/// trained E epochs; the best by test loss can replace the running network.
#[wasm_bindgen(js_name = RestartSearch)]
#[derive(Debug)]
pub struct JsRestarts(Restarts);

#[wasm_bindgen(js_class = RestartSearch)]
impl JsRestarts {
    /// Throws an `Error` naming the config field or the setting out of range.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ConfigPatch")] config: JsValue,
        restarts: usize,
        epochs: f64,
    ) -> Result<JsRestarts, JsError> {
        let config = valid_config(config)?;
        Restarts::new(&config, restarts, whole("epochs", epochs)?)
            .map(JsRestarts)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Trains only share `index` of `of` (restarts index, index + of, …),
    /// as one of `of` workers; call before `advance`.
    pub fn share(&mut self, index: usize, of: usize) -> Result<(), JsError> {
        self.0
            .share(index, of)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Trains at most `epochs` epochs (at least one) and returns the fraction
    /// of the job done, 0 to 1.
    pub fn advance(&mut self, epochs: u32) -> f64 {
        self.0.advance(u64::from(epochs))
    }

    pub fn done(&self) -> bool {
        self.0.is_done()
    }

    /// `{ seeds, epochs, restarts: [{ seed, epochs, trainLoss, testLoss,
    /// trainAccuracy, testAccuracy }], best, progress, done }`: the finished
    /// restarts in seed order; `best` indexes `restarts` (null before any).
    #[wasm_bindgen(unchecked_return_type = "RestartReport")]
    pub fn results(&self) -> Result<JsValue, JsError> {
        let job = &self.0;
        to_js(&RestartReport {
            seeds: job.seeds().to_vec(),
            epochs: job.epochs() as f64,
            restarts: job
                .results()
                .iter()
                .map(|r| RestartResult {
                    index: r.index,
                    seed: r.seed,
                    epochs: r.epochs as f64,
                    train_loss: r.train_loss,
                    test_loss: r.test_loss,
                    train_accuracy: r.train_accuracy,
                    test_accuracy: r.test_accuracy,
                })
                .collect(),
            best: job.best_index(),
            progress: job.progress(),
            done: job.is_done(),
        })
    }

    /// A copy of the best restart's trained run (its config carries its seed).
    pub fn best(&self) -> Result<JsPlayground, JsError> {
        self.0
            .best()
            .map(|pg| JsPlayground(pg.clone()))
            .ok_or_else(|| JsError::new("no restart has finished yet"))
    }
}

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
struct UnitsResult {
    units: usize,
    /// The hidden layers this count sets.
    hidden: Vec<usize>,
    /// Validation loss per finished fold.
    losses: Vec<f64>,
    /// Over the folds, once all are done; null before.
    mean: Option<f64>,
    sd: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
}

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
struct CvReport {
    folds: usize,
    epochs: f64,
    units: Vec<UnitsResult>,
    best: Option<usize>,
    best_hidden: Option<Vec<usize>>,
    progress: f64,
    done: bool,
}

/// Internal k-fold cross-validation of the number of hidden units over the
/// page's training set.
#[wasm_bindgen(js_name = CrossValidation)]
#[derive(Debug)]
pub struct JsCrossValidation(CrossValidation);

#[wasm_bindgen(js_class = CrossValidation)]
impl JsCrossValidation {
    /// k folds (3 to 10), every unit count from `unitsFrom` to `unitsTo`
    /// (1 to 32), `epochs` per fit. Throws an `Error` naming what is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ConfigPatch")] config: JsValue,
        folds: usize,
        units_from: usize,
        units_to: usize,
        epochs: f64,
    ) -> Result<JsCrossValidation, JsError> {
        let config = valid_config(config)?;
        let settings = CvSettings {
            folds,
            units_from,
            units_to,
            epochs: whole("epochs", epochs)?,
        };
        CrossValidation::new(&config, settings)
            .map(JsCrossValidation)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Trains only share `index` of `of` (the unit counts index, index + of,
    /// … of the range, every fold of each), as one of `of` workers; call
    /// before `advance`.
    pub fn share(&mut self, index: usize, of: usize) -> Result<(), JsError> {
        self.0
            .share(index, of)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Trains at most `epochs` epochs (at least one) and returns the fraction
    /// of the job done, 0 to 1.
    pub fn advance(&mut self, epochs: u32) -> f64 {
        self.0.advance(u64::from(epochs))
    }

    pub fn done(&self) -> bool {
        self.0.is_done()
    }

    /// The fold (0 to k − 1) of each training example, in training-set order.
    pub fn folds(&self) -> Vec<u32> {
        self.0
            .folds()
            .iter()
            .map(|&f| u32::try_from(f).unwrap_or(u32::MAX))
            .collect()
    }

    /// `{ folds, epochs, units: [{ units, losses, mean, sd, min, max }], best,
    /// bestHidden, progress, done }`: one entry per unit count, ascending;
    /// `sd` is the sample standard deviation over the folds; `best` indexes
    /// `units` (lowest mean), `bestHidden` is the hidden layers to apply.
    #[wasm_bindgen(unchecked_return_type = "CvReport")]
    pub fn results(&self) -> Result<JsValue, JsError> {
        let job = &self.0;
        let folds = job.settings().folds;
        let units = job
            .results()
            .iter()
            .map(|r| {
                let complete = r.losses.len() == folds;
                let (min, max) = r.range();
                UnitsResult {
                    units: r.units,
                    hidden: job.hidden_of(r.units),
                    losses: r.losses.clone(),
                    mean: complete.then(|| r.mean()),
                    sd: complete.then(|| r.sd()),
                    min: complete.then_some(min),
                    max: complete.then_some(max),
                }
            })
            .collect();
        to_js(&CvReport {
            folds,
            epochs: job.settings().epochs as f64,
            units,
            best: job.best_index(),
            best_hidden: job.best_hidden(),
            progress: job.progress(),
            done: job.is_done(),
        })
    }
}

/// The index of the lowest value, the first of equals (a finite value beats
/// one that is not; with none finite, the first): the searches' rule for
/// "best", for the page to merge the shares of a search run by several
/// workers. Undefined for no values.
#[wasm_bindgen(js_name = lowestIndex)]
pub fn lowest_index(values: &[f64]) -> Option<usize> {
    lowest(values)
}
