//! The link is the state: a run's settings, the page's display settings and,
//! on request, the network's weights, written into the URL hash as readable
//! `name=value` pairs (`v=1&dataset=spiral&hidden=8,8&learningRate=0.1`), and
//! read back from any string.
//!
//! Reading never fails: every name this page does not know and every value
//! it cannot use becomes a [`LinkWarning`] that names it and says what was
//! used instead (the default), and the config that comes out always
//! validates. Writing leaves out what equals the default, yet
//! `decode(encode(s))` gives back `s` exactly: numbers are written in the
//! shortest form that reads back to the same f64.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::activation::Activation;
use crate::base64url;
use crate::config::{Config, ConfigError, MAX_HIDDEN_LAYERS};
use crate::data::{DatasetKind, Feature, Point, Problem};
use crate::init::InitScheme;
use crate::lessons;
use crate::loss::Loss;
use crate::network::{Layer, Network, ShapeError};
use crate::optimizer::OptimizerKind;
use crate::race::{self, Race};
use crate::readable;
use crate::regularization::Regularization;
use crate::schedule::ScheduleKind;

/// The link format this page writes (`v=1`) and reads.
pub const FORMAT_VERSION: u32 = 1;

/// Longest link (characters after `#`) the page offers to share. Browsers
/// keep much longer addresses, but mail and chat programs often cut long
/// links, so past this the page says so and offers the files instead.
pub const LINK_LIMIT: usize = 32_000;

/// Most epochs per animation frame a link may ask for.
pub const MAX_SPEED: u32 = 100;

/// Most warnings one link produces; past this they are counted, not listed.
const MAX_WARNINGS: usize = 20;

/// Longest text read as a link; a longer one is refused whole, unread. Twice
/// the longest the page writes (5000 custom points, or a full network's
/// weights, are well under half of it).
pub const MAX_LINK_INPUT: usize = 1 << 20;

/// Longest value a warning quotes.
const QUOTE_CHARS: usize = 60;

/// What the pictures show and how fast training runs: page settings, not the
/// core's, but part of what a link reproduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(rename = "DisplayPatch")
)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Display {
    /// Draw the test points.
    pub show_test: bool,
    /// Colour the plane by the chosen class instead of by ŷ.
    pub discretize: bool,
    /// The colour-blind palette.
    pub color_blind: bool,
    /// The training pace: epochs per 1/60 s, 1 to [`MAX_SPEED`] (the top
    /// one: as fast as the engine can; www/js/app/state.js `epochRate`).
    pub speed: u32,
    /// Draw the augmented training points of the last epoch.
    pub show_augmented: bool,
    /// The |δ_j| gauges on the network's nodes.
    pub show_deltas: bool,
    /// The loss-surface panel open (`crate::surface`).
    pub surface: bool,
    /// Two weights (indices in [`flat_weights`] order) as the surface's
    /// axes u and v; `None`: two random directions.
    pub surface_axes: Option<[u32; 2]>,
    /// The seed of the surface's random directions.
    pub surface_seed: u32,
}

impl Default for Display {
    fn default() -> Self {
        Display {
            show_test: true,
            discretize: false,
            color_blind: false,
            speed: 1,
            show_augmented: false,
            show_deltas: true,
            surface: false,
            surface_axes: None,
            surface_seed: 1,
        }
    }
}

/// Everything a link holds.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(rename = "LinkStatePatch")
)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkState {
    pub config: Config,
    pub display: Display,
    /// Every weight and bias of the network in [`flat_weights`] order, at
    /// f32 precision (what a link carries); `None`: the seed's initial weights.
    pub weights: Option<Vec<f64>>,
    /// The lesson whose caption the page shows (an id of [`lessons::ALL`]).
    pub lesson: Option<String>,
    /// The race of training settings, when there is one (`race.rs`).
    pub race: Option<Race>,
    /// Names the page's embed mode owns (`embed`, `show`, `autoplay`,
    /// `<control>_hide`, and `bench`), with their values, in link order:
    /// read and written untouched.
    pub page_options: Vec<(String, String)>,
}

impl LinkState {
    /// The same state with a shorter link: a `numPoints` equal to the
    /// dataset's usual count is what an absent `numPoints` means, and a
    /// custom dataset's is its points' count whatever the field says.
    pub fn tidy(mut self) -> Self {
        let c = &mut self.config;
        // A custom dataset's count is its points' (validation ignores the
        // field): no setting either.
        if c.dataset == DatasetKind::Custom || c.num_points == Some(c.dataset.default_points()) {
            c.num_points = None;
        }
        self
    }
}

/// One part of a link that could not be used as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LinkWarning {
    /// The name as it appears in the link.
    pub field: String,
    /// The value as given (shortened if long).
    pub value: String,
    /// What the page used instead: "used the default, 0.03", "ignored", …
    pub used: String,
    /// The whole sentence for the page: names the field, says what was
    /// wrong and what was used instead.
    pub message: String,
}

/// True for text that reads as NaN or ±infinity, which the page never
/// prints: a message says "not a finite number" instead of quoting it.
fn non_finite_number(text: &str) -> bool {
    text.trim().parse::<f64>().is_ok_and(|v| !v.is_finite())
}

impl LinkWarning {
    pub(crate) fn new(field: &str, value: &str, reason: &str, used: String) -> Self {
        if non_finite_number(value) {
            return LinkWarning {
                message: format!("{}: not a finite number; {used}.", quote(field)),
                field: field.to_owned(),
                value: String::new(),
                used,
            };
        }
        let value = quote(value);
        LinkWarning {
            message: format!("{} = “{value}”: {reason}; {used}.", quote(field)),
            field: field.to_owned(),
            value,
            used,
        }
    }
}

/// What reading a link gives: a usable state and every problem met on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// Its config always validates; its weights, if any, fit its network.
    pub state: LinkState,
    pub warnings: Vec<LinkWarning>,
}

/// The names the page owns (its embed mode and the benchmark), which this
/// codec passes on unread; so are the hide flags, `<name>_hide`.
pub const PAGE_OPTIONS: [&str; 4] = ["embed", "show", "autoplay", "bench"];

/// The names of a link besides the settings: the lesson it starts from and
/// the weights it carries.
pub const STATE_FIELDS: [&str; 2] = ["lesson", "weights"];

/// True for the names the page owns, which this codec passes on.
pub fn is_page_option(name: &str) -> bool {
    PAGE_OPTIONS.contains(&name) || (name.len() > "_hide".len() && name.ends_with("_hide"))
}

const PROBLEMS: [Problem; 2] = [Problem::Classification, Problem::Regression];
const LOSSES: [Loss; 3] = [
    Loss::SquaredError,
    Loss::BinaryCrossEntropy,
    Loss::SoftmaxCrossEntropy,
];
const SCHEDULES: [ScheduleKind; 3] = [
    ScheduleKind::Constant,
    ScheduleKind::StepDecay,
    ScheduleKind::ReduceOnPlateau,
];
const REGULARIZATIONS: [Regularization; 3] =
    [Regularization::None, Regularization::L1, Regularization::L2];

fn problem_name(problem: Problem) -> &'static str {
    match problem {
        Problem::Classification => "classification",
        Problem::Regression => "regression",
    }
}

// ---------------------------------------------------------------- values

/// The shortest text that reads back to exactly this f64 ("0.03", "1e-8", "2").
pub(crate) fn number_text(value: f64) -> String {
    let text = format!("{value:?}");
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

fn list_text<T>(items: &[T], text: impl Fn(&T) -> String) -> String {
    items.iter().map(text).collect::<Vec<_>>().join(",")
}

fn points_text(points: &[Point]) -> String {
    let bytes: Vec<u8> = points
        .iter()
        .flat_map(|p| [p.x1, p.x2, p.label])
        .flat_map(f64::to_le_bytes)
        .collect();
    base64url::encode(&bytes)
}

/// Weights as a link carries them: f32, little-endian, base64url.
pub fn weights_text(values: &[f64]) -> String {
    // f32 halves the link; a trained network loses nothing a student can see.
    let bytes: Vec<u8> = values
        .iter()
        .flat_map(|&v| (v as f32).to_le_bytes())
        .collect();
    base64url::encode(&bytes)
}

fn number(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err("not a finite number".to_owned()),
        Err(_) => Err("not a number".to_owned()),
    }
}

fn whole<T: std::str::FromStr + std::fmt::Display + Copy>(text: &str, max: T) -> Result<T, String> {
    text.parse::<T>()
        .map_err(|_| format!("not a whole number from 0 to {max}"))
}

fn boolean(text: &str) -> Result<bool, String> {
    match text {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err("not true or false".to_owned()),
    }
}

fn choice<T: Copy>(text: &str, all: &[T], name: fn(T) -> &'static str) -> Result<T, String> {
    let names: Vec<&'static str> = all.iter().map(|&v| name(v)).collect();
    choose(text, &names).map(|k| all[k])
}

/// The index of `text` among `names` (outside the generic part: one copy in the wasm).
fn choose(text: &str, names: &[&'static str]) -> Result<usize, String> {
    names
        .iter()
        .position(|&n| n == text)
        .ok_or_else(|| format!("not one of {}", names.join(", ")))
}

/// A comma-separated list of at most `max` items; a longer one is refused by
/// its length before any item is read.
fn list<T>(
    text: &str,
    max: usize,
    item: impl Fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let count = text.bytes().filter(|&b| b == b',').count() + 1;
    if count > max {
        return Err(format!("a list of {count} items: at most {max} allowed"));
    }
    text.split(',')
        .enumerate()
        .map(|(k, part)| {
            item(part).map_err(|why| {
                if non_finite_number(part) {
                    format!("item {} is not a finite number", k + 1)
                } else {
                    format!("item {} “{}” is {why}", k + 1, quote(part))
                }
            })
        })
        .collect()
}

fn hidden_activation(text: &str) -> Result<Activation, String> {
    if text == "softmax" {
        return Err("not allowed: softmax belongs to the output layer".to_owned());
    }
    choice(text, &Activation::ELEMENTWISE, Activation::name)
}

fn points(text: &str) -> Result<Vec<Point>, String> {
    let bytes = base64url::decode(text)?;
    if bytes.len() % 24 != 0 {
        return Err(format!(
            "{} bytes do not make whole points (24 bytes each: x1, x2, label as f64)",
            bytes.len()
        ));
    }
    Ok(bytes
        .chunks_exact(24)
        .map(|b| {
            let f = |k: usize| {
                let mut word = [0u8; 8];
                word.copy_from_slice(&b[8 * k..8 * k + 8]);
                f64::from_le_bytes(word)
            };
            Point {
                x1: f(0),
                x2: f(1),
                label: f(2),
            }
        })
        .collect())
}

/// Reads a link's weights: `count` f32 values, every one finite.
pub fn parse_weights(text: &str, count: usize) -> Result<Vec<f64>, String> {
    let bytes = base64url::decode(text)?;
    if bytes.len() % 4 != 0 {
        return Err(format!(
            "{} bytes are not whole f32 numbers (4 bytes each)",
            bytes.len()
        ));
    }
    let values: Vec<f64> = bytes
        .chunks_exact(4)
        .map(|b| f64::from(f32::from_le_bytes([b[0], b[1], b[2], b[3]])))
        .collect();
    if values.len() != count {
        return Err(format!(
            "it holds {} numbers but this network has {count} weights and biases",
            values.len()
        ));
    }
    if let Some(k) = values.iter().position(|v| !v.is_finite()) {
        return Err(format!("number {} is not finite", k + 1));
    }
    Ok(values)
}

// ---------------------------------------------------------------- fields

/// One setting as a link carries it: its name, its text (`None`: unset, not
/// written) and how a text is read back into it. The tables below are the
/// only list of the fields: encoding, decoding and the names all read them.
struct Field<T> {
    name: &'static str,
    text: fn(&T) -> Option<String>,
    set: fn(&mut T, &str) -> Result<(), String>,
}

/// A number field (f64), written in its shortest exact text.
macro_rules! number_field {
    ($name:literal, $field:ident) => {
        Field {
            name: $name,
            text: |c| Some(number_text(c.$field)),
            set: |c, t| number(t).map(|v| c.$field = v),
        }
    };
}

/// A whole-number field of type `$ty`.
macro_rules! whole_field {
    ($name:literal, $field:ident, $ty:ty) => {
        Field {
            name: $name,
            text: |c| Some(c.$field.to_string()),
            set: |c, t| whole(t, <$ty>::MAX).map(|v| c.$field = v),
        }
    };
}

/// A menu's field: one of `$all`, by `$label`'s name.
macro_rules! choice_field {
    ($name:literal, $field:ident, $all:expr, $label:path) => {
        Field {
            name: $name,
            text: |c| Some($label(c.$field).to_owned()),
            set: |c, t| choice(t, &$all, $label).map(|v| c.$field = v),
        }
    };
}

/// A true-or-false field.
macro_rules! boolean_field {
    ($name:literal, $field:ident) => {
        Field {
            name: $name,
            text: |c| Some(c.$field.to_string()),
            set: |c, t| boolean(t).map(|v| c.$field = v),
        }
    };
}

/// Every config field a link can set, in the order links write them.
const CONFIG: [Field<Config>; 41] = [
    choice_field!("dataset", dataset, DatasetKind::EVERY, DatasetKind::name),
    Field {
        name: "numPoints",
        text: |c| Some(c.num_points?.to_string()),
        set: |c, t| {
            if t == AUTO {
                c.num_points = None;
                Ok(())
            } else {
                whole(t, usize::MAX).map(|v| c.num_points = Some(v))
            }
        },
    },
    number_field!("noise", noise),
    number_field!("trainRatio", train_ratio),
    whole_field!("dataSeed", data_seed, u32),
    whole_field!("classes", classes, usize),
    choice_field!("customProblem", custom_problem, PROBLEMS, problem_name),
    Field {
        name: "features",
        text: |c| Some(list_text(&c.features, |f| f.name().to_owned())),
        set: |c, t| {
            list(t, Feature::ALL.len(), |t| {
                choice(t, &Feature::ALL, Feature::name)
            })
            .map(|v| c.features = v)
        },
    },
    Field {
        name: "hidden",
        text: |c| Some(list_text(&c.hidden, ToString::to_string)),
        set: |c, t| list(t, MAX_HIDDEN_LAYERS, |t| whole(t, usize::MAX)).map(|v| c.hidden = v),
    },
    Field {
        name: "activation",
        text: |c| Some(c.activation.name().to_owned()),
        set: |c, t| hidden_activation(t).map(|v| c.activation = v),
    },
    Field {
        name: "hiddenActivations",
        text: |c| Some(list_text(&c.hidden_activations, |a| a.name().to_owned())),
        set: |c, t| list(t, MAX_HIDDEN_LAYERS, hidden_activation).map(|v| c.hidden_activations = v),
    },
    Field {
        name: "outputActivation",
        text: |c| Some(c.output_activation?.name().to_owned()),
        set: |c, t| {
            if t == AUTO {
                c.output_activation = None;
                Ok(())
            } else {
                choice(t, &Activation::EVERY, Activation::name)
                    .map(|v| c.output_activation = Some(v))
            }
        },
    },
    choice_field!("init", init, InitScheme::ALL, InitScheme::name),
    number_field!("initRange", init_range),
    number_field!("initBias", init_bias),
    boolean_field!("freezeBiases", freeze_biases),
    choice_field!("loss", loss, LOSSES, Loss::name),
    number_field!("learningRate", learning_rate),
    whole_field!("batchSize", batch_size, usize),
    choice_field!(
        "optimizer",
        optimizer,
        OptimizerKind::ALL,
        OptimizerKind::name
    ),
    number_field!("momentum", momentum),
    number_field!("rho", rho),
    number_field!("beta1", beta1),
    number_field!("beta2", beta2),
    number_field!("epsilon", epsilon),
    choice_field!("schedule", schedule, SCHEDULES, ScheduleKind::name),
    whole_field!("decayEvery", decay_every, u64),
    number_field!("decayFactor", decay_factor),
    whole_field!("plateauPatience", plateau_patience, u64),
    number_field!("minLearningRate", min_learning_rate),
    choice_field!(
        "regularization",
        regularization,
        REGULARIZATIONS,
        Regularization::name
    ),
    number_field!("regularizationRate", regularization_rate),
    Field {
        name: "dropout",
        text: |c| Some(list_text(&c.dropout, |&p| number_text(p))),
        set: |c, t| list(t, MAX_HIDDEN_LAYERS, number).map(|v| c.dropout = v),
    },
    whole_field!("maxEpochs", max_epochs, u64),
    number_field!("lossThreshold", loss_threshold),
    whole_field!("patience", patience, u64),
    number_field!("jitter", jitter),
    number_field!("rotation", rotation),
    number_field!("scaling", scaling),
    whole_field!("seed", seed, u32),
    // A long base64url run: last, after everything a person reads.
    Field {
        name: "customPoints",
        text: |c| Some(points_text(&c.custom_points)),
        set: |c, t| points(t).map(|v| c.custom_points = v),
    },
];

/// Every display setting a link can set, in the order links write them.
const DISPLAY: [Field<Display>; 9] = [
    boolean_field!("showTest", show_test),
    boolean_field!("discretize", discretize),
    boolean_field!("colorBlind", color_blind),
    Field {
        name: "speed",
        text: |d| Some(d.speed.to_string()),
        set: |d, t| match t.parse::<u32>() {
            Ok(v) if (1..=MAX_SPEED).contains(&v) => {
                d.speed = v;
                Ok(())
            }
            _ => Err(format!(
                "not a whole number of epochs per frame from 1 to {MAX_SPEED}"
            )),
        },
    },
    boolean_field!("showAugmented", show_augmented),
    boolean_field!("showDeltas", show_deltas),
    boolean_field!("surface", surface),
    Field {
        name: "surfaceAxes",
        text: |d| d.surface_axes.map(|[u, v]| format!("{u},{v}")),
        set: |d, t| surface_axes(t).map(|axes| d.surface_axes = Some(axes)),
    },
    Field {
        name: "surfaceSeed",
        text: |d| Some(d.surface_seed.to_string()),
        set: |d, t| {
            t.parse::<u32>()
                .map(|v| d.surface_seed = v)
                .map_err(|_| format!("not a whole number from 0 to {}", u32::MAX))
        },
    },
];

/// `u,v`: two different weights, by their index in [`flat_weights`] order
/// (whether the network has them is the page's to check).
fn surface_axes(text: &str) -> Result<[u32; 2], String> {
    let wrong = || "not two different weight numbers, as in 3,17".to_owned();
    let (u, v) = text.split_once(',').ok_or_else(wrong)?;
    let (u, v) = (u.parse::<u32>(), v.parse::<u32>());
    match (u, v) {
        (Ok(u), Ok(v)) if u != v => Ok([u, v]),
        _ => Err(wrong()),
    }
}

const fn names<T, const N: usize>(fields: &[Field<T>; N]) -> [&'static str; N] {
    let mut names = [""; N];
    let mut i = 0;
    while i < N {
        names[i] = fields[i].name;
        i += 1;
    }
    names
}

/// Every config field a link can set, in the order links write them.
pub const CONFIG_FIELDS: [&str; 41] = names(&CONFIG);

/// Every display setting a link can set, in the order links write them.
pub const DISPLAY_FIELDS: [&str; 9] = names(&DISPLAY);

fn find<T>(fields: &'static [Field<T>], name: &str) -> Option<&'static Field<T>> {
    fields.iter().find(|f| f.name == name)
}

/// A config field's value as a link writes it; `None` for an optional field
/// that is unset (an unset field is not written).
pub fn field_text(c: &Config, name: &str) -> Option<String> {
    find(&CONFIG, name).and_then(|f| (f.text)(c))
}

/// A display setting's value as a link writes it.
pub fn display_text(d: &Display, name: &str) -> Option<String> {
    find(&DISPLAY, name).and_then(|f| (f.text)(d))
}

/// Sets one config field from its link text. `None`: no field has this name.
pub(crate) fn set_field(c: &mut Config, name: &str, text: &str) -> Option<Result<(), String>> {
    find(&CONFIG, name).map(|f| (f.set)(c, text))
}

/// Sets one display setting from its link text. `None`: no such setting.
fn set_display(d: &mut Display, name: &str, text: &str) -> Option<Result<(), String>> {
    find(&DISPLAY, name).map(|f| (f.set)(d, text))
}

/// Puts a config field back to its default; says what was used.
fn reset_field(c: &mut Config, name: &str) -> String {
    let d = Config::default();
    match field_text(&d, name) {
        Some(text) => {
            // The default's own text always reads back.
            let _ = set_field(c, name, &text);
            if text.is_empty() {
                "used the default (none)".to_owned()
            } else {
                format!("used the default, {text}")
            }
        }
        None if name == "numPoints" => {
            c.num_points = None;
            "used the dataset's usual count".to_owned()
        }
        None => {
            c.output_activation = None;
            "used the default, automatic (the one the loss and problem call for)".to_owned()
        }
    }
}

fn display_default_phrase(name: &str) -> String {
    let text = display_text(&Display::default(), name).unwrap_or_default();
    format!("used the default, {text}")
}

/// The link name a validation error is about.
pub(crate) fn error_field(error: &ConfigError) -> &'static str {
    match error {
        ConfigError::OutOfRange { field, .. }
        | ConfigError::PerLayerLength { field, .. }
        | ConfigError::Incoherent { field, .. } => field,
        ConfigError::NoFeatures | ConfigError::DuplicateFeature(_) => "features",
        ConfigError::HiddenLayers(_) | ConfigError::Units { .. } => "hidden",
        ConfigError::BatchSize { .. } => "batchSize",
        ConfigError::SlowEpoch {
            smallest_batch: Some(_),
            ..
        } => "batchSize",
        ConfigError::SlowEpoch { .. } => "hidden",
        ConfigError::SlowStep { .. } => "batchSize",
        ConfigError::DropoutRate { .. } => "dropout",
        ConfigError::SoftmaxInHiddenLayer { .. } => "hiddenActivations",
        ConfigError::CustomPointCount(_) | ConfigError::CustomPoint { .. } => "customPoints",
    }
}

/// The text a link gave for a field, or "".
fn given_text<'a>(given: &'a [(String, String)], field: &str) -> &'a str {
    given
        .iter()
        .find(|(name, _)| name == field)
        .map_or("", |(_, text)| text.as_str())
}

/// Validates the config read from a link and puts every field the core
/// refuses back to its default (fields depend on each other, so this takes
/// a few rounds), with one warning per field.
fn settle(c: &mut Config, given: &[(String, String)], warnings: &mut Vec<LinkWarning>) {
    // Points a generated dataset ignores are still kept, so they must be
    // usable too (and NaN would not even equal itself).
    if c.dataset != DatasetKind::Custom && !c.custom_points.is_empty() {
        let probe = Config {
            dataset: DatasetKind::Custom,
            ..c.clone()
        };
        if let Err(errors) = probe.validate() {
            let bad: Vec<String> = errors
                .0
                .iter()
                .filter(|e| error_field(e) == "customPoints")
                .map(ToString::to_string)
                .collect();
            if !bad.is_empty() {
                c.custom_points = Vec::new();
                let used = "left them out".to_owned();
                warnings.push(LinkWarning {
                    message: format!("{}; {used}.", bad.join("; ")),
                    field: "customPoints".to_owned(),
                    value: quote(given_text(given, "customPoints")),
                    used,
                });
            }
        }
    }
    for _round in 0..8 {
        let errors = match c.clone().validate() {
            Ok(_) => return,
            Err(errors) => errors.0,
        };
        let mut by_field: Vec<(&'static str, Vec<String>, Option<usize>)> = Vec::new();
        for error in &errors {
            let field = error_field(error);
            let train = match error {
                ConfigError::BatchSize { train_points, .. } => Some(*train_points),
                _ => None,
            };
            match by_field.iter_mut().find(|(f, _, _)| *f == field) {
                Some((_, reasons, _)) => reasons.push(error.to_string()),
                None => by_field.push((field, vec![error.to_string()], train)),
            }
        }
        for (field, reasons, train) in by_field {
            let value = match given_text(given, field) {
                "" => field_text(c, field).unwrap_or_default(),
                text => text.to_owned(),
            };
            let used = match (field, train) {
                ("batchSize", Some(train)) if Config::default().batch_size > train => {
                    c.batch_size = train.max(1);
                    format!("used {}, the number of training points", c.batch_size)
                }
                ("customPoints", _) => {
                    c.custom_points = Vec::new();
                    if c.dataset == DatasetKind::Custom {
                        c.dataset = Config::default().dataset;
                        format!("used the default dataset, {}", c.dataset.name())
                    } else {
                        "left them out".to_owned()
                    }
                }
                _ => reset_field(c, field),
            };
            // A few reasons say enough; the rest are counted.
            let mut reason = reasons[..reasons.len().min(2)].join("; ");
            if reasons.len() > 2 {
                reason.push_str(&format!(
                    " (and {} more like it)",
                    readable::count(reasons.len() - 2)
                ));
            }
            warnings.push(LinkWarning {
                message: format!("{reason}; {used}."),
                field: field.to_owned(),
                value: quote(&value),
                used,
            });
        }
    }
    if c.clone().validate().is_err() {
        // Not expected: every field has been put back at least once.
        *c = Config::default();
        warnings.push(LinkWarning::new(
            "v",
            "1",
            "the link's settings do not work together",
            "used the default settings".to_owned(),
        ));
    }
}

// ---------------------------------------------------------------- weights

/// Number of weights and biases of a network with these layer sizes
/// ([inputs, hidden..., outputs]).
pub fn weight_count(sizes: &[usize]) -> usize {
    sizes.windows(2).map(|pair| (pair[0] + 1) * pair[1]).sum()
}

/// Every weight and bias, in the order links and files carry them: layer by
/// layer from the inputs; in a layer w_ij row by row (i: node of the
/// previous layer, j: unit), then the biases w_0j.
pub fn flat_weights(network: &Network) -> Vec<f64> {
    let mut out = Vec::with_capacity(network.parameter_count());
    for layer in &network.layers {
        for row in layer.weights.row_iter() {
            out.extend(row.iter());
        }
        out.extend(layer.biases.iter());
    }
    out
}

/// A network shaped like `template` (layer sizes, φ, frozen biases) holding
/// `values` in [`flat_weights`] order.
pub fn network_from_flat(template: &Network, values: &[f64]) -> Result<Network, ShapeError> {
    let expected = template.parameter_count();
    if values.len() != expected {
        return Err(ShapeError(format!(
            "{} numbers given but this network has {expected} weights and biases",
            values.len()
        )));
    }
    if let Some(k) = values.iter().position(|v| !v.is_finite()) {
        return Err(ShapeError(format!(
            "number {} ({}) is not finite",
            k + 1,
            values[k]
        )));
    }
    let mut rest = values;
    let layers = template
        .layers
        .iter()
        .map(|layer| {
            let (rows, cols) = layer.weights.shape();
            let (weights, tail) = rest.split_at(rows * cols);
            let (biases, tail) = tail.split_at(cols);
            rest = tail;
            Layer {
                weights: nalgebra::DMatrix::from_row_slice(rows, cols, weights),
                biases: nalgebra::DVector::from_column_slice(biases),
                activation: layer.activation,
            }
        })
        .collect();
    Ok(Network {
        layers,
        freeze_biases: template.freeze_biases,
    })
}

// ---------------------------------------------------------------- the link

/// Keeps a quoted value short and on one line.
fn quote(text: &str) -> String {
    readable::excerpt(text, QUOTE_CHARS)
}

use codec::percent::{decode_lenient as percent_decode, encode_into as percent_encode};

/// The value of `numPoints` and `outputActivation` that leaves the choice to
/// the page (the dataset's usual count; the output the loss calls for).
const AUTO: &str = "auto";

/// What a link starts from before its settings are read: a lesson's
/// settings when it names one, else the defaults.
fn base_state(lesson: Option<&str>) -> LinkState {
    lesson
        .and_then(lessons::find)
        .map_or_else(LinkState::default, lessons::Lesson::state)
}

/// The lesson a link names first, if it is one (read before the rest: its
/// settings are what the link's own settings change).
fn named_lesson(hash: &str) -> Option<&'static lessons::Lesson> {
    let text = hash
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| percent_decode(name) == "lesson")?
        .1;
    lessons::find(&percent_decode(text))
}

impl LinkState {
    /// The config fields (in link order) whose values differ from those of
    /// the lesson this state names; empty without a lesson.
    pub fn lesson_changes(&self) -> Vec<String> {
        match self.lesson.as_deref().and_then(lessons::find) {
            Some(lesson) => (lesson.config)().changed_fields(&self.clone().tidy().config),
            None => Vec::new(),
        }
    }
}

/// Writes a state as a link (without the `#`): `v=1`, then every setting that
/// differs from its default (from the lesson's, when it names a lesson), the
/// lesson, the page's own names, and last the long base64url runs (custom
/// points, weights).
pub fn encode(state: &LinkState) -> String {
    let base = base_state(state.lesson.as_deref());
    let defaults = base.config;
    let mut pairs: Vec<(&str, String)> = vec![("v", FORMAT_VERSION.to_string())];
    let mut tail: Vec<(&str, String)> = Vec::new();
    for name in CONFIG_FIELDS {
        let text = field_text(&state.config, name);
        if text != field_text(&defaults, name) {
            // Unset where the lesson sets it: the page's own choice, written out.
            {
                let text = text.unwrap_or_else(|| AUTO.to_owned());
                let to = if name == "customPoints" {
                    &mut tail
                } else {
                    &mut pairs
                };
                to.push((name, text));
            }
        }
    }
    let display_defaults = base.display;
    for name in DISPLAY_FIELDS {
        let text = display_text(&state.display, name);
        if text != display_text(&display_defaults, name) {
            pairs.extend(text.map(|t| (name, t)));
        }
    }
    // A race is written whole when it differs from the lesson's (or none).
    let race_pairs = if state.race == base.race {
        Vec::new()
    } else {
        race::race_pairs(state.race.as_ref())
    };
    pairs.extend(race_pairs.iter().map(|(n, t)| (n.as_str(), t.clone())));
    if let Some(lesson) = &state.lesson {
        pairs.push(("lesson", lesson.clone()));
    }
    if let Some(weights) = &state.weights {
        tail.push(("weights", weights_text(weights)));
    }
    let mut out = String::new();
    let mut write = |name: &str, value: &str, bare: bool| {
        if !out.is_empty() {
            out.push('&');
        }
        percent_encode(name, &mut out);
        if !bare {
            out.push('=');
            percent_encode(value, &mut out);
        }
    };
    for (name, value) in &pairs {
        write(name, value, false);
    }
    for (name, value) in &state.page_options {
        // `#embed` stays `embed`, as the page's embed mode may have written it.
        write(name, value, value.is_empty());
    }
    for (name, value) in &tail {
        write(name, value, false);
    }
    out
}

/// Reads any string as a link (a leading `#` is optional). Never fails:
/// whatever cannot be used is listed in the warnings and replaced by its
/// default, and the resulting config always validates. A link that names a
/// lesson starts from the lesson's settings; its other settings change them.
pub fn decode(hash: &str) -> Decoded {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    if hash.len() > MAX_LINK_INPUT {
        return Decoded {
            state: LinkState::default(),
            warnings: vec![LinkWarning {
                field: String::new(),
                value: String::new(),
                used: "used the default settings".to_owned(),
                message: format!(
                    "This link is {} characters long: at most {} are read, so it was ignored and the default settings are used.",
                    readable::count(hash.len()),
                    readable::count(MAX_LINK_INPUT)
                ),
            }],
        };
    }
    // A lesson's link changes the lesson's settings, not the defaults.
    let mut state = named_lesson(hash).map_or_else(LinkState::default, lessons::Lesson::state);
    state.lesson = None;
    let mut warnings = Vec::new();
    let mut given: Vec<(String, String)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut weights: Option<String> = None;
    let mut race_text = race::RaceText::new();
    let mut dropped = 0usize;
    // A warning past the most listed is only counted: it is not even written
    // (a megabyte of unknown names would otherwise format each one).
    fn warn(
        warnings: &mut Vec<LinkWarning>,
        dropped: &mut usize,
        make: impl FnOnce() -> LinkWarning,
    ) {
        if warnings.len() < MAX_WARNINGS {
            warnings.push(make());
        } else {
            *dropped += 1;
        }
    }
    for pair in hash.split('&').filter(|p| !p.is_empty()) {
        let (name, text) = pair.split_once('=').unwrap_or((pair, ""));
        let (name, text) = (percent_decode(name), percent_decode(text));
        if is_page_option(&name) {
            state.page_options.push((name, text));
            continue;
        }
        if seen.contains(&name) {
            warn(&mut warnings, &mut dropped, || {
                LinkWarning::new(
                    &name,
                    &text,
                    "given more than once",
                    "used the first one".to_owned(),
                )
            });
            continue;
        }
        seen.insert(name.clone());
        match name.as_str() {
            "v" => {
                if text != FORMAT_VERSION.to_string() {
                    warn(&mut warnings, &mut dropped, || {
                        LinkWarning::new(
                            &name,
                            &text,
                            &format!("this page reads link format {FORMAT_VERSION}"),
                            format!("read the rest as format {FORMAT_VERSION}"),
                        )
                    });
                }
            }
            "weights" => weights = Some(text),
            _ if race::is_race_name(&name) => race_text.push((name, text)),
            "lesson" => {
                if lessons::find(&text).is_some() {
                    state.lesson = Some(text);
                } else {
                    warn(&mut warnings, &mut dropped, || {
                        LinkWarning::new(
                            &name,
                            &text,
                            "not a lesson of this page",
                            "ignored".to_owned(),
                        )
                    });
                }
            }
            _ => {
                if let Some(result) = set_display(&mut state.display, &name, &text) {
                    if let Err(reason) = result {
                        let used = display_default_phrase(&name);
                        warn(&mut warnings, &mut dropped, || {
                            LinkWarning::new(&name, &text, &reason, used)
                        });
                    }
                } else if let Some(result) = set_field(&mut state.config, &name, &text) {
                    match result {
                        Ok(()) => {
                            given.push((name, text));
                        }
                        Err(reason) => {
                            let used = reset_field(&mut state.config, &name);
                            warn(&mut warnings, &mut dropped, || {
                                LinkWarning::new(&name, &text, &reason, used)
                            });
                        }
                    }
                } else {
                    warn(&mut warnings, &mut dropped, || {
                        LinkWarning::new(
                            &name,
                            &text,
                            "not a setting of this page",
                            "ignored".to_owned(),
                        )
                    });
                }
            }
        }
    }
    let mut settled = Vec::new();
    settle(&mut state.config, &given, &mut settled);
    for warning in settled {
        warn(&mut warnings, &mut dropped, || warning);
    }
    // Lanes are checked against the run's settings as they came out.
    let (race, race_warnings) = race::decode_race(&race_text, state.race.take(), &state.config);
    state.race = race;
    for warning in race_warnings {
        warn(&mut warnings, &mut dropped, || warning);
    }
    if let Some(text) = weights {
        let sizes = match state.config.clone().validate() {
            Ok(valid) => valid.layer_sizes(),
            Err(_) => Vec::new(),
        };
        match parse_weights(&text, weight_count(&sizes)) {
            Ok(values) => state.weights = Some(values),
            Err(reason) => warn(&mut warnings, &mut dropped, || {
                LinkWarning::new(
                    "weights",
                    &text,
                    &reason,
                    "used the initial weights the seed draws".to_owned(),
                )
            }),
        }
    }
    if dropped > 0 {
        warnings.push(LinkWarning {
            field: String::new(),
            value: String::new(),
            used: "ignored".to_owned(),
            message: format!("… and {dropped} more problems like these, also ignored."),
        });
    }
    Decoded { state, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Pcg32;
    use proptest::prelude::*;

    fn warning_fields(decoded: &Decoded) -> Vec<&str> {
        decoded.warnings.iter().map(|w| w.field.as_str()).collect()
    }

    #[test]
    fn a_lesson_link_loads_the_lesson_and_its_own_settings_change_it() {
        let lesson = lessons::find("eta-too-large").expect("a lesson of this page");
        assert_eq!(encode(&lesson.state()), "v=1&lesson=eta-too-large");
        let bare = decode("#lesson=eta-too-large");
        assert_eq!(bare.warnings, vec![]);
        assert_eq!(
            bare.state,
            lesson.state(),
            "the lesson's settings, not the defaults"
        );
        assert_eq!(bare.state.lesson_changes(), Vec::<String>::new());
        let changed = decode("#lesson=eta-too-large&learningRate=0.1");
        assert_eq!(changed.state.config.learning_rate, 0.1);
        assert_eq!(changed.state.config.dataset, (lesson.config)().dataset);
        assert_eq!(changed.state.lesson_changes(), ["learningRate"]);
        // Set back to the default, a setting the lesson changes stays in the link.
        let mut back = changed.state.clone();
        back.config.learning_rate = Config::default().learning_rate;
        assert_eq!(decode(&encode(&back)).state, back);
    }

    #[test]
    fn a_huge_class_label_is_capped_not_overflowed() {
        // Found by fuzzing (the class count added 1 to a label cast to usize::MAX).
        let decoded = decode(
            "v=1&dataset=custom&customPoints=JsP2pNnuoAGQ_ZML-XDpv3VqqVAoFqAulE67S3gn_L_g6Ep3C1Xkv6DI64XzzOF_",
        );
        assert!(decoded.state.config.validate().is_ok());
    }

    #[test]
    fn the_default_state_is_just_the_version() {
        assert_eq!(encode(&LinkState::default()), "v=1");
        for empty in ["", "#", "#v=1", "v=1&&"] {
            let decoded = decode(empty);
            assert_eq!(decoded.state, LinkState::default(), "{empty:?}");
            assert!(decoded.warnings.is_empty(), "{empty:?}");
        }
    }

    #[test]
    fn settings_are_readable_pairs_with_only_what_differs() {
        let state = LinkState {
            config: Config {
                dataset: DatasetKind::Spiral,
                hidden: vec![8, 8],
                learning_rate: 0.1,
                epsilon: 1e-9,
                features: vec![Feature::X1, Feature::SinX2],
                optimizer: OptimizerKind::Momentum,
                output_activation: Some(Activation::Tanh),
                ..Config::default()
            },
            display: Display {
                discretize: true,
                speed: 10,
                ..Display::default()
            },
            ..LinkState::default()
        };
        assert_eq!(
            encode(&state),
            "v=1&dataset=spiral&features=x1,sinX2&hidden=8,8&outputActivation=tanh&learningRate=0.1\
             &optimizer=momentum&epsilon=1e-9&discretize=true&speed=10"
        );
        let decoded = decode(&format!("#{}", encode(&state)));
        assert_eq!(decoded.warnings, vec![]);
        assert_eq!(decoded.state, state);
    }

    #[test]
    fn no_hidden_layer_is_an_empty_list() {
        let state = LinkState {
            config: Config {
                hidden: vec![],
                ..Config::default()
            },
            ..LinkState::default()
        };
        assert_eq!(encode(&state), "v=1&hidden=");
        assert_eq!(decode("hidden=").state, state);
        assert_eq!(
            decode("hidden").state,
            state,
            "a bare name is an empty value"
        );
    }

    #[test]
    fn each_bad_value_is_named_with_the_default_used_instead() {
        let cases: [(&str, &str, &str); 14] = [
            (
                "learningRate=abc",
                "learningRate = “abc”: not a number",
                "used the default, 0.03",
            ),
            (
                "learningRate=inf",
                "not a finite number",
                "used the default, 0.03",
            ),
            (
                "dataset=moon",
                "not one of circle, xor,",
                "used the default, circle",
            ),
            (
                "hidden=4,x",
                "item 2 “x” is not a whole number",
                "used the default, 4,2",
            ),
            (
                "seed=-1",
                "not a whole number from 0 to 4294967295",
                "used the default, 1",
            ),
            (
                "freezeBiases=yes",
                "not true or false",
                "used the default, false",
            ),
            (
                "activation=softmax",
                "softmax belongs to the output layer",
                "used the default, tanh",
            ),
            ("speed=0", "1 to 100", "used the default, 1"),
            (
                "surfaceAxes=3,3",
                "not two different weight numbers",
                "used the default",
            ),
            (
                "surfaceAxes=3",
                "not two different weight numbers",
                "used the default",
            ),
            (
                "showTest=maybe",
                "not true or false",
                "used the default, true",
            ),
            (
                "noise=60",
                "noise = 60 is out of range: 0 to 50 % allowed",
                "used the default, 0",
            ),
            (
                "hidden=4,40",
                "hidden[1] = 40 units is out of range",
                "used the default, 4,2",
            ),
            (
                "outputActivation=softmax",
                "softmax over a single output node",
                "used the default, automatic",
            ),
        ];
        for (link, reason, used) in cases {
            let decoded = decode(link);
            let field = link.split('=').next().unwrap();
            assert_eq!(decoded.warnings.len(), 1, "{link}: {:?}", decoded.warnings);
            let warning = &decoded.warnings[0];
            assert_eq!(warning.field, field);
            assert!(warning.used.starts_with(used), "{link}: {}", warning.used);
            assert!(
                warning.message.contains(reason),
                "{link}: {}",
                warning.message
            );
            assert!(
                warning.message.contains(used),
                "{link}: {}",
                warning.message
            );
            assert_eq!(decoded.state.config, Config::default(), "{link}");
            assert_eq!(decoded.state.display, Display::default(), "{link}");
        }
    }

    #[test]
    fn unknown_names_repeats_and_versions_are_warned_about() {
        let decoded = decode("v=2&colour=red&dataset=xor&dataset=spiral&lesson=nope");
        assert_eq!(
            warning_fields(&decoded),
            ["v", "colour", "dataset", "lesson"]
        );
        assert!(decoded.warnings[0].message.contains("reads link format 1"));
        assert_eq!(
            decoded.warnings[1].message,
            "colour = “red”: not a setting of this page; ignored."
        );
        assert_eq!(
            decoded.state.config.dataset,
            DatasetKind::Xor,
            "the first one wins"
        );
        assert!(decoded.warnings[2].message.contains("given more than once"));
        assert!(decoded.warnings[3].message.contains("not a lesson"));
    }

    #[test]
    fn page_options_pass_through_untouched_and_in_order() {
        let decoded =
            decode("#embed&dataset=xor&show=plot,loss&autoplay=1&dataset_hide=true&bench=B");
        assert_eq!(decoded.warnings, vec![]);
        let options: Vec<(&str, &str)> = decoded
            .state
            .page_options
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            options,
            [
                ("embed", ""),
                ("show", "plot,loss"),
                ("autoplay", "1"),
                ("dataset_hide", "true"),
                ("bench", "B")
            ]
        );
        assert_eq!(
            encode(&decoded.state),
            "v=1&dataset=xor&embed&show=plot,loss&autoplay=1&dataset_hide=true&bench=B"
        );
        assert!(!is_page_option("_hide"));
    }

    #[test]
    fn every_name_the_codec_lists_is_one_it_reads() {
        // An element's attributes are these names (www/js/element/): each is
        // read, none is "not a setting of this page".
        let names = CONFIG_FIELDS
            .iter()
            .chain(&DISPLAY_FIELDS)
            .chain(&STATE_FIELDS)
            .chain(&PAGE_OPTIONS);
        for name in names {
            let decoded = decode(&format!("{name}=%3F"));
            assert!(
                decoded
                    .warnings
                    .iter()
                    .all(|w| !w.message.contains("not a setting")),
                "{name}: {:?}",
                decoded.warnings
            );
        }
    }

    #[test]
    fn markup_and_escapes_come_back_as_plain_text() {
        let decoded =
            decode("colour=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&noise=%zz&x_hide=a%26b%3Dc");
        assert_eq!(decoded.warnings[0].value, "<img src=x onerror=alert(1)>");
        assert_eq!(
            decoded.warnings[1].value, "%zz",
            "a broken escape stays as written"
        );
        assert_eq!(
            decoded.state.page_options,
            vec![("x_hide".to_owned(), "a&b=c".to_owned())]
        );
        assert_eq!(encode(&decoded.state), "v=1&x_hide=a%26b%3Dc");
    }

    #[test]
    fn fields_that_depend_on_each_other_are_settled() {
        // Too few hidden layers for the per-layer lists: the lists go.
        let decoded = decode("hidden=4&dropout=0.5,0.5&hiddenActivations=relu,relu");
        assert_eq!(warning_fields(&decoded), ["hiddenActivations", "dropout"]);
        assert!(decoded.warnings[1]
            .message
            .contains("dropout has 2 entries but there are 1 hidden layers"));
        assert_eq!(decoded.state.config.hidden, vec![4]);
        // A batch larger than the training set takes the training set's size.
        let decoded = decode("numPoints=10&trainRatio=50&batchSize=30");
        assert_eq!(decoded.warnings[0].field, "batchSize");
        assert_eq!(
            decoded.warnings[0].used,
            "used 5, the number of training points"
        );
        assert_eq!(decoded.state.config.batch_size, 5);
        // When the default batch fits, it is the default.
        let decoded = decode("numPoints=100&batchSize=80");
        assert_eq!(decoded.warnings[0].used, "used the default, 10");
        // A custom dataset without points falls back to the default dataset.
        let decoded = decode("dataset=custom");
        assert_eq!(decoded.state.config.dataset, DatasetKind::Circle);
        assert!(decoded.warnings[0]
            .message
            .contains("customPoints has 0 points"));
        assert!(decoded.warnings[0]
            .message
            .contains("used the default dataset, circle"));
        // Cross-entropy on a regression dataset: the loss goes back to ½ squared error.
        let decoded = decode("dataset=plane&loss=binaryCrossEntropy");
        assert_eq!(decoded.state.config.loss, Loss::SquaredError);
        assert_eq!(decoded.warnings[0].field, "loss");
    }

    fn custom_points(n: usize) -> Vec<Point> {
        (0..n)
            .map(|k| Point {
                x1: -5.0 + 0.37 * k as f64,
                x2: (k as f64).sin() * 3.3,
                label: (k % 2) as f64,
            })
            .collect()
    }

    #[test]
    fn custom_points_travel_exactly() {
        let config = Config {
            dataset: DatasetKind::Custom,
            custom_points: custom_points(6),
            batch_size: 1,
            ..Config::default()
        };
        let state = LinkState {
            config,
            ..LinkState::default()
        };
        let link = encode(&state);
        assert!(
            link.starts_with("v=1&dataset=custom&batchSize=1&customPoints="),
            "{link}"
        );
        assert!(link.ends_with(&format!(
            "customPoints={}",
            points_text(&state.config.custom_points)
        )));
        assert_eq!(decode(&link).state, state);
        // Small batches for few points: the training set has 3 of the 6.
        let decoded = decode(&link.replace("batchSize=1", "batchSize=10"));
        assert_eq!(decoded.state.config.batch_size, 3);
        assert!(decoded.warnings[0]
            .used
            .contains("used 3, the number of training points"));
        // A point too far out is refused by index, and the data falls back.
        let mut bad = state.config.custom_points.clone();
        bad[4].x1 = 99.0;
        let link = format!(
            "dataset=custom&batchSize=1&customPoints={}",
            points_text(&bad)
        );
        let decoded = decode(&link);
        assert!(
            decoded.warnings[0]
                .message
                .contains("customPoints[4] = (99,"),
            "{:?}",
            decoded.warnings
        );
        assert_eq!(decoded.state.config.dataset, DatasetKind::Circle);
        let decoded = decode("dataset=custom&customPoints=AAAA");
        assert!(decoded.warnings[0]
            .message
            .contains("3 bytes do not make whole points"));
    }

    #[test]
    fn weights_travel_as_f32_and_must_fit_the_network() {
        let config = Config::default();
        let valid = config.clone().validate().unwrap();
        let mut rng = Pcg32::new(7, 2);
        let network = Network::random(
            &valid.layer_sizes(),
            &valid.layer_activations(),
            InitScheme::Uniform,
            2.0,
            0.1,
            &mut rng,
        );
        let flat = flat_weights(&network);
        assert_eq!(flat.len(), weight_count(&valid.layer_sizes()));
        assert_eq!(flat.len(), 3 * 4 + 5 * 2 + 3);
        // Order: w_ij row by row, then the biases, layer by layer.
        assert_eq!(flat[1], network.layers[0].weights[(0, 1)]);
        assert_eq!(flat[4], network.layers[0].weights[(1, 0)]);
        assert_eq!(flat[8], network.layers[0].biases[0]);
        assert_eq!(network_from_flat(&network, &flat).unwrap(), network);

        let state = LinkState {
            weights: Some(flat.clone()),
            ..LinkState::default()
        };
        let decoded = decode(&encode(&state));
        assert_eq!(decoded.warnings, vec![]);
        let carried = decoded.state.weights.unwrap();
        let as_f32: Vec<f64> = flat.iter().map(|&w| f64::from(w as f32)).collect();
        assert_eq!(carried, as_f32);
        assert!(flat
            .iter()
            .zip(&carried)
            .all(|(a, b)| (a - b).abs() <= 1e-6 * a.abs().max(1.0)));

        // The same weights for another network are refused and the seed's weights are used.
        let link = format!("hidden=3&weights={}", weights_text(&flat));
        let decoded = decode(&link);
        assert_eq!(decoded.state.weights, None);
        assert!(decoded.warnings[0]
            .message
            .contains("holds 25 numbers but this network has 13"));
        assert!(decoded.warnings[0]
            .message
            .contains("used the initial weights the seed draws"));
        let decoded = decode(&format!("weights={}", weights_text(&[f64::INFINITY; 25])));
        assert!(decoded.warnings[0]
            .message
            .contains("number 1 is not finite"));
        assert!(network_from_flat(&network, &flat[1..]).is_err());
    }

    #[test]
    fn tidy_drops_the_usual_point_count_only() {
        let state = |n| LinkState {
            config: Config {
                num_points: n,
                ..Config::default()
            },
            ..LinkState::default()
        };
        assert_eq!(state(Some(500)).tidy(), state(None));
        assert_eq!(state(Some(200)).tidy(), state(Some(200)));
    }

    #[test]
    fn a_custom_datasets_point_count_is_no_setting() {
        // The page reads a run's config back with the count filled in: for
        // the XOR lessons' 36 drawn points, 36.
        for id in ["perceptron-xor", "xor-2-2-1"] {
            let lesson = lessons::find(id).expect("a lesson");
            let valid = (lesson.config)().validate().expect("a lesson validates");
            let state = LinkState {
                config: Config {
                    num_points: Some(valid.num_points()),
                    ..valid.get().clone()
                },
                lesson: Some(id.to_owned()),
                ..LinkState::default()
            };
            assert_eq!(state.lesson_changes(), Vec::<String>::new(), "{id}");
            let link = encode(&state.tidy());
            assert!(!link.contains("numPoints"), "{id}: {link}");
        }
    }

    #[test]
    fn the_field_list_covers_every_config_field() {
        fn same_names(value: impl Serialize, listed: &[&str]) {
            let json = serde_json::to_value(value).unwrap();
            let mut keys: Vec<&str> = json
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let mut fields = listed.to_vec();
            keys.sort_unstable();
            fields.sort_unstable();
            assert_eq!(keys, fields);
        }
        same_names(Config::default(), &CONFIG_FIELDS);
        same_names(Display::default(), &DISPLAY_FIELDS);
    }

    #[test]
    fn names_in_links_are_the_config_names() {
        fn same<T: Serialize>(values: &[T], name: impl Fn(&T) -> &'static str) {
            for v in values {
                assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(name(v)));
            }
        }
        same(&DatasetKind::EVERY, |d| d.name());
        same(&PROBLEMS, |p| problem_name(*p));
        same(&Feature::ALL, |f| f.name());
        same(&Activation::EVERY, |a| a.name());
        same(&InitScheme::ALL, |i| i.name());
        same(&LOSSES, |l| l.name());
        same(&OptimizerKind::ALL, |o| o.name());
        same(&SCHEDULES, |s| s.name());
        same(&REGULARIZATIONS, |r| r.name());
    }

    #[test]
    fn numbers_are_written_shortest_and_read_back_exactly() {
        for (value, text) in [
            (0.03, "0.03"),
            (2.0, "2"),
            (1e-8, "1e-8"),
            (-0.5, "-0.5"),
            (1e21, "1e21"),
        ] {
            assert_eq!(number_text(value), text);
            assert_eq!(number(text).unwrap(), value);
        }
    }

    // ------------------------------------------------------------ properties

    fn unit<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
        proptest::sample::select(all)
    }

    prop_compose! {
        fn data()(
            dataset in unit(&DatasetKind::EVERY),
            num_points in proptest::option::of(10usize..=5000),
            noise in 0.0..=50.0f64,
            train_ratio in 10.0..=90.0f64,
            data_seed in any::<u32>(),
            classes in 2usize..=5,
            custom_points in proptest::collection::vec((-6.0..=6.0f64, -6.0..=6.0f64, 0u8..=4, -1.0..=1.0f64), 2..30),
            custom_problem in unit(&PROBLEMS),
            features in proptest::sample::subsequence(Feature::ALL.to_vec(), 1..=7).prop_shuffle(),
        ) -> Config {
            let custom_points = custom_points
                .into_iter()
                .map(|(x1, x2, class, value)| Point {
                    x1,
                    x2,
                    label: if custom_problem == Problem::Classification { f64::from(class) } else { value },
                })
                .collect();
            Config { dataset, num_points, noise, train_ratio, data_seed, classes, custom_points, custom_problem, features, ..Config::default() }
        }
    }

    fn layers() -> impl Strategy<Value = (Vec<usize>, Vec<Activation>, Vec<f64>)> {
        proptest::collection::vec(1usize..=32, 0..=8).prop_flat_map(|hidden| {
            let n = hidden.len();
            (
                Just(hidden),
                prop_oneof![
                    Just(Vec::new()),
                    proptest::collection::vec(unit(&Activation::ELEMENTWISE), n)
                ],
                prop_oneof![Just(Vec::new()), proptest::collection::vec(0.0..=0.9f64, n)],
            )
        })
    }

    prop_compose! {
        fn with_network(base: Config)(
            (hidden, hidden_activations, dropout) in layers(),
            activation in unit(&Activation::ELEMENTWISE),
            output_activation in proptest::option::of(unit(&Activation::EVERY)),
            init in unit(&InitScheme::ALL),
            init_range in 0.0..=10.0f64,
            init_bias in -10.0..=10.0f64,
            freeze_biases in any::<bool>(),
            loss in unit(&LOSSES),
            learning_rate in 1e-6..=10.0f64,
            batch_size in 1usize..=40,
            optimizer in unit(&OptimizerKind::ALL),
        ) -> Config {
            Config { hidden, hidden_activations, dropout, activation, output_activation, init, init_range, init_bias, freeze_biases, loss, learning_rate, batch_size, optimizer, ..base.clone() }
        }
    }

    prop_compose! {
        fn with_dynamics(base: Config)(
            momentum in 0.0..=0.999f64,
            rho in 0.0..=0.999f64,
            beta1 in 0.0..=0.999f64,
            beta2 in 0.0..=0.99999f64,
            epsilon in 1e-12..=1.0f64,
            schedule in unit(&SCHEDULES),
            decay_every in 1u64..=1_000_000,
            decay_factor in 0.01..=1.0f64,
            plateau_patience in 1u64..=100_000,
            min_learning_rate in 0.0..=10.0f64,
            regularization in unit(&REGULARIZATIONS),
            regularization_rate in 0.0..=10.0f64,
        ) -> Config {
            Config { momentum, rho, beta1, beta2, epsilon, schedule, decay_every, decay_factor, plateau_patience, min_learning_rate, regularization, regularization_rate, ..base.clone() }
        }
    }

    prop_compose! {
        fn with_stopping(base: Config)(
            max_epochs in 0u64..=1_000_000_000,
            loss_threshold in 0.0..=100.0f64,
            patience in 0u64..=100_000,
            jitter in 0.0..=2.0f64,
            rotation in 0.0..=180.0f64,
            scaling in 0.0..=0.5f64,
            seed in any::<u32>(),
        ) -> Config {
            Config { max_epochs, loss_threshold, patience, jitter, rotation, scaling, seed, ..base.clone() }
        }
    }

    /// Any valid config: every field drawn from its whole valid range, then
    /// the few combinations the core refuses are made coherent.
    fn valid_config() -> impl Strategy<Value = Config> {
        data()
            .prop_flat_map(with_network)
            .prop_flat_map(with_dynamics)
            .prop_flat_map(with_stopping)
            .prop_map(|mut c| {
                c.make_coherent();
                if let Err(errors) = c.clone().validate() {
                    if let Some(ConfigError::BatchSize { train_points, .. }) = errors
                        .0
                        .iter()
                        .find(|e| matches!(e, ConfigError::BatchSize { .. }))
                    {
                        c.batch_size = *train_points;
                    }
                }
                c
            })
            .prop_filter("the core accepts it", |c| c.clone().validate().is_ok())
    }

    fn display() -> impl Strategy<Value = Display> {
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            1u32..=MAX_SPEED,
            any::<bool>(),
            any::<bool>(),
            (
                any::<bool>(),
                proptest::option::of(
                    (0u32..10_000, 0u32..10_000)
                        .prop_filter("two different weights", |(u, v)| u != v),
                ),
                any::<u32>(),
            ),
        )
            .prop_map(
                |(
                    show_test,
                    discretize,
                    color_blind,
                    speed,
                    show_augmented,
                    show_deltas,
                    (surface, axes, surface_seed),
                )| {
                    Display {
                        show_test,
                        discretize,
                        color_blind,
                        speed,
                        show_augmented,
                        show_deltas,
                        surface,
                        surface_axes: axes.map(|(u, v)| [u, v]),
                        surface_seed,
                    }
                },
            )
    }

    fn page_options() -> impl Strategy<Value = Vec<(String, String)>> {
        let name = prop_oneof![
            Just("embed".to_owned()),
            Just("show".to_owned()),
            Just("autoplay".to_owned()),
            "[a-zA-Z]{1,8}_hide",
        ];
        proptest::collection::vec((name, ".{0,12}"), 0..4)
    }

    /// Pieces a link is made of, valid and not, to throw at the decoder.
    /// A race whose lanes run with any valid config: changes that no
    /// config refuses.
    fn race() -> impl Strategy<Value = Race> {
        let change = prop_oneof![
            unit(&OptimizerKind::ALL).prop_map(|o| ("optimizer", o.name().to_owned())),
            (1e-4..10.0f64).prop_map(|v| ("learningRate", number_text(v))),
            (0.0..0.999f64).prop_map(|v| ("momentum", number_text(v))),
            unit(&REGULARIZATIONS).prop_map(|r| ("regularization", r.name().to_owned())),
            (0.0..10.0f64).prop_map(|v| ("regularizationRate", number_text(v))),
            unit(&SCHEDULES).prop_map(|s| ("schedule", s.name().to_owned())),
        ];
        let lane = proptest::collection::vec(change, 0..4).prop_map(|changes| {
            let mut lane = race::Lane::default();
            for (field, text) in changes {
                lane.set(field, &text).expect("a valid change");
            }
            lane
        });
        (
            proptest::collection::vec(lane, 2..=4),
            1u64..=100_000,
            1e-6..100.0f64,
        )
            .prop_map(|(lanes, epochs, target)| Race {
                lanes,
                epochs,
                target,
            })
    }

    fn link_soup() -> impl Strategy<Value = String> {
        let name = prop_oneof![
            unit(&CONFIG_FIELDS).prop_map(str::to_owned),
            unit(&DISPLAY_FIELDS).prop_map(str::to_owned),
            Just("v".to_owned()),
            Just("weights".to_owned()),
            Just("lesson".to_owned()),
            Just("embed".to_owned()),
            unit(&[
                "race",
                "raceEpochs",
                "raceTarget",
                "lane1.optimizer",
                "lane2.learningRate",
                "lane3.dropout",
                "lane4.batchSize",
                "lane9.hidden",
                "lane2.seed"
            ])
            .prop_map(str::to_owned),
            "[a-z_%]{0,10}",
        ];
        let value = prop_oneof![
            "-?[0-9]{0,4}(\\.[0-9]{0,4})?(e-?[0-9]{1,3})?",
            "[0-9,]{0,12}",
            "[A-Za-z0-9_-]{0,40}",
            unit(&[
                "NaN", "inf", "-0", "", "true", "x1,x1", "softmax", "custom", "%FF%FE", "%3Cb%3E"
            ])
            .prop_map(str::to_owned),
            ".{0,16}",
        ];
        proptest::collection::vec((name, value), 0..12).prop_map(|pairs| {
            pairs
                .into_iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        })
    }

    fn check_usable(decoded: &Decoded) -> Result<(), TestCaseError> {
        let valid = decoded.state.config.clone().validate();
        prop_assert!(valid.is_ok(), "{:?}", valid);
        // Bounded messages, and no NaN or infinity printed (outside what the
        // link itself said: its names and quoted values may well say "info").
        prop_assert!(decoded.warnings.len() <= MAX_WARNINGS + 1);
        for w in &decoded.warnings {
            prop_assert!(w.message.chars().count() <= 250, "{}", w.message);
            // The name the link gave comes first, before " = ".
            let told = w
                .message
                .split_once(" = ")
                .map_or(w.message.as_str(), |(_, rest)| rest);
            let ours: String = told
                .split('“')
                .map(|part| part.split_once('”').map_or(part, |(_, after)| after))
                .collect();
            prop_assert!(
                !ours.contains("NaN") && !ours.contains("inf"),
                "{}",
                w.message
            );
        }
        if let (Some(weights), Ok(valid)) = (&decoded.state.weights, valid) {
            prop_assert_eq!(weights.len(), weight_count(&valid.layer_sizes()));
        }
        // What was read is a state the page can write and read again, exactly.
        let again = decode(&encode(&decoded.state));
        prop_assert_eq!(&again.warnings, &vec![]);
        prop_assert_eq!(&again.state, &decoded.state);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn every_valid_state_round_trips(
            config in valid_config(),
            display in display(),
            page_options in page_options(),
            lesson in proptest::option::of(unit(&lessons::ALL).prop_map(|l| l.id.to_owned())),
            seed in any::<u64>(),
            with_weights in any::<bool>(),
            race in proptest::option::of(race()),
        ) {
            let weights = with_weights.then(|| {
                let sizes = config.clone().validate().map(|v| v.layer_sizes()).unwrap_or_default();
                let mut rng = Pcg32::new(seed, 9);
                (0..weight_count(&sizes)).map(|_| f64::from(rng.uniform(-8.0, 8.0) as f32)).collect()
            });
            let state = LinkState { config, display, weights, lesson, page_options, race };
            let link = encode(&state);
            let decoded = decode(&link);
            prop_assert_eq!(&decoded.warnings, &vec![], "{}", link);
            prop_assert_eq!(decoded.state, state);
        }

        #[test]
        fn any_string_decodes_to_a_usable_state(text in ".*") {
            check_usable(&decode(&text))?;
        }

        #[test]
        fn any_mix_of_link_pieces_decodes_to_a_usable_state(text in link_soup()) {
            let decoded = decode(&text);
            check_usable(&decoded)?;
            for warning in &decoded.warnings {
                prop_assert!(!warning.used.is_empty());
                prop_assert!(warning.message.ends_with('.'), "{}", warning.message);
            }
        }
    }
}
