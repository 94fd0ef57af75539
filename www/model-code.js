// The PyTorch program for a model whose weights every sample shares (a constant, a line, a
// bag-of-words logistic model), trained by torch.optim.SGD for as many steps as the page took, and
// the text it prints. Each loss is the registry's expression, as in code.js.

import { FLOAT64, HEADER, py, pyParams, tensor } from './code.js';
import { torchScalar, torchTensor } from './format.js';
import { lossInfo } from './registry.js';

/** A 0-d tensor, a leaf that autograd follows when `grad`. */
const scalar = (value, grad) => `torch.tensor(${py(value)}${grad ? ', requires_grad=True' : ''})`;

/** `name = torch.tensor([[…], […]])`: rows of floats, one a line, aligned under the first. */
const rowsOf = (name, rows) => {
  const open = `${name} = torch.tensor([`;
  return `${open}${rows.map((row) => `[${row.map(py).join(', ')}]`).join(`,\n${' '.repeat(open.length)}`)}])`;
};

/** The words' count matrix as rows: the request's rows, or its flat row-major counts cut every V. */
const countRows = (features, width) => {
  const all = Array.from(features);
  if (Array.isArray(all[0])) return all;
  const rows = [];
  for (let i = 0; i < all.length; i += width) rows.push(all.slice(i, i + width));
  return rows;
};

/** A word as a comment may hold it: one line. */
const word = (w) => String(w).replace(/\s+/g, ' ');

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/**
 * What each model writes: its data, its weights (`weights` at the start, `grad` false for a flat
 * loss), the names the parameters go by, what `predict()` returns, and what the loss reads.
 */
const MODELS = {
  constant: {
    data: ({ targets }) => [`y = ${tensor(targets)}  # the targets`],
    weights: ([c], grad) => ['', '# The weight at the start: c, the one prediction for every sample', `c = ${scalar(c, grad)}`],
    names: ['c'],
    predict: 'c.expand_as(y)  # ŷᵢ = c for every sample',
    output: 'y_hat',
    sample: 'sample',
  },
  line: {
    data: ({ features, targets }) => [`x = ${tensor(features)}  # the points' x`, `y = ${tensor(targets)}  # their y, the targets`],
    weights: ([w, b], grad) => [
      '',
      '# The weights at the start: slope w and intercept b',
      `w = ${scalar(w, grad)}`,
      `b = ${scalar(b, grad)}`,
    ],
    names: ['w', 'b'],
    predict: 'w * x + b  # ŷᵢ = w·xᵢ + b',
    output: 'y_hat',
    sample: 'point',
  },
  words: {
    data: ({ vocab, features, targets, weights }) => [
      `# Word counts: a row per sentence, a column per word${vocab?.length ? ` (${vocab.map(word).join(', ')})` : ''}`,
      rowsOf('counts', countRows(features, weights.length - 1)),
      `t = ${tensor(targets)}  # each sentence's label`,
    ],
    weights: (weights, grad) => [
      '',
      '# The weights at the start: one per word, and the bias b',
      `w = ${tensor(weights.slice(0, -1), grad)}`,
      `b = ${scalar(weights.at(-1), grad)}`,
    ],
    names: ['w', 'b'],
    predict: 'counts @ w + b  # zᵢ = b + Σⱼ wⱼ·countᵢⱼ, an activation per sentence',
    output: 'z',
    sample: 'sentence',
  },
};

/** The registry's loss expression, activations named z in a words model; with `p = σ(z)` first when it reads p. */
function lossLines({ model, loss, params }) {
  const info = lossInfo(loss);
  const values = pyParams({ ...info.params, ...params });
  if (model !== 'words') return [`loss = ${info.torch({ params: values })}`];
  // The registry names activations x, as the lab's own program does; here they are the model's z.
  const expression = info.torch({ logit: true, p: info.readsP ? 'p' : 'torch.sigmoid(x)', params: values }).replace(/\bx\b/g, 'z');
  return [...(info.readsP ? ['p = torch.sigmoid(z)'] : []), `loss = ${expression}`];
}

/**
 * The PyTorch program that trains the model as the page did and prints where it ended. `req`:
 * `{ model, loss, params, vocab, features, targets, weights, learningRate, steps }`, `weights`
 * those at the start of the run, `steps` the SGD steps the page took since, `vocab` the words
 * (words only). It prints the final weights, each sample's loss, their mean and the gradient of
 * the mean (zeros for a flat loss, which no step moves): what `modelOutput` gives.
 */
export function modelCode(req) {
  const { model, loss, weights, learningRate, steps } = req;
  const info = lossInfo(loss);
  const m = MODELS[model];
  if (!m || !info) throw new Error(`no program for model ${model} with loss ${loss}`);
  const flat = Boolean(info.flat);
  const names = m.names.join(', ');
  const evaluate = [`${m.output} = predict()`, ...lossLines(req)];
  const lines = [...HEADER, ...(info.imports ?? []), ...FLOAT64, ...m.data(req), ...m.weights(weights, !flat)];
  if (flat) {
    const them = m.names.join(' and ');
    const moved =
      steps > 0 ? `the ${plural(steps, 'step', 'steps')} of gradient descent left ${them} where they started` : `no step moves ${them}`;
    lines.push(`# The ${info.name} is flat: its gradient is zero, so ${moved}.`);
  } else {
    lines.push(`opt = torch.optim.SGD([${names}], lr=${py(learningRate)})`);
  }
  lines.push('', '', 'def predict():', `    return ${m.predict}`, '', '');
  if (!flat && steps > 0) {
    lines.push(
      `# ${plural(steps, 'step', 'steps')} of gradient descent on the mean loss`,
      `for step in range(${steps}):`,
      ...['opt.zero_grad()', ...evaluate, 'loss.mean().backward()', 'opt.step()'].map((line) => `    ${line}`),
      '',
    );
  }
  const params = m.names.map((name) => (flat ? name : `${name}.detach()`));
  const perLine = model === 'words' ? params.map((p) => [p]) : [params];
  lines.push(
    `# At the ${steps > 0 && !flat ? 'final' : 'start'} weights: each ${m.sample}'s loss, their mean, and the gradient of the mean`,
    ...(flat ? evaluate : [...(steps > 0 ? ['opt.zero_grad()'] : []), ...evaluate, 'loss.mean().backward()']),
    ...perLine.map((group, i) => `print(${group.join(', ')})${i === 0 ? `  # the ${m.names.length === 1 ? 'weight' : 'weights'}` : ''}`),
    `print(${flat ? 'loss' : 'loss.detach()'})  # each ${m.sample}'s loss`,
    `print(${flat ? 'loss' : 'loss.detach()'}.mean())  # their mean, what training lowers`,
  );
  const grads = m.names.map((name) => (flat ? `torch.zeros_like(${name})` : `${name}.grad`));
  const gradLines = model === 'words' ? grads.map((g) => [g]) : [grads];
  lines.push(
    ...gradLines.map(
      (group, i) =>
        `print(${group.join(', ')})${i === 0 ? (flat ? '  # no gradient: a comparison is flat' : '  # the gradient of the mean') : ''}`,
    ),
  );
  return lines.join('\n');
}

/**
 * A sum of float64 values in PyTorch's order on a CPU for a short vector (SumKernel.cpp, row_sum):
 * every fourth value into four partial sums, the rest into the first, then the partials in order.
 * Longer vectors (8 values and more with AVX-512) it vectorises, which can change the last bit.
 */
function torchSum(values) {
  const partial = [0, 0, 0, 0];
  const whole = values.length - (values.length % 4);
  values.forEach((v, i) => {
    partial[i < whole ? i % 4 : 0] += v;
  });
  return partial[0] + partial[1] + partial[2] + partial[3];
}

/**
 * The mean and ∂mean/∂θ rounded as PyTorch rounds them, from the engine's losses and slopes: the
 * mean is the sum over N; autograd multiplies each sample's slope by 1/N first (the mean's
 * backward), then sums it through the model (times a feature for w). The engine divides by N last:
 * the two differ in the last bits only, but those decide whether PyTorch prints a whole number
 * (`tensor(-12.)`) or not (`tensor(-12.0000)`), as for the page's first example.
 */
function asTorchRounds({ model, features, weights }, { perSample, sampleGrad }) {
  const n = perSample.length;
  const g = Array.from(sampleGrad, (v) => v * (1 / n));
  const through = (feature) => torchSum(feature ? g.map((gi, i) => gi * feature(i)) : g);
  const mean = torchSum(Array.from(perSample)) / n;
  if (model === 'constant') return { mean, gradient: [through()] };
  if (model === 'line') return { mean, gradient: [through((i) => features[i]), through()] };
  const rows = countRows(features, weights.length - 1);
  return { mean, gradient: [...rows[0].map((_, j) => through((i) => rows[i][j])), through()] };
}

/**
 * What `modelCode(req)` prints, character for character as PyTorch prints float64 tensors.
 * `final`: `{ weights, result }`, the weights after the steps (the engine's `stepModel`, `steps`
 * times) and the engine's `evaluateModel` there.
 */
export function modelOutput(req, { weights, result }) {
  const flat = Boolean(lossInfo(req.loss)?.flat);
  const values = Array.from(weights);
  const { mean, gradient } = asTorchRounds(req, result);
  // A constant's or a line's parameters are 0-d tensors on one line; words print w, then b.
  const shown = (v) => (req.model === 'words' ? [torchTensor(v.slice(0, -1)), torchScalar(v.at(-1))] : [v.map(torchScalar).join(' ')]);
  return [...shown(values), torchTensor(result.perSample), torchScalar(mean), ...shown(flat ? values.map(() => 0) : gradient)].join('\n');
}
