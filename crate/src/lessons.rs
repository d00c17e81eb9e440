//! Lessons: presets that each show one idea of the course, as a link plus a
//! caption. A lesson is an ordinary link with `lesson=<id>`, so a teacher can
//! share it and a student can change anything in it. `crate/tests/lessons.rs`
//! trains every lesson and checks that it shows what its caption claims.

use crate::activation::Activation;
use crate::config::Config;
use crate::data::{DatasetKind, Feature, Point};
use crate::init::InitScheme;
use crate::link::{Display, LinkState};
use crate::optimizer::OptimizerKind;
use crate::race::{Lane, Race};
use crate::regularization::Regularization;

/// One preset.
#[derive(Debug, Clone, Copy)]
pub struct Lesson {
    /// The name in links: `lesson=<id>`.
    pub id: &'static str,
    /// The menu entry.
    pub title: &'static str,
    /// One paragraph in the course's terms: what to do and what to see.
    pub caption: &'static str,
    /// The settings.
    pub config: fn() -> Config,
    /// Epochs per animation frame, so the point shows within seconds.
    pub speed: u32,
    /// The race the lesson sets up, if it is one.
    pub race: Option<fn() -> Race>,
    /// The loss surface open (`crate::surface`), with two weights as its
    /// axes (flat order) or, `None`, two random directions.
    pub surface: Option<Option<[u32; 2]>>,
}

impl Lesson {
    /// The lesson as a link state.
    pub fn state(&self) -> LinkState {
        LinkState {
            config: (self.config)(),
            display: Display {
                speed: self.speed,
                surface: self.surface.is_some(),
                surface_axes: self.surface.flatten(),
                ..Display::default()
            },
            lesson: Some(self.id.to_owned()),
            race: self.race.map(|race| race()),
            ..LinkState::default()
        }
    }
}

/// The lesson with this id.
pub fn find(id: &str) -> Option<&'static Lesson> {
    ALL.iter().find(|lesson| lesson.id == id)
}

/// The four rows of the XOR truth table, 0 ↦ −3 and 1 ↦ +3, each a small
/// 3×3 cluster so the training and the test set both see every corner.
/// Class 1 (blue) where exactly one input is 1.
pub fn xor_corners() -> Vec<Point> {
    let mut points = Vec::with_capacity(36);
    for (a, b) in [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)] {
        let label = if a == b { 0.0 } else { 1.0 };
        for dx in [-0.5, 0.0, 0.5] {
            for dy in [-0.5, 0.0, 0.5] {
                points.push(Point {
                    x1: 6.0 * a - 3.0 + dx,
                    x2: 6.0 * b - 3.0 + dy,
                    label,
                });
            }
        }
    }
    points
}

fn perceptron_xor() -> Config {
    Config {
        dataset: DatasetKind::Custom,
        custom_points: xor_corners(),
        train_ratio: 80.0,
        hidden: vec![],
        learning_rate: 0.3,
        batch_size: 1,
        ..Config::default()
    }
}

fn xor_2_2_1() -> Config {
    Config {
        hidden: vec![2],
        seed: 2,
        ..perceptron_xor()
    }
}

fn eta_too_large() -> Config {
    Config {
        dataset: DatasetKind::Plane,
        hidden: vec![4],
        learning_rate: 3.0,
        ..Config::default()
    }
}

fn eta_too_small() -> Config {
    Config {
        learning_rate: 0.0001,
        ..Config::default()
    }
}

fn momentum() -> Config {
    Config {
        learning_rate: 0.03,
        optimizer: OptimizerKind::Momentum,
        momentum: 0.9,
        ..Config::default()
    }
}

fn equal_weights() -> Config {
    Config {
        init: InitScheme::Equal,
        init_range: 0.5,
        learning_rate: 0.1,
        ..Config::default()
    }
}

/// Many units, every feature, few noisy points: room to fit the noise.
fn overfit() -> Config {
    Config {
        num_points: Some(80),
        noise: 30.0,
        features: Feature::ALL.to_vec(),
        hidden: vec![16, 16],
        learning_rate: 0.03,
        batch_size: 5,
        ..Config::default()
    }
}

fn overfit_l2() -> Config {
    Config {
        regularization: Regularization::L2,
        regularization_rate: 0.01,
        ..overfit()
    }
}

fn overfit_dropout() -> Config {
    Config {
        dropout: vec![0.5, 0.5],
        ..overfit()
    }
}

fn early_stopping() -> Config {
    Config {
        patience: 50,
        ..overfit()
    }
}

fn vanishing() -> Config {
    Config {
        hidden: vec![8, 8, 8, 8],
        activation: Activation::Sigmoid,
        learning_rate: 1.0,
        ..Config::default()
    }
}

fn detectors() -> Config {
    Config {
        hidden: vec![3],
        learning_rate: 0.1,
        ..Config::default()
    }
}

/// A race of lanes with these changes, `epochs` long, to the target `target`.
fn race_of(lanes: &[&[(&str, &str)]], epochs: u64, target: f64) -> Race {
    let lanes = lanes
        .iter()
        .map(|changes| {
            let mut lane = Lane::default();
            for (field, text) in *changes {
                // A lesson's changes are fields and values a lane takes (tested).
                let _ = lane.set(field, text);
            }
            lane
        })
        .collect();
    Race {
        lanes,
        epochs,
        target,
    }
}

/// The spiral with every input feature and two hidden layers of 8.
fn race_optimizers() -> Config {
    Config {
        dataset: DatasetKind::Spiral,
        features: Feature::ALL.to_vec(),
        hidden: vec![8, 8],
        learning_rate: 0.03,
        ..Config::default()
    }
}

fn optimizers_race() -> Race {
    race_of(
        &[
            &[],
            &[("optimizer", "momentum")],
            &[("optimizer", "adam"), ("learningRate", "0.01")],
        ],
        300,
        0.05,
    )
}

/// The plane (regression), as the lesson on a too large η has it, with η = 0.03.
fn race_eta() -> Config {
    Config {
        learning_rate: 0.03,
        ..eta_too_large()
    }
}

fn eta_race() -> Race {
    race_of(
        &[&[("learningRate", "0.003")], &[], &[("learningRate", "3")]],
        300,
        0.001,
    )
}

/// The circle with the default network and η: 250 training points.
fn race_batch() -> Config {
    Config::default()
}

fn batch_race() -> Race {
    race_of(
        &[&[("batchSize", "1")], &[], &[("batchSize", "250")]],
        300,
        0.1,
    )
}

/// XOR from a start that gradient descent cannot bring to zero loss.
fn local_minimum() -> Config {
    Config {
        seed: 1,
        ..xor_2_2_1()
    }
}

fn momentum_bumps() -> Config {
    Config {
        dataset: DatasetKind::Xor,
        ..momentum()
    }
}

/// Full-batch descent (200 training points, batch 200): every uptick of the
/// loss is the step's own overshoot, not the noise of a mini-batch.
fn overshoot() -> Config {
    Config {
        dataset: DatasetKind::Plane,
        num_points: Some(400),
        batch_size: 200,
        hidden: vec![4],
        learning_rate: 1.0,
        ..Config::default()
    }
}

/// Every lesson, in the order of the menu.
pub const ALL: [Lesson; 18] = [
    Lesson {
        id: "perceptron-xor",
        title: "A perceptron cannot learn XOR",
        caption:
            "The four rows of the XOR truth table, one cluster per corner: blue where exactly \
            one of x₁, x₂ is on, orange where both or neither are. With no hidden layer the \
            output node is a perceptron: net = w₁x₁ + w₂x₂ + w₀, and ŷ = ½ is one straight \
            line across the plane. No straight line puts the two blue corners on one side and \
            the two orange corners on the other. Press play: gradient descent moves the line \
            about, the loss stops falling, and at least one corner stays on the wrong side. \
            The data are not linearly separable.",
        config: perceptron_xor,
        speed: 5,
        race: None,
        surface: None,
    },
    Lesson {
        id: "xor-2-2-1",
        title: "A 2-2-1 network learns XOR",
        caption: "The same XOR corners with one hidden layer of two units: two inputs, two \
            hidden nodes, one output. Each hidden node draws its own line (hover it to see o_j \
            over the plane) and the output node combines them: the blue corners end up in the \
            band between two parallel lines. Press play: the loss falls towards zero and every \
            corner is classified right. Not every start gets there: from some random initial \
            weights gradient descent settles in a local minimum, which is why one runs several \
            trials from different random weights.",
        config: xor_2_2_1,
        speed: 5,
        race: None,
        surface: None,
    },
    Lesson {
        id: "eta-too-large",
        title: "η too large: gradient descent diverges",
        caption: "Each update is w_ij := w_ij − η ∂L/∂w_ij. On the plane data (regression) with \
            η = 3, every step is far longer than the slope of the loss justifies: it jumps past \
            the minimum to a point where the loss is higher, and the next jump is longer still. \
            Press play: within a few epochs the loss explodes, and the page stops and puts \
            back the last finite weights. Choose η = 0.03 and press play again.",
        config: eta_too_large,
        speed: 1,
        race: None,
        surface: None,
    },
    Lesson {
        id: "eta-too-small",
        title: "η too small: gradient descent crawls",
        caption: "The circle data with η = 0.0001. Every step goes the right way, downhill, but \
            it is tiny: after hundreds of epochs the loss has hardly moved and the boundary \
            still looks like the random start. Set η to 0.03, press reset and play, and \
            compare how many epochs each needs.",
        config: eta_too_small,
        speed: 25,
        race: None,
        surface: None,
    },
    Lesson {
        id: "momentum",
        title: "Momentum smooths the path",
        caption: "Momentum keeps a memory of the previous updates: Δw_ij(t) = −η ∂L/∂w_ij + \
            μ Δw_ij(t−1), here with η = 0.03 and μ = 0.9. Steps that agree add up, so on a long \
            gentle slope the weights move about 1/(1 − μ) = 10 times farther than plain \
            gradient descent would with the same η; steps that alternate cancel, which damps \
            the oscillations. Press play, then set the optimizer to plain gradient descent \
            (SGD), press reset and play again: with the same η it is still on the plateau. \
            Plain descent with η = 0.3 keeps up, but its loss curve jitters more.",
        config: momentum,
        speed: 5,
        race: None,
        surface: None,
    },
    Lesson {
        id: "equal-weights",
        title: "All-equal initial weights do not learn",
        caption: "Every weight starts at the same value α. Then every unit of a hidden layer \
            computes the same net_j, gets the same δ_j and the same update, so the units stay \
            copies of each other for ever: a layer of four units is no better than one unit. \
            Press play and hover the hidden nodes: their heatmaps stay identical and the \
            circle is never enclosed. Choose \"Uniform in [−α, α]\", press reset and play: \
            random weights break the symmetry.",
        config: equal_weights,
        speed: 5,
        race: None,
        surface: None,
    },
    Lesson {
        id: "overfit",
        title: "Many units on few noisy points overfit",
        caption: "Eighty noisy points of the circle, every input feature and two hidden layers \
            of 16 units: far more weights than the data can pin down. Press play: the \
            training loss keeps falling as the boundary curls around single noisy points, \
            while the test loss, on points the network never trains on, reaches its lowest \
            point and then rises. The network has learned the noise of the training set, not \
            the pattern: it overfits.",
        config: overfit,
        speed: 10,
        race: None,
        surface: None,
    },
    Lesson {
        id: "overfit-l2",
        title: "L2 regularization against overfitting",
        caption: "The same network and data, with an L2 penalty: Loss = data loss + γ Σ w_ij², \
            γ = 0.01. Large weights now cost something, so the network keeps them small and \
            its boundary smooth, and it can no longer bend around single noisy points. Press \
            play: the training loss stays higher than in the overfitting lesson, and the test \
            loss stays lower.",
        config: overfit_l2,
        speed: 10,
        race: None,
        surface: None,
    },
    Lesson {
        id: "overfit-dropout",
        title: "Dropout against overfitting",
        caption: "The same network and data, with dropout 0.5 in each hidden layer: while \
            training, each hidden unit is switched off with probability ½ for each example, so \
            the network cannot rely on one particular path and has to spread what it learns \
            over many connections. Press play: the test loss stays lower than in the \
            overfitting lesson.",
        config: overfit_dropout,
        speed: 10,
        race: None,
        surface: None,
    },
    Lesson {
        id: "early-stopping",
        title: "Early stopping",
        caption: "Running too many epochs overfits. Here training watches the test loss and \
            stops once it has not improved for 50 epochs (patience 50), then puts back the \
            weights of the epoch where it was lowest. Press play: training stops by itself \
            near the bottom of the test-loss curve, before the network has fitted the noise.",
        config: early_stopping,
        speed: 10,
        race: None,
        surface: None,
    },
    Lesson {
        id: "vanishing-gradients",
        title: "A deep sigmoid stack learns slowly",
        caption: "Four hidden layers of sigmoid units. Backpropagation multiplies δ by \
            w_ij·o_i(1 − o_i) at every layer on its way back, and o(1 − o) is at most ¼, so \
            the gradient that reaches the first layers is tiny: their weights hardly change \
            and the loss sits on a plateau for hundreds of epochs before it finally falls. \
            This is the vanishing gradient. Set φ to tanh, press reset and compare.",
        config: vanishing,
        speed: 5,
        race: None,
        surface: None,
    },
    Lesson {
        id: "hidden-detectors",
        title: "Hidden units detect parts of the pattern",
        caption: "Three tanh units in one hidden layer learn the circle. Hover each hidden node: \
            its heatmap is one straight edge, a half-plane where o_j is high. The output node \
            adds the three up, and where all three edges agree lies a triangle around the \
            centre: each hidden unit detects one part of the pattern. This is only an \
            intuition: in larger networks the parts are rarely this easy to name.",
        config: detectors,
        speed: 5,
        race: None,
        surface: None,
    },
    Lesson {
        id: "race-optimizers",
        title: "Race: SGD, momentum and Adam on the spiral",
        caption: "Three copies of one network on the spiral, with the same data, the same initial \
            weights and the same order of examples, trained side by side. Lane 1 is plain \
            gradient descent, Δw_ij = −η ∂L/∂w_ij with η = 0.03. Lane 2 adds momentum, \
            Δw_ij(t) = −η ∂L/∂w_ij + μ Δw_ij(t−1) with μ = 0.9: steps that agree add up, so it \
            goes down the loss manifold faster and more smoothly. Lane 3 is Adam, which uses \
            momentum on top of a step size of its own for every weight, here with η = 0.01. \
            Start the race: Adam reaches the target loss L = 0.05 first, momentum next, and \
            plain gradient descent is still on the plateau when the race ends.",
        config: race_optimizers,
        speed: 2,
        race: Some(optimizers_race),
        surface: None,
    },
    Lesson {
        id: "race-eta",
        title: "Race: η = 0.003, 0.03 and 3",
        caption: "The learning rate sets how far each update goes: w_ij := w_ij − η ∂L/∂w_ij. \
            Three copies of one network on the plane data (regression), with η = 0.003, 0.03 \
            and 3. Start the race: with η = 0.003 every step goes the right way but is tiny, \
            and after 300 epochs the loss has still not reached L = 0.001; η = 0.03 gets there \
            within a few dozen epochs; η = 3 misses the minimum, jumping past it to where the \
            loss is higher, each jump longer than the last, and diverges within a few epochs: \
            its lane stops.",
        config: race_eta,
        speed: 2,
        race: Some(eta_race),
        surface: None,
    },
    Lesson {
        id: "race-batch",
        title: "Race: batch 1, 10 and the full training set",
        caption: "The batch size is how many examples each gradient step averages over. On the \
            circle's 250 training points, batch 1 updates the weights after every example: 250 \
            small, noisy steps per epoch. Batch 10 takes 25 steps per epoch, each on the mean \
            gradient of ten examples; the full batch takes one step per epoch, on the exact \
            gradient of the whole training set. Start the race: counted in epochs, batch 1 \
            reaches L = 0.1 first, batch 10 much later, and the full batch, one step per \
            epoch, hardly moves. Its steps are the most accurate; it takes very few of them.",
        config: race_batch,
        speed: 2,
        race: Some(batch_race),
        surface: None,
    },
    Lesson {
        id: "local-minimum",
        title: "Stuck in a local minimum, out by a restart",
        caption: "The XOR corners and a 2-2-1 network again, from other random initial \
            weights (seed 1). Press play and watch the loss surface: the path rolls downhill \
            into a hollow and stops there, with the loss near 0.06 and one corner still on \
            the wrong side. Around it every direction leads up, so ∂L/∂w_ij is about zero and \
            gradient descent has nowhere to go: a local minimum, not the lowest point. \
            Gradient descent cannot get out by itself; a restart can. In Search, run 10 \
            random restarts: most other seeds roll into the valley where the loss is near \
            zero, and Keep takes the best.",
        config: local_minimum,
        speed: 10,
        race: None,
        surface: Some(None),
    },
    Lesson {
        id: "momentum-bumps",
        title: "Momentum rolls over the bumps",
        caption: "XOR with momentum: Δw_ij(t) = −η ∂L/∂w_ij + μ Δw_ij(t−1), η = 0.03, \
            μ = 0.9. Press play and watch the path on the loss surface and the loss chart: \
            the weights keep some of their speed, so where the surface rises a little they \
            roll on uphill for a few steps (the loss goes up for a moment) and come down on \
            the far side, lower. Then set the optimizer to plain gradient descent (SGD), press \
            reset and play: every step goes straight downhill, the loss never rises, and with \
            the same η it is still high when momentum is already near zero.",
        config: momentum_bumps,
        speed: 5,
        race: None,
        surface: Some(None),
    },
    Lesson {
        id: "overshoot",
        title: "η too large zig-zags across the valley",
        caption: "The plane data with full-batch descent (every step uses all 200 training \
            points) and η = 1. The loss surface here is a long valley with steep sides. Each \
            step w_ij := w_ij − η ∂L/∂w_ij is too long for the steep direction: it jumps \
            across the valley to the opposite slope, and back. Press play: the path zig-zags \
            and the training loss goes up and down almost every epoch, yet it still ends low. \
            Set η = 0.3, reset and play: smooth and lower. At η = 1.5 each jump lands higher \
            than the last and the run diverges.",
        config: overshoot,
        speed: 2,
        race: None,
        surface: Some(None),
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::{decode, encode};

    #[test]
    fn every_lesson_is_valid_and_a_link_that_reads_back() {
        let mut ids: Vec<&str> = ALL.iter().map(|l| l.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len(), "lesson ids are unique");
        for lesson in &ALL {
            let state = lesson.state();
            assert!(state.config.clone().validate().is_ok(), "{}", lesson.id);
            let link = encode(&state);
            assert!(link.contains(&format!("lesson={}", lesson.id)));
            let decoded = decode(&link);
            assert_eq!(decoded.warnings, vec![], "{}", lesson.id);
            assert_eq!(decoded.state, state);
            assert!(find(lesson.id).is_some());
        }
        assert!(find("nope").is_none());
    }

    #[test]
    fn every_race_lesson_sets_what_it_says_and_its_lanes_run() {
        let races = [
            (
                "race-optimizers",
                optimizers_race as fn() -> Race,
                [0, 1, 2],
            ),
            ("race-eta", eta_race, [1, 0, 1]),
            ("race-batch", batch_race, [1, 0, 1]),
        ];
        for (id, race, changes) in races {
            let lesson = find(id).unwrap();
            let race = race();
            let counts: Vec<usize> = race.lanes.iter().map(|l| l.0.len()).collect();
            assert_eq!(counts, changes, "{id}: a change was refused");
            assert_eq!(race.configs(&(lesson.config)()).unwrap().len(), 3, "{id}");
        }
    }
}
