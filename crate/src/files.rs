//! Files a user downloads and opens again: the data as CSV (`x1,x2,label`)
//! and a model as JSON (the config and every weight at full f64 precision).
//!
//! Both are read completely and checked before anything uses them: a file
//! that cannot be used is refused with the line (or the part) and the
//! reason, and whatever the page had stays as it was.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::config::{Config, CUSTOM_POINTS_RANGE, MAX_CLASSES};
use crate::data::{DatasetKind, Point, Problem, CUSTOM_EXTENT, MAX_VALUE_LABEL};
use crate::link::flat_weights;
use crate::network::{LayerSpec, Network};
use crate::playground::{Playground, MAX_EDITED_WEIGHT};

/// Most problems a refused file lists; a few say enough to fix the file.
pub const MAX_CSV_ERRORS: usize = 5;

/// The `format` field of a model file.
/// Largest file, data or model, the page reads: checked before anything in
/// it is. A model of 8 layers of 32 units is about 0.5 MB, 5000 points of
/// CSV about 0.3 MB.
pub const MAX_FILE_BYTES: usize = 2 << 20;

/// Why a file of `bytes` bytes is not read, if it is too large.
pub fn size_problem(name: &str, bytes: usize) -> Option<String> {
    (bytes > MAX_FILE_BYTES).then(|| {
        format!(
            "{name} was not opened: it is {} bytes, more than the {} this page reads. Nothing changed.",
            crate::readable::count(bytes),
            crate::readable::count(MAX_FILE_BYTES)
        )
    })
}

pub const MODEL_FORMAT: &str = "backprop-playground-model";

/// The model-file version this page writes and reads.
pub const MODEL_VERSION: u32 = 1;

/// Why (part of) a CSV file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based line number; 0 for the file as a whole.
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.reason)
        } else {
            write!(f, "line {}: {}", self.line, self.reason)
        }
    }
}

/// The points of a CSV file and what their labels are.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvData {
    pub points: Vec<Point>,
    pub problem: Problem,
}

impl CsvData {
    /// `base` with these points as its custom dataset. The batch size shrinks
    /// to the training set if it is larger, so a small file still trains.
    pub fn into_config(self, base: Config) -> Config {
        let mut config = Config {
            dataset: DatasetKind::Custom,
            custom_problem: self.problem,
            custom_points: self.points,
            ..base
        };
        let train = config.train_points_for(config.custom_points.len());
        config.batch_size = config.batch_size.clamp(1, train.max(1));
        config
    }
}

/// A short, single-line quotation of what a file holds.
fn quoted(text: &str) -> String {
    format!("“{}”", crate::readable::excerpt(text, 24))
}

fn field(raw: &str) -> &str {
    let t = raw.trim();
    t.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .map_or(t, str::trim)
}

fn is_class(label: f64) -> bool {
    label.fract() == 0.0 && (0.0..=(MAX_CLASSES - 1) as f64).contains(&label)
}

fn is_value(label: f64) -> bool {
    (-MAX_VALUE_LABEL..=MAX_VALUE_LABEL).contains(&label)
}

/// Reads `x1,x2,label` lines. A first line that does not start with a number
/// is a header and is skipped; blank lines are skipped. Labels that are all
/// whole numbers 0 to 4 make a classification dataset; otherwise labels all
/// in [−1, 1] make a regression dataset.
pub fn parse_csv(text: &str) -> Result<CsvData, Vec<CsvError>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![CsvError {
            line: 0,
            reason: format!(
                "the file holds {} bytes: at most {} are read",
                crate::readable::count(text.len()),
                crate::readable::count(MAX_FILE_BYTES)
            ),
        }]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut errors = Vec::new();
    let mut points: Vec<(usize, Point)> = Vec::new();
    let mut first = true;
    // Lines end in \n, \r\n or a lone \r (old Mac files).
    let lines = text.split("\r\n").flat_map(|part| part.split(['\r', '\n']));
    for (index, line) in lines.enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(field).collect();
        if first {
            first = false;
            if fields[0].parse::<f64>().is_err() {
                if fields.len() != 3 {
                    errors.push(CsvError {
                        line: number,
                        reason: format!(
                            "the header has {} columns; three are needed: x1,x2,label",
                            fields.len()
                        ),
                    });
                }
                continue;
            }
        }
        if fields.len() != 3 {
            errors.push(CsvError {
                line: number,
                reason: format!(
                    "{} values; each line needs three: x1,x2,label",
                    fields.len()
                ),
            });
        } else {
            let mut values = [0.0; 3];
            let mut bad = None;
            for (k, name) in ["x1", "x2", "label"].into_iter().enumerate() {
                let raw = fields[k];
                match raw.parse::<f64>() {
                    Ok(v) if v.is_finite() => values[k] = v,
                    Ok(_) => bad = Some(format!("{name} {} is not a finite number", quoted(raw))),
                    Err(_) if raw.is_empty() => bad = Some(format!("{name} is empty")),
                    Err(_) => bad = Some(format!("{name} {} is not a number", quoted(raw))),
                }
                if bad.is_some() {
                    break;
                }
                if k < 2 && !(-CUSTOM_EXTENT..=CUSTOM_EXTENT).contains(&values[k]) {
                    bad = Some(format!(
                        "{name} = {} lies too far out: −{CUSTOM_EXTENT} to {CUSTOM_EXTENT} allowed",
                        crate::readable::number(values[k])
                    ));
                    break;
                }
            }
            match bad {
                Some(reason) => errors.push(CsvError {
                    line: number,
                    reason,
                }),
                None => points.push((
                    number,
                    Point {
                        x1: values[0],
                        x2: values[1],
                        label: values[2],
                    },
                )),
            }
        }
        if errors.len() >= MAX_CSV_ERRORS {
            break;
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (low, high) = CUSTOM_POINTS_RANGE;
    if !(low..=high).contains(&points.len()) {
        return Err(vec![CsvError {
            line: 0,
            reason: format!(
                "the file holds {} points; a dataset needs {low} to {high} (one to train, one to test at least)",
                points.len()
            ),
        }]);
    }
    let top = MAX_CLASSES - 1;
    let not_class = points.iter().find(|(_, p)| !is_class(p.label));
    let not_value = points.iter().find(|(_, p)| !is_value(p.label));
    let problem = match (not_class, not_value) {
        (None, _) => Problem::Classification,
        (Some(_), None) => Problem::Regression,
        (Some(&(a, pa)), Some(&(b, pb))) => {
            let neither = points
                .iter()
                .find(|(_, p)| !is_class(p.label) && !is_value(p.label));
            let reason = match neither {
                Some(&(line, p)) => {
                    return Err(vec![CsvError {
                        line,
                        reason: format!(
                            "label {} is neither a class (a whole number 0 to {top}) nor a value from −{MAX_VALUE_LABEL} to {MAX_VALUE_LABEL}",
                            crate::readable::number(p.label)
                        ),
                    }]);
                }
                None => format!(
                    "the labels mix classes and values: line {b} has label {} (a class, but not a value from −{MAX_VALUE_LABEL} to {MAX_VALUE_LABEL}) and line {a} has label {} (a value, but not a whole number 0 to {top}); use classes 0 to {top} or values from −{MAX_VALUE_LABEL} to {MAX_VALUE_LABEL} throughout",
                    pb.label, pa.label
                ),
            };
            return Err(vec![CsvError { line: 0, reason }]);
        }
    };
    Ok(CsvData {
        points: points.into_iter().map(|(_, p)| p).collect(),
        problem,
    })
}

/// The points as CSV with a header; every number in the shortest form that
/// reads back to the same f64, so the file re-imports exactly.
pub fn write_csv(points: &[Point]) -> String {
    let mut out = String::from("x1,x2,label\n");
    for p in points {
        out.push_str(&format!("{},{},{}\n", p.x1, p.x2, p.label));
    }
    out
}

/// A saved model: the config and every layer's weights, biases and φ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ModelFile {
    /// Always [`MODEL_FORMAT`]: says what the file is.
    pub format: String,
    pub version: u32,
    /// Epochs trained when the file was written (for the reader's information).
    #[serde(default)]
    pub epoch: u64,
    pub config: Config,
    /// One per layer after the inputs: `weights[i][j]` = w_ij.
    pub layers: Vec<LayerSpec>,
}

impl ModelFile {
    /// The run's config and current weights.
    pub fn of(playground: &Playground) -> ModelFile {
        let mut config = playground.config().get().clone();
        config.num_points = Some(playground.config().num_points());
        let layers = playground
            .network()
            .layers
            .iter()
            .map(LayerSpec::of)
            .collect();
        ModelFile {
            format: MODEL_FORMAT.to_owned(),
            version: MODEL_VERSION,
            epoch: playground.stats().epoch,
            config,
            layers,
        }
    }

    /// Checks that the file is a model, that its config is valid and that
    /// its layers are the network that config describes. Gives the config
    /// and the weights in [`flat_weights`] order.
    pub fn check(self) -> Result<(Config, Vec<f64>), String> {
        if self.format != MODEL_FORMAT {
            return Err(format!(
                "format is {}: this is not a Backprop Playground model (“{MODEL_FORMAT}” expected)",
                quoted(&self.format)
            ));
        }
        if self.version != MODEL_VERSION {
            return Err(format!(
                "version is {}: this page reads model files of version {MODEL_VERSION}",
                self.version
            ));
        }
        let valid = self
            .config
            .clone()
            .validate()
            .map_err(|errors| format!("config: {errors}"))?;
        let network = Network::from_weights(valid.get().features.len(), &self.layers)
            .map_err(|e| format!("layers: {e}"))?;
        let (sizes, wanted) = (network.sizes(), valid.layer_sizes());
        if sizes != wanted {
            return Err(format!(
                "layers: the weights are for layer sizes {sizes:?}, but the config describes {wanted:?}"
            ));
        }
        for (l, (spec, wanted)) in self
            .layers
            .iter()
            .zip(valid.layer_activations())
            .enumerate()
        {
            if spec.activation != wanted {
                return Err(format!(
                    "layers[{l}].activation is {}, but the config gives that layer {}",
                    spec.activation.name(),
                    wanted.name()
                ));
            }
        }
        // One bound for every weight a person brings in, typed or from a file.
        for (l, spec) in self.layers.iter().enumerate() {
            let values = spec.weights.iter().flatten().chain(&spec.biases);
            if let Some(&value) = values.into_iter().find(|v| v.abs() > MAX_EDITED_WEIGHT) {
                return Err(format!(
                    "layers[{l}] holds the weight {}: a weight or bias from −{MAX_EDITED_WEIGHT} to {MAX_EDITED_WEIGHT} allowed",
                    crate::readable::number(value)
                ));
            }
        }
        Ok((self.config, flat_weights(&network)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::network_from_flat;
    use proptest::prelude::*;

    fn reasons(text: &str) -> Vec<String> {
        parse_csv(text)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_good_file_with_or_without_header() {
        let with = parse_csv("x1,x2,label\r\n1,2,0\n-3.5, 4 ,1\n\n\"0.25\",-6,1\n").unwrap();
        assert_eq!(with.problem, Problem::Classification);
        assert_eq!(
            with.points,
            vec![
                Point {
                    x1: 1.0,
                    x2: 2.0,
                    label: 0.0
                },
                Point {
                    x1: -3.5,
                    x2: 4.0,
                    label: 1.0
                },
                Point {
                    x1: 0.25,
                    x2: -6.0,
                    label: 1.0
                },
            ]
        );
        let without = parse_csv("\u{feff}1,2,0\n-3.5,4,1\n0.25,-6,1").unwrap();
        assert_eq!(without, with);
        // Lines ended by a lone carriage return (classic Mac files) read the same.
        let old_mac = parse_csv("x1,x2,label\r1,2,0\r-3.5,4,1\r\r0.25,-6,1\r").unwrap();
        assert_eq!(old_mac, with);
        let regression = parse_csv("a,b,c\n0,0,0.5\n1,1,-1\n2,2,0\n").unwrap();
        assert_eq!(regression.problem, Problem::Regression);
        let classes = parse_csv("0,0,0\n1,1,4\n2,2,2\n").unwrap();
        assert_eq!(classes.problem, Problem::Classification);
    }

    #[test]
    fn each_malformed_line_is_named_with_its_reason() {
        let cases = [
            ("x1,x2,label\n1,2,0\n3,4,0\n5,6,0\n1,1,0\n1,1,0\n1,2,abc\n", "line 7: label “abc” is not a number"),
            ("1,2\n", "line 1: 2 values; each line needs three: x1,x2,label"),
            ("1,2,0,4\n", "line 1: 4 values"),
            ("1,,0\n", "line 1: x2 is empty"),
            ("x,y\n1,2,0\n", "line 1: the header has 2 columns"),
            ("1,2,0\n30.5,0,1\n", "line 2: x1 = 30.5 lies too far out: −24 to 24 allowed"),
            ("1,-99,0\n", "line 1: x2 = -99 lies too far out"),
            ("1,2e300,0\n", "line 1: x2 = 2e300 lies too far out"),
            ("1,2,0\nnan,0,1\n", "line 2: x1 “nan” is not a finite number"),
            ("1,2,0\n0,0,inf\n", "line 2: label “inf” is not a finite number"),
            ("1,2,0\n1,2,2.5\n", "line 2: label 2.5 is neither a class (a whole number 0 to 4) nor a value from −2 to 2"),
            ("1,2,0.5\n1,2,3\n", "the labels mix classes and values: line 2 has label 3"),
            ("x1,x2,label\n1,2,0\n", "the file holds 1 points; a dataset needs 2 to 5000"),
            ("\n\n", "the file holds 0 points"),
        ];
        for (text, expected) in cases {
            let got = reasons(text);
            assert!(got[0].starts_with(expected), "{text:?}: {got:?}");
        }
        let many = "1,2,x\n".repeat(20);
        assert_eq!(reasons(&many).len(), MAX_CSV_ERRORS);
        let long = "1,2,<b>a very long label that goes on and on</b>\n";
        assert!(
            reasons(long)[0].contains("“<b>a very long label tha…”"),
            "{:?}",
            reasons(long)
        );
    }

    #[test]
    fn a_file_becomes_a_custom_dataset_that_trains() {
        let data = parse_csv("0,0,0\n1,1,1\n2,2,0\n3,3,1\n").unwrap();
        let config = data.into_config(Config::default());
        assert_eq!(config.dataset, DatasetKind::Custom);
        assert_eq!(
            config.batch_size, 2,
            "the batch shrinks to the 2 training points"
        );
        assert!(config.validate().is_ok());
    }

    #[test]
    fn written_data_reads_back_exactly() {
        let points = vec![
            Point {
                x1: 0.1 + 0.2,
                x2: -5.999_999_999_999,
                label: 1.0,
            },
            Point {
                x1: 1e-20,
                x2: 6.0,
                label: 0.0,
            },
        ];
        let text = write_csv(&points);
        assert!(text.starts_with("x1,x2,label\n0.30000000000000004,"));
        assert_eq!(parse_csv(&text).unwrap().points, points);
    }

    fn trained() -> Playground {
        let config = Config {
            hidden: vec![3],
            ..Config::default()
        };
        let mut pg = Playground::new(config.validate().unwrap());
        pg.step(5);
        pg
    }

    #[test]
    fn a_model_file_holds_the_run_and_reads_back_exactly() {
        let pg = trained();
        let file = ModelFile::of(&pg);
        assert_eq!(file.epoch, 5);
        assert_eq!(file.layers.len(), 2);
        // JSON numbers of the browser's JSON.stringify read back exactly
        // (tests/files.test.mjs checks that in Chromium); here the struct.
        let json = serde_json::to_value(&file).unwrap();
        assert_eq!(json["format"], MODEL_FORMAT);
        assert_eq!(json["config"]["hidden"], serde_json::json!([3]));
        assert_eq!(json["layers"][0]["activation"], "tanh");
        let (config, flat) = file.check().unwrap();
        assert_eq!(config.hidden, vec![3]);
        let rebuilt = network_from_flat(pg.network(), &flat).unwrap();
        assert_eq!(&rebuilt, pg.network());
    }

    #[test]
    fn files_past_the_size_limit_are_refused_before_reading() {
        assert_eq!(size_problem("a.csv", MAX_FILE_BYTES), None);
        let message = size_problem("big.json", 10 << 20).unwrap();
        assert!(
            message.contains("10,485,760 bytes, more than the 2,097,152"),
            "{message}"
        );
        let huge = "1,2,0\n".repeat(MAX_FILE_BYTES / 6 + 1);
        assert!(reasons(&huge)[0].contains("at most 2,097,152 are read"));
    }

    #[test]
    fn a_wrong_model_file_is_refused_with_the_part_named() {
        let good = ModelFile::of(&trained());
        let refuse = |edit: &dyn Fn(&mut ModelFile), expected: &str| {
            let mut file = good.clone();
            edit(&mut file);
            let message = file.check().unwrap_err();
            assert!(message.contains(expected), "{message:?} lacks {expected:?}");
        };
        refuse(
            &|f| f.format = "something else".into(),
            "not a Backprop Playground model",
        );
        refuse(&|f| f.version = 2, "version is 2");
        refuse(
            &|f| f.config.learning_rate = 99.0,
            "config: learningRate = 99 is out of range",
        );
        refuse(
            &|f| f.layers[1].weights.pop().map(drop).unwrap_or(()),
            "layers: layer 1 has weights from 2 nodes",
        );
        refuse(
            &|f| f.config.hidden = vec![4],
            "the weights are for layer sizes [2, 3, 1], but the config describes [2, 4, 1]",
        );
        refuse(
            &|f| f.layers[0].activation = crate::Activation::Relu,
            "layers[0].activation is relu, but the config gives that layer tanh",
        );
        refuse(&|f| f.layers[0].biases[0] = f64::NAN, "non-finite");
        // The weight editor's bound holds for files too; the number reads as written.
        refuse(
            &|f| f.layers[1].weights[0][0] = 1e300,
            "layers[1] holds the weight 1e300: a weight or bias from −1000 to 1000 allowed",
        );
        refuse(&|f| f.layers[0].biases[1] = -1000.5, "the weight -1000.5");
    }

    /// Where the numbers of a JSON text are (start, end), to mutate them.
    fn number_spans(text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut spans = Vec::new();
        let mut k = 0;
        while k < bytes.len() {
            let starts = bytes[k].is_ascii_digit()
                || (bytes[k] == b'-' && bytes.get(k + 1).is_some_and(u8::is_ascii_digit));
            if starts && (k == 0 || !bytes[k - 1].is_ascii_alphanumeric()) {
                let start = k;
                k += 1;
                while k < bytes.len()
                    && (bytes[k].is_ascii_digit()
                        || matches!(bytes[k], b'.' | b'e' | b'E' | b'-' | b'+'))
                {
                    k += 1;
                }
                spans.push((start, k));
            } else {
                k += 1;
            }
        }
        spans
    }

    proptest! {
        #[test]
        fn any_text_is_data_or_named_errors(text in ".{0,300}") {
            match parse_csv(&text) {
                Ok(data) => prop_assert!(data.points.len() >= 2),
                Err(errors) => {
                    prop_assert!(!errors.is_empty() && errors.len() <= MAX_CSV_ERRORS);
                    for e in errors {
                        prop_assert!(!e.reason.is_empty());
                    }
                }
            }
        }

        #[test]
        fn any_mutation_of_a_model_file_is_a_run_or_a_short_named_refusal(
            edits in proptest::collection::vec((0usize..4000, prop_oneof![
                Just("1e300".to_owned()), Just("-0".to_owned()), Just("NaN".to_owned()),
                Just("[]".to_owned()), Just("[1,2,3]".to_owned()), Just("\"x\"".to_owned()),
                Just("null".to_owned()), Just("1e-320".to_owned()), Just("4294967296".to_owned()),
                "[0-9]{1,4}",
            ]), 1..4),
        ) {
            // A real model file as text, then a few of its numbers replaced.
            let text = serde_json::to_string(&ModelFile::of(&trained())).unwrap();
            let mut mutated = text.clone();
            for (at, value) in edits {
                let digits: Vec<(usize, usize)> = number_spans(&mutated);
                if digits.is_empty() {
                    break;
                }
                let (start, end) = digits[at % digits.len()];
                mutated.replace_range(start..end, &value);
            }
            // Read as the page reads it: JSON first, then the model's own checks.
            if let Ok(file) = serde_json::from_str::<ModelFile>(&mutated) {
                match file.check() {
                    Ok((config, weights)) => {
                        let valid = config.validate();
                        prop_assert!(valid.is_ok());
                        let sizes = valid.unwrap().layer_sizes();
                        prop_assert_eq!(weights.len(), crate::link::weight_count(&sizes));
                        prop_assert!(weights.iter().all(|w| w.abs() <= MAX_EDITED_WEIGHT));
                    }
                    Err(message) => {
                        prop_assert!(message.chars().count() <= 300, "{}", message);
                        prop_assert!(!message.contains("NaN") && !message.contains("inf"), "{}", message);
                    }
                }
            }
        }

        #[test]
        fn written_points_read_back(points in proptest::collection::vec((-6.0..=6.0f64, -6.0..=6.0f64, -1.0..=1.0f64), 2..50)) {
            let points: Vec<Point> = points.into_iter().map(|(x1, x2, label)| Point { x1, x2, label }).collect();
            prop_assert_eq!(parse_csv(&write_csv(&points)).unwrap().points, points);
        }
    }
}
