//! What the browser tests and the browser benchmark share: Chromium, Node, and
//! the npm packages in `tests/` (installed with `npm ci` only when
//! `tests/package-lock.json` or `tests/package.json` changed).

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::tools::{ensure_chromium, ensure_node, NodeVersion};
use crate::util::{fnv1a64, note, read, run, step, Result};

pub const TESTS_DIR: &str = "tests";
/// Records which package files `tests/node_modules` was installed from.
const STAMP: &str = "tests/node_modules/.stamp";

/// Chromium, Node/npm and `tests/node_modules`, ready for the browser tests.
pub fn ensure_browser_deps() -> Result<NodeVersion> {
    ensure_chromium()?;
    let node = ensure_node()?;
    ensure_npm_packages()?;
    Ok(node)
}

/// `npm ci` in `tests/`, skipped when the stamp says node_modules is current.
fn ensure_npm_packages() -> Result {
    let dir = Path::new(TESTS_DIR);
    let manifest = dir.join("package.json");
    let lock = dir.join("package-lock.json");
    if !manifest.is_file() {
        return Err(format!(
            "{} does not exist yet: the browser tests (and their npm packages) \
             are expected in {TESTS_DIR}/",
            manifest.display()
        ));
    }
    if !lock.is_file() {
        return Err(format!(
            "{} is missing: run `npm install` in {TESTS_DIR}/ and commit the lock file \
             (`npm ci` needs it)",
            lock.display()
        ));
    }
    let mut both = read(&lock)?;
    both.extend(read(&manifest)?);
    let stamp = format!("{:016x}\n", fnv1a64(&both));
    step("ensure tests/node_modules matches tests/package-lock.json");
    if fs::read_to_string(STAMP).is_ok_and(|old| old == stamp) {
        note("up to date (tests/node_modules/.stamp)");
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        // Never fetch browser builds: we use Debian's Chromium.
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    fs::write(STAMP, stamp).map_err(|e| format!("cannot write {STAMP}: {e}"))
}
