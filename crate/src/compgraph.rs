//! A computational graph small enough to follow by hand: the notes'
//! f = (x + y)·z = q·z. Each operation keeps its forward rule beside its
//! local derivatives, and the backward pass applies the chain rule node by
//! node: ∂L/∂input = ∂L/∂node · ∂node/∂input, summed over every use.

use serde::Serialize;

/// What a node computes from its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Op {
    /// A variable given from outside.
    Input,
    /// a + b: ∂/∂a = ∂/∂b = 1.
    Add,
    /// a · b: ∂/∂a = b, ∂/∂b = a.
    Mul,
}

impl Op {
    /// The value from the inputs' values.
    fn forward(self, inputs: &[f64], given: f64) -> f64 {
        match self {
            Op::Input => given,
            Op::Add => inputs.iter().sum(),
            Op::Mul => inputs.iter().product(),
        }
    }

    /// ∂node/∂input_k for each input, at the inputs' values.
    fn local_derivatives(self, inputs: &[f64]) -> Vec<f64> {
        match self {
            Op::Input => Vec::new(),
            Op::Add => vec![1.0; inputs.len()],
            Op::Mul => (0..inputs.len())
                .map(|k| {
                    let others = inputs.iter().enumerate().filter(|&(m, _)| m != k);
                    others.map(|(_, v)| v).product()
                })
                .collect(),
        }
    }
}

/// One node after the forward and backward passes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GraphNode {
    pub name: &'static str,
    pub op: Op,
    /// Indices of the nodes it reads, earlier in the list.
    pub inputs: Vec<usize>,
    pub value: f64,
    /// ∂node/∂input_k, one per input.
    pub local: Vec<f64>,
    /// ∂L/∂node.
    pub gradient: f64,
}

/// Forward then backward through nodes listed in topological order; the
/// last node receives `upstream` = ∂L/∂(last node).
fn run(spec: &[(&'static str, Op, Vec<usize>, f64)], upstream: f64) -> Vec<GraphNode> {
    let mut nodes: Vec<GraphNode> = Vec::with_capacity(spec.len());
    for (name, op, inputs, given) in spec {
        let values: Vec<f64> = inputs.iter().map(|&k| nodes[k].value).collect();
        nodes.push(GraphNode {
            name,
            op: *op,
            inputs: inputs.clone(),
            value: op.forward(&values, *given),
            local: op.local_derivatives(&values),
            gradient: 0.0,
        });
    }
    if let Some(last) = nodes.last_mut() {
        last.gradient = upstream;
    }
    for n in (0..nodes.len()).rev() {
        let (gradient, inputs, local) = (
            nodes[n].gradient,
            nodes[n].inputs.clone(),
            nodes[n].local.clone(),
        );
        for (k, d) in inputs.into_iter().zip(local) {
            nodes[k].gradient += gradient * d;
        }
    }
    nodes
}

/// The notes' example f = (x + y)·z with q = x + y, given ∂L/∂f from the
/// computations after f. Nodes in order: x, y, z, q, f.
pub fn sum_times(x: f64, y: f64, z: f64, upstream: f64) -> Vec<GraphNode> {
    run(
        &[
            ("x", Op::Input, vec![], x),
            ("y", Op::Input, vec![], y),
            ("z", Op::Input, vec![], z),
            ("q", Op::Add, vec![0, 1], 0.0),
            ("f", Op::Mul, vec![3, 2], 0.0),
        ],
        upstream,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The notes: x = 1, y = 2, z = 2 and ∂L/∂f = 2 give ∂L/∂q = 2·2 = 4,
    /// ∂L/∂z = 2·(1 + 2) = 6 and ∂L/∂x = ∂L/∂y = 2·2·1 = 4.
    #[test]
    fn sum_times_matches_the_notes() {
        let nodes = sum_times(1.0, 2.0, 2.0, 2.0);
        let by_name = |name: &str| nodes.iter().find(|n| n.name == name).unwrap();
        assert_eq!(by_name("q").value, 3.0);
        assert_eq!(by_name("f").value, 6.0);
        // ∂f/∂q = z, ∂f/∂z = q, ∂q/∂x = ∂q/∂y = 1.
        assert_eq!(by_name("f").local, vec![2.0, 3.0]);
        assert_eq!(by_name("q").local, vec![1.0, 1.0]);
        assert_eq!(by_name("f").gradient, 2.0);
        assert_eq!(by_name("q").gradient, 4.0);
        assert_eq!(by_name("z").gradient, 6.0);
        assert_eq!(by_name("x").gradient, 4.0);
        assert_eq!(by_name("y").gradient, 4.0);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let (x, y, z, g) = (0.7, -1.3, 2.9, 1.5);
        let f = |x: f64, y: f64, z: f64| g * (x + y) * z;
        let nodes = sum_times(x, y, z, g);
        let h = 1e-6;
        let numeric = [
            (f(x + h, y, z) - f(x - h, y, z)) / (2.0 * h),
            (f(x, y + h, z) - f(x, y - h, z)) / (2.0 * h),
            (f(x, y, z + h) - f(x, y, z - h)) / (2.0 * h),
        ];
        for (node, expected) in nodes.iter().zip(numeric) {
            assert!((node.gradient - expected).abs() < 1e-8, "{}", node.name);
        }
    }
}
