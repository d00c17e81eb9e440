//! A link reproduces a run, and a link with weights carries a trained
//! network that goes on training.

use backprop_playground::link::{self, LinkState};
use backprop_playground::optimizer::OptimizerKind;
use backprop_playground::{Config, DatasetKind, Playground};

fn build(config: &Config) -> Playground {
    Playground::new(config.clone().validate().expect("test configs are valid"))
}

#[test]
fn the_run_a_link_carries_is_the_senders_run() {
    let state = LinkState {
        config: Config {
            dataset: DatasetKind::Spiral,
            noise: 10.0,
            hidden: vec![6, 4],
            optimizer: OptimizerKind::Adam,
            learning_rate: 0.01,
            dropout: vec![0.2, 0.0],
            jitter: 0.1,
            seed: 1234,
            data_seed: 99,
            ..Config::default()
        },
        ..LinkState::default()
    };
    // The run the sender had, and the one the receiver builds from the link.
    let received = link::decode(&link::encode(&state));
    assert!(received.warnings.is_empty());
    let (mut a, mut b) = (build(&state.config), build(&received.state.config));
    a.step(30);
    b.step(30);
    assert_eq!(a.network(), b.network());
    assert_eq!(a.stats(), b.stats());
    assert_eq!(a.history(), b.history());
}

#[test]
fn shared_weights_arrive_to_f32_and_keep_training() {
    let config = Config {
        dataset: DatasetKind::Xor,
        hidden: vec![5],
        learning_rate: 0.1,
        ..Config::default()
    };
    let mut sender = build(&config);
    sender.step(40);
    let state = LinkState {
        config: config.clone(),
        weights: Some(link::flat_weights(sender.network())),
        ..LinkState::default()
    };
    let decoded = link::decode(&link::encode(&state));
    assert!(decoded.warnings.is_empty());

    let mut receiver = build(&decoded.state.config);
    let network =
        link::network_from_flat(receiver.network(), &decoded.state.weights.unwrap()).unwrap();
    receiver.set_network(network).unwrap();
    let sent = link::flat_weights(sender.network());
    let got = link::flat_weights(receiver.network());
    for (s, g) in sent.iter().zip(&got) {
        assert_eq!(*g, f64::from(*s as f32));
    }
    // The same network, to f32: the same losses to about seven digits.
    let (s, r) = (sender.stats(), receiver.stats());
    assert!((s.train_loss - r.train_loss).abs() < 1e-6, "{s:?} vs {r:?}");
    assert_eq!(s.train_accuracy, r.train_accuracy);
    // And it goes on learning from there rather than from scratch.
    let before = r.train_loss;
    let after = receiver.step(40);
    assert!(after.train_loss < before, "{before} → {after:?}");
    let fresh = build(&config).stats();
    assert!(
        before < 0.8 * fresh.train_loss,
        "the weights were not the trained ones"
    );
}
