//! The page's replica of a run (www/js/app/run-view.js): a run of the same
//! config that never trains, given the trained run's weights and trainer
//! state, steps exactly as the run would. The inspector reads its traces, so
//! "apply update" must make the step it showed, momentum and schedule
//! included.

use backprop_playground::inspect::Example;
use backprop_playground::optimizer::OptimizerKind;
use backprop_playground::schedule::ScheduleKind;
use backprop_playground::{Config, DatasetKind, Playground};

fn config(optimizer: OptimizerKind) -> Config {
    Config {
        dataset: DatasetKind::Xor,
        hidden: vec![4, 3],
        optimizer,
        learning_rate: 0.05,
        schedule: ScheduleKind::StepDecay,
        decay_every: 5,
        decay_factor: 0.5,
        batch_size: 4,
        ..Config::default()
    }
}

/// The run trained `epochs`, and a fresh run of the same config given its
/// weights and trainer state.
fn run_and_replica(optimizer: OptimizerKind, epochs: u32) -> (Playground, Playground) {
    let valid = config(optimizer).validate().expect("a valid test config");
    let mut run = Playground::new(valid.clone());
    run.step(epochs);
    let mut replica = Playground::new(valid);
    replica
        .set_network(run.network().clone())
        .expect("the same shape");
    replica
        .set_trainer_state(&run.trainer_state())
        .expect("the same run's state");
    (run, replica)
}

const EXAMPLE: Example = Example {
    x1: 1.5,
    x2: -2.0,
    y: 1.0,
};

#[test]
fn a_replica_given_the_trainer_state_steps_exactly_as_the_run() {
    for optimizer in [
        OptimizerKind::Momentum,
        OptimizerKind::Adam,
        OptimizerKind::RmsProp,
    ] {
        let (mut run, mut replica) = run_and_replica(optimizer, 12);
        assert_eq!(
            replica.stats().learning_rate,
            run.stats().learning_rate,
            "{optimizer:?}: η now"
        );
        assert!(
            run.stats().learning_rate < 0.05,
            "the schedule has decayed by epoch 12"
        );
        let shown = replica.inspect_example(&EXAMPLE).expect("a valid example");
        assert_eq!(
            run.inspect_example(&EXAMPLE).expect("a valid example"),
            shown,
            "{optimizer:?}"
        );
        let taken = run.train_example(&EXAMPLE).expect("a valid example");
        assert_eq!(
            taken, shown,
            "{optimizer:?}: apply update makes the step shown"
        );
        assert_eq!(
            replica.train_example(&EXAMPLE).expect("a valid example"),
            taken
        );
        assert_eq!(replica.network(), run.network());
    }
}

#[test]
fn without_the_trainer_state_a_momentum_step_differs() {
    // Why the state is sent: the weights alone are not enough.
    let valid = config(OptimizerKind::Momentum)
        .validate()
        .expect("a valid test config");
    let mut run = Playground::new(valid.clone());
    run.step(12);
    let mut replica = Playground::new(valid);
    replica
        .set_network(run.network().clone())
        .expect("the same shape");
    assert_ne!(
        replica.inspect_example(&EXAMPLE).ok(),
        run.inspect_example(&EXAMPLE).ok()
    );
}

#[test]
fn a_trainer_state_that_does_not_fit_changes_nothing() {
    let (run, mut replica) = run_and_replica(OptimizerKind::Adam, 3);
    let before = replica.trainer_state();
    let state = run.trainer_state();
    for bad in [
        state[..state.len() - 1].to_vec(),
        Vec::new(),
        [&[f64::NAN][..], &state[1..]].concat(),
        [&state[..3], &[0.5][..], &state[4..]].concat(),
        [&state[..5], &[f64::INFINITY][..], &state[6..]].concat(),
    ] {
        assert!(replica.set_trainer_state(&bad).is_err(), "{bad:?}");
        assert_eq!(replica.trainer_state(), before);
    }
}
