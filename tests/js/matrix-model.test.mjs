// The model of the lab for many classes and labels (www/matrix-model.js) under node --test, with the
// page's wasm engine. Expected numbers: PyTorch's oracle (tests/data/oracle.json) or a hand calculation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLASSES, LABELS, createMatrixModel } from '../../www/matrix-model.js';
import { engine, oracleCase } from './engine.mjs';

const fresh = () => {
  const model = createMatrixModel(engine);
  model.apply({});
  return model;
};
const dp4 = (x) => x.toFixed(4);

test('the default example is three samples by three classes; sample 3 costs 4.0659', () => {
  const model = fresh();
  assert.equal(model.state.loss, CLASSES);
  assert.deepEqual(model.state.classes, [0, 1, 2]);
  // Hand: [2.5, −0.5, −1.5], target 2: ln(e^2.5 + e^−0.5 + e^−1.5) + 1.5 = ln 13.0121 + 1.5 = 4.0659.
  assert.equal(dp4(model.evaluate().perSample[2]), '4.0659');
});

test('an oracle case applied gives PyTorch’s losses, softmax and gradients', () => {
  for (const id of ['pub-cross_entropy-none-rand02', 'pub-cross_entropy-none-ls01_basic', 'pub-multilabel_bce-none-n1']) {
    const c = oracleCase(id);
    const model = createMatrixModel(engine);
    assert.deepEqual(model.apply({ loss: c.loss, predictions: c.inputs, targets: c.targets, params: c.params }), [], id);
    const r = model.evaluate();
    assert.deepEqual(Array.from(r.perSample, dp4), c.per_sample.map(dp4), id);
    assert.deepEqual(Array.from(r.probs, dp4), c.probs.flat().map(dp4), id);
    assert.deepEqual(Array.from(r.grad, dp4), c.grad.flat().map(dp4), id);
  }
});

test('switching between classes and labels keeps the activations and carries the targets over', () => {
  const model = fresh();
  model.setLoss(LABELS);
  assert.deepEqual(model.state.labels, [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ]);
  assert.equal(model.state.notes.change, 'Same activations; the targets carried over.');
  model.toggleLabel(0, 2);
  model.toggleLabel(0, 0);
  model.setLoss(CLASSES);
  assert.deepEqual(model.state.classes, [2, 1, 2], 'the first label becomes the class');
});

test('K from 2 to 10 and N from 1 to 8; a new sample is all zeros with target 0 (loss ln K)', () => {
  const model = fresh();
  for (let i = 0; i < 9; i++) model.resize(0, 1);
  assert.equal(model.state.inputs[0].length, 10);
  for (let i = 0; i < 6; i++) model.resize(1, 0);
  assert.equal(model.state.inputs.length, 8);
  // Hand: uniform softmax over 10 classes, −ln 0.1 = 2.3026.
  assert.equal(dp4(model.evaluate().perSample[7]), '2.3026');
  for (let i = 0; i < 9; i++) model.resize(0, -1);
  for (let i = 0; i < 8; i++) model.resize(-1, 0);
  assert.deepEqual(model.snapshot().predictions, [[3, 0.5]]);
  assert.deepEqual(model.snapshot().targets, [0]);
});

test('a step lowers the mean, a run keeps its means until an edit; the note says how far', () => {
  const model = fresh();
  const m0 = model.evaluate().mean;
  assert.equal(model.step(), true);
  const m1 = model.evaluate().mean;
  assert.ok(m1 < m0);
  assert.deepEqual(model.state.run.means, [m0, m1]);
  assert.equal(model.stepNote(m1, false), `Mean loss ${dp4(m0)} → ${dp4(m1)} after 1 step.`);
  model.set('learningRate', 0.1);
  model.step();
  assert.equal(model.state.run.means.length, 2, 'a new learning rate starts a new run');
  model.setInput(0, 0, 1);
  assert.equal(model.state.run, null);
});

test('apply names what it refuses and falls back to the example; snapshot and apply round-trip', () => {
  const model = createMatrixModel(engine);
  assert.match(model.apply({ loss: 'hinge' })[0], /^loss “"hinge"” is not cross_entropy or multilabel_bce/);
  assert.match(model.apply({ predictions: [[1]] })[0], /^predictions “\[\[1\]\]” is not 1 to 8 rows of 2 to 10 activations/);
  assert.match(
    model.apply({
      predictions: [
        [1, 2],
        [3, 4],
      ],
      targets: [0, 5],
    })[0],
    /target 2 is 5/,
  );
  assert.deepEqual(model.state.classes, [0, 1, 2], 'the default example');
  assert.match(model.apply({ loss: LABELS, params: { gamma: 2 }, threshold: 3 }).join(';'), /no parameter “gamma”.*threshold “3”/);
  model.apply({ loss: LABELS, lr: 0.3, grad: false, threshold: 0.65, open: ['code'] });
  model.toggleLabel(0, 2);
  model.setInput(1, 1, -2.3);
  model.resize(1, 0);
  const shot = model.snapshot();
  const other = createMatrixModel(engine);
  assert.deepEqual(other.apply(shot), []);
  assert.deepEqual(other.snapshot(), shot);
});

test('accuracy: the most probable class is the target; each label on the right side of the threshold', () => {
  const model = fresh();
  // By hand: sample 1 [3, 0.5, −1] → class 0 = target; sample 2 [0.8, 1, 0.6] → 1 = target; sample 3 [2.5, …] → 0, target 2.
  assert.deepEqual(model.accuracy(model.evaluate()), { right: 2, n: 3 });
  const c = oracleCase('pub-multilabel_bce-none-n1'); // p = 0.6225, 0.1824, 0.8808; targets 1, 0, 0
  model.apply({ loss: LABELS, predictions: c.inputs, targets: c.targets, threshold: 0.5 });
  assert.deepEqual(model.accuracy(model.evaluate()), { right: 2, n: 3 });
  // At 0.1 every label is predicted: only the first, whose target is 1, is right.
  model.set('threshold', 0.1);
  assert.deepEqual(model.accuracy(model.evaluate()), { right: 1, n: 3 });
});
