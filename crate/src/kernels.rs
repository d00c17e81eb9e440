//! The multiply-adds of training and of the grid pass, in one kernel:
//!
//! out[r, c] = Σ_t a[r, t]·b(t, c)  (+ bias_c),
//!
//! every matrix stored column by column (nalgebra's layout). Each sum starts
//! from 0 and adds the products in order t = 0, 1, …, then the bias, with a
//! separate multiply and add (never a fused multiply-add). Rows are
//! independent, so the wasm SIMD path (two rows per f64x2 lane pair) does,
//! for every element, exactly the arithmetic of the scalar path, and a run
//! gives the same bits on every machine. nalgebra's generic `gemm` (through
//! `matrixmultiply`) picks a kernel at run time — with FMA on CPUs that have
//! it — and is slow at these sizes (8 × 8 layers, batches of 10).
//!
//! Forward: a = o_i (rows = examples), b = w_ij, bias = w_0j. Backward:
//! a = δ_j, b = w_ijᵀ. The gradient Σ_h o_i^h δ_j^h is a [`dot`] per weight
//! ([`mean_dots`]).

use core::ops::Range;

use nalgebra::DMatrix;

/// The right factor b(t, c) = `values[t·inner_step + c·column_step]`: a
/// column-major matrix (steps 1 and its row count) or its transpose (steps
/// its row count and 1).
#[derive(Debug, Clone, Copy)]
pub struct Right<'a> {
    pub values: &'a [f64],
    pub inner_step: usize,
    pub column_step: usize,
}

impl<'a> Right<'a> {
    /// b = m, m column-major with `rows` rows.
    pub fn plain(values: &'a [f64], rows: usize) -> Self {
        Right {
            values,
            inner_step: 1,
            column_step: rows,
        }
    }

    /// b = mᵀ, m column-major with `rows` rows.
    pub fn transposed(values: &'a [f64], rows: usize) -> Self {
        Right {
            values,
            inner_step: rows,
            column_step: 1,
        }
    }
}

/// Rows computed together: the block of a they read (inner × 64 values,
/// 16 KB for 32 inputs) stays in the L1 cache while every column of out
/// uses it. Column by column over all rows instead, a grid's a (10,000 rows)
/// would come from memory once per pair of columns.
pub const TILE: usize = 64;

/// The right factor b gathered for the kernel: two columns at a time, each
/// as (b(t, c), b(t, c + 1)) for t = 0, 1, …, so that each loaded value of
/// a serves both; an odd last column alone.
#[derive(Debug, Clone)]
pub struct Packed {
    inner: usize,
    columns: usize,
    pairs: Vec<Vec<[f64; 2]>>,
    last: Vec<[f64; 1]>,
}

impl Packed {
    /// b, `inner` × `columns`.
    pub fn new(b: Right<'_>, inner: usize, columns: usize) -> Self {
        let at = |t: usize, c: usize| b.values[t * b.inner_step + c * b.column_step];
        Packed {
            inner,
            columns,
            pairs: (0..columns / 2)
                .map(|p| {
                    (0..inner)
                        .map(|t| [at(t, 2 * p), at(t, 2 * p + 1)])
                        .collect()
                })
                .collect(),
            last: if columns % 2 == 1 {
                (0..inner).map(|t| [at(t, columns - 1)]).collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// `matrix` as a rows × columns matrix whose values the caller overwrites:
/// the same storage when the shape is already right (a training step then
/// allocates nothing), zeros of the new shape otherwise.
pub(crate) fn fit(matrix: &mut DMatrix<f64>, rows: usize, columns: usize) {
    if matrix.shape() != (rows, columns) {
        *matrix = DMatrix::zeros(rows, columns);
    }
}

/// out (rows × columns) = a (rows × inner) · b (inner × columns), plus
/// `bias[c]` on column c if given. `out` is overwritten.
///
/// # Panics
/// If a slice is shorter than its shape says.
pub fn multiply(
    a: &[f64],
    rows: usize,
    b: Right<'_>,
    columns: usize,
    bias: Option<&[f64]>,
    out: &mut [f64],
) {
    let inner = a.len().checked_div(rows).unwrap_or(0);
    if rows > TILE || inner > SMALL_INNER {
        let b = Packed::new(b, inner, columns);
        for start in (0..rows).step_by(TILE) {
            multiply_rows(a, rows, start..(start + TILE).min(rows), &b, bias, out);
        }
        return;
    }
    // One tile (a batch of training examples): each pair of b's columns
    // gathered on the stack as it is used, nothing allocated.
    assert!(
        out.len() >= rows * columns,
        "kernels::multiply: out too short"
    );
    if rows == 0 {
        return;
    }
    let a = &a[..rows * inner];
    let at = |t: usize, c: usize| b.values[t * b.inner_step + c * b.column_step];
    let mut outs = out[..rows * columns].chunks_exact_mut(rows);
    let mut pair = [[0.0; 2]; SMALL_INNER];
    for c in (0..columns - columns % 2).step_by(2) {
        for (t, w) in pair[..inner].iter_mut().enumerate() {
            *w = [at(t, c), at(t, c + 1)];
        }
        let (Some(first), Some(second)) = (outs.next(), outs.next()) else {
            unreachable!("two columns of out per pair of b")
        };
        let bias = bias.map(|b| [b[c], b[c + 1]]);
        lanes::columns(a, rows, &pair[..inner], [first, second], 0..rows, bias);
    }
    if let Some(column) = outs.next() {
        let mut last = [[0.0; 1]; SMALL_INNER];
        for (t, w) in last[..inner].iter_mut().enumerate() {
            *w = [at(t, columns - 1)];
        }
        let bias = bias.map(|b| [b[columns - 1]]);
        lanes::columns(a, rows, &last[..inner], [column], 0..rows, bias);
    }
}

/// Largest inner size [`multiply`] gathers on the stack: a layer's inputs
/// or units, at most 32 (config.rs).
const SMALL_INNER: usize = 32;

/// [`multiply`] for the rows `range` only: a and out are column-major with
/// `rows` rows (a with `b`'s inner count of columns, out with its count of
/// columns); out's other rows are left as they are. A forward pass can then
/// take a tile of rows through every layer while its values are in cache.
///
/// # Panics
/// If a slice is shorter than its shape says, or `range` goes past `rows`.
pub fn multiply_rows(
    a: &[f64],
    rows: usize,
    range: Range<usize>,
    b: &Packed,
    bias: Option<&[f64]>,
    out: &mut [f64],
) {
    assert!(
        range.end <= rows,
        "kernels::multiply_rows: rows out of range"
    );
    if range.is_empty() {
        return;
    }
    let a = &a[..rows * b.inner];
    let bias = bias.map(|bias| &bias[..b.columns]);
    let mut outs = out[..rows * b.columns].chunks_exact_mut(rows);
    for (p, pair) in b.pairs.iter().enumerate() {
        let (Some(first), Some(second)) = (outs.next(), outs.next()) else {
            unreachable!("two columns of out per pair of b")
        };
        let bias = bias.map(|b| [b[2 * p], b[2 * p + 1]]);
        lanes::columns(a, rows, pair, [first, second], range.clone(), bias);
    }
    if let Some(column) = outs.next() {
        let bias = bias.map(|b| [b[b.len() - 1]]);
        lanes::columns(a, rows, &b.last, [column], range.clone(), bias);
    }
}

/// K output columns over the rows `range`: out_k[r] = Σ_t a_t[r]·w_t[k]
/// (+ bias_k) (a column-major, `rows` rows), 8 rows at a time so that the
/// accumulators stay in registers (the bias added there too, before they are
/// stored), then 2, then 1.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod lanes {
    use core::arch::wasm32::{f64x2, f64x2_add, f64x2_extract_lane, f64x2_mul, f64x2_splat, v128};
    use core::ops::Range;

    /// `V` f64x2 vectors: 2·V rows starting at `r`, K columns.
    #[inline(always)]
    fn block<const V: usize, const K: usize>(
        a: &[f64],
        rows: usize,
        w: &[[f64; K]],
        r: usize,
        out: &mut [&mut [f64]; K],
        bias: Option<[f64; K]>,
    ) {
        let mut acc: [[v128; V]; K] = [[f64x2_splat(0.0); V]; K];
        for (column, w) in a.chunks_exact(rows).zip(w) {
            let x = &column[r..r + 2 * V];
            let mut v = [f64x2_splat(0.0); V];
            for (q, v) in v.iter_mut().enumerate() {
                *v = f64x2(x[2 * q], x[2 * q + 1]);
            }
            for (acc, &w) in acc.iter_mut().zip(w) {
                let w = f64x2_splat(w);
                for (acc, &v) in acc.iter_mut().zip(&v) {
                    *acc = f64x2_add(*acc, f64x2_mul(v, w));
                }
            }
        }
        if let Some(bias) = bias {
            for (acc, &w0) in acc.iter_mut().zip(&bias) {
                acc.iter_mut()
                    .for_each(|acc| *acc = f64x2_add(*acc, f64x2_splat(w0)));
            }
        }
        for (acc, out) in acc.iter().zip(out.iter_mut()) {
            let out = &mut out[r..r + 2 * V];
            for (q, acc) in acc.iter().enumerate() {
                out[2 * q] = f64x2_extract_lane::<0>(*acc);
                out[2 * q + 1] = f64x2_extract_lane::<1>(*acc);
            }
        }
    }

    pub(super) fn columns<const K: usize>(
        a: &[f64],
        rows: usize,
        w: &[[f64; K]],
        mut out: [&mut [f64]; K],
        range: Range<usize>,
        bias: Option<[f64; K]>,
    ) {
        let mut r = range.start;
        while r + 8 <= range.end {
            block::<4, K>(a, rows, w, r, &mut out, bias);
            r += 8;
        }
        while r + 2 <= range.end {
            block::<1, K>(a, rows, w, r, &mut out, bias);
            r += 2;
        }
        if r < range.end {
            for (k, out) in out.iter_mut().enumerate() {
                out[r] = super::scalar_row(a, rows, w, k, r, bias);
            }
        }
    }
}

/// K output columns over the rows `range`: out_k[r] = Σ_t a_t[r]·w_t[k]
/// (+ bias_k) (a column-major, `rows` rows), 8 rows at a time (which a native
/// build may vectorise), then one by one.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod lanes {
    use core::ops::Range;

    pub(super) fn columns<const K: usize>(
        a: &[f64],
        rows: usize,
        w: &[[f64; K]],
        mut out: [&mut [f64]; K],
        range: Range<usize>,
        bias: Option<[f64; K]>,
    ) {
        let mut r = range.start;
        while r + 8 <= range.end {
            let mut acc = [[0.0; 8]; K];
            for (column, w) in a.chunks_exact(rows).zip(w) {
                let x = &column[r..r + 8];
                for (acc, &w) in acc.iter_mut().zip(w) {
                    for (acc, &x) in acc.iter_mut().zip(x) {
                        *acc += x * w;
                    }
                }
            }
            if let Some(bias) = bias {
                for (acc, &w0) in acc.iter_mut().zip(&bias) {
                    acc.iter_mut().for_each(|acc| *acc += w0);
                }
            }
            for (acc, out) in acc.iter().zip(out.iter_mut()) {
                out[r..r + 8].copy_from_slice(acc);
            }
            r += 8;
        }
        for r in r..range.end {
            for (k, out) in out.iter_mut().enumerate() {
                out[r] = super::scalar_row(a, rows, w, k, r, bias);
            }
        }
    }
}

/// One output element the plain way: Σ_t a_t[r]·w_t[k] from 0, in order,
/// then the bias.
#[inline]
fn scalar_row<const K: usize>(
    a: &[f64],
    rows: usize,
    w: &[[f64; K]],
    k: usize,
    r: usize,
    bias: Option<[f64; K]>,
) -> f64 {
    let mut sum = 0.0;
    for (column, w) in a.chunks_exact(rows).zip(w) {
        sum += column[r] * w[k];
    }
    match bias {
        Some(bias) => sum + bias[k],
        None => sum,
    }
}

/// out[i + j·inputs] = [`dot`](a_i, d_j) / n for every column i < `inputs`
/// of `a` and j < `units` of `d`: ∂L/∂w_ij = (1/n)·Σ_h o_i^h δ_j^h, with
/// a = o and d = δ column-major, `examples` rows each. `out` is overwritten.
///
/// The wasm takes two units j, j + 1 at a time when a batch is short (at
/// most [`PAIRED_EXAMPLES`]), each f64x2 lane doing one weight's [`dot`]
/// step for step and one division for both: for a batch of 10 the sum's
/// tail and the division are most of the work, and pairing halves them.
///
/// # Panics
/// If a slice is shorter than the shapes say.
pub fn mean_dots(
    a: &[f64],
    d: &[f64],
    examples: usize,
    [inputs, units]: [usize; 2],
    n: f64,
    out: &mut [f64],
) {
    let column = |c: usize| c * examples..(c + 1) * examples;
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    let paired = paired::mean_dots(a, d, [examples, inputs, units], n, out);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    let paired = 0;
    for j in paired..units {
        let (delta, out) = (&d[column(j)], &mut out[j * inputs..(j + 1) * inputs]);
        for (i, w) in out.iter_mut().enumerate() {
            *w = dot(&a[column(i)], delta) / n;
        }
    }
}

/// Longest batch [`mean_dots`] pairs units for (its pairs of δ are gathered
/// on the stack).
pub const PAIRED_EXAMPLES: usize = 64;

/// [`mean_dots`] for two units at once while the batch is short: lane 0 is
/// unit j's weights, lane 1 unit j + 1's, each lane the steps of [`dot`]
/// then the division. Returns the units done (a count from the first).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod paired {
    use core::arch::wasm32::{
        f64x2, f64x2_add, f64x2_div, f64x2_extract_lane, f64x2_mul, f64x2_splat,
    };

    /// `shape`: examples, inputs, units.
    pub(super) fn mean_dots(
        a: &[f64],
        d: &[f64],
        shape: [usize; 3],
        n: f64,
        out: &mut [f64],
    ) -> usize {
        let [examples, inputs, units] = shape;
        if examples == 0 || examples > super::PAIRED_EXAMPLES {
            return 0;
        }
        let whole = examples - examples % 8;
        let mut pairs = [f64x2_splat(0.0); super::PAIRED_EXAMPLES];
        let pairs = &mut pairs[..examples];
        let (deltas, outs) = (
            d.chunks_exact(2 * examples),
            out.chunks_exact_mut(2 * inputs),
        );
        for (two, out) in deltas.zip(outs).take(units / 2) {
            let (first, second) = two.split_at(examples);
            for ((pair, &x), &y) in pairs.iter_mut().zip(first).zip(second) {
                *pair = f64x2(x, y);
            }
            let (w0, w1) = out.split_at_mut(inputs);
            for ((w0, w1), o) in w0.iter_mut().zip(w1).zip(a.chunks_exact(examples)) {
                let mut lanes = [f64x2_splat(0.0); 8];
                for (x, y) in o[..whole]
                    .chunks_exact(8)
                    .zip(pairs[..whole].chunks_exact(8))
                {
                    for q in 0..8 {
                        lanes[q] = f64x2_add(lanes[q], f64x2_mul(f64x2_splat(x[q]), y[q]));
                    }
                }
                let mut sum = f64x2_splat(0.0);
                for q in 0..4 {
                    sum = f64x2_add(sum, f64x2_add(lanes[q], lanes[q + 4]));
                }
                for (&x, &y) in o[whole..].iter().zip(&pairs[whole..]) {
                    sum = f64x2_add(sum, f64x2_mul(f64x2_splat(x), y));
                }
                let mean = f64x2_div(sum, f64x2_splat(n));
                *w0 = f64x2_extract_lane::<0>(mean);
                *w1 = f64x2_extract_lane::<1>(mean);
            }
        }
        units - units % 2
    }
}

/// Σ_h a[h]·b[h], summed as nalgebra's `dot` sums (which the gradient used
/// before this kernel, so that a link gives the run it gave then): eight
/// running sums s_q over the first multiple of 8 elements, lane q taking
/// elements q, q + 8, …; then, from 0, the pairs s₀ + s₄, s₁ + s₅, s₂ + s₆
/// and s₃ + s₇ in turn; then the remaining elements one by one. The eight
/// lanes are independent, so the wasm may run them as four f64x2 with the
/// same bits.
///
/// # Panics
/// If the slices differ in length.
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len(), "kernels::dot: lengths differ");
    let mut lanes = [0.0; 8];
    let (a_chunks, b_chunks) = (a.chunks_exact(8), b.chunks_exact(8));
    let (a_rest, b_rest) = (a_chunks.remainder(), b_chunks.remainder());
    for (x, y) in a_chunks.zip(b_chunks) {
        for q in 0..8 {
            lanes[q] += x[q] * y[q];
        }
    }
    let mut sum = 0.0;
    for q in 0..4 {
        sum += lanes[q] + lanes[q + 4];
    }
    for (x, y) in a_rest.iter().zip(b_rest) {
        sum += x * y;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, element by element, in the documented order.
    fn naive(
        a: &[f64],
        rows: usize,
        inner: usize,
        b: impl Fn(usize, usize) -> f64,
        columns: usize,
        bias: Option<&[f64]>,
    ) -> Vec<f64> {
        let mut out = vec![0.0; rows * columns];
        for r in 0..rows {
            for c in 0..columns {
                let mut sum = 0.0;
                for t in 0..inner {
                    sum += a[r + t * rows] * b(t, c);
                }
                if let Some(bias) = bias {
                    sum += bias[c];
                }
                out[r + c * rows] = sum;
            }
        }
        out
    }

    /// Values with long mantissas of mixed magnitude, so a change of order shows.
    fn values(count: usize, seed: u64) -> Vec<f64> {
        let mut rng = crate::rng::Pcg32::new(seed, 9);
        (0..count)
            .map(|_| (rng.next_f64() - 0.5) * 10f64.powi((rng.next_f64() * 6.0) as i32 - 3))
            .collect()
    }

    #[test]
    fn multiply_equals_the_definition_bit_for_bit() {
        for (rows, inner, columns) in [
            (10, 7, 8),
            (1, 1, 1),
            (9, 3, 5),
            (17, 32, 2),
            (0, 4, 3),
            // Several tiles of rows, the last one short; one tile, a large inner.
            (2 * TILE + 11, 5, 3),
            (TILE, SMALL_INNER + 3, 4),
        ] {
            let a = values(rows * inner, 1);
            let w = values(inner * columns, 2);
            let bias = values(columns, 3);
            let mut out = vec![f64::NAN; rows * columns];
            multiply(
                &a,
                rows,
                Right::plain(&w, inner),
                columns,
                Some(&bias),
                &mut out,
            );
            let want = naive(
                &a,
                rows,
                inner,
                |t, c| w[t + c * inner],
                columns,
                Some(&bias),
            );
            assert_eq!(bits(&out), bits(&want), "{rows}×{inner}·{inner}×{columns}");
            // Transposed right factor: w is columns × inner.
            let wt = values(columns * inner, 4);
            multiply(
                &a,
                rows,
                Right::transposed(&wt, columns),
                columns,
                None,
                &mut out,
            );
            let want = naive(&a, rows, inner, |t, c| wt[c + t * columns], columns, None);
            assert_eq!(bits(&out), bits(&want), "transposed {rows}×{inner}");
        }
    }

    #[test]
    fn dot_sums_in_nalgebras_order_bit_for_bit() {
        for n in [0, 1, 7, 8, 10, 17, 250] {
            let (a, b) = (values(n, 5), values(n, 6));
            // The documented order, written out with indices.
            let mut lanes = [0.0; 8];
            let full = n - n % 8;
            for i in 0..full {
                lanes[i % 8] += a[i] * b[i];
            }
            let mut want = 0.0;
            want += lanes[0] + lanes[4];
            want += lanes[1] + lanes[5];
            want += lanes[2] + lanes[6];
            want += lanes[3] + lanes[7];
            for i in full..n {
                want += a[i] * b[i];
            }
            assert_eq!(dot(&a, &b).to_bits(), want.to_bits(), "n = {n}");
            // And what the gradient computed with before (nalgebra's dot).
            let (va, vb) = (
                nalgebra::DVector::from_vec(a),
                nalgebra::DVector::from_vec(b),
            );
            assert_eq!(
                dot(va.as_slice(), vb.as_slice()).to_bits(),
                va.dot(&vb).to_bits()
            );
        }
    }

    fn bits(v: &[f64]) -> Vec<u64> {
        v.iter().map(|x| x.to_bits()).collect()
    }
}
