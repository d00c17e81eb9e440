//! What a run tells about itself beyond the loss: the gradient flow per layer
//! (vanishing gradients), accuracy, confusion matrix and R², and divergence
//! caught within an epoch with the last finite weights kept.

use backprop_playground::playground::StopReason;
use backprop_playground::{Activation, Config, DatasetKind, Feature, Playground};

fn run(config: Config) -> Playground {
    Playground::new(config.validate().expect("test configs are valid"))
}

/// A deep stack: 6 hidden layers of 8 units with φ = `activation`.
fn deep(activation: Activation) -> Playground {
    run(Config {
        dataset: DatasetKind::Circle,
        hidden: vec![8; 6],
        activation,
        learning_rate: 0.03,
        ..Config::default()
    })
}

/// Mean |∂L/∂w| per weight layer of the last recorded epoch, inputs first.
fn last_flow(pg: &Playground) -> Vec<f64> {
    let history = pg.gradient_flow().history();
    history
        .last()
        .expect("an epoch was recorded")
        .layers
        .to_vec()
}

#[test]
fn a_deep_sigmoid_stack_starves_its_first_layers() {
    let mut pg = deep(Activation::Sigmoid);
    pg.step(10);
    let history = pg.gradient_flow().history();
    assert_eq!(history.len(), 10);
    assert_eq!(history[0].epoch, 1);
    for point in history {
        let g = &point.layers;
        assert_eq!(g.len(), 7);
        // Every layer gets a smaller gradient than the one after it: each
        // step back multiplies δ by φ′ ≤ ¼. Only the first layer's
        // ∂L/∂w_ij = o_i δ_j is lifted by its inputs (|x| up to 6, where a
        // sigmoid's o_i ≤ 1), so it is compared two layers on.
        assert!(
            g[1..].windows(2).all(|w| w[0] < w[1]) && g[0] < g[2],
            "epoch {}: {g:?}",
            point.epoch
        );
    }
    let flow = last_flow(&pg);
    assert!(flow[0] < 1e-3 * flow[6], "{flow:?}");

    // |δ| per node, averaged per layer, shrinks the same way toward the inputs.
    let deltas = pg.gradient_flow().node_deltas();
    assert_eq!(deltas.len(), 6 * 8 + 1);
    let per_layer: Vec<f64> = deltas
        .chunks(8)
        .map(|c| c.iter().sum::<f64>() / c.len() as f64)
        .collect();
    assert!(per_layer.windows(2).all(|w| w[0] < w[1]), "{per_layer:?}");
}

#[test]
fn relu_does_not_vanish_the_same_way() {
    let mut sigmoid = deep(Activation::Sigmoid);
    let mut relu = deep(Activation::Relu);
    sigmoid.step(10);
    relu.step(10);
    let (s, r) = (last_flow(&sigmoid), last_flow(&relu));
    let ratio = |flow: &[f64]| flow[0] / flow[flow.len() - 1];
    // The first layer keeps a sizeable share of the last layer's gradient.
    assert!(ratio(&r) > 1e-2, "ReLU {r:?}");
    assert!(ratio(&r) > 100.0 * ratio(&s), "ReLU {r:?} vs sigmoid {s:?}");
}

#[test]
fn the_gradient_flow_is_bounded_and_reset_clears_it() {
    let mut pg = run(Config {
        num_points: Some(20),
        hidden: vec![2],
        batch_size: 10,
        ..Config::default()
    });
    pg.step(4500);
    let history = pg.gradient_flow().history();
    assert!(history.len() <= 2000, "{}", history.len());
    assert!(history.last().unwrap().epoch > 4000);
    assert!(history
        .iter()
        .all(|p| p.layers.iter().all(|g| g.is_finite() && *g >= 0.0)));
    pg.reset();
    assert!(pg.gradient_flow().history().is_empty());
    assert!(pg.gradient_flow().node_deltas().is_empty());
}

#[test]
fn confusion_matrices_count_every_example_and_follow_training() {
    let mut pg = run(Config {
        dataset: DatasetKind::Xor,
        hidden: vec![8],
        ..Config::default()
    });
    let (train, test) = (pg.train_set().len() as u64, pg.test_set().len() as u64);
    let before = pg.metrics().train.confusion.clone().unwrap();
    assert_eq!(before.classes, 2);
    assert_eq!(before.total(), train);
    assert_eq!(pg.metrics().test.confusion.as_ref().unwrap().total(), test);

    let stats = pg.step(200);
    let metrics = pg.metrics();
    let (m_train, m_test) = (
        metrics.train.confusion.as_ref().unwrap(),
        metrics.test.confusion.as_ref().unwrap(),
    );
    assert_eq!(m_train.total(), train);
    assert_eq!(m_test.total(), test);
    assert_ne!(
        m_train, &before,
        "training did not change the confusion matrix"
    );
    assert_eq!(Some(m_train.accuracy()), stats.train_accuracy);
    assert_eq!(Some(m_test.accuracy()), stats.test_accuracy);
    // The rows count the true classes: they do not change with the weights.
    for class in 0..2 {
        let row =
            |m: &backprop_playground::metrics::ConfusionMatrix| m.get(class, 0) + m.get(class, 1);
        assert_eq!(row(m_train), row(&before));
    }
    assert_eq!(metrics.train.r_squared, None);
}

#[test]
fn three_classes_give_a_three_by_three_matrix() {
    let mut pg = run(Config {
        dataset: DatasetKind::Blobs,
        classes: 3,
        hidden: vec![6],
        ..Config::default()
    });
    pg.step(30);
    let m = pg.metrics().test.confusion.clone().unwrap();
    assert_eq!(m.classes, 3);
    assert_eq!(m.counts.len(), 9);
    assert_eq!(m.total(), pg.test_set().len() as u64);
}

#[test]
fn regression_reports_r_squared_for_train_and_test() {
    let mut pg = run(Config {
        dataset: DatasetKind::Plane,
        hidden: vec![3],
        ..Config::default()
    });
    let start = pg.metrics().train.r_squared.unwrap();
    pg.step(100);
    let metrics = pg.metrics();
    let (train, test) = (
        metrics.train.r_squared.unwrap(),
        metrics.test.r_squared.unwrap(),
    );
    assert!(train > 0.95 && test > 0.95, "{train} {test}");
    assert!(train > start);
    assert!(metrics.train.confusion.is_none());
    assert_eq!(pg.stats().train_accuracy, None);
}

fn diverging(batch_size: usize) -> Playground {
    run(Config {
        dataset: DatasetKind::Plane,
        learning_rate: 10.0,
        batch_size,
        ..Config::default()
    })
}

#[test]
fn divergence_is_caught_within_the_epoch() {
    let mut pg = diverging(1);
    let stats = pg.step(50);
    let Some(StopReason::Diverged(d)) = stats.stopped else {
        panic!("did not diverge: {stats:?}");
    };
    // One example per batch: the first epoch already blows up, partway through.
    assert_eq!(d.epoch, 1);
    assert_eq!(d.batches, pg.train_set().len());
    assert!(d.batch > 1 && d.batch < d.batches, "{d:?}");
    assert!(d.restored.after_batch < d.batch);
    assert_eq!(stats.epoch, 0, "the cut-short epoch is not counted");
    assert!(pg.network().is_finite());
    assert!(stats.train_loss.is_finite() && stats.test_loss.is_finite());
    assert_eq!(stats.train_loss, d.restored.train_loss);
    assert_eq!(
        pg.history().len(),
        1,
        "nothing of the cut-short epoch is recorded"
    );
    assert!(pg.gradient_flow().history().is_empty());

    let text = d.message();
    assert!(text.contains("η = 10 is too large"), "{text}");
    assert!(
        text.contains(&format!("batch {} of {} in epoch 1", d.batch, d.batches)),
        "{text}"
    );
    assert!(
        text.contains("The training loss grew from 0.1947 (epoch 0) to "),
        "{text}"
    );
    assert!(
        !text.contains("NaN") && !text.contains("Infinity"),
        "{text}"
    );

    // Stopped means stopped, until the weights are taken back.
    let kept = pg.network().clone();
    assert_eq!(pg.step(5).epoch, 0);
    assert_eq!(pg.network(), &kept);
}

#[test]
fn non_finite_outputs_are_a_divergence_even_under_softmax_cross_entropy() {
    // The fuzzer's link: #v=1&activation=linear&loss=softmaxCrossEntropy&learningRate=3.
    // The probability floor once turned NaN outputs into a finite loss of 34.5388,
    // so the run "held" weights that predict NaN everywhere.
    let mut pg = run(Config {
        activation: Activation::Linear,
        loss: backprop_playground::Loss::SoftmaxCrossEntropy,
        learning_rate: 3.0,
        ..Config::default()
    });
    let stats = pg.step(200);
    let Some(StopReason::Diverged(_)) = stats.stopped else {
        panic!("did not diverge: {stats:?}");
    };
    assert!(stats.train_loss.is_finite(), "{stats:?}");
    for (x1, x2) in [(0.0, 0.0), (-5.0, 5.0), (5.5, -3.0)] {
        let outputs = pg.predict_all(x1, x2);
        assert!(
            outputs.iter().all(|o| o.is_finite()),
            "the held network predicts {outputs:?}"
        );
    }
}

#[test]
fn restore_keeps_the_last_finite_weights_and_training_goes_on() {
    // Full batches: one step per epoch, so the last finite weights are exactly
    // those of a fresh run stopped one epoch before the blow-up.
    let train_points = diverging(10).train_set().len();
    let mut pg = diverging(train_points);
    let stats = pg.step(500);
    let Some(StopReason::Diverged(d)) = stats.stopped else {
        panic!("did not diverge: {stats:?}");
    };
    assert_eq!((d.batch, d.batches), (1, 1));
    assert!(d.epoch > 2, "{d:?}");
    let mut reference = diverging(train_points);
    reference.step(u32::try_from(d.epoch - 1).unwrap());
    assert_eq!(pg.network(), reference.network());
    assert_eq!(stats.train_loss, reference.stats().train_loss);

    assert!(pg.restore_last_finite());
    assert!(!pg.restore_last_finite(), "nothing left to restore");
    assert_eq!(pg.network(), reference.network());
    assert_eq!(pg.stats().stopped, None);
    // Training goes on from there: the next epoch runs (a stopped run would
    // report nothing) and, from the same weights, optimizer state and
    // generator with η = 10, blows up again the same way.
    let again = pg.step(500);
    let Some(StopReason::Diverged(d2)) = again.stopped else {
        panic!("the restored run did not train on: {again:?}");
    };
    assert_eq!((d2.epoch, d2.batch), (d.epoch, d.batch));
    assert!(pg.network().is_finite());
}

#[test]
fn mini_batch_runs_go_back_to_weights_with_a_finite_loss_reproducibly() {
    let (mut a, mut b) = (diverging(10), diverging(10));
    let (sa, sb) = (a.step(100), b.step(100));
    assert_eq!(sa, sb);
    assert_eq!(a.network(), b.network());
    let d = a.divergence().copied().expect("η = 10 diverges");
    assert!(d.batches > 1 && d.batch <= d.batches);
    assert!(d.restored.after_batch > 0, "{d:?}");
    assert!(a.network().is_finite() && sa.train_loss.is_finite());
}

#[test]
fn a_hand_set_huge_weight_makes_a_run_diverge() {
    let config = Config {
        dataset: DatasetKind::Plane,
        features: vec![Feature::X1, Feature::X2],
        hidden: vec![4, 4],
        activation: Activation::Linear,
        learning_rate: 0.1,
        batch_size: 5,
        ..Config::default()
    };
    let mut plain = run(config.clone());
    assert_eq!(
        plain.step(10).stopped,
        None,
        "the run diverges without the edit"
    );

    let mut pg = run(config);
    // A path x₁ → h₁,₁ → h₂,₁ → ŷ with weights of 1000: ŷ is a million
    // times x₁, and the first step overshoots by as much.
    for layer in 0..3 {
        pg.set_weight(layer, 0, 0, 1000.0).unwrap();
    }
    let stats = pg.step(10);
    let d = pg
        .divergence()
        .copied()
        .expect("weights of 1000 make η = 0.1 diverge");
    assert_eq!(d.epoch, 1, "{d:?}");
    assert!(d.batch < d.batches, "{d:?}");
    assert_eq!(stats.epoch, 0);
    assert!(pg.network().is_finite());
    assert!(stats.train_loss.is_finite());
}
