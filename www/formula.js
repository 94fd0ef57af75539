// A number's formula with the current numbers filled in: text only, the result is always the engine's value.
import { formatInput, formatLoss, formatGradient } from './format.js';

const m = (s) => s.replace(/-/g, '−');
const I = (x) => m(formatInput(x));
const L = (x) => m(formatLoss(x));
const G = (x) => m(formatGradient(x));
const Q = (x) => (x > 0 && x < 5e-5 ? G(x) : L(x));
const B = (s) => (s[0] === '−' ? `(${s})` : s);
const N = (x) => B(I(x));
const u = (d) => d.replace(/[()]/g, '');
const some = (a, f, sep = ' + ') => ((b) => (b.length > 6 ? [...b.slice(0, 6).map(f), '…'] : b.map(f)).join(sep))(Array.from(a));
const mix = (t, a, b, one = '1 × ') => (t === '1' ? one + a : t === '0' ? one + b : `${t} × ${a} + (1 − ${t}) × ${b}`);
const ROWS = /^(cross|multi)/;
const QS = 'q = (1 − ε) × onehot(y) + ε/K';
const IDS = 'distance bce brier focal hinge zero_one mse mae huber smooth_l1 log_cosh cross_entropy multilabel_bce'.split(' ');

const BIN = {
  distance: [(p, t) => mix(t, `(1 − ${p})`, p), (p, t, lg) => (lg ? `(1 − 2 × ${t}) × ${p} × (1 − ${p})` : `1 − 2 × ${t}`)],
  bce: [(p, t, c) => `−(${mix(t, c(`ln ${p}`, 0), c(`ln(1 − ${p})`, 1))})`, (p, t, lg) => (lg ? `${p} − ${t}` : `(${p} − ${t}) / max(${p} × (1 − ${p}), 1e−12)`)],
  brier: [(p, t) => `(${p} − ${t})²`, (p, t, lg) => `2 × (${p} − ${t})` + (lg ? ` × ${p} × (1 − ${p})` : '')],
};
const REG = {
  mse: [(d) => `${d}²`, (d) => `2 × ${d}`],
  mae: [(d) => `|${u(d)}|`, (d) => `sign(${u(d)})`],
  log_cosh: [(d) => `ln cosh(${u(d)})`, (d) => `tanh(${u(d)})`],
  huber: [(d) => `0.5 × ${d}²`, u, (d, k) => `${k} × (|${u(d)}| − 0.5 × ${k})`, (d, k) => `${k} × sign(${u(d)})`],
  smooth_l1: [(d, k) => `0.5 × ${d}² / ${k}`, (d, k) => `${d} / ${k}`, (d, k) => `|${u(d)}| − 0.5 × ${k}`, (d) => `sign(${u(d)})`],
};

function binary(what, c, id, v) {
  const t = c.target, x = c.input, { alpha: a, gamma: g } = c.params || {}, dv = what === 'grad';
  const lg = c.space === 'logit' || id === 'focal' || id === 'hinge';
  const p0 = lg ? c.prob : c.prob ?? x, p = lg ? Q(p0) : I(p0), T = I(t), X = N(x), val = (dv ? G : L)(v);
  const name = dv ? `∂${id}/∂${lg ? 'x' : 'p'}` : id, sg = lg ? [`p = σ(${I(x)}) = ${p}`] : [];
  if (what === 'prob') return lg ? ['p = σ(x) = 1 / (1 + e^(−x))', `p = σ(${I(x)}) = ${L(v)}`] : ['in probability space p is the input itself', `p = ${L(v)}`];
  if (id === 'hinge') {
    const y = 2 * t - 1, lt = y * x < 1;
    return dv ? [`${name} = −y if y × x < 1, else 0 (y = 2t − 1)`, `y × x = ${N(y)} × ${X} ${lt ? '<' : '≥'} 1, so ${name} = ${lt ? '−y = ' : ''}${val}`]
      : ['hinge = max(0, 1 − y × x), y = 2t − 1', `hinge = max(0, 1 − ${N(y)} × ${X}) = ${val}`];
  }
  if (id === 'zero_one') {
    const hi = p0 >= 0.5;
    return dv ? [`${name} = 0 by definition: no slope, a step function`, `${name} = ${val}`]
      : ['zero_one = 1 if (p ≥ 0.5) ≠ (t ≥ 0.5), else 0', ...sg, `p = ${p} ${hi ? '≥' : '<'} 0.5 predicts ${+hi}, target class ${+(t >= 0.5)}: zero_one = ${val}`];
  }
  if (id === 'focal') {
    const on = a >= 0, at = I(a * t + (1 - a) * (1 - t)), pt = Q(t * p0 + (1 - t) * (1 - p0)), gm = I(g), hard = T === '1' || T === '0';
    const F = (A, P, Y, E, ce) => (dv ? `${A}${Y} × (1 − ${P})^${E} × (${E} × ${P} × ln ${P} − (1 − ${P}))` : `${A}(1 − ${P})^${E} × ${ce || `(−ln ${P})`}`);
    if (dv && !hard) return [`${name}: no short form for a soft target`, `${name} = ${val}`];
    return [`${name} = ${F(on ? 'α_t × ' : '', 'p_t', '(2t − 1)', 'γ', !hard && 'bce')}${on ? '' : ' (α off)'}`,
      `${sg[0]}, p_t = ${pt}${on ? `, α_t = ${at}` : ''}, γ = ${gm}`,
      `${name} = ${F(on ? `${at} × ` : '', pt, N(2 * t - 1), gm, !hard && `(${BIN.bce[0](p, T, (s) => s)})`)} = ${val}`];
  }
  const [fl, fg] = BIN[id], cl = (s, j) => (!lg && (j ? p0 === 1 : p0 < 3.720075976020836e-44) ? `max(${s}, −100)` : s);
  const gen = dv ? `${name} = ${fg('p', 't', lg)}` : `${id} = ${fl('p', 't', (s) => s)}${lg ? ', p = σ(x)' : id === 'bce' ? ', each ln at least −100' : ''}`;
  return [gen, ...sg, `${name} = ${dv ? fg(p, T, lg) : fl(p, T, cl)} = ${val}`];
}

function regression(what, c, id, v) {
  const f = REG[id], g = what === 'grad' ? 1 : 0, two = f.length > 2, k = id === 'huber' ? 'δ' : 'β';
  const kv = (c.params || {})[id === 'huber' ? 'delta' : 'beta'], d = c.input - c.target, lin = two && !(Math.abs(d) < kv);
  const name = g ? `∂${id}/∂ŷ` : id;
  return [`${name} = ${f[g]('d', k)}${two ? ` if |d| < ${k}, else ${f[g + 2]('d', k)}` : ''}`,
    `d = ŷ − y = ${N(c.input)} − ${N(c.target)} = ${I(d)}${two ? `, |d| ${lin ? '≥' : '<'} ${k} = ${I(kv)}: ${lin ? 'linear' : 'quadratic'}` : ''}`,
    `${name} = ${f[g + (lin ? 2 : 0)](N(d), I(kv))} = ${(g ? G : L)(v)}`];
}

function rows(what, c, id, v) {
  const x = Array.from(c.input), p = Array.from(c.prob), K = x.length, k = c.label, y = c.target, ml = id === 'multilabel_bce';
  const vk = typeof v === 'number' ? v : v[k], e = c.params?.label_smoothing ?? 0, q = (j) => I((j === y ? 1 - e : 0) + e / K);
  if (what === 'prob') {
    if (!Number.isInteger(k)) return [ml ? 'p = σ(x), for each label' : 'p = softmax(x)', `${ml ? 'σ' : 'softmax'}([${some(x, I, ', ')}]) = [${some(v, L, ', ')}]`];
    return ml ? ['p_k = σ(x_k)', `p_${k} = σ(${I(x[k])}) = ${L(vk)}`]
      : ['p_k = e^(x_k) / Σ_j e^(x_j) (softmax)', `p_${k} = e^${N(x[k])} / (${some(x, (a) => `e^${N(a)}`)}) = ${L(vk)}`];
  }
  if (what === 'grad') {
    const name = `∂${id}/∂x_${k}`;
    return ml ? [`∂${id}/∂x_k = (σ(x_k) − t_k) / K, K = ${K}`, `p_${k} = σ(${I(x[k])}) = ${Q(p[k])}`, `${name} = (${Q(p[k])} − ${I(y[k])}) / ${K} = ${G(vk)}`]
      : [`∂${id}/∂x_k = p_k − q_k, ${e ? `${QS}, ε = ${I(e)}, K = ${K}` : 'q = onehot(y)'}, y = ${y}`, `${name} = ${Q(p[k])} − ${q(k)} = ${G(vk)}`];
  }
  if (ml) {
    return [`${id} = −Σ_k (t_k × ln p_k + (1 − t_k) × ln(1 − p_k)) / K, p_k = σ(x_k), K = ${K}`,
      `${id} = −(${some(p, (a, j) => mix(I(y[j]), `ln ${Q(a)}`, `ln(1 − ${Q(a)})`, ''))}) / ${K} = ${L(v)}`];
  }
  if (!e) return [`${id} = −ln p_y, p = softmax(x)`, `${id} = −ln p_${y} = −ln ${Q(p[y])} = ${L(v)}`];
  return [`${id} = −Σ_k q_k × ln p_k, ${QS}, p = softmax(x)`,
    `ε = ${I(e)}, K = ${K}, y = ${y}: q_y = ${q(y)}, other q_k = ε/K = ${I(e / K)}`,
    `${id} = −(${some(p, (a, j) => `${q(j)} × ln ${Q(a)}`)}) = ${L(v)}`];
}

function reduce(what, c, id, v) {
  const n = c.n ?? c.perSample.length, K = c.k ?? c.input?.[0]?.length ?? c.target?.[0]?.length, ml = id === 'multilabel_bce';
  const terms = some(c.perSample, (x) => B(L(x))), i = `${id}_i`;
  if (what === 'sum') return [`sum = Σ ${i}${ml ? ' (= the sum of all N×K elements / K)' : ''}`, `sum = ${terms} = ${L(v)}`];
  return [`mean = Σ ${i} / N${ml ? `, the mean over all N×K = ${n} × ${K ?? 'K'} elements (each ${i} is a mean over K)` : ''}`, `mean = (${terms}) / ${n} = ${L(v)}`];
}

/** Returns { title, lines }: a title like "Sample 2 loss" and 1-3 lines of plain text (no HTML). */
export function explain(what, ctx) {
  const c = ctx || {}, v = c.value, i = c.index, k = c.label, id = c.loss, word = { loss: 'loss', grad: 'gradient', prob: 'probability' }[what];
  const el = Number.isInteger(k) && ROWS.test(id) && what !== 'loss' ? `, ${id[0] === 'c' ? 'class' : 'label'} ${k}` : '';
  const title = what === 'mean' ? 'Mean loss' : what === 'sum' ? 'Sum of losses' : word ? `Sample ${Number.isInteger(i) ? i + 1 : '?'} ${word}${el}` : 'Value';
  const plain = () => ({ title, lines: [typeof v === 'number' ? (what === 'grad' ? G : L)(v) : Array.isArray(v) ? v.join(', ') : String(v)] });
  try {
    const fn = !IDS.includes(id) ? null : what === 'mean' || what === 'sum' ? reduce : !word ? null : REG[id] ? what !== 'prob' && regression : ROWS.test(id) ? rows : binary;
    const lines = fn && fn(what, c, id, v);
    return lines && !/undefined|NaN|null|\[object/.test(lines.join('\n')) ? { title, lines } : plain();
  } catch {
    return plain();
  }
}
