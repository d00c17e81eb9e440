//! What the browser tests and the browser benchmark share: Chromium, Node, and
//! the npm packages in `tests/` (installed with `npm ci` only when
//! `tests/package-lock.json` or `tests/package.json` changed).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

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

/// The one headless Chromium the browser test files share
/// (`tests/browser-server.mjs`): its endpoint goes to them as BROWSER_WS.
/// Dropping it closes the script's standard input, which ends the browser.
pub struct SharedBrowser {
    child: Child,
    endpoint: String,
}

impl SharedBrowser {
    pub fn start(chromium: &str) -> Result<SharedBrowser> {
        let script = Path::new(TESTS_DIR).join("browser-server.mjs");
        let mut child = Command::new("node")
            .arg(&script)
            .env("CHROMIUM", chromium)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run node {}: {e}", script.display()))?;
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            BufReader::new(out)
                .read_line(&mut line)
                .map_err(|e| format!("cannot read from {}: {e}", script.display()))?;
        }
        let endpoint = line.trim().to_string();
        if !endpoint.starts_with("ws://") {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "{} did not start Chromium (it printed {endpoint:?} instead of its endpoint)",
                script.display()
            ));
        }
        Ok(SharedBrowser { child, endpoint })
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }
}

impl Drop for SharedBrowser {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}
