//! The race in a link, in the style of the link's own fields: `race=3` (the
//! lanes; `race=0`: none, for a lesson's link that had one), `raceEpochs`,
//! `raceTarget`, and each lane's changes as `lane2.optimizer=adam`, lanes
//! counted from 1, each value read by its field's own reading in the link's
//! field table and checked with the whole lane against the run's settings.
//!
//! Bounded: at most [`MAX_LANES`] lanes of `RACE_FIELDS` each, every name at
//! most once (the link's rule); whatever cannot be used is a warning that
//! names it and says what was used instead.

use super::{Lane, Race, EPOCHS, MAX_LANES, MIN_LANES, TARGET};
use crate::config::Config;
use crate::link::{error_field, number_text, LinkWarning};

/// The race's settings as a link gave them: (name, text) pairs, in order.
pub(crate) type RaceText = Vec<(String, String)>;

/// True for the names this module reads.
pub(crate) fn is_race_name(name: &str) -> bool {
    matches!(name, "race" | "raceEpochs" | "raceTarget") || lane_name(name).is_some()
}

/// `lane<k>.<field>` → (k, field), for one digit k from 1.
fn lane_name(name: &str) -> Option<(usize, &str)> {
    let rest = name.strip_prefix("lane")?;
    let (digit, field) = rest.split_once('.')?;
    match digit.as_bytes() {
        [d @ b'1'..=b'9'] => Some((usize::from(d - b'0'), field)),
        _ => None,
    }
}

/// The link's pairs of a race (`None`: `race=0`, no race).
pub(crate) fn race_pairs(race: Option<&Race>) -> Vec<(String, String)> {
    let Some(race) = race else {
        return vec![("race".to_owned(), "0".to_owned())];
    };
    let defaults = Race::default();
    let mut pairs = vec![("race".to_owned(), race.lanes.len().to_string())];
    if race.epochs != defaults.epochs {
        pairs.push(("raceEpochs".to_owned(), race.epochs.to_string()));
    }
    if race.target != defaults.target {
        pairs.push(("raceTarget".to_owned(), number_text(race.target)));
    }
    for (k, lane) in race.lanes.iter().enumerate() {
        for (field, text) in &lane.0 {
            pairs.push((format!("lane{}.{field}", k + 1), text.clone()));
        }
    }
    pairs
}

fn warning(name: &str, text: &str, reason: &str, used: &str) -> LinkWarning {
    LinkWarning::new(name, text, reason, used.to_owned())
}

/// The race a link describes: `base` (a lesson's race, or none) when it
/// names no race setting, else the race its settings make, each lane checked
/// against `run`, the link's settings as read.
pub(crate) fn decode_race(
    given: &[(String, String)],
    base: Option<Race>,
    run: &Config,
) -> (Option<Race>, Vec<LinkWarning>) {
    let mut warnings = Vec::new();
    if given.is_empty() {
        return (base, warnings);
    }
    let mut race = match given.iter().find(|(name, _)| name == "race") {
        None => base.unwrap_or_default(),
        Some((_, text)) => match text.parse::<usize>() {
            Ok(0) => {
                for (name, text) in given.iter().filter(|(name, _)| name != "race") {
                    warnings.push(warning(
                        name,
                        text,
                        "race=0 says there is no race",
                        "ignored",
                    ));
                }
                return (None, warnings);
            }
            Ok(n) if (MIN_LANES..=MAX_LANES).contains(&n) => Race {
                lanes: vec![Lane::default(); n],
                ..Race::default()
            },
            _ => {
                let reason = format!("not 0 (no race) or {MIN_LANES} to {MAX_LANES} lanes");
                warnings.push(warning("race", text, &reason, "used 2 lanes"));
                Race::default()
            }
        },
    };
    let defaults = Race::default();
    for (name, text) in given {
        match name.as_str() {
            "race" => {}
            "raceEpochs" => match text.parse::<u64>() {
                Ok(n) if EPOCHS.contains(n as f64) => race.epochs = n,
                _ => {
                    let reason = format!("not a race length of {}", EPOCHS.allowed());
                    let used = format!("used the default, {}", defaults.epochs);
                    warnings.push(warning(name, text, &reason, &used));
                }
            },
            "raceTarget" => match text.parse::<f64>() {
                Ok(v) if TARGET.contains(v) => race.target = v,
                _ => {
                    let reason = format!("not a target loss {}", TARGET.allowed());
                    let used = format!("used the default, {}", number_text(defaults.target));
                    warnings.push(warning(name, text, &reason, &used));
                }
            },
            _ => {
                let Some((k, field)) = lane_name(name) else {
                    continue;
                };
                let count = race.lanes.len();
                if k > count {
                    let reason = format!("this race has {count} lanes");
                    warnings.push(warning(name, text, &reason, "ignored"));
                } else if let Err(reason) = race.lanes[k - 1].set(field, text) {
                    warnings.push(warning(name, text, &reason, "used the run's value"));
                }
            }
        }
    }
    for (k, lane) in race.lanes.iter_mut().enumerate() {
        settle_lane(k, lane, run, &mut warnings);
    }
    (Some(race), warnings)
}

/// Takes back the changes of a lane that the run's settings refuse with it
/// (η out of range, a batch larger than the training set), each with a
/// warning; a lane still refused after that runs the run's settings.
fn settle_lane(k: usize, lane: &mut Lane, run: &Config, warnings: &mut Vec<LinkWarning>) {
    let errors = match lane.apply(run).map(Config::validate) {
        Ok(Ok(_)) => return,
        Ok(Err(errors)) => errors.0,
        Err(_) => Vec::new(),
    };
    let mut refused: Vec<(String, String, String)> = Vec::new();
    for error in &errors {
        let field = error_field(error);
        if let Some((_, text)) = lane.0.iter().find(|(name, _)| name == field) {
            refused.push((field.to_owned(), text.clone(), error.to_string()));
        }
    }
    lane.0
        .retain(|(name, _)| !refused.iter().any(|(f, _, _)| f == name));
    if lane.config(run).is_err() {
        for (field, text) in lane.0.drain(..) {
            refused.push((
                field,
                text,
                "does not run with the lane's other settings".to_owned(),
            ));
        }
    }
    for (field, text, reason) in refused {
        let name = format!("lane{}.{field}", k + 1);
        warnings.push(warning(&name, &text, &reason, "used the run's value"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> RaceText {
        text.split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(n, t)| (n.to_owned(), t.to_owned()))
            .collect()
    }

    #[test]
    fn lane_names_are_one_digit_and_a_field() {
        assert_eq!(lane_name("lane2.optimizer"), Some((2, "optimizer")));
        assert_eq!(lane_name("lane0.optimizer"), None);
        assert_eq!(lane_name("lane12.optimizer"), None);
        assert_eq!(lane_name("lane2optimizer"), None);
        assert!(is_race_name("raceTarget") && !is_race_name("races"));
    }

    #[test]
    fn a_race_reads_back_from_its_pairs() {
        let mut race = Race {
            lanes: vec![Lane::default(); 3],
            epochs: 300,
            target: 0.02,
        };
        race.lanes[1].set("optimizer", "momentum").unwrap();
        race.lanes[2].set("optimizer", "adam").unwrap();
        race.lanes[2].set("learningRate", "0.003").unwrap();
        let written = race_pairs(Some(&race));
        let text: Vec<String> = written.iter().map(|(n, t)| format!("{n}={t}")).collect();
        assert_eq!(
            text.join("&"),
            "race=3&raceEpochs=300&raceTarget=0.02&lane2.optimizer=momentum&lane3.learningRate=0.003&lane3.optimizer=adam"
        );
        let (read, warnings) = decode_race(&written, None, &Config::default());
        assert_eq!(warnings, vec![]);
        assert_eq!(read, Some(race));
        assert_eq!(race_pairs(None), [("race".to_owned(), "0".to_owned())]);
        let (none, _) = decode_race(&race_pairs(None), Some(Race::default()), &Config::default());
        assert_eq!(none, None);
    }

    #[test]
    fn what_a_race_cannot_use_is_named_and_replaced() {
        let run = Config::default();
        let given = pairs(
            "race=9&raceEpochs=0&raceTarget=-1&lane3.optimizer=adam&lane1.hidden=8&lane1.optimizer=bogus&lane2.learningRate=20&lane2.optimizer=adam",
        );
        let (race, warnings) = decode_race(&given, None, &run);
        let race = race.unwrap();
        assert_eq!(race.lanes.len(), 2, "used 2 lanes");
        assert_eq!((race.epochs, race.target), (500, 0.05));
        assert_eq!(race.lanes[0], Lane::default());
        assert_eq!(
            race.lanes[1].0,
            [("optimizer".to_owned(), "adam".to_owned())]
        );
        let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 7, "{messages:#?}");
        assert!(
            messages[0].starts_with("race = “9”: not 0 (no race) or 2 to 4 lanes; used 2 lanes")
        );
        assert!(messages[1].contains("raceEpochs = “0”: not a race length of 1 to 100000 epochs"));
        assert!(
            messages[2]
                .starts_with("raceTarget = “-1”: not a target loss L above 0 and at most 100"),
            "{}",
            messages[2]
        );
        assert!(messages[3].contains("this race has 2 lanes; ignored"));
        assert!(
            messages[4].contains("a lane may not change “hidden”"),
            "{}",
            messages[4]
        );
        assert!(messages[5].contains("not one of sgd"), "{}", messages[5]);
        assert_eq!(
            messages[6],
            "lane2.learningRate = “20”: learningRate = 20 is out of range: η above 0 and at most 10 allowed; used the run's value."
        );
    }
}
