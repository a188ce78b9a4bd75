//! The public pages (catalogue, courses, lessons) as an anonymous visitor sees them, kept in memory
//! for a minute, compressed once, so a class opening the same lesson costs one render.
//!
//! Only requests with no session and no flash cookie are served from here, keyed by path and the
//! negotiated language; a request with a query string, and any response that is not a plain 200
//! HTML page without cookies and with no `no-store`, passes through untouched. A cached page cannot
//! reuse a per-response script nonce, so its inline scripts are allowed by their SHA-256 hashes
//! instead (the nonce attributes are removed). Course content changes only when a server starts;
//! a page is dropped as soon as this server imports or publishes content (the store's content
//! generation), and the short lifetime bounds staleness when another server of the same database
//! does.

use std::collections::HashMap;
use std::io::Write as _;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use app::i18n::Locale;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::cookies::{cookie, FLASH_COOKIE, SESSION_COOKIE_NAMES};
use super::headers::{policy_with_hashes, CspNonce};
use crate::store::Store;

/// Paths that render the same for every anonymous visitor of a language.
const PUBLIC_PREFIXES: [&str; 2] = ["/courses/", "/lessons/"];
const LIFETIME: Duration = Duration::from_secs(60);
/// Far above the course's lessons, so only junk paths (which 404 and are never kept) hit it.
const MAX_ENTRIES: usize = 2_000;
const MAX_PATH: usize = 200;
/// A rendered page larger than this is served but not kept.
const MAX_PAGE_BYTES: usize = 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    path: String,
    locale: Locale,
}

/// One cached page: its headers (with the hash-based policy) and its body, plain and gzipped.
struct Page {
    made: Instant,
    /// The store's content generation when the page was rendered.
    generation: u64,
    headers: HeaderMap,
    plain: Bytes,
    gzip: Bytes,
}

pub struct PageCache {
    pages: RwLock<HashMap<Key, Arc<Page>>>,
    store: Store,
}

impl PageCache {
    pub fn new(store: Store) -> PageCache {
        PageCache {
            pages: RwLock::default(),
            store,
        }
    }

    fn fresh(&self, key: &Key) -> Option<Arc<Page>> {
        let generation = self.store.content_generation();
        let pages = self.pages.read().ok()?;
        pages
            .get(key)
            .filter(|page| page.made.elapsed() < LIFETIME && page.generation == generation)
            .cloned()
    }

    /// Keeps `page` unless a fresh one is already kept (a concurrent render); returns the kept one,
    /// so every visitor of that minute gets the same bytes.
    fn keep(&self, key: Key, page: Arc<Page>) -> Arc<Page> {
        let Ok(mut pages) = self.pages.write() else {
            return page;
        };
        let current =
            |p: &&Arc<Page>| p.made.elapsed() < LIFETIME && p.generation == page.generation;
        if let Some(kept) = pages.get(&key).filter(current) {
            return kept.clone();
        }
        if pages.len() >= MAX_ENTRIES {
            pages.retain(|_, page| page.made.elapsed() < LIFETIME);
        }
        if pages.len() < MAX_ENTRIES {
            pages.insert(key, page.clone());
        }
        page
    }
}

/// Middleware: answers public pages from the cache, or renders, keeps and answers them.
pub async fn serve(
    State(cache): State<Arc<PageCache>>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(key) = cache_key(&request) else {
        return next.run(request).await;
    };
    let gzip = accepts_gzip(request.headers());
    if let Some(page) = cache.fresh(&key) {
        return page.response(gzip, true);
    }
    let nonce = request.extensions().get::<CspNonce>().cloned();
    // Read before rendering: content published meanwhile makes this page stale at once.
    let generation = cache.store.content_generation();
    // Rendered uncompressed, so the page is compressed once here rather than per request.
    request.headers_mut().remove(header::ACCEPT_ENCODING);
    let response = next.run(request).await;
    let (Some(nonce), true) = (nonce, keepable(&response)) else {
        return response;
    };
    let (parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(?error, path = key.path, "page too large or body failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let Some(page) = Page::new(parts.headers.clone(), &bytes, &nonce.0, generation) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    cache.keep(key, Arc::new(page)).response(gzip, false)
}

/// The key of a request that may be answered from the cache.
fn cache_key(request: &Request) -> Option<Key> {
    let uri = request.uri();
    let path = uri.path();
    let public = path == "/" || PUBLIC_PREFIXES.iter().any(|p| path.starts_with(p));
    let headers = request.headers();
    let anonymous = SESSION_COOKIE_NAMES
        .iter()
        .chain([&FLASH_COOKIE])
        .all(|name| cookie(headers, name).is_none());
    let plain_get = request.method() == Method::GET && uri.query().is_none();
    if !(public && anonymous && plain_get && path.len() <= MAX_PATH) {
        return None;
    }
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let locale = Locale::negotiate(text(header::COOKIE), text(header::ACCEPT_LANGUAGE));
    Some(Key {
        path: path.to_string(),
        locale,
    })
}

fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            name.eq_ignore_ascii_case("gzip") && !refused
        })
}

/// A plain 200 HTML page that sets no cookie and does not forbid storing.
fn keepable(response: &Response) -> bool {
    let headers = response.headers();
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let storable = headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .all(|v| !v.contains("no-store") && !v.contains("private"));
    response.status() == StatusCode::OK
        && html
        && storable
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
}

impl Page {
    /// The page without its nonce, its scripts allowed by hash; `None` if it is not UTF-8.
    fn new(mut headers: HeaderMap, body: &[u8], nonce: &str, generation: u64) -> Option<Page> {
        let html = std::str::from_utf8(body).ok()?;
        let hashes = inline_script_hashes(html, nonce);
        // Leptos also writes the nonce as the value of `crossorigin` on its preload links; an
        // empty value means the same (anonymous), and no trace of the nonce stays in the page.
        let html = html
            .replace(&format!(" nonce=\"{nonce}\""), "")
            .replace(&format!("=\"{nonce}\""), "=\"\"");
        let policy = HeaderValue::from_str(&policy_with_hashes(&hashes)).ok()?;
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        headers.remove(header::CONTENT_LENGTH);
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(html.as_bytes()).ok()?;
        let gzip = encoder.finish().ok()?;
        Some(Page {
            made: Instant::now(),
            generation,
            headers,
            plain: Bytes::from(html),
            gzip: Bytes::from(gzip),
        })
    }

    /// The page as a response; one from the cache says how old it is (`Age`, as HTTP caches do).
    fn response(&self, gzip: bool, from_cache: bool) -> Response {
        let body = if gzip { &self.gzip } else { &self.plain };
        let mut response = Response::new(Body::from(body.clone()));
        *response.headers_mut() = self.headers.clone();
        if from_cache {
            response.headers_mut().insert(
                header::AGE,
                HeaderValue::from(self.made.elapsed().as_secs()),
            );
        }
        if gzip {
            response
                .headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        response
    }
}

/// `'sha256-…'` sources for the text of every inline script that carries `nonce`.
fn inline_script_hashes(html: &str, nonce: &str) -> Vec<String> {
    let marker = format!("nonce=\"{nonce}\"");
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        let text = &body[..close];
        if tag.contains(&marker) && !text.is_empty() {
            let hash = format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(text.as_bytes()))
            );
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
        rest = &body[close..];
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_the_scripts_that_carry_the_nonce() {
        let html = r#"<script nonce="n1">a()</script><script src="/x.js"></script><script type="module" nonce="n1">b()</script><script>c()</script>"#;
        let hashes = inline_script_hashes(html, "n1");
        let expected = |text: &str| {
            format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(text.as_bytes()))
            )
        };
        assert_eq!(hashes, vec![expected("a()"), expected("b()")]);
    }

    #[test]
    fn gzip_counts_only_when_not_refused() {
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
            accepts_gzip(&headers)
        };
        assert!(with("gzip, deflate, br"));
        assert!(with("br;q=1.0, GZIP;q=0.5"));
        assert!(!with("gzip;q=0, br"));
        assert!(!with("identity"));
    }
}
