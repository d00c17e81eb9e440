//! What the settings are, said once: each config setting's kind, range or
//! choices, label in the course's notation, unit, one-line explanation and
//! group; the display settings, the palettes, the feature symbols and the
//! limits. Validation reads its ranges and writes its range messages from
//! [`NUMBERS`]; the page builds its menus, limits and tooltips from
//! [`schema`] (through the wasm binding `schema()`), and a unit test compares
//! what markup must keep static with it. Defaults are read from
//! `Config::default()` and `Display::default()` as the link writes them.

use serde::Serialize;

use crate::activation::Activation;
use crate::config::{
    Config, CUSTOM_POINTS_RANGE, MAX_CLASSES, MAX_HIDDEN_LAYERS, MAX_LEARNING_RATE, MAX_UNITS,
    POINTS_RANGE,
};
use crate::data::{DatasetKind, Feature};
use crate::init::InitScheme;
use crate::link::{self, Display, MAX_SPEED};
use crate::loss::Loss;
use crate::optimizer::OptimizerKind;
use crate::race;
use crate::readable;
use crate::regularization::Regularization;
use crate::render::{self, PaletteName};
use crate::schedule::ScheduleKind;

/// Largest dropout rate p of a hidden layer.
pub const MAX_DROPOUT: f64 = 0.9;

/// A number setting's allowed values: `low` to `high`, both included unless
/// `low_open` (η: above 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NumberRange {
    /// The config field.
    pub name: &'static str,
    /// The course's symbol (η, μ, …), written before the range in messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<&'static str>,
    pub low: f64,
    pub high: f64,
    pub low_open: bool,
    /// Whole numbers only.
    pub integer: bool,
    /// What `low` means when it switches the setting off ("off", "no limit").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low_means: Option<&'static str>,
    /// Written after the range ("points", "%", "epochs").
    pub unit: &'static str,
}

const fn range(name: &'static str, low: f64, high: f64) -> NumberRange {
    NumberRange {
        name,
        symbol: None,
        low,
        high,
        low_open: false,
        integer: false,
        low_means: None,
        unit: "",
    }
}

impl NumberRange {
    const fn symbol(self, symbol: &'static str) -> Self {
        NumberRange {
            symbol: Some(symbol),
            ..self
        }
    }
    const fn unit(self, unit: &'static str) -> Self {
        NumberRange { unit, ..self }
    }
    const fn integer(self) -> Self {
        NumberRange {
            integer: true,
            ..self
        }
    }
    const fn off(self, low_means: &'static str) -> Self {
        NumberRange {
            low_means: Some(low_means),
            ..self
        }
    }
    const fn open(self) -> Self {
        NumberRange {
            low_open: true,
            ..self
        }
    }

    /// True when `value` is allowed.
    pub fn contains(&self, value: f64) -> bool {
        value.is_finite()
            && value <= self.high
            && if self.low_open {
                value > self.low
            } else {
                value >= self.low
            }
    }

    /// What is allowed, as messages say it: "μ from 0 to 0.999",
    /// "10 to 5000 points", "η above 0 and at most 10".
    pub fn allowed(&self) -> String {
        let unit = if self.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", self.unit)
        };
        if self.low_open {
            let symbol = self.symbol.map(|s| format!("{s} ")).unwrap_or_default();
            return format!(
                "{symbol}above {} and at most {}{unit}",
                bound(self.low),
                bound(self.high)
            );
        }
        let symbol = self
            .symbol
            .map(|s| format!("{s} from "))
            .unwrap_or_default();
        let off = self
            .low_means
            .map(|m| format!(" ({m})"))
            .unwrap_or_default();
        format!(
            "{symbol}{}{off} to {}{unit}",
            bound(self.low),
            bound(self.high)
        )
    }
}

/// A bound as messages write it: a minus sign, not a hyphen.
fn bound(value: f64) -> String {
    let text = readable::number(value);
    match text.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => text,
    }
}

/// Every number setting's range, in the order validation reports them.
pub const NUMBERS: [NumberRange; 23] = [
    range("numPoints", POINTS_RANGE.0 as f64, POINTS_RANGE.1 as f64)
        .integer()
        .unit("points"),
    range("noise", 0.0, 50.0).unit("%"),
    range("trainRatio", 10.0, 90.0).unit("%"),
    range("classes", 2.0, MAX_CLASSES as f64)
        .integer()
        .unit("classes"),
    range("initRange", 0.0, 10.0).symbol("α"),
    range("initBias", -10.0, 10.0),
    range("momentum", 0.0, 0.999).symbol("μ"),
    range("rho", 0.0, 0.999).symbol("ρ"),
    range("beta1", 0.0, 0.999).symbol("β₁"),
    range("beta2", 0.0, 0.999_99).symbol("β₂"),
    range("epsilon", 1e-12, 1.0).symbol("ε"),
    range("decayEvery", 1.0, 1e6).integer().unit("epochs"),
    range("decayFactor", 0.01, 1.0),
    range("plateauPatience", 1.0, 1e5).integer().unit("epochs"),
    range("minLearningRate", 0.0, MAX_LEARNING_RATE),
    range("regularizationRate", 0.0, 10.0).symbol("γ"),
    range("maxEpochs", 0.0, 1e9).integer().off("no limit"),
    range("lossThreshold", 0.0, 100.0).symbol("θ").off("off"),
    range("patience", 0.0, 1e5)
        .integer()
        .off("off")
        .unit("epochs"),
    range("jitter", 0.0, 2.0),
    range("rotation", 0.0, 180.0).unit("degrees"),
    range("scaling", 0.0, 0.5),
    range("learningRate", 0.0, MAX_LEARNING_RATE)
        .symbol("η")
        .open(),
];

/// How many hidden layers a network may have (the length of `hidden`).
pub const HIDDEN_LAYERS: NumberRange = range("hidden", 0.0, MAX_HIDDEN_LAYERS as f64)
    .integer()
    .unit("hidden layers");

/// The range of the number setting `name`.
///
/// # Panics
/// When `name` is not in [`NUMBERS`]: a programming error caught by the tests.
pub fn number(name: &str) -> &'static NumberRange {
    NUMBERS
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no range for {name}"))
}

/// One choice of a menu: its name in configs and links, its label, and a
/// line saying what it does (empty when the label says enough).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Choice {
    pub name: &'static str,
    pub label: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub help: &'static str,
}

/// One setting as the page presents it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Setting {
    /// The config (or display) field.
    pub name: &'static str,
    /// "number", "integer", "choice", "boolean", "perLayer", "features",
    /// "points" or "seed".
    pub kind: &'static str,
    /// data, features, network, training, optimizer, schedule,
    /// regularization, stopping, augmentation or display.
    pub group: &'static str,
    /// In the course's notation where it has one.
    pub label: &'static str,
    pub unit: &'static str,
    /// One line saying what it does.
    pub help: &'static str,
    /// The default as a link writes it; `None` when the default is unset
    /// (the dataset's own count, the loss's own output φ).
    pub default: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<NumberRange>,
    /// "what 'range' allows", as the core's messages say it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub choices: Vec<Choice>,
    /// Shown only while the setting `.0` has one of the choices `.1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<(&'static str, Vec<&'static str>)>,
}

/// A palette's colours as RGB triples (render.rs's, for the page's CSS and
/// link colours).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PaletteColours {
    pub name: PaletteName,
    pub negative: [u8; 3],
    pub middle: [u8; 3],
    pub positive: [u8; 3],
    pub classes: [[u8; 3]; 5],
}

/// The limits the page's controls share with validation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    pub max_hidden_layers: usize,
    /// [`HIDDEN_LAYERS`], and what it allows as messages say it.
    pub hidden_layers: NumberRange,
    pub hidden_layers_allowed: String,
    pub max_units: usize,
    pub points: (usize, usize),
    pub custom_points: (usize, usize),
    pub max_classes: usize,
    pub max_dropout: f64,
    pub max_speed: u32,
}

/// A race's settings (`race.rs`): the fields a lane may change, how many
/// lanes, its length and its target loss, with their defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RaceSchema {
    pub fields: Vec<&'static str>,
    pub lanes: (usize, usize),
    pub epochs: NumberRange,
    pub target: NumberRange,
    pub default_epochs: u64,
    pub default_target: f64,
}

/// Everything the page needs to know about the settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    pub settings: Vec<Setting>,
    pub display: Vec<Setting>,
    pub palettes: Vec<PaletteColours>,
    /// Each input feature's name and symbol (the one spelling).
    pub features: Vec<Choice>,
    pub limits: Limits,
    pub race: RaceSchema,
    pub pictures: PictureGrids,
}

/// Cells per side of the grids the pictures are evaluated on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PictureGrids {
    /// The main plot's ([`render::PLOT_GRID`]).
    pub plot: usize,
    /// Each node thumbnail's ([`render::THUMB_GRID`]).
    pub thumbnail: usize,
}

fn choices<T: Copy>(
    all: &[T],
    name: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<Choice> {
    all.iter()
        .map(|&v| Choice {
            name: name(v),
            label: label(v),
            help: "",
        })
        .collect()
}

fn activation_label(a: Activation) -> &'static str {
    match a {
        Activation::Tanh => "tanh",
        Activation::Sigmoid => "Sigmoid",
        Activation::Relu => "ReLU",
        Activation::LeakyRelu => "Leaky ReLU",
        Activation::Linear => "Linear",
        Activation::Step => "Step (perceptron)",
        Activation::Softmax => "Softmax",
    }
}

fn dataset_label(d: DatasetKind) -> &'static str {
    match d {
        DatasetKind::Circle => "Circle",
        DatasetKind::Xor => "Exclusive or (XOR)",
        DatasetKind::Gauss => "Two Gaussians",
        DatasetKind::Spiral => "Spiral",
        DatasetKind::Moons => "Two moons",
        DatasetKind::Checkerboard => "Checkerboard",
        DatasetKind::Blobs => "Blobs (3–5 classes)",
        DatasetKind::Spiral3 => "Three-arm spiral",
        DatasetKind::Plane => "Plane",
        DatasetKind::MultiGauss => "Multi-Gaussian",
        DatasetKind::Custom => "Custom (drawn or opened)",
    }
}

fn loss_label(l: Loss) -> &'static str {
    match l {
        Loss::SquaredError => "½ squared error",
        Loss::BinaryCrossEntropy => "Binary cross-entropy",
        Loss::SoftmaxCrossEntropy => "Softmax cross-entropy",
    }
}

fn init_label(i: InitScheme) -> &'static str {
    match i {
        InitScheme::Uniform => "Uniform in [−α, α]",
        InitScheme::Xavier => "Xavier / Glorot",
        InitScheme::He => "He",
        InitScheme::Equal => "All equal to α",
        InitScheme::Zero => "All zero",
    }
}

fn schedule_label(s: ScheduleKind) -> &'static str {
    match s {
        ScheduleKind::Constant => "Constant η",
        ScheduleKind::StepDecay => "Step decay",
        ScheduleKind::ReduceOnPlateau => "Reduce on plateau",
    }
}

fn regularization_label(r: Regularization) -> &'static str {
    match r {
        Regularization::None => "None",
        Regularization::L1 => "L1",
        Regularization::L2 => "L2",
    }
}

const SCHEDULES: [ScheduleKind; 3] = [
    ScheduleKind::Constant,
    ScheduleKind::StepDecay,
    ScheduleKind::ReduceOnPlateau,
];
const LOSSES: [Loss; 3] = [
    Loss::SquaredError,
    Loss::BinaryCrossEntropy,
    Loss::SoftmaxCrossEntropy,
];
const PENALTIES: [Regularization; 3] =
    [Regularization::None, Regularization::L1, Regularization::L2];

/// The optimizers that use the hyperparameter `name`.
fn optimizers_using(name: &str) -> Vec<&'static str> {
    OptimizerKind::ALL
        .iter()
        .filter(|o| o.hyperparameters().contains(&name))
        .map(|o| o.name())
        .collect()
}

/// Every setting, default, palette, symbol and limit, as the page reads them.
pub fn schema() -> Schema {
    let defaults = Config::default();
    let setting = |name: &'static str, kind, group, label, help| Setting {
        name,
        kind,
        group,
        label,
        unit: "",
        help,
        default: link::field_text(&defaults, name),
        range: None,
        allowed: None,
        choices: Vec::new(),
        when: None,
    };
    let number = |name: &'static str, group, label, help| {
        let r = *number(name);
        Setting {
            kind: if r.integer { "integer" } else { "number" },
            unit: r.unit,
            range: Some(r),
            allowed: Some(r.allowed()),
            ..setting(name, "number", group, label, help)
        }
    };
    // A setting outside `NUMBERS` with a range of its own (per layer, or up
    // to the run's training points).
    let ranged = |r: NumberRange, s: Setting| Setting {
        range: Some(r),
        allowed: Some(r.allowed()),
        ..s
    };
    let menu = |name: &'static str, group, label, help, choices: Vec<Choice>| Setting {
        choices,
        ..setting(name, "choice", group, label, help)
    };
    let hyper = |name: &'static str, label, help| Setting {
        when: Some(("optimizer", optimizers_using(name))),
        ..number(name, "optimizer", label, help)
    };
    let scheduled = |name: &'static str, label, help, when: Vec<&'static str>| Setting {
        when: Some(("schedule", when)),
        ..number(name, "schedule", label, help)
    };
    let optimizers = OptimizerKind::ALL
        .iter()
        .map(|&o| Choice {
            name: o.name(),
            label: o.label(),
            help: o.explanation(),
        })
        .collect();
    let settings = vec![
        menu("dataset", "data", "Dataset", "The points to learn from", choices(&DatasetKind::EVERY, DatasetKind::name, dataset_label)),
        number("numPoints", "data", "Points", "How many points the dataset has (training and test)"),
        number("noise", "data", "Noise", "How far the points stray from the pattern"),
        number("trainRatio", "data", "Training share", "The share of the points used for training; the rest test"),
        setting("dataSeed", "seed", "data", "Data seed", "Fixes the points drawn"),
        Setting { when: Some(("dataset", vec![DatasetKind::Blobs.name()])), ..number("classes", "data", "Classes", "How many blobs") },
        menu("customProblem", "data", "Labels", "What a drawn or opened point's label is", vec![
            Choice { name: "classification", label: "Classification", help: "" },
            Choice { name: "regression", label: "Regression", help: "" },
        ]),
        setting("customPoints", "points", "data", "Custom points", "The drawn or opened points"),
        Setting { choices: choices(&Feature::ALL, Feature::name, Feature::label), ..setting("features", "features", "features", "Inputs", "The features fed to the network") },
        ranged(range("hidden", 1.0, MAX_UNITS as f64).integer().unit("units"), setting("hidden", "perLayer", "network", "Hidden layers", "Units per hidden layer")),
        menu("activation", "network", "Activation φ", "φ of the hidden layers", choices(&Activation::ELEMENTWISE, Activation::name, activation_label)),
        Setting { kind: "perLayer", ..menu("hiddenActivations", "network", "φ per layer", "φ of each hidden layer", choices(&Activation::ELEMENTWISE, Activation::name, activation_label)) },
        menu("outputActivation", "network", "Output φ", "φ of the output layer (unset: the one the loss calls for)", choices(&[Activation::Sigmoid, Activation::Tanh, Activation::Linear, Activation::Softmax], Activation::name, activation_label)),
        menu("init", "network", "Initial weights", "How the weights are drawn before training starts (the seed fixes the draw)", choices(&InitScheme::ALL, InitScheme::name, init_label)),
        Setting { when: Some(("init", vec![InitScheme::Uniform.name(), InitScheme::Equal.name()])), ..number("initRange", "network", "α", "Initial weights lie in [−α, α]") },
        number("initBias", "network", "Initial bias", "Every bias starts at this value"),
        setting("freezeBiases", "boolean", "network", "Freeze biases", "Keep the biases fixed while training"),
        menu("loss", "training", "Loss", "What training minimises", choices(&LOSSES, Loss::name, loss_label)),
        number("learningRate", "training", "Learning rate η", "The step size of gradient descent"),
        ranged(range("batchSize", 1.0, POINTS_RANGE.1 as f64).integer(), setting("batchSize", "integer", "training", "Batch size", "Examples per gradient step, 1 to the number of training points")),
        menu("optimizer", "optimizer", "Optimizer", "How a gradient ∂L/∂w becomes a weight change Δw", optimizers),
        hyper("momentum", "Momentum μ", "How much of the previous step Δw_{t−1} carries into this one"),
        hyper("rho", "Decay ρ", "How slowly the running mean of g² forgets"),
        hyper("beta1", "β₁", "Decay of the running mean of the gradient (its momentum)"),
        hyper("beta2", "β₂", "Decay of the running mean of g²"),
        hyper("epsilon", "ε", "A tiny number that keeps the division by √(…) finite"),
        menu("schedule", "schedule", "Learning-rate schedule", "How η changes while training", choices(&SCHEDULES, ScheduleKind::name, schedule_label)),
        scheduled("decayEvery", "Every (epochs)", "Epochs between two reductions of η", vec![ScheduleKind::StepDecay.name()]),
        scheduled("decayFactor", "Factor", "η is multiplied by this at each reduction", vec![ScheduleKind::StepDecay.name(), ScheduleKind::ReduceOnPlateau.name()]),
        scheduled("plateauPatience", "Patience (epochs)", "Epochs the training loss may go without improving before η is reduced", vec![ScheduleKind::ReduceOnPlateau.name()]),
        scheduled("minLearningRate", "Minimum η", "η is never reduced below this", vec![ScheduleKind::StepDecay.name(), ScheduleKind::ReduceOnPlateau.name()]),
        menu("regularization", "regularization", "Regularization", "The penalty R added to the loss as γ·R", choices(&PENALTIES, Regularization::name, regularization_label)),
        number("regularizationRate", "regularization", "Regularization rate γ", "The weight of the penalty term in the loss"),
        ranged(range("dropout", 0.0, MAX_DROPOUT), setting("dropout", "perLayer", "regularization", "Dropout p", "The share of a hidden layer's units dropped at each step")),
        number("maxEpochs", "stopping", "Max epochs", "Stop after this many epochs"),
        number("lossThreshold", "stopping", "Loss threshold θ", "Stop once the training loss is below θ"),
        number("patience", "stopping", "Patience", "Stop when the test loss has not improved for this many epochs, and go back to the best weights"),
        number("jitter", "augmentation", "Jitter", "Standard deviation of the noise added to each coordinate, every epoch"),
        number("rotation", "augmentation", "Rotation", "Largest rotation about the origin, every epoch"),
        number("scaling", "augmentation", "Scaling", "Largest relative change of scale, every epoch"),
        setting("seed", "seed", "training", "Seed", "Fixes the initial weights, the training order, dropout and augmentation"),
    ];
    let display_defaults = Display::default();
    let shown = |name: &'static str, label, help| Setting {
        default: link::display_text(&display_defaults, name),
        ..setting(name, "boolean", "display", label, help)
    };
    let display = vec![
        shown("showTest", "Show test data", "Draw the test points"),
        shown(
            "discretize",
            "Discretize output",
            "Colour the plane by the chosen class instead of by ŷ",
        ),
        shown(
            "colorBlind",
            "Colour-blind palette",
            "Colours told apart under every common colour-vision deficiency",
        ),
        Setting {
            kind: "integer",
            ..ranged(
                range("speed", 1.0, f64::from(MAX_SPEED)).integer(),
                shown(
                    "speed",
                    "Speed",
                    "Epochs per 1/60 s; the top one trains as fast as the engine can",
                ),
            )
        },
        shown(
            "showAugmented",
            "Show augmented points",
            "Draw the last epoch's augmented training points",
        ),
        shown(
            "showDeltas",
            "Show |δ|",
            "The |δ_j| gauges on the network's nodes",
        ),
        shown(
            "surface",
            "Loss surface",
            "The loss surface panel open: the training loss around the weights",
        ),
        Setting {
            kind: "weightPair",
            ..shown(
                "surfaceAxes",
                "Surface axes",
                "Two weights (in the order of the weights list) along u and v; unset: two random directions",
            )
        },
        Setting {
            kind: "integer",
            ..shown(
                "surfaceSeed",
                "Surface directions seed",
                "Draws the surface's two random directions",
            )
        },
    ];
    let colours = |name: PaletteName| {
        let p = name.palette();
        PaletteColours {
            name,
            negative: p.negative,
            middle: p.middle,
            positive: p.positive,
            classes: p.classes,
        }
    };
    Schema {
        settings,
        display,
        palettes: PaletteName::ALL.into_iter().map(colours).collect(),
        features: choices(&Feature::ALL, Feature::name, Feature::label),
        limits: Limits {
            max_hidden_layers: MAX_HIDDEN_LAYERS,
            hidden_layers: HIDDEN_LAYERS,
            hidden_layers_allowed: HIDDEN_LAYERS.allowed(),
            max_units: MAX_UNITS,
            points: POINTS_RANGE,
            custom_points: CUSTOM_POINTS_RANGE,
            max_classes: MAX_CLASSES,
            max_dropout: MAX_DROPOUT,
            max_speed: MAX_SPEED,
        },
        pictures: PictureGrids {
            plot: render::PLOT_GRID,
            thumbnail: render::THUMB_GRID,
        },
        race: RaceSchema {
            fields: race::RACE_FIELDS.to_vec(),
            lanes: (race::MIN_LANES, race::MAX_LANES),
            epochs: race::EPOCHS,
            target: race::TARGET,
            default_epochs: race::Race::default().epochs,
            default_target: race::Race::default().target,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::{CONFIG_FIELDS, DISPLAY_FIELDS};

    #[test]
    fn every_config_and_display_field_is_described_once() {
        let s = schema();
        let names: Vec<_> = s.settings.iter().map(|s| s.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        let mut fields = CONFIG_FIELDS.to_vec();
        fields.sort_unstable();
        assert_eq!(sorted, fields);
        let display: Vec<_> = s.display.iter().map(|s| s.name).collect();
        assert_eq!(display, DISPLAY_FIELDS);
        for r in &NUMBERS {
            assert!(
                names.contains(&r.name),
                "{} has a range but no setting",
                r.name
            );
        }
    }

    #[test]
    fn defaults_are_the_configs() {
        let defaults = Config::default();
        for s in schema().settings {
            assert_eq!(s.default, link::field_text(&defaults, s.name), "{}", s.name);
        }
        let s = schema();
        let lr = s
            .settings
            .iter()
            .find(|s| s.name == "learningRate")
            .unwrap();
        assert_eq!(lr.default.as_deref(), Some("0.03"));
        // Each default lies in its range.
        for r in &NUMBERS {
            if let Some(text) = link::field_text(&defaults, r.name) {
                assert!(r.contains(text.parse().unwrap()), "{} = {text}", r.name);
            }
        }
    }

    /// The default config with `name` set to `value` (the link codec would
    /// refuse a value out of range, serde does not).
    fn with(name: &str, value: f64) -> Config {
        let mut json = serde_json::to_value(Config::default()).unwrap();
        json[name] = if value.fract() == 0.0 && value >= 0.0 {
            serde_json::json!(value as u64)
        } else {
            serde_json::json!(value)
        };
        serde_json::from_value(json).unwrap()
    }

    fn refuses(config: Config, name: &str) -> Option<String> {
        config.validate().err().and_then(|errors| {
            errors
                .0
                .iter()
                .map(ToString::to_string)
                .find(|m| m.starts_with(&format!("{name} ")))
        })
    }

    #[test]
    fn every_range_is_what_validation_accepts() {
        for r in &NUMBERS {
            let step = if r.integer {
                1.0
            } else {
                (r.high - r.low).abs().max(1e-12) * 1e-6
            };
            let ends = [
                (r.low, !r.low_open),
                (r.high, true),
                (r.low - step, false),
                (r.high + step, false),
            ];
            for (value, ok) in ends {
                if r.integer && value < 0.0 {
                    continue; // not even a whole number of the field's type
                }
                let mut config = with(r.name, value);
                // A big point count needs batches the cost model accepts.
                if r.name == "numPoints" {
                    config.hidden = vec![2];
                }
                let refused = refuses(config, r.name);
                assert_eq!(refused.is_none(), ok, "{} = {value}: {refused:?}", r.name);
                if let Some(message) = refused {
                    assert!(
                        message.ends_with(&format!("{} allowed", r.allowed())),
                        "{message}"
                    );
                }
            }
        }
    }

    #[test]
    fn messages_say_the_range_as_before() {
        assert_eq!(number("numPoints").allowed(), "10 to 5000 points");
        assert_eq!(number("momentum").allowed(), "μ from 0 to 0.999");
        assert_eq!(number("initBias").allowed(), "−10 to 10");
        assert_eq!(number("epsilon").allowed(), "ε from 1e-12 to 1");
        assert_eq!(number("maxEpochs").allowed(), "0 (no limit) to 1000000000");
        assert_eq!(number("lossThreshold").allowed(), "θ from 0 (off) to 100");
        assert_eq!(number("patience").allowed(), "0 (off) to 100000 epochs");
        assert_eq!(number("learningRate").allowed(), "η above 0 and at most 10");
        assert_eq!(number("noise").allowed(), "0 to 50 %");
        assert_eq!(HIDDEN_LAYERS.allowed(), "0 to 8 hidden layers");
    }

    #[test]
    fn every_range_says_what_it_allows() {
        let s = schema();
        for setting in s.settings.iter().chain(&s.display) {
            if let Some(range) = setting.range {
                assert_eq!(setting.allowed, Some(range.allowed()), "{}", setting.name);
            }
        }
        assert_eq!(
            s.settings
                .iter()
                .find(|x| x.name == "hidden")
                .and_then(|x| x.allowed.clone()),
            Some("1 to 32 units".to_owned())
        );
        let error = Config {
            hidden: vec![1; MAX_HIDDEN_LAYERS + 1],
            ..Config::default()
        }
        .validate()
        .unwrap_err()
        .to_string();
        assert!(
            error.ends_with(&format!("{} allowed", s.limits.hidden_layers_allowed)),
            "{error}"
        );
    }

    #[test]
    fn every_choice_parses() {
        for s in schema().settings.iter().filter(|s| !s.choices.is_empty()) {
            for c in &s.choices {
                let mut json = serde_json::to_value(Config::default()).unwrap();
                json[s.name] = if matches!(s.kind, "perLayer" | "features") {
                    serde_json::json!([c.name])
                } else {
                    serde_json::json!(c.name)
                };
                assert!(
                    serde_json::from_value::<Config>(json).is_ok(),
                    "{} = {}",
                    s.name,
                    c.name
                );
            }
        }
        let all = schema();
        for s in &all.settings {
            if let Some((menu, values)) = &s.when {
                let choices = &all
                    .settings
                    .iter()
                    .find(|m| m.name == *menu)
                    .unwrap()
                    .choices;
                for v in values {
                    assert!(
                        choices.iter().any(|c| c.name == *v),
                        "{}: {menu} = {v}",
                        s.name
                    );
                }
            }
        }
    }

    #[test]
    fn palettes_are_renders() {
        let s = schema();
        for p in &s.palettes {
            let palette = render::Palette::named(p.name.name()).unwrap();
            assert_eq!(
                (p.negative, p.middle, p.positive, p.classes),
                (
                    palette.negative,
                    palette.middle,
                    palette.positive,
                    palette.classes
                )
            );
        }
    }
}
