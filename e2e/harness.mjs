// The one harness of the browser tests: servers, Chromium, pages with their console, requests and
// Content-Security-Policy watched, assertions that wait for what the page writes after an event,
// PyTorch's oracle, axe-core and screenshots.
//
//   import { setup, open, expectText } from './harness.mjs';
//   setup();                       // before: start www/ (or use BASE_URL) and Chromium; after: stop them
//   const page = await open();     // the full page, ready; open({ hash: '#loss=bce' }) for an address
//   await page.locator('#step').click();
//   await expectText(page, '#mean', '0.1222');
//
// The page renders on animation frames, loads some code on first use (the tour, the formulas, the
// views for many classes), writes the address 400 ms after the last edit and trains on a timer: on a
// busy machine any of these can come late. So every read of something the page writes after an
// event goes through a waiting assertion (`eventually` and the `expect*` helpers below): it polls
// until the value holds, and fails after a bounded time with the last value it saw. They only wait
// as long as needed; the bound is generous for a machine with both cores busy (E2E_TIMEOUT, in ms).
//
// Playwright's CSS selectors pierce open shadow roots: `#mean` finds the lab's mean inside <loss-lab>.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect, isDeepStrictEqual } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CSP, startServer } from './serve.mjs';

export { screenshotWhole } from './shots.mjs';
export { pythonHas } from './python.mjs';
export { CSP };

export const HERE = fileURLToPath(new URL('.', import.meta.url));
export const SCREENSHOTS = `${HERE}screenshots/`;
export const AXE_PATH = `${HERE}node_modules/axe-core/axe.min.js`;
export const DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
/** Where the sub-path server puts its copy of dist/. */
export const SUB_PATH = 'some/sub/path/';
/** The policy serve.mjs must send, written out here so that a weakened header is noticed. */
export const EXPECTED_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** How long a waiting assertion waits at most, in ms: enough for a machine with both cores busy. */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT ?? 15_000);
/** How often a waiting assertion reads again, in ms. */
const POLL_MS = 40;

// ---- PyTorch's oracle ---------------------------------------------------------------------

/** PyTorch float64 results, by case id (tests/data/oracle.json, a copy of the oracle's public.json). */
export const oracle = new Map(
  JSON.parse(readFileSync(new URL('../tests/data/oracle.json', import.meta.url), 'utf8')).cases.map((c) => [c.id, c]),
);
/** One oracle case; fails the test if there is no case of that id. */
export const oracleCase = (id) => oracle.get(id) ?? assert.fail(`oracle case ${id} exists`);
/** Four decimals, as the page and PyTorch print them (none of the values used is a tie). */
export const dp4 = (x) => x.toFixed(4);
/** A case's mean to four decimals. */
export const oracleMean = (id) => dp4(oracleCase(id).mean);
/** What the page prints for a binary or regression case: losses, mean, sum, probabilities (4 decimals) and the inputs. */
export function expected(id) {
  const c = oracleCase(id);
  return { losses: c.per_sample.map(dp4), mean: dp4(c.mean), sum: dp4(c.sum), probs: c.probs?.map(dp4), inputs: c.inputs };
}

// ---- the embed demo (www/embed-demo.html) ---------------------------------------------------

// The four instances of www/embed-demo.html and the means they show at first.
// demo-seed: distance, prob, targets 1,0,1, predictions 0.9,0.2,0.3 (oracle pub-distance-prob-seed): 0.3333.
export const SEED_MEAN = oracleMean('pub-distance-prob-seed');
// demo-compare: bce, prob, targets 1,0,1,1, predictions 0.9,0.1,0.8,0.01. Hand:
// -ln 0.9, -ln(1 - 0.1), -ln 0.8, -ln 0.01 = 0.105361, 0.105361, 0.223144, 4.605170; mean 1.259759.
export const COMPARE_MEAN = '1.2598';
// demo-logit: bce with logits, targets 1,0,1, activations 2.2,-1.4,-0.8. Hand: softplus(-x) for
// target 1, softplus(x) for target 0: ln(1 + e^-2.2), ln(1 + e^-1.4), ln(1 + e^0.8)
// = 0.105083, 0.220417, 1.171101; mean 0.498867.
export const LOGIT_MEAN = '0.4989';
// demo-classes: cross_entropy, rows (3, 0.5, -1), (0.8, 1, 0.6), (2.5, -0.5, -1.5), classes 0, 1, 2. Hand:
// logsumexp(row) - row[class] = 0.095677, 0.911909, 4.065850; mean 1.691145.
export const CLASSES_MEAN = '1.6912';
export const DEMO_MEANS = { 'demo-seed': SEED_MEAN, 'demo-compare': COMPARE_MEAN, 'demo-logit': LOGIT_MEAN, 'demo-classes': CLASSES_MEAN };
/** A mean as a lab prints it. */
export const MEAN_RE = /^\d+\.\d{4}$/;

// ---- servers and Chromium -----------------------------------------------------------------

let browser = null;
const servers = {};
let baseUrl = process.env.BASE_URL ?? null;
let subRoot = null;

/**
 * Registers the file's before and after hooks: www/ served on a free port (unless BASE_URL names a
 * page already served), with `dist` dist/ too and with `sub` a copy of dist/ under SUB_PATH; Chromium.
 */
export function setup({ dist = false, sub = false } = {}) {
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    if ((dist || sub) && !existsSync(`${DIST_DIR}loss-lab.js`)) assert.fail('dist/loss-lab.js exists: run `make dist` first');
    if (!baseUrl) {
      servers.www = await startServer({ port: 0 });
      baseUrl = servers.www.url;
    }
    if (dist) servers.dist = await startServer({ port: 0, root: DIST_DIR.replace(/\/$/, '') });
    if (sub) {
      subRoot = mkdtempSync(join(tmpdir(), 'losslab-sub-'));
      cpSync(DIST_DIR, join(subRoot, SUB_PATH), { recursive: true });
      servers.sub = await startServer({ port: 0, root: subRoot });
    }
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    for (const server of Object.values(servers)) await server.close();
    if (subRoot) rmSync(subRoot, { recursive: true, force: true });
  });
}

/** An address on the www/ server. */
export const wwwUrl = (path = '') => new URL(path, baseUrl).href;
/** An address on the dist/ server. */
export const distUrl = (path = '') => new URL(path, servers.dist.url).href;
/** An address under SUB_PATH on the sub-path server. */
export const subUrl = (path = '') => new URL(`${SUB_PATH}${path}`, servers.sub.url).href;

// ---- pages --------------------------------------------------------------------------------

/** What every watched page of this test file reported (see `open`): a file's last test checks it is empty. */
export const problems = [];
const logs = new WeakMap();
/** Pages whose main frame is navigating (see the requestfailed listener in newPage). */
const navigating = new WeakSet();

/** Code run in every page before its own scripts: the violation watch and helpers for code run in the page. */
function initScript() {
  // CSP violations, wherever they happen (the event is composed, so shadow roots report here too).
  window.__violations = [];
  document.addEventListener(
    'securitypolicyviolation',
    (e) => {
      const text = `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample ?? ''}`.trim();
      window.__violations.push(text);
      window.__reportViolation?.(text);
    },
    true,
  );
  // An error the page reports without an exception (a page error is caught apart): "ResizeObserver loop
  // completed with undelivered notifications", which means a resize callback changed the layout it observes.
  addEventListener('error', (e) => e.error == null && window.__reportWindowError?.(e.message));
  /** The shadow root of the first <loss-lab>. */
  window.labRoot = () => document.querySelector('loss-lab').shadowRoot;
  /** The shadow root of the <loss-lab> of that id, or of the first. */
  window.labOf = (id) => (id ? document.getElementById(id) : document.querySelector('loss-lab')).shadowRoot;
  /** The focused element, inside shadow roots too. */
  window.deepActive = () => {
    let node = document.activeElement;
    while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
    return node;
  };
  /** The mean on screen: the matrix lab's when it shows (many classes or labels), else the main lab's. */
  window.meanOf = (l) => {
    const root = l.shadowRoot;
    if (!root) return '';
    const matrix = root.getElementById('matrix-host');
    return (matrix && !matrix.hidden ? root.getElementById('mx-mean') : root.getElementById('mean'))?.textContent ?? '';
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
 * A fresh context and page, not yet navigated. Its `log` gathers console errors and warnings, page
 * errors, failed requests and CSP violations (`errors`), dialogs (dismissed), every request and
 * response. With `watch` the errors also go to `problems`.
 */
export async function newPage({
  width = 1280,
  height = 900,
  colorScheme = 'light',
  bypassCSP = false,
  javaScriptEnabled = true,
  permissions = [],
  watch = true,
  scale = 1,
} = {}) {
  // bypassCSP only for axe, which addScriptTag injects as an inline script, and for the hostile corpus.
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme,
    deviceScaleFactor: scale,
    bypassCSP,
    javaScriptEnabled,
    permissions,
  });
  context.setDefaultTimeout(TIMEOUT + 5_000);
  const log = { errors: [], requests: [], responses: [], dialogs: [] };
  const error = (text) => {
    log.errors.push(text);
    if (watch) problems.push(text);
  };
  await context.exposeBinding('__reportViolation', (_source, text) => error(`CSP violation at ${width}px: ${text}`));
  await context.exposeBinding('__reportWindowError', (_source, text) => error(`window error at ${width}px: ${text}`));
  await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') error(`console ${m.type()} at ${width}px: ${m.text()}`);
  });
  page.on('pageerror', (e) => error(`page error at ${width}px: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The test's next navigation may cut short a request still under way (the icon, or a view's module or
    // stylesheet that loads on first use): that is the test's doing, not the page's. Only a request
    // the page itself gave up on would be an error, and aborting is all this code ever sees of either,
    // so an abort is let pass only when the page is navigating away.
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && navigating.has(page)) return;
    error(`request failed: ${r.url().slice(0, 200)} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('request', (r) => {
    log.requests.push(r.url());
    // A navigation of the main frame starts: requests of the page it leaves may be cut short from now on.
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) navigating.add(page);
  });
  page.on('load', () => navigating.delete(page));
  page.on('response', (r) => log.responses.push(r));
  page.on('dialog', (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  logs.set(page, log);
  return { page, context, log };
}

/**
 * A fresh page at `url` (default: the full page on www/ with `hash`), watched as `newPage` says;
 * waits for `ready` (the full page's `body[data-ready="true"]`; null to wait for nothing).
 */
export async function open({ url = null, hash = '', ready = 'body[data-ready="true"]', ...options } = {}) {
  const { page } = await newPage(options);
  await page.goto(url ?? wwwUrl(hash));
  if (ready) await page.waitForSelector(ready, { timeout: TIMEOUT });
  return page;
}

/** The log of a page made by `newPage` or `open`. */
export const logOf = (page) => logs.get(page);

/** Closes a page and its context. */
export const close = (page) => page.context().close();

/** Runs `fn({ page, context, log })` with a fresh page, closing its context whatever happens. */
export async function withPage(options, fn) {
  const handle = await newPage(options);
  try {
    return await fn(handle);
  } finally {
    await handle.context.close();
  }
}

/** Fails if a page logged errors or dialogs (`what` names the page in the message). */
export function assertClean(log, what) {
  assert.deepEqual(log.errors, [], `${what}: console errors, page errors, failed requests or CSP violations`);
  assert.deepEqual(log.dialogs, [], `${what}: dialogs`);
}

/** Serves `html` at <base>/__blank.html with the same CSP header as the real server; returns its address. */
export async function blankPage(page, html, base = wwwUrl()) {
  const url = new URL('__blank.html', base).href;
  const headers = { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': EXPECTED_CSP };
  await page.route(url, (route) => route.fulfill({ status: 200, headers, body: html }));
  return url;
}

/** A bare page with `head` and `body` inserted. */
export const BLANK_HTML = (head = '', body = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title>${head}</head>` +
  `<body><main id="main">${body}</main></body></html>`;

// ---- waiting ------------------------------------------------------------------------------

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Whether `value` is what is wanted: a RegExp matches it, a function returns true for it, anything else deep-equals it. */
function holds(value, want) {
  if (want instanceof RegExp) return typeof value === 'string' && want.test(value);
  if (typeof want === 'function') return want(value) === true;
  return isDeepStrictEqual(value, want);
}

/**
 * Reads `read()` until its value is `want` (deep equality; a RegExp to match; a predicate to hold),
 * at most `timeout` ms; then fails with the last value read. Resolves to the value that held.
 */
export async function eventually(read, want, { timeout = TIMEOUT, message = '' } = {}) {
  const deadline = Date.now() + timeout;
  let value;
  let error = null;
  for (;;) {
    try {
      value = await read();
      error = null;
      if (holds(value, want)) return value;
    } catch (e) {
      error = e;
    }
    if (Date.now() >= deadline) break;
    await sleep(POLL_MS);
  }
  const why = `${message ? `${message}: ` : ''}still not so after ${timeout} ms`;
  if (error) assert.fail(`${why}; the last read threw ${error.message.split('\n')[0]}`);
  const last = `last value ${inspect(value, { depth: 4, maxArrayLength: 70, maxStringLength: 500, breakLength: Infinity })}`;
  if (want instanceof RegExp) assert.match(String(value), want, `${why}; ${last}, want a match of ${want}`);
  if (typeof want === 'function') assert.fail(`${why}; ${last}`);
  assert.deepEqual(value, want, `${why}; ${last}, want ${inspect(want, { depth: 4, maxArrayLength: 70, breakLength: Infinity })}`);
  return value;
}

/** Waits until `fn(arg)`, run in the page, is truthy; on timeout fails with what it last returned. */
export async function waitFor(page, fn, arg = null, { timeout = TIMEOUT, message = '' } = {}) {
  try {
    return await page.waitForFunction(fn, arg, { timeout });
  } catch (error) {
    if (error.name !== 'TimeoutError') throw error;
    const last = await page.evaluate(fn, arg).catch((e) => `(threw ${e.message.split('\n')[0]})`);
    assert.fail(`${message || String(fn).slice(0, 200)}: still ${inspect(last)} after ${timeout} ms`);
  }
}

/** The text of the first match of `selector`, or null if there is none (does not wait). */
export const textOf = (page, selector) => page.locator(selector).evaluateAll((nodes) => nodes[0]?.textContent ?? null);
/** The texts of every match of `selector` (does not wait). */
export const textsOf = (page, selector) => page.locator(selector).evaluateAll((nodes) => nodes.map((n) => n.textContent));
/** The values of every form field matching `selector` (does not wait). */
export const valuesOf = (page, selector) => page.locator(selector).evaluateAll((nodes) => nodes.map((n) => n.value));
/** An attribute of the first match of `selector`, null if absent (does not wait). */
export const attrOf = (page, selector, name) => page.locator(selector).evaluateAll((nodes, n) => nodes[0]?.getAttribute(n) ?? null, name);

/** Waits until the first match of `selector` has the text `want` (a string, or a RegExp to match). */
export const expectText = (page, selector, want, options = {}) =>
  eventually(() => textOf(page, selector), want, { message: `text of ${selector}`, ...options });
/** Waits until the matches of `selector` have exactly the texts `want`, in order. */
export const expectTexts = (page, selector, want, options = {}) =>
  eventually(() => textsOf(page, selector), want, { message: `texts of ${selector}`, ...options });
/** Waits until the first form field matching `selector` has the value `want` (a string, RegExp or predicate). */
export const expectValue = (page, selector, want, options = {}) =>
  eventually(async () => (await valuesOf(page, selector))[0] ?? null, want, { message: `value of ${selector}`, ...options });
/** Waits until the form fields matching `selector` have exactly the values `want`. */
export const expectValues = (page, selector, want, options = {}) =>
  eventually(() => valuesOf(page, selector), want, { message: `values of ${selector}`, ...options });
/** Waits until the first match of `selector` has the attribute `name` equal to `want` (null: absent). */
export const expectAttr = (page, selector, name, want, options = {}) =>
  eventually(() => attrOf(page, selector, name), want, { message: `${name} of ${selector}`, ...options });
/** Waits until `selector` matches `want` elements. */
export const expectCount = (page, selector, want, options = {}) =>
  eventually(() => page.locator(selector).count(), want, { message: `count of ${selector}`, ...options });
/**
 * Waits until a locator is in a state: 'visible', 'hidden', 'disabled', 'enabled', 'checked' or 'editable'
 * (Playwright's is* reads), `want` true or false.
 */
export const expectState = (locator, state, want = true, options = {}) =>
  eventually(() => locator[`is${state[0].toUpperCase()}${state.slice(1)}`](), want, { message: `${locator} is ${state}`, ...options });
/** Waits until `fn(arg)`, run in the page, deep-equals `want` (or matches it, or `want` holds for it). */
export const expectEval = (page, fn, arg, want, options = {}) =>
  eventually(() => page.evaluate(fn, arg), want, { message: String(fn).slice(0, 120), ...options });

/** Waits two animation frames: the lab renders at most once a frame, on the next one. A settled page may still have work to come. */
export async function settle(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * A deliberate quiet period of `ms` between two settles, for a test that proves something does NOT
 * happen (no event fires, nothing changes): it gives the unwanted thing time to show. Never use it
 * to wait for something that should happen.
 */
export async function quietly(page, ms = 300) {
  await settle(page);
  await page.waitForTimeout(ms); // a quiet period to prove a negative (see above), not a wait for a result
  await settle(page);
}

// ---- the lab ------------------------------------------------------------------------------

/** The <loss-lab> of that id, as a locator (its shadow root is searched by CSS selectors). */
export const lab = (page, id = 'lab') => page.locator(`#${id}`);

/** The mean a lab shows (the first <loss-lab> without `id`); does not wait. */
export const meanOf = (page, id = null) => page.evaluate((i) => labOf(i).getElementById('mean')?.textContent ?? null, id);

/** The mean shown by every <loss-lab> on the page, by id; does not wait. */
export const means = (page) =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll('loss-lab')].map((l) => [l.id, window.meanOf(l)])));

/** Waits for a lab's mean (`id` null: the first lab) to read `want`. */
export const waitMean = (page, id, want, options = {}) =>
  eventually(() => meanOf(page, id), want, { message: `mean of #${id ?? 'the lab'}`, ...options });

/** Waits until the labs on the page show the means `want` (by id). */
export const expectMeans = (page, want, options = {}) =>
  eventually(() => means(page), want, { message: 'the means of the labs', ...options });

/** Waits until `count` labs are on the page, every one ready and showing a mean. */
export async function waitLabs(page, count) {
  await waitFor(
    page,
    (n) => {
      const labs = [...document.querySelectorAll('loss-lab')];
      return labs.length === n && labs.every((l) => /^\d+\.\d{4}$/.test(window.meanOf(l)));
    },
    count,
    { message: `${count} labs showing a mean` },
  );
  const ready = await page.evaluate(() => Promise.all([...document.querySelectorAll('loss-lab')].map((l) => l.ready)));
  assert.ok(
    ready.every((ok) => ok === true),
    `every lab is ready: ${ready}`,
  );
}

/** Goes to the full page at `url` and waits until it is ready and its lab shows a mean. */
export async function openFull(page, url) {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  await waitLabs(page, 1);
}

/** Opens or closes a lab's panel (`name`: curve, sigmoid, compare, code) and waits until it is so. */
export async function togglePanel(page, name, open = true, scope = page) {
  const details = scope.locator(`#${name}-panel`);
  if ((await details.evaluate((d) => d.open)) !== open) await details.locator(':scope > summary').click();
  await eventually(() => details.evaluate((d) => d.open), open, { message: `#${name}-panel open is ${open}` });
}

/** The id of the focused element, inside shadow roots too (page-side `deepActive()`). */
export const deepActiveId = (page) => page.evaluate(() => deepActive()?.id ?? null);

// ---- axe-core -----------------------------------------------------------------------------

/** Injects axe-core (the page must be opened with bypassCSP) and returns its violations, one line each. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

// ---- the full page's lab ------------------------------------------------------------------

/** The selector of sample `n`'s row. */
export const sample = (n) => `[data-sample="${n}"]`;
/** The per-sample losses shown (does not wait). */
export const losses = (page) => textsOf(page, '#samples .loss');
/** Waits until the per-sample losses read `want`. */
export const expectLosses = (page, want, options = {}) => expectTexts(page, '#samples .loss', want, options);
/** Waits for the seed's numbers. Hand: 1 - 0.9, 0.2, 1 - 0.3 = 0.1, 0.2, 0.7; mean 0.3333. */
export async function expectSeed(page) {
  await expectLosses(page, ['0.1000', '0.2000', '0.7000']);
  await expectText(page, '#mean', '0.3333');
}
/** The predictions as typed in their fields (does not wait). */
export const fields = (page) => valuesOf(page, '#samples .pred-field');
/** Types `value` into sample `n`'s prediction field (the page takes it on input). */
export const typeInto = (page, n, value) => page.locator(`${sample(n)} .pred-field`).fill(value);
/** A bar's height in loss units, exactly as drawn (the scaled group maps it to pixels); NaN without the bar. Does not wait. */
export const barHeight = async (page, n) => Number((await attrOf(page, `#chart rect[data-bar="${n}"]`, 'height')) ?? NaN);
/** A bar's drawn box in the chart's own pixels (bars are drawn in loss units inside a scaled group). */
export async function barBox(page, n, selector = `#chart rect[data-bar="${n}"]`) {
  const [svg, bar] = [await page.locator('#chart').boundingBox(), await page.locator(selector).boundingBox()];
  return { top: bar.y - svg.y, height: bar.height };
}
/** How many bars the chart shows (does not wait). */
export const visibleBars = (page) => page.locator('#chart .bar-group:not([display="none"])').count();
/** The attribute `name` of every match of `selector` (does not wait). */
export const attrs = (page, selector, name) => page.locator(selector).evaluateAll((nodes, n) => nodes.map((x) => x.getAttribute(n)), name);
/** How many matches of `selector` are drawn: not inside, nor themselves, display="none" (does not wait). */
export const shown = (page, selector) =>
  page
    .locator(selector)
    .evaluateAll((nodes) => nodes.filter((x) => x.closest('[display="none"]') === null && x.getAttribute('display') !== 'none').length);

// ---- pictures -----------------------------------------------------------------------------

/**
 * How two pictures of one figure are compared (`pixelsMatch`). A pixel matches when no channel
 * differs by more than `channel` (of 255: anti-aliased curves and glyphs). Most of a chart is
 * background in both, which a blank picture would match too, so only the ink counts (pixels not
 * white or near it, 250 and up, in one of the two); and a small error in one place, lost in that share, is caught by cutting
 * the picture into blocks `blockPx` on a side: a block is bad when more than `blockNoise` of its
 * pixels differ. raster.test.mjs shows renderings wrong in one feature each failing this measure.
 */
export const PICTURES = { channel: 32, minInk: 0.98, blockPx: 16, blockNoise: 8, maxBadBlocks: 4 };

/**
 * Compares two PNG images (Buffers), decoded in `page` and laid on white: resolves to { sizes, ink,
 * inkMatch, badBlocks, worstAt } over the part both cover (assert `sizes` to be equal). `measure`
 * may add `shift` (pixels that match one that far away count) and `blur` (compare the pictures
 * softened a little): for a chart placed at a fraction of a pixel.
 */
export async function pixelsMatch(page, a, b, measure = PICTURES) {
  return page.evaluate(
    async ([pa, pb, { channel, blockPx, blockNoise, shift = 0, blur = false }]) => {
      const decode = async (base64) =>
        createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const [x, y] = await Promise.all([decode(pa), decode(pb)]);
      const width = Math.min(x.width, y.width);
      const height = Math.min(x.height, y.height);
      const pixels = (image) => {
        const context = new OffscreenCanvas(width, height).getContext('2d');
        context.fillStyle = '#fff';
        context.fillRect(0, 0, width, height);
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, width, height).data;
      };
      // With `blur`, each pixel is first the mean of the 3 × 3 around it: text and edges placed at
      // another fraction of a pixel are anti-aliased differently, and that mostly averages out.
      const blurred = (d) => {
        if (!blur) return d;
        const out = new Uint8ClampedArray(d.length);
        for (let r = 0; r < height; r++) {
          for (let c = 0; c < width; c++) {
            for (let k = 0; k < 4; k++) {
              let [sum, n] = [0, 0];
              for (let dy = -1; dy <= 1; dy++) {
                for (let dx = -1; dx <= 1; dx++) {
                  const [cc, rr] = [c + dx, r + dy];
                  if (cc < 0 || rr < 0 || cc >= width || rr >= height) continue;
                  sum += d[(rr * width + cc) * 4 + k];
                  n++;
                }
              }
              out[(r * width + c) * 4 + k] = sum / n;
            }
          }
        }
        return out;
      };
      const [p, q] = [blurred(pixels(x)), blurred(pixels(y))];
      const near = (a, i, b, j) => Math.max(Math.abs(a[i] - b[j]), Math.abs(a[i + 1] - b[j + 1]), Math.abs(a[i + 2] - b[j + 2])) <= channel;
      // With `shift`, a pixel may find its match up to that many pixels away, both ways round.
      const found = (a, b, c, r) => {
        const i = (r * width + c) * 4;
        for (let dy = -shift; dy <= shift; dy++) {
          for (let dx = -shift; dx <= shift; dx++) {
            const [cc, rr] = [c + dx, r + dy];
            if (cc >= 0 && rr >= 0 && cc < width && rr < height && near(a, i, b, (rr * width + cc) * 4)) return true;
          }
        }
        return false;
      };
      let [ink, matched] = [0, 0];
      const blocks = new Map();
      for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) {
          const i = (r * width + c) * 4;
          // The background (white, or the page's near-white) in both is not ink.
          if (Math.min(p[i], p[i + 1], p[i + 2], q[i], q[i + 1], q[i + 2]) >= 250) continue;
          ink++;
          if (near(p, i, q, i) || (shift && found(p, q, c, r) && found(q, p, c, r))) matched++;
          else {
            const block = `${c - (c % blockPx)},${r - (r % blockPx)}`;
            blocks.set(block, (blocks.get(block) ?? 0) + 1);
          }
        }
      }
      return {
        sizes: [`${x.width}x${x.height}`, `${y.width}x${y.height}`],
        ink,
        inkMatch: ink ? matched / ink : 1,
        badBlocks: [...blocks.values()].filter((n) => n > blockNoise).length,
        worstAt: [...blocks].sort((m, n) => n[1] - m[1])[0]?.[0] ?? null,
      };
    },
    [a.toString('base64'), b.toString('base64'), measure],
  );
}

/** Whether a `pixelsMatch` result passes the measure. */
export const picturesAgree = (r, measure = PICTURES) => r.inkMatch >= measure.minInk && r.badBlocks <= measure.maxBadBlocks;

/** A `pixelsMatch` result in words, for an assertion's message. */
export const pictureVerdict = (r, measure = PICTURES) =>
  `${(100 * r.inkMatch).toFixed(2)}% of ${r.ink} ink pixels match (want ${100 * measure.minInk}%), ${r.badBlocks} blocks ` +
  `have more than ${measure.blockNoise} differing pixels (want at most ${measure.maxBadBlocks}; the worst at ${r.worstAt})`;
