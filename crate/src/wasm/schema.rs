//! The settings' schema for the page (see `crate::schema`).

use wasm_bindgen::prelude::*;

use super::to_js;

/// Every setting with its kind, default, range or choices, label, unit,
/// explanation and group; the display settings, palettes, feature symbols
/// and limits. The page builds its menus, limits and tooltips from it.
#[wasm_bindgen(unchecked_return_type = "Schema")]
pub fn schema() -> Result<JsValue, JsError> {
    to_js(&crate::schema::schema())
}
