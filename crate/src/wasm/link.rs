//! Bindings of the link codec (`crate::link`) and the lessons: reading and
//! writing the location hash, and a run's weights as one flat list.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{to_js, JsPlayground};
use crate::link::{self, LinkState, LinkWarning};
use crate::{lessons, network};

/// Reads a plain JavaScript object into `T`; the error names the path of
/// the part that does not fit (`what.layers[1].weights: …`).
pub(crate) fn read<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    super::deserialize(value, |path| match path {
        None => what.to_owned(),
        Some(path) => format!("{what}.{path}"),
    })
}

#[derive(Serialize, tsify::Tsify)]
struct DecodedLink {
    state: LinkState,
    warnings: Vec<LinkWarning>,
}

/// Reads a location hash (with or without `#`) as
/// `{ state: { config, display, weights, lesson, pageOptions }, warnings }`.
/// Never refuses a string: whatever cannot be used is a warning
/// `{ field, value, used, message }`, and `state.config` always validates.
#[wasm_bindgen(js_name = decodeLink, unchecked_return_type = "DecodedLink")]
pub fn decode_link(hash: &str) -> Result<JsValue, JsError> {
    let decoded = link::decode(hash);
    to_js(&DecodedLink {
        state: decoded.state,
        warnings: decoded.warnings,
    })
}

/// Writes `{ config, display, weights, lesson, pageOptions }` (each part
/// optional) as a link without the `#`. A `numPoints` equal to the
/// dataset's usual count is left out: it is the same run.
#[wasm_bindgen(js_name = encodeLink)]
pub fn encode_link(
    #[wasm_bindgen(unchecked_param_type = "LinkStatePatch")] state: JsValue,
) -> Result<String, JsError> {
    let state: LinkState = read(state, "link")?;
    Ok(link::encode(&state.tidy()))
}

/// The settings of `{ config, lesson }` (each part optional) that differ
/// from those of the lesson it names, as config field names in link order;
/// `[]` without a lesson.
#[wasm_bindgen(js_name = lessonChanges)]
pub fn lesson_changes(
    #[wasm_bindgen(unchecked_param_type = "LinkStatePatch")] state: JsValue,
) -> Result<Vec<String>, JsError> {
    let state: LinkState = read(state, "link")?;
    Ok(state.lesson_changes())
}

/// Every name a link reads, by kind (`linkNames`).
#[derive(Serialize, tsify::Tsify)]
struct LinkNames {
    settings: &'static [&'static str],
    display: &'static [&'static str],
    state: &'static [&'static str],
    page: &'static [&'static str],
}

/// Every name a link reads, each list in the order links write it:
/// `{ settings, display, state, page }` — the config's settings, the display
/// settings, `lesson` and `weights`, and the names the page owns (its embed
/// mode's and the benchmark's). A `<backprop-playground>` element's
/// attributes are these names.
#[wasm_bindgen(js_name = linkNames, unchecked_return_type = "LinkNames")]
pub fn link_names() -> Result<JsValue, JsError> {
    to_js(&LinkNames {
        settings: &link::CONFIG_FIELDS,
        display: &link::DISPLAY_FIELDS,
        state: &link::STATE_FIELDS,
        page: &link::PAGE_OPTIONS,
    })
}

/// The longest link, in characters after `#`, the page offers to share.
#[wasm_bindgen(js_name = linkLimit)]
pub fn link_limit() -> usize {
    link::LINK_LIMIT
}

#[derive(Serialize, tsify::Tsify)]
struct LessonInfo {
    id: &'static str,
    title: &'static str,
    caption: &'static str,
    /// The lesson's hash, without `#`.
    link: String,
}

/// Every lesson: `[{ id, title, caption, link }]`, in menu order.
#[wasm_bindgen(unchecked_return_type = "LessonInfo[]")]
pub fn lessons() -> Result<JsValue, JsError> {
    let list: Vec<LessonInfo> = lessons::ALL
        .iter()
        .map(|lesson| LessonInfo {
            id: lesson.id,
            title: lesson.title,
            caption: lesson.caption,
            link: link::encode(&lesson.state()),
        })
        .collect();
    to_js(&list)
}

#[wasm_bindgen(js_class = Playground)]
impl JsPlayground {
    /// Every weight and bias in link order: layer by layer, w_ij row by row
    /// (i: node of the previous layer), then the layer's biases.
    #[wasm_bindgen(js_name = flatWeights)]
    pub fn flat_weights(&self) -> Vec<f64> {
        link::flat_weights(self.0.network())
    }

    /// What a step needs besides the weights: the schedule's state (η now
    /// first) and the optimizer's, as numbers (`Playground::trainer_state`).
    #[wasm_bindgen(js_name = trainerState)]
    pub fn trainer_state(&self) -> Vec<f64> {
        self.0.trainer_state()
    }

    /// Takes another run's `trainerState` (same config, same shape); throws
    /// and changes nothing if it does not fit.
    #[wasm_bindgen(js_name = setTrainerState)]
    pub fn set_trainer_state(&mut self, values: &[f64]) -> Result<(), JsError> {
        self.0
            .set_trainer_state(values)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Replaces every weight and bias (in `flatWeights` order); the epoch,
    /// data and training order stay, the optimizer starts afresh. Throws if
    /// the count does not fit the network or a value is not finite.
    #[wasm_bindgen(js_name = setFlatWeights)]
    pub fn set_flat_weights(&mut self, values: &[f64]) -> Result<(), JsError> {
        let network = link::network_from_flat(self.0.network(), values)
            .map_err(|network::ShapeError(e)| JsError::new(&e))?;
        self.0
            .set_network(network)
            .map_err(|e| JsError::new(&e.to_string()))
    }
}
