// Browser test of the full page's guided tour (www/tour.js, loaded when the tour starts): every step
// forward and back, its address, its subject scrolled under the card, a linked step, leaving it.
// Through harness.mjs; `cd e2e && node --test tour.test.mjs`.
//
// The tour's steps load on the first click, and each step's text, address and scroll are written
// after the click: every read waits for the step it is about.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { close, eventually, expectState, expectText, open, problems, sample, setup, waitFor } from './harness.mjs';
import { TOUR } from '../www/tour.js';

setup();

test('the guided tour walks from the first step to the last and back; the step is in the address; leaving keeps the state', async () => {
  const page = await open();
  await page.locator('#tour-start').click();
  // Hand calculations for the steps with known numbers: the seed's distance mean (0.1 + 0.2 + 0.7) / 3,
  // the cross-entropy step's bce on 0.9, 0.1, 0.8, 0.01 (−ln of 0.9, 0.9, 0.8, 0.01, mean 1.2598) and the regression step's Huber outlier
  // (0.005 + 0.02 + 0.005 + 0.02 + 6.7) / 5 = 1.35.
  const step = (title) => TOUR.findIndex((s) => s.title === title) + 1;
  const means = { 1: '0.3333', 2: '0.3333', [step('Cross-entropy')]: '1.2598', [step('Regression: how much, not which')]: '1.3500' };
  // The weights steps: bce on the blog's sentences, −(ln 0.9 + ln 0.8 + ln 0.3) / 3 = 0.5108; the
  // constant c = 0 under mse, (1 + 4 + 9 + 16 + 144) / 5 = 34.8; the line at w = b = 0, mean of y² = 34.854.
  const weightMeans = {
    [step('Weights, not predictions')]: '0.5108',
    [step('One number for all: mean or median')]: '34.8000',
    [step('A line, and an outlier’s pull')]: '34.8540',
  };
  const count = TOUR.length;
  for (let n = 1; n <= count; n++) {
    await expectText(page, '#tour-count', `Tour, step ${n} of ${count}`);
    await eventually(() => page.evaluate(() => location.hash), `#tour=${n}`, { message: 'the address' });
    if (means[n]) await expectText(page, '#mean', means[n]);
    if (weightMeans[n]) await expectText(page, '#wl-mean', weightMeans[n]);
    await expectText(page, '#tour-text', (text) => text?.length > 80);
    // What the step talks about is scrolled into view just under the card, which stays pinned at the
    // top (at the end of the page, as close as the page can scroll: a heading's margin may be under it).
    await waitFor(
      page,
      (look) => {
        const card = document.getElementById('tour').getBoundingClientRect();
        // The weights lab's and the matrix lab's parts exist once their code has loaded.
        const target = document.querySelector('loss-lab').shadowRoot.querySelector(look);
        if (!target) return false;
        const top = target.getBoundingClientRect().top;
        const end = scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
        return card.top === 0 && top >= card.bottom - 24 && (top < card.bottom + 40 || (end && top < innerHeight / 2));
      },
      TOUR[n - 1].look,
      { message: `step ${n}: ${TOUR[n - 1].look} scrolled under the card` },
    );
    if (n < count) await page.locator('#tour-next').click();
  }
  await expectState(page.locator('#tour-next'), 'disabled');
  for (let n = count - 1; n >= 1; n--) {
    await page.locator('#tour-back').click();
    await expectText(page, '#tour-count', `Tour, step ${n} of ${count}`);
  }
  await expectState(page.locator('#tour-back'), 'disabled');
  // A teacher's link opens on its step.
  const linked = await open({ hash: `#tour=${step('Cross-entropy')}` });
  await expectText(linked, '#tour-title', 'Cross-entropy');
  await expectText(linked, '#mean', '1.2598');
  // The learner edits, leaves, and keeps the edited state in the address.
  await linked.locator(`${sample(4)} .pred-range`).fill('0.5');
  await linked.locator('#tour-leave').click();
  await expectState(linked.locator('#tour'), 'hidden');
  const kept = (hash) => !hash.includes('tour=') && hash.includes('predictions=0.9,0.1,0.8,0.5');
  await eventually(() => linked.evaluate(() => location.hash), kept, { message: 'the address keeps the edit and drops the tour' });
  await close(linked);
  await close(page);
});

test('no console errors, failed requests or page errors during the whole run', () => {
  assert.deepEqual(problems, []);
});
