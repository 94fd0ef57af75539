// www/formula.js against the PyTorch golden vectors: every value shown is the oracle's, passed in.
// Run: node --test e2e/formula.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { explain } from '../www/formula.js';
import { formatLoss, formatGradient } from '../www/format.js';

const root = new URL('../', import.meta.url);
const read = (name) => JSON.parse(readFileSync(new URL(`tests/data/${name}`, root), 'utf8'));
// The team's oracle and the losses added since (tests/data/oracle-added.json: poisson_nll).
const oracle = { cases: [...read('oracle.json').cases, ...read('oracle-added.json').cases] };
const source = readFileSync(new URL('www/formula.js', root), 'utf8');
const byId = (id) => oracle.cases.find((c) => c.id === id) ?? assert.fail(`no oracle case ${id}`);
const cases = oracle.cases.filter((c) => c.loss !== 'sigmoid');
const minus = (s) => s.replace(/-/g, '−');
const shownLoss = (x) => minus(formatLoss(x));
const shownGrad = (x) => minus(formatGradient(x));
const isRows = (c) => Array.isArray(c.inputs[0]);

/** The page's context for one number of an oracle case, with the oracle's own value. */
function ctx(c, what, i = 0, label) {
  const base = { loss: c.loss, space: c.space, params: c.params, n: c.inputs.length };
  if (what === 'mean' || what === 'sum')
    return { ...base, perSample: c.per_sample, value: c[what], k: isRows(c) ? c.inputs[0].length : undefined };
  const value = what === 'loss' ? c.per_sample[i] : what === 'grad' ? c.grad[i] : c.probs[i];
  return { ...base, index: i, target: c.targets[i], input: c.inputs[i], prob: c.probs?.[i], value, label };
}
const run = (id, what, i, label) => explain(what, ctx(byId(id), what, i, label));
const last = (r) => r.lines.at(-1);
const expected = (c, what, i, label) => {
  const v = ctx(c, what, i, label).value;
  return what === 'grad' ? shownGrad(isRows(c) ? v[label] : v) : shownLoss(isRows(c) && what === 'prob' ? v[label] : v);
};

test('the seed example: sample 1 loss is 0.1000 and the mean 0.3333', () => {
  const r = run('pub-distance-prob-seed', 'loss', 0);
  assert.equal(r.title, 'Sample 1 loss');
  assert.match(last(r), /= 0\.1000$/);
  assert.equal(last(r), 'distance = 1 × (1 − 0.9) = 0.1000');
  const mean = run('pub-distance-prob-seed', 'mean');
  assert.equal(mean.title, 'Mean loss');
  assert.equal(last(mean), 'mean = (0.1000 + 0.2000 + 0.7000) / 3 = 0.3333');
  assert.equal(last(run('pub-distance-prob-seed', 'sum')), 'sum = 0.1000 + 0.2000 + 0.7000 = 1.0000');
  assert.equal(run('pub-distance-prob-seed', 'loss', 1).title, 'Sample 2 loss');
});

test('bce with t = 1, p = 0.9 shows only the active term', () => {
  const r = run('pub-bce-prob-seed', 'loss', 0);
  assert.ok(r.lines.includes('bce = −(1 × ln 0.9) = 0.1054'), r.lines.join('\n'));
  assert.match(r.lines[0], /^bce = −\(t × ln p \+ \(1 − t\) × ln\(1 − p\)\)/, 'the general formula comes first');
  assert.equal(last(run('pub-bce-prob-seed', 'loss', 1)), 'bce = −(1 × ln(1 − 0.2)) = 0.2231');
});

test('every loss id, every sample and every kind of number ends with the oracle value', () => {
  const seen = new Set();
  for (const c of cases) {
    for (const what of ['mean', 'sum']) {
      const r = explain(what, ctx(c, what));
      assert.ok(r.lines.length >= 2 && last(r).endsWith(`= ${shownLoss(c[what])}`), `${c.id} ${what}: ${r.lines}`);
      seen.add(what);
    }
    for (let i = 0; i < c.inputs.length; i++) {
      const labels = isRows(c) ? c.inputs[i].map((_, k) => k) : [undefined];
      const whats = ['loss', ...labels.map((k) => ['grad', k]), ...(c.probs ? labels.map((k) => ['prob', k]) : [])];
      for (const w of whats) {
        const [what, k] = Array.isArray(w) ? w : [w];
        const r = explain(what, ctx(c, what, i, k));
        const msg = `${c.id} #${i} ${what} ${k ?? ''}:\n${r.lines.join('\n')}`;
        assert.ok(r.lines.length >= 2 && r.lines.length <= 3, msg);
        assert.ok(last(r).endsWith(`= ${expected(c, what, i, k)}`), msg);
        assert.ok(r.title.startsWith(`Sample ${i + 1} `), msg);
        for (const line of r.lines)
          assert.ok(typeof line === 'string' && !/<[a-z/!]|&[a-z]+;|-|\*/i.test(line), `plain text, real minus: ${msg}`);
        seen.add(what);
        seen.add(c.loss);
      }
    }
  }
  const ids = 'distance bce brier focal hinge zero_one mse mae huber smooth_l1 log_cosh poisson_nll cross_entropy multilabel_bce'.split(
    ' ',
  );
  for (const x of [...ids, 'loss', 'grad', 'prob', 'mean', 'sum']) assert.ok(seen.has(x), `covered: ${x}`);
});

test('the value shown is the one passed in, never recomputed', () => {
  const c = byId('pub-bce-prob-seed');
  assert.equal(last(explain('loss', { ...ctx(c, 'loss', 0), value: 12.5 })), 'bce = −(1 × ln 0.9) = 12.5000');
  assert.match(last(explain('grad', { ...ctx(c, 'grad', 0), value: -3 })), /= −3\.0000$/);
  assert.doesNotMatch(source, /Math\.(log|log1p|exp|expm1|tanh|cosh|sinh|pow)\b/);
});

test('soft targets show both terms', () => {
  const bce = run('pub-bce-prob-rand02', 'loss', 0);
  assert.equal(
    last(bce),
    `bce = −(0.0721 × ln 0.35227 + (1 − 0.0721) × ln(1 − 0.35227)) = ${shownLoss(byId('pub-bce-prob-rand02').per_sample[0])}`,
  );
  const distance = run('pub-distance-prob-rand02', 'loss', 0);
  assert.match(last(distance), /^distance = 0\.2383 × \(1 − 0\.594899\) \+ \(1 − 0\.2383\) × 0\.594899 = /);
  const hard = run('pub-bce-prob-seed', 'loss', 1);
  assert.doesNotMatch(last(hard), /\+/, 'a hard target shows one term');
});

test('bce in probability space: the log clamp at −100 and the gradient floor', () => {
  const loss = run('pub-bce-prob-exact01', 'loss', 2); // p = 0, t = 1
  assert.equal(last(loss), 'bce = −(1 × max(ln 0, −100)) = 100.0000');
  assert.match(loss.lines[0], /−100/);
  const grad = run('pub-bce-prob-exact01', 'grad', 2);
  assert.match(grad.lines[0], /^∂bce\/∂p = \(p − t\) \/ max\(p × \(1 − p\), 1e−12\)$/);
  assert.match(last(grad), /= −1\.000e\+12$/);
});

test('gradients: logit space is with respect to x, probability space to p', () => {
  assert.equal(last(run('pub-bce-logit-seed', 'grad', 0)), '∂bce/∂x = 0.7109 − 1 = −0.2891');
  assert.match(run('pub-bce-logit-seed', 'loss', 0).lines[1], /^p = σ\(0\.9\) = 0\.7109$/);
  assert.equal(last(run('pub-distance-prob-seed', 'grad', 0)), '∂distance/∂p = 1 − 2 × 1 = −1.0000');
  assert.equal(last(run('pub-brier-prob-seed', 'grad', 0)), '∂brier/∂p = 2 × (0.9 − 1) = −0.2000');
});

test('zero_one: p ≥ 0.5 predicts 1, no slope', () => {
  const tie = run('pub-zero_one-prob-half_tie', 'loss', 0); // p = 0.5, t = 0
  assert.match(last(tie), /p = 0\.5 ≥ 0\.5 predicts 1, target class 0: zero_one = 1\.0000$/);
  const grad = run('pub-zero_one-logit-seed', 'grad', 1);
  assert.match(grad.lines[0], /no slope.*step function/);
  assert.equal(last(grad), '∂zero_one/∂x = 0.0000');
});

test('hinge uses the score with y = 2t − 1, flat beyond the margin', () => {
  assert.equal(last(run('pub-hinge-logit-seed', 'loss', 1)), 'hinge = max(0, 1 − (−1) × 0.2) = 1.2000');
  assert.match(run('pub-hinge-logit-seed', 'loss', 1).lines[0], /y = 2t − 1/);
  assert.equal(last(run('pub-hinge-logit-margin1_kink', 'grad', 0)), 'y × x = 1 × 1 ≥ 1, so ∂hinge/∂x = 0.0000');
  assert.equal(last(run('pub-hinge-logit-margin1_kink', 'grad', 2)), 'y × x = 1 × 0.5 < 1, so ∂hinge/∂x = −y = −1.0000');
});

test('focal: α_t (1 − p_t)^γ × CE, and α = −1 switches the weight off', () => {
  const r = run('pub-focal-logit-seed', 'loss', 0);
  assert.equal(r.lines[0], 'focal = α_t × (1 − p_t)^γ × (−ln p_t)');
  assert.equal(last(r), 'focal = 0.25 × (1 − 0.7109)^2 × (−ln 0.7109) = 0.0071');
  assert.match(run('pub-focal-logit-seed', 'loss', 1).lines[1], /p_t = 0\.4502, α_t = 0\.75, γ = 2$/);
  const off = run('pub-focal-logit-alpha_off', 'grad', 0);
  assert.match(off.lines[0], /α off/);
  assert.doesNotMatch(last(off), /α/);
});

test('huber and smooth_l1 pick the regime from |d| against δ or β', () => {
  const quad = run('pub-huber-none-boundary_default', 'loss', 2); // d = 0.5, δ = 1
  assert.match(quad.lines[1], /\|d\| < δ = 1: quadratic$/);
  assert.equal(last(quad), 'huber = 0.5 × 0.5² = 0.1250');
  const lin = run('pub-huber-none-boundary_default', 'loss', 3); // d = 2
  assert.match(lin.lines[1], /\|d\| ≥ δ = 1: linear$/);
  assert.equal(last(lin), 'huber = 1 × (|2| − 0.5 × 1) = 1.5000');
  assert.match(run('pub-huber-none-boundary_default', 'loss', 0).lines[1], /linear$/, '|d| = δ takes the linear branch, as torch does');
  assert.equal(last(run('pub-huber-none-boundary_default', 'grad', 1)), '∂huber/∂ŷ = 1 × sign(−1) = −1.0000');
  assert.equal(last(run('pub-huber-none-rand00', 'grad', 1)), '∂huber/∂ŷ = −0.126936 = −0.1269');
  const beta = run('pub-smooth_l1-none-boundary_2', 'loss', 2); // d = 1, β = 2
  assert.match(beta.lines[1], /\|d\| < β = 2: quadratic$/);
  assert.equal(last(beta), 'smooth_l1 = 0.5 × 1² / 2 = 0.2500');
  assert.match(run('pub-smooth_l1-none-boundary_2', 'grad', 3).lines[1], /linear$/);
});

test('mae, mse and log_cosh work on d = ŷ − y', () => {
  assert.equal(run('pub-mse-none-n1', 'loss', 0).lines[1], 'd = ŷ − y = 2.5 − 1 = 1.5');
  assert.equal(last(run('pub-mse-none-n1', 'grad', 0)), '∂mse/∂ŷ = 2 × 1.5 = 3.0000');
  assert.equal(last(run('pub-mae-none-zero_error', 'grad', 0)), '∂mae/∂ŷ = sign(0) = 0.0000');
  assert.equal(last(run('pub-log_cosh-none-n1', 'grad', 0)), '∂log_cosh/∂ŷ = tanh(1.5) = 0.9051');
});

test('cross_entropy with label smoothing names ε, K and q', () => {
  const c = byId('pub-cross_entropy-none-ls01_basic');
  const r = run(c.id, 'loss', 0);
  assert.match(r.lines[0], /q = \(1 − ε\) × onehot\(y\) \+ ε\/K/);
  assert.match(r.lines[1], /ε = 0\.1, K = 3, y = 0: q_y = 0\.933333, other q_k = ε\/K = 0\.0333333/);
  assert.equal(
    last(r),
    `cross_entropy = −(0.933333 × ln 0.6590 + 0.0333333 × ln 0.2424 + 0.0333333 × ln 0.0986) = ${shownLoss(c.per_sample[0])}`,
  );
  const g = run(c.id, 'grad', 0, 1);
  assert.equal(g.title, 'Sample 1 gradient, class 1');
  assert.match(g.lines[0], /p_k − q_k.*ε = 0\.1, K = 3/);
  assert.equal(last(g), `∂cross_entropy/∂x_1 = 0.2424 − 0.0333333 = ${shownGrad(c.grad[0][1])}`);
  const plain = run('pub-cross_entropy-none-n1_k2', 'loss', 0);
  assert.equal(last(plain), 'cross_entropy = −ln p_1 = −ln 0.1192 = 2.1269');
  assert.doesNotMatch(plain.lines.join('\n'), /ε/);
  assert.equal(last(run('pub-cross_entropy-none-n1_k2', 'prob', 0, 0)), 'p_0 = e^1 / (e^1 + e^(−1)) = 0.8808');
});

test('multilabel_bce: the mean of K terms, gradient over K, mean over N×K elements', () => {
  const c = byId('pub-multilabel_bce-none-n1');
  assert.equal(last(run(c.id, 'loss', 0)), 'multilabel_bce = −(ln 0.6225 + ln(1 − 0.1824) + ln(1 − 0.8808)) / 3 = 0.9341');
  assert.equal(last(run(c.id, 'grad', 0, 0)), `∂multilabel_bce/∂x_0 = (0.6225 − 1) / 3 = ${shownGrad(c.grad[0][0])}`);
  const mean = run('pub-multilabel_bce-none-rand00', 'mean');
  const n = byId('pub-multilabel_bce-none-rand00').inputs.length;
  assert.match(mean.lines[0], new RegExp(`over all N×K = ${n} × 4 elements`));
  assert.match(explain('mean', { ...ctx(c, 'mean'), k: undefined }).lines[0], /over all N×K/);
  assert.match(run('pub-multilabel_bce-none-rand00', 'sum').lines[0], /\/ K/);
});

test('a long mean lists 6 terms, then …', () => {
  const c = byId('pub-huber-none-rand00');
  const r = run(c.id, 'mean');
  const shown = last(r)
    .match(/\((.*)\)/)[1]
    .split(' + ');
  assert.equal(shown.length, 7);
  assert.equal(shown[6], '…');
  assert.deepEqual(shown.slice(0, 6), c.per_sample.slice(0, 6).map(shownLoss));
  assert.match(last(r), new RegExp(` / ${c.inputs.length} = ${shownLoss(c.mean)}$`));
});

test('probabilities: σ of the activation, or the input itself', () => {
  assert.equal(last(run('pub-bce-logit-seed', 'prob', 0)), 'p = σ(0.9) = 0.7109');
  assert.equal(run('pub-bce-logit-seed', 'prob', 0).title, 'Sample 1 probability');
  assert.equal(last(explain('prob', { ...ctx(byId('pub-bce-prob-seed'), 'loss', 0), value: 0.9 })), 'p = 0.9000');
  assert.match(last(run('pub-multilabel_bce-none-n1', 'prob', 0, 2)), /^p_2 = σ\(2\) = 0\.8808$/);
});

test('garbage never throws: a short honest fallback', () => {
  const good = ctx(byId('pub-bce-prob-seed'), 'loss', 0);
  const inputs = [
    ['loss', {}],
    ['loss', null],
    ['loss', undefined],
    [undefined, undefined],
    ['grad', { loss: 'bce' }],
    ['bogus', good],
    ['loss', { ...good, loss: 'nope' }],
    ['mean', { loss: 'mse' }],
    ['sum', { loss: 'bce', perSample: null, value: 1 }],
    ['loss', { ...good, input: NaN, prob: NaN, value: NaN }],
    ['loss', { ...good, target: null, prob: null }],
    ['grad', { ...ctx(byId('pub-cross_entropy-none-ls01_basic'), 'grad', 0), label: 7 }],
    ['grad', { ...ctx(byId('pub-cross_entropy-none-ls01_basic'), 'grad', 0), value: null, prob: 'x' }],
    ['loss', { loss: 'huber', params: null, input: 1, target: 0, value: 0.5 }],
    ['prob', { loss: 'mse', input: 1, target: 0, value: 0.5, index: 0, params: {} }],
    ['mean', { loss: 'bce', perSample: [NaN], value: NaN }],
    ['loss', { loss: 'multilabel_bce', input: 3, value: [1, 2] }],
    ['loss', 'text'],
    ['loss', 42],
    ['grad', { loss: 'focal', space: 'logit', params: {}, value: Symbol.iterator }],
  ];
  for (const [what, c] of inputs) {
    let r;
    assert.doesNotThrow(() => (r = explain(what, c)), `${what} ${String(c)}`);
    assert.equal(typeof r.title, 'string');
    assert.ok(Array.isArray(r.lines) && r.lines.length >= 1 && r.lines.every((l) => typeof l === 'string'));
    assert.ok(r.lines.every((l) => !/undefined|\[object/.test(l)) || r.lines.length === 1, `${what}: ${r.lines}`);
  }
  const nan = explain('loss', { ...good, value: NaN });
  assert.deepEqual(nan.lines, ['NaN'], 'no formula for a value that is not a number');
  assert.deepEqual(explain('loss', { loss: 'nope', value: 0.25, index: 0 }), { title: 'Sample 1 loss', lines: ['0.2500'] });
  assert.deepEqual(explain('bogus', good).lines, ['0.1054']);
});
