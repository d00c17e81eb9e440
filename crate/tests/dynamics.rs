//! The learning-dynamics features of the second course note, end to end:
//! optimizers, schedules, dropout, early stopping, augmentation,
//! initialisation and multi-class training.

use backprop_playground::init::InitScheme;
use backprop_playground::optimizer::OptimizerKind;
use backprop_playground::playground::StopReason;
use backprop_playground::regularization::Regularization;
use backprop_playground::rng::Pcg32;
use backprop_playground::schedule::ScheduleKind;
use backprop_playground::{Activation, Config, DatasetKind, Feature, Loss, Network, Playground};
use nalgebra::DMatrix;

fn run(config: Config) -> Playground {
    Playground::new(config.validate().expect("test configs are valid"))
}

#[test]
fn every_optimizer_trains_and_they_take_different_paths() {
    let mut finals = Vec::new();
    for optimizer in OptimizerKind::ALL {
        let mut pg = run(Config {
            dataset: DatasetKind::Xor,
            hidden: vec![6],
            optimizer,
            // Adadelta's published rule has no η: 1 is that rule.
            learning_rate: match optimizer {
                OptimizerKind::Sgd | OptimizerKind::Momentum | OptimizerKind::Nesterov => 0.03,
                OptimizerKind::Adadelta => 1.0,
                _ => 0.01,
            },
            // Adadelta's first steps are about √ε: the paper's ε = 1e-6.
            epsilon: if optimizer == OptimizerKind::Adadelta {
                1e-6
            } else {
                1e-8
            },
            // A small penalty, without which AdamW is Adam.
            regularization: Regularization::L2,
            regularization_rate: 0.001,
            ..Config::default()
        });
        let start = pg.stats().train_loss;
        let end = pg.step(150).train_loss;
        assert!(end < start / 2.0, "{optimizer:?}: {start} → {end}");
        finals.push(end);
    }
    for (i, a) in finals.iter().enumerate() {
        for b in &finals[i + 1..] {
            assert_ne!(a, b, "two optimizers gave the same run");
        }
    }
}

#[test]
fn optimizer_state_resets_with_the_network() {
    let config = Config {
        optimizer: OptimizerKind::Adam,
        learning_rate: 0.01,
        ..Config::default()
    };
    let mut pg = run(config.clone());
    let first = pg.step(20);
    pg.reset();
    assert_eq!(pg.step(20), first, "Adam's moments and t started over");
}

#[test]
fn step_decay_shows_the_current_learning_rate() {
    let mut pg = run(Config {
        schedule: ScheduleKind::StepDecay,
        decay_every: 10,
        decay_factor: 0.5,
        learning_rate: 0.1,
        ..Config::default()
    });
    assert_eq!(pg.step(9).learning_rate, 0.1);
    assert_eq!(pg.step(1).learning_rate, 0.05);
    assert_eq!(pg.step(10).learning_rate, 0.025);
}

#[test]
fn dropout_masks_come_from_the_seed_and_are_absent_at_evaluation() {
    let mut rng = Pcg32::new(3, 9);
    let network = Network::random(
        &[2, 16, 1],
        &[Activation::Tanh, Activation::Sigmoid],
        InitScheme::Uniform,
        0.5,
        0.0,
        &mut rng,
    );
    let inputs = DMatrix::from_fn(50, 2, |i, j| (i * 2 + j) as f64 / 100.0);
    let rates = [0.5, 0.0];
    let pass =
        |seed| network.forward_with_dropout(inputs.clone(), &rates, Some(&mut Pcg32::new(seed, 3)));
    let (a, b, c) = (pass(1), pass(1), pass(2));
    let mask = a.masks[0].as_ref().expect("the hidden layer has a mask");
    assert_eq!(Some(mask), b.masks[0].as_ref(), "same seed, same mask");
    assert_ne!(
        Some(mask),
        c.masks[0].as_ref(),
        "another seed, another mask"
    );
    assert!(a.masks[1].is_none(), "the output layer never drops");
    // Inverted dropout: kept units are scaled by 1/(1 − p) = 2; about half are dropped.
    assert!(mask.iter().all(|&m| m == 0.0 || m == 2.0));
    let dropped = mask.iter().filter(|&&m| m == 0.0).count() as f64 / mask.len() as f64;
    assert!((dropped - 0.5).abs() < 0.1, "dropped {dropped}");
    // Evaluation: no masks at all, and the same output every time.
    let eval = network.forward(inputs.clone());
    assert!(eval.masks.is_empty());
    assert_eq!(eval.prediction(), network.forward(inputs).prediction());
}

#[test]
fn dropout_changes_training_but_not_evaluation() {
    let base = Config {
        dataset: DatasetKind::Circle,
        hidden: vec![8, 8],
        ..Config::default()
    };
    let mut plain = run(base.clone());
    let mut dropped = run(Config {
        dropout: vec![0.3, 0.3],
        ..base
    });
    assert_eq!(
        plain.stats(),
        dropped.stats(),
        "before training, evaluation is identical"
    );
    assert_ne!(plain.step(5).train_loss, dropped.step(5).train_loss);
}

#[test]
fn early_stopping_restores_the_best_weights() {
    // Many units, few noisy points: the test loss turns up as the network overfits.
    let mut pg = run(Config {
        dataset: DatasetKind::Xor,
        num_points: Some(40),
        noise: 50.0,
        features: Feature::ALL.to_vec(),
        hidden: vec![16, 16],
        learning_rate: 0.1,
        batch_size: 5,
        patience: 30,
        ..Config::default()
    });
    let mut best: Option<(f64, u64, Network)> = None;
    let stats = loop {
        let stats = pg.step(1);
        if stats.stopped.is_some() {
            break stats;
        }
        if best
            .as_ref()
            .is_none_or(|(loss, _, _)| stats.test_loss < *loss)
        {
            best = Some((stats.test_loss, stats.epoch, pg.network().clone()));
        }
        assert!(stats.epoch < 5000, "never stopped");
    };
    let (best_loss, best_epoch, best_network) = best.expect("trained at least one epoch");
    assert_eq!(
        stats.stopped,
        Some(StopReason::NoImprovement {
            patience: 30,
            best_epoch
        })
    );
    assert_eq!(
        pg.network(),
        &best_network,
        "the best epoch's weights are back"
    );
    assert_eq!(stats.test_loss, best_loss);
    // Stopped means stopped, until resumed.
    assert_eq!(pg.step(10).epoch, stats.epoch);
    pg.resume();
    assert_eq!(pg.step(1).epoch, stats.epoch + 1);
}

#[test]
fn loss_threshold_and_max_epochs_stop_training() {
    let mut pg = run(Config {
        dataset: DatasetKind::Gauss,
        loss_threshold: 0.05,
        ..Config::default()
    });
    let stats = pg.step(1000);
    assert!(stats.train_loss < 0.05 && stats.epoch < 1000, "{stats:?}");
    assert_eq!(
        stats.stopped,
        Some(StopReason::LossBelowThreshold { threshold: 0.05 })
    );

    let mut pg = run(Config {
        max_epochs: 37,
        ..Config::default()
    });
    let stats = pg.step(100);
    assert_eq!(stats.epoch, 37);
    assert_eq!(stats.stopped, Some(StopReason::MaxEpochs { max: 37 }));
    assert!(stats.stopped.unwrap().message().contains("37 epochs"));
}

#[test]
fn augmentation_moves_training_points_only_and_is_seeded() {
    let config = Config {
        dataset: DatasetKind::Gauss,
        jitter: 0.3,
        rotation: 20.0,
        scaling: 0.1,
        ..Config::default()
    };
    let mut a = run(config.clone());
    let mut b = run(config.clone());
    let preview = a.augmented_points().unwrap().to_vec();
    a.step(1);
    b.step(1);
    let (pa, pb) = (
        a.augmented_points().unwrap().to_vec(),
        b.augmented_points().unwrap().to_vec(),
    );
    assert_eq!(pa, pb, "same seed, same augmentation");
    assert_eq!(
        preview, pa,
        "before the first epoch: the points the first epoch trains on"
    );
    assert_eq!(pa.len(), a.train_set().len(), "only the training points");
    let originals: Vec<(f64, f64)> = a.training_points().iter().map(|p| (p.x1, p.x2)).collect();
    let moved = pa.iter().zip(&originals).filter(|(x, y)| x != y).count();
    assert_eq!(moved, originals.len());
    a.step(1);
    assert_ne!(
        a.augmented_points().unwrap().to_vec(),
        pa,
        "redrawn every epoch"
    );
    // Test points and the test loss are measured on the originals.
    let mut plain = run(Config {
        jitter: 0.0,
        rotation: 0.0,
        scaling: 0.0,
        ..config
    });
    assert_eq!(plain.test_set().inputs, a.test_set().inputs);
    plain.step(1);
    assert!(plain.augmented_points().is_none());
}

#[test]
fn all_equal_initial_weights_keep_the_units_of_a_layer_identical() {
    // The notes: "if we start with all-equal weights, all neurons will learn the same thing".
    let mut pg = run(Config {
        dataset: DatasetKind::Xor,
        hidden: vec![4, 3],
        init: InitScheme::Equal,
        init_range: 0.3,
        ..Config::default()
    });
    pg.step(50);
    for layer in &pg.network().layers[..2] {
        for column in layer.weights.column_iter() {
            assert_eq!(
                column,
                layer.weights.column(0),
                "every unit has the same incoming weights"
            );
        }
        assert!(layer.biases.iter().all(|&b| b == layer.biases[0]));
    }
    // And it has learned nothing about XOR, which needs units that differ.
    assert!(pg.stats().test_accuracy.unwrap() < 0.8);
}

#[test]
fn a_three_arm_spiral_is_learned_with_softmax() {
    let mut pg = run(Config {
        dataset: DatasetKind::Spiral3,
        features: Feature::ALL.to_vec(),
        hidden: vec![12, 12, 12],
        loss: Loss::SoftmaxCrossEntropy,
        optimizer: OptimizerKind::Adam,
        learning_rate: 0.01,
        ..Config::default()
    });
    assert_eq!(pg.outputs(), 3);
    let stats = pg.step(400);
    assert!(stats.test_accuracy.unwrap() >= 0.9, "{stats:?}");
    pg.evaluate_grid(20);
    let map = pg.decision_heatmap(true).unwrap();
    let mut colours: Vec<&[u8]> = map.chunks(4).collect();
    colours.sort_unstable();
    colours.dedup();
    assert_eq!(colours.len(), 3, "each class has its own colour");
}

#[test]
fn squared_error_on_one_hot_targets_trains_k_sigmoid_outputs() {
    let mut pg = run(Config {
        dataset: DatasetKind::Blobs,
        classes: 4,
        hidden: vec![6],
        learning_rate: 0.3,
        ..Config::default()
    });
    assert_eq!(pg.outputs(), 4);
    assert_eq!(pg.network().layers[1].activation, Activation::Sigmoid);
    assert!(pg.step(100).test_accuracy.unwrap() > 0.9);
}

#[test]
fn regenerating_data_keeps_the_network() {
    let mut pg = run(Config::default());
    pg.step(5);
    let network = pg.network().clone();
    let points = pg.points().to_vec();
    pg.regenerate_data(99);
    assert_eq!(pg.network(), &network);
    assert_ne!(pg.points(), points.as_slice());
    assert_eq!(pg.config().get().data_seed, 99);
    assert_eq!(pg.stats().epoch, 5);
}

#[test]
fn regenerating_unmeasured_then_measuring_is_regenerating() {
    let mut measured = run(Config::default());
    measured.step(5);
    let mut later = measured.clone();
    measured.regenerate_data(99);
    later.regenerate_data_unmeasured(99);
    assert_eq!(later.points(), measured.points());
    assert_ne!(
        later.stats(),
        measured.stats(),
        "the losses are the old data's until measured"
    );
    later.measure();
    assert_eq!(later.stats(), measured.stats());
    assert_eq!(later.history(), measured.history());
    measured.step(3);
    later.step(3);
    assert_eq!(later.network(), measured.network());
}

#[test]
fn the_step_activation_stalls_gradient_descent() {
    let mut pg = run(Config {
        hidden: vec![4],
        activation: Activation::Step,
        ..Config::default()
    });
    let first_layer = pg.network().layers[0].clone();
    pg.step(20);
    assert_eq!(
        pg.network().layers[0].weights,
        first_layer.weights,
        "no gradient reaches the first layer"
    );
}

#[test]
fn a_strong_l2_penalty_trains_smaller_weights_than_none() {
    let squared = |regularization| {
        let mut pg = run(Config {
            regularization,
            regularization_rate: 0.3,
            ..Config::default()
        });
        pg.step(30);
        let layers = &pg.network().layers;
        layers.iter().map(|l| l.weights.norm_squared()).sum::<f64>()
    };
    let (l2, plain) = (squared(Regularization::L2), squared(Regularization::None));
    assert!(l2 < plain, "Σw² with L2 {l2}, without {plain}");
}
