// www/figure-raster.js against the browser's own SVG rendering. Through harness.mjs;
// `cd e2e && node --test raster.test.mjs`.
//
// The oracle is Chromium: each figure below is shown as inline <svg> on a white page at a device scale
// factor of 2 and captured; rasterize(svg, 2) draws the same markup, parsed detached by DOMParser, and
// the two are compared pixel by pixel in the page with harness.mjs's measure (pixelsMatch: the ink
// that matches, and the blocks where many pixels differ), which export.test.mjs uses too. Renderings
// that are wrong in one feature each must fail that measure, so the measure is known to bite.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import {
  BLANK_HTML,
  SCREENSHOTS,
  assertClean,
  blankPage,
  pictureVerdict,
  picturesAgree,
  pixelsMatch,
  problems,
  setup,
  withPage,
} from './harness.mjs';

setup();

/** Canvas pixels per CSS px, on both sides. */
const SCALE = 2;
const matches = (r) => picturesAgree(r);

const HEAD = '<svg xmlns="http://www.w3.org/2000/svg"';
const FONT = 'font-family="DejaVu Sans, sans-serif"';

// A bar chart as the lab draws it: bars in loss units under a flipped, scaled group with 1 px
// outlines, a hatched bar and swatch, dashed grid lines, tick labels at dy="0.32em", values with a
// halo, a clipped band and mean line, the baselines that are not alphabetic (here at a scale of 2, where
// Chromium's rounding of font metrics and the canvas's agree; at 1.5 they differ by up to 1 CSS px).
const bars = (firstBarX = 50) => `${HEAD} width="320" height="240" viewBox="0 0 320 240" ${FONT} font-size="12">
  <title>Loss per sample</title>
  <defs>
    <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#dbe9f6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1f5a96" stroke-width="3"/>
    </pattern>
    <clipPath id="plot"><rect x="40" y="20" width="270" height="210"/></clipPath>
  </defs>
  <rect x="0" y="60" width="320" height="50" fill="rgba(0, 158, 115, 0.2)" clip-path="url(#plot)"/>
  <g class="grid" stroke="rgba(0, 0, 0, 0.3)" stroke-dasharray="4 3">
    <line x1="40" y1="80" x2="310" y2="80"/><line x1="40" y1="130" x2="310" y2="130"/><line x1="40" y1="180" x2="310" y2="180"/>
  </g>
  <g text-anchor="end" fill="#444">
    <text x="34" y="80" dy="0.32em">0.3</text><text x="34" y="130" dy="0.32em">0.2</text><text x="34" y="180" dy="0.32em">0.1</text>
  </g>
  <g transform="translate(0 230) scale(1 -500)" stroke="#222">
    <rect x="${firstBarX}" y="0" width="50" height="0.3" fill="rgb(213, 94, 0)" vector-effect="non-scaling-stroke"/>
    <rect x="120" y="0" width="50" height="0.15" fill="url(#hatch)" vector-effect="non-scaling-stroke"/>
    <rect x="190" y="0" width="50" height="0" fill="#000"/>
    <rect x="260" y="0" width="40" height="0.24" fill="#0072b2" stroke-width="2" vector-effect="non-scaling-stroke"/>
  </g>
  <line x1="40" y1="230.5" x2="310" y2="230.5" stroke="#333"/>
  <line x1="20" y1="100" x2="330" y2="100" stroke="rgb(0, 158, 115)" stroke-width="2" stroke-dasharray="8 4" clip-path="url(#plot)"/>
  <g text-anchor="middle" font-weight="bold" stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">
    <text x="${firstBarX + 25}" y="76">0.300</text><text x="145" y="151">0.150</text><text x="280" y="106">0.240</text>
  </g>
  <rect x="44" y="6" width="24" height="14" fill="url(#hatch)" stroke="#222"/>
  <text x="74" y="13" dominant-baseline="central" font-size="11px">target 0</text>
  <text x="310" y="14" text-anchor="end" font-size="11px">mean 0.230</text>
  <text x="4" y="24" dominant-baseline="hanging" fill="#555">loss</text>
  <text x="314" y="236" text-anchor="end" dominant-baseline="text-after-edge" font-size="10">sample</text>
  <text x="4" y="236" dominant-baseline="middle" font-size="10">0</text>
</svg>`;

// Shapes and paint: a viewBox at half size, a clipped curve and circles, opacity, polyline,
// polygon, ellipse, rounded rect, currentColor, a fallback colour, hidden elements, a non-scaling
// stroke under a viewBox and a stretched group, rotated and anchored text.
const shapes = `${HEAD} width="300" height="200" viewBox="0 0 600 400" ${FONT} font-size="24">
  <defs><clipPath id="c"><circle cx="300" cy="200" r="150"/></clipPath></defs>
  <g clip-path="url(#c)">
    <rect x="100" y="40" width="400" height="320" fill="#f0e442"/>
    <path d="M 100 300 C 200 -50 400 500 520 60" fill="none" stroke="#009e73" stroke-width="10" stroke-linecap="round"/>
  </g>
  <circle cx="80" cy="80" r="50" fill="#cc79a7" opacity="0.6" stroke="#000" stroke-width="6" stroke-opacity="0.5"/>
  <g opacity="0.5"><ellipse cx="520" cy="330" rx="60" ry="30" fill="#56b4e9"/><rect x="480" y="300" width="60" height="60" fill="#000"/></g>
  <polyline points="20,380 120,300 220,360 320,290" fill="none" stroke="#333" stroke-width="4" stroke-dasharray="16 8" stroke-dashoffset="6"/>
  <polygon points="480,40 580,40 530,140" fill="#e69f00" stroke="#000" stroke-width="3" stroke-linejoin="bevel"/>
  <rect x="20" y="160" width="100" height="60" rx="16" fill="none" stroke="#0072b2" stroke-width="5"/>
  <g color="rgb(0, 114, 178)"><rect x="140" y="370" width="60" height="20" fill="currentColor"/></g>
  <rect x="210" y="370" width="60" height="20" fill="url(#missing) rgb(230, 159, 0)"/>
  <rect x="280" y="370" width="60" height="20" fill="transparent" stroke="#000" stroke-width="4" stroke-dasharray="6,4"/>
  <g transform="translate(400 170) scale(4 1)">
    <rect width="20" height="60" fill="none" stroke="#d55e00" stroke-width="3" vector-effect="non-scaling-stroke"/>
  </g>
  <rect x="0" y="0" width="600" height="400" fill="#000" visibility="hidden"/>
  <g display="none"><rect x="0" y="0" width="600" height="400" fill="#000"/></g>
  <text x="300" y="40" text-anchor="start">start</text>
  <text x="300" y="80" text-anchor="middle" font-style="italic">middle</text>
  <text x="300" y="120" text-anchor="end" font-weight="bold">end</text>
  <text transform="rotate(-90 40 280)" x="40" y="280" text-anchor="middle" fill="#555">rotated <tspan>label</tspan></text>
</svg>`;

// Transforms and fitting: a viewBox of another aspect ratio (xMidYMid meet, a scale of 1.5 in all),
// matrix, skewX, scale and translate lists, a pattern in a transformed group, text moved by em.
const fitted = `${HEAD} width="300" height="150" viewBox="-50 -50 200 200" ${FONT} font-size="12">
  <defs><pattern id="dots" width="10" height="10" patternUnits="userSpaceOnUse"><circle cx="5" cy="5" r="2.5" fill="#d55e00"/></pattern></defs>
  <rect x="-50" y="-50" width="200" height="200" fill="#eeeeee"/>
  <g transform="translate(10 10) scale(0.8)"><rect width="100" height="60" fill="url(#dots)" stroke="#000"/></g>
  <g transform="matrix(1 0.2 0 1 20 90) skewX(-20)"><rect width="60" height="30" fill="#009e73"/></g>
  <line x1="-40" y1="-30" x2="140" y2="-30" stroke="#999" stroke-width="0.5"/>
  <text x="-40" y="-30" dy="1em">below</text>
  <text x="40" y="-30" dx="-0.5em" dy="-0.2em" font-size="150%">above</text>
  <text x="140" y="-30" text-anchor="end">alpha</text>
</svg>`;

const FIGURES = { bars: bars(), shapes, fitted };

/** Shows `markup` inline and captures it: the PNG, a Buffer. */
async function capture(page, markup) {
  await page.evaluate((m) => {
    const stage = document.getElementById('main');
    stage.innerHTML = m;
    stage.firstElementChild.style.display = 'block';
  }, markup);
  return page.locator('#main > svg').screenshot();
}

/**
 * Compares rasterize(markup, SCALE) with the captured PNG (harness.mjs's measure); the result has
 * the canvas's PNG as `drawn`, a Buffer.
 */
async function compare(page, markup, png) {
  const url = await page.evaluate(
    async ({ markup, scale }) => {
      const { rasterize } = await import('/figure-raster.js');
      const svg = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
      return rasterize(svg, scale).toDataURL('image/png');
    },
    { markup, scale: SCALE },
  );
  const drawn = Buffer.from(url.split(',')[1], 'base64');
  return { ...(await pixelsMatch(page, drawn, png)), drawn };
}

/** Runs `fn(page)` on a blank page of the www/ server, with the lab's CSP and a device scale factor of SCALE. */
async function onBlankPage(fn) {
  await withPage({ scale: SCALE }, async ({ page, log }) => {
    await page.goto(await blankPage(page, BLANK_HTML()));
    await fn(page);
    assertClean(log, 'raster page');
  });
}

for (const [name, markup] of Object.entries(FIGURES)) {
  test(`the ${name} figure drawn by rasterize matches Chromium's rendering`, async (t) => {
    await onBlankPage(async (page) => {
      const png = await capture(page, markup);
      const { drawn, ...result } = await compare(page, markup, png);
      t.diagnostic(JSON.stringify(result));
      // Both images, for a reader who wants to see a difference.
      await writeFile(`${SCREENSHOTS}raster-${name}-chromium.png`, png);
      await writeFile(`${SCREENSHOTS}raster-${name}-canvas.png`, drawn);
      assert.equal(result.sizes[0], result.sizes[1], 'the capture has the canvas size');
      assert.ok(matches(result), pictureVerdict(result));
      // A clone of the SVG in the page, parsed by the HTML parser, draws the same as the detached one.
      const clone = await page.evaluate(async (scale) => {
        const { rasterize } = await import('/figure-raster.js');
        return rasterize(document.querySelector('#main svg').cloneNode(true), scale).toDataURL('image/png');
      }, SCALE);
      assert.ok(clone === `data:image/png;base64,${drawn.toString('base64')}`, 'the clone draws the same pixels');
    });
  });
}

// Each figure as a rasterizer would draw it that got one thing wrong: [what, figure, markup].
const WRONG = [
  ['a bar 3 px to the right', 'bars', bars(53)],
  ['paint-order ignored (the halo drawn over the values)', 'bars', bars().replaceAll(' paint-order="stroke"', '')],
  ['dy ignored on the tick labels', 'bars', bars().replaceAll(' dy="0.32em"', '')],
  ['a 1 px outline where 2 px are asked', 'bars', bars().replace('stroke-width="2" vector-effect', 'stroke-width="1" vector-effect')],
  ['vector-effect ignored (outlines scaled with the bars)', 'bars', bars().replaceAll(' vector-effect="non-scaling-stroke"', '')],
  ['patternTransform ignored', 'bars', bars().replace(' patternTransform="rotate(45)"', '')],
  ['clip-path ignored', 'bars', bars().replaceAll(' clip-path="url(#plot)"', '')],
  ['dominant-baseline="hanging" ignored', 'bars', bars().replace(' dominant-baseline="hanging"', '')],
  [
    "a group's opacity applied to each shape",
    'shapes',
    shapes
      .replace('<g opacity="0.5"><ellipse', '<g><ellipse opacity="0.5"')
      .replace('height="60" fill="#000"/>', 'height="60" fill="#000" opacity="0.5"/>'),
  ],
  [
    'a non-scaling stroke under a viewBox drawn in user units',
    'shapes',
    shapes.replace('stroke-width="3" vector-effect', 'stroke-width="1.5" vector-effect'),
  ],
  ['the viewBox stretched instead of fitted', 'fitted', fitted.replace('viewBox=', 'preserveAspectRatio="none" viewBox=')],
];

test('renderings wrong in one feature each fail the comparison', async (t) => {
  await onBlankPage(async (page) => {
    const captures = {};
    for (const [what, figure, markup] of WRONG) {
      captures[figure] ??= await capture(page, FIGURES[figure]);
      const { drawn: _, ...result } = await compare(page, markup, captures[figure]);
      t.diagnostic(`${what}: ${JSON.stringify(result)}`);
      assert.ok(!matches(result), `${what} passes: ${pictureVerdict(result)}`);
    }
  });
});

test('a rect of zero or negative size draws nothing', async () => {
  await onBlankPage(async (page) => {
    const inked = await page.evaluate(async () => {
      const { rasterize } = await import('/figure-raster.js');
      const markup =
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="0" height="20"/><rect width="-5" height="20"/><rect width="40" height="-1"/></svg>';
      const canvas = rasterize(new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement, 2);
      const alpha = canvas
        .getContext('2d')
        .getImageData(0, 0, canvas.width, canvas.height)
        .data.filter((_, i) => i % 4 === 3);
      return { size: [canvas.width, canvas.height], inked: alpha.some((a) => a > 0) };
    });
    assert.deepEqual(inked, { size: [80, 40], inked: false });
  });
});

test('no page logged an error', () => {
  assert.deepEqual(problems, []);
});
