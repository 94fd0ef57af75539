//! The few elementary functions the hot loops spend their time in, for the arguments they
//! meet there: `e^y` and `e^y - 1` for `y <= 0` (every logit loss needs `e^(-|x|)`, log-cosh
//! both), `e^y` for any `y` (the Poisson loss's rate), `ln(1 + e)` for `e` in [0, 1] (bce with logits), `ln v` and `ln(1 + z)` (bce on
//! probabilities) and `m^gamma` for `m` in [0, 1] (focal).
//!
//! Written as straight-line polynomial code, with no table and no branch that depends
//! on the data (a condition picks between two computed values), so LLVM can keep them
//! inline and vectorise the loops around them: in WebAssembly with SIMD128 two samples
//! go through one f64x2 instruction, and even scalar they are several times faster than
//! the general-purpose functions of Rust's bundled libm. Each stays within two units in
//! the last place of the exact value (tests below compare with the platform's libm over
//! their domains; subnormal results of `exp_neg` are within a unit of the least
//! subnormal; `pow_unit`, whose argument's rounding error is magnified, within 3e-13
//! relative), inside the 1e-12 relative tolerance that PyTorch's values are checked with.

const LOG2_E: f64 = std::f64::consts::LOG2_E;
/// ln 2 split in two so that `k * LN2_HI` is exact for |k| < 2^11 (Cody and Waite).
/// (fdlibm's `ln2_hi`/`ln2_lo`, given by their bits: 0.693147180369123816490, 1.90821492927058770002e-10.)
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
/// Below this, `e^y` is smaller than half the least subnormal and rounds to 0.
const EXP_UNDERFLOW: f64 = -745.2;
/// Above this, `e^y` is past the largest f64 and is infinity (which starts near 709.78).
const EXP_OVERFLOW: f64 = 710.0;
/// 1.5 * 2^52: adding it rounds to an integer (ties to even) for |v| < 2^51.
const ROUND_SHIFT: f64 = 6_755_399_441_055_744.0;
/// 2^-1000, the second half of the two-step scaling that reaches subnormal results.
const TWO_POW_M1000: f64 = 9.332_636_185_032_189e-302;
/// The bits of 1.0 and of sqrt(1/2) (rounded down), and the mantissa field of an f64.
const ONE_BITS: u64 = 0x3FF0_0000_0000_0000;
const SQRT_HALF_BITS: u64 = 0x3FE6_A09E_667F_3BCD;
const MANTISSA_BITS: u64 = (1 << 52) - 1;
/// 2^52: an integer n < 2^52 put in the mantissa of 2^52 reads as 2^52 + n.
const TWO_POW_52: f64 = 4_503_599_627_370_496.0;
/// 2^54: scales a subnormal into the normal range, exactly.
const TWO_POW_54: f64 = 18_014_398_509_481_984.0;

/// The coefficients of the two polynomials every function here ends in.
///
/// They are numbers the functions are given, not constants written into them, so that a
/// hot loop in WebAssembly can be given them as values ([`Coefficients::for_hot_loops`]);
/// everywhere else they are [`COEFFICIENTS`], which the compiler folds back into constants.
#[derive(Clone, Copy)]
pub(crate) struct Coefficients {
    /// `1 / (n + 1)!` for n = 0..=12: `e^r - 1 = r sum_n exp[n] r^n` ([`exp_reduced`]).
    exp: [f64; 13],
    /// `1 / (2n + 1)` for n = 1..=11: `2 atanh(s) - 2s = 2s sum_n atanh[n - 1] s^(2n)`
    /// ([`two_atanh_beyond_2s`]).
    atanh: [f64; 11],
}

/// The coefficients, as constants.
pub(crate) const COEFFICIENTS: Coefficients = Coefficients {
    exp: [
        1.0,
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5_040.0,
        1.0 / 40_320.0,
        1.0 / 362_880.0,
        1.0 / 3_628_800.0,
        1.0 / 39_916_800.0,
        1.0 / 479_001_600.0,
        1.0 / 6_227_020_800.0,
    ],
    atanh: [
        1.0 / 3.0,
        1.0 / 5.0,
        1.0 / 7.0,
        1.0 / 9.0,
        1.0 / 11.0,
        1.0 / 13.0,
        1.0 / 15.0,
        1.0 / 17.0,
        1.0 / 19.0,
        1.0 / 21.0,
        1.0 / 23.0,
    ],
};

impl Coefficients {
    /// The coefficients for a function whose loops run these polynomials over many samples
    /// (read once, before the loops): in WebAssembly with SIMD128, [`COEFFICIENTS`] as values
    /// the compiler cannot see through; elsewhere the constants themselves.
    ///
    /// Compiled for SIMD128, each constant operand in a loop becomes a `v128.const`, and V8
    /// builds every one anew at each use (a 64-bit immediate moved into a vector register and
    /// duplicated): 24 coefficients per two samples in bce with logits. Coefficients that are
    /// values instead stay in vector registers or come back from the stack, one load each.
    /// In the browser benchmark `Batch` on bce with logits went from 1.5 to 1.7 times the
    /// plain JavaScript loop's speed. Natively the constants stay: x86-64 reads them straight
    /// from memory as operands, and as values they cost registers (bce with logits was 19 %
    /// slower natively with them).
    ///
    /// The condition is the one under which `evaluate::compute` is compiled for SIMD128.
    #[inline(always)]
    pub(crate) fn for_hot_loops() -> Coefficients {
        if cfg!(all(target_arch = "wasm32", feature = "simd")) {
            std::hint::black_box(COEFFICIENTS)
        } else {
            COEFFICIENTS
        }
    }
}

/// `y = k ln 2 + r` with `k = round(y / ln 2)` and `|r| <= ln 2 / 2`, for `y <= 0`:
/// returns `e^r - 1` and `2^(k + 1000)`.
///
/// `e^r - 1 = r (1 + r/2 + r^2/6 + ... + r^12/13!)` (truncation error below 2e-17
/// relative), with no leading 1 to round away the digits of a small `r`. The scale is
/// `2^(k + 1000)` so that `2^k = 2^(k + 1000) * 2^-1000`, two exact power-of-two products,
/// reaches the subnormal range without a branch. Below -745.2, `y` is taken as -745.2.
#[inline(always)]
fn exp_reduced(y: f64, c: &Coefficients) -> (f64, f64) {
    // Not `max`: that would turn NaN into a number.
    let y = if y < EXP_UNDERFLOW { EXP_UNDERFLOW } else { y };
    // Round y / ln 2 to an integer by adding 1.5 * 2^52: the sum's last mantissa bits
    // then hold k itself (no `floor` call, which baseline x86-64 lacks as an instruction).
    let shifted = y * LOG2_E + ROUND_SHIFT;
    let k = shifted - ROUND_SHIFT;
    let r = (y - k * LN2_HI) - k * LN2_LO;
    // 2^(k + 1000): k is in [-1076, 0], and the low 12 bits of `shifted` are k mod 2^12.
    let scale = f64::from_bits(shifted.to_bits().wrapping_add(2023) << 52);
    (r * exp_series(r, c), scale)
}

/// `(e^r - 1) / r = sum_{n=0}^{12} r^n / (n + 1)!` for `|r| <= ln 2 / 2`, by Estrin's scheme:
/// a tree of depth 4 instead of a chain of 12 dependent multiply-adds, so consecutive samples
/// overlap in the pipeline.
#[inline(always)]
fn exp_series(r: f64, c: &Coefficients) -> f64 {
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    let a = &c.exp;
    let pair = |n: usize| a[n] + a[n + 1] * r;
    let (q01, q23, q45, q67, q89, q1011) = (pair(0), pair(2), pair(4), pair(6), pair(8), pair(10));
    let q03 = q01 + q23 * r2;
    let q47 = q45 + q67 * r2;
    let q811 = q89 + q1011 * r2;
    let q07 = q03 + q47 * r4;
    let q812 = q811 + a[12] * r4;
    q07 + q812 * r8
}

/// `e^y` for any `y`: 0 below about -745, infinity above about 709.78, NaN for NaN.
///
/// [`exp_neg`] for `y <= 0`; above, `y = k ln 2 + r` as there, with `k` in [0, 1024], and
/// `e^y = (1 + (e^r - 1)) * 2^(k - 1) * 2`: the scale in two exact power-of-two factors, as
/// 2^1024 is not an f64.
#[inline(always)]
pub(crate) fn exp(y: f64, c: &Coefficients) -> f64 {
    let below = exp_neg(if y < 0.0 { y } else { 0.0 }, c);
    // Not `min`: that would turn NaN into a number.
    let z = if y > EXP_OVERFLOW {
        EXP_OVERFLOW
    } else if y > 0.0 {
        y
    } else {
        0.0
    };
    let shifted = z * LOG2_E + ROUND_SHIFT;
    let k = shifted - ROUND_SHIFT;
    let r = (z - k * LN2_HI) - k * LN2_LO;
    // 2^(k - 1) from k's low bits, as in exp_reduced: k - 1 + 1023 is the biased exponent.
    let half = f64::from_bits(shifted.to_bits().wrapping_add(1022) << 52);
    let above = (1.0 + r * exp_series(r, c)) * half * 2.0;
    if y > 0.0 {
        above
    } else if y <= 0.0 {
        below
    } else {
        y
    }
}

/// `e^y` for `y <= 0`; 0 below about -745; NaN for NaN.
///
/// `e^y = 2^k (1 + (e^r - 1))` from [`exp_reduced`].
#[inline(always)]
pub(crate) fn exp_neg(y: f64, c: &Coefficients) -> f64 {
    let (r_m1, scale) = exp_reduced(y, c);
    (1.0 + r_m1) * scale * TWO_POW_M1000
}

/// `(e^y, 1 - e^y)` for `y <= 0`, both to full relative precision: the second keeps its
/// digits near `y = 0`, where `1.0 - exp_neg(y)` would cancel to nothing.
///
/// `1 - e^y = -(2^k (e^r - 1) + (2^k - 1))`: for `k = 0` that is `-(e^r - 1)` itself, and
/// for `k <= -1` the result is at least 0.29, so the subtraction loses nothing.
#[inline(always)]
pub(crate) fn exp_neg_and_complement(y: f64, c: &Coefficients) -> (f64, f64) {
    let (r_m1, scale) = exp_reduced(y, c);
    let two_k = scale * TWO_POW_M1000;
    ((1.0 + r_m1) * two_k, -(r_m1 * two_k + (two_k - 1.0)))
}

/// `2 atanh(s) - 2s = 2s (s^2/3 + s^4/5 + ... + s^22/23)` for `|s| <= 1/5` (truncation
/// error below 1e-17 relative to `2 atanh(s)`). `ln(1 + z) = 2 atanh(z / (2 + z))`.
#[inline(always)]
fn two_atanh_beyond_2s(s: f64, c: &Coefficients) -> f64 {
    let s2 = s * s;
    let s4 = s2 * s2;
    let s8 = s4 * s4;
    // sum_{n=1}^{11} s^(2n) / (2n + 1) = s2 * q(s2), q by Estrin's scheme like exp_reduced's.
    let a = &c.atanh;
    let pair = |n: usize| a[n] + a[n + 1] * s2;
    let (q01, q23, q45, q67, q89) = (pair(0), pair(2), pair(4), pair(6), pair(8));
    let q03 = q01 + q23 * s4;
    let q47 = q45 + q67 * s4;
    let q810 = q89 + a[10] * s4;
    let q = q03 + q47 * s8 + q810 * (s8 * s8);
    2.0 * s * (q * s2)
}

/// `ln(1 + e)` for `e` in [0, 1], to full relative precision even for tiny `e`.
///
/// For `e >= 1/2`, `ln(1 + e) = ln 2 + ln(1 + z)` with `z = (e - 1) / 2` (exact, by
/// Sterbenz's lemma); otherwise `z = e`. Then `ln(1 + z) = 2 atanh(s)`,
/// `s = z / (2 + z)`, `|s| <= 1/5`.
#[inline(always)]
pub(crate) fn ln_1p_unit(e: f64, c: &Coefficients) -> f64 {
    let upper = e >= 0.5;
    let z = if upper { (e - 1.0) * 0.5 } else { e };
    let base = if upper { std::f64::consts::LN_2 } else { 0.0 };
    let s = z / (2.0 + z);
    base + 2.0 * s + two_atanh_beyond_2s(s, c)
}

/// `ln v` for `v >= 0`, subnormals included; `-inf` at 0.
///
/// `v = 2^k f` with `f` in [sqrt(1/2), sqrt(2)), read off the bits (a subnormal `v` is
/// first scaled by 2^54), then `ln v = k ln 2 + 2 atanh(s)`, `s = (f - 1) / (f + 1)`,
/// `|s| < 0.172`.
#[inline(always)]
pub(crate) fn ln(v: f64, c: &Coefficients) -> f64 {
    let subnormal = v < f64::MIN_POSITIVE;
    let (normal, k_offset) = if subnormal { (v * TWO_POW_54, 54.0) } else { (v, 0.0) };
    // Adding (1.0 - sqrt(1/2))'s bits carries into the exponent field exactly where the
    // mantissa reaches sqrt(2): the field then holds k + 1023, and the mantissa field plus
    // sqrt(1/2)'s bits is f.
    let bits = normal.to_bits().wrapping_add(ONE_BITS - SQRT_HALF_BITS);
    let f = f64::from_bits((bits & MANTISSA_BITS) + SQRT_HALF_BITS);
    // k as a float without an integer conversion (which SIMD128 lacks for 64-bit lanes):
    // (2^52 + k + 1023) - (2^52 + 1023).
    let k = f64::from_bits((bits >> 52) | TWO_POW_52.to_bits()) - (TWO_POW_52 + 1023.0) - k_offset;
    let z = f - 1.0; // exact, by Sterbenz's lemma
    let s = z / (2.0 + z);
    let ln_v = k * LN2_HI + (2.0 * s + (two_atanh_beyond_2s(s, c) + k * LN2_LO));
    if v == 0.0 {
        f64::NEG_INFINITY
    } else {
        ln_v
    }
}

/// `ln(1 + z)` for `z >= -1`, to full relative precision near 0; `-inf` at -1.
///
/// `v = 1 + z` rounds, and `ln(1 + z) = ln v + (z - (v - 1)) / v` to first order puts the
/// rounding error back: `v - 1` is exact for `v` in [1/2, 2], and below 1/2 the sum itself
/// is exact. Above `z = 1` the correction is approximate, but then smaller than an ulp
/// of the result.
#[inline(always)]
pub(crate) fn ln_1p(z: f64, c: &Coefficients) -> f64 {
    let v = 1.0 + z;
    let lost = z - (v - 1.0);
    let correction = if v == 0.0 { 0.0 } else { lost / v };
    let r = ln(v, c) + correction;
    // ln(1 + z) keeps the sign of a zero z, as libm's log1p does: bce on p = 0, t = 0 is then
    // +0, as PyTorch prints it (and a select, not a branch).
    if z == 0.0 {
        z
    } else {
        r
    }
}

/// The larger of two numbers, by one comparison and a select; `b` if either is NaN (no NaN
/// reaches a kernel). `f64::max` must pass a NaN over, which WebAssembly's `f64.max` does
/// not, so there it compiles to a call to `fmax`, one sample at a time.
#[inline(always)]
pub(crate) fn larger(a: f64, b: f64) -> f64 {
    if a > b {
        a
    } else {
        b
    }
}

/// `m^gamma` for `m` in [0, 1] and `gamma >= 0`, as `e^(gamma ln m)`; `m^0 = 1` (also at
/// `m = 0`, as `powf`).
///
/// The argument `gamma ln m` is at most 0, and its rounding error grows with its size;
/// but a result that does not underflow has `|gamma ln m| < 745`, so its relative error
/// stays below about 3e-13 (`powf`: an ulp), well inside the 1e-12 tolerance.
#[inline(always)]
pub(crate) fn pow_unit(m: f64, gamma: f64, c: &Coefficients) -> f64 {
    let power = exp_neg(gamma * ln(m, c), c);
    if gamma == 0.0 {
        1.0
    } else {
        power
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::FRAC_1_SQRT_2;

    // The functions as the scalar code calls them, with the constant coefficients.
    fn exp_neg(y: f64) -> f64 {
        super::exp_neg(y, &COEFFICIENTS)
    }
    fn exp(y: f64) -> f64 {
        super::exp(y, &COEFFICIENTS)
    }
    fn exp_neg_and_complement(y: f64) -> (f64, f64) {
        super::exp_neg_and_complement(y, &COEFFICIENTS)
    }
    fn ln_1p_unit(e: f64) -> f64 {
        super::ln_1p_unit(e, &COEFFICIENTS)
    }
    fn ln(v: f64) -> f64 {
        super::ln(v, &COEFFICIENTS)
    }
    fn ln_1p(z: f64) -> f64 {
        super::ln_1p(z, &COEFFICIENTS)
    }
    fn pow_unit(m: f64, gamma: f64) -> f64 {
        super::pow_unit(m, gamma, &COEFFICIENTS)
    }

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
    fn exp_is_within_a_few_ulps_of_libm_on_both_sides_and_overflows_to_infinity() {
        let mut worst = 0.0f64;
        let mut y = -708.0;
        while y < 709.7 {
            worst = worst.max(ulps(exp(y), y.exp()));
            worst = worst.max(ulps(exp(y * 1e-3), (y * 1e-3).exp()));
            y += 0.0137;
        }
        assert!(worst <= 2.0, "worst {worst} ulps");
        for y in [0.0, 1e-300, 1e-17, 0.34657359027997264, 0.3465735902799727, 1.0, 36.0, 709.0, 709.78] {
            assert!(ulps(exp(y), y.exp()) <= 2.0, "y = {y}: {} vs {}", exp(y), y.exp());
        }
        assert_eq!(exp(709.79), f64::INFINITY);
        assert_eq!(exp(1e300), f64::INFINITY);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(-746.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
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
    #[test]
    fn exp_neg_and_complement_keep_their_digits() {
        let mut worst = 0.0f64;
        let mut y = 0.0f64;
        while y > -40.0 {
            for v in [y, y * 1e-6, y * 1e-12] {
                let (e, one_minus_e) = exp_neg_and_complement(v);
                worst = worst.max(ulps(e, v.exp())).max(ulps(one_minus_e, -v.exp_m1()));
            }
            y -= 0.0071;
        }
        assert!(worst <= 2.0, "worst {worst} ulps");
        assert_eq!(exp_neg_and_complement(-0.0), (1.0, 0.0));
        assert_eq!(exp_neg_and_complement(f64::NEG_INFINITY), (0.0, 1.0));
    }

    #[test]
    fn ln_is_within_a_few_ulps_of_libm_down_to_subnormals() {
        let mut worst = 0.0f64;
        let mut v = f64::MAX;
        while v > 1e-320 {
            for w in [
                v,
                v * FRAC_1_SQRT_2,
                v * f64::from_bits(SQRT_HALF_BITS - 1),
                v * 0.9999999999999999,
                v * 1.0000000000000002,
            ] {
                worst = worst.max(ulps(ln(w), w.ln()));
            }
            v *= 0.83;
        }
        assert!(worst <= 2.0, "worst {worst} ulps");
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert!(ulps(ln(5e-324), (5e-324f64).ln()) <= 1.0);
    }

    #[test]
    fn ln_1p_is_within_a_few_ulps_of_libm() {
        let mut worst = 0.0f64;
        let mut z = 1e6f64;
        while z > 1e-300 {
            for v in [z, -z.min(1.0), z * 0.4142, -z * 0.2929, 1.0 - z.min(1.0), z.min(1.0) - 1.0] {
                worst = worst.max(ulps(ln_1p(v), v.ln_1p()));
            }
            z *= 0.91;
        }
        assert!(worst <= 2.0, "worst {worst} ulps");
        assert_eq!(ln_1p(-1.0), f64::NEG_INFINITY);
        assert_eq!(ln_1p(1e-300), 1e-300);
    }

    #[test]
    fn pow_unit_is_within_its_documented_bound_of_libm() {
        let mut worst = 0.0f64;
        let mut m = 1.0f64;
        while m > 1e-300 {
            for gamma in [0.01, 0.5, 1.0, 2.0, 2.5, 5.0, 30.0] {
                let want = m.powf(gamma);
                if want > 1e-300 {
                    worst = worst.max(((pow_unit(m, gamma) - want) / want).abs());
                }
            }
            m *= 0.87;
        }
        assert!(worst <= 3e-13, "worst relative error {worst:e}");
        assert_eq!(pow_unit(0.0, 0.0), 1.0);
        assert_eq!(pow_unit(0.0, 2.0), 0.0);
        assert_eq!(pow_unit(1.0, 7.0), 1.0);
    }
}
