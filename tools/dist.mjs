// `make dist`: builds dist/ from www/ (after `make build`), a folder to publish as it is.
//
//   dist/loss-lab.js   <loss-lab> as ONE ES module: www/loss-lab-define.js bundled, with the wasm
//                      and lab.css inlined (www/assets.js swapped for a generated module). The
//                      engine is the one `make dist` builds without the `batch` feature, from
//                      $ELEMENT_PKG (target/element/pkg), not www/pkg: the element never uses Batch.
//   dist/loss-lab-matrix.js, loss-lab-formulas.js, tour.js, loss-lab-compare.js, loss-lab-code.js,
//                      loss-lab-sigmoid.js, loss-lab-training.js, loss-lab-curve.js: code loaded on
//                      first use only (the views for many classes and labels, the filled-in formulas,
//                      the tour's steps, the Compare panel, the code view, the sigmoid, the training
//                      chart, the loss curve)
//   dist/loss-lab-element.js   the same element class without registering it (www/loss-lab.js bundled),
//                      for a page that defines it itself, under another tag or as a subclass
//   dist/page.js       www/page.js bundled, importing ./loss-lab.js (one shared copy of the element)
//   dist/index.html, embed-demo.html, style.css, favicon.svg
//
// Every reference is relative, so the folder works under any sub-path and offline. Prints each
// file's size and exits 1 if a gzip budget is exceeded. Run from anywhere: node tools/dist.mjs

import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PAGE_CSS, WASM_NAME, assetsSource, bundleOptions, glueFrom, minifiedSheets, minifyCss, swapAssets, wasmLine } from './inline.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const www = `${root}www/`;
const enginePkg = `${resolve(root, process.env.ELEMENT_PKG ?? 'target/element/pkg')}/`;
// The weights lab's own engine, with evaluateModel and stepModel (the `models` feature), loaded with it on first use.
const modelsPkg = `${resolve(root, process.env.MODELS_PKG ?? 'target/models/pkg')}/`;
const dist = `${root}dist/`;
const BUDGET = 60_000; // bytes of gzip -9, for the element alone and for the whole page

const fail = (message) => {
  console.error(`dist: ${message}`);
  process.exit(1);
};
for (const f of ['loss-lab-define.js', 'assets.js', 'lab.css', 'page.js', 'index.html', 'embed-demo.html', 'style.css', 'favicon.svg']) {
  if (!existsSync(`${www}${f}`)) fail(`www/${f} is missing`);
}
for (const pkg of [enginePkg, modelsPkg])
  for (const f of ['losslab.js', 'losslab_bg.wasm'])
    if (!existsSync(`${pkg}${f}`)) fail(`${pkg}${f} is missing: run make dist, which builds it`);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

const bundle = async (options) => {
  const { outputFiles, metafile } = await build({ ...bundleOptions(root), ...options });
  return { text: outputFiles[0].text, imports: Object.values(metafile.outputs)[0].imports, inputs: Object.keys(metafile.inputs) };
};

// 1. The single-file element, its wasm inlined as tools/inline.mjs says.
const wasm = readFileSync(`${enginePkg}losslab_bg.wasm`);
const firstLine = wasmLine(wasm);
// Each bundle inlines the stylesheets it adopts: lab.css in loss-lab.js; a chunk's own (CHUNK_CSS).
const inlinedAssets = async (files) => swapAssets(www, assetsSource(await minifiedSheets(root, www, files)));
// The markup modules' HTML (template literals) loses its line breaks and indentation: each becomes
// one space, which HTML renders the same way, except inside <pre>, left as it is.
const tightMarkup = {
  name: 'tight-markup',
  setup: (b) =>
    b.onLoad({ filter: /www\/(lab|matrix|weights)-html\.js$/ }, ({ path }) => ({
      loader: 'js',
      contents: readFileSync(path, 'utf8').replace(/`[^`]*`/g, (html) =>
        html.replace(/(<pre[\s\S]*?<\/pre>)|\n\s*/g, (_m, pre) => pre ?? ' '),
      ),
    })),
};
const elementGlue = glueFrom(enginePkg, www, fail);
// Code needed only on demand loads on first use, from its own self-contained file next to the module
// that asks for it: the views for many classes and labels, the formulas, the tour's text and card,
// the Compare panel, the code view, the sigmoid, the training chart, the loss curve, figure export,
// and the page's presenter mode and Share/Embed. Keys are paths under www/.
const LAZY = {
  'matrix-lab.js': 'loss-lab-matrix.js',
  'formula-events.js': 'loss-lab-formulas.js', // the formulas (formula.js) and the events that show them
  'tour-card.js': 'tour.js', // the card, with the steps' text (www/tour.js) that it imports
  'views/compare.js': 'loss-lab-compare.js',
  'views/code.js': 'loss-lab-code.js',
  'views/sigmoid.js': 'loss-lab-sigmoid.js',
  'views/curve.js': 'loss-lab-curve.js',
  'views/training.js': 'loss-lab-training.js',
  'views/table.js': 'loss-lab-table.js',
  'weights-lab.js': 'loss-lab-weights.js',
  'present.js': 'present.js',
  'share.js': 'share.js',
  'figure.js': 'loss-lab-figure.js',
};
/** Chunks that carry an engine of their own (inlined like the element's). */
const OWN_ENGINE = { 'weights-lab.js': modelsPkg };
/**
 * The stylesheets each chunk adopts (www/assets.js's adoptStyles): Compare's rules come with Compare,
 * the line charts' (plot.css) with every view that draws one (views/plot.js's Plot adopts it).
 */
const CHUNK_CSS = {
  'matrix-lab.js': ['matrix.css', 'plot.css'],
  'weights-lab.js': ['weights.css', 'plot.css'],
  'views/compare.js': ['compare.css'],
  'views/curve.js': ['plot.css'],
  'views/sigmoid.js': ['plot.css'],
  'views/training.js': ['plot.css'],
  'figure.js': ['figure.css'],
  'formula-events.js': ['formula.css'],
};
const lazy = {
  name: 'lazy',
  setup: (b) =>
    b.onResolve({ filter: /\.js$/ }, (a) => {
      const target = LAZY[resolve(a.resolveDir, a.path).slice(www.length)];
      return a.kind === 'dynamic-import' && target ? { path: `./${target}`, external: true } : undefined;
    }),
};
const onlyLazy = (what, { imports }) => {
  const rest = imports.filter((i) => !(i.kind === 'dynamic-import' && Object.values(LAZY).includes(i.path.slice(2))));
  if (rest.length) fail(`${what} still imports ${rest.map((i) => i.path).join(', ')}`);
};
const element = await bundle({
  entryPoints: [`${www}loss-lab-define.js`],
  plugins: [await inlinedAssets(['lab.css']), elementGlue, tightMarkup, lazy],
});
onlyLazy('loss-lab.js', element);
for (const [source, target] of Object.entries(LAZY)) {
  const own = OWN_ENGINE[source];
  const chunk = await bundle({
    entryPoints: [`${www}${source}`],
    plugins: [await inlinedAssets(CHUNK_CSS[source] ?? []), ...(own ? [glueFrom(own, www, fail)] : []), tightMarkup, lazy],
  });
  if (own) {
    // Its own engine: the glue it was built with, its wasm the file's first line (as in loss-lab.js).
    if (!chunk.inputs.some((f) => resolve(root, f) === `${own}losslab.js`)) fail(`${target} does not bundle ${own}losslab.js`);
    if (chunk.text.split(WASM_NAME).length !== 2) fail(`expected ${WASM_NAME} once in ${target}`);
    writeFileSync(`${dist}${target}`, wasmLine(readFileSync(`${own}losslab_bg.wasm`)) + chunk.text);
    continue;
  }
  if (chunk.text.includes(WASM_NAME))
    fail(`${target} uses wasmSource: only loss-lab.js and the chunks with an engine of their own carry a wasm`);
  onlyLazy(target, chunk);
  writeFileSync(`${dist}${target}`, chunk.text);
}
if (element.inputs.some((f) => f.endsWith('www/assets.js'))) fail('www/assets.js was bundled instead of the inlined one');
if (!element.inputs.some((f) => resolve(root, f) === `${enginePkg}losslab.js`)) fail(`loss-lab.js does not bundle ${enginePkg}losslab.js`);
if (element.text.split(WASM_NAME).length !== 2) fail(`expected ${WASM_NAME} once in the bundle`);
writeFileSync(`${dist}loss-lab.js`, firstLine + element.text);
// The class without its registration, for a page that registers it itself (under another tag, or a subclass).
const unregistered = await bundle({
  entryPoints: [`${www}loss-lab.js`],
  plugins: [await inlinedAssets(['lab.css']), elementGlue, tightMarkup, lazy],
});
onlyLazy('loss-lab-element.js', unregistered);
if (unregistered.text.split(WASM_NAME).length !== 2) fail(`expected ${WASM_NAME} once in loss-lab-element.js`);
writeFileSync(`${dist}loss-lab-element.js`, firstLine + unregistered.text);
for (const file of ['loss-lab.js', 'loss-lab-element.js', 'loss-lab-weights.js'])
  if (readFileSync(`${dist}${file}`, 'utf8').includes('losslab_bg.wasm')) fail(`${file} still names losslab_bg.wasm`);
// Check the file as written: the one base64 string in it unpacks to the element's wasm.
const strings = [...readFileSync(`${dist}loss-lab.js`, 'utf8').matchAll(/"([A-Za-z0-9+/]{1000,}={0,2})"/g)];
if (strings.length !== 1 || !gunzipSync(Buffer.from(strings[0][1], 'base64')).equals(wasm))
  fail('loss-lab.js does not carry the wasm exactly once');

// 2. The page's module, sharing dist/loss-lab.js instead of bundling a second element.
const page = await bundle({
  entryPoints: [`${www}page.js`],
  plugins: [
    lazy,
    {
      name: 'shared-element',
      setup: (b) => b.onResolve({ filter: /(^|\/)loss-lab-define\.js$/ }, () => ({ path: './loss-lab.js', external: true })),
    },
  ],
});
onlyLazy('page.js', { imports: page.imports.filter((i) => i.path !== './loss-lab.js') });
const doubled = page.inputs.filter((f) => /www\/(engine|loss-lab|assets|matrix-lab)\.js$|www\/pkg\//.test(f));
if (doubled.length) fail(`page.js bundles ${doubled.join(', ')}: import only ./loss-lab-define.js from the page`);
// In dist/ the element's file is loss-lab.js: rename it in the page's strings too (its embed snippet).
const renamed = (text) => text.replace(/(?<![\w.-])loss-lab-define\.js/g, 'loss-lab.js');
writeFileSync(`${dist}page.js`, renamed(page.text));

// 3. The rest. HTML is copied as it is (gzip takes most of its whitespace; <pre> makes stripping risky).
for (const name of ['index.html', 'embed-demo.html']) writeFileSync(`${dist}${name}`, renamed(readFileSync(`${www}${name}`, 'utf8')));
for (const css of PAGE_CSS) writeFileSync(`${dist}${css}`, `${await minifyCss(root, `${www}${css}`)}\n`);
copyFileSync(`${www}favicon.svg`, `${dist}favicon.svg`);

// Every src/href in the HTML is relative and names a file that is in dist/.
const files = readdirSync(dist).sort();
for (const name of files.filter((f) => f.endsWith('.html'))) {
  for (const [, ref] of readFileSync(`${dist}${name}`, 'utf8').matchAll(/\s(?:src|href)="([^"#]*)/g)) {
    if (ref === '' || /^(https?:|mailto:|data:)/.test(ref)) continue;
    if (ref.startsWith('/')) fail(`${name}: "${ref}" is absolute; the folder must work under any sub-path`);
    if (!files.includes(ref.replace(/^\.\//, '').split('?')[0])) fail(`${name}: "${ref}" is not in dist/`);
  }
}

// 4. Sizes and budgets.
const kb = (n) => (n / 1000).toFixed(1);
const sizes = Object.fromEntries(
  files.map((f) => {
    const data = readFileSync(`${dist}${f}`);
    return [f, { raw: data.length, gz: gzipSync(data, { level: 9 }).length }];
  }),
);
console.log(`${'file'.padEnd(18)}${'bytes'.padStart(9)}${'gzip -9'.padStart(9)}`);
for (const [f, { raw, gz }] of Object.entries(sizes)) console.log(`${f.padEnd(18)}${String(raw).padStart(9)}${String(gz).padStart(9)}`);
const pageFiles = ['index.html', 'style.css', 'page.js', 'loss-lab.js', 'favicon.svg'];
const budgets = [
  ['single-file module loss-lab.js', sizes['loss-lab.js'].gz],
  [`full page (${pageFiles.join(' + ')})`, pageFiles.reduce((sum, f) => sum + sizes[f].gz, 0)],
];
console.log(`KB = 1000 bytes; gzip = gzip -9 of each file on its own; ${Object.values(LAZY).join(', ')} load only when first needed`);
for (const [what, gz] of budgets) console.log(`${gz <= BUDGET ? '✓' : '✗'} ${what}: ${kb(gz)} KB gzip (budget ${BUDGET / 1000} KB)`);
// Both are hard limits: over either, the build (and so `make test`) fails.
if (budgets.some(([, gz]) => gz > BUDGET)) fail('over the gzip budget');

// 5. docs/sizes.md, the sizes the docs quote, written from these files (never edited by hand). A
// change is reported: commit the new file with the change that made it.
const loadsWhen = Object.fromEntries(Object.entries(LAZY).map(([source, target]) => [target, `on first use (www/${source})`]));
const row = (f) =>
  `| \`${f}\` | ${sizes[f].raw.toLocaleString('en')} | ${sizes[f].gz.toLocaleString('en')} | ${loadsWhen[f] ?? (pageFiles.includes(f) ? 'first load (the full page)' : '')} |`;
const sizesDoc = `# Sizes

<!-- Written by tools/dist.mjs (make dist) from the files of dist/: do not edit. -->

Each file of \`dist/\` as \`make dist\` wrote it, in bytes and in bytes of gzip -9 (each file on its own;
KB = 1000 bytes). The budget is ${BUDGET.toLocaleString('en')} bytes of gzip for the element alone and for the full page's first load;
\`make dist\` fails past either.

- The element, \`loss-lab.js\`: ${sizes['loss-lab.js'].gz.toLocaleString('en')} bytes (${kb(sizes['loss-lab.js'].gz)} KB).
- The full page's first load (${pageFiles.map((f) => `\`${f}\``).join(', ')}): ${budgets[1][1].toLocaleString('en')} bytes (${kb(budgets[1][1])} KB), ${(BUDGET - budgets[1][1]).toLocaleString('en')} to spare.

| file | bytes | gzip -9 | loads |
| --- | ---: | ---: | --- |
${files.map(row).join('\n')}

[Back to the README](../README.md) · [Benchmarks](benchmarks.md)
`;
const sizesPath = `${root}docs/sizes.md`;
if (!existsSync(sizesPath) || readFileSync(sizesPath, 'utf8') !== sizesDoc) {
  writeFileSync(sizesPath, sizesDoc);
  console.log('docs/sizes.md: rewritten with these sizes (commit it with the change that made them)');
}
