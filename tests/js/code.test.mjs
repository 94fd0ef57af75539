// The one code generator (www/code.js) for both labs: the PyTorch program and what it prints.
// What PyTorch prints was checked against PyTorch itself (the browser tests run the program where a
// local PyTorch is installed); the numbers here are the oracle's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { py, pythonCode, pythonOutput } from '../../www/code.js';
import { engine } from './engine.mjs';

const both = (request, extras) => [pythonCode(request, extras), pythonOutput(request, engine.evaluate(request), extras)];

test('the seed example: tensors, the fastai loss and what PyTorch prints (oracle pub-distance-prob-seed)', () => {
  const request = { loss: 'distance', space: 'prob', params: {}, inputs: [0.9, 0.2, 0.3], targets: [1, 0, 1] };
  const [code, output] = both(request, { backward: 'sum' });
  for (const part of [
    'torch.set_default_dtype(torch.float64)',
    't = torch.tensor([1., 0., 1.])  # targets',
    'p = torch.tensor([0.9, 0.2, 0.3], requires_grad=True)  # predictions',
    'loss = torch.where(t == 1, 1 - p, p)',
    'print(loss.detach().mean())',
  ]) {
    assert.ok(code.includes(part), `${part} in\n${code}`);
  }
  assert.equal(output, 'tensor([0.1000, 0.2000, 0.7000])\ntensor(0.3333)\ntensor([-1.,  1., -1.])');
  assert.match(code, /\nloss\.sum\(\)\.backward\(\)\n/);
  // The gradient of the mean, as loss.mean().backward() prints it: the oracle's -1, 1, -1 divided by 3 (hand).
  const mean = pythonCode(request, { backward: 'mean' });
  assert.match(mean, /\nloss\.mean\(\)\.backward\(\)\n/);
  const printedMean = pythonOutput(request, engine.evaluate(request), { backward: 'mean', grads: [-1 / 3, 1 / 3, -1 / 3] });
  assert.equal(printedMean.split('\n')[2], 'tensor([-0.3333,  0.3333, -0.3333])');
});

test('activations: distance and 0-1 make p first; bce takes logits; focal imports torchvision with its parameters', () => {
  const request = (loss, params = {}) => ({ loss, space: 'logit', params, inputs: [2, -1], targets: [1, 0] });
  assert.match(
    pythonCode(request('distance')),
    /x = torch\.tensor\(\[2\., -1\.\], requires_grad=True\) {2}# activations\np = torch\.sigmoid\(x\)\nloss = torch\.where/,
  );
  assert.match(pythonCode(request('bce')), /loss = F\.binary_cross_entropy_with_logits\(x, t, reduction='none'\)/);
  assert.match(pythonCode(request('brier')), /loss = \(torch\.sigmoid\(x\) - t\)\*\*2/);
  const focal = pythonCode(request('focal', { gamma: 2, alpha: -1 }));
  assert.match(focal, /from torchvision\.ops import sigmoid_focal_loss/);
  assert.match(focal, /sigmoid_focal_loss\(x, t, alpha=-1\., gamma=2\., reduction='none'\)/);
  const zeroOne = pythonCode(request('zero_one'));
  assert.doesNotMatch(zeroOne, /requires_grad/);
  assert.match(zeroOne, /print\(torch\.zeros_like\(x\)\) {2}# no gradient/);
});

test('regression: y and y_hat, with δ or β as Python floats', () => {
  const code = pythonCode({ loss: 'huber', params: { delta: 1 }, inputs: [1.2, 1.7], targets: [1, 2] });
  assert.match(code, /y = torch\.tensor\(\[1\., 2\.\]\) {2}# targets\ny_hat = torch\.tensor\(\[1\.2, 1\.7\], requires_grad=True\)/);
  assert.match(code, /F\.huber_loss\(y_hat, y, reduction='none', delta=1\.\)/);
});

test('a Python float reads back as the same double, -0 included', () => {
  assert.equal(py(-0), '-0.');
  assert.equal(py(3), '3.');
  assert.equal(py(1e-7), '1e-7');
  assert.equal(py(0.1), '0.1');
});

test('many classes and labels: rows, the targets, softmax or sigmoid, the sums when comparing, the threshold', () => {
  const classes = {
    loss: 'cross_entropy',
    params: { label_smoothing: 0.1 },
    inputs: [
      [2, 1, 0.1],
      [0, 0, 0],
    ],
    targets: [0, 2],
  };
  const [code, output] = both(classes, { sigmoidSums: [1.5, 1.5] });
  assert.match(
    code,
    /x = torch\.tensor\(\[\[2\., 1\., 0\.1\],\n {18}\[0\., 0\., 0\.\]\], requires_grad=True\) {2}# activations: 2 samples × 3/,
  );
  assert.match(code, /y = torch\.tensor\(\[0, 2\]\)/);
  assert.match(code, /label_smoothing=0\.1\)/);
  assert.match(code, /p = torch\.softmax\(x, dim=1\)\.detach\(\)\nprint\(p\)\nprint\(x\.grad\)/);
  assert.match(code, /sum\(dim=1\)\) {2}# a sigmoid per column/);
  // Hand: a row of zeros has softmax 1/3 each.
  assert.match(output, /\[0\.3333, 0\.3333, 0\.3333\]\]\)/);
  assert.match(output, /\ntensor\(\[1\.5000, 1\.5000\]\)$/);
  const labels = { loss: 'multilabel_bce', params: {}, inputs: [[0.5, -1.5]], targets: [[1, 0]] };
  const [mlCode, mlOutput] = both(labels, { threshold: 0.5 });
  assert.match(mlCode, /t = torch\.tensor\(\[\[1\., 0\.\]\]\) {2}# 1 where a label applies/);
  assert.match(mlCode, /print\(p >= 0\.5\) {2}# the predicted labels$/);
  assert.match(mlOutput, /tensor\(\[\[ True, False\]\]\)$/);
});
