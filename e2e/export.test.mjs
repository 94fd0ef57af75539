// Browser test of figure export (www/figure.js, loaded on the first click of a chart's Export
// button): every chart of the lab saved as SVG and PNG, captured as downloads. The SVG must stand
// alone (no CSS variable, no reference outside the file, no script, its numbers as text, a title and
// a description), and opened on its own it must look like the chart on the page, pixel by pixel within
// a small tolerance; the PNG (drawn by figure-raster.js, at twice the pixels) likewise. On the page
// and inside an embedded <loss-lab>, under the strict CSP, in both themes. Through harness.mjs;
// `cd e2e && node --test export.test.mjs`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import {
  BLANK_HTML,
  EXPECTED_CSP,
  PICTURES,
  SCREENSHOTS,
  assertClean,
  blankPage,
  close,
  eventually,
  expectCount,
  expectText,
  open,
  pictureVerdict,
  picturesAgree,
  pixelsMatch,
  problems,
  setup,
  waitLabs,
  withPage,
  wwwUrl,
} from './harness.mjs';

setup();

/**
 * The PNG is drawn by the canvas, which places text at fractions of a pixel a little differently from
 * SVG: against the SVG both pictures are softened a little and a pixel may find its match one pixel
 * away. raster.test.mjs holds the canvas to the strict measure on figures made to test it.
 */
const SOFT = { ...PICTURES, shift: 1, blur: true };

/**
 * The file against the page, drawn by the same browser at the same place in the pixel: they differ
 * only where the two documents anti-alias a glyph a little differently, or round a label's baseline
 * to the pixel above or below (the weights map's). So a pixel may find its match one pixel away, and
 * no more: a bar moved by 3 px or a colour changed fails (the last test but one). The numbers
 * themselves are checked as the file's text.
 */
const EXACT = { ...PICTURES, shift: 1 };

/** What each comparison measured, printed by the last test. */
const measured = [];

/** Opens the export menu of chart `svg` (its id) in `scope`, unless it is open; resolves to the menu's locator. */
async function openMenu(scope, svg) {
  const button = scope.locator(`button.export[data-export~="${svg}"]`);
  await button.scrollIntoViewIfNeeded();
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await eventually(() => button.getAttribute('aria-expanded'), 'true', { message: `the export menu of #${svg} opens` });
  return button.locator('xpath=following-sibling::*[1]');
}

/** Clicks `action` (svg, png, copy) in the menu; resolves to the download's { name, data }. */
async function download(page, menu, action) {
  const [file] = await Promise.all([page.waitForEvent('download'), menu.locator(`[data-action="${action}"]`).click()]);
  return { name: file.suggestedFilename(), data: await readFile(await file.path()) };
}

/** What a standalone SVG file must be: its own, with its numbers as text. */
function assertStandalone(text, numbers, what) {
  assert.match(text, /^<\?xml[^>]*>\s*<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/, `${what}: an SVG document`);
  assert.doesNotMatch(text, /var\(/, `${what}: no CSS variable`);
  assert.doesNotMatch(text, /<script|\son\w+=/i, `${what}: no script`);
  assert.doesNotMatch(text, /<style|\sclass=|\sstyle=/, `${what}: no CSS to resolve`);
  // The only references are to its own patterns and clip paths.
  for (const [, ref] of text.matchAll(/(?:href|src)="([^"]*)"/g)) assert.match(ref, /^#/, `${what}: ${ref} is inside the file`);
  for (const [, id] of text.matchAll(/url\(#([^)]+)\)/g)) assert.match(text, new RegExp(`id="${id}"`), `${what}: #${id} is in the file`);
  const doc = text.replace(/<title>[\s\S]*?<\/title>|<desc>[\s\S]*?<\/desc>/g, '');
  const shown = [...doc.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  for (const n of numbers) assert.ok(shown.includes(n), `${what}: ${n} is a <text> (texts: ${shown.join(' | ')})`);
  assert.match(text, /<title>[^<]{10,}<\/title>/, `${what}: a title`);
  assert.match(text, /<desc>[^<]*\d[^<]*Made with losslab\.<\/desc>/, `${what}: a description with the chart's numbers`);
}

/** The box of an exported SVG in CSS pixels, { left, top, width, height }: its size, and its viewBox's origin scaled to it. */
function viewBoxOf(text) {
  const [x, y, w] = text
    .match(/viewBox="([^"]+)"/)[1]
    .split(/\s+/)
    .map(Number);
  const width = Number(text.match(/<svg [^>]*?\swidth="([\d.]+)"/)[1]);
  const height = Number(text.match(/<svg [^>]*?\sheight="([\d.]+)"/)[1]);
  return { left: (x * width) / w, top: (y * width) / w, width, height };
}

/** The SVG file opened on its own (the browser's document is the file), at `scale` device pixels per CSS pixel; a PNG. */
function openAlone(text, { scale = 1, colorScheme = 'light' } = {}) {
  const { width, height } = viewBoxOf(text);
  return withPage({ width, height, colorScheme, scale }, async ({ page }) => {
    const url = wwwUrl('__figure.svg');
    const headers = { 'content-type': 'image/svg+xml', 'content-security-policy': EXPECTED_CSP };
    await page.route(url, (route) => route.fulfill({ status: 200, headers, body: text }));
    await page.goto(url);
    return page.screenshot({ clip: { x: 0, y: 0, width, height } });
  });
}

/**
 * The file's <svg> on an empty page (no style, no script), drawn where the page draws the chart
 * within its pixel: at `place` { x, y, width, height }, fractions of a pixel that a layout gives
 * (text and edges are anti-aliased by where they fall on the pixel grid). `place` null: at 0, 0, its
 * own size. A PNG of `clip` { width, height }.
 */
function drawAlone(text, place, clip) {
  return withPage({ width: clip.width + 2, height: clip.height + 2 }, async ({ page }) => {
    const markup = text.replace(/^<\?xml[^>]*>\s*/, '');
    await page.goto(await blankPage(page, BLANK_HTML('', markup)));
    await page.evaluate((at) => {
      const svg = document.querySelector('svg');
      // Around it (its edge pixels are shared with what lies beside it) the colour it is drawn on.
      Object.assign(document.body.style, { margin: '0', background: svg.querySelector('rect').getAttribute('fill') });
      svg.style.position = 'absolute';
      svg.style.display = 'block';
      if (at) Object.assign(svg.style, { left: `${at.x}px`, top: `${at.y}px`, width: `${at.width}px`, height: `${at.height}px` });
      else Object.assign(svg.style, { left: '0', top: '0' });
    }, place);
    return page.screenshot({ clip: { x: 0, y: 0, ...clip } });
  });
}

/**
 * The chart `svg` as the page shows it, with the same margin as its export: { shot, place, clip },
 * the PNG of the whole pixels it covers, and where in them the export's box lies.
 */
async function onPage(page, svg, text, scope = page) {
  const [x0, y0, w, h] = text
    .match(/viewBox="([^"]+)"/)[1]
    .split(/\s+/)
    .map(Number);
  const chart = scope.locator(`svg#${svg}`);
  await chart.evaluate((node) => node.scrollIntoView({ block: 'center', behavior: 'instant' }));
  // Nothing hovered or focused on it: the pointer away, the menu's focus is outside the chart.
  await page.mouse.move(0, 0);
  const box = await chart.boundingBox();
  const unit = box.width / (await chart.evaluate((node) => node.viewBox.baseVal.width));
  const [x, y] = [box.x + x0 * unit, box.y + y0 * unit];
  const clip = { width: Math.ceil(w * unit), height: Math.ceil(h * unit) };
  const place = { x: x - Math.floor(x), y: y - Math.floor(y), width: w * unit, height: h * unit };
  const shot = await page.screenshot({ clip: { x: Math.floor(x), y: Math.floor(y), ...clip } });
  return { shot, place, clip };
}

/**
 * Exports chart `svg` as SVG and PNG and checks both: the file names, the SVG standing alone with
 * `numbers` as text, the SVG alone against the page, the PNG against the SVG alone at 2×.
 */
async function checkExport(page, svg, { name, numbers, scope = page, colorScheme = 'light' }) {
  const menu = await openMenu(scope, svg);
  const file = await download(page, menu, 'svg');
  assert.equal(file.name, `${name}.svg`);
  const text = file.data.toString('utf8');
  assertStandalone(text, numbers, file.name);
  await expectText(scope, `button.export[data-export~="${svg}"] + .export-menu .export-status`, `Saved ${name}.svg.`);

  // Opened on its own, the file is the picture the empty page draws of it.
  const { width, height } = viewBoxOf(text);
  const alone = await openAlone(text, { colorScheme });
  const inPage = await drawAlone(text, null, { width, height });
  const same = await pixelsMatch(page, alone, inPage);
  assert.ok(picturesAgree(same, EXACT), `${name}: the file opened on its own against it on an empty page: ${pictureVerdict(same, EXACT)}`);
  // That picture, where the page draws the chart, against the page.
  const shown = await onPage(page, svg, text, scope);
  const placed = await drawAlone(text, shown.place, shown.clip);
  const match = await pixelsMatch(page, placed, shown.shot, EXACT);
  if (!picturesAgree(match, EXACT)) {
    await writeFile(`${SCREENSHOTS}export-${name}-alone.png`, placed);
    await writeFile(`${SCREENSHOTS}export-${name}-page.png`, shown.shot);
  }
  assert.equal(match.sizes[0], match.sizes[1]);
  measured.push(`${name}.svg against the page: ${pictureVerdict(match, EXACT)}`);
  assert.ok(picturesAgree(match, EXACT), `${name}: the SVG alone against the page: ${pictureVerdict(match, EXACT)}`);

  const png = await download(page, menu, 'png');
  assert.equal(png.name, `${name}.png`);
  assert.deepEqual([png.data.readUInt32BE(16), png.data.readUInt32BE(20)], [width * 2, height * 2], `${name}.png has twice the pixels`);
  // The PNG against the SVG opened on its own at twice the pixels (Chromium's own drawing).
  const alone2 = await openAlone(text, { scale: 2, colorScheme });
  const pngMatch = await pixelsMatch(page, png.data, alone2, SOFT);
  if (!picturesAgree(pngMatch, SOFT)) {
    await writeFile(`${SCREENSHOTS}export-${name}-png.png`, png.data);
    await writeFile(`${SCREENSHOTS}export-${name}-svg2x.png`, alone2);
  }
  assert.equal(pngMatch.sizes[0], pngMatch.sizes[1], `${name}.png is the size of the SVG at 2×`);
  measured.push(`${name}.png against the SVG at 2×: ${pictureVerdict(pngMatch, SOFT)}`);
  assert.ok(picturesAgree(pngMatch, SOFT), `${name}.png against the SVG at 2×: ${pictureVerdict(pngMatch, SOFT)}`);
  return { text, png: png.data };
}

test('the loss chart exports as a standalone SVG and a 2× PNG that look like it; the menu says what it saved', async () => {
  const page = await open();
  const { text, png } = await checkExport(page, 'chart', {
    name: 'losslab-distance-loss-per-sample',
    numbers: ['0.1000', '0.2000', '0.7000', 'mean 0.3333', 't=1', 't=0', 'raise p', 'lower p'],
  });
  assert.match(text, /<title>Distance: [^<]+<\/title>/);
  assert.match(text, /<desc>[^<]*sample 3, target 1: 0\.7000[^<]*Mean 0\.3333/);
  assert.match(text, /<rect [^>]*fill="#ffffff"/, 'a white background in the light theme');
  await writeFile(`${SCREENSHOTS}export-chart.png`, png);
  // The menu closes with Escape, and the button says so.
  await page.keyboard.press('Escape');
  await eventually(() => page.locator('button.export[data-export="chart"]').getAttribute('aria-expanded'), 'false');
  await close(page);
});

test('the loss curve, the sigmoid, Compare and the training chart export too', async () => {
  const page = await open({ hash: '#loss=bce&space=logit&predictions=2.2,-1.4,-0.8&open=curve,sigmoid,compare&compare=distance,bce' });
  // The axes' ends and the samples' dots; Compare's six values: distance and bce of σ(2.2), σ(−1.4), σ(−0.8).
  await checkExport(page, 'curve', { name: 'losslab-bce-loss-curve', numbers: ['-10', '10', '5', '1', '2', '3'] });
  await checkExport(page, 'sigmoid', { name: 'losslab-bce-sigmoid', numbers: ['-10', '10', '0.5', '1', '2', '3'] });
  await checkExport(page, 'compare-chart', {
    name: 'losslab-bce-compare',
    numbers: ['0.0998', '0.1978', '0.6900', '0.1051', '0.2204', '1.1711'],
  });
  await page.locator('#step').click();
  await page.locator('#step').click();
  await eventually(() => page.locator('#train-box').isVisible(), true, { message: 'the training chart shows' });
  const { text } = await checkExport(page, 'train-chart', { name: 'losslab-bce-training', numbers: ['0', '5', '10', 'step', 'mean loss'] });
  assert.match(text, /<desc>[^<]*0\.4989/, 'the training chart is described by its run, from the mean 0.4989');
  await close(page);
});

test('the many-classes and many-labels charts export; so do the weights lab’s', async () => {
  const page = await open({ hash: '#loss=cross_entropy' });
  await waitLabs(page, 1);
  await expectText(page, '#mx-mean', /^\d+\.\d{4}$/);
  const mean = await page.locator('#mx-mean').textContent();
  await checkExport(page, 'mx-chart', { name: 'losslab-cross_entropy-loss-per-sample', numbers: [`mean ${mean}`] });
  await page.goto(wwwUrl('#loss=multilabel_bce'));
  await expectText(page, '#mx-mean', (text) => /^\d+\.\d{4}$/.test(text ?? '') && text !== mean);
  const labels = await page.locator('#mx-mean').textContent();
  await checkExport(page, 'mx-chart', { name: 'losslab-multilabel_bce-loss-per-sample', numbers: [`mean ${labels}`] });
  await page.goto(wwwUrl('#model=line&loss=mse&lr=0.1'));
  await expectText(page, '#wl-mean', '34.8540');
  await checkExport(page, 'wl-chart', { name: 'losslab-line-mse-loss-per-sample', numbers: ['mean 34.8540'] });
  await checkExport(page, 'wl-param-line', { name: 'losslab-line-mse-weights', numbers: ['-2', '4', 'lowest ≈ w 2.4, b -0.4'] });
  await close(page);
});

test('in the dark theme the figure keeps the dark background it is drawn on', async () => {
  const page = await open({ colorScheme: 'dark' });
  const { text } = await checkExport(page, 'chart', { name: 'losslab-distance-loss-per-sample', numbers: ['0.7000'], colorScheme: 'dark' });
  assert.match(text, /<rect [^>]*fill="rgb\(20, 22, 25\)"/, 'the dark page colour behind the chart');
  await close(page);
});

test('inside an embedded <loss-lab>, under the strict CSP: SVG, PNG and copying the image; views can leave Export out', async () => {
  await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async ({ page, log }) => {
    const html = BLANK_HTML(
      '<script type="module" src="/loss-lab-define.js"></script>',
      '<loss-lab id="one" loss="bce" predictions="0.9,0.2,0.3"></loss-lab><loss-lab id="two" views="chart,gradient"></loss-lab>',
    );
    await page.goto(await blankPage(page, html));
    const one = page.locator('#one');
    await expectText(one, '#mean', '0.5108');
    await checkExport(page, 'chart', { name: 'losslab-bce-loss-per-sample', numbers: ['0.1054', '0.2231', '1.2040'], scope: one });
    const menu = one.locator('button.export[data-export="chart"] + .export-menu');
    await menu.locator('[data-action="copy"]').click();
    await expectText(menu, '.export-status', 'Copied the chart as an image.');
    const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((item) => item.types));
    assert.deepEqual(types, ['image/png']);
    // The second lab lists its views without `export`: no Export buttons (the first, with the same
    // selector, shows some).
    await expectText(page.locator('#two'), '#mean', '0.3333');
    await eventually(
      () => page.locator('#one button.export >> visible=true').count(),
      (n) => n > 0,
    );
    await expectCount(page, '#two button.export >> visible=true', 0);
    assertClean(log, 'the embedded labs');
  });
});

test('the comparison bites: a bar moved by 3 px or drawn in another colour does not pass for the chart', async () => {
  const page = await open();
  const menu = await openMenu(page, 'chart');
  const { data } = await download(page, menu, 'svg');
  const text = data.toString('utf8');
  const shown = await onPage(page, 'chart', text);
  const right = await pixelsMatch(page, await drawAlone(text, shown.place, shown.clip), shown.shot, EXACT);
  assert.ok(picturesAgree(right, EXACT), `the file as it is passes: ${pictureVerdict(right, EXACT)}`);
  // The third bar (its loss 0.7) 3 px to the right; the blue of target 1 the lighter one of the dark theme.
  const moved = text.replace(/x="([\d.]+)"( width="[\d.]+" height="0\.7")/, (_m, x, rest) => `x="${Number(x) + 3}"${rest}`);
  const wrongs = { 'a bar moved by 3 px': moved, 'another blue': text.replaceAll('fill="rgb(0, 114, 178)"', 'fill="rgb(86, 180, 233)"') };
  for (const [what, wrong] of Object.entries(wrongs)) {
    assert.notEqual(wrong, text, `${what}: the file was changed`);
    const match = await pixelsMatch(page, await drawAlone(wrong, shown.place, shown.clip), shown.shot, EXACT);
    measured.push(`${what}: ${pictureVerdict(match, EXACT)}`);
    assert.ok(!picturesAgree(match, EXACT), `${what} passes: ${pictureVerdict(match, EXACT)}`);
  }
  await close(page);
});

test('no page of this file logged an error, a failed request or a CSP violation', (t) => {
  for (const line of measured) t.diagnostic(line);
  assert.deepEqual(problems, []);
});
