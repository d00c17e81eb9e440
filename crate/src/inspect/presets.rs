//! The course's exercises that fit the inspector, each a run's config, its
//! network's values and the examples to step through in order.

use serde::Serialize;

use crate::activation::Activation;
use crate::config::Config;
use crate::data::{DatasetKind, Feature, Point, Problem};
use crate::loss::Loss;

use super::{Example, LayerValues};

/// A ready-made exercise: a run's config, its network's values, and the
/// examples to step through in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    /// Where it comes from and what to look for.
    pub summary: &'static str,
    pub config: Config,
    pub layers: Vec<LayerValues>,
    pub examples: Vec<Example>,
}

/// A config for a hand-built exercise on inputs x₁, x₂: a custom dataset of
/// the given points (classes 0 and 1), trained one example at a time.
fn exercise_config(points: &[(f64, f64, f64)], hidden: Vec<usize>, loss: Loss, eta: f64) -> Config {
    Config {
        dataset: DatasetKind::Custom,
        custom_points: points
            .iter()
            .map(|&(x1, x2, label)| Point { x1, x2, label })
            .collect(),
        custom_problem: Problem::Classification,
        train_ratio: 75.0,
        features: vec![Feature::X1, Feature::X2],
        hidden,
        activation: Activation::Sigmoid,
        output_activation: Some(Activation::Sigmoid),
        init_bias: 0.0,
        freeze_biases: true,
        loss,
        learning_rate: eta,
        batch_size: 1,
        ..Config::default()
    }
}

/// The course's examples that fit the inspector.
pub fn presets() -> Vec<Preset> {
    // The worked example's four XOR instances with the slides' targets 0.1 and
    // 0.9; on the plot they are the classes 0 and 1.
    let xor = [
        (0.1, 0.1, 0.1),
        (0.1, 0.9, 0.9),
        (0.9, 0.1, 0.9),
        (0.9, 0.9, 0.1),
    ];
    let classes = xor.map(|(x1, x2, y)| (x1, x2, if y > 0.5 { 1.0 } else { 0.0 }));
    let examples = |list: &[(f64, f64, f64)]| {
        list.iter()
            .map(|&(x1, x2, y)| Example { x1, x2, y })
            .collect()
    };
    // One sigmoid neuron without threshold: w₁₃ x₁ + w₂₃ x₂ = 0.5 − 1 = −0.5
    // at ⟨1, 1⟩, so ŷ = σ(−0.5) = 1/(1 + e^0.5) = 0.3775 as on the slide.
    let neuron = vec![LayerValues {
        weights: vec![vec![0.5], vec![-1.0]],
        biases: vec![0.0],
    }];
    let neuron_points = [(1.0, 1.0, 1.0), (-1.0, -1.0, 0.0)];
    let cross_entropy_points = [(1.0, 1.0, 1.0), (1.0, 1.0, 0.0)];
    vec![
        Preset {
            id: "workedExample",
            title: "The course's worked example (2-2-1, XOR)",
            summary: "The first course note's example: inputs 1, 2 → hidden 3, 4 → output 5, all sigmoid, thresholds zero and frozen, η = 0.2, ½ squared error, the four XOR instances in order. The first instance gives o₃ = o₄ = o₅ = 0.5, δ₅ = 0.1, δ₄ = 0.0025, δ₃ = −0.0025, w₄₅ = 0.09, w₃₅ = −0.11, w₂₄ = 0.09995. The inspector's targets are the slides' 0.1 and 0.9; the plot shows the instances as classes 0 and 1.",
            config: exercise_config(&classes, vec![2], Loss::SquaredError, 0.2),
            layers: vec![
                LayerValues {
                    weights: vec![vec![0.1, -0.1], vec![-0.1, 0.1]],
                    biases: vec![0.0, 0.0],
                },
                LayerValues {
                    weights: vec![vec![-0.1], vec![0.1]],
                    biases: vec![0.0],
                },
            ],
            examples: examples(&xor),
        },
        Preset {
            id: "singleNeuron",
            title: "A single sigmoid neuron",
            summary: "Feeding data through one sigmoid neuron with threshold 0: at ⟨1, 1⟩ the weights 0.5 and −1 give net = −0.5, so o = 1/(1 + e^0.5) = 0.3775, as on the slide; at ⟨−1, −1⟩ net = 0.5 and o = 0.6225. ½ squared error, η = 0.1.",
            config: exercise_config(&neuron_points, Vec::new(), Loss::SquaredError, 0.1),
            layers: neuron.clone(),
            examples: examples(&neuron_points),
        },
        Preset {
            id: "crossEntropy",
            title: "Binary cross-entropy exercise (y = 1 and y = 0)",
            summary: "The in-class exercise: the same neuron with L = −(y log ŷ + (1 − y) log(1 − ŷ)). Backpropagating gives δ = ∂L/∂net = ŷ − y, so ∂L/∂w₁ = (ŷ − y) x₁ and ∂L/∂x₁ = w₁ (ŷ − y). Step the case y = 1, then y = 0, at the same input. η = 0.1.",
            config: exercise_config(&cross_entropy_points, Vec::new(), Loss::BinaryCrossEntropy, 0.1),
            layers: neuron,
            examples: examples(&cross_entropy_points),
        },
    ]
}
