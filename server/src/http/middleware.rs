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
use super::cookies::{self, cookie, SESSION_COOKIE};
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
    let actor = match cookie(request.headers(), SESSION_COOKIE) {
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

/// Refuses state-changing requests whose `Origin` (or, lacking it, `Referer`) is another site.
pub async fn same_origin(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || is_same_origin(request.headers()) {
        return next.run(request).await;
    }
    (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
}

fn is_same_origin(headers: &HeaderMap) -> bool {
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
    let without_scheme = source.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    without_scheme.split('/').next() == Some(host)
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
        assert!(is_same_origin(&headers(&[
            ("host", "a.cn"),
            ("origin", "https://a.cn")
        ])));
        assert!(is_same_origin(&headers(&[
            ("host", "a.cn:3000"),
            ("referer", "http://a.cn:3000/x")
        ])));
        assert!(!is_same_origin(&headers(&[
            ("host", "a.cn"),
            ("origin", "https://evil.cn")
        ])));
        assert!(!is_same_origin(&headers(&[
            ("host", "a.cn"),
            ("origin", "https://a.cn.evil.cn")
        ])));
        assert!(!is_same_origin(&headers(&[("host", "a.cn")])));
    }
}
