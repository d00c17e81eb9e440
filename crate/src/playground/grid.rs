//! The grids the pictures are evaluated on. The page evaluates the plot's
//! grid every frame, keeping the thumbnails' cells of it; a race's lanes
//! ask for a size of their own and keep only the outputs ([`Keep`]). Each
//! size keeps its input matrix (the features over its cells, which change
//! only with the features), its output matrices and its thumbnails' values
//! (refilled by the next evaluation): a frame allocates no grid-sized
//! memory and computes no feature twice.

use nalgebra::DMatrix;

use crate::activation::Activation;
use crate::data::{self, Feature};
use crate::network::Network;
use crate::render;

/// Grid sizes kept at once: the thumbnails' and the plot's.
const KEPT: usize = 2;

/// Every node's value over an n×n grid (see [`render`] for the layout).
#[derive(Debug, Clone)]
pub struct GridEvaluation {
    pub n: usize,
    /// The features over the cells (rows = cells).
    inputs: DMatrix<f64>,
    /// Each layer's outputs o_j over the cells.
    outputs: Vec<DMatrix<f64>>,
    /// Every hidden and output node at the cells of a coarser grid, if asked
    /// (and then the hidden layers are not kept whole).
    sampled: Option<Sampled>,
    /// Whether `outputs` are those of the current weights.
    fresh: bool,
}

/// What a grid's evaluation keeps besides the inputs and the outputs at
/// every cell (the decision map).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Every hidden node at every cell.
    Everything,
    /// Every hidden and output node at the cells of the m×m grid sampled
    /// from this one (m at most n; a larger m keeps everything): a frame.
    Thumbnails(usize),
    /// Both: a frame whose plot shows a hidden node.
    EverythingAndThumbnails(usize),
    /// Nothing more: a decision map alone (a race's lanes).
    Outputs,
}

/// Every hidden and output node's values at the cells an m×m grid samples
/// ([`render::sampled_cells`]), copied out tile by tile while the forward
/// pass has them in cache: gathered from the whole matrices afterwards (20
/// MB for an 8 × 32 network), nearly every value would come from memory.
#[derive(Debug, Clone)]
struct Sampled {
    m: usize,
    /// The cells, ascending.
    cells: Vec<usize>,
    /// Per layer (the first hidden one first), unit after unit, each unit's
    /// values at `cells` in order.
    values: Vec<Vec<f64>>,
}

impl GridEvaluation {
    /// Layer `layer`'s values (0: the inputs) for unit `unit`, cell by cell.
    pub fn values(&self, layer: usize, unit: usize) -> Option<&[f64]> {
        let matrix = match layer {
            0 => &self.inputs,
            l => self.outputs.get(l - 1)?,
        };
        // Column-major storage: one column is one node over the whole grid;
        // a layer not kept whole (a sampled evaluation's hidden ones) has
        // no rows.
        let cells = matrix.nrows();
        if cells != self.n * self.n {
            return None;
        }
        matrix.as_slice().get(unit * cells..(unit + 1) * cells)
    }

    /// Layer `layer`'s values (from 1: hidden and output layers) for unit
    /// `unit` on the m×m grid sampled from this one, if this evaluation kept
    /// them.
    pub fn sampled_values(&self, layer: usize, unit: usize, m: usize) -> Option<&[f64]> {
        let sampled = self.sampled.as_ref().filter(|s| s.m == m)?;
        let count = sampled.cells.len();
        let layer = sampled.values.get(layer.checked_sub(1)?)?;
        layer.get(unit * count..(unit + 1) * count)
    }
}

/// Each unit's values at `cells` (rows of the column-major `out`, whose row
/// 0 is cell `offset`) into `kept`, unit after unit with `count` values
/// each, from position `first`.
fn copy_cells(
    out: &DMatrix<f64>,
    cells: &[usize],
    offset: usize,
    kept: &mut [f64],
    first: usize,
    count: usize,
) {
    let rows = out.nrows();
    for (column, kept) in out
        .as_slice()
        .chunks_exact(rows.max(1))
        .zip(kept.chunks_exact_mut(count.max(1)))
    {
        for (to, &cell) in kept[first..].iter_mut().zip(cells) {
            *to = column[cell - offset];
        }
    }
}

/// The grids of one playground, the last evaluated first.
#[derive(Debug, Clone, Default)]
pub struct Grids {
    sizes: Vec<GridEvaluation>,
}

impl Grids {
    /// Forward pass of `network` over the n×n grid of `features`, to a
    /// picture's precision (outputs only, no nets), keeping what `keep` says
    /// besides the inputs and the outputs at every cell.
    pub fn evaluate(
        &mut self,
        n: usize,
        keep: Keep,
        features: &[Feature],
        network: &Network,
    ) -> &GridEvaluation {
        let at = self.sizes.iter().position(|s| s.n == n).unwrap_or_else(|| {
            self.sizes.truncate(KEPT - 1);
            self.sizes.push(GridEvaluation {
                n,
                inputs: data::feature_matrix(features, render::grid_points(n)),
                outputs: Vec::new(),
                sampled: None,
                fresh: false,
            });
            self.sizes.len() - 1
        });
        self.sizes[..=at].rotate_right(1);
        self.stale();
        let grid = &mut self.sizes[0];
        let (m, whole) = match keep {
            Keep::Thumbnails(m) if m <= n => (m, false),
            Keep::EverythingAndThumbnails(m) if m <= n => (m, true),
            other => {
                grid.sampled = None;
                let hidden = !matches!(other, Keep::Outputs);
                network.forward_for_pictures_into(
                    &grid.inputs,
                    &mut grid.outputs,
                    hidden,
                    |_, _| {},
                );
                grid.fresh = true;
                return grid;
            }
        };
        let mut sampled = match grid.sampled.take() {
            Some(kept) if kept.m == m => kept,
            _ => Sampled {
                m,
                cells: render::sampled_cells(n, m),
                values: Vec::new(),
            },
        };
        let count = sampled.cells.len();
        let layers = &network.layers;
        sampled.values.truncate(layers.len());
        sampled.values.resize_with(layers.len(), Vec::new);
        for (values, layer) in sampled.values.iter_mut().zip(layers) {
            values.resize(layer.units() * count, 0.0);
        }
        let Sampled { cells, values, .. } = &mut sampled;
        let mut next = 0;
        // The thumbnails' cells are taken from each tile while it is in
        // cache; the hidden layers are kept whole only if asked.
        network.forward_for_pictures_into(
            &grid.inputs,
            &mut grid.outputs,
            whole,
            |tile, outputs| {
                let first = next;
                next += cells[next..].iter().take_while(|&&c| c < tile.end).count();
                let taken = &cells[first..next];
                for ((kept, out), layer) in values.iter_mut().zip(outputs).zip(layers) {
                    if layer.activation != Activation::Softmax {
                        copy_cells(out, taken, tile.start, &mut kept[..], first, count);
                    }
                }
            },
        );
        // Softmax is applied to whole rows after the pass: its layer (the
        // output, kept whole) now.
        for ((kept, out), layer) in values.iter_mut().zip(&grid.outputs).zip(layers) {
            if layer.activation == Activation::Softmax {
                copy_cells(out, cells, 0, &mut kept[..], 0, count);
            }
        }
        grid.sampled = Some(sampled);
        grid.fresh = true;
        grid
    }

    /// The last evaluation, if the weights have not changed since.
    pub fn last(&self) -> Option<&GridEvaluation> {
        self.sizes.first().filter(|s| s.fresh)
    }

    /// The weights changed: no evaluation is current (the matrices stay,
    /// for the next evaluation to refill).
    pub fn stale(&mut self) {
        self.sizes.iter_mut().for_each(|s| s.fresh = false);
    }
}
