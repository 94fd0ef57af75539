// Browser tests of <loss-lab> as an element (issue 6): several instances on one page, independent
// and sharing one wasm; attributes and properties re-render; `change` fires on a reader's edit and
// never on an attribute or property change. Through harness.mjs, on www/embed-demo.html (and on
// dist/ for the shared engine); `make dist && cd e2e && node --test element.test.mjs`.
//
// Expected numbers come from PyTorch (tests/data/oracle.json, cited by case id) or from a hand
// calculation written beside them; never from the page under test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLASSES_MEAN,
  DEMO_MEANS,
  LOGIT_MEAN,
  SEED_MEAN,
  assertClean,
  distUrl,
  dp4,
  eventually,
  expectEval,
  expectMeans,
  expectState,
  lab,
  oracleMean,
  quietly,
  setup,
  waitFor,
  waitLabs,
  waitMean,
  withPage,
  wwwUrl,
} from './harness.mjs';

setup({ dist: true });

const DETAIL_KEYS = ['backward', 'compare', 'grad', 'loss', 'lr', 'open', 'params', 'predictions', 'space', 'targets'];

// ---- independence and one shared engine ---------------------------------------------------

test('three <loss-lab> on one page keep their own numbers and load the wasm once (www/ and dist/)', async () => {
  await withPage({}, async ({ page, log }) => {
    await page.goto(wwwUrl('embed-demo.html'));
    await waitLabs(page, 4);
    await expectMeans(page, DEMO_MEANS);

    // Slider 3 of demo-seed to 0.8. Hand: target 1, loss 1 - 0.8 = 0.2; mean (0.1 + 0.2 + 0.2) / 3 = 0.1667.
    await lab(page, 'demo-seed').locator('#pred-range-3').fill('0.8');
    await expectMeans(page, { ...DEMO_MEANS, 'demo-seed': '0.1667' });

    // demo-compare, keyboard: sample 4 (p = 0.01, target 1) to the end of its slider, p = 1.
    // Hand: bce losses -ln 0.9, -ln 0.9, -ln 0.8, -ln 1 = 0.105361, 0.105361, 0.223144, 0; mean 0.108466.
    await lab(page, 'demo-compare').locator('#pred-range-4').focus();
    await page.keyboard.press('End');
    await expectMeans(page, { 'demo-seed': '0.1667', 'demo-compare': '0.1085', 'demo-logit': LOGIT_MEAN, 'demo-classes': CLASSES_MEAN });

    // Same ids in three shadow roots: each #pred-range-1 is its own.
    const sliders3 = () => ['demo-seed', 'demo-compare', 'demo-logit'].map((id) => labOf(id).getElementById('pred-range-3').value);
    await expectEval(page, sliders3, null, ['0.8', '0.8', '-0.8']);
    // demo-logit is readonly: its sliders take no edits.
    await expectState(lab(page, 'demo-logit').locator('#pred-range-1'), 'disabled');

    const wasm = log.requests.filter((u) => new URL(u).pathname.endsWith('/losslab_bg.wasm'));
    assert.equal(wasm.length, 1, `one request for the wasm, shared by the three labs: ${wasm.join(', ')}`);
    assertClean(log, 'www embed demo');
  });

  await withPage({}, async ({ page, log }) => {
    await page.goto(distUrl('embed-demo.html'));
    await waitLabs(page, 4);
    await expectMeans(page, DEMO_MEANS);
    await lab(page, 'demo-seed').locator('#pred-range-3').fill('0.8');
    await expectMeans(page, { ...DEMO_MEANS, 'demo-seed': '0.1667' });
    // The page's own HTML and stylesheet, the one-file element and the icon: no wasm, no lab.css, no other
    // module, except the views its instances show that load on first use: many classes (demo-classes),
    // Compare and the code view (demo-compare), the sigmoid (demo-logit), and the formulas (a focused
    // slider explains its row's loss).
    const paths = log.requests.map((u) => new URL(u).pathname);
    const lazy = ['/loss-lab-matrix.js', '/loss-lab-compare.js', '/loss-lab-code.js', '/loss-lab-sigmoid.js', '/loss-lab-formulas.js'];
    const allowed = ['/embed-demo.html', '/style.css', '/loss-lab.js', '/favicon.svg', ...lazy];
    assert.deepEqual(
      paths.filter((p) => !allowed.includes(p)),
      [],
      `dist requests: ${paths.join(', ')}`,
    );
    assert.equal(paths.filter((p) => p === '/loss-lab.js').length, 1, 'loss-lab.js is fetched once');
    assert.equal(paths.filter((p) => p === '/embed-demo.html').length, 1);
    assertClean(log, 'dist embed demo');
  });
});

// ---- attributes re-render -----------------------------------------------------------------

test('changing an attribute re-renders: predictions, loss, views, readonly, theme', async () => {
  await withPage({}, async ({ page, log }) => {
    await page.goto(wwwUrl('embed-demo.html'));
    await waitLabs(page, 4);
    const set = (name, value, id = 'demo-seed') =>
      page.evaluate(
        ([i, n, v]) => (v === null ? document.getElementById(i).removeAttribute(n) : document.getElementById(i).setAttribute(n, v)),
        [id, name, value],
      );
    const seed = lab(page, 'demo-seed');
    /** Waits until `fn` over the demo-seed nodes matching `selector` returns `want`. */
    const expectAll = (selector, fn, want) =>
      eventually(() => seed.locator(selector).evaluateAll(fn), want, { message: `${selector} of demo-seed` });

    // Hand: distance with p = 0.5 is 0.5 whatever the target; mean 0.5.
    await set('predictions', '0.5,0.5,0.5');
    await waitMean(page, 'demo-seed', '0.5000');
    await expectAll('.pred-field', (f) => f.map((x) => x.value), ['0.5', '0.5', '0.5']);
    await expectAll('#samples .loss', (f) => f.map((x) => x.textContent), ['0.5000', '0.5000', '0.5000']);

    // Hand: bce with p = 0.5 is ln 2 = 0.693147 for either target.
    await set('loss', 'bce');
    await waitMean(page, 'demo-seed', '0.6931');
    await eventually(() => seed.locator('#loss-select').inputValue(), 'bce', { message: 'the loss menu' });

    // Two attributes in one task are applied together (oracle pub-bce-prob-seed, mean 0.5108).
    await page.evaluate(() => {
      const el = document.getElementById('demo-seed');
      el.setAttribute('predictions', '0.9,0.2,0.3');
      el.setAttribute('targets', '1,0,1');
    });
    await waitMean(page, 'demo-seed', oracleMean('pub-bce-prob-seed'));

    // Four samples: the list grows. Hand: bce of p = 0.9, 0.2, 0.3, 0.6 for t = 1, 0, 1, 0:
    // 0.105361, 0.223144, 1.203973, 0.916291; mean 0.612192.
    await page.evaluate(() => {
      const el = document.getElementById('demo-seed');
      el.setAttribute('targets', '1,0,1,0');
      el.setAttribute('predictions', '0.9,0.2,0.3,0.6');
    });
    await waitMean(page, 'demo-seed', '0.6122');
    await eventually(() => seed.locator('#samples > li').count(), 4, { message: 'samples listed' });

    // views: every [data-view] node is hidden unless its view is named.
    const viewState = () =>
      page.evaluate(() =>
        [...labOf('demo-seed').querySelectorAll('[data-view]')].map((n) => `${n.dataset.view}:${n.hidden ? 'hidden' : 'shown'}`),
      );
    const expectViews = async (names) => {
      const right = (item) => item.endsWith(names.includes(item.split(':')[0]) ? ':shown' : ':hidden');
      const state = await eventually(viewState, (s) => s.every(right), { message: `views=${names}` });
      assert.ok(state.length >= 7, `data-view nodes: ${state}`);
    };
    await set('views', 'chart');
    await expectViews(['chart']);
    await expectState(seed.locator('#mean'), 'visible');
    await expectState(seed.locator('#loss-select'), 'visible', false);
    await set('views', 'chart,controls,curve');
    await expectViews(['chart', 'controls', 'curve']);
    await expectState(seed.locator('#loss-select'), 'visible');
    await expectState(seed.locator('#curve-panel'), 'visible');
    // Back to the demo's own choice.
    await set('views', 'chart,gradient,controls');
    await expectViews(['chart', 'gradient', 'controls']);

    // readonly: sliders, fields and target toggles take no edits; removing it gives them back.
    await set('readonly', '');
    await expectAll('.pred-range', (r) => r.map((x) => x.disabled), [true, true, true, true]);
    await expectAll('.target', (r) => r.map((x) => x.disabled), [true, true, true, true]);
    await expectAll('.pred-field', (r) => r.map((x) => x.readOnly), [true, true, true, true]);
    await set('readonly', null);
    await expectAll('.pred-range', (r) => r.map((x) => x.disabled), [false, false, false, false]);
    await expectAll('.target', (r) => r.map((x) => x.disabled), [false, false, false, false]);

    // theme: the host's own background follows the attribute, whatever the reader's scheme (light here).
    const luminance = async () => {
      const rgb = await page.evaluate(() => getComputedStyle(document.getElementById('demo-seed')).backgroundColor);
      const [r, g, b] = rgb
        .match(/\d+(\.\d+)?/g)
        .map(Number)
        .map((c) => c / 255);
      return { rgb, y: 0.2126 * r + 0.7152 * g + 0.0722 * b };
    };
    await set('theme', 'light');
    const light = await eventually(luminance, ({ y }) => y > 0.8, { message: 'a light background for theme=light' });
    await set('theme', 'dark');
    const dark = await eventually(luminance, ({ y }) => y < 0.2, { message: 'a dark background for theme=dark' });
    assert.notEqual(light.rgb, dark.rgb);
    assert.ok(light.y > 0.8 && dark.y < 0.2, `light ${light.rgb}, dark ${dark.rgb}`);
    // The text follows too.
    await eventually(
      async () => {
        const ink = await page.evaluate(() => getComputedStyle(labOf('demo-seed').getElementById('mean')).color);
        return (
          ink
            .match(/\d+/g)
            .slice(0, 3)
            .map(Number)
            .reduce((s, c) => s + c, 0) /
          (3 * 255)
        );
      },
      (inkY) => inkY > 0.7,
      { message: 'light text on the dark theme' },
    );
    await set('theme', 'auto');
    await eventually(luminance, ({ y }) => y > 0.8, { message: 'auto follows the light scheme of this context' });
    assertClean(log, 'attributes');
  });

  // And the other way round: a dark reader, theme="light".
  await withPage({ colorScheme: 'dark' }, async ({ page, log }) => {
    await page.goto(wwwUrl('embed-demo.html'));
    await waitLabs(page, 4);
    const bg = () => page.evaluate(() => getComputedStyle(document.getElementById('demo-logit')).backgroundColor);
    const auto = await bg(); // theme="auto" in the demo
    await page.evaluate(() => document.getElementById('demo-logit').setAttribute('theme', 'light'));
    await eventually(bg, (light) => light !== auto, { message: `theme=light on a dark page, from ${auto}` });
    assertClean(log, 'theme on a dark page');
  });
});

// ---- the change event ---------------------------------------------------------------------

/** Records every `change` that reaches the document. */
async function listenForChanges(page) {
  await page.evaluate(() => {
    window.__changes = [];
    document.addEventListener('change', (e) => {
      const el = e.target;
      window.__changes.push({
        target: el.id || el.localName,
        bubbles: e.bubbles,
        composed: e.composed,
        custom: e instanceof CustomEvent,
        detail: e.detail === undefined ? undefined : JSON.parse(JSON.stringify(e.detail)),
        attributes: Object.fromEntries(
          ['loss', 'space', 'targets', 'predictions', 'params', 'compare'].map((n) => [n, el.getAttribute?.(n) ?? null]),
        ),
      });
    });
  });
}
/** The `change` events recorded so far. */
const changes = (page) => page.evaluate(() => window.__changes);
/** Forgets the `change` events recorded so far. */
const clearChanges = (page) => page.evaluate(() => (window.__changes.length = 0));
/** Waits until at least `n` `change` events are recorded; returns them. */
const waitChanges = (page, n) =>
  eventually(
    () => changes(page),
    (events) => events.length >= n,
    { message: `${n} change events` },
  );

/** Checks a recorded `change` event of demo-seed: its kind, its detail (with `want`), the attributes written before it. */
function assertDetail(event, want) {
  assert.equal(event.target, 'demo-seed', 'the event comes from the element');
  assert.equal(event.bubbles, true);
  assert.equal(event.composed, true);
  assert.equal(event.custom, true);
  assert.deepEqual(Object.keys(event.detail).sort(), DETAIL_KEYS);
  for (const [key, value] of Object.entries(want)) assert.deepEqual(event.detail[key], value, `detail.${key}`);
  assert.ok(Array.isArray(event.detail.compare) && Array.isArray(event.detail.open));
  assert.equal(typeof event.detail.lr, 'number');
  assert.equal(typeof event.detail.grad, 'boolean');
  assert.equal(typeof event.detail.params, 'object');
  // The attributes were written before the event: they hold the same state.
  assert.equal(event.attributes.predictions, event.detail.predictions.join(','));
  assert.equal(event.attributes.targets, event.detail.targets.join(','));
  assert.equal(event.attributes.loss, event.detail.loss);
  assert.equal(event.attributes.space, event.detail.space);
}

test('`change` fires on a reader’s edit, with the state, and never on an attribute or property change', async () => {
  await withPage({}, async ({ page, log }) => {
    await page.goto(wwwUrl('embed-demo.html'));
    await waitLabs(page, 4);
    await listenForChanges(page);
    const seed = lab(page, 'demo-seed');
    const attr = (name) => page.evaluate((n) => document.getElementById('demo-seed').getAttribute(n), name);

    // Keyboard on a slider: 0.9 + one step of 0.01.
    await seed.locator('#pred-range-1').focus();
    await page.keyboard.press('ArrowRight');
    await waitChanges(page, 1);
    await quietly(page, 150); // a quiet period: proves that one key press fires no second change
    let events = await changes(page);
    assert.equal(events.length, 1, `one change for one key press: ${JSON.stringify(events.map((e) => e.target))}`);
    assertDetail(events[0], { loss: 'distance', space: 'prob', targets: [1, 0, 1], predictions: [0.91, 0.2, 0.3], params: {} });
    assert.equal(await attr('predictions'), '0.91,0.2,0.3');
    // Hand: (0.09 + 0.2 + 0.7) / 3 = 0.33.
    await waitMean(page, 'demo-seed', '0.3300');

    // Mouse on a slider: a click three quarters along slider 2.
    await clearChanges(page);
    const range2 = seed.locator('#pred-range-2');
    const box = await range2.boundingBox();
    await range2.click({ position: { x: box.width * 0.75, y: box.height / 2 } });
    events = await waitChanges(page, 1);
    assert.ok(events.length >= 1, 'a click on a slider fires change');
    const p2 = Number(await range2.inputValue());
    assert.ok(p2 > 0.5 && p2 < 0.95, `the click moved prediction 2 to ${p2}`);
    assertDetail(events.at(-1), { targets: [1, 0, 1], predictions: [0.91, p2, 0.3] });
    assert.equal(await attr('predictions'), `0.91,${p2},0.3`);

    // Clicking a target toggle.
    await clearChanges(page);
    await seed.locator('#target-2').click();
    events = await waitChanges(page, 1);
    assert.equal(events.length, 1);
    assertDetail(events[0], { targets: [1, 1, 1], predictions: [0.91, p2, 0.3] });
    assert.equal(await attr('targets'), '1,1,1');
    // Hand: all targets 1, distance 1 - p: (0.09 + (1 - p2) + 0.7) / 3.
    await waitMean(page, 'demo-seed', dp4((0.09 + (1 - p2) + 0.7) / 3));

    // The loss menu (a reader's edit too).
    await clearChanges(page);
    await seed.locator('#loss-select').selectOption('brier');
    events = await waitChanges(page, 1);
    assert.equal(events.length, 1);
    assertDetail(events[0], { loss: 'brier', space: 'prob' });
    assert.equal(await attr('loss'), 'brier');

    // The other labs stayed quiet.
    assert.ok((await changes(page)).every((e) => e.target === 'demo-seed'));

    // Attribute changes and property sets re-render but fire nothing.
    await clearChanges(page);
    const silent = [
      // Hand: brier, targets 1,1,1, p = 0.4: (0.4 - 1)^2 = 0.36.
      ['setAttribute predictions', () => document.getElementById('demo-seed').setAttribute('predictions', '0.4,0.4,0.4'), '0.3600'],
      // Hand: distance, targets 1,1,1, p = 0.4: 0.6.
      ['property loss', () => (document.getElementById('demo-seed').loss = 'distance'), '0.6000'],
      // Hand: distance, p = 0.25 for targets 1,1,1: 0.75.
      ['property predictions', () => (document.getElementById('demo-seed').predictions = '0.25,0.25,0.25'), '0.7500'],
      // Hand: targets 1,0,1, p = 0.25: 0.75, 0.25, 0.75; mean 0.5833.
      ['setAttribute targets', () => document.getElementById('demo-seed').setAttribute('targets', '1,0,1'), '0.5833'],
      // oracle pub-bce-prob-seed.
      [
        'fields',
        () => (document.getElementById('demo-seed').fields = { loss: 'bce', space: 'prob', targets: '1,0,1', predictions: '0.9,0.2,0.3' }),
        oracleMean('pub-bce-prob-seed'),
      ],
      [
        'views',
        () => document.getElementById('demo-seed').setAttribute('views', 'chart,controls,curve,compare,code'),
        oracleMean('pub-bce-prob-seed'),
      ],
      ['readonly', () => (document.getElementById('demo-seed').readonly = true), oracleMean('pub-bce-prob-seed')],
      ['not readonly', () => (document.getElementById('demo-seed').readonly = false), oracleMean('pub-bce-prob-seed')],
      ['theme', () => (document.getElementById('demo-seed').theme = 'dark'), oracleMean('pub-bce-prob-seed')],
      // Removing state attributes brings the defaults back: the seed (oracle pub-distance-prob-seed).
      [
        'removeAttribute',
        () => {
          for (const n of ['loss', 'targets', 'predictions']) document.getElementById('demo-seed').removeAttribute(n);
        },
        SEED_MEAN,
      ],
    ];
    for (const [what, fn, mean] of silent) {
      await page.evaluate(fn);
      await waitMean(page, 'demo-seed', mean);
      await quietly(page); // a quiet period: proves that no change event comes late either
      assert.deepEqual(await changes(page), [], `no change event after ${what}`);
    }
    assertClean(log, 'change events');
  });
});

test('typing a prediction in its field fires `change` and updates the attribute', async () => {
  await withPage({}, async ({ page, log }) => {
    await page.goto(wwwUrl('embed-demo.html'));
    await waitLabs(page, 4);
    await listenForChanges(page);
    const field = lab(page, 'demo-seed').locator('#pred-field-3');
    await field.fill('0.8');
    await field.press('Enter');
    await field.press('Tab');
    // Hand: (0.1 + 0.2 + 0.2) / 3 = 0.1667.
    await waitMean(page, 'demo-seed', '0.1667');
    // A typed (and committed) prediction is a reader's edit: change fires, the last one with the typed value.
    const events = await eventually(
      () => changes(page),
      (e) => e.length >= 1 && e.at(-1).detail?.predictions?.[2] === 0.8,
      {
        message: 'a change event for the typed prediction',
      },
    );
    assertDetail(events.at(-1), { predictions: [0.9, 0.2, 0.8] });
    await waitFor(page, () => document.getElementById('demo-seed').getAttribute('predictions') === '0.9,0.2,0.8', null, {
      message: 'the attribute',
    });
    assertClean(log, 'typed prediction');
  });
});
