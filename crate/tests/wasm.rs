//! Smoke test of the wasm boundary under node (`wasm-bindgen-test`): the
//! handle builds, trains, draws and reports errors as JavaScript sees them.
#![cfg(target_arch = "wasm32")]

use backprop_playground::wasm::{bench_config, JsPlayground, JsSurfacePlane};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).expect("field exists")
}

#[wasm_bindgen_test]
fn the_handle_trains_and_draws() {
    let config = bench_config("A").expect("A exists");
    // The page's replica: built, then measured, it reports what the constructor does.
    let mut replica = JsPlayground::unmeasured(config.clone()).expect("A is valid");
    replica.measure();
    let mut pg = JsPlayground::new(config).expect("A is valid");
    let start = field(&pg.stats().expect("stats"), "trainLoss")
        .as_f64()
        .expect("a number");
    assert_eq!(
        field(&replica.stats().expect("stats"), "trainLoss").as_f64(),
        Some(start)
    );
    let after = pg.step(400).expect("step");
    assert_eq!(field(&after, "epoch").as_f64(), Some(400.0));
    let loss = field(&after, "trainLoss").as_f64().expect("a number");
    assert!(loss < start / 2.0, "{start} → {loss}");
    let accuracy = field(&after, "testAccuracy")
        .as_f64()
        .expect("classification");
    assert!(accuracy > 0.9, "test accuracy {accuracy}");
    pg.evaluate_grid(50, Some(20), None).expect("grid");
    let output = pg.node_count() - 1;
    assert_eq!(
        pg.heatmap(output, false).expect("heatmap").0.len(),
        50 * 50 * 4
    );
    let thumbnail = pg.sampled_heatmap(output, 20, false).expect("thumbnail");
    assert_eq!(thumbnail.0.len(), 20 * 20 * 4);
    // A thumbnail finer than the grid, or one asked of a grid not evaluated.
    for side in [51, 1] {
        assert!(
            pg.evaluate_grid(50, Some(side), None).is_err(),
            "side {side}"
        );
        assert!(
            pg.sampled_heatmap(output, side, false).is_err(),
            "side {side}"
        );
    }
    pg.step(1).expect("step");
    assert!(pg.sampled_heatmap(output, 20, false).is_err());
    assert_eq!(pg.points().len(), 4 * 500);
    assert_eq!(pg.layer_sizes(), vec![2, 4, 2, 1]);
}

#[wasm_bindgen_test]
fn invalid_configs_and_edits_become_errors_naming_the_field() {
    let config = bench_config("A").expect("A exists");
    js_sys::Reflect::set(
        &config,
        &"hidden".into(),
        &js_sys::JSON::parse("[4, 0]").expect("json"),
    )
    .expect("set");
    let error = JsPlayground::new(config).expect_err("0 units is refused");
    let message = js_sys::Error::from(JsValue::from(error)).message();
    assert!(String::from(message).contains("hidden[1] = 0 units"));

    let mut pg = JsPlayground::new(JsValue::UNDEFINED).expect("undefined is the default config");
    assert!(pg.set_weight(0, 0, 0, f64::NAN).is_err());
    assert!(pg.heatmap(0, false).is_err(), "no grid evaluated yet");
    let error = pg.feature_heatmap("x3", 20).expect_err("x3 is no feature");
    let message = String::from(js_sys::Error::from(JsValue::from(error)).message());
    assert!(message.contains("\"x3\" does not exist"), "{message}");
    assert!(
        message.contains("x1Sq") && message.contains("sinX2"),
        "{message}"
    );
    assert_eq!(
        pg.feature_heatmap("x1x2", 20).expect("x1x2").0.len(),
        20 * 20 * 4
    );
}

#[wasm_bindgen_test]
fn restarts_run_in_slices_and_hand_over_the_best_run() {
    use backprop_playground::wasm::search::JsRestarts;
    let mut job = JsRestarts::new(bench_config("A").expect("A exists"), 3, 5.0).expect("valid");
    let mut slices = 0;
    while job.advance(2) < 1.0 {
        slices += 1;
        assert!(slices < 100, "the job never finished");
    }
    assert!(job.done());
    let report = job.results().expect("results");
    let best = field(&report, "best").as_f64().expect("a best restart") as u32;
    let restarts = js_sys::Array::from(&field(&report, "restarts"));
    assert_eq!(restarts.length(), 3);
    let listed = field(&restarts.get(best), "testLoss").as_f64();
    let kept = job.best().expect("best");
    assert_eq!(
        field(&kept.stats().expect("stats"), "testLoss").as_f64(),
        listed
    );
    let error = JsRestarts::new(JsValue::UNDEFINED, 21, 5.0).expect_err("K = 21 is refused");
    let message = js_sys::Error::from(JsValue::from(error)).message();
    assert!(String::from(message).contains("restarts = 21 is out of range"));
}

#[wasm_bindgen_test]
fn gradient_flow_metrics_and_divergence_cross_the_boundary() {
    let config = bench_config("A").expect("A exists");
    let mut pg = JsPlayground::new(config).expect("A is valid");
    assert!(pg.gradient_flow().is_empty(), "epoch 0 has no gradient");
    assert!(pg.node_deltas().is_empty());
    pg.step(3).expect("step");
    // Epoch, then one value per weight layer (2 → 4 → 2 → 1: three layers).
    assert_eq!(pg.gradient_layers(), 3);
    let flow = pg.gradient_flow();
    assert_eq!(flow.len(), 3 * 4);
    assert_eq!(flow[4], 2.0);
    assert!(flow.iter().all(|v| v.is_finite() && *v >= 0.0));
    assert_eq!(pg.node_deltas().len(), 4 + 2 + 1);

    let metrics = pg.metrics().expect("metrics");
    assert_eq!(field(&metrics, "classes").as_f64(), Some(2.0));
    let train = field(&metrics, "train");
    assert_eq!(field(&train, "count").as_f64(), Some(250.0));
    let counts: Vec<f64> = js_sys::Array::from(&field(&train, "confusion"))
        .iter()
        .map(|v| v.as_f64().expect("a count"))
        .collect();
    assert_eq!(counts.len(), 4);
    assert_eq!(counts.iter().sum::<f64>(), 250.0);
    assert!(field(&train, "rSquared").is_null());

    assert!(pg.divergence().expect("divergence").is_null());
}

#[wasm_bindgen_test]
fn the_loss_surface_crosses_the_boundary() {
    let config = bench_config("B").expect("B exists");
    let mut pg = JsPlayground::new(config).expect("B is valid");
    pg.step(20).expect("step");
    let loss = field(&pg.stats().expect("stats"), "trainLoss")
        .as_f64()
        .expect("a number");
    let plane = JsSurfacePlane::random(&pg, 5);
    // The middle row of a 5 × 5 surface, in two calls; its middle is the run.
    let row = plane.rows(&pg, 1.0, 5, 2, 3).expect("a valid grid");
    assert_eq!(row.len(), 5);
    assert!((row[2] - loss).abs() <= 1e-12, "{} against {loss}", row[2]);
    assert_eq!(plane.coordinates(&pg.flat_weights()), vec![0.0, 0.0]);
    assert_eq!(plane.slope(&pg).len(), 2);
    assert!(plane.rows(&pg, 1.0, 500, 0, 1).is_err());
    assert!(JsSurfacePlane::along_weights(&pg, 0, 100_000).is_err());
}
