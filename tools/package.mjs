// `make package` (npm part): the npm package `losslab`, assembled in target/package/npm/ from dist/
// (after `make dist`), www/pkg (after `make build`) and npm/ (its README and the hand-written type
// declarations), then packed with `npm pack` into target/package/losslab-VERSION.tgz. The version is
// Cargo.toml's: the crate, the npm package and the wheel share it.
//
//   loss-lab.js          the element as one ES module; importing it registers <loss-lab>
//   loss-lab-element.js  the same class, not registered
//   loss-lab-*.js        the views it loads from beside itself on first use
//   engine/losslab.js    the engine's JavaScript API (evaluate, step, Batch, the models …), with
//   engine/losslab_bg.wasm   its wasm, fetched from beside it by init(), and engine/snippets/ its inline JS
//   *.d.ts               the types, written by hand in npm/
//
// Prints the tarball's path. Run from anywhere: node tools/package.mjs

import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}target/package/`;
const npm = `${out}npm/`;
const fail = (message) => {
  console.error(`package: ${message}`);
  process.exit(1);
};

/** The one version of everything: Cargo.toml's [package] version. */
export const version = readFileSync(`${root}Cargo.toml`, 'utf8').match(/^version = "([^"]+)"/m)?.[1];
if (!version) fail('no version in Cargo.toml');

const dist = `${root}dist/`;
const element = ['loss-lab.js', 'loss-lab-element.js'];
const siblings = readdirSync(dist).filter((f) => /^loss-lab-.+\.js$/.test(f) && !element.includes(f));
for (const f of [...element, ...siblings]) if (!existsSync(`${dist}${f}`)) fail(`dist/${f} is missing: run make dist`);
for (const f of ['losslab.js', 'losslab_bg.wasm']) if (!existsSync(`${root}www/pkg/${f}`)) fail(`www/pkg/${f} is missing: run make build`);

rmSync(npm, { recursive: true, force: true });
mkdirSync(`${npm}engine`, { recursive: true });
for (const f of [...element, ...siblings]) copyFileSync(`${dist}${f}`, `${npm}${f}`);
for (const f of ['losslab.js', 'losslab_bg.wasm']) copyFileSync(`${root}www/pkg/${f}`, `${npm}engine/${f}`);
// The glue imports the crate's inline JavaScript (wasm.rs's `inline_js`) from snippets/.
cpSync(`${root}www/pkg/snippets`, `${npm}engine/snippets`, { recursive: true });
for (const f of ['loss-lab.d.ts', 'loss-lab-element.d.ts', 'engine.d.ts']) copyFileSync(`${root}npm/${f}`, `${npm}${f}`);
for (const f of ['LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(`${root}${f}`, `${npm}${f}`);
writeFileSync(`${npm}README.md`, readFileSync(`${root}npm/README.md`, 'utf8').replaceAll('VERSION', version));

const cargo = readFileSync(`${root}Cargo.toml`, 'utf8');
const pkg = {
  name: 'losslab',
  version,
  description: cargo.match(/^description = "([^"]+)"/m)[1],
  keywords: ['loss', 'gradient', 'pytorch', 'webassembly', 'web-component', 'teaching'],
  license: 'MIT OR Apache-2.0',
  type: 'module',
  exports: {
    '.': { types: './loss-lab.d.ts', default: './loss-lab.js' },
    './element': { types: './loss-lab-element.d.ts', default: './loss-lab-element.js' },
    './engine': { types: './engine.d.ts', default: './engine/losslab.js' },
    './package.json': './package.json',
  },
  // Importing the main entry registers <loss-lab>: bundlers must keep it even when nothing it exports is used.
  sideEffects: ['./loss-lab.js'],
  files: ['*.js', '*.d.ts', 'engine/', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE'],
};
writeFileSync(`${npm}package.json`, `${JSON.stringify(pkg, null, 2)}\n`);

// One tarball in target/package/: older ones go.
for (const f of readdirSync(out)) if (/^losslab-.*\.tgz$/.test(f)) rmSync(`${out}${f}`);
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: npm, encoding: 'utf8' }));
const tarball = `${out}${packed[0].filename}`;
if (packed[0].filename !== `losslab-${version}.tgz`) fail(`npm pack wrote ${packed[0].filename}`);
const files = packed[0].files.map((f) => f.path).sort();
console.log(`${tarball}: ${files.length} files, ${(packed[0].size / 1000).toFixed(1)} KB packed`);
console.log(files.join('\n'));
