//! `cargo xtask bench [--reps N] [--seconds S] [--compare REF] [--browser [--port P]]`:
//! training and frame speed natively and as wasm under node (and, with
//! `--browser`, the page's frame rate in headless Chromium), `--reps` times,
//! interleaved config by config (each config's native and wasm runs, of
//! every build, side by side), so that a noisy machine slows every side
//! alike; the table gives medians and bests, and the ratios wasm/native and
//! current/REF as medians of the ratios of runs made side by side;
//! `target/bench.json` keeps every run with the commit measured.
//!
//! `--compare REF` also builds REF (a git worktree in the temp directory,
//! removed once built; the build stays cached in `target/compare`) with this
//! tree's benchmark (`crate/src/bench.rs`, `crate/examples/bench.rs`: the
//! same configs and frame), and measures it in the same interleaved runs.
//! A frame is the page's, so each build draws its pictures with its own
//! page's code (`www/js/app/engine-pictures.js`); a REF whose core lacks
//! what this tree's frame calls keeps its own benchmark sources, whose
//! frame is its page's then.
//!
//! The measuring is done by
//! - `crate/examples/bench.rs` (native; written with the core crate),
//! - `xtask/bench/bench.mjs` (wasm under node),
//! - `xtask/bench/browser.mjs` (the page, through playwright-core);
//! - `xtask/bench/scenarios.mjs` (with `--browser`: the page at configs B
//!   and D, default and top speed — fps, longest frame, epochs/s against
//!   the same wasm under node — and the largest accepted run opened and
//!   changed, its longest task; it prints its own tables);
//!
//! `bench_report.rs` reads, summarises and prints their figures.
//!
//! `--soak MINUTES` instead trains config B in the page at the top speed for
//! that long and reads its memory every minute (`xtask/bench/soak.mjs`,
//! which fails past 10 % growth after the first minute).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::bench_report::{self as report, Options, Series};
use crate::browser::ensure_browser_deps;
use crate::serve::Server;
use crate::tools::{ensure_node, ensure_wasm_bindgen, CHROMIUM, WASM_TARGET};
use crate::util::{cargo, note, output, run, step, target_dir, Result};
use crate::wasm::{self, PACKAGE};

/// The benchmark's two sources copied into REF's tree for `--compare`.
const BENCH_SOURCES: [&str; 2] = ["crate/src/bench.rs", "crate/examples/bench.rs"];
/// The page's pictures of a frame, which the wasm benchmark draws with.
const PICTURES: &str = "www/js/app/engine-pictures.js";

/// One build of the core: its native benchmark and its wasm package.
struct Build {
    label: String,
    commit: String,
    native: PathBuf,
    pkg: PathBuf,
    /// The build's own www/js/app/engine-pictures.js.
    pictures: PathBuf,
    /// Whether its native benchmark takes `--config` (a REF measured with
    /// its own, older benchmark may not).
    per_config: bool,
}

/// Every figure of one build.
#[derive(Default)]
struct Figures {
    native: Series,
    wasm: Series,
}

pub fn bench(args: &[String]) -> Result {
    let options = Options::parse(args)?;
    if let Some(minutes) = options.soak {
        return soak(&options, minutes);
    }
    let dir = target_dir().join("bench");
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let combined = target_dir().join("bench.json");
    // Stale results must not be mistaken for this run's.
    let _ = fs::remove_file(&combined);

    let current = build_current(&dir)?;
    let configs = dir.join("configs.json");
    run(Command::new(&current.native)
        .arg("--configs-json")
        .arg(&configs))?;
    let reference = match &options.compare {
        Some(reference) => Some(build_reference(reference, &dir)?),
        None => None,
    };
    let builds: Vec<&Build> = [Some(&current), reference.as_ref()]
        .into_iter()
        .flatten()
        .collect();
    let mut figures: Vec<Figures> = builds.iter().map(|_| Figures::default()).collect();
    let mut browser = Vec::new();
    if options.browser {
        ensure_browser_deps()?;
    }
    let names = config_names(&current.native, &dir)?;
    for rep in 0..options.reps {
        step(&format!("run {} of {}", rep + 1, options.reps));
        // Alternate which build goes first, so a drift in the machine's load
        // does not always favour the same one.
        let order: Vec<usize> = if rep % 2 == 0 {
            (0..builds.len()).collect()
        } else {
            (0..builds.len()).rev().collect()
        };
        // Config by config, each build's native and wasm runs side by side:
        // the ratios of the table compare runs seconds apart, not a whole
        // harness apart.
        for (c, name) in names.iter().enumerate() {
            for &b in &order {
                let build = builds[b];
                // An older benchmark measures every config at once, with the first.
                if build.per_config || c == 0 {
                    let out = dir.join(format!("{}-native-{rep}-{name}.txt", build.label));
                    let mut native = Command::new(&build.native);
                    native.arg("--seconds").arg(options.seconds.to_string());
                    if build.per_config {
                        native.arg("--config").arg(name);
                    }
                    run(native.arg("--out").arg(&out))?;
                    figures[b].native.add(&read_samples(&out)?);
                }
                let out = dir.join(format!("{}-wasm-{rep}-{name}.txt", build.label));
                run(Command::new("node")
                    .arg("xtask/bench/bench.mjs")
                    .arg("--configs")
                    .arg(&configs)
                    .arg("--config")
                    .arg(name)
                    .arg("--pkg")
                    .arg(&build.pkg)
                    .arg("--pictures")
                    .arg(&build.pictures)
                    .arg("--seconds")
                    .arg(options.seconds.to_string())
                    .arg("--out")
                    .arg(&out))?;
                figures[b].wasm.add(&read_samples(&out)?);
            }
        }
        if options.browser {
            browser.push(measure_page(&options, &configs, &dir, rep)?);
        }
    }
    let (table, json) = summarise(&builds, &figures, &browser, &options);
    println!("\n{table}");
    if options.browser {
        measure_scenarios(&options)?;
    }
    fs::write(&combined, json).map_err(|e| format!("cannot write {}: {e}", combined.display()))?;
    note(&format!("wrote {}", combined.display()));
    Ok(())
}

fn read_samples(path: &Path) -> Result<Vec<report::Sample>> {
    let text = fs::read_to_string(path)
        .map_err(|e| format!("the benchmark did not write {}: {e}", path.display()))?;
    report::parse_samples(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// This tree: the native benchmark (copied out of cargo's target directory,
/// which `--compare` does not share) and the wasm in `www/pkg`.
fn build_current(dir: &Path) -> Result<Build> {
    run(cargo().args(["build", "--release", "-p", PACKAGE, "--example", "bench"]))?;
    let native = dir.join("bench-native-current");
    copy(&target_dir().join("release/examples/bench"), &native)?;
    ensure_node()?;
    wasm::build()?;
    let dirty = !output(Command::new("git").args(["status", "--porcelain"]))?
        .trim()
        .is_empty();
    let commit = git_commit("HEAD")?;
    Ok(Build {
        label: "current".to_string(),
        commit: if dirty {
            format!("{commit}+changes")
        } else {
            commit
        },
        native,
        pkg: PathBuf::from(wasm::OUT_DIR),
        pictures: PathBuf::from(PICTURES),
        per_config: true,
    })
}

/// REF checked out in a worktree with this tree's benchmark sources, built
/// into `target/compare` (natively and to wasm, with REF's own flags: the
/// worktree lies outside this tree, so this tree's `.cargo/config.toml` does
/// not apply to it), its benchmark and wasm copied into `dir`.
fn build_reference(reference: &str, dir: &Path) -> Result<Build> {
    let commit = git_commit(reference)?;
    let short = &commit[..commit.len().min(12)];
    let tree = std::env::temp_dir().join(format!("backprop-bench-{short}"));
    run(Command::new("git").args(["worktree", "prune"]))?;
    if !tree.join(".git").exists() {
        run(Command::new("git")
            .args(["worktree", "add", "--detach", "--force"])
            .arg(&tree)
            .arg(&commit))?;
    }
    for source in BENCH_SOURCES {
        let (from, to) = (Path::new(source), tree.join(source));
        copy(from, &to)?;
    }
    let cache = std::env::current_dir()
        .map_err(|e| format!("no current directory: {e}"))?
        .join(target_dir())
        .join("compare");
    let in_tree = |cmd: &mut Command| {
        cmd.current_dir(&tree).env("CARGO_TARGET_DIR", &cache);
    };
    let native_build = || {
        let mut native = cargo();
        native.args(["build", "--release", "-p", PACKAGE, "--example", "bench"]);
        in_tree(&mut native);
        run(&mut native)
    };
    let own_sources = native_build().is_err();
    if own_sources {
        note(&format!(
            "REF {reference} does not build with this tree's benchmark: measuring it with its own"
        ));
        run(Command::new("git")
            .current_dir(&tree)
            .args(["checkout", "--"])
            .args(BENCH_SOURCES))?;
        native_build()
            .map_err(|e| format!("{e}\n(REF {reference} must build with a benchmark)"))?;
    }
    let pictures = dir.join("engine-pictures-reference.js");
    copy(&tree.join(PICTURES), &pictures)?;
    let mut wasm = cargo();
    wasm.args(["build", "--release", "--target", WASM_TARGET, "-p", PACKAGE]);
    in_tree(&mut wasm);
    run(&mut wasm)?;
    let pkg = dir.join("pkg-reference");
    let tools = ensure_wasm_bindgen()?;
    run(Command::new(tools.cli())
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&pkg)
        .arg(
            cache
                .join(WASM_TARGET)
                .join("release/backprop_playground.wasm"),
        ))?;
    let native = dir.join("bench-native-reference");
    copy(&cache.join("release/examples/bench"), &native)?;
    // What is measured has been copied out: leave the repository's list of
    // worktrees as it was (the build stays cached in target/compare).
    run(Command::new("git")
        .args(["worktree", "remove", "--force"])
        .arg(&tree))?;
    Ok(Build {
        label: format!("ref-{}", &commit[..commit.len().min(7)]),
        commit,
        native,
        pkg,
        pictures,
        per_config: !own_sources,
    })
}

/// The benchmark's configs, in its order (from this tree's native benchmark).
fn config_names(native: &Path, dir: &Path) -> Result<Vec<String>> {
    let file = dir.join("names.txt");
    run(Command::new(native).arg("--names").arg(&file))?;
    let text = fs::read_to_string(&file)
        .map_err(|e| format!("the benchmark did not write {}: {e}", file.display()))?;
    Ok(text.lines().map(str::to_string).collect())
}

fn git_commit(revision: &str) -> Result<String> {
    let commit = output(Command::new("git").args([
        "rev-parse",
        "--verify",
        &format!("{revision}^{{commit}}"),
    ]))?;
    Ok(commit.trim().to_string())
}

fn copy(from: &Path, to: &Path) -> Result {
    fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

/// The page in headless Chromium, config B: one measurement.
fn measure_page(options: &Options, configs: &Path, dir: &Path, rep: usize) -> Result<Vec<f64>> {
    let server = Server::bind(Path::new("www"), options.port)?.spawn()?;
    step(&format!("serving www/ at {}", server.url()));
    let out = dir.join(format!("browser-{rep}.txt"));
    let result = run(Command::new("node")
        .arg("xtask/bench/browser.mjs")
        .arg("--configs")
        .arg(configs)
        .arg("--seconds")
        .arg((3.0 * options.seconds).max(2.0).to_string())
        .arg("--out")
        .arg(&out)
        .env("BASE_URL", server.url())
        .env("CHROMIUM", CHROMIUM));
    server.stop();
    result?;
    let text = fs::read_to_string(&out)
        .map_err(|e| format!("browser.mjs did not write {}: {e}", out.display()))?;
    report::parse_browser(&text)
}

/// The long run at the top speed, in headless Chromium.
fn soak(options: &Options, minutes: u32) -> Result {
    ensure_browser_deps()?;
    wasm::build()?;
    let server = Server::bind(Path::new("www"), options.port)?.spawn()?;
    step(&format!(
        "{minutes} minutes at the top speed, serving www/ at {}",
        server.url()
    ));
    let result = run(Command::new("node")
        .arg("xtask/bench/soak.mjs")
        .arg("--site")
        .arg(server.url())
        .arg("--minutes")
        .arg(minutes.to_string())
        .env("CHROMIUM", CHROMIUM));
    server.stop();
    result
}

/// The page as a student uses it (xtask/bench/scenarios.mjs): configs B and
/// D at the default and the top speed, each for 10 s, and the largest run
/// the core accepts, opened and changed, interleaved over the repetitions;
/// its tables are printed as they come.
fn measure_scenarios(options: &Options) -> Result {
    let server = Server::bind(Path::new("www"), options.port)?.spawn()?;
    step(&format!(
        "the page's scenarios, serving www/ at {}",
        server.url()
    ));
    let result = run(Command::new("node")
        .arg("xtask/bench/scenarios.mjs")
        .arg("--site")
        .arg(format!("page={}", server.url()))
        .arg("--reps")
        .arg(options.reps.clamp(3, 5).to_string())
        .arg("--seconds")
        .arg("10")
        .env("CHROMIUM", CHROMIUM));
    server.stop();
    result
}

/// The table printed and the JSON written.
fn summarise(
    builds: &[&Build],
    figures: &[Figures],
    browser: &[Vec<f64>],
    options: &Options,
) -> (String, String) {
    let (rows, json) = report::summarise(
        &builds
            .iter()
            .zip(figures)
            .map(|(b, f)| report::Measured {
                label: &b.label,
                commit: &b.commit,
                native: &f.native,
                wasm: &f.wasm,
            })
            .collect::<Vec<_>>(),
        browser,
        options,
    );
    (rows, json)
}
