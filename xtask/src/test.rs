//! `cargo xtask test`: every check the project has, in order, stopping at the
//! first failure.
//!
//! 1. `cargo fmt --all --check`
//! 2. clippy, native and wasm32, with `-D warnings`
//! 3. native `cargo test --workspace`
//! 4. the wasm build (as `cargo xtask build`)
//! 5. wasm-bindgen-test tests under node
//! 6. Chromium, node and `npm ci` in tests/
//! 7. `tsc --noEmit --incremental` for www/jsconfig.json (the page's checked
//!    JavaScript; its state in target/tsc.tsbuildinfo)
//! 8. `cargo xtask dist` (the site and the single file, built once here)
//! 9. the browser tests (`node --test`) against in-process static servers of
//!    dist/ and www/

use std::collections::HashMap;
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

/// Splits the test files into processes: the page-less unit tests
/// (tests/unit/) in one, the browser tests in at most `count` of about equal
/// cost (one per job: with twice as many, more Chromiums and fresh contexts
/// cost more than the finer balance saved), by their times at the last run
/// (`times`, by path). Each process's files share one Chromium and one pool
/// of idle tabs (tests/helpers.mjs): a file of its own costs a node process,
/// a Chromium and a fresh context with cold caches. Writes one entry file per
/// group into `dir`, which imports the group's files, and returns their paths.
fn write_test_groups(
    files: &[PathBuf],
    count: usize,
    times: &HashMap<String, f64>,
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    let mut counts = Vec::new();
    for file in files {
        let text =
            fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        counts.push(test_count(&text));
    }
    let keys: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().replace('\\', "/"))
        .collect();
    let (unit, browser): (Vec<_>, Vec<_>) = files
        .iter()
        .zip(file_costs(&keys, &counts, times))
        .partition(|(file, _)| file.components().any(|c| c.as_os_str() == "unit"));
    // The unit tests first: they take a second, then free their slot.
    let mut groups: Vec<Vec<&PathBuf>> = vec![unit.into_iter().map(|(file, _)| file).collect()];
    groups.extend(balance(browser, count));
    groups.retain(|g| !g.is_empty());
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for old in fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))? {
        let old = old
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        fs::remove_file(&old).map_err(|e| format!("cannot remove {}: {e}", old.display()))?;
    }
    let mut entries = Vec::new();
    for (i, group) in groups.iter().enumerate() {
        let mut text =
            String::from("// Written by `cargo xtask test`: one test process's files.\n");
        for file in group {
            let file = fs::canonicalize(file).map_err(|e| format!("{}: {e}", file.display()))?;
            text.push_str(&format!("import '{}';\n", file_url(&file)));
        }
        let entry = dir.join(format!("group-{}.mjs", i + 1));
        fs::write(&entry, text).map_err(|e| format!("cannot write {}: {e}", entry.display()))?;
        entries.push(entry);
    }
    Ok(entries)
}

/// `file://` and the absolute `path`, each of its names percent-encoded.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    let text = path.to_string_lossy().replace('\\', "/");
    for name in text.trim_start_matches('/').split('/') {
        url.push('/');
        codec::percent::encode_into(name, &mut url);
    }
    url
}

/// The seconds each test file took at the last run, by path: the lines
/// `seconds<TAB>path` tests/report-times.mjs wrote. None when there was none.
fn last_times(path: &Path) -> HashMap<String, f64> {
    let text = fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (seconds, file) = line.split_once('\t')?;
            Some((file.to_string(), seconds.parse().ok()?))
        })
        .collect()
}

/// Each file's expected cost in milliseconds: its time at the last run, or,
/// for a file with none, its count of tests and page loads at the others'
/// mean time per count.
fn file_costs(keys: &[String], counts: &[usize], times: &HashMap<String, f64>) -> Vec<usize> {
    let (mut known_ms, mut known_counts) = (0.0, 0);
    for (key, count) in keys.iter().zip(counts) {
        if let Some(seconds) = times.get(key) {
            known_ms += seconds * 1000.0;
            known_counts += count;
        }
    }
    let per_count = if known_counts > 0 && known_ms > 0.0 {
        known_ms / known_counts as f64
    } else {
        1000.0
    };
    keys.iter()
        .zip(counts)
        .map(|(key, &count)| {
            let ms = times
                .get(key)
                .map_or(count as f64 * per_count, |s| s * 1000.0);
            ms.round() as usize
        })
        .collect()
}

/// What a test file's cost is guessed from before it has a time: its tests,
/// and the pages they open.
fn test_count(text: &str) -> usize {
    ["test(", "openPage(", "newContext(", ".goto(", ".reload("]
        .iter()
        .map(|call| text.matches(call).count())
        .sum::<usize>()
        + 1
}

/// Items in at most `count` groups of about equal total cost: the costliest
/// first, each into the group with the least so far. Each group keeps the
/// items' order.
fn balance<T: Ord>(items: Vec<(T, usize)>, count: usize) -> Vec<Vec<T>> {
    let mut items = items;
    items.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut groups: Vec<(usize, Vec<T>)> = (0..count.max(1)).map(|_| (0, Vec::new())).collect();
    for (item, cost) in items {
        let lightest = groups
            .iter_mut()
            .min_by_key(|(total, _)| *total)
            .expect("at least one group");
        lightest.0 += cost;
        lightest.1.push(item);
    }
    groups
        .into_iter()
        .map(|(_, mut group)| {
            group.sort();
            group
        })
        .filter(|group| !group.is_empty())
        .collect()
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
    fn balances_groups_by_cost_and_keeps_each_in_order() {
        let items = vec![("a", 9), ("b", 1), ("c", 5), ("d", 4), ("e", 1)];
        assert_eq!(
            balance(items.clone(), 2),
            vec![vec!["a", "b"], vec!["c", "d", "e"]]
        );
        assert_eq!(
            balance(items.clone(), 1),
            vec![vec!["a", "b", "c", "d", "e"]]
        );
        // More groups than items: no empty group.
        assert_eq!(balance(items[..2].to_vec(), 4), vec![vec!["a"], vec!["b"]]);
    }

    #[test]
    fn a_file_costs_its_last_time_or_its_count_at_the_others_rate() {
        let keys = ["tests/a.test.mjs", "tests/b.test.mjs", "tests/new.test.mjs"]
            .map(String::from)
            .to_vec();
        let times = HashMap::from([
            ("tests/a.test.mjs".to_string(), 6.0),
            ("tests/b.test.mjs".to_string(), 2.0),
        ]);
        // a and b: 8 s for 4 counts, 2 s a count; the new file has 5.
        assert_eq!(
            file_costs(&keys, &[3, 1, 5], &times),
            vec![6000, 2000, 10000]
        );
        // No times yet: the counts alone.
        assert_eq!(
            file_costs(&keys, &[3, 1, 5], &HashMap::new()),
            vec![3000, 1000, 5000]
        );
    }

    #[test]
    fn reads_the_times_the_reporter_wrote() {
        let path = std::env::temp_dir().join(format!("bp-times-{}.tsv", std::process::id()));
        fs::write(
            &path,
            "12.5\ttests/a.test.mjs\nnot a line\n0.1\ttests/unit/b.test.mjs\n",
        )
        .unwrap();
        let times = last_times(&path);
        fs::remove_file(&path).unwrap();
        assert_eq!(times.len(), 2);
        assert_eq!(times["tests/a.test.mjs"], 12.5);
        assert_eq!(times["tests/unit/b.test.mjs"], 0.1);
        assert!(last_times(Path::new("/no/such/file")).is_empty());
    }

    #[test]
    fn test_file_urls_are_absolute_and_encoded() {
        assert_eq!(
            file_url(Path::new("/w/a b/x#1.test.mjs")),
            "file:///w/a%20b/x%231.test.mjs"
        );
        assert_eq!(file_url(Path::new("/w/é.mjs")), "file:///w/%C3%A9.mjs");
    }

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
