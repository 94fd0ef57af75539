// Browser tests of hostile input (issue 6): every value of the corpus in hostile-corpus.mjs (script
// payloads, huge strings, NaN, 1e309, rows, `__proto__`) in every attribute of <loss-lab>, new and
// running, and in every field of the full page's address. No script may run, no element may be made,
// the numbers stay and a notice names each field that cannot be used.
// Through harness.mjs; `cd e2e && node --test hostile.test.mjs`.
//
// Each case is probed once the lab has drawn it, and probed again (up to a bound) until it passes:
// a lab on a busy machine may draw the case a little later. After a few failing cases the rest are
// probed once each, so that a broken build fails in minutes, not hours.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLANK_HTML, MEAN_RE, TIMEOUT, blankPage, settle, setup, withPage, wwwUrl } from './harness.mjs';
import {
  ATTRIBUTE_COMBOS,
  BOOLEAN_ATTRIBUTES,
  CORPUS,
  FIELD_WORDS,
  HASH_COMBOS,
  NAMED,
  OLD_FIELDS,
  PAGE_FIELDS,
  STRING_ATTRIBUTES,
  encodeField,
  expectation,
  short,
} from './hostile-corpus.mjs';

setup();

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

/** Cases that failed so far in this file: past a few, a case is probed once, without waiting. */
let failedCases = 0;
const PATIENT_FAILURES = 3;

/** Probes with `read()` and judges with `check(probe)` until it finds no failure or the bound passes; returns the last failures. */
async function probeUntilFine(read, check) {
  const deadline = Date.now() + (failedCases < PATIENT_FAILURES ? TIMEOUT : 0);
  for (;;) {
    const failures = check(await read());
    if (failures.length === 0 || Date.now() >= deadline) {
      if (failures.length) failedCases++;
      return failures;
    }
    await new Promise((done) => setTimeout(done, 50)); // the next probe, until the bound above
  }
}

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
    const where = `${label} (${mode})`;
    let ok;
    try {
      ok = await page.evaluate(
        async ([a, m]) => {
          // The attributes are applied in a microtask and drawn on the next frame: two frames, then the probe (which waits on).
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
          const ready = await el.ready;
          if (m === 'set') for (const [n, v] of Object.entries(a)) el.setAttribute(n, v);
          await frames();
          await el.ready; // a many-classes loss loads its views on first use
          await frames();
          return ready;
        },
        [attrs, mode],
      );
      cases++;
      if (!ok) failures.push(`${where}: ready resolved false`);
      const judged = (probe) =>
        judge(probe, {
          ...check,
          label: where,
          newErrors: log.errors.slice(errorsBefore),
          dialogs: log.dialogs.slice(dialogsBefore),
          readonly: 'readonly' in attrs,
        });
      failures.push(...(await probeUntilFine(() => page.evaluate(() => window.__probeLab('victim')), judged)));
      if (mode === 'set') {
        // Taking the attributes away again brings the defaults back, without a notice.
        await page.evaluate((names) => {
          for (const n of names) document.getElementById('victim').removeAttribute(n);
        }, Object.keys(attrs));
        const afterRemoval = (back) => [
          ...(MEAN_RE.test(back.mean) ? [] : [`${where}: after removing it the mean is ${back.mean}`]),
          ...(back.noticeShown ? [`${where}: the notice stays after the attribute is removed: ${back.notice.slice(0, 200)}`] : []),
        ];
        failures.push(...(await probeUntilFine(() => page.evaluate(() => window.__probeLab('victim')), afterRemoval)));
      }
    } catch (error) {
      failures.push(`${where}: evaluate threw ${error.message.slice(0, 300)}`);
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
    const check = { expect: refused.length ? 'bad' : 'odd', names: refused.map((a) => [NAMED[a]]) };
    cases.push([`${[...refused, ...BOOLEAN_ATTRIBUTES].join(',')}=${short(value)} [${name}]`, attrs, check]);
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
        const check = { expect: expectation(entry, f), names: [FIELD_WORDS[f]] };
        cases.push([`${f}=${short(value)} [${name}]`, `#${f}=${encodeField(value)}`, check]);
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
          await page.waitForSelector('body[data-ready]', { timeout: TIMEOUT + 5_000 });
          await settle(page); // the fields of the address are drawn on the frame after ready; the probe waits on if not
          const judged = (probe) =>
            judge(probe, { ...check, label, newErrors: log.errors.slice(errorsBefore), dialogs: log.dialogs.slice(dialogsBefore) });
          failures.push(...(await probeUntilFine(() => page.evaluate(() => window.__probeLab()), judged)));
        } catch (error) {
          failures.push(`${label}: ${error.message.split('\n')[0].slice(0, 300)}`);
        }
      }
    });
  await Promise.all([worker(), worker()]);
  console.log(`# hostile address fields: ${cases.length} loads, ${failures.length} failures`);
  assert.deepEqual(failures, []);
});
