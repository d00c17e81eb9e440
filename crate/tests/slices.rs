//! Long epochs trained a few batches at a time (`step_batches`, what the
//! engine does so it can pause between two batches) are the run trained
//! whole, bit for bit; anything else that changes the run ends the epoch
//! under way.

use backprop_playground::optimizer::OptimizerKind;
use backprop_playground::playground::StopReason;
use backprop_playground::schedule::ScheduleKind;
use backprop_playground::{Activation, Config, DatasetKind, Feature, Playground, Regularization};

fn run(config: &Config) -> Playground {
    Playground::new(config.clone().validate().expect("test configs are valid"))
}

/// Adam, dropout and augmentation: every use of the generator in an epoch.
fn adam_dropout_augmented() -> Config {
    Config {
        dataset: DatasetKind::Spiral,
        features: Feature::ALL.to_vec(),
        hidden: vec![6, 5],
        batch_size: 7,
        optimizer: OptimizerKind::Adam,
        learning_rate: 0.01,
        dropout: vec![0.2, 0.1],
        jitter: 0.1,
        rotation: 10.0,
        seed: 5,
        ..Config::default()
    }
}

/// Momentum, a step schedule, L2: state carried from batch to batch and
/// epoch to epoch.
fn momentum_scheduled() -> Config {
    Config {
        dataset: DatasetKind::Xor,
        hidden: vec![4],
        batch_size: 3,
        optimizer: OptimizerKind::Momentum,
        momentum: 0.9,
        schedule: ScheduleKind::StepDecay,
        decay_every: 3,
        regularization: Regularization::L2,
        regularization_rate: 0.001,
        ..Config::default()
    }
}

/// Trains to the end of epoch `epochs` in calls of at most `slice` batches,
/// never past that epoch's last batch.
fn train_in_slices(pg: &mut Playground, epochs: u64, slice: usize) {
    let batches = pg.train_set().len().div_ceil(pg.config().get().batch_size);
    let mut calls = 0;
    while pg.stats().epoch < epochs && pg.stats().stopped.is_none() {
        let left = pg.epoch_progress().map_or(batches, |(done, of)| of - done);
        pg.step_batches(slice.min(left));
        calls += 1;
        assert!(calls < 100_000, "no progress");
    }
}

fn assert_same_run(a: &Playground, b: &Playground) {
    assert_eq!(a.network(), b.network());
    assert_eq!(a.stats().epoch, b.stats().epoch);
    assert_eq!(
        a.stats().train_loss.to_bits(),
        b.stats().train_loss.to_bits()
    );
    assert_eq!(
        a.stats().learning_rate.to_bits(),
        b.stats().learning_rate.to_bits()
    );
    assert_eq!(a.history(), b.history());
    assert_eq!(a.trainer_state(), b.trainer_state());
    assert_eq!(a.gradient_flow().history(), b.gradient_flow().history());
    assert_eq!(
        a.gradient_flow().node_deltas(),
        b.gradient_flow().node_deltas()
    );
    assert_eq!(a.augmented_points(), b.augmented_points());
}

#[test]
fn a_run_trained_in_slices_of_batches_is_the_run_trained_whole() {
    for config in [adam_dropout_augmented(), momentum_scheduled()] {
        let mut whole = run(&config);
        whole.step(12);
        for slice in [1, 2, 5, 13, 1000] {
            let mut sliced = run(&config);
            train_in_slices(&mut sliced, 12, slice);
            assert_eq!(sliced.epoch_progress(), None);
            assert_same_run(&whole, &sliced);
            // And it goes on as the whole run goes on.
            let (mut a, mut b) = (whole.clone(), sliced);
            a.step(3);
            b.step(3);
            assert_same_run(&a, &b);
        }
    }
}

#[test]
fn an_epoch_counts_when_its_last_batch_is_trained() {
    let config = momentum_scheduled();
    let mut pg = run(&config);
    let batches = pg.train_set().len().div_ceil(config.batch_size);
    let stats = pg.step_batches(batches - 1);
    assert_eq!(stats.epoch, 0);
    assert_eq!(pg.epoch_progress(), Some((batches - 1, batches)));
    assert_eq!(pg.history().len(), 1, "only epoch 0 is recorded");
    let stats = pg.step_batches(1);
    assert_eq!(stats.epoch, 1);
    assert_eq!(pg.epoch_progress(), None);
    // Two epochs and a half in one call.
    let stats = pg.step_batches(2 * batches + batches / 2);
    assert_eq!(stats.epoch, 3);
    assert_eq!(pg.epoch_progress(), Some((batches / 2, batches)));
}

#[test]
fn step_finishes_the_epoch_under_way_as_its_first() {
    let config = adam_dropout_augmented();
    let mut whole = run(&config);
    whole.step(2);
    let mut paused = run(&config);
    paused.step_batches(4);
    paused.step(2);
    assert_same_run(&whole, &paused);
}

#[test]
fn a_divergence_found_in_a_slice_is_the_divergence_found_whole() {
    let config = Config {
        dataset: DatasetKind::Plane,
        features: Feature::ALL.to_vec(),
        hidden: vec![8, 8],
        activation: Activation::Relu,
        learning_rate: 10.0,
        batch_size: 1,
        ..Config::default()
    };
    let mut whole = run(&config);
    whole.step(50);
    let mut sliced = run(&config);
    train_in_slices(&mut sliced, 50, 7);
    let (a, b) = (whole.stats(), sliced.stats());
    assert!(matches!(a.stopped, Some(StopReason::Diverged(_))), "{a:?}");
    assert_eq!(a.stopped, b.stopped);
    assert_eq!(whole.network(), sliced.network());
    assert!(sliced.network().is_finite());
    assert_eq!(sliced.epoch_progress(), None);
}

#[test]
fn the_stopping_rules_stop_a_sliced_run_where_they_stop_a_whole_one() {
    let config = Config {
        max_epochs: 4,
        ..momentum_scheduled()
    };
    let mut whole = run(&config);
    whole.step(10);
    let mut sliced = run(&config);
    for _ in 0..100 {
        sliced.step_batches(5);
    }
    assert_eq!(
        sliced.stats().stopped,
        Some(StopReason::MaxEpochs { max: 4 })
    );
    assert_same_run(&whole, &sliced);
}

#[test]
fn an_edit_or_a_new_setting_ends_the_epoch_under_way_where_it_is() {
    let config = momentum_scheduled();
    let batches = run(&config).train_set().len().div_ceil(config.batch_size);

    let mut edited = run(&config);
    edited.step_batches(2);
    let moved = edited.network().clone();
    edited.set_bias(1, 0, 0.5).expect("a valid edit");
    assert_eq!(edited.epoch_progress(), None);
    assert_eq!(
        edited.stats().epoch,
        0,
        "the unfinished epoch is not counted"
    );
    assert_ne!(&moved, run(&config).network(), "its batches stay trained");
    edited.step_batches(1);
    assert_eq!(
        edited.epoch_progress(),
        Some((1, batches)),
        "a new epoch begins"
    );

    let mut retuned = run(&config);
    retuned.step_batches(2);
    let slower = Config {
        learning_rate: config.learning_rate / 10.0,
        ..config.clone()
    };
    retuned
        .continue_with(slower.validate().expect("valid"))
        .expect("η only steers training");
    assert_eq!(retuned.epoch_progress(), None);

    let mut reset = run(&config);
    reset.step_batches(2);
    reset.reset();
    assert_eq!(reset.epoch_progress(), None);
    reset.step(3);
    let mut fresh = run(&config);
    fresh.step(3);
    assert_same_run(&fresh, &reset);
}
