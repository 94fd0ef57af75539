// Browser test of printing and Save as PDF (the print rules of lab.css, style.css and tour.css): a
// PDF printed by Chromium (page.pdf(), as Save as PDF does) holds the numbers of every open panel,
// those far down the page too (the lab skips drawing what is off screen: print must not), and none of
// the controls that mean nothing on paper. The PDF's text is read with pdf.js. Through harness.mjs;
// `cd e2e && node --test print.test.mjs`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { SCREENSHOTS, close, eventually, expectText, open, problems, setup, togglePanel } from './harness.mjs';

setup();

/** The text of each page of a PDF (a Buffer), its items joined by spaces. */
async function pagesOf(pdf) {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => item.str).join(' '));
  }
  await doc.destroy();
  return pages;
}

test('a printed PDF holds the numbers of the chart and of every open panel, and no buttons', async () => {
  const page = await open({ hash: '#loss=bce&open=curve,sigmoid,compare&compare=distance,bce&space=logit&predictions=2.2,-1.4,-0.8' });
  await expectText(page, '#mean', '0.4989');
  await togglePanel(page, 'code');
  await expectText(page, '#code-panel pre', /torch/);
  // Compare, the sigmoid and the curve load on first use: each has drawn before the page is printed.
  await expectText(page, '#compare-table', /0\.0998/);
  await expectText(page, '#sigmoid-desc', /\d/);
  await expectText(page, '#curve-desc', /1\.1711/);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await writeFile(`${SCREENSHOTS}print.pdf`, pdf);
  const pages = await pagesOf(pdf);
  const text = pages.join(' ');
  // The chart and the numbers beside it: bce of σ(2.2), σ(−1.4), σ(−0.8) against 1, 0, 1.
  for (const n of ['0.1051', '0.2204', '1.1711', '0.4989']) assert.ok(text.includes(n), `the PDF shows ${n}`);
  // The loss curve's and the sigmoid's axes, Compare's chart (its distance bars) and the code panel,
  // all below the first screen.
  assert.match(text, /activation x/, 'the loss curve is drawn');
  assert.match(text, /σ\(x\)|sigmoid/, 'the sigmoid panel is drawn');
  for (const n of ['0.0998', '0.6900']) assert.ok(text.includes(n), `Compare’s distance ${n} is drawn`);
  assert.match(text, /torch\.nn\.functional|import torch/, 'the code panel is printed');
  // What only a hand on the page can use is left out.
  for (const control of ['Add a sample', 'Reset to the example', 'Skip past the samples', 'Export', 'Share this state', 'Take the tour'])
    assert.ok(!text.includes(control), `no “${control}” on paper`);
  assert.ok(pages.length >= 2, 'several pages');
  await close(page);
});

test('many labels on paper: each label keeps its button, which shows its target; the other buttons go', async () => {
  const page = await open({ hash: '#loss=multilabel_bce' });
  await expectText(page, '#mx-mean', /^\d+\.\d{4}$/);
  await page.emulateMedia({ media: 'print' });
  // A label's target is a button (.mx-tog) that shows the class and its 0 or 1: it stays, as its value.
  await eventually(
    () => page.locator('.mx-tog >> visible=true').count(),
    (n) => n > 0,
    { message: 'labels printed' },
  );
  await expectText(page, '.mx-tog >> visible=true >> nth=0', /[01]/);
  await eventually(() => page.locator('button:not(.mx-tog, .target) >> visible=true').count(), 0, {
    message: 'no other button on paper',
  });
  await close(page);
});

test('the dark theme prints light, and a tour step prints its card without its buttons', async () => {
  const page = await open({ colorScheme: 'dark', hash: '#tour=2' });
  await expectText(page, '#tour-count', /step 2 of/);
  await page.emulateMedia({ media: 'print' });
  // The lab and the page take the light colours on paper.
  const colours = await page.evaluate(() => [
    getComputedStyle(document.body).backgroundColor,
    getComputedStyle(document.querySelector('loss-lab').shadowRoot.getElementById('lab-root')).color,
  ]);
  assert.deepEqual(colours, ['rgb(252, 252, 251)', 'rgb(27, 29, 33)']);
  assert.equal(await page.locator('.tour-nav').isVisible(), false);
  const text = (await pagesOf(await page.pdf({ format: 'A4' }))).join(' ');
  assert.match(text, /Tour, step 2 of 14 .*Score each guess by its distance/); // (pdf.js splits the title's ligatures)
  assert.ok(!text.includes('Next'), 'no tour buttons on paper');
  await close(page);
});

test('printed in presenter mode, the page is the page: every part, on several pages, no card buttons', async () => {
  const page = await open({ width: 1024, height: 768, hash: '#present=1&tour=2' });
  await expectText(page, '#tour-count', /step 2 of/);
  await expectText(page, '#mean', '0.3333');
  const pages = await pagesOf(await page.pdf({ format: 'A4' }));
  const text = pages.join(' ');
  assert.ok(pages.length >= 2, `several pages, not the one screen (${pages.length})`);
  for (const n of ['0.1000', '0.2000', '0.7000', '0.3333']) assert.ok(text.includes(n), `the PDF shows ${n}`);
  assert.match(text, /The story so far/, 'the story under the lab is printed');
  assert.ok(!text.includes('Leave presenter mode'), 'no card buttons on paper');
  // On screen the lab is magnified (zoom 2 at 1024 × 768); on paper it is its own size.
  const zoom = () => page.locator('loss-lab').evaluate((lab) => getComputedStyle(lab).zoom);
  await eventually(zoom, '2', { message: 'magnified on screen' });
  await page.emulateMedia({ media: 'print' });
  await eventually(zoom, '1', { message: 'not magnified on paper' });
  await close(page);
});

test('no page of this file logged an error, a failed request or a CSP violation', () => {
  assert.deepEqual(problems, []);
});
