//! Random restarts and the cross-validation sweep over hidden units: both are
//! reproducible from the seed, restarts keep the best of K, and the folds
//! split the training set without overlap or gaps.

use backprop_playground::config::ValidConfig;
use backprop_playground::search::{
    lowest, restart_seeds, CrossValidation, CvSettings, Restarts, SearchError,
};
use backprop_playground::{Config, DatasetKind, Playground};

fn valid(config: Config) -> ValidConfig {
    config.validate().expect("test configs are valid")
}

/// A small XOR run whose local minima differ by seed.
fn xor() -> ValidConfig {
    valid(Config {
        dataset: DatasetKind::Xor,
        num_points: Some(120),
        hidden: vec![3],
        learning_rate: 0.1,
        seed: 11,
        ..Config::default()
    })
}

/// Runs a job to the end in slices of `slice` epochs, checking that the
/// progress only grows and ends at 1.
fn finish(mut advance: impl FnMut(u64) -> f64, slice: u64) {
    let mut last = 0.0;
    for _ in 0..100_000 {
        let progress = advance(slice);
        assert!(progress >= last && progress <= 1.0, "{last} → {progress}");
        last = progress;
        if progress == 1.0 {
            return;
        }
    }
    panic!("the job never finished (progress {last})");
}

#[test]
fn restarts_keep_the_best_of_k_by_test_loss() {
    let config = xor();
    let mut job = Restarts::new(&config, 6, 60).unwrap();
    assert_eq!(job.seeds(), restart_seeds(11, 6));
    assert_eq!(job.seeds()[0], 11, "restart 1 is the run's own seed");
    finish(|n| job.advance(n), 7);
    assert!(job.is_done());
    let results = job.results();
    assert_eq!(results.len(), 6);
    let best = job.best_index().unwrap();
    for r in results {
        assert_eq!(r.epochs, 60);
        assert!(results[best].test_loss <= r.test_loss, "{results:?}");
    }
    // The seeds really give different runs: the spread a student should see.
    let spread =
        results.iter().map(|r| r.test_loss).fold(0.0_f64, f64::max) - results[best].test_loss;
    assert!(spread > 1e-3, "{results:?}");
    // The kept network is the best restart's, and its config carries the seed.
    let kept = job.best().unwrap();
    assert_eq!(kept.stats().test_loss, results[best].test_loss);
    assert_eq!(kept.config().get().seed, results[best].seed);
    assert_eq!(kept.stats().epoch, 60);
}

#[test]
fn a_restart_is_the_run_of_its_seed_and_the_job_is_reproducible() {
    let config = xor();
    let mut a = Restarts::new(&config, 4, 40).unwrap();
    let mut b = Restarts::new(&config, 4, 40).unwrap();
    // Slices of different sizes must not change anything.
    finish(|n| a.advance(n), 3);
    finish(|n| b.advance(n), 40);
    assert_eq!(a.results(), b.results());
    assert_eq!(a.best_index(), b.best_index());
    // Each restart equals a plain run from its seed trained as long: the
    // kept network's link reproduces it.
    for r in a.results() {
        let mut c = config.get().clone();
        c.seed = r.seed;
        let mut pg = Playground::new(valid(c));
        let stats = pg.step(40);
        assert_eq!(stats.test_loss, r.test_loss);
        assert_eq!(stats.train_loss, r.train_loss);
    }
    let kept = a.best().unwrap();
    let mut again = Playground::new(kept.config().clone());
    again.step(40);
    assert_eq!(again.network(), kept.network());
}

#[test]
fn a_restart_stopped_by_a_rule_counts_as_done() {
    let config = valid(Config {
        max_epochs: 10,
        ..xor().get().clone()
    });
    let mut job = Restarts::new(&config, 3, 50).unwrap();
    finish(|n| job.advance(n), 100);
    assert!(job.results().iter().all(|r| r.epochs == 10));
}

#[test]
fn restart_settings_out_of_range_are_refused_by_name() {
    let config = xor();
    for (count, epochs, message) in [
        (1, 10, "restarts = 1 is out of range: 2 to 20 allowed"),
        (21, 10, "restarts = 21 is out of range: 2 to 20 allowed"),
        (5, 0, "epochs = 0 is out of range: 1 to 100000 allowed"),
    ] {
        let error = Restarts::new(&config, count, epochs).unwrap_err();
        assert_eq!(error.to_string(), message);
    }
}

fn cv_settings() -> CvSettings {
    CvSettings {
        folds: 4,
        units_from: 1,
        units_to: 4,
        epochs: 30,
    }
}

#[test]
fn cv_folds_are_disjoint_and_cover_the_training_set_only() {
    let config = xor();
    let run = Playground::new(config.clone());
    let job = CrossValidation::new(&config, cv_settings()).unwrap();
    let folds = job.folds();
    // One fold per training example: every example in exactly one fold.
    assert_eq!(folds.len(), run.train_set().len());
    let mut sizes = [0; 4];
    for &f in folds {
        sizes[f] += 1;
    }
    assert_eq!(sizes.iter().sum::<usize>(), run.train_set().len());
    assert!(sizes.iter().all(|&s| s == 15), "{sizes:?}");
}

#[test]
fn cv_fits_train_on_the_other_folds_and_validate_on_the_held_out_one() {
    let config = xor();
    let mut job = CrossValidation::new(&config, cv_settings()).unwrap();
    finish(|n| job.advance(n), 25);
    let results = job.results();
    // Each loss is that of a run trained on the run's training points
    // outside the fold and measured on the fold's (the test set unused).
    let training = Playground::new(config.clone()).training_points();
    for (index, held_out) in [(0, 0), (2, 3)] {
        let mut c = config.get().clone();
        c.hidden = vec![results[index].units];
        let is_test = job.folds().iter().map(|&f| f == held_out).collect();
        let mut fit = Playground::with_points(valid(c), training.clone(), is_test);
        assert_eq!(fit.test_set().len(), 15);
        assert_eq!(fit.step(30).test_loss, results[index].losses[held_out]);
    }
    assert_eq!(results.len(), 4);
    for (r, units) in results.iter().zip(1..) {
        assert_eq!(r.units, units);
        assert_eq!(r.losses.len(), 4);
        assert!(r.losses.iter().all(|l| l.is_finite() && *l > 0.0));
        let (lo, hi) = r.range();
        assert!(lo <= r.mean() && r.mean() <= hi);
    }
    let best = job.best_index().unwrap();
    for r in &results {
        assert!(results[best].mean() <= r.mean());
    }
    assert_eq!(job.best_hidden(), Some(vec![results[best].units]));
}

#[test]
fn cv_is_deterministic_whatever_the_slices() {
    let config = xor();
    let mut a = CrossValidation::new(&config, cv_settings()).unwrap();
    let mut b = CrossValidation::new(&config, cv_settings()).unwrap();
    finish(|n| a.advance(n), 1);
    finish(|n| b.advance(n), 1000);
    assert_eq!(a.results(), b.results());
    assert_eq!(a.folds(), b.folds());
    // Another seed deals other folds.
    let other = valid(Config {
        seed: 12,
        ..config.get().clone()
    });
    let c = CrossValidation::new(&other, cv_settings()).unwrap();
    assert_ne!(c.folds(), a.folds());
}

#[test]
fn cv_sets_every_hidden_layer_or_adds_one() {
    let two = valid(Config {
        hidden: vec![4, 2],
        ..xor().get().clone()
    });
    let settings = CvSettings {
        folds: 3,
        units_from: 2,
        units_to: 2,
        epochs: 2,
    };
    let mut job = CrossValidation::new(&two, settings).unwrap();
    finish(|n| job.advance(n), 10);
    assert_eq!(job.best_hidden(), Some(vec![2, 2]));
    let none = valid(Config {
        hidden: vec![],
        ..xor().get().clone()
    });
    let mut job = CrossValidation::new(&none, settings).unwrap();
    finish(|n| job.advance(n), 10);
    assert_eq!(job.best_hidden(), Some(vec![2]));
}

#[test]
fn cv_settings_out_of_range_are_refused_by_name() {
    let config = xor();
    let with = |f: fn(&mut CvSettings)| {
        let mut s = cv_settings();
        f(&mut s);
        CrossValidation::new(&config, s).unwrap_err()
    };
    assert_eq!(
        with(|s| s.folds = 2).to_string(),
        "folds = 2 is out of range: 3 to 10 allowed"
    );
    assert_eq!(
        with(|s| s.units_to = 33).to_string(),
        "unitsTo = 33 is out of range: 1 to 32 allowed"
    );
    assert_eq!(
        with(|s| {
            s.units_from = 5;
            s.units_to = 2;
        }),
        SearchError::EmptyUnitRange { from: 5, to: 2 }
    );
    // Four training points cannot be dealt into five non-empty folds.
    let tiny = valid(Config {
        dataset: DatasetKind::Custom,
        custom_points: (0..8)
            .map(|i| backprop_playground::Point {
                x1: f64::from(i) - 4.0,
                x2: 0.0,
                label: f64::from(i % 2),
            })
            .collect(),
        batch_size: 1,
        ..Config::default()
    });
    let error = CrossValidation::new(
        &tiny,
        CvSettings {
            folds: 5,
            ..cv_settings()
        },
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "folds = 5 needs at least 5 training points, but there are 4: use fewer folds or more data"
    );
}

#[test]
fn searches_beyond_a_few_minutes_of_work_are_refused_saying_what_to_reduce() {
    // The largest run the validator accepts: 5000 points, 8 × 32 units.
    let big = valid(Config {
        dataset: DatasetKind::Blobs,
        classes: 5,
        num_points: Some(5000),
        hidden: vec![32; 8],
        ..Config::default()
    });
    let Err(error) = Restarts::new(&big, 20, 100_000) else {
        panic!("20 × 100,000 epochs of the largest run were accepted");
    };
    assert!(matches!(error, SearchError::TooMuchWork { .. }));
    let message = error.to_string();
    assert!(
        message.contains("use fewer restarts or epochs"),
        "{message}"
    );
    assert!(message.len() < 200, "{message}");
    let cv = CvSettings {
        folds: 10,
        units_from: 1,
        units_to: 32,
        epochs: 100_000,
    };
    let Err(error) = CrossValidation::new(&big, cv) else {
        panic!("32 unit counts × 10 folds × 100,000 epochs were accepted");
    };
    assert!(error
        .to_string()
        .contains("fewer epochs, folds or unit counts"));
    // What a class does stays well within the budget.
    assert!(Restarts::new(&xor(), 10, 2000).is_ok());
    assert!(CrossValidation::new(&xor(), cv_settings()).is_ok());
}

#[test]
fn cross_validation_refuses_unit_counts_whose_network_the_core_refuses() {
    // Batch size 1 on 2500 points: 8 layers of 8 units train, 8 of 32 would be too slow.
    let run = valid(Config {
        dataset: DatasetKind::Blobs,
        num_points: Some(5000),
        hidden: vec![8; 8],
        batch_size: 1,
        ..Config::default()
    });
    let settings = CvSettings {
        folds: 3,
        units_from: 4,
        units_to: 32,
        epochs: 1,
    };
    let Err(error) = CrossValidation::new(&run, settings) else {
        panic!("a sweep up to a network the core refuses was accepted");
    };
    assert!(
        matches!(error, SearchError::LargestRefused { units: 32, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("too slow"), "{error}");
}

/// The restarts of a search split into `of` shares, each trained as by its
/// own worker, merged back by restart index.
fn restarts_in_shares(of: usize) -> Vec<backprop_playground::search::RestartResult> {
    let mut all = Vec::new();
    for index in 0..of {
        let mut job = Restarts::new(&xor(), 5, 40).expect("a valid search");
        job.share(index, of).expect("a share that exists");
        finish(|n| job.advance(n), 7);
        all.extend(job.results().iter().copied());
    }
    all.sort_by_key(|r| r.index);
    all
}

#[test]
fn restarts_in_shares_give_the_whole_search_whatever_the_number_of_workers() {
    let mut whole = Restarts::new(&xor(), 5, 40).unwrap();
    finish(|n| whole.advance(n), 3);
    for of in [1, 2, 3, 5, 8] {
        let merged = restarts_in_shares(of);
        assert_eq!(merged, whole.results(), "{of} shares");
        let losses: Vec<f64> = merged.iter().map(|r| r.test_loss).collect();
        assert_eq!(
            lowest(&losses),
            whole.best_index(),
            "{of} shares: the same best"
        );
    }
    let mut job = Restarts::new(&xor(), 5, 40).unwrap();
    assert!(job.share(2, 2).is_err(), "share 2 of 2 does not exist");
    assert!(job.share(0, 0).is_err());
}

#[test]
fn cross_validation_in_shares_gives_the_whole_sweep_whatever_the_number_of_workers() {
    let config = xor();
    let mut whole = CrossValidation::new(&config, cv_settings()).unwrap();
    finish(|n| whole.advance(n), 11);
    let expected: Vec<_> = whole.results().into_iter().cloned().collect();
    for of in [1, 2, 3, 6] {
        let mut merged = Vec::new();
        for index in 0..of {
            let mut job = CrossValidation::new(&config, cv_settings()).unwrap();
            job.share(index, of).unwrap();
            finish(|n| job.advance(n), 13);
            merged.extend(job.results().into_iter().cloned());
        }
        merged.sort_by_key(|r| r.units);
        assert_eq!(merged, expected, "{of} shares");
        let means: Vec<f64> = merged.iter().map(|r| r.mean()).collect();
        assert_eq!(
            lowest(&means),
            whole.best_index(),
            "{of} shares: the same best"
        );
    }
}

#[test]
fn lowest_takes_the_first_of_equals_and_a_finite_value_over_one_that_is_not() {
    assert_eq!(lowest(&[]), None);
    assert_eq!(lowest(&[0.3, 0.1, 0.1, 0.2]), Some(1));
    assert_eq!(lowest(&[f64::NAN, 0.5, f64::INFINITY]), Some(1));
    assert_eq!(
        lowest(&[f64::NAN, f64::NAN]),
        Some(0),
        "none finite: the first stands"
    );
}
