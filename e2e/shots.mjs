// Whole-page screenshots for the browser tests.
//
// The lab draws charts, tables and code with `content-visibility: auto`, so what is outside the
// viewport is not painted until the reader scrolls to it. A full-page capture does not scroll, and
// would show those places blank. So the viewport is made as tall as the page for the shot (the
// page as a reader sees it, part by part, while scrolling), then put back.

/** Saves a screenshot of the whole page at `path`. */
export async function screenshotWhole(page, path) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  // Two frames: the first renders what is now on screen, the second lets its new heights settle.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path, fullPage: true });
  await page.setViewportSize(viewport);
}
