// Browser tests of gradient descent on the full page: one step, a training run, and the presets it
// starts from. Through harness.mjs; `cd e2e && node --test training.test.mjs`.
//
// Expected numbers come from PyTorch (tests/data/oracle.json, cited by case id) or from a hand
// calculation written beside them; never from the module under test. Training ticks on a timer, so
// every read waits for the step it is about.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SCREENSHOTS,
  attrOf,
  close,
  eventually,
  expectAttr,
  expectLosses,
  expectSeed,
  expectText,
  expectValues,
  expected,
  open,
  problems,
  sample,
  setup,
} from './harness.mjs';

setup();

/** The means of the training chart's run (does not wait). */
const runMeans = async (page) => ((await attrOf(page, '#train-chart', 'data-means')) ?? '').split(',').filter(Boolean).map(Number);

test('one gradient step moves every prediction downhill', async () => {
  const page = await open();
  await page.locator('#step').click();
  // Hand: the gradient of the mean distance is (-1, 1, -1) / 3; with learning rate 1 the
  // predictions go to 0.9 + 1/3 -> 1 (clamped), 0.2 - 1/3 -> 0 (clamped), 0.3 + 1/3 = 0.6333.
  await expectValues(page, '#samples .pred-field', ['1', '0', '0.633333']);
  await expectLosses(page, ['0.0000', '0.0000', '0.3667']);
  await expectText(page, '#mean', '0.1222');
  await expectText(page, '#step-note', /0\.3333 → 0\.1222/);
  // The run's chart of a classifier shows its accuracy too: the seed has 2 of 3 right (0.3 for a 1 is
  // not), and after the step all three (1, 0, 0.6333).
  await expectText(page, '#train-summary', /; accuracy 2 of 3 → 3 of 3\.$/);
  await expectAttr(page, '#train-chart path.train-accuracy', 'd', /^M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/);
  await close(page);
});

test('training: twenty steps on bce at a small learning rate lower the mean every step; edits start a new run', async () => {
  const page = await open();
  await page.locator('#loss-select').selectOption('bce');
  await page.locator('#learning-rate').selectOption('0.01');
  await page.locator('#train').click();
  await eventually(
    () => runMeans(page),
    (m) => m.length >= 8,
    { message: 'eight means in the run' },
  );
  await expectText(page, '#train', 'Pause');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('.descent').screenshot({ path: `${SCREENSHOTS}training-1280.png` });
  await page.setViewportSize({ width: 360, height: 900 });
  await page.locator('.descent').screenshot({ path: `${SCREENSHOTS}training-360.png` });
  // A tick every 120 ms: at least 21 means (twenty steps) a few seconds on, longer on a busy machine.
  await eventually(
    () => runMeans(page),
    (m) => m.length >= 21,
    { timeout: 60_000, message: 'twenty-one means in the run' },
  );
  await page.locator('#train').click();
  await expectText(page, '#train', 'Train');
  const means = await runMeans(page);
  assert.ok(means.length >= 21);
  // Starts at the bce mean of the seed, 0.5108 (oracle pub-bce-prob-seed).
  assert.equal(means[0].toFixed(4), expected('pub-bce-prob-seed').mean);
  for (let i = 1; i < 21; i++) assert.ok(means[i] < means[i - 1], `step ${i}: ${means[i - 1]} -> ${means[i]}`);
  // The list holds every mean of the run (it is drawn on the frame after the last step).
  await eventually(
    async () => [await page.locator('#train-list li').count(), (await runMeans(page)).length],
    ([listed, run]) => listed === run && run === means.length,
    { message: `the list holds the run’s ${means.length} means` },
  );
  await expectText(page, '#step-note', /Paused/);
  // Edit a sample while paused, then step: a new run starts at the edited state.
  await page.locator(`${sample(2)} .pred-range`).fill('0.5');
  await page.locator('#step').click();
  const run = await eventually(
    () => runMeans(page),
    (m) => m.length === 2,
    { message: 'a new run of one step' },
  );
  assert.ok(run[1] < run[0]);
  await close(page);
});

test('presets load the blog, the book, one confident mistake and all correct but unsure', async () => {
  const page = await open();
  await page.locator('[data-preset="book"]').click();
  await expectValues(page, '#samples .pred-field', ['0.9', '0.4', '0.2']);
  await expectText(page, '#mean', '0.4333'); // hand: (0.1 + 0.4 + 0.8) / 3
  await page.locator('#loss-select').selectOption('bce');
  await page.locator('[data-preset="mistake"]').click();
  await expectText(page, `${sample(4)} .loss`, '4.6052'); // hand: -ln 0.01
  await page.locator('#loss-select').selectOption('zero_one');
  await page.locator('[data-preset="unsure"]').click();
  await expectText(page, '#mean', '0.0000'); // every answer on the right side of 0.5
  await page.locator('[data-preset="blog"]').click();
  await page.locator('#loss-select').selectOption('distance');
  await expectSeed(page);
  await close(page);
});

test('no console errors, failed requests or page errors during the whole run', () => {
  assert.deepEqual(problems, []);
});
