//! A mutation fuzzer for the three readers of what people hand the page: the
//! link, the CSV file and the model file. It starts from real inputs (every
//! lesson's link, every dataset's CSV, a trained model), mutates them with
//! the project's seeded generator for a fixed number of cases, so a failure
//! is found again by the same run, and checks that every result is either a
//! usable run or a short refusal that names what was wrong:
//! - nothing panics;
//! - a decoded link's config validates, its weights fit its network;
//! - every message is bounded and never prints NaN or infinity;
//! - reading time grows linearly with the input (16 times the input may not
//!   take 64 times as long: a quadratic reader takes 256 times).
//!
//! The property tests beside each reader (link.rs, files.rs) try random and
//! structured inputs; this starts from the inputs people actually send.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use backprop_playground::files::{parse_csv, write_csv, ModelFile, MAX_CSV_ERRORS};
use backprop_playground::link::{decode, encode, weight_count};
use backprop_playground::rng::Pcg32;
use backprop_playground::{lessons, Config, DatasetKind, Playground};

/// Cases per reader: a few seconds in all on the 2-core CI machine.
const LINK_CASES: usize = 200_000;
const CSV_CASES: usize = 30_000;
const MODEL_CASES: usize = 20_000;
/// Longest message a person should have to read.
const LONGEST_MESSAGE: usize = 300;

/// Pieces a mutation may insert: the readers' own syntax and the values
/// that broke them before.
const TOKENS: &[&str] = &[
    "=",
    "&",
    ",",
    ".",
    "-",
    "e",
    "%",
    "%2C",
    "%FF",
    "_",
    "\r",
    "\n",
    "\r\n",
    "\"",
    "[",
    "]",
    "{",
    "}",
    ":",
    "NaN",
    "inf",
    "-0",
    "1e308",
    "1e-320",
    "4294967296",
    "99999999999999999999",
    "x1",
    "x1,x1",
    "hidden",
    "features",
    "weights",
    "customPoints",
    "lesson",
    "v=1",
    "v=9",
    "true",
    "null",
    "0",
    "5",
    "32",
    "1000",
];

/// A number below `bound`.
fn pick(rng: &mut Pcg32, bound: usize) -> usize {
    rng.below(bound as u32) as usize
}

/// One mutation of `input`: a byte changed, a token inserted, a piece cut,
/// a piece repeated, or the end cut off.
fn mutate(rng: &mut Pcg32, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=pick(rng, 4) {
        let at = if out.is_empty() {
            0
        } else {
            pick(rng, out.len())
        };
        match pick(rng, 6) {
            0 if !out.is_empty() => out[at] = (pick(rng, 95) + 32) as u8,
            1 if !out.is_empty() => out[at] = pick(rng, 256) as u8,
            2 => {
                let token = TOKENS[pick(rng, TOKENS.len())];
                out.splice(at..at, token.bytes());
            }
            3 if !out.is_empty() => {
                let end = (at + 1 + pick(rng, 16)).min(out.len());
                out.drain(at..end);
            }
            4 if !out.is_empty() => {
                let end = (at + 1 + pick(rng, 32)).min(out.len());
                let piece = out[at..end].to_vec();
                for _ in 0..=pick(rng, 8) {
                    out.splice(end..end, piece.iter().copied());
                }
            }
            _ => out.truncate(at),
        }
    }
    out
}

/// Runs `read` on `input`, failing the test with the input if it panics.
fn no_panic<T>(what: &str, input: &str, read: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(read)).unwrap_or_else(|_| {
        panic!("{what} panicked on {input:?}");
    })
}

/// A message people read: bounded, and no NaN or infinity of ours (outside
/// the quotes and names of what the input itself said).
fn check_message(what: &str, input: &str, message: &str) {
    assert!(
        message.chars().count() <= LONGEST_MESSAGE,
        "{what}: a message of {} characters for {input:?}",
        message.chars().count()
    );
    // The name the input gave comes first: before " = ", or before ": " in
    // "name: not a finite number; …".
    let told = message
        .split_once(" = ")
        .or_else(|| message.split_once(": not a finite number"))
        .map_or(message, |(_, rest)| rest);
    let ours: String = told
        .split('“')
        .map(|part| part.split_once('”').map_or(part, |(_, after)| after))
        .collect();
    assert!(
        !ours.contains("NaN") && !ours.contains("inf"),
        "{what}: {message:?} for {input:?}"
    );
}

/// Each check returns whether the input was read without a complaint.
fn check_link(input: &str) -> bool {
    let decoded = no_panic("decode", input, || decode(input));
    let valid = decoded.state.config.clone().validate();
    assert!(
        valid.is_ok(),
        "{input:?} decoded to an invalid config: {valid:?}"
    );
    if let (Some(weights), Ok(valid)) = (&decoded.state.weights, valid) {
        assert_eq!(
            weights.len(),
            weight_count(&valid.layer_sizes()),
            "{input:?}"
        );
    }
    assert!(
        decoded.warnings.len() <= 21,
        "{input:?}: {} warnings",
        decoded.warnings.len()
    );
    for warning in &decoded.warnings {
        // The field's name is the link's own text (`…inf…: not a finite number`).
        let told = warning
            .message
            .strip_prefix(warning.field.as_str())
            .unwrap_or(&warning.message);
        check_message("link", input, told);
    }
    decoded.warnings.is_empty()
}

fn check_csv(input: &str) -> bool {
    match no_panic("parse_csv", input, || parse_csv(input)) {
        Ok(data) => {
            assert!(data.points.len() >= 2, "{input:?}");
            let config = data.into_config(Config::default());
            assert!(
                config.validate().is_ok(),
                "{input:?}: its config does not validate"
            );
            true
        }
        Err(errors) => {
            assert!(
                !errors.is_empty() && errors.len() <= MAX_CSV_ERRORS,
                "{input:?}"
            );
            for error in errors {
                check_message("csv", input, &error.to_string());
            }
            false
        }
    }
}

fn check_model(input: &str) -> bool {
    let Ok(file) = serde_json::from_str::<ModelFile>(input) else {
        return false; // The page names the JSON error; serde is not ours to fuzz.
    };
    match no_panic("ModelFile::check", input, || file.check()) {
        Ok((config, weights)) => {
            let valid = config.validate();
            assert!(valid.is_ok(), "{input:?}: {valid:?}");
            let sizes = valid.expect("checked").layer_sizes();
            assert_eq!(weights.len(), weight_count(&sizes));
            true
        }
        Err(message) => {
            check_message("model", input, &message);
            false
        }
    }
}

fn lesson_links() -> Vec<String> {
    lessons::ALL.iter().map(|l| encode(&l.state())).collect()
}

fn dataset_files() -> Vec<String> {
    DatasetKind::EVERY
        .iter()
        .filter(|&&kind| kind != DatasetKind::Custom)
        .map(|&dataset| {
            let config = Config {
                dataset,
                num_points: Some(60),
                noise: 30.0,
                ..Config::default()
            };
            write_csv(Playground::new(config.validate().expect("valid")).points())
        })
        .collect()
}

fn model_file() -> String {
    let config = Config {
        hidden: vec![3, 2],
        ..Config::default()
    };
    let mut pg = Playground::new(config.validate().expect("valid"));
    pg.step(5);
    serde_json::to_string(&ModelFile::of(&pg)).expect("serialises")
}

/// Mutates the seeds `cases` times (each case mutating a seed or the last
/// case's result) and checks every result. Returns how many were read
/// without a complaint.
fn fuzz(stream: u64, seeds: &[String], cases: usize, check: impl Fn(&str) -> bool) -> usize {
    let mut rng = Pcg32::new(2026, stream);
    let mut last = seeds[0].clone().into_bytes();
    for seed in seeds {
        assert!(check(seed), "a seed is refused: {seed:?}");
    }
    let mut clean = 0;
    for _ in 0..cases {
        let from = if pick(&mut rng, 3) == 0 {
            last.clone()
        } else {
            seeds[pick(&mut rng, seeds.len())].clone().into_bytes()
        };
        last = mutate(&mut rng, &from);
        clean += usize::from(check(&String::from_utf8_lossy(&last)));
    }
    clean
}

/// The mutations reach both sides: inputs read cleanly and inputs refused
/// (else the fuzzer only tries one path).
fn assert_both_sides(what: &str, clean: usize, cases: usize) {
    assert!(
        clean > cases / 1000 && clean < cases - cases / 1000,
        "{what}: {clean} of {cases} cases read without a complaint"
    );
}

#[test]
fn mutated_lesson_links_decode_to_usable_runs_with_short_warnings() {
    let clean = fuzz(1, &lesson_links(), LINK_CASES, check_link);
    assert_both_sides("links", clean, LINK_CASES);
}

#[test]
fn mutated_dataset_files_read_as_data_or_short_named_errors() {
    let clean = fuzz(2, &dataset_files(), CSV_CASES, check_csv);
    assert_both_sides("CSV files", clean, CSV_CASES);
}

#[test]
fn mutated_model_files_read_as_runs_or_short_named_refusals() {
    let clean = fuzz(3, &[model_file()], MODEL_CASES, check_model);
    assert_both_sides("model files", clean, MODEL_CASES);
}

/// The fastest of five readings of `input`, in seconds.
fn fastest(input: &str, read: &impl Fn(&str)) -> f64 {
    (0..5)
        .map(|_| {
            let started = Instant::now();
            read(input);
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// `unit` repeated to about `bytes`, after `head`.
fn grown(head: &str, unit: &str, bytes: usize) -> String {
    let mut text = head.to_owned();
    while text.len() < bytes {
        text.push_str(unit);
    }
    text
}

/// Reading 16 times the input takes less than 64 times as long.
fn assert_linear(what: &str, head: &str, unit: &str, read: impl Fn(&str)) {
    let small = grown(head, unit, 16 << 10);
    let large = grown(head, unit, 256 << 10);
    // Warm up (allocator, caches), then time both.
    read(&small);
    let (t_small, t_large) = (fastest(&small, &read), fastest(&large, &read));
    let ratio = t_large / t_small.max(1e-6);
    assert!(
        ratio < 64.0,
        "{what}: 16 times the input took {ratio:.0} times as long ({:.2} ms, {:.2} ms)",
        t_small * 1e3,
        t_large * 1e3
    );
}

#[test]
fn reading_time_grows_linearly_with_the_input() {
    let link = |text: &str| {
        let _ = decode(text);
    };
    // Distinct unknown names, one long list, many settings repeated.
    let mut names = String::from("v=1");
    for k in 0..40_000 {
        names.push_str(&format!("&n{k}=1"));
    }
    assert_linear("distinct names", &names[..16], "&n=1", link);
    assert_linear("distinct names", "v=1", &names[3..40], link);
    assert_linear("a long list", "v=1&hidden=", "3,", link);
    assert_linear("a long feature list", "v=1&features=", "x1,", link);
    assert_linear(
        "repeated settings",
        "v=1",
        "&learningRate=0.3&hidden=4,4",
        link,
    );
    assert_linear(
        "custom points",
        "v=1&dataset=custom&customPoints=",
        "AbCd0123_-",
        link,
    );
    let csv = |text: &str| {
        let _ = parse_csv(text);
    };
    assert_linear("CSV lines", "x1,x2,label\n", "0.5,-1.25,1\n", csv);
    assert_linear("CSV bad lines", "x1,x2,label\n", "0.5,,x\n", csv);
    assert_linear("CSV one line", "x1,x2,label\n", "0.5,", csv);
    let model = |text: &str| {
        if let Ok(file) = serde_json::from_str::<ModelFile>(text) {
            let _ = file.check();
        }
    };
    let file = model_file();
    let (head, _) = file.split_at(file.find("\"layers\"").expect("layers"));
    assert_linear(
        "model layers",
        head,
        "\"layers\":[{\"weights\":[[1]],\"biases\":[1],",
        model,
    );
}
