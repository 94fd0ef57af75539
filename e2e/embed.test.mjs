// Browser tests of <loss-lab> as an embed (issue 6): node:test + playwright-core driving Debian's Chromium.
//
//   make dist && cd e2e && node --test embed.test.mjs
//
// Three servers are started on free ports: www/ (the source modules), dist/ (what `make dist` wrote)
// and a temporary folder holding a copy of dist/ under some/sub/path/. All of them send the strict
// Content-Security-Policy of serve.mjs.
//
// Expected numbers come from PyTorch (tests/data/oracle.json, cited by case id) or from a hand
// calculation written beside them; never from the page under test, except where a test checks
// that a state survives a round trip (then both sides come from the page). Screenshots go to
// e2e/screenshots/ (git-ignored).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { screenshotWhole } from './shots.mjs';
import { CHROMIUM_ARGS, startServer } from './serve.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
const SCREENSHOTS = `${HERE}screenshots/`;
const AXE_PATH = `${HERE}node_modules/axe-core/axe.min.js`;
const SUB_PATH = 'some/sub/path/';

/** The policy serve.mjs must send, written out here so that a weakened header is noticed. */
const EXPECTED_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** PyTorch float64 results, by case id. */
const oracle = new Map(
  JSON.parse(readFileSync(new URL('../tests/data/oracle.json', import.meta.url), 'utf8')).cases.map((c) => [c.id, c]),
);
/** Four decimals, as the page and PyTorch print them (none of the values used here is a tie). */
const dp4 = (x) => x.toFixed(4);
const oracleMean = (id) => {
  const c = oracle.get(id);
  assert.ok(c, `oracle case ${id} exists`);
  return dp4(c.mean);
};

// The three instances of www/embed-demo.html and what they show at first.
// demo-seed: distance, prob, targets 1,0,1, predictions 0.9,0.2,0.3 (oracle pub-distance-prob-seed): 0.3333.
const SEED_MEAN = oracleMean('pub-distance-prob-seed');
// demo-compare: bce, prob, targets 1,0,1,1, predictions 0.9,0.1,0.8,0.01. Hand:
// -ln 0.9, -ln(1 - 0.1), -ln 0.8, -ln 0.01 = 0.105361, 0.105361, 0.223144, 4.605170; mean 1.259759.
const COMPARE_MEAN = '1.2598';
// demo-logit: bce with logits, targets 1,0,1, activations 2.2,-1.4,-0.8. Hand: softplus(-x) for
// target 1, softplus(x) for target 0: ln(1 + e^-2.2), ln(1 + e^-1.4), ln(1 + e^0.8)
// = 0.105083, 0.220417, 1.171101; mean 0.498867.
const LOGIT_MEAN = '0.4989';
// demo-classes: cross_entropy, rows (3, 0.5, -1), (0.8, 1, 0.6), (2.5, -0.5, -1.5), classes 0, 1, 2. Hand:
// logsumexp(row) - row[class] = 0.095677, 0.911909, 4.065850; mean 1.691145.
const CLASSES_MEAN = '1.6912';
const DEMO_MEANS = { 'demo-seed': SEED_MEAN, 'demo-compare': COMPARE_MEAN, 'demo-logit': LOGIT_MEAN, 'demo-classes': CLASSES_MEAN };

const MEAN_RE = /^\d+\.\d{4}$/;
const PANELS = ['curve', 'sigmoid', 'compare', 'code'];
const DETAIL_KEYS = ['compare', 'grad', 'loss', 'lr', 'open', 'params', 'predictions', 'space', 'targets'];

let browser = null;
const servers = {};
let subRoot = null;

before(async () => {
  assert.ok(existsSync(`${DIST_DIR}loss-lab.js`), 'dist/loss-lab.js exists: run `make dist` first');
  mkdirSync(SCREENSHOTS, { recursive: true });
  subRoot = mkdtempSync(join(tmpdir(), 'losslab-sub-'));
  cpSync(DIST_DIR, join(subRoot, SUB_PATH), { recursive: true });
  servers.www = await startServer({ port: 0 });
  servers.dist = await startServer({ port: 0, root: DIST_DIR.replace(/\/$/, '') });
  servers.sub = await startServer({ port: 0, root: subRoot });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server.close();
  if (subRoot) rmSync(subRoot, { recursive: true, force: true });
});

const wwwUrl = (path = '') => new URL(path, servers.www.url).href;
const distUrl = (path = '') => new URL(path, servers.dist.url).href;

/** Code run in every page before its own scripts. */
function initScript() {
  // CSP violations, wherever they happen (the event is composed, so shadow roots report here too).
  window.__violations = [];
  document.addEventListener(
    'securitypolicyviolation',
    (e) => window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample ?? ''}`.trim()),
    true,
  );
  // The mean on screen: the matrix lab's when it shows (many classes or labels), else the main lab's.
  window.meanOf = (l) => {
    const root = l.shadowRoot;
    if (!root) return '';
    const matrix = root.getElementById('matrix-host');
    return (matrix && !matrix.hidden ? root.getElementById('mx-mean') : root.getElementById('mean'))?.textContent ?? '';
  };
  window.labOf = (id) => (id ? document.getElementById(id) : document.querySelector('loss-lab')).shadowRoot;
  window.deepActive = () => {
    let node = document.activeElement;
    while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
    return node;
  };
  /** The document and every open shadow root in it, depth first. */
  window.allRoots = () => {
    const roots = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return roots;
  };
  /** Elements that no state of the lab creates: what an injected payload would leave behind. */
  window.__suspicious = () => {
    const found = [];
    const banned = new Set(['img', 'iframe', 'frame', 'object', 'embed', 'b', 'x', 'style', 'base', 'form', 'video', 'audio', 'math']);
    for (const root of window.allRoots()) {
      const where = root === document ? 'document' : `shadow of #${root.host.id || root.host.localName}`;
      for (const el of root.querySelectorAll('*')) {
        const tag = el.localName;
        if (banned.has(tag)) found.push(`<${tag}> in ${where}`);
        if (tag === 'script' && root !== document) found.push(`<script> in ${where}`);
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) found.push(`<${tag} ${a.name}> in ${where}`);
          if (/^(href|src|action|formaction|xlink:href|srcdoc)$/i.test(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)) {
            found.push(`<${tag} ${a.name}="${a.value.slice(0, 30)}"> in ${where}`);
          }
        }
      }
    }
    found.push(...[...document.scripts].filter((s) => !s.src).map(() => 'inline <script> in document'));
    return found;
  };
}

/**
 * A fresh context and page. `log` gathers console errors and warnings, page errors, failed
 * requests, dialogs (dismissed) and every request made.
 */
async function newPage({ width = 1280, height = 900, colorScheme = 'light', bypassCSP = false, javaScriptEnabled = true, permissions = [] } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, deviceScaleFactor: 1, bypassCSP, javaScriptEnabled, permissions });
  await context.addInitScript(initScript);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const log = { errors: [], requests: [], dialogs: [], responses: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The next navigation may cut the icon's request short: that is the test's doing, not the page's.
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && new URL(r.url()).pathname.endsWith('/favicon.svg')) return;
    log.errors.push(`request failed: ${r.url().slice(0, 200)} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('response', (r) => log.responses.push(r));
  page.on('dialog', (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return { page, context, log };
}

/** Runs `fn` with a fresh page, closing its context whatever happens. */
async function withPage(options, fn) {
  const handle = await newPage(options);
  try {
    return await fn(handle);
  } finally {
    await handle.context.close();
  }
}

/** Two animation frames: a lab renders at most once a frame, on the next one. */
async function settle(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Waits until `count` labs are on the page, every one ready and showing a mean. */
async function waitLabs(page, count) {
  await page.waitForFunction(
    (n) => {
      const labs = [...document.querySelectorAll('loss-lab')];
      return labs.length === n && labs.every((l) => /^\d+\.\d{4}$/.test(window.meanOf(l)));
    },
    count,
  );
  const ready = await page.evaluate(() => Promise.all([...document.querySelectorAll('loss-lab')].map((l) => l.ready)));
  assert.ok(ready.every((ok) => ok === true), `every lab is ready: ${ready}`);
}

const lab = (page, id = 'lab') => page.locator(`#${id}`);
const meanOf = (page, id = null) => page.evaluate((i) => labOf(i).getElementById('mean').textContent, id);

/** Waits for a lab's mean to read `want`; fails with the value it shows if it never does. */
async function waitMean(page, id, want, timeout = 10_000) {
  try {
    await page.waitForFunction(([i, w]) => labOf(i).getElementById('mean').textContent === w, [id, want], { timeout });
  } catch {
    // fall through to the assertion, which names what the lab shows instead
  }
  assert.equal(await meanOf(page, id), want, `mean of #${id}`);
}

async function means(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('loss-lab')].map((l) => [l.id, window.meanOf(l)])));
}

/** Waits two frames and a little more, for events that would come late. */
async function quietly(page, ms = 300) {
  await settle(page);
  await page.waitForTimeout(ms);
  await settle(page);
}

/** Serves `html` at <origin>/__blank.html with the same CSP header as the real server. */
async function blankPage(page, html, base = wwwUrl()) {
  const url = new URL('__blank.html', base).href;
  await page.route(url, (route) =>
    route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': EXPECTED_CSP }, body: html }),
  );
  return url;
}

const BLANK_HTML = (head = '', body = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title>${head}</head><body><main id="main">${body}</main></body></html>`;

function assertClean(log, what) {
  assert.deepEqual(log.errors, [], `${what}: console errors, page errors or failed requests`);
  assert.deepEqual(log.dialogs, [], `${what}: dialogs`);
}

// ---- 1. independence and one shared engine -------------------------------------------------

test('three <loss-lab> on one page keep their own numbers and load the wasm once (www/ and dist/)', async () => {
  await withPage({}, async ({ page, log }) => {
    await page.goto(wwwUrl('embed-demo.html'));
    await waitLabs(page, 4);
    assert.deepEqual(await means(page), DEMO_MEANS);

    // Slider 3 of demo-seed to 0.8. Hand: target 1, loss 1 - 0.8 = 0.2; mean (0.1 + 0.2 + 0.2) / 3 = 0.1667.
    await lab(page, 'demo-seed').locator('#pred-range-3').fill('0.8');
    await waitMean(page, 'demo-seed', '0.1667');
    await settle(page);
    assert.deepEqual(await means(page), { ...DEMO_MEANS, 'demo-seed': '0.1667' });

    // demo-compare, keyboard: sample 4 (p = 0.01, target 1) to the end of its slider, p = 1.
    // Hand: bce losses -ln 0.9, -ln 0.9, -ln 0.8, -ln 1 = 0.105361, 0.105361, 0.223144, 0; mean 0.108466.
    await lab(page, 'demo-compare').locator('#pred-range-4').focus();
    await page.keyboard.press('End');
    await waitMean(page, 'demo-compare', '0.1085');
    await settle(page);
    assert.deepEqual(await means(page), { 'demo-seed': '0.1667', 'demo-compare': '0.1085', 'demo-logit': LOGIT_MEAN, 'demo-classes': CLASSES_MEAN });

    // Same ids in three shadow roots: each #pred-range-1 is its own.
    const values = await page.evaluate(() => ['demo-seed', 'demo-compare', 'demo-logit'].map((id) => labOf(id).getElementById('pred-range-3').value));
    assert.deepEqual(values, ['0.8', '0.8', '-0.8']);
    // demo-logit is readonly: its sliders take no edits.
    assert.equal(await lab(page, 'demo-logit').locator('#pred-range-1').isDisabled(), true);

    const wasm = log.requests.filter((u) => new URL(u).pathname.endsWith('/losslab_bg.wasm'));
    assert.equal(wasm.length, 1, `one request for the wasm, shared by the three labs: ${wasm.join(', ')}`);
    assertClean(log, 'www embed demo');
  });

  await withPage({}, async ({ page, log }) => {
    await page.goto(distUrl('embed-demo.html'));
    await waitLabs(page, 4);
    assert.deepEqual(await means(page), DEMO_MEANS);
    await lab(page, 'demo-seed').locator('#pred-range-3').fill('0.8');
    await waitMean(page, 'demo-seed', '0.1667');
    assert.deepEqual(await means(page), { ...DEMO_MEANS, 'demo-seed': '0.1667' });
    // The page's own HTML and stylesheet, the one-file element and the icon: no wasm, no lab.css, no other
    // module, except the views for many classes, which demo-classes loads on first use.
    const paths = log.requests.map((u) => new URL(u).pathname);
    const allowed = ['/embed-demo.html', '/style.css', '/loss-lab.js', '/favicon.svg', '/loss-lab-matrix.js'];
    assert.deepEqual(paths.filter((p) => !allowed.includes(p)), [], `dist requests: ${paths.join(', ')}`);
    assert.equal(paths.filter((p) => p === '/loss-lab.js').length, 1, 'loss-lab.js is fetched once');
    assert.equal(paths.filter((p) => p === '/embed-demo.html').length, 1);
    assertClean(log, 'dist embed demo');
  });
});

// ---- 2. attributes re-render ---------------------------------------------------------------

test('changing an attribute re-renders: predictions, loss, views, readonly, theme', async () => {
  await withPage({}, async ({ page, log }) => {
    await page.goto(wwwUrl('embed-demo.html'));
    await waitLabs(page, 4);
    const set = (name, value, id = 'demo-seed') =>
      page.evaluate(([i, n, v]) => (v === null ? document.getElementById(i).removeAttribute(n) : document.getElementById(i).setAttribute(n, v)), [id, name, value]);
    const seed = lab(page, 'demo-seed');

    // Hand: distance with p = 0.5 is 0.5 whatever the target; mean 0.5.
    await set('predictions', '0.5,0.5,0.5');
    await waitMean(page, 'demo-seed', '0.5000');
    assert.deepEqual(await seed.locator('.pred-field').evaluateAll((f) => f.map((x) => x.value)), ['0.5', '0.5', '0.5']);
    assert.deepEqual(await seed.locator('#samples .loss').allTextContents(), ['0.5000', '0.5000', '0.5000']);

    // Hand: bce with p = 0.5 is ln 2 = 0.693147 for either target.
    await set('loss', 'bce');
    await waitMean(page, 'demo-seed', '0.6931');
    assert.equal(await seed.locator('#loss-select').inputValue(), 'bce');

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
    assert.equal(await seed.locator('#samples > li').count(), 4);

    // views: every [data-view] node is hidden unless its view is named.
    const viewState = () =>
      page.evaluate(() => [...labOf('demo-seed').querySelectorAll('[data-view]')].map((n) => `${n.dataset.view}:${n.hidden ? 'hidden' : 'shown'}`));
    const expectViews = async (names) => {
      await page.waitForFunction(
        (want) => [...labOf('demo-seed').querySelectorAll('[data-view]')].every((n) => n.hidden === !want.includes(n.dataset.view)),
        names,
        { timeout: 5_000 },
      ).catch(() => {});
      const state = await viewState();
      assert.ok(state.length >= 7, `data-view nodes: ${state}`);
      for (const item of state) {
        const [view, shown] = item.split(':');
        assert.equal(shown, names.includes(view) ? 'shown' : 'hidden', `views=${names}: ${item}`);
      }
    };
    await set('views', 'chart');
    await expectViews(['chart']);
    assert.equal(await seed.locator('#mean').isVisible(), true);
    assert.equal(await seed.locator('#loss-select').isVisible(), false);
    await set('views', 'chart,controls,curve');
    await expectViews(['chart', 'controls', 'curve']);
    assert.equal(await seed.locator('#loss-select').isVisible(), true);
    assert.equal(await seed.locator('#curve-panel').isVisible(), true);
    // Back to the demo's own choice.
    await set('views', 'chart,gradient,controls');
    await expectViews(['chart', 'gradient', 'controls']);

    // readonly: sliders, fields and target toggles take no edits; removing it gives them back.
    await set('readonly', '');
    await page.waitForFunction(() => [...labOf('demo-seed').querySelectorAll('.pred-range')].every((r) => r.disabled));
    assert.deepEqual(await seed.locator('.pred-range').evaluateAll((r) => r.map((x) => x.disabled)), [true, true, true, true]);
    assert.deepEqual(await seed.locator('.target').evaluateAll((r) => r.map((x) => x.disabled)), [true, true, true, true]);
    assert.deepEqual(await seed.locator('.pred-field').evaluateAll((r) => r.map((x) => x.readOnly)), [true, true, true, true]);
    await set('readonly', null);
    await page.waitForFunction(() => [...labOf('demo-seed').querySelectorAll('.pred-range')].every((r) => !r.disabled));
    assert.deepEqual(await seed.locator('.target').evaluateAll((r) => r.map((x) => x.disabled)), [false, false, false, false]);

    // theme: the host's own background follows the attribute, whatever the reader's scheme (light here).
    const luminance = async () => {
      const rgb = await page.evaluate(() => getComputedStyle(document.getElementById('demo-seed')).backgroundColor);
      const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).map(Number).map((c) => c / 255);
      return { rgb, y: 0.2126 * r + 0.7152 * g + 0.0722 * b };
    };
    await set('theme', 'light');
    const light = await luminance();
    await set('theme', 'dark');
    const dark = await luminance();
    assert.notEqual(light.rgb, dark.rgb);
    assert.ok(light.y > 0.8 && dark.y < 0.2, `light ${light.rgb}, dark ${dark.rgb}`);
    // The text follows too.
    const ink = await page.evaluate(() => getComputedStyle(labOf('demo-seed').getElementById('mean')).color);
    const inkY = ink.match(/\d+/g).slice(0, 3).map(Number).reduce((s, c) => s + c, 0) / (3 * 255);
    assert.ok(inkY > 0.7, `light text on the dark theme: ${ink}`);
    await set('theme', 'auto');
    assert.ok((await luminance()).y > 0.8, 'auto follows the light scheme of this context');
    assertClean(log, 'attributes');
  });

  // And the other way round: a dark reader, theme="light".
  await withPage({ colorScheme: 'dark' }, async ({ page, log }) => {
    await page.goto(wwwUrl('embed-demo.html'));
    await waitLabs(page, 4);
    const bg = (id) => page.evaluate((i) => getComputedStyle(document.getElementById(i)).backgroundColor, id);
    const auto = await bg('demo-logit'); // theme="auto" in the demo
    await page.evaluate(() => document.getElementById('demo-logit').setAttribute('theme', 'light'));
    const light = await bg('demo-logit');
    assert.notEqual(auto, light, `theme=light on a dark page: ${auto} -> ${light}`);
    assertClean(log, 'theme on a dark page');
  });
});

// ---- 3. the change event -------------------------------------------------------------------

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
        attributes: Object.fromEntries(['loss', 'space', 'targets', 'predictions', 'params', 'compare'].map((n) => [n, el.getAttribute?.(n) ?? null])),
      });
    });
  });
}
const changes = (page) => page.evaluate(() => window.__changes);
const clearChanges = (page) => page.evaluate(() => (window.__changes.length = 0));
async function waitChanges(page, n) {
  await page.waitForFunction((k) => window.__changes.length >= k, n, { timeout: 5_000 }).catch(() => {});
  return changes(page);
}

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
    let events = await waitChanges(page, 1);
    await quietly(page, 150);
    events = await changes(page);
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
      ['fields', () => (document.getElementById('demo-seed').fields = { loss: 'bce', space: 'prob', targets: '1,0,1', predictions: '0.9,0.2,0.3' }), oracleMean('pub-bce-prob-seed')],
      ['views', () => document.getElementById('demo-seed').setAttribute('views', 'chart,controls,curve,compare,code'), oracleMean('pub-bce-prob-seed')],
      ['readonly', () => (document.getElementById('demo-seed').readonly = true), oracleMean('pub-bce-prob-seed')],
      ['not readonly', () => (document.getElementById('demo-seed').readonly = false), oracleMean('pub-bce-prob-seed')],
      ['theme', () => (document.getElementById('demo-seed').theme = 'dark'), oracleMean('pub-bce-prob-seed')],
      // Removing state attributes brings the defaults back: the seed (oracle pub-distance-prob-seed).
      ['removeAttribute', () => ['loss', 'targets', 'predictions'].forEach((n) => document.getElementById('demo-seed').removeAttribute(n)), SEED_MEAN],
    ];
    for (const [what, fn, mean] of silent) {
      await page.evaluate(fn);
      await waitMean(page, 'demo-seed', mean);
      await quietly(page);
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
    const events = await waitChanges(page, 1);
    await quietly(page, 200);
    assert.ok(events.length >= 1, 'a typed (and committed) prediction is a reader’s edit: change fires');
    assertDetail(events.at(-1), { predictions: [0.9, 0.2, 0.8] });
    assert.equal(await page.evaluate(() => document.getElementById('demo-seed').getAttribute('predictions')), '0.9,0.2,0.8');
    assertClean(log, 'typed prediction');
  });
});

// ---- 4. the full page: address round trip, Share, Embed ---------------------------------------

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
    gamma: q('#gamma').value,
    alpha: q('#alpha').value,
    alphaOff: q('#alpha-off').checked,
    notice: q('#notice').hidden ? '' : q('#notice').textContent,
  };
}

async function openFull(page, url) {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  await waitLabs(page, 1);
  await settle(page);
}

async function togglePanel(page, name, open) {
  const details = lab(page).locator(`#${name}-panel`);
  if ((await details.evaluate((d) => d.open)) !== open) await details.locator(':scope > summary').click();
  await settle(page);
}

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
  await page.waitForFunction(() => {
    const h = new URLSearchParams(location.hash.slice(1));
    return h.get('loss') === 'bce' && h.get('space') === 'logit' && h.get('lr') === '0.1' && h.get('grad') === 'off' &&
      h.get('open') === 'curve,compare,code' && h.get('compare') === 'distance,bce,brier' && h.get('targets') === '1,0,0';
  }).catch(() => {});
  const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
  assert.equal(hash.get('loss'), 'bce', page.url());
  assert.equal(hash.get('space'), 'logit');
  assert.equal(hash.get('lr'), '0.1');
  assert.equal(hash.get('grad'), 'off');
  assert.equal(hash.get('open'), 'curve,compare,code');
  assert.equal(hash.get('compare'), 'distance,bce,brier');
  assert.equal(hash.get('targets'), '1,0,0');
  const predictions = hash.get('predictions').split(',').map(Number);
  assert.equal(predictions.length, 3);
  assert.equal(predictions[0], 3.5);
  assert.equal(predictions[1], -1.5);
  // Sample 3 went from p = 0.3 to x = logit(0.3) = ln(0.3 / 0.7) = -0.847298 (hand).
  assert.ok(Math.abs(predictions[2] - Math.log(0.3 / 0.7)) < 1e-12, `x3 = ${predictions[2]}`);
  const state = await page.evaluate(readVisibleState);
  assert.deepEqual(state.open, ['curve', 'compare', 'code']);
  assert.equal(state.lr, '0.1');
  assert.equal(state.grad, false);
  assert.equal(state.notice, '');
  // Hand: bce with logits, targets 1, 0, 0: softplus(-3.5), softplus(-1.5), softplus(-0.847298)
  // = 0.029750, 0.201413, 0.356675; mean 0.195946.
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
    const after = await page.evaluate(readVisibleState);
    assert.deepEqual(after, before);
    assertClean(log, 'reloaded address');
  });
});

test('Share copies the address to the clipboard', async () => {
  await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async ({ page, log }) => {
    await editFullPage(page);
    await page.locator('#share').click();
    await page.waitForFunction(() => document.getElementById('share-note').textContent.length > 0);
    assert.equal(await page.locator('#share-note').textContent(), 'Link copied.');
    const shared = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(shared, page.url());
    assert.ok(new URL(shared).hash.includes('loss=bce'), shared);
    assert.equal(await page.locator('#snippet').textContent(), shared, 'the link is shown too');
    assertClean(log, 'share');
  });
});

test('Embed shows a script tag and a <loss-lab> tag that reproduce the state on an empty page', async () => {
  let before = null;
  let snippet = null;
  await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async ({ page, log }) => {
    before = await editFullPage(page);
    await page.locator('#embed').click();
    await page.waitForFunction(() => !document.getElementById('snippet').hidden && document.getElementById('snippet').textContent.includes('<loss-lab'));
    snippet = await page.locator('#snippet').textContent();
    assert.equal(await page.locator('#snippet').isVisible(), true);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet, 'Embed copies the snippet');
    assertClean(log, 'embed button');
  });
  const lines = snippet.split('\n');
  const script = lines.find((l) => l.startsWith('<script'));
  const tag = lines.find((l) => l.startsWith('<loss-lab'));
  assert.equal(script, `<script type="module" src="${wwwUrl('loss-lab-define.js')}"></script>`);
  assert.match(tag, /^<loss-lab( [a-z]+="[^"<]*")+><\/loss-lab>$/);
  await withPage({}, async ({ page, log }) => {
    await page.goto(await blankPage(page, BLANK_HTML(script, tag)));
    await waitLabs(page, 1);
    await settle(page);
    const embedded = await page.evaluate(readVisibleState);
    for (const key of ['loss', 'space', 'predictions', 'targets', 'losses', 'mean', 'sum']) {
      assert.deepEqual(embedded[key], before[key], `the embed shows the same ${key}`);
    }
    assert.equal(embedded.notice, '');
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
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('params') === 'gamma=1,alpha=0.5').catch(() => {});
    assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('params'), 'gamma=1,alpha=0.5', page.url());
    before = await page.evaluate(readVisibleState);
    url = page.url();
    assertClean(log, 'focal edits');
  });
  await withPage({}, async ({ page, log }) => {
    await openFull(page, url);
    assert.deepEqual(await page.evaluate(readVisibleState), before);
    assertClean(log, 'focal reloaded');
  });
});

test('dist/: the Embed snippet names loss-lab.js and works on an empty page', async () => {
  let snippet = null;
  await withPage({}, async ({ page, log }) => {
    await openFull(page, distUrl('index.html'));
    await lab(page).locator('#pred-range-3').fill('0.8');
    await page.waitForFunction(() => location.hash.includes('predictions=0.9,0.2,0.8'));
    await page.locator('#embed').click();
    await page.waitForFunction(() => document.getElementById('snippet').textContent.includes('<loss-lab'));
    snippet = await page.locator('#snippet').textContent();
    assertClean(log, 'dist embed button');
  });
  const script = snippet.split('\n').find((l) => l.startsWith('<script'));
  const tag = snippet.split('\n').find((l) => l.startsWith('<loss-lab'));
  assert.equal(script, `<script type="module" src="${distUrl('loss-lab.js')}"></script>`);
  await withPage({}, async ({ page, log }) => {
    await page.goto(await blankPage(page, BLANK_HTML(script, tag), distUrl()));
    await waitLabs(page, 1);
    // Hand: (0.1 + 0.2 + 0.2) / 3 = 0.1667.
    assert.equal(await meanOf(page), '0.1667');
    assertClean(log, 'dist snippet');
  });
});

// ---- 5. dist/ under a sub-path -------------------------------------------------------------

test('dist/ served from a sub-path: numbers render and every request stays under it', async () => {
  const base = new URL(SUB_PATH, servers.sub.url).href;
  for (const [path, count] of [['', 1], ['embed-demo.html', 4]]) {
    await withPage({}, async ({ page, log }) => {
      const response = await page.goto(base + path);
      assert.equal(response.status(), 200);
      await waitLabs(page, count);
      if (count === 1) {
        await page.waitForSelector('body[data-ready="true"]');
        assert.equal(await meanOf(page), SEED_MEAN);
      } else {
        assert.deepEqual(await means(page), DEMO_MEANS);
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

// ---- 6. CSP --------------------------------------------------------------------------------

async function noStyleAttributes(page) {
  return page.evaluate(() =>
    window.allRoots().flatMap((root) => [...root.querySelectorAll('[style]')].map((el) => `${root === document ? 'document' : `#${root.host.id}`} <${el.localName} style="${el.getAttribute('style')}">`)),
  );
}

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
  await settle(page);
  await page.locator('#share').click();
  await page.locator('#embed').click();
  await quietly(page, 500); // the address is written 400 ms after the last edit
}

async function exerciseDemo(page) {
  await lab(page, 'demo-seed').locator('#pred-range-2').fill('0.6');
  await lab(page, 'demo-seed').locator('#target-1').click();
  await lab(page, 'demo-compare').locator('#cmp-brier').check();
  await lab(page, 'demo-compare').locator('#pred-range-1').fill('0.4');
  await lab(page, 'demo-compare').locator('#numbers > summary').click();
  await page.waitForFunction(() => labOf('demo-logit').getElementById('code').textContent.includes('torch'));
  await page.evaluate(() => document.getElementById('demo-logit').setAttribute('views', 'all'));
  await quietly(page);
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
      await exercise(page);
      // Every response from the server carries the header (the module scripts and the wasm too).
      const served = log.responses.filter((r) => r.url().startsWith(new URL(url).origin));
      assert.ok(served.length >= 2);
      for (const r of served) assert.equal(r.headers()['content-security-policy'], EXPECTED_CSP, `${name}: CSP on ${r.url()}`);
      assert.deepEqual(await page.evaluate(() => window.__violations), [], `${name}: CSP violations`);
      assert.deepEqual(await noStyleAttributes(page), [], `${name}: elements with a style attribute`);
      const labsOk = await page.evaluate(() => [...document.querySelectorAll('loss-lab')].every((l) => /^\d+\.\d{4}$/.test(window.meanOf(l))));
      assert.ok(labsOk, `${name}: numbers still shown`);
      assertClean(log, name);
    });
  }
});

// ---- 7. hostile input --------------------------------------------------------------------

const HUGE = 'A'.repeat(100_000);
const MANY_NUMBERS = Array(25_001).fill('0.5').join(','); // 100,003 characters, 25,001 numbers
const P65 = Array(65).fill('0.5').join(',');
const T65 = Array(65).fill('1').join(',');
const ONES64 = Array(64).fill('1').join(',');

/**
 * Hostile (and a few valid) values. `ok` says, per field, which values can be used: 'ok' must
 * render without a notice; 'odd' may go either way (valid but unusual); every field not named
 * is 'bad': the lab must keep its numbers and show a notice naming the field.
 * `in` and `t` (old address names) follow predictions and targets.
 */
const CORPUS = [
  ['img onerror', '<img src=x onerror="window.__pwned=1;alert(1)">'],
  ['script tag', '"><script>window.__pwned=1;alert(1)</script>'],
  ['svg onload', "'><svg onload=window.__pwned=1>"],
  ['close the element', '</loss-lab><img src=x onerror=window.__pwned=1>'],
  ['attribute break', '" onmouseover="window.__pwned=1" autofocus onfocus="window.__pwned=1" x="'],
  ['iframe srcdoc', '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>'],
  ['javascript: URL', 'javascript:window.__pwned=1;alert(1)'],
  ['template literal', '${window.__pwned=1}'],
  ['template injection', "{{constructor.constructor('window.__pwned=1;alert(1)')()}}"],
  ['entities', '&lt;img src=x onerror=window.__pwned=1&gt;&#60;b&#62;'],
  ['data: URL', 'data:text/html,<script>window.__pwned=1</script>'],
  ['style break', '</style><style>*{display:none}</style>'],
  ['<b>', '<b>'],
  ['<x>', '<x>'],
  ['100k characters', HUGE],
  ['25,001 numbers', MANY_NUMBERS],
  ['RTL override', '\u202Ebce\u202C'],
  ['RTL in numbers', '\u202E0.5,0.2,0.3'],
  ['zero-width space', 'b\u200Bce'],
  ['zero-width in numbers', '0.5\u200B,0.5,0.5'],
  ['BOM before numbers', '\uFEFF1,0,1', { targets: 'odd', predictions: 'odd' }],
  ['NUL', '\u0000'],
  ['emoji', '💥'],
  ['lone surrogate', '\uD800'],
  ['Arabic-Indic digit', '\u0661'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['-Infinity', '-Infinity'],
  ['-0', '-0', { targets: 'odd', predictions: 'odd' }],
  ['1e309', '1e309'],
  ['1e-300', '1e-300', { predictions: 'odd' }],
  ['hex', '0x10'],
  ['underscore digits', '1_000'],
  ['empty', '', { params: 'odd', compare: 'odd', views: 'odd', theme: 'odd', open: 'odd', gamma: 'odd', alpha: 'odd' }],
  ['commas only', ',,,', { views: 'odd' }],
  ['65 predictions', P65],
  ['65 targets', T65],
  ['1.5', '1.5'],
  ['one out of [0, 1]', '0.5,1.5,0.3'],
  ['-1', '-1'],
  ['target 2', '1,2,0'],
  ['newlines', '1\n0\n1'],
  ['__proto__=1', '__proto__=1'],
  ['constructor=1', 'constructor=1'],
  ['gamma=NaN', 'gamma=NaN'],
  ['unknown loss id', 'not_a_loss'],
  ['upper-case loss id', 'BCE'],
  // Loss ids of other families: mse is a regression loss the lab shows; cross_entropy takes rows.
  ['mse', 'mse', { loss: 'ok' }],
  ['cross_entropy', 'cross_entropy', { loss: 'odd' }],
  ['rows', '0.9,0.1;0.2,0.8'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['toString', 'toString'],
  ['four losses', 'distance,bce,brier,hinge'],
  ['bce four times', 'bce,bce,bce,bce', { compare: 'odd' }],
  // Valid values: nothing to complain about.
  ['bce', 'bce', { loss: 'ok', compare: 'ok' }],
  ['logit', 'logit', { space: 'ok' }],
  ['0.25,0.75', '0.25,0.75', { predictions: 'ok' }],
  ['1,0,1', '1,0,1', { targets: 'ok', predictions: 'ok' }],
  ['64 ones', ONES64, { targets: 'ok', predictions: 'ok' }],
  ['chart,code', 'chart,code', { views: 'ok' }],
  ['dark', 'dark', { theme: 'ok' }],
  ['0.1', '0.1', { predictions: 'ok', lr: 'ok' }],
  ['off', 'off', { grad: 'ok' }],
  ['code,compare', 'code,compare', { open: 'ok', views: 'ok' }],
];

/** Several attributes at once: [name, attributes, expectation, names the notice may use]. */
const ATTRIBUTE_COMBOS = [
  ['focal, __proto__=1', { loss: 'focal', params: '__proto__=1' }, 'bad', ['param']],
  ['focal, constructor=1', { loss: 'focal', params: 'constructor=1' }, 'bad', ['param']],
  ['focal, toString=1', { loss: 'focal', params: 'tostring=1' }, 'bad', ['param']],
  ['focal, gamma=-1', { loss: 'focal', params: 'gamma=-1' }, 'bad', ['gamma', 'param']],
  ['focal, gamma=1e309', { loss: 'focal', params: 'gamma=1e309' }, 'bad', ['gamma', 'param']],
  ['focal, alpha=2', { loss: 'focal', params: 'alpha=2' }, 'bad', ['alpha', 'param']],
  ['focal, gamma=2,alpha=0.5', { loss: 'focal', params: 'gamma=2,alpha=0.5' }, 'ok', []],
  ['focal in space prob', { loss: 'focal', space: 'prob' }, 'bad', ['space', 'focal']],
  ['hinge in space prob', { loss: 'hinge', space: 'prob' }, 'bad', ['space', 'hinge']],
  ['2 predictions, 3 targets', { predictions: '0.5,0.5', targets: '1,0,1' }, 'bad', ['prediction', 'target']],
  ['3 predictions, 65 targets', { predictions: '0.5,0.5,0.5', targets: T65 }, 'bad', ['target']],
  ['logit space, 1.5 and -3', { space: 'logit', predictions: '1.5,-3,1e-300' }, 'ok', []],
  ['logit space, -0', { space: 'logit', predictions: '-0' }, 'odd', []],
  ['logit space, 1e300', { space: 'logit', predictions: '1e300,-1e300' }, 'odd', []],
  ['logit space, 1e309', { space: 'logit', predictions: '1e309' }, 'bad', ['prediction', 'activation']],
  ['negative target', { targets: '-1,0,1', predictions: '0.9,0.2,0.3' }, 'bad', ['target']],
  ['bce at exactly 0 and 1', { loss: 'bce', predictions: '0,1,0', targets: '1,0,0' }, 'ok', []],
  ['mse, real targets', { loss: 'mse', predictions: '1.5,-2', targets: '0.25,3' }, 'ok', []],
  ['mse, errors of 2e300', { loss: 'mse', predictions: '1e300,0', targets: '-1e300,0' }, 'odd', []],
  ['mse, target 1e309', { loss: 'mse', targets: '1e309' }, 'bad', ['target']],
  ['huber, delta=-1', { loss: 'huber', params: 'delta=-1' }, 'bad', ['delta', 'param']],
  ['mse in space logit', { loss: 'mse', space: 'logit' }, 'bad', ['space']],
  ['mse compared with bce', { loss: 'mse', compare: 'bce' }, 'bad', ['compare']],
  ['cross_entropy with rows', { loss: 'cross_entropy', predictions: '1,2,3;0,0,1', targets: '2,0' }, 'odd', []],
  ['multilabel_bce with rows', { loss: 'multilabel_bce', predictions: '0.5,-1;2,0', targets: '1,0;0,1' }, 'odd', []],
];

/** Words a notice about `field` may use to name it, when that field alone is wrong. */
const FIELD_WORDS = {
  loss: ['loss'],
  space: ['space'],
  targets: ['target'],
  predictions: ['prediction', 'activation'],
  params: ['param'],
  compare: ['compare'],
  views: ['views'],
  theme: ['theme'],
  lr: ['lr', 'learning rate'],
  grad: ['grad'],
  open: ['open'],
  in: ['prediction', 'activation'],
  t: ['target'],
  gamma: ['gamma', 'param'],
  alpha: ['alpha', 'param'],
};
/**
 * When several fields are wrong at once, each must be named in its own words: state.js writes
 * `name “value”`, the engine `prediction 2 is …` / `gamma is …`, lab.js `… has no parameter “x”`.
 */
const NAMED = {
  loss: /\bloss “/,
  space: /\bspace “/,
  targets: /\btargets “|\btarget \d+ is\b/,
  predictions: /\bpredictions “|\b(prediction|activation) \d+ is\b/,
  params: /\bparams “|\bparameter “|\b(gamma|alpha|delta|beta) is\b/,
  compare: /\bcompare “/,
  views: /\bviews “/,
  theme: /\btheme “/,
  lr: /\blr “/,
  grad: /\bgrad “/,
  open: /\bopen “/,
};
Object.assign(NAMED, { in: NAMED.predictions, t: NAMED.targets, gamma: NAMED.params, alpha: NAMED.params });

const ALIAS = { in: 'predictions', t: 'targets' };
const expectation = (entry, field) => entry[2]?.[ALIAS[field] ?? field] ?? 'bad';
const short = (value) => JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…(${value.length})` : value);
/** encodeURIComponent, with a lone surrogate sent as its (invalid) UTF-8 bytes. */
const encodeField = (v) => (v.isWellFormed() ? encodeURIComponent(v) : [...v].map((c) => (c.isWellFormed() ? encodeURIComponent(c) : '%ED%A0%80')).join(''));

/** What a lab shows, read in the page: mean, notice, leftovers of a payload. */
function probeLab(id) {
  const el = id ? document.getElementById(id) : document.querySelector('loss-lab');
  const root = el.shadowRoot;
  const notice = root.getElementById('notice');
  // Many classes or labels are shown by a second lab inside the same shadow root, with its own mean.
  const matrix = root.getElementById('matrix-host');
  const mean = root.getElementById(matrix && !matrix.hidden ? 'mx-mean' : 'mean');
  return {
    mean: mean ? mean.textContent : '(no mean element)',
    noticeShown: !notice.hidden && notice.checkVisibility(),
    notice: notice.textContent,
    loadStatus: root.getElementById('load-status').hidden ? '' : root.getElementById('load-status').textContent,
    pwned: window.__pwned ?? null,
    suspicious: window.__suspicious(),
    violations: window.__violations.slice(),
    slidersDisabled: [...root.querySelectorAll('.pred-range')].every((r) => r.disabled),
  };
}

/**
 * Checks one case; returns its failures (none when fine). `names`: for a refused value, a list of
 * checks, each a list of words or patterns of which the notice must hold one.
 */
function judge(probe, { expect, names = [], label, newErrors, dialogs, readonly = false }) {
  const failures = [];
  const fail = (text) => failures.push(`${label}: ${text}`);
  if (probe.pwned !== null) fail(`window.__pwned was set (${probe.pwned})`);
  if (probe.suspicious.length) fail(`payload elements: ${probe.suspicious.join('; ')}`);
  if (probe.violations.length) fail(`CSP violations: ${probe.violations.join('; ')}`);
  if (dialogs.length) fail(`dialogs: ${dialogs.join('; ')}`);
  if (newErrors.length) fail(`errors: ${newErrors.map((e) => e.slice(0, 300)).join('; ')}`);
  if (probe.loadStatus) fail(`load status shown: ${probe.loadStatus.slice(0, 200)}`);
  if (!MEAN_RE.test(probe.mean)) fail(`mean is ${JSON.stringify(probe.mean.slice(0, 60))}, not a number with 4 decimals`);
  if (probe.notice.length > 2000) fail(`notice is ${probe.notice.length} characters long`);
  if (expect === 'bad') {
    if (!probe.noticeShown || probe.notice.trim() === '') fail('no visible notice for a value that cannot be used');
    else {
      const text = probe.notice.toLowerCase();
      for (const check of names) {
        if (!check.some((w) => (w instanceof RegExp ? w.test(probe.notice) : text.includes(w)))) {
          fail(`notice does not name the field (${check.join(' or ')}): ${probe.notice.slice(0, 300)}`);
        }
      }
    }
  } else if (expect === 'ok' && probe.noticeShown) {
    fail(`a notice for a valid value: ${probe.notice.slice(0, 200)}`);
  }
  if (readonly && !probe.slidersDisabled) fail('readonly is present but the sliders take edits');
  return failures;
}

const STRING_ATTRIBUTES = ['loss', 'space', 'targets', 'predictions', 'params', 'compare', 'views', 'theme'];
const BOOLEAN_ATTRIBUTES = ['readonly', 'compact'];

/** One page at the www/ server with nothing but the element's script; `run` creates and checks labs on it. */
async function hostileElementPage({ page, log }) {
  const url = await blankPage(page, BLANK_HTML('<script type="module" src="loss-lab-define.js"></script>'));
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('loss-lab') !== undefined);
  await page.evaluate(`window.__probeLab = ${probeLab.toString()}`);
  const failures = [];
  let cases = 0;
  /**
   * mode 'fresh': a new element with `attrs` set before it connects. mode 'set': `attrs` set on the
   * element already on the page (made clean by `reset`), then removed again.
   */
  const run = async (label, attrs, mode, check) => {
    const errorsBefore = log.errors.length;
    const dialogsBefore = log.dialogs.length;
    let probe;
    try {
      probe = await page.evaluate(
        async ([a, m]) => {
          // The attributes are applied in a microtask and drawn on the next frame: two frames suffice.
          const frames = async () => {
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            await new Promise((r) => setTimeout(r, 0));
          };
          const main = document.getElementById('main');
          window.__violations.length = 0;
          let el = document.getElementById('victim');
          if (m === 'fresh' || !el) {
            main.replaceChildren();
            el = document.createElement('loss-lab');
            el.id = 'victim';
            if (m === 'fresh') for (const [n, v] of Object.entries(a)) el.setAttribute(n, v);
            main.append(el);
          }
          const ok = await el.ready;
          if (m === 'set') for (const [n, v] of Object.entries(a)) el.setAttribute(n, v);
          await frames();
          await el.ready; // a many-classes loss loads its views on first use
          await frames();
          const probe = { ok, ...window.__probeLab('victim') };
          if (m === 'set') {
            // Taking the attributes away again brings the defaults back, without a notice.
            for (const n of Object.keys(a)) el.removeAttribute(n);
            await frames();
            const back = window.__probeLab('victim');
            probe.afterRemoval = { mean: back.mean, noticeShown: back.noticeShown, notice: back.notice };
          }
          return probe;
        },
        [attrs, mode],
      );
    } catch (error) {
      failures.push(`${label} (${mode}): evaluate threw ${error.message.slice(0, 300)}`);
      return;
    }
    cases++;
    if (!probe.ok) failures.push(`${label} (${mode}): ready resolved false`);
    failures.push(
      ...judge(probe, {
        ...check,
        label: `${label} (${mode})`,
        newErrors: log.errors.slice(errorsBefore),
        dialogs: log.dialogs.slice(dialogsBefore),
        readonly: 'readonly' in attrs,
      }),
    );
    if (probe.afterRemoval) {
      if (!MEAN_RE.test(probe.afterRemoval.mean)) failures.push(`${label} (${mode}): after removing it the mean is ${probe.afterRemoval.mean}`);
      if (probe.afterRemoval.noticeShown) failures.push(`${label} (${mode}): the notice stays after the attribute is removed: ${probe.afterRemoval.notice.slice(0, 200)}`);
    }
  };
  return { run, failures, count: () => cases };
}

/**
 * The attribute cases: for each value, every attribute that cannot use it at once (each must be
 * named in the notice, and readonly and compact take it too), then each attribute that may use
 * it on its own; then the combinations.
 */
function attributeCases() {
  const cases = [['no attributes', {}, { expect: 'ok' }]];
  for (const entry of CORPUS) {
    const [name, value] = entry;
    const refused = STRING_ATTRIBUTES.filter((a) => expectation(entry, a) === 'bad');
    const attrs = Object.fromEntries([...refused, ...BOOLEAN_ATTRIBUTES].map((a) => [a, value]));
    cases.push([`${[...refused, ...BOOLEAN_ATTRIBUTES].join(',')}=${short(value)} [${name}]`, attrs, { expect: refused.length ? 'bad' : 'odd', names: refused.map((a) => [NAMED[a]]) }]);
    for (const a of STRING_ATTRIBUTES.filter((x) => !refused.includes(x))) {
      cases.push([`${a}=${short(value)} [${name}]`, { [a]: value }, { expect: expectation(entry, a), names: [FIELD_WORDS[a]] }]);
    }
  }
  for (const [label, attrs, expect, words] of ATTRIBUTE_COMBOS) cases.push([label, attrs, { expect, names: [words] }]);
  return cases;
}

for (const [mode, title] of [
  ['fresh', 'hostile attribute values on a new <loss-lab>'],
  ['set', 'hostile attribute values set on a running <loss-lab>, then removed'],
]) {
  test(`${title}: no script runs, no element is made, numbers stay, a notice names each field`, async () => {
    // bypassCSP: the page's CSP would block an injected handler and so hide the injection; without
    // it a payload that got into the DOM would really run and set window.__pwned.
    await withPage({ bypassCSP: true }, async (handle) => {
      const { run, failures, count } = await hostileElementPage(handle);
      for (const [label, attrs, check] of attributeCases()) await run(label, attrs, mode, check);
      console.log(`# ${title}: ${count()} cases, ${failures.length} failures`);
      assert.deepEqual(failures, []);
    });
  });
}

const PAGE_FIELDS = ['loss', 'space', 'targets', 'predictions', 'params', 'compare', 'lr', 'grad', 'open'];
/** Older names: `in` and `t` for predictions and targets, focal's `gamma` and `alpha` on their own. */
const OLD_FIELDS = ['in', 't', 'gamma', 'alpha'];

/** Raw addresses: [label, hash, expectation, words]. */
const HASH_COMBOS = [
  ['focal, params=__proto__=1', '#loss=focal&params=__proto__=1', 'bad', ['param']],
  ['focal, params=constructor=1', '#loss=focal&params=constructor=1', 'bad', ['param']],
  ['focal, old gamma=-1', '#loss=focal&space=logit&gamma=-1', 'bad', ['gamma', 'param']],
  ['focal, old gamma and alpha', '#loss=focal&space=logit&gamma=1.5&alpha=0.4', 'ok', []],
  ['focal in space prob', '#loss=focal&space=prob', 'bad', ['space', 'focal']],
  ['2 predictions, 3 targets', '#predictions=0.5,0.5&targets=1,0,1', 'bad', ['prediction', 'target']],
  ['old and new names', '#in=0.5,0.5,0.5&predictions=0.25,0.25,0.25&t=1,1,1', 'odd', []],
  ['duplicate loss, last hostile', '#loss=bce&loss=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E', 'bad', ['loss']],
  ['malformed percent', '#predictions=%E0%A4%A', 'bad', ['prediction']],
  ['lone percent', '#%', 'odd', []],
  ['no value', '#loss', 'bad', ['loss']],
  ['empty names', '#=&=&==', 'odd', []],
  ['__proto__ field', '#__proto__=1&constructor=1&toString=1&hasOwnProperty=1', 'odd', []],
  ['hash of a hash', '##loss=bce', 'odd', []],
  ['logit, big activations', '#space=logit&predictions=1e300,-1e300,0', 'odd', []],
  ['unknown field', '#evil=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E', 'odd', []],
  ['mse, errors of 2e300', '#loss=mse&predictions=1e300,0&targets=-1e300,0', 'odd', []],
  ['huber, delta=-1', '#loss=huber&params=delta=-1', 'bad', ['delta', 'param']],
];

test('hostile address fields on the full page: no script runs, numbers stay, a notice names each field', async () => {
  // With the CSP on, as served: an injection would also show as a CSP violation or an error.
  // Each value goes into every field. The fields that must refuse it share one address (each
  // named in the notice); those that may take it get an address of their own.
  const cases = [];
  for (const entry of CORPUS) {
    const [name, value] = entry;
    for (const fields of [PAGE_FIELDS, OLD_FIELDS]) {
      const refused = fields.filter((f) => expectation(entry, f) === 'bad');
      if (refused.length) {
        const hash = `#${refused.map((f) => `${f}=${encodeField(value)}`).join('&')}`;
        cases.push([`${refused.join(',')}=${short(value)} [${name}]`, hash, { expect: 'bad', names: refused.map((f) => [NAMED[f]]) }]);
      }
      for (const f of fields.filter((x) => !refused.includes(x))) {
        cases.push([`${f}=${short(value)} [${name}]`, `#${f}=${encodeField(value)}`, { expect: expectation(entry, f), names: [FIELD_WORDS[f]] }]);
      }
    }
  }
  for (const [label, hash, expect, words] of HASH_COMBOS) cases.push([label, hash, { expect, names: words.length ? [words] : [] }]);

  const failures = [];
  const queue = cases.slice();
  let n = 0;
  const worker = () =>
    withPage({}, async ({ page, log }) => {
      await page.addInitScript(`window.__probeLab = ${probeLab.toString()}`);
      while (queue.length) {
        const [label, hash, check] = queue.shift();
        const errorsBefore = log.errors.length;
        const dialogsBefore = log.dialogs.length;
        // A new query string makes each case a full load, not a same-document hash change.
        try {
          await page.goto(`${wwwUrl('index.html')}?case=${n++}${hash}`);
          await page.waitForSelector('body[data-ready]', { timeout: 20_000 });
          await settle(page);
          const probe = await page.evaluate(() => window.__probeLab());
          failures.push(...judge(probe, { ...check, label, newErrors: log.errors.slice(errorsBefore), dialogs: log.dialogs.slice(dialogsBefore) }));
        } catch (error) {
          failures.push(`${label}: ${error.message.split('\n')[0].slice(0, 300)}`);
        }
      }
    });
  await Promise.all([worker(), worker()]);
  console.log(`# hostile address fields: ${cases.length} loads, ${failures.length} failures`);
  assert.deepEqual(failures, []);
});

// ---- 8. axe-core inside the shadow roots ---------------------------------------------------

async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
}

test('axe-core: the embed demo and the full page with every panel open, light and dark', async () => {
  const found = {};
  for (const colorScheme of ['light', 'dark']) {
    // bypassCSP only so that axe, injected as an inline script, may run.
    await withPage({ colorScheme, bypassCSP: true }, async ({ page, log }) => {
      await page.goto(wwwUrl('embed-demo.html'));
      await waitLabs(page, 4);
      await page.waitForFunction(() => labOf('demo-logit').getElementById('code').textContent.includes('torch'));
      await settle(page);
      found[`embed demo, ${colorScheme}`] = await axeViolations(page);
      assertClean(log, `axe embed demo ${colorScheme}`);
    });
    await withPage({ colorScheme, bypassCSP: true }, async ({ page, log }) => {
      await openFull(page, wwwUrl('index.html'));
      const root = lab(page);
      await root.locator('#space-logit').check();
      for (const name of PANELS) await togglePanel(page, name, true);
      await root.locator('#numbers > summary').click();
      await root.locator('#step').click();
      await settle(page);
      const open = await page.evaluate(() => ['curve', 'sigmoid', 'compare', 'code'].filter((p) => labOf().getElementById(`${p}-panel`).open && !labOf().getElementById(`${p}-panel`).hidden));
      assert.deepEqual(open, PANELS);
      found[`full page, every panel, ${colorScheme}`] = await axeViolations(page);
      assertClean(log, `axe full page ${colorScheme}`);
    });
  }
  const none = Object.fromEntries(Object.keys(found).map((k) => [k, []]));
  assert.deepEqual(found, none);
});

// ---- without JavaScript -------------------------------------------------------------------

test('without JavaScript the text inside <loss-lab> is shown', async () => {
  for (const [url, count] of [[wwwUrl('index.html'), 1], [wwwUrl('embed-demo.html'), 4], [distUrl('index.html'), 1]]) {
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

// ---- screenshots -------------------------------------------------------------------------

test('screenshots of the embed demo at 360 and 1280 px, light and dark', async () => {
  const overflows = [];
  for (const width of [360, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      await withPage({ width, height: 900, colorScheme }, async ({ page, log }) => {
        await page.goto(wwwUrl('embed-demo.html'));
        await waitLabs(page, 4);
        await page.waitForFunction(() => labOf('demo-logit').getElementById('code').textContent.includes('torch'));
        await settle(page);
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
                culprits.push([r.right - window.innerWidth, `${host}${el.localName}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} (right edge ${Math.round(r.right)}px)`]);
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
        if (overflow.excess > 0) overflows.push(`${width}px ${colorScheme}: ${overflow.excess}px too wide; ${overflow.culprits.join(', ')}`);
        assertClean(log, `screenshot ${width} ${colorScheme}`);
      });
    }
  }
  assert.deepEqual(overflows, [], 'no horizontal scrolling');
});
