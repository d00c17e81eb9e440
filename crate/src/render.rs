//! Evaluating nodes over a grid of the input plane, and turning values into
//! colours.
//!
//! Grid layout (shared by every heatmap): n×n cells, row-major; row 0 is the
//! top (x₂ = +6), column 0 the left (x₁ = −6); cell (r, c) is centred at
//! x₁ = −6 + 12(c + ½)/n, x₂ = 6 − 12(r + ½)/n. RGBA output has 4 bytes per
//! cell in that order, ready for a canvas `ImageData`.

use serde::Serialize;

use crate::data::EXTENT;

/// The centre of grid cell (row, column) in input coordinates (x₁, x₂).
pub fn cell_centre(n: usize, row: usize, column: usize) -> (f64, f64) {
    let size = 2.0 * EXTENT / n as f64;
    (
        -EXTENT + size * (column as f64 + 0.5),
        EXTENT - size * (row as f64 + 0.5),
    )
}

/// Cells per side of the main plot's picture: the page draws it scaled
/// smoothly to its size (ARCHITECTURE.md: pictures at the size they are shown).
pub const PLOT_GRID: usize = 100;

/// Cells per side of a node's thumbnail in the network view (at most ~90
/// device pixels wide), sampled from the plot's grid ([`sampled_cells`]):
/// the plot's evaluation already has every node's values, so the
/// thumbnails cost no forward pass of their own.
pub const THUMB_GRID: usize = 32;

/// Every cell centre of an n×n grid, in layout order.
pub fn grid_points(n: usize) -> impl ExactSizeIterator<Item = (f64, f64)> {
    (0..n * n).map(move |k| cell_centre(n, k / n, k % n))
}

/// The cells of an n×n grid that an m×m grid (m ≤ n) samples, in the m×m
/// grid's layout order: its cell (r, c) takes the cell of the n×n grid that
/// its centre lies in, (⌊(2r + 1)n / 2m⌋, ⌊(2c + 1)n / 2m⌋). That cell's
/// centre is the nearest to its own, at most half a fine cell away, and the
/// choice is symmetric about the middle whenever no centre lies on a cell
/// boundary (never for 32 of 100).
pub fn sampled_cells(n: usize, m: usize) -> Vec<usize> {
    // One division per row or column, not per cell.
    let index: Vec<usize> = (0..m).map(|k| (2 * k + 1) * n / (2 * m)).collect();
    let rows = index.iter().map(|&r| r * n);
    rows.flat_map(|row| index.iter().map(move |&c| row + c))
        .collect()
}

/// A colour as red, green, blue bytes.
pub type Rgb = [u8; 3];

/// The palettes by the names the page uses (a link says `colorBlind=1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum PaletteName {
    Default,
    ColorBlind,
}

impl PaletteName {
    pub const ALL: [PaletteName; 2] = [PaletteName::Default, PaletteName::ColorBlind];

    /// The name as serde writes it.
    pub fn name(self) -> &'static str {
        match self {
            PaletteName::Default => "default",
            PaletteName::ColorBlind => "colorBlind",
        }
    }

    pub fn palette(self) -> Palette {
        match self {
            PaletteName::Default => Palette::DEFAULT,
            PaletteName::ColorBlind => Palette::COLOR_BLIND,
        }
    }
}

/// Two end colours and a neutral middle (negative → middle → positive), and
/// one colour per class for multi-class problems (class 0 and 1 match the
/// negative and positive colours).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub negative: Rgb,
    pub middle: Rgb,
    pub positive: Rgb,
    pub classes: [Rgb; 5],
}

impl Palette {
    /// Orange for the negative class, blue for the positive one: the colours
    /// TensorFlow Playground's users know, distinguishable with the common
    /// red–green colour deficiencies.
    pub const DEFAULT: Palette = Palette {
        negative: [245, 147, 34],
        middle: [232, 234, 235],
        positive: [8, 119, 189],
        classes: [
            [245, 147, 34],
            [8, 119, 189],
            [0, 158, 115],
            [204, 121, 167],
            [117, 112, 179],
        ],
    };

    /// Purple and orange (ColorBrewer's PuOr ends), told apart under every
    /// common colour-vision deficiency, including blue–yellow; classes from
    /// the Okabe–Ito set.
    pub const COLOR_BLIND: Palette = Palette {
        negative: [230, 97, 1],
        middle: [240, 240, 240],
        positive: [94, 60, 153],
        classes: [
            [230, 97, 1],
            [94, 60, 153],
            [0, 158, 115],
            [86, 180, 233],
            [240, 228, 66],
        ],
    };

    /// A palette by its name ([`PaletteName::name`]).
    pub fn named(name: &str) -> Option<Palette> {
        PaletteName::ALL
            .into_iter()
            .find(|p| p.name() == name)
            .map(PaletteName::palette)
    }

    /// The colour of class `index` (wrapping past the last).
    pub fn class(&self, index: usize) -> Rgb {
        self.classes[index % self.classes.len()]
    }

    /// The colour of a cell from its k class scores: the most likely class's
    /// colour, mixed toward the middle colour as confidence falls. Confidence
    /// runs from 0 (every class equally likely, 1/k each) to 1 (certain).
    pub fn class_colour(&self, scores: impl Iterator<Item = f64>, discretize: bool) -> Rgb {
        let (mut best, mut best_score, mut total, mut k) = (0, f64::NEG_INFINITY, 0.0, 0usize);
        for (class, score) in scores.enumerate() {
            if score > best_score {
                (best, best_score) = (class, score);
            }
            total += score.max(0.0);
            k += 1;
        }
        if !best_score.is_finite() {
            return self.middle;
        }
        let colour = self.class(best);
        if discretize || k < 2 {
            return colour;
        }
        // Squared-error outputs need not sum to 1: read them as shares of their sum.
        let share = if total > 0.0 {
            best_score.max(0.0) / total
        } else {
            1.0 / k as f64
        };
        let chance = 1.0 / k as f64;
        let confidence = ((share - chance) / (1.0 - chance)).clamp(0.0, 1.0);
        mix(self.middle, colour, 0.25 + 0.75 * confidence)
    }

    /// Colour of `value` on a scale from `low` (negative end) to `high`.
    /// Values outside the scale take the end colours; NaN takes the middle.
    pub fn colour(&self, value: f64, low: f64, high: f64) -> Rgb {
        let t = (value - low) / (high - low);
        if t.is_nan() {
            return self.middle;
        }
        self.at(t.clamp(0.0, 1.0))
    }

    /// The scale at `t` ∈ [0, 1]: negative end, middle at ½, positive end.
    fn at(&self, t: f64) -> Rgb {
        if t < 0.5 {
            mix(self.negative, self.middle, 2.0 * t)
        } else {
            mix(self.middle, self.positive, 2.0 * t - 1.0)
        }
    }

    /// Colours `values` into RGBA bytes (alpha 255). With `discretize`, each
    /// value takes the colour of the side of the midpoint it lies on.
    ///
    /// A heatmap colours 10 000 cells per node per frame, so the scale is
    /// sampled once into a table of [`SCALE_STEPS`] + 1 colours and each cell
    /// looks its colour up: the ends and the middle are exact, and no cell is
    /// more than one unit per channel from [`Self::colour`].
    pub fn rgba(
        &self,
        values: impl Iterator<Item = f64>,
        low: f64,
        high: f64,
        discretize: bool,
    ) -> Vec<u8> {
        let rgba = |[r, g, b]: Rgb| [r, g, b, 255];
        let steps_per_unit = SCALE_STEPS as f64 / (high - low);
        if discretize || !steps_per_unit.is_finite() {
            // Two colours, or a scale with no width: no table to build.
            let (_, upper) = values.size_hint();
            let mut bytes = Vec::with_capacity(4 * upper.unwrap_or(0));
            let middle = 0.5 * (low + high);
            for v in values {
                let colour = if v.is_nan() {
                    self.middle
                } else if !discretize {
                    self.colour(v, low, high)
                } else if v >= middle {
                    self.positive
                } else {
                    self.negative
                };
                bytes.extend_from_slice(&rgba(colour));
            }
            return bytes;
        }
        let shared = self.scale_table();
        // A fixed length, so that the index (at most SCALE_STEPS) needs no check.
        let Ok(table) = <&[[u8; 4]; SCALE_STEPS + 1]>::try_from(&shared[..]) else {
            unreachable!("a scale table has SCALE_STEPS + 1 colours")
        };
        let nan = rgba(self.middle);
        let lookup = |v: f64| {
            // Rounds to the nearest step (+ ½ then truncate: no call to `round`);
            // saturating float-to-int casts clamp out-of-scale values to the ends.
            let k = ((v - low) * steps_per_unit + 0.5) as usize;
            if v.is_nan() {
                nan
            } else {
                table[k.min(SCALE_STEPS)]
            }
        };
        // One RGBA cell per value: collected at its exact length (every grid),
        // with no zeroing first and no growth checks.
        values
            .map(lookup)
            .collect::<Vec<[u8; 4]>>()
            .into_flattened()
    }

    /// The scale sampled at [`SCALE_STEPS`] + 1 points, as RGBA. It does not
    /// depend on the scale's range, so a palette's table is built once.
    fn scale_table(&self) -> std::rc::Rc<[[u8; 4]]> {
        type Kept = Vec<(Palette, std::rc::Rc<[[u8; 4]]>)>;
        thread_local! {
            static TABLES: std::cell::RefCell<Kept> = const { std::cell::RefCell::new(Vec::new()) };
        }
        TABLES.with_borrow_mut(|tables| {
            if let Some((_, table)) = tables.iter().find(|(p, _)| p == self) {
                return table.clone();
            }
            let table: std::rc::Rc<[[u8; 4]]> = (0..=SCALE_STEPS)
                .map(|k| {
                    let [r, g, b] = self.at(k as f64 / SCALE_STEPS as f64);
                    [r, g, b, 255]
                })
                .collect();
            // Two palettes ship; a caller's own are kept too, a few at most.
            if tables.len() == 4 {
                tables.remove(0);
            }
            tables.push((*self, table.clone()));
            table
        })
    }
}

/// Samples of a colour scale in [`Palette::rgba`]'s table (even, so the
/// middle colour has its own entry).
const SCALE_STEPS: usize = 1024;

fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    // Channels lie in [0, 255]: + ½ then truncate rounds them.
    let channel = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t + 0.5) as u8;
    [
        channel(a[0], b[0]),
        channel(a[1], b[1]),
        channel(a[2], b[2]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coarse_grid_samples_the_fine_cell_its_centres_lie_in() {
        let cells = sampled_cells(100, 32);
        assert_eq!(cells.len(), 32 * 32);
        for (k, &cell) in cells.iter().enumerate() {
            let (x, y) = cell_centre(32, k / 32, k % 32);
            let (fx, fy) = cell_centre(100, cell / 100, cell % 100);
            // Within half a fine cell (0.06) on each axis.
            assert!((x - fx).abs() <= 0.06 && (y - fy).abs() <= 0.06, "cell {k}");
            // Mirrored across both axes, the sample mirrors too.
            let mirrored = cells[32 * 32 - 1 - k];
            assert_eq!(mirrored, 100 * 100 - 1 - cell, "cell {k}");
        }
        // The first row samples row 1 (100/64 rounded down), at columns
        // (2c + 1)·100/64 rounded down.
        assert_eq!(&cells[..4], &[101, 104, 107, 110]);
        // A grid samples itself cell for cell.
        assert!(sampled_cells(7, 7).into_iter().eq(0..49));
        assert!(sampled_cells(5, 0).is_empty());
    }

    #[test]
    fn grid_covers_the_square_top_row_first() {
        assert_eq!(cell_centre(100, 0, 0), (-5.94, 5.94));
        let (x, y) = cell_centre(100, 99, 99);
        assert!((x - 5.94).abs() < 1e-12 && (y + 5.94).abs() < 1e-12);
        let points: Vec<_> = grid_points(3).collect();
        assert_eq!(points.len(), 9);
        assert_eq!(points[1], (0.0, 4.0));
        assert_eq!(points[3], (-4.0, 0.0));
    }

    #[test]
    fn the_colour_table_stays_within_one_unit_of_the_exact_scale() {
        for p in [Palette::DEFAULT, Palette::COLOR_BLIND] {
            let (low, high) = (-1.7, 2.3);
            let values: Vec<f64> = (0..=5000)
                .map(|i| low - 0.5 + 5.0 * f64::from(i) / 5000.0)
                .chain([f64::NAN, f64::INFINITY, f64::NEG_INFINITY])
                .collect();
            let bytes = p.rgba(values.iter().copied(), low, high, false);
            for (v, cell) in values.iter().zip(bytes.chunks_exact(4)) {
                let exact = p.colour(*v, low, high);
                for c in 0..3 {
                    assert!(
                        cell[c].abs_diff(exact[c]) <= 1,
                        "{v}: {cell:?} vs {exact:?}"
                    );
                }
                assert_eq!(cell[3], 255);
            }
            let ends = p.rgba(
                [low, 0.5 * (low + high), high].into_iter(),
                low,
                high,
                false,
            );
            assert_eq!(&ends[0..3], &p.negative);
            assert_eq!(&ends[4..7], &p.middle);
            assert_eq!(&ends[8..11], &p.positive);
            // A flat scale (low = high) still colours without dividing by zero.
            let flat = p.rgba([1.0, 2.0].into_iter(), 1.0, 1.0, false);
            assert_eq!(flat.len(), 8);
        }
    }

    #[test]
    fn colours_run_from_negative_through_middle_to_positive() {
        let p = Palette::DEFAULT;
        assert_eq!(p.colour(-1.0, -1.0, 1.0), p.negative);
        assert_eq!(p.colour(0.0, -1.0, 1.0), p.middle);
        assert_eq!(p.colour(5.0, -1.0, 1.0), p.positive);
        assert_eq!(p.colour(f64::NAN, -1.0, 1.0), p.middle);
        let between = p.colour(0.75, 0.0, 1.0);
        assert!(between[2] > p.middle[2].min(p.positive[2]) && between[0] < p.middle[0]);
    }

    #[test]
    fn class_colour_follows_the_argmax_and_fades_with_doubt() {
        let p = Palette::DEFAULT;
        let sure = p.class_colour([0.02, 0.01, 0.97].into_iter(), false);
        let unsure = p.class_colour([0.3, 0.33, 0.37].into_iter(), false);
        assert_eq!(
            p.class_colour([0.3, 0.33, 0.37].into_iter(), true),
            p.class(2)
        );
        let distance = |a: Rgb, b: Rgb| {
            (0..3)
                .map(|i| (i32::from(a[i]) - i32::from(b[i])).abs())
                .sum::<i32>()
        };
        assert!(distance(sure, p.class(2)) < distance(unsure, p.class(2)));
        assert!(distance(unsure, p.middle) < distance(sure, p.middle));
        assert_eq!(
            p.class_colour([f64::NAN, f64::NAN].into_iter(), false),
            p.middle
        );
    }

    #[test]
    fn palettes_are_found_by_name() {
        assert_eq!(Palette::named("colorBlind"), Some(Palette::COLOR_BLIND));
        assert_eq!(Palette::named("rainbow"), None);
        for name in PaletteName::ALL {
            let written = serde_json::to_value(name).unwrap();
            assert_eq!(written.as_str(), Some(name.name()), "{name:?}");
            assert_eq!(Palette::named(name.name()), Some(name.palette()));
        }
    }

    #[test]
    fn rgba_has_four_bytes_per_value_and_discretizes() {
        let p = Palette::DEFAULT;
        let bytes = p.rgba([0.2, 0.6].into_iter(), 0.0, 1.0, true);
        assert_eq!(bytes.len(), 8);
        assert_eq!(&bytes[0..3], &p.negative);
        assert_eq!(&bytes[4..7], &p.positive);
        assert_eq!(bytes[3], 255);
        let smooth = p.rgba([0.6].into_iter(), 0.0, 1.0, false);
        assert_ne!(&smooth[0..3], &p.positive);
    }
}
