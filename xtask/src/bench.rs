//! `cargo xtask bench [--browser]`: training speed natively and as wasm under
//! node (and, with `--browser`, the page's frame rate in headless Chromium),
//! combined into one table and `target/bench.json`.
//!
//! The measuring is done by
//! - `crate/examples/bench.rs` (native; written with the core crate),
//! - `xtask/bench/bench.mjs` (wasm under node),
//! - `xtask/bench/browser.mjs` (the page, through playwright-core),
//!
//! and `xtask/bench/report.mjs` prints the combined table.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::browser::ensure_browser_deps;
use crate::serve::Server;
use crate::tools::{ensure_node, CHROMIUM};
use crate::util::{cargo, run, step, target_dir, Result};
use crate::wasm::{self, PACKAGE};

/// Runs the benchmarks; `browser` adds the in-page measurement.
pub fn bench(browser: bool) -> Result {
    let examples = Path::new("crate/examples");
    if !examples.join("bench.rs").is_file() && !examples.join("bench/main.rs").is_file() {
        return Err(
            "crate/examples/bench.rs does not exist yet: the native benchmark is an example \
             of the core crate (`cargo run --release -p backprop-playground --example bench \
             -- --json <file>`)"
                .to_string(),
        );
    }
    let target = target_dir();
    fs::create_dir_all(&target).map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    let native_json = target.join("bench-native.json");
    let wasm_json = target.join("bench-wasm.json");
    let browser_json = target.join("bench-browser.json");
    let combined_json = target.join("bench.json");
    for old in [&native_json, &wasm_json, &browser_json, &combined_json] {
        // Stale results must not be mistaken for this run's.
        let _ = fs::remove_file(old);
    }

    run(cargo()
        .args([
            "run",
            "--release",
            "-p",
            PACKAGE,
            "--example",
            "bench",
            "--",
        ])
        .arg("--json")
        .arg(&native_json))?;
    expect_file(&native_json, "the native benchmark")?;

    ensure_node()?;
    wasm::build()?;
    run(Command::new("node")
        .arg("xtask/bench/bench.mjs")
        .arg("--json")
        .arg(&wasm_json))?;
    expect_file(&wasm_json, "xtask/bench/bench.mjs")?;

    if browser {
        ensure_browser_deps()?;
        let server = Server::bind(Path::new("www"), 0)?.spawn()?;
        step(&format!("serving www/ at {}", server.url()));
        let result = run(Command::new("node")
            .arg("xtask/bench/browser.mjs")
            .arg("--json")
            .arg(&browser_json)
            .env("BASE_URL", server.url())
            .env("CHROMIUM", CHROMIUM));
        server.stop();
        result?;
        expect_file(&browser_json, "xtask/bench/browser.mjs")?;
    }

    let mut report = Command::new("node");
    report
        .arg("xtask/bench/report.mjs")
        .arg("--native")
        .arg(&native_json)
        .arg("--wasm")
        .arg(&wasm_json);
    if browser {
        report.arg("--browser").arg(&browser_json);
    }
    run(report.arg("--out").arg(&combined_json))
}

fn expect_file(path: &Path, producer: &str) -> Result {
    if path.is_file() {
        Ok(())
    } else {
        Err(format!(
            "{producer} finished but did not write {}",
            path.display()
        ))
    }
}
