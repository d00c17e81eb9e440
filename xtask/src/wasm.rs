//! `cargo xtask build`: the core crate compiled to wasm32 and bound for the
//! page with wasm-bindgen into `www/pkg/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools::{ensure_wasm_bindgen, ensure_wasm_target, WasmBindgen, WASM_TARGET};
use crate::util::{cargo, human_size, note, run, target_dir, Result};

pub const PACKAGE: &str = "backprop-playground";
/// Where the page expects the generated module.
pub const OUT_DIR: &str = "www/pkg";
/// The wasm file wasm-bindgen writes next to it.
pub const BG_WASM: &str = "backprop_playground_bg.wasm";

/// What a successful build produced.
#[derive(Debug)]
pub struct Built {
    pub tools: WasmBindgen,
    /// Size of `www/pkg/backprop_playground_bg.wasm` in bytes.
    pub size: u64,
}

/// The wasm file cargo writes for a release build of the core crate.
pub fn cargo_wasm() -> PathBuf {
    target_dir()
        .join(WASM_TARGET)
        .join("release")
        .join("backprop_playground.wasm")
}

fn file_size(path: &Path) -> Result<u64> {
    fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Builds the wasm core and runs wasm-bindgen (`--target web`) into `www/pkg`,
/// with its TypeScript declarations (`backprop_playground.d.ts`): the page's
/// checked JavaScript reads the core's classes, functions and the shapes of
/// what they return from there, so `tsc` fails when a binding changes.
///
/// wasm-bindgen-cli is checked after `cargo build`, so that the version is
/// read from the Cargo.lock the build has just resolved.
pub fn build() -> Result<Built> {
    ensure_wasm_target()?;
    run(cargo().args(["build", "--release", "--target", WASM_TARGET, "-p", PACKAGE]))?;
    let tools = ensure_wasm_bindgen()?;
    let input = cargo_wasm();
    run(Command::new(tools.cli())
        .args(["--target", "web", "--out-dir", OUT_DIR])
        .arg(&input))?;
    let output = Path::new(OUT_DIR).join(BG_WASM);
    let size = file_size(&output)?;
    note(&format!(
        "{}: {} ({} before wasm-bindgen)",
        output.display(),
        human_size(size),
        human_size(file_size(&input)?)
    ));
    Ok(Built { tools, size })
}
