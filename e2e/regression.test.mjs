// Browser test of the full page's regression losses: real targets, squared versus absolute versus
// Huber, the curve of the error, an outlier. Through harness.mjs; `cd e2e && node --test regression.test.mjs`.
//
// Expected numbers are hand calculations written beside them; never from the module under test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SCREENSHOTS,
  close,
  eventually,
  expectCount,
  expectLosses,
  expectState,
  expectText,
  open,
  problems,
  sample,
  screenshotWhole,
  setup,
  textsOf,
  waitFor,
  togglePanel,
} from './harness.mjs';

setup();

test('regression: real targets, squared versus absolute versus Huber, the curve of the error, an outlier', async () => {
  const page = await open({ hash: '#loss=mse&predictions=1.2,1.7,3.4&targets=1,2,3' });
  // Hand: d = 0.2, -0.3, 0.4 -> d² = 0.04, 0.09, 0.16; mean 0.0967; each slope 2d = 0.4, -0.6, 0.8,
  // and the gradient of the mean 2d / 3 = 0.1333, -0.2000, 0.2667.
  await expectLosses(page, ['0.0400', '0.0900', '0.1600']);
  await expectText(page, '#mean', '0.0967');
  await expectText(page, `${sample(2)} .grad`, '-0.2000');
  await expectState(page.locator('#space-setting'), 'hidden', true, { message: 'regression has no probability space' });
  await expectState(page.locator(`${sample(1)} .target`), 'hidden');
  // A typed target rescores its sample: y = 2.5 for ŷ = 1.7 gives d = -0.8, d² = 0.64.
  await page.locator(`${sample(2)} .target-field`).fill('2.5');
  await page.locator(`${sample(2)} .target-field`).press('Enter');
  await expectText(page, `${sample(2)} .loss`, '0.6400');
  await page.locator(`${sample(2)} .target-field`).fill('two');
  await page.locator(`${sample(2)} .target-field`).press('Enter');
  await expectText(page, `${sample(2)} .field-error`, /“two” is not a number/);
  await expectText(page, `${sample(2)} .loss`, '0.6400', { message: 'the last good target stays' });
  // The outlier preset under Huber (δ = 1): d = 0.1, 0.2, -0.1, 0.2, -7.2 -> 0.005, 0.02, 0.005, 0.02, 1 × (7.2 - 0.5) = 6.7.
  await page.locator('#loss-select').selectOption('huber');
  await page.locator('[data-preset="outlier"]').click();
  await expectLosses(page, ['0.0050', '0.0200', '0.0050', '0.0200', '6.7000']);
  // Its formula names Huber's δ and the linear regime (|d| = 7.2 ≥ δ = 1) and ends in the engine's value.
  await page.locator(`${sample(5)} .loss`).hover();
  await expectText(page, '#formula-5', /δ = 1: linear[\s\S]*= 6\.7000$/);
  // The same samples under MSE: 7.2² = 51.84 dominates.
  await togglePanel(page, 'compare');
  await eventually(async () => (await textsOf(page, '#compare-table tbody tr:nth-child(5) > *')).slice(0, 3), ['5', '12', '51.8400'], {
    message: 'compare table, row 5',
  });
  // The curve plots loss against the error; one curve, dots at d.
  await togglePanel(page, 'curve');
  await expectCount(page, '#curve path.curve.r', 1);
  await expectText(page, '#curve-desc', /5: error -7\.2, loss 6\.7000, slope -1\.0000/);
  // Huber's δ: at δ = 3 the outlier costs 3 × (7.2 - 1.5) = 17.1.
  await page.locator('#delta').fill('3');
  await expectText(page, `${sample(5)} .loss`, '17.1000');
  await page.setViewportSize({ width: 360, height: 900 });
  await screenshotWhole(page, `${SCREENSHOTS}regression-360.png`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshotWhole(page, `${SCREENSHOTS}regression-1280.png`);
  await close(page);
});

test('poisson_nll: counts under a log rate, PyTorch’s numbers, a refused negative count, one curve per count', async () => {
  const page = await open({ hash: '#loss=poisson_nll&predictions=1.2,1.7,3.4&targets=1,2,3' });
  // PyTorch 2.15, float64: F.poisson_nll_loss(torch.tensor([1.2, 1.7, 3.4]), torch.tensor([1., 2., 3.]),
  // log_input=True, full=False, reduction='none') -> 2.1201, 2.0739, 19.7641; mean 7.9861; the gradient
  // of the mean (e^ŷ − y) / 3 -> 0.7734, 1.1580, 8.9880.
  await expectLosses(page, ['2.1201', '2.0739', '19.7641']);
  await expectText(page, '#mean', '7.9861');
  await expectText(page, `${sample(3)} .grad`, '8.9880');
  await expectText(page, '#loss-desc', /counts/);
  // A count below 0 is refused by the engine, which names the sample and the value; the last good target stays.
  await page.locator(`${sample(2)} .target-field`).fill('-1');
  await page.locator(`${sample(2)} .target-field`).press('Enter');
  await expectText(page, `${sample(2)} .field-error`, /-1|−1/);
  await expectText(page, `${sample(2)} .field-error`, /count/);
  await expectText(page, `${sample(2)} .loss`, '2.0739', { message: 'the last good target stays' });
  // Its formula: e^ŷ − y × ŷ with the sample's numbers, ending in the engine's value.
  await page.locator(`${sample(1)} .loss`).focus();
  await expectText(page, '#formula-1', /poisson_nll = e\^ŷ − y × ŷ[\s\S]*poisson_nll = e\^1\.2 − 1 × 1\.2 = 2\.1201$/);
  // The curve is drawn against ŷ, one curve per count, its axis reaching below 0 (3 − 3 ln 3 = −0.2958).
  await page.locator('#curve').scrollIntoViewIfNeeded();
  await expectCount(page, '#curve path.curve.r:not([display="none"])', 3);
  await expectText(page, '#curve-desc', /1: count 1, prediction 1\.2, loss 2\.1201/);
  await expectText(page, '#curve-hint-regression', /one curve per count/);
  await expectText(page, '#curve', /y = 3/);
  await expectText(page, '#curve', /prediction ŷ, the log of the rate/);
  // Training moves each ŷ towards ln y: the mean falls.
  await page.locator('#step').click();
  await eventually(async () => Number(await textsOf(page, '#mean').then((t) => t[0])) < 7.9861, true, {
    message: 'a step lowers the mean',
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshotWhole(page, `${SCREENSHOTS}poisson-1280.png`);
  await close(page);
});

test('poisson_nll below 0: the bar goes down from 0, the axis reaches it, and training follows it', async () => {
  // PyTorch 2.15, float64: poisson_nll_loss([0, 0.7, 1.1], [1, 2, 3], log_input=True, full=False) -> 1.0000, 0.6138, -0.2958; mean 0.4393.
  const page = await open({ hash: '#loss=poisson_nll&predictions=0,0.7,1.1&targets=1,2,3&lr=0.1' });
  await expectLosses(page, ['1.0000', '0.6138', '-0.2958']);
  await expectText(page, '#mean', '0.4393');
  const bar = await waitFor(page, () => {
    const svg = document.querySelector('loss-lab').shadowRoot.getElementById('chart');
    const rect = svg.querySelector('rect.bar[data-loss^="-"]');
    const axis = [...svg.querySelectorAll('.tick text')].map((t) => t.textContent);
    return rect && axis.includes('0') ? { y: Number(rect.getAttribute('y')), height: Number(rect.getAttribute('height')), axis } : null;
  });
  const { y, height, axis } = await bar.jsonValue();
  assert.ok(
    Math.abs(y + 0.29584) < 1e-4 && Math.abs(height - 0.29584) < 1e-4,
    `the negative bar spans [−0.2958, 0]: y ${y}, height ${height}`,
  );
  assert.ok(Number(axis[0]) < 0, `the axis starts below 0: ${axis}`);
  await page.locator('#train').click();
  await eventually(async () => (await textsOf(page, '#train-summary'))[0]?.length > 0, true, { message: 'training draws its chart' });
  await page.locator('#train').click();
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshotWhole(page, `${SCREENSHOTS}poisson-below-0-1280.png`);
  await close(page);
});

test('a count below 0: poisson_nll is not taken from the menu, and Compare leaves it out, each saying why', async () => {
  const page = await open({ hash: '#loss=mse&predictions=1.2,1.7,3.4&targets=1,-2,3&open=compare' });
  await expectText(page, '#mean', '4.6300'); // hand: d = 0.2, 3.7, 0.4 -> (0.04 + 13.69 + 0.16) / 3
  await expectState(page.locator('#cmp-poisson_nll'), 'disabled');
  await page.locator('#loss-select').selectOption('poisson_nll');
  await expectText(
    page,
    '#samples-note',
    /^Poisson negative log-likelihood cannot score these samples: target 2 is -2, but poisson_nll's target is a count: 0 or more\.$/,
  );
  await expectText(page, '#mean', '4.6300', { message: 'still mean squared error' });
  await eventually(() => page.locator('#loss-select').inputValue(), 'mse', { message: 'the menu shows the loss kept' });
  await close(page);
});

test('no console errors, failed requests or page errors during the whole run', () => {
  assert.deepEqual(problems, []);
});
