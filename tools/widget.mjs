// `make package-python` (first half): the notebook widget's JavaScript, ONE self-contained ES module,
// and what the Python package `losslab` reads from the build, written into python/src/losslab/.
//
//   static/widget.js     python/js/widget.js bundled with <loss-lab> (www/loss-lab.js) and everything it
//                        loads on first use inlined (the views for many classes and labels, the weights
//                        lab, the formulas, Compare, the code view, the curve, the sigmoid, the training
//                        chart, figure export): anywidget imports a widget's code from a blob: URL, where
//                        the element's relative import('./loss-lab-matrix.js') of dist/ has nothing to
//                        load. The element's stylesheets (lab.css, matrix.css, weights.css, plot.css,
//                        compare.css, figure.css, formula.css) are inlined and its ONE engine is
//                        the one with the models ($MODELS_PKG, target/models/pkg from `make dist`), its
//                        wasm gzipped as base64 on the file's first line, as in dist/loss-lab.js.
//   static/LICENSE-MIT, LICENSE-APACHE, NOTICE, third-party/   the licences of what widget.js holds (NOTICE
//                        lists the crates compiled into the wasm; third-party/ has each one's licence files)
//   _build.py            the version (Cargo.toml's, read by hatch) and the engine's catalogue and the
//                        lab's limits, which the Python side checks values against before they leave
//
// Nothing in widget.js fetches anything: no request leaves the notebook server at run time.
// Run from anywhere: node tools/widget.mjs

import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PAGE_CSS, WASM_NAME, assetsSource, bundleOptions, glueFrom, minifiedSheets, swapAssets, wasmLine } from './inline.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const www = `${root}www/`;
const pkg = `${resolve(root, process.env.MODELS_PKG ?? 'target/models/pkg')}/`;
const entry = `${root}python/js/widget.js`;
const out = `${root}python/src/losslab/`;
const fail = (message) => {
  console.error(`widget: ${message}`);
  process.exit(1);
};

const cargo = readFileSync(`${root}Cargo.toml`, 'utf8');
const version = cargo.match(/^version = "([^"]+)"/m)?.[1] ?? fail('no version in Cargo.toml');
for (const f of ['losslab.js', 'losslab_bg.wasm'])
  if (!existsSync(`${pkg}${f}`)) fail(`${pkg}${f} is missing: run make dist, which builds the engine with the models`);
for (const f of [entry, `${www}loss-lab.js`, `${www}assets.js`, `${root}LICENSE-MIT`, `${root}LICENSE-APACHE`])
  if (!existsSync(f)) fail(`${f} is missing`);

// Every stylesheet of the element (www/*.css but the full page's own): adoptStyles names them by file.
const CSS_FILES = readdirSync(www).filter((f) => f.endsWith('.css') && !PAGE_CSS.includes(f));
const sheets = await minifiedSheets(root, www, CSS_FILES);

// www/assets.js, swapped: the wasm from the file's first line, and every stylesheet by its name.
const inlineAssets = swapAssets(www, assetsSource(sheets));
// engine.js imports ./pkg/losslab.js: the glue built with the models engine instead (tools/inline.mjs).
const glue = glueFrom(pkg, www, fail);
// No `lazy` plugin (tools/dist.mjs): every import('./…') of www/ is bundled, so nothing loads from beside the file.
const { outputFiles, metafile } = await build({
  ...bundleOptions(root),
  entryPoints: [entry],
  define: { LOSSLAB_VERSION: JSON.stringify(version) },
  plugins: [inlineAssets, glue],
});
const text = outputFiles[0].text;
const inputs = Object.keys(metafile.inputs);
const imports = Object.values(metafile.outputs)[0].imports;
if (imports.length) fail(`widget.js still imports ${imports.map((i) => i.path).join(', ')}`);
if (inputs.some((f) => f.endsWith('www/assets.js'))) fail('www/assets.js was bundled instead of the inlined one');
if (!inputs.some((f) => resolve(root, f) === `${pkg}losslab.js`)) fail(`widget.js does not bundle ${pkg}losslab.js`);
for (const lazy of ['matrix-lab.js', 'weights-lab.js', 'formula.js', 'views/compare.js', 'views/code.js', 'views/curve.js'])
  if (!inputs.some((f) => resolve(root, f) === `${www}${lazy}`)) fail(`widget.js does not bundle www/${lazy}`);
if (/\bimport\s*\(/.test(text)) fail('widget.js has a dynamic import left');
if (text.includes('losslab_bg.wasm') || text.includes('import.meta')) fail('widget.js names a file beside itself');
if (text.split(WASM_NAME).length !== 2) fail(`expected ${WASM_NAME} once in widget.js`);

const wasm = readFileSync(`${pkg}losslab_bg.wasm`);
const module = wasmLine(wasm) + text;
const strings = [...module.matchAll(/"([A-Za-z0-9+/]{1000,}={0,2})"/g)];
if (strings.length !== 1 || !gunzipSync(Buffer.from(strings[0][1], 'base64')).equals(wasm))
  fail('widget.js does not carry the wasm exactly once');

rmSync(`${out}static`, { recursive: true, force: true });
mkdirSync(`${out}static`, { recursive: true });
writeFileSync(`${out}static/widget.js`, module);
for (const f of ['LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(`${root}${f}`, `${out}static/${f}`);

// The crates compiled into the wasm besides this one (cargo tree of the models engine's build, without
// proc-macros and build-only crates), each with the licence files it ships, from cargo's own sources.
const cargoJson = (args) => execFileSync('cargo', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
const crates = [
  ...new Set(
    cargoJson([
      'tree',
      '--locked',
      '--target',
      'wasm32-unknown-unknown',
      '--no-default-features',
      '--features',
      'models',
      '-e',
      'normal,no-proc-macro',
      '--prefix',
      'none',
      '--format',
      '{p}|{l}',
    ])
      .split('\n')
      .filter((line) => line && !line.startsWith('losslab '))
      .map((line) => line.replace(/ \(\*\)$/, '')),
  ),
].sort();
const packages = JSON.parse(cargoJson(['metadata', '--locked', '--format-version', '1'])).packages;
const notices = [];
for (const line of crates) {
  const [spec, licence] = line.split('|');
  const [name, v] = spec.split(' v');
  const meta = packages.find((p) => p.name === name && p.version === v) ?? fail(`cargo metadata has no ${spec}`);
  const dir = dirname(meta.manifest_path);
  const files = readdirSync(dir).filter((f) => /^(LICEN[CS]E|COPYING|NOTICE)/i.test(f));
  if (!files.length) fail(`${spec} ships no licence file in ${dir}`);
  mkdirSync(`${out}static/third-party/${name}-${v}`, { recursive: true });
  for (const f of files) copyFileSync(`${dir}/${f}`, `${out}static/third-party/${name}-${v}/${f}`);
  notices.push(`  ${name} ${v} (${licence}): third-party/${name}-${v}/`);
}
writeFileSync(
  `${out}static/NOTICE`,
  `widget.js is losslab ${version} (MIT OR Apache-2.0: LICENSE-MIT and LICENSE-APACHE beside this file),
the <loss-lab> element (www/ of the losslab repository) and its engine compiled to WebAssembly, which
also holds the Rust standard library (MIT OR Apache-2.0) and these crates, each licence as it ships:
${notices.join('\n')}
No other code is bundled.
`,
);

// The engine's catalogue (ids, families, spaces, parameter defaults) and the lab's limits, from the same
// sources the element reads them from.
// www/catalogue.js is the engine's catalogue, written by make build (tools/catalogue.mjs).
const { CATALOGUE } = await import(pathToFileURL(`${www}catalogue.js`).href);
const catalogue = Object.fromEntries(CATALOGUE.map(({ id, family, spaces, params }) => [id, { family, spaces, params }]));
const config = await import(pathToFileURL(`${www}config.js`).href);
const state = await import(pathToFileURL(`${www}state.js`).href);
const matrix = await import(pathToFileURL(`${www}matrix-model.js`).href);
const weights = await import(pathToFileURL(`${www}weights-model.js`).href);
const build_ = {
  version,
  catalogue,
  views: state.VIEWS,
  models: weights.MODEL_FAMILY,
  limits: {
    samples: [config.MIN_SAMPLES, config.MAX_SAMPLES],
    rows: [1, matrix.N_MAX],
    columns: [matrix.K_MIN, matrix.K_MAX],
    points: weights.MAX_POINTS,
    sentences: weights.MAX_SENTENCES,
    sentence_chars: weights.MAX_SENTENCE_CHARS,
    model_values: weights.LIMIT,
    compare: config.COMPARE_MAX,
  },
};
writeFileSync(
  `${out}_build.py`,
  `# Written by tools/widget.mjs from Cargo.toml, the engine's catalogue and www/: do not edit.
import json

__version__ = "${version}"
BUILD = json.loads(${JSON.stringify(JSON.stringify(build_))})
`,
);

const gz = gzipSync(module, { level: 9 }).length;
console.log(`${out}static/widget.js: ${(module.length / 1000).toFixed(1)} KB, ${(gz / 1000).toFixed(1)} KB gzip -9 (losslab ${version})`);
