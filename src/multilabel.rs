//! Multi-label: a row of K logits per sample and K independent targets in [0, 1],
//! one sigmoid and one binary cross-entropy per label.

use crate::activation::Logistic;
use crate::binary::bce_logit;
use crate::fastmath::Coefficients;

/// One label of a row of `labels` (K): its binary cross-entropy with logits, PyTorch's
/// `F.binary_cross_entropy_with_logits(X, T)` elementwise, and its gradient as part of the
/// sample's loss, which is the mean over the row, `(1 / K) sum_k bce(x_k, t_k)`: that
/// gradient is `(sigmoid(x_k) - t_k) / K`.
#[inline]
pub(crate) fn label_bce(s: &Logistic, t: f64, labels: f64, c: &Coefficients) -> (f64, f64) {
    let (loss, grad) = bce_logit(s, t, c);
    (loss, grad / labels)
}
