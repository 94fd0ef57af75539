// Browser tests of the weights lab (issue 14: www/weights-lab.js), where a model's shared weights make
// the predictions: one constant c, a line w·x + b, or word weights over sentences. Through harness.mjs;
// `cd e2e && node --test weights.test.mjs` (with PyTorch on PATH for the code view's run).
//
// Expected numbers come from PyTorch (tests/data/models.json, made by tests/models/make_models.py,
// cited by case id) or from a hand calculation written beside them; never from the page under test.
// Everything the page writes after an event (a render on the next frame, the address 400 ms after an
// edit, a training tick every 120 ms) is read through a waiting assertion.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import {
  BLANK_HTML,
  attrOf,
  axeViolations,
  blankPage,
  close,
  eventually,
  expectAttr,
  expectCount,
  expectSeed,
  expectState,
  expectText,
  expectTexts,
  open,
  problems,
  pythonHas,
  setup,
  textOf,
  textsOf,
  togglePanel,
  waitFor,
  withPage,
  wwwUrl,
} from './harness.mjs';

setup();

// ---- PyTorch's golden vectors -----------------------------------------------------------------

const MODELS_JSON = JSON.parse(readFileSync(new URL('../tests/data/models.json', import.meta.url), 'utf8'));
/** One golden case of tests/data/models.json; fails if there is none of that id. */
const golden = (id) => MODELS_JSON.cases.find((c) => c.id === id) ?? assert.fail(`models.json case ${id} exists`);
/** The golden vectors' tolerance: abs 1e-12 + rel 1e-12 (tests/data/models.json `tolerance`). */
const close12 = (a, b) => Math.abs(a - b) <= 1e-12 + 1e-12 * Math.abs(b);
const dp4 = (x) => x.toFixed(4);

// ---- reading the weights lab ------------------------------------------------------------------

/** The dots drawn: the pool keeps removed ones, hidden with display="none". */
const DOTS = '#wl-points .dot:not([display="none"])';
const P_OUT = '#wl-sentences li .sample-loss output.wl-p';
const LOSS_OUT = '#wl-sentences li .sample-loss output:last-of-type';
/** A number attribute of the first match of `selector` (NaN when absent); does not wait. */
const numAttr = async (page, selector, name) => Number((await attrOf(page, selector, name)) ?? NaN);
/** The steps the train box reports (0 before a run has a step); does not wait. */
async function stepsShown(page) {
  const box = page.locator('#wl-train-box');
  if (await box.evaluate((b) => b.hidden)) return 0;
  const m = /^(\d+) steps? /.exec((await textOf(page, '#wl-train-summary')) ?? '');
  return m ? Number(m[1]) : 0;
}
/** The run's means at full precision, as the training chart keeps them; does not wait. */
const runMeans = async (page) => ((await attrOf(page, '#wl-train-chart', 'data-means')) ?? '').split(',').filter(Boolean).map(Number);
/** Presses One gradient step `count` times, waiting for each step to show in the train box. */
async function steps(page, count) {
  const before = await stepsShown(page);
  for (let k = 1; k <= count; k++) {
    await page.locator('#wl-step').click();
    await eventually(() => stepsShown(page), before + k, { message: `step ${before + k} shown` });
  }
}
/** Opens the full page on `hash` and waits for the weights lab's mean. */
async function openModel(hash, options = {}) {
  const page = await open({ hash, ...options });
  await expectText(page, '#wl-mean', /^\d+\.\d{4}$/);
  return page;
}
/** The fields of the page's address (the hash); does not wait. */
const addressOf = (page) => new URLSearchParams(new URL(page.url()).hash.slice(1));
/** The centre of an element on screen (it is scrolled into view first). */
async function centre(locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

// ---- the first screens ----------------------------------------------------------------------

test('each model opens on its example: the data and the mean loss of the first weights', async () => {
  // Hand: constant, c = 0, targets 1, 2, 3, 4, 12: mse (1 + 4 + 9 + 16 + 144) / 5 = 34.8.
  const constant = await openModel('#model=constant');
  await expectCount(constant, DOTS, 5);
  await expectTexts(constant, DOTS, ['1', '2', '3', '4', '5']);
  await expectText(constant, '#wl-mean', '34.8000');
  await expectAttr(constant, '#wl-param-constant .wl-handle', 'data-c', '0');
  await expectText(constant, '#wl-loss option:checked', /squared/i);
  // The current weights' dot is hollow and ringed in ink (weights.css), not a data point's colours:
  // lab.css's --bg (#fcfcfb) and --ink (#1b1d21) in the light theme.
  const paint = await constant
    .locator('#wl-param-constant .wl-handle circle')
    .evaluate((c) => [getComputedStyle(c).fill, getComputedStyle(c).stroke]);
  assert.deepEqual(paint, ['rgb(252, 252, 251)', 'rgb(27, 29, 33)'], 'the handle: fill, ring');
  await close(constant);

  // Hand: line, w = b = 0, points (0,1.1) (1,1.9) (2,3.2) (3,3.9) (4,12): mse = ŷ − y squared, mean
  // (1.21 + 3.61 + 10.24 + 15.21 + 144) / 5 = 174.27 / 5 = 34.854.
  const line = await openModel('#model=line');
  await expectCount(line, DOTS, 5);
  const pointsOf = (page) => page.locator(DOTS).evaluateAll((d) => d.map((g) => [Number(g.dataset.x), Number(g.dataset.y)]));
  await eventually(
    () => pointsOf(line),
    [
      [0, 1.1],
      [1, 1.9],
      [2, 3.2],
      [3, 3.9],
      [4, 12],
    ],
    { message: 'the line’s points' },
  );
  await expectText(line, '#wl-mean', '34.8540');
  await expectAttr(line, '#wl-param-line .wl-handle', 'data-w', '0');
  await expectAttr(line, '#wl-param-line .wl-handle', 'data-b', '0');
  await close(line);

  // models.json words-distance-seed: probabilities 0.9, 0.2, 0.3; per-sample 0.1, 0.2, 0.7; mean 1/3.
  const want = golden('words-distance-seed');
  const words = await openModel('#model=words');
  await expectCount(words, '#wl-sentences li', 3);
  await expectState(words.locator('#wl-sentences'), 'visible');
  await expectState(words.locator('#wl-points-box'), 'hidden');
  await expectTexts(words, P_OUT, want.probs.map(dp4));
  assert.deepEqual(want.probs.map(dp4), ['0.9000', '0.2000', '0.3000']);
  await expectTexts(words, LOSS_OUT, want.per_sample.map(dp4));
  await expectText(words, '#wl-mean', dp4(want.mean));
  assert.equal(dp4(want.mean), '0.3333');
  await close(words);
});

test('the seed sentences under binary cross-entropy: −ln 0.9, −ln 0.8, −ln 0.3 and 2 of 3 right', async () => {
  const page = await openModel('#model=words&loss=bce');
  // Hand: sentence 1 positive at p 0.9: −ln 0.9 = 0.1054; 2 negative at p 0.2: −ln 0.8 = 0.2231;
  // 3 positive at p 0.3: −ln 0.3 = 1.2040 (and so models.json words-bce-seed).
  const hand = [-Math.log(0.9), -Math.log(0.8), -Math.log(0.3)].map(dp4);
  assert.deepEqual(golden('words-bce-seed').per_sample.map(dp4), hand);
  await expectTexts(page, LOSS_OUT, hand);
  await expectText(page, '#wl-mean', dp4(golden('words-bce-seed').mean));
  // Sentences 1 and 2 are on the right side of 0.5, sentence 3 is not.
  await expectText(page, '#wl-accuracy', '0.6667 (2 of 3)');
  await expectState(page.locator('#wl-accuracy-box'), 'visible');
  await close(page);
});

// ---- training -------------------------------------------------------------------------------

/**
 * Trains until the run has at least `atLeast` steps or stopped by itself, then stops it with One
 * gradient step (which ends a run and takes one step more: no race with a run that stops itself
 * just as Train is pressed to pause). Resolves to c once the lab shows the run stopped.
 */
async function trainC(page, atLeast) {
  await page.locator('#wl-train').click();
  await eventually(
    async () => [await stepsShown(page), await textOf(page, '#wl-train')],
    ([n, label]) => n >= atLeast || (n >= 1 && label === 'Train'),
    { timeout: 90_000, message: `${atLeast} training steps, or a run that stopped` },
  );
  const n = await stepsShown(page);
  await page.locator('#wl-step').click();
  await expectText(page, '#wl-train', 'Train');
  await eventually(
    () => stepsShown(page),
    (m) => m > n,
    { message: 'the pausing step shown' },
  );
  // The label and c are written by the same render.
  return numAttr(page, '#wl-param-constant .wl-handle', 'data-c');
}

test('training the constant: squared error lands on the mean, absolute error on the median', async () => {
  const page = await openModel('#model=constant');
  await page.locator('#wl-lr').selectOption('0.3');
  // Hand: the mean of 1, 2, 3, 4, 12 is 4.4. A step is c ← c − 0.3 · 2(c − 4.4), the error shrinks
  // by 0.4 a step: after 30 steps it is 4.4 · 0.4^30 ≈ 5e-12.
  const cMse = await trainC(page, 30);
  assert.ok(Math.abs(cMse - 4.4) < 1e-3, `mse: c = ${cMse}, want the mean 4.4`);
  await expectAttr(page, '#wl-weights li[data-j="0"]', 'data-weight', String(cMse));

  await page.locator('#wl-loss').selectOption('mae');
  await page.locator('#wl-reset').click();
  await expectAttr(page, '#wl-param-constant .wl-handle', 'data-c', '0');
  await expectText(page, '#wl-mean', '4.4000'); // hand: mae at c = 0 is (1 + 2 + 3 + 4 + 12) / 5
  assert.equal(await page.locator('#wl-lr').inputValue(), '0.3');
  // The gradient of mean |c − yᵢ| is (#targets below c − #targets above c) / 5: at fixed rate 0.3, c
  // climbs by 0.3, then 0.18, then 0.06 a step, and once near the median 3 the slope flips between
  // −1/5 and +1/5, so c oscillates by lr/N = 0.3/5 = 0.06 around it and never settles (it reaches 3
  // by about step 24). Subgradient descent at a fixed rate ends within lr/N of the median, no closer.
  const cMae = await trainC(page, 40);
  assert.ok(Math.abs(cMae - 3) <= 0.06 + 1e-9, `mae: c = ${cMae}, want the median 3 within 0.06`);
  await close(page);
});

test('ten gradient steps lower a smooth mean loss at every step, for each model', async () => {
  const cases = [
    // Hand: mse of a constant, c ← c − 0.1 · 2(c − 4.4): the error shrinks by 0.8 a step.
    ['constant', '#model=constant&lr=0.1'],
    // Hand: mse of the line has Hessian (2/5)[[30, 10], [10, 5]], largest eigenvalue 7 + √41 ≈ 13.4:
    // a rate of 0.1 is under 2 / 13.4, so every step lowers the mean.
    ['line', '#model=line&lr=0.1'],
    ['words', '#model=words&loss=bce&lr=1'],
  ];
  for (const [name, hash] of cases) {
    const page = await openModel(hash);
    await steps(page, 10);
    await expectCount(page, '#wl-train-list li', 11);
    const listed = (await textsOf(page, '#wl-train-list li')).map(Number);
    const means = await runMeans(page);
    assert.equal(means.length, 11, `${name}: 11 means in the run`);
    for (let i = 1; i < 11; i++) {
      assert.ok(means[i] <= means[i - 1] + 1e-12, `${name} step ${i}: ${means[i - 1]} → ${means[i]}`);
      assert.ok(listed[i] <= listed[i - 1], `${name} listed ${i}: ${listed[i - 1]} → ${listed[i]}`);
    }
    assert.ok(means[10] < means[0], `${name}: ${means[0]} → ${means[10]}`);
    if (name === 'words') {
      // PyTorch's run from the same weights (models.json words-bce-seed: SGD at lr 1, mean before each step).
      const want = golden('words-bce-seed').means_before_each_step;
      want.forEach((m, i) => {
        assert.ok(close12(means[i], m), `words bce mean before step ${i + 1}: ${means[i]}, PyTorch ${m}`);
      });
    }
    if (name === 'constant') assert.equal(dp4(means[0]), '34.8000');
    if (name === 'line') assert.equal(dp4(means[0]), '34.8540');
    await close(page);
  }
});

// ---- the pointer and the keyboard -----------------------------------------------------------

test('dragging a point of the line, and the constant c, with the mouse', async () => {
  const page = await openModel('#model=line');
  const dot = (n) => page.locator(`#wl-points .dot[data-dot="${n}"] circle`);
  await expectAttr(page, '#wl-points .dot[data-dot="5"]', 'data-y', '12');
  // The screen's y for a data y, from two dots whose y is known (1.1 and 3.9): the plot is linear.
  const [a, b] = [await centre(dot(1)), await centre(dot(4))];
  const screenY = (y) => a.y + ((y - 1.1) * (b.y - a.y)) / (3.9 - 1.1);
  const from = await centre(dot(5));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, screenY(5), { steps: 8 });
  await page.mouse.up();
  const y = await eventually(
    () => numAttr(page, '#wl-points .dot[data-dot="5"]', 'data-y'),
    (v) => v >= 4 && v <= 6,
    { message: 'point 5 dragged to y ≈ 5' },
  );
  assert.equal(await numAttr(page, '#wl-points .dot[data-dot="5"]', 'data-x'), 4, 'a vertical drag keeps x');
  await expectText(page, '#wl-mean', (m) => m !== '34.8540' && /^\d+\.\d{4}$/.test(m));
  // The address follows 400 ms after the last edit.
  const points = await eventually(
    () => addressOf(page).get('points'),
    (p) => typeof p === 'string' && p.split(';').length === 5,
    { message: `points= in the address ${page.url()}` },
  );
  assert.deepEqual(points.split(';').at(-1).split(',').map(Number), [4, y]);
  assert.equal(addressOf(page).get('model'), 'line');
  await close(page);

  const constant = await openModel('#model=constant');
  const handle = constant.locator('#wl-param-constant .wl-handle');
  await expectAttr(constant, '#wl-param-constant .wl-handle', 'data-c', '0');
  const start = await centre(handle.locator('circle'));
  await constant.mouse.move(start.x, start.y);
  await constant.mouse.down();
  await constant.mouse.move(start.x + 80, start.y, { steps: 8 });
  await constant.mouse.up();
  const c = await eventually(
    () => numAttr(constant, '#wl-param-constant .wl-handle', 'data-c'),
    (v) => v > 0,
    { message: 'c dragged to the right' },
  );
  assert.equal(Number(c.toFixed(1)), c, `a dragged c is a multiple of 0.1: ${c}`);
  await expectText(constant, '#wl-mean', (m) => m !== '34.8000' && /^\d+\.\d{4}$/.test(m));
  await close(constant);
});

test('the keyboard moves points, c, (w, b), a word weight and a sentence label', async () => {
  const page = await openModel('#model=line');
  const dot3 = '#wl-points .dot[data-dot="3"]';
  await page.locator(dot3).focus();
  // Each press moves from the last drawn value: wait for each before the next.
  for (const y of ['3.3', '3.4', '3.5']) {
    await page.keyboard.press('ArrowUp');
    await expectAttr(page, dot3, 'data-y', y);
  }
  await page.keyboard.press('ArrowRight');
  await expectAttr(page, dot3, 'data-x', '2.1');
  await expectAttr(page, dot3, 'data-y', '3.5');
  await page.keyboard.press('Delete');
  await expectCount(page, DOTS, 4);
  // Point 3 is now the old point 4, (3, 3.9).
  await expectAttr(page, dot3, 'data-y', '3.9');

  // The (w, b) dot: ↑ for b, → for w.
  const surface = '#wl-param-line .wl-handle';
  await page.locator(surface).focus();
  await page.keyboard.press('ArrowUp');
  await expectAttr(page, surface, 'data-b', '0.1');
  await expectAttr(page, surface, 'data-w', '0');
  await page.keyboard.press('ArrowRight');
  await expectAttr(page, surface, 'data-w', '0.1');
  await expectAttr(page, surface, 'data-b', '0.1');
  await close(page);

  const constant = await openModel('#model=constant');
  const handle = '#wl-param-constant .wl-handle';
  await constant.locator(handle).focus();
  for (const c of ['0.1', '0.2', '0.3', '0.4', '0.5']) {
    await constant.keyboard.press('ArrowRight');
    await expectAttr(constant, handle, 'data-c', c);
  }
  // Hand: mse at c = 0.5: (0.25 + 2.25 + 6.25 + 12.25 + 132.25) / 5 = 30.65.
  await expectText(constant, '#wl-mean', '30.6500');
  await close(constant);

  const words = await openModel('#model=words');
  const good = '#wl-weights li[data-j="0"]';
  await expectText(words, `${good} .wl-wname`, 'good');
  await expectAttr(words, good, 'data-weight', '1');
  await words.locator(`${good} input[type=range]`).focus();
  await words.keyboard.press('ArrowRight');
  await expectAttr(words, good, 'data-weight', '1.1');
  // Hand: "good" is in sentences 1 and 3, whose z were ln 9 = 2.1972 and ln(3/7) = −0.8473 (p 0.9, 0.3):
  // now 2.2972 and −0.7473, σ = 1 / (1 + e^−z) = 0.90865 and 0.32141.
  await expectTexts(words, P_OUT, ['0.9086', '0.2000', '0.3214']);
  const label = '#wl-sentences li:nth-child(2)';
  await expectAttr(words, label, 'data-target', '0');
  await words.locator(`${label} .target`).focus();
  await words.keyboard.press('Enter');
  await expectAttr(words, label, 'data-target', '1');
  await expectText(words, `${label} .target-value`, '1 positive');
  await words.keyboard.press('Space');
  await expectAttr(words, label, 'data-target', '0');
  await close(words);
});

// ---- words ----------------------------------------------------------------------------------

test('typing a sentence: the vocabulary follows; an unreadable or too long sentence is refused', async () => {
  const page = await openModel('#model=words');
  const names = '#wl-weights .wl-wname';
  await expectTexts(page, names, ['good', 'great', 'not', 'bad', 'boring', 'b']);
  const field = page.locator('#wl-sentences li:nth-child(2) input');
  const error = '#wl-sentences li:nth-child(2) .field-error';
  await field.fill('Awful and dull.');
  await field.press('Enter');
  // "and" is a small word the model leaves out; the new words come in where they first appear.
  await expectTexts(page, names, ['good', 'great', 'awful', 'dull', 'not', 'b']);
  await expectText(page, '#wl-sentences li:nth-child(2) .wl-words', 'reads: awful, dull');
  // New words start at weight 0: sentence 2's z is the bias 0, p = σ(0) = 0.5.
  await expectTexts(page, P_OUT, ['0.9000', '0.5000', '0.3000']);
  await expectText(page, error, '');
  const kept = await textsOf(page, P_OUT);

  await field.fill('the a');
  await field.press('Enter');
  await expectText(page, error, /Sentence 2\b/);
  assert.match(await textOf(page, error), /no word the model reads/);
  await expectAttr(page, '#wl-sentences li:nth-child(2) input', 'aria-invalid', 'true');
  await expectTexts(page, names, ['good', 'great', 'awful', 'dull', 'not', 'b']);
  assert.deepEqual(await textsOf(page, P_OUT), kept, 'the model keeps the old sentence');
  await expectText(page, '#wl-sentences li:nth-child(2) .wl-words', 'reads: awful, dull');

  // 22 new words with the 3 of sentences 1 and 3 (good, great, not) make 25, over the 24 kept.
  const many = 'aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp qq rr ss tt uu vv';
  assert.ok(many.length <= 80);
  await field.fill(many);
  await field.press('Enter');
  await expectText(page, error, /^Sentence 2 would make 25 different words, over the 24/);
  await field.fill('Dull '.repeat(17).trim()); // 84 characters
  await field.press('Enter');
  await expectText(page, error, /^Sentence 2 is longer than 80 characters/);
  await expectTexts(page, names, ['good', 'great', 'awful', 'dull', 'not', 'b']);
  assert.deepEqual(await textsOf(page, P_OUT), kept, 'the model keeps the old sentence');

  // A good sentence again clears the error.
  await field.fill('Not dull at all.');
  await field.press('Enter');
  await expectText(page, error, '');
  await expectTexts(page, names, ['good', 'great', 'not', 'dull', 'all', 'b']);
  await close(page);
});

// ---- the address and the hand-over ----------------------------------------------------------

test('the main lab hands over to the weights lab and back, and the address follows', async () => {
  const page = await open();
  await expectSeed(page);
  await expectState(page.locator('#model-select'), 'enabled');
  // The main lab's button opens the weights lab on the constant; its own menu offers the others.
  await page.locator('#model-select').click();
  await expectState(page.locator('#weights-host'), 'visible');
  await expectText(page, '#wl-mean', '34.8000');
  await expectCount(page, DOTS, 5);
  await expectState(page.locator('#samples'), 'hidden');
  await eventually(() => addressOf(page).get('model'), 'constant', { message: `model=constant in ${page.url()}` });

  await page.locator('#wl-model').selectOption('');
  await expectState(page.locator('#weights-host'), 'hidden');
  await expectState(page.locator('#samples'), 'visible');
  await expectSeed(page);
  await eventually(
    () => page.url(),
    (u) => !u.includes('model='),
    { message: 'no model= in the address' },
  );
  await close(page);

  // Hand: the points lie on y = 2x and the weights are w = 2, b = 0: every error is 0.
  const link = await openModel('#model=line&points=0,0;1,2;2,4&weights=2,0');
  await expectText(link, '#wl-mean', '0.0000');
  await expectCount(link, DOTS, 3);
  await expectState(link.locator('#notice'), 'hidden');
  await close(link);

  const bad = await openModel('#model=line&points=0,0;1');
  await expectState(bad.locator('#notice'), 'visible');
  await expectText(bad, '#notice', /\bpoints\b/);
  // The example instead: five points and w = b = 0, mean 34.854 (hand, as above).
  await expectCount(bad, DOTS, 5);
  await expectText(bad, '#wl-mean', '34.8540');
  await close(bad);
});

// ---- the element ----------------------------------------------------------------------------

test('<loss-lab model="words">: the attribute chooses the model; a step writes back and fires change', async () => {
  await withPage({}, async ({ page, log }) => {
    const html = BLANK_HTML('<script type="module" src="loss-lab-define.js"></script>', '<loss-lab model="words" loss="bce"></loss-lab>');
    await page.goto(await blankPage(page, html, wwwUrl()));
    await expectText(page, '#wl-mean', dp4(golden('words-bce-seed').mean));
    await expectCount(page, '#wl-sentences li', 3);
    assert.equal(await page.evaluate(() => document.querySelector('loss-lab').ready), true);
    await page.evaluate(() => {
      window.events = [];
      document.addEventListener('change', (e) => {
        if (e.target.localName === 'loss-lab') window.events.push(JSON.parse(JSON.stringify(e.detail)));
      });
      const l = document.querySelector('loss-lab');
      l.setAttribute('model', 'constant');
      l.removeAttribute('loss');
    });
    await expectText(page, '#wl-mean', '34.8000'); // hand, as in the first test
    await expectCount(page, DOTS, 5);
    await expectState(page.locator('#notice'), 'hidden');
    assert.deepEqual(await page.evaluate(() => window.events), [], 'an attribute change is not a reader’s edit');

    // Hand: one step at the element's learning rate 0.1: c ← 0 − 0.1 · 2(0 − 4.4) = 0.88.
    assert.equal(await page.locator('#wl-lr').inputValue(), '0.1');
    await page.locator('#wl-step').click();
    const events = await eventually(
      () => page.evaluate(() => window.events),
      (e) => e.length >= 1,
      { message: 'a change event' },
    );
    const detail = events.at(-1);
    assert.equal(detail.model, 'constant');
    assert.ok(Math.abs(detail.weights[0] - 0.88) < 1e-12, `detail.weights ${detail.weights}`);
    const attrs = await page.evaluate(() => {
      const l = document.querySelector('loss-lab');
      return { model: l.getAttribute('model'), weights: l.getAttribute('weights'), targets: l.getAttribute('targets') };
    });
    assert.equal(attrs.model, 'constant');
    assert.ok(Math.abs(Number(attrs.weights) - 0.88) < 1e-12, `weights="${attrs.weights}"`);
    assert.equal(attrs.targets, '1,2,3,4,12');
    await expectAttr(page, '#wl-param-constant .wl-handle', 'data-c', (c) => Math.abs(Number(c) - 0.88) < 1e-12);
    assert.deepEqual(log.errors, []);
  });
});

// ---- accessibility --------------------------------------------------------------------------

test('axe-core: no violations on each model’s screen, light and dark, with the code panel open', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const model of ['constant', 'line', 'words']) {
      const page = await openModel(`#model=${model}`, { colorScheme, bypassCSP: true });
      await togglePanel(page, 'wl-code');
      await expectText(page, '#wl-code', /print\(/);
      await expectText(page, '#wl-code-output', /tensor\(/);
      assert.deepEqual(await axeViolations(page), [], `${colorScheme}, ${model}`);
      await close(page);
    }
  }
});

// ---- the code view through PyTorch ----------------------------------------------------------

test('the code view, run by PyTorch after three steps, prints exactly what the page shows', async (t) => {
  if (!pythonHas('torch')) {
    t.skip('python3 with torch is not installed: the code view was not run through PyTorch');
    return;
  }
  const hashes = [
    ['constant, mse', '#model=constant&lr=0.1'],
    ['line, huber δ 1.5', '#model=line&loss=huber&params=delta=1.5&lr=0.03'],
    ['words, distance', '#model=words&lr=1'],
    ['words, bce', '#model=words&loss=bce&lr=1'],
  ];
  for (const [name, hash] of hashes) {
    const page = await openModel(hash);
    await steps(page, 3);
    await togglePanel(page, 'wl-code');
    await waitFor(
      page,
      () =>
        labRoot().querySelector('#wl-code')?.textContent.includes('range(3)') &&
        labRoot().querySelector('#wl-code-output')?.textContent.includes('tensor('),
      null,
      { message: `${name}: the program of three steps and its output` },
    );
    const code = await textOf(page, '#wl-code');
    const shownOutput = await textOf(page, '#wl-code-output');
    const file = `${tmpdir()}/losslab-weights-code-${process.pid}.py`;
    await writeFile(file, code);
    const printed = execFileSync('python3', [file], { encoding: 'utf8' });
    assert.equal(printed, `${shownOutput}\n`, `${name}:\n${code}`);
    await close(page);
  }
});

test('no console errors, failed requests, page errors or CSP violations during the whole run', () => {
  assert.deepEqual(problems, []);
});
