// Registers the service worker (/sw.js) and talks to it: asks it to send what waits on this phone
// when a page opens or the connection returns, shows the count of records waiting, the "saved on
// this phone" notice, the buttons that keep a module's lessons for reading offline, and the
// install button of the home-screen guide where the browser offers one.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator)) return;
  var all = function (selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); };

  function tell(message) {
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage(message);
    });
  }

  function showWaiting(count) {
    all('[data-offline-waiting]').forEach(function (el) {
      el.setAttribute('data-count', String(count));
      el.hidden = count === 0;
    });
  }

  function showSaved(module, bytes) {
    all('[data-offline-module="' + module + '"]').forEach(function (box) {
      var saved = box.querySelector('[data-offline-saved]');
      saved.setAttribute('data-size', Math.max(1, Math.round(bytes / 1024)) + ' KB');
      saved.hidden = bytes === 0;
      box.querySelector('[data-offline-remove]').hidden = bytes === 0;
      box.querySelector('[data-offline-save]').disabled = false;
    });
  }

  // Pages rendered in the browser appear after load: reveal their offline parts as they come.
  function reveal() {
    var hidden = all('[data-offline-module][hidden]');
    hidden.forEach(function (box) { box.hidden = false; });
    if (hidden.length) tell({ type: 'saved-list' });
  }

  navigator.serviceWorker.addEventListener('message', function (event) {
    var data = event.data || {};
    if (data.type === 'waiting') showWaiting(data.count);
    if (data.type === 'saved') showSaved(data.module, data.bytes);
  });
  navigator.serviceWorker.register('/sw.js').catch(function () { /* no offline use here */ });
  window.addEventListener('online', function () { tell({ type: 'send' }); });

  document.addEventListener('click', function (event) {
    var target = event.target;
    var box = target.closest && target.closest('[data-offline-module]');
    if (box && target.closest('[data-offline-save]')) {
      target.closest('[data-offline-save]').disabled = true;
      var urls = all('a[href^="/lessons/"]', box.closest('.module')).map(function (a) { return a.getAttribute('href'); });
      tell({ type: 'save', module: box.getAttribute('data-offline-module'), urls: urls, lang: document.documentElement.lang });
    } else if (box && target.closest('[data-offline-remove]')) {
      tell({ type: 'remove', module: box.getAttribute('data-offline-module') });
    }
  }, true);

  // Browsers that can install a web app themselves (Chrome, Edge, Samsung Internet) say so with
  // this event; the guide's button then asks them. The others keep the guide's steps.
  var installPrompt = null;
  window.addEventListener('beforeinstallprompt', function (event) {
    event.preventDefault();
    installPrompt = event;
    all('[data-install]').forEach(function (el) { el.hidden = false; });
  });
  document.addEventListener('click', function (event) {
    if (!installPrompt || !event.target.closest || !event.target.closest('[data-install-button]')) return;
    installPrompt.prompt();
    installPrompt = null;
    all('[data-install]').forEach(function (el) { el.hidden = true; });
  });

  document.addEventListener('DOMContentLoaded', function () {
    if (/[?&]queued=1/.test(location.search)) {
      all('[data-offline-queued]').forEach(function (el) { el.hidden = false; });
    }
    reveal();
    new MutationObserver(reveal).observe(document.body, { childList: true, subtree: true });
    if (navigator.onLine) {
      tell({ type: 'language', lang: document.documentElement.lang });
      tell({ type: 'send' });
    } else {
      tell({ type: 'count' });
    }
  });
})();
