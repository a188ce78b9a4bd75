// Registers the service worker (/sw.js), asks it to send what waits on this phone when a page
// opens or the connection returns, and shows the page parts marked data-offline-*: the count of
// records waiting, and the "saved on this phone" notice after something was done offline.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator)) return;

  function show(count) {
    document.querySelectorAll('[data-offline-waiting]').forEach(function (el) {
      el.setAttribute('data-count', String(count));
      el.hidden = count === 0;
    });
  }

  function tell(message) {
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage(message);
    });
  }

  navigator.serviceWorker.addEventListener('message', function (event) {
    if (event.data && event.data.type === 'waiting') show(event.data.count);
  });
  navigator.serviceWorker.register('/sw.js').catch(function () { /* no offline use */ });
  window.addEventListener('online', function () { tell({ type: 'send' }); });

  document.addEventListener('DOMContentLoaded', function () {
    if (/[?&]queued=1/.test(location.search)) {
      document.querySelectorAll('[data-offline-queued]').forEach(function (el) { el.hidden = false; });
    }
    tell(navigator.onLine ? { type: 'send' } : { type: 'count' });
  });
})();
