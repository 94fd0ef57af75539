// Browser tests of the multi-class / multi-label lab (www/matrix-lab.js), mounted on its own.
//
//   cd e2e && node --test matrix.test.mjs
//
// www/ is served by serve.mjs (with its strict CSP). A fixture page and module that mount the lab in a
// shadow root are served by Playwright routes (the CSP forbids inline scripts, so the module is a file
// of its own). Expected numbers come from PyTorch (tests/data/oracle.json, cited by case id) or from a
// hand calculation written beside them; formatting to 4 decimals uses www/format.js, as the page does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  CSP,
  SCREENSHOTS,
  axeViolations,
  close,
  eventually,
  expectAttr,
  expectCount,
  expectEval,
  expectState,
  expectText,
  expectTexts,
  newPage,
  oracleCase,
  problems,
  pythonHas,
  screenshotWhole,
  settle,
  setup,
  textOf,
  textsOf,
  wwwUrl,
} from './harness.mjs';
import { formatGradient, formatLoss } from '../www/format.js';

const caseOf = oracleCase;
const flat = (rows) => rows.flat();

const FIXTURE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Matrix lab fixture</title><link rel="stylesheet" href="/matrix-fixture.css"></head>
<body><main><h1>Multi-class and multi-label losses</h1><div id="lab"></div></main>
<script type="module" src="/matrix-fixture.js"></script></body></html>`;
const FIXTURE_CSS =
  'body { margin: 0; padding: 8px 16px; background: Canvas; color: CanvasText; color-scheme: light dark; font-family: system-ui; } ' +
  'h1 { font-size: 1.3rem; }';
// The mount, as <loss-lab> does it: a shadow root with lab.css (which holds the matrix styles too), an empty div, the engine.
const FIXTURE_JS = `import init, * as engine from './pkg/losslab.js';
import { createMatrixLab } from './matrix-lab.js';
const holder = document.getElementById('lab');
const root = holder.attachShadow({ mode: 'open' });
const styled = ['lab.css'].map((href) => new Promise((done) => {
  const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
  link.onload = link.onerror = done;
  root.append(link);
}));
const host = document.createElement('div');
root.append(host);
await Promise.all([init(), ...styled]);
window.edits = [];
const lab = createMatrixLab({ root, host, engine, onEdit: (s) => window.edits.push(s) });
const config = new URLSearchParams(location.search).get('config');
window.problems = lab.apply(config ? JSON.parse(config) : {});
lab.render();
Object.assign(window, { lab, mx: root });
document.body.dataset.ready = 'true';
`;

setup();

/** The fixture with `config` applied; console, requests and CSP watched (harness.mjs's `newPage`). */
async function open(config = null, { width = 1280, height = 900, colorScheme = 'light', bypassCSP = false } = {}) {
  const { page, context } = await newPage({ width, height, colorScheme, bypassCSP });
  const fixtures = {
    'matrix-fixture.html': ['text/html', FIXTURE_HTML],
    'matrix-fixture.js': ['text/javascript', FIXTURE_JS],
    'matrix-fixture.css': ['text/css', FIXTURE_CSS],
  };
  await context.route(/\/matrix-fixture\.(html|js|css)/, (route) => {
    const [type, body] = fixtures[new URL(route.request().url()).pathname.slice(1)];
    route.fulfill({ status: 200, headers: { 'Content-Type': `${type}; charset=utf-8`, 'Content-Security-Policy': CSP }, body });
  });
  const query = config ? `?config=${encodeURIComponent(JSON.stringify(config))}` : '';
  await page.goto(wwwUrl(`matrix-fixture.html${query}`));
  // The fixture renders once, synchronously, before it says it is ready.
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}
/** Texts of every match inside the shadow root (Playwright's CSS pierces open shadow roots); does not wait. */
const texts = textsOf;
/** Waits until the row sums read `want`. */
const expectSums = (page, want) => expectTexts(page, '.mx-sums', want);
/** The lab's snapshot (its state, not the DOM). */
const snapshot = (page) => page.evaluate(() => window.lab.snapshot());

/** What the page must show for an oracle case: losses, probabilities, gradients, mean, 4 decimals. */
function shown(c, rows = c.inputs.length) {
  const k = c.inputs[0].length;
  const perSample = c.per_sample.slice(0, rows);
  return {
    losses: perSample.map(formatLoss),
    probs: flat(c.probs)
      .slice(0, rows * k)
      .map(formatLoss),
    // The oracle's gradients are of the sum; the lab shows those of the mean, each over the N samples shown (hand).
    grads: flat(c.grad)
      .slice(0, rows * k)
      .map((g) => formatGradient(g / rows)),
    mean: rows === c.inputs.length ? formatLoss(c.mean) : formatLoss(perSample.reduce((a, b) => a + b, 0) / rows),
  };
}
async function onScreen(page) {
  return {
    losses: await texts(page, '.mx-loss'),
    probs: await texts(page, '.mx-cells .mx-p'),
    grads: await texts(page, '.mx-cells .mx-g'),
    mean: await textOf(page, '#mx-mean'),
  };
}
/** Waits until the lab shows `want` (losses, probabilities, gradients and mean). */
const expectOnScreen = (page, want, message = 'losses, probabilities, gradients and mean') =>
  eventually(() => onScreen(page), want, { message });
/** The lab's configuration for the first `rows` samples of an oracle case. */
const config = (c, rows = c.inputs.length) => ({
  loss: c.loss,
  predictions: c.inputs.slice(0, rows),
  targets: c.targets.slice(0, rows),
  params: c.params,
});

test('the default example: three samples by three classes, no problems, softmax rows sum to 1', async () => {
  const page = await open();
  assert.deepEqual(await page.evaluate(() => window.problems), []);
  await eventually(async () => (await texts(page, '.mx-loss')).length, 3, { message: 'losses shown' });
  await eventually(() => page.locator('.mx-sample').first().locator('.mx-cells .mx-cell').count(), 3, { message: 'cells of sample 1' });
  await expectSums(page, Array(3).fill('Row sums: softmax 1.0000.'));
  const snap = await snapshot(page);
  assert.equal(snap.loss, 'cross_entropy');
  assert.deepEqual(snap.targets, [0, 1, 2]);
  // Hand: sample 3 is [2.5, -0.5, -1.5], target 2: ln(e^2.5 + e^-0.5 + e^-1.5) + 1.5 = ln 13.0121 + 1.5 = 4.0659.
  await eventually(async () => (await texts(page, '.mx-loss'))[2], '4.0659', { message: 'loss of sample 3' });
  assert.deepEqual(await page.evaluate(() => window.edits.length), 0, 'apply is no edit');
  await close(page);
});

test('cross_entropy: losses, softmax and gradients match PyTorch (4x4, and 8x9 with label smoothing)', async () => {
  for (const id of ['pub-cross_entropy-none-rand02', 'pub-cross_entropy-none-rand03']) {
    const c = caseOf(id);
    const page = await open(config(c));
    assert.deepEqual(await page.evaluate(() => window.problems), []);
    await expectOnScreen(page, shown(c), id);
    await expectText(page, '#mx-sum', formatLoss(c.sum));
    // Each softmax row sums to 1.0000.
    await expectSums(page, Array(c.inputs.length).fill('Row sums: softmax 1.0000.'));
    await close(page);
  }
});

test('label smoothing: the slider turns the plain loss into the oracle case with ε = 0.1', async () => {
  const c = caseOf('pub-cross_entropy-none-ls01_basic');
  const page = await open({ ...config(c), params: { label_smoothing: 0 } });
  // Hand, ε = 0: sample 1 is [2, 1, 0.1], target 0: -ln softmax_0 = -ln 0.6590 = 0.4170.
  await eventually(async () => (await texts(page, '.mx-loss'))[0], '0.4170', { message: 'the plain loss of sample 1' });
  await page.locator('#mx-eps').fill('0.1');
  await expectOnScreen(page, shown(c));
  await expectText(page, '#mx-eps-value', '0.10');
  await expectEval(page, () => window.edits.at(-1)?.params.label_smoothing, undefined, 0.1, {
    message: 'the edit is reported with the new ε',
  });
  await close(page);
});

test('multilabel_bce: sigmoid, per-sample mean over labels and gradients match PyTorch', async () => {
  const cases = [
    ['pub-multilabel_bce-none-n1', 1],
    ['pub-multilabel_bce-none-sat40', 2],
    ['pub-multilabel_bce-none-rand02', 8],
  ];
  for (const [id, rows] of cases) {
    const c = caseOf(id);
    const page = await open(config(c, rows));
    assert.deepEqual(await page.evaluate(() => window.problems), [], id);
    // rand02 has 10 samples, the lab holds 8: its first 8 rows (each row's loss is its own), mean by hand.
    await expectOnScreen(page, shown(c, rows), id);
    await expectCount(page, '.mx-tog[aria-pressed="true"]', flat(c.targets.slice(0, rows)).filter((t) => t === 1).length);
    await close(page);
  }
});

test('compare: the same rows through a sigmoid per column do not sum to 1, softmax does', async () => {
  // The activations of oracle pub-multilabel_bce-none-n1, [0.5, -1.5, 2], read as one sample of 3 classes.
  const ml = caseOf('pub-multilabel_bce-none-n1');
  const page = await open({ loss: 'cross_entropy', predictions: ml.inputs, targets: [2] });
  await page.locator('#mx-compare').check();
  await expectTexts(page, '.mx-cells .mx-s', ml.probs[0].map(formatLoss));
  // Hand: 0.622459 + 0.182426 + 0.880797 = 1.685682.
  await expectSums(page, ['Row sums: softmax 1.0000, sigmoid per column 1.6857.']);
  await expectText(page, '.mx-viz title', /stacked to 1\.6857/);
  assert.deepEqual((await snapshot(page)).open, ['compare']);
  await close(page);
});

test('threshold: the labels with p ≥ threshold are marked as predicted', async () => {
  const c = caseOf('pub-multilabel_bce-none-n1'); // p = 0.6225, 0.1824, 0.8808; targets 1, 0, 0
  const page = await open({ ...config(c), threshold: 0.5 });
  const marks = (want) => expectTexts(page, '.mx-cells .mx-pred', want);
  await marks(['✓', '', '✓']);
  await expectSums(page, ['Predicted (p ≥ 0.50): 0 sky, 2 dog. Targets: 0 sky.']);
  await page.locator('#mx-thr').fill('0.7');
  await marks(['', '', '✓']);
  await page.locator('#mx-thr').fill('0.15');
  await marks(['✓', '✓', '✓']);
  assert.equal((await snapshot(page)).threshold, 0.15);
  // The loss does not depend on the threshold.
  await expectTexts(page, '.mx-loss', c.per_sample.map(formatLoss));
  await close(page);
});

test('classes and samples: K from 2 to 10, N from 1 to 8, targets kept in range', async () => {
  const page = await open();
  const k = () => page.locator('.mx-sample').first().locator('.mx-cells .mx-cell').count();
  const n = () => page.locator('.mx-sample').count();
  const cells = (want) => eventually(k, want, { message: 'cells of sample 1' });
  // Each click is drawn before the next: a button turns disabled at its limit on the frame after.
  const click = async (id, times, read, from) => {
    for (let i = 1; i <= times; i++) {
      await page.locator(id).click();
      await eventually(read, from(i), { message: `${id} clicked ${i} times` });
    }
  };
  await click('#mx-k-plus', 7, k, (i) => 3 + i);
  await cells(10);
  await expectState(page.locator('#mx-k-plus'), 'disabled');
  await eventually(() => page.locator('.mx-target').first().locator('option').count(), 10, { message: 'classes to choose from' });
  await click('#mx-n-plus', 5, n, (i) => 3 + i);
  await expectCount(page, '.mx-sample', 8);
  await expectState(page.locator('#mx-n-plus'), 'disabled');
  // A new sample is all zeros, target 0: softmax is uniform, loss ln 10 = 2.3026 (hand).
  await eventually(async () => (await texts(page, '.mx-loss'))[7], '2.3026', { message: 'loss of sample 8' });
  await expectText(page, '#mx-shape', '8 × 10');
  await click('#mx-k-minus', 8, k, (i) => 10 - i);
  await click('#mx-n-minus', 7, n, (i) => 8 - i);
  await cells(2);
  await expectCount(page, '.mx-sample', 1);
  await expectState(page.locator('#mx-k-minus'), 'disabled');
  await expectState(page.locator('#mx-n-minus'), 'disabled');
  const snap = await snapshot(page);
  assert.deepEqual(snap.predictions, [[3, 0.5]]);
  assert.deepEqual(snap.targets, [0]);
  // Multi-label: K toggles per sample.
  await page.locator('#mx-loss-ml').check();
  await page.locator('#mx-k-plus').click();
  await expectCount(page, '.mx-tog:visible', 3);
  assert.deepEqual((await snapshot(page)).targets, [[1, 0, 0]]);
  await close(page);
});

test('the keyboard reaches every control, and arrows and Space edit', async () => {
  const page = await open({ loss: 'cross_entropy', open: ['compare', 'code'] });
  const seen = new Set();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const n = deepActive();
      if (!n || n === document.body) return null;
      const outline = getComputedStyle(n).outlineStyle;
      return `${n.id || n.className || n.tagName}${outline === 'none' && n.tagName !== 'SUMMARY' ? ' (no focus ring)' : ''}`;
    });
    if (name) seen.add(name);
  }
  const want = [
    'mx-loss-ce',
    'mx-k-minus',
    'mx-k-plus',
    'mx-n-minus',
    'mx-n-plus',
    'mx-eps',
    'mx-compare',
    'mx-skip-rows',
    'mx-target num',
    'mx-x',
    'mx-mean',
    'mx-sum',
    'mx-show-grad',
    'mx-lr',
    'mx-step',
    'mx-train',
  ];
  for (const name of want) assert.ok(seen.has(name), `Tab reaches ${name} (reached: ${[...seen].join(', ')})`);
  // A cell's numbers are no tab stops (a row's slider explains them; a pointer explains any of them).
  for (const name of ['mx-loss num', 'mx-p num', 'mx-g num']) assert.ok(!seen.has(name), `${name} is no tab stop`);
  assert.ok(![...seen].some((s) => s.includes('no focus ring')), [...seen].join(', '));
  // An arrow key moves a slider by 0.1: sample 1 [3, 0.5, -1] -> [3.1, 0.5, -1].
  // Hand: ln(e^3.1 + e^0.5 + e^-1) - 3.1 = ln 24.2146 - 3.1 = 0.0870.
  await page.locator('input.mx-x').first().focus();
  await page.keyboard.press('ArrowRight');
  await eventually(async () => (await texts(page, '.mx-loss'))[0], '0.0870', { message: 'loss of sample 1' });
  await expectEval(page, () => window.edits.at(-1)?.predictions[0][0], undefined, 3.1, { message: 'the edit reported' });
  // Multi-label toggles answer to Space.
  await page.locator('#mx-loss-ml').focus();
  await page.keyboard.press('Space');
  const toggle = page.locator('.mx-tog').first();
  await expectState(toggle, 'visible');
  const before = await toggle.getAttribute('aria-pressed');
  await toggle.focus();
  await page.keyboard.press('Space');
  await eventually(
    () => toggle.getAttribute('aria-pressed'),
    (pressed) => pressed !== before,
    {
      message: `aria-pressed of the first toggle, was ${before}`,
    },
  );
  await close(page);
});

test('each number explains itself: focus shows the formula under its row, ending in the value', async () => {
  const c = caseOf('pub-cross_entropy-none-ls01_basic');
  const page = await open(config(c));
  await page.locator('.mx-sample').first().locator('.mx-g').nth(1).focus();
  const formula = page.locator('#mx-formula-1');
  await expectState(formula, 'visible');
  await expectText(page, '#mx-formula-1', /^Sample 1 gradient, class 1\n/);
  // The sample's own slope (the oracle's gradient of the sum), then that of the mean over N = 2 (hand).
  await expectText(page, '#mx-formula-1', (text) => text.includes(`= ${formatGradient(c.grad[0][1])}\n`));
  await expectText(page, '#mx-formula-1', (text) => text.endsWith(`/ 2 = ${formatGradient(c.grad[0][1] / 2)}`));
  await page.locator('.mx-sample').nth(1).locator('.mx-loss').hover();
  await expectText(page, '#mx-formula-2', /ε = 0\.1, K = 3/);
  await page.locator('#mx-mean').focus();
  await expectText(page, '#mx-stat-formula', (text) => text.endsWith(`= ${formatLoss(c.mean)}`));
  await expectState(formula, 'visible', false);
  await close(page);
});

test('gradient descent: a step and a short run lower the mean; edits after apply are reported', async () => {
  const page = await open();
  const mean = async () => Number(await textOf(page, '#mx-mean'));
  const m0 = await mean();
  await page.locator('#mx-step').click();
  const m1 = await eventually(mean, (m) => m < m0, { message: `the mean after a step, from ${m0}` });
  await expectText(page, '#mx-step-note', /→ .* after 1 step\./);
  // The run's chart: the mean before the step and after it, drawn and listed.
  await expectState(page.locator('#mx-train-box'), 'visible');
  // The example's three samples: the first two have their target class as the most probable, the third does not.
  await expectText(
    page,
    '#mx-train-summary',
    `1 step at learning rate 1: mean loss ${formatLoss(m0)} → ${formatLoss(m1)}; accuracy 2 of 3 → 2 of 3.`,
  );
  await expectAttr(page, '#mx-train-chart path.train-accuracy', 'd', /^M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/);
  await expectTexts(page, '#mx-train-list li', [formatLoss(m0), formatLoss(m1)]);
  await expectAttr(page, '#mx-train-chart path.train-line', 'd', /^M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/);
  // A short run: train until the list holds more than three means, then pause.
  await page.locator('#mx-train').click();
  await expectCount(page, '#mx-train-list li', (count) => count > 3, { timeout: 30_000 });
  await page.locator('#mx-train').click();
  await expectText(page, '#mx-train', 'Train');
  await eventually(mean, (m) => m < m1, { message: `the mean after the run, from ${m1}` });
  // Every step of the run lowered the mean, and the list ends at the mean on screen.
  const listed = (
    await eventually(
      async () => [await texts(page, '#mx-train-list li'), await textOf(page, '#mx-mean')],
      ([list, shownMean]) => Number(list.at(-1)) === Number(shownMean),
      { message: 'the list ends at the mean on screen' },
    )
  )[0].map(Number);
  assert.ok(listed.length > 3, `${listed.length} means listed`);
  for (const [i, m] of listed.slice(1).entries()) assert.ok(m <= listed[i], `step ${i + 1}: ${m} <= ${listed[i]}`);
  // A new learning rate starts a new run.
  await page.locator('#mx-lr').selectOption('0.1');
  await page.locator('#mx-step').click();
  await expectCount(page, '#mx-train-list li', 2);
  await expectText(page, '#mx-train-summary', /^1 step at learning rate 0\.1: /);
  await expectEval(
    page,
    () => window.edits.length,
    undefined,
    (n) => n >= 2,
    { message: 'edits reported' },
  );
  await close(page);
});

test('apply names what it refuses and falls back to the example; snapshot and apply round-trip', async () => {
  const page = await open();
  const refused = await page.evaluate(() => [
    window.lab.apply({ loss: 'hinge' }),
    window.lab.apply({ predictions: [[1]] }),
    window.lab.apply({
      predictions: [
        [1, 2],
        [3, 4],
      ],
      targets: [0, 5],
    }),
    window.lab.apply({ params: { label_smoothing: 2 } }),
    window.lab.apply({ loss: 'multilabel_bce', params: { gamma: 2 }, threshold: 3 }),
  ]);
  assert.match(refused[0][0], /^loss “"hinge"” is not cross_entropy or multilabel_bce/);
  assert.match(refused[1][0], /^predictions “\[\[1\]\]” is not 1 to 8 rows of 2 to 10 activations/);
  assert.match(refused[2][0], /target 2 is 5/);
  assert.match(refused[3][0], /label_smoothing/);
  assert.match(refused[4].join(';'), /no parameter “gamma”.*threshold “3”/);
  await page.evaluate(() =>
    window.lab.apply({
      predictions: [
        [1, 2],
        [3, 4],
      ],
      targets: [0, 5],
    }),
  );
  assert.deepEqual((await snapshot(page)).targets, [0, 1, 2], 'the default example');

  // Edit through the page, take the snapshot, apply it on a fresh page: the same state and numbers.
  await page.evaluate(() => window.lab.apply({ loss: 'multilabel_bce', lr: 0.3, grad: false, threshold: 0.65, open: ['code'] }));
  await page.locator('.mx-tog').nth(2).click();
  await page.locator('input.mx-x').nth(5).fill('-2.3');
  await page.locator('#mx-n-plus').click();
  const snap = await snapshot(page);
  assert.equal(snap.predictions[1][1], -2.3);
  assert.equal(snap.grad, false);
  // The losses as drawn for that state: once the added sample is drawn (the edits before it are drawn with it).
  await eventually(async () => (await texts(page, '.mx-loss')).length, snap.predictions.length, {
    message: 'losses drawn for every sample',
  });
  const shownBefore = await texts(page, '.mx-loss');
  const again = await open(snap);
  assert.deepEqual(await again.evaluate(() => window.problems), []);
  assert.deepEqual(await snapshot(again), snap);
  await expectTexts(again, '.mx-loss', shownBefore);
  await expectAttr(again, '#mx-code-panel', 'open', '');
  await expectState(again.locator('.mx-gw').first(), 'visible', false, { message: 'gradients hidden' });
  await close(again);
  await close(page);
});

test('views and read-only: controls hide, nothing takes edits', async () => {
  const page = await open();
  await page.evaluate(() => {
    window.lab.setViews(new Set(['chart']));
    window.lab.setReadonly(true);
  });
  await expectState(page.locator('#mx-k-plus'), 'visible', false);
  await expectState(page.locator('.mx-descent, .descent').first(), 'visible', false);
  await expectState(page.locator('#mx-code-panel'), 'visible', false);
  await expectState(page.locator('.mx-g').first(), 'visible', false);
  await expectState(page.locator('input.mx-x').first(), 'disabled');
  await expectState(page.locator('.mx-target').first(), 'disabled');
  await close(page);
});

test('the code view, run through PyTorch, prints what the page shows', async (t) => {
  if (!pythonHas('torch')) return t.skip('python3 with torch is not installed');
  const ce = caseOf('pub-cross_entropy-none-rand03'); // 8 x 9, ε = 0.1: rows of 9 wrap at 80 characters
  const setups = [
    { ...config(ce), open: ['code', 'compare'] },
    { ...config(caseOf('pub-multilabel_bce-none-rand02'), 5), threshold: 0.35, open: ['code'] },
    { open: ['code'] },
  ];
  // Not pub-multilabel_bce-none-sat40: there PyTorch's bce with logits cancels to 0 for x = -40, t = 0,
  // where the engine keeps the exact 4.2e-18 (README, "What it does not do"); 4 decimals agree, the code output not.
  for (const setup of setups) {
    const page = await open(setup);
    const before = await textOf(page, '#mx-code');
    await page.locator('#mx-step').click(); // activations with long decimals after a step
    const code = await expectText(page, '#mx-code', (text) => text !== before, { message: 'the code after the step' });
    const printed = await textOf(page, '#mx-code-output');
    const run = execFileSync('python3', ['-c', code], { encoding: 'utf8' }).trimEnd();
    assert.equal(run, printed, `${setup.loss ?? 'default'}:\n${code}`);
    // The printed per-sample losses are the ones on the page.
    assert.ok(printed.startsWith(`tensor([${(await texts(page, '.mx-loss')).join(', ')}`) || printed.includes('\n'), printed);
    await close(page);
  }
});

test('axe-core: no violations, light and dark, multi-class with every panel and multi-label', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const setup of [{ open: ['compare', 'code'] }, { loss: 'multilabel_bce', open: ['code'] }]) {
      const page = await open(setup, { colorScheme, bypassCSP: true });
      await page.locator('.mx-p').first().focus();
      await expectText(page, '#mx-formula-1', (text) => text?.length > 0);
      assert.deepEqual(await axeViolations(page), [], `${colorScheme} ${setup.loss ?? 'cross_entropy'}`);
      await close(page);
    }
  }
});

test('screenshots at 360 and 1280 pixels; nothing sticks out sideways', async () => {
  const wide = {
    loss: 'cross_entropy',
    predictions: [
      [3, 0.5, -1, 0.2, -2, 1],
      [0.8, 1, 0.6, 0.1, -0.4, 0.3],
      [2.5, -0.5, -1.5, 0, 0.4, -1],
    ],
    targets: [0, 1, 2],
  };
  const shots = [
    ['ce', { open: ['compare'] }],
    ['ce-k10', { predictions: [Array.from({ length: 10 }, (_, k) => k / 2 - 2)], targets: [9], open: ['compare'] }],
    ['ce-k6', wide],
    ['ml', { loss: 'multilabel_bce', open: ['code'] }],
  ];
  for (const [name, setup] of shots) {
    for (const [width, colorScheme] of [
      [360, 'light'],
      [1280, 'light'],
      [1280, 'dark'],
      [360, 'dark'],
    ]) {
      const page = await open(setup, { width, height: 900, colorScheme });
      await settle(page); // laid out and painted once before measuring
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} at ${width}px sticks out by ${overflow}px`);
      await screenshotWhole(page, `${SCREENSHOTS}matrix-${name}-${width}-${colorScheme}.png`);
      await close(page);
    }
  }
});

test('no console errors, warnings or failed requests', () => {
  assert.deepEqual(problems, []);
});
