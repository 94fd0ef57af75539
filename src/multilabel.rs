//! Multi-label: a row of K logits per sample and K independent targets in [0, 1],
//! one sigmoid and one binary cross-entropy per label.

use crate::activation::Logistic;
use crate::binary::bce_logit;

/// Binary cross-entropy with logits for each label of one row, PyTorch's
/// `F.binary_cross_entropy_with_logits(X, T)` elementwise; the sample's loss is the
/// mean over its K labels, `(1 / K) sum_k bce(x_k, t_k)`.
///
/// The gradient of that per-sample mean is `(sigmoid(x_k) - t_k) / K`. Writes it into
/// `grad`, the sigmoids into `probs` and the elementwise losses into `per_element`
/// (each if given); returns the per-sample loss.
#[inline]
pub(crate) fn multilabel_bce_row(
    row: &[f64],
    targets: &[f64],
    grad: &mut [f64],
    mut probs: Option<&mut [f64]>,
    mut per_element: Option<&mut [f64]>,
) -> f64 {
    let k = row.len() as f64;
    let mut total = 0.0;
    for j in 0..row.len() {
        let s = Logistic::of(row[j]);
        let (loss, g) = bce_logit(&s, targets[j]);
        total += loss;
        grad[j] = g / k;
        if let Some(p) = probs.as_deref_mut() {
            p[j] = s.p;
        }
        if let Some(e) = per_element.as_deref_mut() {
            e[j] = loss;
        }
    }
    total / k
}
