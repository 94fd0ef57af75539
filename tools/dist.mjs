// `make dist`: builds dist/ from www/ (after `make build`), a folder to publish as it is.
//
//   dist/loss-lab.js   <loss-lab> as ONE ES module: www/loss-lab-define.js bundled, with the wasm
//                      and lab.css inlined (www/assets.js swapped for a generated module)
//   dist/loss-lab-matrix.js, loss-lab-formulas.js, tour.js: code loaded on first use only (the
//                      views for many classes and labels, the filled-in formulas, the tour's steps)
//   dist/page.js       www/page.js bundled, importing ./loss-lab.js (one shared copy of the element)
//   dist/index.html, embed-demo.html, style.css, favicon.svg
//
// Every reference is relative, so the folder works under any sub-path and offline. Prints each
// file's size and exits 1 if a gzip budget is exceeded. Run from anywhere: node tools/dist.mjs

import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const www = `${root}www/`;
const dist = `${root}dist/`;
const BUDGET = 60_000; // bytes of gzip -9, for the element alone and for the whole page

const fail = (message) => {
  console.error(`dist: ${message}`);
  process.exit(1);
};
for (const f of ['loss-lab-define.js', 'assets.js', 'lab.css', 'page.js', 'index.html', 'embed-demo.html', 'style.css', 'favicon.svg', 'pkg/losslab_bg.wasm']) {
  if (!existsSync(`${www}${f}`)) fail(`www/${f} is missing${f.startsWith('pkg/') ? ': run make build first' : ''}`);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

const js = { absWorkingDir: root, bundle: true, format: 'esm', minify: true, target: 'es2022', charset: 'utf8', write: false, metafile: true, logLevel: 'warning' };
const bundle = async (options) => {
  const { outputFiles, metafile } = await build({ ...js, ...options });
  return { text: outputFiles[0].text, imports: Object.values(metafile.outputs)[0].imports, inputs: Object.keys(metafile.inputs) };
};
const minifyCss = async (file) =>
  (await build({ absWorkingDir: root, entryPoints: [file], bundle: true, minify: true, write: false, logLevel: 'warning' })).outputFiles[0].text.trim();

// 1. The single-file element. esbuild sees a placeholder string where the wasm goes; the bytes
// are put in after minifying, since esbuild would re-escape them.
const PLACEHOLDER = 'LOSSLAB_WASM_BYTES_8d1f3c';
const wasm = readFileSync(`${www}pkg/losslab_bg.wasm`);
// Each bundle inlines the one stylesheet it uses: lab.css in loss-lab.js, matrix.css in its chunk.
const inlinedAssets = async (cssFile) => `
const css = ${JSON.stringify(await minifyCss(`${www}${cssFile}`))};
let sheet; // one constructed sheet, shared by every <loss-lab> on the page
export const wasmSource = () => Uint8Array.from("${PLACEHOLDER}", (c) => c.charCodeAt(0));
export function adoptStyles(root) {
  if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return Promise.resolve();
}`;
const swapAssets = (contents) => ({
  name: 'inline-assets',
  setup(b) {
    b.onResolve({ filter: /(^|\/)assets\.js$/ }, (a) => (resolve(a.resolveDir, a.path) === `${www}assets.js` ? { path: 'assets.js', namespace: 'inline' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'inline' }, () => ({ contents, loader: 'js' }));
  },
});
// Code needed only on demand loads on first use, from its own self-contained file next to the module
// that asks for it: the views for many classes and labels, the formulas, the tour's text.
const LAZY = { 'matrix-lab.js': 'loss-lab-matrix.js', 'formula.js': 'loss-lab-formulas.js', 'tour.js': 'tour.js' };
const lazy = {
  name: 'lazy',
  setup: (b) =>
    b.onResolve({ filter: /\.js$/ }, (a) => {
      const name = a.path.split('/').pop();
      return a.kind === 'dynamic-import' && LAZY[name] ? { path: `./${LAZY[name]}`, external: true } : undefined;
    }),
};
const onlyLazy = (what, { imports }) => {
  const rest = imports.filter((i) => !(i.kind === 'dynamic-import' && Object.values(LAZY).includes(i.path.slice(2))));
  if (rest.length) fail(`${what} still imports ${rest.map((i) => i.path).join(', ')}`);
};
const element = await bundle({ entryPoints: [`${www}loss-lab-define.js`], plugins: [swapAssets(await inlinedAssets('lab.css')), lazy] });
onlyLazy('loss-lab.js', element);
for (const [source, target] of Object.entries(LAZY)) {
  const chunk = await bundle({ entryPoints: [`${www}${source}`], plugins: [swapAssets(await inlinedAssets('matrix.css'))] });
  if (chunk.text.includes(PLACEHOLDER)) fail(`${target} carries the wasm placeholder: it should not use wasmSource`);
  onlyLazy(target, chunk);
  writeFileSync(`${dist}${target}`, chunk.text);
}
if (element.inputs.some((f) => f.endsWith('www/assets.js'))) fail('www/assets.js was bundled instead of the inlined one');
const parts = element.text.split(new RegExp(`(["'\`])${PLACEHOLDER}\\1`));
if (parts.length !== 3) fail(`expected the wasm placeholder once in loss-lab.js, found it ${(parts.length - 1) / 2} times`);
// The bytes as a latin-1 template literal: one char U+0000-U+00FF per byte, escaping only what a
// template literal cannot hold as it is (CR would be read as LF). Written as UTF-8, which is how
// module scripts are always decoded. split/join above, so no `$&` in the bytes can act as a pattern.
const literal = `\`${wasm.toString('latin1').replace(/[\\`$\r]/g, (c) => (c === '\r' ? '\\r' : `\\${c}`))}\``;
writeFileSync(`${dist}loss-lab.js`, parts[0] + literal + parts[2]);
// Check the file as written: read it back as UTF-8 and evaluate the literal.
const back = readFileSync(`${dist}loss-lab.js`, 'utf8').slice(parts[0].length, parts[0].length + literal.length);
if (!Buffer.from(runInNewContext(back), 'latin1').equals(wasm)) fail('the inlined wasm does not decode to losslab_bg.wasm');

// 2. The page's module, sharing dist/loss-lab.js instead of bundling a second element.
const page = await bundle({
  entryPoints: [`${www}page.js`],
  plugins: [lazy, { name: 'shared-element', setup: (b) => b.onResolve({ filter: /(^|\/)loss-lab-define\.js$/ }, () => ({ path: './loss-lab.js', external: true })) }],
});
onlyLazy('page.js', { imports: page.imports.filter((i) => i.path !== './loss-lab.js') });
const doubled = page.inputs.filter((f) => /www\/(engine|loss-lab|assets|matrix-lab)\.js$|www\/pkg\//.test(f));
if (doubled.length) fail(`page.js bundles ${doubled.join(', ')}: import only ./loss-lab-define.js from the page`);
// In dist/ the element's file is loss-lab.js: rename it in the page's strings too (its embed snippet).
const renamed = (text) => text.replace(/(?<![\w.-])loss-lab-define\.js/g, 'loss-lab.js');
writeFileSync(`${dist}page.js`, renamed(page.text));

// 3. The rest. HTML is copied as it is (gzip takes most of its whitespace; <pre> makes stripping risky).
for (const name of ['index.html', 'embed-demo.html']) writeFileSync(`${dist}${name}`, renamed(readFileSync(`${www}${name}`, 'utf8')));
writeFileSync(`${dist}style.css`, `${await minifyCss(`${www}style.css`)}\n`);
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
const sizes = Object.fromEntries(files.map((f) => {
  const data = readFileSync(`${dist}${f}`);
  return [f, { raw: data.length, gz: gzipSync(data, { level: 9 }).length }];
}));
console.log(`${'file'.padEnd(18)}${'bytes'.padStart(9)}${'gzip -9'.padStart(9)}`);
for (const [f, { raw, gz }] of Object.entries(sizes)) console.log(`${f.padEnd(18)}${String(raw).padStart(9)}${String(gz).padStart(9)}`);
const pageFiles = ['index.html', 'style.css', 'page.js', 'loss-lab.js', 'favicon.svg'];
const budgets = [
  ['single-file module loss-lab.js', sizes['loss-lab.js'].gz],
  [`full page (${pageFiles.join(' + ')})`, pageFiles.reduce((sum, f) => sum + sizes[f].gz, 0)],
];
console.log('KB = 1000 bytes; gzip = gzip -9 of each file on its own; loss-lab-matrix.js, loss-lab-formulas.js and tour.js load only when first needed');
for (const [what, gz] of budgets) console.log(`${gz <= BUDGET ? '✓' : '✗'} ${what}: ${kb(gz)} KB gzip (budget ${BUDGET / 1000} KB)`);
// The one-file element's budget is a hard limit (a blog loads nothing else); the whole page's is
// reported, ✗ included, but does not stop the build.
if (budgets[0][1] > BUDGET) process.exit(1);
