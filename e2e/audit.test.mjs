// What an accessibility audit beyond axe found (issue 16), each a check that failed before its fix:
// live regions that spoke every number while a slider moved or training ran; outputs that were tab
// stops (457 presses past 64 samples) with no way to skip the rows; a chart whose accessible name
// was its whole description; a curve <svg> in the tab order; a formula that vanished when the
// pointer moved onto it. Through harness.mjs; `cd e2e && node --test audit.test.mjs`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { close, eventually, expectState, expectText, open, problems, quietly, setup, waitFor } from './harness.mjs';

setup();

/** Starts counting what the page's live regions would announce: each change of a region's text. */
async function countAnnouncements(page) {
  await page.evaluate(() => {
    const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"], output:not([aria-live="off"])';
    window.announced = [];
    const watch = (root) =>
      new MutationObserver((records) => {
        for (const r of records) {
          const node = r.target.nodeType === Node.ELEMENT_NODE ? r.target : r.target.parentElement;
          const region = node?.closest(LIVE);
          if (!region || region.closest('[hidden]') || !region.textContent.trim()) continue;
          // One announcement per new text of a region (a write may come as several mutation records).
          const said = `${region.id || region.className}: ${region.textContent.trim().slice(0, 60)}`;
          if (window.announced.at(-1) !== said) window.announced.push(said);
        }
      }).observe(root, { subtree: true, childList: true, characterData: true });
    watch(document);
    for (const lab of document.querySelectorAll('loss-lab')) watch(lab.shadowRoot);
  });
}
const announced = (page) => page.evaluate(() => window.announced);

test('a drag of ten arrow presses and a run of training announce a settled sentence, not every number', async () => {
  // Cross-entropy on activations at a small rate: a long run (probabilities stop at 0 and 1 in a few steps).
  const page = await open({ hash: '#loss=bce&space=logit&lr=0.1' });
  await countAnnouncements(page);
  const slider = page.locator('#pred-range-1');
  await slider.focus();
  const start = Number(await slider.inputValue());
  for (let i = 1; i <= 10; i++) {
    await page.keyboard.press('ArrowRight');
    await eventually(
      async () => Number(await slider.inputValue()),
      (v) => Math.abs(v - (start + i * 0.1)) < 1e-9,
      { message: `press ${i}` },
    );
  }
  await quietly(page, 1000); // the summary speaks once the slider has been still for a moment
  const drag = await announced(page);
  assert.ok(drag.length <= 2, `ten presses announced ${drag.length} times: ${drag.join(' | ')}`);

  await countAnnouncements(page);
  await page.locator('#train').click();
  await eventually(
    () => page.locator('#train-list li').count(),
    (n) => n >= 15,
    { timeout: 30_000, message: 'fifteen steps' },
  );
  await page.locator('#train').click();
  await expectText(page, '#train', 'Train');
  await quietly(page, 1000);
  const run = await announced(page);
  assert.ok(run.length <= 4, `a run of training announced ${run.length} times: ${run.join(' | ')}`);
  await close(page);
});

test('typing “abc” into a prediction’s field raises one alert, not three', async () => {
  const page = await open();
  await countAnnouncements(page);
  const field = page.locator('#pred-field-2');
  await field.fill('');
  await field.pressSequentially('abc', { delay: 60 });
  await expectText(page, '[data-sample="2"] .field-error', /abc/);
  await quietly(page, 1000);
  const alerts = (await announced(page)).filter((a) => a.includes('“abc”') || a.startsWith('field-error'));
  assert.equal(alerts.length, 1, alerts.join(' | '));
  await close(page);
});

test('many classes: a run of training announces its start and its end only', async () => {
  const page = await open({ hash: '#loss=cross_entropy' });
  await waitFor(
    page,
    () => /^\d\.\d{4}$/.test(document.querySelector('loss-lab').shadowRoot.getElementById('mx-mean')?.textContent ?? ''),
    null,
    {
      message: 'the many-classes views',
    },
  );
  await countAnnouncements(page);
  await page.locator('#mx-train').click();
  await eventually(
    () => page.locator('#mx-train-list li').count(),
    (n) => n >= 15,
    { timeout: 30_000, message: 'fifteen steps' },
  );
  await page.locator('#mx-train').click();
  await expectText(page, '#mx-train', 'Train');
  await quietly(page, 1000);
  const run = await announced(page);
  assert.ok(run.length <= 3, `a run announced ${run.length} times: ${run.join(' | ')}`);
  await close(page);
});

/** 64 samples, alternating targets. */
const MANY = `#loss=bce&targets=${Array.from({ length: 64 }, (_, i) => i % 2).join(',')}&predictions=${Array.from({ length: 64 }, (_, i) => (0.2 + (i % 7) / 10).toFixed(1)).join(',')}`;

test('64 samples: the rows can be skipped, their numbers are no tab stops, no <svg> is one', async () => {
  const page = await open({ hash: MANY });
  await expectText(page, '#rows', '64');
  const focused = () =>
    page.evaluate(() => {
      const a = document.querySelector('loss-lab').shadowRoot.activeElement;
      return a ? `${a.localName}#${a.id}.${a.className?.baseVal ?? a.className}` : '';
    });
  await page.locator('#loss-select').focus();
  // From the loss menu to the way past the rows: a few presses.
  let presses = 0;
  const seen = [];
  while (!(await focused()).includes('#skip-rows') && presses < 40) {
    await page.keyboard.press('Tab');
    presses += 1;
    seen.push(await focused());
  }
  assert.ok(presses < 20, `${presses} Tab presses from the loss menu to “Skip past the samples”: ${seen.join(', ')}`);
  await expectState(page.locator('#skip-rows'), 'visible');
  await page.keyboard.press('Enter');
  await waitFor(page, () => document.querySelector('loss-lab').shadowRoot.activeElement?.id === 'reset', null, {
    message: 'focus past the rows (Add a sample is off at 64)',
  });
  // Through the rows themselves: per row the target, the slider, its field and the remove button; no output, no <svg>.
  await page.locator('#skip-rows').focus();
  const rowStops = [];
  for (let i = 0; i < 4 * 3; i++) {
    await page.keyboard.press('Tab');
    rowStops.push(await focused());
  }
  assert.ok(!rowStops.some((f) => f.startsWith('output') || f.startsWith('svg')), rowStops.join(', '));
  assert.equal(
    await page.locator('#curve').getAttribute('tabindex'),
    '-1',
    'the curve’s <svg> holds focusable dots but is no tab stop itself',
  );
  // At 64 samples the curve's dots are smaller marks (they overlap less) with the same 24 px targets.
  await waitFor(
    page,
    () => {
      const dot = document.querySelector('loss-lab').shadowRoot.querySelector('#curve .dot[data-dot="64"]');
      // (attributes, not boxes: the curve is far below, where content-visibility skips its layout)
      return dot?.querySelector('circle').getAttribute('r') === '5' && dot.querySelector('.hit').getAttribute('width') === '24';
    },
    null,
    { message: 'small marks, 24 px targets' },
  );
  // The bar chart's name is its title; the numbers are its description.
  const name = await page.evaluate(() => {
    const root = document.querySelector('loss-lab').shadowRoot;
    const svg = root.getElementById('chart');
    return svg
      .getAttribute('aria-labelledby')
      .split(' ')
      .map((id) => root.getElementById(id).textContent)
      .join(' ');
  });
  assert.ok(name.length < 120, `the chart's accessible name is ${name.length} characters: ${name.slice(0, 80)}…`);
  // The figure is named by its heading, not by its legend (which holds the “show gradients” switch).
  const figure = await page.evaluate(() => {
    const root = document.querySelector('loss-lab').shadowRoot;
    return root.getElementById(root.querySelector('.chart-figure').getAttribute('aria-labelledby'))?.textContent;
  });
  assert.equal(figure, 'Loss per sample');
  // A focused row slider explains its loss, as its number did.
  await page.locator('#pred-range-3').focus();
  await expectText(page, '[data-sample="3"] .row-formula', /bce/);
  await close(page);
});

test('a formula stays while the pointer is on it, and goes when the pointer leaves both it and its number', async () => {
  const page = await open();
  await page.locator('[data-sample="1"] .loss').hover();
  const formula = page.locator('[data-sample="1"] .row-formula');
  await expectState(formula, 'visible');
  await formula.hover();
  await quietly(page, 500);
  await expectState(formula, 'visible');
  await page.locator('#chart-heading').hover();
  await expectState(formula, 'hidden');
  await close(page);
});

test('400 % zoom (320 × 256): the tour card never covers the focus', async () => {
  const page = await open({ hash: '#tour=1', width: 320, height: 256 });
  await expectText(page, '#tour-title', 'Targets and predictions');
  await page.locator('#tour-title').focus();
  const covered = [];
  for (let i = 0; i < 56; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      let node = document.activeElement;
      while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
      const card = document.getElementById('tour').getBoundingClientRect();
      const r = node.getBoundingClientRect();
      const inside = r.top >= card.top && r.bottom <= card.bottom && r.left >= card.left && r.right <= card.right;
      const cardCovers =
        !document.getElementById('tour').contains(node) && getComputedStyle(document.getElementById('tour')).position === 'sticky';
      return { name: `${node.localName}#${node.id}`, hidden: inside && cardCovers };
    });
    if (where.hidden) covered.push(where.name);
  }
  assert.deepEqual(covered, [], 'focus stops fully under the tour card');
  await close(page);
});

/**
 * The pixels of `locator` as drawn: a screenshot, decoded by a canvas in a blank page (no CSP
 * there). Returns `at(x, y)` → 'rgb(r, g, b)', x and y from 0 to 1 across the element.
 */
async function pixels(page, locator) {
  const png = (await locator.screenshot()).toString('base64');
  const blank = await page.context().newPage();
  try {
    const { width, height, data } = await blank.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = Object.assign(document.createElement('canvas'), { width: img.width, height: img.height });
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return { width: img.width, height: img.height, data: [...ctx.getImageData(0, 0, img.width, img.height).data] };
    }, png);
    return (x, y) => {
      const i = (Math.min(height - 1, Math.round(y * (height - 1))) * width + Math.min(width - 1, Math.round(x * (width - 1)))) * 4;
      return `rgb(${data[i]}, ${data[i + 1]}, ${data[i + 2]})`;
    };
  } finally {
    await blank.close();
  }
}

/** WCAG contrast of two CSS colours (rgb() strings). */
const contrast = (a, b) => {
  const lum = (c) => {
    const [r, g, bl] = c
      .match(/[\d.]+/g)
      .slice(0, 3)
      .map((v) => {
        const x = Number(v) / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

test('marks stand out 3:1 from the page in both themes: the target-0 curve and dots, slider tracks', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await open({ hash: '#open=curve', colorScheme });
    await waitFor(page, () => document.querySelector('loss-lab').shadowRoot.querySelector('#curve .dot.t0'), null, {
      message: 'the curve’s dots',
    });
    const colours = await page.evaluate(() => {
      const root = document.querySelector('loss-lab').shadowRoot;
      const style = (selector) => getComputedStyle(root.querySelector(selector));
      return {
        page: getComputedStyle(document.body).backgroundColor,
        curve0: style('#curve .curve.t0').stroke,
        dot0: style('#curve .dot.t0 circle').stroke,
        dot1: style('#curve .dot.t1 circle').stroke,
      };
    });
    // A slider's track, as drawn: its middle row at a tenth of its width (the thumb of sample 2 is at 0.2).
    const at = await pixels(page, page.locator('#pred-range-1'));
    colours.track = at(0.08, 0.5);
    const bg = colours.page;
    for (const mark of ['curve0', 'dot0', 'dot1', 'track']) {
      const ratio = contrast(colours[mark], bg);
      assert.ok(ratio >= 3, `${colorScheme}: ${mark} ${colours[mark]} on ${bg} is ${ratio.toFixed(2)}:1`);
    }
    await close(page);
  }
});

test('target-0 bars are hatched, not told apart by colour alone (blue and orange are close in lightness in dark mode)', async () => {
  const page = await open({ colorScheme: 'dark' });
  const fills = await page.evaluate(() => {
    const root = document.querySelector('loss-lab').shadowRoot;
    return [...root.querySelectorAll('#chart rect.bar')].map(
      (r) => `${r.classList.contains('t0') ? 't0' : 't1'} ${getComputedStyle(r).fill}`,
    );
  });
  assert.ok(fills.some((f) => /^t0 url\(/.test(f)) && fills.every((f) => f.startsWith('t0') || !f.includes('url(')), fills.join(', '));
  await close(page);
});

test('marks without words have a key while they are drawn: ▲ ▼ on narrow bars, a gradient cut off at the band', async () => {
  const page = await open();
  await expectState(page.locator('#key-arrows'), 'hidden');
  await expectState(page.locator('#key-clipped'), 'hidden');
  // 20 samples at 1280 px: bars too narrow for “raise p”, so ▲ and ▼ stand for it.
  const page20 = await open({ hash: `#predictions=${Array(20).fill(0.5).join(',')}&targets=${Array(20).fill(1).join(',')}` });
  await expectState(page20.locator('#key-arrows'), 'visible');
  // Squared error, the gradient of the sum: 2 × (9 − 0) = 18, past the band's top of 10.
  const cut = await open({ hash: '#loss=mse&targets=0,0&predictions=9,0.1&backward=sum' });
  await expectState(cut.locator('#key-clipped'), 'visible');
  for (const p of [page, page20, cut]) await close(p);
});

test('under text-spacing overrides (WCAG 1.4.12) the many-labels toggles show their whole text', async () => {
  const page = await open({ hash: '#loss=multilabel_bce' });
  await waitFor(page, () => document.querySelector('loss-lab').shadowRoot.querySelectorAll('button.mx-tog').length >= 4, null, {
    message: 'the toggles',
  });
  await page.evaluate(() => {
    const root = document.querySelector('loss-lab').shadowRoot;
    const spacing = new CSSStyleSheet();
    spacing.replaceSync('* { letter-spacing: .12em !important; word-spacing: .16em !important; line-height: 1.5 !important }');
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, spacing];
  });
  await waitFor(
    page,
    () =>
      [...document.querySelector('loss-lab').shadowRoot.querySelectorAll('button.mx-tog')].every((b) => {
        const value = b.querySelector('.mx-tv').getBoundingClientRect();
        return b.scrollWidth <= b.clientWidth && value.right <= b.getBoundingClientRect().right;
      }),
    null,
    { message: 'no toggle clips its value' },
  );
  await close(page);
});

test('the smaller findings: names with targets, the pill’s purpose, row headers, the x axis, 24 px targets, unsquashed radios', async () => {
  const page = await open({ hash: '#open=curve,compare', width: 320, height: 800 });
  const handle = await waitFor(
    page,
    () => {
      const root = document.querySelector('loss-lab').shadowRoot;
      const firstCell = root.querySelector('#compare-table tbody tr > :first-child');
      const hit = root.querySelector('#curve .dot .hit')?.getBoundingClientRect();
      if (!firstCell || !hit) return null;
      return {
        slider: root.getElementById('pred-range-1').getAttribute('aria-label'),
        pill: root.querySelector('.target').getAttribute('aria-description'),
        rowHeader: `${firstCell.localName} ${firstCell.getAttribute('scope')}`,
        xTitle: [...root.querySelectorAll('#chart .axis-title')].map((t) => t.textContent).includes('sample'),
        target: Math.round(Math.min(hit.width, hit.height)),
        radio: Math.round(root.getElementById('backward-sum').getBoundingClientRect().width),
      };
    },
    null,
    { message: 'the curve and Compare drawn' },
  );
  assert.deepEqual(await handle.jsonValue(), {
    slider: 'Sample 1, target 1: prediction p',
    pill: 'Press to flip the target between 1 and 0',
    rowHeader: 'th row',
    xTitle: true,
    target: 24,
    radio: 18,
  });
  await close(page);
});

test('heading-level fits the lab’s headings into an embedding post’s outline', async () => {
  const page = await open();
  const levels = () =>
    page.evaluate(() => {
      const root = document.querySelector('loss-lab').shadowRoot;
      return [root.querySelector('h2#chart-heading'), root.querySelector('#code-panel h3')].map((h) => h.getAttribute('aria-level'));
    });
  assert.deepEqual(await levels(), [null, null]);
  await page.evaluate(() => document.querySelector('loss-lab').setAttribute('heading-level', '3'));
  await eventually(levels, ['3', '4'], { message: 'the headings one level down' });
  await page.evaluate(() => document.querySelector('loss-lab').setAttribute('heading-level', '9'));
  await eventually(levels, [null, null], { message: 'an unusable level is ignored' });
  await expectText(page, '#notice', /heading-level “9” is not 2, 3, 4 or 5/);
  await close(page);
});

test('forced colours (Windows high contrast): slider tracks, thumbs and the target swatches stay visible', async () => {
  const page = await open();
  await page.emulateMedia({ forcedColors: 'active' });
  const seen = await page.evaluate(() => {
    const root = document.querySelector('loss-lab').shadowRoot;
    return {
      bg: getComputedStyle(document.body).backgroundColor,
      key: getComputedStyle(root.querySelector('.key-t1'), '::before').backgroundColor,
      pill: getComputedStyle(root.querySelector('.target'), '::before').backgroundColor,
    };
  });
  // The slider as drawn: its track at a tenth of its width, the thumb's middle at p = 0.9 of the track.
  const at = await pixels(page, page.locator('#pred-range-1'));
  seen.track = at(0.08, 0.5);
  seen.thumb = at(0.89, 0.5);
  for (const part of ['track', 'thumb', 'key', 'pill'])
    assert.ok(contrast(seen[part].replace('rgba', 'rgb'), seen.bg) >= 3, `${part} is ${seen[part]} on ${seen.bg}`);
  await close(page);
});

test('no console errors, failed requests or page errors during the whole run', () => {
  assert.deepEqual(problems, []);
});
