//! A change of settings during a run: training settings carry the run on from
//! its weights and epoch, anything that makes another network or other data
//! is another run.

use backprop_playground::link::CONFIG_FIELDS;
use backprop_playground::optimizer::OptimizerKind;
use backprop_playground::playground::{StopReason, TRAINING_FIELDS};
use backprop_playground::schedule::ScheduleKind;
use backprop_playground::{Config, DatasetKind, Playground};

fn run(config: Config) -> Playground {
    Playground::new(config.validate().expect("test configs are valid"))
}

fn base() -> Config {
    Config {
        dataset: DatasetKind::Xor,
        hidden: vec![5, 3],
        optimizer: OptimizerKind::Momentum,
        learning_rate: 0.03,
        batch_size: 7,
        ..Config::default()
    }
}

#[test]
fn a_new_learning_rate_carries_the_run_on_from_its_weights_and_epoch() {
    let mut pg = run(base());
    pg.step(20);
    let weights = pg.network().clone();
    let history = pg.history().len();
    let slower = Config {
        learning_rate: 0.005,
        ..base()
    };
    assert_eq!(pg.continue_with(slower.clone().validate().unwrap()), Ok(()));
    assert_eq!(pg.stats().epoch, 20, "the epoch count goes on");
    assert_eq!(pg.network(), &weights, "the weights are kept");
    assert_eq!(pg.history().len(), history, "the loss curve is kept");
    assert_eq!(pg.stats().learning_rate, 0.005, "η now is the new one");
    assert_eq!(pg.config().get(), &slower);
    let stats = pg.step(5);
    assert_eq!(stats.epoch, 25);
    // Not a restart: a fresh run with the new η is somewhere else.
    let mut fresh = run(slower);
    fresh.step(25);
    assert_ne!(pg.network(), fresh.network());
}

#[test]
fn an_unchanged_config_leaves_the_run_exactly_as_it_would_have_gone() {
    let mut interrupted = run(base());
    let mut straight = run(base());
    interrupted.step(7);
    assert_eq!(
        interrupted.continue_with(base().validate().unwrap()),
        Ok(())
    );
    interrupted.step(8);
    straight.step(15);
    assert_eq!(interrupted.network(), straight.network(), "bit for bit");
    assert_eq!(interrupted.stats(), straight.stats());
}

#[test]
fn the_optimizer_keeps_its_state_unless_its_kind_changes() {
    // Same kind, same hyperparameters written again: momentum's Δw_{t−1}
    // survives, so the run matches one never touched.
    let mut kept = run(base());
    kept.step(3);
    kept.continue_with(base().validate().unwrap()).unwrap();
    kept.step(1);
    let mut straight = run(base());
    straight.step(4);
    assert_eq!(kept.network(), straight.network());
    // Another kind starts fresh: Adam → momentum after 3 epochs goes on as
    // if momentum's Δw_{t−1} were 0 (Adam's m is not taken for it).
    let adam = Config {
        optimizer: OptimizerKind::Adam,
        ..base()
    };
    let mut switched = run(adam.clone());
    switched.step(3);
    let weights = switched.network().clone();
    switched.continue_with(base().validate().unwrap()).unwrap();
    let mut fresh = run(adam);
    fresh.step(3);
    fresh.continue_with(base().validate().unwrap()).unwrap();
    fresh.set_network(weights).unwrap(); // a fresh optimizer state, same weights
    switched.step(2);
    fresh.step(2);
    assert_eq!(switched.network(), fresh.network());
}

#[test]
fn data_and_shape_changes_are_another_run_and_change_nothing() {
    let mut pg = run(base());
    pg.step(10);
    let before = pg.network().clone();
    for (config, field) in [
        (
            Config {
                dataset: DatasetKind::Circle,
                ..base()
            },
            "dataset",
        ),
        (
            Config {
                hidden: vec![5, 4],
                ..base()
            },
            "hidden",
        ),
        (Config { seed: 9, ..base() }, "seed"),
        (
            Config {
                noise: 10.0,
                ..base()
            },
            "noise",
        ),
        (
            Config {
                init_range: 0.2,
                ..base()
            },
            "initRange",
        ),
    ] {
        assert_eq!(
            pg.continue_with(config.validate().unwrap()),
            Err(vec![field.to_owned()])
        );
        assert_eq!(pg.network(), &before);
        assert_eq!(pg.stats().epoch, 10);
        assert_eq!(pg.config().get(), &base());
    }
}

#[test]
fn the_point_count_written_out_is_the_same_run() {
    let mut pg = run(base());
    let counted = Config {
        num_points: Some(pg.config().num_points()),
        learning_rate: 0.1,
        ..base()
    };
    assert_eq!(pg.continue_with(counted.validate().unwrap()), Ok(()));
}

#[test]
fn raising_the_epoch_limit_lifts_its_stop_and_a_limit_already_reached_holds() {
    let limited = Config {
        max_epochs: 10,
        ..base()
    };
    let mut pg = run(limited.clone());
    assert_eq!(pg.step(50).epoch, 10);
    assert!(pg.stats().stopped.is_some());
    pg.continue_with(
        Config {
            learning_rate: 0.01,
            ..limited
        }
        .validate()
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        pg.stats().stopped,
        Some(StopReason::MaxEpochs { max: 10 }),
        "still at the limit"
    );
    pg.continue_with(
        Config {
            max_epochs: 20,
            ..base()
        }
        .validate()
        .unwrap(),
    )
    .unwrap();
    assert_eq!(pg.stats().stopped, None);
    assert_eq!(pg.step(50).epoch, 20);
}

#[test]
fn a_step_decay_chosen_later_is_as_far_along_as_the_epoch_count() {
    let mut pg = run(base());
    pg.step(25);
    pg.continue_with(
        Config {
            schedule: ScheduleKind::StepDecay,
            decay_every: 10,
            decay_factor: 0.5,
            min_learning_rate: 0.0,
            ..base()
        }
        .validate()
        .unwrap(),
    )
    .unwrap();
    assert_eq!(pg.stats().learning_rate, 0.03 * 0.25);
}

#[test]
fn every_training_field_is_a_field_of_the_config() {
    let names = Config::default().changed_fields(&Config {
        dataset: DatasetKind::Spiral,
        ..Config::default()
    });
    assert_eq!(names, ["dataset"]);
    for field in TRAINING_FIELDS {
        assert!(
            CONFIG_FIELDS.contains(&field),
            "{field} is not a config field"
        );
    }
}
