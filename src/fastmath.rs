//! `e^y` for `y <= 0` and `ln(1 + e)` for `e` in [0, 1]: the two functions the hot loops
//! spend their time in (every logit loss needs `e^(-|x|)`, bce needs `ln(1 + e^(-|x|))`).
//!
//! Written as straight-line polynomial code, with no table and no branch that depends
//! on the data, so LLVM can keep them inline and vectorise the loops around them; in
//! WebAssembly they are several times faster than the general-purpose `exp`/`ln_1p` of
//! Rust's bundled libm. Both stay within a few units in the last place of the exact
//! value (tests below compare with the platform's libm over both domains; subnormal
//! results of `exp_neg` are within a unit of the least subnormal), far
//! inside the 1e-12 relative tolerance that PyTorch's values are checked with.

const LOG2_E: f64 = std::f64::consts::LOG2_E;
/// ln 2 split in two so that `k * LN2_HI` is exact for |k| < 2^11 (Cody and Waite).
/// (fdlibm's `ln2_hi`/`ln2_lo`, given by their bits: 0.693147180369123816490, 1.90821492927058770002e-10.)
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
/// Below this, `e^y` is smaller than half the least subnormal and rounds to 0.
const EXP_UNDERFLOW: f64 = -745.2;
/// 1.5 * 2^52: adding it rounds to an integer (ties to even) for |v| < 2^51.
const ROUND_SHIFT: f64 = 6_755_399_441_055_744.0;
/// 2^-1000, the second half of the two-step scaling that reaches subnormal results.
const TWO_POW_M1000: f64 = 9.332_636_185_032_189e-302;

/// `e^y` for `y <= 0`; 0 below about -745; NaN for NaN.
///
/// `y = k ln 2 + r` with `k = round(y / ln 2)` and `|r| <= ln 2 / 2`, `e^r` by its Taylor
/// series to degree 13 (truncation error below 5e-18 relative), then the result is
/// scaled by `2^k` as `2^(k + 1000) * 2^-1000`, two exact power-of-two products that
/// reach the subnormal range without a branch.
#[inline(always)]
pub(crate) fn exp_neg(y: f64) -> f64 {
    // Not `max`: that would turn NaN into a number.
    let y = if y < EXP_UNDERFLOW { EXP_UNDERFLOW } else { y };
    // Round y / ln 2 to an integer by adding 1.5 * 2^52: the sum's last mantissa bits
    // then hold k itself (no `floor` call, which baseline x86-64 lacks as an instruction).
    let shifted = y * LOG2_E + ROUND_SHIFT;
    let k = shifted - ROUND_SHIFT;
    let r = (y - k * LN2_HI) - k * LN2_LO;
    // sum_{n=0}^{13} r^n / n! by Estrin's scheme: a tree of depth 4 instead of a chain
    // of 13 dependent multiply-adds, so consecutive samples overlap in the pipeline.
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    let c = |n: f64, m: f64| n + m * r;
    let p01 = c(1.0, 1.0);
    let p23 = c(1.0 / 2.0, 1.0 / 6.0);
    let p45 = c(1.0 / 24.0, 1.0 / 120.0);
    let p67 = c(1.0 / 720.0, 1.0 / 5_040.0);
    let p89 = c(1.0 / 40_320.0, 1.0 / 362_880.0);
    let p1011 = c(1.0 / 3_628_800.0, 1.0 / 39_916_800.0);
    let p1213 = c(1.0 / 479_001_600.0, 1.0 / 6_227_020_800.0);
    let p03 = p01 + p23 * r2;
    let p47 = p45 + p67 * r2;
    let p811 = p89 + p1011 * r2;
    let p07 = p03 + p47 * r4;
    let p813 = p811 + p1213 * r4;
    let p = p07 + p813 * r8;
    // 2^(k + 1000): k is in [-1076, 0], and the low 12 bits of `shifted` are k mod 2^12.
    let scale = f64::from_bits(shifted.to_bits().wrapping_add(2023) << 52);
    p * scale * TWO_POW_M1000
}

/// `ln(1 + e)` for `e` in [0, 1], to full relative precision even for tiny `e`.
///
/// For `e >= 1/2`, `ln(1 + e) = ln 2 + ln(1 + z)` with `z = (e - 1) / 2` (exact, by
/// Sterbenz's lemma); otherwise `z = e`. Then `ln(1 + z) = 2 atanh(s)`,
/// `s = z / (2 + z)`, `|s| <= 1/5`, and `atanh(s) = s (1 + s^2/3 + s^4/5 + ...)`, summed
/// to s^22 (truncation error below 1e-17 relative).
#[inline(always)]
pub(crate) fn ln_1p_unit(e: f64) -> f64 {
    let upper = e >= 0.5;
    let z = if upper { (e - 1.0) * 0.5 } else { e };
    let base = if upper { std::f64::consts::LN_2 } else { 0.0 };
    let s = z / (2.0 + z);
    let s2 = s * s;
    let s4 = s2 * s2;
    let s8 = s4 * s4;
    // sum_{n=1}^{11} s^(2n) / (2n + 1) = s2 * q(s2), q by Estrin's scheme like exp_neg's.
    let c = |a: f64, b: f64| a + b * s2;
    let q01 = c(1.0 / 3.0, 1.0 / 5.0);
    let q23 = c(1.0 / 7.0, 1.0 / 9.0);
    let q45 = c(1.0 / 11.0, 1.0 / 13.0);
    let q67 = c(1.0 / 15.0, 1.0 / 17.0);
    let q89 = c(1.0 / 19.0, 1.0 / 21.0);
    let q03 = q01 + q23 * s4;
    let q47 = q45 + q67 * s4;
    let q810 = q89 + (1.0 / 23.0) * s4;
    let q = q03 + q47 * s8 + q810 * (s8 * s8);
    base + 2.0 * s + 2.0 * s * (q * s2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in units of the last place of `want`.
    fn ulps(got: f64, want: f64) -> f64 {
        if got == want {
            return 0.0;
        }
        let ulp = if want == 0.0 { f64::from_bits(1) } else { (f64::from_bits(want.abs().to_bits() + 1)) - want.abs() };
        (got - want).abs() / ulp
    }

    #[test]
    fn exp_neg_is_within_a_few_ulps_of_libm() {
        let mut worst = 0.0f64;
        let mut y = 0.0;
        while y > -708.0 {
            worst = worst.max(ulps(exp_neg(y), y.exp()));
            worst = worst.max(ulps(exp_neg(-y * 1e-3), (-y * 1e-3).exp()));
            y -= 0.0137;
        }
        assert!(worst <= 2.0, "worst {worst} ulps");
        for y in [-0.0, -1e-300, -1e-17, -0.34657359027997264, -0.3465735902799727, -36.0, -708.3] {
            assert!(ulps(exp_neg(y), y.exp()) <= 2.0, "y = {y}");
        }
    }

    #[test]
    fn exp_neg_reaches_subnormals_and_zero() {
        for y in [-709.0, -720.0, -740.0, -744.0, -745.0] {
            let (got, want) = (exp_neg(y), y.exp());
            assert!((got - want).abs() <= 4.0 * f64::from_bits(1) + 4e-16 * want, "y = {y}: {got:e} vs {want:e}");
        }
        assert_eq!(exp_neg(-746.0), 0.0);
        assert_eq!(exp_neg(f64::NEG_INFINITY), 0.0);
    }

    #[test]
    fn ln_1p_unit_is_within_a_few_ulps_of_libm() {
        let mut worst = 0.0f64;
        let mut e = 1.0;
        while e > 1e-300 {
            for v in [e, e * 0.7310585786300049, e * 0.5000000000000001] {
                worst = worst.max(ulps(ln_1p_unit(v), v.ln_1p()));
            }
            e *= 0.93;
        }
        for v in [0.0, 5e-324, 0.5, 0.49999999999999994, 1.0, 0.9999999999999999] {
            worst = worst.max(ulps(ln_1p_unit(v), v.ln_1p()));
        }
        assert!(worst <= 2.0, "worst {worst} ulps");
    }
}
