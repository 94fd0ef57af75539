// Browser tests of the full page (www/index.html): the seed, edits, the binary losses, samples, bad
// input, the engine failing to load, a shared address, screenshots. node:test + playwright-core
// driving Debian's Chromium, through harness.mjs.
//
//   cd e2e && node --test page.test.mjs          (starts serve.mjs on a free port)
//   BASE_URL=http://127.0.0.1:8000/ node --test page.test.mjs   (tests a page that is already served)
//
// Expected numbers come from PyTorch (the oracle in tests/data/oracle.json, cited by case id)
// or from a hand calculation written next to them; never from the module under test. The
// tests read the DOM only, and wait for what the page writes after an event. Screenshots go to
// e2e/screenshots/ (git-ignored).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SCREENSHOTS,
  attrOf,
  barBox,
  barHeight,
  close,
  eventually,
  expectAttr,
  expectLosses,
  expectSeed,
  expectState,
  expectText,
  expectTexts,
  expectValue,
  expectValues,
  expected,
  open,
  problems,
  sample,
  screenshotWhole,
  settle,
  setup,
  typeInto,
  visibleBars,
} from './harness.mjs';

setup();

test('the page opens on the story: targets 1, 0, 1, predictions 0.9, 0.2, 0.3, distance loss', async () => {
  const page = await open();
  assert.equal(await page.title(), 'losslab — see what a loss function does');
  // PyTorch: torch.where(t == 1, 1 - p, p) = tensor([0.1000, 0.2000, 0.7000]), mean 0.3333
  // (oracle pub-distance-prob-seed).
  const seed = expected('pub-distance-prob-seed');
  assert.deepEqual(seed.losses, ['0.1000', '0.2000', '0.7000']);
  await expectSeed(page);
  await expectText(page, '#sum', seed.sum);
  await expectText(page, '#torch-line', 'tensor([0.1000, 0.2000, 0.7000])');
  await expectText(page, '#torch-mean', 'tensor(0.3333)');
  await expectValue(page, '#loss-select', 'distance');
  await expectState(page.locator('#space-prob'), 'checked');
  await expectValues(page, '#samples .pred-field', ['0.9', '0.2', '0.3']);
  await expectTexts(page, '#samples .target', ['Sample 1 target 1 positive', 'Sample 2 target 0 negative', 'Sample 3 target 1 positive']);
  // The chart: one bar per sample with its value printed, the mean as a line.
  await eventually(() => visibleBars(page), 3, { message: 'bars shown' });
  await expectTexts(page, '#chart .bar-value', ['0.1000', '0.2000', '0.7000']);
  await expectText(page, '#chart .mean-label', 'mean 0.3333');
  await expectAttr(page, '#chart', 'data-y-max', '1');
  // Bars are proportional to the loss on a scale from 0 to 1.
  await eventually(
    async () => [await barHeight(page, 1), await barHeight(page, 3)],
    ([h1, h3]) => Math.abs(h1 / h3 - 0.1 / 0.7) < 1e-9,
    { message: 'bar heights 1 and 3 in the ratio 1 : 7' },
  );
  // The text alternative carries the same numbers.
  await expectText(page, '#chart-desc', (desc) => ['0.1000', '0.2000', '0.7000', 'Mean 0.3333'].every((value) => desc?.includes(value)));
  await page.locator('#numbers summary').click();
  await expectTexts(page, '#loss-table-body tr td:nth-of-type(4)', ['0.1000', '0.2000', '0.7000']);
  await expectText(page, '#table-mean', '0.3333');
  await close(page);
});

test('moving prediction 3 to 0.8 updates its row, its bar and the mean', async () => {
  const page = await open();
  const before = await eventually(
    () => barHeight(page, 3),
    (h) => h > 0,
    { message: 'bar 3 drawn' },
  );
  await page.locator(`${sample(3)} .pred-range`).fill('0.8');
  // Hand: target 1, p = 0.8 -> 1 - 0.8 = 0.2; mean (0.1 + 0.2 + 0.2) / 3 = 0.1667.
  await expectText(page, `${sample(3)} .loss`, '0.2000');
  await expectText(page, '#mean', '0.1667');
  await expectText(page, '#torch-line', 'tensor([0.1000, 0.2000, 0.2000])');
  await expectValue(page, `${sample(3)} .pred-field`, '0.8');
  await expectAttr(page, '#chart', 'data-y-max', '1');
  await eventually(
    () => barHeight(page, 3),
    (h) => Math.abs(h / before - 0.2 / 0.7) < 1e-9,
    {
      message: `bar 3 from ${before}, want a ratio of 2 : 7`,
    },
  );
  await expectText(page, '#chart .bar-value[data-bar="3"]', '0.2000');
  // The mean line sits at 0.1667 / 0.2 of the height of bar 3 (both measured from the axis; drawn pixels are rounded).
  await eventually(
    async () => {
      const meanY = Number(await attrOf(page, '#chart .mean-line', 'y1'));
      const baseY = Number(await attrOf(page, '#chart .axis', 'y1'));
      return (baseY - meanY) / (baseY - (await barBox(page, 3)).top);
    },
    (ratio) => Math.abs(ratio - 0.5 / 3 / 0.2) < 0.01,
    { message: 'the mean line against bar 3' },
  );
  await close(page);
});

test('flipping a target rescores that sample', async () => {
  const page = await open();
  await page.locator(`${sample(2)} .target`).click();
  // Hand: sample 2 now has target 1 with p = 0.2 -> 1 - 0.2 = 0.8; mean (0.1 + 0.8 + 0.7) / 3 = 0.5333.
  await expectText(page, `${sample(2)} .loss`, '0.8000');
  await expectText(page, '#mean', '0.5333');
  await expectText(page, `${sample(2)} .target`, 'Sample 2 target 1 positive');
  await expectAttr(page, '#chart rect[data-bar="2"]', 'class', 'bar t1');
  await expectText(page, '#chart [data-bar="2"] .bar-target', 't=1');
  await page.locator(`${sample(2)} .target`).click();
  await expectSeed(page);
  await close(page);
});

test('raw activations: the sliders span -10..10 and every row shows sigmoid(x)', async () => {
  const page = await open();
  await page.locator('#space-logit').check();
  // Switching converts p -> logit(p), so sigmoid gives the same p back and the losses stay
  // (oracle pub-distance-logit-seed_inverse: inputs logit(0.9), logit(0.2), logit(0.3)).
  const inverse = expected('pub-distance-logit-seed_inverse');
  await expectLosses(page, inverse.losses);
  await expectTexts(page, '#samples .prob', ['0.9000', '0.2000', '0.3000']);
  await expectAttr(page, `${sample(1)} .pred-range`, 'min', '-10');
  await expectAttr(page, `${sample(1)} .pred-range`, 'max', '10');
  await expectValue(page, `${sample(1)} .pred-field`, (x) => Math.abs(Number(x) - inverse.inputs[0]) < 1e-5, {
    message: `field shows logit(0.9) = ${inverse.inputs[0]}`,
  });
  await expectText(page, '#space-note', (note) => note?.length > 0);

  // The seed numbers read as activations (oracle pub-distance-logit-seed).
  const seed = expected('pub-distance-logit-seed');
  for (const [i, x] of seed.inputs.entries()) await typeInto(page, i + 1, String(x));
  assert.deepEqual(seed.probs, ['0.7109', '0.5498', '0.5744']);
  await expectTexts(page, '#samples .prob', seed.probs);
  await expectLosses(page, seed.losses);
  await expectText(page, '#mean', seed.mean);

  // And back: each activation goes through the sigmoid, so p = sigmoid(0.9) = 0.7109...
  await page.locator('#space-prob').check();
  await expectState(page.locator('#samples .prob-wrap').first(), 'visible', false);
  await expectValue(page, `${sample(1)} .pred-field`, (p) => Math.abs(Number(p) - 0.7109495026250039) < 1e-5);
  await expectLosses(page, seed.losses);
  await close(page);
});

test('binary cross-entropy on the seed gives PyTorch’s numbers', async () => {
  const page = await open();
  await page.locator('#loss-select').selectOption('bce');
  // PyTorch F.binary_cross_entropy (oracle pub-bce-prob-seed): 0.1054, 0.2231, 1.2040, mean 0.5108.
  const bce = expected('pub-bce-prob-seed');
  assert.deepEqual(bce.losses, ['0.1054', '0.2231', '1.2040']);
  await expectLosses(page, bce.losses);
  await expectText(page, '#mean', '0.5108');
  await expectText(page, '#sum', bce.sum);
  await expectText(page, '#torch-line', 'tensor([0.1054, 0.2231, 1.2040])');
  await expectText(page, '#loss-desc', (desc) => desc?.length > 20);
  // The axis grows to 1.25 (five steps of 0.25 just above 1.204) and the bars keep their ratio.
  await expectAttr(page, '#chart', 'data-y-max', '1.25');
  await eventually(
    async () => (await barHeight(page, 3)) / (await barHeight(page, 1)),
    (ratio) => Math.abs(ratio - 1.2039728043259361 / 0.10536051565782628) < 1e-9,
    { message: 'bars 3 and 1 in the ratio of their losses' },
  );
  // p = 0 with target 1 costs 100: PyTorch clamps the log at -100 (oracle pub-bce-prob-exact01).
  await page.locator(`${sample(3)} .pred-range`).fill('0');
  await expectText(page, `${sample(3)} .loss`, '100.0000');
  await expectAttr(page, '#chart', 'data-y-max', '100');
  await eventually(
    async () => (await barBox(page, 3)).top,
    (top) => top >= 0,
    { message: 'the tallest bar stays inside the chart' },
  );
  await expectText(page, '#torch-line', 'tensor([  0.1054,   0.2231, 100.0000])');
  await close(page);
});

test('Brier and 0-1 loss on the seed', async () => {
  const page = await open();
  await page.locator('#loss-select').selectOption('brier');
  await expectLosses(page, expected('pub-brier-prob-seed').losses); // 0.0100, 0.0400, 0.4900
  await page.locator('#loss-select').selectOption('zero_one');
  const zeroOne = expected('pub-zero_one-prob-seed');
  await expectLosses(page, zeroOne.losses);
  await expectText(page, '#mean', zeroOne.mean);
  // PyTorch prints a float tensor of whole numbers as "0." and "1.".
  await expectText(page, '#torch-line', 'tensor([0., 0., 1.])');
  await expectTexts(page, '#samples .direction', (d) => d.length === 3 && d.every((x) => x.includes('flat')));
  await close(page);
});

test('focal and hinge switch to activations, and say so', async () => {
  const page = await open();
  await page.locator('#loss-select').selectOption('focal');
  await expectState(page.locator('#space-logit'), 'checked');
  await expectState(page.locator('#space-prob'), 'disabled');
  await expectText(page, '#space-note', /activations/);
  await expectState(page.locator('#loss-params'), 'visible');
  // Converted seed, hand calculation with torchvision's formula: p = 0.9, 0.2, 0.3;
  // ce = -ln 0.9, -ln 0.8, -ln 0.3; (1 - p_t)^2 = 0.01, 0.04, 0.49; alpha_t = 0.25, 0.75, 0.25
  // -> 0.000263, 0.006694, 0.147487; mean 0.051482.
  await expectLosses(page, ['0.0003', '0.0067', '0.1475']);
  await expectText(page, '#mean', '0.0515');
  // The seed read as activations (oracle pub-focal-logit-seed, torchvision sigmoid_focal_loss).
  const focal = expected('pub-focal-logit-seed');
  for (const [i, x] of focal.inputs.entries()) await typeInto(page, i + 1, String(x));
  await expectLosses(page, focal.losses);
  await expectText(page, '#mean', focal.mean);
  // gamma = 0 and no alpha make focal loss plain cross-entropy (oracle pub-bce-logit-seed).
  await page.locator('#gamma').fill('0');
  await page.locator('#alpha-off').check();
  await expectText(page, '#gamma-value', '0.0');
  await expectState(page.locator('#alpha'), 'disabled');
  await expectLosses(page, expected('pub-bce-logit-seed').losses);

  await page.locator('#loss-select').selectOption('hinge');
  const hinge = expected('pub-hinge-logit-seed'); // relu(1 - (2t - 1) x): 0.1, 1.2, 0.7
  await expectLosses(page, hinge.losses);
  await expectText(page, '#mean', hinge.mean);
  await expectState(page.locator('#loss-params'), 'visible', false);

  await page.locator('#loss-select').selectOption('distance');
  await expectState(page.locator('#space-prob'), 'disabled', false);
  await expectState(page.locator('#space-logit'), 'checked');
  await expectLosses(page, expected('pub-distance-logit-seed').losses);
  await close(page);
});

test('samples can be added up to 64 and removed down to 1', async () => {
  const page = await open();
  // Removing sample 2 moves sample 3 up. Hand: losses 0.1, 0.7; mean 0.4.
  await page.locator(`${sample(2)} .remove`).click();
  await expectLosses(page, ['0.1000', '0.7000']);
  await expectText(page, '#mean', '0.4000');
  await eventually(() => visibleBars(page), 2, { message: 'bars shown' });
  await expectText(page, '#samples-note', /removed/);

  const add = page.locator('#add-sample');
  await add.click();
  // A new sample is undecided: target 1, p = 0.5, loss 0.5; mean (0.1 + 0.7 + 0.5) / 3 = 0.4333.
  await expectLosses(page, ['0.1000', '0.7000', '0.5000']);
  await expectText(page, '#mean', '0.4333');
  // Clicks in the page itself: the button turns disabled on a later frame, and Playwright would wait
  // for a disabled button to come back. The page refuses the clicks past 64.
  await page.evaluate(() => {
    for (let i = 0; i < 70; i++) labRoot().querySelector('#add-sample').click();
  });
  await expectState(add, 'disabled');
  await eventually(() => page.locator('#samples > li').count(), 64, { message: 'samples listed' });
  await eventually(() => visibleBars(page), 64, { message: 'bars shown' });
  await expectText(page, '#rows', '64');
  // Hand: 0.1 + 0.7 + 62 x 0.5 = 31.8; mean 31.8 / 64 = 0.496875 -> 0.4969.
  await expectText(page, '#sum', '31.8000');
  await expectText(page, '#mean', '0.4969');
  await screenshotWhole(page, `${SCREENSHOTS}samples-64-1280.png`);

  // One at a time: each removal is drawn before the next click (the last row is then another sample).
  for (let n = 64; n > 1; n--) {
    await page.locator('#samples > li').last().locator('.remove').click();
    await eventually(() => page.locator('#samples > li').count(), n - 1, { message: 'samples listed' });
  }
  await expectState(page.locator('#samples .remove').first(), 'disabled');
  await expectLosses(page, ['0.1000']);
  await expectText(page, '#mean', '0.1000');
  await eventually(() => visibleBars(page), 1, { message: 'bars shown' });

  await page.locator('#reset').click();
  await expectSeed(page);
  await close(page);
});

test('a typed value that is not a number or out of range is refused beside its field', async () => {
  const page = await open();
  const field = page.locator(`${sample(3)} .pred-field`);
  const message = `${sample(3)} .field-error`;
  await typeInto(page, 3, 'abc');
  await expectText(page, message, /not a number/);
  await expectAttr(page, message, 'role', 'alert');
  await expectAttr(page, `${sample(3)} .pred-field`, 'aria-invalid', 'true');
  await expectAttr(page, `${sample(3)} .pred-field`, 'aria-describedby', await page.locator(message).getAttribute('id'));
  await expectSeed(page);
  await expectText(page, '#torch-line', 'tensor([0.1000, 0.2000, 0.7000])');

  await typeInto(page, 3, '1.7');
  // The engine's own words name the sample and the value.
  await expectText(page, message, /prediction 3 is 1\.7, outside \[0, 1\]/i);
  await expectSeed(page);
  await eventually(
    () => barHeight(page, 3),
    (h) => h > 0,
    { message: 'bar 3 still drawn' },
  );
  await page.screenshot({ path: `${SCREENSHOTS}error-1280.png` });
  const rowBox = await page.locator(sample(3)).boundingBox();
  await page.screenshot({
    path: `${SCREENSHOTS}error-row-1280.png`,
    clip: { x: 0, y: Math.max(0, rowBox.y - 20), width: 1280, height: rowBox.height + 40 },
  });
  // Blurring keeps the typed text and the message (nothing is to change: read once the blur is drawn);
  // Escape restores the last good value.
  await field.press('Tab');
  await eventually(
    () => page.evaluate(() => deepActive()?.id),
    (id) => id !== 'pred-field-3',
    { message: 'focus left the field' },
  );
  await settle(page); // the blur's render, if it made one, is drawn: what follows checks that it changed nothing
  await expectValue(page, `${sample(3)} .pred-field`, '1.7');
  await expectText(page, message, /outside/);

  await typeInto(page, 3, '0.8');
  await expectText(page, message, '');
  await expectAttr(page, `${sample(3)} .pred-field`, 'aria-invalid', null);
  await expectText(page, `${sample(3)} .loss`, '0.2000');
  await expectText(page, '#mean', '0.1667');

  // While "x" is refused the lab shows the value from before this edit began, and Escape restores it
  // (issue 13): the edit began when the field was last left with a value it kept, 0.3; 0.8 was typed in it.
  await typeInto(page, 3, 'x');
  await expectText(page, message, /not a number/);
  await expectSeed(page);
  await field.press('Escape');
  await expectValue(page, `${sample(3)} .pred-field`, '0.3');
  await expectText(page, message, '');
  await close(page);
});

test('a clear message when the engine cannot load', async () => {
  const page = await open({ watch: false, ready: null });
  await page.route('**/losslab_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.reload();
  await page.waitForSelector('body[data-ready="failed"]');
  await expectState(page.locator('#load-status'), 'visible');
  await expectText(page, '#load-status', /could not be loaded/);
  await expectState(page.locator('#loss-select'), 'disabled');
  await close(page);
});

test('a shared address restores its example, old addresses too', async () => {
  for (const hash of ['#loss=bce&space=prob&predictions=0.9,0.2,0.3&targets=1,0,1', '#loss=bce&space=prob&in=0.9,0.2,0.3&t=1,0,1']) {
    const page = await open({ hash });
    await expectValue(page, '#loss-select', 'bce');
    await expectLosses(page, expected('pub-bce-prob-seed').losses);
    await page.locator(`${sample(1)} .target`).click();
    // The address is written 400 ms after the edit.
    await eventually(() => page.evaluate(() => location.hash), /targets=0,0,1/, { message: 'the address' });
    await close(page);
  }
});

test('screenshots at 360 and 1280 pixels, light and dark', async () => {
  for (const [width, colorScheme] of [
    [360, 'light'],
    [1280, 'light'],
    [360, 'dark'],
    [1280, 'dark'],
    [768, 'light'],
  ]) {
    const page = await open({ width, height: 800, colorScheme });
    // Nothing may stick out sideways at any width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at ${width}px (overflow ${overflow}px)`);
    await screenshotWhole(page, `${SCREENSHOTS}seed-${width}-${colorScheme}.png`);
    if (colorScheme === 'light') {
      await page.locator('#space-logit').check();
      await page.locator('#loss-select').selectOption('focal');
      await typeInto(page, 3, '1e999');
      await page.locator('#numbers summary').click();
      await expectText(page, `${sample(3)} .field-error`, /not a finite number/);
      await eventually(() => page.locator('#loss-table-body tr').count(), 3, { message: 'the table of losses is drawn' });
      await screenshotWhole(page, `${SCREENSHOTS}focal-error-${width}.png`);
    }
    await close(page);
  }
});

test('no console errors, failed requests or page errors during the whole run', () => {
  assert.deepEqual(problems, []);
});
