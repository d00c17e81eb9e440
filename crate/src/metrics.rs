//! How good the predictions are, beyond the loss: accuracy and the confusion
//! matrix for classification, the coefficient of determination R² for
//! regression. Each is computed from a forward pass the run makes anyway.

use nalgebra::DMatrix;

/// Counts of examples by true class (rows) and predicted class (columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfusionMatrix {
    /// Number of classes k.
    pub classes: usize,
    /// k×k counts, row-major: `counts[true_class * k + predicted]`.
    pub counts: Vec<u64>,
}

impl ConfusionMatrix {
    /// From predictions and targets (rows = examples). One output column: the
    /// class is 1 when the value is at least ½, else 0 (k = 2). Several
    /// columns: the class is the column with the largest value (the first of
    /// equal ones), for the targets too, which are one-hot.
    pub fn new(prediction: &DMatrix<f64>, targets: &DMatrix<f64>) -> Self {
        let k = if prediction.ncols() == 1 {
            2
        } else {
            prediction.ncols()
        };
        let mut counts = vec![0; k * k];
        if prediction.ncols() == 1 {
            for (&p, &y) in prediction.as_slice().iter().zip(targets.as_slice()) {
                counts[usize::from(y >= 0.5) * k + usize::from(p >= 0.5)] += 1;
            }
        } else {
            for (p, y) in prediction.row_iter().zip(targets.row_iter()) {
                counts[largest(y.iter()) * k + largest(p.iter())] += 1;
            }
        }
        ConfusionMatrix { classes: k, counts }
    }

    /// Examples of class `truth` predicted as `predicted`.
    pub fn get(&self, truth: usize, predicted: usize) -> u64 {
        self.counts[truth * self.classes + predicted]
    }

    /// Number of examples counted.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Examples on the diagonal: predicted as their own class.
    pub fn correct(&self) -> u64 {
        (0..self.classes).map(|c| self.get(c, c)).sum()
    }

    /// Fraction classified correctly (0 with no examples).
    pub fn accuracy(&self) -> f64 {
        self.correct() as f64 / self.total().max(1) as f64
    }
}

/// Index of the largest value (the first of equal ones; NaN never wins).
fn largest<'a>(values: impl Iterator<Item = &'a f64>) -> usize {
    let (mut best, mut best_value) = (0, f64::NEG_INFINITY);
    for (j, &v) in values.enumerate() {
        if v > best_value {
            (best, best_value) = (j, v);
        }
    }
    best
}

/// R² = 1 − SS_res / SS_tot, with SS_res = Σ (y − ŷ)² and SS_tot = Σ (y − ȳ)²
/// (ȳ the mean target of each output). 1 is a perfect fit, 0 is no better
/// than always predicting ȳ, below 0 is worse. `None` when the targets do not
/// vary (SS_tot = 0), there are no examples, or a value is not finite.
pub fn r_squared(prediction: &DMatrix<f64>, targets: &DMatrix<f64>) -> Option<f64> {
    let n = targets.nrows();
    if n == 0 {
        return None;
    }
    let (mut residual, mut total) = (0.0, 0.0);
    // Column-major storage: one column is one output over every example.
    for (p, y) in prediction
        .as_slice()
        .chunks(n)
        .zip(targets.as_slice().chunks(n))
    {
        let mean = y.iter().sum::<f64>() / n as f64;
        for (&p, &y) in p.iter().zip(y) {
            residual += (y - p) * (y - p);
            total += (y - mean) * (y - mean);
        }
    }
    let r2 = 1.0 - residual / total;
    (total > 0.0 && r2.is_finite()).then_some(r2)
}

/// The metrics of one set of examples (training or test).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SetMetrics {
    pub examples: usize,
    /// Classification only.
    pub confusion: Option<ConfusionMatrix>,
    /// Regression only (and `None` where R² is undefined).
    pub r_squared: Option<f64>,
}

impl SetMetrics {
    pub fn new(prediction: &DMatrix<f64>, targets: &DMatrix<f64>, classification: bool) -> Self {
        SetMetrics {
            examples: targets.nrows(),
            confusion: classification.then(|| ConfusionMatrix::new(prediction, targets)),
            r_squared: if classification {
                None
            } else {
                r_squared(prediction, targets)
            },
        }
    }

    /// Fraction classified correctly; `None` for regression or no examples.
    pub fn accuracy(&self) -> Option<f64> {
        self.confusion.as_ref().map(ConfusionMatrix::accuracy)
    }
}

/// The metrics of the current weights on the training and the test set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metrics {
    pub train: SetMetrics,
    pub test: SetMetrics,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_confusion_counts_by_true_then_predicted_class() {
        let p = DMatrix::from_column_slice(5, 1, &[0.9, 0.2, 0.6, 0.4, 0.5]);
        let y = DMatrix::from_column_slice(5, 1, &[1.0, 0.0, 0.0, 1.0, 1.0]);
        let m = ConfusionMatrix::new(&p, &y);
        // true 0: one right (0.2), one predicted 1 (0.6); true 1: 0.9 and 0.5 right, 0.4 wrong.
        assert_eq!(m.counts, vec![1, 1, 1, 2]);
        assert_eq!((m.total(), m.correct()), (5, 3));
        assert!((m.accuracy() - 0.6).abs() < 1e-15);
    }

    #[test]
    fn multi_class_confusion_uses_the_largest_output() {
        let p = DMatrix::from_row_slice(3, 3, &[0.1, 0.7, 0.2, 0.5, 0.4, 0.1, 0.2, 0.2, 0.6]);
        let y = DMatrix::from_row_slice(3, 3, &[0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0]);
        let m = ConfusionMatrix::new(&p, &y);
        assert_eq!(m.classes, 3);
        assert_eq!(m.get(1, 1), 1);
        assert_eq!(m.get(2, 0), 1);
        assert_eq!(m.get(2, 2), 1);
        assert_eq!(m.total(), 3);
    }

    #[test]
    fn r_squared_is_one_for_a_perfect_fit_and_zero_for_the_mean() {
        let y = DMatrix::from_column_slice(4, 1, &[-1.0, 0.0, 0.5, 1.5]);
        assert_eq!(r_squared(&y, &y), Some(1.0));
        let mean = DMatrix::from_element(4, 1, 0.25);
        assert!(r_squared(&mean, &y).unwrap().abs() < 1e-15);
        let flat = DMatrix::from_element(4, 1, 2.0);
        assert_eq!(r_squared(&y, &flat), None);
    }
}
