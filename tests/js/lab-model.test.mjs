// The binary and regression lab's model (www/lab-model.js) under node --test, with the same wasm
// engine as the page: every change a reader can make, apply() and snapshot(). No browser, no DOM.
//
// Expected numbers come from PyTorch (tests/data/oracle.json, cited by case id) or from a hand
// calculation written next to them; never from the module under test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLabModel } from '../../www/lab-model.js';
import { PRESETS, SEED } from '../../www/config.js';
import { engine, oracleCase } from './engine.mjs';

const fresh = () => createLabModel(engine);
const close = (actual, expected, what) =>
  assert.ok(Math.abs(actual - expected) <= 1e-12 + 1e-12 * Math.abs(expected), `${what}: ${actual} vs ${expected}`);
const closeAll = (actual, expected, what) => {
  assert.equal(actual.length, expected.length, `${what}: length`);
  Array.from(actual).forEach((v, i) => {
    close(v, expected[i], `${what}[${i}]`);
  });
};

test('a fresh model is the seed example, and its request gives the oracle seed numbers', () => {
  const model = fresh();
  assert.deepEqual(model.state.inputs, SEED.inputs);
  assert.deepEqual(model.state.targets, SEED.targets);
  const want = oracleCase('pub-distance-prob-seed');
  const r = model.evaluate();
  closeAll(r.perSample, want.per_sample, 'per sample');
  close(r.mean, want.mean, 'mean');
  // The engine's grad is that of the sum (README): oracle grad_definition says the same.
  closeAll(r.grad, want.grad, 'grad');
});

test('the gradients shown are of the mean loss by default (PyTorch’s loss.mean().backward()), of the sum on request', () => {
  const model = fresh();
  const want = oracleCase('pub-distance-prob-seed');
  const result = model.evaluate();
  // The oracle's grad is of the sum (its grad_definition); the mean's is that over N = 3, by hand.
  closeAll(
    model.gradients(result),
    want.grad.map((g) => g / 3),
    'gradient of the mean',
  );
  model.set('backward', 'sum');
  closeAll(model.gradients(result), want.grad, 'gradient of the sum');
  assert.equal(model.snapshot().backward, 'sum');
  const other = fresh();
  other.apply(model.snapshot());
  assert.equal(other.state.backward, 'sum');
});

test('switching to activations converts p to x = log(p / (1 − p)), with a note', () => {
  const model = fresh();
  model.chooseSpace('logit');
  // pub-distance-logit-seed_inverse holds the logits of 0.9, 0.2, 0.3 as PyTorch computes them; the lab
  // keeps them to eight significant digits, so that a link stays short.
  const want = oracleCase('pub-distance-logit-seed_inverse').inputs;
  assert.deepEqual(model.state.inputs, [2.1972246, -1.3862944, -0.84729786]);
  for (const [i, x] of model.state.inputs.entries()) assert.ok(Math.abs(x - want[i]) < 1e-7, `logit ${i + 1}: ${x} vs ${want[i]}`);
  assert.match(model.state.notes.space, /became the activation x = log\(p \/ \(1 − p\)\)/);
  model.chooseSpace('prob');
  closeAll(model.state.inputs, SEED.inputs, 'back to probabilities');
});

test('a loss that takes activations only moves the inputs there and says so', () => {
  const model = fresh();
  model.setLoss('focal');
  assert.equal(model.state.space, 'logit');
  assert.match(model.state.notes.space, /^Focal loss takes raw activations only, so each prediction p became/);
  const want = oracleCase('pub-focal-logit-seed');
  model.state.inputs = [...want.inputs];
  close(model.evaluate().mean, want.mean, 'focal mean (gamma 2, alpha 0.25 from the catalogue)');
});

test('regression starts from its own example; coming back restores the story', () => {
  const model = fresh();
  model.setLoss('mse');
  assert.deepEqual(model.state.inputs, [1.2, 1.7, 3.4]);
  assert.deepEqual(model.state.targets, [1, 2, 3]);
  assert.deepEqual(model.state.compare, ['mse', 'mae', 'huber']);
  // By hand: d = 0.2, −0.3, 0.4; d² = 0.04, 0.09, 0.16; mean 0.29 / 3.
  close(model.evaluate().mean, 0.29 / 3, 'mse mean');
  assert.equal(model.request().space, undefined);
  model.setLoss('bce');
  assert.deepEqual(model.state.inputs, SEED.inputs);
  assert.match(model.state.notes.samples, /story’s example/);
});

test('a typed prediction is kept only if the engine takes it; a refusal names the sample and the value', () => {
  const model = fresh();
  model.typeInput(1, '0.25', true);
  assert.equal(model.state.inputs[1], 0.25);
  model.typeInput(0, '1.5', true);
  assert.equal(model.state.inputs[0], 0.9, 'the last good value stays');
  assert.match(model.state.fieldErrors.get(0).message, /^Prediction 1 is 1\.5, outside \[0, 1\]/);
  model.typeInput(2, 'abc', true);
  assert.equal(model.state.fieldErrors.get(2).message, '“abc” is not a number: type a probability between 0 and 1, such as 0.75.');
  // Half-typed text is neither kept nor refused.
  model.typeInput(2, '-', false);
  assert.equal(model.state.fieldErrors.has(2), false);
  assert.equal(model.restoreField(0, 'prediction'), '0.9');
  assert.equal(model.state.fieldErrors.has(0), false);
});

test('while a field holds a refused value the lab shows the value from before the edit, never a partial keystroke (issue 13)', () => {
  const model = fresh();
  // Typing 1.5 into sample 1's field one key at a time: "1" is a number and shows; "1.5" is refused.
  for (const text of ['1', '1.', '1.5']) model.typeInput(0, text, false);
  assert.equal(model.state.inputs[0], 0.9, 'the chart is back at 0.9, not at the partial 1');
  assert.match(model.state.fieldErrors.get(0).message, /^Prediction 1 is 1\.5, outside \[0, 1\]/);
  // By hand, distance at 0.9, 0.2, 0.3: mean 0.3333 again.
  assert.equal(model.evaluate().mean.toFixed(4), '0.3333');
  assert.equal(model.restoreField(0, 'prediction'), '0.9', 'Escape restores the value from before the edit');
  // "-0.5": the partial "-0" shows p = 0 while typed, the refusal puts 0.2 back.
  for (const text of ['-', '-0', '-0.', '-0.5']) model.typeInput(1, text, false);
  assert.equal(model.state.inputs[1], 0.2);
  model.typeInput(1, '-0.5', true);
  assert.equal(model.state.inputs[1], 0.2, 'committing a refused value changes nothing');
  assert.equal(model.restoreField(1, 'prediction'), '0.2');
  // An accepted edit, committed, becomes the value Escape goes back to next time.
  model.typeInput(2, '0.7', false);
  model.typeInput(2, '0.7', true);
  model.typeInput(2, '7', false);
  assert.equal(model.restoreField(2, 'prediction'), '0.7');
});

test('a typed regression target the engine refuses keeps the last good one', () => {
  const model = fresh();
  model.setLoss('mae');
  model.typeTarget(0, '5', true);
  assert.equal(model.state.targets[0], 5);
  model.typeTarget(1, 'x', true);
  assert.equal(model.state.targets[1], 2);
  assert.match(model.state.fieldErrors.get('t1').message, /The target “x” is not a number/);
  // Squared error of d = −1e300 − 3 is past the largest double: refused, not shown as infinity.
  model.setLoss('mse');
  model.typeInput(2, '-1e300', true);
  assert.equal(model.state.inputs[2], 3.4);
  assert.equal(model.state.fieldErrors.get(2).message, 'The mean squared error of sample 3 overflows to Infinity: use smaller numbers');
});

test('samples are added (undecided) up to 64 and removed down to one, with notes; refusals move with their rows', () => {
  const model = fresh();
  model.addSample();
  assert.deepEqual(model.state.inputs, [0.9, 0.2, 0.3, 0.5]);
  assert.deepEqual(model.state.targets, [1, 0, 1, 1]);
  assert.equal(model.state.notes.samples, 'Sample 4 added, undecided at 0.5.');
  model.typeInput(3, '2', true);
  model.removeSample(0);
  assert.equal(model.state.fieldErrors.has(2), true, 'the refusal of sample 4 is now that of sample 3');
  while (model.state.inputs.length < 64) model.addSample();
  model.addSample();
  assert.equal(model.state.inputs.length, 64);
  assert.match(model.state.notes.samples, /64 samples is as many as this page holds/);
  while (model.state.inputs.length > 1) model.removeSample(0);
  model.removeSample(0);
  assert.equal(model.state.inputs.length, 1);
  assert.equal(model.state.notes.samples, 'Sample 1 removed. One sample is the least a loss can score.');
});

test('presets load in the current space, and reset goes back to the story', () => {
  const model = fresh();
  model.applyPreset('mistake');
  assert.deepEqual(model.state.inputs, PRESETS.binary.mistake.inputs);
  assert.equal(model.state.notes.samples, 'Example loaded: Cross-entropy shouts, distance shrugs.');
  model.setLoss('bce');
  model.toggleTarget(0);
  assert.equal(model.state.targets[0], 0);
  model.reset();
  assert.equal(model.state.loss, 'distance');
  assert.deepEqual(model.state.inputs, SEED.inputs);
  assert.deepEqual(model.state.targets, SEED.targets);
});

test('a curve drag clamps to the slider and rounds to a tenth of its step; regression drags move ŷ = y + d', () => {
  const model = fresh();
  model.dragTo(0, 1.7);
  assert.equal(model.state.inputs[0], 1);
  model.dragTo(1, 0.12345);
  assert.equal(model.state.inputs[1], 0.123);
  model.setLoss('mse');
  model.dragTo(0, -0.5);
  assert.equal(model.state.inputs[0], 0.5, 'target 1 plus error −0.5');
});

test('compare keeps menu order, stays in the family and knows who needs activations', () => {
  const model = fresh();
  model.toggleCompare('bce', false);
  model.toggleCompare('focal', true);
  model.toggleCompare('brier', true);
  assert.deepEqual(model.state.compare, ['distance', 'brier', 'focal', 'zero_one']);
  const { chosen, skipped, full } = model.comparable();
  assert.deepEqual(chosen, ['distance', 'brier', 'zero_one']);
  assert.deepEqual(skipped, ['focal']);
  assert.equal(full, true);
  const want = oracleCase('pub-brier-prob-seed');
  close(model.evaluateAs('brier').mean, want.mean, 'brier on the same samples');
});

test('a step of gradient descent lowers the mean and says by how much; zero-one cannot move', () => {
  const model = fresh();
  model.setLoss('bce');
  model.set('learningRate', 0.1);
  const before = model.evaluate().mean;
  assert.equal(model.step(), true);
  const after = model.evaluate().mean;
  assert.ok(after < before, `${after} < ${before}`);
  assert.deepEqual(model.state.history.means.length, 2);
  assert.match(model.state.notes.step, /^Mean loss 0\.5108 → 0\.\d{4}\.$/, 'pub-bce-prob-seed mean 0.5108 first');
  model.step({ quiet: true });
  assert.equal(model.state.history.means.length, 3, 'the run goes on');
  model.stopped();
  assert.match(model.state.notes.step, /^Paused\. Mean loss 0\.5108 → 0\.\d{4} over 2 steps\.$/);
  model.setLoss('zero_one');
  assert.equal(model.step(), false);
  assert.equal(model.state.notes.step, 'Nothing moved: every gradient is zero.');
  // Training 0-1 loss: the first step moves nothing, no run is drawn, and the note says why (issue 13).
  model.started();
  assert.equal(model.step({ quiet: true }), false);
  model.stopped('Training stopped: the step no longer moves any prediction.');
  assert.deepEqual(model.state.history.means, []);
  assert.equal(model.state.notes.step, 'Nothing moved: every gradient is zero.');
});

test('apply takes fields over the defaults and names every field it refuses', () => {
  const model = fresh();
  assert.deepEqual(model.apply({ loss: 'focal', space: 'prob', params: { gamma: 1, beta: 2 }, predictions: [0.5, -1], targets: [1, 0] }), [
    'focal loss takes raw activations only, not space “prob”',
    'focal loss has no parameter “beta”',
  ]);
  assert.equal(model.state.space, 'logit');
  assert.equal(model.state.params.gamma, 1);
  assert.deepEqual(model.state.inputs, [0.5, -1]);
  const problems = model.apply({ loss: 'bce', targets: [1, 0.5, 2], predictions: [0.1, 0.2] });
  assert.match(problems[0], /^targets: target 3 is 2/);
  assert.deepEqual(model.state.targets, [1, 0], 'targets that fail fall back to the example’s, paired with the predictions');
  assert.deepEqual(model.apply({ predictions: [0.1, 0.2, 0.3], targets: [1, 0] }), ['3 predictions and 2 targets do not pair up']);
  assert.deepEqual(model.state.inputs, SEED.inputs);
  assert.deepEqual(model.apply({ loss: 'mse', compare: ['bce', 'mae'] }), [
    'compare “bce,mae” mixes families: only regression losses compare with mean squared error',
  ]);
  assert.deepEqual(model.state.compare, ['mae']);
});

test('snapshot and apply round-trip, panels included', () => {
  const model = fresh();
  model.setLoss('huber');
  model.setParam('delta', 2);
  model.typeInput(1, '7', true);
  model.set('learningRate', 0.1);
  model.setOpen('compare', true);
  model.setOpen('sigmoid', false);
  const shot = model.snapshot();
  assert.deepEqual(shot, {
    loss: 'huber',
    space: undefined,
    targets: [1, 2, 3],
    predictions: [1.2, 7, 3.4],
    params: { delta: 2 },
    compare: ['mse', 'mae', 'huber'],
    lr: 0.1,
    grad: true,
    backward: 'mean',
    open: ['curve', 'compare'],
  });
  const other = fresh();
  assert.deepEqual(other.apply(shot), []);
  assert.deepEqual(other.snapshot(), shot);
});

test('the loss curve is the engine’s, for target 1 and 0 (or the error), and is kept until the loss changes', () => {
  const model = fresh();
  const grid = model.curve();
  assert.equal(grid.xs.length, 121);
  assert.equal(grid.xs[0], 0);
  assert.equal(grid.xs[120], 1);
  // distance at p for target 1 is 1 − p, for target 0 it is p (by hand).
  close(grid.ys[0][30], 1 - grid.xs[30], 'target 1');
  close(grid.ys[1][30], grid.xs[30], 'target 0');
  assert.equal(model.curve(), grid);
  model.setLoss('mse');
  const error = model.curve();
  assert.equal(error.ys.length, 1);
  close(error.ys[0][0], 25, 'd = −5 squared');
});

test('accuracy beside the loss: samples on the right side of p = 0.5, none for regression', () => {
  const model = fresh();
  // By hand: 0.9 for 1 right, 0.2 for 0 right, 0.3 for 1 wrong.
  assert.deepEqual(model.accuracy(), { right: 2, n: 3 });
  model.chooseSpace('logit');
  assert.deepEqual(model.accuracy(), { right: 2, n: 3 }, 'the same in activations');
  model.setLoss('mse');
  assert.equal(model.accuracy(), null);
});

test('parameters are kept by the catalogue’s names: one turned off keeps its value, reset brings back every default', () => {
  const model = fresh();
  model.setLoss('focal');
  model.setParam('alpha', 0.6);
  model.setOff('alpha', true);
  assert.deepEqual(model.paramsOf('focal'), { gamma: 2, alpha: -1 });
  model.setOff('alpha', false);
  assert.deepEqual(model.paramsOf('focal'), { gamma: 2, alpha: 0.6 });
  // An address with α = −1 turns it off and leaves the value the slider had.
  model.apply({ loss: 'focal', space: 'logit', params: { gamma: 3, alpha: -1 } });
  assert.deepEqual([model.state.params.alpha, model.state.off.alpha, model.paramsOf('focal').alpha], [0.6, true, -1]);
  // Each loss keeps its own: huber's δ and smooth L1's β, set while another loss is shown, and all reset.
  model.setParam('delta', 2.5);
  model.setParam('beta', 0.5);
  assert.deepEqual([model.paramsOf('huber'), model.paramsOf('smooth_l1')], [{ delta: 2.5 }, { beta: 0.5 }]);
  model.reset();
  assert.deepEqual(model.state.params, { gamma: 2, alpha: 0.25, delta: 1, beta: 1 });
  assert.deepEqual(model.state.off, {});
});

test('a loss that refuses the samples is not taken: the lab keeps its loss and says why', () => {
  const model = fresh();
  model.setLoss('mse');
  model.typeTarget(1, '-2', true);
  assert.equal(model.state.targets[1], -2);
  model.setLoss('poisson_nll');
  assert.equal(model.state.loss, 'mse');
  assert.match(
    model.state.notes.samples,
    /^Poisson negative log-likelihood cannot score these samples: target 2 is -2, but poisson_nll's target is a count: 0 or more\.$/,
  );
  // Counts it takes.
  model.typeTarget(1, '2', true);
  model.setLoss('poisson_nll');
  assert.equal(model.state.loss, 'poisson_nll');
  // PyTorch 2.15, float64: poisson_nll_loss([1.2, 1.7, 3.4], [1, 2, 3], log_input=True, full=False).mean() = 7.98605478728692
  assert.ok(Math.abs(model.evaluate().mean - 7.98605478728692) < 1e-12);
});
