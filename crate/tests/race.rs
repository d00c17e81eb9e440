//! The race's promises (issue 15): a lane without changes is the plain run,
//! weight for weight; identical lanes stay identical; and no setting a lane
//! may change moves the data, the initial weights or the order in which the
//! examples are seen — so lanes differ by their settings alone.

use backprop_playground::link::flat_weights;
use backprop_playground::race::{Lane, LaneRun, Race, RACE_FIELDS};
use backprop_playground::{Config, DatasetKind, Feature, Playground, Regularization};

/// The spiral with every feature, dropout-free, augmented by jitter: the
/// jitter is drawn from the training order's stream each epoch, so the
/// augmented points show whether anything else drew from it.
fn spiral() -> Config {
    Config {
        dataset: DatasetKind::Spiral,
        features: Feature::ALL.to_vec(),
        hidden: vec![8, 8],
        learning_rate: 0.03,
        jitter: 0.1,
        ..Config::default()
    }
}

fn lane(changes: &[(&str, &str)]) -> Lane {
    let mut lane = Lane::default();
    for (field, text) in changes {
        lane.set(field, text).unwrap_or_else(|why| panic!("{why}"));
    }
    lane
}

fn lane_run(run: &Config, changes: &[(&str, &str)], weights: Option<&[f64]>) -> LaneRun {
    let config = lane(changes)
        .config(run)
        .unwrap_or_else(|why| panic!("{why}"));
    LaneRun::new(config, weights).expect("a lane of a valid run")
}

#[test]
fn a_lane_without_changes_is_the_plain_run_weight_for_weight() {
    let runs = [
        Config::default(),
        spiral(),
        Config {
            dropout: vec![0.3, 0.2],
            optimizer: backprop_playground::optimizer::OptimizerKind::Adam,
            batch_size: 7,
            ..spiral()
        },
    ];
    for run in runs {
        let mut plain = Playground::new(run.clone().validate().unwrap());
        let mut lane = lane_run(&run, &[], None);
        plain.step(40);
        // In uneven slices of batches: the same 40 epochs.
        while lane.playground().stats().epoch < 40 {
            lane.advance(3, 40);
        }
        assert_eq!(
            flat_weights(lane.playground().network()),
            flat_weights(plain.network())
        );
        assert_eq!(lane.playground().history(), plain.history());
    }
}

#[test]
fn a_lane_starts_from_the_runs_given_weights() {
    let run = spiral();
    let mut plain = Playground::new(run.clone().validate().unwrap());
    let given: Vec<f64> = flat_weights(plain.network())
        .iter()
        .map(|w| 0.5 * w + 0.01)
        .collect();
    plain
        .set_network(backprop_playground::link::network_from_flat(plain.network(), &given).unwrap())
        .unwrap();
    let mut lane = lane_run(&run, &[], Some(&given));
    plain.step(10);
    lane.advance(usize::MAX, 10);
    assert_eq!(
        flat_weights(lane.playground().network()),
        flat_weights(plain.network())
    );
}

#[test]
fn two_lanes_with_the_same_changes_stay_identical() {
    let run = spiral();
    let changes = [
        ("optimizer", "adam"),
        ("learningRate", "0.003"),
        ("dropout", "0.2,0.2"),
    ];
    let mut a = lane_run(&run, &changes, None);
    let mut b = lane_run(&run, &changes, None);
    a.advance(usize::MAX, 30);
    for _ in 0..30 {
        b.advance(usize::MAX, b.playground().stats().epoch + 1);
    }
    assert_eq!(
        flat_weights(a.playground().network()),
        flat_weights(b.playground().network())
    );
    assert_eq!(a.playground().history(), b.playground().history());
    assert_eq!(a.first_below(0.2), b.first_below(0.2));
}

/// A value other than the run's for each field a lane may change.
fn other_value(field: &str, train_points: usize) -> String {
    match field {
        "learningRate" => "0.1".into(),
        "batchSize" => train_points.to_string(),
        "optimizer" => "adam".into(),
        "momentum" | "rho" | "beta1" => "0.5".into(),
        "beta2" => "0.9".into(),
        "epsilon" => "0.001".into(),
        "schedule" => "stepDecay".into(),
        "decayEvery" => "1".into(),
        "decayFactor" => "0.9".into(),
        "plateauPatience" => "1".into(),
        "minLearningRate" => "0.01".into(),
        "regularization" => "l2".into(),
        "regularizationRate" => "0.01".into(),
        "dropout" => "0.5,0.5".into(),
        other => panic!("no other value for {other}"),
    }
}

#[test]
fn no_lane_setting_moves_the_data_the_initial_weights_or_the_order_of_examples() {
    let run = spiral();
    let train_points = run.clone().validate().unwrap().train_points();
    let mut plain = Playground::new(run.clone().validate().unwrap());
    let initial = flat_weights(plain.network());
    // The order of epoch e + 1 is drawn right after epoch e's augmentation:
    // equal augmented points at every epoch mean equal orders.
    let mut augmented = Vec::new();
    for _ in 0..3 {
        plain.step(1);
        augmented.push(plain.augmented_points().unwrap().into_owned());
    }
    for field in RACE_FIELDS {
        let text = other_value(field, train_points);
        // Each with the settings it needs to matter (μ with momentum, …).
        let mut changes = vec![(field, text.as_str())];
        match field {
            "momentum" => changes.push(("optimizer", "momentum")),
            "rho" => changes.push(("optimizer", "rmsProp")),
            "beta1" | "beta2" | "epsilon" => changes.push(("optimizer", "adam")),
            "schedule" => changes.push(("decayEvery", "1")),
            "decayEvery" => changes.push(("schedule", "stepDecay")),
            "decayFactor" | "minLearningRate" => {
                changes.extend([("schedule", "stepDecay"), ("decayEvery", "1")]);
            }
            "plateauPatience" => changes.push(("schedule", "reduceOnPlateau")),
            "regularization" => changes.push(("regularizationRate", "0.01")),
            "regularizationRate" => changes.push(("regularization", "l1")),
            _ => {}
        }
        let mut lane = lane_run(&run, &changes, None);
        let pg = lane.playground();
        assert_eq!(pg.points(), plain.points(), "{field}: the data");
        assert_eq!(pg.is_test(), plain.is_test(), "{field}: the split");
        assert_eq!(
            flat_weights(pg.network()),
            initial,
            "{field}: the initial weights"
        );
        for (epoch, expected) in augmented.iter().enumerate() {
            lane.advance(usize::MAX, epoch as u64 + 1);
            let seen = lane.playground().augmented_points().unwrap().into_owned();
            assert_eq!(&seen, expected, "{field}: the order of epoch {}", epoch + 1);
        }
        // And the change did change the run (a plateau's patience only once
        // the loss stops falling, which it does not in three epochs).
        if field == "plateauPatience" {
            continue;
        }
        assert_ne!(
            flat_weights(lane.playground().network()),
            flat_weights(plain.network()),
            "{field}"
        );
    }
}

#[test]
fn a_lane_that_changes_the_data_or_the_network_is_refused_by_name() {
    for (field, text) in [
        ("dataset", "xor"),
        ("hidden", "8,8"),
        ("seed", "2"),
        ("init", "he"),
    ] {
        let why = Lane::default().set(field, text).unwrap_err();
        assert_eq!(
            why,
            format!(
                "a lane may not change “{field}”: lanes share the run's data, network and seeds, \
                 and change only η, batch size, optimizer, schedule, penalty or dropout"
            )
        );
    }
    // Hand-built, past `set`: the race refuses it too, naming the lane.
    let race = Race {
        lanes: vec![Lane::default(), Lane(vec![("hidden".into(), "8".into())])],
        ..Race::default()
    };
    let why = race.configs(&Config::default()).unwrap_err();
    assert!(
        why.starts_with("Lane 2: a lane may not change “hidden”"),
        "{why}"
    );
}

#[test]
fn lanes_of_a_race_differ_by_their_settings_alone() {
    // The lesson's race: SGD, momentum and Adam on the spiral.
    let run = Config {
        regularization: Regularization::None,
        ..spiral()
    };
    let race = Race {
        lanes: vec![
            lane(&[]),
            lane(&[("optimizer", "momentum")]),
            lane(&[("optimizer", "adam")]),
        ],
        ..Race::default()
    };
    let configs = race.configs(&run).unwrap();
    let mut lanes: Vec<LaneRun> = configs
        .into_iter()
        .map(|c| LaneRun::new(c, None).unwrap())
        .collect();
    for lane in &mut lanes {
        lane.advance(usize::MAX, 20);
    }
    let losses: Vec<f64> = lanes
        .iter()
        .map(|l| l.playground().stats().train_loss)
        .collect();
    assert!(
        losses[0] != losses[1] && losses[1] != losses[2],
        "{losses:?}"
    );
}
