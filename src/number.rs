//! Numbers in messages, written without `core`'s float formatting (which alone would add
//! about 15 KB to the WebAssembly module the page downloads).

use std::fmt;

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
        let text = |bytes: &[u8]| std::str::from_utf8(bytes).unwrap_or("?").to_owned();
        if (-5..15).contains(&e) {
            if e < 0 {
                write!(f, "0.{}{}", "0".repeat((-e - 1) as usize), text(digits))
            } else {
                let int_len = e as usize + 1;
                if digits.len() <= int_len {
                    write!(f, "{}{}", text(digits), "0".repeat(int_len - digits.len()))
                } else {
                    write!(f, "{}.{}", text(&digits[..int_len]), text(&digits[int_len..]))
                }
            }
        } else {
            let sign = if e < 0 { '-' } else { '+' };
            if digits.len() == 1 {
                write!(f, "{}e{sign}{}", text(digits), e.unsigned_abs())
            } else {
                write!(f, "{}.{}e{sign}{}", text(&digits[..1]), text(&digits[1..]), e.unsigned_abs())
            }
        }
    }
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
