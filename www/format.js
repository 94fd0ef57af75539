// Number formatting, and nothing else: every value arrives from the engine and leaves as text.

const PRECISION = 4;
const LINE_WIDTH_CHARS = 80;
const TENSOR_PREFIX = 'tensor(';

/** `x` with `digits` decimals, ties to even on the exact binary value, as Python's format(). */
export function fixed(x, digits = PRECISION) {
  if (!Number.isFinite(x)) return String(x);
  const magnitude = Math.abs(x);
  const rounded = magnitude.toFixed(digits);
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  // Only a value whose next digit is (about) 5 can be a tie; skip the exact check otherwise.
  const scaled = magnitude * 10 ** digits;
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6 * Math.max(1, scaled)) return sign + rounded;
  // toFixed is exact for up to 100 digits; a tie shows up as ...5 followed only by zeros.
  const exact = magnitude.toFixed(Math.min(100, digits + 40));
  const cut = exact.indexOf('.') + (digits > 0 ? 1 + digits : 0);
  const rest = exact.slice(digits > 0 ? cut : cut + 1);
  if (/^50*$/.test(rest)) {
    const truncated = exact.slice(0, cut);
    const lastDigit = Number(truncated[truncated.length - 1]);
    if (lastDigit % 2 === 0) return sign + truncated;
  }
  return sign + rounded;
}

/** Python's `'{:.4e}'.format(x)`: mantissa with 4 decimals, exponent signed, at least 2 digits. */
export function scientific(x, digits = PRECISION) {
  if (!Number.isFinite(x)) return String(x);
  const [mantissa, exponent] = x.toExponential(digits).split('e');
  const sign = exponent.startsWith('-') ? '-' : '+';
  const power = exponent.replace(/^[+-]/, '').padStart(2, '0');
  return `${mantissa}e${sign}${power}`;
}

/** How PyTorch decides to print a set of floats (torch._tensor_str._Formatter). */
function formatterFor(values) {
  const nonzero = [];
  for (const v of values) if (Number.isFinite(v) && v !== 0) nonzero.push(v);
  let intMode = true;
  let sciMode = false;
  let width = 1;
  if (nonzero.length > 0) {
    let min = Infinity;
    let max = 0;
    for (const v of nonzero) {
      const a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
      if (v !== Math.ceil(v)) intMode = false;
    }
    if (intMode) {
      sciMode = max / min > 1000 || max > 1e8;
      for (const v of nonzero) {
        width = Math.max(width, sciMode ? scientific(v).length : fixed(v, 0).length + 1);
      }
    } else {
      sciMode = max / min > 1000 || max > 1e8 || min < 1e-4;
      for (const v of nonzero) {
        width = Math.max(width, (sciMode ? scientific(v) : fixed(v)).length);
      }
    }
  }
  return (v) => {
    let text;
    if (sciMode) text = scientific(v);
    else if (intMode) text = fixed(v, 0) + (Number.isFinite(v) ? '.' : '');
    else text = fixed(v);
    return text.padStart(width, ' ');
  };
}

/** `tensor([0.1000, 0.2000, 0.7000])`, wrapped at 80 characters as PyTorch wraps it. */
export function torchTensor(values) {
  const format = formatterFor(values);
  const items = Array.from(values, format);
  const indent = TENSOR_PREFIX.length;
  const elementWidth = (items[0]?.length ?? 1) + 2; // ", " between elements
  const perLine = Math.max(1, Math.floor((LINE_WIDTH_CHARS - indent) / elementWidth));
  const lines = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
  return `${TENSOR_PREFIX}[${lines.join(',\n' + ' '.repeat(indent + 1))}])`;
}

/** `tensor(0.3333)`: a zero-dimensional tensor. */
export function torchScalar(value) {
  return `${TENSOR_PREFIX}${formatterFor([value])(value).trim()})`;
}

/** A loss as the chart and the rows print it: 4 decimals. */
export function formatLoss(x) {
  return fixed(x, PRECISION);
}

/** A gradient: 4 decimals, or scientific notation when that would hide it or run long. */
export function formatGradient(x) {
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e5 || a < 1e-4)) return scientific(x, 3);
  return fixed(x === 0 ? 0 : x, PRECISION);
}

/** A prediction in its text field: at most 6 significant digits, no trailing zeros. */
export function formatInput(x) {
  if (!Number.isFinite(x)) return String(x);
  const short = Number(x.toPrecision(6));
  return Object.is(short, -0) ? '0' : String(short);
}

/** A typed number ("0.25", "-3", ".5", "1e-3"), or null; no hex, Infinity or empty text. */
export function parseNumber(text) {
  const trimmed = text.trim().replace(/^\u2212/, '-'); // accept a typographic minus sign
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : null;
}

/** True while the text may still become a number as someone types ("", "-", "0.", "1e"). */
export function isUnfinishedNumber(text) {
  const trimmed = text.trim().replace(/^\u2212/, '-');
  return /^[+-]?\.?$/.test(trimmed) || /^[+-]?(\d+\.?\d*|\.\d+)e[+-]?$/i.test(trimmed);
}
