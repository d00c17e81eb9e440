//! What the browser tests and the browser benchmark share: Chromium, Node, and
//! the npm packages in `tests/` (installed with `npm ci` only when
//! `tests/package-lock.json` or `tests/package.json` changed).

use std::path::Path;

use crate::tools::{ensure_chromium, ensure_node, ensure_npm_ci, NodeVersion};
use crate::util::Result;

pub const TESTS_DIR: &str = "tests";

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
    if !dir.join("package.json").is_file() {
        return Err(format!(
            "{TESTS_DIR}/package.json does not exist yet: the browser tests (and their npm \
             packages) are expected in {TESTS_DIR}/"
        ));
    }
    ensure_npm_ci(dir)
}
