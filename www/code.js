// The PyTorch program that reproduces the screen (float64, the loss as torch computes it).

/** A Python float literal that parses to exactly `v` (JS and Python both print shortest round-trip). */
const py = (v) => {
  if (Object.is(v, -0)) return '-0.';
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.`;
};
const tensor = (values, grad) => `torch.tensor([${Array.from(values, py).join(', ')}]${grad ? ', requires_grad=True' : ''})`;

/** Regression: predictions y_hat against real targets y, each loss as torch.nn.functional has it. */
const REGRESSION = {
  mse: () => "F.mse_loss(y_hat, y, reduction='none')",
  mae: () => "F.l1_loss(y_hat, y, reduction='none')",
  huber: (p) => `F.huber_loss(y_hat, y, reduction='none', delta=${py(p.delta)})`,
  smooth_l1: (p) => `F.smooth_l1_loss(y_hat, y, reduction='none', beta=${py(p.beta)})`,
  log_cosh: () => 'torch.log(torch.cosh(y_hat - y))',
};

export function pythonCode({ loss, space, params, inputs, targets }) {
  if (REGRESSION[loss]) {
    return [
      'import torch',
      'import torch.nn.functional as F',
      '',
      'torch.set_default_dtype(torch.float64)',
      '',
      `y = ${tensor(targets)}  # targets`,
      `y_hat = ${tensor(inputs, true)}  # predictions`,
      `loss = ${REGRESSION[loss](params)}`,
      'loss.sum().backward()',
      'print(loss.detach())',
      'print(loss.detach().mean())',
      'print(y_hat.grad)',
    ].join('\n');
  }
  const logit = space === 'logit';
  const v = logit ? 'x' : 'p';
  const grad = loss !== 'zero_one';
  const lines = ['import torch', 'import torch.nn.functional as F'];
  if (loss === 'focal') lines.push('from torchvision.ops import sigmoid_focal_loss');
  lines.push(
    '',
    'torch.set_default_dtype(torch.float64)',
    '',
    `t = ${tensor(targets)}  # targets`,
    `${v} = ${tensor(inputs, grad)}  # ${logit ? 'activations' : 'predictions'}`,
  );
  const p = logit ? 'torch.sigmoid(x)' : 'p';
  if (logit && (loss === 'distance' || loss === 'zero_one')) lines.push('p = torch.sigmoid(x)');
  const expr = {
    distance: 'torch.where(t == 1, 1 - p, p)',
    bce: logit ? "F.binary_cross_entropy_with_logits(x, t, reduction='none')" : "F.binary_cross_entropy(p, t, reduction='none')",
    brier: `(${p} - t)**2`,
    focal: `sigmoid_focal_loss(x, t, alpha=${py(params.alpha)}, gamma=${py(params.gamma)}, reduction='none')`,
    hinge: 'F.relu(1 - (2*t - 1) * x)',
    zero_one: '((p >= 0.5) != (t >= 0.5)).double()',
  }[loss];
  lines.push(`loss = ${expr}`);
  if (grad) lines.push('loss.sum().backward()', 'print(loss.detach())', 'print(loss.detach().mean())', `print(${v}.grad)`);
  else lines.push('print(loss)', 'print(loss.mean())', `print(torch.zeros_like(${v}))  # no gradient: a comparison is flat`);
  return lines.join('\n');
}
