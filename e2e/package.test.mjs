// The npm package as a user gets it (issue 12): the tarball `make package` packs
// (target/package/losslab-VERSION.tgz), installed into a fresh Vite app that is built and opened in
// Chromium; type-checked by TypeScript under --strict with `bundler` and `nodenext` resolution; and
// served the way an npm CDN serves it (/npm/losslab@VERSION/…) from another origin, with CORS, to a
// plain page. Needs no network: Vite and TypeScript come from tools/, the tarball has no dependencies.
// `make package` runs it; alone: `cd e2e && node --test package.test.mjs` after `make package`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { assertClean, eventually, expectText, setup, waitFor, withPage } from './harness.mjs';

setup();

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = `${ROOT}tools/node_modules/.bin/`;
const VERSION = readFileSync(`${ROOT}Cargo.toml`, 'utf8').match(/^version = "([^"]+)"/m)[1];
const TARBALL = `${ROOT}target/package/losslab-${VERSION}.tgz`;
const WORK = `${ROOT}target/package-test/`;
/** The blog post's three: distance 0.1, 0.2, 0.7, mean 0.3333; bce −(ln 0.9 + ln 0.8 + ln 0.3) / 3 = 0.5108. */
const SEED = 'loss="distance" space="prob" targets="1,0,1" predictions="0.9,0.2,0.3"';
/** Each page has an icon, so the browser asks for no /favicon.ico that is not there. */
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';

/** A folder under WORK holding `files`, with the tarball installed into its node_modules (offline). */
function project(name, files) {
  const dir = `${WORK}${name}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(`${dir}${file}`), { recursive: true });
    writeFileSync(`${dir}${file}`, text);
  }
  execFileSync('npm', ['install', TARBALL, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save'], {
    cwd: dir,
    stdio: 'pipe',
  });
  return dir;
}

const servers = [];
before(() => {
  assert.ok(existsSync(TARBALL), `${TARBALL} exists: run make package first`);
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
});
after(async () => {
  for (const s of servers) await s.close();
});

test('the tarball: ES modules only, the three entries with their types, registration kept, licences', () => {
  const dir = project('unpacked', { 'package.json': '{ "private": true }' });
  const pkg = JSON.parse(readFileSync(`${dir}node_modules/losslab/package.json`, 'utf8'));
  assert.equal(pkg.version, VERSION);
  assert.equal(pkg.type, 'module');
  assert.deepEqual(Object.keys(pkg.exports), ['.', './element', './engine', './package.json']);
  for (const key of ['.', './element', './engine']) {
    assert.deepEqual(Object.keys(pkg.exports[key]), ['types', 'default'], `${key}: types first, no require condition`);
    for (const file of Object.values(pkg.exports[key])) assert.ok(existsSync(`${dir}node_modules/losslab/${file}`), `${key}: ${file}`);
  }
  assert.ok(pkg.exports['./engine'].default.includes('engine'), 'the engine’s export has engine in its path');
  assert.deepEqual(pkg.sideEffects, ['./loss-lab.js']);
  for (const file of ['LICENSE-MIT', 'LICENSE-APACHE', 'README.md', 'engine/losslab_bg.wasm', 'loss-lab-matrix.js', 'loss-lab-weights.js'])
    assert.ok(existsSync(`${dir}node_modules/losslab/${file}`), file);
  const readme = readFileSync(`${dir}node_modules/losslab/README.md`, 'utf8');
  assert.ok(readme.includes(`https://cdn.jsdelivr.net/npm/losslab@${VERSION}/loss-lab.js`), 'the README’s CDN line names this version');
});

test('a Vite app built from the tarball: no warning, the element renders, its lazily loaded views and the engine work', async () => {
  const dir = project('vite-app', {
    'package.json': '{ "private": true, "type": "module" }',
    'index.html':
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>losslab in Vite</title><link rel="icon" href="/favicon.svg">' +
      '<script type="module" src="/main.js"></script></head><body><main>' +
      `<div><loss-lab ${SEED} views="chart,curve,compare,controls"></loss-lab></div><p id="engine"></p><p id="mine"></p></main></body></html>`,
    'public/favicon.svg': ICON,
    'main.js': [
      "import { LossLabElement } from 'losslab';",
      "import { LossLabElement as Unregistered } from 'losslab/element';",
      "import init, { evaluate, sigmoid } from 'losslab/engine';",
      "customElements.define('my-lab', class extends Unregistered {});",
      "document.getElementById('mine').textContent = String(customElements.get('loss-lab') === LossLabElement && customElements.get('my-lab') !== undefined);",
      'await init();',
      "const r = evaluate({ loss: 'distance', space: 'prob', inputs: [0.9, 0.2, 0.3], targets: [1, 0, 1] });",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the app's own code, as text.
      "document.getElementById('engine').textContent = `${r.mean.toFixed(4)} ${sigmoid(0)}`;",
      '',
    ].join('\n'),
  });
  const build = spawnSync(`${BIN}vite`, ['build'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const output = `${build.stdout}\n${build.stderr}`;
  assert.equal(build.status, 0, output);
  assert.doesNotMatch(output, /warn|does not exist|didn't resolve|could not be resolved/i, `vite build printed a warning:\n${output}`);
  const server = await startServer({ port: 0, root: `${dir}dist` });
  servers.push(server);
  await withPage({}, async ({ page, log }) => {
    await page.goto(server.url);
    await expectText(page, '#mean', '0.3333');
    await expectText(page, '#engine', '0.3333 0.5');
    await expectText(page, '#mine', 'true');
    // The loss curve and Compare load on first use: their code arrives and draws.
    await waitFor(
      page,
      () => (document.querySelector('loss-lab').shadowRoot.querySelector('#curve path.curve')?.getAttribute('d') ?? '').length > 20,
      null,
      {
        message: 'the loss curve drawn',
      },
    );
    await page.locator('#compare-panel > summary').click();
    await waitFor(page, () => document.querySelector('loss-lab').shadowRoot.querySelectorAll('#compare-chart rect.bar').length > 0, null, {
      message: 'Compare drawn',
    });
    // Many classes load on first use too.
    await page.evaluate(() => document.querySelector('loss-lab').setAttribute('loss', 'cross_entropy'));
    await waitFor(
      page,
      () => /^\d\.\d{4}$/.test(document.querySelector('loss-lab').shadowRoot.querySelector('#mx-mean')?.textContent ?? ''),
      null,
      {
        message: 'the many-classes views',
      },
    );
    assertClean(log, 'the Vite app');
  });
});

const TS_MAIN = `
import { LossLabElement, type LossLabState, type LossId } from 'losslab';
import { LossLabElement as Unregistered, DEFAULT_VIEWS, type ViewName } from 'losslab/element';
import init, { evaluate, sigmoid, Batch, evaluateModel, catalogue, models, type Result, type Family } from 'losslab/engine';

const el = document.querySelector('loss-lab');
if (el) {
  const same: LossLabElement = el;
  el.loss = 'bce';
  // @ts-expect-error a number is not a loss id
  el.loss = 3;
  // @ts-expect-error nor is an unknown name
  el.loss = 'bcee';
  el.targets = '1,0,1';
  // @ts-expect-error attributes are text
  el.targets = [1, 0, 1];
  el.compact = true;
  el.readonly = false;
  el.addEventListener('change', (event) => {
    const state: LossLabState = event.detail;
    const loss: LossId = state.loss;
    console.log(loss, same, state.model === undefined ? state.lr : state.weights);
  });
  el.ready.then((ok: boolean) => ok);
}
const made = document.createElement('loss-lab');
made.theme = 'dark';
class Mine extends Unregistered {}
customElements.define('my-lab', Mine);
const views: ViewName[] = DEFAULT_VIEWS;
await init();
const half: number = sigmoid(0);
// @ts-expect-error sigmoid takes a number
sigmoid('0');
const r: Result = evaluate({ loss: 'bce', space: 'prob', inputs: [0.9], targets: [1] });
const mean: number = r.mean;
// @ts-expect-error an unknown loss id
evaluate({ loss: 'nope', inputs: [1], targets: [1] });
const batch = new Batch({ loss: 'mse' }, 3, 1);
batch.inputs().set([1, 2, 3]);
batch.free();
const w: Float64Array = evaluateModel({ model: 'constant', loss: 'mse', weights: [0], targets: [1, 2] }).grad;
const gamma: number | null = catalogue()[3].domains.gamma.max;
const family: Family = models()[0].family;
// @ts-expect-error a family is one of four names
const other: Family = 'ordinal';
console.log(views, half, mean, w, gamma, family, other);
export {};
`;

test('TypeScript: both entries and the engine type-check under --strict, with bundler and nodenext resolution', () => {
  const options = (module, resolution) =>
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'es2022',
        module,
        moduleResolution: resolution,
        lib: ['es2022', 'dom'],
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ['main.ts'],
    });
  const dir = project('typescript', {
    'package.json': '{ "private": true, "type": "module" }',
    'main.ts': TS_MAIN,
    'tsconfig.bundler.json': options('esnext', 'bundler'),
    'tsconfig.nodenext.json': options('nodenext', 'nodenext'),
  });
  for (const config of ['tsconfig.bundler.json', 'tsconfig.nodenext.json']) {
    const run = spawnSync(`${BIN}tsc`, ['-p', config], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, `tsc -p ${config}:\n${run.stdout}${run.stderr}`);
  }
  // And the checks bite: without the expected errors, the same file fails.
  writeFileSync(`${dir}main.ts`, TS_MAIN.replaceAll('// @ts-expect-error', '//'));
  const loose = spawnSync(`${BIN}tsc`, ['-p', 'tsconfig.bundler.json'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(loose.status, 0, 'a number as a loss, an array as targets, a string to sigmoid are type errors');
  assert.match(`${loose.stdout}`, /main\.ts\(\d+,\d+\): error/);
});

test('served as an npm CDN serves it, from another origin with CORS, to a plain page under a CSP', async () => {
  const dir = project('cdn-source', { 'package.json': '{ "private": true }' });
  const cdnRoot = `${WORK}cdn/`;
  cpSync(`${dir}node_modules/losslab`, `${cdnRoot}npm/losslab@${VERSION}`, { recursive: true });
  const cdn = await startServer({ port: 0, root: cdnRoot.replace(/\/$/, ''), headers: { 'Access-Control-Allow-Origin': '*' } });
  servers.push(cdn);
  const base = `${cdn.url}npm/losslab@${VERSION}/`;
  const pageRoot = `${WORK}cdn-page/`;
  mkdirSync(pageRoot, { recursive: true });
  writeFileSync(
    `${pageRoot}index.html`,
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>losslab from a CDN</title><link rel="icon" href="favicon.svg">' +
      `<script type="module" src="${base}loss-lab.js"></script><script type="module" src="engine.js"></script></head>` +
      `<body><main><p>A post.</p>\n<div><loss-lab ${SEED}></loss-lab></div>\n<p id="engine"></p></main></body></html>`,
  );
  writeFileSync(`${pageRoot}favicon.svg`, ICON);
  writeFileSync(
    `${pageRoot}engine.js`,
    `import init, { evaluate } from '${base}engine/losslab.js';\nawait init();\n` +
      "document.getElementById('engine').textContent = evaluate({ loss: 'bce', space: 'prob', inputs: [0.9, 0.2, 0.3], targets: [1, 0, 1] }).mean.toFixed(4);\n",
  );
  const origin = cdn.url.replace(/\/$/, '');
  const csp = `default-src 'self'; script-src 'self' ${origin} 'wasm-unsafe-eval'; connect-src 'self' ${origin}; style-src 'self'`;
  const page = await startServer({ port: 0, root: pageRoot.replace(/\/$/, ''), headers: { 'Content-Security-Policy': csp } });
  servers.push(page);
  assert.notEqual(new URL(page.url).origin, new URL(cdn.url).origin);
  await withPage({}, async ({ page: tab, log }) => {
    await tab.goto(page.url);
    await expectText(tab, '#mean', '0.3333');
    await expectText(tab, '#engine', '0.5108');
    await waitFor(
      tab,
      () => (document.querySelector('loss-lab').shadowRoot.querySelector('#curve path.curve')?.getAttribute('d') ?? '').length > 20,
      null,
      {
        message: 'the loss curve, loaded from the CDN',
      },
    );
    const fromCdn = log.requests.filter((u) => u.startsWith(base)).map((u) => u.slice(base.length));
    await eventually(
      () => log.requests.filter((u) => u.startsWith(base)).map((u) => u.slice(base.length)),
      (list) => ['loss-lab.js', 'loss-lab-curve.js', 'engine/losslab.js', 'engine/losslab_bg.wasm'].every((f) => list.includes(f)),
      { message: `files from the CDN: ${fromCdn.join(', ')}` },
    );
    assertClean(log, 'the CDN page');
  });
});
