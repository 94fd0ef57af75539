// A tiny static server for www/, for the browser tests, the benchmark and local use.
//
//   node e2e/serve.mjs            -> http://127.0.0.1:8000/
//   PORT=0 node e2e/serve.mjs     -> any free port (printed on stdout)
//   ROOT=dist node e2e/serve.mjs  -> serve another folder (make serve serves dist/)
//
// It binds to 127.0.0.1 only, serves .wasm as application/wasm (so the wasm-bindgen glue can
// use instantiateStreaming) and sends the Content-Security-Policy the page is written for, so
// the tests notice any inline script or style that would break under it.
// Imported by the tests as `startServer({ port })`.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WWW_DIR = resolve(fileURLToPath(new URL('../www/', import.meta.url)));

/** Headless Chromium as root, kept off the network (this machine allows no other traffic). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.d.ts': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file inside `root`, or null if it would escape it. */
function fileFor(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.endsWith('/')) path += 'index.html';
  const full = normalize(join(root, path));
  return full === root || full.startsWith(root + sep) ? full : null;
}

/**
 * Starts the server; resolves to `{ server, url, close }` once it listens. `headers` are sent with
 * every file, over the defaults (another CSP, or CORS for a server that plays an npm CDN).
 * @param {{ port?: number, root?: string, host?: string, headers?: Record<string, string> }} [options]
 */
export function startServer({ port = 8000, root = WWW_DIR, host = '127.0.0.1', headers = {} } = {}) {
  const server = createServer(async (req, res) => {
    const file = fileFor(root, req.url ?? '/');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    try {
      if (!file || !(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolvePromise({
        server,
        url: `http://${host}:${actual}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

// Run directly: serve until interrupted.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8000);
  const root = process.env.ROOT ? resolve(process.env.ROOT) : WWW_DIR;
  const { url } = await startServer({ port, root });
  console.log(`serving ${root} at ${url}`);
}
