// Browser test of presenter mode (www/present.js and present.css; the element's `present`
// attribute in lab.css): large type measured at 1024 × 768 at every tour step, the tour card never
// over the lab's charts, the keys a presentation clicker sends, the address, other screens, zoom and
// the dark theme, axe. Through harness.mjs; `cd e2e && node --test present.test.mjs`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TOUR } from '../www/tour.js';
import {
  SCREENSHOTS,
  axeViolations,
  close,
  eventually,
  expectState,
  expectText,
  open,
  problems,
  quietly,
  sample,
  setup,
  waitFor,
  wwwUrl,
} from './harness.mjs';

setup();

/** What step `n` scrolls to the top in presenter mode. */
const subject = (n) => TOUR[n - 1].present ?? TOUR[n - 1].look;

/** Every chart label and every number the lab and the tour card show must be at least this big, in CSS px. */
const MIN_PX = 24;

/**
 * In the page: the smallest chart label or number the lab and the tour card show, as { px, text } (the
 * size on screen: an SVG's text scaled by its chart, the lab's by its zoom), and the tour text's and
 * the mean's sizes.
 */
const measure = () => {
  const lab = document.querySelector('loss-lab');
  // Shown: not in a closed panel (whose content the browser skips), not hidden.
  const onScreen = (node) => node.getClientRects().length > 0 && node.checkVisibility({ visibilityProperty: true });
  const sizeOf = (node) => {
    const font = Number.parseFloat(getComputedStyle(node).fontSize);
    if (node instanceof SVGElement) {
      const m = node.getScreenCTM();
      return font * Math.hypot(m.a, m.b);
    }
    return font * node.currentCSSZoom;
  };
  let smallest = { px: Infinity, text: '' };
  const visit = (root) => {
    for (const node of root.querySelectorAll('*')) {
      if (node.shadowRoot) visit(node.shadowRoot);
      // Text for screen readers only (clipped to a pixel) is not shown.
      if (node.closest('.visually-hidden') || !onScreen(node)) continue;
      // Every chart label, and every number elsewhere: text with a digit, and a field's value.
      const own = [...node.childNodes].filter((c) => c.nodeType === 3 && c.textContent.trim()).map((c) => c.textContent.trim());
      if (node.localName === 'input' && /\d/.test(node.value)) own.push(node.value);
      if (!(node instanceof SVGElement ? own.length : /\d/.test(own.join(' ')))) continue;
      const px = sizeOf(node);
      if (px < smallest.px) smallest = { px, text: own.join(' ').slice(0, 60), tag: node.localName, cls: node.getAttribute('class') };
    }
  };
  visit(lab.shadowRoot);
  visit(document.getElementById('tour'));
  const mean = [...lab.shadowRoot.querySelectorAll('#mean, #mx-mean, #wl-mean')].find(onScreen);
  return { smallest, tour: sizeOf(document.getElementById('tour-text')), mean: mean ? sizeOf(mean) : 0 };
};

/** In the page: the charts the card covers (none, if all is well), and whether the step's subject is in view. */
const overlaps = (look) => {
  const lab = document.querySelector('loss-lab');
  const card = document.getElementById('tour').getBoundingClientRect();
  const stage = lab.getBoundingClientRect();
  const hits = [];
  for (const chart of lab.shadowRoot.querySelectorAll('svg.chart')) {
    const r = chart.getBoundingClientRect();
    if (!r.width || r.bottom <= stage.top || r.top >= stage.bottom) continue; // scrolled out of the lab's window
    const top = Math.max(r.top, stage.top);
    const bottom = Math.min(r.bottom, stage.bottom);
    if (r.left < card.right && r.right > card.left && top < card.bottom && bottom > card.top) hits.push(chart.id);
  }
  const target = lab.shadowRoot.querySelector(look)?.getBoundingClientRect();
  const inView = target ? target.top >= stage.top - 1 && target.top < stage.bottom - 40 : false;
  const fits = card.top >= 0 && card.bottom <= innerHeight + 1 && card.left >= 0 && card.right <= innerWidth + 1;
  return { hits, inView, fits };
};

test('presenter mode at 1024 × 768: every step in large type, the card beside the lab and never over a chart', async () => {
  const page = await open({ width: 1024, height: 768 });
  await page.locator('#present').click();
  await eventually(() => page.evaluate(() => location.hash), '#present=1', { message: 'the address says present=1' });
  await eventually(() => page.evaluate(() => document.body.classList.contains('presenting')), true);
  // The page's intro, story and footer are hidden.
  for (const selector of ['.story', 'footer'])
    await eventually(() => page.locator(selector).isVisible(), false, { message: `${selector} hidden` });
  // The intro keeps its title for screen readers, in a box of a pixel.
  await eventually(
    () => page.locator('.intro').evaluate((n) => n.getBoundingClientRect().height),
    (h) => h <= 1,
    { message: 'the intro out of sight' },
  );
  await page.locator('#tour-start').click();
  for (let n = 1; n <= TOUR.length; n++) {
    await expectText(page, '#tour-count', `Tour, step ${n} of ${TOUR.length}`);
    await eventually(() => page.evaluate(() => location.hash), `#present=1&tour=${n}`);
    // Wait for the step's subject to come into view (its views may load first), then measure.
    await waitFor(
      page,
      (look) => document.querySelector('loss-lab').shadowRoot.querySelector(look)?.getClientRects().length > 0,
      subject(n),
    );
    const where = await eventually(
      () => page.evaluate(overlaps, subject(n)),
      (v) => v.inView && v.hits.length === 0 && v.fits,
      { message: `step ${n}: its subject ${subject(n)} in view, the card over no chart, the card on screen` },
    );
    assert.deepEqual(where.hits, []);
    // The whole step is on the card: a clicker cannot scroll it.
    const card = await page.locator('#tour').evaluate((n) => [n.scrollHeight, n.clientHeight]);
    assert.ok(card[0] <= card[1] + 1, `step ${n}: the card's text fits (${card[0]} px in ${card[1]})`);
    // The charts redraw for the lab's width once it settles: measured when the smallest text holds.
    const sizes = await eventually(
      () => page.evaluate(measure),
      (v) => v.smallest.px >= MIN_PX - 0.01 && v.mean > 1.5 * MIN_PX,
      {
        message: `step ${n}: every number at least ${MIN_PX} px, the mean larger`,
      },
    );
    assert.ok(sizes.tour > MIN_PX, `step ${n}: the tour text is ${sizes.tour.toFixed(1)} px`);
    assert.ok(sizes.mean > 1.5 * MIN_PX, `step ${n}: the mean is ${sizes.mean.toFixed(1)} px`);
    if ([1, 2, 5, 8, 12].includes(n)) await page.screenshot({ path: `${SCREENSHOTS}present-1024-step${n}.png` });
    if (n < TOUR.length) await page.locator('#tour-next').click();
  }
  await close(page);
});

test('the keys a clicker sends step the tour; a focused control keeps its own keys; Escape leaves presenter mode', async () => {
  const page = await open({ width: 1024, height: 768, hash: '#present=1&tour=1' });
  const at = (n) => expectText(page, '#tour-count', `Tour, step ${n} of ${TOUR.length}`);
  await at(1);
  const keys = [
    ['ArrowRight', 2],
    ['PageDown', 3],
    ['Space', 4],
    ['ArrowLeft', 3],
    ['PageUp', 2],
    ['End', TOUR.length],
    ['Home', 1],
  ];
  for (const [key, n] of keys) {
    await page.keyboard.press(key);
    await at(n);
    await eventually(() => page.evaluate(() => location.hash), `#present=1&tour=${n}`, { message: `${key}: the address` });
  }
  /** Presses `key`, lets the page be quiet a moment, and checks the tour is still at step `n`. */
  const stays = async (key, n, why) => {
    await page.keyboard.press(key);
    await quietly(page);
    await at(n);
    assert.equal(await page.locator('#tour-count').textContent(), `Tour, step ${n} of ${TOUR.length}`, why);
  };
  // ← on the first step and → on the last stay where they are.
  await stays('ArrowLeft', 1, '← on the first step');
  await page.keyboard.press('End');
  await at(TOUR.length);
  await stays('ArrowRight', TOUR.length, '→ on the last step');
  await page.keyboard.press('Home');
  await at(1);
  // A slider keeps its arrows: the prediction moves, the tour does not.
  await page.locator(`${sample(1)} .pred-range`).focus();
  await stays('ArrowLeft', 1, 'a slider keeps ←');
  await eventually(
    () => page.locator(`${sample(1)} .pred-field`).inputValue(),
    (v) => v !== '0.9',
    { message: 'the slider moved' },
  );
  // A field keeps them too, and its Escape (which puts the value back) is not presenter mode's.
  await page.locator(`${sample(2)} .pred-field`).focus();
  await stays('End', 1, 'a field keeps End');
  await stays('Escape', 1, 'a field keeps Escape');
  assert.equal(await page.evaluate(() => document.body.classList.contains('presenting')), true, 'a field’s Escape');
  // A focused number shows its formula: Escape hides the formula and stays in presenter mode.
  await page.locator('#mean').focus();
  await expectState(page.locator('#stat-formula'), 'visible');
  await stays('Escape', 1, 'the formula’s Escape');
  await expectState(page.locator('#stat-formula'), 'visible', false);
  assert.equal(await page.evaluate(() => document.body.classList.contains('presenting')), true, 'the formula’s Escape');
  // A checkbox keeps Space only: after a click on it, a clicker's PageDown still steps.
  await page.locator('#show-grad').click();
  await page.keyboard.press('PageDown');
  await at(2);
  // A table that scrolls sideways keeps ← and →: the table scrolls, the tour stays; PageDown steps.
  const numbers = page.locator('#numbers');
  if (!(await numbers.evaluate((d) => d.open))) await numbers.locator(':scope > summary').click();
  await eventually(() => numbers.evaluate((d) => d.open), true, { message: 'the numbers table open' });
  const table = page.locator('#numbers .table-wrap');
  // Narrowed here so that it scrolls whatever the window (on a phone it does by itself); focused, it
  // is in view, so drawn.
  await table.evaluate((t) => {
    t.style.width = '160px';
  });
  await table.focus();
  await eventually(() => table.evaluate((t) => t.scrollWidth > t.clientWidth), true, { message: 'the table scrolls' });
  await stays('ArrowRight', 2, 'a scrolling table keeps →');
  await eventually(
    () => table.evaluate((t) => t.scrollLeft),
    (x) => x > 0,
    { message: 'the table scrolled' },
  );
  await page.keyboard.press('PageDown');
  await at(3);
  await page.keyboard.press('PageUp');
  await at(2);
  // A curve's dot keeps its arrows, but not PageDown (ten steps of its value there): the tour steps
  // and the prediction stays.
  const before = await page.locator(`${sample(1)} .pred-field`).inputValue();
  await page.locator('#curve [data-dot="1"]').focus();
  await page.keyboard.press('PageDown');
  await at(3);
  await page.keyboard.press('PageUp');
  await at(2);
  assert.equal(await page.locator(`${sample(1)} .pred-field`).inputValue(), before, 'the dot did not move');
  // Off a control, Escape leaves presenter mode: the page comes back, the address loses present=1.
  await page.locator('#tour-title').focus();
  await page.keyboard.press('Escape');
  await eventually(() => page.evaluate(() => document.body.classList.contains('presenting')), false);
  await eventually(() => page.evaluate(() => location.hash.includes('present=1')), false, { message: 'present=1 leaves the address' });
  await eventually(
    () => page.locator('.intro').evaluate((n) => n.getBoundingClientRect().height),
    (h) => h > 100,
    { message: 'the intro back' },
  );
  assert.equal(await page.locator('loss-lab').getAttribute('present'), null);
  // Out of presenter mode the keys are the page's again: → steps nothing.
  await page.locator('#tour-title').focus();
  await stays('ArrowRight', 2, 'out of presenter mode');
  await close(page);
});

for (const [width, height, scheme, zoom] of [
  [1280, 720, 'light', 1],
  [1920, 1080, 'dark', 1],
  [1024, 768, 'dark', 1],
  [1024, 768, 'light', 2],
  [1280, 720, 'dark', 2],
]) {
  const name = `${width}x${height}${zoom === 2 ? ' at 200 % zoom' : ''}, ${scheme}`;
  test(`presenter mode works at ${name}: the card over no chart at any step, and axe finds nothing`, async () => {
    // 200 % zoom: the window is half as many CSS pixels, each two device pixels.
    const page = await open({
      width: width / zoom,
      height: height / zoom,
      scale: zoom,
      colorScheme: scheme,
      bypassCSP: true,
      hash: '#present=1&tour=1',
    });
    for (let n = 1; n <= TOUR.length; n++) {
      await expectText(page, '#tour-count', `Tour, step ${n} of ${TOUR.length}`);
      await waitFor(
        page,
        (look) => document.querySelector('loss-lab').shadowRoot.querySelector(look)?.getClientRects().length > 0,
        subject(n),
      );
      await eventually(
        () => page.evaluate(overlaps, subject(n)),
        (v) => v.hits.length === 0 && v.fits && v.inView,
        {
          message: `step ${n}: the card over no chart, on screen, the subject in view`,
        },
      );
      if (n === 2) {
        await page.screenshot({ path: `${SCREENSHOTS}present-${width}x${height}-z${zoom}-${scheme}.png` });
        assert.deepEqual(await axeViolations(page), [], `axe at step ${n}`);
      }
      if (n < TOUR.length) await page.keyboard.press('PageDown');
    }
    await close(page);
  });
}

test('a Share link keeps presenter mode and its state; Present alone shows no card; the iframe snippet leaves it out', async () => {
  const page = await open({ width: 1024, height: 768, hash: '#present=1&loss=bce' });
  await expectText(page, '#mean', '0.5108');
  await eventually(() => page.locator('loss-lab').getAttribute('present'), '');
  // The address keeps the state it came with (a reload shows the same).
  await quietly(page);
  assert.equal(await page.evaluate(() => location.hash), '#present=1&loss=bce');
  // Without the tour there is no card, and the share row stays.
  assert.equal(await page.locator('#tour').isVisible(), false);
  await expectState(page.locator('#share'), 'visible');
  await page.locator('#share').click();
  await expectText(page, '#snippet', /#present=1&loss=bce/);
  await page.locator('#embed').click();
  await expectText(page, '#snippet', (text) => text?.includes('<iframe src="') && !text.includes('present=1'));
  // The Present button says it is pressed; pressing it again leaves, and the focus stays on it.
  await eventually(() => page.locator('#present').getAttribute('aria-pressed'), 'true');
  await page.locator('#present').click();
  await eventually(
    () => page.evaluate(() => location.hash),
    (hash) => hash.startsWith('#loss=bce') && !hash.includes('present'),
  );
  await eventually(() => page.locator('#present').getAttribute('aria-pressed'), 'false');
  // Leaving from the card's own button gives the focus to Present.
  await page.goto(wwwUrl('#present=1&tour=3'));
  await expectText(page, '#tour-count', /step 3 of/);
  await page.locator('#present-leave').click();
  await eventually(() => page.evaluate(() => document.activeElement?.id), 'present');
  await close(page);
});

test('no page of this file logged an error, a failed request or a CSP violation', () => {
  assert.deepEqual(problems, []);
});
