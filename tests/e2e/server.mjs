// A small static file server for the built app, under a sub-path, as a static host would serve
// it: files by path, `<route>.html` for `/<route>` when there is one (clean URLs, as GitHub Pages
// does), and the app shell (index.html) for any other path under the prefix.
// Used by the end-to-end tests and the benchmark; `node tests/e2e/server.mjs dist /senda/ 8090`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/** Whether `f` is a file. */
const exists = (f) => stat(f).then((st) => st.isFile(), () => false);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** Starts serving `root` under `prefix` (e.g. "/senda/") on 127.0.0.1; resolves to {url, close,
 * cut}. `latency` delays every answer (a slow network); `cut(true)` drops every connection as a
 * lost network does, until `cut(false)`. */
export function serve(root, prefix = '/senda/', port = 0, { latency = 0 } = {}) {
  let down = false;
  const server = createServer(async (req, res) => {
    if (latency) await new Promise((r) => setTimeout(r, latency));
    if (down) {
      req.socket.destroy();
      return;
    }
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const rel = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, rel);
    try {
      if (rel === '' || rel === '.' || (await stat(file)).isDirectory()) file = join(root, 'index.html');
    } catch {
      // An app route: its static first screen if the build wrote one (`guide` -> guide.html, as
      // hosts with clean URLs serve it), otherwise the shell.
      file = join(root, (await exists(`${file}.html`)) ? `${rel}.html` : 'index.html');
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({
        url: `http://127.0.0.1:${p}${prefix}`,
        origin: `http://127.0.0.1:${p}`,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
        cut: (on) => {
          down = on;
          if (on) server.closeAllConnections();
        },
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', prefix = '/senda/', port = '8090'] = process.argv.slice(2);
  serve(root, prefix, Number(port)).then((s) => console.log(`serving ${root} at ${s.url}`));
}
