// Browser tests of the full page's address (issue 6): the state kept in the address and restored
// exactly by a fresh load, Share, and Embed's snippet reproducing the state on an empty page (www/
// and dist/). Through harness.mjs; `make dist && cd e2e && node --test address.test.mjs`.
//
// Expected numbers are hand calculations written beside them; where a test checks that a state
// survives a round trip, both sides come from the page. The address is written 400 ms after the
// last edit: every read of it waits.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BLANK_HTML,
  assertClean,
  blankPage,
  distUrl,
  eventually,
  expectText,
  lab,
  openFull,
  setup,
  togglePanel,
  waitFor,
  waitLabs,
  waitMean,
  withPage,
  wwwUrl,
} from './harness.mjs';

setup({ dist: true });

/** Everything the reader can see of the lab's state, read from the DOM. */
function readVisibleState() {
  const r = document.querySelector('loss-lab').shadowRoot;
  const q = (s) => r.querySelector(s);
  const qa = (s) => [...r.querySelectorAll(s)];
  return {
    loss: q('#loss-select').value,
    space: q('#space-logit').checked ? 'logit' : q('#space-prob').checked ? 'prob' : 'none',
    predictions: qa('#samples .pred-field').map((f) => f.value),
    sliders: qa('#samples .pred-range').map((f) => f.value),
    targets: qa('#samples .target-value').map((t) => t.textContent),
    losses: qa('#samples .loss').map((t) => t.textContent),
    mean: q('#mean').textContent,
    sum: q('#sum').textContent,
    open: ['curve', 'sigmoid', 'compare', 'code'].filter((p) => q(`#${p}-panel`).open),
    shownPanels: ['curve', 'sigmoid', 'compare', 'code'].filter((p) => !q(`#${p}-panel`).hidden),
    compare: qa('#compare-choices input:checked').map((b) => b.value),
    lr: q('#learning-rate').value,
    grad: q('#show-grad').checked,
    gradBars: q('#chart .grad-band')?.getAttribute('display') ?? 'absent',
    // The loss's own parameter controls, drawn only for a loss that has them (focal's here).
    gamma: q('#gamma')?.value ?? null,
    alpha: q('#alpha')?.value ?? null,
    alphaOff: q('#alpha-off')?.checked ?? null,
    notice: q('#notice').hidden ? '' : q('#notice').textContent,
  };
}
/** The state as the reader sees it (does not wait). */
const visibleState = (page) => page.evaluate(readVisibleState);
/** The fields of the page's address. */
const addressOf = (page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.hash.slice(1))));

/**
 * The edits of the round-trip tests, on a fresh full page: loss, space, typed and dragged
 * predictions, a target, compare choices, learning rate, gradients off, panels opened and closed.
 * Returns the page once the address holds all of them, with the state as the reader sees it.
 */
async function editFullPage(page) {
  await openFull(page, wwwUrl('index.html'));
  const root = lab(page);
  await root.locator('#loss-select').selectOption('bce');
  await root.locator('#space-logit').check();
  await root.locator('#pred-field-2').fill('-1.5');
  await root.locator('#pred-field-2').press('Tab');
  await root.locator('#pred-range-1').fill('3.5');
  await root.locator('#target-3').click();
  await togglePanel(page, 'compare', true);
  await root.locator('#cmp-zero_one').uncheck();
  await root.locator('#cmp-brier').check();
  await root.locator('#learning-rate').selectOption('0.1');
  await root.locator('#show-grad').uncheck();
  await togglePanel(page, 'sigmoid', false);
  await togglePanel(page, 'code', true);
  // The address is written about 400 ms after the last edit.
  const want = {
    loss: 'bce',
    space: 'logit',
    lr: '0.1',
    grad: 'off',
    open: 'curve,compare,code',
    compare: 'distance,bce,brier',
    targets: '1,0,0',
  };
  const holds = (h) => Object.entries(want).every(([k, v]) => h[k] === v);
  const hash = await eventually(() => addressOf(page), holds, { message: `the address holds ${JSON.stringify(want)}` });
  for (const [key, value] of Object.entries(want)) assert.equal(hash[key], value, `${key} in ${page.url()}`);
  const predictions = hash.predictions.split(',').map(Number);
  assert.equal(predictions.length, 3);
  assert.equal(predictions[0], 3.5);
  assert.equal(predictions[1], -1.5);
  // Sample 3 went from p = 0.3 to x = logit(0.3) = ln(0.3 / 0.7) = -0.8472978… (hand); the lab keeps a
  // converted activation to eight significant digits, so that a link stays short (issue 13).
  assert.equal(hash.predictions, '3.5,-1.5,-0.84729786');
  // Hand: bce with logits, targets 1, 0, 0: softplus(-3.5), softplus(-1.5), softplus(-0.847298)
  // = 0.029750, 0.201413, 0.356675; mean 0.195946.
  const state = await eventually(
    () => visibleState(page),
    (s) => s.open.join() === 'curve,compare,code' && s.lr === '0.1' && s.grad === false && s.notice === '' && s.mean === '0.1959',
    { message: 'the edited state drawn' },
  );
  assert.deepEqual(state.open, ['curve', 'compare', 'code']);
  assert.equal(state.lr, '0.1');
  assert.equal(state.grad, false);
  assert.equal(state.notice, '');
  assert.equal(state.mean, '0.1959');
  return state;
}

test('the full page keeps its state in the address: a fresh load shows exactly the same', async () => {
  let url = null;
  let before = null;
  await withPage({}, async ({ page, log }) => {
    before = await editFullPage(page);
    url = page.url();
    assertClean(log, 'full page edits');
  });
  await withPage({}, async ({ page, log }) => {
    await openFull(page, url);
    await eventually(() => visibleState(page), before, { message: 'the reloaded address shows the same state' });
    assertClean(log, 'reloaded address');
  });
});

test('Share copies the address to the clipboard', async () => {
  await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async ({ page, log }) => {
    await editFullPage(page);
    await page.locator('#share').click();
    await expectText(page, '#share-note', 'Link copied.');
    const shared = await page.evaluate(() => navigator.clipboard.readText());
    await eventually(() => page.url(), shared, { message: 'the clipboard holds the address' });
    assert.ok(new URL(shared).hash.includes('loss=bce'), shared);
    await expectText(page, '#snippet', shared, { message: 'the link is shown too' });
    assertClean(log, 'share');
  });
});

test('Embed shows a script tag and a <loss-lab> tag that reproduce the state on an empty page', async () => {
  let before = null;
  let snippet = null;
  await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async ({ page, log }) => {
    before = await editFullPage(page);
    await page.locator('#embed').click();
    const shownSnippet = () => {
      const snippet = document.getElementById('snippet');
      return !snippet.hidden && snippet.textContent.includes('<loss-lab');
    };
    await waitFor(page, shownSnippet, null, { message: 'the snippet shown' });
    snippet = await page.locator('#snippet').textContent();
    assert.equal(await page.locator('#snippet').isVisible(), true);
    // The clipboard is written after the snippet is shown.
    await eventually(() => page.evaluate(() => navigator.clipboard.readText()), snippet, { message: 'Embed copies the snippet' });
    assertClean(log, 'embed button');
  });
  const lines = snippet.split('\n');
  const script = lines.find((l) => l.startsWith('<script'));
  const tag = lines.find((l) => l.startsWith('<div><loss-lab'));
  assert.equal(script, `<script type="module" src="${wwwUrl('loss-lab-define.js')}"></script>`);
  // One line inside a plain <div>, closed: Markdown renderers pass that block through as HTML.
  assert.match(tag, /^<div><loss-lab( [a-z]+="[^"<]*")+><\/loss-lab><\/div>$/);
  await withPage({}, async ({ page, log }) => {
    await page.goto(await blankPage(page, BLANK_HTML(script, tag)));
    await waitLabs(page, 1);
    const keys = ['loss', 'space', 'predictions', 'targets', 'losses', 'mean', 'sum'];
    const pick = (state) => Object.fromEntries(keys.map((key) => [key, state[key]]));
    await eventually(async () => pick(await visibleState(page)), pick(before), { message: 'the embed shows the same state' });
    assert.equal((await visibleState(page)).notice, '');
    const compare = await page.evaluate(() => document.querySelector('loss-lab').getAttribute('compare'));
    assert.equal(compare, before.compare.join(','));
    assertClean(log, 'embedded snippet');
  });
});

test('focal parameters survive the address too', async () => {
  let url = null;
  let before = null;
  await withPage({}, async ({ page, log }) => {
    await openFull(page, wwwUrl('index.html'));
    const root = lab(page);
    await root.locator('#loss-select').selectOption('focal');
    await root.locator('#gamma').fill('1');
    await root.locator('#alpha').fill('0.5');
    await eventually(async () => (await addressOf(page)).params, 'gamma=1,alpha=0.5', { message: `params in the address ${page.url()}` });
    const focal = (s) => s.loss === 'focal' && s.gamma === '1' && s.alpha === '0.5';
    before = await eventually(() => visibleState(page), focal, { message: 'the focal state drawn' });
    url = page.url();
    assertClean(log, 'focal edits');
  });
  await withPage({}, async ({ page, log }) => {
    await openFull(page, url);
    await eventually(() => visibleState(page), before, { message: 'the reloaded focal state' });
    assertClean(log, 'focal reloaded');
  });
});

test('dist/: the Embed snippet names loss-lab.js and works on an empty page', async () => {
  let snippet = null;
  await withPage({}, async ({ page, log }) => {
    await openFull(page, distUrl('index.html'));
    await lab(page).locator('#pred-range-3').fill('0.8');
    await waitFor(page, () => location.hash.includes('predictions=0.9,0.2,0.8'), null, { message: 'the address' });
    await page.locator('#embed').click();
    await waitFor(page, () => document.getElementById('snippet').textContent.includes('<loss-lab'), null, { message: 'the snippet' });
    snippet = await page.locator('#snippet').textContent();
    assertClean(log, 'dist embed button');
  });
  const script = snippet.split('\n').find((l) => l.startsWith('<script'));
  const tag = snippet.split('\n').find((l) => l.startsWith('<div><loss-lab'));
  assert.equal(script, `<script type="module" src="${distUrl('loss-lab.js')}"></script>`);
  await withPage({}, async ({ page, log }) => {
    await page.goto(await blankPage(page, BLANK_HTML(script, tag), distUrl()));
    await waitLabs(page, 1);
    // Hand: (0.1 + 0.2 + 0.2) / 3 = 0.1667.
    await waitMean(page, null, '0.1667');
    assertClean(log, 'dist snippet');
  });
});
