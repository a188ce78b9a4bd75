//! Security headers on every response, including a Content Security Policy whose only inline
//! script allowance is a fresh per-response nonce, which Leptos puts on its hydration scripts
//! (or, on a cached public page, the hashes of its scripts).

use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// The nonce of the current response, for the page renderer.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

pub async fn security_headers(mut request: Request, next: Next) -> Response {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    let nonce = URL_SAFE_NO_PAD.encode(bytes);
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if let Ok(policy) = HeaderValue::from_str(&policy(&format!("'nonce-{nonce}'"))) {
        headers
            .entry(header::CONTENT_SECURITY_POLICY)
            .or_insert(policy);
    }
    response
}

/// The policy of a page kept for many visitors (see `page_cache`): its inline scripts are allowed
/// by their hashes, since a nonce shared by every visitor would be no secret.
pub fn policy_with_hashes(hashes: &[String]) -> String {
    policy(&hashes.join(" "))
}

/// Scripts only from this site or the allowed inline ones; wasm may compile; no plugins, frames,
/// foreign forms or base changes.
fn policy(inline_scripts: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' {inline_scripts} 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; object-src 'none'; base-uri 'self'"
    )
}
