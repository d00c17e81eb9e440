//! The grids the pictures are evaluated on. The page asks for two sizes
//! every frame (the node thumbnails' coarse grid, then the plot's fine one),
//! so each size keeps its input matrix (the features over its cells, which
//! change only with the features) and its output matrices (refilled by the
//! next evaluation): a frame allocates nothing and computes no feature twice.

use nalgebra::DMatrix;

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
    /// Whether `outputs` are those of the current weights.
    fresh: bool,
}

impl GridEvaluation {
    /// Layer `layer`'s values (0: the inputs) for unit `unit`, cell by cell.
    pub fn values(&self, layer: usize, unit: usize) -> Option<&[f64]> {
        let matrix = match layer {
            0 => &self.inputs,
            l => self.outputs.get(l - 1)?,
        };
        // Column-major storage: one column is one node over the whole grid.
        let cells = matrix.nrows();
        matrix.as_slice().get(unit * cells..(unit + 1) * cells)
    }
}

/// The grids of one playground, the last evaluated first.
#[derive(Debug, Clone, Default)]
pub struct Grids {
    sizes: Vec<GridEvaluation>,
}

impl Grids {
    /// Forward pass of `network` over the n×n grid of `features`, to a
    /// picture's precision (outputs only, no nets).
    pub fn evaluate(
        &mut self,
        n: usize,
        features: &[Feature],
        network: &Network,
    ) -> &GridEvaluation {
        let at = self.sizes.iter().position(|s| s.n == n).unwrap_or_else(|| {
            self.sizes.truncate(KEPT - 1);
            self.sizes.push(GridEvaluation {
                n,
                inputs: data::feature_matrix(features, render::grid_points(n)),
                outputs: Vec::new(),
                fresh: false,
            });
            self.sizes.len() - 1
        });
        self.sizes[..=at].rotate_right(1);
        self.stale();
        let grid = &mut self.sizes[0];
        network.forward_for_pictures_into(&grid.inputs, &mut grid.outputs);
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
