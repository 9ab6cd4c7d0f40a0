// Senda's service worker: precaches every file of the build so the app works with no network,
// serves every in-app route from the cached shell, and switches versions only when asked.
// scripts/postbuild.mjs fills VERSION (a hash of the build's content) and PRECACHE at build time.
'use strict';

const VERSION = '__SENDA_VERSION__';
const PRECACHE = __SENDA_PRECACHE__;
const CACHE = 'senda-' + VERSION;
const SHELL = new URL('index.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  // 'reload' bypasses the HTTP cache so a new version never precaches stale bytes.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((path) => new Request(new URL(path, self.registration.scope), { cache: 'reload' })))
    )
  );
  // No skipWaiting here: a new version waits until the user chooses "update now".
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('senda-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;

  if (request.mode === 'navigate') {
    // Every in-app route is the same single-page shell.
    event.respondWith(
      caches.open(CACHE).then((cache) => cache.match(SHELL)).then((shell) => shell || fetch(request))
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true })).then((hit) => hit || fetch(request))
  );
});
