// What tools/dist.mjs (the element and its lazily loaded files) and tools/widget.mjs (the notebook
// widget's one module) share: esbuild's options for a lab module, the wasm carried inline as gzipped
// base64, the JavaScript that streams it into the compiler, the stylesheets minified and carried
// inline by name, and the esbuild plugins that swap www/assets.js for that and take the glue of a
// chosen engine build.

import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** esbuild's options for a lab module from `root` (the project, ending in /): one minified ES module, in memory. */
export const bundleOptions = (root) => ({
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  charset: 'utf8',
  write: false,
  metafile: true,
  logLevel: 'warning',
});

/** The stylesheet `file` (a path under `root`), minified. */
export const minifyCss = async (root, file) =>
  (
    await build({ absWorkingDir: root, entryPoints: [file], bundle: true, minify: true, write: false, logLevel: 'warning' })
  ).outputFiles[0].text.trim();

/** The stylesheets `files` of the folder `dir`, minified, by name: what `assetsSource` takes. */
export const minifiedSheets = async (root, dir, files) =>
  Object.fromEntries(await Promise.all(files.map(async (f) => [f, await minifyCss(root, `${dir}${f}`)])));

/** The full page's own stylesheets in www/ (every other www/*.css is the element's, adopted by name). */
export const PAGE_CSS = ['style.css', 'tour.css', 'present.css'];

/** The name of the string that carries the wasm: the first line of each file that has an engine. */
export const WASM_NAME = 'LOSSLAB_WASM_GZIP_BASE64';

/**
 * That first line for `bytes` (a wasm). Base64 text of compressed bytes gzips to about their own
 * size, 1.1 KB less than the raw bytes as a latin-1 string (bytes above 0x7f take two in UTF-8); and
 * a 32 KB string in the middle of the code would stop gzip from reusing the code before it.
 */
export const wasmLine = (bytes) => `const ${WASM_NAME}="${gzipSync(bytes, { level: 9 }).toString('base64')}";\n`;

/**
 * The source of `wasmSource()` for an inlined assets.js: the browser's DecompressionStream unpacks the
 * string straight into WebAssembly.instantiateStreaming (a Response of type application/wasm, which
 * the glue streams), so the module compiles while it is unpacked.
 */
export const WASM_SOURCE = `export const wasmSource = () =>
  new Response(new Blob([Uint8Array.from(atob(${WASM_NAME}), (c) => c.charCodeAt(0))]).stream().pipeThrough(new DecompressionStream('gzip')), { headers: { 'Content-Type': 'application/wasm' } });`;

// The glue's default wasm address is dead code where the wasm is inlined (it is always passed to
// init), and made every Vite build of the package warn that the file does not exist: it goes.
const WASM_URL = "new URL('losslab_bg.wasm', import.meta.url)";

/**
 * An esbuild plugin: www/engine.js imports ./pkg/losslab.js; take the glue in `pkg` (a directory,
 * ending in /) instead, without its default wasm address. `www` is www/'s path (ending in /);
 * `fail(message)` stops the build.
 */
export const glueFrom = (pkg, www, fail) => ({
  name: 'glue',
  setup: (b) => {
    b.onResolve({ filter: /(^|\/)pkg\/losslab\.js$/ }, (a) =>
      resolve(a.resolveDir, a.path) === `${www}pkg/losslab.js` ? { path: `${pkg}losslab.js` } : undefined,
    );
    b.onLoad({ filter: /losslab\.js$/ }, ({ path }) => {
      if (path !== `${pkg}losslab.js`) return undefined;
      const glue = readFileSync(path, 'utf8');
      if (!glue.includes(WASM_URL)) fail(`${path} no longer names its wasm as ${WASM_URL}: update tools/inline.mjs`);
      return { loader: 'js', contents: glue.replace(WASM_URL, 'undefined') };
    });
  },
});

/**
 * The source of an inlined www/assets.js: the wasm as WASM_SOURCE says, and `sheets` ({ file: css },
 * minified) adopted by the name adoptStyles is given (lab.css by the element, plot.css by the line
 * charts, …), one constructed sheet each, shared by every <loss-lab> on the page. A name the bundle
 * does not carry is refused, so that a missing stylesheet shows as an error, not as unstyled charts.
 */
export const assetsSource = (sheets) => `
const CSS = ${JSON.stringify(sheets)};
const sheets = {};
${WASM_SOURCE}
export function adoptStyles(root, file = 'lab.css') {
  if (!Object.hasOwn(CSS, file)) return Promise.reject(new Error('no stylesheet ' + file + ' in this bundle'));
  if (!sheets[file]) (sheets[file] = new CSSStyleSheet()).replaceSync(CSS[file]);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheets[file]];
  return Promise.resolve();
}`;

/** An esbuild plugin: www/assets.js (`www` is its folder, ending in /) becomes `contents`. */
export const swapAssets = (www, contents) => ({
  name: 'inline-assets',
  setup(b) {
    b.onResolve({ filter: /(^|\/)assets\.js$/ }, (a) =>
      resolve(a.resolveDir, a.path) === `${www}assets.js` ? { path: 'assets.js', namespace: 'inline' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'inline' }, () => ({ contents, loader: 'js' }));
  },
});
