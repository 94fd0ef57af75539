//! Numbers in messages, written without `core`'s float formatting (which alone would add
//! about 15 KB to the WebAssembly module the page downloads).

use std::fmt::{self, Write};

/// Significant digits shown: enough to tell any two numbers a person types apart.
const DIGITS: i32 = 12;

/// Shows an f64 the way a person would type it: `1.7`, `-0.5`, `0.3` (for
/// 0.30000000000000004), `100`, `1e+300`, `4.94065645841e-324`, `NaN`, `inf`. Up to 12 significant
/// digits, trailing zeros dropped; plain notation from 1e-5 to 1e15, scientific outside.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v.is_nan() {
            return f.write_str("NaN");
        }
        if v.is_infinite() {
            return f.write_str(if v > 0.0 { "inf" } else { "-inf" });
        }
        if v.is_sign_negative() {
            f.write_str("-")?;
        }
        let a = v.abs();
        if a == 0.0 {
            return f.write_str("0");
        }
        // a = m * 10^(e - DIGITS + 1) with m a DIGITS-digit integer.
        let mut e = a.log10().floor() as i32;
        let mut m = scale(a, DIGITS - 1 - e).round() as u64;
        let top = 10u64.pow(DIGITS as u32);
        if m >= top {
            m /= 10;
            e += 1;
        } else if m < top / 10 {
            m = scale(a, DIGITS - e).round() as u64;
            e -= 1;
        }
        let mut digits = [0u8; DIGITS as usize];
        for d in digits.iter_mut().rev() {
            *d = b'0' + (m % 10) as u8;
            m /= 10;
        }
        let used = digits.iter().rposition(|&d| d != b'0').map_or(1, |i| i + 1);
        let digits = &digits[..used];
        // Written piece by piece straight into the formatter: no String, no `write!`.
        if (-5..15).contains(&e) {
            if e < 0 {
                f.write_str("0.")?;
                zeros(f, (-e - 1) as usize)?;
                ascii(f, digits)
            } else {
                let int_len = e as usize + 1;
                if digits.len() <= int_len {
                    ascii(f, digits)?;
                    zeros(f, int_len - digits.len())
                } else {
                    ascii(f, &digits[..int_len])?;
                    f.write_str(".")?;
                    ascii(f, &digits[int_len..])
                }
            }
        } else {
            ascii(f, &digits[..1])?;
            if digits.len() > 1 {
                f.write_str(".")?;
                ascii(f, &digits[1..])?;
            }
            f.write_str(if e < 0 { "e-" } else { "e+" })?;
            write!(f, "{}", e.unsigned_abs())
        }
    }
}

/// Writes ASCII bytes (here, digits) one character at a time.
fn ascii(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    bytes.iter().try_for_each(|&b| f.write_char(char::from(b)))
}

/// Writes `n` zeros.
fn zeros(f: &mut fmt::Formatter<'_>, n: usize) -> fmt::Result {
    (0..n).try_for_each(|_| f.write_char('0'))
}

/// `a * 10^k`, in two factors where one would overflow or underflow.
fn scale(a: f64, k: i32) -> f64 {
    if k > 300 {
        a * 10f64.powi(300) * 10f64.powi(k - 300)
    } else if k < -300 {
        a * 10f64.powi(-300) * 10f64.powi(k + 300)
    } else {
        a * 10f64.powi(k)
    }
}

#[cfg(test)]
mod tests {
    use super::Num;

    #[test]
    fn numbers_read_as_typed() {
        let cases: [(f64, &str); 22] = [
            (1.7, "1.7"),
            (-0.5, "-0.5"),
            (0.1 + 0.2, "0.3"),
            (2.0, "2"),
            (100.0, "100"),
            (-1.0, "-1"),
            (0.0, "0"),
            (-0.0, "-0"),
            (123456.789, "123456.789"),
            (0.001, "0.001"),
            (1e-5, "0.00001"),
            (1.5e-7, "1.5e-7"),
            (1e15, "1e+15"),
            (999999999999999.0, "1e+15"),
            (1e300, "1e+300"),
            (f64::MAX, "1.79769313486e+308"),
            (5e-324, "4.94065645841e-324"),
            (1e-300, "1e-300"),
            (9.9999999999999, "10"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ];
        for (v, want) in cases {
            assert_eq!(Num(v).to_string(), want, "{v:e}");
        }
    }
}
