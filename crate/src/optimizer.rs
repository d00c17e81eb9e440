//! How a gradient becomes a weight change: plain gradient descent and the
//! optimizers the course mentions. Each keeps its per-weight state beside
//! the rule that uses it.
//!
//! Every rule below receives g = ∂L/∂w (+ γ ∂R/∂w) for one weight and
//! returns the change Δw to add to it.

use serde::{Deserialize, Serialize};

use crate::network::{Gradients, Network};
use crate::regularization::Regularization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum OptimizerKind {
    /// Δw = −η g.
    Sgd,
    /// The course's momentum: Δw_t = −η g + μ Δw_{t−1}.
    Momentum,
    /// Nesterov momentum (in the form that needs only the current gradient):
    /// v_t = μ v_{t−1} − η g;  Δw = μ v_t − η g.
    Nesterov,
    /// Adagrad: G += g²;  Δw = −η g / (√G + ε). Rarely-moved weights keep
    /// larger steps.
    Adagrad,
    /// RMSProp: E = ρ E + (1 − ρ) g²;  Δw = −η g / (√E + ε).
    RmsProp,
    /// Adam: m = β₁ m + (1 − β₁) g;  v = β₂ v + (1 − β₂) g²;
    /// Δw = −η m̂ / (√v̂ + ε) with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ).
    Adam,
    /// Adadelta (Zeiler 2012, as in ConvNetJS): E[g²] = ρ E[g²] + (1 − ρ) g²;
    /// s = √(E[Δw²] + ε) / √(E[g²] + ε) · g;  E[Δw²] = ρ E[Δw²] + (1 − ρ) s²;
    /// Δw = −η s. The paper has no η (η = 1 here); like PyTorch and Keras we
    /// keep η as a multiplier, so the η field still means something, and
    /// E[Δw²] accumulates the step before η.
    Adadelta,
    /// AdamW (Loshchilov & Hutter 2019): Adam on ∂L/∂w alone, the penalty
    /// taken out of m and v and applied as its own step:
    /// Δw = −η (m̂ / (√v̂ + ε) + γ ∂R/∂w). λ is the regularization rate γ with
    /// the chosen penalty, so with L2 (R = Σw², ∂R/∂w = 2w) the weights decay
    /// by 2ηγw each step; with no penalty AdamW is Adam.
    AdamW,
}

impl OptimizerKind {
    pub const ALL: [OptimizerKind; 8] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Nesterov,
        OptimizerKind::Adagrad,
        OptimizerKind::RmsProp,
        OptimizerKind::Adam,
        OptimizerKind::Adadelta,
        OptimizerKind::AdamW,
    ];

    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Nesterov => "nesterov",
            OptimizerKind::Adagrad => "adagrad",
            OptimizerKind::RmsProp => "rmsProp",
            OptimizerKind::Adam => "adam",
            OptimizerKind::Adadelta => "adadelta",
            OptimizerKind::AdamW => "adamW",
        }
    }
}

impl OptimizerKind {
    /// The menu's label.
    pub fn label(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "Gradient descent (SGD)",
            OptimizerKind::Momentum => "Momentum",
            OptimizerKind::Nesterov => "Nesterov momentum",
            OptimizerKind::Adagrad => "Adagrad",
            OptimizerKind::RmsProp => "RMSProp",
            OptimizerKind::Adam => "Adam",
            OptimizerKind::Adadelta => "Adadelta",
            OptimizerKind::AdamW => "AdamW",
        }
    }

    /// A short name, where a few settings are named together (a race's legend).
    pub fn short_label(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "SGD",
            OptimizerKind::Nesterov => "Nesterov",
            other => other.label(),
        }
    }

    /// One line in the course's words, shown under the menu.
    pub fn explanation(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "Δw = −η ∂L/∂w: a step downhill, its size set by η alone.",
            OptimizerKind::Momentum => "Δw_t = −η ∂L/∂w + μ Δw_{t−1}: the last step carries on, smoothing a zig-zag path.",
            OptimizerKind::Nesterov => "Momentum that looks ahead: the step is corrected by the gradient where momentum is taking the weights.",
            OptimizerKind::Adagrad => "Divides η by the root of each weight's summed g²: rarely moved weights keep larger steps; steps only shrink.",
            OptimizerKind::RmsProp => "Divides η by the root of a running mean of g² (decay ρ): per-weight step sizes that can grow again.",
            OptimizerKind::Adam => "Momentum (β₁) and RMSProp (β₂) together, bias-corrected: the usual first choice.",
            OptimizerKind::Adadelta => "RMSProp whose step is scaled by the root of a running mean of past steps² (decay ρ) instead of by η: η = 1 is the published rule.",
            OptimizerKind::AdamW => "Adam with the penalty kept out of its running means: the weights decay by η γ ∂R/∂w apart from the adaptive step (λ = γ).",
        }
    }

    /// The config fields of the hyperparameters it reads (the page shows
    /// only these).
    pub fn hyperparameters(self) -> &'static [&'static str] {
        match self {
            OptimizerKind::Sgd => &[],
            OptimizerKind::Momentum | OptimizerKind::Nesterov => &["momentum"],
            OptimizerKind::Adagrad => &["epsilon"],
            OptimizerKind::RmsProp => &["rho", "epsilon"],
            OptimizerKind::Adam | OptimizerKind::AdamW => &["beta1", "beta2", "epsilon"],
            OptimizerKind::Adadelta => &["rho", "epsilon"],
        }
    }
}

/// An optimizer and its hyperparameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptimizerSettings {
    pub kind: OptimizerKind,
    /// μ for momentum and Nesterov.
    pub momentum: f64,
    /// ρ for RMSProp and Adadelta.
    pub rho: f64,
    pub beta1: f64,
    pub beta2: f64,
    /// ε: keeps the division finite when the accumulated squares are 0.
    pub epsilon: f64,
}

impl OptimizerSettings {
    /// Plain gradient descent.
    pub const SGD: OptimizerSettings = OptimizerSettings {
        kind: OptimizerKind::Sgd,
        momentum: 0.9,
        rho: 0.9,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
    };
}

/// One weight's optimizer state: `first` is Δw_{t−1}, v, m or E[Δw²];
/// `second` is G, E, v or E[g²] (the accumulated squares).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Slot {
    pub first: f64,
    pub second: f64,
}

impl OptimizerSettings {
    /// Δw for one weight with gradient `g` at update number `t` (from 1).
    pub fn delta(&self, g: f64, eta: f64, slot: &mut Slot, t: u64) -> f64 {
        self.delta_at(g, eta, slot, &Update::new(self, t))
    }

    /// [`OptimizerSettings::delta`] with what depends only on t worked out.
    fn delta_at(&self, g: f64, eta: f64, slot: &mut Slot, update: &Update) -> f64 {
        self.delta_of(self.kind, g, eta, slot, update)
    }

    /// [`Self::delta_at`] by the rule of `kind`: called with a constant kind,
    /// the choice of rule is made where it is called, not per weight.
    #[inline(always)]
    fn delta_of(
        &self,
        kind: OptimizerKind,
        g: f64,
        eta: f64,
        slot: &mut Slot,
        update: &Update,
    ) -> f64 {
        match kind {
            OptimizerKind::Sgd => -eta * g,
            OptimizerKind::Momentum => {
                slot.first = -eta * g + self.momentum * slot.first;
                slot.first
            }
            OptimizerKind::Nesterov => {
                slot.first = self.momentum * slot.first - eta * g;
                self.momentum * slot.first - eta * g
            }
            OptimizerKind::Adagrad => {
                slot.second += g * g;
                -eta * g / (slot.second.sqrt() + self.epsilon)
            }
            OptimizerKind::RmsProp => {
                slot.second = self.rho * slot.second + (1.0 - self.rho) * g * g;
                -eta * g / (slot.second.sqrt() + self.epsilon)
            }
            OptimizerKind::Adadelta => {
                slot.second = self.rho * slot.second + (1.0 - self.rho) * g * g;
                let step =
                    (slot.first + self.epsilon).sqrt() / (slot.second + self.epsilon).sqrt() * g;
                slot.first = self.rho * slot.first + (1.0 - self.rho) * step * step;
                -eta * step
            }
            OptimizerKind::Adam | OptimizerKind::AdamW => {
                slot.first = self.beta1 * slot.first + (1.0 - self.beta1) * g;
                slot.second = self.beta2 * slot.second + (1.0 - self.beta2) * g * g;
                let m_hat = slot.first / update.first_correction;
                let v_hat = slot.second / update.second_correction;
                -eta * m_hat / (v_hat.sqrt() + self.epsilon)
            }
        }
    }
}

/// What an update's Δw depend on besides the weight: Adam's bias
/// corrections 1 − β₁ᵗ and 1 − β₂ᵗ, worked out once per update rather than
/// once per weight.
#[derive(Debug, Clone, Copy)]
struct Update {
    first_correction: f64,
    second_correction: f64,
}

impl Update {
    fn new(settings: &OptimizerSettings, t: u64) -> Self {
        // Only Adam and AdamW read them: the others skip two powers per
        // batch (a library call in the wasm, 3 % of a small run's epoch).
        if !matches!(settings.kind, OptimizerKind::Adam | OptimizerKind::AdamW) {
            return Update {
                first_correction: 1.0,
                second_correction: 1.0,
            };
        }
        let t = i32::try_from(t).unwrap_or(i32::MAX);
        Update {
            first_correction: 1.0 - settings.beta1.powi(t),
            second_correction: 1.0 - settings.beta2.powi(t),
        }
    }
}

/// An optimizer with its state for every weight and bias of one network.
/// It is rebuilt whenever the network is (reset, new config), so its state
/// never outlives the weights it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Optimizer {
    pub settings: OptimizerSettings,
    /// Per layer: one slot per weight (in the matrix's storage order), then
    /// one per bias.
    slots: Vec<Vec<Slot>>,
    /// Updates made so far (Adam's t).
    steps: u64,
}

impl Optimizer {
    pub fn new(settings: OptimizerSettings, network: &Network) -> Self {
        let slots = network
            .layers
            .iter()
            .map(|layer| vec![Slot::default(); layer.weights.len() + layer.biases.len()])
            .collect();
        Optimizer {
            settings,
            slots,
            steps: 0,
        }
    }

    /// The state as numbers: the update count, then each slot's `first` and
    /// `second`, layer by layer in storage order. [`Optimizer::set_state`]
    /// reads it back exactly.
    pub fn state(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(1 + 2 * self.slots.iter().map(Vec::len).sum::<usize>());
        // Update counts stay far below 2^53, where an f64 still counts exactly.
        out.push(self.steps as f64);
        for slot in self.slots.iter().flatten() {
            out.push(slot.first);
            out.push(slot.second);
        }
        out
    }

    /// Takes the state [`Optimizer::state`] gave for an optimizer of the same
    /// network; refuses numbers of another count, a count of updates that is
    /// not a whole number, or a non-finite slot, and then changes nothing.
    pub fn set_state(&mut self, values: &[f64]) -> Result<(), String> {
        let slots: usize = self.slots.iter().map(Vec::len).sum();
        let Some((&steps, rest)) = values.split_first() else {
            return Err("no optimizer state".to_owned());
        };
        if rest.len() != 2 * slots {
            return Err(format!(
                "{} numbers of optimizer state for {slots} weights and biases",
                values.len()
            ));
        }
        if !(steps >= 0.0 && steps.fract() == 0.0 && steps < 2f64.powi(53)) {
            return Err("the optimizer's update count is not a whole number".to_owned());
        }
        if rest.iter().any(|v| !v.is_finite()) {
            return Err("the optimizer's state holds a number that is not finite".to_owned());
        }
        // Checked whole and below 2^53 just above.
        self.steps = steps as u64;
        for (slot, pair) in self.slots.iter_mut().flatten().zip(rest.chunks_exact(2)) {
            slot.first = pair[0];
            slot.second = pair[1];
        }
        Ok(())
    }

    /// Applies one update to every weight (gradient plus γ ∂R/∂w, or for
    /// AdamW the gradient's step and −η γ ∂R/∂w apart) and, unless frozen,
    /// every bias (no penalty on biases).
    pub fn apply(
        &mut self,
        network: &mut Network,
        gradients: &Gradients,
        eta: f64,
        regularization: Regularization,
        gamma: f64,
    ) {
        self.steps += 1;
        let update = Update::new(&self.settings, self.steps);
        // The regularization's rule and the optimizer's are picked here, once
        // per update: each weight's loop below is then a straight line (one
        // loop per pair of rules), which the wasm runs two weights at a time.
        // Each weight gets exactly the arithmetic it got with the choices
        // made per weight.
        let penalty = |rule: Regularization| move |w: f64| gamma * rule.derivative(w);
        use Regularization as R;
        let (net, grads, update) = (network, gradients, &update);
        match regularization {
            R::None => self.apply_rule(net, grads, eta, update, penalty(R::None)),
            R::L1 => self.apply_rule(net, grads, eta, update, penalty(R::L1)),
            R::L2 => self.apply_rule(net, grads, eta, update, penalty(R::L2)),
        }
    }

    /// [`Self::apply`] with the regularization's γ ∂R/∂w given: picks the
    /// optimizer's rule.
    fn apply_rule(
        &mut self,
        network: &mut Network,
        gradients: &Gradients,
        eta: f64,
        update: &Update,
        penalty: impl Fn(f64) -> f64 + Copy,
    ) {
        use OptimizerKind as K;
        let s = self.settings;
        let rule = |kind: K| move |g: f64, slot: &mut Slot| s.delta_of(kind, g, eta, slot, update);
        let (net, grads) = (network, gradients);
        match s.kind {
            K::Sgd => self.apply_each(net, grads, eta, penalty, false, rule(K::Sgd)),
            K::Momentum => self.apply_each(net, grads, eta, penalty, false, rule(K::Momentum)),
            K::Nesterov => self.apply_each(net, grads, eta, penalty, false, rule(K::Nesterov)),
            K::Adagrad => self.apply_each(net, grads, eta, penalty, false, rule(K::Adagrad)),
            K::RmsProp => self.apply_each(net, grads, eta, penalty, false, rule(K::RmsProp)),
            K::Adadelta => self.apply_each(net, grads, eta, penalty, false, rule(K::Adadelta)),
            K::Adam => self.apply_each(net, grads, eta, penalty, false, rule(K::Adam)),
            K::AdamW => self.apply_each(net, grads, eta, penalty, true, rule(K::AdamW)),
        }
    }

    /// [`Self::apply`] with both rules given: Δw from `delta`, the penalty
    /// added to the gradient, or for AdamW (`decoupled`) −η γ ∂R/∂w apart.
    fn apply_each(
        &mut self,
        network: &mut Network,
        gradients: &Gradients,
        eta: f64,
        penalty: impl Fn(f64) -> f64,
        decoupled: bool,
        delta: impl Fn(f64, &mut Slot) -> f64,
    ) {
        let frozen = network.freeze_biases;
        for (l, layer) in network.layers.iter_mut().enumerate() {
            let (weight_slots, bias_slots) = self.slots[l].split_at_mut(layer.weights.len());
            // Storage order, as plain slices (nalgebra's iterators step through
            // strides, several times slower at these sizes).
            for ((w, &g), slot) in layer
                .weights
                .as_mut_slice()
                .iter_mut()
                .zip(gradients.weights[l].as_slice())
                .zip(weight_slots)
            {
                let penalty = penalty(*w);
                *w += if decoupled {
                    delta(g, slot) - eta * penalty
                } else {
                    delta(g + penalty, slot)
                };
            }
            if !frozen {
                for ((b, &g), slot) in layer
                    .biases
                    .as_mut_slice()
                    .iter_mut()
                    .zip(gradients.biases[l].as_slice())
                    .zip(bias_slots)
                {
                    *b += delta(g, slot);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ETA: f64 = 0.1;

    fn settings(kind: OptimizerKind) -> OptimizerSettings {
        OptimizerSettings {
            kind,
            ..OptimizerSettings::SGD
        }
    }

    /// Two updates of one weight with gradients g₁ = 0.5 then g₂ = −0.2;
    /// returns the two Δw.
    fn two_steps(kind: OptimizerKind) -> (f64, f64) {
        let s = settings(kind);
        let mut slot = Slot::default();
        let first = s.delta(0.5, ETA, &mut slot, 1);
        let second = s.delta(-0.2, ETA, &mut slot, 2);
        (first, second)
    }

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 1e-12,
            "got {actual}, expected {expected}"
        );
    }

    // Expected values below are worked by hand from each published rule, with
    // η = 0.1, μ = ρ = β₁ = 0.9, β₂ = 0.999, ε = 1e-8.

    #[test]
    fn sgd_steps_against_the_gradient() {
        let (a, b) = two_steps(OptimizerKind::Sgd);
        close(a, -0.05);
        close(b, 0.02);
    }

    #[test]
    fn momentum_is_the_course_formula() {
        // Δw₁ = −0.1·0.5 = −0.05;  Δw₂ = −0.1·(−0.2) + 0.9·(−0.05) = 0.02 − 0.045 = −0.025.
        let (a, b) = two_steps(OptimizerKind::Momentum);
        close(a, -0.05);
        close(b, -0.025);
    }

    #[test]
    fn nesterov_looks_ahead() {
        // v₁ = −0.05, Δw₁ = 0.9·(−0.05) − 0.05 = −0.095.
        // v₂ = 0.9·(−0.05) + 0.02 = −0.025, Δw₂ = 0.9·(−0.025) + 0.02 = −0.0025.
        let (a, b) = two_steps(OptimizerKind::Nesterov);
        close(a, -0.095);
        close(b, -0.0025);
    }

    #[test]
    fn adagrad_divides_by_the_accumulated_squares() {
        // G₁ = 0.25, Δw₁ = −0.1·0.5/(0.5 + ε);  G₂ = 0.29, Δw₂ = 0.02/(√0.29 + ε).
        let (a, b) = two_steps(OptimizerKind::Adagrad);
        close(a, -0.05 / (0.5 + 1e-8));
        close(b, 0.02 / (0.29f64.sqrt() + 1e-8));
    }

    #[test]
    fn rmsprop_divides_by_a_running_average_of_squares() {
        // E₁ = 0.1·0.25 = 0.025;  E₂ = 0.9·0.025 + 0.1·0.04 = 0.0265.
        let (a, b) = two_steps(OptimizerKind::RmsProp);
        close(a, -0.05 / (0.025f64.sqrt() + 1e-8));
        close(b, 0.02 / (0.0265f64.sqrt() + 1e-8));
    }

    #[test]
    fn adam_corrects_its_bias() {
        // t = 1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25 → Δw = −0.1·0.5/(0.5 + ε).
        // t = 2: m = 0.045 − 0.02 = 0.025, v = 0.00024975 + 0.00004 = 0.00028975,
        //        m̂ = 0.025/0.19, v̂ = 0.00028975/0.001999.
        let (a, b) = two_steps(OptimizerKind::Adam);
        close(a, -0.05 / (0.5 + 1e-8));
        let m_hat = 0.025 / (1.0 - 0.81);
        let v_hat = 0.000_289_75 / (1.0 - 0.999f64.powi(2));
        close(b, -0.1 * m_hat / (v_hat.sqrt() + 1e-8));
    }

    /// Relative closeness, for steps far below 1.
    fn near(actual: f64, expected: f64) {
        assert!(
            ((actual - expected) / expected).abs() < 1e-12,
            "got {actual}, expected {expected}"
        );
    }

    #[test]
    fn adadelta_scales_by_its_past_steps() {
        // t = 1: E[g²] = 0.1·0.25 = 0.025; s = √(0 + ε)/√(0.025 + ε)·0.5
        //        = 1e-4/0.1581139·0.5 ≈ 3.16228e-4; Δw₁ = −0.1·s ≈ −3.16228e-5;
        //        E[Δw²] = 0.1·s² = 0.1·(1e-8·0.25/0.02500001) ≈ 9.999996e-9.
        // t = 2: E[g²] = 0.9·0.025 + 0.1·0.04 = 0.0265;
        //        s = √(9.999996e-9 + 1e-8)/√(0.0265 + 1e-8)·(−0.2)
        //        = 1.4142134e-4/0.1627882·(−0.2) ≈ −1.73749e-4; Δw₂ ≈ +1.73749e-5.
        let (a, b) = two_steps(OptimizerKind::Adadelta);
        let s1 = (1e-8f64).sqrt() / (0.025f64 + 1e-8).sqrt() * 0.5;
        near(a, -0.1 * s1);
        assert!((a + 3.16228e-5).abs() < 1e-10, "{a}");
        let e_dw = 0.1 * s1 * s1;
        let s2 = (e_dw + 1e-8).sqrt() / (0.0265f64 + 1e-8).sqrt() * -0.2;
        near(b, -0.1 * s2);
        assert!((b - 1.73749e-5).abs() < 1e-10, "{b}");
    }

    /// One linear unit over two inputs, weights [1, 1] and bias 0.
    fn one_linear_unit() -> Network {
        use crate::activation::Activation;
        use crate::network::LayerSpec;
        Network::from_weights(
            2,
            &[LayerSpec::new(
                vec![vec![1.0], vec![1.0]],
                vec![0.0],
                Activation::Linear,
            )],
        )
        .unwrap()
    }

    /// One linear unit with weights [1, 1] and bias 0 after two updates with
    /// gradients [0.5, 0] then [−0.2, 0], L2 penalty γ = 0.01.
    fn two_penalised_steps(kind: OptimizerKind) -> (f64, f64, f64) {
        use nalgebra::{DMatrix, DVector};
        let mut network = one_linear_unit();
        let mut optimizer = Optimizer::new(settings(kind), &network);
        let gradients = |g| Gradients {
            weights: vec![DMatrix::from_column_slice(2, 1, &[g, 0.0])],
            biases: vec![DVector::from_element(1, 0.0)],
        };
        optimizer.apply(&mut network, &gradients(0.5), ETA, Regularization::L2, 0.01);
        let after_one = network.layers[0].weights[(0, 0)];
        optimizer.apply(
            &mut network,
            &gradients(-0.2),
            ETA,
            Regularization::L2,
            0.01,
        );
        let w = &network.layers[0].weights;
        (after_one, w[(0, 0)], w[(1, 0)])
    }

    #[test]
    fn adamw_decays_apart_from_its_step() {
        // γ ∂R/∂w = 0.01·2w = 0.02w. First weight:
        // t = 1: m̂ = 0.5, v̂ = 0.25 as for Adam: Δw₁ = −0.1·(0.5/(0.5 + ε) + 0.02·1)
        //        ≈ −0.102, w = 0.898.
        // t = 2: m̂ = 0.025/0.19, v̂ = 0.00028975/0.001999 as for Adam;
        //        Δw₂ = −0.1·(m̂/(√v̂ + ε) + 0.02·0.898) ≈ −0.1·(0.34561 + 0.01796).
        // Second weight, never a gradient: Adam's step is 0/(0 + ε) = 0 and it
        // only decays: 1 → 0.998 → 0.998 − 0.002·0.998 = 0.996004.
        let (one, two, idle) = two_penalised_steps(OptimizerKind::AdamW);
        let w1 = 1.0 - 0.1 * (0.5 / (0.5 + 1e-8) + 0.02);
        close(one, w1);
        assert!((one - 0.898).abs() < 1e-8);
        let m_hat = 0.025 / (1.0 - 0.81);
        let v_hat = 0.000_289_75 / (1.0 - 0.999f64.powi(2));
        close(two, w1 - 0.1 * (m_hat / (v_hat.sqrt() + 1e-8) + 0.02 * w1));
        close(idle, 0.996_004);
        // Adam puts the same penalty into g, where the normalisation all but
        // cancels it: g = 0.52, m̂ = 0.52, v̂ = 0.2704, Δw₁ = −0.1·0.52/(0.52 + ε);
        // and the idle weight, whose only gradient is 0.02w, moves by about η
        // each step: 1 → 0.9 → ≈ 0.8004.
        let (adam, _, adam_idle) = two_penalised_steps(OptimizerKind::Adam);
        close(adam, 1.0 - 0.1 * 0.52 / (0.52 + 1e-8));
        assert!(adam_idle < 0.81, "{adam_idle}");
    }

    #[test]
    fn state_lives_per_weight() {
        use nalgebra::{DMatrix, DVector};
        let mut network = one_linear_unit();
        let mut optimizer = Optimizer::new(settings(OptimizerKind::Momentum), &network);
        let gradients = Gradients {
            weights: vec![DMatrix::from_column_slice(2, 1, &[1.0, 0.0])],
            biases: vec![DVector::from_element(1, 0.0)],
        };
        optimizer.apply(&mut network, &gradients, ETA, Regularization::None, 0.0);
        optimizer.apply(&mut network, &gradients, ETA, Regularization::None, 0.0);
        // First weight: −0.1, then −0.1 + 0.9·(−0.1) = −0.19; second never moves.
        close(network.layers[0].weights[(0, 0)], 1.0 - 0.1 - 0.19);
        close(network.layers[0].weights[(1, 0)], 1.0);
    }
}
