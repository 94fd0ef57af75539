// The PyTorch program that reproduces the screen (float64, each loss as torch computes it), and what
// it prints, for every loss: the binary and regression lab and the lab for many classes and labels.

import { familyOf, lossInfo } from './registry.js';
import { torchMatrix, torchRows, torchScalar, torchTensor } from './format.js';

/** A Python float literal that parses to exactly `v` (JS and Python both print shortest round-trip). */
export const py = (v) => {
  if (Object.is(v, -0)) return '-0.';
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.`;
};
/** A 1-d tensor of floats as Python source, `requires_grad=True` when `grad`. */
export const tensor = (values, grad) => `torch.tensor([${Array.from(values, py).join(', ')}]${grad ? ', requires_grad=True' : ''})`;
/** Rows of floats, one row a line, aligned under the first; closed by the caller (`)` or `, requires_grad=True)`). */
const matrix = (rows) => `torch.tensor([${rows.map((row) => `[${row.map(py).join(', ')}]`).join(',\n                  ')}]`;
/** A loss's parameters as Python literals. */
export const pyParams = (params = {}) => Object.fromEntries(Object.entries(params).map(([name, value]) => [name, py(value)]));

export const HEADER = ['import torch', 'import torch.nn.functional as F'];
export const FLOAT64 = ['', 'torch.set_default_dtype(torch.float64)', ''];
/**
 * What every differentiable program ends with: the losses, their mean, and the gradient the page shows,
 * of the mean loss (`backward` 'mean', PyTorch's usual `loss.mean().backward()`) or of the sum.
 */
const printed = (v, backward) => [
  `loss.${backward === 'sum' ? 'sum' : 'mean'}().backward()`,
  'print(loss.detach())',
  'print(loss.detach().mean())',
  `print(${v}.grad)`,
];

/**
 * The program for `request` (what `evaluate` takes). `extras`: `backward` ('mean', the default, or
 * 'sum': which gradient it prints) and `grads` (those gradients as the page shows them, for
 * pythonOutput); for many classes and labels also `sigmoidSums` (print the rows through a sigmoid
 * per column) and `threshold` (many labels).
 */
export function pythonCode(request, extras = {}) {
  const family = familyOf(request.loss);
  if (family === 'regression') return regressionCode(request, extras);
  if (family === 'binary') return binaryCode(request, extras);
  return matrixCode(request, extras);
}

/** What `pythonCode` prints, from the engine's `result` for the same request. */
export function pythonOutput(request, result, extras = {}) {
  const grads = extras.grads ?? result.grad;
  if (familyOf(request.loss) === 'regression' || familyOf(request.loss) === 'binary') {
    return [torchTensor(result.perSample), torchScalar(result.mean), torchTensor(grads)].join('\n');
  }
  const k = request.inputs[0].length;
  const out = [torchTensor(result.perSample), torchScalar(result.mean), torchMatrix(result.probs, k), torchMatrix(grads, k)];
  if (extras.sigmoidSums) out.push(torchTensor(extras.sigmoidSums));
  if (familyOf(request.loss) === 'multilabel') {
    out.push(
      torchRows(
        Array.from(result.probs, (p) => (p >= extras.threshold ? 'True' : 'False')),
        k,
      ),
    );
  }
  return out.join('\n');
}

function regressionCode({ loss, params, inputs, targets }, { backward }) {
  return [
    ...HEADER,
    ...FLOAT64,
    `y = ${tensor(targets)}  # targets`,
    `y_hat = ${tensor(inputs, true)}  # predictions`,
    `loss = ${lossInfo(loss).torch({ params: pyParams(params) })}`,
    ...printed('y_hat', backward),
  ].join('\n');
}

function binaryCode({ loss, space, params, inputs, targets }, { backward }) {
  const info = lossInfo(loss);
  const logit = space === 'logit';
  const v = logit ? 'x' : 'p';
  const lines = [...HEADER, ...(info.imports ?? [])];
  lines.push(
    ...FLOAT64,
    `t = ${tensor(targets)}  # targets`,
    `${v} = ${tensor(inputs, !info.flat)}  # ${logit ? 'activations' : 'predictions'}`,
  );
  if (logit && info.readsP) lines.push('p = torch.sigmoid(x)');
  lines.push(`loss = ${info.torch({ logit, p: logit ? 'torch.sigmoid(x)' : 'p', params: pyParams(params) })}`);
  if (info.flat) lines.push('print(loss)', 'print(loss.mean())', `print(torch.zeros_like(${v}))  # no gradient: a comparison is flat`);
  else lines.push(...printed(v, backward));
  return lines.join('\n');
}

function matrixCode({ loss, params, inputs, targets }, { backward, sigmoidSums, threshold }) {
  const classes = familyOf(loss) === 'multiclass';
  const lines = [
    ...HEADER,
    ...FLOAT64,
    `x = ${matrix(inputs)}, requires_grad=True)  # activations: ${inputs.length} samples × ${inputs[0].length}`,
  ];
  if (classes) lines.push(`y = torch.tensor([${targets.join(', ')}])  # the target class of each sample`);
  else lines.push(`t = ${matrix(targets)})  # 1 where a label applies`);
  lines.push(`loss = ${lossInfo(loss).torch({ params: pyParams(params) })}`, ...printed('x', backward));
  lines.splice(-1, 0, `p = ${classes ? 'torch.softmax(x, dim=1)' : 'torch.sigmoid(x)'}.detach()`, 'print(p)');
  if (sigmoidSums) lines.push('print(torch.sigmoid(x).detach().sum(dim=1))  # a sigmoid per column: rows do not sum to 1');
  if (!classes) lines.push(`print(p >= ${py(threshold)})  # the predicted labels`);
  return lines.join('\n');
}
