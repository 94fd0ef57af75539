//! Multi-class: a row of K logits per sample and one class index y in 0..K.

use crate::activation::softmax_lse;
use crate::fastmath::Coefficients;

/// Softmax cross-entropy of one row with label smoothing `eps`, PyTorch's
/// `F.cross_entropy(x, y, label_smoothing=eps)` for a single sample.
///
/// With `ln p_k = x_k - ln(sum_j e^(x_j))` (log-softmax, stable) and the smoothed target
/// distribution `q_k = (1 - eps) [k = y] + eps / K` (eps / K lands on every class,
/// the true one included):
///
/// * loss `= -sum_k q_k ln p_k = (1 - eps)(-ln p_y) + (eps / K) sum_k (-ln p_k)`
/// * gradient `d loss / d x_k = p_k - q_k` (softmax minus the target distribution)
///
/// Writes the gradient into `grad` and, if given, the softmax into `probs`; returns the loss.
#[inline]
pub(crate) fn cross_entropy_row(
    row: &[f64],
    y: usize,
    eps: f64,
    grad: &mut [f64],
    probs: Option<&mut [f64]>,
    c: &Coefficients,
) -> f64 {
    let k = row.len() as f64;
    // The softmax p first, in the gradient's place.
    let lse = softmax_lse(row, grad, c);
    if let Some(probs) = probs {
        probs.copy_from_slice(grad);
    }
    for g in grad.iter_mut() {
        *g -= eps / k;
    }
    grad[y] -= 1.0 - eps;
    let nll = lse - row[y];
    // -ln p_k = lse - x_k
    let smooth = if eps == 0.0 { 0.0 } else { eps / k * row.iter().map(|&x| lse - x).sum::<f64>() };
    (1.0 - eps) * nll + smooth
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fastmath::COEFFICIENTS;

    #[test]
    fn uniform_row_costs_ln_k() {
        // Hand calculation: softmax of equal logits is 1/K, so the loss is ln K.
        let mut g = [0.0; 3];
        let l = cross_entropy_row(&[5.0, 5.0, 5.0], 2, 0.0, &mut g, None, &COEFFICIENTS);
        assert!((l - 3f64.ln()).abs() < 1e-15);
        assert!((g[2] + 2.0 / 3.0).abs() < 1e-15 && (g[0] - 1.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn full_smoothing_ignores_the_class() {
        let mut g1 = [0.0; 2];
        let mut g2 = [0.0; 2];
        let a = cross_entropy_row(&[1.0, -1.0], 0, 1.0, &mut g1, None, &COEFFICIENTS);
        let b = cross_entropy_row(&[1.0, -1.0], 1, 1.0, &mut g2, None, &COEFFICIENTS);
        assert!((a - b).abs() < 1e-15);
        assert_eq!(g1, g2);
    }
}
