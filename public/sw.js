// Senda's service worker: precaches the build (the team area's chunk once a phone used it) so the app works with no network,
// serves every in-app route from the cached shell, and switches versions only when asked.
// scripts/postbuild.mjs fills VERSION (a hash of the build's content) and PRECACHE (each file's
// path, size in bytes and whether the first screen needs it) at build time.
//
// A first install caches only what the first screen needs, then takes control and fetches the
// rest in the background, file by file, telling every window how far it got; a file already in
// the cache is never fetched again, so an install cut off by the network resumes where it stopped
// (when a window asks again: on start, on `online`, or after a delay). "Works offline" is said
// only once every file is in the cache. An update (a worker already active) caches everything
// before it waits, as before: the version in use keeps working meanwhile.
//
// Every file is checked against the SHA-256 the build recorded before it is cached (a file that
// differs — a tampering host or proxy, a half-deployed update — is refused and fetched again
// later). Cache names carry the deployment's path, so two apps on one origin never touch each
// other's caches; a previous version's cache is kept while another window may still run it (its
// lazy screens are served from it), and removed once a single, current window is left.
//
// The team area's own chunk (marked `team` by the build) is precached only on a phone that has
// used it: a phone with no team never runs it, and joining a team needs the network, which
// fetches it (kept then like any file of the build fetched before the fill reached it). Once any
// of this deployment's caches holds a team chunk, every fill and every update includes it, so a
// team phone keeps working offline across updates.
//
// An update is applied only when a window asks for it ("update now"). The browser itself
// activates a waiting worker when no window uses the old one (the app closed and opened again: a
// cold start), so a worker that took over that way keeps serving the version last applied — its
// cache, marked APPLIED — and tells every window an update waits; the app's "update now" then
// marks this version applied and reloads. A first install is applied at once.
'use strict';

const VERSION = '__SENDA_VERSION__';
const PRECACHE = __SENDA_PRECACHE__;
const PREFIX = 'senda:' + new URL(self.registration.scope).pathname + ':';
const CACHE = PREFIX + VERSION;
const SHELL = new URL('index.html', self.registration.scope).href;
const PARALLEL = 4;

// A marker in a version's cache: this version was applied (its body: when, in ms).
const APPLIED = new URL('__senda-applied', self.registration.scope).href;
const url = (entry) => new URL(entry.path, self.registration.scope).href;
const KNOWN = new Map(PRECACHE.map((e) => [url(e), e]));
/** This deployment's caches of other versions (and the unscoped names of earlier builds). */
const older = (name) => name !== CACHE && (name.startsWith(PREFIX) || /^senda-[0-9a-f]{16}/.test(name));

/** The response's bytes as a fresh response, if their SHA-256 is the one the build recorded. */
async function checked(entry, response) {
  const body = await response.arrayBuffer();
  const hex = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', body)), (b) => b.toString(16).padStart(2, '0')).join('');
  if (hex !== entry.sha256) {
    throw Object.assign(new Error(`${entry.path}: not the file this version was built with`), { integrity: true });
  }
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** The cache whose version the windows run: this version's once applied, otherwise the most
 *  recently applied older one that is still there (a cold start took over before "update now"). */
let served = null;
function servedCache() {
  if (!served) {
    served = (async () => {
      if (await (await caches.open(CACHE)).match(APPLIED)) return CACHE;
      let pick = null;
      for (const name of (await caches.keys()).filter(older)) {
        const marker = await (await caches.open(name)).match(APPLIED);
        const when = marker ? Number(await marker.text()) : -1;
        if (marker && (!pick || when > pick.when)) pick = { name, when };
      }
      return pick ? pick.name : CACHE;
    })();
    served.catch(() => { served = null; });
  }
  return served;
}

/** Marks this version applied: from now on the windows get it. */
async function markApplied() {
  await (await caches.open(CACHE)).put(APPLIED, new Response(String(Date.now())));
  served = Promise.resolve(CACHE);
}

/** Whether an update waits for "update now" (this worker is active, an older version served). */
const pending = async () => (await servedCache()) !== CACHE;

/** Removes the other versions' caches when at most one window is open (it runs this version),
 *  never the one still served while an update waits. */
async function pruneIfAlone() {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (windows.length > 1) return;
  const keep = await servedCache();
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => older(k) && k !== keep).map((k) => caches.delete(k)));
}
const TEAM_CHUNK = /\/lazy-team_area-[0-9a-f]+\.wasm$/;

/** Whether this phone has used the team area: one of this deployment's caches holds its chunk. */
async function teamUsed() {
  for (const name of (await caches.keys()).filter((n) => n === CACHE || older(n))) {
    const keys = await (await caches.open(name)).keys();
    if (keys.some((r) => TEAM_CHUNK.test(new URL(r.url).pathname))) return true;
  }
  return false;
}

/** The entries this phone keeps: all of them once it used the team area, else all but its chunk. */
async function wanted() {
  return (await teamUsed()) ? PRECACHE : PRECACHE.filter((e) => !e.team);
}

/** Posts the precache's progress to every window of the app, controlled or not. */
async function report(progress) {
  const clients = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of clients) client.postMessage({ type: 'precache', ...progress });
}

/** Caches every entry not cached yet ('reload' bypasses the HTTP cache, so no stale bytes),
 *  reporting progress over `keep` (what this phone keeps: `wanted`, decided once per fill). */
async function fill(entries, keep) {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const e of entries) if (!(await cache.match(url(e)))) missing.push(e);
  return fetchInto(cache, missing, keep);
}

/** Fetches `missing` into `cache`, a few at a time, reporting after each file. */
async function fetchInto(cache, missing, keep) {
  const queue = missing.slice();
  let failed = false;
  let refused = false;
  async function worker() {
    while (!failed && queue.length) {
      const e = queue.shift();
      try {
        const response = await fetch(new Request(url(e), { cache: 'reload' }));
        if (!response.ok) throw new Error(`${e.path}: ${response.status}`);
        await cache.put(url(e), await checked(e, response));
      } catch (err) {
        // A file that is not the one built is skipped (the rest still comes); the network
        // failing stops the fill, to resume later.
        if (err && err.integrity) {
          refused = true;
          continue;
        }
        failed = true;
        queue.unshift(e);
        break;
      }
      await report(await progress(cache, keep));
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (failed || refused) throw new Error('precache interrupted');
}

/** How much of `entries` (what this phone keeps: `wanted`) is in the cache, in files and bytes. */
async function progress(cache, entries) {
  const keys = new Set((await cache.keys()).map((r) => r.url));
  let files = 0;
  let bytes = 0;
  let totalBytes = 0;
  for (const e of entries) {
    totalBytes += e.size;
    if (keys.has(url(e))) {
      files += 1;
      bytes += e.size;
    }
  }
  return { files, totalFiles: entries.length, bytes, totalBytes, complete: files === entries.length };
}

// One background fill at a time; a failed one is forgotten so the next request starts afresh.
let filling = null;
function fillAll() {
  if (!filling) {
    filling = (async () => {
      const keep = await wanted();
      await fill(keep, keep).catch(() => {});
      filling = null;
      await report({ ...(await progress(await caches.open(CACHE), keep)), stopped: true });
    })().catch(() => { filling = null; });
  }
  return filling;
}

self.addEventListener('install', (event) => {
  const update = !!self.registration.active;
  event.waitUntil(wanted().then((keep) => fill(update ? keep : PRECACHE.filter((e) => e.first), keep)));
  // No skipWaiting here: a new version waits until the user chooses "update now".
});

self.addEventListener('activate', (event) => {
  // A first install is applied at once; an update that took over by itself (a cold start, not
  // "update now") waits, serving the version last applied. Another window may still run the
  // previous version: its cache stays until that one is gone.
  event.waitUntil(
    servedCache()
      .then(async (name) => { if (name === CACHE && !(await (await caches.open(CACHE)).match(APPLIED))) await markApplied(); })
      .then(pruneIfAlone)
      .then(() => self.clients.claim())
  );
  // The rest is fetched when a window asks (PRECACHE, below), not here: while activation waits,
  // the browser holds back every fetch the pages make.
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  // "Update now" while this worker waits: applied, then it takes over (the page reloads).
  if (type === 'SKIP_WAITING') event.waitUntil(markApplied().then(() => self.skipWaiting()));
  // "Update now" while this worker is active but an older version is served: applied, then the
  // window reloads into it.
  if (type === 'APPLY') {
    event.waitUntil(markApplied().then(pruneIfAlone).then(() => event.source && event.source.postMessage({ type: 'applied' })));
  }
  // A window asks how far the precache is, and to fetch what is missing: pwa.js at every start,
  // when the browser is back online, and after a delay when a fill stopped short. It also learns
  // whether an update waits.
  if (type === 'PRECACHE') {
    event.waitUntil(Promise.all([
      fillAll(),
      pruneIfAlone(),
      pending().then((p) => { if (p && event.source) event.source.postMessage({ type: 'update', state: 'waiting' }); }),
    ]));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const target = new URL(request.url);
  if (target.origin !== self.location.origin || !target.href.startsWith(self.registration.scope)) return;

  if (request.mode === 'navigate') {
    // Every in-app route is the same single-page shell, of the version applied.
    event.respondWith(
      servedCache().then((name) => caches.open(name)).then((cache) => cache.match(SHELL)).then((shell) => shell || fetch(request))
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const name = await servedCache();
      const hit = (name !== CACHE && (await (await caches.open(name)).match(request, { ignoreSearch: true })))
        || (await cache.match(request, { ignoreSearch: true }));
      if (hit) return hit;
      // A window still running the previous version asks for one of its own files.
      for (const name of (await caches.keys()).filter(older)) {
        const old = await (await caches.open(name)).match(request, { ignoreSearch: true });
        if (old) return old;
      }
      const response = await fetch(request);
      // A file of this build fetched before the background fill reached it: keep it too, if it
      // is the file the build recorded.
      const key = target.origin + target.pathname;
      const entry = KNOWN.get(key);
      if (response.ok && entry) {
        event.waitUntil(checked(entry, response.clone()).then((good) => cache.put(key, good)).catch(() => {}));
      }
      return response;
    })
  );
});
