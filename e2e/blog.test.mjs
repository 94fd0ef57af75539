// <loss-lab> in blog posts (issue 12, part 3): a real Hugo site built under a sub-path with the
// shortcode in integrations/hugo and with the README's snippet typed as raw HTML into Markdown; the
// element's sizes following the text around it, whatever the page's root font size; the console's
// warning for a self-closed <loss-lab/>; the many-classes views without a band at the top.
// Skips the Hugo test where no `hugo` is installed (Debian: apt-get install hugo).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { startServer } from './serve.mjs';
import { BLANK_HTML, DIST_DIR, assertClean, blankPage, expectText, setup, waitFor, withPage, wwwUrl } from './harness.mjs';

setup({ dist: true });

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const hasHugo = spawnSync('hugo', ['version'], { encoding: 'utf8' }).status === 0;
/** The README's snippet: the opening tag on one line inside a plain <div>, closed. */
const README = readFileSync(`${ROOT}README.md`, 'utf8');

test('Hugo: the shortcode and the README’s snippet in Markdown, on a site under a sub-path', {
  skip: !hasHugo && 'hugo is not installed',
}, async () => {
  const site = mkdtempSync(join(tmpdir(), 'losslab-hugo-'));
  const out = mkdtempSync(join(tmpdir(), 'losslab-hugo-out-'));
  const server = await startServer({ port: 0, root: out });
  try {
    const files = {
      // Raw HTML in Markdown needs Goldmark's unsafe renderer (shortcodes write theirs themselves).
      'hugo.toml': 'title = "A blog"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[markup.goldmark.renderer]\nunsafe = true\n',
      'layouts/_default/single.html':
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="icon" href="{{ "favicon.svg" | relURL }}"></head><body><main>{{ .Content }}</main></body></html>',
      'layouts/_default/list.html':
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body></body></html>',
      'content/post.md': [
        '---',
        'title: Loss, live',
        '---',
        'A paragraph before the lab.',
        '',
        '{{< loss-lab src="losslab/loss-lab.js" loss="bce" targets="1,0,1" predictions="0.9,0.2,0.3" views="chart" >}}Cross-entropy on three samples.{{< /loss-lab >}}',
        '',
        'A paragraph between the labs.',
        '',
        // The README's snippet, as a blogger pastes it, with the script pointing at the self-hosted copy.
        README.match(/<div><loss-lab [^\n]*\n[^\n]*\n<\/loss-lab><\/div>/)[0],
        '',
        '<p id="after">A paragraph after the labs.</p>',
        '',
      ].join('\n'),
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(site, file)), { recursive: true });
      writeFileSync(join(site, file), text);
    }
    cpSync(`${ROOT}integrations/hugo/layouts/shortcodes`, join(site, 'layouts/shortcodes'), { recursive: true });
    mkdirSync(join(site, 'static/losslab'), { recursive: true });
    for (const f of readdirSync(DIST_DIR).filter((f) => /^loss-lab.*\.js$/.test(f)))
      cpSync(`${DIST_DIR}${f}`, join(site, 'static/losslab', f));
    cpSync(`${DIST_DIR}favicon.svg`, join(site, 'static/favicon.svg'));
    execFileSync('hugo', ['--quiet', '--baseURL', `${server.url}blog/`, '--destination', join(out, 'blog')], { cwd: site, stdio: 'pipe' });
    const html = readFileSync(join(out, 'blog/post/index.html'), 'utf8');
    // The shortcode: its module under the sub-path, and the tag on one line inside a <div>.
    assert.match(html, /<script type="module" src="\/blog\/losslab\/loss-lab\.js"><\/script>/);
    assert.match(html, /<div><loss-lab( [a-z]+="[^"]*")+>Cross-entropy on three samples\.<\/loss-lab><\/div>/);
    await withPage({}, async ({ page, log }) => {
      await page.goto(`${server.url}blog/post/`);
      await waitFor(page, () => document.querySelectorAll('loss-lab').length === 2, null, { message: 'two labs' });
      // bce: −(ln 0.9 + ln 0.8 + ln 0.3) / 3 = 0.5108 (the shortcode); the README's snippet: bce on 0.9, 0.1, 0.8, 0.01 = 1.2598.
      await waitFor(
        page,
        () =>
          [...document.querySelectorAll('loss-lab')].map((l) => l.shadowRoot?.getElementById('mean')?.textContent).join(' ') ===
          '0.5108 1.2598',
        null,
        {
          message: 'both labs’ means',
        },
      );
      // Nothing swallowed, nothing leaked: the paragraph after is shown, the fallback text is not.
      await expectText(page, '#after', 'A paragraph after the labs.');
      // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point (text inside a shadow host is not).
      const leaked = await page.evaluate(() => document.querySelector('main').innerText);
      assert.doesNotMatch(leaked, /Cross-entropy on three samples|Shown when JavaScript is off/);
      assertClean(log, 'the Hugo post');
    });
  } finally {
    await server.close();
    rmSync(site, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
});

test('Markdown (markdown-it, Eleventy’s renderer, in CommonMark mode) keeps the README’s snippet as HTML, not a two-line tag', () => {
  const md = new MarkdownIt('commonmark', { html: true });
  const snippet = README.match(/<div><loss-lab [^\n]*\n[^\n]*\n<\/loss-lab><\/div>/)[0];
  const html = md.render(`Before.\n\n${snippet}\n\nAfter.\n`);
  assert.ok(html.includes(snippet), html);
  // The same element with its opening tag over two lines is no HTML block: it lands in a paragraph.
  const split = md.render('Before.\n\n<loss-lab loss="bce"\n  targets="1,0,1">\n<p>Fallback.</p>\n</loss-lab>\n\nAfter.\n');
  assert.match(split, /<p><loss-lab loss="bce"/);
});

/** The computed font sizes (px) of a few parts of the first lab on the page. */
const sizes = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('loss-lab').shadowRoot;
    const px = (selector) => Number.parseFloat(getComputedStyle(root.querySelector(selector)).fontSize);
    return { host: px('#lab-root'), heading: px('#chart-heading'), hint: px('.formula-hint'), mean: px('#mean'), axis: px('#chart text') };
  });

test('type sizes follow the text around the element, not the page’s root font size', async () => {
  const at = async (rootPx, bodyPx) =>
    withPage({}, async ({ page, log }) => {
      const head = `<script type="module" src="${wwwUrl('loss-lab-define.js')}"></script><link rel="stylesheet" href="${wwwUrl('__sizes.css')}">`;
      await page.route(wwwUrl('__sizes.css'), (route) =>
        route.fulfill({
          status: 200,
          headers: { 'content-type': 'text/css' },
          body: `html { font-size: ${rootPx}px } body { font-size: ${bodyPx}px }`,
        }),
      );
      await page.goto(await blankPage(page, BLANK_HTML(head, `<p>Prose.</p><div><loss-lab ${'loss="bce"'}></loss-lab></div>`)));
      await waitFor(page, () => document.querySelector('loss-lab').shadowRoot?.getElementById('mean')?.textContent === '0.5108', null, {
        message: 'the lab',
      });
      assertClean(log, `root ${rootPx}px, body ${bodyPx}px`);
      return sizes(page);
    });
  // Bootstrap's 10 px root and Material's 20 px root, both beside 16 px prose: the same lab.
  const ten = await at(10, 16);
  const twenty = await at(20, 16);
  assert.deepEqual(ten, twenty);
  assert.equal(ten.host, 16, 'the lab’s text is the prose’s size');
  assert.ok(ten.hint < ten.host && ten.heading > ten.host && ten.mean > ten.heading, JSON.stringify(ten));
  // Larger prose, a larger lab, in proportion (the charts' SVG text stays in pixels of the drawing).
  const big = await at(16, 20);
  for (const part of ['host', 'heading', 'hint', 'mean'])
    assert.ok(Math.abs(big[part] / ten[part] - 1.25) < 0.01, `${part}: ${big[part]} vs ${ten[part]}`);
});

test('a self-closed <loss-lab/> that swallowed the rest of a post is named in the console', async () => {
  await withPage({ watch: false }, async ({ page, log }) => {
    const head = `<script type="module" src="${wwwUrl('loss-lab-define.js')}"></script>`;
    await page.goto(await blankPage(page, BLANK_HTML(head, '<loss-lab loss="bce"/><h2>The next section</h2><p>Its text.</p>')));
    await waitFor(page, () => document.querySelector('loss-lab').shadowRoot?.getElementById('mean')?.textContent === '0.5108', null, {
      message: 'the lab',
    });
    await waitFor(page, () => true);
    const warned = () => log.errors.find((e) => e.includes('console warning') && e.includes('<loss-lab … />'));
    for (let i = 0; i < 50 && !warned(); i++) await page.waitForTimeout(100);
    assert.match(warned() ?? '', /2 elements inside it \(such as <h2>\) are not shown.*Close it with <\/loss-lab>/);
  });
  // Fallback text is no cause for a warning.
  await withPage({}, async ({ page, log }) => {
    const head = `<script type="module" src="${wwwUrl('loss-lab-define.js')}"></script>`;
    await page.goto(await blankPage(page, BLANK_HTML(head, '<div><loss-lab loss="bce"><p>Shown without JavaScript.</p></loss-lab></div>')));
    await waitFor(page, () => document.querySelector('loss-lab').shadowRoot?.getElementById('mean')?.textContent === '0.5108', null, {
      message: 'the lab',
    });
    assertClean(log, 'a lab with fallback text');
  });
});

test('many classes with only the chart: no empty band at the top', async () => {
  await withPage({}, async ({ page, log }) => {
    const head = `<script type="module" src="${wwwUrl('loss-lab-define.js')}"></script>`;
    await page.goto(await blankPage(page, BLANK_HTML(head, '<div><loss-lab loss="cross_entropy" views="chart"></loss-lab></div>')));
    await waitFor(
      page,
      () => /^\d\.\d{4}$/.test(document.querySelector('loss-lab').shadowRoot?.getElementById('mx-mean')?.textContent ?? ''),
      null,
      {
        message: 'the many-classes views',
      },
    );
    // The top of the matrix settings, from the element's top, once the views' stylesheet applies.
    await waitFor(
      page,
      () => {
        const lab = document.querySelector('loss-lab');
        const settings = lab.shadowRoot.querySelector('.mx-settings');
        return (
          settings &&
          getComputedStyle(settings).borderTopStyle === 'solid' &&
          settings.getBoundingClientRect().top === lab.getBoundingClientRect().top
        );
      },
      null,
      {
        message:
          'the many-classes settings start at the element’s top: the main settings are hidden with the controls, and no margin is left above',
      },
    );
    assertClean(log, 'many classes, chart only');
  });
});
