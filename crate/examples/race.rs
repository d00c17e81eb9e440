//! Epochs each optimizer needs to bring the training loss on the spiral below a
//! target, from the same seed, data and initial weights, at the default
//! hyperparameters (η = 0.03, μ = 0.9, β₁ = 0.9, β₂ = 0.999).
//!
//! `cargo run --release -p backprop-playground --example race`

use backprop_playground::config::Config;
use backprop_playground::optimizer::OptimizerKind;
use backprop_playground::{DatasetKind, Feature, Playground};

/// ½ squared error on 0/1 labels: 0.02 is a spiral drawn almost perfectly.
const TARGET: f64 = 0.02;
const MAX_EPOCHS: u64 = 5000;

fn main() {
    println!("spiral, all 7 features, hidden [8, 8, 8], tanh, η = 0.03, batch 10, seed 1");
    println!("| optimizer | epochs to training loss < {TARGET} | test accuracy then |");
    println!("| --- | --- | --- |");
    for kind in [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Nesterov,
        OptimizerKind::Adagrad,
        OptimizerKind::RmsProp,
        OptimizerKind::Adam,
    ] {
        let config = Config {
            dataset: DatasetKind::Spiral,
            features: Feature::ALL.to_vec(),
            hidden: vec![8, 8, 8],
            optimizer: kind,
            ..Config::default()
        };
        let mut run = Playground::new(config.validate().expect("the race config is valid"));
        let mut reached = None;
        while run.stats().epoch < MAX_EPOCHS {
            let stats = run.step(1);
            if stats.stopped.is_some() {
                break;
            }
            if stats.train_loss < TARGET {
                reached = Some(stats);
                break;
            }
        }
        match reached {
            Some(s) => println!(
                "| {kind:?} | {} | {:.1} % |",
                s.epoch,
                100.0 * s.test_accuracy.unwrap_or(f64::NAN)
            ),
            None => println!(
                "| {kind:?} | not within {MAX_EPOCHS} (loss {:.4}) | {:.1} % |",
                run.stats().train_loss,
                100.0 * run.stats().test_accuracy.unwrap_or(f64::NAN)
            ),
        }
    }
}
