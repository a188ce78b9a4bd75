// Nongdian's service worker. The pages a learner opened (catalogue, courses, lessons, their home)
// and the modules they saved stay readable with no connection, and so does the certificate check
// (a QR link opened offline gets the check page). "Lesson done" and lesson-quiz answers made
// offline wait in IndexedDB and go in batches to /sync/v1/progress, which stores each event id
// once, when the connection returns. Staff pages and module tests are never kept; signing out
// forgets every kept page and whatever still waits, so the next person on a shared phone sees none
// of it.
'use strict';

const SHELL = 'nd-shell-v2';
const PAGES = 'nd-pages-v1';
const CHECK_PAGE = '/offline/verify';
const SHELL_URLS = ['/offline', CHECK_PAGE, '/pkg/nongdian.css', '/offline.js', '/favicon.svg',
  '/manifest.webmanifest', '/icons/icon-192.png', '/verify-offline.js', '/vendor/tweetnacl.min.js',
  '/.well-known/nongdian-certificate-key.json'];
const STATIC = /^\/(pkg|media|icons|vendor)\/|^\/(offline\.js|verify-offline\.js|favicon\.svg|manifest\.webmanifest|\.well-known\/nongdian-certificate-key\.json)$/;
const KEPT_PAGE = /^\/(courses\/[^/]+|lessons\/[^/]+|me)?$/;
const COMPLETE = /^\/learning\/lessons\/([^/]+)\/complete$/;
const BATCH = 200;
const QUEUED_PAGE = '/offline?queued=1';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(SHELL_URLS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n !== SHELL && n !== PAGES).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  const reply = (message) => event.source && event.source.postMessage(message);
  if (data.type === 'send') event.waitUntil(send());
  if (data.type === 'language') event.waitUntil(keepOfflinePage(String(data.lang || '')));
  if (data.type === 'count') event.waitUntil(announce());
  if (data.type === 'save') event.waitUntil(saveModule(data.module, data.urls || [], data.lang).then(reply));
  if (data.type === 'remove') event.waitUntil(removeModule(data.module).then(reply));
  if (data.type === 'saved-list') {
    event.waitUntil(store((s) => s.getAll(), 'saved').then((list) => list.forEach((m) => reply(saved(m)))));
  }
});

self.addEventListener('sync', (event) => {
  if (event.tag === 'nd-send') event.waitUntil(send());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (request.method === 'GET') {
    if (request.mode === 'navigate') event.respondWith(page(request, path));
    else if (STATIC.test(path)) event.respondWith(networkFirst(request, path));
    return;
  }
  if (request.method !== 'POST') return;
  const lesson = path.match(COMPLETE);
  if (lesson) event.respondWith(orQueue(request, (copy) => completion(copy, decodeURIComponent(lesson[1]))));
  else if (path === '/quiz') event.respondWith(orQueue(request, (copy) => quizForm(copy, request.mode === 'navigate')));
  else if (path === '/auth/sign-out') event.respondWith(signOut(request));
});

// The offline pages are kept in the language the learner reads (the worker's own requests carry
// the browser's language, which may not be the one chosen on the site).
async function keepOfflinePage(lang) {
  const cache = await caches.open(SHELL);
  const kept = await cache.match('/__language');
  if (!lang || (kept && (await kept.text()) === lang)) return;
  for (const path of ['/offline', CHECK_PAGE]) {
    const response = await fetch(path, { credentials: 'same-origin', headers: { 'accept-language': lang } });
    if (!response.ok) return;
    await cache.put(path, response);
  }
  await cache.put('/__language', new Response(lang));
}

// Pages: the network first (through the browser's HTTP cache), the kept copy without one.
async function page(request, path) {
  const keep = KEPT_PAGE.test(path);
  try {
    const response = await fetch(request);
    if (keep && response.ok && !response.redirected) await (await caches.open(PAGES)).put(path, response.clone());
    return response;
  } catch (offline) {
    const kept = keep ? await caches.match(path) : undefined;
    // A certificate's QR link opened offline: the check page verifies its signature here.
    const check = path.startsWith('/verify/') ? await caches.match(CHECK_PAGE) : undefined;
    return kept || check || (await caches.match('/offline')) || Response.error();
  }
}

async function networkFirst(request, key) {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(SHELL)).put(key, response.clone());
    return response;
  } catch (offline) {
    return (await caches.match(key)) || Response.error();
  }
}

// Sends the request; without a connection, keeps what it records for later when it can.
async function orQueue(request, toQueued) {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (offline) {
    const queued = await toQueued(copy);
    if (!queued) return Response.error();
    await store((s) => s.put(queued.event));
    if (self.registration.sync) self.registration.sync.register('nd-send').catch(() => {});
    await announce();
    return queued.response;
  }
}

const now = () => Math.floor(Date.now() / 1000);

async function completion(copy, lesson) {
  const id = (await copy.formData()).get('event_id');
  if (!id) return null;
  return { event: { kind: 'completed', id: String(id), lesson, at: now() }, response: Response.redirect(QUEUED_PAGE, 303) };
}

// A posted quiz page goes to the "kept on this phone" page; the quiz island's background post
// gets 202 with a header and says so inside the quiz.
async function quizForm(copy, navigation) {
  const form = await copy.formData();
  if (form.get('kind') !== 'lesson') return null;
  const answers = [];
  for (const [key, value] of form.entries()) {
    const index = /^q(\d+)$/.test(key) ? Number(key.slice(1)) : -1;
    if (index >= 0 && index < 100) answers[index] = Number(value);
  }
  const event = quizEvent(String(form.get('target')), String(form.get('check')), answers);
  const response = navigation ? Response.redirect(QUEUED_PAGE, 303)
    : new Response(null, { status: 202, headers: { 'x-nongdian-queued': '1' } });
  return { event, response };
}

// One page view may send different answers: each different sheet is its own event.
function quizEvent(lesson, check, answers) {
  const filled = Array.from(answers, (a) => (Number.isInteger(a) && a >= 0 ? a : null));
  let hash = 0x811c9dc5;
  for (const ch of JSON.stringify(filled)) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const id = check.replace(/[^A-Za-z0-9-]/g, '').slice(0, 40) + '-q' + hash.toString(16);
  return { kind: 'quiz_answered', id, lesson, at: now(), answers: filled };
}

async function signOut(request) {
  await send().catch(() => {});
  const response = await fetch(request);
  await caches.delete(PAGES);
  await store((s) => s.clear());
  await store((s) => s.clear(), 'saved');
  await announce();
  return response;
}

// A module kept for offline reading: its lessons and their pictures, and the space they take.
// The pages are fetched in the language of the page the learner pressed the button on.
async function saveModule(module, urls, lang) {
  const cache = await caches.open(PAGES);
  const headers = lang ? { 'accept-language': String(lang) } : {};
  const keys = [];
  let bytes = 0;
  const keep = async (path) => {
    const response = await fetch(path, { credentials: 'same-origin', headers });
    if (!response.ok || response.redirected) return null;
    const body = await response.clone().arrayBuffer();
    await cache.put(path, response);
    keys.push(path);
    bytes += body.byteLength;
    return new TextDecoder().decode(body);
  };
  for (const url of urls.filter((u) => KEPT_PAGE.test(u))) {
    const html = await keep(url).catch(() => null);
    const pictures = html ? [...html.matchAll(/src="(\/media\/[^"]+)"/g)].map((m) => m[1]) : [];
    for (const picture of new Set(pictures)) await keep(picture).catch(() => null);
  }
  const record = { module, keys, bytes };
  await store((s) => s.put(record), 'saved');
  return saved(record);
}

async function removeModule(module) {
  const record = await store((s) => s.get(module), 'saved');
  const cache = await caches.open(PAGES);
  for (const key of (record && record.keys) || []) await cache.delete(key);
  await store((s) => s.delete(module), 'saved');
  return saved({ module, bytes: 0 });
}

const saved = (record) => ({ type: 'saved', module: record.module, bytes: record.bytes });

let sending = null;
function send() {
  if (!sending) sending = sendAll().finally(() => { sending = null; });
  return sending;
}

async function sendAll() {
  const events = await store((s) => s.getAll());
  for (let start = 0; start < events.length; start += BATCH) {
    const batch = events.slice(start, start + BATCH);
    let response;
    try {
      response = await fetch('/sync/v1/progress', {
        method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sent_at: now(), events: batch }),
      });
    } catch (offline) {
      break;
    }
    // Signed out, or the server had trouble: everything stays for the next try.
    if (!response.ok) break;
    const receipt = await response.json();
    await store((s) => receipt.results.forEach((r) => s.delete(r.id)));
  }
  await announce();
}

async function announce() {
  const count = await store((s) => s.count());
  const clients = await self.clients.matchAll({ includeUncontrolled: true });
  clients.forEach((client) => client.postMessage({ type: 'waiting', count }));
}

// IndexedDB: 'queue' holds what waits to be sent, keyed by event id so a repeated click is kept
// once; 'saved' lists the modules kept for offline reading.
function store(work, name = 'queue') {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('nongdian', 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('queue', { keyPath: 'id' });
      open.result.createObjectStore('saved', { keyPath: 'module' });
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const transaction = open.result.transaction(name, 'readwrite');
      const request = work(transaction.objectStore(name));
      transaction.oncomplete = () => resolve(request && 'result' in request ? request.result : undefined);
      transaction.onerror = () => reject(transaction.error);
    };
  });
}
