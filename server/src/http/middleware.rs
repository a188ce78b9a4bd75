//! What runs around every request: the tracing span (method, path, user, region, latency), the
//! acting user from the session cookie, the same-origin check that protects every state-changing
//! request (forms and server functions alike) from CSRF, and the flash messages forms leave.

use app::backend::{AccountsApi, Actor};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Extension;

use super::client::ClientAddress;
use super::cookies::{self, forwarded_https};
use super::respond::{redirect, PendingFlash};
use super::AppState;

/// The span every request runs in; the actor middleware fills in who it is.
pub fn request_span(request: &Request) -> tracing::Span {
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        user = tracing::field::Empty,
        region = tracing::field::Empty,
    )
}

/// Puts the acting user of the session cookie (or `Actor::Anonymous`) into the request. Someone
/// whose password was reset is sent to choose a new one before any other page. Nothing answered
/// to a signed-in user may be cached.
pub async fn resolve_actor(
    State(state): State<AppState>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    mut request: Request,
    next: Next,
) -> Response {
    let actor = match state.session_cookie.token(request.headers()) {
        Some(token) => match state.services.actor_for_token(&token, &address).await {
            Ok(actor) => actor,
            Err(error) => {
                tracing::error!(?error, "session look-up failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
        None => Actor::Anonymous,
    };
    if let Actor::User(user) = &actor {
        let span = tracing::Span::current();
        span.record("user", user.id);
        if let Some(region) = user.region_id {
            span.record("region", region);
        }
    }
    let must_change = matches!(&actor, Actor::User(user) if user.must_change_password);
    let path = request.uri().path();
    let exempt = [
        "/account/password",
        "/auth/",
        "/api/",
        "/lang/",
        "/media/",
        "/sync/",
    ];
    if must_change && request.method() == Method::GET && !exempt.iter().any(|p| path.starts_with(p))
    {
        return redirect("/account/password", None);
    }
    let signed_in = matches!(actor, Actor::User(_));
    request.extensions_mut().insert(actor);
    let mut response = next.run(request).await;
    if signed_in {
        // What a signed-in person sees (names, identity numbers, exports) must not stay in a
        // shared phone's browser cache or a proxy.
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Reads the flash a form left for this page (and clears it), and signs the flash a failed form
/// asks for into a cookie.
pub async fn flash(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let key = &state.services.data_key;
    let found = (request.method() == Method::GET)
        .then(|| cookies::read_flash(key, request.headers(), request.uri().path()))
        .flatten();
    let read = found.is_some();
    if let Some(flash) = found {
        request.extensions_mut().insert(flash);
    }
    let mut response = next.run(request).await;
    let pending = response.extensions_mut().remove::<PendingFlash>();
    let set = match pending {
        Some(p) => cookies::flash_cookie(key, &p.path, &p.problem),
        None => read.then(|| cookies::expired(cookies::FLASH_COOKIE)),
    };
    if let Some(value) = set.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Refuses state-changing requests whose `Origin` (or, lacking it, `Referer`) is another site,
/// and audited reads (a full identity number, the household export) that another site started or
/// that are not a page the user opened (an `<img>` pointing at them).
pub async fn same_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let allowed = if safe {
        !is_audited_read(request.uri().path()) || opened_by_the_user(request.headers())
    } else {
        is_same_origin(request.headers(), state.session_cookie.https())
    };
    if allowed {
        return next.run(request).await;
    }
    (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
}

/// The GET pages whose every load is written to the audit log in the user's name.
fn is_audited_read(path: &str) -> bool {
    path == "/households/export.csv"
        || (path.starts_with("/members/") && path.ends_with("/id-number"))
}

/// Whether the browser says the user opened this page themselves: typed, bookmarked or followed
/// from this site (`Sec-Fetch-Site`), as a page or a download (`Sec-Fetch-Dest`). A browser too
/// old to send these headers is let through, as before.
fn opened_by_the_user(headers: &HeaderMap) -> bool {
    let value = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let site_ok = value("sec-fetch-site").is_none_or(|site| matches!(site, "same-origin" | "none"));
    let dest_ok = value("sec-fetch-dest").is_none_or(|dest| matches!(dest, "document" | "empty"));
    site_ok && dest_ok
}

/// Over HTTPS the source must be HTTPS too: a page a network attacker injects into plain-HTTP
/// traffic to the same host is another origin.
fn is_same_origin(headers: &HeaderMap, https_site: bool) -> bool {
    let value = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let Some(host) = value(header::HOST) else {
        return false;
    };
    let Some(source) = value(header::ORIGIN).or_else(|| value(header::REFERER)) else {
        return false;
    };
    let Some((scheme, rest)) = source.split_once("://") else {
        return false;
    };
    let scheme_ok = match scheme.to_ascii_lowercase().as_str() {
        "https" => true,
        "http" => !(https_site || forwarded_https(headers)),
        _ => false,
    };
    scheme_ok && rest.split('/').next() == Some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn same_origin_needs_a_matching_origin_or_referer() {
        let plain = |pairs| is_same_origin(&headers(pairs), false);
        assert!(plain(&[("host", "a.cn"), ("origin", "https://a.cn")]));
        assert!(plain(&[
            ("host", "a.cn:3000"),
            ("referer", "http://a.cn:3000/x")
        ]));
        assert!(!plain(&[("host", "a.cn"), ("origin", "https://evil.cn")]));
        assert!(!plain(&[
            ("host", "a.cn"),
            ("origin", "https://a.cn.evil.cn")
        ]));
        assert!(!plain(&[("host", "a.cn"), ("origin", "null")]));
        assert!(!plain(&[("host", "a.cn")]));
    }

    #[test]
    fn over_https_a_plain_http_source_is_another_origin() {
        let page = [("host", "a.cn"), ("origin", "http://a.cn")];
        assert!(!is_same_origin(&headers(&page), true));
        let proxied = [
            ("host", "a.cn"),
            ("origin", "http://a.cn"),
            ("x-forwarded-proto", "https"),
        ];
        assert!(!is_same_origin(&headers(&proxied), false));
        let secure = [("host", "a.cn"), ("origin", "HTTPS://a.cn")];
        assert!(is_same_origin(&headers(&secure), true));
    }

    #[test]
    fn audited_reads_open_only_from_this_site_as_a_page() {
        assert!(is_audited_read("/members/7/id-number"));
        assert!(is_audited_read("/households/export.csv"));
        assert!(!is_audited_read("/households/7"));
        let typed = [("sec-fetch-site", "none"), ("sec-fetch-dest", "document")];
        assert!(opened_by_the_user(&headers(&typed)));
        let followed = [
            ("sec-fetch-site", "same-origin"),
            ("sec-fetch-dest", "document"),
        ];
        assert!(opened_by_the_user(&headers(&followed)));
        assert!(opened_by_the_user(&headers(&[])), "an old browser");
        let from_elsewhere = [
            ("sec-fetch-site", "cross-site"),
            ("sec-fetch-dest", "document"),
        ];
        assert!(!opened_by_the_user(&headers(&from_elsewhere)));
        let same_site = [
            ("sec-fetch-site", "same-site"),
            ("sec-fetch-dest", "document"),
        ];
        assert!(!opened_by_the_user(&headers(&same_site)));
        let picture = [
            ("sec-fetch-site", "same-origin"),
            ("sec-fetch-dest", "image"),
        ];
        assert!(!opened_by_the_user(&headers(&picture)));
    }
}
