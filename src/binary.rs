//! The binary family: one score per sample, a target t in [0, 1].
//!
//! Every loss is a function of p (a probability) and t. In space `prob` the input is
//! p itself and the gradient is d loss / d p. In space `logit` the input is a raw
//! activation x, p = sigmoid(x), and the gradient is d loss / d x = d loss / d p * p (1 - p).
//! Each function below returns `(loss, gradient)`: value and derivative side by side.

use crate::activation::Logistic;
use crate::fastmath::{larger, ln, ln_1p, ln_1p_unit, pow_unit, Coefficients};

/// PyTorch's `EPSILON` in `binary_cross_entropy_backward`: the float literal `1e-12f`
/// widened to f64, i.e. 9.999999960041972e-13, not 1e-12. Using the f64 literal is off
/// by 4e-9 relative where the clamp is active (p = 0 or 1).
pub(crate) const BCE_GRAD_EPS: f64 = 1e-12_f32 as f64;

/// PyTorch clamps each log term of `binary_cross_entropy` at -100, so one sample
/// contributes at most 100 (per label weight) instead of infinity.
pub(crate) const BCE_LOG_FLOOR: f64 = -100.0;

/// distance (fastai's `mnist_loss`): `t (1 - p) + (1 - t) p`, which for t in {0, 1} is
/// `where(t == 1, 1 - p, p)`. Gradient `d/dp = 1 - 2t`.
#[inline]
pub(crate) fn distance_prob(p: f64, t: f64) -> (f64, f64) {
    (t * (1.0 - p) + (1.0 - t) * p, 1.0 - 2.0 * t)
}

/// distance on `p = sigmoid(x)`: gradient `(1 - 2t) p (1 - p)`.
#[inline]
pub(crate) fn distance_logit(s: &Logistic, t: f64) -> (f64, f64) {
    (t * s.q + (1.0 - t) * s.p, (1.0 - 2.0 * t) * s.slope())
}

/// Binary cross-entropy on a probability, PyTorch's `binary_cross_entropy`:
/// `-(t max(ln p, -100) + (1 - t) max(ln(1 - p), -100))`, with `ln(1 - p)` as `log1p(-p)`.
/// Gradient as PyTorch's backward: `(p - t) / max(p (1 - p), EPS)`, EPS = f32 1e-12.
/// That gradient ignores the -100 clamp (it is not the derivative of the clamped value).
#[inline]
pub(crate) fn bce_prob(p: f64, t: f64, c: &Coefficients) -> (f64, f64) {
    let log_p = larger(ln(p, c), BCE_LOG_FLOOR);
    let log_1mp = larger(ln_1p(-p, c), BCE_LOG_FLOOR);
    let loss = -(t * log_p + (1.0 - t) * log_1mp);
    let grad = (p - t) / larger(p * (1.0 - p), BCE_GRAD_EPS);
    (loss, grad)
}

/// Binary cross-entropy on a logit, PyTorch's `binary_cross_entropy_with_logits`:
/// `max(x, 0) - x t + ln(1 + e^(-|x|))`, which equals `-(t ln p + (1 - t) ln(1 - p))`
/// without ever taking `ln(sigmoid(x))`. Gradient `p - t`.
#[inline]
pub(crate) fn bce_logit(s: &Logistic, t: f64, c: &Coefficients) -> (f64, f64) {
    (larger(s.x, 0.0) - s.x * t + ln_1p_unit(s.e, c), s.p - t)
}

/// Brier score `(p - t)^2`; gradient `2 (p - t)`.
#[inline]
pub(crate) fn brier_prob(p: f64, t: f64) -> (f64, f64) {
    let d = p - t;
    (d * d, 2.0 * d)
}

/// Brier score on `p = sigmoid(x)`; gradient `2 (p - t) p (1 - p)`.
#[inline]
pub(crate) fn brier_logit(s: &Logistic, t: f64) -> (f64, f64) {
    let d = s.p - t;
    (d * d, 2.0 * d * s.slope())
}

/// Focal loss as torchvision's `sigmoid_focal_loss`:
/// `alpha_t ce (1 - p_t)^gamma` with `ce` the bce on the logit,
/// `1 - p_t = t (1 - p) + (1 - t) p` and `alpha_t = alpha t + (1 - alpha)(1 - t)`
/// (`alpha_t = 1` when alpha = -1).
///
/// Gradient, by the product rule as autograd takes it:
/// `alpha_t [ (p - t) m^gamma - gamma m^(gamma - 1) ce (2t - 1) p (1 - p) ]`, m = 1 - p_t.
/// The second term is 0 when gamma = 0 (PyTorch's `pow` backward for exponent 0), and
/// taken as its limit 0 when m = 0 (for gamma < 1 PyTorch gives 0 * inf = NaN there).
#[inline]
pub(crate) fn focal_logit(s: &Logistic, t: f64, gamma: f64, alpha: f64, c: &Coefficients) -> (f64, f64) {
    let (ce, dce) = bce_logit(s, t, c);
    let m = t * s.q + (1.0 - t) * s.p;
    let w = if alpha < 0.0 { 1.0 } else { alpha * t + (1.0 - alpha) * (1.0 - t) };
    let m_gamma = pow_unit(m, gamma, c);
    // gamma m^(gamma - 1) p (1 - p) written as gamma m^gamma (p (1 - p) / m): for t in
    // {0, 1}, p (1 - p) / m is p or 1 - p (never above 1), so nothing overflows where m
    // is subnormal and gamma < 1 (m^(gamma - 1) alone would be infinite there).
    let modulating_term =
        if gamma == 0.0 || m == 0.0 { 0.0 } else { gamma * m_gamma * ce * (2.0 * t - 1.0) * (s.slope() / m) };
    (w * ce * m_gamma, w * (dce * m_gamma - modulating_term))
}

/// Hinge loss on a score x with the label mapped to `y = 2t - 1` (so 0/1 become -1/+1):
/// `max(0, 1 - y x)`. Gradient `-y` where `1 - y x > 0`, else 0; at the kink
/// `y x = 1` it is 0, as PyTorch's `relu` gives.
#[inline]
pub(crate) fn hinge_logit(x: f64, t: f64) -> (f64, f64) {
    let y = 2.0 * t - 1.0;
    let margin = 1.0 - y * x;
    if margin > 0.0 {
        (margin, -y)
    } else {
        // relu'(margin) = 0 times d(margin)/dx = -y, as autograd multiplies it: -0.0 for
        // t = 1, so the sign of zero matches what PyTorch prints (`-0.`).
        (0.0, 0.0 * -y)
    }
}

/// Zero-one loss, `1 - accuracy` for one sample: 1 if `(p >= 0.5) != (t >= 0.5)`, else 0.
/// A tie p = 0.5 predicts class 1; t = 0.5 counts as class 1. Its gradient is 0
/// everywhere (undefined at the jump): accuracy gives gradient descent nothing to follow.
#[inline]
pub(crate) fn zero_one_prob(p: f64, t: f64) -> (f64, f64) {
    (f64::from(u8::from((p >= 0.5) != (t >= 0.5))), 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fastmath::COEFFICIENTS;

    const C: &Coefficients = &COEFFICIENTS;

    /// PyTorch prints `binary_cross_entropy` on p = 0, t = 0 as 0.0000 and on p = 1, t = 1 as
    /// -0.0000 (its terms are `t ln p` and `(1 - t) ln(1 - p)`, clamped, negated); the code view
    /// compares printouts exactly, so the sign of a zero loss must be PyTorch's.
    #[test]
    fn zero_losses_keep_pytorchs_sign() {
        assert!(bce_prob(0.0, 0.0, C).0.is_sign_positive());
        assert!(bce_prob(1.0, 1.0, C).0.is_sign_negative());
        assert_eq!(bce_prob(0.0, 0.0, C).0, 0.0);
    }

    #[test]
    fn eps_is_the_f32_literal() {
        assert_eq!(BCE_GRAD_EPS, 9.999999960041972e-13);
    }

    #[test]
    fn bce_prob_clamps_like_torch() {
        // Hand-derived from PyTorch's formula (oracle README, convention 1).
        assert_eq!(bce_prob(0.0, 1.0, C).0, 100.0);
        assert_eq!(bce_prob(0.0, 0.0, C).0, 0.0);
        assert!((bce_prob(0.0, 0.3, C).0 - 30.0).abs() < 1e-12);
        assert_eq!(bce_prob(5e-324, 1.0, C).0, 100.0);
        // grad (0 - 1) / EPS
        assert_eq!(bce_prob(0.0, 1.0, C).1, -1.0 / 9.999999960041972e-13);
    }

    #[test]
    fn hinge_kink_has_zero_gradient() {
        assert_eq!(hinge_logit(1.0, 1.0), (0.0, 0.0));
        assert_eq!(hinge_logit(-1.0, 0.0), (0.0, 0.0));
        // PyTorch's gradient at or beyond the margin is -0.0 for t = 1, +0.0 for t = 0.
        assert!(hinge_logit(2.0, 1.0).1.is_sign_negative());
        assert!(hinge_logit(-2.0, 0.0).1.is_sign_positive());
        assert_eq!(hinge_logit(0.5, 1.0), (0.5, -1.0));
    }

    #[test]
    fn focal_with_gamma_zero_and_alpha_off_is_bce() {
        for x in [-3.0, -0.2, 0.0, 1.5, 8.0] {
            for t in [0.0, 1.0] {
                let s = Logistic::of(x, C);
                let (f, g) = focal_logit(&s, t, 0.0, -1.0, C);
                let (b, h) = bce_logit(&s, t, C);
                assert!((f - b).abs() < 1e-15 && (g - h).abs() < 1e-15, "x = {x}, t = {t}");
            }
        }
    }

    #[test]
    fn focal_saturated_with_small_gamma_is_finite() {
        // Where 1 - p_t is subnormal (|x| from about 708) or 0 (beyond 745).
        for x in [700.0, 710.0, 740.0, 744.0, 800.0] {
            for gamma in [0.01, 0.04, 0.5, 0.99] {
                for (x, t) in [(x, 1.0), (-x, 0.0)] {
                    let (l, g) = focal_logit(&Logistic::of(x, C), t, gamma, 0.25, C);
                    assert!(l.is_finite() && g.is_finite() && g.abs() < 1e-300, "x = {x}, gamma = {gamma}: {l}, {g}");
                }
            }
        }
    }
}
