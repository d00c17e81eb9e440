//! Backprop Playground's training core: datasets, networks, backpropagation,
//! training and heatmaps, in plain Rust with f64 throughout.
//!
//! Only [`wasm`] knows about JavaScript; everything else runs (and is tested)
//! natively. The notation follows the course notes: η is the learning rate,
//! w_ij the weight from node i to node j, o_j a node's output, δ_j = ∂L/∂net_j.

pub mod activation;
pub mod base64url;
pub mod bench;
pub mod compgraph;
pub mod config;
pub mod cost;
pub mod data;
pub mod divergence;
pub mod files;
pub mod gradflow;
pub mod history;
pub mod init;
pub mod inspect;
pub mod kernels;
pub mod lessons;
pub mod link;
pub mod loss;
pub mod metrics;
pub mod network;
pub mod optimizer;
pub mod playground;
pub mod race;
pub mod readable;
pub mod regularization;
pub mod render;
pub mod rng;
pub mod schedule;
pub mod schema;
pub mod search;
pub mod surface;
pub mod train;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use activation::Activation;
pub use config::{Config, ConfigError, ConfigErrors, ValidConfig};
pub use data::{DatasetKind, Feature, Point, Problem};
pub use loss::Loss;
pub use network::{Layer, Network};
pub use playground::{EpochStats, Playground};
pub use regularization::Regularization;
pub use rng::Pcg32;
