//! `cargo xtask test`: every check the project has, in order, stopping at the
//! first failure.
//!
//! 1. `cargo fmt --all --check`
//! 2. clippy, native and wasm32, with `-D warnings`
//! 3. native `cargo test --workspace`
//! 4. the wasm build (as `cargo xtask build`)
//! 5. wasm-bindgen-test tests under node
//! 6. Chromium and its headless shell, node and `npm ci` in tests/
//! 7. `tsc --noEmit --incremental` for www/jsconfig.json (the page's checked
//!    JavaScript; its state in target/tsc.tsbuildinfo)
//! 8. `cargo xtask dist` (the site and the single file, built once here)
//! 9. the browser tests (`node --test`) against in-process static servers of
//!    dist/ and www/, in groups of files (`test/groups.rs`)

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::browser::{ensure_browser_deps, TESTS_DIR};
use crate::dist::{self, DIST_DIR, SINGLE_FILE};
use crate::serve::Server;
use crate::tools::{ensure_component, ensure_wasm_target, HEADLESS_SHELL, WASM_TARGET};
use crate::util::{cargo, note, run, run_tee, step, target_dir, Result};
use crate::wasm::{self, PACKAGE};

mod groups;
use groups::{last_times, write_test_groups};

/// Runs the whole pipeline and prints a one-line summary at the end.
pub fn test() -> Result {
    let mut pipeline = Pipeline::default();
    let outcome = run_steps(&mut pipeline);
    println!();
    println!("{}", pipeline.summary(outcome.as_ref().err()));
    outcome
}

fn run_steps(p: &mut Pipeline) -> Result {
    p.run("fmt", || {
        ensure_component("rustfmt")?;
        run(cargo().args(["fmt", "--all", "--check"]))?;
        Ok("formatting is clean".to_string())
    })?;
    p.run("clippy", || {
        ensure_component("clippy")?;
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        Ok("no warnings (native)".to_string())
    })?;
    p.run("clippy-wasm32", || {
        ensure_wasm_target()?;
        run(cargo().args([
            "clippy",
            "-p",
            PACKAGE,
            "--target",
            WASM_TARGET,
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        Ok("no warnings (wasm32)".to_string())
    })?;
    p.run("test", || {
        let mut tally = CargoTally::default();
        run_tee(cargo().args(["test", "--workspace"]), |l| tally.observe(l))?;
        Ok(tally.summary())
    })?;
    let built = p.run_with("wasm-build", || {
        let built = wasm::build()?;
        let line = format!("{} ({} bytes)", wasm::BG_WASM, built.size);
        Ok((built, line))
    })?;
    p.run("wasm-test", || {
        let mut tally = CargoTally::default();
        let runner = fs::canonicalize(built.tools.test_runner())
            .map_err(|e| format!("cannot find {}: {e}", built.tools.test_runner().display()))?;
        // Only the test files that hold wasm-bindgen tests: the runner costs
        // ~1 s for each binary, even one with nothing to run.
        let mut cmd = cargo();
        cmd.args(["test", "--target", WASM_TARGET, "-p", PACKAGE]);
        for name in wasm_test_files(Path::new("crate/tests"))? {
            cmd.args(["--test", &name]);
        }
        run_tee(
            cmd.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner),
            |l| tally.observe(l),
        )?;
        Ok(tally.summary())
    })?;
    let node = p.run_with("browser-setup", || {
        let node = ensure_browser_deps()?;
        Ok((
            node,
            "chromium, node and tests/node_modules ready".to_string(),
        ))
    })?;
    // The page's modules are checked JavaScript (`// @ts-check`, JSDoc types).
    let config = "www/jsconfig.json";
    p.run(&format!("tsc {config}"), || {
        let tsc = Path::new(TESTS_DIR).join("node_modules/.bin/tsc");
        if !tsc.is_file() {
            return Err(format!(
                "{} is missing: `typescript` belongs in the devDependencies of tests/package.json",
                tsc.display()
            ));
        }
        // Incremental: a rerun checks again only what changed (1.4 s instead
        // of 3.3 s); the errors of unchanged files are kept and said again.
        run(Command::new(&tsc).args([
            "-p",
            config,
            "--noEmit",
            "--incremental",
            "--tsBuildInfoFile",
            "target/tsc.tsbuildinfo",
        ]))?;
        Ok("no type errors".to_string())
    })?;
    p.run("dist", dist::for_tests)?;
    p.run("browser-tests", || {
        let files = browser_test_files(Path::new(TESTS_DIR))?;
        // The tests open what ships (dist/, its scripts bundled); a few open
        // the sources as `cargo xtask serve` shows them (www/, a module per file).
        // Each in a folder of its own, as a host may put it: the page must
        // ask only for paths relative to itself.
        let site = Server::bind(Path::new(DIST_DIR), 0)?
            .mounted(TEST_FOLDER)
            .spawn()?;
        let sources = Server::bind(Path::new("www"), 0)?
            .mounted(TEST_FOLDER)
            .spawn()?;
        step(&format!(
            "serving {DIST_DIR}/ at {} and www/ at {}",
            site.url(),
            sources.url()
        ));
        // Groups of files run side by side, each process in a Chromium of its
        // own: most of a browser test is waiting (for a page to boot, for
        // epochs, for frames), so a few at once fill two cores. (One Chromium
        // shared through playwright's server cost more: its relay process and
        // one browser process serving every page.) The flag exists from node
        // 20.10 on.
        let jobs = test_jobs();
        let times = target_dir().join("browser-test-times.tsv");
        let groups = write_test_groups(
            &files,
            jobs,
            &last_times(&times),
            &target_dir().join("browser-tests"),
        )?;
        step(&format!(
            "{} test files in {} processes, {jobs} at a time",
            files.len(),
            groups.len(),
        ));
        let mut cmd = Command::new("node");
        cmd.args([
            "--test",
            "--test-reporter=spec",
            "--test-reporter-destination=stdout",
        ])
        .arg(format!("--test-reporter=./{TESTS_DIR}/report-times.mjs"))
        .arg(format!("--test-reporter-destination={}", times.display()));
        if (node.major, node.minor) >= (20, 10) {
            cmd.arg(format!("--test-concurrency={jobs}"));
        }
        cmd.args(&groups)
            .env("BASE_URL", site.url())
            .env("WWW_URL", sources.url())
            .env(
                "SINGLE_FILE",
                fs::canonicalize(SINGLE_FILE).map_err(|e| format!("{SINGLE_FILE}: {e}"))?,
            )
            .env("CHROMIUM", HEADLESS_SHELL);
        let mut tally = NodeTally::default();
        let result = run_tee(&mut cmd, |l| tally.observe(l));
        site.stop();
        sources.stop();
        result?;
        Ok(tally.summary())
    })?;
    Ok(())
}

/// The integration tests in `dir` that hold wasm-bindgen tests (a file
/// that mentions `wasm_bindgen_test`), by name, sorted.
fn wasm_test_files(dir: &Path) -> Result<Vec<String>> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            if text.contains("wasm_bindgen_test") {
                names.extend(path.file_stem().map(|s| s.to_string_lossy().into_owned()));
            }
        }
    }
    names.sort();
    if names.is_empty() {
        return Err(format!("no wasm-bindgen tests found in {}", dir.display()));
    }
    Ok(names)
}

/// The folder the browser tests find the site in.
pub const TEST_FOLDER: &str = "/playground/";

/// How many browser test processes run at once: BP_TEST_JOBS if set, else the
/// machine's cores plus one (at least 2).
fn test_jobs() -> usize {
    std::env::var("BP_TEST_JOBS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(2, |n| (usize::from(n) + 1).max(2))
        })
}

/// The browser test files: `*.test.{mjs,js,cjs}` under tests/ (not in
/// node_modules or dot-directories), sorted.
fn browser_test_files(dir: &Path) -> Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
        let entries =
            fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "node_modules" && !name.starts_with('.') {
                    walk(&path, out)?;
                }
            } else if [".test.mjs", ".test.js", ".test.cjs"]
                .iter()
                .any(|ext| name.ends_with(ext))
            {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "no browser tests found: expected {}/*.test.mjs",
            dir.display()
        ));
    }
    Ok(files)
}

/// Runs steps in order and remembers what happened for the summary.
#[derive(Debug, Default)]
struct Pipeline {
    /// The steps that passed, in order, with their time.
    done: Vec<String>,
    failed: Option<String>,
}

impl Pipeline {
    /// Runs a step whose closure returns its summary line.
    fn run(&mut self, name: &str, f: impl FnOnce() -> Result<String>) -> Result {
        self.run_with(name, || f().map(|line| ((), line)))
    }

    /// Runs a step whose closure returns a value and its summary line.
    fn run_with<T>(&mut self, name: &str, f: impl FnOnce() -> Result<(T, String)>) -> Result<T> {
        println!();
        step(&format!("[{name}]"));
        let started = Instant::now();
        match f() {
            Ok((value, line)) => {
                let seconds = started.elapsed().as_secs_f64();
                note(&format!("{name}: {line} ({seconds:.0} s)"));
                self.done.push(format!("{name} ok ({seconds:.0} s)"));
                Ok(value)
            }
            Err(e) => {
                self.failed = Some(name.to_string());
                Err(e)
            }
        }
    }

    fn summary(&self, error: Option<&String>) -> String {
        let done = &self.done;
        match (&self.failed, error) {
            (Some(step), _) => format!(
                "cargo xtask test: FAILED at {step} (before it: {})",
                if done.is_empty() {
                    "nothing".to_string()
                } else {
                    done.join(", ")
                }
            ),
            (None, Some(_)) => format!("cargo xtask test: FAILED (after: {})", done.join(", ")),
            (None, None) => format!("cargo xtask test: all passed: {}", done.join(", ")),
        }
    }
}

/// Adds up libtest's `test result: ok. 3 passed; 0 failed; 1 ignored; ...`
/// lines (one per test binary, including doctests and wasm-bindgen-test).
#[derive(Debug, Default)]
struct CargoTally {
    suites: u32,
    passed: u64,
    failed: u64,
    ignored: u64,
}

impl CargoTally {
    fn observe(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result:") else {
            return;
        };
        self.suites += 1;
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            let (Some(count), Some(kind)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(count) = count.parse::<u64>() else {
                continue;
            };
            match kind {
                "passed" => self.passed += count,
                "failed" => self.failed += count,
                "ignored" => self.ignored += count,
                _ => {}
            }
        }
    }

    fn summary(&self) -> String {
        format!(
            "{} passed, {} failed, {} ignored in {} test binaries",
            self.passed, self.failed, self.ignored, self.suites
        )
    }
}

/// Reads node's test summary (`ℹ pass 3` with the spec reporter, `# pass 3`
/// with TAP).
#[derive(Debug, Default)]
struct NodeTally {
    counts: Vec<(String, u64)>,
}

impl NodeTally {
    fn observe(&mut self, line: &str) {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("ℹ ").or_else(|| line.strip_prefix("# ")) else {
            return;
        };
        let mut words = rest.split_whitespace();
        let (Some(kind), Some(count), None) = (words.next(), words.next(), words.next()) else {
            return;
        };
        let known = [
            "tests",
            "suites",
            "pass",
            "fail",
            "cancelled",
            "skipped",
            "todo",
        ];
        if let (true, Ok(count)) = (known.contains(&kind), count.parse::<u64>()) {
            self.counts.retain(|(k, _)| k != kind);
            self.counts.push((kind.to_string(), count));
        }
    }

    fn summary(&self) -> String {
        if self.counts.is_empty() {
            return "node --test finished (no summary seen)".to_string();
        }
        let parts: Vec<String> = self
            .counts
            .iter()
            .map(|(kind, count)| format!("{kind} {count}"))
            .collect();
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_cargo_test_output() {
        let mut t = CargoTally::default();
        t.observe("running 3 tests");
        t.observe("test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        t.observe("test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.50s");
        assert_eq!(
            t.summary(),
            "5 passed, 1 failed, 1 ignored in 2 test binaries"
        );
    }

    #[test]
    fn tallies_node_test_output() {
        let mut t = NodeTally::default();
        for line in [
            "ℹ tests 4",
            "ℹ pass 3",
            "ℹ fail 1",
            "ℹ duration_ms 12.5",
            "# skipped 0",
        ] {
            t.observe(line);
        }
        assert_eq!(t.summary(), "tests 4, pass 3, fail 1, skipped 0");
    }

    #[test]
    fn summarises_the_pipeline() {
        let mut p = Pipeline::default();
        assert!(p.run("a", || Ok("fine".into())).is_ok());
        assert!(p.run("b", || Ok("fine too".into())).is_ok());
        let err = p.run("c", || Err("broken".into()));
        assert!(err.is_err());
        assert_eq!(
            p.summary(err.as_ref().err()),
            "cargo xtask test: FAILED at c (before it: a ok (0 s), b ok (0 s))"
        );
    }
}
