// Browser tests of what an attribute changes (issue 24): `theme`, `views`, `readonly` and
// `heading-level` restyle the lab and leave its state alone, so a training run keeps going with its
// history; a state attribute set to what the lab already holds changes nothing. Through harness.mjs;
// `cd e2e && node --test attributes.test.mjs`.
//
// Training ticks on a timer: every read waits for the step it is about, and "still running" is read
// as "more means than before, the first one unchanged". The runs tick under reduced motion (600 ms),
// so that on a busy machine no run reaches its 500-step end before the test is through.
// A state attribute is set "to what it is" with other text that reads the same (` bce `, `1, 0, 1`):
// the same text would not reach the element at all (attributeChangedCallback skips equal values).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SEED_MEAN,
  attrOf,
  close,
  eventually,
  expectText,
  expected,
  lab,
  open,
  problems,
  setup,
  waitLabs,
  waitMean,
  withPage,
  wwwUrl,
} from './harness.mjs';

setup();

/** The means of a training chart's run (does not wait). */
const runMeans = async (page, selector) => ((await attrOf(page, selector, 'data-means')) ?? '').split(',').filter(Boolean).map(Number);

/** Sets attributes of the element `id`, all in one task (null removes one). */
const setAttributes = (page, id, attributes) =>
  page.evaluate(
    ([i, pairs]) => {
      const el = document.getElementById(i);
      for (const [name, value] of pairs) value === null ? el.removeAttribute(name) : el.setAttribute(name, value);
    },
    [id, Object.entries(attributes)],
  );

/** Waits for a run to have more than `count` means, starting from `first`: it kept going with its history. */
async function expectRunGoesOn(page, selector, count, first, what) {
  const means = await eventually(
    () => runMeans(page, selector),
    (m) => m.length > count + 2,
    { timeout: 30_000, message: `the run went on past ${count} means after ${what}` },
  );
  assert.equal(means[0], first, `the run kept its history after ${what}`);
  return means.length;
}

test('theme, views, readonly and heading-level set while training keep the run and its history', async () => {
  const page = await open();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.locator('#loss-select').selectOption('bce');
  await page.locator('#learning-rate').selectOption('0.01');
  await page.locator('#train').click();
  const means = await eventually(
    () => runMeans(page, '#train-chart'),
    (m) => m.length >= 4,
    { message: 'four means in the run' },
  );
  // The run starts at the bce mean of the seed (oracle pub-bce-prob-seed).
  assert.equal(means[0].toFixed(4), expected('pub-bce-prob-seed').mean);
  const first = means[0];
  let count = means.length;

  const restyles = [
    ['theme dark', { theme: 'dark' }],
    ['views without the sigmoid', { views: 'chart,gradient,curve,controls' }],
    ['heading-level 3', { 'heading-level': '3' }],
    ['readonly', { readonly: '' }],
    ['readonly removed, theme auto, views removed', { readonly: null, theme: 'auto', views: null }],
  ];
  for (const [what, attributes] of restyles) {
    await setAttributes(page, 'lab', attributes);
    count = await expectRunGoesOn(page, '#train-chart', count, first, what);
    await expectText(page, '#train', 'Pause');
  }
  // The restyling itself took effect: dark colours, the views, the headings' level.
  await setAttributes(page, 'lab', { theme: 'dark', views: 'chart,controls', 'heading-level': '4' });
  await eventually(() => lab(page).evaluate((el) => getComputedStyle(el).colorScheme), 'dark', { message: 'the dark theme applies' });
  await eventually(() => page.evaluate(() => labOf().getElementById('curve-panel').closest('[data-view]').hidden), true, {
    message: 'the curve is hidden once views leaves it out',
  });
  await eventually(() => page.evaluate(() => labOf().querySelector('h2')?.getAttribute('aria-level')), '4', {
    message: 'the headings take heading-level',
  });
  count = await expectRunGoesOn(page, '#train-chart', count, first, 'theme, views and heading-level together');

  // The state attributes set again to what the lab holds, in other words: nothing changes, the run goes on.
  const held = await lab(page).evaluate((el) => ({ loss: el.getAttribute('loss'), targets: el.getAttribute('targets') }));
  assert.deepEqual(held, { loss: 'bce', targets: '1,0,1' });
  await setAttributes(page, 'lab', { loss: ' bce ', targets: '1, 0, 1' });
  count = await expectRunGoesOn(page, '#train-chart', count, first, 'loss and targets set to what they are');
  await expectText(page, '#train', 'Pause');

  // A state attribute that says something else applies: the run stops, and the new state shows.
  // Hand: bce with p = 0.5 is ln 2 = 0.693147 for either target.
  await setAttributes(page, 'lab', { predictions: '0.5,0.5,0.5' });
  await expectText(page, '#mean', '0.6931');
  await expectText(page, '#train', 'Train');
  await close(page);
});

test('the many-classes lab keeps its run when theme and views change', async () => {
  await withPage({}, async ({ page }) => {
    await page.goto(wwwUrl('embed-demo.html'));
    await waitLabs(page, 4);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const classes = lab(page, 'demo-classes');
    await classes.locator('#mx-train').click();
    const means = await eventually(
      () => runMeans(page, '#demo-classes >> #mx-train-chart'),
      (m) => m.length >= 3,
      { message: 'three means in the run' },
    );
    // Oracle-free: the first mean is what the lab showed before training, cross_entropy 1.6912 (harness CLASSES_MEAN).
    assert.equal(means[0].toFixed(4), '1.6912');
    let count = means.length;
    for (const [what, attributes] of [
      ['theme dark', { theme: 'dark' }],
      ['views with the code', { views: 'chart,gradient,controls,code' }],
      ['loss set to what it is', { loss: ' cross_entropy ' }],
    ]) {
      await setAttributes(page, 'demo-classes', attributes);
      count = await expectRunGoesOn(page, '#demo-classes >> #mx-train-chart', count, means[0], what);
    }
    await expectText(page, '#demo-classes >> #mx-train', 'Pause');
    await classes.locator('#mx-train').click();
  });
});

test('the notice names a refused state attribute until it is mended, even when the mended value is what the lab fell back to', async () => {
  await withPage({}, async ({ page }) => {
    await page.goto(wwwUrl('embed-demo.html'));
    await waitLabs(page, 4);
    /** The notice's text, '' while it is hidden (does not wait). */
    const notice = () =>
      page.evaluate(() => {
        const node = labOf('demo-seed').getElementById('notice');
        return node.hidden ? '' : node.textContent;
      });
    await setAttributes(page, 'demo-seed', { targets: 'x' });
    await eventually(notice, (text) => text.includes('targets “x”'), { message: 'the notice names targets “x”' });
    // The lab fell back to the example's targets 1,0,1: set to exactly that, the notice must still go.
    await setAttributes(page, 'demo-seed', { targets: '1,0,1' });
    await eventually(notice, '', { message: 'the notice is gone once targets is mended' });
    // A parameter distance does not have is named; removing it clears the notice.
    await setAttributes(page, 'demo-seed', { params: 'nope=1' });
    await eventually(notice, (text) => text.includes('no parameter “nope”'), { message: 'the notice names the parameter' });
    await setAttributes(page, 'demo-seed', { params: null });
    await eventually(notice, '', { message: 'the notice is gone once params is removed' });
    // Hand: distance of the seed, (0.1 + 0.2 + 0.7) / 3 = 0.3333.
    await waitMean(page, 'demo-seed', SEED_MEAN);
  });
});

test('a loss whose lab cannot load, then one of the lab on screen: the lab on screen comes back', async () => {
  // The failed request is this test's own doing: the page is not watched.
  await withPage({ watch: false }, async ({ page }) => {
    await page.route('**/matrix-lab.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(wwwUrl());
    await page.waitForSelector('body[data-ready="true"]');
    await setAttributes(page, 'lab', { loss: 'cross_entropy' });
    await eventually(
      () => page.evaluate(() => labOf().getElementById('notice').textContent),
      (text) => /could not be loaded/.test(text),
      { message: 'the notice says the many-classes lab could not be loaded' },
    );
    // A restyling attribute still reaches the lab, and the notice keeps saying why the loss is not shown.
    await setAttributes(page, 'lab', { 'heading-level': '3' });
    await eventually(
      () => page.evaluate(() => [labOf().querySelector('h2')?.getAttribute('aria-level'), labOf().getElementById('notice').textContent]),
      ([level, text]) => level === '3' && /could not be loaded/.test(text),
      { message: 'heading-level applies after the failed load, and the notice stays' },
    );
    // Back to the loss the page showed: the main lab shows again (distance of the seed, 0.3333).
    await setAttributes(page, 'lab', { loss: 'distance' });
    await eventually(
      () => page.evaluate(() => [labOf().getElementById('scalar-lab').hidden, labOf().getElementById('mean').textContent]),
      [false, SEED_MEAN],
      { message: 'the main lab is shown again with its mean' },
    );
  });
});

test('no console errors, failed requests or page errors during the whole run', () => {
  assert.deepEqual(problems, []);
});
