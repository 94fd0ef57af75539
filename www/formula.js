// A number's formula with the current numbers filled in: text only, the result is always the engine's value.
// explain() picks a builder for the kind of number and the loss (builderFor); a builder returns the general formula,
// then the same formula with the sample's numbers. If a line would show a missing value, or anything throws, the
// page shows the plain value instead.
import { formatInput, formatLoss, formatGradient } from './format.js';

/** The losses that have a formula; any other id shows its plain value (tests/js/registry.test.mjs checks it against the engine). */
export const FORMULA_IDS =
  'distance bce brier focal hinge zero_one mse mae huber smooth_l1 log_cosh poisson_nll cross_entropy multilabel_bce'.split(' ');
/** Losses whose sample is a row of K logits (cross_entropy, multilabel_bce) rather than one number. */
const ROW_LOSS = /^(cross|multi)/;
/** What a sample's number is called in the title, by `what`. */
const SAMPLE_WORDS = { loss: 'loss', grad: 'gradient', prob: 'probability' };
/** cross_entropy's target under label smoothing ε over K classes. */
const SMOOTHED_TARGET = 'q = (1 − ε) × onehot(y) + ε/K';
/** A positive probability below this rounds to 0.0000 at a loss's 4 decimals (see shownProbability). */
const TINY_PROBABILITY = 5e-5;
/**
 * e^−100: torch clamps each log in binary_cross_entropy at −100, and ln p < −100 exactly when p is below this.
 * ln(1 − p) only gets there when p is exactly 1: the smallest 1 − p above 0 is 2^−53, whose ln is about −36.7.
 */
const BCE_LOG_FLOOR = 3.720075976020836e-44;
/** Lines with any of these are not worth showing: a value was missing or not a number. */
const BROKEN = /undefined|NaN|null|\[object/;

/** The text with each ASCII hyphen-minus as the typographic minus the page prints. */
const withTypographicMinus = (text) => text.replace(/-/g, '−');
/** An input, target, parameter or difference: at most 6 significant digits, as typed in a field. */
const shownInput = (x) => withTypographicMinus(formatInput(x));
/** A loss or probability: 4 decimals. */
const shownLoss = (x) => withTypographicMinus(formatLoss(x));
/** A gradient: 4 decimals, or scientific when it is tiny or huge. */
const shownGradient = (x) => withTypographicMinus(formatGradient(x));
/** A probability: 4 decimals, unless those would show a positive one as 0.0000; then scientific, like a gradient. */
const shownProbability = (p) => (p > 0 && p < TINY_PROBABILITY ? shownGradient(p) : shownLoss(p));
/** A negative number's text in parentheses, so that `1 − (−1) × 0.2` reads right; other text unchanged. */
const parenthesisedIfNegative = (text) => (text[0] === '−' ? `(${text})` : text);
/** An input as an operand of a formula. */
const shownOperand = (x) => parenthesisedIfNegative(shownInput(x));
/** An operand without its parentheses, where the formula already encloses it: `|−1|`, `sign(−1)`. */
const withoutParentheses = (text) => text.replace(/[()]/g, '');
/** Text as it is (a log that is not clamped). */
const asIs = (text) => text;
/**
 * bce's logs as torch computes them: on probabilities each ln is at least −100 (see BCE_LOG_FLOOR), so one that
 * hits the floor is shown as max(ln …, −100); the logit-space bce does not clamp.
 */
const torchLog = (prob, inLogits) => (text, ofOneMinusP) =>
  !inLogits && (ofOneMinusP ? prob === 1 : prob < BCE_LOG_FLOOR) ? `max(${text}, −100)` : text;

/** The first six values, each shown by `show`, then '…': a whole batch would not fit on a line. */
function firstSix(values, show, separator = ' + ') {
  const all = Array.from(values);
  const shown = all.slice(0, 6).map(show);
  return (all.length > 6 ? [...shown, '…'] : shown).join(separator);
}

/**
 * `t × whenOne + (1 − t) × whenZero` for a shown target t. A hard target (exactly '1' or '0') shows only its own
 * term, after `hardWeight`: '1 × ' keeps the weight in sight, '' leaves it out.
 */
function lossTerm(t, whenOne, whenZero, hardWeight = '1 × ') {
  if (t === '1') return hardWeight + whenOne;
  if (t === '0') return hardWeight + whenZero;
  return `${t} × ${whenOne} + (1 − ${t}) × ${whenZero}`;
}

/**
 * The one-number losses in terms of a probability p and a target t (symbols or shown numbers), value and gradient
 * side by side. In logit space the gradient is with respect to x, so it carries σ'(x) = p × (1 − p).
 */
const BINARY_LOSSES = {
  distance: {
    loss: (p, t) => lossTerm(t, `(1 − ${p})`, p),
    gradient: (p, t, inLogits) => (inLogits ? `(1 − 2 × ${t}) × ${p} × (1 − ${p})` : `1 − 2 × ${t}`),
  },
  bce: {
    // `log` may show an ln clamped (torchLog); torch's backward divides by at least 1e-12, shown as 1e−12.
    loss: (p, t, log = asIs) => `−(${lossTerm(t, log(`ln ${p}`, false), log(`ln(1 − ${p})`, true))})`,
    gradient: (p, t, inLogits) => (inLogits ? `${p} − ${t}` : `(${p} − ${t}) / max(${p} × (1 − ${p}), 1e−12)`),
  },
  brier: {
    loss: (p, t) => `(${p} − ${t})²`,
    gradient: (p, t, inLogits) => `2 × (${p} − ${t})${inLogits ? ` × ${p} × (1 − ${p})` : ''}`,
  },
};

/** focal = α_t × (1 − p_t)^γ × CE, p_t being the probability of the target; `weight` is 'α_t × ' or ''. */
const FOCAL = {
  loss: (weight, pt, gamma, crossEntropy = `(−ln ${pt})`) => `${weight}(1 − ${pt})^${gamma} × ${crossEntropy}`,
  /** With respect to x, for a hard target; `sign` is 2t − 1. */
  gradient: (weight, pt, gamma, sign) => `${weight}${sign} × (1 − ${pt})^${gamma} × (${gamma} × ${pt} × ln ${pt} − (1 − ${pt}))`,
};

/**
 * The regression losses in terms of the difference d = ŷ − y and the threshold k (huber's δ, smooth_l1's β), value
 * and gradient side by side: first for |d| < k (the only regime of mse, mae and log_cosh), then `linear`, for |d| ≥ k.
 */
const REGRESSION_LOSSES = {
  mse: { loss: (d) => `${d}²`, gradient: (d) => `2 × ${d}` },
  mae: { loss: (d) => `|${withoutParentheses(d)}|`, gradient: (d) => `sign(${withoutParentheses(d)})` },
  log_cosh: { loss: (d) => `ln cosh(${withoutParentheses(d)})`, gradient: (d) => `tanh(${withoutParentheses(d)})` },
  huber: {
    loss: (d) => `0.5 × ${d}²`,
    gradient: withoutParentheses,
    linear: {
      loss: (d, k) => `${k} × (|${withoutParentheses(d)}| − 0.5 × ${k})`,
      gradient: (d, k) => `${k} × sign(${withoutParentheses(d)})`,
    },
  },
  smooth_l1: {
    loss: (d, k) => `0.5 × ${d}² / ${k}`,
    gradient: (d, k) => `${d} / ${k}`,
    linear: {
      loss: (d, k) => `|${withoutParentheses(d)}| − 0.5 × ${k}`,
      gradient: (d) => `sign(${withoutParentheses(d)})`,
    },
  },
};

/**
 * Everything a one-number loss's lines may show, read and formatted up front: a value that cannot be shown fails
 * here, whichever line would have used it, and the page falls back to the plain number.
 */
function binarySample(what, ctx, lossId, value) {
  const isGradient = what === 'grad';
  // focal and hinge always work on logits, as does any loss in logit space; there p is the engine's σ(x).
  const inLogits = ctx.space === 'logit' || lossId === 'focal' || lossId === 'hinge';
  const input = ctx.input;
  const prob = inLogits ? ctx.prob : (ctx.prob ?? input);
  const { alpha, gamma } = ctx.params || {};
  const shownP = inLogits ? shownProbability(prob) : shownInput(prob);
  return {
    lossId,
    isGradient,
    inLogits,
    input,
    prob,
    alpha,
    gamma,
    target: ctx.target,
    shownP,
    shownT: shownInput(ctx.target),
    inputOperand: shownOperand(input),
    shownValue: (isGradient ? shownGradient : shownLoss)(value),
    name: isGradient ? `∂${lossId}/∂${inLogits ? 'x' : 'p'}` : lossId,
    sigmoidLines: inLogits ? [`p = σ(${shownInput(input)}) = ${shownP}`] : [],
  };
}

/** A one-number loss's sample: its probability, or its loss or gradient with the loss's own formula. */
function binaryLines(what, ctx, lossId, value) {
  const sample = binarySample(what, ctx, lossId, value);
  if (what === 'prob') return probabilityLines(sample);
  if (lossId === 'hinge') return hingeLines(sample);
  if (lossId === 'zero_one') return zeroOneLines(sample);
  if (lossId === 'focal') return focalLines(sample);
  return tableLines(sample, BINARY_LOSSES[lossId]);
}

/** A one-number loss's probability: σ(x) in logit space, else the input itself. */
function probabilityLines({ inLogits, input, shownValue }) {
  if (!inLogits) return ['in probability space p is the input itself', `p = ${shownValue}`];
  return ['p = σ(x) = 1 / (1 + e^(−x))', `p = σ(${shownInput(input)}) = ${shownValue}`];
}

/** hinge on the score x, with y = 2t − 1: the slope is −y inside the margin (y × x < 1), 0 beyond it. */
function hingeLines({ name, target, input, inputOperand, isGradient, shownValue }) {
  const y = 2 * target - 1;
  const insideMargin = y * input < 1;
  if (!isGradient) {
    return ['hinge = max(0, 1 − y × x), y = 2t − 1', `hinge = max(0, 1 − ${shownOperand(y)} × ${inputOperand}) = ${shownValue}`];
  }
  const verdict = `${insideMargin ? '<' : '≥'} 1, so ${name} = ${insideMargin ? '−y = ' : ''}${shownValue}`;
  return [`${name} = −y if y × x < 1, else 0 (y = 2t − 1)`, `y × x = ${shownOperand(y)} × ${inputOperand} ${verdict}`];
}

/** zero_one predicts class 1 from p ≥ 0.5 and costs 1 when that is not the target's class. */
function zeroOneLines({ name, prob, target, isGradient, shownP, shownValue, sigmoidLines }) {
  const predictsOne = prob >= 0.5;
  if (isGradient) return [`${name} = 0 by definition: no slope, a step function`, `${name} = ${shownValue}`];
  const verdict = `predicts ${+predictsOne}, target class ${+(target >= 0.5)}: zero_one = ${shownValue}`;
  return ['zero_one = 1 if (p ≥ 0.5) ≠ (t ≥ 0.5), else 0', ...sigmoidLines, `p = ${shownP} ${predictsOne ? '≥' : '<'} 0.5 ${verdict}`];
}

/** focal: α_t weighs the classes unless α < 0 (torchvision's α = −1); a soft target has no short gradient. */
function focalLines({ name, target, prob, alpha, gamma, isGradient, shownP, shownT, shownValue, sigmoidLines }) {
  const weighted = alpha >= 0;
  const alphaT = shownInput(alpha * target + (1 - alpha) * (1 - target));
  const pt = shownProbability(target * prob + (1 - target) * (1 - prob));
  const shownGamma = shownInput(gamma);
  const hard = shownT === '1' || shownT === '0';
  if (isGradient && !hard) return [`${name}: no short form for a soft target`, `${name} = ${shownValue}`];
  const weight = weighted ? 'α_t × ' : '';
  const shownWeight = weighted ? `${alphaT} × ` : '';
  let general;
  let filled;
  if (isGradient) {
    general = FOCAL.gradient(weight, 'p_t', 'γ', '(2t − 1)');
    filled = FOCAL.gradient(shownWeight, pt, shownGamma, shownOperand(2 * target - 1));
  } else {
    // A soft target weighs the whole bce, both of its terms, instead of −ln p_t.
    general = FOCAL.loss(weight, 'p_t', 'γ', hard ? undefined : 'bce');
    const crossEntropy = hard ? undefined : `(${BINARY_LOSSES.bce.loss(shownP, shownT)})`;
    filled = FOCAL.loss(shownWeight, pt, shownGamma, crossEntropy);
  }
  return [
    `${name} = ${general}${weighted ? '' : ' (α off)'}`,
    `${sigmoidLines[0]}, p_t = ${pt}${weighted ? `, α_t = ${alphaT}` : ''}, γ = ${shownGamma}`,
    `${name} = ${filled} = ${shownValue}`,
  ];
}

/** distance, bce and brier: the formula in p and t, σ(x) in logit space, then the formula with the numbers. */
function tableLines({ lossId, name, prob, inLogits, isGradient, shownP, shownT, shownValue, sigmoidLines }, formulas) {
  let general;
  let filled;
  if (isGradient) {
    general = formulas.gradient('p', 't', inLogits);
    filled = formulas.gradient(shownP, shownT, inLogits);
  } else {
    const note = inLogits ? ', p = σ(x)' : lossId === 'bce' ? ', each ln at least −100' : '';
    general = formulas.loss('p', 't') + note;
    filled = formulas.loss(shownP, shownT, torchLog(prob, inLogits));
  }
  return [`${name} = ${general}`, ...sigmoidLines, `${name} = ${filled} = ${shownValue}`];
}

/** A regression loss on d = ŷ − y; huber and smooth_l1 also say which side of their threshold d is on. */
function regressionLines(what, ctx, lossId, value) {
  const formulas = REGRESSION_LOSSES[lossId];
  const isGradient = what === 'grad';
  const twoRegimes = Boolean(formulas.linear);
  // Every regression loss reads a k (β unless huber), though only huber and smooth_l1 show it.
  const k = lossId === 'huber' ? 'δ' : 'β';
  const kValue = ctx.params?.[lossId === 'huber' ? 'delta' : 'beta'];
  const d = ctx.input - ctx.target;
  const linear = twoRegimes && !(Math.abs(d) < kValue); // |d| = k is linear, as in torch
  const name = isGradient ? `∂${lossId}/∂ŷ` : lossId;
  const formula = (regime) => (isGradient ? regime.gradient : regime.loss);
  let general = `${name} = ${formula(formulas)('d', k)}`;
  let difference = `d = ŷ − y = ${shownOperand(ctx.input)} − ${shownOperand(ctx.target)} = ${shownInput(d)}`;
  if (twoRegimes) {
    general += ` if |d| < ${k}, else ${formula(formulas.linear)('d', k)}`;
    difference += `, |d| ${linear ? '≥' : '<'} ${k} = ${shownInput(kValue)}: ${linear ? 'linear' : 'quadratic'}`;
  }
  const filled = formula(linear ? formulas.linear : formulas)(shownOperand(d), shownInput(kValue));
  return [general, difference, `${name} = ${filled} = ${(isGradient ? shownGradient : shownLoss)(value)}`];
}

/** poisson_nll of a count y under the rate e^ŷ: e^ŷ − y × ŷ, and its gradient e^ŷ − y, with the sample's numbers (the result is the engine's). */
function poissonLines(what, ctx, lossId, value) {
  const isGradient = what === 'grad';
  const name = isGradient ? `∂${lossId}/∂ŷ` : lossId;
  const [yHat, y] = [shownOperand(ctx.input), shownOperand(ctx.target)];
  const [general, filled] = isGradient ? ['e^ŷ − y', `e^${yHat} − ${y}`] : ['e^ŷ − y × ŷ', `e^${yHat} − ${y} × ${yHat}`];
  return [`${name} = ${general}, ŷ the log of the rate`, `${name} = ${filled} = ${(isGradient ? shownGradient : shownLoss)(value)}`];
}

/** A row loss's sample: logits x, probabilities p, K of each; the target is a class (or K labels for multilabel). */
function rowLines(what, ctx, lossId, value) {
  // Read up front, like binarySample: a row that cannot be read shows the plain value whatever is asked.
  const logits = Array.from(ctx.input);
  const smoothing = ctx.params?.label_smoothing ?? 0;
  const row = {
    lossId,
    value,
    logits,
    smoothing,
    probs: Array.from(ctx.prob),
    classes: logits.length,
    label: ctx.label,
    target: ctx.target,
    multilabel: lossId === 'multilabel_bce',
    valueAtLabel: typeof value === 'number' ? value : value[ctx.label],
  };
  /** q_j, the smoothed target of class j. */
  row.shownQ = (j) => shownInput((j === row.target ? 1 - smoothing : 0) + smoothing / row.classes);
  if (what === 'prob') return rowProbabilityLines(row);
  if (what === 'grad') return rowGradientLines(row);
  if (row.multilabel) return multilabelLossLines(row);
  return crossEntropyLossLines(row);
}

/** One label's probability, or (with no label) the whole row's. */
function rowProbabilityLines({ logits, label, multilabel, value, valueAtLabel }) {
  if (!Number.isInteger(label)) {
    const shown = `([${firstSix(logits, shownInput, ', ')}]) = [${firstSix(value, shownLoss, ', ')}]`;
    return [multilabel ? 'p = σ(x), for each label' : 'p = softmax(x)', `${multilabel ? 'σ' : 'softmax'}${shown}`];
  }
  if (multilabel) return ['p_k = σ(x_k)', `p_${label} = σ(${shownInput(logits[label])}) = ${shownLoss(valueAtLabel)}`];
  const sum = firstSix(logits, (x) => `e^${shownOperand(x)}`);
  const filled = `p_${label} = e^${shownOperand(logits[label])} / (${sum}) = ${shownLoss(valueAtLabel)}`;
  return ['p_k = e^(x_k) / Σ_j e^(x_j) (softmax)', filled];
}

/** One logit's gradient: (p_k − t_k) / K for multilabel_bce, p_k − q_k for cross_entropy. */
function rowGradientLines(row) {
  const { lossId, label, logits, probs, target, classes, smoothing, multilabel, shownQ, valueAtLabel } = row;
  const name = `∂${lossId}/∂x_${label}`;
  const pk = shownProbability(probs[label]);
  if (multilabel) {
    return [
      `∂${lossId}/∂x_k = (σ(x_k) − t_k) / K, K = ${classes}`,
      `p_${label} = σ(${shownInput(logits[label])}) = ${pk}`,
      `${name} = (${pk} − ${shownInput(target[label])}) / ${classes} = ${shownGradient(valueAtLabel)}`,
    ];
  }
  const q = smoothing ? `${SMOOTHED_TARGET}, ε = ${shownInput(smoothing)}, K = ${classes}` : 'q = onehot(y)';
  return [`∂${lossId}/∂x_k = p_k − q_k, ${q}, y = ${target}`, `${name} = ${pk} − ${shownQ(label)} = ${shownGradient(valueAtLabel)}`];
}

/** multilabel_bce: the mean of K binary cross-entropies on σ(x_k). */
function multilabelLossLines({ lossId, probs, target, classes, value }) {
  const term = (p, j) => lossTerm(shownInput(target[j]), `ln ${shownProbability(p)}`, `ln(1 − ${shownProbability(p)})`, '');
  return [
    `${lossId} = −Σ_k (t_k × ln p_k + (1 − t_k) × ln(1 − p_k)) / K, p_k = σ(x_k), K = ${classes}`,
    `${lossId} = −(${firstSix(probs, term)}) / ${classes} = ${shownLoss(value)}`,
  ];
}

/** cross_entropy: −ln of the target's probability, or against the smoothed target q when ε > 0. */
function crossEntropyLossLines({ lossId, probs, target, classes, smoothing, shownQ, value }) {
  if (!smoothing) {
    return [
      `${lossId} = −ln p_y, p = softmax(x)`,
      `${lossId} = −ln p_${target} = −ln ${shownProbability(probs[target])} = ${shownLoss(value)}`,
    ];
  }
  const terms = firstSix(probs, (p, j) => `${shownQ(j)} × ln ${shownProbability(p)}`);
  return [
    `${lossId} = −Σ_k q_k × ln p_k, ${SMOOTHED_TARGET}, p = softmax(x)`,
    `ε = ${shownInput(smoothing)}, K = ${classes}, y = ${target}: q_y = ${shownQ(target)}, ` +
      `other q_k = ε/K = ${shownInput(smoothing / classes)}`,
    `${lossId} = −(${terms}) = ${shownLoss(value)}`,
  ];
}

/** The batch's mean or sum over its per-sample losses (multilabel_bce's are each a mean over K labels). */
function reductionLines(what, ctx, lossId, value) {
  const n = ctx.n ?? ctx.perSample.length;
  const k = ctx.k ?? ctx.input?.[0]?.length ?? ctx.target?.[0]?.length;
  const multilabel = lossId === 'multilabel_bce';
  const terms = firstSix(ctx.perSample, (x) => parenthesisedIfNegative(shownLoss(x)));
  const term = `${lossId}_i`;
  if (what === 'sum') {
    return [`sum = Σ ${term}${multilabel ? ' (= the sum of all N×K elements / K)' : ''}`, `sum = ${terms} = ${shownLoss(value)}`];
  }
  const note = multilabel ? `, the mean over all N×K = ${n} × ${k ?? 'K'} elements (each ${term} is a mean over K)` : '';
  return [`mean = Σ ${term} / N${note}`, `mean = (${terms}) / ${n} = ${shownLoss(value)}`];
}

/** Which function writes the lines for `what` of this loss, or null for the plain value. */
function builderFor(what, lossId, word) {
  if (!FORMULA_IDS.includes(lossId)) return null;
  if (what === 'mean' || what === 'sum') return reductionLines;
  if (!word) return null;
  if (REGRESSION_LOSSES[lossId]) return what === 'prob' ? null : regressionLines;
  if (lossId === 'poisson_nll') return what === 'prob' ? null : poissonLines;
  if (ROW_LOSS.test(lossId)) return rowLines;
  return binaryLines;
}

/** "Mean loss", "Sum of losses", "Sample 2 gradient, class 1", or "Value" for an unknown `what`. */
function titleFor(what, word, index, label, lossId) {
  const rowPart = Number.isInteger(label) && ROW_LOSS.test(lossId) && what !== 'loss';
  const labelled = rowPart ? `, ${lossId[0] === 'c' ? 'class' : 'label'} ${label}` : '';
  if (what === 'mean') return 'Mean loss';
  if (what === 'sum') return 'Sum of losses';
  if (!word) return 'Value';
  return `Sample ${Number.isInteger(index) ? index + 1 : '?'} ${word}${labelled}`;
}

/** The value alone, when there is no formula to show. */
function plainValue(what, value) {
  if (typeof value === 'number') return (what === 'grad' ? shownGradient : shownLoss)(value);
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Returns { title, lines }: a title like "Sample 2 loss" and 1-3 lines of plain text (no HTML). */
export function explain(what, ctx) {
  const c = ctx || {};
  const value = c.value;
  const index = c.index;
  const label = c.label;
  const lossId = c.loss;
  const word = SAMPLE_WORDS[what];
  const title = titleFor(what, word, index, label, lossId);
  // Where no formula can be written, the number shown on the page (a gradient of the mean, if that is shown).
  const plain = () => ({ title, lines: [plainValue(what, what === 'grad' && c.backward === 'mean' ? c.gradientShown : value)] });
  try {
    const build = builderFor(what, lossId, word);
    const lines = build?.(what, c, lossId, value);
    if (lines && what === 'grad' && c.backward === 'mean') lines.push(meanGradientLine(c));
    return lines && !BROKEN.test(lines.join('\n')) ? { title, lines } : plain();
  } catch {
    return plain();
  }
}

/**
 * The gradient of the mean loss (PyTorch's `loss.mean().backward()`): the sample's own slope, which
 * the lines above end with, divided by the number of samples N. `gradientShown` is the page's value.
 */
function meanGradientLine({ value, n, gradientShown }) {
  return `of the mean: ${shownGradient(value)} / N = ${shownGradient(value)} / ${n} = ${shownGradient(gradientShown)}`;
}
