//! Training end to end: it learns, it is reproducible, and it behaves at the edges.

use backprop_playground::{Config, DatasetKind, EpochStats, Feature, Playground, Point, Problem};

fn run(config: Config) -> Playground {
    Playground::new(config.validate().expect("test configs are valid"))
}

fn train(playground: &mut Playground, epochs: u32) -> EpochStats {
    playground.step(epochs)
}

#[test]
fn xor_is_learned_with_one_hidden_layer() {
    let mut pg = run(Config {
        dataset: DatasetKind::Xor,
        hidden: vec![8],
        learning_rate: 0.03,
        ..Config::default()
    });
    let start = pg.stats();
    let stats = train(&mut pg, 300);
    assert!(start.test_accuracy.unwrap() < 0.8, "{start:?}");
    assert!(stats.test_accuracy.unwrap() >= 0.95, "{stats:?}");
    assert!(stats.train_loss < 0.05, "{stats:?}");
}

#[test]
fn spiral_is_learned_from_all_features() {
    let mut pg = run(Config {
        dataset: DatasetKind::Spiral,
        features: Feature::ALL.to_vec(),
        hidden: vec![8; 6],
        learning_rate: 0.03,
        ..Config::default()
    });
    let stats = train(&mut pg, 800);
    assert!(stats.test_accuracy.unwrap() >= 0.9, "{stats:?}");
}

#[test]
fn regression_loss_falls_on_the_plane() {
    let mut pg = run(Config {
        dataset: DatasetKind::Plane,
        hidden: vec![3],
        ..Config::default()
    });
    let start = pg.stats();
    let stats = train(&mut pg, 100);
    assert_eq!(stats.test_accuracy, None);
    assert!(
        stats.test_loss < start.test_loss / 10.0,
        "{start:?} → {stats:?}"
    );
}

#[test]
fn same_config_and_seed_give_a_bit_identical_run() {
    let config = Config {
        dataset: DatasetKind::Spiral,
        noise: 20.0,
        hidden: vec![6, 4],
        batch_size: 7,
        regularization: backprop_playground::Regularization::L2,
        regularization_rate: 0.001,
        seed: 42,
        data_seed: 7,
        ..Config::default()
    };
    let mut a = run(config.clone());
    let mut b = run(config);
    let (sa, sb) = (train(&mut a, 500), train(&mut b, 500));
    assert_eq!(sa.train_loss.to_bits(), sb.train_loss.to_bits());
    assert_eq!(sa.test_loss.to_bits(), sb.test_loss.to_bits());
    assert_eq!(a.network(), b.network());
    assert_eq!(a.points(), b.points());
}

#[test]
fn a_different_seed_gives_a_different_run_on_the_same_data() {
    let mut a = run(Config::default());
    let mut b = run(Config {
        seed: 2,
        ..Config::default()
    });
    assert_eq!(a.points(), b.points());
    assert_ne!(a.network(), b.network());
    assert_ne!(train(&mut a, 5).train_loss, train(&mut b, 5).train_loss);
}

#[test]
fn reset_replays_the_same_run() {
    let mut pg = run(Config::default());
    let initial = pg.network().clone();
    let after_ten = train(&mut pg, 10);
    train(&mut pg, 20);
    pg.reset();
    assert_eq!(pg.stats().epoch, 0);
    assert_eq!(pg.network(), &initial);
    assert_eq!(pg.history().len(), 1);
    assert_eq!(train(&mut pg, 10), after_ten);
}

#[test]
fn every_batch_size_from_one_to_the_whole_set_trains() {
    for batch_size in [1, 10, 250] {
        let mut pg = run(Config {
            dataset: DatasetKind::Gauss,
            batch_size,
            ..Config::default()
        });
        let start = pg.stats().train_loss;
        let end = train(&mut pg, 20).train_loss;
        assert!(end < start, "batch {batch_size}: {start} → {end}");
    }
}

#[test]
fn l1_drives_useless_weights_toward_zero() {
    let sum_abs = |pg: &Playground| -> f64 {
        pg.network()
            .layers
            .iter()
            .map(|l| l.weights.iter().map(|w| w.abs()).sum::<f64>())
            .sum()
    };
    let base = Config {
        dataset: DatasetKind::Gauss,
        features: Feature::ALL.to_vec(),
        hidden: vec![6],
        ..Config::default()
    };
    let mut plain = run(base.clone());
    let mut l1 = run(Config {
        regularization: backprop_playground::Regularization::L1,
        regularization_rate: 0.01,
        ..base
    });
    train(&mut plain, 100);
    train(&mut l1, 100);
    assert!(
        sum_abs(&l1) < 0.7 * sum_abs(&plain),
        "{} vs {}",
        sum_abs(&l1),
        sum_abs(&plain)
    );
}

#[test]
fn a_diverging_learning_rate_stops_with_finite_weights() {
    let mut pg = run(Config {
        dataset: DatasetKind::Plane,
        features: Feature::ALL.to_vec(),
        hidden: vec![8, 8],
        activation: backprop_playground::Activation::Relu,
        learning_rate: 10.0,
        batch_size: 1,
        ..Config::default()
    });
    let stats = train(&mut pg, 50);
    assert!(
        matches!(
            stats.stopped,
            Some(backprop_playground::playground::StopReason::Diverged { .. })
        ),
        "{stats:?}"
    );
    assert!(stats.epoch < 50);
    assert!(pg.network().is_finite());
    assert!(stats.train_loss.is_finite());
}

#[test]
fn the_history_stays_bounded_on_long_runs() {
    let mut pg = run(Config {
        num_points: Some(20),
        hidden: vec![],
        batch_size: 10,
        ..Config::default()
    });
    train(&mut pg, 10_000);
    let history = pg.history();
    assert!(history.len() <= 2000);
    assert!(history.last().unwrap().epoch > 9_000);
}

#[test]
fn grid_values_match_single_predictions() {
    let mut pg = run(Config {
        dataset: DatasetKind::Gauss,
        hidden: vec![3],
        ..Config::default()
    });
    train(&mut pg, 30);
    let n = 20;
    pg.evaluate_grid(n);
    let output = pg.node_count() - 1;
    let values = pg.node_values(output).unwrap().to_vec();
    for (r, c) in [(0, 0), (5, 17), (19, 19)] {
        let (x1, x2) = backprop_playground::render::cell_centre(n, r, c);
        // Pictures use their own tanh, within PICTURE_TANH_ERROR of the
        // exact one; the output, a tanh of the three units' sum, within a
        // few times that.
        let bound = 4.0 * backprop_playground::activation::PICTURE_TANH_ERROR;
        assert!((values[r * n + c] - pg.predict(x1, x2)).abs() < bound);
    }
    // Input node 0 is x₁ itself.
    let x1 = pg.node_values(0).unwrap();
    assert!((x1[3] - backprop_playground::render::cell_centre(n, 0, 3).0).abs() < 1e-12);
    // After gauss training the output separates the two centres.
    assert!(pg.predict(2.0, 2.0) > 0.5 && pg.predict(-2.0, -2.0) < 0.5);
    assert_eq!(pg.heatmap(output, false).unwrap().len(), n * n * 4);
    assert!(pg.node_values(pg.node_count()).is_none());
}

#[test]
fn training_invalidates_the_grid() {
    let mut pg = run(Config::default());
    pg.evaluate_grid(10);
    assert!(pg.grid().is_some());
    pg.step(1);
    assert!(pg.grid().is_none());
}

#[test]
fn thumbnails_are_sampled_from_the_plots_grid() {
    use backprop_playground::render::{sampled_cells, PLOT_GRID, THUMB_GRID};
    let mut pg = run(Config {
        hidden: vec![3],
        ..Config::default()
    });
    train(&mut pg, 3);
    assert!(
        pg.sampled_heatmap(3, THUMB_GRID, false).is_none(),
        "no grid yet"
    );
    pg.evaluate_grid(PLOT_GRID);
    for (node, discretize) in [(2, false), (3, true), (5, false)] {
        let (plot, thumb) = (
            pg.heatmap(node, discretize).unwrap(),
            pg.sampled_heatmap(node, THUMB_GRID, discretize).unwrap(),
        );
        assert_eq!(thumb.len(), 4 * THUMB_GRID * THUMB_GRID);
        for (k, cell) in sampled_cells(PLOT_GRID, THUMB_GRID).into_iter().enumerate() {
            assert_eq!(
                thumb[4 * k..4 * k + 4],
                plot[4 * cell..4 * cell + 4],
                "node {node}, cell {k}"
            );
        }
        // At the grid's own side, the heatmap itself.
        assert_eq!(
            pg.sampled_heatmap(node, PLOT_GRID, discretize).unwrap(),
            plot
        );
    }
    // Finer than the grid, of side 0 or of a missing node: nothing.
    for (node, m) in [(3, PLOT_GRID + 1), (3, 0), (6, THUMB_GRID)] {
        assert!(
            pg.sampled_heatmap(node, m, false).is_none(),
            "node {node}, side {m}"
        );
    }
}

#[test]
fn an_outputs_only_grid_gives_the_same_decision_map() {
    for dataset in [DatasetKind::Spiral, DatasetKind::Spiral3] {
        let mut pg = run(Config {
            dataset,
            hidden: vec![4, 3],
            ..Config::default()
        });
        train(&mut pg, 2);
        let mut whole = pg.clone();
        whole.evaluate_grid(40);
        pg.evaluate_grid_outputs(40);
        assert_eq!(pg.decision_heatmap(true), whole.decision_heatmap(true));
        assert_eq!(pg.decision_heatmap(false), whole.decision_heatmap(false));
        // The inputs are kept, the hidden layers are not.
        assert_eq!(pg.node_values(0), whole.node_values(0));
        let hidden = pg.network().inputs();
        assert!(pg.node_values(hidden).is_none() && whole.node_values(hidden).is_some());
    }
}

#[test]
fn thumbnails_kept_during_the_pass_equal_those_gathered_after_it() {
    use backprop_playground::render::{PLOT_GRID, THUMB_GRID};
    // Tanh layers, then three outputs through softmax (applied after the pass).
    for config in [
        Config {
            features: Feature::ALL.to_vec(),
            hidden: vec![5, 3],
            ..Config::default()
        },
        Config {
            dataset: DatasetKind::Spiral3,
            hidden: vec![4],
            ..Config::default()
        },
    ] {
        let mut pg = run(config);
        train(&mut pg, 2);
        let mut gathered = pg.clone();
        gathered.evaluate_grid(PLOT_GRID);
        // Twice: the second pass refills the kept values.
        for _ in 0..2 {
            // A frame whose plot shows a hidden node keeps the hidden layers
            // whole as well, and its thumbnails are the same.
            let mut focused = pg.clone();
            focused.evaluate_grid_sampled(PLOT_GRID, THUMB_GRID, true);
            pg.evaluate_grid_sampled(PLOT_GRID, THUMB_GRID, false);
            for node in 0..pg.node_count() {
                let thumbnail = pg.sampled_heatmap(node, THUMB_GRID, false);
                assert_eq!(
                    thumbnail,
                    gathered.sampled_heatmap(node, THUMB_GRID, false),
                    "node {node}"
                );
                assert_eq!(thumbnail, focused.sampled_heatmap(node, THUMB_GRID, false));
                assert_eq!(focused.heatmap(node, true), gathered.heatmap(node, true));
            }
            // Only the inputs and the outputs are kept at every cell: another
            // side is gathered from them, a hidden node has none.
            let output = pg.node_count() - 1;
            for node in [0, output] {
                let side = pg.sampled_heatmap(node, 20, true);
                assert_eq!(
                    side,
                    gathered.sampled_heatmap(node, 20, true),
                    "node {node}"
                );
                assert_eq!(pg.heatmap(node, false), gathered.heatmap(node, false));
            }
            let hidden = pg.network().inputs();
            assert!(pg.sampled_heatmap(hidden, 20, true).is_none());
            assert!(pg.heatmap(hidden, false).is_none() && pg.node_values(hidden).is_none());
            train(&mut pg, 1);
            train(&mut gathered, 1);
            gathered.evaluate_grid(PLOT_GRID);
        }
    }
}

#[test]
fn the_two_grids_of_a_frame_keep_their_own_values() {
    // Two sizes evaluated in turn (the page's plot, and a grid of its own
    // for the cost surface or a lesson): each size keeps its inputs and
    // matrices, and neither reads the other's.
    let config = Config {
        features: Feature::ALL.to_vec(),
        hidden: vec![4, 3],
        ..Config::default()
    };
    let (mut pg, mut fresh) = (run(config.clone()), run(config));
    let output = pg.node_count() - 1;
    for _ in 0..3 {
        train(&mut pg, 2);
        train(&mut fresh, 2);
        for n in [6, 9, 6, 11] {
            assert_eq!(pg.evaluate_grid(n).n, n);
            assert_eq!(pg.node_values(0).unwrap().len(), n * n);
            // The same bits as a playground that only ever evaluated this size.
            let (ours, theirs) = (pg.node_values(output).unwrap().to_vec(), {
                let mut single = fresh.clone();
                single.evaluate_grid(n);
                single.node_values(output).unwrap().to_vec()
            });
            assert_eq!(ours, theirs, "grid {n}");
            let x1 = pg.node_values(0).unwrap();
            assert_eq!(x1[1], backprop_playground::render::cell_centre(n, 0, 1).0);
        }
    }
    pg.step(1);
    assert!(pg.grid().is_none() && pg.node_values(output).is_none());
}

#[test]
fn hand_edits_apply_and_bad_ones_are_refused() {
    let mut pg = run(Config::default());
    let before = pg.predict(1.0, 1.0);
    pg.set_weight(2, 0, 0, 3.0).unwrap();
    assert_eq!(pg.network().layers[2].weights[(0, 0)], 3.0);
    assert_ne!(pg.predict(1.0, 1.0), before);
    pg.set_bias(0, 3, -0.5).unwrap();
    assert_eq!(pg.network().layers[0].biases[3], -0.5);
    for err in [
        pg.set_weight(9, 0, 0, 1.0).unwrap_err().to_string(),
        pg.set_weight(0, 5, 0, 1.0).unwrap_err().to_string(),
        pg.set_bias(1, 7, 1.0).unwrap_err().to_string(),
        pg.set_weight(0, 0, 0, f64::NAN).unwrap_err().to_string(),
        pg.set_weight(0, 0, 0, 1e6).unwrap_err().to_string(),
    ] {
        assert!(
            err.contains("does not exist") || err.contains("not allowed"),
            "{err}"
        );
    }
    // The refused edits left the initial weight in place.
    assert!(pg.network().layers[0].weights[(0, 0)].abs() <= 0.5);
}

#[test]
fn a_network_without_hidden_layers_is_logistic_regression() {
    let mut pg = run(Config {
        dataset: DatasetKind::Gauss,
        hidden: vec![],
        ..Config::default()
    });
    assert_eq!(pg.network().sizes(), vec![2, 1]);
    assert!(train(&mut pg, 50).test_accuracy.unwrap() > 0.95);
}

#[test]
fn a_feature_heatmap_colours_the_feature_whether_used_or_not() {
    // Only x₁ and x₂ feed this network; x₁² is still drawable as a candidate input.
    let pg = run(Config::default());
    let n = 10;
    let bytes = pg.feature_heatmap(Feature::X1Squared, n);
    assert_eq!(bytes.len(), 4 * n * n);
    let cell = |row: usize, column: usize| {
        let k = 4 * (row * n + column);
        [bytes[k], bytes[k + 1], bytes[k + 2]]
    };
    // x₁² is largest at the left and right edges (positive end of its scale)
    // and smallest in the middle columns (negative end), whatever the row.
    let edge = cell(3, 0);
    let centre = cell(3, n / 2);
    assert_eq!(
        edge,
        cell(7, n - 1),
        "x₁² is symmetric in x₁ and ignores x₂"
    );
    assert!(
        edge[2] > edge[0],
        "edge should lean to the positive (blue) end: {edge:?}"
    );
    assert!(
        centre[0] > centre[2],
        "centre should lean to the negative (orange) end: {centre:?}"
    );
    // x₂ varies down the rows and not along them.
    let x2 = pg.feature_heatmap(Feature::X2, n);
    assert_eq!(&x2[0..4], &x2[4 * (n - 1)..4 * n]);
    assert_ne!(&x2[0..4], &x2[4 * n * (n - 1)..4 * n * (n - 1) + 4]);
}

/// Two clusters a user might click onto the plot: class 1 up and right, class 0
/// down and left.
fn drawn_clusters() -> Vec<Point> {
    let mut points = Vec::new();
    for i in 0..20 {
        let t = f64::from(i) * 0.3;
        points.push(Point {
            x1: 2.0 + t.cos(),
            x2: 2.0 + t.sin(),
            label: 1.0,
        });
        points.push(Point {
            x1: -2.0 + t.sin(),
            x2: -2.0 + t.cos(),
            label: 0.0,
        });
    }
    points
}

#[test]
fn a_custom_dataset_trains_on_its_own_points_split_as_usual() {
    let points = drawn_clusters();
    let config = Config {
        dataset: DatasetKind::Custom,
        custom_points: points.clone(),
        noise: 50.0,
        train_ratio: 70.0,
        batch_size: 4,
        ..Config::default()
    };
    let mut pg = run(config.clone());
    // The points are the user's, untouched by noise, and 70 % of them train.
    assert_eq!(pg.points(), &points[..]);
    assert_eq!(pg.train_set().len(), 28);
    assert_eq!(pg.test_set().len(), 12);
    assert!(pg.is_classification());
    let stats = train(&mut pg, 200);
    assert!(stats.test_accuracy.unwrap() >= 0.99, "{stats:?}");
    // Another data seed splits the same points differently.
    let other = run(Config {
        data_seed: 2,
        ..config
    });
    assert_eq!(other.points(), &points[..]);
    assert_ne!(other.is_test(), pg.is_test());
}

#[test]
fn a_custom_regression_dataset_fits_its_values() {
    let points: Vec<Point> = (0..60)
        .map(|i| {
            let x1 = -5.0 + f64::from(i) / 6.0;
            Point {
                x1,
                x2: 0.0,
                label: x1 / 6.0,
            }
        })
        .collect();
    let mut pg = run(Config {
        dataset: DatasetKind::Custom,
        custom_points: points,
        custom_problem: Problem::Regression,
        hidden: vec![],
        ..Config::default()
    });
    assert!(!pg.is_classification());
    let start = pg.stats();
    let stats = train(&mut pg, 200);
    assert_eq!(stats.test_accuracy, None);
    assert!(
        stats.test_loss < start.test_loss / 100.0,
        "{start:?} → {stats:?}"
    );
}

#[test]
fn training_points_are_the_rows_of_the_training_set() {
    let pg = run(Config {
        dataset: DatasetKind::Gauss,
        features: vec![Feature::X1, Feature::X2],
        ..Config::default()
    });
    let points = pg.training_points();
    let inputs = &pg.train_set().inputs;
    assert_eq!(points.len(), inputs.nrows());
    assert!(
        points.len() < pg.points().len(),
        "the test points are left out"
    );
    for (i, p) in points.iter().enumerate() {
        assert_eq!((inputs[(i, 0)], inputs[(i, 1)]), (p.x1, p.x2), "row {i}");
    }
}

#[test]
fn every_generated_dataset_opens_again_from_its_own_csv_file() {
    use backprop_playground::files::{parse_csv, write_csv};
    // The noisiest data, the most points and a few data seeds: the widest
    // spread a generator produces must be accepted as custom data, exactly.
    for kind in DatasetKind::EVERY {
        if kind == DatasetKind::Custom {
            continue;
        }
        for data_seed in [1, 7, 2024] {
            let config = Config {
                dataset: kind,
                noise: 50.0,
                num_points: Some(5000),
                classes: 5,
                data_seed,
                ..Config::default()
            };
            let pg = Playground::new(config.clone().validate().unwrap());
            let csv = write_csv(pg.points());
            let data =
                parse_csv(&csv).unwrap_or_else(|e| panic!("{kind:?}, seed {data_seed}: {}", e[0]));
            assert_eq!(data.points, pg.points(), "{kind:?}: not read back exactly");
            let custom = data.into_config(config);
            assert!(
                custom.clone().validate().is_ok(),
                "{kind:?}, seed {data_seed}: {:?}",
                custom.validate().err()
            );
        }
    }
}

#[test]
fn a_run_measured_later_is_the_run_measured_at_once() {
    let config = Config {
        dataset: DatasetKind::Spiral,
        hidden: vec![6, 3],
        ..Config::default()
    }
    .validate()
    .expect("valid");
    let mut later = Playground::unmeasured(config.clone());
    assert!(later.stats().train_loss.is_nan() && later.history().is_empty());
    later.measure();
    let mut now = Playground::new(config);
    assert_eq!(format!("{:?}", later.stats()), format!("{:?}", now.stats()));
    assert_eq!(later.history(), now.history());
    assert_eq!(
        format!("{:?}", later.metrics()),
        format!("{:?}", now.metrics())
    );
    // And they train alike.
    assert_eq!(later.step(3), now.step(3));
}
