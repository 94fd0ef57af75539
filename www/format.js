// Number formatting: every value arrives from the engine and leaves as text.

/** `x` with `digits` decimals, ties to even on the exact binary value, as Python's format(). */
export function fixed(x, digits = 4) {
  if (!Number.isFinite(x)) return String(x);
  const magnitude = Math.abs(x);
  const rounded = magnitude.toFixed(digits);
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  // Only a value whose next digit is (about) 5 can be a tie.
  const scaled = magnitude * 10 ** digits;
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6 * Math.max(1, scaled)) return sign + rounded;
  // toFixed is exact up to 100 digits: a tie is ...5 followed by zeros only.
  const exact = magnitude.toFixed(Math.min(100, digits + 40));
  const cut = exact.indexOf('.') + (digits > 0 ? 1 + digits : 0);
  const truncated = exact.slice(0, cut);
  if (/^50*$/.test(exact.slice(digits > 0 ? cut : cut + 1)) && truncated.at(-1) % 2 === 0) return sign + truncated;
  return sign + rounded;
}

/** Python's `'{:.4e}'.format(x)`: the exponent signed, at least 2 digits. */
export function scientific(x, digits = 4) {
  if (!Number.isFinite(x)) return String(x);
  const [mantissa, exponent] = x.toExponential(digits).split('e');
  return `${mantissa}e${exponent[0]}${exponent.slice(1).padStart(2, '0')}`;
}

/** How PyTorch prints a set of floats (torch._tensor_str._Formatter). */
function formatterFor(values) {
  const nonzero = Array.from(values).filter((v) => Number.isFinite(v) && v !== 0);
  const intMode = nonzero.every((v) => v === Math.ceil(v));
  let sciMode = false;
  let width = 1;
  if (nonzero.length > 0) {
    const sizes = nonzero.map(Math.abs);
    const min = Math.min(...sizes);
    const max = Math.max(...sizes);
    sciMode = max / min > 1000 || max > 1e8 || (!intMode && min < 1e-4);
    for (const v of nonzero) {
      width = Math.max(width, (sciMode ? scientific(v) : intMode ? `${fixed(v, 0)}.` : fixed(v)).length);
    }
  }
  return (v) => (sciMode ? scientific(v) : intMode ? fixed(v, 0) + (Number.isFinite(v) ? '.' : '') : fixed(v)).padStart(width);
}

/** `tensor([0.1000, 0.2000, 0.7000])`, wrapped at 80 characters as PyTorch wraps it. */
export function torchTensor(values) {
  const items = Array.from(values, formatterFor(values));
  const perLine = Math.max(1, Math.floor((80 - 7) / (items[0].length + 2)));
  const lines = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
  return `tensor([${lines.join(',\n        ')}])`;
}

/** How PyTorch prints an N×K tensor of already formatted items (`cols` a row): one row a line, wrapped at 80. */
export function torchRows(items, cols) {
  const width = Math.max(...items.map((s) => s.length));
  const padded = items.map((s) => s.padStart(width));
  const perLine = Math.max(1, Math.floor(72 / (width + 2)));
  const rows = [];
  for (let i = 0; i < padded.length; i += cols) {
    const parts = [];
    for (let j = i; j < i + cols; j += perLine) parts.push(padded.slice(j, Math.min(j + perLine, i + cols)).join(', '));
    rows.push(`[${parts.join(',\n         ')}]`);
  }
  return `tensor([${rows.join(',\n        ')}])`;
}

/** An N×K tensor of floats (flat, row-major), all formatted to one width as PyTorch does. */
export const torchMatrix = (flat, cols) =>
  torchRows(
    torchTensor(flat)
      .slice(8, -2)
      .split(/,(?: |\n {8})/),
    cols,
  );

/** `tensor(0.3333)`: a zero-dimensional tensor. */
export const torchScalar = (value) => `tensor(${formatterFor([value])(value).trim()})`;

/** A loss as the page prints it: 4 decimals. */
export const formatLoss = (x) => remembered(losses, x, fixed);

/** A gradient: 4 decimals, or scientific when that would hide it or run long. */
export const formatGradient = (x) => remembered(gradients, x, gradientText);

function gradientText(x) {
  const a = Math.abs(x);
  return a !== 0 && (a >= 1e5 || a < 1e-4) ? scientific(x, 3) : fixed(x === 0 ? 0 : x);
}

// A frame formats the same few hundred numbers again (table, descriptions, PyTorch lines) while one
// slider moves one of them: the texts are kept, and forgotten in bulk when there are many.
const losses = new Map();
const gradients = new Map();
function remembered(memory, x, format) {
  if (Object.is(x, -0)) return format(x); // a Map holds -0 and 0 as one key
  let text = memory.get(x);
  if (text === undefined) {
    if (memory.size > 4096) memory.clear();
    text = format(x);
    memory.set(x, text);
  }
  return text;
}

/** Accuracy as the page shows it: the fraction right, four decimals, and the count. */
export const formatAccuracy = ({ right, n }) => `${fixed(right / n)} (${right} of ${n})`;

/** A sentence's first letter in upper case. */
export const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** A prediction in its text field: at most 6 significant digits. */
export function formatInput(x) {
  if (!Number.isFinite(x)) return String(x);
  const short = Number(x.toPrecision(6));
  return Object.is(short, -0) ? '0' : String(short);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const trimmed = (text) => text.trim().replace(/^\u2212/, '-'); // accept a typographic minus

/** A typed number ("0.25", "-3", ".5", "1e-3"), or null; no hex, Infinity or empty text. */
export const parseNumber = (text) => (NUMBER.test(trimmed(text)) ? Number(trimmed(text)) : null);

/** True while the text may still become a number as someone types ("", "-", "0.", "1e"). */
export const isUnfinishedNumber = (text) => /^[+-]?\.?$/.test(trimmed(text)) || /^[+-]?(\d+\.?\d*|\.\d+)e[+-]?$/i.test(trimmed(text));

/** A sample's target as the page shows it: a regression target as typed (12, 2.5), a binary one as its side, 1 or 0. */
export const formatTarget = (target, regression) => (regression ? formatInput(target) : target >= 0.5 ? '1' : '0');
