// Senda's last line of defence: when the wasm traps (a Rust panic aborts as `unreachable`) or the
// panic hook announces one, it hides the dead app and shows the "Senda must restart" screen,
// which reloads into the same address once autosave has finished what it was writing.
(function () {
  'use strict';
  var root = document.documentElement;
  var crashed = false;

  function isTrap(error) {
    return typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError;
  }

  // The app renders the screen in the user's language (#senda-crash, hidden); before the app has
  // mounted there is none, so a plain one is written here, in Spanish and English.
  function screen() {
    var el = document.getElementById('senda-crash');
    if (el) return el;
    el = document.createElement('section');
    el.id = 'senda-crash';
    el.className = 'crash-screen';
    var h = document.createElement('h1');
    h.textContent = 'Senda debe reiniciarse / Senda must restart';
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'button primary';
    b.setAttribute('data-crash-restart', '');
    b.textContent = 'Reiniciar / Restart';
    el.appendChild(h);
    el.appendChild(b);
    document.body.appendChild(el);
    return el;
  }

  function crash() {
    if (crashed) return;
    crashed = true;
    root.setAttribute('data-crashed', '');
    var el = screen();
    el.hidden = false;
    var button = el.querySelector('[data-crash-restart]');
    if (button) button.focus();
  }

  // Autosave marks <html data-saving> while an edit waits or is being written (src/crash.rs);
  // a restart waits for it, at most a few seconds, so what was typed is on disk first.
  function restart() {
    var waited = 0;
    (function wait() {
      if (root.hasAttribute('data-saving') && waited < 5000) {
        waited += 100;
        setTimeout(wait, 100);
        return;
      }
      window.location.reload();
    })();
  }

  window.addEventListener('error', function (event) {
    if (isTrap(event.error)) {
      event.preventDefault();
      crash();
    }
  });
  window.addEventListener('unhandledrejection', function (event) {
    if (isTrap(event.reason)) {
      event.preventDefault();
      crash();
    }
  });
  window.addEventListener('senda-crash', crash);
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (crashed && target && target.closest && target.closest('[data-crash-restart]')) restart();
  });
})();
