//! Regression losses: a real prediction `y_hat` and a real target `y` per sample.
//!
//! Each but the Poisson loss is a function of the error `d = y_hat - y`; the gradient is
//! taken with respect to the prediction, `d loss / d y_hat = d loss / d d`. Each function
//! returns `(loss, gradient)`, value and derivative side by side.

use crate::fastmath::{exp, exp_neg_and_complement, ln_1p, ln_1p_unit, Coefficients};

/// `sign(d)` with `sign(0) = 0`, as `torch.sign` (Rust's `f64::signum(0.0)` is 1).
#[inline]
fn sign(d: f64) -> f64 {
    if d > 0.0 {
        1.0
    } else if d < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// Squared error `d^2`; gradient `2 d`.
#[inline]
pub(crate) fn mse(d: f64) -> (f64, f64) {
    (d * d, 2.0 * d)
}

/// Absolute error `|d|`; gradient `sign(d)`, 0 at d = 0 (PyTorch's convention).
#[inline]
pub(crate) fn mae(d: f64) -> (f64, f64) {
    (d.abs(), sign(d))
}

/// Huber loss: `d^2 / 2` for `|d| < delta`, else `delta (|d| - delta / 2)`.
/// Gradient `d` inside, `delta sign(d)` outside; both branches agree at `|d| = delta`.
#[inline]
pub(crate) fn huber(d: f64, delta: f64) -> (f64, f64) {
    let a = d.abs();
    if a < delta {
        (0.5 * d * d, d)
    } else {
        (delta * (a - 0.5 * delta), delta * sign(d))
    }
}

/// Smooth L1 loss: `d^2 / (2 beta)` for `|d| < beta`, else `|d| - beta / 2`.
/// Gradient `d / beta` inside, `sign(d)` outside. `beta = 0` is plain L1 (never the
/// quadratic branch, so no division by 0). `huber(delta) = delta * smooth_l1(beta = delta)`.
#[inline]
pub(crate) fn smooth_l1(d: f64, beta: f64) -> (f64, f64) {
    let a = d.abs();
    if a < beta {
        (0.5 * d * d / beta, d / beta)
    } else {
        (a - 0.5 * beta, sign(d))
    }
}

/// Past this |d|, `ln cosh d` is computed as `|d| - ln 2 + ln(1 + e^(-2|d|))`.
const LOG_COSH_SWITCH: f64 = 20.0;

/// `ln(cosh(d))`; gradient `tanh(d)`.
///
/// Both from `u = e^(-|d|)` and `w = 1 - u` (each to full precision, `w` without the
/// cancellation of `1 - u` near 0): for `|d| <= 20`, `ln(1 + (cosh d - 1))` with
/// `cosh d - 1 = w^2 / (2u)`; beyond, where nothing cancels any more and `1 / u` heads for
/// overflow, `|d| - ln 2 + ln(1 + u^2)`. Its gradient
/// `tanh |d| = (1 - u^2) / (1 + u^2) = w (1 + u) / (1 + u^2)`.
#[inline]
pub(crate) fn log_cosh(d: f64, c: &Coefficients) -> (f64, f64) {
    let a = d.abs();
    let (u, w) = exp_neg_and_complement(-a, c);
    let value = if a <= LOG_COSH_SWITCH {
        ln_1p(w * w / (2.0 * u), c)
    } else {
        a - std::f64::consts::LN_2 + ln_1p_unit(u * u, c)
    };
    (value, (w * (1.0 + u) / (1.0 + u * u)).copysign(d))
}

/// The Poisson negative log-likelihood of a count `y >= 0` under the rate `e^x`, `x` the
/// prediction (a log rate), as PyTorch's `poisson_nll_loss(log_input=True, full=False)`:
/// `e^x - y x`, leaving out `ln(y!)`, which no prediction changes. Gradient `e^x - y`; the loss
/// is least where the rate `e^x` is the count.
#[inline]
pub(crate) fn poisson_nll(x: f64, y: f64, c: &Coefficients) -> (f64, f64) {
    let rate = exp(x, c);
    (rate - y * x, rate - y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fastmath::COEFFICIENTS;

    #[test]
    fn kinks_follow_torch() {
        assert_eq!(mae(0.0), (0.0, 0.0));
        assert_eq!(smooth_l1(0.0, 0.0), (0.0, 0.0));
        assert_eq!(smooth_l1(-2.0, 0.0), (2.0, -1.0));
        // |d| == delta: linear branch, same value and slope as the quadratic one.
        assert_eq!(huber(1.0, 1.0), (0.5, 1.0));
        assert_eq!(smooth_l1(-2.0, 2.0), (1.0, -1.0));
    }

    #[test]
    fn huber_is_delta_times_smooth_l1() {
        for d in [-3.0, -0.4, 0.0, 0.7, 2.5] {
            for delta in [0.5, 1.0, 1.35, 2.0] {
                let (h, g) = huber(d, delta);
                let (s, k) = smooth_l1(d, delta);
                assert!((h - delta * s).abs() < 1e-15 && (g - delta * k).abs() < 1e-15);
            }
        }
    }

    #[test]
    fn poisson_nll_is_least_where_the_rate_is_the_count() {
        let c = &COEFFICIENTS;
        assert_eq!(poisson_nll(0.0, 0.0, c), (1.0, 1.0));
        let (at, slope) = poisson_nll(3f64.ln(), 3.0, c);
        assert!(slope.abs() < 1e-15 && at < poisson_nll(1.0, 3.0, c).0 && at < poisson_nll(1.2, 3.0, c).0);
        // A count of 0: the loss is the rate, which falls to 0 far to the left.
        assert_eq!(poisson_nll(-800.0, 0.0, c), (0.0, 0.0));
        assert_eq!(poisson_nll(800.0, 2.0, c).0, f64::INFINITY);
    }

    #[test]
    fn log_cosh_is_continuous_at_the_switch() {
        let below = log_cosh(LOG_COSH_SWITCH, &COEFFICIENTS).0;
        let above = log_cosh(LOG_COSH_SWITCH + 1e-12, &COEFFICIENTS).0;
        assert!((above - below).abs() < 1e-11);
        // Far out: |d| - ln 2, no overflow.
        assert_eq!(log_cosh(1e300, &COEFFICIENTS).0, 1e300);
    }
}
