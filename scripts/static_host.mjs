// A small static host for measuring the build as a real one serves it (the benchmark's Lighthouse
// step): files under a sub-path compressed with brotli or gzip as the browser accepts, hashed
// files (`name-<hex>.ext`, which a new build never reuses) cached for a year as immutable,
// everything else revalidated (ETag, 304), `<route>.html` for `/<route>` when there is one (clean
// URLs), and the app shell for any other path under the prefix.
// The end-to-end tests keep their plain server (tests/e2e/server.mjs), which can cut the network.
// `node scripts/static_host.mjs dist /senda/ 8091`.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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
// Already compressed formats are sent as they are.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt']);
// Trunk's and wasm_split.mjs's content hashes: senda-1a2b…_bg.wasm, lazy-x-0123456789abcdef.wasm.
const HASHED = /[-.][0-9a-f]{16,}(_bg)?\.[a-z]+$/;

/** Which encoding to send for an Accept-Encoding header: brotli first, as hosts do. */
export function pickEncoding(accept = '') {
  const offered = accept.split(',').map((e) => e.trim().split(';')[0]);
  if (offered.includes('br')) return 'br';
  if (offered.includes('gzip')) return 'gzip';
  return null;
}

/** The Cache-Control a host gives a file of the build. */
export function cacheControl(path) {
  return HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Starts serving `root` under `prefix` on 127.0.0.1; resolves to {url, origin, close}. */
export function host(root, prefix = '/senda/', port = 0) {
  const cache = new Map(); // file -> {body, etag, br, gzip}, compressed once
  const load = async (file) => {
    if (cache.has(file)) return cache.get(file);
    const body = await readFile(file);
    const entry = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 20)}"` };
    if (COMPRESSIBLE.has(extname(file))) {
      entry.br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      entry.gzip = gzipSync(body, { level: 9 });
    }
    cache.set(file, entry);
    return entry;
  };
  const server = createServer(async (req, res) => {
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
    let entry;
    try {
      entry = await load(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers = {
      'content-type': TYPES[extname(file)] || 'application/octet-stream',
      'cache-control': cacheControl(file),
      etag: entry.etag,
      vary: 'accept-encoding',
    };
    if (req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    const encoding = entry.br ? pickEncoding(req.headers['accept-encoding']) : null;
    const body = encoding ? entry[encoding] : entry.body;
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({
        url: `http://127.0.0.1:${p}${prefix}`,
        origin: `http://127.0.0.1:${p}`,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', prefix = '/senda/', port = '8091'] = process.argv.slice(2);
  const h = await host(root, prefix, Number(port));
  console.log(`serving ${root} at ${h.url} (brotli/gzip, hashed files immutable)`);
}
