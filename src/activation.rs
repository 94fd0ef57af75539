//! The building blocks: sigmoid, its complement and derivative, softmax and log-softmax.
//!
//! All are numerically stable for every finite input: no `exp` of a large positive
//! number, and nothing computes `ln(sigmoid(x))` (that gives `-inf` and then NaN once
//! sigmoid rounds to 0; see candle's issue 2561).

use crate::fastmath::{exp_neg, ln_1p_unit, Coefficients, COEFFICIENTS};

/// The logistic sigmoid, `1 / (1 + e^(-x))`, in (0, 1).
///
/// Computed from `e = e^(-|x|)`, which never overflows: `1 / (1 + e)` for `x >= 0`
/// and `e / (1 + e)` for `x < 0`. Rounds to exactly `1.0` for `x >= 37` (as PyTorch
/// does); below about `-709` the result is subnormal rather than PyTorch's 0.
///
/// # Examples
/// ```
/// use losslab::sigmoid;
/// assert_eq!(sigmoid(0.0), 0.5);
/// assert!((sigmoid(2.0) + sigmoid(-2.0) - 1.0).abs() < 1e-15);
/// ```
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    sigmoid_pair(x).0
}

/// `(sigmoid(x), 1 - sigmoid(x))`, both to full relative precision.
///
/// `1 - sigmoid(x)` equals `sigmoid(-x)`; computing it that way keeps its digits when
/// sigmoid(x) is close to 1, where `1.0 - sigmoid(x)` would cancel to 0.
///
/// # Examples
/// ```
/// let (p, q) = losslab::sigmoid_pair(40.0);
/// assert_eq!(p, 1.0);
/// assert!((q - 4.248354255291589e-18).abs() < 1e-30); // e^-40 / (1 + e^-40)
/// ```
#[inline]
pub fn sigmoid_pair(x: f64) -> (f64, f64) {
    let s = Logistic::of(x, &COEFFICIENTS);
    (s.p, s.q)
}

/// A raw activation with its sigmoid: `p = sigmoid(x)` and `q = 1 - p`, both computed
/// from `e = e^(-|x|)` (which never overflows) so neither loses digits when the other
/// is near 1: `p = 1 / (1 + e)` for `x >= 0`, `e / (1 + e)` for `x < 0`, and `q` the other.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Logistic {
    pub x: f64,
    /// `e^(-|x|)`, in [0, 1].
    pub e: f64,
    pub p: f64,
    pub q: f64,
}

impl Logistic {
    #[inline(always)]
    pub fn of(x: f64, c: &Coefficients) -> Logistic {
        let e = exp_neg(-x.abs(), c);
        let r = 1.0 / (1.0 + e);
        let (big, small) = (r, e * r);
        let (p, q) = if x >= 0.0 { (big, small) } else { (small, big) };
        Logistic { x, e, p, q }
    }

    /// `dp/dx = p (1 - p)`.
    #[inline(always)]
    pub fn slope(&self) -> f64 {
        self.p * self.q
    }
}

/// The inverse of sigmoid, `logit(p) = ln(p / (1 - p))`, computed as `ln p - ln(1 + (-p))`
/// so that p near 1 keeps its digits; `-inf` at 0, `inf` at 1, NaN outside [0, 1].
///
/// # Examples
/// ```
/// assert_eq!(losslab::logit(0.5), 0.0);
/// assert!((losslab::sigmoid(losslab::logit(0.9)) - 0.9).abs() < 1e-15);
/// ```
#[inline]
pub fn logit(p: f64) -> f64 {
    p.ln() - (-p).ln_1p()
}

/// The derivative of sigmoid, `sigmoid(x) * (1 - sigmoid(x))`, in (0, 0.25].
///
/// # Examples
/// ```
/// assert_eq!(losslab::sigmoid_grad(0.0), 0.25);
/// ```
#[inline]
pub fn sigmoid_grad(x: f64) -> f64 {
    let (p, q) = sigmoid_pair(x);
    p * q
}

/// `ln(1 + e^x)`, the softplus, without overflow: `max(x, 0) + ln(1 + e^(-|x|))`.
///
/// `-softplus(-x)` is `ln(sigmoid(x))` computed the safe way.
///
/// # Examples
/// ```
/// assert_eq!(losslab::softplus(1000.0), 1000.0);
/// assert!((losslab::softplus(0.0) - std::f64::consts::LN_2).abs() < 1e-16);
/// ```
#[inline]
pub fn softplus(x: f64) -> f64 {
    x.max(0.0) + ln_1p_unit(exp_neg(-x.abs(), &COEFFICIENTS), &COEFFICIENTS)
}

/// Log-softmax of one row, written into `out`:
/// `out[k] = x[k] - (m + ln(sum_j e^(x[j] - m)))` with `m = max_j x[j]`.
///
/// Subtracting the row maximum first means no `exp` overflows, and the largest term
/// of the sum is exactly 1, so the logarithm never sees 0.
///
/// # Panics
/// Panics if `out.len() != row.len()` or the row is empty.
///
/// # Examples
/// ```
/// let mut out = [0.0; 3];
/// losslab::log_softmax_into(&[0.0, 0.0, 0.0], &mut out);
/// assert!((out[0] + 3f64.ln()).abs() < 1e-15);
/// ```
pub fn log_softmax_into(row: &[f64], out: &mut [f64]) {
    assert_eq!(row.len(), out.len(), "log_softmax_into: output length");
    let lse = log_sum_exp(row);
    for (o, &x) in out.iter_mut().zip(row) {
        *o = x - lse;
    }
}

/// Log-softmax of one row; see [`log_softmax_into`].
///
/// # Examples
/// ```
/// let l = losslab::log_softmax(&[1000.0, 0.0]);
/// assert_eq!(l[0], 0.0);
/// assert_eq!(l[1], -1000.0);
/// ```
pub fn log_softmax(row: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; row.len()];
    if !row.is_empty() {
        log_softmax_into(row, &mut out);
    }
    out
}

/// Softmax of one row, written into `out`: `out[k] = e^(x[k] - m) / sum_j e^(x[j] - m)`,
/// `m = max_j x[j]`. Every entry is in [0, 1] and the row sums to 1 up to rounding.
///
/// # Panics
/// Panics if `out.len() != row.len()`.
///
/// # Examples
/// ```
/// let mut out = [0.0; 2];
/// losslab::softmax_into(&[1.0, -1.0], &mut out);
/// assert!((out[0] - 0.8807970779778823).abs() < 1e-15);
/// ```
pub fn softmax_into(row: &[f64], out: &mut [f64]) {
    assert_eq!(row.len(), out.len(), "softmax_into: output length");
    softmax_lse(row, out, &COEFFICIENTS);
}

/// Softmax of one row into `out` (as [`softmax_into`]); returns the row's log-sum-exp,
/// `ln(sum_j e^(x[j]))`, which is `m + ln(sum_j e^(x[j] - m))`.
///
/// In passes (the maximum, the exponentials into `out`, their sum, the division) so that
/// the one that does the work has no sum running through it and vectorises where it is
/// inlined.
#[inline(always)]
pub(crate) fn softmax_lse(row: &[f64], out: &mut [f64], c: &Coefficients) -> f64 {
    let m = row_max(row);
    for (o, &x) in out.iter_mut().zip(row) {
        *o = exp_neg(x - m, c);
    }
    let total: f64 = out.iter().sum();
    for o in out.iter_mut() {
        *o /= total;
    }
    m + total.ln()
}

/// Softmax of one row; see [`softmax_into`].
///
/// # Examples
/// ```
/// assert_eq!(losslab::softmax(&[3.0, 3.0]), vec![0.5, 0.5]);
/// ```
pub fn softmax(row: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; row.len()];
    if !row.is_empty() {
        softmax_into(row, &mut out);
    }
    out
}

/// `ln(sum_k e^(x[k]))` without overflow, by factoring out the row maximum.
fn log_sum_exp(row: &[f64]) -> f64 {
    assert!(!row.is_empty(), "log_sum_exp of an empty row");
    let m = row_max(row);
    let s: f64 = row.iter().map(|&x| exp_neg(x - m, &COEFFICIENTS)).sum();
    m + s.ln()
}

fn row_max(row: &[f64]) -> f64 {
    row.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_is_symmetric_and_saturates_like_torch() {
        for x in [-800.0, -40.0, -1.0, -1e-12, 0.0, 1e-12, 1.0, 36.0, 37.0, 800.0] {
            let (p, q) = sigmoid_pair(x);
            assert!((sigmoid(-x) - (1.0 - p)).abs() <= f64::EPSILON, "x = {x}");
            assert!((p + q - 1.0).abs() <= f64::EPSILON, "x = {x}");
        }
        // torch.sigmoid(torch.tensor(37., dtype=torch.float64)) == 1.0
        assert_eq!(sigmoid(37.0), 1.0);
    }

    #[test]
    fn softplus_matches_direct_formula_where_that_is_safe() {
        for x in [-30.0, -2.0, 0.5, 3.0, 30.0] {
            let direct = (1.0 + f64::exp(x)).ln();
            assert!((softplus(x) - direct).abs() <= 1e-15 * direct.max(1.0), "x = {x}");
        }
    }

    #[test]
    fn softmax_handles_huge_rows() {
        let p = softmax(&[1000.0, 1000.0, -1000.0]);
        assert_eq!(p, vec![0.5, 0.5, 0.0]);
        assert_eq!(log_softmax(&[0.0])[0], 0.0);
    }
}
