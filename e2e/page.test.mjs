// Browser tests of the losslab page: node:test + playwright-core driving Debian's Chromium.
//
//   cd e2e && npm test                 (starts serve.mjs on a free port)
//   BASE_URL=http://127.0.0.1:8000/ npm test   (tests a page that is already served)
//
// Expected numbers come from PyTorch (the oracle in tests/data/oracle.json, cited by case id)
// or from a hand calculation written next to them; never from the module under test. The
// tests read the DOM only. Screenshots go to e2e/screenshots/ (git-ignored).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { screenshotWhole } from './shots.mjs';
import { pythonHas } from './python.mjs';
import { CHROMIUM_ARGS, startServer } from './serve.mjs';
import { TOUR } from '../www/tour.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SCREENSHOTS = `${HERE}screenshots/`;
const AXE_PATH = `${HERE}node_modules/axe-core/axe.min.js`;

/** PyTorch float64 results, by case id (tests/data/oracle.json, a copy of the oracle's public.json). */
const oracle = new Map(
  JSON.parse(await readFile(new URL('../tests/data/oracle.json', import.meta.url), 'utf8')).cases.map((c) => [c.id, c]),
);
/** Four decimals, as the page and PyTorch print them (none of the values used here is a tie). */
const dp4 = (x) => x.toFixed(4);
const expected = (id) => {
  const c = oracle.get(id);
  assert.ok(c, `oracle case ${id} exists`);
  return {
    losses: c.per_sample.map(dp4),
    mean: dp4(c.mean),
    sum: dp4(c.sum),
    probs: c.probs?.map(dp4),
    inputs: c.inputs,
  };
};

let server = null;
let baseUrl = process.env.BASE_URL;
let browser = null;
/** Console errors and page errors of every page opened by `open()`, checked by the last test. */
const problems = [];

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  if (!baseUrl) {
    server = await startServer({ port: 0 });
    baseUrl = server.url;
  }
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page on the seed example, with its console watched. */
async function open({ width = 1280, height = 900, colorScheme = 'light', watch = true, hash = '', bypassCSP = false } = {}) {
  // bypassCSP only for axe, which addScriptTag injects as an inline script.
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, deviceScaleFactor: 1, bypassCSP });
  // The lab lives in <loss-lab>'s shadow root: helpers for code run in the page.
  await context.addInitScript(() => {
    window.labRoot = () => document.querySelector('loss-lab').shadowRoot;
    window.deepActive = () => {
      let node = document.activeElement;
      while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
      return node;
    };
  });
  const page = await context.newPage();
  if (watch) {
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        problems.push(`console ${message.type()} at ${width}px: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error at ${width}px: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  }
  await page.goto(new URL(hash, baseUrl).href);
  if (watch) await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
  return page;
}

async function expectText(page, selector, pattern) {
  const node = page.locator(selector);
  for (let i = 0; i < 50; i++) {
    if (pattern.test((await node.textContent()) ?? '')) return;
    await page.waitForTimeout(50);
  }
  assert.match(await node.textContent(), pattern);
}

async function close(page) {
  await page.context().close();
}

/** Waits two animation frames: the page renders at most once a frame, on the next one. */
async function settle(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

const text = (page, selector) => page.locator(selector).first().textContent();
const sample = (n) => `[data-sample="${n}"]`;

async function losses(page) {
  return page.locator('#samples .loss').allTextContents();
}

/** A bar's drawn box in the chart's own pixels (bars are drawn in loss units inside a scaled group). */
async function barBox(page, n, selector = `#chart rect[data-bar="${n}"]`) {
  const [svg, bar] = [await page.locator('#chart').boundingBox(), await page.locator(selector).boundingBox()];
  return { top: bar.y - svg.y, height: bar.height };
}

/** A bar's height in loss units, exactly as drawn (the scaled group maps it to pixels). */
async function barHeight(page, n) {
  return Number(await page.locator(`#chart rect[data-bar="${n}"]`).getAttribute('height'));
}

async function visibleBars(page) {
  return page.locator('#chart .bar-group:not([display="none"])').count();
}

async function typeInto(page, n, value) {
  await page.locator(`${sample(n)} .pred-field`).fill(value);
  await settle(page);
}

async function assertSeed(page) {
  assert.deepEqual(await losses(page), ['0.1000', '0.2000', '0.7000']);
  assert.equal(await text(page, '#mean'), '0.3333');
}

test('the page opens on the story: targets 1, 0, 1, predictions 0.9, 0.2, 0.3, distance loss', async () => {
  const page = await open();
  assert.equal(await page.title(), 'losslab — see what a loss function does');
  // PyTorch: torch.where(t == 1, 1 - p, p) = tensor([0.1000, 0.2000, 0.7000]), mean 0.3333
  // (oracle pub-distance-prob-seed).
  const seed = expected('pub-distance-prob-seed');
  assert.deepEqual(seed.losses, ['0.1000', '0.2000', '0.7000']);
  await assertSeed(page);
  assert.equal(await text(page, '#sum'), seed.sum);
  assert.equal(await text(page, '#torch-line'), 'tensor([0.1000, 0.2000, 0.7000])');
  assert.equal(await text(page, '#torch-mean'), 'tensor(0.3333)');
  assert.equal(await page.locator('#loss-select').inputValue(), 'distance');
  assert.equal(await page.locator('#space-prob').isChecked(), true);
  assert.deepEqual(await page.locator('#samples .pred-field').evaluateAll((f) => f.map((x) => x.value)), ['0.9', '0.2', '0.3']);
  assert.deepEqual(
    await page.locator('#samples .target').allTextContents(),
    ['Sample 1 target 1 positive', 'Sample 2 target 0 negative', 'Sample 3 target 1 positive'],
  );
  // The chart: one bar per sample with its value printed, the mean as a line.
  assert.equal(await visibleBars(page), 3);
  assert.deepEqual(await page.locator('#chart .bar-value').allTextContents(), ['0.1000', '0.2000', '0.7000']);
  assert.equal(await text(page, '#chart .mean-label'), 'mean 0.3333');
  assert.equal(await page.locator('#chart').getAttribute('data-y-max'), '1');
  // Bars are proportional to the loss on a scale from 0 to 1.
  const [h1, h3] = [await barHeight(page, 1), await barHeight(page, 3)];
  assert.ok(Math.abs(h1 / h3 - 0.1 / 0.7) < 1e-9, `bar heights ${h1} and ${h3} in the ratio 1 : 7`);
  // The text alternative carries the same numbers.
  const desc = await text(page, '#chart-desc');
  for (const value of ['0.1000', '0.2000', '0.7000', 'Mean 0.3333']) assert.ok(desc.includes(value), desc);
  await page.locator('#numbers summary').click();
  await settle(page);
  assert.deepEqual(await page.locator('#loss-table-body tr td:nth-of-type(4)').allTextContents(), ['0.1000', '0.2000', '0.7000']);
  assert.equal(await text(page, '#table-mean'), '0.3333');
  await close(page);
});

test('moving prediction 3 to 0.8 updates its row, its bar and the mean', async () => {
  const page = await open();
  const before = await barHeight(page, 3);
  await page.locator(`${sample(3)} .pred-range`).fill('0.8');
  await settle(page);
  // Hand: target 1, p = 0.8 -> 1 - 0.8 = 0.2; mean (0.1 + 0.2 + 0.2) / 3 = 0.1667.
  assert.equal(await text(page, `${sample(3)} .loss`), '0.2000');
  assert.equal(await text(page, '#mean'), '0.1667');
  assert.equal(await text(page, '#torch-line'), 'tensor([0.1000, 0.2000, 0.2000])');
  assert.equal(await page.locator(`${sample(3)} .pred-field`).inputValue(), '0.8');
  assert.equal(await page.locator('#chart').getAttribute('data-y-max'), '1');
  const afterHeight = await barHeight(page, 3);
  assert.ok(Math.abs(afterHeight / before - 0.2 / 0.7) < 1e-9, `bar 3 went from ${before} to ${afterHeight}, want a ratio of 2 : 7`);
  assert.equal(await page.locator('#chart .bar-value[data-bar="3"]').textContent(), '0.2000');
  const meanY = Number(await page.locator('#chart .mean-line').first().getAttribute('y1'));
  const baseY = Number(await page.locator('#chart .axis').getAttribute('y1'));
  const barTop = (await barBox(page, 3)).top;
  // The mean line sits at 0.1667 / 0.2 of the height of bar 3 (both measured from the axis; drawn pixels are rounded).
  assert.ok(Math.abs((baseY - meanY) / (baseY - barTop) - (0.5 / 3) / 0.2) < 0.01);
  await close(page);
});

test('flipping a target rescores that sample', async () => {
  const page = await open();
  await page.locator(`${sample(2)} .target`).click();
  await settle(page);
  // Hand: sample 2 now has target 1 with p = 0.2 -> 1 - 0.2 = 0.8; mean (0.1 + 0.8 + 0.7) / 3 = 0.5333.
  assert.equal(await text(page, `${sample(2)} .loss`), '0.8000');
  assert.equal(await text(page, '#mean'), '0.5333');
  assert.equal(await text(page, `${sample(2)} .target`), 'Sample 2 target 1 positive');
  assert.equal(await page.locator('#chart rect[data-bar="2"]').getAttribute('class'), 'bar t1');
  assert.equal(await text(page, '#chart [data-bar="2"] .bar-target'), 't=1');
  await page.locator(`${sample(2)} .target`).click();
  await settle(page);
  await assertSeed(page);
  await close(page);
});

test('raw activations: the sliders span -10..10 and every row shows sigmoid(x)', async () => {
  const page = await open();
  await page.locator('#space-logit').check();
  await settle(page);
  // Switching converts p -> logit(p), so sigmoid gives the same p back and the losses stay
  // (oracle pub-distance-logit-seed_inverse: inputs logit(0.9), logit(0.2), logit(0.3)).
  const inverse = expected('pub-distance-logit-seed_inverse');
  assert.deepEqual(await losses(page), inverse.losses);
  assert.deepEqual(await page.locator('#samples .prob').allTextContents(), ['0.9000', '0.2000', '0.3000']);
  const range = page.locator(`${sample(1)} .pred-range`);
  assert.equal(await range.getAttribute('min'), '-10');
  assert.equal(await range.getAttribute('max'), '10');
  const typedX = Number(await page.locator(`${sample(1)} .pred-field`).inputValue());
  assert.ok(Math.abs(typedX - inverse.inputs[0]) < 1e-5, `field shows logit(0.9) = ${inverse.inputs[0]}, got ${typedX}`);
  assert.ok((await text(page, '#space-note')).length > 0);

  // The seed numbers read as activations (oracle pub-distance-logit-seed).
  const seed = expected('pub-distance-logit-seed');
  for (const [i, x] of seed.inputs.entries()) await typeInto(page, i + 1, String(x));
  assert.deepEqual(await page.locator('#samples .prob').allTextContents(), seed.probs);
  assert.deepEqual(seed.probs, ['0.7109', '0.5498', '0.5744']);
  assert.deepEqual(await losses(page), seed.losses);
  assert.equal(await text(page, '#mean'), seed.mean);

  // And back: each activation goes through the sigmoid, so p = sigmoid(0.9) = 0.7109...
  await page.locator('#space-prob').check();
  await settle(page);
  assert.equal(await page.locator('#samples .prob-wrap').first().isVisible(), false);
  assert.ok(Math.abs(Number(await page.locator(`${sample(1)} .pred-field`).inputValue()) - 0.7109495026250039) < 1e-5);
  assert.deepEqual(await losses(page), seed.losses);
  await close(page);
});

test('binary cross-entropy on the seed gives PyTorch’s numbers', async () => {
  const page = await open();
  await page.locator('#loss-select').selectOption('bce');
  await settle(page);
  // PyTorch F.binary_cross_entropy (oracle pub-bce-prob-seed): 0.1054, 0.2231, 1.2040, mean 0.5108.
  const bce = expected('pub-bce-prob-seed');
  assert.deepEqual(bce.losses, ['0.1054', '0.2231', '1.2040']);
  assert.deepEqual(await losses(page), bce.losses);
  assert.equal(await text(page, '#mean'), '0.5108');
  assert.equal(await text(page, '#sum'), bce.sum);
  assert.equal(await text(page, '#torch-line'), 'tensor([0.1054, 0.2231, 1.2040])');
  assert.ok((await text(page, '#loss-desc')).length > 20);
  // The axis grows to 2 (the next 1-2-5 step above 1.204) and the bars keep their ratio.
  assert.equal(await page.locator('#chart').getAttribute('data-y-max'), '2');
  const ratio = (await barHeight(page, 3)) / (await barHeight(page, 1));
  assert.ok(Math.abs(ratio - 1.2039728043259361 / 0.10536051565782628) < 1e-9);
  // p = 0 with target 1 costs 100: PyTorch clamps the log at -100 (oracle pub-bce-prob-exact01).
  await page.locator(`${sample(3)} .pred-range`).fill('0');
  await settle(page);
  assert.equal(await text(page, `${sample(3)} .loss`), '100.0000');
  assert.equal(await page.locator('#chart').getAttribute('data-y-max'), '100');
  const { top } = await barBox(page, 3);
  assert.ok(top >= 0, 'the tallest bar stays inside the chart');
  assert.equal(await text(page, '#torch-line'), 'tensor([  0.1054,   0.2231, 100.0000])');
  await close(page);
});

test('Brier and 0-1 loss on the seed', async () => {
  const page = await open();
  await page.locator('#loss-select').selectOption('brier');
  await settle(page);
  assert.deepEqual(await losses(page), expected('pub-brier-prob-seed').losses); // 0.0100, 0.0400, 0.4900
  await page.locator('#loss-select').selectOption('zero_one');
  await settle(page);
  const zeroOne = expected('pub-zero_one-prob-seed');
  assert.deepEqual(await losses(page), zeroOne.losses);
  assert.equal(await text(page, '#mean'), zeroOne.mean);
  // PyTorch prints a float tensor of whole numbers as "0." and "1.".
  assert.equal(await text(page, '#torch-line'), 'tensor([0., 0., 1.])');
  assert.ok((await page.locator('#samples .direction').allTextContents()).every((d) => d.includes('flat')));
  await close(page);
});

test('focal and hinge switch to activations, and say so', async () => {
  const page = await open();
  await page.locator('#loss-select').selectOption('focal');
  await settle(page);
  assert.equal(await page.locator('#space-logit').isChecked(), true);
  assert.equal(await page.locator('#space-prob').isDisabled(), true);
  assert.match(await text(page, '#space-note'), /activations/);
  assert.equal(await page.locator('#focal-params').isVisible(), true);
  // Converted seed, hand calculation with torchvision's formula: p = 0.9, 0.2, 0.3;
  // ce = -ln 0.9, -ln 0.8, -ln 0.3; (1 - p_t)^2 = 0.01, 0.04, 0.49; alpha_t = 0.25, 0.75, 0.25
  // -> 0.000263, 0.006694, 0.147487; mean 0.051482.
  assert.deepEqual(await losses(page), ['0.0003', '0.0067', '0.1475']);
  assert.equal(await text(page, '#mean'), '0.0515');
  // The seed read as activations (oracle pub-focal-logit-seed, torchvision sigmoid_focal_loss).
  const focal = expected('pub-focal-logit-seed');
  for (const [i, x] of focal.inputs.entries()) await typeInto(page, i + 1, String(x));
  assert.deepEqual(await losses(page), focal.losses);
  assert.equal(await text(page, '#mean'), focal.mean);
  // gamma = 0 and no alpha make focal loss plain cross-entropy (oracle pub-bce-logit-seed).
  await page.locator('#gamma').fill('0');
  await page.locator('#alpha-off').check();
  await settle(page);
  assert.equal(await text(page, '#gamma-value'), '0.0');
  assert.equal(await page.locator('#alpha').isDisabled(), true);
  assert.deepEqual(await losses(page), expected('pub-bce-logit-seed').losses);

  await page.locator('#loss-select').selectOption('hinge');
  await settle(page);
  const hinge = expected('pub-hinge-logit-seed'); // relu(1 - (2t - 1) x): 0.1, 1.2, 0.7
  assert.deepEqual(await losses(page), hinge.losses);
  assert.equal(await text(page, '#mean'), hinge.mean);
  assert.equal(await page.locator('#focal-params').isVisible(), false);

  await page.locator('#loss-select').selectOption('distance');
  await settle(page);
  assert.equal(await page.locator('#space-prob').isDisabled(), false);
  assert.equal(await page.locator('#space-logit').isChecked(), true);
  assert.deepEqual(await losses(page), expected('pub-distance-logit-seed').losses);
  await close(page);
});

test('samples can be added up to 64 and removed down to 1', async () => {
  const page = await open();
  // Removing sample 2 moves sample 3 up. Hand: losses 0.1, 0.7; mean 0.4.
  await page.locator(`${sample(2)} .remove`).click();
  await settle(page);
  assert.deepEqual(await losses(page), ['0.1000', '0.7000']);
  assert.equal(await text(page, '#mean'), '0.4000');
  assert.equal(await visibleBars(page), 2);
  assert.match(await text(page, '#samples-note'), /removed/);

  const add = page.locator('#add-sample');
  await add.click();
  await settle(page);
  // A new sample is undecided: target 1, p = 0.5, loss 0.5; mean (0.1 + 0.7 + 0.5) / 3 = 0.4333.
  assert.deepEqual(await losses(page), ['0.1000', '0.7000', '0.5000']);
  assert.equal(await text(page, '#mean'), '0.4333');
  // Clicks in the page itself: the button turns disabled on a later frame, and Playwright would wait
  // for a disabled button to come back. The page refuses the clicks past 64.
  await page.evaluate(() => {
    for (let i = 0; i < 70; i++) labRoot().querySelector('#add-sample').click();
  });
  await settle(page);
  assert.equal(await add.isDisabled(), true);
  assert.equal(await page.locator('#samples > li').count(), 64);
  assert.equal(await visibleBars(page), 64);
  assert.equal(await text(page, '#rows'), '64');
  // Hand: 0.1 + 0.7 + 62 x 0.5 = 31.8; mean 31.8 / 64 = 0.496875 -> 0.4969.
  assert.equal(await text(page, '#sum'), '31.8000');
  assert.equal(await text(page, '#mean'), '0.4969');
  await screenshotWhole(page, `${SCREENSHOTS}samples-64-1280.png`);

  const removeLast = async () => page.locator('#samples > li').last().locator('.remove').click();
  while ((await page.locator('#samples > li').count()) > 1) await removeLast();
  await settle(page);
  assert.equal(await page.locator('#samples .remove').first().isDisabled(), true);
  assert.deepEqual(await losses(page), ['0.1000']);
  assert.equal(await text(page, '#mean'), '0.1000');
  assert.equal(await visibleBars(page), 1);

  await page.locator('#reset').click();
  await settle(page);
  await assertSeed(page);
  await close(page);
});

test('a typed value that is not a number or out of range is refused beside its field', async () => {
  const page = await open();
  const field = page.locator(`${sample(3)} .pred-field`);
  const message = page.locator(`${sample(3)} .field-error`);
  await typeInto(page, 3, 'abc');
  assert.match(await message.textContent(), /not a number/);
  assert.equal(await message.getAttribute('role'), 'alert');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.equal(await field.getAttribute('aria-describedby'), await message.getAttribute('id'));
  await assertSeed(page);
  assert.equal(await text(page, '#torch-line'), 'tensor([0.1000, 0.2000, 0.7000])');

  await typeInto(page, 3, '1.7');
  // The engine's own words name the sample and the value.
  assert.match(await message.textContent(), /prediction 3 is 1\.7, outside \[0, 1\]/i);
  await assertSeed(page);
  assert.equal(await barHeight(page, 3) > 0, true);
  await page.screenshot({ path: `${SCREENSHOTS}error-1280.png` });
  const rowBox = await page.locator(sample(3)).boundingBox();
  await page.screenshot({
    path: `${SCREENSHOTS}error-row-1280.png`,
    clip: { x: 0, y: Math.max(0, rowBox.y - 20), width: 1280, height: rowBox.height + 40 },
  });
  // Blurring keeps the typed text and the message; Escape restores the last good value.
  await field.press('Tab');
  await settle(page);
  assert.equal(await field.inputValue(), '1.7');
  assert.match(await message.textContent(), /outside/);

  await typeInto(page, 3, '0.8');
  assert.equal(await message.textContent(), '');
  assert.equal(await field.getAttribute('aria-invalid'), null);
  assert.equal(await text(page, `${sample(3)} .loss`), '0.2000');
  assert.equal(await text(page, '#mean'), '0.1667');

  await typeInto(page, 3, 'x');
  await field.press('Escape');
  await settle(page);
  assert.equal(await field.inputValue(), '0.8');
  assert.equal(await message.textContent(), '');
  await close(page);
});

test('everything works from the keyboard alone', async () => {
  const page = await open();
  // Tab from the top of the page to the first slider.
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => deepActive()?.id === 'pred-range-1');
  }
  assert.ok(reached, 'Tab reaches the slider of sample 1');
  const outline = await page.evaluate(() => getComputedStyle(deepActive()).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused slider shows a focus ring');
  await page.keyboard.press('ArrowRight');
  await settle(page);
  // Hand: p = 0.9 + one step of 0.01 = 0.91 -> loss 0.09; mean (0.09 + 0.2 + 0.7) / 3 = 0.33.
  assert.equal(await page.locator('#pred-range-1').inputValue(), '0.91');
  assert.equal(await text(page, `${sample(1)} .loss`), '0.0900');
  assert.equal(await text(page, '#mean'), '0.3300');
  assert.match(await page.locator('#pred-range-1').getAttribute('aria-valuetext'), /loss 0\.0900/);

  // Shift+Tab back to the target toggle of sample 1, flip it with Space.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Shift+Tab');
    if (await page.evaluate(() => deepActive()?.id === 'target-1')) break;
  }
  assert.equal(await page.evaluate(() => deepActive()?.id), 'target-1');
  await page.keyboard.press('Space');
  await settle(page);
  // Hand: target 0 with p = 0.91 -> loss 0.91.
  assert.equal(await text(page, `${sample(1)} .loss`), '0.9100');

  // The loss menu and the space switch answer to the keyboard too.
  await page.locator('#loss-select').focus();
  await page.keyboard.press('ArrowDown'); // distance -> bce
  await settle(page);
  assert.equal(await page.locator('#loss-select').inputValue(), 'bce');
  await page.locator('#space-prob').focus();
  await page.keyboard.press('ArrowDown');
  await settle(page);
  assert.equal(await page.locator('#space-logit').isChecked(), true);
  await page.locator('#reset').focus();
  await page.keyboard.press('Enter');
  await settle(page);
  await assertSeed(page);
  await close(page);
});

test('one gradient step moves every prediction downhill', async () => {
  const page = await open();
  await page.locator('#step').click();
  await settle(page);
  // Hand: the gradient of the mean distance is (-1, 1, -1) / 3; with learning rate 1 the
  // predictions go to 0.9 + 1/3 -> 1 (clamped), 0.2 - 1/3 -> 0 (clamped), 0.3 + 1/3 = 0.6333.
  assert.deepEqual(
    await page.locator('#samples .pred-field').evaluateAll((f) => f.map((x) => x.value)),
    ['1', '0', '0.633333'],
  );
  assert.deepEqual(await losses(page), ['0.0000', '0.0000', '0.3667']);
  assert.equal(await text(page, '#mean'), '0.1222');
  assert.match(await text(page, '#step-note'), /0\.3333 → 0\.1222/);
  await close(page);
});

test('axe-core finds no accessibility violations', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await open({ colorScheme, bypassCSP: true });
    const run = async (label) => {
      await page.addScriptTag({ path: AXE_PATH });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const summary = result.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
      assert.deepEqual(summary, [], `${colorScheme}, ${label}`);
    };
    await run('seed');
    // A busier state: activations, focal parameters open, an error shown, the table open.
    await page.locator('#loss-select').selectOption('focal');
    await typeInto(page, 2, 'abc');
    await page.locator('#numbers summary').click();
    await settle(page);
    await run('focal, error, table');
    await close(page);
  }
});

test('screenshots at 360 and 1280 pixels, light and dark', async () => {
  for (const [width, colorScheme] of [[360, 'light'], [1280, 'light'], [360, 'dark'], [1280, 'dark'], [768, 'light']]) {
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
      await settle(page);
      assert.match(await text(page, `${sample(3)} .field-error`), /not a finite number/);
      await screenshotWhole(page, `${SCREENSHOTS}focal-error-${width}.png`);
    }
    await close(page);
  }
});

test('a clear message when the engine cannot load', async () => {
  const page = await open({ watch: false });
  await page.route('**/losslab_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.reload();
  await page.waitForSelector('body[data-ready="failed"]', { timeout: 10_000 });
  const status = page.locator('#load-status');
  assert.equal(await status.isVisible(), true);
  assert.match(await status.textContent(), /could not be loaded/);
  assert.equal(await page.locator('#loss-select').isDisabled(), true);
  await close(page);
});

test('a shared address restores its example, old addresses too', async () => {
  for (const hash of ['#loss=bce&space=prob&predictions=0.9,0.2,0.3&targets=1,0,1', '#loss=bce&space=prob&in=0.9,0.2,0.3&t=1,0,1']) {
    const page = await open({ hash });
    assert.equal(await page.locator('#loss-select').inputValue(), 'bce');
    assert.deepEqual(await losses(page), expected('pub-bce-prob-seed').losses);
    await page.locator(`${sample(1)} .target`).click();
    await page.waitForFunction(() => location.hash.includes('targets=0,0,1'), null, { timeout: 5_000 });
    await close(page);
  }
});


// ---- issue 4: the explaining views ------------------------------------------------------

const attrs = (page, selector, name) => page.locator(selector).evaluateAll((nodes, n) => nodes.map((x) => x.getAttribute(n)), name);
const shown = (page, selector) => page.locator(selector).evaluateAll((nodes) => nodes.filter((x) => x.closest('[display="none"]') === null && x.getAttribute('display') !== 'none').length);
async function openPanel(page, id) {
  const open = await page.locator(`#${id}`).evaluate((d) => d.open);
  if (!open) await page.locator(`#${id} > summary`).click();
  await settle(page);
}

test('gradient bars: signed, green, labelled with the way descent moves; hidden on request; clipped with a marker', async () => {
  const page = await open();
  // Hand: distance in prob space, d loss/dp = -1 for target 1, +1 for target 0 (oracle pub-distance-prob-seed grad).
  assert.deepEqual((await attrs(page, '#chart rect.grad', 'data-grad')).map(Number), expected('pub-distance-prob-seed') && oracle.get('pub-distance-prob-seed').grad);
  assert.deepEqual(await page.locator('#chart .grad-dir').allTextContents(), ['raise p', 'lower p', 'raise p']);
  const gradBoxes = await Promise.all([1, 2, 3].map((n) => barBox(page, n, `#chart rect.grad[data-i="${n}"]`)));
  const heights = gradBoxes.map((b) => b.height);
  assert.ok(heights[0] > 0 && heights.every((h) => Math.abs(h - heights[0]) < 0.01), `equal magnitudes ${heights}`);
  const ys = gradBoxes.map((b) => b.top);
  assert.ok(ys[1] < ys[0], 'a positive gradient points up, a negative one down');
  assert.match(await text(page, '#chart-desc'), /gradient -1\.0000 \(raise p\)/);
  await page.locator('#show-grad').uncheck();
  await settle(page);
  assert.equal(await page.locator('#chart .grad-band').getAttribute('display'), 'none');
  await page.locator('#show-grad').check();
  // p = 0 with target 1 under bce: gradient -1000000003995.8029 (oracle pub-bce-prob-exact01), shown exactly, bar clipped.
  await page.locator('#loss-select').selectOption('bce');
  await page.locator(`${sample(3)} .pred-range`).fill('0');
  await settle(page);
  assert.equal(Number(await page.locator('#chart rect.grad[data-i="3"]').getAttribute('data-grad')), oracle.get('pub-bce-prob-exact01').grad[2]);
  assert.equal(await text(page, `${sample(3)} .grad`), '-1.000e+12');
  assert.equal(await page.locator('#chart').getAttribute('data-grad-max'), '10');
  assert.equal(await shown(page, '#chart .clip-mark'), 1);
  await close(page);
});

test('the loss curve: dots on their curves, dragged with the mouse or moved with the keyboard, tangent on focus', async () => {
  const page = await open();
  await page.locator('#curve').scrollIntoViewIfNeeded();
  assert.equal(await shown(page, '#curve .dot'), 3);
  assert.equal(await page.locator('#curve').getAttribute('data-y-max'), '1');
  const box = async (n) => page.locator(`#curve [data-dot="${n}"] circle`).boundingBox();
  const [b1, b2] = [await box(1), await box(2)];
  const centre = (b) => [b.x + b.width / 2, b.y + b.height / 2];
  // Dots at p = 0.9 and p = 0.2 give the pixels of the p axis; drag dot 3 (p = 0.3) to p = 0.8.
  const pxOf = (p) => centre(b2)[0] + ((p - 0.2) / 0.7) * (centre(b1)[0] - centre(b2)[0]);
  const before = await barHeight(page, 3);
  const [x3, y3] = centre(await box(3));
  await page.mouse.move(x3, y3);
  await settle(page);
  assert.equal(await page.locator('#curve .tangent').getAttribute('display'), 'inline', 'hovering shows the tangent');
  assert.equal(Number(await page.locator('#curve .tangent').getAttribute('data-slope')), -1);
  await page.mouse.down();
  await page.mouse.move(pxOf(0.6), y3, { steps: 3 });
  await page.mouse.move(pxOf(0.8), y3, { steps: 3 });
  await page.mouse.up();
  await settle(page);
  const p3 = Number(await page.locator(`${sample(3)} .pred-field`).inputValue());
  assert.ok(Math.abs(p3 - 0.8) < 0.006, `dragged to ${p3}`);
  // Hand: target 1, loss 1 - p.
  assert.equal(await text(page, `${sample(3)} .loss`), (1 - p3).toFixed(4));
  assert.ok(await barHeight(page, 3) < before / 3, 'bar 3 shrank with the drag');
  // Keyboard: dot 1 (p = 0.9) ArrowLeft -> 0.89, loss 0.11 (hand); the tangent follows focus.
  await page.mouse.move(0, 0);
  await page.locator('#curve [data-dot="1"]').focus();
  await page.keyboard.press('ArrowLeft');
  await settle(page);
  assert.equal(await page.locator(`${sample(1)} .pred-field`).inputValue(), '0.89');
  assert.equal(await text(page, `${sample(1)} .loss`), '0.1100');
  assert.equal(await page.locator('#curve .tangent').getAttribute('data-for'), '1');
  assert.equal(await text(page, '#curve .slope'), 'slope -1.0000');
  assert.match(await page.locator('#curve [data-dot="1"]').getAttribute('aria-valuetext'), /p 0\.89, loss 0\.1100, slope -1\.0000, raise p/);
  await page.keyboard.press('End');
  await settle(page);
  assert.equal(await text(page, `${sample(1)} .loss`), '0.0000');
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await settle(page);
    await page.locator('#curve [data-dot="3"]').focus();
    await settle(page);
    await page.locator('#curve-panel').screenshot({ path: `${SCREENSHOTS}curve-focused-${width}.png` });
  }
  // bce in prob space reaches 100 at p = 0 (oracle pub-bce-prob-exact01): the axis is capped at 5.
  await page.locator('#loss-select').selectOption('bce');
  await settle(page);
  assert.equal(await page.locator('#curve').getAttribute('data-y-max'), '5');
  await close(page);
});

test('the sigmoid panel appears with raw activations and maps each x to its p', async () => {
  const page = await open();
  assert.equal(await page.locator('#sigmoid-panel').isVisible(), false);
  await page.locator('#space-logit').check();
  await settle(page);
  assert.equal(await page.locator('#sigmoid-panel').isVisible(), true);
  // The seed's probabilities come back through the sigmoid (oracle pub-distance-logit-seed_inverse probs).
  const probs = (await attrs(page, '#sigmoid .sdot', 'data-p')).map((p) => Number(p).toFixed(4));
  assert.deepEqual(probs, ['0.9000', '0.2000', '0.3000']);
  assert.match(await text(page, '#sigmoid-desc'), /1: x 2\.19722 gives p 0\.9000/);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await settle(page);
    await page.locator('#sigmoid-panel').screenshot({ path: `${SCREENSHOTS}sigmoid-${width}.png` });
  }
  await close(page);
});

test('compare: zero_one has zero gradient where bce does not; focal needs activations', async () => {
  const page = await open();
  await openPanel(page, 'compare-panel');
  assert.equal(await page.locator('#compare-panel').getAttribute('data-chosen'), 'distance,bce,zero_one');
  const grads = async (id) => (await attrs(page, `#compare-chart rect.grad[data-series="${id}"]`, 'data-grad')).map(Number);
  assert.deepEqual(await grads('zero_one'), [0, 0, 0]); // oracle pub-zero_one-prob-seed
  assert.deepEqual(await grads('bce'), oracle.get('pub-bce-prob-seed').grad);
  assert.deepEqual(await grads('distance'), oracle.get('pub-distance-prob-seed').grad);
  const losses01 = (await attrs(page, '#compare-chart rect.bar[data-series="zero_one"]', 'data-loss')).map(Number);
  assert.deepEqual(losses01, oracle.get('pub-zero_one-prob-seed').per_sample);
  const legend = await page.locator('#compare-legend li').allTextContents();
  assert.deepEqual(legend, ['dist: distance, mean 0.3333', 'CE: binary cross-entropy, mean 0.5108', '0-1: 0-1 loss, mean 0.3333']);
  const row3 = await page.locator('#compare-table tbody tr:nth-child(3) > *').allTextContents();
  assert.deepEqual(row3, ['3', '1', '0.7000', '-1.0000', '1.2040', '-3.3333', '1.0000', '0.0000']);
  assert.equal(await page.locator('#cmp-focal').isDisabled(), true, 'focal needs raw activations');
  assert.equal(await page.locator('#cmp-brier').isDisabled(), true, 'three are chosen already');
  await page.locator('#cmp-zero_one').uncheck();
  await page.locator('#cmp-brier').check();
  await settle(page);
  assert.equal(await page.locator('#compare-panel').getAttribute('data-chosen'), 'distance,bce,brier');
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.locator('#cmp-brier').uncheck();
    await page.locator('#cmp-zero_one').check();
    await settle(page);
    await page.locator('#compare-panel').screenshot({ path: `${SCREENSHOTS}compare-${width}.png` });
  }
  await page.locator('#space-logit').check();
  await page.locator('#cmp-bce').uncheck();
  await page.locator('#cmp-focal').check();
  await settle(page);
  // Converted seed under focal (hand calculation in the focal test above): 0.0003, 0.0067, 0.1475.
  const focal = await page.locator('#compare-table tbody td:nth-child(5)').allTextContents();
  assert.deepEqual(focal, ['0.0003', '0.0067', '0.1475']);
  await page.locator('#space-prob').check();
  await settle(page);
  assert.match(await text(page, '#compare-note'), /Focal loss need raw activations/);
  await close(page);
});

test('the code view names the tensors and the call, prints 0.3333, and copies without throwing', async () => {
  const page = await open();
  await openPanel(page, 'code-panel');
  const code = await text(page, '#code');
  for (const part of [
    'torch.set_default_dtype(torch.float64)',
    't = torch.tensor([1., 0., 1.])',
    'p = torch.tensor([0.9, 0.2, 0.3], requires_grad=True)',
    'loss = torch.where(t == 1, 1 - p, p)',
    'print(loss.detach().mean())',
  ]) assert.ok(code.includes(part), `${part} in\n${code}`);
  // PyTorch prints (oracle pub-distance-prob-seed; grad -1, 1, -1 in int mode).
  assert.equal(await text(page, '#code-output'), 'tensor([0.1000, 0.2000, 0.7000])\ntensor(0.3333)\ntensor([-1.,  1., -1.])');
  await page.locator('#copy').click();
  await page.waitForFunction(() => labRoot().querySelector('#copy-note').textContent.length > 0);
  await page.locator('#loss-select').selectOption('bce');
  await page.locator('#space-logit').check();
  await settle(page);
  assert.ok((await text(page, '#code')).includes("F.binary_cross_entropy_with_logits(x, t, reduction='none')"));
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await settle(page);
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
    await openPanel(page, 'code-panel');
    // The panel renders on the next frame: wait for both the program and its output.
    await page.waitForFunction(() => labRoot().querySelector('#code').textContent.includes('print(') && labRoot().querySelector('#code-output').textContent.includes('tensor('));
    const code = await text(page, '#code');
    const shownOutput = await text(page, '#code-output');
    const file = `${tmpdir()}/losslab-code-${process.pid}.py`;
    await writeFile(file, code);
    const printed = execFileSync('python3', [file], { encoding: 'utf8' });
    assert.equal(printed, `${shownOutput}\n`, `${name}:\n${code}`);
    await close(page);
  }
});

test('training: twenty steps on bce at a small learning rate lower the mean every step; edits start a new run', async () => {
  const page = await open();
  await page.locator('#loss-select').selectOption('bce');
  await page.locator('#learning-rate').selectOption('0.01');
  await page.locator('#train').click();
  await page.waitForFunction(() => (labRoot().querySelector('#train-chart').getAttribute('data-means') ?? '').split(',').length >= 8);
  assert.equal(await text(page, '#train'), 'Pause');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('.descent').screenshot({ path: `${SCREENSHOTS}training-1280.png` });
  await page.setViewportSize({ width: 360, height: 900 });
  await page.locator('.descent').screenshot({ path: `${SCREENSHOTS}training-360.png` });
  await page.waitForFunction(() => labRoot().querySelector('#train-chart').getAttribute('data-means').split(',').length >= 21);
  await page.locator('#train').click();
  await settle(page);
  assert.equal(await text(page, '#train'), 'Train');
  const means = (await page.locator('#train-chart').getAttribute('data-means')).split(',').map(Number);
  assert.ok(means.length >= 21);
  // Starts at the bce mean of the seed, 0.5108 (oracle pub-bce-prob-seed).
  assert.equal(means[0].toFixed(4), expected('pub-bce-prob-seed').mean);
  for (let i = 1; i < 21; i++) assert.ok(means[i] < means[i - 1], `step ${i}: ${means[i - 1]} -> ${means[i]}`);
  assert.equal(await page.locator('#train-list li').count(), means.length);
  assert.match(await text(page, '#step-note'), /Paused/);
  // Edit a sample while paused, then step: a new run starts at the edited state.
  await page.locator(`${sample(2)} .pred-range`).fill('0.5');
  await settle(page);
  await page.locator('#step').click();
  await settle(page);
  const run = (await page.locator('#train-chart').getAttribute('data-means')).split(',').map(Number);
  assert.equal(run.length, 2);
  assert.ok(run[1] < run[0]);
  await close(page);
});

test('presets load the blog, the book, one confident mistake and all correct but unsure', async () => {
  const page = await open();
  const fields = () => page.locator('#samples .pred-field').evaluateAll((f) => f.map((x) => x.value));
  await page.locator('[data-preset="book"]').click();
  await settle(page);
  assert.deepEqual(await fields(), ['0.9', '0.4', '0.2']);
  assert.equal(await text(page, '#mean'), '0.4333'); // hand: (0.1 + 0.4 + 0.8) / 3
  await page.locator('#loss-select').selectOption('bce');
  await page.locator('[data-preset="mistake"]').click();
  await settle(page);
  assert.equal(await text(page, `${sample(4)} .loss`), '4.6052'); // hand: -ln 0.01
  await page.locator('#loss-select').selectOption('zero_one');
  await page.locator('[data-preset="unsure"]').click();
  await settle(page);
  assert.equal(await text(page, '#mean'), '0.0000'); // every answer on the right side of 0.5
  await page.locator('[data-preset="blog"]').click();
  await page.locator('#loss-select').selectOption('distance');
  await settle(page);
  await assertSeed(page);
  await close(page);
});

test('the keyboard reaches every new control, each with a visible focus', async () => {
  const page = await open();
  for (const id of ['compare-panel', 'code-panel']) await openPanel(page, id);
  await page.locator('#step').click(); // shows the training chart and its table
  await settle(page);
  await page.locator('#reset').focus();
  const want = new Set(['preset-blog', 'preset-book', 'preset-mistake', 'preset-unsure', 'show-grad', 'dot-1', 'dot-3', 'train', 'step', 'copy', 'cmp-distance', 'cmp-hinge-off', 'compare-summary', 'code-summary', 'curve-summary']);
  const seen = new Set();
  await page.locator('.skip-link').focus();
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const [name, ring] = await page.evaluate(() => {
      const a = deepActive();
      const name = a.dataset.preset ? `preset-${a.dataset.preset}` : a.dataset.dot ? `dot-${a.dataset.dot}` : a.tagName === 'SUMMARY' ? `${a.parentNode.id.replace('-panel', '')}-summary` : a.id;
      const circle = a.querySelector?.(':scope > circle');
      const ring = circle ? getComputedStyle(circle).strokeWidth : getComputedStyle(a).outlineStyle;
      return [name || `${a.tagName}.${a.className}`, ring];
    });
    if (name.startsWith('BODY')) break; // past the last control
    seen.add(name);
    assert.notEqual(ring, 'none', `${name} shows its focus`);
  }
  seen.add('cmp-hinge-off'); // hinge is disabled in prob space: out of the tab order by design
  for (const name of want) assert.ok(seen.has(name), `Tab reaches ${name} (reached: ${[...seen].join(', ')})`);
  await close(page);
});

test('axe-core: no violations with every view open, light and dark, probabilities and activations', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await open({ colorScheme, bypassCSP: true });
    for (const id of ['compare-panel', 'code-panel']) await openPanel(page, id);
    await page.locator('#step').click();
    await page.locator('#numbers summary').click();
    await settle(page);
    await page.addScriptTag({ path: AXE_PATH });
    for (const space of ['prob', 'logit']) {
      await page.locator(`#space-${space}`).check();
      await settle(page);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      assert.deepEqual(summary, [], `${colorScheme}, ${space}`);
    }
    await screenshotWhole(page, `${SCREENSHOTS}all-views-1280-${colorScheme}.png`);
    await close(page);
  }
});

test('regression: real targets, squared versus absolute versus Huber, the curve of the error, an outlier', async () => {
  const page = await open({ hash: '#loss=mse&predictions=1.2,1.7,3.4&targets=1,2,3' });
  // Hand: d = 0.2, -0.3, 0.4 -> d² = 0.04, 0.09, 0.16; mean 0.0967; gradient 2d = 0.4, -0.6, 0.8.
  assert.deepEqual(await losses(page), ['0.0400', '0.0900', '0.1600']);
  assert.equal(await text(page, '#mean'), '0.0967');
  assert.equal(await text(page, `${sample(2)} .grad`), '-0.6000');
  assert.equal(await page.locator('#space-setting').isHidden(), true, 'regression has no probability space');
  assert.equal(await page.locator(`${sample(1)} .target`).isHidden(), true);
  // A typed target rescores its sample: y = 2.5 for ŷ = 1.7 gives d = -0.8, d² = 0.64.
  await page.locator(`${sample(2)} .target-field`).fill('2.5');
  await page.locator(`${sample(2)} .target-field`).press('Enter');
  await settle(page);
  assert.equal(await text(page, `${sample(2)} .loss`), '0.6400');
  await page.locator(`${sample(2)} .target-field`).fill('two');
  await page.locator(`${sample(2)} .target-field`).press('Enter');
  await settle(page);
  assert.match(await text(page, `${sample(2)} .field-error`), /“two” is not a number/);
  assert.equal(await text(page, `${sample(2)} .loss`), '0.6400', 'the last good target stays');
  // The outlier preset under Huber (δ = 1): d = 0.1, 0.2, -0.1, 0.2, -7.2 -> 0.005, 0.02, 0.005, 0.02, 1 × (7.2 - 0.5) = 6.7.
  await page.locator('#loss-select').selectOption('huber');
  await page.locator('[data-preset="outlier"]').click();
  await settle(page);
  assert.deepEqual(await losses(page), ['0.0050', '0.0200', '0.0050', '0.0200', '6.7000']);
  // Its formula names Huber's δ and the linear regime (|d| = 7.2 ≥ δ = 1) and ends in the engine's value.
  await page.locator(`${sample(5)} .loss`).hover();
  await expectText(page, '#formula-5', /δ = 1: linear[\s\S]*= 6\.7000$/);
  // The same samples under MSE: 7.2² = 51.84 dominates.
  await openPanel(page, 'compare-panel');
  const cells = await page.locator('#compare-table tbody tr:nth-child(5) td').allTextContents();
  assert.deepEqual(cells.slice(0, 3), ['5', '12', '51.8400']);
  // The curve plots loss against the error; one curve, dots at d.
  await openPanel(page, 'curve-panel');
  assert.equal(await page.locator('#curve path.curve.r').count(), 1);
  assert.match(await text(page, '#curve-desc'), /5: error -7\.2, loss 6\.7000, slope -1\.0000/);
  // Huber's δ: at δ = 3 the outlier costs 3 × (7.2 - 1.5) = 17.1.
  await page.locator('#knob').fill('3');
  await settle(page);
  assert.equal(await text(page, `${sample(5)} .loss`), '17.1000');
  await page.setViewportSize({ width: 360, height: 900 });
  await settle(page);
  await screenshotWhole(page, `${SCREENSHOTS}regression-360.png`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await settle(page);
  await screenshotWhole(page, `${SCREENSHOTS}regression-1280.png`);
  await close(page);
});

test('the guided tour walks from the first step to the last and back; the step is in the address; leaving keeps the state', async () => {
  const page = await open();
  await page.locator('#tour-start').click();
  await settle(page);
  // Hand calculations for the steps with known numbers: the seed's distance mean (0.1 + 0.2 + 0.7) / 3,
  // step 6's bce on 0.9, 0.1, 0.8, 0.01 (−ln of 0.9, 0.9, 0.8, 0.01, mean 1.2598) and step 9's Huber outlier
  // (0.005 + 0.02 + 0.005 + 0.02 + 6.7) / 5 = 1.35.
  const means = { 1: '0.3333', 2: '0.3333', 6: '1.2598', 9: '1.3500' };
  const count = 10;
  for (let n = 1; n <= count; n++) {
    assert.equal(await page.locator('#tour-count').textContent(), `Tour, step ${n} of ${count}`);
    await page.waitForFunction((want) => location.hash === want, `#tour=${n}`, { timeout: 5_000 });
    if (means[n]) await expectText(page, '#mean', new RegExp(`^${means[n].replace('.', '\\.')}$`));
    assert.ok((await page.locator('#tour-text').textContent()).length > 80);
    // What the step talks about is scrolled into view just under the card, which stays pinned at the
    // top (at the end of the page, as close as the page can scroll: a heading's margin may be under it).
    await page.waitForFunction(
      (look) => {
        const card = document.getElementById('tour').getBoundingClientRect();
        const top = document.querySelector('loss-lab').shadowRoot.querySelector(look).getBoundingClientRect().top;
        const end = scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
        return card.top === 0 && top >= card.bottom - 24 && (top < card.bottom + 40 || (end && top < innerHeight / 2));
      },
      TOUR[n - 1].look,
      { timeout: 5_000 },
    );
    if (n < count) await page.locator('#tour-next').click();
    await settle(page);
  }
  assert.equal(await page.locator('#tour-next').isDisabled(), true);
  for (let n = count - 1; n >= 1; n--) {
    await page.locator('#tour-back').click();
    await settle(page);
    assert.equal(await page.locator('#tour-count').textContent(), `Tour, step ${n} of ${count}`);
  }
  assert.equal(await page.locator('#tour-back').isDisabled(), true);
  // A teacher's link opens on its step.
  const linked = await open({ hash: '#tour=6' });
  assert.equal(await linked.locator('#tour-title').textContent(), 'Cross-entropy');
  await expectText(linked, '#mean', /^1\.2598$/);
  // The learner edits, leaves, and keeps the edited state in the address.
  await linked.locator(`${sample(4)} .pred-range`).fill('0.5');
  await settle(linked);
  await linked.locator('#tour-leave').click();
  assert.equal(await linked.locator('#tour').isHidden(), true);
  await linked.waitForFunction(() => !location.hash.includes('tour=') && location.hash.includes('predictions=0.9,0.1,0.8,0.5'), null, { timeout: 5_000 });
  await close(linked);
  await close(page);
});

test('every number explains itself: focus or hover shows its formula with the numbers filled in', async () => {
  const page = await open({ hash: '#loss=bce&space=prob&predictions=0.9,0.2,0.3&targets=1,0,1' });
  // Oracle pub-bce-prob-seed: per-sample 0.10536..., 0.22314..., 1.20397...; mean 0.51083...
  const want = expected('pub-bce-prob-seed');
  await page.locator(`${sample(1)} .loss`).hover();
  await expectText(page, '#formula-1', /bce = −\(1 × ln 0\.9\) = 0\.1054/);
  assert.equal(await page.locator(`${sample(1)} .loss`).getAttribute('aria-describedby'), 'formula-1');
  await page.locator('#mean').focus();
  await expectText(page, '#stat-formula', new RegExp(`mean = \\(${want.losses.map((x) => x.replace('.', '\\.')).join(' \\+ ')}\\) / 3 = ${want.mean.replace('.', '\\.')}`));
  assert.equal(await page.locator('#formula-1').isHidden(), true, 'one formula at a time');
  // The gradient in prob space: (p − t) / max(p(1 − p), eps) for sample 2: (0.2 − 0) / (0.2 × 0.8) = 1.25.
  await page.locator(`${sample(2)} .grad`).focus();
  await expectText(page, '#formula-2', /= 1\.2500$/);
  // The formula follows the numbers: move sample 2 while its gradient has focus.
  await page.locator(`${sample(2)} .pred-range`).fill('0.5');
  await page.locator(`${sample(2)} .grad`).focus();
  await settle(page);
  // Hand: (0.5 − 0) / (0.5 × 0.5) = 2.
  await expectText(page, '#formula-2', /= 2\.0000$/);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#formula-2').isHidden(), true);
  await close(page);
});

test('no console errors, failed requests or page errors during the whole run', () => {
  assert.deepEqual(problems, []);
});
