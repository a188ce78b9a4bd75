// The offline certificate check (/offline/verify): reads a certificate's QR link
// (/verify/<code>?p=<payload>&s=<signature>, both base64url), checks the Ed25519 signature of the
// payload's bytes against the published key it names (kid), and shows what the certificate says. Web Crypto's
// Ed25519 where the browser has it, TweetNaCl otherwise. Works with no connection once the
// service worker has kept this page, this script, TweetNaCl and the key.
'use strict';

(function () {
  const KEY_URL = '/.well-known/nongdian-certificate-key.json';
  const form = document.querySelector('[data-offline-check]');
  if (!form) return;
  const link = form.querySelector('textarea');
  const fields = document.querySelector('[data-check-fields]');

  function bytes(base64url) {
    const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    const text = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(text, (c) => c.charCodeAt(0));
  }

  // The code, payload and signature of a QR link, or null if it is not one.
  function parse(text) {
    let url;
    try { url = new URL(text.trim(), location.origin); } catch (notUrl) { return null; }
    const code = url.pathname.match(/^\/verify\/([^/]+)$/);
    const p = url.searchParams.get('p');
    const s = url.searchParams.get('s');
    if (!code || !p || !s) return null;
    try {
      const payloadBytes = bytes(p);
      const payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes));
      return { code: decodeURIComponent(code[1]), payload, payloadBytes, signature: bytes(s) };
    } catch (broken) {
      return null;
    }
  }

  // The published keys a payload may be signed with: the one its kid names (the current key or
  // a retired one), or every key for certificates issued before key ids.
  async function publicKeys(kid) {
    const response = await fetch(KEY_URL);
    if (!response.ok) throw new Error('key ' + response.status);
    const doc = await response.json();
    const all = [{ kid: doc.kid, public_key: doc.public_key }].concat(doc.retired_keys || []);
    return all.filter((k) => !kid || k.kid === kid).map((k) => bytes(k.public_key));
  }

  async function signatureOk(key, message, signature) {
    if (key.length !== 32 || signature.length !== 64) return false;
    try {
      const imported = await crypto.subtle.importKey('raw', key, { name: 'Ed25519' }, false, ['verify']);
      return await crypto.subtle.verify({ name: 'Ed25519' }, imported, signature, message);
    } catch (noEd25519) {
      if (!self.nacl) throw noEd25519;
      return self.nacl.sign.detached.verify(message, signature, key);
    }
  }

  function show(state, payload) {
    document.querySelectorAll('[data-check]').forEach((p) => { p.hidden = p.dataset.check !== state; });
    fields.hidden = !payload;
    if (!payload) return;
    fields.querySelectorAll('[data-field]').forEach((dd) => {
      dd.textContent = String(payload[dd.dataset.field] ?? '');
    });
  }

  async function check(text) {
    const found = parse(text);
    if (!found) return show('unreadable');
    let good = false;
    if (found.payload.code === found.code) {
      for (const key of await publicKeys(found.payload.kid)) {
        if (await signatureOk(key, found.payloadBytes, found.signature)) { good = true; break; }
      }
    }
    show(good ? 'good' : 'bad', good ? found.payload : null);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    check(link.value).catch(() => show('unreadable'));
  });
  // Opened offline from a QR link: the service worker answered /verify/... with this page.
  if (location.pathname.startsWith('/verify/')) {
    link.value = location.href;
    check(location.href).catch(() => show('unreadable'));
  }
})();
