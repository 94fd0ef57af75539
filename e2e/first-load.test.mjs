// The first load as a reader's browser fetches it (issue 24, part 5): dist/'s full page at 1280 × 800
// and at 360 × 740, every response counted from the navigation until the seed's numbers show and in
// the half second after, each body as gzip -9 would send it. What is below the fold (the loss curve)
// is not among them: it loads when the reader nears it. `make dist && cd e2e && node --test first-load.test.mjs`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { SEED_MEAN, distUrl, expectText, quietly, setup, withPage } from './harness.mjs';

setup({ dist: true });

/** The hard limit, as tools/dist.mjs checks the files (1000-byte KB). */
const BUDGET = 60_000;

for (const [width, height] of [
  [1280, 800],
  [360, 740],
]) {
  test(`the first load at ${width} × ${height} stays within ${BUDGET / 1000} KB gzip, and the curve waits for the reader`, async () => {
    await withPage({ width, height }, async ({ page, log }) => {
      await page.goto(distUrl('index.html'));
      await expectText(page, '#mean', SEED_MEAN);
      await quietly(page, 500);
      const origin = new URL(distUrl()).origin;
      const fetched = log.responses.filter((r) => r.url().startsWith(origin) && r.status() === 200);
      const sizes = await Promise.all(
        fetched.map(async (r) => [new URL(r.url()).pathname.split('/').pop(), gzipSync(await r.body(), { level: 9 }).length]),
      );
      const total = sizes.reduce((sum, [, gz]) => sum + gz, 0);
      const files = sizes.map(([name]) => name).sort();
      console.log(
        `first load at ${width} × ${height}: ${files.length} files, ${(total / 1000).toFixed(1)} KB gzip, ${((BUDGET - total) / 1000).toFixed(1)} KB to spare`,
      );
      assert.ok(!files.includes('loss-lab-curve.js'), `the curve is below the fold, not fetched at once: ${files.join(', ')}`);
      assert.ok(total <= BUDGET, `${(total / 1000).toFixed(1)} KB gzip in ${files.join(', ')}`);
      // Scrolled to, the curve loads and draws.
      await page.locator('#curve').scrollIntoViewIfNeeded();
      await expectText(page, '#curve-desc', /\d/);
    });
  });
}
