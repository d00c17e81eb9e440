//! Hostile and huge links: every one decodes to a usable state with a few
//! short warnings, however long or repetitive it is (issue: bounded inputs
//! and bounded messages). Timings are the benchmark's business; these check
//! the sizes that made a 1 MB link take seconds and print megabytes.

use backprop_playground::link::{decode, Decoded, MAX_LINK_INPUT};

/// Longest warning a person should have to read.
const LONGEST_WARNING: usize = 250;
/// Most warnings listed (the rest are counted in one more line).
const MOST_WARNINGS: usize = 21;

fn check_bounded(what: &str, decoded: &Decoded) {
    assert!(
        decoded.state.config.clone().validate().is_ok(),
        "{what}: the config does not validate"
    );
    assert!(
        !decoded.warnings.is_empty(),
        "{what}: nothing was said about it"
    );
    assert!(
        decoded.warnings.len() <= MOST_WARNINGS,
        "{what}: {} warnings",
        decoded.warnings.len()
    );
    for w in &decoded.warnings {
        let chars = w.message.chars().count();
        assert!(
            chars <= LONGEST_WARNING,
            "{what}: a warning of {chars} characters: {}…",
            &w.message[..200]
        );
        assert!(
            !w.message.contains("NaN") && !w.message.contains("inf"),
            "{what}: {}",
            w.message
        );
    }
}

/// `name=` followed by `item` repeated (comma-separated) to about `bytes`.
fn repeated(name: &str, item: &str, bytes: usize) -> String {
    let count = bytes / (item.len() + 1);
    format!("v=1&{name}={}", vec![item; count].join(","))
}

#[test]
fn a_megabyte_of_distinct_unknown_names_is_a_few_warnings() {
    let mut link = String::from("v=1");
    let mut k = 0;
    while link.len() < MAX_LINK_INPUT - 40 {
        link.push_str(&format!("&unknown{k}=1"));
        k += 1;
    }
    let decoded = decode(&link);
    check_bounded("distinct names", &decoded);
    assert!(decoded
        .warnings
        .last()
        .unwrap()
        .message
        .contains("more problems like these"));
}

#[test]
fn a_megabyte_list_is_refused_by_its_length() {
    for (name, item) in [
        ("features", "x1"),
        ("hidden", "0"),
        ("dropout", "5"),
        ("hiddenActivations", "tanh"),
    ] {
        let decoded = decode(&repeated(name, item, MAX_LINK_INPUT - 100));
        check_bounded(name, &decoded);
        assert!(
            decoded.warnings[0].message.contains("at most"),
            "{name}: {}",
            decoded.warnings[0].message
        );
    }
}

#[test]
fn a_link_past_the_limit_is_refused_unread() {
    let link = repeated("hidden", "4", MAX_LINK_INPUT + 10);
    let decoded = decode(&link);
    check_bounded("too long", &decoded);
    assert_eq!(decoded.warnings.len(), 1);
    assert!(
        decoded.warnings[0].message.contains("1,048,576"),
        "{}",
        decoded.warnings[0].message
    );
    assert_eq!(decoded.state, Default::default());
}

#[test]
fn many_bad_values_of_one_list_make_one_short_warning() {
    // Eight layers of bad units, each a reason: two are said, the rest counted.
    let decoded = decode("v=1&hidden=0,0,0,0,0,0,0,0");
    check_bounded("eight bad layers", &decoded);
    assert_eq!(decoded.warnings.len(), 1);
    assert!(
        decoded.warnings[0].message.contains("and 6 more like it"),
        "{}",
        decoded.warnings[0].message
    );
}

#[test]
fn runs_whose_epochs_would_take_seconds_are_refused_naming_what_to_change() {
    use backprop_playground::optimizer::OptimizerKind;
    use backprop_playground::{Config, DatasetKind};
    // The largest run the validator used to accept: about 0.4 s an epoch natively.
    let largest = Config {
        dataset: DatasetKind::Blobs,
        classes: 5,
        num_points: Some(5000),
        hidden: vec![32; 8],
        batch_size: 1,
        optimizer: OptimizerKind::Adam,
        dropout: vec![0.1; 8],
        jitter: 0.1,
        ..Config::default()
    };
    let message = largest.clone().validate().unwrap_err().to_string();
    assert!(
        message.starts_with("batchSize = 1 makes each epoch too slow for 2,500 training points and 7,653 weights: at least "),
        "{message}"
    );
    // The batch size it names is accepted.
    let smallest: usize = message
        .split("at least ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a batch size");
    assert!(Config {
        batch_size: smallest,
        ..largest.clone()
    }
    .validate()
    .is_ok());
    assert!(Config {
        batch_size: smallest - 1,
        ..largest.clone()
    }
    .validate()
    .is_err());
    // As a link: one warning, and a run that trains.
    let decoded = decode(
        "v=1&dataset=blobs&classes=5&numPoints=5000&hidden=32,32,32,32,32,32,32,32&batchSize=1",
    );
    check_bounded("the slowest run", &decoded);
    assert_eq!(decoded.warnings.len(), 1);
    assert_eq!(
        decoded.state.config.batch_size, 10,
        "the default batch size"
    );
}

#[test]
fn runs_whose_steps_are_too_long_to_pause_between_are_refused_naming_the_largest_batch() {
    use backprop_playground::{Config, DatasetKind, Feature};
    // The largest network on 4,500 training points, in one batch: about
    // 0.1 s a step natively, too long for Pause to answer in between.
    let full_batch = Config {
        dataset: DatasetKind::Blobs,
        classes: 5,
        num_points: Some(5000),
        train_ratio: 90.0,
        features: Feature::ALL.to_vec(),
        hidden: vec![32; 8],
        batch_size: 4500,
        ..Config::default()
    };
    let message = full_batch.clone().validate().unwrap_err().to_string();
    assert_eq!(
        message,
        "batchSize = 4,500 makes each step too slow for 7,813 weights: at most 1,023 allowed (or a smaller network)"
    );
    let fits = |batch_size| {
        Config {
            batch_size,
            ..full_batch.clone()
        }
        .validate()
        .is_ok()
    };
    assert!(fits(1023));
    assert!(!fits(1024));
    // Full batches of config B's network are fine.
    assert!(Config {
        batch_size: 4500,
        hidden: vec![8; 6],
        ..full_batch
    }
    .validate()
    .is_ok());
}
