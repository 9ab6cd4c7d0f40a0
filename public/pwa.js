// Registers Senda's service worker and tells the app (by DOM events and data attributes, so the
// order of loading never matters) when offline use is ready and when a new version waits.
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

  function watch(registration) {
    function offerIfWaiting() {
      if (registration.waiting && navigator.serviceWorker.controller) announce('update', 'waiting');
    }
    offerIfWaiting();
    registration.addEventListener('updatefound', function () {
      var incoming = registration.installing;
      if (!incoming) return;
      incoming.addEventListener('statechange', function () {
        if (incoming.state === 'installed') offerIfWaiting();
      });
    });
    window.addEventListener('senda-apply-update', function () {
      if (!registration.waiting) return;
      applying = true;
      registration.waiting.postMessage({ type: 'SKIP_WAITING' });
    });
  }

  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (applying) window.location.reload();
  });

  window.addEventListener('load', function () {
    // By the base URL, never a relative path: deep links and sub-path deployments both work.
    var scope = new URL('./', document.baseURI);
    navigator.serviceWorker
      .register(new URL('sw.js', scope).href, { scope: scope.pathname })
      .then(function (registration) {
        watch(registration);
        return navigator.serviceWorker.ready;
      })
      .then(function () {
        announce('offline', 'ready');
      })
      .catch(function () {
        announce('offline', 'unsupported');
      });
  });
})();
