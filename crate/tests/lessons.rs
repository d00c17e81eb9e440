//! Every lesson shows what its caption says. Each test trains the lesson's
//! own settings (and, where the caption asks for a comparison, the variant
//! it suggests) and checks the claim in numbers.

use backprop_playground::optimizer::OptimizerKind;
use backprop_playground::playground::StopReason;
use backprop_playground::race::{self, LaneRun};
use backprop_playground::{lessons, search};
use backprop_playground::{Activation, Config, Playground};

fn config(id: &str) -> Config {
    let lesson = lessons::find(id).unwrap_or_else(|| panic!("no lesson {id}"));
    (lesson.config)()
}

fn run(config: Config, epochs: u32) -> Playground {
    let mut pg = Playground::new(config.validate().expect("a lesson's config is valid"));
    pg.step(epochs);
    pg
}

/// Epochs whose training loss was higher than the epoch before.
fn upticks(pg: &Playground) -> usize {
    pg.history()
        .windows(2)
        .filter(|w| w[1].train_loss > w[0].train_loss)
        .count()
}

fn lowest_test_loss(pg: &Playground) -> f64 {
    pg.history()
        .iter()
        .map(|h| h.test_loss)
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn a_perceptron_cannot_learn_xor_but_a_2_2_1_network_can() {
    let perceptron = run(config("perceptron-xor"), 1000);
    let s = perceptron.stats();
    assert_eq!(perceptron.network().sizes(), vec![2, 1]);
    // One line gets at most three corners of four right.
    assert!(s.train_accuracy.unwrap() <= 0.8, "{s:?}");
    assert!(s.train_loss > 0.05, "{s:?}");

    let network = run(config("xor-2-2-1"), 300);
    let s = network.stats();
    assert_eq!(network.network().sizes(), vec![2, 2, 1]);
    assert_eq!(s.train_accuracy, Some(1.0), "{s:?}");
    assert_eq!(s.test_accuracy, Some(1.0), "{s:?}");
    assert!(s.train_loss < 0.01, "{s:?}");
}

#[test]
fn eta_too_large_diverges_and_the_suggested_eta_does_not() {
    let pg = run(config("eta-too-large"), 50);
    let s = pg.stats();
    assert!(
        matches!(&s.stopped, Some(StopReason::Diverged(d)) if d.epoch <= 10),
        "{s:?}"
    );
    let fixed = run(
        Config {
            learning_rate: 0.03,
            ..config("eta-too-large")
        },
        200,
    );
    let first = fixed.history()[0].train_loss;
    assert!(fixed.stats().stopped.is_none());
    assert!(
        fixed.stats().train_loss < 0.5 * first,
        "{:?}",
        fixed.stats()
    );
}

#[test]
fn eta_too_small_crawls_where_the_suggested_eta_learns() {
    let slow = run(config("eta-too-small"), 500);
    let first = slow.history()[0].train_loss;
    let drop = (first - slow.stats().train_loss) / first;
    assert!((0.0..0.01).contains(&drop), "the loss fell by {drop}");
    let usual = run(
        Config {
            learning_rate: 0.03,
            ..config("eta-too-small")
        },
        500,
    );
    assert!(
        usual.stats().train_loss < 0.5 * first,
        "{:?}",
        usual.stats()
    );
}

#[test]
fn momentum_moves_faster_than_plain_descent_and_jitters_less_than_a_larger_eta() {
    let momentum = run(config("momentum"), 500);
    let at = |pg: &Playground, epoch: usize| pg.history()[epoch].train_loss;
    let plain = run(
        Config {
            optimizer: OptimizerKind::Sgd,
            ..config("momentum")
        },
        500,
    );
    assert!(
        at(&momentum, 100) < 0.01,
        "momentum at epoch 100: {}",
        at(&momentum, 100)
    );
    assert!(
        at(&plain, 100) > 0.1,
        "plain descent at epoch 100: {}",
        at(&plain, 100)
    );
    let larger = run(
        Config {
            optimizer: OptimizerKind::Sgd,
            learning_rate: 0.3,
            ..config("momentum")
        },
        500,
    );
    assert!(
        at(&larger, 100) < 0.01,
        "plain descent with η = 0.3 keeps up"
    );
    assert!(
        upticks(&momentum) < upticks(&larger),
        "momentum went up {} times, plain descent with η = 0.3 {} times",
        upticks(&momentum),
        upticks(&larger)
    );
}

#[test]
fn all_equal_initial_weights_keep_the_units_identical() {
    let pg = run(config("equal-weights"), 500);
    let network = pg.network();
    let hidden = &network.layers[..network.layers.len() - 1];
    for (l, layer) in hidden.iter().enumerate() {
        for j in 1..layer.units() {
            assert_eq!(
                layer.weights.column(j),
                layer.weights.column(0),
                "layer {l}, unit {j}"
            );
            assert_eq!(layer.biases[j], layer.biases[0]);
        }
    }
    assert!(pg.stats().train_accuracy.unwrap() < 0.8, "{:?}", pg.stats());
    // The suggested fix learns.
    let uniform = run(
        Config {
            init: backprop_playground::init::InitScheme::Uniform,
            ..config("equal-weights")
        },
        500,
    );
    assert!(
        uniform.stats().train_accuracy.unwrap() > 0.95,
        "{:?}",
        uniform.stats()
    );
}

#[test]
fn many_units_overfit_and_l2_dropout_and_early_stopping_help() {
    let overfit = run(config("overfit"), 3000);
    let s = overfit.stats();
    let best = lowest_test_loss(&overfit);
    assert!(s.train_loss < 0.01, "{s:?}");
    assert!(
        s.test_loss > 1.5 * best,
        "the test loss did not rise: {s:?}, lowest {best}"
    );

    let l2 = run(config("overfit-l2"), 3000).stats();
    assert!(l2.train_loss > s.train_loss, "L2 {l2:?} vs {s:?}");
    assert!(l2.test_loss < 0.6 * s.test_loss, "L2 {l2:?} vs {s:?}");

    let dropout = run(config("overfit-dropout"), 3000).stats();
    assert!(
        dropout.test_loss < 0.6 * s.test_loss,
        "dropout {dropout:?} vs {s:?}"
    );

    let early = run(config("early-stopping"), 3000).stats();
    assert!(
        matches!(
            early.stopped,
            Some(StopReason::NoImprovement { patience: 50, .. })
        ),
        "{early:?}"
    );
    assert!(early.epoch < 1000, "{early:?}");
    assert!(
        early.test_loss < 0.6 * s.test_loss,
        "early {early:?} vs {s:?}"
    );
}

#[test]
fn a_deep_sigmoid_stack_learns_slowly_because_its_first_layers_hardly_move() {
    let lesson = config("vanishing-gradients");
    let mut pg = Playground::new(lesson.clone().validate().unwrap());
    let start = pg.network().clone();
    pg.step(100);
    let rms_change = |l: usize| {
        let (a, b) = (&start.layers[l].weights, &pg.network().layers[l].weights);
        (b - a).norm() / (a.len() as f64).sqrt()
    };
    let last = start.layers.len() - 1;
    assert!(
        rms_change(0) < 0.2 * rms_change(last),
        "first layer moved {}, last {}",
        rms_change(0),
        rms_change(last)
    );
    pg.step(200);
    assert!(pg.stats().train_loss > 0.12, "no plateau: {:?}", pg.stats());
    pg.step(1700);
    assert!(
        pg.stats().train_loss < 0.01,
        "it never learned: {:?}",
        pg.stats()
    );
    // The caption's comparison: tanh in the same stack is long done by epoch 300.
    let tanh = run(
        Config {
            activation: Activation::Tanh,
            ..lesson
        },
        300,
    );
    assert!(tanh.stats().train_loss < 0.01, "{:?}", tanh.stats());
}

#[test]
fn three_hidden_units_draw_three_different_edges_around_the_circle() {
    let pg = run(config("hidden-detectors"), 1000);
    assert!(pg.stats().test_accuracy.unwrap() > 0.95, "{:?}", pg.stats());
    let first = &pg.network().layers[0];
    assert_eq!(first.units(), 3);
    // Each unit's edge is the line w_1j x₁ + w_2j x₂ + w_0j = 0; their
    // normals point in clearly different directions.
    let angle = |j: usize| first.weights[(1, j)].atan2(first.weights[(0, j)]);
    for (a, b) in [(0, 1), (0, 2), (1, 2)] {
        let mut d = (angle(a) - angle(b)).abs() % std::f64::consts::TAU;
        if d > std::f64::consts::PI {
            d = std::f64::consts::TAU - d;
        }
        assert!(
            d > 0.35,
            "units {a} and {b} draw nearly the same edge ({d} rad)"
        );
    }
}

#[test]
fn from_seed_1_xor_settles_in_a_local_minimum_that_restarts_leave() {
    let stuck = run(config("local-minimum"), 1500);
    let s = stuck.stats();
    assert!(s.train_accuracy.unwrap() < 1.0, "{s:?}");
    assert!((0.05..0.08).contains(&s.train_loss), "{s:?}");
    // Settled: the last 500 epochs hardly moved the loss.
    let at = |epoch: usize| stuck.history()[epoch].train_loss;
    assert!(
        (at(1000) - at(1500)).abs() < 1e-3,
        "{} → {}",
        at(1000),
        at(1500)
    );
    // Ten random restarts (the page's seeds): most reach zero error.
    let solved = search::restart_seeds(1, 10)
        .into_iter()
        .filter(|&seed| {
            let s = run(
                Config {
                    seed,
                    ..config("local-minimum")
                },
                1500,
            )
            .stats();
            s.train_accuracy == Some(1.0) && s.train_loss < 0.01
        })
        .count();
    assert!(solved >= 5, "{solved} of 10 restarts reached zero error");
}

#[test]
fn momentum_goes_uphill_for_a_moment_and_ends_far_lower_than_plain_descent() {
    let momentum = run(config("momentum-bumps"), 300);
    let plain = run(
        Config {
            optimizer: OptimizerKind::Sgd,
            ..config("momentum-bumps")
        },
        300,
    );
    assert!(upticks(&momentum) > 0, "momentum never went uphill");
    assert_eq!(upticks(&plain), 0, "plain descent went uphill");
    let (m, p) = (momentum.stats().train_loss, plain.stats().train_loss);
    assert!(m < 0.001 && p > 0.01, "momentum {m}, plain descent {p}");
}

#[test]
fn a_large_eta_zig_zags_a_smaller_one_descends_smoothly_and_lower() {
    let large = run(config("overshoot"), 300);
    let smaller = run(
        Config {
            learning_rate: 0.3,
            ..config("overshoot")
        },
        300,
    );
    assert!(large.stats().stopped.is_none(), "{:?}", large.stats());
    assert!(
        upticks(&large) > 100,
        "η = 1 went up {} times",
        upticks(&large)
    );
    assert_eq!(upticks(&smaller), 0);
    assert!(smaller.stats().train_loss < large.stats().train_loss);
    let diverging = run(
        Config {
            learning_rate: 1.5,
            ..config("overshoot")
        },
        300,
    );
    assert!(
        matches!(diverging.stats().stopped, Some(StopReason::Diverged(_))),
        "{:?}",
        diverging.stats()
    );
}

/// Runs a race lesson to its finish: each lane's first epoch at or below
/// the lesson's target, and whether it diverged.
fn race(id: &str) -> Vec<(Option<u64>, bool)> {
    let lesson = lessons::find(id).unwrap_or_else(|| panic!("no lesson {id}"));
    let race = (lesson.race.expect("a race lesson"))();
    race.configs(&(lesson.config)())
        .expect("a race lesson's lanes run")
        .into_iter()
        .map(|config| {
            let mut lane = LaneRun::new(config, None).expect("a lane");
            lane.advance(usize::MAX, race.epochs);
            let diverged = matches!(
                lane.playground().stats().stopped,
                Some(StopReason::Diverged(_))
            );
            (lane.first_below(race.target), diverged)
        })
        .collect()
}

#[test]
fn in_the_optimizers_race_adam_arrives_first_momentum_next_and_sgd_not_at_all() {
    let lanes = race("race-optimizers");
    let (sgd, momentum, adam) = (lanes[0].0, lanes[1].0, lanes[2].0);
    assert_eq!(sgd, None, "{lanes:?}");
    assert!(adam.zip(momentum).is_some_and(|(a, m)| a < m), "{lanes:?}");
}

#[test]
fn in_the_eta_race_the_small_eta_crawls_the_usual_one_arrives_and_eta_3_diverges() {
    let lanes = race("race-eta");
    assert_eq!(lanes[0], (None, false), "η = 0.003: {lanes:?}");
    assert!(
        lanes[1].0.is_some_and(|e| e < 100) && !lanes[1].1,
        "η = 0.03: {lanes:?}"
    );
    assert!(lanes[2].1, "η = 3 diverges: {lanes:?}");
}

#[test]
fn in_the_batch_race_batch_1_arrives_first_and_the_full_batch_hardly_moves() {
    let lanes = race("race-batch");
    let (one, ten, full) = (lanes[0].0, lanes[1].0, lanes[2].0);
    assert!(one.zip(ten).is_some_and(|(a, b)| 5 * a < b), "{lanes:?}");
    assert_eq!(full, None, "{lanes:?}");
    let lesson = lessons::find("race-batch").unwrap();
    let names = race::legends(&(lesson.race.unwrap())(), &(lesson.config)());
    assert_eq!(names, ["batch 1", "batch 10", "full batch (250)"]);
}
