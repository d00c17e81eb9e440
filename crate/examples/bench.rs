//! Native benchmark of the training core, run by `cargo xtask bench` (with
//! `--release`), several times, interleaved with the wasm one. For each
//! benchmark config it measures training epochs per second and milliseconds
//! per frame (see `bench::frame`), each on a fresh Playground.
//!
//! Usage: bench [--seconds S] [--config NAME] [--out FILE] [--configs-json FILE] [--names FILE]
//!
//! `--config` measures that config only (`cargo xtask bench` runs each
//! config's native and wasm measurements side by side).
//! `--out` writes one line per config: `NAME EPOCHS_PER_SECOND MS_PER_FRAME`.
//! `--names` writes the configs' names, one per line, and exits.
//! `--configs-json` writes `{"plot": N, "thumbnail": M, "configs": {NAME:
//! config, ...}}` (the pictures' grids and the configs as the wasm API reads
//! them, for xtask/bench/bench.mjs) and exits.
//!
//! `cargo xtask bench --compare REF` builds this file and `crate/src/bench.rs`
//! against REF's core: it uses only the core's public API.

use std::time::{Duration, Instant};

use backprop_playground::{bench, render};
use backprop_playground::{Config, Playground};

/// Repeats `work` for at least `budget` (after `warmup` calls); returns calls per second.
fn rate(budget: Duration, warmup: u32, mut work: impl FnMut()) -> f64 {
    for _ in 0..warmup {
        work();
    }
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < budget {
        work();
        calls += 1;
    }
    f64::from(calls) / start.elapsed().as_secs_f64()
}

struct Options {
    seconds: f64,
    config: Option<String>,
    out: Option<String>,
    configs_json: Option<String>,
    names: Option<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let usage = "usage: bench [--seconds S] [--config NAME] [--out FILE] [--configs-json FILE] [--names FILE]";
    let mut options = Options {
        seconds: 1.0,
        config: None,
        out: None,
        configs_json: None,
        names: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = args.next().ok_or(format!("{arg} needs a value; {usage}"))?;
        match arg.as_str() {
            "--seconds" => {
                options.seconds = value
                    .parse()
                    .ok()
                    .filter(|s: &f64| *s > 0.0)
                    .ok_or("--seconds needs a positive number")?;
            }
            "--config" if bench::NAMES.contains(&value.as_str()) => {
                options.config = Some(value.clone());
            }
            "--config" => {
                return Err(format!(
                    "no benchmark config {value:?}: one of {}",
                    bench::NAMES.join(", ")
                ))
            }
            "--out" => options.out = Some(value.clone()),
            "--configs-json" => options.configs_json = Some(value.clone()),
            "--names" => options.names = Some(value.clone()),
            other => return Err(format!("unknown argument {other:?}; {usage}")),
        }
    }
    Ok(options)
}

/// Each config as its differences from the default config, so that an older
/// core (`--compare`) that lacks a newer field still reads it.
fn configs_json() -> Result<String, String> {
    let json = |config| serde_json::to_value(config).map_err(|e| e.to_string());
    let serde_json::Value::Object(default) = json(Config::default())? else {
        return Err("a config is not a JSON object".to_string());
    };
    let mut configs = serde_json::Map::new();
    for name in bench::NAMES {
        let serde_json::Value::Object(mut config) =
            json(bench::config(name).ok_or("missing bench config")?)?
        else {
            return Err("a config is not a JSON object".to_string());
        };
        config.retain(|field, value| default.get(field) != Some(value));
        configs.insert(name.to_string(), config.into());
    }
    let json = serde_json::json!({
        "plot": render::PLOT_GRID,
        "thumbnail": render::THUMB_GRID,
        "configs": configs,
    });
    serde_json::to_string_pretty(&json).map_err(|e| e.to_string())
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = parse(&args)?;
    if let Some(path) = options.configs_json {
        let json = configs_json()?;
        return std::fs::write(&path, json).map_err(|e| format!("cannot write {path}: {e}"));
    }
    if let Some(path) = options.names {
        let names = bench::NAMES.map(|name| format!("{name}\n")).concat();
        return std::fs::write(&path, names).map_err(|e| format!("cannot write {path}: {e}"));
    }
    let budget = Duration::from_secs_f64(options.seconds);
    let mut lines = String::new();
    println!("native (release build)");
    println!("{:<8} {:>12} {:>12}", "config", "epochs/s", "ms/frame");
    let chosen = bench::NAMES
        .into_iter()
        .filter(|name| options.config.as_deref().is_none_or(|c| c == *name));
    for name in chosen {
        let config = bench::config(name)
            .ok_or("missing bench config")?
            .validate()
            .map_err(|e| e.to_string())?;
        let mut training = Playground::new(config.clone());
        let epochs_per_second = rate(budget, 20, || {
            training.step(1);
        });
        let mut drawing = Playground::new(config);
        let mut sink = 0;
        let frames_per_second = rate(budget, 5, || sink += bench::frame(&mut drawing));
        assert!(sink > 0, "frames produced no heatmap");
        let ms_per_frame = 1000.0 / frames_per_second;
        println!("{name:<8} {epochs_per_second:>12.0} {ms_per_frame:>12.3}");
        lines += &format!("{name} {epochs_per_second:.3} {ms_per_frame:.4}\n");
    }
    if let Some(path) = options.out {
        std::fs::write(&path, lines).map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    Ok(())
}
