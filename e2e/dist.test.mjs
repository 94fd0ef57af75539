// Browser tests of what is published (issue 6): dist/ served from a sub-path, the Content-Security-
// Policy on every response and nothing violating it, no style attribute anywhere, axe-core inside the
// shadow roots, the fallback text without JavaScript, and screenshots of the embed demo (www/ and
// dist/). Through harness.mjs; `make dist && cd e2e && node --test dist.test.mjs`.
//
// Three servers on free ports: www/ (the source modules), dist/ (what `make dist` wrote) and a
// temporary folder holding a copy of dist/ under some/sub/path/. All send the strict CSP of serve.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_MEANS,
  EXPECTED_CSP,
  SCREENSHOTS,
  SEED_MEAN,
  SUB_PATH,
  assertClean,
  axeViolations,
  distUrl,
  eventually,
  expectCount,
  expectMeans,
  expectState,
  expectText,
  lab,
  meanOf,
  openFull,
  quietly,
  screenshotWhole,
  setup,
  subUrl,
  togglePanel,
  waitFor,
  waitLabs,
  waitMean,
  withPage,
  wwwUrl,
} from './harness.mjs';

setup({ dist: true, sub: true });

const PANELS = ['curve', 'sigmoid', 'compare', 'code'];

/** Waits until demo-logit's code view holds its program (the code is written on a later frame). */
const waitForLogitCode = (page) =>
  waitFor(page, () => labOf('demo-logit').getElementById('code').textContent.includes('torch'), null, { message: 'demo-logit’s code' });

// ---- dist/ under a sub-path ---------------------------------------------------------------

test('dist/ served from a sub-path: numbers render and every request stays under it', async () => {
  const base = subUrl();
  for (const [path, count] of [
    ['', 1],
    ['embed-demo.html', 4],
  ]) {
    await withPage({}, async ({ page, log }) => {
      const response = await page.goto(base + path);
      assert.equal(response.status(), 200);
      await waitLabs(page, count);
      if (count === 1) {
        await page.waitForSelector('body[data-ready="true"]');
        await waitMean(page, null, SEED_MEAN);
      } else {
        await expectMeans(page, DEMO_MEANS);
      }
      for (const url of log.requests) {
        const u = new URL(url);
        assert.equal(u.origin, new URL(base).origin, `same origin: ${url}`);
        assert.ok(u.pathname.startsWith(`/${SUB_PATH}`), `under /${SUB_PATH}: ${url}`);
      }
      for (const r of log.responses) assert.ok(r.status() < 400, `${r.status()} for ${r.url()}`);
      assertClean(log, `sub-path ${path || 'index'}`);
    });
  }
});

// ---- the weights lab: its own file, with its own engine -------------------------------------

test('dist/: models load loss-lab-weights.js, which carries its own engine, under the CSP', async () => {
  await withPage({}, async ({ page, log }) => {
    await page.goto(distUrl('index.html#model=words'));
    await page.waitForSelector('body[data-ready="true"]');
    // The blog's three sentences: p = 0.9, 0.2, 0.3 and distance 0.1, 0.2, 0.7, mean 0.3333.
    await expectText(page, '#wl-mean', '0.3333');
    await lab(page).locator('#wl-step').click();
    await expectText(page, '#wl-train-summary', /^1 step at learning rate/);
    await lab(page).locator('#wl-code-panel > summary').click();
    await waitFor(page, () => labRoot().querySelector('#wl-code-output').textContent.startsWith('tensor('), null, {
      message: 'the code view',
    });
    await lab(page).locator('#wl-model').selectOption('constant');
    // Hand: c = 0 on targets 1, 2, 3, 4, 12: (1 + 4 + 9 + 16 + 144) / 5 = 34.8.
    await expectText(page, '#wl-mean', '34.8000');
    await lab(page).locator('#wl-model').selectOption('');
    await waitMean(page, null, SEED_MEAN);
    const paths = log.requests.map((u) => new URL(u).pathname);
    assert.equal(paths.filter((p) => p === '/loss-lab-weights.js').length, 1, `one request for the weights lab: ${paths.join(', ')}`);
    assert.equal(paths.filter((p) => p === '/loss-lab.js').length, 1, 'loss-lab.js is fetched once');
    assert.deepEqual(
      paths.filter((p) => p.endsWith('.wasm') || (p.endsWith('.css') && p !== '/style.css')),
      [],
      'the engines and the styles are inlined',
    );
    assert.deepEqual(await noStyleAttributes(page), []);
    assertClean(log, 'dist weights lab');
  });
});

// ---- CSP ----------------------------------------------------------------------------------

/** Every element with a style attribute, in the document and in every shadow root. */
async function noStyleAttributes(page) {
  return page.evaluate(() =>
    window
      .allRoots()
      .flatMap((root) =>
        [...root.querySelectorAll('[style]')].map(
          (el) => `${root === document ? 'document' : `#${root.host.id}`} <${el.localName} style="${el.getAttribute('style')}">`,
        ),
      ),
  );
}

/** Opens panels, drags, types, switches, steps, copies, shares and embeds on the full page; returns once all of it is drawn. */
async function exerciseFullPage(page) {
  const root = lab(page);
  await togglePanel(page, 'compare', true);
  await togglePanel(page, 'code', true);
  await root.locator('#numbers > summary').click();
  await root.locator('#pred-range-3').fill('0.8');
  await root.locator('#pred-range-1').focus();
  await page.keyboard.press('ArrowLeft');
  await root.locator('#cmp-zero_one').uncheck();
  await root.locator('#cmp-brier').check();
  await root.locator('#space-logit').check();
  await togglePanel(page, 'sigmoid', true);
  await root.locator('#curve [data-dot="2"]').focus();
  await page.keyboard.press('ArrowRight');
  await root.locator('#loss-select').selectOption('focal');
  await root.locator('#gamma').fill('3');
  await root.locator('#step').click();
  await root.locator('#pred-field-2').fill('abc');
  await root.locator('#copy').click();
  await waitFor(page, () => labRoot().querySelector('#copy-note').textContent.length > 0, null, { message: 'the copy note' });
  await page.locator('#share').click();
  await expectText(page, '#share-note', 'Link copied.');
  await page.locator('#embed').click();
  // All of it drawn: the refused field, focal's γ, the training chart, the table, the snippet.
  await expectText(page, '[data-sample="2"] .field-error', /not a number/);
  await expectText(page, '#gamma-value', '3.0');
  await expectState(root.locator('#train-box'), 'visible');
  await expectCount(page, '#loss-table-body tr', 3);
  await waitFor(page, () => document.getElementById('snippet').textContent.includes('<loss-lab'), null, { message: 'the snippet' });
  await expectText(page, '#share-note', /^Embed code copied/);
  // A quiet period: the address is written 400 ms after the last edit, and the screen-reader summary
  // then; this lets that delayed work run, to prove it violates nothing either.
  await quietly(page, 500);
}

/** Edits two labs of the embed demo, opens a table, waits for demo-logit's code, shows every view of it; returns once drawn. */
async function exerciseDemo(page) {
  await lab(page, 'demo-seed').locator('#pred-range-2').fill('0.6');
  await lab(page, 'demo-seed').locator('#target-1').click();
  await lab(page, 'demo-compare').locator('#cmp-brier').check();
  await lab(page, 'demo-compare').locator('#pred-range-1').fill('0.4');
  await lab(page, 'demo-compare').locator('#numbers > summary').click();
  await waitForLogitCode(page);
  await page.evaluate(() => document.getElementById('demo-logit').setAttribute('views', 'all'));
  // All of it drawn. Hand: demo-seed, targets 0,0,1 and p = 0.9, 0.6, 0.3 under distance: 0.9, 0.6, 0.7; mean 0.7333.
  await waitMean(page, 'demo-seed', '0.7333');
  await eventually(() => lab(page, 'demo-compare').locator('#loss-table-body tr').count(), 4, { message: 'demo-compare’s table' });
  // demo-logit is readonly: its controls stay hidden, its panels show.
  await waitFor(page, () => ['curve', 'compare', 'code'].every((p) => !labOf('demo-logit').getElementById(`${p}-panel`).hidden), null, {
    message: 'the panels of demo-logit',
  });
  await quietly(page); // a quiet period: lets late work run, to prove it violates nothing either
}

test('CSP: the header is sent, nothing violates it, no style attributes anywhere (www/ and dist/)', async () => {
  const cases = [
    ['www full page', wwwUrl('index.html'), 1, exerciseFullPage],
    ['www embed demo', wwwUrl('embed-demo.html'), 4, exerciseDemo],
    ['dist full page', distUrl('index.html'), 1, exerciseFullPage],
    ['dist embed demo', distUrl('embed-demo.html'), 4, exerciseDemo],
  ];
  for (const [name, url, count, exercise] of cases) {
    await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async ({ page, log }) => {
      const response = await page.goto(url);
      assert.equal(response.headers()['content-security-policy'], EXPECTED_CSP, `${name}: the document's CSP header`);
      await waitLabs(page, count);
      if (count === 1) await page.waitForSelector('body[data-ready="true"]'); // Share and Embed are enabled then
      await exercise(page);
      // Every response from the server carries the header (the module scripts and the wasm too).
      const served = log.responses.filter((r) => r.url().startsWith(new URL(url).origin));
      assert.ok(served.length >= 2);
      for (const r of served) assert.equal(r.headers()['content-security-policy'], EXPECTED_CSP, `${name}: CSP on ${r.url()}`);
      assert.deepEqual(await page.evaluate(() => window.__violations), [], `${name}: CSP violations`);
      assert.deepEqual(await noStyleAttributes(page), [], `${name}: elements with a style attribute`);
      const labsOk = await page.evaluate(() =>
        [...document.querySelectorAll('loss-lab')].every((l) => /^\d+\.\d{4}$/.test(window.meanOf(l))),
      );
      assert.ok(labsOk, `${name}: numbers still shown`);
      assertClean(log, name);
    });
  }
});

// ---- axe-core inside the shadow roots -----------------------------------------------------

test('axe-core: the embed demo and the full page with every panel open, light and dark', async () => {
  const found = {};
  for (const colorScheme of ['light', 'dark']) {
    // bypassCSP only so that axe, injected as an inline script, may run.
    await withPage({ colorScheme, bypassCSP: true }, async ({ page, log }) => {
      await page.goto(wwwUrl('embed-demo.html'));
      await waitLabs(page, 4);
      await waitForLogitCode(page);
      found[`embed demo, ${colorScheme}`] = await axeViolations(page);
      assertClean(log, `axe embed demo ${colorScheme}`);
    });
    await withPage({ colorScheme, bypassCSP: true }, async ({ page, log }) => {
      await openFull(page, wwwUrl('index.html'));
      const root = lab(page);
      await root.locator('#space-logit').check();
      for (const name of PANELS) await togglePanel(page, name, true);
      // The panels' views load on first use and grow the page when they arrive: wait for each before
      // clicking under them, or the click lands where the target was a moment before.
      await expectCount(page, '#curve .dot', 3);
      await expectCount(page, '#sigmoid .sdot', 3);
      await expectCount(page, '#compare-table tbody tr', 3);
      await expectText(page, '#code', /print\(/);
      await root.locator('#numbers > summary').click();
      await eventually(() => page.evaluate(() => labOf().getElementById('numbers').open), true, { message: 'the numbers table open' });
      await root.locator('#step').click();
      await eventually(
        () =>
          page.evaluate(() =>
            ['curve', 'sigmoid', 'compare', 'code'].filter((p) => {
              const panel = labOf().getElementById(`${p}-panel`);
              return panel.open && !panel.hidden;
            }),
          ),
        PANELS,
        { message: 'every panel open and shown' },
      );
      await expectState(root.locator('#train-box'), 'visible');
      await expectCount(page, '#loss-table-body tr', 3);
      found[`full page, every panel, ${colorScheme}`] = await axeViolations(page);
      assertClean(log, `axe full page ${colorScheme}`);
    });
  }
  const none = Object.fromEntries(Object.keys(found).map((k) => [k, []]));
  assert.deepEqual(found, none);
});

// ---- loss-lab.js without its siblings -----------------------------------------------------

test('dist/loss-lab.js without loss-lab-formulas.js: the numbers show, and a number pointed at says its formulas are missing', async () => {
  // The missing file is this test's own doing: the page is not watched.
  await withPage({ watch: false }, async ({ page }) => {
    await page.route('**/loss-lab-formulas.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(distUrl('index.html'));
    await page.waitForSelector('body[data-ready="true"]');
    await eventually(() => meanOf(page), SEED_MEAN, { message: 'the seed’s mean' });
    await page.locator('[data-sample="1"] .loss').hover();
    await eventually(
      () => page.evaluate(() => labOf().querySelector('[data-sample="1"] .row-formula')?.textContent),
      (text) => /formulas could not be loaded: loss-lab-formulas\.js/.test(text ?? ''),
      { message: 'the row says its formulas could not be loaded' },
    );
    // Another number says so too, in its own place.
    await page.locator('#mean').hover();
    await eventually(
      () => page.evaluate(() => [labOf().getElementById('stat-formula').hidden, labOf().getElementById('stat-formula').textContent]),
      ([hidden, text]) => !hidden && /could not be loaded/.test(text),
      { message: 'the mean says its formulas could not be loaded' },
    );
  });
});

// ---- without JavaScript -------------------------------------------------------------------

test('without JavaScript the text inside <loss-lab> is shown', async () => {
  for (const [url, count] of [
    [wwwUrl('index.html'), 1],
    [wwwUrl('embed-demo.html'), 4],
    [distUrl('index.html'), 1],
  ]) {
    await withPage({ javaScriptEnabled: false }, async ({ page }) => {
      await page.goto(url);
      const fallback = page.locator('loss-lab > p');
      assert.equal(await fallback.count(), count);
      for (let i = 0; i < count; i++) assert.equal(await fallback.nth(i).isVisible(), true, `${url}: fallback ${i + 1} visible`);
      const first = await fallback.first().textContent();
      assert.match(first, /JavaScript/);
      // The fallback of the seed names the fastai example's mean (oracle pub-distance-prob-seed).
      assert.ok(first.includes(SEED_MEAN), first);
      const box = await fallback.first().boundingBox();
      assert.ok(box.width > 100 && box.height > 10, `fallback has room: ${JSON.stringify(box)}`);
    });
  }
});

// ---- screenshots --------------------------------------------------------------------------

test('screenshots of the embed demo at 360 and 1280 px, light and dark', async () => {
  const overflows = [];
  for (const width of [360, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      await withPage({ width, height: 900, colorScheme }, async ({ page, log }) => {
        await page.goto(wwwUrl('embed-demo.html'));
        await waitLabs(page, 4);
        await waitForLogitCode(page);
        await screenshotWhole(page, `${SCREENSHOTS}embed-demo-${width}-${colorScheme}.png`);
        // Nothing may stick out sideways: name the widest elements that do.
        const overflow = await page.evaluate(() => {
          const excess = document.documentElement.scrollWidth - window.innerWidth;
          const culprits = [];
          for (const root of window.allRoots()) {
            for (const el of root.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              // Inside a scroll box that fits (a wide table in its scrolling wrapper), it is clipped: fine.
              const clipped = () => {
                for (let a = el.parentNode; a && a !== document; a = a.parentNode ?? a.host) {
                  if (a.nodeType !== 1) continue;
                  if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= window.innerWidth + 1) return true;
                }
                return false;
              };
              if (r.width > 0 && r.right > window.innerWidth + 1 && !clipped()) {
                const host = root === document ? '' : `#${root.host.id} `;
                const name = `${el.localName}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
                culprits.push([r.right - window.innerWidth, `${host}${name} (right edge ${Math.round(r.right)}px)`]);
              }
            }
          }
          culprits.sort((a, b) => b[0] - a[0]);
          // The widest few of each lab.
          const byHost = new Map();
          for (const [, text] of culprits) {
            const key = text.startsWith('#') ? text.split(' ')[0] : 'document';
            if ((byHost.get(key) ?? []).length < 3) byHost.set(key, [...(byHost.get(key) ?? []), text]);
          }
          return { excess, culprits: [...byHost.values()].flat() };
        });
        if (overflow.excess > 0) {
          overflows.push(`${width}px ${colorScheme}: ${overflow.excess}px too wide; ${overflow.culprits.join(', ')}`);
        }
        assertClean(log, `screenshot ${width} ${colorScheme}`);
      });
    }
  }
  assert.deepEqual(overflows, [], 'no horizontal scrolling');
});
