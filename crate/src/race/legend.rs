//! What the race's legend calls each lane: its value of every setting that
//! some lane changes ("Adam, η = 0.003"), so lanes read side by side ("SGD"
//! against "Adam"). A setting that does not apply to a lane (μ when it trains
//! with Adam, γ without a penalty) is left out of its name.

use super::{Lane, Race};
use crate::config::ValidConfig;
use crate::link::field_text;
use crate::regularization::Regularization;
use crate::schema::{self, Setting};
use crate::Config;

/// The order a lane's name says its settings in: the optimizer first, as
/// one says "Adam, η = 0.003", then its hyperparameters, η and its schedule,
/// the batch, the penalty and dropout.
const ORDER: [&str; 16] = [
    "optimizer",
    "momentum",
    "rho",
    "beta1",
    "beta2",
    "epsilon",
    "learningRate",
    "schedule",
    "decayEvery",
    "decayFactor",
    "plateauPatience",
    "minLearningRate",
    "batchSize",
    "regularization",
    "regularizationRate",
    "dropout",
];

/// Each lane's name in the legend, in lane order.
pub fn legends(race: &Race, run: &Config) -> Vec<String> {
    let settings = schema::schema().settings;
    let mut changed: Vec<&str> = Vec::new();
    for field in ORDER {
        if race
            .lanes
            .iter()
            .any(|lane| lane.fields().any(|f| f == field))
        {
            changed.push(field);
        }
    }
    race.lanes
        .iter()
        .map(|lane| legend(lane, run, &changed, &settings))
        .collect()
}

fn legend(lane: &Lane, run: &Config, changed: &[&str], settings: &[Setting]) -> String {
    let config = match lane.config(run) {
        Ok(config) => config,
        // Not a lane that can run: named by what it changes, as written.
        Err(_) => {
            let raw: Vec<String> = lane.0.iter().map(|(f, t)| format!("{f} = {t}")).collect();
            return raw.join(", ");
        }
    };
    let parts: Vec<String> = changed
        .iter()
        .filter(|field| applies(&config, field, settings))
        .map(|field| phrase(&config, field, settings))
        .collect();
    if parts.is_empty() {
        "the run's settings".to_owned()
    } else {
        parts.join(", ")
    }
}

/// Whether `field` matters to a lane of `config`: the schema's rule of the
/// form (a hyperparameter for the optimizers that read it, a schedule's
/// fields for its schedules), and γ only with a penalty.
fn applies(config: &ValidConfig, field: &str, settings: &[Setting]) -> bool {
    let c = config.get();
    if field == "regularizationRate" {
        return c.regularization != Regularization::None;
    }
    match settings
        .iter()
        .find(|s| s.name == field)
        .and_then(|s| s.when.as_ref())
    {
        Some((on, choices)) => field_text(c, on).is_some_and(|v| choices.contains(&v.as_str())),
        None => true,
    }
}

/// A choice's label in the schema.
fn choice_label<'a>(settings: &'a [Setting], field: &str, name: &str) -> Option<&'a str> {
    let setting = settings.iter().find(|s| s.name == field)?;
    setting
        .choices
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.label)
}

/// One setting of a lane as the legend writes it.
fn phrase(config: &ValidConfig, field: &str, settings: &[Setting]) -> String {
    let c = config.get();
    let text = field_text(c, field).unwrap_or_default();
    match field {
        "optimizer" => c.optimizer.short_label().to_owned(),
        "schedule" => choice_label(settings, field, &text)
            .unwrap_or(&text)
            .to_owned(),
        "regularization" if c.regularization == Regularization::None => "no penalty".to_owned(),
        "regularization" => {
            let label = choice_label(settings, field, &text).unwrap_or(&text);
            format!("{label} penalty")
        }
        "batchSize" if c.batch_size == config.train_points() => {
            format!("full batch ({})", c.batch_size)
        }
        "batchSize" => format!("batch {text}"),
        "dropout" => {
            let rates = config.dropout_rates();
            let hidden = &rates[..rates.len() - 1];
            if hidden.iter().all(|&p| p == 0.0) {
                "no dropout".to_owned()
            } else if hidden.windows(2).all(|w| w[0] == w[1]) {
                format!("dropout p = {}", field_text_of(hidden[0]))
            } else {
                format!("dropout p = {}", text.replace(',', ", "))
            }
        }
        "decayEvery" => format!("η decays every {text} epochs"),
        "decayFactor" => format!("decay factor {text}"),
        "plateauPatience" => format!("plateau patience {text}"),
        "minLearningRate" => format!("η ≥ {text}"),
        _ => match schema::number(field).symbol {
            Some(symbol) => format!("{symbol} = {text}"),
            None => format!("{field} {text}"),
        },
    }
}

/// A rate as the link writes it ("0.5").
fn field_text_of(value: f64) -> String {
    let config = Config {
        learning_rate: value,
        ..Config::default()
    };
    field_text(&config, "learningRate").unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lane(changes: &[(&str, &str)]) -> Lane {
        let mut lane = Lane::default();
        for (field, text) in changes {
            lane.set(field, text).unwrap();
        }
        lane
    }

    fn race(lanes: Vec<Lane>) -> Race {
        Race {
            lanes,
            ..Race::default()
        }
    }

    #[test]
    fn each_lane_is_named_by_its_value_of_every_setting_a_lane_changes() {
        let run = Config::default();
        let names = legends(
            &race(vec![
                lane(&[]),
                lane(&[("optimizer", "momentum"), ("momentum", "0.9")]),
                lane(&[("optimizer", "adam"), ("learningRate", "0.003")]),
            ]),
            &run,
        );
        // μ applies to momentum only; every lane says its η, as one lane changes it.
        assert_eq!(
            names,
            [
                "SGD, η = 0.03",
                "Momentum, μ = 0.9, η = 0.03",
                "Adam, η = 0.003"
            ]
        );
    }

    #[test]
    fn identical_lanes_full_batches_penalties_and_dropout_read_plainly() {
        let run = Config::default();
        assert_eq!(
            legends(&Race::default(), &run),
            ["the run's settings", "the run's settings"]
        );
        let train = run.clone().validate().unwrap().train_points().to_string();
        let names = legends(
            &race(vec![
                lane(&[("batchSize", "1")]),
                lane(&[("batchSize", &train)]),
                lane(&[("regularization", "l2"), ("regularizationRate", "0.001")]),
                lane(&[("dropout", "0.5,0.2")]),
            ]),
            &Config {
                hidden: vec![4, 2],
                ..run
            },
        );
        assert_eq!(
            names,
            [
                "batch 1, no penalty, no dropout",
                format!("full batch ({train}), no penalty, no dropout").as_str(),
                "batch 10, L2 penalty, γ = 0.001, no dropout",
                "batch 10, no penalty, dropout p = 0.5, 0.2",
            ]
        );
    }

    #[test]
    fn a_lane_that_cannot_run_is_named_by_its_changes() {
        let names = legends(
            &race(vec![lane(&[]), lane(&[("learningRate", "20")])]),
            &Config::default(),
        );
        assert_eq!(names, ["η = 0.03", "learningRate = 20"]);
    }

    #[test]
    fn the_names_cover_every_race_field_once() {
        let mut order = ORDER.to_vec();
        order.sort_unstable();
        let mut fields = super::super::RACE_FIELDS.to_vec();
        fields.sort_unstable();
        assert_eq!(order, fields);
    }
}
