// Every case of PyTorch's oracle (tests/data/oracle.json, and oracle-added.json) through the JavaScript API's engine as it
// ships: www/pkg from `make build`, the SIMD128 build whose loops LLVM interleaves four ways
// (Makefile, PKG_RUSTFLAGS). The Rust tests check the same cases natively and through a wasm build
// of their own (tests/oracle.rs, tests/wasm_boundary.rs), but not this build's machine code.
//
// Each case runs as given and with its samples repeated past 300 numbers: a vectorised, interleaved
// loop takes eight samples at a time and leaves the remainder to scalar code, so the small cases
// alone would hardly reach it. The repeated run goes through evaluate() and through Batch.
// cross_entropy works row by row, and the oracle's rows have at most 9 classes, so its cases are
// also run with every row widened to 19 classes that no sample can have (logit -1000).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine } from './engine.mjs';

const read = (name) => JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8'));
// The team's oracle, and the cases of the losses added since (tests/data/make_added.py, the same PyTorch).
const oracle = { ...read('oracle.json'), cases: [...read('oracle.json').cases, ...read('oracle-added.json').cases] };
const flat = (v) => (Array.isArray(v) ? v.flat(Number.POSITIVE_INFINITY) : [v]);
const repeat = (values, times) => Array.from({ length: values.length * times }, (_, i) => values[i % values.length]);

/** Mismatches of `got` against `want` (repeated to got's length) under the case's tolerance. */
function compare(failures, where, field, got, want, { abs, rel }) {
  if (got.length === 0 || got.length % want.length !== 0) {
    failures.push(`${where} ${field}: ${got.length} numbers for ${want.length}`);
    return;
  }
  for (let i = 0; i < got.length; i++) {
    const w = want[i % want.length];
    const ok = Object.is(got[i], w) || Math.abs(got[i] - w) <= abs + rel * Math.abs(w);
    if (!ok) {
      failures.push(`${where} ${field}[${i}]: ${got[i]} vs PyTorch ${w}`);
      return;
    }
  }
}

function checkResult(failures, where, c, r, times) {
  const tol = c.tolerance ?? oracle.tolerance;
  compare(failures, where, 'per_sample', r.perSample, flat(c.per_sample), tol);
  compare(failures, where, 'mean', [r.mean], [c.mean], tol);
  compare(failures, where, 'sum', [r.sum / times], [c.sum], tol);
  compare(failures, where, 'grad', r.grad, flat(c.grad), tol);
  for (const [field, key] of [
    ['probs', 'probs'],
    ['per_element', 'perElement'],
  ]) {
    if ((c[field] === undefined) !== (r[key] === undefined)) {
      failures.push(`${where} ${field}: present in PyTorch's case ${c[field] !== undefined}, in ours ${r[key] !== undefined}`);
    } else if (c[field] !== undefined) {
      compare(failures, where, field, r[key], flat(c[field]), tol);
    }
  }
}

const lossCases = oracle.cases.filter((c) => c.loss !== 'sigmoid');

test('the oracle covers every loss', () => {
  const ids = new Set(lossCases.map((c) => c.loss));
  assert.deepEqual(
    [...ids].sort(),
    engine
      .catalogue()
      .map((l) => l.id)
      .sort(),
  );
});

test('every oracle case, as given and repeated, matches PyTorch through evaluate() and Batch', () => {
  const failures = [];
  for (const c of lossCases) {
    // Inputs and targets are arrays of numbers, or of rows for a matrix: repeating them repeats samples.
    const cols = Array.isArray(c.inputs[0]) ? c.inputs[0].length : 1;
    const times = Math.floor(300 / flat(c.inputs).length) + 1;
    const request = { loss: c.loss, space: c.space ?? undefined, params: c.params };
    for (const n of [1, times]) {
      const where = `${c.id} x${n}`;
      try {
        const r = engine.evaluate({ ...request, inputs: repeat(c.inputs, n), targets: repeat(c.targets, n) });
        checkResult(failures, where, c, r, n);
      } catch (error) {
        failures.push(`${where}: rejected: ${error.message}`);
      }
    }
    // Batch: flat, row-major numbers in its own memory; it keeps no per-element losses.
    const batch = new engine.Batch(request, c.inputs.length * times, cols);
    try {
      batch.inputs().set(flat(repeat(c.inputs, times)));
      batch.targets().set(flat(repeat(c.targets, times)));
      const mean = batch.evaluate();
      const r = { perSample: batch.perSample(), mean, sum: batch.sum, grad: batch.grad(), probs: batch.probs() };
      checkResult(failures, `${c.id} Batch x${times}`, { ...c, per_element: undefined }, r, times);
    } finally {
      batch.free();
    }
  }
  assert.deepEqual(failures, []);
});

test('sigmoid, the oracle case of its own, through the engine’s sigmoid()', () => {
  const c = oracle.cases.find((k) => k.loss === 'sigmoid');
  const got = flat(c.inputs).map((x) => engine.sigmoid(x));
  const failures = [];
  compare(failures, c.id, 'probs', got, flat(c.probs), c.tolerance ?? oracle.tolerance);
  assert.deepEqual(failures, []);
});

test('cross_entropy rows widened to 19 classes with logit -1000 give PyTorch’s numbers, and 0 for those classes', () => {
  // e^(-1000 - max) is 0 in float64, so the extra classes change no sum: the losses, the mean and
  // the gradient of the original classes stay PyTorch's, and the extra classes' probability and
  // gradient are exactly 0 (no sample is of them). Label smoothing would spread eps/K over them.
  const WIDTH = 19;
  const widen = (rows, value) => rows.map((row) => [...row, ...Array(WIDTH - row.length).fill(value)]);
  const failures = [];
  const cases = lossCases.filter((c) => c.loss === 'cross_entropy' && !c.params.label_smoothing);
  assert.ok(cases.length >= 4);
  for (const c of cases) {
    const r = engine.evaluate({ loss: c.loss, params: c.params, inputs: widen(c.inputs, -1000), targets: c.targets });
    const widened = { ...c, grad: widen(c.grad, 0), probs: widen(c.probs, 0) };
    checkResult(failures, `${c.id} widened`, widened, r, 1);
    const extra = (a) => Array.from(a).filter((_, i) => i % WIDTH >= c.inputs[0].length);
    if (!extra(r.grad).every((g) => g === 0) || !extra(r.probs).every((p) => p === 0)) {
      failures.push(`${c.id} widened: an extra class has a probability or gradient other than 0`);
    }
  }
  assert.deepEqual(failures, []);
});
