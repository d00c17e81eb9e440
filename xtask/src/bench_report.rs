//! The pure half of `cargo xtask bench`: its options, the harnesses' result
//! lines, medians and bests, the table and `target/bench.json`. No process
//! is run here, so all of it is unit-tested.

use crate::util::Result;

/// What `cargo xtask bench` was asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Also measure the page in headless Chromium.
    pub browser: bool,
    /// Port the page is served on for `--browser` (0: any free port).
    pub port: u16,
    /// Runs of each harness, interleaved.
    pub reps: usize,
    /// Seconds per measurement (one config's training, or its frames).
    pub seconds: f64,
    /// A commit (any git revision) to build and measure in the same run.
    pub compare: Option<String>,
    /// Minutes of the long run at the top speed, instead of the benchmark.
    pub soak: Option<u32>,
}

pub const USAGE: &str =
    "cargo xtask bench [--reps N] [--seconds S] [--compare REF] [--browser [--port P]] | bench --soak MINUTES [--port P]";

impl Options {
    pub fn parse(args: &[String]) -> Result<Options> {
        let mut options = Options {
            browser: false,
            port: 0,
            reps: 5,
            seconds: 1.0,
            compare: None,
            soak: None,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if arg == "--browser" {
                options.browser = true;
                continue;
            }
            let mut value = || {
                args.next()
                    .ok_or_else(|| format!("{arg} needs a value; usage: {USAGE}"))
            };
            match arg.as_str() {
                "--port" => options.port = number(arg, value()?)?,
                "--reps" => options.reps = number(arg, value()?)?,
                "--seconds" => options.seconds = number(arg, value()?)?,
                "--compare" => options.compare = Some(value()?.clone()),
                "--soak" => options.soak = Some(number(arg, value()?)?),
                _ => return Err(format!("unknown option {arg:?}; usage: {USAGE}")),
            }
        }
        if options.reps == 0 || options.seconds.is_nan() || options.seconds <= 0.0 {
            return Err("--reps and --seconds must be positive".to_string());
        }
        if options.soak.is_some_and(|minutes| minutes < 2) {
            return Err("--soak needs 2 minutes or more (the first is the baseline)".to_string());
        }
        if options.port != 0 && !options.browser && options.soak.is_none() {
            return Err("--port is the page's port: it needs --browser".to_string());
        }
        Ok(options)
    }
}

fn number<T: std::str::FromStr>(option: &str, value: &str) -> Result<T> {
    value
        .parse()
        .map_err(|_| format!("{option} needs a number, not {value:?}"))
}

/// One harness run's figure for one config.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub config: String,
    pub epochs_per_second: f64,
    pub ms_per_frame: f64,
}

/// Reads a harness's `--out` file: one `NAME EPOCHS_PER_SECOND MS_PER_FRAME`
/// line per config.
pub fn parse_samples(text: &str) -> Result<Vec<Sample>> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let positive = |s: &str| s.parse::<f64>().ok().filter(|v| *v > 0.0);
            match fields[..] {
                [config, epochs, ms] => match (positive(epochs), positive(ms)) {
                    (Some(epochs_per_second), Some(ms_per_frame)) => Ok(Sample {
                        config: config.to_string(),
                        epochs_per_second,
                        ms_per_frame,
                    }),
                    _ => Err(format!("not two positive numbers: {line:?}")),
                },
                _ => Err(format!("not `NAME EPOCHS/S MS/FRAME`: {line:?}")),
            }
        })
        .collect()
}

/// The median of the values (the mean of the middle two for an even count);
/// NaN for none.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]),
    }
}

/// The median of the ratios numerators[i] / denominators[i] of runs made
/// side by side (the same config in the same repetition): a drift in the
/// machine's load between repetitions moves both sides of each ratio alike.
/// NaN for none.
pub fn paired_ratio(numerators: &[f64], denominators: &[f64]) -> f64 {
    let ratios: Vec<f64> = numerators
        .iter()
        .zip(denominators)
        .map(|(n, d)| n / d)
        .collect();
    median(&ratios)
}

/// The smallest value; NaN for none.
pub fn min(values: &[f64]) -> f64 {
    values.iter().copied().reduce(f64::min).unwrap_or(f64::NAN)
}

/// The largest value; NaN for none.
pub fn max(values: &[f64]) -> f64 {
    values.iter().copied().reduce(f64::max).unwrap_or(f64::NAN)
}

/// Every run's figures of one build in one runtime, by config (table order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    pub configs: Vec<(String, Vec<f64>, Vec<f64>)>,
}

impl Series {
    /// Adds one run's samples.
    pub fn add(&mut self, samples: &[Sample]) {
        for s in samples {
            let at = match self.configs.iter().position(|(c, _, _)| *c == s.config) {
                Some(at) => at,
                None => {
                    self.configs
                        .push((s.config.clone(), Vec::new(), Vec::new()));
                    self.configs.len() - 1
                }
            };
            self.configs[at].1.push(s.epochs_per_second);
            self.configs[at].2.push(s.ms_per_frame);
        }
    }

    /// (epochs/s of every run, ms/frame of every run) of a config.
    pub fn get(&self, config: &str) -> Option<(&[f64], &[f64])> {
        self.configs
            .iter()
            .find(|(c, _, _)| c == config)
            .map(|(_, e, f)| (e.as_slice(), f.as_slice()))
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.configs.iter().map(|(c, _, _)| c.as_str())
    }
}

/// A table with a header: the first `left` columns (names) aligned left,
/// the others (numbers) right.
pub fn format_table(header: &[&str], left: usize, rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, &w))| {
                if i < left {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect();
        padded.join(" | ").trim_end().to_string()
    };
    let mut out = line(header.to_vec()) + "\n";
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    out += &rule.join("-|-");
    out += "\n";
    for row in rows {
        out += &line(row.iter().map(String::as_str).collect());
        out += "\n";
    }
    out
}

/// A figure's cell: "median (best)".
pub fn cell(median: f64, best: f64, digits: usize) -> String {
    format!("{median:.digits$} ({best:.digits$})")
}

/// A ratio's cell: "×1.23", or "-" when it is not a number.
pub fn ratio(value: f64) -> String {
    if value.is_finite() {
        format!("×{value:.2}")
    } else {
        "-".to_string()
    }
}

/// A JSON string literal.
pub fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out += "\\\"",
            '\\' => out += "\\\\",
            c if (c as u32) < 0x20 => out += &format!("\\u{:04x}", c as u32),
            c => out.push(c),
        }
    }
    out + "\""
}

/// A JSON number (null when not finite).
pub fn json_number(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        "null".to_string()
    }
}

/// `{"median": …, "min": …, "max": …, "runs": […]}` of a list of figures.
pub fn json_figures(values: &[f64]) -> String {
    let runs: Vec<String> = values.iter().map(|&v| json_number(v)).collect();
    format!(
        "{{\"median\": {}, \"min\": {}, \"max\": {}, \"runs\": [{}]}}",
        json_number(median(values)),
        json_number(min(values)),
        json_number(max(values)),
        runs.join(", ")
    )
}

/// One build's figures, as [`summarise`] reads them.
#[derive(Debug)]
pub struct Measured<'a> {
    pub label: &'a str,
    pub commit: &'a str,
    pub native: &'a Series,
    pub wasm: &'a Series,
}

/// A config's runs: (epochs/s, ms/frame), none when not measured.
fn runs<'a>(series: &'a Series, config: &str) -> (&'a [f64], &'a [f64]) {
    series.get(config).unwrap_or((&[], &[]))
}

/// The table (medians, with the best run in brackets; wasm/native as time
/// ratios; with a reference build, the speed-up of the first build over it)
/// and the JSON of `target/bench.json`.
pub fn summarise(
    builds: &[Measured<'_>],
    browser: &[Vec<f64>],
    options: &Options,
) -> (String, String) {
    let header = [
        "config",
        "build",
        "native epochs/s",
        "wasm epochs/s",
        "native ms/frame",
        "wasm ms/frame",
        "wasm/native epoch",
        "wasm/native frame",
    ];
    let names: Vec<&str> = builds
        .first()
        .map_or(Vec::new(), |b| b.native.names().collect());
    let mut rows = Vec::new();
    let mut json_builds = Vec::new();
    for build in builds {
        let mut configs = Vec::new();
        for &name in &names {
            let ((ne, nf), (we, wf)) = (runs(build.native, name), runs(build.wasm, name));
            // Times: how many times longer in wasm.
            let (epoch_ratio, frame_ratio) = (paired_ratio(ne, we), paired_ratio(wf, nf));
            rows.push(vec![
                name.to_string(),
                build.label.to_string(),
                cell(median(ne), max(ne), 0),
                cell(median(we), max(we), 0),
                cell(median(nf), min(nf), 2),
                cell(median(wf), min(wf), 2),
                format!("{} ({})", ratio(epoch_ratio), ratio(max(ne) / max(we))),
                format!("{} ({})", ratio(frame_ratio), ratio(min(wf) / min(nf))),
            ]);
            let runtime = |e: &[f64], f: &[f64]| {
                format!(
                    "{{\"epochsPerSecond\": {}, \"msPerFrame\": {}}}",
                    json_figures(e),
                    json_figures(f)
                )
            };
            configs.push(format!(
                "      {}: {{\"native\": {}, \"wasm\": {}, \"wasmOverNative\": {{\"epoch\": {}, \"frame\": {}, \"bestEpoch\": {}, \"bestFrame\": {}}}}}",
                json_string(name),
                runtime(ne, nf),
                runtime(we, wf),
                json_number(epoch_ratio),
                json_number(frame_ratio),
                json_number(max(ne) / max(we)),
                json_number(min(wf) / min(nf))
            ));
        }
        json_builds.push(format!(
            "    {{\"label\": {}, \"commit\": {}, \"configs\": {{\n{}\n    }}}}",
            json_string(build.label),
            json_string(build.commit),
            configs.join(",\n")
        ));
    }
    let mut speed_ups = Vec::new();
    if let [current, reference, ..] = builds {
        for &name in &names {
            // Times: reference over current, so > 1 is faster.
            let speed_up = |a: &Series, b: &Series| {
                let ((ae, af), (be, bf)) = (runs(a, name), runs(b, name));
                (paired_ratio(ae, be), paired_ratio(bf, af))
            };
            let (ne, nf) = speed_up(current.native, reference.native);
            let (we, wf) = speed_up(current.wasm, reference.wasm);
            rows.push(vec![
                name.to_string(),
                format!("speed-up over {}", reference.label),
                ratio(ne),
                ratio(we),
                ratio(nf),
                ratio(wf),
                String::new(),
                String::new(),
            ]);
            speed_ups.push(format!(
                "    {}: {{\"native\": {{\"epoch\": {}, \"frame\": {}}}, \"wasm\": {{\"epoch\": {}, \"frame\": {}}}}}",
                json_string(name),
                json_number(ne),
                json_number(nf),
                json_number(we),
                json_number(wf)
            ));
        }
    }
    let mut table = format!(
        "medians of {} interleaved runs of {} s each (best run in brackets); \
         wasm/native: how many times longer an epoch or a frame takes in wasm; \
         ratios and speed-ups: medians of the ratios of runs made side by side \
         (wasm/native: the best runs' ratio in brackets)\n",
        options.reps, options.seconds
    );
    table += &format_table(&header, 2, &rows);
    let browser_json = if browser.is_empty() {
        "null".to_string()
    } else {
        let column = |i: usize| {
            browser
                .iter()
                .filter_map(|r| r.get(i).copied())
                .collect::<Vec<f64>>()
        };
        let (fps, frames, epochs) = (column(0), column(1), column(2));
        table += &format!(
            "\nbrowser, config B, {} runs: {} fps (requestAnimationFrame), \
             {} training frames/s, {} epochs/s (medians, best in brackets)\n",
            browser.len(),
            cell(median(&fps), max(&fps), 1),
            cell(median(&frames), max(&frames), 1),
            cell(median(&epochs), max(&epochs), 0)
        );
        format!(
            "{{\"config\": \"B\", \"fps\": {}, \"trainingFramesPerSecond\": {}, \"epochsPerSecond\": {}}}",
            json_figures(&fps),
            json_figures(&frames),
            json_figures(&epochs)
        )
    };
    let cpus = std::thread::available_parallelism().map_or(0, usize::from);
    let json = format!(
        "{{\n  \"commit\": {},\n  \"reps\": {},\n  \"seconds\": {},\n  \"cpus\": {cpus},\n  \
         \"builds\": [\n{}\n  ],\n  \"speedUp\": {{\n{}\n  }},\n  \"browser\": {browser_json}\n}}\n",
        json_string(builds.first().map_or("", |b| b.commit)),
        options.reps,
        json_number(options.seconds),
        json_builds.join(",\n"),
        speed_ups.join(",\n")
    );
    (table, json)
}

/// Reads browser.mjs's `--out` line: `NAME FPS TRAINING_FRAMES_PER_S EPOCHS_PER_S`.
pub fn parse_browser(text: &str) -> Result<Vec<f64>> {
    let fields: Vec<&str> = text.split_whitespace().collect();
    match fields[..] {
        [_, fps, frames, epochs] => [fps, frames, epochs]
            .iter()
            .map(|v| v.parse::<f64>().map_err(|_| format!("not a number: {v:?}")))
            .collect(),
        _ => Err(format!("not `NAME FPS FRAMES/S EPOCHS/S`: {text:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_parse_and_refuse() {
        let o = Options::parse(&[]).unwrap();
        assert_eq!((o.browser, o.port, o.reps, o.compare), (false, 0, 5, None));
        let o = Options::parse(&strings(&[
            "--browser",
            "--port",
            "8123",
            "--reps",
            "7",
            "--seconds",
            "0.5",
            "--compare",
            "2644f48",
        ]))
        .unwrap();
        assert_eq!(o.port, 8123);
        assert_eq!(o.reps, 7);
        assert_eq!(o.seconds, 0.5);
        assert_eq!(o.compare.as_deref(), Some("2644f48"));
        assert!(Options::parse(&strings(&["--port", "80"])).is_err());
        assert!(Options::parse(&strings(&["--reps", "0"])).is_err());
        assert!(Options::parse(&strings(&["--reps", "x"])).is_err());
        assert!(Options::parse(&strings(&["--compare"])).is_err());
        assert!(Options::parse(&strings(&["--fast"])).is_err());
        let soak = Options::parse(&strings(&["--soak", "20", "--port", "8080"])).unwrap();
        assert_eq!((soak.soak, soak.port), (Some(20), 8080));
        assert!(Options::parse(&strings(&["--soak", "1"])).is_err());
        assert!(Options::parse(&strings(&["--soak", "x"])).is_err());
    }

    #[test]
    fn samples_are_read_and_bad_lines_named() {
        let s = parse_samples("A 1000.5 0.57\n\nB 2024 6.1\n").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].config, "B");
        assert_eq!((s[1].epochs_per_second, s[1].ms_per_frame), (2024.0, 6.1));
        assert!(parse_samples("A 1 2 3").unwrap_err().contains("A 1 2 3"));
        assert!(parse_samples("A NaN 2").is_err());
        assert!(parse_samples("A 0 2").is_err());
    }

    #[test]
    fn median_min_max() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
        assert_eq!(min(&[3.0, 1.0, 2.0]), 1.0);
        assert_eq!(max(&[3.0, 1.0, 2.0]), 3.0);
        assert!(min(&[]).is_nan());
    }

    #[test]
    fn paired_ratios_take_the_median_of_side_by_side_ratios() {
        // The second run was slowed throughout (both sides): its ratio holds.
        let (wasm, native) = ([1.2, 2.4, 1.3], [1.0, 2.0, 1.0]);
        assert_eq!(paired_ratio(&wasm, &native), 1.2);
        assert!((median(&wasm) / median(&native) - 1.3).abs() < 1e-12);
        assert!(paired_ratio(&[], &[]).is_nan());
    }

    #[test]
    fn series_collect_runs_by_config_in_first_seen_order() {
        let mut series = Series::default();
        series.add(&parse_samples("B 1 10\nA 2 20").unwrap());
        series.add(&parse_samples("A 3 30\nB 4 40").unwrap());
        assert_eq!(series.names().collect::<Vec<_>>(), ["B", "A"]);
        let (epochs, frames) = series.get("A").unwrap();
        assert_eq!((epochs, frames), (&[2.0, 3.0][..], &[20.0, 30.0][..]));
        assert!(series.get("C").is_none());
    }

    #[test]
    fn tables_align_and_cells_format() {
        let rows = vec![
            vec!["B".to_string(), cell(4.0, 3.5, 2), ratio(1.234)],
            vec!["long".to_string(), "1".to_string(), ratio(f64::NAN)],
        ];
        let table = format_table(&["config", "ms/frame", "ratio"], 1, &rows);
        assert_eq!(
            table,
            "config |    ms/frame | ratio\n\
             -------|-------------|------\n\
             B      | 4.00 (3.50) | ×1.23\n\
             long   |           1 |     -\n"
        );
    }

    #[test]
    fn a_summary_has_ratios_speed_ups_and_valid_looking_json() {
        let mut native = Series::default();
        let mut wasm = Series::default();
        native.add(&parse_samples("B 2000 4").unwrap());
        wasm.add(&parse_samples("B 1000 6").unwrap());
        let mut old_native = Series::default();
        let mut old_wasm = Series::default();
        old_native.add(&parse_samples("B 1000 8").unwrap());
        old_wasm.add(&parse_samples("B 500 12").unwrap());
        let builds = [
            Measured {
                label: "current",
                commit: "abc",
                native: &native,
                wasm: &wasm,
            },
            Measured {
                label: "ref-123",
                commit: "123",
                native: &old_native,
                wasm: &old_wasm,
            },
        ];
        let options = Options::parse(&[]).unwrap();
        let (table, json) = summarise(&builds, &[vec![30.0, 29.0, 500.0]], &options);
        // wasm/native: epochs 2000/1000, frames 6/4; speed-ups: all ×2.
        assert!(table.contains("B      | current    "), "{table}");
        assert!(
            table.contains("×2.00 (×2.00) |     ×1.50 (×1.50)"),
            "{table}"
        );
        assert!(
            table.contains("speed-up over ref-123 |           ×2.00 |         ×2.00 |"),
            "{table}"
        );
        assert!(table.contains("30.0 (30.0) fps"), "{table}");
        assert!(json.contains("\"commit\": \"abc\""), "{json}");
        assert!(
            json.contains("\"bestEpoch\": 2, \"bestFrame\": 1.5"),
            "{json}"
        );
        assert!(
            json.contains("\"B\": {\"native\": {\"epoch\": 2, \"frame\": 2}"),
            "{json}"
        );
        assert_eq!(json.matches('{').count(), json.matches('}').count());
        assert_eq!(
            parse_browser("B 60 55.5 500\n").unwrap(),
            [60.0, 55.5, 500.0]
        );
        assert!(parse_browser("B 60").is_err());
    }

    #[test]
    fn json_helpers_escape_and_summarise() {
        assert_eq!(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
        assert_eq!(json_number(f64::INFINITY), "null");
        assert_eq!(
            json_figures(&[2.0, 1.0, 4.0]),
            "{\"median\": 2, \"min\": 1, \"max\": 4, \"runs\": [2, 1, 4]}"
        );
    }
}
