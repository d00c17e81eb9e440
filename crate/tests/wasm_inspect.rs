//! The backprop inspector's bindings under node (`wasm-bindgen-test`): the
//! worked example's preset loads through the handle and its trace reaches
//! JavaScript with the slides' numbers; refusals arrive as messages.
#![cfg(target_arch = "wasm32")]

use backprop_playground::wasm::{computational_graph, inspector_presets, JsPlayground};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(object: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(object.clone(), |value, key| {
        let key = match key.parse::<u32>() {
            Ok(index) => JsValue::from(index),
            Err(_) => JsValue::from_str(key),
        };
        js_sys::Reflect::get(&value, &key).expect("field exists")
    })
}

fn number(object: &JsValue, path: &[&str]) -> f64 {
    get(object, path).as_f64().expect("a number")
}

#[wasm_bindgen_test]
fn the_worked_example_reaches_javascript_with_the_slides_numbers() {
    let presets = inspector_presets().expect("presets");
    let worked = get(&presets, &["0"]);
    assert_eq!(
        get(&worked, &["id"]).as_string().as_deref(),
        Some("workedExample")
    );
    let mut pg = JsPlayground::new(get(&worked, &["config"])).expect("a valid config");
    pg.set_layers(get(&worked, &["layers"]))
        .expect("the slides' weights");
    let trace = pg
        .inspect_example(0.1, 0.1, 0.1)
        .expect("the first instance");
    assert_eq!(number(&trace, &["layers", "1", "units", "0", "out"]), 0.5);
    let delta5 = number(&trace, &["layers", "1", "units", "0", "delta"]);
    assert!((delta5 - 0.1).abs() < 1e-12);
    let w24 = number(&trace, &["layers", "0", "weights", "1", "1", "after"]);
    assert!((w24 - 0.09995).abs() < 1e-12);

    let applied = pg.train_example(0.1, 0.1, 0.1).expect("finite");
    assert_eq!(
        number(&applied, &["layers", "1", "weights", "1", "0", "after"]),
        number(&trace, &["layers", "1", "weights", "1", "0", "after"])
    );
    let error = pg
        .inspect_example(0.1, 0.1, 2.0)
        .expect_err("y = 2 is no probability");
    let message = js_sys::Error::from(JsValue::from(error)).message();
    assert!(String::from(message).starts_with("y = 2 is out of range"));
}

#[wasm_bindgen_test]
fn the_computational_graph_crosses_the_boundary() {
    let nodes = computational_graph(1.0, 2.0, 2.0, 2.0).expect("finite inputs");
    assert_eq!(
        get(&nodes, &["4", "name"]).as_string().as_deref(),
        Some("f")
    );
    assert_eq!(number(&nodes, &["2", "gradient"]), 6.0);
    assert!(computational_graph(f64::NAN, 2.0, 2.0, 2.0).is_err());
}
