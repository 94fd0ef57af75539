// The PyTorch program for a model trained by SGD (www/model-code.js) and what it prints. Where a
// Python with PyTorch is installed (LOSSLAB_PYTHON, else python3) every program runs and its
// printout must equal modelOutput's character for character; elsewhere (CI) that part skips, and
// the rest checks the programs' text and the printout against PyTorch's golden vectors
// (tests/data/models.json) and hand calculations.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { modelCode, modelOutput } from '../../www/model-code.js';
import { py } from '../../www/code.js';
import { torchScalar, torchTensor } from '../../www/format.js';
import { engine } from './engine.mjs';

// The page's examples.
const VOCAB = ['good', 'bad', 'not', 'great', 'boring'];
const EXAMPLES = {
  constant: { features: [], targets: [1, 2, 3, 4, 20], weights: [0] },
  line: { features: [0, 1, 2, 3, 4], targets: [1.1, 1.9, 3.2, 3.9, 12.0], weights: [0, 0] },
  words: {
    vocab: VOCAB,
    features: [1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0],
    targets: [1, 0, 1],
    // σ(z) = 0.9, 0.2, 0.3 for the three sentences.
    weights: [1.0, 0.5, -1.8472978603872034, 1.1972245773362196, -0.03899650073268712, 0],
  },
};
const REGRESSION = [
  ['mse', {}],
  ['mae', {}],
  ['huber', { delta: 2 }],
  ['smooth_l1', { beta: 1 }],
  ['log_cosh', {}],
];
const BINARY = [
  ['distance', {}],
  ['bce', {}],
  ['brier', {}],
  ['focal', { gamma: 2, alpha: 0.25 }],
  ['hinge', {}],
  ['zero_one', {}],
];
const STEPS = [0, 1, 10];

/** Every case the torch comparison runs: each model with each of its losses, 0, 1 and 10 steps. */
const CASES = [];
for (const steps of STEPS) {
  for (const [loss, params] of REGRESSION) {
    CASES.push({ model: 'constant', loss, params, ...EXAMPLES.constant, learningRate: 0.1, steps });
    CASES.push({ model: 'line', loss, params, ...EXAMPLES.line, learningRate: 0.02, steps });
  }
  for (const [i, [loss, params]] of BINARY.entries()) {
    CASES.push({ model: 'words', loss, params, ...EXAMPLES.words, learningRate: i % 2 ? 0.1 : 0.5, steps });
  }
}
const nameOf = (req) => `${req.model} ${req.loss} ${JSON.stringify(req.params)} lr ${req.learningRate}, ${req.steps} steps`;

/** The weights after `steps` of the engine's SGD, and the engine's evaluation there: modelOutput's `final`. */
function train(req) {
  let weights = Float64Array.from(req.weights);
  for (let i = 0; i < req.steps; i++) weights = engine.stepModel({ ...req, weights }, req.learningRate);
  return { weights, result: engine.evaluateModel({ ...req, weights }) };
}

const count = (text, part) => text.split(part).length - 1;

test('every program: float64, the start weights written exactly, SGD at the rate, one loop of as many steps as the page took', () => {
  for (const req of CASES) {
    const code = modelCode(req);
    const what = `${nameOf(req)}\n${code}`;
    assert.ok(code.includes('torch.set_default_dtype(torch.float64)'), what);
    for (const w of req.weights) assert.ok(code.includes(py(w)), `start weight ${py(w)} in ${what}`);
    const flat = req.loss === 'zero_one';
    assert.equal(
      code.includes(`opt = torch.optim.SGD([${req.model === 'constant' ? 'c' : 'w, b'}], lr=${py(req.learningRate)})`),
      !flat,
      what,
    );
    assert.equal(count(code, 'requires_grad=True'), flat ? 0 : Math.min(req.weights.length, 2), what);
    const loops = flat ? 0 : Math.min(req.steps, 1);
    assert.equal(count(code, '\nfor '), loops, what);
    if (loops) assert.ok(code.includes(`for step in range(${req.steps}):\n    opt.zero_grad()\n`), what);
    assert.equal(count(code, 'opt.step()'), loops, what);
    assert.equal(count(code, 'loss.mean().backward()'), flat ? 0 : loops + 1, what);
    assert.ok(code.includes('def predict():'), what);
  }
});

test('the printout starts with the final weights as PyTorch prints them, the losses and the mean after', () => {
  for (const req of CASES) {
    const final = train(req);
    const lines = modelOutput(req, final).split('\n');
    const w = Array.from(final.weights);
    if (req.model === 'words') assert.deepEqual(lines.slice(0, 2), [torchTensor(w.slice(0, -1)), torchScalar(w.at(-1))], nameOf(req));
    else assert.equal(lines[0], w.map(torchScalar).join(' '), nameOf(req));
    assert.ok(lines.includes(torchTensor(final.result.perSample)), nameOf(req));
    assert.ok(lines.includes(torchScalar(final.result.mean)), nameOf(req));
  }
});

test('by hand: c from 0 under MSE, one step of 0.1 to 1.2 (mean target 6, gradient 2(c − 6) = −12)', () => {
  const req = { model: 'constant', loss: 'mse', params: {}, ...EXAMPLES.constant, learningRate: 0.1, steps: 1 };
  // At c = 1.2: losses 0.04, 0.64, 3.24, 7.84, 353.44 (PyTorch prints them in scientific notation:
  // the largest is over 1000 times the smallest), mean 73.04, gradient 2(1.2 − 6) = −9.6.
  assert.equal(
    modelOutput(req, train(req)),
    ['tensor(1.2000)', 'tensor([4.0000e-02, 6.4000e-01, 3.2400e+00, 7.8400e+00, 3.5344e+02])', 'tensor(73.0400)', 'tensor(-9.6000)'].join(
      '\n',
    ),
  );
  const code = modelCode(req);
  assert.match(code, /\ny = torch\.tensor\(\[1\., 2\., 3\., 4\., 20\.\]\) {2}# the targets\n/);
  assert.match(code, /\nc = torch\.tensor\(0\., requires_grad=True\)\n/);
  assert.match(code, /return c\.expand_as\(y\)/);
  assert.match(code, /loss = F\.mse_loss\(y_hat, y, reduction='none'\)/);
});

test('the words model: the counts with the vocabulary named, z = counts @ w + b, the registry’s loss in logit space', () => {
  const words = (loss, params = {}) => modelCode({ model: 'words', loss, params, ...EXAMPLES.words, learningRate: 0.1, steps: 3 });
  const bce = words('bce');
  assert.ok(bce.includes('# Word counts: a row per sentence, a column per word (good, bad, not, great, boring)'), bce);
  assert.ok(
    bce.includes(
      'counts = torch.tensor([[1., 0., 0., 1., 0.],\n                       [0., 1., 1., 0., 1.],\n                       [1., 0., 1., 0., 0.]])',
    ),
    bce,
  );
  assert.ok(bce.includes("t = torch.tensor([1., 0., 1.])  # each sentence's label"), bce);
  assert.ok(bce.includes('w = torch.tensor([1., 0.5, -1.8472978603872034, 1.1972245773362196, -0.03899650073268712], requires_grad=True)'));
  assert.ok(bce.includes('b = torch.tensor(0., requires_grad=True)'));
  assert.ok(bce.includes('return counts @ w + b'), bce);
  assert.ok(bce.includes("    z = predict()\n    loss = F.binary_cross_entropy_with_logits(z, t, reduction='none')\n"), bce);
  assert.ok(words('distance').includes('z = predict()\np = torch.sigmoid(z)\nloss = torch.where(t == 1, 1 - p, p)\n'));
  assert.ok(words('brier').includes('loss = (torch.sigmoid(z) - t)**2\n'));
  assert.ok(words('hinge').includes('loss = F.relu(1 - (2*t - 1) * z)\n'));
  const focal = words('focal', { gamma: 2, alpha: 0.25 });
  assert.ok(focal.includes('from torchvision.ops import sigmoid_focal_loss\n'), focal);
  assert.ok(focal.includes("loss = sigmoid_focal_loss(z, t, alpha=0.25, gamma=2., reduction='none')\n"), focal);
  // A loss's parameters left out are the engine's defaults.
  assert.equal(words('focal'), focal);
  // Counts as rows are the same program as counts flat.
  const rows = [EXAMPLES.words.features.slice(0, 5), EXAMPLES.words.features.slice(5, 10), EXAMPLES.words.features.slice(10)];
  assert.equal(modelCode({ model: 'words', loss: 'bce', params: {}, ...EXAMPLES.words, features: rows, learningRate: 0.1, steps: 3 }), bce);
});

test('the 0-1 loss is flat: no autograd, no optimiser, the losses and mean printed, the gradient zeros with a comment', () => {
  const req = { model: 'words', loss: 'zero_one', params: {}, ...EXAMPLES.words, learningRate: 0.1, steps: 3 };
  const code = modelCode(req);
  assert.ok(
    code.includes('# The 0-1 loss is flat: its gradient is zero, so the 3 steps of gradient descent left w and b where they started.'),
  );
  assert.doesNotMatch(code, /requires_grad|backward|optim/);
  assert.ok(code.includes('print(torch.zeros_like(w))  # no gradient: a comparison is flat\nprint(torch.zeros_like(b))'), code);
  const final = train(req);
  assert.deepEqual(Array.from(final.weights), EXAMPLES.words.weights, 'no step moves the weights');
  // σ(z) = 0.9, 0.2, 0.3 against labels 1, 0, 1: only the third is on the wrong side of 0.5.
  assert.equal(
    modelOutput(req, final),
    [
      'tensor([ 1.0000,  0.5000, -1.8473,  1.1972, -0.0390])',
      'tensor(0.)',
      'tensor([0., 0., 1.])',
      'tensor(0.3333)',
      'tensor([0., 0., 0., 0., 0.])',
      'tensor(0.)',
    ].join('\n'),
  );
});

// PyTorch's golden vectors: other start weights, δ = 1, soft labels, other rates and step counts.
const GOLDEN = JSON.parse(readFileSync(new URL('../data/models.json', import.meta.url), 'utf8')).cases.map((c) => ({
  golden: c,
  req: {
    model: c.model,
    loss: c.loss,
    params: c.params,
    vocab: c.model === 'words' ? VOCAB : undefined,
    features: c.features,
    targets: c.targets,
    weights: c.weights,
    learningRate: c.lr,
    steps: c.steps,
  },
}));

test('PyTorch’s golden vectors (tests/data/models.json): the whole printout at the start, the weights after its steps', () => {
  const shown = (model, w) => (model === 'words' ? [torchTensor(w.slice(0, -1)), torchScalar(w.at(-1))] : [w.map(torchScalar).join(' ')]);
  for (const { golden: c, req } of GOLDEN) {
    const atStart = { ...req, steps: 0 };
    assert.equal(
      modelOutput(atStart, train(atStart)),
      [...shown(c.model, c.weights), torchTensor(c.per_sample), torchScalar(c.mean), ...shown(c.model, c.grad)].join('\n'),
      c.id,
    );
    const lines = modelOutput(req, train(req)).split('\n');
    assert.deepEqual(lines.slice(0, c.model === 'words' ? 2 : 1), shown(c.model, c.weights_after), c.id);
  }
});

// A Python with PyTorch: LOSSLAB_PYTHON, else python3. Each check is null when the import works, else why not.
const PYTHON = process.env.LOSSLAB_PYTHON || 'python3';
const lacks = (module) => {
  try {
    execFileSync(PYTHON, ['-c', `import ${module}`], { stdio: 'pipe', timeout: 120_000 });
    return null;
  } catch {
    return `${PYTHON} cannot import ${module} (set LOSSLAB_PYTHON to a Python with torch and torchvision)`;
  }
};

// Runs every program in one Python (torch imports once), each with its own globals, and gives what
// each printed, or its error.
const RUNNER = `
import contextlib, io, json, sys, traceback
out = []
for source in json.load(sys.stdin):
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            exec(compile(source, 'program.py', 'exec'), {'__name__': '__main__'})
        out.append(buffer.getvalue())
    except Exception:
        out.append('ERROR\\n' + buffer.getvalue() + traceback.format_exc())
print(json.dumps(out))
`;

test('PyTorch runs every program (the cases above and the golden ones) and prints exactly what modelOutput says', async (t) => {
  const noTorch = lacks('torch');
  if (noTorch) {
    t.skip(noTorch);
    return;
  }
  const noVision = lacks('torchvision');
  const runnable = [...CASES, ...GOLDEN.map(({ req }) => req)].filter((req) => !(noVision && req.loss === 'focal'));
  const printed = JSON.parse(
    execFileSync(PYTHON, ['-c', RUNNER], {
      input: JSON.stringify(runnable.map(modelCode)),
      encoding: 'utf8',
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  for (const [i, req] of runnable.entries()) {
    await t.test(nameOf(req), () => {
      assert.equal(printed[i], `${modelOutput(req, train(req))}\n`, modelCode(req));
    });
  }
  if (noVision) {
    await t.test('focal', (s) => {
      s.skip(noVision);
    });
  }
});
