// Browser tests of the full page's explaining views (issue 4): gradient bars, the loss curve and its
// dots, the sigmoid panel, compare, the code view (run through PyTorch where it is installed) and the
// filled-in formulas. Through harness.mjs; `cd e2e && node --test views.test.mjs`.
//
// Expected numbers come from PyTorch (tests/data/oracle.json, cited by case id) or from a hand
// calculation written beside them; never from the module under test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import {
  SCREENSHOTS,
  attrOf,
  attrs,
  barBox,
  barHeight,
  close,
  eventually,
  expectAttr,
  expectState,
  expectText,
  expectTexts,
  expectValue,
  expected,
  open,
  oracleCase,
  problems,
  pythonHas,
  sample,
  setup,
  shown,
  textOf,
  togglePanel,
  waitFor,
} from './harness.mjs';

setup();

test('gradient bars: signed, green, labelled with the way descent moves; hidden on request; clipped with a marker', async () => {
  // Gradients of the sum (the switch; the mean's are each ÷ N, teaching.test.mjs), as the oracle has them.
  const page = await open({ hash: '#backward=sum' });
  // Hand: distance in prob space, d loss/dp = -1 for target 1, +1 for target 0 (oracle pub-distance-prob-seed grad).
  const gradsOf = async (selector) => (await attrs(page, selector, 'data-grad')).map(Number);
  await eventually(() => gradsOf('#chart rect.grad'), oracleCase('pub-distance-prob-seed').grad, { message: 'the gradient bars' });
  await expectTexts(page, '#chart .grad-dir', ['raise p', 'lower p', 'raise p']);
  const gradBoxes = () => Promise.all([1, 2, 3].map((n) => barBox(page, n, `#chart rect.grad[data-i="${n}"]`)));
  await eventually(
    gradBoxes,
    (boxes) => {
      const heights = boxes.map((b) => b.height);
      return heights[0] > 0 && heights.every((h) => Math.abs(h - heights[0]) < 0.01);
    },
    { message: 'equal magnitudes' },
  );
  // A positive gradient points up, a negative one down.
  await eventually(gradBoxes, (boxes) => boxes[1].top < boxes[0].top, { message: 'a positive gradient points up, a negative one down' });
  await expectText(page, '#chart-desc', /gradient -1\.0000 \(raise p\)/);
  await page.locator('#show-grad').uncheck();
  await expectAttr(page, '#chart .grad-band', 'display', 'none');
  await page.locator('#show-grad').check();
  // p = 0 with target 1 under bce: gradient -1000000003995.8029 (oracle pub-bce-prob-exact01), shown exactly, bar clipped.
  await page.locator('#loss-select').selectOption('bce');
  await page.locator(`${sample(3)} .pred-range`).fill('0');
  const grad3 = async () => Number(await attrOf(page, '#chart rect.grad[data-i="3"]', 'data-grad'));
  await eventually(grad3, oracleCase('pub-bce-prob-exact01').grad[2], { message: 'data-grad of bar 3' });
  await expectText(page, `${sample(3)} .grad`, '-1.000e+12');
  await expectAttr(page, '#chart', 'data-grad-max', '10');
  await eventually(() => shown(page, '#chart .clip-mark'), 1, { message: 'clip marks shown' });
  await close(page);
});

test('the loss curve: dots on their curves, dragged with the mouse or moved with the keyboard, tangent on focus', async () => {
  const page = await open();
  await page.locator('#curve').scrollIntoViewIfNeeded();
  await eventually(() => shown(page, '#curve .dot'), 3, { message: 'dots shown' });
  await expectAttr(page, '#curve', 'data-y-max', '1');
  const box = async (n) => page.locator(`#curve [data-dot="${n}"] circle`).boundingBox();
  const [b1, b2] = [await box(1), await box(2)];
  const centre = (b) => [b.x + b.width / 2, b.y + b.height / 2];
  // Dots at p = 0.9 and p = 0.2 give the pixels of the p axis; drag dot 3 (p = 0.3) to p = 0.8.
  const pxOf = (p) => centre(b2)[0] + ((p - 0.2) / 0.7) * (centre(b1)[0] - centre(b2)[0]);
  const before = await eventually(
    () => barHeight(page, 3),
    (h) => h > 0,
    { message: 'bar 3 drawn' },
  );
  const [x3, y3] = centre(await box(3));
  await page.mouse.move(x3, y3);
  await expectAttr(page, '#curve .tangent', 'display', 'inline', { message: 'hovering shows the tangent' });
  await eventually(async () => Number(await attrOf(page, '#curve .tangent', 'data-slope')), -1, { message: 'the tangent’s slope' });
  await page.mouse.down();
  await page.mouse.move(pxOf(0.6), y3, { steps: 3 });
  await page.mouse.move(pxOf(0.8), y3, { steps: 3 });
  await page.mouse.up();
  const dragged = (p) => Math.abs(Number(p) - 0.8) < 0.006;
  const p3 = Number(await expectValue(page, `${sample(3)} .pred-field`, dragged, { message: 'dragged to 0.8' }));
  // Hand: target 1, loss 1 - p.
  await expectText(page, `${sample(3)} .loss`, (1 - p3).toFixed(4));
  await eventually(
    () => barHeight(page, 3),
    (h) => h < before / 3,
    { message: `bar 3 shrank with the drag from ${before}` },
  );
  // Keyboard: dot 1 (p = 0.9) ArrowLeft -> 0.89, loss 0.11 (hand); the tangent follows focus.
  await page.mouse.move(0, 0);
  await page.locator('#curve [data-dot="1"]').focus();
  await page.keyboard.press('ArrowLeft');
  await expectValue(page, `${sample(1)} .pred-field`, '0.89');
  await expectText(page, `${sample(1)} .loss`, '0.1100');
  await expectAttr(page, '#curve .tangent', 'data-for', '1');
  await expectText(page, '#curve .slope', 'slope -1.0000');
  await expectAttr(page, '#curve [data-dot="1"]', 'aria-valuetext', /p 0\.89, loss 0\.1100, slope -1\.0000, raise p/);
  await page.keyboard.press('End');
  await expectText(page, `${sample(1)} .loss`, '0.0000');
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.locator('#curve [data-dot="3"]').focus();
    await expectAttr(page, '#curve .tangent', 'data-for', '3');
    await page.locator('#curve-panel').screenshot({ path: `${SCREENSHOTS}curve-focused-${width}.png` });
  }
  // bce in prob space reaches 100 at p = 0 (oracle pub-bce-prob-exact01): the axis is capped at 5.
  await page.locator('#loss-select').selectOption('bce');
  await expectAttr(page, '#curve', 'data-y-max', '5');
  await close(page);
});

test('the sigmoid panel appears with raw activations and maps each x to its p', async () => {
  const page = await open();
  await expectState(page.locator('#sigmoid-panel'), 'visible', false);
  await page.locator('#space-logit').check();
  await expectState(page.locator('#sigmoid-panel'), 'visible');
  // The seed's probabilities come back through the sigmoid (oracle pub-distance-logit-seed_inverse probs).
  const probs = async () => (await attrs(page, '#sigmoid .sdot', 'data-p')).map((p) => Number(p).toFixed(4));
  await eventually(probs, ['0.9000', '0.2000', '0.3000'], { message: 'data-p of the sigmoid’s dots' });
  await expectText(page, '#sigmoid-desc', /1: x 2\.19722 gives p 0\.9000/);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.locator('#sigmoid-panel').screenshot({ path: `${SCREENSHOTS}sigmoid-${width}.png` });
  }
  await close(page);
});

test('compare: zero_one has zero gradient where bce does not; focal needs activations', async () => {
  // Gradients of the sum, as the oracle has them (those of the mean are each ÷ N).
  const page = await open({ hash: '#backward=sum' });
  await togglePanel(page, 'compare');
  await expectAttr(page, '#compare-panel', 'data-chosen', 'distance,bce,zero_one');
  const grads = (id, want) => {
    const read = async () => (await attrs(page, `#compare-chart rect.grad[data-series="${id}"]`, 'data-grad')).map(Number);
    return eventually(read, want, { message: `${id}’s gradients` });
  };
  await grads('zero_one', [0, 0, 0]); // oracle pub-zero_one-prob-seed
  await grads('bce', oracleCase('pub-bce-prob-seed').grad);
  await grads('distance', oracleCase('pub-distance-prob-seed').grad);
  await eventually(
    async () => (await attrs(page, '#compare-chart rect.bar[data-series="zero_one"]', 'data-loss')).map(Number),
    oracleCase('pub-zero_one-prob-seed').per_sample,
    { message: 'zero_one’s losses' },
  );
  await expectTexts(page, '#compare-legend li', [
    'dist: distance, mean 0.3333',
    'CE: binary cross-entropy, mean 0.5108',
    '0-1: 0-1 loss, mean 0.3333',
  ]);
  const row3 = ['3', '1', '0.7000', '-1.0000', '1.2040', '-3.3333', '1.0000', '0.0000'];
  await expectTexts(page, '#compare-table tbody tr:nth-child(3) > *', row3);
  await expectState(page.locator('#cmp-focal'), 'disabled', true, { message: 'focal needs raw activations' });
  await expectState(page.locator('#cmp-brier'), 'disabled', true, { message: 'three are chosen already' });
  await page.locator('#cmp-zero_one').uncheck();
  await page.locator('#cmp-brier').check();
  await expectAttr(page, '#compare-panel', 'data-chosen', 'distance,bce,brier');
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.locator('#cmp-brier').uncheck();
    await page.locator('#cmp-zero_one').check();
    await expectAttr(page, '#compare-panel', 'data-chosen', 'distance,bce,zero_one');
    await page.locator('#compare-panel').screenshot({ path: `${SCREENSHOTS}compare-${width}.png` });
  }
  await page.locator('#space-logit').check();
  await page.locator('#cmp-bce').uncheck();
  await page.locator('#cmp-focal').check();
  // Converted seed under focal (hand calculation in page.test.mjs's focal test): 0.0003, 0.0067, 0.1475.
  await expectTexts(page, '#compare-table tbody td:nth-child(5)', ['0.0003', '0.0067', '0.1475']);
  await page.locator('#space-prob').check();
  await expectText(page, '#compare-note', /Focal loss need raw activations/);
  await close(page);
});

test('the code view names the tensors and the call, prints 0.3333, and copies without throwing', async () => {
  // The gradient of the sum, as the oracle has it (that of the mean: teaching.test.mjs).
  const page = await open({ hash: '#backward=sum' });
  await togglePanel(page, 'code');
  const parts = [
    'torch.set_default_dtype(torch.float64)',
    't = torch.tensor([1., 0., 1.])',
    'p = torch.tensor([0.9, 0.2, 0.3], requires_grad=True)',
    'loss = torch.where(t == 1, 1 - p, p)',
    'print(loss.detach().mean())',
  ];
  await expectText(page, '#code', (code) => parts.every((part) => code?.includes(part)));
  // PyTorch prints (oracle pub-distance-prob-seed; grad -1, 1, -1 in int mode).
  await expectText(page, '#code-output', 'tensor([0.1000, 0.2000, 0.7000])\ntensor(0.3333)\ntensor([-1.,  1., -1.])');
  await page.locator('#copy').click();
  await waitFor(page, () => labRoot().querySelector('#copy-note').textContent.length > 0, null, { message: 'the copy note' });
  await page.locator('#loss-select').selectOption('bce');
  await page.locator('#space-logit').check();
  await expectText(page, '#code', (code) => code?.includes("F.binary_cross_entropy_with_logits(x, t, reduction='none')"));
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.locator('.torch').screenshot({ path: `${SCREENSHOTS}code-${width}.png` });
  }
  await close(page);
});

/** States whose generated program is run through PyTorch, compared with the page's printout. */
const TORCH_STATES = [
  ['seed, distance, prob', ''],
  ['bce, logit', '#loss=bce&space=logit&in=0.9,0.2,0.3&t=1,0,1'],
  ['focal, gamma 1.5, alpha 0.4', '#loss=focal&space=logit&gamma=1.5&alpha=0.4&in=2.5,-0.7,0.3,-4&t=1,0,0,1'],
  ['focal, no alpha', '#loss=focal&space=logit&gamma=0.5&alpha=-1&in=0.9,0.2,0.3&t=1,0,1'],
  ['hinge', '#loss=hinge&space=logit&in=1,-1,0.3,-2.5&t=1,0,1,0'],
  ['zero_one, prob', '#loss=zero_one&space=prob&in=0.9,0.5,0.3&t=1,0,1'],
  ['zero_one, logit', '#loss=zero_one&space=logit&in=0.9,-0.2,0&t=1,1,0'],
  ['brier, logit', '#loss=brier&space=logit&in=3,-1.25,0.5&t=1,0,0'],
  ['5 samples, bce prob at 0 and 1', '#loss=bce&space=prob&in=0,1,0,1,0.3&t=0,1,1,0,1'],
  ['5 samples, distance logit', '#loss=distance&space=logit&in=9.5,-3,0.25,1e-3,-7&t=1,0,0,1,1'],
  ['mse', '#loss=mse&predictions=1.2,1.7,3.4&targets=1,2,3'],
  ['mae with a zero error', '#loss=mae&predictions=1,2.5,-3&targets=1,2,0.5'],
  ['huber, delta 1.5, an outlier', '#loss=huber&params=delta=1.5&predictions=1.1,2.2,2.9,4.2,4.8&targets=1,2,3,4,12'],
  ['smooth_l1, beta 0.5', '#loss=smooth_l1&params=beta=0.5&predictions=0.2,-1,3&targets=0,0,0'],
  ['log_cosh', '#loss=log_cosh&predictions=0.5,-2,7&targets=0,1,-1'],
  ['poisson_nll, a loss below 0', '#loss=poisson_nll&predictions=0,0.7,1.1,-1&targets=1,2,3,0'],
];

test('the generated code, run by PyTorch, prints exactly what the page shows', async (t) => {
  if (!pythonHas('torch')) {
    t.skip('python3 with torch is not installed: the code view was not run through PyTorch');
    return;
  }
  const focalOk = pythonHas('torchvision');
  for (const [name, hash] of TORCH_STATES) {
    if (!focalOk && hash.includes('focal')) {
      t.diagnostic(`skipped ${name}: torchvision is not installed`);
      continue;
    }
    const page = await open({ hash });
    await togglePanel(page, 'code');
    // The panel renders on a later frame: wait for both the program and its output.
    await waitFor(
      page,
      () =>
        // The code view loads on first use: its elements come with it.
        labRoot().querySelector('#code')?.textContent.includes('print(') &&
        labRoot().querySelector('#code-output')?.textContent.includes('tensor('),
      null,
      { message: `${name}: the program and its output` },
    );
    const code = await textOf(page, '#code');
    const shownOutput = await textOf(page, '#code-output');
    const file = `${tmpdir()}/losslab-code-${process.pid}.py`;
    await writeFile(file, code);
    const printed = execFileSync('python3', [file], { encoding: 'utf8' });
    assert.equal(printed, `${shownOutput}\n`, `${name}:\n${code}`);
    await close(page);
  }
});

test('every number explains itself: focus or hover shows its formula with the numbers filled in', async () => {
  const page = await open({ hash: '#loss=bce&space=prob&predictions=0.9,0.2,0.3&targets=1,0,1' });
  // Oracle pub-bce-prob-seed: per-sample 0.10536..., 0.22314..., 1.20397...; mean 0.51083...
  const want = expected('pub-bce-prob-seed');
  await page.locator(`${sample(1)} .loss`).hover();
  await expectText(page, '#formula-1', /bce = −\(1 × ln 0\.9\) = 0\.1054/);
  await expectAttr(page, `${sample(1)} .loss`, 'aria-describedby', 'formula-1');
  await page.locator('#mean').focus();
  const escaped = (x) => x.replace('.', '\\.');
  await expectText(page, '#stat-formula', new RegExp(`mean = \\(${want.losses.map(escaped).join(' \\+ ')}\\) / 3 = ${escaped(want.mean)}`));
  await expectState(page.locator('#formula-1'), 'hidden', true, { message: 'one formula at a time' });
  // The gradient in prob space: (p − t) / max(p(1 − p), eps) for sample 2: (0.2 − 0) / (0.2 × 0.8) = 1.25,
  // the sample's own slope; the page shows that of the mean over the 3 samples, 1.25 / 3 = 0.4167 (hand).
  await page.locator(`${sample(2)} .grad`).focus();
  await expectText(page, '#formula-2', /\) = 1\.2500\nof the mean: 1\.2500 \/ N = 1\.2500 \/ 3 = 0\.4167$/);
  // The formula follows the numbers: move sample 2 while its gradient has focus.
  await page.locator(`${sample(2)} .pred-range`).fill('0.5');
  await page.locator(`${sample(2)} .grad`).focus();
  // Hand: (0.5 − 0) / (0.5 × 0.5) = 2, and 2 / 3 = 0.6667 for the mean.
  await expectText(page, '#formula-2', /= 2\.0000\nof the mean: .* = 0\.6667$/);
  await page.keyboard.press('Escape');
  await expectState(page.locator('#formula-2'), 'hidden');
  await close(page);
});

test('no console errors, failed requests or page errors during the whole run', () => {
  assert.deepEqual(problems, []);
});
