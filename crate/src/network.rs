//! A feed-forward network of dense layers, its forward pass on a batch, and
//! backpropagation of δ through it.
//!
//! Notation follows the course notes: node i of one layer feeds node j of the
//! next through the weight w_ij; net_j = Σ_i w_ij o_i + w_0j; o_j = φ(net_j);
//! δ_j = ∂L/∂net_j; ∂L/∂w_ij = o_i δ_j.

use core::ops::Range;

use nalgebra::{DMatrix, DVector};

use crate::activation::Activation;
use crate::init::InitScheme;
use crate::kernels::{self, fit, Packed, Right};
use crate::loss::Loss;
use crate::rng::Pcg32;

/// One dense layer: every node of the previous layer feeds every unit here.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// rows = nodes i of the previous layer, columns = units j of this one: w_ij.
    pub weights: DMatrix<f64>,
    /// One bias (threshold) w_0j per unit.
    pub biases: DVector<f64>,
    /// φ of every unit in this layer.
    pub activation: Activation,
}

impl Layer {
    /// Number of nodes feeding this layer.
    pub fn inputs(&self) -> usize {
        self.weights.nrows()
    }

    /// Number of units in this layer.
    pub fn units(&self) -> usize {
        self.weights.ncols()
    }

    /// net_j = Σ_i w_ij o_i + w_0j for every example (row) of `previous`.
    /// Each net_j sums its products in order i = 1, 2, … and then adds w_0j
    /// (see [`kernels`]), the same bits on every machine.
    pub fn net(&self, previous: &DMatrix<f64>) -> DMatrix<f64> {
        let mut net = DMatrix::zeros(previous.nrows(), self.units());
        self.net_into(previous, &mut net);
        net
    }

    /// [`Layer::net`] into `net` (rows = examples of `previous`, columns =
    /// units), every value overwritten.
    pub fn net_into(&self, previous: &DMatrix<f64>, net: &mut DMatrix<f64>) {
        assert_eq!(net.shape(), (previous.nrows(), self.units()));
        kernels::multiply(
            previous.as_slice(),
            previous.nrows(),
            Right::plain(self.weights.as_slice(), self.inputs()),
            self.units(),
            Some(self.biases.as_slice()),
            net.as_mut_slice(),
        );
    }
}

/// A multi-layer network: the input nodes are the features (no activation),
/// then hidden layers, then the output layer (the last one).
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub layers: Vec<Layer>,
    /// Keep every bias at its current value (the course's worked example fixes
    /// thresholds at zero).
    pub freeze_biases: bool,
}

/// Everything the forward pass computed on a batch that the backward pass and
/// the heatmaps need. Every matrix has one row per example.
#[derive(Debug, Clone)]
pub struct ForwardPass {
    /// rows = examples, columns = input features.
    pub input: DMatrix<f64>,
    /// net_j per layer: rows = examples, columns = units.
    pub nets: Vec<DMatrix<f64>>,
    /// o_j = φ(net_j) per layer (times the dropout mask, if any): rows =
    /// examples, columns = units.
    pub outputs: Vec<DMatrix<f64>>,
    /// Inverted-dropout masks per layer while training: each entry is 0 (the
    /// unit is dropped for that example) or 1/(1 − p). Empty when not training.
    pub masks: Vec<Option<DMatrix<f64>>>,
}

impl ForwardPass {
    /// A pass over `input` not yet made: [`Network::forward_into`] fills it.
    pub fn of(input: DMatrix<f64>) -> Self {
        ForwardPass {
            input,
            nets: Vec::new(),
            outputs: Vec::new(),
            masks: Vec::new(),
        }
    }

    /// The network's output ŷ: rows = examples, columns = output nodes.
    pub fn prediction(&self) -> &DMatrix<f64> {
        self.outputs.last().unwrap_or(&self.input)
    }

    /// The values o_i feeding layer `layer`: the inputs for the first layer.
    pub fn layer_input(&self, layer: usize) -> &DMatrix<f64> {
        if layer == 0 {
            &self.input
        } else {
            &self.outputs[layer - 1]
        }
    }
}

/// ∂L/∂w for every weight and bias, in the shapes of the network's layers.
#[derive(Debug, Clone, PartialEq)]
pub struct Gradients {
    pub weights: Vec<DMatrix<f64>>,
    pub biases: Vec<DVector<f64>>,
}

/// The result of backpropagation on a batch.
#[derive(Debug, Clone)]
pub struct Backward {
    /// δ_j per layer and per example: rows = examples, columns = units.
    pub deltas: Vec<DMatrix<f64>>,
    /// Mean gradient over the batch.
    pub gradients: Gradients,
}

impl Backward {
    /// Nothing computed yet: [`Network::backward_into`] fills it.
    pub fn empty() -> Self {
        Backward {
            deltas: Vec::new(),
            gradients: Gradients {
                weights: Vec::new(),
                biases: Vec::new(),
            },
        }
    }
}

/// `list` with exactly `count` matrices, reusing those it has.
fn fit_list(list: &mut Vec<DMatrix<f64>>, count: usize) {
    list.truncate(count);
    list.resize_with(count, || DMatrix::zeros(0, 0));
}

/// One layer written out by hand: `weights[i][j]` = w_ij, one bias per unit.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LayerSpec {
    pub weights: Vec<Vec<f64>>,
    pub biases: Vec<f64>,
    pub activation: Activation,
}

impl LayerSpec {
    /// A layer of a network, written out.
    pub fn of(layer: &Layer) -> Self {
        LayerSpec {
            weights: layer
                .weights
                .row_iter()
                .map(|row| row.iter().copied().collect())
                .collect(),
            biases: layer.biases.iter().copied().collect(),
            activation: layer.activation,
        }
    }

    pub fn new(weights: Vec<Vec<f64>>, biases: Vec<f64>, activation: Activation) -> Self {
        LayerSpec {
            weights,
            biases,
            activation,
        }
    }
}

/// Why a network could not be built from explicit weights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError(pub String);

impl std::fmt::Display for ShapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ShapeError {}

impl Network {
    /// A network with weights from `init` (α is the uniform range, or the
    /// value of every weight for `InitScheme::Equal`) and every bias set to
    /// `bias`. `sizes` = [inputs, hidden..., outputs]; `activations` has one
    /// entry per layer after the inputs.
    ///
    /// Weights are drawn layer by layer, row i by row, column j by column: this
    /// order is part of what makes a seed reproduce a run.
    pub fn random(
        sizes: &[usize],
        activations: &[Activation],
        init: InitScheme,
        alpha: f64,
        bias: f64,
        rng: &mut Pcg32,
    ) -> Network {
        let layers = sizes
            .windows(2)
            .zip(activations)
            .map(|(pair, &activation)| {
                let (rows, cols) = (pair[0], pair[1]);
                let mut weights = DMatrix::zeros(rows, cols);
                for i in 0..rows {
                    for j in 0..cols {
                        weights[(i, j)] = init.draw(alpha, rows, cols, rng);
                    }
                }
                Layer {
                    weights,
                    biases: DVector::from_element(cols, bias),
                    activation,
                }
            })
            .collect();
        Network {
            layers,
            freeze_biases: false,
        }
    }

    /// A network from explicit values (tests, presets, hand-built exercises).
    /// Shapes must chain: layer l has one row of weights per node of layer l − 1.
    pub fn from_weights(inputs: usize, layers: &[LayerSpec]) -> Result<Network, ShapeError> {
        let mut fan_in = inputs;
        let mut built = Vec::with_capacity(layers.len());
        for (l, spec) in layers.iter().enumerate() {
            let LayerSpec {
                weights,
                biases,
                activation,
            } = spec;
            if weights.len() != fan_in {
                return Err(ShapeError(format!(
                    "layer {l} has weights from {} nodes but the previous layer has {fan_in}",
                    weights.len()
                )));
            }
            let units = biases.len();
            if let Some(row) = weights.iter().position(|row| row.len() != units) {
                return Err(ShapeError(format!(
                    "layer {l}, row {row} has {} weights but the layer has {units} biases",
                    weights[row].len()
                )));
            }
            let all = weights.iter().flatten().chain(biases);
            if let Some(bad) = all.clone().find(|v| !v.is_finite()) {
                return Err(ShapeError(format!(
                    "layer {l} holds a non-finite value {bad}"
                )));
            }
            built.push(Layer {
                weights: DMatrix::from_fn(fan_in, units, |i, j| weights[i][j]),
                biases: DVector::from_column_slice(biases),
                activation: *activation,
            });
            fan_in = units;
        }
        Ok(Network {
            layers: built,
            freeze_biases: false,
        })
    }

    /// Number of input nodes.
    pub fn inputs(&self) -> usize {
        self.layers.first().map_or(0, Layer::inputs)
    }

    /// [inputs, units of each layer...].
    pub fn sizes(&self) -> Vec<usize> {
        std::iter::once(self.inputs())
            .chain(self.layers.iter().map(Layer::units))
            .collect()
    }

    /// Forward pass on a batch: rows of `input` are examples.
    pub fn forward(&self, input: DMatrix<f64>) -> ForwardPass {
        self.forward_with_dropout(input, &[], None)
    }

    /// Forward pass for pictures (heatmaps over a grid): each layer's outputs
    /// o_j only, φ applied in place with tanh and sigmoid from
    /// [`crate::activation::picture_tanh`] (each within
    /// [`crate::activation::PICTURE_TANH_ERROR`] of tanh), no nets kept.
    /// Never used for training or for a loss.
    pub fn forward_for_pictures(&self, input: &DMatrix<f64>) -> Vec<DMatrix<f64>> {
        let mut outputs = Vec::new();
        self.forward_for_pictures_into(input, &mut outputs, true, |_, _| {});
        outputs
    }

    /// [`Network::forward_for_pictures`] into the matrices of a previous
    /// evaluation, where their shapes still fit: a frame's grid needs no
    /// fresh memory (megabytes for a big network). Without `keep_hidden`,
    /// only the output layer is kept whole (the hidden layers' matrices are
    /// left with no rows): a frame that needs the hidden nodes only at some
    /// cells takes them in `after_tile` and does not write the rest (20 MB
    /// for an 8 × 32 network, which would go out to memory).
    ///
    /// The cells go through every layer a tile of [`kernels::TILE`] at a
    /// time, in matrices of that many rows: what one layer writes, the next
    /// reads from the L1 cache. `after_tile` is called with each tile's
    /// range and those matrices (one per layer; row r is the tile's r-th
    /// cell) once every layer has it, softmax layers excepted: they are
    /// applied to whole rows at the end.
    pub fn forward_for_pictures_into(
        &self,
        input: &DMatrix<f64>,
        outputs: &mut Vec<DMatrix<f64>>,
        keep_hidden: bool,
        mut after_tile: impl FnMut(Range<usize>, &[DMatrix<f64>]),
    ) {
        let rows = input.nrows();
        let count = self.layers.len();
        outputs.truncate(count);
        for (l, layer) in self.layers.iter().enumerate() {
            let kept = if keep_hidden || l + 1 == count {
                rows
            } else {
                0
            };
            let shape = (kept, layer.units());
            match outputs.get_mut(l) {
                Some(kept) if kept.shape() == shape => {}
                Some(kept) => *kept = DMatrix::zeros(shape.0, shape.1),
                None => outputs.push(DMatrix::zeros(shape.0, shape.1)),
            }
        }
        let packed: Vec<Packed> = self
            .layers
            .iter()
            .map(|layer| {
                let right = Right::plain(layer.weights.as_slice(), layer.inputs());
                Packed::new(right, layer.inputs(), layer.units())
            })
            .collect();
        let side = kernels::TILE.min(rows).max(1);
        let widths = core::iter::once(input.ncols()).chain(self.layers.iter().map(Layer::units));
        let mut tiles: Vec<DMatrix<f64>> = widths.map(|w| DMatrix::zeros(side, w)).collect();
        for start in (0..rows).step_by(side) {
            let tile = start..(start + side).min(rows);
            let len = tile.len();
            let columns = tiles[0].as_mut_slice().chunks_exact_mut(side);
            for (to, from) in columns.zip(input.as_slice().chunks_exact(rows)) {
                to[..len].copy_from_slice(&from[tile.clone()]);
            }
            for (l, (layer, packed)) in self.layers.iter().zip(&packed).enumerate() {
                let (done, rest) = tiles.split_at_mut(l + 1);
                let out = rest[0].as_mut_slice();
                let bias = Some(layer.biases.as_slice());
                kernels::multiply_rows(done[l].as_slice(), side, 0..len, packed, bias, out);
                if layer.activation != Activation::Softmax {
                    for column in out.chunks_exact_mut(side) {
                        layer.activation.apply_for_pictures(&mut column[..len]);
                    }
                }
                let whole = outputs[l].as_mut_slice();
                if !whole.is_empty() {
                    for (to, from) in whole.chunks_exact_mut(rows).zip(out.chunks_exact(side)) {
                        to[tile.clone()].copy_from_slice(&from[..len]);
                    }
                }
            }
            after_tile(tile, &tiles[1..]);
        }
        // Softmax needs whole rows of nets: the output layer only (config.rs).
        for (layer, out) in self.layers.iter().zip(outputs.iter_mut()) {
            if layer.activation == Activation::Softmax {
                *out = layer.activation.apply(out);
            }
        }
    }

    /// Forward pass while training with inverted dropout: hidden layer l drops
    /// each unit for each example with probability `rates[l]` and scales the
    /// kept ones by 1/(1 − p), so evaluation needs no rescaling. Masks are
    /// drawn layer by layer, unit by unit, example by example from `rng`.
    pub fn forward_with_dropout(
        &self,
        input: DMatrix<f64>,
        rates: &[f64],
        rng: Option<&mut Pcg32>,
    ) -> ForwardPass {
        let mut pass = ForwardPass::of(input);
        self.forward_into(&mut pass, rates, rng);
        pass
    }

    /// [`Network::forward_with_dropout`] over `pass.input`, into the matrices
    /// `pass` holds from an earlier batch where their shapes still fit.
    pub fn forward_into(&self, pass: &mut ForwardPass, rates: &[f64], mut rng: Option<&mut Pcg32>) {
        let count = self.layers.len();
        let rows = pass.input.nrows();
        fit_list(&mut pass.nets, count);
        fit_list(&mut pass.outputs, count);
        pass.masks.clear();
        for (l, layer) in self.layers.iter().enumerate() {
            let (done, rest) = pass.outputs.split_at_mut(l);
            let previous = done.last().unwrap_or(&pass.input);
            let (net, out) = (&mut pass.nets[l], &mut rest[0]);
            fit(net, rows, layer.units());
            layer.net_into(previous, net);
            layer.activation.apply_into(net, out);
            let rate = rates.get(l).copied().unwrap_or(0.0);
            let is_hidden = l + 1 < count;
            if let (Some(rng), true, true) = (rng.as_deref_mut(), rate > 0.0, is_hidden) {
                let keep = 1.0 / (1.0 - rate);
                let mask = DMatrix::from_fn(out.nrows(), out.ncols(), |_, _| {
                    if rng.next_f64() < rate {
                        0.0
                    } else {
                        keep
                    }
                });
                out.component_mul_assign(&mask);
                pass.masks.push(Some(mask));
            } else if rng.is_some() {
                pass.masks.push(None);
            }
        }
    }

    /// Mean loss over the batch: 1/n Σ_h Σ_j L(y_j^h, ŷ_j^h).
    /// `targets`: rows = examples, columns = output nodes.
    pub fn loss(pass: &ForwardPass, targets: &DMatrix<f64>, loss: Loss) -> f64 {
        let prediction = pass.prediction();
        let n = prediction.nrows().max(1) as f64;
        // Both are contiguous and column-major: slices iterate in the same
        // order as the matrices, several times faster.
        let total: f64 = prediction
            .as_slice()
            .iter()
            .zip(targets.as_slice())
            // A non-finite output is a divergence whatever the loss makes of
            // it (cross-entropy's floor turns NaN into a finite 34.5).
            .map(|(&p, &y)| {
                if p.is_finite() {
                    loss.value(y, p)
                } else {
                    f64::NAN
                }
            })
            .sum();
        total / n
    }

    /// Backpropagation: δ for every layer and the mean gradient over the batch.
    ///
    /// Output layer: δ_j = ∂L/∂ŷ_j · φ′(net_j).
    /// Hidden layer: δ_i = (Σ_j w_ij δ_j) · φ′(net_i).
    /// Gradient: ∂L/∂w_ij = mean over examples of o_i δ_j; ∂L/∂w_0j = mean δ_j.
    pub fn backward(&self, pass: &ForwardPass, targets: &DMatrix<f64>, loss: Loss) -> Backward {
        let mut backward = Backward::empty();
        self.backward_into(pass, targets, loss, &mut backward);
        backward
    }

    /// [`Network::backward`] into the matrices `out` holds from an earlier
    /// batch where their shapes still fit.
    pub fn backward_into(
        &self,
        pass: &ForwardPass,
        targets: &DMatrix<f64>,
        loss: Loss,
        out: &mut Backward,
    ) {
        let count = self.layers.len();
        let deltas = &mut out.deltas;
        fit_list(deltas, count);
        let Some(output_layer) = self.layers.last() else {
            out.gradients.weights.clear();
            out.gradients.biases.clear();
            return;
        };
        loss.output_deltas(
            output_layer.activation,
            targets,
            &pass.nets[count - 1],
            pass.prediction(),
            &mut deltas[count - 1],
        );
        for l in (0..count - 1).rev() {
            let (head, tail) = deltas.split_at_mut(l + 1);
            let delta = &mut head[l];
            self.output_gradients_into(l + 1, &tail[0], delta);
            let activation = self.layers[l].activation;
            let (net, out) = (&pass.nets[l], &pass.outputs[l]);
            // Slices, not nalgebra's strided iterators: this runs per batch.
            let (d, net) = (delta.as_mut_slice(), net.as_slice());
            match pass.masks.get(l).and_then(Option::as_ref) {
                // A dropped unit passed nothing forward, so nothing comes back.
                Some(mask) => {
                    for ((d, &z), &m) in d.iter_mut().zip(net).zip(mask.as_slice()) {
                        *d *= m * activation.derivative(z, activation.value(z));
                    }
                }
                None => {
                    for ((d, &z), &o) in d.iter_mut().zip(net).zip(out.as_slice()) {
                        *d *= activation.derivative(z, o);
                    }
                }
            }
        }

        let n = pass.input.nrows().max(1) as f64;
        let Gradients { weights, biases } = &mut out.gradients;
        fit_list(weights, count);
        for (l, gradient) in weights.iter_mut().enumerate() {
            mean_outer_products(pass.layer_input(l), &deltas[l], n, gradient);
        }
        biases.truncate(count);
        biases.resize_with(count, || DVector::zeros(0));
        for (delta, bias) in deltas.iter().zip(biases.iter_mut()) {
            if bias.len() != delta.ncols() {
                *bias = DVector::zeros(delta.ncols());
            }
            if self.freeze_biases || delta.nrows() == 0 {
                bias.fill(0.0);
                continue;
            }
            // Σ_h δ_j^h from 0, in order, per unit (column).
            let sums = delta.as_slice().chunks_exact(delta.nrows());
            for (b, column) in bias.iter_mut().zip(sums) {
                *b = column.iter().fold(0.0, |sum, &d| sum + d) / n;
            }
        }
    }

    /// ∂L/∂o_i of every node i feeding layer `layer`, from that layer's δ:
    /// Σ_j w_ij δ_j (the gradient flowing back along each link, summed).
    /// rows = examples, columns = nodes i. Backpropagation multiplies this
    /// by φ′(net_i) to get δ_i; for the input nodes it is ∂L/∂x_i.
    pub fn output_gradients(&self, layer: usize, deltas: &DMatrix<f64>) -> DMatrix<f64> {
        let mut out = DMatrix::zeros(0, 0);
        self.output_gradients_into(layer, deltas, &mut out);
        out
    }

    /// [`Network::output_gradients`] into `out`, reshaped if need be.
    pub fn output_gradients_into(
        &self,
        layer: usize,
        deltas: &DMatrix<f64>,
        out: &mut DMatrix<f64>,
    ) {
        let weights = &self.layers[layer].weights;
        let (rows, inputs) = (deltas.nrows(), weights.nrows());
        fit(out, rows, inputs);
        kernels::multiply(
            deltas.as_slice(),
            rows,
            Right::transposed(weights.as_slice(), inputs),
            inputs,
            None,
            out.as_mut_slice(),
        );
    }

    /// Total number of weights and biases.
    pub fn parameter_count(&self) -> usize {
        self.layers
            .iter()
            .map(|layer| layer.weights.len() + layer.biases.len())
            .sum()
    }

    /// True when every weight and bias is a finite number.
    pub fn is_finite(&self) -> bool {
        self.first_non_finite_layer().is_none()
    }

    /// The first weight layer holding a non-finite weight or bias, if any
    /// (the trainer asks after every batch).
    pub fn first_non_finite_layer(&self) -> Option<usize> {
        // x·0 is 0 for a finite x and NaN otherwise: one branch-free pass.
        let all_finite = |values: &[f64]| sum_in_lanes(values, |v| v * 0.0) == 0.0;
        self.layers.iter().position(|layer| {
            !(all_finite(layer.weights.as_slice()) && all_finite(layer.biases.as_slice()))
        })
    }
}

/// ∂L/∂w_ij = 1/n Σ_h o_i^h δ_j^h (rows of `inputs` and `deltas` = examples),
/// each sum a [`kernels::dot`] of two columns ([`kernels::mean_dots`]), into
/// `out` (inputs' columns × deltas' columns).
fn mean_outer_products(
    inputs: &DMatrix<f64>,
    deltas: &DMatrix<f64>,
    n: f64,
    out: &mut DMatrix<f64>,
) {
    let rows = inputs.ncols();
    fit(out, rows, deltas.ncols());
    // Column-major: column j of out holds ∂L/∂w_ij for every i.
    kernels::mean_dots(
        inputs.as_slice(),
        deltas.as_slice(),
        inputs.nrows(),
        [rows, deltas.ncols()],
        n,
        out.as_mut_slice(),
    );
}

/// Σ f(x) over a slice in four independent lanes, so the loop vectorizes
/// (for the checks and sums that run on every batch beside the training).
pub(crate) fn sum_in_lanes(values: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    let mut lanes = [0.0; 4];
    let mut chunks = values.chunks_exact(4);
    for chunk in &mut chunks {
        for (lane, &v) in lanes.iter_mut().zip(chunk) {
            *lane += f(v);
        }
    }
    let rest: f64 = chunks.remainder().iter().map(|&v| f(v)).sum();
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_network_has_the_requested_shape_and_range() {
        let mut rng = Pcg32::new(1, 2);
        let (tanh, sigmoid) = (Activation::Tanh, Activation::Sigmoid);
        let net = Network::random(
            &[3, 5, 2, 1],
            &[tanh, tanh, sigmoid],
            InitScheme::Uniform,
            0.5,
            0.1,
            &mut rng,
        );
        assert_eq!(net.sizes(), vec![3, 5, 2, 1]);
        assert_eq!(net.layers[0].activation, Activation::Tanh);
        assert_eq!(net.layers[2].activation, Activation::Sigmoid);
        for layer in &net.layers {
            assert!(layer.weights.iter().all(|w| w.abs() <= 0.5));
            assert!(layer.biases.iter().all(|&b| b == 0.1));
        }
        assert_eq!(net.parameter_count(), 3 * 5 + 5 + 5 * 2 + 2 + 2 + 1);
    }

    #[test]
    fn the_first_layer_with_a_non_finite_value_is_found() {
        let tanh = Activation::Tanh;
        let fresh = || {
            let mut rng = Pcg32::new(1, 2);
            Network::random(
                &[3, 6, 5, 1],
                &[tanh; 3],
                InitScheme::Uniform,
                0.5,
                0.1,
                &mut rng,
            )
        };
        assert_eq!(fresh().first_non_finite_layer(), None);
        assert!(fresh().is_finite());
        // In the remainder past the four lanes, and in a bias.
        let mut net = fresh();
        net.layers[2].weights[(4, 0)] = f64::INFINITY;
        assert_eq!(net.first_non_finite_layer(), Some(2));
        net.layers[1].biases[3] = f64::NAN;
        assert_eq!(net.first_non_finite_layer(), Some(1));
        assert!(!net.is_finite());
        assert_eq!(sum_in_lanes(&[1.0, -2.0, 3.0, -4.0, 5.0], f64::abs), 15.0);
    }

    #[test]
    fn pictures_agree_with_the_forward_pass_across_tiles_and_softmax() {
        // More rows than a tile, and a softmax output that needs whole rows.
        let mut rng = Pcg32::new(5, 2);
        let (tanh, sigmoid, relu) = (Activation::Tanh, Activation::Sigmoid, Activation::Relu);
        let net = Network::random(
            &[3, 6, 5, 4, 3],
            &[tanh, sigmoid, relu, Activation::Softmax],
            InitScheme::Uniform,
            1.5,
            0.3,
            &mut rng,
        );
        let rows = 2 * kernels::TILE + 7;
        let input = DMatrix::from_fn(rows, 3, |r, c| (r as f64 * 0.07 - 4.0) * (c as f64 - 1.2));
        let pictures = net.forward_for_pictures(&input);
        let exact = net.forward(input);
        for (l, (picture, exact)) in pictures.iter().zip(&exact.outputs).enumerate() {
            let worst = picture
                .iter()
                .zip(exact.iter())
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            // Each layer's error is its own tanh's plus what the weights
            // carry on from the layer before (here at most 6 × 1.5 times it).
            let bound = crate::activation::PICTURE_TANH_ERROR * (1.0 + 9.0 * l as f64);
            assert!(worst < bound, "layer {l}: {worst}");
        }
        let last = &pictures[3];
        for r in 0..rows {
            assert!((last.row(r).sum() - 1.0).abs() < 1e-12, "row {r} sums to 1");
        }
    }

    #[test]
    fn pictures_into_kept_matrices_equal_a_fresh_evaluation() {
        let mut rng = Pcg32::new(3, 2);
        let tanh = Activation::Tanh;
        let net = Network::random(
            &[2, 5, 3, 1],
            &[tanh; 3],
            InitScheme::Uniform,
            0.5,
            0.1,
            &mut rng,
        );
        let input = DMatrix::from_fn(11, 2, |r, c| r as f64 * 0.3 - c as f64);
        let fresh = net.forward_for_pictures(&input);
        // Stale values of the right shapes, one of a wrong shape, one too many.
        let mut kept = vec![
            DMatrix::from_element(11, 5, f64::NAN),
            DMatrix::from_element(4, 3, f64::NAN),
            DMatrix::from_element(11, 1, f64::NAN),
            DMatrix::from_element(11, 1, f64::NAN),
        ];
        net.forward_for_pictures_into(&input, &mut kept, true, |_, _| {});
        assert_eq!(kept, fresh);
    }

    #[test]
    fn from_weights_rejects_shapes_that_do_not_chain() {
        let sig = Activation::Sigmoid;
        let err = Network::from_weights(2, &[LayerSpec::new(vec![vec![0.1]], vec![0.0], sig)])
            .unwrap_err();
        assert!(err.0.contains("from 1 nodes"), "{err}");
        let err = Network::from_weights(1, &[LayerSpec::new(vec![vec![0.1, 0.2]], vec![0.0], sig)])
            .unwrap_err();
        assert!(err.0.contains("row 0 has 2 weights"), "{err}");
        let err = Network::from_weights(1, &[LayerSpec::new(vec![vec![f64::NAN]], vec![0.0], sig)])
            .unwrap_err();
        assert!(err.0.contains("non-finite"), "{err}");
    }

    #[test]
    fn forward_pass_computes_net_and_output_per_example() {
        // One linear unit: net = 2·x1 − x2 + 0.5.
        let net = Network::from_weights(
            2,
            &[LayerSpec::new(
                vec![vec![2.0], vec![-1.0]],
                vec![0.5],
                Activation::Linear,
            )],
        )
        .unwrap();
        let pass = net.forward(DMatrix::from_row_slice(2, 2, &[1.0, 1.0, 0.0, 3.0]));
        assert_eq!(pass.prediction().as_slice(), &[1.5, -2.5]);
    }
}
