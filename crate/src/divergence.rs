//! Divergence: a step that made the loss or a weight non-finite, what the
//! run did about it, and the sentence that explains it to a student.
//!
//! The trainer checks after every batch. At the first non-finite loss or
//! weight the epoch stops there, and the run goes back to the last weights
//! whose training loss is still a finite number (see `Playground::step`), so
//! nothing non-finite is ever drawn.

/// What stopped being a finite number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonFinite {
    /// The loss of a batch (or of the whole training set after the epoch's
    /// last batch).
    Loss,
    /// A weight or bias of weight layer `layer` (0 = inputs → first layer of units).
    Weight { layer: usize },
}

/// Where the run went back to after a divergence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Restored {
    /// Batches of the diverging epoch included in the weights now held
    /// (0 = the weights from the end of the previous epoch).
    pub after_batch: usize,
    /// The training loss of those weights.
    pub train_loss: f64,
}

/// A divergence caught within an epoch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Divergence {
    /// The epoch being trained (1 = the first).
    pub epoch: u64,
    /// The batch whose step made something non-finite (1 = the first).
    pub batch: usize,
    /// Batches per epoch.
    pub batches: usize,
    pub what: NonFinite,
    /// η of that step.
    pub learning_rate: f64,
    /// The lowest training loss recorded in the run so far, and its epoch.
    pub lowest: (u64, f64),
    pub restored: Restored,
}

impl Divergence {
    /// Says what happened, with the numbers, and what to do.
    pub fn message(&self) -> String {
        let (lowest_epoch, lowest) = self.lowest;
        let last = self.restored.train_loss;
        let cause = match self.what {
            NonFinite::Loss => "the loss".to_owned(),
            NonFinite::Weight { layer } => format!("a weight of layer {}", layer + 1),
        };
        let step = format!(
            "batch {} of {} in epoch {} made {cause} infinite",
            self.batch, self.batches, self.epoch
        );
        let where_ = match self.restored.after_batch {
            0 => format!("at the end of epoch {}", self.epoch - 1),
            b => format!("after batch {b} of epoch {}", self.epoch),
        };
        let story = if last.is_finite() && lowest.is_finite() && last > lowest * 1.0001 {
            format!(
                "The training loss grew from {} (epoch {lowest_epoch}) to {} ({where_}), then {step}.",
                number(lowest),
                number(last),
            )
        } else {
            let mut step = step;
            step[..1].make_ascii_uppercase();
            format!("{step} (the training loss was {} {where_}).", number(last))
        };
        format!(
            "Training paused: the learning rate η = {} is too large for this network. {story} The weights shown are the last with a finite loss. Lower η (try {} or less) and train again, or restore these weights to go on.",
            number(self.learning_rate),
            number(self.learning_rate / 10.0),
        )
    }
}

/// A number for a sentence: four decimals in the everyday range, otherwise
/// a mantissa and a power of ten written as a student would (3.2×10¹⁵⁰).
fn number(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "not a number"
        } else {
            "infinite"
        }
        .to_owned();
    }
    let magnitude = x.abs();
    if x == 0.0 || (1e-3..1e5).contains(&magnitude) {
        let text = format!("{x:.4}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        return text.replace('-', "−");
    }
    let mut exponent = magnitude.log10().floor() as i32;
    let mut mantissa = x / 10f64.powi(exponent);
    if format!("{:.1}", mantissa.abs()) == "10.0" {
        exponent += 1;
        mantissa /= 10.0;
    }
    let superscript: String = exponent
        .to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            d => "⁰¹²³⁴⁵⁶⁷⁸⁹"
                .chars()
                .nth(d.to_digit(10).unwrap_or(0) as usize)
                .unwrap_or('⁰'),
        })
        .collect();
    format!("{mantissa:.1}×10{superscript}").replace('-', "−")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_a_textbook() {
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(0.26134), "0.2613");
        assert_eq!(number(10.0), "10");
        assert_eq!(number(3.2e150), "3.2×10¹⁵⁰");
        assert_eq!(number(9.99e20), "1.0×10²¹");
        assert_eq!(number(2.5e-5), "2.5×10⁻⁵");
        assert_eq!(number(-1.5), "−1.5");
    }

    #[test]
    fn the_message_tells_the_growth_and_the_step() {
        let d = Divergence {
            epoch: 7,
            batch: 12,
            batches: 25,
            what: NonFinite::Weight { layer: 1 },
            learning_rate: 10.0,
            lowest: (0, 0.31),
            restored: Restored {
                after_batch: 11,
                train_loss: 2e200,
            },
        };
        let text = d.message();
        assert!(text.contains("η = 10 is too large"), "{text}");
        assert!(
            text.contains("grew from 0.31 (epoch 0) to 2.0×10²⁰⁰ (after batch 11 of epoch 7)"),
            "{text}"
        );
        assert!(
            text.contains("batch 12 of 25 in epoch 7 made a weight of layer 2 infinite"),
            "{text}"
        );
        assert!(text.contains("try 1 or less"), "{text}");
        assert!(!text.contains("NaN") && !text.contains("inf "), "{text}");
    }

    #[test]
    fn a_sudden_blow_up_is_told_without_a_growth() {
        let d = Divergence {
            epoch: 4,
            batch: 2,
            batches: 10,
            what: NonFinite::Loss,
            learning_rate: 0.3,
            lowest: (3, 0.5),
            restored: Restored {
                after_batch: 0,
                train_loss: 0.5,
            },
        };
        let text = d.message();
        assert!(
            text.contains("η = 0.3 is too large for this network. Batch 2 of 10 in epoch 4 made the loss infinite (the training loss was 0.5 at the end of epoch 3)."),
            "{text}"
        );
        assert!(text.contains("try 0.03 or less"), "{text}");
    }
}
