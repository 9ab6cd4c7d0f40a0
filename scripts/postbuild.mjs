// Trunk post-build hook: splits the lazy screens out of the wasm (scripts/wasm_split.mjs), builds
// the vault's key worker (scripts/kdf_worker.mjs), puts the
// snippets into the main JS (scripts/inline_snippets.mjs), minifies
// a release build's scripts and stylesheet (scripts/minify.mjs), hashes the scripts Trunk inlined
// into index.html into the CSP, then writes the service worker's precache list and a content-derived cache version, and a 404.html
// copy of the shell for static hosts that serve it on unknown paths.
// Trunk's file-name hashes are computed before wasm-opt, so the version hashes file contents.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitWasm } from './wasm_split.mjs';
import { inlineSnippets } from './inline_snippets.mjs';
import { minifyStaging } from './minify.mjs';
import { filesUnder } from './files_under.mjs';
import { buildKdfWorker } from './kdf_worker.mjs';
import { orderPrecache, teamOnlyFiles } from './precache_order.mjs';
import { routePreloadScript } from './route_preload.mjs';
import { deferToFirstFrame } from './first_frame.mjs';
import { STATIC_ROUTES, snapshotScreens, staticFile, staticScreenScript, withStaticScreen } from './static_screens.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run me from Trunk)');
  process.exit(1);
}

const sha256 = (data, enc) => createHash('sha256').update(data).digest(enc);

// 0. Code splitting: replaces Trunk's wasm and JS with the split ones (before anything is hashed).
splitWasm(staging, process.env.TRUNK_PROFILE === 'release' ? 'release' : 'debug');

const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// 0.2. The snippets into the main JS module (scripts/inline_snippets.mjs): one request instead of five.
const mainJs = readdirSync(staging).find((f) => /^senda-[0-9a-f]+\.js$/.test(f));
if (!mainJs) throw new Error('postbuild: the main JS is missing from the staging dir');
const inlined = inlineSnippets(staging, mainJs, html);
html = inlined.html;
console.log(`postbuild: ${inlined.count} snippet(s) inlined into ${mainJs}`);

// 0.5. Preload hints for the route a visit starts on (scripts/route_preload.mjs), right after
//      <base> so that relative paths resolve under the sub-path (with step 0.6).
const loaderFile = readdirSync(staging).find((f) => /^__wasm_split-[0-9a-f]+\.js$/.test(f));
// The chunk loader as wasm-split wrote it: the preload hints and the precache order read its
// chunk table (scripts/precache_order.mjs), before step 0.7 minifies it.
const loaderSource = readFileSync(join(staging, loaderFile), 'utf8');
const base = html.match(/<base [^>]*>/);
if (!base) throw new Error('postbuild: <base> is missing from index.html');
// 0.6. On a release build, whether a static screen (step 1c) is the one to show, decided before
//      the preload hints, which wait for its first frame when it is, as the app does
//      (scripts/first_frame.mjs: Trunk's hints move into the preload script).
const release = process.env.TRUNK_PROFILE === 'release';
let mainHints = [];
let firstScripts = '';
if (release) {
  const deferred = deferToFirstFrame(html);
  html = deferred.html;
  mainHints = deferred.hints;
  firstScripts = `\n    <script>${staticScreenScript()}</script>`;
}
html = html.replace(base[0], `${base[0]}${firstScripts}\n    <script>${routePreloadScript(loaderSource, mainHints)}</script>`);
// 0.7. A release build's scripts and stylesheet minified (scripts/minify.mjs), with Trunk's
//      integrity hashes redone; before anything else is hashed.
if (release) {
  const minified = await minifyStaging(staging, html);
  html = minified.html;
  console.log(`postbuild: ${minified.files} script(s) and stylesheet(s) minified, ${Math.round(minified.saved / 1024)} KB raw saved`);
}

// 0.8. The vault's key worker (scripts/kdf_worker.mjs): its own wasm and script, hashed, named in
//      a <meta> for the app; after the minification, which it does for itself.
html = await buildKdfWorker(staging, html);

// 1. CSP: allow exactly the inline scripts (Trunk's and the preload hints), by hash.
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline.map((body) => `'sha256-${sha256(body, 'base64')}'`).join(' ');
if (!html.includes('__SENDA_SCRIPT_HASHES__')) {
  console.error('postbuild: the CSP placeholder is missing from index.html');
  process.exit(1);
}
html = html.replace('__SENDA_SCRIPT_HASHES__', hashes);

// 1b. CSP connect-src: the team sync servers. SENDA_SYNC_ORIGINS lists them (space-separated
// https origins) for a deployment; without it, only a sync server on this machine
// (scripts/sync-server.sh, for trying teams and for the tests) can be reached.
const syncOrigins = (process.env.SENDA_SYNC_ORIGINS || 'http://127.0.0.1:*').trim().split(/\s+/);
for (const origin of syncOrigins) {
  if (!/^(https:\/\/[a-z0-9.-]+(:[0-9]+)?|http:\/\/127\.0\.0\.1:(\*|[0-9]+))$/.test(origin)) {
    console.error(`postbuild: SENDA_SYNC_ORIGINS holds ${origin}, not an https origin (or http://127.0.0.1:port)`);
    process.exit(1);
  }
}
if (!html.includes('__SENDA_CONNECT_SRC__')) {
  console.error('postbuild: the connect-src placeholder is missing from index.html');
  process.exit(1);
}
html = html.replace('__SENDA_CONNECT_SRC__', syncOrigins.join(' '));
writeFileSync(indexPath, html);

// 1c. The first screens' static HTML (scripts/static_screens.mjs), rendered by the built app
//     itself, so the first paint does not wait for the wasm: Home into index.html, the other
//     screens into `<route>.html`. Release builds only (trunk serve skips it).
// Without a Chromium (a deploy machine, `scripts/serve.sh --release`) the build goes on without it:
// the app is the same, only its first paint waits for the wasm as before; the e2e tests require it.
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shell = html;
if (release && !existsSync(chromiumPath)) {
  console.warn(`postbuild: no Chromium at ${chromiumPath}: no static first screens (set CHROMIUM to add them)`);
} else if (release) {
  const publicUrl = (html.match(/<base href="([^"]*)"/) || [])[1] || '/';
  const copies = await snapshotScreens(staging, publicUrl);
  for (const route of STATIC_ROUTES) {
    writeFileSync(join(staging, staticFile(route)), withStaticScreen(shell, route, copies.get(route)));
  }
  html = readFileSync(indexPath, 'utf8');
  console.log(`postbuild: ${STATIC_ROUTES.length} static first screens written`);
}
writeFileSync(join(staging, '404.html'), html);

// 2. Service worker: every file of the build, and a version derived from their bytes.
const files = filesUnder(staging);
// The static screens' files are for a first visit only: once the worker runs, every route is the shell.
const staticOnly = new Set(STATIC_ROUTES.filter((r) => r !== '').map(staticFile));
const precache = files.filter((f) => f !== 'sw.js' && f !== '404.html' && !staticOnly.has(f));
const digest = createHash('sha256');
for (const f of precache) digest.update(f).update(readFileSync(join(staging, f)));
const version = digest.digest('hex').slice(0, 16);
// What the first screen needs (the shell, its wasm and JS, styles, icons, the interface strings)
// is cached before the worker takes over; the lazy screens' chunks and the large content after,
// in the background. The sizes let the header show the install's progress in KB; the SHA-256 of
// each lets the worker refuse a file that is not the one built.
// Of the interface strings, the shell's (content/ui/<locale>.json); each area's come with the area.
const first = (f) => !/^lazy-.*\.wasm$/.test(f) && (!f.startsWith('content/') || /^content\/ui\/[a-z]+\.json$/.test(f));
// The team area's own chunks are marked `team`: precached only on a phone that has used them
// (public/sw.js, `wanted`); joining a team needs the network, which fetches them.
const teamOnly = new Set(teamOnlyFiles(loaderSource));
const entries = orderPrecache(
  precache.map((path) => ({
    path, size: statSync(join(staging, path)).size, first: first(path), sha256: sha256(readFileSync(join(staging, path)), 'hex'),
    ...(teamOnly.has(path) ? { team: true } : {}),
  })),
  loaderSource
);

const swPath = join(staging, 'sw.js');
const sw = readFileSync(swPath, 'utf8');
if (!sw.includes('__SENDA_PRECACHE__') || !sw.includes('__SENDA_VERSION__')) {
  console.error('postbuild: the service worker placeholders are missing from sw.js');
  process.exit(1);
}
writeFileSync(
  swPath,
  sw.replace('__SENDA_VERSION__', version).replace('__SENDA_PRECACHE__', JSON.stringify(entries))
);
console.log(`postbuild: ${inline.length} inline script(s) hashed, ${precache.length} files precached, version ${version}`);
