// The Python package's widget in real front ends: JupyterLab and marimo, each a real server on
// 127.0.0.1 with a real kernel, driven through Chromium. Not in `npm test` (they need Python with
// JupyterLab and marimo): `make test-notebook`, or
//
//   NOTEBOOK_PYTHON=/path/to/venv/bin/python node --test e2e/notebook.test.mjs
//
// NOTEBOOK_PYTHON is a Python with jupyterlab, ipykernel, anywidget and marimo (and, unless LOSSLAB_WHEEL
// names a built wheel, build and hatchling, to build one here: node tools/widget.mjs, then the wheel,
// which needs target/models/pkg from `make dist`). The wheel is installed into a fresh folder of its
// own (pip --target, no index, no dependencies) that comes first on the servers' PYTHONPATH, so the
// kernel imports the wheel's losslab and nothing else's. What a machine lacks is skipped, saying what.
//
// Every request the browser makes is recorded: one to any other origin than the notebook server's
// fails the test (the widget carries everything it needs). Reads of what the page or the kernel writes
// after an event wait for it with a bounded time (harness.mjs's `eventually`); nothing sleeps.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { SCREENSHOTS, eventually } from './harness.mjs';
import { CHROMIUM_ARGS } from './serve.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// A path (make test-notebook gives target/notebook-venv/bin/python) is made absolute: the servers
// start in other folders. A bare name is looked up on the PATH.
const PYTHON = process.env.NOTEBOOK_PYTHON?.includes('/')
  ? resolve(process.env.NOTEBOOK_PYTHON)
  : (process.env.NOTEBOOK_PYTHON ?? 'python3');
const VERSION = readFileSync(`${ROOT}Cargo.toml`, 'utf8').match(/^version = "([^"]+)"/m)[1];
/** How long a server, a kernel or the first render may take on a busy machine, in ms. */
const START_MS = Number(process.env.NOTEBOOK_START_TIMEOUT ?? 180_000);
/** How long a value the widget or the kernel writes after an edit may take, in ms. */
const SYNC_MS = Number(process.env.NOTEBOOK_TIMEOUT ?? 30_000);

// ---- what this machine has ----------------------------------------------------------------------

const pythonHas = (...modules) => {
  try {
    execFileSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const missing = (modules) => modules.filter((m) => !pythonHas(m));
const chromiumThere = existsSync('/usr/bin/chromium');
const buildNeeds = process.env.LOSSLAB_WHEEL ? [] : ['build', 'hatchling'];
/** Why a front end's tests cannot run here, or false. */
const skipReason = (modules) => {
  if (!chromiumThere) return 'no Chromium at /usr/bin/chromium';
  const lacking = missing([...modules, ...buildNeeds]);
  if (lacking.length)
    return `${PYTHON} lacks ${lacking.join(', ')} (set NOTEBOOK_PYTHON to a Python with them; make test-notebook makes one)`;
  return false;
};

// ---- the wheel, installed in a folder of its own -----------------------------------------------

const temps = [];
const tempDir = (prefix) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
let site = null;
/** Builds (unless LOSSLAB_WHEEL names one) and installs the wheel once; returns the folder to put on PYTHONPATH. */
function installWheel() {
  if (site) return site;
  let wheel = process.env.LOSSLAB_WHEEL;
  if (!wheel) {
    const out = tempDir('losslab-wheel-');
    execFileSync('node', ['tools/widget.mjs'], { cwd: ROOT, stdio: 'pipe' });
    execFileSync(PYTHON, ['-m', 'build', '--wheel', '--no-isolation', '--outdir', out, 'python'], { cwd: ROOT, stdio: 'pipe' });
    wheel = join(out, `losslab-${VERSION}-py3-none-any.whl`);
  }
  assert.ok(existsSync(wheel), `${wheel} exists`);
  assert.match(wheel, new RegExp(`losslab-${VERSION.replaceAll('.', '\\.')}-py3-none-any\\.whl$`));
  site = tempDir('losslab-site-');
  execFileSync(PYTHON, ['-m', 'pip', 'install', '--quiet', '--no-deps', '--no-index', '--target', site, wheel], { stdio: 'pipe' });
  return site;
}

after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

// ---- servers ------------------------------------------------------------------------------------

/** A port nothing listens on now. */
const freePort = () =>
  new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });

/**
 * Starts `args` with the wheel first on PYTHONPATH, in its own process group (stopped with everything it
 * started: the kernels), and waits until `url` answers 200. Returns { url, stop, output }.
 */
async function startServer(args, url, { cwd, env = {}, headers = {} }) {
  const child = spawn(PYTHON, args, {
    cwd,
    env: { ...process.env, PYTHONPATH: installWheel(), ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  // A Python that cannot be started stops the wait at once too.
  child.on('error', (error) => {
    exited = `could not start: ${error.message}`;
  });
  const stop = async () => {
    if (exited) return;
    const gone = new Promise((done) => child.once('exit', done));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 10_000);
    await gone;
    clearTimeout(timer);
  };
  // Polls until it answers (bounded); a server that exits stops the wait at once, with its output.
  const deadline = Date.now() + START_MS;
  for (let status = 0; status !== 200; ) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(
        `${url} never answered: ${args.join(' ')} ${exited ?? `still starting after ${START_MS} ms`}\n${output.slice(-3000)}`,
      );
    }
    status = await fetch(url, { headers }).then(
      (r) => r.status,
      () => 0,
    );
    if (status !== 200) await new Promise((done) => setTimeout(done, 100));
  }
  return { stop, output: () => output };
}

// ---- the browser --------------------------------------------------------------------------------

/**
 * Chromium with a page whose every request is recorded; requests to another origin than `origin` are
 * refused and listed in `foreign`. `errors`: page errors and console errors that name the widget.
 */
async function openBrowser(origin) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, colorScheme: 'light' });
  context.setDefaultTimeout(START_MS);
  const log = { requests: [], foreign: [], errors: [] };
  const local = (url) => url.startsWith(`${origin}/`) || url === origin || /^(blob|data):/.test(url);
  await context.route(
    (url) => !local(url.href),
    (route) => {
      log.foreign.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  const page = await context.newPage();
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('websocket', (ws) => log.requests.push(ws.url()));
  page.on('pageerror', (e) => log.errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /loss|widget|wasm|anywidget/i.test(m.text())) log.errors.push(`console: ${m.text()}`);
  });
  return { browser, page, log };
}

/** Requests to another origin than the server's (websockets included): none may be made. */
function assertNoForeignRequests(log, origin) {
  const ws = origin.replace(/^http/, 'ws');
  const foreign = [...log.foreign, ...log.requests.filter((u) => !(u.startsWith(origin) || u.startsWith(ws) || /^(blob|data):/.test(u)))];
  assert.deepEqual([...new Set(foreign)], [], `requests that left ${origin}`);
}

/** The text of an element inside a <loss-lab> under `scope` (Playwright's CSS pierces shadow roots). */
const textOf = (scope, selector) => scope.locator(`loss-lab ${selector}`).first().textContent({ timeout: 1_000 });
/** The numbers printed in a cell's output, such as `[0.9, 0.2, 0.31] 0.33`. */
const numbersIn = (text) => (text.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);
const near = (a, b, tolerance = 1e-9) => Math.abs(a - b) <= tolerance;
/** bce on probabilities, by hand: the mean of -ln p (target 1) and -ln(1 - p) (target 0). */
const bceMean = (t, p) => t.reduce((sum, ti, i) => sum - Math.log(ti ? p[i] : 1 - p[i]), 0) / t.length;
/** Softmax cross-entropy, by hand: the mean of logsumexp(row) - row[class]. */
const crossEntropyMean = (rows, classes) =>
  rows.reduce((sum, row, i) => {
    const top = Math.max(...row);
    return sum + top + Math.log(row.reduce((s, x) => s + Math.exp(x - top), 0)) - row[classes[i]];
  }, 0) / rows.length;

/** A screenshot into e2e/screenshots/, for a person to look at (nothing compares it). */
async function shoot(target, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await target.screenshot({ path: `${SCREENSHOTS}${name}` });
}

// ---- JupyterLab ---------------------------------------------------------------------------------

const LAB_MODULES = ['jupyterlab', 'ipykernel', 'anywidget'];

describe('JupyterLab', { skip: skipReason(LAB_MODULES) }, () => {
  let server;
  let origin;
  let browser;
  let page;
  let log;

  before(async () => {
    const home = tempDir('losslab-jupyter-');
    for (const d of ['config', 'data', 'runtime', 'ipython', 'work']) mkdirSync(join(home, d));
    const notebook = {
      cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: [] }],
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    writeFileSync(join(home, 'work', 'widget.ipynb'), JSON.stringify(notebook));
    const port = await freePort();
    const token = randomBytes(16).toString('hex');
    origin = `http://127.0.0.1:${port}`;
    server = await startServer(
      [
        '-m',
        'jupyterlab',
        '--no-browser',
        '--ServerApp.ip=127.0.0.1',
        `--ServerApp.port=${port}`,
        '--ServerApp.port_retries=0',
        `--IdentityProvider.token=${token}`,
        `--ServerApp.root_dir=${join(home, 'work')}`,
        '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
        ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
      ],
      `${origin}/api/status`,
      {
        cwd: join(home, 'work'),
        headers: { Authorization: `token ${token}` },
        env: {
          JUPYTER_CONFIG_DIR: join(home, 'config'),
          JUPYTER_DATA_DIR: join(home, 'data'),
          JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
          IPYTHONDIR: join(home, 'ipython'),
        },
      },
    );
    ({ browser, page, log } = await openBrowser(origin));
    await page.goto(`${origin}/lab/tree/widget.ipynb?token=${token}`);
    await page.locator('.jp-NotebookPanel .jp-Cell .cm-content').first().waitFor({ timeout: START_MS });
    await kernelReady();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const lastCell = async () => {
    const cells = page.locator('.jp-NotebookPanel').filter({ visible: true }).locator('.jp-Notebook .jp-CodeCell');
    return cells.nth((await cells.count()) - 1); // running it adds a cell below: this keeps its index
  };
  const prompt = (cell) => cell.locator('.jp-InputArea-prompt').textContent({ timeout: 1_000 });
  /** Puts `code` into the cell's editor (just after the notebook opens, JupyterLab may still move the focus). */
  async function type(cell, code) {
    await eventually(
      async () => {
        const editor = cell.locator('.cm-content');
        if ((await editor.textContent()) === code) return true;
        await editor.click();
        await cell.locator('.cm-editor.cm-focused').waitFor({ timeout: 2_000 });
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.insertText(code);
        return (await editor.textContent()) === code;
      },
      true,
      { timeout: SYNC_MS, message: `the cell holds ${code}` },
    );
  }

  /**
   * Waits until the kernel runs a cell. A cell run while JupyterLab's session has no kernel yet is not
   * sent (its prompt stays empty), whatever the toolbar says: the probe runs the first cell in place until
   * its prompt shows a number, each try waiting a bounded time.
   */
  async function kernelReady() {
    const cell = await lastCell();
    await type(cell, 'print("ready")');
    const deadline = Date.now() + START_MS;
    for (;;) {
      await cell.locator('.cm-content').click();
      await page.keyboard.press('ControlOrMeta+Enter');
      try {
        await eventually(() => prompt(cell), /^\[\d+\]:$/, { timeout: 5_000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  }

  /** Types `code` into the notebook's last cell and runs it; resolves to that cell once it has run. */
  async function run(code, { timeout = SYNC_MS } = {}) {
    const cell = await lastCell();
    const before = await prompt(cell);
    await type(cell, code);
    await page.keyboard.press('Shift+Enter');
    await eventually(
      () => prompt(cell),
      (p) => /^\[\d+\]:$/.test(p) && p !== before,
      { timeout, message: `cell ran: ${code}` },
    );
    return cell;
  }
  const output = (cell) =>
    cell
      .locator('.jp-OutputArea-output')
      .allTextContents()
      .then((t) => t.join('\n'));

  test('the wheel is what the kernel imports', async () => {
    const cell = await run('import losslab; print(losslab.__version__, losslab.__file__)', { timeout: START_MS });
    const text = await output(cell);
    assert.ok(text.startsWith(`${VERSION} ${site}`), `losslab ${VERSION} from the installed wheel in ${site}: ${text}`);
  });

  test('the seed example renders, a reader’s edit reaches Python with its numbers, Python’s edit re-renders', async () => {
    const cell = await run('from losslab import LossLab; lab = LossLab(loss="distance", targets=[1,0,1], predictions=[0.9,0.2,0.3]); lab', {
      timeout: START_MS,
    });
    await eventually(() => textOf(cell, '#mean'), '0.3333', { timeout: START_MS, message: 'the seed mean in the widget' });
    await shoot(page, 'notebook-jupyterlab-seed.png');

    // The reader moves the third prediction one step (0.3 -> 0.31): the lab, then Python, follow.
    await cell.locator('loss-lab #pred-range-3').focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => textOf(cell, '#mean'), '0.3300', { timeout: SYNC_MS, message: 'the mean after the edit' });
    const printed = await output(await run('print(lab.predictions, lab.mean, lab.per_sample, lab.grad, repr(lab.notice))'));
    const [p1, p2, p3, mean, l1, l2, l3, g1, g2, g3] = numbersIn(printed);
    assert.deepEqual([p1, p2, p3], [0.9, 0.2, 0.31], printed);
    assert.ok(near(mean, (0.1 + 0.2 + 0.69) / 3, 1e-12), `mean ${mean} is (0.1 + 0.2 + 0.69) / 3: ${printed}`);
    assert.ok(near(l1, 0.1, 1e-12) && near(l2, 0.2, 1e-12) && near(l3, 0.69, 1e-12), printed);
    // The gradient the screen shows: of the mean loss, the engine's per-sample slope (-1, 1, -1) / N.
    assert.ok(near(g1, -1 / 3) && near(g2, 1 / 3) && near(g3, -1 / 3), printed);
    assert.match(printed, /''\s*$/, 'no notice');

    // Python sets the loss: the lab re-renders, and the results follow.
    await run('lab.loss = "bce"');
    const bce = bceMean([1, 0, 1], [0.9, 0.2, 0.31]);
    await eventually(() => textOf(cell, '#mean'), bce.toFixed(4), { timeout: SYNC_MS, message: 'the bce mean in the widget' });
    await eventually(
      async () => numbersIn(await output(await run('print(lab.mean)'))),
      ([m]) => near(m, bce, 1e-12),
      { timeout: SYNC_MS, message: 'lab.mean is the bce mean' },
    );
    // The gradient of the sum, when the lab shows that one: bce's own slopes, -1/p (target 1) and 1/(1 - p) (target 0).
    await run('lab.backward = "sum"');
    await eventually(() => cell.locator('loss-lab #backward-sum').isChecked(), true, { timeout: SYNC_MS, message: 'the sum switch' });
    await eventually(
      async () => numbersIn(await output(await run('print(lab.grad)'))),
      (g) => g.length === 3 && near(g[0], -1 / 0.9) && near(g[1], 1 / 0.8) && near(g[2], -1 / 0.31),
      { timeout: SYNC_MS, message: 'lab.grad is that of the sum' },
    );
  });

  test('a bad value is a ValueError in Python, and the engine’s refusal is the lab’s notice', async () => {
    const refused = await output(await run('lab.predictions = [0.9, 1.5, 0.3]'));
    assert.match(refused, /LossLabError: prediction 2 is 1\.5, outside \[0, 1\]/);
    const cell = await run(
      'bad = LossLab(loss="focal", space="logit", targets=[1, 0], predictions=[2.2, -1.4], params={"gamma": -1}); bad',
    );
    await eventually(() => textOf(cell, '#notice'), /gamma is -1, but it must be a finite number >= 0/, { timeout: SYNC_MS });
    assert.equal(await cell.locator('loss-lab #notice').first().isVisible(), true);
    await eventually(async () => await output(await run('print(bad.notice)')), /gamma is -1/, { timeout: SYNC_MS });
  });

  test('many classes, a model with weights and every lazily loaded view work inside the widget', async () => {
    const classes = await run('mc = LossLab(loss="cross_entropy"); mc');
    await eventually(() => textOf(classes, '#mx-mean'), '1.6912', { timeout: SYNC_MS, message: 'the many-classes mean' });
    assert.equal(await classes.locator('loss-lab #mx-samples input[type="range"]').count(), 9, 'three samples by three classes');
    assert.ok((await classes.locator('loss-lab #mx-chart rect').count()) > 0, 'the stacked bars are drawn');
    await classes.locator('loss-lab #mx-chart').scrollIntoViewIfNeeded();
    await shoot(page, 'notebook-jupyterlab-classes.png');
    // The element's example, filled in; its mean as a hand computation gives it.
    const example = [
      [3, 0.5, -1],
      [0.8, 1, 0.6],
      [2.5, -0.5, -1.5],
    ];
    const printed = await output(await run('print(mc.predictions, mc.targets, mc.mean)'));
    assert.ok(printed.startsWith('[[3.0, 0.5, -1.0], [0.8, 1.0, 0.6], [2.5, -0.5, -1.5]] [0.0, 1.0, 2.0] '), printed);
    assert.ok(near(numbersIn(printed).at(-1), crossEntropyMean(example, [0, 1, 2]), 1e-12), printed);

    const model = await run('w = LossLab(model="constant"); w');
    await eventually(() => textOf(model, '#wl-mean'), '34.8000', { timeout: SYNC_MS, message: 'the constant model at c = 0' });

    const all = await run(
      `full = LossLab(loss="bce", targets=[1,0,1], predictions=[0.9,0.2,0.3], views=["chart", "gradient", "curve", "sigmoid", "compare", "code", "controls"]); full`,
    );
    await eventually(() => textOf(all, '#mean'), bceMean([1, 0, 1], [0.9, 0.2, 0.3]).toFixed(4), { timeout: SYNC_MS });
    await eventually(() => textOf(all, '#code-panel pre'), /binary_cross_entropy/, { timeout: SYNC_MS, message: 'the code view' });
    await eventually(
      () => all.locator('loss-lab #curve path').count(),
      (n) => n > 0,
      { timeout: SYNC_MS, message: 'the loss curve' },
    );
    await eventually(
      () => all.locator('loss-lab #compare-panel tbody tr').count(),
      (n) => n > 0,
      { timeout: SYNC_MS, message: 'Compare' },
    );
    // The filled-in formula of a number (formula.js, loaded on first use) shows on focus.
    await all.locator('loss-lab #mean').focus();
    await eventually(() => textOf(all, '#stat-formula'), /=/, { timeout: SYNC_MS, message: 'the mean’s formula' });

    // The same widget shown twice: an edit in one view shows in the other.
    const again = await run('lab');
    await eventually(() => textOf(again, '#mean'), (await textOf(page, '#mean')) ?? '', { timeout: SYNC_MS });
  });

  test('typing into the lab does not reach the notebook’s shortcuts', async () => {
    const cell = await run('typed = LossLab(loss="bce", targets=[1,0,1], predictions=[0.9,0.2,0.3]); typed');
    await eventually(() => textOf(cell, '#mean'), bceMean([1, 0, 1], [0.9, 0.2, 0.3]).toFixed(4), { timeout: SYNC_MS });
    const cells = await page.locator('.jp-NotebookPanel .jp-Notebook .jp-Cell').count();
    const field = cell.locator('loss-lab #pred-field-1');
    await field.click();
    await field.selectText();
    // 0 0 restarts the kernel, a/b/m/d d/x change the notebook: none may happen while a field has focus.
    await page.keyboard.type('0.5', { delay: 20 });
    await page.keyboard.press('Enter');
    await eventually(async () => numbersIn(await output(await run('print(typed.predictions)'))), [0.5, 0.2, 0.3], {
      timeout: SYNC_MS,
    });
    assert.equal(await page.locator('.jp-NotebookPanel .jp-Notebook .jp-Cell').count(), cells + 1, 'one cell more: the one just run');
    assert.deepEqual(log.errors, [], 'page errors or console errors naming the widget');
    assertNoForeignRequests(log, origin);
  });
});

// ---- marimo -------------------------------------------------------------------------------------

const MARIMO_MODULES = ['marimo', 'anywidget'];
const APP = `import marimo

app = marimo.App()


@app.cell
def _():
    import marimo as mo
    from losslab import LossLab

    widget = mo.ui.anywidget(LossLab(loss="distance", targets=[1, 0, 1], predictions=[0.9, 0.2, 0.3]))
    widget
    return mo, widget


@app.cell
def _(mo, widget):
    mo.md(f"From Python: predictions {widget.value['predictions']}, mean {widget.value['mean']}")
    return


if __name__ == "__main__":
    app.run()
`;

describe('marimo', { skip: skipReason(MARIMO_MODULES) }, () => {
  let server;
  let origin;
  let browser;
  let page;
  let log;

  before(async () => {
    const home = tempDir('losslab-marimo-');
    writeFileSync(join(home, 'app.py'), APP);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = await startServer(
      ['-m', 'marimo', 'run', 'app.py', '--headless', '--host', '127.0.0.1', '--port', String(port), '--no-token', '--no-sandbox'],
      `${origin}/`,
      { cwd: home, env: { MARIMO_SKIP_UPDATE_CHECK: '1', HOME: home } },
    );
    ({ browser, page, log } = await openBrowser(origin));
    await page.goto(`${origin}/`);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the seed mean renders in a marimo app, and an edit reaches Python', async () => {
    await eventually(() => textOf(page, '#mean'), '0.3333', { timeout: START_MS, message: 'the seed mean in the widget' });
    const python = page.getByText(/From Python: predictions/);
    await eventually(() => python.textContent({ timeout: 1_000 }), /\[0\.9, 0\.2, 0\.3\], mean 0\.333/, { timeout: START_MS });
    await page.locator('loss-lab #pred-range-3').focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => textOf(page, '#mean'), '0.3300', { timeout: SYNC_MS });
    await shoot(page, 'notebook-marimo.png');
    await eventually(() => python.textContent({ timeout: 1_000 }), /\[0\.9, 0\.2, 0\.31\], mean 0\.3(2999|3)/, {
      timeout: SYNC_MS,
      message: 'the edit and its mean in Python',
    });
    assert.deepEqual(log.errors, [], 'page errors or console errors naming the widget');
    assertNoForeignRequests(log, origin);
  });
});
