//! Native benchmark of the training core: `cargo xtask bench` runs it with
//! `--release`. For each benchmark config it measures training epochs per
//! second and milliseconds per animation frame (see `bench::frame`).
//!
//! Usage: bench [--json PATH] [--seconds S]

use std::time::{Duration, Instant};

use backprop_playground::bench;
use backprop_playground::Playground;

struct Row {
    name: &'static str,
    epochs_per_second: f64,
    ms_per_frame: f64,
}

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

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut json_path = None;
    let mut seconds = 2.0;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--json" => json_path = args.get(i + 1).cloned(),
            "--seconds" => {
                seconds = args
                    .get(i + 1)
                    .and_then(|s| s.parse().ok())
                    .ok_or("--seconds needs a number")?;
            }
            other => {
                return Err(format!(
                    "unknown argument {other:?}; usage: bench [--json PATH] [--seconds S]"
                ))
            }
        }
        i += 2;
    }
    let budget = Duration::from_secs_f64(seconds);
    let mut rows = Vec::new();
    for name in bench::NAMES {
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
        rows.push(Row {
            name,
            epochs_per_second,
            ms_per_frame: 1000.0 / frames_per_second,
        });
    }
    println!("native (this machine, release build)");
    println!("{:<8} {:>12} {:>12}", "config", "epochs/s", "ms/frame");
    for row in &rows {
        println!(
            "{:<8} {:>12.0} {:>12.2}",
            row.name, row.epochs_per_second, row.ms_per_frame
        );
    }
    if let Some(path) = json_path {
        let entries: Vec<String> = rows
            .iter()
            .map(|r| {
                format!(
                    "    {{\"config\": \"{}\", \"epochsPerSecond\": {:.1}, \"msPerFrame\": {:.3}}}",
                    r.name, r.epochs_per_second, r.ms_per_frame
                )
            })
            .collect();
        let json = format!(
            "{{\n  \"runtime\": \"native\",\n  \"results\": [\n{}\n  ]\n}}\n",
            entries.join(",\n")
        );
        std::fs::write(&path, json).map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    Ok(())
}
