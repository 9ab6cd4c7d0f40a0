// Registers Senda's service worker and tells the app (by DOM events and data attributes, so the
// order of loading never matters) how far offline use is — `data-offline`: pending, installing
// (with `data-precache` = "files totalFiles bytes totalBytes"), ready once every file is cached,
// or unsupported — and when a new version waits. An install cut off by the network is resumed
// when the browser is back online, and otherwise retried with a growing delay.
(function () {
  'use strict';
  var root = document.documentElement;
  function announce(name, state) {
    root.setAttribute('data-' + name, state);
    window.dispatchEvent(new CustomEvent('senda-' + name, { detail: state }));
  }
  if (!('serviceWorker' in navigator)) {
    announce('offline', 'unsupported');
    return;
  }
  announce('offline', 'pending');
  var applying = false;
  var registration = null;
  var retryDelay = 2000;
  var retryTimer = null;

  function watch(reg) {
    function offerIfWaiting() {
      if (reg.waiting && navigator.serviceWorker.controller) announce('update', 'waiting');
    }
    offerIfWaiting();
    reg.addEventListener('updatefound', function () {
      var incoming = reg.installing;
      if (!incoming) return;
      incoming.addEventListener('statechange', function () {
        if (incoming.state === 'installed') offerIfWaiting();
        // A first install that could not fetch the first screen's files: try again later.
        if (incoming.state === 'redundant' && !reg.active) later();
      });
    });
  }

  // Asks the active worker to report the precache and finish it if it stopped short.
  function resume() {
    retryTimer = null;
    if (!registration) return register();
    if (registration.active) registration.active.postMessage({ type: 'PRECACHE' });
    else if (!registration.installing && !registration.waiting) register();
  }

  function later() {
    if (retryTimer) return;
    retryTimer = setTimeout(resume, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }

  navigator.serviceWorker.addEventListener('message', function (event) {
    var p = event.data;
    // The active worker is a newer version than this page, waiting for "update now" (the browser
    // let it take over on a cold start; public/sw.js keeps serving this version meanwhile).
    if (p && p.type === 'update') announce('update', p.state);
    // "Update now" applied by the active worker: the page reloads into the new version.
    if (p && p.type === 'applied' && applying) window.location.reload();
    if (!p || p.type !== 'precache') return;
    root.setAttribute('data-precache', [p.files, p.totalFiles, p.bytes, p.totalBytes].join(' '));
    if (p.complete) {
      announce('offline', 'ready');
    } else {
      announce('offline', 'installing');
      if (p.stopped) later();
    }
  });

  // Deliver the worker's messages now, not only once the page has finished loading.
  navigator.serviceWorker.startMessages();

  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (applying) window.location.reload();
  });

  window.addEventListener('online', function () {
    retryDelay = 2000;
    if (retryTimer) clearTimeout(retryTimer);
    resume();
  });

  window.addEventListener('senda-apply-update', function () {
    if (!registration) return;
    if (registration.waiting) {
      applying = true;
      registration.waiting.postMessage({ type: 'SKIP_WAITING' });
    } else if (registration.active && root.getAttribute('data-update') === 'waiting') {
      applying = true;
      registration.active.postMessage({ type: 'APPLY' });
    }
  });

  function register() {
    // By the base URL, never a relative path: deep links and sub-path deployments both work.
    var scope = new URL('./', document.baseURI);
    return navigator.serviceWorker
      .register(new URL('sw.js', scope).href, { scope: scope.pathname })
      .then(function (reg) {
        if (!registration) watch(reg);
        registration = reg;
        return navigator.serviceWorker.ready;
      })
      .then(function (reg) {
        // Every start: the worker says how complete the cache is (and resumes if need be).
        if (reg.active) reg.active.postMessage({ type: 'PRECACHE' });
      })
      .catch(function () {
        if (!registration) announce('offline', 'unsupported');
        else later();
      });
  }

  window.addEventListener('load', register);
})();
