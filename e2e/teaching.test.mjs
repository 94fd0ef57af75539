// Teaching truth (issue 13): what a teacher preparing a lecture found, each as a browser test that
// failed before its fix. The tour's steps are read against the numbers on the screen.
// Through harness.mjs; `cd e2e && node --test teaching.test.mjs`.
//
// Expected numbers: PyTorch's oracle (tests/data/oracle.json, by case id) or a hand calculation
// written beside them; never the page's own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SCREENSHOTS,
  attrOf,
  close,
  eventually,
  expectAttr,
  expectState,
  expectText,
  expectTexts,
  expectValue,
  oracleCase,
  open,
  problems,
  sample,
  setup,
  textOf,
  togglePanel,
} from './harness.mjs';
import { TOUR } from '../www/tour.js';

setup();

/** Every text in the lab's shadow root, with typographic minus signs as ASCII. */
const labText = (page) => page.evaluate(() => document.querySelector('loss-lab').shadowRoot.textContent.replace(/\u2212/g, '-'));
const stepOf = (title) => TOUR.findIndex((step) => step.title === title) + 1;

test('a refused value never reaches the chart: typing 1.5 keeps 0.9 on screen, and Escape restores it', async () => {
  const page = await open({ hash: `#tour=${stepOf('Why predictions must stay between 0 and 1')}` });
  await expectText(page, '#mean', '0.3333');
  const field = page.locator(`${sample(1)} .pred-field`);
  await field.click();
  await field.press('Control+a');
  // One key at a time: "1" is a number and may show; once "1.5" is refused, the lab is back at 0.9.
  await field.pressSequentially('1.5');
  await expectText(page, `${sample(1)} .field-error`, /^Prediction 1 is 1\.5, outside \[0, 1\]/);
  // Hand: distance at 0.9, 0.2, 0.3 is 0.1, 0.2, 0.7, mean 0.3333.
  await expectText(page, `${sample(1)} .loss`, '0.1000');
  await expectText(page, '#mean', '0.3333');
  await expectValue(page, `${sample(1)} .pred-range`, '0.9');
  await field.press('Escape');
  await expectValue(page, `${sample(1)} .pred-field`, '0.9');
  await expectText(page, `${sample(1)} .field-error`, '');
  // "-0.5": the partial "-0" is p = 0 while typed; once "-0.5" is refused sample 2 is back at 0.2, loss 0.2000.
  const second = page.locator(`${sample(2)} .pred-field`);
  await second.click();
  await second.press('Control+a');
  await second.pressSequentially('-0.5');
  await expectText(page, `${sample(2)} .field-error`, /^Prediction 2 is -0\.5, outside \[0, 1\]/);
  await expectText(page, `${sample(2)} .loss`, '0.2000');
  await expectText(page, '#mean', '0.3333');
  await close(page);
});

test('an open tab follows a new address: a pasted tour link or Share link changes the lab without a reload', async () => {
  const page = await open();
  await expectText(page, '#mean', '0.3333');
  const accuracy = stepOf('Why accuracy is not a loss');
  await page.evaluate((n) => {
    location.hash = `#tour=${n}`;
  }, accuracy);
  await expectText(page, '#tour-title', 'Why accuracy is not a loss');
  await expectValue(page, '#loss-select', 'zero_one');
  // A Share link for bce at 0.5, 0.5, 0.5: −ln 0.5 = 0.6931 each (hand).
  await page.evaluate(() => {
    location.hash = '#loss=bce&predictions=0.5,0.5,0.5&targets=1,0,1';
  });
  await expectState(page.locator('#tour'), 'hidden');
  await expectText(page, '#mean', '0.6931');
  // Back goes to the tour step again.
  await page.goBack();
  await expectText(page, '#tour-title', 'Why accuracy is not a loss');
  await close(page);
});

test('the tour’s numbers are the screen’s: every number a step names is shown while the step is on', async () => {
  // For each step that names numbers or a comparison: what must be on the screen (ASCII minus).
  const want = {
    'Targets and predictions': ['0.9', '0.2', '0.3'],
    'The first loss: how far off': ['0.3333'],
    // Step 5's single sample at x = −10, target 1 (hand): distance 1 − σ(−10) = 0.99995 → 1.0000, its
    // gradient −σ(−10)(1 − σ(−10)) = −4.540e−05; cross-entropy's σ(−10) − 1 = −0.99995 → −1.0000.
    'Why not the distance after a sigmoid?': ['1.0000', '-4.540e-05', '-1.0000'],
    // Oracle pub-distance-prob-seed and a hand count: 0-1 loss has gradient 0 everywhere.
    'Why accuracy is not a loss': ['0.0000'],
    // Hand: distance 1 − 0.01 = 0.9900; cross-entropy −ln 0.01 = 4.6052 (the text rounds it to 4.6).
    'Cross-entropy': ['0.9900', '4.6052'],
    // Hand: sample 5 is off by 4.8 − 12 = −7.2: squared 51.8400, Huber 7.2 − 0.5 = 6.7000, absolute
    // 7.2000; gradients of the mean over 5 samples: 2 × −7.2 / 5 = −2.8800, and −1 / 5 = −0.2000.
    'Regression: how much, not which': ['51.8400', '6.7000', '7.2000', '-2.8800', '-0.2000'],
  };
  for (const [title, numbers] of Object.entries(want)) {
    const n = stepOf(title);
    assert.ok(n > 0, `a step is called ${title}`);
    const text = TOUR[n - 1].text.replace(/\u2212/g, '-');
    const page = await open({ hash: `#tour=${n}` });
    await expectText(page, '#tour-title', title);
    for (const number of numbers) {
      // The number is in the step's text (to four decimals, or as the text rounds it) and on the screen.
      const forms = [number, String(Number(number)), Number(number).toFixed(1)];
      assert.ok(forms.some((form) => text.includes(form)) || number === '0.0000', `${title}: the text names ${number}`);
      await eventually(
        () => labText(page),
        (all) => all.includes(number),
        { message: `${title}: ${number} on the screen` },
      );
    }
    await close(page);
  }
});

test('the sigmoid comes with the distance loss, and its dots can be dragged and moved with the keyboard', async () => {
  const page = await open({ hash: `#tour=${stepOf('The sigmoid')}` });
  await expectValue(page, '#loss-select', 'distance');
  await expectState(page.locator('#space-logit'), 'checked');
  const dot = page.locator('#sigmoid .sdot[data-dot="1"]');
  await expectAttr(page, '#sigmoid .sdot[data-dot="1"]', 'aria-valuenow', '2.2');
  await dot.focus();
  await dot.press('ArrowRight');
  await expectValue(page, `${sample(1)} .pred-field`, '2.3');
  await dot.press('Home');
  await expectValue(page, `${sample(1)} .pred-field`, '-10');
  // Dragged with the mouse to the middle of the axis: x near 0.
  const box = await page.locator('#sigmoid').boundingBox();
  const handle = await dot.boundingBox();
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await eventually(
    async () => Math.abs(Number(await attrOf(page, '#sigmoid .sdot[data-dot="1"]', 'aria-valuenow'))),
    (x) => x < 1.5,
    {
      message: 'the dragged activation is near 0',
    },
  );
  await close(page);
});

test('gradients are of the mean loss, as loss.mean().backward() gives them; the switch shows those of the sum', async () => {
  const page = await open();
  // Oracle pub-distance-prob-seed: gradient of the sum −1, 1, −1; of the mean over 3 samples −0.3333, 0.3333, −0.3333 (hand).
  assert.deepEqual(oracleCase('pub-distance-prob-seed').grad, [-1, 1, -1]);
  await expectTexts(page, '#samples .grad', ['-0.3333', '0.3333', '-0.3333']);
  await expectText(page, '#backward-note', /the sample’s own slope ÷ 3 samples/);
  await togglePanel(page, 'code');
  await expectText(page, '#code', /\nloss\.mean\(\)\.backward\(\)\n/);
  await expectText(page, '#code-output', /tensor\(\[-0\.3333, {2}0\.3333, -0\.3333\]\)$/);
  await page.locator('#backward-sum').check();
  await expectTexts(page, '#samples .grad', ['-1.0000', '1.0000', '-1.0000']);
  await expectText(page, '#code', /\nloss\.sum\(\)\.backward\(\)\n/);
  await eventually(() => page.evaluate(() => location.hash), /backward=sum/, { message: 'the address keeps the switch' });
  await close(page);
  // Many classes follow the same rule: oracle pub-cross_entropy-none-rand02's gradient of the sum, over N.
  const c = oracleCase('pub-cross_entropy-none-rand02');
  const mx = await open({
    hash: `#loss=cross_entropy&predictions=${c.inputs.map((r) => r.join(',')).join(';')}&targets=${c.targets.join(',')}`,
  });
  const n = c.inputs.length;
  await expectTexts(
    mx,
    '.mx-sample:first-child .mx-cells .mx-g',
    c.grad[0].map((g) => (g / n).toFixed(4)),
  );
  await close(mx);
});

test('accuracy beside the loss: the count does not move while the loss does', async () => {
  const page = await open({ hash: '#loss=bce&lr=0.1' });
  // Hand: 0.9 for 1 right, 0.2 for 0 right, 0.3 for 1 wrong. A step at learning rate 0.1 moves sample 3
  // by 0.1 × (1 / 0.3) / 3 = 0.1111 to 0.4111: the loss falls, the count stays.
  await expectText(page, '#accuracy', '0.6667 (2 of 3)');
  await expectText(page, '#mean', '0.5108');
  await page.locator('#step').click();
  await expectText(page, '#step-note', /^Mean loss 0\.5108 → /);
  await eventually(
    () => textOf(page, '#mean'),
    (mean) => Number(mean) < 0.5108,
    { message: 'the loss fell' },
  );
  await expectText(page, '#accuracy', '0.6667 (2 of 3)');
  await page.locator(`${sample(3)} .pred-range`).fill('0.6');
  await expectText(page, '#accuracy', '1.0000 (3 of 3)');
  await close(page);
  // Many classes: the default example's most probable class is right for samples 1 and 2 (hand).
  const mx = await open({ hash: '#loss=cross_entropy' });
  await expectText(mx, '#mx-accuracy', '0.6667 (2 of 3)');
  await close(mx);
});

test('smaller faults: training notes, zero-one training, off-scale dots, nice axes, short links, the blog post named', async () => {
  // A small learning rate: the run goes on until it is paused.
  const page = await open({ hash: '#loss=bce&lr=0.1' });
  // A single step's note is not left standing while a run goes on.
  await page.locator('#step').click();
  await expectText(page, '#step-note', /^Mean loss /);
  await page.locator('#train').click();
  await expectText(page, '#step-note', /^Training/);
  await page.locator('#train').click();
  await expectText(page, '#step-note', /^Paused\. Mean loss /);
  // Zero-one: nothing moves, and the lab says so instead of drawing a run of two equal means.
  await page.locator('#loss-select').selectOption('zero_one');
  await page.locator('#train').click();
  await expectText(page, '#step-note', 'Nothing moved: every gradient is zero.');
  await expectState(page.locator('#train-box'), 'hidden');
  await expectText(page, '#train', 'Train');
  // The preset names the post it comes from.
  await expectText(page, '[data-preset="blog"] + span', /“What is Loss in Deep Learning\?”/);
  await close(page);
  // After switching to activations a link is short: eight significant digits (ln 9 = 2.197224577…, hand).
  const link = await open({ hash: '#loss=bce' });
  await link.locator('#space-logit').check();
  await eventually(() => link.evaluate(() => location.hash), /predictions=2\.1972246,-1\.3862944,-0\.84729786/, {
    message: 'a short link',
  });
  await close(link);

  // The outlier: its dot on the error curve sits inside the plot, labelled with its value; Compare's axis ends at 60, not 100.
  const outlier = await open({
    hash: '#loss=mse&targets=1,2,3,4,12&predictions=1.1,2.2,2.9,4.2,4.8&compare=mse,mae,huber&open=curve,compare',
  });
  await expectText(outlier, '#curve .dot[data-dot="5"] text', '5 ← d -7.2 ↑ loss 51.8400');
  await expectAttr(outlier, '#compare-chart', 'data-y-max', '60');
  const transform = await attrOf(outlier, '#curve .dot[data-dot="5"]', 'transform');
  const [, , y] = transform.match(/translate\(([\d.]+) ([\d.]+)\)/);
  assert.ok(Number(y) > 22, `the off-scale dot sits inside the plot (y ${y})`);
  await close(outlier);
});

test('Compare’s colours follow the loss, not its place in the list; the program in the code view wraps instead of hiding its end', async () => {
  // bce is the second binary loss in the menu: its look is s1 whether it is compared first or second.
  const classOf = (page, id) => attrOf(page, `#compare-chart rect.bar[data-series="${id}"]`, 'class');
  const first = await open({ hash: '#open=compare&compare=bce,brier&loss=bce' });
  await expectAttr(first, '#compare-panel', 'data-chosen', 'bce,brier');
  await eventually(() => classOf(first, 'bce'), 'bar s1', { message: 'bce’s look with brier' });
  await eventually(() => classOf(first, 'brier'), 'bar s2', { message: 'brier’s look' });
  await close(first);
  const second = await open({ hash: '#open=compare&compare=distance,bce&loss=bce' });
  await eventually(() => classOf(second, 'bce'), 'bar s1', { message: 'bce’s look with distance' });
  await expectText(second, '#compare-legend li.key-s1', /^CE: binary cross-entropy/);
  await close(second);
  // At 360 px the program's longest line (the tensor of predictions) wraps inside its box.
  const narrow = await open({ width: 360, height: 740, hash: '#open=code&loss=bce&space=logit' });
  await expectText(narrow, '#code', /requires_grad=True\) {2}# activations/);
  const overflow = await narrow.evaluate(() => {
    const pre = document.querySelector('loss-lab').shadowRoot.querySelector('pre.code-source');
    return { scroll: pre.scrollWidth, client: pre.clientWidth, wrap: getComputedStyle(pre).whiteSpace };
  });
  assert.equal(overflow.wrap, 'pre-wrap');
  assert.ok(overflow.scroll <= overflow.client, `nothing hidden to the right: ${overflow.scroll} <= ${overflow.client}`);
  await close(narrow);
});

test('the first screen shows the numbers: the seed’s bars and its mean without scrolling, at 1280 × 800, 1024 × 768 and 360 × 740', async () => {
  for (const [width, height] of [
    [1280, 800],
    [1024, 768],
    [360, 740],
  ]) {
    const page = await open({ width, height });
    await expectText(page, '#mean', '0.3333');
    // Every bar drawn, and the mean, lie inside the window as it opens (no scroll).
    const boxes = await eventually(
      () =>
        page.evaluate(() => {
          const root = document.querySelector('loss-lab').shadowRoot;
          const bars = [...root.querySelectorAll('#chart rect.bar')].map((b) => b.getBoundingClientRect()).filter((b) => b.height > 0);
          const mean = root.querySelector('#mean').getBoundingClientRect();
          return { scrolled: scrollY, bars: bars.map((b) => [b.top, b.bottom]), mean: [mean.top, mean.bottom] };
        }),
      (b) => b.bars.length === 3,
      { message: 'three bars drawn' },
    );
    assert.equal(boxes.scrolled, 0);
    for (const [top, bottom] of [...boxes.bars, boxes.mean])
      assert.ok(top >= 0 && bottom <= height, `${width} × ${height}: ${top}–${bottom} inside`);
    await page.screenshot({ path: `${SCREENSHOTS}first-screen-${width}.png` });
    await close(page);
  }
});

test('no console errors, failed requests or page errors during the whole run', () => {
  assert.deepEqual(problems, []);
});
